"""The Python snippets in the README and docs/ run, in order, file by file.

A ```text block that follows a ```python block directly is the output that block
prints; it is checked as a doctest's expected output is (``...`` matches anything,
runs of whitespace match any whitespace). Each page runs in a temporary directory, so
snippets that write files leave nothing behind.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import shlex
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


def run_python(page: str, block: Block, namespace: dict[str, object]) -> None:
    """Run one block in ``namespace``; fail with the block if it raises or prints otherwise."""
    printed = io.StringIO()
    where = f"{page}, the block at line {block.line}"
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(block.code, where, "exec"), namespace)
    except Exception as error:  # pragma: no cover - the failure message is the point
        pytest.fail(f"{where} failed: {error!r}\n{block.code}")
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
