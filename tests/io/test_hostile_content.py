"""Content built to crash or stall a reader is refused with StudyFileError, in time.

Nesting far deeper than any parser recurses, numbers too large for a float, workbooks
whose sheets unpack to far more than the size limit, and tables of many thousands of
unknown names. Each read runs under a time limit that turns a hang into a failure.
Special files and sparse sheets are tested in ``test_hostile_files.py``; entity attacks
on XML (billion laughs, external entities) in ``test_xml_safety.py``; a workbook part
with a DTD and an honest zip bomb under a small limit in ``test_errors.py``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from samples import read_or_refuse

import powerbalance as pb
from powerbalance.io import xmcda


def small() -> pb.Assessment:
    return pb.Assessment(
        options=["A", "B"],
        criteria=[pb.Criterion("Gain", area="Economic", kind="benefit")],
        scores=[[1.0], [2.0]],
    )


def refused(read: Callable[[], Any]) -> None:
    """``read()`` raises StudyFileError within the time limit."""
    assert read_or_refuse(read) is None


def _sheet_part(archive: zipfile.ZipFile, title: str) -> str:
    """The archive member holding the sheet called ``title``."""
    workbook = archive.read("xl/workbook.xml").decode()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    found = re.search(rf'name="{title}"[^>]*r:id="(\w+)"', workbook)
    assert found
    target = re.search(rf'Id="{found.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{found.group(1)}"', rels
    )
    assert target
    return "xl/" + target.group(1).removeprefix("/xl/")


def patched(path: Path, title: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook at ``path`` with the sheet ``title`` changed by ``change``."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        part = _sheet_part(source, title)
        for member in source.infolist():
            content = source.read(member)
            target.writestr(
                member.filename, change(content) if member.filename == part else content
            )
    return buffer.getvalue()


# -- nesting -------------------------------------------------------------------------------

DEPTH = 100_000


def nested_xml(tag: str) -> str:
    """A small XMCDA document with ``tag`` nested DEPTH deep inside its criteria."""
    deep = f"<{tag}>" * DEPTH + f"</{tag}>" * DEPTH
    return xmcda.to_xml(small()).replace("<criteria>", "<criteria>" + deep, 1)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("arrays.json", '{"criteria": ' + "[" * DEPTH + "]" * DEPTH + "}"),
        ("tables.json", '{"criteria": ' + '{"a": ' * DEPTH + "1" + "}" * DEPTH + "}"),
        ("arrays.toml", "criteria = " + "[" * DEPTH + "]" * DEPTH),
        ("tables.toml", "criteria = " + "{a = " * DEPTH + "1" + "}" * DEPTH),
    ],
    ids=["json-arrays", "json-tables", "toml-arrays", "toml-tables"],
)
def test_nesting_far_deeper_than_any_parser_recurses_is_refused(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    refused(lambda: pb.io.read(path))


@pytest.mark.parametrize("tag", ["criteria", "unknown"])
def test_xml_nested_far_deeper_than_any_reader_recurses_is_read_in_time(tmp_path, tag):
    path = tmp_path / "deep.xml"
    text = nested_xml(tag)
    path.write_text(text, encoding="utf-8")
    # A reader skips elements it does not know: such a document may be accepted.
    read_or_refuse(lambda: pb.io.read(path))
    read_or_refuse(lambda: xmcda.from_xml(text).assessment)


def test_a_workbook_nested_deep_is_read_in_time(tmp_path):
    book = tmp_path / "deep.xlsx"
    pb.io.save(small(), book)
    deep = b"<row>" * DEPTH + b"</row>" * DEPTH
    book.write_bytes(
        patched(
            book, "scores", lambda sheet: sheet.replace(b"</sheetData>", deep + b"</sheetData>")
        )
    )
    read_or_refuse(lambda: pb.io.read(book))


# -- numbers -------------------------------------------------------------------------------

NUMBERS = ["1e400", "-1e400", "1" * 5_000, "-" + "9" * 100_000, "1" + "0" * 400]


def score_file(suffix: str, number: str) -> str:
    """The small assessment as a ``suffix`` file, with ``number`` as A's score."""
    if suffix == ".toml":
        return (
            f'format = "{pb.io.FORMAT}"\n\n[[criteria]]\nname = "Gain"\narea = "Economic"\n'
            f'kind = "benefit"\n\n[[options]]\nname = "A"\nscores = {{ Gain = {number} }}\n\n'
            '[[options]]\nname = "B"\nscores = { Gain = 2 }\n'
        )
    if suffix == ".json":
        return (
            f'{{"format": "{pb.io.FORMAT}", "criteria": [{{"name": "Gain", "area": "Economic",'
            f' "kind": "benefit"}}], "options": [{{"name": "A", "scores": {{"Gain": {number}}}}},'
            ' {"name": "B", "scores": {"Gain": 2}}]}'
        )
    if suffix == ".csv":
        return f"area,Economic\nkind,benefit\noption,Gain\nA,{number}\nB,2\n"
    return re.sub(r"<real>1(\.0)?</real>", f"<real>{number}</real>", xmcda.to_xml(small()), count=1)


@pytest.mark.parametrize("number", NUMBERS, ids=lambda number: number[:8])
@pytest.mark.parametrize("suffix", [".toml", ".json", ".csv", ".xml"])
def test_numbers_too_large_for_a_float_are_refused(tmp_path, number, suffix):
    text = score_file(suffix, number)
    assert number in text
    path = tmp_path / f"score{suffix}"
    path.write_text(text, encoding="utf-8")
    refused(lambda: pb.io.read(path))


@pytest.mark.parametrize("number", NUMBERS, ids=lambda number: number[:8])
def test_numbers_too_large_for_a_float_are_refused_in_a_workbook(tmp_path, number):
    book = tmp_path / "score.xlsx"
    pb.io.save(small(), book)

    def scored(sheet: bytes) -> bytes:
        # The first number of the scores sheet is A's score.
        return re.sub(rb"<v>[^<]*</v>", f"<v>{number}</v>".encode(), sheet, count=1)

    book.write_bytes(patched(book, "scores", scored))
    refused(lambda: pb.io.read(book))


# -- archives ------------------------------------------------------------------------------


def bomb(size: int) -> bytes:
    """A worksheet of ``size`` bytes, almost all of it blank, which deflates to a sliver."""
    start = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    end = b"<sheetData/></worksheet>"
    return start + b" " * (size - len(start) - len(end)) + end


def test_a_sheet_unpacking_to_more_than_the_default_limit_is_refused(tmp_path):
    book = tmp_path / "bomb.xlsx"
    pb.io.save(small(), book)
    book.write_bytes(patched(book, "scores", lambda _: bomb(pb.io.MAX_BYTES + 2**20)))
    assert book.stat().st_size < pb.io.MAX_BYTES // 100
    refused(lambda: pb.io.read(book))


def test_a_sheet_whose_archive_understates_its_size_is_refused(tmp_path):
    book = tmp_path / "liar.xlsx"
    pb.io.save(small(), book)
    data = patched(book, "scores", lambda _: bomb(20 * 2**20))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(_sheet_part(archive, "scores"))
    # Declare a thousand bytes unpacked, in the local and the central header.
    declared = info.file_size.to_bytes(4, "little")
    assert data.count(declared) >= 2
    book.write_bytes(data.replace(declared, (1000).to_bytes(4, "little")))
    refused(lambda: pb.io.read(book, max_bytes=2**20))
    refused(lambda: pb.io.read(book))


# -- many problems -------------------------------------------------------------------------

UNKNOWN_KEYS = 200_000


def test_a_table_of_many_unknown_keys_is_refused_in_time(tmp_path):
    names = [f"Gain {j}" for j in range(20)]
    criteria = "".join(
        f'[[criteria]]\nname = "{name}"\narea = "Economic"\nkind = "benefit"\n\n' for name in names
    )
    scores = "".join(f'"{name}" = 1\n' for name in names)
    keys = "".join(f'"Gian {k}" = 1\n' for k in range(UNKNOWN_KEYS))
    path = tmp_path / "many.toml"
    path.write_text(
        f'format = "{pb.io.FORMAT}"\n\n{criteria}[[options]]\nname = "A"\n\n'
        f"[options.scores]\n{scores}{keys}",
        encoding="utf-8",
    )
    refused(lambda: pb.io.read(path))


def test_problems_beyond_the_listed_number_are_counted(tmp_path):
    from powerbalance.io._problems import MAX_PROBLEMS

    names = ["Gain", "Harm"]
    criteria = "".join(
        f'[[criteria]]\nname = "{name}"\narea = "Economic"\nkind = "benefit"\n\n' for name in names
    )
    keys = "".join(f'"Gian {k}" = 1\n' for k in range(MAX_PROBLEMS + 50))
    path = tmp_path / "many.toml"
    path.write_text(
        f'format = "{pb.io.FORMAT}"\n\n{criteria}[[options]]\nname = "A"\n\n'
        f'[options.scores]\n"Gain" = 1\n"Harm" = 1\n{keys}',
        encoding="utf-8",
    )
    with pytest.raises(pb.errors.StudyFileError) as info:
        pb.io.read(path)
    problems = info.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert "'Gian 0' is not a criterion of this study. Did you mean 'Gain'?" in str(problems[0])
    assert problems[-1].message == "and 50 more problems, not listed; correct these first."


def test_a_read_past_the_listed_problems_still_sees_them(tmp_path):
    # Problems beyond the listed number are counted, and a reader that compares the
    # count before and after a criterion must still see them (else the criterion is
    # built from what is missing).
    names = [f"c{j}" for j in range(250)]
    rows = [
        "1e+308," + ",".join("E" for _ in names),
        "kind," + ",".join("benefit" for _ in names),
        "option," + ",".join(names),
        "A," + ",".join("1" for _ in names),
    ]
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(pb.errors.StudyFileError) as info:
        pb.io.read(path)
    assert "unknown row '1e+308'" in str(info.value.problems[0])
    assert "more problems, not listed" in info.value.problems[-1].message
