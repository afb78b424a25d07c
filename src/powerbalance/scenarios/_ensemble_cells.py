"""The cells an ensemble of futures varies: given, the assessment's uncertainty, or a span.

:func:`span_cells` reads the scenarios as the edges of what may happen: every cell some
scenario changes varies uniformly between the lowest and the highest value the
central assessment and the scenarios give it. :func:`ensemble_cells` settles which
cells an ensemble draws and checks them against the assessment.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import cast

from powerbalance._validate import InstanceOf, check, did_you_mean, refuse
from powerbalance.errors import InvalidScoreError, ScenarioError, UnknownNameError
from powerbalance.model import Assessment
from powerbalance.model._cells import format_scale
from powerbalance.model.uncertainty import Distribution, Uniform

__all__ = ["ensemble_cells", "span_cells"]

Cell = tuple[str, str]


def span_cells(assessment: Assessment) -> dict[Cell, Uniform]:
    """Every cell some scenario changes, uniform over the range the futures give it.

    A cell's range runs from the lowest to the highest of its central score and its
    value in each scenario that changes it; a scenario giving the cell a distribution
    contributes the distribution's bounds (within the criterion's scale). A cell that
    no scenario moves from its central score is left out. Cells come in the
    assessment's order (options, then criteria).

    Parameters
    ----------
    assessment : Assessment
        The central assessment, carrying its scenarios.

    Returns
    -------
    dict of (option, criterion) to Uniform
        Empty when the assessment has no scenarios, or none changes a score.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> cells = span_cells(a)
    >>> len(cells)
    18
    >>> cells[("Broad partnership", "Technology leakage")]
    Uniform(low=8.5, high=10.0)
    """
    lows: dict[Cell, float] = {}
    highs: dict[Cell, float] = {}
    for scenario in assessment.scenarios:
        for (option, criterion), value in scenario.cells.items():
            column = assessment.criterion_index(criterion)
            central = float(assessment.scores[assessment.option_index(option), column])
            if isinstance(value, Distribution):
                low, high = value.bounded(assessment.criteria[column].scale).support
                ends = [end for end in (low, high) if math.isfinite(end)]
            else:
                ends = [float(value)]
            key = (option, criterion)
            lows[key] = min(lows.get(key, central), *ends)
            highs[key] = max(highs.get(key, central), *ends)
    order = {
        (option, criterion): (i, j)
        for i, option in enumerate(assessment.option_names)
        for j, criterion in enumerate(assessment.criterion_names)
    }
    return {
        key: Uniform(lows[key], highs[key])
        for key in sorted(lows, key=order.__getitem__)
        if highs[key] > lows[key]
    }


def ensemble_cells(
    assessment: Assessment, cells: object, owner: str
) -> tuple[tuple[Cell, ...], tuple[Distribution, ...]]:
    """The cells an ensemble draws and their distributions, checked and within the scales.

    ``cells`` maps (option, criterion) pairs, or options to {criterion: distribution},
    to distributions; None takes the assessment's uncertainty if it has any, else
    :func:`span_cells`.

    Raises
    ------
    InvalidParameterError
        ``cells`` is not such a mapping, is empty, or a value is not a distribution.
    UnknownNameError
        A cell names an option or criterion the assessment does not have.
    InvalidScoreError
        A distribution reaches outside its criterion's scale.
    ScenarioError
        ``cells`` is None and the assessment has neither uncertainty nor scenarios
        that change a score: there is nothing to vary.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> ensemble_cells(a, {"Engage": {"Trade gains": pb.uncertainty.Uniform(5, 9)}}, "ensemble")
    ((('Engage', 'Trade gains'),), (Uniform(low=5.0, high=9.0),))
    """
    if cells is None:
        given: Mapping[Cell, object] = dict(assessment.uncertainty) or span_cells(assessment)
        if not given:
            raise ScenarioError(
                f"{owner}: the assessment has no uncertainty and no scenario that changes "
                "a score, so there is nothing to vary. Give cells={(option, criterion): "
                "distribution}, or add scenarios (scenarios=[pb.Scenario(...)])."
            )
    else:
        given = _keyed(cells, owner)
    keys: list[Cell] = []
    distributions: list[Distribution] = []
    for (option, criterion), distribution in given.items():
        for what, name, names in (
            ("option", option, assessment.option_names),
            ("criterion", criterion, assessment.criterion_names),
        ):
            if name not in names:
                raise UnknownNameError(
                    f"{owner}: cells names {what} {name!r}, which is not in the assessment."
                    + did_you_mean(str(name), names)
                )
        check(
            owner,
            f"cells[{(option, criterion)!r}]",
            distribution,
            InstanceOf(
                Distribution,
                description="a distribution from powerbalance.uncertainty (Uniform, "
                "Triangular, PERT or Normal)",
            ),
        )
        checked = cast(Distribution, distribution)
        scale = assessment.criteria[assessment.criterion_index(criterion)].scale
        bounded = checked.bounded(scale)
        low, high = bounded.support
        if scale is not None and (low < scale[0] or high > scale[1]):
            raise InvalidScoreError(
                f"{owner}: the distribution {checked.describe()} of "
                f"({option!r}, {criterion!r}) reaches outside the criterion's scale "
                f"{format_scale(scale)}. Narrow the distribution or widen the scale."
            )
        keys.append((option, criterion))
        distributions.append(bounded)
    return tuple(keys), tuple(distributions)


def _keyed(cells: object, owner: str) -> dict[Cell, object]:
    """``cells`` keyed by (option, criterion), from that or from option -> {criterion: ...}."""
    fix = "Such as cells={('Engage', 'Trade gains'): pb.uncertainty.Uniform(4, 8)}."
    if not isinstance(cells, Mapping) or not cells:
        raise refuse(
            owner,
            "cells",
            cells,
            "a non-empty mapping of (option, criterion) pairs to distributions",
            fix=fix,
        )
    keyed: dict[Cell, object] = {}
    for key, value in cells.items():
        if isinstance(key, tuple) and len(key) == 2:
            keyed[key] = value
        elif isinstance(key, str) and isinstance(value, Mapping):
            keyed.update(((key, criterion), cell) for criterion, cell in value.items())
        else:
            raise refuse(
                owner,
                "each key of cells",
                key,
                "an (option, criterion) pair, or an option's name with a mapping of "
                "criteria to distributions",
                fix=fix,
            )
    return keyed
