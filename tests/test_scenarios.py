"""The built-in scenario: structure and its stated provenance."""

import tomllib

import numpy as np

import powerbalance as pb

SCENARIO = "great-power-cooperation"


def test_built_in_scenarios_are_listed():
    assert SCENARIO in pb.scenarios.names()


def test_great_power_cooperation_structure():
    a = pb.scenarios.load(SCENARIO)
    assert a.n_options >= 6
    assert set(a.areas) >= {"Economic", "Security", "Environment", "Technology", "Diplomacy"}
    for area in a.areas:
        kinds = {a.criterion(name).kind for name in a.criteria_in(area)}
        assert kinds == {"benefit", "risk"}, area
    assert all(c.scale == (0.0, 10.0) for c in a.criteria)
    # Every criterion separates the options, and every cell has a rationale.
    assert (np.ptp(a.scores, axis=0) > 0).all()
    assert len(a.notes) == a.n_options * a.n_criteria
    assert all(text.strip() for text in a.notes.values())


def test_scenario_file_says_its_scores_are_illustrative():
    document = tomllib.loads(pb.scenarios.text(SCENARIO))
    assert "illustrative" in document["disclaimer"]
    assert "not forecasts" in document["disclaimer"]
