"""The screening rules and the sorting model of a workbook: sheets ``screening`` and ``sorting``.

The sheet ``screening`` has one row per rule of the study file's ``[[screening.rules]]``,
with the columns ``kind, criterion, area, at_least, at_most, limit, scenarios, reason``
(a rule leaves the cells it does not use blank), and one row whose ``kind`` is
``do-minimum`` naming the do-minimum option in the column ``option``. The sheet
``sorting`` has one row per key of the ``[sorting]`` table (columns ``key, value``):
``model`` and ``rule`` as text, ``threshold`` and ``cut`` as numbers, and
``categories``, ``profiles``, ``vetoes``, ``indifference``, ``preference`` and ``veto``
as JSON, as on the portfolio sheet. Both are read into the study document with the
cell of every field recorded, so that the study's checks point into the sheet.
"""

from __future__ import annotations

from typing import Any

from powerbalance.io._document_screening import rule_table
from powerbalance.io._document_sorting import SORTING_KEYS, sorting_table
from powerbalance.io._key_value_sheet import (
    KEY_VALUE_COLUMNS,
    key_value_rows,
    read_key_value_sheet,
)
from powerbalance.io._problems import Collector, Location, Path
from powerbalance.io._table import Table, cell_at, cell_number, cell_text, header_columns, is_blank
from powerbalance.model.study import Study

__all__ = [
    "DO_MINIMUM",
    "SCREENING_COLUMNS",
    "SORTING_COLUMNS",
    "read_screening_sheet",
    "read_sorting_sheet",
    "screening_rows",
    "sorting_rows",
]

SCREENING_COLUMNS = (
    "kind",
    "criterion",
    "area",
    "at_least",
    "at_most",
    "limit",
    "scenarios",
    "reason",
    "option",
)
SORTING_COLUMNS = KEY_VALUE_COLUMNS

DO_MINIMUM = "do-minimum"
"""The ``kind`` of the screening sheet's row that names the do-minimum option.

Examples
--------
>>> DO_MINIMUM
'do-minimum'
"""

_NUMBERS = ("at_least", "at_most", "limit")
_TEXTS = ("model", "rule")
_SORTING_KEYS = tuple(dict.fromkeys(key for keys in SORTING_KEYS.values() for key in keys))


def read_screening_sheet(
    table: Table,
    document: dict[str, Any],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    """Add the sheet's rules and do-minimum option to ``document``, and where each cell is."""
    if not table.rows:
        return
    columns = header_columns(table, SCREENING_COLUMNS, ("kind",), problems)
    if columns is None:
        return
    screening: dict[str, Any] = {}
    rules: list[dict[str, Any]] = []
    locations[("screening",)] = table.at(0, 0)
    for row in range(1, len(table.rows)):
        cells = table.rows[row]
        if all(is_blank(cell) for cell in cells):
            continue
        kind = cell_at(cells, columns["kind"])
        if not is_blank(kind) and cell_text(kind).strip().lower() == DO_MINIMUM:
            _read_do_minimum(table, row, columns, screening, locations, problems)
            continue
        path: Path = ("screening", "rules", len(rules))
        locations[path] = table.at(row, columns["kind"])
        rule: dict[str, Any] = {}
        for name, column in columns.items():
            value = cell_at(cells, column)
            if name == "option" or is_blank(value):
                if name == "option" and not is_blank(value):
                    problems.add(
                        (),
                        f"the column 'option' is for the {DO_MINIMUM!r} row; a rule names a "
                        "criterion or an area.",
                        table.at(row, column),
                    )
                continue
            rule[name] = cell_number(value) if name in _NUMBERS else cell_text(value)
            locations[(*path, name)] = table.at(row, column)
        rules.append(rule)
    if rules:
        screening["rules"] = rules
    document["screening"] = screening


def _read_do_minimum(
    table: Table,
    row: int,
    columns: dict[str, int],
    screening: dict[str, Any],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    column = columns.get("option")
    option = cell_at(table.rows[row], column)
    if "do_minimum" in screening:
        problems.add((), f"the {DO_MINIMUM!r} row is given twice.", table.at(row))
        return
    if is_blank(option):
        problems.add(
            (),
            f"the {DO_MINIMUM!r} row names no option; give its name in the column 'option'.",
            table.at(row, column),
        )
        return
    screening["do_minimum"] = cell_text(option).strip()
    locations[("screening", "do_minimum")] = table.at(row, column)


def read_sorting_sheet(
    table: Table,
    document: dict[str, Any],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    """Add the sheet's sorting model to ``document``, and where each key is."""
    read_key_value_sheet(
        table,
        "sorting",
        _SORTING_KEYS,
        texts=_TEXTS,
        example='{"Trade gains": [4, 7]}',
        document=document,
        locations=locations,
        problems=problems,
    )


def screening_rows(study: Study) -> list[list[Any]]:
    """The screening sheet: a row per rule, and the do-minimum row if the study has one."""
    rows: list[list[Any]] = [list(SCREENING_COLUMNS)]
    for rule in study.screening_rules:
        table = rule_table(rule)
        rows.append([table.get(column, "") for column in SCREENING_COLUMNS])
    if study.do_minimum is not None:
        rows.append([DO_MINIMUM, *[""] * (len(SCREENING_COLUMNS) - 2), study.do_minimum])
    return rows


def sorting_rows(study: Study) -> list[list[Any]]:
    """The sorting sheet: each key of the study file's table, numbers and text as they are."""
    return key_value_rows(sorting_table(study.sorting))
