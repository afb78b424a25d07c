"""Weights: an immutable mapping from criterion name to a non-negative weight, summing to 1."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._validate import (
    InstanceOf,
    as_number,
    check,
    did_you_mean,
    is_number,
    number_hint,
    quoted_list,
    refuse,
)
from powerbalance.errors import DuplicateNameError, InvalidNameError, UnknownNameError, WeightError
from powerbalance.model.assessment import Assessment

__all__ = ["Weights"]

#: How far from 1 the total of given weights may be before it is an error rather than rounding.
SUM_TOLERANCE = 1e-6


def _to_names(names: Iterable[str]) -> tuple[str, ...]:
    if isinstance(names, str) or not isinstance(names, Iterable):
        raise refuse(
            "Weights",
            "names",
            names,
            "a sequence of criterion names",
            fix="Build weights with Weights.from_mapping({'Security': 3, 'Economic': 1}).",
        )
    return tuple(names)


#: Why text and booleans are refused where numbers are expected.
_NOT_A_NUMBER = "Text and True or False are not numbers here."


def _readonly_copy(values: object) -> npt.NDArray[np.float64]:
    given = values if isinstance(values, np.ndarray) else np.asarray(values, dtype=object)
    if given.dtype.kind not in "iuf":
        odd = [v for v in given.flat if not is_number(v)][:1]
        if odd:
            raise refuse(
                "Weights",
                "values",
                values,
                "numbers, one per criterion name",
                fix=(number_hint(odd[0]) or _NOT_A_NUMBER)
                + " Use Weights.from_mapping(...) to weigh points.",
                error=WeightError,
            )
    array = np.array(values, dtype=np.float64, copy=True)
    array.flags.writeable = False
    return array


def _array_eq(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> bool:
    return a.shape == b.shape and bool(np.array_equal(a, b))


@attrs.frozen(repr=False)
class Weights(Mapping[str, float]):
    """Criterion weights: non-negative, summing to 1, keyed by criterion name.

    Build them with :meth:`from_mapping` (which rescales any non-negative points to
    sum to 1) or get them from a weighting scheme. The constructor itself accepts
    weights that already sum to 1 (to within 1e-6) and rescales away the rounding.

    Parameters
    ----------
    names : sequence of str
        Criterion names, unique.
    values : array-like of float
        One weight per name; stored read-only as :attr:`array`. (``values()`` is the
        mapping method, as on a dict.)

    Raises
    ------
    WeightError
        A weight is negative, NaN or infinite, all are zero, or they do not sum to 1.
    DuplicateNameError
        A name is repeated.

    Examples
    --------
    >>> w = Weights.from_mapping({"Security": 3, "Economic": 1})
    >>> w["Security"]
    0.75
    >>> dict(w)
    {'Security': 0.75, 'Economic': 0.25}
    """

    names: tuple[str, ...] = attrs.field(converter=_to_names)
    array: npt.NDArray[np.float64] = attrs.field(
        converter=_readonly_copy, eq=attrs.cmp_using(eq=_array_eq), alias="values"
    )

    def __attrs_post_init__(self) -> None:
        names, values = self.names, self.array
        if values.ndim != 1 or len(values) != len(names):
            raise refuse(
                "Weights",
                "values",
                values,
                f"one number per criterion name ({len(names)})",
                fix=f"They have the shape {values.shape}; give a flat list as long as names.",
                error=WeightError,
            )
        if not names:
            raise refuse(
                "Weights",
                "names",
                names,
                "at least one criterion name",
                fix="Weigh at least one criterion.",
                error=WeightError,
            )
        seen: set[str] = set()
        for name in names:
            if not isinstance(name, str) or not name.strip():
                raise refuse(
                    "Weights",
                    "names",
                    name,
                    "non-blank strings, the names of criteria",
                    fix="Key each weight by the name of its criterion.",
                    error=InvalidNameError,
                )
            if name in seen:
                raise refuse(
                    "Weights",
                    "names",
                    names,
                    "distinct criterion names",
                    fix=f"Criterion {name!r} is given two weights; give it one.",
                    error=DuplicateNameError,
                )
            seen.add(name)
        _check_values("Weights", "values", names, values)
        total = float(values.sum())
        if abs(total - 1.0) > SUM_TOLERANCE:
            raise WeightError(
                f"Weights: values must sum to 1; got values summing to {total:.6g}. Use "
                f"Weights.from_mapping(...) to rescale points or percentages."
            )
        # Remove the rounding so the stored weights sum to 1 as exactly as floats allow.
        object.__setattr__(self, "array", _readonly_copy(values / total))

    @classmethod
    def from_mapping(cls, points: Mapping[str, float]) -> Weights:
        """Weights proportional to non-negative points, e.g. percentages or 0-100 ratings.

        Raises
        ------
        InvalidParameterError
            ``points`` is not a mapping.
        WeightError
            A point is not a number, is negative or not finite, or every point is zero.

        Examples
        --------
        >>> Weights.from_mapping({"a": 2, "b": 2}).to_series().tolist()
        [0.5, 0.5]
        """
        check(
            "Weights.from_mapping",
            "points",
            points,
            InstanceOf(Mapping, description="a mapping of criterion name to points"),
            fix="Such as {'Security': 3, 'Economic': 1}; the weights are the shares.",
        )
        names = tuple(points)
        raw = np.array([_as_float(name, points[name]) for name in names], dtype=np.float64)
        _check_values("Weights.from_mapping", "points", names, raw)
        return cls(names, raw / raw.sum())

    # -- Mapping protocol ---------------------------------------------------------------

    def __getitem__(self, name: str) -> float:
        try:
            return float(self.array[self.names.index(name)])
        except ValueError:
            raise UnknownNameError(
                f"There is no weight for criterion {name!r}; the weighted criteria are "
                f"{quoted_list(self.names)}." + did_you_mean(str(name), self.names)
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n!r}: {v:.4g}" for n, v in zip(self.names, self.array, strict=True))
        return f"Weights({{{inner}}})"

    # -- views --------------------------------------------------------------------------

    def to_series(self) -> pd.Series:
        """The weights as a new Series indexed by criterion name.

        Examples
        --------
        >>> Weights.from_mapping({"a": 1, "b": 3}).to_series()
        criterion
        a    0.25
        b    0.75
        Name: weight, dtype: float64
        """
        return pd.Series(
            self.array.copy(), index=pd.Index(self.names, name="criterion"), name="weight"
        )

    def by_area(self, assessment: Assessment) -> pd.Series:
        """The total weight of each area, in the assessment's area order.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> Weights.from_mapping({"Trade gains": 1, "Conflict risk": 3}).by_area(a)
        area
        Economic    0.25
        Security    0.75
        Name: weight, dtype: float64
        """
        aligned = self.aligned(assessment)
        areas = [c.area for c in assessment.criteria]
        totals = pd.Series(aligned, index=areas).groupby(level=0, sort=False).sum()
        totals.index.name = "area"
        totals.name = "weight"
        return totals.reindex(list(assessment.areas))

    def aligned(self, assessment: Assessment) -> npt.NDArray[np.float64]:
        """The weights as an array in the assessment's criterion order.

        Raises
        ------
        WeightError
            The weights and the assessment name different criteria.

        Examples
        --------
        >>> import powerbalance as pb
        >>> tiny = pb.examples.load("engage-or-contain").assessment
        >>> Weights.from_mapping({"Conflict risk": 1, "Trade gains": 1}).aligned(tiny)
        array([0.5, 0.5])
        """
        criteria = assessment.criterion_names
        if self.names == criteria:
            return self.array
        known = set(criteria)
        unknown = [n for n in self.names if n not in known]
        if unknown:
            raise WeightError(
                f"A weight is given for {unknown[0]!r}, which is not a criterion of the "
                f"assessment." + did_you_mean(unknown[0], criteria)
            )
        given = set(self.names)
        missing = [n for n in criteria if n not in given]
        if missing:
            raise WeightError(
                f"No weight is given for criterion {quoted_list(missing)}; every criterion "
                "of the assessment needs one (0 is allowed)."
            )
        position = {name: i for i, name in enumerate(self.names)}
        return self.array[[position[n] for n in criteria]]


def _as_float(name: str, value: Any) -> float:
    # True and False would pass for 1 and 0, and text for the number it spells,
    # hiding a mistake; as_number refuses them, complex numbers and huge integers.
    number = as_number(value)
    if number is not None:
        return number
    raise refuse(
        "Weights.from_mapping",
        f"points[{name!r}]",
        value,
        "a number",
        fix=(number_hint(value) or _NOT_A_NUMBER)
        + " Give every criterion points such as 3 or 0.25.",
        error=WeightError,
    )


def _check_values(
    owner: str, parameter: str, names: tuple[str, ...], values: npt.NDArray[np.float64]
) -> None:
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        position = int(np.argmax(bad))
        raise refuse(
            owner,
            f"{parameter}[{names[position]!r}]",
            float(values[position]),
            "a finite number of at least 0",
            fix="Give 0 to ignore a criterion.",
            error=WeightError,
        )
    if not (values > 0).any():
        raise refuse(
            owner,
            parameter,
            dict(zip(names, values.tolist(), strict=True)),
            "at least one positive weight",
            fix="Every weight is zero; give at least one criterion a positive weight.",
            error=WeightError,
        )
