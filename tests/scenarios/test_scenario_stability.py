"""pb.scenarios.stability: the stability intervals of every weight, in every future."""

from __future__ import annotations

import json

import attrs
import numpy as np
import pandas as pd
import pytest

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, ScenarioError, UnknownNameError


@pytest.fixture(scope="module")
def example() -> pb.Assessment:
    return pb.examples.load("great-power-cooperation").assessment


@pytest.fixture(scope="module")
def result(example) -> pb.scenarios.ScenarioStability:
    return pb.scenarios.stability(example)


def weights_at(a, name, scope, t, weights):
    """The weights with one criterion's (or area's) weight at t, the rest in proportion."""
    members = np.array([(c.name if scope == "criterion" else c.area) == name for c in a.criteria])
    moved = weights[members].sum()
    result = np.where(members, weights / moved * t, weights / (1 - moved) * (1 - t))
    return pb.Weights(a.criterion_names, result)


def first_at(a, name, scope, t, weights, method="weighted-sum"):
    """The options ranked first with one weight at t (every one, on a tie)."""
    report = pb.evaluate(a, weighting=weights_at(a, name, scope, t, weights), method=method)
    return set(report.ranking.index[report.ranking["rank"] == 1])


def futures_of(a):
    return {"Central assessment": a} | {name: a.in_scenario(name) for name in a.scenario_names}


def test_a_scenario_equal_to_the_central_one_has_exactly_the_central_intervals(example):
    a = attrs.evolve(example, scenarios=[pb.Scenario("Unchanged")])
    result = pb.scenarios.stability(a)
    plain = pb.sensitivity.stability(example)
    assert list(result.by_scenario) == ["Central assessment", "Unchanged"]
    assert result.by_scenario["Unchanged"].intervals == plain.intervals
    assert result.by_scenario["Central assessment"].intervals == plain.intervals
    assert result.by_scenario["Unchanged"].leader == plain.leader
    assert result.summary().count(plain.summary()) == 2


def test_the_leader_of_each_future_is_the_one_evaluate_ranks_first(example, result):
    ranks = pb.scenarios.evaluate(example).ranks
    assert list(result.by_scenario) == ["Central assessment", *example.scenario_names]
    assert len(result.by_scenario) == 5
    for name in example.scenario_names:
        assert ranks.loc[result.leaders[name], name] == 1
        assert (ranks[name] == 1).sum() == 1
    assert result.leaders["Central assessment"] == pb.evaluate(example).ranking.index[0]
    # The example's own story: the leader changes with how the rivals respond.
    assert set(result.leaders.values()) == {"Targeted cooperation", "Technology investment"}


def test_inside_each_interval_the_leader_stays_first_and_just_outside_it_does_not(example, result):
    weights = result.weights.aligned(example)
    futures = futures_of(example)
    checked = 0
    for row in result.intervals.itertuples():
        a = futures[row.future]
        name = row.criterion if row.scope == "criterion" else row.area
        low_inside = row.low + min(1e-6, (row.weight - row.low) / 2)
        high_inside = row.high - min(1e-6, (row.high - row.weight) / 2)
        for t in (low_inside, high_inside):
            assert row.leader in first_at(a, name, row.scope, t, weights), (row, t)
        for end, taker, step in (
            (row.low, row.taken_over_low, -1e-6),
            (row.high, row.taken_over_high, 1e-6),
        ):
            if pd.isna(taker):
                assert end in (0.0, 1.0)
                continue
            t = end + step
            if not 0 < t < 1:
                # The options tie at the very end of the range: the taker shares first place.
                assert taker in first_at(a, name, row.scope, min(max(t, 0.0), 1.0), weights)
                continue
            first = first_at(a, name, row.scope, t, weights)
            assert row.leader not in first, (row, end)
            assert taker in first, (row, end)
            checked += 1
    assert checked >= 10  # the example has finite bounds in every future


def test_bisected_intervals_hold_inside_and_fail_outside_for_a_nonlinear_method(example):
    result = pb.scenarios.stability(example, method="topsis")
    assert not any(s.exact for s in result.by_scenario.values())
    weights = result.weights.aligned(example)
    futures = futures_of(example)
    frame = result.intervals
    finite = frame[frame["taken_over_high"].notna() & (frame["scope"] == "criterion")]
    assert len(finite) >= 8
    for row in finite.head(8).itertuples():
        a = futures[row.future]
        inside = first_at(a, row.criterion, "criterion", row.high - 1e-4, weights, "topsis")
        outside = first_at(a, row.criterion, "criterion", row.high + 1e-4, weights, "topsis")
        assert row.leader in inside
        assert row.leader not in outside
        assert row.taken_over_high in outside


def test_weights_are_resolved_once_on_the_central_assessment(example):
    result = pb.scenarios.stability(example, weighting=pb.weighting.Entropy())
    central = pb.evaluate(example, weighting=pb.weighting.Entropy()).weights.aligned(example)
    assert np.array_equal(result.weights.aligned(example), central)
    criteria = result.intervals[result.intervals["scope"] == "criterion"]
    for future, rows in criteria.groupby("future", sort=False):
        assert np.array_equal(rows["weight"].to_numpy(), central), future
    assert all(isinstance(s.weighting, pb.weighting.Entropy) for s in result.by_scenario.values())


def test_intervals_frame_is_tidy(example, result):
    frame = result.intervals
    assert list(frame.columns) == [
        "future",
        "scope",
        "criterion",
        "area",
        "weight",
        "low",
        "high",
        "taken_over_low",
        "taken_over_high",
        "leader",
    ]
    per_future = len(pb.sensitivity.stability(example).intervals)
    assert len(frame) == 5 * per_future
    areas = frame[frame["scope"] == "area"]
    assert areas["criterion"].isna().all()
    assert set(areas["area"]) <= set(example.areas)
    assert ((frame["low"] <= frame["weight"]) & (frame["weight"] <= frame["high"])).all()
    assert frame.equals(result.to_frame())


def test_no_scenarios_is_refused(example):
    with pytest.raises(ScenarioError, match=r"scenarios\.stability: the assessment has no"):
        pb.scenarios.stability(attrs.evolve(example, scenarios=()))


def test_bad_arguments_are_refused(example):
    with pytest.raises(InvalidParameterError, match=r"scenarios\.stability"):
        pb.scenarios.stability("not an assessment")
    with pytest.raises(InvalidParameterError, match=r"scenarios\.stability"):
        pb.scenarios.stability(example, method=42)
    with pytest.raises(UnknownNameError, match="no-such-method"):
        pb.scenarios.stability(example, method="no-such-method")


def test_a_scenario_named_like_the_central_future_keeps_its_name(example):
    a = attrs.evolve(example, scenarios=[pb.Scenario("Central assessment")])
    result = pb.scenarios.stability(a)
    assert result.central == "Central assessment (no scenario)"
    assert list(result.by_scenario) == ["Central assessment (no scenario)", "Central assessment"]


def test_summary_names_each_future_its_leader_and_the_closest_weight(example, result):
    text = result.summary()
    for future, s in result.by_scenario.items():
        critical = s.critical
        assert f"{future}: {s.leader} remains first unless the weight of {critical.name}" in text
        assert critical.taken_over_by in text


def test_every_rendering_names_every_future(example, result):
    renderings = {
        "text": result.to_text(),
        "markdown": result.to_markdown(),
        "html": result.to_html(),
        "page": result.to_html(page=True),
    }
    for future in result.by_scenario:
        for kind, rendering in renderings.items():
            assert future in rendering, (kind, future)
    # One interval chart per future on the page; none in text.
    assert renderings["html"].count("<svg") == 5
    assert "<svg" not in renderings["text"]
    assert str(result) == renderings["text"]
    assert result._repr_html_() == renderings["html"]


def test_to_dict_round_trips_through_json(result):
    data = result.to_dict()
    assert data["schema"] == pb.scenarios.SCENARIO_STABILITY_SCHEMA
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert json.loads(result.to_json()) == data
    assert data["futures"] == list(result.by_scenario)
    for future, s in result.by_scenario.items():
        assert data["by_scenario"][future]["leader"] == s.leader
        assert data["by_scenario"][future]["schema"] == pb.sensitivity.STABILITY_SCHEMA


def test_the_command_line_prints_the_stability_of_every_future(tmp_path):
    from powerbalance.cli import main

    study = pb.examples.load("great-power-cooperation")
    target = tmp_path / "stability.json"
    arguments = ["scenarios", "--stability", "--weighting", "equal", "--format", "json"]
    assert main([*arguments, "--output", str(target)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data == pb.scenarios.stability(study.assessment).to_dict()
    text = tmp_path / "stability.txt"
    assert main(["scenarios", "--stability", "--output", str(text)]) == 0
    assert "how stable the leader is in each future" in text.read_text(encoding="utf-8")
