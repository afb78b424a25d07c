r"""Direction-aware normalizations: scores on any scale to comparable numbers, higher is better.

Every normalization turns a risk (higher is worse) around so that, after it, a
higher value is better on every criterion. With :math:`x_{ij}` the score of option
*i* on criterion *j*:

============  =====================================  ========================================
name          benefit                                risk
============  =====================================  ========================================
``"vector"``  :math:`x_{ij} / \lVert x_j \rVert_2`   :math:`1 - x_{ij} / \lVert x_j \rVert_2`
``"minmax"``  :math:`(x_{ij} - L_j) / (H_j - L_j)`   :math:`(H_j - x_{ij}) / (H_j - L_j)`
``"max"``     :math:`x_{ij} / H_j`                   :math:`1 - x_{ij} / H_j`
``"sum"``     :math:`x_{ij} / \sum_i x_{ij}`         :math:`x_{ij}^{-1} / \sum_i x_{ij}^{-1}`
``"linear"``  :math:`x_{ij} / \max_i x_{ij}`         :math:`\min_i x_{ij} / x_{ij}`
``"value"``   :math:`v_j(x_{ij}) / 100`              :math:`v_j(x_{ij}) / 100`
============  =====================================  ========================================

:math:`L_j, H_j` are the ends of the criterion's declared ``scale`` when it has one,
and otherwise the lowest and highest observed score. ``"value"`` applies each
criterion's value function (:mod:`powerbalance.model.value`; linear by default) between the
worst and the best end of its scale, declared or observed, so it is 0 at the worst
end and 1 at the best for a risk as for a benefit. ``"vector"``, ``"sum"`` and
``"linear"`` are ratios to column totals or extremes and ignore the declared scale.

Sources: vector and linear (Hwang and Yoon 1981, section 2.2.2), min-max and max
(Jahan and Edwards 2015, "A state-of-the-art survey on the influence of normalization
techniques in ranking", Materials & Design 65); the risk forms of vector, max and sum
follow the conventions of the pymcdm library (Kizielewicz, Shekhovtsov and
Sałabun 2023, SoftwareX 22).

A criterion on which every option scores the same carries no information. Instead of
dividing by zero, ``"minmax"`` gives every option 1 on it (each is as good as the best)
and ``"vector"`` gives an all-zero column 0 (before a risk is turned around), so the
criterion shifts all scores equally and cannot change a ranking.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.Assessment(
...     options=["A", "B", "C"],
...     criteria=[pb.Criterion("Gain", area="Economic", kind="benefit"),
...               pb.Criterion("Harm", area="Security", kind="risk")],
...     scores=[[1, 2], [2, 4], [3, 6]],
... )
>>> normalize(a, "minmax")
array([[0. , 1. ],
       [0.5, 0.5],
       [1. , 0. ]])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeAlias, get_args

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._validate import OneOf, check
from powerbalance.errors import NormalizationError
from powerbalance.model.assessment import Assessment

__all__ = ["NORMALIZATIONS", "Normalization", "normalize"]

Normalization: TypeAlias = Literal["vector", "minmax", "max", "sum", "linear", "value"]
"""The name of a normalization, as :func:`normalize` and every method take it.

Examples
--------
>>> import powerbalance as pb
>>> pb.methods.TOPSIS(normalization="minmax")
TOPSIS(normalization='minmax')
"""

NORMALIZATIONS: tuple[str, ...] = get_args(Normalization)
"""The normalizations by name.

Examples
--------
>>> import powerbalance as pb
>>> tiny = pb.examples.load("engage-or-contain").assessment
>>> for name in NORMALIZATIONS:
...     print(f"{name:7}", normalize(tiny, name)[:, 0].round(3))
vector  [0.919 0.394]
minmax  [1. 0.]
max     [1.    0.429]
sum     [0.7 0.3]
linear  [1.    0.429]
value   [1. 0.]
"""

FloatArray: TypeAlias = npt.NDArray[np.float64]


def check_normalization(
    name: object, *, owner: str = "normalize", parameter: str = "normalization"
) -> Normalization:
    """Return ``name`` if it is a known normalization, else raise a clear error.

    ``owner`` and ``parameter`` open the message (``"TOPSIS"``, ``"normalization"``).

    Examples
    --------
    >>> check_normalization("vector")
    'vector'
    >>> import powerbalance as pb
    >>> try:
    ...     check_normalization("minmaxx", owner="TOPSIS")
    ... except pb.errors.InvalidParameterError as error:
    ...     print(error)  # doctest: +NORMALIZE_WHITESPACE
    TOPSIS: normalization must be 'vector', 'minmax', 'max', 'sum', 'linear' or 'value';
    got 'minmaxx'. Did you mean 'minmax'?
    """
    check(owner, parameter, name, OneOf(*NORMALIZATIONS))
    return name  # type: ignore[return-value]


def normalization_field(default: Normalization) -> Any:
    """An attrs field for a method's ``normalization`` parameter, checked at construction.

    Examples
    --------
    >>> import attrs
    >>> @attrs.frozen
    ... class Method:
    ...     normalization: Normalization = normalization_field("vector")
    >>> Method().normalization
    'vector'
    """
    return attrs.field(
        default=default,
        kw_only=True,
        validator=lambda instance, _attribute, value: check_normalization(
            value, owner=type(instance).__name__
        ),
    )


def normalize(assessment: Assessment, method: Normalization = "minmax") -> FloatArray:
    """Normalize an assessment's scores column by column; higher is better afterwards.

    Parameters
    ----------
    assessment : Assessment
        The scores to normalize; not modified.
    method : {"vector", "minmax", "max", "sum", "linear"}
        The normalization (formulas in the module documentation).

    Returns
    -------
    numpy.ndarray of shape (n_options, n_criteria)
        A new array.

    Raises
    ------
    NormalizationError
        The normalization is undefined for a criterion's scores, e.g. ``"sum"`` or
        ``"linear"`` on a risk with a zero or negative score.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     options=["A", "B"],
    ...     criteria=[pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10))],
    ...     scores=[[5], [10]],
    ... )
    >>> normalize(a, "max").ravel()
    array([0.5, 1. ])
    """
    method = check_normalization(method, parameter="method")
    result, undefined = _KERNELS[method](assessment)
    if undefined.any():
        _raise_undefined(assessment, method, int(np.argmax(undefined)))
    return result


def _range(assessment: Assessment) -> tuple[FloatArray, FloatArray]:
    """Per-column (low, high): the declared scale where given, else the observed range."""
    low, high = (np.array(ends) for ends in assessment.observed_range)
    for j, criterion in enumerate(assessment.criteria):
        if criterion.scale is not None:
            low[j], high[j] = criterion.scale
    return low, high


# Each kernel returns the normalized scores and, per criterion, whether the
# normalization is undefined there. They work in place on one new array where they
# can: at 100,000 x 50 every extra pass over the scores costs as much as the
# weighted sum itself.

_Result: TypeAlias = tuple[FloatArray, npt.NDArray[np.bool_]]


def _turn_risks(values: FloatArray, is_risk: npt.NDArray[np.bool_]) -> None:
    """``1 - v`` in place on the risk columns."""
    # Gathering the columns is several times faster than a ufunc with where=.
    risks = np.flatnonzero(is_risk)
    if risks.size:
        values[:, risks] = 1.0 - values[:, risks]


def _vector(assessment: Assessment) -> _Result:
    scores = assessment.scores
    with np.errstate(over="ignore"):
        norm = np.sqrt(np.einsum("ij,ij->j", scores, scores))
    # An all-zero column has norm 0; it is mapped to 0 rather than 0/0.
    result = scores / np.where(norm > 0, norm, 1.0)
    _turn_risks(result, assessment.is_risk)
    # Squares beyond the float range: the norm is infinite and every ratio 0.
    return result, ~np.isfinite(norm)


def _minmax(assessment: Assessment) -> _Result:
    low, high = _range(assessment)
    with np.errstate(over="ignore"):
        spread = high - low
    if not np.isfinite(spread).all():
        return assessment.scores, ~np.isfinite(spread)
    is_risk = assessment.is_risk
    # A risk runs from its high end (0) to its low end (1): subtract that end and
    # divide by the negated spread, exactly (high - x) / (high - low).
    anchor = np.where(is_risk, high, low)
    divisor = np.where(spread > 0, np.where(is_risk, -spread, spread), 1.0)
    result = assessment.scores - anchor
    result /= divisor
    # A risk at its high end gives 0 / -spread = -0.0, which would print as "-0".
    result += 0.0
    flat = spread <= 0
    if flat.any():
        result[:, flat] = 1.0
    return result, np.zeros(len(spread), dtype=bool)


def _max(assessment: Assessment) -> _Result:
    scores = assessment.scores
    _, high = _range(assessment)
    with np.errstate(divide="ignore", invalid="ignore"):
        result = scores / high
    _turn_risks(result, assessment.is_risk)
    undefined = (high <= 0) | (assessment.observed_range[0] < 0)
    return result, undefined | ~np.isfinite(result).all(axis=0)


def _sum(assessment: Assessment) -> _Result:
    scores = assessment.scores
    is_risk = assessment.is_risk
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        result = scores / scores.sum(axis=0)
        if is_risk.any():
            inverse = 1.0 / scores[:, is_risk]
            result[:, is_risk] = inverse / inverse.sum(axis=0)
    low = assessment.observed_range[0]
    undefined = (low < 0) | (is_risk & (low == 0))
    return result, undefined | ~np.isfinite(result).all(axis=0)


def _linear(assessment: Assessment) -> _Result:
    scores = assessment.scores
    is_risk = assessment.is_risk
    low, high = assessment.observed_range
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        result = scores / high
        if is_risk.any():
            result[:, is_risk] = low[is_risk] / scores[:, is_risk]
    # Within these bounds every ratio is finite and in [0, 1]: no scan needed.
    undefined = (low < 0) | np.where(is_risk, low == 0, high <= 0)
    return result, undefined


def _value(assessment: Assessment) -> _Result:
    result = assessment.value_matrix()
    result /= 100.0
    return result, np.zeros(assessment.n_criteria, dtype=bool)


_KERNELS: dict[str, Callable[[Assessment], _Result]] = {
    "vector": _vector,
    "minmax": _minmax,
    "max": _max,
    "sum": _sum,
    "linear": _linear,
    "value": _value,
}

_REQUIREMENT = {
    "vector": "scores whose squares add up to less than about 1e308",
    "minmax": "a range of scores narrower than about 1e308",
    "max": "non-negative scores and a positive highest score (or scale end)",
    "sum": "positive scores (non-negative with a positive total for a benefit)",
    "linear": "positive scores (non-negative with a positive highest score for a benefit)",
}


def _raise_undefined(assessment: Assessment, method: str, column: int) -> None:
    """Say which criterion made the normalization undefined, and why."""
    criterion = assessment.criteria[column]
    values = assessment.scores[:, column]
    # Beyond the float range, the cell to blame is the largest in magnitude; a ratio
    # normalization is undefined for the lowest score.
    overflow = method in ("vector", "minmax")
    offender = int(np.argmax(np.abs(values))) if overflow else int(np.argmin(values))
    raise NormalizationError(
        f"The {method!r} normalization is undefined for {criterion.kind} criterion "
        f"{criterion.name!r}: it needs {_REQUIREMENT[method]}, but "
        f"option {assessment.options[offender].name!r} scores {values[offender]:g}. "
        + _ADVICE.get(method, _RATIO_ADVICE)
    )


_RATIO_ADVICE = (
    "Use normalization='minmax' (defined for any scores), or shift the scale so that "
    "it starts above zero."
)
_ADVICE = {
    "vector": "Express the criterion in larger units (thousands, millions) so that its "
    "scores stay well inside the floating-point range.",
    "minmax": "Express the criterion in larger units (thousands, millions) so that its "
    "scores stay well inside the floating-point range.",
}
