"""Every result renders the same way, in every format, from one document model."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

import powerbalance as pb
from powerbalance._render import STYLESHEET

STUDY = "great-power-cooperation"


@pytest.fixture(scope="module")
def assessment():
    return pb.examples.load(STUDY).assessment


def _report(a):
    return pb.evaluate(a, method="topsis")


def _comparison(a):
    return pb.compare(a, methods=["weighted-sum", "topsis"])


def _tradeoff(a):
    return pb.evaluate(a).tradeoffs("Targeted cooperation", "Technology investment")


def _stability(a):
    return pb.sensitivity.stability(a)


def _sweep(a):
    return pb.sensitivity.sweep(a, "Security", points=21)


def _smaa(a):
    return pb.sensitivity.smaa(a, samples=500, seed=3)


def _screening(a):
    return pb.screening.screen(a, *pb.examples.load(STUDY).screening_rules)


def _sorting(a):
    return pb.screening.sort(a, pb.examples.load(STUDY).sorting)


def _category_acceptability(a):
    return pb.screening.acceptability(a, pb.examples.load(STUDY).sorting, samples=500, seed=3)


def _learned(a):
    examples = pb.screening.sort(a, pb.examples.load(STUDY).sorting).categories
    return pb.screening.learn_mrsort(
        a, dict(examples), categories=["reject", "consider", "recommend"]
    )


BUILDERS = {
    "report": (_report, "powerbalance.evaluation.report/1"),
    "comparison": (_comparison, "powerbalance.evaluation.comparison/1"),
    "tradeoff": (_tradeoff, "powerbalance.evaluation.tradeoff/1"),
    "stability": (_stability, "powerbalance.sensitivity.stability/1"),
    "sweep": (_sweep, "powerbalance.sensitivity.sweep/1"),
    "smaa": (_smaa, "powerbalance.sensitivity.smaa/1"),
    "screening": (_screening, "powerbalance.screening.screening/1"),
    "sorting": (_sorting, "powerbalance.screening.sorting/1"),
    "category acceptability": (
        _category_acceptability,
        "powerbalance.screening.acceptability/1",
    ),
    "learned sorting": (_learned, "powerbalance.screening.learned/1"),
}


@pytest.fixture(scope="module", params=list(BUILDERS))
def case(request, assessment):
    build, schema = BUILDERS[request.param]
    return build(assessment), schema


def _words(text: str) -> str:
    return " ".join(text.split())


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.references = []
        self.attributes = {}

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        self.tags.append(tag)
        self.attributes.setdefault(tag, []).append(attributes)
        for key in ("src", "href"):
            if key in attributes:
                self.references.append(attributes[key])


def test_text_holds_the_summary_and_keeps_to_the_width(case):
    result, _ = case
    summary = result.summary()
    assert isinstance(summary, str)
    assert summary
    text = result.to_text()
    assert str(result) == text
    assert _words(summary) in _words(text)
    assert all(len(line) <= 100 for line in text.splitlines())


def test_markdown_has_a_title_the_summary_and_tables(case):
    result, _ = case
    markdown = result.to_markdown()
    assert markdown.startswith("## ")
    assert result.summary() in markdown
    assert "\n|:---|" in markdown or "\n| " in markdown


def test_the_html_fragment_is_what_a_notebook_shows(case):
    result, _ = case
    fragment = result.to_html()
    assert result._repr_html_() == fragment
    assert fragment.startswith('<div class="powerbalance">')
    assert "<html" not in fragment
    assert "<style" not in fragment
    assert "<script" not in fragment


def test_the_page_is_styled_self_contained_and_holds_the_fragment(case):
    result, _ = case
    page = result.to_html(page=True)
    assert page.startswith("<!DOCTYPE html>")
    assert result.to_html() in page
    assert f"<style>{STYLESHEET}</style>" in page
    parser = _Tags()
    parser.feed(page)
    assert parser.attributes["html"][0]["lang"] == "en"
    assert any(m.get("name") == "viewport" for m in parser.attributes["meta"])
    assert "script" not in parser.tags
    assert "link" not in parser.tags
    assert parser.references == []
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_json_carries_the_schema_and_round_trips(case):
    result, schema = case
    text = result.to_json()
    assert not re.search(r"\b(NaN|Infinity)\b", text)
    data = json.loads(text)
    assert data["schema"] == schema
    assert data == result.to_dict()
    assert data["summary"] == result.summary()


def test_to_frame_is_a_frame(case):
    result, _ = case
    frame = result.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert not frame.empty


def test_every_page_has_the_same_style(assessment):
    styles = set()
    for build, _ in BUILDERS.values():
        page = build(assessment).to_html(page=True)
        styles.add(re.search(r"<style>(.*?)</style>", page, re.S).group(1))
    assert styles == {STYLESHEET}


def test_display_never_changes_the_numbers(assessment):
    report = _report(assessment)
    data = report.to_dict()
    scores = {row["option"]: row["score"] for row in data["ranking"]}
    assert scores == report.ranking["score"].to_dict()
    for option, score in scores.items():
        for rendering in (report.to_text(), report.to_markdown(), report.to_html()):
            assert f"{score:.3f}" in rendering
            assert option in rendering


def test_methods_are_named_in_words_and_described_in_the_data(assessment):
    report = pb.evaluate(assessment)
    assert "under the weighted sum" in report.summary()
    assert report.to_dict()["method"]["description"] == "WeightedSum(normalization='minmax')"
    result = _smaa(assessment)
    assert result.to_dict()["method"]["name"] == "WeightedSum"
    assert result.to_dict()["weight_information"]["words"] == "drawn uniformly"
    assert "drawn uniformly" in result.to_text()


def test_a_report_quotes_stability_and_smaa(assessment):
    stable, acceptability = _stability(assessment), _smaa(assessment)
    report = pb.evaluate(assessment).with_sensitivity(stable, acceptability)
    summary = report.summary()
    assert stable.robustness_sentence() in summary
    assert acceptability.robustness_sentence() in summary
    assert [d["schema"] for d in report.to_dict()["sensitivity"]] == [
        "powerbalance.sensitivity.stability/1",
        "powerbalance.sensitivity.smaa/1",
    ]


def test_a_report_refuses_an_analysis_of_other_options(assessment):
    other = pb.examples.load("engage-or-contain").assessment
    with pytest.raises(pb.errors.InvalidParameterError, match="run smaa"):
        pb.evaluate(assessment).with_sensitivity(pb.sensitivity.smaa(other, samples=50, seed=1))
    with pytest.raises(pb.errors.InvalidParameterError, match="robustness analysis"):
        pb.evaluate(assessment).with_sensitivity("robust")


def test_json_writes_numbers_that_are_not_finite_as_null():
    # A weight of 0 that must rise to change the leader: the relative change is infinite.
    interval = pb.sensitivity.StabilityInterval(
        name="X",
        scope="criterion",
        weight=0.0,
        top_low=0.0,
        top_high=0.4,
        top_swap_low=None,
        top_swap_high=("A", "B"),
        ranking_low=0.0,
        ranking_high=0.4,
        ranking_swap_low=None,
        ranking_swap_high=("A", "B"),
    )
    stable = pb.sensitivity.Stability(intervals=(interval,), leader="A", exact=True)
    assert stable.critical.relative == float("inf")
    data = json.loads(stable.to_json())
    assert data["critical"]["relative"] is None
    assert data["method"] is None
    assert "A remains first unless" in stable.to_text()


def test_text_splits_a_table_too_wide_for_the_width():
    from powerbalance._render import Document, Table, render_text

    wide = Table("Wide", ["Option", *(f"column {k}" for k in range(20))], [["A", *"x" * 20]])
    text = render_text(Document("", [wide]))
    assert all(len(line) <= 100 for line in text.splitlines())
    assert "Wide (part 1 of" in text
    assert text.count("column 19") == 1
