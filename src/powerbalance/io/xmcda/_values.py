"""Values per criterion and per alternative: the weights and the results.

The weights are the ``<criteriaValues>`` marked ``mcdaConcept="weights"``, or the only
``<criteriaValues>``; the results likewise the ``<alternativesValues>`` marked
``mcdaConcept="scores"``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from powerbalance._validate import quoted_list
from powerbalance.io._xml import Element
from powerbalance.io.xmcda._elements import location
from powerbalance.io.xmcda._items import Item, reference
from powerbalance.io.xmcda._reader import Reader
from powerbalance.io.xmcda._vocabulary import SCORES, WEIGHTS, item_tags
from powerbalance.model.weights import Weights

__all__ = ["read_results", "read_weights"]


def _pick(reader: Reader, containers: list[Element], concept: str, what: str) -> Element | None:
    marked = [c for c in containers if c.attributes.get("mcdaConcept", "").casefold() == concept]
    if len(marked) == 1:
        return marked[0]
    if len(marked) > 1:
        reader.problem(
            marked[1],
            f"expected one <{marked[0].tag} mcdaConcept={concept!r}> with the {what}; "
            f"found another (the first is at {location(marked[0])}).",
        )
        return None
    if len(containers) == 1:
        return containers[0]
    if containers:
        reader.problem(
            containers[1],
            f"expected one <{containers[0].tag}> with the {what}, or one marked "
            f"mcdaConcept={concept!r}; found {len(containers)} unmarked ones (the first "
            f"at {location(containers[0])}). Mark the one with the {what}, or read the "
            "other files separately.",
        )
    return None


def _values_by_id(
    reader: Reader, container: Element, tag: str, id_tag: str, known: dict[str, Item], what: str
) -> dict[str, float]:
    values: dict[str, float] = {}
    where: dict[str, Element] = {}
    for item in container.children:
        if item.tag not in item_tags(tag):
            continue
        identifier = reference(reader, item, id_tag, known, what)
        if identifier is None:
            continue
        if identifier in where:
            reader.problem(
                item,
                f"expected one value for {identifier!r}; found another (first at "
                f"{location(where[identifier])}).",
            )
            continue
        where[identifier] = item
        value = reader.single_value(item)
        if value is not None:
            values[identifier] = value
    return values


def read_weights(
    reader: Reader, containers: list[Element], criteria: dict[str, Item], columns: list[Item]
) -> Weights | None:
    container = _pick(reader, containers, WEIGHTS, "weights")
    if container is None:
        return None
    values = _values_by_id(reader, container, "criteriaValues", "criterionID", criteria, "criteria")
    missing = [item.id for item in columns if item.id not in values]
    if missing:
        reader.problem(
            container,
            f"expected a weight for every criterion; found none for {quoted_list(missing)}."
            " Give 0 to leave a criterion out.",
        )
        return None
    return reader.attempt(
        container,
        lambda: Weights.from_mapping({item.name: values[item.id] for item in columns}),
    )


def read_results(
    reader: Reader, containers: list[Element], alternatives: dict[str, Item]
) -> pd.Series | None:
    container = _pick(reader, containers, SCORES, "results")
    if container is None:
        return None
    values = _values_by_id(
        reader, container, "alternativesValues", "alternativeID", alternatives, "alternatives"
    )
    kept = {alternatives[i].name: v for i, v in values.items() if alternatives[i].active}
    return pd.Series(
        list(kept.values()),
        index=pd.Index(list(kept), name="option", dtype=object),
        name="score",
        dtype=np.float64,
    )
