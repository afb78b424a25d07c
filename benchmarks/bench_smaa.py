"""Benchmark powerbalance's SMAA-2 against a numpy floor and peer-library loops.

Run from the repository root (not part of the test suite)::

    python benchmarks/bench_smaa.py                   # the three sizes, about 10 minutes
    python benchmarks/bench_smaa.py --quick           # small smoke run, under a minute
    python benchmarks/bench_smaa.py --sizes 100x10x100000 --cases "weighted sum"
    python benchmarks/bench_smaa.py --memory          # also peak memory (1,000x20, 1e6)
    python benchmarks/bench_smaa.py --sizes none --memory          # only the memory

A size is options x criteria x weight vectors (samples). The matrices are those of
``bench_methods.py`` (seeded, scores uniform in [1, 10), every third criterion a
risk); the weights are uniform on the simplex (SMAA-2 without weight information).
What is timed, in the same run on the same data:

- powerbalance: the ``smaa`` function on a prebuilt ``Assessment`` (built outside the
  timing, as in ``bench_methods.py``) with pairwise winning indices off, once with its
  default thread pool (one thread per core, BLAS as configured) and once with
  ``threads=1`` and BLAS limited to one thread, i.e. on one core like the floor.
- the floor (``floor.smaa_*``): plain numpy on one core (BLAS limited to one thread):
  normalize once, then per chunk of 10,000 weight vectors draw them (exponentials
  over their sum), one matrix product (TOPSIS: one product gives both distances),
  one argsort along the options and one bincount of (option, rank) cells. Sampling
  is inside the timing on both sides, since ``smaa`` cannot be timed without it.
- the peers (``peers.smaa_peers_for``): no peer offers SMAA for the weighted sum or
  TOPSIS, so the peer is the loop a user writes: pymcdm's method called once per
  weight vector, one argsort, one count. pyrepo-mcda's ``VIKOR_SMAA`` is SMAA for
  VIKOR only, so it is compared on a third case, VIKOR, which has no target. A peer
  is run on the first ``--peer-samples`` vectors (fewer if ``--peer-budget`` seconds
  would not suffice) and its time per vector is extrapolated linearly to the full
  sample count; such ratios are marked ‡.

Times are medians of ``--repeats`` timed calls after one warm-up, taken round-robin
by ``bench_methods.measure`` so that drift of a busy machine affects every contender
alike. Ratios are reported, not absolute times: absolute times are not comparable
between runs on a noisy machine, ratios within one run are.

Correctness is checked in the same run: powerbalance's rank counts must equal the
floor's on the very same weight vectors (``UniformWeights().sample`` returns the
vectors ``smaa`` draws for a seed); the timed floor, with its own random stream, must
agree with powerbalance within Monte Carlo error (first-rank acceptabilities); the
two thread settings must give identical counts; and every peer's counts must equal
the floor's on the vectors it was given.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import resource
import subprocess
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_methods
import floor
import machine
import peers
from bench_methods import Contender, Problem, make_problem, measure

import powerbalance as pb

DEFAULT_SIZES = "10x6x10000,100x10x100000,1000x20x100000"
QUICK_SIZES = "10x6x2000,100x10x10000"
MEMORY_SIZE = "1000x20x1000000"
#: The issue's memory target for ``smaa`` at MEMORY_SIZE (weighted sum).
MEMORY_TARGET = 2**30
#: The issue's targets for powerbalance (default threads) / floor.
#: (options, criteria, samples) -> the largest ratio that meets the target; other sizes
#: have none.
TARGETS = {(10, 6, 10_000): 1.5, (100, 10, 100_000): 1.0, (1_000, 20, 100_000): 1.0}
#: The issue's target for ``smaa`` with its defaults (pairwise winning indices on up to
#: PAIRWISE_LIMIT options) / the rank-counting floor.
TARGET_DEFAULTS = {(100, 10, 100_000): 2.0}
#: The largest |z| of first-rank acceptability differences taken as Monte Carlo noise:
#: for 1,000 independent options the chance of a larger one is below 1%.
MAX_Z = 4.5
DEFAULT_PEERS = "pymcdm,pyrepo-mcda"


# -- the problem and the cases ------------------------------------------------------------


@dataclass
class SMAAProblem:
    """One seeded matrix (from ``bench_methods.make_problem``) and a sample count."""

    problem: Problem
    samples: int

    @property
    def label(self) -> str:
        return f"{self.problem.n:,}x{self.problem.m}, {self.samples:,} samples"

    @property
    def key(self) -> tuple[int, int, int]:
        return self.problem.n, self.problem.m, self.samples


FloorFunction = Callable[[np.ndarray, np.ndarray, Iterable[np.ndarray]], np.ndarray]


@dataclass(frozen=True)
class SMAACase:
    """A method under SMAA: how to build powerbalance's, and the floor's counts."""

    name: str
    method: Callable[[], Any]
    floor: FloorFunction
    has_target: bool


CASES: list[SMAACase] = [
    SMAACase("weighted sum", lambda: pb.methods.WeightedSum(), floor.smaa_weighted_sum, True),
    SMAACase("TOPSIS", lambda: pb.methods.TOPSIS(), floor.smaa_topsis, True),
    # Only to compare with pyrepo-mcda's VIKOR_SMAA; no target.
    SMAACase("VIKOR", lambda: pb.methods.VIKOR(v=0.5), floor.smaa_vikor, False),
]


def locate_smaa() -> tuple[Callable[..., Any], str | None]:
    """powerbalance's SMAA function (no note to add to the report)."""
    return pb.sensitivity.smaa, None


def chunks(W: np.ndarray, size: int = floor.SMAA_CHUNK) -> Iterable[np.ndarray]:
    """Given weight vectors in chunks of the floor's size, to keep its memory bounded."""
    return (W[start : start + size] for start in range(0, len(W), size))


def pairwise_limit() -> int:
    """Up to how many options ``smaa`` counts pairwise wins by default."""
    try:
        plan = importlib.import_module("powerbalance.sensitivity.smaa._plan")
        return int(plan.PAIRWISE_LIMIT)
    except (ImportError, AttributeError):
        return 200


def uniform_weights(assessment: pb.Assessment, samples: int, seed: int) -> np.ndarray:
    """Exactly the weight vectors ``smaa`` draws for ``seed`` (uniform weights)."""
    sampler = importlib.import_module("powerbalance.sensitivity.smaa").UniformWeights()
    return np.asarray(sampler.sample(assessment, samples=samples, seed=seed), dtype=np.float64)


# -- one core -----------------------------------------------------------------------------


def _blas_controller() -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


_CONTROLLER = _blas_controller()
ONE_CORE_NOTE = (
    "BLAS limited to one thread with threadpoolctl"
    if _CONTROLLER is not None
    else "threadpoolctl is not installed: BLAS may use every core in matrix products"
)


def one_core(thunk: Callable[[], Any]) -> Callable[[], Any]:
    """``thunk`` with BLAS limited to one thread, so that the floor uses one core.

    Without the limit OpenBLAS spreads a large product over every core, and the
    "single-threaded" floor would not be. Entering the limit costs about 15 µs.
    """
    if _CONTROLLER is None:
        return thunk
    controller = _CONTROLLER

    def call() -> Any:
        with controller.limit(limits=1, user_api="blas"):
            return thunk()

    return call


# -- peers: a subset of the vectors, extrapolated -----------------------------------------


@dataclass
class PeerRun:
    """A peer's SMAA on the first ``used`` vectors, its time per vector, its counts."""

    library: str
    note: str | None = None  # why it did not run, or how it failed
    used: int = 0
    per_sample: float | None = None  # seconds per weight vector
    counts: np.ndarray | None = None

    def estimate(self, samples: int) -> float | None:
        """Seconds for ``samples`` vectors, extrapolated linearly."""
        return None if self.per_sample is None else self.per_sample * samples


#: Vectors of the calibration run that sizes a peer's timed subset.
CALIBRATION = 10


def run_peer(
    spec: peers.SMAAPeer, problem: Problem, W: np.ndarray, most: int, budget: float
) -> PeerRun:
    """Warm up, calibrate on a few vectors, then time one run on as many as the budget allows.

    The timed run covers ``min(most, len(W))`` vectors, fewer when the calibration
    says that would take more than ``budget`` seconds (at least the calibration's
    count). One run on a subset averages over many per-vector calls already, so it
    is not repeated.
    """
    outcome = PeerRun(spec.library)
    try:
        spec.run(problem, W[:2])  # imports and caches
        start = time.perf_counter()
        spec.run(problem, W[:CALIBRATION])
        per_sample = (time.perf_counter() - start) / min(CALIBRATION, len(W))
        used = min(most, len(W), max(CALIBRATION, int(budget / per_sample)))
        gc.collect()
        start = time.perf_counter()
        counts = spec.run(problem, W[:used])
        elapsed = time.perf_counter() - start
    except Exception as error:
        outcome.note = f"failed: {type(error).__name__}: {str(error)[:80]}"
        return outcome
    outcome.used, outcome.per_sample, outcome.counts = used, elapsed / used, counts
    return outcome


# -- running ------------------------------------------------------------------------------


@dataclass
class Outcome:
    """Everything measured for one case at one size."""

    case: SMAACase
    contenders: dict[str, Contender]
    peers: dict[str, PeerRun] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)  # agreement, one line each
    failures: list[str] = field(default_factory=list)  # the checks that failed


def _compare_counts(ours: np.ndarray, theirs: np.ndarray, total: int) -> tuple[bool, str]:
    """Whether two options x ranks count matrices are equal, and a description."""
    if ours.shape != theirs.shape:
        return False, f"shapes differ: {ours.shape} and {theirs.shape}"
    differ = int(np.count_nonzero(ours != theirs))
    if differ == 0:
        return True, f"identical ({ours.shape[0]:,} x {ours.shape[1]:,} counts)"
    gap = np.abs(ours - theirs).max() / total
    return False, f"{differ:,} of {ours.size:,} counts differ, max |Δ acceptability| {gap:.2g}"


def _first_rank_z(ours: np.ndarray, theirs: np.ndarray, total: int) -> tuple[float, float]:
    """Largest |Δ| and |z| of first-rank acceptabilities from independent samples."""
    a, b = ours[:, 0] / total, theirs[:, 0] / total
    se = np.sqrt((a * (1 - a) + b * (1 - b)) / total)
    gap = np.abs(a - b)
    z = np.divide(gap, se, out=np.zeros_like(gap), where=se > 0)
    return float(gap.max()), float(z.max())


def check(outcome: Outcome, case: SMAACase, sp: SMAAProblem, W: np.ndarray) -> None:
    """The agreement checks described in the module docstring, appended to ``outcome``.

    A contender that failed is a failed check too, so that a broken run cannot
    report "every check passed".
    """
    problem, samples = sp.problem, sp.samples
    c = outcome.contenders

    def note(ok: bool, text: str) -> None:
        line = f"{sp.label}, {case.name}: {text}"
        outcome.checks.append(line)
        if not ok:
            outcome.failures.append(line)

    for name, contender in c.items():
        if contender.result is None:
            note(False, f"{name} {contender.note or 'gave no result'}")
    for library, run in outcome.peers.items():
        if run.counts is not None:
            reference = case.floor(problem.X, problem.is_risk, [W[: run.used]])
            ok, text = _compare_counts(run.counts, reference, run.used)
            note(ok, f"{library} vs floor on the first {run.used:,} vectors: {text}")
        elif run.note and run.note.startswith("failed"):
            note(False, f"{library} {run.note}")
    ours = c["powerbalance"].result
    if ours is None:
        return
    counts = np.asarray(ours.rank_counts)
    same = case.floor(problem.X, problem.is_risk, chunks(W))
    ok, text = _compare_counts(counts, same, samples)
    note(ok, f"powerbalance vs floor on the same {samples:,} vectors: {text}")
    with_defaults = c.get("powerbalance, defaults")
    if with_defaults is not None and with_defaults.result is not None:
        ok, text = _compare_counts(counts, np.asarray(with_defaults.result.rank_counts), samples)
        note(ok, f"powerbalance defaults (pairwise on) vs pairwise off: {text}")
    single = c["powerbalance, threads=1"].result
    if single is not None:
        ok, text = _compare_counts(counts, np.asarray(single.rank_counts), samples)
        note(ok, f"powerbalance default threads vs threads=1: {text}")
    if c["floor"].result is not None:
        gap, z = _first_rank_z(counts, c["floor"].result, samples)
        note(
            z <= MAX_Z,
            f"powerbalance vs the timed floor (own random stream): first-rank acceptability "
            f"max |Δ| {gap:.2g}, max |z| {z:.2f} (noise up to about {MAX_Z:g})",
        )


def run_case(
    case: SMAACase,
    sp: SMAAProblem,
    smaa: Callable[..., Any],
    libraries: Sequence[str],
    args: argparse.Namespace,
    W: np.ndarray,
) -> Outcome:
    problem, samples, seed = sp.problem, sp.samples, args.seed
    a, X, is_risk, m = problem.assessment, problem.X, problem.is_risk, problem.m
    method = case.method()

    def ours(threads: int | None) -> Callable[[], Any]:
        return lambda: smaa(
            a, method=method, samples=samples, seed=seed, pairwise=False, threads=threads
        )

    def defaults() -> Any:
        return smaa(a, method=method, samples=samples, seed=seed)

    def floor_call() -> np.ndarray:
        rng = np.random.default_rng(seed)
        return case.floor(X, is_risk, floor.uniform_weight_chunks(rng, samples, m))

    contenders = {
        "powerbalance": Contender("powerbalance", ours(None)),
        "powerbalance, threads=1": Contender("powerbalance, threads=1", one_core(ours(1))),
        "floor": Contender("floor", one_core(floor_call)),
    }
    if problem.n <= pairwise_limit():
        contenders["powerbalance, defaults"] = Contender("powerbalance, defaults", defaults)
    measure(list(contenders.values()), args.repeats, args.budget)
    outcome = Outcome(case, contenders)
    for library in libraries:
        spec = peers.smaa_peers_for(case.name).get(library, "not offered")
        missing = peers.import_error(library)
        if isinstance(spec, str) or missing:
            outcome.peers[library] = PeerRun(library, note=missing or str(spec))
            continue
        outcome.peers[library] = run_peer(spec, problem, W, args.peer_samples, args.peer_budget)
    check(outcome, case, sp, W)
    return outcome


# -- output -------------------------------------------------------------------------------

_fmt_ms, _fmt_ratio, _ratio = bench_methods._fmt_ms, bench_methods._fmt_ratio, bench_methods._ratio


def target_of(case: SMAACase, sp: SMAAProblem) -> tuple[float, bool] | None:
    """The target for pb / floor: (ratio, strict) where strict means "below"."""
    if not case.has_target:
        return None
    limit = TARGETS.get(sp.key)
    return None if limit is None else (limit, False)


def verdict(ratio: float | None, target: tuple[float, bool] | None) -> str:
    if target is None:
        return "–"
    limit, strict = target
    text = f"{'<' if strict else '≤'} {limit:g}×"
    if ratio is None:
        return text
    met = ratio < limit if strict else ratio <= limit
    return f"{text}: {'met' if met else 'MISSED'}"


def defaults_cell(outcome: Outcome, sp: SMAAProblem) -> str:
    """pb defaults / floor, with its target where there is one."""
    contender = outcome.contenders.get("powerbalance, defaults")
    if contender is None:
        return "= pairwise off"
    ratio = _ratio(contender.median, outcome.contenders["floor"].median)
    target = TARGET_DEFAULTS.get(sp.key) if outcome.case.has_target else None
    text = _fmt_ratio(ratio)
    if target is not None and ratio is not None:
        text += f" (≤ {target:g}×: {'met' if ratio <= target else 'MISSED'})"
    return text


def verdicts(results: list[tuple[SMAAProblem, list[Outcome]]]) -> list[dict[str, Any]]:
    """The SMAA targets, one row each: target, size, case, value, met."""
    rows: list[dict[str, Any]] = []
    for sp, outcomes in results:
        for outcome in outcomes:
            c = outcome.contenders
            base = c["floor"].median
            target = target_of(outcome.case, sp)
            ratio = _ratio(c["powerbalance"].median, base)
            if target is not None and ratio is not None:
                limit, strict = target
                rows.append(
                    {
                        "target": f"SMAA, pairwise off / one-core floor {'<' if strict else '≤'} "
                        f"{limit:g}×",
                        "size": sp.label,
                        "case": outcome.case.name,
                        "value": _fmt_ratio(ratio),
                        "met": ratio < limit if strict else ratio <= limit,
                    }
                )
            limit_defaults = TARGET_DEFAULTS.get(sp.key)
            defaults = c.get("powerbalance, defaults")
            ratio = _ratio(defaults.median, base) if defaults is not None else None
            if outcome.case.has_target and limit_defaults is not None and ratio is not None:
                rows.append(
                    {
                        "target": f"SMAA, defaults / rank-counting floor ≤ {limit_defaults:g}×",
                        "size": sp.label,
                        "case": outcome.case.name,
                        "value": _fmt_ratio(ratio),
                        "met": ratio <= limit_defaults,
                    }
                )
    return rows


def table(sp: SMAAProblem, outcomes: Sequence[Outcome], libraries: Sequence[str]) -> str:
    header = [
        "case",
        "powerbalance (ms)",
        "floor (ms)",
        "pb / floor",
        "target",
        "pb threads=1 / floor",
        "pb defaults / floor",
    ]
    for library in libraries:
        header += [f"{library} / floor", f"pb / {library}"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|",
    ]
    for outcome in outcomes:
        c = outcome.contenders
        ours, single, base = (
            c["powerbalance"].median,
            c["powerbalance, threads=1"].median,
            c["floor"].median,
        )
        ratio = _ratio(ours, base)
        row = [
            outcome.case.name,
            _fmt_ms(ours) if ours is not None else c["powerbalance"].note or "–",
            _fmt_ms(base) if base is not None else c["floor"].note or "–",
            _fmt_ratio(ratio),
            verdict(ratio, target_of(outcome.case, sp)),
            _fmt_ratio(_ratio(single, base)),
            defaults_cell(outcome, sp),
        ]
        for library in libraries:
            run = outcome.peers.get(library)
            estimate = run.estimate(sp.samples) if run is not None else None
            if run is None or estimate is None:
                row += [(run.note if run else None) or "–", "–"]
                continue
            mark = " ‡" if run.used < sp.samples else ""
            row += [_fmt_ratio(_ratio(estimate, base)) + mark, _fmt_ratio(_ratio(ours, estimate))]
        lines.append("| " + " | ".join(row) + " |")
    return f"### {sp.label}\n\n" + "\n".join(lines)


def render(
    results: list[tuple[SMAAProblem, list[Outcome]]],
    libraries: Sequence[str],
    args: argparse.Namespace,
    smaa_note: str | None,
    elapsed: float,
) -> str:
    info = machine.describe(peers.LIBRARIES)
    parts = [
        f"SMAA benchmark run {info['date']} on {info['cores']} cores ({info['cpu']}), "
        f"Python {info['python']}, numpy {info['numpy']}; powerbalance {info['powerbalance']}, "
        + ", ".join(f"{lib} {info[lib]}" for lib in libraries)
        + f". Seed {args.seed}; median of {args.repeats} timed calls after one warm-up; "
        f"peers on at most {args.peer_samples:,} vectors or {args.peer_budget:g} s. "
        f"Whole run: {elapsed / 60:.1f} min.",
        "",
        "Uniform weights, pairwise winning indices off. `pb / floor` is the time of "
        "powerbalance's `smaa` (default threads: one per core) over the plain-numpy "
        f"floor's on one core ({ONE_CORE_NOTE}); lower is better, 1× is the floor. "
        "`pb threads=1 / floor`: powerbalance on one core (`threads=1`, BLAS limited "
        "likewise). `pb defaults / floor`: `smaa` with its defaults, which count the "
        "pairwise winning indices too at up to 200 options (beyond, the defaults are the "
        "pairwise-off call). `<peer> / floor`: a peer's time for the same number of weight "
        "vectors; `pb / <peer>`: below 1× means powerbalance is faster.",
    ]
    if smaa_note:
        parts += ["", f"Note: {smaa_note}."]
    parts.append("")
    for sp, outcomes in results:
        parts += [table(sp, outcomes, libraries), ""]
    parts.append(
        "‡ the peer ran on a subset of the weight vectors (see below) and its time per "
        "vector is extrapolated linearly to the full count. VIKOR has no target; it is "
        "there to compare pyrepo-mcda's VIKOR_SMAA, the only SMAA a peer offers (it is "
        "VIKOR, not the weighted sum or TOPSIS). scikit-criteria offers no SMAA."
    )
    parts += ["", "#### Targets (powerbalance, default threads / floor)", ""]
    target_lines = []
    for sp, outcomes in results:
        for outcome in outcomes:
            target = target_of(outcome.case, sp)
            ratio = _ratio(
                outcome.contenders["powerbalance"].median, outcome.contenders["floor"].median
            )
            if target is not None and ratio is not None:
                target_lines.append(
                    f"- {sp.label}, {outcome.case.name}: pb / floor = {_fmt_ratio(ratio)} "
                    f"(target {verdict(ratio, target)})"
                )
    parts += target_lines or ["- (no case with a target was run)"]
    parts += ["", "#### Peers: weight vectors run (the rest extrapolated)", ""]
    peer_lines = []
    for sp, outcomes in results:
        for outcome in outcomes:
            for library, run in outcome.peers.items():
                if run.per_sample is not None:
                    peer_lines.append(
                        f"- {sp.label}, {outcome.case.name}, {library}: ran {run.used:,} of "
                        f"{sp.samples:,} vectors, {run.per_sample * 1e3:.3g} ms per vector"
                    )
    parts += peer_lines or ["- none ran"]
    parts += ["", "#### Agreement", ""]
    failures = [f for _, outcomes in results for o in outcomes for f in o.failures]
    parts.append(f"- {len(failures)} check(s) FAILED:" if failures else "- every check passed:")
    parts += [f"  - {line}" for _, outcomes in results for o in outcomes for line in o.checks]
    parts += ["", "#### How each peer is called", ""]
    for case in CASES:
        for library in libraries:
            spec = peers.smaa_peers_for(case.name).get(library)
            if isinstance(spec, peers.SMAAPeer):
                parts.append(f"- {case.name}, {library}: `{spec.variant}`")
    return "\n".join(parts) + "\n"


# -- peak memory (in a subprocess) --------------------------------------------------------


def _rss_now() -> int | None:
    """The resident set size now, in bytes (Linux), or None where /proc is absent."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * resource.getpagesize()


MEMORY_MODES = ("rss", "tracemalloc")


def memory_child(size: str, seed: int, mode: str) -> int:
    """Run ``smaa`` (weighted sum, default threads) once and print its memory as JSON.

    ``mode`` "rss": the peak resident set size (``ru_maxrss``) above the resident size
    just before the call, after the imports and the Assessment: what the operating
    system sees. ``mode`` "tracemalloc": tracemalloc's peak, to which numpy reports
    its array buffers: what is allocated at once, whatever the allocator keeps.
    Each in a fresh process, so that no earlier peak hides this one, and apart, so
    that tracing (which costs time and memory of its own) does not touch the
    resident-size run. The two can differ by a lot: memory that numpy has freed but
    the C allocator keeps still counts as resident.
    """
    ((n, m, samples),) = parse_sizes(size)
    problem = make_problem(n, m, seed, 2.0)
    smaa, _ = locate_smaa()
    method = pb.methods.WeightedSum()
    gc.collect()
    before = _rss_now()
    if before is None:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    if mode == "tracemalloc":
        tracemalloc.start()
    start = time.perf_counter()
    smaa(problem.assessment, method=method, samples=samples, seed=seed, pairwise=False)
    seconds = time.perf_counter() - start
    if mode == "tracemalloc":
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    print(json.dumps({"peak": peak, "seconds": seconds}))
    return 0


def memory_lines(size: str, seed: int) -> list[str]:
    """Measure in two subprocesses and describe the result against the target."""
    ((n, m, samples),) = parse_sizes(size)
    lines = [
        f"- `smaa`, weighted sum, {n:,} options x {m} criteria, {samples:,} samples, default "
        f"threads, pairwise off:"
    ]
    what = {
        "rss": "peak resident memory above the resident size before the call",
        "tracemalloc": "tracemalloc peak (numpy's arrays included; a separate run)",
    }
    worst = 0
    for mode in MEMORY_MODES:
        print(f"[memory] {size}, {mode} ...", file=sys.stderr, flush=True)
        command = [sys.executable, __file__, "--memory-child", size, "--seed", str(seed)]
        done = subprocess.run(
            [*command, "--memory-mode", mode], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            lines.append(f"  - {mode}: failed (exit {done.returncode}): {done.stderr[-300:]}")
            continue
        found = json.loads(done.stdout.strip().splitlines()[-1])
        worst = max(worst, found["peak"])
        lines.append(
            f"  - {what[mode]}: {found['peak'] / 2**20:,.0f} MiB ({found['seconds']:.1f} s)"
        )
    verdict = "met" if worst < MEMORY_TARGET else "MISSED"
    lines.append(f"  - target < {MEMORY_TARGET / 2**30:g} GiB: {verdict} (larger of the two)")
    return lines


# -- command line -------------------------------------------------------------------------


def parse_sizes(text: str) -> list[tuple[int, int, int]]:
    """``"100x10x100_000,..."`` -> [(100, 10, 100000), ...]; ``"none"`` -> []."""
    if text.strip().lower() in ("", "none"):
        return []
    sizes = []
    for part in text.split(","):
        numbers = [int(x) for x in part.strip().lower().replace("_", "").split("x")]
        if len(numbers) != 3 or min(numbers) < 1:
            raise ValueError(
                f"a size is OPTIONSxCRITERIAxSAMPLES, such as 100x10x100000; got {part!r}"
            )
        sizes.append((numbers[0], numbers[1], numbers[2]))
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default=None,
        help=f"OPTIONSxCRITERIAxSAMPLES,... or 'none' (default {DEFAULT_SIZES})",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke run: sizes {QUICK_SIZES}, 2 repeats, peers on 200 vectors",
    )
    parser.add_argument("--repeats", type=int, default=3, help="timed calls (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cases", default="", help="comma-separated substrings of case names")
    parser.add_argument(
        "--peers", default=DEFAULT_PEERS, help=f"peer libraries or 'none' ({DEFAULT_PEERS})"
    )
    parser.add_argument(
        "--peer-samples", type=int, default=1_000, help="vectors a peer runs (default 1,000)"
    )
    parser.add_argument(
        "--peer-budget", type=float, default=30.0, help="seconds per peer run (default 30)"
    )
    parser.add_argument(
        "--budget", type=float, default=120.0, help="seconds of repeats per contender (default 120)"
    )
    parser.add_argument(
        "--memory",
        action="store_true",
        help=f"also measure smaa's peak memory at {MEMORY_SIZE} in a subprocess",
    )
    parser.add_argument(
        "--memory-size", default=MEMORY_SIZE, help=f"size for --memory (default {MEMORY_SIZE})"
    )
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    parser.add_argument(
        "--memory-mode", choices=MEMORY_MODES, default="rss", help=argparse.SUPPRESS
    )
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args(argv)
    if args.memory_child:
        return memory_child(args.memory_child, args.seed, args.memory_mode)
    if args.quick:
        args.repeats = min(args.repeats, 2)
        args.peer_samples = min(args.peer_samples, 200)
        args.peer_budget = min(args.peer_budget, 5.0)
    sizes_text = (
        args.sizes if args.sizes is not None else (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    )
    try:
        sizes = parse_sizes(sizes_text)
    except ValueError as error:
        parser.error(str(error))
    libraries = (
        [] if args.peers == "none" else [p.strip() for p in args.peers.split(",") if p.strip()]
    )
    unknown = [p for p in libraries if p not in peers.LIBRARIES]
    if unknown:
        parser.error(f"unknown peer {unknown[0]!r}; choose from {', '.join(peers.LIBRARIES)}")
    wanted = [s.strip().lower() for s in args.cases.split(",") if s.strip()]
    cases = [c for c in CASES if not wanted or any(w in c.name.lower() for w in wanted)]
    # Peers warn about deprecations and the like, the same on every call.
    warnings.simplefilter("ignore")

    smaa, smaa_note = locate_smaa()
    started = time.perf_counter()
    results: list[tuple[SMAAProblem, list[Outcome]]] = []
    for n, m, samples in sorted(sizes, key=lambda s: s[0] * s[1] * s[2]):
        sp = SMAAProblem(make_problem(n, m, args.seed, 2.0), samples)
        W = uniform_weights(sp.problem.assessment, samples, args.seed)
        outcomes = []
        for case in cases:
            gc.collect()
            outcome = run_case(case, sp, smaa, libraries, args, W)
            outcomes.append(outcome)
            times = [
                f"{name} {_fmt_ms(c.median)} ms" if c.median is not None else f"{name}: {c.note}"
                for name, c in outcome.contenders.items()
            ] + [
                f"{lib} ~{_fmt_ms(run.estimate(samples))} ms"
                if run.per_sample is not None
                else f"{lib}: {run.note}"
                for lib, run in outcome.peers.items()
            ]
            print(f"[{sp.label}] {case.name}: {', '.join(times)}", file=sys.stderr, flush=True)
        results.append((sp, outcomes))
        del W
        gc.collect()

    text = (
        render(results, libraries, args, smaa_note, time.perf_counter() - started)
        if results
        else ""
    )
    if args.memory:
        text += "\n#### Peak memory\n\n" if text else "#### Peak memory\n\n"
        text += "\n".join(memory_lines(args.memory_size, args.seed))
        text += "\n"
    print(text)
    if args.markdown:
        args.markdown.write_text(text)
    failed = any(o.failures for _, outcomes in results for o in outcomes)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
