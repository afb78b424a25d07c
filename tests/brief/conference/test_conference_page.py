"""pb.brief.interactive: what it accepts and refuses, and the page it writes."""

from __future__ import annotations

import json
import re

import attrs
import pytest

import powerbalance as pb
from powerbalance.brief.conference._assets import script, stylesheet
from powerbalance.errors import FileWriteError, InvalidParameterError, UnknownNameError


@pytest.fixture(scope="module")
def study():
    return pb.examples.load("great-power-cooperation")


@pytest.fixture(scope="module")
def page(study):
    return pb.brief.interactive(study)


def embedded(html: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="pb-conference-payload">(.*?)</script>', html, re.S
    )
    assert found is not None
    return json.loads(found.group(1))


def test_the_weights_start_from_the_first_preset_a_named_preset_or_what_is_given(study, page):
    a = study.assessment
    first = pb.evaluate(a, weighting=study.presets["security-first"]).weights
    assert page.payload["start"] == dict(first)
    assert page.payload["weighting"]["words"] == "the study's 'security-first' weights"
    climate = pb.brief.interactive(study, weighting="climate-first")
    assert climate.payload["start"] == dict(
        pb.evaluate(a, weighting=study.presets["climate-first"]).weights
    )
    assert climate.payload["weighting"]["words"] == "the study's 'climate-first' weights"
    equal = pb.brief.interactive(study, weighting="equal", method="topsis")
    assert equal.payload["start"] == dict(pb.evaluate(a, weighting="equal").weights)
    assert equal.payload["weighting"]["words"] == "equal weights"
    fixed = pb.Weights.from_mapping({name: k + 1 for k, name in enumerate(a.criterion_names)})
    given = pb.brief.interactive(a, weighting=fixed)
    assert given.payload["start"] == dict(fixed)
    assert given.payload["weighting"]["words"] == "fixed weights"
    # An assessment alone has no presets: equal weights, and its own name as the title.
    alone = pb.brief.interactive(a)
    assert alone.payload["start"] == equal.payload["start"]
    assert alone.title == a.name


def test_the_page_embeds_its_payload_script_and_style_and_fetches_nothing(page):
    html = page.html
    assert html.startswith("<!DOCTYPE html>")
    assert embedded(html) == page.payload
    assert script() in html
    assert stylesheet() in html
    assert html.count('<script type="module">') == 1
    assert re.search(r"https?://", html) is None
    assert re.search(r"\s(src|href)=", html) is None
    assert "<link" not in html
    assert "<noscript>" in html  # the starting ranking, without a script


def test_the_script_cannot_close_its_own_element():
    assert "</script" not in script().lower()
    assert "<!--" not in script()


def test_names_that_look_like_markup_stay_inside_the_payload():
    name = "A </script><script>alert(1)</script> & B"
    a = pb.Assessment(
        [name, "Other"],
        [pb.Criterion("X", area="P", kind="benefit"), pb.Criterion("Y", area="Q", kind="risk")],
        [[1, 2], [2, 1]],
    )
    html = pb.brief.interactive(a).html
    assert html.count("</script>") == 2
    assert embedded(html)["options"][0]["name"] == name


def test_the_preset_name_is_one_the_study_does_not_use(study):
    assert pb.brief.interactive(study).payload["preset_name"] == "conference"
    taken = attrs.evolve(study, presets={**study.presets, "conference": "equal"})
    assert pb.brief.interactive(taken).payload["preset_name"] == "conference-2"


def test_methods_the_page_cannot_score_still_make_a_page(study):
    page = pb.brief.interactive(study, method="vikor")
    assert page.payload["method"]["scored"] is False
    assert "VIKOR" in page.payload["method"]["reason"]


def test_refusals(study):
    with pytest.raises(InvalidParameterError, match="interactive: assessment_or_study must be"):
        pb.brief.interactive([[1, 2]])
    with pytest.raises(InvalidParameterError, match="interactive: method must be"):
        pb.brief.interactive(study, method=pb.methods.TOPSIS)
    with pytest.raises(UnknownNameError, match="no-such-preset"):
        pb.brief.interactive(study, weighting="no-such-preset")
    with pytest.raises(UnknownNameError, match="no-such-method"):
        pb.brief.interactive(study, method="no-such-method")
    with pytest.raises(InvalidParameterError, match="interactive: weighting must be"):
        pb.brief.interactive(study, weighting=3)


def test_save_writes_the_page_in_one_step(page, tmp_path):
    target = tmp_path / "conference.html"
    assert page.save(target) == target
    assert target.read_text(encoding="utf-8") == page.html
    assert [p.name for p in tmp_path.iterdir()] == ["conference.html"]
    with pytest.raises(FileWriteError):
        page.save(tmp_path / "missing" / "conference.html")


def test_the_notebook_shows_the_page_in_a_frame_of_its_own(page):
    shown = page._repr_html_()
    assert shown.startswith("<iframe ")
    assert 'srcdoc="&lt;!DOCTYPE html&gt;' in shown
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        page.html = ""  # type: ignore[misc]
