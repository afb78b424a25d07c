"""The command line, run as a user would: in a subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import powerbalance as pb


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "powerbalance", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_report_prints_the_ranked_table_and_area_breakdown():
    result = run("report")
    assert result.returncode == 0, result.stderr
    a = pb.examples.load("great-power-cooperation").assessment
    for option in a.option_names:
        assert option in result.stdout
    for area in a.areas:
        assert area in result.stdout
    assert "Ranking" in result.stdout
    assert "Net value by area" in result.stdout
    assert result.stderr == ""


def test_console_script_is_installed():
    script = Path(sys.executable).with_name("powerbalance")
    if not script.exists():
        pytest.skip("console script not installed next to this interpreter")
    result = subprocess.run(
        [str(script), "report", "--method", "topsis"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "TOPSIS" in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_formats_and_output_file(tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    result = run("report", "--method", "topsis", "--format", fmt, "--output", str(target))
    assert result.returncode == 0, result.stderr
    content = target.read_text(encoding="utf-8")
    assert "Targeted cooperation" in content
    if fmt == "json":
        assert json.loads(content)["method"]["name"] == "TOPSIS"


@pytest.mark.parametrize(
    ("args", "culprit"),
    [
        (["report", "--method", "topsys"], "Did you mean 'topsis'?"),
        (["report", "--weighting", "eqaul"], "Did you mean 'equal'?"),
        (["report", "no-such-study"], "no-such-study"),
        (["report", "--format", "xml"], "xml"),
        (["report", "--bogus"], "--bogus"),
        (["brief", "--method", "topsys"], "Did you mean 'topsis'?"),
        (["brief", "--weighting", "eqaul"], "Did you mean 'equal'?"),
        (["brief", "--smaa", "many"], "many"),
        (["brief", "no-such-study"], "no-such-study"),
        (["scenarios", "--method", "topsys"], "Did you mean 'topsis'?"),
        (["scenarios", "--weighting", "eqaul"], "Did you mean 'equal'?"),
        (["scenarios", "--alpha", "1.5"], "alpha must be a number from 0 to 1"),
        (["scenarios", "--alpha", "half"], "half"),
        (["scenarios", "--margin", "-0.1"], "margin"),
        (["scenarios", "no-such-study"], "no-such-study"),
        (["conference"], "--output"),
        (["conference", "--output", "x.html", "--method", "topsys"], "Did you mean 'topsis'?"),
        (["conference", "--output", "x.html", "--weighting", "eqaul"], "Did you mean 'equal'?"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_arguments_print_one_line_and_exit_2(args, culprit):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert culprit in lines[0]
    assert "Traceback" not in result.stderr


def test_unwritable_output_is_a_clear_error(tmp_path):
    result = run("report", "--output", str(tmp_path / "missing-dir" / "r.txt"))
    assert result.returncode == 2
    assert "r.txt: cannot be written (No such file or directory)" in result.stderr
    assert "Traceback" not in result.stderr


def test_compare_prints_ranks_correlations_and_consensus():
    result = run("compare", "--methods", "topsis,vikor,promethee", "--weightings", "equal,entropy")
    assert result.returncode == 0, result.stderr
    for label in ("equal / vikor", "entropy / promethee"):
        assert label in result.stdout
    assert "Kendall tau-b" in result.stdout
    assert "Borda" in result.stdout
    assert "Copeland" in result.stdout


def test_compare_json():
    result = run("compare", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "powerbalance.evaluation.comparison/1"


def test_compare_bad_method_is_one_line():
    result = run("compare", "--methods", "topsys")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Did you mean 'topsis'" in result.stderr


def test_sensitivity_prints_the_stability_intervals_and_the_critical_weight():
    result = run("sensitivity", "--method", "topsis")
    assert result.returncode == 0, result.stderr
    assert "Targeted cooperation first" in result.stdout
    assert "Security (area)" in result.stdout
    assert "remains first unless the weight of" in result.stdout
    assert all(len(line) <= 100 for line in result.stdout.splitlines())


def test_sensitivity_json_and_a_bad_method():
    result = run("sensitivity", "--samples", "0", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "powerbalance.sensitivity.stability/1"
    bad = run("sensitivity", "--method", "topsys")
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1


def test_sensitivity_adds_the_acceptability_table_repeatably():
    first = run("sensitivity", "--samples", "2000", "--seed", "11")
    again = run("sensitivity", "--samples", "2000", "--seed", "11")
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    assert "ranks first in" in first.stdout
    assert "seed 11" in first.stdout.lower()
    data = json.loads(run("sensitivity", "--samples", "500", "--format", "json").stdout)
    assert set(data) == {"stability", "smaa"}
    assert data["smaa"]["samples"] == 500
    bad = run("sensitivity", "--samples", "many")
    assert bad.returncode == 2
    assert "whole number" in bad.stderr


def test_interrupting_a_long_sensitivity_run_stops_cleanly():
    import signal
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "powerbalance", "sensitivity", "--samples", "50000000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted" in stderr
    assert "Traceback" not in stderr
    assert stdout == ""


# -- the brief ------------------------------------------------------------------------


def test_brief_puts_the_title_disclaimer_and_recommendation_before_the_evidence():
    result = run("brief")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    study = pb.examples.load("great-power-cooperation")
    text = result.stdout
    assert text.startswith(f"{study.title}\n")
    assert " ".join(study.disclaimer.split()) in " ".join(text.split())
    recommendation = text.index("Recommendation: Targeted cooperation ranks first")
    assert text.index("Disclaimer:") < recommendation < text.index("How robust:")
    assert text.index("How robust:") < text.index("Ranking")
    # The study's first preset, named, since no --weighting was given.
    assert "'security-first' weights" in text
    for option in study.assessment.option_names:
        assert option in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_brief_formats_and_output_file(tmp_path, fmt):
    target = tmp_path / f"brief.{fmt}"
    options = ["--weighting", "equal", "--method", "topsis", "--format", fmt]
    result = run("brief", *options, "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    content = target.read_text(encoding="utf-8")
    title = pb.examples.load("great-power-cooperation").title
    if fmt == "json":
        data = json.loads(content)
        assert data["schema"] == "powerbalance.brief/1"
        assert data["title"] == title
        assert data["method"]["name"] == "TOPSIS"
        assert data["smaa"] is None
    else:
        assert title in content
        assert "Targeted cooperation" in content
    if fmt == "html":
        assert content.startswith("<!DOCTYPE html>")
        assert 'class="callout disclaimer"' in content


def test_brief_with_smaa_is_repeatable_with_a_seed():
    first = run("brief", "--smaa", "1000", "--seed", "7", "--format", "json")
    again = run("brief", "--smaa", "1000", "--seed", "7", "--format", "json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    data = json.loads(first.stdout)
    assert data["smaa"]["samples"] == 1000
    assert "ranks first in" in data["robustness"]


def test_brief_of_a_study_file_takes_its_texts_from_the_file(tmp_path):
    study = pb.examples.load("engage-or-contain")
    path = tmp_path / "flood.toml"
    pb.io.write(
        attrs.evolve(
            study, title="Flood defences for Riverton", disclaimer="Draft: not for release."
        ),
        path,
    )
    result = run("brief", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Flood defences for Riverton\n")
    assert "Draft: not for release." in result.stdout


# -- scenarios ----------------------------------------------------------------------------


def test_scenarios_prints_the_rules_choices_regret_and_where_the_leaders_fail():
    result = run("scenarios")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    study = pb.examples.load("great-power-cooperation")
    text = " ".join(result.stdout.split())
    assert text.startswith("great-power-cooperation: 7 options across 4 scenarios")
    assert "the rules disagree: maximin chooses Allied intelligence sharing" in text
    assert "Targeted cooperation ranks first in 2 of 4 scenarios and fails in" in text
    assert "Regret: the best score in the scenario minus the option's" in text
    for name in study.assessment.scenario_names:
        assert name in text
    # The study's first preset, as for the brief, when no --weighting is given.
    analysis = pb.scenarios.evaluate(study.assessment, weighting=study.presets["security-first"])
    assert result.stdout.strip() == analysis.to_text().strip()


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_scenarios_formats_and_output_file(tmp_path, fmt):
    target = tmp_path / f"scenarios.{fmt}"
    options = ["--weighting", "equal", "--method", "topsis", "--format", fmt]
    result = run(
        "scenarios", *options, "--alpha", "0.2", "--margin", "0.01", "--output", str(target)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    content = target.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(content)
        assert data["schema"] == pb.scenarios.SCENARIO_SCHEMA
        assert data["method"]["name"] == "TOPSIS"
        assert (data["alpha"], data["margin"]) == (0.2, 0.01)
        assert len(data["scenarios"]) == 4
        assert data["probabilities"] is None
    else:
        assert "Rivals exploit cooperation, Russia isolated" in content
        assert "TOPSIS" in content
    if fmt == "html":
        assert content.startswith("<!DOCTYPE html>")


def test_scenarios_of_a_study_file_with_probabilities(tmp_path):
    study = pb.examples.load("great-power-cooperation")
    a = study.assessment
    futures = tuple(
        attrs.evolve(scenario, probability=p)
        for scenario, p in zip(a.scenarios, [0.4, 0.3, 0.2, 0.1], strict=True)
    )
    path = tmp_path / "weighted.toml"
    pb.io.write(attrs.evolve(study, assessment=attrs.evolve(a, scenarios=futures)), path)
    result = run("scenarios", str(path), "--weighting", "climate-first", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["probabilities"] == [0.4, 0.3, 0.2, 0.1]
    assert "expected" in data["choice"]


def test_scenarios_of_a_study_without_scenarios_is_one_line_and_exit_2():
    result = run("scenarios", "engage-or-contain")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("powerbalance: error: engage-or-contain: the study has no scenarios")
    assert "[[scenarios]]" in lines[0]
    assert "Traceback" not in result.stderr


# -- the conference page ----------------------------------------------------------------


def test_conference_writes_the_page_starting_from_the_first_preset(tmp_path):
    target = tmp_path / "conference.html"
    result = run("conference", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == ""
    study = pb.examples.load("great-power-cooperation")
    assert target.read_text(encoding="utf-8") == pb.brief.interactive(study).html


def test_conference_takes_a_study_file_a_preset_and_a_method(tmp_path):
    study = pb.examples.load("great-power-cooperation")
    path = tmp_path / "study.toml"
    pb.io.write(study, path)
    target = tmp_path / "page.html"
    options = ["--weighting", "climate-first", "--method", "topsis", "--output", str(target)]
    result = run("conference", str(path), *options)
    assert result.returncode == 0, result.stderr
    expected = pb.brief.interactive(pb.io.read(path), weighting="climate-first", method="topsis")
    assert target.read_text(encoding="utf-8") == expected.html


def test_conference_says_when_the_page_cannot_be_written(tmp_path):
    result = run("conference", "--output", str(tmp_path / "missing-dir" / "page.html"))
    assert result.returncode == 2
    assert "page.html: cannot be written" in result.stderr
    assert "Traceback" not in result.stderr


# -- study files ------------------------------------------------------------------------

THREE_MISTAKES = """\
format = "powerbalance-study/1"

[[criteria]]
name = "Gain"
area = "Economic"
kind = "benefit"
scale = [0, 10]

[[criteria]]
name = "Harm"
area = "Security"
kind = "gain"

[[options]]
name = "A"
scores = { Gain = 12, Harm = 4 }

[[options]]
name = "B"
descripton = "The second option."
scores = { Gain = 3, Harm = 6 }
"""


def test_validate_lists_every_problem_with_line_and_field_path(tmp_path):
    path = tmp_path / "mistakes.toml"
    path.write_text(THREE_MISTAKES, encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{path}:12:1: criteria[1].kind: criterion 'Harm': expected 'benefit' (higher is "
        "better), 'risk' or 'cost' (higher is worse); found 'gain'.",
        f"{path}:16:12: options[0].scores.Gain: the score 12 is outside the criterion's scale "
        "0 to 10; correct the score or widen the scale.",
        f"{path}:20:1: options[1].descripton: unknown key 'descripton'. Did you mean "
        "'description'? The keys allowed here are 'baseline', 'description', 'name', 'scores'.",
    ]
    assert result.stderr.strip() == f"{path}: 3 problems"


def test_validate_says_ok_for_a_good_file(tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(pb.examples.text("great-power-cooperation"), encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 0, result.stdout
    assert result.stdout == f"{path}: OK (7 options, 13 criteria, 3 presets)\n"
    missing = run("validate", str(tmp_path / "missing.toml"))
    assert missing.returncode == 1
    assert "no such file" in missing.stdout


def test_convert_between_formats_and_report_from_the_file(tmp_path):
    built_in = tmp_path / "study.toml"
    built_in.write_text(pb.examples.text("great-power-cooperation"), encoding="utf-8")
    workbook = tmp_path / "study.xlsx"
    result = run("convert", str(built_in), str(workbook))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert pb.io.read(workbook) == pb.io.read(built_in)
    table = tmp_path / "scores.csv"
    result = run("convert", str(workbook), str(table), "--layout", "long")
    assert result.returncode == 0, result.stderr
    assert "note: " in result.stderr
    assert "weighting presets" in result.stderr
    assert (tmp_path / "scores.criteria.csv").exists()
    expected = json.loads(run("report", "--method", "topsis", "--format", "json").stdout)
    for source in (built_in, workbook, table):
        report = run("report", str(source), "--method", "topsis", "--format", "json")
        assert report.returncode == 0, report.stderr
        ranks = json.loads(report.stdout)["ranking"]
        # The CSV table holds no baseline, so its report has no "vs_baseline".
        assert [(r["option"], r["score"]) for r in ranks] == [
            (r["option"], r["score"]) for r in expected["ranking"]
        ], source


def test_convert_takes_a_built_in_name(tmp_path):
    target = tmp_path / "copy.json"
    result = run("convert", "great-power-cooperation", str(target))
    assert result.returncode == 0, result.stderr
    assert pb.io.read(target) == pb.examples.load("great-power-cooperation")


def test_presets_of_a_file_are_weightings_on_the_command_line(tmp_path):
    path = tmp_path / "study.toml"
    path.write_text(pb.examples.text("great-power-cooperation"), encoding="utf-8")
    report = run("report", str(path), "--weighting", "economy-first", "--format", "json")
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["ranking"][0]["option"] == "Technology investment"
    compare = run("compare", str(path), "--weightings", "equal,security-first,climate-first")
    assert compare.returncode == 0, compare.stderr
    assert "security-first" in compare.stdout
    sensitivity = run("sensitivity", str(path), "--weighting", "climate-first", "--samples", "0")
    assert sensitivity.returncode == 0, sensitivity.stderr


@pytest.mark.parametrize(
    ("argument", "culprit"),
    [
        ("missing.toml", "missing.toml: no such file"),
        ("great-power-cooperaton", "Did you mean 'great-power-cooperation'?"),
        ("no/such/place", "no/such/place: no such file"),
    ],
)
def test_a_study_that_is_neither_name_nor_file_is_one_line(argument, culprit):
    result = run("report", argument)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert culprit in result.stderr


def test_a_bad_file_lists_its_problems_in_report(tmp_path):
    path = tmp_path / "mistakes.toml"
    path.write_text(THREE_MISTAKES, encoding="utf-8")
    result = run("report", str(path))
    assert result.returncode == 2
    assert "3 problems" in result.stderr
    assert "criteria[1].kind" in result.stderr


# -- scenarios --ensemble -----------------------------------------------------------------


def test_scenarios_ensemble_prints_the_summary_and_the_discovery_rule():
    result = run("scenarios", "--ensemble", "600", "--weightings", "50", "--seed", "3")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert text.startswith("great-power-cooperation: 600 generated futures")
    assert "under 50 weightings (drawn uniformly)" in text
    assert "(coverage)" in text
    assert "(density)" in text
    a = pb.examples.load("great-power-cooperation").assessment
    expected = pb.scenarios.ensemble(
        a, futures=600, weight_information=pb.sensitivity.UniformWeights(), weightings=50, seed=3
    )
    assert result.stdout.strip() == expected.to_text().strip()


def test_scenarios_ensemble_with_the_fixed_weighting_as_json():
    result = run("scenarios", "--ensemble", "300", "--seed", "1", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == pb.scenarios.ENSEMBLE_SCHEMA
    assert data["futures"] == 300
    assert data["weightings"] == 1
    assert data["seed"] == 1
    assert data["discovery"]["rule"]


def test_sensitivity_across_scenarios_counts_the_robust_choice():
    result = run(
        "sensitivity", "--samples", "1000", "--seed", "3", "--scenarios", "--rule", "maximin"
    )
    assert result.returncode == 0, result.stderr
    assert "is the robust choice in" in result.stdout
    assert "across 4 futures (maximin)" in result.stdout
    data = json.loads(
        run("sensitivity", "--samples", "500", "--scenarios", "--format", "json").stdout
    )
    assert data["smaa"]["rule"] == "expected"
    assert data["smaa"]["probability_information"]["words"] == "drawn uniformly"
