"""The decision rules on a score matrix, against published worked examples and properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from powerbalance.methods.ranking import rank_scores
from powerbalance.scenarios import (
    choices,
    expected,
    hurwicz,
    maximin,
    minimax_regret,
    regret,
    relative_regret,
    rule_values,
    satisficing,
)

# -- Anderson, Sweeney & Williams, "An Introduction to Management Science", chapter
# "Decision Analysis": the Pittsburgh Development Corporation (PDC) condominium
# problem, payoff table in $ millions (Table 4.1 of that chapter): decisions
# small (d1), medium (d2), large (d3) complex; states strong (s1) and weak (s2)
# demand. The text's results: conservative (maximin) d1 with 7; minimax regret d2
# with maximum regret 6 (regret table 12/0, 6/2, 0/16); expected value with
# P(s1) = 0.8, P(s2) = 0.2: EV(d1) = 7.8, EV(d2) = 12.2, EV(d3) = 14.2, choice d3.
PDC = np.array([[8.0, 7.0], [14.0, 5.0], [20.0, -9.0]])


def test_pdc_regret_table():
    assert regret(PDC).tolist() == [[12.0, 0.0], [6.0, 2.0], [0.0, 16.0]]


def test_pdc_maximin_chooses_the_small_complex():
    assert maximin(PDC).tolist() == [7.0, 5.0, -9.0]
    assert choices(maximin(PDC)).tolist() == [0]


def test_pdc_minimax_regret_chooses_the_medium_complex():
    assert minimax_regret(PDC).tolist() == [12.0, 6.0, 16.0]
    assert choices(minimax_regret(PDC), lower_is_better=True).tolist() == [1]


def test_pdc_expected_value_chooses_the_large_complex():
    assert expected(PDC, [0.8, 0.2]) == pytest.approx([7.8, 12.2, 14.2])
    assert choices(expected(PDC, [0.8, 0.2])).tolist() == [2]


def test_pdc_hurwicz_spans_maximin_to_maximax():
    # alpha is the weight on the best outcome: 0 is maximin (d1), 1 maximax (d3).
    assert choices(hurwicz(PDC, 0.0)).tolist() == [0]
    assert choices(hurwicz(PDC, 1.0)).tolist() == [2]
    assert hurwicz(PDC, 0.5) == pytest.approx([7.5, 9.5, 5.5])


# -- The plant-size example of SpiceLogic's "Decision Making Under Uncertainty: 5
# Decision Rules" (spicelogic.com/docs/decisiontreeanalyzer, rules 497), profits in
# $ thousands for low / medium / high demand. Published results: maximin Small (80),
# minimax regret Medium (60), Hurwicz with alpha = 0.6 on the best outcome Large
# (112), Laplace (equal probabilities) Medium (103.33).
PLANT = np.array([[80.0, 100.0, 120.0], [60.0, 110.0, 140.0], [-20.0, 120.0, 200.0]])


def test_plant_example_every_rule():
    assert maximin(PLANT).max() == 80.0
    assert choices(maximin(PLANT)).tolist() == [0]
    assert minimax_regret(PLANT).tolist() == [80.0, 60.0, 100.0]
    assert choices(minimax_regret(PLANT), lower_is_better=True).tolist() == [1]
    assert hurwicz(PLANT, 0.6) == pytest.approx([104.0, 108.0, 112.0])
    assert choices(hurwicz(PLANT, 0.6)).tolist() == [2]
    laplace = expected(PLANT, np.full(3, 1 / 3))
    assert laplace[1] == pytest.approx(103.333333, abs=1e-5)
    assert choices(laplace).tolist() == [1]


# -- the parts of the rules the examples do not reach ---------------------------------


def test_relative_regret_is_zero_where_every_option_scores_the_same():
    result = relative_regret([[1.0, 2.0], [3.0, 2.0], [2.0, 2.0]])
    assert result.tolist() == [[1.0, 0.0], [0.0, 0.0], [0.5, 0.0]]


def test_satisficing_counts_scenarios_or_their_probability():
    scores = [[1.0, 0.5, 0.9], [0.97, 1.0, 1.0]]
    assert satisficing(scores, 0.05) == pytest.approx([1 / 3, 1.0])
    assert satisficing(scores, 0.05, [0.5, 0.25, 0.25]) == pytest.approx([0.5, 1.0])
    assert satisficing(scores, 0.0).tolist() == [1 / 3, 2 / 3]


def test_ties_within_the_tolerance_share_the_choice_and_have_no_regret():
    scores = np.array([[0.1 + 0.2, 1.0], [0.3, 0.0]])
    assert regret(scores)[:, 0].tolist() == [0.0, 0.0]
    assert choices([0.1 + 0.2, 0.3, 0.1]).tolist() == [0, 1]


def test_rules_run_on_a_batch_of_matrices():
    batch = np.stack([PDC, PDC[::-1]])
    assert minimax_regret(batch).tolist() == [[12.0, 6.0, 16.0], [16.0, 6.0, 12.0]]
    assert regret(batch).shape == (2, 3, 2)


# -- properties ----------------------------------------------------------------------

score_matrices = st.integers(2, 6).flatmap(
    lambda n: st.integers(1, 5).flatmap(
        lambda s: arrays(np.float64, (n, s), elements=st.integers(-20, 20).map(lambda v: v / 4))
    )
)


def _probabilities(s: int) -> np.ndarray:
    return np.arange(1, s + 1, dtype=np.float64) / (s * (s + 1) / 2)


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(2, 6), st.just(1)),
        elements=st.integers(-20, 20).map(lambda v: v / 4),
    )
)
def test_one_scenario_every_rule_ranks_as_the_column(scores):
    column = rank_scores(scores[:, 0])
    values = rule_values(scores, probabilities=[1.0], alpha=0.3)
    for rule, value in values.items():
        if rule == "satisficing":
            continue
        oriented = -value if rule == "minimax_regret" else value
        assert rank_scores(oriented).tolist() == column.tolist(), rule
    # Satisficing with no margin holds exactly for the options first in the column.
    assert (satisficing(scores, 0.0) == 1.0).tolist() == (column == 1).tolist()


@given(score_matrices)
def test_regret_is_zero_for_the_best_option_of_each_scenario(scores):
    shortfall = regret(scores)
    best = scores.argmax(axis=0)
    assert (shortfall[best, np.arange(scores.shape[1])] == 0).all()
    assert (shortfall >= 0).all()
    assert ((relative_regret(scores) >= 0) & (relative_regret(scores) <= 1)).all()


@given(score_matrices, st.floats(0, 1))
def test_an_option_dominated_in_every_scenario_is_never_chosen(scores, alpha):
    dominated = np.vstack([scores, scores.min(axis=0, keepdims=True) - 1.0])
    last = dominated.shape[0] - 1
    values = rule_values(
        dominated, probabilities=_probabilities(scores.shape[1]), alpha=alpha, margin=0.0
    )
    for rule, value in values.items():
        chosen = choices(value, lower_is_better=rule == "minimax_regret")
        assert last not in chosen.tolist(), rule


@given(score_matrices, st.randoms(use_true_random=False))
def test_permuting_scenarios_permutes_the_results(scores, random):
    order = list(range(scores.shape[1]))
    random.shuffle(order)
    p = _probabilities(scores.shape[1])
    before = rule_values(scores, probabilities=p, alpha=0.4, margin=0.5)
    after = rule_values(scores[:, order], probabilities=p[order], alpha=0.4, margin=0.5)
    for rule in before:
        assert after[rule] == pytest.approx(before[rule], abs=1e-12), rule
    assert np.array_equal(regret(scores)[:, order], regret(scores[:, order]))
