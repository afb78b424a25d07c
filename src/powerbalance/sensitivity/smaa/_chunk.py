"""One chunk of a SMAA run: draw its weight vectors, score them, count the ranks.

:func:`chunk_counts` is a pure function of its arguments, so a chunk gives the same
counts in this process, on a thread of the pool or on a dask worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from powerbalance.methods.ranking import TIE_TOLERANCE
from powerbalance.sensitivity.smaa._scores import FixedScores, UncertainScores
from powerbalance.sensitivity.smaa._streams import BLOCK, block_generator

__all__ = ["ChunkResult", "chunk_counts"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]

ChunkResult: TypeAlias = tuple[IntArray, IntArray, list[FloatArray]]
"""A chunk's rank counts (option x rank), win counts and per-block first-rank weight sums."""

# Scores ranked together at most (rows x options): 2 MiB of floats, within the cache.
_RANKED_TOGETHER = 1 << 18
# From this many options on, rows count as long (see _order_and_wins).
_LONG_ROWS = 500


def chunk_counts(
    scorer: FixedScores | UncertainScores,
    draw: Callable[[np.random.Generator, int], FloatArray],
    seed: int,
    sizes: Sequence[int],
    blocks: range,
    n: int,
    method: object,
    pairwise: bool = True,
) -> ChunkResult:
    """Rank counts, win counts and per-block first-rank weight sums of one chunk.

    Parameters
    ----------
    scorer, draw
        How to score a batch of weight vectors, and how to draw them.
    seed : int
        The run's seed; block *b* draws from its own streams of it.
    sizes : list of int
        The weight vectors in each block of the run.
    blocks : range
        The blocks of this chunk.
    n : int
        The number of options.
    method : Method
        The method, for messages.
    pairwise : bool, default True
        Whether to count pairwise wins.
    """
    drawn = [draw(block_generator(seed, b, 0), sizes[b]) for b in blocks]
    all_weights = np.vstack(drawn)
    scores = scorer.score(all_weights, seed, blocks, sizes)
    m = all_weights.shape[1]
    rank_counts = np.zeros(n * n, dtype=np.int64)
    win_counts = np.zeros((n, n), dtype=np.int64)
    block_sums: list[FloatArray] = []
    # Rank whole blocks together, as many as keep the working arrays in the processor's
    # cache: one block at a time at a thousand options, all of them at ten, where the
    # calls between numpy's loops would otherwise cost more than the loops.
    together = max(1, _RANKED_TOGETHER // (BLOCK * n))
    first = 0
    for start in range(0, len(blocks), together):
        group = blocks[start : start + together]
        group_sizes = [sizes[b] for b in group]
        rows = sum(group_sizes)
        weights = all_weights[first : first + rows]
        order, wins = _order_and_wins(
            scores[first : first + rows], _tie_keys(seed, group, group_sizes, n), pairwise, method
        )
        first += rows
        win_counts += wins
        # Option order[s, r] takes rank r + 1: count (option, rank) pairs in one pass.
        flat = order * n + np.arange(n)[None, :]
        rank_counts += np.bincount(flat.ravel(), minlength=n * n)
        # The weights under which each option is first, summed block by block: bincount
        # adds in sample order within each (block, option) cell, so each block's sums
        # are the same floats however blocks are grouped.
        cell = np.repeat(np.arange(len(group)), group_sizes) * n + order[:, 0]
        sums = np.empty((len(group) * n, m), dtype=np.float64)
        for j in range(m):
            sums[:, j] = np.bincount(cell, weights=weights[:, j], minlength=len(group) * n)
        block_sums.extend(sums.reshape(len(group), n, m))
    return rank_counts.reshape(n, n), win_counts, block_sums


def _order_and_wins(
    scores: FloatArray,
    tie_keys: Callable[[npt.NDArray[np.intp]], FloatArray],
    pairwise: bool = True,
    method: object = None,
) -> tuple[npt.NDArray[np.intp], IntArray]:
    """Each row's options best first, ties broken by ``tie_keys``; and strict wins.

    ``tie_keys(rows)`` gives the random keys of the options in the given rows.

    Counting ranks from the order itself (option ``order[s, r]`` takes rank r + 1)
    spares building a ranks array, which at a thousand options costs as much again as
    the sort.
    """
    count, n = scores.shape
    # Not a stable sort: it costs three times as much, and the order it would keep
    # among equal scores is replaced below by the random order of the tie-breaking keys.
    order = np.argsort(-scores, axis=1)
    # The sorted scores. Gathering through flat positions is twice as fast as
    # take_along_axis on long rows, and several times slower on short ones.
    if n >= _LONG_ROWS:
        ordered = scores.ravel()[order + (np.arange(count) * n)[:, None]]
    else:
        ordered = np.take_along_axis(scores, order, axis=1)
    # The scorer has already refused scores that are not finite (methods.scored).
    # The rows are sorted, so the largest magnitude is at one end or the other.
    largest = np.maximum(np.abs(ordered[:, 0]), np.abs(ordered[:, -1]))
    tolerance = TIE_TOLERANCE * np.maximum(1.0, largest)[:, None]
    gaps = ordered[:, :-1] - ordered[:, 1:]
    # Only rows whose smallest gap is within the tolerance have ties to break.
    rows = np.flatnonzero(gaps.min(axis=1, initial=np.inf) <= tolerance[:, 0])
    if len(rows):
        keys = tie_keys(rows)
        starts = np.ones((len(rows), n), dtype=bool)
        starts[:, 1:] = gaps[rows] > tolerance[rows]
        group = np.cumsum(starts, axis=1) - 1
        # Within a tie group, sort by the random keys: each order equally likely.
        composite = group + np.take_along_axis(keys, order[rows], axis=1)
        reorder = np.argsort(composite, axis=1, kind="stable")
        order[rows] = np.take_along_axis(order[rows], reorder, axis=1)
    wins = np.zeros((n, n), dtype=np.int64)
    for i in range(n if pairwise else 0):
        wins[i] = ((scores[:, i : i + 1] - scores) > tolerance).sum(axis=0)
    return order, wins


def _tie_keys(
    seed: int, blocks: range, block_sizes: Sequence[int], n: int
) -> Callable[[npt.NDArray[np.intp]], FloatArray]:
    """The random tie-breaking keys of given rows of consecutive blocks.

    Each block's keys come whole from its own stream, so a row's keys do not depend
    on which other blocks are ranked with it.
    """
    starts = np.concatenate([[0], np.cumsum(block_sizes)])

    def keys(rows: npt.NDArray[np.intp]) -> FloatArray:
        out = np.empty((len(rows), n), dtype=np.float64)
        where = np.searchsorted(starts, rows, side="right") - 1
        for k in np.unique(where):
            block_keys = block_generator(seed, blocks[k], 1).random((block_sizes[k], n))
            mine = where == k
            out[mine] = block_keys[rows[mine] - starts[k]]
        return out

    return keys
