"""What is known of the scenarios' probabilities, and the draws that respect it."""

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, ScenarioError, UnknownNameError
from powerbalance.scenarios import (
    GivenProbabilities,
    IntervalProbabilities,
    OrdinalProbabilities,
    ProbabilityInformation,
    UniformProbabilities,
)


def futures(count: int = 4, probabilities: list[float] | None = None) -> pb.Assessment:
    return pb.Assessment(
        ["A", "B"],
        [pb.Criterion("Gain", area="P", kind="benefit", scale=(0, 10))],
        [[5], [4]],
        scenarios=[
            pb.Scenario(
                f"F{k}",
                probability=None if probabilities is None else probabilities[k],
                changes={"A": {"Gain": k}},
            )
            for k in range(count)
        ],
    )


def test_every_draw_is_a_probability_vector_in_scenario_order():
    for information in (
        UniformProbabilities(),
        OrdinalProbabilities(["F2", ["F0", "F3"], "F1"]),
        IntervalProbabilities({"F1": (0.1, 0.3)}),
    ):
        assert isinstance(information, ProbabilityInformation)
        draws = information.sample(futures(), samples=3_000, seed=1)
        assert list(draws.columns) == ["F0", "F1", "F2", "F3"]
        assert draws.columns.name == "scenario"
        assert (draws.to_numpy() >= 0).all()
        assert np.allclose(draws.sum(axis=1), 1.0)


def test_uniform_probabilities_are_uniform_on_the_simplex():
    draws = UniformProbabilities().sample(futures(3), samples=60_000, seed=2).to_numpy()
    # Dirichlet(1, 1, 1): each share has mean 1/3 and P(p_k > 1/2) = 1/4.
    assert np.allclose(draws.mean(axis=0), 1 / 3, atol=0.01)
    assert np.allclose((draws > 0.5).mean(axis=0), 0.25, atol=0.01)


def test_ordinal_probabilities_respect_the_order_and_the_ties():
    draws = OrdinalProbabilities(["F2", ["F0", "F3"], "F1"]).sample(
        futures(), samples=20_000, seed=3
    )
    assert (draws["F2"] >= draws["F0"]).all()
    assert (draws["F0"] == draws["F3"]).all()
    assert (draws["F3"] >= draws["F1"]).all()
    # The mean is the rank-order centroid of the groups' corners.
    corners = np.array([[0, 0, 1, 0], [1 / 3, 0, 1 / 3, 1 / 3], [1 / 4, 1 / 4, 1 / 4, 1 / 4]])
    assert np.allclose(draws.mean().to_numpy(), corners.mean(axis=0), atol=0.01)


def test_interval_probabilities_respect_the_bounds():
    bounds = {"F0": (0.2, 0.5), "F1": (0.0, 0.1)}
    draws = IntervalProbabilities(bounds).sample(futures(), samples=20_000, seed=4)
    assert draws["F0"].between(0.2, 0.5).all()
    assert draws["F1"].between(0.0, 0.1).all()


def test_narrow_interval_probabilities_are_walked_within_the_bounds():
    # Keeps far less than 0.1% of uniform draws: drawn by hit-and-run.
    bounds = {f"F{k}": (0.0, 0.26) for k in range(4)}
    draws = IntervalProbabilities(bounds).sample(futures(), samples=2_000, seed=5)
    assert (draws.to_numpy() <= 0.26 + 1e-9).all()
    assert np.allclose(draws.sum(axis=1), 1.0)
    assert draws.to_numpy().std() > 0.001


def test_bounds_that_allow_one_vector_give_it():
    bounds = {"F0": (0.4, 0.4), "F1": (0.3, 0.3), "F2": (0.2, 0.2), "F3": (0.1, 0.1)}
    draws = IntervalProbabilities(bounds).sample(futures(), samples=5, seed=0)
    assert np.allclose(draws.to_numpy(), [[0.4, 0.3, 0.2, 0.1]] * 5)


def test_given_probabilities_are_the_assessments_own():
    draws = GivenProbabilities().sample(futures(2, [0.25, 0.75]), samples=3, seed=0)
    assert draws.to_numpy().tolist() == [[0.25, 0.75]] * 3


def test_the_same_seed_draws_the_same_probabilities():
    a = futures()
    first = UniformProbabilities().sample(a, samples=2_500, seed=8)
    again = UniformProbabilities().sample(a, samples=2_500, seed=8)
    other = UniformProbabilities().sample(a, samples=2_500, seed=9)
    assert first.equals(again)
    assert not first.equals(other)


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda: OrdinalProbabilities("F0"), "OrdinalProbabilities: ranking must be a list"),
        (lambda: OrdinalProbabilities([]), "OrdinalProbabilities: ranking must be a list"),
        (lambda: OrdinalProbabilities(["F0", 3]), "ranking[1] must be a scenario name"),
        (lambda: OrdinalProbabilities(["F0", ["F1", "F0"]]), "'F0' appears twice"),
        (lambda: IntervalProbabilities([0.1, 0.2]), "bounds must be a mapping"),
        (lambda: IntervalProbabilities({"F0": (0.1, 1.2)}), "probabilities from 0 to 1"),
        (lambda: IntervalProbabilities({"F0": (0.5, 0.2)}), "Give them as (0.2, 0.5)."),
    ],
)
def test_malformed_information_is_refused_at_construction(make, fragment):
    with pytest.raises(InvalidParameterError) as caught:
        make()
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("information", "error", "fragment"),
    [
        (OrdinalProbabilities(["F0", "F1", "F2", "F9"]), UnknownNameError, "got 'F9'"),
        (OrdinalProbabilities(["F0", "F1"]), ScenarioError, "got none for 'F2', 'F3'. Place it"),
        (IntervalProbabilities({"F7": (0.1, 0.2)}), UnknownNameError, "got 'F7'"),
        (
            IntervalProbabilities({"F0": (0.5, 1.0), "F1": (0.6, 1.0)}),
            ScenarioError,
            "IntervalProbabilities: the lower bounds sum to 1.1, more than 1, so no "
            "probabilities meet them (F0 0.5-1, F1 0.6-1). Lower some of them.",
        ),
        (GivenProbabilities(), ScenarioError, "gives its scenarios no probabilities"),
    ],
)
def test_information_not_matching_the_assessment_is_refused(information, error, fragment):
    with pytest.raises(error) as caught:
        information.sample(futures(), samples=10, seed=0)
    assert fragment in str(caught.value)


def test_an_assessment_without_scenarios_is_refused():
    plain = pb.Assessment(["A", "B"], [pb.Criterion("Gain", area="P", kind="benefit")], [[1], [2]])
    with pytest.raises(ScenarioError, match="the assessment has no scenarios"):
        OrdinalProbabilities(["F0"]).sample(plain, samples=10, seed=0)
