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

:func:`stability` runs :func:`powerbalance.sensitivity.stability` in the central
future and in every scenario, with the same weights, and returns a
:class:`ScenarioStability`: how far each weight can move before each future's leader
changes.

Robust over weights and futures at once: :func:`powerbalance.sensitivity.smaa` with
``scenarios=`` draws the scenarios' probabilities with every weight vector, from
what is known of them (:class:`GivenProbabilities`, :class:`UniformProbabilities`,
:class:`OrdinalProbabilities`, :class:`IntervalProbabilities`), and counts how often
each option is the robust choice under a rule.

:func:`ensemble` generates thousands of futures from distributions on the cells (by
default the span of the scenarios' changes, :func:`span_cells`), scores each under
many weightings, chunked and on a dask cluster when given one, and returns an
:class:`Ensemble`: how often each option ranks first in each future, the robust
choice across them, and (:meth:`Ensemble.discover`, a :class:`Discovery`) which
cells' values separate the futures where an option fails from those where it holds.

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
from powerbalance.scenarios._discovery import DISCOVERY_SCHEMA, Condition, Discovery
from powerbalance.scenarios._ensemble import ensemble
from powerbalance.scenarios._ensemble_cells import span_cells
from powerbalance.scenarios._ensemble_result import ENSEMBLE_SCHEMA, ROBUST_RULES, Ensemble
from powerbalance.scenarios._failures import Failure
from powerbalance.scenarios._probabilities import (
    GivenProbabilities,
    IntervalProbabilities,
    OrdinalProbabilities,
    ProbabilityInformation,
    UniformProbabilities,
)
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
from powerbalance.scenarios._stability import (
    SCENARIO_STABILITY_SCHEMA,
    ScenarioStability,
    stability,
)
from powerbalance.scenarios.evaluate import evaluate

__all__ = [
    "DISCOVERY_SCHEMA",
    "ENSEMBLE_SCHEMA",
    "LOWER_IS_BETTER",
    "ROBUST_RULES",
    "RULES",
    "SCENARIO_SCHEMA",
    "SCENARIO_STABILITY_SCHEMA",
    "Condition",
    "Discovery",
    "Ensemble",
    "Failure",
    "GivenProbabilities",
    "IntervalProbabilities",
    "OrdinalProbabilities",
    "ProbabilityInformation",
    "ScenarioAnalysis",
    "ScenarioStability",
    "UniformProbabilities",
    "choices",
    "ensemble",
    "evaluate",
    "expected",
    "hurwicz",
    "maximin",
    "minimax_regret",
    "regret",
    "relative_regret",
    "rule_values",
    "satisficing",
    "span_cells",
    "stability",
]
