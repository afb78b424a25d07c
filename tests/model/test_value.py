"""Value functions: published examples, hand-computed values, properties and bad input."""

from __future__ import annotations

import math
import pickle
import re

import attrs
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, InvalidScoreError, PowerbalanceError
from powerbalance.model.value import Exponential, Linear, Piecewise, ValueFunction

PROPERTY = settings(max_examples=200, deadline=None)


def kirkwood(x: float, low: float, high: float, rho: float, increasing: bool) -> float:
    """Kirkwood's (1997, chapter 4) exponential value function, written out plainly."""
    distance = x - low if increasing else high - x
    return 100 * (1 - math.exp(-distance / rho)) / (1 - math.exp(-(high - low) / rho))


# -- published examples -----------------------------------------------------------------

# Boehmke, B. C. and Freels, J. K. KraljicMatrix: A Quantified Implementation of the
# Kraljic Matrix. R package (CRAN, first released December 2016), version 0.2.1, help page
# of SAVF_score, section Examples: ten performances on a scale bounded by 1 and 5 (printed
# to 6 decimals) and their exponential single attribute values for "rho = .653" (printed
# to 7 decimals). The package writes the curve as
# (1 - exp(-rho (x - low))) / (1 - exp(-rho (high - low))), so its rho is the reciprocal
# of Kirkwood's exponential constant: here Kirkwood's rho is 1 / 0.653 units of x.
KRALJIC_PERFORMANCE = [
    2.964853, 1.963182, 1.223949, 1.562025, 4.381467,
    2.286030, 3.071066, 4.470875, 3.920913, 4.314907,
]  # fmt: skip
KRALJIC_VALUES = [
    0.7800556, 0.5038275, 0.1468234, 0.3315217, 0.9605856,
    0.6131944, 0.8001003, 0.9673124, 0.9189685, 0.9553165,
]  # fmt: skip


def test_exponential_boehmke_freels_kraljicmatrix_savf_score():
    values = Exponential(rho=1 / 0.653).values(KRALJIC_PERFORMANCE, worst=1, best=5)
    # The printed values carry 7 decimals (half a unit: 5e-8) and were computed from
    # performances that are printed to 6 decimals (half a unit: 5e-7), which the curve's
    # steepest slope on this scale, 0.653 / (1 - exp(-4 * 0.653)) < 0.705, can move by
    # at most 3.6e-7. On the 0-100 scale: 100 * (5e-8 + 0.705 * 5e-7).
    np.testing.assert_allclose(
        values, 100 * np.array(KRALJIC_VALUES), rtol=0, atol=100 * (5e-8 + 0.705 * 5e-7)
    )
    # Exact recomputation of the package's formula at the printed performances.
    rate = 0.653
    exact = [
        100 * (1 - math.exp(-rate * (x - 1))) / (1 - math.exp(-rate * 4))
        for x in KRALJIC_PERFORMANCE
    ]
    np.testing.assert_allclose(values, exact, rtol=1e-13, atol=0)


def test_exponential_kraljicmatrix_example_as_a_risk():
    # The same curve mirrored: a risk on the same scale, with worst = 5 and best = 1,
    # valued at the performances reflected about the middle (x -> 6 - x).
    reflected = 6 - np.array(KRALJIC_PERFORMANCE)
    values = Exponential(rho=1 / 0.653).values(reflected, worst=5, best=1)
    np.testing.assert_allclose(values, 100 * np.array(KRALJIC_VALUES), rtol=0, atol=4e-5)


def test_piecewise_meyer_bigaret_hodgett_olteanu_mcda_transport_example():
    # Meyer, P., Bigaret, S., Hodgett, R. and Olteanu, A.-L. MCDA: Functions to Support
    # the Multicriteria Decision Aiding Process. R package (CRAN), manual page of
    # applyPiecewiseLinearValueFunctionsOnPerformanceTable (section Examples, version
    # 0.0.19 onwards) and the package's test of that function: break points of three
    # piecewise-linear value functions (Price and Time lower-is-better, Comfort
    # higher-is-better), five transport options RER, METRO1, METRO2, BUS and TAXI, and the
    # expected transformed table (checked there with identical()). The package's values
    # run from 0 to each criterion's share of the total (0.0875, 0.9, 0.0125); here both
    # the break points' values and the expected values are rescaled to 0-100 by dividing
    # by that top value.
    functions = {
        "Price": ([(30, 0), (16, 0), (2, 0.0875)], 30, 2),
        "Time": ([(40, 0), (30, 0), (20, 0.025), (10, 0.9)], 40, 10),
        "Comfort": ([(0, 0), (1, 0), (2, 0.0125), (3, 0.0125)], 0, 3),
    }
    performance = np.array([[3, 10, 1], [4, 20, 2], [2, 20, 0], [6, 40, 0], [30, 30, 3]])
    expected = np.array(
        [
            [0.08125, 0.9, 0],
            [0.075, 0.025, 0.0125],
            [0.0875, 0.025, 0],
            [0.0625, 0, 0],
            [0, 0, 0.0125],
        ]
    )
    for column, (name, (points, worst, best)) in enumerate(functions.items()):
        top = max(value for _, value in points)
        function = Piecewise(points=[(raw, 100 * value / top) for raw, value in points])
        got = function.values(performance[:, column], worst=worst, best=best)
        np.testing.assert_allclose(got, 100 * expected[:, column] / top, rtol=1e-13, err_msg=name)


def test_piecewise_bisection_salary_example_helsinki_value_tree_analysis():
    # Systems Analysis Laboratory, Helsinki University of Technology (R. P. Hamalainen,
    # director). Value Tree Analysis, eLearning resources for multiple criteria decision
    # analysis (2002), "Value measurement techniques: Bisection method", job selection
    # example: the value function for "Expected salary in 3 years" on 2,500-3,500 euro a
    # month is elicited by bisection. The decision maker's midpoint of the range is
    # m1 = 2,900 (value 0.5), the midpoint between 2,500 and m1 is m2 = 2,620
    # (v = 0.5 v(2500) + 0.5 v(2900) = 0.25), and the midpoint between m1 and 3,500 is
    # m3 = 3,150 (v = 0.75); the function is approximated through these points. On the
    # 0-100 scale of a criterion's value, through an assessment as an analyst builds it:
    bisection = Piecewise(points=[(2500, 0), (2620, 25), (2900, 50), (3150, 75), (3500, 100)])
    salary = pb.Criterion(
        "Expected salary in 3 years",
        area="Economy",
        kind="benefit",
        unit="euro/month",
        scale=(2500, 3500),
        value_function=bisection,
    )
    jobs = ["Lowest", "m2", "Between m2 and m1", "m1", "m3", "Highest"]
    salaries = [[2500], [2620], [2760], [2900], [3150], [3500]]
    values = pb.Assessment(jobs, [salary], salaries).to_values()
    # The bisection points get their elicited values exactly; between them the
    # approximation is linear (2,760 is halfway from m2 to m1: 37.5).
    expected = [0.0, 25.0, 37.5, 50.0, 75.0, 100.0]
    np.testing.assert_allclose(values[salary.name].to_numpy(), expected, rtol=0, atol=1e-12)


# -- hand-computed values ---------------------------------------------------------------


def test_linear_benefit():
    values = Linear().values([0, 2.5, 7, 10], worst=0, best=10)
    np.testing.assert_array_equal(values, [0, 25, 70, 100])


def test_linear_risk():
    # Casualties from 200 (worst) to 50 (best): 80 is (200 - 80) / 150 = 80 % of the way.
    values = Linear().values([200, 80, 125, 50], worst=200, best=50)
    np.testing.assert_allclose(values, [0, 80, 50, 100], rtol=1e-15)


def test_piecewise_benefit():
    function = Piecewise(points=[(0, 0), (10, 60), (20, 90), (30, 100)])
    # 5 is halfway from 0 to 60; 15 halfway from 60 to 90; 25 halfway from 90 to 100.
    values = function.values([0, 5, 10, 15, 25, 30], worst=0, best=30)
    np.testing.assert_allclose(values, [0, 30, 60, 75, 95, 100], rtol=1e-15)


def test_piecewise_risk():
    function = Piecewise(points=[(1, 100), (5, 20), (10, 0)])
    # 3 is halfway from 1 (100) to 5 (20): 60; 7.5 is halfway from 5 (20) to 10 (0): 10.
    values = function.values([10, 7.5, 5, 3, 1], worst=10, best=1)
    np.testing.assert_allclose(values, [0, 10, 20, 60, 100], rtol=1e-15)


def test_piecewise_sorts_points_given_in_any_order():
    shuffled = Piecewise(points=[(20, 90), (0, 0), (30, 100), (10, 60)])
    assert shuffled.points == ((0, 0), (10, 60), (20, 90), (30, 100))
    assert shuffled == Piecewise(points=[(0, 0), (10, 60), (20, 90), (30, 100)])


def test_piecewise_accepts_flat_stretches():
    # Nothing gained below a threshold of 4, nor beyond 8.
    function = Piecewise(points=[(0, 0), (4, 0), (8, 100), (10, 100)])
    np.testing.assert_array_equal(function.values([2, 4, 6, 9], worst=0, best=10), [0, 0, 50, 100])


@pytest.mark.parametrize(("rho", "increasing"), [(4.0, True), (-4.0, True), (4.0, False)])
def test_exponential_matches_kirkwoods_formula(rho, increasing):
    low, high = 2.0, 12.0
    worst, best = (low, high) if increasing else (high, low)
    x = [2.0, 3.5, 7.0, 11.0, 12.0]
    expected = [kirkwood(xi, low, high, rho, increasing) for xi in x]
    np.testing.assert_allclose(Exponential(rho=rho).values(x, worst, best), expected, rtol=1e-13)


def test_exponential_sign_convention():
    x = np.linspace(0, 10, 11)[1:-1]
    line = Linear().values(x, 0, 10)
    assert (Exponential(rho=3).values(x, 0, 10) > line).all()  # concave: above the line
    assert (Exponential(rho=-3).values(x, 0, 10) < line).all()  # convex: below the line
    # For a risk a positive rho still lies above the straight line.
    assert (Exponential(rho=3).values(x, 10, 0) > Linear().values(x, 10, 0)).all()


def test_exponential_sharp_bends_stay_finite():
    # Without care, exp(-(x - low) / rho) overflows for a large negative rho ratio.
    values = Exponential(rho=-0.01).values([0, 5, 9.99, 10], worst=0, best=10)
    assert np.isfinite(values).all()
    assert values[0] == 0
    assert values[-1] == 100
    np.testing.assert_allclose(values[2], 100 * math.exp(-1), rtol=1e-12)
    assert Exponential(rho=1e-300).values([0, 1e-5, 10], 0, 10).tolist() == [0, 100, 100]


def test_exponential_from_midvalue():
    function = Exponential.from_midvalue(3, worst=0, best=10)
    assert function.rho > 0
    np.testing.assert_allclose(function.values([3], 0, 10), [50], rtol=1e-12)
    np.testing.assert_allclose(
        function.values([3], 0, 10), [kirkwood(3, 0, 10, function.rho, True)]
    )
    assert Exponential.from_midvalue(7, worst=0, best=10).rho == pytest.approx(-function.rho)
    # A risk whose midvalue lies nearer to worst has diminishing returns too.
    assert Exponential.from_midvalue(7, worst=10, best=0).rho == pytest.approx(function.rho)


def test_values_keep_the_input_shape():
    for function in (Linear(), Exponential(rho=2), Piecewise(points=[(0, 0), (10, 100)])):
        assert function.values(3, 0, 10).shape == ()
        assert function.values(np.full((2, 3, 4), 5.0), 0, 10).shape == (2, 3, 4)
        assert function.values(np.full((2, 3, 4), 5.0), 0, 10).dtype == np.float64
        assert function.values([], 0, 10).shape == (0,)


def test_value_functions_are_frozen_comparable_and_picklable():
    for function in (Linear(), Exponential(rho=2), Piecewise(points=[(0, 0), (10, 100)])):
        assert isinstance(function, ValueFunction)
        assert pickle.loads(pickle.dumps(function)) == function
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        Exponential(rho=2).rho = 3  # type: ignore[misc]
    assert attrs.evolve(Exponential(rho=2), rho=-2) == Exponential(rho=-2)


def test_numbers_within_tolerance_of_an_anchor_count_as_on_it():
    for function in (Linear(), Exponential(rho=2), Piecewise(points=[(0, 0), (10, 100)])):
        values = function.values([-1e-12, 10 + 5e-12], worst=0, best=10)
        np.testing.assert_array_equal(values, [0, 100])


# -- properties -------------------------------------------------------------------------


@st.composite
def scales(draw: st.DrawFn) -> tuple[float, float]:
    """(worst, best) anchors: a benefit or a risk, at any offset and width."""
    low = draw(st.floats(-1e6, 1e6))
    span = draw(st.floats(1e-3, 1e6))
    high = low + span
    assume(high > low)
    return (low, high) if draw(st.booleans()) else (high, low)


@st.composite
def piecewise_for(draw: st.DrawFn, worst: float, best: float) -> Piecewise:
    """A Piecewise fitting the anchors, with up to five interior points."""
    low, high = min(worst, best), max(worst, best)
    inner = draw(
        st.lists(st.floats(low, high).filter(lambda raw: low < raw < high), max_size=5, unique=True)
    )
    levels = sorted(draw(st.lists(st.floats(0, 100), min_size=len(inner), max_size=len(inner))))
    raws = sorted(inner) if best > worst else sorted(inner, reverse=True)
    # From worst to best: 0, the rising levels, 100.
    points = [(worst, 0.0), *zip(raws, levels, strict=True), (best, 100.0)]
    return Piecewise(points=points)


@st.composite
def functions_and_scales(draw: st.DrawFn) -> tuple[ValueFunction, float, float]:
    worst, best = draw(scales())
    span = abs(best - worst)
    kind = draw(st.sampled_from(["linear", "exponential", "piecewise"]))
    function: ValueFunction
    if kind == "linear":
        function = Linear()
    elif kind == "exponential":
        ratio = draw(st.floats(1e-3, 1e3))
        sign = draw(st.sampled_from([1.0, -1.0]))
        function = Exponential(rho=sign * ratio * span)
    else:
        function = draw(piecewise_for(worst, best))
    return function, worst, best


def performances(worst: float, best: float) -> st.SearchStrategy[list[float]]:
    low, high = min(worst, best), max(worst, best)
    return st.lists(st.floats(low, high), min_size=1, max_size=30)


@PROPERTY
@given(case=functions_and_scales(), data=st.data())
def test_values_are_monotone_from_worst_to_best(case, data):
    function, worst, best = case
    x = np.array(data.draw(performances(worst, best)))
    # Order the performances from worst towards best.
    order = np.argsort(x) if best > worst else np.argsort(-x, kind="stable")
    values = function.values(x[order], worst, best)
    # Monotone up to floating-point rounding of the interpolation and exponentials.
    assert (np.diff(values) >= -1e-9).all()


@PROPERTY
@given(case=functions_and_scales())
def test_worst_is_worth_0_and_best_100(case):
    function, worst, best = case
    np.testing.assert_allclose(function.values([worst, best], worst, best), [0, 100], atol=1e-9)


@PROPERTY
@given(case=functions_and_scales(), data=st.data())
def test_values_stay_within_0_and_100(case, data):
    function, worst, best = case
    values = function.values(data.draw(performances(worst, best)), worst, best)
    assert values.dtype == np.float64
    assert ((values >= 0) & (values <= 100)).all()


@PROPERTY
@given(case=functions_and_scales(), data=st.data())
def test_values_do_not_modify_their_input(case, data):
    function, worst, best = case
    x = np.array(data.draw(performances(worst, best)), dtype=np.float64).reshape(-1, 1)
    before = x.copy()
    function.values(x, worst, best)
    np.testing.assert_array_equal(x, before)


@PROPERTY
@given(scale=scales(), data=st.data(), sign=st.sampled_from([1.0, -1.0]))
def test_exponential_tends_to_linear_as_rho_grows(scale, data, sign):
    worst, best = scale
    span = abs(best - worst)
    x = data.draw(performances(worst, best))
    line = Linear().values(x, worst, best)
    for ratio in (1e2, 1e4, 1e8, 1e12):
        curve = Exponential(rho=sign * ratio * span).values(x, worst, best)
        # The largest gap between the curve and the line is about 100 / (8 ratio).
        assert np.abs(curve - line).max() <= 100 / ratio + 1e-9


@PROPERTY
@given(scale=scales(), share=st.floats(1e-6, 1 - 1e-6))
def test_from_midvalue_gives_the_midvalue_50(scale, share):
    worst, best = scale
    midvalue = worst + share * (best - worst)
    low, high = min(worst, best), max(worst, best)
    assume(low < midvalue < high and (midvalue - worst) / (best - worst) != 0.5)
    function = Exponential.from_midvalue(midvalue, worst=worst, best=best)
    np.testing.assert_allclose(function.values(midvalue, worst, best), 50, atol=1e-7)
    nearer_worst = abs(midvalue - worst) < abs(best - midvalue)
    assert (function.rho > 0) == nearer_worst


# -- bad input --------------------------------------------------------------------------


def raises(error: type[PowerbalanceError], *fragments: str):
    """pytest.raises for ``error`` whose message contains every fragment."""
    pattern = "".join(f"(?=.*{re.escape(fragment)})" for fragment in fragments)
    return pytest.raises(error, match=f"(?s){pattern}")


def test_piecewise_rejects_values_that_turn_back():
    with raises(InvalidParameterError, "(1, 60)", "(2, 40)", "turn back"):
        Piecewise(points=[(0, 0), (1, 60), (2, 40), (3, 100)])


def test_piecewise_rejects_values_outside_0_to_100():
    with raises(InvalidParameterError, "raw performance 1", "120", "from 0 to 100"):
        Piecewise(points=[(0, 0), (1, 120)])


def test_piecewise_rejects_a_duplicate_raw_level():
    with raises(InvalidParameterError, "raw performance must be given once; got 5 twice"):
        Piecewise(points=[(0, 0), (5, 40), (5, 60), (10, 100)])


def test_piecewise_needs_two_points():
    with raises(InvalidParameterError, "points must be at least two points", "got ((0.0, 0.0),)"):
        Piecewise(points=[(0, 0)])


def test_piecewise_rejects_a_non_finite_raw_level():
    with raises(InvalidParameterError, "finite", "inf"):
        Piecewise(points=[(0, 0), (math.inf, 100)])


@pytest.mark.parametrize("points", ["0,0;10,100", [(0, 0, 1), (10, 100)], [("a", 0), (10, 100)]])
def test_piecewise_rejects_points_that_are_not_pairs_of_numbers(points):
    with raises(InvalidParameterError, "(raw performance, value) pairs", repr(points)):
        Piecewise(points=points)


@pytest.mark.parametrize("rho", [0, math.inf, -math.inf, math.nan])
def test_exponential_rejects_rho_that_is_zero_or_not_finite(rho):
    with raises(InvalidParameterError, "rho", repr(float(rho)), "Linear()"):
        Exponential(rho=rho)


def test_exponential_rejects_rho_that_is_not_a_number():
    with raises(InvalidParameterError, "rho", "'steep'"):
        Exponential(rho="steep")


def test_evolve_cannot_make_an_invalid_exponential():
    with raises(InvalidParameterError, "rho"):
        attrs.evolve(Exponential(rho=2), rho=0)


FUNCTIONS = {
    "linear": lambda worst, best: Linear(),
    "exponential": lambda worst, best: Exponential(rho=4),
    "piecewise": lambda worst, best: Piecewise(
        points=[(worst, 0), (0.6 * worst + 0.4 * best, 70), (best, 100)]
    ),
}


@pytest.mark.parametrize("make", FUNCTIONS.values(), ids=FUNCTIONS.keys())
def test_performance_outside_the_anchors_is_rejected(make):
    with raises(
        InvalidScoreError,
        "performance must lie on the scale from worst 0 to best 10; got 11 at position 2",
        "Widen",
    ):
        make(0, 10).values([0, 5, 11], worst=0, best=10)
    with raises(InvalidScoreError, "worst 10 to best 0; got -0.5 at position 0 (and 1 more)"):
        make(10, 0).values([-0.5, 3, 12], worst=10, best=0)
    with raises(InvalidScoreError, "got 10.000000001."):
        make(0, 10).values(10.000000001, worst=0, best=10)


@pytest.mark.parametrize("make", FUNCTIONS.values(), ids=FUNCTIONS.keys())
def test_performance_that_is_not_a_finite_number_is_rejected(make):
    with raises(InvalidScoreError, "must be finite numbers; got nan at position (1, 0)"):
        make(0, 10).values([[1.0], [math.nan]], worst=0, best=10)
    with raises(InvalidScoreError, "must be numbers", "'high'"):
        make(0, 10).values(["high"], worst=0, best=10)


@pytest.mark.parametrize("make", FUNCTIONS.values(), ids=FUNCTIONS.keys())
def test_anchors_must_be_two_different_finite_numbers(make):
    with raises(InvalidParameterError, "best must be a level other than worst (5); got 5.0"):
        make(0, 10).values([5], worst=5, best=5)
    with raises(InvalidParameterError, "best must be a finite number; got inf"):
        make(0, 10).values([5], worst=0, best=math.inf)


def test_piecewise_points_must_end_at_the_anchors():
    function = Piecewise(points=[(0, 0), (5, 50), (8, 100)])
    with raises(InvalidParameterError, "from raw performance 0 to 8", "worst 0 to best 10"):
        function.values([1], worst=0, best=10)


def test_piecewise_points_must_rise_towards_best():
    function = Piecewise(points=[(0, 0), (5, 50), (10, 100)])
    with raises(
        InvalidParameterError,
        "must give more value to lower performance",
        "got points that give more value to higher performance",
    ):
        function.values([1], worst=10, best=0)


def test_piecewise_points_must_value_the_anchors_0_and_100():
    function = Piecewise(points=[(0, 10), (5, 50), (10, 90)])
    with raises(InvalidParameterError, "10 at worst", "90 at best", "Rescale"):
        function.values([1], worst=0, best=10)


def test_from_midvalue_exactly_halfway_asks_for_linear():
    with raises(
        InvalidParameterError, "midvalue must be a level other than halfway", "got 5.0", "Linear()"
    ):
        Exponential.from_midvalue(5, worst=0, best=10)


@pytest.mark.parametrize("midvalue", [0, 10, 12, math.nan])
def test_from_midvalue_must_lie_between_the_anchors(midvalue):
    expected = "a finite number" if math.isnan(midvalue) else "strictly between worst 0"
    with raises(InvalidParameterError, f"midvalue must be {expected}", f"got {midvalue!r}"):
        Exponential.from_midvalue(float(midvalue), worst=0, best=10)
