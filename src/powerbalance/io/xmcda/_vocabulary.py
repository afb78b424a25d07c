"""The words both directions share: versions, namespaces, tags, markers and ids.

Examples
--------
>>> item_tag("criteriaValues", "3.1.1"), item_tag("criteriaValues", "4.0.0")
('criterionValue', 'criterionValues')
>>> make_ids(["Trade gains", "Trade-gains", "2030 target", "Trade gains!"], prefix="c")
('Trade_gains', 'Trade-gains', 'c_2030_target', 'Trade_gains_2')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "AREA",
    "BASELINE",
    "DEFAULT_AREA",
    "FILE_NAMES",
    "HIGH_ANCHOR",
    "LOW_ANCHOR",
    "NAMESPACES",
    "ROOT_TAGS",
    "SCORES",
    "UNIT",
    "VALUE_FUNCTIONS",
    "VERSIONS",
    "WEIGHTS",
    "item_tag",
    "item_tags",
    "make_ids",
]

VERSIONS: tuple[str, ...] = ("4.0.0", "3.1.1")
"""The XMCDA versions powerbalance writes, newest first; it reads 3.0.0 to 4.0.0.

Examples
--------
>>> VERSIONS
('4.0.0', '3.1.1')
"""

#: The namespace of every XMCDA version powerbalance reads (3.x and 4.0.0).
NAMESPACES: dict[str, str] = {
    "4.0.0": "http://www.decision-deck.org/2021/XMCDA-4.0.0",
    "3.1.1": "http://www.decision-deck.org/2019/XMCDA-3.1.1",
    "3.1.0": "http://www.decision-deck.org/2018/XMCDA-3.1.0",
    "3.0.2": "http://www.decision-deck.org/2018/XMCDA-3.0.2",
    "3.0.1": "http://www.decision-deck.org/2016/XMCDA-3.0.1",
    "3.0.0": "http://www.decision-deck.org/2013/XMCDA-3.0.0",
}

#: The root element's name, by major version.
ROOT_TAGS: dict[str, str] = {"4": "xmcda", "3": "XMCDA"}

DEFAULT_AREA = "General"
"""The area of the criteria that a file puts in no area (XMCDA has no notion of areas).

powerbalance writes each area as a ``criteriaSet`` marked ``mcdaConcept="area"``; a
criterion in no such set, as in files from other tools, is read into this area.

Examples
--------
>>> import powerbalance as pb
>>> from powerbalance.io import xmcda
>>> text = xmcda.to_xml(pb.Assessment(["A"], [pb.Criterion("x", area="Economic",
...     kind="benefit")], [[1.0]]))
>>> start, end = text.index("  <criteriaSets>"), text.index("</criteriaSets>") + 16
>>> xmcda.from_xml(text[:start] + text[end:]).assessment.areas == (DEFAULT_AREA,)
True
"""

# mcdaConcept markers: of a criteriaSet that is an area, of the alternativesSet holding
# the baseline, and of the criteriaValues, alternativesValues and criteriaFunctions that
# hold the weights, the results and the value functions.
AREA = "area"
BASELINE = "baseline"
WEIGHTS = "weights"
SCORES = "scores"
VALUE_FUNCTIONS = "valueFunctions"

# Keywords of a criterion's description (unit, a cost) and of its scale's description
# (anchors). XMCDA knows only the preference direction: "kind: cost" tells a cost from
# a risk, both ``min``.
UNIT = "unit:"
KIND = "kind:"
LOW_ANCHOR = "low anchor:"
HIGH_ANCHOR = "high anchor:"

#: The file each root element goes to when a document is split, as diviz modules
#: expect: named after the element, except the weights (``weights.xml``).
FILE_NAMES: dict[str, str] = {
    "alternatives": "alternatives.xml",
    "alternativesSets": "alternativesSets.xml",
    "criteria": "criteria.xml",
    "criteriaSets": "criteriaSets.xml",
    "performanceTable": "performanceTable.xml",
    "alternativesValues": "alternativesValues.xml",
    "criteriaFunctions": "criteriaFunctions.xml",
    "criteriaScales": "criteriaScales.xml",
    "criteriaValues": "weights.xml",
}

# The item element of a list element: singular in 3.x, plural in 4.0.0.
_ITEMS: dict[str, tuple[str, str]] = {
    "alternativesValues": ("alternativeValue", "alternativeValues"),
    "criteriaValues": ("criterionValue", "criterionValues"),
    "criteriaScales": ("criterionScale", "criterionScales"),
    "criteriaFunctions": ("criterionFunction", "criterionFunctions"),
}


def item_tag(container: str, version: str) -> str:
    """The name of the items of a list element in an XMCDA version.

    Examples
    --------
    >>> item_tag("criteriaScales", "4.0.0")
    'criterionScales'
    """
    singular, plural = _ITEMS[container]
    return plural if version.startswith("4") else singular


def item_tags(container: str) -> tuple[str, str]:
    """Both spellings of the items of a list element (a reader accepts either).

    Examples
    --------
    >>> item_tags("alternativesValues")
    ('alternativeValue', 'alternativeValues')
    """
    return _ITEMS[container]


_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]+")
_ID_START = re.compile(r"[A-Za-z_]")


def make_ids(names: Iterable[str], prefix: str) -> tuple[str, ...]:
    """Readable, unique XML ids (NCNames) for names: unsafe characters become ``_``.

    An id that would not start with a letter or ``_`` gets ``prefix + "_"`` in front;
    a repeated id gets ``_2``, ``_3``, ... after it. The names themselves travel in
    the ``name`` attribute.

    Examples
    --------
    >>> make_ids(["Status quo", "Status-quo", "Status quo?"], prefix="a")
    ('Status_quo', 'Status-quo', 'Status_quo_2')
    >>> make_ids(["", "été"], prefix="a")
    ('a', 't')
    """
    ids: list[str] = []
    used: set[str] = set()
    for name in names:
        base = _NOT_ID.sub("_", name).strip("_")
        if not base:
            base = prefix
        elif not _ID_START.match(base):
            base = f"{prefix}_{base}"
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}_{number}", number + 1
        used.add(candidate)
        ids.append(candidate)
    return tuple(ids)
