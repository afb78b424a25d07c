"""Documents as HTML: a fragment to embed, or a styled self-contained page.

A fragment is one ``<div class="powerbalance">`` holding the document, with no style
of its own, so that it takes on the style of the notebook or page it is put in. A page
(``page=True``) wraps that same fragment with the one :data:`STYLESHEET` every result
shares: inline CSS and SVG only, no scripts, nothing fetched, readable when printed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from powerbalance._render.document import (
    Block,
    Callout,
    Document,
    Figure,
    Footnotes,
    Heading,
    Notes,
    Paragraph,
    Section,
    Table,
)

__all__ = ["STYLESHEET", "render_html", "table_html"]

STYLESHEET = """
:root { color-scheme: light; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #ffffff; color: #1a1a1a; }
.powerbalance { box-sizing: border-box; max-width: 60rem; margin: 0 auto;
  padding: 1.5rem 1.25rem 2rem; color: #1a1a1a; background: #ffffff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif;
  font-size: 1rem; line-height: 1.5; overflow-wrap: break-word; }
.powerbalance *, .powerbalance *::before, .powerbalance *::after { box-sizing: inherit; }
.powerbalance h2 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
.powerbalance h3 { font-size: 1.15rem; line-height: 1.3; margin: 2rem 0 0.5rem;
  padding-top: 0.75rem; border-top: 1px solid #d6d6d6; }
.powerbalance h4 { font-size: 1rem; margin: 1.25rem 0 0.25rem; }
.powerbalance p { margin: 0.5rem 0 0.75rem; }
.powerbalance p, .powerbalance li, .powerbalance dd, .powerbalance figcaption
  { max-width: 42rem; }
.powerbalance section { margin: 0 0 1.5rem; }
.powerbalance a { color: #0b57d0; }
.powerbalance abbr[title] { text-decoration: underline dotted; text-underline-offset: 0.15em;
  cursor: help; }
.powerbalance ul, .powerbalance ol { margin: 0.25rem 0 1rem; padding-left: 1.5rem; }
.powerbalance dt { font-weight: 600; margin-top: 0.5rem; }
.powerbalance dd { margin: 0 0 0.5rem 1.25rem; }
.powerbalance .callout { max-width: 42rem; margin: 0 0 1.25rem; padding: 0.75rem 1rem;
  border: 1px solid #767676; border-left-width: 0.4rem; border-radius: 0.25rem;
  background: #f5f5f5; color: #1a1a1a; }
.powerbalance .callout > :first-child { margin-top: 0; }
.powerbalance .callout > :last-child { margin-bottom: 0; }
.powerbalance .disclaimer { border-color: #9a5700; background: #fff4e0; color: #3d2600; }
.powerbalance .bottom-line { border-color: #0a5a99; background: #eaf3fb; color: #0d2238;
  font-size: 1.075rem; }
.powerbalance .table-scroll { max-width: 100%; overflow-x: auto; margin: 0.5rem 0 1.25rem; }
.powerbalance .table-scroll:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
.powerbalance table { border-collapse: collapse; margin: 0;
  font-variant-numeric: tabular-nums; }
.powerbalance caption { caption-side: top; text-align: left; font-weight: 600;
  padding: 0 0 0.35rem; position: sticky; left: 0; max-width: calc(100vw - 2rem); }
.powerbalance th, .powerbalance td { padding: 0.3rem 0.6rem; text-align: left;
  vertical-align: top; border-bottom: 1px solid #d6d6d6; }
.powerbalance thead th { vertical-align: bottom; background: #f0f0f0; color: #1a1a1a;
  border-bottom: 2px solid #5c5c5c; font-weight: 600; }
.powerbalance tbody th { font-weight: 500; }
.powerbalance th.text[scope="row"] { min-width: 8rem; }
.powerbalance .num { text-align: right; white-space: nowrap; }
.powerbalance thead .num { white-space: normal; }
.powerbalance figure { margin: 0.75rem 0 1.5rem; max-width: 100%; }
.powerbalance figure svg { display: block; width: 100%; height: auto; }
.powerbalance figcaption { margin-top: 0.35rem; font-size: 0.875rem; color: #4a4a4a; }
.powerbalance sup { line-height: 0; }
.powerbalance .footnotes { font-size: 0.9rem; color: #333333; }
.powerbalance .footnotes h3 { font-size: 1rem; color: #1a1a1a; }
.powerbalance .footnotes li { margin: 0.25rem 0; }
.powerbalance .footnotes li:target { background: #fff5cc; color: #1a1a1a; }
.powerbalance .provenance { margin-top: 2rem; padding-top: 0.5rem;
  border-top: 1px solid #d6d6d6; font-size: 0.8125rem; color: #4a4a4a; }
@media (max-width: 40rem) {
  .powerbalance { padding: 1rem 0.75rem 1.5rem; }
  .powerbalance h2 { font-size: 1.3rem; }
  .powerbalance th, .powerbalance td { padding: 0.25rem 0.4rem; }
}
@page {
  size: A4;
  margin: 18mm 16mm 20mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font-family: system-ui, sans-serif; font-size: 8.5pt; color: #4a4a4a; }
}
@media print {
  body { background: #ffffff; }
  .powerbalance { max-width: none; margin: 0; padding: 0; font-size: 10.5pt;
    line-height: 1.4; }
  .powerbalance h2 { font-size: 16pt; }
  .powerbalance h3 { font-size: 12.5pt; border-top: none; padding-top: 0; }
  .powerbalance h2, .powerbalance h3, .powerbalance h4, .powerbalance caption
    { break-after: avoid; page-break-after: avoid; }
  .powerbalance h3 + *, .powerbalance h4 + * { break-before: avoid; page-break-before: avoid; }
  .powerbalance table, .powerbalance tr, .powerbalance figure, .powerbalance svg,
  .powerbalance .table-scroll, .powerbalance .callout, .powerbalance .bottom-line,
  .powerbalance li, .powerbalance dd { break-inside: avoid; page-break-inside: avoid; }
  .powerbalance .table-scroll { overflow: visible; }
  .powerbalance figure svg { max-width: 12.5cm !important; }
  .powerbalance caption { position: static; max-width: none; }
  .powerbalance thead { display: table-header-group; }
  .powerbalance p, .powerbalance li { orphans: 3; widows: 3; }
  .powerbalance p, .powerbalance li, .powerbalance dd, .powerbalance figcaption,
  .powerbalance .callout { max-width: none; }
  .powerbalance .callout, .powerbalance .bottom-line, .powerbalance thead th,
  .powerbalance .footnotes li:target, .powerbalance svg
    { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .powerbalance a { color: inherit; }
}
"""
"""The style of every result's page (:func:`render_html` with ``page=True``).

Readable on a phone (390 px and up: wide tables scroll in their own box, charts
scale), AA contrast for all text, and an A4 print style: page numbers in the margin,
no table, chart or row split across pages, headings kept with what follows.

Examples
--------
>>> ".powerbalance table" in STYLESHEET, "@page" in STYLESHEET
(True, True)
"""


def _cell(tag: str, text: str, align: str, scope: str = "") -> str:
    kind = "num" if align == ">" else "text"
    where = f' scope="{scope}"' if scope else ""
    return f'<{tag}{where} class="{kind}">{html.escape(text)}</{tag}>'


def _row(row: Sequence[str], key: int, align: str) -> str:
    return "".join(
        _cell("th", c, a, "row") if k == key else _cell("td", c, a)
        for k, (c, a) in enumerate(zip(row, align, strict=True))
    )


def table_html(table: Table) -> str:
    """An HTML table with a caption, in a box of its own that scrolls when it is too wide.

    Every cell is escaped; column headers have ``scope="col"``, and in each row the
    cell of the first column of text (an option's or a criterion's name; the first
    column if none is text) is the row's header (``scope="row"``). The box is a
    named, focusable region, so that a keyboard can scroll it.

    Examples
    --------
    >>> t = Table("Ranking", ("Option", "Score"), (("A & B", "0.900"),))
    >>> out = table_html(t)
    >>> "A &amp; B" in out, '<th scope="row" class="text">' in out
    (True, True)
    >>> out.startswith('<div class="table-scroll" role="region" aria-label="Ranking"')
    True
    """
    align = table.alignment
    caption = f"<caption>{html.escape(table.caption)}</caption>" if table.caption else ""
    header = "".join(_cell("th", c, a, "col") for c, a in zip(table.header, align, strict=True))
    key = max(align.find("<"), 0) if len(align) > 1 else -1
    body = "".join(f"<tr>{_row(row, key, align)}</tr>" for row in table.rows)
    name = html.escape(table.caption or " ".join(table.header), quote=True)
    return (
        f'<div class="table-scroll" role="region" aria-label="{name}" tabindex="0">'
        f"<table>{caption}<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _figure(figure: Figure) -> str:
    caption = f"<figcaption>{html.escape(figure.caption)}</figcaption>" if figure.caption else ""
    label = html.escape(figure.alternative, quote=True)
    # The drawing is one image to assistive technology, named by its text alternative;
    # a <title> first inside it names it too where the SVG is read on its own.
    svg = figure.svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    opened = svg.find(">") + 1
    if opened and not svg.startswith("<title>", opened):
        svg = f"{svg[:opened]}<title>{html.escape(figure.alternative)}</title>{svg[opened:]}"
    return f"<figure>{svg}{caption}</figure>"


def _titled(title: str, level: int) -> str:
    return f"<h{level}>{html.escape(title)}</h{level}>" if title else ""


def _block(block: Block, level: int = 3) -> str:
    """One block as HTML; its headings at ``level`` (one deeper inside a section)."""
    if isinstance(block, Heading):
        return _titled(block.text, level)
    if isinstance(block, Paragraph):
        return f"<p>{html.escape(block.text)}</p>"
    if isinstance(block, Table):
        return table_html(block)
    if isinstance(block, Figure):
        return _figure(block)
    if isinstance(block, Notes):
        items = "".join(f"<li>{html.escape(item)}</li>" for item in block.items)
        return f"{_titled(block.title, level)}<ul>{items}</ul>"
    if isinstance(block, Callout):
        lead = f"<strong>{html.escape(block.title)}:</strong> " if block.title else ""
        kind = html.escape(block.kind, quote=True)
        text = html.escape(block.text)
        return f'<div class="callout {kind}" role="note"><p>{lead}{text}</p></div>'
    if isinstance(block, Footnotes):
        notes = "".join(f"<li>{html.escape(item)}</li>" for item in block.items)
        return (
            f'<div class="footnotes">{_titled(block.title, level)}'
            f'<ol start="{block.start}">{notes}</ol></div>'
        )
    if isinstance(block, Section):
        inner = "".join(_block(b, min(level + 1, 6)) for b in block.blocks)
        return f"<section>{_titled(block.heading, level)}{inner}</section>"
    raise TypeError(f"render_html cannot write a {type(block).__name__}")


def render_html(document: Document, *, page: bool = False) -> str:
    """The document as an HTML fragment, or with ``page=True`` as a styled page.

    The page is the fragment as the ``<main>`` of its ``<body>``, after a head with the
    language, the character set, the viewport, the title and :data:`STYLESHEET`.

    Examples
    --------
    >>> doc = Document("Title", [Paragraph("A & B.")])
    >>> render_html(doc)
    '<div class="powerbalance"><h2>Title</h2><p>A &amp; B.</p></div>'
    >>> render_html(doc, page=True).startswith("<!DOCTYPE html>")
    True
    """
    parts = [f"<h2>{html.escape(document.title)}</h2>"] if document.title else []
    parts += [_block(block) for block in document.blocks]
    if document.provenance:
        parts.append(f'<p class="provenance">{html.escape(document.provenance)}</p>')
    fragment = f'<div class="powerbalance">{"".join(parts)}</div>'
    if not page:
        return fragment
    title = html.escape(document.title or "powerbalance")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light">'
        f"<title>{title}</title><style>{STYLESHEET}</style></head>"
        f"<body><main>{fragment}</main></body></html>\n"
    )
