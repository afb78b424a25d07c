"""Value against cost, with the efficient frontier: :func:`value_for_money`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from powerbalance._render.palette import AREA_COLOURS, INK, MARKER_GREY
from powerbalance.errors import InvalidParameterError
from powerbalance.evaluation._value_against_cost import amount
from powerbalance.evaluation.value_for_money import ValueForMoney
from powerbalance.plot._style import (
    describe,
    figure_of,
    floats,
    legend_beside,
    method_line,
    new_axes,
    require_matplotlib,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["value_for_money"]


def value_for_money(result: ValueForMoney, *, ax: Axes | None = None) -> Figure:
    """Each option's value against its cost, the efficient frontier and its ICERs.

    Each option is a point: its cost across, its value (the score on every criterion
    but the costs) up, so the best place is the top left. The efficient options are
    joined by the frontier, each segment labelled with its ICER (the extra cost per
    unit of extra value); dominated and extendedly dominated options are hollow.

    Parameters
    ----------
    result : ValueForMoney
        The result of :func:`powerbalance.evaluation.value_for_money`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``.

    Raises
    ------
    InvalidParameterError
        ``result`` is not a :class:`~powerbalance.evaluation.ValueForMoney`, or
        ``ax`` is not matplotlib Axes.
    MissingDependencyError
        matplotlib is not installed (``pip install "powerbalance[plot]"``).

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> a = pb.Assessment(
    ...     ["A", "B", "C"], [pb.Criterion("Gain", area="X", kind="benefit"),
    ...                       pb.Criterion("Cost", area="Y", kind="cost", unit="£m")],
    ...     [[1, 10], [3, 50], [2, 60]])
    >>> figure = plot.value_for_money(pb.evaluation.value_for_money(a))
    >>> figure.axes[0].get_xlabel()
    'cost (£m; lower is better)'
    """
    require_matplotlib()
    from powerbalance.plot._labels import label_points

    if not isinstance(result, ValueForMoney):
        raise InvalidParameterError(
            "powerbalance.plot.value_for_money needs a ValueForMoney, the result of "
            f"powerbalance.value_for_money(...); got {describe(result)}. Compute it first, "
            "e.g. vfm = pb.value_for_money(assessment), then plot.value_for_money(vfm)."
        )
    table = result.table
    ax = new_axes(ax, (10.0, 6.5), "value_for_money")
    colour = AREA_COLOURS[0]
    cost = floats(table["cost"])
    value = floats(table["value"])
    on = (table["status"] == "efficient").to_numpy()
    names = [str(name) for name in table.index]

    ax.plot(cost[on], value[on], color=colour, linewidth=1.6, zorder=2, label="efficient frontier")
    point: dict[str, Any] = {"s": 46, "linewidths": 0.9, "zorder": 3}
    ax.scatter(cost[on], value[on], color=colour, edgecolors=INK, label="efficient", **point)
    if not on.all():
        ax.scatter(
            cost[~on],
            value[~on],
            facecolors="white",
            edgecolors=MARKER_GREY,
            label="dominated or extendedly dominated",
            **point,
        )
    for k in range(1, int(on.sum())):
        x = (cost[on][k - 1] + cost[on][k]) / 2
        y = (value[on][k - 1] + value[on][k]) / 2
        icer = table["icer"].to_numpy()[on][k]
        ax.annotate(
            f"ICER {amount(float(icer))}",
            (x, y),
            xytext=(6, -12),
            textcoords="offset points",
            fontsize="x-small",
            color=colour,
        )
    ax.margins(x=0.2, y=0.15)
    label_points(
        ax,
        names,
        [(float(x), float(y)) for x, y in zip(cost, value, strict=True)],
        markers=[7.0] * len(names),
        fontsize="small",
        color=INK,
    )
    unit = f"{result.unit}; " if result.unit else ""
    ax.set_xlabel(f"cost ({unit}lower is better)")
    ax.set_ylabel("value without costs (higher is better)")
    ax.set_title(f"Value for money: the efficient frontier\n{method_line(result.report.method)}")
    ax.grid(alpha=0.3)
    ax.set_axisbelow(True)
    legend_beside(ax, fontsize="small")
    return figure_of(ax)
