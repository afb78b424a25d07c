"""The SMAA page's chart: one stacked bar of rank acceptabilities per option, told in words."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import powerbalance as pb
from powerbalance._render import percent
from powerbalance._render.palette import rank_colours
from powerbalance.sensitivity.smaa import smaa

SVG = "{http://www.w3.org/2000/svg}"
STUDY = "great-power-cooperation"


@pytest.fixture(scope="module")
def result():
    return smaa(pb.examples.load(STUDY).assessment, samples=2_000, seed=1)


def charts(page: str) -> list[str]:
    return re.findall(r"<svg [^>]*>.*?</svg>", page, flags=re.S)


def chart_of(result) -> ET.Element:
    (svg,) = charts(result.to_html())
    return ET.fromstring(svg)  # fails on a drawing that is not well formed


def groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "option"]


def segments(group: ET.Element) -> list[dict[str, str]]:
    return [r.attrib for r in group.iter(f"{SVG}rect") if r.get("class") == "bar"]


def in_result_order(result) -> list[str]:
    """The options in the order of the page's tables."""
    return [row[0] for row in result._acceptability_table().rows]


def test_one_bar_per_option_in_the_order_of_the_tables(result):
    root = chart_of(result)
    assert root.get("class") == "chart ranks"
    assert [g.get("data-option") for g in groups(root)] == in_result_order(result)
    # Each group names its option in the drawing, above its bar.
    for group in groups(root):
        texts = ["".join(t.itertext()) for t in group.iter(f"{SVG}text")]
        assert texts[0] == group.get("data-option")


def test_bar_widths_are_proportional_to_the_acceptabilities(result):
    acceptability = result.acceptability
    totals = []
    for group in groups(chart_of(result)):
        option = group.get("data-option")
        bars = segments(group)
        # A segment for every rank the option takes, and for no other.
        drawn = [int(bar["data-rank"]) for bar in bars]
        taken = [rank for rank, share in acceptability.loc[option].items() if share > 0]
        assert drawn == taken
        widths = np.array([float(bar["width"]) for bar in bars])
        shares = acceptability.loc[option, drawn].to_numpy()
        assert np.allclose([float(bar["data-value"]) for bar in bars], shares)
        totals.append(widths.sum())
        assert np.allclose(widths / widths.sum(), shares, atol=1e-4)
        # Side by side from the axis' start, with no gap or overlap.
        starts = np.array([float(bar["x"]) for bar in bars])
        assert np.allclose(starts[1:], starts[:-1] + widths[:-1], atol=0.02)
    # Every bar is the full length of the axis: each adds up to 100%.
    assert np.allclose(totals, totals[0], atol=0.02)
    axis = next(line for line in chart_of(result).iter(f"{SVG}line") if line.get("class") == "axis")
    assert totals[0] == pytest.approx(float(axis.get("x2")) - float(axis.get("x1")), abs=0.1)


def test_ranks_take_the_ordered_palette_with_an_axis_and_a_legend(result):
    root = chart_of(result)
    colours = rank_colours(len(result.options))
    for group in groups(root):
        for bar in segments(group):
            assert bar["fill"] == colours[int(bar["data-rank"]) - 1]
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert all(tick in texts for tick in ("0%", "25%", "50%", "75%", "100%"))
    assert "share of the 2,000 weightings" in texts
    assert [f"rank {k}" for k in range(1, len(result.options) + 1)] == [
        t for t in texts if t.startswith("rank ")
    ]
    assert root.find(f"{SVG}title").text == "How often each option takes each rank"


def test_the_first_rank_shares_are_written_above_the_bars(result):
    share = result.acceptability[1]
    for group in groups(chart_of(result)):
        option = group.get("data-option")
        texts = ["".join(t.itertext()) for t in group.iter(f"{SVG}text")]
        expected = f"first in {percent(share[option])}" if share[option] else "never first"
        assert expected in texts


def test_the_text_alternative_says_the_first_rank_shares_in_words(result):
    page = result.to_html(page=True)
    (label,) = re.findall(r'<svg role="img" aria-label="([^"]*)"', page)
    label = html.unescape(label)
    share = result.acceptability[1]
    leader, *others = [o for o in in_result_order(result) if share[o] > 0]
    assert f"{leader} ranks first in {percent(share[leader])} of the 2,000 weightings" in label
    for option in others:
        assert f"{option} in {percent(share[option])}" in label
    never = result.never_first
    assert len(never) == 2
    assert f"{never[0]} and {never[1]} never rank first" in label
    # The drawing carries the same words on its own, in its description.
    description = chart_of(result).find(f"{SVG}desc").text
    assert description in label


def test_a_single_never_first_option_is_told_in_the_singular():
    a = pb.examples.load("engage-or-contain").assessment
    result = smaa(a, samples=300, seed=1)
    (label,) = re.findall(r'<svg role="img" aria-label="([^"]*)"', result.to_html())
    assert result.never_first == ("Contain",)
    assert "Engage ranks first in 100.0% of the 300 weightings; Contain never ranks first" in (
        html.unescape(label)
    )


def test_text_and_markdown_leave_the_chart_out_but_keep_its_numbers(result):
    for rendering in (result.to_text(), result.to_markdown()):
        assert "<svg" not in rendering
        assert "Rank 1" in rendering


def test_many_options_get_the_tables_without_a_chart():
    rng = np.random.default_rng(0)
    criteria = [pb.Criterion(name, area="Economic", kind="benefit") for name in ("X", "Y", "Z")]

    def page(count: int) -> str:
        names = [f"Option {i}" for i in range(count)]
        a = pb.Assessment(names, criteria, rng.uniform(1, 9, (count, 3)))
        return smaa(a, samples=200, seed=0).to_html()

    assert len(charts(page(20))) == 1
    wide = page(21)
    assert charts(wide) == []
    assert "Rank 21" in wide
