"""What it would take to bring the best option left out into the best package."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._frozen import FrozenMap
from powerbalance._render import number, plain
from powerbalance.portfolio._solve import Arrays, package_value, solve
from powerbalance.portfolio._values import Valuation

__all__ = ["WEIGHT_TOLERANCE", "WhatItTakes", "what_it_takes"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

#: Width to which bisection narrows the weight at which an option comes in.
WEIGHT_TOLERANCE = 1e-4


def amount(value: float) -> str:
    """An amount of a resource, as the package texts write it.

    Examples
    --------
    >>> amount(1234.5), amount(3.0), amount(0.125)
    ('1,234.5', '3', '0.125')
    """
    return f"{value:,.6g}"


def _to_budget(value: Mapping[str, float | None]) -> Mapping[str, float | None]:
    return FrozenMap(dict(value))


@attrs.frozen
class WhatItTakes:
    """What would bring an option left out into the best package.

    Attributes
    ----------
    option : str
        The option left out with the greatest value of its own.
    value : float
        That value.
    loss : float or None
        How much less the best package that includes it is worth under the current
        budgets; None when no package can include it.
    budget : mapping of str to float or None
        Per resource with a limit: how much more of it (the others as they are) lets
        a package include the option and lose nothing against the best package now;
        None when no amount of that resource alone is enough.
    weight : tuple of (str, float, float) or None
        The criterion whose weight moves least to bring the option into a best
        package (the others rescaled in proportion), its weight now and the weight
        at which it comes in; None when no single weight does.

    Examples
    --------
    >>> w = WhatItTakes("B", 0.3, 0.1, {"Money": 2.0}, ("Trade", 0.5, 0.75))
    >>> print(w.sentence())  # doctest: +NORMALIZE_WHITESPACE
    B, worth 0.300 on its own, is the best option left out; including it under the
    present budgets would cost the package 0.100 of value. It comes in without loss
    with 2 more Money, or when the weight of 'Trade' rises from 0.500 to 0.750 (the
    others rescaled in proportion).
    """

    option: str
    value: float
    loss: float | None
    budget: Mapping[str, float | None] = attrs.field(converter=_to_budget)
    weight: tuple[str, float, float] | None

    def sentence(self) -> str:
        """What it would take, in words."""
        opening = (
            f"{self.option}, worth {number(self.value)} on its own, is the best option left out"
        )
        if self.loss is None:
            opening += "; no package under the present constraints can include it."
        elif self.loss <= 0:
            opening += "; a package including it is as good as this one (a tie)."
        else:
            opening += (
                f"; including it under the present budgets would cost the package "
                f"{number(self.loss)} of value."
            )
        ways = [
            f"with {amount(extra)} more {resource}"
            for resource, extra in self.budget.items()
            if extra is not None and extra > 0
        ]
        if self.weight is not None:
            criterion, now, then = self.weight
            verb = "rises" if then > now else "falls"
            ways.append(
                f"when the weight of {criterion!r} {verb} from {number(now)} to "
                f"{number(then)} (the others rescaled in proportion)"
            )
        if self.loss is not None and self.loss <= 0:
            return opening
        if not ways:
            return opening + " No single budget or weight brings it in."
        return f"{opening} It comes in without loss {', or '.join(ways)}."

    def to_dict(self) -> dict[str, Any]:
        """As plain data: ``option``, ``value``, ``loss``, ``budget``, ``weight``, ``sentence``."""
        weight = None
        if self.weight is not None:
            weight = {"criterion": self.weight[0], "now": self.weight[1], "then": self.weight[2]}
        data: dict[str, Any] = plain(
            {
                "option": self.option,
                "value": self.value,
                "loss": self.loss,
                "budget": dict(self.budget),
                "weight": weight,
                "sentence": self.sentence(),
            }
        )
        return data


def _best(arrays: Arrays, values: FloatArray, include: tuple[int, ...] = ()) -> float | None:
    chosen = solve(arrays, values, include=include)
    return None if chosen is None else package_value(arrays, values, chosen)


def _comes_in(arrays: Arrays, values: FloatArray, option: int) -> bool:
    best = _best(arrays, values)
    forced = _best(arrays, values, (option,))
    if best is None or forced is None:
        return False
    return forced >= best - 1e-9 * max(1.0, abs(best))


def _weight_change(
    arrays: Arrays, valuation: Valuation, option: int
) -> tuple[str, float, float] | None:
    weights = valuation.weights.aligned(valuation.assessment)
    names = valuation.assessment.criterion_names
    found: tuple[str, float, float] | None = None
    for j, name in enumerate(names):
        now = float(weights[j])
        rest = weights.copy()
        rest[j] = 0.0
        rest_total = float(rest.sum())
        share = rest / rest_total if rest_total > 0 else rest

        def at(t: float, j: int = j, share: FloatArray = share) -> FloatArray:
            vector = (1.0 - t) * share
            vector[j] = t
            values: FloatArray = valuation.at(vector[None, :])[0]
            return values

        for end in (1.0, 0.0):
            if end == now or not _comes_in(arrays, at(end), option):
                continue
            outside, inside = now, end
            while abs(inside - outside) > WEIGHT_TOLERANCE:
                middle = 0.5 * (inside + outside)
                if _comes_in(arrays, at(middle), option):
                    inside = middle
                else:
                    outside = middle
            if found is None or abs(inside - now) < abs(found[2] - found[1]):
                found = (name, now, inside)
    return found


def what_it_takes(
    arrays: Arrays, valuation: Valuation, chosen: npt.NDArray[np.bool_], resources: tuple[str, ...]
) -> WhatItTakes | None:
    """What brings the most valuable option left out of ``chosen`` into a best package."""
    values = valuation.values
    left_out = np.flatnonzero(~chosen)
    if left_out.size == 0:
        return None
    option = int(left_out[np.argmax(values[left_out])])
    best = package_value(arrays, values, chosen)
    forced = _best(arrays, values, (option,))
    loss = None if forced is None else max(0.0, best - forced)
    floor = best - 1e-9 * max(1.0, abs(best))
    budget: dict[str, float | None] = {}
    for r, resource in enumerate(resources):
        if not np.isfinite(arrays.limits[r]):
            continue
        cheapest = solve(arrays, values, include=(option,), floor=floor, minimize_use=r)
        if cheapest is None:
            budget[resource] = None
        else:
            used = float(arrays.costs[cheapest, r].sum())
            budget[resource] = max(0.0, used - float(arrays.limits[r]))
    weight = None if loss is not None and loss <= 0 else _weight_change(arrays, valuation, option)
    return WhatItTakes(
        option=valuation.assessment.option_names[option],
        value=float(values[option]),
        loss=loss,
        budget=budget,
        weight=weight,
    )
