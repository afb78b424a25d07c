"""build(): a study in, its brief out, with every analysis the brief quotes run on the way."""

from __future__ import annotations

from powerbalance._validate import Boolean, InstanceOf, Integer, check
from powerbalance.brief._brief import Brief
from powerbalance.evaluation import evaluate
from powerbalance.methods import MethodLike
from powerbalance.model import Assessment, Study
from powerbalance.sensitivity import SMAAResult
from powerbalance.sensitivity import smaa as run_smaa
from powerbalance.sensitivity import stability as run_stability
from powerbalance.weighting import WeightingLike

__all__ = ["build"]


def _weighting(study: Study, weighting: WeightingLike | None) -> WeightingLike:
    """The study's first preset for None, a preset by its name, or ``weighting`` as given."""
    if weighting is None:
        return next(iter(study.presets.values()), "equal")
    if isinstance(weighting, str) and weighting in study.presets:
        scheme: WeightingLike = study.presets[weighting]
        return scheme
    return weighting


def build(
    study_or_assessment: Study | Assessment,
    *,
    weighting: WeightingLike | None = None,
    method: MethodLike = "weighted-sum",
    stability: bool = True,
    smaa: int | SMAAResult | None = None,
    seed: int | None = None,
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
        ``method``, weights drawn uniformly), or an SMAA result already run on the
        study's assessment. None runs no SMAA.
    seed : int, optional
        The seed of the SMAA run when ``smaa`` is a number; None draws a fresh one
        (recorded in the brief).

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
    check(
        "build",
        "study_or_assessment",
        study_or_assessment,
        InstanceOf((Study, Assessment), description="a Study or an Assessment"),
        fix="Such as pb.examples.load('great-power-cooperation') or pb.io.read('study.toml').",
    )
    check("build", "stability", stability, Boolean())
    check(
        "build",
        "smaa",
        smaa,
        Integer(low=1),
        InstanceOf(SMAAResult),
        None,
        fix="Give the number of weightings to draw, such as smaa=10_000.",
    )
    study = (
        study_or_assessment
        if isinstance(study_or_assessment, Study)
        else Study(study_or_assessment)
    )
    a = study.assessment
    scheme = _weighting(study, weighting)
    report = evaluate(a, weighting=scheme, method=method)
    stable = run_stability(a, weighting=scheme, method=report.method) if stability else None
    sampled = (
        smaa
        if smaa is None or isinstance(smaa, SMAAResult)
        else run_smaa(a, method=report.method, samples=int(smaa), seed=seed)
    )
    return Brief(study, report, stability=stable, smaa=sampled)
