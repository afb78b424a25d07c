"""Benchmark ``pb.portfolio.optimize`` against the solver alone and against brute force.

Run from the repository root (not part of the test suite)::

    python benchmarks/bench_portfolio.py            # 200 candidates, and 20 by brute force
    python benchmarks/bench_portfolio.py --quick    # fewer repeats

The problems are seeded: every candidate is scored on five benefit criteria (uniform
in [0, 10)) and costs uniform in [1, 10) in each of three resources, each budget a
third of what all the candidates together would cost. Interactions: at 200
candidates 50 of them (30 synergies of two or three options, half of them negative,
10 exclusions of two options and 10 prerequisites, each on an earlier option, so no
cycle), at 20 candidates 10 (6 synergies, 2 exclusions, 2 prerequisites).

What is timed, on the same problem:

- powerbalance: ``pb.portfolio.optimize(problem, weighting=weights)`` on a prebuilt
  ``Problem`` (the weights fixed): the options' values from the weighted sum, the
  mixed-integer program built and solved by HiGHS, the package made (what it would
  take to include the best option left out is lazy and not computed).
- the floor: the solver alone, one ``scipy.optimize.milp`` call built by hand with the
  same matrices (the options' values computed before the timing, synergies linearized
  the same way), and nothing else.
- brute force (20 candidates only): every one of the 2^20 packages scored at once with
  numpy (a bit matrix times the costs and values, each constraint a mask), the best
  feasible one taken.

Times are medians of ``--repeats`` timed calls after one warm-up, taken round-robin.
The ratios matter more than the absolute times, which depend on the machine (recorded
at the top). Correctness is checked in the same run: the value of powerbalance's
package must equal the floor's and, at 20 candidates, brute force's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

sys.path.insert(0, str(Path(__file__).resolve().parent))

import machine

import powerbalance as pb

#: (candidates, resources, synergies, exclusions, prerequisites)
LARGE = (200, 3, 30, 10, 10)
SMALL = (20, 3, 6, 2, 2)
CRITERIA = 5


@dataclass
class Case:
    """A seeded package problem, as powerbalance takes it and as plain arrays."""

    problem: pb.portfolio.Problem
    weights: pb.Weights
    values: np.ndarray  # each option's value under the weights (the floor's input)
    costs: np.ndarray  # (n, resources)
    limits: np.ndarray
    synergies: list[tuple[tuple[int, ...], float]]
    exclusions: list[tuple[int, int]]
    requires: list[tuple[int, int]]  # (option, prerequisite)

    @property
    def label(self) -> str:
        n, r = self.costs.shape
        count = len(self.synergies) + len(self.exclusions) + len(self.requires)
        return f"{n} candidates, {r} resources, {count} interactions"


def make_case(
    n: int, resources: int, synergies: int, exclusions: int, requires: int, seed: int
) -> Case:
    rng = np.random.default_rng(seed)
    names = [f"Option {i}" for i in range(n)]
    criteria = [
        pb.Criterion(f"Gain {j}", area="Economic", kind="benefit", scale=(0, 10))
        for j in range(CRITERIA)
    ]
    scores = rng.uniform(0, 10, size=(n, CRITERIA))
    a = pb.Assessment(names, criteria, scores)
    weights = pb.Weights(a.criterion_names, rng.dirichlet(np.ones(CRITERIA)))
    costs = rng.uniform(1, 10, size=(n, resources))
    limits = costs.sum(axis=0) / 3
    pairs: set[tuple[int, ...]] = set()
    found_synergies: list[tuple[tuple[int, ...], float]] = []
    while len(found_synergies) < synergies:
        size = 2 if rng.random() < 0.7 else 3
        members = tuple(sorted(int(i) for i in rng.choice(n, size=size, replace=False)))
        if members in pairs:
            continue
        pairs.add(members)
        sign = 1.0 if len(found_synergies) % 2 == 0 else -1.0
        found_synergies.append((members, sign * float(rng.uniform(0.02, 0.2))))
    used = {i for members in pairs for i in members}
    free = [i for i in rng.permutation(n) if int(i) not in used]
    found_exclusions = [(int(free[2 * k]), int(free[2 * k + 1])) for k in range(exclusions)]
    found_requires = []
    for k in range(requires):
        option = int(free[2 * exclusions + k])
        prerequisite = int(rng.integers(0, option)) if option > 0 else 1
        found_requires.append((option, prerequisite))
    resource_names = [f"Resource {r}" for r in range(resources)]
    problem = pb.portfolio.Problem(
        a,
        costs={
            names[i]: {resource_names[r]: float(costs[i, r]) for r in range(resources)}
            for i in range(n)
        },
        budget={resource_names[r]: float(limits[r]) for r in range(resources)},
        synergies=[
            pb.portfolio.Synergy(tuple(names[i] for i in members), value)
            for members, value in found_synergies
        ],
        exclusions=[(names[i], names[j]) for i, j in found_exclusions],
        requires={names[i]: names[p] for i, p in found_requires},
    )
    values = np.asarray(pb.evaluate(a, weighting=weights).scores, dtype=np.float64)
    return Case(
        problem,
        weights,
        values,
        costs,
        limits,
        found_synergies,
        found_exclusions,
        found_requires,
    )


# -- the floor: one milp call built by hand -----------------------------------------------


def floor_matrices(case: Case) -> dict[str, Any]:
    """The mixed-integer program of ``case``, as plain arrays (built outside the timing)."""
    n = len(case.values)
    s = len(case.synergies)
    rows, low, high = [], [], []
    for r in range(case.costs.shape[1]):
        rows.append(np.concatenate([case.costs[:, r], np.zeros(s)]))
        low.append(-np.inf)
        high.append(case.limits[r])
    for i, j in case.exclusions:
        row = np.zeros(n + s)
        row[[i, j]] = 1.0
        rows.append(row)
        low.append(-np.inf)
        high.append(1.0)
    for option, prerequisite in case.requires:
        row = np.zeros(n + s)
        row[option], row[prerequisite] = 1.0, -1.0
        rows.append(row)
        low.append(-np.inf)
        high.append(0.0)
    for k, (members, value) in enumerate(case.synergies):
        if value > 0:
            for i in members:
                row = np.zeros(n + s)
                row[n + k], row[i] = 1.0, -1.0
                rows.append(row)
                low.append(-np.inf)
                high.append(0.0)
        else:
            row = np.zeros(n + s)
            row[n + k] = 1.0
            row[list(members)] = -1.0
            rows.append(row)
            low.append(1.0 - len(members))
            high.append(np.inf)
    gain = np.concatenate([case.values, [value for _, value in case.synergies]])
    return {
        "c": -gain,
        "integrality": np.concatenate([np.ones(n), np.zeros(s)]),
        "bounds": Bounds(np.zeros(n + s), np.ones(n + s)),
        "constraints": [LinearConstraint(np.vstack(rows), np.array(low), np.array(high))],
        "gain": gain,
        "n": n,
    }


def floor_solve(matrices: dict[str, Any]) -> float:
    """The solver alone: the best package's value."""
    result = milp(
        matrices["c"],
        integrality=matrices["integrality"],
        bounds=matrices["bounds"],
        constraints=matrices["constraints"],
        options={"mip_rel_gap": 0.0},
    )
    return float(-result.fun)


# -- brute force ----------------------------------------------------------------------------


def brute_force(case: Case) -> float:
    """The best package's value, every package of the candidates scored at once."""
    n = len(case.values)
    codes = np.arange(2**n, dtype=np.int64)
    bits = ((codes[:, None] >> np.arange(n)) & 1).astype(bool)
    ones = bits.astype(np.float64)
    feasible = np.all(ones @ case.costs <= case.limits + 1e-9, axis=1)
    for i, j in case.exclusions:
        feasible &= ~(bits[:, i] & bits[:, j])
    for option, prerequisite in case.requires:
        feasible &= ~bits[:, option] | bits[:, prerequisite]
    value = ones @ case.values
    for members, gain in case.synergies:
        value += gain * np.all(bits[:, list(members)], axis=1)
    return float(value[feasible].max())


# -- timing -------------------------------------------------------------------------------


def measure(contenders: dict[str, Callable[[], float]], repeats: int) -> dict[str, list[float]]:
    """Seconds of each call, round-robin after one warm-up each."""
    for call in contenders.values():
        call()
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, call in contenders.items():
            start = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - start)
    return times


def run(seed: int, repeats: int) -> tuple[str, list[dict[str, Any]]]:
    """Time and check both sizes; the report's text and its verdict rows."""
    started = time.perf_counter()
    lines: list[str] = []
    rows: list[dict[str, Any]] = []
    for sizes, brute in ((LARGE, False), (SMALL, True)):
        case = make_case(*sizes, seed=seed)
        matrices = floor_matrices(case)

        def ours(case: Case = case) -> float:
            return pb.portfolio.optimize(case.problem, weighting=case.weights).value

        contenders: dict[str, Callable[[], float]] = {
            "`pb.portfolio.optimize`": ours,
            "floor: one `milp` call built by hand": lambda m=matrices: floor_solve(m),
        }
        if brute:
            contenders[f"brute force, all {2 ** len(case.values):,} packages"] = lambda c=case: (
                brute_force(c)
            )
        answers = {name: call() for name, call in contenders.items()}
        times = measure(contenders, repeats)
        floor_time = float(np.median(times["floor: one `milp` call built by hand"]))
        ours_time = float(np.median(times["`pb.portfolio.optimize`"]))
        lines += [
            f"{case.label}: medians of {repeats} calls.",
            "",
            "| contender | median (ms) | ratio to the floor | pb / contender |",
            "|---|---:|---:|---:|",
        ]
        for name, spent in times.items():
            median = float(np.median(spent))
            lines.append(
                f"| {name} | {median * 1e3:,.1f} | {median / floor_time:.2f}× | "
                f"{ours_time / median:.2f}× |"
            )
        reference = answers["floor: one `milp` call built by hand"]
        agree = all(abs(value - reference) <= 1e-7 for value in answers.values())
        lines += [
            "",
            "Values of the best package: "
            + ", ".join(f"{name} {value:.9f}" for name, value in answers.items())
            + (" (equal)." if agree else " (**differ**)."),
            "",
        ]
        rows.append(
            {
                "target": "optimize's package as good as the solver's (and brute force's)",
                "size": case.label,
                "case": "weighted sum",
                "value": f"{ours_time * 1e3:,.1f} ms, {ours_time / floor_time:.2f}× the floor",
                "met": agree,
            }
        )
    lines.append(f"Whole part {time.perf_counter() - started:.0f} s.")
    return "\n".join(lines), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 repeats instead of 10")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int)
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 10)
    warnings.simplefilter("ignore")
    info = machine.describe()
    text, rows = run(args.seed, repeats)
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
