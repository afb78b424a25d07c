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
============  =====================================  ========================================

:math:`L_j, H_j` are the ends of the criterion's declared ``scale`` when it has one,
and otherwise the lowest and highest observed score. ``"vector"``, ``"sum"`` and
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

from powerbalance.errors import InvalidParameterError, NormalizationError, did_you_mean
from powerbalance.model import Assessment

__all__ = ["NORMALIZATIONS", "Normalization", "normalize"]

Normalization: TypeAlias = Literal["vector", "minmax", "max", "sum", "linear"]
#: The normalizations by name.
NORMALIZATIONS: tuple[str, ...] = get_args(Normalization)

FloatArray: TypeAlias = npt.NDArray[np.float64]


def check_normalization(name: object) -> Normalization:
    """Return ``name`` if it is a known normalization, else raise a clear error.

    Examples
    --------
    >>> check_normalization("vector")
    'vector'
    """
    if name not in NORMALIZATIONS:
        raise InvalidParameterError(
            f"normalization must be one of {', '.join(map(repr, NORMALIZATIONS))}; got "
            f"{name!r}." + did_you_mean(str(name), NORMALIZATIONS)
        )
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
        validator=lambda _instance, _attribute, value: check_normalization(value),
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
    method = check_normalization(method)
    scores = assessment.scores
    is_risk = assessment.is_risk
    low, high = _range(assessment)
    result = _KERNELS[method](scores, is_risk, low, high)
    _check_finite(result, assessment, method)
    return result


def _range(assessment: Assessment) -> tuple[FloatArray, FloatArray]:
    """Per-column (low, high): the declared scale where given, else the observed range."""
    scores = assessment.scores
    low = scores.min(axis=0)
    high = scores.max(axis=0)
    for j, criterion in enumerate(assessment.criteria):
        if criterion.scale is not None:
            low[j], high[j] = criterion.scale
    return low, high


def _vector(scores: FloatArray, is_risk: npt.NDArray[np.bool_], *_: FloatArray) -> FloatArray:
    norm = np.sqrt(np.einsum("ij,ij->j", scores, scores))
    # An all-zero column has norm 0; it is mapped to 0 rather than 0/0.
    ratio = np.divide(scores, norm, out=np.zeros_like(scores), where=norm > 0)
    return np.asarray(np.where(is_risk, 1.0 - ratio, ratio), dtype=np.float64)


def _minmax(
    scores: FloatArray, is_risk: npt.NDArray[np.bool_], low: FloatArray, high: FloatArray
) -> FloatArray:
    spread = high - low
    position = np.divide(scores - low, spread, out=np.ones_like(scores), where=spread > 0)
    turned = np.divide(high - scores, spread, out=np.ones_like(scores), where=spread > 0)
    return np.asarray(np.where(is_risk, turned, position), dtype=np.float64)


def _max(
    scores: FloatArray, is_risk: npt.NDArray[np.bool_], low: FloatArray, high: FloatArray
) -> FloatArray:
    ratio = scores / high
    return np.asarray(np.where(is_risk, 1.0 - ratio, ratio), dtype=np.float64)


def _sum(scores: FloatArray, is_risk: npt.NDArray[np.bool_], *_: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        inverse = 1.0 / scores
        benefit = scores / scores.sum(axis=0)
        risk = inverse / inverse.sum(axis=0)
    return np.asarray(np.where(is_risk, risk, benefit), dtype=np.float64)


def _linear(scores: FloatArray, is_risk: npt.NDArray[np.bool_], *_: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        benefit = scores / scores.max(axis=0)
        risk = scores.min(axis=0) / scores
    return np.asarray(np.where(is_risk, risk, benefit), dtype=np.float64)


_Kernel: TypeAlias = Callable[
    [FloatArray, npt.NDArray[np.bool_], FloatArray, FloatArray], FloatArray
]

_KERNELS: dict[str, _Kernel] = {
    "vector": _vector,
    "minmax": _minmax,
    "max": _max,
    "sum": _sum,
    "linear": _linear,
}

_REQUIREMENT = {
    "max": "non-negative scores and a positive highest score (or scale end)",
    "sum": "positive scores (non-negative with a positive total for a benefit)",
    "linear": "positive scores (non-negative with a positive highest score for a benefit)",
}


def _check_finite(result: FloatArray, assessment: Assessment, method: str) -> None:
    """Find the criterion that made a ratio normalization undefined, and say so."""
    scores = assessment.scores
    is_risk = assessment.is_risk
    bad_column = ~np.isfinite(result).all(axis=0)
    if method in ("max", "sum", "linear"):
        negative = (scores < 0).any(axis=0)
        zero_risk = is_risk & (scores == 0).any(axis=0) & (method != "max")
        bad_column |= negative | zero_risk
        if method == "max":
            _, high = _range(assessment)
            bad_column |= high <= 0
    if not bad_column.any():
        return
    column = int(np.argmax(bad_column))
    criterion = assessment.criteria[column]
    values = scores[:, column]
    offender = int(np.argmin(values))
    raise NormalizationError(
        f"The {method!r} normalization is undefined for {criterion.kind} criterion "
        f"{criterion.name!r}: it needs {_REQUIREMENT.get(method, 'finite values')}, but "
        f"option {assessment.options[offender].name!r} scores {values[offender]:g}. Use "
        f"normalization='minmax' (defined for any scores), or shift the scale so that "
        f"it starts above zero."
    )
