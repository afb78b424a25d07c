"""Reading and writing each file format, chosen by the file's suffix."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from powerbalance._validate import did_you_mean
from powerbalance.errors import InvalidParameterError, StudyFileError
from powerbalance.io import _json, _toml
from powerbalance.io._atomic import write_file, write_files
from powerbalance.io._document import study_from_document, study_to_document
from powerbalance.io._files import read_limited
from powerbalance.io._kept import warn_lost
from powerbalance.io._problems import Collector, Location
from powerbalance.io._table import Table, parse_csv
from powerbalance.io._table_rows import criteria_rows, csv_text, long_rows, wide_rows
from powerbalance.io._tables import read_tables
from powerbalance.model.study import Study

__all__ = [
    "HOLDS_PRESETS",
    "SUFFIXES",
    "Layout",
    "companion_path",
    "decode",
    "format_of",
    "read_study",
    "study_from_text",
    "write_study",
]

SUFFIXES = {".toml": "toml", ".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".xml": "xml"}
"""The file suffixes :func:`powerbalance.io.load` and :func:`~powerbalance.io.save` know,
each with the format it stands for.

Examples
--------
>>> sorted(SUFFIXES)
['.csv', '.json', '.toml', '.xlsx', '.xml']
"""

#: The formats that hold weighting presets.
HOLDS_PRESETS = ("toml", "json", "xlsx")

Layout = Literal["wide", "long"]
_BOM = b"\xef\xbb\xbf"


def format_of(path: Path, *, writing: bool = False) -> str:
    """The format of a file, from its suffix.

    Raises
    ------
    StudyFileError
        (reading) The suffix is not one of :data:`SUFFIXES`.
    InvalidParameterError
        (writing) Likewise.
    """
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    message = (
        f"{path}: the format is chosen by the file's suffix, and {suffix or 'no suffix'!r} "
        f"is not one of {', '.join(SUFFIXES)}." + did_you_mean(suffix, SUFFIXES)
    )
    if writing:
        raise InvalidParameterError(message)
    raise StudyFileError(message)


def companion_path(path: Path) -> Path:
    """The criteria table that goes with a long CSV table: ``x.csv`` -> ``x.criteria.csv``.

    Examples
    --------
    >>> companion_path(Path("data/scores.csv")).as_posix()
    'data/scores.criteria.csv'
    """
    return path.with_name(path.name[: -len(path.suffix)] + ".criteria.csv")


def decode(data: bytes, problems: Collector, location_file: str | None = None) -> str | None:
    """UTF-8 text (a byte-order mark is allowed), or None after recording a problem."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.add(
            (),
            f"not UTF-8 text: the byte 0x{data[error.start]:02x} cannot be decoded. Save the "
            "file as UTF-8.",
            Location(line, column, None, location_file),
        )
        return None


def study_from_text(text: str, kind: str, source: str) -> Study:
    """A study from the text of a TOML or JSON file.

    Raises
    ------
    StudyFileError
        Every problem found in the text.
    """
    problems = Collector(source)
    module = _toml if kind == "toml" else _json
    document = module.parse(text, problems)
    if document is None:
        problems.raise_if_any()
    # Scanning for locations costs a pass over the text: only done for a problem.
    problems.locate_with(lambda: module.locate(text))
    study = study_from_document(document, problems)
    problems.raise_if_any()
    return study  # type: ignore[no-any-return]


def read_study(path: Path, source: str, max_bytes: int) -> Study:
    """Read a study file of any format but XMCDA (which the caller dispatches)."""
    kind = format_of(path)
    problems = Collector(source)
    # The file's bytes are passed on, not kept here: each reader lets them go once decoded.
    if kind in ("toml", "json"):
        text = decode(read_limited(path, max_bytes), problems)
        problems.raise_if_any()
        return study_from_text(text or "", kind, source)
    found: tuple[dict[str, Any], Mapping[Any, Location]] | None
    if kind == "csv":
        found = _read_csv(path, source, read_limited(path, max_bytes), max_bytes, problems)
    else:
        from powerbalance.io._excel import parse_workbook

        found = parse_workbook(read_limited(path, max_bytes), source, max_bytes, problems)
    if found is None:
        problems.raise_if_any()
        raise StudyFileError(f"{source}: cannot be read.")  # pragma: no cover
    document, locations = found
    if "criteria" not in document or "options" not in document:
        # The tables could not be read far enough to check the study they hold.
        problems.raise_if_any()
    problems.locations = locations
    study = study_from_document(document, problems)
    problems.raise_if_any()
    return study  # type: ignore[no-any-return]


def _read_csv(
    path: Path, source: str, data: bytes, max_bytes: int, problems: Collector
) -> tuple[dict[str, Any], Mapping[Any, Location]] | None:
    text = decode(data, problems)
    del data
    if text is None:
        return None
    table = parse_csv(text, source, problems)
    del text
    if table is None:
        return None
    criteria: Table | None = None
    first = [cell.strip().lower() for cell in table.rows[0][:3]] if table.rows else []
    if first == ["option", "criterion", "score"]:
        companion = companion_path(path)
        name = str(companion)
        if not companion.exists():
            problems.add(
                (),
                f"a long table of scores takes its criteria from the companion table {name}, "
                "which does not exist. Write it with the columns criterion, area, kind (and "
                "optionally unit, scale_low, scale_high, ...).",
            )
            return None
        companion_text = decode(read_limited(companion, max_bytes), problems, name)
        if companion_text is None:
            return None
        criteria = parse_csv(companion_text, name, problems, companion=True)
        if criteria is None:
            return None
    return read_tables(scores=table, criteria=criteria, problems=problems)


def write_study(study: Study, path: Path, *, layout: Layout = "wide") -> None:
    """Write a study in the format of the path's suffix (not XMCDA).

    Raises
    ------
    InvalidParameterError
        Unknown suffix or layout, presets in a format that cannot hold them, or content
        a file cannot hold (a custom value function or weighting scheme).
    FileWriteError
        The file cannot be written; a file already there is unchanged.

    Warns
    -----
    DataLossWarning
        The format cannot hold part of the study, which is left out.
    """
    kind = format_of(path, writing=True)
    if layout not in ("wide", "long"):
        raise InvalidParameterError(
            f"layout must be 'wide' or 'long' (for .csv files); got {layout!r}."
        )
    if study.presets and kind not in HOLDS_PRESETS:
        raise InvalidParameterError(
            f"{path}: a {kind.upper()} file cannot hold weighting presets; save them to a "
            f".toml, .json or .xlsx file, or leave them out "
            f"(attrs.evolve(study, presets={{}}))."
        )
    warn_lost(study, kind, layout, path)
    if kind == "toml":
        write_file(path, _toml.dumps(study_to_document(study)))
    elif kind == "json":
        write_file(path, _json.dumps(study_to_document(study)))
    elif kind == "csv":
        a = study.assessment
        if layout == "wide":
            write_file(path, csv_text(wide_rows(a, header_block=True)))
        else:
            # Both files are written out before either replaces what was there.
            write_files(
                [
                    (path, csv_text(long_rows(a))),
                    (companion_path(path), csv_text(criteria_rows(a))),
                ]
            )
    else:
        from powerbalance.io._excel import write_workbook

        write_workbook(study, path)
