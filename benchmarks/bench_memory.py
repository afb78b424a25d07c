"""Measure each loader's peak memory per megabyte of the file it reads.

Run from the repository root (not part of the test suite)::

    python benchmarks/bench_memory.py                          # 2, 5 and 20 MB files
    python benchmarks/bench_memory.py --sizes 1,5 --formats wide.csv,toml
    python benchmarks/bench_memory.py --markdown benchmarks/results.md

For every format (CSV in the wide and the long layout, TOML, JSON, Excel, XMCDA) it
writes a seeded random study (options x 40 criteria, scores with three decimals) of
about each size, then loads it with ``pb.io.load`` in a fresh Python process, twice:

- **RSS**: the process's peak resident size during the load minus its resident size
  just before, after importing powerbalance and loading a tiny file of the same format
  (so that the modules a loader imports are not counted). On Linux the peak is reset
  before the load (``/proc/self/clear_refs``) and read from ``VmHWM``; elsewhere it is
  ``ru_maxrss`` over the peak so far, which the imports' own peak can hide;
- **traced**: the peak of Python's own allocations during the load, from
  ``tracemalloc`` (slower; what the tests bound).

Both are given per byte of the file (``peak / file``): 10x means a 5 MB file takes
about 50 MB to load. The Excel file is compressed, so its multiple is of the
compressed size. Each result is checked to have the study's number of options. Files
are read with ``max_bytes`` raised, as an 8 MB workbook unpacks past the default limit.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

import machine
import numpy as np
import pandas as pd

import powerbalance as pb

#: Each format: file name and layout.
FORMATS = {
    "wide.csv": ("study.csv", "wide"),
    "long.csv": ("study.csv", "long"),
    "toml": ("study.toml", "wide"),
    "json": ("study.json", "wide"),
    "xlsx": ("study.xlsx", "wide"),
    "xml": ("study.xml", "wide"),
}
CRITERIA = 40

_CHILD = r"""
import json, resource, sys, time, tracemalloc, warnings
import powerbalance as pb
path, tiny, mode = sys.argv[1:4]
warnings.simplefilter("ignore")
pb.io.load(tiny)


def status(field):
    # A field of /proc/self/status in KiB (Linux), or None.
    try:
        with open("/proc/self/status") as stream:
            for line in stream:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


# Linux: reset the peak resident size to the current one, so that the imports' own
# peak cannot hide the load's; elsewhere the peak so far is the baseline.
try:
    with open("/proc/self/clear_refs", "w") as stream:
        stream.write("5")
    base = status("VmRSS")
except OSError:
    base = None
if base is None:
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if mode == "traced":
    tracemalloc.start()
start = time.perf_counter()
a = pb.io.load(path, max_bytes=1 << 40)  # sizes past the default limit too
seconds = time.perf_counter() - start
if mode == "traced":
    peak = tracemalloc.get_traced_memory()[1]
else:
    high = status("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak = (high - base) * (1 if sys.platform == "darwin" else 1024)
print(json.dumps({"peak": peak, "seconds": seconds, "options": a.n_options}))
"""


def study(n_options: int, seed: int = 0) -> pb.Assessment:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        rng.uniform(0, 10, size=(n_options, CRITERIA)).round(3),
        index=[f"option {i}" for i in range(n_options)],
        columns=[f"criterion {j}" for j in range(CRITERIA)],
    )
    criteria = [
        pb.Criterion(name, area=f"area {j % 5}", kind="benefit", scale=(0, 10))
        for j, name in enumerate(frame.columns)
    ]
    return pb.Assessment.from_frame(frame, criteria)


def write(a: pb.Assessment, folder: Path, kind: str) -> Path:
    name, layout = FORMATS[kind]
    path = folder / name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # what a format leaves out is not measured here
        pb.io.save(a, path, layout=layout)  # type: ignore[arg-type]
    return path


def measure(path: Path, tiny: Path, mode: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(tiny), mode],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"loading {path} failed:\n{done.stderr}")
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def run(sizes: Sequence[float], kinds: Sequence[str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for kind in kinds:
            (base / "tiny").mkdir(exist_ok=True)
            tiny = write(study(5), base / "tiny", kind)
            # Bytes per option, from a sample, to size each file.
            (base / "sample").mkdir(exist_ok=True)
            per_option = write(study(500), base / "sample", kind).stat().st_size / 500
            for megabytes in sizes:
                n = max(10, round(megabytes * 1e6 / per_option))
                (base / "full").mkdir(exist_ok=True)
                path = write(study(n), base / "full", kind)
                size = path.stat().st_size
                rss = measure(path, tiny, "rss")
                traced = measure(path, tiny, "traced")
                assert rss["options"] == traced["options"] == n
                rows.append(
                    {
                        "format": kind,
                        "options": n,
                        "file_mb": size / 1e6,
                        "rss_mb": rss["peak"] / 1e6,
                        "rss_ratio": rss["peak"] / size,
                        "traced_ratio": traced["peak"] / size,
                        "seconds": rss["seconds"],
                    }
                )
                print(
                    f"{kind:9s} {size / 1e6:7.1f} MB  rss {rss['peak'] / size:5.1f}x  "
                    f"traced {traced['peak'] / size:5.1f}x  {rss['seconds']:.2f} s",
                    file=sys.stderr,
                )
    return rows


def render(rows: list[dict[str, object]], elapsed: float) -> str:
    info = machine.describe()
    lines = [
        f"Memory run {info['date']} on {info['cores']} cores ({info['cpu']}), "
        f"{info['platform']}, Python {info['python']}; powerbalance {info['powerbalance']}. "
        f"Studies of n options x {CRITERIA} criteria; each file loaded in a fresh process. "
        f"Whole run: {elapsed / 60:.1f} min.",
        "",
        "`RSS / file`: peak resident size during the load minus the resident size before it "
        "(powerbalance imported, a tiny file of the format read), per byte of the file. "
        "`traced / file`: "
        "tracemalloc's peak during the load, per byte. The Excel file is compressed.",
        "",
        "| format | options | file (MB) | peak RSS (MB) | RSS / file | traced / file | load (s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['format']} | {row['options']:,} | {row['file_mb']:.1f} | "
            f"{row['rss_mb']:.0f} | {row['rss_ratio']:.1f}× | {row['traced_ratio']:.1f}× | "
            f"{row['seconds']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2,5,20", help="file sizes in MB, comma-separated")
    parser.add_argument(
        "--formats", default=",".join(FORMATS), help=f"some of {', '.join(FORMATS)}"
    )
    parser.add_argument("--markdown", type=Path, help="append the table to this file")
    args = parser.parse_args(argv)
    sizes = [float(text) for text in args.sizes.split(",")]
    kinds = [text.strip() for text in args.formats.split(",")]
    unknown = [kind for kind in kinds if kind not in FORMATS]
    if unknown:
        parser.error(f"unknown formats {unknown}; choose from {', '.join(FORMATS)}")
    start = time.perf_counter()
    rows = run(sizes, kinds)
    table = render(rows, time.perf_counter() - start)
    print(table)
    if args.markdown is not None:
        with args.markdown.open("a", encoding="utf-8") as stream:
            stream.write("\n## Loader memory\n\n" + table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
