"""Schemes built from schemes: a value tree of areas, and a blend of perspectives."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

import attrs
import numpy as np

from powerbalance._validate import did_you_mean, refuse
from powerbalance.errors import WeightError
from powerbalance.model import Assessment, Criterion
from powerbalance.model.normalize import normalize
from powerbalance.model.weights import Weights
from powerbalance.weighting._base import (
    WeightingLike,
    apply_weighting,
    registry,
    resolve_weighting,
)
from powerbalance.weighting._inputs import file_input

__all__ = ["Blend", "ByArea"]


def area_assessment(assessment: Assessment) -> Assessment:
    """The assessment seen one level up: one benefit "criterion" per area.

    Each area's score is the mean of its criteria's min-max normalized, direction-aware
    scores, so schemes that look at the data (entropy, CRITIC, ...) can weigh areas too.

    Examples
    --------
    >>> import powerbalance as pb
    >>> area_assessment(pb.examples.load("engage-or-contain").assessment).to_frame()
    criterion  Economic  Security
    option
    Engage          1.0       1.0
    Contain         0.0       0.0
    """
    values = normalize(assessment, "minmax")
    areas = assessment.areas
    area_of = np.array([c.area for c in assessment.criteria])
    scores = np.column_stack([values[:, area_of == area].mean(axis=1) for area in areas])
    return Assessment(
        options=assessment.options,
        criteria=[Criterion(area, area=area, kind="benefit", scale=(0, 1)) for area in areas],
        scores=scores,
        name=assessment.name,
    )


PerArea: TypeAlias = Mapping[str, WeightingLike]


def _per_area(value: WeightingLike | PerArea) -> PerArea | None:
    # Weights are a Mapping too, but of criteria to numbers: they are one scheme.
    if isinstance(value, Mapping) and not isinstance(value, Weights):
        return value
    return None


def _to_within(value: WeightingLike | PerArea) -> WeightingLike | PerArea:
    per_area = _per_area(value)
    return dict(per_area) if per_area is not None else value


@registry.register("by-area")
@attrs.frozen
class ByArea:
    """A value tree: weigh the areas, then the criteria inside each area.

    A criterion's weight is its area's weight times its weight within the area. This is
    how policy teams usually work: first agree how much Security counts against
    Economic, then, separately, how the Security criteria compare with each other.

    Parameters
    ----------
    areas : weighting scheme
        Weighs the areas, as if each area were a criterion named after it; for example
        ``Direct({"Security": 40, "Economic": 60})`` or
        ``RankOrderCentroid(["Security", "Economic"])``. Schemes that look at the data
        see each area's mean normalized score.
    within : weighting scheme or mapping of area to scheme, default "equal"
        Weighs the criteria of each area; one scheme for all areas, or one per area
        (areas not in the mapping are weighted equally).

    Raises
    ------
    WeightError
        ``within`` names an area that the assessment does not have.

    Examples
    --------
    >>> import powerbalance as pb
    >>> import powerbalance as pb
    >>> scheme = ByArea(areas=pb.weighting.Direct({"Economic": 1, "Security": 3}))
    >>> dict(scheme.weigh(pb.examples.load("engage-or-contain").assessment))
    {'Trade gains': 0.25, 'Conflict risk': 0.75}
    """

    areas: WeightingLike = attrs.field(kw_only=True, metadata=file_input("weighting"))
    within: WeightingLike | PerArea = attrs.field(
        default="equal",
        kw_only=True,
        converter=_to_within,
        # A file gives one scheme for every area as within, or one per area as
        # within_areas, since a table there would read as a single scheme.
        metadata=file_input("weighting", alternatives={"within_areas": "weightings"}),
    )

    def weigh(self, assessment: Assessment) -> Weights:
        """Area weights times within-area weights."""
        area_weights = apply_weighting(self.areas, area_assessment(assessment))
        per_area = _per_area(self.within)
        if per_area is not None:
            unknown = [area for area in per_area if area not in assessment.areas]
            if unknown:
                raise WeightError(
                    f"ByArea: within must name areas of the assessment; got "
                    f"{unknown[0]!r}, which it does not have."
                    + did_you_mean(unknown[0], assessment.areas)
                )
        result: dict[str, float] = {}
        for area in assessment.areas:
            scheme: WeightingLike = (
                per_area.get(area, "equal") if per_area is not None else self.within  # type: ignore[assignment]
            )
            part = assessment.subset(criteria=list(assessment.criteria_in(area)))
            inner = apply_weighting(scheme, part)
            for name in part.criterion_names:
                result[name] = area_weights[area] * inner[name]
        return Weights.from_mapping({n: result[n] for n in assessment.criterion_names})


Parts: TypeAlias = tuple[tuple[WeightingLike, float], ...]


def _to_parts(
    value: Mapping[WeightingLike, float] | Sequence[tuple[WeightingLike, float]],
) -> Parts:
    pairs = list(value.items()) if isinstance(value, Mapping) else list(value)
    if not pairs:
        raise refuse(
            "Blend",
            "parts",
            value,
            "at least one (scheme, share) pair",
            fix="Such as {'equal': 1, 'entropy': 1}.",
        )
    parts = []
    for position, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise refuse("Blend", f"parts[{position}]", pair, "a (scheme, share) pair")
        scheme, share = pair
        resolve_weighting(scheme)
        if (
            isinstance(share, bool)
            or not isinstance(share, int | float)
            or not (np.isfinite(share) and share >= 0)
        ):
            raise refuse(
                "Blend",
                f"the share of {scheme!r}",
                share,
                "a finite number of at least 0",
                error=WeightError,
            )
        parts.append((scheme, float(share)))
    if sum(share for _, share in parts) <= 0:
        raise refuse(
            "Blend",
            "parts",
            value,
            "at least one positive share",
            fix="Every share is zero; give at least one scheme a share.",
            error=WeightError,
        )
    return tuple(parts)


@registry.register("blend")
@attrs.frozen
class Blend:
    r"""A weighted mix of schemes, e.g. the perspectives of several stakeholders.

    .. math:: w_j = \frac{\sum_k s_k\, w^{(k)}_j}{\sum_k s_k}

    where :math:`w^{(k)}` are the weights of scheme *k* and :math:`s_k` its share.

    Parameters
    ----------
    parts : mapping of scheme to share, or sequence of (scheme, share) pairs
        The schemes and their non-negative shares (rescaled to sum to 1). Use pairs
        when a scheme cannot be a dictionary key.

    Raises
    ------
    WeightError
        A share is negative or not finite, or all shares are zero.

    Examples
    --------
    >>> import powerbalance as pb
    >>> import powerbalance as pb
    >>> security_first = pb.weighting.Direct({"Trade gains": 1, "Conflict risk": 3})
    >>> economy_first = pb.weighting.Direct({"Trade gains": 3, "Conflict risk": 1})
    >>> blend = Blend([(security_first, 2), (economy_first, 1)])
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> {k: round(v, 4) for k, v in blend.weigh(a).items()}
    {'Trade gains': 0.4167, 'Conflict risk': 0.5833}
    """

    parts: Parts = attrs.field(converter=_to_parts, metadata=file_input("parts"))

    @property
    def shares(self) -> tuple[float, ...]:
        """The shares, rescaled to sum to 1.

        Examples
        --------
        >>> Blend([("equal", 1), ("equal", 3)]).shares
        (0.25, 0.75)
        """
        total = sum(share for _, share in self.parts)
        return tuple(share / total for _, share in self.parts)

    def weigh(self, assessment: Assessment) -> Weights:
        """Mix the weights of every part in proportion to its share."""
        combined = np.zeros(assessment.n_criteria)
        for (scheme, _), share in zip(self.parts, self.shares, strict=True):
            combined += share * apply_weighting(scheme, assessment).aligned(assessment)
        return Weights(assessment.criterion_names, combined)
