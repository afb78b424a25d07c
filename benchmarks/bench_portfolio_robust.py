"""Benchmark ``pb.portfolio.robust``: the exact non-dominated packages under ordinal weights.

Run from the repository root (not part of the test suite)::

    python benchmarks/bench_portfolio_robust.py            # 20 and 30 candidates
    python benchmarks/bench_portfolio_robust.py --quick    # fewer repeats

The problems are seeded: every candidate is scored on five benefit criteria (uniform
in [0, 10)), costs uniform in [1, 10) in one resource whose budget is a third of what
all the candidates together would cost; the weights are known only by their order
(``OrdinalWeights``, five extreme weightings).

What is timed, on the same problem:

- powerbalance: ``pb.portfolio.robust(problem, weight_information=...)`` on a prebuilt
  ``Problem``: the extreme weightings, the options' values at them, the best packages
  at a few weightings (HiGHS) to prune with, and the dynamic programme over the
  options with dominance pruning (Liesiö, Mild and Salo 2007).
- the floor at 20 candidates: brute force in plain numpy, every one of the 2^20
  packages scored at the five extreme weightings at once, the feasible ones kept,
  and the non-dominated ones found by a skyline pass (packages by total value,
  each block compared with the packages kept so far and with itself).
- the floor at 30 candidates: brute force would score 2^30 (about a billion)
  packages, a thousand times the work at 20; the floor there is the least any exact
  method must do, one ``milp`` call per extreme weighting (the best package at each
  is non-dominated), and the brute force time is given as an estimate (1,024 times
  the time at 20), not run.

Times are medians of ``--repeats`` timed calls after one warm-up. The packages found
are checked against the brute force's at 20, and at 30 checked to contain the best
package at each extreme weighting.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

sys.path.insert(0, str(Path(__file__).resolve().parent))

import machine

import powerbalance as pb

CRITERIA = 5
SIZES = (20, 30)
#: Packages scored at once by the brute force.
_BLOCK = 1 << 16


def make_problem(n: int, seed: int) -> tuple[pb.portfolio.Problem, Any]:
    rng = np.random.default_rng(seed)
    names = [f"Option {i}" for i in range(n)]
    criteria = [
        pb.Criterion(f"Gain {j}", area="Economic", kind="benefit", scale=(0, 10))
        for j in range(CRITERIA)
    ]
    a = pb.Assessment(names, criteria, rng.uniform(0, 10, size=(n, CRITERIA)))
    costs = rng.uniform(1, 10, size=n)
    problem = pb.portfolio.Problem(
        a,
        costs={name: {"Money": float(c)} for name, c in zip(names, costs, strict=True)},
        budget={"Money": float(costs.sum() / 3)},
    )
    return problem, pb.sensitivity.OrdinalWeights(list(a.criterion_names))


def corner_values(problem: pb.portfolio.Problem) -> tuple[np.ndarray, np.ndarray]:
    """Each option's value at the corners of the ordinal weights, and the costs."""
    scores = problem.assessment.scores / 10.0  # min-max on the scale 0 to 10
    m = scores.shape[1]
    corners = np.array([[1.0 / k if j < k else 0.0 for j in range(m)] for k in range(1, m + 1)])
    return scores @ corners.T, problem.arrays.costs[:, 0]


def brute_force(values: np.ndarray, costs: np.ndarray, limit: float) -> set[tuple[int, ...]]:
    """The non-dominated packages among all 2^n, in plain numpy."""
    n = len(costs)
    bits = np.arange(n)
    kept_values = []
    kept_numbers = []
    for start in range(0, 2**n, _BLOCK):
        numbers = np.arange(start, min(2**n, start + _BLOCK))
        masks = ((numbers[:, None] >> bits) & 1).astype(np.float64)
        fits = masks @ costs <= limit + 1e-9
        kept_values.append(masks[fits] @ values)
        kept_numbers.append(numbers[fits])
    worth = np.concatenate(kept_values)
    numbers = np.concatenate(kept_numbers)
    order = np.argsort(-worth.sum(axis=1), kind="stable")
    worth, numbers = worth[order], numbers[order]
    tol = 1e-9 * n
    front = np.zeros((0, worth.shape[1]))
    front_numbers: list[int] = []
    for start in range(0, len(worth), 4096):
        block = worth[start : start + 4096]
        rivals = np.concatenate([front, block])
        beaten = (
            (rivals[None] >= block[:, None] - tol).all(axis=2)
            & (rivals[None] > block[:, None] + tol).any(axis=2)
        ).any(axis=1)
        front = np.concatenate([front, block[~beaten]])
        front_numbers += numbers[start : start + 4096][~beaten].tolist()
    return {tuple(int(i) for i in bits if (number >> i) & 1) for number in front_numbers}


def best_at_corners(values: np.ndarray, costs: np.ndarray, limit: float) -> set[tuple[int, ...]]:
    """One plain ``milp`` per extreme weighting: the floor at 30 candidates."""
    found = set()
    n = len(costs)
    for k in range(values.shape[1]):
        result = milp(
            -values[:, k],
            integrality=np.ones(n),
            bounds=Bounds(0, 1),
            constraints=[LinearConstraint(costs[None, :], -np.inf, limit)],
            options={"mip_rel_gap": 0.0},
        )
        found.add(tuple(int(i) for i in np.flatnonzero(result.x > 0.5)))
    return found


def measure(contenders: dict[str, Callable[[], object]], repeats: int) -> dict[str, list[float]]:
    # Brute force takes about a minute a call: timed once, without a warm-up (its
    # answer was already taken once, which warmed the same code).
    for name, call in contenders.items():
        if "brute force" not in name:
            call()
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for round_ in range(repeats):
        for name, call in contenders.items():
            if round_ and "brute force" in name:
                continue
            start = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - start)
    return times


def run(seed: int, repeats: int) -> tuple[str, list[dict[str, Any]]]:
    """Time and check both sizes; the report's text and its verdict rows."""
    started = time.perf_counter()
    lines: list[str] = []
    rows: list[dict[str, Any]] = []
    brute_seconds = None
    for n in SIZES:
        problem, information = make_problem(n, seed)
        values, costs = corner_values(problem)
        limit = float(problem.arrays.limits[0])

        def ours(p: pb.portfolio.Problem = problem, w: Any = information) -> Any:
            return pb.portfolio.robust(p, weight_information=w)

        contenders: dict[str, Callable[[], object]] = {"`pb.portfolio.robust`": ours}
        if n <= 20:
            floor_name = f"floor: brute force over all {2**n:,} packages"
            contenders[floor_name] = lambda v=values, c=costs, b=limit: brute_force(v, c, b)
        else:
            floor_name = "floor: one `milp` per extreme weighting"
            contenders[floor_name] = lambda v=values, c=costs, b=limit: best_at_corners(v, c, b)
        found = ours()
        positions = {tuple(int(i) for i in np.flatnonzero(m)) for m in found.masks}
        reference = contenders[floor_name]()
        assert isinstance(reference, set)
        agree = positions == reference if n <= 20 else reference <= positions
        times = measure(contenders, repeats if n <= 20 else max(1, repeats // 2))
        ours_time = float(np.median(times["`pb.portfolio.robust`"]))
        floor_time = float(np.median(times[floor_name]))
        lines += [
            f"{n} candidates, one budget, ordinal weights on {CRITERIA} criteria: "
            f"{len(found.masks):,} non-dominated packages; medians of "
            f"{len(times['`pb.portfolio.robust`'])} calls (brute force: one).",
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
        if n <= 20:
            brute_seconds = floor_time
        elif brute_seconds is not None:
            estimate = brute_seconds * 2 ** (n - 20)
            lines.append(
                f"| brute force over all {2**n:,} packages (estimate, not run) | "
                f"{estimate * 1e3:,.0f} | {estimate / floor_time:,.0f}× | "
                f"{ours_time / estimate:.5f}× |"
            )
        lines += [
            "",
            (
                "Packages equal to brute force's."
                if n <= 20 and agree
                else "Every best package at an extreme weighting is among them."
                if agree
                else "**The packages differ from the floor's.**"
            ),
            "",
        ]
        rows.append(
            {
                "target": "robust's non-dominated packages exact",
                "size": f"{n} candidates",
                "case": "ordinal weights",
                "value": f"{ours_time * 1e3:,.1f} ms, {ours_time / floor_time:.2f}× the floor",
                "met": agree,
            }
        )
    lines.append(f"Whole part {time.perf_counter() - started:.0f} s.")
    return "\n".join(lines), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 repeats instead of 5")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int)
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 5)
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
