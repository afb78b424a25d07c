"""Reading a scenario document (the parsed TOML of a scenario file) into an Assessment."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, TypeVar

from powerbalance.errors import PowerbalanceError, ScenarioFileError, did_you_mean
from powerbalance.model import Assessment, Criterion, Option

__all__ = ["FORMAT", "assessment_from_document"]

T = TypeVar("T")

#: The format tag every scenario document carries.
FORMAT = "powerbalance-scenario/1"

_TOP_KEYS = {
    "format",
    "name",
    "title",
    "description",
    "disclaimer",
    "scale",
    "scale_description",
    "baseline",
    "criteria",
    "options",
}
_CRITERION_KEYS = {"name", "area", "kind", "unit", "scale", "anchors", "description"}
_OPTION_KEYS = {"name", "description", "scores"}
_CELL_KEYS = {"score", "rationale"}


class _Reader:
    """Walks a document, naming the file and field path in every error."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> ScenarioFileError:
        return ScenarioFileError(f"{self.source}: {path}: {message}")

    def check_keys(self, table: Mapping[str, Any], allowed: set[str], path: str) -> None:
        for key in table:
            if key not in allowed:
                where = f"{path}.{key}" if path else key
                raise self.fail(
                    where,
                    f"unknown key {key!r}."
                    + did_you_mean(key, allowed)
                    + f" Allowed here: {', '.join(sorted(allowed))}.",
                )

    def require(self, table: Mapping[str, Any], key: str, kind: type, path: str) -> Any:
        where = f"{path}.{key}" if path else key
        if key not in table:
            raise self.fail(where, f"missing; expected a {kind.__name__}.")
        value = table[key]
        if not isinstance(value, kind):
            raise self.fail(
                where, f"expected a {kind.__name__}; found {type(value).__name__} {value!r}."
            )
        return value


def assessment_from_document(document: Mapping[str, Any], source: str) -> Assessment:
    """Build an Assessment from a parsed scenario document.

    Parameters
    ----------
    document : mapping
        The parsed TOML (or JSON) of a scenario file.
    source : str
        The file name, for error messages.

    Raises
    ------
    ScenarioFileError
        The document is malformed or inconsistent; the message names the file and the
        field path.

    Examples
    --------
    >>> doc = {
    ...     "format": FORMAT, "name": "tiny",
    ...     "criteria": [{"name": "Gain", "area": "Economic", "kind": "benefit"}],
    ...     "options": [{"name": "A", "scores": {"Gain": {"score": 3}}}],
    ... }
    >>> assessment_from_document(doc, "tiny.toml").to_frame()
    criterion  Gain
    option
    A           3.0
    """
    reader = _Reader(source)
    reader.check_keys(document, _TOP_KEYS, "")
    tag = reader.require(document, "format", str, "")
    if tag != FORMAT:
        raise reader.fail("format", f"expected {FORMAT!r}; found {tag!r}.")
    criteria = [
        _criterion(reader, table, f"criteria[{i}]")
        for i, table in enumerate(reader.require(document, "criteria", list, ""))
    ]
    names = [c.name for c in criteria]
    if "baseline" in document:
        reader.require(document, "baseline", str, "")
    options: list[Option] = []
    rows: list[list[float]] = []
    notes: dict[tuple[str, str], str] = {}
    for i, table in enumerate(reader.require(document, "options", list, "")):
        path = f"options[{i}]"
        if not isinstance(table, Mapping):
            raise reader.fail(path, f"expected a table; found {table!r}.")
        reader.check_keys(table, _OPTION_KEYS, path)
        option_name = reader.require(table, "name", str, path)
        description = table.get("description", "")
        option = _build(reader, path, partial(Option, option_name, description=description))
        options.append(option)
        scores = reader.require(table, "scores", dict, path)
        row = []
        for name in names:
            if name not in scores:
                raise reader.fail(
                    f"{path}.scores",
                    f"option {option.name!r} has no score for criterion "
                    f"{name!r}; every option needs a score on every criterion.",
                )
        for key in scores:
            if key not in names:
                raise reader.fail(
                    f"{path}.scores.{key}",
                    f"{key!r} is not a criterion of this scenario." + did_you_mean(key, names),
                )
        for name in names:
            cell_path = f"{path}.scores.{name}"
            cell = scores[name]
            if isinstance(cell, Mapping):
                reader.check_keys(cell, _CELL_KEYS, cell_path)
                value = reader.require(cell, "score", object, cell_path)
                rationale = cell.get("rationale", "")
                if rationale:
                    notes[(option.name, name)] = str(rationale)
            else:
                value = cell
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise reader.fail(cell_path, f"expected a number; found {value!r}.")
            row.append(float(value))
        rows.append(row)
    return _build(
        reader,
        "",
        lambda: Assessment(
            options=options,
            criteria=criteria,
            scores=rows,
            notes=notes,
            name=str(document.get("name", "")),
            description=str(document.get("description", "")),
            baseline=document.get("baseline"),
        ),
    )


def _criterion(reader: _Reader, table: Any, path: str) -> Criterion:
    if not isinstance(table, Mapping):
        raise reader.fail(path, f"expected a table; found {table!r}.")
    reader.check_keys(table, _CRITERION_KEYS, path)
    scale = table.get("scale")
    return _build(
        reader,
        path,
        lambda: Criterion(
            reader.require(table, "name", str, path),
            area=reader.require(table, "area", str, path),
            kind=reader.require(table, "kind", str, path),
            unit=table.get("unit", ""),
            description=table.get("description", ""),
            scale=tuple(scale) if isinstance(scale, list) else scale,
            anchors=table.get("anchors"),
        ),
    )


def _build(reader: _Reader, path: str, make: Callable[[], T]) -> T:
    """Run a constructor, re-raising model errors with the file and field path."""
    try:
        return make()
    except ScenarioFileError:
        raise
    except PowerbalanceError as error:
        raise reader.fail(path or "scenario", str(error)) from error
