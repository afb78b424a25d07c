r"""Distance-based methods: TOPSIS."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance.methods._base import LastWeighting, check_weight_batch, registry
from powerbalance.model import Assessment
from powerbalance.model.normalize import (
    Affine,
    Normalization,
    affine,
    normalization_field,
    normalize,
)

__all__ = ["TOPSIS"]

FloatArray: TypeAlias = npt.NDArray[np.float64]


#: Options per block when measuring distances: each block's squared gaps are formed
#: at once, so that no temporary array grows with the number of options.
_BLOCK_ELEMENTS = 1 << 16
#: The smallest normal float: a squared weight over a squared divisor below it has lost
#: digits, and the gaps are divided instead.
_SMALLEST = float(np.finfo(np.float64).tiny)


@attrs.frozen
class PreparedTOPSIS:
    """TOPSIS prepared for one assessment; see :class:`TOPSIS`.

    When the normalization is affine on every criterion (see
    :func:`powerbalance.model.normalize.affine`), the gaps to the ideal points are
    measured on the raw scores, :math:`r_{ij} - r_j^+ = (x_{ij} - x_j^+) / d_j`, and the
    normalized matrix is built only if ``normalized`` or ``contributions`` is asked for.
    """

    assessment: Assessment
    normalization: Normalization
    # What the gaps are measured on: the raw scores with the affine form, or the
    # normalized matrix (form None); and the ideal and anti-ideal points there.
    _values: FloatArray = attrs.field(eq=False, repr=False)
    _best: FloatArray = attrs.field(eq=False, repr=False)
    _worst: FloatArray = attrs.field(eq=False, repr=False)
    _form: Affine | None = attrs.field(default=None, eq=False, repr=False)
    additive: bool = False
    _last: LastWeighting[tuple[FloatArray, FloatArray]] = attrs.field(
        factory=LastWeighting, init=False, eq=False, repr=False
    )

    @functools.cached_property
    def normalized(self) -> FloatArray:
        """The direction-aware normalized scores (read-only), built when first asked for."""
        if self._form is None:
            return self._values
        normalized = self._form.apply(self._values)
        normalized.flags.writeable = False
        return normalized

    @functools.cached_property
    def ideal(self) -> FloatArray:
        """The ideal (highest) normalized score of each criterion."""
        return self._point(self._best)

    @functools.cached_property
    def anti_ideal(self) -> FloatArray:
        """The anti-ideal (lowest) normalized score of each criterion."""
        return self._point(self._worst)

    def _point(self, scores: FloatArray) -> FloatArray:
        if self._form is None:
            return scores
        return np.asarray(self._form.apply(scores[None, :])[0], dtype=np.float64)

    def distances(self, weights: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Distances to the ideal and anti-ideal for a batch of weights, each (k, n).

        For a single weight vector they are read-only, and asking again for the same
        weights returns them without recomputing.
        """
        batch = check_weight_batch(weights, self.assessment.criterion_names)
        return self._last.get(batch, self._distances)

    def _distances(self, batch: FloatArray) -> tuple[FloatArray, FloatArray]:
        # The squared gaps to the ideal points are formed a block of options at a
        # time and multiplied by the squared weights: no temporary array grows with
        # the number of options, and a batch costs two matrix products per block.
        # On the raw scores the squared weights are divided by the squared divisors
        # where that keeps every weight a normal float; otherwise each gap is.
        values, divisor = self._values, _divisor(self._form)
        squared = _folded(batch, divisor) if divisor is not None else None
        if squared is None:
            squared = batch * batch
        else:
            divisor = None
        n, m = values.shape
        to_ideal = np.empty((batch.shape[0], n))
        to_anti_ideal = np.empty((batch.shape[0], n))
        rows = max(1, _BLOCK_ELEMENTS // max(m, 1))
        gap = np.empty((min(rows, n), m))
        for start in range(0, n, rows):
            block = values[start : start + rows]
            part = gap[: len(block)]
            for point, out in ((self._best, to_ideal), (self._worst, to_anti_ideal)):
                np.subtract(block, point, out=part)
                if divisor is not None:
                    np.divide(part, divisor, out=part)
                np.square(part, out=part)
                np.matmul(squared, part.T, out=out[:, start : start + rows])
        np.sqrt(to_ideal, out=to_ideal)
        np.sqrt(to_anti_ideal, out=to_anti_ideal)
        return to_ideal, to_anti_ideal

    def score(self, weights: FloatArray) -> FloatArray:
        """Relative closeness to the ideal for a batch of weights: two matrix products."""
        to_ideal, to_anti_ideal = self.distances(weights)
        total = to_ideal + to_anti_ideal
        # Zero total: every weighted criterion scores all options alike; all are
        # equally close to both points, and 1/2 says so without dividing 0 by 0.
        apart = total > 0
        closeness = np.divide(to_anti_ideal, total, out=total, where=apart)
        closeness[~apart] = 0.5
        return closeness

    def details(self, weights: FloatArray) -> Mapping[str, FloatArray]:
        """Distances to the ideal and anti-ideal options."""
        to_ideal, to_anti_ideal = self.distances(weights[None, :])
        return {"distance_to_ideal": to_ideal[0], "distance_to_anti_ideal": to_anti_ideal[0]}

    def contributions(self, weights: FloatArray) -> FloatArray:
        r"""The weighted normalized scores :math:`v_{ij} = w_j r_{ij}`.

        Distances are measured on them; they do not add up to the closeness score.
        """
        return np.asarray(self.normalized * weights, dtype=np.float64)


def _divisor(form: Affine | None) -> FloatArray | None:
    """The form's divisors, 1 where infinite (no spread: every gap there is 0)."""
    if form is None:
        return None
    return np.where(np.isinf(form.divisor), 1.0, form.divisor)


def _folded(batch: FloatArray, divisor: FloatArray) -> FloatArray | None:
    """:math:`(w_j / d_j)^2`, or None if a weight would not stay a normal float."""
    with np.errstate(over="ignore", under="ignore"):
        squared = np.square(batch / divisor)
    kept = ((squared >= _SMALLEST) & np.isfinite(squared)) | (batch == 0)
    return squared if bool(kept.all()) else None


@registry.register("topsis")
@attrs.frozen
class TOPSIS:
    r"""TOPSIS: closeness to the ideal option, relative to the anti-ideal.

    With :math:`v_{ij} = w_j r_{ij}` the weighted, direction-aware normalized scores,
    the ideal :math:`v_j^+ = \max_i v_{ij}` and the anti-ideal
    :math:`v_j^- = \min_i v_{ij}`:

    .. math::

        D_i^+ = \sqrt{\sum_j (v_{ij} - v_j^+)^2}, \qquad
        D_i^- = \sqrt{\sum_j (v_{ij} - v_j^-)^2}, \qquad
        C_i = \frac{D_i^-}{D_i^+ + D_i^-}

    and options rank by :math:`C_i`, higher is better. Because weights are
    non-negative, :math:`(v_{ij} - v_j^+)^2 = w_j^2 (r_{ij} - r_j^+)^2`: the squared
    distances are linear in the squared weights, so a batch of weight vectors is
    scored with two matrix products. Turning risks around (:math:`1 - x/\lVert x\rVert`)
    instead of taking their minimum as ideal leaves every distance unchanged.

    When every weighted criterion scores all options alike, :math:`C_i = 1/2` for all.

    Parameters
    ----------
    normalization : {"vector", "minmax", "max", "sum", "linear"}
        Default ``"vector"``, as in Hwang and Yoon (1981).

    References
    ----------
    Hwang, C.-L. and Yoon, K. (1981). Multiple Attribute Decision Making: Methods and
    Applications. Springer, Lecture Notes in Economics and Mathematical Systems 186,
    pp. 128-134.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> tiny = pb.examples.load("engage-or-contain").assessment
    >>> TOPSIS().prepare(tiny).score(np.array([[0.5, 0.5]]))
    array([[1., 0.]])
    """

    normalization: Normalization = normalization_field("vector")

    def prepare(self, assessment: Assessment) -> PreparedTOPSIS:
        """Find the normalization's form and the ideal and anti-ideal of each criterion."""
        form = affine(assessment, self.normalization)
        low, high = assessment.observed_range
        with np.errstate(over="ignore"):
            # Gaps on the raw scores are squared: their square must stay finite.
            measurable = bool(np.isfinite(np.square(high - low)).all())
        if form is None or not measurable:
            normalized = normalize(assessment, self.normalization)
            normalized.flags.writeable = False
            best, worst = normalized.max(axis=0), normalized.min(axis=0)
            return PreparedTOPSIS(assessment, self.normalization, normalized, best, worst)
        # The normalization rises with the score where the divisor is positive: the
        # ideal is the highest observed score there, the lowest elsewhere.
        rising = form.divisor > 0
        best, worst = np.where(rising, high, low), np.where(rising, low, high)
        return PreparedTOPSIS(assessment, self.normalization, assessment.scores, best, worst, form)
