"""Labels for the points of a chart that keep clear of each other and of the points.

Where a label can stand depends on the final size of the axes, which is known only
when the figure is drawn (a layout engine, ``bbox_inches="tight"`` or a resize change
it). So the labels are placed at draw time, by an artist drawn just before them: each
label, from the top of the chart down, takes the first spot around its point, nearest
first, that overlaps no label already placed, no point and nothing outside the axes;
where every spot collides, the one that collides least.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from matplotlib.artist import Artist

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.text import Annotation

_Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels
_Across = Literal["left", "center", "right"]
_Up = Literal["bottom", "center_baseline", "top"]
_Spot = tuple[float, float, _Across, _Up]

#: Spots around a point, in order of preference: a direction (in gaps) and the
#: alignment that puts the label on that side.
_SPOTS: tuple[_Spot, ...] = (
    (1.0, 0.3, "left", "bottom"),
    (-1.0, 0.3, "right", "bottom"),
    (1.0, -0.3, "left", "top"),
    (-1.0, -0.3, "right", "top"),
    (0.0, 1.0, "center", "bottom"),
    (0.0, -1.0, "center", "top"),
    (1.0, 0.0, "left", "center_baseline"),
    (-1.0, 0.0, "right", "center_baseline"),
)

#: How far from its point a label may stand, in gaps, nearest first.
_DISTANCES = (1.0, 2.0, 3.5, 5.0)


def label_points(
    ax: Axes,
    names: Sequence[str],
    points: Sequence[tuple[float, float]],
    *,
    markers: Sequence[float],
    gap: float = 5.0,
    **text: Any,
) -> list[Annotation]:
    """Annotate each point with its name, placed clear of the others when drawn.

    ``markers`` are the sizes (diameters) of the points' markers and ``gap`` the
    distance between a point and its label, both in points. ``text`` goes to every
    annotation.
    """
    annotations = [
        ax.annotate(name, xy, xytext=(gap, 0.0), textcoords="offset points", **text)
        for name, xy in zip(names, points, strict=True)
    ]
    ax.add_artist(_Placer(ax, annotations, markers=markers, gap=gap))
    return annotations


def _overlap(a: _Box, b: _Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _outside(box: _Box, frame: _Box) -> float:
    area = (box[2] - box[0]) * (box[3] - box[1])
    return area - _overlap(box, frame)


class _Placer(Artist):
    """Draws nothing; before the labels are drawn it moves them to their spots."""

    def __init__(
        self, ax: Axes, annotations: list[Annotation], *, markers: Sequence[float], gap: float
    ) -> None:
        super().__init__()
        self._ax = ax
        self._annotations = annotations
        self._markers = list(markers)
        self._gap = gap
        self.set_in_layout(False)  # nothing of its own to make room for
        self.set_zorder(min(a.get_zorder() for a in annotations) - 0.5 if annotations else 0)

    def draw(self, renderer: RendererBase) -> None:
        if not self._annotations:
            return
        pixels = float(np.asarray(renderer.points_to_pixels(1.0), dtype=np.float64))
        anchors = [
            (float(x), float(y))
            for x, y in (self._ax.transData.transform(a.xy) for a in self._annotations)
        ]
        halves = [size * pixels / 2 for size in self._markers]
        points = [
            (x - half, y - half, x + half, y + half)
            for (x, y), half in zip(anchors, halves, strict=True)
        ]
        frame_box = self._ax.bbox
        frame = (frame_box.x0, frame_box.y0, frame_box.x1, frame_box.y1)
        placed: list[_Box] = []
        order = sorted(range(len(anchors)), key=lambda i: (-anchors[i][1], anchors[i][0]))
        for i in order:
            annotation = self._annotations[i]
            extent = annotation.get_window_extent(renderer)
            blocked = [*placed, *points]
            (dx, dy, horizontal, vertical), box = self._spot(
                anchors[i], (extent.width, extent.height), blocked, frame, pixels
            )
            annotation.xyann = (dx, dy)
            annotation.set_horizontalalignment(horizontal)
            annotation.set_verticalalignment(vertical)
            placed.append(box)

    def _spot(
        self,
        anchor: Sequence[float],
        size: tuple[float, float],
        blocked: list[_Box],
        frame: _Box,
        pixels: float,
    ) -> tuple[_Spot, _Box]:
        """The first spot that collides with nothing, else the one that collides least."""
        best: tuple[float, _Spot, _Box] | None = None
        for distance in _DISTANCES:
            for dx, dy, horizontal, vertical in _SPOTS:
                offset = (dx * distance * self._gap, dy * distance * self._gap)
                box = _box(anchor, offset, pixels, horizontal, vertical, size)
                cost = sum(_overlap(box, other) for other in blocked)
                cost += 10.0 * _outside(box, frame)
                if best is None or cost < best[0]:
                    best = (cost, (*offset, horizontal, vertical), box)
                if cost == 0.0:
                    return best[1], best[2]
        if best is None:  # no spots to try: leave the label where it is
            return (self._gap, 0.0, "left", "center_baseline"), (0.0, 0.0, 0.0, 0.0)
        return best[1], best[2]


def _box(
    anchor: Sequence[float],
    offset: tuple[float, float],
    pixels: float,
    horizontal: _Across,
    vertical: _Up,
    size: tuple[float, float],
) -> _Box:
    """Where a label of ``size`` pixels stands ``offset`` points from ``anchor``."""
    width, height = size
    x = anchor[0] + offset[0] * pixels
    y = anchor[1] + offset[1] * pixels
    left = {"left": x, "right": x - width}.get(horizontal, x - width / 2)
    bottom = {"bottom": y, "top": y - height}.get(vertical, y - height / 2)
    return (left, bottom, left + width, bottom + height)
