"""The study document (the parsed TOML or JSON of a study file) to and from a Study.

Reading checks every field and collects every problem, each with its field path; the
caller raises them together. The format is described in ``docs/formats.md`` and by
the JSON Schema ``study.schema.json`` beside this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from powerbalance._validate import did_you_mean
from powerbalance.errors import InvalidParameterError, PowerbalanceError
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
from powerbalance.io._weightings import read_scheme, write_weighting
from powerbalance.model import KINDS, Assessment, Criterion, Option
from powerbalance.model.study import Study, check_preset
from powerbalance.model.uncertainty import Distribution
from powerbalance.model.uncertainty import registry as distributions
from powerbalance.model.value import ValueFunction
from powerbalance.model.value import registry as value_functions

__all__ = [
    "FORMAT",
    "READABLE_FORMATS",
    "read_cell",
    "read_value_function",
    "study_from_document",
    "study_to_document",
    "write_cell",
    "write_value_function",
]

FORMAT = "powerbalance-study/1"
"""The format tag every study document written by this version carries (``format``).

Examples
--------
>>> FORMAT
'powerbalance-study/1'
"""

#: The format tags this version reads.
READABLE_FORMATS = (FORMAT,)

TOP_KEYS = (
    "$schema",
    "format",
    "name",
    "title",
    "description",
    "author",
    "date",
    "disclaimer",
    "baseline",
    "scale",
    "scale_description",
    "criteria",
    "options",
    "presets",
)
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
OPTION_KEYS = ("name", "description", "baseline", "scores")
CELL_KEYS = ("score", "rationale", "distribution", "low", "mode", "high", "mean", "sd")
#: The keys of a score cell that are a distribution's inputs (the distribution's
#: fields, by its name in ``powerbalance.model.uncertainty.registry``).
DISTRIBUTION_KEYS = ("low", "mode", "high", "mean", "sd")
#: Inputs that, when a cell leaves them out, are the cell's score.
AT_SCORE = ("mode", "mean")


# -- reading -------------------------------------------------------------------------------


def study_from_document(document: object, problems: Collector) -> Any:
    """A Study from a parsed document, or INVALID with every problem recorded."""
    top = read_table(document, (), problems)
    if top is INVALID:
        return INVALID
    check_keys(top, TOP_KEYS, (), problems, required=("format", "criteria", "options"))
    if "format" in top:
        tag = read_text(top["format"], ("format",), problems)
        if tag is not INVALID and tag not in READABLE_FORMATS:
            problems.add(
                ("format",),
                f"expected {FORMAT!r}; found {tag!r}. This version of powerbalance reads "
                f"{', '.join(map(repr, READABLE_FORMATS))}; a newer format needs a newer "
                "powerbalance.",
            )
    if "$schema" in top:
        # Where an editor finds the JSON Schema; not part of the study.
        read_text(top["$schema"], ("$schema",), problems)
    texts = {}
    for key in (
        "name", "title", "description", "author", "date", "disclaimer", "scale_description"
    ):
        texts[key] = read_text(top[key], (key,), problems) if key in top else ""
    default_scale = _read_scale(top["scale"], ("scale",), problems) if "scale" in top else None
    criteria: list[Any] = []
    if "criteria" in top:
        items = read_array(top["criteria"], ("criteria",), problems, non_empty=True)
        if items is not INVALID:
            criteria = _read_criteria(items, default_scale, problems)
    options: list[Any] = []
    rows: list[Any] = []
    notes: dict[tuple[str, str], str] = {}
    uncertainty: dict[tuple[str, str], Distribution] = {}
    flagged: list[tuple[int, str]] = []
    if "options" in top:
        items = read_array(top["options"], ("options",), problems, non_empty=True)
        if items is not INVALID:
            options, rows, flagged = _read_options(items, criteria, notes, uncertainty, problems)
    baseline = _read_baseline(top, options, flagged, problems)
    presets: dict[str, Any] = {}
    if "presets" in top:
        table = read_table(top["presets"], ("presets",), problems)
        if table is not INVALID:
            for name, value in table.items():
                presets[name] = read_scheme(value, ("presets", name), problems)
    built = [c.value if isinstance(c, _Named) else c for c in criteria]
    if problems.problems or INVALID in built or INVALID in options:
        return INVALID
    try:
        assessment = Assessment(
            options=options,
            criteria=built,
            scores=rows,
            notes=notes,
            uncertainty=uncertainty,
            name=texts["name"],
            description=texts["description"],
            baseline=baseline,
        )
    except PowerbalanceError as error:
        problems.add((), str(error))
        return INVALID
    for name, scheme in presets.items():
        try:
            check_preset(name, scheme, assessment)
        except PowerbalanceError as error:
            problems.add(("presets", name), str(error))
    if problems.problems:
        return INVALID
    return Study(
        assessment,
        presets=presets,
        title=texts["title"],
        author=texts["author"],
        date=texts["date"],
        disclaimer=texts["disclaimer"],
        scale_description=texts["scale_description"],
    )


def _read_scale(value: object, path: Path, problems: Collector) -> Any:
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


def _read_criteria(items: list[Any], default_scale: Any, problems: Collector) -> list[Any]:
    criteria: list[Any] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(items):
        path: Path = ("criteria", position)
        criterion = _read_criterion(item, path, default_scale, problems)
        if isinstance(criterion, _Named):
            name = criterion.name
            if name in seen:
                problems.add(
                    (*path, "name"),
                    f"criterion {name!r} is already defined at criteria[{seen[name]}]; "
                    "every criterion needs a unique name.",
                )
                criterion = _Named(name, INVALID)
            else:
                seen[name] = position
        criteria.append(criterion)
    return criteria


class _Named:
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
    before = len(problems.problems)
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
                f"{of}expected 'benefit' (higher is better) or 'risk' (higher is worse); "
                f"found {describe(kind)}."
                + (did_you_mean(kind, KINDS) if isinstance(kind, str) else ""),
            )
        fields["kind"] = kind
    for key in ("unit", "description"):
        if key in table:
            fields[key] = read_text(table[key], (*path, key), problems)
    scale = default_scale
    if "scale" in table:
        scale = _read_scale(table["scale"], (*path, "scale"), problems)
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
    if len(problems.problems) > before or INVALID in fields.values():
        return _Named(name, INVALID)
    try:
        return _Named(name, Criterion(name, **fields))
    except PowerbalanceError as error:
        problems.add(path, str(error))
        return _Named(name, INVALID)


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
    required, optional = _inputs(function)
    before = len(problems.problems)
    check_keys(table, ("shape", *required, *optional), path, problems, required=required)
    if len(problems.problems) > before:
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


def _inputs(factory: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (required, optional) inputs of a registered class: its attrs fields."""
    if not attrs.has(factory):
        return (), ()
    fields = [field for field in attrs.fields(factory) if field.init]
    required = tuple(f.alias for f in fields if f.default is attrs.NOTHING)
    optional = tuple(f.alias for f in fields if f.default is not attrs.NOTHING)
    return required, optional


def _read_options(
    items: list[Any],
    criteria: list[Any],
    notes: dict[tuple[str, str], str],
    uncertainty: dict[tuple[str, str], Distribution],
    problems: Collector,
) -> tuple[list[Any], list[Any], list[tuple[int, str]]]:
    names = [c.name for c in criteria if isinstance(c, _Named)]
    by_name = {c.name: c.value for c in criteria if isinstance(c, _Named)}
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
            if name in seen:
                problems.add(
                    (*path, "name"),
                    f"option {name!r} is already defined at options[{seen[name]}]; every "
                    "option needs a unique name.",
                )
            else:
                seen[name] = position
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
            hint = did_you_mean(key, names)
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
        before = len(problems.problems)
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
        if len(problems.problems) > before:
            return INVALID
        _check_on_scale(score, scale, path, problems)
        if len(problems.problems) > before:
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
            hint = did_you_mean(name, known) if isinstance(name, str) else ""
            problems.add(
                (*path, "distribution"),
                f"expected one of {', '.join(map(repr, known))}; found "
                f"{describe(name)}.{hint}",
            )
            return INVALID
    elif not given:
        return None
    else:
        name = "uniform"
    kind = distributions.get(name)
    inputs = _inputs(kind)
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


def _read_baseline(
    top: Mapping[str, Any],
    options: list[Any],
    flagged: list[tuple[int, str]],
    problems: Collector,
) -> Any:
    names = [o.name for o in options if isinstance(o, Option)]
    if len(flagged) > 1:
        for position, name in flagged[1:]:
            problems.add(
                ("options", position, "baseline"),
                f"option {name!r} is flagged as the baseline, but so is {flagged[0][1]!r}; "
                "only one option can be the baseline.",
            )
    baseline = flagged[0][1] if flagged else None
    if "baseline" in top:
        given = read_text(top["baseline"], ("baseline",), problems, blank=False)
        if given is INVALID:
            return None
        if names and given not in names:
            problems.add(
                ("baseline",),
                f"{given!r} is not one of the options." + did_you_mean(given, names),
            )
            return None
        if baseline is not None and given != baseline:
            problems.add(
                ("baseline",),
                f"the baseline is {given!r} here but option {baseline!r} is flagged "
                "baseline = true; give the baseline once.",
            )
            return None
        baseline = given
    return baseline


# -- writing -------------------------------------------------------------------------------


def study_to_document(study: Study) -> dict[str, Any]:
    """The document of a study: plain dicts, lists, text, numbers and booleans.

    Raises
    ------
    InvalidParameterError
        A criterion's value function or a preset cannot be written to a file.
    """
    a = study.assessment
    document: dict[str, Any] = {"format": FORMAT}
    for key, text in (
        ("name", a.name),
        ("title", study.title),
        ("description", a.description),
        ("author", study.author),
        ("date", study.date),
        ("disclaimer", study.disclaimer),
        ("scale_description", study.scale_description),
    ):
        if text:
            document[key] = text
    document["criteria"] = [_criterion_table(c) for c in a.criteria]
    options = []
    for i, option in enumerate(a.options):
        table: dict[str, Any] = {"name": option.name}
        if option.description:
            table["description"] = option.description
        if option.name == a.baseline:
            table["baseline"] = True
        table["scores"] = {
            criterion: write_cell(
                float(a.scores[i, j]),
                a.notes.get((option.name, criterion), ""),
                a.uncertainty.get((option.name, criterion)),
            )
            for j, criterion in enumerate(a.criterion_names)
        }
        options.append(table)
    document["options"] = options
    if study.presets:
        document["presets"] = {
            name: _preset_table(name, scheme) for name, scheme in study.presets.items()
        }
    return document


def _preset_table(name: str, scheme: Any) -> Any:
    try:
        table = write_weighting(scheme)
    except InvalidParameterError as error:
        raise InvalidParameterError(f"Preset {name!r}: {error}") from error
    return {"scheme": table} if isinstance(table, str) else table


def _criterion_table(criterion: Criterion) -> dict[str, Any]:
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
    shape = _registered_name(value_functions, type(function))
    if shape is None:
        raise InvalidParameterError(
            f"Criterion {criterion!r}: the value function {function!r} cannot be written to a "
            f"file; only the registered ones can ({', '.join(map(repr, value_functions.names()))})."
        )
    table: dict[str, Any] = {"shape": shape}
    cls: Any = type(function)  # an attrs class: _registered_name checked it
    for field in attrs.fields(cls):
        if field.init:
            table[field.alias] = _plain(getattr(function, field.name))
    return table


def _registered_name(registry: Any, cls: type) -> str | None:
    """The name ``cls`` is registered under, if it is an attrs class registered there."""
    if not attrs.has(cls):
        return None
    for name in registry.names():
        try:
            if registry.get(name) is cls:
                return str(name)
        except PowerbalanceError:  # a broken plug-in is not this class
            continue
    return None


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


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
    name = _registered_name(distributions, type(distribution))
    if name is None:
        raise InvalidParameterError(
            f"The distribution {distribution!r} cannot be written to a file; only the "
            f"registered ones can ({', '.join(map(repr, distributions.names()))})."
        )
    fields: dict[str, Any] = {"distribution": name}
    cls: Any = type(distribution)  # an attrs class: _registered_name checked it
    for field in attrs.fields(cls):
        value = getattr(distribution, field.name)
        if not field.init or value is None or (field.alias in AT_SCORE and value == score):
            continue
        fields[field.alias] = value
    return fields
