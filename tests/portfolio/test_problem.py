"""Refusals and conflicts of a package problem: each names what is wrong and how to fix it."""

from __future__ import annotations

import json
from typing import Any

import pytest

import powerbalance as pb

OPTIONS = ["A", "B", "C"]


def assessment() -> pb.Assessment:
    return pb.Assessment(
        OPTIONS,
        [pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10))],
        [[6], [5], [4]],
    )


def problem(**changes: Any) -> pb.portfolio.Problem:
    arguments: dict[str, Any] = {
        "costs": {"A": {"Money": 4}, "B": {"Money": 3}, "C": {"Money": 2}},
        "budget": {"Money": 5},
    }
    arguments.update(changes)
    return pb.portfolio.Problem(assessment(), **arguments)


@pytest.mark.parametrize(
    ("changes", "error", "words"),
    [
        ({"costs": {"Aa": {"Money": 1}}}, pb.errors.UnknownNameError, "Did you mean 'A'?"),
        ({"costs": {"A": {"Money": -1}}}, pb.errors.InvalidParameterError, "costs['A']['Money']"),
        ({"budget": {}}, pb.errors.InvalidParameterError, "It has none for 'Money'"),
        ({"budget": {"Money": 5, "Mony": 1}}, pb.errors.UnknownNameError, "Did you mean 'Money'?"),
        ({"exclusions": [("A",)]}, pb.errors.InvalidParameterError, "exclusions must be"),
        ({"exclusions": [("A", "D")]}, pb.errors.UnknownNameError, "exclusions must be"),
        (
            {"requires": {"A": "B", "B": "A"}},
            pb.errors.InvalidParameterError,
            "'A' requires 'B' requires 'A'",
        ),
        ({"min_size": 3, "max_size": 2}, pb.errors.InvalidParameterError, "at most max_size (2)"),
        ({"max_size": 4}, pb.errors.InvalidParameterError, "number of options (3)"),
        ({"minimum": {"Mony": 1}}, pb.errors.UnknownNameError, "Did you mean 'Money'?"),
        ({"minimum": {"Money": -1}}, pb.errors.InvalidParameterError, "minimum['Money']"),
        ({"minimum": {"Money": 6}}, pb.errors.InvalidParameterError, "at most the budget"),
        ({"minimum": 3}, pb.errors.InvalidParameterError, "{resource: amount}"),
    ],
)
def test_refusals_name_the_culprit(
    changes: dict[str, Any], error: type[Exception], words: str
) -> None:
    with pytest.raises(error) as raised:
        problem(**changes)
    message = str(raised.value)
    assert message.startswith("portfolio.Problem: ")
    assert words in message


def test_a_synergy_of_one_option_is_refused() -> None:
    with pytest.raises(pb.errors.InvalidParameterError, match="at least two option names"):
        pb.portfolio.Synergy(("A",), 0.1)


def test_costs_are_required_without_cost_criteria() -> None:
    with pytest.raises(pb.errors.InvalidParameterError, match="kind='cost'"):
        pb.portfolio.Problem(assessment(), budget={})


def test_a_conflict_names_the_constraints() -> None:
    # Three options cannot fit a budget of 5: the budget and min_size conflict; the
    # exclusion of B and C is not needed for the conflict and is not named.
    with pytest.raises(pb.errors.PortfolioError) as raised:
        problem(min_size=3, budget={"Money": 8})
    assert str(raised.value) == (
        "portfolio.Problem: no package meets every constraint: the budget of 'Money' (8) "
        "and min_size 3 cannot all hold. Relax one of them."
    )
    with pytest.raises(
        pb.errors.PortfolioError, match=r"the exclusion .*'B' or 'C'.* and min_size 2"
    ):
        problem(budget={"Money": 100}, exclusions=[("A", "B", "C")], min_size=2)


def test_a_minimum_is_met_and_named_in_a_conflict() -> None:
    # Reaching 4 people rules out the best package within the budget (A alone).
    costs = {
        "A": {"Money": 4, "Reach": 1},
        "B": {"Money": 3, "Reach": 4},
        "C": {"Money": 2, "Reach": 3},
    }
    budget = {"Money": 4, "Reach": None}
    assert pb.portfolio.optimize(problem(costs=costs, budget=budget)).options == ("A",)
    package = pb.portfolio.optimize(problem(costs=costs, budget=budget, minimum={"Reach": 4}))
    assert package.options == ("B",)
    assert package.use["Reach"] == (4.0, None)
    with pytest.raises(pb.errors.PortfolioError) as raised:
        problem(costs=costs, budget=budget, minimum={"Reach": 5})
    assert str(raised.value) == (
        "portfolio.Problem: no package meets every constraint: the budget of 'Money' (4) "
        "and the minimum of 'Reach' (5) cannot all hold. Relax one of them."
    )


def test_the_package_renders_in_every_format() -> None:
    package = pb.portfolio.optimize(problem(synergies=[pb.portfolio.Synergy(("B", "C"), 0.05)]))
    assert package.options == ("B", "C")
    assert [s.options for s in package.synergies] == [("B", "C")]
    data = json.loads(package.to_json())
    assert data["schema"] == pb.portfolio.PACKAGE_SCHEMA
    assert data["use"] == {"Money": {"used": 5.0, "limit": 5.0}}
    assert "B and C" in package.summary()
    assert package.summary() in package.to_text().replace("\n", " ")
    assert package.to_markdown().startswith("## ")
    assert package.to_html().startswith('<div class="powerbalance">')
    assert list(package.to_frame().columns) == ["value", "in_package", "Money"]
    frontier = pb.portfolio.frontier(problem())
    assert json.loads(frontier.to_json())["schema"] == pb.portfolio.FRONTIER_SCHEMA
    assert list(frontier.to_frame().columns) == [
        "budget",
        "cost",
        "value",
        "options",
        "n_options",
        "cost_per_value",
    ]
