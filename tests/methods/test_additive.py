"""Weighted sum and weighted product against published worked examples."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import NormalizationError
from powerbalance.model.normalize import normalize
from powerbalance.testing.strategies import (
    NORMALIZATIONS,
    POSITIVE_NORMALIZATIONS,
    assessments,
    weight_batches,
)

# Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative
# Study. Kluwer, Applied Optimization 44, sections 2.2.1 (WSM) and 2.2.2 (WPM): three
# alternatives on four benefit criteria measured in the same unit.
TRIANTAPHYLLOU = np.array([[25.0, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
TRIANTAPHYLLOU_WEIGHTS = {"C1": 0.20, "C2": 0.15, "C3": 0.40, "C4": 0.25}


def triantaphyllou(scale: tuple[float, float] | None = None) -> pb.Assessment:
    criteria = [
        pb.Criterion(name, area="All", kind="benefit", scale=scale)
        for name in TRIANTAPHYLLOU_WEIGHTS
    ]
    return pb.Assessment(["A1", "A2", "A3"], criteria, TRIANTAPHYLLOU)


def test_weighted_sum_triantaphyllou_2000_section_2_2_1():
    # The book sums raw scores: A1 = 21.50, A2 = 22.00, A3 = 22.00. On a common
    # declared scale of 0-100, max normalization divides every score by 100, so the
    # weighted sums are the published values in hundredths.
    report = pb.evaluate(
        triantaphyllou(scale=(0, 100)),
        weighting=pb.weighting.Direct(TRIANTAPHYLLOU_WEIGHTS),
        method=pb.methods.WeightedSum(normalization="max"),
    )
    scores = report.ranking["score"] * 100
    assert scores["A1"] == pytest.approx(21.50, abs=1e-12)
    assert scores["A2"] == pytest.approx(22.00, abs=1e-12)
    assert scores["A3"] == pytest.approx(22.00, abs=1e-12)
    # A2 and A3 tie for first place; equal scores share the better rank.
    assert report.ranking["rank"].to_dict() == {"A2": 1, "A3": 1, "A1": 3}


def test_weighted_product_triantaphyllou_2000_section_2_2_2():
    # WPM compares alternatives by ratios R(AK/AL) = prod (aKj / aLj)^wj:
    # R(A1/A2) = 1.007, R(A1/A3) = 1.067, R(A2/A3) = 1.059, so A1 > A2 > A3.
    report = pb.evaluate(
        triantaphyllou(),
        weighting=pb.weighting.Direct(TRIANTAPHYLLOU_WEIGHTS),
        method=pb.methods.WeightedProduct(),
    )
    score = report.ranking["score"]
    assert score["A1"] / score["A2"] == pytest.approx(1.007, abs=5e-4)
    assert score["A1"] / score["A3"] == pytest.approx(1.067, abs=5e-4)
    assert score["A2"] / score["A3"] == pytest.approx(1.059, abs=5e-4)
    assert list(report.ranking.index) == ["A1", "A2", "A3"]


def test_weighted_product_log_contributions_add_up_to_the_log_score():
    report = pb.evaluate(
        triantaphyllou(),
        weighting=pb.weighting.Direct(TRIANTAPHYLLOU_WEIGHTS),
        method="weighted-product",
    )
    np.testing.assert_allclose(
        report.contributions.sum(axis=1), np.log(report.ranking["score"]), rtol=1e-12
    )
    np.testing.assert_allclose(
        report.ranking["log_score"], np.log(report.ranking["score"]), rtol=1e-12
    )


def test_weighted_product_ranks_risks_like_negative_exponents():
    # Classical WPM with a cost criterion: prod x_benefit^w * x_cost^(-w).
    scores = np.array([[4.0, 2.0], [6.0, 5.0], [3.0, 1.0]])
    w = np.array([0.6, 0.4])
    a = pb.Assessment(
        ["A", "B", "C"],
        [
            pb.Criterion("Gain", area="X", kind="benefit"),
            pb.Criterion("Cost", area="X", kind="risk"),
        ],
        scores,
    )
    classical = scores[:, 0] ** w[0] * scores[:, 1] ** -w[1]
    ours = pb.methods.WeightedProduct().prepare(a).score(w[None, :])[0]
    np.testing.assert_allclose(ours / ours[0], classical / classical[0], rtol=1e-12)


def test_weighted_sum_minmax_is_the_value_scale_of_the_declared_scale():
    a = pb.Assessment(
        ["A", "B"],
        [
            pb.Criterion("Gain", area="X", kind="benefit", scale=(0, 10)),
            pb.Criterion("Harm", area="Y", kind="risk", scale=(0, 10)),
        ],
        [[8.0, 2.0], [4.0, 6.0]],
    )
    report = pb.evaluate(a, weighting=pb.weighting.Direct({"Gain": 1, "Harm": 3}))
    # A: 0.25 * 0.8 + 0.75 * 0.8 = 0.8; B: 0.25 * 0.4 + 0.75 * 0.4 = 0.4.
    assert report.ranking["score"].to_dict() == pytest.approx({"A": 0.8, "B": 0.4})
    assert report.contributions.loc["A"].to_dict() == pytest.approx({"Gain": 0.2, "Harm": 0.6})
    by_area = report.by_area
    assert by_area.loc["B", ("Y", "risk")] == pytest.approx(0.75 * 0.6)
    assert by_area.loc["B", ("X", "benefit")] == pytest.approx(0.25 * 0.4)


# -- scored from the raw scores: the same numbers as from the normalized matrix -------------

PROPERTY = settings(max_examples=60, deadline=None)


@PROPERTY
@given(data=st.data(), normalization=st.sampled_from(NORMALIZATIONS))
def test_weighted_sum_equals_the_product_with_the_normalized_matrix(data, normalization):
    a = data.draw(assessments(), label="assessment")
    batch = data.draw(weight_batches(a.n_criteria, min_rows=1, max_rows=4), label="W")
    prepared = pb.methods.WeightedSum(normalization=normalization).prepare(a)
    expected = batch @ normalize(a, normalization).T
    np.testing.assert_allclose(prepared.score(batch), expected, rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(prepared.normalized, normalize(a, normalization))
    assert not prepared.normalized.flags.writeable


def test_weighted_sum_keeps_every_digit_of_scores_far_from_zero():
    # Nine digits before the point, a spread of two: a product with the raw scores
    # offset by a constant would leave about seven correct digits.
    scores = 1e9 + np.array([[0.0, 2.0], [0.5, 1.0], [2.0, 0.0], [1.25, 0.75]])
    a = pb.Assessment(
        ["A", "B", "C", "D"],
        [
            pb.Criterion("Gain", area="X", kind="benefit"),
            pb.Criterion("Harm", area="X", kind="risk"),
        ],
        scores,
    )
    batch = np.array([[0.3, 0.7], [1.0, 0.0]])
    # Both ranges are 2 and every difference below is exact.
    normalized = np.column_stack([scores[:, 0] - 1e9, 1e9 + 2.0 - scores[:, 1]]) / 2.0
    exact = batch @ normalized.T
    prepared = pb.methods.WeightedSum().prepare(a)
    np.testing.assert_allclose(prepared.score(batch), exact, rtol=1e-15, atol=0)


def test_weighted_sum_gives_no_negative_zero():
    # The risk's best option sits at the top of the turned scale, 0 at the other end.
    a = pb.Assessment(
        ["A", "B"], [pb.Criterion("Harm", area="X", kind="risk", scale=(0, 10))], [[10.0], [4.0]]
    )
    for normalization in ("minmax", "max"):
        score = pb.methods.WeightedSum(normalization=normalization).prepare(a).score([[1.0]])
        assert score[0, 0] == 0.0
        assert not np.signbit(score).any()


@PROPERTY
@given(data=st.data(), normalization=st.sampled_from(POSITIVE_NORMALIZATIONS))
def test_weighted_product_equals_the_product_of_normalized_scores(data, normalization):
    a = data.draw(assessments(), label="assessment")
    batch = data.draw(weight_batches(a.n_criteria, min_rows=1, max_rows=4), label="W")
    prepared = pb.methods.WeightedProduct(normalization=normalization).prepare(a)
    normalized = normalize(a, normalization)
    expected = np.prod(normalized[None, :, :] ** batch[:, None, :], axis=2)
    np.testing.assert_allclose(prepared.score(batch), expected, rtol=1e-12)
    np.testing.assert_array_equal(prepared.normalized, normalized)
    np.testing.assert_allclose(prepared.log_normalized, np.log(normalized), rtol=0, atol=1e-14)
    w = batch[0]
    np.testing.assert_allclose(
        prepared.contributions(w), np.log(normalized) * w, rtol=0, atol=1e-14
    )


@pytest.mark.parametrize("normalization", ["linear", "max"])
def test_weighted_product_names_the_first_score_that_normalizes_to_zero(normalization):
    a = pb.Assessment(
        ["A", "B", "C"],
        [
            pb.Criterion("Gain", area="X", kind="benefit"),
            pb.Criterion("Harm", area="X", kind="risk", scale=(0, 10)),
        ],
        [[3.0, 2.0], [0.0, 10.0], [2.0, 5.0]],
    )
    with pytest.raises(NormalizationError) as caught:
        pb.methods.WeightedProduct(normalization=normalization).prepare(a)
    message = str(caught.value)
    # Row by row, B's zero gain comes first (and under "max", so does B's harm at the
    # top of its scale, which normalizes to 0 as well).
    assert "option 'B' gets 0 on criterion 'Gain' (score 0)" in message
    assert f"under the {normalization!r} normalization" in message
