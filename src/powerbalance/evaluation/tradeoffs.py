"""What one option gains and gives up against another, and which options are dominated.

Three questions a decision maker asks of a ranking, answered from a
:class:`~powerbalance.Report`:

- *Why does A beat B?* :class:`Tradeoff`: every criterion's weighted difference
  between two options, grouped by area, split into gains and sacrifices.
- *Is any option simply worse than another?* :func:`dominance_pairs`: option j is
  dominated by option i when i scores at least as well on every criterion and
  strictly better on one (risks counted the right way round).
- *Which options are efficient on the benefit-against-risk map?* :func:`efficient`:
  no other option has at least as much benefit and at most as much risk, with one of
  the two strictly better.

Examples
--------
>>> import powerbalance as pb
>>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
>>> print(report.tradeoffs("Targeted cooperation", "Confrontation").summary())
... # doctest: +ELLIPSIS
Targeted cooperation beats Confrontation by 0.231 mainly on Diplomacy (+0.081) and ...
"""

from __future__ import annotations

from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._render import (
    Document,
    Paragraph,
    Rendered,
    Table,
    gains_and_losses,
    join_words,
    margin,
    plain,
    signed,
)
from powerbalance._render.words import NEGLIGIBLE
from powerbalance._version import __version__

__all__ = ["TRADEOFF_SCHEMA", "Tradeoff", "dominance_pairs", "efficient", "largest_first"]

TRADEOFF_SCHEMA = "powerbalance.evaluation.tradeoff/1"
"""The schema tag of :meth:`Tradeoff.to_dict`; it changes when the layout does.

Examples
--------
>>> import powerbalance as pb
>>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
>>> report.tradeoffs("Engage", "Contain").to_dict()["schema"] == TRADEOFF_SCHEMA
True
"""

FloatArray: TypeAlias = npt.NDArray[np.float64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

#: Options compared at once when looking for dominance: the (block, n, m) comparison
#: array then holds at most 2**22 booleans.
_BLOCK_ELEMENTS = 1 << 22


def largest_first(values: pd.Series) -> pd.Series:
    """``values`` sorted from the largest, ties (to 12 decimals) kept in their order.

    Rounding before sorting keeps two computations of the same numbers, which may
    differ in the last bits, from listing tied areas in different orders.

    Examples
    --------
    >>> import pandas as pd
    >>> largest_first(pd.Series({"A": 0.1 + 0.2, "B": 0.3, "C": 0.5})).index.tolist()
    ['C', 'A', 'B']
    """
    order = np.argsort(-np.round(values.to_numpy(dtype=float), 12), kind="stable")
    return values.iloc[order]


def dominance_pairs(oriented: FloatArray) -> list[tuple[int, int]]:
    """All pairs (dominator, dominated) among the rows of ``oriented`` (higher is better).

    Row i dominates row j when it is at least as high in every column and higher in
    one. Rows are compared in blocks, so memory stays bounded; time grows with the
    square of the number of rows.

    Examples
    --------
    >>> import numpy as np
    >>> dominance_pairs(np.array([[3.0, 2.0], [1.0, 1.0], [0.0, 5.0]]))
    [(0, 1)]
    """
    n, m = oriented.shape
    pairs: list[tuple[int, int]] = []
    rows = max(1, _BLOCK_ELEMENTS // max(1, n * m))
    for start in range(0, n, rows):
        block = oriented[start : start + rows]
        # [b, j]: does block row b dominate row j?
        at_least = (block[:, None, :] >= oriented[None, :, :]).all(axis=2)
        better = (block[:, None, :] > oriented[None, :, :]).any(axis=2)
        for b, j in zip(*np.nonzero(at_least & better), strict=True):
            pairs.append((start + int(b), int(j)))
    return pairs


def efficient(benefit: FloatArray, risk: FloatArray) -> BoolArray:
    """Which points no other point beats on both benefit (higher) and risk (lower).

    A point is dominated when another has at least as much benefit and at most as much
    risk, one of them strictly. Sorted by benefit (highest first, then lowest risk), a
    point is efficient when its risk is below every risk seen before it, or when it
    equals the efficient point just before it exactly; O(n log n).

    Examples
    --------
    >>> import numpy as np
    >>> efficient(np.array([3.0, 2.0, 1.0, 3.0]), np.array([2.0, 1.0, 1.5, 2.0])).tolist()
    [True, True, False, True]
    """
    n = benefit.shape[0]
    result = np.zeros(n, dtype=bool)
    order = np.lexsort((risk, -benefit))
    lowest_risk = np.inf
    previous: tuple[float, float] | None = None
    for i in order:
        point = (float(benefit[i]), float(risk[i]))
        if point[1] < lowest_risk or point == previous:
            result[i] = True
            lowest_risk = min(lowest_risk, point[1])
            previous = point
    return result


@attrs.frozen
class Tradeoff(Rendered):
    """How one option compares with another, criterion by criterion.

    Made by :meth:`powerbalance.Report.tradeoffs`. The differences are between the
    two options' contributions (each criterion's weighted part of the score), so for
    additive methods (weighted sum, PROMETHEE II) they add up to the difference in
    score; for the others they show where the options differ on the weighted scale.

    Attributes
    ----------
    first, second : str
        The two options; positive differences favour ``first``.
    criteria, areas : tuple of str
        The criteria, and the area of each.
    differences : numpy.ndarray
        ``first``'s contribution minus ``second``'s, per criterion.
    score_difference : float
        ``first``'s score minus ``second``'s.
    additive : bool
        Whether the differences add up to ``score_difference``.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
    >>> t = report.tradeoffs("Targeted cooperation", "Technology investment")
    >>> round(float(t.differences.sum()), 12) == round(t.score_difference, 12)
    True
    """

    first: str
    second: str
    criteria: tuple[str, ...]
    areas: tuple[str, ...]
    differences: FloatArray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal), repr=False)
    score_difference: float
    additive: bool

    def to_frame(self) -> pd.DataFrame:
        """Every criterion's difference, largest gain first, largest sacrifice last.

        Returns
        -------
        pandas.DataFrame
            Index ``criterion``; columns ``area`` and ``difference`` (positive where
            ``first`` gains).

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> list(report.tradeoffs("Status quo", "Confrontation").to_frame().columns)
        ['area', 'difference']
        """
        frame = pd.DataFrame(
            {"area": list(self.areas), "difference": self.differences},
            index=pd.Index(list(self.criteria), name="criterion"),
        )
        return frame.sort_values("difference", ascending=False, kind="stable")

    def by_area(self) -> pd.Series:
        """The net difference per area, in the order the areas first appear.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> report.tradeoffs("Status quo", "Confrontation").by_area().index[0]
        'Economic'
        """
        frame = pd.DataFrame({"area": list(self.areas), "difference": self.differences})
        areas = list(dict.fromkeys(self.areas))
        return frame.groupby("area", sort=False)["difference"].sum().reindex(areas)

    @property
    def gains(self) -> pd.Series:
        """The criteria where ``first`` does better, largest first."""
        frame = self.to_frame()
        return frame.loc[frame["difference"] > 0, "difference"]

    @property
    def sacrifices(self) -> pd.Series:
        """The criteria where ``first`` does worse, largest sacrifice first."""
        frame = self.to_frame()
        return frame.loc[frame["difference"] < 0, "difference"][::-1]

    def summary(self) -> str:
        """One sentence: which areas carry the difference and which are given up.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> report.tradeoffs("Status quo", "Status quo").summary()
        'Status quo and Status quo do not differ on any criterion.'
        """
        gains, losses = gains_and_losses(self.by_area().to_dict())
        if not gains and not losses:
            return f"{self.first} and {self.second} do not differ on any criterion."
        gained, given_up = join_words(gains[:2]), join_words(losses[:2])
        difference = self.score_difference
        if abs(difference) < NEGLIGIBLE:
            sentence = f"{self.first} and {self.second} score {margin(difference)} apart"
            sentence += f": {self.first} gains on {gained}" if gains else ""
            if losses:
                sentence += f"{' and gives up' if gains else f': {self.first} gives up'} {given_up}"
        elif difference > 0:
            sentence = f"{self.first} beats {self.second} by {margin(difference)}"
            if gains:
                sentence += f" mainly on {gained}"
            if losses:
                sentence += f"{' but' if gains else ' and'} gives up {given_up}"
        else:
            sentence = f"{self.first} trails {self.second} by {margin(difference)}"
            if losses:
                sentence += f": it gives up most on {given_up}"
            if gains:
                sentence += f"{' and gains' if losses else ': it gains'} on {gained}"
        return sentence + "."

    def _table(self) -> Table:
        frame = self.to_frame()
        return Table(
            f"{self.first} against {self.second} (weighted differences)",
            ["Criterion", "Area", "Difference"],
            [
                [str(c), str(a), signed(d)]
                for c, a, d in zip(frame.index, frame["area"], frame["difference"], strict=True)
            ],
            "<<>",
        )

    def _blocks(self) -> list[Paragraph | Table]:
        """The summary and the table, with a caveat when the differences do not add up."""
        blocks: list[Paragraph | Table] = [Paragraph(self.summary()), self._table()]
        if not self.additive:
            blocks.append(
                Paragraph(
                    "The method does not add up contributions, so these differences show "
                    "where the two options differ on the weighted scale, not how the "
                    "score difference is made up."
                )
            )
        return blocks

    def _document(self) -> Document:
        return Document(
            f"{self.first} against {self.second}",
            self._blocks(),
            f"powerbalance {__version__}.",
        )

    def to_dict(self) -> dict[str, Any]:
        """The trade-off as plain Python data (JSON-ready), tagged :data:`TRADEOFF_SCHEMA`.

        Keys: ``schema``; ``first``, ``second``; ``score_difference``; ``additive``;
        ``differences`` (records of ``criterion``, ``area``, ``difference``, largest
        gain first, as :meth:`to_frame`); ``by_area`` (area -> net difference);
        ``summary``; ``version``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
        >>> d = report.tradeoffs("Engage", "Contain").to_dict()
        >>> d["first"], sorted(d["by_area"])
        ('Engage', ['Economic', 'Security'])
        """
        frame = self.to_frame()
        result: dict[str, Any] = plain(
            {
                "schema": TRADEOFF_SCHEMA,
                "first": self.first,
                "second": self.second,
                "score_difference": self.score_difference,
                "additive": self.additive,
                "differences": frame.reset_index().to_dict(orient="records"),
                "by_area": self.by_area().to_dict(),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return result
