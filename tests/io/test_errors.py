"""A bad file raises one StudyFileError listing every problem, each located and explained."""

from __future__ import annotations

import io
import json
import pickle
import zipfile

import pytest

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, Problem, StudyFileError

TINY = """\
format = "powerbalance-study/1"
name = "tiny"

[[criteria]]
name = "Gain"
area = "Economic"
kind = "benefit"
scale = [0, 10]

[[criteria]]
name = "Harm"
area = "Security"
kind = "risk"

[[options]]
name = "A"
description = "The first option."

[options.scores]
Gain = 7
Harm = { score = 4, rationale = "Some harm." }

[[options]]
name = "B"
scores = { Gain = 3, Harm = 6 }
"""

#: Three separate mistakes: a misspelt key, a kind that is not one, a score off its scale.
THREE_MISTAKES = (
    TINY.replace('kind = "risk"', 'kind = "gain"')
    .replace('description = "The first option."', 'descripton = "The first option."')
    .replace("Gain = 7", "Gain = 12")
)


def problems_of(tmp_path, text: str, name: str = "study.toml") -> tuple[Problem, ...]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StudyFileError) as info:
        pb.io.load(path)
    assert pb.io.validate(path) == info.value.problems
    return info.value.problems


def where(problems: tuple[Problem, ...]) -> list[tuple[int | None, int | None, str]]:
    return [(p.line, p.column, p.path) for p in problems]


def test_the_tiny_file_is_valid(tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    a = pb.io.load(path)
    assert a.option_names == ("A", "B")
    assert a.notes == {("A", "Harm"): "Some harm."}
    assert pb.io.validate(path) == ()


def test_every_problem_is_reported_together_with_line_column_and_path(tmp_path):
    problems = problems_of(tmp_path, THREE_MISTAKES)
    assert where(problems) == [
        (13, 1, "criteria[1].kind"),
        (17, 1, "options[0].descripton"),
        (20, 1, "options[0].scores.Gain"),
    ]
    kind, key, score = (p.message for p in problems)
    assert (
        "expected 'benefit' (higher is better), 'risk' or 'cost' (higher is worse); "
        "found 'gain'" in kind
    )
    assert "unknown key 'descripton'. Did you mean 'description'?" in key
    assert "the score 12 is outside the criterion's scale 0 to 10" in score
    assert all(p.file.endswith("study.toml") for p in problems)


def test_the_message_lists_the_problems_one_per_line(tmp_path):
    path = tmp_path / "study.toml"
    path.write_text(THREE_MISTAKES, encoding="utf-8")
    with pytest.raises(StudyFileError) as info:
        pb.io.load(path)
    lines = str(info.value).splitlines()
    assert lines[0] == f"{path}: 3 problems"
    assert lines[1].startswith(f"{path}:13:1: criteria[1].kind: criterion 'Harm': expected")
    assert lines[2].startswith(f"{path}:17:1: options[0].descripton: unknown key")
    assert lines[3].startswith(f"{path}:20:1: options[0].scores.Gain: the score 12")
    assert isinstance(info.value, ValueError)


def test_the_error_pickles_with_its_problems(tmp_path):
    path = tmp_path / "study.toml"
    path.write_text(THREE_MISTAKES, encoding="utf-8")
    with pytest.raises(StudyFileError) as info:
        pb.io.load(path)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.problems == info.value.problems
    assert str(again) == str(info.value)


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        ('kind = "benefit"', 'knd = "benefit"', "criteria[0].knd", "Did you mean 'kind'?"),
        ('name = "tiny"', 'nmae = "tiny"', "nmae", "Did you mean 'name'?"),
        ("Gain = 3,", "Gian = 3,", "options[1].scores.Gian", "Did you mean 'Gain'?"),
        ("score = 4,", "scor = 4,", "options[0].scores.Harm.scor", "Did you mean 'score'?"),
        ('[[options]]\nname = "B"', '[[option]]\nname = "B"', "option", "Did you mean 'options'?"),
    ],
)
def test_unknown_keys_suggest_the_known_one(tmp_path, old, new, path, message):
    problems = problems_of(tmp_path, TINY.replace(old, new, 1))
    assert problems[0].path == path
    assert message in problems[0].message
    # A misspelt required key is one problem, not also "the required key is missing".
    assert not any("required key" in p.message for p in problems)


def test_the_toml_syntax_error_is_located(tmp_path):
    (problem,) = problems_of(tmp_path, TINY.replace('area = "Security"', 'area = "Security'))
    assert (problem.line, problem.path) == (12, "")
    assert problem.message.startswith("not valid TOML")


def test_duplicate_names_and_missing_scores(tmp_path):
    text = TINY.replace('name = "Harm"', 'name = "Gain"').replace(
        "scores = { Gain = 3, Harm = 6 }", "scores = { Gain = 3 }"
    )
    problems = problems_of(tmp_path, text)
    assert where(problems)[0] == (11, 1, "criteria[1].name")
    assert "already defined at criteria[0]" in problems[0].message


def test_a_missing_score_names_option_and_criterion(tmp_path):
    (problem,) = problems_of(
        tmp_path, TINY.replace("scores = { Gain = 3, Harm = 6 }", "scores = { Gain = 3 }")
    )
    assert (problem.line, problem.path) == (25, "options[1].scores")
    assert "option 'B' has no score for criterion 'Harm'" in problem.message


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("{ score = 4, low = 5, high = 8 }", "does not include the score 4"),
        (
            "{ score = 4, low = 2, mode = 3, high = 8 }",
            "a uniform distribution takes 'low' and 'high', not 'mode'",
        ),
        (
            '{ score = 4, distribution = "lognormal", low = 2, high = 8 }',
            "expected one of 'normal', 'pert', 'triangular', 'uniform'",
        ),
        (
            '{ score = 4, distribution = "triangular", low = 2 }',
            "a triangular distribution needs 'high'",
        ),
        ('{ score = 4, distribution = "normal", sd = -1 }', "sd"),
    ],
)
def test_uncertainty_problems(tmp_path, cell, message):
    text = TINY.replace('Harm = { score = 4, rationale = "Some harm." }', f"Harm = {cell}")
    problems = problems_of(tmp_path, text)
    assert problems[0].line == 21
    assert problems[0].path.startswith("options[0].scores.Harm")
    assert message in problems[0].message


def test_a_newer_format_is_refused_by_name(tmp_path):
    (problem,) = problems_of(tmp_path, TINY.replace("study/1", "study/9"))
    assert (problem.line, problem.path) == (1, "format")
    assert "a newer format needs a newer powerbalance" in problem.message


def test_json_problems_are_located(tmp_path):
    document = {
        "format": "powerbalance-study/1",
        "criteria": [{"name": "Gain", "area": "Economic", "kind": "gain"}],
        "options": [{"name": "A", "scores": {"Gain": "high"}}],
    }
    problems = problems_of(tmp_path, json.dumps(document, indent=2), "study.json")
    assert where(problems) == [
        (7, 7, "criteria[0].kind"),
        (14, 9, "options[0].scores.Gain"),
    ]
    (syntax,) = problems_of(tmp_path, '{"format": "x",\n  "criteria": [}', "broken.json")
    assert (syntax.line, syntax.column) == (2, 16)
    (constant,) = problems_of(tmp_path, '{"format": NaN}', "nan.json")
    assert "NaN" in constant.message


def test_not_utf8_is_located(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(TINY.replace("The first option.", "Première option.").encode("latin-1"))
    (problem,) = pb.io.validate(path)
    assert (problem.line, problem.column) == (17, 21)
    assert "not UTF-8" in problem.message


def test_the_size_limit_is_checked_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "big.toml"
    path.write_text(TINY, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise AssertionError("parsed a file over the limit")

    monkeypatch.setattr("tomllib.loads", refuse)
    with pytest.raises(StudyFileError, match=r"larger than the limit of 100 bytes"):
        pb.io.load(path, max_bytes=100)


def test_unknown_suffixes(tmp_path):
    with pytest.raises(StudyFileError, match=r"Did you mean '\.toml'"):
        pb.io.load(tmp_path / "study.tml")
    with pytest.raises(InvalidParameterError, match=r"'\.yaml' is not one of"):
        pb.io.save(pb.examples.load().assessment, tmp_path / "study.yaml")


def test_missing_file(tmp_path):
    (problem,) = pb.io.validate(tmp_path / "nowhere.toml")
    assert "no such file" in problem.message


def test_deep_nesting_is_a_file_error(tmp_path):
    depth = 100_000
    for name, text in (
        ("deep.json", "[" * depth + "]" * depth),
        ("deep.toml", "x = " + "[" * depth + "]" * depth),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert pb.io.validate(tmp_path / name)


# -- tables ----------------------------------------------------------------------------------


def test_wide_csv_problems_name_row_and_column(tmp_path):
    text = "area,Economic,Security\nknd,benefit,risk\noption,Gain,Harm\nA,7,4\nB,three,6\n"
    problems = problems_of(tmp_path, text, "scores.csv")
    assert [(p.line, p.column) for p in problems][:1] == [(2, 1)]
    assert "Did you mean 'kind'?" in problems[0].message
    text = text.replace("knd", "kind")
    (problem,) = problems_of(tmp_path, text, "scores.csv")
    assert (problem.line, problem.column, problem.path) == (5, 2, "options[1].scores.Gain")
    assert "expected a number; found 'three'" in problem.message


def test_a_plain_wide_csv_says_what_is_missing(tmp_path):
    problems = problems_of(tmp_path, "option,Gain\nA,1\nB,2\n", "plain.csv")
    assert [p.path for p in problems] == ["criteria[0].area", "criteria[0].kind"]
    assert "Give it in the row 'kind' above the header row." in problems[1].message


def test_long_csv_needs_its_criteria_table(tmp_path):
    (problem,) = problems_of(tmp_path, "option,criterion,score\nA,Gain,1\n", "long.csv")
    assert "long.criteria.csv" in problem.message


def test_long_csv_problems_point_into_both_tables(tmp_path):
    (tmp_path / "long.criteria.csv").write_text(
        "criterion,area,kind,scale_low,scale_high\n"
        "Gain,Economic,benefit,0,10\n"
        "Harm,Security,rsk,,\n",
        encoding="utf-8",
    )
    text = (
        "option,criterion,score,rationale\n"
        "A,Gain,1,\n"
        "A,Harm,2,why\n"
        "B,Gain,3,\n"
        "B,Harm,4,\n"
        "B,Harm,5,\n"
    )
    problems = problems_of(tmp_path, text, "long.csv")
    companion = [p for p in problems if p.file.endswith("long.criteria.csv")]
    assert [(p.line, p.column, p.path) for p in companion] == [(3, 3, "criteria[1].kind")]
    duplicate = [p for p in problems if "given twice" in p.message]
    assert [(p.line, p.file.endswith("long.csv")) for p in duplicate] == [(6, True)]


def test_a_criteria_table_loaded_alone_is_explained(tmp_path):
    (problem,) = problems_of(
        tmp_path, "criterion,area,kind\nGain,Economic,benefit\n", "x.criteria.csv"
    )
    assert "this is a criteria table" in problem.message


def test_excel_problems_name_sheet_and_cell(tmp_path):
    path = tmp_path / "book.xlsx"
    pb.io.save(pb.examples.load().assessment, path)
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    workbook["criteria"]["C3"] = "gain"
    workbook["scores"]["C2"] = "six"
    workbook.create_sheet("notse")
    workbook.save(path)
    problems = pb.io.validate(path)
    located = {(p.sheet, p.line, p.column): p for p in problems}
    assert "unknown sheet 'notse'" in located[("notse", None, None)].message
    assert "found 'gain'" in located[("criteria", 3, 3)].message
    assert located[("criteria", 3, 3)].path == "criteria[1].kind"
    assert "found 'six'" in located[("scores", 2, 3)].message
    assert str(located[("scores", 2, 3)]).startswith(f"{path}, sheet 'scores', cell C2: ")


def test_excel_needs_openpyxl_and_says_how_to_get_it(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_openpyxl(name, *args, **kwargs):
        if name.startswith("openpyxl"):
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    monkeypatch.delitem(__import__("sys").modules, "openpyxl", raising=False)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'powerbalance\[excel\]'"):
        pb.io.save(pb.examples.load().assessment, tmp_path / "book.xlsx")


def workbook_with(part: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr(part, content)
    return buffer.getvalue()


def test_excel_archives_are_checked_before_openpyxl_reads_them(tmp_path):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><worksheet>&lol;</worksheet>'
    )
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(workbook_with("xl/worksheets/sheet1.xml", laughs))
    (problem,) = pb.io.validate(path)
    assert "declares a DTD" in problem.message
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(workbook_with("xl/worksheets/sheet1.xml", b" " * 5_000_000))
    assert bomb.stat().st_size < 100_000
    (problem,) = pb.io.validate(bomb, max_bytes=1_000_000)
    assert "unpacks to 5,000," in problem.message
    (tmp_path / "not.xlsx").write_bytes(b"plain text")
    (problem,) = pb.io.validate(tmp_path / "not.xlsx")
    assert "zip archive" in problem.message
