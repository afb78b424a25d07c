"""The brief's packages: the best package within the study's budgets and the robust ones."""

from __future__ import annotations

import json

import pytest

import powerbalance as pb
from powerbalance.brief._packages import ranked_weights


@pytest.fixture(scope="module")
def study():
    return pb.examples.load("great-power-cooperation")


@pytest.fixture(scope="module")
def brief(study):
    return pb.brief.build(study, stability=False, comparison=False, scenarios=False)


def test_the_best_package_is_optimize_under_the_briefs_weights(brief, study):
    best = pb.portfolio.optimize(
        study.portfolio, weighting=brief.report.weights, method=brief.report.method
    )
    assert brief.package is not None
    assert brief.package.options == best.options
    assert brief.package.value == pytest.approx(best.value)
    used = brief.package.use
    assert all(limit is None or spent <= limit + 1e-9 for spent, limit in used.values())


def test_the_robust_packages_follow_the_order_of_the_briefs_weights(brief, study):
    found = brief.robust_packages
    assert found is not None
    assert found.weight_information == ranked_weights(brief.report)
    # The best package under the brief's own weights respects that order, so it is
    # among the non-dominated ones, and every option of the core is in it.
    assert brief.package.options in found.packages
    assert set(found.core) <= set(brief.package.options)
    assert set(found.core) | set(found.borderline) | set(found.exterior) == set(
        study.assessment.option_names
    )


def test_the_section_names_the_package_and_the_core(brief):
    text = brief.to_text()
    assert "Packages within the budget" in text
    assert "Robust packages" in text
    for option in brief.package.options:
        assert option in text
    assert "Core (in every one)" in text
    html = brief.to_html()
    assert "Packages within the budget" in html


def test_the_data_carry_both_analyses(brief):
    data = json.loads(brief.to_json())
    assert data["package"]["options"] == list(brief.package.options)
    assert data["robust_packages"]["schema"] == "powerbalance.portfolio.robust/1"


def test_no_problem_or_packages_false_gives_no_section(study):
    without = pb.brief.build(
        study, stability=False, comparison=False, scenarios=False, packages=False
    )
    assert without.package is None
    assert without.robust_packages is None
    assert "Packages within the budget" not in without.to_text()
    assert "package" not in json.loads(without.to_json())
    other = pb.brief.build(pb.examples.load("engage-or-contain"), stability=False)
    assert other.package is None


def test_a_method_not_linear_in_the_weights_finds_the_best_package_only(study):
    brief = pb.brief.build(
        study, method="topsis", stability=False, comparison=False, scenarios=False
    )
    assert brief.package is not None
    assert brief.robust_packages is None
    assert "Robust packages" not in brief.to_text()


def test_a_package_of_another_assessment_is_refused(brief):
    other = pb.examples.load("engage-or-contain").assessment
    problem = pb.portfolio.Problem(
        other, costs={o: {"Money": 1} for o in other.option_names}, budget={"Money": 1}
    )
    with pytest.raises(pb.errors.InvalidParameterError, match="package"):
        pb.brief.Brief(brief.study, brief.report, package=pb.portfolio.optimize(problem))
