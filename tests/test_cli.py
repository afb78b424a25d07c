"""The command line, run as a user would: in a subprocess."""

import json
import subprocess
import sys
from pathlib import Path

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
    a = pb.scenarios.load("great-power-cooperation")
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
        (["report", "no-such-scenario"], "no-such-scenario"),
        (["report", "--format", "xml"], "xml"),
        (["report", "--bogus"], "--bogus"),
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
    assert "cannot write" in result.stderr


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
    assert json.loads(result.stdout)["schema"] == "powerbalance.comparison/1"


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
    assert json.loads(result.stdout)["schema"] == "powerbalance.stability/1"
    bad = run("sensitivity", "--method", "topsys")
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1


def test_sensitivity_adds_the_acceptability_table_repeatably():
    first = run("sensitivity", "--samples", "2000", "--seed", "11")
    again = run("sensitivity", "--samples", "2000", "--seed", "11")
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    assert "ranks first in" in first.stdout
    assert "seed 11" in first.stdout
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
