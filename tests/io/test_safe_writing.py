"""Writing is safe: whole files or none, no formulas for a spreadsheet, nothing lost unsaid.

- Every file is written to a temporary file and renamed over its target: a failure
  mid-write (a full disk, an interruption, a failed rename) leaves the old file as it
  was and no temporary file behind, and is a ``FileWriteError`` naming file and reason.
- Text a spreadsheet would run as a formula is quoted in CSV and a string cell in a
  workbook, and reads back exactly; numbers stay numbers.
- Integers in presets come back as integers.
- What a format cannot hold is named by one ``DataLossWarning``, the same words the
  command line's ``convert`` prints, and a read-back confirms it is exactly what is lost.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import stat
import warnings
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import PLAIN, rich_assessments

import powerbalance as pb
from powerbalance import cli
from powerbalance.errors import DataLossWarning, FileWriteError
from powerbalance.io import _atomic, _json, _toml
from powerbalance.io._formulas import FORMULA_STARTS, escape_formula, unescape_formula
from powerbalance.io._kept import LOST, PARTS, lost_parts
from powerbalance.io.xmcda import write as xmcda_write
from powerbalance.model.uncertainty import Triangular

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
QUIET = pytest.mark.filterwarnings("ignore::powerbalance.errors.DataLossWarning")


def small(scale: float = 1.0) -> pb.Study:
    a = pb.Assessment(
        options=["Engage", "Contain"],
        criteria=[
            pb.Criterion("Gain", area="Economic", kind="benefit"),
            pb.Criterion("Harm", area="Security", kind="risk"),
        ],
        scores=[[7 * scale, 4], [3, 6 * scale]],
    )
    return pb.Study(a)


FORMATS = [
    ("study.toml", "wide"),
    ("study.json", "wide"),
    ("study.xlsx", "wide"),
    ("scores.csv", "wide"),
    ("scores.csv", "long"),
    ("study.xml", "wide"),
]


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


# -- atomic writing -------------------------------------------------------------------------


def no_space(*_args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize(("name", "layout"), FORMATS)
def test_a_full_disk_leaves_the_old_file_whole_and_no_temporary_file(
    tmp_path, monkeypatch, name, layout
):
    path = tmp_path / name
    pb.io.write(small(), path, layout=layout)
    before = files_of(tmp_path)
    monkeypatch.setattr(_atomic.os, "fsync", no_space)
    with pytest.raises(FileWriteError, match="No space left on device") as caught:
        pb.io.write(small(scale=2), path, layout=layout)
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename is not None
    assert name in caught.value.filename
    assert str(path) in str(caught.value)
    assert isinstance(caught.value, OSError)
    assert files_of(tmp_path) == before
    monkeypatch.undo()
    assert pb.io.read(path) == small()


class _HalfWriter(io.FileIO):
    """A file that takes half of what it is given, then finds the disk full."""

    def write(self, data):  # type: ignore[override]
        super().write(bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_write_cut_off_half_way_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "study.toml"
    pb.io.write(small(), path)
    before = files_of(tmp_path)
    monkeypatch.setattr(_atomic.os, "fdopen", lambda fd, mode: _HalfWriter(fd, "wb"))
    with pytest.raises(FileWriteError, match=r"study\.toml: cannot be written"):
        pb.io.write(small(scale=2), path)
    assert files_of(tmp_path) == before


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, MemoryError])
def test_an_interruption_mid_write_leaves_the_old_file(tmp_path, monkeypatch, interruption):
    path = tmp_path / "study.json"
    pb.io.write(small(), path)
    before = files_of(tmp_path)

    def interrupt(_descriptor: int) -> None:
        raise interruption

    monkeypatch.setattr(_atomic.os, "fsync", interrupt)
    with pytest.raises(interruption):
        pb.io.write(small(scale=2), path)
    assert files_of(tmp_path) == before


def test_a_failed_rename_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "study.toml"
    pb.io.write(small(), path)
    before = files_of(tmp_path)

    def refuse(*_args: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(_atomic.os, "replace", refuse)
    with pytest.raises(FileWriteError, match="Permission denied") as caught:
        pb.io.write(small(scale=2), path)
    assert caught.value.errno == errno.EACCES
    assert files_of(tmp_path) == before


def test_a_serializer_that_fails_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "study.toml"
    pb.io.write(small(), path)
    before = files_of(tmp_path)

    def broken(_document: object) -> str:
        raise RuntimeError("the serializer broke")

    monkeypatch.setattr(_toml, "dumps", broken)
    monkeypatch.setattr(_json, "dumps", broken)
    for name in ("study.toml", "study.json"):
        with pytest.raises(RuntimeError, match="serializer broke"):
            pb.io.write(small(scale=2), tmp_path / name)
    assert files_of(tmp_path) == before


@QUIET
def test_the_long_table_and_its_criteria_are_replaced_together_or_not_at_all(tmp_path, monkeypatch):
    path = tmp_path / "scores.csv"
    pb.io.write(small(), path, layout="long")
    before = files_of(tmp_path)
    assert sorted(before) == ["scores.criteria.csv", "scores.csv"]
    calls = []

    def second_fails(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            no_space()

    monkeypatch.setattr(_atomic.os, "fsync", second_fails)
    changed = attrs.evolve(
        small(scale=2),
        assessment=attrs.evolve(
            small().assessment,
            criteria=[attrs.evolve(c, unit="new") for c in small().assessment.criteria],
        ),
    )
    with pytest.raises(FileWriteError, match=r"scores\.criteria\.csv: cannot be written"):
        pb.io.write(changed, path, layout="long")
    assert files_of(tmp_path) == before


def test_xmcda_files_of_a_folder_are_replaced_together_or_not_at_all(tmp_path, monkeypatch):
    a = small().assessment
    written = xmcda_write(a, tmp_path, split=True)
    assert len(written) > 2
    before = files_of(tmp_path)
    calls = []

    def last_fails(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == len(written):
            no_space()

    monkeypatch.setattr(_atomic.os, "fsync", last_fails)
    with pytest.raises(FileWriteError, match="No space left"):
        xmcda_write(small(scale=2).assessment, tmp_path, split=True)
    assert files_of(tmp_path) == before


def test_a_missing_folder_is_a_clear_error(tmp_path):
    path = tmp_path / "no-such-folder" / "study.toml"
    with pytest.raises(FileWriteError, match="No such file or directory") as caught:
        pb.io.write(small(), path)
    assert caught.value.errno == errno.ENOENT
    assert str(path) in str(caught.value)
    folder = tmp_path / "looks-like.toml"
    folder.mkdir()
    with pytest.raises(FileWriteError, match="is a folder"):
        pb.io.write(small(), folder)


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_the_permissions_of_the_file_replaced_are_kept(tmp_path):
    path = tmp_path / "study.toml"
    pb.io.write(small(), path)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    path.chmod(0o640)
    pb.io.write(small(scale=2), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert pb.io.read(path) == small(scale=2)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges elsewhere")
def test_a_symbolic_link_stays_a_link_to_the_file_written(tmp_path):
    real = tmp_path / "real.toml"
    pb.io.write(small(), real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    pb.io.write(small(scale=2), link)
    assert link.is_symlink()
    assert pb.io.read(real) == small(scale=2)


def test_the_command_line_output_is_written_whole_or_not_at_all(tmp_path, monkeypatch, capsys):
    path = tmp_path / "report.txt"
    path.write_text("the old report\n", encoding="utf-8")
    monkeypatch.setattr(_atomic.os, "fsync", no_space)
    assert cli.main(["report", "--output", str(path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("powerbalance: error: ")
    assert "report.txt: cannot be written (No space left on device)" in error
    assert files_of(tmp_path) == {"report.txt": b"the old report\n"}
    monkeypatch.undo()
    assert cli.main(["report", "--output", str(path)]) == 0
    assert path.read_text(encoding="utf-8") != "the old report\n"


def test_convert_leaves_the_old_file_when_writing_fails(tmp_path, monkeypatch, capsys):
    path = tmp_path / "copy.toml"
    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(_atomic.os, "fsync", no_space)
    assert cli.main(["convert", "engage-or-contain", str(path)]) == 2
    assert "cannot be written (No space left on device)" in capsys.readouterr().err
    assert files_of(tmp_path) == {"copy.toml": b"old"}


# -- formulas -------------------------------------------------------------------------------


@given(st.text(alphabet="'=+-@\t\rx 1", max_size=6))
def test_escaping_a_formula_round_trips_every_text_and_leaves_none_to_run(text):
    escaped = escape_formula(text)
    assert unescape_formula(escaped) == text
    assert not escaped[:1] or escaped[0] not in FORMULA_STARTS
    starts_unsafe = bool(text) and text[0] in FORMULA_STARTS
    assert (escaped == text) is not (starts_unsafe or bool(re.match(r"'+[=+\-@\t\r]", text)))


#: Text beginning with what a spreadsheet runs, or with quotes before it.
FORMULA_TEXT = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "'", "'=", "''+", "-1", "=1+2"]),
    PLAIN,
)


@st.composite
def formula_studies(draw: st.DrawFn) -> pb.Study:
    option_names = draw(st.lists(FORMULA_TEXT, min_size=2, max_size=3, unique=True))
    criterion_names = draw(st.lists(FORMULA_TEXT, min_size=1, max_size=3, unique=True))
    # A workbook keeps 16 significant digits (docs/formats.md): scores as people type them.
    number = st.integers(-(10**6), 10**6).map(lambda k: k / 4)
    criteria = [
        pb.Criterion(
            name,
            area=draw(FORMULA_TEXT),
            kind=draw(st.sampled_from(["benefit", "risk"])),
            unit=draw(FORMULA_TEXT),
            description=draw(FORMULA_TEXT),
        )
        for name in criterion_names
    ]
    scores = [[draw(number) for _ in criteria] for _ in option_names]
    notes = {
        (option, criterion): draw(FORMULA_TEXT.filter(str.strip))
        for option in option_names
        for criterion in criterion_names
        if draw(st.booleans())
    }
    a = pb.Assessment(
        options=[pb.Option(name, description=draw(FORMULA_TEXT)) for name in option_names],
        criteria=criteria,
        scores=scores,
        notes=notes,
        name=draw(FORMULA_TEXT),
        description=draw(FORMULA_TEXT),
    )
    return pb.Study(a, title=draw(FORMULA_TEXT), author=draw(FORMULA_TEXT))


def kept_in_csv(study: pb.Study, layout: str) -> pb.Assessment:
    a = study.assessment
    return attrs.evolve(
        a,
        options=[pb.Option(name) for name in a.option_names],
        notes=a.notes if layout == "long" else {},
        name="",
        description="",
    )


def csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as stream:
        return [cell for row in csv.reader(stream) for cell in row]


def assert_nothing_runs(cells: list[str]) -> None:
    for cell in cells:
        if cell[:1] in tuple(FORMULA_STARTS):
            float(cell)  # only a number, such as a negative score, may start so


@QUIET
@EXAMPLES
@given(study=formula_studies())
@pytest.mark.parametrize("layout", ["wide", "long"])
def test_csv_quotes_formulas_and_reads_them_back_unchanged(tmp_path, layout, study):
    path = tmp_path / "scores.csv"
    pb.io.write(study, path, layout=layout)
    cells = csv_cells(path)
    if layout == "long":
        cells += csv_cells(tmp_path / "scores.criteria.csv")
    assert_nothing_runs(cells)
    assert pb.io.load(path) == kept_in_csv(study, layout)


@EXAMPLES
@given(study=formula_studies())
def test_excel_stores_formulas_as_text_and_reads_them_back_unchanged(tmp_path, study):
    path = tmp_path / "study.xlsx"
    pb.io.write(study, path)
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
    assert pb.io.read(path) == study


@QUIET
def test_negative_scores_stay_numbers_and_names_are_quoted(tmp_path):
    a = pb.Assessment(
        options=["=cmd|' /C calc'!A0", "-5 scenario", "@SUM(1)", "'=x"],
        criteria=[pb.Criterion("+Gain", area="-Economic", kind="benefit", unit="=unit")],
        scores=[[-3], [-2.5], [0], [1e-7]],
    )
    path = tmp_path / "scores.csv"
    pb.io.save(a, path)
    text = path.read_text(encoding="utf-8")
    assert "'=cmd|' /C calc'!A0,-3\n" in text
    assert "'-5 scenario,-2.5\n" in text
    assert "'@SUM(1),0\n" in text
    assert "''=x,1e-07\n" in text
    assert "option,'+Gain\n" in text
    assert "area,'-Economic\n" in text
    assert pb.io.load(path) == a


def test_excel_keeps_error_like_text_as_text(tmp_path):
    a = pb.Assessment(
        options=["#N/A", "=1+1", "#DIV/0!"],
        criteria=[pb.Criterion("#REF!", area="=A1", kind="risk")],
        scores=[[1], [2], [3]],
    )
    path = tmp_path / "study.xlsx"
    pb.io.save(a, path)
    assert pb.io.load(path) == a


# -- numbers as given -----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".toml", ".json", ".xlsx"])
def test_integer_points_read_back_as_integers(tmp_path, suffix):
    a = small().assessment
    presets = {
        "direct": pb.weighting.Direct({"Gain": 3, "Harm": 1}),
        "mixed": pb.weighting.Direct({"Gain": 2.5, "Harm": 1.0}),
        "swing": pb.weighting.Swing({"Gain": 100, "Harm": 40}),
    }
    path = tmp_path / f"study{suffix}"
    pb.io.save(a, path, presets=presets)
    again = pb.io.read(path).presets
    assert again == presets
    assert [type(v) for v in again["direct"].points.values()] == [int, int]
    assert [type(v) for v in again["mixed"].points.values()] == [float, float]
    assert [type(v) for v in again["swing"].points.values()] == [int, int]
    assert repr(again["direct"]) == "Direct(points={'Gain': 3, 'Harm': 1})"


def test_a_study_file_gives_integers_where_it_has_them(tmp_path):
    path = tmp_path / "study.json"
    pb.io.save(small().assessment, path, presets={"p": pb.weighting.Direct({"Gain": 3, "Harm": 1})})
    assert '"Gain": 3,' in path.read_text(encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace('"Gain": 3,', '"Gain": 3.0,')
    path.write_text(text, encoding="utf-8")
    points = pb.io.read(path).presets["p"].points
    assert type(points["Gain"]) is float
    assert type(points["Harm"]) is int


# -- nothing lost without a word ------------------------------------------------------------


def _texts(study: pb.Study) -> tuple[str, ...]:
    return (study.title, study.author, study.date, study.disclaimer, study.scale_description)


def _curved(study: pb.Study) -> list[object]:
    """The value functions XMCDA has no form for (other than linear and piecewise)."""
    plain = (pb.value.Linear, pb.value.Piecewise)
    return [
        None if isinstance(c.value_function, plain) else c.value_function
        for c in study.assessment.criteria
    ]


def _without_functions(study: pb.Study, kinds: tuple[type, ...]) -> pb.Study:
    a = study.assessment
    criteria = [
        attrs.evolve(c, value_function=None) if isinstance(c.value_function, kinds) else c
        for c in a.criteria
    ]
    return attrs.evolve(study, assessment=attrs.evolve(a, criteria=criteria))


#: How to see, by reading back, that a part was lost; and how to leave it out.
ORACLE = {
    "texts": (
        _texts,
        lambda s: attrs.evolve(
            s, title="", author="", date="", disclaimer="", scale_description=""
        ),
    ),
    "name": (
        lambda s: (s.assessment.name, s.assessment.description),
        lambda s: attrs.evolve(s, assessment=attrs.evolve(s.assessment, name="", description="")),
    ),
    "option descriptions": (
        lambda s: [o.description for o in s.assessment.options],
        lambda s: attrs.evolve(
            s,
            assessment=attrs.evolve(
                s.assessment, options=[pb.Option(n) for n in s.assessment.option_names]
            ),
        ),
    ),
    "baseline": (
        lambda s: s.assessment.baseline,
        lambda s: attrs.evolve(s, assessment=attrs.evolve(s.assessment, baseline=None)),
    ),
    "notes": (
        lambda s: dict(s.assessment.notes),
        lambda s: attrs.evolve(s, assessment=attrs.evolve(s.assessment, notes={})),
    ),
    "uncertainty": (
        lambda s: dict(s.assessment.uncertainty),
        lambda s: attrs.evolve(s, assessment=attrs.evolve(s.assessment, uncertainty={})),
    ),
    "curved value functions": (
        _curved,
        lambda s: _without_functions(s, tuple(type(f) for f in _curved(s) if f is not None)),
    ),
}


@st.composite
def rich_studies(draw: st.DrawFn) -> pb.Study:
    a = draw(rich_assessments(text=PLAIN | st.just(""), note=PLAIN))
    texts = st.sampled_from(["", "A title", "J. Doe", "2026-12-03"])
    return pb.Study(
        a, title=draw(texts), author=draw(texts), date=draw(texts), disclaimer=draw(texts)
    )


# A workbook keeps 16 significant digits, so random floats do not read back exactly: the
# workbook, which keeps everything, is checked with the built-in study below.
@settings(EXAMPLES, max_examples=15)
@given(study=rich_studies())
@pytest.mark.parametrize(("name", "layout"), [f for f in FORMATS if f[0] != "study.xlsx"])
def test_the_warning_names_exactly_what_the_file_leaves_out(tmp_path, name, layout, study):
    path = tmp_path / name
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pb.io.write(study, path, layout=layout)
    again = pb.io.read(path)
    lost_keys = [key for key, (seen, _) in ORACLE.items() if seen(study) != seen(again)]
    expected = tuple(words for key in lost_keys if (words := PARTS[key](study)) is not None)
    losses = [w for w in caught if issubclass(w.category, DataLossWarning)]
    assert [w for w in caught if w not in losses] == []
    if not expected:
        assert losses == []
    else:
        assert len(losses) == 1
        warning = losses[0]
        assert warning.message.lost == expected
        assert str(path) in str(warning.message)
        assert Path(warning.filename) == Path(__file__)  # it points at the caller
    # Nothing else was lost: without the parts named, the study reads back whole.
    kept = study
    for key in lost_keys:
        kept = ORACLE[key][1](kept)
    if name.endswith(".xml"):
        # A linear value function is XMCDA's default and reads back as none.
        kept = _without_functions(kept, (pb.value.Linear,))
    assert again == kept


def test_the_formats_page_table_is_the_table_of_the_code():
    page = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    start = page.index("| part of a study | TOML | JSON | XLSX | CSV long | CSV wide | XMCDA |")
    rows = []
    for line in page[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    formats = ["toml", "json", "xlsx", "csv-long", "csv-wide", "xml"]
    by_label = {
        "the study's texts": "texts",
        "the assessment's name": "name",
        "option descriptions": "option descriptions",
        "baseline": "baseline",
        "rationale notes": "notes",
        "score uncertainty": "uncertainty",
        "scenarios": "scenarios",
        "other value functions": "curved value functions",
        "weighting presets": "presets",
        "the package problem": "portfolio",
        "screening rules": "screening",
        "the sorting model": "sorting",
    }
    found: dict[str, list[str]] = {key: [] for key in formats}
    seen = set()
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        key = next((k for label, k in by_label.items() if cells[0].startswith(label)), None)
        assert len(cells) == 7, row
        if key is None:
            assert set(cells[1:]) == {"yes"}, row  # kept by every format
            continue
        seen.add(key)
        for fmt, cell in zip(formats, cells[1:], strict=True):
            if cell != "yes":
                found[fmt].append(key)
    assert seen == set(PARTS)
    assert {fmt: sorted(keys) for fmt, keys in found.items()} == {
        fmt: sorted(LOST[fmt]) for fmt in formats
    }


def test_no_warning_where_the_format_keeps_everything(tmp_path):
    study = pb.examples.load("great-power-cooperation")
    a = study.assessment
    option, criterion = a.option_names[0], a.criterion_names[0]
    score = float(a.scores[0, 0])
    rich = attrs.evolve(
        study,
        assessment=attrs.evolve(
            a,
            uncertainty={(option, criterion): Triangular(score - 1, score, score + 0.5)},
            criteria=[
                attrs.evolve(a.criteria[0], value_function=pb.value.Exponential(rho=2.5)),
                *a.criteria[1:],
            ],
        ),
    )
    assert all(PARTS[part](rich) is not None for part in PARTS)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in ("s.toml", "s.json", "s.xlsx"):
            pb.io.write(rich, tmp_path / name)
            assert pb.io.read(tmp_path / name) == rich


def test_saving_an_assessment_to_csv_warns(tmp_path):
    a = pb.examples.load("great-power-cooperation").assessment
    with pytest.warns(DataLossWarning, match=r"the baseline \('Status quo'\)") as caught:
        pb.io.save(a, tmp_path / "scores.csv")
    assert caught[0].message.lost == (
        "the assessment's name and description",
        "the descriptions of 7 options",
        "the baseline ('Status quo')",
        "91 rationale notes",
        "4 scenarios ('Rivals reciprocate, Russia integrated', 'Rivals reciprocate, Russia "
        "isolated', 'Rivals exploit cooperation, Russia integrated', 'Rivals exploit "
        "cooperation, Russia isolated')",
    )


def test_convert_prints_the_library_s_words_once(tmp_path, capsys):
    study = pb.examples.load("great-power-cooperation")
    target = tmp_path / "scores.csv"
    assert cli.main(["convert", "great-power-cooperation", str(target)]) == 0
    error = capsys.readouterr().err
    lost = lost_parts(study, "csv", "wide")
    assert "3 weighting presets" in lost
    assert error == (
        f"powerbalance: note: {target} cannot hold {'; '.join(lost)}; they were left out.\n"
    )
    assert cli.main(["convert", "great-power-cooperation", str(tmp_path / "x.toml")]) == 0
    assert capsys.readouterr().err == ""


def test_xmcda_texts_are_named_when_a_study_is_written(tmp_path):
    study = pb.examples.load("great-power-cooperation")
    study = attrs.evolve(
        study,
        presets={},
        portfolio=None,
        screening_rules=(),
        sorting=None,
        assessment=attrs.evolve(study.assessment, scenarios=()),
    )
    with pytest.warns(DataLossWarning) as caught:
        pb.io.write(study, tmp_path / "study.xml")
    texts = "the study's title, author, date, disclaimer and scale description"
    assert caught[0].message.lost == (texts,)
    assert f"study.xml: XMCDA cannot hold {texts}; it was left out." in str(caught[0].message)
