"""A sheet of ``key, value`` rows standing for one table of the study file.

The package problem (sheet ``portfolio``) and the sorting model (sheet ``sorting``) are
nested tables that a grid cannot hold cell by cell: each key of the table is a row, its
value a number, a text or JSON. Reading records the cell of every key, so that the
study's checks point into the sheet.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.io._problems import Collector, Location, Path
from powerbalance.io._table import Table, cell_at, cell_text, header_columns, is_blank

__all__ = ["KEY_VALUE_COLUMNS", "key_value_rows", "read_key_value_sheet"]

KEY_VALUE_COLUMNS = ("key", "value")


def read_key_value_sheet(
    table: Table,
    name: str,
    keys: Sequence[str],
    *,
    texts: Collection[str] = (),
    example: str,
    document: dict[str, Any],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    """Read the sheet into ``document[name]``, a key's value parsed as JSON unless in ``texts``.

    ``example`` is a JSON value shown when a cell holds something else.
    """
    if not table.rows:
        return
    columns = header_columns(table, KEY_VALUE_COLUMNS, KEY_VALUE_COLUMNS, problems)
    if columns is None:
        return
    read: dict[str, Any] = {}
    locations[(name,)] = table.at(0, 0)
    for row in range(1, len(table.rows)):
        cells = table.rows[row]
        key_cell = cell_at(cells, columns["key"])
        if is_blank(key_cell):
            continue
        key = cell_text(key_cell).strip().lower()
        if key not in keys:
            problems.add(
                (),
                f"unknown key {key!r}."
                + did_you_mean(key, keys)
                + f" The keys allowed are {quoted_list(keys)}.",
                table.at(row, columns["key"]),
            )
            continue
        if key in read:
            problems.add((), f"the key {key!r} is given twice.", table.at(row))
            continue
        location = table.at(row, columns["value"])
        value = cell_at(cells, columns["value"])
        if isinstance(value, str) and key in texts:
            value = value.strip()
        elif isinstance(value, str):
            try:
                value = json.loads(value)
            except (ValueError, RecursionError) as error:
                problems.add(
                    (),
                    f"expected JSON, such as {example}; found {value[:60]!r} ({error}).",
                    location,
                )
                continue
        read[key] = value
        locations[(name, key)] = location
    document[name] = read


def key_value_rows(table: Mapping[str, Any]) -> list[list[Any]]:
    """The rows of the sheet for ``table``: numbers and text as they are, the rest as JSON."""
    rows: list[list[Any]] = [list(KEY_VALUE_COLUMNS)]
    for key, value in table.items():
        plain = isinstance(value, int | float | str) and not isinstance(value, bool)
        rows.append([key, value if plain else json.dumps(value, ensure_ascii=False)])
    return rows
