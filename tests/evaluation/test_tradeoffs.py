"""Trade-offs between two options, dominance, and the benefit-against-risk frontier."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.evaluation.tradeoffs import dominance_pairs, efficient
from powerbalance.testing.strategies import assessments, methods, weight_vectors

PROPERTY = settings(max_examples=50, deadline=None)


def small():
    criteria = [
        pb.Criterion("Trade", area="Economic", kind="benefit"),
        pb.Criterion("Jobs", area="Economic", kind="benefit"),
        pb.Criterion("Escalation", area="Security", kind="risk"),
    ]
    scores = [[7, 5, 4], [5, 5, 5], [3, 4, 5], [8, 2, 9]]
    return pb.Assessment(["Engage", "Hedge", "Drift", "Overreach"], criteria, scores)


# -- trade-offs -----------------------------------------------------------------------------


def test_tradeoff_lists_gains_and_sacrifices_with_the_net_by_area():
    report = pb.evaluate(small(), method="weighted-sum")
    t = report.tradeoffs("Engage", "Overreach")
    # Min-max, equal thirds: Trade (7-3)/5 vs (8-3)/5; Jobs 3/3 vs 0/3; Escalation
    # (9-4)/5 vs 0.
    expected = {"Trade": -0.2 / 3, "Jobs": 1 / 3, "Escalation": 1 / 3}
    assert t.to_frame()["difference"].to_dict() == pytest.approx(expected)
    assert list(t.gains.index) == ["Jobs", "Escalation"] or list(t.gains.index) == [
        "Escalation",
        "Jobs",
    ]
    assert list(t.sacrifices.index) == ["Trade"]
    assert t.by_area().to_dict() == pytest.approx({"Economic": 0.8 / 3, "Security": 1 / 3})
    assert t.summary() == (
        "Engage beats Overreach by 0.600 mainly on Security (+0.333) and Economic (+0.267)."
    )
    assert "Engage against Overreach" in t.to_text()
    assert "Escalation" in t.to_markdown()
    assert t.to_html() == t._repr_html_()


def test_a_sacrifice_is_named_in_the_summary():
    report = pb.evaluate(small(), method="weighted-sum")
    # Escalation 9 against 5 on a 4-9 range: -(4/5)/3 = -0.267; Trade +5/5/3, Jobs -2/3/3.
    summary = report.tradeoffs("Overreach", "Drift").summary()
    assert summary == (
        "Overreach trails Drift by 0.156: it gives up most on Security (-0.267) and "
        "gains on Economic (+0.111)."
    )


@pytest.mark.parametrize(
    ("trade", "expected"),
    [
        (0.5, "Open and Closed score 0.000 apart"),
        (0.50001, "Open and Closed score less than 0.001 apart"),
        (0.6, "Open beats Closed by 0.200 mainly on Economic (+0.600) but gives up"),
    ],
)
def test_a_near_tie_is_never_said_to_be_won_by_0_000(trade, expected):
    criteria = [
        pb.Criterion("Trade", area="Economic", kind="benefit"),
        pb.Criterion("Escalation", area="Security", kind="risk"),
    ]
    a = pb.Assessment(["Open", "Closed"], criteria, [[10, 10], [0, 0]])
    weights = pb.Weights(["Trade", "Escalation"], [trade, 1 - trade])
    summary = pb.evaluate(a, weighting=weights).tradeoffs("Open", "Closed").summary()
    assert summary.startswith(expected)
    assert "by 0.000" not in summary
    assert "gives up Security" in summary


@pytest.mark.parametrize("kind", ["weighted-sum", "promethee"])
@PROPERTY
@given(data=st.data())
def test_tradeoffs_add_up_to_the_score_difference_for_additive_methods(kind, data):
    a = data.draw(assessments(), label="assessment")
    method = data.draw(methods((kind,)), label="method")
    vector = data.draw(weight_vectors(a.n_criteria), label="weights")
    weights = pb.Weights(a.criterion_names, vector / vector.sum())
    report = pb.evaluate(a, weighting=weights, method=method)
    first = data.draw(st.sampled_from(a.option_names), label="first")
    second = data.draw(st.sampled_from(a.option_names), label="second")
    t = report.tradeoffs(first, second)
    assert t.additive
    scores = report.ranking["score"]
    assert t.score_difference == pytest.approx(scores[first] - scores[second], abs=1e-12)
    assert t.differences.sum() == pytest.approx(t.score_difference, abs=1e-12)
    assert t.by_area().sum() == pytest.approx(t.score_difference, abs=1e-12)


def test_unknown_options_are_named():
    report = pb.evaluate(small())
    with pytest.raises(pb.errors.UnknownNameError, match="'Engag'"):
        report.tradeoffs("Engag", "Hedge")


# -- dominance ------------------------------------------------------------------------------


def test_a_dominated_option_is_listed_with_its_dominators():
    report = pb.evaluate(small(), method="weighted-sum")
    table = report.dominance
    pairs = set(zip(table["option"], table["dominated_by"], strict=True))
    # Engage beats Hedge and Drift everywhere; Hedge beats Drift everywhere. Overreach
    # has the best Trade, so nothing dominates it and it dominates nothing.
    assert pairs == {("Hedge", "Engage"), ("Drift", "Engage"), ("Drift", "Hedge")}
    margin = table.set_index(["option", "dominated_by"])["score_margin"]
    scores = report.ranking["score"]
    assert margin["Drift", "Engage"] == pytest.approx(scores["Engage"] - scores["Drift"])
    assert (table["score_margin"] >= 0).all()


@PROPERTY
@given(st.lists(st.lists(st.integers(0, 3), min_size=2, max_size=2), min_size=1, max_size=8))
def test_dominance_pairs_match_a_brute_force_check(rows):
    values = np.array(rows, dtype=float)
    expected = {
        (i, j)
        for i in range(len(rows))
        for j in range(len(rows))
        if (values[i] >= values[j]).all() and (values[i] > values[j]).any()
    }
    assert set(dominance_pairs(values)) == expected


# -- the frontier ---------------------------------------------------------------------------


@PROPERTY
@given(
    st.lists(
        st.tuples(st.integers(0, 4).map(float), st.integers(0, 4).map(float)),
        min_size=1,
        max_size=10,
    )
)
def test_efficient_points_are_exactly_those_no_other_point_dominates(points):
    benefit = np.array([b for b, _ in points])
    risk = np.array([r for _, r in points])
    brute = [
        not any(
            benefit[k] >= benefit[i]
            and risk[k] <= risk[i]
            and (benefit[k] > benefit[i] or risk[k] < risk[i])
            for k in range(len(points))
        )
        for i in range(len(points))
    ]
    assert efficient(benefit, risk).tolist() == brute


def test_the_frontier_of_the_built_in_study():
    report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
    table = report.benefit_risk
    assert list(table.columns) == ["benefit", "risk", "efficient"]
    by_area = report.by_area
    np.testing.assert_allclose(
        table["benefit"], by_area.xs("benefit", axis=1, level="measure").sum(axis=1)
    )
    on = [name for name in table.index if table.loc[name, "efficient"]]
    assert sorted(report.frontier) == sorted(on)
    benefits = [table.loc[name, "benefit"] for name in report.frontier]
    assert benefits == sorted(benefits, reverse=True)


# -- the summary ----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["weighted-sum", "topsis", "vikor", "promethee"])
def test_the_summary_states_facts_that_match_the_report(method):
    report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment, method=method)
    summary = report.summary()
    ranking = report.ranking
    leader, runner_up = ranking.index[0], ranking.index[1]
    if ranking["rank"].iloc[1] == 1:
        assert "tie for first place" in summary
        return
    margin = ranking["score"].iloc[0] - ranking["score"].iloc[1]
    assert summary.startswith(f"{leader} ranks first")
    assert f"{margin:.3f} ahead of {runner_up}" in summary
    net = report.net_by_area.loc[leader]
    assert f"Its strongest area is {net.idxmax()} (net {net.max():+.3f})" in summary
    assert f"its weakest {net.idxmin()} (net {net.min():+.3f})" in summary
    for option in set(report.dominance["option"]):
        dominators = report.dominance.loc[report.dominance["option"] == option, "dominated_by"]
        assert f"{option} by " in summary
        for dominator in dominators:
            assert dominator in summary.split(f"{option} by ", 1)[1]
    better = ranking.index[ranking["vs_baseline"] > 1e-12]
    assert f"{len(better)} of 6 options improve" in summary
