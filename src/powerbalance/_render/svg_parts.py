"""The pieces every SVG chart is drawn with: its frame, its text, its legend.

A chart has a ``viewBox`` :data:`WIDTH` units wide and no fixed size: it scales down
to the width of a phone, and no further up than :data:`MOST` times that width, at
which its text stays the size of the page's. Text is 12 units high, so a chart shown
at 390 px draws it at no less than 9 px. Every piece carries its own presentation
attributes (no stylesheet, no script), so a chart reads the same in a styled page, a
notebook or an e-mail.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from powerbalance._render.palette import INK

__all__ = [
    "CHAR",
    "GRID",
    "MARKER_DASH",
    "WIDTH",
    "Sample",
    "box_sample",
    "chart_svg",
    "escape",
    "legend_keys",
    "line_sample",
    "svg_text",
    "tick_label",
]

_FONT = 'font-family="system-ui, -apple-system, &quot;Segoe UI&quot;, sans-serif"'
_TEXT = f'font-size="12" fill="{INK}"'
#: Grid lines stay behind the data; they carry no meaning of their own.
GRID = "#D6D6D6"
#: The drawing's width in SVG units, and how far a page may enlarge it.
WIDTH = 420
MOST = 1.4
#: A conservative average width of a 12-unit character, for fitting text.
CHAR = 6.8
#: The current value's line: grey and dotted, apart from every series.
MARKER_DASH = "1.5 3"


def escape(text: str) -> str:
    """``text`` made safe inside an SVG element or attribute.

    Examples
    --------
    >>> escape('A & "B"')
    'A &amp; &quot;B&quot;'
    """
    return html.escape(text, quote=True)


def tick_label(value: float, ticks: Sequence[float]) -> str:
    """A tick's value with as many decimals as the step needs; risks' side unsigned.

    Examples
    --------
    >>> tick_label(0.2, [0.0, 0.2, 0.4]), tick_label(-0.25, [0.0, 0.25])
    ('0.2', '0.25')
    """
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    decimals = len(f"{step:.6f}".rstrip("0").partition(".")[2])
    return f"{abs(value):.{decimals}f}"


def svg_text(x: float, y: float, content: str, anchor: str = "start", extra: str = "") -> str:
    """A line of chart text (12 units, in ink) with its baseline at ``y``.

    ``extra`` holds further attributes, each with a leading space.

    Examples
    --------
    >>> svg_text(8, 20, "A & B", extra=' font-weight="600"')[:48]
    '<text x="8.0" y="20.0" text-anchor="start" font-'
    """
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {_TEXT}{extra}>'
        f"{escape(content)}</text>"
    )


def chart_svg(
    kind: str,
    title: str,
    height: float,
    defs: Sequence[str],
    parts: Sequence[str],
    description: str = "",
) -> str:
    """A whole chart: its frame, title, optional ``desc``, definitions and parts.

    The drawing has the classes ``chart`` and ``kind``.

    Examples
    --------
    >>> chart_svg("bars", "Title", 40, [], [])[:40]
    '<svg class="chart bars" xmlns="http://ww'
    """
    definitions = f"<defs>{''.join(defs)}</defs>" if defs else ""
    desc = f"<desc>{escape(description)}</desc>" if description else ""
    return (
        f'<svg class="chart {kind}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
        f'style="max-width:{WIDTH * MOST:.0f}px;height:auto" {_FONT}>'
        f"<title>{escape(title)}</title>{desc}{definitions}"
        f'<text class="title" x="8" y="18" font-size="14" font-weight="600" fill="{INK}">'
        f"{escape(title)}</text>{''.join(parts)}</svg>"
    )


Sample = Callable[[float, float], str]
"""Draws a legend key's sample with its left edge at x, on the text baseline y."""


def legend_keys(entries: Sequence[tuple[Sample, str]], y: float) -> tuple[str, float]:
    """Keys (a drawn sample and its name) from the left, wrapping at the chart's edge.

    Returns the legend and the baseline of its last line.

    Examples
    --------
    >>> keys, last = legend_keys([(box_sample("#0072B2"), "Economic")], 40.0)
    >>> keys.count("<rect"), last
    (1, 40.0)
    """
    parts: list[str] = []
    x = left = 8.0
    for sample, name in entries:
        size = 20 + CHAR * len(name) + 14
        if x > left and x + size > WIDTH - 8:
            x, y = left, y + 18
        parts.append(sample(x, y))
        parts.append(svg_text(x + 20, y, name))
        x += size
    return "".join(parts), y


def box_sample(fill: str) -> Sample:
    """A legend key's sample: a small box filled with ``fill`` (a colour or a pattern).

    Examples
    --------
    >>> box_sample("#0072B2")(8, 20)[:5]
    '<rect'
    """

    def draw(x: float, y: float) -> str:
        return (
            f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="14" height="12" fill="{fill}" '
            f'stroke="{INK}" stroke-width="0.75"/>'
        )

    return draw


def line_sample(colour: str, dash: str, width: float = 2.5) -> Sample:
    """A legend key's sample: a short line in ``colour``, dashed as ``dash`` (empty: solid).

    Examples
    --------
    >>> line_sample("#767676", "1.5 3", 1.5)(8, 20)[:5]
    '<line'
    """
    dashes = f' stroke-dasharray="{dash}"' if dash else ""

    def draw(x: float, y: float) -> str:
        return (
            f'<line x1="{x:.1f}" x2="{x + 16:.1f}" y1="{y - 4:.1f}" y2="{y - 4:.1f}" '
            f'stroke="{colour}" stroke-width="{width}"{dashes}/>'
        )

    return draw


def plot_axes(
    box: tuple[float, float, float, float], x_ticks: Sequence[float], y_ticks: Sequence[float]
) -> tuple[Callable[[float], float], Callable[[float], float], list[str]]:
    """Scales and axes of a plot area ``box`` (left, top, width, height) spanning the ticks.

    Returns the functions from data to x and y pixels, and the parts drawn: a grid
    line and label per y tick, a tick mark and label per x tick, and the axis lines.

    Examples
    --------
    >>> x_of, y_of, parts = plot_axes((50.0, 30.0, 200.0, 100.0), [0.0, 1.0], [0.0, 2.0])
    >>> x_of(0.5), y_of(2.0), len(parts)
    (150.0, 30.0, 9)
    """
    left, top, plot_width, plot_height = box
    x_low, x_high, y_low, y_high = x_ticks[0], x_ticks[-1], y_ticks[0], y_ticks[-1]

    def x_of(value: float) -> float:
        return left + (value - x_low) / (x_high - x_low) * plot_width

    def y_of(value: float) -> float:
        return top + (y_high - value) / (y_high - y_low) * plot_height

    bottom = top + plot_height
    parts: list[str] = []
    for value in y_ticks:
        at = y_of(value)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_width}" y1="{at:.1f}" y2="{at:.1f}" '
            f'stroke="{GRID}" stroke-width="0.75"/>'
        )
        parts.append(svg_text(left - 6, at + 4, tick_label(value, y_ticks), "end"))
    for value in x_ticks:
        at = x_of(value)
        parts.append(
            f'<line x1="{at:.1f}" x2="{at:.1f}" y1="{bottom}" y2="{bottom + 4}" stroke="{INK}"/>'
        )
        parts.append(svg_text(at, bottom + 16, tick_label(value, x_ticks), "middle"))
    parts.append(
        f'<path class="axis" d="M{left} {top}V{bottom}H{left + plot_width}" fill="none" '
        f'stroke="{INK}"/>'
    )
    return x_of, y_of, parts
