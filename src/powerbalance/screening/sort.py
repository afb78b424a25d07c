"""sort(): an assessment, a sorting model and a weighting in; a Sorting out."""

from __future__ import annotations

import numpy as np

from powerbalance._validate import InstanceOf, check
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.model import Assessment
from powerbalance.screening._electre_tri import ElectreTriB, PreparedElectreTriB, Rule
from powerbalance.screening._mrsort import MRSort
from powerbalance.screening._sorting import Sorting
from powerbalance.weighting import WeightingLike, apply_weighting, resolve_weighting

__all__ = ["sort"]


def sort(
    assessment: Assessment,
    model: MRSort | ElectreTriB,
    *,
    weighting: WeightingLike = "equal",
) -> Sorting:
    """Sort the options into the model's ordered categories, and say why.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores. Not modified.
    model : MRSort or ElectreTriB
        The categories (worst first), their limits on every criterion and the rule.
    weighting : WeightingScheme, str, Weights or callable, default "equal"
        As for :func:`~powerbalance.evaluate`: a weighting scheme, the registered name
        of a parameterless one, fixed weights, or a function ``assessment ->
        Mapping[str, float]``.

    Returns
    -------
    Sorting
        Each option's category, the support or credibility against every profile,
        the vetoes that fired, ``why(option)`` in words, and renderers.

    Raises
    ------
    InvalidParameterError
        ``assessment``, ``model`` or ``weighting`` is not of an accepted form, or the
        model's limits are not nested in a criterion's direction.
    UnknownNameError
        The model's profiles name a criterion the assessment lacks, or leave one out.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["Engage", "Hedge", "Confront"],
    ...     [pb.Criterion("Trade gains", area="Economic", kind="benefit", scale=(0, 10)),
    ...      pb.Criterion("Conflict risk", area="Security", kind="risk", scale=(0, 10))],
    ...     [[8, 4], [5, 3], [2, 9]],
    ... )
    >>> model = pb.screening.MRSort(
    ...     ["reject", "consider", "recommend"],
    ...     {"Trade gains": [4, 7], "Conflict risk": [6, 4]},
    ...     threshold=0.6,
    ...     vetoes={"Conflict risk": 2},
    ... )
    >>> dict(pb.screening.sort(a, model).categories)
    {'Engage': 'recommend', 'Hedge': 'consider', 'Confront': 'reject'}
    """
    check_assessment("sort", assessment)
    check(
        "sort",
        "model",
        model,
        InstanceOf((MRSort, ElectreTriB), description="a sorting model, MRSort or ElectreTriB"),
    )
    scheme = resolve_weighting(weighting, owner="sort")
    prepared = model.prepare(assessment)
    weights = apply_weighting(scheme, assessment)
    w = weights.aligned(assessment)
    batch = w[np.newaxis, :]
    if isinstance(prepared, PreparedElectreTriB):
        other: Rule = "optimistic" if prepared.model.rule == "pessimistic" else "pessimistic"
        return Sorting(
            model,
            weights,
            assessment,
            prepared.assign(batch)[0],
            prepared.evidence(w),
            prepared.assign(batch, rule=other)[0],
        )
    return Sorting(model, weights, assessment, prepared.assign(batch)[0], prepared.evidence(w))
