"""Scenarios: possible futures, each stated as changes from the central scores.

A decision whose outcome depends on how others respond is assessed in each future
that could come about; an option that does well in all of them is robust. A
:class:`Scenario` says how the scores of one future differ from the assessment's
central ones: some cells to another score or to a distribution of scores
(``changes``), or every cell at once (``scores``). An
:class:`~powerbalance.Assessment` carries its scenarios (``scenarios=``) and checks
them against its options, criteria and scales; :meth:`~powerbalance.Assessment.in_scenario`
gives the plain assessment of one future.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("engage-or-contain").assessment
>>> rivals_exploit = Scenario(
...     "Rivals exploit engagement", changes={"Engage": {"Conflict risk": 7}}
... )
>>> future = attrs.evolve(a, scenarios=[rivals_exploit]).in_scenario("Rivals exploit engagement")
>>> future.to_frame()
criterion  Trade gains  Conflict risk
option
Engage             7.0            7.0
Contain            3.0            6.0
"""

from __future__ import annotations

import math
from collections.abc import Container, Iterable, Mapping
from typing import Any, Protocol, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._frozen import FrozenMap
from powerbalance._validate import (
    InstanceOf,
    Interval,
    as_number,
    check,
    did_you_mean,
    number_hint,
    quoted_list,
    refuse,
    shown,
)
from powerbalance.errors import (
    InvalidScoreError,
    ScenarioError,
    ShapeError,
    UnknownNameError,
)
from powerbalance.model._cells import check_text, check_unique, format_scale, frame_label
from powerbalance.model.criterion import Criterion, check_name
from powerbalance.model.uncertainty import Distribution, Normal

__all__ = ["Scenario"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
#: What a cell of a scenario holds: the score in that future, or its distribution.
Cell: TypeAlias = float | Distribution
Cells: TypeAlias = Mapping[tuple[str, str], Cell]

#: How far the probabilities of the scenarios may sum from 1.
PROBABILITY_TOLERANCE = 1e-9


def _to_cells(value: object, parameter: str) -> Any:
    """A mapping keyed by (option, criterion), from that or from option -> {criterion: value}."""
    if value is None:
        return FrozenMap()
    if isinstance(value, pd.DataFrame):
        return FrozenMap(
            {
                (frame_label(option, "index"), frame_label(criterion, "columns")): cell
                for option, row in value.iterrows()
                for criterion, cell in row.items()
            }
        )
    if not isinstance(value, Mapping):
        return value  # an array (scores) or a refusal, left to __attrs_post_init__
    cells: dict[tuple[str, str], Any] = {}
    for key, item in value.items():
        if isinstance(key, tuple) and len(key) == 2:
            cells[key] = item
        elif isinstance(key, str) and isinstance(item, Mapping):
            cells.update(((key, criterion), cell) for criterion, cell in item.items())
        else:
            raise refuse(
                "Scenario",
                f"each key of {parameter}",
                key,
                "an option's name (with a mapping of criteria to scores) or an "
                "(option, criterion) pair",
                fix=f"Such as {parameter}={{'Engage': {{'Conflict risk': 7}}}}.",
            )
    return FrozenMap(cells)


def _to_changes(value: object) -> Any:
    return _to_cells(value, "changes")


def _to_scores(value: object) -> Any:
    return None if value is None else _to_cells(value, "scores")


def _scores_eq(first: object, second: object) -> bool:
    if isinstance(first, np.ndarray) or isinstance(second, np.ndarray):
        return (
            isinstance(first, np.ndarray)
            and isinstance(second, np.ndarray)
            and first.shape == second.shape
            and bool(np.array_equal(first, second))
        )
    return first == second


@attrs.frozen(repr=False)
class Scenario:
    """A possible future: how its scores differ from the assessment's central ones.

    Parameters
    ----------
    name : str
        The scenario's name, unique among the assessment's scenarios.
    description : str, optional
        What the future is and why it could come about.
    probability : float, optional
        How likely the future is, from 0 to 1. Give every scenario of an assessment a
        probability (summing to 1) or none: decision rules such as maximin and minimax
        regret need none.
    changes : mapping, optional
        The cells that differ in this future: option name to a mapping of criterion
        name to the score there (a number) or a distribution of scores
        (:mod:`powerbalance.model.uncertainty`); or a mapping of ``(option,
        criterion)`` pairs to the same. Every other cell keeps its central score.
    scores : mapping, DataFrame or array, optional
        The whole table of this future instead of ``changes``: a mapping as for
        ``changes`` covering every cell, a DataFrame indexed by option with a column
        per criterion, or an array of shape (n_options, n_criteria) in the
        assessment's order (keyed by its names once the assessment is built).
        Neither ``changes`` nor ``scores`` is the central future itself.

    Raises
    ------
    InvalidNameError
        ``name`` is not a non-blank string.
    InvalidParameterError
        ``probability`` is not a number from 0 to 1, a cell is neither a number nor a
        distribution, or both ``changes`` and ``scores`` are given.
    InvalidScoreError
        A score is missing (NaN) or infinite.

    Examples
    --------
    >>> from powerbalance.model.uncertainty import Uniform
    >>> s = Scenario(
    ...     "Rivals exploit cooperation",
    ...     description="Illustrative.",
    ...     changes={"Engage": {"Conflict risk": 7, "Trade gains": Uniform(2, 5)}},
    ... )
    >>> s
    Scenario('Rivals exploit cooperation', 2 changed cells)
    >>> s.changes[("Engage", "Conflict risk")]
    7.0
    """

    name: str
    description: str = attrs.field(default="", kw_only=True)
    probability: float | None = attrs.field(default=None, kw_only=True)
    changes: Cells = attrs.field(default=None, converter=_to_changes, kw_only=True)
    scores: Cells | FloatArray | None = attrs.field(
        default=None, converter=_to_scores, kw_only=True, eq=attrs.cmp_using(eq=_scores_eq)
    )

    def __attrs_post_init__(self) -> None:
        check_name("Scenario", self.name)
        owner = f"Scenario {self.name!r}"
        check_text(owner, "description", self.description)
        if self.probability is not None:
            check(
                owner,
                "probability",
                self.probability,
                Interval(0, 1),
                None,
                fix="Give how likely this future is, from 0 to 1, or leave it out for all.",
            )
            object.__setattr__(self, "probability", float(self.probability))
        if self.changes and self.scores is not None:
            raise refuse(
                owner,
                "scores",
                "a table",
                "None when changes are given",
                fix="State the future either as changes from the central scores or as a "
                "full table of scores, not both.",
            )
        if not isinstance(self.changes, Mapping):
            raise refuse(
                owner,
                "changes",
                self.changes,
                "a mapping of options to {criterion: score or distribution}",
                fix="Such as changes={'Engage': {'Conflict risk': 7}}.",
            )
        object.__setattr__(self, "changes", self._checked(self.changes))
        if isinstance(self.scores, Mapping):
            object.__setattr__(self, "scores", self._checked(self.scores))
        elif self.scores is not None:
            object.__setattr__(self, "scores", self._array(self.scores))

    def _checked(self, cells: Cells) -> Cells:
        checked: dict[tuple[str, str], Cell] = {}
        for (option, criterion), cell in cells.items():
            for label, name in (("option", option), ("criterion", criterion)):
                if not isinstance(name, str):
                    raise refuse(
                        f"Scenario {self.name!r}",
                        f"the {label} of cell {(option, criterion)!r}",
                        name,
                        f"the name of {'an option' if label == 'option' else 'a criterion'}",
                        fix="Key every cell by option and criterion names.",
                    )
            checked[(option, criterion)] = self._cell(option, criterion, cell)
        return FrozenMap(checked)

    def _cell(self, option: str, criterion: str, cell: object) -> Cell:
        if isinstance(cell, Distribution):
            return cell
        number = as_number(cell)
        where = f"Scenario {self.name!r}: the score of option {option!r} on criterion {criterion!r}"
        if number is None:
            check(
                f"Scenario {self.name!r}",
                f"the cell ({option!r}, {criterion!r})",
                cell,
                Interval(),
                InstanceOf(Distribution, description="a distribution"),
                fix=number_hint(cell) or "Give the score in this future, or a distribution.",
            )
        if number is None or not math.isfinite(number):
            what = "missing (NaN)" if number is not None and math.isnan(number) else "infinite"
            raise InvalidScoreError(
                f"{where} is {what}; every score must be a finite number. Give the score "
                "in this future, or leave the cell out to keep its central score."
            )
        return number

    def _array(self, value: object) -> FloatArray:
        try:
            array = np.array(value, dtype=np.float64, copy=True)
        except (TypeError, ValueError):
            raise refuse(
                f"Scenario {self.name!r}",
                "scores",
                value,
                "a mapping of options to {criterion: score}, a DataFrame or a 2-D array of numbers",
                fix="Give one score per option and criterion.",
            ) from None
        if array.ndim != 2:
            raise ShapeError(
                f"Scenario {self.name!r}: scores must be a table of one row per option and "
                f"one column per criterion; got an array of shape {array.shape}."
            )
        bad = np.argwhere(~np.isfinite(array))
        if bad.size:
            row, column = bad[0]
            what = "missing (NaN)" if np.isnan(array[row, column]) else "infinite"
            raise InvalidScoreError(
                f"Scenario {self.name!r}: the score in row {row}, column {column} is {what}; "
                "every score must be a finite number."
            )
        array.flags.writeable = False
        return array

    def __repr__(self) -> str:
        if self.scores is not None:
            what = "a full table of scores"
        else:
            count = len(self.changes)
            what = f"{count} changed cell{'' if count == 1 else 's'}"
        chance = f", probability {self.probability:g}" if self.probability is not None else ""
        return f"Scenario({self.name!r}, {what}{chance})"

    @property
    def cells(self) -> Cells:
        """The cells this future states: its changes, or its full table once keyed by names.

        Examples
        --------
        >>> dict(Scenario("Calm", changes={("A", "X"): 2}).cells)
        {('A', 'X'): 2.0}
        """
        if isinstance(self.scores, Mapping):
            return self.scores
        return self.changes


# -- checked against an assessment ----------------------------------------------------------


class Scored(Protocol):
    """What the checks need of an assessment (which imports this module, not the reverse)."""

    @property
    def scenarios(self) -> tuple[Scenario, ...]: ...
    @property
    def option_names(self) -> tuple[str, ...]: ...
    @property
    def criterion_names(self) -> tuple[str, ...]: ...
    @property
    def criteria(self) -> tuple[Criterion, ...]: ...
    @property
    def scores(self) -> FloatArray: ...
    @property
    def uncertainty(self) -> Mapping[tuple[str, str], Distribution]: ...
    def option_index(self, name: str) -> int: ...
    def criterion_index(self, name: str) -> int: ...


def to_scenarios(value: object) -> tuple[Scenario, ...]:
    """The ``scenarios`` of an assessment as a tuple, each a :class:`Scenario`."""
    if value is None:
        return ()
    if isinstance(value, Scenario):
        value = (value,)
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise refuse(
            "Assessment",
            "scenarios",
            value,
            "a sequence of Scenario objects",
            fix="Such as scenarios=[pb.Scenario('Rivals exploit', changes={...})].",
        )
    scenarios = tuple(value)
    for position, item in enumerate(scenarios):
        check(
            "Assessment",
            f"scenarios[{position}]",
            item,
            InstanceOf(Scenario, description="a Scenario"),
            fix="Build it with pb.Scenario(name, changes={option: {criterion: score}}).",
        )
    return scenarios


def check_scenarios(assessment: Scored) -> tuple[Scenario, ...]:
    """The assessment's scenarios checked against it, a full table keyed by its names.

    Raises
    ------
    DuplicateNameError, UnknownNameError, InvalidScoreError, ShapeError, ScenarioError
        Naming the scenario and the cell at fault.
    """
    scenarios = assessment.scenarios
    if not scenarios:
        return scenarios
    check_unique("scenarios", [s.name for s in scenarios])
    keyed = tuple(_keyed(assessment, s) for s in scenarios)
    for scenario in keyed:
        _check_cells(assessment, scenario)
    _check_probabilities(keyed)
    return keyed


def _keyed(assessment: Scored, scenario: Scenario) -> Scenario:
    if not isinstance(scenario.scores, np.ndarray):
        return scenario
    expected = (len(assessment.option_names), len(assessment.criterion_names))
    if scenario.scores.shape != expected:
        raise ShapeError(
            f"Scenario {scenario.name!r}: scores must have one row per option and one "
            f"column per criterion, shape {expected}; got shape {scenario.scores.shape}."
        )
    table = {
        (option, criterion): float(scenario.scores[i, j])
        for i, option in enumerate(assessment.option_names)
        for j, criterion in enumerate(assessment.criterion_names)
    }
    return attrs.evolve(scenario, scores=table)


def _check_cells(assessment: Scored, scenario: Scenario) -> None:
    options, criteria = set(assessment.option_names), set(assessment.criterion_names)
    for (option, criterion), cell in scenario.cells.items():
        if option not in options:
            raise UnknownNameError(
                f"Scenario {scenario.name!r} changes the cell ({option!r}, {criterion!r}), "
                f"but there is no option {option!r} in the assessment."
                + did_you_mean(option, assessment.option_names)
            )
        if criterion not in criteria:
            raise UnknownNameError(
                f"Scenario {scenario.name!r} changes the cell ({option!r}, {criterion!r}), "
                f"but there is no criterion {criterion!r} in the assessment."
                + did_you_mean(criterion, assessment.criterion_names)
            )
        scale = assessment.criteria[assessment.criterion_index(criterion)].scale
        where = (
            f"Scenario {scenario.name!r}: the score of option {option!r} on criterion {criterion!r}"
        )
        if isinstance(cell, Distribution):
            low, high = cell.bounded(scale).support
            if scale is not None and (low < scale[0] or high > scale[1]):
                raise InvalidScoreError(
                    f"{where}, {cell.describe()}, reaches outside the criterion's scale "
                    f"{format_scale(scale)}. Narrow the distribution or widen the scale."
                )
        elif scale is not None and not scale[0] <= cell <= scale[1]:
            raise InvalidScoreError(
                f"{where} is {cell:g}, outside the criterion's scale {format_scale(scale)}. "
                "Correct the score or widen the scale."
            )
    if isinstance(scenario.scores, Mapping):
        missing = [
            (option, criterion)
            for option in assessment.option_names
            for criterion in assessment.criterion_names
            if (option, criterion) not in scenario.scores
        ]
        if missing:
            raise ScenarioError(
                f"Scenario {scenario.name!r} gives a full table of scores, but none for "
                f"option {missing[0][0]!r} on criterion {missing[0][1]!r}"
                + (f" (and {len(missing) - 1} more cells)" if len(missing) > 1 else "")
                + ". Give every cell, or state the future as changes=... from the central "
                "scores."
            )


def _check_probabilities(scenarios: tuple[Scenario, ...]) -> None:
    given = [s for s in scenarios if s.probability is not None]
    if not given:
        return
    if len(given) < len(scenarios):
        without = [s.name for s in scenarios if s.probability is None]
        raise ScenarioError(
            f"Scenario {without[0]!r} has no probability, but scenario {given[0].name!r} "
            f"has one ({given[0].probability:g}). Give every scenario a probability "
            f"(summing to 1) or none; without one: {quoted_list(without)}."
        )
    total = math.fsum(s.probability for s in given if s.probability is not None)
    if abs(total - 1.0) > PROBABILITY_TOLERANCE:
        listed = ", ".join(f"{s.name!r} {s.probability:g}" for s in given)
        raise ScenarioError(
            f"The scenarios' probabilities sum to {total:.12g}, not 1: {listed}. Make them "
            "sum to 1, or leave every probability out."
        )


def find_scenario(assessment: Scored, name: str) -> Scenario:
    """The assessment's scenario of this name (UnknownNameError listing them if none)."""
    for scenario in assessment.scenarios:
        if scenario.name == name:
            return scenario
    if not assessment.scenarios:
        raise UnknownNameError(
            f"There is no scenario named {shown(name)}: the assessment has no scenarios. "
            "Add them with Assessment(..., scenarios=[pb.Scenario(...)])."
        )
    names = [s.name for s in assessment.scenarios]
    raise UnknownNameError(
        f"There is no scenario named {shown(name)}; the scenarios are {quoted_list(names)}."
        + (did_you_mean(name, names) if isinstance(name, str) else "")
    )


def typical(distribution: Distribution, scale: tuple[float, float] | None) -> float:
    """The point score of a cell given as a distribution: its most plausible value.

    The mode of a triangular or PERT distribution, the mean of a normal (within its
    bounds), the middle of any other.

    Examples
    --------
    >>> from powerbalance.model.uncertainty import Triangular, Uniform
    >>> typical(Triangular(2, 3, 7), None), typical(Uniform(2, 4), None)
    (3.0, 3.0)
    """
    bounded = distribution.bounded(scale)
    low, high = bounded.support
    mode = getattr(bounded, "mode", None)
    if isinstance(mode, float):
        return mode
    if isinstance(bounded, Normal):
        return min(max(bounded.mean, low), high)
    if math.isfinite(low) and math.isfinite(high):
        return (low + high) / 2.0
    return low if math.isfinite(low) else high if math.isfinite(high) else 0.0


def in_scenario(
    assessment: Scored, scenario: Scenario
) -> tuple[FloatArray, dict[tuple[str, str], Distribution]]:
    """The scores and uncertainty of one future (for :meth:`Assessment.in_scenario`).

    A changed cell takes the scenario's score, or the most plausible value of its
    distribution (:func:`typical`), which then becomes the cell's uncertainty; the
    central uncertainty of a changed cell is dropped. A full table replaces every cell.
    The scores are a new array.
    """
    scores = assessment.scores.copy()
    full = isinstance(scenario.scores, Mapping)
    uncertainty = {} if full else dict(assessment.uncertainty)
    for (option, criterion), cell in scenario.cells.items():
        row, column = assessment.option_index(option), assessment.criterion_index(criterion)
        uncertainty.pop((option, criterion), None)
        if isinstance(cell, Distribution):
            scores[row, column] = typical(cell, assessment.criteria[column].scale)
            uncertainty[(option, criterion)] = cell
        else:
            scores[row, column] = cell
    return scores, uncertainty


def kept_scenarios(
    scenarios: tuple[Scenario, ...], options: Container[str], criteria: Container[str]
) -> tuple[Scenario, ...]:
    """The scenarios of a subset: only the cells of the options and criteria kept."""
    kept = []
    for scenario in scenarios:
        cells = {
            key: cell
            for key, cell in scenario.cells.items()
            if key[0] in options and key[1] in criteria
        }
        if len(cells) == len(scenario.cells):
            kept.append(scenario)
        elif isinstance(scenario.scores, Mapping):
            kept.append(attrs.evolve(scenario, scores=cells))
        else:
            kept.append(attrs.evolve(scenario, changes=cells))
    return tuple(kept)
