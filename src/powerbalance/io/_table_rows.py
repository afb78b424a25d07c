"""A study as the rows of its tables, for a CSV file or the sheets of a workbook.

Values stay numbers in the rows; :func:`csv_text` writes each float as the shortest
text that reads back to the same number.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from powerbalance.io._document import FORMAT
from powerbalance.io._document_criteria import write_value_function
from powerbalance.io._document_scores import distribution_fields
from powerbalance.io._formulas import escape_formula
from powerbalance.io._table import (
    CRITERIA_COLUMNS,
    CRITERION_ROWS,
    LONG_COLUMNS,
    OPTION_COLUMNS,
    PRESET_COLUMNS,
)
from powerbalance.io._weightings import write_weighting
from powerbalance.model import Assessment
from powerbalance.model.study import Study

__all__ = [
    "criteria_rows",
    "csv_text",
    "long_rows",
    "number_text",
    "option_rows",
    "preset_rows",
    "study_rows",
    "wide_rows",
]


def number_text(value: float) -> str:
    """A number as the shortest text that reads back to the same float."""
    if math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


def _criterion_cells(assessment: Assessment) -> list[dict[str, Any]]:
    rows = []
    for criterion in assessment.criteria:
        cells: dict[str, Any] = {
            "criterion": criterion.name,
            "area": criterion.area,
            "kind": criterion.kind,
            "unit": criterion.unit,
            "description": criterion.description,
        }
        if criterion.scale is not None:
            cells["scale_low"], cells["scale_high"] = criterion.scale
        if criterion.anchors is not None:
            cells["anchor_low"], cells["anchor_high"] = criterion.anchors
        if criterion.value_function is not None:
            cells["value_function"] = json.dumps(
                write_value_function(criterion.value_function, criterion.name)
            )
        rows.append(cells)
    return rows


def _used(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], always: int) -> list[str]:
    used = [
        column
        for k, column in enumerate(columns)
        if k < always or any(row.get(column) not in (None, "") for row in rows)
    ]
    return used


def criteria_rows(assessment: Assessment) -> list[list[Any]]:
    """The criteria table: a header row, then one row per criterion."""
    cells = _criterion_cells(assessment)
    columns = _used(cells, CRITERIA_COLUMNS, always=3)
    return [columns, *[[row.get(c, "") for c in columns] for row in cells]]


def wide_rows(assessment: Assessment, *, header_block: bool) -> list[list[Any]]:
    """The wide table, with the criteria's attribute rows above the header if asked."""
    rows: list[list[Any]] = []
    if header_block:
        cells = _criterion_cells(assessment)
        for label in _used(cells, CRITERION_ROWS, always=2):
            rows.append([label, *[row.get(label, "") for row in cells]])
    rows.append(["option", *assessment.criterion_names])
    for option, scores in zip(assessment.option_names, assessment.scores, strict=True):
        rows.append([option, *(float(score) for score in scores)])
    return rows


def long_rows(assessment: Assessment) -> list[list[Any]]:
    """The long table: one row per score, with its uncertainty and rationale."""
    cells: list[dict[str, Any]] = []
    for i, option in enumerate(assessment.option_names):
        for j, criterion in enumerate(assessment.criterion_names):
            score = float(assessment.scores[i, j])
            row: dict[str, Any] = {"option": option, "criterion": criterion, "score": score}
            distribution = assessment.uncertainty.get((option, criterion))
            if distribution is not None:
                row.update(distribution_fields(distribution, score))
            row["rationale"] = assessment.notes.get((option, criterion), "")
            cells.append(row)
    columns = _used(cells, LONG_COLUMNS, always=3)
    return [columns, *[[row.get(c, "") for c in columns] for row in cells]]


def option_rows(assessment: Assessment) -> list[list[Any]]:
    """The options sheet: name, description and the baseline flag."""
    rows: list[list[Any]] = [list(OPTION_COLUMNS)]
    for option in assessment.options:
        rows.append([option.name, option.description, option.name == assessment.baseline])
    return rows


def study_rows(study: Study) -> list[list[Any]]:
    """The study sheet: key and value rows."""
    a = study.assessment
    values = {
        "format": FORMAT,
        "name": a.name,
        "title": study.title,
        "description": a.description,
        "author": study.author,
        "date": study.date,
        "disclaimer": study.disclaimer,
        "scale_description": study.scale_description,
    }
    return [["key", "value"], *[[k, v] for k, v in values.items() if v]]


def preset_rows(study: Study) -> list[list[Any]]:
    """The presets sheet: each preset's name and its weighting as JSON."""
    rows: list[list[Any]] = [list(PRESET_COLUMNS)]
    for name, scheme in study.presets.items():
        table = write_weighting(scheme)
        if isinstance(table, str):
            table = {"scheme": table}
        rows.append([name, json.dumps(table, ensure_ascii=False)])
    return rows


def csv_text(rows: Sequence[Sequence[Any]]) -> str:
    """Rows as CSV text, numbers written exactly, text a spreadsheet would run quoted.

    Examples
    --------
    >>> print(csv_text([["option", "Gain"], ["=cmd()", -2.5]]), end="")
    option,Gain
    '=cmd(),-2.5
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    # csv quotes a field holding the line terminator "\n" but not a lone "\r", which
    # a reader takes for the end of a line: a row with one is quoted throughout.
    quoting = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        cells = [_cell(value) for value in row]
        carriage_return = any(isinstance(cell, str) and "\r" in cell for cell in cells)
        (quoting if carriage_return else writer).writerow(cells)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, str):
        return escape_formula(value)
    return value
