"""compare(): rank the same options under several weightings and methods, side by side.

Does the choice of method or weighting change the answer? :func:`compare` scores every
(weighting, method) pair, then :class:`Comparison` shows the ranks side by side, how
strongly the rankings agree, and a consensus ranking.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
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
    in_words,
    join_words,
    number,
    plain,
)
from powerbalance._validate import InstanceOf, check, refuse, shown
from powerbalance._version import __version__
from powerbalance.errors import NormalizationError
from powerbalance.evaluation.agreement import (
    CORRELATIONS,
    RULES,
    Correlation,
    Rule,
    consensus_scores,
    correlation,
)
from powerbalance.evaluation.evaluate import check_assessment, warn_degenerate
from powerbalance.methods import Method, MethodLike, resolve_method, scored
from powerbalance.methods.ranking import rank_scores
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.weighting import WeightingLike, apply_weighting, resolve_weighting

__all__ = ["COMPARISON_SCHEMA", "Comparison", "compare"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

COMPARISON_SCHEMA = "powerbalance.evaluation.comparison/1"
"""The schema tag of :meth:`Comparison.to_dict`; it changes when the layout does.

Examples
--------
>>> import powerbalance as pb
>>> c = pb.compare(pb.examples.load("great-power-cooperation").assessment, methods=["topsis"])
>>> c.to_dict()["schema"] == COMPARISON_SCHEMA
True
"""

#: The methods compared when none are named: the built-ins that are registered.
DEFAULT_METHODS = ("weighted-sum", "weighted-product", "topsis", "vikor", "promethee")


def _labelled(
    given: Mapping[str, Any] | Sequence[str] | None, default: Sequence[str], what: str
) -> dict[str, Any]:
    """``given`` as a mapping of label to entry: a list of names labels each by itself."""
    if given is None:
        return {name: name for name in default}
    if isinstance(given, str):
        return {given: given}
    expected = InstanceOf(
        (Mapping, list, tuple),
        description=f"a mapping of label to {what[:-1]}, or a list of registered names",
    )
    check("compare", what, given, expected)
    unnamed = [] if isinstance(given, Mapping) else [i for i in given if not isinstance(i, str)]
    if unnamed:
        entry = unnamed[0]
        raise refuse(
            "compare",
            what,
            given,
            expected.describe(),
            fix=(
                f"Pass an instance, not the class, with a label: "
                f"{{'my label': {entry.__name__}()}}."
                if isinstance(entry, type)
                else f"Give {shown(entry)} a label: {{'my label': {shown(entry)}}}."
            ),
        )
    result = dict(given) if isinstance(given, Mapping) else {item: item for item in given}
    if not result:
        raise refuse(
            "compare",
            what,
            given,
            f"at least one {what[:-1]}",
            fix=f"Leave {what} out for the default.",
        )
    for label in result:
        if not isinstance(label, str) or not label.strip():
            raise refuse(
                "compare",
                f"each label in {what}",
                label,
                "non-empty text",
                fix="Label each entry with a name for the tables.",
            )
    return result


def compare(
    assessment: Assessment,
    *,
    weightings: Mapping[str, WeightingLike] | Sequence[str] | None = None,
    methods: Mapping[str, MethodLike] | Sequence[str] | None = None,
) -> Comparison:
    """Rank the options under every pair of weighting and method.

    Each method prepares the assessment once and scores all the weightings in one
    batch.

    Parameters
    ----------
    assessment : Assessment
        What to rank; not modified.
    weightings : mapping of label to scheme, or list of registered names, optional
        Default ``{"equal": "equal"}``.
    methods : mapping of label to method, or list of registered names, optional
        Default: the five built-in methods (weighted sum, weighted product, TOPSIS,
        VIKOR and PROMETHEE II, the last with the usual preference function). Of the
        defaults, a method whose normalization is undefined for these scores (the
        weighted product's for a zero score) is left out and the comparison says why
        (:attr:`Comparison.left_out`); a method named here raises instead.

    Returns
    -------
    Comparison

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> c = pb.compare(a, methods=["weighted-sum", "topsis"])
    >>> c.ranks.columns.tolist()
    [('equal', 'weighted-sum'), ('equal', 'topsis')]
    """
    check_assessment("compare", assessment)
    weighting_map = {
        label: resolve_weighting(scheme, owner="compare", parameter=f"weightings[{label!r}]")
        for label, scheme in _labelled(weightings, ["equal"], "weightings").items()
    }
    method_map = {
        label: resolve_method(method, owner="compare", parameter=f"methods[{label!r}]")
        for label, method in _labelled(methods, list(DEFAULT_METHODS), "methods").items()
    }
    warn_degenerate(assessment)
    weights = {label: apply_weighting(s, assessment) for label, s in weighting_map.items()}
    batch = np.vstack([w.aligned(assessment) for w in weights.values()])
    columns = []
    left_out: dict[str, str] = {}
    for label, method in list(method_map.items()):
        try:
            prepared = method.prepare(assessment)
        except NormalizationError as error:
            if methods is not None or len(method_map) == 1:
                raise
            # A default the user did not ask for: say why it is missing, rank by the rest.
            left_out[label] = str(error).split(" Use ")[0]
            del method_map[label]
            continue
        columns.append(scored(prepared, batch, method=method, owner="compare"))
    # (methods, weightings, options) -> options x (weighting, method) pairs.
    stacked = np.stack(columns).transpose(2, 1, 0).reshape(assessment.n_options, -1)
    scores = np.array(stacked, dtype=np.float64)
    scores.flags.writeable = False
    return Comparison(
        assessment=assessment,
        weightings=weighting_map,
        methods=method_map,
        weights=weights,
        score_table=scores,
        left_out=left_out,
    )


@attrs.frozen
class Comparison(Rendered):
    """Rankings of the same options under several weightings and methods.

    Made by :func:`compare`. Columns are (weighting label, method label) pairs, the
    weighting varying slowest. It renders as every result does (:meth:`summary`,
    ``print``, :meth:`to_markdown`, :meth:`to_html`, :meth:`to_dict`,
    :meth:`to_json`); :meth:`to_frame` gives the ranks.

    Attributes
    ----------
    assessment : Assessment
        What was ranked.
    weightings : mapping of str to object
        The weighting schemes, by label.
    methods : mapping of str to Method
        The method objects, by label.
    weights : mapping of str to Weights
        The weights each weighting gave.
    score_table : numpy.ndarray of shape (n_options, n_weightings * n_methods)
        The scores, columns as :attr:`ranks`; read-only.
    left_out : mapping of str to str
        Default methods that could not rank these scores, by label, with the reason.

    Examples
    --------
    >>> import powerbalance as pb
    >>> c = pb.compare(pb.examples.load("great-power-cooperation").assessment,
    ...                methods=["weighted-sum", "topsis"])
    >>> c.consensus("borda").index[0]
    'Targeted cooperation'
    """

    assessment: Assessment = attrs.field(repr=False)
    weightings: Mapping[str, object]
    methods: Mapping[str, Method]
    weights: Mapping[str, Weights] = attrs.field(repr=False)
    score_table: FloatArray = attrs.field(eq=attrs.cmp_using(eq=np.array_equal), repr=False)
    left_out: Mapping[str, str] = attrs.field(factory=dict, kw_only=True)

    @functools.cached_property
    def _columns(self) -> pd.MultiIndex:
        pairs = list(itertools.product(self.weightings, self.methods))
        return pd.MultiIndex.from_tuples(pairs, names=["weighting", "method"])

    @functools.cached_property
    def _ranks(self) -> npt.NDArray[np.int64]:
        return np.column_stack([rank_scores(column) for column in self.score_table.T])

    def _frame(self, values: npt.NDArray[Any]) -> pd.DataFrame:
        return pd.DataFrame(
            values.copy(),
            index=labels(self.assessment.option_names, "option"),
            columns=self._columns.copy(),
        )

    @property
    def scores(self) -> pd.DataFrame:
        """Options x (weighting, method): each method's score, higher is better.

        Scores of different methods are on different scales; compare ranks across
        methods, scores only within one.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> c = pb.compare(a, methods=["topsis"])
        >>> c.scores.shape
        (7, 1)
        """
        return self._frame(self.score_table)

    @property
    def ranks(self) -> pd.DataFrame:
        """Options x (weighting, method): ranks, 1 is best, ties share the better rank.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> c = pb.compare(a, methods=["topsis"])
        >>> int(c.ranks.loc["Targeted cooperation"].iloc[0])
        1
        """
        return self._frame(self._ranks)

    def correlation(self, kind: Correlation = "kendall") -> pd.DataFrame:
        """Pairwise rank correlation between the columns of :attr:`ranks`.

        Parameters
        ----------
        kind : {"kendall", "spearman", "weighted-spearman", "ws"}
            Kendall's tau-b, Spearman's rho, the weighted Spearman coefficient r_w
            (disagreements near the top count more) or the WS similarity coefficient
            (asymmetric: the row is the reference). See :mod:`powerbalance.evaluation.agreement`.

        Returns
        -------
        pandas.DataFrame
            Square, indexed and labelled by the (weighting, method) pairs.

        Examples
        --------
        >>> import powerbalance as pb
        >>> c = pb.compare(pb.examples.load("great-power-cooperation").assessment,
        ...                methods=["weighted-sum", "topsis"])
        >>> float(c.correlation("spearman").iloc[0, 0])
        1.0
        """
        values = correlation(self._ranks, kind)
        return pd.DataFrame(values, index=self._columns.copy(), columns=self._columns.copy())

    def consensus(self, rule: Rule = "borda") -> pd.DataFrame:
        """One ranking agreed from all the columns.

        Parameters
        ----------
        rule : {"borda", "copeland"}
            Borda: points for positions, summed. Copeland: pairwise majorities, wins
            minus losses. See :func:`powerbalance.evaluation.agreement.consensus_scores`.

        Returns
        -------
        pandas.DataFrame
            Index ``option`` in consensus order; columns ``rank`` and ``points``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> c = pb.compare(pb.examples.load("great-power-cooperation").assessment)
        >>> list(c.consensus("copeland").columns)
        ['rank', 'points']
        """
        points = consensus_scores(self._ranks, rule)
        ranks = rank_scores(points)
        frame = pd.DataFrame(
            {"rank": ranks, "points": points},
            index=labels(self.assessment.option_names, "option"),
        )
        order = np.lexsort((np.arange(len(ranks)), ranks))
        return frame.iloc[order]

    # -- words and renderers ------------------------------------------------------------

    def _label(self, pair: tuple[str, str]) -> str:
        weighting, method = pair
        if len(self.weightings) == 1:
            return method
        if len(self.methods) == 1:
            return weighting
        return f"{weighting} / {method}"

    def summary(self) -> str:
        """Whether the rankings agree on the leader, and how closely overall.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> c = pb.compare(a, methods=["topsis"])
        >>> c.summary().startswith("Targeted cooperation ranks first in the only ranking")
        True
        """
        names = np.array(self.assessment.option_names)
        k = self._ranks.shape[1]
        firsts = (self._ranks == 1).sum(axis=1)
        order = np.argsort(-firsts, kind="stable")
        leaders = [(names[i], int(firsts[i])) for i in order if firsts[i] > 0]
        if leaders[0][1] == k:
            where = "the only ranking" if k == 1 else f"all {k} rankings"
            sentence = f"{leaders[0][0]} ranks first in {where}"
            if len(leaders) > 1:
                others = join_words([f"{name} in {count}" for name, count in leaders[1:]])
                sentence += f", sharing first place with {others}"
            sentence += "."
        else:
            counts = join_words([f"{name} in {count}" for name, count in leaders])
            # Counts add up to more than k when options share first place.
            shared = int(((self._ranks == 1).sum(axis=0) > 1).sum())
            tied = f" (shared in {shared})" if shared else ""
            sentence = (
                f"The rankings disagree on the leader: of the {k} rankings, first place "
                f"goes to {counts}{tied}."
            )
        if k > 1:
            tau = correlation(self._ranks, "kendall")
            mean = tau[~np.eye(k, dtype=bool)].mean()
            sentence += f" The mean Kendall tau-b between rankings is {number(mean, 2)}."
        borda = self.consensus("borda")
        sentence += f" By Borda count the consensus leader is {borda.index[0]}."
        for label, reason in self.left_out.items():
            sentence += f" The {label} method is left out: {reason[0].lower()}{reason[1:]}"
            sentence += "" if reason.endswith(".") else "."
        return sentence

    def _tables(self) -> list[Table]:
        borda = self.consensus("borda")
        copeland = self.consensus("copeland")["rank"]
        ranks = self.ranks.loc[borda.index]
        headers = [self._label(pair) for pair in self._columns]
        rank_table = Table(
            "Ranks (1 = best)",
            ["Option", *headers, "Borda", "Copeland"],
            [
                [
                    str(option),
                    *(str(v) for v in row),
                    str(borda.loc[option, "rank"]),
                    str(copeland[option]),
                ]
                for option, row in zip(ranks.index, ranks.to_numpy(), strict=True)
            ],
        )
        tables = [rank_table]
        if len(headers) > 1:
            tau = correlation(self._ranks, "kendall")
            tables.append(
                Table(
                    "Kendall tau-b between rankings",
                    ["", *headers],
                    [
                        [label, *(number(v, 2) for v in row)]
                        for label, row in zip(headers, tau, strict=True)
                    ],
                )
            )
        return tables

    def _heading(self) -> str:
        a = self.assessment
        count = len(self.weightings)
        weightings = "1 weighting" if count == 1 else f"{count} weightings"
        if len(self.methods) == 1:
            methods = in_words(next(iter(self.methods.values())))
        else:
            methods = f"{len(self.methods)} methods"
        return f"{a.name or 'Assessment'}: {a.n_options} options under {weightings} and {methods}"

    def _provenance(self) -> str:
        def named(label: str, component: object) -> str:
            name = full_name(component)
            return name if name == label else f"{label}: {name}"

        methods = "; ".join(named(label, m) for label, m in self.methods.items())
        weightings = "; ".join(named(label, w) for label, w in self.weightings.items())
        return f"Methods: {methods}. Weightings: {weightings}. powerbalance {__version__}."

    def _document(self) -> Document:
        return Document(
            self._heading(), [Paragraph(self.summary()), *self._tables()], self._provenance()
        )

    def to_frame(self) -> pd.DataFrame:
        """The ranks, as :attr:`ranks`: options x (weighting, method).

        Examples
        --------
        >>> import powerbalance as pb
        >>> c = pb.compare(pb.examples.load("engage-or-contain").assessment, methods=["topsis"])
        >>> c.to_frame().equals(c.ranks)
        True
        """
        return self.ranks

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain Python data, tagged :data:`COMPARISON_SCHEMA`.

        Keys: ``schema``; ``options``; ``columns`` (``weighting``, ``method`` label
        pairs); ``scores`` and ``ranks`` (options x columns); ``weights`` (label ->
        criterion -> weight); ``methods`` and ``weightings`` (label -> ``name``,
        ``description``, ``words``, ``parameters``); ``correlation`` (kind -> square
        matrix); ``consensus`` (rule -> option -> rank); ``left_out`` (label ->
        reason); ``summary``; ``version``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> d = pb.compare(pb.examples.load("great-power-cooperation").assessment).to_dict()
        >>> d["schema"], d["methods"]["topsis"]["name"]
        ('powerbalance.evaluation.comparison/1', 'TOPSIS')
        """
        columns = [{"weighting": w, "method": m} for w, m in self._columns]
        data: dict[str, Any] = plain(
            {
                "schema": COMPARISON_SCHEMA,
                "options": list(self.assessment.option_names),
                "columns": columns,
                "scores": self.score_table,
                "ranks": self._ranks,
                "weights": {label: dict(w.items()) for label, w in self.weights.items()},
                "methods": {label: component(m) for label, m in self.methods.items()},
                "weightings": {label: component(w) for label, w in self.weightings.items()},
                "correlation": {kind: correlation(self._ranks, kind) for kind in CORRELATIONS},
                "consensus": {rule: self.consensus(rule)["rank"].to_dict() for rule in RULES},
                "left_out": dict(self.left_out),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data
