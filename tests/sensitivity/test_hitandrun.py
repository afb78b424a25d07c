"""Constrained weights: uniform on what the constraints leave, checked against exact samplers."""

from __future__ import annotations

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.sensitivity.smaa import (
    ConstrainedWeights,
    IntervalWeights,
    OrdinalWeights,
    UniformWeights,
)

NAMES = ["Security", "Economic", "Technology", "Climate", "Diplomacy"]


def five() -> pb.Assessment:
    criteria = [pb.Criterion(n, area=n, kind="benefit") for n in NAMES]
    return pb.Assessment(["A", "B"], criteria, [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]])


def same_distribution(a: np.ndarray, b: np.ndarray, tolerance: float) -> None:
    """Means and the empirical distribution functions of every weight agree."""
    assert np.abs(a.mean(axis=0) - b.mean(axis=0)).max() < tolerance
    for j in range(a.shape[1]):
        grid = np.quantile(b[:, j], np.linspace(0.05, 0.95, 19))
        cdf_a = (a[:, j][:, None] <= grid).mean(axis=0)
        cdf_b = (b[:, j][:, None] <= grid).mean(axis=0)
        assert np.abs(cdf_a - cdf_b).max() < 3 * tolerance, NAMES[j]


@pytest.mark.parametrize("sampler", ["rejection", "hit-and-run"])
def test_a_full_ranking_gives_the_exact_ordinal_distribution(sampler):
    a = five()
    info = ConstrainedWeights(ranking=NAMES, sampler=sampler)
    drawn = info.sample(a, samples=20_000, seed=1).to_numpy()
    exact = OrdinalWeights(NAMES).sample(a, samples=20_000, seed=2).to_numpy()
    same_distribution(drawn, exact, 0.01)
    # The mean is the rank-order centroid (Barron and Barrett 1996): 0.4567 first.
    assert drawn.mean(axis=0)[0] == pytest.approx(0.4567, abs=0.01)


def test_a_partial_ranking_orders_only_the_criteria_it_names():
    draws = ConstrainedWeights(ranking=["Climate", "Security"]).sample(
        five(), samples=20_000, seed=3
    )
    assert (draws["Climate"] >= draws["Security"]).all()
    # Reference: uniform weights kept when they respect the order (half of them).
    uniform = UniformWeights().sample(five(), samples=40_000, seed=30)
    reference = uniform[uniform["Climate"] >= uniform["Security"]].to_numpy()
    same_distribution(draws.to_numpy(), reference, 0.01)


def test_ties_in_the_ranking_match_the_exact_ordinal_distribution():
    ranking = [["Security", "Economic"], "Climate", ["Technology", "Diplomacy"]]
    a = five()
    walked = ConstrainedWeights(ranking=ranking).sample(a, samples=10_000, seed=3)
    assert np.allclose(walked["Security"], walked["Economic"])
    exact = OrdinalWeights(ranking).sample(a, samples=20_000, seed=4).to_numpy()
    same_distribution(walked.to_numpy(), exact, 0.01)


def test_bounds_give_the_exact_interval_distribution():
    bounds = {"Security": (0.3, 0.6), "Economic": (0.0, 0.2), "Climate": (0.1, 0.3)}
    a = five()
    info = ConstrainedWeights(bounds=bounds, sampler="hit-and-run")
    walked = info.sample(a, samples=20_000, seed=4).to_numpy()
    exact = IntervalWeights(bounds).sample(a, samples=20_000, seed=5).to_numpy()
    same_distribution(walked, exact, 0.01)


@pytest.mark.parametrize("sampler", ["rejection", "hit-and-run"])
def test_bounds_and_a_ranking_together_match_rejection_from_the_simplex(sampler):
    # Reference: uniform weights kept when they meet every constraint (exact, slow).
    a = five()
    uniform = UniformWeights().sample(a, samples=400_000, seed=6).to_numpy()
    keep = (
        (uniform[:, 0] >= 0.2)
        & (uniform[:, 3] <= 0.25)
        & (uniform[:, 0] >= uniform[:, 1])
        & (uniform[:, 1] >= uniform[:, 2])
    )
    reference = uniform[keep]
    info = ConstrainedWeights(
        bounds={"Security": (0.2, 1.0), "Climate": (0.0, 0.25)},
        ranking=["Security", "Economic", "Technology"],
        sampler=sampler,
    )
    walked = info.sample(a, samples=20_000, seed=7).to_numpy()
    assert len(reference) > 20_000
    same_distribution(walked, reference, 0.01)


def test_bounds_too_narrow_for_rejection_are_walked():
    # Ten weights each within 0.08 to 0.12 leave a tiny share of the simplex, far below
    # what rejection can sample; by symmetry every weight has mean 0.1.
    names = [f"C{j}" for j in range(10)]
    a = pb.Assessment(
        ["A", "B"], [pb.Criterion(n, area="X", kind="benefit") for n in names], [[1] * 10, [2] * 10]
    )
    info = IntervalWeights({n: (0.08, 0.12) for n in names})
    draws = info.sample(a, samples=4_000, seed=8).to_numpy()
    assert draws.min() >= 0.08 - 1e-12
    assert draws.max() <= 0.12 + 1e-12
    assert np.allclose(draws.sum(axis=1), 1.0)
    assert np.abs(draws.mean(axis=0) - 0.1).max() < 0.002


def test_smaa_with_constrained_weights_is_reproducible_whatever_the_chunks():
    a = pb.examples.load("great-power-cooperation").assessment
    security = list(a.criteria_in("Security"))
    info = ConstrainedWeights(bounds={security[0]: (0.1, 0.3)}, ranking=security, steps=50)
    runs = [
        pb.sensitivity.smaa(a, weight_information=info, samples=3_000, seed=9, chunk_size=1_000),
        pb.sensitivity.smaa(
            a, weight_information=info, samples=3_000, seed=9, chunk_size=3_000, threads=1
        ),
    ]
    assert runs[0] == runs[1]
    assert "within the weight bounds and order of importance given" in runs[0].summary()


@pytest.mark.parametrize(
    ("information", "error", "fragment"),
    [
        (
            ConstrainedWeights(bounds={"Security": (0.6, 0.7), "Economic": (0.5, 0.6)}),
            pb.errors.WeightError,
            "no room for the weights to vary",
        ),
        (
            ConstrainedWeights(bounds={"Climate": (0.5, 1.0)}, ranking=["Security", "Climate"]),
            pb.errors.WeightError,
            r"the ranking \(Security >= Climate\)",
        ),
        (ConstrainedWeights(ranking=["Securty"]), pb.errors.UnknownNameError, "Did you mean"),
        (
            ConstrainedWeights(bounds={"Security": (0.2, 0.2)}, ranking=NAMES),
            pb.errors.WeightError,
            "no room",
        ),
    ],
    ids=["infeasible-bounds", "bounds-against-ranking", "typo", "pinned"],
)
def test_constraints_that_leave_nothing_to_sample_are_named(information, error, fragment):
    with pytest.raises(error, match=fragment):
        information.sample(five(), samples=10, seed=0)


def test_malformed_constraints_are_named_at_construction():
    with pytest.raises(pb.errors.InvalidParameterError, match="ConstrainedWeights: the bounds"):
        ConstrainedWeights(bounds={"Security": (0.5, 0.2)})
    with pytest.raises(pb.errors.InvalidParameterError, match="steps"):
        ConstrainedWeights(ranking=NAMES, steps=0)
    with pytest.raises(pb.errors.InvalidParameterError, match="Did you mean 'hit-and-run'"):
        ConstrainedWeights(ranking=NAMES, sampler="hit and run")
    with pytest.raises(pb.errors.InvalidParameterError, match="ties criteria"):
        ConstrainedWeights(ranking=[NAMES[:2]], sampler="rejection").sample(five(), samples=1)
