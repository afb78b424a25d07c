"""Reading XMCDA 3.x and 4.0.0 documents into an assessment, weights and results.

Here the roots are checked to be XMCDA documents of a known version, their elements
gathered by tag and handed to the readers of each part (alternatives and criteria,
the performance table, areas and baseline, scales, value functions, weights and
results), and the parts assembled.

Every problem in the files is collected, with the file, line, column and element path
where it is, and reported together in one :class:`~powerbalance.errors.StudyFileError`.

Examples
--------
>>> from powerbalance.io._xml import parse
>>> root = parse(b'''<xmcda xmlns="http://www.decision-deck.org/2021/XMCDA-4.0.0">
...   <performanceTable>
...     <alternativePerformances>
...       <alternativeID>a1</alternativeID>
...       <performance><criterionID>c1</criterionID>
...         <values><value><real>1.5</real></value></values></performance>
...     </alternativePerformances>
...   </performanceTable>
... </xmcda>''', "table.xml")
>>> document = read_roots([root])
>>> document.assessment.to_frame()
criterion   c1
option
a1         1.5
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import partial

from powerbalance.io._xml import Element
from powerbalance.io.xmcda._document import XMCDADocument
from powerbalance.io.xmcda._elements import comment_text
from powerbalance.io.xmcda._functions import read_value_functions
from powerbalance.io.xmcda._items import check_names, implied, read_items
from powerbalance.io.xmcda._reader import Reader
from powerbalance.io.xmcda._scales import Scale, read_scales
from powerbalance.io.xmcda._sets import read_areas, read_baseline
from powerbalance.io.xmcda._table import find_table, read_cells, score_matrix
from powerbalance.io.xmcda._values import read_results, read_weights
from powerbalance.io.xmcda._vocabulary import DEFAULT_AREA, NAMESPACES, ROOT_TAGS
from powerbalance.model import Assessment, Criterion, Kind, Option

__all__ = ["read_roots"]

_VERSION_OF = {namespace: version for version, namespace in NAMESPACES.items()}


def _version(reader: Reader, root: Element) -> str | None:
    version = _VERSION_OF.get(root.namespace)
    if version is None:
        if "XMCDA-2" in root.namespace:
            found = f"an XMCDA 2 document (namespace {root.namespace!r})"
            hint = " XMCDA 2 is not supported; convert the file to XMCDA 3 or 4 first."
        elif root.namespace:
            found = f"<{root.tag}> in namespace {root.namespace!r}"
            hint = ""
        else:
            found = f"<{root.tag}> in no namespace"
            hint = " Declare the XMCDA namespace on the root element."
        reader.problem(
            root,
            f"expected an XMCDA document: <xmcda> in namespace "
            f"{NAMESPACES['4.0.0']!r} (XMCDA 4.0.0) or <XMCDA> in an XMCDA 3 namespace "
            f"such as {NAMESPACES['3.1.1']!r}; found {found}.{hint}",
        )
        return None
    expected = ROOT_TAGS[version[0]]
    if root.tag != expected:
        reader.problem(
            root,
            f"expected the root element <{expected}> of XMCDA {version}; found <{root.tag}>.",
        )
        return None
    return version


def _read(reader: Reader, roots: Sequence[Element]) -> XMCDADocument | None:
    versions = [v for v in (_version(reader, root) for root in roots) if v is not None]
    if len(versions) < len(roots):
        return None
    by_tag: dict[str, list[Element]] = defaultdict(list)
    for root in roots:
        for element in root:
            by_tag[element.tag].append(element)

    table = find_table(reader, by_tag["performanceTable"], roots)
    alternatives = read_items(reader, by_tag["alternatives"], "alternative")
    criteria = read_items(reader, by_tag["criteria"], "criterion")
    if table is None:
        return None
    declared_alternatives = bool(by_tag["alternatives"])
    declared_criteria = bool(by_tag["criteria"])
    cells = read_cells(
        reader,
        table,
        alternatives if declared_alternatives else None,
        criteria if declared_criteria else None,
    )
    if not declared_alternatives:
        alternatives = implied(cells.alternative_elements)
    if not declared_criteria:
        criteria = implied(cells.criterion_elements)
    options = [item for item in alternatives.values() if item.active]
    columns = [item for item in criteria.values() if item.active]
    check_names(reader, options, "alternative")
    check_names(reader, columns, "criterion")

    areas = read_areas(reader, by_tag["criteriaSets"], criteria)
    baseline = read_baseline(reader, by_tag["alternativesSets"], alternatives)
    scales = read_scales(reader, by_tag["criteriaScales"], criteria)
    functions = read_value_functions(reader, by_tag["criteriaFunctions"], criteria)
    weights = read_weights(reader, by_tag["criteriaValues"], criteria, columns)
    results = read_results(reader, by_tag["alternativesValues"], alternatives)

    scores = score_matrix(reader, table, cells, options, columns, scales)
    built_criteria = []
    for item in columns:
        scale = scales.get(item.id, Scale())
        built = reader.attempt(
            item.element,
            partial(
                Criterion,
                item.name,
                area=areas.get(item.id, DEFAULT_AREA),
                kind=_kind(scale.direction, item.kind),
                description=item.description,
                unit=item.unit,
                scale=scale.bounds,
                anchors=scale.anchors,
                value_function=functions.get(item.id),
            ),
        )
        if built is not None:
            built_criteria.append(built)
    if reader.problems or scores is None:
        return None

    comment = comment_text(table)
    assessment = reader.attempt(
        table,
        lambda: Assessment(
            options=[Option(item.name, description=item.description) for item in options],
            criteria=built_criteria,
            scores=scores,
            notes={
                (alternatives[a].name, criteria[c].name): note
                for (a, c), note in cells.notes.items()
                if alternatives[a].active and criteria[c].active
            },
            name=table.attributes.get("name", ""),
            description=comment,
            baseline=baseline,
        ),
    )
    if assessment is None:
        return None
    return reader.attempt(
        table,
        lambda: XMCDADocument(
            assessment,
            weights=weights,
            results=results,
            version=max(versions, key=_version_key),
        ),
    )


def _kind(direction: str | None, keyword: str) -> Kind:
    """A criterion's kind from its preference direction; ``min`` with ``kind: cost`` is a cost."""
    if direction != "min":
        return "benefit"
    return "cost" if keyword == "cost" else "risk"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def read_roots(roots: Sequence[Element]) -> XMCDADocument:
    """The document held by the parsed root elements of one or more XMCDA files.

    Raises
    ------
    StudyFileError
        Listing every problem found, each with file, line, column and element path.
    """
    reader = Reader()
    document = _read(reader, roots)
    reader.raise_if_any()
    assert document is not None  # every way to None records a problem
    return document
