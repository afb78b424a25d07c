"""Options and criteria: what is assessed, and what it is judged on.

Both are frozen attrs classes validated at construction, so an invalid one cannot exist.
"""

from __future__ import annotations

import math
from typing import Literal, TypeAlias

import attrs

from powerbalance._validate import InstanceOf, as_number, check, number_hint, refuse, shown
from powerbalance.errors import InvalidKindError, InvalidNameError, InvalidParameterError
from powerbalance.model.value import ValueFunction

__all__ = ["KINDS", "Criterion", "Kind", "Option", "check_name"]

Kind: TypeAlias = Literal["benefit", "risk", "cost"]
"""The kind of a criterion: a benefit (higher is better), a risk or a cost (higher is worse).

A cost ranks exactly as a risk would; it is kept apart from the risks in reports so that
value can be shown against cost.

Examples
--------
>>> Criterion("Conflict risk", area="Security", kind="risk").kind
'risk'
"""
KINDS: tuple[Kind, ...] = ("benefit", "risk", "cost")
"""The three kinds of criterion. There are deliberately no aliases ("max", "min", ...).

Examples
--------
>>> KINDS
('benefit', 'risk', 'cost')
"""


def check_name(owner: str, name: object) -> None:
    """Refuse a name that is not text, or is blank; ``owner`` says whose name it is.

    Raises
    ------
    InvalidNameError
        ``name`` is not a string, or is empty or blank.

    Examples
    --------
    >>> check_name("Option", "Engage")
    >>> try:
    ...     check_name("Option", 42)
    ... except InvalidNameError as error:
    ...     print(error)
    Option: name must be a non-blank string; got 42. Write it as text: '42'.
    """
    if not isinstance(name, str):
        missing = name is None or (isinstance(name, float) and math.isnan(name))
        raise refuse(
            owner,
            "name",
            name,
            "a non-blank string",
            fix=(
                "A name is missing (an empty cell reads as None or NaN): give every option "
                "and criterion one."
                if missing
                else f"Write it as text: {str(name)!r}."
                if as_number(name) is not None
                else "Write it as text."
            ),
            error=InvalidNameError,
        )
    if not name.strip():
        raise refuse(
            owner,
            "name",
            name,
            "a non-blank string",
            fix="Every option and criterion needs a name to be known by in the results.",
            error=InvalidNameError,
        )


def _validate_option_name(instance: Option, attribute: attrs.Attribute[str], value: str) -> None:
    check_name("Option", value)


def _validate_criterion_name(
    instance: Criterion, attribute: attrs.Attribute[str], value: str
) -> None:
    check_name("Criterion", value)


def _validate_area(instance: Criterion, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise refuse(
            f"Criterion {instance.name!r}",
            "area",
            value,
            "a non-blank string such as 'Economic' or 'Security'",
            fix="Criteria are grouped by area in reports and weighting.",
            error=InvalidNameError,
        )


def _validate_kind(instance: Criterion, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and value in KINDS):
        raise InvalidKindError(
            f"Criterion {instance.name!r}: kind must be 'benefit' (higher is better), 'risk' "
            f"or 'cost' (higher is worse); got {shown(value)}. There are no aliases: write "
            "'risk' for a criterion where a higher score is worse, 'cost' for money or "
            "another resource spent."
        )


def _to_scale(value: object) -> tuple[float, float] | None:
    if value is None:
        return None
    try:
        low, high = value  # type: ignore[misc]
    except (TypeError, ValueError):
        # Left as given; the validator explains what was expected.
        return value  # type: ignore[return-value]
    ends = (as_number(low), as_number(high))  # type: ignore[has-type]
    if ends[0] is None or ends[1] is None:
        return value  # type: ignore[return-value]
    return (ends[0], ends[1])


def _validate_scale(
    instance: Criterion, attribute: attrs.Attribute[tuple[float, float] | None], value: object
) -> None:
    if value is None:
        return
    ok = (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(v, float) and math.isfinite(v) for v in value)
        and value[0] < value[1]
    )
    if not ok:
        ends = value if isinstance(value, tuple | list) else ()
        hints = [number_hint(end) for end in ends]
        raise refuse(
            f"Criterion {instance.name!r}",
            "scale",
            value,
            "a pair (low, high) of finite numbers with low < high",
            fix=" ".join([*dict.fromkeys(h for h in hints if h), "Such as (0, 10)."]),
        )


def _validate_text(
    instance: Option | Criterion, attribute: attrs.Attribute[str], value: object
) -> None:
    check(
        f"{type(instance).__name__} {instance.name!r}",
        attribute.name,
        value,
        InstanceOf(str, description="text"),
        fix='Leave it out, or give "" for none.',
    )


def _to_anchors(value: object) -> object:
    if isinstance(value, list):
        return tuple(value)
    return value


def _validate_anchors(
    instance: Criterion, attribute: attrs.Attribute[tuple[str, str] | None], value: object
) -> None:
    if value is None:
        return
    ok = (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(text, str) and text.strip() for text in value)
    )
    if not ok:
        raise InvalidParameterError(
            f"Criterion {instance.name!r}: anchors must be two non-empty texts, what the "
            f"low and the high end of the scale stand for, such as ('no change', "
            f"'tensions resolved'); got {shown(value)}."
        )
    if instance.scale is None:
        raise refuse(
            f"Criterion {instance.name!r}",
            "anchors",
            value,
            "None without a fixed scale, since anchors describe the ends of one",
            fix="Give scale=(low, high) as well, or leave the anchors out to score on a "
            "local scale (worst to best option in the set).",
        )


def _validate_value_function(
    instance: Criterion, attribute: attrs.Attribute[ValueFunction | None], value: object
) -> None:
    check(
        f"Criterion {instance.name!r}",
        "value_function",
        value,
        InstanceOf(
            ValueFunction,
            description="a value function such as powerbalance.model.value.Piecewise("
            "points=[...]) or Exponential(rho=...)",
        ),
        None,
    )


@attrs.frozen
class Option:
    """A policy option or strategic posture being assessed.

    Parameters
    ----------
    name : str
        Unique, non-empty name; the key by which results refer to the option.
    description : str, optional
        One or two sentences saying what the option is.

    Examples
    --------
    >>> Option("Targeted cooperation", description="Cooperate on agreed issues only.")
    Option(name='Targeted cooperation', description='Cooperate on agreed issues only.')
    """

    name: str = attrs.field(validator=_validate_option_name)
    description: str = attrs.field(default="", kw_only=True, validator=_validate_text)


@attrs.frozen
class Criterion:
    """A criterion the options are judged on: a benefit, a risk or a cost within an area.

    Parameters
    ----------
    name : str
        Unique, non-empty name.
    area : str
        The area the criterion belongs to, e.g. ``"Economic"`` or ``"Security"``.
    kind : {"benefit", "risk", "cost"}
        ``"benefit"`` if a higher score is better, ``"risk"`` if a higher score is worse.
        ``"cost"`` (money or another resource spent) ranks exactly as a risk, but is
        reported apart from the risks, so that value can be set against cost
        (:func:`powerbalance.evaluation.value_for_money`).
    description : str, optional
        What the criterion measures.
    unit : str, optional
        The unit the scores are given in.
    scale : tuple of float, optional
        ``(low, high)``: a *global* scale, fixed by the analyst, that the scores are
        given on (e.g. ``(0, 10)``, or the worst and best plausible outcomes). Scores
        outside it are rejected, and normalizations that depend on the range of a
        criterion (min-max, max) use it instead of the observed range. Without it
        the scale is *local*: it runs from the worst to the best option in the set,
        and moves when options are added or removed.
    anchors : tuple of str, optional
        ``(low text, high text)``: what the two ends of ``scale`` stand for, in words
        (for a risk or a cost the low end is the better one). They travel with the criterion
        into reports; swing weights refer to the swing between them.
    value_function : ValueFunction, optional
        How a score turns into a 0-100 preference value between the worst end of the
        scale (0) and the best (100); see :mod:`powerbalance.model.value`. Default: linear.
        Used by the ``"value"`` normalization and :meth:`Assessment.to_values`.

    Examples
    --------
    >>> risk = Criterion("Supply-chain dependency", area="Economic", kind="risk", scale=(0, 10))
    >>> risk.kind, risk.scale
    ('risk', (0.0, 10.0))
    >>> risk.is_risk
    True
    """

    name: str = attrs.field(validator=_validate_criterion_name)
    area: str = attrs.field(validator=_validate_area)
    kind: Kind = attrs.field(validator=_validate_kind)
    description: str = attrs.field(default="", kw_only=True, validator=_validate_text)
    unit: str = attrs.field(default="", kw_only=True, validator=_validate_text)
    scale: tuple[float, float] | None = attrs.field(
        default=None, kw_only=True, converter=_to_scale, validator=_validate_scale
    )
    anchors: tuple[str, str] | None = attrs.field(
        default=None, kw_only=True, converter=_to_anchors, validator=_validate_anchors
    )
    value_function: ValueFunction | None = attrs.field(
        default=None, kw_only=True, validator=_validate_value_function
    )

    @property
    def scale_kind(self) -> Literal["local", "global"]:
        """``"global"`` with a fixed ``scale``, ``"local"`` (worst to best option) without.

        Examples
        --------
        >>> Criterion("Trade", area="Economic", kind="benefit", scale=(0, 10)).scale_kind
        'global'
        """
        return "local" if self.scale is None else "global"

    @property
    def worst_and_best(self) -> tuple[tuple[float, str], tuple[float, str]] | None:
        """The worst and the best end of a global scale, each with its anchor text.

        For a benefit the worst end is the low one; for a risk or a cost the high one. None on
        a local scale.

        Examples
        --------
        >>> Criterion(
        ...     "Escalation", area="Security", kind="risk", scale=(0, 10),
        ...     anchors=("no incidents", "armed clashes"),
        ... ).worst_and_best
        ((10.0, 'armed clashes'), (0.0, 'no incidents'))
        """
        if self.scale is None:
            return None
        low_text, high_text = self.anchors or ("", "")
        low, high = (self.scale[0], low_text), (self.scale[1], high_text)
        return (high, low) if self.lower_is_better else (low, high)

    @property
    def is_risk(self) -> bool:
        """Whether this criterion is a risk (a cost is not).

        Examples
        --------
        >>> Criterion("Emissions cut", area="Environment", kind="benefit").is_risk
        False
        """
        return self.kind == "risk"

    @property
    def is_cost(self) -> bool:
        """Whether this criterion is a cost.

        Examples
        --------
        >>> Criterion("Budget", area="Economic", kind="cost", unit="£m").is_cost
        True
        """
        return self.kind == "cost"

    @property
    def lower_is_better(self) -> bool:
        """Whether a lower score is better: on a risk and on a cost.

        Examples
        --------
        >>> Criterion("Budget", area="Economic", kind="cost").lower_is_better
        True
        """
        return self.kind != "benefit"
