"""A baseline option: every other option judged against it."""

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, UnknownNameError

GAIN = pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10))
HARM = pb.Criterion("Harm", area="Security", kind="risk", scale=(0, 10))


def assessment(baseline="Do nothing"):
    return pb.Assessment(
        ["Act", "Do nothing", "Overreach"],
        [GAIN, HARM],
        [[8, 4], [5, 2], [6, 9]],
        baseline=baseline,
    )


def test_scores_and_contributions_as_differences_from_the_baseline():
    # Equal weights, min-max on the 0-10 scale: score = (Gain/10 + 1 - Harm/10) / 2.
    # Act 0.7, Do nothing 0.65, Overreach 0.35.
    report = pb.evaluate(assessment(), method="weighted-sum")
    ranking = report.ranking
    assert ranking["vs_baseline"].to_dict() == pytest.approx(
        {"Act": 0.05, "Do nothing": 0.0, "Overreach": -0.3}, abs=1e-12
    )
    differences = report.contributions_vs_baseline
    assert differences.loc["Act"].to_dict() == pytest.approx({"Gain": 0.15, "Harm": -0.1})
    # For the weighted sum the differences add up to the score difference.
    np.testing.assert_allclose(
        differences.sum(axis=1), ranking.loc[differences.index, "vs_baseline"], atol=1e-12
    )
    by_area = report.net_by_area_vs_baseline
    assert by_area.loc["Overreach"].to_dict() == pytest.approx(
        {"Economic": 0.05, "Security": -0.35}, abs=1e-12
    )


def test_the_summary_says_which_options_improve_on_the_baseline():
    report = pb.evaluate(assessment(), method="weighted-sum")
    assert report.summary().endswith(
        "Against the baseline, Do nothing, 1 of 2 options improve: Act; Overreach does not."
    )
    text = report.to_text()
    assert "Against the baseline, Do nothing" in text
    assert "Against the baseline, Do nothing" in report.to_markdown()
    assert report.to_dict()["assessment"]["baseline"] == "Do nothing"


def test_no_option_improving_is_said_plainly():
    report = pb.evaluate(assessment(baseline="Act"), method="weighted-sum")
    assert report.summary().endswith("No option improves on the baseline, Act.")


def test_without_a_baseline_there_is_no_comparison():
    report = pb.evaluate(assessment(baseline=None))
    assert "vs_baseline" not in report.ranking.columns
    assert "baseline" not in report.to_text()
    with pytest.raises(InvalidParameterError, match="needs a baseline option"):
        _ = report.contributions_vs_baseline


def test_an_unknown_baseline_is_named_with_a_suggestion():
    with pytest.raises(UnknownNameError, match=r"'do nothing'.*Did you mean 'Do nothing'"):
        assessment(baseline="do nothing")


def test_subset_keeps_the_baseline_only_if_it_keeps_the_option():
    a = assessment()
    assert a.subset(options=["Act", "Do nothing"]).baseline == "Do nothing"
    assert a.subset(options=["Act", "Overreach"]).baseline is None


def test_from_frame_takes_a_baseline():
    a = pb.Assessment.from_frame(assessment().to_frame(), [GAIN, HARM], baseline="Act")
    assert a.baseline == "Act"


def test_the_built_in_study_is_judged_against_the_status_quo():
    a = pb.examples.load("great-power-cooperation").assessment
    assert a.baseline == "Status quo"
    report = pb.evaluate(a)
    assert report.ranking.loc["Status quo", "vs_baseline"] == 0.0
    assert "Against the baseline, Status quo" in report.summary()
