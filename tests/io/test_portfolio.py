"""The package problem in study files: read into Study.portfolio, checked, written back."""

from __future__ import annotations

import json
import tomllib

import attrs
import jsonschema
import pytest

import powerbalance as pb
from powerbalance.errors import (
    DataLossWarning,
    InvalidParameterError,
    StudyFileError,
    UnknownNameError,
)


@pytest.fixture(scope="module")
def study():
    return pb.examples.load("great-power-cooperation")


def rich(study):
    """The example with every key of the table used, a limit left open included."""
    problem = attrs.evolve(
        study.portfolio,
        budget={"Money": 10, "Political capital": None},
        minimum={"Political capital": 2},
        requires={"Economic safeguards": ("Allied intelligence sharing", "Targeted cooperation")},
        min_size=1,
        max_size=4,
    )
    return attrs.evolve(study, portfolio=problem)


def test_the_built_in_example_has_an_illustrative_package_problem(study):
    problem = study.portfolio
    assert isinstance(problem, pb.portfolio.Problem)
    assert problem.resources == ("Money", "Political capital")
    assert problem.budget == {"Money": 10.0, "Political capital": 10.0}
    assert ("Broad partnership", "Confrontation") in [e.options for e in problem.exclusions]
    assert [s.value for s in problem.synergies] == [0.05, -0.1]
    assert "costs and interactions of its packages" in study.disclaimer
    assert pb.portfolio.optimize(problem).options == (
        "Targeted cooperation",
        "Allied intelligence sharing",
        "Technology investment",
    )


def test_a_study_without_the_table_has_no_portfolio():
    assert pb.examples.load("engage-or-contain").portfolio is None


@pytest.mark.parametrize("suffix", [".toml", ".json", ".xlsx"])
def test_every_full_format_writes_the_problem_back(study, tmp_path, suffix):
    original = rich(study)
    path = tmp_path / f"study{suffix}"
    pb.io.write(original, path)
    again = pb.io.read(path)
    assert again.portfolio == original.portfolio
    assert again.portfolio.budget["Political capital"] is None
    assert again == original


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_written_files_validate_against_the_schema(study, tmp_path, suffix):
    path = tmp_path / f"study{suffix}"
    pb.io.write(rich(study), path)
    text = path.read_text(encoding="utf-8")
    document = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    validator = jsonschema.Draft202012Validator(pb.io.schema())
    validator.validate(document)
    document["portfolio"]["budget"]["Money"] = "lots"
    assert not validator.is_valid(document)


def test_costs_from_cost_criteria_are_left_to_the_default(tmp_path):
    a = pb.Assessment(
        ["A", "B"],
        [
            pb.Criterion("Gain", area="X", kind="benefit"),
            pb.Criterion("Price", area="Y", kind="cost"),
        ],
        [[3, 2], [5, 4]],
    )
    study = pb.Study(a, portfolio=pb.portfolio.Problem(a, budget={"Price": 5}))
    path = tmp_path / "priced.toml"
    pb.io.write(study, path)
    assert "costs" not in tomllib.loads(path.read_text(encoding="utf-8"))["portfolio"]
    assert pb.io.read(path) == study


def problems_of(path):
    with pytest.raises(StudyFileError) as caught:
        pb.io.read(path)
    return caught.value.problems


def test_an_unknown_option_is_located_with_a_suggestion(tmp_path):
    text = pb.examples.text("great-power-cooperation").replace(
        '[portfolio.costs."Economic safeguards"]', '[portfolio.costs."Economic safegards"]'
    )
    path = tmp_path / "typo.toml"
    path.write_text(text, encoding="utf-8")
    (problem,) = problems_of(path)
    line = text.splitlines().index('[portfolio.costs."Economic safegards"]') + 1
    assert problem.line == line
    assert problem.path == 'portfolio.costs."Economic safegards"'
    assert "Did you mean 'Economic safeguards'?" in problem.message


def test_every_kind_of_mistake_is_reported_at_once(tmp_path):
    text = pb.examples.text("great-power-cooperation")
    document = tomllib.loads(text)
    portfolio = document["portfolio"]
    portfolio["budget"]["Mony"] = 3
    portfolio["costs"]["Confrontation"]["Money"] = -1
    portfolio["synergies"].append({"options": ["Confrontation"], "value": 0.1})
    portfolio["exclusions"].append(["Status quo", "Nobody"])
    portfolio["requires"] = {"Technology investment": ["Status quo", 3]}
    portfolio["max_size"] = 2.5
    portfolio["minimum"] = {"Political capitol": 1, "Money": -2}
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    found = {p.path: p.message for p in problems_of(path)}
    assert "Did you mean 'Money'?" in found["portfolio.budget.Mony"]
    assert "0 or more" in found["portfolio.costs.Confrontation.Money"]
    assert "at least two option names" in found["portfolio.synergies[2].options"]
    assert "not an option" in found["portfolio.exclusions[7][1]"]
    assert "expected text" in found['portfolio.requires."Technology investment"[1]']
    assert "whole number" in found["portfolio.max_size"]
    assert "Did you mean 'Political capital'?" in found['portfolio.minimum."Political capitol"']
    assert "a minimum of 0 or more" in found["portfolio.minimum.Money"]
    assert all(p.line is not None for p in problems_of(path))


def test_a_missing_limit_and_a_prerequisite_cycle_are_reported(tmp_path):
    document = tomllib.loads(pb.examples.text("great-power-cooperation"))
    del document["portfolio"]["budget"]["Money"]
    path = tmp_path / "no-limit.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.path == "portfolio.budget"
    assert "no limit for 'Money'" in problem.message
    document = tomllib.loads(pb.examples.text("great-power-cooperation"))
    document["portfolio"]["requires"] = {
        "Technology investment": "Economic safeguards",
        "Economic safeguards": "Technology investment",
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.path == "portfolio"
    assert "cycle" in problem.message


def test_a_workbook_locates_a_mistake_in_its_cell(study, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "study.xlsx"
    pb.io.write(study, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["portfolio"]
    (row,) = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "costs"]
    sheet.cell(row, 2).value = json.dumps({"Targeted cooperaton": {"Money": 1}})
    workbook.save(path)
    (problem,) = problems_of(path)
    assert (problem.sheet, problem.line, problem.column) == ("portfolio", row, 2)
    assert "Did you mean 'Targeted cooperation'?" in problem.message


@pytest.mark.parametrize(
    ("suffix", "options"),
    [(".csv", {}), (".csv", {"layout": "long"}), (".xml", {})],
)
def test_csv_and_xmcda_say_they_leave_the_problem_out(study, tmp_path, suffix, options):
    plain = attrs.evolve(study, presets={})
    with pytest.warns(DataLossWarning) as caught:
        pb.io.write(plain, tmp_path / f"study{suffix}", **options)
    lost = [part for w in caught for part in w.message.lost]
    assert (
        "the package problem (costs, interactions and budgets of 'Money', 'Political capital')"
        in lost
    )


def test_a_study_refuses_what_is_not_a_problem(study):
    with pytest.raises(InvalidParameterError, match=r"portfolio must be a powerbalance\.portfolio"):
        pb.Study(study.assessment, portfolio={"budget": {"Money": 3}})


def test_a_new_assessment_keeps_the_problem_when_it_fits(study):
    a = attrs.evolve(study.assessment, scenarios=())
    evolved = attrs.evolve(study, assessment=a)
    assert evolved.portfolio.assessment is a
    assert evolved.portfolio.costs == study.portfolio.costs
    fewer = pb.Assessment(a.option_names[:3], a.criteria, a.scores[:3])
    with pytest.raises(UnknownNameError, match="Study: portfolio must be a package problem"):
        attrs.evolve(study, assessment=fewer)
