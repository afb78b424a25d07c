"""Whatever a file holds, loading it gives an assessment or raises StudyFileError, never
anything else: random mutations of valid files and random bytes."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import StudyFileError

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEY_VALUE = re.compile(r"^([^=\n]+= )(.+)$", re.MULTILINE)
CHARACTERS = st.one_of(
    st.sampled_from(list("\"'[]{}=,.#\\\n0123456789-+eE_ ")),
    st.characters(blacklist_categories=("Cs",)),
)


def _sources() -> dict[str, str]:
    study = pb.Study(
        pb.examples.load().assessment.subset(
            options=["Targeted cooperation", "Status quo", "Confrontation"]
        )
    )
    texts = {".toml": pb.examples.text("great-power-cooperation")}
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".json", ".csv"):
            path = Path(folder) / f"study{suffix}"
            pb.io.write(study, path)
            texts[suffix] = path.read_text(encoding="utf-8")
    return texts


SOURCES = _sources()


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` after one to three random edits a person or a broken tool might make."""
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        kind = draw(
            st.sampled_from(["delete", "duplicate", "character", "insert", "swap", "truncate"])
        )
        if kind in ("delete", "duplicate"):
            i = draw(st.integers(0, len(lines) - 1))
            lines[i : i + 1] = [] if kind == "delete" else [lines[i], lines[i]]
            text = "\n".join(lines)
        elif kind == "character" and text:
            i = draw(st.integers(0, len(text) - 1))
            text = text[:i] + draw(CHARACTERS) + text[i + 1 :]
        elif kind == "insert":
            i = draw(st.integers(0, len(text)))
            text = text[:i] + draw(st.text(CHARACTERS, max_size=5)) + text[i:]
        elif kind == "swap":
            pairs = KEY_VALUE.findall(text)
            if len(pairs) >= 2:
                first, second = draw(st.lists(st.sampled_from(pairs), min_size=2, max_size=2))
                text = text.replace(first[0] + first[1], first[0] + second[1], 1)
        else:
            text = text[: draw(st.integers(0, len(text)))]
    return text


def load_or_file_error(path: Path) -> None:
    try:
        result = pb.io.load(path)
    except StudyFileError as error:
        problems = error.problems
    else:
        assert isinstance(result, pb.Assessment)
        return
    assert problems
    assert all(problem.message for problem in problems)


@settings(FUZZ, max_examples=250)
@given(text=mutated(SOURCES[".toml"]))
def test_mutated_toml_files_raise_only_study_file_errors(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        load_or_file_error(path)


@settings(FUZZ, max_examples=60)
@given(data=st.data())
@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_mutated_json_and_csv_files_raise_only_study_file_errors(suffix, data):
    text = data.draw(mutated(SOURCES[suffix]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"mutated{suffix}"
        path.write_text(text, encoding="utf-8")
        load_or_file_error(path)


@settings(FUZZ, max_examples=60)
@given(data=st.binary(max_size=3000))
@pytest.mark.parametrize("suffix", [".toml", ".json", ".csv", ".xlsx"])
def test_random_bytes_raise_only_study_file_errors(suffix, data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(data)
        load_or_file_error(path)


def _workbook() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        pb.io.write(pb.examples.load("great-power-cooperation"), path)
        return path.read_bytes()


WORKBOOK = _workbook()


@settings(FUZZ, max_examples=25)
@given(
    edits=st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), max_size=4)
)
def test_damaged_workbooks_raise_only_study_file_errors(edits):
    data = bytearray(WORKBOOK)
    for position, value in edits:
        data[position] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.xlsx"
        path.write_bytes(bytes(data))
        load_or_file_error(path)
