"""Sweeps: every option's score and rank as one weight runs from 0 to 1."""

from __future__ import annotations

from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance.errors import InvalidParameterError, UnknownNameError, did_you_mean
from powerbalance.methods.ranking import rank_and_order
from powerbalance.methods import MethodLike, resolve_method
from powerbalance.model import Assessment
from powerbalance.sensitivity._path import (
    bisect,
    direction,
    linear_scorer,
    moving_criteria,
    weight_path,
)
from powerbalance.weighting import WeightingLike, apply_weighting

__all__ = ["Sweep", "sweep"]

FloatArray: TypeAlias = npt.NDArray[np.float64]


@attrs.frozen
class Sweep:
    """Every option's score and rank as one weight runs from 0 to 1; see :func:`sweep`.

    Attributes
    ----------
    name, scope : str
        The criterion or area whose weight moves (``scope`` ``"criterion"`` or
        ``"area"``).
    weight : float
        Its current weight.
    steps : numpy.ndarray
        The weights the sweep visits, from 0 to 1.
    scores : pandas.DataFrame
        Index ``weight`` (the steps), one column per option.
    crossovers : tuple of (float, str, str)
        Where first place changes hands along the sweep: (weight, option first
        before, option first after), located to 1e-6 (exactly for linear methods).

    Examples
    --------
    >>> import powerbalance as pb
    >>> swept = sweep(pb.examples.load("great-power-cooperation").assessment, "Security", points=11)
    >>> swept.scope, len(swept.steps)
    ('area', 11)
    """

    name: str
    scope: str
    weight: float
    steps: FloatArray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal), repr=False)
    scores: pd.DataFrame = attrs.field(eq=False, repr=False)
    crossovers: tuple[tuple[float, str, str], ...]

    @property
    def ranks(self) -> pd.DataFrame:
        """Each option's rank (1 = best) at each step, shaped like :attr:`scores`.

        Examples
        --------
        >>> import powerbalance as pb
        >>> s = sweep(pb.examples.load("great-power-cooperation").assessment, "Security", points=3)
        >>> s.ranks.shape
        (3, 7)
        """
        values = self.scores.to_numpy()
        ranks = np.vstack([rank_and_order(row)[0] for row in values])
        return pd.DataFrame(ranks, index=self.scores.index, columns=self.scores.columns)


def sweep(
    assessment: Assessment,
    criterion_or_area: str,
    *,
    weighting: WeightingLike = "equal",
    method: MethodLike = "weighted-sum",
    points: int = 101,
) -> Sweep:
    """Score every option as one weight goes from 0 to 1, the others in proportion.

    The whole sweep is one batch of weight vectors scored at once (see
    :func:`stability` for the path the weights follow). ``criterion_or_area`` names
    a criterion or an area; an area's criteria move together.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores.
    criterion_or_area : str
        The criterion or area whose weight moves.
    weighting, method
        As for :func:`powerbalance.evaluation.evaluate`.
    points : int, default 101
        How many evenly spaced weights from 0 to 1 to visit (at least 2).

    Raises
    ------
    UnknownNameError
        ``criterion_or_area`` is neither a criterion nor an area.
    InvalidParameterError
        ``points`` is not an integer of at least 2.

    Examples
    --------
    >>> import powerbalance as pb
    >>> s = sweep(pb.examples.load("great-power-cooperation").assessment, "Innovation leadership")
    >>> s.crossovers[0][1:]
    ('Targeted cooperation', 'Technology investment')
    >>> round(s.crossovers[0][0], 3)
    0.125
    """
    if isinstance(points, bool) or not isinstance(points, int) or points < 2:
        raise InvalidParameterError(
            f"sweep: points must be a whole number of at least 2, such as 101; got {points!r}."
        )
    weights = apply_weighting(weighting, assessment).aligned(assessment)
    if criterion_or_area in assessment.criterion_names:
        scope = "criterion"
    elif criterion_or_area in assessment.areas:
        scope = "area"
    else:
        raise UnknownNameError(
            f"sweep: {criterion_or_area!r} is neither a criterion nor an area of the "
            f"assessment."
            + did_you_mean(criterion_or_area, (*assessment.criterion_names, *assessment.areas))
        )
    unit, current = direction(moving_criteria(assessment, criterion_or_area, scope), weights)
    at = weight_path(unit, weights, current)
    prepared = resolve_method(method).prepare(assessment)
    exact = bool(getattr(prepared, "additive", False))
    scorer = linear_scorer(prepared, assessment.n_criteria) if exact else prepared.score
    steps = np.linspace(0.0, 1.0, points)
    scores = scorer(at(steps))
    names = assessment.option_names
    leaders = scores.argmax(axis=1)
    crossovers = []
    for k in np.flatnonzero(leaders[1:] != leaders[:-1]):
        before, after = int(leaders[k]), int(leaders[k + 1])

        # Linear scores: two lines meet at one point, found from the sweep's own ends
        # (t = 0 and t = 1). Otherwise bisect between the two steps.
        gap0 = scores[0, before] - scores[0, after]
        gap1 = scores[-1, before] - scores[-1, after]
        if exact and gap0 != gap1:
            where = float(gap0 / (gap0 - gap1))
        else:

            def still_first(t: FloatArray, option: int = before) -> npt.NDArray[np.bool_]:
                return np.asarray(scorer(at(t)).argmax(axis=1) == option)

            where = bisect(still_first, float(steps[k + 1]), float(steps[k]))
        crossovers.append((where, names[before], names[after]))
    frame = pd.DataFrame(scores, index=pd.Index(steps, name="weight"), columns=list(names))
    frame.columns.name = "option"
    return Sweep(
        name=criterion_or_area,
        scope=scope,
        weight=current,
        steps=steps,
        scores=frame,
        crossovers=tuple(crossovers),
    )
