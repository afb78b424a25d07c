"""The floor: plain-numpy implementations of the benchmarked formulas, ranking included.

Each function takes the raw score matrix ``X`` (n options x m criteria, float64), a
boolean ``is_risk`` per criterion and, for the methods, a weight vector ``w`` summing
to 1, and does the least work that computes the same numbers as powerbalance's
default variant of the method: no validation, no names, no objects. A method
returns ``(order, scores)``: option positions from best to worst (one ``argsort``)
and the scores, higher is better. A weighting returns the weight vector.

These are what "as fast as the hardware allows" means for the benchmark: the ratio
powerbalance / floor is the price of validation, names, reports and generality.
The formulas follow powerbalance's documentation (normalize.py, methods/, weighting/)
so that the rankings agree; the benchmark checks that they do.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Ranked = tuple[npt.NDArray[np.intp], FloatArray]


def _best_first(scores: FloatArray) -> Ranked:
    return np.argsort(-scores, kind="stable"), scores


# -- normalizations (direction-aware: higher is better afterwards) -------------------------


def minmax(X: FloatArray, is_risk: BoolArray) -> FloatArray:
    """(x - low) / (high - low) for a benefit, (high - x) / (high - low) for a risk."""
    low = X.min(axis=0)
    high = X.max(axis=0)
    # A risk is a benefit of -x: flip the sign of the slope and the anchor instead of
    # building two matrices and selecting with np.where.
    scale = np.where(is_risk, -1.0, 1.0) / (high - low)
    anchor = np.where(is_risk, high, low)
    return (X - anchor) * scale


def linear(X: FloatArray, is_risk: BoolArray) -> FloatArray:
    """x / max for a benefit, min / x for a risk."""
    out = X / X.max(axis=0)
    risk = np.flatnonzero(is_risk)
    out[:, risk] = X[:, risk].min(axis=0) / X[:, risk]
    return out


def vector(X: FloatArray, is_risk: BoolArray) -> FloatArray:
    """x / ||x|| for a benefit, 1 - x / ||x|| for a risk."""
    ratio = X / np.sqrt(np.einsum("ij,ij->j", X, X))
    return np.where(is_risk, 1.0 - ratio, ratio)


# -- methods -----------------------------------------------------------------------------


def weighted_sum(X: FloatArray, is_risk: BoolArray, w: FloatArray) -> Ranked:
    """Min-max normalize, one matrix-vector product, one argsort."""
    return _best_first(minmax(X, is_risk) @ w)


def weighted_product(X: FloatArray, is_risk: BoolArray, w: FloatArray) -> Ranked:
    """Linear normalization, logarithms, one matrix-vector product, one argsort.

    The score is the log of the weighted product (same order as the product).
    """
    return _best_first(np.log(linear(X, is_risk)) @ w)


def topsis(X: FloatArray, is_risk: BoolArray, w: FloatArray) -> Ranked:
    """Vector normalization, weighted distances to the ideal and anti-ideal, closeness."""
    v = vector(X, is_risk) * w
    to_ideal = np.sqrt(((v - v.max(axis=0)) ** 2).sum(axis=1))
    to_anti = np.sqrt(((v - v.min(axis=0)) ** 2).sum(axis=1))
    return _best_first(to_anti / (to_ideal + to_anti))


def vikor(X: FloatArray, is_risk: BoolArray, w: FloatArray, v: float = 0.5) -> Ranked:
    """Normalized regret d, S = d @ w, R = max_j w_j d_ij, Q; merit 1 - Q."""
    d = 1.0 - minmax(X, is_risk)
    weighted = d * w
    S = weighted.sum(axis=1)
    R = weighted.max(axis=1)
    Q = v * (S - S.min()) / (S.max() - S.min()) + (1 - v) * (R - R.min()) / (R.max() - R.min())
    return _best_first(1.0 - Q)


def _directed(X: FloatArray, is_risk: BoolArray) -> FloatArray:
    return np.where(is_risk, -X, X)


def promethee_usual(X: FloatArray, is_risk: BoolArray, w: FloatArray) -> Ranked:
    """PROMETHEE II, usual function, by sorting: O(n log n) per criterion.

    On a criterion, option a beats the options with a strictly lower (directed) score
    and is beaten by those with a strictly higher one; both counts come from binary
    searches of the sorted column in itself (sorted keys keep the searches
    cache-friendly). Net flow = (beats - beaten) / (n - 1).
    """
    columns = _directed(X, is_risk).T.copy()  # one contiguous row per criterion
    m, n = columns.shape
    net = np.empty((m, n))
    for j in range(m):
        order = np.argsort(columns[j])
        s = columns[j][order]
        beats = np.searchsorted(s, s, side="left")
        beaten = n - np.searchsorted(s, s, side="right")
        net[j, order] = beats - beaten
    return _best_first(w @ net / (n - 1))


def promethee_vshape(X: FloatArray, is_risk: BoolArray, w: FloatArray, p: float) -> Ranked:
    """PROMETHEE II, V-shape function P(d) = min(1, max(0, d / p)), by sorting.

    For option a with directed score x on a criterion, with the column sorted as s:
    sum_b P(x - s_b) = #{s_b < x - p} + sum over x - p <= s_b < x of (x - s_b) / p,
    and likewise the other way; counts by binary search (sorted keys), sums by
    prefix sums.
    """
    columns = _directed(X, is_risk).T.copy()
    m, n = columns.shape
    net = np.empty((m, n))
    for j in range(m):
        order = np.argsort(columns[j])
        s = columns[j][order]
        prefix = np.concatenate(([0.0], np.cumsum(s)))
        lo = np.searchsorted(s, s - p, side="left")  # s_b < x - p: full preference
        mid = np.searchsorted(s, s, side="left")  # s_b < x: some preference
        plus = lo + ((mid - lo) * s - (prefix[mid] - prefix[lo])) / p
        up = np.searchsorted(s, s, side="right")  # s_b > x: preferred to a
        hi = np.searchsorted(s, s + p, side="right")  # s_b > x + p: fully
        minus = (n - hi) + ((prefix[hi] - prefix[up]) - (hi - up) * s) / p
        net[j, order] = plus - minus
    return _best_first(w @ net / (n - 1))


# -- objective weights -------------------------------------------------------------------


def entropy_weights(X: FloatArray, is_risk: BoolArray) -> FloatArray:
    """Entropy of the shares of the min-max normalized columns (0 ln 0 = 0)."""
    values = minmax(X, is_risk)
    shares = values / values.sum(axis=0)
    logs = np.log(np.where(shares > 0, shares, 1.0))
    entropy = -(shares * logs).sum(axis=0) / np.log(X.shape[0])
    information = 1.0 - entropy
    return information / information.sum()


def critic_weights(X: FloatArray, is_risk: BoolArray) -> FloatArray:
    """Population std of the min-max normalized columns times sum of (1 - correlation)."""
    values = minmax(X, is_risk)
    information = values.std(axis=0) * (1.0 - np.corrcoef(values, rowvar=False)).sum(axis=0)
    return information / information.sum()
