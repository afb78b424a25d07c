"""The document every result builds: a title, blocks in reading order, and provenance.

A result says *what* to show (these sentences, this table with these cells already
written as text, this figure); the renderers of :mod:`~powerbalance._render.text`,
:mod:`~powerbalance._render.markdown` and :mod:`~powerbalance._render.html` say *how*.
So every result gets every format, and one page style, from one description.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeAlias

import attrs

__all__ = [
    "Block",
    "Callout",
    "Document",
    "Figure",
    "Footnotes",
    "Heading",
    "Notes",
    "Paragraph",
    "Section",
    "Table",
    "combine",
    "without_figures",
]


def _to_cells(cells: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(cell) for cell in cells)


def _to_rows(rows: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(_to_cells(row) for row in rows)


def _to_texts(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class Heading:
    """A section heading inside a document.

    Examples
    --------
    >>> Heading("Benefits and risks by area").text
    'Benefits and risks by area'
    """

    text: str


@attrs.frozen
class Paragraph:
    """A paragraph of prose; text renderers wrap it.

    Examples
    --------
    >>> Paragraph("Targeted cooperation ranks first.").text
    'Targeted cooperation ranks first.'
    """

    text: str


@attrs.frozen
class Table:
    """A captioned table of text cells with a per-column alignment ("<" left, ">" right).

    Cells arrive already written (numbers formatted by :mod:`~powerbalance._render.words`);
    an empty ``align`` puts the first column left and the others right.

    Examples
    --------
    >>> t = Table("Ranking", ("Option", "Score"), (("A", "0.900"), ("B", "0.100")), "<>")
    >>> t.alignment, len(t.rows)
    ('<>', 2)
    """

    caption: str
    header: tuple[str, ...] = attrs.field(converter=_to_cells)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_to_rows)
    align: str = ""

    @property
    def alignment(self) -> str:
        """One of "<" or ">" per column."""
        return self.align or "<" + ">" * (len(self.header) - 1)


@attrs.frozen
class Figure:
    """An inline SVG drawing with a text alternative and an optional caption.

    Only HTML shows the drawing; the text alternative (read aloud, and shown where
    images are not) must say what it shows. The numbers it draws are always in a
    table of the same document too, so the text and Markdown renderings leave it out.

    Examples
    --------
    >>> f = Figure('<svg xmlns="http://www.w3.org/2000/svg"></svg>', "Nothing drawn")
    >>> f.alternative
    'Nothing drawn'
    """

    svg: str
    alternative: str
    caption: str = ""


@attrs.frozen
class Notes:
    """A titled list of short notes (scales, caveats, the meaning of columns).

    Examples
    --------
    >>> Notes("Scales", ["Trade: worst 0, best 10."]).items
    ('Trade: worst 0, best 10.',)
    """

    title: str
    items: tuple[str, ...] = attrs.field(converter=_to_texts)


@attrs.frozen
class Callout:
    """A short text set apart, to be read before what follows: a disclaimer, a bottom line.

    ``kind`` names what it is (``"disclaimer"``, ``"bottom-line"``); the HTML renderer
    gives it the classes ``callout`` and ``kind``, so a page style can tell them apart.
    ``title`` leads the text in bold where the format allows.

    Examples
    --------
    >>> c = Callout("disclaimer", "Illustrative scores only.", "Disclaimer")
    >>> c.kind, c.title
    ('disclaimer', 'Disclaimer')
    """

    kind: str
    text: str
    title: str = ""


@attrs.frozen
class Footnotes:
    """A titled, numbered list of notes that marks such as ``[3]`` elsewhere refer to.

    The notes are numbered from ``start`` in order.

    Examples
    --------
    >>> notes = Footnotes("Notes on the scores", ["A: a judgement.", "B: measured."])
    >>> [(number, text[:2]) for number, text in notes.numbered]
    [(1, 'A:'), (2, 'B:')]
    """

    title: str
    items: tuple[str, ...] = attrs.field(converter=_to_texts)
    start: int = 1

    @property
    def numbered(self) -> list[tuple[int, str]]:
        """Each note with its number."""
        return list(enumerate(self.items, start=self.start))


def _to_blocks(blocks: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(blocks)


@attrs.frozen
class Section:
    """A heading and the blocks under it, kept together (an HTML ``<section>``).

    Examples
    --------
    >>> s = Section("Ranking", [Paragraph("A leads.")])
    >>> s.heading, [type(b).__name__ for b in s.blocks]
    ('Ranking', ['Paragraph'])
    """

    heading: str
    blocks: tuple[Block, ...] = attrs.field(converter=_to_blocks)


Block: TypeAlias = Heading | Paragraph | Table | Figure | Notes | Callout | Footnotes | Section
"""What a document is made of."""


@attrs.frozen
class Document:
    """A result's content: a title, blocks in reading order, and a provenance line.

    Examples
    --------
    >>> from powerbalance._render.text import render_text
    >>> doc = Document("Example", [Paragraph("A leads.")], provenance="By hand.")
    >>> print(render_text(doc))
    Example
    <BLANKLINE>
    A leads.
    <BLANKLINE>
    By hand.
    """

    title: str
    blocks: tuple[Block, ...] = attrs.field(converter=_to_blocks)
    provenance: str = ""


def combine(title: str, documents: Sequence[Document]) -> Document:
    """One document holding several, each under its own title as a heading.

    The provenance lines are kept, in order, as the combined provenance.

    Examples
    --------
    >>> first = Document("One", [Paragraph("a")], "p1")
    >>> second = Document("Two", [Paragraph("b")], "p2")
    >>> combined = combine("Both", [first, second])
    >>> [type(b).__name__ for b in combined.blocks], combined.provenance
    (['Heading', 'Paragraph', 'Heading', 'Paragraph'], 'p1 p2')
    """
    blocks: list[Block] = []
    for document in documents:
        blocks += [Heading(document.title), *document.blocks]
    provenance = " ".join(d.provenance for d in documents if d.provenance)
    return Document(title, blocks, provenance)


def without_figures(blocks: Sequence[Block]) -> list[Block]:
    """The blocks a format without images shows: no figures, no heading left empty.

    A heading whose section (up to the next heading) holds only figures goes too, and
    so does a :class:`Section` left with no blocks.

    Examples
    --------
    >>> blocks = [Heading("Bars"), Figure("<svg></svg>", "bars"), Heading("Note"), Paragraph("x")]
    >>> [type(b).__name__ for b in without_figures(blocks)]
    ['Heading', 'Paragraph']
    >>> without_figures([Section("Bars", [Figure("<svg></svg>", "bars")])])
    []
    """
    kept: list[Block] = []
    pending: Heading | None = None
    for block in blocks:
        if isinstance(block, Figure):
            continue
        if isinstance(block, Section):
            inner = without_figures(block.blocks)
            if not inner:
                continue
            block = Section(block.heading, inner)
        if isinstance(block, Heading):
            pending = block
            continue
        if pending is not None:
            kept.append(pending)
            pending = None
        kept.append(block)
    return kept
