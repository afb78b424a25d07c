"""frontier(): the best package at every budget level of one resource."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

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
)
from powerbalance._validate import Integer, Interval, check, did_you_mean, quoted_list, refuse
from powerbalance._version import __version__
from powerbalance.errors import UnknownNameError
from powerbalance.methods import MethodLike
from powerbalance.portfolio._package import Package, make_package
from powerbalance.portfolio._problem import Problem
from powerbalance.portfolio._solve import solve
from powerbalance.portfolio._values import valuation
from powerbalance.portfolio._what_it_takes import amount
from powerbalance.portfolio.optimize import check_problem
from powerbalance.weighting import WeightingLike

__all__ = ["FRONTIER_SCHEMA", "Frontier", "frontier"]

_OWNER = "portfolio.frontier"

FRONTIER_SCHEMA = "powerbalance.portfolio.frontier/1"
"""The schema tag of :meth:`Frontier.to_dict`; it changes when the layout does.

Examples
--------
>>> FRONTIER_SCHEMA.split("/")[-1]
'1'
"""


@attrs.frozen
class Frontier(Rendered):
    """The best package at each budget level of one resource: the value-for-money curve.

    Made by :func:`frontier`. The packages run from the cheapest to the dearest; each
    is the best within its level, and the value never falls as the budget rises.

    Attributes
    ----------
    problem : Problem
        The problem, at its own budgets for the other resources.
    resource : str
        The resource whose budget varies.
    budgets : tuple of float
        The budget level of each package.
    packages : tuple of Package
        The best package at each level.
    complete : bool
        False when the search stopped at ``max_points`` before reaching the cheapest
        package.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B", "C"],
    ...     [pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10))],
    ...     [[6], [5], [4]],
    ... )
    >>> problem = pb.portfolio.Problem(
    ...     a, costs={"A": {"Money": 4}, "B": {"Money": 3}, "C": {"Money": 2}},
    ...     budget={"Money": 9},
    ... )
    >>> [p.options for p in pb.portfolio.frontier(problem).packages]
    [(), ('C',), ('B',), ('A',), ('B', 'C'), ('A', 'C'), ('A', 'B'), ('A', 'B', 'C')]
    """

    problem: Problem = attrs.field(repr=False)
    resource: str
    budgets: tuple[float, ...]
    packages: tuple[Package, ...] = attrs.field(repr=False)
    complete: bool = True

    @property
    def costs(self) -> tuple[float, ...]:
        """What each package uses of :attr:`resource`."""
        return tuple(p.use[self.resource][0] for p in self.packages)

    @property
    def values(self) -> tuple[float, ...]:
        """Each package's value."""
        return tuple(p.value for p in self.packages)

    def _ratios(self) -> npt.NDArray[np.float64]:
        costs = np.array(self.costs, dtype=np.float64)
        values = np.array(self.values, dtype=np.float64)
        ratio = np.full(len(costs), np.nan)
        if len(costs) > 1:
            gained = np.diff(values)
            spent = np.diff(costs)
            ratio[1:] = np.divide(spent, gained, out=np.full_like(spent, np.nan), where=gained > 0)
        return ratio

    def to_frame(self) -> pd.DataFrame:
        """One row per budget level.

        Returns
        -------
        pandas.DataFrame
            Columns ``budget``, ``cost`` (what the package uses), ``value``,
            ``options`` (joined by " + "), ``n_options``, and ``cost_per_value``: the
            extra cost per unit of extra value over the previous (cheaper) row, NaN on
            the first row and where the value does not rise.
        """
        return pd.DataFrame(
            {
                "budget": np.array(self.budgets, dtype=np.float64),
                "cost": np.array(self.costs, dtype=np.float64),
                "value": np.array(self.values, dtype=np.float64),
                "options": [" + ".join(p.options) for p in self.packages],
                "n_options": [len(p.options) for p in self.packages],
                "cost_per_value": self._ratios(),
            }
        )

    def summary(self) -> str:
        """How value grows with the budget, from the cheapest to the dearest package."""
        if not self.packages:
            return f"No package meets the constraints at any budget of {self.resource} tried."
        first, last = self.packages[0], self.packages[-1]
        sentences = [
            f"{len(self.packages)} budget level{'s' if len(self.packages) != 1 else ''} of "
            f"{self.resource}, from {amount(self.costs[0])} to {amount(self.costs[-1])}: "
            f"the best package's value rises from {number(first.value)} to "
            f"{number(last.value)}."
        ]
        ratios = self._ratios()
        if np.isfinite(ratios).any():
            cheapest = int(np.nanargmin(ratios))
            sentences.append(
                f"The step to {join_words(list(self.packages[cheapest].options))} buys value "
                f"most cheaply ({amount(float(ratios[cheapest]))} {self.resource} per unit)."
            )
        if not self.complete:
            sentences.append(
                "The search stopped at the most levels allowed; the cheapest packages were "
                "not reached (raise max_points)."
            )
        return " ".join(sentences)

    def _document(self) -> Document:
        ratios = self._ratios()
        table = Table(
            f"The best package at each budget of {self.resource}",
            ["Budget", "Cost", "Value", f"{self.resource} per unit of value", "Package"],
            [
                [
                    amount(budget),
                    amount(cost),
                    number(package.value),
                    "" if np.isnan(ratio) else amount(float(ratio)),
                    " + ".join(package.options) or "(empty)",
                ]
                for budget, cost, package, ratio in zip(
                    self.budgets, self.costs, self.packages, ratios, strict=True
                )
            ],
            ">>>><",
        )
        method = self.packages[0].method if self.packages else None
        weighting = self.packages[0].weighting if self.packages else None
        provenance = (
            f"Method: {full_name(method)}, on the criteria that are not costs. Weighting: "
            f"{full_name(weighting)}. Each level solved exactly (HiGHS). "
            f"powerbalance {__version__}."
        )
        name = self.problem.assessment.name or "Assessment"
        return Document(
            f"{name}: packages by budget of {self.resource}",
            [Paragraph(self.summary()), table],
            provenance,
        )

    def to_dict(self) -> dict[str, Any]:
        """The frontier as plain Python data, tagged :data:`FRONTIER_SCHEMA`.

        Keys: ``schema``; ``resource``; ``complete``; ``levels`` (records of
        ``budget``, ``cost``, ``value``, ``options``, ``cost_per_value``);
        ``method`` and ``weighting``; ``summary``; ``version``.
        """
        ratios = self._ratios()
        first = self.packages[0] if self.packages else None
        data: dict[str, Any] = plain(
            {
                "schema": FRONTIER_SCHEMA,
                "resource": self.resource,
                "complete": self.complete,
                "levels": [
                    {
                        "budget": budget,
                        "cost": cost,
                        "value": package.value,
                        "options": list(package.options),
                        "cost_per_value": ratio,
                    }
                    for budget, cost, package, ratio in zip(
                        self.budgets, self.costs, self.packages, ratios, strict=True
                    )
                ],
                "method": None if first is None else component(first.method),
                "weighting": None if first is None else component(first.weighting),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data


def _resource(problem: Problem, resource: str | None) -> int:
    resources = problem.resources
    if resource is None:
        if len(resources) != 1:
            raise refuse(
                _OWNER,
                "resource",
                None,
                "the resource whose budget varies",
                fix=f"The problem has {len(resources)} resources"
                + (f" ({quoted_list(resources)}); name one." if resources else "; add costs."),
            )
        return 0
    if resource not in resources:
        raise refuse(
            _OWNER,
            "resource",
            resource,
            f"one of the problem's resources ({quoted_list(resources)})",
            fix=did_you_mean(resource, resources).strip(),
            error=UnknownNameError,
        )
    return resources.index(resource)


def frontier(
    problem: Problem,
    *,
    weighting: WeightingLike = "equal",
    method: MethodLike = "weighted-sum",
    resource: str | None = None,
    budgets: Sequence[float] | None = None,
    max_points: int = 500,
) -> Frontier:
    """The best package at every budget level of one resource, the others as they are.

    By default every efficient level, found exactly: the best package within the
    problem's budget (or with no limit when it has none), then the best package that
    costs less than that one, and so on down to the cheapest (epsilon-constraint).
    Each package is therefore worth more than every cheaper one; package costs
    closer than 1e-4 of the largest option cost count as one level. With ``budgets``,
    the best package at each level given instead.

    Parameters
    ----------
    problem : Problem
        The candidate options, costs, budgets and interactions.
    weighting, method
        As for :func:`~powerbalance.portfolio.optimize`.
    resource : str, optional
        The resource whose budget varies; needed when the problem has several.
    budgets : sequence of float, optional
        Budget levels to solve at (non-negative); levels at which no package meets
        the constraints are left out.
    max_points : int, default 500
        The most levels the default search finds before it stops.

    Returns
    -------
    Frontier

    Raises
    ------
    InvalidParameterError
        ``resource`` is needed but not given, a budget is negative, or another
        argument is not an accepted form.
    UnknownNameError
        ``resource`` is not one of the problem's.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"],
    ...     [pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10))],
    ...     [[6], [5]],
    ... )
    >>> problem = pb.portfolio.Problem(
    ...     a, costs={"A": {"Money": 4}, "B": {"Money": 3}}, budget={"Money": 10}
    ... )
    >>> pb.portfolio.frontier(problem).to_frame()[["cost", "value"]].round(3).values.tolist()
    [[0.0, 0.0], [3.0, 0.5], [4.0, 0.6], [7.0, 1.1]]
    """
    check_problem(_OWNER, problem)
    check(_OWNER, "max_points", max_points, Integer(low=1))
    r = _resource(problem, resource)
    name = problem.resources[r]
    if budgets is not None:
        for level in budgets:
            check(_OWNER, "budgets", level, Interval(0, None), fix="A budget is an amount.")
    valued = valuation(problem.assessment, weighting, method, owner=_OWNER)
    arrays = problem.arrays
    costs = arrays.costs[:, r]
    found: list[tuple[float, Package]] = []
    complete = True
    if budgets is not None:
        for level in sorted(float(b) for b in budgets):
            limits = arrays.limits.copy()
            limits[r] = level
            chosen = solve(arrays, valued.values, limits=limits)
            if chosen is not None:
                found.append((level, make_package(problem, valued, chosen)))
    else:
        # Costs closer than this are one level: HiGHS reads a budget to about 1e-6 of
        # its size and fails on one that close to a package's cost.
        step = 1e-4 * max(1.0, float(costs.max(initial=0.0)))
        limit = float(arrays.limits[r])
        while True:
            if len(found) >= max_points:
                complete = False
                break
            limits = arrays.limits.copy()
            limits[r] = limit
            chosen = solve(arrays, valued.values, limits=limits)
            if chosen is None:
                break
            package = make_package(problem, valued, chosen)
            cost = float(costs[chosen].sum())
            if found and cost >= found[-1][0]:  # within the solver's tolerance: the end
                break
            # Among equally good packages the solver may return a dearer one; the
            # cheaper one found next replaces it.
            if found and package.value >= found[-1][1].value - 1e-12:
                found.pop()
            found.append((cost, package))
            if cost <= 0:
                break
            limit = cost - step
        found.reverse()
    return Frontier(
        problem=problem,
        resource=name,
        budgets=tuple(level for level, _ in found),
        packages=tuple(package for _, package in found),
        complete=complete,
    )
