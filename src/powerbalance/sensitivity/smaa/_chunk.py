"""One chunk of a SMAA run: draw its weight vectors, score them, count the ranks.

:func:`chunk_counts` is a pure function of its arguments, so a chunk gives the same
counts in this process, on a thread of the pool or on a dask worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeAlias

import numpy as np
import numpy.typing as npt

from powerbalance.methods.ranking import TIE_TOLERANCE
from powerbalance.sensitivity.smaa._scores import FixedScores, UncertainScores
from powerbalance.sensitivity.smaa._streams import BLOCK, block_generator
from powerbalance.sensitivity.smaa._wins import (
    Scratch,
    position_dtype,
    release_scratch,
    thread_scratch,
    win_counts,
)

__all__ = ["ChunkResult", "chunk_counts"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]

ChunkResult: TypeAlias = tuple[IntArray, IntArray, list[FloatArray]]
"""A chunk's rank counts (option x rank), win counts and per-block first-rank weight sums."""

# Scores ranked together at most (rows x options): 2 MiB of floats, within the cache.
_RANKED_TOGETHER = 1 << 18
# Rows ranked together at least, per option: counting a group's (option, rank) cells
# costs the options squared besides the cells themselves.
_ROWS_PER_OPTION = 4
# Rows of at most this many values are reduced a column at a time (see _row_minima).
_SHORT_ROWS = 24
# Score differences compared at once in rows whose ties chain (see _wins): 8 MiB.
_PAIRS = 1 << 20


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
    rank_counts = np.zeros(n * n, dtype=np.int64)
    win_counts = np.zeros((n, n), dtype=np.int64)
    block_sums: list[FloatArray] = []
    # Draw, score and rank whole blocks together, as many as keep the working arrays
    # in the processor's cache: one block at a time at a few hundred options, all of
    # them at ten, where the calls between numpy's loops would otherwise cost more
    # than the loops; but at a thousand options enough rows that counting cells costs
    # less than the cells.
    together = max(1, _RANKED_TOGETHER // (BLOCK * n), -(-_ROWS_PER_OPTION * n // BLOCK))
    # The ascending sort puts the option of rank n - p at position p.
    rank_of_position = np.arange(n - 1, -1, -1)
    scratch = thread_scratch()
    try:
        for start in range(0, len(blocks), together):
            group = blocks[start : start + together]
            group_sizes = [sizes[b] for b in group]
            drawn = [draw(block_generator(seed, b, 0), sizes[b]) for b in group]
            m = drawn[0].shape[1]
            if len(drawn) == 1:
                weights = drawn[0]
            else:
                weights = scratch.take("weights", (sum(group_sizes), m), np.float64)
                np.concatenate(drawn, out=weights)
            scores = scorer.score(weights, seed, group, sizes)
            ranked = _ranked(scores, _tie_keys(seed, group, group_sizes, n), pairwise, scratch)
            if ranked is None:
                raise scorer.refusal(weights)
            order, wins = ranked
            if wins is not None:
                win_counts += wins
            # The weights under which each option is first, summed block by block: bincount
            # adds in sample order within each (block, option) cell, so each block's sums
            # are the same floats however blocks are grouped.
            cell = np.repeat(np.arange(len(group)), group_sizes) * n + order[:, -1]
            sums = np.empty((len(group) * n, m), dtype=np.float64)
            for j in range(m):
                sums[:, j] = np.bincount(cell, weights=weights[:, j], minlength=len(group) * n)
            block_sums.extend(sums.reshape(len(group), n, m))
            # Option order[s, p] takes rank n - p: count (option, rank) cells in one pass,
            # the cells computed in place of the order.
            order *= n
            order += rank_of_position
            rank_counts += np.bincount(order.ravel(), minlength=n * n)
    finally:
        release_scratch()
    return rank_counts.reshape(n, n), win_counts, block_sums


def _ranked(
    scores: FloatArray,
    tie_keys: Callable[[npt.NDArray[np.intp]], FloatArray],
    pairwise: bool,
    scratch: Scratch,
) -> tuple[npt.NDArray[np.intp], IntArray | None] | None:
    """Each row's options worst first, ties broken by ``tie_keys``; and strict wins.

    ``tie_keys(rows)`` gives the random keys of the options in the given rows.
    None when a score is not finite.

    Counting ranks from the order itself (option ``order[s, p]`` takes rank n - p)
    spares building a ranks array, which at a thousand options costs as much again as
    the sort.
    """
    count, n = scores.shape
    # Not a stable sort: it costs three times as much, and the order it would keep
    # among equal scores is replaced below by the random order of the tie-breaking keys.
    order = np.argsort(scores, axis=1)
    # The sorted scores, gathered through flat positions into memory kept from the
    # last group: np.take without bounds checks is two to three times as fast as
    # take_along_axis, and faster than sorting the scores again.
    # The flat positions are made in place of the order and undone after: fresh
    # memory costs a page fault per page, more than the two passes.
    ordered = scratch.take("ordered", (count, n), np.float64)
    offsets = (np.arange(count) * n)[:, None]
    order += offsets
    np.take(scores, order, out=ordered, mode="clip")
    order -= offsets
    # The rows are sorted, with NaN last: the largest magnitude, or a score that is not
    # a finite number, is at one end or the other. Checked here, the scores cost no
    # pass of their own.
    largest = np.maximum(np.abs(ordered[:, 0]), np.abs(ordered[:, -1]))
    if not np.isfinite(largest).all():
        return None
    tolerance = TIE_TOLERANCE * np.maximum(1.0, largest)
    gaps = np.subtract(
        ordered[:, 1:], ordered[:, :-1], out=scratch.take("gaps", (count, n - 1), np.float64)
    )
    # Only rows whose smallest gap is within the tolerance have ties to break.
    rows = np.flatnonzero(_row_minima(gaps, scratch) <= tolerance)
    tied: _Tied | None = None
    if len(rows):
        best_first = order[rows, ::-1]
        starts = np.ones((len(rows), n), dtype=bool)
        starts[:, 1:] = gaps[rows, ::-1] > tolerance[rows, None]
        group = np.cumsum(starts, axis=1) - 1
        # Within a tie group, sort by the random keys: each order equally likely.
        composite = group + np.take_along_axis(tie_keys(rows), best_first, axis=1)
        reorder = np.argsort(composite, axis=1, kind="stable")
        best_first = np.take_along_axis(best_first, reorder, axis=1)
        order[rows] = best_first[:, ::-1]
        if pairwise:
            tied = _Tied(rows, best_first, group, starts, ordered[rows, ::-1], tolerance[rows])
    if not pairwise:
        return order, None
    return order, _wins(scores, order, tied, scratch)


def _row_minima(values: FloatArray, scratch: Scratch) -> FloatArray:
    """The smallest value of each row (infinity for an empty row).

    numpy reduces along short rows one row per inner loop; on rows of a few dozen
    values, a column at a time down all the rows is several times faster.
    """
    count, width = values.shape
    if width == 0 or width > _SHORT_ROWS:
        return np.asarray(values.min(axis=1, initial=np.inf), dtype=np.float64)
    smallest = scratch.take("smallest", (count,), np.float64)
    smallest[:] = values[:, 0]
    for column in range(1, width):
        np.minimum(smallest, values[:, column], out=smallest)
    return smallest


class _Tied(NamedTuple):
    """The rows of a group with tied options: their order best first and tie groups."""

    rows: npt.NDArray[np.intp]
    best_first: npt.NDArray[np.intp]
    group: IntArray
    starts: npt.NDArray[np.bool_]
    ordered: FloatArray
    tolerance: FloatArray


def _wins(
    scores: FloatArray, order: npt.NDArray[np.intp], tied: _Tied | None, scratch: Scratch
) -> IntArray:
    """How often each option scores higher than each other by more than the tolerance.

    In a row without ties every gap between neighbouring sorted scores exceeds the
    tolerance, and so does every difference of a better and a worse score (float
    subtraction is monotonic): the order alone says who wins. In a row with ties,
    options of one tie group win nothing from each other, and a better group wins
    from a worse one, unless a group chains scores more than the tolerance apart
    through smaller steps; such rows (rare) compare their scores themselves.
    """
    n = order.shape[1]
    dtype = position_dtype(n)
    plain = order if tied is None else np.delete(order, tied.rows, axis=0)
    # Option plain[s, p] is at position p of ranking s, stored options by rankings:
    # flat cell plain[s, p] * rankings + s, its value p repeated along each row.
    rankings = len(plain)
    cells = scratch.take("cells", plain.shape, np.intp)
    np.multiply(plain, rankings, out=cells)
    np.add(cells, np.arange(rankings)[:, None], out=cells)
    positions = scratch.take("positions", (n, rankings), dtype)
    np.put(positions, cells, np.arange(n, dtype=dtype), mode="clip")
    wins = win_counts(positions, distinct=True, scratch=scratch)
    if tied is None:
        return wins
    # The first score of each option's tie group, and whether some option of the row
    # lies more than the tolerance below it.
    index = np.where(tied.starts, np.arange(n), 0)
    heads = np.take_along_axis(tied.ordered, np.maximum.accumulate(index, axis=1), axis=1)
    chained = ((heads - tied.ordered) > tied.tolerance[:, None]).any(axis=1)
    # Higher better: the best group gets the highest value, tied options the same one.
    values = np.empty((n, len(tied.rows)), dtype=dtype)
    values[tied.best_first.T, np.arange(len(tied.rows))] = (n - 1 - tied.group).T
    values[:, chained] = 0
    wins += win_counts(values, distinct=False, scratch=scratch)
    chains = tied.rows[chained]
    batch = max(1, _PAIRS // (n * n))
    for start in range(0, len(chains), batch):
        part = scores[chains[start : start + batch]]
        bound = tied.tolerance[chained][start : start + batch, None, None]
        wins += ((part[:, :, None] - part[:, None, :]) > bound).sum(axis=0)
    return wins


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
