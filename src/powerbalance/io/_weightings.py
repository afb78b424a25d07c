"""Weighting schemes in a study file: a table naming the scheme and holding its inputs.

A weighting in a file is either the registered name of a scheme that needs no inputs
(``"equal"``, ``"entropy"``) or a table ``{scheme = "<name>", <input> = ..., ...}``.
The name is the scheme's name in ``powerbalance.weighting.registry``, whether built in
or added by a plug-in package (``powerbalance.weightings`` entry point), and the inputs
are the fields of its attrs class. A field's metadata says what kind of value a file
holds for it (``file_input("ranking")``), so it is checked and converted here; a field
without one, as a plug-in's, is held as it is: text, numbers, true/false, and arrays and
tables of them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from powerbalance._validate import did_you_mean
from powerbalance.errors import InvalidParameterError, PowerbalanceError, UnknownNameError
from powerbalance.io._problems import Collector, Path
from powerbalance.io._values import (
    INVALID,
    check_keys,
    describe,
    read_array,
    read_bool,
    read_number,
    read_pair,
    read_table,
    read_text,
)
from powerbalance.model.weights import Weights
from powerbalance.weighting import registry
from powerbalance.weighting._inputs import FILE_ALTERNATIVES, FILE_INPUT

__all__ = ["read_weighting", "write_weighting"]

#: How deeply weightings may nest (a blend of by-area schemes of ...).
MAX_DEPTH = 16

Reader = Callable[[object, Path, Collector, int], Any]
Writer = Callable[[Any], Any]


@attrs.frozen
class _Input:
    """One input of a scheme: its key in the file, the argument it sets, and its kind."""

    key: str
    argument: str
    attribute: str
    kind: str
    required: bool
    default: object


def _inputs_of(cls: type) -> tuple[_Input, ...]:
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
        inputs.append(_Input(argument, argument, field.name, kind, required, default))
        for key, other in field.metadata.get(FILE_ALTERNATIVES, {}).items():
            inputs.append(_Input(key, argument, field.name, other, False, default))
    return tuple(inputs)


# -- reading and writing each kind of input ------------------------------------------------


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
    items = read_array(value, path, problems, non_empty=True)
    if items is INVALID:
        return INVALID
    judgements: dict[tuple[str, str], float] = {}
    ok = True
    for position, item in enumerate(items):
        where = (*path, position)
        table = read_table(item, where, problems)
        if table is INVALID:
            ok = False
            continue
        check_keys(table, _JUDGEMENT_KEYS, where, problems, required=_JUDGEMENT_KEYS)
        if any(key not in table for key in _JUDGEMENT_KEYS):
            ok = False
            continue
        first = read_text(table["first"], (*where, "first"), problems, blank=False)
        second = read_text(table["second"], (*where, "second"), problems, blank=False)
        ratio = read_number(table["ratio"], (*where, "ratio"), problems)
        if INVALID in (first, second, ratio):
            ok = False
            continue
        if (first, second) in judgements:
            problems.add(where, f"the pair ({first!r}, {second!r}) is judged twice.")
            ok = False
            continue
        judgements[(first, second)] = ratio
    return judgements if ok else INVALID


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


def _read_weighting_input(value: object, path: Path, problems: Collector, depth: int) -> Any:
    return read_weighting(value, path, problems, depth=depth + 1)


def _read_weightings(value: object, path: Path, problems: Collector, depth: int) -> Any:
    table = read_table(value, path, problems)
    if table is INVALID:
        return INVALID
    schemes = {
        key: read_weighting(item, (*path, key), problems, depth=depth + 1)
        for key, item in table.items()
    }
    return INVALID if INVALID in schemes.values() else schemes


def _write_weightings(value: Mapping[str, Any]) -> dict[str, Any]:
    return {key: write_weighting(scheme) for key, scheme in value.items()}


_PART_KEYS = ("weighting", "share")


def _read_parts(value: object, path: Path, problems: Collector, depth: int) -> Any:
    items = read_array(value, path, problems, non_empty=True)
    if items is INVALID:
        return INVALID
    parts = []
    ok = True
    for position, item in enumerate(items):
        where = (*path, position)
        table = read_table(item, where, problems)
        if table is INVALID:
            ok = False
            continue
        check_keys(table, _PART_KEYS, where, problems, required=_PART_KEYS)
        if any(key not in table for key in _PART_KEYS):
            ok = False
            continue
        scheme = read_weighting(table["weighting"], (*where, "weighting"), problems, depth + 1)
        share = read_number(table["share"], (*where, "share"), problems)
        if INVALID in (scheme, share):
            ok = False
            continue
        parts.append((scheme, share))
    return parts if ok else INVALID


def _write_parts(value: tuple[tuple[Any, float], ...]) -> list[dict[str, Any]]:
    return [{"weighting": write_weighting(scheme), "share": share} for scheme, share in value]


def _read_experts(value: object, path: Path, problems: Collector, depth: int) -> Any:
    table = read_table(value, path, problems)
    if table is INVALID:
        return INVALID
    experts = {}
    for name, inputs in table.items():
        where = (*path, name)
        inner = read_table(inputs, where, problems)
        if inner is INVALID:
            experts[name] = INVALID
            continue
        experts[name] = _build("ahp", inner, where, problems, depth + 1, scheme_key=False)
    return INVALID if INVALID in experts.values() else experts


def _write_experts(value: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _written_inputs("ahp", expert) for name, expert in value.items()}


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
    return _plain_copy(value)


_KINDS: dict[str, tuple[Reader, Writer]] = {
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
    "weighting": (_read_weighting_input, lambda value: write_weighting(value)),
    "weightings": (_read_weightings, _write_weightings),
    "parts": (_read_parts, _write_parts),
    "experts": (_read_experts, _write_experts),
    "expert_weights": (_read_expert_weights, _write_expert_weights),
}

#: The kinds written as false when the input is None (the default being something else).
_NONE_AS_FALSE = ("threshold", "normalization")


def _fits(kind: str, value: object) -> bool:
    """Whether a value can be written as an input of this kind (for alternative keys)."""
    if kind == "weightings":
        return isinstance(value, Mapping) and not isinstance(value, Weights)
    return True


# -- reading -------------------------------------------------------------------------------


def read_weighting(value: object, path: Path, problems: Collector, depth: int = 0) -> Any:
    """A weighting from a file: a scheme name (kept as text) or a ``{scheme = ...}`` table.

    Returns the scheme (or name), or INVALID after recording the problems found.
    """
    if depth > MAX_DEPTH:
        problems.add(path, f"weightings nest more than {MAX_DEPTH} levels deep.")
        return INVALID
    if isinstance(value, str):
        if not _known_name(value, path, problems):
            return INVALID
        # A name alone must build its scheme: one that needs inputs is refused here,
        # with the message showing how to give them, rather than when it is applied.
        built = _construct(path, problems, lambda: registry.create(value))
        return INVALID if built is INVALID else value
    table = read_table(value, path, problems)
    if table is INVALID:
        return INVALID
    if "scheme" not in table:
        problems.add(
            path,
            "the key 'scheme' is missing: name the weighting scheme, such as "
            "scheme = 'rank-order-centroid'.",
        )
        return INVALID
    name = read_text(table["scheme"], (*path, "scheme"), problems, blank=False)
    if name is INVALID or not _known_name(name, (*path, "scheme"), problems):
        return INVALID
    return _build(name, table, path, problems, depth, scheme_key=True)


def read_scheme(value: object, path: Path, problems: Collector) -> Any:
    """A top-level weighting (a preset): always a scheme object, names resolved."""
    scheme = read_weighting(value, path, problems)
    if isinstance(scheme, str):
        return _construct(path, problems, lambda: registry.create(scheme))
    return scheme


def _known_name(name: str, path: Path, problems: Collector) -> bool:
    try:
        registry.get(name)
    except UnknownNameError:
        known = registry.names()
        problems.add(
            path,
            f"{name!r} is not a weighting scheme; the known schemes are "
            f"{', '.join(map(repr, known))}." + did_you_mean(name, known),
        )
        return False
    except PowerbalanceError as error:
        problems.add(path, str(error))
        return False
    return True


def _build(
    name: str,
    table: Mapping[str, Any],
    path: Path,
    problems: Collector,
    depth: int,
    *,
    scheme_key: bool,
) -> Any:
    factory = registry.get(name)
    if not (isinstance(factory, type) and attrs.has(factory)):
        given = {key: value for key, value in table.items() if key != "scheme"}
        if not given:
            return _construct(path, problems, lambda: registry.create(name))
        return _construct(path, problems, lambda: factory(**given))
    inputs = _inputs_of(factory)
    allowed = {spec.key for spec in inputs} | ({"scheme"} if scheme_key else set())
    before = len(problems.problems)
    check_keys(table, allowed, path, problems, required=[s.key for s in inputs if s.required])
    kwargs: dict[str, Any] = {}
    for spec in inputs:
        if spec.key not in table:
            continue
        if spec.argument in kwargs:
            problems.add(
                (*path, spec.key),
                f"give either {spec.argument!r} or {spec.key!r}, not both.",
            )
            continue
        reader, _ = _KINDS.get(spec.kind, _KINDS["plain"])
        kwargs[spec.argument] = reader(table[spec.key], (*path, spec.key), problems, depth)
    if len(problems.problems) > before or INVALID in kwargs.values():
        return INVALID
    return _construct(path, problems, lambda: factory(**kwargs))


def _construct(path: Path, problems: Collector, make: Callable[[], Any]) -> Any:
    try:
        return make()
    except PowerbalanceError as error:
        problems.add(path, str(error))
    except (TypeError, ValueError) as error:
        problems.add(path, f"the scheme does not accept these inputs: {error}")
    return INVALID


# -- writing -------------------------------------------------------------------------------


def write_weighting(scheme: Any) -> Any:
    """A weighting as a file holds it: a name, or a table naming the scheme and its inputs.

    Raises
    ------
    InvalidParameterError
        The weighting is a plain function, a scheme that is not registered, or one
        whose inputs a file cannot hold.
    """
    if isinstance(scheme, str):
        return scheme
    if isinstance(scheme, Weights):
        return {"scheme": "direct", "points": dict(scheme)}
    cls = type(scheme)
    name = _registered_name(cls)
    if name is not None and attrs.has(cls):
        return {"scheme": name, **_written_inputs(name, scheme)}
    if name is not None and _takes_nothing(cls):
        return {"scheme": name}
    what = getattr(scheme, "__name__", None) or cls.__name__
    raise InvalidParameterError(
        f"The weighting {what!r} cannot be written to a file: only schemes registered in "
        "powerbalance.weighting.registry (built in, or attrs classes of a plug-in) can "
        "be. Register the scheme, or describe it with a built-in one such as "
        "Direct(points)."
    )


def _registered_name(cls: type) -> str | None:
    for name in registry.names():
        try:
            if registry.get(name) is cls:
                return name
        except PowerbalanceError:  # a broken plug-in is not this scheme
            continue
    return None


def _takes_nothing(cls: type) -> bool:
    try:
        return not inspect.signature(cls).parameters
    except (TypeError, ValueError):
        return False


def _written_inputs(name: str, scheme: Any) -> dict[str, Any]:
    written: dict[str, Any] = {}
    inputs = _inputs_of(type(scheme))
    for spec in inputs:
        value = getattr(scheme, spec.attribute)
        # An input with alternative keys is written under the first that fits it.
        primary = next(other for other in inputs if other.key == other.argument == spec.argument)
        chosen = next(
            (
                other
                for other in inputs
                if other.argument == spec.argument
                and other is not primary
                and _fits(other.kind, value)
            ),
            primary,
        )
        if chosen is not spec:
            continue
        if value is None and spec.kind not in _NONE_AS_FALSE:
            continue
        if spec.default is not attrs.NOTHING:
            try:
                same = bool(value == spec.default)
            except (TypeError, ValueError):
                same = False
            if same:
                continue
        if spec.kind not in _KINDS or spec.kind == "plain":
            if not _is_plain(value):
                raise InvalidParameterError(
                    f"The weighting scheme {name!r} has the input {spec.key}={value!r}, which "
                    "a study file cannot hold (only text, numbers, true/false, and arrays "
                    "and tables of them)."
                )
            written[spec.key] = _plain_copy(value)
            continue
        _, writer = _KINDS[spec.kind]
        written[spec.key] = writer(value)
    return written


_PRIMITIVE = (str, int, float, bool)


def _is_plain(value: object) -> bool:
    if isinstance(value, _PRIMITIVE):
        return True
    if isinstance(value, list | tuple):
        return all(_is_plain(item) for item in value)
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    return False


def _plain_copy(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_plain_copy(item) for item in value]
    if isinstance(value, Mapping):
        return {k: _plain_copy(v) for k, v in value.items()}
    return value
