r"""A linear statement about the weights: one sum of weights at least another.

Rankings and bounds say how one weight compares with another, or with a number. Some
judgements compare sums: "the condition of the deck matters at least as much as its
carrying capacity and width together", :math:`w_1 \ge w_3 + w_4`. A
:class:`WeightConstraint` holds one such statement, with coefficients and a margin,
and :class:`~powerbalance.sensitivity.ConstrainedWeights` takes any number of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._frozen import FrozenMap
from powerbalance._validate import (
    Interval,
    check,
    did_you_mean,
    quoted_list,
    refuse,
    shown,
    to_float,
)
from powerbalance.errors import UnknownNameError

__all__ = ["Side", "WeightConstraint", "constraint_rows", "to_constraints"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

#: One side of a constraint as given: a criterion, several, or criteria with coefficients.
Side: TypeAlias = str | Sequence[str] | Mapping[str, float]

_OWNER = "WeightConstraint"
_SIDE = "a criterion name, a list of names or a mapping of names to coefficients"
_SIDE_FIX = "Give it as 'Security', ['Security', 'Trade'] or {'Security': 2}."


def _side(value: object, parameter: str) -> FrozenMap[str, float]:
    """One side as {criterion: coefficient}, every coefficient positive and finite."""
    if isinstance(value, str):
        items = [(value, 1.0)]
    elif isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, bytes):
        items = [(name, 1.0) for name in value]
    else:
        raise refuse(_OWNER, parameter, value, _SIDE, fix=_SIDE_FIX)
    terms: dict[str, float] = {}
    for name, coefficient in items:
        if not isinstance(name, str) or not name.strip():
            raise refuse(
                _OWNER,
                parameter,
                value,
                "criterion names that are non-blank text",
                fix=f"{shown(name)} is not one; name each criterion as the assessment does.",
            )
        if name in terms:
            raise refuse(
                _OWNER,
                parameter,
                value,
                "a list naming each criterion once",
                fix=f"{name!r} appears twice; give {{{name!r}: 2}} to count its weight twice.",
            )
        check(
            _OWNER,
            f"the coefficient of {name!r} in {parameter}",
            coefficient,
            Interval(0, None, closed="neither"),
            fix="A coefficient multiplies the criterion's weight: 2 means twice its weight.",
        )
        terms[name] = float(coefficient)
    return FrozenMap(terms)


def _heavier(value: Side) -> FrozenMap[str, float]:
    terms = _side(value, "heavier")
    if not terms:
        raise refuse(
            _OWNER,
            "heavier",
            value,
            "at least one criterion",
            fix="Name the criteria whose weights are at least the others'.",
        )
    return terms


def _lighter(value: Side) -> FrozenMap[str, float]:
    return _side(value, "lighter")


def _check_margin(instance: object, attribute: object, value: float) -> None:
    check(
        _OWNER,
        "margin",
        value,
        Interval(-1, 1),
        fix="The margin is in units of weight (the weights sum to 1), such as 0.1.",
    )


def _term(name: str, coefficient: float) -> str:
    return name if coefficient == 1 else f"{coefficient:g} x {name}"


def _given(terms: Mapping[str, float]) -> object:
    """A side as it is most simply written: a name, a list of names or a mapping."""
    if any(coefficient != 1 for coefficient in terms.values()):
        return {name: float(coefficient) for name, coefficient in terms.items()}
    names = list(terms)
    return names[0] if len(names) == 1 else names


@attrs.frozen
class WeightConstraint:
    r"""The summed weight of some criteria is at least that of others, plus a margin.

    .. math::

        \sum_{j \in H} a_j w_j \;\ge\; \sum_{j \in L} b_j w_j + \text{margin}

    with *H* the ``heavier`` criteria and *L* the ``lighter`` ones (coefficients 1
    unless given). Rankings and bounds are special cases; this states what they
    cannot, such as "the first criterion weighs at least as much as the third and
    fourth together" (:math:`w_1 \ge w_3 + w_4`). With no lighter criteria it bounds a
    sum from below: ``WeightConstraint(["A", "B"], (), margin=0.3)`` is
    :math:`w_A + w_B \ge 0.3`. Give them to
    :class:`~powerbalance.sensitivity.ConstrainedWeights`.

    Parameters
    ----------
    heavier : str, sequence of str, or mapping of str to float
        A criterion, several (their weights summed) or ``{criterion: coefficient}``
        with positive coefficients (``{"A": 2}`` is twice A's weight).
    lighter : str, sequence of str, or mapping of str to float
        The same, on the other side; may be empty. No criterion may be on both sides.
    margin : float, default 0.0
        Added to the lighter side, in units of weight (the weights sum to 1), from -1
        to 1.

    Raises
    ------
    InvalidParameterError
        A side is not a name, a list of names or a mapping to positive finite
        coefficients; a name is blank or repeated; ``heavier`` is empty; a criterion
        is on both sides; the margin is outside -1 to 1.

    Examples
    --------
    >>> c = WeightConstraint("DPS", ["Carry", "Width"])
    >>> print(c)
    DPS >= Carry + Width
    >>> print(WeightConstraint({"A": 2}, "B", margin=0.1))
    2 x A >= B + 0.1
    >>> print(WeightConstraint(["A", "B"], (), margin=0.3))
    A + B >= 0.3
    >>> len({c, WeightConstraint("DPS", ["Width", "Carry"])})  # the same statement
    1
    >>> coefficients, limit = c.as_row(["DPS", "Traffic", "Carry", "Width"])
    >>> coefficients.tolist(), limit
    ([-1.0, 0.0, 1.0, 1.0], -0.0)
    """

    heavier: Mapping[str, float] = attrs.field(converter=_heavier)
    lighter: Mapping[str, float] = attrs.field(converter=_lighter)
    margin: float = attrs.field(
        default=0.0, converter=to_float, validator=_check_margin, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        both = [name for name in self.lighter if name in self.heavier]
        if both:
            raise refuse(
                _OWNER,
                "lighter",
                _given(self.lighter),
                "criteria not also in heavier",
                fix=(
                    f"{quoted_list(both)} is on both sides; keep each criterion on one "
                    "side, with the difference of its coefficients (2 x A >= A + B is "
                    "A >= B)."
                ),
            )

    def __repr__(self) -> str:
        margin = f", margin={self.margin:g}" if self.margin else ""
        lighter = _given(self.lighter) if self.lighter else ()
        return f"WeightConstraint({_given(self.heavier)!r}, {lighter!r}{margin})"

    def __str__(self) -> str:
        return self.in_words()

    def __hash__(self) -> int:
        # Equal constraints (the same terms in any order) hash alike, so sets dedupe them.
        return hash((frozenset(self.heavier.items()), frozenset(self.lighter.items()), self.margin))

    @property
    def criteria(self) -> tuple[str, ...]:
        """The criteria the constraint names, heavier first.

        Examples
        --------
        >>> WeightConstraint("A", ["B", "C"]).criteria
        ('A', 'B', 'C')
        """
        return (*self.heavier, *self.lighter)

    def in_words(self) -> str:
        """The constraint as an inequality: "DPS >= Carry + Width + 0.1".

        Examples
        --------
        >>> WeightConstraint("A", "B", margin=-0.05).in_words()
        'A >= B - 0.05'
        """
        heavier = " + ".join(_term(name, c) for name, c in self.heavier.items())
        lighter = " + ".join(_term(name, c) for name, c in self.lighter.items())
        if not lighter:
            return f"{heavier} >= {self.margin:g}"
        if self.margin:
            sign = "+" if self.margin > 0 else "-"
            lighter += f" {sign} {abs(self.margin):g}"
        return f"{heavier} >= {lighter}"

    def as_row(self, criteria: Sequence[str], *, owner: str = _OWNER) -> tuple[FloatArray, float]:
        """The constraint as ``coefficients @ w <= limit`` over ``criteria`` in their order.

        Parameters
        ----------
        criteria : sequence of str
            The assessment's criterion names; ``w`` is a weight vector in that order.
        owner : str, optional
            Who refuses an unknown criterion, as the message opens.

        Returns
        -------
        (numpy.ndarray, float)
            The coefficients (lighter minus heavier) and the limit (minus the margin).

        Raises
        ------
        UnknownNameError
            The constraint names a criterion not in ``criteria`` (with a did-you-mean).

        Examples
        --------
        >>> row, limit = WeightConstraint({"B": 2}, "A", margin=0.1).as_row(["A", "B"])
        >>> row.tolist(), limit
        ([1.0, -2.0], -0.1)
        """
        names = list(criteria)
        coefficients = np.zeros(len(names))
        for terms, sign in ((self.heavier, -1.0), (self.lighter, 1.0)):
            for name, coefficient in terms.items():
                if name not in names:
                    raise refuse(
                        owner,
                        f"a criterion named in the constraint {self}",
                        name,
                        "a criterion of the assessment",
                        fix=did_you_mean(name, names).strip()
                        or f"The criteria are {quoted_list(names)}.",
                        error=UnknownNameError,
                    )
                coefficients[names.index(name)] += sign * coefficient
        return coefficients, -float(self.margin)


def to_constraints(value: object, owner: str) -> tuple[WeightConstraint, ...]:
    """``value`` as a tuple of constraints: None or a sequence of :class:`WeightConstraint`.

    Examples
    --------
    >>> to_constraints([WeightConstraint("A", "B")], "ConstrainedWeights")
    (WeightConstraint('A', 'B'),)
    >>> to_constraints(None, "ConstrainedWeights")
    ()
    """
    if value is None:
        return ()
    if isinstance(value, WeightConstraint):
        raise refuse(
            owner,
            "constraints",
            value,
            "a list of WeightConstraint",
            fix=f"Wrap it in a list: constraints=[{value!r}].",
        )
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise refuse(
            owner,
            "constraints",
            value,
            "a list of WeightConstraint",
            fix="Give them as [WeightConstraint('A', ['B', 'C'])].",
        )
    given = tuple(value)
    for item in given:
        if not isinstance(item, WeightConstraint):
            raise refuse(
                owner,
                "constraints",
                value,
                "a list of WeightConstraint",
                fix=f"{shown(item)} is not one; state it as WeightConstraint(heavier, lighter).",
            )
    return given


def constraint_rows(
    constraints: Sequence[WeightConstraint], criteria: Sequence[str], owner: str
) -> tuple[FloatArray, FloatArray]:
    """The constraints as ``a @ w <= b``: ``a`` of shape (k, m) and ``b`` of shape (k,).

    Examples
    --------
    >>> a, b = constraint_rows([WeightConstraint("A", "B")], ["A", "B"], "x")
    >>> a.tolist(), b.tolist()
    ([[-1.0, 1.0]], [-0.0])
    """
    pairs = [constraint.as_row(criteria, owner=owner) for constraint in constraints]
    a = np.array([row for row, _ in pairs], dtype=np.float64).reshape(len(pairs), len(criteria))
    b = np.array([limit for _, limit in pairs], dtype=np.float64)
    return a, b
