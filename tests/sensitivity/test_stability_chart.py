"""The stability page's chart: one track per weight, its interval drawn as a band, told in words."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest

import powerbalance as pb
from powerbalance._render.palette import colours_for, tint
from powerbalance._render.svg_intervals import BAND_TINT, Track, interval_tracks
from powerbalance.sensitivity import stability

SVG = "{http://www.w3.org/2000/svg}"
STUDY = "great-power-cooperation"


@pytest.fixture(scope="module")
def result():
    return stability(pb.examples.load(STUDY).assessment)


def charts(page: str) -> list[str]:
    return re.findall(r"<svg [^>]*>.*?</svg>", page, flags=re.S)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # fails on a drawing that is not well formed


def chart_of(result) -> ET.Element:
    (svg,) = charts(result.to_html())
    return parse(svg)


def rows(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "track" in (g.get("class") or "").split()]


def of_class(element: ET.Element, tag: str, name: str) -> list[ET.Element]:
    return [e for e in element.iter(f"{SVG}{tag}") if e.get("class") == name]


def axis_of(root: ET.Element) -> tuple[float, float]:
    (axis,) = of_class(root, "line", "axis")
    return float(axis.get("x1")), float(axis.get("x2"))


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def test_one_row_per_criterion_and_area_in_the_order_of_the_table(result):
    root = chart_of(result)
    assert root.get("class") == "chart intervals"
    table = [row[0] for row in result._table().rows]
    assert [g.get("data-name") for g in rows(root)] == table
    assert len(table) == len(result.intervals) == 18
    for group in rows(root):
        # Each row names its weight in the drawing, first.
        assert text_of(next(group.iter(f"{SVG}text"))) == group.get("data-name")


def test_each_band_runs_from_the_low_to_the_high_end_on_the_axis(result):
    root = chart_of(result)
    start, end = axis_of(root)
    for group, interval in zip(rows(root), result.intervals, strict=True):
        (band,) = of_class(group, "rect", "band")
        assert float(band.get("data-low")) == interval.top_low
        assert float(band.get("data-high")) == interval.top_high
        left = float(band.get("x"))
        assert left == pytest.approx(start + interval.top_low * (end - start), abs=0.01)
        assert left + float(band.get("width")) == pytest.approx(
            start + interval.top_high * (end - start), abs=0.02
        )


def test_the_marker_stands_at_the_current_weight(result):
    root = chart_of(result)
    start, end = axis_of(root)
    for group, interval in zip(rows(root), result.intervals, strict=True):
        (marker,) = of_class(group, "g", "marker")
        assert float(marker.get("data-value")) == interval.weight
        (line,) = marker.iter(f"{SVG}line")
        x = start + interval.weight * (end - start)
        assert float(line.get("x1")) == pytest.approx(x, abs=0.06)


def test_a_tick_and_a_label_name_the_option_that_takes_over_at_each_end(result):
    root = chart_of(result)
    start, end = axis_of(root)
    for group, interval in zip(rows(root), result.intervals, strict=True):
        ends = {line.get("data-end"): line for line in of_class(group, "line", "end")}
        expected = {
            side: (swap[1], at)
            for side, swap, at in (
                ("low", interval.top_swap_low, interval.top_low),
                ("high", interval.top_swap_high, interval.top_high),
            )
            if swap is not None
        }
        assert set(ends) == set(expected), interval.name
        for side, (taker, at) in expected.items():
            assert ends[side].get("data-option") == taker
            assert float(ends[side].get("x1")) == pytest.approx(
                start + at * (end - start), abs=0.01
            )
        labels = {t.get("data-end"): t for t in of_class(group, "text", "taker")}
        # Every end in the built-in study has room for its label.
        assert set(labels) == set(expected)
        for side, label in labels.items():
            assert label.get("data-option") == expected[side][0]
            assert expected[side][0] in text_of(label)
            arrow = "\u2190" if side == "low" else "\u2192"
            assert arrow in text_of(label)


def test_the_critical_row_is_set_apart(result):
    root = chart_of(result)
    critical = result.critical
    marked = [g for g in rows(root) if "critical" in g.get("class").split()]
    assert [g.get("data-name") for g in marked] == [critical.name]
    (group,) = marked
    assert "critical" in text_of(group)
    # Its name in bold, its row shaded, and the tick at the critical end drawn heavier.
    assert next(group.iter(f"{SVG}text")).get("font-weight") == "600"
    assert len(of_class(root, "rect", "critical")) == 1
    (tick,) = of_class(group, "line", "end")
    assert tick.get("data-end") == "high"
    assert critical.threshold > critical.weight
    assert float(tick.get("stroke-width")) > 2


def test_bands_take_a_tint_of_their_areas_colour_as_on_the_sliders(result):
    a = pb.examples.load(STUDY).assessment
    colours = colours_for(a.areas)
    root = chart_of(result)
    for group, interval in zip(rows(root), result.intervals, strict=True):
        (band,) = of_class(group, "rect", "band")
        assert interval.area is not None
        assert band.get("fill") == tint(colours[interval.area], BAND_TINT)
    legend = [text_of(t) for t in root.iter(f"{SVG}text")]
    assert set(a.areas) <= set(legend)


def test_the_text_alternative_gives_every_interval_in_words(result):
    page = result.to_html()
    label = html.unescape(re.search(r'<svg role="img" aria-label="([^"]*)"', page).group(1))
    root = chart_of(result)
    desc = text_of(root.find(f"{SVG}desc"))
    for words in (label, desc):
        for interval in result.intervals:
            name = interval.name + (" (area)" if interval.scope == "area" else "")
            assert f"{name} from {interval.top_low:.3f} to {interval.top_high:.3f}" in words
            for side, swap in (("below", interval.top_swap_low), ("above", interval.top_swap_high)):
                if swap is not None:
                    assert f"{swap[1]} takes over {side}" in words
        assert result.critical.sentence() in words


def test_a_label_that_does_not_fit_is_left_to_the_text_alternative():
    long = "An option whose name is far too long to stand beside any end of a band"
    svg = interval_tracks([Track("X", 0.45, 0.55, 0.5, long, long, "#0072B2", "low")], leader="A")
    (group,) = rows(parse(svg))
    assert len(of_class(group, "line", "end")) == 2
    assert of_class(group, "text", "taker") == []


def test_two_labels_that_collide_take_a_line_each():
    svg = interval_tracks(
        [
            Track(
                "X",
                0.02,
                0.7,
                0.3,
                "Technology investment",
                "Allied intelligence sharing",
                "#E69F00",
            )
        ],
        leader="A",
    )
    labels = of_class(parse(svg), "text", "taker")
    assert [t.get("data-end") for t in labels] == ["low", "high"]
    assert float(labels[1].get("y")) > float(labels[0].get("y"))
    # Both within the drawing.
    for label in labels:
        assert 0 <= float(label.get("x")) <= 420


def test_an_interval_built_by_hand_without_areas_is_drawn_in_grey():
    interval = pb.sensitivity.StabilityInterval(
        name="X",
        scope="criterion",
        weight=0.5,
        top_low=0.25,
        top_high=1.0,
        top_swap_low=("A", "B"),
        top_swap_high=None,
        ranking_low=0.25,
        ranking_high=1.0,
        ranking_swap_low=("A", "B"),
        ranking_swap_high=None,
    )
    root = chart_of(pb.sensitivity.Stability(intervals=(interval,), leader="A", exact=True))
    (band,) = of_class(root, "rect", "band")
    assert band.get("fill") == tint("#767676", BAND_TINT)
    (label,) = of_class(root, "text", "taker")
    assert text_of(label) == "\u2190 B"


def test_text_and_markdown_leave_the_chart_out(result):
    assert "<svg" not in result.to_markdown()
    assert "<svg" not in result.to_text()


def test_the_brief_shows_the_chart_in_its_stability_section():
    page = pb.brief.build(pb.examples.load(STUDY)).to_html()
    assert 'class="chart intervals"' in page
