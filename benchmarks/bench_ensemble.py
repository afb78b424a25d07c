"""Benchmark pb.scenarios.ensemble against a plain-numpy floor, and its peak memory.

Run from the repository root (not part of the test suite)::

    python benchmarks/bench_ensemble.py                 # 10,000 futures x 10,000 weightings
    python benchmarks/bench_ensemble.py --quick         # 2,000 x 2,000, under a minute
    python benchmarks/bench_ensemble.py --futures 5000 --weightings 20000 --repeats 3

The problem is the built-in example ("great-power-cooperation": 7 options, 13 criteria,
four scenarios, no uncertain cells), so the ensemble's cells are ``span_cells``: every
cell a scenario changes (18), uniform over the range the futures give it. Weightings
are uniform on the simplex, the method the weighted sum (min-max on the declared
0-10 scales). What is timed, in the same run on the same machine:

- powerbalance: ``pb.scenarios.ensemble(a, futures=F, weight_information=
  UniformWeights(), weightings=K, seed=...)`` with its defaults (one thread per core
  for a run this large, BLAS limited to one thread while it runs).
- the floor (:func:`ensemble_floor`): plain numpy, as fast as we could write it, on
  as many threads as powerbalance, BLAS limited to one thread: draw the same
  distributions' cells (all futures at once) and the weightings (exponentials over
  their sum), then per tile of futures (at most 1,048,576 scores) normalize the
  tile's matrices (the method's own affine form), one matrix product
  (futures x options, criteria) @ (criteria, weightings), the best option by a
  maximum along the options (the tile size fastest of 2^18, 2^20 and 2^22 scores
  on the machine this was written on), and running sums, minima and largest
  regrets. No checks, no names, no tie tolerance.

Both draw their random numbers inside the timing. Times are medians of ``--repeats``
calls after one warm-up on a small size, taken round-robin. Correctness is checked
in the same run: on powerbalance's own draws (cells and weightings) for the first
futures, the floor's first-place counts must equal powerbalance's, and the robust
choices must agree.

Peak memory: ``pb.scenarios.ensemble`` run once in a fresh process at F futures and
at 2F, with ``tracemalloc`` (numpy reports its buffers to it) and, in another
process, as the peak resident size (sampled every 5 ms) above the size before the
call. Only the per-future results (cells drawn, first-place counts: F x 25 numbers)
grow with the futures; the rest is bounded by the tiles and chunks.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import threading
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))

import machine

import powerbalance as pb

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

STUDY = "great-power-cooperation"
DEFAULT = (10_000, 10_000)
QUICK = (2_000, 2_000)
#: The issue's expectation for 10,000 x 10,000 on two cores: seconds to tens of
#: seconds, not minutes.
TARGET_SECONDS = 60.0
#: Memory is "flat" when doubling the futures raises the tracemalloc peak by less
#: than this factor (the per-future results themselves grow, a few MB).
FLAT_FACTOR = 1.5
#: Scores computed at once per tile of the floor.
FLOOR_TILE = 1 << 20
#: Futures checked against the floor on powerbalance's own draws.
CHECKED = 300


# -- the floor ----------------------------------------------------------------------------


def _form(a: pb.Assessment) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Min-max on the declared scales as (x - anchor) / divisor + shift, as the method has it."""
    low = np.array([c.scale[0] for c in a.criteria])
    high = np.array([c.scale[1] for c in a.criteria])
    risk = a.lower_is_better
    return np.where(risk, high, low), np.where(risk, low - high, high - low), np.zeros(len(low))


def _floor_part(
    normalized: FloatArray,
    positions: npt.NDArray[np.intp],
    columns: npt.NDArray[np.intp],
    form: tuple[FloatArray, FloatArray, FloatArray],
    cells: FloatArray,
    weights_t: FloatArray,
) -> tuple[IntArray, FloatArray, FloatArray, FloatArray]:
    """One thread's futures: first counts, and score sums, minima, largest regrets."""
    anchor, divisor, shift = form
    n, m = normalized.shape
    k = weights_t.shape[1]
    per_tile = max(1, FLOOR_TILE // (n * k))
    firsts = np.zeros((len(cells), n), dtype=np.int64)
    sums = np.zeros((n, k))
    minimum = np.full((n, k), np.inf)
    regret = np.zeros((n, k))
    for start in range(0, len(cells), per_tile):
        drawn = cells[start : start + per_tile]
        t = len(drawn)
        tile = np.broadcast_to(normalized, (t, n, m)).copy()
        flat = tile.reshape(t, n * m)
        flat[:, positions] = (drawn - anchor[columns]) / divisor[columns] + shift[columns]
        scores = (tile.reshape(t * n, m) @ weights_t).reshape(t, n, k)
        best = scores.max(axis=1)
        # Equal to the best, rather than argmax along the options (several times slower
        # along a middle axis); with continuous draws only the best is equal to it.
        firsts[start : start + t] = np.count_nonzero(scores == best[:, None, :], axis=2)
        sums += scores.sum(axis=0)
        np.minimum(minimum, scores.min(axis=0), out=minimum)
        np.subtract(best[:, None, :], scores, out=scores)
        np.maximum(regret, scores.max(axis=0), out=regret)
    return firsts, sums, minimum, regret


def ensemble_floor(
    a: pb.Assessment,
    cells: dict[tuple[str, str], Any],
    futures: int,
    weightings: int,
    seed: int,
    threads: int,
    given: tuple[FloatArray, FloatArray] | None = None,
) -> dict[str, Any]:
    """The floor: first counts per future and robust shares per rule; ``given`` = (cells, W)."""
    m = a.n_criteria
    keys = list(cells)
    positions = np.array([a.option_index(o) * m + a.criterion_index(c) for o, c in keys])
    columns = positions % m
    if given is None:
        rng = np.random.default_rng(seed)
        low = np.array([d.low for d in cells.values()])
        high = np.array([d.high for d in cells.values()])
        drawn = rng.uniform(low, high, (futures, len(keys)))
        weights = rng.standard_exponential((weightings, m))
        weights /= weights.sum(axis=1, keepdims=True)
    else:
        drawn, weights = given
    form = _form(a)
    anchor, divisor, shift = form
    normalized = (a.scores - anchor) / divisor + shift
    weights_t = np.ascontiguousarray(weights.T)
    bounds = np.linspace(0, len(drawn), threads + 1).astype(int)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        parts = list(
            pool.map(
                lambda i: _floor_part(
                    normalized,
                    positions,
                    columns,
                    form,
                    drawn[bounds[i] : bounds[i + 1]],
                    weights_t,
                ),
                range(threads),
            )
        )
    firsts = np.concatenate([p[0] for p in parts])
    sums = sum(p[1] for p in parts)
    minimum = np.minimum.reduce([p[2] for p in parts])
    regret = np.maximum.reduce([p[3] for p in parts])
    n = a.n_options
    robust = {
        rule: np.bincount(values.argmax(axis=0), minlength=n) / len(weights)
        for rule, values in (
            ("expected", sums / len(drawn)),
            ("maximin", minimum),
            ("minimax_regret", -regret),
        )
    }
    return {"firsts": firsts, "robust": robust}


# -- timing, checking, memory -------------------------------------------------------------


def _blas_one() -> Any:
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def run_ours(a: pb.Assessment, futures: int, weightings: int, seed: int) -> pb.scenarios.Ensemble:
    return pb.scenarios.ensemble(
        a,
        futures=futures,
        weight_information=pb.sensitivity.UniformWeights(),
        weightings=weightings,
        seed=seed,
    )


def check(a: pb.Assessment, seed: int, weightings: int) -> list[str]:
    """Failures (empty if none): the floor on powerbalance's draws must count the same."""
    ours = run_ours(a, CHECKED, weightings, seed)
    weights = pb.sensitivity.UniformWeights().sample(a, samples=weightings, seed=seed).to_numpy()
    cells = pb.scenarios.span_cells(a)
    with _blas_one():
        floor = ensemble_floor(
            a, cells, CHECKED, weightings, seed, 2, given=(ours.cell_values, weights)
        )
    failures = []
    if not np.array_equal(floor["firsts"], ours.first_counts):
        wrong = int((floor["firsts"] != ours.first_counts).any(axis=1).sum())
        failures.append(f"first-place counts differ in {wrong} of {CHECKED} futures")
    for rule, shares in floor["robust"].items():
        gap = float(np.abs(shares - ours.robust[rule].to_numpy()).max())
        if gap > 1.0 / weightings:
            failures.append(f"robust shares by {rule} differ by up to {gap:.4f}")
    return failures


def timings(
    a: pb.Assessment, futures: int, weightings: int, seed: int, repeats: int
) -> dict[str, list[float]]:
    threads = os.cpu_count() or 1
    cells = pb.scenarios.span_cells(a)
    contenders = {
        "powerbalance": lambda: run_ours(a, futures, weightings, seed),
        "floor": lambda: ensemble_floor(a, cells, futures, weightings, seed, threads),
    }
    # Warm-up on a small size (imports, allocator, BLAS), then round-robin repeats.
    run_ours(a, 100, 100, seed)
    with _blas_one():
        ensemble_floor(a, cells, 100, 100, seed, threads)
    found: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, thunk in contenders.items():
            gc.collect()
            start = time.perf_counter()
            if name == "floor":
                with _blas_one():
                    thunk()
            else:
                thunk()
            found[name].append(time.perf_counter() - start)
            print(f"[ensemble] {name}: {found[name][-1]:.2f} s", file=sys.stderr, flush=True)
    return found


def _rss_now() -> int:
    """The resident size now (Linux), else the lifetime peak as the best there is."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize()
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def memory_child(futures: int, weightings: int, seed: int, mode: str) -> int:
    """Run the ensemble once in this (fresh) process; print its peak memory as JSON.

    ``mode`` "rss" samples the resident size every 5 ms on a thread of its own (the
    process's lifetime peak, ``ru_maxrss``, may predate the call).
    """
    a = pb.examples.load(STUDY).assessment
    run_ours(a, 50, 50, seed)  # imports and first-use caches are not counted
    gc.collect()
    before = _rss_now()
    highest = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.005):
            highest[0] = max(highest[0], _rss_now())

    sampler = threading.Thread(target=sample, daemon=True)
    if mode == "tracemalloc":
        tracemalloc.start()
    else:
        sampler.start()
    start = time.perf_counter()
    run_ours(a, futures, weightings, seed)
    seconds = time.perf_counter() - start
    if mode == "tracemalloc":
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    else:
        done.set()
        sampler.join()
        peak = max(highest[0], _rss_now()) - before
    print(json.dumps({"peak": peak, "seconds": seconds}))
    return 0


def memory(futures: int, weightings: int, seed: int) -> dict[tuple[int, str], dict[str, float]]:
    found = {}
    for count in (futures, 2 * futures):
        for mode in ("tracemalloc", "rss"):
            print(f"[ensemble memory] {count:,} futures, {mode} ...", file=sys.stderr, flush=True)
            command = [sys.executable, __file__, "--memory-child", mode]
            command += ["--futures", str(count), "--weightings", str(weightings)]
            done = subprocess.run(
                [*command, "--seed", str(seed)], capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                raise RuntimeError(f"memory child failed: {done.stderr[-500:]}")
            found[(count, mode)] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


# -- the report ---------------------------------------------------------------------------


def run(futures: int, weightings: int, seed: int, repeats: int) -> tuple[str, list[dict[str, Any]]]:
    """Time, check and measure; the report's text and its verdict rows."""
    started = time.perf_counter()
    a = pb.examples.load(STUDY).assessment
    failures = check(a, seed, min(weightings, 2_000))
    times = timings(a, futures, weightings, seed, repeats)
    peaks = memory(futures, weightings, seed)
    ours = float(np.median(times["powerbalance"]))
    floor = float(np.median(times["floor"]))
    size = f"{futures:,} futures x {weightings:,} weightings"
    threads = os.cpu_count() or 1
    lines = [
        f"The built-in example ({a.n_options} options x {a.n_criteria} criteria, "
        f"{len(pb.scenarios.span_cells(a))} cells from span_cells), {size}, weighted sum, "
        f"uniform weightings; medians of {repeats} calls, {threads} threads each.",
        "",
        "| contender | median (s) | ratio to floor |",
        "|---|---:|---:|",
        f"| `pb.scenarios.ensemble` | {ours:.2f} | {ours / floor:.2f}× |",
        f"| floor (plain numpy, {threads} threads) | {floor:.2f} | 1.00× |",
        "",
        "Peak memory of `pb.scenarios.ensemble` (each in a fresh process):",
        "",
        "| futures | tracemalloc peak (MiB) | resident peak above start (MiB) | time (s) |",
        "|---:|---:|---:|---:|",
    ]
    for count in (futures, 2 * futures):
        traced, resident = peaks[(count, "tracemalloc")], peaks[(count, "rss")]
        lines.append(
            f"| {count:,} | {traced['peak'] / 2**20:.1f} | {resident['peak'] / 2**20:.1f} "
            f"| {resident['seconds']:.1f} |"
        )
    growth = peaks[(2 * futures, "tracemalloc")]["peak"] / peaks[(futures, "tracemalloc")]["peak"]
    lines += [
        "",
        f"Doubling the futures multiplies the tracemalloc peak by {growth:.2f} (the "
        f"per-future results are {futures * 25 * 8 / 2**20:.1f} MiB per {futures:,} futures).",
        "",
        "Check on powerbalance's own draws (first "
        + f"{CHECKED} futures): "
        + (
            "; ".join(failures)
            if failures
            else "the floor's first-place counts and robust choices equal powerbalance's."
        ),
        "",
        f"Whole part {time.perf_counter() - started:.0f} s.",
    ]
    rows: list[dict[str, Any]] = [
        {
            "target": f"ensemble under {TARGET_SECONDS:g} s on {threads} cores",
            "size": size,
            "case": "weighted sum",
            "value": f"{ours:.1f} s ({ours / floor:.2f}× the floor)",
            "met": ours < TARGET_SECONDS,
        },
        {
            "target": f"ensemble memory flat (2x futures < {FLAT_FACTOR:g}x peak)",
            "size": size,
            "case": "weighted sum",
            "value": f"{growth:.2f}×",
            "met": growth < FLAT_FACTOR,
        },
        {
            "target": "ensemble agrees with the floor",
            "size": f"{CHECKED} futures",
            "case": "weighted sum",
            "value": "; ".join(failures),
            "met": not failures,
        },
    ]
    return "\n".join(lines), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK[0]:,} x {QUICK[1]:,}")
    parser.add_argument("--futures", type=int)
    parser.add_argument("--weightings", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--memory-child", choices=("tracemalloc", "rss"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    futures, weightings = QUICK if args.quick else DEFAULT
    futures = args.futures or futures
    weightings = args.weightings or weightings
    if args.memory_child:
        return memory_child(futures, weightings, args.seed, args.memory_child)
    info = machine.describe()
    text, rows = run(futures, weightings, args.seed, args.repeats)
    print(f"Machine: {json.dumps(info)}\n")
    print(text)
    for row in rows:
        print(
            f"- {row['target']} ({row['size']}): {row['value']}: "
            + ("met" if row["met"] else "missed")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
