"""Alternatives and criteria as the XMCDA files declare them, and references to them.

``<alternatives>`` and ``<criteria>`` give each item an id, and optionally a name, a
description (its comment; a criterion's unit is a keyword) and an ``<active>`` flag.
Other elements refer to an item by its id in a child such as ``<criterionID>``.
"""

from __future__ import annotations

import attrs

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.io._xml import Element
from powerbalance.io.xmcda._elements import after, comment_text, keywords, location
from powerbalance.io.xmcda._reader import Reader
from powerbalance.io.xmcda._vocabulary import KIND, UNIT

__all__ = ["Item", "check_names", "implied", "read_items", "reference"]


@attrs.define
class Item:
    """An alternative or criterion as declared in the file."""

    id: str
    name: str
    description: str
    element: Element
    active: bool = True
    unit: str = ""
    kind: str = ""


def read_items(reader: Reader, containers: list[Element], tag: str) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for container in containers:
        for element in container.children_named(tag):
            identifier = element.attributes.get("id", "")
            if not identifier.strip():
                reader.problem(element, f"expected an id attribute on <{tag}>; found none.")
                continue
            if identifier in items:
                first = items[identifier].element
                reader.problem(
                    element,
                    f"expected each {tag} id once; found id {identifier!r} again (first "
                    f"at {location(first)}).",
                )
                continue
            name = element.attributes.get("name", "")
            unit = kind = ""
            for keyword in keywords(element):
                unit = after(keyword, UNIT, unit)
                kind = after(keyword, KIND, kind)
            items[identifier] = Item(
                id=identifier,
                name=name if name.strip() else identifier,
                description=comment_text(element),
                element=element,
                active=reader.active(element),
                unit=unit,
                kind=kind.strip().casefold(),
            )
    return items


def implied(elements: dict[str, Element]) -> dict[str, Item]:
    """Alternatives or criteria named only by the performance table: id as name."""
    return {
        identifier: Item(id=identifier, name=identifier, description="", element=element)
        for identifier, element in elements.items()
    }


def check_names(reader: Reader, items: list[Item], tag: str) -> None:
    seen: dict[str, Item] = {}
    for item in items:
        if item.name in seen:
            reader.problem(
                item.element,
                f"expected each {tag} to have its own name; found the name {item.name!r} "
                f"again (also {tag} {seen[item.name].id!r} at "
                f"{location(seen[item.name].element)}). Rename one of them.",
            )
        seen[item.name] = item


def reference(
    reader: Reader, element: Element, tag: str, known: dict[str, Item] | None, what: str
) -> str | None:
    """The id in the child ``tag`` of ``element``, checked to be one of ``known``."""
    identifier = reader.child_text(element, tag)
    if identifier is None or known is None or identifier in known:
        return identifier
    reader.problem(
        element.child(tag) or element,
        lambda: (
            f"expected the id of one of the {what} ({quoted_list(known)}); found "
            f"{identifier!r}." + did_you_mean(identifier, known)
        ),
    )
    return None
