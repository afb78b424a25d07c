"""Robust Portfolio Modelling reproduced on its authors' reference data.

The test fixtures of ``rpm``, the R implementation of Robust Portfolio Modelling by
T. Tervonen (co-author of the method's later papers; GitHub ``tommite/rrpm``,
``R-pkg/rpm/tests/data/data.csv``, ``results.csv`` and ``results-constr.csv``, with
the tests ``test.rpm.nondom.R`` and ``test.rpm.nondom.constr.R``): 15 projects scored
on three criteria, each with a cost, and a budget of 300. The reference results are
the non-dominated portfolios with no weight information (9) and with the weights
ranked w1 >= w2 >= w3 (6), written as 0/1 strings over the projects in order. The
method is that of Liesiö, Mild and Salo (2007), "Preference programming for robust
portfolio modeling and project selection", European Journal of Operational Research
181(3), 1488-1505: additive value, dominance at the extreme points of the weights.
"""

from __future__ import annotations

import pytest

import powerbalance as pb

# (c1, c2, c3, cost) per project P1..P15, as in data.csv.
PROJECTS = [
    (46, 55, 31, 79),
    (61, 49, 49, 32),
    (22, 65, 57, 31),
    (43, 88, 42, 73),
    (8, 82, 51, 19),
    (60, 92, 71, 32),
    (72, 62, 38, 94),
    (92, 78, 100, 22),
    (81, 75, 37, 44),
    (85, 23, 22, 10),
    (50, 17, 53, 27),
    (9, 37, 83, 100),
    (64, 32, 51, 51),
    (98, 57, 17, 98),
    (9, 16, 13, 2),
]
NO_INFORMATION = {
    "011011011110101",
    "010011011110011",
    "011011011100011",
    "011111011110001",
    "010101011110101",
    "111011011110001",
    "011001011110011",
    "011111010110101",
    "110001011110101",
}
RANKED = {
    "011011011110101",
    "010011011110011",
    "011111011110001",
    "010101011110101",
    "111011011110001",
    "011001011110011",
}
NAMES = [f"P{i}" for i in range(1, 16)]


def problem() -> pb.portfolio.Problem:
    # On a common 0-100 scale the weighted sum is the raw additive value / 100: the
    # same dominance relation.
    a = pb.Assessment(
        NAMES,
        [
            pb.Criterion(name, area=name, kind="benefit", scale=(0, 100))
            for name in ("c1", "c2", "c3")
        ],
        [project[:3] for project in PROJECTS],
    )
    return pb.portfolio.Problem(
        a,
        costs={name: {"Cost": project[3]} for name, project in zip(NAMES, PROJECTS, strict=True)},
        budget={"Cost": 300},
    )


def as_strings(result: pb.portfolio.RobustPackages) -> set[str]:
    return {
        "".join("1" if name in package else "0" for name in NAMES) for package in result.packages
    }


@pytest.mark.parametrize("algorithm", ["dynamic programming", "enumeration"])
def test_no_weight_information_gives_the_nine_reference_portfolios(algorithm):
    result = pb.portfolio.robust(
        problem(), weight_information=pb.sensitivity.UniformWeights(), algorithm=algorithm
    )
    assert as_strings(result) == NO_INFORMATION


@pytest.mark.parametrize("algorithm", ["dynamic programming", "enumeration"])
def test_ranked_weights_give_the_six_reference_portfolios(algorithm):
    ranked = pb.sensitivity.OrdinalWeights(["c1", "c2", "c3"])
    result = pb.portfolio.robust(problem(), weight_information=ranked, algorithm=algorithm)
    assert as_strings(result) == RANKED
    # Core indices follow from the six portfolios: seven projects in all of them, P7
    # and P12 in none.
    assert set(result.core) == {"P2", "P6", "P8", "P9", "P10", "P11", "P15"}
    assert set(result.exterior) == {"P7", "P12"}
    assert result.core_index["P3"] == pytest.approx(4 / 6)
    assert result.core_index["P1"] == pytest.approx(1 / 6)


def test_the_best_package_at_equal_weights_is_among_them():
    best = pb.portfolio.optimize(problem(), weighting="equal")
    chosen = "".join("1" if name in best.options else "0" for name in NAMES)
    assert chosen == "011111011110001"
    # 530.33 in the reference's raw units, here divided by the scale of 100.
    assert best.value == pytest.approx(5.3033, abs=5e-5)
