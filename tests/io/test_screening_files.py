"""Screening rules and sorting models in study files: read, checked, located, written back."""

from __future__ import annotations

import json
import tomllib

import attrs
import jsonschema
import pytest

import powerbalance as pb
from powerbalance.errors import DataLossWarning, StudyFileError

S = pb.screening


@pytest.fixture(scope="module")
def study():
    return pb.examples.load("great-power-cooperation")


def every_kind(study):
    """The example with every kind of rule, a do-minimum option and per-profile vetoes."""
    rules = (
        *study.screening_rules,
        S.Threshold(area="Economic", at_least=1, at_most=9.5, scenarios="any", reason="sane"),
        S.MustHave("Joint emissions reduction"),
    )
    model = attrs.evolve(
        study.sorting, vetoes={"Alliances strained": [3, None], "Technology leakage": [2.5, 1]}
    )
    return attrs.evolve(
        study, screening_rules=rules, do_minimum="Economic safeguards", sorting=model
    )


def electre(study):
    model = S.ElectreTriB(
        ["reject", "consider", "recommend"],
        study.sorting.profiles,
        indifference={"Trade tensions eased": 0.5, "Alliances strained": 0.5},
        preference={"Trade tensions eased": 1.5, "Alliances strained": 1},
        veto={"Alliances strained": 3},
        cut=0.7,
        rule="optimistic",
    )
    return attrs.evolve(study, screening_rules=(), sorting=model)


@pytest.mark.parametrize("suffix", [".toml", ".json", ".xlsx"])
@pytest.mark.parametrize("variant", [every_kind, electre])
def test_every_full_format_writes_rules_and_model_back(study, tmp_path, suffix, variant):
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")
    original = variant(study)
    path = tmp_path / f"study{suffix}"
    pb.io.write(original, path)
    again = pb.io.read(path)
    assert again.screening_rules == original.screening_rules
    assert again.do_minimum == original.do_minimum
    assert again.sorting == original.sorting
    assert again == original


def test_the_example_reads_back_as_it_was(study, tmp_path):
    path = tmp_path / "example.toml"
    pb.io.write(study, path)
    assert pb.io.read(path) == study
    written = tomllib.loads(path.read_text(encoding="utf-8"))
    assert written["sorting"]["vetoes"] == {
        "Alliances strained": 2.0,
        "Regional rivalries inflamed": 2.0,
    }
    assert written["screening"]["rules"][3] == {"kind": "must-have", "area": "Security"}


@pytest.mark.parametrize("suffix", [".toml", ".json"])
@pytest.mark.parametrize("variant", [every_kind, electre])
def test_written_files_validate_against_the_schema(study, tmp_path, suffix, variant):
    path = tmp_path / f"study{suffix}"
    pb.io.write(variant(study), path)
    text = path.read_text(encoding="utf-8")
    document = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    validator = jsonschema.Draft202012Validator(pb.io.schema())
    validator.validate(document)
    wrong = json.loads(json.dumps(document))
    wrong["sorting"]["model"] = "mrsort"
    assert not validator.is_valid(wrong)
    if "screening" in document:
        wrong = json.loads(json.dumps(document))
        wrong["screening"]["rules"][0]["kind"] = "red-line"
        assert not validator.is_valid(wrong)
        wrong = json.loads(json.dumps(document))
        wrong["screening"]["rules"][0]["area"] = "Diplomacy"
        assert not validator.is_valid(wrong)


def test_json_null_is_no_veto(study, tmp_path):
    document = tomllib.loads(pb.examples.text("great-power-cooperation"))
    document["sorting"]["vetoes"]["Alliances strained"] = [2, None]
    path = tmp_path / "null.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert pb.io.read(path).sorting.vetoes["Alliances strained"] == (2.0, None)


def problems_of(path):
    with pytest.raises(StudyFileError) as caught:
        pb.io.read(path)
    return caught.value.problems


def test_a_misspelt_criterion_is_located_with_a_suggestion(tmp_path):
    text = pb.examples.text("great-power-cooperation").replace(
        'criterion = "Technology leakage"', 'criterion = "Technology leaks"'
    )
    path = tmp_path / "typo.toml"
    path.write_text(text, encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.line == text.splitlines().index('criterion = "Technology leaks"') + 1
    assert problem.path == "screening.rules[2].criterion"
    assert "Did you mean 'Technology leakage'?" in problem.message


def test_every_kind_of_mistake_is_reported_at_once(tmp_path):
    document = tomllib.loads(pb.examples.text("great-power-cooperation"))
    rules = document["screening"]["rules"]
    rules[0]["kind"] = "vetto"
    del rules[1]["limit"]
    rules[2]["at_most"] = "seven"
    rules[3]["area"] = "Securty"
    rules.append({"kind": "threshold", "criterion": "Trust and dialogue"})
    rules.append(
        {"kind": "veto", "criterion": "Alliances strained", "area": "Diplomacy", "limit": 5}
    )
    rules.append(
        {"kind": "veto", "criterion": "Alliances strained", "limit": 5, "scenarios": "evry"}
    )
    document["screening"]["do_minimum"] = "Status qo"
    document["sorting"]["threshold"] = "high"
    profiles = document["sorting"]["profiles"]
    profiles["Trade tension eased"] = profiles.pop("Trade tensions eased")
    document["sorting"]["vetoes"]["Regional rivalries inflamed"] = [2, "never"]
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    found = {p.path: p.message for p in problems_of(path)}
    assert "Did you mean 'veto'?" in found["screening.rules[0].kind"]
    assert "'limit' is missing" in found["screening.rules[1].limit"]
    assert "expected a number" in found["screening.rules[2].at_most"]
    assert "Did you mean 'Security'?" in found["screening.rules[3].area"]
    assert "needs 'at_least', 'at_most' or both" in found["screening.rules[4]"]
    assert "exactly one of 'criterion' and 'area'; found both" in found["screening.rules[5]"]
    assert "Did you mean 'every'?" in found["screening.rules[6].scenarios"]
    assert "Did you mean 'Status quo'?" in found["screening.do_minimum"]
    assert "expected a number" in found["sorting.threshold"]
    assert "Did you mean 'Trade tensions eased'?" in found['sorting.profiles."Trade tension eased"']
    assert "no limits for 'Trade tensions eased'" in found["sorting.profiles"]
    assert "expected a number or 'none'" in found['sorting.vetoes."Regional rivalries inflamed"[1]']
    assert all(p.line is not None for p in problems_of(path))


def test_an_unknown_model_and_a_missing_key_are_named(tmp_path):
    document = tomllib.loads(pb.examples.text("great-power-cooperation"))
    document["sorting"]["model"] = "mrsort"
    path = tmp_path / "model.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.path == "sorting.model"
    assert "Did you mean 'mr-sort'?" in problem.message
    document["sorting"]["model"] = "electre-tri-b"
    document["sorting"]["cuts"] = 0.7
    del document["sorting"]["categories"]
    path.write_text(json.dumps(document), encoding="utf-8")
    found = {p.path: p.message for p in problems_of(path)}
    assert "Did you mean 'cut'?" in found["sorting.cuts"]
    assert "unknown key 'vetoes'" in found["sorting.vetoes"]
    assert "unknown key 'threshold'" in found["sorting.threshold"]
    assert "'categories' is missing" in found["sorting.categories"]


def test_the_model_s_own_refusals_are_recorded_at_the_table(tmp_path):
    text = pb.examples.text("great-power-cooperation")
    # Not nested: on a risk the edge of "recommend" must be no higher than that of "consider".
    nested = text.replace('"Alliances strained" = [6, 4.5]', '"Alliances strained" = [4.5, 6]')
    path = tmp_path / "nested.toml"
    path.write_text(nested, encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.path == "sorting"
    assert problem.line == text.splitlines().index("[sorting]") + 1
    assert problem.message.startswith("MRSort: ")
    assert "Alliances strained" in problem.message
    short = text.replace('"Trust and dialogue" = [4.5, 6]', '"Trust and dialogue" = [4.5]')
    path.write_text(short, encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.path == "sorting"
    assert "2 limits" in problem.message


def test_what_only_the_assessment_tells_is_located_at_the_rule(tmp_path):
    text = pb.examples.text("great-power-cooperation")
    start = text.index(
        "# ---------------------------------------------------------------- scenarios"
    )
    end = text.index("# ---------------------------------------------------------------- packages")
    without = text[:start] + text[end:]
    path = tmp_path / "no-scenarios.toml"
    path.write_text(without, encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.path == "screening.rules[0].scenarios"
    assert "needs scenarios, and the study has none" in problem.message
    a = pb.Assessment(
        ["A", "B"],
        [
            pb.Criterion("Gain", area="X", kind="benefit"),
            pb.Criterion("Harm", area="Y", kind="risk"),
        ],
        [[3, 2], [5, 4]],
    )
    study = pb.Study(a, screening_rules=[S.Veto("Harm", limit=3)])
    pb.io.write(study, tmp_path / "unscaled.toml")
    document = tomllib.loads((tmp_path / "unscaled.toml").read_text(encoding="utf-8"))
    document["screening"]["rules"] = [{"kind": "must-have", "area": "X"}]
    (tmp_path / "unscaled.json").write_text(json.dumps(document), encoding="utf-8")
    (problem,) = problems_of(tmp_path / "unscaled.json")
    assert problem.path == "screening.rules[0].area"
    assert "'Gain' has no fixed scale" in problem.message


def test_a_workbook_locates_a_mistake_in_its_cell(study, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "study.xlsx"
    pb.io.write(attrs.evolve(study, do_minimum="Economic safeguards"), path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["screening"]
    assert [c.value for c in sheet[1]] == [
        "kind", "criterion", "area", "at_least", "at_most", "limit", "scenarios", "reason", "option"
    ]  # fmt: skip
    assert [c.value for c in sheet[6]][0::8] == ["do-minimum", "Economic safeguards"]
    sheet.cell(2, 2).value = "Alliances strain"
    sorting = workbook["sorting"]
    (row,) = [r for r in range(1, sorting.max_row + 1) if sorting.cell(r, 1).value == "vetoes"]
    sorting.cell(row, 2).value = json.dumps({"Alliances strained": "x"})
    workbook.save(path)
    problems = problems_of(path)
    by_sheet = {p.sheet: p for p in problems}
    assert (by_sheet["screening"].line, by_sheet["screening"].column) == (2, 2)
    assert "Did you mean 'Alliances strained'?" in by_sheet["screening"].message
    assert (by_sheet["sorting"].line, by_sheet["sorting"].column) == (row, 2)
    assert "expected a number" in by_sheet["sorting"].message


@pytest.mark.parametrize(
    ("suffix", "options"),
    [(".csv", {}), (".csv", {"layout": "long"}), (".xml", {})],
)
def test_csv_and_xmcda_say_they_leave_rules_and_model_out(study, tmp_path, suffix, options):
    plain = attrs.evolve(study, presets={}, do_minimum="Economic safeguards")
    with pytest.warns(DataLossWarning) as caught:
        pb.io.write(plain, tmp_path / f"study{suffix}", **options)
    lost = [part for w in caught for part in w.message.lost]
    assert "4 screening rules and the do-minimum option ('Economic safeguards')" in lost
    assert "the sorting model (MRSort into 'reject', 'consider', 'recommend')" in lost
