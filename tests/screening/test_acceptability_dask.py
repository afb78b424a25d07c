"""Category acceptability on a real dask cluster gives bit for bit what it gives here."""

import distributed
import numpy as np
import pytest
from acceptability_cases import ELECTRE, MRSORT
from acceptability_cases import assessment as _assessment

import powerbalance as pb
from powerbalance.screening.acceptability import rebuilt, recipe


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


@pytest.mark.parametrize("uncertain", [False, True], ids=["fixed", "drawn"])
@pytest.mark.parametrize("model", [MRSORT, ELECTRE], ids=["mrsort", "electre"])
def test_the_dask_backend_equals_numpy_bit_for_bit(client, model, uncertain):
    a = _assessment(uncertain)
    info = pb.sensitivity.OrdinalWeights(["Trade gains", "Alliance risk", "Security gains", "Cost"])
    arguments = {"weight_information": info, "samples": 6_000, "seed": 5, "chunk_size": 2_048}
    here = pb.screening.acceptability(a, model, **arguments)
    there = pb.screening.acceptability(a, model, backend="dask", client=client, **arguments)
    # Three chunks, spread over both worker processes.
    assert len(client.scheduler_info()["workers"]) == 2
    assert np.array_equal(here.counts, there.counts)
    assert here.to_dict() == there.to_dict()


@pytest.mark.parametrize("model", [MRSORT, ELECTRE], ids=["mrsort", "electre"])
def test_a_model_travels_as_its_recipe(model):
    assert rebuilt(recipe(model)) == model
    assert repr(rebuilt(recipe(model))) == repr(model)
