"""Turning scores into ranks: 1 is best, and equal scores share the better rank."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["TIE_TOLERANCE", "rank_and_order", "rank_scores"]

TIE_TOLERANCE = 1e-12
"""Scores closer than this count as equal.

The tolerance is relative to the largest magnitude, and at least this in absolute terms,
so that rounding in floating-point arithmetic cannot split a genuine tie.

Examples
--------
>>> 0.1 + 0.2 == 0.3
False
>>> rank_scores([0.1 + 0.2, 0.3, 0.1]).tolist()
[1, 1, 3]
"""


def rank_scores(scores: npt.ArrayLike) -> npt.NDArray[np.int64]:
    """Rank scores, higher is better: 1 is best, ties share the better rank.

    This is "competition" ranking: scores (0.9, 0.7, 0.7, 0.5) get ranks
    (1, 2, 2, 4). Scores within :data:`TIE_TOLERANCE` of each other tie.

    Parameters
    ----------
    scores : array-like of shape (n,)
        Finite scores.

    Returns
    -------
    numpy.ndarray of int, shape (n,)

    Examples
    --------
    >>> rank_scores([0.5, 0.9, 0.7, 0.7])
    array([4, 1, 2, 2])
    """
    return rank_and_order(scores)[0]


def rank_and_order(
    scores: npt.ArrayLike,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.intp]]:
    """Ranks as :func:`rank_scores`, and the positions from best to worst.

    Tied options keep their original order among themselves, so that a ranking
    table lists ties as the assessment does.

    Examples
    --------
    >>> ranks, order = rank_and_order([0.5, 0.7, 0.9, 0.7])
    >>> ranks.tolist(), order.tolist()
    ([4, 2, 1, 2], [2, 1, 3, 0])
    """
    values = np.asarray(scores, dtype=np.float64)
    n = values.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.intp)
    # Any sort will do: equal scores fall in one tie group, and every group with more
    # than one member is put in option order below.
    order = np.argsort(-values)
    ordered = values[order]
    tolerance = TIE_TOLERANCE * max(1.0, abs(float(ordered[0])), abs(float(ordered[-1])))
    gaps = ordered[:-1] - ordered[1:]
    ranks = np.empty(n, dtype=np.int64)
    # Most scores have no ties: one reduction says so without building the groups.
    if n == 1 or float(gaps.min()) > tolerance:
        ranks[order] = np.arange(1, n + 1)
        return ranks, order
    starts_group = np.empty(n, dtype=bool)
    starts_group[0] = True
    np.greater(gaps, tolerance, out=starts_group[1:])
    # Each position takes the rank of the first position of its tie group: the
    # running maximum of the group starts' ranks, in whole-array passes.
    rank_of_position = np.arange(1, n + 1, dtype=np.int64)
    rank_of_position *= starts_group
    np.maximum.accumulate(rank_of_position, out=rank_of_position)
    ranks[order] = rank_of_position
    # Within a tie group the sort went by value; put each group of two or more in
    # option order. Only the tied positions (neither alone at the start of their
    # group nor followed by a new one) are sorted again.
    alone = starts_group.copy()
    alone[:-1] &= starts_group[1:]
    tied = np.flatnonzero(~alone)
    members = order[tied]
    # One sort of (group, option) packed into one integer: groups stay in place and
    # their members come out in option order.
    key = rank_of_position[tied] * n + members
    key.sort()
    order[tied] = key % n
    return ranks, order
