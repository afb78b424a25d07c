"""Documents as HTML: a fragment to embed, or a styled self-contained page.

A fragment is one ``<div class="powerbalance">`` holding the document, with no style
of its own, so that it takes on the style of the notebook or page it is put in. A page
(``page=True``) wraps that same fragment with the one :data:`STYLESHEET` every result
shares: inline CSS and SVG only, no scripts, nothing fetched, readable when printed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from powerbalance._render.document import Document, Figure, Heading, Notes, Paragraph, Table

__all__ = ["STYLESHEET", "render_html", "table_html"]

STYLESHEET = """
body { margin: 1.5rem; background: #fff; }
.powerbalance { font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  font-size: 15px; line-height: 1.45; color: #222; max-width: 62rem; }
.powerbalance h2 { font-size: 1.35rem; margin: 0 0 0.75rem; }
.powerbalance h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
.powerbalance p { margin: 0.5rem 0; max-width: 48rem; }
.powerbalance table { border-collapse: collapse; margin: 0.5rem 0 1rem;
  font-variant-numeric: tabular-nums; }
.powerbalance caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
.powerbalance th, .powerbalance td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #ddd;
  vertical-align: top; }
.powerbalance th { background: #f4f4f4; }
.powerbalance .num { text-align: right; }
.powerbalance .text { text-align: left; }
.powerbalance figure { margin: 0.5rem 0 1rem; }
.powerbalance figure svg { max-width: 100%; height: auto; }
.powerbalance figcaption { font-size: 13px; color: #444; }
.powerbalance ul { margin: 0.25rem 0 1rem; padding-left: 1.25rem; }
.powerbalance .provenance { color: #555; font-size: 12px; margin-top: 1.5rem; }
@media print {
  body { margin: 0; }
  .powerbalance { max-width: none; font-size: 11pt; }
  .powerbalance table, .powerbalance figure { break-inside: avoid; }
  .powerbalance th { background: none; }
}
"""
"""The style of every result's page (:func:`render_html` with ``page=True``).

Examples
--------
>>> ".powerbalance table" in STYLESHEET
True
"""


def _cells(tag: str, row: Sequence[str], align: str) -> str:
    return "".join(
        f'<{tag} class="{"num" if a == ">" else "text"}">{html.escape(c)}</{tag}>'
        for c, a in zip(row, align, strict=True)
    )


def table_html(table: Table) -> str:
    """An HTML table with a caption; every cell is escaped.

    Examples
    --------
    >>> t = Table("Ranking", ("Option", "Score"), (("A & B", "0.900"),))
    >>> "A &amp; B" in table_html(t)
    True
    """
    align = table.alignment
    caption = f"<caption>{html.escape(table.caption)}</caption>" if table.caption else ""
    body = "".join(f"<tr>{_cells('td', row, align)}</tr>" for row in table.rows)
    return (
        f"<table>{caption}<thead><tr>{_cells('th', table.header, align)}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _figure(figure: Figure) -> str:
    caption = f"<figcaption>{html.escape(figure.caption)}</figcaption>" if figure.caption else ""
    label = html.escape(figure.alternative, quote=True)
    # The drawing is one image to assistive technology, named by its text alternative.
    svg = figure.svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return f"<figure>{svg}{caption}</figure>"


def _block(block: Heading | Paragraph | Table | Figure | Notes) -> str:
    if isinstance(block, Heading):
        return f"<h3>{html.escape(block.text)}</h3>"
    if isinstance(block, Paragraph):
        return f"<p>{html.escape(block.text)}</p>"
    if isinstance(block, Table):
        return table_html(block)
    if isinstance(block, Figure):
        return _figure(block)
    items = "".join(f"<li>{html.escape(item)}</li>" for item in block.items)
    return f"<h3>{html.escape(block.title)}</h3><ul>{items}</ul>"


def render_html(document: Document, *, page: bool = False) -> str:
    """The document as an HTML fragment, or with ``page=True`` as a styled page.

    The page is the fragment inside ``<body>``, after a head with the character set,
    the viewport, the title and :data:`STYLESHEET`.

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
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(document.title)}</title><style>{STYLESHEET}</style></head>"
        f"<body>{fragment}</body></html>\n"
    )
