"""Weighting schemes: turning the analyst's judgements, or the data, into criterion weights.

A weighting scheme is anything with ``weigh(assessment) -> Weights``
(:class:`WeightingScheme`). Wherever one is accepted, so are the registered name of a
parameterless scheme (``"equal"``), a fixed :class:`~powerbalance.Weights` object,
and a plain function ``assessment -> Mapping[str, float]``.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.scenarios.load("great-power-cooperation")
>>> w = pb.weighting.Equal().weigh(a)
>>> round(sum(w.values()), 12)
1.0
"""

from powerbalance.weighting._base import (
    WeightingLike,
    WeightingScheme,
    apply_weighting,
    registry,
    resolve_weighting,
)
from powerbalance.weighting.subjective import (
    Direct,
    Equal,
    RankOrderCentroid,
    rank_order_centroid,
)

__all__ = [
    "Direct",
    "Equal",
    "RankOrderCentroid",
    "WeightingLike",
    "WeightingScheme",
    "apply_weighting",
    "rank_order_centroid",
    "registry",
    "resolve_weighting",
]
