"""An SVG chart of intervals on the range of a weight: where the leader stays first.

One row per weight, each a track from 0 to 1. The interval over which the leader stays
first is a band in a light tint of the row's area colour (the tint the decision
conference's sliders draw their bands in); where another option takes over, the band
ends in a dark tick named after that option; the current weight is a grey line under
a small triangle. The row of the smallest change that moves the leader is set apart
by a shaded background, its name in bold and the word "critical", so no meaning rests
on hue alone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import attrs

from powerbalance._render.palette import INK, MARKER_GREY, tint
from powerbalance._render.svg import nice_ticks
from powerbalance._render.svg_parts import (
    CHAR,
    GRID,
    WIDTH,
    Sample,
    box_sample,
    chart_svg,
    escape,
    legend_keys,
    svg_text,
    tick_label,
)

__all__ = ["BAND_TINT", "CRITICAL_FILL", "Track", "interval_tracks"]

#: How much of the area colour a band keeps (the rest white), as on the sliders.
BAND_TINT = 0.3
#: The critical row's background and its edge: the pale amber of a page's notes.
CRITICAL_FILL = "#FFF4E0"
_CRITICAL_EDGE = "#9A5700"
#: The bare track under a band, the grey of a slider's track.
_TRACK = "#9E9E9E"
_LEFT = 14.0
_PLOT = WIDTH - 2 * _LEFT
_BAND = 14.0
_GAP = 3.0  # between an end's tick and its label


@attrs.frozen
class Track:
    """One row of :func:`interval_tracks`: a weight, its interval and who takes over.

    Attributes
    ----------
    label : str
        The row's name.
    low, high : float
        The interval, within 0 to 1.
    current : float
        The current weight.
    taken_low, taken_high : str or None
        The option that takes first place below ``low`` (above ``high``); None where
        the interval runs to the end of the range.
    colour : str
        The row's full colour; the band is drawn in a tint of it.
    critical : {"", "low", "high"}
        Which end is the smallest change that moves the leader, if it is in this row.

    Examples
    --------
    >>> Track("Trade", 0.0, 0.3, 0.08, None, "B", "#0072B2").critical
    ''
    """

    label: str
    low: float
    high: float
    current: float
    taken_low: str | None
    taken_high: str | None
    colour: str
    critical: str = ""


def _x(value: float) -> float:
    return _LEFT + min(max(value, 0.0), 1.0) * _PLOT


_Span = tuple[float, float, str]
"""Where a label would run (from x, to x) and how it is anchored."""
_Label = tuple[str, str, float, str, int]
"""A takeover label: its end, text, x, anchor and line (0 or 1) below the track."""


def _labels(track: Track, width: float) -> list[_Label]:
    """The takeover labels of a row, placed where they fit.

    Each end's label goes outside the band if it fits there, else inside. Both share
    one line below the track where they can without touching; otherwise each takes a
    line of its own. A label that fits nowhere (a very long name) is left to the text
    alternative.
    """
    ends: list[tuple[str, str, list[_Span]]] = []
    for end, taker, at in (
        ("low", track.taken_low, track.low),
        ("high", track.taken_high, track.high),
    ):
        if taker is None:
            continue
        text = f"\u2190 {taker}" if end == "low" else f"{taker} \u2192"
        size = width * len(text)
        x = _x(at)
        before: _Span = (x - _GAP - size, x - _GAP, "end")
        after: _Span = (x + _GAP, x + _GAP + size, "start")
        outside, inside = (before, after) if end == "low" else (after, before)
        spans = [s for s in (outside, inside) if s[0] >= 4 and s[1] <= WIDTH - 4]
        if spans:
            ends.append((end, text, spans))

    def label(end: str, text: str, span: _Span, line: int) -> _Label:
        return end, text, span[1] if span[2] == "end" else span[0], span[2], line

    if len(ends) == 2:
        (low_end, low_text, low_spans), (high_end, high_text, high_spans) = ends
        for first in low_spans:
            for second in high_spans:
                if first[1] + 6 <= second[0] or second[1] + 6 <= first[0]:
                    return [
                        label(low_end, low_text, first, 0),
                        label(high_end, high_text, second, 0),
                    ]
    return [label(end, text, spans[0], line) for line, (end, text, spans) in enumerate(ends)]


def _marker(x: float, top: float, length: float) -> str:
    """A grey line down from ``top`` under a small triangle: the current weight."""
    return (
        f'<path d="M{x - 4:.1f} {top - 9:.1f}h8l-4 6z" fill="{MARKER_GREY}"/>'
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4:.1f}" y2="{top + length:.1f}" '
        f'stroke="{MARKER_GREY}" stroke-width="2.5"/>'
    )


def _marker_sample(x: float, y: float) -> str:
    return _marker(x + 7, y - 4, 6)


def _tick_sample(x: float, y: float) -> str:
    return (
        f'<line x1="{x + 7:.1f}" x2="{x + 7:.1f}" y1="{y - 12:.1f}" y2="{y + 2:.1f}" '
        f'stroke="{INK}" stroke-width="2"/>'
    )


def _row(track: Track, y: float) -> tuple[str, str, float]:
    """The row's group and, if it is critical, its background; and where the next row starts."""
    critical = bool(track.critical)
    now = f"now {track.current:.3f}"
    right = f"critical, {now}" if critical else now
    room = WIDTH - 16 - CHAR * len(right) - 12
    lines = textwrap.wrap(track.label, max(int(room / CHAR), 8), break_long_words=True) or [""]
    first = y + 15
    weight = ' font-weight="600"' if critical else ""
    parts = [svg_text(8, first + 15 * k, line, extra=weight) for k, line in enumerate(lines)]
    parts.append(svg_text(WIDTH - 8, first, right, "end", weight))
    top = first + 15 * (len(lines) - 1) + 16
    middle = top + _BAND / 2
    low, high = _x(track.low), _x(track.high)
    parts.append(
        f'<line x1="{_LEFT:.1f}" x2="{_LEFT + _PLOT:.1f}" y1="{middle:.1f}" y2="{middle:.1f}" '
        f'stroke="{_TRACK}" stroke-width="3"/>'
    )
    parts.append(
        f'<rect class="band" data-low="{track.low!r}" data-high="{track.high!r}" '
        f'x="{low:.2f}" y="{top:.1f}" width="{high - low:.2f}" height="{_BAND:.0f}" '
        f'fill="{tint(track.colour, BAND_TINT)}" stroke="{track.colour}" stroke-width="1">'
        f"<title>{escape(track.label)}: {track.low:.3f} to {track.high:.3f}</title></rect>"
    )
    for end, taker, at in (
        ("low", track.taken_low, low),
        ("high", track.taken_high, high),
    ):
        if taker is None:
            continue
        width = 3.5 if track.critical == end else 2
        parts.append(
            f'<line class="end" data-end="{end}" data-option="{escape(taker)}" '
            f'x1="{at:.2f}" x2="{at:.2f}" y1="{top - 3:.1f}" y2="{top + _BAND + 3:.1f}" '
            f'stroke="{INK}" stroke-width="{width}"><title>{escape(taker)} takes over '
            f"{'below' if end == 'low' else 'above'} "
            f"{track.low if end == 'low' else track.high:.3f}</title></line>"
        )
    parts.append(
        f'<g class="marker" data-value="{track.current!r}">'
        f"{_marker(_x(track.current), top, _BAND + 4)}</g>"
    )
    bottom = top + _BAND + 4
    labels = _labels(track, CHAR * (1.07 if critical else 1.0))
    takers = {"low": track.taken_low, "high": track.taken_high}
    for end, text, x, anchor, line in labels:
        parts.append(
            f'<text class="taker" data-end="{end}" data-option="{escape(takers[end] or "")}" '
            f'x="{x:.1f}" y="{bottom + 12 + 15 * line:.1f}" '
            f'text-anchor="{anchor}" font-size="12" fill="{INK}"{weight}>{escape(text)}</text>'
        )
    if labels:
        bottom += 16 + 15 * max(label[4] for label in labels)
    background = ""
    if critical:
        background = (
            f'<rect class="critical" x="3" y="{y + 2:.1f}" width="{WIDTH - 6}" '
            f'height="{bottom - y + 2:.1f}" fill="{CRITICAL_FILL}" stroke="{_CRITICAL_EDGE}" '
            f'stroke-width="1" rx="3"/>'
        )
    group = (
        f'<g class="track{" critical" if critical else ""}" data-name="{escape(track.label)}">'
        f"{''.join(parts)}</g>"
    )
    return group, background, bottom + 6


def interval_tracks(
    tracks: Sequence[Track],
    *,
    leader: str,
    areas: Sequence[tuple[str, str]] = (),
    title: str = "",
    axis_label: str = "weight, the others in proportion",
    description: str = "",
) -> str:
    """One track per weight from 0 to 1, with the interval over which ``leader`` stays first.

    Each row is a group (``g`` of class ``track``, ``critical`` as well for the row of
    the smallest change) holding the row's name, its band (a ``rect`` of class ``band``
    carrying the exact ends), a tick at each end where another option takes over (a
    ``line`` of class ``end`` carrying the end and the option), the current weight (a
    ``g`` of class ``marker`` carrying its value) and, below, the takeover labels that
    fit (``text`` of class ``taker``). Without a ``title`` the chart is titled "Where
    ``leader`` stays first". An axis from 0 to 1 runs below; a legend of
    ``areas`` (name and colour) and of the marks follows. ``description`` becomes the
    drawing's ``desc``: it should give every interval and takeover in words, since a
    label that does not fit is not drawn.

    Examples
    --------
    >>> rows = [Track("X", 0.0, 0.5, 0.6 - 0.1, None, "B", "#0072B2", "high"),
    ...         Track("Y", 0.2, 1.0, 0.5, "B", None, "#E69F00")]
    >>> svg = interval_tracks(rows, leader="A")
    >>> svg.count('class="band"'), svg.count('class="end"'), svg.count('class="track critical"')
    (2, 2, 1)
    """
    if not title:
        title = f"Where {leader} stays first"
        # A title is 14 units high: about 7.9 units a character.
        if 7.9 * len(title) > WIDTH - 16:
            title = "Where the leader stays first"
    backgrounds: list[str] = []
    groups: list[str] = []
    y = 24.0
    for track in tracks:
        group, background, y = _row(track, y)
        groups.append(group)
        backgrounds.append(background)
    axis = y + 4
    parts = list(backgrounds)
    ticks = nice_ticks(0.0, 1.0, most=6)
    for tick in ticks:
        x = _x(tick)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="28" y2="{axis:.1f}" stroke="{GRID}" '
            f'stroke-width="0.75"/>'
        )
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis:.1f}" y2="{axis + 4:.1f}" stroke="{INK}"/>'
        )
        parts.append(svg_text(x, axis + 16, tick_label(tick, ticks), "middle"))
    parts += groups
    parts.append(
        f'<line class="axis" x1="{_LEFT:.1f}" x2="{_LEFT + _PLOT:.1f}" y1="{axis:.1f}" '
        f'y2="{axis:.1f}" stroke="{INK}"/>'
    )
    parts.append(svg_text(_LEFT + _PLOT / 2, axis + 32, axis_label, "middle"))
    stays = f"{leader} stays first"
    if CHAR * len(stays) + 34 > WIDTH - 16:
        stays = "the leader stays first"
    entries: list[tuple[Sample, str]] = [(box_sample(tint(c, BAND_TINT)), a) for a, c in areas]
    entries += [
        (box_sample(tint(MARKER_GREY, BAND_TINT)), stays),
        (_marker_sample, "current weight"),
        (_tick_sample, "another option takes over"),
    ]
    if any(track.critical for track in tracks):
        entries.append((box_sample(CRITICAL_FILL), "smallest change"))
    legend, last = legend_keys(entries, axis + 54)
    return chart_svg("intervals", title, last + 10, [], [*parts, legend], description)
