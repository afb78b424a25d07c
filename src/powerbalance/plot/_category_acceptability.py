"""Chart of robust sorting: how often each option falls in each category."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from powerbalance._render.palette import rank_colours, text_on
from powerbalance.errors import InvalidParameterError
from powerbalance.plot._style import (
    describe,
    figure_of,
    floats,
    legend_beside,
    new_axes,
    require_matplotlib,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: The smallest share (in %) of a category segment that is labelled with its value.
LABELLED_SHARE = 8.0


def category_acceptability(result: object, *, ax: Axes | None = None) -> Figure:
    """Stacked bars of category acceptability: how often each option falls in each category.

    One horizontal bar per option, split into the shares of the draws that put it in
    each category, best category first (on the left) and darkest; every bar adds up
    to 100%. Options run from the best placed (highest average category) at the top
    to the worst, and every share of at least :data:`LABELLED_SHARE` % is written on
    its segment.

    Parameters
    ----------
    result : CategoryAcceptability
        The result of :func:`powerbalance.screening.acceptability`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``; one bar container per category,
        labelled with the category's name, best category first.

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> a = pb.Assessment(
    ...     ["A", "B"],
    ...     [pb.Criterion("Gain", area="E", kind="benefit"),
    ...      pb.Criterion("Risk", area="S", kind="risk")],
    ...     [[8, 2], [6, 7]],
    ... )
    >>> model = pb.screening.MRSort(["reject", "accept"], {"Gain": 5, "Risk": 5})
    >>> result = pb.screening.acceptability(a, model, samples=500, seed=1)
    >>> [c.get_label() for c in plot.category_acceptability(result).axes[0].containers]
    ['accept', 'reject']
    """
    require_matplotlib()
    from powerbalance.screening import CategoryAcceptability

    if not isinstance(result, CategoryAcceptability):
        raise InvalidParameterError(
            f"powerbalance.plot.category_acceptability needs the result of "
            f"powerbalance.screening.acceptability(...); got {describe(result)}."
        )
    shares = result.shares
    names = [str(name) for name in shares.columns]
    # Best placed first: the highest average category, then the assessment's order.
    average = shares.to_numpy() @ np.arange(len(names))
    table = shares.iloc[np.lexsort((np.arange(len(average)), -average))]
    n = len(table.index)
    longest = max((len(str(name)) for name in table.index), default=1)
    axes = new_axes(ax, (min(16.0, 8.5 + 0.08 * longest), 0.45 * n + 2.0), "category_acceptability")
    left = np.zeros(n)
    positions = np.arange(n)
    best_first = names[::-1]
    for name, colour in zip(best_first, rank_colours(len(names)), strict=True):
        values = 100.0 * floats(table[name])
        bars = axes.barh(
            positions, values, left=left, color=colour, edgecolor="white", linewidth=0.8, label=name
        )
        texts = [f"{value:.0f}%" if value >= LABELLED_SHARE else "" for value in values]
        axes.bar_label(
            bars, labels=texts, label_type="center", fontsize="small", color=text_on(colour)
        )
        left += values
    axes.set_yticks(positions, [str(name) for name in table.index])
    axes.invert_yaxis()
    axes.set_xlim(0.0, 100.0)
    axes.set_xlabel(f"share of {result.samples:,} draws (%)")
    axes.set_title(
        "Category acceptability: how often each option falls in each category\n"
        + _model_line(result)
    )
    legend_beside(axes, fontsize="small", title="category")
    return figure_of(axes)


def _model_line(result: object) -> str:
    from powerbalance.screening._why import model_in_words

    return model_in_words(result.model)  # type: ignore[attr-defined]
