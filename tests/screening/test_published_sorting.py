"""Published ELECTRE TRI-B and MR-Sort examples, reproduced.

Each test names its source: the authors, the year, the table, and the repository and
commit the numbers were taken from.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

import powerbalance as pb

DATA = Path(__file__).parent / "data"


def _assessment(
    options: list[str], criteria: list[tuple[str, str]], scores: list[list[float]]
) -> pb.Assessment:
    return pb.Assessment(
        options, [pb.Criterion(name, area="A", kind=kind) for name, kind in criteria], scores
    )


# -- ELECTRE TRI-B: Ticino --------------------------------------------------------------

# The "Ticino" example shipped with pymcda (Olivier Sobrie): datasets/ticino.py and the
# expected assignments of tests/test_electre_tri.py (test002_test_pessimist_ticino,
# test004_test_optimist_ticino), https://github.com/oso/pymcda at commit
# 98f6dcb52bb1bee13513c9302f275bb857ff35c5 (the data last changed in c064f6a9). Price
# and transport are minimised; the rest maximised. Categories cat1 (worst) to cat3.
TICINO_CRITERIA = [
    ("price", "cost"),
    ("transport", "cost"),
    ("environment", "benefit"),
    ("residents", "benefit"),
    ("competition", "benefit"),
]
TICINO_SCORES = [
    [120, 284, 5, 3.5, 18],
    [150, 269, 2, 4.5, 24],
    [100, 413, 4, 5.5, 17],
    [60, 596, 6, 8.0, 20],
    [30, 1321, 8, 7.5, 16],
    [80, 734, 5, 4.0, 21],
    [45, 982, 7, 8.5, 13],
]
TICINO_WEIGHTS = {"price": 25, "transport": 45, "environment": 10, "residents": 12,
                  "competition": 8}  # fmt: skip


def _ticino_model(rule: str) -> pb.screening.ElectreTriB:
    names = [name for name, _ in TICINO_CRITERIA]

    def per(values: list[float]) -> dict[str, float]:
        return dict(zip(names, values, strict=True))

    b1, b2 = [100, 1000, 4, 4, 15], [50, 500, 7, 7, 20]
    return pb.screening.ElectreTriB(
        ["cat1", "cat2", "cat3"],
        {name: [low, high] for name, low, high in zip(names, b1, b2, strict=True)},
        indifference=per([15, 80, 1, 0.5, 1]),
        preference=per([40, 350, 3, 3.5, 5]),
        veto=per([100, 850, 5, 4.5, 8]),
        cut=0.75,
        rule=rule,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("pessimistic", ["cat2", "cat1", "cat2", "cat3", "cat1", "cat2", "cat2"]),
        ("optimistic", ["cat2", "cat3", "cat2", "cat3", "cat2", "cat2", "cat2"]),
    ],
)
def test_electre_tri_b_ticino_pymcda(rule: str, expected: list[str]) -> None:
    a = _assessment([f"a{i}" for i in range(1, 8)], TICINO_CRITERIA, TICINO_SCORES)
    weights = pb.Weights.from_mapping(TICINO_WEIGHTS)
    sorting = pb.screening.sort(a, _ticino_model(rule), weighting=weights)
    assert list(sorting.categories.values()) == expected
    # The rules differ on a2 and a5, incomparable with profiles; a2 with both of them,
    # so the two rules put it at opposite ends.
    assert sorting.incomparable == ("a2", "a5")
    other = "optimistic" if rule == "pessimistic" else "pessimistic"
    assert sorting.to_frame().loc["a2", other] == ("cat3" if rule == "pessimistic" else "cat1")
    assert "incomparable" in sorting.why("a2")


def test_electre_tri_b_ticino_credibilities() -> None:
    # Credibilities recomputed from the same data by the standard definitions (they are
    # not printed in pymcda); they pin the formula, and a2's zero against b2 is its veto.
    a = _assessment([f"a{i}" for i in range(1, 8)], TICINO_CRITERIA, TICINO_SCORES)
    w = pb.Weights.from_mapping(TICINO_WEIGHTS).aligned(a)[None, :]
    prepared = _ticino_model("pessimistic").prepare(a)
    forward = prepared.credibility(w)[0]
    backward = prepared.credibility(w, reverse=True)[0]
    np.testing.assert_allclose(
        forward,
        [[0.95, 0.56], [0.70, 0], [1, 0.57], [1, 0.9733], [0.5983, 0.0557], [1, 0.4433],
         [0.98, 0.2956]],
        atol=5e-5,
    )  # fmt: skip
    np.testing.assert_allclose(
        backward,
        [[0.2789, 0.7733], [0, 0.6883], [0.49, 0.9883], [0.0247, 0.98], [0.53, 0.95],
         [0.56, 1], [0, 0.96]],
        atol=5e-5,
    )  # fmt: skip


# -- ELECTRE TRI-B: Mousseau, Slowinski and Zielniewicz (1999) ---------------------------

# Mousseau, V., Slowinski, R. and Zielniewicz, P. (1999). ELECTRE TRI 2.0a:
# methodological guide and user's manual. Document du LAMSADE 111, Universite
# Paris-Dauphine: performances Table 1 (p. 15), thresholds and weights Table 2 (p. 16),
# profiles Table 9 (p. 19). Transcribed in https://github.com/cghiaus/ELECTRE_Tri at
# commit e4197a9321010034b04bbce264d0de7cecf24847 (data/mous3docl99_3.csv), whose
# notebook docs/explanation/electre_tri-b_explained.ipynb prints the credibilities
# below with cut 0.7. Five criteria to maximise, equal weights, q = 5, p = 10, v = 30.
MSZ_SCORES = [[75, 67, 85, 82, 90], [28, 35, 70, 90, 95], [45, 60, 55, 68, 60]]
MSZ_B1 = [50, 48, 55, 55, 60]
MSZ_B2 = [70, 75, 80, 75, 85]


def _msz(rule: str = "pessimistic") -> tuple[pb.Assessment, pb.screening.ElectreTriB]:
    names = [f"g{j}" for j in range(1, 6)]
    a = _assessment(["a1", "a2", "a3"], [(n, "benefit") for n in names], MSZ_SCORES)
    model = pb.screening.ElectreTriB(
        ["C1", "C2", "C3"],
        {n: [low, high] for n, low, high in zip(names, MSZ_B1, MSZ_B2, strict=True)},
        indifference=dict.fromkeys(names, 5),
        preference=dict.fromkeys(names, 10),
        veto=dict.fromkeys(names, 30),
        cut=0.7,
        rule=rule,  # type: ignore[arg-type]
    )
    return a, model


def test_electre_tri_b_mousseau_slowinski_zielniewicz_1999_credibility() -> None:
    a, model = _msz()
    prepared = model.prepare(a)
    w = np.full((1, 5), 0.2)
    forward = prepared.credibility(w)[0]
    backward = prepared.credibility(w, reverse=True)[0]
    # sigma(a, b1), sigma(a, b2) and sigma(b1, a), sigma(b2, a), to the printed digits.
    np.testing.assert_array_equal(forward.round(6), [[1.0, 0.88], [0.6, 0.0], [1.0, 0.002345]])
    np.testing.assert_array_equal(backward.round(6), [[0.0, 0.92], [0.0, 0.6], [0.6, 1.0]])
    # Concordance and partial discordance against b2.
    np.testing.assert_allclose(prepared.concordance[:, 1, :].mean(axis=1), [0.88, 0.40, 0.12])
    np.testing.assert_allclose(
        prepared.reverse_concordance[:, 1, :].mean(axis=1), [0.92, 0.60, 1.00]
    )
    np.testing.assert_allclose(prepared.discordance[1, 1], [1, 1, 0, 0, 0])
    np.testing.assert_allclose(prepared.discordance[2, 1], [0.75, 0.25, 0.75, 0, 0.75])
    np.testing.assert_allclose(prepared.reverse_discordance[0, 0], [0.75, 0.45, 1, 0.85, 1])


@pytest.mark.parametrize(
    ("rule", "expected"),
    [("pessimistic", ["C3", "C1", "C2"]), ("optimistic", ["C3", "C3", "C2"])],
)
def test_electre_tri_b_mousseau_slowinski_zielniewicz_1999_assignments(
    rule: str, expected: list[str]
) -> None:
    # By the standard rules (indifference counts as outranking in the pessimistic
    # rule, so a1, indifferent to b2, goes to C3); recomputed, not printed.
    a, model = _msz(rule)
    sorting = pb.screening.sort(a, model)
    assert list(sorting.categories.values()) == expected
    assert sorting.incomparable == ("a2",)


# -- ELECTRE TRI-B: Loulouka (229 alternatives) ------------------------------------------


def _loulouka() -> tuple[pb.Assessment, list[str], list[str]]:
    # Fixture transcribed from pymcda (Olivier Sobrie), datasets/loulouka.py at commit
    # 98f6dcb52bb1bee13513c9302f275bb857ff35c5; see the header of the file.
    lines = [line for line in (DATA / "loulouka.csv").read_text().splitlines()
             if not line.startswith("#")]  # fmt: skip
    rows = list(csv.reader(lines))
    header, body = rows[0], rows[1:]
    criteria = [(name, "benefit") for name in header[1:12]]
    scores = [[float(x) for x in row[1:12]] for row in body]
    a = _assessment([row[0] for row in body], criteria, scores)
    return a, [row[12] for row in body], [row[13] for row in body]


@pytest.mark.parametrize("g10_preference", [1.0, 2.0])
def test_electre_tri_b_loulouka_pymcda(g10_preference: float) -> None:
    a, pessimistic, optimistic = _loulouka()
    names = a.criterion_names
    profiles = [
        [1, 2, 1, 1, 1, 1, 2, 4, 1, 1, 1],
        [2, 2, 2, 2, 3, 1, 3, 4, 2, 3, 4],
        [2, 3, 3, 2, 3, 1, 3, 5, 3, 3, 5],
    ]
    model = pb.screening.ElectreTriB(
        ["cat1", "cat2", "cat3", "cat4"],
        {name: [profile[j] for profile in profiles] for j, name in enumerate(names)},
        preference={**dict.fromkeys(names, 1.0), "g10": g10_preference},
        veto={"g11": 4},
        cut=0.76,
    )
    weights = pb.Weights(names, [0.02, 0.05, 0.06, 0.06, 0.07, 0.09, 0.09, 0.11, 0.13, 0.15, 0.17])
    sorting = pb.screening.sort(a, model, weighting=weights)
    frame = sorting.to_frame()
    assert frame["pessimistic"].tolist() == pessimistic
    assert frame["optimistic"].tolist() == optimistic
    # Five credibilities sit exactly on the cut and must count as outranking.
    assert frame.loc[["a80", "a157"], "credibility cat3"].round(12).eq(0.76).all()
    assert frame.loc[["a89", "a196", "a208"], "credibility cat4"].round(12).eq(0.76).all()


# -- MR-Sort: R package MCDA --------------------------------------------------------------

# The transport example of the R package MCDA (Bigaret, Meyer, Olteanu et al.),
# tests/MRSort.R, https://github.com/paterijk/MCDA at commit
# ff40fd048cc3c7f73226e0115c8563feecd8f509. Weights 1, 3, 2 and majority 3 (half the
# total); veto profiles Price 9 for Good and Comfort 0 for Medium, written here as the
# differences from the profiles (9 - 3 = 6 and 2 - 0 = 2).
TRANSPORT = [[1, 10, 1], [4, 20, 2], [2, 20, 0], [6, 40, 0], [30, 30, 3]]
TRANSPORT_OPTIONS = ["RER", "METRO1", "METRO2", "BUS", "TAXI"]


def test_mrsort_r_mcda_transport_with_vetoes() -> None:
    a = _assessment(
        TRANSPORT_OPTIONS, [("Price", "cost"), ("Time", "cost"), ("Comfort", "benefit")],
        TRANSPORT,
    )  # fmt: skip
    model = pb.screening.MRSort(
        ["Bad", "Medium", "Good"],
        {"Price": [7, 3], "Time": [25, 11], "Comfort": [2, 3]},
        threshold=0.5,
        vetoes={"Price": [None, 6], "Comfort": [2, None]},
    )
    weights = pb.Weights.from_mapping({"Price": 1, "Time": 3, "Comfort": 2})
    sorting = pb.screening.sort(a, model, weighting=weights)
    assert dict(sorting.categories) == {
        "RER": "Good", "METRO1": "Medium", "METRO2": "Bad", "BUS": "Bad", "TAXI": "Bad",
    }  # fmt: skip
    # METRO2 has the majority against Medium's edge; the Comfort veto bars it.
    assert sorting.to_frame().loc["METRO2", "veto"] == "Comfort"
    assert "Veto on Comfort" in sorting.why("METRO2")
    without = pb.screening.MRSort(model.categories, model.profiles, threshold=0.5)
    assert pb.screening.sort(a, without, weighting=weights).categories["METRO2"] == "Medium"


def test_mrsort_r_mcda_transport_filtered() -> None:
    # The same file's sub-case: categories Medium and Bad, Price and Time, RER and BUS,
    # weights 1 and 3, majority 2.
    a = _assessment(["RER", "BUS"], [("Price", "cost"), ("Time", "cost")],
                    [[1, 10], [6, 40]])  # fmt: skip
    model = pb.screening.MRSort(["Bad", "Medium"], {"Price": 7, "Time": 25}, threshold=0.5)
    weights = pb.Weights.from_mapping({"Price": 1, "Time": 3})
    assert list(pb.screening.sort(a, model, weighting=weights).categories.values()) == [
        "Medium", "Bad",
    ]  # fmt: skip


# -- MR-Sort: Meyer and Olteanu (2017), students -----------------------------------------

# Meyer, P. and Olteanu, A.-L. (2017). Integrating large positive and negative
# performance differences into multicriteria majority-rule sorting models. Computers &
# Operations Research 81, 216-230: the students example, as in tests/LPDMRSort.R of
# https://github.com/paterijk/MCDA at commit ff40fd048cc3c7f73226e0115c8563feecd8f509.
# Profile (10, 10, 10), equal weights, majority 0.5, veto profile (7, 7, 7): a
# difference of 3 below the profile. Dictators are not part of MR-Sort and left out.
STUDENTS = [
    (10, 10, 9), (10, 9, 10), (9, 10, 10), (9, 9, 10), (9, 10, 9), (10, 9, 9),
    (10, 10, 7), (10, 7, 10), (7, 10, 10), (9, 9, 17), (9, 17, 9), (17, 9, 9),
    (7, 10, 17), (10, 17, 7), (17, 7, 10), (7, 17, 10), (17, 10, 7), (10, 7, 17),
    (7, 9, 17), (9, 17, 7), (17, 7, 9), (7, 17, 9), (17, 9, 7), (9, 7, 17),
]  # fmt: skip


def _students(vetoes: dict[str, float] | None) -> str:
    names = ["c1", "c2", "c3"]
    a = _assessment([f"a{i}" for i in range(1, 25)], [(n, "benefit") for n in names],
                    [list(s) for s in STUDENTS])  # fmt: skip
    model = pb.screening.MRSort(["F", "P"], dict.fromkeys(names, 10), threshold=0.5,
                                vetoes=vetoes)  # fmt: skip
    return "".join(pb.screening.sort(a, model).categories.values())


def test_mrsort_meyer_olteanu_2017_students_with_vetoes() -> None:
    # Rule "V" of the paper: a majority and no veto.
    assert _students({"c1": 3, "c2": 3, "c3": 3}) == "PPPFFF" + "F" * 18


def test_mrsort_meyer_olteanu_2017_students_without_vetoes() -> None:
    # Plain majority on the same data, derived by the definition (not printed).
    assert _students(None) == "PPPFFF" + "PPPFFF" + "PPPPPP" + "FFFFFF"
