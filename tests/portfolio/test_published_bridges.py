"""Robust Portfolio Modelling on a published case: repairing Finnish road bridges.

Tervonen, T., Liesiö, J. and Salo, A. (2017). Modeling project preferences in
multiattribute portfolio decision analysis. European Journal of Operational Research
263(1), 225-239; on the bridge data of Mild, P., Liesiö, J. and Salo, A. (2015).
Selecting infrastructure maintenance projects with Robust Portfolio Modeling. Decision
Support Systems 77, 21-30. The authors published the case's data and results with the
paper (GitHub ``tommite/pub-pf-project-preferences``, ``siltadata-precomp.xlsx``:
sheets ``projects``, ``info`` and ``nd-prefs``; the weight statements in
``weights.R``).

46 repair projects are scored on six criteria (damage point sum, traffic,
load-carrying capacity, width, salt, visual), value additive. A portfolio may cost at
most 1,030,260 EUR (22% of the total), must reduce the damage point sum by at least
836.64 (18% of the total) and hold at most 6 projects (12%). The weights satisfy
w1 >= w2, w2 >= w5, w2 >= w6, w1 >= w3 + w4, w3 + w4 >= w5, w3 + w4 >= w6 and every
wi >= 0.02: a polytope with 18 extreme points. The published non-dominated set
(``nd-prefs``) holds 246 portfolios, all of six projects; no project is in all of
them, 24 are in none, and the others are in the numbers of them below.
"""

from __future__ import annotations

import pytest

import powerbalance as pb

CRITERIA = ("Damage points", "Traffic", "Carrying", "Width", "Salt", "Visual")

# Per project x1..x46: the six criterion scores, the cost (EUR) and the reduction of the
# damage point sum, as in the sheet ``projects``.
PROJECTS = [
    (2.688, 4, 0, 0, 3, 0.67, 272000, 302),
    (2.864, 2.5, 0, 0, 3, 0.67, 36000, 322),
    (4, 4, 0, 0, 3, 1.33, 1117000, 971),
    (4, 2, 0, 0, 0, 0.67, 176000, 627),
    (1.36, 4, 0, 0, 3, 0.67, 29000, 102),
    (1.256, 4, 0, 0, 3, 0.67, 8000, 94),
    (0.448, 4, 0, 3, 3, 0, 18000, 34),
    (1.544, 0, 3, 4, 0, 0, 21000, 116),
    (1.912, 1, 1, 2, 0, 0.67, 11000, 143),
    (0.472, 0, 4, 2, 0, 2, 22000, 35),
    (0.856, 0, 4, 3, 0, 0, 99000, 96),
    (0.12, 0, 4, 4, 0, 0.67, 19000, 9),
    (0.28, 0, 4, 3, 0, 0.67, 5000, 21),
    (0.224, 0, 2, 4, 0, 0, 19000, 17),
    (0.824, 4, 0, 0, 3, 0, 16000, 62),
    (1.496, 0, 2, 2, 0, 0.67, 23000, 112),
    (0.656, 1, 0, 0, 0, 0, 108000, 49),
    (0.376, 2, 0, 1, 0, 0.67, 34000, 28),
    (0.352, 0, 3, 3, 0, 1.33, 76000, 26),
    (0.184, 0, 0, 0, 0, 0, 26000, 14),
    (0.584, 2.5, 0, 0, 0, 0.67, 17000, 44),
    (0.648, 2.5, 0, 0, 3, 0.67, 59000, 49),
    (0.784, 0, 2, 2, 0, 0.67, 18000, 59),
    (0.952, 3, 1, 0, 0, 0.67, 101000, 71),
    (0.256, 0, 0, 1, 0, 0, 13000, 19),
    (0.368, 4, 0, 0, 3, 0.67, 237000, 28),
    (1.968, 4, 0, 0, 3, 0.67, 711000, 246),
    (0.28, 3, 0, 0, 3, 0.67, 26000, 21),
    (0.464, 2, 0, 0, 3, 0, 280000, 35),
    (1.688, 3, 0, 0, 3, 0.67, 350000, 127),
    (0.944, 3, 0, 1, 3, 0, 9000, 71),
    (1.184, 3, 0, 0, 3, 0.67, 9000, 89),
    (0.328, 4, 0, 0, 3, 0.67, 20000, 25),
    (0.776, 4, 0, 0, 3, 0, 108000, 58),
    (0.328, 4, 0, 0, 3, 0, 238000, 25),
    (0.36, 3.5, 0, 0, 3, 0, 30000, 27),
    (0.448, 0, 2, 1, 0, 0.67, 12000, 34),
    (1.176, 0, 1, 2, 0, 0, 14000, 88),
    (0.488, 3, 0, 0, 3, 0.67, 10000, 37),
    (0.2, 4, 0, 0, 3, 0, 58000, 15),
    (1, 0, 0, 0, 0, 0.67, 68000, 75),
    (1.336, 0, 2, 1, 0, 0.67, 15000, 100),
    (0.344, 3, 0, 0, 3, 0, 31000, 26),
    (0.2, 0, 1, 2, 0, 0, 17000, 15),
    (0.616, 0, 0, 1, 0, 0.67, 81000, 46),
    (0.512, 0, 0, 2, 0, 0.67, 16000, 38),
]

# How many of the 246 non-dominated portfolios hold each project (the others: none).
IN_PORTFOLIOS = {
    "x1": 198, "x2": 179, "x4": 197, "x5": 81, "x6": 32, "x7": 79, "x8": 168, "x9": 72,
    "x10": 68, "x11": 107, "x12": 75, "x13": 46, "x14": 27, "x15": 4, "x16": 29,
    "x19": 27, "x24": 13, "x26": 1, "x30": 53, "x31": 18, "x32": 1, "x34": 1,
}  # fmt: skip


def _at_least(heavier: str | tuple[str, ...], lighter: str) -> pb.sensitivity.WeightConstraint:
    return pb.sensitivity.WeightConstraint(heavier, lighter)


@pytest.fixture(scope="module")
def result() -> pb.portfolio.RobustPackages:
    options = [f"x{i + 1}" for i in range(len(PROJECTS))]
    a = pb.Assessment(
        options,
        [pb.Criterion(name, area="Bridges", kind="benefit", scale=(0, 4)) for name in CRITERIA],
        [row[:6] for row in PROJECTS],
    )
    problem = pb.portfolio.Problem(
        a,
        costs={
            option: {"Cost": row[6], "Damage reduction": row[7]}
            for option, row in zip(options, PROJECTS, strict=True)
        },
        budget={"Cost": 1_030_260, "Damage reduction": None},
        minimum={"Damage reduction": 836.64},
        max_size=6,
    )
    dps, traffic, carrying, width, salt, visual = CRITERIA
    information = pb.sensitivity.ConstrainedWeights(
        bounds={name: (0.02, 1.0) for name in CRITERIA},
        constraints=[
            _at_least(dps, traffic),
            _at_least(traffic, salt),
            _at_least(traffic, visual),
            pb.sensitivity.WeightConstraint(dps, (carrying, width)),
            _at_least((carrying, width), salt),
            _at_least((carrying, width), visual),
        ],
    )
    return pb.portfolio.robust(problem, weight_information=information)


def test_the_weights_have_the_eighteen_extreme_points(result: pb.portfolio.RobustPackages) -> None:
    points = result.extreme_points
    assert len(points) == 18
    assert (points >= 0.02 - 1e-9).all().all()
    assert points.loc[:, "Damage points"].max() == pytest.approx(0.9)


def test_the_published_non_dominated_portfolios_are_found(
    result: pb.portfolio.RobustPackages,
) -> None:
    assert result.algorithm == "dynamic programming"
    assert len(result.packages) == 246
    assert {len(package) for package in result.packages} == {6}


def test_each_project_is_in_as_many_portfolios_as_published(
    result: pb.portfolio.RobustPackages,
) -> None:
    counts = {
        option: round(share * 246) for option, share in result.core_index.items() if share > 0
    }
    assert counts == IN_PORTFOLIOS
    assert result.core == ()
    assert len(result.exterior) == 24
