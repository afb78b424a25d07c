"""The Python snippets in the README and docs/ run, in order, file by file."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_snippets_run(page, capsys):
    blocks = BLOCK.findall(page.read_text(encoding="utf-8"))
    namespace: dict[str, object] = {"__name__": "__snippet__"}
    for number, block in enumerate(blocks, start=1):
        try:
            exec(compile(block, f"{page.name} snippet {number}", "exec"), namespace)
        except Exception as error:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{page.name} snippet {number} failed: {error!r}\n{block}")
