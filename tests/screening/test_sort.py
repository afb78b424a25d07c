"""sort(), MRSort and ElectreTriB: results, words, renderings and refusals."""

from __future__ import annotations

import json

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, UnknownNameError, WeightError


@pytest.fixture
def a() -> pb.Assessment:
    return pb.Assessment(
        ["Engage", "Hedge", "Confront", "Wait"],
        [
            pb.Criterion("Trade gains", area="Economic", kind="benefit", scale=(0, 10)),
            pb.Criterion("Alliance risk", area="Security", kind="risk", scale=(0, 10)),
            pb.Criterion("Cost", area="Money", kind="cost", scale=(0, 100)),
        ],
        [[8, 3, 40], [6, 4, 50], [9, 9, 20], [2, 5, 10]],
        name="Posture",
    )


CATEGORIES = ["reject", "consider", "recommend"]
PROFILES = {"Trade gains": [4, 7], "Alliance risk": [6, 4], "Cost": [60, 35]}


def test_mrsort_sorts_vetoes_and_explains(a: pb.Assessment) -> None:
    model = pb.screening.MRSort(CATEGORIES, PROFILES, threshold=0.6, vetoes={"Alliance risk": 2})
    sorting = pb.screening.sort(a, model)
    assert dict(sorting.categories) == {
        "Engage": "recommend", "Hedge": "consider", "Confront": "reject", "Wait": "consider",
    }  # fmt: skip
    assert sorting.by_category == {
        "reject": ("Confront",), "consider": ("Hedge", "Wait"), "recommend": ("Engage",),
    }  # fmt: skip
    assert sorting.vetoed == ("Confront",)
    why = sorting.why("Confront")
    assert "Veto on Alliance risk (9 is worse than the limit 6 by 3, at least the veto 2)" in why
    assert "'reject'" in why
    assert "Not at least as good as the lower edge of 'recommend'" in sorting.why("Hedge")


def test_electre_tri_carries_both_rules(a: pb.Assessment) -> None:
    model = pb.screening.ElectreTriB(
        CATEGORIES, PROFILES, indifference={"Cost": 5}, preference={"Cost": 10},
        veto={"Alliance risk": 3}, cut=0.6,
    )  # fmt: skip
    sorting = pb.screening.sort(a, model)
    frame = sorting.to_frame()
    assert list(frame.columns) == [
        "category", "position", "pessimistic", "optimistic", "credibility consider",
        "reverse credibility consider", "credibility recommend",
        "reverse credibility recommend", "veto",
    ]  # fmt: skip
    assert (frame["category"] == frame["pessimistic"]).all()
    optimistic = pb.screening.ElectreTriB(
        CATEGORIES, PROFILES, indifference={"Cost": 5}, preference={"Cost": 10},
        veto={"Alliance risk": 3}, cut=0.6, rule="optimistic",
    )  # fmt: skip
    other = pb.screening.sort(a, optimistic).to_frame()
    assert other["category"].tolist() == frame["optimistic"].tolist()
    assert "credibility" in sorting.why("Engage")


def test_sorting_renders_every_format(a: pb.Assessment) -> None:
    model = pb.screening.MRSort(CATEGORIES, PROFILES, vetoes={"Alliance risk": 2})
    sorting = pb.screening.sort(a, model)
    text = sorting.to_text()
    assert text.startswith("Posture: sorting into 'reject', 'consider' and 'recommend'")
    assert "Categories, best first" in text
    assert str(sorting) == text
    assert sorting.to_markdown().startswith("## ")
    assert "<table" in sorting.to_html()
    assert sorting.to_html(page=True).startswith("<!DOCTYPE")
    data = json.loads(sorting.to_json())
    assert data["schema"] == "powerbalance.screening.sorting/1"
    assert data["by_category"]["reject"] == ["Confront"]
    assert data["options"][2]["veto"] == "Alliance risk"
    assert sorting.summary().startswith("Sorted 4 options into 3 categories by MR-Sort")


def test_sort_resolves_the_weighting_as_evaluate_does(a: pb.Assessment) -> None:
    model = pb.screening.MRSort(CATEGORIES, PROFILES, threshold=0.6)
    fixed = pb.Weights.from_mapping({"Trade gains": 1, "Alliance risk": 1, "Cost": 1})
    doubled = lambda a: dict.fromkeys(a.criterion_names, 2)  # noqa: E731
    forms = ("equal", pb.weighting.Equal(), fixed, doubled)
    results = [pb.screening.sort(a, model, weighting=w).categories for w in forms]
    assert all(r == results[0] for r in results)
    heavy = pb.Weights.from_mapping({"Trade gains": 8, "Alliance risk": 1, "Cost": 1})
    heavy_sorting = pb.screening.sort(a, model, weighting=heavy)
    assert heavy_sorting.categories["Confront"] == "recommend"
    with pytest.raises(InvalidParameterError, match="sort: weighting must be"):
        pb.screening.sort(a, model, weighting=3)  # type: ignore[arg-type]


def test_prepare_assign_contract(a: pb.Assessment) -> None:
    model = pb.screening.MRSort(CATEGORIES, PROFILES)
    prepared = model.prepare(a)
    assert isinstance(prepared, pb.screening.PreparedSorting)
    assert isinstance(model, pb.screening.SortingModel)
    assert prepared.n_categories == 3
    batch = np.array([[1, 1, 1], [2, 2, 2], [1, 0, 0]], dtype=float)
    positions = prepared.assign(batch)
    assert positions.shape == (3, 4)
    assert positions.dtype == np.intp
    assert (positions[0] == positions[1]).all()  # rows are rescaled to sum to 1
    with pytest.raises(pb.errors.ShapeError):
        prepared.assign(np.ones((2, 2)))
    with pytest.raises(WeightError, match="every criterion the weight 0"):
        prepared.assign(np.zeros((1, 3)))


def test_sort_leaves_its_inputs_alone(a: pb.Assessment) -> None:
    profiles = {k: list(v) for k, v in PROFILES.items()}
    model = pb.screening.MRSort(CATEGORIES, profiles)
    before = a.scores.copy()
    pb.screening.sort(a, model)
    profiles["Cost"][0] = 0
    assert model.profiles["Cost"] == (60.0, 35.0)
    assert np.array_equal(a.scores, before)


# -- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"categories": ["only"]}, InvalidParameterError, "at least two distinct category"),
        ({"categories": "abc"}, InvalidParameterError, "MRSort: categories must be"),
        ({"categories": ["a", "a", "b"]}, InvalidParameterError, "'a' is listed twice"),
        (
            {"profiles": {"Cost": [1]}},
            InvalidParameterError,
            r"profiles\['Cost'\] must be 2 limits, the lower edge of 'consider', 'recommend'",
        ),
        ({"profiles": {"Cost": [1, "x"]}}, InvalidParameterError, "finite number"),
        ({"threshold": 0}, InvalidParameterError, "threshold must be a number greater than 0"),
        ({"threshold": 1.2}, InvalidParameterError, "threshold must be"),
        ({"vetoes": {"Cots": 2}}, UnknownNameError, "Did you mean 'Cost'"),
        ({"vetoes": {"Cost": -1}}, InvalidParameterError, r"vetoes\['Cost'\] must be"),
        ({"vetoes": {"Cost": [1, 2, 3]}}, InvalidParameterError, "one per profile"),
    ],
)
def test_mrsort_refusals(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    arguments: dict[str, object] = {"categories": CATEGORIES, "profiles": PROFILES, **kwargs}
    with pytest.raises(error, match=message):
        pb.screening.MRSort(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"indifference": {"Cost": 10}, "preference": {"Cost": 5}},
         r"preference\['Cost'\] must be at least the indifference threshold \(10\)"),
        ({"preference": {"Cost": 10}, "veto": {"Cost": 5}},
         r"veto\['Cost'\] must be at least the preference threshold \(10\)"),
        ({"cut": 0.5}, "cut must be a number greater than 0.5 and at most 1"),
        ({"cut": 1.5}, "cut must be"),
        ({"rule": "both"}, "rule must be 'pessimistic' or 'optimistic'"),
        ({"veto": {"Cost": 0}}, r"veto\['Cost'\] must be a number greater than 0"),
        ({"indifference": {"Cots": 1}}, "Did you mean 'Cost'"),
    ],
)  # fmt: skip
def test_electre_tri_refusals(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(pb.errors.PowerbalanceError, match=message):
        pb.screening.ElectreTriB(CATEGORIES, PROFILES, **kwargs)  # type: ignore[arg-type]


def test_profiles_checked_against_the_assessment(a: pb.Assessment) -> None:
    typo = {**PROFILES, "Trade gain": PROFILES["Trade gains"]}
    del typo["Trade gains"]
    with pytest.raises(UnknownNameError, match="Did you mean 'Trade gains'"):
        pb.screening.sort(a, pb.screening.MRSort(CATEGORIES, typo))
    missing = {k: v for k, v in PROFILES.items() if k != "Cost"}
    with pytest.raises(UnknownNameError, match="Add limits for 'Cost'"):
        pb.screening.sort(a, pb.screening.ElectreTriB(CATEGORIES, missing))


def test_profiles_must_be_nested_in_the_criterion_direction(a: pb.Assessment) -> None:
    # On a cost, lower is better: the edge of "recommend" must not be above "consider".
    wrong = {**PROFILES, "Cost": [35, 60]}
    with pytest.raises(InvalidParameterError) as caught:
        pb.screening.sort(a, pb.screening.MRSort(CATEGORIES, wrong))
    message = str(caught.value)
    assert "profiles['Cost']" in message
    assert "The lower edge of 'recommend' (60) is worse than that of 'consider' (35)" in message
    assert "must not increase (lower is better)" in message
    with pytest.raises(InvalidParameterError, match=r"profiles\['Trade gains'\]"):
        pb.screening.sort(
            a, pb.screening.ElectreTriB(CATEGORIES, {**PROFILES, "Trade gains": [7, 4]})
        )


def test_sort_refuses_other_models_and_unknown_options(a: pb.Assessment) -> None:
    with pytest.raises(InvalidParameterError, match="sort: model must be a sorting model"):
        pb.screening.sort(a, "mrsort")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="Pass an instance"):
        pb.screening.sort(a, pb.screening.MRSort)  # type: ignore[arg-type]
    sorting = pb.screening.sort(a, pb.screening.MRSort(CATEGORIES, PROFILES))
    with pytest.raises(UnknownNameError, match="Did you mean 'Engage'"):
        sorting.why("Engag")


def test_two_categories_take_a_single_number() -> None:
    model = pb.screening.MRSort(["no", "yes"], {"X": 5})
    assert model.profiles == {"X": (5.0,)}
    assert repr(model) == "MRSort(['no', 'yes'], {'X': (5.0,)}, threshold=0.5)"
    electre = pb.screening.ElectreTriB(["no", "yes"], {"X": 5}, veto={"X": 2})
    assert "veto={'X': 2.0}" in repr(electre)
