"""Screening a longlist into a shortlist: minimum standards, red lines, must-haves.

Before options are ranked, a longlist is narrowed to the options that are acceptable
at all. The UK Treasury's options framework-filter, "required best practice" in its
guidance, filters a longlist into a shortlist against the objectives and critical
success factors, records the reason for each decision, and keeps a business-as-usual
option and a do-minimum option on the shortlist as comparators whatever they score
(HM Treasury 2022, *The Green Book: Central Government Guidance on Appraisal and
Evaluation*, its chapters on generating options with long-list appraisal and on
short-list appraisal). :func:`screen` does the same with explicit rules
(:class:`~powerbalance.screening.Threshold`, :class:`~powerbalance.screening.Veto`,
:class:`~powerbalance.screening.MustHave`), and a red line excludes an option whatever
its other merits, which a weighted sum cannot express. The shortlist keeps the scores
exactly as they were.

References
----------
HM Treasury (2022). *The Green Book: Central Government Guidance on Appraisal and
Evaluation*. London: HM Treasury. Options framework-filter; longlist to shortlist,
with business as usual and do-minimum on the shortlist.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> s = pb.screening.screen(a, pb.screening.Veto("Alliances strained", limit=6))
>>> s.excluded
('Broad partnership',)
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from powerbalance._validate import InstanceOf, check, did_you_mean, quoted_list, refuse
from powerbalance.errors import ScenarioError, UnknownNameError
from powerbalance.model import Assessment
from powerbalance.screening._rules import RULE_TYPES, MustHave, Rule
from powerbalance.screening._screening import Failure, Screening

__all__ = ["screen"]

_OWNER = "screen"


def _rule_label(position: int, rule: Rule) -> str:
    return f"rule {position + 1} ({type(rule).__name__}: {rule.in_words()})"


def _criteria_of(a: Assessment, position: int, rule: Rule) -> tuple[str, ...]:
    """The criteria a rule applies to, or a refusal naming the rule."""
    label = _rule_label(position, rule)
    if rule.criterion is not None:
        if rule.criterion not in a.criterion_names:
            raise refuse(
                _OWNER,
                f"the criterion of {label}",
                rule.criterion,
                "a criterion of the assessment",
                fix=f"The criteria are {quoted_list(a.criterion_names)}."
                + did_you_mean(rule.criterion, a.criterion_names),
                error=UnknownNameError,
            )
        names: tuple[str, ...] = (rule.criterion,)
    else:
        area = str(rule.area)
        if area not in a.areas:
            raise refuse(
                _OWNER,
                f"the area of {label}",
                rule.area,
                "an area of the assessment",
                fix=f"The areas are {quoted_list(a.areas)}." + did_you_mean(area, a.areas),
                error=UnknownNameError,
            )
        names = a.criteria_in(area)
    if isinstance(rule, MustHave):
        unscaled = [n for n in names if a.criterion(n).scale is None]
        if unscaled:
            raise refuse(
                _OWNER,
                f"the criterion of {label}",
                unscaled[0],
                "a criterion with a fixed scale",
                fix="A must-have needs the worst end of the scale: give the criterion "
                "scale=(low, high), or use Threshold(..., at_least=...) instead.",
            )
    if rule.scenarios != "central" and not a.scenarios:
        raise refuse(
            _OWNER,
            f"the scenarios of {label}",
            rule.scenarios,
            "'central' for an assessment without scenarios",
            fix="The assessment has no scenarios: add some with "
            "Assessment(..., scenarios=[pb.Scenario(...)]), or leave scenarios='central'.",
            error=ScenarioError,
        )
    return names


def _comparator(a: Assessment, parameter: str, value: object) -> str | None:
    check(_OWNER, parameter, value, InstanceOf(str, description="an option name"), None)
    if value is not None and value not in a.option_names:
        raise refuse(
            _OWNER,
            parameter,
            value,
            "an option of the assessment",
            fix=f"The options are {quoted_list(a.option_names)}."
            + did_you_mean(str(value), a.option_names),
            error=UnknownNameError,
        )
    return value


def _failures(
    a: Assessment,
    rule: Rule,
    criteria: tuple[str, ...],
    tables: dict[str | None, npt.NDArray[np.float64]],
) -> Iterator[Failure]:
    """Every failure of ``rule``, option by option, under its scenarios setting."""
    scenarios: tuple[str | None, ...] = (None,) if rule.scenarios == "central" else a.scenario_names
    for name in scenarios:
        if name not in tables:
            tables[name] = a.in_scenario(name).scores if name is not None else a.scores
    for i, option in enumerate(a.option_names):
        for criterion_name in criteria:
            criterion = a.criterion(criterion_name)
            j = a.criterion_index(criterion_name)
            found = []
            for name in scenarios:
                score = float(tables[name][i, j])
                limit = rule.breach(criterion, score)
                if limit is not None:
                    found.append(Failure(rule, option, criterion_name, score, limit, name))
            # "any" holds when one scenario meets the rule: it fails only if all fail.
            if rule.scenarios == "any" and len(found) < len(scenarios):
                continue
            yield from found


def _note(role: str, option: str, failures: tuple[Failure, ...]) -> str:
    if not failures:
        return f"{option} is kept as the {role} option."
    count = len(failures)
    return (
        f"{option} is kept as the {role} option, a comparator on every shortlist, "
        f"though it fails {count} rule{'s' if count > 1 else ''}: "
        + " ".join(f.in_words() for f in failures)
    )


def screen(
    a: Assessment,
    *rules: Rule,
    business_as_usual: str | None = None,
    do_minimum: str | None = None,
) -> Screening:
    """Screen the options against minimum standards, red lines and must-haves.

    An option is excluded when it fails any rule; every failure is recorded with
    the rule, the criterion, the score, the limit and the scenario. The
    business-as-usual and do-minimum options stay on the shortlist whatever they
    fail, as comparators (HM Treasury 2022), with a note saying what they fail.

    Parameters
    ----------
    a : Assessment
        The longlist. Not modified.
    *rules : Threshold, Veto or MustHave
        At least one rule.
    business_as_usual : str, optional
        The business-as-usual option; by default the assessment's baseline, if it has
        one.
    do_minimum : str, optional
        The do-minimum option, if there is one.

    Returns
    -------
    Screening
        The kept and excluded options and why; :attr:`Screening.assessment` is the
        shortlist, with the original scores.

    Raises
    ------
    InvalidParameterError
        No rule, something that is not a rule, or a must-have on a criterion without
        a fixed scale.
    UnknownNameError
        A rule names a criterion or an area the assessment does not have, or
        ``business_as_usual`` / ``do_minimum`` is not an option (with a did-you-mean).
    ScenarioError
        A rule with ``scenarios="every"`` or ``"any"`` on an assessment without
        scenarios.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["Engage", "Contain", "Status quo"],
    ...     [pb.Criterion("Trade gains", area="Economic", kind="benefit", scale=(0, 10)),
    ...      pb.Criterion("Conflict risk", area="Security", kind="risk", scale=(0, 10))],
    ...     [[7, 4], [3, 8], [0, 7]],
    ...     baseline="Status quo",
    ... )
    >>> s = pb.screening.screen(
    ...     a,
    ...     pb.screening.Veto("Conflict risk", limit=6, reason="no escalation"),
    ...     pb.screening.MustHave("Trade gains"),
    ... )
    >>> s.kept, s.excluded
    (('Engage', 'Status quo'), ('Contain',))
    >>> print(s.reasons["Contain"][0].in_words())
    Contain crosses the red line on Conflict risk (8 > 6: no escalation).
    >>> print(s.notes["Status quo"])  # doctest: +NORMALIZE_WHITESPACE
    Status quo is kept as the business-as-usual option, a comparator on every shortlist,
    though it fails 2 rules: Status quo crosses the red line on Conflict risk (7 > 6: no
    escalation). Status quo does not have Trade gains (it scores 0, the worst end of its
    scale).
    """
    check(_OWNER, "a", a, InstanceOf(Assessment))
    if not rules:
        raise refuse(
            _OWNER,
            "rules",
            (),
            "at least one rule",
            fix="Give at least one rule, such as pb.screening.Veto('Alliances strained', limit=6).",
        )
    for position, rule in enumerate(rules):
        check(
            _OWNER,
            f"rule {position + 1}",
            rule,
            InstanceOf(RULE_TYPES, description="a Threshold, Veto or MustHave"),
        )
    targets = [_criteria_of(a, position, rule) for position, rule in enumerate(rules)]
    usual = _comparator(
        a, "business_as_usual", a.baseline if business_as_usual is None else business_as_usual
    )
    minimum = _comparator(a, "do_minimum", do_minimum)

    tables: dict[str | None, npt.NDArray[np.float64]] = {}
    found: dict[str, list[Failure]] = {option: [] for option in a.option_names}
    for rule, criteria in zip(rules, targets, strict=True):
        for failure in _failures(a, rule, criteria, tables):
            found[failure.option].append(failure)
    reasons = {option: tuple(failures) for option, failures in found.items()}

    comparators = {usual, minimum} - {None}
    kept = tuple(o for o in a.option_names if not reasons[o] or o in comparators)
    excluded = tuple(o for o in a.option_names if o not in kept)
    notes: dict[str, str] = {}
    if usual is not None and usual == minimum:
        notes[usual] = _note("business-as-usual and do-minimum", usual, reasons[usual])
    else:
        if usual is not None:
            notes[usual] = _note("business-as-usual", usual, reasons[usual])
        if minimum is not None:
            notes[minimum] = _note("do-minimum", minimum, reasons[minimum])
    return Screening(
        original=a,
        rules=tuple(rules),
        kept=kept,
        excluded=excluded,
        reasons=reasons,
        notes=notes,
        business_as_usual=usual,
        do_minimum=minimum,
    )
