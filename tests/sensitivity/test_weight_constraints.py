"""Linear constraints on the weights: the statement, its checks, and sampling under it."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import powerbalance as pb
from powerbalance.sensitivity import ConstrainedWeights, WeightConstraint

# The bridge-repair case of Tervonen, Liesiö and Salo (2017), "Modelling project
# preferences in multiattribute portfolio decision analysis", European Journal of
# Operational Research 263(1), 225-239; the constraints as the authors' data repository
# states them (github.com/tommite/pub-pf-project-preferences, weights.R): criteria DPS,
# Traffic, Carry, Width, Salt, Visual; w1 >= w2, w2 >= w5, w2 >= w6, w1 >= w3 + w4,
# w3 + w4 >= w5, w3 + w4 >= w6, every weight at least 0.02.
BRIDGE = ["DPS", "Traffic", "Carry", "Width", "Salt", "Visual"]
BRIDGE_CONSTRAINTS = [
    WeightConstraint("DPS", "Traffic"),
    WeightConstraint("Traffic", "Salt"),
    WeightConstraint("Traffic", "Visual"),
    WeightConstraint("DPS", ["Carry", "Width"]),
    WeightConstraint(["Carry", "Width"], "Salt"),
    WeightConstraint(["Carry", "Width"], "Visual"),
]
TOLERANCE = 1e-9


def assessment(names):
    criteria = [pb.Criterion(n, area="X", kind="benefit") for n in names]
    return pb.Assessment(["A", "B"], criteria, [[1] * len(names), [2] * len(names)])


def bridge_information(**options):
    return ConstrainedWeights(
        bounds={n: (0.02, 1.0) for n in BRIDGE}, constraints=BRIDGE_CONSTRAINTS, **options
    )


def met(draws, constraints, names):
    """Whether every row of ``draws`` meets every constraint."""
    for constraint in constraints:
        row, limit = constraint.as_row(names)
        if not (draws @ row <= limit + TOLERANCE).all():
            return False
    return True


# -- the statement -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("constraint", "words"),
    [
        (WeightConstraint("DPS", ["Carry", "Width"]), "DPS >= Carry + Width"),
        (WeightConstraint("A", "B", margin=0.1), "A >= B + 0.1"),
        (WeightConstraint("A", "B", margin=-0.1), "A >= B - 0.1"),
        (WeightConstraint({"A": 2}, {"B": 1, "C": 0.5}), "2 x A >= B + 0.5 x C"),
        (WeightConstraint(["A", "B"], (), margin=0.3), "A + B >= 0.3"),
    ],
)
def test_a_constraint_reads_as_its_inequality(constraint, words):
    assert constraint.in_words() == words
    assert str(constraint) == words


@pytest.mark.parametrize(
    "constraint",
    [
        WeightConstraint("A", "B"),
        WeightConstraint(["A", "B"], "C", margin=0.2),
        WeightConstraint({"A": 2.0}, {"B": 1.0, "C": 3.0}),
        WeightConstraint(["A"], []),
    ],
)
def test_its_repr_builds_it_again(constraint):
    assert eval(repr(constraint), {"WeightConstraint": WeightConstraint}) == constraint


def test_a_row_holds_lighter_minus_heavier_and_minus_the_margin():
    row, limit = WeightConstraint({"B": 2}, ["A", "C"], margin=0.1).as_row(["A", "B", "C", "D"])
    assert row.tolist() == [1.0, -2.0, 1.0, 0.0]
    assert limit == -0.1
    # w = (0.1, 0.5, 0.2, 0.2): 2 x 0.5 = 1.0 >= 0.1 + 0.2 + 0.1.
    assert row @ np.array([0.1, 0.5, 0.2, 0.2]) <= limit


def test_an_unknown_criterion_is_named_with_a_suggestion():
    with pytest.raises(pb.errors.UnknownNameError, match="Did you mean 'Traffic'") as info:
        WeightConstraint("DPS", "Trafic").as_row(BRIDGE)
    assert "DPS >= Trafic" in str(info.value)
    information = ConstrainedWeights(constraints=[WeightConstraint("Zebra", "DPS")])
    with pytest.raises(pb.errors.UnknownNameError, match=r"ConstrainedWeights: .*'Zebra'") as info:
        information.sample(assessment(BRIDGE), samples=5, seed=0)
    assert "'DPS', 'Traffic'" in str(info.value)


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        ((3, "B"), "WeightConstraint: heavier must be a criterion name, a list of names"),
        (("A", 3), "WeightConstraint: lighter must be a criterion name"),
        (("", "B"), "heavier must be criterion names that are non-blank text; got ''"),
        (("A", ["B", "  "]), "lighter must be criterion names that are non-blank text"),
        (("A", [1]), "lighter must be criterion names that are non-blank text"),
        ((["A", "A"], "B"), r"'A' appears twice; give \{'A': 2\}"),
        (((), "B"), "heavier must be at least one criterion"),
        (({"A": 0}, "B"), "the coefficient of 'A' in heavier must be a number greater than 0"),
        (({"A": -1}, "B"), "the coefficient of 'A' in heavier must be"),
        (("A", {"B": math.inf}), "the coefficient of 'B' in lighter must be"),
        (("A", {"B": math.nan}), "the coefficient of 'B' in lighter must be"),
        (({"A": True}, "B"), "True and False are not numbers"),
        (({"A": "2"}, "B"), "Write it as a number, not text"),
        (
            (["A", "B"], ["B", "C"]),
            "lighter must be criteria not also in heavier; .*'B' is on both",
        ),
    ],
)
def test_malformed_constraints_are_refused_with_a_fix(arguments, fragment):
    with pytest.raises(pb.errors.InvalidParameterError, match=fragment):
        WeightConstraint(*arguments)


@pytest.mark.parametrize(
    ("margin", "fragment"),
    [
        (1.5, "margin must be a number from -1 to 1; got 1.5"),
        (-2, "margin must be a number from -1 to 1; got -2"),
        (math.nan, "margin must be a number from -1 to 1"),
        ("0.1", "Write it as a number, not text"),
        (10**400, "an integer of 401 digits"),
    ],
)
def test_a_margin_outside_minus_one_to_one_is_refused(margin, fragment):
    with pytest.raises(pb.errors.InvalidParameterError, match=fragment):
        WeightConstraint("A", "B", margin=margin)


def test_constrained_weights_want_a_list_of_constraints():
    single = WeightConstraint("A", "B")
    with pytest.raises(pb.errors.InvalidParameterError, match=r"Wrap it in a list: constraints=\["):
        ConstrainedWeights(constraints=single)
    with pytest.raises(pb.errors.InvalidParameterError, match="'A >= B' is not one"):
        ConstrainedWeights(constraints=["A >= B"])
    with pytest.raises(pb.errors.InvalidParameterError, match="a list of WeightConstraint"):
        ConstrainedWeights(constraints=3)
    assert ConstrainedWeights(constraints=None).constraints == ()
    assert ConstrainedWeights(constraints=(single,)).constraints == (single,)


# -- sampling ------------------------------------------------------------------------


@pytest.mark.parametrize("sampler", ["rejection", "hit-and-run"])
def test_bridge_weights_meet_every_constraint_tervonen_liesio_salo_2017(sampler):
    draws = bridge_information(sampler=sampler).sample(assessment(BRIDGE), samples=4_000, seed=11)
    w = draws.to_numpy()
    assert np.allclose(w.sum(axis=1), 1.0)
    assert w.min() >= 0.02 - TOLERANCE
    assert met(w, BRIDGE_CONSTRAINTS, BRIDGE)
    # The mean of a convex region's uniform distribution lies inside it, strictly.
    mean = w.mean(axis=0)
    for constraint in BRIDGE_CONSTRAINTS:
        row, limit = constraint.as_row(BRIDGE)
        assert row @ mean < limit - 1e-3, str(constraint)


def test_the_walk_and_rejection_draw_the_same_distribution():
    a = assessment(BRIDGE)
    exact = bridge_information(sampler="rejection").sample(a, samples=20_000, seed=12).to_numpy()
    walked = bridge_information(sampler="hit-and-run").sample(a, samples=20_000, seed=13)
    assert np.abs(walked.to_numpy().mean(axis=0) - exact.mean(axis=0)).max() < 0.006
    for j in range(len(BRIDGE)):
        grid = np.quantile(exact[:, j], np.linspace(0.1, 0.9, 9))
        cdf_exact = (exact[:, j][:, None] <= grid).mean(axis=0)
        cdf_walked = (walked.to_numpy()[:, j][:, None] <= grid).mean(axis=0)
        assert np.abs(cdf_exact - cdf_walked).max() < 0.02, BRIDGE[j]


def test_rejection_keeps_only_draws_that_meet_the_constraints():
    # Against uniform weights filtered by hand: the share kept and the mean agree.
    a = assessment(["A", "B", "C"])
    constraint = WeightConstraint({"A": 2}, ["B", "C"], margin=0.1)
    drawn = ConstrainedWeights(constraints=[constraint], sampler="rejection").sample(
        a, samples=20_000, seed=14
    )
    assert met(drawn.to_numpy(), [constraint], a.criterion_names)
    uniform = pb.sensitivity.UniformWeights().sample(a, samples=200_000, seed=15).to_numpy()
    row, limit = constraint.as_row(a.criterion_names)
    reference = uniform[uniform @ row <= limit]
    assert np.abs(drawn.to_numpy().mean(axis=0) - reference.mean(axis=0)).max() < 0.006


def test_a_lower_bound_on_a_sum_is_met():
    a = assessment(["A", "B", "C", "D"])
    info = ConstrainedWeights(
        ranking=["C", "D"], constraints=[WeightConstraint(["A", "B"], (), margin=0.7)]
    )
    draws = info.sample(a, samples=2_000, seed=16)
    assert ((draws["A"] + draws["B"]) >= 0.7 - TOLERANCE).all()
    assert (draws["C"] >= draws["D"] - TOLERANCE).all()


def test_smaa_with_constraints_says_so_and_is_reproducible():
    a = pb.examples.load("great-power-cooperation").assessment
    security = list(a.criteria_in("Security"))
    others = [c for c in a.criterion_names if c not in security]
    info = ConstrainedWeights(constraints=[WeightConstraint(security, others[:2])], steps=50)
    runs = [
        pb.sensitivity.smaa(a, weight_information=info, samples=2_000, seed=3, chunk_size=500),
        pb.sensitivity.smaa(a, weight_information=info, samples=2_000, seed=3, chunk_size=2_000),
    ]
    assert runs[0] == runs[1]
    assert "weightings within the weight constraints given" in runs[0].summary()
    assert runs[0].to_dict()["weight_information"]["parameters"]["constraints"][0]["margin"] == 0


@pytest.mark.parametrize(
    ("information", "words"),
    [
        (ConstrainedWeights(constraints=[WeightConstraint("A", "B")]), "weight constraints"),
        (
            ConstrainedWeights(bounds={"A": (0, 0.5)}, constraints=[WeightConstraint("A", "B")]),
            "weight bounds and constraints",
        ),
        (
            ConstrainedWeights(
                bounds={"A": (0, 0.5)}, ranking=["A", "C"], constraints=[WeightConstraint("A", "B")]
            ),
            "weight bounds, order of importance and constraints",
        ),
    ],
)
def test_the_words_mention_the_constraints(information, words):
    assert information.in_words() == f"within the {words} given"


@pytest.mark.parametrize(
    ("constraints", "fragment"),
    [
        (
            [WeightConstraint("A", "B", margin=0.6), WeightConstraint("B", "A", margin=0.6)],
            r"the constraints \(A >= B \+ 0.6; B >= A \+ 0.6\) leave no room",
        ),
        (
            [WeightConstraint("A", "B"), WeightConstraint("B", "A")],
            "hold some with equality",
        ),
        ([WeightConstraint("A", ["B", "C"], margin=1.0)], "or only one does"),
    ],
    ids=["infeasible", "equal", "single-point"],
)
def test_constraints_that_leave_nothing_to_sample_raise(constraints, fragment):
    information = ConstrainedWeights(constraints=constraints)
    with pytest.raises(pb.errors.WeightError, match=fragment):
        information.sample(assessment(["A", "B", "C"]), samples=5, seed=0)


# -- property ------------------------------------------------------------------------

NAMES4 = ["A", "B", "C", "D"]


@st.composite
def constraint_sets(draw):
    constraints = []
    for _ in range(draw(st.integers(1, 3))):
        picked = draw(st.permutations(NAMES4))
        split = draw(st.integers(1, 3))
        size = draw(st.integers(split, 4))
        heavier = {n: draw(st.sampled_from([0.5, 1.0, 2.0])) for n in picked[:split]}
        lighter = {n: draw(st.sampled_from([0.5, 1.0, 2.0])) for n in picked[split:size]}
        margin = draw(st.sampled_from([-0.2, 0.0, 0.05, 0.3, 0.8]))
        constraints.append(WeightConstraint(heavier, lighter, margin=margin))
    return constraints


def _radius(constraints):
    """The radius of the largest ball inside the feasible weights (within the simplex)."""
    m = len(NAMES4)
    a = np.vstack([-np.eye(m), *[c.as_row(NAMES4)[0][None, :] for c in constraints]])
    b = np.concatenate([np.zeros(m), [c.as_row(NAMES4)[1] for c in constraints]])
    projector = np.eye(m) - np.ones((m, m)) / m
    norms = np.linalg.norm(a @ projector, axis=1)
    result = linprog(
        np.concatenate([np.zeros(m), [-1.0]]),
        A_ub=np.hstack([a, norms[:, None]]),
        b_ub=b,
        A_eq=np.concatenate([np.ones(m), [0.0]])[None, :],
        b_eq=[1.0],
        bounds=[(None, None)] * m + [(0, 1)],
    )
    return -result.fun if result.status == 0 else -1.0


@settings(max_examples=40)
@given(constraints=constraint_sets(), sampler=st.sampled_from(["auto", "hit-and-run"]))
def test_every_draw_meets_random_constraints_or_they_are_refused(constraints, sampler):
    information = ConstrainedWeights(constraints=constraints, sampler=sampler, steps=60)
    radius = _radius(constraints)
    try:
        draws = information.sample(assessment(NAMES4), samples=200, seed=0).to_numpy()
    except pb.errors.WeightError:
        assert radius < 1e-6, f"refused, yet a ball of radius {radius:.3g} fits"
        return
    assert radius > 0, "drew from constraints no weights meet"
    assert np.allclose(draws.sum(axis=1), 1.0)
    assert draws.min() >= -TOLERANCE
    assert met(draws, constraints, NAMES4)
