"""A study: an assessment with its texts for readers and its named weighting presets."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from powerbalance import registry
from powerbalance._frozen import FrozenMap
from powerbalance._validate import InstanceOf, check, did_you_mean, quoted_list, refuse
from powerbalance.errors import PowerbalanceError, UnknownNameError, WeightError
from powerbalance.model.assessment import Assessment
from powerbalance.model.weights import Weights

__all__ = ["Study", "check_preset"]


def _is_scheme(value: object) -> bool:
    return callable(getattr(value, "weigh", None))


def _to_presets(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if value is None:
        return FrozenMap()
    check(
        "Study",
        "presets",
        value,
        InstanceOf(Mapping, description="a mapping of preset name to weighting scheme"),
        None,
        fix="Such as {'security first': pb.weighting.RankOrderCentroid([...])}.",
    )
    presets: dict[str, Any] = {}
    for name, scheme in value.items():
        if not isinstance(name, str) or not name.strip():
            raise refuse(
                "Study",
                "presets",
                name,
                "keyed by non-blank text, the presets' names",
                fix="Name every preset, such as 'security first'.",
            )
        if isinstance(scheme, str):
            scheme = registry.weightings.create(scheme)
        elif isinstance(scheme, Weights):
            scheme = registry.weightings.get("direct")(dict(scheme))
        if not _is_scheme(scheme):
            raise refuse(
                "Study",
                f"presets[{name!r}]",
                scheme,
                "a weighting scheme (an object with a weigh(assessment) method), a "
                "registered scheme name or Weights",
                fix="Plain functions cannot be presets, since a file cannot hold them.",
            )
        presets[name] = scheme
    return FrozenMap(presets)


def _validate_assessment(
    instance: Study, attribute: attrs.Attribute[Assessment], value: object
) -> None:
    check("Study", attribute.name, value, InstanceOf(Assessment))


def _validate_text(instance: Study, attribute: attrs.Attribute[str], value: object) -> None:
    check("Study", attribute.name, value, InstanceOf(str, description="text"))


def _validate_portfolio(instance: Study, attribute: attrs.Attribute[Any], value: object) -> None:
    # Duck-typed, as presets are: the model comes before the portfolio stage and must
    # not import it.
    if value is None:
        return
    if not callable(getattr(value, "describe_conflict", None)) or not attrs.has(type(value)):
        raise refuse(
            "Study",
            "portfolio",
            value,
            "a powerbalance.portfolio.Problem or None",
            fix="Build one with pb.portfolio.Problem(assessment, costs=..., budget=...).",
        )


def _to_rules(value: object) -> tuple[Any, ...]:
    # Duck-typed, as the portfolio is: the model comes before the screening stage.
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise refuse(
            "Study",
            "screening_rules",
            value,
            "a list of screening rules (pb.screening.Threshold, Veto or MustHave)",
            fix="Wrap a single rule in a list.",
        )
    rules = tuple(value)
    for rule in rules:
        if not callable(getattr(rule, "breach", None)) or not attrs.has(type(rule)):
            raise refuse(
                "Study",
                "screening_rules",
                rule,
                "screening rules (pb.screening.Threshold, Veto or MustHave)",
                fix="Build each with pb.screening, such as pb.screening.Veto('Risk', limit=7).",
            )
    return rules


def _validate_sorting(instance: Study, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not callable(getattr(value, "prepare", None)) or not hasattr(value, "categories"):
        raise refuse(
            "Study",
            "sorting",
            value,
            "a sorting model (pb.screening.MRSort or ElectreTriB) or None",
            fix="Such as pb.screening.MRSort(['reject', 'consider', 'recommend'], profiles=...).",
        )


def _validate_do_minimum(instance: Study, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    names = instance.assessment.option_names
    if value not in names:
        raise refuse(
            "Study",
            "do_minimum",
            value,
            "an option of the assessment, or None",
            fix=f"The options are {quoted_list(names)}.{did_you_mean(str(value), names)}",
            error=UnknownNameError,
        )


@attrs.frozen
class Study:
    """What a study file holds: an assessment, the texts around it and weighting presets.

    A study is what an analyst hands over: the options, criteria and scores, and what a
    reader needs to take them in (a title, who wrote it and when, what the scores are
    and are not). Its presets are named weightings, such as the perspectives of
    different stakeholders. :func:`powerbalance.io.read` returns one, and so does
    :func:`powerbalance.examples.load`.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores (with notes and uncertainty).
    presets : mapping of str to weighting scheme, optional
        Named weightings, such as the perspectives of different stakeholders; any
        built-in scheme with its inputs. A registered name (``"equal"``) is turned into
        its scheme, and fixed :class:`~powerbalance.Weights` into
        :class:`~powerbalance.weighting.Direct`, so that a study read back from a
        file equals the one written.
    title : str, optional
        A headline for readers.
    author : str, optional
        Who prepared the study (a person, a team or an organisation).
    date : str, optional
        When, as written by the analyst (for instance ``"2026-11-30"`` or
        ``"November 2026"``).
    disclaimer : str, optional
        What the scores are and are not (e.g. "illustrative judgements").
    scale_description : str, optional
        How the scores' scale is to be read.
    portfolio : powerbalance.portfolio.Problem, optional
        The package problem over the assessment's options (costs, budgets and
        interactions), for :func:`powerbalance.portfolio.optimize`; None when the study
        has none. A problem built on another assessment is rebuilt on this one, with
        its costs, budgets and interactions, which must fit its options.
    screening_rules : sequence of screening rules, optional
        Minimum standards, red lines and must-haves (:class:`powerbalance.screening.Threshold`,
        ``Veto``, ``MustHave``) for :func:`powerbalance.screening.screen`.
    do_minimum : str, optional
        The option that does the least that could work, kept on the shortlist as a
        comparator (business as usual is the assessment's baseline).
    sorting : MRSort or ElectreTriB, optional
        The model that sorts the options into ordered categories, for
        :func:`powerbalance.screening.sort`.

    Raises
    ------
    PowerbalanceError
        A preset does not fit the assessment (it names a criterion or area the
        assessment lacks, say); the error names the preset. Likewise for a portfolio
        that names an option the assessment lacks.

    Examples
    --------
    >>> import powerbalance as pb
    >>> s = pb.Study(
    ...     pb.examples.load().assessment,
    ...     presets={"equal": "equal", "security first": pb.weighting.ByArea(
    ...         areas=pb.weighting.RankOrderCentroid(
    ...             ["Security", ["Economic", "Diplomacy", "Technology", "Environment"]]))},
    ... )
    >>> list(s.presets)
    ['equal', 'security first']
    >>> s.presets["equal"]
    Equal()
    """

    assessment: Assessment = attrs.field(validator=_validate_assessment)
    presets: Mapping[str, Any] = attrs.field(default=None, converter=_to_presets, kw_only=True)
    title: str = attrs.field(default="", kw_only=True, validator=_validate_text)
    author: str = attrs.field(default="", kw_only=True, validator=_validate_text)
    date: str = attrs.field(default="", kw_only=True, validator=_validate_text)
    disclaimer: str = attrs.field(default="", kw_only=True, validator=_validate_text)
    scale_description: str = attrs.field(default="", kw_only=True, validator=_validate_text)
    portfolio: Any = attrs.field(default=None, kw_only=True, validator=_validate_portfolio)
    screening_rules: tuple[Any, ...] = attrs.field(default=(), kw_only=True, converter=_to_rules)
    do_minimum: str | None = attrs.field(default=None, kw_only=True, validator=_validate_do_minimum)
    sorting: Any = attrs.field(default=None, kw_only=True, validator=_validate_sorting)

    def __attrs_post_init__(self) -> None:
        for name, scheme in self.presets.items():
            check_preset(name, scheme, self.assessment)
        problem = self.portfolio
        if problem is not None and problem.assessment is not self.assessment:
            if problem.assessment != self.assessment:
                # A study evolved with a new assessment keeps its costs, budgets and
                # interactions, checked again against the new options.
                kept = set(self.assessment.option_names)
                costs = {
                    option: amounts
                    for option, amounts in problem.costs.items()
                    if option in kept or any(amounts.values())
                }
                try:
                    problem = attrs.evolve(problem, assessment=self.assessment, costs=costs)
                except PowerbalanceError as error:
                    raise refuse(
                        "Study",
                        "portfolio",
                        problem,
                        "a package problem that fits the study's assessment",
                        fix=str(error),
                        error=type(error),
                    ) from error
            object.__setattr__(self, "portfolio", problem)

    @property
    def description(self) -> str:
        """What the study is about: the assessment's description.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load().description.startswith("This study asks")
        True
        """
        return self.assessment.description


def check_preset(name: str, scheme: Any, assessment: Assessment) -> None:
    """Check that a preset weighs ``assessment``, re-raising its error with the preset's name.

    Warnings (an inconsistent AHP matrix, say) are left for when the preset is used.

    Raises
    ------
    PowerbalanceError
        Of the kind the scheme raised, its message starting with the preset's name.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> check_preset("trade first", pb.weighting.Direct({"Trade gains": 2, "Conflict risk": 1}), a)
    >>> check_preset("typo", pb.weighting.Direct({"Trade": 1, "Conflict risk": 1}), a)
    Traceback (most recent call last):
    ...
    powerbalance.errors.WeightError: Study: presets['typo'] must be a weighting scheme that weighs \
the assessment's criteria; got Direct(points={'Trade': 1, 'Conflict risk': 1}). ...
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            weights = scheme.weigh(assessment)
            if not isinstance(weights, Weights):
                raise WeightError(
                    f"Its weigh(assessment) must return a Weights object; it returned {weights!r}."
                )
            weights.aligned(assessment)
    except PowerbalanceError as error:
        raise refuse(
            "Study",
            f"presets[{name!r}]",
            scheme,
            "a weighting scheme that weighs the assessment's criteria",
            fix=str(error),
            error=type(error),
        ) from error
