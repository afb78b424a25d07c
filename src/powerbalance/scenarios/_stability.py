"""stability(): how far each weight can move before the leader changes, in every future.

:func:`powerbalance.sensitivity.stability` asks how far one weight can move before the
top option changes. Across futures the question is asked once per future: the leader
may differ, and a leader that holds in one future may hang on a small change of weight
in another. The weights are resolved once, on the central assessment, as
:func:`powerbalance.scenarios.evaluate` resolves them, so the futures differ only in
their scores.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import pandas as pd

from powerbalance._frozen import FrozenMap
from powerbalance._render import (
    Document,
    Figure,
    Paragraph,
    Rendered,
    Section,
    Table,
    component,
    full_name,
    join_words,
    number,
    plain,
)
from powerbalance._version import __version__
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.methods import Method, MethodLike, resolve_method
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.scenarios.evaluate import no_scenarios
from powerbalance.sensitivity.stability import Stability
from powerbalance.sensitivity.stability import stability as stability_of
from powerbalance.weighting import WeightingLike, apply_weighting, resolve_weighting

__all__ = ["CENTRAL", "SCENARIO_STABILITY_SCHEMA", "ScenarioStability", "stability"]

_OWNER = "scenarios.stability"

SCENARIO_STABILITY_SCHEMA = "powerbalance.scenarios.stability/1"
"""The schema tag of :meth:`ScenarioStability.to_dict`; it changes when the layout does.

Examples
--------
>>> SCENARIO_STABILITY_SCHEMA.split("/")[-1]
'1'
"""

CENTRAL = "Central assessment"
"""The name the central future (the assessment's own scores) goes by among the scenarios.

Should a scenario already bear this name, the central future becomes
``"Central assessment (no scenario)"``.

Examples
--------
>>> CENTRAL
'Central assessment'
"""

#: Columns of :attr:`ScenarioStability.intervals`, in order.
_COLUMNS = (
    "future",
    "scope",
    "criterion",
    "area",
    "weight",
    "low",
    "high",
    "taken_over_low",
    "taken_over_high",
    "leader",
)


def _frozen_futures(futures: Mapping[str, Stability]) -> FrozenMap[str, Stability]:
    return FrozenMap(futures)


@attrs.frozen
class ScenarioStability(Rendered):
    """The stability intervals of every weight, in the central future and in each scenario.

    Made by :func:`powerbalance.scenarios.stability`. It renders as every result does
    (:meth:`summary`, ``print``, :meth:`to_markdown`, :meth:`to_html`, :meth:`to_dict`,
    :meth:`to_json`); :meth:`to_frame` gives :attr:`intervals`.

    Attributes
    ----------
    by_scenario : Mapping of str to Stability
        Future -> its stability analysis: the central future first (under
        :attr:`central`), then the scenarios in the assessment's order.
    central : str
        The name the central future goes by (:data:`CENTRAL`, unless a scenario has it).
    weights : Weights
        The weights, resolved once on the central assessment and used in every future.
    method : Method
        The aggregation method.
    weighting : object
        The weighting scheme the weights came from.
    assessment_name : str
        The assessment's name ("" when it has none).

    Examples
    --------
    >>> import powerbalance as pb
    >>> result = pb.scenarios.stability(pb.examples.load("great-power-cooperation").assessment)
    >>> list(result.by_scenario)[0], len(result.by_scenario)
    ('Central assessment', 5)
    """

    by_scenario: Mapping[str, Stability] = attrs.field(converter=_frozen_futures)
    central: str
    weights: Weights = attrs.field(repr=False)
    method: Method
    weighting: object
    assessment_name: str = ""

    @property
    def futures(self) -> tuple[str, ...]:
        """The futures, the central one first.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.scenarios.stability(pb.examples.load().assessment).futures[1]
        'Rivals reciprocate, Russia integrated'
        """
        return tuple(self.by_scenario)

    @property
    def leaders(self) -> dict[str, str]:
        """Future -> the option first in it under the weights.

        Examples
        --------
        >>> import powerbalance as pb
        >>> leaders = pb.scenarios.stability(pb.examples.load().assessment).leaders
        >>> leaders["Rivals exploit cooperation, Russia isolated"]
        'Technology investment'
        """
        return {future: s.leader for future, s in self.by_scenario.items()}

    @property
    def intervals(self) -> pd.DataFrame:
        """One row per future and weight: the interval over which that future's leader stays first.

        Returns
        -------
        pandas.DataFrame
            Columns ``future``; ``scope`` ("criterion" or "area"); ``criterion`` (missing
            on an area's row); ``area``; ``weight`` (the current weight, an area's the
            sum of its criteria's); ``low`` and ``high`` (the interval of that weight
            over which ``leader`` stays first, the other weights in proportion);
            ``taken_over_low`` and ``taken_over_high`` (the option that takes first
            place past each end, missing where the interval reaches 0 or 1); ``leader``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> frame = pb.scenarios.stability(pb.examples.load().assessment).intervals
        >>> bool(((frame["low"] <= frame["weight"]) & (frame["weight"] <= frame["high"])).all())
        True
        """
        rows = [
            (
                future,
                i.scope,
                i.name if i.scope == "criterion" else None,
                i.area,
                i.weight,
                i.top_low,
                i.top_high,
                i.top_swap_low[1] if i.top_swap_low else None,
                i.top_swap_high[1] if i.top_swap_high else None,
                s.leader,
            )
            for future, s in self.by_scenario.items()
            for i in s.intervals
        ]
        return pd.DataFrame(rows, columns=list(_COLUMNS))

    def to_frame(self) -> pd.DataFrame:
        """The intervals, as :attr:`intervals`.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.scenarios.stability(pb.examples.load().assessment).to_frame().columns[0]
        'future'
        """
        return self.intervals

    # -- words and renderers ------------------------------------------------------------

    def _leader_sentence(self) -> str:
        count = len(self.by_scenario)
        by_leader: dict[str, list[str]] = {}
        for future, s in self.by_scenario.items():
            label = f"{join_words(list(s.tied))} (tied)" if s.tied else s.leader
            by_leader.setdefault(label, []).append(future)
        if len(by_leader) == 1:
            (leader,) = by_leader
            return f"{leader} leads in all {count} futures (the central one and each scenario)."
        parts = []
        for leader, futures in by_leader.items():
            part = f"{leader} in {len(futures)} future{'s' if len(futures) != 1 else ''}"
            if self.central in futures:
                part += (
                    " (the central one among them)" if len(futures) > 1 else " (the central one)"
                )
            parts.append(part)
        # A tie is already a list of names: semicolons keep the groups apart.
        listed = "; ".join(parts) if any(s.tied for s in self.by_scenario.values()) else None
        return f"The leader differs across the {count} futures: {listed or join_words(parts)}."

    def _most_fragile(self) -> str:
        found = [
            (s.critical.absolute, future)
            for future, s in self.by_scenario.items()
            if s.critical is not None
        ]
        if not found:
            return ""
        change, future = min(found)
        return (
            f"The leader is most fragile in {future}, where one weight moving by "
            f"{number(change)} changes first place."
        )

    def summary(self) -> str:
        """Which option leads in each future, and the smallest change of weight that overturns it.

        Examples
        --------
        >>> import powerbalance as pb
        >>> text = pb.scenarios.stability(pb.examples.load().assessment).summary()
        >>> text.startswith("The leader differs across the 5 futures")
        True
        """
        sentences = [self._leader_sentence()]
        sentences += [f"{future}: {s.summary()}" for future, s in self.by_scenario.items()]
        fragile = self._most_fragile()
        if fragile:
            sentences.append(fragile)
        return " ".join(sentences)

    def _overview(self) -> Table:
        rows = []
        for future, s in self.by_scenario.items():
            critical = s.critical
            leader = join_words(list(s.tied)) + " (tied)" if s.tied else s.leader
            change = "none" if critical is None else number(critical.absolute)
            rows.append([future, leader, change])
        return Table(
            "The leader of each future, and the smallest change of one weight that overturns it",
            ["Future", "Leader", "Smallest change"],
            rows,
            "<<>",
        )

    def _document(self) -> Document:
        sections = [
            Section(
                future,
                [
                    Paragraph(s.summary()),
                    *(block for block in s._document().blocks if isinstance(block, Figure)),
                    s._table(),
                ],
            )
            for future, s in self.by_scenario.items()
        ]
        exact = all(s.exact for s in self.by_scenario.values())
        how = (
            "The ends are exact: the method's scores are linear in the weights, so they are "
            "where two options' scores cross."
            if exact
            else "The ends are located by bisection to within 0.000001 on the method's scores."
        )
        opening = " ".join(filter(None, [self._leader_sentence(), self._most_fragile()]))
        name = self.assessment_name or "Assessment"
        return Document(
            f"{name}: how stable the leader is in each future",
            [Paragraph(opening), self._overview(), *sections, Paragraph(how)],
            f"Method: {full_name(self.method)}. Weighting: {full_name(self.weighting)}, "
            f"resolved once on the central assessment and used in every future. "
            f"powerbalance {__version__}.",
        )

    def to_dict(self) -> dict[str, Any]:
        """The analysis as plain Python data, tagged :data:`SCENARIO_STABILITY_SCHEMA`.

        Keys: ``schema``; ``central`` (the central future's name); ``futures`` (in
        order); ``leaders`` (future -> option); ``by_scenario`` (future -> the
        :meth:`powerbalance.sensitivity.Stability.to_dict` of that future);
        ``weights`` (criterion -> weight); ``method`` and ``weighting`` (``name``,
        ``description``, ``words``, ``parameters``); ``summary``; ``version``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> data = pb.scenarios.stability(pb.examples.load().assessment).to_dict()
        >>> data["schema"], data["central"]
        ('powerbalance.scenarios.stability/1', 'Central assessment')
        """
        data: dict[str, Any] = plain(
            {
                "schema": SCENARIO_STABILITY_SCHEMA,
                "central": self.central,
                "futures": list(self.futures),
                "leaders": self.leaders,
                "by_scenario": {future: s.to_dict() for future, s in self.by_scenario.items()},
                "weights": dict(self.weights.items()),
                "method": component(self.method),
                "weighting": component(self.weighting),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data


def _central_name(scenarios: tuple[str, ...]) -> str:
    return CENTRAL if CENTRAL not in scenarios else f"{CENTRAL} (no scenario)"


def stability(
    assessment: Assessment,
    *,
    weighting: WeightingLike = "equal",
    method: MethodLike = "weighted-sum",
) -> ScenarioStability:
    """Stability intervals of each weight in the central future and in every scenario.

    Runs :func:`powerbalance.sensitivity.stability` on the central assessment and on
    :meth:`powerbalance.Assessment.in_scenario` of each scenario, with the same weights
    and method. The weights are resolved **once, on the central assessment**, as
    :func:`powerbalance.scenarios.evaluate` resolves them: a data-dependent scheme
    would otherwise weigh each future differently.

    Parameters
    ----------
    assessment : Assessment
        The central assessment, carrying its scenarios (``scenarios=``). Not modified.
    weighting : WeightingScheme, str, Weights or callable, default "equal"
        As for :func:`powerbalance.evaluate`.
    method : Method or str, default "weighted-sum"
        As for :func:`powerbalance.evaluate`.

    Returns
    -------
    ScenarioStability

    Raises
    ------
    InvalidParameterError
        ``assessment`` is not an Assessment, or ``weighting`` or ``method`` is not an
        accepted form.
    ScenarioError
        The assessment has no scenarios.

    Examples
    --------
    >>> import attrs, powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["Engage", "Contain", "Hedge"],
    ...     [pb.Criterion("Trade gains", area="Economic", kind="benefit", scale=(0, 10)),
    ...      pb.Criterion("Conflict risk", area="Security", kind="risk", scale=(0, 10))],
    ...     [[7, 4], [3, 6], [5, 5]],
    ...     scenarios=[pb.Scenario("Rivals exploit", changes={"Engage": {"Conflict risk": 9}})],
    ... )
    >>> result = pb.scenarios.stability(a)
    >>> result.leaders
    {'Central assessment': 'Engage', 'Rivals exploit': 'Hedge'}
    >>> print(result.by_scenario["Rivals exploit"].summary())  # doctest: +NORMALIZE_WHITESPACE
    Hedge remains first unless the weight of Trade gains rises above 0.667 (from 0.500),
    when Engage takes over.
    """
    check_assessment(_OWNER, assessment)
    names = assessment.scenario_names
    if not names:
        raise no_scenarios(_OWNER)
    scheme = resolve_weighting(weighting, owner=_OWNER)
    resolved = resolve_method(method, owner=_OWNER)
    weights = apply_weighting(scheme, assessment)
    futures = [(_central_name(names), assessment)]
    futures += [(name, assessment.in_scenario(name)) for name in names]
    by_scenario = {
        future: attrs.evolve(
            stability_of(plain_assessment, weighting=weights, method=resolved),
            weighting=scheme,
        )
        for future, plain_assessment in futures
    }
    return ScenarioStability(
        by_scenario=by_scenario,
        central=futures[0][0],
        weights=weights,
        method=resolved,
        weighting=scheme,
        assessment_name=assessment.name or "",
    )
