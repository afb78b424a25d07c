"""Every result page in a real browser: on a desktop, on a phone, and printed to A4.

At 1280 and 390 px wide: the page never scrolls sideways (a wide table scrolls inside
its own box), every option name is on screen somewhere (not hidden, not clipped), the
page runs no script and nothing it asks for leaves it. Printed to PDF: the title and
the bottom line (and on the brief, the disclaimer) are on page 1, and no table is split
across a page edge.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import powerbalance as pb

URL = "http://powerbalance.test/page.html"
WIDTHS = (1280, 390)
STUDY = "great-power-cooperation"
PAGES = ("brief", "report", "comparison", "stability", "smaa")
#: Pages that list every option; the stability page names only those it talks about.
EVERY_OPTION = frozenset({"brief", "report", "comparison", "smaa"})
#: The charts each page draws, in order (the classes of their drawings); the brief
#: draws its categories first when the study has a sorting model.
CHARTS = {
    "brief": [
        *(["chart categories"] if pb.examples.load(STUDY).sorting is not None else []),
        "chart bars",
        "chart intervals",
        "chart ranks",
    ],
    "report": ["chart bars"],
    "comparison": [],
    "stability": ["chart intervals"],
    "smaa": ["chart ranks"],
}
#: The smallest size, in CSS pixels, at which a chart's text (12 units) may be drawn.
SMALLEST_TEXT = 9.0


@functools.cache
def html_of(name: str) -> str:
    """The page of one result of the built-in study."""
    study = pb.examples.load(STUDY)
    a = study.assessment
    if name == "brief":
        return pb.brief.build(study, smaa=2_000, seed=1).to_html(page=True)
    results: dict[str, Callable[[], Any]] = {
        "report": lambda: pb.evaluate(a, weighting="equal", method="topsis"),
        "comparison": lambda: pb.compare(
            a, weightings=["equal", "entropy"], methods=["weighted-sum", "topsis"]
        ),
        "stability": lambda: pb.sensitivity.stability(a, weighting="equal"),
        "smaa": lambda: pb.sensitivity.smaa(a, samples=2_000, seed=1),
    }
    return str(results[name]().to_html(page=True))


class Tab:
    """One browser tab, reused: each load serves one page and records what else it asks for."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.html = ""
        self.outside: list[str] = []
        self.loads = 0
        self.context.route("**/*", self._serve)

    def _serve(self, route: Any) -> None:
        if route.request.url == f"{URL}?{self.loads}":
            route.fulfill(body=self.html, content_type="text/html; charset=utf-8")
        else:
            self.outside.append(route.request.url)
            route.abort()

    def load(self, html: str, width: int, *, media: str = "screen") -> Any:
        """The page shown at a width (``self.outside`` then lists what else it asked for)."""
        self.html, self.outside, self.loads = html, [], self.loads + 1
        self.page.set_viewport_size({"width": width, "height": 900})
        self.page.emulate_media(media=media)
        self.page.goto(f"{URL}?{self.loads}", wait_until="load")
        return self.page


# Per name: is one occurrence of it drawn, inside the viewport's width and inside every
# box that clips it? Text split over several elements does not count as an occurrence.
LAYOUT = """(names) => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const hidden = (el) => {
    for (let a = el; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.display === "none" || s.visibility !== "visible" || +s.opacity === 0) return true;
    }
    return false;
  };
  const clipped = (rect, el) => {
    if (rect.left < -0.5 || rect.right > width + 0.5) return true;
    for (let a = el; a && a !== root; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === "visible" && s.overflowY === "visible") continue;
      const box = a.getBoundingClientRect();
      if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5 ||
          rect.top < box.top - 0.5 || rect.bottom > box.bottom + 0.5) return true;
    }
    return false;
  };
  const visible = Object.fromEntries(names.map((n) => [n, false]));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    for (const name of names) {
      if (visible[name]) continue;
      for (let i = node.data.indexOf(name); i >= 0; i = node.data.indexOf(name, i + 1)) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + name.length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        if (rects.length && !hidden(el) && !rects.some((r) => clipped(r, el))) {
          visible[name] = true;
          break;
        }
      }
    }
  }
  // What sticks out of the page, outside any box that scrolls or clips it.
  const overflowing = [];
  for (const el of document.body.querySelectorAll("*")) {
    const rect = el.getBoundingClientRect();
    if (rect.right <= width + 0.5 || overflowing.length >= 5) continue;
    let inside = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") { inside = true; break; }
    }
    if (!inside) {
      const label = el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
        ? "." + String(el.className).trim().split(/\\s+/).join(".") : "");
      overflowing.push(`${label} (right edge at ${Math.round(rect.right)} px)`);
    }
  }
  // Each chart: its kind, where it is drawn, and how wide its drawing is in its own units.
  const charts = [...document.querySelectorAll("svg.chart")].map((svg) => {
    const rect = svg.getBoundingClientRect();
    return { kind: svg.getAttribute("class"), left: rect.left, right: rect.right,
             width: rect.width, height: rect.height, units: svg.viewBox.baseVal.width };
  });
  return {
    width,
    scrollWidth: Math.max(root.scrollWidth, document.body.scrollWidth),
    visible,
    overflowing,
    scripts: document.scripts.length,
    charts,
  };
}"""

# What the printed page must hold, read from the page with print media emulated.
PRINTED = """() => {
  const shown = (el) => el && el.getClientRects().length > 0;
  const text = (el) => (shown(el) ? el.innerText : null);
  const firstParagraph = [...document.querySelectorAll("p")].find(shown);
  const tables = [...document.querySelectorAll("table")].filter(shown).map((t) => {
    const rows = [...t.rows].filter(shown);
    const head = (t.caption ? t.caption.innerText + " " : "") + rows[0].innerText;
    return [head, rows[rows.length - 1].innerText];
  });
  return {
    title: text(document.querySelector("h1, h2")),
    disclaimer: text(document.querySelector(".disclaimer")),
    headline: text(document.querySelector(".bottom-line")) ?? text(firstParagraph),
    tables,
  };
}"""


def squash(text: str) -> str:
    """Text as compared with a PDF's: no whitespace, no ligatures, no soft hyphens."""
    return "".join(unicodedata.normalize("NFKC", text).replace("\u00ad", "").split())


def option_names(name: str) -> list[str]:
    names = list(pb.examples.load(STUDY).assessment.option_names)
    return names if name in EVERY_OPTION else [n for n in names if n in html_of(name)]


@pytest.fixture(scope="session")
def tab(browser: Any) -> Iterator[Tab]:
    opened = Tab(browser)
    yield opened
    opened.context.close()


@pytest.fixture(scope="session")
def layout(tab: Tab) -> Callable[[str, int], dict[str, Any]]:
    """The measurements of a page at a width, and what it asked for (each taken once)."""

    @functools.cache
    def measure(name: str, width: int) -> dict[str, Any]:
        found: dict[str, Any] = tab.load(html_of(name), width).evaluate(LAYOUT, option_names(name))
        found["outside"] = tab.outside
        return found

    return measure


@pytest.fixture(scope="session")
def printed(tab: Tab) -> Callable[[str], dict[str, Any]]:
    """A page printed to A4: its PDF's text page by page, and what should be in it."""
    return functools.cache(lambda name: print_to_pdf(tab, html_of(name)))


def print_to_pdf(tab: Tab, html: str) -> dict[str, Any]:
    from pypdf import PdfReader

    page = tab.load(html, 1280, media="print")
    expected: dict[str, Any] = page.evaluate(PRINTED)
    pdf = page.pdf(format="A4")
    expected["pages"] = [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]
    return expected


def split_tables(pages: list[str], tables: list[list[str]]) -> list[str]:
    """Each table whose caption and first row are not on the PDF page of its last row."""
    squashed = [squash(text) for text in pages]
    text = "".join(squashed)
    ends = [sum(map(len, squashed[: k + 1])) for k in range(len(squashed))]

    def page_of(offset: int) -> int:
        return next(k for k, end in enumerate(ends) if offset < end)

    problems, cursor = [], 0
    for caption, last in tables:
        head, tail = squash(caption), squash(last)
        start = text.find(head, cursor)
        if start < 0:
            problems.append(f"{caption!r}: not found in the PDF")
            continue
        end = text.find(tail, start + len(head))
        if end < 0:
            problems.append(f"{caption!r}: its last row {last!r} is not found after it")
            continue
        first_page, last_page = page_of(start), page_of(end + len(tail) - 1)
        if first_page != last_page:
            pages = f"starts on page {first_page + 1}, ends on page {last_page + 1}"
            problems.append(f"{caption!r}: {pages}")
        cursor = end + len(tail)
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_the_page_never_scrolls_sideways(layout, name, width):
    found = layout(name, width)
    assert found["scrollWidth"] <= found["width"], (
        f"the {name} page is {found['scrollWidth']} px wide at {width} px: "
        f"{', '.join(found['overflowing']) or 'no single element found'}"
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_every_option_name_is_visible(layout, name, width):
    found = layout(name, width)
    assert found["visible"], f"the {name} page names no option"
    missing = [option for option, shown in found["visible"].items() if not shown]
    assert not missing, f"not visible on the {name} page at {width} px: {missing}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_nothing_leaves_the_page_and_nothing_runs(layout, name, width):
    found = layout(name, width)
    assert found["outside"] == []
    assert found["scripts"] == 0


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_every_chart_is_drawn_within_the_page_at_a_readable_size(layout, name, width):
    found = layout(name, width)
    charts = found["charts"]
    assert [chart["kind"] for chart in charts] == CHARTS[name]
    for chart in charts:
        assert chart["height"] > 0, f"{chart['kind']} on the {name} page is not drawn"
        assert chart["left"] >= -0.5, chart
        assert chart["right"] <= found["width"] + 0.5, (
            f"{chart['kind']} on the {name} page runs to {chart['right']:.0f} px at {width} px"
        )
        text = 12 * chart["width"] / chart["units"]
        assert text >= SMALLEST_TEXT, (
            f"{chart['kind']} on the {name} page draws its text at {text:.1f} px at {width} px"
        )


def test_the_brief_prints_the_disclaimer_and_the_recommendation_on_page_one(printed):
    found = printed("brief")
    disclaimer = pb.examples.load(STUDY).disclaimer
    assert disclaimer
    first = squash(found["pages"][0])
    assert squash(disclaimer) in first, f"the disclaimer is not on page 1:\n{found['pages'][0]}"
    assert found["disclaimer"] is not None, "the brief shows no disclaimer callout"
    assert found["headline"], "the brief has no recommendation"
    assert squash(found["headline"]) in first, (
        f"the recommendation is not on page 1:\n{found['headline']}\n---\n{found['pages'][0]}"
    )


@pytest.mark.parametrize("name", PAGES)
def test_the_title_and_the_bottom_line_print_on_page_one(printed, name):
    found = printed(name)
    first = squash(found["pages"][0])
    assert found["title"], f"the {name} page has no title"
    assert squash(found["title"]) in first
    assert found["headline"], f"the {name} page has no bottom line"
    assert squash(found["headline"]) in first


@pytest.mark.parametrize("name", PAGES)
def test_no_table_is_split_across_a_page_edge(printed, name):
    found = printed(name)
    assert found["tables"], f"the {name} page has no table"
    assert split_tables(found["pages"], found["tables"]) == []


BAD_PAGE = (
    """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Bad</title></head>
<body><h1>Bad</h1><p>Headline.</p>
<div style="margin-left: 500px">Alpha</div>
<div style="display: none">Beta</div>
<div style="width: 100px; overflow: hidden; white-space: nowrap">xxxxxxxxxxxxxxxx Gamma</div>
<img src="https://example.com/x.png" alt=""><script>1</script>
<div style="height: 900px"></div>
<table><caption>Long table</caption>
"""
    + "".join(f"<tr><td>row {i}</td></tr>" for i in range(60))
    + "</table></body></html>"
)


def test_the_checks_catch_a_bad_page(tab):
    found = tab.load(BAD_PAGE, 390).evaluate(LAYOUT, ["Alpha", "Beta", "Gamma", "Headline"])
    assert found["scrollWidth"] > found["width"]
    assert any(item.startswith("div") for item in found["overflowing"])
    assert found["visible"] == {"Alpha": False, "Beta": False, "Gamma": False, "Headline": True}
    assert tab.outside == ["https://example.com/x.png"]
    assert found["scripts"] == 1
    result = print_to_pdf(tab, BAD_PAGE)
    assert len(split_tables(result["pages"], result["tables"])) == 1
    assert split_tables(["Long table row 0", "row 59"], [["Long table", "row 59"]]) != []
    assert split_tables(["Long table row 0 row 59"], [["Long table", "row 59"]]) == []
