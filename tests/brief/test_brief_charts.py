"""The brief's charts: the report's bars, and SMAA's rank acceptabilities in its section."""

from __future__ import annotations

import re

import pytest

import powerbalance as pb


@pytest.fixture(scope="module")
def study():
    return pb.examples.load("great-power-cooperation")


def sections(page: str) -> dict[str, str]:
    """Each section of the page by its heading."""
    found = re.findall(r"<section><h3>([^<]+)</h3>(.*?)</section>", page, flags=re.S)
    return dict(found)


def test_the_smaa_section_shows_the_chart_of_rank_acceptabilities(study):
    brief = pb.brief.build(study, smaa=500, seed=2, stability=False)
    page = brief.to_html(page=True)
    smaa = sections(page)["Over many weightings at once (SMAA)"]
    (chart,) = re.findall(r'<svg [^>]*class="chart ranks".*?</svg>', smaa, flags=re.S)
    drawn = re.findall(r'<g class="option" data-option="([^"]+)"', chart)
    assert sorted(drawn) == sorted(study.assessment.option_names)
    assert (
        chart == re.search(r'<svg [^>]*class="chart ranks".*?</svg>', brief.smaa.to_html(), re.S)[0]
    )
    # One chart of each kind on the page: the study's categories when it has a sorting
    # model, the report's bars and SMAA's ranks.
    categories = ["categories"] if study.sorting is not None else []
    assert re.findall(r'<svg [^>]*class="chart (\w+)"', page) == [*categories, "bars", "ranks"]
    for rendering in (brief.to_text(), brief.to_markdown()):
        assert "<svg" not in rendering


def test_without_smaa_the_brief_draws_no_rank_chart(study):
    page = pb.brief.build(study, stability=False).to_html(page=True)
    assert 'class="chart ranks"' not in page
