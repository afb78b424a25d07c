"""What is known about the weights: distributions to draw weight vectors from."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._frozen import FrozenMap
from powerbalance._validate import (
    OneOf,
    as_number,
    check,
    did_you_mean,
    quoted_list,
    refuse,
)
from powerbalance.errors import UnknownNameError, WeightError
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.sensitivity.smaa._constraint import (
    WeightConstraint,
    constraint_rows,
    to_constraints,
)
from powerbalance.sensitivity.smaa._hitandrun import Polytope
from powerbalance.sensitivity.smaa._streams import (
    check_count,
    drawn_frame,
)
from powerbalance.weighting._base import check_criterion_names
from powerbalance.weighting.subjective import Ranking, to_ranking

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

__all__ = [
    "MIN_ACCEPTANCE",
    "ConstrainedWeights",
    "IntervalWeights",
    "OrdinalWeights",
    "PerturbedWeights",
    "UniformDraw",
    "UniformWeights",
    "WeightInformation",
    "bounded_draw",
    "ordinal_draw",
    "sorted_draw",
    "walked_draw",
]

MIN_ACCEPTANCE = 1e-3
"""The smallest share of draws that rejection sampling must keep to be used.

Narrower bounds are sampled by hit-and-run instead (:class:`ConstrainedWeights`).

Examples
--------
>>> MIN_ACCEPTANCE
0.001
"""
#: Candidates drawn at most at once by the rejection sampler.
_ROUND = 65_536
#: Up to this many binding upper bounds, the share of the simplex they leave is computed
#: exactly (inclusion-exclusion over 2**k subsets); beyond it, it is estimated.
_EXACT_BOUNDS = 16

#: From this many values on, numpy sums a row pairwise rather than from left to right.
_PAIRWISE_SUM = 8

# A sampler draws ``count`` weight vectors (rows summing to 1, in the assessment's
# criterion order) from the generator it is given.
_Sampler: TypeAlias = Callable[[np.random.Generator, int], FloatArray]


def _normalized_rows(values: FloatArray, out: FloatArray | None = None) -> FloatArray:
    """Each row divided by its sum, the sum taken as numpy takes it (into ``out`` if given)."""
    if 1 < values.shape[1] < _PAIRWISE_SUM:
        # numpy adds a row this short from left to right; adding a column at a time
        # gives the same floats, without numpy's cost per row.
        totals = values[:, 0] + values[:, 1]
        for column in range(2, values.shape[1]):
            totals += values[:, column]
        quotients = np.divide(values, totals[:, None], out=out)
    else:
        quotients = np.divide(values, values.sum(axis=1, keepdims=True), out=out)
    return np.asarray(quotients, dtype=np.float64)


@attrs.frozen
class UniformDraw:
    """Draws uniform weights: standard exponentials, each row divided by its sum.

    Called as ``draw(rng, count)`` like every sampler; :meth:`fill` and
    :meth:`normalize` draw the same numbers into given memory instead, block by
    block, and then divide all the rows at once.

    Examples
    --------
    >>> draw = UniformDraw(3)
    >>> out = np.empty((2, 3))
    >>> draw.fill(np.random.default_rng(0), out)
    >>> bool(np.array_equal(draw.normalize(out), draw(np.random.default_rng(0), 2)))
    True
    """

    n_criteria: int

    def __call__(self, rng: np.random.Generator, count: int) -> FloatArray:
        return self.normalize(rng.standard_exponential((count, self.n_criteria)))

    def fill(self, rng: np.random.Generator, out: FloatArray) -> None:
        """Draw ``out``'s rows (C-contiguous), not yet divided by their sums."""
        rng.standard_exponential(out=out)

    def normalize(self, values: FloatArray) -> FloatArray:
        """Divide each row by its sum, in place."""
        return _normalized_rows(values, out=values)


class WeightInformation:
    """What is known about the weights: a distribution to draw weight vectors from.

    The subclasses are :class:`UniformWeights`, :class:`OrdinalWeights`,
    :class:`IntervalWeights` and :class:`PerturbedWeights`. Each checks its criterion
    names against the assessment when it samples.

    Examples
    --------
    >>> isinstance(UniformWeights(), WeightInformation)
    True
    """

    __slots__ = ()

    def draw_function(self, assessment: Assessment) -> _Sampler:
        """The function ``draw(rng, count)`` that draws weight vectors for ``assessment``.

        It returns a ``(count, n_criteria)`` array of weights in the assessment's
        criterion order, each row summing to 1. Checking the information against the
        assessment (criterion names, feasibility) happens here, once per run.

        Examples
        --------
        >>> import numpy as np, powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> draw = pb.sensitivity.UniformWeights().draw_function(a)
        >>> draw(np.random.default_rng(0), 3).sum(axis=1).round(12).tolist()
        [1.0, 1.0, 1.0]
        """
        raise NotImplementedError  # pragma: no cover - every subclass overrides it

    def in_words(self) -> str:
        """How the weights were drawn, as a phrase for summaries ("drawn uniformly").

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.sensitivity.UniformWeights().in_words()
        'drawn uniformly'
        """
        raise NotImplementedError  # pragma: no cover - every subclass overrides it

    def sample(
        self, assessment: Assessment, *, samples: int, seed: int | None = None
    ) -> pd.DataFrame:
        """Draw weight vectors, exactly the ones :func:`smaa` uses for the same seed.

        Parameters
        ----------
        assessment : Assessment
            Supplies the criteria.
        samples : int
            How many weight vectors to draw (at least 1).
        seed : int, optional
            Seed of the random numbers; None draws a fresh one.

        Returns
        -------
        pandas.DataFrame
            One row per weight vector (index ``sample``), one column per criterion in
            the assessment's order; every row sums to 1.

        Raises
        ------
        InvalidParameterError
            ``samples`` or ``seed`` is not a valid whole number.

        Examples
        --------
        >>> import powerbalance as pb
        >>> tiny = pb.examples.load("engage-or-contain").assessment
        >>> draws = UniformWeights().sample(tiny, samples=5, seed=1)
        >>> draws.shape, bool(np.allclose(draws.sum(axis=1), 1))
        ((5, 2), True)
        """
        return drawn_frame(
            f"{type(self).__name__}.sample",
            lambda: self.draw_function(assessment),
            samples=samples,
            seed=seed,
            stream=0,
            names=assessment.criterion_names,
            axis="criterion",
        )


@attrs.frozen
class UniformWeights(WeightInformation):
    r"""No information on the weights: every weight vector is equally likely.

    The weights are uniform on the simplex :math:`\{w \ge 0, \sum_j w_j = 1\}`, the
    Dirichlet(1, ..., 1) distribution, drawn as independent standard exponentials
    divided by their sum. (Independent uniforms divided by their sum are *not*
    uniform on the simplex: they favour balanced weights.)

    Examples
    --------
    >>> import powerbalance as pb
    >>> tiny = pb.examples.load("engage-or-contain").assessment
    >>> UniformWeights().sample(tiny, samples=3, seed=0).round(3)
    criterion  Trade gains  Conflict risk
    sample
    0                0.312          0.688
    1                0.557          0.443
    2                0.554          0.446
    """

    def draw_function(self, assessment: Assessment) -> _Sampler:
        return UniformDraw(assessment.n_criteria)

    def in_words(self) -> str:
        return "drawn uniformly"


def _ordinal_ranking(value: Sequence[str | Sequence[str]]) -> Ranking:
    return to_ranking(value, "OrdinalWeights")


@attrs.frozen
class OrdinalWeights(WeightInformation):
    r"""Criteria ranked by importance: weights uniform over those that respect the ranking.

    Without ties the weights are uniform on
    :math:`\{w : w_1 \ge w_2 \ge \dots \ge w_m \ge 0, \sum w = 1\}` (criteria in ranking
    order). Criteria in a tie group get equal weights, and the weights are uniform on
    the region where the groups' common weights are ordered. Either region is a
    simplex whose corners are :math:`(1/k, \dots, 1/k, 0, \dots, 0)`, the first *k*
    criteria sharing the weight, for each *k* that closes a group; a weight vector is
    drawn as a uniform mixture of the corners (coefficients uniform on a simplex),
    which is uniform on the region. Without ties this is the same distribution as a
    uniform weight vector sorted in decreasing order. The mean weights are the
    corners' mean: the rank-order-centroid weights of
    :class:`powerbalance.weighting.RankOrderCentroid`.

    Parameters
    ----------
    ranking : sequence of str or sequence of str
        Criterion names, most important first; criteria of equal importance grouped in
        a list: ``["Security", ["Economic", "Technology"], "Climate"]``. Every
        criterion of the assessment must appear once.

    Raises
    ------
    InvalidParameterError, DuplicateNameError
        The ranking is not a list of names and groups, or names a criterion twice.
    WeightError
        (When sampling.) The ranking names a criterion the assessment does not have,
        or leaves one out.

    Examples
    --------
    >>> import powerbalance as pb
    >>> info = OrdinalWeights(["Conflict risk", "Trade gains"])
    >>> tiny = pb.examples.load("engage-or-contain").assessment
    >>> draws = info.sample(tiny, samples=10_000, seed=0)
    >>> bool((draws["Conflict risk"] >= draws["Trade gains"]).all())
    True
    >>> draws.mean().round(2).tolist()
    [0.25, 0.75]
    """

    ranking: Ranking = attrs.field(converter=_ordinal_ranking)

    def draw_function(self, assessment: Assessment) -> _Sampler:
        ordered = [name for group in self.ranking for name in group]
        check_criterion_names(ordered, assessment.criterion_names, "OrdinalWeights")
        names = assessment.criterion_names
        return ordinal_draw(
            [[names.index(name) for name in group] for group in self.ranking], len(names)
        )

    def in_words(self) -> str:
        return "in the order of importance given"


def _to_bounds(
    value: Mapping[str, tuple[float, float]], owner: str = "IntervalWeights"
) -> FrozenMap[str, tuple[float, float]]:
    if not isinstance(value, Mapping):
        raise refuse(
            owner,
            "bounds",
            value,
            "a mapping of criterion name to (low, high)",
            fix="Give them as {'Security': (0.2, 0.5)}.",
        )
    bounds: dict[str, tuple[float, float]] = {}
    for name, pair in value.items():
        ends = (
            [as_number(end) for end in pair]
            if isinstance(pair, tuple | list | np.ndarray) and len(pair) == 2
            else [None]
        )
        low, high = ends[0], ends[-1]
        if low is None or high is None:
            raise refuse(
                owner,
                f"the bounds of {name!r}",
                pair,
                "a pair (low, high) of numbers from 0 to 1",
                fix="Give them as (0.2, 0.5).",
            )
        if not (0.0 <= low <= 1.0 and 0.0 <= high <= 1.0):
            raise refuse(
                owner,
                f"the bounds of {name!r}",
                pair,
                "a pair of numbers from 0 to 1",
                fix="Weights sum to 1, so no bound lies outside 0 to 1.",
            )
        if low > high:
            raise refuse(
                owner,
                f"the bounds of {name!r}",
                pair,
                "a pair (low, high) with low at most high",
                fix=f"Give them as ({high:g}, {low:g}).",
            )
        bounds[name] = (low, high)
    return FrozenMap(bounds)


def _rejection(
    propose: _Sampler,
    kept: Callable[[FloatArray], npt.NDArray[np.bool_]],
    acceptance: float,
) -> _Sampler:
    """Draw from ``propose`` and keep the draws ``kept`` accepts, until there are enough.

    ``acceptance`` (the share kept, known beforehand) sizes each round of proposals.
    """

    def draw(rng: np.random.Generator, count: int) -> FloatArray:
        found: list[FloatArray] = []
        needed = count
        while needed > 0:
            proposals = propose(rng, min(_ROUND, int(1.25 * needed / acceptance) + 64))
            ok = proposals[kept(proposals)][:needed]
            found.append(ok)
            needed -= len(ok)
        return np.vstack(found)

    return draw


def _simplex_share_below(caps: FloatArray, m: int) -> float:
    r"""Share of the uniform simplex in m dimensions where :math:`u_j \le c_j`, exactly.

    Inclusion-exclusion: :math:`\sum_S (-1)^{|S|} (1 - \sum_{j \in S} c_j)_+^{m-1}`.
    """
    k = len(caps)
    subsets = (np.arange(2**k)[:, None] >> np.arange(k)[None, :]) & 1
    rest = np.clip(1.0 - subsets @ caps, 0.0, None) ** (m - 1)
    signs = np.where(subsets.sum(axis=1) % 2 == 0, 1.0, -1.0)
    return math.fsum((signs * rest).tolist())


def ordinal_draw(groups: Sequence[Sequence[int]], size: int) -> _Sampler:
    """Uniform draws of ``size`` shares (summing to 1) ordered by ``groups``, largest first.

    ``groups`` lists the positions of each group, the largest shares first; the
    positions of one group share equally. Every position appears once. The draw is a
    uniform mixture of the region's corners (see :class:`OrdinalWeights`).

    Examples
    --------
    >>> draw = ordinal_draw([[2], [0, 1]], 3)
    >>> shares = draw(np.random.default_rng(0), 4)
    >>> bool((shares[:, 2] >= shares[:, 0]).all()), bool((shares[:, 0] == shares[:, 1]).all())
    (True, True)
    """
    corners = np.zeros((len(groups), size))
    members: list[int] = []
    for g, group in enumerate(groups):
        members += list(group)
        corners[g, members] = 1.0 / len(members)
    n_groups = len(groups)

    def draw(rng: np.random.Generator, count: int) -> FloatArray:
        mixture = _normalized_rows(rng.standard_exponential((count, n_groups)))
        return np.asarray(mixture @ corners, dtype=np.float64)

    return draw


def _acceptance(caps: FloatArray, m: int) -> float:
    """The share of the uniform simplex below ``caps`` (the binding ones), in m dimensions."""
    if len(caps) <= _EXACT_BOUNDS:
        return max(0.0, _simplex_share_below(caps, m))
    rng = np.random.default_rng(np.random.SeedSequence(0))
    u = _normalized_rows(rng.standard_exponential((_ROUND, m)))
    full_caps = np.concatenate([caps, np.ones(m - len(caps))])
    return float((u <= full_caps).all(axis=1).mean())


def bounded_draw(low: FloatArray, high: FloatArray, walk: Callable[[], _Sampler]) -> _Sampler:
    """Uniform draws of shares summing to 1 within ``low`` and ``high``, position by position.

    The caller has checked that some shares meet the bounds (``low`` sums to at most
    1, ``high`` to at least 1). Lower bounds are met exactly by a shift, upper bounds
    by rejection (see :class:`IntervalWeights`); when rejection would keep less than
    :data:`MIN_ACCEPTANCE` of the draws, ``walk()`` gives the sampler instead.

    Examples
    --------
    >>> draw = bounded_draw(np.array([0.2, 0.0]), np.array([0.5, 1.0]), lambda: None)
    >>> shares = draw(np.random.default_rng(0), 1_000)
    >>> bool(shares[:, 0].min() >= 0.2), bool(shares[:, 0].max() <= 0.5)
    (True, True)
    """
    m = len(low)
    free = 1.0 - low.sum()
    if free <= 1e-12 or high.sum() <= 1.0 + 1e-12:
        # The bounds allow one vector only.
        point = low if free <= 1e-12 else high
        point = point / point.sum()

        def single(rng: np.random.Generator, count: int) -> FloatArray:
            return np.tile(point, (count, 1))

        return single
    caps = (high - low) / free
    binding = caps < 1.0
    acceptance = _acceptance(caps[binding], m)
    if acceptance < MIN_ACCEPTANCE:
        # Rejection would discard more than 999 draws in 1,000: walk instead.
        return walk()

    shares = _rejection(
        lambda rng, size: _normalized_rows(rng.standard_exponential((size, m))),
        lambda u: np.asarray((u <= caps).all(axis=1), dtype=bool),
        acceptance,
    )

    def draw(rng: np.random.Generator, count: int) -> FloatArray:
        return np.asarray(low + free * shares(rng, count), dtype=np.float64)

    return draw


def walked_draw(
    low: FloatArray,
    high: FloatArray,
    groups: Sequence[Sequence[int]] = (),
    steps: int | None = None,
    a_ub: FloatArray | None = None,
    b_ub: FloatArray | None = None,
) -> _Sampler | None:
    """Hit-and-run draws of shares summing to 1 within bounds and ordered by ``groups``.

    ``groups`` lists positions largest first (each group's positions equal), as for
    :func:`ordinal_draw`, but need not name every position; the shares also meet
    ``a_ub @ w <= b_ub`` when given. None when no vector, or only one, meets the
    constraints (or those that do have no interior). See :class:`ConstrainedWeights`.

    Examples
    --------
    >>> draw = walked_draw(np.array([0.0, 0.0]), np.array([0.999, 0.002]))
    >>> bool((draw(np.random.default_rng(0), 5)[:, 1] <= 0.002 + 1e-12).all())
    True
    """
    m = len(low)
    identity = np.eye(m)
    rows = [-identity, identity]
    limits = [-low, high]
    equal_rows = [np.ones((1, m))]
    for before, after in itertools.pairwise(groups):
        # The next group's share is at most the previous group's.
        rows.append((identity[after[0]] - identity[before[0]])[None, :])
        limits.append(np.zeros(1))
    for group in groups:
        equal_rows += [(identity[j] - identity[group[0]])[None, :] for j in group[1:]]
    if a_ub is not None and b_ub is not None:
        rows.append(a_ub)
        limits.append(b_ub)
    polytope = Polytope.of(
        np.vstack(rows),
        np.concatenate(limits),
        np.vstack(equal_rows),
        np.concatenate([np.ones(1), np.zeros(len(equal_rows) - 1)]),
        steps,
    )
    if polytope is None:
        return None

    def walk(rng: np.random.Generator, count: int) -> FloatArray:
        points = np.maximum(polytope.sample(rng, count), 0.0)
        return _normalized_rows(points)

    return walk


def sorted_draw(
    low: FloatArray,
    high: FloatArray,
    ranked: Sequence[int] = (),
    a_ub: FloatArray | None = None,
    b_ub: FloatArray | None = None,
) -> _Sampler | None:
    """Exact draws within bounds, the ``ranked`` positions decreasing, by rejection.

    Draws also meet ``a_ub @ w <= b_ub`` when given. None when the constraints keep
    less than :data:`MIN_ACCEPTANCE` of the proposals (see :class:`ConstrainedWeights`).

    Examples
    --------
    >>> draw = sorted_draw(np.zeros(3), np.ones(3), [2, 0])
    >>> shares = draw(np.random.default_rng(0), 100)
    >>> bool((shares[:, 2] >= shares[:, 0]).all())
    True
    """
    m = len(low)
    order = np.array(ranked, dtype=np.intp)

    def propose(rng: np.random.Generator, count: int) -> FloatArray:
        u = _normalized_rows(rng.standard_exponential((count, m)))
        if len(order) > 1:
            u[:, order] = -np.sort(-u[:, order], axis=1)
        return u

    def kept(u: FloatArray) -> npt.NDArray[np.bool_]:
        inside = ((u >= low) & (u <= high)).all(axis=1)
        if a_ub is not None and b_ub is not None and len(a_ub):
            inside &= (u @ a_ub.T <= b_ub).all(axis=1)
        return np.asarray(inside, dtype=bool)

    trial = propose(np.random.default_rng(np.random.SeedSequence(0)), _ROUND)
    acceptance = float(kept(trial).mean())
    if acceptance < MIN_ACCEPTANCE:
        return None

    return _rejection(propose, kept, acceptance)


@attrs.frozen
class IntervalWeights(WeightInformation):
    r"""Each weight known to lie in an interval: weights uniform over what the bounds allow.

    The weights are uniform on :math:`\{w : \sum w = 1, l_j \le w_j \le h_j\}`;
    criteria without bounds get :math:`[0, 1]`. Lower bounds are handled exactly:
    :math:`w = l + (1 - \sum l)\,u` with *u* uniform on the simplex. Upper bounds are
    then met by rejection: draws of *u* that break one are discarded. The share of
    draws kept is computed before sampling (exactly by inclusion-exclusion for up to
    16 binding upper bounds, otherwise estimated from 65,536 draws); below
    :data:`MIN_ACCEPTANCE` (0.1%) rejection would be too slow, and the weights are
    drawn by hit-and-run instead, as by :class:`ConstrainedWeights`.

    Parameters
    ----------
    bounds : mapping of str to (float, float)
        ``{criterion: (low, high)}`` with ``0 <= low <= high <= 1``.

    Raises
    ------
    InvalidParameterError
        A bound is not a pair of numbers from 0 to 1, or low is above high.
    UnknownNameError
        (When sampling.) A bound names a criterion the assessment does not have.
    WeightError
        (When sampling.) No weights meet the bounds: the lower bounds sum to more
        than 1, or the upper bounds (1 where none is given) to less than 1.

    Examples
    --------
    >>> import powerbalance as pb
    >>> info = IntervalWeights({"Trade gains": (0.2, 0.5)})
    >>> tiny = pb.examples.load("engage-or-contain").assessment
    >>> draws = info.sample(tiny, samples=10_000, seed=0)
    >>> float(draws["Trade gains"].min()) >= 0.2, float(draws["Trade gains"].max()) <= 0.5
    (True, True)
    >>> round(float(draws["Trade gains"].mean()), 2)
    0.35
    """

    bounds: Mapping[str, tuple[float, float]] = attrs.field(converter=_to_bounds)

    def draw_function(self, assessment: Assessment) -> _Sampler:
        names = assessment.criterion_names
        for name in self.bounds:
            if name not in names:
                raise UnknownNameError(
                    f"IntervalWeights: the bounds name {name!r}, which is not a criterion of "
                    f"the assessment." + did_you_mean(str(name), names)
                )
        low = np.array([self.bounds.get(name, (0.0, 1.0))[0] for name in names])
        high = np.array([self.bounds.get(name, (0.0, 1.0))[1] for name in names])
        given = ", ".join(f"{name} {lo:g}-{hi:g}" for name, (lo, hi) in self.bounds.items())
        if low.sum() > 1.0 + 1e-12:
            raise WeightError(
                f"IntervalWeights: the lower bounds sum to {low.sum():.4g}, more than 1, so "
                f"no weights meet them ({given}). Lower some of them."
            )
        if high.sum() < 1.0 - 1e-12:
            raise WeightError(
                f"IntervalWeights: the upper bounds sum to {high.sum():.4g}, less than 1, so "
                f"no weights meet them ({given}). Raise some of them, or leave a criterion "
                f"unbounded."
            )
        return bounded_draw(
            low, high, lambda: ConstrainedWeights(bounds=self.bounds).draw_function(assessment)
        )

    def in_words(self) -> str:
        return "within the weight bounds given"


def _to_weights(value: Mapping[str, float] | Weights) -> Weights:
    if isinstance(value, Weights):
        return value
    if not isinstance(value, Mapping):
        raise refuse(
            "PerturbedWeights",
            "weights",
            value,
            "a mapping of criterion name to weight or a Weights",
            fix="Give them as {'Security': 0.6, 'Economic': 0.4}.",
        )
    return Weights.from_mapping(value)


def _check_spread(
    instance: PerturbedWeights, attribute: attrs.Attribute[float], value: float
) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not (0.0 <= value < 1.0):
        raise refuse(
            "PerturbedWeights",
            "spread",
            value,
            "a number from 0 up to (not including) 1",
            fix="Give 0.1 for weights within ±10%.",
        )


@attrs.frozen
class PerturbedWeights(WeightInformation):
    r"""A weight vector known to within a relative spread.

    Each weight is multiplied by its own factor, uniform on
    :math:`[1 - s, 1 + s]` and independent of the others, and the results are
    rescaled to sum to 1. A weight of 0 stays 0.

    Parameters
    ----------
    weights : mapping of str to float, or Weights
        The central weights (any non-negative points; rescaled to sum to 1). Every
        criterion of the assessment must have one.
    spread : float, default 0.1
        The relative spread *s*, from 0 up to (not including) 1.

    Raises
    ------
    InvalidParameterError
        ``spread`` is outside [0, 1).
    WeightError
        A weight is negative or not finite, or all are zero; or (when sampling) a
        criterion is missing or unknown.

    Examples
    --------
    >>> import powerbalance as pb
    >>> info = PerturbedWeights({"Trade gains": 0.3, "Conflict risk": 0.7}, spread=0.2)
    >>> draws = info.sample(pb.examples.load("engage-or-contain").assessment, samples=1_000, seed=0)
    >>> bool(draws["Trade gains"].between(0.3 * 0.8 / 1.1, 0.3 * 1.2 / 0.9).all())
    True
    """

    weights: Weights = attrs.field(converter=_to_weights)
    spread: float = attrs.field(default=0.1, validator=_check_spread, kw_only=True)

    def draw_function(self, assessment: Assessment) -> _Sampler:
        check_criterion_names(self.weights.names, assessment.criterion_names, "PerturbedWeights")
        base = np.array([self.weights[name] for name in assessment.criterion_names])
        spread = float(self.spread)

        def draw(rng: np.random.Generator, count: int) -> FloatArray:
            factors = rng.uniform(1.0 - spread, 1.0 + spread, (count, len(base)))
            return _normalized_rows(base * factors)

        return draw

    def in_words(self) -> str:
        return f"within ±{100 * self.spread:g}% of the given weights"


def _to_constrained_bounds(
    value: Mapping[str, tuple[float, float]] | None,
) -> FrozenMap[str, tuple[float, float]]:
    return _to_bounds({} if value is None else value, "ConstrainedWeights")


def _to_optional_ranking(value: Sequence[str | Sequence[str]] | None) -> Ranking | None:
    return None if value is None else to_ranking(value, "ConstrainedWeights")


def _to_constraints(value: object) -> tuple[WeightConstraint, ...]:
    return to_constraints(value, "ConstrainedWeights")


def _check_sampler(instance: object, attribute: object, value: object) -> None:
    check("ConstrainedWeights", "sampler", value, OneOf("auto", "rejection", "hit-and-run"))


def _to_steps(value: object) -> int | None:
    if value is None:
        return None
    return check_count(value, "steps", "ConstrainedWeights", "2_000")


@attrs.frozen
class ConstrainedWeights(WeightInformation):
    r"""Bounds, an order of importance and linear constraints: uniform weights on what they allow.

    The weights are uniform on the region where every weight lies within its bounds,
    the ranked criteria's weights follow the ranking (tied criteria equal) and every
    :class:`WeightConstraint` holds (a sum of weights at least another, such as
    :math:`w_1 \ge w_3 + w_4`):

    .. math::

        \{w : \textstyle\sum_j w_j = 1,\; l_j \le w_j \le h_j,\;
        w_{r_1} \ge w_{r_2} \ge \dots,\; A w \le b\}

    When the ranking has no ties and the bounds and constraints keep at least
    :data:`MIN_ACCEPTANCE` (0.1%) of the ordered region, the weights are drawn exactly:
    uniform weight vectors with the ranked criteria's weights sorted (uniform on the
    ordered region, since the uniform distribution on the simplex treats the criteria
    alike), kept when they meet the bounds and constraints. Otherwise no simple
    transformation of a uniform draw covers the region, and the weights are drawn by
    hit-and-run (Smith 1984), the sampler Tervonen, van Valkenhoef, Basturk and Postmus
    (2013) proposed for SMAA: each weight vector is the end of its own chain from the
    centre of the largest ball inside the region, after
    :math:`\lceil \ln(d + 1)\, d^3 / 4 \rceil` steps (at least 100) in *d* dimensions,
    their recommended thinning; the chains take their directions from the spread they
    have reached, which mixes far faster in long, thin regions. Independent chains keep
    the draws independent, so the Monte Carlo standard errors of :class:`SMAAResult`
    hold.

    Parameters
    ----------
    bounds : mapping of str to (float, float), optional
        ``{criterion: (low, high)}`` with ``0 <= low <= high <= 1``; others 0 to 1.
    ranking : sequence of str or sequence of str, optional
        Criteria most important first, ties grouped in a list, as for
        :class:`OrdinalWeights`; criteria it leaves out are not ordered.
    constraints : sequence of WeightConstraint, optional
        Linear statements about the weights, each a :class:`WeightConstraint` (in a
        list, even if there is one).
    steps : int, optional
        Steps each chain walks, instead of the default above.
    sampler : {"auto", "rejection", "hit-and-run"}, default "auto"
        Force one of the two ways of drawing (to compare them, say); "rejection"
        raises if the constraints keep less than 0.1% of the proposals or tie
        criteria.

    Raises
    ------
    InvalidParameterError
        A bound is malformed, the ranking is not a list of names and groups, or the
        constraints are not a list of :class:`WeightConstraint`.
    UnknownNameError
        (When sampling.) A bound, the ranking or a constraint names an unknown
        criterion.
    WeightError
        (When sampling.) No weights meet every constraint, or those that do leave the
        weights no room to vary (a single weighting, or constraints that make weights
        equal: tie them in the ranking instead).

    References
    ----------
    Smith, R. L. (1984). Efficient Monte Carlo procedures for generating points
    uniformly distributed over bounded regions. Operations Research 32(6), 1296-1308.

    Tervonen, T., van Valkenhoef, G., Basturk, N. and Postmus, D. (2013). Hit-And-Run
    enables efficient weight generation for simulation-based multiple criteria
    decision analysis. European Journal of Operational Research 224(3), 552-559.

    Examples
    --------
    >>> import powerbalance as pb
    >>> info = ConstrainedWeights(bounds={"Trade gains": (0.1, 0.6)},
    ...                           ranking=["Conflict risk", "Trade gains"])
    >>> draws = info.sample(pb.examples.load("engage-or-contain").assessment, samples=2_000, seed=0)
    >>> bool((draws["Trade gains"] <= draws["Conflict risk"] + 1e-12).all())
    True
    >>> round(float(draws["Trade gains"].mean()), 1)  # uniform on 0.1 to 0.5
    0.3

    A sum of weights at least another, with a margin:

    >>> at_least = pb.sensitivity.WeightConstraint("Conflict risk", "Trade gains", margin=0.2)
    >>> draws = ConstrainedWeights(constraints=[at_least]).sample(
    ...     pb.examples.load("engage-or-contain").assessment, samples=1_000, seed=0)
    >>> bool((draws["Conflict risk"] >= draws["Trade gains"] + 0.2 - 1e-12).all())
    True
    """

    bounds: Mapping[str, tuple[float, float]] = attrs.field(
        default=None, converter=_to_constrained_bounds
    )
    ranking: Ranking | None = attrs.field(default=None, converter=_to_optional_ranking)
    constraints: tuple[WeightConstraint, ...] = attrs.field(default=(), converter=_to_constraints)
    steps: int | None = attrs.field(default=None, converter=_to_steps, kw_only=True)
    sampler: str = attrs.field(default="auto", kw_only=True, validator=_check_sampler)

    def draw_function(self, assessment: Assessment) -> _Sampler:
        names = assessment.criterion_names
        ranked = [name for group in self.ranking or () for name in group]
        for name in [*self.bounds, *ranked]:
            if name not in names:
                raise refuse(
                    "ConstrainedWeights",
                    "a criterion named in the bounds or ranking",
                    name,
                    "a criterion of the assessment",
                    fix=did_you_mean(str(name), names).strip()
                    or f"The criteria are {quoted_list(names)}.",
                    error=UnknownNameError,
                )
        a_ub, b_ub = constraint_rows(self.constraints, names, "ConstrainedWeights")
        low = np.array([self.bounds.get(name, (0.0, 1.0))[0] for name in names])
        high = np.array([self.bounds.get(name, (0.0, 1.0))[1] for name in names])
        groups = [[names.index(name) for name in group] for group in self.ranking or ()]
        tied = any(len(group) > 1 for group in groups)
        if self.sampler != "hit-and-run" and not tied:
            exact = sorted_draw(low, high, [group[0] for group in groups], a_ub, b_ub)
            if exact is not None:
                return exact
        if self.sampler == "rejection":
            raise refuse(
                "ConstrainedWeights",
                "sampler",
                self.sampler,
                '"auto" or "hit-and-run" for these constraints',
                fix=(
                    f"Rejection cannot sample {self._described()}: "
                    + (
                        "the ranking ties criteria."
                        if tied
                        else f"they keep less than {MIN_ACCEPTANCE:g} of the proposals."
                    )
                ),
            )
        walk = walked_draw(low, high, groups, self.steps, a_ub, b_ub)
        if walk is None:
            raise WeightError(
                f"ConstrainedWeights: {self._described()} leave no room for the weights to "
                f"vary: no weight vector meets them all, or only one does"
                + (
                    ", or they hold some with equality (to make weights equal, tie them "
                    "in the ranking)"
                    if self.constraints
                    else ""
                )
                + ". Widen the bounds or relax the ranking or constraints; to use one "
                "weighting, give it to evaluate()."
            )
        return walk

    def _described(self) -> str:
        parts = []
        if self.bounds:
            given = ", ".join(f"{n} {lo:g}-{hi:g}" for n, (lo, hi) in self.bounds.items())
            parts.append(f"the bounds ({given})")
        if self.ranking:
            order = " >= ".join(" = ".join(group) for group in self.ranking)
            parts.append(f"the ranking ({order})")
        if self.constraints:
            stated = "; ".join(str(constraint) for constraint in self.constraints)
            parts.append(f"the constraints ({stated})")
        if len(parts) > 2:
            parts = [", ".join(parts[:-1]), parts[-1]]
        return " and ".join(parts) or "the constraints"

    def in_words(self) -> str:
        if self.constraints:
            given = [
                kind
                for kind, present in (
                    ("weight bounds", self.bounds),
                    ("order of importance", self.ranking),
                    ("constraints", True),
                )
                if present
            ]
            listed = given[0] if len(given) == 1 else f"{', '.join(given[:-1])} and {given[-1]}"
            return f"within the {'weight ' if listed == 'constraints' else ''}{listed} given"
        if self.bounds and self.ranking:
            return "within the weight bounds and order of importance given"
        if self.ranking:
            return "in the order of importance given"
        return "within the weight bounds given"
