"""A cost ranks exactly as a risk with the same scores, in every method and normalization."""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.model.normalize import NORMALIZATIONS, normalize
from powerbalance.testing.strategies import METHOD_KINDS, assessments, methods, weight_vectors

PROPERTY = settings(max_examples=40, deadline=None)


def declared(a: pb.Assessment, kind: str) -> pb.Assessment:
    """``a`` with every criterion where lower is better declared ``kind``."""
    criteria = [attrs.evolve(c, kind=kind) if c.lower_is_better else c for c in a.criteria]
    return attrs.evolve(a, criteria=criteria)


@pytest.mark.parametrize("kind", METHOD_KINDS)
@PROPERTY
@given(data=st.data())
def test_a_cost_scores_and_ranks_as_a_risk_in_every_method(kind, data):
    a = data.draw(assessments(), label="assessment")
    method = data.draw(methods((kind,)), label="method")
    vector = data.draw(weight_vectors(a.n_criteria), label="weights")
    as_risks, as_costs = declared(a, "risk"), declared(a, "cost")
    assert as_costs.is_cost.sum() == as_risks.is_risk.sum()
    risk_scores = method.prepare(as_risks).score(vector[None, :])
    cost_scores = method.prepare(as_costs).score(vector[None, :])
    np.testing.assert_array_equal(cost_scores, risk_scores)
    weights = pb.Weights(a.criterion_names, vector / vector.sum())
    risk_ranking = pb.evaluate(as_risks, weighting=weights, method=method).ranking
    cost_ranking = pb.evaluate(as_costs, weighting=weights, method=method).ranking
    assert cost_ranking["rank"].to_dict() == risk_ranking["rank"].to_dict()


@PROPERTY
@given(a=assessments(), normalization=st.sampled_from(sorted(NORMALIZATIONS)))
def test_every_normalization_turns_a_cost_around_as_a_risk(a, normalization):
    np.testing.assert_array_equal(
        normalize(declared(a, "cost"), normalization),
        normalize(declared(a, "risk"), normalization),
    )


@PROPERTY
@given(a=assessments())
def test_the_report_puts_a_cost_apart_from_the_risks_with_the_same_net(a):
    as_risks, as_costs = declared(a, "risk"), declared(a, "cost")
    risks = pb.evaluate(as_risks).by_area
    costs = pb.evaluate(as_costs).by_area
    net = costs.xs("net", axis=1, level="measure")
    np.testing.assert_allclose(net, risks.xs("net", axis=1, level="measure"), atol=1e-15)
    if as_costs.costs:
        np.testing.assert_array_equal(
            costs.xs("cost", axis=1, level="measure"), risks.xs("risk", axis=1, level="measure")
        )
        assert (costs.xs("risk", axis=1, level="measure").to_numpy() == 0).all()


def test_dominance_counts_a_cost_the_right_way_round():
    a = pb.Assessment(
        ["Cheap", "Dear"],
        [
            pb.Criterion("Gain", area="X", kind="benefit"),
            pb.Criterion("Spend", area="Y", kind="cost"),
        ],
        [[5, 10], [4, 20]],
    )
    report = pb.evaluate(a)
    assert report.dominance[["option", "dominated_by"]].values.tolist() == [["Dear", "Cheap"]]
    assert report.ranking.index[0] == "Cheap"
    assert list(report.benefit_risk.columns) == ["benefit", "risk", "cost", "efficient"]
    assert report.frontier == ("Cheap",)
