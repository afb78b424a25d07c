"""The blocks a brief adds to the document model, in every renderer."""

from __future__ import annotations

import pytest

from powerbalance._render import (
    Callout,
    Document,
    Figure,
    Footnotes,
    Notes,
    Paragraph,
    Section,
    Table,
    render_html,
    render_markdown,
    render_text,
)
from powerbalance._render.document import without_figures


@pytest.fixture
def document():
    return Document(
        "Flood defence",
        [
            Callout("disclaimer", "Draft <not> advice & estimates.", "Disclaimer"),
            Section(
                "Consequences",
                [
                    Table("Economic", ["Option", "Cost (£m)"], [["Wall", "120 [1]"]]),
                    Footnotes("Notes on the scores", ["Wall, Cost: a quote."]),
                    Notes("", ["unlabelled item"]),
                ],
            ),
            Section("Bars", [Figure("<svg ></svg>", "bars")]),
        ],
        "Prepared by the city.",
    )


def test_text(document):
    text = render_text(document)
    assert text.split("\n\n")[1] == "Disclaimer: Draft <not> advice & estimates."
    assert "Consequences\n\nEconomic\nOption  Cost (£m)" in text
    assert "Notes on the scores\n[1] Wall, Cost: a quote." in text
    assert "\n- unlabelled item" in text
    assert "Bars" not in text  # a section of figures only is left out


def test_markdown(document):
    markdown = render_markdown(document)
    assert "> **Disclaimer:** Draft <not> advice & estimates." in markdown
    assert "### Consequences" in markdown
    assert "**Notes on the scores**\n\n1. Wall, Cost: a quote." in markdown
    assert "### Bars" not in markdown


def test_html(document):
    page = render_html(document)
    assert (
        '<div class="callout disclaimer" role="note"><p><strong>Disclaimer:</strong> '
        "Draft &lt;not&gt; advice &amp; estimates.</p></div>"
    ) in page
    assert "<section><h3>Consequences</h3>" in page
    # Inside a section, a list's title is one level down.
    assert '<div class="footnotes"><h4>Notes on the scores</h4><ol start="1">' in page
    assert "<ul><li>unlabelled item</li></ul>" in page
    assert "<section><h3>Bars</h3><figure>" in page


def test_footnotes_number_from_their_start():
    notes = Footnotes("Notes", ["a", "b"], start=4)
    assert notes.numbered == [(4, "a"), (5, "b")]
    assert "[5] b" in render_text(Document("", [notes]))
    assert '<ol start="4">' in render_html(Document("", [notes]))


def test_without_figures_keeps_sections_that_still_hold_something():
    kept = without_figures([Section("Mixed", [Figure("<svg></svg>", "x"), Paragraph("p")])])
    assert kept == [Section("Mixed", [Paragraph("p")])]
