"""Numbers and names as every rendering writes them: fixed decimals, signs, prose lists."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

__all__ = [
    "NEGLIGIBLE",
    "ahead",
    "component",
    "describe",
    "full_name",
    "gains_and_losses",
    "in_words",
    "join_words",
    "number",
    "parameters",
    "percent",
    "signed",
]


def number(value: float, digits: int = 3) -> str:
    """A number with a fixed count of decimals, as every rendering shows it.

    Examples
    --------
    >>> number(0.12345)
    '0.123'
    """
    return f"{value:.{digits}f}"


def signed(value: float, digits: int = 3) -> str:
    """A number with an explicit sign, for differences and net values.

    Examples
    --------
    >>> signed(0.5), signed(-0.25, 2), signed(-0.0001)
    ('+0.500', '-0.25', '+0.000')
    """
    text = f"{value:+.{digits}f}"
    # "-0.000" would suggest a loss that rounding created.
    return text.replace("-", "+", 1) if float(text) == 0 else text


def percent(share: float) -> str:
    """A share as a percentage: one decimal, or two significant digits below 0.1%.

    Examples
    --------
    >>> percent(0.5461), percent(0.00042), percent(0.0), percent(181 / 2000)
    ('54.6%', '0.042%', '0.0%', '9.1%')
    """
    # Rounded to 9 places first, so that a share of exactly k.x5% rounds as the same
    # count written 100 * count / samples does, not by the bits of count / samples.
    value = round(100 * share, 9)
    if 0 < share < 0.001:
        return f"{value:.2g}%"
    return f"{value:.1f}%"


#: Differences smaller than this (half the last decimal shown) are not named as gains
#: or losses.
NEGLIGIBLE = 5e-4


def ahead(lead: float, runner_up: str) -> str:
    """How far the leader is ahead of the runner-up, never "0.000 ahead", which reads as a tie.

    Examples
    --------
    >>> ahead(0.25, "Contain"), ahead(1e-5, "Contain")
    ('0.250 ahead of Contain', 'less than 0.001 ahead of Contain')
    """
    if lead >= NEGLIGIBLE:
        return f"{number(lead)} ahead of {runner_up}"
    return f"less than 0.001 ahead of {runner_up}"


def margin(difference: float) -> str:
    """The size of a difference in score, never "0.000", which reads as no difference.

    Examples
    --------
    >>> margin(-0.25), margin(2e-5), margin(0.0)
    ('0.250', 'less than 0.001', '0.000')
    """
    size = abs(float(difference))
    if size >= NEGLIGIBLE or size == 0.0:
        return number(size)
    return "less than 0.001"


def gains_and_losses(difference: Mapping[Any, Any]) -> tuple[list[str], list[str]]:
    """Areas where one option gains on another and where it gives up, largest first.

    ``difference`` is by area, the first option's net value minus the second's; each
    phrase names the area and the signed difference. Negligible differences
    are left out.

    Examples
    --------
    >>> gains_and_losses({"Economic": 0.5, "Security": -0.2, "Social": 0.0001})
    (['Economic (+0.500)'], ['Security (-0.200)'])
    """
    items = [(str(area), float(d)) for area, d in difference.items()]
    # Rounded before sorting, so that two computations of the same numbers that differ
    # in the last bits list tied areas in the same order.
    gains = sorted((item for item in items if item[1] > NEGLIGIBLE), key=lambda i: -round(i[1], 12))
    losses = sorted(
        (item for item in items if -item[1] > NEGLIGIBLE), key=lambda i: round(i[1], 12)
    )
    return (
        [f"{area} ({signed(d)})" for area, d in gains],
        [f"{area} ({signed(d)})" for area, d in losses],
    )


def join_words(items: Sequence[str]) -> str:
    """Join phrases as in prose: "a", "a and b", "a, b and c".

    Examples
    --------
    >>> join_words(["Economic", "Security", "Diplomacy"])
    'Economic, Security and Diplomacy'
    """
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def describe(component: object) -> str:
    """A short, stable description of a method or weighting scheme for provenance.

    Examples
    --------
    >>> import powerbalance as pb
    >>> describe(pb.methods.TOPSIS())
    "TOPSIS(normalization='vector')"
    >>> describe(len)
    'len'
    """
    if attrs.has(type(component)):
        return repr(component)
    name = getattr(component, "__qualname__", None) or getattr(component, "__name__", None)
    return str(name) if name else type(component).__name__


_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")


def in_words(component: object) -> str:
    """The name of a method or weighting scheme as a sentence would use it.

    A class name in several words becomes lower case with an article; acronyms and
    one-word names stay as they are; a function keeps its own name.

    Examples
    --------
    >>> import powerbalance as pb
    >>> in_words(pb.methods.WeightedSum()), in_words(pb.methods.TOPSIS())
    ('the weighted sum', 'TOPSIS')
    >>> in_words(len)
    'len'
    """
    if not attrs.has(type(component)) and callable(component):
        return describe(component)
    name = type(component).__name__
    words = _CAMEL.findall(name)
    if len(words) <= 1:
        return name
    return "the " + " ".join(w if w.isupper() else w.lower() for w in words)


#: How each normalization (:mod:`powerbalance.model.normalize`) is named in prose.
NORMALIZATION_WORDS = {
    "vector": "vector normalization",
    "minmax": "min-max normalization",
    "max": "normalization by the maximum",
    "sum": "normalization by the sum",
    "linear": "linear normalization",
    "value": "value-function normalization",
}


def _name_words(component: object) -> str:
    words = _CAMEL.findall(type(component).__name__)
    return " ".join(w if w.isupper() else w.lower() for w in words)


def _setting(field: str, value: object) -> str | None:
    """One setting of a component in words, or None for settings prose leaves out."""
    label = field.replace("_", " ")
    if field == "normalization" and isinstance(value, str):
        return NORMALIZATION_WORDS.get(value, f"{value} normalization")
    if isinstance(value, bool):
        return f"{label}: {'yes' if value else 'no'}"
    if isinstance(value, (int, float)):
        return f"{label} {value:g}"
    if isinstance(value, str):
        return f"{label}: {value}"
    if attrs.has(type(value)):
        return f"{label}: {full_name(value, nested=True)}"
    # Lists and tables of inputs (a ranking, points per criterion) are too long for a
    # name; the weights they give are shown in their own table.
    return None


def full_name(component: object, *, nested: bool = False) -> str:
    """A method, weighting scheme or weight information named in words, with its settings.

    The name of the class in lower-case words (acronyms kept), then its settings:
    a normalization by its name in prose, numbers, switches and texts by their field
    name, another component in brackets; lists and tables of inputs are left out. A
    function keeps its own name, and a mapping (criterion to weight) is "fixed
    weights". This is what a reader sees where a Python repr would
    otherwise stand; the repr stays in every result's plain data.

    Examples
    --------
    >>> import powerbalance as pb
    >>> full_name(pb.methods.WeightedSum())
    'weighted sum, min-max normalization'
    >>> full_name(pb.methods.VIKOR()), full_name(pb.weighting.Equal())
    ('VIKOR, v 0.5', 'equal')
    >>> full_name(pb.methods.PROMETHEE())
    'PROMETHEE, default: usual'
    >>> full_name(pb.weighting.ByArea(areas=pb.weighting.Entropy()))
    'by area, areas: entropy (min-max normalization), within: equal'
    >>> full_name(len)
    'len'
    """
    if isinstance(component, Mapping):
        return "fixed weights"
    kind = type(component)
    if not attrs.has(kind):
        return describe(component)
    settings = [
        text
        for field in attrs.fields(kind)
        # A field set by the class itself (a preference function's name) is no setting.
        if field.init and (text := _setting(field.name, getattr(component, field.name))) is not None
    ]
    name = _name_words(component)
    if not settings:
        return name
    if nested:
        return f"{name} ({', '.join(settings)})"
    return ", ".join([name, *settings])


def parameters(component: object) -> dict[str, Any]:
    """The attrs fields of ``component`` as plain data; empty for anything else.

    Examples
    --------
    >>> import powerbalance as pb
    >>> parameters(pb.methods.TOPSIS())
    {'normalization': 'vector'}
    """
    if attrs.has(type(component)):
        return attrs.asdict(component, recurse=True)  # type: ignore[arg-type]
    return {}


def component(value: object) -> dict[str, Any]:
    """A method or weighting scheme as the plain data of every result's ``to_dict()``.

    Returns
    -------
    dict
        ``name`` (the class or function name), ``description`` (:func:`describe`),
        ``words`` (:func:`in_words`) and ``parameters`` (:func:`parameters`).

    Examples
    --------
    >>> import powerbalance as pb
    >>> component(pb.methods.TOPSIS())["name"]
    'TOPSIS'
    """
    callable_only = not attrs.has(type(value)) and callable(value)
    return {
        "name": describe(value) if callable_only else type(value).__name__,
        "description": describe(value),
        "words": in_words(value),
        "parameters": parameters(value),
    }
