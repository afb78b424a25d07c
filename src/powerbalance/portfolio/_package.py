"""Package: the best combination of options, its value, its use of each resource."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._labels import labels
from powerbalance._render import (
    Document,
    Paragraph,
    Rendered,
    Table,
    component,
    full_name,
    join_words,
    number,
    plain,
    signed,
)
from powerbalance._version import __version__
from powerbalance.methods import Method
from powerbalance.model.weights import Weights
from powerbalance.portfolio._interactions import Synergy
from powerbalance.portfolio._problem import Problem
from powerbalance.portfolio._solve import package_value
from powerbalance.portfolio._values import Valuation
from powerbalance.portfolio._what_it_takes import WhatItTakes, amount, what_it_takes

__all__ = ["PACKAGE_SCHEMA", "Package"]

BoolArray: TypeAlias = npt.NDArray[np.bool_]

PACKAGE_SCHEMA = "powerbalance.portfolio.package/1"
"""The schema tag of :meth:`Package.to_dict`; it changes when the layout does.

Examples
--------
>>> PACKAGE_SCHEMA.split("/")[-1]
'1'
"""


@attrs.frozen
class Package(Rendered):
    """The best package of options under a problem's budgets, and what it leaves out.

    Made by :func:`~powerbalance.portfolio.optimize` (and for each budget level by
    :func:`~powerbalance.portfolio.frontier`). Its value is the sum of its options'
    values (the method's scores on the criteria that are not costs) plus the
    synergies among them. When several packages are equally good, it is one of them.
    It renders as every result does (:meth:`summary`, ``print``, :meth:`to_markdown`,
    :meth:`to_html`, :meth:`to_dict`, :meth:`to_json`); :meth:`to_frame` lists every
    option.

    Attributes
    ----------
    problem : Problem
        The options, costs, budgets and interactions.
    options : tuple of str
        The options in the package, in the assessment's order.
    value : float
        The package's value: its options' values plus its synergies.
    valuation : Valuation
        The options' values, with the weights and method behind them.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> problem = pb.portfolio.Problem(
    ...     a, costs={"Engage": {"Money": 3}, "Contain": {"Money": 4}}, budget={"Money": 5}
    ... )
    >>> package = pb.portfolio.optimize(problem)
    >>> package.options, package.use["Money"]
    (('Engage',), (3.0, 5.0))
    """

    problem: Problem = attrs.field(repr=False)
    options: tuple[str, ...]
    value: float
    valuation: Valuation = attrs.field(repr=False, eq=False)

    # -- the numbers ----------------------------------------------------------------------

    @property
    def _chosen(self) -> BoolArray:
        return np.array([name in self.options for name in self.problem.options])

    @property
    def weights(self) -> Weights:
        """The weights of the criteria that value the options (costs left out)."""
        return self.valuation.weights

    @property
    def method(self) -> Method:
        """The aggregation method that values the options."""
        return self.valuation.method

    @property
    def weighting(self) -> object:
        """The weighting scheme the weights came from."""
        return self.valuation.weighting

    @property
    def option_values(self) -> pd.Series:
        """Each candidate option's own value, in the assessment's order."""
        return pd.Series(
            np.array(self.valuation.values),
            index=labels(self.problem.options, "option"),
            name="value",
        )

    @property
    def left_out(self) -> tuple[str, ...]:
        """The candidate options not in the package, in the assessment's order."""
        return tuple(name for name in self.problem.options if name not in self.options)

    @property
    def use(self) -> Mapping[str, tuple[float, float | None]]:
        """Resource -> (amount the package uses, the budget's limit or None)."""
        costs = self.problem.costs
        return {
            resource: (float(sum(costs[o][resource] for o in self.options)), limit)
            for resource, limit in self.problem.budget.items()
        }

    @property
    def synergies(self) -> tuple[Synergy, ...]:
        """The synergies whose options are all in the package."""
        kept = set(self.options)
        return tuple(s for s in self.problem.synergies if kept.issuperset(s.options))

    @functools.cached_property
    def what_it_takes(self) -> WhatItTakes | None:
        """What would bring the most valuable option left out into the best package.

        The budget each resource would need (the others as they are) for a package
        that includes it to be worth as much as this one, and the smallest change of
        one criterion's weight that brings it into a best package (found by
        bisection, each step solved exactly). None when nothing is left out.
        """
        return what_it_takes(
            self.problem.arrays, self.valuation, self._chosen, self.problem.resources
        )

    # -- words and renderers --------------------------------------------------------------

    def _contents(self) -> str:
        n = len(self.problem.options)
        if not self.options:
            return "The best package is empty: no option adds value under these constraints."
        synergy = sum(s.value for s in self.synergies)
        opening = (
            f"The best package holds {join_words(list(self.options))} "
            f"({len(self.options)} of {n} options), worth {number(self.value)}"
        )
        if self.synergies:
            opening += (
                f" ({number(self.value - synergy)} from the options, {signed(synergy)} "
                "from synergies)"
            )
        return opening + "."

    def _use_sentence(self) -> str:
        minimum = self.problem.minimum
        parts = [
            (
                f"{amount(used)} of {amount(limit)} {resource}"
                if limit is not None
                else f"{amount(used)} {resource}" + ("" if resource in minimum else " (no limit)")
            )
            + (f" (at least {amount(minimum[resource])})" if resource in minimum else "")
            for resource, (used, limit) in self.use.items()
        ]
        return f"It uses {join_words(parts)}." if parts else ""

    def summary(self) -> str:
        """What the package holds and uses, what it leaves out, what would change that.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> problem = pb.portfolio.Problem(
        ...     a, costs={"Engage": {"Money": 3}, "Contain": {"Money": 4}}, budget={"Money": 5}
        ... )
        >>> pb.portfolio.optimize(problem).summary().split(". ")[0]
        'The best package holds Engage (1 of 2 options), worth 1.000'
        """
        sentences = [self._contents(), self._use_sentence()]
        if self.left_out:
            sentences.append(f"It leaves out {join_words(list(self.left_out))}.")
        takes = self.what_it_takes
        if takes is not None:
            sentences.append(takes.sentence())
        return " ".join(s for s in sentences if s)

    def to_frame(self) -> pd.DataFrame:
        """Every candidate option: ``value``, ``in_package`` and its cost in each resource.

        Returns
        -------
        pandas.DataFrame
            Indexed by option in the assessment's order; columns ``value``,
            ``in_package`` and one per resource.
        """
        chosen = self._chosen
        frame = pd.DataFrame(
            {"value": np.array(self.valuation.values), "in_package": chosen},
            index=labels(self.problem.options, "option"),
        )
        for resource in self.problem.resources:
            frame[resource] = [self.problem.costs[o][resource] for o in self.problem.options]
        return frame

    def _tables(self) -> list[Table]:
        problem = self.problem
        values = np.asarray(self.valuation.values)
        chosen = self._chosen
        order = np.lexsort((np.arange(len(values)), -values, ~chosen))
        option_table = Table(
            "Options (in the package first, each by its own value)",
            ["Option", "Value", "In package", *problem.resources],
            [
                [
                    problem.options[i],
                    number(values[i]),
                    "yes" if chosen[i] else "no",
                    *(amount(problem.costs[problem.options[i]][r]) for r in problem.resources),
                ]
                for i in order
            ],
            "<><" + ">" * len(problem.resources),
        )
        tables = [option_table]
        minimum = problem.minimum
        if problem.resources:
            tables.append(
                Table(
                    "Resources",
                    ["Resource", "Used", "Limit", "Left", *(["Minimum"] if minimum else [])],
                    [
                        [
                            resource,
                            amount(used),
                            "none" if limit is None else amount(limit),
                            "" if limit is None else amount(limit - used),
                            *(
                                [amount(minimum[resource]) if resource in minimum else ""]
                                if minimum
                                else []
                            ),
                        ]
                        for resource, (used, limit) in self.use.items()
                    ],
                )
            )
        if problem.synergies:
            active = set(self.synergies)
            tables.append(
                Table(
                    "Synergies",
                    ["Options", "Value", "In this package"],
                    [
                        [" + ".join(s.options), signed(s.value), "yes" if s in active else "no"]
                        for s in problem.synergies
                    ],
                    "<><",
                )
            )
        return tables

    def _provenance(self) -> str:
        return (
            f"Method: {full_name(self.method)}, on the criteria that are not costs. "
            f"Weighting: {full_name(self.weighting)}. Solved exactly as a mixed-integer "
            f"program (HiGHS). powerbalance {__version__}."
        )

    def _document(self) -> Document:
        name = self.problem.assessment.name or "Assessment"
        return Document(
            f"{name}: the best package",
            [Paragraph(self.summary()), *self._tables()],
            self._provenance(),
        )

    def to_dict(self) -> dict[str, Any]:
        """The package as plain Python data, tagged :data:`PACKAGE_SCHEMA`.

        Keys: ``schema``; ``options`` (in the package); ``left_out``; ``value``;
        ``option_values`` (option -> value); ``use`` (resource -> ``used``,
        ``limit``); ``costs`` (option -> resource -> amount); ``synergies`` (records
        of ``options``, ``value``, ``active``); ``exclusions``; ``requires``;
        ``minimum`` (resource -> least amount); ``min_size``; ``max_size``;
        ``what_it_takes`` (or null); ``weights``; ``method`` and ``weighting``;
        ``summary``; ``version``.
        """
        problem = self.problem
        active = set(self.synergies)
        takes = self.what_it_takes
        data: dict[str, Any] = plain(
            {
                "schema": PACKAGE_SCHEMA,
                "options": list(self.options),
                "left_out": list(self.left_out),
                "value": self.value,
                "option_values": dict(zip(problem.options, self.valuation.values, strict=True)),
                "use": {r: {"used": u, "limit": lim} for r, (u, lim) in self.use.items()},
                "costs": {o: dict(c) for o, c in problem.costs.items()},
                "synergies": [
                    {"options": list(s.options), "value": s.value, "active": s in active}
                    for s in problem.synergies
                ],
                "exclusions": [list(e.options) for e in problem.exclusions],
                "requires": {o: list(p) for o, p in problem.requires.items()},
                "minimum": dict(problem.minimum),
                "min_size": problem.min_size,
                "max_size": problem.max_size,
                "what_it_takes": None if takes is None else takes.to_dict(),
                "weights": dict(self.weights.items()),
                "method": component(self.method),
                "weighting": component(self.weighting),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data


def make_package(problem: Problem, valuation: Valuation, chosen: BoolArray) -> Package:
    """The package of the options ``chosen`` (a mask over the problem's options)."""
    return Package(
        problem=problem,
        options=tuple(name for name, c in zip(problem.options, chosen, strict=True) if c),
        value=package_value(problem.arrays, valuation.values, chosen),
        valuation=valuation,
    )
