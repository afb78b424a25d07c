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

from collections.abc import Iterable, Iterator

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


# -- SMAA-2 with uniform weights (bench_smaa.py) ------------------------------------------

IntArray = npt.NDArray[np.int64]

#: Weight vectors per chunk of the SMAA floor. At 1,000 options one chunk's scores and
#: sort order take 80 MB each; all 100,000 at once would take 800 MB each.
SMAA_CHUNK = 10_000
#: Elements per block of the (vectors, options, criteria) weighted regrets of VIKOR:
#: 8 MiB, small enough to stay in cache, large enough that the loop costs little.
_VIKOR_BLOCK = 1 << 20


def uniform_weight_chunks(
    rng: np.random.Generator, samples: int, m: int, chunk: int = SMAA_CHUNK
) -> Iterator[FloatArray]:
    """Weight vectors uniform on the simplex (Dirichlet(1, ..., 1)), a chunk at a time.

    Independent standard exponentials divided by their row sum: the cheapest exact
    sampler, and the one powerbalance uses (with other generators: its streams are
    seeded per block of 1,024 vectors, so the numbers differ, not the distribution).
    Drawing lazily keeps only one chunk in memory and puts the sampling inside the
    timing of whoever consumes the chunks, as it is inside ``smaa``.
    """
    for start in range(0, samples, chunk):
        draws = rng.standard_exponential((min(chunk, samples - start), m))
        draws /= draws.sum(axis=1, keepdims=True)
        yield draws


def _rank_counts(
    score_chunks: Iterable[FloatArray], n: int, lowest_first: bool = False
) -> IntArray:
    """Options x ranks counts: one argsort per chunk and one bincount of (option, rank).

    The ascending argsort puts at position p the option of rank n - p (or p + 1 when
    lower scores are better), so the (option, rank) cell of every entry is known
    without inverting the permutation; the sort order is turned into flat cell indices
    in place. The default sort (introsort, not stable) is the fastest: ties do not
    happen with continuous random weights.
    """
    counts = np.zeros(n * n, dtype=np.int64)
    rank_of_position = np.arange(n) if lowest_first else np.arange(n)[::-1].copy()
    for scores in score_chunks:
        cells = np.argsort(scores, axis=1)
        cells *= n
        cells += rank_of_position
        counts += np.bincount(cells.ravel(), minlength=n * n)
    return counts.reshape(n, n)


def smaa_weighted_sum(X: FloatArray, is_risk: BoolArray, weights: Iterable[FloatArray]) -> IntArray:
    """SMAA-2 counts for the weighted sum: min-max once, then per chunk W @ V.T and rank.

    ``weights`` yields chunks of weight vectors (rows), e.g. from
    :func:`uniform_weight_chunks`. Returns counts[i, r]: how many vectors put option i
    at rank r + 1. One matrix product, one argsort and one bincount per chunk.
    """
    normalized_t = np.ascontiguousarray(minmax(X, is_risk).T)
    return _rank_counts((W @ normalized_t for W in weights), X.shape[0])


def smaa_topsis(X: FloatArray, is_risk: BoolArray, weights: Iterable[FloatArray]) -> IntArray:
    """SMAA-2 counts for TOPSIS: both distances from ONE matrix product per chunk.

    With non-negative weights the weighted ideal is w_j max_i r_ij, so
    d+_i^2 = sum_j w_j^2 (r_ij - max r_j)^2, i.e. (W**2) @ G+.T, and likewise d-.
    The squared gaps G+ and G- are computed once and stacked side by side, so that
    one (k x m) @ (m x 2n) product gives both distances of every option.
    """
    n = X.shape[0]
    normalized = vector(X, is_risk)
    gaps = np.hstack(
        [
            ((normalized - normalized.max(axis=0)) ** 2).T,
            ((normalized - normalized.min(axis=0)) ** 2).T,
        ]
    )  # m x 2n

    def closeness(W: FloatArray) -> FloatArray:
        distances = np.sqrt((W * W) @ gaps)
        to_ideal, to_anti = distances[:, :n], distances[:, n:]
        closeness: FloatArray = to_anti / (to_ideal + to_anti)
        return closeness

    return _rank_counts((closeness(W) for W in weights), n)


def smaa_vikor(
    X: FloatArray, is_risk: BoolArray, weights: Iterable[FloatArray], v: float = 0.5
) -> IntArray:
    """SMAA-2 counts for VIKOR: S by a matrix product, R by blocks, Q; lowest Q first.

    R_i = max_j w_j d_ij is not a matrix product; it is formed for blocks of weight
    vectors as a (block, criteria, options) array of about 8 MiB and reduced over the
    criteria (the options axis is contiguous, so the reduction is elementwise).
    Q does not change when a weight vector is scaled, so the rows need not sum to 1.
    """
    regret = 1.0 - minmax(X, is_risk)  # n x m
    regret_t = np.ascontiguousarray(regret.T)  # m x n
    n, m = regret.shape
    rows = max(1, _VIKOR_BLOCK // (n * m))

    def compromise(W: FloatArray) -> FloatArray:
        S = W @ regret_t
        R = np.empty_like(S)
        for start in range(0, len(W), rows):
            block = W[start : start + rows, :, None] * regret_t
            np.max(block, axis=1, out=R[start : start + rows])
        # Q = v (S - S*) / (S- - S*) + (1 - v) (R - R*) / (R- - R*) row by row; the
        # terms -S* and -R* are the same for every option of a row and do not change
        # its order, so they are left out: two scalings and a sum, in place.
        S *= v / (S.max(axis=1, keepdims=True) - S.min(axis=1, keepdims=True))
        R *= (1 - v) / (R.max(axis=1, keepdims=True) - R.min(axis=1, keepdims=True))
        S += R
        return S

    return _rank_counts((compromise(W) for W in weights), n, lowest_first=True)
