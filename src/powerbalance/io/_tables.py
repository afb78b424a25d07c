"""A study document from a set of tables: a CSV file (and its companion), or a workbook.

Every table is turned into the same study document a TOML file parses to, with the
row and column of each cell recorded, so the checks (and their messages) are the
study file's own, located in the table. The layouts are described in
:mod:`powerbalance.io._table`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.io._document import FORMAT
from powerbalance.io._problems import Collector, Location, Path
from powerbalance.io._table import (
    OPTION_COLUMNS,
    PRESET_COLUMNS,
    STUDY_KEYS,
    Table,
    cell_at,
    cell_json,
    cell_text,
    header_columns,
    is_blank,
)
from powerbalance.io._table_layouts import (
    criteria_from_table,
    header_block,
    long_scores,
    wide_scores,
)
from powerbalance.io._table_locations import Locations, ScoreCells
from powerbalance.io._table_portfolio import read_portfolio_sheet
from powerbalance.io._table_scenarios import read_scenario_sheets
from powerbalance.io._table_screening import read_screening_sheet, read_sorting_sheet

__all__ = ["read_tables"]


def _layout(table: Table) -> str:
    """``"criteria"``, ``"long"`` or ``"wide"``, from the first row."""
    first = [
        cell_text(cell).strip().lower() if not is_blank(cell) else "" for cell in table.rows[0]
    ]
    if first[:1] == ["criterion"]:
        return "criteria"
    if first[:3] == ["option", "criterion", "score"]:
        return "long"
    return "wide"


def read_tables(
    *,
    scores: Table,
    criteria: Table | None,
    problems: Collector,
    options: Table | None = None,
    study: Table | None = None,
    presets: Table | None = None,
    scenarios: Table | None = None,
    changes: Table | None = None,
    portfolio: Table | None = None,
    screening: Table | None = None,
    sorting: Table | None = None,
) -> tuple[dict[str, Any], Mapping[Path, Location]]:
    """The study document of a set of tables, and where each of its fields is."""
    locations: dict[Path, Location] = {}
    cells: list[ScoreCells] = []
    document: dict[str, Any] = {"format": FORMAT}
    if study is not None:
        _read_study_sheet(study, document, locations, problems)
    entries: dict[str, dict[str, Any]] = {}
    option_rows: dict[str, tuple[int, Location]] = {}
    if options is not None:
        _read_options_sheet(options, entries, option_rows, locations, problems)
    fixed = options is not None
    if not scores.rows:
        problems.add((), f"{scores.name()} is empty.", scores.at(0))
        return document, Locations(locations, cells)
    layout = _layout(scores)
    if layout == "criteria":
        problems.add(
            (),
            "this is a criteria table (its first column is 'criterion'); load the table of "
            "scores it accompanies instead.",
            scores.at(0, 0),
        )
        return document, Locations(locations, cells)
    if layout == "long":
        if criteria is None:
            problems.add((), "a long table of scores needs its criteria table; none was found.")
            return document, Locations(locations, cells)
        located = long_scores(scores, entries, option_rows, problems, fixed_options=fixed)
        if located is None:
            return document, Locations(locations, cells)
        cells.append(located)
    else:
        header = next(
            (
                row
                for row, cells in enumerate(scores.rows)
                if not is_blank(cell_at(cells, 0))
                and cell_text(cells[0]).strip().lower() == "option"
            ),
            None,
        )
        if header is None:
            problems.add(
                (),
                "no header row: a wide table needs a row starting with 'option' and naming "
                "the criteria, or the columns 'option', 'criterion', 'score' of the long "
                "layout.",
                scores.at(0, 0),
            )
            return document, Locations(locations, cells)
        if criteria is None:
            document["criteria"] = header_block(scores, header, locations, problems)
        elif header > 0:
            problems.add(
                (),
                "rows above the header row: the criteria are on the criteria sheet.",
                scores.at(0),
            )
        cells.append(
            wide_scores(scores, header, entries, option_rows, problems, fixed_options=fixed)
        )
    if criteria is not None:
        found = criteria_from_table(criteria, locations, problems)
        if found is None:
            return document, Locations(locations, cells)
        document["criteria"] = found
    ordered = sorted(entries, key=lambda name: option_rows[name][0])
    document["options"] = [entries[name] for name in ordered]
    for name in ordered:
        position, location = option_rows[name]
        locations.setdefault(("options", position), location)
    if scenarios is not None or changes is not None:
        read_scenario_sheets(scenarios, changes, document, locations, problems)
    if presets is not None:
        _read_presets_sheet(presets, document, locations, problems)
    if portfolio is not None:
        read_portfolio_sheet(portfolio, document, locations, problems)
    if screening is not None:
        read_screening_sheet(screening, document, locations, problems)
    if sorting is not None:
        read_sorting_sheet(sorting, document, locations, problems)
    return document, Locations(locations, cells)


def _read_study_sheet(
    table: Table,
    document: dict[str, Any],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    for row, cells in enumerate(table.rows):
        key = cell_text(cell_at(cells, 0) or "").strip().lower()
        value = cell_at(cells, 1)
        if key in ("key", "") and row == 0:
            continue
        if key not in STUDY_KEYS:
            problems.add(
                (),
                f"unknown key {key!r}."
                + did_you_mean(key, STUDY_KEYS)
                + f" The keys allowed are {quoted_list(STUDY_KEYS)}.",
                table.at(row, 0),
            )
            continue
        if is_blank(value):
            continue
        document[key] = cell_text(value) if key != "description" else str(value)
        locations[(key,)] = table.at(row, 1)


def _read_options_sheet(
    table: Table,
    entries: dict[str, dict[str, Any]],
    option_rows: dict[str, tuple[int, Location]],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    if not table.rows:
        return
    columns = header_columns(table, OPTION_COLUMNS, ("option",), problems)
    if columns is None:
        return
    for row in range(1, len(table.rows)):
        cells = table.rows[row]
        name = cell_text(cell_at(cells, columns["option"]) or "")
        if not name.strip():
            problems.add((), "this row has no option name.", table.at(row, columns["option"]))
            continue
        if name in entries:
            problems.add(
                (), f"the option {name!r} is listed twice.", table.at(row, columns["option"])
            )
            continue
        position = len(option_rows)
        entry: dict[str, Any] = {"name": name, "scores": {}}
        path: Path = ("options", position)
        locations[(*path, "name")] = table.at(row, columns["option"])
        description = cell_at(cells, columns.get("description"))
        if not is_blank(description):
            entry["description"] = str(description)
            locations[(*path, "description")] = table.at(row, columns["description"])
        flag = cell_at(cells, columns.get("baseline"))
        if not is_blank(flag):
            text = cell_text(flag).strip().lower()
            entry["baseline"] = {"true": True, "false": False}.get(text, text)
            locations[(*path, "baseline")] = table.at(row, columns["baseline"])
        entries[name] = entry
        option_rows[name] = (position, table.at(row, columns["option"]))


def _read_presets_sheet(
    table: Table,
    document: dict[str, Any],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    if not table.rows:
        return
    columns = header_columns(table, PRESET_COLUMNS, PRESET_COLUMNS, problems)
    if columns is None:
        return
    presets: dict[str, Any] = {}
    for row in range(1, len(table.rows)):
        cells = table.rows[row]
        name = cell_text(cell_at(cells, columns["preset"]) or "")
        if not name.strip():
            problems.add((), "this row has no preset name.", table.at(row, columns["preset"]))
            continue
        location = table.at(row, columns["weighting"])
        value = cell_json(
            cell_at(cells, columns["weighting"]) or "", location, problems, ("presets", name)
        )
        if value is None:
            continue
        if name in presets:
            problems.add((), f"the preset {name!r} is given twice.", table.at(row))
            continue
        presets[name] = value
        locations[("presets", name)] = location
    if presets:
        document["presets"] = presets
