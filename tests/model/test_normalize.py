"""Normalizations: formulas, direction, declared scales, and columns without spread."""

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.model.normalize import NORMALIZATIONS, normalize

SCORES = np.array([[1.0, 2.0], [2.0, 4.0], [4.0, 8.0]])


def pair(scale=None) -> pb.Assessment:
    return pb.Assessment(
        ["A", "B", "C"],
        [
            pb.Criterion("Gain", area="X", kind="benefit", scale=scale),
            pb.Criterion("Harm", area="X", kind="risk", scale=scale),
        ],
        SCORES,
    )


def test_formulas():
    a = pair()
    gain, harm = SCORES[:, 0], SCORES[:, 1]
    expected = {
        "vector": (gain / np.linalg.norm(gain), 1 - harm / np.linalg.norm(harm)),
        "minmax": ((gain - 1) / 3, (8 - harm) / 6),
        "max": (gain / 4, 1 - harm / 8),
        "sum": (gain / gain.sum(), (1 / harm) / (1 / harm).sum()),
        "linear": (gain / 4, 2 / harm),
    }
    for method, (benefit, risk) in expected.items():
        result = normalize(a, method)
        np.testing.assert_allclose(result[:, 0], benefit, err_msg=method)
        np.testing.assert_allclose(result[:, 1], risk, err_msg=method)


@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_higher_is_better_after_normalization(method):
    result = normalize(pair(), method)
    # Gain rises down the rows, harm rises too: benefit rises, turned risk falls.
    assert np.all(np.diff(result[:, 0]) > 0)
    assert np.all(np.diff(result[:, 1]) < 0)


def test_declared_scale_replaces_the_observed_range():
    result = normalize(pair(scale=(0, 10)), "minmax")
    np.testing.assert_allclose(result[:, 0], SCORES[:, 0] / 10)
    np.testing.assert_allclose(result[:, 1], 1 - SCORES[:, 1] / 10)
    np.testing.assert_allclose(normalize(pair(scale=(0, 10)), "max")[:, 0], SCORES[:, 0] / 10)


def test_a_column_without_spread_normalizes_to_a_defined_value():
    a = pb.Assessment(
        ["A", "B"],
        [
            pb.Criterion("Flat", area="X", kind="benefit"),
            pb.Criterion("Zero", area="X", kind="risk"),
        ],
        [[5.0, 0.0], [5.0, 0.0]],
    )
    np.testing.assert_array_equal(normalize(a, "minmax"), [[1.0, 1.0], [1.0, 1.0]])
    np.testing.assert_allclose(normalize(a, "vector"), [[2**-0.5, 1.0], [2**-0.5, 1.0]])


def test_normalize_does_not_modify_the_assessment():
    a = pair()
    before = a.scores.copy()
    for method in NORMALIZATIONS:
        normalize(a, method)
    np.testing.assert_array_equal(a.scores, before)


@pytest.mark.parametrize(
    ("method", "scores"),
    [("minmax", [[-1e308], [1e308]]), ("vector", [[1e200], [2e200]])],
    ids=["range beyond the float range", "squares beyond the float range"],
)
def test_scores_too_large_to_normalize_name_the_criterion(method, scores):
    a = pb.Assessment(["A", "B"], [pb.Criterion("Huge", area="X", kind="benefit")], scores)
    with pytest.raises(pb.errors.NormalizationError, match=r"'Huge'.*larger units"):
        normalize(a, method)


def test_no_negative_zero_after_turning_a_risk_around():
    a = pb.Assessment(["A", "B"], [pb.Criterion("Harm", area="X", kind="risk")], [[1], [3]])
    values = normalize(a, "minmax")
    assert not np.signbit(values).any()
