"""The performance table: its cells, read and checked, and the matrix of scores.

The files must hold one ``<performanceTable>``; each alternative has one
``<alternativePerformances>`` with one ``<performance>`` per criterion, whose note is
its comment. The scores must lie within the criteria's scales.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np

from powerbalance._validate import quoted_list
from powerbalance.errors import Problem
from powerbalance.io._xml import Element
from powerbalance.io.xmcda._elements import comment_text, location
from powerbalance.io.xmcda._items import Item, reference
from powerbalance.io.xmcda._reader import Reader
from powerbalance.io.xmcda._scales import Scale

__all__ = ["Cells", "find_table", "read_cells", "score_matrix"]


@attrs.define
class Cells:
    """The performance table as read: values, notes and where each cell is."""

    rows: dict[str, Element] = attrs.Factory(dict)
    numbers: dict[tuple[str, str], float] = attrs.Factory(dict)
    notes: dict[tuple[str, str], str] = attrs.Factory(dict)
    elements: dict[tuple[str, str], Element] = attrs.Factory(dict)
    alternative_elements: dict[str, Element] = attrs.Factory(dict)
    criterion_elements: dict[str, Element] = attrs.Factory(dict)


def find_table(reader: Reader, tables: list[Element], roots: Sequence[Element]) -> Element | None:
    if not tables:
        files = quoted_list(dict.fromkeys(root.source for root in roots))
        reader.problems.append(
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
        reader.problem(
            extra,
            f"expected one <performanceTable>; found another (the first is at "
            f"{location(tables[0])}). Give the files of one performance table only.",
        )
    return tables[0]


def read_cells(
    reader: Reader,
    table: Element,
    alternatives: dict[str, Item] | None,
    criteria: dict[str, Item] | None,
) -> Cells:
    cells = Cells()
    for row in table.children_named("alternativePerformances"):
        alternative = reference(reader, row, "alternativeID", alternatives, "alternatives")
        if alternative is None:
            continue
        if alternative in cells.rows:
            reader.problem(
                row,
                f"expected one <alternativePerformances> per alternative; found "
                f"{alternative!r} again (first at {location(cells.rows[alternative])}).",
            )
            continue
        cells.rows[alternative] = row
        cells.alternative_elements.setdefault(alternative, row)
        for performance in row.children_named("performance"):
            criterion = reference(reader, performance, "criterionID", criteria, "criteria")
            if criterion is None:
                continue
            cells.criterion_elements.setdefault(criterion, performance)
            key = (alternative, criterion)
            if key in cells.numbers:
                reader.problem(
                    performance,
                    f"expected one performance of alternative {alternative!r} on "
                    f"criterion {criterion!r}; found another (first at "
                    f"{location(cells.elements[key])}).",
                )
                continue
            cells.elements[key] = performance
            value = reader.single_value(performance)
            if value is not None:
                cells.numbers[key] = value
            note = comment_text(performance)
            if note:
                cells.notes[key] = note
    return cells


def score_matrix(
    reader: Reader,
    table: Element,
    cells: Cells,
    options: list[Item],
    columns: list[Item],
    scales: dict[str, Scale],
) -> np.ndarray[tuple[int, int], np.dtype[np.float64]] | None:
    if not options:
        reader.problem(table, "expected at least one active alternative; found none.")
    if not columns:
        reader.problem(table, "expected at least one active criterion; found none.")
    scores = np.full((len(options), len(columns)), np.nan)
    for i, option in enumerate(options):
        row = cells.rows.get(option.id)
        if row is None:
            reader.problem(
                table,
                f"expected the performances of alternative {option.id!r} "
                f"({option.name!r}, declared at {location(option.element)}); found no "
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
            bounds = scales.get(column.id, Scale()).bounds
            if bounds is not None and not bounds[0] <= value <= bounds[1]:
                reader.problem(
                    cells.elements[key],
                    f"expected a performance within the scale of criterion "
                    f"{column.id!r}, {bounds[0]:g} to {bounds[1]:g}; found {value:g}. "
                    "Correct the performance or widen the scale in <criteriaScales>.",
                )
                continue
            scores[i, j] = value
        if missing:
            reader.problem(
                row,
                f"expected a performance of alternative {option.id!r} on every "
                f"criterion; found none on {quoted_list(missing)}.",
            )
    return None if reader.problems else scores
