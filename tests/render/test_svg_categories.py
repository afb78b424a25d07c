"""The category strips: one per category, best at the top, every option in its strip."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from powerbalance._render.palette import INK, contrast, rank_colours, tint
from powerbalance._render.svg_categories import STRIP_TINT, category_strips

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_strips_run_from_the_best_down_and_hold_their_options():
    root = _parse(
        category_strips(
            ["reject", "consider", "recommend"],
            {"reject": ["C"], "consider": [], "recommend": ["A", "B"]},
            marks={"C": "excluded"},
            description="what it shows",
        )
    )
    groups = root.findall(f"{SVG}g")
    assert [g.get("data-category") for g in groups] == ["recommend", "consider", "reject"]
    assert [g.get("data-position") for g in groups] == ["2", "1", "0"]
    options = {
        g.get("data-category"): [
            t.get("data-option") for t in g.iter(f"{SVG}text") if t.get("class") == "option"
        ]
        for g in groups
    }
    assert options == {"recommend": ["A", "B"], "consider": [], "reject": ["C"]}
    texts = ["".join(t.itertext()) for t in groups[1].iter(f"{SVG}text")]
    assert "none" in texts
    assert "0 options" in texts
    assert any(text.endswith("C (excluded)") for text in ["".join(t.itertext()) for t in groups[2]])
    assert root.find(f"{SVG}desc").text == "what it shows"


def test_option_text_reads_on_every_strip():
    for count in (2, 3, 5):
        for colour in rank_colours(count):
            assert contrast(INK, tint(colour, STRIP_TINT)) >= 4.5


def test_a_name_too_long_for_a_line_is_cut_short_with_its_whole_name_in_a_tooltip():
    name = "An option whose name runs on " * 4
    root = _parse(category_strips(["no", "yes"], {"yes": [name]}))
    (option,) = [t for t in root.iter(f"{SVG}text") if t.get("class") == "option"]
    assert option.find(f"{SVG}title").text == name
    shown = option.find(f"{SVG}title").tail
    assert shown.endswith("\u2026")
    assert len(shown) < len(name)
    assert float(option.get("x")) + 6.8 * len(shown) <= 420


def test_many_options_wrap_within_the_strip():
    names = [f"Option number {k}" for k in range(12)]
    root = _parse(category_strips(["no", "yes"], {"yes": names}))
    options = [t for t in root.iter(f"{SVG}text") if t.get("class") == "option"]
    assert len({t.get("y") for t in options}) > 1
    for t in options:
        shown = t.find(f"{SVG}title").tail
        assert float(t.get("x")) + 6.8 * len(shown) <= 420 - 8
