"""The screening rules: minimum standards, red lines and must-haves, each on a criterion or an area.

A rule names exactly one criterion or one area (an area rule applies to every
criterion of the area) and says, for one score, whether the option fails it and
against which limit. Whether the names exist in an assessment is checked by
:func:`~powerbalance.screening.screen`, which knows the assessment.
"""

from __future__ import annotations

from typing import TypeAlias

import attrs

from powerbalance._validate import Interval, OneOf, check, refuse, to_float
from powerbalance.model import Criterion

__all__ = ["MustHave", "Rule", "Threshold", "Veto", "limit_text"]

_SCENARIOS = OneOf("central", "every", "any")


def limit_text(value: float) -> str:
    """A raw score or limit as a message writes it: no trailing zeros.

    Examples
    --------
    >>> limit_text(6.0), limit_text(2.5), limit_text(1234.0)
    ('6', '2.5', '1234')
    """
    return f"{value:.6g}"


def _check_name(owner: str, parameter: str, value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise refuse(
            owner,
            parameter,
            value,
            "a name (non-blank text) or None",
            fix="Such as 'Alliances strained'.",
        )


def _check_common(owner: str, rule: Threshold | Veto | MustHave) -> None:
    """Exactly one of criterion / area, a known scenarios word, a reason in words."""
    _check_name(owner, "criterion", rule.criterion)
    _check_name(owner, "area", rule.area)
    if (rule.criterion is None) == (rule.area is None):
        given = {"criterion": rule.criterion, "area": rule.area}
        raise refuse(
            owner,
            "criterion or area",
            given,
            "exactly one of criterion= and area=",
            fix="Name one criterion, such as criterion='Alliances strained', or one area, "
            "such as area='Diplomacy', to apply the rule to each of its criteria.",
        )
    check(
        owner,
        "scenarios",
        rule.scenarios,
        _SCENARIOS,
        fix="'central' checks the assessment's own scores, 'every' that the rule holds in "
        "every scenario, 'any' that it holds in at least one.",
    )
    if rule.reason is not None and (not isinstance(rule.reason, str) or not rule.reason.strip()):
        raise refuse(
            owner,
            "reason",
            rule.reason,
            "text or None",
            fix="The analyst's own words, shown with each exclusion: "
            "reason='the alliance red line'.",
        )


def _target(rule: Threshold | Veto | MustHave) -> str:
    if rule.criterion is not None:
        return repr(rule.criterion)
    return f"every criterion of area {rule.area!r}"


def _where(rule: Threshold | Veto | MustHave) -> str:
    return {"central": "", "every": " in every scenario", "any": " in at least one scenario"}[
        rule.scenarios
    ]


def _because(rule: Threshold | Veto | MustHave) -> str:
    return f" ({rule.reason})" if rule.reason else ""


@attrs.frozen
class Threshold:
    """A minimum standard: a raw score no lower than ``at_least``, no higher than ``at_most``.

    The bounds are on the raw scores, whatever the criterion's direction, so a
    threshold can bound a benefit from below, a risk or a cost from above, or either
    from both sides.

    Parameters
    ----------
    criterion : str, optional
        The criterion the standard applies to.
    area : str, optional
        An area instead: the standard applies to each of its criteria.
    at_least, at_most : float, optional
        The bounds; at least one of them. The rule fails when the score is below
        ``at_least`` or above ``at_most``.
    scenarios : {"central", "every", "any"}, default "central"
        Which scores: the assessment's own ("central"); every scenario's (it fails if
        it fails in any); or any scenario's (it fails only if it fails in all).
    reason : str, optional
        The analyst's own words, shown with each exclusion.

    Raises
    ------
    InvalidParameterError
        Neither or both of criterion and area; neither bound, a bound that is not a
        finite number, or ``at_least`` above ``at_most``; an unknown ``scenarios``.

    Examples
    --------
    >>> rule = Threshold("Trust and dialogue", at_least=4)
    >>> rule.in_words()
    "'Trust and dialogue' at least 4"
    >>> Threshold(area="Economic", at_least=2, at_most=9, scenarios="every").in_words()
    "every criterion of area 'Economic' from 2 to 9 in every scenario"
    """

    criterion: str | None = None
    area: str | None = attrs.field(default=None, kw_only=True)
    at_least: float | None = attrs.field(default=None, kw_only=True, converter=to_float)
    at_most: float | None = attrs.field(default=None, kw_only=True, converter=to_float)
    scenarios: str = attrs.field(default="central", kw_only=True)
    reason: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        owner = "screening.Threshold"
        _check_common(owner, self)
        for parameter in ("at_least", "at_most"):
            check(owner, parameter, getattr(self, parameter), Interval(), None)
        if self.at_least is None and self.at_most is None:
            raise refuse(
                owner,
                "at_least or at_most",
                None,
                "a bound",
                fix="Give at_least= (the lowest acceptable score), at_most= (the highest), "
                "or both.",
            )
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise refuse(
                owner,
                "at_least",
                self.at_least,
                f"at most at_most ({limit_text(self.at_most)})",
                fix="No score could meet both bounds; swap them if they were given the "
                "wrong way round.",
            )

    def in_words(self) -> str:
        """The rule in words, as the rendered screening lists it."""
        if self.at_least is not None and self.at_most is not None:
            bounds = f"from {limit_text(self.at_least)} to {limit_text(self.at_most)}"
        elif self.at_least is not None:
            bounds = f"at least {limit_text(self.at_least)}"
        else:
            bounds = f"at most {limit_text(self.at_most)}"  # type: ignore[arg-type]
        return f"{_target(self)} {bounds}{_where(self)}{_because(self)}"

    def breach(self, criterion: Criterion, score: float) -> float | None:
        """The bound ``score`` breaks on ``criterion``, or None if it meets the standard.

        Examples
        --------
        >>> from powerbalance import Criterion
        >>> c = Criterion("Risk", area="Security", kind="risk")
        >>> Threshold("Risk", at_most=6).breach(c, 8.0), Threshold("Risk", at_most=6).breach(c, 6.0)
        (6.0, None)
        """
        if self.at_least is not None and score < self.at_least:
            return self.at_least
        if self.at_most is not None and score > self.at_most:
            return self.at_most
        return None

    def failing_words(self, score: float, limit: float) -> str:
        """What failing means, as in "... falls below the minimum on"."""
        return "falls below the minimum on" if score < limit else "exceeds the maximum on"


@attrs.frozen
class Veto:
    """A red line: the option must be no worse than ``limit``, in the criterion's direction.

    It fails when the score is worse than the limit: above it on a risk or a cost,
    below it on a benefit. An option that crosses a red line is excluded whatever its
    other merits, which no weighted sum can express.

    Parameters
    ----------
    criterion : str, optional
        The criterion the red line is drawn on.
    area : str, optional
        An area instead: the red line applies to each of its criteria.
    limit : float
        The worst acceptable score.
    scenarios : {"central", "every", "any"}, default "central"
        As for :class:`Threshold`.
    reason : str, optional
        The analyst's own words, shown with each exclusion.

    Raises
    ------
    InvalidParameterError
        Neither or both of criterion and area; a limit that is not a finite number;
        an unknown ``scenarios``.

    Examples
    --------
    >>> Veto("Alliances strained", limit=6, reason="the alliance red line").in_words()
    "red line on 'Alliances strained' at 6 (the alliance red line)"
    """

    criterion: str | None = None
    area: str | None = attrs.field(default=None, kw_only=True)
    limit: float = attrs.field(kw_only=True, converter=to_float)
    scenarios: str = attrs.field(default="central", kw_only=True)
    reason: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        owner = "screening.Veto"
        _check_common(owner, self)
        check(
            owner,
            "limit",
            self.limit,
            Interval(),
            fix="The worst acceptable score: the highest on a risk or a cost, the lowest "
            "on a benefit.",
        )

    def in_words(self) -> str:
        """The rule in words, as the rendered screening lists it."""
        limit = limit_text(self.limit)
        return f"red line on {_target(self)} at {limit}{_where(self)}{_because(self)}"

    def breach(self, criterion: Criterion, score: float) -> float | None:
        """The limit if ``score`` is worse than it on ``criterion``, else None.

        Examples
        --------
        >>> from powerbalance import Criterion
        >>> gain = Criterion("Gain", area="Economic", kind="benefit")
        >>> Veto("Gain", limit=3).breach(gain, 2.0), Veto("Gain", limit=3).breach(gain, 3.0)
        (3.0, None)
        """
        worse = score > self.limit if criterion.lower_is_better else score < self.limit
        return self.limit if worse else None

    def failing_words(self, score: float, limit: float) -> str:
        """What failing means: "crosses the red line on"."""
        return "crosses the red line on"


@attrs.frozen
class MustHave:
    """A must-have: the option must score better than the worst end of the criterion's scale.

    For a yes/no criterion, or one scored from 0, the option must have the quality at
    all. The criterion needs a fixed scale (``Criterion(..., scale=(low, high))``):
    the worst end is its low end on a benefit, its high end on a risk or a cost.

    Parameters
    ----------
    criterion : str, optional
        The criterion the option must have.
    area : str, optional
        An area instead: the option must have each of its criteria.
    scenarios : {"central", "every", "any"}, default "central"
        As for :class:`Threshold`.
    reason : str, optional
        The analyst's own words, shown with each exclusion.

    Raises
    ------
    InvalidParameterError
        Neither or both of criterion and area; an unknown ``scenarios``.

    Examples
    --------
    >>> MustHave("Joint emissions reduction").in_words()
    "must have 'Joint emissions reduction' (better than the worst end of its scale)"
    """

    criterion: str | None = None
    area: str | None = attrs.field(default=None, kw_only=True)
    scenarios: str = attrs.field(default="central", kw_only=True)
    reason: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _check_common("screening.MustHave", self)

    def in_words(self) -> str:
        """The rule in words, as the rendered screening lists it."""
        return (
            f"must have {_target(self)} (better than the worst end of its scale)"
            f"{_where(self)}{_because(self)}"
        )

    def breach(self, criterion: Criterion, score: float) -> float | None:
        """The worst end of the scale if ``score`` is there (or beyond), else None.

        Examples
        --------
        >>> from powerbalance import Criterion
        >>> c = Criterion("Joint", area="Environment", kind="benefit", scale=(0, 10))
        >>> MustHave("Joint").breach(c, 0.0), MustHave("Joint").breach(c, 0.5)
        (0.0, None)
        """
        if criterion.scale is None:
            raise refuse(
                "screening.MustHave",
                "criterion",
                criterion.name,
                "a criterion with a fixed scale",
                fix="Give the criterion scale=(low, high), or use "
                "Threshold(..., at_least=...) to say how much it must have.",
            )
        low, high = criterion.scale
        if criterion.lower_is_better:
            return high if score >= high else None
        return low if score <= low else None

    def failing_words(self, score: float, limit: float) -> str:
        """What failing means: "does not have"."""
        return "does not have"


Rule: TypeAlias = Threshold | Veto | MustHave
"""Any screening rule."""

RULE_TYPES: tuple[type, ...] = (Threshold, Veto, MustHave)
