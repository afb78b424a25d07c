"""The inputs of a weighting scheme in a study file, and how each kind of input is held.

A scheme's inputs are the fields of its attrs class. A field's metadata says what kind
of value a file holds for it (``file_input("ranking")``) and may name alternative keys
for it (``file_alternatives``); a field without one, as a plug-in's, is of the kind
``"plain"``: text, numbers, true/false, and arrays and tables of them, held as they are.
Each kind here has a reader, which checks a file's value and converts it, and a writer,
which turns the scheme's value back into what a file holds. The kinds whose values are
weightings themselves are read and written with the schemes, in
:mod:`powerbalance.io._weightings`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from powerbalance.io._problems import Collector, Path
from powerbalance.io._values import (
    INVALID,
    describe,
    read_array,
    read_bool,
    read_number,
    read_pair,
    read_table,
    read_table_array,
    read_text,
)
from powerbalance.weighting._inputs import FILE_ALTERNATIVES, FILE_INPUT

__all__ = [
    "NONE_AS_FALSE",
    "VALUE_KINDS",
    "Input",
    "Reader",
    "Writer",
    "inputs_of",
    "is_plain",
    "plain_copy",
]

#: Reads a file's value at a path (at a nesting depth of weightings): the input, or INVALID.
Reader = Callable[[object, Path, Collector, int], Any]
#: Turns a scheme's input into what a file holds.
Writer = Callable[[Any], Any]


@attrs.frozen
class Input:
    """One input of a scheme: its key in the file, the argument it sets, and its kind."""

    key: str
    argument: str
    attribute: str
    kind: str
    required: bool
    default: object


def inputs_of(cls: type) -> tuple[Input, ...]:
    """The inputs of an attrs scheme class, from its fields and their file metadata."""
    inputs = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        argument = field.alias or field.name
        required = field.default is attrs.NOTHING
        factory = isinstance(field.default, attrs.Factory)  # type: ignore[arg-type,unused-ignore]
        default = attrs.NOTHING if factory else field.default
        kind = str(field.metadata.get(FILE_INPUT, "plain"))
        inputs.append(Input(argument, argument, field.name, kind, required, default))
        for key, other in field.metadata.get(FILE_ALTERNATIVES, {}).items():
            inputs.append(Input(key, argument, field.name, other, False, default))
    return tuple(inputs)


def _read_text(value: object, path: Path, problems: Collector, depth: int) -> Any:
    return read_text(value, path, problems)


def _read_bool(value: object, path: Path, problems: Collector, depth: int) -> Any:
    return read_bool(value, path, problems)


def _read_points(value: object, path: Path, problems: Collector, depth: int) -> Any:
    table = read_table(value, path, problems)
    if table is INVALID:
        return INVALID
    points = {key: read_number(number, (*path, key), problems) for key, number in table.items()}
    return INVALID if INVALID in points.values() else points


def _read_ranking(value: object, path: Path, problems: Collector, depth: int) -> Any:
    items = read_array(value, path, problems, non_empty=True)
    if items is INVALID:
        return INVALID
    ranking: list[str | list[str]] = []
    for position, item in enumerate(items):
        where = (*path, position)
        if isinstance(item, list):
            group = [read_text(name, (*where, k), problems) for k, name in enumerate(item)]
            if INVALID in group:
                return INVALID
            ranking.append(group)
        elif isinstance(item, str):
            ranking.append(item)
        else:
            problems.add(
                where,
                "expected a criterion name, or an array of tied criterion names; found "
                f"{describe(item)}.",
            )
            return INVALID
    return ranking


def _read_ranges(value: object, path: Path, problems: Collector, depth: int) -> Any:
    table = read_table(value, path, problems)
    if table is INVALID:
        return INVALID
    ranges = {
        key: read_pair(pair, (*path, key), problems, "two numbers [low, high]")
        for key, pair in table.items()
    }
    return INVALID if INVALID in ranges.values() else ranges


_JUDGEMENT_KEYS = ("first", "second", "ratio")


def _read_judgements(value: object, path: Path, problems: Collector, depth: int) -> Any:
    judgements: dict[tuple[str, str], float] = {}

    def read(table: Mapping[str, Any], where: Path) -> Any:
        first = read_text(table["first"], (*where, "first"), problems, blank=False)
        second = read_text(table["second"], (*where, "second"), problems, blank=False)
        ratio = read_number(table["ratio"], (*where, "ratio"), problems)
        if INVALID in (first, second, ratio):
            return INVALID
        if (first, second) in judgements:
            problems.add(where, f"the pair ({first!r}, {second!r}) is judged twice.")
            return INVALID
        judgements[(first, second)] = ratio
        return ratio

    read_all = read_table_array(value, path, problems, _JUDGEMENT_KEYS, read)
    return INVALID if read_all is INVALID else judgements


def _write_judgements(value: Mapping[tuple[str, str], float]) -> list[dict[str, Any]]:
    return [
        {"first": first, "second": second, "ratio": ratio}
        for (first, second), ratio in value.items()
    ]


def _read_random_index(value: object, path: Path, problems: Collector, depth: int) -> Any:
    if isinstance(value, str):
        return value
    if not isinstance(value, Mapping):
        problems.add(
            path,
            "expected the name of a random-index table ('saaty1980' or "
            "'alonso-lamata2006') or a table of matrix order to random index such as "
            f'{{"3" = 0.58, "4" = 0.9}}; found {describe(value)}.',
        )
        return INVALID
    table: dict[int, float] = {}
    for key, number in value.items():
        if not (isinstance(key, str) and key.isdigit() and int(key) >= 1):
            problems.add((*path, key), "expected a matrix order (a whole number from 1) as key.")
            return INVALID
        checked = read_number(number, (*path, key), problems)
        if checked is INVALID:
            return INVALID
        table[int(key)] = checked
    return table


def _write_random_index(value: str | Mapping[int, float]) -> Any:
    if isinstance(value, str):
        return value
    return {str(order): index for order, index in value.items()}


def _read_threshold(value: object, path: Path, problems: Collector, depth: int) -> Any:
    if value is False:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.add(
            path,
            "expected a consistency-ratio threshold (a number such as 0.1) or false to skip "
            f"the check; found {describe(value)}.",
        )
        return INVALID
    return read_number(value, path, problems)


def _write_or_false(value: Any) -> Any:
    return False if value is None else value


def _read_normalization(value: object, path: Path, problems: Collector, depth: int) -> Any:
    if value is False:
        return None
    if not isinstance(value, str):
        problems.add(
            path,
            f"expected a normalization name such as 'minmax', or false for none; found "
            f"{describe(value)}.",
        )
        return INVALID
    return value


def _read_expert_weights(value: object, path: Path, problems: Collector, depth: int) -> Any:
    if isinstance(value, list):
        weights = [read_number(number, (*path, k), problems) for k, number in enumerate(value)]
        return INVALID if INVALID in weights else weights
    if isinstance(value, Mapping):
        return _read_points(value, path, problems, depth)
    problems.add(
        path,
        "expected an array with one weight per expert or a table of expert name to weight; "
        f"found {describe(value)}.",
    )
    return INVALID


def _write_expert_weights(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else list(value)


def _plain(value: Any) -> Any:
    return value


def _dict(value: Mapping[str, Any]) -> dict[str, Any]:
    return dict(value)


def _write_ranking(value: tuple[tuple[str, ...], ...]) -> list[Any]:
    return [group[0] if len(group) == 1 else list(group) for group in value]


def _write_ranges(value: Mapping[str, tuple[float, float]]) -> dict[str, list[float]]:
    return {name: [low, high] for name, (low, high) in value.items()}


def _read_plain(value: object, path: Path, problems: Collector, depth: int) -> Any:
    return value


def _write_as_is(value: Any) -> Any:
    return plain_copy(value)


#: The kinds of input that hold values rather than weightings, each with its reader
#: and its writer.
VALUE_KINDS: dict[str, tuple[Reader, Writer]] = {
    "plain": (_read_plain, _write_as_is),
    "text": (_read_text, _plain),
    "bool": (_read_bool, _plain),
    "points": (_read_points, _dict),
    "ranking": (_read_ranking, _write_ranking),
    "ranges": (_read_ranges, _write_ranges),
    "judgements": (_read_judgements, _write_judgements),
    "random_index": (_read_random_index, _write_random_index),
    "threshold": (_read_threshold, _write_or_false),
    "normalization": (_read_normalization, _write_or_false),
    "expert_weights": (_read_expert_weights, _write_expert_weights),
}

#: The kinds written as false when the input is None (the default being something else).
NONE_AS_FALSE = ("threshold", "normalization")

_PRIMITIVE = (str, int, float, bool)


def is_plain(value: object) -> bool:
    """Whether a file can hold the value: text, numbers, true/false, arrays and tables."""
    if isinstance(value, _PRIMITIVE):
        return True
    if isinstance(value, list | tuple):
        return all(is_plain(item) for item in value)
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and is_plain(v) for k, v in value.items())
    return False


def plain_copy(value: Any) -> Any:
    """A plain value with its tuples as lists and its tables as dicts, as a file holds it."""
    if isinstance(value, list | tuple):
        return [plain_copy(item) for item in value]
    if isinstance(value, Mapping):
        return {k: plain_copy(v) for k, v in value.items()}
    return value
