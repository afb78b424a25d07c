"""Assessments derived from a checked one without repeating the checks they cannot fail.

Other scores drawn from the distributions (:func:`rescored`), or every criterion read as
a benefit (:func:`as_benefits`).
"""

from __future__ import annotations

from typing import TypeAlias, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._frozen import FrozenMap
from powerbalance.model._cells import readonly
from powerbalance.model.assessment import Assessment

__all__ = ["as_benefits", "rescored"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
T = TypeVar("T", bound=attrs.AttrsInstance)


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
    lowest, highest = scores.min(axis=0), scores.max(axis=0)
    return _unchecked(
        assessment,
        scores=readonly(scores),
        uncertainty=FrozenMap(),
        _observed_range=(readonly(lowest), readonly(highest)),
    )


def as_benefits(assessment: Assessment) -> Assessment:
    """``assessment`` with every criterion declared a benefit, so that nothing is turned around.

    The scores, options and scales are those of ``assessment`` (shared, not copied); only
    the criteria's kinds differ, which no check of a criterion or an assessment depends
    on.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> a.is_risk, as_benefits(a).is_risk
    (array([False,  True]), array([False, False]))
    >>> as_benefits(a).criteria[1]
    Criterion(name='Conflict risk', area='Security', kind='benefit', ...)
    >>> as_benefits(a).scores is a.scores
    True
    """
    criteria = tuple(
        c if c.kind == "benefit" else _unchecked(c, kind="benefit") for c in assessment.criteria
    )
    none = np.zeros(len(criteria), dtype=np.bool_)
    none.flags.writeable = False
    return _unchecked(
        assessment, criteria=criteria, _is_risk=none, _is_cost=none, _lower_is_better=none
    )


def _unchecked(instance: T, **changes: object) -> T:
    """A copy of a frozen attrs instance with some fields changed, without its checks."""
    cls = type(instance)
    copy = object.__new__(cls)
    for field in attrs.fields(cls):
        value = changes[field.name] if field.name in changes else getattr(instance, field.name)
        object.__setattr__(copy, field.name, value)
    return copy
