"""Where each score of a table is, worked out when a problem asks rather than stored.

A table of scores has one cell per score. Recording a location for each as it is
read (a field path and a :class:`~powerbalance.io._problems.Location`, a few hundred
bytes) would take many times the memory of the file itself; a study that reads
cleanly never asks for one. So the readers note only each option's row and each
criterion's column (or, in the long layout, each score's row), and
:class:`Locations` answers for a score's path from those.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from powerbalance.io._problems import Location, Path
from powerbalance.io._table import Table

__all__ = ["Locations", "ScoreCells"]


class ScoreCells:
    """The rows and columns of a table's scores, to locate a score's path on demand.

    Parameters
    ----------
    table : Table
        The table the scores are read from.
    columns : mapping of str to int
        The column of each criterion (wide layout) or of each field of a score
        (long layout: ``score``, ``low``, ``rationale``, ...).
    long : bool
        Whether the table has the long layout.

    Examples
    --------
    >>> table = Table([["option", "Gain"], ["A", "3"]], [1, 2], "s.csv")
    >>> cells = ScoreCells(table, {"Gain": 1}, long=False)
    >>> cells.option_rows[0] = 1
    >>> cells.locate(0, "Gain", None)
    Location(line=2, column=2, sheet=None, file=None)
    """

    def __init__(self, table: Table, columns: Mapping[str, int], *, long: bool) -> None:
        self.table = table
        self.columns = columns
        self.long = long
        #: The row (an index into ``table.rows``) of each option, by position (wide layout).
        self.option_rows: dict[int, int] = {}
        #: The row of each score, by option position and criterion (long layout).
        self.score_rows: dict[int, dict[str, int]] = {}

    def locate(self, position: int, criterion: str, key: str | None) -> Location | None:
        """The cell of a score (``key`` None) or of one of its fields; None if unknown."""
        if self.long:
            row = self.score_rows.get(position, {}).get(criterion)
            column = self.columns.get(key or "score")
        else:
            row = self.option_rows.get(position)
            column = self.columns.get(criterion) if key is None else None
        if row is None or column is None:
            return None
        return self.table.at(row, column)


class Locations(Mapping[Path, Location]):
    """The recorded locations of a table's fields, and its scores' located on demand.

    Iterating and ``len`` cover the recorded locations only.

    Examples
    --------
    >>> table = Table([["option", "Gain"], ["A", "3"]], [1, 2], "s.csv")
    >>> cells = ScoreCells(table, {"Gain": 1}, long=False)
    >>> cells.option_rows[0] = 1
    >>> locations = Locations({("options", 0): Location(2, 1)}, [cells])
    >>> locations[("options", 0, "scores", "Gain")].column, len(locations)
    (2, 1)
    """

    def __init__(self, known: Mapping[Path, Location], cells: list[ScoreCells]) -> None:
        self.known = known
        self.cells = cells

    def __getitem__(self, path: Path) -> Location:
        found = self.known.get(path)
        if found is not None:
            return found
        if len(path) in (4, 5) and path[0] == "options" and path[2] == "scores":
            position, criterion = path[1], path[3]
            key = path[4] if len(path) == 5 else None
            usable = isinstance(position, int) and isinstance(criterion, str)
            if usable and (key is None or isinstance(key, str)):
                for cells in self.cells:
                    located = cells.locate(position, criterion, key)  # type: ignore[arg-type]
                    if located is not None:
                        return located
        raise KeyError(path)

    def __iter__(self) -> Iterator[Path]:
        return iter(self.known)

    def __len__(self) -> int:
        return len(self.known)
