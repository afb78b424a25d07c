"""Benchmark building an Assessment, and importing powerbalance, against their floors.

Run from the repository root (not part of the test suite)::

    python benchmarks/bench_build.py                        # 100x10, 10000x50, 1000000x20
    python benchmarks/bench_build.py --sizes 100x10 --repeats 9 --imports 15

What is timed, on seeded random matrices and names ``"option 0"``, ``"option 1"``...:

- ``Assessment``: ``pb.Assessment(names, criteria, X)``. Floor: what any constructor
  must do, in plain numpy and Python: copy the matrix (``np.array(X, copy=True)``),
  check that it is real and finite (``np.isfinite(X).all()``), and check that the
  names are strings (one ``isinstance`` pass) and unique (``len(set(names))``).
- ``from_frame``: ``pb.Assessment.from_frame(frame, criteria)`` of the same scores as
  a DataFrame indexed by name. Floor: the same checks on ``frame.to_numpy(copy=True)``
  and ``frame.index.tolist()``.
- ``with_score``: one cell changed. Floor: one copy of the matrix.
- ``import``: ``import powerbalance`` after ``import numpy, pandas``, timed inside
  fresh interpreters (the median of several), minus nothing: the figure is what
  powerbalance adds. ``import + first use`` adds touching ``pb.Assessment`` and
  ``pb.evaluate``, which load the model, the methods and the weighting schemes.

Every contender is run once and its result checked (the scores equal the matrix)
before timing; contenders of a case are timed round-robin and the median reported.
Targets: an assessment within 3x of its floor at 1M x 20; the import at most 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import machine
import numpy as np
import pandas as pd

import powerbalance as pb

DEFAULT_SIZES = "100x10,10000x50,1000000x20"
#: (case, size or None for every size) -> the ratio or milliseconds the issue targets.
TARGET_RATIO = 3.0
TARGET_IMPORT_MS = 50.0


# -- the floors -------------------------------------------------------------------------


def floor_build(X: np.ndarray, names: Sequence[object]) -> np.ndarray:
    """Copy, check real and finite, check the names are unique strings."""
    scores = np.array(X, dtype=np.float64, copy=True)
    if X.dtype.kind not in "fiu" or not np.isfinite(scores).all():
        raise ValueError("not finite")
    if not all(isinstance(name, str) for name in names) or len(set(names)) != len(names):
        raise ValueError("names")
    return scores


def floor_frame(frame: pd.DataFrame) -> np.ndarray:
    return floor_build(frame.to_numpy(dtype=np.float64, copy=True), frame.index.tolist())


# -- timing -----------------------------------------------------------------------------


def timed(contenders: dict[str, Callable[[], Any]], repeats: int) -> dict[str, float]:
    """The median seconds of each contender, timed round-robin after one warm-up call."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for call in contenders.values():
        call()
    for _ in range(repeats):
        for name, call in contenders.items():
            gc.collect()
            started = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def build_rows(n: int, m: int, repeats: int, seed: int) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(1, 10, size=(n, m))
    names = [f"option {i}" for i in range(n)]
    criteria = [
        pb.Criterion(f"criterion {j}", area="Area", kind="risk" if j % 3 == 2 else "benefit")
        for j in range(m)
    ]
    frame = pd.DataFrame(X, index=names, columns=[c.name for c in criteria])
    built = pb.Assessment(names, criteria, X)
    changed = X.copy()
    changed[n // 2, m // 2] = 5.0

    # Every result checked before anything is timed.
    assert np.array_equal(built.scores, X)
    assert built.option_names == tuple(names)
    assert pb.Assessment.from_frame(frame, criteria) == built
    assert np.array_equal(
        built.with_score(names[n // 2], criteria[m // 2].name, 5.0).scores, changed
    )
    assert np.array_equal(floor_build(X, names), X)
    assert np.array_equal(floor_frame(frame), X)

    size = f"{n:,}x{m}"
    cases = {
        "Assessment": (
            lambda: pb.Assessment(names, criteria, X),
            lambda: floor_build(X, names),
        ),
        "from_frame": (
            lambda: pb.Assessment.from_frame(frame, criteria),
            lambda: floor_frame(frame),
        ),
        "with_score": (
            lambda: built.with_score(names[n // 2], criteria[m // 2].name, 5.0),
            lambda: X.copy(),
        ),
    }
    rows = []
    for case, (ours, floor) in cases.items():
        median = timed({"ours": ours, "floor": floor}, repeats)
        ratio = median["ours"] / median["floor"]
        rows.append(
            {
                "case": case,
                "size": size,
                "ours_ms": median["ours"] * 1e3,
                "floor_ms": median["floor"] * 1e3,
                "ratio": ratio,
                "target": f"<= {TARGET_RATIO:g}x" if n >= 1_000_000 else "",
                "met": (ratio <= TARGET_RATIO) if n >= 1_000_000 else None,
            }
        )
        print(f"[{size}] {case}: {rows[-1]['ours_ms']:.3f} ms, {ratio:.2f}x", file=sys.stderr)
    return rows


IMPORT_SCRIPT = """
import time
started = time.perf_counter()
import numpy, pandas
base = time.perf_counter()
import powerbalance as pb
imported = time.perf_counter()
pb.Assessment, pb.evaluate
used = time.perf_counter()
print(base - started, imported - base, used - base)
"""


def import_rows(runs: int) -> list[dict[str, Any]]:
    """The import, timed inside ``runs`` fresh interpreters."""
    samples = []
    for _ in range(runs):
        output = subprocess.run(
            [sys.executable, "-c", IMPORT_SCRIPT], capture_output=True, text=True, check=True
        ).stdout.split()
        samples.append([float(x) for x in output])
    base, imported, used = (
        statistics.median(column) * 1e3 for column in zip(*samples, strict=True)
    )
    return [
        {
            "case": "import powerbalance",
            "size": f"{runs} runs",
            "ours_ms": imported,
            "floor_ms": base,
            "ratio": None,
            "target": f"<= {TARGET_IMPORT_MS:g} ms over numpy+pandas",
            "met": imported <= TARGET_IMPORT_MS,
        },
        {
            "case": "import + first use",
            "size": f"{runs} runs",
            "ours_ms": used,
            "floor_ms": base,
            "ratio": None,
            "target": "(reported, no target)",
            "met": None,
        },
    ]


def table(rows: Sequence[dict[str, Any]], info: dict[str, str]) -> str:
    lines = [
        "## Building an assessment, and importing powerbalance",
        "",
        "; ".join(f"{key}: {value}" for key, value in info.items()),
        "",
        "| case | size | powerbalance (ms) | floor (ms) | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = "" if row["ratio"] is None else f"{row['ratio']:.2f}x"
        met = {True: "met", False: "missed", None: ""}[row["met"]]
        lines.append(
            f"| {row['case']} | {row['size']} | {row['ours_ms']:.3f} | {row['floor_ms']:.3f} "
            f"| {ratio} | {row['target']} | {met} |"
        )
    lines += [
        "",
        "Floors: copy + `np.isfinite(X).all()` + names are unique strings (`from_frame`: of "
        "`frame.to_numpy(copy=True)` and the index; `with_score`: one copy). For the "
        "imports the floor column is `import numpy, pandas` and the powerbalance column "
        "what powerbalance adds on top.",
    ]
    return "\n".join(lines)


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        n, _, m = part.strip().lower().replace("_", "").partition("x")
        sizes.append((int(n), int(m)))
    return sizes


def main(argv: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Run the benchmark, print its table, and return its rows."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"NxM,... (default {DEFAULT_SIZES})")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per contender")
    parser.add_argument("--imports", type=int, default=9, help="fresh interpreters to import in")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)

    info = machine.describe()
    rows: list[dict[str, Any]] = []
    for n, m in parse_sizes(args.sizes):
        rows += build_rows(
            n, m, args.repeats if n < 1_000_000 else max(3, args.repeats // 2), args.seed
        )
        gc.collect()
    if args.imports > 0:
        rows += import_rows(args.imports)
    text = table(rows, info)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n")
    return rows


if __name__ == "__main__":
    main()
