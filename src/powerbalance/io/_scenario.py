"""A scenario: an assessment together with its named weighting presets and notes for readers."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import attrs

from powerbalance._frozen import FrozenMap
from powerbalance.errors import InvalidParameterError, PowerbalanceError
from powerbalance.model import Assessment
from powerbalance.weighting import Direct, WeightingScheme, apply_weighting, registry
from powerbalance.weights import Weights

__all__ = ["Scenario"]


def _to_presets(value: Mapping[str, Any] | None) -> Mapping[str, WeightingScheme]:
    if value is None:
        return FrozenMap()
    if not isinstance(value, Mapping):
        raise InvalidParameterError(
            f"presets must be a mapping of preset name to weighting scheme, such as "
            f"{{'security first': pb.weighting.RankOrderCentroid([...])}}; got {value!r}."
        )
    presets: dict[str, WeightingScheme] = {}
    for name, scheme in value.items():
        if not isinstance(name, str) or not name.strip():
            raise InvalidParameterError(f"A preset's name must be non-blank text; got {name!r}.")
        if isinstance(scheme, str):
            scheme = registry.create(scheme)
        elif isinstance(scheme, Weights):
            scheme = Direct(dict(scheme))
        if not isinstance(scheme, WeightingScheme):
            raise InvalidParameterError(
                f"Preset {name!r} must be a weighting scheme (an object with a "
                f"weigh(assessment) method), a registered scheme name or Weights; got "
                f"{scheme!r}. Plain functions cannot be presets, since a file cannot hold "
                "them."
            )
        presets[name] = scheme
    return FrozenMap(presets)


def _validate_assessment(
    instance: Scenario, attribute: attrs.Attribute[Assessment], value: object
) -> None:
    if not isinstance(value, Assessment):
        raise InvalidParameterError(f"A Scenario holds an Assessment; got {type(value).__name__}.")


def _validate_text(instance: Scenario, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidParameterError(f"Scenario: {attribute.name} must be text; got {value!r}.")


@attrs.frozen
class Scenario:
    """What a scenario file holds: an assessment, named weighting presets and texts.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores (with notes and uncertainty).
    presets : mapping of str to weighting scheme, optional
        Named weightings, such as the perspectives of different stakeholders; any
        built-in scheme with its inputs. A registered name (``"equal"``) is turned into
        its scheme, and fixed :class:`~powerbalance.Weights` into
        :class:`~powerbalance.weighting.Direct`, so that a scenario read back from a
        file equals the one written.
    title : str, optional
        A headline for readers.
    disclaimer : str, optional
        What the scores are and are not (e.g. "illustrative judgements").
    scale_description : str, optional
        How the scores' scale is to be read.

    Raises
    ------
    PowerbalanceError
        A preset does not fit the assessment (it names a criterion or area the
        assessment lacks, say); the error names the preset.

    Examples
    --------
    >>> import powerbalance as pb
    >>> s = pb.io.Scenario(
    ...     pb.scenarios.load(),
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
    presets: Mapping[str, WeightingScheme] = attrs.field(
        default=None, converter=_to_presets, kw_only=True
    )
    title: str = attrs.field(default="", kw_only=True, validator=_validate_text)
    disclaimer: str = attrs.field(default="", kw_only=True, validator=_validate_text)
    scale_description: str = attrs.field(default="", kw_only=True, validator=_validate_text)

    def __attrs_post_init__(self) -> None:
        for name, scheme in self.presets.items():
            check_preset(name, scheme, self.assessment)


def check_preset(name: str, scheme: WeightingScheme, assessment: Assessment) -> None:
    """Check that a preset weighs ``assessment``, re-raising its error with the preset's name.

    Warnings (an inconsistent AHP matrix, say) are left for when the preset is used.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            apply_weighting(scheme, assessment)
    except PowerbalanceError as error:
        raise type(error)(f"Preset {name!r} does not fit the assessment: {error}") from error
