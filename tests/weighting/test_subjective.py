"""Equal, direct and rank-order-centroid weights."""

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.weighting import rank_order_centroid


def assessment(m: int) -> pb.Assessment:
    criteria = [pb.Criterion(f"C{j}", area="X", kind="benefit") for j in range(m)]
    scores = np.arange(2 * m, dtype=float).reshape(2, m)
    return pb.Assessment(["A", "B"], criteria, scores)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_rank_order_centroid_barron_barrett_1996_closed_form(n):
    # Barron, F. H. and Barrett, B. E. (1996). Decision quality using ranked attribute
    # weights. Management Science 42(11), 1515-1523: w_i = (1/n) sum_{k=i}^{n} 1/k.
    expected = [sum(1 / k for k in range(i, n + 1)) / n for i in range(1, n + 1)]
    a = assessment(n)
    weights = pb.weighting.RankOrderCentroid([f"C{j}" for j in range(n)]).weigh(a)
    np.testing.assert_allclose(weights.to_series().to_numpy(), expected, rtol=1e-14)


def test_rank_order_centroid_printed_values_for_four_criteria():
    # The n = 4 weights as usually printed (two decimals): 0.52, 0.27, 0.15, 0.06.
    np.testing.assert_allclose(
        rank_order_centroid([1, 1, 1, 1]), [0.52, 0.27, 0.15, 0.06], atol=5e-3
    )


def test_rank_order_centroid_with_ties_is_the_centroid_of_the_tied_region():
    # Region {w1 >= w2 = w3 >= w4 >= 0, sum 1}: corners (1,0,0,0), (1/3,1/3,1/3,0),
    # (1/4,1/4,1/4,1/4); the centroid is their mean.
    corners = np.array([[1, 0, 0, 0], [1 / 3, 1 / 3, 1 / 3, 0], [1 / 4] * 4])
    np.testing.assert_allclose(rank_order_centroid([1, 2, 1]), corners.mean(axis=0))
    a = assessment(4)
    w = pb.weighting.RankOrderCentroid(["C2", ["C0", "C3"], "C1"]).weigh(a)
    assert w["C0"] == w["C3"]
    assert w["C2"] > w["C0"] > w["C1"]


def test_rank_order_centroid_ties_match_a_monte_carlo_centroid():
    rng = np.random.default_rng(0)
    samples = rng.dirichlet(np.ones(3), size=400_000)
    # Map sorted free coordinates onto the tied ranking [[a], [b, c], [d]] via corners.
    corners = np.array([[1, 0, 0, 0], [1 / 3, 1 / 3, 1 / 3, 0], [1 / 4] * 4])
    points = samples @ corners
    np.testing.assert_allclose(rank_order_centroid([1, 2, 1]), points.mean(axis=0), atol=2e-3)


def test_equal_weights():
    w = pb.weighting.Equal().weigh(assessment(4))
    assert dict(w) == {f"C{j}": 0.25 for j in range(4)}


def test_direct_rescales_points_and_follows_the_assessment_order():
    a = assessment(3)
    w = pb.weighting.Direct({"C2": 50, "C0": 25, "C1": 25}).weigh(a)
    assert list(w) == ["C0", "C1", "C2"]
    assert w.to_series().tolist() == [0.25, 0.25, 0.5]


def test_a_plain_function_is_a_weighting_scheme():
    a = assessment(2)
    report = pb.evaluate(a, weighting=lambda _: {"C0": 3, "C1": 1})
    assert dict(report.weights) == {"C0": 0.75, "C1": 0.25}


def test_fixed_weights_are_a_weighting_scheme():
    a = assessment(2)
    w = pb.Weights.from_mapping({"C0": 1, "C1": 1})
    assert pb.evaluate(a, weighting=w).weights == w


def test_weights_by_area_and_mapping_protocol():
    criteria = [
        pb.Criterion("A1", area="A", kind="benefit"),
        pb.Criterion("B1", area="B", kind="risk"),
        pb.Criterion("A2", area="A", kind="benefit"),
    ]
    a = pb.Assessment(["x", "y"], criteria, [[1, 2, 3], [2, 1, 0]])
    w = pb.Weights.from_mapping({"A1": 1, "B1": 2, "A2": 1})
    assert w.by_area(a).to_dict() == {"A": 0.5, "B": 0.5}
    assert list(w.values()) == [0.25, 0.5, 0.25]
    assert len(w) == 3
    assert "B1" in w
    with pytest.raises(pb.errors.UnknownNameError, match="Did you mean 'B1'"):
        w["b1"]


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_rank_sum_and_rank_reciprocal_stillwell_seaver_edwards_1981_closed_forms(n):
    # Stillwell, W. G., Seaver, D. A. and Edwards, W. (1981). A comparison of weight
    # approximation techniques in multiattribute utility decision making. Organizational
    # Behavior and Human Performance 28(1), 62-77: rank sum w_i = 2(n + 1 - i) / (n(n + 1)),
    # rank reciprocal w_i = (1/i) / sum_k (1/k).
    a = assessment(n)
    names = [f"C{j}" for j in range(n)]
    rank_sum = [2 * (n + 1 - i) / (n * (n + 1)) for i in range(1, n + 1)]
    reciprocal = [(1 / i) / sum(1 / k for k in range(1, n + 1)) for i in range(1, n + 1)]
    got_sum = pb.weighting.RankSum(names).weigh(a).to_series().to_numpy()
    got_reciprocal = pb.weighting.RankReciprocal(names).weigh(a).to_series().to_numpy()
    np.testing.assert_allclose(got_sum, rank_sum, rtol=1e-14)
    np.testing.assert_allclose(got_reciprocal, reciprocal, rtol=1e-14)


def test_rank_sum_and_reciprocal_ties_share_their_positions_weight():
    a = assessment(4)
    ranking = ["C0", ["C1", "C2"], "C3"]
    for scheme, untied in [
        (pb.weighting.RankSum, [0.4, 0.3, 0.2, 0.1]),
        (pb.weighting.RankReciprocal, np.array([1, 1 / 2, 1 / 3, 1 / 4]) / (25 / 12)),
    ]:
        w = scheme(ranking).weigh(a)
        assert w["C1"] == pytest.approx((untied[1] + untied[2]) / 2)
        assert w["C1"] == w["C2"]
        assert w["C0"] == pytest.approx(untied[0])
        assert w["C3"] == pytest.approx(untied[3])


def test_swing_weights_are_normalized_points():
    a = assessment(3)
    w = pb.weighting.Swing({"C0": 100, "C1": 50, "C2": 0}).weigh(a)
    assert w.to_series().tolist() == pytest.approx([2 / 3, 1 / 3, 0.0])


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ({"C0": 80, "C1": 50}, "a mapping with 100 for the criterion.*highest points given are 80"),
        ({"C0": 100, "C1": 150}, r"points\['C1'\] must be a number from 0 to 100; got 150"),
        ({"C0": 100, "C1": -5}, r"points\['C1'\] must be a number from 0 to 100; got -5"),
    ],
)
def test_swing_rejects_points_off_the_scale(points, message):
    with pytest.raises(pb.errors.WeightError, match=message):
        pb.weighting.Swing(points)


@pytest.mark.parametrize(
    "scheme",
    [
        pb.weighting.RankSum(["C0", "C1", "Cx"]),
        pb.weighting.RankReciprocal(["C0", "C1", "Cx"]),
        pb.weighting.Swing({"C0": 100, "C1": 50, "Cx": 20}),
    ],
)
def test_unknown_criteria_are_named(scheme):
    with pytest.raises(
        pb.errors.WeightError, match="must be a criterion of the assessment; got 'Cx'"
    ):
        scheme.weigh(assessment(3))
