"""Scenario discovery: the box of futures in which an option fails, and its measures."""

import json

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.scenarios._discovery import discover

CELLS = [("A", "X"), ("A", "Y"), ("B", "Z")]


@pytest.fixture
def values():
    return np.random.default_rng(0).random((2_000, 3))


def test_a_planted_threshold_is_found_with_full_coverage_and_density(values):
    found = discover("A", CELLS, values, values[:, 1] > 0.7)
    assert len(found.rule) == 1
    (condition,) = found.rule
    assert condition.cell == ("A", "Y")
    assert condition.side == ">="
    assert abs(condition.threshold - 0.7) < 0.01
    assert found.coverage == 1.0
    assert found.density == 1.0
    assert found.base_rate == pytest.approx(float((values[:, 1] > 0.7).mean()))


def test_a_planted_box_of_two_cells_is_found(values):
    fails = (values[:, 0] < 0.4) & (values[:, 2] > 0.5)
    found = discover("A", CELLS, values, fails)
    assert [(c.cell, c.side) for c in found.rule] == [(("A", "X"), "<="), (("B", "Z"), ">=")]
    assert found.density == 1.0
    assert found.coverage == 1.0


def test_the_box_keeps_the_coverage_asked_for(values):
    rng = np.random.default_rng(1)
    fails = rng.random(2_000) < 0.2 + 0.5 * values[:, 0]  # failures likelier with X
    for min_coverage in (0.2, 0.5, 0.9):
        found = discover("A", CELLS, values, fails, min_coverage=min_coverage)
        assert found.coverage >= min_coverage
        assert found.density > found.base_rate
        inside = np.ones(2_000, dtype=bool)
        for condition in found.rule:
            inside &= condition.holds(values[:, CELLS.index(condition.cell)])
        assert found.inside == int(inside.sum())
        assert found.density == fails[inside].mean()
        assert found.coverage == fails[inside].sum() / fails.sum()


def test_no_failures_and_only_failures_give_no_rule(values):
    never = discover("A", CELLS, values, np.zeros(2_000, dtype=bool))
    assert never.rule == ()
    assert "holds in every one" in never.sentence()
    always = discover("A", CELLS, values, np.ones(2_000, dtype=bool))
    assert always.rule == ()
    assert "fails in every one" in always.sentence()


def test_the_ensemble_finds_the_threshold_where_an_option_loses_first_place():
    # A beats B exactly when its X score exceeds 5 (equal weights, declared scales);
    # C's noise changes nothing.
    criteria = [
        pb.Criterion("X", area="P", kind="benefit", scale=(0, 10)),
        pb.Criterion("Y", area="Q", kind="benefit", scale=(0, 10)),
    ]
    a = pb.Assessment(["A", "B", "C"], criteria, [[5, 5], [5, 5], [0, 1]])
    cells = {"A": {"X": pb.uncertainty.Uniform(0, 10)}, "C": {"Y": pb.uncertainty.Uniform(0, 2)}}
    result = pb.scenarios.ensemble(a, futures=3_000, cells=cells, seed=2)
    found = result.discover("A")
    (condition,) = found.rule
    assert condition.cell == ("A", "X")
    assert condition.side == "<="
    assert abs(condition.threshold - 5) < 0.05
    assert (found.coverage, found.density) == (1.0, 1.0)
    assert found.base_rate == pytest.approx(0.5, abs=0.05)
    assert "X of A <=" in found.sentence()


def test_discover_checks_its_arguments():
    a = pb.examples.load("great-power-cooperation").assessment
    result = pb.scenarios.ensemble(a, futures=200, seed=0)
    with pytest.raises(pb.errors.UnknownNameError, match="Confrontatoin"):
        result.discover("Confrontatoin")
    for bad in (0, 1.5, "half"):
        with pytest.raises(pb.errors.InvalidParameterError, match="min_coverage must be"):
            result.discover(min_coverage=bad)


def test_a_discovery_renders(values):
    found = discover("A", CELLS, values, values[:, 1] > 0.7)
    assert "Y of A >= 0.7" in found.to_text()
    assert "Coverage" in found.to_markdown()
    data = json.loads(found.to_json())
    assert data["schema"] == pb.scenarios.DISCOVERY_SCHEMA
    assert data["rule"][0]["criterion"] == "Y"
    assert data["coverage"] == 1.0
