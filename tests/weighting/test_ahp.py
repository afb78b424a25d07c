"""AHP and group AHP: published examples, consistency, completion, errors and algebra."""

import warnings

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import (
    ConsistencyWarning,
    InvalidParameterError,
    JudgementError,
    WeightError,
)
from powerbalance.weighting import AHP, RANDOM_INDICES, AHPGroup, random_index

# Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process. European
# Journal of Operational Research 48(1), 9-26: the family buying a house, criteria
# compared in pairs (the example first appears in Saaty 1980). Printed there: the
# priority vector (three decimals), lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169.
HOUSE_CRITERIA = [
    "Size of house",
    "Transportation",
    "Neighborhood",
    "Age of house",
    "Yard space",
    "Modern facilities",
    "General condition",
    "Financing",
]
HOUSE_MATRIX = np.array(
    [
        [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
        [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
        [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
        [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
        [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
        [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
        [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
        [4, 7, 5, 8, 6, 6, 2, 1],
    ]
)
HOUSE_PRIORITIES = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
HOUSE_LAMBDA_MAX, HOUSE_CI, HOUSE_CR = 9.669, 0.238, 0.169

# Bozóki, S., Fülöp, J. and Rónyai, L. (2010). On optimal completion of incomplete
# pairwise comparison matrices. Mathematical and Computer Modelling 52(1-2), 318-333:
# their incomplete 8 x 8 example is Saaty's house matrix with 12 of its 28 comparisons
# removed (NaN here).
HOUSE_INCOMPLETE = HOUSE_MATRIX.copy()
for i, j in [
    (1, 2), (1, 4), (1, 6), (2, 3), (2, 5), (2, 7),
    (3, 4), (3, 6), (4, 5), (4, 7), (5, 6), (6, 7),
]:  # fmt: skip
    HOUSE_INCOMPLETE[i, j] = HOUSE_INCOMPLETE[j, i] = np.nan

# Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill: random indices, n = 1..10.
SAATY_1980_RI = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]
# Alonso, J. A. and Lamata, M. T. (2006). Consistency in the analytic hierarchy process:
# a new approach. IJUFKBS 14(4), 445-459: random indices from 100,000 matrices, n = 3..15.
ALONSO_LAMATA_2006_RI = [
    0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499,
    1.4854, 1.5141, 1.5365, 1.5551, 1.5713, 1.5838,
]  # fmt: skip


def assessment(names) -> pb.Assessment:
    criteria = [pb.Criterion(name, area="Area", kind="benefit") for name in names]
    scores = np.arange(2 * len(names), dtype=float).reshape(2, len(names))
    return pb.Assessment(["Option A", "Option B"], criteria, scores)


def house_frame(matrix=HOUSE_MATRIX) -> pd.DataFrame:
    return pd.DataFrame(matrix, index=HOUSE_CRITERIA, columns=HOUSE_CRITERIA)


def consistent_judgements(weights, names=None):
    names = names or [f"C{i}" for i in range(len(weights))]
    return {
        (names[i], names[j]): weights[i] / weights[j]
        for i in range(len(weights))
        for j in range(i + 1, len(weights))
    }


# -- published examples --------------------------------------------------------------------


def test_ahp_eigenvector_saaty_1990_house_example():
    ahp = AHP(house_frame())
    np.testing.assert_allclose(ahp.priorities.to_numpy(), HOUSE_PRIORITIES, atol=5e-4)
    assert ahp.lambda_max == pytest.approx(HOUSE_LAMBDA_MAX, abs=5e-4)
    assert ahp.consistency_index == pytest.approx(HOUSE_CI, abs=5e-4)
    assert ahp.consistency_ratio == pytest.approx(HOUSE_CR, abs=5e-4)
    # And the definitions behind the printed numbers, to full precision.
    assert ahp.consistency_index == pytest.approx((ahp.lambda_max - 8) / 7, rel=1e-14)
    assert ahp.consistency_ratio == pytest.approx(ahp.consistency_index / 1.41, rel=1e-14)
    w = ahp.priorities.to_numpy()
    np.testing.assert_allclose(HOUSE_MATRIX @ w, ahp.lambda_max * w, rtol=1e-12)


def test_ahp_geometric_on_saaty_1990_house_example_is_the_row_geometric_mean():
    # Crawford and Williams (1985): w_i proportional to the geometric mean of row i.
    rows = np.prod(HOUSE_MATRIX, axis=1) ** (1 / 8)
    ahp = AHP(house_frame(), method="geometric")
    np.testing.assert_allclose(ahp.priorities.to_numpy(), rows / rows.sum(), rtol=1e-12)
    # The consistency measures are those of the matrix, whatever the priority method.
    assert ahp.consistency_ratio == pytest.approx(HOUSE_CR, abs=5e-4)
    assert ahp.lambda_max == AHP(house_frame()).lambda_max


def test_saaty_1990_house_example_warns_and_names_the_most_inconsistent_judgement():
    ahp = AHP(house_frame())
    # The judgement deviating most from w_i / w_j in log terms, found independently.
    w = ahp.priorities.to_numpy()
    deviation = np.abs(np.log(HOUSE_MATRIX) - np.log(np.outer(w, 1 / w)))
    i, j = np.unravel_index(np.argmax(np.triu(deviation)), deviation.shape)
    assert (HOUSE_CRITERIA[i], HOUSE_CRITERIA[j]) == ("Neighborhood", "General condition")
    with pytest.warns(ConsistencyWarning) as record:
        weights = ahp.weigh(assessment(HOUSE_CRITERIA))
    message = str(record[0].message)
    assert "('Neighborhood', 'General condition') = 6" in message
    assert f"{w[i] / w[j]:.3g}" in message  # the value consistent with the priorities
    assert "0.169" in message
    np.testing.assert_allclose(weights.to_series().to_numpy(), w)


@pytest.mark.parametrize(
    ("table", "published", "first_order"),
    [("saaty1980", SAATY_1980_RI, 1), ("alonso-lamata2006", ALONSO_LAMATA_2006_RI, 3)],
)
def test_random_index_tables_reproduce_their_sources(table, published, first_order):
    orders = list(range(first_order, first_order + len(published)))
    assert [RANDOM_INDICES[table][n] for n in orders] == published
    assert [random_index(n, table) for n in orders] == published
    assert max(RANDOM_INDICES[table]) == orders[-1]


def test_alonso_lamata_2006_random_indices_match_a_fresh_simulation():
    # Their sampling: every upper entry uniform on the 17 values 1/9, ..., 1/2, 1, 2, ..., 9.
    rng = np.random.default_rng(20060)
    scale = np.array([1 / k for k in range(9, 1, -1)] + list(range(1, 10)), dtype=float)
    for n in range(3, 11):
        upper = np.triu_indices(n, 1)
        matrices = np.ones((4000, n, n))
        values = rng.choice(scale, size=(4000, len(upper[0])))
        matrices[:, upper[0], upper[1]] = values
        matrices[:, upper[1], upper[0]] = 1 / values
        lambda_max = np.linalg.eigvals(matrices).real.max(axis=1)
        simulated = ((lambda_max - n) / (n - 1)).mean()
        assert simulated == pytest.approx(random_index(n, "alonso-lamata2006"), abs=0.03)


def test_random_index_is_zero_for_two_or_fewer_criteria_and_fails_beyond_the_table():
    assert random_index(1) == random_index(2) == 0.0
    with pytest.raises(
        InvalidParameterError, match="table must be a table with a value for 11 criteria"
    ):
        random_index(11)
    with pytest.raises(InvalidParameterError, match="Did you mean 'saaty1980'"):
        random_index(5, "saaty1908")
    assert random_index(11, {11: 1.5}) == 1.5


# -- consistency warning -----------------------------------------------------------------


def test_consistent_judgements_do_not_warn():
    ahp = AHP(consistent_judgements([4.0, 2.0, 1.0, 1.0]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        weights = ahp.weigh(assessment(["C0", "C1", "C2", "C3"]))
    assert ahp.consistency_ratio == pytest.approx(0, abs=1e-12)
    np.testing.assert_allclose(weights.to_series().to_numpy(), [0.5, 0.25, 0.125, 0.125])


def test_inconsistent_judgements_warn_naming_the_worst_pair():
    judgements = consistent_judgements([4.0, 2.0, 1.0, 1.0], ["a", "b", "c", "d"])
    judgements[("b", "d")] = 1 / 4  # the others imply 2
    ahp = AHP(judgements)
    assert ahp.consistency_ratio > 0.1
    assert tuple(ahp.inconsistencies().iloc[0][["criterion", "other"]]) == ("b", "d")
    with pytest.warns(ConsistencyWarning, match=r"\('b', 'd'\) = 0\.25"):
        ahp.weigh(assessment(["a", "b", "c", "d"]))


def test_threshold_none_or_higher_accepts_inconsistent_judgements():
    a = assessment(HOUSE_CRITERIA)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        AHP(house_frame(), threshold=None).weigh(a)
        AHP(house_frame(), threshold=0.2).weigh(a)


def test_alonso_lamata_table_changes_only_the_ratio():
    saaty = AHP(house_frame())
    alonso = AHP(house_frame(), random_index="alonso-lamata2006")
    assert alonso.consistency_index == saaty.consistency_index
    assert alonso.consistency_ratio == pytest.approx(saaty.consistency_index / 1.4056)
    assert AHP({("a", "b"): 2}, random_index={3: 0.5}).consistency_ratio == 0.0


def test_more_criteria_than_the_table_needs_another_table_or_no_threshold():
    names = [f"C{i}" for i in range(12)]
    judgements = consistent_judgements(np.arange(1.0, 13.0), names)
    with pytest.raises(InvalidParameterError, match="alonso-lamata2006"):
        AHP(judgements)
    assert AHP(judgements, random_index="alonso-lamata2006").consistency_ratio < 1e-9
    ahp = AHP(judgements, threshold=None)
    with pytest.raises(InvalidParameterError):
        _ = ahp.consistency_ratio
    assert ahp.consistency_index < 1e-9


# -- inputs --------------------------------------------------------------------------------


def test_mapping_and_frame_give_the_same_scheme_results():
    from_frame = AHP(house_frame())
    pairs = {
        (a, b): HOUSE_MATRIX[i, j]
        for i, a in enumerate(HOUSE_CRITERIA)
        for j, b in enumerate(HOUSE_CRITERIA)
        if i < j
    }
    from_mapping = AHP(pairs)
    pd.testing.assert_frame_equal(from_frame.matrix, from_mapping.matrix)
    pd.testing.assert_series_equal(from_frame.priorities, from_mapping.priorities)


def test_upper_triangle_alone_and_reordered_columns_are_accepted():
    upper = np.where(np.triu(np.ones((8, 8)), 1) > 0, HOUSE_MATRIX, np.nan)
    frame = house_frame(upper)
    ahp = AHP(frame[HOUSE_CRITERIA[::-1]])  # columns reversed
    np.testing.assert_allclose(ahp.matrix.to_numpy(), HOUSE_MATRIX, rtol=1e-15)


def test_reverse_judgement_may_be_given_rounded():
    ahp = AHP({("a", "b"): 3, ("b", "a"): 0.33, ("b", "c"): 1 / 7, ("c", "b"): 7})
    assert dict(ahp.judgements) == {("a", "b"): 3.0, ("b", "c"): 1 / 7}


def test_inputs_are_not_modified():
    judgements = {("a", "b"): 3, ("b", "c"): 2}
    frame = house_frame(HOUSE_INCOMPLETE)
    before = frame.copy()
    AHP(judgements)
    AHP(frame)
    assert judgements == {("a", "b"): 3, ("b", "c"): 2}
    pd.testing.assert_frame_equal(frame, before)


def test_weights_follow_the_assessment_order_and_evaluate_accepts_the_scheme():
    ahp = AHP({("b", "a"): 3})
    a = assessment(["a", "b"])
    assert list(ahp.weigh(a)) == ["a", "b"]
    assert pb.evaluate(a, weighting=ahp).weights["b"] == pytest.approx(0.75)


def test_scheme_is_frozen_keyword_only_and_evolvable():
    ahp = AHP({("a", "b"): 3})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ahp.method = "geometric"
    with pytest.raises(TypeError):
        AHP({("a", "b"): 3}, "geometric")
    assert attrs.evolve(ahp, method="geometric") == AHP({("a", "b"): 3}, method="geometric")
    with pytest.raises(TypeError):
        ahp.judgements[("a", "b")] = 4
    view = ahp.matrix
    view.loc["a", "b"] = 100
    priorities = ahp.priorities
    priorities.iloc[0] = 0
    assert ahp.matrix.loc["a", "b"] == 3
    assert ahp.priorities.iloc[0] == pytest.approx(0.75)


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, -3, float("nan"), float("inf"), "3"])
def test_non_positive_or_non_finite_ratio_names_the_pair(value):
    with pytest.raises(JudgementError, match=r"\('Security', 'Economic'\)"):
        AHP({("Climate", "Security"): 1, ("Security", "Economic"): value})


def test_pair_given_both_ways_with_non_reciprocal_values_names_the_pair():
    with pytest.raises(JudgementError, match=r"\('A', 'B'\) and \('B', 'A'\)"):
        AHP({("A", "B"): 3, ("B", "A"): 2})


def test_self_comparison_other_than_one():
    with pytest.raises(JudgementError, match=r"self-comparison \('A', 'A'\) must be 1 .*got 2\."):
        AHP({("A", "B"): 3, ("A", "A"): 2})
    assert AHP({("A", "B"): 3, ("A", "A"): 1}).criterion_names == ("A", "B")


def test_matrix_not_reciprocal_names_the_cells():
    matrix = HOUSE_MATRIX.copy()
    matrix[7, 2] = 4  # Financing over Neighborhood; the other cell says 5
    with pytest.raises(JudgementError, match=r"\('Neighborhood', 'Financing'\)"):
        AHP(house_frame(matrix))


def test_matrix_diagonal_not_one_names_the_cell():
    matrix = HOUSE_MATRIX.copy()
    matrix[3, 3] = 2
    with pytest.raises(
        JudgementError, match=r"\('Age of house', 'Age of house'\) must be 1.*got 2\."
    ):
        AHP(house_frame(matrix))


def test_matrix_index_and_columns_must_be_the_same_criteria():
    frame = house_frame().rename(columns={"Financing": "Finance"})
    with pytest.raises(JudgementError, match="got 'Finance' as a column but not a row"):
        AHP(frame)


def test_unknown_criterion_at_weigh_time_with_did_you_mean():
    ahp = AHP({("Security", "Economy"): 3})
    with pytest.raises(JudgementError, match=r"'Economy'.*Did you mean 'Economic'"):
        ahp.weigh(assessment(["Security", "Economic"]))


def test_criterion_of_the_assessment_missing_from_the_judgements():
    ahp = AHP({("Security", "Economic"): 3})
    with pytest.raises(
        JudgementError,
        match="must compare every criterion of the assessment; got none for criterion 'Climate'",
    ):
        ahp.weigh(assessment(["Security", "Economic", "Climate"]))


def test_disconnected_judgements_name_the_groups():
    judgements = {("A", "B"): 3, ("C", "D"): 2, ("D", "E"): 1}
    with pytest.raises(JudgementError, match=r"2 groups.*\['A', 'B'\]; \['C', 'D', 'E'\]"):
        AHP(judgements)


def test_too_few_judgements_name_the_unconnected_criterion():
    frame = pd.DataFrame(np.nan, index=["A", "B", "C"], columns=["A", "B", "C"])
    frame.loc["A", "B"] = 2
    with pytest.raises(JudgementError, match=r"\['C'\].*need at least 2 judgements; got 1"):
        AHP(frame)


def test_judgement_errors_are_weight_and_value_errors():
    with pytest.raises(WeightError):
        AHP({("A", "B"): -1})
    with pytest.raises(ValueError, match="judgements must be at least one comparison"):
        AHP({})


def test_bad_parameters():
    with pytest.raises(InvalidParameterError, match="Did you mean 'geometric'"):
        AHP({("a", "b"): 2}, method="geometrc")
    with pytest.raises(InvalidParameterError, match="completion"):
        AHP({("a", "b"): 2}, completion="harkr")
    with pytest.raises(InvalidParameterError, match="threshold"):
        AHP({("a", "b"): 2}, threshold=-0.1)
    with pytest.raises(InvalidParameterError, match="mapping of criterion pairs"):
        AHP([("a", "b", 2)])
    with pytest.raises(JudgementError, match="pair of criterion names"):
        AHP({"a": 2})


# -- incomplete judgements -----------------------------------------------------------------


@pytest.mark.parametrize("method", ["eigenvector", "geometric"])
@pytest.mark.parametrize("completion", [None, "harker", "logarithmic-least-squares"])
def test_consistent_matrix_with_one_judgement_removed_gives_the_same_weights(method, completion):
    weights = np.array([0.4, 0.25, 0.2, 0.1, 0.05])
    judgements = consistent_judgements(weights)
    complete = AHP(judgements, method=method, completion=completion)
    del judgements[("C1", "C3")]
    incomplete = AHP(judgements, method=method, completion=completion)
    np.testing.assert_allclose(incomplete.priorities.to_numpy(), weights, rtol=1e-12)
    np.testing.assert_allclose(incomplete.priorities, complete.priorities, rtol=1e-12)
    assert incomplete.matrix.loc["C1", "C3"] == pytest.approx(0.25 / 0.1, rel=1e-12)
    assert incomplete.consistency_ratio == pytest.approx(0, abs=1e-12)


def test_llsm_completion_bozoki_fulop_ronyai_2010_incomplete_house_example():
    # LLSM for incomplete matrices (Kwiesielewicz 1996; Bozóki, Fülöp and Rónyai 2010):
    # minimize the sum over the 16 given judgements of (ln a_ij - y_i + y_j)^2. Checked
    # here against an independent least-squares solve on the incidence matrix.
    ahp = AHP(house_frame(HOUSE_INCOMPLETE), method="geometric", threshold=None)
    rows, columns = np.nonzero(np.triu(~np.isnan(HOUSE_INCOMPLETE), 1))
    assert len(rows) == 16
    incidence = np.zeros((len(rows), 8))
    incidence[np.arange(len(rows)), rows] = 1
    incidence[np.arange(len(rows)), columns] = -1
    y, *_ = np.linalg.lstsq(incidence, np.log(HOUSE_INCOMPLETE[rows, columns]), rcond=None)
    expected = np.exp(y) / np.exp(y).sum()
    np.testing.assert_allclose(ahp.priorities.to_numpy(), expected, rtol=1e-12)
    # Kułakowski (2020): the row geometric means of the completed matrix are the LLSM
    # weights, and the completion leaves the given judgements untouched.
    completed = ahp.matrix.to_numpy()
    means = np.prod(completed, axis=1) ** (1 / 8)
    np.testing.assert_allclose(means / means.sum(), expected, rtol=1e-12)
    given = ~np.isnan(HOUSE_INCOMPLETE)
    np.testing.assert_array_equal(completed[given], HOUSE_INCOMPLETE[given])


def test_harker_completion_bozoki_fulop_ronyai_2010_incomplete_house_example():
    # Harker (1987): missing cells 0, diagonal 1 + (missing judgements in the row); the
    # priorities are its Perron eigenvector, which the completed matrix shares.
    ahp = AHP(house_frame(HOUSE_INCOMPLETE), threshold=None)
    w = ahp.priorities.to_numpy()
    harker = np.nan_to_num(HOUSE_INCOMPLETE, nan=0.0)
    missing = np.isnan(HOUSE_INCOMPLETE).sum(axis=1)
    harker[np.diag_indices(8)] = 1 + missing
    lambda_harker = (harker @ w) / w
    np.testing.assert_allclose(lambda_harker, lambda_harker[0], rtol=1e-10)
    completed = ahp.matrix.to_numpy()
    np.testing.assert_allclose(completed @ w, ahp.lambda_max * w, rtol=1e-10)
    assert ahp.lambda_max == pytest.approx(lambda_harker[0], rel=1e-10)
    np.testing.assert_allclose(completed, 1 / completed.T, rtol=1e-12)


def test_completion_is_irrelevant_for_complete_judgements():
    harker = AHP(house_frame(), completion="harker")
    llsm = AHP(house_frame(), completion="logarithmic-least-squares")
    pd.testing.assert_series_equal(harker.priorities, llsm.priorities)


# -- groups --------------------------------------------------------------------------------


def test_group_of_identical_experts_gives_the_single_expert_weights():
    expert = AHP(house_frame())
    group = AHPGroup([expert, expert], threshold=None)
    a = assessment(HOUSE_CRITERIA)
    single = AHP(house_frame(), threshold=None).weigh(a)
    np.testing.assert_allclose(group.weigh(a).array, single.array, rtol=1e-12)
    assert group.disagreement().tolist() == [0.0] * 8


def test_group_aggregate_is_the_elementwise_weighted_geometric_mean():
    # Forman and Peniwati (1998): AIJ by the (weighted) geometric mean of judgements.
    rng = np.random.default_rng(7)
    scale = np.array([1 / 5, 1 / 3, 1, 3, 5, 7])
    matrices = []
    for _ in range(3):
        m = np.ones((4, 4))
        upper = np.triu_indices(4, 1)
        m[upper] = rng.choice(scale, size=6)
        m[upper[::-1]] = 1 / m[upper]
        matrices.append(m)
    names = ["a", "b", "c", "d"]
    experts = [AHP(pd.DataFrame(m, index=names, columns=names)) for m in matrices]
    expert_weights = np.array([1.0, 2.0, 5.0])
    group = AHPGroup(experts, expert_weights=list(expert_weights), threshold=None)
    pi = expert_weights / expert_weights.sum()
    expected = np.exp(np.tensordot(pi, np.log(np.array(matrices)), axes=1))
    np.testing.assert_allclose(group.aggregate.matrix.to_numpy(), expected, rtol=1e-12)
    equal = AHPGroup(experts, threshold=None).aggregate.matrix.to_numpy()
    np.testing.assert_allclose(equal, np.prod(matrices, axis=0) ** (1 / 3), rtol=1e-12)


def test_group_disagreement_is_positive_when_experts_differ():
    group = AHPGroup(
        {"Alice": AHP({("a", "b"): 4, ("b", "c"): 1}), "Bob": AHP({("a", "b"): 1, ("b", "c"): 1})}
    )
    disagreement = group.disagreement()
    assert list(disagreement.index) == ["a", "b", "c"]
    assert (disagreement > 0).all()
    logs = np.log(group.priorities.to_numpy())
    np.testing.assert_allclose(disagreement.to_numpy(), np.abs(logs[0] - logs[1]) / 2)
    assert list(group.priorities.index) == ["Alice", "Bob"]


def test_group_with_expert_weights_by_name_and_incomplete_experts():
    group = AHPGroup(
        {
            "Alice": AHP({("a", "b"): 2, ("b", "c"): 2}),
            "Bob": AHP({("a", "b"): 8, ("a", "c"): 4}),
        },
        expert_weights={"Alice": 1, "Bob": 3},
    )
    judgements = dict(group.aggregate.judgements)
    assert judgements[("a", "b")] == pytest.approx(2**0.25 * 8**0.75)
    assert judgements[("b", "c")] == pytest.approx(2)  # only Alice judged it
    assert judgements[("a", "c")] == pytest.approx(4)  # only Bob judged it
    # A judgement given the other way round is turned before averaging.
    flipped = AHPGroup([AHP({("a", "b"): 2}), AHP({("b", "a"): 1 / 8})])
    assert dict(flipped.aggregate.judgements) == {("a", "b"): pytest.approx(4)}


def test_group_errors():
    with pytest.raises(JudgementError, match="same criteria"):
        AHPGroup([AHP({("a", "b"): 2}), AHP({("a", "c"): 2})])
    with pytest.raises(InvalidParameterError, match="one weight per expert"):
        AHPGroup([AHP({("a", "b"): 2})], expert_weights=[1, 2])
    with pytest.raises(InvalidParameterError, match="positive"):
        AHPGroup([AHP({("a", "b"): 2}), AHP({("a", "b"): 3})], expert_weights=[1, 0])
    with pytest.raises(InvalidParameterError, match="AHP scheme"):
        AHPGroup([{("a", "b"): 2}])
    with pytest.raises(InvalidParameterError, match="at least one"):
        AHPGroup([])
    with pytest.raises(JudgementError, match="Did you mean 'b'"):
        AHPGroup([AHP({("a", "B"): 2})]).weigh(assessment(["a", "b"]))


def test_group_warns_about_inconsistent_aggregate():
    group = AHPGroup([AHP(house_frame()), AHP(house_frame())])
    with pytest.warns(ConsistencyWarning, match="^AHPGroup: .*'Neighborhood', 'General condition'"):
        group.weigh(assessment(HOUSE_CRITERIA))


# -- algebra -------------------------------------------------------------------------------

positive_weights = st.lists(
    st.floats(min_value=0.05, max_value=20.0, allow_nan=False), min_size=2, max_size=9
)


@settings(max_examples=60, deadline=None)
@given(weights=positive_weights)
def test_consistent_matrices_give_back_their_weights(weights):
    w = np.array(weights)
    judgements = consistent_judgements(w)
    for method in ("eigenvector", "geometric"):
        ahp = AHP(judgements, method=method)
        np.testing.assert_allclose(ahp.priorities.to_numpy(), w / w.sum(), rtol=1e-9)
        assert ahp.consistency_ratio == pytest.approx(0, abs=1e-9)
        assert ahp.lambda_max == pytest.approx(len(w), rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(weights=positive_weights, data=st.data())
def test_consistent_spanning_judgements_give_back_their_weights(weights, data):
    # Any connected subset of consistent judgements determines the weights exactly.
    w = np.array(weights)
    n = len(w)
    pairs = {(data.draw(st.integers(0, k - 1)), k) for k in range(1, n)}  # a spanning tree
    extra = data.draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))))
    pairs |= {(i, j) for i, j in extra if i < j}
    judgements = {(f"C{i}", f"C{j}"): w[i] / w[j] for i, j in pairs}
    for method in ("eigenvector", "geometric"):
        for completion in ("harker", "logarithmic-least-squares"):
            ahp = AHP(judgements, method=method, completion=completion)
            order = [int(name[1:]) for name in ahp.criterion_names]
            expected = w[order] / w.sum()
            np.testing.assert_allclose(ahp.priorities.to_numpy(), expected, rtol=1e-9)
            assert ahp.consistency_ratio == pytest.approx(0, abs=1e-9)
