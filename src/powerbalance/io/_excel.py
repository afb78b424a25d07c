"""Excel workbooks (``.xlsx``): one sheet per table, read and written with openpyxl.

openpyxl is an optional dependency (the ``excel`` extra), imported only here and only
when a workbook is read or written. Before openpyxl sees a workbook, the archive is
checked: its unpacked size must stay within the size limit (against zip bombs) and
no part may declare a DTD (against entity expansion).
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.errors import InvalidParameterError
from powerbalance.io._problems import Collector, Location
from powerbalance.io._table import Table
from powerbalance.io._table_rows import (
    criteria_rows,
    long_rows,
    option_rows,
    preset_rows,
    study_rows,
)
from powerbalance.io._tables import read_tables
from powerbalance.model.study import Study

__all__ = ["SHEETS", "parse_workbook", "write_workbook"]

#: The sheets of a workbook, in the order they are written.
SHEETS = ("study", "criteria", "options", "scores", "presets")

#: What zipfile raises on a damaged archive (a bad header, an unknown version or method,
#: a corrupt deflate stream, a bad CRC).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    ValueError,
    NotImplementedError,
    EOFError,
    KeyError,
)

_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _openpyxl() -> ModuleType:
    try:
        return importlib.import_module("openpyxl")
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            "Reading and writing Excel workbooks (.xlsx) needs openpyxl, which comes with "
            "powerbalance's 'excel' extra: pip install 'powerbalance[excel]'."
        ) from None


def _check_archive(data: bytes, max_bytes: int, problems: Collector) -> bool:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as error:
        problems.add(
            (),
            "not an Excel workbook: an .xlsx file is a zip archive, and this cannot be opened "
            f"as one ({error}).",
        )
        return False
    with archive:
        members = archive.infolist()
        unpacked = sum(member.file_size for member in members)
        if unpacked > max_bytes:
            problems.add(
                (),
                f"the workbook unpacks to {unpacked:,} bytes, more than the limit of "
                f"{max_bytes:,}; it was not read. If it is what you expect, pass a larger "
                "max_bytes.",
            )
            return False
        for member in members:
            if not member.filename.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(member) as part:
                    content = part.read(max_bytes + 1)
            except _ZIP_ERRORS as error:
                problems.add(
                    (), f"the workbook part {member.filename} cannot be unpacked ({error})."
                )
                return False
            if _DTD.search(content):
                problems.add(
                    (),
                    f"the workbook part {member.filename} declares a DTD or entities, which a "
                    "workbook never needs; it was refused unread.",
                )
                return False
    return True


def _rows(sheet: Any, file: str, name: str) -> Table:
    rows: list[list[Any]] = []
    lines: list[int] = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = list(row)
        if any(cell is not None and str(cell).strip() for cell in cells):
            while cells and cells[-1] is None:
                cells.pop()
            rows.append(cells)
            lines.append(number)
    return Table(rows, lines, file, sheet=name)


def parse_workbook(
    data: bytes, file: str, max_bytes: int, problems: Collector
) -> tuple[dict[str, Any], dict[Any, Location]] | None:
    """The study document of a workbook's sheets, or None after recording problems."""
    openpyxl = _openpyxl()
    if not _check_archive(data, max_bytes, problems):
        return None
    tables: dict[str, Table] = {}
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for sheet in workbook.worksheets:
                key = sheet.title.strip().lower()
                if key not in SHEETS:
                    problems.add(
                        (),
                        f"unknown sheet {sheet.title!r}."
                        + did_you_mean(key, SHEETS)
                        + f" The sheets a workbook may have are {quoted_list(SHEETS)}.",
                        Location(sheet=sheet.title),
                    )
                    continue
                tables[key] = _rows(sheet, file, sheet.title)
        finally:
            workbook.close()
    # openpyxl raises many exception types on a damaged workbook.
    except Exception as error:
        problems.add((), f"cannot be read as an Excel workbook: {type(error).__name__}: {error}")
        return None
    if "scores" not in tables:
        problems.add((), "the workbook has no sheet 'scores'; it needs one, with the scores.")
        return None
    return read_tables(
        scores=tables["scores"],
        criteria=tables.get("criteria"),
        options=tables.get("options"),
        study=tables.get("study"),
        presets=tables.get("presets"),
        problems=problems,
    )


def write_workbook(study: Study, path: Path) -> None:
    """Write a study as a workbook with the sheets of :data:`SHEETS`.

    Raises
    ------
    InvalidParameterError
        A text holds a control character, which a workbook cannot store.
    """
    openpyxl = _openpyxl()
    illegal_character = importlib.import_module("openpyxl.utils.exceptions").IllegalCharacterError

    a = study.assessment
    workbook = openpyxl.Workbook()
    sheets: list[tuple[str, Sequence[Sequence[Any]]]] = [
        ("study", study_rows(study)),
        ("criteria", criteria_rows(a)),
        ("options", option_rows(a)),
        ("scores", long_rows(a)),
    ]
    if study.presets:
        sheets.append(("presets", preset_rows(study)))
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            try:
                sheet.append([None if value == "" else value for value in row])
            except illegal_character:
                raise InvalidParameterError(
                    f"The {title} sheet would hold a text with a control character "
                    f"({row!r:.120}), which an Excel workbook cannot store. Remove it, or "
                    "save as TOML or JSON."
                ) from None
        for cells in sheet.iter_rows():
            for cell in cells:
                # Text is text: a rationale starting with "=" must not become a formula.
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
