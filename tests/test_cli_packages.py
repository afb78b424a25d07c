"""powerbalance packages: the best package of a study from the command line."""

from __future__ import annotations

import json

import pytest

from powerbalance import cli


def run(capsys, *arguments):
    status = cli.main(["packages", *arguments])
    out, err = capsys.readouterr()
    return status, out, err


def test_packages_prints_the_best_package_of_the_built_in_study(capsys):
    status, out, err = run(capsys)
    assert status == 0, err
    assert "The best package holds Targeted cooperation, Allied intelligence sharing" in out
    assert "It uses 9.5 of 10 Money and 8 of 10 Political capital." in out


def test_a_budget_replaces_the_study_s_limit(capsys):
    status, out, _ = run(
        capsys, "--budget", "Money=13", "--budget", "Political capital=13", "--format", "json"
    )
    assert status == 0
    data = json.loads(out)
    assert data["options"] == [
        "Targeted cooperation",
        "Allied intelligence sharing",
        "Economic safeguards",
        "Technology investment",
    ]


def test_frontier_adds_the_best_package_at_every_budget(capsys):
    status, out, _ = run(capsys, "--frontier", "Money", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["frontier"]["resource"] == "Money"
    assert data["frontier"]["levels"][-1]["options"] == data["package"]["options"]
    status, out, _ = run(capsys, "--frontier", "Money", "--format", "html")
    assert status == 0
    assert out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["--budget", "Mony=3"], "Did you mean 'Money'?"),
        (["engage-or-contain"], "the study has no package problem"),
        (["--frontier", "Time"], "resource must be one of the problem's resources"),
    ],
)
def test_mistakes_are_one_line_errors(capsys, arguments, says):
    status, out, err = run(capsys, *arguments)
    assert status == 2
    assert out == ""
    assert says in err


def test_a_budget_must_be_resource_equals_limit(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["packages", "--budget", "Money"])
    assert caught.value.code == 2
    assert "expected RESOURCE=LIMIT" in capsys.readouterr().err


def test_a_study_with_cost_criteria_takes_its_budgets_from_the_command(capsys, tmp_path):
    import powerbalance as pb

    a = pb.Assessment(
        ["A", "B", "C"],
        [
            pb.Criterion("Gain", area="X", kind="benefit"),
            pb.Criterion("Price", area="Y", kind="cost"),
        ],
        [[3, 2], [5, 4], [4, 3]],
    )
    path = tmp_path / "priced.toml"
    pb.io.write(pb.Study(a), path)
    status, out, err = run(capsys, str(path), "--budget", "Price=5", "--format", "json")
    assert status == 0, err
    # Min-max values: A 0, B 1, C 0.5; within a price of 5, B alone is worth most.
    assert json.loads(out)["options"] == ["B"]


def test_a_minimum_brings_in_what_delivers_enough(capsys):
    # The best package uses 8 of the political capital; spending at least 9 of it (as a
    # stand-in for something to deliver) changes the package, and more than the budget
    # allows is named as the conflict.
    status, out, _ = run(capsys, "--minimum", "Political capital=9", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["minimum"] == {"Political capital": 9.0}
    assert data["use"]["Political capital"]["used"] >= 9
    status, out, err = run(capsys, "--minimum", "Political capital=11")
    assert status == 2
    assert "at most the budget of 'Political capital' (10)" in err
    with pytest.raises(SystemExit):
        cli.main(["packages", "--minimum", "Money=unlimited"])
    assert "expected a number after '='" in capsys.readouterr().err
