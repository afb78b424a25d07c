"""The study document (the parsed TOML or JSON of a study file) to and from a Study.

Reading checks every field and collects every problem, each with its field path; the
caller raises them together. This module holds the study as a whole (its format tag,
texts, baseline and presets); the criteria are read and written in
:mod:`powerbalance.io._document_criteria`, the options and their score cells in
:mod:`powerbalance.io._document_scores`, the scenarios in
:mod:`powerbalance.io._document_scenarios`, the package problem in
:mod:`powerbalance.io._document_portfolio`, the screening rules in
:mod:`powerbalance.io._document_screening` and the sorting model in
:mod:`powerbalance.io._document_sorting`. The format is described in ``docs/formats.md``
and by the JSON Schema ``study.schema.json`` beside this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from powerbalance._validate import did_you_mean
from powerbalance.errors import InvalidParameterError, PowerbalanceError
from powerbalance.io._document_criteria import Named, criterion_table, read_criteria, read_scale
from powerbalance.io._document_portfolio import build_portfolio, portfolio_table, read_portfolio
from powerbalance.io._document_scenarios import read_scenarios, scenario_table
from powerbalance.io._document_scores import read_options, write_cell
from powerbalance.io._document_screening import (
    build_screening,
    read_screening,
    screening_table,
)
from powerbalance.io._document_sorting import build_sorting, read_sorting, sorting_table
from powerbalance.io._problems import Collector
from powerbalance.io._values import INVALID, check_keys, read_array, read_table, read_text
from powerbalance.io._weightings import read_scheme, write_weighting
from powerbalance.model import Assessment, Option
from powerbalance.model.study import Study, check_preset
from powerbalance.model.uncertainty import Distribution

__all__ = [
    "FORMAT",
    "READABLE_FORMATS",
    "study_from_document",
    "study_to_document",
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
    "scenarios",
    "presets",
    "portfolio",
    "screening",
    "sorting",
)


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
        "name",
        "title",
        "description",
        "author",
        "date",
        "disclaimer",
        "scale_description",
    ):
        texts[key] = read_text(top[key], (key,), problems) if key in top else ""
    default_scale = read_scale(top["scale"], ("scale",), problems) if "scale" in top else None
    criteria: list[Any] = []
    if "criteria" in top:
        items = read_array(top["criteria"], ("criteria",), problems, non_empty=True)
        if items is not INVALID:
            criteria = read_criteria(items, default_scale, problems)
    options: list[Any] = []
    rows: list[Any] = []
    notes: dict[tuple[str, str], str] = {}
    uncertainty: dict[tuple[str, str], Distribution] = {}
    flagged: list[tuple[int, str]] = []
    if "options" in top:
        items = read_array(top["options"], ("options",), problems, non_empty=True)
        if items is not INVALID:
            options, rows, flagged = read_options(items, criteria, notes, uncertainty, problems)
    baseline = _read_baseline(top, options, flagged, problems)
    scenarios = []
    if "scenarios" in top:
        names = [o.name for o in options if isinstance(o, Option)]
        scenarios = read_scenarios(top["scenarios"], criteria, names, problems)
    presets: dict[str, Any] = {}
    if "presets" in top:
        table = read_table(top["presets"], ("presets",), problems)
        if table is not INVALID:
            for name, value in table.items():
                if not name.strip():
                    problems.add(("presets", name), "a preset needs a non-blank name.")
                    continue
                presets[name] = read_scheme(value, ("presets", name), problems)
    portfolio: Any = None
    if "portfolio" in top:
        names = [o.name for o in options if isinstance(o, Option)]
        resources = [
            c.name
            for c in criteria
            if isinstance(c, Named) and getattr(c.value, "kind", None) == "cost"
        ]
        portfolio = read_portfolio(top["portfolio"], names, resources, problems)
    screening: Any = None
    sorting: Any = None
    if "screening" in top or "sorting" in top:
        known = [c for c in criteria if isinstance(c, Named)]
        criterion_names = [c.name for c in known]
        if "screening" in top:
            areas = list(
                dict.fromkeys(
                    c.value.area for c in known if isinstance(getattr(c.value, "area", None), str)
                )
            )
            names = [o.name for o in options if isinstance(o, Option)]
            screening = read_screening(top["screening"], criterion_names, areas, names, problems)
        if "sorting" in top:
            sorting = read_sorting(top["sorting"], criterion_names, problems)
    built = [c.value if isinstance(c, Named) else c for c in criteria]
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
            scenarios=scenarios,
        )
    except PowerbalanceError as error:
        problems.add((), str(error))
        return INVALID
    for name, scheme in presets.items():
        try:
            check_preset(name, scheme, assessment)
        except PowerbalanceError as error:
            problems.add(("presets", name), str(error))
    if portfolio is not None and not problems.problems:
        portfolio = build_portfolio(portfolio, assessment, problems)
    rules: tuple[Any, ...] = ()
    do_minimum = None
    if screening is not None and not problems.problems:
        rules, do_minimum = build_screening(screening, assessment, problems)
    if sorting is not None and not problems.problems:
        sorting = build_sorting(sorting, assessment, problems)
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
        portfolio=portfolio,
        screening_rules=rules,
        do_minimum=do_minimum,
        sorting=sorting,
    )


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
    document["criteria"] = [criterion_table(c) for c in a.criteria]
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
    if a.scenarios:
        document["scenarios"] = [scenario_table(s) for s in a.scenarios]
    if study.presets:
        document["presets"] = {
            name: _preset_table(name, scheme) for name, scheme in study.presets.items()
        }
    if study.portfolio is not None:
        document["portfolio"] = portfolio_table(study.portfolio)
    if study.screening_rules or study.do_minimum is not None:
        document["screening"] = screening_table(study.screening_rules, study.do_minimum)
    if study.sorting is not None:
        document["sorting"] = sorting_table(study.sorting)
    return document


def _preset_table(name: str, scheme: Any) -> Any:
    try:
        table = write_weighting(scheme)
    except InvalidParameterError as error:
        raise InvalidParameterError(f"Preset {name!r}: {error}") from error
    return {"scheme": table} if isinstance(table, str) else table
