r"""The mixed-integer program that infers an MR-Sort model from assigned examples.

Scores arrive turned so that higher is better on every criterion. Only the order of
the examples' scores on a criterion matters to a profile, so a profile is chosen as a
cut between two consecutive distinct scores (a *level*) rather than as a number: a
binary :math:`z_{jhi}` says that level :math:`i` of criterion :math:`j` is at least
as good as profile :math:`h`. The profile itself is placed afterwards half-way
between the last level below it and the first at or above it, so that no example
lies on it. This is the program of Leroy, Mousseau and Pirlot (2011) with its big-M
links between profiles and scores replaced by levels, which needs neither a big M nor
an epsilon on the score scale.

Variables: weights :math:`w_j \ge 0` summing to 1, the majority threshold
:math:`\lambda \in [1/2, 1]`, a margin :math:`\alpha \in [0, 1/2]`, the cuts
:math:`z` (monotone along the levels, nested across profiles), a binary
:math:`\gamma_a` per example (restored or not), and :math:`c_{aj} = w_j z_{jhi(a,j)}`
linearized by the side each needs (:math:`c \le w_j, c \le z` where the support
must reach :math:`\lambda`, :math:`c \ge w_j + z - 1` where it must stay below). An
example :math:`a` of category :math:`k` is restored when

.. math::

    \sum_j c^{\text{low}}_{aj} \ge \lambda + \alpha, \qquad
    \sum_j c^{\text{up}}_{aj} \le \lambda - \beta, \quad \beta \ge \max(\alpha, \varepsilon)

(or it is vetoed against the profile above), each relaxed by 2 when
:math:`\gamma_a = 0`. The objective maximizes :math:`\sum_a \gamma_a + \alpha / 2`
(:math:`\alpha / 2 \le 1/4`, so one more restored example always counts for more
than any margin). With vetoes, binaries :math:`y_{jhi}` mark the levels vetoed
against profile :math:`h` (below the profile, monotone, nested), a vetoed example
may not be restored above that profile, and a small penalty keeps vetoes to those
the examples need.

HiGHS meets integrality and constraints to a tolerance, so the weights and the
threshold are found again, exactly, by a linear program over the discrete choices it
made (:mod:`powerbalance._linprog`): the margin is maximized with every restored
example's coalition fixed.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance.errors import PowerbalanceError

__all__ = ["EPSILON", "Solution", "solve"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]

#: How far below the threshold (in weight, which sums to 1) the support of an example
#: that must not reach a profile is kept: well above HiGHS's tolerances (about 1e-7)
#: and well below any weight a committee would mean.
EPSILON = Fraction(1, 10_000)

#: The weight of the margin in the objective, beside 1 per restored example.
_MARGIN_WEIGHT = 0.5
#: The total penalty of vetoes in the objective when every level is vetoed.
_VETO_PENALTY = 0.1


@attrs.frozen
class Solution:
    """A learned model by positions, scores turned so that higher is better.

    ``profiles`` and ``veto_limits`` have one row per profile (lowest first) and a
    column per criterion; a veto limit is the score at or below which an option is
    vetoed against that profile, ``-inf`` for none.
    """

    weights: FloatArray
    threshold: float
    profiles: FloatArray
    veto_limits: FloatArray
    margin: float


class _Columns:
    """Hands out variable positions and remembers their bounds and integrality."""

    def __init__(self) -> None:
        self.low: list[float] = []
        self.high: list[float] = []
        self.integer: list[int] = []

    def add(self, low: float, high: float, *, integer: bool = False) -> int:
        self.low.append(low)
        self.high.append(high)
        self.integer.append(int(integer))
        return len(self.low) - 1


def _levels(g: FloatArray) -> tuple[list[FloatArray], IntArray]:
    """Each criterion's distinct scores, ascending, and each example's level on it."""
    levels = []
    index = np.empty(g.shape, dtype=np.int64)
    for j in range(g.shape[1]):
        values, inverse = np.unique(g[:, j], return_inverse=True)
        levels.append(values.astype(np.float64))
        index[:, j] = inverse
    return levels, index


def solve(
    g: FloatArray,
    assigned: IntArray,
    n_categories: int,
    *,
    vetoes: bool,
    threshold: float | None,
) -> Solution:
    """Learn weights, threshold, profiles (and veto limits) restoring most examples.

    ``g`` is examples x criteria, higher better; ``assigned`` each example's category
    position (0 = worst).
    """
    # Imported here, as for packages: scipy is needed only when a model is learned.
    from scipy.optimize import Bounds, LinearConstraint, milp

    n, m = g.shape
    p = n_categories - 1
    levels, level = _levels(g)
    cols = _Columns()
    w = [cols.add(0.0, 1.0) for _ in range(m)]
    lam_low, lam_high = (0.5, 1.0) if threshold is None else (threshold, threshold)
    lam = cols.add(lam_low, lam_high)
    alpha = cols.add(0.0, 0.5)
    beta = cols.add(float(EPSILON), 1.0)
    z = [[[cols.add(0, 1, integer=True) for _ in levels[j]] for _ in range(p)] for j in range(m)]
    y = (
        [[[cols.add(0, 1, integer=True) for _ in levels[j]] for _ in range(p)] for j in range(m)]
        if vetoes
        else []
    )
    gamma = [cols.add(0, 1, integer=True) for _ in range(n)]

    rows: list[dict[int, float]] = []
    lower: list[float] = []
    upper: list[float] = []

    def add(row: dict[int, float], low: float, high: float) -> None:
        rows.append(row)
        lower.append(low)
        upper.append(high)

    add(dict.fromkeys(w, 1.0), 1.0, 1.0)
    add({beta: 1.0, alpha: -1.0}, 0.0, np.inf)
    for j in range(m):
        for h in range(p):
            for i in range(len(levels[j]) - 1):
                add({z[j][h][i]: 1.0, z[j][h][i + 1]: -1.0}, -np.inf, 0.0)
                if vetoes:
                    add({y[j][h][i + 1]: 1.0, y[j][h][i]: -1.0}, -np.inf, 0.0)
            for i in range(len(levels[j])):
                if h + 1 < p:
                    add({z[j][h + 1][i]: 1.0, z[j][h][i]: -1.0}, -np.inf, 0.0)
                    if vetoes:
                        add({y[j][h][i]: 1.0, y[j][h + 1][i]: -1.0}, -np.inf, 0.0)
                if vetoes:
                    add({y[j][h][i]: 1.0, z[j][h][i]: 1.0}, -np.inf, 1.0)
    for a in range(n):
        k = int(assigned[a])
        if k > 0:  # at least as good as the profile below its category, and not vetoed
            h = k - 1
            row = {lam: -1.0, alpha: -1.0, gamma[a]: -2.0}
            for j in range(m):
                c = cols.add(0.0, 1.0)
                add({c: 1.0, w[j]: -1.0}, -np.inf, 0.0)
                add({c: 1.0, z[j][h][int(level[a, j])]: -1.0}, -np.inf, 0.0)
                row[c] = 1.0
                if vetoes:
                    add({y[j][h][int(level[a, j])]: 1.0, gamma[a]: 1.0}, -np.inf, 1.0)
            add(row, -2.0, np.inf)
        if k < p:  # not at least as good as the profile above, or vetoed against it
            h = k
            row = {lam: -1.0, beta: 1.0, gamma[a]: 2.0}
            for j in range(m):
                c = cols.add(0.0, 1.0)
                add({c: 1.0, w[j]: -1.0, z[j][h][int(level[a, j])]: -1.0}, -1.0, np.inf)
                row[c] = 1.0
            if vetoes:
                phi = cols.add(0, 1, integer=True)
                row[phi] = -2.0
                vetoing = {y[j][h][int(level[a, j])]: -1.0 for j in range(m)}
                add({phi: 1.0, **vetoing}, -np.inf, 0.0)
            add(row, -np.inf, 2.0)

    size = len(cols.low)
    objective = np.zeros(size)
    objective[gamma] = -1.0
    objective[alpha] = -_MARGIN_WEIGHT
    if vetoes:
        flat = [v for per_criterion in y for per_profile in per_criterion for v in per_profile]
        objective[flat] = _VETO_PENALTY / max(len(flat), 1)
    matrix = np.zeros((len(rows), size))
    for r, row in enumerate(rows):
        for column, value in row.items():
            matrix[r, column] += value
    result = milp(
        objective,
        integrality=np.array(cols.integer),
        bounds=Bounds(np.array(cols.low), np.array(cols.high)),
        constraints=[LinearConstraint(matrix, np.array(lower), np.array(upper))],
        # A gap under 1/2 in the objective (at most n + 1/4) leaves the count of restored
        # examples exact while sparing the proof that no larger margin exists, which is
        # most of the work. Without presolve HiGHS need not map a solution back, the
        # step at which some versions print a line of their own.
        options={"mip_rel_gap": 0.5 / (n + 1), "presolve": False},
    )
    if result.status != 0 or result.x is None:
        raise PowerbalanceError(
            f"The learning program (HiGHS) stopped without an answer: {result.message} "
            "Give fewer examples, or fewer criteria."
        )
    x = np.asarray(result.x)
    # HiGHS takes 0.9999995 for 1 (its integrality tolerance): read binaries rounded.
    cuts = [[[bool(x[v] > 0.5) for v in per_profile] for per_profile in z[j]] for j in range(m)]
    vetoed = (
        [[[bool(x[v] > 0.5) for v in per_profile] for per_profile in y[j]] for j in range(m)]
        if vetoes
        else [[[False] * len(levels[j]) for _ in range(p)] for j in range(m)]
    )
    restored = [bool(x[v] > 0.5) for v in gamma]
    weights, lam_value, margin = _exact_weights(
        level, assigned, p, cuts, vetoed, restored, threshold
    ) or _float_weights(x, w, lam, alpha)
    profiles = np.empty((p, m))
    veto_limits = np.full((p, m), -np.inf)
    for j in range(m):
        pad = _pad(levels[j])
        for h in range(p):
            profiles[h, j] = _cut(levels[j], cuts[j][h], pad)
            count = sum(vetoed[j][h])
            if count:
                above = levels[j][count] if count < len(levels[j]) else np.inf
                veto_limits[h, j] = (levels[j][count - 1] + min(above, profiles[h, j])) / 2
    return Solution(weights, lam_value, profiles, veto_limits, margin)


def _pad(values: FloatArray) -> float:
    """How far beyond the examples a profile above or below all of them is placed."""
    if len(values) > 1:
        return float(values[-1] - values[0]) / (len(values) - 1) / 2
    return max(abs(float(values[0])), 1.0) / 2


def _cut(values: FloatArray, passing: list[bool], pad: float) -> float:
    """The profile half-way between the last level below it and the first at or above."""
    first = next((i for i, ok in enumerate(passing) if ok), len(values))
    if first == 0:
        return float(values[0]) - pad
    if first == len(values):
        return float(values[-1]) + pad
    return float(values[first - 1] + values[first]) / 2


def _exact_weights(
    level: IntArray,
    assigned: IntArray,
    p: int,
    cuts: list[list[list[bool]]],
    vetoed: list[list[list[bool]]],
    restored: list[bool],
    threshold: float | None,
) -> tuple[FloatArray, float, float] | None:
    """Weights, threshold and margin found exactly for the coalitions the program chose.

    None when the rounded choices admit none (HiGHS's tolerances let a binary of
    5e-7 count as 0 while its product counted a little weight).
    """
    # Imported here: the exact solver is loaded only when a model is learned (importing
    # the package, or a study, should not load it).
    from powerbalance._linprog import linprog

    n, m = level.shape
    # Variables: w_1..w_m, lambda, alpha, beta (all >= 0).
    size = m + 3
    lam, alpha, beta = m, m + 1, m + 2
    a_ub: list[list[Fraction]] = []
    b_ub: list[Fraction] = []

    def row(entries: dict[int, int]) -> list[Fraction]:
        out = [Fraction(0)] * size
        for column, value in entries.items():
            out[column] += value
        return out

    for a in range(n):
        if not restored[a]:
            continue
        k = int(assigned[a])
        at = [int(level[a, j]) for j in range(m)]
        if k > 0:
            support = [j for j in range(m) if cuts[j][k - 1][at[j]]]
            a_ub.append(row({lam: 1, alpha: 1, **{j: -1 for j in support}}))
            b_ub.append(Fraction(0))
        if k < p and not any(vetoed[j][k][at[j]] for j in range(m)):
            support = [j for j in range(m) if cuts[j][k][at[j]]]
            a_ub.append(row({lam: -1, beta: 1, **dict.fromkeys(support, 1)}))
            b_ub.append(Fraction(0))
    a_ub += [row({alpha: 1}), row({beta: -1}), row({alpha: 1, beta: -1})]
    b_ub += [Fraction(1, 2), -EPSILON, Fraction(0)]
    a_eq = [row(dict.fromkeys(range(m), 1))]
    b_eq = [Fraction(1)]
    if threshold is None:
        a_ub += [row({lam: 1}), row({lam: -1})]
        b_ub += [Fraction(1), Fraction(-1, 2)]
    else:
        a_eq.append(row({lam: 1}))
        b_eq.append(Fraction(threshold))
    cost = [Fraction(0)] * size
    cost[alpha] = Fraction(-1)
    result = linprog(cost, a_ub, b_ub, a_eq, b_eq)
    if result.status != "optimal":
        return None
    weights = np.array([float(v) for v in result.x[:m]])
    return weights, float(result.x[lam]), float(result.x[alpha])


def _float_weights(
    x: FloatArray, w: list[int], lam: int, alpha: int
) -> tuple[FloatArray, float, float]:
    """The program's own weights, cleaned of tolerance noise, when no exact ones exist."""
    weights = np.clip(x[w], 0.0, None)
    return weights / weights.sum(), float(np.clip(x[lam], 0.5, 1.0)), float(max(x[alpha], 0.0))
