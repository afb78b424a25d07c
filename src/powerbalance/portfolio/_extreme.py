"""The extreme points of what is known about the weights: the weightings that decide dominance.

A package's value is linear in the weights (the weighted sum, plus synergies that do
not depend on them), so one package is at least as good as another at every feasible
weighting exactly when it is at each extreme point of the feasible set (Liesiö, Mild
and Salo 2007). The feasible sets of the sensitivity module's weight information are
polytopes: their extreme points are found here, in closed form for ordinal weights and
no information, and by vertex enumeration (HiGHS for the linear programs, Qhull for
the vertices) for bounds, rankings and linear constraints together.
"""

from __future__ import annotations

import itertools
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
from scipy.linalg import null_space
from scipy.optimize import linprog
from scipy.spatial import HalfspaceIntersection

from powerbalance._validate import quoted_list, refuse
from powerbalance.errors import WeightError
from powerbalance.model import Assessment
from powerbalance.sensitivity.smaa import (
    ConstrainedWeights,
    IntervalWeights,
    OrdinalWeights,
    PerturbedWeights,
    UniformWeights,
    WeightInformation,
)

__all__ = ["extreme_points", "named_criteria"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

#: Weights closer than this are one extreme point; constraints met within it are tight.
_CLOSE = 1e-9
#: Criteria up to which perturbed weights are taken at every corner of their box.
_PERTURBED_CRITERIA = 16


def named_criteria(information: WeightInformation) -> tuple[str, ...]:
    """The criteria the weight information names, in the order it names them.

    Examples
    --------
    >>> import powerbalance as pb
    >>> named_criteria(pb.sensitivity.OrdinalWeights(["B", ["A", "C"]]))
    ('B', 'A', 'C')
    >>> named_criteria(pb.sensitivity.ConstrainedWeights(
    ...     ranking=["B"], constraints=[pb.sensitivity.WeightConstraint("D", ["B", "E"])]))
    ('B', 'D', 'E')
    """
    names: list[str] = []
    if isinstance(information, OrdinalWeights | ConstrainedWeights):
        names += [name for group in information.ranking or () for name in group]
    if isinstance(information, IntervalWeights | ConstrainedWeights):
        names += list(information.bounds)
    if isinstance(information, ConstrainedWeights):
        names += [name for constraint in information.constraints for name in constraint.criteria]
    if isinstance(information, PerturbedWeights):
        names += list(information.weights.names)
    return tuple(dict.fromkeys(names))


def extreme_points(
    information: WeightInformation, assessment: Assessment, owner: str
) -> FloatArray:
    """The extreme points of the weights ``information`` allows, one row each.

    Rows are in ``assessment``'s criterion order and sum to 1. The information is first
    checked as :func:`~powerbalance.sensitivity.smaa.smaa` checks it (names,
    feasibility).

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> extreme_points(pb.sensitivity.OrdinalWeights(["Conflict risk", "Trade gains"]), a, "x")
    array([[0. , 1. ],
           [0.5, 0.5]])
    """
    names = assessment.criterion_names
    m = len(names)
    if isinstance(information, UniformWeights):
        return np.eye(m)
    if not isinstance(information, OrdinalWeights | IntervalWeights | ConstrainedWeights):
        if isinstance(information, PerturbedWeights):
            return _perturbed(information, assessment, owner)
        raise refuse(
            owner,
            "weight_information",
            information,
            "UniformWeights, OrdinalWeights, IntervalWeights, ConstrainedWeights or "
            "PerturbedWeights",
            fix="Their feasible weights form a polytope whose extreme points decide dominance.",
        )
    # Checks the names and that some weighting is feasible, with the sampler's messages.
    information.draw_function(assessment)
    ranking = (
        information.ranking
        if isinstance(information, OrdinalWeights | ConstrainedWeights)
        else None
    )
    groups = [[names.index(n) for n in group] for group in ranking or ()]
    if isinstance(information, OrdinalWeights):
        corners = np.zeros((len(groups), m))
        members: list[int] = []
        for g, group in enumerate(groups):
            members += group
            corners[g, members] = 1.0 / len(members)
        return corners
    bounds = information.bounds
    low = np.array([bounds.get(n, (0.0, 1.0))[0] for n in names], dtype=np.float64)
    high = np.array([bounds.get(n, (0.0, 1.0))[1] for n in names], dtype=np.float64)
    extra = np.zeros((0, m))
    limits = np.zeros(0)
    if isinstance(information, ConstrainedWeights) and information.constraints:
        pairs = [c.as_row(names, owner=type(information).__name__) for c in information.constraints]
        extra = np.vstack([row for row, _ in pairs])
        limits = np.array([limit for _, limit in pairs], dtype=np.float64)
    return _vertices(low, high, groups, owner, extra, limits)


def _perturbed(information: PerturbedWeights, assessment: Assessment, owner: str) -> FloatArray:
    """The corners of the box of factors, each rescaled to sum to 1.

    Rescaling is a projective map, which takes the box's corners to points whose convex
    hull is the feasible set: not all are extreme, which dominance does not mind.
    """
    information.draw_function(assessment)
    m = assessment.n_criteria
    if m > _PERTURBED_CRITERIA:
        raise refuse(
            owner,
            "weight_information",
            information,
            f"perturbed weights of at most {_PERTURBED_CRITERIA} criteria",
            fix="Give the same information as IntervalWeights bounds instead.",
        )
    base = np.array([information.weights[n] for n in assessment.criterion_names])
    s = float(information.spread)
    factors = np.array(list(itertools.product((1.0 - s, 1.0 + s), repeat=m))).reshape(-1, m)
    points = base * factors
    points /= points.sum(axis=1, keepdims=True)
    return _distinct(points)


def _distinct(points: FloatArray) -> FloatArray:
    """The rows of ``points`` without near-repeats, in a fixed (sorted) order."""
    keys = np.round(points / _CLOSE).astype(np.int64)
    _, first = np.unique(keys, axis=0, return_index=True)
    return np.asarray(points[np.sort(first)], dtype=np.float64)


def _vertices(
    low: FloatArray,
    high: FloatArray,
    groups: list[list[int]],
    owner: str,
    extra: FloatArray | None = None,
    limits: FloatArray | None = None,
) -> FloatArray:
    """The vertices of {sum w = 1, low <= w <= high, the ranking, extra @ w <= limits}."""
    m = len(low)
    identity = np.eye(m)
    upper_rows = [-identity, identity]
    upper_limits = [-low, high]
    if extra is not None and limits is not None:
        upper_rows.append(extra)
        upper_limits.append(limits)
    equal_rows = [np.ones((1, m))]
    equal_limits = [np.ones(1)]
    for before, after in itertools.pairwise(groups):
        upper_rows.append((identity[after[0]] - identity[before[0]])[None, :])
        upper_limits.append(np.zeros(1))
    for group in groups:
        for j in group[1:]:
            equal_rows.append((identity[j] - identity[group[0]])[None, :])
            equal_limits.append(np.zeros(1))
    a_ub, b_ub = np.vstack(upper_rows), np.concatenate(upper_limits)
    a_eq, b_eq = np.vstack(equal_rows), np.concatenate(equal_limits)
    # Constraints that hold with equality at every feasible point (lower bounds that sum
    # to 1, say) flatten the polytope: they join the equalities before the vertices are
    # found in the polytope's own dimension.
    tight = np.zeros(len(a_ub), dtype=bool)
    for i, row in enumerate(a_ub):
        result = linprog(row, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(None, None))
        if result.status != 0:
            raise WeightError(f"{owner}: no weights meet the weight information; widen it.")
        tight[i] = result.fun >= b_ub[i] - _CLOSE
    a_eq = np.vstack([a_eq, a_ub[tight]])
    b_eq = np.concatenate([b_eq, b_ub[tight]])
    a_ub, b_ub = a_ub[~tight], b_ub[~tight]
    start = np.asarray(np.linalg.lstsq(a_eq, b_eq, rcond=None)[0], dtype=np.float64)
    basis = null_space(a_eq)
    d = basis.shape[1]
    if d == 0 or not len(a_ub):
        return _distinct(start[None, :])
    # In the polytope's own coordinates z (w = start + basis z): a_ub basis z <= slack.
    rows = a_ub @ basis
    slack = b_ub - a_ub @ start
    if d == 1:
        ends = [linprog(sign, A_ub=rows, b_ub=slack, bounds=(None, None)).x for sign in (-1.0, 1.0)]
        return _distinct(start + np.vstack(ends) @ basis.T)
    norms = np.linalg.norm(rows, axis=1)
    # The centre of the largest ball inside: a point strictly inside, as Qhull needs.
    centre = linprog(
        np.concatenate([np.zeros(d), [-1.0]]),
        A_ub=np.hstack([rows, norms[:, None]]),
        b_ub=slack,
        bounds=[(None, None)] * d + [(0, None)],
    )
    if centre.status != 0 or centre.x[-1] <= _CLOSE:
        raise WeightError(
            f"{owner}: the weight information leaves no room for the weights to vary "
            f"({quoted_list([f'{x:.3g}' for x in start])} only); give those weights to "
            "optimize() instead."
        )
    hull = HalfspaceIntersection(np.hstack([rows, -slack[:, None]]), centre.x[:-1])
    points = start + hull.intersections @ basis.T
    points = np.clip(np.asarray(points, dtype=np.float64), 0.0, None)
    return _distinct(points / points.sum(axis=1, keepdims=True))
