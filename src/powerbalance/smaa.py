r"""SMAA-2: how often each option wins when the weights are uncertain.

Stochastic multicriteria acceptability analysis (Lahdelma and Salminen 2001) replaces
one weight vector by a distribution of weight vectors that expresses what is known
about the weights: nothing (:class:`UniformWeights`), a ranking of the criteria
(:class:`OrdinalWeights`), bounds on each weight (:class:`IntervalWeights`), or a
weight vector known to within a spread (:class:`PerturbedWeights`). :func:`smaa`
draws weight vectors from it, scores every option under each with the chosen
method, and counts how often each option takes each rank. With :math:`b_i^r` the
share of weight vectors under which option *i* ranks *r*-th, SMAA-2 reports

- the rank acceptability indices :math:`b_i^r` (:attr:`SMAAResult.acceptability`);
- the central weight vector of each option, the mean of the weight vectors under
  which it ranks first: the typical weighting of someone who prefers it
  (:attr:`SMAAResult.central_weights`);
- the confidence factor, whether the option ranks first under its own central
  weights (:attr:`SMAAResult.confidence`);
- the pairwise winning indices, how often one option scores above another
  (:attr:`SMAAResult.winning`);
- the holistic acceptability index, a weighted sum of the rank acceptabilities that
  credits second and lower places too (:attr:`SMAAResult.holistic`).

Only the weights are uncertain here; the scores are taken as given.

Reproducibility: random numbers are drawn in blocks of :data:`BLOCK` weight vectors,
block *b* from its own generator ``SeedSequence(seed, spawn_key=(b, 0))``, so that
the same seed gives the same weight vectors, and bit for bit the same result, however
many vectors are processed at once (``chunk_size``).

References
----------
Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability
analysis for group decision making. Operations Research 49(3), 444-454.

Examples
--------
>>> import powerbalance as pb
>>> result = smaa(pb.scenarios.load("great-power-cooperation"), samples=2_000, seed=7)
>>> result.acceptability.sum(axis=1).round(12).unique().tolist()
[1.0]
"""

from __future__ import annotations

import html
import json
import math
import os
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._frozen import FrozenMap
from powerbalance._render import Table, join_words, number
from powerbalance._version import __version__
from powerbalance.errors import (
    InvalidParameterError,
    UnknownNameError,
    WeightError,
    did_you_mean,
)
from powerbalance.methods import MethodLike, resolve_method
from powerbalance.model import Assessment
from powerbalance.ranking import TIE_TOLERANCE
from powerbalance.report import TEXT_WIDTH, describe
from powerbalance.weighting._base import check_criterion_names
from powerbalance.weighting.subjective import Ranking, _to_ranking
from powerbalance.weights import Weights

__all__ = [
    "BLOCK",
    "PAIRWISE_LIMIT",
    "SMAA_SCHEMA",
    "IntervalWeights",
    "OrdinalWeights",
    "PerturbedWeights",
    "SMAAResult",
    "UniformWeights",
    "WeightInformation",
    "smaa",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

#: Weight vectors per block of random numbers; the unit of reproducibility.
BLOCK = 1024
#: Above this many options, pairwise wins are counted only when asked for.
PAIRWISE_LIMIT = 200
#: Tag of :meth:`SMAAResult.to_dict`.
SMAA_SCHEMA = "powerbalance.smaa/1"
#: The smallest share of the weight simplex that :class:`IntervalWeights` will sample
#: by rejection; narrower bounds raise an error instead of running for hours.
MIN_ACCEPTANCE = 1e-3
#: Candidates drawn at most at once by the rejection sampler.
_ROUND = 65_536
#: Up to this many binding upper bounds, the share of the simplex they leave is computed
#: exactly (inclusion-exclusion over 2**k subsets); beyond it, it is estimated.
_EXACT_BOUNDS = 16

# A sampler draws ``count`` weight vectors (rows summing to 1, in the assessment's
# criterion order) from the generator it is given.
_Sampler: TypeAlias = Callable[[np.random.Generator, int], FloatArray]


def _block_generator(seed: int, block: int, stream: int) -> np.random.Generator:
    """The generator of block ``block``: stream 0 for weights, 1 for breaking ties."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(block, stream)))


def _check_seed(seed: object, where: str) -> int:
    if seed is None:
        entropy = np.random.SeedSequence().entropy
        return int(entropy)  # type: ignore[arg-type]
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InvalidParameterError(
            f"{where}: seed must be a whole number of at least 0, such as 42, or None for a "
            f"fresh one; got {seed!r}."
        )
    return int(seed)


def _check_count(value: object, name: str, where: str, example: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise InvalidParameterError(
            f"{where}: {name} must be a whole number of at least 1, such as {example}; "
            f"got {value!r}."
        )
    return int(value)


def _blocks(samples: int) -> list[int]:
    """The number of weight vectors in each block."""
    full, rest = divmod(samples, BLOCK)
    return [BLOCK] * full + ([rest] if rest else [])


def _normalized_rows(values: FloatArray) -> FloatArray:
    return np.asarray(values / values.sum(axis=1, keepdims=True), dtype=np.float64)


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

    def _sampler(self, assessment: Assessment) -> _Sampler:
        raise NotImplementedError  # pragma: no cover - every subclass overrides it

    def _phrase(self) -> str:
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
        >>> from powerbalance.model import _example
        >>> draws = UniformWeights().sample(_example(), samples=5, seed=1)
        >>> draws.shape, bool(np.allclose(draws.sum(axis=1), 1))
        ((5, 2), True)
        """
        where = f"{type(self).__name__}.sample"
        count = _check_count(samples, "samples", where, "10_000")
        chosen = _check_seed(seed, where)
        draw = self._sampler(assessment)
        values = np.vstack(
            [draw(_block_generator(chosen, b, 0), n) for b, n in enumerate(_blocks(count))]
        )
        return pd.DataFrame(
            values,
            index=pd.RangeIndex(count, name="sample"),
            columns=pd.Index(assessment.criterion_names, name="criterion"),
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
    >>> from powerbalance.model import _example
    >>> UniformWeights().sample(_example(), samples=3, seed=0).round(3)
    criterion  Trade gains  Conflict risk
    sample
    0                0.312          0.688
    1                0.557          0.443
    2                0.554          0.446
    """

    def _sampler(self, assessment: Assessment) -> _Sampler:
        m = assessment.n_criteria

        def draw(rng: np.random.Generator, count: int) -> FloatArray:
            return _normalized_rows(rng.standard_exponential((count, m)))

        return draw

    def _phrase(self) -> str:
        return "drawn uniformly"


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
    >>> from powerbalance.model import _example
    >>> info = OrdinalWeights(["Conflict risk", "Trade gains"])
    >>> draws = info.sample(_example(), samples=10_000, seed=0)
    >>> bool((draws["Conflict risk"] >= draws["Trade gains"]).all())
    True
    >>> draws.mean().round(2).tolist()
    [0.25, 0.75]
    """

    ranking: Ranking = attrs.field(converter=_to_ranking)

    def _sampler(self, assessment: Assessment) -> _Sampler:
        ordered = [name for group in self.ranking for name in group]
        check_criterion_names(ordered, assessment.criterion_names, "OrdinalWeights")
        names = assessment.criterion_names
        corners = np.zeros((len(self.ranking), len(names)))
        members: list[int] = []
        for g, group in enumerate(self.ranking):
            members += [names.index(name) for name in group]
            corners[g, members] = 1.0 / len(members)
        n_groups = len(self.ranking)

        def draw(rng: np.random.Generator, count: int) -> FloatArray:
            mixture = _normalized_rows(rng.standard_exponential((count, n_groups)))
            return np.asarray(mixture @ corners, dtype=np.float64)

        return draw

    def _phrase(self) -> str:
        return "in the order of importance given"


def _to_bounds(value: Mapping[str, tuple[float, float]]) -> FrozenMap[str, tuple[float, float]]:
    if not isinstance(value, Mapping):
        raise InvalidParameterError(
            f"IntervalWeights: bounds must be a mapping of criterion name to (low, high), "
            f"such as {{'Security': (0.2, 0.5)}}; got {value!r}."
        )
    bounds: dict[str, tuple[float, float]] = {}
    for name, pair in value.items():
        try:
            low, high = (float(end) for end in pair)
        except (TypeError, ValueError):
            raise InvalidParameterError(
                f"IntervalWeights: the bounds of {name!r} must be a pair (low, high) of "
                f"numbers from 0 to 1, such as (0.2, 0.5); got {pair!r}."
            ) from None
        if not (0.0 <= low <= 1.0 and 0.0 <= high <= 1.0):
            raise InvalidParameterError(
                f"IntervalWeights: the bounds of {name!r} must lie from 0 to 1 (weights "
                f"sum to 1); got ({low:g}, {high:g})."
            )
        if low > high:
            raise InvalidParameterError(
                f"IntervalWeights: the bounds of {name!r} are ({low:g}, {high:g}), low above "
                f"high; give them as (low, high)."
            )
        bounds[name] = (low, high)
    return FrozenMap(bounds)


def _simplex_share_below(caps: FloatArray, m: int) -> float:
    r"""Share of the uniform simplex in m dimensions where :math:`u_j \le c_j`, exactly.

    Inclusion-exclusion: :math:`\sum_S (-1)^{|S|} (1 - \sum_{j \in S} c_j)_+^{m-1}`.
    """
    k = len(caps)
    subsets = (np.arange(2**k)[:, None] >> np.arange(k)[None, :]) & 1
    rest = np.clip(1.0 - subsets @ caps, 0.0, None) ** (m - 1)
    signs = np.where(subsets.sum(axis=1) % 2 == 0, 1.0, -1.0)
    return math.fsum((signs * rest).tolist())


@attrs.frozen
class IntervalWeights(WeightInformation):
    r"""Each weight known to lie in an interval: weights uniform over what the bounds allow.

    The weights are uniform on :math:`\{w : \sum w = 1, l_j \le w_j \le h_j\}`;
    criteria without bounds get :math:`[0, 1]`. Lower bounds are handled exactly:
    :math:`w = l + (1 - \sum l)\,u` with *u* uniform on the simplex. Upper bounds are
    then met by rejection: draws of *u* that break one are discarded. The share of
    draws kept is computed before sampling (exactly by inclusion-exclusion for up to
    16 binding upper bounds, otherwise estimated from 65,536 draws); below
    :data:`MIN_ACCEPTANCE` (0.1%) sampling would be too slow and an error says so.

    Parameters
    ----------
    bounds : mapping of str to (float, float)
        ``{criterion: (low, high)}`` with ``0 <= low <= high <= 1``.

    Raises
    ------
    InvalidParameterError
        A bound is not a pair of numbers from 0 to 1, or low is above high; or (when
        sampling) the bounds leave too small a share of the weights to sample.
    UnknownNameError
        (When sampling.) A bound names a criterion the assessment does not have.
    WeightError
        (When sampling.) No weights meet the bounds: the lower bounds sum to more
        than 1, or the upper bounds (1 where none is given) to less than 1.

    Examples
    --------
    >>> from powerbalance.model import _example
    >>> info = IntervalWeights({"Trade gains": (0.2, 0.5)})
    >>> draws = info.sample(_example(), samples=10_000, seed=0)
    >>> float(draws["Trade gains"].min()) >= 0.2, float(draws["Trade gains"].max()) <= 0.5
    (True, True)
    >>> round(float(draws["Trade gains"].mean()), 2)
    0.35
    """

    bounds: Mapping[str, tuple[float, float]] = attrs.field(converter=_to_bounds)

    def _sampler(self, assessment: Assessment) -> _Sampler:
        names = assessment.criterion_names
        for name in self.bounds:
            if name not in names:
                raise UnknownNameError(
                    f"IntervalWeights: the bounds name {name!r}, which is not a criterion of "
                    f"the assessment." + did_you_mean(str(name), names)
                )
        m = len(names)
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
        free = 1.0 - low.sum()
        if free <= 1e-12 or high.sum() <= 1.0 + 1e-12:
            # The bounds allow one weight vector only.
            point = low if free <= 1e-12 else high
            point = point / point.sum()

            def single(rng: np.random.Generator, count: int) -> FloatArray:
                return np.tile(point, (count, 1))

            return single
        caps = (high - low) / free
        binding = caps < 1.0
        acceptance = self._acceptance(caps[binding], m)
        if acceptance < MIN_ACCEPTANCE:
            raise InvalidParameterError(
                f"IntervalWeights: the bounds ({given}) leave about {acceptance:.2g} of the "
                f"possible weights, too little to sample by rejection (at least "
                f"{MIN_ACCEPTANCE:g} is needed). Widen the bounds, or use PerturbedWeights "
                f"around the weights at their centre."
            )

        def draw(rng: np.random.Generator, count: int) -> FloatArray:
            kept: list[FloatArray] = []
            needed = count
            while needed > 0:
                size = min(_ROUND, int(1.25 * needed / acceptance) + 64)
                u = _normalized_rows(rng.standard_exponential((size, m)))
                ok = u[(u <= caps).all(axis=1)][:needed]
                kept.append(ok)
                needed -= len(ok)
            return np.asarray(low + free * np.vstack(kept), dtype=np.float64)

        return draw

    @staticmethod
    def _acceptance(caps: FloatArray, m: int) -> float:
        if len(caps) <= _EXACT_BOUNDS:
            return max(0.0, _simplex_share_below(caps, m))
        rng = np.random.default_rng(np.random.SeedSequence(0))
        u = _normalized_rows(rng.standard_exponential((_ROUND, m)))
        full_caps = np.concatenate([caps, np.ones(m - len(caps))])
        return float((u <= full_caps).all(axis=1).mean())

    def _phrase(self) -> str:
        return "within the weight bounds given"


def _to_weights(value: Mapping[str, float] | Weights) -> Weights:
    if isinstance(value, Weights):
        return value
    if not isinstance(value, Mapping):
        raise InvalidParameterError(
            f"PerturbedWeights: weights must be a mapping of criterion name to weight or a "
            f"Weights, such as {{'Security': 0.6, 'Economic': 0.4}}; got {value!r}."
        )
    return Weights.from_mapping(value)


def _check_spread(
    instance: PerturbedWeights, attribute: attrs.Attribute[float], value: float
) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not (0.0 <= value < 1.0):
        raise InvalidParameterError(
            f"PerturbedWeights: spread must be a number from 0 up to (not including) 1, such "
            f"as 0.1 for weights within ±10%; got {value!r}."
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
    >>> from powerbalance.model import _example
    >>> info = PerturbedWeights({"Trade gains": 0.3, "Conflict risk": 0.7}, spread=0.2)
    >>> draws = info.sample(_example(), samples=1_000, seed=0)
    >>> bool(draws["Trade gains"].between(0.3 * 0.8 / 1.1, 0.3 * 1.2 / 0.9).all())
    True
    """

    weights: Weights = attrs.field(converter=_to_weights)
    spread: float = attrs.field(default=0.1, validator=_check_spread, kw_only=True)

    def _sampler(self, assessment: Assessment) -> _Sampler:
        check_criterion_names(self.weights.names, assessment.criterion_names, "PerturbedWeights")
        base = np.array([self.weights[name] for name in assessment.criterion_names])
        spread = float(self.spread)

        def draw(rng: np.random.Generator, count: int) -> FloatArray:
            factors = rng.uniform(1.0 - spread, 1.0 + spread, (count, len(base)))
            return _normalized_rows(base * factors)

        return draw

    def _phrase(self) -> str:
        return f"within ±{100 * self.spread:g}% of the given weights"


# -- the analysis -------------------------------------------------------------------------


def _readonly(values: npt.ArrayLike, dtype: type) -> Any:
    array: npt.NDArray[Any] = np.array(values, dtype=dtype, copy=True)
    array.flags.writeable = False
    return array


def _int_array(values: npt.ArrayLike) -> IntArray:
    return _readonly(values, np.int64)  # type: ignore[no-any-return]


def _float_array(values: npt.ArrayLike) -> FloatArray:
    return _readonly(values, np.float64)  # type: ignore[no-any-return]


def _bool_array(values: npt.ArrayLike) -> BoolArray:
    return _readonly(values, np.bool_)  # type: ignore[no-any-return]


def _to_names(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(names)


_ARRAY_EQ = attrs.cmp_using(eq=np.array_equal)


@attrs.frozen
class SMAAResult:
    r"""What :func:`smaa` found: rank acceptabilities, central weights and more.

    Attributes
    ----------
    options, criteria : tuple of str
        Names, in the assessment's order.
    samples : int
        How many weight vectors were drawn.
    seed : int
        The seed; ``smaa(..., seed=result.seed)`` repeats the run exactly.
    method : str
        The method, as :func:`powerbalance.report.describe` gives it.
    weights : WeightInformation
        The distribution the weight vectors were drawn from.
    rank_counts : numpy.ndarray of int, shape (n_options, n_options)
        How many weight vectors put each option (row) at each rank (column, 1 first).
    win_counts : numpy.ndarray of int, shape (n_options, n_options)
        How many put the row option strictly above the column option.
    first_weight_sums : numpy.ndarray of float, shape (n_options, n_criteria)
        Sum of the weight vectors under which each option ranks first.
    first_under_central : numpy.ndarray of bool, shape (n_options,)
        Whether each option ranks first under its central weights (False for an option
        that never ranks first).
    """

    options: tuple[str, ...] = attrs.field(converter=_to_names)
    criteria: tuple[str, ...] = attrs.field(converter=_to_names)
    samples: int
    seed: int
    method: str
    weights: WeightInformation
    rank_counts: IntArray = attrs.field(converter=_int_array, eq=_ARRAY_EQ, repr=False)
    win_counts: IntArray = attrs.field(converter=_int_array, eq=_ARRAY_EQ, repr=False)
    first_weight_sums: FloatArray = attrs.field(converter=_float_array, eq=_ARRAY_EQ, repr=False)
    first_under_central: BoolArray = attrs.field(converter=_bool_array, eq=_ARRAY_EQ, repr=False)
    pairwise: bool = attrs.field(default=True, kw_only=True)

    # -- frames ---------------------------------------------------------------------------

    def _option_index(self) -> pd.Index:
        return pd.Index(self.options, name="option")

    def _rank_columns(self) -> pd.Index:
        return pd.Index(range(1, len(self.options) + 1), name="rank")

    @property
    def hits(self) -> pd.DataFrame:
        """How many weight vectors put each option at each rank (whole numbers).

        Returns
        -------
        pandas.DataFrame
            Index ``option``; columns the ranks 1 to n (``rank``).

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> int(r.hits.to_numpy().sum()) == 1_000 * 7
        True
        """
        return pd.DataFrame(
            self.rank_counts.copy(), index=self._option_index(), columns=self._rank_columns()
        )

    @property
    def acceptability(self) -> pd.DataFrame:
        r"""Rank acceptability indices :math:`b_i^r`: the share of weights giving rank *r*.

        Every row and every column sums to 1.

        Returns
        -------
        pandas.DataFrame
            Index ``option``; columns the ranks 1 to n (``rank``).

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> r.acceptability.sum().round(12).unique().tolist()
        [1.0]
        """
        return self.hits / self.samples

    @property
    def acceptability_se(self) -> pd.DataFrame:
        r"""Monte Carlo standard errors of :attr:`acceptability`: :math:`\sqrt{b(1-b)/N}`.

        Returns
        -------
        pandas.DataFrame
            Shaped and labelled like :attr:`acceptability`.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> bool((r.acceptability_se <= 0.5 / 1_000**0.5).all().all())
        True
        """
        share = self.rank_counts / self.samples
        return pd.DataFrame(
            np.sqrt(share * (1.0 - share) / self.samples),
            index=self._option_index(),
            columns=self._rank_columns(),
        )

    @property
    def never_first(self) -> tuple[str, ...]:
        """The options that rank first under none of the weight vectors drawn.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> "Confrontation" in r.never_first
        True
        """
        return tuple(
            name for name, n in zip(self.options, self.rank_counts[:, 0], strict=True) if n == 0
        )

    @property
    def central_weights(self) -> pd.DataFrame:
        """Each option's central weight vector: the mean of the weights that put it first.

        Options that never rank first have no central weights and are left out (see
        :attr:`never_first`).

        Returns
        -------
        pandas.DataFrame
            Index ``option`` (those that rank first at least once); one column per
            criterion (``criterion``); every row sums to 1.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> bool(np.allclose(r.central_weights.sum(axis=1), 1))
        True
        """
        firsts = self.rank_counts[:, 0]
        keep = firsts > 0
        central = self.first_weight_sums[keep] / firsts[keep, None]
        return pd.DataFrame(
            central,
            index=pd.Index(
                [n for n, k in zip(self.options, keep, strict=True) if k], name="option"
            ),
            columns=pd.Index(self.criteria, name="criterion"),
        )

    @property
    def confidence(self) -> pd.Series:
        """SMAA-2 confidence factors: whether each option ranks first under its central weights.

        The confidence factor is the probability that an option ranks first when its
        central weights are used. Only the weights are uncertain here, so it is 1 or 0:
        1 when the option ranks first (ties included) under its own central weights.
        A 0 means the option wins only under scattered weightings, with no typical
        supporter. Options that never rank first are left out, as in
        :attr:`central_weights`.

        Returns
        -------
        pandas.Series
            Index ``option``; name ``confidence``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> float(r.confidence["Targeted cooperation"])
        1.0
        """
        keep = self.rank_counts[:, 0] > 0
        return pd.Series(
            self.first_under_central[keep].astype(np.float64),
            index=pd.Index(
                [n for n, k in zip(self.options, keep, strict=True) if k], name="option"
            ),
            name="confidence",
        )

    @property
    def winning(self) -> pd.DataFrame:
        """Pairwise winning indices: the share of weights under which the row option wins.

        A win needs a score higher by more than the tie tolerance, so
        ``winning[i][j] + winning[j][i]`` is 1 less the share of ties.

        Returns
        -------
        pandas.DataFrame
            Index ``option`` (the winner); columns ``option`` (the loser); 0 on the
            diagonal.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> float(r.winning.loc["Targeted cooperation", "Confrontation"]) > 0.9
        True
        """
        if not self.pairwise:
            raise InvalidParameterError(
                f"Pairwise winning indices were not counted: comparing all "
                f"{len(self.options)} options pair by pair costs their number squared for "
                f"every weighting, so above {PAIRWISE_LIMIT} options it is done only on "
                f"request. Run smaa(..., pairwise=True) to count them."
            )
        return pd.DataFrame(
            self.win_counts / self.samples,
            index=self._option_index(),
            columns=pd.Index(self.options, name="option"),
        )

    @property
    def holistic(self) -> pd.Series:
        r"""Holistic acceptability indices with linear meta-weights.

        .. math:: a_i = \sum_{r=1}^{n} \alpha_r b_i^r, \qquad
            \alpha_r = \frac{n - r}{n - 1}

        so first place counts fully, last place not at all, and the places between in
        proportion: one of the choices of meta-weights, with
        :math:`1 = \alpha_1 \ge \dots \ge \alpha_n \ge 0`, that Lahdelma and Salminen
        (2001) give. With one option, :math:`\alpha_1 = 1`.

        Returns
        -------
        pandas.Series
            Index ``option``; name ``holistic``; from 0 to 1.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> r.holistic.idxmax()
        'Targeted cooperation'
        """
        n = len(self.options)
        ranks = np.arange(1, n + 1, dtype=np.float64)
        meta = (n - ranks) / (n - 1) if n > 1 else np.ones(1)
        values = self.acceptability.to_numpy() @ meta
        return pd.Series(values, index=self._option_index(), name="holistic")

    # -- rendering ------------------------------------------------------------------------

    def _order(self) -> list[int]:
        """Options by first-rank count, then holistic index, then assessment order."""
        holistic = self.holistic.to_numpy()
        return sorted(
            range(len(self.options)),
            key=lambda i: (-int(self.rank_counts[i, 0]), -holistic[i], i),
        )

    def summary(self) -> str:
        """How often each option ranks first, in one sentence, then the never-first ones.

        The ± figures are Monte Carlo standard errors.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=10_000, seed=1)
        >>> print(r.summary())  # doctest: +ELLIPSIS
        Targeted cooperation ranks first in 54.6% (± 0.5%) of 10,000 weightings drawn uniformly; ...
        """
        share = self.acceptability.to_numpy()[:, 0]
        se = self.acceptability_se.to_numpy()[:, 0]
        winners = [i for i in self._order() if self.rank_counts[i, 0] > 0]
        parts = []
        for k, i in enumerate(winners):
            figure = f"{_percent(share[i])} (± {_percent(se[i])})"
            if k == 0:
                parts.append(
                    f"{self.options[i]} ranks first in {figure} of {self.samples:,} weightings "
                    f"{self.weights._phrase()}"
                )
            else:
                parts.append(f"{self.options[i]} in {figure}")
        sentence = "; ".join(parts) + "."
        never = list(self.never_first)
        if len(never) == 1:
            sentence += f" {never[0]} never ranks first."
        elif never:
            sentence += f" {join_words(never)} never rank first."
        return sentence

    def _overview(self) -> Table:
        share = self.acceptability.to_numpy()[:, 0]
        holistic = self.holistic.to_numpy()
        confident = dict(zip(self.confidence.index, self.confidence.to_numpy(), strict=True))
        rows = []
        for i in self._order():
            name = self.options[i]
            factor = confident.get(name)
            rows.append(
                [
                    name,
                    f"{100 * share[i]:.1f}",
                    number(holistic[i]),
                    "-" if factor is None else number(factor, 0),
                ]
            )
        return Table(
            "First-rank and holistic acceptability, and confidence factor",
            ["Option", "First (%)", "Holistic", "Confidence"],
            rows,
            "<>>>",
        )

    def _acceptability_tables(self, width: int | None) -> list[Table]:
        """Acceptabilities in percent, a row of standard errors under each option's row.

        With ``width``, the rank columns are split over several tables that each fit.
        """
        share = 100 * self.acceptability.to_numpy()
        se = 100 * self.acceptability_se.to_numpy()
        n = len(self.options)
        order = self._order()
        name_width = max(len("Option"), *(len(name) for name in self.options))
        cell_width = max(len(f"Rank {n}"), 6)
        per_table = n
        if width is not None:
            per_table = max(1, (width - name_width) // (cell_width + 2))
        tables = []
        for start in range(0, n, per_table):
            ranks = range(start, min(n, start + per_table))
            rows: list[list[str]] = []
            for i in order:
                rows.append([self.options[i], *(f"{share[i, r]:.1f}" for r in ranks)])
                rows.append(["", *(f"±{se[i, r]:.1f}" for r in ranks)])
            label = f"ranks {start + 1}-{ranks[-1] + 1}" if per_table < n else "each rank"
            tables.append(
                Table(
                    f"Share of {self.samples:,} weightings (%) giving {label}, ± standard error",
                    ["Option", *(f"Rank {r + 1}" for r in ranks)],
                    rows,
                    "<" + ">" * len(ranks),
                )
            )
        return tables

    def _compact_table(self) -> Table:
        share = 100 * self.acceptability.to_numpy()
        se = 100 * self.acceptability_se.to_numpy()
        n = len(self.options)
        return Table(
            f"Share of {self.samples:,} weightings (%) giving each rank, ± standard error",
            ["Option", *(f"Rank {r}" for r in range(1, n + 1))],
            [
                [self.options[i], *(f"{share[i, r]:.1f} ± {se[i, r]:.1f}" for r in range(n))]
                for i in self._order()
            ],
            "<" + ">" * n,
        )

    def _footer(self) -> str:
        return f"Method {self.method}; seed {self.seed}."

    def __str__(self) -> str:
        tables = [t.to_text() for t in self._acceptability_tables(TEXT_WIDTH)]
        summary = _wrap(self.summary())
        return "\n\n".join([*tables, self._overview().to_text(), summary, self._footer()])

    def to_text(self) -> str:
        """The acceptabilities, an overview and the summary as text at most 100 columns wide.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> max(len(line) for line in r.to_text().splitlines()) <= 100
        True
        """
        return str(self)

    def to_markdown(self) -> str:
        """The acceptabilities, an overview and the summary as Markdown.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> r.to_markdown().startswith("**Share of 1,000 weightings")
        True
        """
        return "\n\n".join(
            [
                self._compact_table().to_markdown(),
                self._overview().to_markdown(),
                self.summary(),
                self._footer(),
            ]
        )

    def to_html(self) -> str:
        """The acceptabilities, an overview and the summary as an HTML fragment.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> r.to_html().startswith("<div")
        True
        """
        return (
            f'<div class="powerbalance-smaa">{self._compact_table().to_html()}'
            f"{self._overview().to_html()}<p>{html.escape(self.summary())}</p>"
            f"<p>{html.escape(self._footer())}</p></div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text.

        Examples
        --------
        >>> import json, powerbalance as pb
        >>> result = smaa(pb.scenarios.load("great-power-cooperation"), samples=100, seed=1)
        >>> json.loads(result.to_json())["schema"]
        'powerbalance.smaa/1'
        """
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_dict(self) -> dict[str, Any]:
        """The result as plain Python data (JSON-ready), tagged :data:`SMAA_SCHEMA`.

        Examples
        --------
        >>> import json, powerbalance as pb
        >>> r = smaa(pb.scenarios.load("great-power-cooperation"), samples=1_000, seed=1)
        >>> d = json.loads(json.dumps(r.to_dict()))
        >>> d["schema"], d["seed"], d["samples"]
        ('powerbalance.smaa/1', 1, 1000)
        """
        central = self.central_weights
        return {
            "schema": SMAA_SCHEMA,
            "options": list(self.options),
            "criteria": list(self.criteria),
            "samples": self.samples,
            "seed": self.seed,
            "method": self.method,
            "weights": repr(self.weights),
            "acceptability": _floats(self.acceptability.to_numpy()),
            "acceptability_se": _floats(self.acceptability_se.to_numpy()),
            "hits": self.rank_counts.tolist(),
            "winning": _floats(self.winning.to_numpy()) if self.pairwise else None,
            "central_weights": {
                str(name): dict(zip(self.criteria, _floats(row), strict=True))
                for name, row in zip(central.index, central.to_numpy(), strict=True)
            },
            "never_first": list(self.never_first),
            "confidence": {str(k): float(v) for k, v in self.confidence.items()},
            "holistic": {str(k): float(v) for k, v in self.holistic.items()},
            "summary": self.summary(),
            "version": __version__,
        }


def _percent(share: float) -> str:
    """A share as a percentage: one decimal, or two significant digits below 0.1%."""
    if 0 < share < 0.001:
        return f"{100 * share:.2g}%"
    return f"{100 * share:.1f}%"


def _floats(values: FloatArray) -> Any:
    return np.asarray(values, dtype=np.float64).tolist()


def _wrap(text: str) -> str:
    return textwrap.fill(text, TEXT_WIDTH)


def _ranks_and_wins(
    scores: FloatArray, tie_keys: Callable[[int], FloatArray], pairwise: bool = True
) -> tuple[IntArray, IntArray]:
    """Ranks (1 best) of each row's options, ties broken by ``tie_keys``; strict wins."""
    count, n = scores.shape
    order = np.argsort(-scores, axis=1, kind="stable")
    ordered = np.take_along_axis(scores, order, axis=1)
    tolerance = TIE_TOLERANCE * np.maximum(1.0, np.abs(ordered).max(axis=1, keepdims=True))
    starts = np.ones((count, n), dtype=bool)
    starts[:, 1:] = (ordered[:, :-1] - ordered[:, 1:]) > tolerance
    rows = np.flatnonzero(~starts.all(axis=1))
    if len(rows):
        keys = tie_keys(count)
        group = np.cumsum(starts[rows], axis=1) - 1
        # Within a tie group, sort by the random keys: each order equally likely.
        composite = group + np.take_along_axis(keys[rows], order[rows], axis=1)
        reorder = np.argsort(composite, axis=1, kind="stable")
        order[rows] = np.take_along_axis(order[rows], reorder, axis=1)
    ranks = np.empty((count, n), dtype=np.int64)
    np.put_along_axis(ranks, order, np.arange(1, n + 1)[None, :].repeat(count, axis=0), axis=1)
    wins = np.zeros((n, n), dtype=np.int64)
    for i in range(n if pairwise else 0):
        wins[i] = ((scores[:, i : i + 1] - scores) > tolerance).sum(axis=0)
    return ranks, wins


def smaa(
    assessment: Assessment,
    method: MethodLike = "weighted-sum",
    *,
    weights: WeightInformation | None = None,
    samples: int = 10_000,
    seed: int | None = None,
    chunk_size: int = 100_000,
    backend: str = "numpy",
    client: Any = None,
    progress: Callable[[int, int], None] | None = None,
    pairwise: bool | None = None,
    threads: int | None = None,
) -> SMAAResult:
    r"""SMAA-2 with uncertain weights: rank acceptabilities, central weights and more.

    Weight vectors are drawn from ``weights``; every option is scored under each with
    ``method`` (prepared once), and ranked, 1 best.

    **Ties.** Options whose scores differ by no more than the tie tolerance of
    :mod:`powerbalance.ranking` tie. Tied options share the ranks they occupy at
    random, every order among them equally likely (the random numbers come from the
    seed, so this too is reproducible): each weight vector then gives each rank to
    exactly one option, the counts stay whole numbers, and every row and column of
    :attr:`SMAAResult.acceptability` sums to 1. The central weights follow the option
    placed first. A pairwise win needs a score higher by more than the tolerance, so a
    tie is a win for neither. With weights drawn from a continuous distribution, ties
    arise only between options that score alike, or differ only on criteria whose
    weight is always 0.

    **Reproducibility.** Weight vectors are drawn in blocks of :data:`BLOCK` (1,024),
    block *b* from ``numpy.random.default_rng(SeedSequence(seed, spawn_key=(b, 0)))``
    (tie-breaking numbers from ``spawn_key=(b, 1)``). Work proceeds in chunks of
    whole blocks, and the sums behind the central weights are accumulated block by
    block in block order, so the same seed gives bit for bit the same result whatever
    ``chunk_size`` is (for methods that score each weight vector on its own, as every
    built-in one does). ``seed=None`` draws a fresh seed and records it in the result.

    **Memory.** Only one chunk of weight vectors (``chunk_size`` x criteria) and their
    scores (``chunk_size`` x options) are held at a time.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores.
    method : Method or str, default "weighted-sum"
        The aggregation method, an object or a registered name.
    weights : WeightInformation, optional
        What is known about the weights; default :class:`UniformWeights` (nothing).
    samples : int, default 10_000
        How many weight vectors to draw. The standard error of an acceptability *b* is
        :math:`\sqrt{b(1-b)/N}`, at most 0.5% at 10,000.
    seed : int, optional
        Seed of the random numbers (a whole number of at least 0); None for a fresh one.
    backend : {"numpy", "dask"}, default "numpy"
        Where the chunks run: in this process, or spread over a dask cluster (extra
        ``dask``), with bit for bit the same result.
    client : distributed.Client, optional
        The dask client for ``backend="dask"``; by default the current one.
    progress : callable, optional
        Called as ``progress(done, samples)`` after each chunk is counted, e.g. to
        draw a progress bar.
    threads : int, optional
        How many chunks the numpy backend scores at once, on a thread pool (numpy's
        sorts and matrix products release the interpreter lock); by default one per
        processor core. Chunks are made small enough to keep every thread busy. The
        result does not depend on it.
    pairwise : bool, optional
        Whether to count pairwise wins (:attr:`SMAAResult.winning`), which costs the
        number of options squared per weighting. By default only up to
        :data:`PAIRWISE_LIMIT` options.
    chunk_size : int, default 100_000
        How many weight vectors to process at once, rounded up to whole blocks. It
        changes the memory used, never the result.

    Returns
    -------
    SMAAResult

    Raises
    ------
    InvalidParameterError
        ``samples``, ``chunk_size`` or ``seed`` is not a valid whole number, ``weights``
        is not weight information, ``method`` is not a method, or the method gives a
        score that is not finite.
    UnknownNameError, WeightError
        The weight information names criteria the assessment does not have, leaves out
        ones it must give, or allows no weights at all.

    References
    ----------
    Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria
    acceptability analysis for group decision making. Operations Research 49(3),
    444-454.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"],
    ...     [pb.Criterion("X", area="P", kind="benefit", scale=(0, 10)),
    ...      pb.Criterion("Y", area="Q", kind="benefit", scale=(0, 10))],
    ...     [[10, 0], [3, 8]],
    ... )
    >>> r = smaa(a, samples=100_000, seed=3)
    >>> round(float(r.acceptability.loc["A", 1]), 2)  # exactly 7/15 = 0.467
    0.47
    >>> r.central_weights.round(2)
    criterion     X     Y
    option
    A          0.77  0.23
    B          0.27  0.73
    """
    where = "smaa"
    count = _check_count(samples, "samples", where, "10_000")
    chunk = _check_count(chunk_size, "chunk_size", where, "100_000")
    information = UniformWeights() if weights is None else weights
    if not isinstance(information, WeightInformation):
        hint = (
            " To vary given weights, wrap them: PerturbedWeights(weights, spread=0.1)."
            if isinstance(information, Mapping)
            else ""
        )
        raise InvalidParameterError(
            f"smaa: weights must be weight information (UniformWeights(), "
            f"OrdinalWeights(ranking), IntervalWeights(bounds) or PerturbedWeights(weights)); "
            f"got {information!r}.{hint}"
        )
    chosen_seed = _check_seed(seed, where)
    resolved = resolve_method(method)
    draw = information._sampler(assessment)
    prepared = resolved.prepare(assessment)
    n, m = assessment.n_options, assessment.n_criteria

    sizes = _blocks(count)
    workers = (
        (os.cpu_count() or 1) if threads is None else _check_count(threads, "threads", where, "2")
    )
    blocks_per_chunk = -(-chunk // BLOCK)
    if backend == "numpy" and workers > 1:
        # Enough chunks for every thread; chunking does not change the result.
        blocks_per_chunk = max(1, min(blocks_per_chunk, -(-len(sizes) // workers)))
    chunks = [
        range(start, min(len(sizes), start + blocks_per_chunk))
        for start in range(0, len(sizes), blocks_per_chunk)
    ]
    name = describe(resolved)
    count_wins = n <= PAIRWISE_LIMIT if pairwise is None else bool(pairwise)
    parts: Iterator[_ChunkResult]

    def count_chunk(blocks: range) -> _ChunkResult:
        return _chunk_counts(prepared, draw, chosen_seed, sizes, blocks, n, name, count_wins)

    pool: ThreadPoolExecutor | None = None
    if backend == "numpy":
        if workers > 1 and len(chunks) > 1:
            pool = ThreadPoolExecutor(max_workers=workers)
            # map() hands the results back in chunk order, as they are needed.
            parts = pool.map(count_chunk, chunks)
        else:
            parts = (count_chunk(blocks) for blocks in chunks)
    elif backend == "dask":
        parts = iter(
            _dask_chunks(client, prepared, draw, chosen_seed, sizes, chunks, n, name, count_wins)
        )
    else:
        raise InvalidParameterError(
            f"smaa: backend must be 'numpy' (this process) or 'dask' (a dask cluster); got "
            f"{backend!r}."
        )
    try:
        rank_counts, win_counts, first_sums = _combine(parts, n, m, progress, count)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    firsts = rank_counts[:, 0]
    first_under_central = np.zeros(n, dtype=bool)
    has_central = np.flatnonzero(firsts > 0)
    central = first_sums[has_central] / firsts[has_central, None]
    central_scores = np.asarray(prepared.score(central), dtype=np.float64)
    _check_finite(central_scores, describe(resolved))
    best = central_scores.max(axis=1)
    tolerance = TIE_TOLERANCE * np.maximum(1.0, np.abs(central_scores).max(axis=1))
    own = central_scores[np.arange(len(has_central)), has_central]
    first_under_central[has_central] = np.asarray(own >= best - tolerance, dtype=bool)
    return SMAAResult(
        options=assessment.option_names,
        criteria=assessment.criterion_names,
        samples=count,
        seed=chosen_seed,
        method=describe(resolved),
        weights=information,
        rank_counts=rank_counts,
        win_counts=win_counts,
        first_weight_sums=first_sums,
        first_under_central=first_under_central,
        pairwise=count_wins,
    )


_ChunkResult: TypeAlias = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], list[FloatArray]]


def _combine(
    parts: Iterable[_ChunkResult],
    n: int,
    m: int,
    progress: Callable[[int, int], None] | None,
    total: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], FloatArray]:
    """Add up the chunks' counts, and their block sums block by block in block order."""
    rank_counts = np.zeros((n, n), dtype=np.int64)
    win_counts = np.zeros((n, n), dtype=np.int64)
    first_sums = np.zeros((n, m), dtype=np.float64)
    done = 0
    for chunk_ranks, chunk_wins, block_sums in parts:
        rank_counts += chunk_ranks
        win_counts += chunk_wins
        # The same float additions in the same order, whatever the chunks and wherever
        # they ran: bit-reproducible.
        for sums in block_sums:
            first_sums += sums
        if progress is not None:
            done += int(chunk_ranks[:, 0].sum())
            progress(done, total)
    return rank_counts, win_counts, first_sums


def _chunk_counts(
    prepared: Any,
    draw: Callable[[np.random.Generator, int], FloatArray],
    seed: int,
    sizes: list[int],
    blocks: range,
    n: int,
    method: str,
    pairwise: bool = True,
) -> _ChunkResult:
    """Rank counts, win counts and per-block first-rank weight sums of one chunk.

    A pure function of its arguments, so it gives the same result in this process
    and on a dask worker.
    """
    drawn = [draw(_block_generator(seed, b, 0), sizes[b]) for b in blocks]
    scores = np.asarray(prepared.score(np.vstack(drawn)), dtype=np.float64)
    _check_finite(scores, method)
    m = drawn[0].shape[1]
    rank_counts = np.zeros((n, n), dtype=np.int64)
    win_counts = np.zeros((n, n), dtype=np.int64)
    block_sums: list[FloatArray] = []
    offset = 0
    for b, block_weights in zip(blocks, drawn, strict=True):
        size = sizes[b]
        block_scores = scores[offset : offset + size]
        offset += size

        def keys(rows: int, block: int = b) -> FloatArray:
            rng = _block_generator(seed, block, 1)
            return rng.random((rows, n))

        ranks, wins = _ranks_and_wins(block_scores, keys, pairwise)
        win_counts += wins
        flat = np.arange(n)[None, :] * n + (ranks - 1)
        rank_counts += np.bincount(flat.ravel(), minlength=n * n).reshape(n, n)
        winner = np.argmin(ranks, axis=1)
        sums = np.zeros((n, m), dtype=np.float64)
        np.add.at(sums, winner, block_weights)
        block_sums.append(sums)
    return rank_counts, win_counts, block_sums


def _dask_chunks(
    client: Any,
    prepared: Any,
    draw: Callable[[np.random.Generator, int], FloatArray],
    seed: int,
    sizes: list[int],
    chunks: list[range],
    n: int,
    method: str,
    pairwise: bool,
) -> list[_ChunkResult]:
    """Run the chunks on a dask cluster; the results come back in chunk order."""
    try:
        from distributed import get_client
    except ImportError as error:
        raise ImportError(
            "smaa(backend='dask') needs dask.distributed: python -m pip install "
            "'powerbalance[dask]'"
        ) from error
    if client is None:
        try:
            client = get_client()
        except ValueError as error:
            raise InvalidParameterError(
                "smaa(backend='dask') needs a running dask cluster: start one, e.g. "
                "client = distributed.Client(), and pass client=client (or create it "
                "first so that it is found)."
            ) from error
    # Sent once to every worker instead of with every chunk.
    shared = client.scatter([prepared, draw], broadcast=True)
    futures = [
        client.submit(
            _chunk_counts,
            shared[0],
            shared[1],
            seed,
            sizes,
            blocks,
            n,
            method,
            pairwise,
            pure=False,
        )
        for blocks in chunks
    ]
    return list(client.gather(futures))


def _check_finite(scores: FloatArray, method: str) -> None:
    if not np.isfinite(scores).all():
        row = int(np.argwhere(~np.isfinite(scores))[0][0])
        raise InvalidParameterError(
            f"smaa: the method {method} gave a score that is not a finite number for weight "
            f"vector {row} of a chunk; SMAA needs a score for every option under every "
            f"weighting. Try another method or normalization."
        )
