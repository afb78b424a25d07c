"""Properties of screening on random assessments and random rules."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.testing.strategies import assessments

S = pb.screening


@st.composite
def rules(draw: st.DrawFn, a: pb.Assessment) -> S.Threshold | S.Veto | S.MustHave:
    """A rule on a criterion or an area of ``a``, with limits drawn around its scores."""
    j = draw(st.integers(0, a.n_criteria - 1))
    criterion = a.criteria[j]
    column = a.scores[:, j]
    limit = draw(
        st.floats(float(column.min()) - 1, float(column.max()) + 1, allow_nan=False)
        | st.sampled_from(column.tolist())
    )
    target = draw(
        st.sampled_from(
            [{"criterion": criterion.name}, {"area": criterion.area}]
            if all(a.criterion(n).scale is not None for n in a.criteria_in(criterion.area))
            else [{"criterion": criterion.name}]
        )
    )
    kinds = ["threshold-low", "threshold-high", "veto"]
    if criterion.scale is not None and "area" not in target:
        kinds.append("must-have")
    kind = draw(st.sampled_from(kinds))
    if kind == "threshold-low":
        return S.Threshold(**target, at_least=limit)
    if kind == "threshold-high":
        return S.Threshold(**target, at_most=limit)
    if kind == "veto":
        return S.Veto(**target, limit=limit)
    return S.MustHave(**target)


@st.composite
def screened(draw: st.DrawFn) -> tuple[pb.Assessment, list[S.Threshold | S.Veto | S.MustHave]]:
    a = draw(assessments(max_options=6, max_criteria=4))
    return a, draw(st.lists(rules(a), min_size=1, max_size=4))


@given(screened())
def test_screening_never_changes_the_scores_of_what_it_keeps(case):
    a, drawn = case
    before = a.scores.copy()
    s = S.screen(a, *drawn)
    np.testing.assert_array_equal(a.scores, before)
    assert set(s.kept) | set(s.excluded) == set(a.option_names)
    assert not set(s.kept) & set(s.excluded)
    if s.kept:
        short = s.assessment
        assert short.option_names == s.kept
        assert short.criteria == a.criteria
        for option in s.kept:
            np.testing.assert_array_equal(
                short.scores[short.option_index(option)], a.scores[a.option_index(option)]
            )


@given(screened(), st.data())
def test_adding_a_rule_never_keeps_more_options(case, data):
    a, drawn = case
    extra = data.draw(rules(a))
    comparator = data.draw(st.sampled_from([None, *a.option_names]))
    fewer = S.screen(a, *drawn, business_as_usual=comparator)
    more = S.screen(a, *drawn, extra, business_as_usual=comparator)
    assert set(more.kept) <= set(fewer.kept)
    assert set(more.excluded) >= set(fewer.excluded)


@given(assessments(max_options=6, max_criteria=4), st.data())
def test_a_rule_every_option_meets_excludes_none(a, data):
    j = data.draw(st.integers(0, a.n_criteria - 1))
    criterion = a.criteria[j]
    column = a.scores[:, j]
    worst = column.max() if criterion.lower_is_better else column.min()
    met = [
        S.Threshold(criterion.name, at_least=float(column.min())),
        S.Threshold(criterion.name, at_most=float(column.max())),
        S.Threshold(criterion.name, at_least=float(column.min()), at_most=float(column.max())),
        S.Veto(criterion.name, limit=float(worst)),
    ]
    rule = data.draw(st.sampled_from(met))
    s = S.screen(a, rule)
    assert s.excluded == ()
    assert s.kept == a.option_names
    assert all(failures == () for failures in s.reasons.values())


@given(screened())
def test_an_option_is_excluded_exactly_when_it_fails_and_is_no_comparator(case):
    a, drawn = case
    s = S.screen(a, *drawn, do_minimum=a.option_names[0])
    assert a.option_names[0] in s.kept
    for option in a.option_names[1:]:
        assert (option in s.excluded) == bool(s.reasons[option])
