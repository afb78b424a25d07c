"""What every chart shares: input checks, axes, colours and patterns, titles, legends.

The colours and patterns are those of the HTML pages (:mod:`powerbalance._render.palette`),
so an area has one colour and a risk one pattern in every figure and page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from powerbalance._render.palette import (
    INK,
    LINE_DASHES,
    MEASURE_HATCHES,
    colours_for,
    text_on,
)
from powerbalance._render.words import full_name
from powerbalance.errors import InvalidParameterError, MissingDependencyError
from powerbalance.evaluation.report import Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend

#: The message of the MissingDependencyError raised when matplotlib is not installed.
MISSING_MATPLOTLIB = (
    "powerbalance.plot needs matplotlib: python -m pip install 'powerbalance[plot]'"
)

#: How transparent the options off the efficient frontier are drawn.
FADED = 0.35

#: The hatch that marks risks, in every chart (the SVG charts stripe them alike).
RISK_HATCH = MEASURE_HATCHES["risk"]


def require_matplotlib() -> None:
    try:
        import matplotlib.figure  # noqa: F401
    except ImportError as error:
        raise MissingDependencyError(MISSING_MATPLOTLIB) from error


def require_report(report: object, function: str) -> Report:
    if not isinstance(report, Report):
        raise InvalidParameterError(
            f"powerbalance.plot.{function} needs a Report, the result of "
            f"powerbalance.evaluate(...); got {describe(report)}. Evaluate the assessment "
            f"first, e.g. report = pb.evaluate(assessment), then plot.{function}(report)."
        )
    return report


def describe(value: object) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} of type {type(value).__name__}"


def new_axes(ax: Axes | None, size: tuple[float, float], function: str) -> Axes:
    """The axes to draw on: ``ax`` itself, or those of a new figure of ``size`` inches."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if ax is None:
        # Not pyplot.figure(): a figure made here stays out of pyplot's registry. The
        # constrained layout makes room for titles and for legends beside the axes.
        return Figure(figsize=size, layout="constrained").add_subplot()
    if not isinstance(ax, Axes):
        raise InvalidParameterError(
            f"The 'ax' parameter of powerbalance.plot.{function} must be matplotlib Axes, "
            f"e.g. from fig, ax = plt.subplots(), or None for a new figure; got "
            f"{describe(ax)}."
        )
    return ax


def figure_of(ax: Axes) -> Figure:
    """The figure that holds ``ax``; the root figure when ``ax`` sits in a subfigure."""
    from matplotlib.figure import Figure

    figure = ax.figure
    if isinstance(figure, Figure):
        return figure
    return figure.figure  # a subfigure's .figure is the root figure


def colours(names: list[str]) -> list[str]:
    """The palette's colour of each name (an area, an option), in order."""
    chosen = colours_for(names)
    return [chosen[name] for name in names]


def dashes(count: int) -> list[Any]:
    """A line style for each of ``count`` lines, in turn beside their colours."""
    styles = [(0, dash) if dash else "solid" for dash in LINE_DASHES]
    return [styles[k % len(styles)] for k in range(count)]


def measure_style(colour: str, measure: str) -> dict[str, Any]:
    """How a bar of ``measure`` in ``colour`` is filled: solid, or patterned in black or white.

    The hatch takes the edge colour, so the pattern is drawn in whichever of black or
    white stands out on the area's colour.
    """
    hatch = MEASURE_HATCHES[measure]
    return {
        "facecolor": colour,
        "edgecolor": text_on(colour) if hatch else INK,
        "hatch": hatch or None,
        "linewidth": 0.6,
    }


def method_line(method: object) -> str:
    """The method as a reader names it, for the second line of a title."""
    return full_name(method)


def legend_beside(ax: Axes, **options: Any) -> Legend:
    """A legend to the right of the axes, off the data; the layout makes room for it."""
    return ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, **options)


def floats(values: Any) -> npt.NDArray[np.float64]:
    return np.asarray(values, dtype=np.float64)
