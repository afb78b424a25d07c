"""Scenarios: futures stated as changes from the central scores, checked with the assessment."""

import pickle

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import (
    DuplicateNameError,
    InvalidNameError,
    InvalidParameterError,
    InvalidScoreError,
    ScenarioError,
    ShapeError,
    UnknownNameError,
)
from powerbalance.model.uncertainty import Normal, Triangular, Uniform
from powerbalance.testing.strategies import assessments

GAIN = pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10))
HARM = pb.Criterion("Harm", area="Security", kind="risk")


def base(**kwargs):
    return pb.Assessment(
        ["Engage", "Contain", "Wait"],
        [GAIN, HARM],
        [[7, 4], [3, 6], [5, 5]],
        uncertainty={("Engage", "Gain"): Uniform(6, 8), ("Contain", "Harm"): Uniform(5, 7)},
        notes={("Engage", "Gain"): "Opens markets."},
        baseline="Wait",
        **kwargs,
    )


EXPLOIT = pb.Scenario(
    "Rivals exploit",
    description="Illustrative.",
    changes={"Engage": {"Gain": 2, "Harm": Triangular(6, 8, 9)}},
)
CALM = pb.Scenario("Calm", changes={("Contain", "Harm"): 3})


# -- construction ----------------------------------------------------------------------------


def test_changes_are_keyed_by_cell_whatever_their_shape():
    nested = pb.Scenario("A", changes={"Engage": {"Gain": 2}})
    flat = pb.Scenario("A", changes={("Engage", "Gain"): 2.0})
    assert nested == flat
    assert dict(nested.changes) == {("Engage", "Gain"): 2.0}
    assert attrs.evolve(nested, changes=nested.changes) == nested
    assert pb.Scenario("A") == pb.Scenario("A", changes={})
    assert pb.Scenario("A").scores is None


def test_a_scenario_pickles_and_reprs():
    assert pickle.loads(pickle.dumps(EXPLOIT)) == EXPLOIT
    assert repr(EXPLOIT) == "Scenario('Rivals exploit', 2 changed cells)"
    assert "probability 0.25" in repr(pb.Scenario("B", probability=0.25))


def test_a_full_table_from_a_frame_array_or_mapping():
    frame = pd.DataFrame(
        {"Gain": [1, 2, 3], "Harm": [4, 5, 6]}, index=["Engage", "Contain", "Wait"]
    )
    from_frame = base(scenarios=[pb.Scenario("F", scores=frame)])
    from_array = base(scenarios=[pb.Scenario("F", scores=frame.to_numpy())])
    from_mapping = base(scenarios=[pb.Scenario("F", scores=frame.T.to_dict())])
    assert from_frame.scenarios == from_array.scenarios == from_mapping.scenarios
    future = from_array.in_scenario("F")
    np.testing.assert_array_equal(future.scores, frame.to_numpy())
    # A full table states every cell: the central uncertainty goes.
    assert future.uncertainty == {}


# -- refusals, each naming the scenario and the cell -------------------------------------------


@pytest.mark.parametrize(
    ("scenario", "error", "words"),
    [
        (
            pb.Scenario("Bad", changes={"Engag": {"Gain": 2}}),
            UnknownNameError,
            ["'Bad'", "('Engag', 'Gain')", "Did you mean 'Engage'?"],
        ),
        (
            pb.Scenario("Bad", changes={"Engage": {"Gian": 2}}),
            UnknownNameError,
            ["'Bad'", "('Engage', 'Gian')", "Did you mean 'Gain'?"],
        ),
        (
            pb.Scenario("Bad", changes={"Engage": {"Gain": 12}}),
            InvalidScoreError,
            ["'Bad'", "'Engage'", "'Gain'", "12", "0 to 10"],
        ),
        (
            pb.Scenario("Bad", changes={"Engage": {"Gain": Uniform(8, 12)}}),
            InvalidScoreError,
            ["'Bad'", "'Engage'", "'Gain'", "uniform 8 to 12", "0 to 10"],
        ),
        (
            pb.Scenario("Bad", scores={"Engage": {"Gain": 1, "Harm": 2}}),
            ScenarioError,
            ["'Bad'", "full table", "'Contain' on criterion 'Gain'", "3 more cells"],
        ),
        (pb.Scenario("Bad", scores=np.ones((2, 2))), ShapeError, ["'Bad'", "(3, 2)", "(2, 2)"]),
    ],
)
def test_a_scenario_that_does_not_fit_is_refused_by_name(scenario, error, words):
    with pytest.raises(error) as caught:
        base(scenarios=[scenario])
    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"changes": {"Engage": {"Gain": float("nan")}}}, InvalidScoreError, ["'Engage'", "NaN"]),
        ({"changes": {"Engage": {"Gain": float("inf")}}}, InvalidScoreError, ["infinite"]),
        ({"changes": {"Engage": {"Gain": "high"}}}, InvalidParameterError, ["'Engage', 'Gain'"]),
        ({"changes": {"Engage": {"Gain": True}}}, InvalidParameterError, ["True"]),
        ({"changes": {3: 2}}, InvalidParameterError, ["each key of changes"]),
        ({"changes": [1, 2]}, InvalidParameterError, ["changes"]),
        ({"probability": -0.1}, InvalidParameterError, ["probability", "from 0 to 1", "-0.1"]),
        ({"probability": 1.5}, InvalidParameterError, ["probability"]),
        (
            {"changes": {"Engage": {"Gain": 1}}, "scores": np.ones((3, 2))},
            InvalidParameterError,
            ["not both"],
        ),
        ({"scores": np.ones(3)}, ShapeError, ["shape (3,)"]),
        ({"scores": [[1.0, np.nan]]}, InvalidScoreError, ["row 0, column 1"]),
    ],
)
def test_a_scenario_refuses_what_is_not_a_score(kwargs, error, words):
    with pytest.raises(error) as caught:
        pb.Scenario("Odd", **kwargs)
    assert "'Odd'" in str(caught.value) or "each key" in str(caught.value)
    for word in words:
        assert word in str(caught.value)


def test_a_scenario_needs_a_name():
    with pytest.raises(InvalidNameError):
        pb.Scenario("  ")
    with pytest.raises(InvalidNameError):
        pb.Scenario(3)


def test_scenario_names_are_unique():
    with pytest.raises(DuplicateNameError, match="Two scenarios are named 'Calm'"):
        base(scenarios=[CALM, CALM])


def test_scenarios_must_be_scenarios():
    with pytest.raises(InvalidParameterError, match=r"scenarios\[1\] must be a Scenario"):
        base(scenarios=[CALM, "Calm"])
    with pytest.raises(InvalidParameterError, match="scenarios must be a sequence"):
        base(scenarios="Calm")


def test_probabilities_all_or_none_summing_to_one():
    a = pb.Scenario("A", probability=0.3)
    b = pb.Scenario("B", probability=0.7)
    assert base(scenarios=[a, b]).probabilities.tolist() == [0.3, 0.7]
    assert base(scenarios=[CALM]).probabilities is None
    assert base().probabilities is None
    with pytest.raises(ScenarioError, match=r"Scenario 'Calm' has no probability.*'A'"):
        base(scenarios=[a, CALM])
    with pytest.raises(ScenarioError, match=r"sum to 0.9, not 1.*'A' 0.3"):
        base(scenarios=[a, pb.Scenario("B", probability=0.6)])
    # Within 1e-9 of 1 is 1.
    thirds = [pb.Scenario(name, probability=1 / 3) for name in "XYZ"]
    assert base(scenarios=thirds).probabilities.sum() == pytest.approx(1)
    with pytest.raises(ScenarioError):
        base(
            scenarios=[pb.Scenario("X", probability=0.5), pb.Scenario("Y", probability=0.5 - 2e-9)]
        )


def test_probabilities_are_a_copy():
    a = base(scenarios=[pb.Scenario("A", probability=0.4), pb.Scenario("B", probability=0.6)])
    a.probabilities[0] = 9
    assert a.probabilities[0] == 0.4


# -- reading one future ----------------------------------------------------------------------


def test_in_scenario_changes_cells_and_keeps_the_rest():
    a = base(scenarios=[EXPLOIT, CALM])
    assert a.scenario_names == ("Rivals exploit", "Calm")
    assert a.scenario("Calm") is a.scenarios[1]
    future = a.in_scenario("Rivals exploit")
    # A number replaces the score and drops the cell's central uncertainty.
    assert future.scores[0, 0] == 2
    assert ("Engage", "Gain") not in future.uncertainty
    # A distribution gives its most plausible value and becomes the cell's uncertainty.
    assert future.scores[0, 1] == 8
    assert future.uncertainty[("Engage", "Harm")] == Triangular(6, 8, 9)
    # Everything else is the central assessment's.
    np.testing.assert_array_equal(future.scores[1:], a.scores[1:])
    assert future.uncertainty[("Contain", "Harm")] == Uniform(5, 7)
    assert future.notes == a.notes
    assert (future.name, future.baseline, future.criteria) == (a.name, a.baseline, a.criteria)
    assert future.scenarios == ()


def test_the_point_score_of_a_distribution():
    a = base(
        scenarios=[
            pb.Scenario("D", changes={"Engage": {"Gain": Uniform(2, 4), "Harm": Normal(3, 1)}})
        ]
    )
    assert a.in_scenario("D").scores[0].tolist() == [3.0, 3.0]


def test_an_unknown_scenario_lists_them():
    a = base(scenarios=[EXPLOIT, CALM])
    with pytest.raises(UnknownNameError, match="the scenarios are 'Rivals exploit', 'Calm'"):
        a.in_scenario("Clam")
    with pytest.raises(UnknownNameError, match="Did you mean 'Calm'"):
        a.scenario("Clam")
    with pytest.raises(UnknownNameError, match="has no scenarios"):
        base().in_scenario("Calm")


# -- copies keep their scenarios ----------------------------------------------------------------


def test_a_subset_keeps_the_cells_of_what_it_keeps():
    full = pb.Scenario("Full", scores=np.arange(6.0).reshape(3, 2))
    a = base(scenarios=[EXPLOIT, CALM, full])
    kept = a.subset(options=["Contain", "Wait"])
    assert kept.scenario_names == a.scenario_names
    assert dict(kept.scenario("Rivals exploit").changes) == {}
    assert kept.scenario("Calm") == CALM
    assert dict(kept.scenario("Full").scores) == {
        ("Contain", "Gain"): 2.0,
        ("Contain", "Harm"): 3.0,
        ("Wait", "Gain"): 4.0,
        ("Wait", "Harm"): 5.0,
    }
    np.testing.assert_array_equal(kept.in_scenario("Full").scores, [[2, 3], [4, 5]])
    only_harm = a.subset(criteria=["Harm"])
    assert dict(only_harm.scenario("Rivals exploit").changes) == {
        ("Engage", "Harm"): Triangular(6, 8, 9)
    }
    assert a.subset() == a


def test_other_copies_keep_the_scenarios():
    from powerbalance.model._rescored import as_benefits, rescored

    a = base(scenarios=[EXPLOIT, CALM])
    assert a.with_score("Wait", "Gain", 9).scenarios == a.scenarios
    assert rescored(a, a.scores.copy()).scenarios == a.scenarios
    assert as_benefits(a).scenarios == a.scenarios
    assert attrs.evolve(a, name="other").scenarios == a.scenarios
    assert pickle.loads(pickle.dumps(a)) == a
    # Scenarios are part of what makes two assessments equal.
    assert a != base(scenarios=[CALM])


def test_the_example_carries_four_illustrative_futures():
    a = pb.examples.load("great-power-cooperation").assessment
    assert len(a.scenarios) == 4
    assert a.probabilities is None
    assert all("llustrative" in s.description for s in a.scenarios)
    for name in a.scenario_names:
        assert a.in_scenario(name).n_options == a.n_options


# -- properties ---------------------------------------------------------------------------------


@settings(max_examples=40)
@given(a=assessments(), data=st.data())
def test_a_scenario_without_changes_is_the_central_assessment(a, data):
    name = data.draw(st.text(min_size=1).filter(str.strip))
    with_one = attrs.evolve(a, scenarios=[pb.Scenario(name)])
    future = with_one.in_scenario(name)
    np.testing.assert_array_equal(future.scores, a.scores)
    assert future == attrs.evolve(a, scenarios=())


@settings(max_examples=40)
@given(a=assessments(), data=st.data())
def test_in_scenario_never_modifies_the_assessment(a, data):
    row = data.draw(st.integers(0, a.n_options - 1))
    column = data.draw(st.integers(0, a.n_criteria - 1))
    criterion = a.criteria[column]
    low, high = criterion.scale or (-1e6, 1e6)
    value = data.draw(st.floats(low, high, allow_nan=False))
    scenario = pb.Scenario("S", changes={(a.option_names[row], criterion.name): value})
    given_scores = a.scores.copy()
    with_one = attrs.evolve(a, scenarios=[scenario])
    before = with_one.scores.copy()
    future = with_one.in_scenario("S")
    assert future.scores[row, column] == value
    np.testing.assert_array_equal(with_one.scores, before)
    np.testing.assert_array_equal(a.scores, given_scores)
    # Nothing is shared writable: neither assessment's scores can be changed in place.
    assert not future.scores.flags.writeable
    assert not with_one.scores.flags.writeable
    assert not np.shares_memory(future.scores, with_one.scores)
    assert with_one.scenarios == (scenario,)
