"""robust(): the non-dominated packages under incomplete weights (Robust Portfolio Modelling)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._validate import InstanceOf, Integer, OneOf, check, quoted_list, refuse
from powerbalance.errors import PortfolioError
from powerbalance.methods import MethodLike
from powerbalance.portfolio._dominance import (
    by_enumeration,
    by_programming,
    package_count,
    package_values,
)
from powerbalance.portfolio._problem import Problem, cost_criteria
from powerbalance.portfolio._robust_result import ROBUST_SCHEMA, RobustPackages
from powerbalance.portfolio._solve import Arrays, solve
from powerbalance.portfolio._values import valuation
from powerbalance.portfolio.optimize import check_problem

if TYPE_CHECKING:
    from powerbalance.sensitivity.smaa import WeightInformation

__all__ = ["ALGORITHMS", "ENUMERATION_LIMIT", "ROBUST_SCHEMA", "RobustPackages", "robust"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

_OWNER = "portfolio.robust"

ENUMERATION_LIMIT = 2**22
"""The most packages :func:`robust` holds or tries by default (``limit``).

Examples
--------
>>> ENUMERATION_LIMIT
4194304
"""

ALGORITHMS = ("auto", "dynamic programming", "enumeration")
"""The ways :func:`robust` can find the non-dominated packages (``algorithm``).

Examples
--------
>>> ALGORITHMS[0]
'auto'
"""

#: Up to this many extreme points, the best packages at the midpoints of every pair
#: are found too, to prune partial packages early.
_PAIRED = 12


def robust(
    problem: Problem,
    *,
    weight_information: WeightInformation,
    method: MethodLike = "weighted-sum",
    limit: int = ENUMERATION_LIMIT,
    algorithm: str = "auto",
) -> RobustPackages:
    """The non-dominated packages when the weights are known only in part, and core indices.

    Robust Portfolio Modelling (Liesiö, Mild and Salo 2007): with the weights only
    ranked, bounded or constrained, no single package is "the best"; but a package that
    another is worth at least as much as under every weighting allowed, and more under
    one, should not be chosen. The packages left are the non-dominated ones. A
    package's value is linear in the weights, so it is enough to compare packages at
    the extreme points of the weights allowed: the corners of the ordered region for
    :class:`~powerbalance.sensitivity.OrdinalWeights`, the unit weightings for
    :class:`~powerbalance.sensitivity.UniformWeights`, the vertices of the polytope
    for :class:`~powerbalance.sensitivity.IntervalWeights` and
    :class:`~powerbalance.sensitivity.ConstrainedWeights` (enumerated exactly), and
    the corners of the box of factors for
    :class:`~powerbalance.sensitivity.PerturbedWeights`.

    With budgets, minimums and size bounds only, the packages are found by dynamic programming
    over the options with partial packages pruned by dominance and by bounds on what
    they can still gain; with synergies, exclusions or prerequisites, every feasible
    package is tried. Either way the set is exact, up to a tolerance of a billionth of
    the largest value (times the number of options) that treats rounding as a tie.

    Parameters
    ----------
    problem : Problem
        The options, costs, budgets and interactions.
    weight_information : WeightInformation
        What is known about the weights of the criteria that are not costs (it may not
        name a cost criterion).
    method : Method or str, default "weighted-sum"
        A method whose scores are linear in the weights (``prepared.additive``: the
        weighted sum); others are refused, since the extreme weightings would not
        decide dominance.
    limit : int, default 4,194,304 (2**22)
        The most partial packages the dynamic programme may hold after a step, and
        the most packages enumeration may try (every package of an allowed size: 2 to
        the number of options without size bounds).
    algorithm : {"auto", "dynamic programming", "enumeration"}, default "auto"
        Dynamic programming when the problem has no interactions, else enumeration;
        enumeration can be asked for as a check.

    Returns
    -------
    RobustPackages

    Raises
    ------
    InvalidParameterError
        A parameter is refused: not a Problem, not weight information, a method that
        is not additive, a limit below 1, an unknown algorithm, or dynamic programming
        asked for with interactions; or weight information naming a cost criterion.
    WeightError, UnknownNameError
        The weight information names criteria the assessment does not have, or allows
        no weights.
    PortfolioError
        More packages would have to be held or tried than ``limit`` allows.

    References
    ----------
    Liesiö, J., Mild, P. and Salo, A. (2007). Preference programming for robust
    portfolio modeling and project selection. European Journal of Operational
    Research 181(3), 1488-1505.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B", "C"],
    ...     [pb.Criterion("X", area="P", kind="benefit", scale=(0, 10)),
    ...      pb.Criterion("Y", area="Q", kind="benefit", scale=(0, 10))],
    ...     [[10, 0], [0, 10], [4, 4]],
    ... )
    >>> problem = pb.portfolio.Problem(a, costs={o: {"Money": 1} for o in "ABC"},
    ...                                budget={"Money": 2})
    >>> info = pb.sensitivity.OrdinalWeights(["X", "Y"])  # X weighs at least as much as Y
    >>> result = pb.portfolio.robust(problem, weight_information=info)
    >>> result.packages, result.core
    ((('A', 'C'), ('A', 'B')), ('A',))
    """
    return robust_packages(problem, weight_information, method, limit, algorithm, _OWNER)


def robust_packages(
    problem: Problem,
    weight_information: WeightInformation,
    method: MethodLike,
    limit: int,
    algorithm: str,
    owner: str,
) -> RobustPackages:
    """:func:`robust` with the name of the verb to use in messages."""
    # Weight information and vertex enumeration (and scipy behind them) load on first use.
    from powerbalance.portfolio._extreme import extreme_points, named_criteria
    from powerbalance.sensitivity.smaa import WeightInformation

    check_problem(owner, problem)
    check(
        owner,
        "weight_information",
        weight_information,
        InstanceOf(
            WeightInformation,
            description="weight information such as OrdinalWeights(ranking) or "
            "IntervalWeights(bounds)",
        ),
        fix="From pb.sensitivity.",
    )
    check(owner, "limit", limit, Integer(low=1), fix="Such as 2**22.")
    check(owner, "algorithm", algorithm, OneOf(*ALGORITHMS))
    costs = [
        c for c in named_criteria(weight_information) if c in cost_criteria(problem.assessment)
    ]
    if costs:
        raise refuse(
            owner,
            "weight_information",
            weight_information,
            "about the criteria that are not costs",
            fix=f"Costs are resources of the packages, not weighed: leave out "
            f"{quoted_list(costs)}.",
        )
    valued = valuation(problem.assessment, "equal", method, owner=owner)
    if not valued.prepared.additive:
        raise refuse(
            owner,
            "method",
            method,
            "a method whose scores are linear in the weights, such as 'weighted-sum'",
            fix="Only then do the extreme weightings decide which packages are dominated.",
        )
    arrays = problem.arrays
    interacting = bool(arrays.synergies or arrays.exclusions or arrays.requires)
    if algorithm == "dynamic programming" and interacting:
        raise refuse(
            owner,
            "algorithm",
            algorithm,
            "'auto' or 'enumeration' for a problem with synergies, exclusions or prerequisites",
            fix="Dynamic programming prunes partial packages, which interactions forbid.",
        )
    points = extreme_points(weight_information, valued.assessment, owner)
    option_values = np.asarray(valued.at(points), dtype=np.float64).T  # options x points
    n = arrays.n_options
    if algorithm == "enumeration" or interacting:
        tries = package_count(arrays)
        if tries > limit:
            raise PortfolioError(
                f"{owner}: the problem has {n} options, so {tries:,} packages to try, more "
                f"than limit={limit:,}"
                + (
                    "; with synergies, exclusions or prerequisites every package is tried."
                    if interacting
                    else "."
                )
                + " Raise limit (memory and time grow with it), or remove candidates."
            )
        masks = by_enumeration(arrays, option_values)
        used = "enumeration"
    else:
        found = by_programming(arrays, option_values, limit, _known(arrays, option_values))
        if found is None:
            raise PortfolioError(
                f"{owner}: more than limit={limit:,} partial packages survive pruning; raise "
                "limit, or narrow the weight information."
            )
        masks = found
        used = "dynamic programming"
    values = package_values(arrays, option_values, masks)
    # Best at the mean extreme weighting first; ties in the options' order.
    order = np.lexsort((*(~masks[:, ::-1].T), -values.mean(axis=1)))
    masks, values = masks[order], values[order]
    masks.flags.writeable = False
    values.flags.writeable = False
    return RobustPackages(
        problem=problem,
        weight_information=weight_information,
        extreme_points=pd.DataFrame(
            points,
            index=pd.RangeIndex(len(points), name="extreme point"),
            columns=pd.Index(valued.assessment.criterion_names, name="criterion"),
        ),
        masks=masks,
        values=values,
        algorithm=used,
        valuation=valued,
    )


def _known(arrays: Arrays, option_values: FloatArray) -> FloatArray:
    """Values of some good feasible packages: the best at each extreme point and between."""
    k = option_values.shape[1]
    blends = [np.eye(k)[j] for j in range(k)] + [np.full(k, 1.0 / k)]
    if k <= _PAIRED:
        blends += [
            (np.eye(k)[i] + np.eye(k)[j]) / 2 for i, j in itertools.combinations(range(k), 2)
        ]
    found = [solve(arrays, option_values @ blend) for blend in blends]
    masks = np.array([f for f in found if f is not None], dtype=bool).reshape(-1, arrays.n_options)
    return package_values(arrays, option_values, masks)
