r"""Distance-based methods: TOPSIS."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance.methods._base import LastWeighting, check_weight_batch, registry
from powerbalance.model import Assessment
from powerbalance.model.normalize import Normalization, normalization_field, normalize

__all__ = ["TOPSIS"]

FloatArray: TypeAlias = npt.NDArray[np.float64]


#: Options per block when measuring distances: each block's squared gaps are formed
#: at once, so that no temporary array grows with the number of options.
_BLOCK_ELEMENTS = 1 << 16


@attrs.frozen
class PreparedTOPSIS:
    """TOPSIS prepared for one assessment; see :class:`TOPSIS`."""

    assessment: Assessment
    normalized: FloatArray = attrs.field(eq=False, repr=False)
    # The ideal and anti-ideal normalized score of each criterion.
    ideal: FloatArray = attrs.field(eq=False, repr=False)
    anti_ideal: FloatArray = attrs.field(eq=False, repr=False)
    additive: bool = False
    _last: LastWeighting[tuple[FloatArray, FloatArray]] = attrs.field(
        factory=LastWeighting, init=False, eq=False, repr=False
    )

    def distances(self, weights: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Distances to the ideal and anti-ideal for a batch of weights, each (k, n).

        For a single weight vector they are read-only, and asking again for the same
        weights returns them without recomputing.
        """
        batch = check_weight_batch(weights, self.assessment.criterion_names)
        return self._last.get(batch, self._distances)

    def _distances(self, batch: FloatArray) -> tuple[FloatArray, FloatArray]:
        # The squared gaps to the ideal points are formed a block of options at a
        # time and multiplied by the squared weights: memory stays at the size of the
        # normalized scores, and a batch costs two matrix products per block.
        squared = batch * batch
        n, m = self.normalized.shape
        to_ideal = np.empty((batch.shape[0], n))
        to_anti_ideal = np.empty((batch.shape[0], n))
        rows = max(1, _BLOCK_ELEMENTS // max(m, 1))
        gap = np.empty((min(rows, n), m))
        for start in range(0, n, rows):
            block = self.normalized[start : start + rows]
            part = gap[: len(block)]
            for point, out in ((self.ideal, to_ideal), (self.anti_ideal, to_anti_ideal)):
                np.subtract(block, point, out=part)
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
        return np.divide(to_anti_ideal, total, out=np.full_like(total, 0.5), where=total > 0)

    def details(self, weights: FloatArray) -> Mapping[str, FloatArray]:
        """Distances to the ideal and anti-ideal options."""
        to_ideal, to_anti_ideal = self.distances(weights[None, :])
        return {"distance_to_ideal": to_ideal[0], "distance_to_anti_ideal": to_anti_ideal[0]}

    def contributions(self, weights: FloatArray) -> FloatArray:
        r"""The weighted normalized scores :math:`v_{ij} = w_j r_{ij}`.

        Distances are measured on them; they do not add up to the closeness score.
        """
        return np.asarray(self.normalized * weights, dtype=np.float64)


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
        """Normalize once, and find the ideal and anti-ideal of each criterion."""
        normalized = normalize(assessment, self.normalization)
        return PreparedTOPSIS(
            assessment, normalized, normalized.max(axis=0), normalized.min(axis=0)
        )
