"""Plain tables rendered as aligned text, Markdown or HTML; cells arrive already formatted."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import attrs

__all__ = ["Table", "join_words", "number", "signed"]


def number(value: float, digits: int = 3) -> str:
    """A number with a fixed count of decimals, as every rendering shows it.

    Examples
    --------
    >>> number(0.12345)
    '0.123'
    """
    return f"{value:.{digits}f}"


def signed(value: float, digits: int = 3) -> str:
    """A number with an explicit sign, for differences and net values.

    Examples
    --------
    >>> signed(0.5), signed(-0.25, 2)
    ('+0.500', '-0.25')
    """
    text = f"{value:+.{digits}f}"
    # "-0.000" would suggest a loss that rounding created.
    return text.replace("-", "+", 1) if float(text) == 0 else text


def _to_cells(cells: Iterable[str]) -> tuple[str, ...]:
    return tuple(cells)


def _to_rows(rows: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in rows)


def join_words(items: Sequence[str]) -> str:
    """Join phrases as in prose: "a", "a and b", "a, b and c".

    Examples
    --------
    >>> join_words(["Economic", "Security", "Diplomacy"])
    'Economic, Security and Diplomacy'
    """
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@attrs.frozen
class Table:
    """A titled table of text cells with a per-column alignment ("<" left, ">" right).

    Examples
    --------
    >>> t = Table("Ranking", ("Option", "Score"), (("A", "0.900"), ("B", "0.100")), "<>")
    >>> print(t.to_text())
    Ranking
    Option  Score
    ------  -----
    A       0.900
    B       0.100
    """

    title: str
    header: tuple[str, ...] = attrs.field(converter=_to_cells)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_to_rows)
    align: str = ""

    def _alignment(self) -> str:
        return self.align or "<" + ">" * (len(self.header) - 1)

    def to_text(self) -> str:
        """Aligned columns under a title, separated by two spaces."""
        widths = [
            max(len(cell) for cell in column)
            for column in zip(self.header, *self.rows, strict=True)
        ]
        align = self._alignment()

        def line(cells: Sequence[str]) -> str:
            parts = [
                cell.ljust(width) if a == "<" else cell.rjust(width)
                for cell, width, a in zip(cells, widths, align, strict=True)
            ]
            return "  ".join(parts).rstrip()

        lines = [self.title] if self.title else []
        lines += [line(self.header), line(["-" * w for w in widths])]
        lines += [line(row) for row in self.rows]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """A pipe table under a bold title; pipes inside cells are escaped."""

        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

        rule = ["---:" if a == ">" else ":---" for a in self._alignment()]
        lines = [f"**{self.title}**", ""] if self.title else []
        lines += [line(self.header), "|" + "|".join(rule) + "|"]
        lines += [line(row) for row in self.rows]
        return "\n".join(lines)

    def to_html(self) -> str:
        """An HTML table with a caption; every cell is escaped."""
        align = self._alignment()

        def cells(tag: str, row: Sequence[str]) -> str:
            return "".join(
                f'<{tag} class="{"num" if a == ">" else "text"}">{html.escape(c)}</{tag}>'
                for c, a in zip(row, align, strict=True)
            )

        body = "".join(f"<tr>{cells('td', row)}</tr>" for row in self.rows)
        caption = f"<caption>{html.escape(self.title)}</caption>" if self.title else ""
        return (
            f'<table class="powerbalance">{caption}<thead><tr>{cells("th", self.header)}'
            f"</tr></thead><tbody>{body}</tbody></table>"
        )
