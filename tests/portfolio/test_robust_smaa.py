"""SMAA over packages: reproducible across chunks and backends, and right draw by draw."""

import distributed
import numpy as np
import pytest

import powerbalance as pb


def _problem():
    a = pb.examples.load("great-power-cooperation").assessment
    costs = {o: {"Money": 1 + i % 4} for i, o in enumerate(a.option_names)}
    return pb.portfolio.Problem(a, costs=costs, budget={"Money": 8})


def _information(problem):
    return pb.sensitivity.OrdinalWeights(list(problem.assessment.criterion_names))


def test_the_counts_are_identical_whatever_the_chunk_size_and_threads():
    problem = _problem()
    info = _information(problem)
    runs = [
        pb.portfolio.smaa(
            problem, weight_information=info, samples=5_000, seed=4, chunk_size=c, threads=t
        )
        for c, t in [(100_000, 1), (1_024, 1), (2_048, 3)]
    ]
    assert all(np.array_equal(runs[0].counts, r.counts) for r in runs[1:])
    assert runs[0].counts.sum() == 5_000
    assert runs[0].to_dict()["schema"] == pb.portfolio.PACKAGE_SMAA_SCHEMA


def test_the_best_package_of_each_draw_is_what_optimize_finds_with_those_weights():
    problem = _problem()
    info = _information(problem)
    result = pb.portfolio.smaa(problem, weight_information=info, samples=1_024, seed=9)
    # The same weightings, drawn as smaa draws them.
    draws = info.sample(result.robust.valuation.assessment, samples=1_024, seed=9)
    worth = result.robust.valuation.at(draws.to_numpy()) @ result.robust.masks.T.astype(float)
    best = np.argmax(worth, axis=1)
    assert np.array_equal(np.bincount(best, minlength=len(result.counts)), result.counts)
    for row in (0, 17, 500, 1_023):
        weights = pb.Weights.from_mapping(draws.iloc[row].to_dict())
        optimum = pb.portfolio.optimize(problem, weighting=weights)
        assert optimum.value == pytest.approx(float(worth[row, best[row]]), abs=1e-9)
    assert result.option_shares.between(0, 1).all()
    assert "best package" in result.to_text()


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def test_the_dask_backend_equals_numpy_bit_for_bit(client):
    problem = _problem()
    info = _information(problem)
    here = pb.portfolio.smaa(
        problem, weight_information=info, samples=6_000, seed=5, chunk_size=2_048
    )
    there = pb.portfolio.smaa(
        problem,
        weight_information=info,
        samples=6_000,
        seed=5,
        chunk_size=2_048,
        backend="dask",
        client=client,
    )
    assert len(client.scheduler_info()["workers"]) == 2
    assert np.array_equal(here.counts, there.counts)
    assert here.to_dict() == there.to_dict()
