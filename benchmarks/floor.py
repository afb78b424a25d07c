"""The floor: the fastest plain numpy for each benchmarked formula, and a separate rank floor.

Each score floor takes what powerbalance's prebuilt ``Assessment`` holds: the raw score
matrix ``X`` (n options x m criteria, float64), a boolean ``is_risk`` per criterion and
the column extremes ``low`` and ``high`` (an ``Assessment`` finds them once, when it is
built). A method's floor also takes a weight vector ``w`` summing to 1 and returns the
scores powerbalance reports (higher is better), no ranking; :func:`rank` is the rank
floor, one ``argsort``. "evaluate + ranking" is compared with score floor + rank floor.
A weighting's floor returns the weight vector.

The passes are fused by algebra rather than by materialising the normalized matrix:
a min-max normalized column is ``a_j x + b_j``, so a weighted sum of normalized scores
is one matrix-vector product of the raw matrix and a constant; TOPSIS's squared
distances are ``|v|^2 - 2 v.t + |t|^2`` (one n x m temporary, three reductions); VIKOR
needs the weighted regrets once (their row maximum is not a product); CRITIC's
correlations are one product of the centred matrix with itself. No validation, names
or objects: the ratio powerbalance / floor is the price of those. The formulas follow
powerbalance's documentation (normalize.py, methods/, weighting/); the benchmark
checks that every floor's ranking (and weight vector) agrees with powerbalance's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntpArray = npt.NDArray[np.intp]


def rank(scores: FloatArray, lowest_first: bool = False) -> IntpArray:
    """The rank floor: option positions from best to worst, one unstable ``argsort``.

    Random continuous scores have no exact ties, so the order is the stable one.
    """
    order = np.argsort(scores)
    return order if lowest_first else order[::-1]


def _slope(is_risk: BoolArray, low: FloatArray, high: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Min-max towards the direction as ``r = X * a + b`` (per column a, b)."""
    a = np.where(is_risk, -1.0, 1.0) / (high - low)
    b = -np.where(is_risk, high, low) * a
    return a, b


# -- normalizations (direction-aware: higher is better afterwards), for SMAA ---------------


def minmax(X: FloatArray, is_risk: BoolArray) -> FloatArray:
    """(x - low) / (high - low) for a benefit, (high - x) / (high - low) for a risk."""
    a, b = _slope(is_risk, X.min(axis=0), X.max(axis=0))
    out = X * a
    out += b
    return out


def vector(X: FloatArray, is_risk: BoolArray) -> FloatArray:
    """x / ||x|| for a benefit, 1 - x / ||x|| for a risk."""
    ratio = X / np.sqrt(np.einsum("ij,ij->j", X, X))
    return np.where(is_risk, 1.0 - ratio, ratio)


# -- methods: scores only ----------------------------------------------------------------


def weighted_sum(
    X: FloatArray, is_risk: BoolArray, w: FloatArray, low: FloatArray, high: FloatArray
) -> FloatArray:
    """Min-max weighted sum: ``X @ (w a) + w.b``, one matrix-vector product."""
    a, b = _slope(is_risk, low, high)
    scores: FloatArray = X @ (w * a)
    scores += w @ b
    return scores


def weighted_product(
    X: FloatArray, is_risk: BoolArray, w: FloatArray, low: FloatArray, high: FloatArray
) -> FloatArray:
    """Linear normalization (x / max, min / x): ``exp(log(X) @ (±w) + const)``."""
    sign = np.where(is_risk, -1.0, 1.0)
    log_x = np.log(X)
    log_scores = log_x @ (sign * w)
    log_scores -= w @ (sign * np.log(np.where(is_risk, low, high)))
    return np.exp(log_scores, out=log_scores)


def topsis(
    X: FloatArray, is_risk: BoolArray, w: FloatArray, low: FloatArray, high: FloatArray
) -> FloatArray:
    """Vector-normalized TOPSIS, closeness to the ideal; one n x m temporary.

    ``v = X * c`` with ``c = w / ||x_j||`` (a risk's ``1 - x / ||x||`` has the same
    distances to its ideals); the ideals are ``c * high`` and ``c * low``, swapped for
    risks, so no pass over ``v`` is needed to find them.
    """
    c = w / np.sqrt(np.einsum("ij,ij->j", X, X))
    ideal = c * np.where(is_risk, low, high)
    anti = c * np.where(is_risk, high, low)
    return _closeness(X * c, ideal, anti)


def topsis_minmax(
    X: FloatArray, is_risk: BoolArray, w: FloatArray, low: FloatArray, high: FloatArray
) -> FloatArray:
    """Min-max TOPSIS: ``v = w r`` with ideal ``w`` and anti-ideal 0."""
    a, b = _slope(is_risk, low, high)
    v = X * (w * a)
    v += w * b
    return _closeness(v, w, np.zeros_like(w))


def _closeness(v: FloatArray, ideal: FloatArray, anti: FloatArray) -> FloatArray:
    norms = np.einsum("ij,ij->i", v, v)
    to_ideal = norms - 2.0 * (v @ ideal) + ideal @ ideal
    to_anti = norms - 2.0 * (v @ anti) + anti @ anti
    # Rounding can leave a squared distance of zero slightly negative.
    np.sqrt(np.maximum(to_ideal, 0.0, out=to_ideal), out=to_ideal)
    np.sqrt(np.maximum(to_anti, 0.0, out=to_anti), out=to_anti)
    to_ideal += to_anti
    return np.divide(to_anti, to_ideal, out=to_anti)


def vikor(
    X: FloatArray,
    is_risk: BoolArray,
    w: FloatArray,
    low: FloatArray,
    high: FloatArray,
    v: float = 0.5,
) -> FloatArray:
    """Merit 1 - Q from S = sum_j w_j d_ij and R = max_j w_j d_ij, d = 1 - min-max."""
    a, b = _slope(is_risk, low, high)
    regret = X * (-w * a)
    regret += w * (1.0 - b)
    S = regret @ np.ones(X.shape[1])
    R = regret.max(axis=1)
    s_low, r_low = S.min(), R.min()
    S -= s_low
    S *= v / (S.max())
    R -= r_low
    R *= (1.0 - v) / R.max()
    S += R
    return np.subtract(1.0, S, out=S)


def _directed_column(X: FloatArray, is_risk: BoolArray, j: int) -> FloatArray:
    """Column j as a contiguous copy, negated for a risk (higher is better).

    One column at a time: faster than transposing the whole matrix at 1,000,000 x 20
    (0.2 s against 0.6 s) and it holds one column, not a second matrix.
    """
    column = X[:, j].copy()
    if is_risk[j]:
        np.negative(column, out=column)
    return column


def promethee_usual(X: FloatArray, is_risk: BoolArray, w: FloatArray) -> FloatArray:
    """PROMETHEE II net flows, usual function, by sorting: O(n log n) per criterion.

    On a criterion, option a beats the options with a strictly lower (directed) score
    and is beaten by those with a strictly higher one; both counts come from binary
    searches of the sorted column in itself. Net flow = sum_j w_j (beats - beaten) / (n - 1).
    """
    n, m = X.shape
    net = np.zeros(n)
    for j in range(m):
        column = _directed_column(X, is_risk, j)
        order = np.argsort(column)
        s = column[order]
        difference = np.searchsorted(s, s, side="left") + np.searchsorted(s, s, side="right")
        difference -= n
        net[order] += w[j] * difference
    net /= n - 1
    return net


def promethee_vshape(X: FloatArray, is_risk: BoolArray, w: FloatArray, p: float) -> FloatArray:
    """PROMETHEE II net flows, V-shape P(d) = min(1, max(0, d / p)), by sorting.

    For option a with directed score x on a criterion, with the column sorted as s:
    sum_b P(x - s_b) = #{s_b < x - p} + sum over x - p <= s_b < x of (x - s_b) / p,
    and likewise the other way; counts by binary search, sums by prefix sums.
    """
    n, m = X.shape
    net = np.zeros(n)
    for j in range(m):
        column = _directed_column(X, is_risk, j)
        order = np.argsort(column)
        s = column[order]
        prefix = np.concatenate(([0.0], np.cumsum(s)))
        lo = np.searchsorted(s, s - p, side="left")
        mid = np.searchsorted(s, s, side="left")
        up = np.searchsorted(s, s, side="right")
        hi = np.searchsorted(s, s + p, side="right")
        plus = lo + ((mid - lo) * s - (prefix[mid] - prefix[lo])) / p
        minus = (n - hi) + ((prefix[hi] - prefix[up]) - (hi - up) * s) / p
        net[order] += w[j] * (plus - minus)
    net /= n - 1
    return net


# -- objective weights -------------------------------------------------------------------


def entropy_weights(
    X: FloatArray, is_risk: BoolArray, low: FloatArray, high: FloatArray
) -> FloatArray:
    """Entropy of the shares of the min-max normalized columns (0 ln 0 = 0).

    A share of a min-max column is ``(x - anchor) / (sum x - n anchor)`` (signs flipped
    for a risk), so the normalized matrix is never formed: one n x m array of shares.
    """
    n = X.shape[0]
    anchor = np.where(is_risk, high, low)
    shares = X - anchor
    shares /= X.sum(axis=0) - n * anchor
    logs = np.log(shares, where=shares > 0, out=np.zeros_like(shares))
    information = 1.0 + np.einsum("ij,ij->j", shares, logs) / np.log(n)
    return information / information.sum()


def critic_weights(
    X: FloatArray, is_risk: BoolArray, low: FloatArray, high: FloatArray
) -> FloatArray:
    """CRITIC on min-max columns, from one product of the centred raw matrix with itself.

    Min-max is affine per column: the normalized std is ``std(x) / (high - low)`` and
    the correlations are those of the raw columns, negated between a benefit and a risk.
    """
    centred = X - X.mean(axis=0)
    covariance = centred.T @ centred
    std = np.sqrt(np.diag(covariance))
    sign = np.where(is_risk, -1.0, 1.0)
    correlation = covariance / np.outer(std, std) * np.outer(sign, sign)
    information = std / (high - low) * (1.0 - correlation).sum(axis=0)
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
