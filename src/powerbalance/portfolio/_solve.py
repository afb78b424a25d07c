r"""The package problem as a mixed-integer program, solved exactly by HiGHS.

One binary :math:`x_i` per option (1: in the package) and one variable
:math:`y_s \in [0, 1]` per synergy :math:`s` with options :math:`S` and value
:math:`w_s`. The value of a package is

.. math::

    \sum_i v_i x_i + \sum_s w_s y_s, \qquad y_s = \prod_{i \in S} x_i,

and the product is linearized by the sign of :math:`w_s`, which is all an optimum
needs: a positive synergy is capped by each of its options (:math:`y_s \le x_i`), a
negative one is forced up when all are in (:math:`y_s \ge \sum_{i \in S} x_i -
|S| + 1`). Whatever the objective, a constraint "value at least V" is then met
exactly when the package's true value is at least V, since the best :math:`y` for
given :math:`x` is the product. The other constraints: budgets
(:math:`\sum_i c_{ir} x_i \le L_r`), minimums (:math:`\sum_i c_{ir} x_i \ge F_r`),
exclusions (at most one of a group), prerequisites (:math:`x_i \le x_p`), the size
bounds, and options forced in.

Each constraint belongs to a named group, so that a conflict can be narrowed to the
groups that cause it (:func:`conflict`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance.errors import PortfolioError

__all__ = ["Arrays", "Group", "conflict", "package_value", "solve"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

Group: TypeAlias = tuple[str, int]
"""A named group of constraints: ("budget", r), ("minimum", r), ("exclusion", g), ("requires", k),
("min_size", 0), ("max_size", 0) or ("include", i)."""

#: Slack allowed on a budget or a value floor when a rounded solution is checked:
#: HiGHS meets constraints to a tolerance of about 1e-7 after its own scaling.
TOLERANCE = 1e-9


@attrs.frozen
class Arrays:
    """A package problem by positions: what the solver needs and nothing else."""

    costs: FloatArray  # (n_options, n_resources)
    limits: FloatArray  # (n_resources,), inf for no limit
    floors: FloatArray  # (n_resources,), the least each package must use; 0 for none
    synergies: tuple[tuple[int, ...], ...]
    synergy_values: FloatArray  # (n_synergies,)
    exclusions: tuple[tuple[int, ...], ...]
    requires: tuple[tuple[int, int], ...]  # (option, prerequisite)
    min_size: int
    max_size: int

    @property
    def n_options(self) -> int:
        """How many candidate options there are."""
        return int(self.costs.shape[0])

    def groups(self) -> list[Group]:
        """Every constraint group that can be dropped, in a fixed order."""
        found: list[Group] = [
            ("budget", r) for r in range(len(self.limits)) if np.isfinite(self.limits[r])
        ]
        found += [("minimum", r) for r in range(len(self.floors)) if self.floors[r] > 0]
        found += [("exclusion", g) for g in range(len(self.exclusions))]
        found += [("requires", k) for k in range(len(self.requires))]
        if self.min_size > 0:
            found.append(("min_size", 0))
        if self.max_size < self.n_options:
            found.append(("max_size", 0))
        return found


def package_value(arrays: Arrays, values: FloatArray, chosen: BoolArray) -> float:
    """The value of the package ``chosen``: its options' values plus active synergies."""
    total = float(values[chosen].sum())
    for members, value in zip(arrays.synergies, arrays.synergy_values, strict=True):
        if chosen[list(members)].all():
            total += float(value)
    return total


def solve(
    arrays: Arrays,
    values: FloatArray,
    *,
    limits: FloatArray | None = None,
    include: Sequence[int] = (),
    dropped: Collection[Group] = (),
    floor: float | None = None,
    minimize_use: int | None = None,
) -> BoolArray | None:
    """The best package, as a boolean mask over the options; None when none is feasible.

    By default the package of greatest value. With ``minimize_use`` (a resource's
    position) the package that uses least of it among those worth at least ``floor``
    (that resource's budget lifted). ``limits`` replaces the budgets, ``include``
    forces options in, ``dropped`` leaves constraint groups out.
    """
    # Imported here: scipy is optional until a package is solved (a study file with a
    # package problem is read without it).
    from scipy.optimize import Bounds, LinearConstraint, milp

    n = arrays.n_options
    synergies = arrays.synergies
    n_synergies = len(synergies)
    size = n + n_synergies
    limits = arrays.limits if limits is None else limits
    skip = set(dropped)
    rows: list[FloatArray] = []
    lower: list[float] = []
    upper: list[float] = []

    def add(row: FloatArray, low: float, high: float) -> None:
        rows.append(row)
        lower.append(low)
        upper.append(high)

    for r in range(arrays.costs.shape[1]):
        if ("budget", r) in skip or not np.isfinite(limits[r]) or r == minimize_use:
            continue
        add(np.concatenate([arrays.costs[:, r], np.zeros(n_synergies)]), -np.inf, limits[r])
    for r in range(arrays.costs.shape[1]):
        if ("minimum", r) not in skip and arrays.floors[r] > 0:
            add(
                np.concatenate([arrays.costs[:, r], np.zeros(n_synergies)]),
                arrays.floors[r],
                np.inf,
            )
    for g, members in enumerate(arrays.exclusions):
        if ("exclusion", g) not in skip:
            row = np.zeros(size)
            row[list(members)] = 1.0
            add(row, -np.inf, 1.0)
    for k, (option, prerequisite) in enumerate(arrays.requires):
        if ("requires", k) not in skip:
            row = np.zeros(size)
            row[option], row[prerequisite] = 1.0, -1.0
            add(row, -np.inf, 0.0)
    count = np.concatenate([np.ones(n), np.zeros(n_synergies)])
    low_size = 0 if ("min_size", 0) in skip else arrays.min_size
    high_size = n if ("max_size", 0) in skip else arrays.max_size
    if low_size > 0 or high_size < n:
        add(count, low_size, high_size)
    for s, (members, value) in enumerate(zip(synergies, arrays.synergy_values, strict=True)):
        if value > 0:
            for i in members:
                row = np.zeros(size)
                row[n + s], row[i] = 1.0, -1.0
                add(row, -np.inf, 0.0)
        elif value < 0:
            row = np.zeros(size)
            row[n + s] = 1.0
            row[list(members)] = -1.0
            add(row, 1.0 - len(members), np.inf)
    gain = np.concatenate([values, arrays.synergy_values])
    if floor is not None:
        add(gain, floor, np.inf)
    if minimize_use is None:
        objective = -gain
    else:
        objective = np.concatenate([arrays.costs[:, minimize_use], np.zeros(n_synergies)])
    low_bounds = np.zeros(size)
    low_bounds[[i for i in include if ("include", i) not in skip]] = 1.0
    budgets = [
        r
        for r in range(arrays.costs.shape[1])
        if ("budget", r) not in skip and np.isfinite(limits[r]) and r != minimize_use
    ]
    # HiGHS takes 0.9999995 for 1 (its integrality tolerance); such a point can fit a
    # budget that the package itself exceeds (or reach a minimum it falls short of). A
    # package over budget (or short) once rounded is
    # cut off (its options may not all be chosen again) and the problem solved again.
    for _ in range(n + 1):
        result = milp(
            objective,
            integrality=np.concatenate([np.ones(n), np.zeros(n_synergies)]),
            bounds=Bounds(low_bounds, np.ones(size)),
            constraints=(
                [LinearConstraint(np.vstack(rows), np.array(lower), np.array(upper))]
                if rows
                else []
            ),
            # The default stops within 0.01% of the optimum; a package must be the best.
            options={"mip_rel_gap": 0.0},
        )
        if result.status == 2:
            return None
        if result.status != 0 or result.x is None:
            raise PortfolioError(
                f"The package solver (HiGHS) stopped without an answer: {result.message} "
                "Costs or budgets that differ by less than a millionth of their size can "
                "cause this; round them."
            )
        chosen: BoolArray = np.asarray(result.x[:n] > 0.5)
        used = arrays.costs[chosen].sum(axis=0)
        over = [r for r in budgets if used[r] > limits[r] + TOLERANCE * max(1.0, abs(limits[r]))]
        over += [
            r
            for r in range(len(used))
            if ("minimum", r) not in skip
            and used[r] < arrays.floors[r] - TOLERANCE * max(1.0, arrays.floors[r])
        ]
        if not over:
            return chosen
        cut = np.zeros(size)
        cut[:n] = np.where(chosen, 1.0, -1.0)
        add(cut, -np.inf, float(chosen.sum()) - 1.0)
    return None


def conflict(arrays: Arrays, *, include: Sequence[int] = ()) -> list[Group]:
    """A smallest set of constraint groups that no package meets together.

    The deletion filter: drop each group in turn and keep it dropped if the rest still
    conflict; what remains conflicts, and drops any one of its groups to be met. Empty
    when the problem is feasible.
    """
    everything = [*arrays.groups(), *(("include", i) for i in include)]
    values = np.zeros(arrays.n_options)
    if solve(arrays, values, include=include) is not None:
        return []
    dropped: list[Group] = []
    kept: list[Group] = []
    for group in everything:
        trial = [*dropped, group]
        if solve(arrays, values, include=include, dropped=trial) is None:
            dropped = trial
        else:
            kept.append(group)
    return kept
