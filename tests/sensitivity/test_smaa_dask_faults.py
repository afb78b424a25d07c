"""SMAA on dask under repetition and faults: every run succeeds or fails clearly, none hangs.

Each run is compared with the numpy backend bit for bit. A killed worker must either be
recovered from (dask runs its chunks again elsewhere) or end the run with a
:class:`~powerbalance.errors.BackendError`; a run is waited for in a thread with a
generous limit, so a hang fails the test instead of stalling the suite.
"""

import os
import signal
import threading
import time

import distributed
import numpy as np
import pytest

import powerbalance as pb
import powerbalance._parallel as parallel

#: Far longer than any of these runs takes; only a hang reaches it.
HANG = 300.0


def _cluster():
    return distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )


@pytest.fixture(scope="module")
def client():
    with _cluster() as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture
def own_client():
    """A cluster of its own, for a test that kills its workers."""
    with _cluster() as cluster, distributed.Client(cluster) as client:
        yield client


def _same(here, there):
    for name in ("rank_counts", "win_counts", "first_weight_sums", "central_confidence"):
        assert np.array_equal(getattr(here, name), getattr(there, name)), name
    assert here.to_dict() == there.to_dict()


def _bounded(call):
    """Run ``call`` in a thread; its result or its error, failing the test if it hangs."""
    outcome = {}

    def target():
        try:
            outcome["result"] = call()
        except BaseException as error:  # handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(HANG)
    assert not thread.is_alive(), f"smaa on dask did not finish within {HANG:g} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _consecutive_runs(client, runs):
    a = pb.examples.load("great-power-cooperation").assessment
    options = dict(samples=2_500, chunk_size=1_024)
    for run in range(runs):
        seed = run % 7
        here = pb.sensitivity.smaa(a, seed=seed, **options)
        there = _bounded(
            lambda seed=seed: pb.sensitivity.smaa(
                a, seed=seed, backend="dask", client=client, **options
            )
        )
        _same(here, there)


def test_ten_consecutive_runs_on_one_cluster_equal_numpy(client):
    _consecutive_runs(client, 10)


def test_a_hundred_consecutive_runs_on_one_cluster_equal_numpy(client):
    _consecutive_runs(client, 100)


def test_no_future_outlives_a_run(client):
    # A run's futures are released when it ends, so that it holds nothing on the cluster.
    a = pb.examples.load("great-power-cooperation").assessment
    pb.sensitivity.smaa(a, samples=3_000, seed=1, chunk_size=1_024, backend="dask", client=client)
    # The client drops a released key on its own event loop, a moment later.
    for _ in range(600):
        if not any(client.refcount.values()):
            break
        time.sleep(0.05)
    assert not any(client.refcount.values()), dict(client.refcount)


def _killing(client, pids, after=1):
    """A progress callback that kills the worker processes ``pids`` after chunk ``after``."""
    calls = []

    def progress(done, total):
        calls.append(done)
        if len(calls) == after:
            for pid in pids:
                os.kill(pid, signal.SIGKILL)

    return progress, calls


@pytest.mark.parametrize("kill", ["one", "all"])
def test_a_worker_killed_mid_run_is_recovered_from_or_named(own_client, kill):
    a = pb.examples.load("great-power-cooperation").assessment
    options = dict(method="topsis", samples=200_000, seed=4, chunk_size=1_024)
    here = pb.sensitivity.smaa(a, **options)
    pids = list(own_client.run(os.getpid).values())
    assert len(pids) == 2
    progress, calls = _killing(own_client, pids[:1] if kill == "one" else pids)
    try:
        there = _bounded(
            lambda: pb.sensitivity.smaa(
                a, backend="dask", client=own_client, progress=progress, **options
            )
        )
    except pb.errors.BackendError as error:
        message = str(error)
    else:
        _same(here, there)
        message = None
    # Either outcome is allowed; a failure must say how to go on.
    assert message is None or "backend='numpy'" in message
    assert calls, "the run never reported a chunk"


def test_a_cluster_left_without_workers_raises_a_clear_error(own_client, monkeypatch):
    # The cluster is emptied for good after the first chunk: the run must give up.
    monkeypatch.setattr(parallel, "NO_WORKER_SECONDS", 2.0)
    a = pb.examples.load("great-power-cooperation").assessment
    cluster = own_client.cluster

    def progress(done, total):
        if done <= 1_024:
            cluster.scale(0)

    with pytest.raises(pb.errors.BackendError, match="no worker") as caught:
        _bounded(
            lambda: pb.sensitivity.smaa(
                a,
                method="topsis",
                samples=200_000,
                seed=4,
                chunk_size=1_024,
                backend="dask",
                client=own_client,
                progress=progress,
            )
        )
    assert "restart" in str(caught.value).lower()
    assert isinstance(caught.value, pb.errors.PowerbalanceError)
