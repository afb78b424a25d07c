"""powerbalance: weighted evaluation of policy options.

Options are scored against benefit and risk criteria grouped into areas; a weighting
scheme turns judgements into weights; an aggregation method ranks the options; a
report explains the ranking as trade-offs.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.scenarios.load("great-power-cooperation")
>>> report = pb.evaluate(a, weighting="equal", method="topsis")
>>> report.ranking.index[0]
'Targeted cooperation'
"""

from powerbalance import (
    agreement,
    errors,
    io,
    methods,
    normalize,
    scenarios,
    sensitivity,
    smaa,
    uncertainty,
    value,
    weighting,
)
from powerbalance._version import __version__
from powerbalance.comparison import Comparison, compare
from powerbalance.evaluate import evaluate
from powerbalance.model import Assessment, Criterion, Option
from powerbalance.ranking import rank_scores
from powerbalance.registry import Registry
from powerbalance.report import Report
from powerbalance.weights import Weights

__all__ = [
    "Assessment",
    "Comparison",
    "Criterion",
    "Option",
    "Registry",
    "Report",
    "Weights",
    "__version__",
    "agreement",
    "compare",
    "errors",
    "evaluate",
    "io",
    "methods",
    "normalize",
    "rank_scores",
    "scenarios",
    "sensitivity",
    "smaa",
    "uncertainty",
    "value",
    "weighting",
]
