"""Weights from the analyst's judgements: equal, direct points, swings and rankings."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._frozen import FrozenMap
from powerbalance._validate import (
    InstanceOf,
    Interval,
    as_number,
    check,
    is_number,
    number_hint,
    refuse,
)
from powerbalance.errors import (
    DuplicateNameError,
    InvalidNameError,
    ScaleRangeWarning,
    WeightError,
)
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.weighting._base import check_criterion_names, registry
from powerbalance.weighting._inputs import file_input

__all__ = [
    "Direct",
    "Equal",
    "RankOrderCentroid",
    "RankReciprocal",
    "RankSum",
    "Swing",
    "rank_order_centroid",
    "rank_reciprocal",
    "rank_sum",
]


@registry.register("equal")
@attrs.frozen
class Equal:
    """The same weight for every criterion: 1/m.

    Examples
    --------
    >>> import powerbalance as pb
    >>> dict(Equal().weigh(pb.examples.load("engage-or-contain").assessment))
    {'Trade gains': 0.5, 'Conflict risk': 0.5}
    """

    def weigh(self, assessment: Assessment) -> Weights:
        """Weigh every criterion of ``assessment`` equally."""
        m = assessment.n_criteria
        return Weights(assessment.criterion_names, np.full(m, 1.0 / m))


def _to_points(value: Mapping[str, float], owner: str = "Direct") -> Mapping[str, float]:
    check(
        owner,
        "points",
        value,
        InstanceOf(Mapping, description="a mapping of criterion name to points"),
        fix="Such as {'Security': 40, 'Economic': 60}.",
    )
    for name, point in value.items():
        if not isinstance(name, str) or not name.strip():
            raise refuse(
                owner,
                "each key of points",
                name,
                "a criterion name",
                fix="Key the points by the names of the criteria.",
                error=InvalidNameError,
            )
        # True and False would pass for 1 and 0, and text for the number it spells.
        if not is_number(point):
            raise refuse(
                owner,
                f"points[{name!r}]",
                point,
                "a number",
                fix=(number_hint(point) or "Text and True or False are not numbers here.")
                + " Give points such as 40.",
                error=WeightError,
            )
    return dict(value)


@registry.register("direct")
@attrs.frozen
class Direct:
    """Weights proportional to points the analyst gives each criterion.

    Any non-negative points will do (percentages, 0-100 ratings, budget shares);
    they are rescaled to sum to 1. Every criterion of the assessment needs points
    (0 is allowed) and no other names may appear, so a typo cannot silently drop
    a criterion.

    Parameters
    ----------
    points : mapping of str to float
        Points per criterion name.

    Raises
    ------
    WeightError
        A criterion is missing or unknown, a point is negative or not finite, or
        all points are zero (raised by :meth:`weigh`).

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> dict(Direct({"Trade gains": 30, "Conflict risk": 70}).weigh(a))
    {'Trade gains': 0.3, 'Conflict risk': 0.7}
    """

    points: Mapping[str, float] = attrs.field(converter=_to_points, metadata=file_input("points"))

    def weigh(self, assessment: Assessment) -> Weights:
        """Rescale the points to weights over the criteria of ``assessment``."""
        check_criterion_names(self.points, assessment.criterion_names, "Direct")
        return Weights.from_mapping(
            {name: self.points[name] for name in assessment.criterion_names}
        )


Ranking: TypeAlias = tuple[tuple[str, ...], ...]


def to_ranking(value: Sequence[str | Sequence[str]], owner: str = "to_ranking") -> Ranking:
    """A ranking as tuples of tied names, most important first; checked for repeats.

    ``owner`` is who takes the ranking, as a refusal's message opens.

    Examples
    --------
    >>> to_ranking(["Security", ["Economic", "Trade"]])
    (('Security',), ('Economic', 'Trade'))
    >>> to_ranking([1, 2], owner="RankSum")
    Traceback (most recent call last):
    ...
    powerbalance.errors.InvalidParameterError: RankSum: ranking[0] must be a criterion name \
or a list of tied criterion names; got 1. ...
    """
    example = "Such as ['Security', ['Economic', 'Trade']]."
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise refuse(
            owner,
            "ranking",
            value,
            "a list of criterion names, most important first, with tied criteria grouped in a list",
            fix=example,
        )
    groups: list[tuple[str, ...]] = []
    for position, item in enumerate(value):
        if isinstance(item, str):
            groups.append((item,))
            continue
        if not (isinstance(item, Sequence) and all(isinstance(name, str) for name in item)):
            raise refuse(
                owner,
                f"ranking[{position}]",
                item,
                "a criterion name or a list of tied criterion names",
                fix=example,
            )
        if not item:
            raise refuse(
                owner,
                f"ranking[{position}]",
                item,
                "a non-empty group of tied criteria",
                fix="Remove the empty group.",
            )
        groups.append(tuple(item))
    seen: set[str] = set()
    for group in groups:
        for name in group:
            if name in seen:
                raise refuse(
                    owner,
                    "ranking",
                    value,
                    "a ranking that names each criterion once",
                    fix=f"Criterion {name!r} appears twice; give each criterion one place.",
                    error=DuplicateNameError,
                )
            seen.add(name)
    return tuple(groups)


# One converter per scheme, so that a refusal names the scheme the analyst called.
def _rank_order_centroid_ranking(value: Sequence[str | Sequence[str]]) -> Ranking:
    return to_ranking(value, "RankOrderCentroid")


def _rank_sum_ranking(value: Sequence[str | Sequence[str]]) -> Ranking:
    return to_ranking(value, "RankSum")


def _rank_reciprocal_ranking(value: Sequence[str | Sequence[str]]) -> Ranking:
    return to_ranking(value, "RankReciprocal")


def _weigh_ranking(
    ranking: Ranking,
    assessment: Assessment,
    scheme: str,
    weights_for: Callable[[Sequence[int]], npt.NDArray[np.float64]],
) -> Weights:
    ordered = [name for group in ranking for name in group]
    check_criterion_names(ordered, assessment.criterion_names, scheme)
    values = weights_for([len(group) for group in ranking])
    by_name = dict(zip(ordered, values, strict=True))
    return Weights.from_mapping({n: by_name[n] for n in assessment.criterion_names})


def _shared_within_ties(
    group_sizes: Sequence[int], untied: Callable[[int], npt.NDArray[np.float64]]
) -> npt.NDArray[np.float64]:
    """Untied weights by position, with each tie group sharing its positions' total."""
    sizes = np.asarray(group_sizes, dtype=np.int64)
    weights = untied(int(sizes.sum()))
    group_of = np.repeat(np.arange(len(sizes)), sizes)
    totals = np.bincount(group_of, weights=weights)
    return np.asarray(totals[group_of] / sizes[group_of], dtype=np.float64)


def rank_sum(group_sizes: Sequence[int]) -> npt.NDArray[np.float64]:
    r"""Rank-sum weights for a ranking with tie groups of the given sizes.

    Position *i* of *n* gets :math:`w_i = \frac{2(n + 1 - i)}{n(n + 1)}`; criteria in a
    tie group share equally the weight of the positions they occupy (which, the formula
    being linear, is the same as giving each the mean position).

    References
    ----------
    Stillwell, W. G., Seaver, D. A. and Edwards, W. (1981). A comparison of weight
    approximation techniques in multiattribute utility decision making. Organizational
    Behavior and Human Performance 28(1), 62-77.

    Examples
    --------
    >>> rank_sum([1, 1, 1]).round(4)
    array([0.5   , 0.3333, 0.1667])
    >>> rank_sum([1, 2]).round(4)
    array([0.5 , 0.25, 0.25])
    """

    def untied(n: int) -> npt.NDArray[np.float64]:
        positions = np.arange(1, n + 1, dtype=np.float64)
        return 2.0 * (n + 1 - positions) / (n * (n + 1))

    return _shared_within_ties(group_sizes, untied)


def rank_reciprocal(group_sizes: Sequence[int]) -> npt.NDArray[np.float64]:
    r"""Rank-reciprocal weights for a ranking with tie groups of the given sizes.

    Position *i* of *n* gets :math:`w_i = \frac{1/i}{\sum_{k=1}^{n} 1/k}`; criteria in a
    tie group share equally the weight of the positions they occupy.

    References
    ----------
    Stillwell, W. G., Seaver, D. A. and Edwards, W. (1981). A comparison of weight
    approximation techniques in multiattribute utility decision making. Organizational
    Behavior and Human Performance 28(1), 62-77.

    Examples
    --------
    >>> rank_reciprocal([1, 1, 1]).round(4)
    array([0.5455, 0.2727, 0.1818])
    """

    def untied(n: int) -> npt.NDArray[np.float64]:
        reciprocal = 1.0 / np.arange(1, n + 1, dtype=np.float64)
        return np.asarray(reciprocal / reciprocal.sum(), dtype=np.float64)

    return _shared_within_ties(group_sizes, untied)


def rank_order_centroid(group_sizes: Sequence[int]) -> npt.NDArray[np.float64]:
    r"""Rank-order-centroid weights for a ranking with tie groups of the given sizes.

    The weights are the centroid of the region of weight vectors consistent with the
    ranking, :math:`\{w : w_1 \ge w_2 \ge \dots \ge w_n \ge 0, \sum w = 1\}`, with equality
    inside a tie group. The region is a simplex whose corners are
    :math:`(1/k, \dots, 1/k, 0, \dots, 0)` for each ``k`` that closes a group, so the
    centroid is their mean. Without ties this is Barron and Barrett's (1996) formula
    :math:`w_i = \frac{1}{n} \sum_{k=i}^{n} \frac{1}{k}`.

    Examples
    --------
    >>> rank_order_centroid([1, 1, 1]).round(4)
    array([0.6111, 0.2778, 0.1111])
    >>> rank_order_centroid([1, 2, 1]).round(4)
    array([0.5278, 0.1944, 0.1944, 0.0833])
    """
    sizes = np.asarray(group_sizes, dtype=np.int64)
    n = int(sizes.sum())
    ends = np.cumsum(sizes)
    positions = np.arange(1, n + 1)
    # Corner k contributes 1/k to each of the first k positions.
    corners = (positions[None, :] <= ends[:, None]) / ends[:, None]
    return np.asarray(corners.mean(axis=0), dtype=np.float64)


@registry.register("rank-order-centroid")
@attrs.frozen
class RankOrderCentroid:
    """Weights from a ranking of criteria: the centroid of all weights that respect it.

    Parameters
    ----------
    ranking : sequence of str or sequence of str
        Criterion names, most important first. Criteria of equal importance are
        grouped in a list: ``["Security", ["Economic", "Technology"], "Climate"]``.
        Tied criteria get equal weights, the centroid of the tied region (see
        :func:`rank_order_centroid`); this is not the same as averaging the untied
        weights of their positions.

    References
    ----------
    Barron, F. H. and Barrett, B. E. (1996). Decision quality using ranked attribute
    weights. Management Science 42(11), 1515-1523.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> dict(RankOrderCentroid(["Conflict risk", "Trade gains"]).weigh(a))
    {'Trade gains': 0.25, 'Conflict risk': 0.75}
    """

    ranking: Ranking = attrs.field(
        converter=_rank_order_centroid_ranking, metadata=file_input("ranking")
    )

    def weigh(self, assessment: Assessment) -> Weights:
        """Weights for the criteria of ``assessment`` from the ranking."""
        return _weigh_ranking(self.ranking, assessment, "RankOrderCentroid", rank_order_centroid)


@registry.register("rank-sum")
@attrs.frozen
class RankSum:
    """Weights from a ranking of criteria, falling linearly with the rank.

    Parameters
    ----------
    ranking : sequence of str or sequence of str
        Criterion names, most important first; tied criteria grouped in a list.

    References
    ----------
    Stillwell, W. G., Seaver, D. A. and Edwards, W. (1981). A comparison of weight
    approximation techniques in multiattribute utility decision making. Organizational
    Behavior and Human Performance 28(1), 62-77.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> dict(RankSum(["Conflict risk", "Trade gains"]).weigh(a))
    {'Trade gains': 0.333..., 'Conflict risk': 0.666...}
    """

    ranking: Ranking = attrs.field(converter=_rank_sum_ranking, metadata=file_input("ranking"))

    def weigh(self, assessment: Assessment) -> Weights:
        """Weights for the criteria of ``assessment`` from the ranking (see :func:`rank_sum`)."""
        return _weigh_ranking(self.ranking, assessment, "RankSum", rank_sum)


@registry.register("rank-reciprocal")
@attrs.frozen
class RankReciprocal:
    """Weights from a ranking of criteria, proportional to 1 / rank.

    Puts more weight on the top criterion than :class:`RankSum`, less than
    :class:`RankOrderCentroid` for short lists.

    Parameters
    ----------
    ranking : sequence of str or sequence of str
        Criterion names, most important first; tied criteria grouped in a list.

    References
    ----------
    Stillwell, W. G., Seaver, D. A. and Edwards, W. (1981). A comparison of weight
    approximation techniques in multiattribute utility decision making. Organizational
    Behavior and Human Performance 28(1), 62-77.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> dict(RankReciprocal(["Conflict risk", "Trade gains"]).weigh(a))
    {'Trade gains': 0.333..., 'Conflict risk': 0.666...}
    """

    ranking: Ranking = attrs.field(
        converter=_rank_reciprocal_ranking, metadata=file_input("ranking")
    )

    def weigh(self, assessment: Assessment) -> Weights:
        """Weights from the ranking (see :func:`rank_reciprocal`)."""
        return _weigh_ranking(self.ranking, assessment, "RankReciprocal", rank_reciprocal)


def _to_swing_points(value: Mapping[str, float]) -> Mapping[str, float]:
    points = _to_points(value, "Swing")
    for name, point in points.items():
        if not _SWING.accepts(point):
            raise refuse("Swing", f"points[{name!r}]", point, _SWING.describe(), error=WeightError)
    if points and max(points.values()) != 100:
        raise refuse(
            "Swing",
            "points",
            points,
            "a mapping with 100 for the criterion whose swing from worst to best matters most",
            fix="Rate the other swings from 0 to 100 against it; the highest points "
            f"given are {max(points.values()):g}.",
            error=WeightError,
        )
    return points


_SWING = Interval(0, 100)


def _to_ranges(
    value: Mapping[str, tuple[float, float]] | None,
) -> Mapping[str, tuple[float, float]] | None:
    if value is None:
        return None
    check(
        "Swing",
        "ranges",
        value,
        InstanceOf(Mapping, description="a mapping of criterion name to (worst, best)"),
        None,
        fix="Record them with Swing.elicited_on(assessment, points).",
    )
    ranges: dict[str, tuple[float, float]] = {}
    for name, pair in value.items():
        if not isinstance(name, str) or not name.strip():
            raise refuse(
                "Swing",
                "each key of ranges",
                name,
                "a criterion name",
                fix="Key the ranges by the names of the criteria.",
                error=InvalidNameError,
            )
        ends = (
            [as_number(end) for end in pair]
            if isinstance(pair, Sequence) and not isinstance(pair, str) and len(pair) == 2
            else [None]
        )
        low, high = ends[0], ends[-1]
        if low is None or high is None:
            raise refuse(
                "Swing",
                f"ranges[{name!r}]",
                pair,
                "a pair (low, high) of numbers",
                fix="Such as (0, 10).",
            )
        ranges[name] = (low, high)
    return FrozenMap(ranges)


@registry.register("swing")
@attrs.frozen
class Swing:
    """Swing weights: the value of moving each criterion from its worst to its best level.

    The question to put to a panel, one criterion at a time: *"Imagine an option that
    is at the worst level on every criterion. If you could move just one criterion
    from its worst level to its best, which would you choose?"* That swing gets 100
    points. Then, for every other criterion: *"How much is moving this one from worst
    to best worth, compared with the swing you chose first?"*, answered from 0 to 100.
    The weights are the points rescaled to sum to 1.

    Swing weights depend on the ranges. The question is about moving from the worst
    to the best level, so a criterion on which the options differ little deserves
    little weight however "important" it sounds, and the weights must be elicited
    again when the range changes (an option is added or removed on a local scale, or a
    scale's anchors move). Direct importance ratings ignore the ranges and are
    therefore biased: they over-weight criteria with narrow ranges (von Winterfeldt
    and Edwards 1986; Fischer 1995).

    Parameters
    ----------
    points : mapping of str to float
        Points from 0 to 100 for every criterion, with 100 for the most valued swing.
    ranges : mapping of str to (float, float), optional
        The worst-to-best ranges the panel had in mind, per criterion on a local
        scale, as recorded by :meth:`elicited_on`. When given, :meth:`weigh` warns if
        an assessment's local ranges differ, since the points no longer mean what
        the panel meant.

    Raises
    ------
    WeightError
        A point is outside 0-100, no criterion has 100, or (at :meth:`weigh`) a
        criterion is missing or unknown.

    Warns
    -----
    ScaleRangeWarning
        At :meth:`weigh`, when a criterion on a local scale now spans a different
        range of scores than when the swings were elicited (an option was added or
        removed); the warning names each such criterion and both ranges.

    References
    ----------
    von Winterfeldt, D. and Edwards, W. (1986). Decision Analysis and Behavioral
    Research. Cambridge University Press, section 8.4.
    Department for Communities and Local Government (2009). Multi-criteria analysis:
    a manual. London, section 6.2.10.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> dict(Swing({"Conflict risk": 100, "Trade gains": 60}).weigh(a))
    {'Trade gains': 0.375, 'Conflict risk': 0.625}
    """

    points: Mapping[str, float] = attrs.field(
        converter=_to_swing_points, metadata=file_input("points")
    )
    ranges: Mapping[str, tuple[float, float]] | None = attrs.field(
        default=None, kw_only=True, converter=_to_ranges, metadata=file_input("ranges")
    )

    @classmethod
    def elicited_on(cls, assessment: Assessment, points: Mapping[str, float]) -> Swing:
        """Swing points, remembering the local ranges they were elicited on.

        Criteria on a local scale (no fixed ``scale``) run from the worst to the best
        option in the set, so their swings change meaning when the set changes; the
        ranges recorded here let :meth:`weigh` say so.

        Examples
        --------
        >>> import warnings
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> swing = Swing.elicited_on(a, {"Conflict risk": 100, "Trade gains": 60})
        >>> swing.ranges
        FrozenMap({'Trade gains': (3.0, 7.0), 'Conflict risk': (4.0, 6.0)})
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     _ = swing.weigh(a.with_score("Engage", "Trade gains", 9))
        >>> print(caught[0].message)  # doctest: +ELLIPSIS
        Swing weights were elicited on other ranges: 'Trade gains' ran from 3 to 7 ...
        """
        low, high = assessment.observed_range
        ranges = {
            c.name: (float(low[j]), float(high[j]))
            for j, c in enumerate(assessment.criteria)
            if c.scale_kind == "local"
        }
        return cls(points, ranges=ranges)

    def weigh(self, assessment: Assessment) -> Weights:
        """Rescale the swing points to weights over the criteria of ``assessment``."""
        check_criterion_names(self.points, assessment.criterion_names, "Swing")
        if self.ranges:
            _warn_moved_ranges(self.ranges, assessment)
        return Weights.from_mapping(
            {name: self.points[name] for name in assessment.criterion_names}
        )


def _warn_moved_ranges(ranges: Mapping[str, tuple[float, float]], assessment: Assessment) -> None:
    low, high = assessment.observed_range
    moved = []
    for j, criterion in enumerate(assessment.criteria):
        if criterion.name not in ranges or criterion.scale_kind != "local":
            continue
        then = ranges[criterion.name]
        now = (float(low[j]), float(high[j]))
        if now != then:
            moved.append(
                f"{criterion.name!r} ran from {then[0]:g} to {then[1]:g} and now runs from "
                f"{now[0]:g} to {now[1]:g}"
            )
    if moved:
        warnings.warn(
            "Swing weights were elicited on other ranges: "
            + "; ".join(moved)
            + ". The options in the assessment changed, so these swings are not the "
            "ones the panel weighed. Elicit the swings again on the new ranges, or give "
            "the criteria fixed scales (Criterion(..., scale=(low, high))).",
            ScaleRangeWarning,
            stacklevel=3,
        )
