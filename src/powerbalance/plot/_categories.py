"""Chart of a sorting: the options in their ordered categories, worst at the bottom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerbalance._render.palette import INK, rank_colours, tint
from powerbalance.errors import InvalidParameterError
from powerbalance.plot._style import describe, figure_of, new_axes, require_matplotlib

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["categories"]

#: How much of a category's colour its band keeps, as in the brief's strips.
_BAND_TINT = 0.18
#: Between two options in a band, and how many characters a band's line holds.
_SEPARATOR = "   "
_PER_LINE = 95


def _lines(labels: list[str], width: int) -> list[str]:
    """The labels side by side, a new line when the next would pass ``width`` characters."""
    lines: list[str] = []
    for label in labels:
        if lines and len(lines[-1]) + len(_SEPARATOR) + len(label) <= width:
            lines[-1] += _SEPARATOR + label
        else:
            lines.append(label)
    return lines


def categories(sorting: object, *, ax: Axes | None = None) -> Figure:
    """One band per category, worst at the bottom and best at the top, its options in it.

    Each category of the sorting model is a horizontal band in a light tint of its
    colour in the ordered palette (the best darkest), named on the y axis; the options
    sorted into it are written side by side in the band, in the assessment's order,
    an option a veto keeps out of the next category marked "(vetoed)". The title names
    the model.

    Parameters
    ----------
    sorting : Sorting
        The result of :func:`powerbalance.screening.sort`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``; one band (a patch) per category
        and one text per option.

    Raises
    ------
    InvalidParameterError
        ``sorting`` is not a :class:`~powerbalance.screening.Sorting`, or ``ax`` is not
        matplotlib Axes.
    MissingDependencyError
        matplotlib is not installed (``pip install "powerbalance[plot]"``).

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> a = pb.Assessment(
    ...     ["A", "B", "C"],
    ...     [pb.Criterion("Gain", area="E", kind="benefit"),
    ...      pb.Criterion("Risk", area="S", kind="risk")],
    ...     [[8, 2], [6, 9], [5, 4]],
    ... )
    >>> model = pb.screening.MRSort(
    ...     ["reject", "consider", "recommend"], {"Gain": [4, 7], "Risk": [6, 3]},
    ... )
    >>> ax = plot.categories(pb.screening.sort(a, model)).axes[0]
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['reject', 'consider', 'recommend']
    """
    require_matplotlib()
    from powerbalance.screening import Sorting
    from powerbalance.screening._why import model_in_words

    if not isinstance(sorting, Sorting):
        raise InvalidParameterError(
            "powerbalance.plot.categories needs a Sorting, the result of "
            f"powerbalance.screening.sort(...); got {describe(sorting)}. Sort the options "
            "first, e.g. sorting = pb.screening.sort(a, model), then plot.categories(sorting)."
        )
    names = list(sorting.model.categories)
    members = sorting.by_category
    vetoed = set(sorting.vetoed)
    labels = {
        name: [f"{o} (vetoed)" if o in vetoed else o for o in members[name]] for name in names
    }
    lines = {name: _lines(labels[name], _PER_LINE) for name in names}
    extra = sum(max(len(found) - 1, 0) for found in lines.values())
    axes = new_axes(ax, (9.0, 0.8 * len(names) + 0.3 * extra + 1.4), "categories")
    colours = list(reversed(rank_colours(len(names))))  # the worst lightest, at position 0
    for position, name in enumerate(names):
        axes.barh(
            position,
            1.0,
            left=0.0,
            height=0.86,
            color=tint(colours[position], _BAND_TINT),
            edgecolor=colours[position],
            linewidth=1.0,
        )
        options = members[name]
        label = "\n".join(lines[name]) or "none"
        axes.text(
            0.015,
            position,
            label,
            va="center",
            ha="left",
            fontsize="medium",
            color=INK,
            style="normal" if options else "italic",
        )
    axes.set_yticks(range(len(names)), names)
    axes.set_ylim(-0.6, len(names) - 0.4)
    axes.set_xlim(0.0, 1.0)
    axes.set_xticks([])
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    axes.set_title(f"Options by category, worst at the bottom\n{model_in_words(sorting.model)}")
    return figure_of(axes)
