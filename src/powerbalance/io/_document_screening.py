"""The screening rules of a study document: the table ``screening``.

It holds ``do_minimum`` (the option kept on every shortlist as the do-minimum
comparator) and ``rules``, an array of tables, each a rule of
:mod:`powerbalance.screening`: ``kind`` (``"threshold"``, ``"veto"`` or
``"must-have"``), exactly one of ``criterion`` and ``area``, the bounds ``at_least``
and ``at_most`` of a threshold or the ``limit`` of a veto, ``scenarios``
(``"central"``, ``"every"`` or ``"any"``) and the analyst's ``reason``. Reading checks
every name and number and records each problem with its field path; what only the
assessment can tell (a must-have on a criterion without a fixed scale, a rule across
scenarios in a study without them) is checked once it is built.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.errors import PowerbalanceError
from powerbalance.io._problems import Collector, Path
from powerbalance.io._values import (
    INVALID,
    check_keys,
    describe,
    read_array,
    read_choice,
    read_number,
    read_table,
    read_text,
)
from powerbalance.model import Assessment

__all__ = [
    "RULE_KEYS",
    "RULE_KINDS",
    "SCREENING_KEYS",
    "build_screening",
    "read_screening",
    "rule_table",
    "screening_table",
]

SCREENING_KEYS = ("do_minimum", "rules")

#: Each kind of rule as a file names it, and the class of :mod:`powerbalance.screening`.
RULE_KINDS = {"threshold": "Threshold", "veto": "Veto", "must-have": "MustHave"}

#: The keys a rule's table may hold, by kind.
RULE_KEYS = {
    "threshold": ("kind", "criterion", "area", "at_least", "at_most", "scenarios", "reason"),
    "veto": ("kind", "criterion", "area", "limit", "scenarios", "reason"),
    "must-have": ("kind", "criterion", "area", "scenarios", "reason"),
}

_SCENARIOS = ("central", "every", "any")
_ROOT: Path = ("screening",)


# -- reading -------------------------------------------------------------------------------


def read_screening(
    value: object,
    criteria: Sequence[str],
    areas: Sequence[str],
    options: Sequence[str],
    problems: Collector,
) -> Any:
    """``{"rules": [...], "do_minimum": name or None}`` from the table, or INVALID.

    ``criteria``, ``areas`` and ``options`` are the names read, for the did-you-mean
    of a misspelt one (empty when they could not be read: then no name is checked).
    """
    table = read_table(value, _ROOT, problems)
    if table is INVALID:
        return INVALID
    before = problems.found
    check_keys(table, SCREENING_KEYS, _ROOT, problems)
    rules: list[Any] = []
    if "rules" in table:
        path = (*_ROOT, "rules")
        items = read_array(table["rules"], path, problems)
        if items is not INVALID:
            rules = [
                _read_rule(item, (*path, k), criteria, areas, problems)
                for k, item in enumerate(items)
            ]
    do_minimum = None
    if "do_minimum" in table:
        path = (*_ROOT, "do_minimum")
        do_minimum = read_text(table["do_minimum"], path, problems, blank=False)
        if do_minimum is not INVALID and options and do_minimum not in options:
            problems.add(
                path,
                f"{do_minimum!r} is not an option of this study."
                + did_you_mean(do_minimum, options),
            )
    if problems.found > before:
        return INVALID
    return {"rules": rules, "do_minimum": do_minimum}


def _read_name(
    value: object, path: Path, known: Sequence[str], what: str, problems: Collector
) -> Any:
    name = read_text(value, path, problems, blank=False)
    if name is not INVALID and known and name not in known:
        problems.add(
            path,
            lambda: (
                f"{name!r} is not {what} of this study; the {what.split()[-1]}s are "
                f"{quoted_list(known, limit=20)}." + did_you_mean(name, known)
            ),
        )
        return INVALID
    return name


def _read_rule(
    item: object,
    path: Path,
    criteria: Sequence[str],
    areas: Sequence[str],
    problems: Collector,
) -> Any:
    # The screening stage is imported only by a file that has screening rules.
    from powerbalance import screening

    table = read_table(item, path, problems)
    if table is INVALID:
        return INVALID
    kind = read_choice(table, "kind", RULE_KINDS, path, problems, "kind of rule")
    if kind is INVALID:
        return INVALID
    before = problems.found
    check_keys(
        table, RULE_KEYS[kind], path, problems, required=("limit",) if kind == "veto" else ()
    )
    given = [key for key in ("criterion", "area") if key in table]
    if len(given) != 1:
        problems.add(
            path,
            f"a rule names exactly one of 'criterion' and 'area'; found "
            f"{'both' if given else 'neither'}. An area rule applies to each of its criteria.",
        )
    arguments: dict[str, Any] = {}
    if "criterion" in table:
        arguments["criterion"] = _read_name(
            table["criterion"], (*path, "criterion"), criteria, "a criterion", problems
        )
    if "area" in table:
        arguments["area"] = _read_name(table["area"], (*path, "area"), areas, "an area", problems)
    for key in ("at_least", "at_most", "limit"):
        if key in table and key in RULE_KEYS[kind]:
            arguments[key] = read_number(table[key], (*path, key), problems)
    if kind == "threshold" and "at_least" not in table and "at_most" not in table:
        problems.add(path, "a threshold needs 'at_least', 'at_most' or both.")
    if "scenarios" in table:
        where = (*path, "scenarios")
        scenarios = read_text(table["scenarios"], where, problems)
        if scenarios is not INVALID and scenarios not in _SCENARIOS:
            problems.add(
                where,
                f"expected one of {quoted_list(_SCENARIOS)}; found {describe(scenarios)}."
                + did_you_mean(scenarios, _SCENARIOS),
            )
        arguments["scenarios"] = scenarios
    if "reason" in table:
        arguments["reason"] = read_text(table["reason"], (*path, "reason"), problems, blank=False)
    if problems.found > before:
        return INVALID
    try:
        return getattr(screening, RULE_KINDS[kind])(**arguments)
    except PowerbalanceError as error:
        problems.add(path, str(error))
        return INVALID


def build_screening(
    spec: Mapping[str, Any], assessment: Assessment, problems: Collector
) -> tuple[tuple[Any, ...], str | None]:
    """The rules and the do-minimum option of a spec, checked against the assessment.

    A must-have needs criteria with a fixed scale, and a rule across scenarios needs
    a study with scenarios; each problem is recorded at the rule's key.
    """
    from powerbalance.screening import MustHave

    for position, rule in enumerate(spec["rules"]):
        path = (*_ROOT, "rules", position)
        if isinstance(rule, MustHave):
            names = (
                (rule.criterion,)
                if rule.criterion is not None
                else assessment.criteria_in(str(rule.area))
            )
            unscaled = [name for name in names if assessment.criterion(name).scale is None]
            if unscaled:
                key = "criterion" if rule.criterion is not None else "area"
                problems.add(
                    (*path, key),
                    f"a must-have needs the worst end of the scale, and {quoted_list(unscaled)} "
                    "has no fixed scale; give it scale = [low, high], or use "
                    'kind = "threshold" with at_least.',
                )
        if rule.scenarios != "central" and not assessment.scenarios:
            problems.add(
                (*path, "scenarios"),
                f"{rule.scenarios!r} needs scenarios, and the study has none; add "
                "[[scenarios]] tables or leave scenarios out (the central scores).",
            )
    return tuple(spec["rules"]), spec["do_minimum"]


# -- writing -------------------------------------------------------------------------------


def rule_table(rule: Any) -> dict[str, Any]:
    """A screening rule as a table of the array ``screening.rules``.

    Examples
    --------
    >>> import powerbalance as pb
    >>> rule_table(pb.screening.Veto("Risk", limit=6, reason="red line"))
    {'kind': 'veto', 'criterion': 'Risk', 'limit': 6.0, 'reason': 'red line'}
    """
    kind = next(k for k, name in RULE_KINDS.items() if type(rule).__name__ == name)
    table: dict[str, Any] = {"kind": kind}
    for key in ("criterion", "area", "at_least", "at_most", "limit"):
        value = getattr(rule, key, None)
        if value is not None:
            table[key] = value
    if rule.scenarios != "central":
        table["scenarios"] = rule.scenarios
    if rule.reason is not None:
        table["reason"] = rule.reason
    return table


def screening_table(rules: Sequence[Any], do_minimum: str | None) -> dict[str, Any]:
    """The table ``screening`` of a study's rules and do-minimum option."""
    table: dict[str, Any] = {}
    if do_minimum is not None:
        table["do_minimum"] = do_minimum
    if rules:
        table["rules"] = [rule_table(rule) for rule in rules]
    return table
