"""Normalizations: formulas, direction, declared scales, and columns without spread."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.model.normalize import NORMALIZATIONS, affine, normalize, power_form
from powerbalance.testing.strategies import assessments

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


# -- the affine form and the ratio form, which methods use instead of the matrix ------------

AFFINE_EVERYWHERE = ("vector", "minmax", "max")


@settings(max_examples=60, deadline=None)
@given(a=assessments(), method=st.sampled_from(("vector", "minmax", "max", "sum", "linear")))
def test_the_affine_form_gives_exactly_the_normalized_scores(a, method):
    form = affine(a, method)
    if method in AFFINE_EVERYWHERE or not a.lower_is_better.any():
        assert form is not None
        np.testing.assert_array_equal(form.apply(a.scores), normalize(a, method))
    else:
        assert form is None


@settings(max_examples=60, deadline=None)
@given(a=assessments(), method=st.sampled_from(("vector", "max", "sum", "linear")))
def test_the_ratio_form_gives_the_normalized_scores(a, method):
    ratio = power_form(a, method)
    if method != "linear" and a.lower_is_better.any():
        assert ratio is None
        return
    power, divisor = ratio
    np.testing.assert_allclose((a.scores / divisor) ** power, normalize(a, method), rtol=1e-14)


def test_forms_say_none_where_the_normalization_is_not_affine():
    a = pair()
    assert affine(a, "value") is None
    assert power_form(a, "value") is None
    assert power_form(a, "minmax") is None  # anchored at the lowest score


@pytest.mark.parametrize(
    ("method", "scores"),
    [("minmax", [[-1e308], [1e308]]), ("vector", [[1e200], [2e200]]), ("max", [[-1.0], [2.0]])],
)
def test_forms_refuse_what_normalize_refuses_with_the_same_message(method, scores):
    a = pb.Assessment(["A", "B"], [pb.Criterion("Huge", area="X", kind="benefit")], scores)
    with pytest.raises(pb.errors.NormalizationError) as expected:
        normalize(a, method)
    for form in (affine, power_form):
        with pytest.raises(pb.errors.NormalizationError) as raised:
            form(a, method)
        assert str(raised.value) == str(expected.value)


@pytest.mark.parametrize(
    ("method", "kind", "scores"),
    [
        ("sum", "benefit", [[0.0], [0.0]]),
        ("sum", "risk", [[1e-320], [1.0]]),
        ("linear", "risk", [[0.0], [2.0]]),
    ],
    ids=["zero total", "reciprocal beyond the float range", "zero under min / x"],
)
def test_ratio_normalizations_are_undefined_where_a_ratio_is(method, kind, scores):
    a = pb.Assessment(["A", "B"], [pb.Criterion("C", area="X", kind=kind)], scores)
    with pytest.raises(pb.errors.NormalizationError, match=f"undefined for {kind} criterion"):
        normalize(a, method)


def test_a_risk_is_turned_around_without_changing_the_benefits():
    # Risks and benefits side by side, several of each: the risk columns are turned
    # in place, the benefit columns left as they are.
    rng = np.random.default_rng(3)
    kinds = ["risk", "benefit", "risk", "risk", "benefit"]
    a = pb.Assessment(
        [f"O{i}" for i in range(6)],
        [pb.Criterion(f"C{j}", area="X", kind=kind) for j, kind in enumerate(kinds)],
        rng.uniform(1, 9, size=(6, 5)),
    )
    x, low, high = a.scores, a.scores.min(axis=0), a.scores.max(axis=0)
    risk = a.lower_is_better
    norm = np.linalg.norm(x, axis=0)
    expected = {
        "vector": np.where(risk, 1 - x / norm, x / norm),
        "max": np.where(risk, 1 - x / high, x / high),
        "linear": np.where(risk, low / x, x / high),
        "sum": np.where(risk, (1 / x) / (1 / x).sum(axis=0), x / x.sum(axis=0)),
    }
    for method, values in expected.items():
        np.testing.assert_allclose(normalize(a, method), values, rtol=1e-14, err_msg=method)
