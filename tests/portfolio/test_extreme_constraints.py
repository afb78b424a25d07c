"""Extreme points of weights under linear constraints, and robust packages that use them."""

from __future__ import annotations

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.portfolio._extreme import extreme_points, named_criteria
from powerbalance.sensitivity import ConstrainedWeights, WeightConstraint

# The bridge-repair case of Tervonen, Liesiö and Salo (2017), "Modelling project
# preferences in multiattribute portfolio decision analysis", European Journal of
# Operational Research 263(1), 225-239. The weight constraints as the authors' data
# repository states them (github.com/tommite/pub-pf-project-preferences, weights.R):
# criteria DPS, Traffic, Carry, Width, Salt, Visual; w1 >= w2, w2 >= w5, w2 >= w6,
# w1 >= w3 + w4, w3 + w4 >= w5, w3 + w4 >= w6, and every weight at least 0.02.
BRIDGE = ["DPS", "Traffic", "Carry", "Width", "Salt", "Visual"]
CONSTRAINTS = [
    WeightConstraint("DPS", "Traffic"),
    WeightConstraint("Traffic", "Salt"),
    WeightConstraint("Traffic", "Visual"),
    WeightConstraint("DPS", ["Carry", "Width"]),
    WeightConstraint(["Carry", "Width"], "Salt"),
    WeightConstraint(["Carry", "Width"], "Visual"),
]


def bridge():
    criteria = [pb.Criterion(n, area="X", kind="benefit", scale=(0, 10)) for n in BRIDGE]
    return pb.Assessment(["A", "B"], criteria, [[1] * 6, [2] * 6])


def bridge_information():
    return ConstrainedWeights(bounds={n: (0.02, 1.0) for n in BRIDGE}, constraints=CONSTRAINTS)


def test_bridge_polytope_has_18_extreme_points_tervonen_liesio_salo_2017():
    points = extreme_points(bridge_information(), bridge(), "robust")
    assert points.shape == (18, 6)
    rounded = {tuple(np.round(p, 9)) for p in points}
    assert (0.9, 0.02, 0.02, 0.02, 0.02, 0.02) in rounded
    assert (0.2, 0.2, 0.02, 0.18, 0.2, 0.2) in rounded


def test_every_bridge_extreme_point_is_a_feasible_vertex():
    points = extreme_points(bridge_information(), bridge(), "robust")
    rows = np.vstack([c.as_row(BRIDGE)[0] for c in CONSTRAINTS] + [-np.eye(6)])
    limits = np.concatenate([[c.as_row(BRIDGE)[1] for c in CONSTRAINTS], np.full(6, -0.02)])
    for point in points:
        assert point.sum() == pytest.approx(1.0)
        assert (rows @ point <= limits + 1e-9).all()
        # A vertex of a 5-dimensional polytope: the constraints tight at it, with the sum
        # of the weights, pin it down.
        tight = rows[np.abs(rows @ point - limits) <= 1e-9]
        assert np.linalg.matrix_rank(np.vstack([tight, np.ones(6)])) == 6


def test_named_criteria_include_the_constraints():
    info = ConstrainedWeights(
        bounds={"Salt": (0.1, 0.5)},
        ranking=["Traffic", "DPS"],
        constraints=[WeightConstraint("Width", {"Carry": 2, "DPS": 1})],
    )
    assert named_criteria(info) == ("Traffic", "DPS", "Salt", "Width", "Carry")


def test_an_unknown_criterion_in_a_constraint_is_named():
    info = ConstrainedWeights(constraints=[WeightConstraint("DPS", "Widht")])
    with pytest.raises(pb.errors.UnknownNameError, match="Did you mean 'Width'"):
        extreme_points(info, bridge(), "robust")


def test_a_constraint_gives_the_same_packages_as_the_ranking_it_states():
    # Security >= Economy as a ranking and as a constraint: the same two corners.
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
    stated = pb.portfolio.robust(
        problem,
        weight_information=ConstrainedWeights(
            constraints=[WeightConstraint("Security", "Economy")]
        ),
    )
    assert stated.packages == ordinal.packages == (("A", "C"),)
    assert "within the weight constraints given" in stated.summary()
    # A margin the other way (Economy at least 0.4 more) makes B worth having instead.
    leaning = pb.portfolio.robust(
        problem,
        weight_information=ConstrainedWeights(
            constraints=[WeightConstraint("Economy", "Security", margin=0.4)]
        ),
    )
    assert ("A", "C") not in leaning.packages
    assert all("B" in package for package in leaning.packages)


def test_a_constraint_naming_a_cost_is_refused():
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
    info = ConstrainedWeights(constraints=[WeightConstraint("Gain", "Price")])
    with pytest.raises(pb.errors.InvalidParameterError, match="'Price'"):
        pb.portfolio.robust(problem, weight_information=info)
