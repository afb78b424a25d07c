"""Rank correlations and consensus rules."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from powerbalance import agreement

rankings = st.integers(2, 12).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(1, n), min_size=n, max_size=n),
        st.lists(st.integers(1, n), min_size=n, max_size=n),
    )
)


@settings(max_examples=200, deadline=None)
@given(rankings)
def test_kendall_and_spearman_match_scipy(pair):
    x, y = (np.array(r, dtype=float) for r in pair)
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return  # undefined in scipy (nan); our convention is tested below
    assert agreement.kendall_tau_b(x, y) == pytest.approx(
        stats.kendalltau(x, y, variant="b").statistic, abs=1e-12
    )
    assert agreement.spearman(x, y) == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)


def test_constant_rankings_have_defined_correlations():
    assert agreement.kendall_tau_b([1, 1, 1], [1, 1, 1]) == 1.0
    assert agreement.kendall_tau_b([1, 1, 1], [1, 2, 3]) == 0.0
    assert agreement.spearman([1, 1, 1], [1, 2, 3]) == 0.0


def test_weighted_spearman_pinto_da_costa_soares_2005_formula():
    # Pinto da Costa, J. and Soares, C. (2005), ANZJS 47(4), 515-529, equation for r_w:
    # identical rankings give 1, reversed rankings of two options give -1, and a swap at
    # the top costs more than the same swap at the bottom.
    assert agreement.weighted_spearman([1, 2, 3], [1, 2, 3]) == 1.0
    assert agreement.weighted_spearman([1, 2], [2, 1]) == pytest.approx(-1.0)
    n = 5
    x = np.arange(1, n + 1)
    top, bottom = x.copy(), x.copy()
    top[[0, 1]] = top[[1, 0]]
    bottom[[3, 4]] = bottom[[4, 3]]
    # Hand-computed: sum (x - y)^2 ((N - x + 1) + (N - y + 1)) over the swapped pair.
    expected_top = 1 - 6 * (1 * (5 + 4) * 2) / (n**4 + n**3 - n**2 - n)
    assert agreement.weighted_spearman(x, top) == pytest.approx(expected_top)
    assert agreement.weighted_spearman(x, top) < agreement.weighted_spearman(x, bottom)


def test_ws_similarity_salabun_urbaniak_2020_formula():
    # Sałabun, W. and Urbaniak, K. (2020), ICCS 2020, LNCS 12138, 632-645: WS = 1 for
    # identical rankings; swapping the top two of five costs 2^-1 * 1/4 + 2^-2 * 1/3.
    assert agreement.ws_similarity([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]) == 1.0
    assert agreement.ws_similarity([1, 2, 3, 4, 5], [2, 1, 3, 4, 5]) == pytest.approx(
        1 - (0.5 * 1 / 4 + 0.25 * 1 / 3)
    )
    # Asymmetric: the reference ranking sets the weights.
    assert agreement.ws_similarity([1, 2, 3, 4], [2, 3, 1, 4]) == pytest.approx(7 / 12)
    assert agreement.ws_similarity([2, 3, 1, 4], [1, 2, 3, 4]) == pytest.approx(23 / 48)


def test_borda_and_copeland_on_a_classic_profile():
    # Three voters over A, B, C: A>B>C, A>C>B, B>A>C (options in rows, rankings in columns).
    ranks = np.array([[1, 1, 2], [2, 3, 1], [3, 2, 3]])
    # Borda points n - r: A 2+2+1 = 5, B 1+0+2 = 3, C 0+1+0 = 1.
    assert agreement.consensus_scores(ranks, "borda").tolist() == [5, 3, 1]
    # Copeland: A beats B (2-1) and C (3-0); B beats C (2-1).
    assert agreement.consensus_scores(ranks, "copeland").tolist() == [2, 0, -2]


def test_borda_and_copeland_can_disagree():
    # A is first for a bare majority, last otherwise; B is always second.
    ranks = np.array([[1, 1, 3, 3, 1], [2, 2, 2, 2, 2], [3, 3, 1, 1, 3]])
    # Copeland: A beats B and C 3-2 (a Condorcet winner); Borda: A 2+2+0+0+2 = 6,
    # B 1*5 = 5, C 0+0+2+2+0 = 4.
    assert agreement.consensus_ranks(ranks, "copeland").tolist() == [1, 2, 3]
    ranks[:, 4] = [3, 2, 1]
    # Now C leads the majority; Borda sees B's steady second places: 5 vs A 4 vs C 6.
    assert agreement.consensus_ranks(ranks, "borda").tolist() == [3, 2, 1]


def test_unknown_names_are_clear_errors():
    from powerbalance.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="Did you mean 'kendall'"):
        agreement.correlation([[1, 2], [2, 1]], "kendal")
    with pytest.raises(InvalidParameterError, match="Did you mean 'borda'"):
        agreement.consensus_scores([[1, 2], [2, 1]], "bord")
