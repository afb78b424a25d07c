"""Running SMAA: drawing, scoring and counting in chunks, here or on a dask cluster."""

from __future__ import annotations

import collections
import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from powerbalance.errors import (
    InvalidParameterError,
)
from powerbalance.methods import MethodLike, resolve_method
from powerbalance.model import Assessment
from powerbalance.methods.ranking import TIE_TOLERANCE
from powerbalance.evaluation.report import describe
from powerbalance.sensitivity.smaa._result import PAIRWISE_LIMIT, SMAAResult
from powerbalance.sensitivity.smaa._scores import FixedScores, UncertainScores, check_finite, scorer_for
from powerbalance.sensitivity.smaa._streams import BLOCK, _block_generator, _blocks, _check_count, _check_seed
from powerbalance.sensitivity.smaa._weights import UniformWeights, WeightInformation

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

__all__ = ["smaa"]

# Scores of one chunk held at most (chunk rows x options): 32 MiB of floats per thread.
_CHUNK_SCORES = 1 << 22
# Scores ranked together at most (rows x options): 2 MiB of floats, within the cache.
_RANKED_TOGETHER = 1 << 18
# From this many options on, rows count as long (see _order_and_wins).
_LONG_ROWS = 500
# Below this many scores in all (samples x options), a run uses one thread by default.
_SMALL_RUN = 1 << 20


def _order_and_wins(
    scores: FloatArray,
    tie_keys: Callable[[npt.NDArray[np.intp]], FloatArray],
    pairwise: bool = True,
    method: str = "",
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
    # Infinities sort to the ends and NaN last: the ends tell whether all are finite.
    check_finite(np.stack([ordered[:, 0], ordered[:, -1]], axis=1), method)
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


def smaa(
    assessment: Assessment,
    *,
    method: MethodLike = "weighted-sum",
    weight_information: WeightInformation | None = None,
    samples: int = 10_000,
    seed: int | None = None,
    chunk_size: int = 100_000,
    backend: str = "numpy",
    client: Any = None,
    progress: Callable[[int, int], None] | None = None,
    pairwise: bool | None = None,
    threads: int | None = None,
) -> SMAAResult:
    r"""SMAA-2 with uncertain weights and scores: rank acceptabilities, central weights and more.

    Weight vectors are drawn from ``weight_information``; every option is scored under each with
    ``method`` (prepared once), and ranked, 1 best.

    **Uncertain scores.** When the assessment gives cells a distribution
    (:attr:`~powerbalance.Assessment.uncertainty`), each weight vector comes with its
    own draw of those cells, the other scores as given; the method is prepared on
    each draw (for a local scale the range moves with the draws), so a run costs
    about one preparation per weight vector. The confidence factor of an option is
    then the share of as many further score draws under which it ranks first with
    its central weights. Draws for block *b* come from ``spawn_key=(b, 2)`` (and
    ``(b, 3)`` for the confidence factors), so they too are reproducible whatever the
    chunk size or backend.

    **Ties.** Options whose scores differ by no more than the tie tolerance of
    :mod:`powerbalance.methods.ranking` tie. Tied options share the ranks they occupy at
    random, every order among them equally likely (the random numbers come from the
    seed, so this too is reproducible): each weight vector then gives each rank to
    exactly one option, the counts stay whole numbers, and every row and column of
    :attr:`SMAAResult.acceptability` sums to 1. The central weights follow the option
    placed first. A pairwise win needs a score higher by more than the tolerance, so a
    tie is a win for neither. With weights drawn from a continuous distribution, ties
    arise only between options that score alike, or differ only on criteria whose
    weight is always 0.

    **Reproducibility.** Weight vectors are drawn in blocks of :data:`BLOCK` (1,024),
    block *b* from ``numpy.random.default_rng(SeedSequence(seed, spawn_key=(b, 0)))``
    (tie-breaking numbers from ``spawn_key=(b, 1)``). Work proceeds in chunks of
    whole blocks, and the sums behind the central weights are accumulated block by
    block in block order, so the same seed gives bit for bit the same result whatever
    ``chunk_size`` is (for methods that score each weight vector on its own, as every
    built-in one does). ``seed=None`` draws a fresh seed and records it in the result.

    **Memory.** Each thread holds one chunk of weight vectors (``chunk_size`` x
    criteria) and their scores (``chunk_size`` x options, cut to at most 4,194,304
    scores, 32 MiB, however many options there are); with uncertain scores, also
    one block's draws of the uncertain cells (:data:`BLOCK` x cells) and one score
    matrix per thread.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores.
    method : Method or str, default "weighted-sum"
        The aggregation method, an object or a registered name.
    weight_information : WeightInformation, optional
        What is known about the weights; default :class:`UniformWeights` (nothing).
    samples : int, default 10_000
        How many weight vectors to draw. The standard error of an acceptability *b* is
        :math:`\sqrt{b(1-b)/N}`, at most 0.5% at 10,000.
    seed : int, optional
        Seed of the random numbers (a whole number of at least 0); None for a fresh one.
    backend : {"numpy", "dask"}, default "numpy"
        Where the chunks run: in this process, or spread over a dask cluster (extra
        ``dask``), with bit for bit the same result.
    client : distributed.Client, optional
        The dask client for ``backend="dask"``; by default the current one.
    progress : callable, optional
        Called as ``progress(done, samples)`` after each chunk is counted, e.g. to
        draw a progress bar.
    threads : int, optional
        How many chunks the numpy backend scores at once, on a thread pool (numpy's
        sorts and matrix products release the interpreter lock); by default one per
        processor core. Chunks are made small enough to keep every thread busy. While
        the pool runs, the BLAS library's own threads are limited to one (through
        ``threadpoolctl``, for the whole process), since the pool already occupies
        the cores. The result does not depend on it.
    pairwise : bool, optional
        Whether to count pairwise wins (:attr:`SMAAResult.winning`), which costs the
        number of options squared per weighting. By default only up to
        :data:`PAIRWISE_LIMIT` options.
    chunk_size : int, default 100_000
        How many weight vectors to process at once, rounded up to whole blocks. It
        changes the memory used, never the result.

    Returns
    -------
    SMAAResult

    Raises
    ------
    InvalidParameterError
        ``samples``, ``chunk_size`` or ``seed`` is not a valid whole number, ``weight_information``
        is not weight information, ``method`` is not a method, or the method gives a
        score that is not finite.
    UnknownNameError, WeightError
        The weight information names criteria the assessment does not have, leaves out
        ones it must give, or allows no weights at all.

    References
    ----------
    Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria
    acceptability analysis for group decision making. Operations Research 49(3),
    444-454.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"],
    ...     [pb.Criterion("X", area="P", kind="benefit", scale=(0, 10)),
    ...      pb.Criterion("Y", area="Q", kind="benefit", scale=(0, 10))],
    ...     [[10, 0], [3, 8]],
    ... )
    >>> r = smaa(a, samples=100_000, seed=3)
    >>> round(float(r.acceptability.loc["A", 1]), 2)  # exactly 7/15 = 0.467
    0.47
    >>> r.central_weights.round(2)
    criterion     X     Y
    option
    A          0.77  0.23
    B          0.27  0.73
    """
    where = "smaa"
    count = _check_count(samples, "samples", where, "10_000")
    chunk = _check_count(chunk_size, "chunk_size", where, "100_000")
    information = UniformWeights() if weight_information is None else weight_information
    if not isinstance(information, WeightInformation):
        hint = (
            " To vary given weights, wrap them: PerturbedWeights(weights, spread=0.1)."
            if isinstance(information, Mapping)
            else ""
        )
        raise InvalidParameterError(
            f"smaa: weight_information must be weight information (UniformWeights(), "
            f"OrdinalWeights(ranking), IntervalWeights(bounds) or PerturbedWeights(weights)); "
            f"got {information!r}.{hint}"
        )
    chosen_seed = _check_seed(seed, where)
    resolved = resolve_method(method)
    draw = information._sampler(assessment)
    scorer = scorer_for(assessment, resolved)
    n, m = assessment.n_options, assessment.n_criteria

    sizes = _blocks(count)
    workers = (
        (os.cpu_count() or 1) if threads is None else _check_count(threads, "threads", where, "2")
    )
    if threads is None and count * n < _SMALL_RUN:
        # Starting a pool costs more than such a run saves by it.
        workers = 1
    blocks_per_chunk = -(-chunk // BLOCK)
    # A chunk's scores are chunk x options: cap them, whatever chunk_size says, so that
    # memory stays bounded however many options there are.
    blocks_per_chunk = max(1, min(blocks_per_chunk, _CHUNK_SCORES // (BLOCK * n)))
    if backend == "numpy" and workers > 1:
        # Four chunks or more for every thread, so that none waits long for the last
        # one; chunking does not change the result.
        blocks_per_chunk = max(1, min(blocks_per_chunk, -(-len(sizes) // (4 * workers))))
    chunks = [
        range(start, min(len(sizes), start + blocks_per_chunk))
        for start in range(0, len(sizes), blocks_per_chunk)
    ]
    name = describe(resolved)
    count_wins = n <= PAIRWISE_LIMIT if pairwise is None else bool(pairwise)
    parts: Iterator[_ChunkResult]

    def count_chunk(blocks: range) -> _ChunkResult:
        return _chunk_counts(scorer, draw, chosen_seed, sizes, blocks, n, name, count_wins)

    pool: ThreadPoolExecutor | None = None
    blas: contextlib.AbstractContextManager[object] = contextlib.nullcontext()
    if backend == "numpy":
        if workers > 1 and len(chunks) > 1:
            pool = ThreadPoolExecutor(max_workers=workers)
            parts = _in_order(pool, count_chunk, chunks, 2 * workers)
            # The pool already keeps every core busy; BLAS threads of its own in each
            # matrix product would contend for them and busy-wait (half again slower).
            blas = threadpool_limits(limits=1, user_api="blas")
        else:
            parts = (count_chunk(blocks) for blocks in chunks)
    elif backend == "dask":
        parts = iter(
            _dask_chunks(client, scorer, draw, chosen_seed, sizes, chunks, n, name, count_wins)
        )
    else:
        raise InvalidParameterError(
            f"smaa: backend must be 'numpy' (this process) or 'dask' (a dask cluster); got "
            f"{backend!r}."
        )
    try:
        with blas:
            rank_counts, win_counts, first_sums = _combine(parts, n, m, progress, count)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    firsts = rank_counts[:, 0]
    has_central = np.flatnonzero(firsts > 0)
    confidence = np.zeros(n, dtype=np.float64)
    confidence[has_central] = scorer.confidence(
        first_sums[has_central] / firsts[has_central, None], has_central, chosen_seed, sizes
    )
    return SMAAResult(
        options=assessment.option_names,
        criteria=assessment.criterion_names,
        samples=count,
        seed=chosen_seed,
        method=resolved,
        weight_information=information,
        rank_counts=rank_counts,
        win_counts=win_counts,
        first_weight_sums=first_sums,
        central_confidence=confidence,
        uncertain_cells=scorer.uncertain_cells,
        pairwise=count_wins,
    )


def _in_order(
    pool: ThreadPoolExecutor,
    work: Callable[[range], _ChunkResult],
    chunks: list[range],
    ahead: int,
) -> Iterator[_ChunkResult]:
    """The chunks' results in chunk order, with at most ``ahead`` chunks under way.

    Submitting every chunk at once would let finished results pile up, each holding
    its count matrices, while an earlier chunk is still running.
    """
    pending: collections.deque[Future[_ChunkResult]] = collections.deque()
    for blocks in chunks:
        pending.append(pool.submit(work, blocks))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


_ChunkResult: TypeAlias = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], list[FloatArray]]


def _combine(
    parts: Iterable[_ChunkResult],
    n: int,
    m: int,
    progress: Callable[[int, int], None] | None,
    total: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], FloatArray]:
    """Add up the chunks' counts, and their block sums block by block in block order."""
    rank_counts = np.zeros((n, n), dtype=np.int64)
    win_counts = np.zeros((n, n), dtype=np.int64)
    first_sums = np.zeros((n, m), dtype=np.float64)
    done = 0
    for chunk_ranks, chunk_wins, block_sums in parts:
        rank_counts += chunk_ranks
        win_counts += chunk_wins
        # The same float additions in the same order, whatever the chunks and wherever
        # they ran: bit-reproducible.
        for sums in block_sums:
            first_sums += sums
        if progress is not None:
            done += int(chunk_ranks[:, 0].sum())
            progress(done, total)
    return rank_counts, win_counts, first_sums


def _chunk_counts(
    scorer: FixedScores | UncertainScores,
    draw: Callable[[np.random.Generator, int], FloatArray],
    seed: int,
    sizes: list[int],
    blocks: range,
    n: int,
    method: str,
    pairwise: bool = True,
) -> _ChunkResult:
    """Rank counts, win counts and per-block first-rank weight sums of one chunk.

    A pure function of its arguments, so it gives the same result in this process
    and on a dask worker.
    """
    drawn = [draw(_block_generator(seed, b, 0), sizes[b]) for b in blocks]
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


def _tie_keys(
    seed: int, blocks: range, block_sizes: list[int], n: int
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
            block_keys = _block_generator(seed, blocks[k], 1).random((block_sizes[k], n))
            mine = where == k
            out[mine] = block_keys[rows[mine] - starts[k]]
        return out

    return keys


def _dask_chunks(
    client: Any,
    scorer: FixedScores | UncertainScores,
    draw: Callable[[np.random.Generator, int], FloatArray],
    seed: int,
    sizes: list[int],
    chunks: list[range],
    n: int,
    method: str,
    pairwise: bool,
) -> list[_ChunkResult]:
    """Run the chunks on a dask cluster; the results come back in chunk order."""
    try:
        from distributed import get_client
    except ImportError as error:
        raise ImportError(
            "smaa(backend='dask') needs dask.distributed: python -m pip install "
            "'powerbalance[dask]'"
        ) from error
    if client is None:
        try:
            client = get_client()
        except ValueError as error:
            raise InvalidParameterError(
                "smaa(backend='dask') needs a running dask cluster: start one, e.g. "
                "client = distributed.Client(), and pass client=client (or create it "
                "first so that it is found)."
            ) from error
    # Sent once to every worker instead of with every chunk.
    shared = client.scatter([scorer, draw], broadcast=True)
    futures = [
        client.submit(
            _chunk_counts,
            shared[0],
            shared[1],
            seed,
            sizes,
            blocks,
            n,
            method,
            pairwise,
            pure=False,
        )
        for blocks in chunks
    ]
    return list(client.gather(futures))
