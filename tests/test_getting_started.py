"""A newcomer following docs/getting-started.md alone gets a report of their own.

The page's blocks are replayed in order in one temporary directory: every
``powerbalance`` command of a console block is run as a subprocess, every Python block
runs in one namespace (its shown output checked), so the path from installing to a
rendered report of a two-option, three-criterion assessment of one's own is what a
reader would live through.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import powerbalance as pb
from test_docs import blocks, run_python

PAGE = Path(__file__).parent.parent / "docs" / "getting-started.md"
# Setting up is the reader's; these commands are recognised but not replayed.
SETUP = [
    re.compile(r"python3? -m venv \S+( && \. \S+/bin/activate)?"),
    re.compile(r"python -m pip install (\.|\"\.\[[\w,]+\]\")"),
]


def _commands(code: str) -> list[str]:
    return [line[2:].strip() for line in code.splitlines() if line.startswith("$ ")]


def _run_command(command: str, cwd: Path) -> None:
    words = shlex.split(command)
    assert words[0] == "powerbalance", command
    result = subprocess.run(
        [sys.executable, "-m", "powerbalance", *words[1:]],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"{command!r} failed:\n{result.stderr}"
    assert result.stderr == "", f"{command!r} wrote to stderr:\n{result.stderr}"
    if "--output" not in words:
        assert "ranks first" in result.stdout, result.stdout


def test_the_getting_started_page_replays(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__getting_started__"}
    replayed = []
    for block in blocks(PAGE.read_text(encoding="utf-8")):
        if block.language in ("console", "bash", "shell"):
            for command in _commands(block.code):
                if any(pattern.fullmatch(command) for pattern in SETUP):
                    continue
                _run_command(command, tmp_path)
                replayed.append(command)
        elif block.language == "python":
            run_python(PAGE.name, block, namespace)
            replayed.append("python")

    assert any(c.startswith("powerbalance report") for c in replayed), "no first report"
    # The reader ends with a report of their own two options on three criteria...
    own = [
        value
        for value in namespace.values()
        if isinstance(value, pb.Report)
        and value.assessment.n_options == 2
        and value.assessment.n_criteria == 3
    ]
    assert own, "the page never evaluates a two-option, three-criterion assessment"
    # ... rendered as a page, and the built-in study's report rendered as a page too.
    pages = sorted(path.name for path in tmp_path.glob("*.html"))
    assert pages == ["my-report.html", "report.html"], pages
    assert "Open talks" in (tmp_path / "my-report.html").read_text(encoding="utf-8")


def test_unknown_commands_are_not_silently_skipped():
    assert _commands("$ powerbalance report\nplain output\n$ ls") == ["powerbalance report", "ls"]
    with pytest.raises(AssertionError):
        _run_command("ls", Path.cwd())
