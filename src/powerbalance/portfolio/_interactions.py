"""How options interact in a package: synergies that add or remove value, exclusions."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from powerbalance._validate import Interval, check, quoted_list, refuse, shown

__all__ = ["Exclusive", "Synergy", "option_group"]


def option_group(owner: str, value: object, parameter: str = "options") -> tuple[str, ...]:
    """``value`` as a tuple of at least two distinct option names, or a refusal.

    Examples
    --------
    >>> option_group("Synergy", ["A", "B"])
    ('A', 'B')
    """
    if isinstance(value, str) or not isinstance(value, Iterable):
        hint = (
            f"Name at least two options, such as ({value!r}, 'Other')."
            if isinstance(value, str)
            else "Such as ('Intelligence sharing', 'Economic safeguards')."
        )
        raise refuse(owner, parameter, value, "a tuple of at least two option names", fix=hint)
    names = tuple(value)
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise refuse(
                owner,
                parameter,
                value,
                "a tuple of option names (non-blank strings)",
                fix=f"{shown(name)} is not an option name.",
            )
    if len(names) < 2:
        raise refuse(
            owner,
            parameter,
            value,
            "a tuple of at least two option names",
            fix="An interaction joins two or more options; give an option's own value in "
            "the assessment instead.",
        )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise refuse(
            owner,
            parameter,
            value,
            "distinct option names",
            fix=f"It repeats {quoted_list(repeated)}; name each option once.",
        )
    return names


def _synergy_options(value: object) -> tuple[str, ...]:
    return option_group("portfolio.Synergy", value)


def _exclusive_options(value: object) -> tuple[str, ...]:
    return option_group("portfolio.Exclusive", value)


def _synergy_value(value: object) -> float:
    check(
        "portfolio.Synergy",
        "value",
        value,
        Interval(),
        fix="Positive when the options do more together than apart, negative when less; "
        "in the units of the options' values (the method's scores).",
    )
    return float(value)  # type: ignore[arg-type]


@attrs.frozen
class Synergy:
    """Value added to a package (or taken away, when negative) when all its options are in.

    The value is in the units of the options' values, the method's scores on the
    criteria that are not costs (0 to 1 for the weighted sum): a synergy of 0.05
    between two options worth 0.4 each makes the pair worth 0.85.

    Parameters
    ----------
    options : tuple of str
        Two or more distinct options.
    value : float
        Added when every one of them is in the package; negative for options that
        undercut each other.

    Raises
    ------
    InvalidParameterError
        Fewer than two options, a name repeated, or a value that is not a finite number.

    Examples
    --------
    >>> import powerbalance as pb
    >>> pb.portfolio.Synergy(("Intelligence sharing", "Economic safeguards"), 0.05)
    Synergy(options=('Intelligence sharing', 'Economic safeguards'), value=0.05)
    """

    options: tuple[str, ...] = attrs.field(converter=_synergy_options)
    value: float = attrs.field(converter=_synergy_value)


@attrs.frozen
class Exclusive:
    """Options of which a package may hold at most one (alternatives to one another).

    :class:`~powerbalance.portfolio.Problem` also takes a plain tuple of names for an
    exclusion.

    Parameters
    ----------
    options : tuple of str
        Two or more distinct options.

    Raises
    ------
    InvalidParameterError
        Fewer than two options, or a name repeated.

    Examples
    --------
    >>> import powerbalance as pb
    >>> pb.portfolio.Exclusive(("Broad partnership", "Confrontation")).options
    ('Broad partnership', 'Confrontation')
    """

    options: tuple[str, ...] = attrs.field(converter=_exclusive_options)
