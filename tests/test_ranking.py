import numpy as np

import powerbalance as pb


def test_competition_ranking_with_ties():
    assert pb.rank_scores([0.9, 0.7, 0.7, 0.5]).tolist() == [1, 2, 2, 4]


def test_rounding_noise_does_not_split_a_tie():
    assert pb.rank_scores([0.3, 0.1 + 0.2]).tolist() == [1, 1]


def test_real_differences_are_kept():
    assert pb.rank_scores([1.0, 1.0 - 1e-9]).tolist() == [1, 2]


def test_empty():
    assert pb.rank_scores(np.array([])).tolist() == []
