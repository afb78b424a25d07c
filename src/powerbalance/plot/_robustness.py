"""Charts of the robustness analyses: a weight sweep and SMAA's rank acceptability."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from powerbalance._render.palette import INK, MARKER_GREY, rank_colours, text_on
from powerbalance.errors import InvalidParameterError
from powerbalance.plot._style import (
    colours,
    dashes,
    describe,
    figure_of,
    floats,
    legend_beside,
    method_line,
    new_axes,
    require_matplotlib,
)
from powerbalance.sensitivity import Sweep
from powerbalance.sensitivity.smaa import SMAAResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: The smallest share (in %) of a rank acceptability bar that is labelled with its value.
LABELLED_SHARE = 8.0


def sweep(result: Sweep, *, ax: Axes | None = None) -> Figure:
    """The weight-sensitivity graph: every option's score as one weight goes from 0 to 1.

    One line per option, each in its own colour and dash; a dashed vertical line marks
    the current weight, and a dot each crossover, where first place changes hands. The
    legend stands beside the axes.

    Parameters
    ----------
    result : Sweep
        The result of :func:`powerbalance.sensitivity.sweep`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``; one line per option, labelled
        with the option's name, a line labelled ``"current weight"`` and the
        crossovers labelled ``"first place changes"``.

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> figure = plot.sweep(pb.sensitivity.sweep(a, "Security"))
    >>> len([line for line in figure.axes[0].lines if line.get_label() in a.option_names])
    7
    """
    require_matplotlib()
    if not isinstance(result, Sweep):
        raise InvalidParameterError(
            f"powerbalance.plot.sweep needs the result of powerbalance.sensitivity.sweep"
            f"(...); got {describe(result)}."
        )
    axes = new_axes(ax, (9.5, 4.8), "sweep")
    options = [str(option) for option in result.scores.columns]
    steps = result.steps
    for option, colour, style in zip(options, colours(options), dashes(len(options)), strict=True):
        axes.plot(steps, floats(result.scores[option]), color=colour, linestyle=style, label=option)
    # Grey and dotted: apart from every option's line, whatever its colour and dash.
    axes.axvline(
        result.weight, color=MARKER_GREY, linestyle=":", linewidth=1.5, label="current weight"
    )
    if result.crossovers:
        where = [t for t, _, _ in result.crossovers]
        level = [
            float(np.interp(t, steps, floats(result.scores[after])))
            for t, _, after in result.crossovers
        ]
        axes.plot(where, level, "o", color=INK, label="first place changes")
    what = f"{result.name} (area)" if result.scope == "area" else result.name
    axes.set_xlabel(f"weight of {what} (the others in proportion)")
    axes.set_ylabel("score")
    axes.set_xlim(0.0, 1.0)
    title = f"Scores as the weight of {what} changes"
    if result.method is not None:
        title += f"\n{method_line(result.method)}"
    axes.set_title(title)
    axes.grid(alpha=0.3)
    axes.set_axisbelow(True)
    legend_beside(axes, fontsize="small")
    return figure_of(axes)


def acceptability(result: SMAAResult, *, ax: Axes | None = None) -> Figure:
    """Stacked bars of rank acceptability: how often each option takes each rank.

    One horizontal bar per option (best first-rank acceptability at the top, then by
    holistic acceptability, in the order of the result's page), split into the shares
    of the weightings in which it ranks 1st, 2nd, ...; every bar adds up to 100%. The
    ranks take the ordered palette of the page's chart, first place darkest, and every
    share of at least :data:`LABELLED_SHARE` % is written on its segment.

    Parameters
    ----------
    result : SMAAResult
        The result of :func:`powerbalance.sensitivity.smaa.smaa`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``; one bar container per rank,
        labelled ``"rank 1"``, ``"rank 2"``, ...

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> result = pb.sensitivity.smaa(a, samples=500, seed=1)
    >>> len(plot.acceptability(result).axes[0].containers)
    7
    """
    require_matplotlib()
    if not isinstance(result, SMAAResult):
        raise InvalidParameterError(
            f"powerbalance.plot.acceptability needs the result of "
            f"powerbalance.sensitivity.smaa(...); got {describe(result)}."
        )
    table = result.acceptability
    # The order of the result's own page: first-rank share, then holistic acceptability.
    first, holistic = table.iloc[:, 0].to_numpy(), result.holistic.to_numpy()
    table = table.iloc[np.lexsort((-holistic, -first))]
    n = len(table.index)
    longest = max(len(str(name)) for name in table.index)
    axes = new_axes(ax, (min(16.0, 8.5 + 0.08 * longest), 0.45 * n + 2.0), "acceptability")
    left = np.zeros(n)
    positions = np.arange(n)
    for k, (column, colour) in enumerate(zip(table.columns, rank_colours(n), strict=True)):
        shares = 100.0 * floats(table[column])
        bars = axes.barh(
            positions,
            shares,
            left=left,
            color=colour,
            edgecolor="white",
            linewidth=0.8,
            label=f"rank {k + 1}",
        )
        texts = [f"{share:.0f}%" if share >= LABELLED_SHARE else "" for share in shares]
        axes.bar_label(
            bars, labels=texts, label_type="center", fontsize="small", color=text_on(colour)
        )
        left += shares
    axes.set_yticks(positions, [str(name) for name in table.index])
    axes.invert_yaxis()
    axes.set_xlim(0.0, 100.0)
    axes.set_xlabel(f"share of {result.samples:,} weightings (%)")
    axes.set_title(
        f"Rank acceptability: how often each option takes each rank\n{method_line(result.method)}"
    )
    legend_beside(axes, fontsize="small")
    return figure_of(axes)
