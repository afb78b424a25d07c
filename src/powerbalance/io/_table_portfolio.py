"""The package problem of an Excel workbook: the sheet ``portfolio``.

One row per key of the study file's ``[portfolio]`` table (columns ``key, value``):
``budget``, ``minimum``, ``costs``, ``synergies``, ``exclusions`` and ``requires`` hold their
tables or arrays as JSON (``{"Money": 10, "Political capital": "unlimited"}``);
``min_size`` and ``max_size`` a number. The rows are read into the study document's
``portfolio``, with the cell of every key recorded, so that the study's checks point
into the sheet.
"""

from __future__ import annotations

import json
from typing import Any

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.io._document_portfolio import PORTFOLIO_KEYS, portfolio_table
from powerbalance.io._problems import Collector, Location, Path
from powerbalance.io._table import Table, cell_at, cell_text, header_columns, is_blank
from powerbalance.model.study import Study

__all__ = ["PORTFOLIO_COLUMNS", "portfolio_rows", "read_portfolio_sheet"]

PORTFOLIO_COLUMNS = ("key", "value")


def read_portfolio_sheet(
    table: Table,
    document: dict[str, Any],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    """Add the sheet's package problem to ``document``, and where each key is."""
    if not table.rows:
        return
    columns = header_columns(table, PORTFOLIO_COLUMNS, PORTFOLIO_COLUMNS, problems)
    if columns is None:
        return
    portfolio: dict[str, Any] = {}
    locations[("portfolio",)] = table.at(0, 0)
    for row in range(1, len(table.rows)):
        cells = table.rows[row]
        key_cell = cell_at(cells, columns["key"])
        if is_blank(key_cell):
            continue
        key = cell_text(key_cell).strip().lower()
        if key not in PORTFOLIO_KEYS:
            problems.add(
                (),
                f"unknown key {key!r}."
                + did_you_mean(key, PORTFOLIO_KEYS)
                + f" The keys allowed are {quoted_list(PORTFOLIO_KEYS)}.",
                table.at(row, columns["key"]),
            )
            continue
        if key in portfolio:
            problems.add((), f"the key {key!r} is given twice.", table.at(row))
            continue
        location = table.at(row, columns["value"])
        value = cell_at(cells, columns["value"])
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except (ValueError, RecursionError) as error:
                problems.add(
                    (),
                    f'expected JSON, such as {{"Money": 10}}; found {value[:60]!r} ({error}).',
                    location,
                )
                continue
        portfolio[key] = value
        locations[("portfolio", key)] = location
    document["portfolio"] = portfolio


def portfolio_rows(study: Study) -> list[list[Any]]:
    """The portfolio sheet: each key of the study file's table, its value as JSON."""
    rows: list[list[Any]] = [list(PORTFOLIO_COLUMNS)]
    for key, value in portfolio_table(study.portfolio).items():
        rows.append(
            [key, value if isinstance(value, int) else json.dumps(value, ensure_ascii=False)]
        )
    return rows
