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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from powerbalance._version import __version__

if TYPE_CHECKING:
    from powerbalance import (
        brief,
        errors,
        evaluation,
        examples,
        io,
        methods,
        model,
        portfolio,
        scenarios,
        screening,
        sensitivity,
        weighting,
    )
    from powerbalance.evaluation import Comparison, Report, ValueForMoney, agreement, compare
    from powerbalance.evaluation.evaluate import evaluate as _evaluate
    from powerbalance.evaluation.value_for_money import value_for_money as _value_for_money
    from powerbalance.methods.ranking import rank_scores
    from powerbalance.model import (
        Assessment,
        Criterion,
        Option,
        Scenario,
        Study,
        Weights,
        normalize,
        uncertainty,
        value,
    )
    from powerbalance.registry import Registry

    # Bound by assignment: imported under its own name in this block, mypy takes
    # "evaluate" for the module powerbalance.evaluation.evaluate.
    evaluate = _evaluate
    value_for_money = _value_for_money

__all__ = [
    "Assessment",
    "Comparison",
    "Criterion",
    "Option",
    "Registry",
    "Report",
    "Scenario",
    "Study",
    "ValueForMoney",
    "Weights",
    "__version__",
    "agreement",
    "brief",
    "compare",
    "errors",
    "evaluate",
    "evaluation",
    "examples",
    "io",
    "methods",
    "model",
    "normalize",
    "portfolio",
    "rank_scores",
    "scenarios",
    "screening",
    "sensitivity",
    "uncertainty",
    "value",
    "value_for_money",
    "weighting",
]

# Each public name and the module it comes from, imported on first use (PEP 562), so
# that ``import powerbalance`` costs little beyond numpy and pandas and a script that
# only reads a file or builds an assessment never loads what it does not call.
_SUBPACKAGES = frozenset(
    {
        "brief",
        "errors",
        "evaluation",
        "examples",
        "io",
        "methods",
        "model",
        "portfolio",
        "scenarios",
        "screening",
        "sensitivity",
        "weighting",
    }
)
_HOMES = {
    "Assessment": "powerbalance.model",
    "Criterion": "powerbalance.model",
    "Option": "powerbalance.model",
    "Scenario": "powerbalance.model",
    "Study": "powerbalance.model",
    "Weights": "powerbalance.model",
    "normalize": "powerbalance.model",
    "uncertainty": "powerbalance.model",
    "value": "powerbalance.model",
    "Comparison": "powerbalance.evaluation",
    "Report": "powerbalance.evaluation",
    "agreement": "powerbalance.evaluation",
    "compare": "powerbalance.evaluation",
    "evaluate": "powerbalance.evaluation",
    "ValueForMoney": "powerbalance.evaluation",
    "value_for_money": "powerbalance.evaluation",
    "rank_scores": "powerbalance.methods.ranking",
    "Registry": "powerbalance.registry",
}


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        found: Any = importlib.import_module(f"{__name__}.{name}")
    elif name in _HOMES:
        found = getattr(importlib.import_module(_HOMES[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = found
    return found


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
