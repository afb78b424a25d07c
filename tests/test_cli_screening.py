"""powerbalance screen and sort: a study's red lines and categories from the terminal."""

from __future__ import annotations

import json

import attrs
import pytest

import powerbalance as pb
from powerbalance import cli


def run(capsys, *arguments):
    status = cli.main(list(arguments))
    out, err = capsys.readouterr()
    return status, out, err


def test_screen_prints_the_screening_of_the_built_in_study(capsys):
    status, out, err = run(capsys, "screen")
    assert status == 0, err
    assert "Screened 7 options against 4 rules: 5 kept, 2 excluded." in out
    assert "Confrontation crosses the red line on Regional rivalries inflamed" in " ".join(
        out.split()
    )
    assert "Status quo is kept as the business-as-usual option." in out


def test_screen_keeps_the_study_s_do_minimum_option(capsys, tmp_path):
    study = pb.examples.load()
    path = tmp_path / "study.toml"
    pb.io.write(attrs.evolve(study, do_minimum="Confrontation"), path)
    status, out, _ = run(capsys, "screen", str(path), "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["excluded"] == ["Broad partnership"]
    assert "Confrontation" in data["kept"]


def test_sort_prints_each_option_s_category_and_why(capsys):
    status, out, err = run(capsys, "sort", "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    categories = {row["option"]: row["category"] for row in data["options"]}
    assert categories["Targeted cooperation"] == "recommend"
    assert categories["Confrontation"] == "reject"
    status, out, _ = run(capsys, "sort", "--weighting", "equal")
    assert status == 0
    assert "recommend: Targeted cooperation." in " ".join(out.split())


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_sort_with_acceptability_shows_both_in_every_format(capsys, tmp_path, fmt):
    target = tmp_path / f"sort.{fmt}"
    arguments = ["--acceptability", "300", "--seed", "3", "--format", fmt, "--output", str(target)]
    status, _, err = run(capsys, "sort", *arguments)
    assert status == 0, err
    text = target.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert set(data) == {"sorting", "acceptability"}
        assert data["acceptability"]["samples"] == 300
        assert data["acceptability"]["seed"] == 3
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>")
        assert "how often each option falls in each category" in text
    else:
        assert "how often each option falls in each category" in text
    # Seeded: the same command gives the same output.
    run(capsys, "sort", *arguments)
    assert target.read_text(encoding="utf-8") == text


def electre_study(tmp_path):
    study = pb.examples.load()
    model = pb.screening.ElectreTriB(
        ["reject", "consider", "recommend"],
        study.sorting.profiles,
        preference={name: 1 for name in study.sorting.profiles},
        veto={"Alliances strained": 3},
        cut=0.7,
    )
    path = tmp_path / "electre.json"
    pb.io.write(attrs.evolve(study, sorting=model), path)
    return path


def test_the_method_rule_chooses_the_electre_rule(capsys, tmp_path):
    path = str(electre_study(tmp_path))
    status, out, _ = run(capsys, "sort", path, "--format", "json")
    assert status == 0
    assert json.loads(out)["model"]["words"] == "ELECTRE TRI-B (pessimistic rule, cut 0.70)"
    status, out, _ = run(capsys, "sort", path, "--method-rule", "optimistic", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["model"]["words"] == "ELECTRE TRI-B (optimistic rule, cut 0.70)"
    assert all(row["category"] == row["optimistic"] for row in data["options"])


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["screen", "engage-or-contain"], "the study has no screening rules"),
        (["sort", "engage-or-contain"], "the study has no sorting model"),
        (["sort", "--method-rule", "optimistic"], "--method-rule applies to an ELECTRE TRI-B"),
        (["sort", "--weighting", "equl"], "Did you mean 'equal'?"),
    ],
)
def test_mistakes_are_one_line_errors(capsys, arguments, says):
    status, out, err = run(capsys, *arguments)
    assert status == 2
    assert out == ""
    assert says in err
    assert err.count("\n") == 1


def test_a_rule_that_is_not_a_choice_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["sort", "--method-rule", "both"])
    assert caught.value.code == 2
    assert "invalid choice: 'both'" in capsys.readouterr().err
