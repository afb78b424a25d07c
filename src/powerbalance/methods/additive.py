r"""Additive and multiplicative aggregation: the weighted sum and the weighted product."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance.errors import NormalizationError
from powerbalance.methods._base import LastWeighting, check_weight_batch, registry
from powerbalance.model import Assessment
from powerbalance.model.normalize import Normalization, normalization_field, normalize

__all__ = ["WeightedProduct", "WeightedSum"]

FloatArray: TypeAlias = npt.NDArray[np.float64]


@attrs.frozen
class PreparedWeightedSum:
    """A weighted sum prepared for one assessment; see :class:`WeightedSum`."""

    assessment: Assessment
    normalized: FloatArray = attrs.field(eq=False, repr=False)
    additive: bool = True

    def score(self, weights: FloatArray) -> FloatArray:
        """Scores for a batch of weights: one matrix product."""
        batch = check_weight_batch(weights, self.assessment.criterion_names)
        return np.asarray(batch @ self.normalized.T, dtype=np.float64)

    def details(self, weights: FloatArray) -> Mapping[str, FloatArray]:
        """The weighted sum has no values beyond its score."""
        return {}

    def contributions(self, weights: FloatArray) -> FloatArray:
        """:math:`w_j r_{ij}`; each row sums to the option's score."""
        return np.asarray(self.normalized * weights, dtype=np.float64)


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
        """Normalize the scores once; scoring is then a matrix product."""
        return PreparedWeightedSum(assessment, normalize(assessment, self.normalization))


@attrs.frozen
class PreparedWeightedProduct:
    """A weighted product prepared for one assessment; see :class:`WeightedProduct`."""

    assessment: Assessment
    normalized: FloatArray = attrs.field(eq=False, repr=False)
    log_normalized: FloatArray = attrs.field(eq=False, repr=False)
    additive: bool = False
    # A report asks for the scores and then for the log scores of the same weights.
    _last: LastWeighting[tuple[FloatArray]] = attrs.field(
        factory=LastWeighting, init=False, eq=False, repr=False
    )

    def score(self, weights: FloatArray) -> FloatArray:
        """Scores for a batch of weights: one matrix product in log space."""
        return np.exp(self._log_scores(weights))

    def details(self, weights: FloatArray) -> Mapping[str, FloatArray]:
        """The natural logarithm of the score, whose terms are the contributions."""
        return {"log_score": self._log_scores(np.asarray(weights)[None, :])[0]}

    def _log_scores(self, weights: FloatArray) -> FloatArray:
        batch = check_weight_batch(weights, self.assessment.criterion_names)
        return self._last.get(batch, lambda rows: (rows @ self.log_normalized.T,))[0]

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
        """Normalize the scores and take logarithms once."""
        normalized = normalize(assessment, self.normalization)
        if not normalized.min() > 0:
            row, column = np.argwhere(normalized <= 0)[0]
            raise NormalizationError(
                f"The weighted product needs every normalized score to be positive, but "
                f"option {assessment.options[row].name!r} gets "
                f"{normalized[row, column]:g} on criterion "
                f"{assessment.criteria[column].name!r} (score "
                f"{assessment.scores[row, column]:g}) under the {self.normalization!r} "
                f"normalization. Use scores above zero with normalization='linear', or "
                f"use the weighted sum."
            )
        return PreparedWeightedProduct(assessment, normalized, np.log(normalized))
