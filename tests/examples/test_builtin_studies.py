"""The built-in study: structure and its stated provenance."""

import tomllib

import numpy as np

import powerbalance as pb

STUDY = "great-power-cooperation"


def test_built_in_studys_are_listed():
    assert STUDY in pb.examples.names()


def test_great_power_cooperation_structure():
    a = pb.examples.load(STUDY).assessment
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


def test_study_file_says_its_scores_are_illustrative():
    document = tomllib.loads(pb.examples.text(STUDY))
    assert "illustrative" in document["disclaimer"]
    assert "not forecasts" in document["disclaimer"]


def test_the_built_in_study_is_read_by_the_io_reader(tmp_path):
    path = tmp_path / f"{STUDY}.toml"
    path.write_text(pb.examples.text(STUDY), encoding="utf-8")
    assert pb.io.read(path) == pb.examples.load(STUDY)
    assert pb.io.load(path) == pb.examples.load(STUDY).assessment
    assert pb.examples.load(STUDY).assessment.baseline == "Status quo"


def test_the_built_in_presets_are_stakeholder_perspectives():
    study = pb.examples.load(STUDY)
    first_area = {
        "security-first": "Security",
        "economy-first": "Economic",
        "climate-first": "Environment",
    }
    assert set(study.presets) == set(first_area)
    a = study.assessment
    leaders = set()
    for name, scheme in study.presets.items():
        weights = scheme.weigh(a)
        by_area = {area: sum(weights[c] for c in a.criteria_in(area)) for area in a.areas}
        assert max(by_area, key=by_area.get) == first_area[name]
        leaders.add(pb.evaluate(a, weighting=scheme).ranking.index[0])
    # The perspectives disagree on the best option.
    assert len(leaders) > 1
