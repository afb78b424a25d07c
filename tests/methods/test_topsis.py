"""TOPSIS against a published worked example and its own algebra."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.model.normalize import normalize
from powerbalance.testing.strategies import NORMALIZATIONS, assessments, weight_batches

# Hwang, C.-L. and Yoon, K. (1981). Multiple Attribute Decision Making: Methods and
# Applications. Springer, LNEMS 186, pp. 133-134: the fighter-aircraft example.
# Attributes: maximum speed (Mach), ferry range (NM), maximum payload (lb),
# acquisition cost ($10^6, the one cost attribute), reliability, manoeuvrability.
FIGHTERS = np.array(
    [
        [2.0, 1500, 20000, 5.5, 5, 9],
        [2.5, 2700, 18000, 6.5, 3, 5],
        [1.8, 2000, 21000, 4.5, 7, 7],
        [2.2, 1800, 20000, 5.0, 5, 5],
    ]
)
FIGHTER_WEIGHTS = {
    "Speed": 0.2,
    "Range": 0.1,
    "Payload": 0.1,
    "Cost": 0.1,
    "Reliability": 0.2,
    "Manoeuvrability": 0.3,
}
# Printed in the book: relative closeness C* (three decimals) and the separations.
# The book's normalized cost column carries a small slip (its implied column norm is
# 10.863, not 10.851), which moves A3's closeness across a rounding boundary
# (0.61354 exact), so closeness is compared to within 1e-3.
PUBLISHED_CLOSENESS = {"A1": 0.643, "A2": 0.268, "A3": 0.613, "A4": 0.312}
PUBLISHED_TO_IDEAL = {"A1": 0.0545, "A2": 0.1197, "A3": 0.0580, "A4": 0.1009}
PUBLISHED_TO_ANTI_IDEAL = {"A1": 0.0983, "A2": 0.0439, "A3": 0.0920, "A4": 0.0458}


def fighter_assessment() -> pb.Assessment:
    criteria = [
        pb.Criterion(name, area="Aircraft", kind="risk" if name == "Cost" else "benefit")
        for name in FIGHTER_WEIGHTS
    ]
    return pb.Assessment(["A1", "A2", "A3", "A4"], criteria, FIGHTERS)


def test_topsis_hwang_yoon_1981_fighter_aircraft():
    report = pb.evaluate(
        fighter_assessment(),
        weighting=pb.weighting.Direct(FIGHTER_WEIGHTS),
        method=pb.methods.TOPSIS(),
    )
    ranking = report.ranking
    for option, closeness in PUBLISHED_CLOSENESS.items():
        assert ranking.loc[option, "score"] == pytest.approx(closeness, abs=1e-3)
        assert ranking.loc[option, "distance_to_ideal"] == pytest.approx(
            PUBLISHED_TO_IDEAL[option], abs=2e-4
        )
        assert ranking.loc[option, "distance_to_anti_ideal"] == pytest.approx(
            PUBLISHED_TO_ANTI_IDEAL[option], abs=2e-4
        )
    assert list(ranking.index) == ["A1", "A3", "A4", "A2"]
    assert list(ranking["rank"]) == [1, 2, 3, 4]


def test_topsis_turning_risks_around_equals_taking_their_minimum_as_ideal():
    # The classical formulation: weighted vector-normalized matrix, ideal = min for cost.
    x = FIGHTERS / np.linalg.norm(FIGHTERS, axis=0)
    v = x * np.array(list(FIGHTER_WEIGHTS.values()))
    cost = np.array([name == "Cost" for name in FIGHTER_WEIGHTS])
    ideal = np.where(cost, v.min(axis=0), v.max(axis=0))
    anti = np.where(cost, v.max(axis=0), v.min(axis=0))
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    expected = d_minus / (d_plus + d_minus)
    prepared = pb.methods.TOPSIS().prepare(fighter_assessment())
    weights = np.array([list(FIGHTER_WEIGHTS.values())])
    np.testing.assert_allclose(prepared.score(weights)[0], expected, rtol=1e-12)


def test_topsis_scores_are_scale_invariant_in_the_weights():
    prepared = pb.methods.TOPSIS().prepare(fighter_assessment())
    w = np.array([list(FIGHTER_WEIGHTS.values())])
    np.testing.assert_allclose(prepared.score(w), prepared.score(7.5 * w), rtol=1e-12)


def test_topsis_gives_one_half_when_nothing_separates_the_options():
    a = pb.Assessment(
        ["A", "B"],
        [
            pb.Criterion("Flat", area="X", kind="benefit"),
            pb.Criterion("Varied", area="X", kind="benefit"),
        ],
        [[3.0, 1.0], [3.0, 2.0]],
    )
    prepared = pb.methods.TOPSIS().prepare(a)
    # All weight on the flat criterion: both options are at the ideal and anti-ideal.
    np.testing.assert_array_equal(prepared.score(np.array([[1.0, 0.0]])), [[0.5, 0.5]])


@settings(max_examples=60, deadline=None)
@given(data=st.data(), normalization=st.sampled_from(NORMALIZATIONS))
def test_topsis_equals_its_definition_on_the_normalized_matrix(data, normalization):
    # The gaps to the ideal points are measured on the raw scores where the
    # normalization is affine; the numbers are those of the normalized matrix.
    a = data.draw(assessments(), label="assessment")
    batch = data.draw(weight_batches(a.n_criteria, min_rows=1, max_rows=4), label="W")
    prepared = pb.methods.TOPSIS(normalization=normalization).prepare(a)
    r = normalize(a, normalization)
    np.testing.assert_array_equal(prepared.normalized, r)
    np.testing.assert_array_equal(prepared.ideal, r.max(axis=0))
    np.testing.assert_array_equal(prepared.anti_ideal, r.min(axis=0))
    to_ideal, to_anti_ideal = prepared.distances(batch)
    for k, w in enumerate(batch):
        v = r * w
        d_plus = np.sqrt(((v - v.max(axis=0)) ** 2).sum(axis=1))
        d_minus = np.sqrt(((v - v.min(axis=0)) ** 2).sum(axis=1))
        np.testing.assert_allclose(to_ideal[k], d_plus, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(to_anti_ideal[k], d_minus, rtol=1e-12, atol=1e-14)


def test_topsis_measures_gaps_of_scores_far_from_zero_without_losing_digits():
    # Vector normalization of scores a billion away from zero: each normalized score
    # is about 0.58, and the gaps between them are 1e-9 of that. On one criterion the
    # closeness is (x - low) / (high - low), which the raw scores give to the last
    # digits; gaps between rounded normalized scores would keep about six.
    scores = 1e9 + np.array([[0.0], [0.3], [1.1], [1.7]])
    a = pb.Assessment(
        ["A", "B", "C", "D"], [pb.Criterion("Gain", area="X", kind="benefit")], scores
    )
    expected = (scores[:, 0] - scores[0, 0]) / (scores[3, 0] - scores[0, 0])
    score = pb.methods.TOPSIS().prepare(a).score(np.array([[1.0]]))
    np.testing.assert_allclose(score[0], expected, rtol=1e-14, atol=0)


@pytest.mark.parametrize("normalization", ["minmax", "max"])
def test_topsis_on_scores_too_wide_to_square_measures_normalized_gaps(normalization):
    # A gap of 1e160 has no finite square: the gaps are then taken between normalized
    # scores, which lie in [0, 1].
    scores = np.array([[0.0, 1.0], [1e160, 2.0], [5e159, 3.0]])
    a = pb.Assessment(
        ["A", "B", "C"],
        [
            pb.Criterion("Wide", area="X", kind="benefit"),
            pb.Criterion("Plain", area="X", kind="benefit"),
        ],
        scores,
    )
    w = np.array([0.5, 0.5])
    v = normalize(a, normalization) * w
    d_plus = np.sqrt(((v - v.max(axis=0)) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - v.min(axis=0)) ** 2).sum(axis=1))
    # Weights this large would leave (w / d)^2 a normal float next to a gap of 1e160.
    score = pb.methods.TOPSIS(normalization=normalization).prepare(a).score(1e8 * w[None, :])
    np.testing.assert_allclose(score[0], d_minus / (d_plus + d_minus), rtol=1e-12)
