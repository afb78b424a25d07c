"""Every result's page: one stylesheet, AA contrast, semantic HTML, phone and print ready."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import powerbalance as pb
from powerbalance._render.document import Document, Figure, Paragraph, Table
from powerbalance._render.html import STYLESHEET, render_html, table_html
from powerbalance._render.palette import PAPER, contrast

STUDY = "great-power-cooperation"
HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


@pytest.fixture(scope="module")
def assessment():
    return pb.examples.load(STUDY).assessment


RESULTS = {
    "report": lambda a: pb.evaluate(a, method="topsis"),
    "report with sensitivity": lambda a: pb.evaluate(a).with_sensitivity(
        pb.sensitivity.stability(a), pb.sensitivity.smaa(a, samples=300, seed=2)
    ),
    "comparison": lambda a: pb.compare(a, methods=["weighted-sum", "topsis"]),
    "tradeoff": lambda a: pb.evaluate(a).tradeoffs("Targeted cooperation", "Status quo"),
    "stability": lambda a: pb.sensitivity.stability(a),
    "sweep": lambda a: pb.sensitivity.sweep(a, "Security", points=21),
    "smaa": lambda a: pb.sensitivity.smaa(a, samples=300, seed=2),
}


@pytest.fixture(scope="module", params=list(RESULTS))
def page(request, assessment):
    return RESULTS[request.param](assessment).to_html(page=True)


class _Page(HTMLParser):
    """The elements of a page, each as (tag, attributes, the tags it sits in)."""

    def __init__(self):
        super().__init__()
        self.elements = []
        self.open = []
        self.text = {}

    def handle_starttag(self, tag, attributes):
        self.elements.append((tag, dict(attributes), tuple(self.open)))
        if tag not in ("meta", "br", "rect", "line", "path", "polyline", "stop"):
            self.open.append(tag)

    def handle_startendtag(self, tag, attributes):
        self.elements.append((tag, dict(attributes), tuple(self.open)))

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def tags(self, name):
        return [(attributes, inside) for tag, attributes, inside in self.elements if tag == name]


def _parsed(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """Every innermost rule of a stylesheet: its selector and declarations."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    for selector, body in re.findall(r"([^{}]*)\{([^{}]*)\}", css):
        declarations = {}
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if name.strip():
                declarations[name.strip()] = value.strip()
        rules.append((" ".join(selector.split()), declarations))
    return rules


def _screen() -> dict[str, dict[str, str]]:
    """The rules for the screen at any width (before the first @media or @page)."""
    merged: dict[str, dict[str, str]] = {}
    for selector, declarations in _rules(STYLESHEET[: STYLESHEET.index("@media")]):
        merged.setdefault(selector, {}).update(declarations)
    return merged


def _hex(value: str) -> str | None:
    match = HEX.search(value)
    if not match:
        return None
    text = match.group(0)[1:]
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    return "#" + text.upper()


# -- one style ---------------------------------------------------------------------------


def test_every_page_carries_the_one_stylesheet_and_nothing_else(page):
    assert page.count("<style>") == 1
    assert f"<style>{STYLESHEET}</style>" in page
    # The one inline style a page has: how far a chart may grow (on the chart itself).
    assert ' style="' not in re.sub(r"<svg [^>]*>", "<svg>", page)
    parsed = _parsed(page)
    assert not parsed.tags("script")
    assert not parsed.tags("link")
    for attributes, _ in [*parsed.tags("img"), *parsed.tags("a"), *parsed.tags("iframe")]:
        assert not attributes.get("src", "").startswith(("http:", "https:", "//"))


def test_the_sensitivity_command_writes_a_styled_page(tmp_path):
    from powerbalance.cli import main

    output = tmp_path / "sensitivity.html"
    arguments = ["sensitivity", "--samples", "200", "--seed", "1", "--format", "html"]
    code = main([*arguments, "--quiet", "--output", str(output)])
    assert code == 0
    assert f"<style>{STYLESHEET}</style>" in output.read_text(encoding="utf-8")


# -- contrast ----------------------------------------------------------------------------


def test_every_text_colour_reads_on_every_background_of_the_stylesheet():
    texts, backgrounds = set(), {PAPER}
    for _, declarations in _rules(STYLESHEET):
        for name, value in declarations.items():
            colour = _hex(value)
            if colour is None:
                continue
            if name == "color":
                texts.add(colour)
            elif name in ("background", "background-color"):
                backgrounds.add(colour)
    assert len(texts) >= 4
    assert len(backgrounds) >= 4
    failing = [
        (text, background, round(contrast(text, background), 2))
        for text in texts
        for background in backgrounds
        if contrast(text, background) < 4.5
    ]
    assert not failing, f"text below WCAG AA (4.5:1): {failing}"


def test_text_in_the_charts_reads_on_the_page(page):
    # A value written on a bar (class "value", right after the bar) reads on the bar.
    on_bars = re.findall(
        r'<rect [^>]*?fill="(#[0-9A-Fa-f]{6})"[^>]*>(?:<title>[^<]*</title>)?</rect>'
        r'<text class="value" [^>]*?fill="(#[0-9A-Fa-f]{6})"',
        page,
    )
    assert len(on_bars) == page.count('<text class="value" ')
    for bar, fill in on_bars:
        assert contrast(fill, bar) >= 4.5
    fills = re.findall(r'<text (?!class="value")[^>]*?fill="(#[0-9A-Fa-f]{6})"', page)
    for fill in fills:
        assert contrast(fill, PAPER) >= 4.5


# -- the hooks a brief uses --------------------------------------------------------------


@pytest.mark.parametrize(
    "selector",
    [
        ".powerbalance .callout",
        ".powerbalance .disclaimer",
        ".powerbalance .bottom-line",
        ".powerbalance section",
        ".powerbalance .footnotes",
        ".powerbalance abbr[title]",
        ".powerbalance caption",
        ".powerbalance .provenance",
    ],
)
def test_the_stylesheet_styles_every_hook(selector):
    selectors = {part.strip() for rule, _ in _rules(STYLESHEET) for part in rule.split(",")}
    assert selector in selectors


# -- semantic HTML ------------------------------------------------------------------------


def test_the_page_is_semantic(page):
    parsed = _parsed(page)
    (html,) = parsed.tags("html")
    assert html[0]["lang"] == "en"
    metas = [attributes for attributes, _ in parsed.tags("meta")]
    assert {"charset": "utf-8"} in metas
    assert any(m.get("name") == "viewport" and "width=device-width" in m["content"] for m in metas)
    assert parsed.tags("title")
    assert len(parsed.tags("main")) == 1
    assert len(parsed.tags("h2")) == 1
    assert not parsed.tags("h1")
    for _, inside in parsed.tags("table"):
        assert "div" in inside
    captions = parsed.tags("caption")
    assert len(captions) == len(parsed.tags("table"))
    for attributes, inside in parsed.tags("th"):
        assert attributes.get("scope") in ("col", "row")
        if "thead" in inside:
            assert attributes["scope"] == "col"


def test_every_chart_is_one_named_image(page):
    parsed = _parsed(page)
    for attributes, inside in parsed.tags("svg"):
        assert attributes["role"] == "img"
        assert attributes["aria-label"].strip()
        assert "figure" in inside
    assert page.count("<svg ") == page.count('<svg role="img"')
    for svg in re.findall(r"<svg [^>]*>.*?</svg>", page, flags=re.S):
        assert re.match(r"<svg [^>]*><title>[^<]+</title>", svg)


def test_tables_scroll_in_a_named_region_of_their_own():
    table = Table("Wide", ["Option", *(f"column {k}" for k in range(30))], [["A", *"1" * 30]])
    out = table_html(table)
    assert out.startswith('<div class="table-scroll" role="region" aria-label="Wide" tabindex="0">')
    assert out.endswith("</table></div>")
    rule = _screen()[".powerbalance .table-scroll"]
    assert rule["overflow-x"] == "auto"
    # The caption stays in view, wrapped to the screen, while the table scrolls under it.
    caption = _screen()[".powerbalance caption"]
    assert caption["position"] == "sticky"
    assert caption["max-width"].startswith("calc(100vw")


def test_the_row_header_is_the_first_column_of_names():
    ranking = Table("Ranking", ["Rank", "Option", "Score"], [["1", "A", "0.9"]], ">" + "<>")
    out = table_html(ranking)
    assert '<td class="num">1</td><th scope="row" class="text">A</th>' in out
    numbers = Table("Numbers", ["Weight", "Score"], [["0.1", "0.9"]], ">>")
    assert '<th scope="row" class="num">0.1</th>' in table_html(numbers)


def test_a_figure_without_a_title_is_given_its_text_alternative():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect/></svg>'
    out = render_html(Document("", [Figure(svg, "A square & more")]))
    assert '<svg role="img" aria-label="A square &amp; more" ' in out
    assert "><title>A square &amp; more</title><rect/>" in out


# -- phones ------------------------------------------------------------------------------


def test_nothing_on_the_page_has_a_fixed_width(page):
    for svg in re.findall(r"<svg [^>]*>", page):
        assert 'width="100%"' in svg
        assert "viewBox=" in svg
        assert "height=" not in svg.replace("height:auto", "")
    assert not re.search(r"\bwidth:\s*\d+px", STYLESHEET)
    for selector, declarations in _rules(STYLESHEET):
        for name in ("width", "min-width"):
            value = declarations.get(name, "")
            assert not value.endswith("px"), (selector, name, value)


def test_long_words_wrap_and_the_page_fits_a_phone():
    rules = _screen()
    assert rules[".powerbalance"]["overflow-wrap"] == "break-word"
    assert rules[".powerbalance"]["box-sizing"] == "border-box"
    assert rules[".powerbalance figure svg"]["width"] == "100%"
    assert any(selector.startswith("@media (max-width") for selector in STYLESHEET.splitlines())


# -- print -------------------------------------------------------------------------------


def _print_rules() -> str:
    return STYLESHEET[STYLESHEET.index("@media print") :]


def test_the_page_prints_on_a4_with_page_numbers():
    page_rule = STYLESHEET[STYLESHEET.index("@page") :]
    assert "size: A4" in page_rule
    assert re.search(r"margin:\s*\d+mm", page_rule)
    assert "@bottom-right" in page_rule
    assert "counter(page)" in page_rule
    assert "counter(pages)" in page_rule


def test_printing_keeps_tables_charts_and_rows_whole_and_headings_with_their_text():
    rules = _rules(_print_rules())
    whole = {
        part.strip()
        for selector, declarations in rules
        if declarations.get("break-inside") == "avoid"
        for part in selector.split(",")
    }
    for element in ("table", "tr", "figure", "svg", ".callout", ".bottom-line"):
        assert f".powerbalance {element}" in whole
    kept = {
        part.strip()
        for selector, declarations in rules
        if declarations.get("break-after") == "avoid"
        for part in selector.split(",")
    }
    assert {".powerbalance h2", ".powerbalance h3"} <= kept
    assert ".powerbalance .table-scroll" in {s for s, d in rules if d.get("overflow") == "visible"}


def test_printing_keeps_the_backgrounds_that_carry_meaning():
    exact = {
        part.strip()
        for selector, declarations in _rules(_print_rules())
        if declarations.get("print-color-adjust") == "exact"
        for part in selector.split(",")
    }
    assert {".powerbalance .callout", ".powerbalance .bottom-line", ".powerbalance svg"} <= exact


def test_a_fragment_stays_unstyled_for_notebooks():
    out = render_html(Document("T", [Paragraph("x")]))
    assert "<style" not in out
    assert out.startswith('<div class="powerbalance">')
