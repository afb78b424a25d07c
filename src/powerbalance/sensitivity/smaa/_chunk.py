"""One chunk of a SMAA run: draw its weight vectors, score them, count the ranks.

:func:`chunk_counts` is a pure function of its arguments, so a chunk gives the same
counts in this process, on a thread of the pool or on a dask worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeAlias

import numpy as np
import numpy.typing as npt

from powerbalance.sensitivity.smaa._order import Exact, exact_order, key_order
from powerbalance.sensitivity.smaa._scores import ScenarioScores, Scorer
from powerbalance.sensitivity.smaa._streams import BLOCK, PROBABILITY_STREAM, block_generator
from powerbalance.sensitivity.smaa._weights import UniformDraw
from powerbalance.sensitivity.smaa._wins import (
    Scratch,
    borrow_scratch,
    give_back_scratch,
    position_dtype,
    positions,
    win_counts,
)

__all__ = ["ChunkResult", "chunk_counts"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]

ChunkResult: TypeAlias = tuple[IntArray, IntArray, list[FloatArray]]
"""A chunk's rank counts (option x rank), win counts and per-block first-rank weight sums
(and probability sums, with scenarios' probabilities drawn)."""

# Scores ranked together at most (rows x options): 2 MiB of floats, within the cache.
_RANKED_TOGETHER = 1 << 18
# Rows ranked together at least, per option: counting a group's (option, rank) cells
# costs the options squared besides the cells themselves.
_ROWS_PER_OPTION = 4
# Score differences compared at once in rows whose ties chain (see _wins): 8 MiB.
_PAIRS = 1 << 20


def chunk_counts(
    scorer: Scorer,
    draw: Callable[[np.random.Generator, int], FloatArray],
    seed: int,
    sizes: Sequence[int],
    blocks: range,
    n: int,
    method: object,
    pairwise: bool = True,
    chance: Callable[[np.random.Generator, int], FloatArray] | None = None,
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
    chance : callable, optional
        How to draw probability vectors over the scenarios, from each block's stream
        :data:`PROBABILITY_STREAM`: each row of the chunk is then a weight vector
        followed by a probability vector, scored, summed and counted as one.
    """
    rank_counts = np.zeros(n * n, dtype=np.int64)
    win_counts = np.zeros((n, n), dtype=np.int64)
    block_sums: list[FloatArray] = []
    # Draw, score and rank whole blocks together, as many as keep the working arrays
    # in the processor's cache: one block at a time at a few hundred options, all of
    # them at ten, where the calls between numpy's loops would otherwise cost more
    # than the loops; but at a thousand options enough rows that counting cells costs
    # less than the cells.
    # Across futures a row holds a score per option and scenario until the rule is applied.
    width = n * (len(scorer.futures) if isinstance(scorer, ScenarioScores) else 1)
    together = max(1, _RANKED_TOGETHER // (BLOCK * width), -(-_ROWS_PER_OPTION * n // BLOCK))
    # The ascending sort puts the option of rank n - p at position p.
    rank_of_position = np.arange(n - 1, -1, -1)
    scratch = borrow_scratch()
    # Rows are sorted by integer keys unless most rows of the last group had to be
    # sorted again exactly (scores that tie often): then they are sorted exactly at once.
    by_keys = True
    try:
        for start in range(0, len(blocks), together):
            group = blocks[start : start + together]
            group_sizes = [sizes[b] for b in group]
            weights = _drawn(draw, seed, group, group_sizes, scratch)
            if chance is not None:
                weights = _joined(weights, chance, seed, group, group_sizes)
            m = weights.shape[1]
            scores = scorer.score(weights, seed, group, sizes)
            tie_keys = _tie_keys(seed, group, group_sizes, n)
            ranked = _ranked(scores, tie_keys, pairwise, scratch, by_keys)
            if ranked is None:
                raise scorer.refusal(weights)
            order = ranked.order
            by_keys = 2 * ranked.close <= len(order)
            if ranked.wins is not None:
                win_counts += ranked.wins
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
            order += scratch.repeated("ranks", rank_of_position, len(order))
            rank_counts += np.bincount(order.ravel(), minlength=n * n)
            # Let the scores go before the next group's are made, so that the allocator
            # can hand the same memory back rather than fresh pages to fault in.
            del scores
    finally:
        give_back_scratch(scratch)
    return rank_counts.reshape(n, n), win_counts, block_sums


def _drawn(
    draw: Callable[[np.random.Generator, int], FloatArray],
    seed: int,
    group: range,
    group_sizes: Sequence[int],
    scratch: Scratch,
) -> FloatArray:
    """The weight vectors of a group of blocks, each block from its own stream.

    Uniform weights are drawn straight into memory kept from the last group, and
    divided by their sums all at once: at ten options the calls per block would
    otherwise cost as much as the draws.
    """
    if isinstance(draw, UniformDraw):
        weights = scratch.take("weights", (sum(group_sizes), draw.n_criteria), np.float64)
        start = 0
        for block, size in zip(group, group_sizes, strict=True):
            draw.fill(block_generator(seed, block, 0), weights[start : start + size])
            start += size
        return draw.normalize(weights)
    drawn = [
        draw(block_generator(seed, b, 0), size) for b, size in zip(group, group_sizes, strict=True)
    ]
    if len(drawn) == 1:
        return drawn[0]
    weights = scratch.take("weights", (sum(group_sizes), drawn[0].shape[1]), np.float64)
    return np.concatenate(drawn, out=weights)


def _joined(
    weights: FloatArray,
    chance: Callable[[np.random.Generator, int], FloatArray],
    seed: int,
    group: range,
    group_sizes: Sequence[int],
) -> FloatArray:
    """Each weight vector followed by its probability vector, drawn block by block."""
    probabilities = [
        chance(block_generator(seed, b, PROBABILITY_STREAM), size)
        for b, size in zip(group, group_sizes, strict=True)
    ]
    return np.concatenate([weights, np.concatenate(probabilities)], axis=1)


class _Ranked(NamedTuple):
    """A group's rankings: options worst first, wins, and how many rows were close."""

    order: IntArray
    wins: IntArray | None
    # Rows sorted again exactly when sorted by keys; rows with ties when sorted exactly.
    close: int


def _ranked(
    scores: FloatArray,
    tie_keys: Callable[[npt.NDArray[np.intp]], FloatArray],
    pairwise: bool,
    scratch: Scratch,
    by_keys: bool = True,
) -> _Ranked | None:
    """Each row's options worst first, ties broken by ``tie_keys``; and strict wins.

    ``tie_keys(rows)`` gives the random keys of the options in the given rows. Rows
    are sorted by integer keys (:func:`key_order`) and those in doubt again exactly,
    or all exactly when ``by_keys`` is False: the order is the same either way.
    None when a score is not finite.

    Counting ranks from the order itself (option ``order[s, p]`` takes rank n - p)
    spares building a ranks array, which at a thousand options costs as much again as
    the sort.
    """
    count, n = scores.shape
    if by_keys:
        keyed = key_order(scores, scratch)
        if keyed is None:
            return None
        order, exactly = keyed
    else:
        order = scratch.take("keys", (count, n), np.int64)
        exactly = np.arange(count)
    tied: _Tied | None = None
    if len(exactly):
        exact = exact_order(scores, exactly)
        if not np.isfinite(exact.tolerance).all():
            return None
        order[exactly] = exact.order
        tied = _break_ties(exact, tie_keys, order)
    wins = _wins(scores, order, tied, scratch) if pairwise else None
    close = len(exactly) if by_keys else 0 if tied is None else len(tied.rows)
    return _Ranked(order, wins, close)


def _break_ties(
    exact: Exact, tie_keys: Callable[[npt.NDArray[np.intp]], FloatArray], order: IntArray
) -> _Tied | None:
    """Reorder the options within each tie group of rows sorted exactly, at random.

    Each order among tied options is equally likely: within a group of scores no
    farther apart than the tolerance step by step, the options are sorted by their
    random keys. Sets the rows of ``order``; returns the rows with ties, or None.
    """
    n = order.shape[1]
    has_ties = exact.gaps.min(axis=1, initial=np.inf) <= exact.tolerance
    rows = exact.rows[has_ties]
    if not len(rows):
        return None
    best_first = exact.order[has_ties, ::-1]
    starts = np.ones((len(rows), n), dtype=bool)
    tolerance = exact.tolerance[has_ties]
    starts[:, 1:] = exact.gaps[has_ties, ::-1] > tolerance[:, None]
    group = np.cumsum(starts, axis=1) - 1
    composite = group + np.take_along_axis(tie_keys(rows), best_first, axis=1)
    reorder = np.argsort(composite, axis=1, kind="stable")
    best_first = np.take_along_axis(best_first, reorder, axis=1)
    order[rows] = best_first[:, ::-1]
    return _Tied(rows, best_first, group, starts, exact.ordered[has_ties, ::-1], tolerance)


class _Tied(NamedTuple):
    """The rows of a group with tied options: their order best first and tie groups."""

    rows: npt.NDArray[np.intp]
    best_first: npt.NDArray[np.intp]
    group: IntArray
    starts: npt.NDArray[np.bool_]
    ordered: FloatArray
    tolerance: FloatArray


def _wins(scores: FloatArray, order: IntArray, tied: _Tied | None, scratch: Scratch) -> IntArray:
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
    wins = win_counts(positions(plain, scratch), distinct=True, scratch=scratch)
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
