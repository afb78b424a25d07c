r"""The cost-effectiveness frontier: dominance, extended dominance and incremental ratios.

As in cost-effectiveness analysis (Drummond et al., *Methods for the Economic
Evaluation of Health Care Programmes*), options are ordered by cost. An option is
*dominated* when another costs no more and gives at least as much value, one of them
strictly. Among the rest, an option is *extendedly dominated* when its incremental
cost per unit of value, against the next cheaper option kept, exceeds that of the
next dearer option kept: a mix of those two would give more value for its cost. The
options left form the efficient frontier (the upper left convex hull of value against
cost), and along it each option's incremental cost-effectiveness ratio (ICER)

.. math:: \mathrm{ICER}_k = \frac{c_k - c_{k-1}}{v_k - v_{k-1}}

rises from one option to the next. Options with the same cost and value stand or
fall together.
"""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

__all__ = ["DOMINATED", "EFFICIENT", "EXTENDEDLY_DOMINATED", "Frontier", "cost_effectiveness"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

EFFICIENT = "efficient"
DOMINATED = "dominated"
EXTENDEDLY_DOMINATED = "extendedly dominated"


@attrs.frozen
class Frontier:
    """Positions and numbers of the frontier, over the options as given.

    ``order`` lists the options by cost (then by value, highest first); ``status`` is
    one of :data:`EFFICIENT`, :data:`DOMINATED`, :data:`EXTENDEDLY_DOMINATED`;
    ``by`` holds the positions of the options that dominate each one (one for a
    dominated option, the two frontier options either side of an extendedly
    dominated one, none on the frontier); ``previous`` the cheaper frontier option an
    efficient one is compared with (-1 for the first); ``icer`` its incremental cost
    per unit of value (NaN for the first and off the frontier).
    """

    order: IntArray
    status: tuple[str, ...]
    by: tuple[tuple[int, ...], ...]
    previous: IntArray
    icer: FloatArray


def _dominance(value: FloatArray, cost: FloatArray, order: IntArray) -> dict[int, int]:
    """Each dominated position and the position of an option that dominates it."""
    dominated: dict[int, int] = {}
    best = -1  # the cheapest option with the highest value so far
    for i in order:
        i = int(i)
        if best >= 0 and (
            value[best] > value[i] or (value[best] == value[i] and cost[best] < cost[i])
        ):
            dominated[i] = best
        elif best < 0 or value[i] > value[best]:
            best = i
    return dominated


def cost_effectiveness(value: FloatArray, cost: FloatArray) -> Frontier:
    """The frontier of ``value`` (higher is better) against ``cost`` (lower is better).

    Examples
    --------
    >>> import numpy as np
    >>> f = cost_effectiveness(np.array([0.0, 2.0, 3.0, 5.0, 1.0]),
    ...                        np.array([0.0, 100.0, 250.0, 300.0, 150.0]))
    >>> f.status
    ('efficient', 'efficient', 'extendedly dominated', 'efficient', 'dominated')
    >>> f.icer.round(2).tolist()
    [nan, 50.0, nan, 66.67, nan]
    >>> f.by[2], f.by[4]
    ((1, 3), (1,))
    """
    n = len(value)
    order = np.lexsort((-value, cost)).astype(np.intp)
    dominated = _dominance(value, cost, order)
    kept = [int(i) for i in order if int(i) not in dominated]
    # Identical points share one place on the hull; the first of them stands for all.
    points: list[int] = []
    twins: dict[int, list[int]] = {}
    for i in kept:
        if points and value[points[-1]] == value[i] and cost[points[-1]] == cost[i]:
            twins[points[-1]].append(i)
        else:
            points.append(i)
            twins[i] = [i]
    hull: list[int] = []
    for i in points:
        # Drop the last option kept while it lies on or below the line from the one
        # before it to this one and strictly so: its ICER would exceed the next one's.
        while len(hull) >= 2:
            a, b = hull[-2], hull[-1]
            if (cost[b] - cost[a]) * (value[i] - value[b]) > (cost[i] - cost[b]) * (
                value[b] - value[a]
            ):
                hull.pop()
            else:
                break
        hull.append(i)
    status = [DOMINATED] * n
    by: list[tuple[int, ...]] = [()] * n
    previous = np.full(n, -1, dtype=np.intp)
    icer = np.full(n, np.nan)
    for i, j in dominated.items():
        by[i] = (j,)
    on_hull = set(hull)
    for k, i in enumerate(hull):
        for twin in twins[i]:
            status[twin] = EFFICIENT
            if k:
                before = hull[k - 1]
                previous[twin] = before
                icer[twin] = (cost[i] - cost[before]) / (value[i] - value[before])
    for i in points:
        if i in on_hull:
            continue
        below = max((h for h in hull if cost[h] < cost[i]), key=lambda h: cost[h])
        above = min((h for h in hull if cost[h] > cost[i]), key=lambda h: cost[h])
        for twin in twins[i]:
            status[twin] = EXTENDEDLY_DOMINATED
            by[twin] = (below, above)
    return Frontier(order=order, status=tuple(status), by=tuple(by), previous=previous, icer=icer)
