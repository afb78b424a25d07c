"""Properties of the sorting models that must hold for every problem and weighting."""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import powerbalance as pb

KINDS = ("benefit", "risk", "cost")


@attrs.frozen
class Problem:
    assessment: pb.Assessment
    categories: list[str]
    profiles: dict[str, list[float]]
    weights: np.ndarray  # (k, m), every weight at least 0.01


@st.composite
def problems(draw: Any) -> Problem:
    n = draw(st.integers(1, 6))
    m = draw(st.integers(1, 4))
    p = draw(st.integers(1, 3))
    kinds = [draw(st.sampled_from(KINDS)) for _ in range(m)]
    criteria = [pb.Criterion(f"c{j}", area="A", kind=kinds[j]) for j in range(m)]
    scores = draw(st.lists(st.lists(st.integers(0, 10), min_size=m, max_size=m),
                           min_size=n, max_size=n))  # fmt: skip
    profiles = {}
    for j in range(m):
        limits = sorted(draw(st.lists(st.integers(0, 10), min_size=p, max_size=p)))
        # Nested in the criterion's direction: decreasing where lower is better.
        profiles[f"c{j}"] = [float(x) for x in (limits[::-1] if kinds[j] != "benefit" else limits)]
    k = draw(st.integers(1, 4))
    weights = np.array(
        draw(
            st.lists(st.lists(st.floats(0.01, 1.0), min_size=m, max_size=m), min_size=k, max_size=k)
        )
    )
    a = pb.Assessment([f"o{i}" for i in range(n)], criteria, scores)
    return Problem(a, [f"k{h}" for h in range(p + 1)], profiles, weights)


@st.composite
def mrsorts(draw: Any) -> tuple[Problem, pb.screening.MRSort]:
    problem = draw(problems())
    p = len(problem.categories) - 1
    vetoes: dict[str, list[float | None]] = {}
    for name in problem.profiles:
        if draw(st.booleans()):
            vetoes[name] = [draw(st.one_of(st.none(), st.integers(1, 8))) for _ in range(p)]
    threshold = draw(st.sampled_from([0.5, 0.6, 2 / 3, 0.75, 1.0]))
    model = pb.screening.MRSort(
        problem.categories, problem.profiles, threshold=threshold, vetoes=vetoes
    )
    return problem, model


@st.composite
def electres(draw: Any) -> tuple[Problem, pb.screening.ElectreTriB]:
    problem = draw(problems())
    q, p, v = {}, {}, {}
    for name in problem.profiles:
        low, high = sorted(draw(st.lists(st.integers(0, 3), min_size=2, max_size=2)))
        q[name], p[name] = float(low), float(high)
        if draw(st.booleans()):
            v[name] = float(high + draw(st.integers(1, 5)))
    model = pb.screening.ElectreTriB(
        problem.categories,
        problem.profiles,
        indifference=q,
        preference=p,
        veto=v,
        cut=draw(st.sampled_from([0.6, 0.75, 0.9, 1.0])),
        rule=draw(st.sampled_from(["pessimistic", "optimistic"])),
    )
    return problem, model


def _improved(a: pb.Assessment, option: int, criterion: int, step: int) -> pb.Assessment:
    scores = a.scores.copy()
    scores[option, criterion] += -step if a.lower_is_better[criterion] else step
    return pb.Assessment(list(a.option_names), list(a.criteria), scores)


@given(st.one_of(mrsorts(), electres()), st.data())
def test_a_better_score_never_moves_an_option_down(case: Any, data: Any) -> None:
    problem, model = case
    a = problem.assessment
    i = data.draw(st.integers(0, a.n_options - 1))
    j = data.draw(st.integers(0, a.n_criteria - 1))
    step = data.draw(st.integers(1, 5))
    before = model.prepare(a).assign(problem.weights)
    after = model.prepare(_improved(a, i, j, step)).assign(problem.weights)
    assert (after[:, i] >= before[:, i]).all()
    others = np.arange(a.n_options) != i
    assert (after[:, others] == before[:, others]).all()


@given(mrsorts())
def test_mrsort_veto_caps_the_category_whatever_the_weights(case: Any) -> None:
    problem, model = case
    prepared = model.prepare(problem.assessment)
    positions = prepared.assign(problem.weights)
    vetoed = prepared.vetoing.any(axis=2)  # (n, p)
    for i, h in zip(*np.nonzero(vetoed), strict=True):
        assert (positions[:, i] <= h).all()


@given(electres())
def test_electre_pessimistic_veto_caps_the_category(case: Any) -> None:
    # The optimistic rule lacks this property by design: an option vetoed against a
    # profile can still be incomparable with it, and go above (Ticino's a2 does).
    problem, model = case
    model = attrs.evolve(model, rule="pessimistic")
    prepared = model.prepare(problem.assessment)
    positions = prepared.assign(problem.weights)
    vetoed = (prepared.discordance >= 1.0).any(axis=2)
    for i, h in zip(*np.nonzero(vetoed), strict=True):
        assert (positions[:, i] <= h).all()


@given(mrsorts())
def test_mrsort_unanimity_needs_every_criterion(case: Any) -> None:
    problem, model = case
    unanimous = pb.screening.MRSort(model.categories, model.profiles, threshold=1.0)
    a = problem.assessment
    positions = unanimous.prepare(a).assign(problem.weights)
    sign = np.where(a.lower_is_better, -1.0, 1.0)
    limits = np.array([model.profiles[c] for c in a.criterion_names]).T * sign  # (p, m)
    at_least = ((a.scores * sign)[:, None, :] >= limits[None, :, :]).all(axis=2)  # (n, p)
    for row in positions:
        for i, position in enumerate(row):
            # Above profile h only if at least as good on every criterion.
            assert at_least[i, :position].all()
            if position < len(model.categories) - 1:
                assert not at_least[i, position]


@given(st.one_of(mrsorts(), electres()))
def test_a_batch_equals_its_rows(case: Any) -> None:
    problem, model = case
    prepared = model.prepare(problem.assessment)
    batch = prepared.assign(problem.weights)
    rows = np.vstack([prepared.assign(w[None, :]) for w in problem.weights])
    assert np.array_equal(batch, rows)
    assert batch.min() >= 0
    assert batch.max() < prepared.n_categories


@given(st.one_of(mrsorts(), electres()))
def test_sort_agrees_with_assign(case: Any) -> None:
    problem, model = case
    w = problem.weights[0]
    weights = pb.Weights.from_mapping(dict(zip(problem.assessment.criterion_names, w, strict=True)))
    sorting = pb.screening.sort(problem.assessment, model, weighting=weights)
    expected = model.prepare(problem.assessment).assign(w[None, :])[0]
    assert np.array_equal(sorting.positions, expected)
    for option in problem.assessment.option_names:
        assert sorting.why(option).startswith(option)
