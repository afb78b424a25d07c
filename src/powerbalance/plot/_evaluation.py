"""Charts of one evaluation: benefits and risks by area, the benefit-risk map, the weights."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from powerbalance._render.palette import AREA_COLOURS, INK, MARKER_GREY
from powerbalance._validate import quoted_list
from powerbalance.errors import InvalidParameterError, WeightError
from powerbalance.evaluation.report import Report
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.plot._style import (
    FADED,
    colours,
    describe,
    figure_of,
    floats,
    legend_beside,
    measure_style,
    method_line,
    new_axes,
    require_matplotlib,
    require_report,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

#: A grey for the keys of the legend that stand for every area (benefit, risk).
_KEY_GREY = MARKER_GREY


# -- contributions -----------------------------------------------------------------------


def contributions(report: Report, *, ax: Axes | None = None) -> Figure:
    """Benefits and risks of each option by area, as signed stacked horizontal bars.

    One bar per option, best option at the top. Each area's weighted benefit stacks to
    the right of zero and its weighted risk (the weight lost to the risk) to the left,
    both in the area's colour, the benefit solid and the risk striped, so that an area
    keeps its colour and a risk never passes for another area's benefit. A diamond
    marks the option's net value, benefit minus risk summed over the areas: for the
    weighted sum, differences in net are differences in score. The numbers are those
    of :attr:`Report.by_area`. The legend stands beside the axes, off the bars.

    Parameters
    ----------
    report : Report
        The result of :func:`powerbalance.evaluation.evaluate`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``. Its axes hold one bar container
        per area and measure, labelled ``"<area> benefit"`` and ``"<area> risk"`` (and
        ``"<area> cost"``, cross-hatched beyond the risks, when the assessment has a
        cost criterion), with one bar per option in rank order.

    Raises
    ------
    InvalidParameterError
        ``report`` is not a :class:`Report`, or ``ax`` is not matplotlib Axes.
    MissingDependencyError
        matplotlib is not installed (``pip install "powerbalance[plot]"``).

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
    >>> figure = plot.contributions(report)
    >>> axes = figure.axes[0]
    >>> [label.get_text() for label in axes.get_yticklabels()][:2]
    ['Targeted cooperation', 'Technology investment']
    >>> len(axes.containers)  # 5 areas, each a benefit and a risk
    10
    """
    require_matplotlib()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    report = require_report(report, "contributions")
    table = report.by_area
    areas = list(report.assessment.areas)
    options = [str(name) for name in table.index]
    n_options = len(options)
    longest = max(len(name) for name in options)
    size = (min(18.0, 8.5 + 0.1 * longest), min(24.0, 2.2 + 0.5 * n_options))
    ax = new_axes(ax, size, "contributions")

    rows = np.arange(n_options)
    benefit_edge = np.zeros(n_options)
    risk_edge = np.zeros(n_options)
    handles: list[Any] = []
    losses = ("risk", "cost") if report.assessment.costs else ("risk",)
    for area, colour in zip(areas, colours(areas), strict=True):
        benefit = floats(table[(area, "benefit")])
        ax.barh(
            rows,
            benefit,
            left=benefit_edge,
            height=0.62,
            label=f"{area} benefit",
            **measure_style(colour, "benefit"),
        )
        for measure in losses:
            loss = floats(table[(area, measure)])
            ax.barh(
                rows,
                -loss,
                left=-risk_edge,
                height=0.62,
                label=f"{area} {measure}",
                **measure_style(colour, measure),
            )
            risk_edge += loss
        benefit_edge += benefit
        handles.append(Patch(label=area, **measure_style(colour, "benefit")))
    net = benefit_edge - risk_edge
    ax.axvline(0.0, color=INK, linewidth=0.9, zorder=2.5)
    ax.plot(
        net,
        rows,
        linestyle="none",
        marker="D",
        markersize=7,
        markerfacecolor=INK,
        markeredgecolor="white",
        zorder=3,
        label="net",
    )
    handles += [
        Patch(label="benefit (right of 0)", **measure_style(_KEY_GREY, "benefit")),
        *(
            Patch(label=f"{measure} (left of 0)", **measure_style(_KEY_GREY, measure))
            for measure in losses
        ),
        Line2D(
            [],
            [],
            linestyle="none",
            marker="D",
            markerfacecolor=INK,
            markeredgecolor="white",
            label=f"net (benefit minus {' and '.join(losses)})",
        ),
    ]
    ax.set_yticks(rows, labels=options)
    ax.invert_yaxis()  # the best option on top
    ax.set_xlabel(f"weighted benefit (right) and {' and '.join(losses)} (left)")
    what = "Benefit, risk and cost" if len(losses) == 2 else "Benefit and risk"
    ax.set_title(f"{what} by area, best option at the top\n{method_line(report.method)}")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    legend_beside(ax, handles=handles)
    return figure_of(ax)


# -- benefit against risk ----------------------------------------------------------------


def benefit_risk(report: Report, *, ax: Axes | None = None) -> Figure:
    """The benefit-against-risk map of the options, with the efficient frontier.

    Each option is a point: its total weighted risk across, its total weighted benefit
    up (:attr:`Report.benefit_risk`), so the best place is the top left. The efficient
    options, those no other option beats on benefit without taking more risk, are
    drawn in full colour and joined by the frontier line (:attr:`Report.frontier`); the
    others are faded. Every point carries the option's name, placed when the figure is
    drawn so that no two names overlap and none covers a point; the baseline option,
    if the assessment has one, is ringed. The legend stands beside the axes.

    Parameters
    ----------
    report : Report
        The result of :func:`powerbalance.evaluation.evaluate`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``. Its axes hold the frontier line
        (label ``"efficient frontier"``, through the frontier options highest benefit
        first) and the point collections ``"efficient"`` and ``"not efficient"`` (the
        latter only when there are such options), plus ``"baseline"`` if there is one.

    Raises
    ------
    InvalidParameterError
        ``report`` is not a :class:`Report`, or ``ax`` is not matplotlib Axes.
    MissingDependencyError
        matplotlib is not installed (``pip install "powerbalance[plot]"``).

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> from matplotlib.figure import Figure
    >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
    >>> figure = Figure(figsize=(14, 5), layout="constrained")
    >>> left, right = figure.subplots(1, 2)
    >>> plot.benefit_risk(report, ax=left) is figure
    True
    >>> line = next(line for line in left.lines if line.get_label() == "efficient frontier")
    >>> on_frontier = report.benefit_risk.loc[list(report.frontier)]
    >>> line.get_ydata().tolist() == on_frontier["benefit"].tolist()
    True
    """
    require_matplotlib()
    from powerbalance.plot._labels import label_points

    report = require_report(report, "benefit_risk")
    table = report.benefit_risk
    frontier = list(report.frontier)
    baseline = report.assessment.baseline
    ax = new_axes(ax, (10.0, 6.5), "benefit_risk")
    colour = AREA_COLOURS[0]

    # With costs, efficiency weighs benefit against risk and cost together.
    burden = table["risk"] + table["cost"] if "cost" in table.columns else table["risk"]
    against = "risk and cost" if "cost" in table.columns else "risk"
    risk = floats(burden)
    benefit = floats(table["benefit"])
    on_frontier = np.asarray(table["efficient"], dtype=bool)
    names = [str(name) for name in table.index]

    ax.plot(
        floats(burden.loc[frontier]),
        floats(table.loc[frontier, "benefit"]),
        color=colour,
        linewidth=1.6,
        zorder=2,
        label="efficient frontier",
    )
    point: dict[str, Any] = {
        "s": 46,
        "color": colour,
        "edgecolors": INK,
        "linewidths": 0.6,
        "zorder": 3,
    }
    ax.scatter(risk[on_frontier], benefit[on_frontier], label="efficient", **point)
    if not on_frontier.all():
        ax.scatter(
            risk[~on_frontier], benefit[~on_frontier], alpha=FADED, label="not efficient", **point
        )
    markers = [7.0] * len(names)
    if baseline is not None:
        row = names.index(baseline)
        ax.scatter(
            [risk[row]],
            [benefit[row]],
            s=240,
            facecolors="none",
            edgecolors=INK,
            linewidths=1.4,
            zorder=4,
            label=f"baseline ({baseline})",
            gid="baseline",
        )
        markers[row] = 16.0
    ax.margins(x=0.25, y=0.15)
    labels = label_points(
        ax,
        names,
        [(float(x), float(y)) for x, y in zip(risk, benefit, strict=True)],
        markers=markers,
        fontsize="small",
        color=INK,
    )
    for label, efficient in zip(labels, on_frontier, strict=True):
        label.set_alpha(1.0 if efficient else 0.7)
    ax.set_xlabel(f"weighted {against} (lower is better)")
    ax.set_ylabel("weighted benefit (higher is better)")
    ax.set_title(f"Benefit against {against}: the efficient frontier\n{method_line(report.method)}")
    ax.grid(alpha=0.3)
    ax.set_axisbelow(True)
    legend_beside(ax, fontsize="small")
    return figure_of(ax)


# -- weights -----------------------------------------------------------------------------


def weights(
    weights: Weights | Report,
    assessment: Assessment | None = None,
    *,
    ax: Axes | None = None,
) -> Figure:
    """The criterion weights as bars, grouped and coloured by area when the areas are known.

    With an assessment (or a report, which carries one) the bars are grouped by area
    in the assessment's order, each group in its area's colour with the area's name
    beneath it, and risk criteria are striped. Without one the bars follow the
    weights' own order in a single colour. Each bar is labelled with its weight; the
    weights sum to 1.

    Parameters
    ----------
    weights : Weights or Report
        The weights to draw; from a report, its weights and its assessment.
    assessment : Assessment, optional
        The assessment the weights belong to, for the areas and kinds of the criteria.
        Not accepted with a report, which has its own.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into. By default a new figure is made.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure holding ``ax``. With an assessment its axes hold
        one bar container per area, labelled with the area's name; without, a single
        container labelled ``"weights"``.

    Raises
    ------
    WeightError
        The weights and the assessment name different criteria; the message lists them.
    InvalidParameterError
        ``weights`` is neither :class:`Weights` nor a :class:`Report`, ``assessment``
        is not an :class:`Assessment` or is given with a report, or ``ax`` is not
        matplotlib Axes.
    MissingDependencyError
        matplotlib is not installed (``pip install "powerbalance[plot]"``).

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance import plot
    >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
    >>> figure = plot.weights(report)
    >>> [container.get_label() for container in figure.axes[0].containers]
    ['Economic', 'Security', 'Environment', 'Technology', 'Diplomacy']
    >>> figure = plot.weights(pb.Weights.from_mapping({"Trade": 3, "Escalation": 1}))
    >>> [float(bar.get_height()) for bar in figure.axes[0].patches]
    [0.75, 0.25]
    """
    require_matplotlib()
    weights, assessment = _weights_and_assessment(weights, assessment)
    n_criteria = len(weights)
    n_areas = 0 if assessment is None else len(assessment.areas)
    width = min(30.0, max(6.0, 4.0 + 0.6 * (n_criteria + n_areas)))
    ax = new_axes(ax, (width, 6.5), "weights")
    if assessment is None:
        _plain_weights(ax, weights)
    else:
        _weights_by_area(ax, weights, assessment)
    ax.set_ylabel("weight (the weights sum to 1)")
    ax.set_ylim(0.0, float(weights.array.max()) * 1.15)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    return figure_of(ax)


def _weights_and_assessment(
    weights: object, assessment: object
) -> tuple[Weights, Assessment | None]:
    """Check the input of :func:`weights` and take a report apart."""
    if isinstance(weights, Report):
        if assessment is not None:
            raise InvalidParameterError(
                "powerbalance.plot.weights takes an assessment only with Weights: a Report "
                "already carries the assessment it was evaluated on. Call "
                "plot.weights(report), or plot.weights(weights, assessment)."
            )
        return weights.weights, weights.assessment
    if not isinstance(weights, Weights):
        raise InvalidParameterError(
            "The 'weights' parameter of powerbalance.plot.weights must be Weights (e.g. "
            "pb.Weights.from_mapping({...}) or report.weights) or a Report; got "
            f"{describe(weights)}."
        )
    if assessment is None:
        return weights, None
    if not isinstance(assessment, Assessment):
        raise InvalidParameterError(
            "The 'assessment' parameter of powerbalance.plot.weights must be an Assessment "
            f"or None; got {describe(assessment)}."
        )
    _check_same_criteria(weights, assessment)
    return weights, assessment


def _check_same_criteria(weights: Weights, assessment: Assessment) -> None:
    criteria = assessment.criterion_names
    known, given = set(criteria), set(weights.names)
    unknown = [name for name in weights.names if name not in known]
    missing = [name for name in criteria if name not in given]
    if not unknown and not missing:
        return
    problems = []
    if unknown:
        problems.append(
            f"weights are given for {quoted_list(unknown)}, which the assessment does not have"
        )
    if missing:
        problems.append(f"no weight is given for {quoted_list(missing)}")
    raise WeightError(
        "The weights do not belong to this assessment: "
        + "; ".join(problems)
        + ". Pass the weights made for this assessment (e.g. report.weights with "
        "report.assessment, or plot.weights(report)), or rename the criteria to match."
    )


def _plain_weights(ax: Axes, weights: Weights) -> None:
    positions = np.arange(len(weights))
    style = measure_style(AREA_COLOURS[0], "benefit")
    bars = ax.bar(positions, weights.array, width=0.7, label="weights", **style)
    ax.bar_label(bars, fmt="{:.2g}", fontsize="small", padding=2, color=INK)
    _criterion_ticks(ax, positions, weights.names)
    ax.set_title("Criterion weights")


def _weights_by_area(ax: Axes, weights: Weights, assessment: Assessment) -> None:
    from matplotlib.patches import Patch

    areas = list(assessment.areas)
    positions: list[float] = []
    names: list[str] = []
    start = 0.0
    for area, colour in zip(areas, colours(areas), strict=True):
        criteria = [c for c in assessment.criteria if c.area == area]
        here = start + np.arange(len(criteria))
        bars = ax.bar(
            here,
            [weights[c.name] for c in criteria],
            width=0.75,
            label=area,
            **measure_style(colour, "benefit"),
        )
        for bar, criterion in zip(bars, criteria, strict=True):
            if criterion.lower_is_better:
                style = measure_style(colour, criterion.kind)
                bar.set_edgecolor(style["edgecolor"])
                bar.set_hatch(style["hatch"])
        ax.bar_label(bars, fmt="{:.2g}", fontsize="small", padding=2, color=INK)
        _area_name(ax, area, float(here.mean()))
        positions += here.tolist()
        names += [c.name for c in criteria]
        start += len(criteria) + 1.0  # one empty slot between areas
    _criterion_ticks(ax, np.asarray(positions), names)
    ax.set_xlim(-0.75, start - 1.25)
    legend_beside(
        ax,
        handles=[
            Patch(label="benefit criterion", **measure_style(_KEY_GREY, "benefit")),
            Patch(label="risk criterion", **measure_style(_KEY_GREY, "risk")),
            *(
                [Patch(label="cost criterion", **measure_style(_KEY_GREY, "cost"))]
                if assessment.costs
                else []
            ),
        ],
        fontsize="small",
    )
    ax.set_title("Criterion weights by area")


def _criterion_ticks(ax: Axes, positions: npt.NDArray[Any], names: Sequence[str]) -> None:
    ax.set_xticks(positions, labels=list(names), rotation=40, ha="right", rotation_mode="anchor")


def _area_name(ax: Axes, area: str, centre: float) -> None:
    """Write ``area`` under its group of bars, below the criterion names.

    In the ink colour: some area colours are too light to read as text on white.
    """
    ax.annotate(
        area,
        xy=(centre, 0.0),
        xycoords=("data", _below_tick_labels(ax)),
        xytext=(0, -6),
        textcoords="offset points",
        ha="center",
        va="top",
        fontweight="bold",
        color=INK,
    )


def _below_tick_labels(ax: Axes) -> Callable[[RendererBase], Bbox]:
    """A coordinate system whose y = 0 is the bottom of the x axis' tick labels.

    Worked out at each draw, so the area names stay clear of the criterion names
    however long those are.
    """

    def bbox(renderer: RendererBase) -> Bbox:
        extent = ax.xaxis.get_tightbbox(renderer)
        return ax.bbox if extent is None else extent

    return bbox
