"""The result of an evaluation: ranking, contributions, benefits and risks by area.

A :class:`Report` is frozen; its frames are computed on first access and returned
as new DataFrames each time the attribute is read, so editing one cannot change the
report. What it shows and stores is arranged by
:mod:`~powerbalance.evaluation._report_document`.
"""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any, Protocol, TypeAlias, runtime_checkable

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._labels import frame, hand_out, labels
from powerbalance._render import (
    Document,
    Rendered,
    ahead,
    describe,
    full_name,
    gains_and_losses,
    in_words,
    join_words,
    number,
    signed,
)
from powerbalance._version import __version__
from powerbalance.errors import InvalidParameterError, PowerbalanceError
from powerbalance.evaluation._report_document import report_data, report_document
from powerbalance.evaluation._value_against_cost import (
    ValueAgainstCost,
    against_each_cost,
    without_costs,
)
from powerbalance.evaluation.tradeoffs import Tradeoff, dominance_pairs, efficient
from powerbalance.methods import Method, PreparedMethod, scored
from powerbalance.methods.ranking import rank_and_order
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights

__all__ = ["REPORT_SCHEMA", "Report", "Robustness", "describe"]

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

#: Above this many options the summary leaves out dominance, whose check compares
#: every pair; :attr:`Report.dominance` still computes it on request.
SUMMARY_DOMINANCE_LIMIT = 500


@runtime_checkable
class Robustness(Protocol):
    """A sensitivity analysis a report can quote: how robust its ranking is, in words.

    :class:`~powerbalance.sensitivity.Stability` and
    :class:`~powerbalance.sensitivity.SMAAResult` are robustness analyses; so is any
    object with these two methods, which is how :meth:`Report.with_sensitivity`
    accepts analyses without depending on the stage that makes them.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> isinstance(pb.sensitivity.stability(a), Robustness)
    True
    """

    def robustness_sentence(self) -> str:
        """One sentence on how robust the ranking is, for the report's summary."""
        ...

    def conflicts_with(self, ranking: tuple[str, ...]) -> str | None:
        """Why the analysis is not of a report ranking the options so, or None if it is."""
        ...

    def to_dict(self) -> dict[str, Any]:
        """The analysis as plain data, stored in the report's ``to_dict()``."""
        ...


@attrs.frozen
class Report(Rendered):
    """What an evaluation found, and why.

    Made by :func:`powerbalance.evaluation.evaluate`; not usually built by hand. It
    renders as every result does: :meth:`summary`, ``print``, :meth:`to_markdown`,
    :meth:`to_html` (``page=True`` for a styled page), :meth:`to_dict`,
    :meth:`to_json` and :meth:`to_frame` (the ranking).

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
    sensitivity : tuple of Robustness
        The robustness analyses attached by :meth:`with_sensitivity`.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> report = pb.evaluate(a, method="topsis")
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
    sensitivity: tuple[Robustness, ...] = attrs.field(default=(), eq=False, repr=False)

    def with_sensitivity(self, *analyses: Robustness) -> Report:
        """The same report with robustness analyses attached, after any attached before.

        Each analysis adds its robustness sentence to the summary: a stability
        analysis says how far a single weight can move before the top option changes
        (:func:`powerbalance.sensitivity.stability`), an SMAA result how often each
        option ranks first over all the weights allowed
        (:func:`powerbalance.sensitivity.smaa`).

        Raises
        ------
        InvalidParameterError
            An analysis is not a robustness analysis, or is of another ranking (a
            stability analysis with another leader, SMAA of other options).

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> report = pb.evaluate(a).with_sensitivity(
        ...     pb.sensitivity.stability(a), pb.sensitivity.smaa(a, samples=1_000, seed=1)
        ... )
        >>> summary = report.summary()
        >>> "remains first unless" in summary, "Over 1,000 weightings" in summary
        (True, True)
        """
        ranking = tuple(str(name) for name in self._ranking.index)
        for analysis in analyses:
            if not isinstance(analysis, Robustness):
                raise InvalidParameterError(
                    f"Report.with_sensitivity: each analysis must be a robustness analysis "
                    f"such as pb.sensitivity.stability(...) or pb.sensitivity.smaa(...) of "
                    f"the same assessment; got {type(analysis).__name__}. Run one of those "
                    f"and pass its result."
                )
            conflict = analysis.conflicts_with(ranking)
            if conflict is not None:
                raise InvalidParameterError(f"Report.with_sensitivity: {conflict}")
        return attrs.evolve(self, sensitivity=(*self.sensitivity, *analyses))

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
    def _ranking_columns(self) -> dict[str, npt.NDArray[Any]]:
        order = self._order
        columns: dict[str, npt.NDArray[Any]] = {"rank": self._ranks[order]}
        columns["score"] = self.scores[order]
        if self._baseline_row is not None:
            columns["vs_baseline"] = columns["score"] - self.scores[self._baseline_row]
        for name, values in self.prepared.details(self._weight_vector).items():
            columns[name] = np.asarray(values)[order]
        return columns

    def _ranking_frame(self) -> pd.DataFrame:
        # A new frame each time: it holds its own copy of the columns, so whatever is
        # done to it cannot reach the report.
        return frame(
            self._ranking_columns, labels(self.assessment.option_names, "option", self._order)
        )

    @functools.cached_property
    def _ranking(self) -> pd.DataFrame:
        return self._ranking_frame()

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
        return self._ranking_frame()

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
        # A risk's (or a cost's) shortfall: the part of its weight lost because it is
        # not at its best.
        weighted_loss = (1.0 - self.prepared.normalized) * self._weight_vector
        lower, is_cost = a.lower_is_better, a.is_cost
        areas = np.array([c.area for c in a.criteria])
        columns: dict[tuple[str, str], FloatArray] = {}
        for area in a.areas:
            in_area = areas == area
            benefit = weighted_value[:, in_area & ~lower].sum(axis=1)
            risk = weighted_loss[:, in_area & a.is_risk].sum(axis=1)
            columns[(area, "benefit")] = benefit
            columns[(area, "risk")] = risk
            net = benefit - risk
            # Only an assessment with costs has the measure, so reports without stay as they were.
            if is_cost.any():
                cost = weighted_loss[:, in_area & is_cost].sum(axis=1)
                columns[(area, "cost")] = cost
                net = net - cost
            columns[(area, "net")] = net
        order = self._order
        return pd.DataFrame(
            np.column_stack(list(columns.values()))[order],
            index=labels(a.option_names, "option", order),
            columns=pd.MultiIndex.from_tuples(list(columns), names=["area", "measure"]),
            copy=False,
        )

    @property
    def by_area(self) -> pd.DataFrame:
        r"""Benefits gained, risks borne and costs paid, per option and area, weighted.

        With :math:`r_{ij}` the method's normalized score (1 = best) and :math:`w_j` the
        weight: ``benefit`` is :math:`\sum w_j r_{ij}` over the area's benefit criteria;
        ``risk`` is :math:`\sum w_j (1 - r_{ij})` over its risk criteria, the weight lost
        to the risk; ``cost`` the same over its cost criteria; ``net`` is benefit minus
        risk and cost. For the weighted sum with min-max normalization an option's score
        equals the sum of its net values plus the total weight of the risk and cost
        criteria, so differences in net are differences in score.

        Returns
        -------
        pandas.DataFrame
            Index ``option`` (rank order); columns a MultiIndex (``area``, ``measure``)
            with measures ``benefit``, ``risk``, ``cost`` (only when the assessment has
            a cost criterion) and ``net``. ``report.by_area.xs("net", axis=1,
            level="measure")`` gives options x areas.
        """
        return hand_out(self._by_area)

    @property
    def net_by_area(self) -> pd.DataFrame:
        """Options x areas: the net value (benefit minus risk and cost) of each area.

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
        oriented = np.where(a.lower_is_better, -a.scores, a.scores)
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
        columns = {"benefit": benefit, "risk": risk}
        burden = risk
        if "cost" in by_area.columns.get_level_values("measure"):
            cost = pd.DataFrame(by_area.xs("cost", axis=1, level="measure")).to_numpy().sum(1)
            columns["cost"] = cost
            burden = risk + cost
        return pd.DataFrame(
            {**columns, "efficient": efficient(benefit, burden)}, index=by_area.index
        )

    @property
    def benefit_risk(self) -> pd.DataFrame:
        """Each option's total weighted benefit and risk, and whether it is efficient.

        ``benefit`` and ``risk`` (and ``cost``) are the sums over areas of
        :attr:`by_area`'s measures. An option is ``efficient`` when no other option has
        at least as much benefit and at most as much risk (risk plus cost, when there
        are costs), one of them strictly: the efficient options form the frontier of
        the benefit-against-risk map. Value against cost alone is
        :func:`powerbalance.evaluation.value_for_money`.

        Returns
        -------
        pandas.DataFrame
            Index ``option`` (rank order); columns ``benefit``, ``risk``, ``cost`` (only
            when the assessment has a cost criterion) and ``efficient``.

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

    @functools.cached_property
    def _value_for_money(self) -> tuple[ValueAgainstCost, ...]:
        a = self.assessment
        if not a.costs:
            return ()
        split = without_costs(a, self.weights)
        if split is None:
            return ()
        try:
            value = build_report(*split, self.method, self.weighting).scores
        except PowerbalanceError:
            # A method whose parameters name a cost criterion cannot score the rest; the
            # section is then left out rather than the whole report refused.
            return ()
        return against_each_cost(a, np.asarray(value, dtype=np.float64))

    @property
    def value_for_money(self) -> tuple[ValueAgainstCost, ...]:
        """Each option's value without the costs against each cost criterion.

        The value is the method's score on the criteria other than costs, under this
        report's weights renormalized over them, so that costs are not counted twice;
        against it, each cost criterion's efficient frontier and the incremental cost
        per unit of value along it, as :func:`powerbalance.value_for_money` finds them
        (which also returns the evaluation behind the value). One per cost criterion;
        empty without one, when every weight is on the costs, and for a cost with a
        negative score (a saving).

        Returns
        -------
        tuple of ValueAgainstCost
            Each with ``cost`` (the criterion), ``unit``, ``table`` (as
            :attr:`powerbalance.evaluation.ValueForMoney.table`), ``frontier`` and
            ``summary()``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["A", "B", "C"], [pb.Criterion("Gain", area="X", kind="benefit"),
        ...                       pb.Criterion("Cost", area="Y", kind="cost")],
        ...     [[1, 10], [3, 50], [2, 60]])
        >>> [(v.cost, v.frontier) for v in pb.evaluate(a).value_for_money]
        [('Cost', ('A', 'B'))]
        >>> pb.evaluate(pb.examples.load().assessment).value_for_money
        ()
        """
        return self._value_for_money

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
        method = in_words(self.method)
        leader = names[0]
        if len(names) == 1:
            return f"{leader} is the only option assessed (score {number(self.scores[0])})."
        tied = [n for n in names if ranking.loc[n, "rank"] == 1]
        robustness = [analysis.robustness_sentence() for analysis in self.sensitivity]
        if len(tied) > 1:
            tie = (
                f"{join_words(tied)} tie for first place under {method} "
                f"(score {number(ranking['score'].iloc[0])}): these scores and weights do "
                f"not separate them."
            )
            return " ".join([tie, *robustness])
        runner_up = names[1]
        lead = ranking["score"].iloc[0] - ranking["score"].iloc[1]
        # The bottom line first: who leads, then how robust that is, then the detail.
        sentences = [
            f"{leader} ranks first under {method} with a score of "
            f"{number(ranking['score'].iloc[0])}, {ahead(float(lead), runner_up)}.",
            *robustness,
        ]
        net = self._by_area.xs("net", axis=1, level="measure")
        gains, losses = gains_and_losses(net.loc[leader] - net.loc[runner_up])
        if gains:
            sentence = f"Against {runner_up}, {leader} gains most on " + join_words(gains[:2])
            if losses:
                sentence += " and gives up most on " + join_words(losses[:2])
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

    # -- renderings ---------------------------------------------------------------------

    def _heading(self) -> str:
        a = self.assessment
        name = a.name or "Assessment"
        return (
            f"{name}: {a.n_options} options, {a.n_criteria} criteria in {len(a.areas)} "
            f"areas, ranked by {in_words(self.method)}"
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
            f"Method: {full_name(self.method)}. Weighting: {full_name(self.weighting)}. "
            f"Inputs {self.input_hash[:12]}; powerbalance {__version__}."
        )

    def _document(self) -> Document:
        names = [str(n) for n in self._ranking.index]
        return report_document(
            title=self._heading(),
            summary=self.summary(),
            assessment=self.assessment,
            weights=self.weights,
            ranking=self._ranking,
            by_area=self._by_area,
            net_vs_baseline=None if self._baseline_row is None else self.net_by_area_vs_baseline,
            tradeoff=self.tradeoffs(names[0], names[1]) if len(names) > 1 else None,
            value_for_money=self._value_for_money,
            method=in_words(self.method),
            provenance=self._provenance(),
        )

    def to_frame(self) -> pd.DataFrame:
        """The ranking, as :attr:`ranking`: the table a report is about.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
        >>> report.to_frame().equals(report.ranking)
        True
        """
        return self.ranking

    def to_dict(self) -> dict[str, Any]:
        """The report as plain Python data (JSON-ready), tagged :data:`REPORT_SCHEMA`.

        Numbers are Python floats, so ``json.dumps`` round-trips them exactly. The
        keys of schema ``powerbalance.evaluation.report/1``:

        - ``schema``: the tag; ``version``: the library version;
        - ``assessment``: ``name``, ``options``, ``baseline`` (or null), ``criteria``
          (each with ``name``, ``area``, ``kind``, ``scale``, ``anchors``);
        - ``method`` and ``weighting``: ``name``, ``description`` (as in the
          provenance line), ``words`` (as in the summary) and ``parameters``;
        - ``weights``: criterion -> weight;
        - ``ranking``: one record per option in rank order, with the columns of
          :attr:`ranking` and ``option``;
        - ``contributions``: option -> criterion -> value;
        - ``by_area``: option -> area -> {``benefit``, ``risk``, ``net``}, and
          ``cost`` when the assessment has a cost criterion;
        - ``benefit_risk``: option -> {``benefit``, ``risk``, ``efficient``}, and
          ``cost`` when the assessment has a cost criterion;
          ``frontier``: the efficient options;
        - ``dominance``: records with ``option``, ``dominated_by``, ``score_margin``
          (empty above :data:`SUMMARY_DOMINANCE_LIMIT` options);
        - ``sensitivity``: the ``to_dict()`` of each attached robustness analysis;
        - ``value_for_money``, only when the assessment has a cost criterion: one record
          per item of :attr:`value_for_money`, with ``cost``, ``unit``, ``options`` (one
          record per option, cheapest first, with ``option`` and the columns of its
          ``table``), ``frontier`` and ``summary``;
        - ``summary``: the text of :meth:`summary`; ``input_hash``: :attr:`input_hash`.

        Examples
        --------
        >>> import powerbalance as pb
        >>> d = pb.evaluate(pb.examples.load("great-power-cooperation").assessment).to_dict()
        >>> d["schema"], d["ranking"][0]["rank"], d["method"]["words"]
        ('powerbalance.evaluation.report/1', 1, 'the weighted sum')
        """
        many = self.assessment.n_options > SUMMARY_DOMINANCE_LIMIT
        return report_data(
            schema=REPORT_SCHEMA,
            assessment=self.assessment,
            method=self.method,
            weighting=self.weighting,
            weights=self.weights,
            ranking=self._ranking,
            contributions=self._contributions,
            by_area=self._by_area,
            benefit_risk=self._benefit_risk,
            frontier=self.frontier,
            dominance=None if many else self._dominance,
            sensitivity=[analysis.to_dict() for analysis in self.sensitivity],
            value_for_money=self._value_for_money if self.assessment.costs else None,
            summary=self.summary(),
            input_hash=self.input_hash,
        )


def build_report(
    assessment: Assessment,
    weights: Weights,
    method: Method,
    weighting: object,
) -> Report:
    """Score ``assessment`` with ``method`` under ``weights`` and wrap the result."""
    prepared = method.prepare(assessment)
    vector = weights.aligned(assessment)
    scores = np.array(scored(prepared, vector[None, :], method=method, owner="evaluate")[0])
    scores.flags.writeable = False
    return Report(assessment, weights, method, weighting, scores, prepared)
