"""Run every benchmark of powerbalance in one go, and write the tables from that one run.

Run from the repository root (not part of the test suite; needs ``pip install ".[bench]"``
and, for the pyDecision column, ``pip install --no-deps pyDecision``)::

    python benchmarks/run.py --quick                # a few minutes: small sizes only
    python benchmarks/run.py                        # everything (about an hour on 2 cores)
    python benchmarks/run.py --markdown             # ... and rewrite the tables
    python benchmarks/run.py --sizes 100x10,1000x20 --skip smaa,loaders

What one run measures, on the same machine, one after another:

1. ``methods`` (``bench_methods.py``): ``pb.evaluate(...)`` + ``report.ranking`` for
   the weighted sum, the weighted product, TOPSIS (vector and min-max), VIKOR and
   PROMETHEE II (usual and V-shape), and the entropy and CRITIC weights, against the
   score floor + rank floor (``floor.py``) and the peers (``peers.py``: pymcdm with and
   without validation, scikit-criteria, pyrepo-mcda, pyDecision), at 100x10, 1k x 20,
   10k x 50, 100k x 50 and 1M x 20. Every ranking (and the floor's scores) is checked
   equal to powerbalance's before anything is timed.
2. ``memory``: the peak memory of one evaluation (``pb.evaluate`` + ``report.ranking``)
   and of the floor's score + rank at 1M x 20, for every method, measured with
   ``tracemalloc`` (to which numpy reports its array buffers) in a separate Python
   process, after a warm-up on a small matrix so that imports are not counted.
3. ``smaa`` (``bench_smaa.py``): ``pb.sensitivity.smaa`` with pairwise winning indices
   off against a one-core floor at (10, 6, 10k), (100, 10, 100k) and (1000, 20, 100k),
   and with its defaults (pairwise on up to 200 options) against the same
   rank-counting floor.
   ``ensemble`` (``bench_ensemble.py``): ``pb.scenarios.ensemble`` on the built-in
   example, 10,000 generated futures x 10,000 weightings (2,000 x 2,000 with
   ``--quick``), against a plain-numpy floor on as many threads, its results checked
   against the floor's on the same draws, and its peak memory at that size and at
   twice the futures.
   ``portfolio`` (``bench_portfolio.py``): ``pb.portfolio.optimize`` with 200
   candidates, 3 resources and 50 interactions against the solver alone (one ``milp``
   call built by hand with the same matrices), and at 20 candidates against that
   floor and brute force over all 2^20 packages; the best packages' values checked
   equal. ``bench_portfolio_robust.py``: ``pb.portfolio.robust``, the exact
   non-dominated packages under ordinal weights with 20 candidates (against brute
   force over all 2^20 packages, the sets checked equal) and 30 (against one ``milp``
   per extreme weighting, brute force estimated).
4. ``build`` (``bench_build.py``): building an ``Assessment`` and importing powerbalance.
5. ``loaders`` (``bench_memory.py``): each file loader's peak memory per MB of file.
6. ``conference`` (``bench_conference.py``): the decision-conference page in headless
   Chromium, 1,000 slider moves at 200 options x 30 criteria for the weighted sum, the
   weighted product and TOPSIS (200 with ``--quick``), and the page's size at 1,000
   options; skipped, saying why, when no browser is found.

It records the CPU model, the core count, the BLAS numpy uses (and its threads), the
load average before and after, the versions and the commit, and marks every target of
the performance issue met or missed. With ``--markdown`` it rewrites
``benchmarks/results.md`` (everything) and the tables between the
``<!-- benchmarks:start -->`` and ``<!-- benchmarks:end -->`` marks of ``README.md``
(the conference page's tables between ``<!-- conference:start -->`` and
``<!-- conference:end -->``).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("MPLBACKEND", "Agg")  # pyDecision imports pyplot

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_methods  # noqa: E402
import bench_smaa  # noqa: E402
import floor  # noqa: E402
import machine  # noqa: E402
import peers  # noqa: E402

import powerbalance as pb  # noqa: E402

FULL_SIZES = "100x10,1000x20,10000x50,100000x50,1000000x20"
QUICK_SIZES = "100x10,1000x20,10000x50"
MEMORY_SIZE = "1000000x20"
QUICK_MEMORY_SIZE = "100000x20"
#: The issue's target: an evaluation's peak memory at most this multiple of the floor's.
MEMORY_TARGET = 1.5
PARTS = ("methods", "memory", "smaa", "ensemble", "portfolio", "build", "loaders", "conference")
README_START = "<!-- benchmarks:start -->"
README_END = "<!-- benchmarks:end -->"
CONFERENCE_START = "<!-- conference:start -->"
CONFERENCE_END = "<!-- conference:end -->"


# -- BLAS threads -------------------------------------------------------------------------


def blas_limit(threads: int) -> contextlib.AbstractContextManager[Any]:
    """BLAS limited to ``threads`` for everything inside (0: as configured).

    On a shared 2-core machine OpenBLAS's second thread made the floor's
    matrix-vector products up to 10 times slower at 10,000 x 50 and no faster at
    1,000,000 x 20, so every contender of the methods runs on one BLAS thread by
    default: the same for powerbalance, the floor and the peers.
    """
    if threads <= 0:
        return contextlib.nullcontext()
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=threads, user_api="blas")


# -- part 2: peak memory of an evaluation vs the floor's (in a child process) -----------


def memory_child(size: str) -> int:
    """Print, as JSON, the tracemalloc peaks of ours and the floor's for each method."""
    ((n, m),) = bench_methods.parse_sizes(size)
    warnings.simplefilter("ignore")
    small = bench_methods.make_problem(200, m, 1, 2.0)
    problem = bench_methods.make_problem(n, m, 0, 2.0)
    found: dict[str, dict[str, float]] = {}
    for case in bench_methods.CASES:
        try:
            ours_obj, _ = case.ours(problem)
        except bench_methods.UnavailableError:
            continue

        def ours(pr: bench_methods.Problem, obj: Any = ours_obj, kind: str = case.kind) -> Any:
            if kind == "weights":
                return obj.weigh(pr.assessment)
            return pb.evaluate(pr.assessment, weighting=pr.weights, method=obj).ranking

        def base(pr: bench_methods.Problem, case: bench_methods.Case = case) -> Any:
            if case.kind == "weights":
                return case.floor(pr)
            return floor.rank(case.floor(pr))

        row = {}
        for name, call in (("powerbalance", ours), ("floor", base)):
            call(small)  # imports and one-off caches, not counted
            gc.collect()
            tracemalloc.start()
            start = time.perf_counter()
            result = call(problem)
            seconds = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            del result
            gc.collect()
            row[name] = peak
            row[f"{name}_s"] = seconds
        found[case.name] = row
        print(f"[memory {size}] {case.name}: {row}", file=sys.stderr, flush=True)
    print(json.dumps(found))
    return 0


def run_memory(size: str) -> dict[str, dict[str, float]]:
    done = subprocess.run(
        [sys.executable, __file__, "--memory-child", size],
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(done.stderr[-3000:])
    if done.returncode != 0:
        raise RuntimeError(f"memory run failed (exit {done.returncode})")
    result: dict[str, dict[str, float]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def memory_table(size: str, found: dict[str, dict[str, float]]) -> tuple[str, list[dict[str, Any]]]:
    ((n, m),) = bench_methods.parse_sizes(size)
    lines = [
        f"Peak memory of one call at {n:,} options x {m} criteria (the matrix itself is "
        f"{n * m * 8 / 2**20:,.0f} MiB and is not counted): tracemalloc's peak during the "
        "call (numpy reports its array buffers to it), in a separate process, after a "
        "warm-up on a small matrix. powerbalance: `pb.evaluate` + `report.ranking` on a "
        "prebuilt assessment (`scheme.weigh` for the weights); floor: score floor + rank "
        "floor.",
        "",
        "| case | powerbalance (MiB) | floor (MiB) | pb / floor | target |",
        "|---|---:|---:|---:|---|",
    ]
    rows = []
    for case, row in found.items():
        ratio = row["powerbalance"] / row["floor"] if row["floor"] else None
        is_method = case in bench_methods.METHODS
        met = ratio is not None and ratio <= MEMORY_TARGET
        verdict = (
            (f"≤ {MEMORY_TARGET:g}×: " + ("met" if met else "**missed**")) if is_method else "–"
        )
        lines.append(
            f"| {case} | {row['powerbalance'] / 2**20:,.0f} | {row['floor'] / 2**20:,.0f} | "
            f"{bench_methods._fmt_ratio(ratio)} | {verdict} |"
        )
        if is_method and ratio is not None:
            rows.append(
                {
                    "target": f"peak memory / floor's ≤ {MEMORY_TARGET:g}×",
                    "size": f"{n:,}x{m}",
                    "case": case,
                    "value": bench_methods._fmt_ratio(ratio),
                    "met": met,
                }
            )
    return "\n".join(lines), rows


# -- part 3: SMAA -------------------------------------------------------------------------


def run_smaa(quick: bool, seed: int) -> tuple[str, list[dict[str, Any]]]:
    argv = ["--quick"] if quick else []
    args = _smaa_args([*argv, "--seed", str(seed)])
    smaa, smaa_note = bench_smaa.locate_smaa()
    libraries = [p.strip() for p in args.peers.split(",") if p.strip()]
    sizes = bench_smaa.parse_sizes(bench_smaa.QUICK_SIZES if quick else bench_smaa.DEFAULT_SIZES)
    started = time.perf_counter()
    results = []
    for n, m, samples in sorted(sizes, key=lambda s: s[0] * s[1] * s[2]):
        sp = bench_smaa.SMAAProblem(bench_methods.make_problem(n, m, seed, 2.0), samples)
        W = bench_smaa.uniform_weights(sp.problem.assessment, samples, seed)
        outcomes = []
        for case in bench_smaa.CASES:
            gc.collect()
            outcome = bench_smaa.run_case(case, sp, smaa, libraries, args, W)
            for contender in outcome.contenders.values():
                contender.thunk = None
            outcomes.append(outcome)
            times = ", ".join(
                f"{name} {bench_methods._fmt_ms(c.median)} ms"
                for name, c in outcome.contenders.items()
            )
            print(f"[smaa {sp.label}] {case.name}: {times}", file=sys.stderr, flush=True)
        results.append((sp, outcomes))
        del W
        gc.collect()
    text = bench_smaa.render(results, libraries, args, smaa_note, time.perf_counter() - started)
    rows = bench_smaa.verdicts(results)
    for _, outcomes in results:
        for outcome in outcomes:
            for failure in outcome.failures:
                rows.append(
                    {
                        "target": "SMAA agreement",
                        "size": "",
                        "case": failure,
                        "value": "",
                        "met": False,
                    }
                )
    return text, rows


def _smaa_args(argv: list[str]) -> argparse.Namespace:
    """bench_smaa's own defaults (and its --quick settings), without running its main."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    args.repeats = 2 if args.quick else 3
    args.peers = bench_smaa.DEFAULT_PEERS
    args.peer_samples = 200 if args.quick else 1_000
    args.peer_budget = 5.0 if args.quick else 30.0
    args.budget = 120.0
    return args


# -- part 3b: an ensemble of generated futures --------------------------------------------


def run_ensemble(quick: bool, seed: int) -> tuple[str, list[dict[str, Any]]]:
    bench_ensemble = importlib.import_module("bench_ensemble")
    futures, weightings = bench_ensemble.QUICK if quick else bench_ensemble.DEFAULT
    text, rows = bench_ensemble.run(futures, weightings, seed, repeats=1 if quick else 2)
    return text, rows


# -- part 3c: packages of options ---------------------------------------------------------


def run_portfolio(quick: bool, seed: int) -> tuple[str, list[dict[str, Any]]]:
    bench_portfolio = importlib.import_module("bench_portfolio")
    text, rows = bench_portfolio.run(seed, repeats=3 if quick else 10)
    bench_robust = importlib.import_module("bench_portfolio_robust")
    robust_text, robust_rows = bench_robust.run(seed, repeats=2 if quick else 5)
    text += "\n\n### Robust packages under ordinal weights\n\n" + robust_text
    return text, rows + robust_rows


# -- parts 4 and 5: building, importing, loading ------------------------------------------


def run_build(quick: bool) -> tuple[str, list[dict[str, Any]]]:
    try:
        bench_build = importlib.import_module("bench_build")
    except ImportError as error:
        return f"(not run: benchmarks/bench_build.py is not there: {error})", []
    argv = ["--sizes", "100x10,10000x50", "--repeats", "3", "--imports", "3"] if quick else []
    built = bench_build.main(argv)
    text = bench_build.table(built, machine.describe())
    rows = []
    for row in built:
        if row.get("met") is None:
            continue
        value = (
            f"{row['ratio']:.2f}×" if row.get("ratio") is not None else f"{row['ours_ms']:.0f} ms"
        )
        rows.append(
            {
                "target": f"{row['case']} {row['target']}",
                "size": row.get("size", ""),
                "case": row["case"],
                "value": value,
                "met": bool(row["met"]),
            }
        )
    # Its table has its own heading; ours is added around it.
    return re.sub(r"^## .*\n\n", "", text, count=1), rows


def run_loaders(quick: bool) -> str:
    bench_memory = importlib.import_module("bench_memory")
    sizes = [1.0] if quick else [2.0, 5.0]
    started = time.perf_counter()
    rows = bench_memory.run(sizes, list(bench_memory.FORMATS))
    text: str = bench_memory.render(rows, time.perf_counter() - started)
    return text


def run_conference(quick: bool, seed: int) -> tuple[str, list[dict[str, Any]], str]:
    """The conference page's tables, its targets, and its README block ("" if not run)."""
    bench_conference = importlib.import_module("bench_conference")
    try:
        found = bench_conference.run(moves=200 if quick else 1_000, seed=seed)
    except bench_conference.UnavailableError as error:
        print(f"conference: skipped: {error}", file=sys.stderr, flush=True)
        return f"(not run: {error})", [], ""
    text: str = bench_conference.table(found)
    return text, bench_conference.verdicts(found), text


# -- the report ---------------------------------------------------------------------------


def verdict_lines(rows: Sequence[dict[str, Any]]) -> list[str]:
    if not rows:
        return ["- (no target was measured in this run)"]
    lines = []
    for row in rows:
        where = ", ".join(str(x) for x in (row["size"], row["case"]) if x)
        value = f": {row['value']}" if row["value"] else ""
        lines.append(
            f"- {row['target']} ({where}){value}: " + ("met" if row["met"] else "**missed**")
        )
    return lines


def summary_tables(
    results: dict[str, tuple[bench_methods.Problem, list[bench_methods.Outcome]]],
    libraries: Sequence[str],
) -> str:
    """pb / floor per method and size, and the fastest same-variant peer's time / pb."""
    cases = [c.name for c in bench_methods.CASES]
    lines = [
        "`pb.evaluate(...)` + `report.ranking`, time / floor (score floor + rank floor; "
        "lower is better, 1× is the floor). Targets: ≤ 3× at 100x10, ≤ 1.5× from 10,000 "
        "options up; a missed target is in bold. In brackets: "
        "`method.prepare(assessment).score(W)` + rank floor, over the floor: the same "
        "computation without `evaluate`'s checks, report and labelled ranking, i.e. how "
        "much of a miss is the call's overhead rather than the arithmetic.",
        "",
        *_case_table(results, cases, _floor_cell),
        "",
        "The fastest peer configured to the same variant: its time / powerbalance's "
        "(above 1× means powerbalance is faster; target: above 1× everywhere for the "
        "methods, bold where missed). "
        '"all too slow" / "all skipped (memory)": every peer offering the variant was '
        "skipped, its estimated time per call over the budget or its memory over 4 GiB.",
        "",
        *_case_table(
            results,
            cases,
            lambda case, problem, outcome: _peer_cell(case, outcome, libraries),
        ),
    ]
    return "\n".join(lines)


def _case_table(
    results: dict[str, tuple[bench_methods.Problem, list[bench_methods.Outcome]]],
    cases: Sequence[str],
    cell: Callable[[str, bench_methods.Problem, bench_methods.Outcome | None], str],
) -> list[str]:
    """A table of one row per case and one column per size, each cell from ``cell``."""
    labels = list(results)
    lines = ["| case | " + " | ".join(labels) + " |", "|---|" + "---:|" * len(labels)]
    for case in cases:
        cells = []
        for label in labels:
            problem, outcomes = results[label]
            outcome = next((o for o in outcomes if o.case == case), None)
            cells.append(cell(case, problem, outcome))
        lines.append(f"| {case} | " + " | ".join(cells) + " |")
    return lines


def _floor_cell(
    case: str, problem: bench_methods.Problem, outcome: bench_methods.Outcome | None
) -> str:
    """pb / floor, and in brackets prepared + rank floor / floor; bold if over the target."""
    c = outcome.contenders if outcome else {}
    ratio = (
        bench_methods._ratio(c["powerbalance"].median, c["floor"].median)
        if c and "floor" in c
        else None
    )
    target = bench_methods.floor_target(problem.n)
    text = bench_methods._fmt_ratio(ratio)
    missed = case in bench_methods.METHODS and target and ratio and ratio > target
    if c and c.get(bench_methods.PREPARED) is not None:
        prepared = bench_methods._ratio(c[bench_methods.PREPARED].median, c["floor"].median)
        text += f" ({bench_methods._fmt_ratio(prepared)})" if prepared else ""
    return f"**{text}**" if missed else text


def _peer_cell(case: str, outcome: bench_methods.Outcome | None, libraries: Sequence[str]) -> str:
    """The fastest same-variant peer's time / pb's, or why no peer ran."""
    if outcome is None or not outcome.contenders:
        return "–"
    c = outcome.contenders
    ours = c["powerbalance"].median
    best = None
    for name in libraries:
        contender = c.get(name)
        spec = peers.peers_for(case).get(name)
        if contender is None or contender.median is None:
            continue
        if isinstance(spec, peers.Peer) and not spec.same_variant:
            continue
        if best is None or contender.median < best[1]:
            best = (name, contender.median)
    notes = [x.note or "" for x in c.values() if x.median is None]
    if (best is None or ours is None) and any(t.startswith("skipped: needs") for t in notes):
        return "all skipped (memory)"
    if (best is None or ours is None) and any(t.startswith("skipped: ~") for t in notes):
        return "all too slow"
    if best is None or ours is None:
        return "none ran"
    text = f"{bench_methods._fmt_ratio(best[1] / ours)} {best[0]}"
    missed = case in bench_methods.METHODS and best[1] <= ours
    return f"**{text}**" if missed else text


def header(
    info: dict[str, str], before: str, after: str, elapsed: float, quick: bool, threads: int
) -> str:
    peers_text = ", ".join(
        f"{lib} {info.get(lib, '?')}" for lib in peers.LIBRARIES if "(" not in lib
    )
    return (
        f"Run {info['date']}{' (--quick)' if quick else ''}, commit {info['commit']}; "
        f"{info['cores']} cores ({info['cpu']}); BLAS: {info['blas']}"
        + (f", limited to {threads} thread(s) for the methods" if threads > 0 else "")
        + "; load average "
        f"(1/5/15 min) {before} before, {after} after; Python {info['python']}, numpy "
        f"{info['numpy']}, pandas {info['pandas']}, powerbalance {info['powerbalance']}; "
        f"{peers_text}. Whole run {elapsed / 60:.1f} min."
    )


def write_readme(block: str, start_mark: str = README_START, end_mark: str = README_END) -> None:
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.find(start_mark), text.find(end_mark)
    if start < 0 or end < start:
        print(f"README.md has no {start_mark} ... {end_mark} block; not written", file=sys.stderr)
        return
    new = text[: start + len(start_mark)] + "\n" + block + "\n" + text[end:]
    path.write_text(new, encoding="utf-8")


# -- command line -------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (a few minutes)")
    parser.add_argument("--sizes", help=f"methods' sizes NxM,... (default {FULL_SIZES})")
    parser.add_argument("--skip", default="", help=f"comma-separated parts: {', '.join(PARTS)}")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--budget", type=float, help="seconds per call before a peer is skipped (10; --quick: 5)"
    )
    parser.add_argument(
        "--markdown", action="store_true", help="rewrite benchmarks/results.md and README's tables"
    )
    parser.add_argument("--output", type=Path, help="also write the whole report to this file")
    parser.add_argument("--json", type=Path, help="also write the methods' timings to this file")
    parser.add_argument(
        "--blas-threads",
        type=int,
        default=1,
        help="BLAS threads for every contender of the methods, 0 to leave as configured "
        "(default 1)",
    )
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        return memory_child(args.memory_child)
    if args.budget is None:
        args.budget = 5.0 if args.quick else 10.0
    skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    unknown = skip - set(PARTS)
    if unknown:
        parser.error(f"unknown part {sorted(unknown)[0]!r}; choose from {', '.join(PARTS)}")
    warnings.simplefilter("ignore")

    before = machine.load()
    info = machine.describe(peers.LIBRARIES)
    started = time.perf_counter()
    sections: list[str] = []
    verdicts: list[dict[str, Any]] = []
    summary = ""
    conference_block = ""
    libraries = list(peers.LIBRARIES)
    steps: list[tuple[str, Callable[[], None]]] = []

    def methods() -> None:
        nonlocal summary
        sizes = bench_methods.parse_sizes(args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES))
        with blas_limit(args.blas_threads):
            results = bench_methods.run_sizes(
                sizes,
                bench_methods.CASES,
                libraries,
                repeats=3 if args.quick else 5,
                large_repeats=3,
                budget=args.budget,
                mem_limit=4 * 2**30,
                seed=args.seed,
                p=2.0,
            )
        text = bench_methods.render(
            results,
            libraries,
            argparse.Namespace(
                seed=args.seed,
                repeats=3 if args.quick else 5,
                large_repeats=3,
                budget=args.budget,
                mem_limit=4.0,
            ),
            0.0,
        )
        # render's first paragraph repeats the machine; the report's header has it.
        sections.append("## Methods and objective weights\n\n" + text.split("\n\n", 1)[1])
        verdicts.extend(bench_methods.verdicts(results))
        summary = summary_tables(results, libraries)
        if args.json:
            args.json.write_text(json.dumps(bench_methods.to_json(results), indent=1))

    def memory() -> None:
        size = QUICK_MEMORY_SIZE if args.quick else MEMORY_SIZE
        text, rows = memory_table(size, run_memory(size))
        sections.append("## Peak memory of an evaluation\n\n" + text)
        verdicts.extend(rows)

    def smaa() -> None:
        text, rows = run_smaa(args.quick, args.seed)
        sections.append("## SMAA\n\n" + text.split("\n\n", 1)[1])
        verdicts.extend(rows)

    def ensemble() -> None:
        text, rows = run_ensemble(args.quick, args.seed)
        sections.append("## An ensemble of generated futures\n\n" + text)
        verdicts.extend(rows)

    def portfolio() -> None:
        text, rows = run_portfolio(args.quick, args.seed)
        sections.append("## Packages of options\n\n" + text)
        verdicts.extend(rows)

    def build() -> None:
        text, rows = run_build(args.quick)
        sections.append("## Building an assessment, and importing powerbalance\n\n" + text)
        verdicts.extend(rows)

    def loaders() -> None:
        text = run_loaders(args.quick)
        sections.append("## Loader memory\n\n" + text)

    def conference() -> None:
        nonlocal conference_block
        text, rows, conference_block = run_conference(args.quick, args.seed)
        sections.append("## The decision-conference page in a browser\n\n" + text)
        verdicts.extend(rows)

    steps = [
        ("methods", methods),
        ("memory", memory),
        ("smaa", smaa),
        ("ensemble", ensemble),
        ("portfolio", portfolio),
        ("build", build),
        ("loaders", loaders),
        ("conference", conference),
    ]
    for name, step in steps:
        if name in skip:
            continue
        print(f"== {name}", file=sys.stderr, flush=True)
        try:
            step()
        except Exception as error:  # one broken part must not lose the others
            sections.append(f"## {name}\n\n(failed: {type(error).__name__}: {error})")
            print(f"{name} failed: {error!r}", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    after = machine.load()

    top = header(info, before, after, elapsed, args.quick, args.blas_threads)
    targets = "\n".join(verdict_lines(verdicts))
    missed = sum(not row["met"] for row in verdicts)
    report = "\n\n".join(
        [
            "# Benchmark results",
            top,
            f"## Targets: {len(verdicts) - missed} met, {missed} missed",
            targets,
            *sections,
        ]
    )
    print(report)
    if args.output:
        args.output.write_text(report + "\n", encoding="utf-8")
    if args.markdown:
        (HERE / "results.md").write_text(
            "<!-- Written by python benchmarks/run.py --markdown; do not edit by hand. -->\n\n"
            + report.replace("# Benchmark results\n\n", "", 1)
            + "\n",
            encoding="utf-8",
        )
        in_tables = ("pb / floor", "faster than every peer", "conference")
        others = [row for row in verdicts if not row["target"].startswith(in_tables)]
        block = "\n\n".join(
            [
                top,
                summary or "(the methods were not run)",
                f"Targets of this run: {len(verdicts) - missed} met, {missed} missed "
                "(every one is listed in benchmarks/results.md). Besides the tables above:",
                "\n".join(verdict_lines(others)),
            ]
        )
        write_readme(block)
        if conference_block:
            write_readme(f"{top}\n\n{conference_block}", CONFERENCE_START, CONFERENCE_END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
