"""The brief's "Which options are acceptable": the study's screening and its sorting."""

from __future__ import annotations

import json
import re

import attrs
import pytest

import powerbalance as pb

CATEGORIES = ["reject", "consider", "recommend"]
HEADING = "Which options are acceptable"


def _rules() -> list[object]:
    # The red lines of docs/screening.md.
    return [
        pb.screening.Veto(
            "Alliances strained", limit=6, scenarios="every", reason="the alliance red line"
        ),
        pb.screening.Veto(
            "Regional rivalries inflamed", limit=7, reason="no new regional arms race"
        ),
        pb.screening.Threshold("Technology leakage", at_most=7),
        pb.screening.MustHave(area="Security"),
    ]


def _model(a: pb.Assessment) -> pb.screening.MRSort:
    profiles = {c.name: [4, 6] if c.kind == "benefit" else [6, 4] for c in a.criteria}
    return pb.screening.MRSort(
        CATEGORIES, profiles, threshold=0.6, vetoes={"Alliances strained": 3}
    )


@pytest.fixture(scope="module")
def study():
    plain = pb.examples.load("great-power-cooperation")
    return attrs.evolve(
        plain,
        screening_rules=_rules(),
        sorting=_model(plain.assessment),
        do_minimum="Economic safeguards",
    )


@pytest.fixture(scope="module")
def brief(study):
    return pb.brief.build(study, stability=False, comparison=False, scenarios=False)


def test_the_analyses_are_those_of_the_screening_module_under_the_briefs_weights(brief, study):
    a = study.assessment
    screened = pb.screening.screen(a, *study.screening_rules, do_minimum="Economic safeguards")
    assert brief.screening == screened
    assert brief.screening.excluded == ("Broad partnership", "Confrontation")
    expected = pb.screening.sort(a, study.sorting, weighting=brief.report.weights)
    assert dict(brief.sorting.categories) == dict(expected.categories)
    assert brief.sorting.weights == brief.report.weights
    # The support behind each category is that of the brief's weights, not equal ones.
    support = brief.sorting.to_frame()["support recommend"]
    assert support.tolist() == pytest.approx(expected.to_frame()["support recommend"].tolist())
    equal = pb.screening.sort(a, study.sorting, weighting="equal")
    assert support.tolist() != pytest.approx(equal.to_frame()["support recommend"].tolist())


def test_the_text_gives_the_reasons_and_the_categories(brief):
    text = brief.to_text()
    assert HEADING in text
    section = text[text.index(HEADING) : text.index("Benefits and risks by area")]
    words = " ".join(section.split())
    # The rules numbered, each option's status and the rules it fails, then why in words.
    assert "Rule 2: red line on 'Regional rivalries inflamed' at 7" in words
    assert re.search(r"Broad partnership\s+excluded\s+1, 3\n", section)
    assert re.search(r"Economic safeguards\s+kept \(comparator\)\s+-\n", section)
    assert re.search(r"Targeted cooperation\s+kept\s+-\n", section)
    assert (
        "Confrontation crosses the red line on Regional rivalries inflamed (8.5 > 7: no new "
        "regional arms race)." in words
    )
    assert (
        "Broad partnership crosses the red line on Alliances strained in 'Rivals reciprocate, "
        "Russia integrated' (8.5 > 6: the alliance red line), and in 3 more scenarios; exceeds "
        "the maximum on Technology leakage (8.5 > 7)." in words
    )
    assert "Economic safeguards is kept as the do-minimum option." in words
    assert "Status quo is kept as the business-as-usual option." in words
    # Every option's category, why in one line, and the veto that fired.
    for option, category in brief.sorting.categories.items():
        assert re.search(rf"{re.escape(option)}\s+{category}\b", section), option
    assert "reject (excluded)" in section
    assert re.search(
        r"Broad partnership\s+short of 'recommend': 55.2% of the weight, 60.0% needed\n", section
    )
    assert re.search(r"Broad partnership\s+Alliances strained\n", section)
    assert "A veto fires for Broad partnership against the next category up." in words
    assert all(len(line) <= 100 for line in section.splitlines())
    # The chart is HTML only; text gets the table.
    assert "<svg" not in text


def test_the_section_follows_the_ranking(brief):
    text = brief.to_text()
    assert text.index("Ranking") < text.index(HEADING) < text.index("Benefits and risks by area")


def test_markdown_has_the_tables(brief):
    markdown = brief.to_markdown()
    assert f"## {HEADING}" in markdown
    assert "| Confrontation | reject (excluded) | short of 'consider'" in markdown
    assert "| Broad partnership | excluded | 1, 3 |" in markdown
    assert "- Broad partnership crosses the red line on Alliances strained" in markdown
    assert "<svg" not in markdown


def test_html_draws_the_category_chart(brief):
    page = brief.to_html(page=True)
    assert f">{HEADING}<" in page
    (chart,) = re.findall(r'<svg [^>]*class="chart categories".*?</svg>', page, re.S)
    strips = re.findall(r'data-category="([^"]+)" data-position="(\d)"', chart)
    assert strips == [("recommend", "2"), ("consider", "1"), ("reject", "0")]
    for option, category in brief.sorting.categories.items():
        strip = re.search(rf'data-category="{category}".*?</g>', chart, re.S)[0]
        assert f'data-option="{option}"' in strip
    assert "Confrontation (excluded)" in chart
    assert "Broad partnership (excluded, vetoed)" in chart
    assert 'role="img"' in chart
    assert "aria-label=" in chart


def test_the_data_carry_both_analyses(brief):
    data = json.loads(brief.to_json())
    assert data["screening"] == json.loads(json.dumps(brief.screening.to_dict()))
    assert data["sorting"]["by_category"]["reject"] == ["Confrontation"]
    assert data["screening"]["excluded"] == ["Broad partnership", "Confrontation"]
    keys = list(data)
    assert keys.index("report") < keys.index("screening") < keys.index("sorting")
    assert keys[-1] == "version"


def test_no_section_when_the_study_has_neither():
    study = pb.examples.load("great-power-cooperation")
    if study.screening_rules or study.sorting is not None:
        study = attrs.evolve(study, screening_rules=(), sorting=None)
    brief = pb.brief.build(study, stability=False, comparison=False, scenarios=False)
    assert brief.screening is None
    assert brief.sorting is None
    assert HEADING not in brief.to_text()
    assert 'class="chart categories"' not in brief.to_html(page=True)
    data = brief.to_dict()
    assert data["screening"] is None
    assert data["sorting"] is None


def test_screening_false_leaves_the_section_out(study):
    brief = pb.brief.build(study, stability=False, comparison=False, screening=False)
    assert brief.screening is None
    assert brief.sorting is None
    assert HEADING not in brief.to_markdown()


def test_only_the_rules_or_only_the_model(study):
    rules_only = pb.brief.build(attrs.evolve(study, sorting=None), stability=False)
    assert rules_only.sorting is None
    assert rules_only.screening is not None
    text = rules_only.to_text()
    assert HEADING in text
    assert "Sorting into categories" not in text
    model_only = pb.brief.build(attrs.evolve(study, screening_rules=()), stability=False)
    assert model_only.screening is None
    text = model_only.to_text()
    assert HEADING in text
    assert "Screening, option by option" not in text
    assert "(excluded)" not in text
    assert 'class="chart categories"' in model_only.to_html()


def test_the_bottom_line_says_when_the_leader_fails_the_screening_or_the_best_category(study):
    a = study.assessment
    brief = pb.brief.build(study, stability=False, comparison=False)
    assert brief.sorting.categories["Targeted cooperation"] == "recommend"
    assert "screening" not in brief.recommendation()
    strict = pb.screening.Veto("Technology leakage", limit=4, reason="no leakage")
    tight = pb.screening.MRSort(
        CATEGORIES,
        {c.name: [4, 9.5] if c.kind == "benefit" else [6, 0.5] for c in a.criteria},
    )
    flagged = pb.brief.build(
        attrs.evolve(study, screening_rules=[strict], sorting=tight), stability=False
    )
    assert flagged.recommendation().endswith(
        "But the study's screening excludes it: it crosses the red line on Technology "
        "leakage (4.5 > 4: no leakage); the sorting puts it in 'consider', not 'recommend'."
    )
    assert flagged.summary().startswith(flagged.recommendation())


def test_a_brief_refuses_a_screening_of_another_assessment(study, brief):
    other = pb.examples.load("engage-or-contain").assessment
    foreign = pb.screening.screen(other, pb.screening.Veto("Conflict risk", limit=5))
    with pytest.raises(pb.errors.InvalidParameterError, match="screening"):
        pb.brief.Brief(study, brief.report, screening=foreign)
    with pytest.raises(pb.errors.InvalidParameterError, match="sorting"):
        pb.brief.Brief(study, brief.report, sorting="recommend")  # type: ignore[arg-type]


def test_the_example_s_own_rules_show_in_its_default_brief():
    study = pb.examples.load("great-power-cooperation")
    assert study.screening_rules
    assert study.sorting is not None
    brief = pb.brief.build(study, stability=False, comparison=False)
    assert brief.screening.excluded == ("Broad partnership", "Confrontation")
    assert dict(brief.sorting.by_category) == {
        "reject": ("Broad partnership", "Confrontation", "Status quo"),
        "consider": ("Allied intelligence sharing", "Economic safeguards", "Technology investment"),
        "recommend": ("Targeted cooperation",),
    }
    text = " ".join(brief.to_text().split())
    assert HEADING in text
    assert "Status quo is kept as the business-as-usual option." in text
    assert "Confrontation reject (excluded)" in text
    assert "Confrontation short of 'consider': 35.6% of the weight, 65.0% needed" in text
    assert "Confrontation Regional rivalries inflamed" in text
    assert 'class="chart categories"' in brief.to_html(page=True)
    # The recommended option passes the screening and is in the best category.
    assert "screening" not in brief.recommendation()


def test_an_electre_tri_model_shows_its_credibility_and_the_other_rule(study):
    a = study.assessment
    profiles = {c.name: [4, 6] if c.kind == "benefit" else [6, 4] for c in a.criteria}
    model = pb.screening.ElectreTriB(
        CATEGORIES,
        profiles,
        indifference=dict.fromkeys(profiles, 0.5),
        preference=dict.fromkeys(profiles, 2.0),
        cut=0.7,
    )
    brief = pb.brief.build(attrs.evolve(study, sorting=model), stability=False)
    text = brief.to_text()
    assert "credibility" in text
    assert "cut 0.70" in text
    for option in brief.sorting.incomparable:
        other = brief.sorting.rules["optimistic"][a.option_index(option)]
        assert f"optimistic: {CATEGORIES[int(other)]}" in text
