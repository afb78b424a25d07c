"""The SVG charts: well formed, titled, with an axis and values, patterns beside colours."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest

import powerbalance as pb
from powerbalance._render.palette import INK, PAPER, colours_for, contrast, rank_colours, text_on
from powerbalance._render.svg import acceptability_bars, contribution_bars, line_chart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"
STUDY = "great-power-cooperation"


@pytest.fixture(scope="module")
def report():
    return pb.evaluate(pb.examples.load(STUDY).assessment)


def _frames(report):
    by_area = report.by_area
    benefit = pd.DataFrame(by_area.xs("benefit", axis=1, level="measure"))
    risk = pd.DataFrame(by_area.xs("risk", axis=1, level="measure"))
    return benefit, risk


def _tree(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # fails on a drawing that is not well formed


def _bars(root: ET.Element) -> list[dict[str, str]]:
    return [rect.attrib for rect in root.iter(f"{SVG}rect") if rect.get("class") == "bar"]


def _patterns(root: ET.Element) -> dict[str, ET.Element]:
    return {p.get("id"): p for p in root.iter(f"{SVG}pattern")}


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_the_bars_scale_with_the_page_and_have_a_title(report):
    svg = contribution_bars(*_frames(report))
    root = _tree(svg)
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))
    (first, *_) = list(root)
    assert first.tag == f"{SVG}title"
    assert first.text == "Weighted benefit and risk by area"
    assert "Weighted benefit and risk by area" in _texts(root)


def test_every_area_keeps_its_colour_and_a_risk_is_striped_in_it(report):
    benefit, risk = _frames(report)
    root = _tree(contribution_bars(benefit, risk))
    colours = colours_for([str(a) for a in benefit.columns])
    patterns = _patterns(root)
    for bar in _bars(root):
        colour = colours[bar["data-area"]]
        if bar["data-measure"] == "benefit":
            assert bar["fill"] == colour
            continue
        match = re.fullmatch(r"url\(#(.+)\)", bar["fill"])
        assert match, bar
        pattern = patterns[match.group(1)]
        (ground,) = pattern.iter(f"{SVG}rect")
        assert ground.get("fill") == colour
        stripes = {line.get("stroke") for line in pattern.iter(f"{SVG}line")}
        assert stripes == {text_on(colour)}
        assert contrast(text_on(colour), colour) >= 4.5
    # No risk is filled like any area's benefit: the pattern tells them apart.
    benefit_fills = {b["fill"] for b in _bars(root) if b["data-measure"] == "benefit"}
    risk_fills = {b["fill"] for b in _bars(root) if b["data-measure"] == "risk"}
    assert not benefit_fills & risk_fills
    assert len(risk_fills) == len(colours)


def test_every_bar_has_an_outline(report):
    for bar in _bars(_tree(contribution_bars(*_frames(report)))):
        assert bar["stroke"] == INK


def test_costs_are_cross_hatched_on_the_left():
    frame = pd.DataFrame({"Economic": [0.3], "Security": [0.1]}, index=["A"])
    root = _tree(contribution_bars(frame, frame * 0.5, cost=frame * 0.2))
    costs = [b for b in _bars(root) if b["data-measure"] == "cost"]
    assert len(costs) == 2
    for bar in costs:
        pattern = _patterns(root)[bar["fill"][5:-1]]
        assert len(list(pattern.iter(f"{SVG}line"))) == 2  # two directions: a cross-hatch
    risks = [b for b in _bars(root) if b["data-measure"] == "risk"]
    assert max(float(b["x"]) for b in costs) < min(float(b["x"]) for b in risks)
    assert "Weighted benefit, risk and cost by area" in _texts(root)
    assert "cost" in _texts(root)


def test_the_bars_have_an_axis_with_round_values_and_labelled_totals(report):
    benefit, risk = _frames(report)
    root = _tree(contribution_bars(benefit, risk))
    texts = _texts(root)
    assert any(line.get("class") == "axis" for line in root.iter(f"{SVG}line"))
    assert "weighted risk (left) and benefit (right)" in texts
    ticks = [t for t in texts if re.fullmatch(r"\d\.\d", t)]
    assert len(ticks) >= 5
    for option in benefit.index:
        assert f"{benefit.loc[option].sum():.3f}" in texts
        assert f"{risk.loc[option].sum():.3f}" in texts
        net = benefit.loc[option].sum() - risk.loc[option].sum()
        assert f"net {net:+.3f}" in texts
    assert len([p for p in root.iter(f"{SVG}path") if p.get("class") == "net"]) == len(benefit)


def test_no_text_is_written_on_a_bar(report):
    root = _tree(contribution_bars(*_frames(report)))
    boxes = [
        (float(b["x"]), float(b["y"]), float(b["x"]) + float(b["width"]), float(b["y"]) + 16)
        for b in _bars(root)
    ]
    for text in root.iter(f"{SVG}text"):
        x, y = float(text.get("x")), float(text.get("y"))
        assert text.get("fill") == INK
        assert contrast(text.get("fill"), PAPER) >= 4.5
        inside = [b for b in boxes if b[0] < x < b[2] and b[1] < y < b[3]]
        assert not inside, "".join(text.itertext())


def test_long_option_names_wrap_within_the_chart():
    name = "A very long option name that goes on and on about what it would do in practice"
    frame = pd.DataFrame({"Economic": [0.3]}, index=[name])
    root = _tree(contribution_bars(frame, frame * 0.5))
    width = float(root.get("viewBox").split()[2])
    lines = [t for t in root.iter(f"{SVG}text") if "".join(t.itertext()) in name]
    assert len(lines) >= 2
    assert " ".join("".join(t.itertext()) for t in lines) == name
    for line in lines:
        assert float(line.get("x")) + 6.8 * len("".join(line.itertext())) < width


def test_names_are_escaped():
    frame = pd.DataFrame({"R&D <new>": [0.3]}, index=['"Quoted" & <b>'])
    svg = contribution_bars(frame, frame)
    root = _tree(svg)
    assert {b["data-option"] for b in _bars(root)} == {'"Quoted" & <b>'}
    assert "<b>" not in svg


def test_lines_differ_by_dash_as_well_as_colour_and_have_axes():
    frame = pd.DataFrame(
        {f"Option {k}": [k / 10, 1 - k / 10, 0.5] for k in range(9)}, index=[0.0, 0.5, 1.0]
    )
    root = _tree(line_chart(frame, marker=0.3, points=[0.5], x_label="weight", y_label="score"))
    lines = [p for p in root.iter(f"{SVG}polyline") if p.get("class") == "line"]
    styles = {(p.get("stroke"), p.get("stroke-dasharray")) for p in lines}
    assert len(styles) == len(lines) == 9
    assert root.get("width") == "100%"
    texts = _texts(root)
    assert "Score against weight" in texts
    assert {"weight", "score", "current value", "first place changes"} <= set(texts)
    assert {"0.0", "0.4", "1.0"} <= set(texts)
    assert any(p.get("class") == "axis" for p in root.iter(f"{SVG}path"))
    (marker,) = [line for line in root.iter(f"{SVG}line") if line.get("class") == "marker"]
    assert (marker.get("stroke"), marker.get("stroke-dasharray")) not in styles


def _shares(names: list[str], seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    values = rng.dirichlet(np.ones(len(names)), size=len(names))
    return pd.DataFrame(values, index=names, columns=range(1, len(names) + 1))


def test_rank_bars_label_a_segment_only_where_the_label_fits_and_reads():
    shares = _shares([f"Option {k}" for k in range(6)])
    root = _tree(acceptability_bars(shares, description="Option 0 ranks first in ..."))
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert [child.tag for child in root][:2] == [f"{SVG}title", f"{SVG}desc"]
    colours = rank_colours(6)
    labelled = 0
    for group in root.iter(f"{SVG}g"):
        bars = [r for r in group.iter(f"{SVG}rect") if r.get("class") == "bar"]
        for text in group.iter(f"{SVG}text"):
            x, y = float(text.get("x")), float(text.get("y"))
            if not any(float(b.get("y")) < y < float(b.get("y")) + 16 for b in bars):
                continue  # the option's name or its first-rank share, above the bar
            (bar,) = [
                b for b in bars if float(b.get("x")) < x < float(b.get("x")) + float(b.get("width"))
            ]
            labelled += 1
            width = float(bar.get("width"))
            content = "".join(text.itertext())
            assert content == f"{100 * float(bar.get('data-value')):.0f}%"
            assert 6.8 * len(content) * 11 / 12 <= width
            assert text.get("fill") == text_on(bar.get("fill"))
            assert contrast(text.get("fill"), bar.get("fill")) >= 4.5
            assert bar.get("fill") in colours
    assert labelled > 0


def test_rank_bars_wrap_long_names_within_the_chart():
    name = "A very long option name that goes on and on about what it would do in practice"
    root = _tree(acceptability_bars(_shares([name, "Short"])))
    width = float(root.get("viewBox").split()[2])
    lines = [t for t in root.iter(f"{SVG}text") if "".join(t.itertext()) in name]
    assert len(lines) >= 2
    assert " ".join("".join(t.itertext()) for t in lines) == name
    for text in root.iter(f"{SVG}text"):
        content, x = "".join(text.itertext()), float(text.get("x"))
        reach = 6.8 * len(content) * float(text.get("font-size")) / 12
        anchor = text.get("text-anchor", "start")
        start = {"start": x, "middle": x - reach / 2, "end": x - reach}[anchor]
        assert start >= 0, content
        assert start + reach <= width, content


def test_nice_ticks_are_round_and_cover_the_range():
    assert nice_ticks(0.0, 1.0) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(0.31, 0.68) == [0.3, 0.4, 0.5, 0.6, 0.7]
    assert nice_ticks(5.0, 5.0) == [5.0, 5.2, 5.4, 5.6, 5.8, 6.0]
    ticks = nice_ticks(-3.2, 117.0, most=5)
    assert ticks[0] <= -3.2
    assert ticks[-1] >= 117.0
    assert len(ticks) <= 5


def test_values_equal_but_for_rounding_still_get_a_scale():
    # Found through the brief: every option worth the same, the sums differing only in
    # the last digits, once divided the y scale by zero.
    from powerbalance._render.svg_scatter import frontier_scatter

    value = 0.1 + 0.2
    svg = frontier_scatter(
        [1.0, 2.0], [value, 0.3], ["A", "B"], [True, False],
        x_label="cost", y_label="value", title="t",
    )  # fmt: skip
    assert svg.count('class="point') == 2
    assert "nan" not in svg
    assert "inf" not in svg
