"""Property-based tests: invariants every method, scheme and helper must keep."""

from __future__ import annotations

import copy
import functools
import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.testing.strategies import (
    HIGH_SCORE,
    LOW_SCORE,
    METHOD_KINDS,
    assessments,
    methods,
    weight_batches,
    weight_vectors,
)

PROPERTY = settings(max_examples=50, deadline=None)


def as_weights(assessment: pb.Assessment, vector: np.ndarray) -> pb.Weights:
    return pb.Weights(assessment.criterion_names, vector / vector.sum())


def scores_of(method: object, assessment: pb.Assessment, vector: np.ndarray) -> np.ndarray:
    return method.prepare(assessment).score(vector[None, :])[0]


# -- permuting the options ---------------------------------------------------------------


@pytest.mark.parametrize("kind", METHOD_KINDS)
@PROPERTY
@given(data=st.data())
def test_permuting_options_permutes_scores_and_ranks(kind, data):
    a = data.draw(assessments(), label="assessment")
    method = data.draw(methods((kind,)), label="method")
    order = data.draw(st.permutations(range(a.n_options)), label="order")
    vector = data.draw(weight_vectors(a.n_criteria), label="weights")
    permuted = a.subset(options=[a.option_names[i] for i in order])
    assert permuted.option_names == tuple(a.option_names[i] for i in order)

    original = scores_of(method, a, vector)
    shuffled = scores_of(method, permuted, vector)
    assert np.allclose(shuffled, original[order], rtol=1e-10, atol=1e-12)
    assert pb.rank_scores(shuffled).tolist() == pb.rank_scores(original)[order].tolist()

    # The same through evaluate(): ranks keyed by name do not depend on row order.
    weights = as_weights(a, vector)
    ranks = pb.evaluate(a, weighting=weights, method=method).ranking["rank"]
    permuted_ranks = pb.evaluate(permuted, weighting=weights, method=method).ranking["rank"]
    assert permuted_ranks.to_dict() == ranks.to_dict()


# -- Pareto dominance ----------------------------------------------------------------------


def _bounds(criterion: pb.Criterion, x: float) -> tuple[float, float]:
    """How far a score may move down and up and stay valid and strictly positive."""
    low, high = criterion.scale if criterion.scale is not None else (0.0, 2 * HIGH_SCORE)
    return max(low, x / 2), high


def _moved(criterion: pb.Criterion, x: float, fraction: float, better: bool) -> float:
    """Move ``x`` a ``fraction`` of the way towards the better (or worse) end of its range."""
    low, high = _bounds(criterion, x)
    up = better != criterion.lower_is_better
    return min(high, x + fraction * (high - x)) if up else max(low, x - fraction * (x - low))


def _room(criterion: pb.Criterion, x: float, better: bool) -> float:
    return abs(_moved(criterion, x, 1.0, better) - x)


@functools.cache
def _fractions(m: int) -> st.SearchStrategy[list[float]]:
    return st.lists(st.one_of(st.just(0.0), st.floats(0, 1)), min_size=m, max_size=m)


_STRICT_FRACTION = st.floats(0.25, 1)


@st.composite
def dominance_cases(draw):
    """An assessment with an added option that Pareto-dominates, or is dominated by, another.

    Returns (assessment, name of the better option, name of the worse option).
    """
    a = draw(assessments(max_options=6, max_criteria=5), label="base")
    target = draw(st.integers(0, a.n_options - 1), label="target")
    row = a.scores[target]
    # A better copy of the target, or a worse one; the other if the one drawn is
    # impossible (every criterion already at that end of its scale).
    better = draw(st.booleans(), label="better")
    if not any(_room(c, x, better) > 1e-6 for c, x in zip(a.criteria, row, strict=True)):
        better = not better
    movable = [
        j
        for j, (c, x) in enumerate(zip(a.criteria, row, strict=True))
        if _room(c, x, better) > 1e-6
    ]
    strict = draw(st.sampled_from(movable), label="strictly different criterion")
    fractions = draw(_fractions(a.n_criteria), label="fractions")
    fractions[strict] = draw(_STRICT_FRACTION, label="strict fraction")
    new_row = np.array(
        [_moved(c, x, f, better) for c, x, f in zip(a.criteria, row, fractions, strict=True)]
    )
    new_name = "Constructed " + "+".join(a.option_names)
    position = draw(st.integers(0, a.n_options), label="position")
    matrix = np.insert(a.scores, position, new_row, axis=0)
    option_names = list(a.option_names)
    option_names.insert(position, new_name)
    extended = pb.Assessment(option_names, a.criteria, matrix)

    # The construction really is a Pareto domination, direction-aware.
    sign = np.where(a.lower_is_better, -1.0, 1.0)
    gain = sign * (new_row - row) if better else sign * (row - new_row)
    assert (gain >= 0).all()
    assert gain[strict] > 0
    target_name = a.option_names[target]
    return (extended, new_name, target_name) if better else (extended, target_name, new_name)


@pytest.mark.parametrize("kind", METHOD_KINDS)
@PROPERTY
@given(data=st.data())
def test_a_pareto_dominating_option_never_ranks_below_the_dominated_one(kind, data):
    a, winner, loser = data.draw(dominance_cases(), label="case")
    method = data.draw(methods((kind,)), label="method")
    vector = data.draw(weight_vectors(a.n_criteria), label="weights")
    scores = scores_of(method, a, vector)
    ranks = pb.rank_scores(scores)
    i, j = a.option_index(winner), a.option_index(loser)
    assert ranks[i] <= ranks[j]
    assert scores[i] >= scores[j] - 1e-12 * max(1.0, abs(scores[j]))
    report = pb.evaluate(a, weighting=as_weights(a, vector), method=method)
    assert report.ranking.loc[winner, "rank"] <= report.ranking.loc[loser, "rank"]


# -- weights ------------------------------------------------------------------------------


def assert_valid_weights(weights: pb.Weights, keys: tuple[str, ...]) -> None:
    assert isinstance(weights, pb.Weights)
    assert tuple(weights) == keys
    assert tuple(weights.keys()) == keys
    values = np.array([weights[name] for name in keys])
    assert np.array_equal(values, weights.array)
    assert (values >= 0).all()
    assert abs(values.sum() - 1.0) <= 1e-12


points = st.one_of(st.just(0.0), st.floats(min_value=0.0, max_value=1e6))


def positive_points(n: int) -> st.SearchStrategy[list[float]]:
    return st.lists(points, min_size=n, max_size=n).filter(lambda ps: any(p > 0 for p in ps))


@PROPERTY
@given(data=st.data())
def test_weights_from_mapping_are_a_distribution_keyed_by_the_given_names(data):
    a = data.draw(assessments(max_options=3), label="assessment")
    order = data.draw(st.permutations(a.criterion_names), label="key order")
    values = data.draw(positive_points(a.n_criteria), label="points")
    mapping = dict(zip(order, values, strict=True))
    weights = pb.Weights.from_mapping(mapping)
    assert_valid_weights(weights, tuple(order))
    assert set(weights) == set(a.criterion_names)
    # Proportional to the points.
    total = sum(values)
    assert np.allclose(weights.array, np.array(values) / total, rtol=1e-12, atol=0)
    # Aligned to the assessment's criterion order.
    assert np.array_equal(
        weights.aligned(a), np.array([weights[name] for name in a.criterion_names])
    )


@PROPERTY
@given(a=assessments(max_options=3))
def test_equal_weights_are_a_distribution_keyed_by_the_criteria(a):
    weights = pb.weighting.Equal().weigh(a)
    assert_valid_weights(weights, a.criterion_names)
    assert np.allclose(weights.array, 1 / a.n_criteria, rtol=1e-12, atol=0)


@PROPERTY
@given(data=st.data())
def test_direct_weights_are_a_distribution_keyed_by_the_criteria(data):
    a = data.draw(assessments(max_options=3), label="assessment")
    order = data.draw(st.permutations(a.criterion_names), label="key order")
    values = data.draw(positive_points(a.n_criteria), label="points")
    weights = pb.weighting.Direct(dict(zip(order, values, strict=True))).weigh(a)
    assert_valid_weights(weights, a.criterion_names)
    by_name = dict(zip(order, values, strict=True))
    total = sum(values)
    expected = np.array([by_name[name] / total for name in a.criterion_names])
    assert np.allclose(weights.array, expected, rtol=1e-12, atol=0)


@st.composite
def rankings_with_ties(draw, names: tuple[str, ...]) -> list[list[str]]:
    """The names in a random order, cut into random tie groups."""
    order = draw(st.permutations(names))
    cuts = draw(st.lists(st.booleans(), min_size=len(names) - 1, max_size=len(names) - 1))
    groups: list[list[str]] = [[order[0]]]
    for name, cut in zip(order[1:], cuts, strict=True):
        if cut:
            groups.append([name])
        else:
            groups[-1].append(name)
    return groups


@PROPERTY
@given(data=st.data())
def test_rank_order_centroid_weights_are_a_distribution_that_respects_the_ranking(data):
    a = data.draw(assessments(max_options=3), label="assessment")
    groups = data.draw(rankings_with_ties(a.criterion_names), label="ranking")
    singletons_as_str = data.draw(st.booleans(), label="singletons as str")
    ranking = [g[0] if singletons_as_str and len(g) == 1 else g for g in groups]
    weights = pb.weighting.RankOrderCentroid(ranking).weigh(a)
    assert_valid_weights(weights, a.criterion_names)
    group_weights = []
    for group in groups:
        within = {weights[name] for name in group}
        assert len(within) == 1, f"tied criteria {group} got different weights {within}"
        group_weights.append(within.pop())
    assert all(x > y for x, y in itertools.pairwise(group_weights))


# -- batches ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", METHOD_KINDS)
@PROPERTY
@given(data=st.data())
def test_a_batch_scores_like_its_rows_one_at_a_time(kind, data):
    a = data.draw(assessments(), label="assessment")
    method = data.draw(methods((kind,)), label="method")
    batch = data.draw(weight_batches(a.n_criteria, min_rows=1, max_rows=6), label="W")
    prepared = method.prepare(a)
    together = prepared.score(batch)
    assert together.shape == (batch.shape[0], a.n_options)
    assert np.isfinite(together).all()
    for i in range(batch.shape[0]):
        alone = prepared.score(batch[i : i + 1])
        assert alone.shape == (1, a.n_options)
        assert np.allclose(together[i], alone[0], rtol=1e-12, atol=1e-14)


# -- inputs are never modified --------------------------------------------------------------


def assert_same_frame(after: pd.DataFrame, before: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(after, before, check_exact=True)


@PROPERTY
@given(data=st.data())
def test_inputs_are_never_modified_and_stored_scores_are_read_only(data):
    a = data.draw(assessments(), label="assessment")
    method = data.draw(methods(), label="method")
    array = np.array(a.scores, copy=True)
    assert array.flags.writeable
    nested = array.tolist()
    frame = a.to_frame()
    option_list = list(a.options)
    name_list = list(a.option_names)
    criterion_list = list(a.criteria)
    points = dict.fromkeys(a.criterion_names, 1.0)
    points[a.criterion_names[0]] = 3.0
    inputs = (array, nested, frame, option_list, name_list, criterion_list, points)
    before = copy.deepcopy(inputs)

    built = [
        pb.Assessment(options=option_list, criteria=criterion_list, scores=array),
        pb.Assessment(options=name_list, criteria=criterion_list, scores=nested),
        pb.Assessment.from_frame(frame, criteria=criterion_list),
        pb.Assessment.from_frame(frame, criteria=criterion_list, options=option_list),
    ]
    weights = pb.Weights.from_mapping(points)
    direct = pb.weighting.Direct(points)

    def by_points(assessment):
        return points

    for weighting in (weights, direct, by_points):
        report = pb.evaluate(built[2], weighting=weighting, method=method)
        assert np.isfinite(report.scores).all()

    assert np.array_equal(array, before[0])
    assert array.dtype == before[0].dtype
    assert array.flags.writeable, "the caller's array was made read-only"
    assert nested == before[1]
    assert_same_frame(frame, before[2])
    assert option_list == before[3]
    assert name_list == before[4]
    assert criterion_list == before[5]
    assert points == before[6]

    for assessment in built:
        assert np.array_equal(assessment.scores, a.scores)
        assert not assessment.scores.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            assessment.scores[0, 0] = 1.0
        assert np.array_equal(assessment.scores, a.scores)

    # Later edits of the caller's inputs do not reach the assessments built from them.
    array[0, 0] += 1.0
    nested[0][0] += 1.0
    frame.iloc[0, 0] += 1.0
    for assessment in built:
        assert np.array_equal(assessment.scores, a.scores)


# -- contributions and areas ----------------------------------------------------------------


@PROPERTY
@given(data=st.data())
def test_weighted_sum_contributions_add_up_to_the_score(data):
    a = data.draw(assessments(), label="assessment")
    method = data.draw(methods(("weighted-sum",)), label="method")
    vector = data.draw(weight_vectors(a.n_criteria), label="weights")
    report = pb.evaluate(a, weighting=as_weights(a, vector), method=method)
    contributions = report.contributions
    assert list(contributions.columns) == list(a.criterion_names)
    assert list(contributions.index) == list(report.ranking.index)
    total = contributions.sum(axis=1)
    assert np.allclose(total, report.ranking["score"].loc[total.index], rtol=1e-12, atol=1e-14)


@PROPERTY
@given(data=st.data())
def test_weighted_product_contributions_add_up_to_the_log_score(data):
    a = data.draw(assessments(), label="assessment")
    method = data.draw(methods(("weighted-product",)), label="method")
    vector = data.draw(weight_vectors(a.n_criteria), label="weights")
    report = pb.evaluate(a, weighting=as_weights(a, vector), method=method)
    total = report.contributions.sum(axis=1)
    score = report.ranking["score"].loc[total.index]
    assert np.allclose(total, np.log(score), rtol=1e-10, atol=1e-12)


@PROPERTY
@given(data=st.data())
def test_weighted_sum_minmax_net_by_area_is_the_score_less_the_risk_weight(data):
    a = data.draw(assessments(), label="assessment")
    vector = data.draw(weight_vectors(a.n_criteria), label="weights")
    weights = as_weights(a, vector)
    report = pb.evaluate(
        a, weighting=weights, method=pb.methods.WeightedSum(normalization="minmax")
    )
    by_area = report.by_area
    assert list(by_area.columns.get_level_values("area").unique()) == list(a.areas)
    net = by_area.xs("net", axis=1, level="measure")
    benefit = by_area.xs("benefit", axis=1, level="measure")
    risk = by_area.xs("risk", axis=1, level="measure")
    if a.costs:
        risk = risk + by_area.xs("cost", axis=1, level="measure")
    else:
        assert "cost" not in by_area.columns.get_level_values("measure")
    assert np.allclose(net, benefit - risk, rtol=0, atol=1e-15)
    risk_weight = sum(weights[name] for name in (*a.risks, *a.costs))
    score = report.ranking["score"].loc[net.index]
    assert np.allclose(net.sum(axis=1), score - risk_weight, rtol=1e-12, atol=1e-14)


# -- ranking --------------------------------------------------------------------------------


@PROPERTY
@given(st.lists(st.integers(-6, 6), min_size=0, max_size=12), st.sampled_from([0.25, 1.0, 1e3]))
def test_rank_scores_is_competition_ranking(steps, unit):
    # Values on a coarse grid: distinct ones differ by far more than the tie tolerance.
    scores = np.array(steps, dtype=np.float64) * unit
    ranks = pb.rank_scores(scores)
    assert ranks.dtype.kind == "i"
    expected = [1 + int((scores > s).sum()) for s in scores]
    assert ranks.tolist() == expected


@PROPERTY
@given(
    st.lists(
        st.one_of(
            st.floats(-1e6, 1e6),
            st.sampled_from([0.0, 0.1 + 0.2, 0.3, 1.0, 1.0 - 1e-9, -2.5]),
        ),
        min_size=1,
        max_size=15,
    )
)
def test_rank_scores_ranks_are_1_to_n_shared_by_equal_scores_and_follow_the_scores(values):
    scores = np.array(values, dtype=np.float64)
    n = len(scores)
    ranks = pb.rank_scores(scores)
    assert ranks.shape == (n,)
    assert ranks.min() == 1
    assert ranks.max() <= n
    for i in range(n):
        # Competition ranking: the rank is one more than the number ranked strictly better.
        assert ranks[i] == 1 + (ranks < ranks[i]).sum()
        for j in range(n):
            if scores[i] == scores[j]:
                assert ranks[i] == ranks[j]
            elif scores[i] > scores[j]:
                assert ranks[i] <= ranks[j]
    # Sorting by score (best first) sorts the ranks.
    by_score = ranks[np.argsort(-scores, kind="stable")]
    assert (np.diff(by_score) >= 0).all()
    # Ranks do not depend on the order the scores come in.
    reverse = pb.rank_scores(scores[::-1])
    assert reverse[::-1].tolist() == ranks.tolist()


def test_strategies_draw_what_they_promise():
    # Guards the strategies, so that the properties above are not vacuous.
    seen: set[str] = set()

    @PROPERTY
    @given(a=assessments(), case=dominance_cases())
    def check(a, case):
        assert a.scores.min() >= LOW_SCORE
        assert a.scores.max() <= HIGH_SCORE
        assert (np.ptp(a.scores, axis=0) > 0).all()
        for j, c in enumerate(a.criteria):
            if c.scale is not None:
                assert a.scores[:, j].min() >= c.scale[0]
                assert a.scores[:, j].max() <= c.scale[1]
        if len(set(a.lower_is_better)) == 2:
            seen.add("benefits and risks or costs")
        if a.costs:
            seen.add("a cost")
        if len(a.areas) > 1:
            seen.add("several areas")
        if any(c.scale is None for c in a.criteria):
            seen.add("no scale")
        if any(c.scale is not None for c in a.criteria):
            seen.add("a scale")
        _extended, winner, _loser = case
        seen.add("added better" if winner.startswith("Constructed") else "added worse")

    check()
    assert seen == {
        "benefits and risks or costs",
        "a cost",
        "several areas",
        "no scale",
        "a scale",
        "added better",
        "added worse",
    }


def test_no_property_depends_on_the_machine_speed():
    # A busy 2-core machine once failed a property on hypothesis's 200 ms deadline.
    assert settings.default.deadline is None
