"""Write your own weighting scheme, register it, check it, and compare it.

The scheme below gives each criterion a weight in proportion to how far it separates
the best option from the worst (on the criterion's declared scale), with risks capped
so that no single risk can dominate the weights. Run with
``python examples/custom_weighting.py``.
"""

import attrs
import numpy as np
import pandas as pd

import powerbalance as pb
from powerbalance.testing import check_weighting


@pb.weighting.registry.register("spread")
@attrs.frozen
class Spread:
    """Weights proportional to each criterion's spread, risks capped at ``risk_cap``."""

    risk_cap: float = attrs.field(default=0.3, kw_only=True)

    def weigh(self, assessment: pb.Assessment) -> pb.Weights:
        scores = assessment.scores
        low = np.array([c.scale[0] if c.scale else np.nan for c in assessment.criteria])
        high = np.array([c.scale[1] if c.scale else np.nan for c in assessment.criteria])
        observed = scores.max(axis=0) - scores.min(axis=0)
        # Measure the spread on the declared scale where there is one.
        width = np.where(np.isnan(low), observed, high - low)
        spread = np.divide(observed, width, out=np.zeros_like(observed), where=width > 0)
        spread = np.where(assessment.is_risk, np.minimum(spread, self.risk_cap), spread)
        return pb.Weights.from_mapping(dict(zip(assessment.criterion_names, spread, strict=True)))


assessment = pb.examples.load("great-power-cooperation").assessment

# The conformance checks a plug-in author runs; they raise if a rule is broken.
check_weighting(Spread(), assessment)
check_weighting("spread", assessment)

security_first = pb.weighting.ByArea(
    areas=pb.weighting.RankOrderCentroid(
        ["Security", ["Economic", "Diplomacy"], ["Technology", "Environment"]]
    )
)
schemes = {"spread": "spread", "equal": "equal", "security first": security_first}

weights = pd.DataFrame(
    {
        label: pb.weighting.apply_weighting(s, assessment).by_area(assessment)
        for label, s in schemes.items()
    }
)
ranks = pd.DataFrame(
    {label: pb.evaluate(assessment, weighting=s).ranking["rank"] for label, s in schemes.items()}
)

print("Weight of each area under three schemes:")
print(weights.round(3).to_string())
print()
print("Rank of each option (weighted sum):")
print(ranks.sort_values("spread").to_string())
