"""Objective weights: entropy, CRITIC, standard deviation and MEREC.

Published examples are reproduced first (one test per source, named after it), then
each formula is checked against a plain, loop-by-loop reimplementation, then the
documented edge cases and errors, then properties drawn by hypothesis.
"""

from __future__ import annotations

import math
import warnings

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import (
    DegenerateCriterionWarning,
    InvalidParameterError,
    NormalizationError,
)
from powerbalance.model.normalize import NORMALIZATIONS, normalize
from powerbalance.weighting._base import registry
from powerbalance.weighting.objective import CRITIC, MEREC, Entropy, StdDev

SCHEMES = [Entropy(), CRITIC(), StdDev(), MEREC()]


def make(scores, kinds=None, scale=None) -> pb.Assessment:
    """An assessment named A1.. x C1.. with the given kinds ("b"/"r") and one scale."""
    scores = np.asarray(scores, dtype=float)
    n, m = scores.shape
    kinds = kinds or "b" * m
    criteria = [
        pb.Criterion(
            f"C{j + 1}",
            area="X",
            kind="benefit" if kinds[j] == "b" else "risk",
            scale=scale,
        )
        for j in range(m)
    ]
    return pb.Assessment([f"A{i + 1}" for i in range(n)], criteria, scores)


def values(weights: pb.Weights, assessment: pb.Assessment) -> np.ndarray:
    return weights.aligned(assessment)


# -- published examples ---------------------------------------------------------------------

# Elsayed, E. A., Dawood, A. K. S. and Karthikeyan, R. (2017). Evaluating alternatives
# through the application of TOPSIS method with entropy weight. International Journal of
# Engineering Trends and Technology 46(2), 60-66: twelve banks on five criteria.
# The paper's tables could not be read in our reference corpus; the matrix and the six-
# decimal weights are those printed by pymcdm's test suite (Kizielewicz, Shekhovtsov and
# Sałabun 2023, SoftwareX 22), which cites this paper for them and computes p = x / sum x
# on the raw scores. We recomputed them independently (plain numpy) before writing this.
ELSAYED_2017 = [
    [7, 312, 1891, 6613, 163],
    [72, 88, 728, 941804, 1078],
    [10, 252, 2594, 3466, 117471],
    [10, 145, 980, 2371, 86329],
    [65, 54, 350, 501, 29897],
    [29, 48, 380, 912, 34051],
    [7, 476, 3300, 78470, 2212],
    [70, 87, 650, 733, 819000],
    [4, 86, 591, 3015, 103],
    [12, 79, 579, 3240, 96098],
    [21, 45, 261, 1253, 453],
    [1, 72, 530, 4333, 0.1048],
]
ELSAYED_2017_WEIGHTS = [0.104991, 0.069124, 0.071373, 0.449937, 0.304575]


def test_entropy_elsayed_dawood_karthikeyan_2017_raw_shares():
    weights = Entropy(normalization=None).weigh(make(ELSAYED_2017))
    np.testing.assert_allclose(values(weights, make(ELSAYED_2017)), ELSAYED_2017_WEIGHTS, atol=5e-7)


def test_entropy_raw_shares_ignore_the_kind_of_criterion():
    # The original weighting measures how unequal a column is, not which end is better:
    # declaring some criteria risks changes nothing with normalization=None.
    benefits = Entropy(normalization=None).weigh(make(ELSAYED_2017))
    mixed = Entropy(normalization=None).weigh(make(ELSAYED_2017, kinds="brbrr"))
    np.testing.assert_allclose(benefits.array, mixed.array, rtol=1e-12)


@pytest.mark.parametrize("normalization", ["sum", "linear", "max", "vector"])
def test_entropy_elsayed_2017_ratio_normalizations_keep_the_classic_shares(normalization):
    # Shares do not change when a column is multiplied by a constant, so every ratio
    # normalization reproduces the published weights on benefit criteria.
    a = make(ELSAYED_2017)
    weights = Entropy(normalization=normalization).weigh(a)
    np.testing.assert_allclose(values(weights, a), ELSAYED_2017_WEIGHTS, atol=5e-7)


def test_entropy_elsayed_2017_default_minmax_on_a_scale_from_zero():
    # With a declared scale that starts at 0, min-max gives a benefit x / top, whose
    # shares are the classic ones: the default variant reproduces the published weights.
    a = make(ELSAYED_2017, scale=(0, 1e6))
    np.testing.assert_allclose(values(Entropy().weigh(a), a), ELSAYED_2017_WEIGHTS, atol=5e-7)


# CRITIC with risks turned around. JMcDM (Satman, Altunkaynak and Kocyigit's Julia
# package for MCDM, JOSS 2021) documents this example in critic()'s docstring and test
# suite, citing Diakoulaki et al. (1995) and Akçakanat, Aksoy and Teker (2018), "CRITIC ve
# MDL temelli EDAS yöntemi ile TR-61 bölgesi bankalarının performans değerlendirmesi",
# Süleyman Demirel Üniversitesi Sosyal Bilimler Enstitüsü Dergisi 32, 1-24. Three options,
# four criteria, the third minimized; min-max normalization with the cost turned around.
# Neither Diakoulaki et al.'s own example nor Akçakanat et al.'s tables were readable in
# our reference corpus; we recomputed the weights independently (plain numpy).
AKCAKANAT_2018 = [
    [12.9918, 0.7264, -1.1009, 1.598139592],
    [4.1201, 5.8824, 3.4483, 1.021563567],
    [4.1039, 0.0000, -0.5076, 0.984469444],
]
AKCAKANAT_2018_WEIGHTS = [
    0.16883905506169491,
    0.41844653698732126,
    0.24912338769165807,
    0.16359102025932576,
]


def test_critic_akcakanat_aksoy_teker_2018_with_risks_turned_around():
    a = make(AKCAKANAT_2018, kinds="bbrb")
    np.testing.assert_allclose(values(CRITIC().weigh(a), a), AKCAKANAT_2018_WEIGHTS, rtol=1e-8)


def test_critic_jmcdm_intermediate_values_differ_from_ours_only_by_the_ddof_factor():
    # JMcDM prints C_j = sigma_j * sum_k (1 - r_jk) with the sample standard deviation:
    # 1.0380664664796384, 2.572718248762683, 1.5316754449023655, 1.005800182228836. Our
    # population sigma is smaller by sqrt((n - 1) / n) for every criterion, so the
    # weights agree (test above) although the C_j do not.
    published = np.array(
        [1.0380664664796384, 2.572718248762683, 1.5316754449023655, 1.005800182228836]
    )
    a = make(AKCAKANAT_2018, kinds="bbrb")
    v = normalize(a, "minmax")
    ours = v.std(axis=0) * (1 - np.corrcoef(v.T)).sum(axis=0)
    np.testing.assert_allclose(ours * math.sqrt(3 / 2), published, rtol=1e-4)


# CRITIC without turning risks around. Tuş, A. and Adalı, E. A. (2019). The new
# combination with CRITIC and WASPAS methods for the time and attendance software
# selection problem. OPSEARCH 56(2), 528-538: five options, six criteria. The paper was
# not readable in our reference corpus; the matrix and weights (three decimals) are
# those of pymcdm's test suite, which cites the paper and whose critic_weights takes no
# criterion kinds, i.e. never turns a cost around. With invert_risks=False the declared
# kinds do not matter, so we declare the first criterion (a price) a risk to show that.
TUS_ADALI_2019 = [
    [5000, 3, 3, 4, 3, 2],
    [680, 5, 3, 2, 2, 1],
    [2000, 3, 2, 3, 4, 3],
    [600, 4, 3, 1, 2, 2],
    [800, 2, 4, 3, 3, 4],
]
TUS_ADALI_2019_WEIGHTS = [0.157, 0.249, 0.168, 0.121, 0.154, 0.151]


def test_critic_tus_adali_2019_without_turning_risks_around():
    a = make(TUS_ADALI_2019, kinds="rbbbbb")
    weights = CRITIC(invert_risks=False).weigh(a)
    np.testing.assert_allclose(values(weights, a), TUS_ADALI_2019_WEIGHTS, atol=5e-4)
    # Turning the price around flips the sign of its correlations, which changes every
    # weight: the two variants really differ.
    inverted = values(CRITIC().weigh(a), a)
    assert np.abs(inverted - TUS_ADALI_2019_WEIGHTS).max() > 0.02


# Standard-deviation weights. Jahan, A. and Edwards, K. L. (2013). Weighting of dependent
# and target-based criteria for optimal decision-making in materials selection process:
# biomedical applications. Materials & Design 49, 1000-1008. Seven materials on three
# criteria, already normalized to 0-1 (each column runs from exactly 0 to exactly 1, so
# min-max leaves it unchanged and the default and raw variants coincide). The paper was not
# readable in our reference corpus; the matrix and the two-decimal weights are those of
# pymcdm's test suite, which cites the paper; we recomputed them independently.
JAHAN_EDWARDS_2013 = [
    [0, 0, 0],
    [0.39, 0.3, 0.77],
    [0.17, 0.36, 0.8],
    [0.35, 0.29, 0.93],
    [0.3, 0.4, 0.94],
    [0.84, 0.71, 1],
    [1, 1, 0.99],
]
JAHAN_EDWARDS_2013_WEIGHTS = [0.35, 0.31, 0.34]


@pytest.mark.parametrize("normalization", ["minmax", None])
def test_std_dev_jahan_edwards_2013(normalization):
    a = make(JAHAN_EDWARDS_2013)
    weights = StdDev(normalization=normalization).weigh(a)
    np.testing.assert_allclose(values(weights, a), JAHAN_EDWARDS_2013_WEIGHTS, atol=5e-3)


# MEREC. Keshavarz-Ghorabaee, M., Amiri, M., Zavadskas, E. K., Turskis, Z. and
# Antucheviciene, J. (2021). Determination of objective weights using a new method based
# on the removal effects of criteria (MEREC). Symmetry 13(4), 525, section 3 (illustrative
# example): five alternatives, C1 and C2 beneficial, C3 and C4 non-beneficial; final
# weights 0.5752, 0.0141, 0.4016, 0.0091. The same matrix and weights appear as "the
# DOI's data" in the R package rmerec and in the test suites of pymcdm and JMcDM, the
# latter to 16 digits; we recomputed them independently.
MEREC_2021 = [
    [450, 8000, 54, 145],
    [10, 9100, 2, 160],
    [100, 8200, 31, 153],
    [220, 9300, 1, 162],
    [5, 8400, 23, 158],
]


def test_merec_keshavarz_ghorabaee_et_al_2021_illustrative_example():
    a = make(MEREC_2021, kinds="bbrr")
    weights = values(MEREC().weigh(a), a)
    np.testing.assert_allclose(weights, [0.5752, 0.0141, 0.4016, 0.0091], atol=5e-5)
    np.testing.assert_allclose(
        weights,
        [0.5752216672093823, 0.01409659116846726, 0.40156136388773117, 0.009120377734419302],
        rtol=1e-9,
    )


# -- the formulas, step by step ---------------------------------------------------------------


def naive_entropy(v: np.ndarray) -> np.ndarray:
    n, m = v.shape
    d = []
    for j in range(m):
        total = sum(v[:, j])
        h = 0.0
        for i in range(n):
            p = v[i, j] / total
            if p > 0:
                h -= p * math.log(p)
        d.append(1 - h / math.log(n))
    d = np.array(d)
    return d / d.sum()


def naive_critic(v: np.ndarray) -> np.ndarray:
    sigma = v.std(axis=0, ddof=1)  # the sample deviation: the weights must not care
    r = np.corrcoef(v.T)
    c = np.array(
        [sigma[j] * sum(1 - r[j, k] for k in range(v.shape[1])) for j in range(len(sigma))]
    )
    return c / c.sum()


def naive_merec(x: np.ndarray, is_risk: np.ndarray) -> np.ndarray:
    n, m = x.shape
    ratio = np.empty_like(x)
    for j in range(m):
        for i in range(n):
            ratio[i, j] = x[i, j] / x[:, j].max() if is_risk[j] else x[:, j].min() / x[i, j]
    s = [math.log(1 + sum(abs(math.log(ratio[i, k])) for k in range(m)) / m) for i in range(n)]
    e = []
    for j in range(m):
        removed = [
            math.log(1 + sum(abs(math.log(ratio[i, k])) for k in range(m) if k != j) / m)
            for i in range(n)
        ]
        e.append(sum(abs(removed[i] - s[i]) for i in range(n)))
    e = np.array(e)
    return e / e.sum()


@pytest.fixture(scope="module")
def random_assessment() -> pb.Assessment:
    rng = np.random.default_rng(20240531)
    scores = rng.uniform(1, 10, size=(7, 5)).round(2)
    return make(scores, kinds="brbrr")


@pytest.mark.parametrize("normalization", [*NORMALIZATIONS, None])
def test_entropy_matches_the_formula(random_assessment, normalization):
    a = random_assessment
    v = a.scores if normalization is None else normalize(a, normalization)
    weights = Entropy(normalization=normalization).weigh(a)
    np.testing.assert_allclose(values(weights, a), naive_entropy(v), rtol=1e-10)


def test_entropy_minmax_turns_a_risk_around_on_its_scale():
    # Hand computation: Gain on 0-10 scored 1, 2, 9 gives shares 1/12, 2/12, 9/12; the
    # risk Harm scored 5, 6, 5 is measured from the worst end, 10 - x = 5, 4, 5.
    a = make([[1, 5], [2, 6], [9, 5]], kinds="br", scale=(0, 10))

    def diversification(column):
        p = np.array(column) / sum(column)
        return 1 + (p * np.log(p)).sum() / math.log(3)

    d = np.array([diversification([1, 2, 9]), diversification([5, 4, 5])])
    np.testing.assert_allclose(values(Entropy().weigh(a), a), d / d.sum(), rtol=1e-12)
    # Without a scale, min-max starts at the worst option, whose share is 0: Gain gives
    # 0, 1/8, 1 (shares 0, 1/9, 8/9) and Harm 1, 0, 1 (shares 1/2, 0, 1/2).
    unscaled = make([[1, 5], [2, 6], [9, 5]], kinds="br")
    d = np.array([diversification([1, 8]), diversification([1, 1])])
    np.testing.assert_allclose(values(Entropy().weigh(unscaled), unscaled), d / d.sum())


@pytest.mark.parametrize("normalization", NORMALIZATIONS)
@pytest.mark.parametrize("invert_risks", [True, False])
def test_critic_matches_the_formula(random_assessment, normalization, invert_risks):
    a = random_assessment
    source = a if invert_risks else make(a.scores)  # all benefits: nothing turned around
    v = normalize(source, normalization)
    weights = CRITIC(normalization=normalization, invert_risks=invert_risks).weigh(a)
    np.testing.assert_allclose(values(weights, a), naive_critic(v), rtol=1e-10)


def test_critic_turning_a_risk_around_is_the_same_as_mirroring_its_scores():
    # invert_risks=True on a risk equals invert_risks=False on the mirrored scores
    # (max + min - x) declared a benefit.
    a = make(TUS_ADALI_2019, kinds="rbbbbb")
    mirrored_scores = np.array(TUS_ADALI_2019, dtype=float)
    column = mirrored_scores[:, 0]
    mirrored_scores[:, 0] = column.max() + column.min() - column
    mirrored = make(mirrored_scores)
    np.testing.assert_allclose(
        values(CRITIC().weigh(a), a),
        values(CRITIC(invert_risks=False).weigh(mirrored), mirrored),
        rtol=1e-12,
    )


@pytest.mark.parametrize("normalization", [*NORMALIZATIONS, None])
def test_std_dev_matches_the_formula_whatever_the_ddof(random_assessment, normalization):
    a = random_assessment
    v = a.scores if normalization is None else normalize(a, normalization)
    weights = values(StdDev(normalization=normalization).weigh(a), a)
    for ddof in (0, 1):
        sigma = v.std(axis=0, ddof=ddof)
        np.testing.assert_allclose(weights, sigma / sigma.sum(), rtol=1e-12)


def test_std_dev_raw_scores_depend_on_units_and_min_max_does_not():
    a = make([[1, 100], [2, 300], [4, 200]])
    rescaled = make([[1, 1], [2, 3], [4, 2]])  # the second criterion in hundreds
    assert StdDev(normalization=None).weigh(a)["C2"] > 0.95
    np.testing.assert_allclose(StdDev().weigh(a).array, StdDev().weigh(rescaled).array)


def test_merec_matches_the_formula(random_assessment):
    a = random_assessment
    weights = values(MEREC().weigh(a), a)
    np.testing.assert_allclose(weights, naive_merec(a.scores, a.lower_is_better), rtol=1e-10)


# -- criteria without spread ----------------------------------------------------------------


def with_constant(assessment: pb.Assessment, value: float = 5.0) -> pb.Assessment:
    flat = pb.Criterion("Flat", area="X", kind="risk")
    scores = np.column_stack([assessment.scores, np.full(assessment.n_options, value)])
    return pb.Assessment(assessment.options, [*assessment.criteria, flat], scores)


@pytest.mark.parametrize(
    "scheme",
    [Entropy(), Entropy(normalization=None), CRITIC(), StdDev(), StdDev(normalization=None)],
)
def test_a_constant_criterion_gets_zero_and_leaves_the_others_alone(random_assessment, scheme):
    a = random_assessment
    extended = with_constant(a)
    weights = scheme.weigh(extended)
    assert weights["Flat"] == 0
    assert np.isfinite(weights.array).all()
    np.testing.assert_allclose(
        [weights[name] for name in a.criterion_names], scheme.weigh(a).array, rtol=1e-12
    )


def test_a_constant_criterion_gets_zero_under_merec(random_assessment):
    weights = MEREC().weigh(with_constant(random_assessment))
    assert weights["Flat"] == 0
    assert np.isfinite(weights.array).all()
    assert sum(weights.values()) == pytest.approx(1)


def test_an_all_zero_criterion_is_constant_for_raw_entropy():
    weights = Entropy(normalization=None).weigh(with_constant(make(ELSAYED_2017), value=0))
    assert weights["Flat"] == 0
    np.testing.assert_allclose(weights.array[:-1], ELSAYED_2017_WEIGHTS, atol=5e-7)


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: type(s).__name__)
def test_every_criterion_constant_gives_equal_weights(scheme):
    a = make([[3, 7, 1], [3, 7, 1], [3, 7, 1]])
    assert dict(scheme.weigh(a)) == pytest.approx({"C1": 1 / 3, "C2": 1 / 3, "C3": 1 / 3})


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: type(s).__name__)
def test_a_single_option_gives_equal_weights(scheme):
    a = make([[3, 7, 1, 2]])
    assert scheme.weigh(a).array.tolist() == pytest.approx([0.25] * 4)


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: type(s).__name__)
def test_a_single_criterion_gets_all_the_weight(scheme):
    assert dict(scheme.weigh(make([[1], [2], [4]]))) == {"C1": 1.0}


def test_critic_with_no_conflict_shares_the_weight_and_warns():
    # Two options, the first better on everything: after turning the risk around every
    # criterion ranks them the same, so every C_j is 0.
    a = make([[7, 4, 5], [3, 6, 5]], kinds="brb")
    with pytest.warns(DegenerateCriterionWarning, match="share the weight equally"):
        weights = CRITIC().weigh(a)
    assert dict(weights) == {"C1": 0.5, "C2": 0.5, "C3": 0.0}


# -- errors and parameters ------------------------------------------------------------------


def test_raw_entropy_rejects_a_negative_score_naming_option_and_criterion():
    a = make([[1, 2], [3, -1], [2, 4]])
    with pytest.raises(NormalizationError) as caught:
        Entropy(normalization=None).weigh(a)
    message = str(caught.value)
    assert "'A2'" in message
    assert "'C2'" in message
    assert "normalization='minmax'" in message
    # The default variant is defined for any scores.
    assert np.isfinite(Entropy().weigh(a).array).all()


def test_raw_entropy_accepts_zero_scores_by_the_limit_convention():
    weights = Entropy(normalization=None).weigh(make([[0, 1], [2, 2], [3, 4]]))
    expected = naive_entropy(np.array([[0, 1], [2, 2], [3, 4]], dtype=float))
    np.testing.assert_allclose(weights.array, expected)


def test_vector_entropy_rejects_negative_normalized_values():
    with pytest.raises(NormalizationError, match=r"'A1'.*'C1'"):
        Entropy(normalization="vector").weigh(make([[-1, 2], [3, 1], [2, 4]]))


def test_entropy_reports_an_undefined_normalization():
    with pytest.raises(NormalizationError, match="'C2'"):
        Entropy(normalization="sum").weigh(make([[1, 0], [3, 1], [2, 4]], kinds="br"))


@pytest.mark.parametrize("bad", [0, -2])
def test_merec_rejects_non_positive_scores_naming_option_and_criterion(bad):
    a = make([[1, 2], [3, bad], [2, 4]])
    with pytest.raises(NormalizationError, match=r"option 'A2' scores .* criterion 'C2'"):
        MEREC().weigh(a)


def test_unknown_normalizations_are_rejected_with_a_hint():
    for build in (Entropy, CRITIC, StdDev):
        with pytest.raises(InvalidParameterError, match="Did you mean 'minmax'"):
            build(normalization="minmx")


def test_invert_risks_must_be_a_bool():
    with pytest.raises(InvalidParameterError, match="invert_risks"):
        CRITIC(invert_risks="no")


def test_parameters_are_keyword_only_and_schemes_are_frozen():
    with pytest.raises(TypeError):
        Entropy("minmax")
    scheme = CRITIC()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        scheme.invert_risks = False
    assert repr(Entropy(normalization=None)) == "Entropy(normalization=None)"
    assert repr(CRITIC()) == "CRITIC(normalization='minmax', invert_risks=True)"


# -- registry -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "cls"),
    [("entropy", Entropy), ("critic", CRITIC), ("std-dev", StdDev), ("merec", MEREC)],
)
def test_registered_by_name(name, cls):
    assert isinstance(registry.create(name), cls)
    a = pb.examples.load("great-power-cooperation").assessment
    report = pb.evaluate(a, weighting=name)
    assert report.weights == cls().weigh(a)


# -- properties -----------------------------------------------------------------------------

PROPERTY = settings(max_examples=40, deadline=None)

ALL_VARIANTS = [
    *(Entropy(normalization=n) for n in (*NORMALIZATIONS, None)),
    *(CRITIC(normalization=n, invert_risks=i) for n in NORMALIZATIONS for i in (True, False)),
    *(StdDev(normalization=n) for n in (*NORMALIZATIONS, None)),
    MEREC(),
]


@st.composite
def assessments(draw: st.DrawFn, min_options: int = 2) -> pb.Assessment:
    """Half-point scores from 0.5 to 10 (positive, so every variant is defined),
    mixed kinds, sometimes a declared 0-10 scale, and sometimes constant criteria."""
    n = draw(st.integers(min_options, 6))
    m = draw(st.integers(1, 5))
    half_points = st.integers(1, 20).map(lambda k: k / 2)
    columns = []
    for _ in range(m):
        if draw(st.booleans()) and draw(st.booleans()):
            columns.append([draw(half_points)] * n)
        else:
            columns.append(draw(st.lists(half_points, min_size=n, max_size=n)))
    criteria = [
        pb.Criterion(
            f"C{j}",
            area="X",
            kind=draw(st.sampled_from(["benefit", "risk"])),
            scale=draw(st.sampled_from([None, (0.0, 10.0)])),
        )
        for j in range(m)
    ]
    return pb.Assessment([f"O{i}" for i in range(n)], criteria, np.array(columns).T)


def quietly(scheme, assessment: pb.Assessment) -> pb.Weights:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateCriterionWarning)
        return scheme.weigh(assessment)


@PROPERTY
@given(assessment=assessments(min_options=1), scheme=st.sampled_from(ALL_VARIANTS))
def test_weights_are_finite_non_negative_and_sum_to_one(assessment, scheme):
    before = assessment.scores.copy()
    weights = quietly(scheme, assessment)
    array = weights.aligned(assessment)
    assert np.isfinite(array).all()
    assert (array >= 0).all()
    assert array.sum() == pytest.approx(1, abs=1e-12)
    assert weights.names == assessment.criterion_names
    np.testing.assert_array_equal(assessment.scores, before)
    flat = np.ptp(assessment.scores, axis=0) == 0
    if not flat.all():
        assert (array[flat] == 0).all()


@PROPERTY
@given(assessment=assessments(), scheme=st.sampled_from(ALL_VARIANTS), data=st.data())
def test_permuting_the_options_leaves_the_weights_unchanged(assessment, scheme, data):
    order = data.draw(st.permutations(range(assessment.n_options)))
    permuted = assessment.subset(options=[assessment.option_names[i] for i in order])
    np.testing.assert_allclose(
        quietly(scheme, permuted).array, quietly(scheme, assessment).array, rtol=1e-9, atol=1e-12
    )
