"""A scatter of points with a frontier line through some of them: value against cost."""

from __future__ import annotations

from collections.abc import Sequence

from powerbalance._render.palette import INK, MARKER_GREY
from powerbalance._render.svg import nice_ticks
from powerbalance._render.svg_parts import (
    WIDTH,
    box_sample,
    chart_svg,
    escape,
    legend_keys,
    line_sample,
    plot_axes,
    svg_text,
)

__all__ = ["frontier_scatter"]

#: The frontier's colour: the first of the palette's, as a single series is drawn.
_FRONTIER = "#0072B2"


def frontier_scatter(
    x: Sequence[float],
    y: Sequence[float],
    names: Sequence[str],
    on_frontier: Sequence[bool],
    *,
    x_label: str,
    y_label: str,
    title: str,
) -> str:
    """Points (one per name) with the frontier drawn through the flagged ones, in x order.

    A point on the frontier is a filled circle of class ``point on``, one off it a
    hollow grey circle of class ``point off``; each carries its name and values in a
    tooltip and is labelled beside it. The frontier is a ``polyline`` of class
    ``frontier``.

    Examples
    --------
    >>> svg = frontier_scatter([1, 2, 3], [1, 3, 2], ["A", "B", "C"], [True, True, False],
    ...                        x_label="cost", y_label="value", title="Value for money")
    >>> svg.count('class="point on"'), svg.count('class="point off"'), 'class="frontier"' in svg
    (2, 1, True)
    """
    xs, ys = [float(v) for v in x], [float(v) for v in y]
    left, top, plot_width, plot_height = 52.0, 34.0, WIDTH - 52.0 - 16.0, 220.0
    x_ticks = nice_ticks(min(0.0, *xs), max(xs))
    y_ticks = nice_ticks(min(ys), max(ys))
    x_of, y_of, parts = plot_axes((left, top, plot_width, plot_height), x_ticks, y_ticks)
    bottom = top + plot_height
    parts.append(svg_text(left + plot_width / 2, bottom + 34, x_label, "middle"))
    middle = top + plot_height / 2
    parts.append(
        svg_text(14, middle, y_label, "middle", f' transform="rotate(-90 14 {middle:.0f})"')
    )
    line = sorted((a, b) for a, b, on in zip(xs, ys, on_frontier, strict=True) if on)
    if line:
        path = " ".join(f"{x_of(a):.1f},{y_of(b):.1f}" for a, b in line)
        parts.append(
            f'<polyline class="frontier" points="{path}" fill="none" stroke="{_FRONTIER}" '
            f'stroke-width="2"/>'
        )
    for a, b, name, on in zip(xs, ys, names, on_frontier, strict=True):
        px, py = x_of(a), y_of(b)
        style = (
            f'fill="{_FRONTIER}" stroke="{INK}"'
            if on
            else f'fill="#FFFFFF" stroke="{MARKER_GREY}" stroke-width="1.5"'
        )
        parts.append(
            f'<circle class="point {"on" if on else "off"}" data-name="{escape(name)}" '
            f'cx="{px:.1f}" cy="{py:.1f}" r="4.5" {style}>'
            f"<title>{escape(name)}: {y_label} {b:.4g}, {x_label} {a:.4g}</title></circle>"
        )
        anchor = "end" if px > left + plot_width * 0.7 else "start"
        shift = -7 if anchor == "end" else 7
        parts.append(svg_text(px + shift, py - 6, name, anchor))
    entries = [
        (line_sample(_FRONTIER, ""), "efficient frontier"),
        (box_sample(_FRONTIER), "efficient"),
        (box_sample("#FFFFFF"), "dominated or extendedly dominated"),
    ]
    legend, last = legend_keys(entries, bottom + 56)
    return chart_svg("scatter", title, last + 10, [], [*parts, legend])
