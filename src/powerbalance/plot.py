"""Charts of an evaluation: benefits and risks by area, the benefit-risk map, the weights.

Each function draws one chart with matplotlib and returns the
:class:`matplotlib.figure.Figure` that holds it. Without ``ax`` it makes a new figure
that is not registered with :mod:`matplotlib.pyplot`, so nothing piles up in a long
session; with ``ax`` it draws into those axes and returns their figure. The functions
never call ``plt.show()`` and never change matplotlib's global settings: save the
figure with ``figure.savefig(...)``, or draw into axes from ``plt.subplots()`` and call
``plt.show()`` yourself to see it in a window.

matplotlib is an optional dependency: ``python -m pip install 'powerbalance[plot]'``.
``import powerbalance`` does not load this module; import it as
``from powerbalance import plot``.

Examples
--------
>>> import powerbalance as pb
>>> from powerbalance import plot
>>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
>>> figure = plot.benefit_risk(report)
>>> figure.axes[0].get_xlabel()
'weighted risk (lower is better)'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from powerbalance._validate import quoted_list
from powerbalance.errors import InvalidParameterError, WeightError
from powerbalance.evaluation.report import Report
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.sensitivity import Sweep
from powerbalance.sensitivity.smaa import SMAAResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

__all__ = ["acceptability", "benefit_risk", "contributions", "sweep", "weights"]

#: The message of the ImportError raised when matplotlib is not installed.
MISSING_MATPLOTLIB = (
    "powerbalance.plot needs matplotlib: python -m pip install 'powerbalance[plot]'"
)

#: How transparent the options off the efficient frontier are drawn.
FADED = 0.35

#: The hatch that marks risks, in every chart.
RISK_HATCH = "///"

_RGB = tuple[float, float, float]


# -- shared helpers ----------------------------------------------------------------------


def _require_matplotlib() -> None:
    try:
        import matplotlib.figure  # noqa: F401
    except ImportError as error:
        raise ImportError(MISSING_MATPLOTLIB) from error


def _require_report(report: object, function: str) -> Report:
    if not isinstance(report, Report):
        raise InvalidParameterError(
            f"powerbalance.plot.{function} needs a Report, the result of "
            f"powerbalance.evaluate(...); got {_describe(report)}. Evaluate the assessment "
            f"first, e.g. report = pb.evaluate(assessment), then plot.{function}(report)."
        )
    return report


def _describe(value: object) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} of type {type(value).__name__}"


def _axes(ax: Axes | None, size: tuple[float, float], function: str) -> Axes:
    """The axes to draw on: ``ax`` itself, or those of a new figure of ``size`` inches."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if ax is None:
        # Not pyplot.figure(): a figure made here stays out of pyplot's registry.
        return Figure(figsize=size, layout="tight").add_subplot()
    if not isinstance(ax, Axes):
        raise InvalidParameterError(
            f"The 'ax' parameter of powerbalance.plot.{function} must be matplotlib Axes, "
            f"e.g. from fig, ax = plt.subplots(), or None for a new figure; got "
            f"{_describe(ax)}."
        )
    return ax


def _figure_of(ax: Axes) -> Figure:
    """The figure that holds ``ax``; the root figure when ``ax`` sits in a subfigure."""
    from matplotlib.figure import Figure

    figure = ax.figure
    if isinstance(figure, Figure):
        return figure
    return figure.figure  # a subfigure's .figure is the root figure


def _colours(n: int) -> list[_RGB]:
    """``n`` colours from the current colour cycle, read only, repeating if need be."""
    import matplotlib as mpl
    from matplotlib.colors import to_rgb

    cycle: list[Any] = mpl.rcParams["axes.prop_cycle"].by_key().get("color", [])
    if not cycle:
        cycle = list(mpl.colormaps["tab10"].colors)  # type: ignore[attr-defined]
    return [to_rgb(cycle[i % len(cycle)]) for i in range(n)]


def _lighter(colour: _RGB, amount: float = 0.55) -> _RGB:
    """``colour`` mixed with white; ``amount`` 0 leaves it, 1 gives white."""
    red, green, blue = (c + (1.0 - c) * amount for c in colour)
    return (red, green, blue)


def _risk_style(colour: _RGB) -> dict[str, Any]:
    """How a risk is filled: the lighter colour, hatched in the full one."""
    return {
        "facecolor": _lighter(colour),
        "edgecolor": colour,
        "hatch": RISK_HATCH,
        "linewidth": 0.6,
    }


def _floats(values: Any) -> npt.NDArray[np.float64]:
    return np.asarray(values, dtype=np.float64)


# -- contributions -----------------------------------------------------------------------


def contributions(report: Report, *, ax: Axes | None = None) -> Figure:
    """Benefits and risks of each option by area, as signed stacked horizontal bars.

    One bar per option, best option at the top. Each area's weighted benefit stacks to
    the right of zero and its weighted risk (the weight lost to the risk) to the left,
    in the area's colour, the risk lighter and hatched. A diamond marks the option's
    net value, benefit minus risk summed over the areas: for the weighted sum,
    differences in net are differences in score. The numbers are those of
    :attr:`Report.by_area`.

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
        per area and measure, labelled ``"<area> benefit"`` and ``"<area> risk"``, with
        one bar per option in rank order.

    Raises
    ------
    InvalidParameterError
        ``report`` is not a :class:`Report`, or ``ax`` is not matplotlib Axes.
    ImportError
        matplotlib is not installed.

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
    _require_matplotlib()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    report = _require_report(report, "contributions")
    table = report.by_area
    areas = list(report.assessment.areas)
    options = [str(name) for name in table.index]
    n_options = len(options)
    longest = max(len(name) for name in options)
    size = (min(18.0, 8.0 + 0.1 * longest), min(24.0, 1.8 + 0.5 * n_options))
    ax = _axes(ax, size, "contributions")

    rows = np.arange(n_options)
    benefit_edge = np.zeros(n_options)
    risk_edge = np.zeros(n_options)
    handles: list[Any] = []
    for area, colour in zip(areas, _colours(len(areas)), strict=True):
        benefit = _floats(table[(area, "benefit")])
        risk = _floats(table[(area, "risk")])
        ax.barh(
            rows,
            benefit,
            left=benefit_edge,
            height=0.62,
            color=colour,
            edgecolor="white",
            linewidth=0.6,
            label=f"{area} benefit",
        )
        ax.barh(
            rows, -risk, left=-risk_edge, height=0.62, label=f"{area} risk", **_risk_style(colour)
        )
        benefit_edge += benefit
        risk_edge += risk
        handles.append(Patch(facecolor=colour, label=area))
    net = benefit_edge - risk_edge
    ax.axvline(0.0, color="black", linewidth=0.9, zorder=2.5)
    ax.plot(
        net,
        rows,
        linestyle="none",
        marker="D",
        markersize=7,
        markerfacecolor="black",
        markeredgecolor="white",
        zorder=3,
        label="net",
    )
    handles += [
        Patch(facecolor="white", edgecolor="0.35", hatch=RISK_HATCH, label="risk (left of 0)"),
        Line2D(
            [],
            [],
            linestyle="none",
            marker="D",
            markerfacecolor="black",
            markeredgecolor="white",
            label="net (benefit minus risk)",
        ),
    ]
    ax.set_yticks(rows, labels=options)
    ax.invert_yaxis()  # the best option on top
    ax.set_xlabel("weighted benefit (right) and risk (left)")
    ax.set_title(f"Benefit and risk by area, best option at the top ({_method(report)})")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _figure_of(ax)


def _method(report: Report) -> str:
    return type(report.method).__name__


# -- benefit against risk ----------------------------------------------------------------


def benefit_risk(report: Report, *, ax: Axes | None = None) -> Figure:
    """The benefit-against-risk map of the options, with the efficient frontier.

    Each option is a point: its total weighted risk across, its total weighted benefit
    up (:attr:`Report.benefit_risk`), so the best place is the top left. The efficient
    options, those no other option beats on benefit without taking more risk, are
    drawn in full colour and joined by the frontier line (:attr:`Report.frontier`); the
    others are faded. Every point carries the option's name, and the baseline option,
    if the assessment has one, is ringed.

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
    ImportError
        matplotlib is not installed.

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
    _require_matplotlib()
    report = _require_report(report, "benefit_risk")
    table = report.benefit_risk
    frontier = list(report.frontier)
    baseline = report.assessment.baseline
    ax = _axes(ax, (9.0, 6.5), "benefit_risk")
    colour = _colours(1)[0]

    risk = _floats(table["risk"])
    benefit = _floats(table["benefit"])
    on_frontier = np.asarray(table["efficient"], dtype=bool)
    names = [str(name) for name in table.index]

    ax.plot(
        _floats(table.loc[frontier, "risk"]),
        _floats(table.loc[frontier, "benefit"]),
        color=colour,
        linewidth=1.6,
        zorder=2,
        label="efficient frontier",
    )
    ax.scatter(
        risk[on_frontier], benefit[on_frontier], s=46, color=colour, zorder=3, label="efficient"
    )
    if not on_frontier.all():
        ax.scatter(
            risk[~on_frontier],
            benefit[~on_frontier],
            s=46,
            color=colour,
            alpha=FADED,
            zorder=3,
            label="not efficient",
        )
    if baseline is not None:
        row = names.index(baseline)
        ax.scatter(
            [risk[row]],
            [benefit[row]],
            s=240,
            facecolors="none",
            edgecolors="black",
            linewidths=1.4,
            zorder=4,
            label=f"baseline ({baseline})",
            gid="baseline",
        )

    ax.margins(x=0.2, y=0.12)
    middle = (float(risk.min()) + float(risk.max())) / 2.0
    for name, x, y, efficient in zip(names, risk, benefit, on_frontier, strict=True):
        right_half = float(x) > middle and len(names) > 1
        ax.annotate(
            name,
            (float(x), float(y)),
            xytext=(-8 if right_half else 8, 4),
            textcoords="offset points",
            ha="right" if right_half else "left",
            va="bottom",
            fontsize="small",
            alpha=1.0 if efficient else 0.6,
        )
    ax.set_xlabel("weighted risk (lower is better)")
    ax.set_ylabel("weighted benefit (higher is better)")
    ax.set_title(f"Benefit against risk: the efficient frontier ({_method(report)})")
    ax.grid(alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(loc="best", fontsize="small")
    return _figure_of(ax)


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
    beneath it, and risk criteria are hatched. Without one the bars follow the
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
    ImportError
        matplotlib is not installed.

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
    _require_matplotlib()
    weights, assessment = _weights_and_assessment(weights, assessment)
    n_criteria = len(weights)
    n_areas = 0 if assessment is None else len(assessment.areas)
    width = min(30.0, max(6.0, 2.5 + 0.6 * (n_criteria + n_areas)))
    ax = _axes(ax, (width, 6.5), "weights")
    if assessment is None:
        _plain_weights(ax, weights)
    else:
        _weights_by_area(ax, weights, assessment)
    ax.set_ylabel("weight (the weights sum to 1)")
    ax.set_ylim(0.0, float(weights.array.max()) * 1.15)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    return _figure_of(ax)


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
            f"{_describe(weights)}."
        )
    if assessment is None:
        return weights, None
    if not isinstance(assessment, Assessment):
        raise InvalidParameterError(
            "The 'assessment' parameter of powerbalance.plot.weights must be an Assessment "
            f"or None; got {_describe(assessment)}."
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
    bars = ax.bar(positions, weights.array, width=0.7, color=_colours(1)[0], label="weights")
    ax.bar_label(bars, fmt="{:.2g}", fontsize="small", padding=2)
    _criterion_ticks(ax, positions, weights.names)
    ax.set_title("Criterion weights")


def _weights_by_area(ax: Axes, weights: Weights, assessment: Assessment) -> None:
    from matplotlib.patches import Patch

    areas = assessment.areas
    colours = _colours(len(areas))
    positions: list[float] = []
    names: list[str] = []
    start = 0.0
    for area, colour in zip(areas, colours, strict=True):
        criteria = [c for c in assessment.criteria if c.area == area]
        here = start + np.arange(len(criteria))
        bars = ax.bar(
            here,
            [weights[c.name] for c in criteria],
            width=0.75,
            color=colour,
            edgecolor=colour,
            linewidth=0.6,
            label=area,
        )
        for bar, criterion in zip(bars, criteria, strict=True):
            if criterion.is_risk:
                style = _risk_style(colour)
                bar.set_facecolor(style["facecolor"])
                bar.set_hatch(style["hatch"])
        ax.bar_label(bars, fmt="{:.2g}", fontsize="small", padding=2)
        _area_name(ax, area, float(here.mean()), colour)
        positions += here.tolist()
        names += [c.name for c in criteria]
        start += len(criteria) + 1.0  # one empty slot between areas
    _criterion_ticks(ax, np.asarray(positions), names)
    ax.set_xlim(-0.75, start - 1.25)
    grey = (0.45, 0.45, 0.45)
    ax.legend(
        handles=[
            Patch(facecolor=grey, edgecolor=grey, label="benefit criterion"),
            Patch(label="risk criterion", **_risk_style(grey)),
        ],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize="small",
    )
    ax.set_title("Criterion weights by area")


def _criterion_ticks(ax: Axes, positions: npt.NDArray[Any], names: Sequence[str]) -> None:
    ax.set_xticks(positions, labels=list(names), rotation=40, ha="right", rotation_mode="anchor")


def _area_name(ax: Axes, area: str, centre: float, colour: _RGB) -> None:
    """Write ``area`` under its group of bars, below the criterion names."""
    ax.annotate(
        area,
        xy=(centre, 0.0),
        xycoords=("data", _below_tick_labels(ax)),
        xytext=(0, -6),
        textcoords="offset points",
        ha="center",
        va="top",
        fontweight="bold",
        color=colour,
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


# -- weight sweep ----------------------------------------------------------------------


def sweep(result: Sweep, *, ax: Axes | None = None) -> Figure:
    """The weight-sensitivity graph: every option's score as one weight goes from 0 to 1.

    One line per option; a dashed vertical line marks the current weight, and a dot
    each crossover, where first place changes hands.

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
    _require_matplotlib()
    if not isinstance(result, Sweep):
        raise InvalidParameterError(
            f"powerbalance.plot.sweep needs the result of powerbalance.sensitivity.sweep"
            f"(...); got {_describe(result)}."
        )
    axes = _axes(ax, (8.0, 4.8), "sweep")
    colours = _colours(len(result.scores.columns))
    steps = result.steps
    for colour, option in zip(colours, result.scores.columns, strict=True):
        axes.plot(steps, _floats(result.scores[option]), color=colour, label=str(option))
    axes.axvline(result.weight, color="0.3", linestyle="--", linewidth=1, label="current weight")
    if result.crossovers:
        where = [t for t, _, _ in result.crossovers]
        level = [
            float(np.interp(t, steps, _floats(result.scores[after])))
            for t, _, after in result.crossovers
        ]
        axes.plot(where, level, "o", color="0.1", label="first place changes")
    what = f"{result.name} (area)" if result.scope == "area" else result.name
    axes.set_xlabel(f"weight of {what} (the others in proportion)")
    axes.set_ylabel("score")
    axes.set_xlim(0.0, 1.0)
    axes.set_title(f"Scores as the weight of {what} changes")
    axes.legend(fontsize="small", loc="best")
    return _figure_of(axes)


# -- rank acceptability ----------------------------------------------------------------


def acceptability(result: SMAAResult, *, ax: Axes | None = None) -> Figure:
    """Stacked bars of rank acceptability: how often each option takes each rank.

    One horizontal bar per option (best first-rank acceptability at the top), split
    into the shares of the weightings in which it ranks 1st, 2nd, ...; every bar
    adds up to 100%.

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
    _require_matplotlib()
    if not isinstance(result, SMAAResult):
        raise InvalidParameterError(
            f"powerbalance.plot.acceptability needs the result of "
            f"powerbalance.sensitivity.smaa(...); got {_describe(result)}."
        )
    table = result.acceptability
    table = table.iloc[np.argsort(-table.iloc[:, 0].to_numpy(), kind="stable")]
    n = len(table.index)
    axes = _axes(ax, (8.0, 0.45 * n + 1.6), "acceptability")
    colours = _colours(table.shape[1])
    left = np.zeros(n)
    positions = np.arange(n)
    for k, (column, colour) in enumerate(zip(table.columns, colours, strict=True)):
        shares = 100.0 * _floats(table[column])
        axes.barh(positions, shares, left=left, color=colour, label=f"rank {k + 1}")
        left += shares
    axes.set_yticks(positions, [str(name) for name in table.index])
    axes.invert_yaxis()
    axes.set_xlim(0.0, 100.0)
    axes.set_xlabel(f"share of {result.samples:,} weightings (%)")
    axes.set_title("Rank acceptability")
    axes.legend(fontsize="small", ncols=min(n, 7), loc="upper center", bbox_to_anchor=(0.5, -0.15))
    return _figure_of(axes)
