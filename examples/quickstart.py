"""Evaluate the built-in study three ways and show where the methods agree.

Run with ``python examples/quickstart.py``.
"""

import pandas as pd

import powerbalance as pb

assessment = pb.examples.load("great-power-cooperation").assessment

# An analyst who ranks security first, the economy and diplomacy next (tied), and
# technology and the environment last.
by_area = {
    area: list(assessment.criteria_in(area))
    for area in ("Security", "Economic", "Diplomacy", "Technology", "Environment")
}
security_first = pb.weighting.RankOrderCentroid(
    [
        by_area["Security"],
        by_area["Economic"] + by_area["Diplomacy"],
        by_area["Technology"] + by_area["Environment"],
    ]
)

ranks = {}
for label, method in {
    "weighted sum": pb.methods.WeightedSum(),
    "weighted product": pb.methods.WeightedProduct(),
    "TOPSIS": pb.methods.TOPSIS(),
}.items():
    report = pb.evaluate(assessment, weighting=security_first, method=method)
    ranks[label] = report.ranking["rank"]

print("Security-first weights by area:")
print(report.weights.by_area(assessment).round(3).to_string())
print()
print("Ranks under three methods:")
print(pd.DataFrame(ranks).sort_values("weighted sum").to_string())
print()
print(report.summary())
