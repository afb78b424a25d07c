"""pb.screening.screen: rules, the reasons in words, comparators, scenarios and the shortlist."""

from __future__ import annotations

import copy
import json
import pickle

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.errors import (
    InvalidParameterError,
    ScenarioError,
    ScreeningError,
    UnknownNameError,
)

S = pb.screening


def longlist(**options: object) -> pb.Assessment:
    """Four options, a benefit, a risk and a cost; a diplomacy area of two criteria."""
    return pb.Assessment(
        ["Engage", "Contain", "Hedge", "Status quo"],
        [
            pb.Criterion("Trade gains", area="Economic", kind="benefit", scale=(0, 10)),
            pb.Criterion("Conflict risk", area="Security", kind="risk", scale=(0, 10)),
            pb.Criterion("Trust", area="Diplomacy", kind="benefit", scale=(0, 10)),
            pb.Criterion("Alliances strained", area="Diplomacy", kind="risk", scale=(0, 10)),
            pb.Criterion("Budget", area="Money", kind="cost", unit="£m"),
        ],
        [
            [7, 4, 6, 3, 120],
            [3, 8, 1, 2, 300],
            [5, 5, 4, 7, 80],
            [0, 6, 3, 5, 0],
        ],
        name="Longlist",
        **options,
    )


def with_scenarios() -> pb.Assessment:
    """Engage is safe centrally, dangerous when rivals exploit, safer when they reciprocate."""
    return pb.Assessment(
        ["Engage", "Contain", "Hedge"],
        [
            pb.Criterion("Trade gains", area="Economic", kind="benefit", scale=(0, 10)),
            pb.Criterion("Conflict risk", area="Security", kind="risk", scale=(0, 10)),
        ],
        [[7, 4], [3, 5], [2, 7]],
        scenarios=[
            pb.Scenario("Rivals exploit", changes={"Engage": {"Conflict risk": 9}}),
            pb.Scenario(
                "Rivals reciprocate",
                changes={"Engage": {"Conflict risk": 2}, "Hedge": {"Conflict risk": 5}},
            ),
        ],
    )


def words(screening: S.Screening, option: str) -> list[str]:
    return [failure.in_words() for failure in screening.reasons[option]]


# -- each rule kind, with its reasons in words --------------------------------------------


def test_threshold_at_least_excludes_options_below_the_minimum():
    s = S.screen(longlist(), S.Threshold("Trade gains", at_least=4, reason="growth first"))
    assert s.kept == ("Engage", "Hedge")  # no baseline: Status quo is not kept
    assert s.excluded == ("Contain", "Status quo")
    assert words(s, "Contain") == [
        "Contain falls below the minimum on Trade gains (3 < 4: growth first)."
    ]
    assert words(s, "Status quo") == [
        "Status quo falls below the minimum on Trade gains (0 < 4: growth first)."
    ]


def test_threshold_at_most_on_a_cost_and_both_bounds():
    s = S.screen(longlist(), S.Threshold("Budget", at_most=150))
    assert s.excluded == ("Contain",)
    assert words(s, "Contain") == ["Contain exceeds the maximum on Budget (300 > 150)."]
    both = S.screen(longlist(), S.Threshold("Trust", at_least=2, at_most=5))
    assert both.excluded == ("Engage", "Contain")
    assert words(both, "Engage") == ["Engage exceeds the maximum on Trust (6 > 5)."]
    assert words(both, "Contain") == ["Contain falls below the minimum on Trust (1 < 2)."]


def test_threshold_is_met_at_the_bound_itself():
    s = S.screen(longlist(), S.Threshold("Conflict risk", at_most=6, at_least=4))
    assert "Status quo" in s.kept  # 6: on the upper bound
    assert "Engage" in s.kept  # 4: on the lower bound
    assert s.excluded == ("Contain",)


def test_veto_on_a_risk_fails_above_the_limit():
    rule = S.Veto("Conflict risk", limit=6, reason="the escalation red line")
    s = S.screen(longlist(), rule)
    assert s.excluded == ("Contain",)
    (failure,) = s.reasons["Contain"]
    assert (failure.rule, failure.option, failure.criterion) == (rule, "Contain", "Conflict risk")
    assert (failure.score, failure.limit, failure.scenario) == (8.0, 6.0, None)
    assert failure.in_words() == (
        "Contain crosses the red line on Conflict risk (8 > 6: the escalation red line)."
    )


def test_veto_on_a_benefit_fails_below_the_limit():
    s = S.screen(longlist(), S.Veto("Trust", limit=3))
    assert s.excluded == ("Contain",)
    assert words(s, "Contain") == ["Contain crosses the red line on Trust (1 < 3)."]


def test_veto_on_a_cost_is_read_in_the_cost_direction():
    s = S.screen(longlist(), S.Veto("Budget", limit=100))
    assert s.excluded == ("Engage", "Contain")
    assert words(s, "Engage") == ["Engage crosses the red line on Budget (120 > 100)."]


def test_must_have_excludes_an_option_at_the_worst_end_of_the_scale():
    s = S.screen(longlist(), S.MustHave("Trade gains", reason="some trade"))
    assert s.excluded == ("Status quo",)
    assert words(s, "Status quo") == [
        "Status quo does not have Trade gains (it scores 0, the worst end of its scale: "
        "some trade)."
    ]


def test_must_have_on_a_risk_uses_the_high_end():
    a = longlist().with_score("Hedge", "Conflict risk", 10)
    s = S.screen(a, S.MustHave("Conflict risk"))
    assert s.excluded == ("Hedge",)
    assert s.reasons["Hedge"][0].limit == 10.0


def test_must_have_needs_a_fixed_scale():
    with pytest.raises(InvalidParameterError, match=r"rule 1 .*'Budget'.*fixed scale"):
        S.screen(longlist(), S.MustHave("Budget"))


# -- area rules -----------------------------------------------------------------------------


def test_area_rule_names_the_criterion_that_failed():
    s = S.screen(longlist(), S.Veto(area="Diplomacy", limit=2))
    # Trust is a benefit (below 2 fails), Alliances strained a risk (above 2 fails).
    assert s.excluded == ("Engage", "Contain", "Hedge", "Status quo")
    assert words(s, "Contain") == ["Contain crosses the red line on Trust (1 < 2)."]
    assert words(s, "Hedge") == ["Hedge crosses the red line on Alliances strained (7 > 2)."]
    assert [f.criterion for f in s.reasons["Engage"]] == ["Alliances strained"]


def test_area_threshold_applies_to_every_criterion_of_the_area():
    s = S.screen(longlist(), S.Threshold(area="Diplomacy", at_most=6))
    assert s.excluded == ("Hedge",)
    assert [(f.criterion, f.score) for f in s.reasons["Hedge"]] == [("Alliances strained", 7.0)]


# -- scenarios ------------------------------------------------------------------------------


def test_every_excludes_an_option_failing_in_one_scenario_and_names_it():
    s = S.screen(with_scenarios(), S.Veto("Conflict risk", limit=6, scenarios="every"))
    assert s.excluded == ("Engage", "Hedge")
    assert words(s, "Engage") == [
        "Engage crosses the red line on Conflict risk in 'Rivals exploit' (9 > 6)."
    ]
    assert [f.scenario for f in s.reasons["Hedge"]] == ["Rivals exploit"]


def test_any_keeps_an_option_that_meets_the_rule_in_one_scenario():
    s = S.screen(with_scenarios(), S.Veto("Conflict risk", limit=6, scenarios="any"))
    # Engage fails only when rivals exploit; Hedge meets the rule when they reciprocate.
    assert s.kept == ("Engage", "Contain", "Hedge")
    assert s.reasons["Engage"] == ()


def test_any_excludes_an_option_failing_in_every_scenario_naming_each():
    s = S.screen(with_scenarios(), S.Threshold("Trade gains", at_least=3, scenarios="any"))
    assert s.excluded == ("Hedge",)
    assert [f.scenario for f in s.reasons["Hedge"]] == ["Rivals exploit", "Rivals reciprocate"]


def test_central_ignores_the_scenarios():
    s = S.screen(with_scenarios(), S.Veto("Conflict risk", limit=6))
    assert s.excluded == ("Hedge",)


def test_every_or_any_without_scenarios_is_refused():
    with pytest.raises(ScenarioError, match=r"screen: the scenarios of rule 1 .*has no scenarios"):
        S.screen(longlist(), S.Veto("Conflict risk", limit=6, scenarios="every"))


# -- business as usual and do-minimum ---------------------------------------------------------


def test_the_baseline_is_kept_as_business_as_usual_with_its_note():
    a = longlist(baseline="Status quo")
    s = S.screen(a, S.MustHave("Trade gains"), S.Veto("Budget", limit=100))
    assert s.business_as_usual == "Status quo"
    assert s.kept == ("Hedge", "Status quo")
    assert s.excluded == ("Engage", "Contain")
    assert s.notes["Status quo"] == (
        "Status quo is kept as the business-as-usual option, a comparator on every "
        "shortlist, though it fails 1 rule: Status quo does not have Trade gains (it scores "
        "0, the worst end of its scale)."
    )
    assert "Status quo" in s.assessment.option_names


def test_do_minimum_is_kept_with_its_note():
    s = S.screen(longlist(), S.Veto("Budget", limit=100), do_minimum="Engage")
    assert s.kept == ("Engage", "Hedge", "Status quo")
    assert s.excluded == ("Contain",)
    assert s.notes["Engage"].startswith("Engage is kept as the do-minimum option")
    assert "Engage crosses the red line on Budget (120 > 100)." in s.notes["Engage"]
    # its failures are still recorded
    assert words(s, "Engage") == ["Engage crosses the red line on Budget (120 > 100)."]


def test_a_comparator_that_passes_gets_a_plain_note():
    s = S.screen(longlist(), S.Veto("Budget", limit=100), business_as_usual="Hedge")
    assert s.notes == {"Hedge": "Hedge is kept as the business-as-usual option."}


def test_one_option_as_both_comparators():
    s = S.screen(
        longlist(), S.Veto("Budget", limit=10), business_as_usual="Hedge", do_minimum="Hedge"
    )
    assert s.notes["Hedge"].startswith("Hedge is kept as the business-as-usual and do-minimum")


def test_an_unknown_comparator_is_refused_with_a_suggestion():
    with pytest.raises(UnknownNameError, match=r"do_minimum .*Did you mean 'Hedge'\?"):
        S.screen(longlist(), S.Veto("Budget", limit=10), do_minimum="Hedg")
    with pytest.raises(UnknownNameError, match=r"business_as_usual .*'Status quo'"):
        S.screen(longlist(), S.Veto("Budget", limit=10), business_as_usual="Status-quo")


# -- the shortlist --------------------------------------------------------------------------


def test_the_shortlist_keeps_the_scores_and_the_input_is_untouched():
    a = longlist(baseline="Status quo")
    before = a.scores.copy()
    s = S.screen(a, S.Veto("Conflict risk", limit=6), S.Threshold("Trust", at_least=5))
    assert s.original is a
    np.testing.assert_array_equal(a.scores, before)
    short = s.assessment
    assert short.option_names == s.kept == ("Engage", "Status quo")
    for option in short.option_names:
        np.testing.assert_array_equal(
            short.scores[short.option_index(option)], a.scores[a.option_index(option)]
        )
    assert short.criteria == a.criteria
    assert short.baseline == "Status quo"


def test_excluding_everything_leaves_no_shortlist():
    s = S.screen(longlist(), S.Threshold("Trade gains", at_least=9))
    assert s.kept == ()
    assert s.excluded == ("Engage", "Contain", "Hedge", "Status quo")
    with pytest.raises(ScreeningError, match=r"keeps no option.*business_as_usual"):
        _ = s.assessment


def test_reasons_cover_every_option_and_every_rule_failed():
    s = S.screen(
        longlist(),
        S.Veto("Conflict risk", limit=6),
        S.Threshold("Trust", at_least=2),
        S.Veto("Budget", limit=250),
    )
    assert set(s.reasons) == set(longlist().option_names)
    assert [type(f.rule).__name__ for f in s.reasons["Contain"]] == ["Veto", "Threshold", "Veto"]


# -- refusals -------------------------------------------------------------------------------


def test_no_rules_is_refused():
    with pytest.raises(InvalidParameterError) as raised:
        S.screen(longlist())
    assert str(raised.value) == (
        "screen: rules must be at least one rule; got (). Give at least one rule, such as "
        "pb.screening.Veto('Alliances strained', limit=6)."
    )


def test_something_that_is_not_a_rule_is_refused():
    with pytest.raises(InvalidParameterError, match="rule 2 must be a Threshold, Veto or MustHave"):
        S.screen(longlist(), S.Veto("Budget", limit=1), {"Budget": 1})


def test_an_unknown_criterion_is_refused_naming_the_rule():
    with pytest.raises(UnknownNameError) as raised:
        S.screen(longlist(), S.Veto("Budget", limit=1), S.Veto("Conflict risks", limit=6))
    message = str(raised.value)
    assert message.startswith("screen: the criterion of rule 2 (Veto: red line on 'Conflict")
    assert "Did you mean 'Conflict risk'?" in message


def test_an_unknown_area_is_refused_naming_the_rule():
    with pytest.raises(UnknownNameError, match=r"area of rule 1 .*Did you mean 'Diplomacy'\?"):
        S.screen(longlist(), S.Threshold(area="diplomacy", at_least=1))


def test_a_threshold_needs_a_bound_in_order():
    with pytest.raises(InvalidParameterError, match="Threshold: at_least or at_most must be"):
        S.Threshold("Trust")
    with pytest.raises(InvalidParameterError, match=r"at_least must be at most at_most \(2\)"):
        S.Threshold("Trust", at_least=5, at_most=2)


def test_a_rule_names_exactly_one_criterion_or_area():
    with pytest.raises(InvalidParameterError, match="exactly one of criterion= and area="):
        S.Veto(limit=3)
    with pytest.raises(InvalidParameterError, match="exactly one of criterion= and area="):
        S.MustHave("Trust", area="Diplomacy")


@pytest.mark.parametrize(
    ("build", "fragment"),
    [
        (lambda: S.Veto("Trust", limit="high"), "limit must be a finite number"),
        (lambda: S.Veto("Trust", limit=float("nan")), "limit must be a finite number"),
        (lambda: S.Threshold("Trust", at_least=True), "at_least must be"),
        (lambda: S.MustHave("Trust", scenarios="all"), "scenarios must be 'central', 'every'"),
        (lambda: S.MustHave("Trust", reason=""), "reason must be text or None"),
        (lambda: S.MustHave(""), "criterion must be a name"),
    ],
)
def test_bad_rule_parameters_are_refused(build, fragment):
    with pytest.raises(InvalidParameterError, match=fragment):
        build()


# -- rendering --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    a = longlist(baseline="Status quo")
    return S.screen(
        a,
        S.Veto("Conflict risk", limit=6, reason="the escalation red line"),
        S.MustHave("Trade gains"),
        S.Threshold(area="Diplomacy", at_most=6),
    )


def test_summary_in_words(example):
    assert example.summary() == (
        "Screened 4 options against 3 rules: 2 kept, 2 excluded. Contain crosses the red "
        "line on Conflict risk (8 > 6: the escalation red line). Hedge exceeds the maximum "
        "on Alliances strained (7 > 6). Status quo is kept as the business-as-usual option, "
        "a comparator on every shortlist, though it fails 1 rule: Status quo does not have "
        "Trade gains (it scores 0, the worst end of its scale)."
    )


def test_renders_in_every_format(example):
    text = example.to_text()
    assert text == str(example)
    assert text.startswith("Longlist: screening")
    assert "Why the excluded options are excluded" in text
    assert "red line on 'Conflict risk' at 6 (the escalation red line)" in text
    assert all(len(line) <= 100 for line in text.splitlines())
    markdown = example.to_markdown()
    assert markdown.startswith("## Longlist: screening")
    assert "| Contain | excluded | 1 |" in markdown
    html = example.to_html()
    assert html.startswith('<div class="powerbalance">')
    assert "Contain crosses the red line on Conflict risk" in html
    assert example._repr_html_() == html
    assert example.to_html(page=True).startswith("<!DOCTYPE html>")
    data = json.loads(example.to_json())
    assert data == json.loads(json.dumps(example.to_dict()))
    assert data["schema"] == "powerbalance.screening.screening/1"
    assert data["kept"] == ["Engage", "Status quo"]
    assert data["excluded"] == ["Contain", "Hedge"]
    assert data["rules"][0] == {
        "kind": "Veto",
        "criterion": "Conflict risk",
        "area": None,
        "limit": 6.0,
        "scenarios": "central",
        "reason": "the escalation red line",
        "in_words": "red line on 'Conflict risk' at 6 (the escalation red line)",
    }
    assert {
        "option": "Hedge",
        "rule": "every criterion of area 'Diplomacy' at most 6",
        "kind": "Threshold",
        "criterion": "Alliances strained",
        "score": 7.0,
        "limit": 6.0,
        "scenario": None,
        "in_words": "Hedge exceeds the maximum on Alliances strained (7 > 6).",
    } in data["failures"]
    assert data["business_as_usual"] == "Status quo"
    assert data["summary"] == example.summary()


def test_to_frame_has_one_row_per_option(example):
    frame = example.to_frame()
    assert list(frame.columns) == ["status", "failures", "reasons", "note"]
    assert frame.index.name == "option"
    assert frame["status"].to_dict() == {
        "Engage": "kept",
        "Contain": "excluded",
        "Hedge": "excluded",
        "Status quo": "kept",
    }
    assert frame["failures"].tolist() == [0, 1, 1, 1]
    assert (
        frame.loc["Hedge", "reasons"] == "Hedge exceeds the maximum on Alliances strained (7 > 6)."
    )
    assert frame.loc["Engage", "reasons"] == ""
    assert frame.loc["Status quo", "note"].startswith("Status quo is kept as the business-as-usual")


def test_a_screening_pickles_and_copies(example):
    again = pickle.loads(pickle.dumps(example))
    assert again.kept == example.kept
    assert again.reasons == example.reasons
    assert copy.deepcopy(example).summary() == example.summary()


def test_the_shortlist_is_ready_for_other_analyses(example):
    report = pb.evaluate(example.assessment)
    assert set(report.ranking.index) == {"Engage", "Status quo"}
