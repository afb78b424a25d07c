"""Published package problems reproduced with their numbers."""

from __future__ import annotations

import portfolio_brute as brute
import pytest

import powerbalance as pb

#: A scale on which the weighted sum of the one criterion is NPV / SCALE.
SCALE = 20.0


def california_manufacturing(**changes: object) -> pb.portfolio.Problem:
    """Hillier & Lieberman's California Manufacturing Company, as a package problem.

    Hillier, F. S. & Lieberman, G. J., *Introduction to Operations Research*, the
    prototype example of binary integer programming: a factory in Los Angeles (net
    present value 9, capital 6, in $ millions) or San Francisco (5, 3), a warehouse in
    either (6, 5; 4, 2), 10 of capital, at most one warehouse, and a warehouse only in
    a city with a factory. The option values are the net present values, read through
    one benefit criterion on the scale 0-20, so that the weighted sum is NPV / 20.
    """
    assessment = pb.Assessment(
        ["Factory LA", "Factory SF", "Warehouse LA", "Warehouse SF"],
        [pb.Criterion("Net present value", area="Economic", kind="benefit", scale=(0, SCALE))],
        [[9], [5], [6], [4]],
    )
    arguments: dict[str, object] = {
        "costs": {
            "Factory LA": {"Capital": 6},
            "Factory SF": {"Capital": 3},
            "Warehouse LA": {"Capital": 5},
            "Warehouse SF": {"Capital": 2},
        },
        "budget": {"Capital": 10},
        "exclusions": [("Warehouse LA", "Warehouse SF")],
        "requires": {"Warehouse LA": "Factory LA", "Warehouse SF": "Factory SF"},
    }
    arguments.update(changes)
    return pb.portfolio.Problem(assessment, **arguments)  # type: ignore[arg-type]


def test_california_manufacturing_hillier_lieberman() -> None:
    # Published optimum: build both factories and no warehouse, NPV 14 ($ millions),
    # using 9 of the 10 of capital.
    package = pb.portfolio.optimize(california_manufacturing())
    assert package.options == ("Factory LA", "Factory SF")
    assert package.value * SCALE == pytest.approx(14.0)
    assert package.use == {"Capital": (9.0, 10.0)}
    assert package.left_out == ("Warehouse LA", "Warehouse SF")


def test_california_manufacturing_what_it_takes() -> None:
    # The warehouse in Los Angeles (NPV 6) is the best option left out; with its
    # factory it needs 11 of capital: 1 more buys factory LA + warehouse LA (NPV 15),
    # no worse than today's 14.
    takes = pb.portfolio.optimize(california_manufacturing()).what_it_takes
    assert takes is not None
    assert takes.option == "Warehouse LA"
    assert takes.loss is None  # no package within 10 of capital can hold it
    assert takes.budget["Capital"] == pytest.approx(1.0)


def test_california_manufacturing_as_a_cost_criterion() -> None:
    # The same problem with capital as a cost criterion of the assessment: the default
    # costs are the scores on it, and it does not count in the options' values.
    assessment = pb.Assessment(
        ["Factory LA", "Factory SF", "Warehouse LA", "Warehouse SF"],
        [
            pb.Criterion("Net present value", area="Economic", kind="benefit", scale=(0, SCALE)),
            pb.Criterion("Capital", area="Economic", kind="cost", scale=(0, 10)),
        ],
        [[9, 6], [5, 3], [6, 5], [4, 2]],
    )
    problem = pb.portfolio.Problem(
        assessment,
        budget={"Capital": 10},
        exclusions=[("Warehouse LA", "Warehouse SF")],
        requires={"Warehouse LA": "Factory LA", "Warehouse SF": "Factory SF"},
    )
    package = pb.portfolio.optimize(problem)
    assert package.options == ("Factory LA", "Factory SF")
    assert package.value * SCALE == pytest.approx(14.0)
    assert list(package.weights) == ["Net present value"]


def test_california_manufacturing_frontier() -> None:
    # Every efficient capital level, checked against all 16 packages tried one by one;
    # the published optimum (capital 9, NPV 14) is one of them, and with capital 14
    # both factories and the Los Angeles warehouse (NPV 20).
    problem = california_manufacturing(budget={"Capital": 16})
    frontier = pb.portfolio.frontier(problem)
    found = [
        (cost, pytest.approx(value * SCALE))
        for cost, value in zip(frontier.costs, frontier.values, strict=True)
    ]
    masks = brute.packages(problem)
    npv = brute.values(problem, [9, 5, 6, 4], masks)
    expected = brute.efficient(masks.astype(float) @ problem.arrays.costs[:, 0], npv)
    assert found == expected
    assert (9.0, 14.0) in expected
    assert expected[-1] == (14.0, 20.0)


def _knapsack(values, costs, budget):
    """One benefit criterion on the scale 0 to the sum of the values: value x top = return."""
    names = [f"P{i}" for i in range(1, len(values) + 1)]
    top = float(sum(values))
    assessment = pb.Assessment(
        names,
        [pb.Criterion("Return", area="Economic", kind="benefit", scale=(0, top))],
        [[v] for v in values],
    )
    return (
        top,
        pb.portfolio.Problem(
            assessment,
            costs={name: cost for name, cost in zip(names, costs, strict=True)},
            budget=budget,
        ),
    )


def test_capital_budgeting_over_three_years_taha():
    # Taha, H. A., *Operations Research: An Introduction*, capital budgeting example of
    # the integer programming chapter (Example 9.1-1): five projects, their spending in
    # each of three years ($ millions) and return; 25 available each year. The optimum
    # selects projects 1 to 4 for a return of 95, spending 19, 21 and 21.
    spend = [(5, 1, 8), (4, 7, 10), (3, 9, 2), (7, 4, 1), (8, 6, 10)]
    top, problem = _knapsack(
        [20, 40, 20, 15, 30],
        [{"Year 1": a, "Year 2": b, "Year 3": c} for a, b, c in spend],
        {"Year 1": 25, "Year 2": 25, "Year 3": 25},
    )
    best = pb.portfolio.optimize(problem)
    assert best.options == ("P1", "P2", "P3", "P4")
    assert best.value * top == pytest.approx(95)
    assert {resource: used for resource, (used, _) in best.use.items()} == {
        "Year 1": 19,
        "Year 2": 21,
        "Year 3": 21,
    }


def test_stockco_capital_budgeting_winston():
    # Winston, W. L., *Operations Research: Applications and Algorithms*, section 9.2,
    # Example 1 (Stockco): four investments with net present values 16, 22, 12 and 8
    # ($ thousands) and cash outflows 5, 7, 4 and 3; 14 available. The optimum takes
    # investments 2, 3 and 4, for a net present value of 42.
    top, problem = _knapsack([16, 22, 12, 8], [{"Cash": c} for c in (5, 7, 4, 3)], {"Cash": 14})
    best = pb.portfolio.optimize(problem)
    assert best.options == ("P2", "P3", "P4")
    assert best.value * top == pytest.approx(42)
