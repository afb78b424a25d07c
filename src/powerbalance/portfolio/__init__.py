"""Packages of options under budgets and interactions: the best combination, exactly.

Recommendations are seldom alternatives: several are adopted together, within budgets
of money or political capital, and they interact. A :class:`Problem` names the
candidate options (those of an assessment), what each costs in each resource, the
budgets, and how the options interact: :class:`Synergy` (value added or removed when
options are together), :class:`Exclusive` (at most one of a group) and prerequisites.
:func:`optimize` finds the best :class:`Package` exactly, by a mixed-integer program
solved by HiGHS; :func:`frontier` the best package at every budget level, the
value-for-money curve of packages. When the weights are known only in part (ranked,
bounded), :func:`robust` finds every non-dominated package and each option's core
index, and :func:`smaa` how often each package is the best.

An option's value is the method's score on the criteria that are not costs, so costs
count once, as resources; a package's value is the sum of its options' values plus
its synergies.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.Assessment(
...     ["Factory LA", "Factory SF", "Warehouse LA", "Warehouse SF"],
...     [pb.Criterion("Net present value", area="Economic", kind="benefit", scale=(0, 20))],
...     [[9], [5], [6], [4]],
... )
>>> problem = pb.portfolio.Problem(
...     a,
...     costs={"Factory LA": {"Capital": 6}, "Factory SF": {"Capital": 3},
...            "Warehouse LA": {"Capital": 5}, "Warehouse SF": {"Capital": 2}},
...     budget={"Capital": 10},
...     exclusions=[("Warehouse LA", "Warehouse SF")],
...     requires={"Warehouse LA": "Factory LA", "Warehouse SF": "Factory SF"},
... )
>>> package = pb.portfolio.optimize(problem)
>>> package.options, round(20 * package.value, 6)
(('Factory LA', 'Factory SF'), 14.0)
"""

from powerbalance.portfolio._interactions import Exclusive, Synergy
from powerbalance.portfolio._package import PACKAGE_SCHEMA, Package
from powerbalance.portfolio._problem import Problem
from powerbalance.portfolio._what_it_takes import WhatItTakes
from powerbalance.portfolio.frontier import FRONTIER_SCHEMA, Frontier, frontier
from powerbalance.portfolio.optimize import optimize
from powerbalance.portfolio.robust import ROBUST_SCHEMA, RobustPackages, robust
from powerbalance.portfolio.smaa import PACKAGE_SMAA_SCHEMA, PackageAcceptability, smaa

__all__ = [
    "FRONTIER_SCHEMA",
    "PACKAGE_SCHEMA",
    "PACKAGE_SMAA_SCHEMA",
    "ROBUST_SCHEMA",
    "Exclusive",
    "Frontier",
    "Package",
    "PackageAcceptability",
    "Problem",
    "RobustPackages",
    "Synergy",
    "WhatItTakes",
    "frontier",
    "optimize",
    "robust",
    "smaa",
]
