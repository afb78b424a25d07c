"""The result of an SMAA run: counts, and the indices and renderings made from them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._render import (
    Block,
    Document,
    Figure,
    Notes,
    Paragraph,
    Rendered,
    Table,
    component,
    full_name,
    in_words,
    join_words,
    number,
    percent,
    plain,
)
from powerbalance._render.svg import acceptability_bars
from powerbalance._validate import refuse
from powerbalance._version import __version__
from powerbalance.errors import InvalidParameterError
from powerbalance.methods import Method
from powerbalance.sensitivity.smaa._explain import reading_notes, tied
from powerbalance.sensitivity.smaa._weights import WeightInformation

if TYPE_CHECKING:
    from powerbalance.scenarios._probabilities import ProbabilityInformation

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
#: Beyond this many options a bar would be cut into more ranks than the eye can tell
#: apart, and the page would grow with their square; the tables still give every share.
_CHARTED_OPTIONS = 20

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


def _optional_float_array(values: npt.ArrayLike | None) -> FloatArray | None:
    return None if values is None else _float_array(values)


def _optional_equal(left: FloatArray | None, right: FloatArray | None) -> bool:
    if left is None or right is None:
        return left is right
    return bool(np.array_equal(left, right))


#: How each rule across scenarios is named in sentences.
_RULE_WORDS = {
    "expected": "expected score",
    "maximin": "maximin",
    "minimax_regret": "minimax regret",
    "hurwicz": "Hurwicz",
}


_ARRAY_EQ = attrs.cmp_using(eq=np.array_equal)


@attrs.frozen
class SMAAResult(Rendered):
    r"""What :func:`smaa` found: rank acceptabilities, central weights and more.

    It renders as every result does (:meth:`summary`, ``print``, :meth:`to_markdown`,
    :meth:`to_html`, :meth:`to_dict`, :meth:`to_json`); :meth:`to_frame` gives the
    rank acceptabilities, which the HTML draws as one stacked bar per option (for up to
    20 options; the tables give them all). A report quotes it with
    :meth:`powerbalance.evaluation.Report.with_sensitivity`.

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
    scenarios : tuple of str
        The scenarios the options were judged across (``smaa(..., scenarios=...)``);
        empty when they were judged on the central scores. With scenarios, "ranks
        first" means "is the robust choice": the best value of :attr:`rule` across them.
    rule : str or None
        The decision rule across the scenarios ("expected", "maximin",
        "minimax_regret" or "hurwicz"); None without scenarios.
    alpha : float or None
        The Hurwicz coefficient the run was given; None without scenarios.
    probability_information : ProbabilityInformation or None
        How the scenarios' probabilities were drawn; None without scenarios or for a
        rule that takes none.
    first_probability_sums : numpy.ndarray of float, shape (n_options, n_scenarios), or None
        Sum of the probability vectors under which each option is the robust choice.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1)
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
    central_confidence: FloatArray = attrs.field(converter=_float_array, eq=_ARRAY_EQ, repr=False)
    pairwise: bool = attrs.field(default=True, kw_only=True)
    uncertain_cells: int = attrs.field(default=0, kw_only=True)
    scenarios: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_to_names)
    rule: str | None = attrs.field(default=None, kw_only=True)
    alpha: float | None = attrs.field(default=None, kw_only=True)
    probability_information: ProbabilityInformation | None = attrs.field(default=None, kw_only=True)
    first_probability_sums: FloatArray | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_optional_float_array,
        eq=attrs.cmp_using(eq=_optional_equal),
        repr=False,
    )

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
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1)
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
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1)
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
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1)
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
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1)
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
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1)
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
    def central_probabilities(self) -> pd.DataFrame | None:
        """Each option's central probabilities: the mean of those making it the robust choice.

        The typical belief about the futures of someone who chooses the option. None
        unless probabilities were drawn (``smaa(..., scenarios=...)`` with the expected
        score); options that are never the robust choice are left out.

        Returns
        -------
        pandas.DataFrame or None
            Index ``option``; one column per scenario (``scenario``); rows sum to 1.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1, scenarios=True)
        >>> r.central_probabilities.shape[1]
        4
        """
        if self.first_probability_sums is None:
            return None
        firsts = self.rank_counts[:, 0]
        keep = firsts > 0
        return pd.DataFrame(
            self.first_probability_sums[keep] / firsts[keep, None],
            index=pd.Index(
                [n for n, k in zip(self.options, keep, strict=True) if k], name="option"
            ),
            columns=pd.Index(self.scenarios, name="scenario"),
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
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1)
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
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1)
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
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1)
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
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=10_000, seed=1)
        >>> print(r.summary())  # doctest: +ELLIPSIS +NORMALIZE_WHITESPACE
        Targeted cooperation ranks first in 54.6% (± 0.5%) of 10,000 weightings drawn
        uniformly; ...
        """
        share = self.rank_counts[:, 0] / self.samples
        se = self.acceptability_se.to_numpy()[:, 0]
        winners = [i for i in self._order() if self.rank_counts[i, 0] > 0]
        parts = []
        for k, i in enumerate(winners):
            figure = f"{percent(share[i])} (± {percent(se[i])})"
            if k == 0:
                parts.append(
                    f"{self.options[i]} {self._first_words()} in {figure} of "
                    f"{self.samples:,} weightings {self.weight_information.in_words()}"
                    f"{self._scores_phrase()}{self._futures_phrase()}"
                )
            else:
                parts.append(f"{self.options[i]} in {figure}")
        sentence = "; ".join(parts) + "."
        never = list(self.never_first)
        if never:
            sentence += f" {self._never_words(never)}."
        return sentence

    def robustness_sentence(self, *, leader: str | None = None) -> str:
        """The robustness statement a report quotes: how often an option ranks first.

        By default it speaks of the option that ranks first most often; with ``leader``
        (such as a report's first option) it speaks of that one, and names the option
        that ranks first more often when there is one.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1)
        >>> print(r.robustness_sentence())  # doctest: +ELLIPSIS
        Over 1,000 weightings drawn uniformly, Targeted cooperation ranks first in ...
        >>> print(r.robustness_sentence(leader="Status quo"))  # doctest: +ELLIPSIS
        Over 1,000 weightings drawn uniformly, Status quo ranks first in 0.0% ..., though ...
        """
        share = self.rank_counts[:, 0] / self.samples
        se = self.acceptability_se.to_numpy()[:, 0]
        order = self._order()
        if leader is None:
            best = order[0]
        elif leader in self.options:
            best = self.options.index(leader)
        else:
            raise refuse(
                "SMAAResult.robustness_sentence",
                "leader",
                leader,
                f"one of the options ({join_words(list(self.options))})",
                fix="Name an option of the assessment the SMAA was run on.",
            )
        sentence = (
            f"Over {self.samples:,} weightings {self.weight_information.in_words()}"
            f"{self._scores_phrase()}{self._futures_phrase()}, "
            f"{self.options[best]} {self._first_words()} in {percent(share[best])} "
            f"(± {percent(se[best])})"
        )
        others = [i for i in order if i != best and self.rank_counts[i, 0] > 0]
        if others and self.rank_counts[others[0], 0] > self.rank_counts[best, 0]:
            runner_up = self.options[others[0]]
            sentence += f", though {runner_up} does more often, in {percent(share[others[0]])}"
        elif others:
            sentence += f", {self.options[others[0]]} in {percent(share[others[0]])}"
        return sentence + "."

    def conflicts_with(self, ranking: tuple[str, ...]) -> str | None:
        """Why this result is not of a report ranking the options so, or None.

        SMAA belongs to a report of the same options; its leader may differ from the
        report's, which is what it is there to show.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> r = pb.sensitivity.smaa(a, samples=100, seed=1)
        >>> r.conflicts_with(("Contain", "Engage")) is None
        True
        """
        if sorted(ranking) == sorted(self.options):
            return None
        return (
            f"this SMAA result is of the options {list(self.options)!r}, but the report "
            f"ranks {list(ranking)!r}: run smaa() on the report's own assessment."
        )

    def _overview(self) -> Table:
        first = 100 * self.rank_counts[:, 0] / self.samples
        holistic = self.holistic.to_numpy()
        confident = dict(zip(self.confidence.index, self.confidence.to_numpy(), strict=True))
        rows = []
        for i in self._order():
            name = self.options[i]
            factor = confident.get(name)
            rows.append(
                [
                    name,
                    f"{first[i]:.1f}",
                    number(holistic[i]),
                    "-" if factor is None else number(factor, 2 if self.uncertain_cells else 0),
                ]
            )
        return Table(
            "First-rank and holistic acceptability, and confidence factor",
            [
                "Option",
                "Robust choice (%)" if self.scenarios else "First (%)",
                "Holistic",
                "Confidence",
            ],
            rows,
            "<>>>",
        )

    def _acceptability_table(self) -> Table:
        share = 100 * self.rank_counts / self.samples
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

    def _chart(self) -> Figure:
        """The rank acceptabilities as stacked bars, told in words for those who cannot see them."""
        order = self._order()
        share = self.rank_counts[:, 0] / self.samples
        firsts = [i for i in order if self.rank_counts[i, 0] > 0]
        words = ", ".join(
            f"{self.options[i]} {self._first_words()} in {percent(share[i])} of the "
            f"{self.samples:,} weightings"
            if k == 0
            else f"{self.options[i]} in {percent(share[i])}"
            for k, i in enumerate(firsts)
        )
        never = list(self.never_first)
        if never:
            words += f"; {self._never_words(never)}"
        return Figure(
            acceptability_bars(
                self.acceptability.iloc[order],
                axis_label=f"share of the {self.samples:,} weightings",
                description=f"{words}.",
            ),
            "How often each option takes each rank, as one bar per option split from first "
            f"place (darkest) to last: {words}. Every share is in the table that follows.",
            "Each bar adds up to 100%; the table that follows gives every share with its "
            "standard error.",
        )

    def _first_words(self) -> str:
        return "is the robust choice" if self.scenarios else "ranks first"

    def _never_words(self, never: list[str]) -> str:
        if self.scenarios:
            verb = "is" if len(never) == 1 else "are"
            return f"{join_words(never)} {verb} never the robust choice"
        return f"{join_words(never)} never rank{'s' if len(never) == 1 else ''} first"

    def _rule_phrase(self) -> str:
        """The rule across the scenarios, and how their probabilities were drawn."""
        rule = _RULE_WORDS.get(str(self.rule), str(self.rule))
        if self.rule == "hurwicz":
            rule += f", alpha {self.alpha:g}"
        if self.probability_information is not None:
            rule += f", probabilities {self.probability_information.in_words()}"
        return rule

    def _futures_phrase(self) -> str:
        if not self.scenarios:
            return ""
        return f", across {len(self.scenarios):,} futures ({self._rule_phrase()})"

    def _central_probabilities_table(self) -> Table:
        central = self.central_probabilities
        assert central is not None
        futures = "; ".join(f"{k} {name}" for k, name in enumerate(self.scenarios, start=1))
        return Table(
            "Central probabilities: the mean probability of each future when the option is "
            f"the robust choice (futures {futures})",
            ["Option", *(f"Future {k}" for k in range(1, len(self.scenarios) + 1))],
            [
                [str(name), *(number(value, 3) for value in row)]
                for name, row in zip(central.index, central.to_numpy(), strict=True)
            ],
            "<" + ">" * len(self.scenarios),
        )

    def _scenario_note(self) -> str:
        note = (
            f"Across futures: every weighting scores each option in each of the "
            f"{len(self.scenarios)} futures, and the option with the best "
            f"{_RULE_WORDS.get(str(self.rule), str(self.rule))} across them is that "
            f"weighting's robust choice; ranks, shares and confidence factors are of that "
            f"value."
        )
        if self.probability_information is not None:
            note += (
                " Each weighting comes with its own probabilities of the futures, drawn "
                f"{self.probability_information.in_words().removeprefix('drawn ')}; the "
                "central probabilities are the typical beliefs about the futures of those "
                "who choose the option."
            )
        return note

    def _scores_phrase(self) -> str:
        cells = self.uncertain_cells
        if not cells:
            return ""
        what = "the uncertain score" if cells == 1 else f"the {cells} uncertain scores"
        return f", each with a fresh draw of {what}"

    def _document(self) -> Document:
        provenance = (
            f"Method: {full_name(self.method)}. Weights: {full_name(self.weight_information)}, "
            f"{self.weight_information.in_words()}. "
            + (
                f"Futures: {'; '.join(self.scenarios)} ({self._rule_phrase()}). "
                if self.scenarios
                else ""
            )
            + f"Seed {self.seed}; powerbalance {__version__}."
        )
        ties = self.pairwise and tied(self.win_counts, self.samples)
        notes = reading_notes(uncertain_cells=self.uncertain_cells, ties=ties)
        if self.scenarios:
            notes[0] = (
                "Robust choice (%): the share of the weightings drawn under which the "
                "option is the robust choice across the futures."
            )
            notes.append(self._scenario_note())
        blocks: list[Block] = [Paragraph(self.summary())]
        if len(self.options) <= _CHARTED_OPTIONS:
            blocks.append(self._chart())
        blocks += [
            self._acceptability_table(),
            self._overview(),
        ]
        if self.first_probability_sums is not None and self.rank_counts[:, 0].any():
            blocks.append(self._central_probabilities_table())
        blocks.append(Notes("How to read these figures", notes))
        return Document(
            f"SMAA: {self.samples:,} weightings {self.weight_information.in_words()}, "
            f"ranked by {in_words(self.method)}{self._futures_phrase()}",
            blocks,
            provenance,
        )

    def to_frame(self) -> pd.DataFrame:
        """The rank acceptabilities, as :attr:`acceptability`: options x ranks.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> r = pb.sensitivity.smaa(a, samples=100, seed=1)
        >>> r.to_frame().equals(r.acceptability)
        True
        """
        return self.acceptability

    def to_dict(self) -> dict[str, Any]:
        """The result as plain Python data (JSON-ready), tagged :data:`SMAA_SCHEMA`.

        Keys: ``schema``; ``options``, ``criteria``; ``samples``, ``seed``;
        ``method`` (``name``, ``description``, ``words``, ``parameters``);
        ``weight_information`` (``name``, ``description``, ``words``: how the weights
        were drawn, ``parameters``); ``acceptability``, ``acceptability_se``,
        ``hits`` (options x ranks); ``winning`` (options x options, or null when not
        counted); ``central_weights`` (option -> criterion -> weight);
        ``never_first``; ``confidence`` and ``holistic`` (option -> value);
        ``uncertain_cells``; ``scenarios`` (names; empty without), ``rule`` and
        ``alpha`` (null without scenarios), ``probability_information`` (as
        ``weight_information``, or null), ``central_probabilities`` (option ->
        scenario -> probability, or null); ``summary``; ``version``.

        Examples
        --------
        >>> import json, powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> r = pb.sensitivity.smaa(a, samples=1_000, seed=1)
        >>> d = json.loads(json.dumps(r.to_dict()))
        >>> d["schema"], d["seed"], d["samples"], d["weight_information"]["words"]
        ('powerbalance.sensitivity.smaa/1', 1, 1000, 'drawn uniformly')
        """
        central = self.central_weights
        information = component(self.weight_information)
        information["words"] = self.weight_information.in_words()
        data: dict[str, Any] = plain(
            {
                "schema": SMAA_SCHEMA,
                "options": self.options,
                "criteria": self.criteria,
                "samples": self.samples,
                "seed": self.seed,
                "method": component(self.method),
                "weight_information": information,
                "acceptability": self.acceptability.to_numpy(),
                "acceptability_se": self.acceptability_se.to_numpy(),
                "hits": self.rank_counts,
                "winning": self.winning.to_numpy() if self.pairwise else None,
                "central_weights": {
                    str(name): dict(zip(self.criteria, row, strict=True))
                    for name, row in zip(central.index, central.to_numpy(), strict=True)
                },
                "never_first": self.never_first,
                "confidence": self.confidence.to_dict(),
                "holistic": self.holistic.to_dict(),
                "uncertain_cells": self.uncertain_cells,
                "scenarios": self.scenarios,
                "rule": self.rule,
                "alpha": self.alpha,
                "probability_information": self._probability_dict(),
                "central_probabilities": self._central_probabilities_dict(),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data

    def _probability_dict(self) -> dict[str, Any] | None:
        if self.probability_information is None:
            return None
        information = component(self.probability_information)
        information["words"] = self.probability_information.in_words()
        return information

    def _central_probabilities_dict(self) -> dict[str, dict[str, float]] | None:
        central = self.central_probabilities
        if central is None:
            return None
        return {
            str(name): dict(zip(self.scenarios, row, strict=True))
            for name, row in zip(central.index, central.to_numpy(), strict=True)
        }
