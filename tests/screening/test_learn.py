"""learn_mrsort: an MR-Sort model inferred from assigned examples (Leroy, Mousseau, Pirlot 2011)."""

from __future__ import annotations

import json
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, UnknownNameError

KINDS = ("benefit", "risk", "cost")
NAMES = ("reject", "consider", "recommend")


@attrs.frozen
class Known:
    """A random MR-Sort model and the options it sorts."""

    assessment: pb.Assessment
    model: pb.screening.MRSort
    weights: pb.Weights


@st.composite
def known_models(draw: Any) -> Known:
    n = draw(st.integers(4, 12))
    m = draw(st.integers(2, 4))
    k = draw(st.integers(2, 3))
    kinds = [draw(st.sampled_from(KINDS)) for _ in range(m)]
    criteria = [pb.Criterion(f"c{j}", area="A", kind=kinds[j]) for j in range(m)]
    scores = draw(st.lists(st.lists(st.integers(0, 10), min_size=m, max_size=m),
                           min_size=n, max_size=n))  # fmt: skip
    profiles = {}
    for j in range(m):
        limits = sorted(draw(st.lists(st.integers(0, 10), min_size=k - 1, max_size=k - 1)))
        # Nested in the criterion's direction: decreasing where lower is better.
        profiles[f"c{j}"] = [float(x) for x in (limits[::-1] if kinds[j] != "benefit" else limits)]
    # Whole-number weights and a threshold on a grid of 0.05: a coalition that falls
    # short of the threshold does so by at least 1/800, so a model with the margin the
    # learner asks for (1e-4) exists.
    points = draw(st.lists(st.integers(1, 10), min_size=m, max_size=m))
    threshold = draw(st.integers(10, 20)) / 20
    a = pb.Assessment([f"o{i}" for i in range(n)], criteria, scores)
    model = pb.screening.MRSort(list(NAMES[3 - k :]), profiles, threshold=threshold)
    weights = pb.Weights.from_mapping({f"c{j}": points[j] for j in range(m)})
    return Known(a, model, weights)


@settings(max_examples=60)
@given(known=known_models(), vetoes=st.booleans())
def test_recovers_a_known_model_from_its_own_assignments(known: Known, vetoes: bool) -> None:
    # Issue 21, "what it must show" 3: weights, profiles and lambda giving the same
    # assignments are recovered from a model's own assignments.
    a = known.assessment
    given_categories = dict(pb.screening.sort(a, known.model, weighting=known.weights).categories)
    assume(len(set(given_categories.values())) >= 2)
    learned = pb.screening.learn_mrsort(
        a, given_categories, categories=list(known.model.categories), vetoes=vetoes
    )
    assert learned.not_restored == ()
    assert learned.restored == a.option_names
    resorted = pb.screening.sort(a, learned.model, weighting=learned.weights)
    assert dict(resorted.categories) == given_categories
    assert 0.5 <= learned.model.threshold <= 1
    assert sum(learned.weights.values()) == pytest.approx(1)
    assert min(learned.weights.values()) >= 0


def _students(vetoes: bool) -> pb.screening.LearnedSorting:
    # Meyer and Olteanu's students a1-a7 (Computers & Operations Research 81, 2017,
    # 216-230) as the R package MCDA uses them in tests/MRSortInferenceExact.R
    # (paterijk/MCDA @ ff40fd04): three criteria, all to maximise; a1-a3 pass, a4-a7 fail.
    criteria = [pb.Criterion(f"g{j}", area="Study", kind="benefit") for j in (1, 2, 3)]
    scores = [[10, 10, 9], [10, 9, 10], [9, 10, 10], [9, 9, 10], [9, 10, 9], [10, 9, 9],
              [10, 10, 7]]  # fmt: skip
    a = pb.Assessment([f"a{i}" for i in range(1, 8)], criteria, scores)
    given_categories = {f"a{i}": "P" if i <= 3 else "F" for i in range(1, 8)}
    return pb.screening.learn_mrsort(a, given_categories, categories=["F", "P"], vetoes=vetoes)


def test_r_mcda_mrsort_inference_exact_students() -> None:
    learned = _students(vetoes=True)
    assert learned.not_restored == ()
    assert learned.summary() == "The model restores all 7 assignments."
    resorted = pb.screening.sort(learned.assessment, learned.model, weighting=learned.weights)
    assert dict(resorted.categories) == dict(learned.examples)
    # a7 (10, 10, 7) agrees with a1 (10, 10, 9) on g1 and g2: only a veto on g3 fails it.
    assert list(learned.model.vetoes) == ["g3"]
    assert "a7" in resorted.vetoed


def test_students_without_vetoes_restore_six_of_seven() -> None:
    # Without a veto no MR-Sort model separates a1 from a7 and a3 from a5 at once.
    learned = _students(vetoes=False)
    assert len(learned.not_restored) == 1
    assert learned.summary().startswith("The model restores 6 of 7 assignments; it cannot")


def _two_criteria(scores: list[list[float]]) -> pb.Assessment:
    criteria = [
        pb.Criterion("Trade gains", area="Economic", kind="benefit", scale=(0, 10)),
        pb.Criterion("Conflict risk", area="Security", kind="risk", scale=(0, 10)),
    ]
    return pb.Assessment([f"o{i}" for i in range(len(scores))], criteria, scores)


def test_inconsistent_examples_are_named_and_the_rest_restored() -> None:
    # o0 and o1 have the same scores but are given different categories: no model can
    # restore both; o2 shares them too and sides with o0, so o1 is the one to give up.
    a = _two_criteria([[6, 4], [6, 4], [6, 4], [9, 1], [2, 8], [1, 9]])
    given_categories = {
        "o0": "consider",
        "o1": "recommend",
        "o2": "consider",
        "o3": "recommend",
        "o4": "reject",
        "o5": "reject",
    }
    learned = pb.screening.learn_mrsort(a, given_categories, categories=list(NAMES))
    assert learned.not_restored == ("o1",)
    assert learned.restored == ("o0", "o2", "o3", "o4", "o5")
    assert learned.summary() == (
        "The model restores 5 of 6 assignments; it cannot restore o1 "
        "(given 'recommend', sorted 'consider')."
    )
    frame = learned.to_frame()
    assert list(frame.columns) == ["given", "sorted", "restored"]
    assert frame.loc["o1"].tolist() == ["recommend", "consider", False]
    resorted = pb.screening.sort(a, learned.model, weighting=learned.weights)
    assert {o: resorted.categories[o] for o in learned.restored} == {
        o: given_categories[o] for o in learned.restored
    }


def test_profiles_are_raw_scores_in_the_criterion_direction() -> None:
    # Low conflict risk is what makes the good options good: the profile of the upper
    # category sits below that of the middle one on the risk, above it on the gains.
    a = _two_criteria([[9, 1], [8, 2], [5, 5], [5, 6], [1, 9], [2, 8]])
    given = ["recommend", "recommend", "consider", "consider", "reject", "reject"]
    given_categories = dict(zip(a.option_names, given, strict=True))
    learned = pb.screening.learn_mrsort(a, given_categories, categories=list(NAMES))
    assert learned.not_restored == ()
    gains, risk = learned.model.profiles["Trade gains"], learned.model.profiles["Conflict risk"]
    assert gains[0] <= gains[1]
    assert risk[0] >= risk[1]
    # No example lies on a profile: each is half-way between two distinct scores or beyond.
    for criterion, limits in learned.model.profiles.items():
        column = a.to_frame()[criterion].to_numpy()
        assert all(not np.isclose(column, limit).any() for limit in limits)


def test_a_fixed_threshold_is_kept() -> None:
    a = _two_criteria([[9, 1], [8, 2], [2, 8], [1, 9]])
    given_categories = {"o0": "consider", "o1": "consider", "o2": "reject", "o3": "reject"}
    learned = pb.screening.learn_mrsort(
        a, given_categories, categories=["reject", "consider"], threshold=0.75
    )
    assert learned.model.threshold == 0.75
    assert learned.not_restored == ()


def test_margin_keeps_the_model_off_the_knife_edge() -> None:
    a = _two_criteria([[9, 1], [8, 2], [2, 8], [1, 9]])
    given_categories = {"o0": "consider", "o1": "consider", "o2": "reject", "o3": "reject"}
    learned = pb.screening.learn_mrsort(a, given_categories, categories=["reject", "consider"])
    # Both criteria separate the examples: the best model has every example's support
    # at 0 or 1 and the threshold half-way, a margin of half the weight.
    assert learned.margin == pytest.approx(0.5)


def test_renders_and_to_dict() -> None:
    learned = _students(vetoes=True)
    data = learned.to_dict()
    assert data["schema"] == pb.screening.LEARNED_SCHEMA == "powerbalance.screening.learned/1"
    assert data["categories"] == ["F", "P"]
    assert data["not_restored"] == []
    assert data["threshold"] == learned.model.threshold
    assert set(data["profiles"]) == {"g1", "g2", "g3"}
    assert json.loads(learned.to_json())["summary"] == learned.summary()
    text = learned.to_text()
    assert "restores all 7 assignments" in text
    assert "Veto of 'P'" in text
    assert learned.to_markdown().startswith("## ")
    assert learned.to_html().startswith('<div class="powerbalance">')
    model = learned.model_frame()
    assert list(model.columns) == ["weight", "P", "veto P"]
    assert model["weight"].sum() == pytest.approx(1)


# -- refusals -----------------------------------------------------------------------------


@pytest.fixture
def small() -> pb.Assessment:
    return _two_criteria([[9, 1], [8, 2], [2, 8], [1, 9]])


def test_unknown_option_is_refused_with_a_suggestion(small: pb.Assessment) -> None:
    with pytest.raises(UnknownNameError, match=r"'o9' is not one of them"):
        pb.screening.learn_mrsort(small, {"o9": "no", "o1": "yes"}, categories=["no", "yes"])
    with pytest.raises(UnknownNameError, match=r"Did you mean 'o1'\?"):
        pb.screening.learn_mrsort(small, {"O1": "no", "o2": "yes"}, categories=["no", "yes"])


def test_unknown_category_is_refused_with_a_suggestion(small: pb.Assessment) -> None:
    with pytest.raises(UnknownNameError, match=r"Did you mean 'yes'\?"):
        pb.screening.learn_mrsort(small, {"o0": "Yes", "o3": "no"}, categories=["no", "yes"])
    with pytest.raises(UnknownNameError, match="Add it to categories"):
        pb.screening.learn_mrsort(small, {"o0": "maybe", "o3": "no"}, categories=["no", "yes"])


def test_examples_of_one_category_only_are_refused(small: pb.Assessment) -> None:
    with pytest.raises(InvalidParameterError, match="examples in at least two categories"):
        pb.screening.learn_mrsort(small, {"o0": "yes", "o1": "yes"}, categories=["no", "yes"])
    with pytest.raises(InvalidParameterError, match="examples in at least two categories"):
        pb.screening.learn_mrsort(small, {}, categories=["no", "yes"])


@pytest.mark.parametrize("threshold", [0.4, 1.2, float("nan"), True, "0.6"])
def test_threshold_outside_half_to_one_is_refused(small: pb.Assessment, threshold: Any) -> None:
    with pytest.raises(InvalidParameterError, match=r"threshold must be a number from 0\.5 to 1"):
        pb.screening.learn_mrsort(
            small, {"o0": "yes", "o3": "no"}, categories=["no", "yes"], threshold=threshold
        )


def test_bad_categories_vetoes_and_assignments_are_refused(small: pb.Assessment) -> None:
    examples = {"o0": "yes", "o3": "no"}
    with pytest.raises(InvalidParameterError, match="categories must be"):
        pb.screening.learn_mrsort(small, examples, categories=["yes"])
    with pytest.raises(InvalidParameterError, match="categories must be"):
        pb.screening.learn_mrsort(small, examples, categories=["no", "yes", "no"])
    with pytest.raises(InvalidParameterError, match="vetoes must be True or False"):
        pb.screening.learn_mrsort(small, examples, categories=["no", "yes"], vetoes="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="assignments must be a mapping"):
        pb.screening.learn_mrsort(small, [("o0", "yes")], categories=["no", "yes"])  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="learn_mrsort"):
        pb.screening.learn_mrsort("a", examples, categories=["no", "yes"])  # type: ignore[arg-type]
