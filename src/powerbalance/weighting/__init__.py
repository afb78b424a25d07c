"""Weighting schemes: turning the analyst's judgements, or the data, into criterion weights.

A weighting scheme is anything with ``weigh(assessment) -> Weights``
(:class:`WeightingScheme`). Wherever one is accepted, so are the registered name of a
parameterless scheme (``"equal"``), a fixed :class:`~powerbalance.Weights` object,
and a plain function ``assessment -> Mapping[str, float]``.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> w = pb.weighting.Equal().weigh(a)
>>> round(sum(w.values()), 12)
1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from powerbalance import _lazy
from powerbalance.weighting._base import (
    WeightingLike,
    WeightingScheme,
    apply_weighting,
    check_criterion_names,
    registry,
    resolve_weighting,
)

# Imported now: the function random_index shares its name with its module, which
# would otherwise shadow it as an attribute of the package once imported.
from powerbalance.weighting.random_index import RANDOM_INDICES, random_index

if TYPE_CHECKING:
    from powerbalance.weighting.ahp import AHP, AHPGroup
    from powerbalance.weighting.bestworst import (
        BestWorst,
        BestWorstResult,
        best_worst_consistency_index,
        best_worst_input_consistency_threshold,
    )
    from powerbalance.weighting.composite import Blend, ByArea
    from powerbalance.weighting.objective import CRITIC, MEREC, Entropy, StdDev
    from powerbalance.weighting.subjective import (
        Direct,
        Equal,
        RankOrderCentroid,
        RankReciprocal,
        RankSum,
        Swing,
        rank_order_centroid,
        rank_reciprocal,
        rank_sum,
    )

__all__ = [
    "AHP",
    "CRITIC",
    "MEREC",
    "RANDOM_INDICES",
    "AHPGroup",
    "BestWorst",
    "BestWorstResult",
    "Blend",
    "ByArea",
    "Direct",
    "Entropy",
    "Equal",
    "RankOrderCentroid",
    "RankReciprocal",
    "RankSum",
    "StdDev",
    "Swing",
    "WeightingLike",
    "WeightingScheme",
    "apply_weighting",
    "best_worst_consistency_index",
    "best_worst_input_consistency_threshold",
    "check_criterion_names",
    "random_index",
    "rank_order_centroid",
    "rank_reciprocal",
    "rank_sum",
    "registry",
    "resolve_weighting",
]

# The schemes are imported on first use, by name or through the registry, so that an
# evaluation imports only the scheme it applies.
_HOMES = {
    "AHP": "powerbalance.weighting.ahp",
    "AHPGroup": "powerbalance.weighting.ahp",
    **dict.fromkeys(
        [
            "BestWorst",
            "BestWorstResult",
            "best_worst_consistency_index",
            "best_worst_input_consistency_threshold",
        ],
        "powerbalance.weighting.bestworst",
    ),
    "Blend": "powerbalance.weighting.composite",
    "ByArea": "powerbalance.weighting.composite",
    **dict.fromkeys(["CRITIC", "MEREC", "Entropy", "StdDev"], "powerbalance.weighting.objective"),
    **dict.fromkeys(
        [
            "Direct",
            "Equal",
            "RankOrderCentroid",
            "RankReciprocal",
            "RankSum",
            "Swing",
            "rank_order_centroid",
            "rank_reciprocal",
            "rank_sum",
        ],
        "powerbalance.weighting.subjective",
    ),
    # The modules too, as attributes of the package before anything imports them.
    **{
        module: f"powerbalance.weighting.{module}"
        for module in ("ahp", "bestworst", "composite", "judgements", "objective", "subjective")
    },
}


def __getattr__(name: str) -> Any:
    return _lazy.attribute(__name__, name, _HOMES)


def __dir__() -> list[str]:
    return _lazy.listed(__name__, _HOMES)
