"""Weighting schemes in a study file: a table naming the scheme and holding its inputs.

A weighting in a file is either the registered name of a scheme that needs no inputs
(``"equal"``, ``"entropy"``) or a table ``{scheme = "<name>", <input> = ..., ...}``.
The names of the built-in schemes and their inputs are listed in :data:`SCHEMES`; a
scheme registered by a plug-in package (``powerbalance.weightings`` entry point) is
written by its registered name, with the fields of an attrs class as inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from powerbalance.errors import InvalidParameterError, PowerbalanceError, did_you_mean
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
from powerbalance.weighting import (
    AHP,
    CRITIC,
    MEREC,
    BestWorst,
    Blend,
    ByArea,
    Direct,
    Entropy,
    Equal,
    Group,
    RankOrderCentroid,
    RankReciprocal,
    RankSum,
    StdDev,
    Swing,
    registry,
)
from powerbalance.model.weights import Weights

__all__ = ["SCHEMES", "read_weighting", "write_weighting"]

#: How deeply weightings may nest (a blend of by-area schemes of ...).
MAX_DEPTH = 16

Reader = Callable[[object, Path, Collector, int], Any]
Writer = Callable[[Any], Any]


@attrs.frozen
class _Input:
    """One input of a scheme: its key in the file (the attribute, unless ``attribute``)."""

    key: str
    kind: str
    required: bool = False
    attribute: str | None = None

    @property
    def name(self) -> str:
        return self.attribute or self.key


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


def _write_experts(value: Mapping[str, AHP]) -> dict[str, Any]:
    return {name: _inputs("ahp", expert) for name, expert in value.items()}


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


_KINDS: dict[str, tuple[Reader, Writer]] = {
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

_PAIRWISE = (
    _Input("method", "text"),
    _Input("random_index", "random_index"),
    _Input("threshold", "threshold"),
    _Input("completion", "text"),
)

#: The built-in schemes by their name in a file: the class and its inputs.
SCHEMES: dict[str, tuple[type, tuple[_Input, ...]]] = {
    "equal": (Equal, ()),
    "direct": (Direct, (_Input("points", "points", required=True),)),
    "rank-order-centroid": (RankOrderCentroid, (_Input("ranking", "ranking", required=True),)),
    "rank-sum": (RankSum, (_Input("ranking", "ranking", required=True),)),
    "rank-reciprocal": (RankReciprocal, (_Input("ranking", "ranking", required=True),)),
    "swing": (Swing, (_Input("points", "points", required=True), _Input("ranges", "ranges"))),
    "ahp": (AHP, (_Input("judgements", "judgements", required=True), *_PAIRWISE)),
    "ahp-group": (
        Group,
        (
            _Input("experts", "experts", required=True),
            _Input("expert_weights", "expert_weights"),
            *_PAIRWISE,
        ),
    ),
    "best-worst": (
        BestWorst,
        (
            _Input("best", "text", required=True),
            _Input("worst", "text", required=True),
            _Input("best_to_others", "points", required=True),
            _Input("others_to_worst", "points", required=True),
            _Input("model", "text"),
        ),
    ),
    "entropy": (Entropy, (_Input("normalization", "normalization"),)),
    "critic": (
        CRITIC,
        (_Input("normalization", "text"), _Input("invert_risks", "bool")),
    ),
    "std-dev": (StdDev, (_Input("normalization", "normalization"),)),
    "merec": (MEREC, ()),
    "by-area": (
        ByArea,
        (
            _Input("areas", "weighting", required=True),
            _Input("within", "weighting"),
            _Input("within_areas", "weightings", attribute="within"),
        ),
    ),
    "blend": (Blend, (_Input("parts", "parts", required=True),)),
}

_NAME_OF: dict[type, str] = {cls: name for name, (cls, _) in SCHEMES.items()}


# -- reading -------------------------------------------------------------------------------


def read_weighting(value: object, path: Path, problems: Collector, depth: int = 0) -> Any:
    """A weighting from a file: a scheme name (kept as text) or a ``{scheme = ...}`` table.

    Returns the scheme (or name), or INVALID after recording the problems found.
    """
    if depth > MAX_DEPTH:
        problems.add(path, f"weightings nest more than {MAX_DEPTH} levels deep.")
        return INVALID
    if isinstance(value, str):
        return value if _known_name(value, path, problems) else INVALID
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
    if name is INVALID:
        return INVALID
    return _build(name, table, path, problems, depth, scheme_key=True)


def read_scheme(value: object, path: Path, problems: Collector) -> Any:
    """A top-level weighting (a preset): always a scheme object, names resolved."""
    scheme = read_weighting(value, path, problems)
    if isinstance(scheme, str):
        return _construct(path, problems, lambda: registry.create(scheme))
    return scheme


def _known_name(name: str, path: Path, problems: Collector) -> bool:
    if name in SCHEMES:
        return True
    try:
        registry.get(name)
    except PowerbalanceError:
        known = sorted(set(registry.names()) | set(SCHEMES))
        problems.add(
            path,
            f"{name!r} is not a weighting scheme; the known schemes are "
            f"{', '.join(map(repr, known))}." + did_you_mean(name, known),
        )
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
    extra = {"scheme"} if scheme_key else set()
    if name not in SCHEMES:
        return _build_plugin(name, table, path, problems)
    cls, inputs = SCHEMES[name]
    allowed = {spec.key for spec in inputs} | extra
    before = len(problems.problems)
    check_keys(table, allowed, path, problems, required=[s.key for s in inputs if s.required])
    kwargs: dict[str, Any] = {}
    for spec in inputs:
        if spec.key not in table:
            continue
        if spec.name in kwargs:
            problems.add(
                (*path, spec.key),
                f"give either {spec.name!r} or {spec.key!r}, not both.",
            )
            continue
        reader, _ = _KINDS[spec.kind]
        kwargs[spec.name] = reader(table[spec.key], (*path, spec.key), problems, depth)
    if len(problems.problems) > before or INVALID in kwargs.values():
        return INVALID
    return _construct(path, problems, lambda: cls(**kwargs))


def _build_plugin(name: str, table: Mapping[str, Any], path: Path, problems: Collector) -> Any:
    if not _known_name(name, (*path, "scheme"), problems):
        return INVALID
    factory = registry.get(name)
    inputs = {key: value for key, value in table.items() if key != "scheme"}
    if not inputs:
        return _construct(path, problems, factory)
    return _construct(path, problems, lambda: factory(**inputs))


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
        The weighting is a plain function, or a scheme that is neither built in nor
        registered, which a file cannot hold.
    """
    if isinstance(scheme, str):
        return scheme
    if isinstance(scheme, Weights):
        return {"scheme": "direct", "points": dict(scheme)}
    name = _NAME_OF.get(type(scheme))
    if name is not None:
        return {"scheme": name, **_inputs(name, scheme)}
    return _write_plugin(scheme)


def _inputs(name: str, scheme: Any) -> dict[str, Any]:
    _, inputs = SCHEMES[name]
    defaults = {field.name: field.default for field in attrs.fields(type(scheme))}
    written: dict[str, Any] = {}
    for spec in inputs:
        value = getattr(scheme, spec.name)
        if name == "by-area" and spec.name == "within":
            per_area = isinstance(value, Mapping) and not isinstance(value, Weights)
            if per_area != (spec.key == "within_areas"):
                continue
        elif value is None and spec.kind not in ("threshold", "normalization"):
            continue
        default = defaults.get(spec.name, attrs.NOTHING)
        factory = isinstance(default, attrs.Factory)  # type: ignore[arg-type,unused-ignore]
        if default is not attrs.NOTHING and not factory:
            try:
                same = bool(value == default)
            except (TypeError, ValueError):
                same = False
            if same:
                continue
        _, writer = _KINDS[spec.kind]
        written[spec.key] = writer(value)
    return written


_PRIMITIVE = (str, int, float, bool)


def _write_plugin(scheme: Any) -> Any:
    name = next(
        (n for n in registry.names() if _factory_class(n) is type(scheme)),
        None,
    )
    if name is None or not attrs.has(type(scheme)):
        what = getattr(scheme, "__name__", None) or type(scheme).__name__
        raise InvalidParameterError(
            f"The weighting {what!r} cannot be written to a file: only the built-in "
            "schemes, and attrs classes registered in powerbalance.weighting.registry, "
            "can be. Register the scheme, or describe it with a built-in one such as "
            "Direct(points)."
        )
    table: dict[str, Any] = {"scheme": name}
    for field in attrs.fields(type(scheme)):
        if not field.init:
            continue
        value = getattr(scheme, field.name)
        if value is None or (field.default is not attrs.NOTHING and value == field.default):
            continue
        if not _is_plain(value):
            raise InvalidParameterError(
                f"The weighting scheme {name!r} has the input {field.name}={value!r}, which "
                "a study file cannot hold (only text, numbers, true/false, and arrays "
                "and tables of them)."
            )
        table[field.name] = _plain_copy(value)
    return table


def _factory_class(name: str) -> object:
    try:
        return registry.get(name)
    except PowerbalanceError:
        return None


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
