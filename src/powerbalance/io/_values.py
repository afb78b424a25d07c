"""Checking the values of a parsed document, one field at a time, collecting problems.

Each ``read_*`` function returns the checked value, or :data:`INVALID` after recording
a problem, so a reader can carry on and find the file's other problems too.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Final

from powerbalance._validate import did_you_mean, quoted_list
from powerbalance.io._problems import Collector, Path

__all__ = [
    "INVALID",
    "check_keys",
    "claim_name",
    "describe",
    "read_array",
    "read_bool",
    "read_choice",
    "read_number",
    "read_pair",
    "read_table",
    "read_table_array",
    "read_text",
]


class _Invalid:
    """The marker for a value that was found wrong (and reported)."""

    _instance: _Invalid | None = None

    def __new__(cls) -> _Invalid:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


INVALID: Final[Any] = _Invalid()


def describe(value: object) -> str:
    """What was found, for a message: the value itself, or its kind for a container.

    Examples
    --------
    >>> describe("high"), describe(True), describe({"a": 1}), describe([1, 2])
    ("'high'", 'True', 'a table', 'an array of 2 items')
    """
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return f"an array of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, datetime.date | datetime.time):
        return f"the date or time {value.isoformat()}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def check_keys(
    table: Mapping[str, Any],
    allowed: Collection[str],
    path: Path,
    problems: Collector,
    *,
    required: Collection[str] = (),
) -> None:
    """Report unknown keys (with a did-you-mean hint) and missing required ones."""
    meant: set[str] = set()
    for key in table:
        if key not in allowed:
            # Once the collector is full a problem is only counted: spare the search.
            hint = "" if problems.full else did_you_mean(str(key), allowed)
            meant.update(name for name in allowed if hint == f" Did you mean {name!r}?")
            problems.add(
                (*path, key),
                f"unknown key {key!r}."
                + hint
                + f" The keys allowed here are {quoted_list(sorted(allowed), limit=20)}.",
            )
    for key in required:
        # A misspelt required key is reported once, as the unknown key.
        if key not in table and key not in meant:
            problems.add(
                (*path, key),
                f"the required key {key!r} is missing." + problems.missing_hints.get(key, ""),
            )


def read_text(value: object, path: Path, problems: Collector, *, blank: bool = True) -> Any:
    """A string (non-blank unless ``blank``)."""
    if not isinstance(value, str):
        problems.add(path, f"expected text (a string); found {describe(value)}.")
        return INVALID
    if not blank and not value.strip():
        problems.add(path, f"expected non-blank text; found {value!r}.")
        return INVALID
    return value


def claim_name(
    name: str,
    position: int,
    seen: dict[str, int],
    path: Path,
    problems: Collector,
    kind: str,
    plural: str = "",
) -> bool:
    """Record that entry ``position`` of a list of ``kind`` entries is called ``name``.

    False (and the problem reported at ``path``'s name) when an earlier entry already is;
    ``seen`` maps each name to the position that first used it. ``kind`` is singular
    ("option"); the list is ``plural``, by default ``kind`` + "s".
    """
    if name in seen:
        problems.add(
            (*path, "name"),
            f"{kind} {name!r} is already defined at {plural or kind + 's'}[{seen[name]}]; "
            f"every {kind} "
            "needs a unique name.",
        )
        return False
    seen[name] = position
    return True


def read_choice(
    table: Mapping[str, Any],
    key: str,
    choices: Collection[str],
    path: Path,
    problems: Collector,
    what: str,
) -> Any:
    """The required ``key`` of ``table``, one of ``choices`` (``what`` they are), or INVALID.

    Examples
    --------
    >>> problems = Collector("study.toml")
    >>> read_choice({"kind": "vetoo"}, "kind", ("veto", "threshold"), ("rules", 0), problems,
    ...             "kind of rule")
    INVALID
    >>> print(problems.problems[0].message)
    unknown kind of rule 'vetoo'; give one of 'veto', 'threshold'. Did you mean 'veto'?
    """
    if key not in table:
        problems.add(
            (*path, key),
            f"the required key {key!r} is missing; give one of {quoted_list(choices)}.",
        )
        return INVALID
    chosen = read_text(table[key], (*path, key), problems)
    if chosen is INVALID:
        return INVALID
    if chosen not in choices:
        problems.add(
            (*path, key),
            f"unknown {what} {chosen!r}; give one of {quoted_list(choices)}."
            + did_you_mean(chosen, choices),
        )
        return INVALID
    return chosen


def read_bool(value: object, path: Path, problems: Collector) -> Any:
    """True or false."""
    if not isinstance(value, bool):
        problems.add(path, f"expected true or false; found {describe(value)}.")
        return INVALID
    return value


def read_number(value: object, path: Path, problems: Collector) -> Any:
    """A finite number as the file gives it: an integer stays an integer.

    Points such as ``{a = 3, b = 1}`` read back as they were written, and as the scheme
    that wrote them holds them; an integer too large for a float is refused.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.add(path, f"expected a number; found {describe(value)}.")
        return INVALID
    try:
        number = float(value)
    except OverflowError:
        problems.add(path, f"expected a number of a usable size; found {describe(value)}.")
        return INVALID
    if not math.isfinite(number):
        problems.add(path, f"expected a finite number; found {describe(value)}.")
        return INVALID
    return value


def read_table(value: object, path: Path, problems: Collector) -> Any:
    """A table (mapping of key to value)."""
    if not isinstance(value, Mapping):
        problems.add(path, f"expected a table; found {describe(value)}.")
        return INVALID
    return value


def read_array(value: object, path: Path, problems: Collector, *, non_empty: bool = False) -> Any:
    """An array (list)."""
    if not isinstance(value, list):
        problems.add(path, f"expected an array; found {describe(value)}.")
        return INVALID
    if non_empty and not value:
        problems.add(path, "expected a non-empty array; found an empty one.")
        return INVALID
    return value


def read_pair(value: object, path: Path, problems: Collector, expected: str) -> Any:
    """An array of two numbers, such as ``[low, high]``; ``expected`` names it."""
    items = read_array(value, path, problems)
    if items is INVALID:
        return INVALID
    if len(items) != 2:
        problems.add(path, f"expected {expected}; found {describe(items)}.")
        return INVALID
    pair = tuple(read_number(number, (*path, k), problems) for k, number in enumerate(items))
    return INVALID if INVALID in pair else pair


def read_table_array(
    value: object,
    path: Path,
    problems: Collector,
    keys: Sequence[str],
    read_item: Callable[[Mapping[str, Any], Path], Any],
) -> Any:
    """A non-empty array of tables with exactly ``keys``, each read by ``read_item``.

    ``read_item(table, path)`` gets each table that has every key and no other, and
    returns what it read or INVALID after recording a problem. Every item is checked, so
    that all of the array's problems are reported, in the order of its items.

    Returns
    -------
    list or INVALID
        What ``read_item`` returned for every item, or INVALID if anything was wrong.

    Examples
    --------
    >>> from powerbalance.io._problems import Collector
    >>> problems = Collector("study.toml")
    >>> items = [{"name": "a", "share": 1}, {"name": "b"}]
    >>> read_table_array(items, ("parts",), problems, ("name", "share"), lambda t, p: t["name"])
    INVALID
    >>> problems.found
    1
    """
    items = read_array(value, path, problems, non_empty=True)
    if items is INVALID:
        return INVALID
    read = []
    for position, item in enumerate(items):
        where = (*path, position)
        table = read_table(item, where, problems)
        if table is INVALID:
            continue
        check_keys(table, keys, where, problems, required=keys)
        if any(key not in table for key in keys):
            continue
        read.append(read_item(table, where))
    complete = len(read) == len(items) and all(one is not INVALID for one in read)
    return read if complete else INVALID
