"""The result of an evaluation: ranking, contributions, benefits and risks by area.

A :class:`Report` is frozen; its frames are computed on first access and returned
as new DataFrames each time the attribute is read, so editing one cannot change the
report.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import textwrap
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._render.html import contribution_bars, page, styled
from powerbalance._labels import hand_out, labels
from powerbalance._render import Table, join_words, number, signed
from powerbalance._version import __version__
from powerbalance.errors import InvalidParameterError
from powerbalance.methods import Method, PreparedMethod
from powerbalance.model import Assessment
from powerbalance.methods.ranking import rank_and_order
from powerbalance.evaluation.tradeoffs import Tradeoff, dominance_pairs, efficient, largest_first
from powerbalance.model.weights import Weights

if TYPE_CHECKING:
    # At run time the check below imports it: sensitivity imports SMAA, which renders
    # with this module's helpers.
    from powerbalance.sensitivity import Stability

__all__ = ["REPORT_SCHEMA", "Report"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

REPORT_SCHEMA = "powerbalance.evaluation.report/1"
"""The schema tag of :meth:`Report.to_dict`; it changes when the layout does.

Examples
--------
>>> import json
>>> import powerbalance as pb
>>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
>>> json.loads(report.to_json())["schema"] == REPORT_SCHEMA
True
"""

_MEASURES = ("benefit", "risk", "net")

#: Above this many options the summary leaves out dominance, whose check compares
#: every pair; :attr:`Report.dominance` still computes it on request.
SUMMARY_DOMINANCE_LIMIT = 500

#: The width the text rendering keeps to.
TEXT_WIDTH = 100


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


def _parameters(component: object) -> dict[str, Any]:
    if attrs.has(type(component)):
        return attrs.asdict(component, recurse=True)  # type: ignore[arg-type]
    return {}


@attrs.frozen
class Report:
    """What an evaluation found, and why.

    Made by :func:`powerbalance.evaluation.evaluate`; not usually built by hand.

    Attributes
    ----------
    assessment : Assessment
        What was evaluated.
    weights : Weights
        The weights used.
    method : Method
        The aggregation method used.
    weighting : object
        The weighting scheme (or fixed weights) the weights came from.
    scores : numpy.ndarray of shape (n_options,)
        The method's score of each option, in the assessment's option order, higher
        is better; read-only.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment, method="topsis")
    >>> list(report.ranking.columns)
    ['rank', 'score', 'vs_baseline', 'distance_to_ideal', 'distance_to_anti_ideal']
    >>> report.by_area.columns.names
    FrozenList(['area', 'measure'])
    """

    assessment: Assessment = attrs.field(repr=False)
    weights: Weights = attrs.field(repr=False)
    method: Method
    weighting: object
    scores: FloatArray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal), repr=False)
    prepared: PreparedMethod = attrs.field(eq=False, repr=False)
    sensitivity: Stability | None = attrs.field(default=None, eq=False, repr=False)

    def with_sensitivity(self, sensitivity: Stability) -> Report:
        """The same report with a stability analysis attached.

        The summary then says how far a single weight can move before the top option
        changes (see :func:`powerbalance.sensitivity.stability`).

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> report = pb.evaluate(a).with_sensitivity(pb.sensitivity.stability(a))
        >>> "remains first unless" in report.summary()
        True
        """
        from powerbalance.sensitivity import Stability

        if not isinstance(sensitivity, Stability):
            raise InvalidParameterError(
                f"with_sensitivity takes the result of pb.sensitivity.stability(...) for "
                f"the same assessment, weighting and method; got {type(sensitivity).__name__}."
            )
        if sensitivity.leader != str(self._ranking.index[0]) and not sensitivity.tied:
            raise InvalidParameterError(
                f"This stability analysis has {sensitivity.leader!r} first, but the report "
                f"ranks {self._ranking.index[0]!r} first: run stability() with the "
                f"report's own assessment, weighting and method."
            )
        return attrs.evolve(self, sensitivity=sensitivity)

    # -- the numbers --------------------------------------------------------------------

    @functools.cached_property
    def _weight_vector(self) -> FloatArray:
        return self.weights.aligned(self.assessment)

    @functools.cached_property
    def _ranks_and_order(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.intp]]:
        return rank_and_order(self.scores)

    @property
    def _ranks(self) -> npt.NDArray[np.int64]:
        return self._ranks_and_order[0]

    @property
    def _order(self) -> npt.NDArray[np.intp]:
        """Option positions from first to last; ties keep the assessment's order."""
        return self._ranks_and_order[1]

    @functools.cached_property
    def _ranking(self) -> pd.DataFrame:
        order = self._order
        columns = {"rank": self._ranks[order], "score": self.scores[order]}
        if self._baseline_row is not None:
            columns["vs_baseline"] = self.scores[order] - self.scores[self._baseline_row]
        for name, values in self.prepared.details(self._weight_vector).items():
            columns[name] = np.asarray(values)[order]
        index = labels(self.assessment.option_names, "option", order)
        return pd.DataFrame(columns, index=index, copy=False)

    @property
    def ranking(self) -> pd.DataFrame:
        """The options from best to worst.

        Returns
        -------
        pandas.DataFrame
            Index ``option``, in rank order. Columns: ``rank`` (1 is best; equal scores
            share the better rank), ``score`` (higher is better), ``vs_baseline`` (the
            score minus the baseline option's, when the assessment has a baseline),
            then the method's own values (TOPSIS: ``distance_to_ideal``,
            ``distance_to_anti_ideal``; weighted product: ``log_score``; VIKOR: ``S``,
            ``R``, ``Q``; PROMETHEE II: ``positive_flow``, ``negative_flow``).
        """
        return hand_out(self._ranking)

    @functools.cached_property
    def _baseline_row(self) -> int | None:
        baseline = self.assessment.baseline
        return None if baseline is None else self.assessment.option_index(baseline)

    def _require_baseline(self, what: str) -> int:
        if self._baseline_row is None:
            raise InvalidParameterError(
                f"{what} needs a baseline option, and this assessment has none. Name one "
                f"when building it, e.g. Assessment(..., baseline='Status quo'), or with "
                f"attrs.evolve(assessment, baseline='Status quo')."
            )
        return self._baseline_row

    @property
    def contributions_vs_baseline(self) -> pd.DataFrame:
        """Each option's contributions minus the baseline option's, criterion by criterion.

        For the weighted sum a row adds up to the option's ``vs_baseline`` score
        difference: positive cells are where it does better than the baseline.

        Returns
        -------
        pandas.DataFrame
            Index ``option`` (rank order), columns ``criterion``.

        Raises
        ------
        InvalidParameterError
            The assessment has no baseline.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> float(report.contributions_vs_baseline.loc["Status quo"].abs().sum())
        0.0
        """
        row = self._require_baseline("contributions_vs_baseline")
        contributions = self._contributions
        baseline = contributions.loc[self.assessment.option_names[row]]
        return contributions - baseline

    @property
    def net_by_area_vs_baseline(self) -> pd.DataFrame:
        """Options x areas: each option's net value per area minus the baseline's.

        Raises
        ------
        InvalidParameterError
            The assessment has no baseline.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> list(report.net_by_area_vs_baseline.columns)[:2]
        ['Economic', 'Security']
        """
        row = self._require_baseline("net_by_area_vs_baseline")
        net = self.net_by_area
        return net - net.loc[self.assessment.option_names[row]]

    @functools.cached_property
    def _contributions(self) -> pd.DataFrame:
        values = self.prepared.contributions(self._weight_vector)
        order = self._order
        return pd.DataFrame(
            np.asarray(values)[order],
            index=labels(self.assessment.option_names, "option", order),
            columns=labels(self.assessment.criterion_names, "criterion"),
            copy=False,
        )

    @property
    def contributions(self) -> pd.DataFrame:
        r"""Each criterion's weighted part of each option's score.

        For the weighted sum, :math:`w_j r_{ij}`, and each row adds up to the score.
        For the weighted product, :math:`w_j \ln r_{ij}`, adding up to the log of the
        score. For TOPSIS, the weighted normalized scores :math:`w_j r_{ij}` whose
        distances to the ideal points make the score; they do not add up to it.

        Returns
        -------
        pandas.DataFrame
            Index ``option`` (rank order), columns ``criterion``.
        """
        return hand_out(self._contributions)

    @functools.cached_property
    def _by_area(self) -> pd.DataFrame:
        a = self.assessment
        weighted_value = self.prepared.normalized * self._weight_vector
        # A risk's shortfall: the part of its weight lost because the risk is not nil.
        weighted_risk = (1.0 - self.prepared.normalized) * self._weight_vector
        is_risk = a.is_risk
        areas = np.array([c.area for c in a.criteria])
        columns: dict[tuple[str, str], FloatArray] = {}
        for area in a.areas:
            in_area = areas == area
            benefit = weighted_value[:, in_area & ~is_risk].sum(axis=1)
            risk = weighted_risk[:, in_area & is_risk].sum(axis=1)
            columns[(area, "benefit")] = benefit
            columns[(area, "risk")] = risk
            columns[(area, "net")] = benefit - risk
        order = self._order
        return pd.DataFrame(
            np.column_stack(list(columns.values()))[order],
            index=labels(a.option_names, "option", order),
            columns=pd.MultiIndex.from_tuples(list(columns), names=["area", "measure"]),
            copy=False,
        )

    @property
    def by_area(self) -> pd.DataFrame:
        r"""Benefits gained and risks borne, per option and area, on the weighted scale.

        With :math:`r_{ij}` the method's normalized score (1 = best) and :math:`w_j` the
        weight: ``benefit`` is :math:`\sum w_j r_{ij}` over the area's benefit criteria;
        ``risk`` is :math:`\sum w_j (1 - r_{ij})` over its risk criteria, the weight lost
        to the risk; ``net`` is benefit minus risk. For the weighted sum with min-max
        normalization an option's score equals the sum of its net values plus the total
        weight of the risk criteria, so differences in net are differences in score.

        Returns
        -------
        pandas.DataFrame
            Index ``option`` (rank order); columns a MultiIndex (``area``, ``measure``)
            with measures ``benefit``, ``risk``, ``net``. ``report.by_area.xs("net",
            axis=1, level="measure")`` gives options x areas.
        """
        return hand_out(self._by_area)

    @property
    def net_by_area(self) -> pd.DataFrame:
        """Options x areas: the net value (benefit minus risk) of each area.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> list(report.net_by_area.columns)
        ['Economic', 'Security', 'Environment', 'Technology', 'Diplomacy']
        """
        return pd.DataFrame(self._by_area.xs("net", axis=1, level="measure")).copy()

    # -- trade-offs, dominance, the efficient frontier -----------------------------------

    def tradeoffs(self, first: str, second: str) -> Tradeoff:
        """What ``first`` gains and gives up against ``second``, criterion by criterion.

        Raises
        ------
        UnknownNameError
            Either name is not an option of the assessment.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> t = report.tradeoffs("Targeted cooperation", "Technology investment")
        >>> t.to_frame().index[0]
        'Trust and dialogue'
        """
        a = self.assessment
        i, j = a.option_index(first), a.option_index(second)  # names checked here
        contributions = self._contributions
        return Tradeoff(
            first=first,
            second=second,
            criteria=a.criterion_names,
            areas=tuple(c.area for c in a.criteria),
            differences=np.asarray(
                contributions.loc[first] - contributions.loc[second], dtype=np.float64
            ),
            score_difference=float(self.scores[i] - self.scores[j]),
            additive=bool(self.prepared.additive),
        )

    @functools.cached_property
    def _dominance(self) -> pd.DataFrame:
        a = self.assessment
        oriented = np.where(a.is_risk, -a.scores, a.scores)
        pairs = dominance_pairs(oriented)
        names = a.option_names
        frame = pd.DataFrame(
            {
                "option": [names[j] for _, j in pairs],
                "dominated_by": [names[i] for i, _ in pairs],
                "score_margin": [float(self.scores[i] - self.scores[j]) for i, j in pairs],
            }
        )
        # Dominated options in rank order, each one's dominators best first.
        rank = dict(zip(names, self._ranks.tolist(), strict=True))
        keys = [
            (rank[o], rank[d]) for o, d in zip(frame["option"], frame["dominated_by"], strict=True)
        ]
        order = sorted(range(len(keys)), key=keys.__getitem__)
        return frame.iloc[order].reset_index(drop=True)

    @property
    def dominance(self) -> pd.DataFrame:
        """Options that another option beats or equals on every criterion.

        Option B is dominated by option A when A scores at least as well as B on every
        criterion and better on at least one (lower is better on a risk), whatever the
        weights: no weighting should rank B above A. Computed on the scores, so it
        does not depend on the method; it compares every pair of options, so its time
        grows with the square of their number.

        Returns
        -------
        pandas.DataFrame
            One row per (dominated option, dominating option) pair; columns
            ``option``, ``dominated_by`` and ``score_margin`` (the dominating option's
            score minus the dominated one's under this report's method and weights).

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["Engage", "Hedge", "Drift"],
        ...     [pb.Criterion("Trade", area="Economic", kind="benefit"),
        ...      pb.Criterion("Risk", area="Security", kind="risk")],
        ...     [[7, 4], [5, 5], [3, 5]],
        ... )
        >>> pb.evaluate(a).dominance[["option", "dominated_by"]].values.tolist()
        [['Hedge', 'Engage'], ['Drift', 'Engage'], ['Drift', 'Hedge']]
        """
        return hand_out(self._dominance)

    @functools.cached_property
    def _benefit_risk(self) -> pd.DataFrame:
        by_area = self._by_area
        benefit = pd.DataFrame(by_area.xs("benefit", axis=1, level="measure")).to_numpy().sum(1)
        risk = pd.DataFrame(by_area.xs("risk", axis=1, level="measure")).to_numpy().sum(1)
        return pd.DataFrame(
            {"benefit": benefit, "risk": risk, "efficient": efficient(benefit, risk)},
            index=by_area.index,
        )

    @property
    def benefit_risk(self) -> pd.DataFrame:
        """Each option's total weighted benefit and risk, and whether it is efficient.

        ``benefit`` and ``risk`` are the sums over areas of :attr:`by_area`'s
        measures. An option is ``efficient`` when no other option has at least as much
        benefit and at most as much risk, one of them strictly: the efficient options
        form the frontier of the benefit-against-risk map.

        Returns
        -------
        pandas.DataFrame
            Index ``option`` (rank order); columns ``benefit``, ``risk``, ``efficient``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> list(report.benefit_risk.columns)
        ['benefit', 'risk', 'efficient']
        """
        return hand_out(self._benefit_risk)

    @property
    def frontier(self) -> tuple[str, ...]:
        """The efficient options of the benefit-against-risk map, highest benefit first.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> "Confrontation" in report.frontier
        False
        """
        table = self._benefit_risk
        on = table[table["efficient"]].sort_values(["benefit", "risk"], ascending=[False, True])
        return tuple(str(name) for name in on.index)

    # -- words --------------------------------------------------------------------------

    def summary(self) -> str:
        """A short paragraph in plain language: who leads, by how much, and on what.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> report.summary().startswith("Targeted cooperation ranks first")
        True
        """
        ranking = self._ranking
        names = list(ranking.index)
        method = type(self.method).__name__
        leader = names[0]
        if len(names) == 1:
            return f"{leader} is the only option assessed (score {number(self.scores[0])})."
        tied = [n for n in names if ranking.loc[n, "rank"] == 1]
        if len(tied) > 1:
            return (
                f"{join_words(tied)} tie for first place under {method} "
                f"(score {number(ranking['score'].iloc[0])})."
            )
        runner_up = names[1]
        lead = ranking["score"].iloc[0] - ranking["score"].iloc[1]
        sentences = [
            f"{leader} ranks first under {method} with a score of "
            f"{number(ranking['score'].iloc[0])}, {number(lead)} ahead of {runner_up}."
        ]
        net = self._by_area.xs("net", axis=1, level="measure")
        difference = net.loc[leader] - net.loc[runner_up]
        gains = [(area, d) for area, d in largest_first(difference).items() if d > 5e-4]
        losses = [(area, -d) for area, d in largest_first(-difference).items() if d > 5e-4]
        if gains:
            sentence = f"Against {runner_up} it gains most on " + join_words(
                [f"{area} ({signed(d)})" for area, d in gains[:2]]
            )
            if losses:
                sentence += " and gives up most on " + join_words(
                    [f"{area} ({signed(d)})" for area, d in losses[:2]]
                )
            sentences.append(sentence + ".")
        own = net.loc[leader]
        if len(own) > 1:
            strongest, weakest = own.idxmax(), own.idxmin()
            sentences.append(
                f"Its strongest area is {strongest} (net {signed(own[strongest])}), its "
                f"weakest {weakest} (net {signed(own[weakest])})."
            )
        last = names[-1]
        sentences.append(f"{last} ranks last (score {number(ranking['score'].iloc[-1])}).")
        dominated = self._dominance_sentence()
        if dominated:
            sentences.append(dominated)
        if self._baseline_row is not None:
            sentences.append(self._baseline_sentence())
        if self.sensitivity is not None:
            sentences.append(self.sensitivity.summary())
        return " ".join(sentences)

    def _dominance_sentence(self) -> str:
        if self.assessment.n_options > SUMMARY_DOMINANCE_LIMIT:
            return ""
        table = self._dominance
        if table.empty:
            return "No option is dominated."
        parts = []
        for option, group in table.groupby("option", sort=False):
            parts.append(f"{option} by {join_words([str(d) for d in group['dominated_by']])}")
        return f"Dominated (beaten or equalled on every criterion): {'; '.join(parts)}."

    def _baseline_sentence(self) -> str:
        ranking = self._ranking
        baseline = self.assessment.baseline
        others = ranking.drop(index=baseline)
        tolerance = 1e-12 * max(1.0, float(np.abs(self.scores).max()))
        better = [str(n) for n in others.index[others["vs_baseline"] > tolerance]]
        if not better:
            return f"No option improves on the baseline, {baseline}."
        rest = [str(n) for n in others.index if n not in better]
        sentence = (
            f"Against the baseline, {baseline}, {len(better)} of {len(others)} options "
            f"improve: {join_words(better)}"
        )
        if rest:
            sentence += f"; {join_words(rest)} {'does' if len(rest) == 1 else 'do'} not"
        return sentence + "."

    # -- renderers ----------------------------------------------------------------------

    def _tables(self) -> list[Table]:
        ranking = self._ranking
        extra = [c for c in ranking.columns if c not in ("rank", "score")]
        extra_header = [str(c).replace("_", " ") for c in extra]
        ranking_table = Table(
            "Ranking",
            ["Rank", "Option", "Score", *extra_header],
            [
                [
                    str(rank),
                    str(option),
                    number(score),
                    *(
                        (signed if column == "vs_baseline" else number)(v)
                        for column, v in zip(extra, ranking.loc[option, extra], strict=True)
                    ),
                ]
                for option, rank, score in zip(
                    ranking.index, ranking["rank"], ranking["score"], strict=True
                )
            ],
            ">" + "<" + ">" * (1 + len(extra)),
        )
        net = self._by_area.xs("net", axis=1, level="measure")
        area_table = Table(
            "Net value by area (weighted benefit minus weighted risk)",
            ["Option", *map(str, net.columns)],
            [[str(option), *(signed(v) for v in row)] for option, row in net.iterrows()],
        )
        by_area = self.weights.by_area(self.assessment)
        weight_table = Table(
            "Weights by area",
            ["Area", "Weight", "Criteria"],
            [
                [area, number(weight), str(len(self.assessment.criteria_in(area)))]
                for area, weight in zip(self.assessment.areas, by_area, strict=True)
            ],
        )
        tables = [ranking_table, area_table, weight_table]
        if self._baseline_row is not None:
            tables.insert(1, self._baseline_table())
        return tables

    def _baseline_table(self) -> Table:
        baseline = str(self.assessment.baseline)
        ranking = self._ranking.drop(index=baseline)
        net = self.net_by_area_vs_baseline.drop(index=baseline)
        differences = ranking["vs_baseline"].to_numpy()
        return Table(
            f"Against the baseline, {baseline} (differences in score and in net value by area)",
            ["Option", "Score", *map(str, net.columns)],
            [
                [str(option), signed(difference), *map(signed, row)]
                for (option, row), difference in zip(net.iterrows(), differences, strict=True)
            ],
        )

    def _scale_lines(self) -> list[str]:
        """One line per criterion saying what its worst and best ends stand for."""
        if not any(c.anchors for c in self.assessment.criteria):
            return []
        lines = []
        for criterion in self.assessment.criteria:
            ends = criterion.worst_and_best
            if ends is None:
                lines.append(f"{criterion.name}: local scale, from the worst to the best option.")
                continue
            (worst, worst_text), (best, best_text) = ends
            worst_words = f" ({worst_text})" if worst_text else ""
            best_words = f" ({best_text})" if best_text else ""
            lines.append(
                f"{criterion.name}: worst {worst:g}{worst_words}, best {best:g}{best_words}."
            )
        return lines

    def _heading(self) -> str:
        a = self.assessment
        name = a.name or "Assessment"
        return (
            f"{name}: {a.n_options} options, {a.n_criteria} criteria in {len(a.areas)} "
            f"areas, ranked by {type(self.method).__name__}"
        )

    @functools.cached_property
    def input_hash(self) -> str:
        """A fingerprint of everything the result depends on, for telling runs apart.

        The SHA-256 of the options, criteria (names, areas, kinds, scales, anchors),
        scores, baseline, weights and method parameters, in a fixed order; no
        timestamp, so the same inputs always give the same hash. Shown in every
        rendering's provenance line (first 12 characters) and in :meth:`to_dict`.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> pb.evaluate(a).input_hash == pb.evaluate(a).input_hash
        True
        >>> pb.evaluate(a).input_hash == pb.evaluate(a, method="topsis").input_hash
        False
        """
        a = self.assessment
        described = {
            "options": list(a.option_names),
            "criteria": [
                [c.name, c.area, c.kind, c.scale, c.anchors, repr(c.value_function)]
                for c in a.criteria
            ],
            "baseline": a.baseline,
            "weights": [[name, float(w)] for name, w in self.weights.items()],
            "method": [type(self.method).__name__, repr(self.method)],
        }
        digest = hashlib.sha256(json.dumps(described, sort_keys=True).encode())
        digest.update(np.ascontiguousarray(a.scores).tobytes())
        return digest.hexdigest()

    def _provenance(self) -> str:
        return (
            f"Method {describe(self.method)}; weighting {describe(self.weighting)}; "
            f"inputs {self.input_hash[:12]}; powerbalance {__version__}."
        )

    def __str__(self) -> str:
        parts = [self._heading(), ""]
        for table in self._tables():
            parts += [table.to_text(), ""]
        scales = self._scale_lines()
        if scales:
            parts += ["Scales (what the worst and best scores stand for)"]
            parts += [textwrap.fill(line, TEXT_WIDTH, subsequent_indent="    ") for line in scales]
            parts += [""]
        parts += [textwrap.fill(self.summary(), TEXT_WIDTH), ""]
        parts.append(textwrap.fill(self._provenance(), TEXT_WIDTH))
        return "\n".join(parts)

    def to_text(self) -> str:
        """The report as aligned plain text (what ``print(report)`` shows).

        Examples
        --------
        >>> import powerbalance as pb
        >>> text = pb.evaluate(pb.examples.load("great-power-cooperation").assessment).to_text()
        >>> "Net value by area" in text
        True
        """
        return str(self)

    def to_markdown(self) -> str:
        """The report as Markdown: heading, tables, summary, provenance.

        Examples
        --------
        >>> import powerbalance as pb
        >>> md = pb.evaluate(pb.examples.load("great-power-cooperation").assessment).to_markdown()
        >>> md.splitlines()[0].startswith("## ")
        True
        """
        parts = [f"## {self._heading()}", ""]
        for table in self._tables():
            parts += [table.to_markdown(), ""]
        scales = self._scale_lines()
        if scales:
            parts += ["**Scales** (what the worst and best scores stand for)", ""]
            parts += [f"- {line}" for line in scales] + [""]
        parts += [self.summary(), "", f"*{self._provenance()}*"]
        return "\n".join(parts)

    def to_html(self) -> str:
        """The report as one self-contained HTML page.

        Inline CSS and SVG only: no scripts, no external references, readable when
        printed. The page holds the summary, the ranking, signed stacked bars of the
        weighted benefits (right) and risks (left) of every option by area, the
        comparison with the baseline (if any), net value by area, the weights, the
        trade-off between the top two options, dominance, the scales and the
        provenance. Its body is exactly what :meth:`_repr_html_` shows in a notebook.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> page = report.to_html()
        >>> page.startswith("<!DOCTYPE html>"), report._repr_html_() in page
        (True, True)
        """
        return page(self._heading(), self._repr_html_())

    def _repr_html_(self) -> str:
        return styled(self._html_body())

    def _html_body(self) -> str:
        tables = self._tables()
        by_area = self._by_area
        benefit = pd.DataFrame(by_area.xs("benefit", axis=1, level="measure"))
        risk = pd.DataFrame(by_area.xs("risk", axis=1, level="measure"))
        names = list(self._ranking.index)
        sections = [
            f"<h3>{html.escape(self._heading())}</h3>",
            f"<p>{html.escape(self.summary())}</p>",
            tables[0].to_html(),
            "<h4>Benefits and risks by area</h4>",
            contribution_bars(benefit, risk),
            *(table.to_html() for table in tables[1:]),
        ]
        if len(names) > 1:
            tradeoff = self.tradeoffs(str(names[0]), str(names[1]))
            sections += ["<h4>The top two options</h4>", tradeoff.to_html()]
        dominance = self._dominance_sentence()
        if dominance:
            sections += ["<h4>Dominance</h4>", f"<p>{html.escape(dominance)}</p>"]
        scales = "".join(f"<li>{html.escape(line)}</li>" for line in self._scale_lines())
        if scales:
            sections += ["<h4>Scales</h4>", f"<ul>{scales}</ul>"]
        sections.append(f'<p class="provenance">{html.escape(self._provenance())}</p>')
        return f'<div class="powerbalance-report">{"".join(sections)}</div>'

    def to_dict(self) -> dict[str, Any]:
        """The report as plain Python data (JSON-ready), tagged :data:`REPORT_SCHEMA`.

        Numbers are Python floats, so ``json.dumps`` round-trips them exactly. The
        keys of schema ``powerbalance.evaluation.report/1``:

        - ``schema``: the tag; ``version``: the library version;
        - ``assessment``: ``name``, ``options``, ``baseline`` (or null), ``criteria``
          (each with ``name``, ``area``, ``kind``, ``scale``, ``anchors``);
        - ``method`` and ``weighting``: ``name`` and ``parameters``;
        - ``weights``: criterion -> weight;
        - ``ranking``: one record per option in rank order, with the columns of
          :attr:`ranking` and ``option``;
        - ``contributions``: option -> criterion -> value;
        - ``by_area``: option -> area -> {``benefit``, ``risk``, ``net``};
        - ``benefit_risk``: option -> {``benefit``, ``risk``, ``efficient``};
          ``frontier``: the efficient options;
        - ``dominance``: records with ``option``, ``dominated_by``, ``score_margin``
          (empty above :data:`SUMMARY_DOMINANCE_LIMIT` options);
        - ``summary``: the text of :meth:`summary`; ``input_hash``: :attr:`input_hash`.

        Examples
        --------
        >>> import powerbalance as pb
        >>> d = pb.evaluate(pb.examples.load("great-power-cooperation").assessment).to_dict()
        >>> d["schema"], d["ranking"][0]["rank"]
        ('powerbalance.evaluation.report/1', 1)
        """
        ranking = self._ranking
        contributions = self._contributions
        by_area = self._by_area
        return {
            "schema": REPORT_SCHEMA,
            "assessment": {
                "name": self.assessment.name,
                "options": list(self.assessment.option_names),
                "baseline": self.assessment.baseline,
                "criteria": [
                    {
                        "name": c.name,
                        "area": c.area,
                        "kind": c.kind,
                        "scale": list(c.scale) if c.scale is not None else None,
                        "anchors": list(c.anchors) if c.anchors is not None else None,
                    }
                    for c in self.assessment.criteria
                ],
            },
            "method": {"name": type(self.method).__name__, "parameters": _parameters(self.method)},
            "weighting": {
                "name": describe(self.weighting),
                "parameters": _parameters(self.weighting),
            },
            "weights": {name: float(w) for name, w in self.weights.items()},
            "ranking": ranking.reset_index().to_dict(orient="records"),
            "contributions": {
                option: {c: float(v) for c, v in row.items()}
                for option, row in contributions.iterrows()
            },
            "by_area": {
                option: {
                    area: {m: float(by_area.loc[option, (area, m)]) for m in _MEASURES}
                    for area in self.assessment.areas
                }
                for option in by_area.index
            },
            "benefit_risk": {
                str(option): {
                    "benefit": float(row["benefit"]),
                    "risk": float(row["risk"]),
                    "efficient": bool(row["efficient"]),
                }
                for option, row in self._benefit_risk.iterrows()
            },
            "frontier": list(self.frontier),
            "dominance": (
                []
                if self.assessment.n_options > SUMMARY_DOMINANCE_LIMIT
                else self._dominance.to_dict(orient="records")
            ),
            "summary": self.summary(),
            "input_hash": self.input_hash,
            "version": __version__,
        }

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text.

        Examples
        --------
        >>> import json, powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
        >>> json.loads(report.to_json())["schema"]
        'powerbalance.evaluation.report/1'
        """
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def build_report(
    assessment: Assessment,
    weights: Weights,
    method: Method,
    weighting: object,
) -> Report:
    """Score ``assessment`` with ``method`` under ``weights`` and wrap the result."""
    prepared = method.prepare(assessment)
    vector = weights.aligned(assessment)
    scores = np.array(prepared.score(vector[None, :])[0], dtype=np.float64)
    scores.flags.writeable = False
    return Report(assessment, weights, method, weighting, scores, prepared)
