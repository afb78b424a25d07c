"""The result of an SMAA run: counts, and the indices and renderings made from them."""

from __future__ import annotations

import html
import json
import textwrap
from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._render import Table, join_words, number
from powerbalance._version import __version__
from powerbalance.errors import (
    InvalidParameterError,
)
from powerbalance.evaluation.report import TEXT_WIDTH, describe
from powerbalance.methods import Method
from powerbalance.sensitivity.smaa._weights import WeightInformation

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]

__all__ = ["PAIRWISE_LIMIT", "SMAA_SCHEMA", "SMAAResult"]

PAIRWISE_LIMIT = 200
"""Above this many options, pairwise wins are counted only when asked for.

Examples
--------
>>> PAIRWISE_LIMIT
200
"""
SMAA_SCHEMA = "powerbalance.sensitivity.smaa/1"
"""Tag of :meth:`SMAAResult.to_dict`, naming the layout of the result's plain data.

Examples
--------
>>> SMAA_SCHEMA
'powerbalance.sensitivity.smaa/1'
"""

def _readonly(values: npt.ArrayLike, dtype: type) -> Any:
    array: npt.NDArray[Any] = np.array(values, dtype=dtype, copy=True)
    array.flags.writeable = False
    return array


def _int_array(values: npt.ArrayLike) -> IntArray:
    return _readonly(values, np.int64)  # type: ignore[no-any-return]


def _float_array(values: npt.ArrayLike) -> FloatArray:
    return _readonly(values, np.float64)  # type: ignore[no-any-return]


def _to_names(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(names)


_ARRAY_EQ = attrs.cmp_using(eq=np.array_equal)


@attrs.frozen
class SMAAResult:
    r"""What :func:`smaa` found: rank acceptabilities, central weights and more.

    Attributes
    ----------
    options, criteria : tuple of str
        Names, in the assessment's order.
    samples : int
        How many weight vectors were drawn.
    seed : int
        The seed; ``smaa(..., seed=result.seed)`` repeats the run exactly.
    method : Method
        The method the options were scored with (its description is in ``to_dict()``).
    weight_information : WeightInformation
        The distribution the weight vectors were drawn from.
    rank_counts : numpy.ndarray of int, shape (n_options, n_options)
        How many weight vectors put each option (row) at each rank (column, 1 first).
    win_counts : numpy.ndarray of int, shape (n_options, n_options)
        How many put the row option strictly above the column option.
    first_weight_sums : numpy.ndarray of float, shape (n_options, n_criteria)
        Sum of the weight vectors under which each option ranks first.
    central_confidence : numpy.ndarray of float, shape (n_options,)
        The confidence factor of each option (0 for an option that never ranks first).
    uncertain_cells : int
        How many scores were drawn from their distributions (0: the scores were fixed).

    Examples
    --------
    >>> import powerbalance as pb
    >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
    >>> r.samples, r.seed, r.rank_counts.shape
    (1000, 1, (7, 7))
    """

    options: tuple[str, ...] = attrs.field(converter=_to_names)
    criteria: tuple[str, ...] = attrs.field(converter=_to_names)
    samples: int
    seed: int
    method: Method
    weight_information: WeightInformation
    rank_counts: IntArray = attrs.field(converter=_int_array, eq=_ARRAY_EQ, repr=False)
    win_counts: IntArray = attrs.field(converter=_int_array, eq=_ARRAY_EQ, repr=False)
    first_weight_sums: FloatArray = attrs.field(converter=_float_array, eq=_ARRAY_EQ, repr=False)
    central_confidence: FloatArray = attrs.field(
        converter=_float_array, eq=_ARRAY_EQ, repr=False
    )
    pairwise: bool = attrs.field(default=True, kw_only=True)
    uncertain_cells: int = attrs.field(default=0, kw_only=True)

    # -- frames ---------------------------------------------------------------------------

    def _option_index(self) -> pd.Index:
        return pd.Index(self.options, name="option")

    def _rank_columns(self) -> pd.Index:
        return pd.Index(range(1, len(self.options) + 1), name="rank")

    @property
    def hits(self) -> pd.DataFrame:
        """How many weight vectors put each option at each rank (whole numbers).

        Returns
        -------
        pandas.DataFrame
            Index ``option``; columns the ranks 1 to n (``rank``).

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> int(r.hits.to_numpy().sum()) == 1_000 * 7
        True
        """
        return pd.DataFrame(
            self.rank_counts.copy(), index=self._option_index(), columns=self._rank_columns()
        )

    @property
    def acceptability(self) -> pd.DataFrame:
        r"""Rank acceptability indices :math:`b_i^r`: the share of weights giving rank *r*.

        Every row and every column sums to 1.

        Returns
        -------
        pandas.DataFrame
            Index ``option``; columns the ranks 1 to n (``rank``).

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> r.acceptability.sum().round(12).unique().tolist()
        [1.0]
        """
        return self.hits / self.samples

    @property
    def acceptability_se(self) -> pd.DataFrame:
        r"""Monte Carlo standard errors of :attr:`acceptability`: :math:`\sqrt{b(1-b)/N}`.

        Returns
        -------
        pandas.DataFrame
            Shaped and labelled like :attr:`acceptability`.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> bool((r.acceptability_se <= 0.5 / 1_000**0.5).all().all())
        True
        """
        share = self.rank_counts / self.samples
        return pd.DataFrame(
            np.sqrt(share * (1.0 - share) / self.samples),
            index=self._option_index(),
            columns=self._rank_columns(),
        )

    @property
    def never_first(self) -> tuple[str, ...]:
        """The options that rank first under none of the weight vectors drawn.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> "Confrontation" in r.never_first
        True
        """
        return tuple(
            name for name, n in zip(self.options, self.rank_counts[:, 0], strict=True) if n == 0
        )

    @property
    def central_weights(self) -> pd.DataFrame:
        """Each option's central weight vector: the mean of the weights that put it first.

        Options that never rank first have no central weights and are left out (see
        :attr:`never_first`).

        Returns
        -------
        pandas.DataFrame
            Index ``option`` (those that rank first at least once); one column per
            criterion (``criterion``); every row sums to 1.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> bool(np.allclose(r.central_weights.sum(axis=1), 1))
        True
        """
        firsts = self.rank_counts[:, 0]
        keep = firsts > 0
        central = self.first_weight_sums[keep] / firsts[keep, None]
        return pd.DataFrame(
            central,
            index=pd.Index(
                [n for n, k in zip(self.options, keep, strict=True) if k], name="option"
            ),
            columns=pd.Index(self.criteria, name="criterion"),
        )

    @property
    def confidence(self) -> pd.Series:
        """SMAA-2 confidence factors: how often each option ranks first under its central weights.

        The confidence factor is the probability that an option ranks first (ties
        included) when its central weights are used. With fixed scores it is 1 or 0;
        when scores are drawn from their distributions, it is the share of as many
        score draws as weight vectors. A low factor means the option wins only under
        scattered weightings, with no typical supporter, or that its win depends on
        how the uncertain scores turn out. Options that never rank first are left
        out, as in :attr:`central_weights`.

        Returns
        -------
        pandas.Series
            Index ``option``; name ``confidence``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> float(r.confidence["Targeted cooperation"])
        1.0
        """
        keep = self.rank_counts[:, 0] > 0
        return pd.Series(
            self.central_confidence[keep],
            index=pd.Index(
                [n for n, k in zip(self.options, keep, strict=True) if k], name="option"
            ),
            name="confidence",
        )

    @property
    def winning(self) -> pd.DataFrame:
        """Pairwise winning indices: the share of weights under which the row option wins.

        A win needs a score higher by more than the tie tolerance, so
        ``winning[i][j] + winning[j][i]`` is 1 less the share of ties.

        Returns
        -------
        pandas.DataFrame
            Index ``option`` (the winner); columns ``option`` (the loser); 0 on the
            diagonal.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> float(r.winning.loc["Targeted cooperation", "Confrontation"]) > 0.9
        True
        """
        if not self.pairwise:
            raise InvalidParameterError(
                f"Pairwise winning indices were not counted: comparing all "
                f"{len(self.options)} options pair by pair costs their number squared for "
                f"every weighting, so above {PAIRWISE_LIMIT} options it is done only on "
                f"request. Run smaa(..., pairwise=True) to count them."
            )
        return pd.DataFrame(
            self.win_counts / self.samples,
            index=self._option_index(),
            columns=pd.Index(self.options, name="option"),
        )

    @property
    def holistic(self) -> pd.Series:
        r"""Holistic acceptability indices with linear meta-weights.

        .. math:: a_i = \sum_{r=1}^{n} \alpha_r b_i^r, \qquad
            \alpha_r = \frac{n - r}{n - 1}

        so first place counts fully, last place not at all, and the places between in
        proportion: one of the choices of meta-weights, with
        :math:`1 = \alpha_1 \ge \dots \ge \alpha_n \ge 0`, that Lahdelma and Salminen
        (2001) give. With one option, :math:`\alpha_1 = 1`.

        Returns
        -------
        pandas.Series
            Index ``option``; name ``holistic``; from 0 to 1.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> r.holistic.idxmax()
        'Targeted cooperation'
        """
        n = len(self.options)
        ranks = np.arange(1, n + 1, dtype=np.float64)
        meta = (n - ranks) / (n - 1) if n > 1 else np.ones(1)
        values = self.acceptability.to_numpy() @ meta
        return pd.Series(values, index=self._option_index(), name="holistic")

    # -- rendering ------------------------------------------------------------------------

    def _order(self) -> list[int]:
        """Options by first-rank count, then holistic index, then assessment order."""
        holistic = self.holistic.to_numpy()
        return sorted(
            range(len(self.options)),
            key=lambda i: (-int(self.rank_counts[i, 0]), -holistic[i], i),
        )

    def summary(self) -> str:
        """How often each option ranks first, in one sentence, then the never-first ones.

        The ± figures are Monte Carlo standard errors.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=10_000, seed=1)
        >>> print(r.summary())  # doctest: +ELLIPSIS
        Targeted cooperation ranks first in 54.6% (± 0.5%) of 10,000 weightings drawn uniformly; ...
        """
        share = self.acceptability.to_numpy()[:, 0]
        se = self.acceptability_se.to_numpy()[:, 0]
        winners = [i for i in self._order() if self.rank_counts[i, 0] > 0]
        parts = []
        for k, i in enumerate(winners):
            figure = f"{_percent(share[i])} (± {_percent(se[i])})"
            if k == 0:
                parts.append(
                    f"{self.options[i]} ranks first in {figure} of {self.samples:,} weightings "
                    f"{self.weight_information._phrase()}{self._scores_phrase()}"
                )
            else:
                parts.append(f"{self.options[i]} in {figure}")
        sentence = "; ".join(parts) + "."
        never = list(self.never_first)
        if len(never) == 1:
            sentence += f" {never[0]} never ranks first."
        elif never:
            sentence += f" {join_words(never)} never rank first."
        return sentence

    def _overview(self) -> Table:
        share = self.acceptability.to_numpy()[:, 0]
        holistic = self.holistic.to_numpy()
        confident = dict(zip(self.confidence.index, self.confidence.to_numpy(), strict=True))
        rows = []
        for i in self._order():
            name = self.options[i]
            factor = confident.get(name)
            rows.append(
                [
                    name,
                    f"{100 * share[i]:.1f}",
                    number(holistic[i]),
                    "-" if factor is None else number(factor, 2 if self.uncertain_cells else 0),
                ]
            )
        return Table(
            "First-rank and holistic acceptability, and confidence factor",
            ["Option", "First (%)", "Holistic", "Confidence"],
            rows,
            "<>>>",
        )

    def _acceptability_tables(self, width: int | None) -> list[Table]:
        """Acceptabilities in percent, a row of standard errors under each option's row.

        With ``width``, the rank columns are split over several tables that each fit.
        """
        share = 100 * self.acceptability.to_numpy()
        se = 100 * self.acceptability_se.to_numpy()
        n = len(self.options)
        order = self._order()
        name_width = max(len("Option"), *(len(name) for name in self.options))
        cell_width = max(len(f"Rank {n}"), 6)
        per_table = n
        if width is not None:
            per_table = max(1, (width - name_width) // (cell_width + 2))
        tables = []
        for start in range(0, n, per_table):
            ranks = range(start, min(n, start + per_table))
            rows: list[list[str]] = []
            for i in order:
                rows.append([self.options[i], *(f"{share[i, r]:.1f}" for r in ranks)])
                rows.append(["", *(f"±{se[i, r]:.1f}" for r in ranks)])
            label = f"ranks {start + 1}-{ranks[-1] + 1}" if per_table < n else "each rank"
            tables.append(
                Table(
                    f"Share of {self.samples:,} weightings (%) giving {label}, ± standard error",
                    ["Option", *(f"Rank {r + 1}" for r in ranks)],
                    rows,
                    "<" + ">" * len(ranks),
                )
            )
        return tables

    def _compact_table(self) -> Table:
        share = 100 * self.acceptability.to_numpy()
        se = 100 * self.acceptability_se.to_numpy()
        n = len(self.options)
        return Table(
            f"Share of {self.samples:,} weightings (%) giving each rank, ± standard error",
            ["Option", *(f"Rank {r}" for r in range(1, n + 1))],
            [
                [self.options[i], *(f"{share[i, r]:.1f} ± {se[i, r]:.1f}" for r in range(n))]
                for i in self._order()
            ],
            "<" + ">" * n,
        )

    def _scores_phrase(self) -> str:
        cells = self.uncertain_cells
        if not cells:
            return ""
        what = "the uncertain score" if cells == 1 else f"the {cells} uncertain scores"
        return f", each with a fresh draw of {what}"

    def _footer(self) -> str:
        return f"Method {describe(self.method)}; seed {self.seed}."

    def __str__(self) -> str:
        tables = [t.to_text() for t in self._acceptability_tables(TEXT_WIDTH)]
        summary = _wrap(self.summary())
        return "\n\n".join([*tables, self._overview().to_text(), summary, self._footer()])

    def to_text(self) -> str:
        """The acceptabilities, an overview and the summary as text at most 100 columns wide.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> max(len(line) for line in r.to_text().splitlines()) <= 100
        True
        """
        return str(self)

    def to_markdown(self) -> str:
        """The acceptabilities, an overview and the summary as Markdown.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> r.to_markdown().startswith("**Share of 1,000 weightings")
        True
        """
        return "\n\n".join(
            [
                self._compact_table().to_markdown(),
                self._overview().to_markdown(),
                self.summary(),
                self._footer(),
            ]
        )

    def to_html(self) -> str:
        """The acceptabilities, an overview and the summary as an HTML fragment.

        Examples
        --------
        >>> import powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> r.to_html().startswith("<div")
        True
        """
        return (
            f'<div class="powerbalance-smaa">{self._compact_table().to_html()}'
            f"{self._overview().to_html()}<p>{html.escape(self.summary())}</p>"
            f"<p>{html.escape(self._footer())}</p></div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text.

        Examples
        --------
        >>> import json, powerbalance as pb
        >>> result = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=100, seed=1)
        >>> json.loads(result.to_json())["schema"]
        'powerbalance.sensitivity.smaa/1'
        """
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_dict(self) -> dict[str, Any]:
        """The result as plain Python data (JSON-ready), tagged :data:`SMAA_SCHEMA`.

        Examples
        --------
        >>> import json, powerbalance as pb
        >>> r = pb.sensitivity.smaa(pb.examples.load("great-power-cooperation").assessment, samples=1_000, seed=1)
        >>> d = json.loads(json.dumps(r.to_dict()))
        >>> d["schema"], d["seed"], d["samples"]
        ('powerbalance.sensitivity.smaa/1', 1, 1000)
        """
        central = self.central_weights
        return {
            "schema": SMAA_SCHEMA,
            "options": list(self.options),
            "criteria": list(self.criteria),
            "samples": self.samples,
            "seed": self.seed,
            "method": describe(self.method),
            "weight_information": repr(self.weight_information),
            "acceptability": _floats(self.acceptability.to_numpy()),
            "acceptability_se": _floats(self.acceptability_se.to_numpy()),
            "hits": self.rank_counts.tolist(),
            "winning": _floats(self.winning.to_numpy()) if self.pairwise else None,
            "central_weights": {
                str(name): dict(zip(self.criteria, _floats(row), strict=True))
                for name, row in zip(central.index, central.to_numpy(), strict=True)
            },
            "never_first": list(self.never_first),
            "confidence": {str(k): float(v) for k, v in self.confidence.items()},
            "holistic": {str(k): float(v) for k, v in self.holistic.items()},
            "uncertain_cells": self.uncertain_cells,
            "summary": self.summary(),
            "version": __version__,
        }


def _percent(share: float) -> str:
    """A share as a percentage: one decimal, or two significant digits below 0.1%."""
    if 0 < share < 0.001:
        return f"{100 * share:.2g}%"
    return f"{100 * share:.1f}%"


def _floats(values: FloatArray) -> Any:
    return np.asarray(values, dtype=np.float64).tolist()


def _wrap(text: str) -> str:
    return textwrap.fill(text, TEXT_WIDTH)


