"""Sweeps: every option's score and rank as one weight runs from 0 to 1."""

from __future__ import annotations

from collections.abc import Callable
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
    component,
    full_name,
    in_words,
    number,
    plain,
)
from powerbalance._render.svg import line_chart
from powerbalance._validate import (
    InstanceOf,
    Integer,
    check,
    check_fits,
    did_you_mean,
    quoted_list,
    refuse,
)
from powerbalance._version import __version__
from powerbalance.errors import UnknownNameError
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.methods import Method, MethodLike, resolve_method, scored
from powerbalance.methods.ranking import rank_and_order
from powerbalance.model import Assessment
from powerbalance.sensitivity._path import (
    bisect,
    direction,
    linear_scorer,
    moving_criteria,
    weight_path,
)
from powerbalance.weighting import WeightingLike, apply_weighting, resolve_weighting

__all__ = ["SWEEP_SCHEMA", "Sweep", "sweep"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

SWEEP_SCHEMA = "powerbalance.sensitivity.sweep/1"
"""The schema tag of :meth:`Sweep.to_dict`; it changes when the layout does.

Examples
--------
>>> import powerbalance as pb
>>> s = sweep(pb.examples.load("engage-or-contain").assessment, "Trade gains", points=3)
>>> s.to_dict()["schema"] == SWEEP_SCHEMA
True
"""

#: At most this many of the sweep's steps are shown in the table of scores.
SHOWN_STEPS = 11

# Bytes a sweep holds per point for each option and criterion: a float in the weights
# or scores, about three times over with the temporaries of scoring and of the frame.
_BYTES_PER_VALUE = 3 * 8


@attrs.frozen
class Sweep(Rendered):
    """Every option's score and rank as one weight runs from 0 to 1; see :func:`sweep`.

    It renders as every result does (:meth:`summary`, ``print``, :meth:`to_markdown`,
    :meth:`to_html` with a chart of the scores, :meth:`to_dict`, :meth:`to_json`);
    :meth:`to_frame` gives the scores at every step.

    Attributes
    ----------
    name, scope : str
        The criterion or area whose weight moves (``scope`` ``"criterion"`` or
        ``"area"``).
    weight : float
        Its current weight.
    steps : numpy.ndarray
        The weights the sweep visits, from 0 to 1.
    scores : pandas.DataFrame
        Index ``weight`` (the steps), one column per option.
    crossovers : tuple of (float, str, str)
        Where first place changes hands along the sweep: (weight, option first
        before, option first after), located to 1e-6 (exactly for linear methods).
    method : Method or None
        The method the options were scored with (None when built by hand).
    weighting : object
        The weighting scheme the other weights came from (None when built by hand).

    Examples
    --------
    >>> import powerbalance as pb
    >>> swept = sweep(pb.examples.load("great-power-cooperation").assessment, "Security", points=11)
    >>> swept.scope, len(swept.steps)
    ('area', 11)
    """

    name: str
    scope: str
    weight: float
    steps: FloatArray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal), repr=False)
    scores: pd.DataFrame = attrs.field(eq=False, repr=False)
    crossovers: tuple[tuple[float, str, str], ...]
    method: Method | None = attrs.field(default=None, kw_only=True)
    weighting: object = attrs.field(default=None, kw_only=True)

    @property
    def ranks(self) -> pd.DataFrame:
        """Each option's rank (1 = best) at each step, shaped like :attr:`scores`.

        Examples
        --------
        >>> import powerbalance as pb
        >>> s = sweep(pb.examples.load("great-power-cooperation").assessment, "Security", points=3)
        >>> s.ranks.shape
        (3, 7)
        """
        values = self.scores.to_numpy()
        ranks = np.vstack([rank_and_order(row)[0] for row in values])
        return pd.DataFrame(ranks, index=self.scores.index, columns=self.scores.columns)

    def _what(self) -> str:
        return f"the weight of {self.name}" + (" (the area)" if self.scope == "area" else "")

    def summary(self) -> str:
        """Who leads where, as the weight runs from 0 to 1.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> print(sweep(a, "Innovation leadership").summary())  # doctest: +NORMALIZE_WHITESPACE
        As the weight of Innovation leadership runs from 0 to 1 (it is 0.077 now), first
        place changes hands once: at 0.125 Technology investment takes over from
        Targeted cooperation.
        """
        start = f"As {self._what()} runs from 0 to 1 (it is {number(self.weight)} now)"
        if not self.crossovers:
            first = self.scores.iloc[0].idxmax()
            return f"{start}, {first} stays first all the way."
        count = len(self.crossovers)
        times = "once" if count == 1 else "twice" if count == 2 else f"{count} times"
        changes = "; ".join(
            f"at {number(where)} {after} takes over from {before}"
            for where, before, after in self.crossovers
        )
        return f"{start}, first place changes hands {times}: {changes}."

    def _document(self) -> Document:
        frame = self.scores
        shown = np.unique(np.linspace(0, len(frame) - 1, min(len(frame), SHOWN_STEPS)).round())
        table = frame.iloc[shown.astype(int)]
        names = [str(c) for c in frame.columns]
        blocks: list[Paragraph | Table | Figure] = [
            Paragraph(self.summary()),
            Figure(
                line_chart(
                    frame,
                    marker=self.weight,
                    points=[where for where, _, _ in self.crossovers],
                    x_label=f"weight of {self.name}",
                    y_label="score",
                ),
                f"Every option's score as {self._what()} runs from 0 to 1; the dashed "
                f"line marks the current weight, thin lines where first place changes.",
            ),
        ]
        if self.crossovers:
            blocks.append(
                Table(
                    "Where first place changes hands",
                    ["Weight", "First before", "First after"],
                    [[number(w), before, after] for w, before, after in self.crossovers],
                    "><<",
                )
            )
        caption = "Scores as the weight moves"
        if len(table) < len(frame):
            caption += f" ({len(table)} of the {len(frame)} steps; all are in to_frame())"
        blocks.append(
            Table(
                caption,
                ["Weight", *names],
                [
                    [number(w), *(number(v) for v in row)]
                    for w, row in zip(table.index, table.to_numpy(), strict=True)
                ],
            )
        )
        provenance = []
        if self.method is not None:
            provenance.append(f"Method: {full_name(self.method)}.")
        if self.weighting is not None:
            provenance.append(f"Weighting: {full_name(self.weighting)}.")
        provenance.append(f"powerbalance {__version__}.")
        method = f" under {in_words(self.method)}" if self.method is not None else ""
        return Document(f"Sweep of {self._what()}{method}", blocks, " ".join(provenance))

    def to_frame(self) -> pd.DataFrame:
        """The scores at every step, as :attr:`scores` (a copy).

        Returns
        -------
        pandas.DataFrame
            Index ``weight`` (the steps); one column per option (``option``).

        Examples
        --------
        >>> import powerbalance as pb
        >>> s = sweep(pb.examples.load("engage-or-contain").assessment, "Trade gains", points=5)
        >>> s.to_frame().shape
        (5, 2)
        """
        return self.scores.copy()

    def to_dict(self) -> dict[str, Any]:
        """The sweep as plain Python data (JSON-ready), tagged :data:`SWEEP_SCHEMA`.

        Keys: ``schema``; ``name``, ``scope``, ``weight``; ``method`` and
        ``weighting`` (``name``, ``description``, ``words``, ``parameters``, or null
        when unknown); ``options``; ``steps``; ``scores`` (steps x options);
        ``crossovers`` (records of ``weight``, ``before``, ``after``); ``summary``;
        ``version``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> sweep(a, "Innovation leadership").to_dict()["crossovers"][0]["after"]
        'Technology investment'
        """
        data: dict[str, Any] = plain(
            {
                "schema": SWEEP_SCHEMA,
                "name": self.name,
                "scope": self.scope,
                "weight": self.weight,
                "method": None if self.method is None else component(self.method),
                "weighting": None if self.weighting is None else component(self.weighting),
                "options": [str(c) for c in self.scores.columns],
                "steps": self.steps,
                "scores": self.scores.to_numpy(),
                "crossovers": [
                    {"weight": w, "before": before, "after": after}
                    for w, before, after in self.crossovers
                ],
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data


def sweep(
    assessment: Assessment,
    criterion_or_area: str,
    *,
    weighting: WeightingLike = "equal",
    method: MethodLike = "weighted-sum",
    points: int = 101,
) -> Sweep:
    """Score every option as one weight goes from 0 to 1, the others in proportion.

    The whole sweep is one batch of weight vectors scored at once (see
    :func:`stability` for the path the weights follow). ``criterion_or_area`` names
    a criterion or an area; an area's criteria move together.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores.
    criterion_or_area : str
        The criterion or area whose weight moves.
    weighting, method
        As for :func:`powerbalance.evaluation.evaluate`.
    points : int, default 101
        How many evenly spaced weights from 0 to 1 to visit (at least 2).

    Raises
    ------
    UnknownNameError
        ``criterion_or_area`` is neither a criterion nor an area.
    InvalidParameterError
        ``points`` is not a whole number of at least 2, or so large that the sweep
        cannot fit in memory; ``assessment``, ``weighting`` or ``method`` is not one of
        the accepted forms.

    Examples
    --------
    >>> import powerbalance as pb
    >>> s = sweep(pb.examples.load("great-power-cooperation").assessment, "Innovation leadership")
    >>> s.crossovers[0][1:]
    ('Targeted cooperation', 'Technology investment')
    >>> round(s.crossovers[0][0], 3)
    0.125
    """
    check_assessment("sweep", assessment)
    check(
        "sweep",
        "points",
        points,
        Integer(low=2),
        fix="Use 101 for steps of 0.01; crossovers are located to 1e-6 whatever the number.",
    )
    # Each point holds a weight vector and a score per option, several times over in
    # the temporaries of scoring and of the frame.
    check_fits(
        "sweep",
        "points",
        points,
        _BYTES_PER_VALUE * (assessment.n_options + assessment.n_criteria),
        fix="Use fewer points, such as 101: crossovers are located to 1e-6 whatever the "
        "number of points.",
    )
    check(
        "sweep",
        "criterion_or_area",
        criterion_or_area,
        InstanceOf(str, description="the name of a criterion or an area"),
    )
    scheme = resolve_weighting(weighting, owner="sweep")
    resolved = resolve_method(method, owner="sweep")
    if criterion_or_area in assessment.criterion_names:
        scope = "criterion"
    elif criterion_or_area in assessment.areas:
        scope = "area"
    else:
        known = (*assessment.criterion_names, *assessment.areas)
        raise refuse(
            "sweep",
            "criterion_or_area",
            criterion_or_area,
            "a criterion or an area of the assessment",
            fix=did_you_mean(criterion_or_area, known).strip()
            or f"The criteria are {quoted_list(assessment.criterion_names)}; the areas "
            f"{quoted_list(assessment.areas)}.",
            error=UnknownNameError,
        )
    weights = apply_weighting(scheme, assessment).aligned(assessment)
    unit, current = direction(moving_criteria(assessment, criterion_or_area, scope), weights)
    at = weight_path(unit, weights, current)
    prepared = resolved.prepare(assessment)
    exact = bool(getattr(prepared, "additive", False))
    scorer: Callable[[FloatArray], FloatArray] = partial(
        scored, prepared, method=resolved, owner="sweep"
    )
    if exact:
        scorer = linear_scorer(scorer, assessment.n_criteria)
    steps = np.linspace(0.0, 1.0, points)
    scores = scorer(at(steps))
    names = assessment.option_names
    leaders = scores.argmax(axis=1)
    crossovers = []
    for k in np.flatnonzero(leaders[1:] != leaders[:-1]):
        before, after = int(leaders[k]), int(leaders[k + 1])

        # Linear scores: two lines meet at one point, found from the sweep's own ends
        # (t = 0 and t = 1). Otherwise bisect between the two steps.
        gap0 = scores[0, before] - scores[0, after]
        gap1 = scores[-1, before] - scores[-1, after]
        if exact and gap0 != gap1:
            where = float(gap0 / (gap0 - gap1))
        else:

            def still_first(t: FloatArray, option: int = before) -> npt.NDArray[np.bool_]:
                return np.asarray(scorer(at(t)).argmax(axis=1) == option)

            where = bisect(still_first, float(steps[k + 1]), float(steps[k]))
        crossovers.append((where, names[before], names[after]))
    frame = pd.DataFrame(scores, index=pd.Index(steps, name="weight"), columns=list(names))
    frame.columns.name = "option"
    return Sweep(
        name=criterion_or_area,
        scope=scope,
        weight=current,
        steps=steps,
        scores=frame,
        crossovers=tuple(crossovers),
        method=resolved,
        weighting=scheme,
    )
