"""The value of the best package against what it uses of a resource: :func:`frontier`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from powerbalance._render.palette import AREA_COLOURS, INK, MARKER_GREY
from powerbalance.errors import InvalidParameterError
from powerbalance.plot._style import (
    describe,
    figure_of,
    floats,
    legend_beside,
    method_line,
    new_axes,
    require_matplotlib,
)
from powerbalance.portfolio import Frontier, Package

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["frontier"]


def _change(before: Package | None, after: Package) -> str:
    """What a package adds to (+) and drops from (−) the cheaper one before it."""
    if before is None:
        return " + ".join(after.options) or "(nothing)"
    added = [f"+ {name}" for name in after.options if name not in before.options]
    dropped = [f"− {name}" for name in before.options if name not in after.options]
    return "\n".join(added + dropped)


def frontier(result: Frontier, *, ax: Axes | None = None) -> Figure:
    """The best package at each budget level: its value against what it uses.

    Each point is the best package within one budget level of the frontier's
    resource: what it uses across, its value up. The points are joined from the
    cheapest to the dearest, so the line is the most value each budget can buy. Each
    point is labelled with what its package adds to (+) and drops from (−) the one
    before it (the first with its whole package), and the problem's own budget is a
    dashed line.

    Parameters
    ----------
    result : Frontier
        The result of :func:`powerbalance.portfolio.frontier`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``.

    Raises
    ------
    InvalidParameterError
        ``result`` is not a :class:`~powerbalance.portfolio.Frontier`, or ``ax`` is
        not matplotlib Axes.
    MissingDependencyError
        matplotlib is not installed (``pip install "powerbalance[plot]"``).

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> study = pb.examples.load("great-power-cooperation")
    >>> curve = pb.portfolio.frontier(study.portfolio, resource="Money")
    >>> figure = plot.frontier(curve)
    >>> figure.axes[0].get_xlabel()
    'Money used by the package'
    """
    require_matplotlib()
    from powerbalance.plot._labels import label_points

    if not isinstance(result, Frontier):
        raise InvalidParameterError(
            "powerbalance.plot.frontier needs a Frontier, the result of "
            f"powerbalance.portfolio.frontier(...); got {describe(result)}. Compute it "
            "first, e.g. curve = pb.portfolio.frontier(problem, resource='Money'), then "
            "plot.frontier(curve)."
        )
    ax = new_axes(ax, (10.0, 6.5), "frontier")
    colour = AREA_COLOURS[0]
    cost = floats(result.costs)
    value = floats(result.values)
    packages = result.packages
    ax.plot(cost, value, color=colour, linewidth=1.6, zorder=2, label="best package by budget")
    point: dict[str, Any] = {"s": 46, "linewidths": 0.9, "zorder": 3}
    ax.scatter(cost, value, color=colour, edgecolors=INK, **point)
    limit = result.problem.budget[result.resource]
    if limit is not None:
        ax.axvline(
            limit,
            color=MARKER_GREY,
            linestyle="--",
            linewidth=1.0,
            zorder=1,
            label=f"budget ({limit:,.6g})",
        )
    ax.margins(x=0.2, y=0.15)
    labels = [
        _change(packages[k - 1] if k else None, package) for k, package in enumerate(packages)
    ]
    label_points(
        ax,
        labels,
        [(float(x), float(y)) for x, y in zip(cost, value, strict=True)],
        markers=[7.0] * len(labels),
        fontsize="x-small",
        color=INK,
    )
    ax.set_xlabel(f"{result.resource} used by the package")
    ax.set_ylabel("value of the package (higher is better)")
    method = packages[0].method if packages else None
    ax.set_title(
        f"The best package at each budget of {result.resource}"
        + (f"\n{method_line(method)}" if method is not None else "")
    )
    ax.grid(alpha=0.3)
    ax.set_axisbelow(True)
    legend_beside(ax, fontsize="small")
    return figure_of(ax)
