"""Robust packages: exact non-dominated sets, core indices, and their checks against brute force."""

import itertools
import json

import numpy as np
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st
from portfolio_brute import packages as feasible_packages
from scipy.optimize import linprog

import powerbalance as pb

SCALE = 10.0

# Random scores may make a criterion the same for every option; that is allowed here.
pytestmark = pytest.mark.filterwarnings("ignore::powerbalance.errors.DegenerateCriterionWarning")


def _assessment(scores):
    m = len(scores[0])
    return pb.Assessment(
        [f"O{i}" for i in range(len(scores))],
        [pb.Criterion(f"C{j}", area=f"A{j}", kind="benefit", scale=(0, SCALE)) for j in range(m)],
        scores,
    )


def test_a_hand_computed_example_gives_its_packages_and_core_indices():
    # Three measures at 1 each, a budget of 2; Security weighs at least as much as
    # Economy. Values (scores / 10) at the two corners of the weights allowed,
    # (1, 0) and (1/2, 1/2):
    #   A = (0.9, 0.5), B = (0.1, 0.5), C = (0.6, 0.5), D = (0.2, 0.2)
    # Pairs: AB (1.0, 1.0), AC (1.5, 1.0), BC (0.7, 1.0), AD (1.1, 0.7), ...
    # AC is worth at least as much as every other pair at both corners and more at one,
    # so it alone is non-dominated: A and C core, B and D exterior.
    a = pb.Assessment(
        ["A", "B", "C", "D"],
        [
            pb.Criterion("Security", area="S", kind="benefit", scale=(0, 10)),
            pb.Criterion("Economy", area="E", kind="benefit", scale=(0, 10)),
        ],
        [[9, 1], [1, 9], [6, 4], [2, 2]],
    )
    problem = pb.portfolio.Problem(a, costs={o: {"Money": 1} for o in "ABCD"}, budget={"Money": 2})
    ordinal = pb.portfolio.robust(
        problem, weight_information=pb.sensitivity.OrdinalWeights(["Security", "Economy"])
    )
    assert ordinal.packages == (("A", "C"),)
    assert ordinal.core == ("A", "C")
    assert ordinal.exterior == ("B", "D")
    assert ordinal.values.round(12).tolist() == [[1.5, 1.0]]
    # With nothing known, the corners are (1, 0) and (0, 1): AC (1.5, 0.5), AB (1.0, 1.0)
    # and BC (0.7, 1.3) trade off, and every other pair is beaten by one of them.
    anything = pb.portfolio.robust(problem, weight_information=pb.sensitivity.UniformWeights())
    assert set(anything.packages) == {("A", "C"), ("A", "B"), ("B", "C")}
    assert anything.core_index.round(6).to_dict() == {
        "A": round(2 / 3, 6),
        "B": round(2 / 3, 6),
        "C": round(2 / 3, 6),
        "D": 0.0,
    }
    assert anything.borderline == ("A", "B", "C")
    assert anything.core == ()


def _weights_allowed(draw, m):
    """Random weight information over criteria C0..C{m-1}: ordinal or intervals."""
    names = [f"C{j}" for j in range(m)]
    if draw(st.booleans()):
        return pb.sensitivity.OrdinalWeights(draw(st.permutations(names)))
    lows = [draw(st.sampled_from([0.0, 0.1, 0.2])) for _ in names]
    highs = [low + draw(st.sampled_from([0.3, 0.5, 0.8])) for low in lows]
    highs[-1] = 1.0  # so that some weights meet the bounds
    return pb.sensitivity.IntervalWeights(
        {n: (lo, min(1.0, hi)) for n, lo, hi in zip(names, lows, highs, strict=True)}
    )


def _corners(information, m):
    """The extreme weightings, found independently: every feasible basic solution."""
    names = [f"C{j}" for j in range(m)]
    rows, limits = [], []
    if isinstance(information, pb.sensitivity.OrdinalWeights):
        order = [names.index(group[0]) for group in information.ranking]
        for before, after in itertools.pairwise(order):
            row = np.zeros(m)
            row[after], row[before] = 1.0, -1.0
            rows.append(row)
            limits.append(0.0)
        low, high = np.zeros(m), np.ones(m)
    else:
        low = np.array([information.bounds[n][0] for n in names])
        high = np.array([information.bounds[n][1] for n in names])
    rows += list(-np.eye(m)) + list(np.eye(m))
    limits += list(-low) + list(high)
    rows, limits = np.array(rows), np.array(limits)
    found = []
    for active in itertools.combinations(range(len(rows)), m - 1):
        system = np.vstack([np.ones(m), rows[list(active)]])
        if abs(np.linalg.det(system)) < 1e-12:
            continue
        point = np.linalg.solve(system, np.concatenate([[1.0], limits[list(active)]]))
        if (rows @ point <= limits + 1e-9).all():
            found.append(point)
    return np.unique(np.round(found, 9), axis=0)


def _brute_non_dominated(problem, scores, corners):
    masks = feasible_packages(problem)
    option_values = np.asarray(scores, dtype=float) / SCALE @ corners.T
    values = masks.astype(float) @ option_values
    for group, value in zip(problem.arrays.synergies, problem.arrays.synergy_values, strict=True):
        values += value * masks[:, list(group)].all(axis=1)[:, None]
    tol = 1e-9 * max(1.0, np.abs(option_values).max()) * len(scores)
    kept = [
        not any((other >= mine - tol).all() and (other > mine + tol).any() for other in values)
        for mine in values
    ]
    return {tuple(np.flatnonzero(m)) for m in masks[kept]}


def _as_positions(result):
    return {tuple(np.flatnonzero(m)) for m in result.masks}


@st.composite
def problems(draw, interactions=False):
    n = draw(st.integers(1, 8))
    m = draw(st.integers(2, 3))
    scores = [[draw(st.integers(0, 10)) for _ in range(m)] for _ in range(n)]
    costs = [draw(st.integers(0, 5)) for _ in range(n)]
    a = _assessment(scores)
    options = a.option_names
    extra = {}
    if interactions and n >= 2:
        pair = draw(st.permutations(options))[:2]
        extra = {
            "synergies": [pb.portfolio.Synergy(tuple(pair), draw(st.sampled_from([-0.3, 0.2])))],
            "requires": {pair[0]: pair[1]} if draw(st.booleans()) else None,
        }
    reach = [draw(st.integers(0, 5)) for _ in range(n)]
    try:
        problem = pb.portfolio.Problem(
            a,
            costs={
                o: {"Money": c, "Reach": r} for o, c, r in zip(options, costs, reach, strict=True)
            },
            budget={"Money": draw(st.integers(0, max(1, sum(costs)))), "Reach": None},
            # Something the package must deliver enough of; min_size with max_size asks
            # the dynamic programme to compare partial packages of equal size only.
            minimum={"Reach": draw(st.integers(0, max(1, sum(reach) // 2)))},
            min_size=draw(st.sampled_from([None, 1])),
            max_size=draw(st.sampled_from([None, max(1, n // 2)])),
            **extra,
        )
    except pb.errors.PortfolioError:
        reject()  # no package reaches the minimum within the budget
    return problem, scores, _weights_allowed(draw, m)


@settings(max_examples=60)
@given(problems())
def test_dynamic_programming_equals_enumeration_and_brute_force(case):
    problem, scores, information = case
    fast = pb.portfolio.robust(problem, weight_information=information)
    slow = pb.portfolio.robust(problem, weight_information=information, algorithm="enumeration")
    assert fast.algorithm == "dynamic programming"
    assert slow.algorithm == "enumeration"
    corners = _corners(information, len(scores[0]))
    assert (
        _as_positions(fast) == _as_positions(slow) == _brute_non_dominated(problem, scores, corners)
    )


@settings(max_examples=40)
@given(problems(interactions=True))
def test_with_interactions_enumeration_equals_brute_force(case):
    problem, scores, information = case
    found = pb.portfolio.robust(problem, weight_information=information)
    corners = _corners(information, len(scores[0]))
    assert _as_positions(found) == _brute_non_dominated(problem, scores, corners)


def _difference_range(gain, information, m):
    """The least and most of gain . w over the weights allowed, by linear programming."""
    names = [f"C{j}" for j in range(m)]
    bounds = [information.bounds.get(n, (0.0, 1.0)) for n in names]
    ends = []
    for sign in (1.0, -1.0):
        result = linprog(sign * gain, A_eq=np.ones((1, m)), b_eq=[1.0], bounds=bounds)
        assert result.status == 0
        ends.append(sign * result.fun)
    return ends


def test_dominance_is_confirmed_by_linear_programs_over_the_weights():
    rng = np.random.default_rng(20)
    for _ in range(4):
        n, m = 7, 3
        scores = rng.integers(0, 11, (n, m)).tolist()
        a = _assessment(scores)
        problem = pb.portfolio.Problem(
            a,
            costs={
                o: {"Money": int(c)}
                for o, c in zip(a.option_names, rng.integers(1, 5, n), strict=False)
            },
            budget={"Money": 8},
        )
        information = pb.sensitivity.IntervalWeights(
            {"C0": (0.1, 0.6), "C1": (0.2, 0.5), "C2": (0.0, 0.7)}
        )
        found = pb.portfolio.robust(problem, weight_information=information)
        kept = _as_positions(found)
        per_option = np.asarray(scores, dtype=float) / SCALE
        for mask in feasible_packages(problem):
            mine = mask.astype(float) @ per_option
            beaten_by = []
            for other in found.masks:
                low, high = _difference_range(
                    other.astype(float) @ per_option - mine, information, m
                )
                if low >= -1e-9 and high > 1e-9:
                    beaten_by.append(other)
            if tuple(np.flatnonzero(mask)) in kept:
                assert not beaten_by
            else:
                assert beaten_by


def test_an_option_in_every_package_is_core_and_exact_weights_give_the_optima():
    rng = np.random.default_rng(3)
    scores = rng.integers(0, 11, (8, 2)).tolist()
    a = _assessment(scores)
    problem = pb.portfolio.Problem(
        a,
        costs={o: {"Money": 1 + i % 3} for i, o in enumerate(a.option_names)},
        budget={"Money": 7},
    )
    loose = pb.portfolio.robust(problem, weight_information=pb.sensitivity.UniformWeights())
    index = loose.core_index
    for option in a.option_names:
        in_all = loose.masks[:, a.option_names.index(option)].all()
        assert (option in loose.core) == in_all == (index[option] == 1.0)
    exact = pb.sensitivity.IntervalWeights({"C0": (0.3, 0.3), "C1": (0.7, 0.7)})
    tight = pb.portfolio.robust(problem, weight_information=exact)
    masks = feasible_packages(problem)
    worth = masks.astype(float) @ (np.asarray(scores, dtype=float) / SCALE @ [0.3, 0.7])
    optima = {tuple(np.flatnonzero(m)) for m in masks[worth >= worth.max() - 1e-9]}
    assert _as_positions(tight) == optima
    best = pb.portfolio.optimize(problem, weighting=pb.Weights.from_mapping({"C0": 0.3, "C1": 0.7}))
    assert best.options in tight.packages


def test_it_renders_like_every_result():
    a = pb.examples.load("great-power-cooperation").assessment
    costs = {o: {"Money": 1 + i % 4} for i, o in enumerate(a.option_names)}
    problem = pb.portfolio.Problem(a, costs=costs, budget={"Money": 8})
    result = pb.portfolio.robust(
        problem, weight_information=pb.sensitivity.OrdinalWeights(list(a.criterion_names))
    )
    text = result.to_text()
    assert "non-dominated" in text
    assert "Core index" in text
    assert "robust packages" in result.to_markdown()
    data = json.loads(result.to_json())
    assert data["schema"] == pb.portfolio.ROBUST_SCHEMA
    assert len(data["packages"]) == len(result.packages)
    assert data["core_index"] == pytest.approx(result.core_index.to_dict())
    frame = result.to_frame()
    assert (frame["lowest"] <= frame["highest"]).all()
    assert len(frame) == len(result.packages)


def test_refusals_name_the_parameter():
    a = _assessment([[1, 2], [3, 4], [5, 0]])
    problem = pb.portfolio.Problem(
        a, costs={o: {"Money": 1} for o in a.option_names}, budget={"Money": 2}
    )
    info = pb.sensitivity.UniformWeights()
    with pytest.raises(pb.errors.InvalidParameterError, match="method"):
        pb.portfolio.robust(problem, weight_information=info, method="topsis")
    with pytest.raises(pb.errors.InvalidParameterError, match="weight_information"):
        pb.portfolio.robust(problem, weight_information={"C0": 0.5})
    with pytest.raises(pb.errors.PortfolioError, match="limit=4"):
        pb.portfolio.robust(problem, weight_information=info, algorithm="enumeration", limit=4)
    with_synergy = pb.portfolio.Problem(
        a,
        costs={o: {"Money": 1} for o in a.option_names},
        budget={"Money": 2},
        synergies=[pb.portfolio.Synergy(("O0", "O1"), 0.1)],
    )
    with pytest.raises(pb.errors.InvalidParameterError, match="algorithm"):
        pb.portfolio.robust(with_synergy, weight_information=info, algorithm="dynamic programming")


def test_few_sizes_are_enumerated_size_by_size():
    # 24 candidates of which at most 2 may be chosen: 301 packages to try, not 2**24.
    rng = np.random.default_rng(5)
    scores = rng.integers(0, 11, size=(24, 3)).tolist()
    a = _assessment(scores)
    problem = pb.portfolio.Problem(
        a,
        costs={
            o: {"Money": int(c)}
            for o, c in zip(a.option_names, rng.integers(1, 6, 24), strict=True)
        },
        budget={"Money": 7},
        max_size=2,
    )
    info = pb.sensitivity.OrdinalWeights(["C0", "C1", "C2"])
    slow = pb.portfolio.robust(problem, weight_information=info, algorithm="enumeration", limit=301)
    fast = pb.portfolio.robust(problem, weight_information=info)
    assert _as_positions(slow) == _as_positions(fast)
    assert len(slow.packages) > 1
    with pytest.raises(
        pb.errors.PortfolioError, match="so 301 packages to try, more than limit=300"
    ):
        pb.portfolio.robust(problem, weight_information=info, algorithm="enumeration", limit=300)


def test_weight_information_may_not_name_a_cost():
    a = pb.Assessment(
        ["A", "B"],
        [
            pb.Criterion("Gain", area="E", kind="benefit", scale=(0, 10)),
            pb.Criterion("Other", area="S", kind="benefit", scale=(0, 10)),
            pb.Criterion("Price", area="E", kind="cost", scale=(0, 10)),
        ],
        [[5, 1, 3], [2, 6, 4]],
    )
    problem = pb.portfolio.Problem(a, budget={"Price": 5})
    with pytest.raises(pb.errors.InvalidParameterError, match="'Price'"):
        pb.portfolio.robust(
            problem, weight_information=pb.sensitivity.OrdinalWeights(["Gain", "Other", "Price"])
        )
    result = pb.portfolio.robust(
        problem, weight_information=pb.sensitivity.OrdinalWeights(["Gain", "Other"])
    )
    assert list(result.extreme_points.columns) == ["Gain", "Other"]


def test_the_core_index_chart_has_a_bar_per_option():
    from powerbalance import plot

    a = _assessment([[9, 1], [1, 9], [6, 4]])
    problem = pb.portfolio.Problem(
        a, costs={o: {"Money": 1} for o in a.option_names}, budget={"Money": 2}
    )
    result = pb.portfolio.robust(problem, weight_information=pb.sensitivity.UniformWeights())
    figure = plot.core_index(result)
    assert len(figure.axes[0].patches) == 3
    with pytest.raises(pb.errors.InvalidParameterError, match=r"portfolio\.robust"):
        plot.core_index(problem)


def test_free_options_with_no_value_do_not_overflow_the_bounds():
    # Found by hypothesis: options that cost nothing make the value-per-cost ratio
    # infinite; the bound on what the rest can add must not overflow on them.
    a = _assessment([[0, 0, 0]] * 6)
    costs = {f"O{i}": {"Money": 2.0 if i == 4 else 0.0} for i in range(6)}
    problem = pb.portfolio.Problem(a, costs=costs, budget={"Money": 2.0})
    info = pb.sensitivity.OrdinalWeights(["C0", "C1", "C2"])
    programmed = pb.portfolio.robust(
        problem, weight_information=info, algorithm="dynamic programming"
    )
    enumerated = pb.portfolio.robust(problem, weight_information=info, algorithm="enumeration")
    assert set(programmed.packages) == set(enumerated.packages)
