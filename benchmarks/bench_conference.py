"""Benchmark the decision-conference page in headless Chromium: slider moves, and page size.

Run from the repository root (not part of the test suite; needs Playwright and a
Chromium, as the browser tests do: ``chromium`` on PATH or ``POWERBALANCE_CHROMIUM``)::

    python benchmarks/bench_conference.py                   # 200x30, 1,000 moves; 1,000x30 page
    python benchmarks/bench_conference.py --moves 200 --markdown conference.md
    python benchmarks/bench_conference.py --readme          # ... and rewrite README's table

``benchmarks/run.py`` runs it as its part ``conference``; ``--readme`` rewrites only the
tables between the ``<!-- conference:start -->`` and ``<!-- conference:end -->`` marks
of ``README.md``, which ``run.py --markdown`` rewrites too.

What is measured, for the weighted sum, the weighted product and TOPSIS:

- **A slider move.** The page of ``pb.brief.interactive`` for a seeded random
  assessment of 200 options x 30 criteria in five areas (``bench_methods.make_problem``)
  is opened from a file in headless Chromium, with every other request refused. Inside
  the page, 1,000 moves are made through the page's own keyboard path: a ``keydown``
  (arrow keys and Page Up/Down, on random criterion and area sliders, from a seeded
  generator) is dispatched to a slider, whose handler rescales the weights, rescores
  and re-ranks every option, announces a change of leader and writes the ranking, the
  bars, the sliders and the preset into the page. Each move starts at the beginning of
  a frame (a ``requestAnimationFrame`` callback); its time is ``performance.now()``
  from just before the event to just after a forced style and layout
  (``getBoundingClientRect``), so it holds the script's work and the browser's
  restyling and layout of what the script changed. The move then waits for the next
  frame, and a move whose frame took longer than 1.5 frames of 60 Hz (paint and
  compositing included) is counted as a frame missed. Reported: the median, 95th
  percentile and largest time per move, against the 16 ms of a frame at 60 Hz (target:
  the 95th percentile under 16 ms).
- **Page size.** The bytes of the page's HTML (UTF-8) for 1,000 options x 30 criteria
  (target: under 2 MB, 2,000,000 bytes), and how long the browser takes from opening
  the file to the first drawing of the view (reported, no target).

Before anything is reported, the page's scores and ranking at the weights the moves
ended on are checked equal to ``pb.evaluate`` at those weights (to 1e-9).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import bench_methods
import machine
import numpy as np

import powerbalance as pb

METHODS = ("weighted-sum", "weighted-product", "topsis")
WORDS = {"weighted-sum": "weighted sum", "weighted-product": "weighted product", "topsis": "TOPSIS"}
DEFAULT_MOVES = 1_000
MOVE_SIZE = (200, 30)
PAGE_SIZE = (1_000, 30)
#: One frame at 60 Hz, as the issue rounds it, and the target for the 95th percentile.
FRAME_MS = 16.0
#: A frame that took longer than this was missed (1.5 frames of 60 Hz).
MISSED_FRAME_MS = 1.5 * 1000 / 60
#: The page-size target: 2 MB.
PAGE_BYTES = 2_000_000
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HOOK = "document.getElementById('pb-conference').conference"

#: The moves, run inside the page: each starts on a frame, is timed to after layout,
#: and waits for the next frame.
MOVES = """
async ({ moves, seed }) => {
  const el = document.getElementById("pb-conference");
  const sliders = [...el.querySelectorAll('input[type="range"]')].filter((s) => !s.disabled);
  const keys = ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown", "PageUp", "PageDown"];
  let state = seed >>> 0 || 1;
  const next = (n) => {
    // xorshift32: the same moves on every run and in every browser.
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state % n;
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const times = [];
  const scripts = [];
  const frames = [];
  await frame();
  for (let k = 0; k < moves; k++) {
    const slider = sliders[next(sliders.length)];
    const key = keys[next(keys.length)];
    const began = await frame();
    const start = performance.now();
    slider.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
    const handled = performance.now();
    el.getBoundingClientRect();
    const end = performance.now();
    const after = await frame();
    times.push(end - start);
    scripts.push(handled - start);
    frames.push(after - began);
  }
  return { times, scripts, frames, sliders: sliders.length };
}
"""


def chromium_path() -> str | None:
    """The Chromium to drive: ``POWERBALANCE_CHROMIUM``, else the first one on PATH."""
    named = os.environ.get("POWERBALANCE_CHROMIUM")
    if named:
        return shutil.which(named) or (named if os.path.isfile(named) else None)
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


class UnavailableError(Exception):
    """No browser to run the benchmark in; the message says why."""


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium, or UnavailableError saying why there is none."""
    executable = chromium_path()
    named = os.environ.get("POWERBALANCE_CHROMIUM")
    if executable is None and named:
        raise UnavailableError(
            f"POWERBALANCE_CHROMIUM={named!r} is not a browser found on this machine"
        )
    if executable is None:
        raise UnavailableError(
            "no Chromium found (looked on PATH for "
            f"{', '.join(CANDIDATES)}; or set POWERBALANCE_CHROMIUM)"
        )
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        raise UnavailableError(f"Playwright is not installed: {error}") from None
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        except Error as error:
            raise UnavailableError(f"{executable} did not start: {error}") from None
        try:
            yield browser
        finally:
            browser.close()


def assessment(n: int, m: int, seed: int) -> pb.Assessment:
    """Seeded random scores, criteria in five areas, every third a risk."""
    return bench_methods.make_problem(n, m, seed, 2.0).assessment


def open_page(browser: Any, path: Path) -> tuple[Any, Any, float]:
    """The page opened from its file, nothing else fetched; and ms until the view is drawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    url = path.as_uri()
    refused: list[str] = []

    def serve(route: Any) -> None:
        if route.request.url.split("#")[0] == url:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", serve)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    page.wait_for_function(f"() => {HOOK} !== undefined")
    opened = (time.perf_counter() - started) * 1e3
    if refused:
        raise RuntimeError(f"the page asked for {refused}")
    return context, page, opened


def check(page: Any, a: pb.Assessment, method: str) -> None:
    """The page's scores and ranking are the library's at the page's weights."""
    weights = page.evaluate(f"() => {HOOK}.weights()")
    report = pb.evaluate(a, weighting=pb.Weights.from_mapping(weights), method=method)
    scores = page.evaluate(f"() => {HOOK}.scores()")
    np.testing.assert_allclose(scores, report.scores, rtol=0, atol=1e-9)
    ranking = page.evaluate(f"() => {HOOK}.ranking()")
    if [row["option"] for row in ranking] != list(report.ranking.index):
        raise AssertionError(f"{method}: the page ranks differently from pb.evaluate")


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def move_rows(
    browser: Any, n: int, m: int, moves: int, seed: int, folder: Path
) -> list[dict[str, Any]]:
    a = assessment(n, m, seed)
    rows = []
    for method in METHODS:
        path = folder / f"moves-{method}.html"
        pb.brief.interactive(a, method=method).save(path)
        context, page, _ = open_page(browser, path)
        try:
            found = page.evaluate(MOVES, {"moves": moves, "seed": seed + 1})
            check(page, a, method)
        finally:
            context.close()
        times = found["times"]
        p95 = percentile(times, 95)
        rows.append(
            {
                "method": method,
                "size": f"{n:,}x{m}",
                "moves": len(times),
                "sliders": found["sliders"],
                "median_ms": statistics.median(times),
                "script_ms": statistics.median(found["scripts"]),
                "p95_ms": p95,
                "max_ms": max(times),
                "missed_frames": sum(f > MISSED_FRAME_MS for f in found["frames"]),
                "median_frame_ms": statistics.median(found["frames"]),
                "met": p95 < FRAME_MS,
            }
        )
        print(
            f"[conference {n}x{m}] {method}: median {rows[-1]['median_ms']:.2f} ms, "
            f"p95 {p95:.2f} ms, max {rows[-1]['max_ms']:.2f} ms",
            file=sys.stderr,
            flush=True,
        )
    return rows


def size_rows(browser: Any, n: int, m: int, seed: int, folder: Path) -> list[dict[str, Any]]:
    a = assessment(n, m, seed)
    rows = []
    for method in METHODS:
        page_html = pb.brief.interactive(a, method=method).html
        path = folder / f"size-{method}.html"
        path.write_text(page_html, encoding="utf-8")
        size = len(page_html.encode("utf-8"))
        context, page, opened = open_page(browser, path)
        try:
            check(page, a, method)
        finally:
            context.close()
        rows.append(
            {
                "method": method,
                "size": f"{n:,}x{m}",
                "bytes": size,
                "open_ms": opened,
                "met": size < PAGE_BYTES,
            }
        )
        print(
            f"[conference page {n}x{m}] {method}: {size:,} bytes, opened in {opened:.0f} ms",
            file=sys.stderr,
            flush=True,
        )
    return rows


def run(
    moves: int = DEFAULT_MOVES,
    move_size: tuple[int, int] = MOVE_SIZE,
    page_size: tuple[int, int] = PAGE_SIZE,
    seed: int = 0,
) -> dict[str, Any]:
    """Both measurements; raises UnavailableError when there is no browser."""
    with chromium() as browser, tempfile.TemporaryDirectory() as folder:
        version = browser.version
        moved = move_rows(browser, *move_size, moves, seed, Path(folder))
        sized = size_rows(browser, *page_size, seed, Path(folder))
    return {"browser": f"Chromium {version} (headless)", "moves": moved, "pages": sized}


def table(found: dict[str, Any]) -> str:
    """The two tables, in Markdown."""
    moves = found["moves"]
    lines = [
        f"In {found['browser']}: {moves[0]['moves']:,} slider moves on the page for "
        f"{moves[0]['size']} (options x criteria, {moves[0]['sliders']} sliders), each a "
        "keydown dispatched to a slider and timed inside the page with "
        "`performance.now()` from the event to after the page's rescoring, re-ranking, "
        "DOM writes and a forced style and layout (in brackets, the median of the "
        "script's part alone, to the end of the page's handler). Target: the 95th "
        "percentile under "
        f"{FRAME_MS:g} ms (one frame at 60 Hz). A frame missed: the move's frame took "
        f"over {MISSED_FRAME_MS:.0f} ms, paint included.",
        "",
        "| method | size | median (ms) | 95th pct (ms) | max (ms) | frames missed | target |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for row in moves:
        verdict = "met" if row["met"] else "**missed**"
        lines.append(
            f"| {WORDS[row['method']]} | {row['size']} | {row['median_ms']:.2f} "
            f"({row['script_ms']:.2f}) | "
            f"{row['p95_ms']:.2f} | {row['max_ms']:.2f} | "
            f"{row['missed_frames']} of {row['moves']:,} | < {FRAME_MS:g} ms: {verdict} |"
        )
    pages = found["pages"]
    lines += [
        "",
        f"The page for {pages[0]['size']}: its HTML in bytes (target under 2 MB), and "
        "the time from opening the file to the view drawn (reported, no target).",
        "",
        "| method | size | page (bytes) | opened in (ms) | target |",
        "|---|---|---:|---:|---|",
    ]
    for row in pages:
        verdict = "met" if row["met"] else "**missed**"
        lines.append(
            f"| {WORDS[row['method']]} | {row['size']} | {row['bytes']:,} | "
            f"{row['open_ms']:.0f} | < 2 MB: {verdict} |"
        )
    return "\n".join(lines)


def verdicts(found: dict[str, Any]) -> list[dict[str, Any]]:
    """The targets, as benchmarks/run.py lists them."""
    rows = [
        {
            "target": f"conference slider move, 95th percentile < {FRAME_MS:g} ms",
            "size": row["size"],
            "case": WORDS[row["method"]],
            "value": f"{row['p95_ms']:.2f} ms (median {row['median_ms']:.2f} ms)",
            "met": bool(row["met"]),
        }
        for row in found["moves"]
    ]
    rows += [
        {
            "target": "conference page < 2 MB",
            "size": row["size"],
            "case": WORDS[row["method"]],
            "value": f"{row['bytes'] / 1e6:.2f} MB",
            "met": bool(row["met"]),
        }
        for row in found["pages"]
    ]
    return rows


def parse_size(text: str) -> tuple[int, int]:
    n, _, m = text.strip().lower().replace("_", "").replace(",", "").partition("x")
    return int(n), int(m)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=DEFAULT_MOVES, help="slider moves per method")
    parser.add_argument("--size", default="200x30", help="options x criteria for the moves")
    parser.add_argument("--page-size", default="1000x30", help="options x criteria for the size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    parser.add_argument("--readme", action="store_true", help="rewrite README.md's tables")
    args = parser.parse_args(argv)
    before = machine.load()
    info = machine.describe()
    started = time.perf_counter()
    try:
        found = run(args.moves, parse_size(args.size), parse_size(args.page_size), args.seed)
    except UnavailableError as error:
        print(f"bench_conference: skipped: {error}", file=sys.stderr)
        return 0
    top = header(info, before, machine.load(), time.perf_counter() - started)
    text = f"{top}\n\n{table(found)}"
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    if args.readme:
        import run as benchmarks_run

        benchmarks_run.write_readme(
            text, benchmarks_run.CONFERENCE_START, benchmarks_run.CONFERENCE_END
        )
    return 0


def header(info: dict[str, str], before: str, after: str, elapsed: float) -> str:
    """The machine, its load and the versions, as run.py's header says them."""
    return (
        f"Run {info['date']} (bench_conference.py alone), commit {info['commit']}; "
        f"{info['cores']} cores ({info['cpu']}); load average (1/5/15 min) {before} before, "
        f"{after} after; Python {info['python']}, powerbalance {info['powerbalance']}. "
        f"Whole run {elapsed / 60:.1f} min."
    )


if __name__ == "__main__":
    raise SystemExit(main())
