"""Weights from the analyst's judgements: equal, direct points, and rank-based."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance.errors import DuplicateNameError, InvalidParameterError
from powerbalance.model import Assessment
from powerbalance.weighting._base import check_criterion_names, registry
from powerbalance.weights import Weights

__all__ = ["Direct", "Equal", "RankOrderCentroid"]


@registry.register("equal")
@attrs.frozen
class Equal:
    """The same weight for every criterion: 1/m.

    Examples
    --------
    >>> from powerbalance.model import _example
    >>> dict(Equal().weigh(_example()))
    {'Trade gains': 0.5, 'Conflict risk': 0.5}
    """

    def weigh(self, assessment: Assessment) -> Weights:
        """Weigh every criterion of ``assessment`` equally."""
        m = assessment.n_criteria
        return Weights(assessment.criterion_names, np.full(m, 1.0 / m))


def _to_points(value: Mapping[str, float]) -> Mapping[str, float]:
    if not isinstance(value, Mapping):
        raise InvalidParameterError(
            f"Direct takes a mapping of criterion name to points, such as "
            f"{{'Security': 40, 'Economic': 60}}; got {value!r}."
        )
    return dict(value)


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
    >>> from powerbalance.model import _example
    >>> dict(Direct({"Trade gains": 30, "Conflict risk": 70}).weigh(_example()))
    {'Trade gains': 0.3, 'Conflict risk': 0.7}
    """

    points: Mapping[str, float] = attrs.field(factory=dict, converter=_to_points)

    def weigh(self, assessment: Assessment) -> Weights:
        """Rescale the points to weights over the criteria of ``assessment``."""
        check_criterion_names(self.points, assessment.criterion_names, "Direct")
        return Weights.from_mapping(
            {name: self.points[name] for name in assessment.criterion_names}
        )


def _to_ranking(value: Sequence[str | Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidParameterError(
            f"RankOrderCentroid takes a list of criterion names, most important first, "
            f"with tied criteria grouped in a list; got {value!r}."
        )
    groups = tuple((item,) if isinstance(item, str) else tuple(item) for item in value)
    seen: set[str] = set()
    for group in groups:
        if not group:
            raise InvalidParameterError("RankOrderCentroid: a tie group is empty.")
        for name in group:
            if name in seen:
                raise DuplicateNameError(
                    f"RankOrderCentroid: criterion {name!r} appears twice in the ranking; "
                    "give each criterion one place."
                )
            seen.add(name)
    return groups


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
    >>> from powerbalance.model import _example
    >>> dict(RankOrderCentroid(["Conflict risk", "Trade gains"]).weigh(_example()))
    {'Trade gains': 0.25, 'Conflict risk': 0.75}
    """

    ranking: tuple[tuple[str, ...], ...] = attrs.field(factory=tuple, converter=_to_ranking)

    def weigh(self, assessment: Assessment) -> Weights:
        """Weights for the criteria of ``assessment`` from the ranking."""
        ordered = [name for group in self.ranking for name in group]
        check_criterion_names(ordered, assessment.criterion_names, "RankOrderCentroid")
        values = rank_order_centroid([len(group) for group in self.ranking])
        by_name = dict(zip(ordered, values, strict=True))
        return Weights.from_mapping({n: by_name[n] for n in assessment.criterion_names})
