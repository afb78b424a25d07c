"""Category acceptability: every draw sorted as sort() sorts it, counted exactly."""

import importlib
import json

import numpy as np
import pytest
from acceptability_cases import CATEGORIES, ELECTRE, MRSORT
from acceptability_cases import assessment as _assessment
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.methods import resolve_method
from powerbalance.sensitivity.smaa._scores import scorer_for
from powerbalance.sensitivity.smaa._streams import blocks


def _oracle(a, model, info, samples, seed, uncertain=False):
    """Counts from sort() applied draw by draw: the weights SMAA draws, the scores too."""
    weights = info.sample(a, samples=samples, seed=seed).to_numpy()
    matrices = [a.scores] * samples
    if uncertain:
        scorer = scorer_for(a, resolve_method("weighted-sum"))
        matrices = [
            matrix
            for b, size in enumerate(blocks(samples))
            for matrix in scorer.matrices(seed, b, size, 2)
        ]
    n, c = a.n_options, len(model.categories)
    counts = np.zeros((n, c), dtype=np.int64)
    other = np.zeros((n, c), dtype=np.int64)
    for w, matrix in zip(weights, matrices, strict=True):
        drawn = pb.Assessment(a.options, a.criteria, matrix)
        sorting = pb.screening.sort(drawn, model, weighting=pb.Weights(a.criterion_names, w))
        counts[np.arange(n), sorting.positions] += 1
        if sorting.other is not None:
            other[np.arange(n), sorting.other] += 1
    return counts, other


@pytest.mark.parametrize("model", [MRSORT, ELECTRE], ids=["mrsort", "electre"])
def test_every_draw_is_sorted_as_sort_sorts_it(model):
    a = _assessment()
    info = pb.sensitivity.OrdinalWeights(["Trade gains", "Alliance risk", "Security gains", "Cost"])
    result = pb.screening.acceptability(a, model, weight_information=info, samples=1_500, seed=4)
    counts, other = _oracle(a, model, info, 1_500, 4)
    assert np.array_equal(result.counts, counts)
    if result.other_counts is not None:
        assert np.array_equal(result.other_counts, other)
    assert np.allclose(result.shares.sum(axis=1), 1.0)
    # Not a foregone conclusion: some option falls in more than one category.
    assert (result.shares.to_numpy() % 1 > 0).any()


@pytest.mark.parametrize("model", [MRSORT, ELECTRE], ids=["mrsort", "electre"])
def test_each_weighting_meets_its_own_score_draw(model):
    a = _assessment(uncertain=True)
    info = pb.sensitivity.UniformWeights()
    result = pb.screening.acceptability(a, model, weight_information=info, samples=1_100, seed=9)
    counts, other = _oracle(a, model, info, 1_100, 9, uncertain=True)
    assert result.uncertain_cells == 3
    assert np.array_equal(result.counts, counts)
    if result.other_counts is not None:
        assert np.array_equal(result.other_counts, other)


def test_uncertain_scores_change_the_shares_and_repeat_with_the_seed():
    a = _assessment(uncertain=True)
    drawn = pb.screening.acceptability(a, MRSORT, samples=3_000, seed=2)
    again = pb.screening.acceptability(a, MRSORT, samples=3_000, seed=2)
    fixed = pb.screening.acceptability(a, MRSORT, samples=3_000, seed=2, uncertain_scores=False)
    plain = pb.screening.acceptability(
        pb.Assessment(a.options, a.criteria, a.scores), MRSORT, samples=3_000, seed=2
    )
    assert drawn == again
    assert drawn.to_dict() == again.to_dict()
    assert not np.array_equal(drawn.counts, fixed.counts)
    assert np.array_equal(fixed.counts, plain.counts)
    assert fixed.uncertain_cells == 0
    assert "3 uncertain scores drawn" in drawn.summary()


@pytest.mark.parametrize("uncertain", [False, True], ids=["fixed", "drawn"])
@pytest.mark.parametrize("model", [MRSORT, ELECTRE], ids=["mrsort", "electre"])
def test_chunks_and_threads_change_nothing(model, uncertain):
    a = _assessment(uncertain)
    runs = [
        pb.screening.acceptability(a, model, samples=5_000, seed=11, chunk_size=size, threads=t)
        for size, t in [(100_000, 1), (1, 1), (2_048, 3), (3_000, None)]
    ]
    for run in runs[1:]:
        assert np.array_equal(run.counts, runs[0].counts)
        assert _equal_or_none(run.other_counts, runs[0].other_counts)
        assert _equal_or_none(run.disagreements, runs[0].disagreements)


def test_draws_compared_a_few_at_a_time_sort_the_same(monkeypatch):
    # The package's function hides its module of the same name.
    module = importlib.import_module("powerbalance.screening.acceptability")
    a = _assessment(uncertain=True)
    whole = pb.screening.acceptability(a, ELECTRE, samples=1_500, seed=6)
    # Three groups of draws at a time, the last part of a block shorter.
    monkeypatch.setattr(module, "_COMPARED_CELLS", 24 * 5 * 2 * 4)
    parts = pb.screening.acceptability(a, ELECTRE, samples=1_500, seed=6)
    assert whole == parts


def _equal_or_none(x, y):
    return (x is None and y is None) or np.array_equal(x, y)


def test_a_narrow_weighting_gives_the_sorting_at_those_weights():
    a = _assessment()
    # Weights within 1e-6 of (0.4, 0.3, 0.2, 0.1): far from every knife edge of the model.
    centre = {"Trade gains": 0.4, "Security gains": 0.3, "Alliance risk": 0.2, "Cost": 0.1}
    info = pb.sensitivity.IntervalWeights({c: (w - 1e-6, w + 1e-6) for c, w in centre.items()})
    result = pb.screening.acceptability(a, MRSORT, weight_information=info, samples=500, seed=1)
    sorting = pb.screening.sort(a, MRSORT, weighting=pb.Weights.from_mapping(centre))
    assert set(np.unique(result.shares.to_numpy())) == {0.0, 1.0}
    assert dict(result.central) == dict(sorting.categories)


def test_electre_reports_how_often_the_rules_disagree():
    a = _assessment()
    result = pb.screening.acceptability(a, ELECTRE, samples=2_000, seed=3)
    assert result.other_rule == "optimistic"
    assert result.disagreements is not None
    assert result.disagreement is not None
    # Wait is incomparable with the profiles under equal weights (docs/screening.md).
    assert result.disagreement["Wait"] > 0
    assert "The optimistic rule sorts Confront differently in" in result.summary()
    assert "Wait in" in result.summary()
    assert "rules disagree" in result.to_frame().columns
    mr = pb.screening.acceptability(a, MRSORT, samples=200, seed=3)
    assert mr.disagreement is None
    assert mr.other_shares is None


def test_the_result_renders_and_serializes():
    a = _assessment(uncertain=True)
    result = pb.screening.acceptability(a, ELECTRE, samples=1_000, seed=5)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["schema"] == "powerbalance.screening.acceptability/1"
    assert data["samples"] == 1_000
    assert data["seed"] == 5
    assert sum(data["options"][0]["counts"].values()) == 1_000
    assert "Postures: how often each option falls in each category" in result.to_text()
    assert "<table" in result.to_html()
    assert "| Option |" in result.to_markdown()
    frame = result.to_frame()
    assert list(frame.columns[:3]) == CATEGORIES
    assert set(frame["most likely"]) <= set(CATEGORIES)


def test_progress_reports_every_draw():
    a = _assessment()
    seen = []
    pb.screening.acceptability(
        a,
        MRSORT,
        samples=3_000,
        seed=1,
        chunk_size=1_024,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[-1] == (3_000, 3_000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ({"samples": 0}, "samples"),
        ({"samples": 1.5}, "samples"),
        ({"backend": "spark"}, "backend"),
        ({"chunk_size": 0}, "chunk_size"),
        ({"seed": -1}, "seed"),
        ({"threads": 0}, "threads"),
        ({"uncertain_scores": "yes"}, "uncertain_scores"),
        ({"weight_information": {"Cost": 0.5}}, "weight_information"),
    ],
)
def test_refusals_name_the_parameter(arguments, parameter):
    with pytest.raises(pb.errors.InvalidParameterError, match=f"{parameter} must be"):
        pb.screening.acceptability(_assessment(), MRSORT, **arguments)


@pytest.mark.parametrize("model", ["topsis", pb.methods.WeightedSum(), None])
def test_a_model_that_is_not_a_sorting_model_is_refused(model):
    with pytest.raises(pb.errors.InvalidParameterError, match="model must be a sorting model"):
        pb.screening.acceptability(_assessment(), model)


def test_profiles_that_do_not_fit_are_refused_before_drawing():
    model = pb.screening.MRSort(["no", "yes"], {"Trade gains": 5})
    with pytest.raises(pb.errors.UnknownNameError, match="Security gains"):
        pb.screening.acceptability(_assessment(), model, samples=10)


@settings(max_examples=25)
@given(
    st.integers(2, 5),
    st.integers(1, 4),
    st.integers(2, 4),
    st.floats(0.5, 1.0),
    st.integers(0, 2**32 - 1),
)
def test_shares_sum_to_one_and_match_sort(n, m, c, threshold, seed):
    rng = np.random.default_rng(seed)
    criteria = [pb.Criterion(f"C{j}", area="A", kind="benefit", scale=(0, 10)) for j in range(m)]
    a = pb.Assessment([f"O{i}" for i in range(n)], criteria, rng.integers(0, 11, (n, m)))
    profiles = {f"C{j}": sorted(rng.integers(0, 11, c - 1).tolist()) for j in range(m)}
    model = pb.screening.MRSort([f"K{k}" for k in range(c)], profiles, threshold=threshold)
    info = pb.sensitivity.UniformWeights()
    result = pb.screening.acceptability(a, model, samples=60, seed=seed)
    assert np.allclose(result.shares.sum(axis=1), 1.0)
    assert result.counts.sum() == n * 60
    counts, _ = _oracle(a, model, info, 60, seed)
    assert np.array_equal(result.counts, counts)
