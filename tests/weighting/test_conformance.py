"""Every built-in weighting scheme passes the plug-in conformance checks."""

import pytest

import powerbalance as pb
from powerbalance.testing import check_weighting

STUDY = pb.examples.load("great-power-cooperation").assessment
NAMES = STUDY.criterion_names
AREAS = STUDY.areas
AREA_JUDGEMENTS = {
    ("Security", "Economic"): 2,
    ("Security", "Diplomacy"): 3,
    ("Security", "Technology"): 4,
    ("Security", "Environment"): 4,
    ("Economic", "Diplomacy"): 2,
    ("Economic", "Technology"): 2,
    ("Economic", "Environment"): 2,
    ("Diplomacy", "Technology"): 1,
    ("Diplomacy", "Environment"): 1,
    ("Technology", "Environment"): 1,
}
BEST, WORST = NAMES[3], NAMES[6]


def best_worst() -> pb.weighting.BestWorst:
    best_to_others = {n: 1 if n == BEST else (8 if n == WORST else 3) for n in NAMES}
    others_to_worst = {n: 1 if n == WORST else (8 if n == BEST else 3) for n in NAMES}
    return pb.weighting.BestWorst(
        best=BEST, worst=WORST, best_to_others=best_to_others, others_to_worst=others_to_worst
    )


SCHEMES = {
    "Equal": pb.weighting.Equal(),
    "Direct": pb.weighting.Direct({n: i + 1 for i, n in enumerate(NAMES)}),
    "Swing": pb.weighting.Swing({n: 100 if i == 0 else 50 for i, n in enumerate(NAMES)}),
    "RankOrderCentroid": pb.weighting.RankOrderCentroid([NAMES[0], list(NAMES[1:])]),
    "RankSum": pb.weighting.RankSum(list(NAMES)),
    "RankReciprocal": pb.weighting.RankReciprocal(list(reversed(NAMES))),
    "ByArea": pb.weighting.ByArea(areas=pb.weighting.AHP(AREA_JUDGEMENTS)),
    "Blend": pb.weighting.Blend([("equal", 1), ("entropy", 1)]),
    "Entropy": pb.weighting.Entropy(),
    "CRITIC": pb.weighting.CRITIC(),
    "StdDev": pb.weighting.StdDev(),
    "MEREC": pb.weighting.MEREC(),
    "AHP by area": pb.weighting.ByArea(
        areas="equal",
        within={
            area: pb.weighting.AHP(
                {
                    (a, b): 2
                    for i, a in enumerate(STUDY.criteria_in(area))
                    for b in STUDY.criteria_in(area)[i + 1 :]
                }
            )
            for area in AREAS
        },
    ),
    "Group": pb.weighting.ByArea(
        areas=pb.weighting.AHPGroup(
            [
                pb.weighting.AHP(AREA_JUDGEMENTS),
                pb.weighting.AHP(AREA_JUDGEMENTS, method="geometric"),
            ]
        )
    ),
    "BestWorst": best_worst(),
}


@pytest.mark.parametrize("scheme", SCHEMES.values(), ids=SCHEMES.keys())
def test_built_in_scheme_conforms(scheme):
    check_weighting(scheme, STUDY)


@pytest.mark.parametrize("name", ["equal", "entropy", "critic", "std-dev", "merec"])
def test_registered_scheme_conforms_by_name(name):
    assert name in pb.weighting.registry.names()
    check_weighting(name)
