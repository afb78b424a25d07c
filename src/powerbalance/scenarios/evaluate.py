"""evaluate(): every scenario of an assessment scored with one weighting and one method."""

from __future__ import annotations

import numpy as np

from powerbalance._validate import Interval, check
from powerbalance.errors import ScenarioError
from powerbalance.evaluation.evaluate import check_assessment, warn_degenerate
from powerbalance.evaluation.report import build_report
from powerbalance.methods import MethodLike, resolve_method
from powerbalance.model import Assessment
from powerbalance.scenarios._analysis import ScenarioAnalysis
from powerbalance.weighting import WeightingLike, apply_weighting, resolve_weighting

__all__ = ["evaluate"]

_OWNER = "scenarios.evaluate"


def evaluate(
    assessment: Assessment,
    *,
    weighting: WeightingLike = "equal",
    method: MethodLike = "weighted-sum",
    alpha: float = 0.5,
    margin: float = 0.05,
) -> ScenarioAnalysis:
    """Score every scenario of ``assessment``, then weigh the options' regrets and choices.

    The weights are resolved **once, on the central assessment**, and the same weights
    score every scenario: a data-dependent scheme (entropy, CRITIC) would otherwise
    weigh each future differently, and the comparison across futures would mix a
    change of scores with a change of priorities. Each scenario's assessment
    (:meth:`powerbalance.Assessment.in_scenario`) is prepared once by the method and
    scored with those weights.

    Scores are compared across scenarios by maximin, Hurwicz and the expected score,
    so they should be on one scale: a criterion with a declared ``scale`` is
    normalized the same way in every scenario; one without is normalized by the
    range observed in each scenario.

    Parameters
    ----------
    assessment : Assessment
        The central assessment, carrying its scenarios (``scenarios=``). Not modified.
    weighting : WeightingScheme, str, Weights or callable, default "equal"
        As for :func:`powerbalance.evaluate`.
    method : Method or str, default "weighted-sum"
        As for :func:`powerbalance.evaluate`.
    alpha : float, default 0.5
        Hurwicz's coefficient of optimism: the weight on an option's best score (the
        rest is on its worst); 0 is maximin, 1 maximax.
    margin : float, default 0.05
        Satisficing: an option "holds up" in a scenario when its score is within this
        many score units of the best.

    Returns
    -------
    ScenarioAnalysis

    Raises
    ------
    InvalidParameterError
        ``assessment`` is not an Assessment, ``alpha`` is outside [0, 1], ``margin``
        is negative, or ``weighting`` or ``method`` is not an accepted form.
    ScenarioError
        The assessment has no scenarios.

    Examples
    --------
    >>> import attrs, powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> a = attrs.evolve(a, scenarios=[pb.Scenario("Rivals exploit",
    ...                                             changes={"Engage": {"Conflict risk": 8}})])
    >>> analysis = pb.scenarios.evaluate(a, method="topsis")
    >>> sorted(analysis.choice)
    ['hurwicz', 'maximin', 'minimax_regret', 'satisficing']
    """
    check_assessment(_OWNER, assessment)
    check(_OWNER, "alpha", alpha, Interval(0, 1), fix="Use 0.5 to weigh best and worst equally.")
    check(_OWNER, "margin", margin, Interval(0, None), fix="Use 0 for 'as good as the best'.")
    names = assessment.scenario_names
    if not names:
        raise no_scenarios()
    scheme = resolve_weighting(weighting, owner=_OWNER)
    resolved = resolve_method(method, owner=_OWNER)
    warn_degenerate(assessment)
    weights = apply_weighting(scheme, assessment)
    reports = tuple(
        build_report(assessment.in_scenario(name), weights, resolved, scheme) for name in names
    )
    return ScenarioAnalysis(
        assessment=assessment,
        scenarios=tuple(names),
        probabilities=assessment.probabilities,
        weights=weights,
        method=resolved,
        weighting=scheme,
        score_table=np.column_stack([report.scores for report in reports]),
        alpha=float(alpha),
        margin=float(margin),
        reports=reports,
    )


def no_scenarios(owner: str = _OWNER) -> ScenarioError:
    """The refusal of an assessment without scenarios, for the analysis ``owner``.

    Examples
    --------
    >>> str(no_scenarios("scenarios.stability")).startswith("scenarios.stability: the")
    True
    """
    return ScenarioError(
        f"{owner}: the assessment has no scenarios; add them with scenarios=... "
        f"(pb.Assessment(..., scenarios=[pb.Scenario('name', changes={{...}})]))."
    )
