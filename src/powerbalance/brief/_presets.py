"""The weights a brief or a conference page starts from: a study's preset, or what is given."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from powerbalance._render import full_name
from powerbalance._validate import InstanceOf, check
from powerbalance.model import Assessment, Study
from powerbalance.weighting import Equal, WeightingLike

__all__ = ["as_study", "study_weighting", "weighting_words"]


def study_weighting(study: Study, weighting: WeightingLike | None) -> WeightingLike:
    """The study's first preset for None, a preset by its name, or ``weighting`` as given.

    Examples
    --------
    >>> import powerbalance as pb
    >>> study = pb.examples.load("great-power-cooperation")
    >>> study_weighting(study, None) == study.presets["security-first"]
    True
    >>> study_weighting(study, "equal")
    'equal'
    """
    if weighting is None:
        return next(iter(study.presets.values()), "equal")
    if isinstance(weighting, str) and weighting in study.presets:
        scheme: WeightingLike = study.presets[weighting]
        return scheme
    return weighting


def weighting_words(weighting: object, presets: Mapping[str, Any]) -> str:
    """The weights as a sentence names them: equal, a preset of the study's, or a scheme.

    Examples
    --------
    >>> import powerbalance as pb
    >>> weighting_words(pb.weighting.Equal(), {})
    'equal weights'
    >>> study = pb.examples.load()
    >>> weighting_words(study.presets["security-first"], study.presets)
    "the study's 'security-first' weights"
    >>> weighting_words(pb.weighting.Entropy(), {})
    'weights from entropy, min-max normalization'
    """
    for name, scheme in presets.items():
        if scheme == weighting:
            return f"the study's {name!r} weights"
    if isinstance(weighting, Equal):
        return "equal weights"
    if isinstance(weighting, Mapping):
        return "fixed weights"
    return f"weights from {full_name(weighting)}"


def as_study(
    assessment_or_study: object, owner: str, parameter: str = "assessment_or_study"
) -> Study:
    """The study given, or a study of the assessment given, as ``owner``'s ``parameter``.

    Examples
    --------
    >>> import powerbalance as pb
    >>> as_study(pb.examples.load("engage-or-contain").assessment, "build").title
    ''
    """
    check(
        owner,
        parameter,
        assessment_or_study,
        InstanceOf((Study, Assessment), description="a Study or an Assessment"),
        fix="Such as pb.examples.load('great-power-cooperation') or pb.io.read('study.toml').",
    )
    if isinstance(assessment_or_study, Study):
        return assessment_or_study
    return Study(cast(Assessment, assessment_or_study))
