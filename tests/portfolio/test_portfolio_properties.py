"""Properties of the best package, checked against every package tried one by one."""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import portfolio_brute as brute
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb

# A flat criterion (every score equal) is a fine random problem here.
pytestmark = pytest.mark.filterwarnings("ignore::powerbalance.errors.DegenerateCriterionWarning")

#: Option values are whole numbers on this scale, so the weighted sum is value / SCALE.
SCALE = 20.0


def assessment(scores: list[int]) -> pb.Assessment:
    return pb.Assessment(
        [f"O{i}" for i in range(len(scores))],
        [pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, SCALE))],
        [[s] for s in scores],
    )


@st.composite
def problems(draw: st.DrawFn, *, max_options: int = 15) -> tuple[pb.portfolio.Problem, list[int]]:
    """Random problems: 1-15 options, 1-3 resources, synergies, exclusions, prerequisites."""
    n = draw(st.integers(1, max_options))
    scores = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    names = [f"O{i}" for i in range(n)]
    resources = [f"R{r}" for r in range(draw(st.integers(1, 3)))]
    costs = {name: {r: draw(st.integers(0, 10)) for r in resources} for name in names}
    budget = {r: draw(st.integers(0, 40)) for r in resources}
    groups = st.lists(st.sampled_from(names), min_size=2, max_size=3, unique=True)
    arguments: dict[str, Any] = {"costs": costs, "budget": budget}
    if n >= 2:
        arguments["synergies"] = [
            pb.portfolio.Synergy(tuple(group), draw(st.integers(-5, 5)) / SCALE)
            for group in draw(st.lists(groups, max_size=4))
        ]
        arguments["exclusions"] = draw(st.lists(groups.map(tuple), max_size=3))
        pairs = draw(st.lists(st.tuples(st.integers(1, n - 1), st.integers(0, n - 1)), max_size=3))
        # An option only requires one before it, so there is no cycle.
        arguments["requires"] = {names[i]: names[j % i] for i, j in pairs}
    if draw(st.booleans()):
        arguments["min_size"] = draw(st.integers(0, min(n, 3)))
    if draw(st.booleans()):
        arguments["max_size"] = draw(st.integers(arguments.get("min_size", 0), n))
    if draw(st.booleans()):
        # Something the package must deliver enough of, tracked without a cap.
        for name in names:
            costs[name]["Reach"] = draw(st.integers(0, 10))
        arguments["budget"] = {**budget, "Reach": None}
        arguments["minimum"] = {"Reach": draw(st.integers(0, 30))}
    try:
        problem = pb.portfolio.Problem(assessment(scores), **arguments)
    except pb.errors.PortfolioError:
        # A conflict is reported only when no package meets the constraints.
        problem = pb.portfolio.Problem(
            assessment(scores), **{**arguments, "min_size": None, "minimum": None}
        )
        masks = brute.packages(problem)
        reach = masks.astype(float) @ problem.arrays.costs[:, -1]
        assert not (
            (masks.sum(axis=1) >= arguments.get("min_size", 0))
            & (reach >= arguments.get("minimum", {}).get("Reach", 0))
        ).any()
    return problem, scores


@settings(max_examples=80)
@given(problems())
def test_optimum_never_beaten_by_brute_force(case: tuple[pb.portfolio.Problem, list[int]]) -> None:
    problem, scores = case
    package = pb.portfolio.optimize(problem)
    masks = brute.packages(problem)
    worth = brute.values(problem, np.divide(scores, SCALE), masks)
    chosen = np.array([name in package.options for name in problem.options])
    # The package is feasible, its value is what it says, and nothing beats it.
    assert any((mask == chosen).all() for mask in masks)
    assert package.value == pytest.approx(
        float(brute.values(problem, np.divide(scores, SCALE), chosen[None])[0])
    )
    assert package.value >= worth.max() - 1e-9


@settings(max_examples=40)
@given(problems(max_options=10), st.integers(0, 2), st.integers(1, 20))
def test_raising_a_budget_never_lowers_the_optimum(
    case: tuple[pb.portfolio.Problem, list[int]], which: int, more: int
) -> None:
    problem, _ = case
    capped = [r for r in problem.resources if problem.budget[r] is not None]
    resource = capped[which % len(capped)]
    richer = attrs.evolve(
        problem, budget={**problem.budget, resource: problem.budget[resource] + more}
    )
    assert pb.portfolio.optimize(richer).value >= pb.portfolio.optimize(problem).value - 1e-9


@settings(max_examples=40)
@given(problems(max_options=10))
def test_the_frontier_is_monotone_and_complete(
    case: tuple[pb.portfolio.Problem, list[int]],
) -> None:
    problem, scores = case
    frontier = pb.portfolio.frontier(problem, resource=problem.resources[0])
    costs, values = np.array(frontier.costs), np.array(frontier.values)
    # Dearer packages are worth strictly more: the value never falls with the budget.
    assert (np.diff(costs) > 0).all()
    assert (np.diff(values) > 0).all()
    masks = brute.packages(problem)
    worth = brute.values(problem, np.divide(scores, SCALE), masks)
    expected = brute.efficient(masks.astype(float) @ problem.arrays.costs[:, 0], worth)
    assert [(c, pytest.approx(v)) for c, v in expected] == list(zip(costs, values, strict=True))


@settings(max_examples=40)
@given(st.lists(st.integers(0, 20), min_size=1, max_size=15))
def test_without_constraints_every_positive_option_is_taken(scores: list[int]) -> None:
    problem = pb.portfolio.Problem(assessment(scores), costs={}, budget={})
    package = pb.portfolio.optimize(problem)
    positive = tuple(f"O{i}" for i, s in enumerate(scores) if s > 0)
    assert set(positive) <= set(package.options)
    assert package.value == pytest.approx(sum(scores) / SCALE)
