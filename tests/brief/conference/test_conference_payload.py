"""The conference payload: what the page scores with, and that it is enough to score exactly.

The page's arithmetic is ported here to numpy, step for step as conference.js does it
(the normalized matrix, its logarithm or the squared gaps to the ideal points, then
the weights), and checked against pb.evaluate; the browser tests check the page itself.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.brief.conference import PAYLOAD_SCHEMA, payload
from powerbalance.brief.conference._payload import unused_name
from powerbalance.errors import InvalidParameterError, UnknownNameError
from powerbalance.methods.ranking import rank_and_order

SCORED = ("weighted-sum", "weighted-product", "topsis")


@pytest.fixture(scope="module")
def study():
    return pb.examples.load("great-power-cooperation")


@pytest.fixture(scope="module")
def payloads(study):
    preset = study.presets["security-first"]
    return {m: payload(study.assessment, weights=preset, method=m) for m in SCORED}


def page_scores(data, weights):
    """The scores conference.js computes, in numpy."""
    kernel = data["kernel"]
    normalized = np.array(kernel["normalized"])
    if kernel["kind"] == "weighted-sum":
        return normalized @ weights
    if kernel["kind"] == "weighted-product":
        return np.exp(np.array(kernel["log_normalized"]) @ weights)
    squared = weights * weights
    near = np.sqrt((normalized - np.array(kernel["ideal"])) ** 2 @ squared)
    far = np.sqrt((normalized - np.array(kernel["anti_ideal"])) ** 2 @ squared)
    total = near + far
    return np.where(total > 0, far / np.where(total > 0, total, 1), 0.5)


@pytest.mark.parametrize("method", SCORED)
def test_the_embedded_arrays_score_as_the_library_for_random_weights(study, payloads, method):
    data = payloads[method]
    a = study.assessment
    assert data["kernel"]["kind"] == method
    rng = np.random.default_rng(18)
    for weights in rng.dirichlet(np.ones(a.n_criteria), size=20):
        report = pb.evaluate(a, weighting=pb.Weights(a.criterion_names, weights), method=method)
        scores = page_scores(data, weights)
        np.testing.assert_allclose(scores, report.scores, rtol=0, atol=1e-12)
        _, order = rank_and_order(scores)
        assert [a.option_names[i] for i in order] == list(report.ranking.index)


@pytest.mark.parametrize("method", SCORED)
def test_benefits_and_risks_by_area_follow_from_the_embedded_matrix(study, payloads, method):
    data = payloads[method]
    a = study.assessment
    weights = np.random.default_rng(3).dirichlet(np.ones(a.n_criteria))
    report = pb.evaluate(a, weighting=pb.Weights(a.criterion_names, weights), method=method)
    normalized = np.array(data["kernel"]["normalized"])
    risk = np.array([c["kind"] == "risk" for c in data["criteria"]])
    for area in data["areas"]:
        inside = np.zeros(a.n_criteria, dtype=bool)
        inside[area["criteria"]] = True
        benefit = normalized[:, inside & ~risk] @ weights[inside & ~risk]
        borne = (1 - normalized[:, inside & risk]) @ weights[inside & risk]
        expected = report.by_area.loc[list(a.option_names), area["name"]]
        np.testing.assert_allclose(benefit, expected["benefit"], atol=1e-12)
        np.testing.assert_allclose(borne, expected["risk"], atol=1e-12)


def test_the_payload_carries_the_start_the_ranking_and_the_stability(study, payloads):
    a = study.assessment
    data = payloads["weighted-sum"]
    preset = study.presets["security-first"]
    report = pb.evaluate(a, weighting=preset)
    stable = pb.sensitivity.stability(a, weighting=preset)
    assert data["schema"] == PAYLOAD_SCHEMA
    assert data["start"] == dict(report.weights)
    assert [r["option"] for r in data["start_ranking"]] == list(report.ranking.index)
    assert [r["score"] for r in data["start_ranking"]] == list(report.ranking["score"])
    assert data["stability"]["leader"] == stable.leader
    assert len(data["stability"]["intervals"]) == len(stable.intervals)
    for given, interval in zip(data["stability"]["intervals"], stable.intervals, strict=True):
        assert (given["name"], given["scope"]) == (interval.name, interval.scope)
        assert (given["top_low"], given["top_high"]) == (interval.top_low, interval.top_high)
        assert given["top_swap_high"] == (
            None if interval.top_swap_high is None else list(interval.top_swap_high)
        )
    assert data["stability"]["critical"]["taken_over_by"] == stable.critical.taken_over_by
    assert [area["name"] for area in data["areas"]] == list(a.areas)
    assert data["areas"][0]["colour"] == pb._render.AREA_COLOURS[0]
    assert data["method"] == {
        "name": "weighted-sum",
        "words": "the weighted sum",
        "full_name": "weighted sum, min-max normalization",
        "scored": True,
        "reason": None,
    }
    assert data["criteria"][0]["unit"] == a.criteria[0].unit


@pytest.mark.parametrize("method", SCORED)
def test_the_payload_is_plain_json_and_round_trips_exactly(payloads, method):
    data = payloads[method]
    assert json.loads(json.dumps(data, allow_nan=False)) == data


@pytest.mark.parametrize("method", ["vikor", "promethee"])
def test_methods_the_page_cannot_score_carry_no_kernel_and_say_why(study, method):
    data = payload(study.assessment, weights="equal", method=method)
    assert data["kernel"] is None
    assert data["method"]["scored"] is False
    assert "cannot score" in data["method"]["reason"]
    report = pb.evaluate(study.assessment, method=method)
    assert [r["option"] for r in data["start_ranking"]] == list(report.ranking.index)
    assert data["stability"]["intervals"]


def test_a_normalization_other_than_the_default_is_embedded_as_prepared(study):
    a = study.assessment
    method = pb.methods.WeightedSum(normalization="vector")
    data = payload(a, weights="equal", method=method)
    weights = np.full(a.n_criteria, 1 / a.n_criteria)
    np.testing.assert_allclose(
        page_scores(data, weights), pb.evaluate(a, method=method).scores, atol=1e-12
    )
    assert data["method"]["full_name"] == "weighted sum, vector normalization"


def test_refusals_name_the_parameter(study):
    a = study.assessment
    with pytest.raises(UnknownNameError, match="no-such-method"):
        payload(a, weights="equal", method="no-such-method")
    with pytest.raises(UnknownNameError, match="no-such-scheme"):
        payload(a, weights="no-such-scheme")
    with pytest.raises(InvalidParameterError, match="payload: method must be"):
        payload(a, weights="equal", method=pb.methods.TOPSIS)
    with pytest.raises(InvalidParameterError, match="payload: assessment must be"):
        payload(study, weights="equal")
    with pytest.raises(InvalidParameterError, match="payload: weights must be"):
        payload(a, weights=3)
    with pytest.raises(InvalidParameterError, match="payload: title must be"):
        payload(a, weights="equal", title=3)
    with pytest.raises(InvalidParameterError, match="payload: weights must be"):
        payload(a, weights={"Trade tensions eased": 1.0})  # a mapping: Weights.from_mapping


def test_unused_name_avoids_the_study_presets():
    assert unused_name("conference", {}) == "conference"
    assert unused_name("conference", {"conference", "conference-2"}) == "conference-3"
