"""The sorting model of a study document: the table ``sorting``.

``model`` names it (:data:`SORTING_MODELS`); ``categories`` lists the categories
worst first and ``profiles`` gives each criterion the lower edge of every category
above the worst, in raw scores. MR-Sort adds the majority ``threshold`` and
``vetoes`` (criterion -> a difference, or an array of one per profile in which
``"none"`` or null is no veto there); ELECTRE TRI-B adds the ``cut``, the ``rule``
and the ``indifference``, ``preference`` and ``veto`` thresholds (criterion ->
difference). Reading checks names and numbers and records every problem with its
field path; what only the whole model can tell (limits that are not nested, in the
wrong number, thresholds out of order) is recorded at ``sorting`` with the model's
own message once the assessment is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.errors import PowerbalanceError
from powerbalance.io._problems import Collector, Path
from powerbalance.io._values import (
    INVALID,
    check_keys,
    describe,
    read_array,
    read_choice,
    read_number,
    read_table,
    read_text,
)
from powerbalance.model import Assessment

__all__ = [
    "NO_VETO",
    "SORTING_KEYS",
    "SORTING_MODELS",
    "build_sorting",
    "read_sorting",
    "sorting_table",
]

#: Each sorting model as a file names it, and its class in :mod:`powerbalance.screening`
#: (resolved only when a file has a sorting model).
SORTING_MODELS = {"mr-sort": "MRSort", "electre-tri-b": "ElectreTriB"}

#: The keys of the table, by model.
SORTING_KEYS = {
    "mr-sort": ("model", "categories", "profiles", "threshold", "vetoes"),
    "electre-tri-b": (
        "model",
        "categories",
        "profiles",
        "cut",
        "rule",
        "indifference",
        "preference",
        "veto",
    ),
}

NO_VETO = "none"
"""An entry of a per-profile veto array meaning no veto against that profile.

TOML has no null; JSON may use null or this word.

Examples
--------
>>> NO_VETO
'none'
"""

_ROOT: Path = ("sorting",)
_RULES = ("pessimistic", "optimistic")


# -- reading -------------------------------------------------------------------------------


def read_sorting(value: object, criteria: Sequence[str], problems: Collector) -> Any:
    """The sorting model of the table (not yet checked against the assessment), or INVALID.

    ``criteria`` are the names of the criteria read (empty when they could not be read:
    then no name is checked).
    """
    table = read_table(value, _ROOT, problems)
    if table is INVALID:
        return INVALID
    model = read_choice(table, "model", SORTING_MODELS, _ROOT, problems, "sorting model")
    if model is INVALID:
        return INVALID
    before = problems.found
    check_keys(table, SORTING_KEYS[model], _ROOT, problems, required=("categories", "profiles"))
    arguments: dict[str, Any] = {}
    if "categories" in table:
        arguments["categories"] = _read_categories(table["categories"], problems)
    if "profiles" in table:
        arguments["profiles"] = _read_profiles(table["profiles"], criteria, problems)
    for key in ("threshold", "cut"):
        if key in table and key in SORTING_KEYS[model]:
            arguments[key] = read_number(table[key], (*_ROOT, key), problems)
    if "rule" in table and model == "electre-tri-b":
        rule = read_text(table["rule"], (*_ROOT, "rule"), problems)
        if rule is not INVALID and rule not in _RULES:
            problems.add(
                (*_ROOT, "rule"),
                f"expected one of {quoted_list(_RULES)}; found {describe(rule)}."
                + did_you_mean(rule, _RULES),
            )
        arguments["rule"] = rule
    if "vetoes" in table and model == "mr-sort":
        arguments["vetoes"] = _read_vetoes(table["vetoes"], criteria, problems)
    for key in ("indifference", "preference", "veto"):
        if key in table and model == "electre-tri-b":
            arguments[key] = _read_differences(table[key], (*_ROOT, key), criteria, problems)
    if problems.found > before:
        return INVALID
    # The screening stage is imported only by a file that has a sorting model.
    from powerbalance import screening

    try:
        return getattr(screening, SORTING_MODELS[model])(**arguments)
    except PowerbalanceError as error:
        problems.add(_ROOT, str(error))
        return INVALID


def _read_categories(value: object, problems: Collector) -> Any:
    path = (*_ROOT, "categories")
    items = read_array(value, path, problems)
    if items is INVALID:
        return INVALID
    names = [read_text(item, (*path, k), problems, blank=False) for k, item in enumerate(items)]
    return INVALID if INVALID in names else names


def _known(criterion: str, path: Path, criteria: Sequence[str], problems: Collector) -> bool:
    if criteria and criterion not in criteria:
        problems.add(
            path,
            lambda: (
                f"{criterion!r} is not a criterion of this study."
                + did_you_mean(criterion, criteria)
            ),
        )
        return False
    return True


def _read_limits(value: object, path: Path, problems: Collector, *, none: bool) -> Any:
    """A number, or an array of numbers (and of no-veto entries when ``none``)."""
    if not isinstance(value, list):
        return read_number(value, path, problems)
    limits: list[Any] = []
    for k, item in enumerate(value):
        if none and (item is None or item == NO_VETO):
            limits.append(None)
            continue
        if none and isinstance(item, str):
            problems.add((*path, k), f"expected a number or {NO_VETO!r}; found {describe(item)}.")
            limits.append(INVALID)
            continue
        limits.append(read_number(item, (*path, k), problems))
    return INVALID if INVALID in limits else limits


def _read_profiles(value: object, criteria: Sequence[str], problems: Collector) -> Any:
    path = (*_ROOT, "profiles")
    table = read_table(value, path, problems)
    if table is INVALID:
        return INVALID
    profiles: dict[str, Any] = {}
    for criterion, limits in table.items():
        where = (*path, criterion)
        if _known(criterion, where, criteria, problems):
            profiles[criterion] = _read_limits(limits, where, problems, none=False)
    missing = [name for name in criteria if name not in table]
    if missing:
        problems.add(
            path,
            f"no limits for {quoted_list(missing, limit=20)}; every criterion needs the "
            "lower edge of each category above the worst.",
        )
    return profiles


def _read_vetoes(value: object, criteria: Sequence[str], problems: Collector) -> Any:
    path = (*_ROOT, "vetoes")
    table = read_table(value, path, problems)
    if table is INVALID:
        return INVALID
    return {
        criterion: _read_limits(given, (*path, criterion), problems, none=True)
        for criterion, given in table.items()
        if _known(criterion, (*path, criterion), criteria, problems)
    }


def _read_differences(
    value: object, path: Path, criteria: Sequence[str], problems: Collector
) -> Any:
    table = read_table(value, path, problems)
    if table is INVALID:
        return INVALID
    return {
        criterion: read_number(given, (*path, criterion), problems)
        for criterion, given in table.items()
        if _known(criterion, (*path, criterion), criteria, problems)
    }


def build_sorting(model: Any, assessment: Assessment, problems: Collector) -> Any:
    """``model`` if it fits the assessment, or INVALID with the model's reason at ``sorting``.

    Limits that are not nested in a criterion's direction are found here, where the
    directions are known.
    """
    try:
        model.prepare(assessment)
    except PowerbalanceError as error:
        problems.add(_ROOT, str(error))
        return INVALID
    return model


# -- writing -------------------------------------------------------------------------------


def _name_of(model: Any) -> str:
    for name, class_name in SORTING_MODELS.items():
        if type(model).__name__ == class_name:
            return name
    raise TypeError(f"no file name for the sorting model {model!r}")


def _vetoes(differences: Sequence[float | None]) -> Any:
    if len(set(differences)) == 1 and differences[0] is not None:
        return differences[0]
    return [NO_VETO if d is None else d for d in differences]


def sorting_table(model: Any) -> dict[str, Any]:
    """A sorting model as the table ``sorting`` of the document.

    Examples
    --------
    >>> import powerbalance as pb
    >>> model = pb.screening.MRSort(["no", "yes"], {"Gain": [5]}, threshold=0.6)
    >>> sorting_table(model)
    {'model': 'mr-sort', 'categories': ['no', 'yes'], 'threshold': 0.6, 'profiles': {'Gain': [5.0]}}
    """
    name = _name_of(model)
    table: dict[str, Any] = {"model": name, "categories": list(model.categories)}
    if name == "mr-sort":
        table["threshold"] = model.threshold
    else:
        table["cut"] = model.cut
        table["rule"] = model.rule
    table["profiles"] = {c: list(limits) for c, limits in model.profiles.items()}
    if name == "mr-sort":
        if model.vetoes:
            table["vetoes"] = {c: _vetoes(d) for c, d in model.vetoes.items()}
    else:
        for key in ("indifference", "preference", "veto"):
            if getattr(model, key):
                table[key] = dict(getattr(model, key))
    return table
