"""Documents as Markdown: a level-2 title, level-3 headings, pipe tables."""

from __future__ import annotations

from collections.abc import Sequence

from powerbalance._render.document import (
    Document,
    Heading,
    Notes,
    Paragraph,
    Table,
    without_figures,
)

__all__ = ["render_markdown", "table_markdown"]


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def table_markdown(table: Table) -> str:
    """A pipe table under its caption in bold; pipes inside cells are escaped.

    Examples
    --------
    >>> t = Table("Ranking", ("Option", "Score"), (("A", "0.900"),))
    >>> print(table_markdown(t))
    **Ranking**
    <BLANKLINE>
    | Option | Score |
    |:---|---:|
    | A | 0.900 |
    """

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(_escape(c) for c in cells) + " |"

    rule = ["---:" if a == ">" else ":---" for a in table.alignment]
    lines = [f"**{table.caption}**", ""] if table.caption else []
    lines += [line(table.header), "|" + "|".join(rule) + "|"]
    lines += [line(row) for row in table.rows]
    return "\n".join(lines)


def render_markdown(document: Document) -> str:
    """The document as Markdown; figures are left out (their numbers are in tables).

    Examples
    --------
    >>> doc = Document("Title", [Heading("Part"), Paragraph("Text.")], "Made by hand.")
    >>> print(render_markdown(doc))
    ## Title
    <BLANKLINE>
    ### Part
    <BLANKLINE>
    Text.
    <BLANKLINE>
    *Made by hand.*
    """
    parts = [f"## {document.title}"] if document.title else []
    for block in without_figures(document.blocks):
        if isinstance(block, Heading):
            parts.append(f"### {block.text}")
        elif isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts.append(table_markdown(block))
        elif isinstance(block, Notes):
            parts.append("\n".join([f"**{block.title}**", "", *(f"- {i}" for i in block.items)]))
    if document.provenance:
        parts.append(f"*{document.provenance}*")
    return "\n\n".join(parts)
