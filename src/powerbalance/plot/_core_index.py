"""Chart of robust packages: each option's core index, core to exterior."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from powerbalance._render.palette import INK, MARKER_GREY
from powerbalance.errors import InvalidParameterError
from powerbalance.plot._style import describe, figure_of, method_line, new_axes, require_matplotlib

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def core_index(result: object, *, ax: Axes | None = None) -> Figure:
    """Horizontal bars of each option's core index: its share of the non-dominated packages.

    Options run from core (in every non-dominated package, 100%) at the top to exterior
    (in none) at the bottom; core bars are drawn in ink, borderline ones grey, and the
    share is written at the end of each bar.

    Parameters
    ----------
    result : RobustPackages
        The result of :func:`powerbalance.portfolio.robust`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``; one bar per option.

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> problem = pb.portfolio.Problem(
    ...     a, costs={"Engage": {"Money": 3}, "Contain": {"Money": 4}}, budget={"Money": 5}
    ... )
    >>> robust = pb.portfolio.robust(problem, weight_information=pb.sensitivity.UniformWeights())
    >>> len(plot.core_index(robust).axes[0].patches)
    2
    """
    require_matplotlib()
    from powerbalance.portfolio import RobustPackages

    if not isinstance(result, RobustPackages):
        raise InvalidParameterError(
            f"powerbalance.plot.core_index needs the result of "
            f"powerbalance.portfolio.robust(...); got {describe(result)}."
        )
    index = result.core_index
    order = np.lexsort((np.arange(len(index)), -index.to_numpy()))
    shares = 100.0 * index.to_numpy()[order]
    names = [str(index.index[i]) for i in order]
    longest = max((len(name) for name in names), default=1)
    axes = new_axes(ax, (min(14.0, 6.5 + 0.08 * longest), 0.4 * len(names) + 2.0), "core_index")
    positions = np.arange(len(names))
    colours = [INK if share >= 100.0 else MARKER_GREY for share in shares]
    bars = axes.barh(positions, shares, color=colours, edgecolor="white")
    axes.bar_label(bars, labels=[f"{share:.0f}%" for share in shares], padding=3, fontsize="small")
    axes.set_yticks(positions, names)
    axes.invert_yaxis()
    axes.set_xlim(0.0, 110.0)
    axes.set_xlabel(f"share of the {len(result.masks):,} non-dominated packages holding it (%)")
    axes.set_title(
        "Core index: in every robust package (core), some (borderline) or none (exterior)\n"
        + method_line(result.method)
    )
    return figure_of(axes)
