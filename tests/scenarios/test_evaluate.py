"""pb.scenarios.evaluate: every scenario scored with one set of weights, then explained."""

from __future__ import annotations

import json

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, ScenarioError, UnknownNameError


def assessment(**scenario_options) -> pb.Assessment:
    return pb.Assessment(
        ["Engage", "Contain", "Hedge"],
        [
            pb.Criterion("Trade gains", area="Economic", kind="benefit", scale=(0, 10)),
            pb.Criterion("Conflict risk", area="Security", kind="risk", scale=(0, 10)),
        ],
        [[7, 4], [3, 6], [2, 7]],
        scenarios=[
            pb.Scenario(
                "Rivals exploit",
                changes={"Engage": {"Trade gains": 4, "Conflict risk": 9}},
                **scenario_options,
            ),
            pb.Scenario(
                "Rivals reciprocate", changes={"Engage": {"Conflict risk": 2}}, **scenario_options
            ),
        ],
    )


def test_scores_are_each_scenario_evaluated_with_the_central_weights():
    a = assessment()
    analysis = pb.scenarios.evaluate(
        a, weighting=lambda _: {"Trade gains": 0.75, "Conflict risk": 0.25}
    )
    for name in a.scenario_names:
        report = pb.evaluate(a.in_scenario(name), weighting=analysis.weights)
        assert np.array_equal(analysis.scores[name].to_numpy(), report.scores)
    assert analysis.scores.columns.tolist() == ["Rivals exploit", "Rivals reciprocate"]


def test_weights_are_resolved_once_on_the_central_assessment():
    a = assessment()
    analysis = pb.scenarios.evaluate(a, weighting=pb.weighting.Entropy())
    central = pb.evaluate(a, weighting=pb.weighting.Entropy()).weights
    assert dict(analysis.weights.items()) == pytest.approx(dict(central.items()))


def test_regret_rules_and_choices():
    analysis = pb.scenarios.evaluate(assessment())
    assert analysis.regret.loc["Contain", "Rivals exploit"] == 0.0
    assert analysis.regret.loc["Engage", "Rivals exploit"] == pytest.approx(0.1)
    assert analysis.choice == {
        "maximin": "Contain",
        "minimax_regret": "Engage",
        "hurwicz": "Engage",
        "satisficing": "Engage",
    }
    assert "expected" not in analysis.rules.columns
    assert analysis.agreement.startswith("The rules disagree: maximin chooses Contain")


def test_probabilities_add_the_expected_score():
    analysis = pb.scenarios.evaluate(assessment(probability=0.5))
    assert analysis.rules["expected"].to_numpy() == pytest.approx(
        analysis.scores.mean(axis=1).to_numpy()
    )
    assert "with the probabilities given" in analysis.summary()


def test_failures_name_the_scenario_the_winner_and_the_areas():
    analysis = pb.scenarios.evaluate(assessment())
    (failure,) = analysis.failures("Engage")
    assert (failure.scenario, failure.winner, failure.rank) == ("Rivals exploit", "Contain", 2)
    assert failure.by_area["Security"] == pytest.approx(0.15)
    assert "Contain does better on Security" in failure.sentence()
    assert failure.sentence() in analysis.summary()
    with pytest.raises(UnknownNameError):
        analysis.failures("Enagge")


def test_one_scenario_equal_to_the_centre_is_plain_evaluate():
    a = pb.examples.load("great-power-cooperation").assessment
    a = pb.Assessment(
        list(a.option_names), list(a.criteria), a.scores, scenarios=[pb.Scenario("Central")]
    )
    analysis = pb.scenarios.evaluate(a, method="topsis", margin=0.0)
    report = pb.evaluate(a, method="topsis")
    assert np.array_equal(analysis.score_table[:, 0], report.scores)
    leader = report.ranking.index[0]
    assert set(analysis.choice.values()) == {leader}
    assert analysis.failures() == ()


def test_renders_through_the_document_model():
    analysis = pb.scenarios.evaluate(assessment(probability=0.5))
    assert "Regret" in str(analysis)
    assert analysis.to_markdown().startswith("## ")
    assert analysis.to_html(page=True).startswith("<!DOCTYPE html>")
    data = json.loads(analysis.to_json())
    assert data["schema"] == pb.scenarios.SCENARIO_SCHEMA
    assert data["choice"]["minimax_regret"] == "Engage"
    assert data["failures"][0]["winner"] == "Contain"
    assert analysis.to_frame().equals(analysis.rules)


def test_refusals():
    plain = pb.examples.load("engage-or-contain").assessment
    with pytest.raises(ScenarioError, match="has no scenarios"):
        pb.scenarios.evaluate(plain)
    with pytest.raises(InvalidParameterError, match="alpha must be a number from 0 to 1"):
        pb.scenarios.evaluate(assessment(), alpha=1.5)
    with pytest.raises(InvalidParameterError, match="margin"):
        pb.scenarios.evaluate(assessment(), margin=-0.1)
    with pytest.raises(InvalidParameterError, match="assessment must be an Assessment"):
        pb.scenarios.evaluate([[1, 2]])  # type: ignore[arg-type]
    with pytest.raises(UnknownNameError):
        pb.scenarios.evaluate(assessment()).tied("maximim")
