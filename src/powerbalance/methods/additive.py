r"""Additive and multiplicative aggregation: the weighted sum and the weighted product."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance.errors import NormalizationError
from powerbalance.methods._base import LastWeighting, check_weight_batch, registry
from powerbalance.model import Assessment
from powerbalance.model.normalize import (
    Affine,
    Normalization,
    affine,
    normalization_field,
    normalize,
    power_form,
)

__all__ = ["WeightedProduct", "WeightedSum"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

#: Up to this ratio of a criterion's largest score (in magnitude) to its divisor, the
#: weighted sum is one product with the raw scores: rounding then loses at most two
#: bits to the constant that the product is offset by. Beyond it (scores far from
#: zero with a narrow spread, such as years), the anchor is subtracted first, a block
#: of options at a time, so that no digit is lost.
_RAW_REACH = 4.0
#: Options per block when subtracting the anchors: the block stays in cache.
_BLOCK_ELEMENTS = 1 << 16


@attrs.frozen
class PreparedWeightedSum:
    """A weighted sum prepared for one assessment; see :class:`WeightedSum`.

    When the normalization is affine on every criterion (see
    :func:`powerbalance.model.normalize.affine`), the scores are computed from the raw
    matrix with weights divided by the divisors, and the normalized matrix is built
    only if ``normalized`` or ``contributions`` is asked for.
    """

    assessment: Assessment
    normalization: Normalization
    # Either the normalization's affine form, with the constant s_j - a_j / d_j that the
    # raw product is offset by (None: the anchors are subtracted before the product),
    # or the normalized matrix itself.
    _form: Affine | None = attrs.field(default=None, eq=False, repr=False)
    _offset: FloatArray | None = attrs.field(default=None, eq=False, repr=False)
    _matrix: FloatArray | None = attrs.field(default=None, eq=False, repr=False)
    additive: bool = True

    @functools.cached_property
    def normalized(self) -> FloatArray:
        """The direction-aware normalized scores (read-only), built when first asked for."""
        if self._matrix is not None:
            return self._matrix
        return _read_only(normalize(self.assessment, self.normalization))

    def score(self, weights: FloatArray) -> FloatArray:
        """Scores for a batch of weights: one matrix product."""
        batch = check_weight_batch(weights, self.assessment.criterion_names)
        if self._form is None:
            return np.asarray(batch @ self.normalized.T, dtype=np.float64)
        return _affine_sum(batch, self.assessment.scores, self._form, self._offset)

    def details(self, weights: FloatArray) -> Mapping[str, FloatArray]:
        """The weighted sum has no values beyond its score."""
        return {}

    def contributions(self, weights: FloatArray) -> FloatArray:
        """:math:`w_j r_{ij}`; each row sums to the option's score."""
        return np.asarray(self.normalized * weights, dtype=np.float64)


def _read_only(array: FloatArray) -> FloatArray:
    array.flags.writeable = False
    return array


def _offset(assessment: Assessment, form: Affine) -> FloatArray | None:
    """:math:`s_j - a_j / d_j`, or None where the raw product would lose digits.

    It would for scores far from zero for their divisor (more than :data:`_RAW_REACH`
    times it).
    """
    low, high = assessment.observed_range
    largest = np.maximum(np.abs(low), np.abs(high))
    np.maximum(largest, np.abs(form.anchor), out=largest)
    # Multiplied by 1/4 rather than the divisor by 4, which could overflow.
    if not (largest * (1.0 / _RAW_REACH) <= np.abs(form.divisor)).all():
        return None
    return np.asarray(form.shift - form.anchor / form.divisor, dtype=np.float64)


def _affine_sum(
    batch: FloatArray, scores: FloatArray, form: Affine, offset: FloatArray | None
) -> FloatArray:
    r""":math:`\sum_j w_j ((x_{ij} - a_j) / d_j + s_j)` for a batch, from the raw scores."""
    slopes = batch / form.divisor
    if offset is not None:
        result: FloatArray = slopes @ scores.T
        # Adding the constant also turns a -0.0 into 0.
        result += (batch @ offset)[:, None]
        return result
    n, m = scores.shape
    result = np.empty((batch.shape[0], n))
    rows = max(1, _BLOCK_ELEMENTS // max(m, 1))
    scratch = np.empty((min(rows, n), m))
    for start in range(0, n, rows):
        block = scores[start : start + rows]
        part = scratch[: len(block)]
        np.subtract(block, form.anchor, out=part)
        np.matmul(slopes, part.T, out=result[:, start : start + rows])
    result += (batch @ form.shift)[:, None]
    return result


@registry.register("weighted-sum")
@attrs.frozen
class WeightedSum:
    r"""The weighted sum (simple additive weighting) of normalized scores.

    .. math:: S_i = \sum_j w_j \, r_{ij}

    where :math:`r_{ij}` is the direction-aware normalized score (see
    :mod:`powerbalance.model.normalize`). With the default min-max normalization each
    criterion runs from 0 (the worst option, or the bottom of its declared scale) to 1
    (the best, or the top of its scale), which is the value scale of multi-attribute
    value theory; each contribution :math:`w_j r_{ij}` is then exact and the
    contributions of an option add up to its score.

    Parameters
    ----------
    normalization : {"minmax", "max", "vector", "sum", "linear"}
        Default ``"minmax"``.

    References
    ----------
    Fishburn, P. C. (1967). Additive utilities with incomplete product sets:
    application to priorities and assignments. Operations Research 15(3), 537-542.
    Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative
    Study. Kluwer, section 2.2.1.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> prepared = WeightedSum().prepare(pb.examples.load("engage-or-contain").assessment)
    >>> prepared.score(np.array([[0.5, 0.5]]))
    array([[1., 0.]])
    """

    normalization: Normalization = normalization_field("minmax")

    def prepare(self, assessment: Assessment) -> PreparedWeightedSum:
        """Find the normalization's form; scoring is then a matrix product."""
        form = affine(assessment, self.normalization)
        if form is None:
            matrix = _read_only(normalize(assessment, self.normalization))
            return PreparedWeightedSum(assessment, self.normalization, matrix=matrix)
        return PreparedWeightedSum(assessment, self.normalization, form, _offset(assessment, form))


@attrs.frozen
class PreparedWeightedProduct:
    r"""A weighted product prepared for one assessment; see :class:`WeightedProduct`.

    It holds one matrix of logarithms: of the raw scores when the normalization is a
    ratio :math:`(x / d)^{\pm 1}` on every criterion (the default ``"linear"``
    is), otherwise of the normalized scores. ``normalized`` and ``log_normalized`` are
    built when first asked for.
    """

    assessment: Assessment
    normalization: Normalization
    # ln x, with ln r = power * (ln x - ln divisor) given (power, ln divisor) as _ratio;
    # ln r itself when _ratio is None.
    _logs: FloatArray = attrs.field(eq=False, repr=False)
    _ratio: tuple[FloatArray, FloatArray] | None = attrs.field(default=None, eq=False, repr=False)
    additive: bool = False
    # A report asks for the scores and then for the log scores of the same weights.
    _last: LastWeighting[tuple[FloatArray]] = attrs.field(
        factory=LastWeighting, init=False, eq=False, repr=False
    )

    @functools.cached_property
    def normalized(self) -> FloatArray:
        """The direction-aware normalized scores (read-only), built when first asked for."""
        return _read_only(normalize(self.assessment, self.normalization))

    @functools.cached_property
    def log_normalized(self) -> FloatArray:
        r""":math:`\ln r_{ij}` (read-only), built when first asked for."""
        if self._ratio is None:
            return self._logs
        power, log_divisor = self._ratio
        logs = self._logs - log_divisor
        logs *= power
        return _read_only(logs)

    def score(self, weights: FloatArray) -> FloatArray:
        """Scores for a batch of weights: one matrix product in log space."""
        return np.exp(self._log_scores(weights))

    def details(self, weights: FloatArray) -> Mapping[str, FloatArray]:
        """The natural logarithm of the score, whose terms are the contributions."""
        return {"log_score": self._log_scores(np.asarray(weights)[None, :])[0]}

    def _log_scores(self, weights: FloatArray) -> FloatArray:
        batch = check_weight_batch(weights, self.assessment.criterion_names)
        return self._last.get(batch, lambda rows: (self._log_product(rows),))[0]

    def _log_product(self, batch: FloatArray) -> FloatArray:
        if self._ratio is None:
            return np.asarray(batch @ self._logs.T, dtype=np.float64)
        power, log_divisor = self._ratio
        signed = batch * power
        result: FloatArray = signed @ self._logs.T
        result -= (signed @ log_divisor)[:, None]
        return result

    def contributions(self, weights: FloatArray) -> FloatArray:
        r""":math:`w_j \ln r_{ij}` (at most 0); each row sums to the log of the score."""
        return np.asarray(self.log_normalized * weights, dtype=np.float64)


@registry.register("weighted-product")
@attrs.frozen
class WeightedProduct:
    r"""The weighted product of normalized scores.

    .. math:: P_i = \prod_j r_{ij}^{\,w_j}

    With the default ``"linear"`` normalization (:math:`x/\max x` for a benefit,
    :math:`\min x / x` for a risk) the ranking is the same as that of the classical
    weighted product model on the raw scores, :math:`\prod_j x_{ij}^{\pm w_j}`, because
    the normalization divides every option by the same constant. It rewards balanced
    options more than the weighted sum does: a poor score on one criterion cannot be
    fully offset by good scores elsewhere.

    Every normalized score must be positive; a zero score would make the product zero
    whatever the other criteria say, and is reported as an error.

    Parameters
    ----------
    normalization : {"linear", "max", "sum", "vector", "minmax"}
        Default ``"linear"``.

    References
    ----------
    Bridgman, P. W. (1922). Dimensional Analysis. Yale University Press.
    Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative
    Study. Kluwer, section 2.2.2.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> tiny = pb.examples.load("engage-or-contain").assessment
    >>> WeightedProduct().prepare(tiny).score(np.array([[0.5, 0.5]])).round(4)
    array([[1.    , 0.5345]])
    """

    normalization: Normalization = normalization_field("linear")

    def prepare(self, assessment: Assessment) -> PreparedWeightedProduct:
        """Take logarithms once, of the raw scores where the normalization allows."""
        ratio = power_form(assessment, self.normalization)
        if ratio is not None:
            power, divisor = ratio
            low, high = assessment.observed_range
            # Each criterion's smallest normalized score, at its worst observed score,
            # with the arithmetic of normalize(): x / d on a benefit, d / x on a risk.
            with np.errstate(divide="ignore", invalid="ignore"):
                worst = np.where(power > 0, low / divisor, divisor / high)
            if worst.min() > 0:
                logs = _read_only(np.log(assessment.scores))
                return PreparedWeightedProduct(
                    assessment, self.normalization, logs, (power, np.log(divisor))
                )
        normalized = normalize(assessment, self.normalization)
        if not normalized.min() > 0:
            raise self._not_positive(assessment, normalized)
        return PreparedWeightedProduct(
            assessment, self.normalization, _read_only(np.log(normalized, out=normalized))
        )

    def _not_positive(self, assessment: Assessment, normalized: FloatArray) -> NormalizationError:
        row, column = np.argwhere(normalized <= 0)[0]
        return NormalizationError(
            f"The weighted product needs every normalized score to be positive, but "
            f"option {assessment.options[row].name!r} gets "
            f"{normalized[row, column]:g} on criterion "
            f"{assessment.criteria[column].name!r} (score "
            f"{assessment.scores[row, column]:g}) under the {self.normalization!r} "
            f"normalization. Use scores above zero with normalization='linear', or "
            f"use the weighted sum."
        )
