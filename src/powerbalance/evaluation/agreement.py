r"""How far rankings agree, and how to merge them: rank correlations and consensus rules.

All functions take ranks where 1 is best (ties allowed) and return plain numbers or
arrays.

Examples
--------
>>> kendall_tau_b([1, 2, 3, 4], [1, 3, 2, 4])
0.666...
>>> consensus_ranks([[1, 1, 2], [2, 3, 1], [3, 2, 3]], rule="borda").tolist()
[1, 2, 3]
"""

from __future__ import annotations

from typing import Literal, TypeAlias, get_args

import numpy as np
import numpy.typing as npt

from powerbalance._validate import did_you_mean
from powerbalance.errors import InvalidParameterError, ShapeError
from powerbalance.methods.ranking import rank_scores

__all__ = [
    "CORRELATIONS",
    "RULES",
    "Correlation",
    "Rule",
    "consensus_ranks",
    "consensus_scores",
    "correlation",
    "kendall_tau_b",
    "spearman",
    "weighted_spearman",
    "ws_similarity",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
Correlation: TypeAlias = Literal["kendall", "spearman", "weighted-spearman", "ws"]
"""The name of a rank correlation measure, as :func:`correlation` takes it.

Examples
--------
>>> from typing import get_args
>>> get_args(Correlation)
('kendall', 'spearman', 'weighted-spearman', 'ws')
"""

Rule: TypeAlias = Literal["borda", "copeland"]
"""The name of a consensus rule, as :func:`consensus_ranks` takes it.

Examples
--------
>>> from typing import get_args
>>> get_args(Rule)
('borda', 'copeland')
"""

CORRELATIONS: tuple[Correlation, ...] = get_args(Correlation)
"""The rank correlation measures by name.

Examples
--------
>>> for kind in CORRELATIONS:
...     print(kind, correlation([[1, 1], [2, 3], [3, 2]], kind)[0, 1].round(3))
kendall 0.333
spearman 0.5
weighted-spearman 0.625
ws 0.688
"""

RULES: tuple[Rule, ...] = get_args(Rule)
"""The consensus rules by name.

Examples
--------
>>> ranks = [[1, 2, 2], [2, 1, 3], [3, 3, 1]]  # three options x three rankings
>>> {rule: consensus_ranks(ranks, rule).tolist() for rule in RULES}
{'borda': [1, 2, 3], 'copeland': [1, 2, 3]}
"""


def _pair(x: npt.ArrayLike, y: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    a = np.asarray(x, dtype=np.float64)
    b = np.asarray(y, dtype=np.float64)
    if a.ndim != 1 or a.shape != b.shape:
        raise ShapeError(
            f"Two rankings of the same options are needed; got shapes {a.shape} and {b.shape}."
        )
    return a, b


def _average_ranks(ranks: FloatArray) -> FloatArray:
    """Ties get the mean of the positions they occupy (1, 2, 2, 4 -> 1, 2.5, 2.5, 4)."""
    order = np.argsort(ranks, kind="stable")
    ordered = ranks[order]
    positions = np.arange(1, len(ranks) + 1, dtype=np.float64)
    _, start, counts = np.unique(ordered, return_index=True, return_counts=True)
    means = start + (counts + 1) / 2.0
    result = np.empty_like(positions)
    result[order] = np.repeat(means, counts)
    return result


def kendall_tau_b(x: npt.ArrayLike, y: npt.ArrayLike) -> float:
    r"""Kendall's :math:`\tau_b` between two rankings, corrected for ties.

    .. math:: \tau_b = \frac{C - D}{\sqrt{(C + D + T_x)(C + D + T_y)}}

    with *C* and *D* the concordant and discordant pairs and :math:`T_x, T_y` the pairs
    tied in only one ranking (Kendall 1945). Returns 1 when either ranking has every
    option tied with every other and the other agrees, and 0 when only one does.
    Computed over all pairs, so it takes O(n^2) time for n options.

    References
    ----------
    Kendall, M. G. (1945). The treatment of ties in ranking problems. Biometrika 33(3),
    239-251.

    Examples
    --------
    >>> kendall_tau_b([1, 2, 3], [3, 2, 1])
    -1.0
    """
    a, b = _pair(x, y)
    n = len(a)
    if n < 2:
        return 1.0
    concordant = discordant = tied_x = tied_y = 0
    # Row blocks keep memory at about 8 MB whatever n is.
    block = max(1, 1_000_000 // n)
    for start in range(0, n, block):
        da = np.sign(a[start : start + block, None] - a[None, :])
        db = np.sign(b[start : start + block, None] - b[None, :])
        product = da * db
        concordant += int((product > 0).sum())
        discordant += int((product < 0).sum())
        tied_x += int(((da == 0) & (db != 0)).sum())
        tied_y += int(((db == 0) & (da != 0)).sum())
    # Every unordered pair was seen twice.
    concordant //= 2
    discordant //= 2
    tied_x //= 2
    tied_y //= 2
    denominator = np.sqrt(
        float(concordant + discordant + tied_x) * float(concordant + discordant + tied_y)
    )
    if denominator == 0:
        return 1.0 if tied_x == tied_y == 0 else 0.0
    return float((concordant - discordant) / denominator)


def spearman(x: npt.ArrayLike, y: npt.ArrayLike) -> float:
    r"""Spearman's :math:`\rho`: the Pearson correlation of the (average-tied) ranks.

    Returns 1 if both rankings tie every option, 0 if only one does.

    References
    ----------
    Spearman, C. (1904). The proof and measurement of association between two things.
    American Journal of Psychology 15(1), 72-101.

    Examples
    --------
    >>> spearman([1, 2, 3, 4], [1, 2, 4, 3])
    0.8
    """
    a, b = _pair(x, y)
    ra, rb = _average_ranks(a) - (len(a) + 1) / 2, _average_ranks(b) - (len(b) + 1) / 2
    denominator = np.sqrt((ra @ ra) * (rb @ rb))
    if denominator == 0:
        return 1.0 if (ra @ ra) == (rb @ rb) == 0 else 0.0
    return float((ra @ rb) / denominator)


def weighted_spearman(x: npt.ArrayLike, y: npt.ArrayLike) -> float:
    r"""The weighted Spearman coefficient :math:`r_w`, which counts top disagreements more.

    .. math::

        r_w = 1 - \frac{6 \sum_i (x_i - y_i)^2 \left((N - x_i + 1) + (N - y_i + 1)\right)}
                       {N^4 + N^3 - N^2 - N}

    References
    ----------
    Pinto da Costa, J. and Soares, C. (2005). A weighted rank measure of correlation.
    Australian & New Zealand Journal of Statistics 47(4), 515-529.

    Examples
    --------
    >>> top_swapped = weighted_spearman([1, 2, 3, 4], [2, 1, 3, 4])
    >>> bottom_swapped = weighted_spearman([1, 2, 3, 4], [1, 2, 4, 3])
    >>> top_swapped < bottom_swapped
    True
    """
    a, b = _pair(x, y)
    n = float(len(a))
    if n < 2:
        return 1.0
    terms = (a - b) ** 2 * ((n - a + 1) + (n - b + 1))
    return float(1.0 - 6.0 * terms.sum() / (n**4 + n**3 - n**2 - n))


def ws_similarity(reference: npt.ArrayLike, other: npt.ArrayLike) -> float:
    r"""The WS rank similarity coefficient of ``other`` to ``reference``.

    .. math::

        WS = 1 - \sum_i 2^{-x_i} \frac{|x_i - y_i|}{\max(|x_i - 1|, |x_i - N|)}

    where *x* is the reference ranking. A disagreement about the top option costs more
    than one further down. Not symmetric: the reference matters.

    References
    ----------
    Sałabun, W. and Urbaniak, K. (2020). A new coefficient of rankings similarity in
    decision-making problems. In Computational Science - ICCS 2020, LNCS 12138,
    Springer, 632-645.

    Examples
    --------
    >>> ws_similarity([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
    1.0
    >>> round(ws_similarity([1, 2, 3, 4, 5], [2, 1, 3, 4, 5]), 4)
    0.7917
    """
    x, y = _pair(reference, other)
    n = len(x)
    if n < 2:
        return 1.0
    reach = np.maximum(np.abs(x - 1), np.abs(x - n))
    return float(1.0 - np.sum(2.0 ** (-x) * np.abs(x - y) / reach))


_MEASURES = {
    "kendall": kendall_tau_b,
    "spearman": spearman,
    "weighted-spearman": weighted_spearman,
    "ws": ws_similarity,
}


def correlation(ranks: npt.ArrayLike, kind: Correlation = "kendall") -> FloatArray:
    """All pairwise correlations between the columns of an options x rankings array.

    Entry (i, j) compares ranking j with ranking i; for ``"ws"`` ranking i is the
    reference.

    Examples
    --------
    >>> correlation([[1, 1], [2, 3], [3, 2]], "spearman")
    array([[1. , 0.5],
           [0.5, 1. ]])
    """
    measure = _MEASURES.get(kind)
    if measure is None:
        raise InvalidParameterError(
            f"kind must be one of {', '.join(map(repr, CORRELATIONS))}; got {kind!r}."
            + did_you_mean(str(kind), CORRELATIONS)
        )
    table = np.asarray(ranks, dtype=np.float64)
    k = table.shape[1]
    result = np.ones((k, k))
    for i in range(k):
        for j in range(k):
            if i != j:
                result[i, j] = measure(table[:, i], table[:, j])
    return result


def consensus_scores(ranks: npt.ArrayLike, rule: Rule = "borda") -> FloatArray:
    r"""Consensus points per option from several rankings (options x rankings), higher is better.

    ``"borda"``: each ranking gives an option :math:`n - r` points, with tied options
    sharing the points of the positions they occupy (Borda 1781). ``"copeland"``: for
    every pair of options, +1 to the one ranked higher by more rankings, -1 to the
    other, nothing on a tie (Copeland 1951).

    Examples
    --------
    >>> consensus_scores([[1, 2], [2, 1], [3, 3]], "copeland").tolist()
    [1.0, 1.0, -2.0]
    """
    if rule not in RULES:
        raise InvalidParameterError(
            f"rule must be one of {', '.join(map(repr, RULES))}; got {rule!r}."
            + did_you_mean(str(rule), RULES)
        )
    table = np.asarray(ranks, dtype=np.float64)
    if table.ndim != 2:
        raise ShapeError(f"ranks must be options x rankings; got shape {table.shape}.")
    n = table.shape[0]
    if rule == "borda":
        averaged = np.column_stack([_average_ranks(c) for c in table.T]) if n else table
        return np.asarray((n - averaged).sum(axis=1), dtype=np.float64)
    # Copeland: pairwise majorities, computed on all pairs at once.
    better = (table[:, None, :] < table[None, :, :]).sum(axis=2)
    worse = (table[:, None, :] > table[None, :, :]).sum(axis=2)
    return np.asarray(np.sign(better - worse).sum(axis=1), dtype=np.float64)


def consensus_ranks(ranks: npt.ArrayLike, rule: Rule = "borda") -> npt.NDArray[np.int64]:
    """Consensus ranks (1 is best, ties share the better rank) from several rankings.

    Examples
    --------
    >>> consensus_ranks([[1, 2], [2, 1], [3, 3]], "copeland").tolist()
    [1, 1, 3]
    """
    return rank_scores(consensus_scores(ranks, rule))
