"""The scenarios of a study document: possible futures, as changes from the central scores.

Each scenario is a table in the array ``scenarios`` with its ``name``, an optional
``description`` and ``probability``, and either ``changes`` (option -> criterion ->
cell, for the cells that differ) or ``scores`` (the same, for every cell). A cell is
the score in that future, or a table naming a distribution and its inputs
(``{ distribution = "triangular", low = 6, mode = 8, high = 9 }``). Reading checks
names, scales and probabilities and records every problem with its field path.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from powerbalance._validate import did_you_mean
from powerbalance.errors import InvalidParameterError, PowerbalanceError
from powerbalance.io._document_criteria import Named
from powerbalance.io._document_scores import DISTRIBUTION_KEYS
from powerbalance.io._problems import Collector, Path
from powerbalance.io._registered import field_inputs, registered_fields
from powerbalance.io._values import (
    INVALID,
    check_keys,
    claim_name,
    describe,
    read_array,
    read_number,
    read_table,
    read_text,
)
from powerbalance.model import Criterion
from powerbalance.model.scenario import PROBABILITY_TOLERANCE, Cell, Scenario
from powerbalance.model.uncertainty import Distribution
from powerbalance.model.uncertainty import registry as distributions

__all__ = ["SCENARIO_KEYS", "read_scenarios", "scenario_table"]

SCENARIO_KEYS = ("name", "description", "probability", "changes", "scores")
CHANGE_KEYS = ("distribution", *DISTRIBUTION_KEYS)


# -- reading -------------------------------------------------------------------------------


def read_scenarios(
    value: object, criteria: list[Any], options: list[str], problems: Collector
) -> list[Scenario]:
    """The scenarios of the array ``scenarios``; problems recorded for what is wrong.

    ``criteria`` are those ``read_criteria`` returned and ``options`` the names of the
    options read; each cell is checked against them.
    """
    items = read_array(value, ("scenarios",), problems)
    if items is INVALID:
        return []
    by_name = {c.name: c.value for c in criteria if isinstance(c, Named)}
    scenarios: list[Scenario] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(items):
        path: Path = ("scenarios", position)
        table = read_table(item, path, problems)
        if table is INVALID:
            continue
        before = problems.found
        check_keys(table, SCENARIO_KEYS, path, problems, required=("name",))
        if "changes" in table and "scores" in table:
            problems.add(
                (*path, "scores"),
                "a scenario gives either changes from the central scores or a full table "
                "of scores, not both.",
            )
        name = (
            read_text(table["name"], (*path, "name"), problems, blank=False)
            if "name" in table
            else INVALID
        )
        if name is not INVALID:
            claim_name(name, position, seen, path, problems, "scenario")
        description = (
            read_text(table["description"], (*path, "description"), problems)
            if "description" in table
            else ""
        )
        probability = None
        if "probability" in table:
            probability = read_number(table["probability"], (*path, "probability"), problems)
            if probability is not INVALID and not 0 <= probability <= 1:
                problems.add(
                    (*path, "probability"),
                    f"expected a probability from 0 to 1; found {describe(probability)}.",
                )
        form = "scores" if "scores" in table else "changes"
        cells = (
            _read_cells(table[form], (*path, form), by_name, options, problems)
            if form in table
            else {}
        )
        if problems.found > before:
            continue
        scenarios.append(
            Scenario(
                name,
                description=description,
                probability=None if probability is None else float(probability),
                **{form: cells},
            )
        )
    _check_probabilities(scenarios, len(items), problems)
    return scenarios


def _read_cells(
    value: object,
    path: Path,
    criteria: Mapping[str, Any],
    options: list[str],
    problems: Collector,
) -> dict[tuple[str, str], Cell]:
    table = read_table(value, path, problems)
    if table is INVALID:
        return {}
    cells: dict[tuple[str, str], Cell] = {}
    for option, row in table.items():
        if options and option not in options:
            problems.add(
                (*path, option),
                f"{option!r} is not an option of this study." + did_you_mean(option, options),
            )
            continue
        row_table = read_table(row, (*path, option), problems)
        if row_table is INVALID:
            continue
        for criterion, cell in row_table.items():
            where: Path = (*path, option, criterion)
            if criteria and criterion not in criteria:
                problems.add(
                    where,
                    f"{criterion!r} is not a criterion of this study."
                    + did_you_mean(criterion, list(criteria)),
                )
                continue
            found = criteria.get(criterion)
            scale = found.scale if isinstance(found, Criterion) else None
            read = _read_cell(cell, where, scale, problems)
            if read is not INVALID:
                cells[(option, criterion)] = read
    return cells


def _read_cell(value: object, path: Path, scale: Any, problems: Collector) -> Any:
    if not isinstance(value, Mapping):
        score = read_number(value, path, problems)
        if score is INVALID:
            return INVALID
        if scale is not None and not scale[0] <= score <= scale[1]:
            problems.add(
                path,
                f"the score {score:g} is outside the criterion's scale {scale[0]:g} to "
                f"{scale[1]:g}; correct the score or widen the scale.",
            )
            return INVALID
        return float(score)
    before = problems.found
    check_keys(value, CHANGE_KEYS, path, problems, required=("distribution",))
    name = value.get("distribution")
    if name is not None and name not in distributions.names():
        known = distributions.names()
        problems.add(
            (*path, "distribution"),
            f"expected one of {', '.join(map(repr, known))}; found {describe(name)}."
            + (did_you_mean(name, known) if isinstance(name, str) else ""),
        )
    if problems.found > before:
        return INVALID
    kind = distributions.get(str(name))
    required, optional = field_inputs(kind)
    for key in value:
        if key != "distribution" and key not in required + optional:
            problems.add((*path, key), f"a {name} distribution does not take {key!r}.")
    for key in required:
        if key not in value:
            problems.add(path, f"a {name} distribution needs {key!r}.")
    numbers = {
        key: read_number(item, (*path, key), problems)
        for key, item in value.items()
        if key != "distribution"
    }
    if problems.found > before:
        return INVALID
    try:
        distribution: Distribution = kind(**numbers)
        low, high = distribution.bounded(scale).support
    except PowerbalanceError as error:
        problems.add(path, str(error))
        return INVALID
    if scale is not None and (low < scale[0] or high > scale[1]):
        problems.add(
            path,
            f"the {distribution.describe()} distribution reaches outside the criterion's "
            f"scale {scale[0]:g} to {scale[1]:g}; narrow it or widen the scale.",
        )
        return INVALID
    return distribution


def _check_probabilities(scenarios: list[Scenario], count: int, problems: Collector) -> None:
    if len(scenarios) < count:
        return  # a scenario with problems: its probability may be among them
    given = [s for s in scenarios if s.probability is not None]
    if not given:
        return
    for position, scenario in enumerate(scenarios):
        if scenario.probability is None:
            problems.add(
                ("scenarios", position, "name"),
                f"scenario {scenario.name!r} has no probability, but scenario "
                f"{given[0].name!r} has one; give every scenario a probability or none.",
            )
    if len(given) == len(scenarios):
        total = math.fsum(s.probability for s in given if s.probability is not None)
        if abs(total - 1) > PROBABILITY_TOLERANCE:
            problems.add(
                ("scenarios",),
                f"the scenarios' probabilities sum to {total:.12g}, not 1; make them sum "
                "to 1, or leave every probability out.",
            )


# -- writing -------------------------------------------------------------------------------


def scenario_table(scenario: Scenario) -> dict[str, Any]:
    """A scenario as a table of the document.

    Raises
    ------
    InvalidParameterError
        A cell's distribution is not a registered one.
    """
    table: dict[str, Any] = {"name": scenario.name}
    if scenario.description:
        table["description"] = scenario.description
    if scenario.probability is not None:
        table["probability"] = scenario.probability
    form = "scores" if scenario.scores is not None else "changes"
    rows: dict[str, dict[str, Any]] = {}
    for (option, criterion), cell in scenario.cells.items():
        rows.setdefault(option, {})[criterion] = write_change(cell, scenario.name)
    if rows or form == "scores":
        table[form] = rows
    return table


def write_change(cell: Cell, scenario: str) -> Any:
    """A scenario's cell: the number, or the distribution's name and inputs."""
    if not isinstance(cell, Distribution):
        return float(cell)
    registered = registered_fields(distributions, cell)
    if registered is None:
        raise InvalidParameterError(
            f"Scenario {scenario!r}: the distribution {cell!r} cannot be written to a "
            f"file; only the registered ones can ({', '.join(map(repr, distributions.names()))})."
        )
    name, inputs = registered
    return {"distribution": name, **{k: v for k, v in inputs.items() if v is not None}}
