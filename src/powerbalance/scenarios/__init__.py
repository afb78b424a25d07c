"""Choices that hold up across futures: scores, regret and robust choice by scenario.

An assessment carries possible futures (:class:`powerbalance.Scenario`, passed as
``scenarios=``). :func:`evaluate` scores every option in every future with one
weighting and one method and returns a :class:`ScenarioAnalysis`: scores and ranks
by scenario, regret (absolute and relative to each scenario's range), the decision
rules side by side (expected score when probabilities are given, maximin, minimax
regret, Hurwicz, satisficing), the robust choice under each, whether they agree, and
where each leading option fails: the scenarios in which it loses first place, to
whom and through which areas. The rules themselves are plain functions on a score
matrix in :mod:`powerbalance.scenarios._rules`.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.Assessment(
...     ["Engage", "Contain"],
...     [pb.Criterion("Trade gains", area="Economic", kind="benefit", scale=(0, 10)),
...      pb.Criterion("Conflict risk", area="Security", kind="risk", scale=(0, 10))],
...     [[7, 4], [3, 6]],
...     scenarios=[
...         pb.Scenario(
...             "Rivals exploit", changes={"Engage": {"Trade gains": 4, "Conflict risk": 9}}
...         ),
...         pb.Scenario("Rivals reciprocate", changes={"Engage": {"Conflict risk": 2}}),
...     ],
... )
>>> analysis = pb.scenarios.evaluate(a)
>>> analysis.choice
{'maximin': 'Contain', 'minimax_regret': 'Engage', 'hurwicz': 'Engage', 'satisficing': 'Engage'}
>>> print(analysis.failures("Engage")[0].sentence())  # doctest: +NORMALIZE_WHITESPACE
In Rivals exploit, Engage falls to rank 2 behind Contain (by 0.100): Contain does better
on Security (+0.150); Engage keeps an edge on Economic (+0.050).
"""

from powerbalance.scenarios._analysis import SCENARIO_SCHEMA, ScenarioAnalysis
from powerbalance.scenarios._failures import Failure
from powerbalance.scenarios._rules import (
    LOWER_IS_BETTER,
    RULES,
    choices,
    expected,
    hurwicz,
    maximin,
    minimax_regret,
    regret,
    relative_regret,
    rule_values,
    satisficing,
)
from powerbalance.scenarios.evaluate import evaluate

__all__ = [
    "LOWER_IS_BETTER",
    "RULES",
    "SCENARIO_SCHEMA",
    "Failure",
    "ScenarioAnalysis",
    "choices",
    "evaluate",
    "expected",
    "hurwicz",
    "maximin",
    "minimax_regret",
    "regret",
    "relative_regret",
    "rule_values",
    "satisficing",
]
