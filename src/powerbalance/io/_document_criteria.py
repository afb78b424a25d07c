"""The criteria of a study document: names, areas, kinds, scales, anchors, value functions.

Reading checks every field and collects every problem, each with its field path; a
criterion whose name was read is kept by that name even when the rest is invalid, so the
scores can be checked against it without a cascade of "unknown criterion" problems.
"""

from __future__ import annotations

from typing import Any

from powerbalance._validate import did_you_mean
from powerbalance.errors import InvalidParameterError, PowerbalanceError
from powerbalance.io._problems import Collector, Path
from powerbalance.io._registered import field_inputs, registered_fields
from powerbalance.io._values import (
    INVALID,
    check_keys,
    claim_name,
    describe,
    read_array,
    read_number,
    read_pair,
    read_table,
    read_text,
)
from powerbalance.model import KINDS, Criterion
from powerbalance.model.value import ValueFunction
from powerbalance.model.value import registry as value_functions

__all__ = [
    "CRITERION_KEYS",
    "Named",
    "criterion_table",
    "read_criteria",
    "read_scale",
    "read_value_function",
    "write_value_function",
]

CRITERION_KEYS = (
    "name",
    "area",
    "kind",
    "unit",
    "description",
    "scale",
    "anchors",
    "value_function",
)


# -- reading -------------------------------------------------------------------------------


def read_scale(value: object, path: Path, problems: Collector) -> Any:
    """A scale ``[low, high]`` with low < high, as a tuple, or INVALID."""
    items = read_array(value, path, problems)
    if items is INVALID:
        return INVALID
    if len(items) != 2:
        problems.add(
            path, f"expected two numbers [low, high] such as [0, 10]; found {describe(items)}."
        )
        return INVALID
    low = read_number(items[0], (*path, 0), problems)
    high = read_number(items[1], (*path, 1), problems)
    if INVALID in (low, high):
        return INVALID
    if not low < high:
        problems.add(path, f"expected low < high; found [{low:g}, {high:g}].")
        return INVALID
    return (low, high)


def read_criteria(items: list[Any], default_scale: Any, problems: Collector) -> list[Any]:
    """The criteria of the array ``criteria``: each a :class:`Named` or INVALID.

    ``default_scale`` is the study's ``scale``, for the criteria that give none.
    """
    criteria: list[Any] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(items):
        path: Path = ("criteria", position)
        criterion = _read_criterion(item, path, default_scale, problems)
        if isinstance(criterion, Named) and not claim_name(
            criterion.name, position, seen, path, problems, "criterion", "criteria"
        ):
            criterion = Named(criterion.name, INVALID)
        criteria.append(criterion)
    return criteria


class Named:
    """A criterion whose name is known, though the criterion itself may be invalid.

    Keeping the name lets the scores be checked against it without a cascade of
    "unknown criterion" problems.
    """

    def __init__(self, name: str, value: Any) -> None:
        self.name = name
        self.value = value


def _read_criterion(item: object, path: Path, default_scale: Any, problems: Collector) -> Any:
    table = read_table(item, path, problems)
    if table is INVALID:
        return INVALID
    before = problems.found
    check_keys(table, CRITERION_KEYS, path, problems, required=("name", "area", "kind"))
    name = (
        read_text(table["name"], (*path, "name"), problems, blank=False)
        if "name" in table
        else INVALID
    )
    fields: dict[str, Any] = {}
    if "area" in table:
        fields["area"] = read_text(table["area"], (*path, "area"), problems, blank=False)
    if "kind" in table:
        kind = table["kind"]
        if kind not in KINDS:
            of = f"criterion {name!r}: " if name is not INVALID else ""
            problems.add(
                (*path, "kind"),
                f"{of}expected 'benefit' (higher is better), 'risk' or 'cost' (higher is "
                f"worse); "
                f"found {describe(kind)}."
                + (did_you_mean(kind, KINDS) if isinstance(kind, str) else ""),
            )
        fields["kind"] = kind
    for key in ("unit", "description"):
        if key in table:
            fields[key] = read_text(table[key], (*path, key), problems)
    scale = default_scale
    if "scale" in table:
        scale = read_scale(table["scale"], (*path, "scale"), problems)
    if scale is not None:
        fields["scale"] = scale
    if "anchors" in table:
        fields["anchors"] = _read_anchors(table["anchors"], (*path, "anchors"), problems)
        if scale is None:
            problems.add(
                (*path, "anchors"),
                "anchors describe the ends of a fixed scale, but the criterion has none; "
                "give scale = [low, high] as well, or leave the anchors out.",
            )
    if "value_function" in table:
        fields["value_function"] = read_value_function(
            table["value_function"], (*path, "value_function"), problems
        )
    if name is INVALID:
        return INVALID
    if problems.found > before or INVALID in fields.values():
        return Named(name, INVALID)
    try:
        return Named(name, Criterion(name, **fields))
    except PowerbalanceError as error:
        problems.add(path, str(error))
        return Named(name, INVALID)


def _read_anchors(value: object, path: Path, problems: Collector) -> Any:
    items = read_array(value, path, problems)
    if items is INVALID:
        return INVALID
    if len(items) != 2:
        problems.add(
            path,
            "expected two texts [low end, high end], what the ends of the scale stand for; "
            f"found {describe(items)}.",
        )
        return INVALID
    texts = tuple(
        read_text(text, (*path, k), problems, blank=False) for k, text in enumerate(items)
    )
    return INVALID if INVALID in texts else texts


def read_value_function(value: object, path: Path, problems: Collector) -> Any:
    """A value function from ``{shape = ..., ...}``, the shape a registered name."""
    table = read_table(value, path, problems)
    if table is INVALID:
        return INVALID
    shapes = value_functions.names()
    shape = table.get("shape")
    if shape not in shapes:
        hint = did_you_mean(shape, shapes) if isinstance(shape, str) else ""
        found = "nothing" if "shape" not in table else describe(shape)
        problems.add(
            (*path, "shape"),
            f"expected a shape, one of {', '.join(map(repr, shapes))}; found {found}.{hint}",
        )
        return INVALID
    function = value_functions.get(shape)
    required, optional = field_inputs(function)
    before = problems.found
    check_keys(table, ("shape", *required, *optional), path, problems, required=required)
    if problems.found > before:
        return INVALID
    kwargs = {}
    for key in (*required, *optional):
        if key in table:
            reader = _FUNCTION_INPUTS.get(key, _read_as_is)
            kwargs[key] = reader(table[key], (*path, key), problems)
    if INVALID in kwargs.values():
        return INVALID
    try:
        return function(**kwargs)
    except PowerbalanceError as error:
        problems.add(path, str(error))
        return INVALID


def _read_points(value: object, path: Path, problems: Collector) -> Any:
    points = read_array(value, path, problems, non_empty=True)
    if points is INVALID:
        return INVALID
    pairs = []
    for k, point in enumerate(points):
        pair = read_pair(point, (*path, k), problems, "a point [performance, value]")
        if pair is INVALID:
            return INVALID
        pairs.append(pair)
    return pairs


def _read_as_is(value: object, path: Path, problems: Collector) -> Any:
    return value


#: How the inputs of the built-in value functions are read; any other as it is.
_FUNCTION_INPUTS = {"points": _read_points, "rho": read_number}


# -- writing -------------------------------------------------------------------------------


def criterion_table(criterion: Criterion) -> dict[str, Any]:
    """A criterion as its table in the document.

    Raises
    ------
    InvalidParameterError
        The criterion's value function cannot be written to a file.
    """
    table: dict[str, Any] = {"name": criterion.name, "area": criterion.area, "kind": criterion.kind}
    if criterion.unit:
        table["unit"] = criterion.unit
    if criterion.scale is not None:
        table["scale"] = list(criterion.scale)
    if criterion.anchors is not None:
        table["anchors"] = list(criterion.anchors)
    if criterion.value_function is not None:
        table["value_function"] = write_value_function(criterion.value_function, criterion.name)
    if criterion.description:
        table["description"] = criterion.description
    return table


def write_value_function(function: ValueFunction, criterion: str) -> dict[str, Any]:
    """A value function as ``{shape = ..., ...}``.

    Raises
    ------
    InvalidParameterError
        The function is not a registered attrs class.
    """
    registered = registered_fields(value_functions, function)
    if registered is None:
        raise InvalidParameterError(
            f"Criterion {criterion!r}: the value function {function!r} cannot be written to a "
            f"file; only the registered ones can ({', '.join(map(repr, value_functions.names()))})."
        )
    shape, inputs = registered
    return {"shape": shape, **{key: _plain(value) for key, value in inputs.items()}}


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
