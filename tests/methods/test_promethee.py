"""PROMETHEE II against a published example, a pairwise computation and its own algebra."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, UnknownNameError
from powerbalance.methods import outranking
from powerbalance.methods.outranking import (
    PROMETHEE,
    Gaussian,
    Level,
    Linear,
    PreferenceFunction,
    UShape,
    Usual,
    VShape,
)
from powerbalance.testing import check_method

# -- a pairwise reference, written from the formulas ------------------------------------


def reference_preference(function, d):
    """P(d) of each classical function, straight from its definition."""
    d = np.asarray(d, dtype=float)
    match function:
        case Usual():
            return np.where(d > 0, 1.0, 0.0)
        case UShape(q=q):
            return np.where(d > q, 1.0, 0.0)
        case VShape(p=p):
            return np.where(d <= 0, 0.0, np.where(d > p, 1.0, d / p if p > 0 else 1.0))
        case Level(q=q, p=p):
            return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
        case Linear(q=q, p=p):
            if p == q:
                return np.where(d > q, 1.0, 0.0)
            return np.where(d <= q, 0.0, np.where(d > p, 1.0, (d - q) / (p - q)))
        case Gaussian(s=s):
            return np.where(d > 0, 1.0 - np.exp(-(d**2) / (2 * s**2)), 0.0)
    raise AssertionError(function)


def reference_sums(function, values):
    """Sum over all b of P(x_a - x_b) and of P(x_b - x_a), pair by pair: O(n^2)."""
    difference = values[:, None] - values[None, :]
    return (
        reference_preference(function, difference).sum(axis=1),
        reference_preference(function, -difference).sum(axis=1),
    )


def reference_preference_index(assessment, functions, weights):
    """pi(a, b) = sum_j w_j P_j(d_j(a, b)), with d_j(a, b) = x_b - x_a on a risk."""
    n = assessment.n_options
    index = np.zeros((n, n))
    for j, criterion in enumerate(assessment.criteria):
        column = assessment.scores[:, j]
        difference = column[:, None] - column[None, :]
        if criterion.lower_is_better:
            difference = -difference
        index += weights[j] * reference_preference(functions[criterion.name], difference)
    return index


# -- the published example ---------------------------------------------------------------

# Brans, J. P., Vincke, Ph. and Mareschal, B. (1986). How to select and how to rank
# projects: the PROMETHEE method. European Journal of Operational Research 24(2),
# 228-238: the choice among six sites for a hydroelectric power station, on six
# criteria of equal weight, each with its own preference function (the paper's
# types I-VI; thresholds restated here as indifference q / preference p / spread s).
SITES = ["a1", "a2", "a3", "a4", "a5", "a6"]
SITE_SCORES = np.array(
    [
        # manpower, power (MW), construction cost (1e9 $), maintenance cost (1e6 $),
        # villages to evacuate, security level
        [80, 90, 6, 5.4, 8, 5],
        [65, 58, 2, 9.7, 1, 1],
        [83, 60, 4, 7.2, 4, 7],
        [40, 80, 10, 7.5, 7, 10],
        [52, 72, 6, 2.0, 3, 8],
        [94, 96, 7, 3.6, 5, 6],
    ]
)
SITE_CRITERIA = [
    ("Manpower", "risk", UShape(q=10)),  # type II
    ("Power", "benefit", VShape(p=30)),  # type III
    ("Construction cost", "risk", Linear(q=0.5, p=5)),  # type V
    ("Maintenance cost", "risk", Level(q=1, p=6)),  # type IV
    ("Villages", "risk", Usual()),  # type I
    ("Security", "benefit", Gaussian(s=5)),  # type VI
]
# The paper's valued outranking relation pi(a, b) (rows a, columns b), printed to three
# decimals. The printed values differ from exactly computed ones by up to 0.001 (the
# paper rounded intermediate values), so they are compared within 0.001.
PUBLISHED_PREFERENCE_INDEX = np.array(
    [
        [0.000, 0.296, 0.250, 0.268, 0.100, 0.185],
        [0.462, 0.000, 0.389, 0.333, 0.296, 0.500],
        [0.236, 0.180, 0.000, 0.333, 0.056, 0.429],
        [0.399, 0.505, 0.305, 0.000, 0.223, 0.212],
        [0.444, 0.515, 0.487, 0.380, 0.000, 0.448],
        [0.286, 0.399, 0.250, 0.432, 0.133, 0.000],
    ]
)
# The paper's leaving and entering flows are sums over the other sites (the row and
# column sums of the table above); Brans and Mareschal (2005) divide them by n - 1.
PUBLISHED_LEAVING = np.array([1.099, 1.980, 1.234, 1.644, 2.274, 1.500])
PUBLISHED_ENTERING = np.array([1.827, 1.895, 1.681, 1.746, 0.808, 1.774])
# The PROMETHEE II complete ranking.
PUBLISHED_RANKING = ["a5", "a2", "a4", "a6", "a3", "a1"]


def sites():
    criteria = [pb.Criterion(name, area="Site", kind=kind) for name, kind, _ in SITE_CRITERIA]
    return pb.Assessment(SITES, criteria, SITE_SCORES)


def site_method():
    return PROMETHEE(functions={name: function for name, _, function in SITE_CRITERIA})


def test_promethee_brans_vincke_mareschal_1986_preference_index_by_pairs():
    # Our own pairwise computation reproduces the printed table.
    index = reference_preference_index(
        sites(), {name: f for name, _, f in SITE_CRITERIA}, np.full(6, 1 / 6)
    )
    np.testing.assert_allclose(index, PUBLISHED_PREFERENCE_INDEX, rtol=0, atol=1e-3)


def test_promethee_brans_vincke_mareschal_1986_hydroelectric_sites():
    a = sites()
    report = pb.evaluate(a, weighting=pb.weighting.Equal(), method=site_method())
    ranking = report.ranking
    assert list(ranking.index) == PUBLISHED_RANKING
    assert list(ranking["rank"]) == [1, 2, 3, 4, 5, 6]
    positive = ranking.loc[SITES, "positive_flow"].to_numpy()
    negative = ranking.loc[SITES, "negative_flow"].to_numpy()
    # Against the printed flows: within the rounding of five printed indices.
    np.testing.assert_allclose(positive * 5, PUBLISHED_LEAVING, rtol=0, atol=2.5e-3)
    np.testing.assert_allclose(negative * 5, PUBLISHED_ENTERING, rtol=0, atol=2.5e-3)
    # Against the exact pairwise computation: to rounding error.
    index = reference_preference_index(a, {n: f for n, _, f in SITE_CRITERIA}, np.full(6, 1 / 6))
    np.testing.assert_allclose(positive, index.sum(axis=1) / 5, rtol=0, atol=1e-12)
    np.testing.assert_allclose(negative, index.sum(axis=0) / 5, rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        ranking.loc[SITES, "score"], (index.sum(axis=1) - index.sum(axis=0)) / 5, atol=1e-12
    )


# -- each preference function against the pairwise reference ----------------------------

# On a grid of halves every difference, threshold comparison and partial sum is exact
# in floating point, so ties and differences equal to a threshold are tested exactly.
halves = st.integers(-20, 20).map(lambda k: k / 2)
grid_thresholds = st.integers(0, 16).map(lambda k: k / 2)


def preference_functions(thresholds=grid_thresholds, gaps=grid_thresholds, spreads=None):
    """Any of the six functions; Level and Linear get p = q + gap."""
    pair = st.tuples(thresholds, gaps).map(lambda q_gap: (q_gap[0], q_gap[0] + q_gap[1]))
    spreads = spreads if spreads is not None else st.integers(1, 16).map(lambda k: k / 4)
    return st.one_of(
        st.just(Usual()),
        st.builds(UShape, q=thresholds),
        st.builds(VShape, p=thresholds),
        pair.map(lambda qp: Level(q=qp[0], p=qp[1])),
        pair.map(lambda qp: Linear(q=qp[0], p=qp[1])),
        st.builds(Gaussian, s=spreads),
    )


@settings(max_examples=300)
@given(function=preference_functions(), values=st.lists(halves, min_size=1, max_size=14))
def test_sorted_sums_equal_pairwise_sums_on_a_grid(function, values):
    values = np.array(values)
    positive, negative = function.pairwise_sums(values)
    expected_positive, expected_negative = reference_sums(function, values)
    np.testing.assert_allclose(positive, expected_positive, rtol=0, atol=1e-12)
    np.testing.assert_allclose(negative, expected_negative, rtol=0, atol=1e-12)


@settings(max_examples=150)
@given(
    values=st.lists(
        st.floats(-100, 100, allow_nan=False, allow_subnormal=False), min_size=2, max_size=14
    ),
    data=st.data(),
)
def test_thresholds_at_a_rounded_difference_count_as_a_pairwise_computation_does(values, data):
    # Thresholds equal to the rounded difference of two scores: the step functions must
    # count exactly the pairs a pairwise computation counts.
    values = np.array(values)
    i, j = data.draw(st.tuples(st.sampled_from(range(values.size)), st.integers(0, 13)))
    q = abs(values[i] - values[j % values.size])
    p = q + data.draw(st.sampled_from([0.0, abs(values[0] - values[-1])]))
    for function in (UShape(q=q), Level(q=q, p=p), Linear(q=q, p=q), Usual()):
        positive, negative = function.pairwise_sums(values)
        expected_positive, expected_negative = reference_sums(function, values)
        np.testing.assert_array_equal(positive, expected_positive)
        np.testing.assert_array_equal(negative, expected_negative)


@settings(max_examples=200)
@given(
    # The linear part is summed from prefix sums, accurate to about eps * spread of the
    # scores / (p - q): a gap p - q of at least 1e-3 keeps that far below 1e-8 here.
    function=preference_functions(
        thresholds=st.one_of(st.just(0.0), st.floats(1e-3, 50)),
        gaps=st.one_of(st.just(0.0), st.floats(1e-3, 50)),
        spreads=st.floats(1e-2, 50),
    ),
    values=st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=14),
)
def test_sorted_sums_equal_pairwise_sums_on_any_scores(function, values):
    values = np.array(values)
    positive, negative = function.pairwise_sums(values)
    expected_positive, expected_negative = reference_sums(function, values)
    np.testing.assert_allclose(positive, expected_positive, rtol=0, atol=1e-8)
    np.testing.assert_allclose(negative, expected_negative, rtol=0, atol=1e-8)


@pytest.mark.parametrize(
    "function",
    [
        Usual(),
        UShape(q=0.5),
        VShape(p=1.0),
        Level(q=0.2, p=0.8),
        Linear(q=0.1, p=1.5),
        Gaussian(s=0.3),
    ],
    ids=repr,
)
def test_preference_matches_the_definition(function):
    d = np.linspace(-3, 3, 601)
    np.testing.assert_allclose(function.preference(d), reference_preference(function, d))
    assert isinstance(function, PreferenceFunction)


@pytest.mark.parametrize("spread", [0.002, 0.05, 1.0, 100.0])
def test_gaussian_blocks_cover_every_pair(monkeypatch, spread):
    # Tiny blocks force many of them, with windows narrower and wider than a block.
    monkeypatch.setattr(outranking, "_BLOCK_ELEMENTS", 64)
    values = np.round(np.random.default_rng(7).normal(size=400), 2)
    function = Gaussian(s=spread)
    positive, negative = function.pairwise_sums(values)
    expected_positive, expected_negative = reference_sums(function, values)
    np.testing.assert_allclose(positive, expected_positive, rtol=0, atol=1e-10)
    np.testing.assert_allclose(negative, expected_negative, rtol=0, atol=1e-10)


# -- the method's algebra -----------------------------------------------------------------


@st.composite
def assessments(draw, min_options=1, max_options=9, max_criteria=5):
    n = draw(st.integers(min_options, max_options))
    m = draw(st.integers(1, max_criteria))
    kinds = draw(st.lists(st.sampled_from(["benefit", "risk"]), min_size=m, max_size=m))
    scores = draw(
        st.lists(st.lists(halves, min_size=m, max_size=m), min_size=n, max_size=n).map(np.array)
    )
    criteria = [pb.Criterion(f"C{j}", area=f"Area {j % 2}", kind=k) for j, k in enumerate(kinds)]
    return pb.Assessment([f"O{i}" for i in range(n)], criteria, scores.reshape(n, m))


@st.composite
def methods(draw, assessment):
    functions = draw(
        st.lists(
            preference_functions(), min_size=assessment.n_criteria, max_size=assessment.n_criteria
        )
    )
    return PROMETHEE(functions=dict(zip(assessment.criterion_names, functions, strict=True)))


def weight_batches(m):
    weight = st.one_of(st.just(0.0), st.floats(1e-3, 1.0))
    return st.lists(st.lists(weight, min_size=m, max_size=m), min_size=1, max_size=5).map(np.array)


@settings(max_examples=60)
@given(data=st.data())
def test_net_flows_match_the_pairwise_definition(data):
    a = data.draw(assessments(min_options=2))
    method = data.draw(methods(a))
    weights = data.draw(weight_batches(a.n_criteria))
    prepared = method.prepare(a)
    scores = prepared.score(weights)
    n = a.n_options
    for row, w in zip(scores, weights, strict=True):
        total = w.sum()
        shares = w / total if total > 0 else w
        index = reference_preference_index(a, method.functions, shares)
        np.testing.assert_allclose(
            row, (index.sum(axis=1) - index.sum(axis=0)) / (n - 1), atol=1e-12
        )
        details = prepared.details(w)
        np.testing.assert_allclose(
            details["positive_flow"], index.sum(axis=1) / (n - 1), atol=1e-12
        )
        np.testing.assert_allclose(
            details["negative_flow"], index.sum(axis=0) / (n - 1), atol=1e-12
        )
        np.testing.assert_allclose(prepared.contributions(w).sum(axis=1), row, atol=1e-12)


@settings(max_examples=50)
@given(data=st.data())
def test_the_first_weighting_alone_scores_as_the_per_criterion_flows_do(data):
    # The first weighting is accumulated criterion by criterion, keeping no
    # per-criterion flows; later ones use the flows, computed then and kept.
    a = data.draw(assessments())
    method = data.draw(methods(a))
    first, second = data.draw(weight_batches(a.n_criteria).filter(lambda w: len(w) >= 2))[:2]
    streamed = method.prepare(a)
    kept = method.prepare(a)
    kept.net_flows  # noqa: B018 -- reading the flows computes them
    for w in (first, second):
        np.testing.assert_allclose(
            streamed.score(w[None, :]), kept.score(w[None, :]), rtol=0, atol=1e-15
        )
        for name, values in streamed.details(w).items():
            np.testing.assert_allclose(values, kept.details(w)[name], rtol=0, atol=1e-15)
    shares = first / first.sum() if first.sum() > 0 else first
    np.testing.assert_allclose(
        streamed.score(first[None, :])[0], kept.net_flows @ shares, rtol=0, atol=1e-15
    )


def test_a_faulty_preference_function_is_named_when_the_flows_are_computed():
    class Faulty:
        def preference(self, difference):
            return np.zeros_like(difference)

        def pairwise_sums(self, values):
            return np.zeros(len(values) + 1), np.zeros(len(values))

    prepared = PROMETHEE(functions={"Power": Faulty()}).prepare(sites())
    with pytest.raises(InvalidParameterError, match=r"criterion 'Power' returned pairwise sums"):
        prepared.score(np.full((1, 6), 1 / 6))
    with pytest.raises(InvalidParameterError, match=r"criterion 'Power' returned pairwise sums"):
        prepared.net_flows  # noqa: B018


@settings(max_examples=50)
@given(data=st.data())
def test_batch_scores_equal_row_by_row_scores(data):
    a = data.draw(assessments())
    prepared = data.draw(methods(a)).prepare(a)
    weights = data.draw(weight_batches(a.n_criteria))
    rows = np.vstack([prepared.score(weights[i : i + 1]) for i in range(len(weights))])
    np.testing.assert_allclose(prepared.score(weights), rows, rtol=0, atol=1e-14)


@settings(max_examples=50)
@given(data=st.data())
def test_permuting_the_options_permutes_the_flows(data):
    a = data.draw(assessments())
    method = data.draw(methods(a))
    order = data.draw(st.permutations(range(a.n_options)))
    prepared = method.prepare(a)
    permuted = method.prepare(a.subset(options=[a.option_names[i] for i in order]))
    for name in ("positive_flows", "negative_flows", "net_flows", "normalized"):
        np.testing.assert_allclose(
            getattr(permuted, name), getattr(prepared, name)[order], rtol=0, atol=1e-14
        )


@settings(max_examples=50)
@given(data=st.data())
def test_net_flows_sum_to_zero_and_lie_in_minus_one_to_one(data):
    a = data.draw(assessments())
    prepared = data.draw(methods(a)).prepare(a)
    np.testing.assert_allclose(prepared.net_flows.sum(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(
        prepared.positive_flows.sum(axis=0), prepared.negative_flows.sum(axis=0), atol=1e-12
    )
    assert (np.abs(prepared.net_flows) <= 1 + 1e-12).all()
    assert ((prepared.normalized >= 0) & (prepared.normalized <= 1)).all()
    weights = data.draw(weight_batches(a.n_criteria))
    np.testing.assert_allclose(prepared.score(weights).sum(axis=1), 0.0, atol=1e-12)


@settings(max_examples=80)
@given(data=st.data())
def test_a_dominating_option_never_ranks_below_the_one_it_dominates(data):
    a = data.draw(assessments(min_options=1, max_options=7))
    method = data.draw(methods(a))
    gains = (
        np.array(
            data.draw(st.lists(st.integers(0, 6), min_size=a.n_criteria, max_size=a.n_criteria))
        )
        / 2
    )
    better = a.scores[0] + np.where(a.lower_is_better, -gains, gains)
    extended = pb.Assessment(
        [*a.option_names, "Dominating"], list(a.criteria), np.vstack([a.scores, better])
    )
    weights = data.draw(weight_batches(a.n_criteria))
    scores = method.prepare(extended).score(weights)
    assert (scores[:, -1] >= scores[:, 0] - 1e-12).all()


@pytest.mark.parametrize(
    "function",
    [
        Usual(),
        UShape(q=1.0),
        VShape(p=2.0),
        Level(q=0.5, p=2.0),
        Linear(q=0.5, p=3.0),
        Gaussian(s=1.5),
    ],
    ids=repr,
)
def test_check_method_passes_for_every_function(function):
    check_method(PROMETHEE(default=function))
    check_method(PROMETHEE(default=function), sites())


def test_one_option_has_zero_flows():
    a = pb.Assessment(["Only"], [pb.Criterion("Gain", area="A", kind="benefit")], [[3.0]])
    prepared = PROMETHEE(default=Gaussian(s=1.0)).prepare(a)
    np.testing.assert_array_equal(prepared.score(np.array([[1.0]])), [[0.0]])
    np.testing.assert_array_equal(prepared.positive_flows, [[0.0]])
    np.testing.assert_array_equal(prepared.normalized, [[0.5]])


def test_scores_are_scale_invariant_in_the_weights_and_zero_weights_give_zero():
    prepared = site_method().prepare(sites())
    w = np.array([[1.0, 2.0, 3.0, 1.0, 0.0, 2.0]])
    np.testing.assert_allclose(prepared.score(w), prepared.score(w / w.sum()), rtol=1e-12)
    np.testing.assert_allclose(prepared.score(7 * w), prepared.score(w), rtol=1e-12)
    np.testing.assert_array_equal(prepared.score(np.zeros((1, 6))), np.zeros((1, 6)))
    np.testing.assert_allclose(
        prepared.contributions(w[0]).sum(axis=1), prepared.score(w)[0], atol=1e-15
    )


def test_flows_are_read_only():
    prepared = site_method().prepare(sites())
    with pytest.raises(ValueError, match="read-only"):
        prepared.net_flows[0, 0] = 1.0


def test_report_columns_and_provenance():
    report = pb.evaluate(sites(), weighting=pb.weighting.Equal(), method=site_method())
    ranking = report.ranking
    assert list(ranking.columns) == ["rank", "score", "positive_flow", "negative_flow"]
    np.testing.assert_allclose(
        ranking["score"], ranking["positive_flow"] - ranking["negative_flow"], atol=1e-15
    )
    np.testing.assert_allclose(report.contributions.sum(axis=1), ranking["score"], atol=1e-15)
    parameters = json.loads(report.to_json())["method"]["parameters"]
    assert parameters["functions"]["Construction cost"] == {"q": 0.5, "p": 5.0, "name": "linear"}
    assert parameters["default"] == {"name": "usual"}


def test_registered_as_promethee_with_the_usual_function_everywhere():
    method = pb.methods.registry.create("promethee")
    assert method == PROMETHEE()
    assert method.function_for("anything") == Usual()
    report = pb.evaluate(sites(), method="promethee")
    assert set(report.ranking.columns) >= {"positive_flow", "negative_flow"}


def test_a_risk_prefers_lower_scores():
    a = pb.Assessment(
        ["Low", "High"], [pb.Criterion("Harm", area="Security", kind="risk")], [[1.0], [4.0]]
    )
    prepared = PROMETHEE(default=VShape(p=6.0)).prepare(a)
    np.testing.assert_allclose(prepared.net_flows[:, 0], [0.5, -0.5])


# -- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: UShape(q=-1.0), r"UShape: q must be a number of at least 0; got -1\.0"),
        (lambda: VShape(p=float("nan")), r"VShape: p must be a number of at least 0"),
        (lambda: Linear(q=2.0, p=1.0), r"p must be at least .* q \(2\); got 1"),
        (lambda: Level(q=2.0, p=1.0), r"Level: p must be at least the indifference threshold"),
        (lambda: Gaussian(s=0.0), r"Gaussian: s must be a number greater than 0"),
        (lambda: Linear(q="1", p=2.0), r"q must be a number of at least 0; got '1'"),
        (lambda: VShape(p=True), r"got True"),
        (lambda: Linear(q=1.0, p=float("inf")), r"finite"),
    ],
)
def test_thresholds_are_checked_when_the_function_is_built(build, message):
    with pytest.raises(InvalidParameterError, match=message):
        build()


def test_thresholds_equal_to_zero_and_equal_to_each_other_are_allowed():
    assert VShape(p=0).p == 0.0
    assert Linear(q=1, p=1) == Linear(q=1.0, p=1.0)
    np.testing.assert_array_equal(VShape(p=0.0).preference([-1, 0, 1e-9]), [0, 0, 1])


def test_a_function_that_is_not_a_preference_function_names_the_criterion():
    with pytest.raises(InvalidParameterError, match=r"functions\['Power'\] must be .*got 30"):
        PROMETHEE(functions={"Power": 30})
    with pytest.raises(InvalidParameterError, match="mapping of criterion name"):
        PROMETHEE(functions=[VShape(p=1.0)])
    with pytest.raises(InvalidParameterError, match="default must be a preference function"):
        PROMETHEE(default="usual")


def test_an_unknown_criterion_is_named_at_prepare_with_a_suggestion():
    method = PROMETHEE(functions={"power": VShape(p=30.0)})
    with pytest.raises(UnknownNameError, match=r"criterion 'power'.*Did you mean 'Power'\?"):
        method.prepare(sites())


def test_keyword_only_parameters():
    with pytest.raises(TypeError):
        VShape(2.0)
    with pytest.raises(TypeError):
        PROMETHEE({"Power": VShape(p=1.0)})


# -- scale ---------------------------------------------------------------------------------


def test_one_hundred_thousand_options_on_fifty_criteria_with_v_shape():
    # A smoke test of the O(n log n) path: it must simply finish (no timing asserted).
    rng = np.random.default_rng(0)
    n, m = 100_000, 50
    criteria = [
        pb.Criterion(f"C{j}", area="Area", kind="risk" if j % 3 == 0 else "benefit")
        for j in range(m)
    ]
    a = pb.Assessment([f"O{i}" for i in range(n)], criteria, rng.normal(size=(n, m)))
    prepared = PROMETHEE(default=VShape(p=0.5)).prepare(a)
    scores = prepared.score(np.full((1, m), 1 / m))
    assert scores.shape == (1, n)
    assert np.isfinite(scores).all()
    np.testing.assert_allclose(prepared.net_flows.sum(axis=0), 0.0, atol=1e-8)
