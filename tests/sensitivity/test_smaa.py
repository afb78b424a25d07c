"""SMAA-2 with uncertain weights: samplers, acceptabilities, reproducibility, errors."""

from __future__ import annotations

import copy
import itertools
import json
import math

import attrs
import numpy as np
import pytest
from hypothesis import assume, given, settings

import powerbalance as pb
from powerbalance.sensitivity.smaa import (
    IntervalWeights,
    OrdinalWeights,
    PerturbedWeights,
    SMAAResult,
    UniformWeights,
    smaa,
)
from powerbalance.testing.strategies import assessments

STUDY = "great-power-cooperation"


def benefits(names: list[str], scale: tuple[float, float] | None = None) -> list[pb.Criterion]:
    areas = ["Economic", "Security", "Diplomacy", "Technology", "Environment"]
    return [
        pb.Criterion(name, area=areas[j % len(areas)], kind="benefit", scale=scale)
        for j, name in enumerate(names)
    ]


def five_criteria() -> pb.Assessment:
    names = ["Security", "Economic", "Technology", "Climate", "Diplomacy"]
    return pb.Assessment(["A", "B"], benefits(names), [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]])


def crossing_case() -> pb.Assessment:
    """On scales 0-10, A = (1, 0) and B = (0.3, 0.8) after min-max normalization."""
    return pb.Assessment(["A", "B"], benefits(["X", "Y"], scale=(0, 10)), [[10, 0], [3, 8]])


def arrays(result: SMAAResult) -> list[np.ndarray]:
    return [
        result.rank_counts,
        result.win_counts,
        result.first_weight_sums,
        result.central_confidence,
    ]


# -- exact answers -------------------------------------------------------------------------


def test_acceptability_matches_area_fractions_two_options():
    # Weighted sum: A - B = 0.7 w1 - 0.8 (1 - w1) > 0 when w1 > t* = 8/15, and w1 is
    # uniform on [0, 1] under uniform weights on the 2-simplex: P(A first) = 7/15.
    # Given that A is first, w1 is uniform on [8/15, 1]: its central X weight is 23/30.
    samples = 10**6
    result = smaa(crossing_case(), samples=samples, seed=2001, chunk_size=200_000)
    exact = 7 / 15
    share = float(result.acceptability.loc["A", 1])
    assert abs(share - exact) < 4 * math.sqrt(exact * (1 - exact) / samples)
    assert (
        abs(float(result.acceptability_se.loc["A", 1]) - math.sqrt(share * (1 - share) / samples))
        < 1e-15
    )
    central = float(result.central_weights.loc["A", "X"])
    hits = int(result.hits.loc["A", 1])
    assert abs(central - 23 / 30) < 4 * (7 / 15) / math.sqrt(12 * hits)
    assert float(result.winning.loc["A", "B"]) == share
    assert result.confidence.tolist() == [1.0, 1.0]


@pytest.mark.parametrize(
    "ranking",
    [
        ["Security", "Economic", "Technology", "Climate", "Diplomacy"],
        ["Security", ["Economic", "Technology"], "Climate", "Diplomacy"],
        [["Climate", "Diplomacy"], "Security", ["Economic", "Technology"]],
    ],
    ids=["untied", "tie-in-middle", "ties-at-both-ends"],
)
def test_ordinal_mean_is_rank_order_centroid(ranking):
    a = five_criteria()
    draws = OrdinalWeights(ranking).sample(a, samples=10**6, seed=96)
    centroid = pb.weighting.RankOrderCentroid(ranking).weigh(a).to_series()
    standard_error = draws.std(ddof=1) / math.sqrt(len(draws))
    difference = (draws.mean() - centroid).abs()
    assert (difference <= 4 * standard_error + 1e-15).all(), difference / standard_error
    # Every draw respects the ranking, and tied criteria get equal weights.
    groups = [[g] if isinstance(g, str) else g for g in ranking]
    for group in groups:
        assert np.array_equal(draws[group].min(axis=1), draws[group].max(axis=1))
    for upper, lower in itertools.pairwise(groups):
        assert (draws[upper[0]] >= draws[lower[0]]).all()


def test_interval_samples_respect_bounds_and_sum_to_one():
    a = five_criteria()
    bounds = {"Security": (0.3, 0.5), "Economic": (0.1, 0.2), "Climate": (0.0, 0.1)}
    draws = IntervalWeights(bounds).sample(a, samples=20_000, seed=5)
    assert np.allclose(draws.sum(axis=1), 1.0, atol=1e-12)
    for name, (low, high) in bounds.items():
        assert draws[name].min() >= low - 1e-12
        assert draws[name].max() <= high + 1e-12
        assert low <= draws[name].mean() <= high
    assert (draws >= 0).all().all()


def test_interval_sampler_is_uniform_on_the_bounded_simplex():
    # Three criteria, w1 <= 0.5: on the uniform 3-simplex w1 has density 2(1 - x), so
    # restricted to [0, 0.5] its mean is (1/8 - 1/24) / (1/2 - 1/8) = 2/9.
    names = ["X", "Y", "Z"]
    a = pb.Assessment(["A", "B"], benefits(names), [[1, 2, 3], [3, 2, 1]])
    draws = IntervalWeights({"X": (0.0, 0.5)}).sample(a, samples=200_000, seed=11)
    x = draws["X"]
    assert abs(x.mean() - 2 / 9) < 4 * x.std() / math.sqrt(len(x))
    # Two criteria, w1 in [0.2, 0.5]: w1 is uniform there; each tenth holds 10%.
    b = pb.Assessment(["A", "B"], benefits(["X", "Y"]), [[1, 2], [2, 1]])
    w1 = IntervalWeights({"X": (0.2, 0.5)}).sample(b, samples=100_000, seed=12)["X"]
    counts = np.histogram(w1, bins=10, range=(0.2, 0.5))[0] / len(w1)
    assert np.abs(counts - 0.1).max() < 4 * math.sqrt(0.09 / len(w1))


def test_interval_lower_bounds_are_exact_shifts():
    # w1 >= 0.4 of three: w = l + 0.6 u with u uniform, so E[w1] = 0.4 + 0.6 / 3 = 0.6.
    a = pb.Assessment(["A", "B"], benefits(["X", "Y", "Z"]), [[1, 2, 3], [3, 2, 1]])
    x = IntervalWeights({"X": (0.4, 1.0)}).sample(a, samples=100_000, seed=13)["X"]
    assert x.min() >= 0.4
    assert abs(x.mean() - 0.6) < 4 * x.std() / math.sqrt(len(x))


def test_bounds_allowing_one_weight_vector():
    a = pb.Assessment(["A", "B"], benefits(["X", "Y"]), [[1, 2], [2, 1]])
    draws = IntervalWeights({"X": (0.3, 0.3), "Y": (0.7, 0.7)}).sample(a, samples=3, seed=0)
    assert np.allclose(draws.to_numpy(), [[0.3, 0.7]] * 3)


def test_uniform_and_perturbed_samplers():
    a = five_criteria()
    uniform = UniformWeights().sample(a, samples=100_000, seed=3)
    assert np.allclose(uniform.sum(axis=1), 1.0)
    # Dirichlet(1, ..., 1) in 5 dimensions: each weight has mean 1/5 and variance 4/150.
    assert np.allclose(uniform.mean(), 0.2, atol=4 * math.sqrt(4 / 150 / 100_000))
    assert np.allclose(uniform.var(), 4 / 150, rtol=0.02)
    base = {"Security": 0.4, "Economic": 0.3, "Technology": 0.2, "Climate": 0.1, "Diplomacy": 0.0}
    perturbed = PerturbedWeights(base, spread=0.2).sample(a, samples=10_000, seed=4)
    assert np.allclose(perturbed.sum(axis=1), 1.0)
    assert (perturbed["Diplomacy"] == 0).all()
    ratio = perturbed["Security"] / perturbed["Climate"]
    assert ratio.min() >= 4 * 0.8 / 1.2 - 1e-12
    assert ratio.max() <= 4 * 1.2 / 0.8 + 1e-12


# -- reproducibility -----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["weighted-sum", "topsis"])
def test_bit_identical_whatever_the_chunk_size(method):
    a = pb.examples.load(STUDY).assessment
    samples = 20_000
    runs = [
        smaa(a, method=method, samples=samples, seed=42, chunk_size=size)
        for size in (1_000, 7_919, samples)
    ]
    for other in runs[1:]:
        for mine, theirs in zip(arrays(runs[0]), arrays(other), strict=True):
            assert np.array_equal(mine, theirs)
        assert other == runs[0]


def test_bit_identical_with_ties_broken_at_random():
    # Two identical options tie under every weighting; the tie-breaking numbers come
    # from their own streams per block, so chunking does not change them either.
    a = pb.Assessment(["A", "Twin of A", "C"], benefits(["X", "Y"]), [[3, 1], [3, 1], [1, 3]])
    runs = [smaa(a, samples=5_000, seed=8, chunk_size=size) for size in (1_000, 7_919, 5_000)]
    assert runs[0] == runs[1] == runs[2]
    first = runs[0].acceptability[1]
    assert abs(first["A"] - first["Twin of A"]) < 4 * math.sqrt(0.5 / 5_000)
    assert np.allclose(runs[0].acceptability.sum(axis=0), 1.0)
    assert runs[0].winning.loc["A", "Twin of A"] == runs[0].winning.loc["Twin of A", "A"] == 0


def test_same_seed_same_result_other_seed_other_result():
    a = pb.examples.load(STUDY).assessment
    one = smaa(a, samples=3_000, seed=1)
    assert smaa(a, samples=3_000, seed=1) == one
    other = smaa(a, samples=3_000, seed=2)
    assert not np.array_equal(one.first_weight_sums, other.first_weight_sums)


def test_fresh_seed_is_recorded_and_repeats_the_run():
    a = pb.examples.load(STUDY).assessment
    first = smaa(a, samples=2_000)
    assert isinstance(first.seed, int)
    assert smaa(a, samples=2_000, seed=first.seed) == first
    assert smaa(a, samples=2_000).seed != first.seed


def test_sampler_gives_the_weights_smaa_uses():
    a = crossing_case()
    draws = UniformWeights().sample(a, samples=3_000, seed=9).to_numpy()
    result = smaa(a, samples=3_000, seed=9)
    scores = pb.methods.WeightedSum().prepare(a).score(draws)
    a_first = scores[:, 0] > scores[:, 1]
    assert int(result.hits.loc["A", 1]) == int(a_first.sum())
    assert np.allclose(result.first_weight_sums[0], draws[a_first].sum(axis=0), rtol=1e-12)


# -- invariants ----------------------------------------------------------------------------


def with_dominated(assessment: pb.Assessment) -> pb.Assessment:
    """Add an option that is worst on every criterion (as bad as the worst option)."""
    scores = assessment.scores
    worst = np.where(assessment.lower_is_better, scores.max(axis=0), scores.min(axis=0))
    return pb.Assessment(
        options=[*assessment.option_names, "Dominated (worst everywhere)"],
        criteria=assessment.criteria,
        scores=np.vstack([scores, worst]),
    )


@settings(max_examples=30, deadline=None)
@given(assessments(max_options=6, max_criteria=5))
def test_acceptability_invariants(assessment):
    assume((np.ptp(assessment.scores, axis=0) >= 0.1).all())
    a = with_dominated(assessment)
    result = smaa(a, samples=600, seed=0, chunk_size=256)
    share = result.acceptability
    assert np.allclose(share.sum(axis=1), 1.0)
    assert np.allclose(share.sum(axis=0), 1.0)
    winning = result.winning.to_numpy()
    assert (winning + winning.T <= 1.0 + 1e-12).all()
    assert (np.diag(winning) == 0).all()
    assert int(result.hits.loc["Dominated (worst everywhere)", 1]) == 0
    assert "Dominated (worst everywhere)" in result.never_first
    assert set(result.central_weights.index).isdisjoint(result.never_first)
    assert ((result.holistic >= 0) & (result.holistic <= 1 + 1e-12)).all()


def test_inputs_are_not_modified():
    a = five_criteria()
    before = copy.deepcopy(a)
    ranking = ["Security", ["Economic", "Technology"], "Climate", "Diplomacy"]
    ranking_before = copy.deepcopy(ranking)
    bounds = {"Security": (0.2, 0.6)}
    base = {"Security": 1, "Economic": 1, "Technology": 1, "Climate": 1, "Diplomacy": 1}
    for info in (OrdinalWeights(ranking), IntervalWeights(bounds), PerturbedWeights(base)):
        smaa(a, weight_information=info, samples=500, seed=0)
    assert a == before
    assert ranking == ranking_before
    assert bounds == {"Security": (0.2, 0.6)}
    assert base == dict.fromkeys(base, 1)


@pytest.mark.parametrize("method", ["weighted-sum", "topsis", "vikor", "promethee"])
def test_every_method_runs_on_the_study(method):
    a = pb.examples.load(STUDY).assessment
    result = smaa(a, method=method, samples=2_000, seed=0)
    assert np.allclose(result.acceptability.sum(axis=1), 1.0)
    assert np.allclose(result.acceptability.sum(axis=0), 1.0)
    assert result.hits.to_numpy().sum() == 2_000 * a.n_options
    assert result.central_weights.notna().all().all()
    assert set(result.confidence.unique()) <= {0.0, 1.0}


def test_method_object_and_weight_information_are_recorded():
    a = pb.examples.load(STUDY).assessment
    info = OrdinalWeights([list(a.criterion_names)])
    result = smaa(a, method=pb.methods.TOPSIS(), weight_information=info, samples=1_000, seed=0)
    assert result.method == pb.methods.TOPSIS()
    assert result.weight_information == info
    assert result.to_dict()["method"]["name"] == "TOPSIS"
    assert "in the order of importance given" in result.summary()


# -- display -------------------------------------------------------------------------------


def test_renderings():
    a = pb.examples.load(STUDY).assessment
    result = smaa(a, samples=2_000, seed=0)
    text = result.to_text()
    assert str(result) == text
    assert max(len(line) for line in text.splitlines()) <= 100
    assert result.summary() in result.to_markdown()
    assert result.to_html() == result._repr_html_()
    data = json.loads(json.dumps(result.to_dict()))
    assert data["seed"] == 0
    assert data["samples"] == 2_000
    assert np.allclose(np.array(data["acceptability"]).sum(axis=1), 1.0)
    assert result.summary().startswith("Targeted cooperation ranks first in ")
    assert "of 2,000 weightings drawn uniformly" in result.summary()


def test_wide_table_is_split_to_fit():
    names = [f"Option number {i}" for i in range(14)]
    rng = np.random.default_rng(0)
    a = pb.Assessment(names, benefits(["X", "Y", "Z"]), rng.uniform(1, 9, (14, 3)))
    text = smaa(a, samples=500, seed=0).to_text()
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "Rank 14" in text


# -- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "error", "fragment"),
    [
        (
            lambda: IntervalWeights({"Security": (0.6, 0.2)}),
            pb.errors.InvalidParameterError,
            "with low at most high; got \\(0.6, 0.2\\)",
        ),
        (
            lambda: IntervalWeights({"Security": (0.2, 1.5)}),
            pb.errors.InvalidParameterError,
            "from 0 to 1",
        ),
        (lambda: IntervalWeights({"Security": 0.2}), pb.errors.InvalidParameterError, "pair"),
        (
            lambda: PerturbedWeights({"Security": 1}, spread=1.0),
            pb.errors.InvalidParameterError,
            "spread",
        ),
        (
            lambda: PerturbedWeights({"Security": 1}, spread=-0.1),
            pb.errors.InvalidParameterError,
            "spread",
        ),
        (lambda: PerturbedWeights({"Security": -1}), pb.errors.WeightError, "Security"),
        (lambda: OrdinalWeights("Security"), pb.errors.InvalidParameterError, "ranking"),
    ],
    ids=[
        "low-above-high",
        "outside-0-1",
        "not-a-pair",
        "spread-1",
        "spread-negative",
        "negative-weight",
        "ranking-text",
    ],
)
def test_bad_information_is_refused(make, error, fragment):
    with pytest.raises(error, match=fragment):
        make()


@pytest.mark.parametrize(
    ("information", "error", "fragment"),
    [
        (
            OrdinalWeights(["Security", "Economy"]),
            pb.errors.WeightError,
            "'Economy'.*Did you mean 'Economic'",
        ),
        (
            OrdinalWeights(["Security", "Economic"]),
            pb.errors.WeightError,
            "must appear; got none for criterion 'Technology'",
        ),
        (
            IntervalWeights({"Securty": (0.1, 0.2)}),
            pb.errors.UnknownNameError,
            "'Securty'.*Did you mean",
        ),
        (
            IntervalWeights({"Security": (0.6, 0.7), "Economic": (0.5, 0.6)}),
            pb.errors.WeightError,
            "lower bounds sum to 1.1.*Security 0.6-0.7",
        ),
        (
            IntervalWeights(
                {
                    n: (0.0, 0.1)
                    for n in ["Security", "Economic", "Technology", "Climate", "Diplomacy"]
                }
            ),
            pb.errors.WeightError,
            "upper bounds sum to 0.5",
        ),
        (
            PerturbedWeights({"Security": 1}),
            pb.errors.WeightError,
            "every criterion of the assessment must appear",
        ),
    ],
    ids=[
        "ranking-typo",
        "ranking-missing",
        "bounds-typo",
        "lower-too-high",
        "upper-too-low",
        "perturbed-missing",
    ],
)
def test_information_not_matching_the_assessment(information, error, fragment):
    with pytest.raises(error, match=fragment):
        smaa(five_criteria(), weight_information=information, samples=10, seed=0)


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        ({"samples": 0}, "samples must be a whole number of at least 1"),
        ({"samples": 2.5}, "samples must be"),
        ({"chunk_size": 0}, "chunk_size must be a whole number of at least 1"),
        ({"seed": -1}, "seed must be"),
        ({"seed": "abc"}, "seed must be"),
        ({"weight_information": {"Security": 1.0}}, "PerturbedWeights"),
        ({"method": 3}, "method must be"),
    ],
)
def test_bad_arguments(arguments, fragment):
    with pytest.raises(pb.errors.InvalidParameterError, match=fragment):
        smaa(five_criteria(), **arguments)


def test_result_is_frozen():
    result = smaa(crossing_case(), samples=100, seed=0)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.samples = 5  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        result.rank_counts[0, 0] = 7


def test_progress_is_reported_after_every_chunk():
    a = pb.examples.load("great-power-cooperation").assessment
    calls = []
    pb.sensitivity.smaa(
        a, samples=5_000, seed=2, chunk_size=2_048, progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(2_048, 5_000), (4_096, 5_000), (5_000, 5_000)]


def test_pairwise_wins_are_counted_only_on_request_above_the_limit(monkeypatch):
    from powerbalance.sensitivity.smaa import _plan as module

    a = pb.examples.load("great-power-cooperation").assessment
    monkeypatch.setattr(module, "PAIRWISE_LIMIT", 5)
    skipped = pb.sensitivity.smaa(a, samples=2_000, seed=4)
    assert not skipped.pairwise
    with pytest.raises(pb.errors.InvalidParameterError, match="pairwise=True"):
        _ = skipped.winning
    assert skipped.to_dict()["winning"] is None
    counted = pb.sensitivity.smaa(a, samples=2_000, seed=4, pairwise=True)
    assert counted.pairwise
    # Everything else is the same either way.
    assert np.array_equal(skipped.rank_counts, counted.rank_counts)
    assert np.array_equal(skipped.first_weight_sums, counted.first_weight_sums)


def test_threads_do_not_change_the_result():
    a = pb.examples.load("great-power-cooperation").assessment
    one = pb.sensitivity.smaa(a, method="topsis", samples=30_000, seed=8, threads=1)
    two = pb.sensitivity.smaa(a, method="topsis", samples=30_000, seed=8, threads=2)
    three = pb.sensitivity.smaa(
        a, method="topsis", samples=30_000, seed=8, threads=3, chunk_size=5_000
    )
    for name in ("rank_counts", "win_counts", "first_weight_sums", "central_confidence"):
        assert np.array_equal(getattr(one, name), getattr(two, name)), name
        assert np.array_equal(getattr(one, name), getattr(three, name)), name
    with pytest.raises(pb.errors.InvalidParameterError, match="threads"):
        pb.sensitivity.smaa(a, samples=10, threads=0)
