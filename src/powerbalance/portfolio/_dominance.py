"""Non-dominated packages, exactly: dynamic programming with pruning, or enumeration.

Package p dominates q when it is worth at least as much at every extreme weighting and
more at one. With budgets, minimums and size bounds only, partial packages over the first k
options are pruned as Liesiö, Mild and Salo (2007) prune them: a partial package that
another one dominates in value while using no more of any capped resource, delivering
no less of any resource with a minimum (and, with size bounds, holding a count that any
completion can equally meet) can only lead to
dominated packages, since the other one can be completed the same way. Interactions
(synergies, exclusions, prerequisites) break that argument; then every feasible
package is tried, block by block, up to a limit.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from powerbalance.portfolio._solve import TOLERANCE, Arrays

__all__ = [
    "by_enumeration",
    "by_programming",
    "non_dominated",
    "package_count",
    "package_values",
    "tolerance",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

#: Comparisons held at once (rows x rows x columns): 32 MiB of booleans.
_AT_ONCE = 1 << 25
#: Packages enumerated per block.
_BLOCK = 1 << 14
#: Rows of a block taken as its leaders for each extreme point.
_LEADERS = 16


def tolerance(values: FloatArray) -> float:
    """Differences of value at most this are ties: rounding, not preference.

    Examples
    --------
    >>> tolerance(np.array([[0.5, 2.0]]))
    2e-09
    """
    scale = float(np.abs(values).max(initial=0.0))
    return 1e-9 * max(1.0, scale)


def package_values(arrays: Arrays, extreme_values: FloatArray, masks: BoolArray) -> FloatArray:
    """Each package's value at each extreme weighting: packages x extreme points.

    ``extreme_values`` is options x extreme points.
    """
    values = masks.astype(np.float64) @ extreme_values
    for members, value in zip(arrays.synergies, arrays.synergy_values, strict=True):
        together = np.asarray(masks[:, list(members)].all(axis=1), dtype=np.float64)
        values += value * together[:, None]
    return np.asarray(values, dtype=np.float64)


def _beaten(
    values: FloatArray,
    rivals: FloatArray,
    tol: float,
    use: FloatArray | None = None,
    rival_use: FloatArray | None = None,
    size: npt.NDArray[np.int64] | None = None,
    rival_size: npt.NDArray[np.int64] | None = None,
    size_rule: int = 0,
) -> BoolArray:
    """Which rows of ``values`` some row of ``rivals`` dominates.

    With ``use``, the rival must also use no more of any resource; ``size_rule`` -1
    asks for a smaller-or-equal count, +1 larger-or-equal, 2 equal, 0 nothing.
    """
    out = np.zeros(len(values), dtype=bool)
    if not len(rivals) or not len(values):
        return out
    k = values.shape[1]
    # A rival worth at least as much at every extreme point has at least the total, less
    # the tolerance at each: rows taken from the highest total down compare only with
    # the rivals whose total reaches the block's lowest.
    rival_totals = rivals.sum(axis=1)
    rival_order = np.argsort(-rival_totals, kind="stable")
    falling = -rival_totals[rival_order]
    rivals = rivals[rival_order]
    rival_use = None if rival_use is None else rival_use[rival_order]
    rival_size = None if rival_size is None else rival_size[rival_order]
    totals = values.sum(axis=1)
    order = np.argsort(-totals, kind="stable")
    step = max(1, _AT_ONCE // (8 * len(rivals)))
    for start in range(0, len(values), step):
        rows = order[start : start + step]
        reach = int(np.searchsorted(falling, -totals[rows[-1]] + k * tol, side="right"))
        if reach:
            out[rows] = _any_beats(
                rows, reach, values, rivals, tol, use, rival_use, size, rival_size, size_rule
            )
    return out


def _any_beats(
    rows: npt.NDArray[np.intp],
    reach: int,
    values: FloatArray,
    rivals: FloatArray,
    tol: float,
    use: FloatArray | None,
    rival_use: FloatArray | None,
    size: npt.NDArray[np.int64] | None,
    rival_size: npt.NDArray[np.int64] | None,
    size_rule: int,
) -> BoolArray:
    """For :func:`_beaten`: whether any of the first ``reach`` rivals dominates each row."""
    # Conditions as (rival's column, row's column, slack): the rival's entry must be at
    # most the row's plus the slack. Resources and sizes first (they rule out most
    # rivals); value columns are negated to fit the form.
    same = np.full(len(rows), tol)
    conditions: list[tuple[FloatArray, FloatArray, FloatArray]] = []
    if use is not None and rival_use is not None:
        for r in range(use.shape[1]):
            mine = use[rows, r]
            conditions.append((rival_use[:reach, r], mine, TOLERANCE * np.maximum(1.0, mine)))
    if size is not None and rival_size is not None and size_rule:
        mine_size, theirs = size[rows].astype(np.float64), rival_size[:reach].astype(np.float64)
        if size_rule in (-1, 2):
            conditions.append((theirs, mine_size, same * 0.0))
        if size_rule in (1, 2):
            conditions.append((-theirs, -mine_size, same * 0.0))
    conditions += [(-rivals[:reach, j], -values[rows, j], same) for j in range(values.shape[1])]
    # Column by column on (rows x rivals) tables, with the rows no rival can still beat
    # dropped as they appear: most rows lose every rival within a few columns.
    live = np.arange(len(rows))
    hit = np.ones((len(rows), reach), dtype=bool)
    for number, (theirs_column, mine_column, slack) in enumerate(conditions):
        limit = mine_column[live] + slack[live]
        hit &= theirs_column[None, :] <= limit[:, None]
        if number % 4 == 3:
            kept = hit.any(axis=1)
            if kept.sum() < 0.75 * len(live):
                live, hit = live[kept], hit[kept]
            if not len(live):
                break
    better = np.zeros_like(hit)
    for j in range(values.shape[1]):
        better |= rivals[None, :reach, j] > values[rows[live], j][:, None] + tol
    out = np.zeros(len(rows), dtype=bool)
    out[live] = (hit & better).any(axis=1)
    return out


def non_dominated(values: FloatArray, tol: float) -> BoolArray:
    """Which rows no other row dominates (worth at least as much everywhere, more once)."""
    # A row can only be dominated by one whose total is at least its own (less the
    # tolerance): compared in that order, each block only against those before and in it.
    order = np.argsort(-values.sum(axis=1), kind="stable")
    ranked = values[order]
    falling = -ranked.sum(axis=1)
    keep = np.ones(len(values), dtype=bool)
    step = max(1, _AT_ONCE // max(1, len(values) * (values.shape[1] + 1)))
    for start in range(0, len(ranked), step):
        stop = min(len(ranked), start + step)
        # Ties of totals within the tolerance may sit on either side of the block's edge.
        reach = np.searchsorted(falling, falling[stop - 1] + ranked.shape[1] * tol, side="right")
        keep[start:stop] = ~_beaten(ranked[start:stop], ranked[:reach], tol)
    found = np.zeros(len(values), dtype=bool)
    found[order] = keep
    return found


def _completion_bounds(
    extreme_values: FloatArray,
    costs: FloatArray,
    limits: FloatArray,
    rest: npt.NDArray[np.intp],
    use: FloatArray,
) -> FloatArray:
    """The most value the options ``rest`` can still add to each partial package.

    At each extreme point, the fractional knapsack of the positive-valued options on
    each capped resource in turn, the smallest of them: partials x extreme points.
    """
    count, k = len(use), extreme_values.shape[1]
    gains = np.clip(extreme_values[rest], 0.0, None)
    bound = np.broadcast_to(gains.sum(axis=0), (count, k)).copy()
    for r in range(costs.shape[1]):
        cost = costs[rest, r]
        room = np.clip(limits[r] - use[:, r], 0.0, None)
        for j in range(k):
            ratio = np.where(cost > 0, gains[:, j] / np.where(cost > 0, cost, 1.0), np.inf)
            order = np.argsort(-ratio, kind="stable")
            spent = np.concatenate([[0.0], np.cumsum(cost[order])])
            gained = np.concatenate([[0.0], np.cumsum(gains[order, j])])
            whole = np.searchsorted(spent, room, side="right") - 1
            nxt = np.minimum(whole, len(order) - 1)
            # The next option's share that still fits; a free option fits whole (its
            # ratio is infinite, and multiplying it would overflow).
            rate = ratio[order][nxt]
            free = np.isinf(rate)
            part = np.where(free, np.inf, (room - spent[whole]) * np.where(free, 0.0, rate))
            part = np.where(whole < len(order), np.minimum(part, gains[order][nxt, j]), 0.0)
            bound[:, j] = np.minimum(bound[:, j], gained[whole] + part)
    return bound


def by_programming(
    arrays: Arrays, extreme_values: FloatArray, limit: int, known: FloatArray
) -> BoolArray | None:
    """The non-dominated packages by dynamic programming (budgets, minimums and sizes).

    ``known`` holds the values of some feasible packages (at each extreme point): a
    partial package that cannot be completed to anything they do not dominate is
    dropped early. Returns the masks, or None when more than ``limit`` partial
    packages survive a step.
    """
    n = arrays.n_options
    capped = np.isfinite(arrays.limits)
    floored = arrays.floors > 0
    costs = arrays.costs[:, capped]
    limits = arrays.limits[capped]
    gains = arrays.costs[:, floored]
    floors = arrays.floors[floored]
    low, high = arrays.min_size, arrays.max_size
    size_rule = {(False, False): 0, (False, True): -1, (True, False): 1, (True, True): 2}[
        (low > 0, high < n)
    ]
    tol = tolerance(extreme_values) * max(1, n)
    # Options of most value per share of the budgets first: good partial packages form
    # early and prune the rest. The order changes the work, never the result.
    share = (costs / np.where(limits > 0, limits, 1.0)).sum(axis=1)
    worth = extreme_values.mean(axis=1)
    order = np.lexsort((np.arange(n), -worth / np.maximum(share, 1e-12)))
    # What a partial package uses of the capped resources and, negated, delivers of
    # those with a minimum: a rival dominates only if it uses no more and delivers no
    # less, so one comparison of "use" covers both.
    spend = np.hstack([costs, -gains])
    masks = np.zeros((1, n), dtype=bool)
    values = np.zeros((1, extreme_values.shape[1]))
    use = np.zeros((1, spend.shape[1]))
    size = np.zeros(1, dtype=np.int64)
    capped_columns = slice(0, costs.shape[1])
    for step, k in enumerate(order):
        grown_use = use + spend[k]
        fits = (
            grown_use[:, capped_columns] <= limits + TOLERANCE * np.maximum(1.0, np.abs(limits))
        ).all(axis=1)
        fits &= size < high
        # Without option k, a partial package must still be able to reach min_size.
        left = size + (n - step - 1) >= low
        old = (masks[left], values[left], use[left], size[left])
        new_masks = masks[fits].copy()
        new_masks[:, k] = True
        new = (new_masks, values[fits] + extreme_values[k], grown_use[fits], size[fits] + 1)
        old_beaten = _beaten(old[1], new[1], tol, old[2], new[2], old[3], new[3], size_rule)
        new_beaten = _beaten(new[1], old[1], tol, new[2], old[2], new[3], old[3], size_rule)
        masks = np.concatenate([old[0][~old_beaten], new[0][~new_beaten]])
        values = np.concatenate([old[1][~old_beaten], new[1][~new_beaten]])
        use = np.concatenate([old[2][~old_beaten], new[2][~new_beaten]])
        size = np.concatenate([old[3][~old_beaten], new[3][~new_beaten]])
        rest = order[step + 1 :]
        keep = _can_reach(-use[:, costs.shape[1] :], size, gains[rest], floors, high)
        if len(rest) and len(known):
            best = values + _completion_bounds(
                extreme_values, costs, limits, rest, use[:, capped_columns]
            )
            keep &= ~_beaten(best, known, tol)
        masks, values, use, size = masks[keep], values[keep], use[keep], size[keep]
        if len(masks) > limit:
            return None
    masks = masks[size >= low]
    final = package_values(arrays, extreme_values, masks)
    return masks[non_dominated(final, tol)]


def _can_reach(
    delivered: FloatArray,
    size: npt.NDArray[np.int64],
    rest: FloatArray,
    floors: FloatArray,
    high: int,
) -> BoolArray:
    """Which partial packages can still reach every minimum with the options ``rest``.

    The most a partial package can add of a resource is what the options left that
    deliver most of it add, as many as the size bound still allows.
    """
    reach = np.ones(len(size), dtype=bool)
    for r in range(len(floors)):
        top = np.concatenate([[0.0], np.cumsum(-np.sort(-rest[:, r]))])
        room = np.clip(high - size, 0, len(rest))
        slack = TOLERANCE * max(1.0, float(floors[r]))
        reach &= delivered[:, r] + top[room] >= floors[r] - slack
    return reach


def package_count(arrays: Arrays) -> int:
    """How many packages enumeration tries: every one of an allowed size.

    Examples
    --------
    >>> arrays = Arrays(np.zeros((10, 0)), np.zeros(0), np.zeros(0), (), np.zeros(0), (), (),
    ...                 min_size=0, max_size=2)
    >>> package_count(arrays)  # 1 + 10 + 45
    56
    """
    n = arrays.n_options
    return sum(math.comb(n, k) for k in range(arrays.min_size, arrays.max_size + 1))


def _candidates(arrays: Arrays) -> Iterator[BoolArray]:
    """Every package of an allowed size, in blocks: by counting, or size by size."""
    n = arrays.n_options
    if package_count(arrays) * 2 > 2**n:
        bits = np.arange(n, dtype=np.int64)
        for start in range(0, 2**n, _BLOCK):
            numbers = np.arange(start, min(2**n, start + _BLOCK), dtype=np.int64)
            yield (numbers[:, None] >> bits) & 1 == 1
        return
    # Few sizes allowed (at most six of 46 options, say): walking the subsets of each
    # size skips the many packages the size bounds rule out.
    for k in range(arrays.min_size, arrays.max_size + 1):
        subsets = itertools.combinations(range(n), k)
        while chunk := list(itertools.islice(subsets, _BLOCK)):
            positions = np.array(chunk, dtype=np.intp).reshape(len(chunk), k)
            masks = np.zeros((len(chunk), n), dtype=bool)
            masks[np.arange(len(chunk))[:, None], positions] = True
            yield masks


def feasible_blocks(arrays: Arrays) -> Iterator[BoolArray]:
    """Every feasible package of the problem, in blocks of boolean rows."""
    limits = arrays.limits
    floors = arrays.floors
    for masks in _candidates(arrays):
        used = masks.astype(np.float64) @ arrays.costs
        keep = (used <= limits + TOLERANCE * np.maximum(1.0, np.abs(limits))).all(axis=1)
        keep &= (used >= floors - TOLERANCE * np.maximum(1.0, floors)).all(axis=1)
        for group in arrays.exclusions:
            keep &= masks[:, list(group)].sum(axis=1) <= 1
        for option, needed in arrays.requires:
            keep &= ~masks[:, option] | masks[:, needed]
        count = masks.sum(axis=1)
        keep &= (count >= arrays.min_size) & (count <= arrays.max_size)
        yield masks[keep]


def by_enumeration(arrays: Arrays, extreme_values: FloatArray) -> BoolArray:
    """The non-dominated packages among every feasible one, tried block by block."""
    tol = tolerance(extreme_values) * max(1, arrays.n_options)
    front_masks = np.zeros((0, arrays.n_options), dtype=bool)
    front = np.zeros((0, extreme_values.shape[1]))
    for masks in feasible_blocks(arrays):
        values = package_values(arrays, extreme_values, masks)
        # The block's best rows at each extreme point and in total dominate most of the
        # rest: dropping those first spares comparing every pair.
        leaders = np.unique(
            np.concatenate(
                [
                    np.argsort(-values, axis=0)[:_LEADERS].ravel(),
                    np.argsort(-values.sum(axis=1))[:_LEADERS],
                ]
            )
        )
        kept = ~_beaten(values, np.concatenate([front, values[leaders]]), tol)
        masks, values = masks[kept], values[kept]
        kept = non_dominated(values, tol)
        masks, values = masks[kept], values[kept]
        stays = ~_beaten(front, values, tol)
        front_masks = np.concatenate([front_masks[stays], masks])
        front = np.concatenate([front[stays], values])
    return front_masks
