"""build(): a study in, its brief out, with every analysis the brief quotes run on the way."""

from __future__ import annotations

from powerbalance._validate import Boolean, InstanceOf, Integer, check
from powerbalance.brief._acceptable import acceptability_analyses
from powerbalance.brief._brief import Brief
from powerbalance.brief._packages import package_analyses
from powerbalance.brief._presets import as_study, study_weighting
from powerbalance.evaluation import compare, evaluate
from powerbalance.methods import MethodLike
from powerbalance.model import Assessment, Study
from powerbalance.scenarios import evaluate as evaluate_scenarios
from powerbalance.sensitivity import PerturbedWeights, SMAAResult, WeightInformation
from powerbalance.sensitivity import smaa as run_smaa
from powerbalance.sensitivity import stability as run_stability
from powerbalance.weighting import WeightingLike

__all__ = ["build"]


def _comparison_weightings(study: Study, scheme: WeightingLike) -> dict[str, WeightingLike]:
    """The study's presets, and the brief's own weighting when it is not one of them."""
    weightings: dict[str, WeightingLike] = dict(study.presets) or {"equal": "equal"}
    if scheme not in weightings.values() and scheme != "equal":
        weightings["this brief's"] = scheme
    return weightings


def build(
    study_or_assessment: Study | Assessment,
    *,
    weighting: WeightingLike | None = None,
    method: MethodLike = "weighted-sum",
    stability: bool = True,
    smaa: int | SMAAResult | None = None,
    smaa_weights: WeightInformation | None = None,
    seed: int | None = None,
    comparison: bool = True,
    scenarios: bool = True,
    packages: bool = True,
    screening: bool = True,
) -> Brief:
    """Evaluate a study, run the robustness analyses asked for, and return its brief.

    Parameters
    ----------
    study_or_assessment : Study or Assessment
        What to brief on; a study's texts (title, description, author, date,
        disclaimer, scale description) and presets are used, an assessment has none.
    weighting : WeightingScheme, str, Weights or callable, optional
        The weights, as for :func:`powerbalance.evaluate`, or the name of one of the
        study's presets. By default the study's first preset, or equal weights when it
        has none.
    method : Method or str, default "weighted-sum"
        The aggregation method.
    stability : bool, default True
        Whether to run :func:`powerbalance.sensitivity.stability` (how far each weight
        can move before the ranking changes).
    smaa : int or SMAAResult, optional
        A number of weightings to draw for :func:`powerbalance.sensitivity.smaa` (with
        ``method`` and ``smaa_weights``), or an SMAA result already run on the
        study's assessment. None runs no SMAA.
    smaa_weights : WeightInformation, optional
        What is known about the weights when ``smaa`` is a number. By default each
        weight within ±50% of the brief's weights
        (:class:`~powerbalance.sensitivity.PerturbedWeights` with ``spread=0.5``), so
        that the robustness the brief reports is that of its own recommendation; give
        :class:`~powerbalance.sensitivity.UniformWeights` to draw over all weightings.
    seed : int, optional
        The seed of the SMAA run when ``smaa`` is a number; None draws a fresh one
        (recorded in the brief).
    comparison : bool, default True
        Whether to rank the options under every preset of the study (or equal weights,
        with the brief's own) by each of the five built-in methods,
        :func:`powerbalance.compare`, and show where the rankings agree.
    scenarios : bool, default True
        Whether to score the options in each of the assessment's futures
        (:func:`powerbalance.scenarios.evaluate`, with the brief's weighting and
        method) and show which option each decision rule chooses and where the
        recommended option fails. Nothing is run for an assessment without scenarios.
    packages : bool, default True
        Whether to find the best package of options within the study's budgets
        (:func:`powerbalance.portfolio.optimize`, with the brief's weights and method)
        and the robust packages with the weights known only by their order
        (:func:`powerbalance.portfolio.robust`, for a method linear in the weights), with
        each option's core index. Nothing is run for a study without a package problem.
    screening : bool, default True
        Whether to screen the options against the study's rules
        (:func:`powerbalance.screening.screen`, keeping the study's do-minimum option)
        and sort them into the categories of its sorting model
        (:func:`powerbalance.screening.sort`, with the brief's weights), in a section
        "Which options are acceptable". Nothing is run for a study with neither.

    Returns
    -------
    Brief

    Raises
    ------
    InvalidParameterError
        An argument is not of the accepted forms, or names no preset or registered
        scheme; the message says which.
    PowerbalanceError
        For any other problem in the inputs, as :func:`powerbalance.evaluate` raises it.

    Examples
    --------
    >>> import powerbalance as pb
    >>> brief = pb.brief.build(pb.examples.load(), smaa=1_000, seed=1)
    >>> print(brief.summary())  # doctest: +NORMALIZE_WHITESPACE +ELLIPSIS
    Targeted cooperation ranks first of 7 options under the weighted sum with the study's
    'security-first' weights: ...
    >>> brief.report.weighting == pb.examples.load().presets["security-first"]
    True
    >>> pb.brief.build(pb.examples.load(), weighting="equal").robustness()[:20]
    'Targeted cooperation'
    """
    check("build", "stability", stability, Boolean())
    check("build", "comparison", comparison, Boolean())
    check("build", "scenarios", scenarios, Boolean())
    check("build", "packages", packages, Boolean())
    check("build", "screening", screening, Boolean())
    check(
        "build",
        "smaa_weights",
        smaa_weights,
        InstanceOf(WeightInformation),
        None,
        fix="Such as pb.sensitivity.UniformWeights() or pb.sensitivity.OrdinalWeights([...]).",
    )
    check(
        "build",
        "smaa",
        smaa,
        Integer(low=1),
        InstanceOf(SMAAResult),
        None,
        fix="Give the number of weightings to draw, such as smaa=10_000.",
    )
    study = as_study(study_or_assessment, "build", "study_or_assessment")
    a = study.assessment
    scheme = study_weighting(study, weighting)
    report = evaluate(a, weighting=scheme, method=method)
    stable = run_stability(a, weighting=scheme, method=report.method) if stability else None
    sampled = (
        smaa
        if smaa is None or isinstance(smaa, SMAAResult)
        else run_smaa(
            a,
            method=report.method,
            weight_information=smaa_weights or PerturbedWeights(report.weights, spread=0.5),
            samples=int(smaa),
            seed=seed,
        )
    )
    compared = compare(a, weightings=_comparison_weightings(study, scheme)) if comparison else None
    futures = (
        evaluate_scenarios(a, weighting=scheme, method=report.method)
        if scenarios and a.scenario_names
        else None
    )
    best, found = package_analyses(study, report) if packages else (None, None)
    screened, sorted_ = acceptability_analyses(study, report) if screening else (None, None)
    return Brief(
        study,
        report,
        stability=stable,
        smaa=sampled,
        comparison=compared,
        scenarios=futures,
        package=best,
        robust_packages=found,
        screening=screened,
        sorting=sorted_,
    )
