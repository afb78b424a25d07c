"""optimize(): the best package of a problem, exactly, by mixed-integer programming."""

from __future__ import annotations

from powerbalance._validate import InstanceOf, check
from powerbalance.errors import PortfolioError
from powerbalance.methods import MethodLike
from powerbalance.portfolio._package import Package, make_package
from powerbalance.portfolio._problem import Problem
from powerbalance.portfolio._solve import conflict, solve
from powerbalance.portfolio._values import valuation
from powerbalance.weighting import WeightingLike

__all__ = ["check_problem", "optimize"]

_OWNER = "portfolio.optimize"


def check_problem(owner: str, problem: object) -> Problem:
    """Refuse anything but a :class:`Problem` as a portfolio verb's first argument.

    Examples
    --------
    >>> import powerbalance as pb
    >>> try:
    ...     check_problem("portfolio.optimize", pb.examples.load().assessment)
    ... except pb.errors.InvalidParameterError as error:
    ...     print(str(error).split(";")[0])
    portfolio.optimize: problem must be a Problem
    """
    check(
        owner,
        "problem",
        problem,
        InstanceOf(Problem, description="a Problem"),
        fix="Build one with pb.portfolio.Problem(assessment, costs=..., budget=...).",
    )
    return problem  # type: ignore[return-value]


def optimize(
    problem: Problem,
    *,
    weighting: WeightingLike = "equal",
    method: MethodLike = "weighted-sum",
) -> Package:
    """The best package: the options that together are worth most within the budgets.

    Each option's value is the method's score on the criteria that are not costs
    (costs count once, as resources); a package is worth the sum of its options'
    values plus its synergies, so the value is additive, as it is for the weighted
    sum. The package is found exactly: a mixed-integer program (one binary variable
    per option, synergies linearized) solved by HiGHS through
    :func:`scipy.optimize.milp`, not by trying packages one by one.

    Parameters
    ----------
    problem : Problem
        The candidate options, costs, budgets and interactions.
    weighting : WeightingScheme, str, Weights or callable, default "equal"
        As for :func:`powerbalance.evaluate`. The weights are found on the whole
        assessment, then the cost criteria are dropped and the rest rescaled.
    method : Method or str, default "weighted-sum"
        As for :func:`powerbalance.evaluate`. The package's value adds the options'
        scores, which suits methods whose scores are on an interval scale (the
        weighted sum); for others it is a useful ordering rather than a measure.

    Returns
    -------
    Package
        The options in it, its value, its use of each resource, and in words what it
        leaves out and what would bring the best option left out in
        (:attr:`Package.what_it_takes`).

    Raises
    ------
    InvalidParameterError
        ``problem`` is not a Problem, or ``weighting`` or ``method`` is not an
        accepted form.
    WeightError
        Every criterion is a cost, or the weights leave every other criterion at 0.

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
    ...     budget={"Money": 5},
    ... )
    >>> package = pb.portfolio.optimize(problem)
    >>> package.options, round(package.value, 3)
    (('B', 'C'), 0.9)
    """
    check_problem(_OWNER, problem)
    valued = valuation(problem.assessment, weighting, method, owner=_OWNER)
    chosen = solve(problem.arrays, valued.values)
    if chosen is None:  # the problem checked its own feasibility; kept as a guard
        groups = conflict(problem.arrays)
        raise PortfolioError(
            f"{_OWNER}: no package meets every constraint: "
            f"{problem.describe_conflict(groups)} cannot all hold. Relax one of them."
        )
    return make_package(problem, valued, chosen)
