"""Each option's value: the method's score on the criteria that are not costs."""

from __future__ import annotations

from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._validate import quoted_list
from powerbalance.errors import WeightError
from powerbalance.evaluation.evaluate import warn_degenerate
from powerbalance.methods import Method, MethodLike, PreparedMethod, resolve_method, scored
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.portfolio._problem import cost_criteria
from powerbalance.weighting import WeightingLike, apply_weighting, resolve_weighting

__all__ = ["Valuation", "valuation"]

FloatArray: TypeAlias = npt.NDArray[np.float64]


@attrs.frozen
class Valuation:
    """The options' values under one weighting and method, and how to revalue them."""

    assessment: Assessment  # without its cost criteria
    weights: Weights
    method: Method
    weighting: object
    prepared: PreparedMethod = attrs.field(eq=False)
    values: FloatArray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal))
    owner: str = "portfolio"

    def at(self, weights: FloatArray) -> FloatArray:
        """The options' values under each weight vector of ``weights`` (k x criteria)."""
        return np.asarray(
            scored(self.prepared, weights, method=self.method, owner=self.owner), dtype=np.float64
        )


def _without_costs(weights: Weights, costs: tuple[str, ...], owner: str) -> Weights:
    kept = {name: weight for name, weight in weights.items() if name not in costs}
    if sum(kept.values()) <= 0:
        raise WeightError(
            f"{owner}: the weights give every criterion that is not a cost "
            f"({quoted_list(kept)}) the weight 0, so no option has any value; weigh at "
            "least one of them."
        )
    return Weights.from_mapping(kept)


def valuation(
    assessment: Assessment, weighting: WeightingLike, method: MethodLike, *, owner: str
) -> Valuation:
    """Value every option on the criteria that are not costs, so costs count once.

    The weights are found on the whole assessment (so a scheme sees what it would
    see in :func:`~powerbalance.evaluate`), then the cost criteria are dropped and the
    rest rescaled to sum to 1; fixed weights that name only the other criteria are
    taken as they are.
    """
    scheme = resolve_weighting(weighting, owner=owner)
    resolved = resolve_method(method, owner=owner)
    costs = cost_criteria(assessment)
    kept = [name for name in assessment.criterion_names if name not in costs]
    if not kept:
        raise WeightError(
            f"{owner}: every criterion of the assessment is a cost "
            f"({quoted_list(costs)}), so no option has any value to weigh against them; "
            "add a benefit or risk criterion."
        )
    value_part = assessment.subset(criteria=kept) if costs else assessment
    warn_degenerate(value_part)
    if isinstance(scheme, Weights) and set(scheme.names) == set(kept):
        weights = scheme
    else:
        weights = apply_weighting(scheme, assessment)
        if costs:
            weights = _without_costs(weights, costs, owner)
    prepared = resolved.prepare(value_part)
    vector = weights.aligned(value_part)
    values = np.array(scored(prepared, vector[None, :], method=resolved, owner=owner)[0])
    values.flags.writeable = False
    return Valuation(value_part, weights, resolved, scheme, prepared, values, owner)
