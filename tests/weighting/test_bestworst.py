"""Rezaei's Best-Worst Method: published examples, validation and properties."""

import math
import warnings
from fractions import Fraction

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance._linprog import linprog
from powerbalance.errors import ConsistencyWarning, InvalidParameterError, JudgementError
from powerbalance.weighting.bestworst import (
    BestWorst,
    BestWorstResult,
    best_worst_consistency_index,
    best_worst_input_consistency_threshold,
)

# Rezaei, J. (2016). Best-worst multi-criteria decision-making method: Some properties
# and a linear model. Omega 64, 126-130. The car example: five criteria, price is the
# best and style the worst.
CAR = ["quality", "price", "comfort", "safety", "style"]


def car(best_to_others, others_to_worst, model="linear"):
    return BestWorst(
        best="price",
        worst="style",
        best_to_others=dict(zip(CAR, best_to_others, strict=True)),
        others_to_worst=dict(zip(CAR, others_to_worst, strict=True)),
        model=model,
    )


def assessment(names):
    criteria = [pb.Criterion(name, area="X", kind="benefit") for name in names]
    scores = np.arange(2.0 * len(names)).reshape(2, len(names))
    return pb.Assessment(["A", "B"], criteria, scores)


def simple(**changes):
    judgements = {
        "best": "a",
        "worst": "c",
        "best_to_others": {"a": 1, "b": 2, "c": 4},
        "others_to_worst": {"a": 4, "b": 2, "c": 1},
    }
    judgements.update(changes)
    return BestWorst(**judgements)


# -- published examples -----------------------------------------------------------------


def test_rezaei_2015_three_criteria_example():
    # Rezaei, J. (2015). Best-worst multi-criteria decision-making method. Omega 53,
    # 49-57: the introductory three-criterion example, C3 best and C1 worst, with
    # a_B = (8, 2, 1) and a_W = (1, 5, 8), solved with the (non-linear) minmax model:
    # weights 0.071, 0.338, 0.589 and xi* = 0.26 (as quoted, to two and three
    # decimals, by the test suites of JMcDM and RMCDA, which cite the paper).
    # a_BW = 8, so the consistency ratio is xi* / CI(8) = xi* / 4.47.
    result = BestWorst(
        best="C3",
        worst="C1",
        best_to_others={"C1": 8, "C2": 2, "C3": 1},
        others_to_worst={"C1": 1, "C2": 5, "C3": 8},
        model="nonlinear",
    ).solve()
    np.testing.assert_allclose(result.weights.array, [0.071, 0.338, 0.589], atol=1.5e-3)
    assert result.xi == pytest.approx(0.26, abs=5e-3)
    assert result.consistency_ratio == pytest.approx(result.xi / 4.47, rel=1e-12)
    # At the optimum w3/w1 = 8 + xi and w2/w1 = 5 - xi, so (w2 + w3)/w1 = 13: w1 = 1/14.
    assert result.weights["C1"] == pytest.approx(1 / 14, rel=1e-12)


@pytest.mark.parametrize("model", ["linear", "nonlinear"])
def test_rezaei_2016_table_2_fully_consistent(model):
    # Rezaei (2016), Table 2: a_B = (2, 1, 4, 2, 8), a_W = (4, 8, 2, 4, 1), fully
    # consistent (a_Bj a_jW = a_BW = 8 for every j); published weights 0.2105, 0.4211,
    # 0.1053, 0.2105, 0.0526 with xi = 0 under both models. Exactly (4, 8, 2, 4, 1)/19.
    result = car([2, 1, 4, 2, 8], [4, 8, 2, 4, 1], model).solve()
    np.testing.assert_allclose(result.weights.array, np.array([4, 8, 2, 4, 1]) / 19, atol=1e-15)
    np.testing.assert_allclose(
        result.weights.array, [0.2105, 0.4211, 0.1053, 0.2105, 0.0526], atol=5e-5
    )
    assert result.xi == pytest.approx(0.0, abs=1e-15)
    assert result.input_consistency_ratio == 0.0


def test_rezaei_2016_table_3_linear_model():
    # Rezaei (2016), Table 3: a_B = (2, 1, 4, 3, 8), a_W = (4, 8, 2, 3, 1). Section 4
    # publishes the linear model's weights 0.2295, 0.4481, 0.1148, 0.1530, 0.0546 and
    # xi^L = 0.0109. The exact optimum is xi^L = 2/183.
    result = car([2, 1, 4, 3, 8], [4, 8, 2, 3, 1]).solve()
    assert result.model == "linear"
    np.testing.assert_allclose(
        result.weights.array, [0.2295, 0.4481, 0.1148, 0.1530, 0.0546], atol=5e-5
    )
    assert result.xi == pytest.approx(0.0109, abs=5e-5)
    assert result.xi == float(Fraction(2, 183))
    assert result.consistency_ratio is None
    for name, (low, high) in result.weight_intervals.items():
        assert low == high == result.weights[name]


def test_rezaei_2016_table_3_nonlinear_model_and_its_intervals():
    # Rezaei (2016), Section 3, for the Table 3 judgements: xi* = 0.1459 and the optimal
    # weight intervals [0.2145, 0.2289], [0.4461, 0.4571], [0.1085, 0.1176],
    # [0.1563, 0.1602], [0.0548, 0.0561]. The consistency ratio uses CI(8) = 4.47 from
    # Rezaei's (2015) table. Exactly, xi* = (7 - sqrt(45)) / 2, where (3 - xi)^2 = 8 + xi.
    result = car([2, 1, 4, 3, 8], [4, 8, 2, 3, 1], "nonlinear").solve()
    assert result.xi == pytest.approx(0.1459, abs=5e-5)
    assert result.xi == pytest.approx((7 - math.sqrt(45)) / 2, rel=1e-14)
    assert result.consistency_ratio == pytest.approx(result.xi / 4.47, rel=1e-15)
    published = [(0.2145, 0.2289), (0.4461, 0.4571), (0.1085, 0.1176), (0.1563, 0.1602)]
    published.append((0.0548, 0.0561))
    for name, (low, high) in zip(CAR, published, strict=True):
        ours = result.weight_intervals[name]
        assert ours == pytest.approx((low, high), abs=5e-5)
        assert ours[0] <= result.weights[name] <= ours[1]


def test_rezaei_2016_table_4_nonlinear_model():
    # Rezaei (2016), Table 4: a_B = (2, 1, 4, 3, 8), a_W = (4, 8, 4, 2, 1), a deliberately
    # inconsistent case with xi* = 1: comfort's (4 - xi)^2 must reach 8 + xi.
    result = car([2, 1, 4, 3, 8], [4, 8, 4, 2, 1], "nonlinear").solve()
    assert result.xi == pytest.approx(1.0, rel=1e-14)


def test_rezaei_2015_consistency_index_table():
    # Rezaei (2015), the consistency index table for a_BW = 1..9. Each entry is the
    # smaller root of xi^2 - (1 + 2 a) xi + (a^2 - a) = 0, rounded to two decimals.
    table = [0.00, 0.44, 1.00, 1.63, 2.30, 3.00, 3.73, 4.47, 5.23]
    for a, published in zip(range(1, 10), table, strict=True):
        assert best_worst_consistency_index(a) == published
        root = ((2 * a + 1) - math.sqrt(8 * a + 1)) / 2
        assert round(root, 2) == published
    assert best_worst_consistency_index(2.5) == pytest.approx((6 - math.sqrt(21)) / 2)


def test_consistency_index_is_the_worst_case_xi_of_the_nonlinear_model():
    # Rezaei (2015): CI(a_BW) is xi* when some a_Bj = a_jW = a_BW.
    for a in range(2, 10):
        scheme = BestWorst(
            best="b",
            worst="w",
            best_to_others={"b": 1, "j": a, "w": a},
            others_to_worst={"b": a, "j": a, "w": 1},
            model="nonlinear",
        )
        assert scheme.solve().xi == pytest.approx(((2 * a + 1) - math.sqrt(8 * a + 1)) / 2)
        assert round(scheme.solve().consistency_ratio, 2) == 1.0


def test_liang_brunelli_rezaei_2020_input_based_ratio_and_thresholds():
    # Liang, Brunelli and Rezaei (2020), Omega 96, 102175: CR^I = max_j
    # |a_Bj a_jW - a_BW| / (a_BW^2 - a_BW); thresholds from their Table 3.
    result = car([2, 1, 4, 3, 8], [4, 8, 2, 3, 1]).solve()
    assert result.input_consistency_ratio == pytest.approx(1 / 56)  # safety: |9 - 8| / 56
    assert result.input_consistency_by_criterion["safety"] == pytest.approx(1 / 56)
    assert result.input_consistency_by_criterion["quality"] == 0.0
    assert result.input_consistency_threshold == 0.2958
    assert result.input_consistency_acceptable is True
    assert best_worst_input_consistency_threshold(3, 7) == 0.1667
    assert best_worst_input_consistency_threshold(4, 3) == 0.1121
    assert best_worst_input_consistency_threshold(5, 5) == 0.2306
    assert best_worst_input_consistency_threshold(9, 9) == 0.3662
    assert best_worst_input_consistency_threshold(2, 4) == 0.0
    for a_bw, m in [(1, 5), (2.5, 5), (9, 2), (9, 10)]:
        assert best_worst_input_consistency_threshold(a_bw, m) is None


@pytest.mark.parametrize("value", [0.5, 10, float("nan"), "8", True])
def test_scale_value_functions_reject_values_off_the_scale(value):
    with pytest.raises(InvalidParameterError, match="from 1 to 9"):
        best_worst_consistency_index(value)
    with pytest.raises(InvalidParameterError, match="from 1 to 9"):
        best_worst_input_consistency_threshold(value, 5)


# -- the scheme -------------------------------------------------------------------------


def test_weigh_follows_the_assessment_order():
    scheme = car([2, 1, 4, 3, 8], [4, 8, 2, 3, 1])
    names = ["style", "safety", "comfort", "price", "quality"]
    weights = scheme.weigh(assessment(names))
    assert isinstance(weights, pb.Weights)
    assert list(weights) == names
    solved = scheme.solve().weights
    for name in names:
        assert weights[name] == pytest.approx(solved[name], rel=1e-12)


def test_weigh_works_through_evaluate():
    scheme = simple()
    report = pb.evaluate(assessment(["a", "b", "c"]), weighting=scheme)
    assert dict(report.weights) == pytest.approx({"a": 4 / 7, "b": 2 / 7, "c": 1 / 7})


def test_one_and_two_criteria():
    one = BestWorst(best="a", worst="a", best_to_others={"a": 1}, others_to_worst={"a": 1})
    for model in ("linear", "nonlinear"):
        result = attrs.evolve(one, model=model).solve()
        assert dict(result.weights) == {"a": 1.0}
        assert result.xi == 0.0
    two = BestWorst(
        best="a", worst="b", best_to_others={"a": 1, "b": 3}, others_to_worst={"a": 3, "b": 1}
    )
    for model in ("linear", "nonlinear"):
        result = attrs.evolve(two, model=model).solve()
        assert dict(result.weights) == pytest.approx({"a": 0.75, "b": 0.25})
        assert result.xi == 0.0
        assert result.input_consistency_acceptable is True


def test_non_integer_judgements_are_accepted():
    scheme = BestWorst(
        best="a",
        worst="c",
        best_to_others={"a": 1, "b": 1.5, "c": 4.5},
        others_to_worst={"a": 4.5, "b": 3, "c": 1},
    )
    result = scheme.solve()
    np.testing.assert_allclose(result.weights.array, np.array([4.5, 3, 1]) / 8.5)
    assert result.input_consistency_threshold is None  # no published threshold for 4.5
    assert result.input_consistency_acceptable is True  # but it is fully consistent
    assert attrs.evolve(scheme, model="nonlinear").solve().consistency_ratio == 0.0


def test_inconsistent_judgements_warn_in_weigh_only():
    scheme = BestWorst(
        best="a",
        worst="c",
        best_to_others={"a": 1, "b": 3, "c": 5},
        others_to_worst={"a": 5, "b": 3, "c": 1},
    )
    result = scheme.solve()  # no warning: the result reports it
    assert result.input_consistency_ratio == pytest.approx(4 / 20)
    assert result.input_consistency_acceptable is False
    with pytest.warns(ConsistencyWarning, match=r"'b'.*3 x 3 = 9.*a_BW = 5"):
        weights = scheme.weigh(assessment(["a", "b", "c"]))
    assert sum(weights.values()) == pytest.approx(1.0)


def test_consistent_judgements_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        simple().weigh(assessment(["a", "b", "c"]))


def test_inputs_are_copied_and_read_only():
    best_to_others = {"a": 1, "b": 2, "c": 4}
    others_to_worst = {"a": 4, "b": 2, "c": 1}
    scheme = simple(best_to_others=best_to_others, others_to_worst=others_to_worst)
    best_to_others["b"] = 9
    others_to_worst["d"] = 3
    assert scheme.best_to_others == {"a": 1, "b": 2, "c": 4}
    assert best_to_others == {"a": 1, "b": 9, "c": 4}  # the caller's dict is untouched
    with pytest.raises(TypeError):
        scheme.best_to_others["b"] = 3
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        scheme.best = "b"
    assert "best_to_others={'a': 1.0, 'b': 2.0, 'c': 4.0}" in repr(scheme)


def test_parameters_are_keyword_only():
    with pytest.raises(TypeError):
        BestWorst("a", "c", {"a": 1, "c": 2}, {"a": 2, "c": 1})


def test_evolve_validates_again():
    with pytest.raises(JudgementError, match=r"must be equal, since both judge.*got 5 and 4"):
        attrs.evolve(simple(), best_to_others={"a": 1, "b": 2, "c": 5})


def test_solve_is_deterministic_and_the_result_is_frozen():
    scheme = car([2, 1, 4, 3, 8], [4, 8, 2, 3, 1])
    first, second = scheme.solve(), scheme.solve()
    assert first == second
    assert isinstance(first, BestWorstResult)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.xi = 0.0
    with pytest.raises(TypeError):
        first.weight_intervals["price"] = (0.0, 1.0)


def test_result_frame():
    frame = car([2, 1, 4, 3, 8], [4, 8, 2, 3, 1], "nonlinear").solve().to_frame()
    assert frame.columns.tolist() == ["weight", "lower", "upper", "input_consistency"]
    assert frame.index.name == "criterion"
    assert frame.index.tolist() == CAR
    assert (frame["lower"] <= frame["weight"]).all()
    assert (frame["weight"] <= frame["upper"]).all()


def test_thirty_criteria_are_solved_quickly_and_exactly():
    rng = np.random.default_rng(30)
    names = [f"C{j}" for j in range(30)]
    to_best = rng.integers(1, 10, 30).astype(float)
    to_worst = rng.integers(1, 10, 30).astype(float)
    to_best[0], to_worst[1] = 1, 1
    to_worst[0] = to_best[1]
    for model in ("linear", "nonlinear"):
        scheme = BestWorst(
            best="C0",
            worst="C1",
            best_to_others=dict(zip(names, to_best, strict=True)),
            others_to_worst=dict(zip(names, to_worst, strict=True)),
            model=model,
        )
        result = scheme.solve()
        assert result.weights.array.min() >= 0
        assert result.weights.array.sum() == pytest.approx(1.0)
        assert result.xi == pytest.approx(_deviation(scheme, result.weights.array), rel=1e-9)


# -- validation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"best_to_others": {"a": 1, "b": 12, "c": 4}},
            r"best_to_others\['b'\] must be a number from 1 to 9; got 12.*'a' is than 'b'",
        ),
        (
            {"best_to_others": {"a": 1, "b": 0.5, "c": 4}},
            r"best_to_others\['b'\] must be a number from 1 to 9; got 0.5",
        ),
        (
            {"others_to_worst": {"a": 4, "b": float("nan"), "c": 1}},
            r"others_to_worst\['b'\].*got nan",
        ),
        (
            {"others_to_worst": {"a": 4, "b": float("inf"), "c": 1}},
            r"others_to_worst\['b'\].*got inf",
        ),
        (
            {"others_to_worst": {"a": 4, "b": "2", "c": 1}},
            r"others_to_worst\['b'\] must be a number",
        ),
        (
            {"best_to_others": {"a": 1, "b": True, "c": 4}},
            r"best_to_others\['b'\] must be a number",
        ),
        (
            {"best_to_others": {"a": 1, 2: 2, "c": 4}},
            "the keys of best_to_others must be criterion names; got 2",
        ),
        ({"worst": "a"}, "'a' is named both the best and the worst"),
        (
            {"best_to_others": {"a": 2, "b": 2, "c": 4}},
            r"best_to_others\['a'\] must be 1; got 2.0. It compares the best criterion with itself",
        ),
        (
            {"others_to_worst": {"a": 4, "b": 2, "c": 2}},
            r"others_to_worst\['c'\] must be 1; got 2.0\. It compares the worst criterion",
        ),
        (
            {"others_to_worst": {"a": 5, "b": 2, "c": 1}},
            r"best_to_others\['c'\] and others_to_worst\['a'\] must be equal.*got 4 and 5",
        ),
        (
            {"best_to_others": {"a": 1, "bb": 2, "c": 4}},
            r"others_to_worst must judge every criterion best_to_others judges; "
            r"got none for 'bb'.*Did you mean 'b'",
        ),
        (
            {"others_to_worst": {"a": 4, "b": 2, "c": 1, "d": 3}},
            "best_to_others must judge every criterion others_to_worst judges; got none for 'd'",
        ),
        (
            {"best": "A"},
            r"best must be one of the judged criteria 'a', 'b', 'c'; got 'A'. Did you mean 'a'",
        ),
        ({"worst": "z"}, "worst must be one of the judged criteria 'a', 'b', 'c'; got 'z'"),
        ({"best": ""}, "best must be a criterion name"),
        (
            {"best_to_others": {}, "others_to_worst": {}},
            "must judge at least one criterion; got none",
        ),
        (
            {
                "best_to_others": {"a": 1, "b": 3, "c": 1},
                "others_to_worst": {"a": 1, "b": 1, "c": 1},
            },
            r"best_to_others\['b'\] must be 1.*a_BW = 1.*got 3",
        ),
    ],
)
def test_invalid_judgements(changes, message):
    with pytest.raises(JudgementError, match=message):
        simple(**changes)


def test_judgement_errors_are_weight_and_value_errors():
    with pytest.raises(pb.errors.WeightError):
        simple(worst="a")
    with pytest.raises(ValueError, match="best and the worst"):
        simple(worst="a")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"model": "quadratic"}, "model must be 'linear'.*or 'nonlinear'"),
        ({"best_to_others": [1, 2, 4]}, "best_to_others must be a mapping"),
        ({"others_to_worst": "a"}, "others_to_worst must be a mapping"),
    ],
)
def test_invalid_parameters(changes, message):
    with pytest.raises(InvalidParameterError, match=message):
        simple(**changes)


def test_weigh_rejects_a_criterion_the_assessment_lacks():
    with pytest.raises(
        JudgementError, match=r"must be criteria of the assessment; got 'b'.*Did you mean 'B'"
    ):
        simple().weigh(assessment(["a", "B", "c"]))


def test_weigh_rejects_an_assessment_criterion_without_judgements():
    with pytest.raises(
        JudgementError,
        match="must cover every criterion of the assessment; got none for criterion 'd'",
    ):
        simple().weigh(assessment(["a", "b", "c", "d"]))


# -- properties -------------------------------------------------------------------------


def _deviation(scheme, weights):
    """The largest deviation of the chosen model's constraints at ``weights``."""
    names = scheme.criterion_names
    w = dict(zip(names, weights, strict=True))
    best, worst = w[scheme.best], w[scheme.worst]
    if scheme.model == "linear":
        terms = [abs(best - scheme.best_to_others[n] * w[n]) for n in names]
        terms += [abs(w[n] - scheme.others_to_worst[n] * worst) for n in names]
    else:
        terms = [abs(best / w[n] - scheme.best_to_others[n]) for n in names]
        terms += [abs(w[n] / worst - scheme.others_to_worst[n]) for n in names]
    return max(terms)


@st.composite
def consistent_judgements(draw):
    """Judgements a_Bj = w_B / w_j, a_jW = w_j / w_W from positive weights within 1..9."""
    m = draw(st.integers(min_value=2, max_value=9))
    values = draw(st.lists(st.floats(1.0, 9.0), min_size=m, max_size=m))
    w = np.array(values)
    best, worst = int(np.argmax(w)), int(np.argmin(w))
    if best == worst:
        best, worst = 0, 1
    names = [f"c{j}" for j in range(m)]
    scheme = BestWorst(
        best=names[best],
        worst=names[worst],
        best_to_others={n: w[best] / w[j] for j, n in enumerate(names)},
        others_to_worst={n: w[j] / w[worst] for j, n in enumerate(names)},
        model=draw(st.sampled_from(["linear", "nonlinear"])),
    )
    return scheme, w / w.sum()


@st.composite
def integer_judgements(draw, max_criteria=8):
    """Any valid integer judgements, consistent or not."""
    m = draw(st.integers(min_value=3, max_value=max_criteria))
    names = [f"c{j}" for j in range(m)]
    scale = st.integers(min_value=1, max_value=9)
    to_best = draw(st.lists(scale, min_size=m, max_size=m))
    to_worst = draw(st.lists(scale, min_size=m, max_size=m))
    a_bw = draw(st.integers(min_value=2, max_value=9))
    to_best[0], to_best[1], to_worst[0], to_worst[1] = 1, a_bw, a_bw, 1
    return BestWorst(
        best="c0",
        worst="c1",
        best_to_others=dict(zip(names, to_best, strict=True)),
        others_to_worst=dict(zip(names, to_worst, strict=True)),
        model=draw(st.sampled_from(["linear", "nonlinear"])),
    )


@settings(max_examples=60, deadline=None)
@given(consistent_judgements())
def test_fully_consistent_judgements_give_back_their_weights(case):
    scheme, expected = case
    result = scheme.solve()
    np.testing.assert_allclose(result.weights.array, expected, rtol=1e-9, atol=1e-12)
    assert result.xi == pytest.approx(0.0, abs=1e-9)
    assert result.input_consistency_ratio == pytest.approx(0.0, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(integer_judgements())
def test_weights_are_optimal_non_negative_and_sum_to_one(scheme):
    result = scheme.solve()
    weights = result.weights.array
    assert (weights >= 0).all()
    assert weights.sum() == pytest.approx(1.0, abs=1e-12)
    # The reported xi is what the weights achieve: they are an optimal solution.
    assert _deviation(scheme, weights) == pytest.approx(result.xi, rel=1e-9, abs=1e-12)
    for name, (low, high) in result.weight_intervals.items():
        assert low <= result.weights[name] + 1e-12
        assert result.weights[name] <= high + 1e-12


def _nonlinear_feasible(scheme, xi):
    """Is xi feasible for the non-linear model? An exact LP check with w_B = 1."""
    names = scheme.criterion_names
    m, b, w = len(names), names.index(scheme.best), names.index(scheme.worst)
    xi = Fraction(xi)
    rows = []

    def between(numerator, denominator, a):
        # (a - xi) w_den <= w_num <= (a + xi) w_den
        upper, lower = [Fraction(0)] * m, [Fraction(0)] * m
        upper[numerator] += 1
        upper[denominator] -= Fraction(a) + xi
        lower[numerator] -= 1
        lower[denominator] += Fraction(a) - xi
        rows.extend([upper, lower])

    for j in range(m):
        between(b, j, scheme.best_to_others[names[j]])
        between(j, w, scheme.others_to_worst[names[j]])
    unit = [[1 if j == b else 0 for j in range(m)]]
    result = linprog([0] * m, a_ub=rows, b_ub=[0] * len(rows), a_eq=unit, b_eq=[1])
    return result.status == "optimal"


@settings(max_examples=25, deadline=None)
@given(integer_judgements(max_criteria=6))
def test_the_closed_form_nonlinear_optimum_agrees_with_linear_programming(scheme):
    # For fixed xi the non-linear model's constraints are linear in w, so an exact LP
    # decides feasibility: xi* must be feasible (just above, for its rounding) and
    # anything clearly below it infeasible.
    xi = attrs.evolve(scheme, model="nonlinear").solve().xi
    assert _nonlinear_feasible(scheme, xi * (1 + 1e-12) + 1e-12)
    if xi > 1e-6:
        assert not _nonlinear_feasible(scheme, xi - 1e-6)
