"""Files that would stall or flood the reader: special files, sparse sheets, large tables.

Every case runs under an alarm, so that a regression fails the test instead of hanging
the suite; none asserts how long it took.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import os
import re
import signal
import tracemalloc
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import powerbalance as pb
from powerbalance.cli import main
from powerbalance.errors import StudyFileError
from powerbalance.io._files import read_limited
from powerbalance.io._sheets import MAX_CELLS

posix_only = pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs POSIX signals")


class TookTooLongError(Exception):
    pass


@contextlib.contextmanager
def bounded(seconds: int = 30) -> Iterator[None]:
    """Fail (rather than hang) if the block runs longer than ``seconds``."""

    def expire(*_: object) -> None:
        raise TookTooLongError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def refusal(read: Callable[[], object]) -> str:
    with bounded(), pytest.raises(StudyFileError) as caught:
        read()
    return str(caught.value)


# -- special files ---------------------------------------------------------------------


@posix_only
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("name", ["study.toml", "study.json", "study.csv", "study.xlsx", "s.xml"])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path, name):
    path = tmp_path / name
    os.mkfifo(path)
    message = refusal(lambda: pb.io.load(path))
    assert f"{path}: this is a named pipe (FIFO), not a regular file" in message
    assert "save what it delivers to a file first" in message
    with bounded():
        (problem,) = pb.io.validate(path)
    assert "named pipe" in problem.message


@posix_only
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_the_command_line_refuses_a_named_pipe(tmp_path, capsys):
    path = tmp_path / "study.toml"
    os.mkfifo(path)
    with bounded():
        assert main(["validate", str(path)]) == 1
        assert main(["report", str(path)]) == 2
        assert main(["convert", str(path), str(tmp_path / "out.json")]) == 2
    output = capsys.readouterr()
    assert output.out.count("named pipe (FIFO)") == 1
    assert output.err.count("named pipe (FIFO)") == 2
    assert not (tmp_path / "out.json").exists()


@posix_only
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_long_tables_companion_that_is_a_named_pipe_is_refused(tmp_path):
    a = pb.examples.load().assessment
    path = tmp_path / "scores.csv"
    with pytest.warns(pb.errors.PowerbalanceWarning):
        pb.io.save(a, path, layout="long")
    companion = tmp_path / "scores.criteria.csv"
    companion.unlink()
    os.mkfifo(companion)
    assert "scores.criteria.csv: this is a named pipe" in refusal(lambda: pb.io.load(path))


@posix_only
@pytest.mark.parametrize("name", ["study.toml", "study.csv", "study.xlsx"])
def test_a_directory_is_refused_by_name(tmp_path, name):
    path = tmp_path / name
    path.mkdir()
    message = refusal(lambda: pb.io.load(path))
    assert f"{path}: this is a directory, not a regular file" in message
    assert "give the path of a study file inside it" in message


@posix_only
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("name", ["zero.toml", "zero.csv", "zero.xml"])
def test_a_device_that_never_ends_is_refused(tmp_path, name):
    path = tmp_path / name
    path.symlink_to("/dev/zero")
    assert "this is a character device" in refusal(lambda: pb.io.load(path))
    assert "this is a character device" in refusal(lambda: read_limited("/dev/zero"))


@posix_only
def test_a_regular_file_reads_as_before(tmp_path):
    path = tmp_path / "study.toml"
    path.write_text(pb.examples.text("great-power-cooperation"), encoding="utf-8")
    with bounded():
        assert pb.io.read(path) == pb.examples.load()
    assert read_limited(path, max_bytes=path.stat().st_size) == path.read_bytes()
    assert "larger than the limit" in refusal(lambda: read_limited(path, max_bytes=10))


# -- sparse sheets ---------------------------------------------------------------------


def _edit_sheet(source: Path, target: Path, sheet: str, edit: Callable[[bytes], bytes]) -> None:
    """Copy a workbook, passing the XML of one sheet (by title) through ``edit``."""
    with zipfile.ZipFile(source) as archive:
        book = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        (identifier,) = re.findall(rf'name="{sheet}"[^>]*r:id="([^"]+)"', book)
        (part,) = re.findall(rf'Id="{identifier}"[^>]*Target="([^"]+)"', rels) or re.findall(
            rf'Target="([^"]+)"[^>]*Id="{identifier}"', rels
        )
        part = "xl/" + part.lstrip("/").removeprefix("xl/")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
            for item in archive.infolist():
                data = archive.read(item.filename)
                copy.writestr(item, edit(data) if item.filename == part else data)


@pytest.fixture
def workbook(tmp_path) -> Path:
    path = tmp_path / "plain.xlsx"
    pb.io.save(pb.examples.load().assessment, path)
    return path


def _declare_whole_grid(xml: bytes, extra_rows: bytes) -> bytes:
    xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
    return xml.replace(b"</sheetData>", extra_rows + b"</sheetData>")


@posix_only
def test_a_sheet_declaring_the_whole_grid_with_one_far_cell_is_read_at_once(workbook, tmp_path):
    far = tmp_path / "far.xlsx"
    cell = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    _edit_sheet(workbook, far, "scores", lambda xml: _declare_whole_grid(xml, cell))
    assert far.stat().st_size < 30_000
    with bounded():
        problems = pb.io.validate(far)
        assert main(["validate", str(far)]) == 1
    (problem,) = problems
    assert (problem.sheet, problem.line) == ("scores", 1048576)
    assert "this row has no option" in problem.message


@posix_only
def test_far_cells_down_a_sheet_are_refused_naming_the_cell(workbook, tmp_path):
    rows = 1 + MAX_CELLS // 16384
    cells = b"".join(
        b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (row, row)
        for row in range(1000, 1001 + rows)
    )
    hostile = tmp_path / "far-cells.xlsx"
    _edit_sheet(workbook, hostile, "scores", lambda xml: _declare_whole_grid(xml, cells))
    with bounded():
        (problem,) = pb.io.validate(hostile)
    assert problem.sheet == "scores"
    assert (problem.line, problem.column) == (1000 + rows - 1, 16384)
    assert f"more than the limit of {MAX_CELLS:,}" in problem.message
    assert "Delete the cells outside the table" in problem.message
    assert str(problem).startswith(f"{hostile}, sheet 'scores', cell XFD{1000 + rows - 1}: ")


@posix_only
def test_rows_spread_over_a_million_row_numbers_read_as_the_table(workbook, tmp_path):
    """Row numbers only place the rows: gaps of thousands of empty rows cost nothing."""
    spread = tmp_path / "spread.xlsx"

    def spread_out(xml: bytes) -> bytes:
        def renumber(match: re.Match[bytes]) -> bytes:
            row = int(match.group(2))
            new = 1 if row == 1 else row * 5000
            return match.group(1) + str(new).encode() + b'"'

        xml = re.sub(rb'(<row r=")(\d+)"', renumber, xml)
        return re.sub(rb'(<c r="[A-Z]+)(\d+)"', renumber, xml)

    _edit_sheet(workbook, spread, "scores", spread_out)
    with bounded():
        assert pb.io.load(spread) == pb.io.load(workbook)


@posix_only
@pytest.mark.parametrize(
    ("cell", "found"),
    [
        (b'<c r="C2"><v>many</v></c>', "a number cell holds 'many'"),
        (b'<c r="C2" t="s"><v>-1</v></c>', "no shared string -1"),
        (b'<c r="C2" t="s"><v>99999</v></c>', "no shared string 99999"),
    ],
)
def test_a_cell_that_cannot_be_read_is_a_problem_at_the_cell(workbook, tmp_path, cell, found):
    broken = tmp_path / "broken.xlsx"
    _edit_sheet(
        workbook, broken, "scores", lambda xml: re.sub(rb'<c r="C2"[^>]*>.*?</c>', cell, xml)
    )
    with bounded():
        (problem,) = pb.io.validate(broken)
    assert (problem.sheet, problem.line, problem.column) == ("scores", 2, 3)
    assert found in problem.message


def test_workbook_cells_read_as_openpyxl_gave_them(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "typed.xlsx"
    pb.io.write(pb.examples.load(), path)
    book = openpyxl.load_workbook(path)
    study = book["study"]
    row = next(r for r in study.iter_rows() if r[0].value == "date")
    row[1].value = datetime.datetime(2026, 1, 2)
    book.save(path)
    assert pb.io.read(path).date == "2026-01-02 00:00:00"


# -- memory ----------------------------------------------------------------------------


def _assessment(n_options: int, n_criteria: int) -> pb.Assessment:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        rng.uniform(0, 10, size=(n_options, n_criteria)).round(3),
        index=[f"option {i}" for i in range(n_options)],
        columns=[f"criterion {j}" for j in range(n_criteria)],
    )
    criteria = [
        pb.Criterion(name, area=f"area {j % 3}", kind="benefit", scale=(0, 10))
        for j, name in enumerate(frame.columns)
    ]
    return pb.Assessment.from_frame(frame, criteria)


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("wide.csv", "wide"),
        ("long.csv", "long"),
        ("s.toml", "wide"),
        ("s.json", "wide"),
        ("s.xlsx", "wide"),
        ("s.xml", "wide"),
    ],
)
def test_a_loaders_peak_memory_is_a_small_multiple_of_the_file(tmp_path, name, layout):
    if name.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    a = _assessment(150, 20)
    path = tmp_path / name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # what a format leaves out is not the point here
        pb.io.save(a, path, layout=layout)
    pb.io.load(path)  # once first, so that the modules it needs are imported already
    size = path.stat().st_size
    gc.collect()
    tracemalloc.start()
    try:
        assert pb.io.load(path) == a
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * size, f"{name}: peak {peak:,} bytes for a file of {size:,} bytes"
