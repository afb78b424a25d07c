r"""How far the weights can move before the answer changes.

:func:`stability` moves one weight at a time, for each criterion and for each area
(the area's criteria together), and rescales the other weights in proportion so that
they still sum to 1. With :math:`w_j` the weight being moved to :math:`t` and
:math:`w` the current weights,

.. math::

    w(t) = t\,e_j + (1 - t)\,\frac{w - w_j e_j}{1 - w_j}, \qquad 0 \le t \le 1

(for an area, :math:`e_j` is the area's criteria in their current proportions). It
reports the interval of :math:`t` around the current weight over which the top option
stays first, the interval over which the whole ranking stays the same, and at each end
the pair of options that swaps.

For methods whose score is linear in the weights (the weighted sum and PROMETHEE II:
each option's score is :math:`\sum_j w_j u_{ij}` with :math:`u_{ij}` its score when
all weight is on criterion *j*), every score is linear in :math:`t` and the ends are
the exact crossing points of two lines, the critical weights of Triantaphyllou and
Sánchez (1997). For the other methods the ends are found on the batched scores: a grid
of 201 weights brackets each change and bisection narrows it to :math:`10^{-6}`.

:func:`sweep` runs one weight from 0 to 1 and records every option's score and rank,
and :func:`smaa` (from :mod:`powerbalance.sensitivity.smaa`, where its weight information and
result are) admits every weighting the stakeholders could defend at once.

Examples
--------
>>> import powerbalance as pb
>>> s = stability(pb.examples.load("great-power-cooperation").assessment)
>>> s.critical.taken_over_by
'Technology investment'
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> result = pb.sensitivity.smaa(a, samples=1_000, seed=1)
>>> result.acceptability.shape
(7, 7)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._render import (
    Document,
    Figure,
    Paragraph,
    Rendered,
    Table,
    colours_for,
    component,
    full_name,
    in_words,
    join_words,
    number,
    plain,
)
from powerbalance._render.palette import MARKER_GREY
from powerbalance._render.svg_intervals import Track, interval_tracks
from powerbalance._version import __version__
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.methods import Method, MethodLike, resolve_method, scored
from powerbalance.methods.ranking import TIE_TOLERANCE, rank_and_order
from powerbalance.model import Assessment
from powerbalance.sensitivity._path import (
    bisect,
    direction,
    linear_scorer,
    moving_criteria,
    weight_path,
)
from powerbalance.weighting import WeightingLike, apply_weighting, resolve_weighting

__all__ = ["STABILITY_SCHEMA", "Critical", "Stability", "StabilityInterval", "stability"]

STABILITY_SCHEMA = "powerbalance.sensitivity.stability/1"
"""The schema tag of :meth:`Stability.to_dict`; it changes when the layout does.

Examples
--------
>>> import powerbalance as pb
>>> s = stability(pb.examples.load("engage-or-contain").assessment)
>>> s.to_dict()["schema"] == STABILITY_SCHEMA
True
"""

FloatArray: TypeAlias = npt.NDArray[np.float64]

#: Grid of weights on which non-linear methods are bracketed before bisection.
GRID_POINTS = 201


@attrs.frozen
class StabilityInterval:
    """The stability of the result as one weight (of a criterion or an area) moves.

    Attributes
    ----------
    name : str
        The criterion or area.
    scope : {"criterion", "area"}
        What moves.
    weight : float
        The current weight (an area's: the sum of its criteria's weights).
    top_low, top_high : float
        The interval of the weight over which the top option stays first.
    top_swap_low, top_swap_high : tuple of str, or None
        At each end, (the current top option, the option that overtakes it); None
        where the end is 0 or 1 and nothing changes.
    ranking_low, ranking_high : float
        The interval over which the whole ranking stays the same.
    ranking_swap_low, ranking_swap_high : tuple of str, or None
        At each end, the two options whose order swaps first.
    area : str or None
        The area of the criterion (an area's own name); None when not known.

    Examples
    --------
    >>> import powerbalance as pb
    >>> interval = stability(pb.examples.load("great-power-cooperation").assessment).intervals[0]
    >>> interval.name, interval.scope, interval.top_low <= interval.weight <= interval.top_high
    ('Trade tensions eased', 'criterion', True)
    """

    name: str
    scope: str
    weight: float
    top_low: float
    top_high: float
    top_swap_low: tuple[str, str] | None
    top_swap_high: tuple[str, str] | None
    ranking_low: float
    ranking_high: float
    ranking_swap_low: tuple[str, str] | None
    ranking_swap_high: tuple[str, str] | None
    area: str | None = None


@attrs.frozen
class Critical:
    """The smallest single-weight change that changes the top option.

    Attributes
    ----------
    name, scope : str
        The criterion or area whose weight moves.
    weight, threshold : float
        Its current weight and the weight at which the top option changes.
    absolute, relative : float
        ``|threshold - weight|`` and that change over ``weight``.
    leader, taken_over_by : str
        The current top option and the option that takes first place.

    Examples
    --------
    >>> import powerbalance as pb
    >>> critical = stability(pb.examples.load("great-power-cooperation").assessment).critical
    >>> critical.name, critical.leader, critical.taken_over_by
    ('Innovation leadership', 'Targeted cooperation', 'Technology investment')
    >>> round(critical.weight, 3), round(critical.threshold, 3)
    (0.077, 0.125)
    """

    name: str
    scope: str
    weight: float
    threshold: float
    absolute: float
    relative: float
    leader: str
    taken_over_by: str

    def sentence(self) -> str:
        """The robustness statement, in words.

        Examples
        --------
        >>> import powerbalance as pb
        >>> s = stability(pb.examples.load("great-power-cooperation").assessment)
        >>> s.critical.sentence().startswith("Targeted cooperation remains first unless")
        True
        """
        direction = "falls below" if self.threshold < self.weight else "rises above"
        what = f"the weight of {self.name}" + (" (the area)" if self.scope == "area" else "")
        return (
            f"{self.leader} remains first unless {what} {direction} "
            f"{number(self.threshold)} (from {number(self.weight)}), when "
            f"{self.taken_over_by} takes over."
        )


@attrs.frozen
class Stability(Rendered):
    """Stability intervals of every criterion's and area's weight; see :func:`stability`.

    It renders as every result does (:meth:`summary`, ``print``, :meth:`to_markdown`,
    :meth:`to_html`, :meth:`to_dict`, :meth:`to_json`); :meth:`to_frame` gives the
    intervals. A report quotes it with
    :meth:`powerbalance.evaluation.Report.with_sensitivity`.

    Attributes
    ----------
    intervals : tuple of StabilityInterval
        One per criterion, then one per area (areas with a single criterion are the
        same as that criterion and are left out).
    leader : str
        The top option under the current weights.
    exact : bool
        Whether the ends are exact crossings (linear methods) or bisected.
    tied : tuple of str
        The options tied for first place under the current weights, if more than one;
        then any change of weight can decide between them, and :attr:`critical` is
        None.
    method : Method or None
        The method the options were scored with (None when built by hand).
    weighting : object
        The weighting scheme the current weights came from (None when built by hand).

    Examples
    --------
    >>> import powerbalance as pb
    >>> result = stability(pb.examples.load("great-power-cooperation").assessment)
    >>> len(result.intervals)  # 13 criteria and 5 areas
    18
    """

    intervals: tuple[StabilityInterval, ...]
    leader: str
    exact: bool
    tied: tuple[str, ...] = ()
    method: Method | None = attrs.field(default=None, kw_only=True)
    weighting: object = attrs.field(default=None, kw_only=True)

    @property
    def critical(self) -> Critical | None:
        """The smallest change of one weight that changes the top option; None if none does.

        Examples
        --------
        >>> import powerbalance as pb
        >>> c = stability(pb.examples.load("great-power-cooperation").assessment).critical
        >>> c.absolute <= 0.05
        True
        """
        best: Critical | None = None
        if self.tied:
            return None
        for interval in self.intervals:
            for end, swap in (
                (interval.top_low, interval.top_swap_low),
                (interval.top_high, interval.top_swap_high),
            ):
                if swap is None:
                    continue
                change = abs(end - interval.weight)
                if best is None or change < best.absolute:
                    best = Critical(
                        name=interval.name,
                        scope=interval.scope,
                        weight=interval.weight,
                        threshold=end,
                        absolute=change,
                        relative=change / interval.weight if interval.weight > 0 else math.inf,
                        leader=swap[0],
                        taken_over_by=swap[1],
                    )
        return best

    def to_frame(self) -> pd.DataFrame:
        """One row per criterion and area.

        Returns
        -------
        pandas.DataFrame
            Index ``name``; columns ``scope``, ``weight``, ``top_low``, ``top_high``,
            ``top_taken_over_low``, ``top_taken_over_high`` (the option that takes
            first place at that end, or None), ``ranking_low``, ``ranking_high``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> frame = stability(pb.examples.load("great-power-cooperation").assessment).to_frame()
        >>> bool((frame["top_low"] <= frame["weight"]).all())
        True
        """
        rows = [
            {
                "name": i.name,
                "scope": i.scope,
                "weight": i.weight,
                "top_low": i.top_low,
                "top_high": i.top_high,
                "top_taken_over_low": i.top_swap_low[1] if i.top_swap_low else None,
                "top_taken_over_high": i.top_swap_high[1] if i.top_swap_high else None,
                "ranking_low": i.ranking_low,
                "ranking_high": i.ranking_high,
            }
            for i in self.intervals
        ]
        return pd.DataFrame(rows).set_index("name")

    def _table(self) -> Table:
        return Table(
            f"Weights over which {self.leader} stays first, and the ranking stays the same",
            ["Weight of", "Now", f"{self.leader} first", "Ranking unchanged"],
            [
                [
                    _label(i),
                    number(i.weight),
                    f"{number(i.top_low)} - {number(i.top_high)}",
                    f"{number(i.ranking_low)} - {number(i.ranking_high)}",
                ]
                for i in self.intervals
            ],
            "<>>>",
        )

    def summary(self) -> str:
        """The robustness statement, or that no single weight change moves the leader.

        Examples
        --------
        >>> import powerbalance as pb
        >>> stability(pb.examples.load("great-power-cooperation").assessment).summary()[:20]
        'Targeted cooperation'
        """
        if self.tied:
            return (
                f"{join_words(list(self.tied))} tie for first place under the current "
                f"weights, so the slightest change of weight can decide between them."
            )
        critical = self.critical
        if critical is None:
            return f"{self.leader} stays first whatever single weight is moved."
        return critical.sentence()

    def robustness_sentence(self) -> str:
        """The robustness statement a report quotes: :meth:`summary`.

        Examples
        --------
        >>> import powerbalance as pb
        >>> s = stability(pb.examples.load("great-power-cooperation").assessment)
        >>> s.robustness_sentence() == s.summary()
        True
        """
        return self.summary()

    def conflicts_with(self, ranking: tuple[str, ...]) -> str | None:
        """Why this analysis is not of a report ranking the options so, or None.

        A stability analysis belongs to a report when both put the same option first
        (or the analysis found a tie for first place).

        Examples
        --------
        >>> import powerbalance as pb
        >>> s = stability(pb.examples.load("engage-or-contain").assessment)
        >>> s.conflicts_with(("Engage", "Contain")) is None
        True
        """
        if self.tied or (ranking and ranking[0] == self.leader):
            return None
        first = ranking[0] if ranking else None
        return (
            f"this stability analysis has {self.leader!r} first, but the report ranks "
            f"{first!r} first: run stability() with the report's own assessment, "
            f"weighting and method."
        )

    def _interval_words(self) -> str:
        """Every interval over which the leader stays first, and who takes over, in words."""
        rows = []
        for i in self.intervals:
            text = (
                f"{_label(i)} from {number(i.top_low)} to {number(i.top_high)} "
                f"(now {number(i.weight)})"
            )
            takers = [
                f"{swap[1]} takes over {side}"
                for side, swap in (("below", i.top_swap_low), ("above", i.top_swap_high))
                if swap is not None
            ]
            rows.append(f"{text}, {' and '.join(takers)}" if takers else text)
        return f"The weights over which {self.leader} stays first: {'; '.join(rows)}."

    def _chart(self) -> Figure:
        """The intervals as bands on each weight's range, told in words as well."""
        critical = self.critical
        # The areas' colours as the brief and the conference give them: in the order
        # the areas first appear among the criteria.
        areas = list(dict.fromkeys(i.area for i in self.intervals if i.area is not None))
        colours = colours_for(areas)
        tracks = []
        for i in self.intervals:
            end = ""
            if critical is not None and (critical.name, critical.scope) == (i.name, i.scope):
                end = "low" if critical.threshold == i.top_low else "high"
            tracks.append(
                Track(
                    _label(i),
                    i.top_low,
                    i.top_high,
                    i.weight,
                    i.top_swap_low[1] if i.top_swap_low else None,
                    i.top_swap_high[1] if i.top_swap_high else None,
                    colours[i.area] if i.area is not None else MARKER_GREY,
                    end,
                )
            )
        words = self._interval_words()
        if critical is not None:
            words += f" The smallest change: {critical.sentence()}"
        return Figure(
            interval_tracks(
                tracks, leader=self.leader, areas=list(colours.items()), description=words
            ),
            f"Each weight's range from 0 to 1, with a band where {self.leader} stays first, "
            f"a tick where another option takes over and a mark at the current weight. "
            f"{words}",
            "The critical row is the smallest change of one weight that moves first place; "
            "the table that follows gives every interval.",
        )

    def _document(self) -> Document:
        if self.exact:
            how = (
                "The ends are exact: the method's scores are linear in the weights, so "
                "they are where two options' scores cross."
            )
        else:
            how = "The ends are located by bisection to within 0.000001 on the method's scores."
        method = f" under {in_words(self.method)}" if self.method is not None else ""
        provenance = []
        if self.method is not None:
            provenance.append(f"Method: {full_name(self.method)}.")
        if self.weighting is not None:
            provenance.append(f"Weighting: {full_name(self.weighting)}.")
        provenance.append(f"powerbalance {__version__}.")
        return Document(
            f"How far each weight can move before the ranking{method} changes",
            [Paragraph(self.summary()), self._chart(), self._table(), Paragraph(how)],
            " ".join(provenance),
        )

    def to_dict(self) -> dict[str, Any]:
        """The intervals and the critical change as plain data, tagged :data:`STABILITY_SCHEMA`.

        Keys: ``schema``; ``leader``; ``tied``; ``exact``; ``method`` and
        ``weighting`` (``name``, ``description``, ``words``, ``parameters``, or null
        when unknown); ``intervals`` (one record per interval, the fields of
        :class:`StabilityInterval`); ``critical`` (the fields of :class:`Critical`,
        or null); ``summary``; ``version``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> d = stability(pb.examples.load("great-power-cooperation").assessment).to_dict()
        >>> d["schema"], d["critical"]["taken_over_by"]
        ('powerbalance.sensitivity.stability/1', 'Technology investment')
        """
        critical = self.critical
        data: dict[str, Any] = plain(
            {
                "schema": STABILITY_SCHEMA,
                "leader": self.leader,
                "tied": self.tied,
                "exact": self.exact,
                "method": None if self.method is None else component(self.method),
                "weighting": None if self.weighting is None else component(self.weighting),
                "intervals": [attrs.asdict(i) for i in self.intervals],
                "critical": attrs.asdict(critical) if critical is not None else None,
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data


def _label(interval: StabilityInterval) -> str:
    return interval.name + (" (area)" if interval.scope == "area" else "")


def stability(
    assessment: Assessment,
    *,
    weighting: WeightingLike = "equal",
    method: MethodLike = "weighted-sum",
) -> Stability:
    """Stability intervals of each criterion's and each area's weight.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores.
    weighting : WeightingScheme, str, Weights or callable, default "equal"
        The current weights, as for :func:`powerbalance.evaluation.evaluate`.
    method : Method or str, default "weighted-sum"
        The aggregation method.

    Returns
    -------
    Stability

    Raises
    ------
    InvalidParameterError
        ``assessment`` is not an Assessment, or ``weighting`` or ``method`` is not one
        of the accepted forms.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"],
    ...     [pb.Criterion("X", area="P", kind="benefit"),
    ...      pb.Criterion("Y", area="Q", kind="benefit")],
    ...     [[1, 0], [0, 1]],
    ... )
    >>> s = stability(a, weighting=pb.weighting.Direct({"X": 0.6, "Y": 0.4}))
    >>> interval = s.intervals[0]
    >>> interval.top_low, interval.top_swap_low
    (0.5, ('A', 'B'))
    """
    check_assessment("stability", assessment)
    scheme = resolve_weighting(weighting, owner="stability")
    resolved = resolve_method(method, owner="stability")
    weights = apply_weighting(scheme, assessment).aligned(assessment)
    prepared = resolved.prepare(assessment)
    names = assessment.option_names
    scorer: Callable[[FloatArray], FloatArray] = partial(
        scored, prepared, method=resolved, owner="stability"
    )
    ranks, order = rank_and_order(scorer(weights[None, :])[0])
    leader = names[int(order[0])]
    tied = tuple(names[int(i)] for i in order if ranks[i] == 1) if (ranks == 1).sum() > 1 else ()
    directions = [
        (c.name, "criterion", c.area, moving_criteria(assessment, c.name, "criterion"))
        for c in assessment.criteria
    ]
    directions += [
        (area, "area", area, moving_criteria(assessment, area, "area"))
        for area in assessment.areas
        if len(assessment.criteria_in(area)) > 1
    ]
    exact = bool(getattr(prepared, "additive", False))
    if exact:
        scorer = linear_scorer(scorer, assessment.n_criteria)
    intervals = tuple(
        attrs.evolve(
            _interval(
                name, scope, *direction(members, weights), weights, scorer, names, order, exact
            ),
            area=area,
        )
        for name, scope, area, members in directions
    )
    return Stability(
        intervals=intervals,
        leader=leader,
        exact=exact,
        tied=tied,
        method=resolved,
        weighting=scheme,
    )


def _interval(
    name: str,
    scope: str,
    unit: FloatArray,
    current: float,
    weights: FloatArray,
    scorer: Callable[[FloatArray], FloatArray],
    names: Sequence[str],
    order: npt.NDArray[np.intp],
    exact: bool,
) -> StabilityInterval:
    at = weight_path(unit, weights, current)
    leader = int(order[0])
    # Only these pairs can end the intervals: the leader against each other option,
    # and neighbours in the current order (the first pair to swap is a neighbouring one).
    pairs = [(leader, i) for i in range(len(names)) if i != leader]
    pairs += [(int(order[k]), int(order[k + 1])) for k in range(len(order) - 1)]

    def top_kept(t: FloatArray) -> npt.NDArray[np.bool_]:
        scores = scorer(at(t))
        best = scores.max(axis=1)
        tolerance = TIE_TOLERANCE * np.maximum(1.0, np.abs(best))
        return np.asarray(scores[:, leader] >= best - tolerance)

    def ranking_kept(t: FloatArray) -> npt.NDArray[np.bool_]:
        scores = scorer(at(t))[:, order]
        gaps = scores[:, :-1] - scores[:, 1:]
        tolerance = TIE_TOLERANCE * np.maximum(1.0, np.abs(scores).max(axis=1, keepdims=True))
        return np.asarray((gaps >= -tolerance).all(axis=1))

    if exact:
        ends = scorer(at(np.array([0.0, 1.0])))
        top_low, top_high = _crossing_exact(top_kept, current, ends, pairs)
        ranking_low, ranking_high = _crossing_exact(ranking_kept, current, ends, pairs)
    else:
        top_low, top_high = _crossing_bisected(top_kept, current)
        ranking_low, ranking_high = _crossing_bisected(ranking_kept, current)
    return StabilityInterval(
        name=name,
        scope=scope,
        weight=current,
        top_low=top_low,
        top_high=top_high,
        top_swap_low=_top_swap(scorer, at, top_low, leader, names, below=True),
        top_swap_high=_top_swap(scorer, at, top_high, leader, names, below=False),
        ranking_low=ranking_low,
        ranking_high=ranking_high,
        ranking_swap_low=_ranking_swap(scorer, at, ranking_low, order, names, below=True),
        ranking_swap_high=_ranking_swap(scorer, at, ranking_high, order, names, below=False),
    )


def _crossing_exact(
    kept: Callable[[FloatArray], npt.NDArray[np.bool_]],
    current: float,
    ends: FloatArray,
    pairs: Sequence[tuple[int, int]],
) -> tuple[float, float]:
    # Scores are linear in t (``ends`` holds them at t = 0 and t = 1): two options
    # cross at most once, where their lines meet. The interval ends at the nearest
    # crossings on each side past which the property no longer holds.
    first = np.array([i for i, _ in pairs], dtype=np.intp)
    second = np.array([j for _, j in pairs], dtype=np.intp)
    gap_at_zero = ends[0, first] - ends[0, second]
    gap_slope = (ends[1, first] - ends[0, first]) - (ends[1, second] - ends[0, second])
    with np.errstate(divide="ignore", invalid="ignore"):
        crossings = -gap_at_zero / gap_slope
    inside = np.isfinite(crossings) & (crossings > 0) & (crossings < 1)
    candidates = np.unique(crossings[inside])
    below = [float(t) for t in candidates[::-1] if t < current]
    above = [float(t) for t in candidates if t > current]
    low = next((t for t in below if not _just_beyond(kept, t, -1)), 0.0)
    high = next((t for t in above if not _just_beyond(kept, t, 1)), 1.0)
    return low, high


def _just_beyond(kept: Callable[[FloatArray], npt.NDArray[np.bool_]], t: float, side: int) -> bool:
    """Whether the property still holds just past ``t`` (a crossing that changes nothing)."""
    step = 1e-9 * max(1.0, abs(t))
    return bool(kept(np.array([t + side * step]))[0])


def _crossing_bisected(
    kept: Callable[[FloatArray], npt.NDArray[np.bool_]], current: float
) -> tuple[float, float]:
    grid = np.unique(np.concatenate([np.linspace(0.0, 1.0, GRID_POINTS), [current]]))
    holds = kept(grid)
    k = int(np.searchsorted(grid, current))
    low_index = k
    while low_index > 0 and holds[low_index - 1]:
        low_index -= 1
    high_index = k
    while high_index < len(grid) - 1 and holds[high_index + 1]:
        high_index += 1
    last = len(grid) - 1
    low = 0.0 if low_index == 0 else bisect(kept, grid[low_index - 1], grid[low_index])
    high = 1.0 if high_index == last else bisect(kept, grid[high_index + 1], grid[high_index])
    return low, high


def _probe(t: float, below: bool) -> float:
    return max(0.0, t - 1e-7) if below else min(1.0, t + 1e-7)


def _top_swap(
    scorer: Callable[[FloatArray], FloatArray],
    at: Callable[[FloatArray], FloatArray],
    end: float,
    leader: int,
    names: Sequence[str],
    below: bool,
) -> tuple[str, str] | None:
    if end in (0.0, 1.0):
        return None
    scores = scorer(at(np.array([_probe(end, below)])))[0]
    rivals = np.delete(np.arange(len(scores)), leader)
    winner = int(rivals[np.argmax(scores[rivals])])
    return names[leader], names[winner]


def _ranking_swap(
    scorer: Callable[[FloatArray], FloatArray],
    at: Callable[[FloatArray], FloatArray],
    end: float,
    order: npt.NDArray[np.intp],
    names: Sequence[str],
    below: bool,
) -> tuple[str, str] | None:
    if end in (0.0, 1.0):
        return None
    scores = scorer(at(np.array([_probe(end, below)])))[0][order]
    gaps = scores[:-1] - scores[1:]
    k = int(np.argmin(gaps))
    return names[int(order[k])], names[int(order[k + 1])]
