"""Scenarios in files: TOML, JSON and Excel keep them; CSV and XMCDA say they leave them out."""

from __future__ import annotations

import json
import tomllib

import attrs
import jsonschema
import numpy as np
import pytest

import powerbalance as pb
from powerbalance.errors import DataLossWarning, StudyFileError
from powerbalance.model.uncertainty import Normal, Triangular, Uniform

GAIN = pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10))
HARM = pb.Criterion("Harm", area="Security", kind="risk")

SCENARIOS = [
    pb.Scenario(
        "Rivals exploit",
        description="Illustrative: rivals take the gains.",
        probability=0.5,
        changes={
            "Engage": {"Gain": 2, "Harm": Triangular(6, 8, 9)},
            "Contain": {"Gain": Normal(3, 1)},
        },
    ),
    pb.Scenario("Calm", probability=0.25),
    pb.Scenario("Table", probability=0.25, scores=np.array([[1.0, 2.0], [3.0, 4.5]])),
]


def with_scenarios(scenarios=SCENARIOS):
    return pb.Assessment(
        [pb.Option("Engage", description="Talk."), "Contain"],
        [GAIN, HARM],
        [[7, 4], [3, 6]],
        uncertainty={("Engage", "Gain"): Uniform(6, 8)},
        name="tiny",
        scenarios=scenarios,
    )


@pytest.mark.parametrize("suffix", [".toml", ".json", ".xlsx"])
def test_scenarios_round_trip(tmp_path, suffix):
    a = with_scenarios()
    path = tmp_path / f"study{suffix}"
    pb.io.save(a, path)
    back = pb.io.load(path)
    assert back == a
    assert back.scenarios == a.scenarios
    assert back.in_scenario("Rivals exploit") == a.in_scenario("Rivals exploit")


@pytest.mark.parametrize("suffix", [".toml", ".json", ".xlsx"])
def test_the_example_round_trips_with_its_futures(tmp_path, suffix):
    study = pb.examples.load("great-power-cooperation")
    path = tmp_path / f"study{suffix}"
    pb.io.write(study, path)
    assert pb.io.read(path) == study


def test_the_toml_layout_is_the_documented_one(tmp_path):
    path = tmp_path / "study.toml"
    pb.io.save(with_scenarios([attrs.evolve(SCENARIOS[0], probability=None)]), path)
    text = path.read_text(encoding="utf-8")
    assert '[[scenarios]]\nname = "Rivals exploit"' in text
    assert "[scenarios.changes.Engage]" in text
    document = tomllib.loads(text)
    assert document["scenarios"][0]["changes"]["Engage"]["Gain"] == 2.0
    assert document["scenarios"][0]["changes"]["Engage"]["Harm"] == {
        "distribution": "triangular",
        "low": 6.0,
        "mode": 8.0,
        "high": 9.0,
    }


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_files_with_scenarios_validate_against_the_schema(tmp_path, suffix):
    path = tmp_path / f"study{suffix}"
    pb.io.save(with_scenarios(), path)
    text = path.read_text(encoding="utf-8")
    document = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    jsonschema.Draft202012Validator(pb.io.schema()).validate(document)


@pytest.mark.parametrize(
    ("suffix", "options"),
    [(".csv", {}), (".csv", {"layout": "long"}), (".xml", {})],
)
def test_csv_and_xmcda_say_they_leave_the_scenarios_out(tmp_path, suffix, options):
    path = tmp_path / f"study{suffix}"
    with pytest.warns(DataLossWarning) as caught:
        pb.io.save(with_scenarios(), path, **options)
    lost = [part for w in caught for part in w.message.lost]
    assert "3 scenarios ('Rivals exploit', 'Calm', 'Table')" in lost
    assert pb.io.load(path).scenarios == ()


# -- problems in a file ----------------------------------------------------------------------

TINY = """\
format = "powerbalance-study/1"

[[criteria]]
name = "Gain"
area = "Economic"
kind = "benefit"
scale = [0, 10]

[[options]]
name = "Engage"
scores = { Gain = 7 }

[[options]]
name = "Contain"
scores = { Gain = 3 }

[[scenarios]]
name = "Rivals exploit"
probability = 0.4

[scenarios.changes.Engage]
Gain = 2

[[scenarios]]
name = "Calm"
probability = 0.6
"""


def problems_of(tmp_path, text):
    path = tmp_path / "study.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StudyFileError) as info:
        pb.io.load(path)
    return info.value.problems


def test_the_tiny_file_with_scenarios_reads(tmp_path):
    path = tmp_path / "study.toml"
    path.write_text(TINY, encoding="utf-8")
    a = pb.io.load(path)
    assert a.scenario_names == ("Rivals exploit", "Calm")
    assert a.in_scenario("Rivals exploit").scores[0, 0] == 2


@pytest.mark.parametrize(
    ("old", "new", "line", "path", "message"),
    [
        (
            "[scenarios.changes.Engage]",
            "[scenarios.changes.Engag]",
            21,
            "scenarios[0].changes.Engag",
            "'Engag' is not an option of this study. Did you mean 'Engage'?",
        ),
        (
            "Gain = 2",
            "Gian = 2",
            22,
            "scenarios[0].changes.Engage.Gian",
            "'Gian' is not a criterion of this study. Did you mean 'Gain'?",
        ),
        (
            "Gain = 2",
            "Gain = 12",
            22,
            "scenarios[0].changes.Engage.Gain",
            "the score 12 is outside the criterion's scale 0 to 10",
        ),
        (
            "Gain = 2",
            'Gain = { distribution = "triangle", low = 1, high = 3 }',
            22,
            "scenarios[0].changes.Engage.Gain.distribution",
            "Did you mean 'triangular'?",
        ),
        (
            "Gain = 2",
            'Gain = { distribution = "triangular", low = 1, high = 3 }',
            22,
            "scenarios[0].changes.Engage.Gain",
            "a triangular distribution needs 'mode'",
        ),
        (
            "probability = 0.4",
            "probability = -0.4",
            19,
            "scenarios[0].probability",
            "expected a probability from 0 to 1",
        ),
        (
            'name = "Calm"',
            'name = "Rivals exploit"',
            25,
            "scenarios[1].name",
            "scenario 'Rivals exploit' is already defined at scenarios[0]",
        ),
        (
            "probability = 0.6",
            "probability = 0.5",
            17,
            "scenarios",
            "the scenarios' probabilities sum to 0.9, not 1",
        ),
        (
            "probability = 0.6\n",
            "",
            25,
            "scenarios[1].name",
            "scenario 'Calm' has no probability, but scenario 'Rivals exploit' has one",
        ),
        (
            "probability = 0.4",
            "probabilty = 0.4",
            19,
            "scenarios[0].probabilty",
            "unknown key 'probabilty'. Did you mean 'probability'?",
        ),
    ],
)
def test_scenario_problems_name_file_line_and_cell(tmp_path, old, new, line, path, message):
    assert old in TINY
    problems = problems_of(tmp_path, TINY.replace(old, new, 1))
    assert [p.path for p in problems] == [path]
    assert problems[0].line == line
    assert message in problems[0].message
    assert problems[0].file.endswith("study.toml")


def test_a_full_table_missing_a_cell_is_named(tmp_path):
    text = TINY.replace("[scenarios.changes.Engage]", "[scenarios.scores.Engage]")
    problems = problems_of(tmp_path, text)
    assert "Scenario 'Rivals exploit' gives a full table" in problems[0].message
    assert "'Contain' on criterion 'Gain'" in problems[0].message


def test_excel_scenario_problems_name_sheet_and_cell(tmp_path):
    import openpyxl

    path = tmp_path / "book.xlsx"
    pb.io.save(with_scenarios(), path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["scenario changes"]
    assert [c.value for c in sheet[1]][:4] == ["scenario", "option", "criterion", "score"]
    sheet["B2"] = "Engag"
    sheet["A3"] = "Nowhere"
    workbook.save(path)
    problems = pb.io.validate(path)
    located = {(p.sheet, p.line, p.column): p for p in problems}
    assert "'Engag' is not an option" in located[("scenario changes", 2, 2)].message
    assert "'Nowhere' is not one of the scenarios" in located[("scenario changes", 3, 1)].message
