"""ScenarioAnalysis: scores, regret and robust choices of options across scenarios."""

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
    number,
    percent,
    plain,
)
from powerbalance._validate import did_you_mean, quoted_list
from powerbalance._version import __version__
from powerbalance.errors import UnknownNameError
from powerbalance.evaluation import Report
from powerbalance.methods import Method
from powerbalance.methods.ranking import rank_scores
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.scenarios._failures import Failure, failures_of
from powerbalance.scenarios._rules import (
    LOWER_IS_BETTER,
    choices,
    regret,
    relative_regret,
    rule_values,
)

__all__ = ["SCENARIO_SCHEMA", "ScenarioAnalysis"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

SCENARIO_SCHEMA = "powerbalance.scenarios.analysis/1"
"""The schema tag of :meth:`ScenarioAnalysis.to_dict`; it changes when the layout does.

Examples
--------
>>> SCENARIO_SCHEMA.split("/")[-1]
'1'
"""


def _read_only(values: npt.ArrayLike) -> FloatArray:
    array = np.array(values, dtype=np.float64)
    array.flags.writeable = False
    return array


def _optional_array(values: npt.ArrayLike | None) -> FloatArray | None:
    return None if values is None else _read_only(values)


def _same(first: FloatArray | None, second: FloatArray | None) -> bool:
    if first is None or second is None:
        return first is second
    return bool(np.array_equal(first, second))


def _scenario_list(found: list[Failure]) -> str:
    """The failures' scenarios in prose; names holding commas are set apart by semicolons."""
    names = [f.scenario for f in found]
    return "; ".join(names) if any("," in name for name in names) else join_words(names)


@attrs.frozen
class ScenarioAnalysis(Rendered):
    """How each option fares across scenarios, and which choice holds up.

    Made by :func:`powerbalance.scenarios.evaluate`. Every scenario is evaluated with
    the same weights and method; the decision rules then read the options x scenarios
    score table (see :mod:`powerbalance.scenarios`). It renders as every result does
    (:meth:`summary`, ``print``, :meth:`to_markdown`, :meth:`to_html`, :meth:`to_dict`,
    :meth:`to_json`); :meth:`to_frame` gives :attr:`rules`.

    Attributes
    ----------
    assessment : Assessment
        The central assessment, which carries the scenarios.
    scenarios : tuple of str
        The scenarios, in the assessment's order.
    probabilities : numpy.ndarray or None
        The scenarios' probabilities, or None when they are not given.
    weights : Weights
        The weights, resolved once on the central assessment.
    method : Method
        The aggregation method.
    weighting : object
        The weighting scheme the weights came from.
    score_table : numpy.ndarray of shape (n_options, n_scenarios)
        The method's score of each option in each scenario; read-only.
    alpha : float
        Hurwicz's weight on the best outcome.
    margin : float
        The satisficing margin, in score units.
    reports : tuple of Report
        The evaluation of each scenario.

    Examples
    --------
    >>> import attrs, powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> a = attrs.evolve(a, scenarios=[pb.Scenario("Rivals exploit",
    ...                                             changes={"Engage": {"Conflict risk": 8}})])
    >>> analysis = pb.scenarios.evaluate(a)
    >>> analysis.regret.shape
    (2, 1)
    """

    assessment: Assessment = attrs.field(repr=False)
    scenarios: tuple[str, ...]
    probabilities: FloatArray | None = attrs.field(
        converter=_optional_array, eq=attrs.cmp_using(eq=_same)
    )
    weights: Weights = attrs.field(repr=False)
    method: Method
    weighting: object
    score_table: FloatArray = attrs.field(
        converter=_read_only, eq=attrs.cmp_using(eq=np.array_equal), repr=False
    )
    alpha: float = 0.5
    margin: float = 0.05
    reports: tuple[Report, ...] = attrs.field(default=(), eq=False, repr=False)

    # -- the numbers --------------------------------------------------------------------

    def _frame(self, values: npt.NDArray[Any]) -> pd.DataFrame:
        return pd.DataFrame(
            np.array(values),
            index=labels(self.assessment.option_names, "option"),
            columns=labels(self.scenarios, "scenario"),
        )

    @functools.cached_property
    def _ranks(self) -> npt.NDArray[np.int64]:
        return np.column_stack([rank_scores(column) for column in self.score_table.T])

    @functools.cached_property
    def _rules(self) -> dict[str, FloatArray]:
        return rule_values(
            self.score_table,
            probabilities=self.probabilities,
            alpha=self.alpha,
            margin=self.margin,
        )

    @functools.cached_property
    def _choices(self) -> dict[str, tuple[str, ...]]:
        names = self.assessment.option_names
        return {
            rule: tuple(names[i] for i in choices(values, lower_is_better=rule in LOWER_IS_BETTER))
            for rule, values in self._rules.items()
        }

    @property
    def scores(self) -> pd.DataFrame:
        """Options x scenarios: the method's score, higher is better.

        Examples
        --------
        >>> import attrs, powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> a = attrs.evolve(a, scenarios=[pb.Scenario("Rivals exploit",
        ...                                             changes={"Engage": {"Conflict risk": 8}})])
        >>> pb.scenarios.evaluate(a).scores.columns.name
        'scenario'
        """
        return self._frame(self.score_table)

    @property
    def ranks(self) -> pd.DataFrame:
        """Options x scenarios: rank in each scenario, 1 is best, ties share the better rank."""
        return self._frame(self._ranks)

    @property
    def regret(self) -> pd.DataFrame:
        """Options x scenarios: the best score in the scenario minus the option's; 0 is best."""
        return self._frame(regret(self.score_table))

    @property
    def relative_regret(self) -> pd.DataFrame:
        """Options x scenarios: regret as a share of the scenario's range (best minus worst).

        0 in a scenario where every option scores the same.
        """
        return self._frame(relative_regret(self.score_table))

    @property
    def rules(self) -> pd.DataFrame:
        """Options x rules: each decision rule's value.

        Columns ``expected`` (only with probabilities), ``maximin`` (worst score),
        ``minimax_regret`` (largest regret; lower is better), ``hurwicz`` and
        ``satisficing`` (share of scenarios within :attr:`margin` of the best,
        probability-weighted when probabilities are given).
        """
        frame = pd.DataFrame(
            {rule: np.array(values) for rule, values in self._rules.items()},
            index=labels(self.assessment.option_names, "option"),
        )
        frame.columns.name = "rule"
        return frame

    @property
    def choice(self) -> dict[str, str]:
        """Rule -> the option it chooses (the first in the assessment's order on a tie).

        :meth:`tied` lists every option a rule finds equally good.
        """
        return {rule: chosen[0] for rule, chosen in self._choices.items()}

    def tied(self, rule: str) -> tuple[str, ...]:
        """Every option ``rule`` chooses: those tied for its best value.

        Raises
        ------
        UnknownNameError
            ``rule`` is not one of :attr:`rules`' columns.
        """
        if rule not in self._choices:
            raise UnknownNameError(
                f"ScenarioAnalysis.tied: no rule {rule!r}; the rules are "
                f"{quoted_list(self._choices)}.{did_you_mean(rule, self._choices)}"
            )
        return self._choices[rule]

    def _rule_words(self, rule: str) -> str:
        return {
            "expected": "expected score",
            "maximin": "maximin",
            "minimax_regret": "minimax regret",
            "hurwicz": f"Hurwicz (alpha {number(self.alpha, 2)})",
            "satisficing": f"satisficing (within {number(self.margin, 3)} of the best)",
        }[rule]

    @property
    def leaders(self) -> tuple[str, ...]:
        """The options some rule chooses, in the order of the rules."""
        return tuple(dict.fromkeys(name for chosen in self._choices.values() for name in chosen))

    @property
    def agreement(self) -> str:
        """Whether the rules agree, in one sentence: which rules choose which option."""
        groups: dict[str, list[str]] = {}
        for rule, chosen in self._choices.items():
            groups.setdefault(join_words(list(chosen)), []).append(self._rule_words(rule))
        if len(groups) == 1:
            (options,) = groups
            return f"Every rule chooses {options}."
        parts = [
            f"{join_words(rules)} choose{'s' if len(rules) == 1 else ''} {options}"
            for options, rules in groups.items()
        ]
        return f"The rules disagree: {'; '.join(parts)}."

    def failures(self, option: str | None = None) -> tuple[Failure, ...]:
        """The scenarios in which an option is not alone first: to whom, through which areas.

        Parameters
        ----------
        option : str, optional
            The option; by default every option some rule chooses (:attr:`leaders`).

        Returns
        -------
        tuple of Failure
            One per (option, scenario); each says the winner there and the areas
            on which the winner does better (:meth:`Failure.sentence`).

        Raises
        ------
        UnknownNameError
            ``option`` is not an option of the assessment.
        """
        names = self.assessment.option_names
        if option is None:
            chosen = self.leaders
        else:
            self.assessment.option_index(option)
            chosen = (option,)
        found: list[Failure] = []
        for name in chosen:
            found.extend(
                failures_of(names.index(name), self.score_table, self.reports, self.scenarios)
            )
        return tuple(found)

    # -- words and renderers ------------------------------------------------------------

    def _failure_sentence(self, option: str) -> str:
        found = self.failures(option)
        lost = [f for f in found if f.rank > 1]
        shared = [f for f in found if f.rank == 1]
        count = len(self.scenarios)
        first = count - len(lost)
        if not lost:
            where = {1: "the only scenario", 2: "both scenarios"}.get(
                count, f"all {count} scenarios"
            )
            sentence = f"{option} ranks first in {where}"
            if shared:
                sentence += f", sharing first place in {_scenario_list(shared)}"
            return sentence + "."
        opening = f"{option} ranks first in {first} of {count} scenarios and fails in "
        opening += _scenario_list(lost) + ". "
        return opening + " ".join(f.sentence() for f in lost)

    def summary(self) -> str:
        """The robust choice under each rule, whether they agree, and where leaders fail.

        Examples
        --------
        >>> import attrs, powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> a = attrs.evolve(a, scenarios=[pb.Scenario("Rivals exploit",
        ...                                             changes={"Engage": {"Conflict risk": 8}})])
        >>> pb.scenarios.evaluate(a).summary().startswith("Across 1 scenario")
        True
        """
        count = len(self.scenarios)
        probabilities = (
            "with the probabilities given"
            if self.probabilities is not None
            else "with no probabilities given"
        )
        sentences = [
            f"Across {count} scenario{'s' if count != 1 else ''} ({probabilities}), "
            f"{self.agreement[0].lower()}{self.agreement[1:]}"
        ]
        sentences.extend(self._failure_sentence(option) for option in self.leaders)
        return " ".join(sentences)

    def _tables(self) -> list[Table]:
        names = self.assessment.option_names
        header_scenarios = list(self.scenarios)
        if self.probabilities is not None:
            header_scenarios = [
                f"{name} (p {number(p, 3)})"
                for name, p in zip(self.scenarios, self.probabilities, strict=True)
            ]
        order = np.lexsort((np.arange(len(names)), self._ranks.sum(axis=1)))
        shortfall = regret(self.score_table)
        score_table = Table(
            "Score in each scenario (rank)",
            ["Option", *header_scenarios],
            [
                [
                    names[i],
                    *(
                        f"{number(s)} ({r})"
                        for s, r in zip(self.score_table[i], self._ranks[i], strict=True)
                    ),
                ]
                for i in order
            ],
            "<" + ">" * len(self.scenarios),
        )
        regret_table = Table(
            "Regret: the best score in the scenario minus the option's",
            ["Option", *self.scenarios],
            [[names[i], *(number(v) for v in shortfall[i])] for i in order],
            "<" + ">" * len(self.scenarios),
        )
        rules = list(self._rules)
        rule_table = Table(
            f"Decision rules (* the rule's choice; Hurwicz alpha {number(self.alpha, 2)}, "
            f"satisficing within {number(self.margin, 3)} of the best)",
            ["Option", *(rule.replace("_", " ").capitalize() for rule in rules)],
            [
                [
                    names[i],
                    *(
                        (
                            percent(self._rules[rule][i])
                            if rule == "satisficing"
                            else number(self._rules[rule][i])
                        )
                        + (" *" if names[i] in self._choices[rule] else "")
                        for rule in rules
                    ),
                ]
                for i in order
            ],
            "<" + ">" * len(rules),
        )
        return [score_table, regret_table, rule_table]

    def _heading(self) -> str:
        a = self.assessment
        return (
            f"{a.name or 'Assessment'}: {a.n_options} options across "
            f"{len(self.scenarios)} scenarios"
        )

    def _provenance(self) -> str:
        return (
            f"Method: {full_name(self.method)}. Weighting: {full_name(self.weighting)}, "
            f"resolved once on the central assessment and used in every scenario. "
            f"powerbalance {__version__}."
        )

    def _document(self) -> Document:
        return Document(
            self._heading(), [Paragraph(self.summary()), *self._tables()], self._provenance()
        )

    def to_frame(self) -> pd.DataFrame:
        """The decision rules' values, as :attr:`rules`: options x rules."""
        return self.rules

    def to_dict(self) -> dict[str, Any]:
        """The analysis as plain Python data, tagged :data:`SCENARIO_SCHEMA`.

        Keys: ``schema``; ``options``; ``scenarios``; ``probabilities`` (or null);
        ``alpha``; ``margin``; ``scores``, ``ranks``, ``regret`` and
        ``relative_regret`` (options x scenarios); ``rules`` (rule -> value per
        option); ``choice`` (rule -> option); ``tied`` (rule -> options);
        ``agreement``; ``failures`` (records of ``option``, ``scenario``, ``rank``,
        ``winner``, ``deficit``, ``by_area``, ``sentence``); ``weights`` (criterion
        -> weight); ``method`` and ``weighting`` (``name``, ``description``,
        ``words``, ``parameters``); ``summary``; ``version``.
        """
        data: dict[str, Any] = plain(
            {
                "schema": SCENARIO_SCHEMA,
                "options": list(self.assessment.option_names),
                "scenarios": list(self.scenarios),
                "probabilities": self.probabilities,
                "alpha": self.alpha,
                "margin": self.margin,
                "scores": self.score_table,
                "ranks": self._ranks,
                "regret": regret(self.score_table),
                "relative_regret": relative_regret(self.score_table),
                "rules": dict(self._rules),
                "choice": self.choice,
                "tied": self._choices,
                "agreement": self.agreement,
                "failures": [f.to_dict() for f in self.failures()],
                "weights": dict(self.weights.items()),
                "method": component(self.method),
                "weighting": component(self.weighting),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data
