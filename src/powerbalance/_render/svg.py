"""Small SVG drawings for the HTML renderings: no scripts, fonts and colours inline.

Each drawing carries its own presentation attributes, so it reads the same in a
styled page, a notebook or an e-mail; the text alternative is added by the HTML
renderer from the :class:`~powerbalance._render.document.Figure` that holds it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from powerbalance._render.palette import colours_for

__all__ = ["contribution_bars", "line_chart"]

_FONT = 'font-family="system-ui, sans-serif" font-size="11" fill="#222"'


def contribution_bars(benefit: pd.DataFrame, risk: pd.DataFrame) -> str:
    """Signed stacked bars, one row per option: benefits to the right, risks to the left.

    ``benefit`` and ``risk`` are options x areas on the weighted scale (rows in the
    order to draw). Each segment is an SVG ``rect`` of class ``bar`` carrying the
    option, area, measure and exact value, with a tooltip; a legend of the areas is
    drawn below the bars.

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"Economic": [0.3, 0.1]}, index=["A", "B"])
    >>> r = pd.DataFrame({"Economic": [0.1, 0.2]}, index=["A", "B"])
    >>> svg = contribution_bars(b, r)
    >>> svg.count('class="bar"')
    4
    """
    areas = [str(a) for a in benefit.columns]
    colours = colours_for(areas)
    label_width, half, row, top = 190, 220, 22, 28
    extent = float(max(benefit.sum(axis=1).max(), risk.sum(axis=1).max(), 1e-12))
    scale = half / extent
    centre = label_width + half
    bottom = top + row * len(benefit.index)
    width = label_width + 2 * half + 10
    parts = [
        f'<text x="{centre + 4}" y="12" {_FONT}>benefit &#8594;</text>',
        f'<text x="{centre - 4}" y="12" text-anchor="end" {_FONT}>&#8592; risk</text>',
    ]
    for k, option in enumerate(benefit.index):
        y = top + k * row
        name = html.escape(str(option))
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end" {_FONT}>{name}</text>'
        )
        right = left = 0.0
        for area in areas:
            for measure, value in (
                ("benefit", float(benefit.loc[option, area])),
                ("risk", float(risk.loc[option, area])),
            ):
                size = max(value, 0.0) * scale
                if measure == "benefit":
                    x, right = centre + right, right + size
                else:
                    left += size
                    x = centre - left
                opacity = "1" if measure == "benefit" else "0.55"
                parts.append(
                    f'<rect class="bar" data-option="{name}" data-area="{html.escape(area)}" '
                    f'data-measure="{measure}" data-value="{value!r}" x="{x:.2f}" y="{y + 3}" '
                    f'width="{size:.2f}" height="{row - 6}" fill="{colours[area]}" '
                    f'fill-opacity="{opacity}"><title>{name}, {html.escape(area)} '
                    f"{measure}: {value:.3f}</title></rect>"
                )
    parts.append(
        f'<line x1="{centre}" x2="{centre}" y1="{top - 4}" y2="{bottom + 4}" stroke="#222"/>'
    )
    legend, last = _legend(colours, 10, bottom + 22, width - 10, "(risks lighter, to the left)")
    return _svg("bars", width, last + 12, [*parts, legend])


def _svg(kind: str, width: float, height: float, parts: Sequence[str]) -> str:
    return (
        f'<svg class="{kind}" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">{"".join(parts)}</svg>'
    )


def _legend(
    colours: dict[str, str], x: float, y: float, right: float, note: str = ""
) -> tuple[str, float]:
    """Coloured squares and names from (x, y), wrapping before ``right``; the last line's y."""
    parts = []
    start = x
    entries = [(name, colour) for name, colour in colours.items()]
    for name, colour in entries:
        size = 14 + 6.5 * len(name) + 14
        if x > start and x + size > right:
            x, y = start, y + 16
        parts.append(f'<rect x="{x:.0f}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14:.0f}" y="{y}" {_FONT}>{html.escape(name)}</text>')
        x += size
    if note:
        if x > start and x + 6.5 * len(note) > right:
            x, y = start, y + 16
        parts.append(f'<text x="{x:.0f}" y="{y}" {_FONT}>{html.escape(note)}</text>')
    return "".join(parts), y


def line_chart(
    frame: pd.DataFrame,
    *,
    marker: float | None = None,
    points: Sequence[float] = (),
    x_label: str = "",
    y_label: str = "",
) -> str:
    """One line per column of ``frame`` against its index, with a legend below.

    ``marker`` draws a dashed vertical line (the current value); ``points`` draws
    thin vertical ticks (where something changes). Each line is a ``polyline`` of
    class ``line`` carrying its column's name.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"A": [0.0, 1.0], "B": [1.0, 0.0]}, index=[0.0, 1.0])
    >>> line_chart(frame, marker=0.5).count('class="line"')
    2
    """
    names = [str(c) for c in frame.columns]
    colours = colours_for(names)
    left, top, plot_width, plot_height = 52, 12, 520, 220
    x_values = frame.index.to_numpy(dtype=float)
    y_values = frame.to_numpy(dtype=float)
    x_low, x_high = float(x_values.min()), float(x_values.max())
    y_low, y_high = float(y_values.min()), float(y_values.max())
    if x_high == x_low:
        x_high = x_low + 1.0
    if y_high == y_low:
        y_high = y_low + 1.0

    def x_of(value: float) -> float:
        return left + (value - x_low) / (x_high - x_low) * plot_width

    def y_of(value: float) -> float:
        return top + (y_high - value) / (y_high - y_low) * plot_height

    bottom = top + plot_height
    width = left + plot_width + 20
    parts = [
        f'<rect x="{left}" y="{top}" width="{plot_width}" height="{plot_height}" '
        f'fill="none" stroke="#bbb"/>',
    ]
    for value, anchor in ((x_low, "start"), (x_high, "end")):
        parts.append(
            f'<text x="{x_of(value):.1f}" y="{bottom + 14}" text-anchor="{anchor}" {_FONT}>'
            f"{value:g}</text>"
        )
    for value in (y_low, y_high):
        parts.append(
            f'<text x="{left - 4}" y="{y_of(value) + 4:.1f}" text-anchor="end" {_FONT}>'
            f"{value:.3f}</text>"
        )
    if x_label:
        parts.append(
            f'<text x="{left + plot_width / 2:.0f}" y="{bottom + 14}" text-anchor="middle" '
            f"{_FONT}>{html.escape(x_label)}</text>"
        )
    if y_label:
        parts.append(
            f'<text x="12" y="{top + plot_height / 2:.0f}" text-anchor="middle" '
            f'transform="rotate(-90 12 {top + plot_height / 2:.0f})" {_FONT}>'
            f"{html.escape(y_label)}</text>"
        )
    for point in points:
        parts.append(
            f'<line x1="{x_of(point):.1f}" x2="{x_of(point):.1f}" y1="{top}" y2="{bottom}" '
            f'stroke="#999" stroke-width="0.75"/>'
        )
    if marker is not None:
        parts.append(
            f'<line class="marker" x1="{x_of(marker):.1f}" x2="{x_of(marker):.1f}" y1="{top}" '
            f'y2="{bottom}" stroke="#222" stroke-dasharray="4 3"/>'
        )
    for k, name in enumerate(names):
        path = " ".join(
            f"{x_of(x):.1f},{y_of(y):.1f}" for x, y in zip(x_values, y_values[:, k], strict=True)
        )
        parts.append(
            f'<polyline class="line" data-name="{html.escape(name)}" points="{path}" '
            f'fill="none" stroke="{colours[name]}" stroke-width="1.75">'
            f"<title>{html.escape(name)}</title></polyline>"
        )
    legend, last = _legend(colours, left, bottom + 40, width - 10)
    return _svg("lines", width, last + 12, [*parts, legend])
