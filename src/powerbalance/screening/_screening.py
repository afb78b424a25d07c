"""Screening: the shortlist a set of rules leaves, and the reason for every exclusion."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import pandas as pd

from powerbalance._frozen import FrozenMap
from powerbalance._labels import labels
from powerbalance._render import Block, Document, Notes, Paragraph, Rendered, Table, plain
from powerbalance._version import __version__
from powerbalance.errors import ScreeningError
from powerbalance.model import Assessment
from powerbalance.screening._rules import MustHave, Rule, limit_text

__all__ = ["SCREENING_SCHEMA", "Failure", "Screening"]

SCREENING_SCHEMA = "powerbalance.screening.screening/1"
"""The schema tag of :meth:`Screening.to_dict`; it changes when the layout does.

Examples
--------
>>> SCREENING_SCHEMA.split("/")[-1]
'1'
"""


@attrs.frozen
class Failure:
    """One rule an option fails: on which criterion, in which scenario, by what score.

    Attributes
    ----------
    rule : Threshold, Veto or MustHave
        The rule failed.
    option : str
        The option.
    criterion : str
        The criterion it fails on (for an area rule, the criterion of the area).
    score : float
        The option's score there.
    limit : float
        The bound, red line or end of the scale it breaks.
    scenario : str or None
        The scenario whose score fails; None for the assessment's own scores.

    Examples
    --------
    >>> import powerbalance as pb
    >>> rule = pb.screening.Veto("Alliances strained", limit=6, reason="the alliance red line")
    >>> Failure(rule, "Confrontation", "Alliances strained", 8.0, 6.0, None).in_words()
    'Confrontation crosses the red line on Alliances strained (8 > 6: the alliance red line).'
    """

    rule: Rule
    option: str
    criterion: str
    score: float
    limit: float
    scenario: str | None = None

    def in_words(self) -> str:
        """The failure as one sentence: the option, what it breaks, the numbers, the reason."""
        where = f" in {self.scenario!r}" if self.scenario is not None else ""
        reason = f": {self.rule.reason}" if self.rule.reason else ""
        if isinstance(self.rule, MustHave):
            numbers = f"it scores {limit_text(self.score)}, the worst end of its scale"
        else:
            sign = "<" if self.score < self.limit else ">"
            numbers = f"{limit_text(self.score)} {sign} {limit_text(self.limit)}"
        words = self.rule.failing_words(self.score, self.limit)
        return f"{self.option} {words} {self.criterion}{where} ({numbers}{reason})."

    def to_dict(self) -> dict[str, Any]:
        """The failure as plain data: the rule in words and the numbers."""
        return {
            "option": self.option,
            "rule": self.rule.in_words(),
            "kind": type(self.rule).__name__,
            "criterion": self.criterion,
            "score": self.score,
            "limit": self.limit,
            "scenario": self.scenario,
            "in_words": self.in_words(),
        }


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return FrozenMap(value)


@attrs.frozen
class Screening(Rendered):
    """The options kept and excluded by :func:`~powerbalance.screening.screen`, with the reasons.

    Attributes
    ----------
    original : Assessment
        The assessment screened (never modified).
    rules : tuple
        The rules, in the order given.
    kept : tuple of str
        The options on the shortlist, in the assessment's order: those that fail no
        rule, and the business-as-usual and do-minimum options whatever they fail.
    excluded : tuple of str
        The options left out, in the assessment's order.
    reasons : mapping of str to tuple of Failure
        Every option (kept or not) to every rule it fails; empty for one that passes.
    notes : mapping of str to str
        The business-as-usual and do-minimum options to a note on why they are kept.
    business_as_usual, do_minimum : str or None
        The comparators kept on the shortlist.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["Engage", "Contain", "Wait"],
    ...     [pb.Criterion("Conflict risk", area="Security", kind="risk", scale=(0, 10))],
    ...     [[4], [8], [5]],
    ... )
    >>> s = pb.screening.screen(a, pb.screening.Veto("Conflict risk", limit=6))
    >>> s.kept, s.excluded
    (('Engage', 'Wait'), ('Contain',))
    >>> s.assessment.option_names
    ('Engage', 'Wait')
    """

    original: Assessment = attrs.field(repr=False)
    rules: tuple[Rule, ...]
    kept: tuple[str, ...]
    excluded: tuple[str, ...]
    reasons: Mapping[str, tuple[Failure, ...]] = attrs.field(converter=_frozen_mapping, repr=False)
    notes: Mapping[str, str] = attrs.field(converter=_frozen_mapping, repr=False)
    business_as_usual: str | None = None
    do_minimum: str | None = None

    @property
    def assessment(self) -> Assessment:
        """The shortlist: the original assessment with only the kept options, scores unchanged.

        Raises
        ------
        ScreeningError
            The rules exclude every option and no business-as-usual or do-minimum
            option was kept.
        """
        if not self.kept:
            raise ScreeningError(
                f"The screening keeps no option: every one of the {self.original.n_options} "
                f"options fails a rule, so there is no shortlist to analyse. "
                f"{self._exclusions(limit=3)} Relax a rule, or name a business-as-usual "
                "option (screen(..., business_as_usual='Status quo')) to keep as a comparator."
            )
        return self.original.subset(list(self.kept))

    # -- words ----------------------------------------------------------------------------

    def _exclusions(self, limit: int | None = None) -> str:
        sentences = []
        shown = self.excluded if limit is None else self.excluded[:limit]
        for option in shown:
            failures = self.reasons[option]
            sentence = failures[0].in_words()
            if len(failures) > 1:
                sentence = f"{sentence[:-1]}, one of {len(failures)} failures."
            sentences.append(sentence)
        if limit is not None and len(self.excluded) > limit:
            sentences.append(f"{len(self.excluded) - limit} more are excluded.")
        return " ".join(sentences)

    def summary(self) -> str:
        """How many options were kept and excluded, and why each excluded one is.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["Engage", "Contain"],
        ...     [pb.Criterion("Conflict risk", area="Security", kind="risk")],
        ...     [[4], [8]],
        ... )
        >>> rule = pb.screening.Veto("Conflict risk", limit=6, reason="no war")
        >>> print(pb.screening.screen(a, rule).summary())  # doctest: +NORMALIZE_WHITESPACE
        Screened 2 options against 1 rule: 1 kept, 1 excluded. Contain crosses the red line
        on Conflict risk (8 > 6: no war).
        """
        n_rules = len(self.rules)
        opening = (
            f"Screened {self.original.n_options} options against {n_rules} "
            f"rule{'s' if n_rules != 1 else ''}: {len(self.kept)} kept, "
            f"{len(self.excluded)} excluded."
        )
        parts = [opening, self._exclusions()]
        parts.extend(self.notes[option] for option in self.kept if option in self.notes)
        return " ".join(part for part in parts if part)

    def _status(self, option: str) -> str:
        return "kept" if option in self.kept else "excluded"

    def to_frame(self) -> pd.DataFrame:
        """One row per option, in the assessment's order: kept or not, and why.

        Returns
        -------
        pandas.DataFrame
            Index ``option``; columns ``status`` (``"kept"`` or ``"excluded"``),
            ``failures`` (how many rule failures), ``reasons`` (each failure in words,
            joined by spaces; empty when none) and ``note`` (the business-as-usual or
            do-minimum note; empty otherwise).

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["Engage", "Contain"],
        ...     [pb.Criterion("Conflict risk", area="Security", kind="risk")],
        ...     [[4], [8]],
        ... )
        >>> frame = pb.screening.screen(a, pb.screening.Veto("Conflict risk", limit=6)).to_frame()
        >>> frame["status"].to_dict()
        {'Engage': 'kept', 'Contain': 'excluded'}
        """
        names = self.original.option_names
        return pd.DataFrame(
            {
                "status": [self._status(o) for o in names],
                "failures": [len(self.reasons[o]) for o in names],
                "reasons": [" ".join(f.in_words() for f in self.reasons[o]) for o in names],
                "note": [self.notes.get(o, "") for o in names],
            },
            index=labels(names, "option"),
        )

    def _document(self) -> Document:
        rules = Table(
            "Rules",
            ["#", "Rule", "Kind"],
            [
                [str(i + 1), rule.in_words(), type(rule).__name__]
                for i, rule in enumerate(self.rules)
            ],
            "><<",
        )
        options = Table(
            "Options",
            ["Option", "Status", "Failures"],
            [
                [option, self._status(option), str(len(self.reasons[option]))]
                for option in self.original.option_names
            ],
            "<<>",
        )
        blocks: list[Block] = [Paragraph(self.summary()), rules, options]
        failures = [
            failure.in_words() for option in self.excluded for failure in self.reasons[option]
        ]
        if failures:
            blocks.append(Notes("Why the excluded options are excluded", failures))
        if self.notes:
            blocks.append(
                Notes("Comparators kept", [self.notes[o] for o in self.kept if o in self.notes])
            )
        name = self.original.name or "Assessment"
        return Document(
            f"{name}: screening",
            blocks,
            "Screening of a longlist into a shortlist, the business-as-usual and do-minimum "
            "options kept as comparators (HM Treasury 2022, The Green Book). "
            f"powerbalance {__version__}.",
        )

    def to_dict(self) -> dict[str, Any]:
        """The result as plain Python data, tagged :data:`SCREENING_SCHEMA`.

        Keys: ``schema``; ``rules`` (records of ``kind``, ``criterion``, ``area``,
        ``scenarios``, ``reason``, the rule's own bounds and ``in_words``); ``kept``;
        ``excluded``; ``failures`` (records of ``option``, ``rule``, ``kind``,
        ``criterion``, ``score``, ``limit``, ``scenario`` and ``in_words``);
        ``notes``; ``business_as_usual``; ``do_minimum``; ``summary``; ``version``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["Engage", "Contain"],
        ...     [pb.Criterion("Conflict risk", area="Security", kind="risk")],
        ...     [[4], [8]],
        ... )
        >>> d = pb.screening.screen(a, pb.screening.Veto("Conflict risk", limit=6)).to_dict()
        >>> d["schema"], d["excluded"], d["failures"][0]["score"]
        ('powerbalance.screening.screening/1', ['Contain'], 8.0)
        """
        data: dict[str, Any] = plain(
            {
                "schema": SCREENING_SCHEMA,
                "rules": [
                    {"kind": type(rule).__name__, **attrs.asdict(rule), "in_words": rule.in_words()}
                    for rule in self.rules
                ],
                "kept": list(self.kept),
                "excluded": list(self.excluded),
                "failures": [
                    failure.to_dict()
                    for option in self.original.option_names
                    for failure in self.reasons[option]
                ],
                "notes": dict(self.notes),
                "business_as_usual": self.business_as_usual,
                "do_minimum": self.do_minimum,
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data
