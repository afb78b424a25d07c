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
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.errors import InvalidParameterError, StudyFileError
from powerbalance.io._atomic import write_file
from powerbalance.io._problems import Collector, Location
from powerbalance.io._table import Table
from powerbalance.io._table_portfolio import portfolio_rows
from powerbalance.io._table_rows import (
    criteria_rows,
    long_rows,
    option_rows,
    preset_rows,
    study_rows,
)
from powerbalance.io._table_scenarios import change_rows, scenario_rows
from powerbalance.io._table_screening import screening_rows, sorting_rows
from powerbalance.io._tables import read_tables
from powerbalance.model.study import Study

__all__ = ["SHEETS", "parse_workbook", "write_workbook"]

#: The sheets of a workbook, in the order they are written.
SHEETS = (
    "study",
    "criteria",
    "options",
    "scores",
    "scenarios",
    "scenario changes",
    "presets",
    "portfolio",
    "screening",
    "sorting",
)

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


def _declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    # In pieces, so that a large sheet is never unpacked whole just to be scanned; each
    # piece is searched with the end of the one before, where a declaration may begin.
    overlap = b""
    with archive.open(member) as part:
        while piece := part.read(1 << 16):
            if _DTD.search(overlap + piece):
                return True
            overlap = piece[-8:]
    return False


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
                declares = _declares_dtd(archive, member)
            except _ZIP_ERRORS as error:
                problems.add(
                    (), f"the workbook part {member.filename} cannot be unpacked ({error})."
                )
                return False
            if declares:
                problems.add(
                    (),
                    f"the workbook part {member.filename} declares a DTD or entities, which a "
                    "workbook never needs; it was refused unread.",
                )
                return False
    return True


def parse_workbook(
    data: bytes, file: str, max_bytes: int, problems: Collector
) -> tuple[dict[str, Any], Mapping[Any, Location]] | None:
    """The study document of a workbook's sheets, or None after recording problems."""
    _openpyxl()
    if not _check_archive(data, max_bytes, problems):
        return None
    from powerbalance.io._sheets import SheetError, Sheets

    tables: dict[str, Table] = {}
    title: str | None = None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = Sheets(archive, file)
            for title, part in sheets.worksheets:
                key = title.strip().lower()
                if key not in SHEETS:
                    problems.add(
                        (),
                        f"unknown sheet {title!r}."
                        + did_you_mean(key, SHEETS)
                        + f" The sheets a workbook may have are {quoted_list(SHEETS)}.",
                        Location(sheet=title),
                    )
                    continue
                tables[key] = sheets.table(title, part)
    except SheetError as error:
        problems.add(
            (),
            f"cannot be read as an Excel workbook: {error.message}",
            Location(error.row, error.column, error.sheet),
        )
        return None
    except StudyFileError as error:
        # Malformed XML in a part: the parser's message names the part, line and column.
        problems.add((), f"cannot be read as an Excel workbook: {error}", Location(sheet=title))
        return None
    except _ZIP_ERRORS as error:
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
        scenarios=tables.get("scenarios"),
        changes=tables.get("scenario changes"),
        portfolio=tables.get("portfolio"),
        screening=tables.get("screening"),
        sorting=tables.get("sorting"),
        problems=problems,
    )


def write_workbook(study: Study, path: Path) -> None:
    """Write a study as a workbook with the sheets of :data:`SHEETS`.

    Raises
    ------
    InvalidParameterError
        A text holds a control character, which a workbook cannot store.
    FileWriteError
        The file cannot be written; a file already there is unchanged.
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
    if a.scenarios:
        sheets.append(("scenarios", scenario_rows(a)))
        sheets.append(("scenario changes", change_rows(a)))
    if study.presets:
        sheets.append(("presets", preset_rows(study)))
    if study.portfolio is not None:
        sheets.append(("portfolio", portfolio_rows(study)))
    if study.screening_rules or study.do_minimum is not None:
        sheets.append(("screening", screening_rows(study)))
    if study.sorting is not None:
        sheets.append(("sorting", sorting_rows(study)))
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
        _text_as_text(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_file(path, buffer.getvalue())


def _text_as_text(sheet: Any) -> None:
    """Store every text as a string cell, shown and read back as it was written.

    openpyxl turns a text starting with "=" into a formula and "#N/A" into an error
    value; a name or a rationale must not run in a spreadsheet, so its type is forced.
    """
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
