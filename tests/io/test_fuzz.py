"""Whatever a file holds, reading it gives a study with finite scores or raises
StudyFileError, never anything else, and never hangs.

Three kinds of damage: random edits of the text (a person or a broken tool), random
bytes, and structure-aware mutations of every format. The latter parse a valid file
into its structure (the document tree of TOML and JSON, the rows and cells of CSV,
the cells of a workbook, the element tree of XMCDA), change it as an attacker would
(delete, duplicate, swap and rename keys and elements; change types; empty values;
huge, tiny and non-finite numbers; long, right-to-left, zero-width and formula-like
text; nesting thousands deep; thousands of rows or columns) and write it back.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import datetime
import io
import json
import math
import re
import tempfile
import tomllib
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import bounded, read_or_refuse

import powerbalance as pb
from powerbalance.cli import main
from powerbalance.errors import PowerbalanceWarning
from powerbalance.io import xmcda

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEY_VALUE = re.compile(r"^([^=\n]+= )(.+)$", re.MULTILINE)
CHARACTERS = st.one_of(
    st.sampled_from(list("\"'[]{}=,.#\\\n0123456789-+eE_ ")),
    st.characters(blacklist_categories=("Cs",)),
)


def _study() -> pb.Study:
    return pb.Study(
        pb.examples.load().assessment.subset(
            options=["Targeted cooperation", "Status quo", "Confrontation"]
        )
    )


def _written(study: pb.Study, name: str, **options: Any) -> dict[str, bytes]:
    """The files ``pb.io.write`` makes of ``study`` (a long CSV table makes two)."""
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        # What a format cannot hold is left out: the samples need only what it holds.
        warnings.simplefilter("ignore", PowerbalanceWarning)
        pb.io.write(study, Path(folder) / name, **options)
        return {path.name: path.read_bytes() for path in Path(folder).iterdir()}


def _sources() -> dict[str, str]:
    texts = {".toml": pb.examples.text("great-power-cooperation")}
    for suffix in (".json", ".csv"):
        texts[suffix] = _written(_study(), f"study{suffix}")[f"study{suffix}"].decode()
    return texts


SOURCES = _sources()
LONG = {name: data.decode() for name, data in _written(_study(), "s.csv", layout="long").items()}
TABLES = {"study.csv": SOURCES[".csv"], **LONG}
WORKBOOK = _written(pb.examples.load("great-power-cooperation"), "book.xlsx")["book.xlsx"]
with warnings.catch_warnings():
    # XMCDA leaves the example's scenarios out; the samples need only what it holds.
    warnings.simplefilter("ignore", PowerbalanceWarning)
    XMCDA = {v: xmcda.to_xml(_study().assessment, version=v) for v in xmcda.VERSIONS}


# -- what is read --------------------------------------------------------------------------


def read_file(name: str, files: dict[str, str | bytes]) -> Any:
    """Write ``files`` to a new folder and read ``name`` there, within the time limit."""
    with tempfile.TemporaryDirectory() as folder:
        for file, content in files.items():
            path = Path(folder) / file
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8", errors="surrogatepass")
            else:
                path.write_bytes(content)
        return read_or_refuse(lambda: pb.io.read(Path(folder) / name))


def validate_agrees(name: str, files: dict[str, str | bytes]) -> None:
    """``powerbalance validate`` exits 0 exactly where reading accepts the file, else 1."""
    accepted = read_file(name, files) is not None
    with tempfile.TemporaryDirectory() as folder:
        for file, content in files.items():
            path = Path(folder) / file
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = bounded(lambda: main(["validate", str(Path(folder) / name)]))
    assert status == (0 if accepted else 1), err.getvalue()


# -- text edits ----------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, suffix: str) -> str:
    """A sample text after one to three random edits a person or a broken tool might make."""
    text = SOURCES[suffix]
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


@settings(FUZZ, max_examples=100)
@given(text=mutated(".toml"))
def test_mutated_toml_files_raise_only_study_file_errors(text):
    read_file("mutated.toml", {"mutated.toml": text})


@settings(FUZZ, max_examples=40)
@given(data=st.data())
@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_mutated_json_and_csv_files_raise_only_study_file_errors(suffix, data):
    text = data.draw(mutated(suffix))
    read_file(f"mutated{suffix}", {f"mutated{suffix}": text})


@settings(FUZZ, max_examples=40)
@given(data=st.binary(max_size=3000))
@pytest.mark.parametrize("suffix", [".toml", ".json", ".csv", ".xlsx", ".xml"])
def test_random_bytes_raise_only_study_file_errors(suffix, data):
    read_file(f"random{suffix}", {f"random{suffix}": data})


@settings(FUZZ, max_examples=25)
@given(
    edits=st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), max_size=4)
)
def test_damaged_workbooks_raise_only_study_file_errors(edits):
    data = bytearray(WORKBOOK)
    for position, value in edits:
        data[position] = value
    read_file("damaged.xlsx", {"damaged.xlsx": bytes(data)})


# -- hostile values ------------------------------------------------------------------------

NUMBERS = [
    1e308,
    -1e308,
    1.7976931348623157e308,
    1e-320,
    -5e-324,
    -0.0,
    0,
    2**53 + 1,
    2**63,
    -(2**63) - 1,
    2**64,
    10**400,
    -(10**400),
]
NOT_FINITE = [math.nan, math.inf, -math.inf]
TEXTS = [
    "",
    " ",
    "\t",
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte-order mark
    "\u202eevil\u202c",  # right-to-left override
    "\u200fشريك",  # right-to-left mark, Arabic
    "עברית",
    "e\u0301",  # combining accent
    "𝔘𝔫𝔦😀",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    '=HYPERLINK("http://example.com")',
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "1e309",
    "1e-320",
    "1" + "0" * 400,
    "1_000",
    "١٢٣",  # Arabic-Indic digits, which float() reads
    "0x10",
    "7 ",
    "true",
    "null",
    "[]",
    '{"shape": "exponential", "rho": NaN}',
    "\x00",
    "\x7f",
    "a\nb",
    "x" * 100_000,
]
TEXT = st.one_of(
    st.sampled_from(TEXTS), st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
)
SCALARS = st.one_of(
    st.sampled_from(NUMBERS + NOT_FINITE),
    TEXT,
    st.booleans(),
    st.integers(),
    st.floats(),
)
# Thousands deep: deeper than any recursive parser or reader goes.
DEPTHS = st.sampled_from([1_000, 5_000, 100_000])
# Thousands of rows, columns or items: far within the size limit, far beyond any study.
COUNTS = st.sampled_from([2, 30, 3_000])


# Growth stops at about this many cells (or a megabyte of a document): large enough to
# find what is quadratic, small enough to read in a second.
CELLS = 100_000


def edits(kinds: list[str], growth: int = 1) -> st.SearchStrategy[list[str]]:
    """One to three edits of ``kinds``, at most one of which makes the file larger.

    ``growth`` kinds of growth are drawn from: "grow", or also "grow columns".
    """
    grows = ["grow", "grow columns"][:growth]
    return st.lists(st.sampled_from(kinds + grows), min_size=1, max_size=3).filter(
        lambda chosen: sum(kind in grows for kind in chosen) <= 1
    )


def unique(value: Any, k: int) -> Any:
    return f"{value} {k}" if isinstance(value, str) else value


# -- TOML and JSON: the document tree ------------------------------------------------------

DEEP = "\x00deep\x00"  # stands for nesting too deep to build as objects; replaced in the text


def _keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {key for value in node.values() for key in _keys(value)}
    if isinstance(node, list):
        return {key for value in node for key in _keys(value)}
    return set()


def _slots(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of the tree, the root's own entries first."""
    slots, stack = [], [tree]
    while stack:
        node = stack.pop(0)
        for key, value in list(node.items() if isinstance(node, dict) else enumerate(node)):
            slots.append((node, key))
            if isinstance(value, dict | list):
                stack.append(value)
    return slots


def _like(value: Any) -> st.SearchStrategy[Any]:
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int | float):
        return st.one_of(st.sampled_from(NUMBERS + NOT_FINITE), st.floats(), st.integers())
    if isinstance(value, str):
        return TEXT
    return st.just(value)


def _grown(value: Any, n: int) -> Any:
    """``value`` made ``n`` times larger, with names kept unique where it has names."""
    if isinstance(value, list) and value:
        n = min(n, max(2, 10 * CELLS * len(value) // len(json.dumps(value, default=str))))
        items = [copy.deepcopy(value[k % len(value)]) for k in range(n)]
        for k, item in enumerate(items):
            if isinstance(item, dict) and "name" in item:
                item["name"] = unique(item["name"], k)
        return items
    if isinstance(value, dict) and value:
        first = next(iter(value.values()))
        keys = ([*value] * n)[:CELLS]
        return {**value, **{f"{key} {k}": first for k, key in enumerate(keys)}}
    if isinstance(value, str):
        return (value or "x") * min(n, 1_000_000 // max(len(value), 1))
    return [value] * n


@st.composite
def mutated_tree(draw: st.DrawFn, suffix: str, extra: st.SearchStrategy[Any]):
    """A sample document after one to three structural edits, and how deep DEEP nests."""
    document = TREES[suffix]
    tree = copy.deepcopy(document)
    keys = st.one_of(st.sampled_from(sorted(_keys(document))), TEXT)
    values = st.recursive(
        st.one_of(SCALARS, extra),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)
        ),
        max_leaves=6,
    )
    depth = None
    kinds = ["same", "same", "replace", "empty", "delete", "duplicate", "rename", "swap", "deep"]
    for edit in draw(edits(kinds)):
        slots = _slots(tree)
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        value = container[key]
        if edit == "same":
            # A value of the same type: what a loader most often accepts.
            container[key] = draw(_like(value))
        elif edit == "replace":
            container[key] = draw(values)
        elif edit == "empty":
            container[key] = draw(st.sampled_from(["", [], {}, 0]))
        elif edit == "delete":
            del container[key]
        elif edit == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(value))
        elif edit in ("duplicate", "rename") and isinstance(container, dict):
            new = draw(keys)
            items = [(new if k == key and edit == "rename" else k, v) for k, v in container.items()]
            container.clear()
            container.update(items)
            if edit == "duplicate":
                container[new] = copy.deepcopy(value)
        elif edit == "swap":
            other = draw(
                st.sampled_from(
                    list(container) if isinstance(container, dict) else range(len(container))
                )
            )
            container[key], container[other] = container[other], value
        elif edit == "grow":
            container[key] = _grown(value, draw(COUNTS))
        elif edit == "deep" and depth is None:
            container[key] = DEEP
            depth = (draw(DEPTHS), draw(st.booleans()))
    return tree, depth


def _toml_string(text: str) -> str:
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    return (
        '"'
        + "".join(
            escapes.get(c) or (f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
            for c in text
        )
        + '"'
    )


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(_toml_value(item) for item in value) + "]"


def toml_text(document: dict[str, Any]) -> str:
    """A document as TOML, with tables and arrays of tables laid out as sections."""
    lines, sections = [], []
    for key, value in document.items():
        if isinstance(value, dict) and value:
            sections += ["", f"[{_toml_key(key)}]"]
            sections += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()]
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:
                sections += ["", f"[[{_toml_key(key)}]]"]
                sections += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in item.items()]
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    return "\n".join(lines + sections) + "\n"


def json_text(document: dict[str, Any]) -> str:
    """A document as JSON, NaN and Infinity written as the literals JSON does not allow."""
    return json.dumps(document, ensure_ascii=False, indent=1, default=str)


def nested(text: str, depth: tuple[int, bool] | None, toml: bool) -> str:
    """``text`` with DEEP replaced by arrays (or tables) nested ``depth`` deep."""
    if depth is None:
        return text
    n, arrays = depth
    deep = "[" * n + "]" * n if arrays else ("{a = " if toml else '{"a": ') * n + "1" + "}" * n
    return text.replace(json.dumps(DEEP), deep, 1)


TREES = {".toml": tomllib.loads(SOURCES[".toml"]), ".json": json.loads(SOURCES[".json"])}


@settings(FUZZ, max_examples=80)
@given(mutation=mutated_tree(".toml", st.one_of(st.dates(), st.datetimes())))
def test_structurally_mutated_toml_raises_only_study_file_errors(mutation):
    tree, depth = mutation
    read_file("study.toml", {"study.toml": nested(toml_text(tree), depth, toml=True)})


@settings(FUZZ, max_examples=80)
@given(mutation=mutated_tree(".json", st.none()))
def test_structurally_mutated_json_raises_only_study_file_errors(mutation):
    tree, depth = mutation
    read_file("study.json", {"study.json": nested(json_text(tree), depth, toml=False)})


def test_the_toml_writer_of_the_fuzzer_writes_what_it_read():
    assert tomllib.loads(toml_text(TREES[".toml"])) == TREES[".toml"]
    read_file("study.toml", {"study.toml": toml_text(TREES[".toml"])})


# -- CSV: rows and cells -------------------------------------------------------------------


def _cell(value: Any) -> str:
    return (
        value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)
    )


@st.composite
def mutated_rows(draw: st.DrawFn, name: str) -> str:
    """A sample CSV text after one to three edits of its rows, columns or cells."""
    rows = list(csv.reader(io.StringIO(TABLES[name])))
    for edit in draw(edits(["cell", "cell", "row", "column", "ragged"], growth=2)):
        if not rows:
            break
        r = draw(st.integers(0, len(rows) - 1))
        width = max(len(row) for row in rows)
        c = draw(st.integers(0, max(width - 1, 0)))
        if edit == "cell":
            rows[r] += [""] * (c + 1 - len(rows[r]))
            rows[r][c] = _cell(draw(SCALARS))
        elif edit == "row":
            how = draw(st.sampled_from(["delete", "duplicate", "swap"]))
            if how == "delete":
                del rows[r]
            elif how == "duplicate":
                rows.insert(r, list(rows[r]))
            else:
                s = draw(st.integers(0, len(rows) - 1))
                rows[r], rows[s] = rows[s], rows[r]
        elif edit == "column":
            how = draw(st.sampled_from(["delete", "duplicate", "swap"]))
            d = draw(st.integers(0, max(width - 1, 0)))
            for row in rows:
                row += [""] * (width - len(row))
                if how == "delete":
                    del row[c]
                elif how == "duplicate":
                    row.insert(c, row[c])
                else:
                    row[c], row[d] = row[d], row[c]
        elif edit == "ragged":
            rows[r] = rows[r][:c] if draw(st.booleans()) else rows[r] + [_cell(draw(SCALARS))]
        elif edit == "grow":
            # Thousands of options (or scores, or criteria), each with a name of its own.
            n = min(draw(COUNTS), CELLS // max(len(rows[r]), 1))
            rows += [[unique(rows[r][0] if rows[r] else "", k), *rows[r][1:]] for k in range(n)]
        else:
            # Thousands of criteria: the cell of the header row made unique in each copy.
            n = min(draw(COUNTS), CELLS // len(rows))
            header = next((i for i, row in enumerate(rows) if row[:1] == ["option"]), 0)
            for i, row in enumerate(rows):
                row += [""] * (width - len(row))
                cell = row[c]
                row += [unique(cell, k) if i == header else cell for k in range(n)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@settings(FUZZ, max_examples=40)
@given(text=mutated_rows("study.csv"))
def test_structurally_mutated_wide_csv_raises_only_study_file_errors(text):
    read_file("study.csv", {"study.csv": text})


@settings(FUZZ, max_examples=40)
@given(which=st.sampled_from(["s.csv", "s.criteria.csv", "both"]), data=st.data())
def test_structurally_mutated_long_csv_and_its_criteria_raise_only_study_file_errors(which, data):
    files: dict[str, str | bytes] = dict(LONG)
    for name in LONG:
        if which in (name, "both"):
            files[name] = data.draw(mutated_rows(name), label=name)
    read_file("s.csv", files)


# -- Excel: the cells of a workbook --------------------------------------------------------

CELL_VALUES = st.one_of(
    SCALARS,
    st.none(),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1)),
    st.sampled_from(["=1/0", "=A1", "=SUM(A1:XFD1048576)", '=HYPERLINK("http://x")']),
)


# Titles openpyxl can write: a workbook with any other title would not be saved at all.
TITLES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=31),
    st.sampled_from(["Scores", " scores ", "SCORES", "\u200bscores", "=scores", "x"]),
)


@st.composite
def mutated_workbook(draw: st.DrawFn) -> bytes:
    """The sample workbook after one to three edits of its sheets, rows, columns or cells."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(WORKBOOK))
    with warnings.catch_warnings():
        # openpyxl warns of what other applications may not read (long sheet titles).
        warnings.simplefilter("ignore")
        for edit in draw(edits(["cell", "cell", "row", "column", "sheet", "title"])):
            _edit_workbook(draw, workbook, edit)
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


def _edit_workbook(draw: st.DrawFn, workbook: Any, edit: str) -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError

    if not workbook.worksheets:
        return
    sheet = draw(st.sampled_from(workbook.worksheets))
    r = draw(st.integers(1, sheet.max_row + 1))
    c = draw(st.integers(1, sheet.max_column + 1))
    # openpyxl refuses some values (control characters, bad titles): edit no further.
    with contextlib.suppress(IllegalCharacterError, ValueError, TypeError):
        if edit == "cell":
            value = draw(CELL_VALUES)
            if isinstance(value, int) and abs(value) > 2**1000:
                value = str(value)  # openpyxl writes no integer beyond a float's range
            sheet.cell(r, c).value = value
            if isinstance(value, str) and draw(st.booleans()):
                sheet.cell(r, c).data_type = "s"  # a formula-like text, not a formula
        elif edit == "row":
            how = draw(st.sampled_from(["delete", "insert"]))
            (sheet.delete_rows if how == "delete" else sheet.insert_rows)(r)
        elif edit == "column":
            how = draw(st.sampled_from(["delete", "insert"]))
            (sheet.delete_cols if how == "delete" else sheet.insert_cols)(c)
        elif edit == "sheet":
            if draw(st.booleans()):
                workbook.remove(sheet)
            else:
                workbook.copy_worksheet(sheet).title = sheet.title.upper()
        elif edit == "title":
            sheet.title = draw(TITLES)
        else:
            row = [cell.value for cell in sheet[r]] if r <= sheet.max_row else []
            for k in range(min(draw(COUNTS), CELLS // max(len(row), 1))):
                sheet.append([unique(row[0] if row else None, k), *row[1:]])


@settings(FUZZ, max_examples=30)
@given(data=mutated_workbook())
def test_structurally_mutated_workbooks_raise_only_study_file_errors(data):
    read_file("book.xlsx", {"book.xlsx": data})


# -- XMCDA: the element tree ---------------------------------------------------------------

XML_TEXTS = st.one_of(
    st.sampled_from(
        ["1e308", "-1e308", "1e-320", "4.9E-324", "1" + "0" * 400, "NaN", "INF", "-INF", "+5"]
    ),
    st.sampled_from(["true", "false", "0", "1", "max", "min", "area", "baseline", "weights"]),
    TEXT,
    SCALARS.map(_cell),
)
PLACEHOLDER = "deep-placeholder"


@st.composite
def mutated_xml(draw: st.DrawFn, version: str) -> str:
    """A sample XMCDA document after one to three edits of its elements, texts, attributes."""
    root = ET.fromstring(XMCDA[version])
    tags = sorted({element.tag for element in root.iter()})
    depth = None
    kinds = ["delete", "duplicate", "swap", "text", "attribute", "rename", "move", "deep"]
    for edit in draw(edits(kinds)):
        parents = {child: parent for parent in root.iter() for child in parent}
        element = draw(st.sampled_from(list(root.iter())))
        parent = parents.get(element)
        if edit == "text":
            element.text = draw(XML_TEXTS)
        elif edit == "attribute":
            name = draw(st.sampled_from(["id", "name", "mcdaConcept", "xmlns", "x"]))
            if draw(st.booleans()):
                element.attrib.pop(name, None)
            else:
                element.set(name, draw(XML_TEXTS))
        elif edit == "rename":
            element.tag = draw(st.sampled_from(tags))
        elif edit == "deep" and depth is None:
            namespace = element.tag[: element.tag.find("}") + 1]
            ET.SubElement(element, namespace + PLACEHOLDER)
            depth = (draw(DEPTHS), element.tag.rsplit("}", 1)[-1])
        elif parent is None:
            continue
        elif edit == "delete":
            parent.remove(element)
        elif edit == "duplicate":
            parent.insert(list(parent).index(element), copy.deepcopy(element))
        elif edit == "swap":
            other = draw(st.sampled_from(list(parent)))
            i, j = list(parent).index(element), list(parent).index(other)
            parent[i], parent[j] = other, element
        elif edit == "move":
            target = draw(st.sampled_from(list(root.iter())))
            if element not in target.iter():
                parent.remove(element)
                target.append(element)
        elif edit == "grow":
            # Thousands of copies, each with ids (and references to ids) of its own.
            at = list(parent).index(element)
            size = len(ET.tostring(element))
            for k in range(min(draw(COUNTS), max(2, 10 * CELLS // size))):
                twin = copy.deepcopy(element)
                for part in twin.iter():
                    if "id" in part.attrib:
                        part.set("id", unique(part.get("id"), k))
                    if part.tag.endswith("ID") and part.text:
                        part.text = unique(part.text, k)
                parent.insert(at, twin)
    out = ET.tostring(root, encoding="unicode")
    if depth is not None:
        n, tag = depth
        found = re.search(rf"<(\w+:)?{PLACEHOLDER} ?/>", out)
        assert found
        prefix = found.group(1) or ""
        out = out.replace(found.group(0), f"<{prefix}{tag}>" * n + f"</{prefix}{tag}>" * n, 1)
    return out


@settings(FUZZ, max_examples=20)
@given(data=st.data())
@pytest.mark.parametrize("version", sorted(XMCDA))
def test_structurally_mutated_xmcda_raises_only_study_file_errors(version, data):
    text = data.draw(mutated_xml(version))
    read_file("study.xml", {"study.xml": text})
    read_or_refuse(lambda: xmcda.from_xml(text).assessment)


# -- the command line ----------------------------------------------------------------------

MUTANTS: dict[str, Callable[[], st.SearchStrategy[dict[str, str | bytes]]]] = {
    ".toml": lambda: mutated_tree(".toml", st.dates()).map(
        lambda m: {"f.toml": nested(toml_text(m[0]), m[1], toml=True)}
    ),
    ".json": lambda: mutated_tree(".json", st.none()).map(
        lambda m: {"f.json": nested(json_text(m[0]), m[1], toml=False)}
    ),
    ".csv": lambda: mutated_rows("study.csv").map(lambda text: {"f.csv": text}),
    ".xlsx": lambda: mutated_workbook().map(lambda data: {"f.xlsx": data}),
    ".xml": lambda: (
        st.sampled_from(sorted(XMCDA)).flatmap(mutated_xml).map(lambda text: {"f.xml": text})
    ),
}


@settings(FUZZ, max_examples=6)
@given(data=st.data())
@pytest.mark.parametrize("suffix", sorted(MUTANTS))
def test_validate_command_reports_mutated_files_without_a_traceback(suffix, data):
    files = data.draw(MUTANTS[suffix]())
    validate_agrees(f"f{suffix}", files)
