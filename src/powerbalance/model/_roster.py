"""The options of an assessment, kept as names until an :class:`Option` object is asked for.

An assessment of a million options named by plain strings needs the names (to label
results and find rows), rarely the objects. Building a million frozen objects costs
seconds, so the roster checks the names in whole-sequence passes and makes the objects
once, on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from powerbalance.model._cells import check_unique, sequence_of
from powerbalance.model.criterion import Option

__all__ = ["Roster", "plain_names", "to_roster"]


def plain_names(items: Sequence[object]) -> bool:
    """Whether every item is a non-blank ``str`` (not a subclass), checked in C-speed passes.

    Examples
    --------
    >>> plain_names(["Engage", "Contain"]), plain_names(["Engage", " "]), plain_names([1])
    (True, False, False)
    """
    return set(map(type, items)) <= {str} and all(map(str.strip, items))  # type: ignore[arg-type]


class Roster(Sequence[Option]):
    """The options of an assessment: their names, and the objects made on demand.

    Immutable once built; the objects and the name positions are caches. Built by
    :func:`to_roster`, which checks the names. As a sequence it holds the options, so
    that it can be given wherever options are taken.

    Examples
    --------
    >>> roster = to_roster(["Engage", "Contain"])
    >>> roster.names, roster.options[1]
    (('Engage', 'Contain'), Option(name='Contain', description=''))
    """

    __slots__ = ("_options", "_positions", "names")

    names: tuple[str, ...]
    _options: tuple[Option, ...] | None
    _positions: dict[str, int] | None

    def __init__(self, names: tuple[str, ...], options: tuple[Option, ...] | None) -> None:
        self.names = names
        # Objects given with a description (or of a subclass) are kept as given;
        # plain ones are made again when asked for, equal to what was given.
        self._options = options
        self._positions = None

    @property
    def options(self) -> tuple[Option, ...]:
        """The :class:`Option` objects, made on first use."""
        if self._options is None:
            self._options = tuple(map(_plain_option, self.names))
        return self._options

    def option(self, row: int) -> Option:
        """The :class:`Option` at ``row``, without making the others."""
        if self._options is None:
            return _plain_option(self.names[row])
        return self._options[row]

    def positions(self) -> dict[str, int]:
        """Each name's row, built on first use (for looking up many names at once)."""
        if self._positions is None:
            self._positions = {name: row for row, name in enumerate(self.names)}
        return self._positions

    def take(self, rows: Sequence[int]) -> Roster:
        """The roster of the options at ``rows``, in that order."""
        names = tuple(self.names[i] for i in rows)
        check_unique("options", names)
        options = self._options
        return Roster(names, None if options is None else tuple(options[i] for i in rows))

    def _descriptions(self) -> tuple[str, ...] | None:
        options = self._options
        if options is None or all(type(o) is Option and not o.description for o in options):
            return None
        return tuple(o.description for o in options)

    def __len__(self) -> int:
        return len(self.names)

    @overload
    def __getitem__(self, index: int) -> Option: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Option, ...]: ...

    def __getitem__(self, index: int | slice) -> Option | tuple[Option, ...]:
        if isinstance(index, slice):
            return self.options[index]
        return self.option(index)

    def __iter__(self) -> Iterator[Option]:
        return iter(self.options)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Roster):
            return NotImplemented
        if self is other:
            return True
        if self.names != other.names:
            return False
        if self._descriptions() is None and other._descriptions() is None:
            return True
        return self.options == other.options

    def __hash__(self) -> int:
        return hash(self.names)

    def __repr__(self) -> str:
        return repr(self.options)

    def __getstate__(self) -> dict[str, Any]:
        # The caches are rebuilt on demand; only objects that say more than a name travel.
        options = None if self._descriptions() is None else self._options
        return {"names": self.names, "options": options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.names = state["names"]
        self._options = state["options"]
        self._positions = None


def _plain_option(name: str) -> Option:
    # The name was checked with the whole roster; the validators need not run again.
    option: Option = object.__new__(Option)
    object.__setattr__(option, "name", name)
    object.__setattr__(option, "description", "")
    return option


def to_roster(items: Iterable[Option | str], owner: str = "Assessment") -> Roster:
    """The options of an assessment from names or :class:`Option` objects, checked.

    Raises
    ------
    InvalidParameterError
        ``items`` is not a sequence.
    InvalidNameError
        A name is not text or is blank.
    DuplicateNameError
        Two options share a name.

    Examples
    --------
    >>> to_roster(["Engage", Option("Contain", description="Deter.")]).names
    ('Engage', 'Contain')
    """
    if isinstance(items, Roster):
        # Another assessment's options (a copy or a subset), checked when built.
        return items
    given = sequence_of(
        owner,
        "options",
        items,
        "a sequence of Option objects or names",
        fix="Such as ['Engage', 'Contain'].",
    )
    if plain_names(given):
        names: tuple[str, ...] = tuple(given)
        options = None
    else:
        # Objects, or a name the checks refuse: each item on its own, so that the
        # refusal names it.
        options = tuple(item if isinstance(item, Option) else Option(item) for item in given)
        names = tuple(option.name for option in options)
    check_unique("options", names)
    return Roster(names, options)
