"""SMAA on a real dask cluster gives bit for bit what it gives in this process."""

import distributed
import numpy as np
import pytest

import powerbalance as pb


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


@pytest.mark.parametrize("method", ["weighted-sum", "topsis"])
def test_the_dask_backend_equals_the_numpy_backend_bit_for_bit(client, method):
    a = pb.examples.load("great-power-cooperation").assessment
    information = pb.sensitivity.OrdinalWeights(list(a.criterion_names))
    here = pb.sensitivity.smaa(
        a, method=method, weight_information=information, samples=20_000, seed=5, chunk_size=3_000
    )
    there = pb.sensitivity.smaa(
        a,
        method=method,
        weight_information=information,
        samples=20_000,
        seed=5,
        chunk_size=3_000,
        backend="dask",
        client=client,
    )
    # Seven chunks of three blocks, spread over both workers.
    assert len(client.scheduler_info()["workers"]) == 2
    for name in ("rank_counts", "win_counts", "first_weight_sums", "central_confidence"):
        assert np.array_equal(getattr(here, name), getattr(there, name)), name
    assert here.to_dict() == there.to_dict()


def test_an_unknown_backend_is_named():
    a = pb.examples.load("great-power-cooperation").assessment
    with pytest.raises(pb.errors.InvalidParameterError, match="'spark'"):
        pb.sensitivity.smaa(a, samples=10, backend="spark")


def test_score_draws_on_dask_equal_those_in_this_process(client):
    a = pb.examples.load("great-power-cooperation").assessment
    option, criterion = a.option_names[0], a.criterion_names[0]
    score = float(a.scores[0, 0])
    uncertain = pb.Assessment(
        a.options,
        a.criteria,
        a.scores,
        uncertainty={(option, criterion): pb.uncertainty.Uniform(score - 3, score + 3)},
    )
    here = pb.sensitivity.smaa(uncertain, samples=3_000, seed=8, chunk_size=1_024)
    there = pb.sensitivity.smaa(
        uncertain, samples=3_000, seed=8, chunk_size=1_024, backend="dask", client=client
    )
    assert here.uncertain_cells == there.uncertain_cells == 1
    assert here.to_dict() == there.to_dict()


def test_smaa_across_scenarios_on_dask_equals_this_process_bit_for_bit(client):
    # The study's futures include one cell changed to a distribution: its draws, the
    # probability draws and the weights all come from the blocks' own streams.
    a = pb.examples.load("great-power-cooperation").assessment
    information = pb.scenarios.OrdinalProbabilities([list(a.scenario_names)])
    for scenarios, rule in [(True, "expected"), (information, "expected"), (True, "hurwicz")]:
        here = pb.sensitivity.smaa(
            a, samples=3_000, seed=13, chunk_size=1_024, scenarios=scenarios, rule=rule
        )
        there = pb.sensitivity.smaa(
            a,
            samples=3_000,
            seed=13,
            chunk_size=1_024,
            scenarios=scenarios,
            rule=rule,
            backend="dask",
            client=client,
        )
        for name in ("rank_counts", "win_counts", "first_weight_sums", "central_confidence"):
            assert np.array_equal(getattr(here, name), getattr(there, name)), name
        assert here.to_dict() == there.to_dict()
