"""Problem: candidate options, what each costs, the budgets and how the options interact."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from typing import Any, cast

import attrs
import numpy as np

from powerbalance._frozen import FrozenMap
from powerbalance._validate import (
    InstanceOf,
    Integer,
    Interval,
    check,
    did_you_mean,
    quoted_list,
    refuse,
)
from powerbalance.errors import PortfolioError, UnknownNameError
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.model import Assessment
from powerbalance.portfolio._interactions import Exclusive, Synergy, option_group
from powerbalance.portfolio._solve import Arrays, Group, conflict

__all__ = ["Problem", "cost_criteria"]

_OWNER = "portfolio.Problem"


def cost_criteria(assessment: Assessment) -> tuple[str, ...]:
    """The assessment's cost criteria (``kind="cost"``), in order.

    Examples
    --------
    >>> import powerbalance as pb
    >>> cost_criteria(pb.examples.load("engage-or-contain").assessment)
    ()
    """
    return tuple(c.name for c in assessment.criteria if c.kind == "cost")


def _as_given(value: Any) -> Any:
    # Checked and put in their final form by the problem, which knows the assessment.
    return value


def _exclusions(value: object) -> tuple[Exclusive, ...]:
    if isinstance(value, Exclusive | str) or not isinstance(value, Iterable):
        raise refuse(
            _OWNER,
            "exclusions",
            value,
            "a list of exclusions (Exclusive(...) or tuples of option names)",
            fix="Wrap a single exclusion in a list: [('A', 'B')].",
        )
    return tuple(
        item if isinstance(item, Exclusive) else Exclusive(option_group(_OWNER, item, "exclusions"))
        for item in value
    )


def _synergies(value: object) -> tuple[Synergy, ...]:
    if isinstance(value, Synergy | str) or not isinstance(value, Iterable):
        raise refuse(
            _OWNER,
            "synergies",
            value,
            "a list of Synergy(...)",
            fix="Wrap a single synergy in a list: [pb.portfolio.Synergy(('A', 'B'), 0.05)].",
        )
    items = tuple(value)
    for item in items:
        check(
            _OWNER,
            "synergies",
            item,
            InstanceOf(Synergy, description="a Synergy"),
            fix="Such as pb.portfolio.Synergy(('A', 'B'), 0.05).",
        )
    return items


def _size(parameter: str, value: object) -> int | None:
    check(_OWNER, parameter, value, Integer(low=0), None, fix="None sets no bound.")
    return None if value is None else int(value)  # type: ignore[call-overload]


def _min_size(value: object) -> int | None:
    return _size("min_size", value)


def _max_size(value: object) -> int | None:
    return _size("max_size", value)


@attrs.frozen
class Problem:
    """Which options may go into a package: their costs, the budgets, their interactions.

    The options of ``assessment`` are the candidate measures; a package is any set of
    them that meets every constraint. Each costs some amount of one or more resources
    (money, political capital, staff), and a budget caps each resource. Options may
    add or remove value together (:class:`Synergy`), exclude one another
    (:class:`Exclusive`), or need another option in the package first (``requires``).
    The value of each option, and so of a package, comes from the weighting and
    method given to :func:`~powerbalance.portfolio.optimize`.

    Parameters
    ----------
    assessment : Assessment
        The candidate options and the criteria that value them. Not modified.
    costs : mapping, optional
        ``{option: {resource: amount}}``, amounts non-negative; an option left out, or
        a resource an option does not name, costs nothing. By default each cost
        criterion of the assessment (``kind="cost"``) is a resource of the same name
        and each option's score on it is its cost.
    budget : mapping
        ``{resource: limit}``, one limit (non-negative, or None for no limit) for
        every resource some option costs.
    minimum : mapping, optional
        ``{resource: amount}``: the least of a resource a package must use, for a
        "resource" that is really something delivered (a reduction in damage, people
        reached) and must reach a target. Each names a resource of ``costs``.
    synergies : list of Synergy, default ()
        Value added (or, when negative, removed) when all of a synergy's options are in.
    exclusions : list of Exclusive or tuples of option names, default ()
        Groups of which a package holds at most one.
    requires : mapping, optional
        ``{option: prerequisite}`` or ``{option: (prerequisite, ...)}``: the option may
        only be chosen with all of its prerequisites.
    min_size, max_size : int, optional
        The fewest and most options a package may hold.

    Raises
    ------
    InvalidParameterError
        A cost or limit that is not a non-negative number, a resource with costs but
        no budget, an interaction of fewer than two options, a prerequisite cycle,
        or ``min_size`` above ``max_size`` or the number of options.
    UnknownNameError
        An option or resource that is not in the assessment or the costs.
    PortfolioError
        No package meets every constraint; the message names a smallest set of
        constraints that conflict.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> problem = pb.portfolio.Problem(
    ...     a, costs={"Engage": {"Money": 3}, "Contain": {"Money": 4}}, budget={"Money": 5}
    ... )
    >>> problem.resources, problem.costs["Contain"]["Money"]
    (('Money',), 4.0)
    """

    assessment: Assessment = attrs.field(repr=False)
    costs: Mapping[str, Mapping[str, float]] = attrs.field(
        default=None, kw_only=True, converter=_as_given
    )
    budget: Mapping[str, float | None] = attrs.field(kw_only=True, converter=_as_given)
    minimum: Mapping[str, float] = attrs.field(default=None, kw_only=True, converter=_as_given)
    synergies: tuple[Synergy, ...] = attrs.field(default=(), kw_only=True, converter=_synergies)
    exclusions: tuple[Exclusive, ...] = attrs.field(default=(), kw_only=True, converter=_exclusions)
    requires: Mapping[str, tuple[str, ...]] = attrs.field(
        default=None, kw_only=True, converter=_as_given
    )
    min_size: int | None = attrs.field(default=None, kw_only=True, converter=_min_size)
    max_size: int | None = attrs.field(default=None, kw_only=True, converter=_max_size)

    def __attrs_post_init__(self) -> None:
        check_assessment(_OWNER, self.assessment)
        set_ = functools.partial(object.__setattr__, self)
        set_("costs", self._checked_costs())
        set_("budget", self._checked_budget())
        set_("minimum", self._checked_minimum())
        for synergy in self.synergies:
            self._check_options("synergies", synergy.options)
        for exclusion in self.exclusions:
            self._check_options("exclusions", exclusion.options)
        set_("requires", self._checked_requires())
        self._check_sizes()
        if self.min_size or self.minimum:
            self._check_feasible()

    # -- checks ---------------------------------------------------------------------------

    def _check_option(self, parameter: str, name: object) -> str:
        names = self.assessment.option_names
        if not isinstance(name, str) or name not in names:
            raise refuse(
                _OWNER,
                parameter,
                name,
                "options of the assessment",
                fix=f"The options are {quoted_list(names)}.{did_you_mean(str(name), names)}",
                error=UnknownNameError,
            )
        return name

    def _check_options(self, parameter: str, names: Iterable[object]) -> None:
        for name in names:
            self._check_option(parameter, name)

    def _checked_costs(self) -> Mapping[str, Mapping[str, float]]:
        given: object = self.costs
        if given is None:
            criteria = cost_criteria(self.assessment)
            if not criteria:
                raise refuse(
                    _OWNER,
                    "costs",
                    None,
                    "{option: {resource: amount}} when the assessment has no cost criteria",
                    fix="Pass costs=..., or add a criterion of kind='cost' whose scores "
                    "are the options' costs.",
                )
            a = self.assessment
            given = {
                option: {c: float(a.scores[i, a.criterion_index(c)]) for c in criteria}
                for i, option in enumerate(a.option_names)
            }
        check(
            _OWNER,
            "costs",
            given,
            InstanceOf(Mapping, description="a mapping {option: {resource: amount}}"),
            fix="Such as {'Engage': {'Money': 3}}.",
        )
        given = cast(Mapping[Any, Any], given)
        resources: dict[str, None] = {}
        checked: dict[str, dict[str, float]] = {}
        for option, amounts in given.items():
            self._check_option("costs", option)
            check(
                _OWNER,
                f"costs[{option!r}]",
                amounts,
                InstanceOf(Mapping, description="a mapping {resource: amount}"),
                fix=f"Such as {{'Money': 3}}: what {option!r} uses of each resource.",
            )
            for resource, amount in amounts.items():
                if not isinstance(resource, str) or not resource.strip():
                    raise refuse(
                        _OWNER,
                        f"costs[{option!r}]",
                        amounts,
                        "keyed by resource names (non-blank strings)",
                        fix="Name each resource, such as 'Money'.",
                    )
                check(
                    _OWNER,
                    f"costs[{option!r}][{resource!r}]",
                    amount,
                    Interval(0, None),
                    fix="A cost is an amount of the resource used; a saving is not a cost.",
                )
                resources[resource] = None
                checked.setdefault(option, {})[resource] = float(amount)
        return FrozenMap(
            {
                option: FrozenMap({r: checked.get(option, {}).get(r, 0.0) for r in resources})
                for option in self.assessment.option_names
            }
        )

    def _cost_resources(self) -> tuple[str, ...]:
        first = next(iter(self.costs.values()), {})
        return tuple(first)

    def _checked_budget(self) -> Mapping[str, float | None]:
        given: object = self.budget
        check(
            _OWNER,
            "budget",
            given,
            InstanceOf(Mapping, description="a mapping {resource: limit}"),
            fix="Such as {'Money': 10}; None as a limit tracks a resource without capping it.",
        )
        given = cast(Mapping[Any, Any], given)
        resources = self._cost_resources()
        for resource, limit in given.items():
            _check_resource("budget", resource, resources)
            check(
                _OWNER,
                f"budget[{resource!r}]",
                limit,
                Interval(0, None),
                None,
                fix="None tracks the resource without capping it.",
            )
        missing = [r for r in resources if r not in given]
        if missing:
            raise refuse(
                _OWNER,
                "budget",
                dict(given),
                f"a limit for every resource with costs ({quoted_list(resources)})",
                fix=f"It has none for {quoted_list(missing)}; give one, or None to track "
                "the resource without capping it.",
            )
        return FrozenMap({r: None if given[r] is None else float(given[r]) for r in resources})

    def _checked_minimum(self) -> Mapping[str, float]:
        given: object = {} if self.minimum is None else self.minimum
        check(
            _OWNER,
            "minimum",
            given,
            InstanceOf(Mapping, description="a mapping {resource: amount}"),
            fix="Such as {'Damage reduction': 837}: the least a package must deliver.",
        )
        given = cast(Mapping[Any, Any], given)
        resources = self.resources
        for resource, amount in given.items():
            _check_resource("minimum", resource, resources)
            check(
                _OWNER,
                f"minimum[{resource!r}]",
                amount,
                Interval(0, None),
                fix="The least amount of the resource a package must reach.",
            )
            limit = self.budget[resource]
            if limit is not None and float(amount) > limit:
                raise refuse(
                    _OWNER,
                    f"minimum[{resource!r}]",
                    amount,
                    f"at most the budget of {resource!r} ({limit:,.6g})",
                    fix="Lower the minimum or raise the budget.",
                )
        return FrozenMap({r: float(given[r]) for r in resources if r in given})

    def _checked_requires(self) -> Mapping[str, tuple[str, ...]]:
        given: object = {} if self.requires is None else self.requires
        check(
            _OWNER,
            "requires",
            given,
            InstanceOf(Mapping, description="a mapping {option: prerequisite(s)}"),
            fix="Such as {'Economic safeguards': 'Intelligence sharing'}.",
        )
        given = cast(Mapping[Any, Any], given)
        checked: dict[str, tuple[str, ...]] = {}
        for option, needed in given.items():
            self._check_option("requires", option)
            names = (needed,) if isinstance(needed, str) else tuple(needed)
            self._check_options(f"requires[{option!r}]", names)
            if option in names:
                raise refuse(
                    _OWNER,
                    f"requires[{option!r}]",
                    needed,
                    "other options",
                    fix=f"{option!r} cannot be its own prerequisite.",
                )
            checked[option] = tuple(dict.fromkeys(names))
        cycle = _cycle(checked)
        if cycle:
            raise refuse(
                _OWNER,
                "requires",
                dict(given),
                "prerequisites without a cycle",
                fix=f"{' requires '.join(repr(name) for name in cycle)}: none of them could be "
                "chosen first; drop one of these prerequisites.",
            )
        return FrozenMap(checked)

    def _check_sizes(self) -> None:
        n = self.assessment.n_options
        for parameter in ("min_size", "max_size"):
            size = getattr(self, parameter)
            if size is not None and size > n:
                raise refuse(
                    _OWNER,
                    parameter,
                    size,
                    f"at most the number of options ({n})",
                    fix="Count only the options of the assessment.",
                )
        if (
            self.min_size is not None
            and self.max_size is not None
            and self.min_size > self.max_size
        ):
            raise refuse(
                _OWNER,
                "min_size",
                self.min_size,
                f"at most max_size ({self.max_size})",
                fix="Lower min_size or raise max_size.",
            )

    def _check_feasible(self) -> None:
        groups = conflict(self.arrays)
        if groups:
            raise PortfolioError(
                f"{_OWNER}: no package meets every constraint: "
                f"{self.describe_conflict(groups)} cannot all hold. Relax one of them."
            )

    # -- views ----------------------------------------------------------------------------

    @property
    def options(self) -> tuple[str, ...]:
        """The candidate options, in the assessment's order."""
        return self.assessment.option_names

    @property
    def resources(self) -> tuple[str, ...]:
        """The resources, in the order the budget gives them."""
        return tuple(self.budget)

    @functools.cached_property
    def arrays(self) -> Arrays:
        """The problem by positions, for the solver."""
        options = self.options
        index = {name: i for i, name in enumerate(options)}
        resources = self.resources
        costs = np.array(
            [[self.costs[o][r] for r in resources] for o in options], dtype=np.float64
        ).reshape(len(options), len(resources))
        limits = np.array(
            [math.inf if self.budget[r] is None else self.budget[r] for r in resources],
            dtype=np.float64,
        )
        floors = np.array([self.minimum.get(r, 0.0) for r in resources], dtype=np.float64)
        return Arrays(
            costs=costs,
            limits=limits,
            floors=floors,
            synergies=tuple(tuple(index[o] for o in s.options) for s in self.synergies),
            synergy_values=np.array([s.value for s in self.synergies], dtype=np.float64),
            exclusions=tuple(tuple(index[o] for o in e.options) for e in self.exclusions),
            requires=tuple(
                (index[option], index[needed])
                for option, prerequisites in self.requires.items()
                for needed in prerequisites
            ),
            min_size=self.min_size or 0,
            max_size=len(options) if self.max_size is None else self.max_size,
        )

    def describe_conflict(self, groups: Iterable[Group]) -> str:
        """Constraint groups in words, such as "the budget of Money (10) and min_size 3".

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> problem = pb.portfolio.Problem(a, costs={"Engage": {"Money": 3}},
        ...                                budget={"Money": 5})
        >>> problem.describe_conflict([("budget", 0), ("include", 0)])
        "the budget of 'Money' (5) and including 'Engage'"
        """
        arrays = self.arrays
        options = self.options
        words = []
        for kind, k in groups:
            if kind == "budget":
                words.append(f"the budget of {self.resources[k]!r} ({arrays.limits[k]:,.6g})")
            elif kind == "minimum":
                words.append(f"the minimum of {self.resources[k]!r} ({arrays.floors[k]:,.6g})")
            elif kind == "exclusion":
                names = " or ".join(repr(options[i]) for i in arrays.exclusions[k])
                words.append(f"the exclusion (at most one of {names})")
            elif kind == "requires":
                option, needed = arrays.requires[k]
                words.append(f"{options[option]!r} requiring {options[needed]!r}")
            elif kind == "include":
                words.append(f"including {options[k]!r}")
            else:
                words.append(f"{kind} {getattr(self, kind)}")
        if len(words) == 1:
            return words[0]
        return ", ".join(words[:-1]) + " and " + words[-1]


def _check_resource(parameter: str, resource: object, resources: tuple[str, ...]) -> None:
    """Refuse a ``budget`` or ``minimum`` key that no option has a cost in."""
    if resource not in resources:
        known = f"the resources are {quoted_list(resources)}" if resources else "none"
        raise refuse(
            _OWNER,
            parameter,
            resource,
            "a resource that some option costs",
            fix=f"No option has a cost in {resource!r}; {known}."
            + did_you_mean(str(resource), resources),
            error=UnknownNameError,
        )


def _cycle(requires: Mapping[str, tuple[str, ...]]) -> list[str]:
    """A prerequisite cycle as a path that returns to its start, or an empty list."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished

    def visit(option: str, path: list[str]) -> list[str]:
        state[option] = 1
        for needed in requires.get(option, ()):
            if state.get(needed) == 1:
                return [*path[path.index(needed) :], needed]
            if needed not in state:
                found = visit(needed, [*path, needed])
                if found:
                    return found
        state[option] = 2
        return []

    for option in requires:
        if option not in state:
            found = visit(option, [option])
            if found:
                return found
    return []
