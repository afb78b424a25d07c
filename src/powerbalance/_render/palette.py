"""The colours and patterns of every chart: the HTML pages' SVG and ``powerbalance.plot``.

An area has one colour everywhere, from a palette that stays distinct for the common
forms of colour blindness (Okabe and Ito's). Colour is never the only cue: what a
segment measures (benefit, risk, cost) is told by its pattern as well, and ranks use
an ordered palette, darkest for first place. Text drawn on a colour is black or white,
whichever contrasts more, and contrast is measured as WCAG 2 defines it.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AREA_COLOURS",
    "INK",
    "LINE_DASHES",
    "MARKER_GREY",
    "MEASURE_HATCHES",
    "PAPER",
    "colours_for",
    "contrast",
    "luminance",
    "rank_colours",
    "text_on",
    "tint",
]

#: Area colours, in the order areas first appear: Okabe and Ito's colour-blind-safe
#: palette, with the yellow, which is faint on white, kept for an eighth area.
AREA_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#000000",
    "#F0E442",
)

#: The colour of text and lines, and of the page behind them.
INK = "#1A1A1A"
PAPER = "#FFFFFF"

#: A neutral grey for marks that belong to no area or option (the current weight, the
#: keys of a legend that stand for every area); 4.5:1 on white.
MARKER_GREY = "#767676"

#: What a bar measures, as a matplotlib hatch: benefits solid, risks striped, costs
#: cross-hatched. The SVG charts draw the same three patterns.
MEASURE_HATCHES = {"benefit": "", "risk": "///", "cost": "xx"}

#: Dash patterns (on, off, ... in line widths' units; empty for solid) given to lines
#: in turn beside their colours, so that two lines differ even in grey.
LINE_DASHES: tuple[tuple[float, ...], ...] = ((), (7, 3), (2, 3), (9, 3, 2, 3), (4, 2))

# Viridis (van der Walt and Smith, matplotlib's default map), sampled at 0, 0.1, ...,
# 0.9: ordered in lightness, readable in grey and for colour-blind readers. The
# lightest tenth, a yellow that vanishes on white, is left out.
_SEQUENTIAL = (
    "#440154",
    "#482475",
    "#414487",
    "#355F8D",
    "#2A788E",
    "#21918C",
    "#22A884",
    "#44BF70",
    "#7AD151",
    "#BDDF26",
)


def colours_for(names: Sequence[str]) -> dict[str, str]:
    """A colour for each name, in order, starting again after the eighth.

    Examples
    --------
    >>> colours_for(["Economic", "Security"])
    {'Economic': '#0072B2', 'Security': '#E69F00'}
    """
    return {name: AREA_COLOURS[k % len(AREA_COLOURS)] for k, name in enumerate(names)}


def _rgb(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def tint(colour: str, share: float) -> str:
    """``colour`` mixed with white, ``share`` of it to ``1 - share`` of white.

    The same mixture as CSS's ``color-mix(in srgb, colour share, white)``, so a band
    drawn here matches one a stylesheet draws from the same colour.

    Examples
    --------
    >>> tint("#0072B2", 0.3)
    '#B3D5E8'
    >>> tint("#1A1A1A", 1.0)
    '#1A1A1A'
    """
    # Halves round up, as browsers round a mixed channel.
    mixed = (int(share * c + (1 - share) * 255 + 0.5) for c in _rgb(colour))
    return "#" + "".join(f"{c:02X}" for c in mixed)


def rank_colours(count: int) -> list[str]:
    """``count`` colours in order, first place darkest, for ranks 1, 2, ...

    Evenly spaced along an ordered (sequential) palette, so that a later rank is
    always lighter.

    Examples
    --------
    >>> rank_colours(3)
    ['#440154', '#26848D', '#BDDF26']
    >>> rank_colours(1)
    ['#440154']
    """
    if count <= 1:
        return list(_SEQUENTIAL[:count])
    last = len(_SEQUENTIAL) - 1
    colours = []
    for k in range(count):
        position = k * last / (count - 1)
        low = min(int(position), last - 1)
        share = position - low
        start, end = _rgb(_SEQUENTIAL[low]), _rgb(_SEQUENTIAL[low + 1])
        mixed = (round(a + (b - a) * share) for a, b in zip(start, end, strict=True))
        colours.append("#" + "".join(f"{c:02X}" for c in mixed))
    return colours


def luminance(colour: str) -> float:
    """The relative luminance of a ``#RRGGBB`` colour, as WCAG 2 defines it (0 to 1).

    Examples
    --------
    >>> luminance("#FFFFFF"), luminance("#000000")
    (1.0, 0.0)
    """
    channels = [c / 255 for c in _rgb(colour)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white).

    Text needs 4.5 (AA), large text and the parts of a chart 3.

    Examples
    --------
    >>> round(contrast("#000000", "#FFFFFF"), 1)
    21.0
    >>> round(contrast(INK, PAPER), 1)
    17.4
    """
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(background: str) -> str:
    """Black or white, whichever reads better on ``background``.

    Examples
    --------
    >>> text_on("#F0E442"), text_on("#0072B2")
    ('#000000', '#FFFFFF')
    """
    black, white = "#000000", "#FFFFFF"
    return black if contrast(black, background) >= contrast(white, background) else white
