"""An SVG chart of ordered categories: one strip per category, its options listed in it.

The strips are stacked with the best category at the top and the worst at the bottom,
each in a light tint of its colour in an ordered palette (the best darkest), with a
solid bar of that colour at its left edge and its name in bold, so that no meaning
rests on hue alone. Options are written in the strip of their category, wrapping to
further lines; an option with a mark (such as "veto" or "excluded") carries it in
words after its name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from powerbalance._render.palette import INK, MARKER_GREY, rank_colours, tint
from powerbalance._render.svg_parts import CHAR, WIDTH, chart_svg, escape, svg_text

__all__ = ["category_strips"]

#: How much of the category's colour a strip keeps (the rest white): ink reads on it.
STRIP_TINT = 0.18
_LEFT = 8.0
_BAR = 6.0
_INDENT = _LEFT + _BAR + 8.0
_LINE = 18.0
_GAP = 14.0  # between two options on a line


def _lines(items: Sequence[str], room: float) -> list[list[str]]:
    """The items laid out left to right, a new line when the next would not fit."""
    lines: list[list[str]] = [[]]
    used = 0.0
    for item in items:
        size = CHAR * len(item)
        if lines[-1] and used + _GAP + size > room:
            lines.append([])
            used = 0.0
        used += (_GAP if lines[-1] else 0.0) + size
        lines[-1].append(item)
    return lines


def _fit(label: str, room: float) -> str:
    """The label, cut short with an ellipsis if it alone is wider than a line."""
    most = int(room / CHAR)
    return label if len(label) <= most else label[: most - 1] + "\u2026"


def category_strips(
    categories: Sequence[str],
    members: Mapping[str, Sequence[str]],
    *,
    marks: Mapping[str, str] | None = None,
    title: str = "Options by category",
    description: str = "",
) -> str:
    """Strips of ordered categories, best at the top, with the options of each in words.

    ``categories`` are the names, worst first; ``members`` maps each to its options.
    Each strip is a group (``g`` of class ``category``, with ``data-category`` and
    ``data-position``, 0 for the worst) holding a ``rect`` of class ``strip``, the
    category's name and count, and one ``text`` of class ``option`` (with
    ``data-option``) per option, followed by its mark from ``marks`` in brackets. An
    empty category says "none". ``description`` becomes the drawing's ``desc``.

    Examples
    --------
    >>> svg = category_strips(["reject", "recommend"], {"reject": ["B"], "recommend": ["A"]},
    ...                       marks={"B": "veto"})
    >>> svg.count('class="category"'), svg.count('class="option"'), "B (veto)" in svg
    (2, 2, True)
    >>> svg.index('data-category="recommend"') < svg.index('data-category="reject"')
    True
    """
    marks = marks or {}
    colours = rank_colours(len(categories))  # the first (darkest) for the best category
    room = WIDTH - _INDENT - _LEFT
    groups: list[str] = []
    y = 30.0
    for rank, position in enumerate(reversed(range(len(categories)))):
        name = categories[position]
        options = [str(option) for option in members.get(name, ())]
        labels = [f"{o} ({marks[o]})" if o in marks else o for o in options]
        lines = _lines(labels, room) if labels else [[]]
        height = 26.0 + _LINE * len(lines)
        colour = colours[rank]
        count = f"{len(options)} option{'' if len(options) == 1 else 's'}"
        group = [
            f'<rect class="strip" x="{_LEFT}" y="{y:.1f}" width="{WIDTH - 2 * _LEFT:.1f}" '
            f'height="{height:.1f}" fill="{tint(colour, STRIP_TINT)}" stroke="{colour}" '
            f'stroke-width="0.75"/>',
            f'<rect x="{_LEFT}" y="{y:.1f}" width="{_BAR}" height="{height:.1f}" fill="{colour}"/>',
            svg_text(_INDENT, y + 17, name, extra=' font-weight="600"'),
            svg_text(WIDTH - _LEFT - 8, y + 17, count, "end"),
        ]
        line_y = y + 17 + _LINE
        if not options:
            group.append(
                f'<text x="{_INDENT:.1f}" y="{line_y:.1f}" font-size="12" font-style="italic" '
                f'fill="{MARKER_GREY}">none</text>'
            )
        index = 0
        for line in lines:
            x = _INDENT
            for label in line:
                option = options[index]
                index += 1
                shown = _fit(label, room)
                group.append(
                    f'<text class="option" data-option="{escape(option)}" x="{x:.1f}" '
                    f'y="{line_y:.1f}" font-size="12" fill="{INK}"><title>{escape(label)}</title>'
                    f"{escape(shown)}</text>"
                )
                x += CHAR * len(shown) + _GAP
            line_y += _LINE
        groups.append(
            f'<g class="category" data-category="{escape(name)}" data-position="{position}">'
            f"{''.join(group)}</g>"
        )
        y += height + 6.0
    return chart_svg("categories", title, y + 4.0, [], groups, description)
