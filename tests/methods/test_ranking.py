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
