"""A table of cells read from a CSV file or a worksheet, and the columns of each layout.

Layouts (see ``docs/formats.md``):

- *wide*: a header row ``option, <criterion>, ...`` and one row per option; in a CSV
  file the criteria's attributes are rows above the header, labelled in their first
  cell (``area``, ``kind``, ``unit``, ...).
- *long*: columns ``option, criterion, score`` and optionally ``distribution, low,
  mode, high, mean, sd, rationale``, one row per score; in a CSV file the criteria
  are in the companion table ``<name>.criteria.csv``.
- *criteria*: one row per criterion, columns ``criterion, area, kind, unit, ...``.

An Excel workbook adds the sheets ``study`` (key and value rows), ``options`` and
``presets``. A cell is read as a person wrote it: spreadsheet numbers as numbers,
CSV text as a number where it is one.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from typing import Any

import attrs

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.io._formulas import unescape_formula
from powerbalance.io._problems import Collector, Location, Path

__all__ = [
    "CRITERIA_COLUMNS",
    "CRITERION_ROWS",
    "LONG_COLUMNS",
    "OPTION_COLUMNS",
    "PRESET_COLUMNS",
    "STUDY_KEYS",
    "Table",
    "cell_at",
    "cell_json",
    "cell_number",
    "cell_text",
    "header_columns",
    "is_blank",
    "parse_csv",
]

#: Columns of the criteria table (and rows of a wide CSV file's header block).
CRITERIA_COLUMNS = (
    "criterion",
    "area",
    "kind",
    "unit",
    "scale_low",
    "scale_high",
    "anchor_low",
    "anchor_high",
    "value_function",
    "description",
)
#: The attribute rows a wide CSV file may have above its header.
CRITERION_ROWS = CRITERIA_COLUMNS[1:]
#: Columns of the long layout.
LONG_COLUMNS = (
    "option",
    "criterion",
    "score",
    "distribution",
    "low",
    "mode",
    "high",
    "mean",
    "sd",
    "rationale",
)
#: Columns of an Excel workbook's options sheet.
OPTION_COLUMNS = ("option", "description", "baseline")
#: Keys of an Excel workbook's study sheet.
STUDY_KEYS = (
    "format",
    "name",
    "title",
    "description",
    "author",
    "date",
    "disclaimer",
    "scale_description",
)
#: Columns of an Excel workbook's presets sheet.
PRESET_COLUMNS = ("preset", "weighting")


@attrs.frozen
class Table:
    """Rows of cells read from a CSV file or a worksheet, with where each row is."""

    rows: list[list[Any]]
    lines: list[int]
    file: str
    sheet: str | None = None
    companion: bool = False

    def at(self, row: int, column: int | None = None) -> Location:
        """The location of a cell (0-based row index into ``rows`` and column)."""
        return Location(
            self.lines[row] if row < len(self.lines) else None,
            None if column is None else column + 1,
            self.sheet,
            self.file if self.companion else None,
        )

    def name(self) -> str:
        """The table, for messages."""
        return f"sheet {self.sheet!r}" if self.sheet is not None else self.file


# -- cells ---------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    """Whether a cell is empty or only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> Any:
    """A cell as text (numbers from a spreadsheet written as a person would)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def cell_number(value: Any) -> Any:
    """A cell as a number where it is one; otherwise the text, for the checks to report."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return cell_text(value)


def cell_json(value: Any, location: Location, problems: Collector, path: Path) -> Any:
    """A cell holding JSON, parsed, or None after recording a problem at ``location``."""
    text = cell_text(value)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        problems.add(
            path,
            f'expected a JSON object such as {{"shape": "exponential", "rho": 5}}; '
            f"found {text[:60]!r} ({error}).",
            location,
        )
        return None


def cell_at(row: Sequence[Any], column: int | None) -> Any:
    """The cell of ``row`` in ``column``, or None where the row is short or no column."""
    if column is None or column >= len(row):
        return None
    return row[column]


# -- reading CSV ---------------------------------------------------------------------------

#: A line and its end (\r\n, \r or \n, as a file opened with newline="" splits them).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")


def parse_csv(
    text: str, file: str, problems: Collector, *, companion: bool = False
) -> Table | None:
    """The rows of a CSV text (blank rows dropped), or None after recording a problem."""
    rows: list[list[Any]] = []
    lines: list[int] = []
    # Lines as csv wants them (ends kept), one at a time: a StringIO would copy the text,
    # at up to four bytes a character.
    lines_of_text = (match.group() for match in _LINE.finditer(text))
    reader = csv.reader(lines_of_text, strict=True)
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append([unescape_formula(cell) if cell[:1] == "'" else cell for cell in row])
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        problems.add(
            (),
            f"not valid CSV: {error}.",
            Location(reader.line_num, None, None, file if companion else None),
        )
        return None
    return Table(rows, lines, file, companion=companion)


def header_columns(
    table: Table,
    allowed: Sequence[str],
    required: Sequence[str],
    problems: Collector,
    row: int = 0,
) -> dict[str, int] | None:
    """Column positions by name, from the header row; problems for unknown or missing ones."""
    columns: dict[str, int] = {}
    ok = True
    for position, cell in enumerate(table.rows[row]):
        name = cell_text(cell).strip().lower() if not is_blank(cell) else ""
        if not name:
            continue
        if name not in allowed:
            problems.add(
                (),
                f"{table.name()} has an unknown column {name!r}."
                + did_you_mean(name, allowed)
                + f" The columns allowed are {quoted_list(allowed, limit=20)}.",
                table.at(row, position),
            )
            ok = False
        elif name in columns:
            problems.add((), f"the column {name!r} appears twice.", table.at(row, position))
            ok = False
        else:
            columns[name] = position
    missing = [name for name in required if name not in columns]
    if missing:
        problems.add(
            (),
            f"{table.name()} needs the column{'s' if len(missing) > 1 else ''} "
            f"{quoted_list(missing)} in its header row.",
            table.at(row),
        )
        ok = False
    return columns if ok else None
