r"""The path one weight follows as it moves, the others rescaled in proportion.

Stability intervals and sweeps both move the weight of one criterion (or of an area's
criteria together) to :math:`t` and rescale the others so that the weights still sum
to 1:

.. math::

    w(t) = t\,e_j + (1 - t)\,\frac{w - w_j e_j}{1 - w_j}, \qquad 0 \le t \le 1
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from powerbalance.model import Assessment

__all__ = [
    "BISECTION_TOLERANCE",
    "bisect",
    "direction",
    "linear_scorer",
    "moving_criteria",
    "weight_path",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]

#: Width to which bisection narrows a crossing for non-linear methods.
BISECTION_TOLERANCE = 1e-6


def moving_criteria(assessment: Assessment, name: str, scope: str) -> npt.NDArray[np.bool_]:
    """Which criteria move: the criterion ``name`` itself, or the area ``name``'s criteria."""
    if scope == "criterion":
        return np.array([c.name == name for c in assessment.criteria])
    return np.array([c.area == name for c in assessment.criteria])


def direction(members: npt.NDArray[np.bool_], weights: FloatArray) -> tuple[FloatArray, float]:
    """The moving criteria's current shares of their total, and that total weight."""
    current = float(weights[members].sum())
    share = np.where(members, weights, 0.0)
    unit = share / current if current > 0 else members / members.sum()
    return np.asarray(unit, dtype=np.float64), current


def weight_path(
    unit: FloatArray, weights: FloatArray, current: float
) -> Callable[[FloatArray], FloatArray]:
    """Weights as the moved weight goes to each ``t``, the rest rescaled in proportion."""
    # Zero the moving criteria rather than subtract their share: ``w - current * unit``
    # leaves round-off such as -1e-16 behind, a negative weight every method refuses.
    rest = np.where(unit > 0, 0.0, weights)
    rest_total = rest.sum()
    rest_share = rest / rest_total if rest_total > 0 else np.zeros_like(rest)

    def at(t: FloatArray) -> FloatArray:
        t = np.asarray(t, dtype=np.float64)[:, None]
        return np.asarray(t * unit + (1.0 - t) * rest_share, dtype=np.float64)

    return at


def linear_scorer(
    scores: Callable[[FloatArray], FloatArray], m: int
) -> Callable[[FloatArray], FloatArray]:
    # A linear method's scores are weighted means of its scores under unit weights
    # (``scores`` scores a batch, its finiteness already checked).
    unit_scores = scores(np.eye(m))

    def score(batch: FloatArray) -> FloatArray:
        totals = batch.sum(axis=1, keepdims=True)
        # An all-zero row (all weight moved off the only weighted criterion) scores
        # every option 0, as the method itself does, rather than 0 / 0.
        shares = np.divide(batch, totals, out=np.zeros_like(batch), where=totals > 0)
        return np.asarray(shares @ unit_scores, dtype=np.float64)

    return score


def bisect(
    kept: Callable[[FloatArray], npt.NDArray[np.bool_]], outside: float, inside: float
) -> float:
    """Narrow [outside, inside] to the point where ``kept`` starts to hold, to the tolerance."""
    while abs(inside - outside) > BISECTION_TOLERANCE:
        middle = 0.5 * (inside + outside)
        if kept(np.array([middle]))[0]:
            inside = middle
        else:
            outside = middle
    return float(inside)
