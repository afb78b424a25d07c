"""Brief and build: what they accept, what they refuse, and how a brief is saved."""

from __future__ import annotations

import json

import attrs
import pytest

import powerbalance as pb
from powerbalance.errors import InvalidParameterError


@pytest.fixture(scope="module")
def study():
    return pb.examples.load("great-power-cooperation")


@pytest.fixture(scope="module")
def small():
    return pb.examples.load("engage-or-contain")


def test_an_assessment_is_wrapped_in_a_study_without_texts(small):
    a = small.assessment
    brief = pb.brief.Brief(a, pb.evaluate(a))
    assert isinstance(brief.study, pb.Study)
    assert brief.study.assessment is a
    assert brief.study.disclaimer == ""
    assert "Disclaimer" not in brief.to_text()
    assert brief.to_text().splitlines()[0] == a.name


def test_build_uses_the_first_preset_by_default_and_presets_by_name(study):
    assert (
        pb.brief.build(study, stability=False).report.weighting == study.presets["security-first"]
    )
    climate = pb.brief.build(study, weighting="climate-first", stability=False)
    assert climate.report.weighting == study.presets["climate-first"]
    assert "the study's 'climate-first' weights" in climate.recommendation()
    equal = pb.brief.build(study, weighting="equal", stability=False)
    assert "with equal weights" in equal.recommendation()


def test_build_runs_what_it_is_asked_to(study):
    bare = pb.brief.build(study, stability=False)
    assert bare.stability is None
    assert bare.smaa is None
    assert bare.robustness().startswith("No sensitivity analysis was run")
    result = pb.sensitivity.smaa(study.assessment, samples=200, seed=4)
    given = pb.brief.build(study, smaa=result)
    assert given.smaa is result
    assert given.stability is not None
    drawn = pb.brief.build(study, smaa=300, seed=4, stability=False, scenarios=False)
    assert drawn.smaa.samples == 300
    assert drawn.smaa.seed == 4
    assert drawn.scenarios is None
    assert drawn.robustness() == drawn.smaa.robustness_sentence()


def test_build_scores_the_futures_with_the_briefs_weighting_and_method(study, small):
    brief = pb.brief.build(study, weighting="climate-first", method="topsis", stability=False)
    analysis = brief.scenarios
    assert analysis is not None
    assert analysis.assessment is study.assessment
    assert analysis.weighting == study.presets["climate-first"]
    assert analysis.method == brief.report.method
    assert analysis == pb.scenarios.evaluate(
        study.assessment, weighting=study.presets["climate-first"], method="topsis"
    )
    # No futures, no analysis of them, and nothing said of them.
    plain = pb.brief.build(small)
    assert plain.scenarios is None
    assert "Across the futures" not in plain.to_text()
    assert "futures" not in plain.robustness()
    assert plain.to_dict()["scenarios"] is None


@pytest.mark.parametrize(
    ("arguments", "match"),
    [
        ({"smaa": 0}, "build: smaa must be"),
        ({"smaa": "many"}, "build: smaa must be"),
        ({"stability": "yes"}, "build: stability must be True or False"),
        ({"scenarios": "yes"}, "build: scenarios must be True or False"),
        ({"weighting": "no-such-preset"}, "no-such-preset"),
    ],
)
def test_build_refuses_arguments_it_cannot_use(study, arguments, match):
    with pytest.raises(pb.errors.PowerbalanceError, match=match):
        pb.brief.build(study, **arguments)


def test_build_refuses_what_is_not_a_study():
    with pytest.raises(InvalidParameterError, match="build: study_or_assessment must be"):
        pb.brief.build([[1, 2], [3, 4]])


def test_a_brief_refuses_results_of_another_assessment(study, small):
    a = study.assessment
    report = pb.evaluate(a)
    with pytest.raises(InvalidParameterError, match="Brief: report must be a result"):
        pb.brief.Brief(small, report)
    with pytest.raises(InvalidParameterError, match="run smaa"):
        pb.brief.Brief(
            study, report, smaa=pb.sensitivity.smaa(small.assessment, samples=50, seed=1)
        )
    with pytest.raises(InvalidParameterError, match="stability"):
        pb.brief.Brief(study, report, stability=pb.sensitivity.stability(a, method="vikor"))
    with pytest.raises(InvalidParameterError, match="Brief: stability must be"):
        pb.brief.Brief(study, report, stability="robust")
    with pytest.raises(InvalidParameterError, match="Brief: report must be"):
        pb.brief.Brief(study, "report")
    with pytest.raises(InvalidParameterError, match="Brief: scenarios must be"):
        pb.brief.Brief(study, report, scenarios=pb.evaluate(a))
    # Fewer futures make another assessment, whose analysis is not the study's.
    other = attrs.evolve(a, scenarios=a.scenarios[:2])
    with pytest.raises(InvalidParameterError, match="Brief: scenarios must be a result of the"):
        pb.brief.Brief(study, report, scenarios=pb.scenarios.evaluate(other))


def test_a_comparison_is_shown_when_given(study):
    a = study.assessment
    comparison = pb.compare(a, methods=["weighted-sum", "topsis"])
    brief = pb.brief.Brief(study, pb.evaluate(a), comparison=comparison)
    assert "Under other weightings and methods" in brief.to_text()
    assert brief.to_dict()["comparison"]["schema"] == "powerbalance.evaluation.comparison/1"


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("brief.txt", lambda text, brief: text == brief.to_text() + "\n"),
        ("brief.md", lambda text, brief: text.startswith("## ")),
        ("brief.html", lambda text, brief: text == brief.to_html(page=True)),
        ("brief.json", lambda text, brief: json.loads(text) == brief.to_dict()),
    ],
)
def test_save_writes_the_format_its_suffix_names(tmp_path, small, name, check):
    brief = pb.brief.build(small)
    written = brief.save(tmp_path / name)
    assert written == tmp_path / name
    assert check(written.read_text(encoding="utf-8"), brief)


def test_save_takes_a_format_and_refuses_an_unknown_suffix(tmp_path, small):
    brief = pb.brief.build(small)
    brief.save(tmp_path / "brief.out", format="markdown")
    assert (tmp_path / "brief.out").read_text(encoding="utf-8").startswith("## ")
    with pytest.raises(InvalidParameterError, match=r"Brief\.save: path must be a file name"):
        brief.save(tmp_path / "brief.pdf")
    with pytest.raises(InvalidParameterError, match=r"Brief\.save: format must be"):
        brief.save(tmp_path / "brief.txt", format="pdf")
    assert not (tmp_path / "brief.pdf").exists()


def test_a_tie_for_first_place_recommends_no_single_option():
    a = pb.Assessment(
        ["North", "South", "Stay"],
        [
            pb.Criterion("Jobs", area="Economic", kind="benefit"),
            pb.Criterion("Floods", area="Safety", kind="risk"),
        ],
        [[5, 3], [3, 1], [1, 5]],
    )
    brief = pb.brief.build(a)
    assert brief.recommendation().startswith(
        "No single option comes first: North and South tie for first place"
    )
    assert "tie for first place" in brief.robustness()
    assert "Options with the same rank tie" in brief.to_text()


def test_one_option_is_said_to_leave_nothing_to_choose():
    a = pb.Assessment(["Only"], [pb.Criterion("Jobs", area="Economic", kind="benefit")], [[3]])
    brief = pb.brief.build(a)
    assert "the only option assessed" in brief.recommendation()
    assert "The top two options" not in brief.to_text()
