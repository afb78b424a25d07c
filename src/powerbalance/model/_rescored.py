"""An assessment with drawn scores, made without repeating the checks the draws cannot fail."""

from __future__ import annotations

from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._frozen import FrozenMap
from powerbalance.model._cells import readonly
from powerbalance.model.assessment import Assessment

__all__ = ["rescored"]

FloatArray: TypeAlias = npt.NDArray[np.float64]


def rescored(assessment: Assessment, scores: FloatArray) -> Assessment:
    """``assessment`` with other scores, known valid, and no distributions.

    For drawing scores from their distributions thousands of times: the draws lie
    within the distributions, which were checked against the scales when the
    assessment was built, so the checks are not repeated. ``scores`` is taken over
    (made read-only), not copied.

    Examples
    --------
    >>> import numpy as np, powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> rescored(a, np.array([[8.0, 4.0], [3.0, 6.0]])).scores[0, 0]
    np.float64(8.0)
    """
    copy = object.__new__(Assessment)
    for field in attrs.fields(Assessment):
        object.__setattr__(copy, field.name, getattr(assessment, field.name))
    object.__setattr__(copy, "scores", readonly(scores))
    object.__setattr__(copy, "uncertainty", FrozenMap())
    lowest, highest = scores.min(axis=0), scores.max(axis=0)
    object.__setattr__(copy, "_observed_range", (readonly(lowest), readonly(highest)))
    return copy
