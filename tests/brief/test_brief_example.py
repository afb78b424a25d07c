"""The built-in example's brief: disclaimer first, bottom line before any table, every format."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

import powerbalance as pb

STUDY = "great-power-cooperation"


@pytest.fixture(scope="module")
def study():
    return pb.examples.load(STUDY)


@pytest.fixture(scope="module")
def brief(study):
    return pb.brief.build(study, smaa=2_000, seed=1)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_example_has_a_disclaimer_to_show(study):
    assert study.disclaimer.startswith("All scores are illustrative")


def test_text_reads_disclaimer_question_recommendation_robustness_then_tables(brief, study):
    text = _words(brief.to_text())
    disclaimer = text.index(_words(study.disclaimer))
    question = text.index(_words(study.description))
    recommendation = text.index(_words(brief.recommendation()))
    robustness = text.index(_words(brief.robustness()))
    first_table = brief.to_text().index("\n----")
    assert text.startswith(_words(study.title))
    assert disclaimer < question < recommendation < robustness
    # The first rule under a table header comes after the bottom line, in the raw text too.
    raw = brief.to_text()
    assert raw.index("How robust:") < first_table
    assert all(len(line) <= 100 for line in raw.splitlines())


def test_markdown_puts_the_disclaimer_first_and_the_bottom_line_before_any_table(brief, study):
    markdown = brief.to_markdown()
    lines = markdown.split("\n\n")
    assert lines[0] == f"## {study.title}"
    assert lines[1] == f"> **Disclaimer:** {study.disclaimer}"
    first_table = markdown.index("\n|")
    assert markdown.index(brief.recommendation()) < first_table
    assert markdown.index(brief.robustness()) < first_table


class _Order(HTMLParser):
    """The order in which the page's callouts and tables open."""

    def __init__(self):
        super().__init__()
        self.events = []

    def handle_starttag(self, tag, attributes):
        classes = dict(attributes).get("class") or ""
        if "callout" in classes.split():
            self.events.append(classes)
        elif tag in ("table", "section", "h2"):
            self.events.append(tag)


def test_the_html_page_opens_with_the_disclaimer_and_the_bottom_line(brief, study):
    page = brief.to_html(page=True)
    assert page.startswith("<!DOCTYPE html>")
    parser = _Order()
    parser.feed(page)
    assert parser.events[:4] == [
        "h2",
        "callout disclaimer",
        "callout bottom-line",
        "callout robustness",
    ]
    assert parser.events.index("table") > 3
    assert study.disclaimer.replace("'", "&#x27;") in page
    assert "<script" not in page


def test_json_puts_the_disclaimer_and_bottom_line_before_the_data(brief, study):
    data = json.loads(brief.to_json())
    keys = list(data)
    assert keys[:2] == ["schema", "disclaimer"]
    assert data["schema"] == "powerbalance.brief/1"
    assert data["disclaimer"] == study.disclaimer
    assert data["recommendation"] == brief.recommendation()
    assert data["robustness"] == brief.robustness()
    for table in ("scores", "report", "stability", "smaa"):
        assert keys.index("robustness") < keys.index(table)
    assert data == brief.to_dict()
    assert not re.search(r"\b(NaN|Infinity)\b", brief.to_json())


def test_the_bottom_line_names_leader_weights_and_both_analyses(brief):
    assert brief.recommendation().startswith(
        "Targeted cooperation ranks first of 7 options under the weighted sum with the "
        "study's 'security-first' weights"
    )
    robustness = brief.robustness()
    assert robustness.startswith("Targeted cooperation remains first unless")
    # SMAA draws around the brief's own weights, so it speaks of the same recommendation.
    assert (
        "over 2,000 weightings within ±50% of the given weights, Targeted cooperation "
        "ranks first in 92.2%"
    ) in robustness
    assert robustness.count(". ") == 0  # one sentence


def test_smaa_over_all_weightings_still_speaks_of_the_recommended_option(study):
    # Over uniform weights Targeted cooperation still leads; under economy-first the
    # recommendation is another option, and the sentence says who wins more often.
    brief = pb.brief.build(
        study,
        weighting="economy-first",
        smaa=2_000,
        smaa_weights=pb.sensitivity.UniformWeights(),
        seed=1,
        stability=False,
    )
    leader = brief.report.ranking.index[0]
    assert leader != "Targeted cooperation"
    assert brief.robustness().startswith(
        f"Over 2,000 weightings drawn uniformly, {leader} ranks first in "
    )
    assert ", though Targeted cooperation does more often, in " in brief.robustness()


def test_the_evidence_follows_in_the_agreed_order(brief):
    headings = [b.heading for b in brief._document().blocks if hasattr(b, "heading")]
    assert headings == [
        "Ranking",
        "Which options are acceptable",
        "Benefits and risks by area",
        "The top two options",
        "Packages within the budget",
        "Consequences, in the analyst's units",
        "Scales",
        "The options",
        "The criteria",
        "How far each weight can move",
        "Over many weightings at once (SMAA)",
        "Across the futures",
        "Under other weightings and methods",
        "Method and weighting",
    ]


def test_the_futures_section_says_where_the_recommended_option_fails(brief, study):
    (section,) = (
        b for b in brief._document().blocks if getattr(b, "heading", "") == "Across the futures"
    )
    text = _words(" ".join(getattr(block, "text", "") for block in section.blocks))
    assert text.startswith(
        "Across the study's 4 futures (with no probabilities given), each scored with this "
        "brief's weights and method, the rules disagree: maximin chooses Allied intelligence "
        "sharing; minimax regret and Hurwicz (alpha 0.50) choose Targeted cooperation;"
    )
    # Where the leader fails: in which futures, to whom, through which areas.
    assert (
        "Targeted cooperation, recommended here, ranks first in 2 of 4 futures and loses first "
        "place in Rivals exploit cooperation, Russia integrated; Rivals exploit cooperation, "
        "Russia isolated."
    ) in text
    assert (
        "In Rivals exploit cooperation, Russia isolated, Targeted cooperation falls to rank 2 "
        "behind Allied intelligence sharing (by 0.026): Allied intelligence sharing does better "
        "on Security (+0.051)"
    ) in text
    captions = [block.caption for block in section.blocks if hasattr(block, "caption")]
    assert captions[:2] == [
        "Score in each scenario (rank)",
        "Regret: the best score in the scenario minus the option's",
    ]
    rendered = _words(brief.to_text())
    for name in study.assessment.scenario_names:
        assert name in rendered
    assert "Targeted cooperation 0.651 (1)" in rendered
    # The robustness sentence gains a clause on the futures, still one sentence.
    assert brief.robustness().endswith(
        "; it loses first place in 2 of the study's 4 futures, to Allied intelligence sharing."
    )
    data = brief.to_dict()
    assert data["scenarios"] == brief.scenarios.to_dict()
    assert data["scenarios"]["scenarios"] == list(study.assessment.scenario_names)
    assert list(data)[-4:] == ["scenarios", "package", "robust_packages", "version"]


def test_the_comparison_spans_the_study_presets_and_the_five_methods(brief, study):
    assert list(brief.comparison.weightings) == list(study.presets)
    assert len(brief.comparison.methods) == 5
    text = _words(brief.to_text())
    assert "Ranks of each option over 15 rankings" in text
    assert "Targeted cooperation 1 1 2 8 of 15" in text


def test_provenance_names_author_date_method_in_words_and_version(brief, study):
    text = _words(brief.to_text())
    assert f"Prepared by {study.author}, {study.date}." in text
    assert "Method: weighted sum, min-max normalization." in text
    assert f"powerbalance {pb.__version__}" in text
    assert "WeightedSum(" not in text
