"""Piecewise linear value functions, from ``<criteriaFunctions>`` marked as such.

Only the ``criteriaFunctions`` marked ``mcdaConcept="valueFunctions"`` are read; others,
such as the marginal utilities of other tools, are left alone.
"""

from __future__ import annotations

from functools import partial

from powerbalance.io._xml import Element
from powerbalance.io.xmcda._elements import descendants, describe_children
from powerbalance.io.xmcda._items import Item, reference
from powerbalance.io.xmcda._reader import Reader
from powerbalance.io.xmcda._vocabulary import VALUE_FUNCTIONS, item_tags
from powerbalance.model.value import Piecewise

__all__ = ["read_value_functions"]


def read_value_functions(
    reader: Reader, containers: list[Element], criteria: dict[str, Item]
) -> dict[str, Piecewise]:
    functions: dict[str, Piecewise] = {}
    for container in containers:
        if container.attributes.get("mcdaConcept", "").casefold() != VALUE_FUNCTIONS.casefold():
            continue  # functions of other tools, such as marginal utilities
        for item in container.children:
            if item.tag not in item_tags("criteriaFunctions"):
                continue
            criterion = reference(reader, item, "criterionID", criteria, "criteria")
            if criterion is None:
                continue
            lines = [
                line
                for function in descendants(item, "function")
                if (line := function.child("piecewiseLinear")) is not None
            ]
            if not lines:
                reader.problem(
                    item,
                    "expected a value function as <function><piecewiseLinear>; found "
                    f"{describe_children(item)}.",
                )
                continue
            points = _points(reader, lines[0])
            if points is None:
                continue
            function = reader.attempt(lines[0], partial(Piecewise, points=points))
            if function is not None:
                functions[criterion] = function
    return functions


def _points(reader: Reader, piecewise: Element) -> list[tuple[float, float]] | None:
    points: list[tuple[float, float]] = []
    ok = True
    for segment in piecewise.children_named("segment"):
        for tag in ("head", "tail"):
            end = segment.child(tag)
            if end is None:
                reader.problem(segment, f"expected a <{tag}> in the segment; found none.")
                ok = False
                continue
            if tag == "head" and not end.children and points:
                continue  # an empty head continues from the previous tail (4.0.0)
            abscissa, ordinate = end.child("abscissa"), end.child("ordinate")
            if abscissa is None or ordinate is None:
                reader.problem(
                    end,
                    f"expected an <abscissa> and an <ordinate>; found {describe_children(end)}.",
                )
                ok = False
                continue
            x, y = reader.number(abscissa), reader.number(ordinate)
            if x is None or y is None:
                ok = False
                continue
            if not points or points[-1] != (x, y):
                points.append((x, y))
    return points if ok else None
