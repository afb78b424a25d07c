"""Reading the cells of an Excel workbook's worksheets sparsely, straight from its XML.

A worksheet lists only the cells that hold something, each with its reference
(``C7``); its declared dimension (``A1:XFD1048576``, say) and the gaps between cells
cost nothing to skip. Reading the XML as a stream, with the hardened parser of
:mod:`powerbalance.io._xml`, visits each cell present once and keeps no per-cell
object beyond its value, so a small workbook cannot make the reader walk a million
empty rows, and a large one takes memory in proportion to what it holds.

A row becomes a list from column A to its last cell; a sheet whose rows would need
more than :data:`MAX_CELLS` such places (a stray cell far to the right of a table,
repeated down the sheet) is refused, naming the cell.
"""

from __future__ import annotations

import contextlib
import importlib
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from powerbalance.io._table import Table
from powerbalance.io._xml import hardened_parser, run

__all__ = ["MAX_CELLS", "SheetError", "Sheets", "column_letters"]

MAX_CELLS = 4_000_000
"""The most places (empty ones included) the rows of one worksheet may span.

Each row is read from column A to its last cell. A study's sheets need a few columns;
a table of 100,000 rows by 40 criteria spans 4 million places.

Examples
--------
>>> f"{MAX_CELLS:,}"
'4,000,000'
"""

_CHUNK = 1 << 16


class SheetError(Exception):
    """A workbook part that cannot be read; the message says where and why."""

    def __init__(
        self,
        message: str,
        sheet: str | None = None,
        row: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.sheet = sheet
        self.row = row
        self.column = column


def column_letters(column: int) -> str:
    """The letters of a 1-based column number.

    Examples
    --------
    >>> column_letters(1), column_letters(28), column_letters(16384)
    ('A', 'AB', 'XFD')
    """
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _reference(text: str) -> tuple[int, int] | None:
    """The (row, column) of a reference such as ``AB12``, both 1-based; None if invalid."""
    column = 0
    position = 0
    while position < len(text) and 97 <= (code := ord(text[position]) | 0x20) <= 122:
        column = column * 26 + code - 96  # A (or a) is 1
        position += 1
    digits = text[position:]
    if not (0 < position <= 3 and digits.isdigit() and digits[0] != "0"):
        return None
    return int(digits), column


def _local(name: str) -> str:
    return name.rpartition(" ")[2]


class Sheets:
    """The worksheets of an opened ``.xlsx`` archive, read one by one on demand.

    Parameters
    ----------
    archive : zipfile.ZipFile
        The workbook, already checked for size and DTDs.
    file : str
        The file's name, for messages and tables.

    Raises
    ------
    SheetError
        A part the workbook needs is missing or malformed.
    """

    def __init__(self, archive: zipfile.ZipFile, file: str) -> None:
        self.archive = archive
        self.file = file
        # openpyxl's calendar and number-format rules, so that dates read as they did.
        self._dates = importlib.import_module("openpyxl.utils.datetime")
        self._numbers = importlib.import_module("openpyxl.styles.numbers")
        book = self._target("", "officeDocument") or "xl/workbook.xml"
        self.epoch: Any = self._dates.CALENDAR_WINDOWS_1900
        #: (title, part) of each worksheet, in the workbook's order.
        self.worksheets: list[tuple[str, str]] = []
        relations = self._relations(book)
        self._read_book(book, relations)
        strings = next((t for t, kind in relations.values() if kind == "sharedStrings"), None)
        styles = next((t for t, kind in relations.values() if kind == "styles"), None)
        self.strings = self._strings(strings) if strings else []
        self.dates = self._date_styles(styles) if styles else frozenset()
        # One object for each distinct text written in cells ("inline" strings, which is
        # how openpyxl writes them): a long table repeats each option's name on every row.
        self._texts: dict[str, str] = {}

    # -- the parts ------------------------------------------------------------------------

    def _stream(self, part: str) -> Iterator[bytes]:
        try:
            with self.archive.open(part) as stream:
                while chunk := stream.read(_CHUNK):
                    yield chunk
        except KeyError:
            raise SheetError(f"the workbook has no part {part}.") from None

    def _parse(self, part: str, **handlers: Callable[..., None]) -> None:
        parser = hardened_parser()
        for name, handler in handlers.items():
            setattr(parser, name, handler)
        run(parser, self._stream(part), f"{self.file}:{part}")

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Target and kind (the last word of its type) of each relationship, by id."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        found: dict[str, tuple[str, str]] = {}
        if rels not in self.archive.NameToInfo:
            return found

        def start(tag: str, attributes: dict[str, str]) -> None:
            if _local(tag) == "Relationship" and "Id" in attributes:
                target = attributes.get("Target", "")
                if target.startswith("/"):
                    target = target[1:]
                else:
                    target = posixpath.normpath(posixpath.join(folder, target))
                kind = attributes.get("Type", "").rpartition("/")[2]
                found[attributes["Id"]] = (target, kind)

        self._parse(rels, StartElementHandler=start)
        return found

    def _target(self, part: str, kind: str) -> str | None:
        relations = self._relations(part)
        return next((target for target, k in relations.values() if k == kind), None)

    def _read_book(self, book: str, relations: dict[str, tuple[str, str]]) -> None:
        def start(tag: str, attributes: dict[str, str]) -> None:
            local = _local(tag)
            if local == "workbookPr" and attributes.get("date1904") in ("1", "true"):
                self.epoch = self._dates.CALENDAR_MAC_1904
            elif local == "sheet":
                # The relationship id is the sheet's only namespaced attribute ("r:id").
                identifier = next((v for k, v in attributes.items() if k.endswith(" id")), "")
                target, kind = relations.get(identifier, ("", ""))
                if kind == "worksheet":
                    self.worksheets.append((attributes.get("name", ""), target))

        self._parse(book, StartElementHandler=start)

    def _strings(self, part: str) -> list[str]:
        strings: list[str] = []
        pieces: list[str] = []
        state = {"depth": 0, "text": False}

        def start(tag: str, attributes: dict[str, str]) -> None:
            local = _local(tag)
            if local == "rPh":  # a phonetic reading, not part of the text
                state["depth"] += 1
            elif local == "t" and not state["depth"]:
                state["text"] = True

        def end(tag: str) -> None:
            local = _local(tag)
            if local == "rPh":
                state["depth"] -= 1
            elif local == "t":
                state["text"] = False
            elif local == "si":
                strings.append("".join(pieces))
                pieces.clear()

        def text(data: str) -> None:
            if state["text"]:
                pieces.append(data)

        self._parse(
            part, StartElementHandler=start, EndElementHandler=end, CharacterDataHandler=text
        )
        return strings

    def _date_styles(self, part: str) -> frozenset[int]:
        formats: dict[int, str] = dict(self._numbers.BUILTIN_FORMATS)
        dates: set[int] = set()
        inside = {"cellXfs": False}
        count = [0]

        def start(tag: str, attributes: dict[str, str]) -> None:
            local = _local(tag)
            if local == "numFmt":
                with contextlib.suppress(ValueError):
                    formats[int(attributes.get("numFmtId", ""))] = attributes.get("formatCode", "")
            elif local == "cellXfs":
                inside["cellXfs"] = True
            elif local == "xf" and inside["cellXfs"]:
                code = formats.get(_integer(attributes.get("numFmtId")), "")
                if code and self._numbers.is_date_format(code):
                    dates.add(count[0])
                count[0] += 1

        def end(tag: str) -> None:
            if _local(tag) == "cellXfs":
                inside["cellXfs"] = False

        self._parse(part, StartElementHandler=start, EndElementHandler=end)
        return frozenset(dates)

    # -- a worksheet ----------------------------------------------------------------------

    def table(self, title: str, part: str) -> Table:
        """The non-blank rows of a worksheet, each from column A to its last cell.

        Raises
        ------
        SheetError
            A cell cannot be read, or the rows span more than :data:`MAX_CELLS` places.
        """
        rows: list[list[Any]] = []
        lines: list[int] = []
        # The current row's cells by column; the cell being read: row, column, type,
        # style, and its value's text.
        cells: dict[int, Any] = {}
        state: dict[str, Any] = {"row": 0, "column": 0, "type": "n", "style": 0, "in": None}
        pieces: list[str] = []
        spanned = [0]

        def start(tag: str, attributes: dict[str, str]) -> None:
            local = _local(tag)
            if local == "c":
                reference = attributes.get("r")
                if reference is None:
                    state["column"] += 1
                else:
                    found = _reference(reference)
                    if found is None:
                        raise SheetError(f"a cell has the reference {reference!r}.", title)
                    state["row"], state["column"] = found
                state["type"] = attributes.get("t", "n")
                state["style"] = _integer(attributes.get("s"))
                state["in"] = None
                pieces.clear()
            elif local == "row":
                number = attributes.get("r")
                state["row"] = state["row"] + 1 if number is None else _integer(number, -1)
                if state["row"] < 1:
                    raise SheetError(f"a row has the number {number!r}.", title)
                state["column"] = 0
            elif local == "v" or (local == "t" and state["type"] == "inlineStr"):
                state["in"] = local

        def end(tag: str) -> None:
            local = _local(tag)
            if local in ("v", "t"):
                state["in"] = None
            elif local == "c":
                if pieces or state["type"] == "inlineStr":
                    value = self._value(state["type"], "".join(pieces), state["style"])
                    if value is not None:
                        cells[state["column"]] = value
            elif local == "row":
                finish()

        def text(data: str) -> None:
            if state["in"] is not None:
                pieces.append(data)

        def finish() -> None:
            if not cells:
                return
            if any(not (isinstance(v, str) and not v.strip()) for v in cells.values()):
                width = max(cells)
                spanned[0] += width
                if spanned[0] > MAX_CELLS:
                    state["column"] = width
                    raise SheetError(
                        f"this cell makes the sheet's rows span {spanned[0]:,} cells so "
                        "far (each row is read from column A to its last cell), more than "
                        f"the limit of {MAX_CELLS:,}; the workbook was not read. Delete the "
                        "cells outside the table (select the columns to the right of it, "
                        "and the rows below it, and delete them), save, and read it again.",
                        title,
                        state["row"],
                        width,
                    )
                row = [None] * width
                for column, value in cells.items():
                    row[column - 1] = value
                rows.append(row)
                lines.append(state["row"])
            cells.clear()

        try:
            self._parse(
                part, StartElementHandler=start, EndElementHandler=end, CharacterDataHandler=text
            )
        except (ValueError, IndexError, OverflowError) as error:
            raise SheetError(
                f"the cell cannot be read ({error}).", title, state["row"], state["column"]
            ) from None
        finish()  # cells outside any row element
        return Table(rows, lines, self.file, sheet=title)

    def _value(self, kind: str, text: str, style: int) -> Any:
        """A cell's value as openpyxl gives it (data only: formulas' cached values)."""
        if kind == "n":
            if not text:
                return None
            try:
                number = float(text) if "." in text or "e" in text or "E" in text else int(text)
            except ValueError:
                raise ValueError(f"a number cell holds {text[:40]!r}") from None
            if style in self.dates:
                return self._dates.from_excel(number, self.epoch)
            return number
        if kind == "s":
            index = int(text)
            if not 0 <= index < len(self.strings):
                raise IndexError(f"no shared string {index}")
            return self.strings[index]
        if kind == "b":
            return text.strip() not in ("0", "false", "")
        if kind == "d":
            return self._dates.from_ISO8601(text)
        # "str" (a formula's text), "inlineStr", "e" (an error such as #N/A)
        return self._texts.setdefault(text, text)


def _integer(text: str | None, default: int = 0) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
