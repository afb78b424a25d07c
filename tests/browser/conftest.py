"""A real browser for the page tests: the system's Chromium, driven by Playwright.

The browser is found on PATH (``chromium``, ``chromium-browser``, ``google-chrome``) or
named by ``POWERBALANCE_CHROMIUM``; Playwright never downloads one. Without a browser
the tests skip and say why, except where ``POWERBALANCE_REQUIRE_BROWSER=1`` (as in
``.ci/run``), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any, NoReturn

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_path() -> str | None:
    """The Chromium to drive: ``POWERBALANCE_CHROMIUM``, else the first one on PATH."""
    named = os.environ.get("POWERBALANCE_CHROMIUM")
    if named:
        return shutil.which(named) or (named if os.path.isfile(named) else None)
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def unavailable(reason: str) -> NoReturn:
    """Skip, or fail where the browser is required."""
    if os.environ.get("POWERBALANCE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (POWERBALANCE_REQUIRE_BROWSER=1: the browser tests may not skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    executable = chromium_path()
    named = os.environ.get("POWERBALANCE_CHROMIUM")
    if executable is None and named:
        unavailable(f"POWERBALANCE_CHROMIUM={named!r} is not a browser found on this machine")
    if executable is None:
        unavailable(
            "no Chromium found: install chromium (Debian: apt-get install chromium), or set "
            f"POWERBALANCE_CHROMIUM to its path; looked on PATH for {', '.join(CANDIDATES)}"
        )
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed: pip install '.[test]'")
    with sync_playwright() as playwright:
        try:
            # --no-sandbox: CI runs as root, where Chromium refuses its sandbox.
            launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        except Error as error:
            unavailable(f"{executable} did not start: {str(error).splitlines()[0]}")
        yield launched
        launched.close()
