"""Aggregation methods: scores and weights in, one merit per option out, higher is better.

Every method follows one contract (:class:`Method`): ``method.prepare(assessment)`` does
the work that does not depend on the weights, and the prepared object's
``score(W)`` scores a whole batch ``W`` of weight vectors, shape ``(k, n_criteria)``,
returning ``(k, n_options)``. A single evaluation is ``k = 1``; a sensitivity
analysis is thousands of rows at once.

Examples
--------
>>> import numpy as np
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> prepared = pb.methods.TOPSIS().prepare(a)
>>> W = np.full((3, a.n_criteria), 1 / a.n_criteria)
>>> prepared.score(W).shape
(3, 7)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from powerbalance import _lazy
from powerbalance.methods._base import (
    Method,
    MethodLike,
    PreparedMethod,
    check_weight_batch,
    registry,
    resolve_method,
    scored,
)

if TYPE_CHECKING:
    from powerbalance.methods.additive import WeightedProduct, WeightedSum
    from powerbalance.methods.compromise import VIKOR, CompromiseSolution
    from powerbalance.methods.distance import TOPSIS
    from powerbalance.methods.outranking import (
        PROMETHEE,
        Gaussian,
        Level,
        Linear,
        PreferenceFunction,
        UShape,
        Usual,
        VShape,
    )

__all__ = [
    "PROMETHEE",
    "TOPSIS",
    "VIKOR",
    "CompromiseSolution",
    "Gaussian",
    "Level",
    "Linear",
    "Method",
    "MethodLike",
    "PreferenceFunction",
    "PreparedMethod",
    "UShape",
    "Usual",
    "VShape",
    "WeightedProduct",
    "WeightedSum",
    "check_weight_batch",
    "registry",
    "resolve_method",
    "scored",
]

# The methods are imported on first use, by name or through the registry, so that an
# evaluation imports only the method it runs.
_HOMES = {
    "WeightedProduct": "powerbalance.methods.additive",
    "WeightedSum": "powerbalance.methods.additive",
    "CompromiseSolution": "powerbalance.methods.compromise",
    "VIKOR": "powerbalance.methods.compromise",
    "TOPSIS": "powerbalance.methods.distance",
    **dict.fromkeys(
        [
            "PROMETHEE",
            "Gaussian",
            "Level",
            "Linear",
            "PreferenceFunction",
            "UShape",
            "Usual",
            "VShape",
        ],
        "powerbalance.methods.outranking",
    ),
    # The modules too, as attributes of the package before anything imports them.
    **{
        module: f"powerbalance.methods.{module}"
        for module in ("additive", "compromise", "distance", "outranking", "ranking")
    },
}


def __getattr__(name: str) -> Any:
    return _lazy.attribute(__name__, name, _HOMES)


def __dir__() -> list[str]:
    return _lazy.listed(__name__, _HOMES)
