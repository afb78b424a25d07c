"""Reading XMCDA 3.x and 4.0.0 documents into an assessment, weights and results.

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

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TypeVar

import attrs
import numpy as np
import pandas as pd

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.errors import PowerbalanceError, Problem, StudyFileError
from powerbalance.io._xml import Element
from powerbalance.io.xmcda._document import XMCDADocument
from powerbalance.io.xmcda._vocabulary import (
    AREA,
    BASELINE,
    DEFAULT_AREA,
    HIGH_ANCHOR,
    LOW_ANCHOR,
    NAMESPACES,
    ROOT_TAGS,
    SCORES,
    UNIT,
    VALUE_FUNCTIONS,
    WEIGHTS,
    item_tags,
)
from powerbalance.model import Assessment, Criterion, Option
from powerbalance.model.value import Piecewise
from powerbalance.model.weights import Weights

__all__ = ["MAX_PROBLEMS", "read_roots"]

#: At most this many problems are listed; a count of the rest follows them.
MAX_PROBLEMS = 200

T = TypeVar("T")

# xs:double and xs:int, as the XSD defines their lexical forms.
_DOUBLE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN")
_INT = re.compile(r"[+-]?\d+")

_VERSION_OF = {namespace: version for version, namespace in NAMESPACES.items()}


@attrs.define
class _Item:
    """An alternative or criterion as declared in the file."""

    id: str
    name: str
    description: str
    element: Element
    active: bool = True
    unit: str = ""


class _Reader:
    """Walks the parsed files, collecting a problem wherever one is found."""

    def __init__(self) -> None:
        # (element, problem without its path): a path is worked out only for the
        # problems shown, as a file with thousands of wrong cells has thousands.
        self.problems: list[tuple[Element | None, Problem]] = []

    # -- reporting --------------------------------------------------------------------

    def problem(self, element: Element, message: str) -> None:
        located = Problem(
            file=element.source, line=element.line, column=element.column, message=message
        )
        self.problems.append((element, located))

    def raise_if_any(self) -> None:
        if not self.problems:
            return
        # In file order; problems without a place come after the located ones.
        ordered = sorted(
            self.problems,
            key=lambda found: (
                found[1].file or "",
                found[1].line is None,
                found[1].line or 0,
                found[1].column or 0,
            ),
        )
        shown = [
            problem if element is None else attrs.evolve(problem, path=element.path)
            for element, problem in ordered[:MAX_PROBLEMS]
        ]
        if len(ordered) > MAX_PROBLEMS:
            shown.append(
                Problem(
                    file=shown[-1].file,
                    message=f"and {len(ordered) - MAX_PROBLEMS} more problems, not "
                    "listed; correct these first.",
                )
            )
        raise StudyFileError(problems=shown)

    # -- small readers ----------------------------------------------------------------

    def attempt(self, element: Element, build: Callable[[], T]) -> T | None:
        """``build()``, or None after recording its error as a problem at ``element``."""
        try:
            return build()
        except PowerbalanceError as error:
            self.problem(element, str(error))
            return None

    def child_text(self, element: Element, tag: str) -> str | None:
        """The stripped text of the required child ``tag`` (a reference such as an id)."""
        child = element.child(tag)
        if child is None:
            found = _describe_children(element)
            self.problem(element, f"expected a <{tag}> element; found {found}.")
            return None
        text = child.text.strip()
        if not text:
            self.problem(child, f"expected the id of an element in <{tag}>; found nothing.")
            return None
        return text

    def number(self, holder: Element) -> float | None:
        """The number held by a ``value`` (or ``minimum``, ``abscissa``...) element."""
        children = holder.children
        if len(children) != 1:
            self.problem(
                holder,
                f"expected one number (<real>, <integer> or <rational>); found "
                f"{_describe_children(holder)}.",
            )
            return None
        element = children[0]
        text = element.text.strip()
        number: float | None = None
        if element.tag == "real":
            if _DOUBLE.fullmatch(text):
                number = float(text.replace("INF", "inf"))
            else:
                self.problem(element, f"expected a number (xs:double); found {text!r}.")
                return None
        elif element.tag == "integer":
            if _INT.fullmatch(text):
                number = float(int(text))
            else:
                self.problem(element, f"expected a whole number (xs:int); found {text!r}.")
                return None
        elif element.tag == "rational":
            number = self.rational(element)
            if number is None:
                return None
        elif element.tag == "NA":
            self.problem(element, "expected a number; found <NA/> (not available).")
            return None
        else:
            self.problem(
                element,
                f"expected a number (<real>, <integer> or <rational>); found <{element.tag}>.",
            )
            return None
        if not math.isfinite(number):
            self.problem(element, f"expected a finite number; found {text!r}.")
            return None
        return number

    def rational(self, element: Element) -> float | None:
        parts = []
        for tag in ("numerator", "denominator"):
            child = element.child(tag)
            text = child.text.strip() if child is not None else ""
            if child is None or not _INT.fullmatch(text):
                found = repr(text) if child is not None else "nothing"
                self.problem(
                    child or element, f"expected a whole number as <{tag}>; found {found}."
                )
                return None
            parts.append(int(text))
        if parts[1] == 0:
            self.problem(element, "expected a non-zero <denominator>; found 0.")
            return None
        return parts[0] / parts[1]

    def single_value(self, element: Element) -> float | None:
        """The one number in the ``<values>`` child of ``element``."""
        values = element.child("values")
        if values is None:
            self.problem(
                element, f"expected a <values> element; found {_describe_children(element)}."
            )
            return None
        items = values.children_named("value")
        if len(items) != 1:
            self.problem(values, f"expected exactly one <value>; found {len(items)}.")
            return None
        return self.number(items[0])

    def active(self, element: Element) -> bool:
        child = element.child("active")
        if child is None:
            return True
        text = child.text.strip()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        self.problem(child, f"expected true or false; found {text!r}.")
        return True

    # -- the document -----------------------------------------------------------------

    def version(self, root: Element) -> str | None:
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
            self.problem(
                root,
                f"expected an XMCDA document: <xmcda> in namespace "
                f"{NAMESPACES['4.0.0']!r} (XMCDA 4.0.0) or <XMCDA> in an XMCDA 3 namespace "
                f"such as {NAMESPACES['3.1.1']!r}; found {found}.{hint}",
            )
            return None
        expected = ROOT_TAGS[version[0]]
        if root.tag != expected:
            self.problem(
                root,
                f"expected the root element <{expected}> of XMCDA {version}; found <{root.tag}>.",
            )
            return None
        return version

    def read(self, roots: Sequence[Element]) -> XMCDADocument | None:
        versions = [v for v in (self.version(root) for root in roots) if v is not None]
        if len(versions) < len(roots):
            return None
        by_tag: dict[str, list[Element]] = defaultdict(list)
        for root in roots:
            for element in root:
                by_tag[element.tag].append(element)

        table = self.table(by_tag["performanceTable"], roots)
        alternatives = self.items(by_tag["alternatives"], "alternative")
        criteria = self.items(by_tag["criteria"], "criterion")
        if table is None:
            return None
        declared_alternatives = bool(by_tag["alternatives"])
        declared_criteria = bool(by_tag["criteria"])
        cells = self.cells(
            table,
            alternatives if declared_alternatives else None,
            criteria if declared_criteria else None,
        )
        if not declared_alternatives:
            alternatives = _implied(cells.alternative_elements)
        if not declared_criteria:
            criteria = _implied(cells.criterion_elements)
        options = [item for item in alternatives.values() if item.active]
        columns = [item for item in criteria.values() if item.active]
        self.check_names(options, "alternative")
        self.check_names(columns, "criterion")

        areas = self.areas(by_tag["criteriaSets"], criteria)
        baseline = self.baseline(by_tag["alternativesSets"], alternatives)
        scales = self.scales(by_tag["criteriaScales"], criteria)
        functions = self.value_functions(by_tag["criteriaFunctions"], criteria)
        weights = self.weights(by_tag["criteriaValues"], criteria, columns)
        results = self.results(by_tag["alternativesValues"], alternatives)

        scores = self.score_matrix(table, cells, options, columns, scales)
        built_criteria = []
        for item in columns:
            scale = scales.get(item.id, _Scale())
            built = self.attempt(
                item.element,
                partial(
                    Criterion,
                    item.name,
                    area=areas.get(item.id, DEFAULT_AREA),
                    kind="risk" if scale.direction == "min" else "benefit",
                    description=item.description,
                    unit=item.unit,
                    scale=scale.bounds,
                    anchors=scale.anchors,
                    value_function=functions.get(item.id),
                ),
            )
            if built is not None:
                built_criteria.append(built)
        if self.problems or scores is None:
            return None

        comment = _comment(table)
        assessment = self.attempt(
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
        return self.attempt(
            table,
            lambda: XMCDADocument(
                assessment,
                weights=weights,
                results=results,
                version=max(versions, key=_version_key),
            ),
        )

    # -- alternatives and criteria ----------------------------------------------------

    def items(self, containers: list[Element], tag: str) -> dict[str, _Item]:
        items: dict[str, _Item] = {}
        for container in containers:
            for element in container.children_named(tag):
                identifier = element.attributes.get("id", "")
                if not identifier.strip():
                    self.problem(element, f"expected an id attribute on <{tag}>; found none.")
                    continue
                if identifier in items:
                    first = items[identifier].element
                    self.problem(
                        element,
                        f"expected each {tag} id once; found id {identifier!r} again (first "
                        f"at {_where(first)}).",
                    )
                    continue
                name = element.attributes.get("name", "")
                unit = ""
                for keyword in _keywords(element):
                    unit = _after(keyword, UNIT, unit)
                items[identifier] = _Item(
                    id=identifier,
                    name=name if name.strip() else identifier,
                    description=_comment(element),
                    element=element,
                    active=self.active(element),
                    unit=unit,
                )
        return items

    def check_names(self, items: list[_Item], tag: str) -> None:
        seen: dict[str, _Item] = {}
        for item in items:
            if item.name in seen:
                self.problem(
                    item.element,
                    f"expected each {tag} to have its own name; found the name {item.name!r} "
                    f"again (also {tag} {seen[item.name].id!r} at "
                    f"{_where(seen[item.name].element)}). Rename one of them.",
                )
            seen[item.name] = item

    def reference(
        self, element: Element, tag: str, known: dict[str, _Item] | None, what: str
    ) -> str | None:
        """The id in the child ``tag`` of ``element``, checked to be one of ``known``."""
        identifier = self.child_text(element, tag)
        if identifier is None or known is None or identifier in known:
            return identifier
        self.problem(
            element.child(tag) or element,
            f"expected the id of one of the {what} ({quoted_list(known)}); found "
            f"{identifier!r}." + did_you_mean(identifier, known),
        )
        return None

    # -- the performance table --------------------------------------------------------

    def table(self, tables: list[Element], roots: Sequence[Element]) -> Element | None:
        if not tables:
            files = quoted_list(dict.fromkeys(root.source for root in roots))
            self.problems.append(
                (
                    None,
                    Problem(
                        file=roots[0].source if len(roots) == 1 else None,
                        message=f"expected a <performanceTable> with the performance of "
                        f"every alternative on every criterion; found none in {files}.",
                    ),
                )
            )
            return None
        for extra in tables[1:]:
            self.problem(
                extra,
                f"expected one <performanceTable>; found another (the first is at "
                f"{_where(tables[0])}). Give the files of one performance table only.",
            )
        return tables[0]

    def cells(
        self,
        table: Element,
        alternatives: dict[str, _Item] | None,
        criteria: dict[str, _Item] | None,
    ) -> _Cells:
        cells = _Cells()
        for row in table.children_named("alternativePerformances"):
            alternative = self.reference(row, "alternativeID", alternatives, "alternatives")
            if alternative is None:
                continue
            if alternative in cells.rows:
                self.problem(
                    row,
                    f"expected one <alternativePerformances> per alternative; found "
                    f"{alternative!r} again (first at {_where(cells.rows[alternative])}).",
                )
                continue
            cells.rows[alternative] = row
            cells.alternative_elements.setdefault(alternative, row)
            for performance in row.children_named("performance"):
                criterion = self.reference(performance, "criterionID", criteria, "criteria")
                if criterion is None:
                    continue
                cells.criterion_elements.setdefault(criterion, performance)
                key = (alternative, criterion)
                if key in cells.numbers:
                    self.problem(
                        performance,
                        f"expected one performance of alternative {alternative!r} on "
                        f"criterion {criterion!r}; found another (first at "
                        f"{_where(cells.elements[key])}).",
                    )
                    continue
                cells.elements[key] = performance
                value = self.single_value(performance)
                if value is not None:
                    cells.numbers[key] = value
                note = _comment(performance)
                if note:
                    cells.notes[key] = note
        return cells

    def score_matrix(
        self,
        table: Element,
        cells: _Cells,
        options: list[_Item],
        columns: list[_Item],
        scales: dict[str, _Scale],
    ) -> np.ndarray[tuple[int, int], np.dtype[np.float64]] | None:
        if not options:
            self.problem(table, "expected at least one active alternative; found none.")
        if not columns:
            self.problem(table, "expected at least one active criterion; found none.")
        scores = np.full((len(options), len(columns)), np.nan)
        for i, option in enumerate(options):
            row = cells.rows.get(option.id)
            if row is None:
                self.problem(
                    table,
                    f"expected the performances of alternative {option.id!r} "
                    f"({option.name!r}, declared at {_where(option.element)}); found no "
                    "<alternativePerformances> for it.",
                )
                continue
            missing = []
            for j, column in enumerate(columns):
                key = (option.id, column.id)
                if key not in cells.elements:
                    missing.append(column.id)
                    continue
                value = cells.numbers.get(key)
                if value is None:
                    continue  # reported where it was read
                bounds = scales.get(column.id, _Scale()).bounds
                if bounds is not None and not bounds[0] <= value <= bounds[1]:
                    self.problem(
                        cells.elements[key],
                        f"expected a performance within the scale of criterion "
                        f"{column.id!r}, {bounds[0]:g} to {bounds[1]:g}; found {value:g}. "
                        "Correct the performance or widen the scale in <criteriaScales>.",
                    )
                    continue
                scores[i, j] = value
            if missing:
                self.problem(
                    row,
                    f"expected a performance of alternative {option.id!r} on every "
                    f"criterion; found none on {quoted_list(missing)}.",
                )
        return None if self.problems else scores

    # -- areas and baseline -----------------------------------------------------------

    def areas(self, containers: list[Element], criteria: dict[str, _Item]) -> dict[str, str]:
        areas: dict[str, str] = {}
        where: dict[str, Element] = {}
        for container in containers:
            for group in container.children_named("criteriaSet"):
                if group.attributes.get("mcdaConcept", "").casefold() != AREA:
                    continue
                name = group.attributes.get("name", "") or group.attributes.get("id", "")
                if not name.strip():
                    self.problem(group, "expected the area's name in a name attribute; found none.")
                    continue
                for element in group.children_named("element"):
                    criterion = self.reference(element, "criterionID", criteria, "criteria")
                    if criterion is None:
                        continue
                    if criterion in areas and areas[criterion] != name:
                        self.problem(
                            element,
                            f"expected criterion {criterion!r} in one area; found it in "
                            f"{areas[criterion]!r} (at {_where(where[criterion])}) and "
                            f"{name!r}.",
                        )
                        continue
                    areas[criterion] = name
                    where[criterion] = element
        return areas

    def baseline(self, containers: list[Element], alternatives: dict[str, _Item]) -> str | None:
        found: list[tuple[str, Element]] = []
        for container in containers:
            for group in container.children_named("alternativesSet"):
                if group.attributes.get("mcdaConcept", "").casefold() != BASELINE:
                    continue
                for element in group.children_named("element"):
                    identifier = self.reference(
                        element, "alternativeID", alternatives, "alternatives"
                    )
                    if identifier is not None:
                        found.append((identifier, element))
        if len(found) > 1:
            self.problem(
                found[1][1],
                f"expected one baseline alternative; found {len(found)}: "
                f"{quoted_list(identifier for identifier, _ in found)}.",
            )
            return None
        if not found or not alternatives[found[0][0]].active:
            return None
        return alternatives[found[0][0]].name

    # -- scales and value functions ---------------------------------------------------

    def scales(self, containers: list[Element], criteria: dict[str, _Item]) -> dict[str, _Scale]:
        by_id: dict[str, Element] = {}
        for container in containers:
            for scale in _descendants(container, "scale"):
                identifier = scale.attributes.get("id")
                if identifier:
                    by_id.setdefault(identifier, scale)
        scales: dict[str, _Scale] = {}
        seen: dict[str, Element] = {}
        for container in containers:
            for item in container.children:
                if item.tag not in item_tags("criteriaScales"):
                    continue
                criterion = self.reference(item, "criterionID", criteria, "criteria")
                if criterion is None:
                    continue
                if criterion in seen:
                    self.problem(
                        item,
                        f"expected the scales of criterion {criterion!r} once; found them "
                        f"again (first at {_where(seen[criterion])}).",
                    )
                    continue
                seen[criterion] = item
                scales[criterion] = self.scale(item, by_id)
        return scales

    def scale(self, item: Element, by_id: dict[str, Element]) -> _Scale:
        result = _Scale()
        holder = item.child("scales")
        if holder is None:
            self.problem(item, f"expected a <scales> element; found {_describe_children(item)}.")
            return result
        directions: list[tuple[str, Element]] = []
        for entry in holder.children:
            if entry.tag == "scaleID":
                reference = entry.text.strip()
                scale = by_id.get(reference)
                if scale is None:
                    self.problem(
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
                    self.problem(direction, f"expected 'min' or 'max'; found {text!r}.")
                else:
                    directions.append((text, direction))
            if kind.tag == "quantitative" and result.bounds is None:
                result.bounds = self.bounds(kind)
        if len({text for text, _ in directions}) > 1:
            self.problem(
                directions[1][1],
                f"expected one preference direction for the criterion; found "
                f"{directions[0][0]!r} (at {_where(directions[0][1])}) and "
                f"{directions[1][0]!r}.",
            )
        elif directions:
            result.direction = directions[0][0]
        low = high = ""
        for keyword in _keywords(item):
            low = _after(keyword, LOW_ANCHOR, low)
            high = _after(keyword, HIGH_ANCHOR, high)
        if low or high:
            result.anchors = (low, high)
        return result

    def bounds(self, quantitative: Element) -> tuple[float, float] | None:
        minimum, maximum = quantitative.child("minimum"), quantitative.child("maximum")
        if minimum is None or maximum is None:
            return None  # an open scale: powerbalance takes the options' range
        low, high = self.number(minimum), self.number(maximum)
        if low is None or high is None:
            return None
        if not low < high:
            self.problem(
                quantitative,
                f"expected a <minimum> below the <maximum>; found {low:g} and {high:g}.",
            )
            return None
        return (low, high)

    def value_functions(
        self, containers: list[Element], criteria: dict[str, _Item]
    ) -> dict[str, Piecewise]:
        functions: dict[str, Piecewise] = {}
        for container in containers:
            if container.attributes.get("mcdaConcept", "").casefold() != VALUE_FUNCTIONS.casefold():
                continue  # functions of other tools, such as marginal utilities
            for item in container.children:
                if item.tag not in item_tags("criteriaFunctions"):
                    continue
                criterion = self.reference(item, "criterionID", criteria, "criteria")
                if criterion is None:
                    continue
                lines = [
                    line
                    for function in _descendants(item, "function")
                    if (line := function.child("piecewiseLinear")) is not None
                ]
                if not lines:
                    self.problem(
                        item,
                        "expected a value function as <function><piecewiseLinear>; found "
                        f"{_describe_children(item)}.",
                    )
                    continue
                points = self.points(lines[0])
                if points is None:
                    continue
                function = self.attempt(lines[0], partial(Piecewise, points=points))
                if function is not None:
                    functions[criterion] = function
        return functions

    def points(self, piecewise: Element) -> list[tuple[float, float]] | None:
        points: list[tuple[float, float]] = []
        ok = True
        for segment in piecewise.children_named("segment"):
            for tag in ("head", "tail"):
                end = segment.child(tag)
                if end is None:
                    self.problem(segment, f"expected a <{tag}> in the segment; found none.")
                    ok = False
                    continue
                if tag == "head" and not end.children and points:
                    continue  # an empty head continues from the previous tail (4.0.0)
                abscissa, ordinate = end.child("abscissa"), end.child("ordinate")
                if abscissa is None or ordinate is None:
                    self.problem(
                        end,
                        "expected an <abscissa> and an <ordinate>; found "
                        f"{_describe_children(end)}.",
                    )
                    ok = False
                    continue
                x, y = self.number(abscissa), self.number(ordinate)
                if x is None or y is None:
                    ok = False
                    continue
                if not points or points[-1] != (x, y):
                    points.append((x, y))
        return points if ok else None

    # -- weights and results ----------------------------------------------------------

    def pick(self, containers: list[Element], concept: str, what: str) -> Element | None:
        marked = [
            c for c in containers if c.attributes.get("mcdaConcept", "").casefold() == concept
        ]
        if len(marked) == 1:
            return marked[0]
        if len(marked) > 1:
            self.problem(
                marked[1],
                f"expected one <{marked[0].tag} mcdaConcept={concept!r}> with the {what}; "
                f"found another (the first is at {_where(marked[0])}).",
            )
            return None
        if len(containers) == 1:
            return containers[0]
        if containers:
            self.problem(
                containers[1],
                f"expected one <{containers[0].tag}> with the {what}, or one marked "
                f"mcdaConcept={concept!r}; found {len(containers)} unmarked ones (the first "
                f"at {_where(containers[0])}). Mark the one with the {what}, or read the "
                "other files separately.",
            )
        return None

    def values_by_id(
        self, container: Element, tag: str, reference: str, known: dict[str, _Item], what: str
    ) -> dict[str, float]:
        values: dict[str, float] = {}
        where: dict[str, Element] = {}
        for item in container.children:
            if item.tag not in item_tags(tag):
                continue
            identifier = self.reference(item, reference, known, what)
            if identifier is None:
                continue
            if identifier in where:
                self.problem(
                    item,
                    f"expected one value for {identifier!r}; found another (first at "
                    f"{_where(where[identifier])}).",
                )
                continue
            where[identifier] = item
            value = self.single_value(item)
            if value is not None:
                values[identifier] = value
        return values

    def weights(
        self, containers: list[Element], criteria: dict[str, _Item], columns: list[_Item]
    ) -> Weights | None:
        container = self.pick(containers, WEIGHTS, "weights")
        if container is None:
            return None
        values = self.values_by_id(container, "criteriaValues", "criterionID", criteria, "criteria")
        missing = [item.id for item in columns if item.id not in values]
        if missing:
            self.problem(
                container,
                f"expected a weight for every criterion; found none for {quoted_list(missing)}."
                " Give 0 to leave a criterion out.",
            )
            return None
        return self.attempt(
            container,
            lambda: Weights.from_mapping({item.name: values[item.id] for item in columns}),
        )

    def results(
        self, containers: list[Element], alternatives: dict[str, _Item]
    ) -> pd.Series | None:
        container = self.pick(containers, SCORES, "results")
        if container is None:
            return None
        values = self.values_by_id(
            container, "alternativesValues", "alternativeID", alternatives, "alternatives"
        )
        kept = {alternatives[i].name: v for i, v in values.items() if alternatives[i].active}
        return pd.Series(
            list(kept.values()),
            index=pd.Index(list(kept), name="option", dtype=object),
            name="score",
            dtype=np.float64,
        )


@attrs.define
class _Cells:
    """The performance table as read: values, notes and where each cell is."""

    rows: dict[str, Element] = attrs.Factory(dict)
    numbers: dict[tuple[str, str], float] = attrs.Factory(dict)
    notes: dict[tuple[str, str], str] = attrs.Factory(dict)
    elements: dict[tuple[str, str], Element] = attrs.Factory(dict)
    alternative_elements: dict[str, Element] = attrs.Factory(dict)
    criterion_elements: dict[str, Element] = attrs.Factory(dict)


@attrs.define
class _Scale:
    """What the criteriaScales say about one criterion."""

    direction: str | None = None
    bounds: tuple[float, float] | None = None
    anchors: tuple[str, str] | None = None


def _implied(elements: dict[str, Element]) -> dict[str, _Item]:
    """Alternatives or criteria named only by the performance table: id as name."""
    return {
        identifier: _Item(id=identifier, name=identifier, description="", element=element)
        for identifier, element in elements.items()
    }


def _descendants(element: Element, tag: str) -> Iterable[Element]:
    stack = list(reversed(element.children))
    while stack:
        node = stack.pop()
        if node.tag == tag:
            yield node
        stack.extend(reversed(node.children))


def _comment(element: Element) -> str:
    description = element.child("description")
    comment = description.child("comment") if description is not None else None
    return comment.text if comment is not None else ""


def _keywords(element: Element) -> list[str]:
    description = element.child("description")
    if description is None:
        return []
    return [keyword.text for keyword in description.children_named("keyword")]


def _after(keyword: str, prefix: str, default: str) -> str:
    """The text after ``prefix`` (case-insensitive, one space dropped), else ``default``."""
    if keyword[: len(prefix)].casefold() != prefix:
        return default
    rest = keyword[len(prefix) :]
    return rest[1:] if rest.startswith(" ") else rest


def _where(element: Element) -> str:
    return f"{element.source}:{element.line}:{element.column}"


def _describe_children(element: Element) -> str:
    tags = [f"<{child.tag}>" for child in element.children]
    if not tags:
        return "no child elements"
    return ", ".join(dict.fromkeys(tags))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def read_roots(roots: Sequence[Element]) -> XMCDADocument:
    """The document held by the parsed root elements of one or more XMCDA files.

    Raises
    ------
    StudyFileError
        Listing every problem found, each with file, line, column and element path.
    """
    reader = _Reader()
    document = reader.read(roots)
    reader.raise_if_any()
    assert document is not None  # every way to None records a problem
    return document
