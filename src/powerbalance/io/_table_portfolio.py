"""The package problem of an Excel workbook: the sheet ``portfolio``.

One row per key of the study file's ``[portfolio]`` table (columns ``key, value``):
``budget``, ``minimum``, ``costs``, ``synergies``, ``exclusions`` and ``requires``
hold their tables or arrays as JSON (``{"Money": 10, "Political capital": "unlimited"}``);
``min_size`` and ``max_size`` a number. The rows are read into the study document's
``portfolio``, with the cell of every key recorded, so that the study's checks point
into the sheet.
"""

from __future__ import annotations

from typing import Any

from powerbalance.io._document_portfolio import PORTFOLIO_KEYS, portfolio_table
from powerbalance.io._key_value_sheet import KEY_VALUE_COLUMNS, key_value_rows, read_key_value_sheet
from powerbalance.io._problems import Collector, Location, Path
from powerbalance.io._table import Table
from powerbalance.model.study import Study

__all__ = ["PORTFOLIO_COLUMNS", "portfolio_rows", "read_portfolio_sheet"]

PORTFOLIO_COLUMNS = KEY_VALUE_COLUMNS


def read_portfolio_sheet(
    table: Table,
    document: dict[str, Any],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    """Add the sheet's package problem to ``document``, and where each key is."""
    read_key_value_sheet(
        table,
        "portfolio",
        PORTFOLIO_KEYS,
        example='{"Money": 10}',
        document=document,
        locations=locations,
        problems=problems,
    )


def portfolio_rows(study: Study) -> list[list[Any]]:
    """The portfolio sheet: each key of the study file's table, its value as JSON."""
    return key_value_rows(portfolio_table(study.portfolio))
