"""The colours of areas and options, the same in every figure and page."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["AREA_COLOURS", "colours_for"]

#: Area colours, in the order areas first appear (colour-blind-safe Okabe-Ito palette).
AREA_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)


def colours_for(names: Sequence[str]) -> dict[str, str]:
    """A colour for each name, in order, starting again after the eighth.

    Examples
    --------
    >>> colours_for(["Economic", "Security"])
    {'Economic': '#0072B2', 'Security': '#E69F00'}
    """
    return {name: AREA_COLOURS[k % len(AREA_COLOURS)] for k, name in enumerate(names)}
