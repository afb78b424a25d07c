"""The report of the built-in study: frames, renderers and summary."""

import json
import subprocess
import sys
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

import powerbalance as pb

STUDY = "great-power-cooperation"


@pytest.fixture(scope="module")
def assessment():
    return pb.examples.load(STUDY).assessment


@pytest.mark.parametrize("method", ["weighted-sum", "weighted-product", "topsis"])
def test_frames_are_labelled_by_names(assessment, method):
    report = pb.evaluate(assessment, method=method)
    ranking, contributions, by_area = report.ranking, report.contributions, report.by_area
    for frame in (ranking, contributions, by_area):
        assert isinstance(frame, pd.DataFrame)
        assert frame.index.name == "option"
        assert set(frame.index) == set(assessment.option_names)
    assert list(contributions.columns) == list(assessment.criterion_names)
    assert contributions.columns.name == "criterion"
    assert list(by_area.columns.get_level_values("area").unique()) == list(assessment.areas)
    assert list(by_area.columns.get_level_values("measure").unique()) == ["benefit", "risk", "net"]
    assert ranking["rank"].is_monotonic_increasing
    assert ranking["score"].is_monotonic_decreasing
    for frame in (ranking, contributions, by_area):
        assert np.isfinite(frame.to_numpy(dtype=float)).all()


def test_frames_are_copies(assessment):
    report = pb.evaluate(assessment)
    frame = report.ranking
    frame["score"] = 0.0
    assert report.ranking["score"].max() > 0


def test_contributions_add_up_to_the_score_for_the_weighted_sum(assessment):
    report = pb.evaluate(assessment, method="weighted-sum")
    np.testing.assert_allclose(
        report.contributions.sum(axis=1), report.ranking["score"], rtol=1e-12
    )


def test_net_by_area_differences_are_score_differences_for_the_weighted_sum(assessment):
    report = pb.evaluate(assessment)
    net = report.net_by_area.sum(axis=1)
    risk_weight = sum(report.weights[name] for name in assessment.risks)
    np.testing.assert_allclose(net + risk_weight, report.ranking["score"], rtol=1e-12)


def test_summary_states_the_leader_and_its_margin(assessment):
    report = pb.evaluate(assessment)
    ranking = report.ranking
    leader, runner_up = ranking.index[0], ranking.index[1]
    margin = ranking["score"].iloc[0] - ranking["score"].iloc[1]
    summary = report.summary()
    assert summary.startswith(f"{leader} ranks first")
    assert f"{margin:.3f} ahead of {runner_up}" in summary
    assert f"{ranking.index[-1]} ranks last" in summary


def test_renderers_show_the_same_ranking(assessment):
    report = pb.evaluate(assessment, method="topsis")
    text, markdown, page = str(report), report.to_markdown(), report.to_html(page=True)
    assert report._repr_html_() in page
    for option, score in report.ranking["score"].items():
        for rendering in (text, markdown):
            assert option in rendering
            assert f"{score:.3f}" in rendering
        assert f"{score:.3f}" in page
    assert all(len(line) <= 100 for line in text.splitlines())
    assert "<script" not in page


def test_to_dict_round_trips_through_json_exactly(assessment):
    report = pb.evaluate(assessment, method="topsis")
    data = json.loads(report.to_json())
    assert data == report.to_dict()
    assert data["schema"] == pb.evaluation.report.REPORT_SCHEMA
    scores = {row["option"]: row["score"] for row in data["ranking"]}
    assert scores == report.ranking["score"].to_dict()
    assert data["method"] == {
        "name": "TOPSIS",
        "description": "TOPSIS(normalization='vector')",
        "words": "TOPSIS",
        "parameters": {"normalization": "vector"},
    }
    assert data["weights"] == dict(report.weights)


def test_ties_are_explained(assessment):
    tied = pb.Assessment(
        ["A", "B"], [pb.Criterion("Gain", area="X", kind="benefit")], [[1.0], [1.0]]
    )
    with pytest.warns(pb.errors.DegenerateCriterionWarning):
        report = pb.evaluate(tied)
    assert report.summary().startswith("A and B tie for first place")
    assert report.ranking["rank"].tolist() == [1, 1]


def test_evaluate_does_not_modify_the_assessment(assessment):
    before = assessment.to_frame()
    report = pb.evaluate(assessment, method="topsis")
    assert len(report.ranking) == assessment.n_options
    pd.testing.assert_frame_equal(assessment.to_frame(), before)


def test_the_input_hash_is_deterministic_and_follows_every_input():
    import subprocess
    import sys

    import attrs

    a = pb.examples.load("great-power-cooperation").assessment
    report = pb.evaluate(a)
    code = (
        "import powerbalance as pb; "
        "print(pb.evaluate(pb.examples.load('great-power-cooperation').assessment).input_hash)"
    )
    other_process = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert other_process.stdout.strip() == report.input_hash
    changed = [
        pb.evaluate(a.with_score("Status quo", a.criterion_names[0], 7)),
        pb.evaluate(attrs.evolve(a, baseline="Confrontation")),
        pb.evaluate(a, weighting="entropy"),
        pb.evaluate(a, method=pb.methods.VIKOR(v=0.3)),
    ]
    hashes = {report.input_hash, *(r.input_hash for r in changed)}
    assert len(hashes) == 5
    assert report.input_hash[:12] in report.to_text().replace("\n", " ")
    assert report.to_dict()["input_hash"] == report.input_hash


class _Page(HTMLParser):
    """Collects what a test needs from an HTML page: tags, bars, text, references."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.bars = []
        self.text = []
        self.references = []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        self.tags.append(tag)
        if tag == "rect" and attributes.get("class") == "bar":
            self.bars.append(attributes)
        for key in ("src", "href"):
            if key in attributes:
                self.references.append(attributes[key])

    def handle_data(self, data):
        self.text.append(data)


def test_the_html_page_is_self_contained_and_shows_bars_for_every_option(tmp_path):
    report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
    output = tmp_path / "report.html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "powerbalance",
            "report",
            "--format",
            "html",
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    page = output.read_text(encoding="utf-8")
    assert page.rstrip("\n") == report.to_html(page=True).rstrip("\n")
    # What the notebook shows is the page's content.
    assert report._repr_html_() in page
    parser = _Page()
    parser.feed(page)
    assert "script" not in parser.tags
    assert "link" not in parser.tags
    assert parser.references == []
    text = " ".join(parser.text)
    assert "Ranking" in text
    for option in report.ranking.index:
        assert option in text
        bars = [b for b in parser.bars if b["data-option"] == option]
        # One benefit and one risk segment per area, with the report's numbers.
        assert len(bars) == 2 * len(report.assessment.areas)
        for bar in bars:
            expected = report.by_area.loc[option, (bar["data-area"], bar["data-measure"])]
            assert float(bar["data-value"]) == expected
    assert report.input_hash[:12] in text
    assert "The top two options" in text
