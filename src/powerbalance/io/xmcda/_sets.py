"""Sets of criteria and of alternatives: the areas and the baseline.

An area is a ``<criteriaSet>`` marked ``mcdaConcept="area"``, named by its name (or
id) attribute; the baseline is the one alternative in an ``<alternativesSet>`` marked
``mcdaConcept="baseline"``. Sets with other concepts belong to other tools and are
left alone.
"""

from __future__ import annotations

from powerbalance._validate import quoted_list
from powerbalance.io._xml import Element
from powerbalance.io.xmcda._elements import location
from powerbalance.io.xmcda._items import Item, reference
from powerbalance.io.xmcda._reader import Reader
from powerbalance.io.xmcda._vocabulary import AREA, BASELINE

__all__ = ["read_areas", "read_baseline"]


def read_areas(
    reader: Reader, containers: list[Element], criteria: dict[str, Item]
) -> dict[str, str]:
    areas: dict[str, str] = {}
    where: dict[str, Element] = {}
    for container in containers:
        for group in container.children_named("criteriaSet"):
            if group.attributes.get("mcdaConcept", "").casefold() != AREA:
                continue
            name = group.attributes.get("name", "") or group.attributes.get("id", "")
            if not name.strip():
                reader.problem(group, "expected the area's name in a name attribute; found none.")
                continue
            for element in group.children_named("element"):
                criterion = reference(reader, element, "criterionID", criteria, "criteria")
                if criterion is None:
                    continue
                if criterion in areas and areas[criterion] != name:
                    reader.problem(
                        element,
                        f"expected criterion {criterion!r} in one area; found it in "
                        f"{areas[criterion]!r} (at {location(where[criterion])}) and "
                        f"{name!r}.",
                    )
                    continue
                areas[criterion] = name
                where[criterion] = element
    return areas


def read_baseline(
    reader: Reader, containers: list[Element], alternatives: dict[str, Item]
) -> str | None:
    found: list[tuple[str, Element]] = []
    for container in containers:
        for group in container.children_named("alternativesSet"):
            if group.attributes.get("mcdaConcept", "").casefold() != BASELINE:
                continue
            for element in group.children_named("element"):
                identifier = reference(
                    reader, element, "alternativeID", alternatives, "alternatives"
                )
                if identifier is not None:
                    found.append((identifier, element))
    if len(found) > 1:
        reader.problem(
            found[1][1],
            f"expected one baseline alternative; found {len(found)}: "
            f"{quoted_list(identifier for identifier, _ in found)}.",
        )
        return None
    if not found or not alternatives[found[0][0]].active:
        return None
    return alternatives[found[0][0]].name
