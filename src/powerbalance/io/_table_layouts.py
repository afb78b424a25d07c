"""The criteria table and the scores of the long and wide layouts, read into a study document.

Each reader turns rows into the entries of the document a TOML file parses to and
records where each field came from (``locations``), so that the study's own checks
point into the table. Problems of the table itself (an unknown column, a row without an
option) are recorded here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.io._problems import Collector, Location, Path
from powerbalance.io._table import (
    CRITERIA_COLUMNS,
    CRITERION_ROWS,
    LONG_COLUMNS,
    Table,
    cell_at,
    cell_json,
    cell_number,
    cell_text,
    header_columns,
    is_blank,
)
from powerbalance.io._table_locations import ScoreCells

__all__ = ["criteria_from_table", "header_block", "long_scores", "wide_scores"]


def _criterion_entry(
    name: Any,
    attributes: Mapping[str, tuple[Any, Location]],
    path: Path,
    locations: dict[Path, Location],
    problems: Collector,
) -> dict[str, Any]:
    """A criterion table of the document from the named attributes of one row or column."""
    entry: dict[str, Any] = {"name": name}
    for key in ("area", "kind", "unit", "description"):
        if key in attributes:
            entry[key] = cell_text(attributes[key][0])
            locations[(*path, key)] = attributes[key][1]
    for low_key, high_key, key, convert in (
        ("scale_low", "scale_high", "scale", cell_number),
        ("anchor_low", "anchor_high", "anchors", cell_text),
    ):
        given = [k for k in (low_key, high_key) if k in attributes]
        if len(given) == 2:
            entry[key] = [convert(attributes[low_key][0]), convert(attributes[high_key][0])]
            locations[(*path, key)] = attributes[low_key][1]
            locations[(*path, key, 0)] = attributes[low_key][1]
            locations[(*path, key, 1)] = attributes[high_key][1]
        elif given:
            other = high_key if given[0] == low_key else low_key
            problems.add(
                path,
                f"{given[0]} is given but {other} is not; give both or neither.",
                attributes[given[0]][1],
            )
    if "value_function" in attributes:
        value, location = attributes["value_function"]
        locations[(*path, "value_function")] = location
        function = cell_json(value, location, problems, (*path, "value_function"))
        if function is not None:
            entry["value_function"] = function
    return entry


def criteria_from_table(
    table: Table, locations: dict[Path, Location], problems: Collector
) -> list[dict[str, Any]] | None:
    """The criteria of a criteria table, or None after recording why it cannot be read."""
    if not table.rows:
        problems.add(
            (),
            f"{table.name()} is empty; it needs a header row and one row per criterion.",
            table.at(0),
        )
        return None
    columns = header_columns(table, CRITERIA_COLUMNS, ("criterion", "area", "kind"), problems)
    if columns is None:
        return None
    criteria: list[dict[str, Any]] = []
    for row in range(1, len(table.rows)):
        cells = table.rows[row]
        path: Path = ("criteria", len(criteria))
        locations[path] = table.at(row, columns["criterion"])
        locations[(*path, "name")] = table.at(row, columns["criterion"])
        attributes = {
            key: (cell_at(cells, column), table.at(row, column))
            for key, column in columns.items()
            if key != "criterion" and not is_blank(cell_at(cells, column))
        }
        criteria.append(
            _criterion_entry(
                cell_text(cell_at(cells, columns["criterion"]) or ""),
                attributes,
                path,
                locations,
                problems,
            )
        )
    return criteria


def _release(table: Table, row: int) -> list[Any]:
    """A row of scores, let go by the table once read.

    Its cells need not stay beside the numbers made of them, which would double a large
    table's memory.
    """
    cells = table.rows[row]
    table.rows[row] = _READ
    return cells


#: What a row of scores is replaced with once read (never modified).
_READ: list[Any] = []


def _score_cell(cells: Sequence[Any], columns: Mapping[str, int]) -> Any:
    extra = {}
    for key in LONG_COLUMNS[3:]:
        value = cell_at(cells, columns.get(key))
        if is_blank(value):
            continue
        extra[key] = (
            cell_text(value) if key in ("distribution", "rationale") else cell_number(value)
        )
    score = cell_number(cell_at(cells, columns["score"]))
    return {"score": score, **extra} if extra else score


def long_scores(
    table: Table,
    options: dict[str, dict[str, Any]],
    option_rows: dict[str, tuple[int, Location]],
    problems: Collector,
    *,
    fixed_options: bool,
) -> ScoreCells | None:
    """Scores of the long layout into ``options``, and where they are (None: bad header).

    New options are added in the order they first appear, unless ``fixed_options`` (a
    workbook's options sheet lists them), when an unlisted option is a problem.
    """
    columns = header_columns(table, LONG_COLUMNS, ("option", "criterion", "score"), problems)
    if columns is None:
        return None
    found = ScoreCells(table, columns, long=True)
    for row in range(1, len(table.rows)):
        cells = _release(table, row)
        option = cell_text(cell_at(cells, columns["option"]) or "")
        criterion = cell_text(cell_at(cells, columns["criterion"]) or "")
        if not option.strip() or not criterion.strip():
            missing = "option" if not option.strip() else "criterion"
            problems.add(
                (),
                f"this row has no {missing}; every row needs an option, a criterion and a score.",
                table.at(row, columns[missing]),
            )
            continue
        if option not in options:
            if fixed_options:
                problems.add(
                    (),
                    f"{option!r} is not one of the options listed on the options sheet."
                    + did_you_mean(option, options),
                    table.at(row, columns["option"]),
                )
                continue
            options[option] = {"name": option, "scores": {}}
            option_rows[option] = (len(option_rows), table.at(row, columns["option"]))
        position = option_rows[option][0]
        seen = found.score_rows.setdefault(position, {})
        if criterion in seen:
            problems.add(
                (),
                f"the score of option {option!r} on criterion {criterion!r} is given twice "
                f"(first on row {table.lines[seen[criterion]]}).",
                table.at(row),
            )
            continue
        seen[criterion] = row
        if is_blank(cell_at(cells, columns["score"])):
            # Reported by the study's checks as a missing score.
            continue
        options[option]["scores"][criterion] = _score_cell(cells, columns)
    return found


def wide_scores(
    table: Table,
    header: int,
    options: dict[str, dict[str, Any]],
    option_rows: dict[str, tuple[int, Location]],
    problems: Collector,
    *,
    fixed_options: bool,
) -> ScoreCells:
    """Scores from the header row ``option, <criterion>, ...`` on, and where they are."""
    names = [cell_text(cell) if not is_blank(cell) else "" for cell in table.rows[header]]
    criteria: list[str] = []
    for column, name in enumerate(names[1:], start=1):
        if not name:
            problems.add(
                (), "this column has no criterion name in the header row.", table.at(header, column)
            )
        elif name in criteria:
            problems.add((), f"the criterion {name!r} has two columns.", table.at(header, column))
        else:
            criteria.append(name)
    seen: set[str] = set()
    found = ScoreCells(
        table, {name: column for column, name in enumerate(names) if column and name}, long=False
    )
    for row in range(header + 1, len(table.rows)):
        cells = _release(table, row)
        option = cell_text(cell_at(cells, 0) or "")
        if not option.strip():
            problems.add((), "this row has no option name in its first cell.", table.at(row, 0))
            continue
        if option in seen:
            problems.add((), f"the option {option!r} has two rows.", table.at(row, 0))
            continue
        seen.add(option)
        if option not in options:
            if fixed_options:
                problems.add(
                    (),
                    f"{option!r} is not one of the options listed on the options sheet."
                    + did_you_mean(option, options),
                    table.at(row, 0),
                )
                continue
            options[option] = {"name": option, "scores": {}}
            option_rows[option] = (len(option_rows), table.at(row, 0))
        position = option_rows[option][0]
        found.option_rows[position] = row
        if len(cells) > len(names):
            extra = next((k for k in range(len(names), len(cells)) if not is_blank(cells[k])), None)
            if extra is not None:
                problems.add(
                    (),
                    "this cell is beyond the last column of the header row.",
                    table.at(row, extra),
                )
        for column, name in enumerate(names[1:], start=1):
            value = cell_at(cells, column)
            if not name or is_blank(value):
                continue
            options[option]["scores"][name] = cell_number(value)
    return found


def header_block(
    table: Table, header: int, locations: dict[Path, Location], problems: Collector
) -> list[dict[str, Any]]:
    """The criteria of a wide CSV file: the header's names and the attribute rows above it."""
    names = table.rows[header]
    attributes: dict[int, dict[str, tuple[Any, Location]]] = {
        column: {} for column in range(1, len(names))
    }
    for row in range(header):
        label = cell_text(cell_at(table.rows[row], 0) or "").strip().lower()
        if label not in CRITERION_ROWS:
            problems.add(
                (),
                f"unknown row {label!r} above the header row."
                + did_you_mean(label, CRITERION_ROWS)
                + f" The rows allowed there are {quoted_list(CRITERION_ROWS)}, then the "
                "header row starting with 'option'.",
                table.at(row, 0),
            )
            continue
        for column in attributes:
            value = cell_at(table.rows[row], column)
            if not is_blank(value):
                attributes[column][label] = (value, table.at(row, column))
    criteria: list[dict[str, Any]] = []
    for column in range(1, len(names)):
        if is_blank(names[column]):
            continue
        path: Path = ("criteria", len(criteria))
        locations[path] = table.at(header, column)
        locations[(*path, "name")] = table.at(header, column)
        entry = _criterion_entry(
            cell_text(names[column]), attributes[column], path, locations, problems
        )
        criteria.append(entry)
    for key in ("area", "kind"):
        problems.missing_hints[key] = f" Give it in the row {key!r} above the header row."
    return criteria
