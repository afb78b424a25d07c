"""Every package of a small problem, tried one by one: the floor the solver is checked against."""

from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt

import powerbalance as pb


def packages(problem: pb.portfolio.Problem) -> npt.NDArray[np.bool_]:
    """Every feasible package, one boolean row each (an option per column)."""
    arrays = problem.arrays
    n = arrays.n_options
    masks = np.array(list(itertools.product([False, True], repeat=n)), dtype=bool).reshape(-1, n)
    used = masks.astype(float) @ arrays.costs
    keep = (used <= arrays.limits + 1e-9).all(axis=1) & (used >= arrays.floors - 1e-9).all(axis=1)
    for group in arrays.exclusions:
        keep &= masks[:, list(group)].sum(axis=1) <= 1
    for option, needed in arrays.requires:
        keep &= ~masks[:, option] | masks[:, needed]
    size = masks.sum(axis=1)
    keep &= (size >= arrays.min_size) & (size <= arrays.max_size)
    return masks[keep]


def values(
    problem: pb.portfolio.Problem, option_values: npt.ArrayLike, masks: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """The value of each package: its options' values plus its synergies."""
    arrays = problem.arrays
    total = masks.astype(float) @ np.asarray(option_values, dtype=float)
    for group, value in zip(arrays.synergies, arrays.synergy_values, strict=True):
        total += value * masks[:, list(group)].all(axis=1)
    return np.asarray(total, dtype=np.float64)


def efficient(
    costs: npt.NDArray[np.float64], worth: npt.NDArray[np.float64]
) -> list[tuple[float, float]]:
    """The (cost, value) levels no cheaper-or-equal package matches in value, cheapest first."""
    found: list[tuple[float, float]] = []
    best = -np.inf
    for cost in np.unique(costs):
        top = float(worth[costs <= cost].max())
        if top > best + 1e-9:
            found.append((float(cost), top))
            best = top
    return found
