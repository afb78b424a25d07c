"""The built-in study's illustrative red lines and sorting model, and what they decide."""

from __future__ import annotations

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.brief._presets import study_weighting

S = pb.screening


@pytest.fixture(scope="module")
def study():
    return pb.examples.load("great-power-cooperation")


def test_the_rules_are_those_of_the_screening_guide(study):
    assert study.screening_rules == (
        S.Veto("Alliances strained", limit=6, scenarios="every", reason="the alliance red line"),
        S.Veto("Regional rivalries inflamed", limit=7, reason="no new regional arms race"),
        S.Threshold("Technology leakage", at_most=7),
        S.MustHave(area="Security"),
    )
    assert study.do_minimum is None
    assert "its screening rules and its sorting model" in study.disclaimer


def test_the_screening_excludes_the_two_postures_that_cross_a_red_line(study):
    screening = S.screen(study.assessment, *study.screening_rules, do_minimum=study.do_minimum)
    assert screening.excluded == ("Broad partnership", "Confrontation")
    assert screening.kept == (
        "Targeted cooperation",
        "Allied intelligence sharing",
        "Economic safeguards",
        "Technology investment",
        "Status quo",
    )
    # Broad partnership strains the alliances in every future and leaks technology.
    words = [failure.in_words() for failure in screening.reasons["Broad partnership"]]
    assert len(words) == 5
    assert (
        "Broad partnership crosses the red line on Alliances strained in 'Rivals exploit "
        "cooperation, Russia integrated' (9.5 > 6: the alliance red line)."
    ) in words
    assert "Broad partnership exceeds the maximum on Technology leakage (8.5 > 7)." in words
    (confrontation,) = screening.reasons["Confrontation"]
    assert confrontation.in_words() == (
        "Confrontation crosses the red line on Regional rivalries inflamed "
        "(8.5 > 7: no new regional arms race)."
    )
    assert screening.notes == {"Status quo": "Status quo is kept as the business-as-usual option."}


@pytest.mark.parametrize("weighting", [None, "equal", "economy-first", "climate-first"])
def test_the_model_recommends_targeted_cooperation_and_rejects_the_extremes(study, weighting):
    sorting = S.sort(study.assessment, study.sorting, weighting=study_weighting(study, weighting))
    assert sorting.categories["Targeted cooperation"] == "recommend"
    for option in ("Broad partnership", "Confrontation", "Status quo"):
        assert sorting.categories[option] == "reject", option
    for option in ("Allied intelligence sharing", "Economic safeguards"):
        assert sorting.categories[option] == "consider", option


def test_under_the_study_s_own_weights_the_sorting_and_its_reasons(study):
    sorting = S.sort(study.assessment, study.sorting, weighting=study_weighting(study, None))
    assert dict(sorting.by_category) == {
        "reject": ("Broad partnership", "Confrontation", "Status quo"),
        "consider": ("Allied intelligence sharing", "Economic safeguards", "Technology investment"),
        "recommend": ("Targeted cooperation",),
    }
    # The vetoes carry the red lines of the screening into the sorting.
    assert "Veto on Alliances strained (8.5 is worse than the limit 6 by 2.5" in sorting.why(
        "Broad partnership"
    )
    assert "Veto on Regional rivalries inflamed (8.5 is worse than the limit 6 by 2.5" in (
        sorting.why("Confrontation")
    )
    # The status quo fails on its own merits: too few criteria reach the edge of "consider".
    status_quo = sorting.why("Status quo")
    assert "Not at least as good as the lower edge of 'consider'" in status_quo
    assert "(61.9% of the weight; 65.0% needed)" in status_quo
    assert "Veto" not in status_quo


def test_the_vetoes_reject_the_red_line_postures_whatever_the_weights(study):
    prepared = study.sorting.prepare(study.assessment)
    rng = np.random.default_rng(21)
    weights = rng.dirichlet([1.0] * study.assessment.n_criteria, size=2_000)
    assigned = prepared.assign(weights)
    names = study.assessment.option_names
    for option in ("Broad partnership", "Confrontation"):
        assert (assigned[:, names.index(option)] == 0).all(), option
