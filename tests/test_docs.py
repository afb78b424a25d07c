"""The Python snippets in the README and docs/ run, in order, file by file.

What a page shows as output is checked as a doctest's expected output is (``...``
matches anything, runs of whitespace match any whitespace):

- a ```text block that follows a ```python block directly is what that block prints;
- a comment ``# -> VALUE`` after a top-level expression is its value's ``repr`` (or,
  after a ``print(...)``, what that line prints);
- a comment ``# "EXCERPT"`` after a top-level ``print(...)`` is a part of what that line
  prints.

A comment that looks like a shown output (a quoted text, or a percentage) but is none
of these fails the test, so a figure in a comment cannot drift from what the code
gives. Each page runs in a temporary directory, so snippets that write files leave
nothing behind.
"""

from __future__ import annotations

import ast
import contextlib
import doctest
import io
import re
import shlex
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


@dataclass(frozen=True)
class Block:
    language: str
    code: str
    line: int
    output: str | None = None  # for Python: the ```text block that follows it directly


def blocks(text: str) -> list[Block]:
    """The fenced blocks of a Markdown page, each Python block with its shown output."""
    matches = list(FENCE.finditer(text))

    def adjacent(first: int, second: int) -> bool:
        return not text[matches[first].end() : matches[second].start()].strip()

    result = []
    for number, match in enumerate(matches):
        language, code = match.group(1), match.group(2)
        after_python = number > 0 and matches[number - 1].group(1) == "python"
        if language == "text" and after_python and adjacent(number - 1, number):
            continue  # the output of the Python block before it
        output = None
        if (
            language == "python"
            and number + 1 < len(matches)
            and matches[number + 1].group(1) == "text"
            and adjacent(number, number + 1)
        ):
            output = matches[number + 1].group(2)
        line = text.count("\n", 0, match.start()) + 1
        result.append(Block(language, code, line, output))
    return result


@dataclass(frozen=True)
class Claim:
    """An output a comment shows: a value (``# -> ...``) or an excerpt (``# "..."``)."""

    kind: str  # "value" or "excerpt"
    text: str
    line: int  # in the block, from 1


CLAIM_VALUE = re.compile(r"^#\s*->\s*(.*?)\s*$")
CLAIM_EXCERPT = re.compile(r'^#\s*"(.*)"\s*$')
# A comment that shows an output but in neither form: a quoted text or a percentage.
LOOKS_LIKE_OUTPUT = re.compile(r"\"[^\"]+\"|\d%")


def claims(code: str) -> tuple[dict[int, Claim], list[tuple[int, str]]]:
    """The output comments of a block by line, and the comments that only look like one."""
    found: dict[int, Claim] = {}
    unchecked: list[tuple[int, str]] = []
    lines = io.StringIO(code).readline
    for token in tokenize.generate_tokens(lines):
        if token.type != tokenize.COMMENT:
            continue
        line = token.start[0]
        value = CLAIM_VALUE.match(token.string)
        excerpt = CLAIM_EXCERPT.match(token.string)
        if value:
            found[line] = Claim("value", value.group(1), line)
        elif excerpt:
            found[line] = Claim("excerpt", excerpt.group(1), line)
        elif LOOKS_LIKE_OUTPUT.search(token.string):
            unchecked.append((line, token.string))
    return found, unchecked


def _is_print(statement: ast.stmt) -> bool:
    call = statement.value if isinstance(statement, ast.Expr) else None
    return (
        isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print"
    )


def _check_claim(where: str, claim: Claim, got: str) -> None:
    # An excerpt may start or end anywhere in what is printed.
    core = claim.text.strip().removeprefix("...").removesuffix("...").strip()
    want = claim.text if claim.kind == "value" else f"...{core}..."
    checker = doctest.OutputChecker()
    if not checker.check_output(want + "\n", got.rstrip("\n") + "\n", FLAGS):
        pytest.fail(
            f"{where}: the comment on line {claim.line} of the block shows something else "
            f"than the code gives.\nShown:\n{claim.text}\nGiven:\n{got}"
        )


def run_python(page: str, block: Block, namespace: dict[str, object]) -> None:
    """Run one block in ``namespace``; fail if it raises or gives other than it shows.

    The block runs one top-level statement at a time, so that each output comment is
    checked against its own line: the value of an expression, or what a ``print``
    printed.
    """
    printed = io.StringIO()
    where = f"{page}, the block at line {block.line}"
    found, unchecked = claims(block.code)
    if unchecked:
        line, comment = unchecked[0]
        pytest.fail(
            f"{where}: line {line} of the block has the comment {comment!r}, which shows an "
            f'output that no test checks: write it as "# -> VALUE" or "# "EXCERPT"" on a '
            f"top-level line, or say it without quotes and figures."
        )
    try:
        tree = ast.parse(block.code, where)
        with contextlib.redirect_stdout(printed):
            for statement in tree.body:
                # A claim inside a loop or a function has no one output: left for below.
                compound = hasattr(statement, "body")
                last = statement.end_lineno or statement.lineno
                claim = None if compound else found.pop(last, None)
                start = len(printed.getvalue())
                if claim and claim.kind == "excerpt" and not _is_print(statement):
                    pytest.fail(f'{where}: a "# "..."" comment follows only a print(...) line')
                if claim and claim.kind == "value" and not _is_print(statement):
                    if not isinstance(statement, ast.Expr):
                        pytest.fail(f"{where}: a '# -> ' comment follows only an expression")
                    expression = ast.Expression(statement.value)
                    given = repr(eval(compile(expression, where, "eval"), namespace))
                else:
                    exec(compile(ast.Module([statement], []), where, "exec"), namespace)
                    given = printed.getvalue()[start:]
                if claim:
                    _check_claim(where, claim, given)
    except Exception as error:  # pragma: no cover - the failure message is the point
        pytest.fail(f"{where} failed: {error!r}\n{block.code}")
    if found:
        line = min(found)
        pytest.fail(f"{where}: the output comment on line {line} is not on a top-level line")
    if block.output is not None:
        checker = doctest.OutputChecker()
        if not checker.check_output(block.output, printed.getvalue(), FLAGS):
            pytest.fail(
                f"{where} printed something else than the page shows.\n"
                f"Shown:\n{block.output}\nPrinted:\n{printed.getvalue()}"
            )


@pytest.fixture
def registries():
    """Names a page registers (to show how) are forgotten after it."""
    from powerbalance import registry as registries

    families = (registries.weightings, registries.methods, registries.value_functions)
    every = (*families, registries.distributions)
    # The built-ins are declared apart from what is registered in code, and a built-in
    # forgotten here is imported again when next looked up: restoring forgets only what
    # a page added.
    saved = [(r, dict(r._factories)) for r in every]
    yield
    for registry, factories in saved:
        registry._factories.clear()
        registry._factories.update(factories)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
@pytest.mark.usefixtures("registries")
def test_snippets_run(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__snippet__"}
    for block in blocks(page.read_text(encoding="utf-8")):
        if block.language == "python":
            run_python(page.name, block, namespace)


def _commands(page: Path) -> list[str]:
    """Every ``powerbalance ...`` command in the page's console and shell blocks."""
    found = []
    for block in blocks(page.read_text(encoding="utf-8")):
        if block.language in ("console", "bash", "shell", "sh"):
            for line in block.code.splitlines():
                for part in line.removeprefix("$ ").split("&&"):
                    command = part.split("#")[0].strip()
                    if command.startswith("powerbalance "):
                        found.append(command)
    return found


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_commands_shown_are_valid(page):
    from powerbalance.cli import build_parser

    for command in _commands(page):
        try:
            build_parser().parse_args(shlex.split(command)[1:])
        except SystemExit:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{page.name} shows a command the parser rejects: {command}")


def test_text_blocks_are_found_as_outputs():
    page = "```python\nprint(1)\n```\n\n```text\n1\n```\n\nWords.\n\n```text\nnot output\n```\n"
    found = blocks(page)
    assert [(b.language, b.output) for b in found] == [("python", "1\n"), ("text", None)]


def test_every_page_is_in_the_site_navigation():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r":\s*([\w./-]+\.md)\s*$", config, re.MULTILINE))
    pages = {p.name for p in DOCS.glob("*.md")}
    assert pages <= listed, f"pages missing from mkdocs.yml's nav: {sorted(pages - listed)}"
    assert {p for p in listed if "/" not in p} <= pages, "the nav lists pages that do not exist"


def _run_page(page: str) -> None:
    for block in blocks(page):
        if block.language == "python":
            run_python("page.md", block, {"__name__": "__snippet__"})


@pytest.mark.parametrize(
    "code",
    [
        "share = \"43.2%\"\nshare  # -> '43.2%'\n",
        'print("ranks first in 43.2% of 10,000")  # "... ranks first in 43.2% of ..."\n',
        'print("one  two")  # -> one two\n',
        "x = {\"Status quo\": 1}\nlist(x)  # -> ['Status quo']\n",
        "total = 2  # below 0.10: acceptably consistent\n",
    ],
)
def test_output_comments_that_hold_pass(code):
    _run_page(f"```python\n{code}```\n")


@pytest.mark.parametrize(
    ("code", "says"),
    [
        # The README's drift: a TOPSIS call under a comment with another run's figure.
        (
            'print("ranks first in 43.2% of 10,000")  # "... ranks first in 54.6% of ..."\n',
            "shows something else",
        ),
        ("share = 0.432\nshare  # -> 0.546\n", "shows something else"),
        ('a = "Status quo"  # baseline: "Status quo"\n', "no test checks"),
        ("x = 1  # wins 54.6% of the time\n", "no test checks"),
        ('x = 1  # "1"\n', "follows only a print"),
        ("x = 1  # -> 1\n", "follows only an expression"),
        ("for i in range(2):\n    i  # -> 1\n", "not on a top-level line"),
    ],
)
def test_output_comments_that_drift_fail(code, says):
    with pytest.raises(pytest.fail.Exception, match=says):
        _run_page(f"```python\n{code}```\n")
