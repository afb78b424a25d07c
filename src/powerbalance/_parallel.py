"""Chunks of work run in order: in this process, on a thread pool or on a dask cluster.

SMAA, scenario ensembles and package SMAA all cut a seeded run into chunks whose
results are a pure function of the run's shared inputs and the chunk, and add the
results up in chunk order, so that the result is bit for bit the same wherever the
chunks ran. :func:`chunk_results` runs the chunks and hands their results back in
order; the caller only says what one chunk does.

A chunk's work is a module-level function ``work(shared, chunk)``: on a dask cluster
it is pickled to the workers, with ``shared`` sent once as a task of its own.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import os
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from threadpoolctl import ThreadpoolController

from powerbalance._validate import Function, HasMethods, OneOf, check, refuse
from powerbalance.errors import BackendError, InvalidParameterError, MissingDependencyError

__all__ = ["blas_controller", "check_running", "chunk_results", "dask_client", "default_workers"]

Shared = TypeVar("Shared")
Chunk = TypeVar("Chunk")
Result = TypeVar("Result")

#: How long to wait for a chunk before looking whether the cluster still has workers.
POLL_SECONDS = 1.0
#: How long a cluster may have no worker at all before the run is given up: long enough
#: for a nanny to restart a worker that died, short enough that a run never hangs.
NO_WORKER_SECONDS = 60.0


@functools.cache
def blas_controller() -> ThreadpoolController:
    """The process's thread pools, found once: looking for them costs half a millisecond.

    Examples
    --------
    >>> blas_controller() is blas_controller()
    True
    """
    return ThreadpoolController()


@contextlib.contextmanager
def chunk_results(
    work: Callable[[Shared, Chunk], Result],
    shared: Shared,
    chunks: Sequence[Chunk],
    *,
    backend: str,
    client: Any,
    workers: int,
    owner: str,
) -> Generator[Iterator[Result], None, None]:
    """The chunks' results, in chunk order, wherever they run; cleaned up on exit.

    With ``backend="dask"`` the chunks run on the cluster of ``client`` (the current
    one when None). Otherwise they run here, on a pool of ``workers`` threads when
    there is more than one chunk, with at most two chunks per thread under way so that
    finished results do not pile up behind a slow one. While the chunks run here, the
    BLAS library's own threads are limited to one: a pool already keeps every core
    busy, and without one the matrix products are too thin to gain from threads.

    Leaving the block, however it is left, shuts the pool down and cancels what is
    still running on the cluster.

    Examples
    --------
    >>> def square(offset, chunk):
    ...     return [offset + c * c for c in chunk]
    >>> with chunk_results(square, 1, [range(2), range(2, 4)], backend="numpy",
    ...                    client=None, workers=2, owner="example") as parts:
    ...     [part for part in parts]
    [[1, 2], [5, 10]]
    """
    parts: Iterator[Result]
    pool: ThreadPoolExecutor | None = None
    blas: contextlib.AbstractContextManager[object] = contextlib.nullcontext()
    if backend == "dask":
        parts = _on_dask(dask_client(client, owner), work, shared, chunks, owner)
    else:
        if workers > 1 and len(chunks) > 1:
            pool = ThreadPoolExecutor(max_workers=workers)
            parts = _in_order(pool, functools.partial(work, shared), chunks, 2 * workers)
        else:
            parts = (work(shared, chunk) for chunk in chunks)
        blas = blas_controller().limit(limits=1, user_api="blas")
    try:
        with blas:
            yield parts
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if isinstance(parts, Generator):
            # Releases the cluster's futures now, not when the generator is collected.
            parts.close()


def default_workers(work_size: int, small: int) -> int:
    """Threads for a run of ``work_size`` units: one below ``small``, else one per core.

    Starting a pool costs more than a small run saves by it.

    Examples
    --------
    >>> default_workers(10, small=1_000)
    1
    """
    return 1 if work_size < small else os.cpu_count() or 1


def check_running(owner: str, backend: object, client: object, progress: object, unit: str) -> None:
    """Check where a run goes and whom it tells: ``backend``, ``client`` and ``progress``.

    ``unit`` names what ``progress(done, total)`` counts ("samples", "futures").

    Examples
    --------
    >>> check_running("smaa", "numpy", None, None, "samples")
    >>> check_running("smaa", "gpu", None, None, "samples")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    powerbalance.errors.InvalidParameterError: smaa: backend must be 'numpy' or 'dask'; got 'gpu'...
    """
    check(
        owner,
        "backend",
        backend,
        OneOf("numpy", "dask"),
        fix="'numpy' runs in this process, 'dask' on a dask cluster.",
    )
    if backend == "numpy" and client is not None:
        raise refuse(
            owner,
            "client",
            client,
            "None with backend='numpy'",
            fix="Pass backend='dask' as well to run on the cluster.",
        )
    check(
        owner,
        "client",
        client,
        HasMethods(("submit", "scatter", "gather"), description="a dask distributed.Client"),
        None,
        fix="Pass the client of a running cluster, or None for the current one.",
    )
    check(
        owner,
        "progress",
        progress,
        Function(),
        None,
        fix=f"Pass a function called as progress(done, {unit}) after each chunk, or None.",
    )


def dask_client(client: Any, owner: str) -> Any:
    """The client to run on: the one given, or the current one.

    Raises
    ------
    MissingDependencyError
        dask.distributed is not installed.
    InvalidParameterError
        No client is given and no cluster is running.
    """
    try:
        from distributed import get_client
    except ImportError as error:
        raise MissingDependencyError(
            f"{owner}(backend='dask') needs dask.distributed: python -m pip install "
            "'powerbalance[dask]'"
        ) from error
    if client is not None:
        return client
    try:
        return get_client()
    except ValueError as error:
        raise InvalidParameterError(
            f"{owner}: client must be a dask distributed.Client when no cluster is running; "
            "got None. Start one first, e.g. client = distributed.Client(), and pass "
            "client=client."
        ) from error


def _in_order(
    pool: ThreadPoolExecutor,
    work: Callable[[Chunk], Result],
    chunks: Sequence[Chunk],
    ahead: int,
) -> Iterator[Result]:
    """The chunks' results in chunk order, with at most ``ahead`` chunks under way."""
    pending: collections.deque[Future[Result]] = collections.deque()
    for chunk in chunks:
        pending.append(pool.submit(work, chunk))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _pack(shared: Shared) -> Shared:
    """The inputs every chunk of a run shares, as one task's result."""
    return shared


def _on_dask(
    client: Any,
    work: Callable[[Shared, Chunk], Result],
    shared: Shared,
    chunks: Sequence[Chunk],
    owner: str,
) -> Iterator[Result]:
    """Run the chunks on a dask cluster; their results come back in chunk order.

    The inputs every chunk shares are a task of their own rather than scattered data:
    the scheduler keeps them once, and when the worker holding them dies it computes
    them again, where scattered data would be lost with its worker and every chunk
    cancelled. Every key is unique to its run (``pure=False``), so one run's releasing
    its keys can never cancel the next run's tasks.
    """
    inputs = client.submit(_pack, shared, pure=False)
    futures: list[Any] = [client.submit(work, inputs, chunk, pure=False) for chunk in chunks]
    try:
        for index, future in enumerate(futures):
            yield _wait(client, future, index, len(futures), owner)
            # Drop the finished chunk's data on the cluster as soon as it is counted.
            futures[index] = None
            future.release()
    finally:
        unfinished = [future for future in futures if future is not None]
        # Stops the work on an error or Ctrl-C; no key outlives the run.
        with contextlib.suppress(Exception):
            client.cancel([*unfinished, inputs])


def _wait(client: Any, future: Any, index: int, count: int, owner: str) -> Any:
    """Wait for one chunk, polling the cluster so that a run without workers cannot hang."""
    from distributed import KilledWorker
    from distributed.client import FutureCancelledError

    where = f"chunk {index + 1} of {count}"
    advice = (
        f"Restart the cluster (client.restart()) and run {owner} again, or run it in this "
        "process with backend='numpy'; the result is the same."
    )
    no_workers_since: float | None = None
    while True:
        try:
            return future.result(timeout=POLL_SECONDS)
        except TimeoutError:
            pass
        except KilledWorker as error:
            raise BackendError(
                f"{owner}: the dask cluster lost the worker running {where} too many times "
                f"({error}). {advice}"
            ) from error
        except FutureCancelledError as error:
            raise BackendError(
                f"{owner}: the dask cluster cancelled {where} ({error}). {advice}"
            ) from error
        if client.status not in ("running", "connecting", "newly-created"):
            raise BackendError(
                f"{owner}: the dask client is {client.status} while waiting for {where}. {advice}"
            )
        try:
            workers = len(client.nthreads())
        except OSError as error:
            raise BackendError(
                f"{owner}: the dask scheduler cannot be reached while waiting for {where} "
                f"({error}). {advice}"
            ) from error
        now = time.monotonic()
        if workers:
            no_workers_since = None
        elif no_workers_since is None:
            no_workers_since = now
        elif now - no_workers_since > NO_WORKER_SECONDS:
            raise BackendError(
                f"{owner}: the dask cluster has had no worker for {NO_WORKER_SECONDS:g} s "
                f"while waiting for {where}. {advice}"
            )
