"""Documents as plain text: aligned tables, wrapped prose, at most :data:`TEXT_WIDTH` wide."""

from __future__ import annotations

import textwrap
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
    without_figures,
)

__all__ = ["TEXT_WIDTH", "render_text", "table_text"]

#: The width the text rendering keeps to.
TEXT_WIDTH = 100

_GAP = "  "


def _widths(table: Table) -> list[int]:
    columns = zip(table.header, *table.rows, strict=True)
    return [max(len(cell) for cell in column) for column in columns]


def _lines(table: Table, columns: Sequence[int], widths: Sequence[int], caption: str) -> list[str]:
    align = table.alignment

    def line(cells: Sequence[str]) -> str:
        parts = [
            cells[k].ljust(widths[k]) if align[k] == "<" else cells[k].rjust(widths[k])
            for k in columns
        ]
        return _GAP.join(parts).rstrip()

    lines = [caption] if caption else []
    lines += [line(table.header), line(["-" * w for w in widths])]
    lines += [line(row) for row in table.rows]
    return lines


def table_text(table: Table, width: int = TEXT_WIDTH) -> str:
    """A table as aligned columns under its caption, split to fit ``width``.

    When the columns do not fit side by side they are shown in several parts, the
    first column repeated in each, as pandas does with a wide frame.

    Examples
    --------
    >>> t = Table("Ranking", ("Option", "Score"), (("A", "0.900"), ("B", "0.100")))
    >>> print(table_text(t))
    Ranking
    Option  Score
    ------  -----
    A       0.900
    B       0.100
    """
    widths = _widths(table)
    parts: list[list[int]] = []
    current = [0]
    used = widths[0]
    for k in range(1, len(widths)):
        if len(current) > 1 and used + len(_GAP) + widths[k] > width:
            parts.append(current)
            current, used = [0], widths[0]
        current.append(k)
        used += len(_GAP) + widths[k]
    parts.append(current)
    blocks = []
    for number, columns in enumerate(parts):
        caption = table.caption
        if len(parts) > 1 and caption:
            caption += f" (part {number + 1} of {len(parts)})"
        blocks.append("\n".join(_lines(table, columns, widths, caption)))
    return "\n\n".join(blocks)


def _fill(text: str, width: int, first: str = "", rest: str = "") -> str:
    return textwrap.fill(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


def _block(block: Block, width: int) -> list[str]:
    """The parts (separated by blank lines) that one block is written as."""
    if isinstance(block, (Heading, Paragraph)):
        return [_fill(block.text, width)]
    if isinstance(block, Table):
        return [table_text(block, width)]
    if isinstance(block, Notes):
        items = [_fill(item, width, "- ", "    ") for item in block.items]
        return ["\n".join([_fill(block.title, width), *items] if block.title else items)]
    if isinstance(block, Callout):
        lead = f"{block.title}: " if block.title else ""
        return [_fill(lead + block.text, width)]
    if isinstance(block, Footnotes):
        notes = [_fill(f"[{n}] {item}", width, "", "    ") for n, item in block.numbered]
        return ["\n".join([_fill(block.title, width), *notes] if block.title else notes)]
    if isinstance(block, Section):
        parts = [_fill(block.heading, width)]
        for inner in block.blocks:
            parts += _block(inner, width)
        return parts
    if isinstance(block, Figure):
        return []
    raise TypeError(f"render_text cannot write a {type(block).__name__}")


def render_text(document: Document, width: int = TEXT_WIDTH) -> str:
    """The document as plain text: title, blocks, provenance, separated by blank lines.

    Figures are left out: their numbers are in the document's tables. A callout's
    title leads its text; footnotes are numbered ``[1]``, ``[2]``, ...

    Examples
    --------
    >>> doc = Document("Title", [Notes("Scales", ["X: worst 0, best 10."])])
    >>> print(render_text(doc))
    Title
    <BLANKLINE>
    Scales
    - X: worst 0, best 10.
    >>> print(render_text(Document("", [Callout("disclaimer", "Illustrative.", "Disclaimer")])))
    Disclaimer: Illustrative.
    """
    parts = [_fill(document.title, width)] if document.title else []
    for block in without_figures(document.blocks):
        parts += _block(block, width)
    if document.provenance:
        parts.append(_fill(document.provenance, width))
    return "\n\n".join(parts)
