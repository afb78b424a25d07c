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


def test_the_built_in_scenario_is_read_by_the_io_reader(tmp_path):
    path = tmp_path / f"{SCENARIO}.toml"
    path.write_text(pb.scenarios.text(SCENARIO), encoding="utf-8")
    assert pb.io.read(path) == pb.scenarios.read(SCENARIO)
    assert pb.io.load(path) == pb.scenarios.load(SCENARIO)
    assert pb.scenarios.load(SCENARIO).baseline == "Status quo"


def test_the_built_in_presets_are_stakeholder_perspectives():
    scenario = pb.scenarios.read(SCENARIO)
    first_area = {
        "security-first": "Security",
        "economy-first": "Economic",
        "climate-first": "Environment",
    }
    assert set(scenario.presets) == set(first_area)
    a = scenario.assessment
    leaders = set()
    for name, scheme in scenario.presets.items():
        weights = scheme.weigh(a)
        by_area = {area: sum(weights[c] for c in a.criteria_in(area)) for area in a.areas}
        assert max(by_area, key=by_area.get) == first_area[name]
        leaders.add(pb.evaluate(a, weighting=scheme).ranking.index[0])
    # The perspectives disagree on the best option.
    assert len(leaders) > 1
