"""Collecting every problem in a file, each with its field path and, where known, location.

A *path* is a tuple of keys (str) and positions (int) into the study document, such
as ``("criteria", 3, "kind")``, shown as ``criteria[3].kind``. A *locator* maps paths
to where they are in the file; a problem takes the location of the longest prefix of
its path that the locator knows.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from typing import NamedTuple

from powerbalance.errors import Problem, StudyFileError

__all__ = [
    "MAX_PROBLEMS",
    "Collector",
    "Location",
    "Message",
    "Path",
    "format_path",
    "more_problems",
]

Path = tuple[str | int, ...]

#: A message, or a function that writes it: a reader passes a function where writing
#: the message costs work (a did-you-mean search), so that it is done only for the
#: problems that are listed.
Message = str | Callable[[], str]

MAX_PROBLEMS = 200
"""The problems listed for one file; beyond it they are counted, not worked out.

A file with hundreds of thousands of wrong cells would otherwise take minutes to
refuse, and a list that long helps nobody: the first problems show what is wrong.

Examples
--------
>>> MAX_PROBLEMS
200
"""


def more_problems(file: str | None, count: int) -> Problem:
    """The closing line for ``count`` problems found beyond :data:`MAX_PROBLEMS`.

    Examples
    --------
    >>> print(more_problems("a.toml", 1250))
    a.toml: and 1,250 more problems, not listed; correct these first.
    """
    return Problem(
        file=file, message=f"and {count:,} more problems, not listed; correct these first."
    )


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def format_path(path: Path) -> str:
    """A path as text: ``criteria[3].kind``, with odd keys quoted as in TOML.

    Examples
    --------
    >>> format_path(("options", 0, "scores", "Trade gains"))
    'options[0].scores."Trade gains"'
    >>> format_path(())
    ''
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        key = part if _BARE_KEY.fullmatch(part) else _quote(part)
        text += f".{key}" if text else key
    return text


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04X}" for c in escaped)
    return f'"{escaped}"'


class Location(NamedTuple):
    """Where a value is: a line (or row), a column, a sheet and another file.

    The sheet is an Excel workbook's; the file is given only for a companion table, not
    the file being read. (A named tuple: tables make one for every cell.)
    """

    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    file: str | None = None


class TextScanner:
    """A scan through a text, recording by line and column where each field path starts.

    The JSON and TOML readers walk a text that parsed cleanly only when there is a
    problem to place; each adds its own grammar to this.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.found: dict[Path, Location] = {}

    def where(self, pos: int) -> Location:
        """The line and column (from 1) of a position in the text."""
        line = bisect.bisect_right(self.starts, pos)
        return Location(line, pos - self.starts[line - 1] + 1)

    def record(self, path: Path, pos: int) -> None:
        """Note where ``path`` starts, unless it was seen before."""
        if path not in self.found:
            self.found[path] = self.where(pos)


class Collector:
    """Gathers the problems of one file; :meth:`raise_if_any` raises them all at once.

    Parameters
    ----------
    file : str
        The file's name, as given.
    locations : mapping of path to Location, optional
        Where each path is in the file.
    """

    def __init__(self, file: str, locations: Mapping[Path, Location] | None = None) -> None:
        self.file = file
        self.locations: Mapping[Path, Location] = locations or {}
        self.problems: list[Problem] = []
        #: Extra advice for a missing required key, by key (set by the table readers,
        #: whose "keys" are rows or columns).
        self.missing_hints: dict[str, str] = {}
        self._locator: Callable[[], Mapping[Path, Location]] | None = None
        #: Problems found beyond MAX_PROBLEMS.
        self.unlisted = 0

    def locate_with(self, locator: Callable[[], Mapping[Path, Location]]) -> None:
        """Find locations with ``locator``, called only if a problem needs one."""
        self._locator = locator

    def locate(self, path: Path) -> Location:
        """The location of ``path``, or of its longest located prefix."""
        if self._locator is not None:
            self.locations, self._locator = self._locator(), None
        for end in range(len(path), -1, -1):
            found = self.locations.get(path[:end])
            if found is not None:
                return found
        return Location()

    @property
    def found(self) -> int:
        """How many problems were found, listed or not: compare it before and after a read."""
        return len(self.problems) + self.unlisted

    @property
    def full(self) -> bool:
        """True once :data:`MAX_PROBLEMS` are listed: later problems are only counted."""
        return len(self.problems) >= MAX_PROBLEMS

    def add(self, path: Path, message: Message, location: Location | None = None) -> None:
        """Record a problem at ``path`` (located by the locator unless ``location`` is given)."""
        if self.full:
            self.unlisted += 1
            return
        where = location if location is not None else self.locate(path)
        self.problems.append(
            Problem(
                file=where.file or self.file,
                line=where.line,
                column=where.column,
                sheet=where.sheet,
                path=format_path(path),
                message=message if isinstance(message, str) else message(),
            )
        )

    def raise_if_any(self) -> None:
        """Raise one StudyFileError carrying every problem, in file order, if any."""
        if not self.problems:
            return
        ordered = sorted(
            self.problems,
            key=lambda p: (p.file or "", p.sheet or "", p.line or 0, p.column or 0),
        )
        # Problems without a location keep their order, after located ones of the sheet.
        listed = _dedupe(ordered)
        if self.unlisted:
            listed.append(more_problems(self.file, self.unlisted))
        raise StudyFileError(problems=listed)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    unique = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            unique.append(problem)
    return unique
