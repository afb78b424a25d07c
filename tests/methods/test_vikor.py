"""VIKOR against published worked examples, its own algebra and the compromise rule."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, ShapeError, WeightError
from powerbalance.methods import compromise
from powerbalance.methods.compromise import VIKOR, CompromiseSolution
from powerbalance.methods.ranking import TIE_TOLERANCE
from powerbalance.testing import check_method

PROPERTY = settings(max_examples=60, deadline=None)

# -- published examples --------------------------------------------------------------------

# Opricovic, S. and Tzeng, G.-H. (2004). Compromise solution by MCDM methods: A
# comparative analysis of VIKOR and TOPSIS. European Journal of Operational Research
# 156(2), 445-455: the numerical example. Three alternatives (routes of a climb), two
# criteria: f1, a risk to minimize, and f2, the altitude reached, to maximize; equal
# weights, v = 0.5. Table 1 gives problem f; Table 2 the same data in other units,
# problem phi (phi1 = f1 + 5, phi2 = f2 / 1000 - 1, i.e. km above a 1000 m foothill).
# Table 3 prints the same VIKOR result for both: S = (0.5, 0.375, 0.5),
# R = (0.5, 0.25, 0.5), Q = (1, 0, 1), so A2 is the compromise solution (C1:
# 1 - 0 >= DQ = 1/(3 - 1) = 0.5; C2: A2 is also best by S and by R).
# Check by hand for problem f: f1* = 1, f1- = 5, f2* = 4500, f2- = 3000.
#   A1: d = (0, 1)          S = 0.5,   R = 0.5
#   A2: d = (1/4, 1/2)      S = 0.375, R = 0.25
#   A3: d = (1, 0)          S = 0.5,   R = 0.5
#   S* = 0.375, S- = 0.5, R* = 0.25, R- = 0.5  =>  Q = (1, 0, 1).
# (Values as quoted from the paper's Tables 1-3 by a public test suite; recomputed
# here.)
OPRICOVIC_TZENG_F = np.array([[1.0, 3000], [2, 3750], [5, 4500]])
OPRICOVIC_TZENG_PHI = np.array([[6.0, 2.0], [7, 2.75], [10, 3.5]])
PUBLISHED_S = {"A1": 0.5, "A2": 0.375, "A3": 0.5}
PUBLISHED_R = {"A1": 0.5, "A2": 0.25, "A3": 0.5}
PUBLISHED_Q = {"A1": 1.0, "A2": 0.0, "A3": 1.0}


def climbing(scores: np.ndarray) -> pb.Assessment:
    criteria = [
        pb.Criterion("Risk", area="Safety", kind="risk"),
        pb.Criterion("Altitude", area="Success", kind="benefit"),
    ]
    return pb.Assessment(["A1", "A2", "A3"], criteria, scores)


@pytest.mark.parametrize(
    "scores", [OPRICOVIC_TZENG_F, OPRICOVIC_TZENG_PHI], ids=["problem f", "problem phi"]
)
def test_vikor_opricovic_tzeng_2004_numerical_example(scores):
    a = climbing(scores)
    weighting = pb.weighting.Direct({"Risk": 1, "Altitude": 1})
    report = pb.evaluate(a, weighting=weighting, method=VIKOR(v=0.5))
    ranking = report.ranking
    for option in a.option_names:
        assert ranking.loc[option, "S"] == pytest.approx(PUBLISHED_S[option], abs=1e-12)
        assert ranking.loc[option, "R"] == pytest.approx(PUBLISHED_R[option], abs=1e-12)
        assert ranking.loc[option, "Q"] == pytest.approx(PUBLISHED_Q[option], abs=1e-12)
        assert ranking.loc[option, "score"] == pytest.approx(1 - PUBLISHED_Q[option], abs=1e-12)
    # A1 and A3 tie on Q; equal scores share the better rank.
    assert ranking["rank"].to_dict() == {"A2": 1, "A1": 2, "A3": 2}

    solution = VIKOR().compromise(a, weighting)
    assert solution.options == ("A2",)
    assert solution.advantage
    assert solution.stability
    assert "A2" in solution.explanation
    assert "0.500" in solution.explanation  # DQ


# Papathanasiou, J. and Ploskas, N. (2018). Multiple Criteria Decision Aid: Methods,
# Examples and Python Implementations. Springer Optimization and Its Applications 136,
# chapter 2 (VIKOR), pp. 31-55: the facility-location example of the book's chapter 1,
# six sites on four benefit criteria, weights (0.4, 0.3, 0.1, 0.2) and
# v = (n + 1) / (2n) = 0.625 for n = 4 criteria. Published Q, to three decimals, as
# quoted by a public test suite that cites the chapter (the chapter's own S and R are
# not quoted there; they are recomputed here from the formulas):
FACILITIES = np.array(
    [[8.0, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]]
)
FACILITY_WEIGHTS = {"C1": 0.4, "C2": 0.3, "C3": 0.1, "C4": 0.2}
PUBLISHED_FACILITY_Q = [0.640, 1.000, 0.693, 0.271, 0.000, 0.694]
# By hand (ranges 5-11, 3-10, 2-7 and 1-7): e.g. site 1 has d = (3/6, 3/7, 5/5, 6/6),
# S = 0.2 + 9/70 + 0.1 + 0.2 = 22/35 and R = max(0.2, 9/70, 0.1, 0.2) = 0.2.
RECOMPUTED_FACILITY_S = [22 / 35, 23 / 30, 631 / 1050, 65 / 210, 0.08, 271 / 525]
RECOMPUTED_FACILITY_R = [0.2, 0.4, 4 / 15, 2 / 15, 0.08, 1 / 3]


def test_vikor_papathanasiou_ploskas_2018_facility_location():
    criteria = [pb.Criterion(name, area="Site", kind="benefit") for name in FACILITY_WEIGHTS]
    sites = [f"Site {i}" for i in range(1, 7)]
    a = pb.Assessment(sites, criteria, FACILITIES)
    prepared = VIKOR(v=0.625).prepare(a)
    weights = np.array(list(FACILITY_WEIGHTS.values()))
    details = prepared.details(weights)
    np.testing.assert_allclose(details["Q"], PUBLISHED_FACILITY_Q, atol=5e-4)
    np.testing.assert_allclose(details["S"], RECOMPUTED_FACILITY_S, rtol=1e-12)
    np.testing.assert_allclose(details["R"], RECOMPUTED_FACILITY_R, rtol=1e-12)
    # The compromise (derived, not printed in the source): Site 5 leads by
    # 0.271 >= DQ = 1/5 and is best by S and by R.
    solution = prepared.compromise(weights)
    assert solution == CompromiseSolution(
        options=("Site 5",), advantage=True, stability=True, explanation=solution.explanation
    )


# -- the compromise rule on hand-built cases ----------------------------------------------


def benefits(options: list[str], scores: list[list[float]]) -> pb.Assessment:
    m = len(scores[0])
    criteria = [pb.Criterion(f"C{j + 1}", area="All", kind="benefit") for j in range(m)]
    return pb.Assessment(options, criteria, scores)


def test_acceptable_advantage_fails_and_the_close_options_form_the_set():
    # d: A (0, 0), B (0.2, 0.1), C (0.1, 0.3), D (1, 1); equal weights.
    # S = (0, 0.15, 0.2, 1), R = (0, 0.1, 0.15, 0.5), Q = (0, 0.175, 0.25, 1).
    # DQ = 1/3: B and C trail A by less, D does not.
    a = benefits(["A", "B", "C", "D"], [[10, 10], [8, 9], [9, 7], [0, 0]])
    prepared = VIKOR().prepare(a)
    np.testing.assert_allclose(prepared.details(np.array([0.5, 0.5]))["Q"], [0, 0.175, 0.25, 1])
    solution = prepared.compromise(np.array([0.5, 0.5]))
    assert solution.options == ("A", "B", "C")
    assert not solution.advantage
    assert solution.stability
    text = solution.explanation
    assert text.startswith("A, B and C form the compromise set")
    for fragment in (
        "no option has an acceptable advantage",
        "DQ = 1/(4 - 1) = 0.333",
        "C (0.250)",
        "D (Q = 1.000)",
    ):
        assert fragment in text


def test_acceptable_advantage_can_fail_for_a_dominating_option():
    # A2 dominates A1, but with three options DQ = 0.5 and Q(A1) - Q(A2) = 0.3:
    # d: A1 (0.4, 0), A2 (0, 0), A3 (1, 1); S = (0.2, 0, 1); R = (0.2, 0, 0.5).
    a = benefits(["A1", "A2", "A3"], [[7, 5], [9, 5], [4, 0]])
    solution = VIKOR().compromise(a, "equal")
    assert solution.options == ("A2", "A1")
    assert (solution.advantage, solution.stability) == (False, True)


def test_acceptable_stability_fails_and_the_runner_up_joins():
    # Ranges: C1 1-10, C2 0-7, C3 0-10; equal weights.
    #   A1 d = (1/9, 5/7, 1/5)   S = 0.3418  R = 5/21 = 0.2381
    #   A2 d = (2/3, 3/7, 3/5)   S = 0.5651  R = 2/9  = 0.2222  (best R)
    #   A3 d = (1, 1, 0)         S = 2/3     R = 1/3
    #   A4 d = (0, 0, 1)         S = 1/3     R = 1/3            (best S)
    #   A5 d = (4/9, 1, 3/10)    S = 0.5815  R = 1/3
    # Q = (0.0841, 0.3476, 1, 0.5, 0.8722): A1 leads A2 by 0.2635 >= DQ = 0.25 (C1),
    # but is best by neither S nor R (C2 fails), so A2 stays in the set.
    a = benefits(
        ["A1", "A2", "A3", "A4", "A5"],
        [[9, 2, 8], [4, 4, 4], [1, 0, 10], [10, 7, 0], [6, 0, 7]],
    )
    prepared = VIKOR().prepare(a)
    weights = np.full(3, 1 / 3)
    details = prepared.details(weights)
    np.testing.assert_allclose(details["R"], [5 / 21, 2 / 9, 1 / 3, 1 / 3, 1 / 3])
    np.testing.assert_allclose(details["Q"], [0.0841, 0.3476, 1, 0.5, 0.8722], atol=5e-5)
    solution = prepared.compromise(weights)
    assert solution.options == ("A1", "A2")
    assert (solution.advantage, solution.stability) == (True, False)
    text = solution.explanation
    assert text.startswith("A1 and A2 form the compromise set")
    for fragment in ("not stable", "0.333 for A4", "0.222 for A2", "DQ = 1/(5 - 1) = 0.250"):
        assert fragment in text


def test_runners_up_tied_on_q_all_join_when_only_stability_fails():
    # As above, with a copy of A2 under another name: A2 and its twin tie on Q.
    a = benefits(
        ["A1", "A2", "A3", "A4", "A5", "Twin"],
        [[9, 2, 8], [4, 4, 4], [1, 0, 10], [10, 7, 0], [6, 0, 7], [4, 4, 4]],
    )
    # Six options: DQ = 0.2; the lead of A1 is unchanged (no range moves).
    solution = VIKOR().compromise(a, "equal")
    assert solution.options == ("A1", "A2", "Twin")
    assert (solution.advantage, solution.stability) == (True, False)


def test_options_tied_for_first_place_are_all_in_the_compromise():
    a = benefits(["A", "B", "Copy of A"], [[10, 10], [0, 0], [10, 10]])
    solution = VIKOR().compromise(a, "equal")
    assert solution.options == ("A", "Copy of A")
    assert not solution.advantage
    assert solution.stability


def test_when_nothing_separates_the_options_every_option_is_the_compromise():
    a = benefits(["A", "B", "C"], [[3, 5], [3, 5], [3, 5]])
    prepared = VIKOR().prepare(a)
    details = prepared.details(np.array([0.5, 0.5]))
    for values in details.values():
        np.testing.assert_array_equal(values, [0, 0, 0])
    np.testing.assert_array_equal(prepared.score(np.array([[0.5, 0.5]])), [[1, 1, 1]])
    solution = prepared.compromise(np.array([0.5, 0.5]))
    assert solution.options == ("A", "B", "C")
    assert solution.explanation.startswith("All 3 options, A, B and C, form the compromise set")


def test_a_single_option_is_the_compromise():
    a = benefits(["Only"], [[4, 2]])
    prepared = VIKOR().prepare(a)
    np.testing.assert_array_equal(prepared.score(np.array([[1.0, 1.0]])), [[1.0]])
    solution = prepared.compromise(np.array([1.0, 1.0]))
    assert solution == CompromiseSolution(
        options=("Only",),
        advantage=True,
        stability=True,
        explanation="Only is the only option assessed, so it is the compromise solution.",
    )


def test_two_options_one_better_by_both_measures_is_the_compromise():
    # Q = (0, 1): the lead of 1 meets DQ = 1/(2 - 1) = 1.
    a = benefits(["A", "B"], [[9, 8], [2, 3]])
    solution = VIKOR().compromise(a, "equal")
    assert solution.options == ("A",)
    assert (solution.advantage, solution.stability) == (True, True)


@pytest.mark.parametrize(
    ("v", "expected"), [(0.5, ("A", "B")), (0.7, ("A", "B")), (0.2, ("B", "A"))]
)
def test_two_options_split_between_utility_and_regret_are_both_the_compromise(v, expected):
    # Weights (0.3, 0.3, 0.4); A: d = (0, 0, 1), S = 0.4, R = 0.4; B: d = (1, 1, 0),
    # S = 0.6, R = 0.3. A is better by S, B by R; Q = (1 - v, v) cannot differ by DQ = 1.
    a = benefits(["A", "B"], [[5, 5, 0], [0, 0, 5]])
    solution = VIKOR(v=v).prepare(a).compromise(np.array([0.3, 0.3, 0.4]))
    assert solution.options == expected
    assert not solution.advantage
    assert solution.stability


def test_compromise_takes_any_weighting_and_checks_weight_vectors():
    a = climbing(OPRICOVIC_TZENG_F)
    weights = pb.Weights.from_mapping({"Altitude": 1, "Risk": 1})
    assert VIKOR().compromise(a, weights) == VIKOR().compromise(a, "equal")
    prepared = VIKOR().prepare(a)
    with pytest.raises(ShapeError):
        prepared.compromise(np.array([[0.5, 0.5]]))
    with pytest.raises(WeightError):
        prepared.details(np.array([0.5, -0.5]))


# -- parameters, registry, degenerate input ----------------------------------------------


@pytest.mark.parametrize("v", [-0.1, 1.5, math.nan, math.inf, "0.5", True, None])
def test_v_outside_zero_to_one_is_rejected(v):
    with pytest.raises(InvalidParameterError, match="VIKOR: v must be a number from 0 to 1"):
        VIKOR(v=v)


@pytest.mark.parametrize("v", [0, 0.0, 1, 0.25, np.float64(0.5)])
def test_v_from_zero_to_one_is_accepted_as_a_float(v):
    method = VIKOR(v=v)
    assert isinstance(method.v, float)
    assert method.v == v


def test_v_is_keyword_only():
    with pytest.raises(TypeError):
        VIKOR(0.5)  # type: ignore[misc]


def test_vikor_is_registered_and_conforms():
    assert isinstance(pb.methods.resolve_method("vikor"), VIKOR)
    check_method(VIKOR())
    check_method(VIKOR(v=0.0))
    check_method(VIKOR(v=1.0))


def test_v_chooses_between_group_utility_and_individual_regret():
    a = benefits(["A", "B"], [[5, 5, 0], [0, 0, 5]])
    weights = np.array([[0.3, 0.3, 0.4]])
    # v = 1 ranks by S alone (A better), v = 0 by R alone (B better).
    np.testing.assert_array_equal(VIKOR(v=1).prepare(a).score(weights), [[1, 0]])
    np.testing.assert_array_equal(VIKOR(v=0).prepare(a).score(weights), [[0, 1]])


def test_a_criterion_without_spread_gives_no_regret():
    a = benefits(["A", "B", "C"], [[5, 1], [5, 2], [5, 3]])
    prepared = VIKOR().prepare(a)
    np.testing.assert_array_equal(prepared.regret[:, 0], [0, 0, 0])
    np.testing.assert_array_equal(prepared.normalized[:, 0], [1, 1, 1])
    # All weight on the flat criterion: S and R are 0 for all, so both terms of Q are 0.
    np.testing.assert_array_equal(prepared.score(np.array([[1.0, 0.0]])), [[1, 1, 1]])
    details = prepared.details(np.array([0.9, 0.1]))
    np.testing.assert_allclose(details["S"], [0.1, 0.05, 0])
    assert np.isfinite(prepared.score(np.array([[0.0, 0.0], [1.0, 0.0]]))).all()


def test_the_declared_scale_does_not_move_the_ideal():
    plain = benefits(["A", "B"], [[2, 8], [4, 6]])
    scaled = pb.Assessment(
        ["A", "B"],
        [pb.Criterion(f"C{j}", area="All", kind="benefit", scale=(0, 10)) for j in (1, 2)],
        [[2, 8], [4, 6]],
    )
    w = np.array([[0.7, 0.3]])
    np.testing.assert_array_equal(VIKOR().prepare(plain).score(w), VIKOR().prepare(scaled).score(w))


def test_weight_rows_are_divided_by_their_sum():
    prepared = VIKOR().prepare(climbing(OPRICOVIC_TZENG_F))
    details = prepared.details(np.array([3.0, 3.0]))
    np.testing.assert_allclose(details["S"], [0.5, 0.375, 0.5])
    np.testing.assert_allclose(details["R"], [0.5, 0.25, 0.5])


def test_contributions_add_up_to_one_minus_group_utility():
    prepared = VIKOR().prepare(climbing(OPRICOVIC_TZENG_F))
    weights = np.array([1.0, 3.0])
    contributions = prepared.contributions(weights)
    np.testing.assert_allclose(contributions.sum(axis=1), 1 - prepared.details(weights)["S"])
    assert prepared.additive is False


def test_the_report_carries_s_r_and_q():
    a = pb.examples.load("great-power-cooperation").assessment
    report = pb.evaluate(a, method="vikor")
    assert list(report.ranking.columns) == ["rank", "score", "vs_baseline", "S", "R", "Q"]
    np.testing.assert_allclose(report.ranking["score"], 1 - report.ranking["Q"])
    assert report.ranking["Q"].is_monotonic_increasing


@pytest.mark.parametrize("k", [1, 3, 500], ids=["one weighting", "a few", "many"])
def test_chunking_does_not_change_the_numbers(monkeypatch, k):
    a = pb.examples.load("great-power-cooperation").assessment
    batch = np.random.default_rng(7).dirichlet(np.ones(a.n_criteria), size=k)
    prepared = VIKOR().prepare(a)
    # R straight from its definition, the whole (k, n, m) array at once.
    direct = (batch[:, None, :] * prepared.regret[None, :, :]).max(axis=2)
    expected = prepared.indices(batch)
    np.testing.assert_allclose(expected[1], direct / batch.sum(axis=1, keepdims=True), rtol=1e-14)
    monkeypatch.setattr(compromise, "CHUNK_ELEMENTS", a.n_criteria * 2)
    chunked = VIKOR().prepare(a).indices(batch)
    for left, right in zip(expected, chunked, strict=True):
        np.testing.assert_array_equal(left, right)


# -- properties -----------------------------------------------------------------------------

SCORES = st.one_of(st.integers(0, 10).map(float), st.floats(0.0, 10.0, allow_nan=False))
NAMES = st.text("abcdefghij XYZ-", min_size=1, max_size=8).filter(lambda s: s.strip() != "")


@st.composite
def assessments(draw, min_options=2, max_options=7, max_criteria=5):
    """Assessments with mixed kinds, repeated scores and sometimes a flat criterion."""
    n = draw(st.integers(min_options, max_options))
    m = draw(st.integers(1, max_criteria))
    options = draw(st.lists(NAMES, min_size=n, max_size=n, unique=True))
    criteria = [
        pb.Criterion(
            f"C{j}",
            area=draw(st.sampled_from(["Economic", "Security"])),
            kind=draw(st.sampled_from(["benefit", "risk"])),
            scale=draw(st.sampled_from([None, (0.0, 10.0)])),
        )
        for j in range(m)
    ]
    scores = draw(st.lists(st.lists(SCORES, min_size=m, max_size=m), min_size=n, max_size=n))
    return pb.Assessment(options, criteria, scores)


def weight_vectors(m):
    weight = st.one_of(st.just(0.0), st.floats(1e-3, 1.0))
    return (
        st.lists(weight, min_size=m, max_size=m)
        .filter(lambda values: any(v > 0 for v in values))
        .map(np.array)
    )


V = st.sampled_from([0.0, 0.25, 0.5, 0.625, 1.0])


def reference(assessment, weights, v):
    """S, R and Q straight from the formulas, one option and criterion at a time."""
    x = assessment.scores
    n, m = x.shape
    w = weights / weights.sum()
    group, individual = np.zeros(n), np.zeros(n)
    for j in range(m):
        column = x[:, j]
        best, worst = (
            (column.min(), column.max())
            if assessment.lower_is_better[j]
            else (column.max(), column.min())
        )
        for i in range(n):
            d = 0.0 if best == worst else (best - x[i, j]) / (best - worst)
            group[i] += w[j] * d
            individual[i] = max(individual[i], w[j] * d)

    def term(values):
        low, high = values.min(), values.max()
        return np.zeros(n) if high - low <= 1e-12 else (values - low) / (high - low)

    return group, individual, v * term(group) + (1 - v) * term(individual)


def well_conditioned(group, individual):
    """Q rescales by the spread of S and R; a spread near rounding amplifies rounding."""
    return all(np.ptp(values) == 0 or np.ptp(values) > 1e-6 for values in (group, individual))


@PROPERTY
@given(data=st.data())
def test_indices_follow_the_formulas(data):
    a = data.draw(assessments(), label="assessment")
    v = data.draw(V, label="v")
    w = data.draw(weight_vectors(a.n_criteria), label="weights")
    details = VIKOR(v=v).prepare(a).details(w)
    group, individual, q = reference(a, w, v)
    np.testing.assert_allclose(details["S"], group, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(details["R"], individual, rtol=1e-12, atol=1e-14)
    if well_conditioned(group, individual):
        np.testing.assert_allclose(details["Q"], q, rtol=1e-9, atol=1e-9)
    assert ((details["Q"] >= 0) & (details["Q"] <= 1)).all()


@PROPERTY
@given(data=st.data())
def test_permuting_options_permutes_s_r_and_q(data):
    a = data.draw(assessments(), label="assessment")
    v = data.draw(V, label="v")
    w = data.draw(weight_vectors(a.n_criteria), label="weights")
    order = data.draw(st.permutations(range(a.n_options)), label="order")
    permuted = a.subset(options=[a.option_names[i] for i in order])
    original = VIKOR(v=v).prepare(a).details(w)
    shuffled = VIKOR(v=v).prepare(permuted).details(w)
    for name in ("S", "R", "Q"):
        np.testing.assert_allclose(shuffled[name], original[name][order], rtol=1e-12, atol=1e-14)


@PROPERTY
@given(data=st.data())
def test_a_dominating_option_never_ranks_below_the_one_it_dominates(data):
    a = data.draw(assessments(max_options=6), label="assessment")
    v = data.draw(V, label="v")
    w = data.draw(weight_vectors(a.n_criteria), label="weights")
    base = data.draw(st.integers(0, a.n_options - 1), label="dominated option")
    gains = np.array(
        data.draw(st.lists(st.floats(0, 3), min_size=a.n_criteria, max_size=a.n_criteria))
    )
    better = np.clip(a.scores[base] + np.where(a.lower_is_better, -gains, gains), 0, 10)
    extended = pb.Assessment(
        [*a.option_names, "Dominating"], list(a.criteria), np.vstack([a.scores, better])
    )
    details = VIKOR(v=v).prepare(extended).details(w)
    assert details["S"][-1] <= details["S"][base]
    assert details["R"][-1] <= details["R"][base]
    assert details["Q"][-1] <= details["Q"][base]
    ranks = pb.rank_scores(1 - details["Q"])
    assert ranks[-1] <= ranks[base]


@PROPERTY
@given(data=st.data())
def test_scoring_a_batch_equals_scoring_its_rows(data):
    a = data.draw(assessments(), label="assessment")
    v = data.draw(V, label="v")
    batch = np.vstack(
        data.draw(st.lists(weight_vectors(a.n_criteria), min_size=1, max_size=6), label="W")
    )
    prepared = VIKOR(v=v).prepare(a)
    scores = prepared.score(batch)
    rows = np.vstack([prepared.score(batch[i : i + 1]) for i in range(len(batch))])
    np.testing.assert_allclose(scores, rows, rtol=1e-12, atol=1e-14)
    # Ranks by score are ranks by Q from the lowest, and only the weights' ratios count.
    np.testing.assert_allclose(scores, 1 - prepared.indices(batch)[2], rtol=0, atol=0)
    np.testing.assert_allclose(prepared.score(4.5 * batch), scores, rtol=1e-12, atol=1e-12)


@PROPERTY
@given(data=st.data())
def test_the_compromise_follows_conditions_c1_and_c2(data):
    a = data.draw(assessments(), label="assessment")
    v = data.draw(V, label="v")
    w = data.draw(weight_vectors(a.n_criteria), label="weights")
    prepared = VIKOR(v=v).prepare(a)
    details = prepared.details(w)
    solution = prepared.compromise(w)
    q = details["Q"]
    position = {name: i for i, name in enumerate(a.option_names)}
    members = [position[name] for name in solution.options]
    leader = members[0]
    threshold = 1 / (a.n_options - 1)
    tolerance = TIE_TOLERANCE
    assert q[leader] <= q.min() + tolerance
    assert list(q[members]) == sorted(q[members])
    outside = [i for i in range(a.n_options) if i not in members]
    if len(members) == 1:
        assert solution.advantage
        assert solution.stability
        assert all(q[i] - q[leader] >= threshold - tolerance for i in outside)
    elif not solution.advantage:
        assert all(q[i] - q[leader] < threshold - tolerance for i in members)
        assert all(q[i] - q[leader] >= threshold - tolerance for i in outside)
    else:
        assert not solution.stability
        assert details["S"][leader] > details["S"].min() + tolerance
        assert details["R"][leader] > details["R"].min() + tolerance
    for name in solution.options:
        assert name in solution.explanation


def test_a_row_scores_exactly_alike_alone_and_in_a_batch_when_q_magnifies_rounding():
    # S spans only 5e-6 here, so Q's rescaling magnifies any difference in how S is
    # summed by 2e5; a BLAS product sums a batch and a single row differently.
    criteria = [
        pb.Criterion("Gain", area="X", kind="benefit"),
        pb.Criterion("Harm", area="X", kind="risk"),
    ]
    scores = [[1, 1], [1, 1], [2, 2], [1, 1], [6, 6], [1, 1], [1, 1]]
    prepared = VIKOR(v=0.25).prepare(pb.Assessment(list("ABCDEFG"), criteria, scores))
    batch = np.array([[0.0, 1.0], [0.99999, 1.0]])
    together = prepared.score(batch)
    for i in range(len(batch)):
        np.testing.assert_array_equal(together[i], prepared.score(batch[i : i + 1])[0])


@PROPERTY
@given(data=st.data())
def test_many_weightings_give_exactly_the_numbers_of_each_one_alone(data):
    # A few weight vectors are scored a block of options at a time from the scores,
    # many from the whole regret matrix; both add S up in criterion order.
    a = data.draw(assessments(), label="assessment")
    rows = data.draw(st.lists(weight_vectors(a.n_criteria), min_size=1, max_size=3), label="W")
    batch = np.vstack(rows * (compromise._FEW_WEIGHTINGS // len(rows) + 1))
    assert batch.shape[0] > compromise._FEW_WEIGHTINGS
    prepared = VIKOR().prepare(a)
    together = prepared.indices(batch)
    for i in range(len(rows)):
        alone = prepared.indices(batch[i : i + 1])
        for left, right in zip(together, alone, strict=True):
            np.testing.assert_array_equal(left[i], right[0])
