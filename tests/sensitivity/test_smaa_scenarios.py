"""SMAA across scenarios: weights and probabilities drawn together, the robust choice counted."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, ScenarioError, UnknownNameError
from powerbalance.scenarios import (
    GivenProbabilities,
    IntervalProbabilities,
    OrdinalProbabilities,
    UniformProbabilities,
)
from powerbalance.sensitivity import smaa

ARRAYS = ("rank_counts", "win_counts", "first_weight_sums", "central_confidence")


def gain() -> list[pb.Criterion]:
    return [pb.Criterion("Gain", area="P", kind="benefit", scale=(0, 10))]


def two_by_two(probabilities: tuple[float, float] | None = None) -> pb.Assessment:
    """A and B in two futures, one criterion: weighted-sum scores 0.8/0.2 and 0.1/0.6."""
    first, second = probabilities or (None, None)
    return pb.Assessment(
        ["A", "B"],
        gain(),
        [[5], [5]],
        scenarios=[
            pb.Scenario("S1", probability=first, scores={"A": {"Gain": 8}, "B": {"Gain": 2}}),
            pb.Scenario("S2", probability=second, scores={"A": {"Gain": 1}, "B": {"Gain": 6}}),
        ],
    )


def study() -> pb.Assessment:
    return pb.examples.load("great-power-cooperation").assessment


def same_arrays(left: pb.sensitivity.SMAAResult, right: pb.sensitivity.SMAAResult) -> None:
    for name in ARRAYS:
        assert np.array_equal(getattr(left, name), getattr(right, name)), name


# -- equal to plain SMAA with one scenario -------------------------------------------------


@pytest.mark.parametrize("uncertain", [False, True], ids=["fixed", "uncertain-cell"])
@pytest.mark.parametrize("method", ["weighted-sum", "topsis"])
def test_one_scenario_equals_plain_smaa_on_that_future_bit_for_bit(uncertain, method):
    central = study()
    option, criterion = central.option_names[1], central.criterion_names[2]
    change: float | pb.uncertainty.Distribution = 9.0
    if uncertain:
        change = pb.uncertainty.Triangular(6.0, 8.0, 9.5)
    a = pb.Assessment(
        central.options,
        central.criteria,
        central.scores,
        scenarios=[pb.Scenario("Only", changes={option: {criterion: change}})],
    )
    samples = 1_500 if uncertain else 5_000
    plain = smaa(a.in_scenario("Only"), method=method, samples=samples, seed=11, chunk_size=2_048)
    across = smaa(a, method=method, samples=samples, seed=11, chunk_size=1_024, scenarios=True)
    same_arrays(plain, across)
    assert across.scenarios == ("Only",)
    assert plain.scenarios == ()
    assert np.array_equal(
        across.central_probabilities.to_numpy(), np.ones((len(plain.confidence), 1))
    )


# -- analytic cases ---------------------------------------------------------------------------


def test_two_options_two_futures_uniform_probabilities_exact_share():
    # Expected scores 0.8p + 0.1(1 - p) for A and 0.2p + 0.6(1 - p) for B, p the
    # probability of S1, uniform on [0, 1]: A is the robust choice when 1.1p > 0.5,
    # p > 5/11, a share of 6/11.
    result = smaa(two_by_two(), samples=200_000, seed=3, scenarios=True)
    share = float(result.acceptability.loc["A", 1])
    assert abs(share - 6 / 11) < 4 * np.sqrt(6 / 11 * 5 / 11 / 200_000)
    assert result.rule == "expected"
    assert isinstance(result.probability_information, UniformProbabilities)
    # Central probabilities: the mean of p above 5/11 for A, below it for B.
    central = result.central_probabilities
    assert central.loc["A", "S1"] == pytest.approx((1 + 5 / 11) / 2, abs=2e-3)
    assert central.loc["B", "S1"] == pytest.approx(5 / 22, abs=2e-3)


def test_the_counts_are_those_of_the_probabilities_sample_draws():
    # The same seed draws the same probabilities in sample() as in smaa(): A is the
    # robust choice exactly in the rows where p(S1) > 5/11.
    a = two_by_two()
    result = smaa(a, samples=9_000, seed=21, scenarios=UniformProbabilities())
    drawn = UniformProbabilities().sample(a, samples=9_000, seed=21)
    assert int(result.hits.loc["A", 1]) == int((1.1 * drawn["S1"] - 0.5 > 0).sum())


@pytest.mark.parametrize(
    ("rule", "alpha", "winner"),
    [
        ("maximin", 0.5, "B"),  # worst scores 0.1 and 0.2
        ("minimax_regret", 0.5, "A"),  # largest regrets 0.5 and 0.6
        ("hurwicz", 0.5, "A"),  # 0.45 against 0.4
        ("hurwicz", 0.2, "B"),  # 0.24 against 0.28
    ],
)
def test_rules_without_probabilities_choose_as_by_hand(rule, alpha, winner):
    result = smaa(two_by_two(), samples=2_000, seed=0, scenarios=True, rule=rule, alpha=alpha)
    assert float(result.acceptability.loc[winner, 1]) == 1.0
    assert result.probability_information is None
    assert result.central_probabilities is None
    assert (result.rule, result.alpha) == (rule, alpha)


def test_given_probabilities_are_used_when_the_assessment_has_them():
    # p(S1) = 0.3: A expects 0.31, B 0.48.
    result = smaa(two_by_two((0.3, 0.7)), samples=2_000, seed=0, scenarios=True)
    assert isinstance(result.probability_information, GivenProbabilities)
    assert float(result.acceptability.loc["B", 1]) == 1.0
    assert result.central_probabilities.loc["B"].tolist() == pytest.approx([0.3, 0.7])


def test_ordinal_and_interval_probabilities_steer_the_share():
    a = two_by_two()
    likelier_first = smaa(a, samples=4_000, seed=2, scenarios=OrdinalProbabilities(["S1", "S2"]))
    # p(S1) >= 1/2 > 5/11 always: A always.
    assert float(likelier_first.acceptability.loc["A", 1]) == 1.0
    bounded = smaa(a, samples=4_000, seed=2, scenarios=IntervalProbabilities({"S1": (0.0, 0.4)}))
    assert float(bounded.acceptability.loc["B", 1]) == 1.0


# -- properties -------------------------------------------------------------------------------


@st.composite
def futures_with_a_dominated_option(draw):
    n = draw(st.integers(2, 4))
    m = draw(st.integers(1, 3))
    k = draw(st.integers(1, 3))
    criteria = [
        pb.Criterion(
            f"C{j}", area="P", kind=draw(st.sampled_from(["benefit", "risk"])), scale=(0, 10)
        )
        for j in range(m)
    ]
    tables = draw(
        st.lists(
            st.lists(st.lists(st.integers(1, 9), min_size=m, max_size=m), min_size=n, max_size=n),
            min_size=k + 1,
            max_size=k + 1,
        )
    )

    def with_dominated(table):
        # Worse than option 0 on every criterion, in this future.
        worse = [
            score + 1 if criterion.kind == "risk" else score - 1
            for score, criterion in zip(table[0], criteria, strict=True)
        ]
        rows = [*table, worse]
        return {
            f"O{i}" if i < n else "Dominated": dict(
                zip([c.name for c in criteria], row, strict=True)
            )
            for i, row in enumerate(rows)
        }

    central, *others = (with_dominated(t) for t in tables)
    options = list(central)
    scores = [[central[o][c.name] for c in criteria] for o in options]
    scenarios = [pb.Scenario(f"F{s}", scores=table) for s, table in enumerate(others)]
    rule = draw(st.sampled_from(["expected", "maximin", "minimax_regret", "hurwicz"]))
    alpha = draw(st.sampled_from([0.0, 0.3, 1.0]))
    return pb.Assessment(options, criteria, scores, scenarios=scenarios), rule, alpha


@settings(max_examples=40, deadline=None)
@given(futures_with_a_dominated_option())
def test_an_option_dominated_in_every_future_is_never_the_robust_choice(case):
    a, rule, alpha = case
    result = smaa(a, samples=300, seed=0, scenarios=True, rule=rule, alpha=alpha)
    assert int(result.hits.loc["Dominated", 1]) == 0
    assert "Dominated" in result.never_first


def nested(cells) -> dict[str, dict[str, object]]:
    changes: dict[str, dict[str, object]] = {}
    for (option, criterion), value in cells.items():
        changes.setdefault(option, {})[criterion] = value
    return changes


def permuted(a: pb.Assessment, order: list[int]) -> pb.Assessment:
    return pb.Assessment(a.options, a.criteria, a.scores, scenarios=[a.scenarios[i] for i in order])


def without_uncertainty(a: pb.Assessment) -> pb.Assessment:
    """The study's futures with every changed cell at a number (streams follow positions)."""
    scenarios = []
    for s in a.scenarios:
        future = a.in_scenario(s.name)
        changes: dict[str, dict[str, float]] = {}
        for option, criterion in s.cells:
            row, column = a.option_index(option), a.criterion_names.index(criterion)
            changes.setdefault(option, {})[criterion] = float(future.scores[row, column])
        scenarios.append(pb.Scenario(s.name, changes=changes))
    return pb.Assessment(a.options, a.criteria, a.scores, scenarios=scenarios)


@pytest.mark.parametrize("rule", ["maximin", "minimax_regret", "hurwicz"])
def test_permuting_scenarios_leaves_rules_without_probabilities_unchanged(rule):
    a = without_uncertainty(study())
    here = smaa(a, samples=3_000, seed=4, scenarios=True, rule=rule)
    there = smaa(permuted(a, [2, 0, 3, 1]), samples=3_000, seed=4, scenarios=True, rule=rule)
    same_arrays(here, there)


def test_permuting_scenarios_leaves_expected_acceptabilities_unchanged():
    a = without_uncertainty(study())
    order = [3, 1, 0, 2]
    probabilities = [0.1, 0.2, 0.3, 0.4]
    given_here = pb.Assessment(
        a.options,
        a.criteria,
        a.scores,
        scenarios=[
            pb.Scenario(s.name, changes=nested(s.cells), probability=p)
            for s, p in zip(a.scenarios, probabilities, strict=True)
        ],
    )
    here = smaa(given_here, samples=3_000, seed=4, scenarios=True)
    there = smaa(permuted(given_here, order), samples=3_000, seed=4, scenarios=True)
    # The same weights and probabilities, summed in another order.
    assert np.abs(here.acceptability - there.acceptability).to_numpy().max() <= 2 / 3_000
    # Uniform probabilities: the same distribution, other draws.
    here = smaa(a, samples=20_000, seed=4, scenarios=True).acceptability
    there = smaa(permuted(a, order), samples=20_000, seed=9, scenarios=True).acceptability
    assert np.abs(here - there).to_numpy().max() < 0.025


# -- reproducibility ---------------------------------------------------------------------------


def test_bit_identical_whatever_the_chunk_size_and_threads():
    a = study()  # one future changes a cell to a distribution
    runs = [
        smaa(a, samples=4_000, seed=6, scenarios=True, chunk_size=size, threads=threads)
        for size, threads in [(100_000, 1), (1_024, 1), (3_000, 3), (1_024, 4)]
    ]
    for other in runs[1:]:
        same_arrays(runs[0], other)
        assert np.array_equal(runs[0].first_probability_sums, other.first_probability_sums)
        assert runs[0].to_dict() == other.to_dict()


def test_scenario_draws_do_not_change_the_weights():
    a = study()
    plain = smaa(a, samples=2_000, seed=6)
    across = smaa(a, samples=2_000, seed=6, scenarios=True, rule="maximin")
    assert across.samples == plain.samples
    drawn = pb.sensitivity.UniformWeights().sample(a, samples=2_000, seed=6).to_numpy()
    firsts = across.rank_counts[:, 0]
    assert np.allclose(across.first_weight_sums.sum(axis=0), drawn.sum(axis=0))
    assert firsts.sum() == 2_000


# -- rendering ---------------------------------------------------------------------------------


def test_renderings_speak_of_the_robust_choice_across_futures():
    result = smaa(two_by_two(), samples=1_000, seed=1, scenarios=True)
    summary = result.summary()
    assert "is the robust choice in" in summary
    assert "across 2 futures (expected score, probabilities drawn uniformly)" in summary
    assert "Robust choice (%)" in result.to_text()
    assert "Central probabilities" in result.to_markdown()
    assert "across 2 futures" in result.robustness_sentence()
    data = result.to_dict()
    assert (data["scenarios"], data["rule"]) == (["S1", "S2"], "expected")
    assert data["probability_information"]["words"] == "drawn uniformly"
    assert set(data["central_probabilities"]) == {"A", "B"}
    hurwicz = smaa(two_by_two(), samples=100, seed=1, scenarios=True, rule="hurwicz", alpha=0.2)
    assert "(Hurwicz, alpha 0.2)" in hurwicz.summary()
    assert "B is the robust choice in 100.0%" in hurwicz.summary()
    assert "A is never the robust choice" in hurwicz.summary()


def test_a_run_without_scenarios_says_nothing_of_them():
    result = smaa(two_by_two(), samples=100, seed=1)
    assert (result.scenarios, result.rule, result.alpha) == ((), None, None)
    assert result.central_probabilities is None
    data = result.to_dict()
    assert (data["scenarios"], data["central_probabilities"]) == ([], None)
    assert "robust choice" not in result.to_text()


# -- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "error", "fragment"),
    [
        (
            {"scenarios": True, "rule": "satisficing"},
            InvalidParameterError,
            "smaa: rule must be 'expected' or 'maximin' or 'minimax_regret' or 'hurwicz'; "
            "got 'satisficing'. A satisficing share",
        ),
        ({"scenarios": True, "rule": "maxmin"}, InvalidParameterError, "Did you mean 'maximin'?"),
        (
            {"scenarios": True, "alpha": 1.5},
            InvalidParameterError,
            "smaa: alpha must be a number from 0 to 1; got 1.5.",
        ),
        ({"scenarios": True, "alpha": -0.1}, InvalidParameterError, "alpha must be"),
        ({"rule": "maximin"}, InvalidParameterError, "pass scenarios=True as well"),
        ({"scenarios": "yes"}, InvalidParameterError, "smaa: scenarios must be"),
        (
            {"scenarios": UniformProbabilities(), "rule": "maximin"},
            InvalidParameterError,
            "takes no probabilities",
        ),
        (
            {"scenarios": OrdinalProbabilities(["S1", "S3"])},
            UnknownNameError,
            "OrdinalProbabilities: a scenario named in the ranking must be a scenario of "
            "the assessment; got 'S3'.",
        ),
        (
            {"scenarios": OrdinalProbabilities(["S1"])},
            ScenarioError,
            "got none for 'S2'",
        ),
        (
            {"scenarios": IntervalProbabilities({"S11": (0.1, 0.2)})},
            UnknownNameError,
            "Did you mean 'S1'?",
        ),
        (
            {"scenarios": IntervalProbabilities({"S1": (0.6, 0.9), "S2": (0.5, 0.9)})},
            ScenarioError,
            "the lower bounds sum to 1.1, more than 1",
        ),
        (
            {"scenarios": IntervalProbabilities({"S1": (0.1, 0.3), "S2": (0.2, 0.5)})},
            ScenarioError,
            "the upper bounds sum to 0.8, less than 1",
        ),
        (
            {"scenarios": GivenProbabilities()},
            ScenarioError,
            "gives its scenarios no probabilities",
        ),
    ],
)
def test_refusals_name_what_is_wrong(arguments, error, fragment):
    with pytest.raises(error) as caught:
        smaa(two_by_two(), samples=10, seed=0, **arguments)
    assert fragment in str(caught.value)


def test_scenarios_on_an_assessment_without_them_are_refused():
    plain = pb.Assessment(["A", "B"], gain(), [[1], [2]])
    with pytest.raises(ScenarioError, match="the assessment has none"):
        smaa(plain, samples=10, scenarios=True)
    with pytest.raises(
        ScenarioError, match=r"UniformProbabilities\.sample: the assessment has no scenarios"
    ):
        UniformProbabilities().sample(plain, samples=10, seed=0)
