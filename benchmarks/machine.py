"""What the figures of a benchmark run depend on: the machine, its load and the versions.

Every benchmark records the same things, from here: the CPU model and core count, the
BLAS numpy was built with and the threads it runs, the load average, the versions of
Python, numpy, pandas and powerbalance (and of the peer libraries, when asked), the
commit and the date.
"""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

import powerbalance as pb

ROOT = Path(__file__).resolve().parent.parent


def describe(libraries: Iterable[str] = ()) -> dict[str, str]:
    """CPU, cores, BLAS, load, versions, commit and date, with the peers' versions too.

    ``libraries`` are peer names of ``peers.LIBRARIES``; each is recorded with its
    installed version, or ``"not installed"``.
    """
    info = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu(),
        "cores": str(os.cpu_count()),
        "blas": blas(),
        "load (1, 5, 15 min)": load(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "powerbalance": pb.__version__,
        "commit": commit(),
    }
    libraries = list(libraries)
    if libraries:
        import peers

        for library in libraries:
            info[library] = peers.version(library) or "not installed"
    return info


def cpu() -> str:
    """The CPU's model name (from /proc/cpuinfo where there is one)."""
    name = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return name


def blas() -> str:
    """The BLAS numpy was built with, and what threadpoolctl sees at run time."""
    parts = []
    try:
        config = np.show_config(mode="dicts")  # type: ignore[call-arg]
        built = config["Build Dependencies"]["blas"]
        parts.append(f"numpy built with {built.get('name')} {built.get('version', '')}".strip())
    except Exception:
        pass
    try:
        from threadpoolctl import threadpool_info

        for pool in threadpool_info():
            if pool.get("user_api") == "blas":
                parts.append(
                    f"{pool.get('internal_api')} {pool.get('version')} "
                    f"({pool.get('architecture', '?')}, {pool.get('num_threads')} threads)"
                )
    except ImportError:
        parts.append("threadpoolctl not installed")
    return "; ".join(parts) or "unknown"


def load() -> str:
    """The load average over 1, 5 and 15 minutes."""
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except (OSError, AttributeError):  # no load average on this system
        return "unknown"


def commit() -> str:
    """The commit benchmarked, and whether the tree had uncommitted changes."""
    head = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    return (head or "unknown") + (" with uncommitted changes" if dirty else "")


def _git(*arguments: str) -> str:
    try:
        done = subprocess.run(
            ["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()
