"""Assessments as tables: CSV (wide and long) and the sheets of an Excel workbook.

Every table is turned into the same study document a TOML file parses to, with the
row and column of each cell recorded, so the checks (and their messages) are the
study file's own, located in the table.

Layouts (see ``docs/formats.md``):

- *wide*: a header row ``option, <criterion>, ...`` and one row per option; in a CSV
  file the criteria's attributes are rows above the header, labelled in their first
  cell (``area``, ``kind``, ``unit``, ...).
- *long*: columns ``option, criterion, score`` and optionally ``distribution, low,
  mode, high, mean, sd, rationale``, one row per score; in a CSV file the criteria
  are in the companion table ``<name>.criteria.csv``.
- *criteria*: one row per criterion, columns ``criterion, area, kind, unit, ...``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.io._document import (
    FORMAT,
    distribution_fields,
    write_value_function,
)
from powerbalance.io._problems import Collector, Location, Path
from powerbalance.io._weightings import write_weighting
from powerbalance.model import Assessment
from powerbalance.model.study import Study

__all__ = [
    "CRITERIA_COLUMNS",
    "CRITERION_ROWS",
    "LONG_COLUMNS",
    "Table",
    "criteria_rows",
    "long_rows",
    "parse_csv",
    "read_tables",
    "wide_rows",
]

#: Columns of the criteria table (and rows of a wide CSV file's header block).
CRITERIA_COLUMNS = (
    "criterion",
    "area",
    "kind",
    "unit",
    "scale_low",
    "scale_high",
    "anchor_low",
    "anchor_high",
    "value_function",
    "description",
)
#: The attribute rows a wide CSV file may have above its header.
CRITERION_ROWS = CRITERIA_COLUMNS[1:]
#: Columns of the long layout.
LONG_COLUMNS = (
    "option",
    "criterion",
    "score",
    "distribution",
    "low",
    "mode",
    "high",
    "mean",
    "sd",
    "rationale",
)
#: Columns of an Excel workbook's options sheet.
OPTION_COLUMNS = ("option", "description", "baseline")
#: Keys of an Excel workbook's study sheet.
STUDY_KEYS = (
    "format",
    "name",
    "title",
    "description",
    "author",
    "date",
    "disclaimer",
    "scale_description",
)
#: Columns of an Excel workbook's presets sheet.
PRESET_COLUMNS = ("preset", "weighting")


@attrs.frozen
class Table:
    """Rows of cells read from a CSV file or a worksheet, with where each row is."""

    rows: list[list[Any]]
    lines: list[int]
    file: str
    sheet: str | None = None
    companion: bool = False

    def at(self, row: int, column: int | None = None) -> Location:
        """The location of a cell (0-based row index into ``rows`` and column)."""
        return Location(
            self.lines[row] if row < len(self.lines) else None,
            None if column is None else column + 1,
            self.sheet,
            self.file if self.companion else None,
        )

    def name(self) -> str:
        """The table, for messages."""
        return f"sheet {self.sheet!r}" if self.sheet is not None else self.file


# -- cells ---------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> Any:
    """A cell as text (numbers from a spreadsheet written as a person would)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def _number(value: Any) -> Any:
    """A cell as a number where it is one; otherwise the text, for the checks to report."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return _text(value)


def _json_cell(value: Any, location: Location, problems: Collector, path: Path) -> Any:
    text = _text(value)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        problems.add(
            path,
            f'expected a JSON object such as {{"shape": "exponential", "rho": 5}}; '
            f"found {text[:60]!r} ({error}).",
            location,
        )
        return None


def _cell(row: Sequence[Any], column: int | None) -> Any:
    if column is None or column >= len(row):
        return None
    return row[column]


# -- reading CSV ---------------------------------------------------------------------------


def parse_csv(
    text: str, file: str, problems: Collector, *, companion: bool = False
) -> Table | None:
    """The rows of a CSV text (blank rows dropped), or None after recording a problem."""
    rows: list[list[Any]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        problems.add(
            (),
            f"not valid CSV: {error}.",
            Location(reader.line_num, None, None, file if companion else None),
        )
        return None
    return Table(rows, lines, file, companion=companion)


def _header(
    table: Table,
    allowed: Sequence[str],
    required: Sequence[str],
    problems: Collector,
    row: int = 0,
) -> dict[str, int] | None:
    """Column positions by name, from the header row; problems for unknown or missing ones."""
    columns: dict[str, int] = {}
    ok = True
    for position, cell in enumerate(table.rows[row]):
        name = _text(cell).strip().lower() if not _blank(cell) else ""
        if not name:
            continue
        if name not in allowed:
            problems.add(
                (),
                f"{table.name()} has an unknown column {name!r}."
                + did_you_mean(name, allowed)
                + f" The columns allowed are {quoted_list(allowed, limit=20)}.",
                table.at(row, position),
            )
            ok = False
        elif name in columns:
            problems.add((), f"the column {name!r} appears twice.", table.at(row, position))
            ok = False
        else:
            columns[name] = position
    missing = [name for name in required if name not in columns]
    if missing:
        problems.add(
            (),
            f"{table.name()} needs the column{'s' if len(missing) > 1 else ''} "
            f"{quoted_list(missing)} in its header row.",
            table.at(row),
        )
        ok = False
    return columns if ok else None


def _criterion_entry(
    name: Any,
    attributes: Mapping[str, tuple[Any, Location]],
    path: Path,
    locations: dict[Path, Location],
    problems: Collector,
) -> dict[str, Any]:
    """A criterion table of the document from the named attributes of one row or column."""
    entry: dict[str, Any] = {"name": name}
    for key in ("area", "kind", "unit", "description"):
        if key in attributes:
            entry[key] = _text(attributes[key][0])
            locations[(*path, key)] = attributes[key][1]
    for low_key, high_key, key, convert in (
        ("scale_low", "scale_high", "scale", _number),
        ("anchor_low", "anchor_high", "anchors", _text),
    ):
        given = [k for k in (low_key, high_key) if k in attributes]
        if len(given) == 2:
            entry[key] = [convert(attributes[low_key][0]), convert(attributes[high_key][0])]
            locations[(*path, key)] = attributes[low_key][1]
            locations[(*path, key, 0)] = attributes[low_key][1]
            locations[(*path, key, 1)] = attributes[high_key][1]
        elif given:
            other = high_key if given[0] == low_key else low_key
            problems.add(
                path,
                f"{given[0]} is given but {other} is not; give both or neither.",
                attributes[given[0]][1],
            )
    if "value_function" in attributes:
        value, location = attributes["value_function"]
        locations[(*path, "value_function")] = location
        function = _json_cell(value, location, problems, (*path, "value_function"))
        if function is not None:
            entry["value_function"] = function
    return entry


def _criteria_from_table(
    table: Table, locations: dict[Path, Location], problems: Collector
) -> list[dict[str, Any]] | None:
    if not table.rows:
        problems.add(
            (),
            f"{table.name()} is empty; it needs a header row and one row per criterion.",
            table.at(0),
        )
        return None
    columns = _header(table, CRITERIA_COLUMNS, ("criterion", "area", "kind"), problems)
    if columns is None:
        return None
    criteria: list[dict[str, Any]] = []
    for row in range(1, len(table.rows)):
        cells = table.rows[row]
        path: Path = ("criteria", len(criteria))
        locations[path] = table.at(row, columns["criterion"])
        locations[(*path, "name")] = table.at(row, columns["criterion"])
        attributes = {
            key: (_cell(cells, column), table.at(row, column))
            for key, column in columns.items()
            if key != "criterion" and not _blank(_cell(cells, column))
        }
        criteria.append(
            _criterion_entry(
                _text(_cell(cells, columns["criterion"]) or ""),
                attributes,
                path,
                locations,
                problems,
            )
        )
    return criteria


def _score_cell(
    cells: Sequence[Any],
    columns: Mapping[str, int],
    table: Table,
    row: int,
    path: Path,
    locations: dict[Path, Location],
) -> Any:
    extra = {}
    for key in LONG_COLUMNS[3:]:
        value = _cell(cells, columns.get(key))
        if _blank(value):
            continue
        extra[key] = _text(value) if key in ("distribution", "rationale") else _number(value)
        locations[(*path, key)] = table.at(row, columns[key])
    score = _number(_cell(cells, columns["score"]))
    return {"score": score, **extra} if extra else score


def _long_scores(
    table: Table,
    options: dict[str, dict[str, Any]],
    option_rows: dict[str, tuple[int, Location]],
    locations: dict[Path, Location],
    problems: Collector,
    *,
    fixed_options: bool,
) -> bool:
    columns = _header(table, LONG_COLUMNS, ("option", "criterion", "score"), problems)
    if columns is None:
        return False
    seen: dict[tuple[str, str], int] = {}
    for row in range(1, len(table.rows)):
        cells = table.rows[row]
        option = _text(_cell(cells, columns["option"]) or "")
        criterion = _text(_cell(cells, columns["criterion"]) or "")
        if not option.strip() or not criterion.strip():
            missing = "option" if not option.strip() else "criterion"
            problems.add(
                (),
                f"this row has no {missing}; every row needs an option, a criterion and a score.",
                table.at(row, columns[missing]),
            )
            continue
        if option not in options:
            if fixed_options:
                problems.add(
                    (),
                    f"{option!r} is not one of the options listed on the options sheet."
                    + did_you_mean(option, options),
                    table.at(row, columns["option"]),
                )
                continue
            options[option] = {"name": option, "scores": {}}
            option_rows[option] = (len(option_rows), table.at(row, columns["option"]))
        position = option_rows[option][0]
        if (option, criterion) in seen:
            problems.add(
                (),
                f"the score of option {option!r} on criterion {criterion!r} is given twice "
                f"(first on row {seen[(option, criterion)]}).",
                table.at(row),
            )
            continue
        seen[(option, criterion)] = table.lines[row]
        if _blank(_cell(cells, columns["score"])):
            # Reported by the study's checks as a missing score.
            continue
        path: Path = ("options", position, "scores", criterion)
        locations[path] = table.at(row, columns["score"])
        options[option]["scores"][criterion] = _score_cell(
            cells, columns, table, row, path, locations
        )
    return True


def _wide_scores(
    table: Table,
    header: int,
    options: dict[str, dict[str, Any]],
    option_rows: dict[str, tuple[int, Location]],
    locations: dict[Path, Location],
    problems: Collector,
    *,
    fixed_options: bool,
) -> list[str]:
    """Scores from the header row ``option, <criterion>, ...`` on; returns the criteria."""
    names = [_text(cell) if not _blank(cell) else "" for cell in table.rows[header]]
    criteria: list[str] = []
    for column, name in enumerate(names[1:], start=1):
        if not name:
            problems.add(
                (), "this column has no criterion name in the header row.", table.at(header, column)
            )
        elif name in criteria:
            problems.add((), f"the criterion {name!r} has two columns.", table.at(header, column))
        else:
            criteria.append(name)
    seen: set[str] = set()
    for row in range(header + 1, len(table.rows)):
        cells = table.rows[row]
        option = _text(_cell(cells, 0) or "")
        if not option.strip():
            problems.add((), "this row has no option name in its first cell.", table.at(row, 0))
            continue
        if option in seen:
            problems.add((), f"the option {option!r} has two rows.", table.at(row, 0))
            continue
        seen.add(option)
        if option not in options:
            if fixed_options:
                problems.add(
                    (),
                    f"{option!r} is not one of the options listed on the options sheet."
                    + did_you_mean(option, options),
                    table.at(row, 0),
                )
                continue
            options[option] = {"name": option, "scores": {}}
            option_rows[option] = (len(option_rows), table.at(row, 0))
        position = option_rows[option][0]
        if len(cells) > len(names):
            extra = next((k for k in range(len(names), len(cells)) if not _blank(cells[k])), None)
            if extra is not None:
                problems.add(
                    (),
                    "this cell is beyond the last column of the header row.",
                    table.at(row, extra),
                )
        for column, name in enumerate(names[1:], start=1):
            value = _cell(cells, column)
            if not name or _blank(value):
                continue
            path: Path = ("options", position, "scores", name)
            locations[path] = table.at(row, column)
            options[option]["scores"][name] = _number(value)
    return criteria


def _header_block(
    table: Table, header: int, locations: dict[Path, Location], problems: Collector
) -> list[dict[str, Any]]:
    """The criteria of a wide CSV file: the header's names and the attribute rows above it."""
    names = table.rows[header]
    attributes: dict[int, dict[str, tuple[Any, Location]]] = {
        column: {} for column in range(1, len(names))
    }
    for row in range(header):
        label = _text(_cell(table.rows[row], 0) or "").strip().lower()
        if label not in CRITERION_ROWS:
            problems.add(
                (),
                f"unknown row {label!r} above the header row."
                + did_you_mean(label, CRITERION_ROWS)
                + f" The rows allowed there are {quoted_list(CRITERION_ROWS)}, then the "
                "header row starting with 'option'.",
                table.at(row, 0),
            )
            continue
        for column in attributes:
            value = _cell(table.rows[row], column)
            if not _blank(value):
                attributes[column][label] = (value, table.at(row, column))
    criteria: list[dict[str, Any]] = []
    for column in range(1, len(names)):
        if _blank(names[column]):
            continue
        path: Path = ("criteria", len(criteria))
        locations[path] = table.at(header, column)
        locations[(*path, "name")] = table.at(header, column)
        entry = _criterion_entry(
            _text(names[column]), attributes[column], path, locations, problems
        )
        criteria.append(entry)
    for key in ("area", "kind"):
        problems.missing_hints[key] = f" Give it in the row {key!r} above the header row."
    return criteria


def _layout(table: Table) -> str:
    """``"criteria"``, ``"long"`` or ``"wide"``, from the first row."""
    first = [_text(cell).strip().lower() if not _blank(cell) else "" for cell in table.rows[0]]
    if first[:1] == ["criterion"]:
        return "criteria"
    if first[:3] == ["option", "criterion", "score"]:
        return "long"
    return "wide"


def read_tables(
    *,
    scores: Table,
    criteria: Table | None,
    problems: Collector,
    options: Table | None = None,
    study: Table | None = None,
    presets: Table | None = None,
) -> tuple[dict[str, Any], dict[Path, Location]]:
    """The study document of a set of tables, and where each of its fields is."""
    locations: dict[Path, Location] = {}
    document: dict[str, Any] = {"format": FORMAT}
    if study is not None:
        _read_study_sheet(study, document, locations, problems)
    entries: dict[str, dict[str, Any]] = {}
    option_rows: dict[str, tuple[int, Location]] = {}
    if options is not None:
        _read_options_sheet(options, entries, option_rows, locations, problems)
    fixed = options is not None
    if not scores.rows:
        problems.add((), f"{scores.name()} is empty.", scores.at(0))
        return document, locations
    layout = _layout(scores)
    if layout == "criteria":
        problems.add(
            (),
            "this is a criteria table (its first column is 'criterion'); load the table of "
            "scores it accompanies instead.",
            scores.at(0, 0),
        )
        return document, locations
    if layout == "long":
        if criteria is None:
            problems.add((), "a long table of scores needs its criteria table; none was found.")
            return document, locations
        if not _long_scores(scores, entries, option_rows, locations, problems, fixed_options=fixed):
            return document, locations
    else:
        header = next(
            (
                row
                for row, cells in enumerate(scores.rows)
                if not _blank(_cell(cells, 0)) and _text(cells[0]).strip().lower() == "option"
            ),
            None,
        )
        if header is None:
            problems.add(
                (),
                "no header row: a wide table needs a row starting with 'option' and naming "
                "the criteria, or the columns 'option', 'criterion', 'score' of the long "
                "layout.",
                scores.at(0, 0),
            )
            return document, locations
        if criteria is None:
            document["criteria"] = _header_block(scores, header, locations, problems)
        elif header > 0:
            problems.add(
                (),
                "rows above the header row: the criteria are on the criteria sheet.",
                scores.at(0),
            )
        _wide_scores(scores, header, entries, option_rows, locations, problems, fixed_options=fixed)
    if criteria is not None:
        found = _criteria_from_table(criteria, locations, problems)
        if found is None:
            return document, locations
        document["criteria"] = found
    ordered = sorted(entries, key=lambda name: option_rows[name][0])
    document["options"] = [entries[name] for name in ordered]
    for name in ordered:
        position, location = option_rows[name]
        locations.setdefault(("options", position), location)
    if presets is not None:
        _read_presets_sheet(presets, document, locations, problems)
    return document, locations


def _read_study_sheet(
    table: Table,
    document: dict[str, Any],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    for row, cells in enumerate(table.rows):
        key = _text(_cell(cells, 0) or "").strip().lower()
        value = _cell(cells, 1)
        if key in ("key", "") and row == 0:
            continue
        if key not in STUDY_KEYS:
            problems.add(
                (),
                f"unknown key {key!r}."
                + did_you_mean(key, STUDY_KEYS)
                + f" The keys allowed are {quoted_list(STUDY_KEYS)}.",
                table.at(row, 0),
            )
            continue
        if _blank(value):
            continue
        document[key] = _text(value) if key != "description" else str(value)
        locations[(key,)] = table.at(row, 1)


def _read_options_sheet(
    table: Table,
    entries: dict[str, dict[str, Any]],
    option_rows: dict[str, tuple[int, Location]],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    if not table.rows:
        return
    columns = _header(table, OPTION_COLUMNS, ("option",), problems)
    if columns is None:
        return
    for row in range(1, len(table.rows)):
        cells = table.rows[row]
        name = _text(_cell(cells, columns["option"]) or "")
        if not name.strip():
            problems.add((), "this row has no option name.", table.at(row, columns["option"]))
            continue
        if name in entries:
            problems.add(
                (), f"the option {name!r} is listed twice.", table.at(row, columns["option"])
            )
            continue
        position = len(option_rows)
        entry: dict[str, Any] = {"name": name, "scores": {}}
        path: Path = ("options", position)
        locations[(*path, "name")] = table.at(row, columns["option"])
        description = _cell(cells, columns.get("description"))
        if not _blank(description):
            entry["description"] = str(description)
            locations[(*path, "description")] = table.at(row, columns["description"])
        flag = _cell(cells, columns.get("baseline"))
        if not _blank(flag):
            text = _text(flag).strip().lower()
            entry["baseline"] = {"true": True, "false": False}.get(text, text)
            locations[(*path, "baseline")] = table.at(row, columns["baseline"])
        entries[name] = entry
        option_rows[name] = (position, table.at(row, columns["option"]))


def _read_presets_sheet(
    table: Table,
    document: dict[str, Any],
    locations: dict[Path, Location],
    problems: Collector,
) -> None:
    if not table.rows:
        return
    columns = _header(table, PRESET_COLUMNS, PRESET_COLUMNS, problems)
    if columns is None:
        return
    presets: dict[str, Any] = {}
    for row in range(1, len(table.rows)):
        cells = table.rows[row]
        name = _text(_cell(cells, columns["preset"]) or "")
        if not name.strip():
            problems.add((), "this row has no preset name.", table.at(row, columns["preset"]))
            continue
        location = table.at(row, columns["weighting"])
        value = _json_cell(
            _cell(cells, columns["weighting"]) or "", location, problems, ("presets", name)
        )
        if value is None:
            continue
        if name in presets:
            problems.add((), f"the preset {name!r} is given twice.", table.at(row))
            continue
        presets[name] = value
        locations[("presets", name)] = location
    if presets:
        document["presets"] = presets


# -- writing -------------------------------------------------------------------------------


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
    """Rows as CSV text, numbers written exactly."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([number_text(v) if isinstance(v, float) else v for v in row])
    return out.getvalue()
