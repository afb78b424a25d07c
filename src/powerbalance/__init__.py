"""powerbalance: weighted evaluation of policy options.

Options are scored against benefit and risk criteria grouped into areas; a weighting
scheme turns judgements into weights; an aggregation method ranks the options; a
report explains the ranking as trade-offs and says how robust it is.

Examples
--------
>>> import powerbalance as pb
>>> study = pb.examples.load("great-power-cooperation")
>>> report = pb.evaluate(study.assessment, weighting="equal", method="topsis")
>>> report.ranking.index[0]
'Targeted cooperation'
"""

from powerbalance import (
    errors,
    evaluation,
    examples,
    io,
    methods,
    model,
    sensitivity,
    weighting,
)
from powerbalance._version import __version__
from powerbalance.evaluation import Comparison, Report, agreement, compare, evaluate
from powerbalance.methods.ranking import rank_scores
from powerbalance.model import (
    Assessment,
    Criterion,
    Option,
    Study,
    Weights,
    normalize,
    uncertainty,
    value,
)
from powerbalance.registry import Registry

__all__ = [
    "Assessment",
    "Comparison",
    "Criterion",
    "Option",
    "Registry",
    "Report",
    "Study",
    "Weights",
    "__version__",
    "agreement",
    "compare",
    "errors",
    "evaluate",
    "evaluation",
    "examples",
    "io",
    "methods",
    "model",
    "normalize",
    "rank_scores",
    "sensitivity",
    "uncertainty",
    "value",
    "weighting",
]
