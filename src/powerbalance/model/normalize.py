r"""Direction-aware normalizations: scores on any scale to comparable numbers, higher is better.

Every normalization turns a risk or a cost (higher is worse) around so that, after it,
a higher value is better on every criterion. With :math:`x_{ij}` the score of option
*i* on criterion *j*:

============  =====================================  ========================================
name          benefit                                risk or cost
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
    if method == "value":
        result = assessment.value_matrix()
        result /= 100.0
        return result
    form, undefined = _FORMS[method](assessment)
    _check_defined(assessment, method, undefined)
    result = form.apply(assessment.scores)
    if method in _FINISH and assessment.lower_is_better.any():
        _FINISH[method](assessment, result)
    return result


@attrs.frozen(eq=False)
class Affine:
    r"""A normalization that is affine on each criterion.

    :math:`r_{ij} = (x_{ij} - a_j) / d_j + s_j`, made by :func:`affine`. A criterion
    without spread has an infinite divisor: every option gets its shift.

    Attributes
    ----------
    anchor, divisor, shift : numpy.ndarray of shape (n_criteria,)
        :math:`a_j`, :math:`d_j` and :math:`s_j`. A risk has a negative divisor.

    Examples
    --------
    >>> import numpy as np
    >>> form = Affine(np.array([1.0]), np.array([-4.0]), np.array([1.0]))
    >>> form.apply(np.array([[1.0], [5.0]]))
    array([[1.],
           [0.]])
    """

    anchor: FloatArray
    divisor: FloatArray
    shift: FloatArray

    def apply(self, scores: FloatArray) -> FloatArray:
        """The normalized scores, a new array; exactly what :func:`normalize` returns.

        Examples
        --------
        >>> import numpy as np
        >>> Affine(np.zeros(1), np.array([2.0]), np.zeros(1)).apply(np.array([[3.0]]))
        array([[1.5]])
        """
        if self.anchor.any():
            result = np.subtract(scores, self.anchor)
            result /= self.divisor
        else:
            result = np.divide(scores, self.divisor)
        # Turns a risk around (its divisor is negative) and makes its -0.0 a plain 0.
        result += self.shift
        return result


def affine(assessment: Assessment, method: Normalization) -> Affine | None:
    """The normalization as an :class:`Affine` form, or None where it is not affine.

    ``"vector"``, ``"minmax"`` and ``"max"`` are affine on every criterion, ``"sum"``
    and ``"linear"`` on benefits only, ``"value"`` not in general. A method can then
    work on the raw scores (a weighted sum is a product with :math:`w_j / d_j`) instead
    of building the normalized matrix.

    Raises
    ------
    NormalizationError
        As :func:`normalize` does.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> affine(a, "minmax").divisor
    array([ 4., -2.])
    >>> affine(a, "linear") is None  # a risk's linear normalization is min / x
    True
    """
    method = check_normalization(method, parameter="method")
    if method == "value" or (method in _FINISH and assessment.lower_is_better.any()):
        return None
    form, undefined = _FORMS[method](assessment)
    _check_defined(assessment, method, undefined)
    return form


def power_form(
    assessment: Assessment, method: Normalization
) -> tuple[FloatArray, FloatArray] | None:
    r"""The normalization as a power of a ratio, :math:`r_{ij} = (x_{ij} / d_j)^{\pm 1}`, or None.

    Returns ``(p, d)``, each of shape (n_criteria,), where the normalization is such a
    ratio on every criterion: ``"linear"`` always (:math:`x / \max x` on a benefit,
    :math:`\min x / x` on a risk), ``"max"``, ``"vector"`` and ``"sum"`` when every
    criterion is a benefit. Its logarithm is then :math:`p_j (\ln x_{ij} - \ln d_j)`.

    Raises
    ------
    NormalizationError
        As :func:`normalize` does.

    Examples
    --------
    >>> import powerbalance as pb
    >>> power_form(pb.examples.load("engage-or-contain").assessment, "linear")
    (array([ 1., -1.]), array([7., 4.]))
    """
    method = check_normalization(method, parameter="method")
    if method == "linear":
        _, undefined = _linear(assessment)
        _check_defined(assessment, method, undefined)
        low, high = assessment.observed_range
        lower = assessment.lower_is_better
        return np.where(lower, -1.0, 1.0), np.where(lower, low, high)
    form = affine(assessment, method)
    if form is None or form.anchor.any() or form.shift.any():
        return None
    return np.ones_like(form.divisor), form.divisor


def _range(assessment: Assessment) -> tuple[FloatArray, FloatArray]:
    """Per-column (low, high): the declared scale where given, else the observed range."""
    low, high = (np.array(ends) for ends in assessment.observed_range)
    for j, criterion in enumerate(assessment.criteria):
        if criterion.scale is not None:
            low[j], high[j] = criterion.scale
    return low, high


# Each form gives the normalization's affine parameters and, per criterion, whether
# it is undefined there; the checks look only at column extremes and totals, never
# at a normalized matrix. "sum" and "linear" are not affine on a risk: their forms
# pass a risk's scores through (divisor 1), and _FINISH replaces them in place.

_Form: TypeAlias = tuple[Affine, npt.NDArray[np.bool_]]


def _turned(lower: npt.NDArray[np.bool_], divisor: FloatArray) -> Affine:
    """``x / d`` on a benefit and ``1 - x / d`` on a risk, as an affine form."""
    shift = lower.astype(np.float64)
    return Affine(np.zeros_like(divisor), np.where(lower, -divisor, divisor), shift)


def _vector(assessment: Assessment) -> _Form:
    scores = assessment.scores
    with np.errstate(over="ignore"):
        norm = np.sqrt(np.einsum("ij,ij->j", scores, scores))
    # An all-zero column has norm 0; it is mapped to 0 rather than 0/0. Squares
    # beyond the float range make the norm infinite and every ratio 0.
    return _turned(assessment.lower_is_better, np.where(norm > 0, norm, 1.0)), ~np.isfinite(norm)


def _minmax(assessment: Assessment) -> _Form:
    low, high = _range(assessment)
    with np.errstate(over="ignore"):
        spread = high - low
    lower = assessment.lower_is_better
    # A risk runs from its high end (0) to its low end (1): subtract that end and
    # divide by the negated spread, exactly (high - x) / (high - low). Without spread
    # every option scores the anchor: 0 / inf + 1 gives each 1.
    flat = spread <= 0
    anchor = np.where(lower, high, low)
    divisor = np.where(flat, np.inf, np.where(lower, -spread, spread))
    return Affine(anchor, divisor, flat.astype(np.float64)), ~np.isfinite(spread)


def _max(assessment: Assessment) -> _Form:
    _, high = _range(assessment)
    # Non-negative scores up to a positive high end: every ratio is in [0, 1].
    undefined = (high <= 0) | (assessment.observed_range[0] < 0)
    return _turned(assessment.lower_is_better, high), undefined


def _sum(assessment: Assessment) -> _Form:
    scores = assessment.scores
    lower = assessment.lower_is_better
    low = assessment.observed_range[0]
    with np.errstate(over="ignore", divide="ignore"):
        total = scores.sum(axis=0)
        # A risk's largest term is 1 / its lowest score; beyond the float range the
        # ratios are inf / inf. A benefit with a zero total would be 0 / 0.
        undefined = (low < 0) | np.where(lower, (low == 0) | np.isinf(1.0 / low), total == 0)
    divisor = np.where(lower, 1.0, total)
    return Affine(np.zeros_like(divisor), divisor, np.zeros_like(divisor)), undefined


def _linear(assessment: Assessment) -> _Form:
    low, high = assessment.observed_range
    lower = assessment.lower_is_better
    # Within these bounds every ratio is finite and in [0, 1].
    undefined = (low < 0) | np.where(lower, low == 0, high <= 0)
    divisor = np.where(lower, 1.0, high)
    return Affine(np.zeros_like(divisor), divisor, np.zeros_like(divisor)), undefined


def _finish_sum(assessment: Assessment, result: FloatArray) -> None:
    """``(1 / x) / sum(1 / x)`` in place on the risk columns, which hold the scores."""
    lower = assessment.lower_is_better
    with np.errstate(over="ignore"):
        np.divide(1.0, result, out=result, where=lower)
        total = result.sum(axis=0)
    np.divide(result, total, out=result, where=lower)


def _finish_linear(assessment: Assessment, result: FloatArray) -> None:
    """``min(x) / x`` in place on the risk columns, which hold the scores."""
    np.divide(assessment.observed_range[0], result, out=result, where=assessment.lower_is_better)


_FORMS: dict[str, Callable[[Assessment], _Form]] = {
    "vector": _vector,
    "minmax": _minmax,
    "max": _max,
    "sum": _sum,
    "linear": _linear,
}

_FINISH: dict[str, Callable[[Assessment, FloatArray], None]] = {
    "sum": _finish_sum,
    "linear": _finish_linear,
}


def _check_defined(assessment: Assessment, method: str, undefined: npt.NDArray[np.bool_]) -> None:
    if undefined.any():
        _raise_undefined(assessment, method, int(np.argmax(undefined)))


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
