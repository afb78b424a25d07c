"""Evaluation: scores and weights in, a ranking explained as trade-offs out.

:func:`evaluate` weighs the criteria, scores the options with one method and returns a
:class:`Report`; :func:`compare` ranks the options under several weightings and
methods and measures how far the rankings agree (:mod:`~powerbalance.evaluation.agreement`);
:func:`value_for_money` sets each option's value against its cost.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> pb.evaluate(a, method="topsis").ranking.index[0]
'Targeted cooperation'
"""

from powerbalance.evaluation import agreement
from powerbalance.evaluation._value_against_cost import ValueAgainstCost
from powerbalance.evaluation.comparison import Comparison, compare
from powerbalance.evaluation.evaluate import evaluate
from powerbalance.evaluation.report import Report, Robustness
from powerbalance.evaluation.tradeoffs import Tradeoff
from powerbalance.evaluation.value_for_money import ValueForMoney, value_for_money

__all__ = [
    "Comparison",
    "Report",
    "Robustness",
    "Tradeoff",
    "ValueAgainstCost",
    "ValueForMoney",
    "agreement",
    "compare",
    "evaluate",
    "value_for_money",
]
