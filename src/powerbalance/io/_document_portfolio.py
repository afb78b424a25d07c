"""The package problem of a study document: the table ``portfolio``.

It holds the ``budget`` (resource -> limit, or ``"unlimited"`` to track a resource
without capping it), the ``minimum`` (resource -> the least a package must use or
deliver of it), the ``costs`` (option -> resource -> amount; by default the
assessment's cost criteria), ``synergies`` (an array of tables with ``options`` and
``value``), ``exclusions`` (an array of arrays of option names, at most one of each),
``requires`` (option -> prerequisite or array of them) and ``min_size`` and
``max_size``. Reading checks names and amounts and records every problem with its
field path; the :class:`~powerbalance.portfolio.Problem` itself is built once the
assessment is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from powerbalance._validate import did_you_mean
from powerbalance.errors import PowerbalanceError
from powerbalance.io._problems import Collector, Path
from powerbalance.io._values import (
    INVALID,
    check_keys,
    describe,
    read_array,
    read_number,
    read_table,
    read_text,
)
from powerbalance.model import Assessment

if TYPE_CHECKING:
    from powerbalance.portfolio import Problem

__all__ = ["PORTFOLIO_KEYS", "UNLIMITED", "build_portfolio", "portfolio_table", "read_portfolio"]

PORTFOLIO_KEYS = (
    "budget",
    "minimum",
    "costs",
    "synergies",
    "exclusions",
    "requires",
    "min_size",
    "max_size",
)

UNLIMITED = "unlimited"
"""A budget's limit for a resource that is tracked but not capped (TOML has no null).

Examples
--------
>>> UNLIMITED
'unlimited'
"""

_ROOT: Path = ("portfolio",)


# -- reading -------------------------------------------------------------------------------


def read_portfolio(
    value: object, options: Sequence[str], resources: Sequence[str], problems: Collector
) -> Any:
    """The keyword arguments of a Problem from the table ``portfolio``, or INVALID.

    ``options`` are the names of the options read and ``resources`` the names of the
    cost criteria (the resources when ``costs`` is left out).
    """
    table = read_table(value, _ROOT, problems)
    if table is INVALID:
        return INVALID
    before = problems.found
    check_keys(table, PORTFOLIO_KEYS, _ROOT, problems, required=("budget",))
    spec: dict[str, Any] = {}
    if "costs" in table:
        spec["costs"] = _read_costs(table["costs"], options, problems)
        resources = list(dict.fromkeys(r for amounts in spec["costs"].values() for r in amounts))
    if "budget" in table:
        spec["budget"] = _read_budget(table["budget"], resources, problems)
    if "minimum" in table:
        spec["minimum"] = _read_minimum(table["minimum"], resources, problems)
    if "synergies" in table:
        spec["synergies"] = _read_synergies(table["synergies"], options, problems)
    if "exclusions" in table:
        path = (*_ROOT, "exclusions")
        items = read_array(table["exclusions"], path, problems)
        if items is not INVALID:
            spec["exclusions"] = [
                _read_group(item, (*path, k), options, problems) for k, item in enumerate(items)
            ]
    if "requires" in table:
        spec["requires"] = _read_requires(table["requires"], options, problems)
    for key in ("min_size", "max_size"):
        if key in table:
            spec[key] = _read_size(table[key], (*_ROOT, key), problems)
    return INVALID if problems.found > before else spec


def _unknown_option(name: str, options: Sequence[str]) -> str:
    return f"{name!r} is not an option of this study." + did_you_mean(name, options)


def _read_option(value: object, path: Path, options: Sequence[str], problems: Collector) -> Any:
    name = read_text(value, path, problems, blank=False)
    if name is not INVALID and options and name not in options:
        problems.add(path, _unknown_option(name, options))
        return INVALID
    return name


def _read_amount(value: object, path: Path, problems: Collector, what: str) -> Any:
    amount = read_number(value, path, problems)
    if amount is not INVALID and amount < 0:
        problems.add(path, f"expected {what} of 0 or more; found {describe(amount)}.")
        return INVALID
    return amount


def _read_costs(
    value: object, options: Sequence[str], problems: Collector
) -> dict[str, dict[str, float]]:
    path = (*_ROOT, "costs")
    table = read_table(value, path, problems)
    if table is INVALID:
        return {}
    costs: dict[str, dict[str, float]] = {}
    for option, amounts in table.items():
        where = (*path, option)
        if options and option not in options:
            problems.add(where, _unknown_option(option, options))
            continue
        row = read_table(amounts, where, problems)
        if row is INVALID:
            continue
        for resource, amount in row.items():
            read = _read_amount(amount, (*where, resource), problems, "a cost")
            if read is not INVALID:
                costs.setdefault(option, {})[resource] = read
    return costs


def _read_budget(
    value: object, resources: Sequence[str], problems: Collector
) -> dict[str, float | None]:
    path = (*_ROOT, "budget")
    table = read_table(value, path, problems)
    if table is INVALID:
        return {}
    budget: dict[str, float | None] = {}
    for resource, limit in table.items():
        where = (*path, resource)
        if not _known_resource(resource, where, resources, problems):
            continue
        if limit == UNLIMITED:
            budget[resource] = None
            continue
        if isinstance(limit, str):
            problems.add(
                where, f"expected a limit (a number) or {UNLIMITED!r}; found {describe(limit)}."
            )
            continue
        read = _read_amount(limit, where, problems, "a limit")
        if read is not INVALID:
            budget[resource] = read
    missing = [r for r in resources if r not in table]
    if missing:
        problems.add(
            path,
            "no limit for " + ", ".join(map(repr, missing)) + f"; give one, or {UNLIMITED!r} "
            "to track the resource without capping it.",
        )
    return budget


def _known_resource(
    resource: str, where: Path, resources: Sequence[str], problems: Collector
) -> bool:
    if resources and resource not in resources:
        problems.add(
            where,
            f"no option has a cost in {resource!r}; the resources are "
            + ", ".join(map(repr, resources))
            + "."
            + did_you_mean(resource, resources),
        )
        return False
    return True


def _read_minimum(value: object, resources: Sequence[str], problems: Collector) -> dict[str, float]:
    path = (*_ROOT, "minimum")
    table = read_table(value, path, problems)
    if table is INVALID:
        return {}
    minimum: dict[str, float] = {}
    for resource, amount in table.items():
        where = (*path, resource)
        if _known_resource(resource, where, resources, problems):
            read = _read_amount(amount, where, problems, "a minimum")
            if read is not INVALID:
                minimum[resource] = read
    return minimum


def _read_group(value: object, path: Path, options: Sequence[str], problems: Collector) -> Any:
    items = read_array(value, path, problems)
    if items is INVALID:
        return INVALID
    if len(items) < 2:
        problems.add(path, f"expected at least two option names; found {describe(items)}.")
        return INVALID
    names = [_read_option(item, (*path, k), options, problems) for k, item in enumerate(items)]
    if INVALID in names:
        return INVALID
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        problems.add(path, f"{', '.join(map(repr, repeated))} is named twice; name it once.")
        return INVALID
    return tuple(names)


def _read_synergies(value: object, options: Sequence[str], problems: Collector) -> list[Any]:
    # The portfolio stage is imported only by a file that has a package problem.
    from powerbalance.portfolio import Synergy

    path = (*_ROOT, "synergies")
    items = read_array(value, path, problems)
    if items is INVALID:
        return []
    synergies = []
    for position, item in enumerate(items):
        where = (*path, position)
        table = read_table(item, where, problems)
        if table is INVALID:
            continue
        check_keys(table, ("options", "value"), where, problems, required=("options", "value"))
        group = (
            _read_group(table["options"], (*where, "options"), options, problems)
            if "options" in table
            else INVALID
        )
        amount = (
            read_number(table["value"], (*where, "value"), problems)
            if "value" in table
            else INVALID
        )
        if group is not INVALID and amount is not INVALID:
            synergies.append(Synergy(group, amount))
    return synergies


def _read_requires(
    value: object, options: Sequence[str], problems: Collector
) -> dict[str, tuple[str, ...]]:
    path = (*_ROOT, "requires")
    table = read_table(value, path, problems)
    if table is INVALID:
        return {}
    requires: dict[str, tuple[str, ...]] = {}
    for option, needed in table.items():
        where = (*path, option)
        if options and option not in options:
            problems.add(where, _unknown_option(option, options))
            continue
        if isinstance(needed, str):
            names = [_read_option(needed, where, options, problems)]
        else:
            items = read_array(needed, where, problems)
            if items is INVALID:
                continue
            names = [
                _read_option(item, (*where, k), options, problems) for k, item in enumerate(items)
            ]
        if INVALID not in names:
            requires[option] = tuple(names)
    return requires


def _read_size(value: object, path: Path, problems: Collector) -> Any:
    size = read_number(value, path, problems)
    if size is INVALID:
        return INVALID
    if size < 0 or size != int(size):
        problems.add(path, f"expected a whole number of options, 0 or more; found {size!r}.")
        return INVALID
    return int(size)


def build_portfolio(spec: Mapping[str, Any], assessment: Assessment, problems: Collector) -> Any:
    """The Problem of a spec :func:`read_portfolio` returned, or INVALID with the reason.

    What only the whole problem can tell (a prerequisite cycle, constraints no
    package meets, a size above the number of options) is recorded at ``portfolio``.
    """
    from powerbalance.portfolio import Problem

    try:
        return Problem(assessment, **spec)
    except PowerbalanceError as error:
        problems.add(_ROOT, str(error))
        return INVALID


# -- writing -------------------------------------------------------------------------------


def portfolio_table(problem: Problem) -> dict[str, Any]:
    """A package problem as the table ``portfolio`` of the document.

    Costs are left out when they are the assessment's cost criteria (the default), and
    an option that costs nothing is left out of them.
    """
    table: dict[str, Any] = {
        "budget": {r: UNLIMITED if limit is None else limit for r, limit in problem.budget.items()}
    }
    if problem.minimum:
        table["minimum"] = dict(problem.minimum)
    a = problem.assessment
    resources = problem.resources
    criteria = tuple(c.name for c in a.criteria if c.kind == "cost")
    defaults = resources == criteria and all(
        problem.costs[option][r] == float(a.scores[i, a.criterion_index(r)])
        for i, option in enumerate(a.option_names)
        for r in resources
    )
    if not defaults:
        costs = {
            option: dict(amounts)
            for option, amounts in problem.costs.items()
            if any(amounts.values())
        }
        # Every resource must appear somewhere, or the budget would name an unknown one.
        table["costs"] = costs or {o: dict(amounts) for o, amounts in problem.costs.items()}
    if problem.synergies:
        table["synergies"] = [
            {"options": list(s.options), "value": s.value} for s in problem.synergies
        ]
    if problem.exclusions:
        table["exclusions"] = [list(e.options) for e in problem.exclusions]
    if problem.requires:
        table["requires"] = {
            option: needed[0] if len(needed) == 1 else list(needed)
            for option, needed in problem.requires.items()
        }
    for key in ("min_size", "max_size"):
        if getattr(problem, key) is not None:
            table[key] = getattr(problem, key)
    return table
