"""The criteria scales: each criterion's preference direction, bounds and anchors.

A ``<criterionScale>`` gives its scales inline or by ``<scaleID>``; a quantitative or
qualitative scale may give a preference direction (``max`` makes a benefit, ``min`` a
risk), a quantitative one a minimum and maximum. The anchors are keywords of the
criterion scale's description.
"""

from __future__ import annotations

import attrs

from powerbalance._validate import did_you_mean
from powerbalance.io._xml import Element
from powerbalance.io.xmcda._elements import (
    after,
    descendants,
    describe_children,
    keywords,
    location,
)
from powerbalance.io.xmcda._items import Item, reference
from powerbalance.io.xmcda._reader import Reader
from powerbalance.io.xmcda._vocabulary import HIGH_ANCHOR, LOW_ANCHOR, item_tags

__all__ = ["Scale", "read_scales"]


@attrs.define
class Scale:
    """What the criteriaScales say about one criterion."""

    direction: str | None = None
    bounds: tuple[float, float] | None = None
    anchors: tuple[str, str] | None = None


def read_scales(
    reader: Reader, containers: list[Element], criteria: dict[str, Item]
) -> dict[str, Scale]:
    by_id: dict[str, Element] = {}
    for container in containers:
        for scale in descendants(container, "scale"):
            identifier = scale.attributes.get("id")
            if identifier:
                by_id.setdefault(identifier, scale)
    scales: dict[str, Scale] = {}
    seen: dict[str, Element] = {}
    for container in containers:
        for item in container.children:
            if item.tag not in item_tags("criteriaScales"):
                continue
            criterion = reference(reader, item, "criterionID", criteria, "criteria")
            if criterion is None:
                continue
            if criterion in seen:
                reader.problem(
                    item,
                    f"expected the scales of criterion {criterion!r} once; found them "
                    f"again (first at {location(seen[criterion])}).",
                )
                continue
            seen[criterion] = item
            scales[criterion] = _read_scale(reader, item, by_id)
    return scales


def _read_scale(reader: Reader, item: Element, by_id: dict[str, Element]) -> Scale:
    result = Scale()
    holder = item.child("scales")
    if holder is None:
        reader.problem(item, f"expected a <scales> element; found {describe_children(item)}.")
        return result
    directions: list[tuple[str, Element]] = []
    for entry in holder.children:
        if entry.tag == "scaleID":
            reference = entry.text.strip()
            scale = by_id.get(reference)
            if scale is None:
                reader.problem(
                    entry,
                    f"expected the id of a <scale> in <criteriaScales>; found "
                    f"{reference!r}." + did_you_mean(reference, by_id),
                )
                continue
        elif entry.tag == "scale":
            scale = entry
        else:
            continue
        kind = scale.child("quantitative")
        if kind is None:
            kind = scale.child("qualitative")
        if kind is None:
            continue  # a nominal scale has no direction and no bounds
        direction = kind.child("preferenceDirection")
        if direction is not None:
            text = direction.text.strip()
            if text not in ("min", "max"):
                reader.problem(direction, f"expected 'min' or 'max'; found {text!r}.")
            else:
                directions.append((text, direction))
        if kind.tag == "quantitative" and result.bounds is None:
            result.bounds = _bounds(reader, kind)
    if len({text for text, _ in directions}) > 1:
        reader.problem(
            directions[1][1],
            f"expected one preference direction for the criterion; found "
            f"{directions[0][0]!r} (at {location(directions[0][1])}) and "
            f"{directions[1][0]!r}.",
        )
    elif directions:
        result.direction = directions[0][0]
    low = high = ""
    for keyword in keywords(item):
        low = after(keyword, LOW_ANCHOR, low)
        high = after(keyword, HIGH_ANCHOR, high)
    if low or high:
        result.anchors = (low, high)
    return result


def _bounds(reader: Reader, quantitative: Element) -> tuple[float, float] | None:
    minimum, maximum = quantitative.child("minimum"), quantitative.child("maximum")
    if minimum is None or maximum is None:
        return None  # an open scale: powerbalance takes the options' range
    low, high = reader.number(minimum), reader.number(maximum)
    if low is None or high is None:
        return None
    if not low < high:
        reader.problem(
            quantitative,
            f"expected a <minimum> below the <maximum>; found {low:g} and {high:g}.",
        )
        return None
    return (low, high)
