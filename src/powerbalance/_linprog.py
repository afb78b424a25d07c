r"""A small linear-programming solver whose answers are exact rational numbers.

It solves

.. math::

    \min_x \; c^\top x \quad \text{subject to} \quad
    A_{ub} x \le b_{ub}, \quad A_{eq} x = b_{eq}, \quad x \ge 0

with a dense two-phase simplex method and Bland's (1977) pivoting rule (the entering
column is the first with a negative reduced cost, the leaving row the one whose basic
variable has the smallest index among the tied ratios). Bland's rule cannot cycle, so
the method ends after finitely many pivots even on degenerate problems.

How the answer is made exact
----------------------------
The coefficients are read as :class:`fractions.Fraction` (a float is converted exactly,
so ``0.1`` means the binary number closest to 0.1). The simplex runs first in
floating point, which is fast and finds a basis; the basis is then checked and, if
need be, repaired in rational arithmetic. View the problem as :math:`G x \le h` (the
inequality rows, the equality rows and the bounds :math:`-x_j \le 0`). A basis holds
a set :math:`W` of :math:`n` constraints tight; its vertex solves
:math:`G_W x = h_W` and its multipliers solve :math:`G_W^\top \lambda = -c`. If,
exactly,

* :math:`x` satisfies every constraint, and
* :math:`\lambda \ge 0` on the tight inequalities,

then :math:`c + G^\top \lambda = 0` with complementary slackness, which are the
Karush-Kuhn-Tucker conditions of a linear program, so :math:`x` is an exact optimum
(by weak duality, every feasible :math:`x'` has
:math:`c^\top x' \ge -h_W^\top \lambda = c^\top x`) however the basis was found.
When rounding made the floating-point basis slightly wrong (typically a vertex
violating a constraint by 1e-17 when the true optimum is that close to degenerate),
exact dual simplex steps (a violated constraint enters, Bland's rule) or primal
steps (a negative multiplier leaves) repair it; they work on :math:`n \times n`
systems only, so they stay cheap however many constraints there are. Only if that
fails, or the floating-point pass finds no optimum, is the whole tableau simplex run
again in rational arithmetic, where every comparison is exact and Bland's rule
guarantees termination. The result is deterministic: it depends only on the
coefficients.

This module is private: it exists for :mod:`powerbalance.weighting.bestworst`.

References
----------
Bland, R. G. (1977). New finite pivoting rules for the simplex method. Mathematics of
Operations Research 2(2), 103-107.

Examples
--------
>>> result = linprog([-3, -5], a_ub=[[1, 0], [0, 2], [3, 2]], b_ub=[4, 12, 18])
>>> result.status, result.x, result.objective
('optimal', (Fraction(2, 1), Fraction(6, 1)), Fraction(-36, 1))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from numbers import Rational, Real
from typing import Any, Literal, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

__all__ = ["LinearProgramResult", "linprog"]

Number: TypeAlias = int | float | Fraction
Status: TypeAlias = Literal["optimal", "infeasible", "unbounded"]

#: Pivot and reduced-cost tolerance of the floating-point pass (the answer is certified
#: exactly afterwards, so this only steers the search).
_FLOAT_TOLERANCE = 1e-9


@attrs.frozen
class LinearProgramResult:
    r"""The outcome of :func:`linprog`.

    Parameters
    ----------
    status : {"optimal", "infeasible", "unbounded"}
        Whether an optimum exists.
    x : tuple of Fraction
        An optimal point, exactly; empty unless ``status`` is ``"optimal"``.
    objective : Fraction or None
        The optimal value :math:`c^\top x`, exactly; None unless optimal.

    Examples
    --------
    >>> linprog([1], a_ub=[[-1]], b_ub=[-2]).objective
    Fraction(2, 1)
    """

    status: Status
    x: tuple[Fraction, ...] = ()
    objective: Fraction | None = None


class _IterationLimitError(RuntimeError):
    """The floating-point pass did not finish in its pivot budget."""


@attrs.frozen
class _Problem:
    """The problem in exact numbers; rows are the inequalities first, then equalities."""

    cost: tuple[Fraction, ...]
    rows: tuple[tuple[Fraction, ...], ...]
    rhs: tuple[Fraction, ...]
    n_ub: int

    @property
    def n_variables(self) -> int:
        return len(self.cost)

    @property
    def n_rows(self) -> int:
        return len(self.rows)


@attrs.frozen
class _Outcome:
    """A simplex run: its status, final basis, the rows kept, and the point found."""

    status: Status
    basis: tuple[int, ...]
    kept_rows: tuple[int, ...]
    x: tuple[Any, ...]


def linprog(
    c: Sequence[Number],
    a_ub: Sequence[Sequence[Number]] = (),
    b_ub: Sequence[Number] = (),
    a_eq: Sequence[Sequence[Number]] = (),
    b_eq: Sequence[Number] = (),
    *,
    exact: bool = False,
) -> LinearProgramResult:
    r"""Minimize :math:`c^\top x` subject to linear constraints and :math:`x \ge 0`.

    Parameters
    ----------
    c : sequence of number
        Objective coefficients, one per variable.
    a_ub, b_ub : sequence of sequence of number, sequence of number
        Inequality constraints :math:`A_{ub} x \le b_{ub}`, one row per constraint.
    a_eq, b_eq : sequence of sequence of number, sequence of number
        Equality constraints :math:`A_{eq} x = b_{eq}`.
    exact : bool, default False
        Skip the floating-point pass and pivot in rational arithmetic from the start
        (slower; the answer is the same optimum value, and the same point when the
        optimum is unique).

    Returns
    -------
    LinearProgramResult
        The status and, when optimal, an exact optimal point and value.

    Raises
    ------
    ValueError
        A coefficient is not a finite real number, or the shapes do not agree.

    Examples
    --------
    An infeasible and an unbounded problem:

    >>> linprog([1], a_ub=[[1], [-1]], b_ub=[1, -2]).status
    'infeasible'
    >>> linprog([-1, 0], a_ub=[[1, -1]], b_ub=[1]).status
    'unbounded'

    Equalities, including a redundant one:

    >>> linprog([1, -1], a_eq=[[1, 1], [2, 2]], b_eq=[1, 2]).x
    (Fraction(0, 1), Fraction(1, 1))
    """
    problem = _build_problem(c, a_ub, b_ub, a_eq, b_eq)
    if not exact:
        try:
            outcome: _Outcome | None = _simplex(problem, exact=False)
        except _IterationLimitError:
            outcome = None
        if outcome is not None and outcome.status == "optimal":
            certified = _finish_exactly(problem, outcome.basis, outcome.kept_rows)
            if certified is not None:
                return LinearProgramResult("optimal", certified, _dot(problem.cost, certified))
    outcome = _simplex(problem, exact=True)
    if outcome.status != "optimal":
        return LinearProgramResult(outcome.status)
    x = tuple(Fraction(value) for value in outcome.x)
    return LinearProgramResult("optimal", x, _dot(problem.cost, x))


# -- building the problem ---------------------------------------------------------------


def _exact(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"linprog: coefficients must be real numbers; got {value!r}.")
    if isinstance(value, Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"linprog: coefficients must be finite; got {value!r}.")
    return Fraction(number)


def _exact_rows(
    rows: Sequence[Sequence[Number]], n: int, name: str
) -> tuple[tuple[Fraction, ...], ...]:
    exact_rows = tuple(tuple(_exact(v) for v in row) for row in rows)
    for row in exact_rows:
        if len(row) != n:
            raise ValueError(
                f"linprog: every row of {name} needs {n} coefficients; got {len(row)}."
            )
    return exact_rows


def _build_problem(
    c: Sequence[Number],
    a_ub: Sequence[Sequence[Number]],
    b_ub: Sequence[Number],
    a_eq: Sequence[Sequence[Number]],
    b_eq: Sequence[Number],
) -> _Problem:
    cost = tuple(_exact(v) for v in c)
    n = len(cost)
    ub_rows = _exact_rows(a_ub, n, "a_ub")
    eq_rows = _exact_rows(a_eq, n, "a_eq")
    ub_rhs = tuple(_exact(v) for v in b_ub)
    eq_rhs = tuple(_exact(v) for v in b_eq)
    if len(ub_rhs) != len(ub_rows) or len(eq_rhs) != len(eq_rows):
        raise ValueError("linprog: each constraint row needs one right-hand side.")
    return _Problem(cost, ub_rows + eq_rows, ub_rhs + eq_rhs, len(ub_rows))


def _dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((x * y for x, y in zip(a, b, strict=True)), Fraction(0))


# -- the simplex method -----------------------------------------------------------------


def _simplex(problem: _Problem, *, exact: bool) -> _Outcome:
    """Two-phase dense tableau simplex with Bland's rule, in floats or in Fractions."""
    n, n_rows, n_ub = problem.n_variables, problem.n_rows, problem.n_ub
    zero: Any = Fraction(0) if exact else 0.0
    one: Any = Fraction(1) if exact else 1.0
    tolerance: Any = Fraction(0) if exact else _FLOAT_TOLERANCE

    def number(value: Fraction) -> Any:
        return value if exact else float(value)

    # Rows with a negative right-hand side are negated; every row whose slack cannot
    # start in the basis (equalities, negated inequalities) gets an artificial column.
    signs = [-1 if b < 0 else 1 for b in problem.rhs]
    needs_artificial = [i >= n_ub or signs[i] < 0 for i in range(n_rows)]
    n_artificial = sum(needs_artificial)
    width = n + n_ub + n_artificial
    table: npt.NDArray[Any] = np.full(
        (n_rows + 1, width + 1), zero, dtype=object if exact else np.float64
    )
    basis: list[int] = []
    artificial = n + n_ub
    for i, (row, rhs) in enumerate(zip(problem.rows, problem.rhs, strict=True)):
        table[i, :n] = [number(signs[i] * v) for v in row]
        table[i, -1] = number(signs[i] * rhs)
        if i < n_ub:
            table[i, n + i] = number(Fraction(signs[i]))
        if needs_artificial[i]:
            table[i, artificial] = one
            basis.append(artificial)
            artificial += 1
        else:
            basis.append(n + i)

    # Phase 1: minimize the sum of the artificial variables.
    for i in range(n_rows):
        if needs_artificial[i]:
            table[-1, :] -= table[i, :]
    table[-1, n + n_ub : width] = zero
    _iterate(table, basis, width, tolerance, exact=exact)
    scale = max([1.0] + [abs(float(b)) for b in problem.rhs])
    infeasibility = -table[-1, -1]
    if infeasibility > (tolerance if exact else _FLOAT_TOLERANCE * scale):
        return _Outcome("infeasible", (), (), ())

    # Drive the artificial variables (all at zero now) out of the basis; a row where
    # that is impossible is a combination of the others and is dropped.
    kept = list(range(n_rows))
    redundant: list[int] = []
    for position in range(n_rows):
        if basis[position] >= n + n_ub:
            candidates = np.flatnonzero(abs(table[position, : n + n_ub]) > tolerance)
            if len(candidates):
                _pivot(table, basis, position, int(candidates[0]), exact=exact)
            else:
                redundant.append(position)
    if redundant:
        table = np.delete(table, redundant, axis=0)
        basis = [col for k, col in enumerate(basis) if k not in redundant]
        kept = [row for k, row in enumerate(kept) if k not in redundant]
    table = np.delete(table, np.arange(n + n_ub, width), axis=1)

    # Phase 2: the real objective, as reduced costs of the current basis.
    cost = [number(v) for v in problem.cost] + [zero] * n_ub
    table[-1, :] = zero
    table[-1, :n] = cost[:n]
    for position, column in enumerate(basis):
        if cost[column] != 0:
            table[-1, :] -= cost[column] * table[position, :]
    status = _iterate(table, basis, n + n_ub, tolerance, exact=exact)
    if status == "unbounded":
        return _Outcome("unbounded", (), (), ())
    x: list[Any] = [zero] * n
    for position, column in enumerate(basis):
        if column < n:
            x[column] = table[position, -1]
    return _Outcome("optimal", tuple(basis), tuple(kept), tuple(x))


def _iterate(
    table: npt.NDArray[Any], basis: list[int], n_columns: int, tolerance: Any, *, exact: bool
) -> Status:
    """Pivot with Bland's rule until no reduced cost is negative (or unboundedness)."""
    n_rows = table.shape[0] - 1
    limit = 50 * (n_rows + n_columns) + 100
    for _ in range(limit):
        entering = np.flatnonzero(table[-1, :n_columns] < -tolerance)
        if not len(entering):
            return "optimal"
        column = int(entering[0])
        candidates = np.flatnonzero(table[:n_rows, column] > tolerance)
        if not len(candidates):
            return "unbounded"
        ratios = [table[i, -1] / table[i, column] for i in candidates]
        smallest = min(ratios)
        margin = 0 if exact else _FLOAT_TOLERANCE * (1.0 + abs(smallest))
        tied = [int(i) for i, r in zip(candidates, ratios, strict=True) if r <= smallest + margin]
        leaving = min(tied, key=lambda i: basis[i])
        _pivot(table, basis, leaving, column, exact=exact)
    if exact:  # pragma: no cover - Bland's rule terminates in exact arithmetic
        raise RuntimeError("linprog: the exact simplex exceeded its pivot budget.")
    raise _IterationLimitError


def _pivot(
    table: npt.NDArray[Any], basis: list[int], row: int, column: int, *, exact: bool
) -> None:
    table[row, :] = table[row, :] / table[row, column]
    factors = table[:, column].copy()
    factors[row] = 0
    table -= np.outer(factors, table[row, :])
    if not exact:
        # Remove the rounding left in the pivot column and in the right-hand side.
        table[:, column] = 0.0
        table[row, column] = 1.0
        np.maximum(table[:-1, -1], 0.0, out=table[:-1, -1])
    basis[row] = column


# -- the exact finish -------------------------------------------------------------------


def _finish_exactly(
    problem: _Problem, basis: Sequence[int], kept_rows: Sequence[int]
) -> tuple[Fraction, ...] | None:
    """Prove the floating-point basis optimal, or repair it with exact pivots.

    The problem is viewed as ``G x <= h``: the inequality rows, the equality rows and
    the bounds ``-x_j <= 0``. A basis is a set ``W`` of ``n`` constraints held tight
    (the rows whose slack is non-basic, the equalities, and the bounds of the non-basic
    variables). Its vertex solves ``G_W x = h_W`` and its multipliers ``G_W^T l = -c``.
    If ``x`` satisfies every constraint and ``l >= 0`` on the tight inequalities, the
    Karush-Kuhn-Tucker conditions hold exactly and ``x`` is optimal. Otherwise one
    primal (some ``l < 0``) or dual (some constraint violated) simplex step is taken,
    with Bland's smallest-index choices, and the test repeats. Each step solves
    ``n``-by-``n`` systems only. None means: give up (the caller then pivots the full
    tableau exactly).
    """
    n, n_ub, n_rows = problem.n_variables, problem.n_ub, problem.n_rows
    structural = {column for column in basis if column < n}
    slack_rows = {column - n for column in basis if n <= column < n + n_ub}
    active = [row for row in kept_rows if row not in slack_rows]
    active += [n_rows + j for j in range(n) if j not in structural]
    if len(active) != n:
        return None
    dropped = [row for row in range(n_rows) if row not in set(kept_rows)]

    def coefficients(constraint: int) -> list[Fraction]:
        if constraint < n_rows:
            return list(problem.rows[constraint])
        unit = [Fraction(0)] * n
        unit[constraint - n_rows] = Fraction(-1)
        return unit

    def bound(constraint: int) -> Fraction:
        return problem.rhs[constraint] if constraint < n_rows else Fraction(0)

    def is_equality(constraint: int) -> bool:
        return n_ub <= constraint < n_rows

    for _ in range(10 * (n_rows + n) + 10):
        matrix = [coefficients(constraint) for constraint in active]
        transposed = [list(column) for column in zip(*matrix, strict=True)]
        x = _solve_exactly(matrix, [bound(constraint) for constraint in active])
        multipliers = _solve_exactly(transposed, [-v for v in problem.cost])
        if x is None or multipliers is None:
            return None
        if any(_dot(problem.rows[row], x) != problem.rhs[row] for row in dropped):
            return None
        tight = set(active)
        violated = [
            constraint
            for constraint in range(n_rows + n)
            if constraint not in tight
            and not is_equality(constraint)
            and _dot(coefficients(constraint), x) > bound(constraint)
        ]
        negative = [
            constraint
            for constraint, multiplier in zip(active, multipliers, strict=True)
            if multiplier < 0 and not is_equality(constraint)
        ]
        if not violated and not negative:
            return tuple(x)
        if violated and negative:
            return None
        if violated:
            # Dual step: the smallest violated constraint becomes tight; the leaving one
            # keeps every multiplier non-negative.
            entering = min(violated)
            shift = _solve_exactly(transposed, coefficients(entering))
            if shift is None:  # pragma: no cover - G_W is non-singular here
                return None
            ratios = [
                (multiplier / change, constraint)
                for constraint, multiplier, change in zip(active, multipliers, shift, strict=True)
                if change > 0 and not is_equality(constraint)
            ]
            if not ratios:
                return None  # infeasible; left to the full exact run to report
            leaving = min(ratios)[1]
        else:
            # Primal step: release the smallest constraint with a negative multiplier and
            # move along the edge until another constraint becomes tight.
            leaving = min(negative)
            release = [Fraction(-1) if c == leaving else Fraction(0) for c in active]
            direction = _solve_exactly(matrix, release)
            if direction is None:  # pragma: no cover - G_W is non-singular here
                return None
            steps = []
            for constraint in range(n_rows + n):
                if constraint in tight or is_equality(constraint):
                    continue
                row = coefficients(constraint)
                rate = _dot(row, direction)
                if rate > 0:
                    steps.append(((bound(constraint) - _dot(row, x)) / rate, constraint))
            if not steps:
                return None  # unbounded; left to the full exact run to report
            entering = min(steps)[1]
        active[active.index(leaving)] = entering
    return None


def _solve_exactly(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve a square system by Gauss-Jordan elimination in Fractions; None if singular."""
    size = len(matrix)
    augmented = [[*row, value] for row, value in zip(matrix, rhs, strict=True)]
    for column in range(size):
        pivot = next((r for r in range(column, size) if augmented[r][column] != 0), None)
        if pivot is None:
            return None
        augmented[column], augmented[pivot] = augmented[pivot], augmented[column]
        lead = augmented[column][column]
        augmented[column] = [value / lead for value in augmented[column]]
        for r in range(size):
            factor = augmented[r][column]
            if r != column and factor != 0:
                augmented[r] = [
                    a - factor * b for a, b in zip(augmented[r], augmented[column], strict=True)
                ]
    return [row[-1] for row in augmented]
