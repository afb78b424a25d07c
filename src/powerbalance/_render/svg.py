"""Small SVG charts for the HTML renderings: no scripts, fonts and colours inline.

Each chart carries its own presentation attributes, so it reads the same in a styled
page, a notebook or an e-mail. It has a title, an axis with labelled values and a
legend; what a bar measures is told by its pattern as well as by its side of zero,
lines differ in dash as well as in colour, and ranks follow one another along a bar
in a palette ordered from dark to light, so no meaning rests on hue alone.
A chart has a ``viewBox`` and no fixed size: it scales down to the width of a phone,
and no further up than a size at which its text stays the size of the page's. The
text alternative and the role of image are added by the HTML renderer from the
:class:`~powerbalance._render.document.Figure` that holds the chart.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import pandas as pd

from powerbalance._render.palette import (
    INK,
    LINE_DASHES,
    MARKER_GREY,
    MEASURE_HATCHES,
    colours_for,
    rank_colours,
    text_on,
)
from powerbalance._render.svg_parts import (
    CHAR,
    GRID,
    MARKER_DASH,
    WIDTH,
    box_sample,
    chart_svg,
    escape,
    legend_keys,
    line_sample,
    plot_axes,
    svg_text,
    tick_label,
)
from powerbalance._render.words import percent

__all__ = ["acceptability_bars", "contribution_bars", "line_chart", "nice_ticks"]

_DASHES = tuple(" ".join(f"{step:g}" for step in dash) for dash in LINE_DASHES)


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round values from at or below ``low`` to at or above ``high``, at most ``most`` of them.

    The step is 1, 2, 2.5 or 5 times a power of ten.

    Examples
    --------
    >>> nice_ticks(0.0, 0.37)
    [0.0, 0.1, 0.2, 0.3, 0.4]
    >>> nice_ticks(0.12, 0.61, most=4)
    [0.0, 0.25, 0.5, 0.75]
    >>> nice_ticks(0.5, 0.5 + 1e-15)
    [0.5, 0.75, 1.0, 1.25, 1.5]
    """
    # A span lost in rounding (values equal but for the last digits) would give one tick
    # repeated, and a scale of zero width: it is widened like an empty one.
    if not high - low > 1e-9 * max(1.0, abs(low), abs(high)):
        high = low + 1.0
    span = high - low
    for power in range(math.floor(math.log10(span / most)), math.ceil(math.log10(span)) + 2):
        for factor in (1.0, 2.0, 2.5, 5.0):
            step = factor * 10.0**power
            first = math.floor(low / step + 1e-9)
            last = math.ceil(high / step - 1e-9)
            if last - first + 1 <= most:
                return [round(k * step, 12) for k in range(first, last + 1)]
    return [low, high]


def _pattern_id(measure: str, colour: str) -> str:
    return f"pb-{measure}-{colour.lstrip('#').upper()}"


def _pattern(measure: str, colour: str) -> str:
    """Stripes (risk) or a cross-hatch (cost) in black or white over ``colour``.

    The id is made of the measure and the colour alone, so two charts on one page
    that define it define the same pattern.
    """
    stripe = text_on(colour)
    lines = f'<line x1="0" y1="0" x2="0" y2="6" stroke="{stripe}" stroke-width="1.5"/>'
    if measure == "cost":
        lines += f'<line x1="0" y1="0" x2="6" y2="0" stroke="{stripe}" stroke-width="1.5"/>'
    return (
        f'<pattern id="{_pattern_id(measure, colour)}" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{colour}"/>{lines}</pattern>'
    )


def _fill(measure: str, colour: str) -> str:
    return colour if not MEASURE_HATCHES[measure] else f"url(#{_pattern_id(measure, colour)})"


def _diamond(x: float, middle: float) -> str:
    return f"M{x:.1f} {middle - 6:.1f}l5 6l-5 6l-5 -6z"


def _net_sample(x: float, y: float) -> str:
    return f'<path d="{_diamond(x + 7, y - 4)}" fill="{INK}"/>'


def contribution_bars(
    benefit: pd.DataFrame,
    risk: pd.DataFrame,
    cost: pd.DataFrame | None = None,
    *,
    title: str = "",
) -> str:
    """Signed stacked bars, one per option: benefits to the right, risks (and costs) left.

    ``benefit``, ``risk`` and ``cost`` are options x areas on the weighted scale (rows
    in the order to draw). Each segment is an SVG ``rect`` of class ``bar`` carrying
    the option, area, measure and exact value, with a tooltip, filled in its area's
    colour: solid for a benefit, striped for a risk, cross-hatched for a cost. Every
    option's name (wrapped when long) stands above its bar with its net value; the
    totals are written at the ends of the bar and a diamond marks the net. An axis
    with labelled values runs below, then a legend of the areas and the patterns.

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"Economic": [0.3, 0.1]}, index=["A", "B"])
    >>> r = pd.DataFrame({"Economic": [0.1, 0.2]}, index=["A", "B"])
    >>> svg = contribution_bars(b, r)
    >>> svg.count('class="bar"'), 'fill="url(#pb-risk-0072B2)"' in svg
    (4, True)
    """
    measures: list[tuple[str, pd.DataFrame]] = [("benefit", benefit), ("risk", risk)]
    if cost is not None:
        measures.append(("cost", cost))
    if not title:
        what = "benefit, risk and cost" if cost is not None else "benefit and risk"
        title = f"Weighted {what} by area"
    areas = [str(a) for a in benefit.columns]
    colours = colours_for(areas)
    totals = {m: frame.clip(lower=0).sum(axis=1) for m, frame in measures}
    left_total = sum(
        (totals[m] for m, _ in measures if m != "benefit"), pd.Series(0.0, index=benefit.index)
    )
    extent = float(max(totals["benefit"].max(), left_total.max(), 1e-12))
    # The axis ends at the longest bar; its ticks are the round values within it.
    ticks = [t for t in nice_ticks(0.0, extent, most=5) if t <= extent * (1 + 1e-9)]
    room = 46.0  # for the total written beyond each end of the bar
    half = (WIDTH - 16 - 2 * room) / 2
    centre = WIDTH / 2
    scale = half / extent
    parts: list[str] = [
        svg_text(centre - 6, 40, "\u2190 risk" if cost is None else "\u2190 risk, cost", "end"),
        svg_text(centre + 6, 40, "benefit \u2192"),
    ]
    bars: list[str] = []
    y = 50.0
    for option in benefit.index:
        name = str(option)
        net = float(totals["benefit"][option] - left_total[option])
        lines = textwrap.wrap(name, int((WIDTH - 96) / CHAR), break_long_words=True) or [""]
        for k, line in enumerate(lines):
            y += 15
            weight = ' font-weight="600"' if k == 0 else ""
            bars.append(svg_text(8, y, line, extra=weight))
        bars.append(svg_text(WIDTH - 8, y - 15 * (len(lines) - 1), f"net {net:+.3f}", "end"))
        top = y + 5
        right = left = 0.0
        for measure, frame in measures:
            for area in areas:
                value = float(frame.loc[option, area])
                size = max(value, 0.0) * scale
                if measure == "benefit":
                    x, right = centre + right, right + size
                else:
                    left += size
                    x = centre - left
                label = f"{name}, {area} {measure}: {value:.3f}"
                bars.append(
                    f'<rect class="bar" data-option="{escape(name)}" '
                    f'data-area="{escape(area)}" data-measure="{measure}" '
                    f'data-value="{value!r}" x="{x:.2f}" y="{top:.1f}" width="{size:.2f}" '
                    f'height="16" fill="{_fill(measure, colours[area])}" stroke="{INK}" '
                    f'stroke-width="0.5"><title>{escape(label)}</title></rect>'
                )
        bars.append(svg_text(centre + right + 4, top + 12, f"{right / scale:.3f}"))
        bars.append(svg_text(centre - left - 4, top + 12, f"{left / scale:.3f}", "end"))
        middle, at = top + 8, centre + net * scale
        bars.append(
            f'<path class="net" d="{_diamond(at, middle)}" fill="{INK}" '
            f'stroke="#FFFFFF" stroke-width="1"><title>{escape(name)}, net: '
            f"{net:+.3f}</title></path>"
        )
        y = top + 16 + 6
    axis = y + 6
    for tick in ticks:
        for side in (1, -1) if tick else (1,):
            x = centre + side * tick * scale
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="46" y2="{axis:.1f}" stroke="{GRID}" '
                f'stroke-width="0.75"/>'
            )
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis:.1f}" y2="{axis + 4:.1f}" '
                f'stroke="{INK}"/>'
            )
            parts.append(svg_text(x, axis + 16, tick_label(tick, ticks), "middle"))
    parts += bars
    parts.append(
        f'<line x1="{centre}" x2="{centre}" y1="46" y2="{axis:.1f}" stroke="{INK}" '
        f'stroke-width="1.25"/>'
    )
    parts.append(
        f'<line class="axis" x1="{centre - half:.1f}" x2="{centre + half:.1f}" '
        f'y1="{axis:.1f}" y2="{axis:.1f}" stroke="{INK}"/>'
    )
    what = "risk and cost" if cost is not None else "risk"
    parts.append(
        svg_text(centre, axis + 32, f"weighted {what} (left) and benefit (right)", "middle")
    )
    entries = [(box_sample(colours[area]), area) for area in areas]
    entries += [(box_sample(_fill(m, MARKER_GREY)), m) for m, _ in measures]
    entries.append((_net_sample, f"net (benefit minus {what})"))
    legend, last = legend_keys(entries, axis + 54)
    defs = [_pattern(m, colours[a]) for m, _ in measures if MEASURE_HATCHES[m] for a in areas]
    defs += [_pattern(m, MARKER_GREY) for m, _ in measures if MEASURE_HATCHES[m]]
    return chart_svg("bars", title, last + 10, defs, [*parts, legend])


def line_chart(
    frame: pd.DataFrame,
    *,
    marker: float | None = None,
    points: Sequence[float] = (),
    x_label: str = "",
    y_label: str = "",
    title: str = "",
) -> str:
    """One line per column of ``frame`` against its index, with axes and a legend below.

    ``marker`` draws a dashed vertical line (the current value); ``points`` draws
    thin vertical lines (where something changes). Each line is a ``polyline`` of
    class ``line`` carrying its column's name, in its own colour and dash. Without a
    ``title`` the chart is titled from the axis labels.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"A": [0.0, 1.0], "B": [1.0, 0.0]}, index=[0.0, 1.0])
    >>> line_chart(frame, marker=0.5).count('class="line"')
    2
    """
    names = [str(c) for c in frame.columns]
    colours = colours_for(names)
    dashes = {name: _DASHES[k % len(_DASHES)] for k, name in enumerate(names)}
    if not title:
        title = f"{y_label[:1].upper()}{y_label[1:]} against {x_label}" if y_label else "Lines"
    left, top, plot_width, plot_height = 52.0, 34.0, WIDTH - 52.0 - 12.0, 200.0
    x_values = frame.index.to_numpy(dtype=float)
    y_values = frame.to_numpy(dtype=float)
    x_ticks = nice_ticks(float(x_values.min()), float(x_values.max()))
    y_ticks = nice_ticks(float(y_values.min()), float(y_values.max()))
    x_of, y_of, parts = plot_axes((left, top, plot_width, plot_height), x_ticks, y_ticks)
    bottom = top + plot_height
    if x_label:
        parts.append(svg_text(left + plot_width / 2, bottom + 34, x_label, "middle"))
    if y_label:
        middle = top + plot_height / 2
        parts.append(
            svg_text(14, middle, y_label, "middle", f' transform="rotate(-90 14 {middle:.0f})"')
        )
    for point in points:
        parts.append(
            f'<line class="change" x1="{x_of(point):.1f}" x2="{x_of(point):.1f}" y1="{top}" '
            f'y2="{bottom}" stroke="{INK}" stroke-width="1"/>'
        )
    if marker is not None:
        parts.append(
            f'<line class="marker" x1="{x_of(marker):.1f}" x2="{x_of(marker):.1f}" '
            f'y1="{top}" y2="{bottom}" stroke="{MARKER_GREY}" stroke-width="1.5" '
            f'stroke-dasharray="{MARKER_DASH}"/>'
        )
    for k, name in enumerate(names):
        path = " ".join(
            f"{x_of(x):.1f},{y_of(y):.1f}" for x, y in zip(x_values, y_values[:, k], strict=True)
        )
        dash = f' stroke-dasharray="{dashes[name]}"' if dashes[name] else ""
        parts.append(
            f'<polyline class="line" data-name="{escape(name)}" points="{path}" fill="none" '
            f'stroke="{colours[name]}" stroke-width="2.5"{dash}>'
            f"<title>{escape(name)}</title></polyline>"
        )
    entries = [(line_sample(colours[n], dashes[n]), n) for n in names]
    if marker is not None:
        entries.append((line_sample(MARKER_GREY, MARKER_DASH, 1.5), "current value"))
    if points:
        entries.append((line_sample(INK, "", 1.0), "first place changes"))
    legend, last = legend_keys(entries, bottom + (56 if x_label else 40))
    return chart_svg("lines", title, last + 10, [], [*parts, legend])


def acceptability_bars(
    shares: pd.DataFrame,
    *,
    title: str = "How often each option takes each rank",
    axis_label: str = "share of the weightings",
    description: str = "",
) -> str:
    """Stacked bars of rank acceptability, one per option: its shares of ranks 1, 2, ...

    ``shares`` is options x ranks (rows in the order to draw, columns the ranks from
    first to last), each row adding up to 1. Every bar runs along one axis from 0 to
    100%. Its segments, one for each rank the option takes at all, are SVG ``rect``
    elements of class ``bar`` carrying the option, the rank and the exact share, with a
    tooltip, in the ordered palette of ranks (first place darkest); a segment wide
    enough is labelled with its share in whole percent (text of class ``value``, right
    after its segment, in black or white, whichever reads on it). Each option is a
    group (``g`` of class ``option``): its name (wrapped when long) and its first-rank
    share ("first in 54.6%", or "never first") above its bar. A legend of the ranks
    runs below the axis; ``description`` becomes the drawing's ``desc``.

    Examples
    --------
    >>> import pandas as pd
    >>> shares = pd.DataFrame([[0.75, 0.25], [0.0, 1.0]], index=["A", "B"], columns=[1, 2])
    >>> svg = acceptability_bars(shares)
    >>> svg.count('class="option"'), svg.count('class="bar"')
    (2, 3)
    """
    options = [str(option) for option in shares.index]
    values = shares.to_numpy(dtype=float)
    colours = rank_colours(values.shape[1])
    # Room on the right for "100%" centred on the last tick.
    left, plot_width = 14.0, WIDTH - 14.0 - 22.0
    groups: list[str] = []
    y = 28.0
    for name, row in zip(options, values, strict=True):
        lead = f"first in {percent(float(row[0]))}" if row[0] > 0 else "never first"
        room = WIDTH - 16 - CHAR * len(lead) - 12
        lines = textwrap.wrap(name, max(int(room / CHAR), 8), break_long_words=True) or [""]
        group: list[str] = []
        for k, line in enumerate(lines):
            y += 15
            group.append(svg_text(8, y, line, extra=' font-weight="600"' if k == 0 else ""))
        group.append(svg_text(WIDTH - 8, y - 15 * (len(lines) - 1), lead, "end"))
        top, x = y + 5, left
        for rank, (share, colour) in enumerate(zip(row, colours, strict=True), start=1):
            size = max(float(share), 0.0) * plot_width
            if size <= 0:
                continue
            group.append(
                f'<rect class="bar" data-option="{escape(name)}" data-rank="{rank}" '
                f'data-value="{float(share)!r}" x="{x:.2f}" y="{top:.1f}" width="{size:.2f}" '
                f'height="16" fill="{colour}" stroke="{INK}" stroke-width="0.5">'
                f"<title>{escape(name)}, rank {rank}: {100 * share:.1f}%</title></rect>"
            )
            label = f"{100 * share:.0f}%"
            if CHAR * len(label) * 11 / 12 + 4 <= size:
                group.append(
                    f'<text class="value" x="{x + size / 2:.1f}" y="{top + 12:.1f}" '
                    f'text-anchor="middle" font-size="11" fill="{text_on(colour)}">{label}</text>'
                )
            x += size
        groups.append(f'<g class="option" data-option="{escape(name)}">{"".join(group)}</g>')
        y = top + 16 + 6
    axis = y + 6
    parts: list[str] = []
    for tick in nice_ticks(0.0, 1.0, most=5):
        x = left + tick * plot_width
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="34" y2="{axis:.1f}" stroke="{GRID}" '
            f'stroke-width="0.75"/>'
        )
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis:.1f}" y2="{axis + 4:.1f}" stroke="{INK}"/>'
        )
        parts.append(svg_text(x, axis + 16, f"{100 * tick:.0f}%", "middle"))
    parts += groups
    parts.append(
        f'<line class="axis" x1="{left:.1f}" x2="{left + plot_width:.1f}" y1="{axis:.1f}" '
        f'y2="{axis:.1f}" stroke="{INK}"/>'
    )
    parts.append(svg_text(left + plot_width / 2, axis + 32, axis_label, "middle"))
    entries = [(box_sample(colour), f"rank {k}") for k, colour in enumerate(colours, start=1)]
    legend, last = legend_keys(entries, axis + 54)
    return chart_svg("ranks", title, last + 10, [], [*parts, legend], description)
