"""SMAA's pairwise wins and tie handling, checked against their definitions by brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.methods.ranking import TIE_TOLERANCE
from powerbalance.sensitivity.smaa import _chunk
from powerbalance.sensitivity.smaa._wins import Scratch, position_dtype, win_counts


def brute_wins(values: np.ndarray) -> np.ndarray:
    """wins[i, j] = rankings (columns) in which row i has a higher value than row j."""
    return (values[:, None, :] > values[None, :, :]).sum(axis=2)


def strict_wins(scores: np.ndarray) -> np.ndarray:
    """The documented rule: a win needs a score higher by more than the tolerance."""
    largest = np.abs(scores).max(axis=1)
    tolerance = TIE_TOLERANCE * np.maximum(1.0, largest)
    return ((scores[:, :, None] - scores[:, None, :]) > tolerance[:, None, None]).sum(axis=0)


@pytest.mark.parametrize(
    ("n", "count"),
    [(1, 5), (2, 1), (7, 9), (40, 2_041), (130, 300), (300, 17)],
)
@pytest.mark.parametrize("distinct", [True, False])
def test_win_counts_match_brute_force(n, count, distinct):
    rng = np.random.default_rng(n * count)
    dtype = position_dtype(n)
    if distinct:
        values = np.argsort(rng.random((count, n)), axis=1).T.astype(dtype)
    else:
        values = rng.integers(0, 3, size=(n, count)).astype(dtype)
    values = np.ascontiguousarray(values)
    assert np.array_equal(win_counts(values, distinct=distinct), brute_wins(values))


def test_win_counts_reuse_their_scratch_without_leaking_values():
    scratch = Scratch()
    rng = np.random.default_rng(3)
    for count in (2_000, 13, 700):
        values = np.ascontiguousarray(rng.integers(0, 5, size=(9, count)).astype(np.uint8))
        assert np.array_equal(
            win_counts(values, distinct=False, scratch=scratch), brute_wins(values)
        )


@settings(max_examples=60)
@given(
    n=st.integers(2, 12),
    rows=st.integers(1, 40),
    ties=st.sampled_from(["none", "exact", "chained"]),
    seed=st.integers(0, 2**32 - 1),
    scale=st.sampled_from([1.0, 1e3]),
)
def test_ranked_wins_follow_the_tolerance_rule(n, rows, ties, seed, scale):
    # Exact ties, and chains of near-ties closer than the tolerance step by step but
    # farther apart end to end: the wins must follow the rule pair by pair.
    rng = np.random.default_rng(seed)
    scores = rng.random((rows, n))
    if ties == "exact":
        scores = np.round(scores, 1)
    elif ties == "chained":
        steps = np.arange(min(n, 4)) * 0.6 * TIE_TOLERANCE
        scores[:, : len(steps)] = scores[:, :1] + steps
    scores *= scale
    keys = rng.random((rows, n))
    order, wins, _ = _chunk._ranked(scores.copy(), lambda r: keys[r], True, Scratch())
    assert np.array_equal(wins, strict_wins(scores))
    # The order is worst first, each row a permutation, shuffled only within a tie
    # group (which spans at most n - 1 steps of the tolerance).
    assert (np.sort(order, axis=1) == np.arange(n)).all()
    ordered = np.take_along_axis(scores, order, axis=1)
    assert (np.diff(ordered, axis=1) >= -n * TIE_TOLERANCE * max(1.0, scale)).all()


def test_winning_indices_equal_a_recount_on_the_same_weights():
    # Two options alike and a third that ties with them on one criterion: rows with
    # ties and rows without, the wins recounted from the very weight vectors drawn.
    criteria = [pb.Criterion(f"c{j}", area="A", kind="benefit", scale=(0, 5)) for j in range(3)]
    scores = [[1, 2, 3], [1, 2, 3], [3, 2, 1], [2, 2, 2], [0, 5, 1]]
    a = pb.Assessment([f"o{i}" for i in range(5)], criteria, scores)
    result = pb.sensitivity.smaa(a, samples=3_000, seed=11, pairwise=True, chunk_size=1_024)
    weights = pb.sensitivity.UniformWeights().sample(a, samples=3_000, seed=11).to_numpy()
    recount = strict_wins(pb.methods.WeightedSum().prepare(a).score(weights))
    assert np.array_equal(result.win_counts, recount)
    assert result.win_counts[0, 1] == result.win_counts[1, 0] == 0


def test_many_options_count_pairwise_wins_when_asked():
    rng = np.random.default_rng(5)
    n = 300
    criteria = [pb.Criterion(f"c{j}", area="A", kind="benefit") for j in range(3)]
    a = pb.Assessment([f"o{i}" for i in range(n)], criteria, rng.random((n, 3)))
    result = pb.sensitivity.smaa(a, samples=1_500, seed=2, pairwise=True, threads=2)
    weights = pb.sensitivity.UniformWeights().sample(a, samples=1_500, seed=2).to_numpy()
    recount = strict_wins(pb.methods.WeightedSum().prepare(a).score(weights))
    assert np.array_equal(result.win_counts, recount)
