r"""Outranking methods: PROMETHEE II and its six classical preference functions.

PROMETHEE compares the options two by two on each criterion. A *preference function*
:math:`P_j` turns the difference :math:`d_j(a, b)` between two options into a degree
of preference of :math:`a` over :math:`b` between 0 and 1; weighted over the criteria
and averaged over the other options these give each option a *positive flow* (how
strongly it is preferred to the others), a *negative flow* (how strongly the others
are preferred to it) and a *net flow*, their difference, which ranks the options.

The six classical preference functions, each a small frozen class whose thresholds
are given in the units of the criterion it is used for:

==================  ===================  ===========================================
class               thresholds           preference
==================  ===================  ===========================================
:class:`Usual`      none                 any advantage is a full preference
:class:`UShape`     ``q``                full preference beyond ``q``
:class:`VShape`     ``p``                grows linearly up to ``p``
:class:`Level`      ``q``, ``p``         1/2 beyond ``q``, full beyond ``p``
:class:`Linear`     ``q``, ``p``         grows linearly from ``q`` to ``p``
:class:`Gaussian`   ``s``                grows smoothly, reaching 0.39 at ``s``
==================  ===================  ===========================================

Examples
--------
>>> import numpy as np
>>> import powerbalance as pb
>>> tiny = pb.examples.load("engage-or-contain").assessment
>>> PROMETHEE().prepare(tiny).score(np.array([[0.5, 0.5]]))
array([[ 1., -1.]])
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeAlias, runtime_checkable

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._validate import InstanceOf, Interval, check, did_you_mean, refuse, to_float
from powerbalance.errors import InvalidParameterError, UnknownNameError
from powerbalance.methods._base import LastWeighting, check_weight_batch, registry
from powerbalance.model import Assessment

__all__ = [
    "PROMETHEE",
    "Gaussian",
    "Level",
    "Linear",
    "PreferenceFunction",
    "PreparedPROMETHEE",
    "UShape",
    "Usual",
    "VShape",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IndexArray: TypeAlias = npt.NDArray[np.intp]

#: Elements per block of pairwise differences for the Gaussian function: 2**20
#: float64 values are 8 MB, and a block needs a handful of such arrays at once.
_BLOCK_ELEMENTS = 2**20

#: Beyond 9 s, 1 - exp(-d**2 / (2 s**2)) = 1 - 2.6e-18 rounds to exactly 1.0.
_GAUSSIAN_REACH = 9.0


@runtime_checkable
class PreferenceFunction(Protocol):
    """How a difference on one criterion turns into a degree of preference.

    The six classical functions (:class:`Usual`, :class:`UShape`, :class:`VShape`,
    :class:`Level`, :class:`Linear`, :class:`Gaussian`) follow this protocol; a
    function of your own can too.

    Examples
    --------
    >>> isinstance(VShape(p=2.0), PreferenceFunction)
    True
    """

    def preference(self, difference: FloatArray, /) -> FloatArray:
        """The preference :math:`P(d)` in [0, 1] for each difference; 0 where ``d <= 0``."""
        ...

    def pairwise_sums(self, values: FloatArray, /) -> tuple[FloatArray, FloatArray]:
        r"""For each option *a*: :math:`\sum_b P(x_a - x_b)` and :math:`\sum_b P(x_b - x_a)`.

        ``values`` holds one criterion's scores, turned so that higher is better.
        """
        ...


# -- kernels: exact pairwise sums from sorted values -----------------------------------


class _Sorted:
    r"""One criterion's values in ascending order, for sums over pairwise differences.

    For every value ``v`` of the array (in the same ascending order) it counts the
    values ``x_b`` with ``v - x_b`` beyond a threshold and sums those differences, by
    binary search and prefix sums: :math:`O(n \log n)` for all options instead of
    :math:`O(n^2)`. Searching with keys in ascending order keeps memory access local.
    """

    def __init__(self, ordered: FloatArray) -> None:
        self.ordered = ordered

    # The step functions need only counts; the sums are built when a ramp asks.
    @functools.cached_property
    def centered(self) -> FloatArray:
        # Centered on the median so that the prefix sums stay small and their
        # differences lose little to cancellation.
        return np.asarray(self.ordered - self.ordered[self.ordered.size // 2], np.float64)

    @functools.cached_property
    def prefix(self) -> FloatArray:
        return np.concatenate(([0.0], np.cumsum(self.centered)))

    def count_beyond(self, threshold: float) -> IndexArray:
        """For every value ``v``: how many values ``x_b`` have ``v - x_b > threshold``.

        The comparison is made on the rounded difference ``v - x_b``, exactly as a
        pairwise computation would: a binary search on ``v - threshold`` finds the
        place up to rounding, and blocks of equal values next to it are then stepped
        over until the comparison of differences agrees. ``v - x_b`` only falls as
        ``x_b`` rises, so the count is where that comparison changes.
        """
        ordered, n = self.ordered, self.ordered.size
        if threshold == 0:
            # v - x_b > 0 exactly when x_b < v (two different floats never round to a
            # zero difference): the position where v's block of equal values starts,
            # the running maximum of the positions that start a block.
            starts = np.arange(n)
            repeated = np.zeros(n, dtype=bool)
            np.equal(ordered[1:], ordered[:-1], out=repeated[1:])
            starts[repeated] = 0
            return np.maximum.accumulate(starts, out=starts)
        count: IndexArray = np.searchsorted(ordered, ordered - threshold, side="left")
        while True:
            below = np.minimum(count, n - 1)
            grow = np.flatnonzero((count < n) & (ordered - ordered[below] > threshold))
            above = np.maximum(count - 1, 0)
            shrink = np.flatnonzero((count > 0) & ~(ordered - ordered[above] > threshold))
            if grow.size == 0 and shrink.size == 0:
                return count
            count[grow] = np.searchsorted(ordered, ordered[count[grow]], side="right")
            count[shrink] = np.searchsorted(ordered, ordered[count[shrink] - 1], side="left")

    def steps(self, thresholds: tuple[float, ...]) -> FloatArray | IndexArray:
        """For every value: the mean over ``thresholds`` of the counts beyond them."""
        if len(thresholds) == 1:
            return self.count_beyond(thresholds[0])
        total = self.count_beyond(thresholds[0]).astype(np.float64)
        for threshold in thresholds[1:]:
            total += self.count_beyond(threshold)
        total /= len(thresholds)
        return total

    def ramp(self, q: float, p: float) -> FloatArray:
        r"""For every value: :math:`\sum_b \min(1, \max(0, (v - x_b - q) / (p - q)))`.

        Values with ``v - x_b > p`` count 1 each; those with ``q < v - x_b <= p`` are
        the :math:`m` values in positions ``[k_p, k_q)``, whose terms add up to
        :math:`(m (v - q) - \sum_{window} x_b) / (p - q)`.
        """
        beyond_p = self.count_beyond(p)
        if p == q:
            return beyond_p.astype(np.float64)
        beyond_q = self.count_beyond(q)
        in_window = (beyond_q - beyond_p).astype(np.float64)
        window_total = self.prefix[beyond_q] - self.prefix[beyond_p]
        # Accurate to about eps * spread of the scores / (p - q) per option, as the
        # prefix sums carry rounding of the size of the scores. Each term lies in
        # [0, 1]; clipping removes the last bits of rounding.
        partial = (in_window * (self.centered - q) - window_total) / (p - q)
        return np.asarray(beyond_p + np.clip(partial, 0.0, in_window), dtype=np.float64)


def _sorted_sums(
    values: FloatArray, one_side: Callable[[_Sorted], FloatArray | IndexArray]
) -> tuple[FloatArray, FloatArray]:
    r"""Both pairwise sums, :math:`\sum_b P(x_a - x_b)` and :math:`\sum_b P(x_b - x_a)`.

    ``one_side`` computes the first for every value of a sorted array; the second is
    the first on the negated values, since :math:`x_b - x_a = (-x_a) - (-x_b)`
    exactly.
    """
    n = values.size
    positive = np.empty(n)
    negative = np.empty(n)
    if n == 0:
        return positive, negative
    order = np.argsort(values)
    ordered = values[order]
    # A difference beyond the float range rounds to infinity, as it would pair by pair.
    with np.errstate(over="ignore"):
        positive[order] = one_side(_Sorted(ordered))
        # Rebound, so that one side's arrays are gone before the other's are made.
        ordered = np.negative(ordered[::-1])
        negative[order] = one_side(_Sorted(ordered))[::-1]
    return positive, negative


def _step_sums(values: FloatArray, *thresholds: float) -> tuple[FloatArray, FloatArray]:
    """Pairwise sums of the mean of the steps ``1[d > t]`` over ``thresholds``."""
    return _sorted_sums(values, lambda side: side.steps(thresholds))


def _ramp_sums(values: FloatArray, q: float, p: float) -> tuple[FloatArray, FloatArray]:
    """Pairwise sums of the linear preference from ``q`` to ``p``."""
    return _sorted_sums(values, lambda side: side.ramp(q, p))


def _gaussian_sums(values: FloatArray, s: float) -> tuple[FloatArray, FloatArray]:
    """Pairwise sums of the Gaussian preference, in blocks of bounded size.

    In sorted order, each option's pairs closer than :data:`_GAUSSIAN_REACH` ``* s``
    form a contiguous window; pairs further apart have a preference of exactly 1 (in
    float64) one way and 0 the other, and are counted. The windows of consecutive
    options are evaluated together in blocks of at most :data:`_BLOCK_ELEMENTS`
    pairs (a single option's window may exceed that when ``s`` is wide), so memory
    stays bounded; time is proportional to the number of close pairs, :math:`O(n^2)`
    at worst.
    """
    n = values.size
    order = np.argsort(values)
    ordered = values[order]
    positive = np.empty(n)
    negative = np.empty(n)
    budget = _BLOCK_ELEMENTS
    # A difference beyond the float range rounds to infinity, as it would pair by pair.
    with np.errstate(over="ignore"):
        reach = _GAUSSIAN_REACH * s
        first = np.searchsorted(ordered, ordered - reach, side="left")
        stop = np.searchsorted(ordered, ordered + reach, side="right")
        start = 0
        while start < n:
            rows = max(1, budget // max(int(stop[start] - first[start]), 1))
            end = min(n, start + rows)
            while end - start > 1 and (end - start) * (stop[end - 1] - first[start]) > budget:
                end = start + (end - start) // 2
            # Options before `low` lie further than the reach below every option of the
            # block (each of these is preferred to them with degree 1, never the other
            # way); options from `high` on lie further above (the reverse).
            low, high = int(first[start]), int(stop[end - 1])
            difference = ordered[start:end, None] - ordered[None, low:high]
            strength = _gaussian(difference, s)
            positive[start:end] = low + np.where(difference > 0, strength, 0.0).sum(axis=1)
            negative[start:end] = (n - high) + np.where(difference < 0, strength, 0.0).sum(axis=1)
            start = end
    result_positive = np.empty(n)
    result_negative = np.empty(n)
    result_positive[order] = positive
    result_negative[order] = negative
    return result_positive, result_negative


# -- the six preference functions ------------------------------------------------------


def _to_threshold(value: object) -> Any:
    """A number becomes a float; anything else is left for the validator to explain."""
    return to_float(value)


def _check_threshold(instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    name = attribute.name
    check(
        type(instance).__name__,
        name,
        value,
        Interval(0, None, closed="neither" if name == "s" else "both"),
        fix=f"{name} is the {_MEANINGS[name]}: a finite number in the units of the "
        f"criterion it is used for.",
    )


def _check_order(instance: Level | Linear, attribute: attrs.Attribute[float], value: float) -> None:
    if value < instance.q:
        raise refuse(
            type(instance).__name__,
            "p",
            value,
            f"at least the indifference threshold q ({instance.q:g})",
            fix="Swap them, or set p = q for a single step.",
        )


_MEANINGS = {"q": "indifference threshold", "p": "preference threshold", "s": "Gaussian spread"}


def _threshold_field() -> Any:
    return attrs.field(converter=_to_threshold, validator=_check_threshold)


def _name_field(name: str) -> Any:
    # Read-only, so that attrs.asdict (and a report's to_dict) says which function it is.
    return attrs.field(init=False, default=name, repr=False)


def _as_array(difference: npt.ArrayLike) -> FloatArray:
    return np.asarray(difference, dtype=np.float64)


@attrs.frozen(kw_only=True)
class Usual:
    r"""The usual criterion: any advantage, however small, is a full preference.

    .. math::

        P(d) = \begin{cases} 0 & d \le 0 \\ 1 & d > 0 \end{cases}

    Suited to qualitative criteria with few levels. It is the default of
    :class:`PROMETHEE`, which then needs no thresholds.

    Examples
    --------
    >>> Usual().preference([-1.0, 0.0, 0.5])
    array([0., 0., 1.])
    """

    name: str = _name_field("usual")

    def preference(self, difference: npt.ArrayLike, /) -> FloatArray:
        """:math:`P(d)` for each difference."""
        return (_as_array(difference) > 0).astype(np.float64)

    def pairwise_sums(self, values: FloatArray, /) -> tuple[FloatArray, FloatArray]:
        """Counts of the options each one beats and is beaten by, from sorted values."""
        return _step_sums(_as_array(values), 0.0)


@attrs.frozen(kw_only=True)
class UShape:
    r"""The U-shape (quasi-) criterion: indifference up to ``q``, full preference beyond.

    .. math::

        P(d) = \begin{cases} 0 & d \le q \\ 1 & d > q \end{cases}

    Parameters
    ----------
    q : float
        Indifference threshold, :math:`q \ge 0`, in the criterion's units: the
        largest difference still considered negligible. ``q = 0`` is :class:`Usual`.

    Raises
    ------
    InvalidParameterError
        ``q`` is negative or not a finite number.

    Examples
    --------
    >>> UShape(q=1.0).preference([0.5, 1.0, 1.5])
    array([0., 0., 1.])
    """

    q: float = _threshold_field()
    name: str = _name_field("u-shape")

    def preference(self, difference: npt.ArrayLike, /) -> FloatArray:
        """:math:`P(d)` for each difference."""
        return (_as_array(difference) > self.q).astype(np.float64)

    def pairwise_sums(self, values: FloatArray, /) -> tuple[FloatArray, FloatArray]:
        """Counts of the differences beyond ``q`` each way, from sorted values."""
        return _step_sums(_as_array(values), self.q)


@attrs.frozen(kw_only=True)
class VShape:
    r"""The V-shape criterion: preference grows linearly with the difference up to ``p``.

    .. math::

        P(d) = \begin{cases} 0 & d \le 0 \\ d / p & 0 < d \le p \\ 1 & d > p \end{cases}

    Parameters
    ----------
    p : float
        Preference threshold, :math:`p \ge 0`, in the criterion's units: the smallest
        difference that is a full preference. ``p = 0`` is :class:`Usual`.

    Raises
    ------
    InvalidParameterError
        ``p`` is negative or not a finite number.

    Examples
    --------
    >>> VShape(p=2.0).preference([-1.0, 1.0, 3.0])
    array([0. , 0.5, 1. ])
    """

    p: float = _threshold_field()
    name: str = _name_field("v-shape")

    def preference(self, difference: npt.ArrayLike, /) -> FloatArray:
        """:math:`P(d)` for each difference."""
        return _linear(_as_array(difference), 0.0, self.p)

    def pairwise_sums(self, values: FloatArray, /) -> tuple[FloatArray, FloatArray]:
        """Sums of the preferences each way, from sorted values and prefix sums."""
        return _ramp_sums(_as_array(values), 0.0, self.p)


@attrs.frozen(kw_only=True)
class Level:
    r"""The level criterion: half a preference beyond ``q``, a full one beyond ``p``.

    .. math::

        P(d) = \begin{cases} 0 & d \le q \\ 1/2 & q < d \le p \\ 1 & d > p \end{cases}

    Parameters
    ----------
    q : float
        Indifference threshold, :math:`q \ge 0`, in the criterion's units.
    p : float
        Preference threshold, :math:`p \ge q`. With ``p = q`` this is :class:`UShape`.

    Raises
    ------
    InvalidParameterError
        A threshold is negative or not a finite number, or ``p < q``.

    Examples
    --------
    >>> Level(q=1.0, p=3.0).preference([0.5, 2.0, 4.0])
    array([0. , 0.5, 1. ])
    """

    q: float = _threshold_field()
    p: float = attrs.field(converter=_to_threshold, validator=[_check_threshold, _check_order])
    name: str = _name_field("level")

    def preference(self, difference: npt.ArrayLike, /) -> FloatArray:
        """:math:`P(d)` for each difference."""
        d = _as_array(difference)
        # Booleans would add up as "or"; as floats the two half-steps add.
        return 0.5 * (d > self.q).astype(np.float64) + 0.5 * (d > self.p).astype(np.float64)

    def pairwise_sums(self, values: FloatArray, /) -> tuple[FloatArray, FloatArray]:
        """Half the counts beyond ``q`` plus half those beyond ``p``, each way."""
        return _step_sums(_as_array(values), self.q, self.p)


@attrs.frozen(kw_only=True)
class Linear:
    r"""The linear criterion (V-shape with indifference): linear from ``q`` to ``p``.

    .. math::

        P(d) = \begin{cases} 0 & d \le q \\ \dfrac{d - q}{p - q} & q < d \le p \\
        1 & d > p \end{cases}

    The usual choice for a quantitative criterion on a continuous scale.

    Parameters
    ----------
    q : float
        Indifference threshold, :math:`q \ge 0`, in the criterion's units.
    p : float
        Preference threshold, :math:`p \ge q`. With ``q = 0`` this is :class:`VShape`;
        with ``p = q``, :class:`UShape`.

    Raises
    ------
    InvalidParameterError
        A threshold is negative or not a finite number, or ``p < q``.

    Examples
    --------
    >>> Linear(q=1.0, p=3.0).preference([1.0, 2.0, 5.0])
    array([0. , 0.5, 1. ])
    """

    q: float = _threshold_field()
    p: float = attrs.field(converter=_to_threshold, validator=[_check_threshold, _check_order])
    name: str = _name_field("linear")

    def preference(self, difference: npt.ArrayLike, /) -> FloatArray:
        """:math:`P(d)` for each difference."""
        return _linear(_as_array(difference), self.q, self.p)

    def pairwise_sums(self, values: FloatArray, /) -> tuple[FloatArray, FloatArray]:
        """Sums of the preferences each way, from sorted values and prefix sums."""
        return _ramp_sums(_as_array(values), self.q, self.p)


@attrs.frozen(kw_only=True)
class Gaussian:
    r"""The Gaussian criterion: preference grows smoothly with the difference.

    .. math::

        P(d) = \begin{cases} 0 & d \le 0 \\ 1 - e^{-d^2 / (2 s^2)} & d > 0 \end{cases}

    Parameters
    ----------
    s : float
        Spread, :math:`s > 0`, in the criterion's units: the difference at which the
        preference reaches :math:`1 - e^{-1/2} \approx 0.39`, usually set between
        an indifference and a preference threshold.

    Raises
    ------
    InvalidParameterError
        ``s`` is not a positive finite number.

    Notes
    -----
    Unlike the other five functions, the Gaussian needs the pairs themselves. Only
    pairs closer than :math:`9 s` are evaluated (further apart, the preference is 1
    to double precision), in blocks of bounded memory; time grows with the number
    of such pairs, up to :math:`O(n^2)` when :math:`s` is wide compared with the
    spread of the scores.

    Examples
    --------
    >>> Gaussian(s=1.0).preference([0.0, 1.0]).round(4)
    array([0.    , 0.3935])
    """

    s: float = _threshold_field()
    name: str = _name_field("gaussian")

    def preference(self, difference: npt.ArrayLike, /) -> FloatArray:
        """:math:`P(d)` for each difference."""
        d = _as_array(difference)
        with np.errstate(over="ignore"):
            strength = _gaussian(d, self.s)
        return np.asarray(np.where(d > 0, strength, 0.0), dtype=np.float64)

    def pairwise_sums(self, values: FloatArray, /) -> tuple[FloatArray, FloatArray]:
        """Sums of the preferences each way, over close pairs in bounded blocks."""
        return _gaussian_sums(_as_array(values), self.s)


def _linear(d: FloatArray, q: float, p: float) -> FloatArray:
    if p == q:
        return (d > q).astype(np.float64)
    # Clipping d first keeps the ratio in [0, 1], free of overflow for a narrow p - q.
    return np.asarray((np.clip(d, q, p) - q) / (p - q), dtype=np.float64)


def _gaussian(d: FloatArray, s: float) -> FloatArray:
    """:math:`1 - e^{-d^2 / (2 s^2)}` for any sign of ``d``.

    A ratio ``d / s`` beyond the float range overflows to a preference of exactly 1.
    """
    ratio = d / s
    return np.asarray(-np.expm1(-0.5 * (ratio * ratio)), dtype=np.float64)


# -- the method ------------------------------------------------------------------------


def _to_functions(value: Mapping[str, PreferenceFunction]) -> dict[str, PreferenceFunction]:
    check(
        "PROMETHEE",
        "functions",
        value,
        InstanceOf(
            Mapping,
            description="a mapping of criterion name to preference function, such as "
            "{'Trade': VShape(p=2.0)}",
        ),
        fix="Criteria left out use the default function.",
    )
    return dict(value)


def _check_functions(
    instance: PROMETHEE,
    attribute: attrs.Attribute[dict[str, PreferenceFunction]],
    value: dict[str, PreferenceFunction],
) -> None:
    for name, function in value.items():
        if not isinstance(name, str) or not name.strip():
            raise refuse(
                "PROMETHEE",
                "each key of functions",
                name,
                "the name of a criterion",
                fix="Key each preference function by its criterion's name.",
            )
        check(
            "PROMETHEE",
            f"functions[{name!r}]",
            function,
            InstanceOf(
                PreferenceFunction,
                description="one of Usual(), UShape(q=...), VShape(p=...), "
                "Level(q=..., p=...), Linear(q=..., p=...) or Gaussian(s=...)",
            ),
            fix=f"Give criterion {name!r} a preference function, with thresholds in its units.",
        )


def _check_default(
    instance: PROMETHEE, attribute: attrs.Attribute[PreferenceFunction], value: object
) -> None:
    check(
        "PROMETHEE",
        "default",
        value,
        InstanceOf(
            PreferenceFunction, description="a preference function such as Usual() or VShape(p=2.0)"
        ),
        fix="It applies to every criterion without a function of its own.",
    )


class _Kept:
    """What a prepared PROMETHEE has computed beyond its first weighting."""

    __slots__ = ("flows", "streamed")

    def __init__(self) -> None:
        # Per-criterion positive and negative flows, each (n_criteria, n_options).
        self.flows: tuple[FloatArray, FloatArray] | None = None
        self.streamed = False


@attrs.frozen
class PreparedPROMETHEE:
    r"""PROMETHEE II prepared for one assessment; see :class:`PROMETHEE`.

    The flows of the first weighting scored alone (what
    :func:`powerbalance.evaluation.evaluate` asks for) are accumulated criterion by
    criterion, keeping no per-criterion flows. Any other scoring, and reading the
    attributes below, computes the per-criterion flows once and keeps them: scoring a
    batch is then one matrix product.

    Attributes
    ----------
    positive_flows, negative_flows, net_flows : numpy.ndarray of shape (n_options, n_criteria)
        The per-criterion (unicriterion) flows :math:`\phi_j^+`, :math:`\phi_j^-` and
        :math:`\phi_j = \phi_j^+ - \phi_j^-`; every flow of the method is a weighted
        mean of their columns. Read-only.
    normalized : numpy.ndarray of shape (n_options, n_criteria)
        :math:`(\phi_j + 1) / 2`: 1 for an option strictly preferred to every other
        on the criterion, 0 for one every other is strictly preferred to.

    Raises
    ------
    InvalidParameterError
        When flows are computed: a preference function of your own returned sums of
        the wrong shape, or not finite.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> prepared = PROMETHEE().prepare(pb.examples.load("engage-or-contain").assessment)
    >>> prepared.net_flows
    array([[ 1.,  1.],
           [-1., -1.]])
    >>> prepared.score(np.array([[0.5, 0.5], [1.0, 0.0]]))  # weighted means of the columns
    array([[ 1., -1.],
           [ 1., -1.]])
    """

    assessment: Assessment
    # The preference function of each criterion, in criterion order.
    _functions: tuple[PreferenceFunction, ...] = attrs.field(eq=False, repr=False)
    additive: bool = True
    _kept: _Kept = attrs.field(factory=_Kept, init=False, eq=False, repr=False)
    # A report asks for the scores and then for the flows of the same weights.
    _last: LastWeighting[tuple[FloatArray, FloatArray]] = attrs.field(
        factory=LastWeighting, init=False, eq=False, repr=False
    )

    @property
    def positive_flows(self) -> FloatArray:
        r"""The per-criterion positive flows :math:`\phi_j^+`, (n_options, n_criteria)."""
        return self._criterion_flows()[0].T

    @property
    def negative_flows(self) -> FloatArray:
        r"""The per-criterion negative flows :math:`\phi_j^-`, (n_options, n_criteria)."""
        return self._criterion_flows()[1].T

    @property
    def net_flows(self) -> FloatArray:
        r"""The per-criterion net flows :math:`\phi_j`, (n_options, n_criteria)."""
        return self._net.T

    @functools.cached_property
    def normalized(self) -> FloatArray:
        r""":math:`(\phi_j + 1) / 2`, (n_options, n_criteria)."""
        normalized = self._net + 1.0
        normalized /= 2.0
        normalized.flags.writeable = False
        return normalized.T

    @functools.cached_property
    def _net(self) -> FloatArray:
        positive, negative = self._criterion_flows()
        net = positive - negative
        net.flags.writeable = False
        return net

    def score(self, weights: FloatArray) -> FloatArray:
        """Net flows for a batch of weights: one matrix product."""
        batch = check_weight_batch(weights, self.assessment.n_criteria)
        if batch.shape[0] == 1:
            positive, negative = self._last.get(batch, self._flows)
            return np.subtract(positive, negative)
        return np.asarray(_shares(batch) @ self._net, dtype=np.float64)

    def details(self, weights: FloatArray) -> Mapping[str, FloatArray]:
        """The positive and negative flows; the score is their difference."""
        batch = check_weight_batch(weights[None, :], self.assessment.n_criteria)
        positive, negative = self._last.get(batch, self._flows)
        return {"positive_flow": positive[0], "negative_flow": negative[0]}

    def contributions(self, weights: FloatArray) -> FloatArray:
        r""":math:`w_j \phi_j(a)` (weights rescaled to sum to 1); each row sums to the net flow."""
        shares = _shares(check_weight_batch(weights[None, :], self.assessment.n_criteria))[0]
        return np.asarray(self.net_flows * shares, dtype=np.float64)

    def _flows(self, batch: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Positive and negative flows for one weight vector, each of shape (1, n)."""
        shares = _shares(batch)
        kept = self._kept
        if kept.flows is None and not kept.streamed:
            kept.streamed = True
            positive, negative = self._accumulated(shares[0])
            return positive[None, :], negative[None, :]
        plus, minus = self._criterion_flows()
        return shares @ plus, shares @ minus

    def _accumulated(self, shares: FloatArray) -> tuple[FloatArray, FloatArray]:
        """The flows for one weighting, criterion by criterion, each of shape (n,)."""
        n = self.assessment.n_options
        positive, negative = np.zeros(n), np.zeros(n)
        if n > 1:
            for j, share in enumerate(shares):
                self._add_column(j, share, positive, negative)
            positive /= n - 1
            negative /= n - 1
        return positive, negative

    def _add_column(self, j: int, share: float, positive: FloatArray, negative: FloatArray) -> None:
        """Add criterion ``j``'s pairwise sums, times ``share``, to the running totals."""
        # A call of its own, so that one criterion's sums are gone before the next's.
        plus, minus = self._column_sums(j)
        positive += share * plus
        negative += share * minus

    def _criterion_flows(self) -> tuple[FloatArray, FloatArray]:
        """Every criterion's positive and negative flows, each (n_criteria, n_options)."""
        kept = self._kept
        if kept.flows is None:
            n, m = self.assessment.n_options, self.assessment.n_criteria
            # Criterion by criterion, each into a contiguous row of an (m, n) array;
            # the flows are handed out transposed, as (n, m) views.
            positive, negative = np.zeros((m, n)), np.zeros((m, n))
            if n > 1:
                for j in range(m):
                    positive[j], negative[j] = self._column_sums(j)
                positive /= n - 1
                negative /= n - 1
            positive.flags.writeable = False
            negative.flags.writeable = False
            kept.flows = (positive, negative)
        return kept.flows

    def _column_sums(self, j: int) -> tuple[FloatArray, FloatArray]:
        """Criterion ``j``'s pairwise sums of preferences, each way."""
        # One column at a time, copied out of the scores; negating a risk's scores
        # makes d(a, b) = x_b - x_a, exactly.
        column = np.array(self.assessment.scores[:, j], dtype=np.float64)
        if self.assessment.lower_is_better[j]:
            np.negative(column, out=column)
        name = self.assessment.criterion_names[j]
        function = self._functions[j]
        return _checked(function.pairwise_sums, column, name, function)


def _shares(batch: FloatArray) -> FloatArray:
    """Each row divided by its sum; an all-zero row stays zero."""
    total = batch.sum(axis=1, keepdims=True)
    return np.asarray(
        np.divide(batch, total, out=np.zeros_like(batch), where=total > 0), dtype=np.float64
    )


@registry.register("promethee")
@attrs.frozen(kw_only=True)
class PROMETHEE:
    r"""PROMETHEE II: rank the options by their net outranking flow.

    For two options :math:`a, b` and criterion :math:`j`, the difference
    :math:`d_j(a, b) = x_{aj} - x_{bj}` on a benefit, :math:`x_{bj} - x_{aj}` on a
    risk (where lower is better), becomes a preference :math:`P_j(d_j(a, b))` in
    [0, 1] through the criterion's preference function. With weights :math:`w_j`
    summing to 1 and :math:`n` options (Brans and Mareschal 2005):

    .. math::

        \pi(a, b) = \sum_j w_j P_j(d_j(a, b)), \qquad
        \phi^+(a) = \frac{1}{n - 1} \sum_{b \ne a} \pi(a, b), \qquad
        \phi^-(a) = \frac{1}{n - 1} \sum_{b \ne a} \pi(b, a)

    and the options rank by the net flow :math:`\phi(a) = \phi^+(a) - \phi^-(a)`,
    higher is better; net flows lie in [-1, 1] and sum to 0 over the options. The
    flows are divided by :math:`n - 1`, as in Brans and Mareschal (2005), rather than
    left as sums as in Brans, Vincke and Mareschal (1986); the ranking is the same.
    With a single option every flow is 0.

    The net flow is linear in the weights,

    .. math::

        \phi(a) = \sum_j w_j \phi_j(a), \qquad
        \phi_j(a) = \frac{1}{n - 1} \sum_{b \ne a}
        \bigl[P_j(d_j(a, b)) - P_j(d_j(b, a))\bigr],

    so the per-criterion flows :math:`\phi_j` are computed once and scoring a batch
    of weight vectors is one matrix product; the first weighting scored alone is
    accumulated criterion by criterion instead, so that an evaluation keeps no
    :math:`n \times m` arrays (see :class:`PreparedPROMETHEE`). A weight row that does
    not sum to 1 is divided by its sum first, so scores do not depend on the scale of
    the weights (as with the other methods); an all-zero row expresses no preference
    and gives every option 0. The contributions :math:`w_j \phi_j(a)` add up exactly
    to the net flow. For the report's benefits and risks by area, the normalized
    score of an option on a criterion is :math:`(\phi_j(a) + 1) / 2`: 1 when it is
    strictly preferred to every other option there, 0 when every other is strictly
    preferred to it.

    Except for the Gaussian, the flows are computed without forming the pairs: on
    sorted scores, the options beyond a threshold are found by binary search and
    the linear parts summed with prefix sums, in :math:`O(n \log n)` per criterion
    (an exact reformulation; compare Calders and Van Assche 2016), which keeps
    100,000 options on 50 criteria within seconds. Thresholds are compared with the
    rounded differences, as in a pairwise computation, so ties and differences equal
    to a threshold count as they would pair by pair. The linear parts of
    :class:`VShape` and :class:`Linear` are accurate to about :math:`10^{-16}` times
    the spread of the scores over :math:`p - q`, which matters only for thresholds
    many orders of magnitude narrower than that spread. The Gaussian works on the
    pairs closer than :math:`9 s`, in blocks of bounded memory.

    Parameters
    ----------
    functions : mapping of str to preference function, optional
        The preference function of each named criterion, e.g.
        ``{"Trade": VShape(p=2.0), "Conflict": Linear(q=0.5, p=3.0)}``; thresholds
        are in that criterion's units. Every name must be a criterion of the
        assessment (checked by :meth:`prepare`).
    default : preference function, optional
        The function of every criterion not named in ``functions``; default
        :class:`Usual`, which needs no thresholds.

    Raises
    ------
    InvalidParameterError
        ``functions`` is not a mapping of criterion names to preference functions,
        naming the criterion, or ``default`` is not a preference function. (Each
        function checks its own thresholds when it is built.)

    Notes
    -----
    Why one small class per preference function, keyed by criterion name, instead
    of a function name plus a table of thresholds: each class takes exactly the
    thresholds its shape uses (``VShape`` has no ``q``, ``Gaussian`` only ``s``), so
    a missing or meaningless threshold is impossible rather than ignored, and each
    checks its thresholds when built (so an invalid function cannot exist; its
    message names the function and threshold, as it is not yet tied to a criterion,
    while problems with the mapping name the criterion). The threshold names are the
    symbols of the PROMETHEE literature, so that a published study's parameters can
    be copied as printed. A default function keeps the common case short:
    ``PROMETHEE(default=Linear(q=0.5, p=2.0))`` for criteria that share a scale.
    Each function also carries a read-only ``name`` (``"v-shape"``, ...), so that
    ``attrs.asdict`` of the method, and a report's ``to_dict``, record which
    function each criterion used.

    References
    ----------
    Brans, J. P. and Vincke, Ph. (1985). A preference ranking organisation method
    (the PROMETHEE method for multiple criteria decision-making). Management Science
    31(6), 647-656.
    Brans, J. P., Vincke, Ph. and Mareschal, B. (1986). How to select and how to rank
    projects: the PROMETHEE method. European Journal of Operational Research 24(2),
    228-238.
    Brans, J. P. and Mareschal, B. (2005). PROMETHEE methods. In Figueira, J., Greco,
    S. and Ehrgott, M. (eds), Multiple Criteria Decision Analysis: State of the Art
    Surveys, Springer, chapter 5.
    Calders, T. and Van Assche, D. (2016). PROMETHEE is not quadratic: an
    O(qn log(n)) algorithm. arXiv:1603.00091.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     options=["Engage", "Hedge", "Contain"],
    ...     criteria=[pb.Criterion("Trade gains", area="Economic", kind="benefit"),
    ...               pb.Criterion("Conflict risk", area="Security", kind="risk")],
    ...     scores=[[7, 4], [5, 5], [3, 6]],
    ... )
    >>> method = PROMETHEE(functions={"Trade gains": VShape(p=4.0)})
    >>> prepared = method.prepare(a)
    >>> prepared.net_flows
    array([[ 0.75,  1.  ],
           [ 0.  ,  0.  ],
           [-0.75, -1.  ]])
    >>> prepared.score(np.array([[0.5, 0.5], [1.0, 0.0]]))
    array([[ 0.875,  0.   , -0.875],
           [ 0.75 ,  0.   , -0.75 ]])
    >>> details = prepared.details(np.array([0.5, 0.5]))
    >>> details["positive_flow"], details["negative_flow"]
    (array([0.875, 0.375, 0.   ]), array([0.   , 0.375, 0.875]))
    """

    functions: dict[str, PreferenceFunction] = attrs.field(
        factory=dict, converter=_to_functions, validator=_check_functions
    )
    default: PreferenceFunction = attrs.field(factory=Usual, validator=_check_default)

    def function_for(self, criterion: str) -> PreferenceFunction:
        """The preference function used for a criterion.

        Examples
        --------
        >>> PROMETHEE(functions={"Trade": VShape(p=2.0)}).function_for("Security")
        Usual()
        """
        return self.functions.get(criterion, self.default)

    def prepare(self, assessment: Assessment) -> PreparedPROMETHEE:
        """Give each criterion its preference function; flows are computed when scoring.

        Raises
        ------
        UnknownNameError
            ``functions`` names a criterion the assessment does not have.
        """
        names = assessment.criterion_names
        for name in self.functions:
            if name not in names:
                raise UnknownNameError(
                    f"PROMETHEE has a preference function for criterion {name!r}, which is "
                    f"not in the assessment." + did_you_mean(name, names) + " Use the "
                    "criterion's exact name, or leave it out to use the default function."
                )
        functions = tuple(self.function_for(name) for name in names)
        return PreparedPROMETHEE(assessment, functions)


def _checked(
    sums: Callable[[FloatArray], tuple[FloatArray, FloatArray]],
    column: FloatArray,
    name: str,
    function: PreferenceFunction,
) -> tuple[FloatArray, FloatArray]:
    plus, minus = (np.asarray(part, dtype=np.float64) for part in sums(column))
    n = column.size
    if plus.shape != (n,) or minus.shape != (n,):
        raise InvalidParameterError(
            f"The preference function {function!r} of criterion {name!r} returned pairwise "
            f"sums of shapes {plus.shape} and {minus.shape}; both must be ({n},)."
        )
    if not (np.isfinite(plus).all() and np.isfinite(minus).all()):
        raise InvalidParameterError(
            f"The preference function {function!r} of criterion {name!r} returned pairwise "
            "sums that are not finite."
        )
    return plus, minus
