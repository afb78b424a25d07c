"""Shared parameter constraints and the one message form of a refused parameter.

A public function or constructor declares what each parameter accepts with the
constraints below and calls :func:`check`; a value none of them accepts raises
:class:`~powerbalance.errors.InvalidParameterError` with one message form::

    {Owner}: {parameter} must be {expected}; got {value!r}. {how to fix}

so that every refusal says who refused, what was expected, what arrived and what to
do, in the same words wherever it happens (scikit-learn's ``_param_validation`` does
the same for its estimators). ``None`` among the constraints accepts None.

The text helpers :func:`did_you_mean` and :func:`quoted_list` live here too: the
messages of the whole package use them.

Examples
--------
>>> from powerbalance.errors import InvalidParameterError, PowerbalanceError
>>> check("sweep", "points", 11, Integer(low=2))
11
>>> try:
...     check("smaa", "backend", "dsak", OneOf("numpy", "dask"))
... except InvalidParameterError as error:
...     print(error)
smaa: backend must be 'numpy' or 'dask'; got 'dsak'. Did you mean 'dask'?
"""

from __future__ import annotations

import difflib
import math
import numbers
import os
from collections.abc import Iterable
from typing import Literal, Protocol, TypeVar

import attrs
import numpy as np

from powerbalance.errors import InvalidParameterError, PowerbalanceError

__all__ = [
    "Boolean",
    "Constraint",
    "Function",
    "HasMethods",
    "InstanceOf",
    "Integer",
    "Interval",
    "Names",
    "OneOf",
    "as_number",
    "check",
    "check_fits",
    "did_you_mean",
    "is_number",
    "number_hint",
    "physical_memory",
    "quoted_list",
    "refuse",
    "shown",
    "to_float",
]

T = TypeVar("T")

#: Longest repr quoted in a message; a longer value, or one on several lines (a
#: DataFrame), is named by its type.
_LONGEST_REPR = 80


# -- text helpers ---------------------------------------------------------------------


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """Return a " Did you mean 'x'?" hint for a mistyped name, or an empty string.

    Examples
    --------
    >>> did_you_mean("topsys", ["topsis", "weighted-sum"])
    " Did you mean 'topsis'?"
    >>> did_you_mean("security", ["Security"])
    " Did you mean 'Security'?"
    >>> did_you_mean("zzz", ["topsis"])
    ''
    """
    if not isinstance(name, str):  # a number or None passed for a name: nothing to suggest
        return ""
    candidates = list(known)
    by_case = [k for k in candidates if k.casefold() == name.casefold()]
    matches = by_case or difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f" Did you mean {matches[0]!r}?" if matches else ""


def quoted_list(names: Iterable[str], limit: int = 12) -> str:
    """Format names as a readable, quoted, comma-separated list.

    Examples
    --------
    >>> quoted_list(["a", "b"])
    "'a', 'b'"
    >>> quoted_list([str(i) for i in range(5)], limit=2)
    "'0', '1' and 3 more"
    """
    names = list(names)
    shown = ", ".join(repr(name) for name in names[:limit])
    if len(names) > limit:
        shown += f" and {len(names) - limit} more"
    return shown


def _either(parts: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} or {parts[-1]}"


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def shown(value: object) -> str:
    """The value as a message quotes it: its repr, or its type when that is too long.

    An integer too long to quote is given by its number of digits (Python refuses to
    write out one of more than 4,300 digits, and none that long is meant).

    Examples
    --------
    >>> shown("high"), shown(dict), shown(10**400)
    ("'high'", 'the class dict', 'an integer of 401 digits')
    """
    if isinstance(value, type):
        return f"the class {value.__name__}"
    if _is_whole(value) and abs(int(value)).bit_length() > 256:  # type: ignore[call-overload]
        magnitude = abs(int(value))  # type: ignore[call-overload]
        if magnitude.bit_length() < 14_000:
            return f"an integer of {len(str(magnitude)):,} digits"
        return f"an integer of about {int(magnitude.bit_length() * math.log10(2)):,} digits"
    try:
        text = repr(value)
    except Exception:  # a repr that fails must not hide the refusal being reported
        return _article(type(value).__name__)
    if len(text) > _LONGEST_REPR or "\n" in text:
        return _article(type(value).__name__)
    return text


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


# -- constraints ----------------------------------------------------------------------


class Constraint(Protocol):
    """What a constraint does: accept a value or not, and say what it accepts.

    Examples
    --------
    >>> constraint: Constraint = Boolean()
    >>> constraint.accepts(False), constraint.describe()
    (True, 'True or False')
    """

    def accepts(self, value: object) -> bool:
        """Whether ``value`` satisfies the constraint."""
        ...

    def describe(self) -> str:
        """What the constraint accepts, as the end of "... must be ___"."""
        ...

    def hint(self, value: object) -> str:
        """A sentence on why ``value`` fails and how to mend it, or an empty string."""
        ...


def _is_real(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _is_whole(value: object) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def as_number(value: object) -> float | None:
    """``value`` as a float if it is a real number a float can hold; otherwise None.

    The one rule for what counts as a number wherever the package takes one: an int,
    a float, a numpy number or any other real number. Not True or False (which would
    pass for 1 and 0), not text (even "7"), not a complex number (whose imaginary
    part would be lost) and not an integer too large for a float (beyond about
    1.8e308). NaN and the infinities are numbers here; whether they are accepted is
    for the caller to say.

    Examples
    --------
    >>> as_number(7), as_number(2.5), as_number(np.int64(3))
    (7.0, 2.5, 3.0)
    >>> as_number(True), as_number("7"), as_number(1 + 2j), as_number(10**400)
    (None, None, None, None)
    """
    if not _is_real(value):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (OverflowError, TypeError, ValueError):
        return None


def to_float(value: object) -> object:
    """An attrs converter: a number (by :func:`as_number`) becomes a float.

    Anything else is returned as given, for the field's validator to refuse in the one
    form.

    Examples
    --------
    >>> to_float(3), to_float("3"), to_float(True)
    (3.0, '3', True)
    """
    number = as_number(value)
    return value if number is None else number


def is_number(value: object) -> bool:
    """Whether ``value`` is a number by the rule of :func:`as_number`.

    Examples
    --------
    >>> is_number(0.5), is_number(False), is_number("0.5")
    (True, False, False)
    """
    return as_number(value) is not None


def number_hint(value: object) -> str:
    """Why ``value``, wanted as a number, is not one, as a sentence; or an empty string.

    Examples
    --------
    >>> number_hint("7")
    'Write it as a number, not text: 7.'
    >>> number_hint(True)
    'True and False are not numbers here.'
    >>> number_hint(10**400)
    'It is too large for a floating-point number (at most about 1.8e308).'
    >>> number_hint(3 + 0j)
    'A complex number is not a real one: give its real part, 3.0, if that is meant.'
    """
    if isinstance(value, bool | np.bool_):
        return "True and False are not numbers here."
    if _is_real(value) and as_number(value) is None:
        return "It is too large for a floating-point number (at most about 1.8e308)."
    if isinstance(value, complex | np.complexfloating):
        return (
            f"A complex number is not a real one: give its real part, {value.real!r}, "
            "if that is meant."
        )
    if isinstance(value, str | np.str_):
        try:
            spelled = float(value)
        except (ValueError, OverflowError):
            return ""
        if math.isfinite(spelled):
            text = value.strip()
            return f"Write it as a number, not text: {text}."
    return ""


@attrs.frozen
class Interval:
    """A finite real number within bounds; never a bool or NaN.

    Parameters
    ----------
    low, high : float, optional
        The bounds; None leaves that side open.
    closed : {"both", "left", "right", "neither"}, default "both"
        Which bounds belong to the interval.

    Examples
    --------
    >>> Interval(0, 1).accepts(0.5), Interval(0, 1).accepts(True)
    (True, False)
    >>> Interval(0, 1).describe()
    'a number from 0 to 1'
    >>> Interval(0, None, closed="neither").describe()
    'a number greater than 0'
    >>> Interval().accepts(float("nan"))
    False
    """

    low: float | None = None
    high: float | None = None
    closed: Literal["both", "left", "right", "neither"] = "both"

    def accepts(self, value: object) -> bool:
        """Whether ``value`` is a finite number within the bounds."""
        number = as_number(value)
        if number is None or not math.isfinite(number):
            return False
        low_in = self.closed in ("both", "left")
        high_in = self.closed in ("both", "right")
        if self.low is not None and (number < self.low or (number == self.low and not low_in)):
            return False
        return self.high is None or number < self.high or (number == self.high and high_in)

    def describe(self) -> str:
        """The interval in words."""
        low_in = self.closed in ("both", "left")
        high_in = self.closed in ("both", "right")
        if self.low is not None and self.high is not None:
            if low_in and high_in:
                return f"a number from {_number(self.low)} to {_number(self.high)}"
            low = f"at least {_number(self.low)}" if low_in else f"greater than {_number(self.low)}"
            high = f"at most {_number(self.high)}" if high_in else f"less than {_number(self.high)}"
            return f"a number {low} and {high}"
        if self.low is not None:
            return (
                f"a number of at least {_number(self.low)}"
                if low_in
                else f"a number greater than {_number(self.low)}"
            )
        if self.high is not None:
            return (
                f"a number of at most {_number(self.high)}"
                if high_in
                else f"a number less than {_number(self.high)}"
            )
        return "a finite number"

    def hint(self, value: object) -> str:
        """Why a value fails when the reason is not plain from the description."""
        return number_hint(value)


@attrs.frozen
class Integer:
    """A whole number (``int`` or a numpy integer, not a bool) within bounds.

    Examples
    --------
    >>> Integer(low=2).accepts(101), Integer(low=2).accepts(1), Integer(low=2).accepts(2.0)
    (True, False, False)
    >>> Integer(low=1).describe()
    'a whole number of at least 1'
    >>> Integer(low=0, high=10).describe()
    'a whole number from 0 to 10'
    """

    low: int | None = None
    high: int | None = None

    def accepts(self, value: object) -> bool:
        """Whether ``value`` is a whole number within the bounds."""
        if not _is_whole(value):
            return False
        number = int(value)  # type: ignore[call-overload]
        return (self.low is None or number >= self.low) and (
            self.high is None or number <= self.high
        )

    def describe(self) -> str:
        """The range in words."""
        if self.low is not None and self.high is not None:
            return f"a whole number from {_number(self.low)} to {_number(self.high)}"
        if self.low is not None:
            return f"a whole number of at least {_number(self.low)}"
        if self.high is not None:
            return f"a whole number of at most {_number(self.high)}"
        return "a whole number"

    def hint(self, value: object) -> str:
        """Point out a float that is whole, or a bool."""
        number = as_number(value)
        if not _is_whole(value) and number is not None and number.is_integer():
            return f"Write it without a decimal point: {int(number)}."
        if _is_whole(value):
            return ""
        return number_hint(value)


class OneOf:
    """One of the given strings, exactly (no aliases, case matters).

    Examples
    --------
    >>> backends = OneOf("numpy", "dask")
    >>> backends.accepts("dask"), backends.accepts("Dask")
    (True, False)
    >>> backends.describe()
    "'numpy' or 'dask'"
    >>> backends.hint("Dask")
    "Did you mean 'dask'?"
    """

    __slots__ = ("options",)

    options: tuple[str, ...]

    def __init__(self, *options: str) -> None:
        self.options = options

    def __repr__(self) -> str:
        return f"OneOf({', '.join(map(repr, self.options))})"

    def accepts(self, value: object) -> bool:
        """Whether ``value`` is one of the options."""
        return isinstance(value, str) and value in self.options

    def describe(self) -> str:
        """The options, quoted."""
        if len(self.options) > 12:
            return f"one of {quoted_list(self.options)}"
        return _either([repr(option) for option in self.options])

    def hint(self, value: object) -> str:
        """A did-you-mean for a mistyped option."""
        if isinstance(value, str):
            return did_you_mean(value, self.options).strip()
        return ""


@attrs.frozen
class Boolean:
    """True or False (a numpy bool too); not 0, 1 or text.

    Examples
    --------
    >>> Boolean().accepts(True), Boolean().accepts(1), Boolean().accepts("yes")
    (True, False, False)
    """

    def accepts(self, value: object) -> bool:
        """Whether ``value`` is a bool."""
        return isinstance(value, bool | np.bool_)

    def describe(self) -> str:
        """'True or False'."""
        return "True or False"

    def hint(self, value: object) -> str:
        """Nothing to add."""
        return ""


def _instance_hint(value: object, types: tuple[type, ...]) -> str:
    """Advice for a class passed where an instance of it is wanted."""
    if not isinstance(value, type):
        return ""
    for kind in types:
        try:
            fits = issubclass(value, kind)
        except TypeError:  # a protocol with data members cannot be checked on a class
            fits = False
        if fits:
            return f"Pass an instance, not the class: {value.__name__}()."
    return ""


@attrs.frozen
class Function:
    """A function, or any object that can be called; not a class.

    A class is callable too, but where a function is expected a class is almost always
    passed by mistake for one of its instances.

    Examples
    --------
    >>> Function().accepts(print), Function().accepts(3), Function().accepts(dict)
    (True, False, False)
    """

    description: str = "a function"

    def accepts(self, value: object) -> bool:
        """Whether ``value`` is callable and not a class."""
        return callable(value) and not isinstance(value, type)

    def describe(self) -> str:
        """What kind of function is wanted."""
        return self.description

    def hint(self, value: object) -> str:
        """Nothing to add."""
        return ""


def _to_types(value: type | tuple[type, ...]) -> tuple[type, ...]:
    return value if isinstance(value, tuple) else (value,)


@attrs.frozen
class InstanceOf:
    """An instance of one of the given classes (runtime-checkable protocols too).

    A class is refused even when it has the protocol's methods, with advice to pass an
    instance of it instead.

    Parameters
    ----------
    types : class or tuple of classes
        The accepted classes.
    description : str, optional
        What to call them in a message; by default "a(n) {class name}".

    Examples
    --------
    >>> import powerbalance as pb
    >>> methods = InstanceOf(pb.methods.Method, description="a method such as TOPSIS()")
    >>> methods.accepts(pb.methods.TOPSIS()), methods.accepts(pb.methods.TOPSIS)
    (True, False)
    >>> methods.hint(pb.methods.TOPSIS)
    'Pass an instance, not the class: TOPSIS().'
    >>> InstanceOf(pb.Assessment).describe()
    'an Assessment'
    """

    types: tuple[type, ...] = attrs.field(converter=_to_types)
    description: str = ""

    def accepts(self, value: object) -> bool:
        """Whether ``value`` is an instance of one of the classes (and not a class)."""
        if isinstance(value, type):
            return False
        # isinstance against a protocol inspects the object's attributes on every
        # call; whether the class itself has them is asked once per class.
        kind = type(value)
        if any(_class_satisfies(kind, accepted) for accepted in self.types):
            return True
        return isinstance(value, self.types)

    def describe(self) -> str:
        """The description, or the classes' names."""
        if self.description:
            return self.description
        return _either([_article(kind.__name__) for kind in self.types])

    def hint(self, value: object) -> str:
        """Advice for a class passed instead of an instance."""
        return _instance_hint(value, self.types)


_SATISFIES: dict[tuple[type, type], bool] = {}


def _class_satisfies(kind: type, accepted: type) -> bool:
    """Whether every instance of ``kind`` is an instance of ``accepted`` by its class alone.

    False only means "ask the instance": a protocol with data members cannot be
    answered from the class. Answers are remembered for a bounded number of classes.
    """
    known = _SATISFIES.get((kind, accepted))
    if known is None:
        try:
            known = issubclass(kind, accepted)
        except TypeError:
            known = False
        if len(_SATISFIES) < 1024:
            _SATISFIES[(kind, accepted)] = known
    return known


def _to_methods(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class HasMethods:
    """An object (not a class) with the named methods, whatever its class.

    Examples
    --------
    >>> HasMethods(("append",), description="a list").accepts([])
    True
    >>> HasMethods(("append",), description="a list").accepts(())
    False
    """

    methods: tuple[str, ...] = attrs.field(converter=_to_methods)
    description: str

    def accepts(self, value: object) -> bool:
        """Whether ``value`` has every method."""
        return not isinstance(value, type) and all(
            callable(getattr(value, name, None)) for name in self.methods
        )

    def describe(self) -> str:
        """The description."""
        return self.description

    def hint(self, value: object) -> str:
        """Which method is missing."""
        if isinstance(value, type):
            return "Pass an instance, not the class."
        missing = [name for name in self.methods if not callable(getattr(value, name, None))]
        return f"It has no method {missing[0]}()." if missing else ""


def _to_names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Names:
    """A collection of names drawn from known ones: a subset of them, or exactly them.

    Parameters
    ----------
    known : sequence of str
        The names that exist, such as an assessment's criteria.
    what : str, default "names"
        What they are called in a message, in the plural ("criteria", "options").
    exactly : bool, default False
        Whether every known name must be given (each once), rather than some of them.

    Examples
    --------
    >>> criteria = Names(["Trade", "Security"], what="criteria")
    >>> criteria.accepts(["Trade"]), criteria.accepts(["Trade", "Secruity"])
    (True, False)
    >>> criteria.hint(["Trade", "Secruity"])
    "'Secruity' is not one of them. Did you mean 'Security'?"
    >>> every = Names(["Trade", "Security"], what="criteria", exactly=True)
    >>> every.describe()
    "the criteria 'Trade', 'Security', each once"
    >>> every.hint(["Trade"])
    "It leaves out 'Security'."
    """

    known: tuple[str, ...] = attrs.field(converter=_to_names)
    what: str = "names"
    exactly: bool = False

    def _given(self, value: object) -> list[object] | None:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            return None
        return list(value)

    def accepts(self, value: object) -> bool:
        """Whether ``value`` is a collection of known names (all of them, if exactly)."""
        given = self._given(value)
        if given is None:
            return False
        known = set(self.known)
        if not all(isinstance(name, str) and name in known for name in given):
            return False
        if self.exactly:
            return len(given) == len(known) and set(given) == known
        return True

    def describe(self) -> str:
        """The known names, and whether all are needed."""
        if self.exactly:
            return f"the {self.what} {quoted_list(self.known)}, each once"
        return f"a list of {self.what} among {quoted_list(self.known)}"

    def hint(self, value: object) -> str:
        """The first unknown name with a did-you-mean, or the names left out or repeated."""
        given = self._given(value)
        if given is None:
            if isinstance(value, str):
                return f"Wrap a single name in a list: [{value!r}]."
            return ""
        known = set(self.known)
        for name in given:
            if not isinstance(name, str) or name not in known:
                return f"{name!r} is not one of them." + did_you_mean(str(name), self.known)
        if self.exactly:
            missing = [name for name in self.known if name not in set(given)]
            if missing:
                return f"It leaves out {quoted_list(missing)}."
            repeated = sorted({n for n in given if given.count(n) > 1})  # type: ignore[type-var]
            if repeated:
                return f"It repeats {quoted_list(repeated)}."  # type: ignore[arg-type]
        return ""


# -- the check ------------------------------------------------------------------------


def check(
    owner: str,
    parameter: str,
    value: T,
    *constraints: Constraint | None,
    fix: str = "",
) -> T:
    """Return ``value`` if one of the constraints accepts it; otherwise raise.

    Parameters
    ----------
    owner : str
        Who takes the parameter, as the message opens: ``"smaa"``,
        ``"Criterion 'Trade'"``, ``"VIKOR"``.
    parameter : str
        The parameter's name.
    value : object
        What was passed.
    *constraints : Constraint or None
        What is accepted; ``None`` accepts None.
    fix : str, optional
        How to mend it, written as one or more sentences; appended after any advice
        of the failing constraints (such as a did-you-mean).

    Returns
    -------
    object
        ``value``, unchanged.

    Raises
    ------
    InvalidParameterError
        No constraint accepts ``value``. The message reads
        "{owner}: {parameter} must be {expected}; got {value!r}. {how to fix}".

    Examples
    --------
    >>> check("smaa", "progress", None, Function(), None) is None
    True
    >>> try:
    ...     check("smaa", "progress", 3, Function(), None, fix="Pass progress(done, total).")
    ... except InvalidParameterError as error:
    ...     print(error)
    smaa: progress must be a function or None; got 3. Pass progress(done, total).
    """
    if not constraints:
        raise TypeError("check() needs at least one constraint.")
    for constraint in constraints:
        if constraint is None:
            if value is None:
                return value
        elif constraint.accepts(value):
            return value
    expected = _either(
        ["None" if constraint is None else constraint.describe() for constraint in constraints]
    )
    hints = [constraint.hint(value) for constraint in constraints if constraint is not None]
    advice = " ".join(part for part in [*dict.fromkeys(h for h in hints if h), fix] if part)
    raise refuse(owner, parameter, value, expected, fix=advice)


def refuse(
    owner: str,
    parameter: str,
    value: object,
    expected: str,
    *,
    fix: str = "",
    error: type[PowerbalanceError] = InvalidParameterError,
) -> PowerbalanceError:
    """The error for a value refused for a reason no constraint states; raise it.

    For a condition that depends on other arguments (at least one entry, a name the
    assessment has), in the same form as :func:`check`. ``error`` is the class to
    raise, :class:`~powerbalance.errors.InvalidParameterError` unless a more specific
    one fits (:class:`~powerbalance.errors.UnknownNameError` for a name not found).

    Examples
    --------
    >>> print(refuse("compare", "methods", {}, "at least one method",
    ...              fix="Leave methods out for the default."))
    compare: methods must be at least one method; got {}. Leave methods out for the default.
    """
    message = f"{owner}: {parameter} must be {expected}; got {shown(value)}."
    return error(f"{message} {fix}" if fix else message)


def physical_memory() -> int | None:
    """The physical memory of the machine in bytes, or None where it cannot be told.

    Examples
    --------
    >>> memory = physical_memory()
    >>> memory is None or memory > 0
    True
    """
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        size = os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # not a POSIX system
        return None
    if pages <= 0 or size <= 0:
        return None
    return int(pages) * int(size)


def _bytes(amount: float) -> str:
    if amount >= 1024**6:  # beyond any machine: an exact figure would mean nothing
        return f"more than {1024**6:,} bytes"
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if amount < 1024 or unit == "TiB":
            return f"{amount:,.0f} {unit}" if unit == "bytes" else f"{amount:,.1f} {unit}"
        amount /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def check_fits(
    owner: str,
    parameter: str,
    value: int,
    bytes_each: int,
    *,
    fix: str,
    memory: int | None = None,
) -> int:
    """Refuse a size whose arrays, ``bytes_each`` per unit, cannot fit in memory.

    Parameters
    ----------
    owner, parameter, value
        As for :func:`check`; ``value`` is the size asked for.
    bytes_each : int
        The bytes needed per unit of ``value``.
    fix : str
        How to ask for less.
    memory : int, optional
        The memory available in bytes; by default this machine's physical memory
        (nothing is refused where that cannot be told).

    Returns
    -------
    int
        ``value``, unchanged.

    Raises
    ------
    InvalidParameterError
        ``value * bytes_each`` exceeds the memory.

    Examples
    --------
    >>> try:
    ...     check_fits("sweep", "points", 10**9, 64, memory=2**34, fix="Ask for fewer.")
    ... except InvalidParameterError as error:
    ...     print(error)  # doctest: +NORMALIZE_WHITESPACE
    sweep: points must be at most 268,435,456 to fit in memory; got 1000000000. It would
    need 59.6 GiB, and this machine has 16.0 GiB. Ask for fewer.
    """
    available = physical_memory() if memory is None else memory
    if available is None or value * bytes_each <= available:
        return value
    raise InvalidParameterError(
        f"{owner}: {parameter} must be at most {available // bytes_each:,} to fit in memory; "
        f"got {shown(value)}. It would need {_bytes(value * bytes_each)}, and this machine has "
        f"{_bytes(available)}. {fix}"
    )
