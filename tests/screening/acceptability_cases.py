"""The assessment and sorting models the category acceptability tests share."""

import powerbalance as pb

CATEGORIES = ["reject", "consider", "recommend"]


def assessment(uncertain: bool = False) -> pb.Assessment:
    criteria = [
        pb.Criterion("Trade gains", area="Economic", kind="benefit", scale=(0, 10)),
        pb.Criterion("Security gains", area="Security", kind="benefit", scale=(0, 10)),
        pb.Criterion("Alliance risk", area="Security", kind="risk", scale=(0, 10)),
        pb.Criterion("Cost", area="Money", kind="cost", scale=(0, 100)),
    ]
    scores = [[8, 6, 3, 40], [6, 5, 4, 50], [3, 9, 9, 20], [2, 3, 2, 10], [9, 2, 5, 30]]
    uncertainty = {}
    if uncertain:
        uncertainty = {
            ("Hedge", "Trade gains"): pb.uncertainty.Uniform(4, 8),
            ("Bargain", "Alliance risk"): pb.uncertainty.Triangular(3, 5, 7),
            ("Wait", "Security gains"): pb.uncertainty.Normal(3, 1.5),
        }
    return pb.Assessment(
        ["Engage", "Hedge", "Confront", "Wait", "Bargain"],
        criteria,
        scores,
        uncertainty=uncertainty,
        name="Postures",
    )


PROFILES = {
    "Trade gains": [4, 7],
    "Security gains": [4, 6],
    "Alliance risk": [6, 4],
    "Cost": [60, 35],
}
MRSORT = pb.screening.MRSort(CATEGORIES, PROFILES, threshold=0.6, vetoes={"Alliance risk": 2})
ELECTRE = pb.screening.ElectreTriB(
    CATEGORIES,
    PROFILES,
    indifference={"Trade gains": 0.5, "Security gains": 0.5, "Alliance risk": 0.5, "Cost": 2},
    preference={"Trade gains": 1.5, "Security gains": 1.5, "Alliance risk": 1.5, "Cost": 10},
    veto={"Alliance risk": 3},
    cut=0.7,
)
