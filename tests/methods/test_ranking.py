"""Ranking scores: competition ranks, ties within the tolerance, and the order of ties."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.methods.ranking import rank_and_order, rank_scores


def test_competition_ranking_with_ties():
    assert pb.rank_scores([0.9, 0.7, 0.7, 0.5]).tolist() == [1, 2, 2, 4]


def test_rounding_noise_does_not_split_a_tie():
    assert pb.rank_scores([0.3, 0.1 + 0.2]).tolist() == [1, 1]


def test_real_differences_are_kept():
    assert pb.rank_scores([1.0, 1.0 - 1e-9]).tolist() == [1, 2]


def test_empty():
    assert pb.rank_scores(np.array([])).tolist() == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from([0.0, 0.3, 0.1 + 0.2, 1.0, -2.0]), st.floats(-10, 10)),
        min_size=0,
        max_size=20,
    )
)
def test_order_lists_options_by_rank_and_ties_in_option_order(values):
    ranks, order = rank_and_order(values)
    assert ranks.tolist() == rank_scores(values).tolist()
    expected = np.lexsort((np.arange(len(values)), ranks)) if values else []
    assert order.tolist() == list(expected)


def _reference(values):
    """The rule as documented, spelled out with a full sort of (group, option)."""
    values = np.asarray(values, dtype=np.float64)
    n = len(values)
    order = np.argsort(-values, kind="stable")
    ordered = values[order]
    tolerance = pb.methods.ranking.TIE_TOLERANCE * max(1.0, float(np.abs(values).max()))
    starts = np.concatenate(([True], (ordered[:-1] - ordered[1:]) > tolerance))
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = first + 1
    return ranks, order[np.lexsort((order, first))]


# Scores drawn from a few values, some within the tolerance of each other, so that
# ties of every size (and chains of near-ties) occur next to untied scores.
_NEAR = st.sampled_from([0.0, 1.0, 1.0 + 4e-13, 1.0 + 8e-13, 1.0 + 2e-12, 0.3, 0.1 + 0.2, -5.0])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_NEAR, st.floats(-1e6, 1e6)), min_size=1, max_size=200))
def test_ties_rank_and_order_as_the_full_sort_defines_them(values):
    ranks, order = rank_and_order(values)
    expected_ranks, expected_order = _reference(values)
    assert ranks.tolist() == expected_ranks.tolist()
    assert order.tolist() == expected_order.tolist()


def test_many_options_with_a_few_ties_among_them():
    rng = np.random.default_rng(3)
    values = rng.random(20_000)
    values[rng.integers(0, 20_000, 500)] = values[rng.integers(0, 20_000, 500)]
    values[:40] = 0.5
    ranks, order = rank_and_order(values)
    expected_ranks, expected_order = _reference(values)
    assert np.array_equal(ranks, expected_ranks)
    assert np.array_equal(order, expected_order)
