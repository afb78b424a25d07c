"""The scenarios of an Excel workbook: the sheets ``scenarios`` and ``scenario changes``.

``scenarios`` has a row per scenario (columns ``scenario``, ``description``,
``probability`` and ``form``: ``changes``, the default, or ``scores`` for a full
table). ``scenario changes`` has a row per cell a scenario states (columns
``scenario``, ``option``, ``criterion``, ``score``, or a distribution in
``distribution``, ``low``, ``mode``, ``high``, ``mean``, ``sd`` as in the long layout).
Both are read into the study document's ``scenarios``, with the cell of every field
recorded, so that the study's checks point into the sheets.
"""

from __future__ import annotations

from typing import Any

from powerbalance.io._document_scenarios import scenario_table
from powerbalance.io._problems import Collector, Location, Path
from powerbalance.io._table import (
    LONG_COLUMNS,
    Table,
    cell_at,
    cell_number,
    cell_text,
    header_columns,
    is_blank,
)
from powerbalance.model import Assessment

__all__ = [
    "CHANGE_COLUMNS",
    "SCENARIO_COLUMNS",
    "change_rows",
    "read_scenario_sheets",
    "scenario_rows",
]

SCENARIO_COLUMNS = ("scenario", "description", "probability", "form")
#: The long layout's columns for a cell (its score or distribution), led by the scenario;
#: a scenario's change carries no rationale.
CHANGE_COLUMNS = ("scenario", *(c for c in LONG_COLUMNS if c != "rationale"))
_FORMS = ("changes", "scores")


def read_scenario_sheets(
    scenarios: Table | None,
    changes: Table | None,
    document: dict[str, Any],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    """Add the scenarios of the two sheets to ``document``, and where each field is."""
    entries: list[dict[str, Any]] = []
    by_name: dict[str, int] = {}
    if scenarios is not None and scenarios.rows:
        columns = header_columns(scenarios, SCENARIO_COLUMNS, ("scenario",), problems)
        if columns is None:
            return
        for row in range(1, len(scenarios.rows)):
            cells = scenarios.rows[row]
            name = cell_text(cell_at(cells, columns["scenario"]) or "")
            at = scenarios.at(row, columns["scenario"])
            if not name.strip():
                problems.add((), "this row has no scenario name.", at)
                continue
            if name in by_name:
                problems.add((), f"the scenario {name!r} is listed twice.", at)
                continue
            path: Path = ("scenarios", len(entries))
            locations[path] = locations[(*path, "name")] = at
            entry: dict[str, Any] = {"name": name}
            description = cell_at(cells, columns.get("description"))
            if not is_blank(description):
                entry["description"] = str(description)
                locations[(*path, "description")] = scenarios.at(row, columns["description"])
            probability = cell_at(cells, columns.get("probability"))
            if not is_blank(probability):
                entry["probability"] = cell_number(probability)
                locations[(*path, "probability")] = scenarios.at(row, columns["probability"])
            form = cell_at(cells, columns.get("form"))
            form_text = "changes" if is_blank(form) else cell_text(form).strip().lower()
            if form_text not in _FORMS:
                problems.add(
                    (),
                    f"expected 'changes' or 'scores' as the form of scenario {name!r}; found "
                    f"{cell_text(form)!r}.",
                    scenarios.at(row, columns["form"]),
                )
                form_text = "changes"
            entry[form_text] = {}
            locations[(*path, form_text)] = at
            by_name[name] = len(entries)
            entries.append(entry)
    if changes is not None and changes.rows:
        _read_changes(changes, entries, by_name, locations, problems)
    if entries:
        document["scenarios"] = entries


def _read_changes(
    table: Table,
    entries: list[dict[str, Any]],
    by_name: dict[str, int],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    columns = header_columns(table, CHANGE_COLUMNS, ("scenario", "option", "criterion"), problems)
    if columns is None:
        return
    for row in range(1, len(table.rows)):
        cells = table.rows[row]
        names = {
            key: cell_text(cell_at(cells, columns[key]) or "")
            for key in ("scenario", "option", "criterion")
        }
        blank = next((key for key, name in names.items() if not name.strip()), None)
        if blank is not None:
            problems.add(
                (),
                f"this row has no {blank}; every row needs a scenario, an option and a criterion.",
                table.at(row, columns[blank]),
            )
            continue
        scenario, option, criterion = names["scenario"], names["option"], names["criterion"]
        if scenario not in by_name:
            problems.add(
                (),
                f"{scenario!r} is not one of the scenarios listed on the scenarios sheet.",
                table.at(row, columns["scenario"]),
            )
            continue
        position = by_name[scenario]
        entry = entries[position]
        form = "scores" if "scores" in entry else "changes"
        row_cells = entry[form].setdefault(option, {})
        path: Path = ("scenarios", position, form, option, criterion)
        if criterion in row_cells:
            problems.add(
                (),
                f"scenario {scenario!r} gives option {option!r} on criterion {criterion!r} twice.",
                table.at(row),
            )
            continue
        locations.setdefault(path[:-1], table.at(row, columns["option"]))
        extra = {
            key: cell_text(value) if key == "distribution" else cell_number(value)
            for key in CHANGE_COLUMNS[4:]
            if not is_blank(value := cell_at(cells, columns.get(key)))
        }
        score = cell_at(cells, columns.get("score"))
        if extra:
            if not is_blank(score):
                extra["score"] = cell_number(score)  # refused by the reader: one or other
            row_cells[criterion] = extra
            first = next(key for key in CHANGE_COLUMNS[4:] if key in extra)
            locations[path] = table.at(row, columns[first])
            for key in extra:
                locations[(*path, key)] = table.at(row, columns[key])
        else:
            row_cells[criterion] = cell_number(score) if not is_blank(score) else None
            locations[path] = table.at(row, columns.get("score", columns["criterion"]))


# -- writing -------------------------------------------------------------------------------


def scenario_rows(assessment: Assessment) -> list[list[Any]]:
    """The scenarios sheet: name, description, probability and form of each scenario."""
    rows: list[list[Any]] = [list(SCENARIO_COLUMNS)]
    for scenario in assessment.scenarios:
        rows.append(
            [
                scenario.name,
                scenario.description,
                "" if scenario.probability is None else scenario.probability,
                "scores" if scenario.scores is not None else "changes",
            ]
        )
    return rows


def change_rows(assessment: Assessment) -> list[list[Any]]:
    """The scenario changes sheet: one row per cell a scenario states."""
    rows: list[list[Any]] = [list(CHANGE_COLUMNS)]
    for scenario in assessment.scenarios:
        table = scenario_table(scenario)
        for option, cells in table.get("changes", table.get("scores", {})).items():
            for criterion, cell in cells.items():
                values = cell if isinstance(cell, dict) else {"score": cell}
                rows.append(
                    [
                        scenario.name,
                        option,
                        criterion,
                        *(values.get(c, "") for c in CHANGE_COLUMNS[3:]),
                    ]
                )
    return rows
