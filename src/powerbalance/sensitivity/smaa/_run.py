"""Running SMAA: the planned chunks run here or on a dask cluster, their counts added up.

:func:`smaa` has its arguments checked and the work cut into chunks (``_plan``),
runs each chunk (``_chunk``) in this process, on a thread pool or on a dask cluster,
and adds the chunks' counts up, in chunk order, into an
:class:`~powerbalance.sensitivity.smaa.SMAAResult`.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
from threadpoolctl import ThreadpoolController

from powerbalance.errors import BackendError, InvalidParameterError, MissingDependencyError
from powerbalance.methods import MethodLike
from powerbalance.model import Assessment
from powerbalance.sensitivity.smaa._chunk import ChunkResult, chunk_counts
from powerbalance.sensitivity.smaa._plan import Plan, plan
from powerbalance.sensitivity.smaa._result import SMAAResult
from powerbalance.sensitivity.smaa._weights import WeightInformation

FloatArray: TypeAlias = npt.NDArray[np.float64]

__all__ = ["smaa"]


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

    **Memory.** Each thread draws, scores and ranks a few blocks of weight vectors
    at a time (about 262,144 scores, 2 MiB; from a thousand options on, four
    weight vectors per option) and holds the sums behind the central weights of
    one chunk (``chunk_size`` / :data:`BLOCK` x options x criteria, the chunk cut to
    at most 4,194,304 / options weight vectors); with pairwise winning indices, a
    few MiB more for comparing the rankings; with uncertain scores, also one
    block's draws of the uncertain cells (:data:`BLOCK` x cells) and one score
    matrix per thread. Work arrays of at most 16 MiB are kept for the next chunk
    or run, 32 MiB in all.

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
        the run is under way, the BLAS library's own threads are limited to one
        (through ``threadpoolctl``, for the whole process), since the pool already
        occupies the cores. The result does not depend on it.
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
        An argument is refused, before any work is done: ``samples``, ``chunk_size``,
        ``seed`` or ``threads`` is not a valid whole number, ``weight_information`` is
        not weight information, ``method`` is not a method (a method class, say,
        instead of an instance), ``backend`` is neither ``"numpy"`` nor ``"dask"``,
        ``client`` is given without ``backend="dask"``, ``progress`` is not a function,
        or ``pairwise`` is not True, False or None. Also when the method gives a
        score that is not finite.
    UnknownNameError, WeightError
        The weight information names criteria the assessment does not have, leaves out
        ones it must give, or allows no weights at all.
    BackendError
        With ``backend="dask"``, the cluster cannot finish the run: a chunk lost the
        worker running it too many times, or the cluster had no worker for a minute.
        Restart the cluster, or use ``backend="numpy"`` (same result).

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
    run = plan(
        assessment,
        method=method,
        weight_information=weight_information,
        samples=samples,
        seed=seed,
        chunk_size=chunk_size,
        backend=backend,
        client=client,
        progress=progress,
        pairwise=pairwise,
        threads=threads,
    )
    n, m = assessment.n_options, assessment.n_criteria

    def count_chunk(blocks: range) -> ChunkResult:
        return chunk_counts(
            run.scorer, run.draw, run.seed, run.sizes, blocks, n, run.method, run.pairwise
        )

    parts: Iterator[ChunkResult]
    pool: ThreadPoolExecutor | None = None
    blas: contextlib.AbstractContextManager[object] = contextlib.nullcontext()
    if run.backend == "dask":
        parts = _dask_chunks(run)
    else:
        if run.workers > 1 and len(run.chunks) > 1:
            pool = ThreadPoolExecutor(max_workers=run.workers)
            parts = _in_order(pool, count_chunk, run.chunks, 2 * run.workers)
        else:
            parts = (count_chunk(blocks) for blocks in run.chunks)
        # The pool already keeps every core busy; BLAS threads of its own in each
        # matrix product would contend for them and busy-wait (half again slower).
        # Without a pool the products are too thin to gain from threads (a few
        # criteria deep), and waking them costs more than the product itself.
        blas = _blas_controller().limit(limits=1, user_api="blas")
    try:
        with blas:
            rank_counts, win_counts, first_sums = _combine(parts, n, m, run.progress, run.samples)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if isinstance(parts, Generator):
            # Releases the cluster's futures now, not when the generator is collected.
            parts.close()
    firsts = rank_counts[:, 0]
    has_central = np.flatnonzero(firsts > 0)
    confidence = np.zeros(n, dtype=np.float64)
    confidence[has_central] = run.scorer.confidence(
        first_sums[has_central] / firsts[has_central, None], has_central, run.seed, run.sizes
    )
    return SMAAResult(
        options=assessment.option_names,
        criteria=assessment.criterion_names,
        samples=run.samples,
        seed=run.seed,
        method=run.method,
        weight_information=run.information,
        rank_counts=rank_counts,
        win_counts=win_counts,
        first_weight_sums=first_sums,
        central_confidence=confidence,
        uncertain_cells=run.scorer.uncertain_cells,
        pairwise=run.pairwise,
    )


@functools.cache
def _blas_controller() -> ThreadpoolController:
    """The process's thread pools, found once: looking for them costs half a millisecond."""
    return ThreadpoolController()


def _in_order(
    pool: ThreadPoolExecutor,
    work: Callable[[range], ChunkResult],
    chunks: Sequence[range],
    ahead: int,
) -> Iterator[ChunkResult]:
    """The chunks' results in chunk order, with at most ``ahead`` chunks under way.

    Submitting every chunk at once would let finished results pile up, each holding
    its count matrices, while an earlier chunk is still running.
    """
    pending: collections.deque[Future[ChunkResult]] = collections.deque()
    for blocks in chunks:
        pending.append(pool.submit(work, blocks))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _combine(
    parts: Iterable[ChunkResult],
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


#: How long to wait for a chunk before looking whether the cluster still has workers.
_POLL_SECONDS = 1.0
#: How long a cluster may have no worker at all before the run is given up: long enough
#: for a nanny to restart a worker that died, short enough that a run never hangs.
_NO_WORKER_SECONDS = 60.0


def _dask_chunks(run: Plan) -> Iterator[ChunkResult]:
    """Run the chunks on a dask cluster; their results come back in chunk order.

    The inputs every chunk shares (the scorer, the draw, the method) are a task of
    their own rather than scattered data: the scheduler keeps them once, and when the
    worker holding them dies it computes them again, where scattered data would be
    lost with its worker and every chunk cancelled. Every key is unique to its run
    (``pure=False``), so one run's releasing its keys can never cancel the next run's
    tasks. The futures are released when the run ends, however it ends.
    """
    try:
        from distributed import get_client
    except ImportError as error:
        raise MissingDependencyError(
            "smaa(backend='dask') needs dask.distributed: python -m pip install "
            "'powerbalance[dask]'"
        ) from error
    client = run.client
    if client is None:
        try:
            client = get_client()
        except ValueError as error:
            raise InvalidParameterError(
                "smaa: client must be a dask distributed.Client when no cluster is running; "
                "got None. Start one first, e.g. client = distributed.Client(), and pass "
                "client=client."
            ) from error
    inputs = client.submit(_pack, run.scorer, run.draw, run.method, pure=False)
    futures = [
        client.submit(
            _chunk_on_worker,
            inputs,
            run.seed,
            run.sizes,
            blocks,
            run.assessment.n_options,
            run.pairwise,
            pure=False,
        )
        for blocks in run.chunks
    ]
    try:
        for index, future in enumerate(futures):
            yield _chunk_result(client, future, index, len(futures))
            # Drop the finished chunk's data on the cluster as soon as it is counted.
            futures[index] = None
            future.release()
    finally:
        unfinished = [future for future in futures if future is not None]
        # Stops the work on an error or Ctrl-C; no key outlives the run.
        with contextlib.suppress(Exception):
            client.cancel([*unfinished, inputs])


def _pack(*inputs: object) -> tuple[object, ...]:
    """The inputs every chunk of a run shares, as one task's result."""
    return inputs


def _chunk_on_worker(
    inputs: tuple[Any, ...], seed: int, sizes: Sequence[int], blocks: range, n: int, pairwise: bool
) -> ChunkResult:
    """One chunk's counts, from the run's shared inputs (see :func:`_pack`)."""
    scorer, draw, method = inputs
    return chunk_counts(scorer, draw, seed, sizes, blocks, n, method, pairwise)


def _chunk_result(client: Any, future: Any, index: int, count: int) -> ChunkResult:
    """Wait for one chunk, polling the cluster so that a run without workers cannot hang."""
    from distributed import KilledWorker
    from distributed.client import FutureCancelledError

    where = f"chunk {index + 1} of {count}"
    advice = (
        "Restart the cluster (client.restart()) and run smaa again, or run it in this "
        "process with backend='numpy'; the result is the same."
    )
    no_workers_since: float | None = None
    while True:
        try:
            result: ChunkResult = future.result(timeout=_POLL_SECONDS)
        except TimeoutError:
            pass
        except KilledWorker as error:
            raise BackendError(
                f"smaa: the dask cluster lost the worker running {where} too many times "
                f"({error}). {advice}"
            ) from error
        except FutureCancelledError as error:
            raise BackendError(
                f"smaa: the dask cluster cancelled {where} ({error}). {advice}"
            ) from error
        else:
            return result
        if client.status not in ("running", "connecting", "newly-created"):
            raise BackendError(
                f"smaa: the dask client is {client.status} while waiting for {where}. {advice}"
            )
        try:
            workers = len(client.nthreads())
        except OSError as error:
            raise BackendError(
                f"smaa: the dask scheduler cannot be reached while waiting for {where} "
                f"({error}). {advice}"
            ) from error
        now = time.monotonic()
        if workers:
            no_workers_since = None
        elif no_workers_since is None:
            no_workers_since = now
        elif now - no_workers_since > _NO_WORKER_SECONDS:
            raise BackendError(
                f"smaa: the dask cluster has had no worker for {_NO_WORKER_SECONDS:g} s "
                f"while waiting for {where}. {advice}"
            )
