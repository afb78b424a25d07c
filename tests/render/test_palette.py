"""The palette: colour-blind-safe areas, ordered ranks, readable text, WCAG contrast."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from powerbalance._render.palette import (
    AREA_COLOURS,
    INK,
    MARKER_GREY,
    MEASURE_HATCHES,
    PAPER,
    colours_for,
    contrast,
    luminance,
    rank_colours,
    text_on,
)

# Machado, Oliveira and Fernandes (2009), "A physiologically-based model for simulation
# of color vision deficiency", IEEE TVCG 15(6): the matrices for severity 1.0, applied
# to linear RGB.
DEFICIENCIES = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}


def _linear(colour: str) -> np.ndarray:
    channels = np.array([int(colour[k : k + 2], 16) / 255 for k in (1, 3, 5)])
    return np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    """CIE L*a*b* (D65) of a linear sRGB colour."""
    to_xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    )
    ratio = to_xyz @ np.clip(linear, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(ratio > (6 / 29) ** 3, np.cbrt(ratio), ratio / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_contrast_matches_the_wcag_reference_values():
    # #767676 is the lightest grey that passes AA on white (4.54:1).
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#0072B2", "#0072B2") == pytest.approx(1.0)
    assert contrast(INK, PAPER) >= 15
    assert luminance("#808080") == pytest.approx(0.2159, abs=1e-4)


@pytest.mark.parametrize("deficiency", ["none", *DEFICIENCIES])
def test_area_colours_stay_apart_for_colour_blind_readers(deficiency):
    matrix = np.eye(3) if deficiency == "none" else np.array(DEFICIENCIES[deficiency])
    seen = [_lab(matrix @ _linear(colour)) for colour in AREA_COLOURS]
    closest = min(np.linalg.norm(a - b) for a, b in itertools.combinations(seen, 2))
    # CIE76 distance: about 2 is just noticeable; 15 is plainly a different colour.
    assert closest > 15, f"two area colours look alike under {deficiency} ({closest:.1f})"


def test_the_first_area_colours_are_the_palettes_in_order():
    assert len(set(AREA_COLOURS)) == len(AREA_COLOURS) == 8
    names = [f"area {k}" for k in range(10)]
    chosen = colours_for(names)
    assert list(chosen.values())[:8] == list(AREA_COLOURS)
    assert chosen["area 8"] == AREA_COLOURS[0]


@pytest.mark.parametrize("count", [1, 2, 3, 7, 12])
def test_rank_colours_are_ordered_first_place_darkest(count):
    colours = rank_colours(count)
    assert len(colours) == count
    lightness = [luminance(c) for c in colours]
    assert lightness == sorted(lightness)
    assert len(set(colours)) == count


def test_rank_colours_differ_in_lightness_enough_to_read_in_grey():
    lightness = [luminance(c) for c in rank_colours(7)]
    assert all(b - a > 0.02 for a, b in itertools.pairwise(lightness))


@pytest.mark.parametrize(
    "background", [*AREA_COLOURS, *rank_colours(9), MARKER_GREY], ids=lambda c: c
)
def test_text_on_any_palette_colour_passes_aa(background):
    assert contrast(text_on(background), background) >= 4.5


def test_measures_differ_by_pattern():
    assert MEASURE_HATCHES["benefit"] == ""
    assert len({MEASURE_HATCHES[m] for m in ("benefit", "risk", "cost")}) == 3
