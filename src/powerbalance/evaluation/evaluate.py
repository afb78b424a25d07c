"""evaluate(): an assessment, a weighting scheme and a method in; a Report out."""

from __future__ import annotations

import warnings

import numpy as np

from powerbalance._validate import InstanceOf, check
from powerbalance.errors import DegenerateCriterionWarning
from powerbalance.evaluation.report import Report, build_report
from powerbalance.methods import MethodLike, resolve_method
from powerbalance.model import Assessment
from powerbalance.weighting import WeightingLike, apply_weighting, resolve_weighting

__all__ = ["evaluate"]


def evaluate(
    assessment: Assessment,
    *,
    weighting: WeightingLike = "equal",
    method: MethodLike = "weighted-sum",
) -> Report:
    """Weigh the criteria, score the options and explain the ranking.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores. Not modified.
    weighting : WeightingScheme, str, Weights or callable, default "equal"
        A weighting scheme, the registered name of a parameterless one, fixed
        weights, or a function ``assessment -> Mapping[str, float]``.
    method : Method or str, default "weighted-sum"
        An aggregation method or the registered name of a parameterless one
        (``"weighted-sum"``, ``"weighted-product"``, ``"topsis"``).

    Returns
    -------
    Report
        Ranking, contributions, benefits and risks by area, and renderers.

    Raises
    ------
    InvalidParameterError
        ``assessment`` is not an Assessment, or ``weighting`` or ``method`` is not one
        of the accepted forms (a method class, say, instead of an instance of it).
    PowerbalanceError
        For any other problem in the inputs; the message names the culprit.

    Warns
    -----
    DegenerateCriterionWarning
        A criterion scores every option the same, so it cannot affect the ranking.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> report = pb.evaluate(a, method="topsis")
    >>> report.ranking.index[0]
    'Targeted cooperation'
    >>> report = pb.evaluate(
    ...     a,
    ...     weighting=pb.weighting.RankOrderCentroid(
    ...         [["Conflicts de-escalated", "Indo-Pacific military balance eroded"]]
    ...         + [[c for c in a.criterion_names if c not in (
    ...             "Conflicts de-escalated", "Indo-Pacific military balance eroded")]]
    ...     ),
    ...     method=pb.methods.WeightedSum(),
    ... )
    >>> int(report.ranking["rank"].iloc[0])
    1
    """
    check_assessment("evaluate", assessment)
    scheme = resolve_weighting(weighting, owner="evaluate")
    resolved_method = resolve_method(method, owner="evaluate")
    warn_degenerate(assessment)
    weights = apply_weighting(scheme, assessment)
    return build_report(assessment, weights, resolved_method, scheme)


def check_assessment(owner: str, assessment: object) -> Assessment:
    """Refuse anything but an :class:`~powerbalance.Assessment` as a verb's first argument.

    Parameters
    ----------
    owner : str
        The verb, as the message opens (``"evaluate"``).
    assessment : object
        What was passed.

    Returns
    -------
    Assessment
        ``assessment``, unchanged.

    Raises
    ------
    InvalidParameterError
        ``assessment`` is not an Assessment.

    Examples
    --------
    >>> import powerbalance as pb
    >>> try:
    ...     check_assessment("evaluate", [[1, 2], [3, 4]])
    ... except pb.errors.InvalidParameterError as error:
    ...     print(error)  # doctest: +NORMALIZE_WHITESPACE
    evaluate: assessment must be an Assessment; got [[1, 2], [3, 4]]. Build one with
    pb.Assessment(...), pb.Assessment.from_frame(...) or pb.examples.load(...).assessment.
    """
    holds_one = isinstance(getattr(assessment, "assessment", None), Assessment)
    check(
        owner,
        "assessment",
        assessment,
        InstanceOf(Assessment),
        fix=(
            f"Pass the assessment it holds: {owner}(study.assessment, ...)."
            if holds_one
            else "Build one with pb.Assessment(...), pb.Assessment.from_frame(...) or "
            "pb.examples.load(...).assessment."
        ),
    )
    return assessment  # type: ignore[return-value]


def warn_degenerate(assessment: Assessment) -> None:
    """Warn about criteria on which every option scores the same.

    Examples
    --------
    >>> import warnings, powerbalance as pb
    >>> a = pb.Assessment(["A", "B"], [pb.Criterion("Flat", area="X", kind="benefit")],
    ...                   [[1], [1]])
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_degenerate(a)
    >>> "Flat" in str(caught[0].message)
    True
    """
    if assessment.n_options < 2:
        return
    low, high = assessment.observed_range
    flat = low == high
    for j in np.flatnonzero(flat):
        criterion = assessment.criteria[j]
        warnings.warn(
            f"Every option scores {assessment.scores[0, j]:g} on criterion "
            f"{criterion.name!r}, so it cannot separate them and does not affect the "
            f"ranking. Check the scores, or leave the criterion out with subset().",
            DegenerateCriterionWarning,
            stacklevel=3,
        )
