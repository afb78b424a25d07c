"""The options of a study document and their score cells: scores, rationale, uncertainty.

A score cell is a number, or a table with the score, its rationale and a distribution
around it (``distribution = "triangular"``, ``low``, ``high``, ...). Reading checks every
cell against its criterion's scale and collects every problem, each with its field path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from powerbalance._validate import did_you_mean
from powerbalance.errors import InvalidParameterError, PowerbalanceError
from powerbalance.io._document_criteria import Named
from powerbalance.io._problems import Collector, Path
from powerbalance.io._registered import field_inputs, registered_fields
from powerbalance.io._values import (
    INVALID,
    check_keys,
    claim_name,
    describe,
    read_bool,
    read_number,
    read_table,
    read_text,
)
from powerbalance.model import Criterion, Option
from powerbalance.model.uncertainty import Distribution
from powerbalance.model.uncertainty import registry as distributions

__all__ = [
    "AT_SCORE",
    "CELL_KEYS",
    "DISTRIBUTION_KEYS",
    "OPTION_KEYS",
    "distribution_fields",
    "read_cell",
    "read_options",
    "write_cell",
]

OPTION_KEYS = ("name", "description", "baseline", "scores")
CELL_KEYS = ("score", "rationale", "distribution", "low", "mode", "high", "mean", "sd")
#: The keys of a score cell that are a distribution's inputs (the distribution's
#: fields, by its name in ``powerbalance.model.uncertainty.registry``).
DISTRIBUTION_KEYS = ("low", "mode", "high", "mean", "sd")
#: Inputs that, when a cell leaves them out, are the cell's score.
AT_SCORE = ("mode", "mean")


# -- reading -------------------------------------------------------------------------------


def read_options(
    items: list[Any],
    criteria: list[Any],
    notes: dict[tuple[str, str], str],
    uncertainty: dict[tuple[str, str], Distribution],
    problems: Collector,
) -> tuple[list[Any], list[Any], list[tuple[int, str]]]:
    """The options of the array ``options``, their rows of scores, and the baseline flags.

    Returns ``(options, rows, flagged)``: each option an Option or INVALID, a row of
    scores per valid option, and ``(position, name)`` of every option flagged
    ``baseline = true``. Rationales and distributions are added to ``notes`` and
    ``uncertainty``; ``criteria`` are those ``read_criteria`` returned, by which the
    scores are checked.
    """
    names = [c.name for c in criteria if isinstance(c, Named)]
    by_name = {c.name: c.value for c in criteria if isinstance(c, Named)}
    options: list[Any] = []
    rows: list[Any] = []
    flagged: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(items):
        path: Path = ("options", position)
        table = read_table(item, path, problems)
        if table is INVALID:
            options.append(INVALID)
            continue
        check_keys(table, OPTION_KEYS, path, problems, required=("name", "scores"))
        name = (
            read_text(table["name"], (*path, "name"), problems, blank=False)
            if "name" in table
            else INVALID
        )
        if name is not INVALID:
            claim_name(name, position, seen, path, problems, "option")
        description = (
            read_text(table["description"], (*path, "description"), problems)
            if "description" in table
            else ""
        )
        if "baseline" in table:
            flag = read_bool(table["baseline"], (*path, "baseline"), problems)
            if flag is True and name is not INVALID:
                flagged.append((position, name))
        row: list[Any] = []
        if "scores" in table:
            label = name if name is not INVALID else f"options[{position}]"
            row = _read_scores(
                table["scores"],
                (*path, "scores"),
                label,
                names,
                by_name,
                notes,
                uncertainty,
                problems,
            )
        if name is INVALID or description is INVALID:
            options.append(INVALID)
            continue
        options.append(Option(name, description=description))
        rows.append(row)
    return options, rows, flagged


def _read_scores(
    value: object,
    path: Path,
    option: str,
    names: list[str],
    by_name: Mapping[str, Any],
    notes: dict[tuple[str, str], str],
    uncertainty: dict[tuple[str, str], Distribution],
    problems: Collector,
) -> list[Any]:
    table = read_table(value, path, problems)
    if table is INVALID:
        return []
    meant: set[str] = set()
    for key in table:
        if names and key not in by_name:
            # Once the collector is full a problem is only counted: spare the search.
            hint = "" if problems.full else did_you_mean(key, names)
            meant.update(name for name in names if hint == f" Did you mean {name!r}?")
            problems.add((*path, key), f"{key!r} is not a criterion of this study.{hint}")
    # A misspelt criterion is reported once, as the unknown one.
    missing = [name for name in names if name not in table and name not in meant]
    if missing:
        which = "criterion" if len(missing) == 1 else "criteria"
        problems.add(
            path,
            f"option {option!r} has no score for {which} {', '.join(map(repr, missing))}; "
            "every option needs a score on every criterion.",
        )
    row = []
    for name in names:
        if name not in table:
            continue
        criterion = by_name[name]
        scale = criterion.scale if isinstance(criterion, Criterion) else None
        cell = read_cell(table[name], (*path, name), scale, problems)
        if cell is INVALID:
            row.append(INVALID)
            continue
        score, rationale, distribution = cell
        if rationale:
            notes[(option, name)] = rationale
        if distribution is not None:
            uncertainty[(option, name)] = distribution
        row.append(score)
    return row


def read_cell(value: object, path: Path, scale: Any, problems: Collector) -> Any:
    """A score cell: a number, or a table with the score, its rationale and uncertainty.

    Returns ``(score, rationale, distribution or None)`` or INVALID.
    """
    if isinstance(value, Mapping):
        before = problems.found
        check_keys(value, CELL_KEYS, path, problems, required=("score",))
        if "score" not in value:
            return INVALID
        score = _read_score(value["score"], path, problems)
        rationale = (
            read_text(value["rationale"], (*path, "rationale"), problems)
            if "rationale" in value
            else ""
        )
        distribution = None
        if score is not INVALID:
            distribution = _read_distribution(value, path, score, scale, problems)
        if problems.found > before:
            return INVALID
        _check_on_scale(score, scale, path, problems)
        if problems.found > before:
            return INVALID
        return score, rationale, distribution
    score = _read_score(value, path, problems)
    if score is INVALID:
        return INVALID
    if not _check_on_scale(score, scale, path, problems):
        return INVALID
    return score, "", None


def _read_score(value: object, path: Path, problems: Collector) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.add(path, f"expected a number; found {describe(value)}.")
        return INVALID
    return read_number(value, path, problems)


def _check_on_scale(score: float, scale: Any, path: Path, problems: Collector) -> bool:
    if scale is None or scale is INVALID or scale[0] <= score <= scale[1]:
        return True
    problems.add(
        path,
        f"the score {score:g} is outside the criterion's scale {scale[0]:g} to {scale[1]:g}; "
        "correct the score or widen the scale.",
    )
    return False


def _read_distribution(
    cell: Mapping[str, Any], path: Path, score: float, scale: Any, problems: Collector
) -> Any:
    given = [key for key in DISTRIBUTION_KEYS if key in cell]
    if "distribution" in cell:
        name = cell["distribution"]
        known = distributions.names()
        if name not in known:
            problems.add(
                (*path, "distribution"),
                lambda: (
                    f"expected one of {', '.join(map(repr, known))}; found "
                    f"{describe(name)}.{did_you_mean(name, known)}"
                ),
            )
            return INVALID
    elif not given:
        return None
    else:
        name = "uniform"
    kind = distributions.get(name)
    inputs = field_inputs(kind)
    required = tuple(key for key in inputs[0] if key not in AT_SCORE)
    optional = tuple(key for key in inputs[0] + inputs[1] if key not in required)
    ok = True
    for key in given:
        if key not in required and key not in optional:
            problems.add(
                (*path, key),
                f"a {name} distribution takes {_listed(required + optional)}, not {key!r}."
                + (
                    " Name the distribution, such as distribution = 'triangular'."
                    if "distribution" not in cell
                    else ""
                ),
            )
            ok = False
    for key in required:
        if key not in cell:
            problems.add(path, f"a {name} distribution needs {key!r}.")
            ok = False
    numbers = {}
    for key in given:
        number = read_number(cell[key], (*path, key), problems)
        if number is INVALID:
            ok = False
        numbers[key] = number
    if not ok:
        return INVALID
    for key in AT_SCORE:
        if key in optional and key not in numbers:
            numbers[key] = score
    try:
        distribution: Distribution = kind(**numbers)
        low, high = distribution.bounded(None if scale is INVALID else scale).support
    except PowerbalanceError as error:
        problems.add(path, str(error))
        return INVALID
    if isinstance(scale, tuple) and (low < scale[0] or high > scale[1]):
        problems.add(
            path,
            f"the {distribution.describe()} distribution reaches outside the criterion's "
            f"scale {scale[0]:g} to {scale[1]:g}; narrow it or widen the scale.",
        )
        return INVALID
    if not low <= score <= high:
        problems.add(
            path,
            f"the {distribution.describe()} distribution does not include the score "
            f"{score:g}; the score is the point judgement and the distribution the range "
            "around it.",
        )
        return INVALID
    return distribution


def _listed(keys: tuple[str, ...]) -> str:
    quoted = [repr(key) for key in keys]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


# -- writing -------------------------------------------------------------------------------


def write_cell(score: float, rationale: str, distribution: Distribution | None) -> Any:
    """A score cell: the bare number, or a table when there is a rationale or uncertainty."""
    if not rationale and distribution is None:
        return score
    cell: dict[str, Any] = {"score": score}
    if distribution is not None:
        cell.update(distribution_fields(distribution, score))
    if rationale:
        cell["rationale"] = rationale
    return cell


def distribution_fields(distribution: Distribution, score: float) -> dict[str, Any]:
    """The keys describing a distribution in a score cell (mode and mean left out if the score).

    Raises
    ------
    InvalidParameterError
        The distribution is not a registered attrs class.
    """
    registered = registered_fields(distributions, distribution)
    if registered is None:
        raise InvalidParameterError(
            f"The distribution {distribution!r} cannot be written to a file; only the "
            f"registered ones can ({', '.join(map(repr, distributions.names()))})."
        )
    name, inputs = registered
    return {
        "distribution": name,
        **{
            key: value
            for key, value in inputs.items()
            if value is not None and not (key in AT_SCORE and value == score)
        },
    }
