"""The cells of a score table: converting what arrives, and the checks every entry point shares.

An :class:`~powerbalance.Assessment` is built from Python objects, from a DataFrame or from
a file; all of them go through these converters, so they refuse the same things.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._frozen import FrozenMap
from powerbalance._validate import (
    InstanceOf,
    as_number,
    check,
    did_you_mean,
    quoted_list,
    refuse,
    shown,
)
from powerbalance.errors import (
    DuplicateNameError,
    InvalidNameError,
    MissingScoreError,
    UnknownNameError,
)
from powerbalance.model.criterion import Criterion, Option
from powerbalance.model.uncertainty import Distribution, check_uncertainty

__all__ = [
    "Fresh",
    "all_numbers",
    "array_eq",
    "check_text",
    "check_unique",
    "format_scale",
    "frame_inputs",
    "frame_label",
    "index_of",
    "is_number",
    "notes_from",
    "readonly",
    "sequence_of",
    "to_criteria",
    "to_notes",
    "to_options",
    "to_scores",
    "to_uncertainty",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]


def check_unique(what: str, names: Sequence[str]) -> None:
    if len(set(names)) == len(names):
        return
    # Only a refusal walks the names, to name the first repeat.
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise DuplicateNameError(
                f"Two {what} are named {name!r}; every {what[:-1]} needs a unique name. "
                f"Rename one of them."
            )
        seen.add(name)


def sequence_of(owner: str, parameter: str, value: object, expected: str, fix: str) -> list[Any]:
    """The items of a list-like argument; a string, a mapping or a non-iterable is refused."""
    if isinstance(value, str):
        fix = f"Wrap a single name in a list: [{value!r}]."
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise refuse(owner, parameter, value, expected, fix=fix)
    return list(value)


def to_options(value: Iterable[Option | str], owner: str = "Assessment") -> tuple[Option, ...]:
    items = sequence_of(
        owner,
        "options",
        value,
        "a sequence of Option objects or names",
        fix="Such as ['Engage', 'Contain'].",
    )
    return tuple(item if isinstance(item, Option) else Option(item) for item in items)


def to_criteria(value: Iterable[Criterion], owner: str = "Assessment") -> tuple[Criterion, ...]:
    criteria = tuple(
        sequence_of(
            owner,
            "criteria",
            value,
            "a sequence of Criterion objects",
            fix="Build each with pb.Criterion(name, area=..., kind='benefit', 'risk' or 'cost').",
        )
    )
    if all(isinstance(item, Criterion) for item in criteria):
        return criteria
    for position, item in enumerate(criteria):
        check(
            owner,
            f"criteria[{position}]",
            item,
            InstanceOf(Criterion, description="a Criterion (with an area and a kind)"),
            fix="Build it with pb.Criterion(name, area=..., kind='benefit', 'risk' or 'cost').",
        )
    return criteria


def readonly(array: FloatArray) -> FloatArray:
    array.flags.writeable = False
    return array


class Fresh:
    """Scores made for the assessment being built, valid or not: taken over, not copied.

    For the package's own copies (a subset's block, a frame's values); a caller's array
    is always copied, so that later edits of it cannot reach the assessment.

    Examples
    --------
    >>> block = np.array([[1.0, 2.0]])
    >>> to_scores(Fresh(block)) is block
    True
    """

    __slots__ = ("array",)

    def __init__(self, array: FloatArray) -> None:
        self.array = array


# The types of cell a list of scores can hold and be converted by numpy in one pass;
# anything else (bool, text, complex, decimal...) goes through the per-cell rule.
_REAL_TYPES = frozenset({int, float} | {np.dtype(code).type for code in "efdgbhilqBHILQ"})


def to_scores(value: object) -> Any:
    if isinstance(value, Fresh):
        array = value.array
        if array.dtype == np.float64 and (array.flags.c_contiguous or array.flags.f_contiguous):
            return readonly(array)
        value = array
    if isinstance(value, np.ma.MaskedArray):
        # A masked cell has no score: it becomes NaN, which the validator names as
        # missing, rather than the number hidden under the mask.
        if value.dtype.kind not in "fiu":
            return to_scores(np.ma.filled(value.astype(object), None))
        return to_scores(np.ma.filled(value.astype(np.float64), np.nan))
    # Always a copy, so later edits of the caller's array cannot reach the assessment.
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiu":
        return readonly(np.array(value, dtype=np.float64, copy=True))
    # Anything else goes through objects: numpy would otherwise turn a list holding one
    # piece of text into all text, or True into 1.0, and blame the wrong cell.
    try:
        cells = np.array(value, dtype=object, copy=True)
    except ValueError:
        return value
    if cells.ndim == 2:
        floats = _floats(cells)
        if floats is not None:
            return readonly(floats)
    # Text, booleans or ragged rows: the validator names the first offending cell.
    return cells


is_number_cell = np.frompyfunc(lambda v: is_number(v), 1, 1)


def all_numbers(cells: np.ndarray[Any, Any]) -> bool:
    return _floats(cells) is not None


def _floats(cells: np.ndarray[Any, Any]) -> FloatArray | None:
    """The cells as floats if every one is a number by the package's rule, else None."""
    if set(map(type, cells.ravel().tolist())) <= _REAL_TYPES:
        # One pass in C for the usual case, a list of ints and floats.
        try:
            return cells.astype(np.float64)
        except OverflowError:
            return None  # an integer too large for a float: the validator names it
    if cells.size == 0 or bool(is_number_cell(cells).astype(bool).all()):
        return cells.astype(np.float64)
    return None


def is_number(value: object) -> bool:
    # The package's one rule (as_number): no text, bool, complex or int beyond a float.
    return as_number(value) is not None


def to_notes(
    value: Mapping[tuple[str, str], str] | None, owner: str = "Assessment"
) -> Mapping[tuple[str, str], str]:
    if value is None:
        return FrozenMap({})
    check(
        owner,
        "notes",
        value,
        InstanceOf(Mapping, description="a mapping of (option, criterion) pairs to text"),
        fix="Such as {('Engage', 'Trade gains'): 'Opens markets.'}.",
    )
    return FrozenMap(value)


def to_uncertainty(
    value: Mapping[tuple[str, str], Distribution] | None,
) -> Mapping[tuple[str, str], Distribution]:
    return FrozenMap(check_uncertainty({} if value is None else value))


def check_text(owner: str, parameter: str, value: object) -> None:
    """Refuse a name or description that is not text."""
    if isinstance(value, str):
        return
    check(owner, parameter, value, InstanceOf(str, description="text"), fix='Give "" for none.')


def frame_label(label: object, axis: str) -> str:
    """A row or column label of a frame as a name: text, never a number, None or NaN."""
    if isinstance(label, str) and label.strip():
        return label
    missing = label is None or label is pd.NA or (isinstance(label, float) and label != label)
    what = "option names" if axis == "index" else "criterion names"
    raise refuse(
        "Assessment.from_frame",
        f"each label of frame.{axis}",
        label,
        f"one of the {what}, as non-blank text",
        fix=(
            f"A label is missing (an empty cell reads as None or NaN): name every "
            f"{'row' if axis == 'index' else 'column'}, or drop it."
            if missing
            else "Index the frame by option name, as frame.set_index('option') does, with "
            "the criterion names as columns; rename labels that are not text with "
            f"frame.rename({axis}=str) if they are names."
        ),
        error=InvalidNameError,
    )


def array_eq(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> bool:
    return a.shape == b.shape and bool(np.array_equal(a, b))


def index_of(what: str, name: str, names: tuple[str, ...]) -> int:
    # Only text can be a name: comparing pd.NA or an array with names is an error of its own.
    if isinstance(name, str) and name in names:
        return names.index(name)
    plural = "criteria" if what == "criterion" else f"{what}s"
    raise UnknownNameError(
        f"There is no {what} named {shown(name)}; the {plural} are {quoted_list(names)}."
        + did_you_mean(name, names)
    )


def format_scale(scale: tuple[float, float] | None) -> str:
    if scale is None:
        return "(none)"
    return f"{scale[0]:g} to {scale[1]:g}"


def notes_from(
    notes: pd.DataFrame | Mapping[tuple[str, str], str] | None,
) -> dict[tuple[str, str], str]:
    if notes is None:
        return {}
    check(
        "Assessment.from_frame",
        "notes",
        notes,
        InstanceOf(pd.DataFrame, description="a DataFrame shaped like frame"),
        InstanceOf(Mapping, description="a mapping of (option, criterion) pairs to text"),
        fix="Such as {('Engage', 'Trade gains'): 'Opens markets.'}.",
    )
    if isinstance(notes, pd.DataFrame):
        result: dict[tuple[str, str], str] = {}
        for option, row in notes.iterrows():
            for criterion, text in row.items():
                if isinstance(text, str) and text:
                    result[(frame_label(option, "index"), frame_label(criterion, "columns"))] = text
        return result
    return dict(notes)


def _labels(labels: pd.Index, axis: str) -> list[str]:
    """The labels of one axis of a frame as names (see :func:`frame_label`)."""
    names = labels.tolist()
    if set(map(type, names)) <= {str} and all(map(str.strip, names)):
        return names
    return [frame_label(label, axis) for label in names]


def frame_inputs(
    frame: pd.DataFrame,
    criteria: Sequence[Criterion],
    *,
    options: Sequence[Option] | None = None,
    notes: pd.DataFrame | Mapping[tuple[str, str], str] | None = None,
) -> dict[str, Any]:
    """The options, criteria, scores and notes of :meth:`Assessment.from_frame`, checked."""
    check(
        "Assessment.from_frame",
        "frame",
        frame,
        InstanceOf(pd.DataFrame, description="a pandas DataFrame"),
        fix="Index it by option, with one column per criterion.",
    )
    criteria = to_criteria(criteria, "Assessment.from_frame")
    index = _labels(frame.index, "index")
    columns = _labels(frame.columns, "columns")
    # The option names are checked for repeats with the assessment's options.
    check_unique("columns", columns)
    criterion_names = [c.name for c in criteria]
    check_unique("criteria", criterion_names)
    unknown = [c for c in columns if c not in set(criterion_names)]
    if unknown:
        raise UnknownNameError(
            f"The frame has column {unknown[0]!r}, but no criterion of that name was "
            f"given."
            + did_you_mean(unknown[0], criterion_names)
            + " Pass a Criterion for every column, or drop the column."
        )
    missing = [c for c in criterion_names if c not in set(columns)]
    if missing:
        raise UnknownNameError(
            f"Criterion {missing[0]!r} has no column in the frame (columns: "
            f"{quoted_list(columns)})." + did_you_mean(missing[0], columns)
        )
    ordered = frame.set_axis(columns, axis=1)[criterion_names]
    # Only real numbers take the fast path: a complex column would lose its imaginary
    # part, and booleans would pass for 1 and 0.
    numeric = all(
        pd.api.types.is_numeric_dtype(dtype)
        and not pd.api.types.is_bool_dtype(dtype)
        and not pd.api.types.is_complex_dtype(dtype)
        for dtype in ordered.dtypes
    )
    # All-numeric columns need no cell-by-cell check; anything else is checked per cell.
    # Always a new array, which the assessment then takes over rather than copying.
    values = ordered.to_numpy(dtype=np.float64 if numeric else object, copy=True)
    # A NaN anywhere makes its column's minimum NaN: the full scan only runs to name it.
    if not numeric or np.isnan(values.min(axis=0, initial=np.inf)).any():
        empty = pd.isna(ordered).to_numpy()
    else:
        empty = np.zeros((0, 0), dtype=bool)
    if empty.any():
        row, column = np.argwhere(empty)[0]
        raise MissingScoreError(
            f"Option {index[row]!r} has no score on criterion {criterion_names[column]!r}. "
            "Every option needs a score on every criterion: fill in the cell, or drop "
            "the option or criterion."
        )
    if options is None:
        option_objects: list[Option] | list[str] = index
    else:
        by_name = {o.name: o for o in to_options(options, "Assessment.from_frame")}
        absent = [label for label in index if label not in by_name]
        if absent:
            raise UnknownNameError(
                f"Row {absent[0]!r} of the frame has no matching Option in options."
                + did_you_mean(absent[0], by_name)
            )
        option_objects = [by_name[label] for label in index]
    return {
        "options": option_objects,
        "criteria": criteria,
        "scores": Fresh(values) if numeric else values,
        "notes": notes_from(notes),
    }
