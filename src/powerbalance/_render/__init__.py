"""One document model and one renderer per format, for every result.

A result builds a :class:`Document` (title, blocks in reading order, provenance) and
its plain data; :class:`Rendered` turns those into text, Markdown, an HTML fragment or
styled page, and JSON. Numbers are written by :mod:`~powerbalance._render.words`,
areas coloured by :mod:`~powerbalance._render.palette`. Nothing here imports the
rest of the package.

Examples
--------
>>> doc = Document("Ranking", [Table("", ("Option", "Score"), [("A", number(0.9))])])
>>> print(render_text(doc))
Ranking
<BLANKLINE>
Option  Score
------  -----
A       0.900
"""

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
    combine,
)
from powerbalance._render.html import STYLESHEET, render_html
from powerbalance._render.markdown import render_markdown
from powerbalance._render.palette import AREA_COLOURS, colours_for
from powerbalance._render.result import Rendered, plain
from powerbalance._render.text import TEXT_WIDTH, render_text
from powerbalance._render.words import (
    ahead,
    component,
    describe,
    full_name,
    gains_and_losses,
    in_words,
    join_words,
    margin,
    number,
    parameters,
    percent,
    signed,
)

__all__ = [
    "AREA_COLOURS",
    "STYLESHEET",
    "TEXT_WIDTH",
    "Block",
    "Callout",
    "Document",
    "Figure",
    "Footnotes",
    "Heading",
    "Notes",
    "Paragraph",
    "Rendered",
    "Section",
    "Table",
    "ahead",
    "colours_for",
    "combine",
    "component",
    "describe",
    "full_name",
    "gains_and_losses",
    "in_words",
    "join_words",
    "margin",
    "number",
    "parameters",
    "percent",
    "plain",
    "render_html",
    "render_markdown",
    "render_text",
    "signed",
]
