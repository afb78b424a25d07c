"""A published scenario-based multi-criteria example, reproduced with its numbers.

Goodwin, P. and Wright, G. (2014). *Decision Analysis for Management Judgment*, 5th
edition, Wiley, chapter 15 ("Scenario planning: an alternative way of dealing with
uncertainty"), exercise 2. A car manufacturer has two objectives, to maximize profits
and to maximize market share, two scenarios for the next ten years (*Carbon fuels
prevail*, *Green governments rule*) and three strategies. The book gives each
strategy's 0-100 score on each objective in each scenario, and one swing judgement:
the improvement from the worst to the best market share is only 35% as desirable as
that from the worst to the best profit. The chapter's Stage 8 turns these into a
weighted aggregate score per strategy and scenario (the book's scale: weights
100 : 35, normalized to sum to one); Stage 9 compares the strategies' robustness over
the scenarios. The aggregates below are that calculation, written out.
"""

from __future__ import annotations

import pytest

import powerbalance as pb

STRATEGIES = ["Status quo", "Move to hybrid cars", "Produce mixed types of cars"]
# (profits, market share) per strategy, as printed.
CARBON = [[10, 70], [15, 50], [40, 85]]
GREEN = [[0, 0], [75, 100], [60, 30]]
W_PROFIT, W_SHARE = 100 / 135, 35 / 135

# Stage 8 by hand: 100/135 x profit + 35/135 x share.
AGGREGATE = {
    "Carbon fuels prevail": [25.556, 24.074, 51.667],
    "Green governments rule": [0.0, 81.481, 52.222],
}


def car_manufacturer() -> pb.Assessment:
    criteria = [
        pb.Criterion("Maximize profits", area="Financial", kind="benefit", scale=(0, 100)),
        pb.Criterion("Maximize market share", area="Market", kind="benefit", scale=(0, 100)),
    ]

    def table(rows: list[list[int]]) -> dict[str, dict[str, float]]:
        return {
            strategy: {"Maximize profits": profit, "Maximize market share": share}
            for strategy, (profit, share) in zip(STRATEGIES, rows, strict=True)
        }

    return pb.Assessment(
        STRATEGIES,
        criteria,
        CARBON,
        scenarios=[
            pb.Scenario("Carbon fuels prevail", scores=table(CARBON)),
            pb.Scenario("Green governments rule", scores=table(GREEN)),
        ],
    )


SWING = pb.weighting.Swing({"Maximize profits": 100, "Maximize market share": 35})


def test_swing_judgement_gives_the_books_weights():
    analysis = pb.scenarios.evaluate(car_manufacturer(), weighting=SWING)
    assert analysis.weights["Maximize profits"] == pytest.approx(W_PROFIT)
    assert analysis.weights["Maximize market share"] == pytest.approx(W_SHARE)


def test_aggregate_scores_per_strategy_and_scenario():
    analysis = pb.scenarios.evaluate(car_manufacturer(), weighting=SWING)
    for scenario, expected in AGGREGATE.items():
        # The scale is 0-100; the weighted sum reports it as 0-1.
        assert (100 * analysis.scores[scenario]).tolist() == pytest.approx(expected, abs=5e-4)


def test_mixed_range_is_the_robust_strategy_and_hybrids_the_risky_one():
    # Stage 9: the mixed range scores about 52 in both futures; hybrids swing from the
    # worst in one future (24.1) to the best in the other (81.5); the status quo is
    # worst where it matters (0 if green governments rule).
    analysis = pb.scenarios.evaluate(car_manufacturer(), weighting=SWING)
    assert analysis.choice["maximin"] == "Produce mixed types of cars"
    assert 100 * analysis.rules.loc["Produce mixed types of cars", "maximin"] == pytest.approx(
        51.667, abs=5e-4
    )
    spread = analysis.scores.max(axis=1) - analysis.scores.min(axis=1)
    assert spread.idxmax() == "Move to hybrid cars"
    assert analysis.ranks.loc["Status quo"].max() == 3


def test_regret_separates_hybrids_and_mixed_range_narrowly():
    # Regret by hand: Carbon fuels prevail 26.11 / 27.59 / 0; Green governments rule
    # 81.48 / 0 / 29.26; so the largest regrets are 81.48, 27.59 and 29.26, and
    # minimax regret chooses hybrids where maximin chooses the mixed range.
    analysis = pb.scenarios.evaluate(car_manufacturer(), weighting=SWING)
    worst = 100 * analysis.rules["minimax_regret"]
    assert worst.tolist() == pytest.approx([81.481, 27.593, 29.259], abs=5e-4)
    assert analysis.choice["minimax_regret"] == "Move to hybrid cars"
    assert analysis.agreement.startswith("The rules disagree")


def test_aggregate_matrix_of_exercise_one_every_rule_chooses_expansion():
    # Exercise 1 of the same chapter gives the aggregate scores of three strategies in
    # four scenarios (steady state, austerity, big bang, gentle growth) and asks which
    # is the most attractive: expanding overseas beats both others in every scenario.
    from powerbalance.scenarios import choices, rule_values

    aggregate = [[20, 35, 35, 50], [64, 45, 78, 62], [51, 40, 65, 38]]
    values = rule_values(aggregate, probabilities=[0.25] * 4)
    for rule, value in values.items():
        chosen = choices(value, lower_is_better=rule in pb.scenarios.LOWER_IS_BETTER)
        assert chosen.tolist() == [1], rule
