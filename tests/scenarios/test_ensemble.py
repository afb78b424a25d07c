"""pb.scenarios.ensemble: generated futures, chunked, bit for bit the same everywhere."""

import json

import distributed
import numpy as np
import pytest

import powerbalance as pb
from powerbalance.methods import resolve_method
from powerbalance.methods.ranking import rank_scores
from powerbalance.model._rescored import rescored
from powerbalance.scenarios._ensemble_chunk import EnsembleInputs, ensemble_chunk


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


@pytest.fixture(scope="module")
def study():
    return pb.examples.load("great-power-cooperation").assessment


def _same(first, second):
    for name in ("cell_values", "first_counts", "robust_counts"):
        assert np.array_equal(getattr(first, name), getattr(second, name)), name
    assert first.to_dict() == second.to_dict()


@pytest.mark.parametrize("method", ["weighted-sum", "topsis"])
def test_chunk_sizes_change_nothing(study, method):
    information = pb.sensitivity.UniformWeights()
    runs = [
        pb.scenarios.ensemble(
            study,
            futures=2_500,
            weight_information=information,
            weightings=1_500,
            method=method,
            seed=11,
            chunk_size=size,
        )
        for size in (1, 2_048, 100_000)
    ]
    _same(runs[0], runs[1])
    _same(runs[0], runs[2])


@pytest.mark.parametrize("method", ["weighted-sum", "topsis"])
def test_the_dask_backend_equals_the_numpy_backend_bit_for_bit(study, client, method):
    information = pb.sensitivity.OrdinalWeights(list(study.criterion_names))
    arguments = dict(
        futures=3_000,
        weight_information=information,
        weightings=1_200,
        method=method,
        seed=5,
        chunk_size=1_024,
    )
    here = pb.scenarios.ensemble(study, **arguments)
    there = pb.scenarios.ensemble(study, backend="dask", client=client, **arguments)
    assert len(client.scheduler_info()["workers"]) == 2
    _same(here, there)


def test_each_future_ranks_as_pb_evaluate_ranks_it(study):
    result = pb.scenarios.ensemble(study, futures=40, weighting="equal", seed=3)
    assert result.weightings == 1
    columns = [
        study.option_index(o) * study.n_criteria + study.criterion_index(c)
        for o, c in result.cell_names
    ]
    for future in range(result.futures):
        scores = study.scores.copy()
        scores.flat[columns] = result.cell_values[future]
        report = pb.evaluate(pb.Assessment(study.options, study.criteria, scores))
        first = report.ranking["rank"].reindex(study.option_names).to_numpy() == 1
        assert np.array_equal(result.first_counts[future] == 1, first), future


def test_a_cell_that_barely_varies_gives_pb_evaluate_in_every_future(study):
    option, criterion = study.option_names[0], study.criterion_names[0]
    score = float(study.scores[0, 0])
    cell = pb.uncertainty.Uniform(score, np.nextafter(score, np.inf))
    result = pb.scenarios.ensemble(
        study, futures=300, cells={(option, criterion): cell}, weighting="equal", seed=0
    )
    report = pb.evaluate(study)
    first = report.ranking["rank"].reindex(study.option_names).to_numpy() == 1
    assert np.array_equal(result.first_counts, np.tile(first.astype(np.int64), (300, 1)))
    assert result.holds == 1.0
    assert result.leader == report.ranking.index[0]
    # One future, always the same: the robust choice is the central leader too.
    assert result.robust.loc[result.leader].tolist() == [1.0, 1.0, 1.0]


def test_first_share_and_robust_choices_agree_with_brute_force(study):
    information = pb.sensitivity.UniformWeights()
    result = pb.scenarios.ensemble(
        study, futures=30, weight_information=information, weightings=400, seed=9
    )
    weights = information.sample(study, samples=400, seed=9).to_numpy()
    method = resolve_method("weighted-sum")
    columns = [
        study.option_index(o) * study.n_criteria + study.criterion_index(c)
        for o, c in result.cell_names
    ]
    all_scores = []
    for future in range(result.futures):
        scores = study.scores.copy()
        scores.flat[columns] = result.cell_values[future]
        table = method.prepare(rescored(study, scores)).score(weights)  # weightings x options
        all_scores.append(table)
        ranks = np.array([rank_scores(row) for row in table])
        assert np.array_equal(result.first_counts[future], (ranks == 1).sum(axis=0)), future
    stacked = np.stack(all_scores)  # futures x weightings x options
    regret = stacked.max(axis=2, keepdims=True) - stacked
    values = {
        "expected": stacked.mean(axis=0),
        "maximin": stacked.min(axis=0),
        "minimax_regret": -regret.max(axis=0),
    }
    for rule, value in values.items():
        best = value.argmax(axis=1)
        shares = np.bincount(best, minlength=study.n_options) / 400
        assert np.allclose(result.robust[rule].to_numpy(), shares), rule
    assert np.allclose(result.first_share.to_numpy(), result.first_counts / 400)


def test_drawn_weightings_are_those_smaa_draws(study):
    # One future barely moved from the central one: its first places are SMAA's.
    option, criterion = study.option_names[0], study.criterion_names[0]
    score = float(study.scores[0, 0])
    cell = pb.uncertainty.Uniform(score, np.nextafter(score, np.inf))
    information = pb.sensitivity.UniformWeights()
    result = pb.scenarios.ensemble(
        study,
        futures=1,
        cells={option: {criterion: cell}},
        weight_information=information,
        weightings=3_000,
        seed=21,
    )
    smaa = pb.sensitivity.smaa(study, weight_information=information, samples=3_000, seed=21)
    assert np.array_equal(result.first_counts[0], smaa.rank_counts[:, 0])


def test_span_cells_of_the_built_in_example(study):
    cells = pb.scenarios.span_cells(study)
    changed = {key for s in study.scenarios for key in s.cells}
    assert set(cells) <= changed
    assert len(cells) == 18
    assert cells[("Broad partnership", "Technology leakage")] == pb.uncertainty.Uniform(8.5, 10.0)
    key = ("Targeted cooperation", "Conflicts de-escalated")
    central = float(study.scores[study.option_index(key[0]), study.criterion_index(key[1])])
    values = [s.cells[key] for s in study.scenarios if key in s.cells]
    assert cells[key] == pb.uncertainty.Uniform(min(central, *values), max(central, *values))
    # The default cells of the built-in example, which has no uncertainty.
    result = pb.scenarios.ensemble(study, futures=10, seed=0)
    assert result.cell_names == tuple(cells)
    assert not pb.scenarios.span_cells(pb.examples.load("engage-or-contain").assessment)


def test_memory_is_bounded_by_the_chunk_not_the_futures(study):
    # The chunk's work arrays depend on the weightings and blocks, never on the futures.
    method = resolve_method("weighted-sum")
    cells = pb.scenarios.span_cells(study)
    m = study.n_criteria
    positions = np.array(
        [study.option_index(o) * m + study.criterion_index(c) for o, c in cells], dtype=np.intp
    )
    weights = pb.sensitivity.UniformWeights().sample(study, samples=100, seed=0).to_numpy()
    inputs = EnsembleInputs(study, method, positions, tuple(cells.values()), weights)
    chunk = ensemble_chunk(inputs, 0, 5_000, range(2, 3))
    assert chunk.cells.shape == (1_024, len(cells))
    assert len(chunk.block_sums) == 1
    assert chunk.block_sums[0].shape == (7, 100)


def test_renders_in_every_format(study):
    result = pb.scenarios.ensemble(
        study,
        futures=500,
        weight_information=pb.sensitivity.UniformWeights(),
        weightings=200,
        seed=4,
    )
    text = result.to_text()
    assert result.leader in text
    assert "coverage" in text
    assert "| Option |" in result.to_markdown()
    assert "<table" in result.to_html()
    data = json.loads(result.to_json())
    assert data["schema"] == pb.scenarios.ENSEMBLE_SCHEMA
    assert data["futures"] == 500
    assert data["weightings"] == 200
    assert len(data["first_share"]) == 500
    assert data["discovery"]["option"] == result.leader
    assert result.to_frame().equals(result.robust)
    assert result.cells.shape == (500, 18)
    assert result.cells.columns.names == ["option", "criterion"]


def test_progress_is_reported_per_chunk(study):
    seen = []
    pb.scenarios.ensemble(
        study, futures=3_000, seed=0, chunk_size=1_024, progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(1_024, 3_000), (2_048, 3_000), (3_000, 3_000)]


# -- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize("futures", [0, -5, 1.5, "10", None])
def test_futures_must_be_a_count(study, futures):
    with pytest.raises(pb.errors.InvalidParameterError, match="ensemble: futures must be"):
        pb.scenarios.ensemble(study, futures=futures)


def test_an_unknown_cell_is_named_with_a_suggestion(study):
    cell = pb.uncertainty.Uniform(1, 2)
    with pytest.raises(pb.errors.UnknownNameError, match=r"option 'Broad partnershp'.*Did you"):
        pb.scenarios.ensemble(study, cells={("Broad partnershp", "Technology leakage"): cell})
    with pytest.raises(pb.errors.UnknownNameError, match="criterion 'Tech leakage'"):
        pb.scenarios.ensemble(study, cells={"Broad partnership": {"Tech leakage": cell}})


def test_a_cell_must_be_a_distribution_within_the_scale(study):
    with pytest.raises(pb.errors.InvalidParameterError, match=r"ensemble: cells\[.*must be a"):
        pb.scenarios.ensemble(study, cells={("Broad partnership", "Technology leakage"): 7})
    with pytest.raises(pb.errors.InvalidScoreError, match="outside the criterion's scale"):
        pb.scenarios.ensemble(
            study,
            cells={("Broad partnership", "Technology leakage"): pb.uncertainty.Uniform(5, 40)},
        )
    with pytest.raises(pb.errors.InvalidParameterError, match="ensemble: cells must be"):
        pb.scenarios.ensemble(study, cells={})


def test_weighting_and_weight_information_are_not_both_given(study):
    with pytest.raises(pb.errors.InvalidParameterError, match="not both"):
        pb.scenarios.ensemble(
            study, weighting="entropy", weight_information=pb.sensitivity.UniformWeights()
        )


def test_nothing_to_vary_is_refused():
    a = pb.examples.load("engage-or-contain").assessment
    with pytest.raises(pb.errors.ScenarioError, match="nothing to vary"):
        pb.scenarios.ensemble(a)


def test_backend_and_client_are_checked(study):
    with pytest.raises(pb.errors.InvalidParameterError, match="'spark'"):
        pb.scenarios.ensemble(study, futures=10, backend="spark")
    with pytest.raises(pb.errors.InvalidParameterError, match="client must be None"):
        pb.scenarios.ensemble(study, futures=10, client=object())
