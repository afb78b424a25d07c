"""A report explains its numbers where a reader would stumble, bottom line first."""

from __future__ import annotations

import numpy as np
import pytest

import powerbalance as pb
from powerbalance._render.document import Figure, Heading, Section, without_figures


@pytest.fixture(scope="module")
def assessment():
    return pb.examples.load("great-power-cooperation").assessment


def test_the_text_report_starts_with_the_leader_and_how_robust_it_is(assessment):
    stable = pb.sensitivity.stability(assessment)
    report = pb.evaluate(assessment).with_sensitivity(stable)
    paragraphs = report.to_text().split("\n\n")
    first = " ".join(paragraphs[1].split())
    assert first.startswith("Targeted cooperation ranks first under the weighted sum")
    # The robustness sentence is the second sentence, before the detail.
    assert first.index(stable.robustness_sentence()) < first.index("Against Technology")
    assert paragraphs[2].startswith("Ranking")


def test_the_area_heading_is_followed_in_text_by_words_and_a_table_not_a_gap(assessment):
    report = pb.evaluate(assessment)
    section = next(b for b in report._document().blocks if isinstance(b, Section))
    assert section.heading == "Benefits and risks by area"
    assert not isinstance(section.blocks[0], Figure)
    kept = without_figures([section])[0]
    assert [type(b).__name__ for b in kept.blocks[:2]] == ["Paragraph", "Table"]
    text = report.to_text()
    after = text.split("Benefits and risks by area\n\n", 1)[1]
    assert after.startswith("Net value by area is weighted benefit minus weighted risk")


def test_why_net_by_area_differs_from_the_score_is_said_with_the_risk_weight(assessment):
    report = pb.evaluate(assessment)
    risk_weight = float(report.weights.aligned(assessment)[assessment.lower_is_better].sum())
    net = report.net_by_area.sum(axis=1)
    np.testing.assert_allclose(report.ranking["score"], net + risk_weight, atol=1e-12)
    words = " ".join(report.to_text().split())
    assert f"plus the total weight of the risk criteria ({risk_weight:.3f})" in words


def test_for_a_method_that_adds_no_parts_the_report_says_net_does_not_make_the_score(assessment):
    words = " ".join(pb.evaluate(assessment, method="topsis").to_text().split())
    assert "Under TOPSIS the score is not a sum of weighted parts" in words


def test_a_shared_rank_is_explained():
    a = pb.Assessment(
        ["North", "South", "Stay"],
        [
            pb.Criterion("Jobs", area="Economic", kind="benefit"),
            pb.Criterion("Floods", area="Safety", kind="risk"),
        ],
        [[5, 3], [3, 1], [1, 5]],
    )
    report = pb.evaluate(a)
    assert report.summary().startswith(
        "North and South tie for first place under the weighted sum (score 0.750): these "
        "scores and weights do not separate them."
    )
    assert "Options with the same rank tie" in report.to_text()
    assert [type(b) for b in report._document().blocks].count(Heading) == 0


def test_method_and_weighting_are_named_in_words_not_as_a_repr(assessment):
    report = pb.evaluate(assessment, weighting="entropy", method="topsis")
    text = " ".join(report.to_text().split())
    assert (
        "Method: TOPSIS, vector normalization. Weighting: entropy, min-max normalization." in text
    )
    assert "TOPSIS(" not in text
    assert report.to_dict()["method"]["description"] == "TOPSIS(normalization='vector')"
