"""Charts of a scenario analysis: the regret heat map and every option's score by scenario."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np

from powerbalance._render.palette import INK, rank_colours, text_on
from powerbalance._render.words import number
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
from powerbalance.scenarios import ScenarioAnalysis

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Scenario names on an axis are wrapped to lines of at most this many characters.
WRAP = 18


def _require_analysis(analysis: object, function: str) -> ScenarioAnalysis:
    if not isinstance(analysis, ScenarioAnalysis):
        raise InvalidParameterError(
            f"powerbalance.plot.{function} needs the result of "
            f"powerbalance.scenarios.evaluate(...); got {describe(analysis)}."
        )
    return analysis


def _wrapped(names: tuple[str, ...]) -> list[str]:
    return ["\n".join(textwrap.wrap(name, WRAP)) or name for name in names]


def regret(analysis: ScenarioAnalysis, *, ax: Axes | None = None) -> Figure:
    """A heat map of regret: options down the side, scenarios along the bottom.

    Each cell is the option's regret in the scenario (the best score there minus
    the option's), written in the cell and coloured on an ordered, colour-blind-safe
    palette, lightest for no regret and darkest for the most. The options run from
    the smallest largest regret (minimax regret's choice) at the top to the largest at
    the bottom; each option's largest regret, the value minimax regret reads, is
    outlined and written in bold.

    Parameters
    ----------
    analysis : ScenarioAnalysis
        The result of :func:`powerbalance.scenarios.evaluate`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``: the heat map (an image labelled
        ``"regret"``), a colour bar, and the outlines labelled ``"largest regret"``.

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> analysis = pb.scenarios.evaluate(pb.examples.load().assessment)
    >>> figure = plot.regret(analysis)
    >>> figure.axes[0].images[0].get_array().shape
    (7, 4)
    """
    require_matplotlib()
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.patches import Rectangle

    analysis = _require_analysis(analysis, "regret")
    table = analysis.regret
    values = floats(table)
    options = [str(name) for name in table.index]
    largest = values.max(axis=1)
    order = np.lexsort((np.arange(len(options)), largest))
    values, options = values[order], [options[i] for i in order]
    n_options, n_scenarios = values.shape
    longest = max(len(name) for name in options)
    axes = new_axes(
        ax,
        (min(16.0, 4.5 + 0.08 * longest + 1.6 * n_scenarios), 0.5 * n_options + 2.6),
        "regret",
    )
    palette = rank_colours(10)[::-1]  # lightest for no regret, darkest for the most
    colour_map = LinearSegmentedColormap.from_list("regret", palette)
    top = float(values.max()) or 1.0
    image = axes.imshow(
        values, cmap=colour_map, vmin=0.0, vmax=top, aspect="auto", interpolation="nearest"
    )
    image.set_label("regret")
    for i in range(n_options):
        worst = int(np.argmax(values[i]))
        for j in range(n_scenarios):
            fill = colour_map(values[i, j] / top)
            hex_fill = "#{:02X}{:02X}{:02X}".format(*(round(255 * c) for c in fill[:3]))
            axes.text(
                j,
                i,
                number(values[i, j]),
                ha="center",
                va="center",
                fontsize="small",
                # Bold as well as outlined: an outline is faint on the darkest cells.
                fontweight="bold" if j == worst else "normal",
                color=text_on(hex_fill),
            )
        axes.add_patch(
            Rectangle(
                (worst - 0.5, i - 0.5),
                1.0,
                1.0,
                fill=False,
                edgecolor=INK,
                linewidth=2.0,
                label="largest regret" if i == 0 else "_nolegend_",
            )
        )
    axes.set_xticks(np.arange(n_scenarios), _wrapped(analysis.scenarios), fontsize="small")
    axes.set_yticks(np.arange(n_options), options)
    axes.tick_params(length=0)
    axes.set_xlabel("scenario")
    bar = figure_of(axes).colorbar(image, ax=axes, fraction=0.05, pad=0.02)
    bar.set_label("regret: the best score in the scenario minus the option's")
    axes.set_title(
        f"Regret in each scenario (outlined: each option's largest)\n{method_line(analysis.method)}"
    )
    return figure_of(axes)


def scenario_scores(analysis: ScenarioAnalysis, *, ax: Axes | None = None) -> Figure:
    """Every option's score in each scenario: one line of dots per option.

    The scenarios stand along the bottom in the assessment's order; each option's
    scores are joined by a line in its own colour and dash (the palette of every
    chart), so that where two lines cross, first place may change hands. The legend
    stands beside the axes.

    Parameters
    ----------
    analysis : ScenarioAnalysis
        The result of :func:`powerbalance.scenarios.evaluate`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``; one line per option, labelled
        with the option's name, its points at x = 0, 1, ... in scenario order.

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> analysis = pb.scenarios.evaluate(pb.examples.load().assessment)
    >>> [line.get_label() for line in plot.scenario_scores(analysis).axes[0].lines][:2]
    ['Targeted cooperation', 'Allied intelligence sharing']
    """
    require_matplotlib()
    analysis = _require_analysis(analysis, "scenario_scores")
    table = analysis.scores
    options = [str(name) for name in table.index]
    n_scenarios = len(analysis.scenarios)
    longest = max(len(name) for name in options)
    axes = new_axes(
        ax, (min(16.0, 5.5 + 0.08 * longest + 1.4 * n_scenarios), 5.0), "scenario_scores"
    )
    positions = np.arange(n_scenarios)
    for option, colour, style in zip(options, colours(options), dashes(len(options)), strict=True):
        axes.plot(
            positions,
            floats(table.loc[option]),
            color=colour,
            linestyle=style,
            marker="o",
            label=option,
        )
    axes.set_xticks(positions, _wrapped(analysis.scenarios), fontsize="small")
    axes.set_xlim(-0.3, n_scenarios - 0.7)
    axes.set_xlabel("scenario")
    axes.set_ylabel("score (higher is better)")
    axes.set_title(f"Scores in each scenario\n{method_line(analysis.method)}")
    axes.grid(alpha=0.3)
    axes.set_axisbelow(True)
    legend_beside(axes, fontsize="small")
    return figure_of(axes)
