"""What each file format keeps of a study, and the warning when a file leaves some out.

One table says, for each format, which parts of a study it cannot hold; writing a study
that has any of them warns once, with a :class:`~powerbalance.errors.DataLossWarning`
that names the file and each part left out. The command line's ``convert`` prints the
same parts. ``docs/formats.md`` shows the table in words.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable

from powerbalance.errors import DataLossWarning
from powerbalance.model.study import Study
from powerbalance.model.value import Linear, Piecewise

__all__ = ["FORMAT_NAMES", "LOST", "PARTS", "lost_parts", "warn_lost"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _texts(study: Study) -> str | None:
    given = [
        label
        for label, text in (
            ("title", study.title),
            ("author", study.author),
            ("date", study.date),
            ("disclaimer", study.disclaimer),
            ("scale description", study.scale_description),
        )
        if text
    ]
    if not given:
        return None
    listed = given[0] if len(given) == 1 else ", ".join(given[:-1]) + " and " + given[-1]
    return f"the study's {listed}"


def _name(study: Study) -> str | None:
    a = study.assessment
    given = [label for label, text in (("name", a.name), ("description", a.description)) if text]
    return f"the assessment's {' and '.join(given)}" if given else None


def _option_descriptions(study: Study) -> str | None:
    count = sum(1 for option in study.assessment.options if option.description)
    return f"the descriptions of {_plural(count, 'option')}" if count else None


def _baseline(study: Study) -> str | None:
    baseline = study.assessment.baseline
    return f"the baseline ({baseline!r})" if baseline is not None else None


def _notes(study: Study) -> str | None:
    count = len(study.assessment.notes)
    return _plural(count, "rationale note") if count else None


def _uncertainty(study: Study) -> str | None:
    count = len(study.assessment.uncertainty)
    return f"the score distributions of {_plural(count, 'cell')}" if count else None


def _scenarios(study: Study) -> str | None:
    names = study.assessment.scenario_names
    if not names:
        return None
    listed = ", ".join(map(repr, names))
    return f"{_plural(len(names), 'scenario')} ({listed})"


def _curved_value_functions(study: Study) -> str | None:
    # XMCDA holds linear and piecewise linear value functions only.
    found = [
        f"the value function {criterion.value_function!r} of criterion {criterion.name!r}"
        for criterion in study.assessment.criteria
        if criterion.value_function is not None
        and not isinstance(criterion.value_function, Linear | Piecewise)
    ]
    return "; ".join(found) if found else None


def _presets(study: Study) -> str | None:
    count = len(study.presets)
    return _plural(count, "weighting preset") if count else None


def _portfolio(study: Study) -> str | None:
    problem = study.portfolio
    if problem is None:
        return None
    resources = ", ".join(map(repr, problem.resources))
    return f"the package problem (costs, interactions and budgets of {resources})"


def _screening(study: Study) -> str | None:
    count = len(study.screening_rules)
    parts = [_plural(count, "screening rule")] if count else []
    if study.do_minimum is not None:
        parts.append(f"the do-minimum option ({study.do_minimum!r})")
    return " and ".join(parts) or None


def _sorting(study: Study) -> str | None:
    model = study.sorting
    if model is None:
        return None
    categories = ", ".join(map(repr, model.categories))
    return f"the sorting model ({type(model).__name__} into {categories})"


#: Each part of a study a format may not hold: its key, and what the study has of it in
#: words (None if nothing).
PARTS: dict[str, Callable[[Study], str | None]] = {
    "texts": _texts,
    "name": _name,
    "option descriptions": _option_descriptions,
    "baseline": _baseline,
    "notes": _notes,
    "uncertainty": _uncertainty,
    "scenarios": _scenarios,
    "curved value functions": _curved_value_functions,
    "presets": _presets,
    "portfolio": _portfolio,
    "screening": _screening,
    "sorting": _sorting,
}

#: The parts of :data:`PARTS` each format cannot hold (a CSV table by its layout).
LOST: dict[str, tuple[str, ...]] = {
    "toml": (),
    "json": (),
    "xlsx": (),
    "csv-long": (
        "texts",
        "name",
        "option descriptions",
        "baseline",
        "scenarios",
        "presets",
        "portfolio",
        "screening",
        "sorting",
    ),
    "csv-wide": (
        "texts",
        "name",
        "option descriptions",
        "baseline",
        "notes",
        "uncertainty",
        "scenarios",
        "presets",
        "portfolio",
        "screening",
        "sorting",
    ),
    "xml": (
        "texts",
        "uncertainty",
        "scenarios",
        "curved value functions",
        "presets",
        "portfolio",
        "screening",
        "sorting",
    ),
}

#: Each format of :data:`LOST`, in words.
FORMAT_NAMES = {
    "toml": "a TOML study file",
    "json": "a JSON study file",
    "xlsx": "an Excel workbook",
    "csv-long": "a CSV table in the long layout",
    "csv-wide": "a CSV table in the wide layout",
    "xml": "XMCDA",
}


def _key(kind: str, layout: str) -> str:
    return f"csv-{layout}" if kind == "csv" else kind


def lost_parts(study: Study, kind: str, layout: str = "wide") -> tuple[str, ...]:
    """What a file of format ``kind`` would leave out of ``study``, each part in words.

    Examples
    --------
    >>> import powerbalance as pb
    >>> study = pb.examples.load("engage-or-contain")
    >>> for part in lost_parts(study, "csv", "long"):
    ...     print(part)
    the study's title and disclaimer
    the assessment's name and description
    the descriptions of 2 options
    >>> lost_parts(study, "toml")
    ()
    """
    found = (PARTS[part](study) for part in LOST[_key(kind, layout)])
    return tuple(words for words in found if words is not None)


def warn_lost(study: Study, kind: str, layout: str = "wide", file: object = None) -> None:
    """Warn, with a :class:`DataLossWarning`, if a file of format ``kind`` leaves part out.

    The warning points at the first caller outside powerbalance, whichever function of
    the package wrote the file.
    """
    lost = lost_parts(study, kind, layout)
    if not lost:
        return
    key = _key(kind, layout)
    where = f"{file}: " if file is not None else ""
    them = "it was" if len(lost) == 1 else "they were"
    message = (
        f"{where}{FORMAT_NAMES[key]} cannot hold {'; '.join(lost)}; {them} left out. "
        "A .toml, .json or .xlsx file keeps everything."
    )
    warnings.warn(DataLossWarning(message, lost=lost), stacklevel=_outside_stacklevel())


_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _outside_stacklevel() -> int:
    """The stack level of the first frame outside powerbalance, for ``warnings.warn``."""
    level = 1
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE + os.sep):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level
