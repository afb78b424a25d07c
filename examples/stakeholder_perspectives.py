"""Three stakeholder perspectives on the built-in study: where they agree and disagree.

A security ministry, an economy ministry and a climate envoy weigh the same seven
options. Each perspective is a weighting scheme (areas first, then criteria within
each area equally, so that no concern gains weight by being split into more criteria);
``pb.compare`` ranks the options under each, and ``powerbalance.evaluation.agreement`` measures
how far the rankings agree. Run with ``python examples/stakeholder_perspectives.py``.
"""

import pandas as pd

import powerbalance as pb
from powerbalance.evaluation import agreement

assessment = pb.examples.load("great-power-cooperation").assessment

perspectives = {
    # A ranking of the areas, ties in a list: security first, then the economy and
    # diplomacy, then technology and the environment.
    "security ministry": pb.weighting.ByArea(
        areas=pb.weighting.RankOrderCentroid(
            ["Security", ["Economic", "Diplomacy"], ["Technology", "Environment"]]
        )
    ),
    "economy ministry": pb.weighting.ByArea(
        areas=pb.weighting.RankOrderCentroid(
            ["Economic", ["Technology", "Security"], ["Diplomacy", "Environment"]]
        )
    ),
    # Swing points: the environment's swing from worst to best counts most.
    "climate envoy": pb.weighting.ByArea(
        areas=pb.weighting.Swing(
            {"Environment": 100, "Diplomacy": 70, "Economic": 50, "Security": 50, "Technology": 30}
        )
    ),
}

comparison = pb.compare(assessment, weightings=perspectives, methods=["weighted-sum"])
ranks = comparison.ranks.droplevel("method", axis=1)
weights = pd.DataFrame(
    {label: comparison.weights[label].by_area(assessment) for label in perspectives}
)

print("How each perspective weighs the areas:")
print(weights.round(2).to_string())
print()

consensus = comparison.consensus("borda")
table = ranks.loc[consensus.index].assign(
    best=ranks.min(axis=1), worst=ranks.max(axis=1), borda=consensus["rank"]
)
print("Rank of each option under each perspective (weighted sum), in Borda consensus order:")
print(table.to_string())
print()

# Where they agree: the same rank under every perspective, or a place in every top three.
agreed = table.index[table["best"] == table["worst"]]
print("Agreed by all three:")
for option in agreed:
    print(f"  {option}: rank {table.loc[option, 'best']} under every perspective")
shortlist = table.index[table["worst"] <= 3]
print(f"  in every perspective's top three: {', '.join(shortlist) or 'no option'}")

# Where they disagree: the options whose rank moves most between perspectives.
print("Contested:")
spread = (table["worst"] - table["best"]).sort_values(ascending=False, kind="stable")
for option in spread[spread > 0].index:
    best, worst = table.loc[option, "best"], table.loc[option, "worst"]
    positions = ", ".join(f"{label} {ranks.loc[option, label]}" for label in perspectives)
    print(f"  {option}: ranks {best} to {worst} ({positions})")
print()

# Pairs of perspectives: Kendall's tau-b treats every position alike; the WS
# coefficient counts a disagreement near the top more (row = reference).
labels = list(perspectives)
print("Agreement between perspectives (Kendall tau-b / WS similarity):")
for i, first in enumerate(labels):
    for second in labels[i + 1 :]:
        tau = agreement.kendall_tau_b(ranks[first], ranks[second])
        ws = agreement.ws_similarity(ranks[first], ranks[second])
        print(f"  {first} vs {second}: {tau:.2f} / {ws:.2f}")
print()

leaders = {label: ranks[label].idxmin() for label in labels}
print("First choice of each: " + "; ".join(f"{k}: {v}" for k, v in leaders.items()))
print(comparison.summary())
