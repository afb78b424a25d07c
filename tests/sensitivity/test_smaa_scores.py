"""SMAA with uncertain scores: draws from each cell's distribution, jointly with the weights."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.model.uncertainty import PERT, Normal, Triangular, Uniform, sample_cells


def one_criterion(b: pb.uncertainty.Distribution, score: float = 4.0) -> pb.Assessment:
    return pb.Assessment(
        ["A", "B"],
        [pb.Criterion("X", area="P", kind="benefit", scale=(0, 10))],
        [[5.0], [score]],
        uncertainty={("B", "X"): b},
    )


def within(share: float, expected: float, samples: int) -> bool:
    """Within four Monte Carlo standard errors."""
    return abs(share - expected) <= 4 * math.sqrt(expected * (1 - expected) / samples)


def test_a_uniform_score_wins_as_often_as_it_exceeds_the_rival():
    # A scores 5; B is uniform on 3 to 8, so B is first when it draws above 5: 3/5.
    samples = 20_000
    result = pb.sensitivity.smaa(one_criterion(Uniform(3, 8)), samples=samples, seed=1)
    assert within(float(result.acceptability.loc["B", 1]), 0.6, samples)
    assert result.uncertain_cells == 1


def test_a_triangular_score_wins_with_its_tail_probability():
    # Triangular(3, 4, 8): P(B > 5) = (8 - 5)^2 / ((8 - 3) (8 - 4)) = 9/20.
    samples = 20_000
    result = pb.sensitivity.smaa(one_criterion(Triangular(3, 4, 8)), samples=samples, seed=2)
    assert within(float(result.acceptability.loc["B", 1]), 0.45, samples)
    # With one criterion the central weight is 1, so the confidence factor is the
    # same probability, estimated on draws of its own.
    assert within(float(result.confidence["B"]), 0.45, samples)


def test_weights_and_scores_are_drawn_jointly():
    # Weighted sum on scales 0-10: A = (1, 0), B = (0.3, Y/10) with Y uniform on 6-10
    # and w1 uniform on 0-1. A is first when w1 > Y / (7 + Y), so
    # P(A first) = E[7 / (7 + Y)] = (7/4) ln(17/13) = 0.46946.
    a = pb.Assessment(
        ["A", "B"],
        [
            pb.Criterion("X", area="P", kind="benefit", scale=(0, 10)),
            pb.Criterion("Y", area="Q", kind="benefit", scale=(0, 10)),
        ],
        [[10.0, 0.0], [3.0, 8.0]],
        uncertainty={("B", "Y"): Uniform(6, 10)},
    )
    samples = 40_000
    result = pb.sensitivity.smaa(a, samples=samples, seed=3)
    assert within(float(result.acceptability.loc["A", 1]), 1.75 * math.log(17 / 13), samples)


def test_score_draws_are_the_same_whatever_the_chunk_size_and_thread_count():
    a = one_criterion(PERT(1, 4, 9))
    runs = [
        pb.sensitivity.smaa(a, samples=5_000, seed=4, chunk_size=1_000, threads=1),
        pb.sensitivity.smaa(a, samples=5_000, seed=4, chunk_size=7_919, threads=1),
        pb.sensitivity.smaa(a, samples=5_000, seed=4, chunk_size=1_000, threads=2),
    ]
    assert runs[0].to_dict() == runs[1].to_dict() == runs[2].to_dict()


def test_fixed_scores_give_the_same_result_as_before():
    a = pb.examples.load("great-power-cooperation").assessment
    assert not a.uncertainty
    result = pb.sensitivity.smaa(a, samples=2_000, seed=5)
    assert result.uncertain_cells == 0
    assert set(result.central_confidence) <= {0.0, 1.0}
    assert "uncertain" not in result.summary()


def test_the_summary_says_scores_were_drawn_and_the_input_is_not_changed():
    a = one_criterion(Normal(4, 1))
    before = copy.deepcopy(a)
    result = pb.sensitivity.smaa(a, method="topsis", samples=2_000, seed=6)
    assert "fresh draw of the uncertain score" in result.summary()
    assert a == before
    assert a.uncertainty == before.uncertainty
    assert result.to_dict()["uncertain_cells"] == 1


@pytest.mark.parametrize("method", ["weighted-sum", "topsis", "vikor", "promethee"])
def test_every_method_runs_with_uncertain_scores(method):
    a = pb.examples.load("great-power-cooperation").assessment
    cells = {
        (option, "Trade tensions eased"): Uniform(
            max(0.0, float(score) - 2), min(10.0, float(score) + 2)
        )
        for option, score in zip(a.option_names, a.scores[:, 0], strict=True)
    }
    uncertain = pb.Assessment(a.options, a.criteria, a.scores, uncertainty=cells)
    result = pb.sensitivity.smaa(uncertain, method=method, samples=300, seed=7)
    assert np.allclose(result.acceptability.sum(axis=0), 1.0)
    assert result.uncertain_cells == len(a.option_names)


# -- the distributions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("distribution", "mean", "variance"),
    [
        (Uniform(2, 8), 5.0, 36 / 12),
        # Triangular: mean (a + c + b) / 3, variance (a^2 + b^2 + c^2 - ab - ac - bc) / 18.
        (Triangular(0, 3, 6), 3.0, (0 + 36 + 9 - 0 - 0 - 18) / 18),
        # PERT (Vose 2008, section 9.1.2): mean (a + 4c + b) / 6; Beta(2, 4) scaled by 12
        # has variance 144 * 2 * 4 / (6^2 * 7).
        (PERT(0, 3, 12), 4.0, 144 * 8 / (36 * 7)),
        # A normal truncated far in its tails is the normal itself.
        (Normal(5, 1, low=-5, high=15), 5.0, 1.0),
    ],
)
def test_each_distribution_has_its_textbook_mean_and_variance(distribution, mean, variance):
    rng = np.random.default_rng(11)
    for draws in (distribution.sample(rng, 400_000), sample_cells([distribution], rng, 400_000)):
        values = np.ravel(draws)
        assert values.mean() == pytest.approx(mean, abs=0.02)
        assert values.var() == pytest.approx(variance, rel=0.02)


def test_a_normal_is_truncated_to_the_criterion_scale():
    a = one_criterion(Normal(9.5, 2))
    (distribution,) = (d.bounded((0, 10)) for d in a.uncertainty.values())
    draws = distribution.sample(np.random.default_rng(12), 100_000)
    assert draws.min() >= 0
    assert draws.max() <= 10
    # Mean of a normal(9.5, 2) truncated to [0, 10]: mu - sigma (phi(b) - phi(a)) / Z.
    b, z = 0.25, 0.5 * (1 + math.erf(0.25 / math.sqrt(2)))
    expected = 9.5 - 2 * (math.exp(-b * b / 2) / math.sqrt(2 * math.pi)) / z
    assert draws.mean() == pytest.approx(expected, abs=0.02)


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: Uniform(5, 5), "low below high"),
        (lambda: Triangular(4, 9, 8), "low <= mode <= high"),
        (lambda: PERT(1, 2, float("nan")), "finite number"),
        (lambda: Normal(5, 0), "sd must be a number greater than 0; got 0.0"),
        (lambda: Normal(50, 1, low=0, high=10), "Uniform"),
    ],
)
def test_malformed_distributions_are_named(make, match):
    with pytest.raises(pb.errors.InvalidParameterError, match=match):
        make()


def test_a_distribution_must_hold_the_score_and_stay_on_the_scale():
    with pytest.raises(pb.errors.InvalidScoreError, match="does not include the score 4"):
        one_criterion(Uniform(6, 8))
    with pytest.raises(pb.errors.InvalidScoreError, match="outside the criterion's scale"):
        one_criterion(Uniform(2, 12))
    with pytest.raises(pb.errors.UnknownNameError, match="criterion 'Z'"):
        pb.Assessment(
            ["A"],
            [pb.Criterion("X", area="P", kind="benefit")],
            [[1.0]],
            uncertainty={("A", "Z"): Uniform(0, 2)},
        )
    with pytest.raises(pb.errors.InvalidParameterError, match="distribution from"):
        pb.Assessment(
            ["A"],
            [pb.Criterion("X", area="P", kind="benefit")],
            [[1.0]],
            uncertainty={("A", "X"): (0, 2)},
        )


def test_subset_keeps_the_distributions_of_kept_cells():
    a = one_criterion(Uniform(3, 8))
    assert a.subset(options=["B"]).uncertainty == {("B", "X"): Uniform(3, 8)}
    assert a.subset(options=["A"]).uncertainty == {}
