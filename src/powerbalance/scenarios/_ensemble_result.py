"""Ensemble: how options fare across thousands of generated futures, and where they fail."""

from __future__ import annotations

import functools
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._labels import labels
from powerbalance._render import (
    Document,
    Paragraph,
    Rendered,
    Table,
    component,
    full_name,
    join_words,
    percent,
    plain,
)
from powerbalance._validate import Interval, check
from powerbalance._version import __version__
from powerbalance.methods import Method
from powerbalance.model import Assessment
from powerbalance.model.uncertainty import Distribution
from powerbalance.model.weights import Weights
from powerbalance.scenarios._discovery import Discovery, discover

__all__ = ["ENSEMBLE_SCHEMA", "ROBUST_RULES", "Ensemble"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]

ENSEMBLE_SCHEMA = "powerbalance.scenarios.ensemble/1"
"""The schema tag of :meth:`Ensemble.to_dict`.

Examples
--------
>>> ENSEMBLE_SCHEMA.split("/")[-1]
'1'
"""

ROBUST_RULES = ("expected", "maximin", "minimax_regret")
"""The rules by which :attr:`Ensemble.robust` chooses across the ensemble's futures.

Examples
--------
>>> ROBUST_RULES[0]
'expected'
"""

_RULE_WORDS = {
    "expected": "expected score",
    "maximin": "maximin",
    "minimax_regret": "minimax regret",
}


def _read_only(values: npt.ArrayLike, dtype: type) -> Any:
    array: npt.NDArray[Any] = np.array(values, dtype=dtype)
    array.flags.writeable = False
    return array


def _floats(values: npt.ArrayLike) -> FloatArray:
    return _read_only(values, np.float64)  # type: ignore[no-any-return]


def _counts(values: npt.ArrayLike) -> IntArray:
    return _read_only(values, np.int64)  # type: ignore[no-any-return]


@attrs.frozen
class Ensemble(Rendered):
    """Options scored in many generated futures under many weightings.

    Made by :func:`powerbalance.scenarios.ensemble`. It renders as every result does
    (:meth:`summary`, ``print``, :meth:`to_markdown`, :meth:`to_html`, :meth:`to_dict`,
    :meth:`to_json`); :meth:`to_frame` gives :attr:`robust`.

    Attributes
    ----------
    assessment : Assessment
        The central assessment.
    cell_names : tuple of (option, criterion)
        The cells that vary, in the order of :attr:`cell_values`' columns.
    distributions : tuple of Distribution
        What each cell was drawn from.
    cell_values : numpy.ndarray of shape (futures, cells)
        Each future's drawn values; read-only.
    first_counts : numpy.ndarray of int, shape (futures, options)
        Under how many weightings each option ranks first in each future (ties
        count for every tied option).
    robust_counts : numpy.ndarray of int, shape (options, 3)
        Under how many weightings each option is the robust choice by each of
        :data:`ROBUST_RULES`.
    weightings : int
        The weightings each future was scored under (1 for fixed weights).
    seed : int
        The seed of the draws.
    method : Method
        The aggregation method.
    weighting : object
        The weighting scheme of fixed weights, or None when they were drawn.
    weights : Weights or None
        The fixed weights, or None when they were drawn.
    weight_information : WeightInformation or None
        What the weights were drawn from, or None for fixed weights.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> e = pb.scenarios.ensemble(a, futures=500, seed=0)
    >>> e.robust.columns.tolist()
    ['expected', 'maximin', 'minimax_regret']
    """

    assessment: Assessment = attrs.field(repr=False)
    cell_names: tuple[tuple[str, str], ...]
    distributions: tuple[Distribution, ...] = attrs.field(repr=False)
    cell_values: FloatArray = attrs.field(
        converter=_floats, eq=attrs.cmp_using(eq=np.array_equal), repr=False
    )
    first_counts: IntArray = attrs.field(
        converter=_counts, eq=attrs.cmp_using(eq=np.array_equal), repr=False
    )
    robust_counts: IntArray = attrs.field(
        converter=_counts, eq=attrs.cmp_using(eq=np.array_equal), repr=False
    )
    weightings: int
    seed: int
    method: Method
    weighting: object = None
    weights: Weights | None = attrs.field(default=None, repr=False)
    weight_information: object = None

    # -- the numbers --------------------------------------------------------------------

    @property
    def futures(self) -> int:
        """How many futures were drawn."""
        return len(self.first_counts)

    @property
    def cells(self) -> pd.DataFrame:
        """Futures x cells: each future's drawn values (columns by option and criterion)."""
        columns = pd.MultiIndex.from_tuples(self.cell_names, names=["option", "criterion"])
        return pd.DataFrame(
            np.array(self.cell_values),
            index=pd.RangeIndex(self.futures, name="future"),
            columns=columns,
        )

    @property
    def first_share(self) -> pd.DataFrame:
        """Futures x options: share of the weightings under which the option ranks first.

        Tied options all rank first, so a row may add up to more than 1.
        """
        return pd.DataFrame(
            self.first_counts / self.weightings,
            index=pd.RangeIndex(self.futures, name="future"),
            columns=labels(self.assessment.option_names, "option"),
        )

    @property
    def robust(self) -> pd.DataFrame:
        """Options x rules: share of weightings under which the option is the robust choice.

        Across the ensemble, every future equally likely: ``expected`` (highest mean
        score), ``maximin`` (highest worst score) and ``minimax_regret`` (lowest
        largest regret, the best score in a future minus the option's).
        """
        frame = pd.DataFrame(
            self.robust_counts / self.weightings,
            index=labels(self.assessment.option_names, "option"),
            columns=list(ROBUST_RULES),
        )
        frame.columns.name = "rule"
        return frame

    @functools.cached_property
    def _mean_first(self) -> FloatArray:
        return np.asarray(self.first_counts.mean(axis=0) / self.weightings, dtype=np.float64)

    @functools.cached_property
    def _holding(self) -> npt.NDArray[np.bool_]:
        """Futures x options: first under at least half the weightings."""
        return np.asarray(2 * self.first_counts >= self.weightings)

    @property
    def leader(self) -> str:
        """The option that ranks first most often over all futures and weightings.

        The first in the assessment's order on a tie.
        """
        return self.assessment.option_names[int(np.argmax(self._mean_first))]

    @property
    def holds(self) -> float:
        """Share of futures in which the leader ranks first under at least half the weightings."""
        return float(self._holding[:, self.assessment.option_index(self.leader)].mean())

    def discover(self, option: str | None = None, *, min_coverage: float = 0.5) -> Discovery:
        """Which cells' values separate the futures where ``option`` fails from the others.

        An option fails in a future when it ranks first under fewer than half the
        weightings. See :func:`~powerbalance.scenarios._discovery.discover` for the
        box and the criterion: the highest density among boxes of one or two cells
        keeping at least ``min_coverage`` of the failures.

        Parameters
        ----------
        option : str, optional
            The option; by default :attr:`leader`.
        min_coverage : float, default 0.5
            Share of the failures the rule must keep, in (0, 1].

        Raises
        ------
        UnknownNameError
            ``option`` is not an option of the assessment.
        InvalidParameterError
            ``min_coverage`` is not in (0, 1].

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> found = pb.scenarios.ensemble(a, futures=1_000, seed=0).discover()
        >>> 0 < found.coverage <= 1
        True
        """
        check(
            "Ensemble.discover",
            "min_coverage",
            min_coverage,
            Interval(0, 1, closed="right"),
            fix="Use 0.5 to keep half the failures inside the rule.",
        )
        name = self.leader if option is None else option
        column = self.assessment.option_index(name)
        return discover(
            name,
            self.cell_names,
            self.cell_values,
            ~self._holding[:, column],
            min_coverage=float(min_coverage),
        )

    # -- words and renderers ------------------------------------------------------------

    def _weights_words(self) -> str:
        if self.weight_information is None:
            return f"one weighting ({full_name(self.weighting)})"
        words = getattr(self.weight_information, "in_words", None)
        how = words() if callable(words) else "drawn"
        return f"{self.weightings:,} weightings ({how})"

    def summary(self) -> str:
        """The leader, how often it holds, the robust choice by rule, and where it fails.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> pb.scenarios.ensemble(a, futures=300, seed=0).summary().startswith("Across 300")
        True
        """
        names = self.assessment.option_names
        robust = self.robust_counts / self.weightings
        parts = []
        for r, rule in enumerate(ROBUST_RULES):
            top = int(np.argmax(robust[:, r]))
            parts.append(f"{_RULE_WORDS[rule]}, {names[top]} ({percent(robust[top, r])})")
        holds = (
            f"in {percent(self.holds)} of the futures"
            if self.weightings == 1
            else f"under at least half the weightings in {percent(self.holds)} of the futures"
        )
        robust_words = (
            f"The robust choice across the ensemble, futures equally likely: {join_words(parts)}."
            if self.weightings == 1
            else "The robust choice across the ensemble, futures equally likely, is most "
            f"often: {join_words(parts)}."
        )
        return (
            f"Across {self.futures:,} futures drawn on {len(self.cell_names)} cells, under "
            f"{self._weights_words()}, {self.leader} ranks first most often: {holds}. "
            f"{robust_words} {self.discover().sentence()}"
        )

    def _document(self) -> Document:
        names = self.assessment.option_names
        share = self._holding.mean(axis=0)
        order = np.lexsort((np.arange(len(names)), -self._mean_first))
        holds = Table(
            "First place across the futures",
            ["Option", "Mean share of weightings first", "Futures where it holds"],
            [[names[i], percent(self._mean_first[i]), percent(share[i])] for i in order],
            "<>>",
        )
        robust = self.robust_counts / self.weightings
        rules = Table(
            "Robust choice across the ensemble: share of weightings",
            ["Option", *(_RULE_WORDS[rule].capitalize() for rule in ROBUST_RULES)],
            [[names[i], *(percent(v) for v in robust[i])] for i in order],
            "<" + ">" * len(ROBUST_RULES),
        )
        found = self.discover()
        rule_rows = [[c.in_words()] for c in found.rule] or [["(no rule)"]]
        discovery = Table(
            f"Where {found.option} fails: coverage {percent(found.coverage)}, density "
            f"{percent(found.density)}, base rate {percent(found.base_rate)}",
            ["Condition"],
            rule_rows,
            "<",
        )
        provenance = (
            f"Method: {full_name(self.method)}. Futures: {self.futures:,}, each cell drawn "
            f"from its distribution (seed {self.seed}). powerbalance {__version__}."
        )
        return Document(
            f"{self.assessment.name or 'Assessment'}: {self.futures:,} generated futures",
            [Paragraph(self.summary()), holds, rules, discovery],
            provenance,
        )

    def to_frame(self) -> pd.DataFrame:
        """The robust choices' shares, as :attr:`robust`: options x rules."""
        return self.robust

    def to_dict(self) -> dict[str, Any]:
        """The ensemble as plain Python data, tagged :data:`ENSEMBLE_SCHEMA`.

        Keys: ``schema``; ``options``; ``cells`` (records of ``option``,
        ``criterion``, ``distribution``); ``futures``; ``weightings``; ``seed``;
        ``cell_values`` (futures x cells); ``first_share`` (futures x options);
        ``robust`` (rule -> share per option); ``leader``; ``holds``; ``discovery``
        (:meth:`Discovery.to_dict`); ``method``; ``weighting`` (or null);
        ``weights`` (or null); ``weight_information`` (words, or null); ``summary``;
        ``version``.
        """
        robust = self.robust_counts / self.weightings
        data: dict[str, Any] = plain(
            {
                "schema": ENSEMBLE_SCHEMA,
                "options": list(self.assessment.option_names),
                "cells": [
                    {"option": o, "criterion": c, "distribution": d.describe()}
                    for (o, c), d in zip(self.cell_names, self.distributions, strict=True)
                ],
                "futures": self.futures,
                "weightings": self.weightings,
                "seed": self.seed,
                "cell_values": self.cell_values,
                "first_share": self.first_counts / self.weightings,
                "robust": {rule: robust[:, r] for r, rule in enumerate(ROBUST_RULES)},
                "leader": self.leader,
                "holds": self.holds,
                "discovery": self.discover().to_dict(),
                "method": component(self.method),
                "weighting": None if self.weighting is None else component(self.weighting),
                "weights": None if self.weights is None else dict(self.weights.items()),
                "weight_information": (
                    None if self.weight_information is None else self._weights_words()
                ),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data
