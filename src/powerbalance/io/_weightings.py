"""Weighting schemes in a study file: a table naming the scheme and holding its inputs.

A weighting in a file is either the registered name of a scheme that needs no inputs
(``"equal"``, ``"entropy"``) or a table ``{scheme = "<name>", <input> = ..., ...}``.
The name is the scheme's name in ``powerbalance.weighting.registry``, whether built in
or added by a plug-in package (``powerbalance.weightings`` entry point), and the inputs
are the fields of its attrs class, read and written by their kind
(:mod:`powerbalance.io._weighting_inputs`). The kinds whose values are weightings
themselves (a blend's parts, the schemes by area, the experts of a group) are read and
written here, beside the schemes, because reading one reads a weighting again.
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
    read_number,
    read_table,
    read_table_array,
    read_text,
)
from powerbalance.io._weighting_inputs import (
    NONE_AS_FALSE,
    VALUE_KINDS,
    Reader,
    Writer,
    inputs_of,
    is_plain,
    plain_copy,
)
from powerbalance.model.weights import Weights
from powerbalance.weighting import registry

__all__ = ["read_scheme", "read_weighting", "write_weighting"]

#: How deeply weightings may nest (a blend of by-area schemes of ...).
MAX_DEPTH = 16


# -- the kinds of input that are weightings ------------------------------------------------


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
    def read(table: Mapping[str, Any], where: Path) -> Any:
        scheme = read_weighting(table["weighting"], (*where, "weighting"), problems, depth + 1)
        share = read_number(table["share"], (*where, "share"), problems)
        return INVALID if INVALID in (scheme, share) else (scheme, share)

    return read_table_array(value, path, problems, _PART_KEYS, read)


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


_KINDS: dict[str, tuple[Reader, Writer]] = {
    **VALUE_KINDS,
    "weighting": (_read_weighting_input, lambda value: write_weighting(value)),
    "weightings": (_read_weightings, _write_weightings),
    "parts": (_read_parts, _write_parts),
    "experts": (_read_experts, _write_experts),
}


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
    inputs = inputs_of(factory)
    allowed = {spec.key for spec in inputs} | ({"scheme"} if scheme_key else set())
    before = problems.found
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
    if problems.found > before or INVALID in kwargs.values():
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
    name = registry.name_of(cls)
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


def _takes_nothing(cls: type) -> bool:
    try:
        return not inspect.signature(cls).parameters
    except (TypeError, ValueError):
        return False


def _written_inputs(name: str, scheme: Any) -> dict[str, Any]:
    written: dict[str, Any] = {}
    inputs = inputs_of(type(scheme))
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
        if value is None and spec.kind not in NONE_AS_FALSE:
            continue
        if spec.default is not attrs.NOTHING:
            try:
                same = bool(value == spec.default)
            except (TypeError, ValueError):
                same = False
            if same:
                continue
        if spec.kind not in _KINDS or spec.kind == "plain":
            if not is_plain(value):
                raise InvalidParameterError(
                    f"The weighting scheme {name!r} has the input {spec.key}={value!r}, which "
                    "a study file cannot hold (only text, numbers, true/false, and arrays "
                    "and tables of them)."
                )
            written[spec.key] = plain_copy(value)
            continue
        _, writer = _KINDS[spec.kind]
        written[spec.key] = writer(value)
    return written
