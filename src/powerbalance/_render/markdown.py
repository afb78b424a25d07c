"""Documents as Markdown: a level-2 title, level-3 headings, pipe tables."""

from __future__ import annotations

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


def _block(block: Block) -> list[str]:
    """The parts (separated by blank lines) that one block is written as."""
    if isinstance(block, Heading):
        return [f"### {block.text}"]
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Table):
        return [table_markdown(block)]
    if isinstance(block, Notes):
        title = [f"**{block.title}**", ""] if block.title else []
        return ["\n".join([*title, *(f"- {i}" for i in block.items)])]
    if isinstance(block, Callout):
        lead = f"**{block.title}:** " if block.title else ""
        return [f"> {lead}{block.text}"]
    if isinstance(block, Footnotes):
        title = [f"**{block.title}**", ""] if block.title else []
        return ["\n".join([*title, *(f"{n}. {item}" for n, item in block.numbered)])]
    if isinstance(block, Section):
        parts = [f"### {block.heading}"]
        for inner in block.blocks:
            parts += _block(inner)
        return parts
    if isinstance(block, Figure):
        return []
    raise TypeError(f"render_markdown cannot write a {type(block).__name__}")


def render_markdown(document: Document) -> str:
    """The document as Markdown; figures are left out (their numbers are in tables).

    A callout is a block quote led by its title in bold; footnotes are a numbered list.

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
    >>> print(render_markdown(Document("", [Callout("disclaimer", "Illustrative.", "Note")])))
    > **Note:** Illustrative.
    """
    parts = [f"## {document.title}"] if document.title else []
    for block in without_figures(document.blocks):
        parts += _block(block)
    if document.provenance:
        parts.append(f"*{document.provenance}*")
    return "\n\n".join(parts)
