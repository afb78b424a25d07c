"""Scenario discovery: which cells' values separate the futures where an option fails.

The simplest honest form of PRIM's box (Friedman and Fisher 1999) as scenario
discovery uses it (Bryant and Lempert 2010): a threshold on one cell, then greedily a
second cell, the box judged by its coverage and density.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._render import Document, Paragraph, Rendered, Table, percent, plain
from powerbalance._version import __version__

__all__ = ["DISCOVERY_SCHEMA", "Condition", "Discovery", "discover"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

# Rounds of choosing each threshold of a two-cell box again with the other in place.
_ROUNDS = 4

DISCOVERY_SCHEMA = "powerbalance.scenarios.discovery/1"
"""The schema tag of :meth:`Discovery.to_dict`.

Examples
--------
>>> DISCOVERY_SCHEMA.split("/")[-1]
'1'
"""


@attrs.frozen
class Condition:
    """One side of a box: a cell's value at most or at least a threshold.

    Examples
    --------
    >>> print(Condition(("Engage", "Conflict risk"), ">=", 6.5).in_words())
    Conflict risk of Engage >= 6.5
    """

    cell: tuple[str, str]
    side: str
    threshold: float

    def in_words(self) -> str:
        """The condition as a reader says it: criterion of option, side, threshold."""
        option, criterion = self.cell
        return f"{criterion} of {option} {self.side} {self.threshold:.4g}"

    def holds(self, values: FloatArray) -> BoolArray:
        """Which of a cell's values meet the condition."""
        if self.side == "<=":
            return np.asarray(values <= self.threshold)
        return np.asarray(values >= self.threshold)


@attrs.frozen
class Discovery(Rendered):
    """The box of futures in which an option fails, found by :func:`discover`.

    Attributes
    ----------
    option : str
        The option whose failures are explained.
    rule : tuple of Condition
        The box: every condition holds inside it. Empty when no box does better than
        all futures (or the option never fails).
    coverage : float
        Share of the failures inside the box.
    density : float
        Share of the futures inside the box that are failures.
    base_rate : float
        Share of all futures that are failures: the density of no rule at all.
    failures, futures, inside : int
        How many futures fail, in all, and inside the box.
    min_coverage : float
        The coverage the box had to keep.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.linspace(0, 1, 101)[:, None]
    >>> found = discover("A", [("A", "X")], x, x[:, 0] > 0.7)
    >>> (found.coverage, found.density)
    (1.0, 1.0)
    """

    option: str
    rule: tuple[Condition, ...]
    coverage: float
    density: float
    base_rate: float
    failures: int
    futures: int
    inside: int
    min_coverage: float = 0.5

    def sentence(self) -> str:
        """The rule in words, with its coverage and density against the base rate."""
        if not self.failures:
            return f"{self.option} holds in every one of the {self.futures:,} futures."
        if self.failures == self.futures:
            return f"{self.option} fails in every one of the {self.futures:,} futures."
        if not self.rule:
            return (
                f"{self.option} fails in {percent(self.base_rate)} of the futures, and no "
                f"threshold on one or two cells keeps {percent(self.min_coverage)} of the "
                "failures while finding them more often than that."
            )
        where = " and ".join(condition.in_words() for condition in self.rule)
        return (
            f"{self.option} fails mostly where {where}: {percent(self.coverage)} of its "
            f"failures lie there (coverage), and {percent(self.density)} of the futures "
            f"there are failures (density), against {percent(self.base_rate)} of all "
            "futures."
        )

    def summary(self) -> str:
        """The same as :meth:`sentence`."""
        return self.sentence()

    def _document(self) -> Document:
        rows = [[c.in_words()] for c in self.rule] or [["(all futures)"]]
        table = Table(
            "Rule",
            ["Condition"],
            rows,
            "<",
        )
        measures = Table(
            "How well the rule separates failures from holds",
            ["Measure", "Value"],
            [
                ["Coverage (failures inside / failures)", percent(self.coverage)],
                ["Density (failures inside / futures inside)", percent(self.density)],
                ["Base rate (failures / futures)", percent(self.base_rate)],
                ["Futures inside", f"{self.inside:,} of {self.futures:,}"],
            ],
            "<>",
        )
        return Document(
            f"Where {self.option} fails",
            [Paragraph(self.sentence()), table, measures],
            f"Box: density maximized with coverage at least {percent(self.min_coverage)}. "
            f"powerbalance {__version__}.",
        )

    def to_dict(self) -> dict[str, Any]:
        """The discovery as plain Python data, tagged :data:`DISCOVERY_SCHEMA`.

        Keys: ``schema``, ``option``, ``rule`` (records of ``option``, ``criterion``,
        ``side``, ``threshold``), ``coverage``, ``density``, ``base_rate``,
        ``failures``, ``futures``, ``inside``, ``min_coverage``, ``summary``,
        ``version``.
        """
        data: dict[str, Any] = plain(
            {
                "schema": DISCOVERY_SCHEMA,
                "option": self.option,
                "rule": [
                    {
                        "option": c.cell[0],
                        "criterion": c.cell[1],
                        "side": c.side,
                        "threshold": c.threshold,
                    }
                    for c in self.rule
                ],
                "coverage": self.coverage,
                "density": self.density,
                "base_rate": self.base_rate,
                "failures": self.failures,
                "futures": self.futures,
                "inside": self.inside,
                "min_coverage": self.min_coverage,
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data


def discover(
    option: str,
    cells: Sequence[tuple[str, str]],
    values: FloatArray,
    fails: BoolArray,
    *,
    min_coverage: float = 0.5,
) -> Discovery:
    """The one- or two-cell box that best separates the futures where ``option`` fails.

    **Criterion.** Among boxes that keep at least ``min_coverage`` of the failures,
    the one of highest density; on equal density the one of higher coverage, then
    the first cell. First every single-cell threshold ``cell <= t`` or ``cell >= t``
    (``t`` halfway between neighbouring values drawn) is tried; then, within the
    best such box, a threshold on each other cell; the second condition is kept only
    if it raises the density; then each threshold is chosen again with the other in
    place, while that improves the box. Coverage is the share of failures inside the box,
    density the share of futures inside that fail (Bryant and Lempert 2010).

    Parameters
    ----------
    option : str
        The option, for the words.
    cells : sequence of (option, criterion)
        The cells, one per column of ``values``.
    values : numpy.ndarray of shape (futures, cells)
        Each future's value of each cell.
    fails : numpy.ndarray of bool, shape (futures,)
        Whether the option fails in each future.
    min_coverage : float, default 0.5
        The share of failures a box must keep.

    References
    ----------
    Friedman, J. H. and Fisher, N. I. (1999). Bump hunting in high-dimensional data.
    Statistics and Computing 9(2), 123-143.
    Bryant, B. P. and Lempert, R. J. (2010). Thinking inside the box: a participatory,
    computer-assisted approach to scenario discovery. Technological Forecasting and
    Social Change 77(1), 34-49.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x = rng.random((1_000, 2))
    >>> found = discover("A", [("A", "X"), ("A", "Y")], x, (x[:, 0] > 0.6) & (x[:, 1] < 0.5))
    >>> [c.in_words()[:8] for c in found.rule], found.density
    (['X of A >', 'Y of A <'], 1.0)
    """
    fails = np.asarray(fails, dtype=bool)
    total, failures = len(fails), int(fails.sum())
    everyone = np.ones(total, dtype=bool)
    base = failures / total

    def result(rule: tuple[Condition, ...], inside: BoolArray) -> Discovery:
        held = int(inside.sum())
        caught = int(fails[inside].sum())
        return Discovery(
            option=option,
            rule=rule,
            coverage=caught / failures if failures else 0.0,
            density=caught / held if held else 0.0,
            base_rate=base,
            failures=failures,
            futures=total,
            inside=held,
            min_coverage=float(min_coverage),
        )

    if failures in (0, total):
        return result((), everyone)
    columns = {cell: j for j, cell in enumerate(cells)}
    search = range(len(cells))
    first = _best_threshold(cells, values, fails, everyone, failures, min_coverage, search)
    if first is None or first[1] <= base:
        return result((), everyone)
    one = first[0]
    inside = one.holds(values[:, columns[one.cell]])
    others = [j for j in search if j != columns[one.cell]]
    second = _best_threshold(cells, values, fails, inside, failures, min_coverage, others)
    if second is None or second[1] <= first[1]:
        return result((one,), inside)
    rule = [one, second[0]]
    measures = (second[1], second[2])
    # The first threshold was chosen alone: with the second in place it may widen,
    # and the second with it. A few rounds settle them.
    for _ in range(_ROUNDS):
        improved = False
        for i in (0, 1):
            other = rule[1 - i]
            again = _best_threshold(
                cells,
                values,
                fails,
                other.holds(values[:, columns[other.cell]]),
                failures,
                min_coverage,
                [columns[rule[i].cell]],
            )
            if again is not None and (again[1], again[2]) > measures:
                rule[i], measures, improved = again[0], (again[1], again[2]), True
        if not improved:
            break
    inside = rule[0].holds(values[:, columns[rule[0].cell]])
    inside &= rule[1].holds(values[:, columns[rule[1].cell]])
    return result((rule[0], rule[1]), inside)


def _best_threshold(
    cells: Sequence[tuple[str, str]],
    values: FloatArray,
    fails: BoolArray,
    within: BoolArray,
    failures: int,
    min_coverage: float,
    search: Sequence[int],
) -> tuple[Condition, float, float] | None:
    """The best condition on one cell within the futures ``within``.

    As (condition, density, coverage), or None when no condition keeps the coverage.
    """
    best: tuple[Condition, float, float] | None = None
    for j in search:
        cell = cells[j]
        column = values[within, j]
        failed = fails[within]
        order = np.argsort(column, kind="stable")
        sorted_values, sorted_fails = column[order], failed[order]
        # Cut only between distinct values: a cut index c keeps the first c (<=) or the rest.
        cuts = np.flatnonzero(np.diff(sorted_values) > 0) + 1
        if not len(cuts):
            continue
        caught = np.concatenate([[0], np.cumsum(sorted_fails)])
        size = len(sorted_values)
        thresholds = (sorted_values[cuts - 1] + sorted_values[cuts]) / 2
        for side, inside_fails, inside_count in (
            ("<=", caught[cuts], cuts),
            (">=", caught[-1] - caught[cuts], size - cuts),
        ):
            coverage = inside_fails / failures
            density = inside_fails / inside_count
            allowed = coverage >= min_coverage
            if not allowed.any():
                continue
            # Highest density, then highest coverage: lexsort's last key is the first.
            pick = np.flatnonzero(allowed)
            chosen = pick[np.lexsort((-coverage[pick], -density[pick]))[0]]
            candidate = (
                Condition(cell, side, float(thresholds[chosen])),
                float(density[chosen]),
                float(coverage[chosen]),
            )
            if best is None or (candidate[1], candidate[2]) > (best[1], best[2]):
                best = candidate
    return best
