r"""Weights from pairwise comparisons: the analytic hierarchy process (AHP), alone and in groups.

The analyst says, for pairs of criteria, how many times more important one is than the
other: ``{("Security", "Economic"): 3}`` reads "Security is 3 times as important as
Economic". :class:`AHP` derives the criterion weights (Saaty's *priorities*) from such
judgements and measures how consistent they are; :class:`AHPGroup` combines the
judgements of several experts. How the judgements are read, completed when some are
missing, and turned into priorities is described in
:mod:`powerbalance.weighting.judgements`.

Both report Saaty's consistency index and ratio,

.. math::

    CI = \frac{\lambda_{\max} - n}{n - 1}, \qquad CR = \frac{CI}{RI(n)},

where :math:`RI(n)` is the random index of order :math:`n`
(:mod:`powerbalance.weighting.random_index`). Saaty's rule accepts
:math:`CR \le 0.10`; :meth:`AHP.weigh` warns above the scheme's threshold.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.

Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
European Journal of Operational Research 48(1), 9-26.

Forman, E. and Peniwati, K. (1998). Aggregating individual judgments and priorities
with the analytic hierarchy process. European Journal of Operational Research
108(1), 165-169.

Examples
--------
>>> ahp = AHP({("Security", "Economic"): 3, ("Security", "Climate"): 5,
...            ("Economic", "Climate"): 2})
>>> ahp.priorities.round(3)
criterion
Security    0.648
Economic    0.230
Climate     0.122
Name: priority, dtype: float64
>>> round(ahp.consistency_ratio, 4)
0.0032
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import attrs
import numpy as np
import pandas as pd

from powerbalance._validate import InstanceOf, OneOf, check, did_you_mean, quoted_list, refuse
from powerbalance.errors import (
    ConsistencyWarning,
    InvalidNameError,
    JudgementError,
)
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.weighting._base import registry
from powerbalance.weighting._inputs import file_input
from powerbalance.weighting.judgements import (
    COMPLETIONS,
    PRIORITY_METHODS,
    Completion,
    FloatArray,
    Pair,
    PriorityMethod,
    Solution,
    as_float,
    consistency_index,
    repr_judgements,
    solve,
    to_judgements,
)
from powerbalance.weighting.random_index import check_random_index_table, random_index

__all__ = ["AHP", "AHPGroup"]


def _validate_method(
    instance: object, attribute: attrs.Attribute[PriorityMethod], value: PriorityMethod
) -> None:
    check(type(instance).__name__, attribute.name, value, OneOf(*PRIORITY_METHODS))


def _validate_completion(
    instance: object, attribute: attrs.Attribute[Completion | None], value: Completion | None
) -> None:
    check(
        type(instance).__name__,
        attribute.name,
        value,
        OneOf(*COMPLETIONS),
        None,
        fix="None uses the method's own.",
    )


def _to_threshold(value: float | None, owner: str) -> float | None:
    if value is None:
        return None
    number = as_float(value)
    if number is None or not math.isfinite(number) or number <= 0:
        raise refuse(
            owner,
            "threshold",
            value,
            "a positive number or None",
            fix="Saaty's rule is 0.10; None skips the consistency check.",
        )
    return number


# One converter per class, so that a refusal names the class the analyst called.
def _ahp_threshold(value: float | None) -> float | None:
    return _to_threshold(value, "AHP")


def _group_threshold(value: float | None) -> float | None:
    return _to_threshold(value, "AHPGroup")


def _ahp_random_index(value: str | Mapping[int, float]) -> str | Mapping[int, float]:
    return check_random_index_table(value, "AHP")


def _group_random_index(value: str | Mapping[int, float]) -> str | Mapping[int, float]:
    return check_random_index_table(value, "AHPGroup")


def _check_names(names: tuple[str, ...], assessment: Assessment, scheme: str) -> None:
    """The judgements must name exactly the assessment's criteria."""
    criteria = assessment.criterion_names
    known = set(criteria)
    for name in names:
        if name not in known:
            raise JudgementError(
                f"{scheme}: the judgements must compare criteria of the assessment; got "
                f"{name!r}, which is not one." + did_you_mean(name, criteria)
            )
    given = set(names)
    missing = [name for name in criteria if name not in given]
    if missing:
        raise JudgementError(
            f"{scheme}: the judgements must compare every criterion of the assessment; got "
            f"none for criterion {quoted_list(missing)}. Add a judgement comparing it with "
            f"one of {quoted_list(names)}, or leave it out of the assessment with subset()."
        )


@registry.register("ahp")
@attrs.frozen
class AHP:
    r"""Criterion weights from pairwise comparisons by the analytic hierarchy process.

    The judgements alone define the pairwise comparison matrix, so its priorities,
    :attr:`lambda_max`, :attr:`consistency_index` and :attr:`consistency_ratio` are
    available as soon as the scheme is built; :meth:`weigh` hands the priorities to an
    assessment, checks that the judgements name exactly its criteria, and warns when
    the judgements are too inconsistent. See :mod:`powerbalance.weighting.judgements`
    for the formulas.

    Parameters
    ----------
    judgements : mapping of (str, str) to float, or pandas.DataFrame
        Either ``{(a, b): r}`` meaning "a is r times as important as b" (the reverse
        judgement 1/r is implied; giving it too is allowed if it is reciprocal), or a
        square DataFrame whose index and columns are the same criteria, with
        :math:`a_{ij}` in row i, column j. In a DataFrame an empty (NaN) cell is a
        missing judgement; filling only the upper triangle is enough. Judgements may
        be incomplete as long as they connect every criterion. A judgement given both
        ways must be reciprocal within 5 % (``3`` and ``0.33``); the reading of at
        least 1 is then used. The input is not modified.
    method : {"eigenvector", "geometric"}, default "eigenvector"
        Priorities from the principal eigenvector (Saaty) or the row geometric means
        (Crawford and Williams).
    random_index : str or mapping of int to float, default "saaty1980"
        The random-index table for the consistency ratio: ``"saaty1980"`` (n up to 10),
        ``"alonso-lamata2006"`` (n up to 15) or your own ``{n: RI}``. The default is
        the table Saaty's 10 % threshold was set against, so ratios match the
        published AHP literature; Alonso and Lamata's estimates rest on far more random
        matrices and reach larger n.
    threshold : float or None, default 0.10
        :meth:`weigh` emits a :class:`~powerbalance.errors.ConsistencyWarning` when the
        consistency ratio exceeds it; None skips the check (and the need for a random
        index of the matrix's order).
    completion : {"harker", "logarithmic-least-squares"} or None, default None
        How missing judgements are completed; None uses Harker's method with
        ``method="eigenvector"`` and logarithmic least squares with
        ``method="geometric"``, under which each method reproduces the published
        incomplete-matrix solution. Irrelevant when every pair is judged.

    Raises
    ------
    JudgementError
        A judgement is not positive and finite, a pair is given both ways with values
        that are not reciprocal, a self-comparison or diagonal cell is not 1, the
        matrix's index and columns differ, or the judgements do not connect all
        criteria (the message lists the groups); from :meth:`weigh`, the judgements
        name a criterion the assessment does not have, or miss one it has.
    InvalidParameterError
        An unknown method, completion or random-index table, a threshold that is not
        positive, or (with a threshold) a random-index table with no value for the
        number of criteria.

    See Also
    --------
    AHPGroup : several experts' judgements combined.

    References
    ----------
    Saaty (1980, 1990); Crawford and Williams (1985); Harker (1987); Kwiesielewicz
    (1996); Bozóki, Fülöp and Rónyai (2010); Alonso and Lamata (2006): full entries
    in :mod:`powerbalance.weighting.judgements`.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> ahp = AHP({("Conflict risk", "Trade gains"): 3})
    >>> {name: round(weight, 6) for name, weight in ahp.weigh(a).items()}
    {'Trade gains': 0.25, 'Conflict risk': 0.75}

    Incomplete judgements are completed (here the missing Economic/Climate
    comparison by Harker's method):

    >>> ahp = AHP({("Security", "Economic"): 2, ("Security", "Climate"): 4})
    >>> ahp.matrix.round(3)
    criterion  Security  Economic  Climate
    criterion
    Security       1.00       2.0      4.0
    Economic       0.50       1.0      2.0
    Climate        0.25       0.5      1.0
    >>> round(ahp.consistency_ratio, 12)
    0.0
    """

    judgements: Mapping[Pair, float] = attrs.field(
        converter=to_judgements,
        repr=repr_judgements,
        metadata=file_input("judgements"),
    )
    method: PriorityMethod = attrs.field(
        default="eigenvector",
        kw_only=True,
        validator=_validate_method,
        metadata=file_input("text"),
    )
    random_index: str | Mapping[int, float] = attrs.field(
        default="saaty1980",
        kw_only=True,
        converter=_ahp_random_index,
        metadata=file_input("random_index"),
    )
    threshold: float | None = attrs.field(
        default=0.10, kw_only=True, converter=_ahp_threshold, metadata=file_input("threshold")
    )
    completion: Completion | None = attrs.field(
        default=None,
        kw_only=True,
        validator=_validate_completion,
        metadata=file_input("text"),
    )
    _solution: Solution = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        solution = solve(self.judgements, self.method, self.completion)
        object.__setattr__(self, "_solution", solution)
        if self.threshold is not None:
            random_index(
                solution.graph.n, self.random_index, owner="AHP"
            )  # fail now, not at weigh()

    # -- views ---------------------------------------------------------------------------

    @property
    def criterion_names(self) -> tuple[str, ...]:
        """The criteria compared, in the order they first appear in the judgements.

        Examples
        --------
        >>> AHP({("b", "a"): 2, ("c", "a"): 1}).criterion_names
        ('b', 'a', 'c')
        """
        return self._solution.graph.names

    @property
    def matrix(self) -> pd.DataFrame:
        """The pairwise comparison matrix, missing judgements completed (a new frame).

        Examples
        --------
        >>> AHP({("a", "b"): 4}).matrix
        criterion     a    b
        criterion
        a          1.00  4.0
        b          0.25  1.0
        """
        index = pd.Index(self.criterion_names, name="criterion")
        return pd.DataFrame(self._solution.matrix.copy(), index=index, columns=index.copy())

    @property
    def priorities(self) -> pd.Series:
        """The priorities (weights summing to 1) by criterion, in judgement order.

        Examples
        --------
        >>> AHP({("a", "b"): 4}).priorities.round(6)
        criterion
        a    0.8
        b    0.2
        Name: priority, dtype: float64
        """
        return pd.Series(
            self._solution.priorities.copy(),
            index=pd.Index(self.criterion_names, name="criterion"),
            name="priority",
        )

    @property
    def lambda_max(self) -> float:
        r"""The principal eigenvalue :math:`\lambda_{\max}` of :attr:`matrix`.

        Examples
        --------
        >>> round(AHP({("a", "b"): 4}).lambda_max, 12)
        2.0
        """
        return self._solution.lambda_max

    @property
    def consistency_index(self) -> float:
        r"""Saaty's :math:`CI = (\lambda_{\max} - n)/(n - 1)`; 0 when consistent or n <= 2.

        Examples
        --------
        >>> ahp = AHP({("a", "b"): 2, ("b", "c"): 2, ("a", "c"): 8})
        >>> round(ahp.consistency_index, 4)
        0.0268
        """
        return consistency_index(self.lambda_max, len(self.criterion_names))

    @property
    def consistency_ratio(self) -> float:
        r"""Saaty's :math:`CR = CI / RI(n)` with the scheme's random-index table.

        Raises
        ------
        InvalidParameterError
            The random-index table has no value for this number of criteria.

        Examples
        --------
        >>> ahp = AHP({("a", "b"): 2, ("b", "c"): 2, ("a", "c"): 8})
        >>> round(ahp.consistency_ratio, 4)
        0.0462
        """
        n = len(self.criterion_names)
        if n <= 2:
            return 0.0
        return self.consistency_index / random_index(n, self.random_index, owner="AHP")

    def inconsistencies(self) -> pd.DataFrame:
        r"""Each given judgement beside the ratio the priorities imply, worst first.

        Returns
        -------
        pandas.DataFrame
            One row per given judgement, sorted by the size of ``deviation``, with
            columns

            - ``criterion``, ``other``: the pair, in the order it was given;
            - ``judgement``: the given ratio :math:`a_{ij}`;
            - ``implied``: :math:`w_i / w_j`, the value consistent with the priorities;
            - ``deviation``: :math:`\ln(a_{ij} w_j / w_i)`, positive when the judgement
              favours ``criterion`` more than the priorities do.

        Examples
        --------
        >>> ahp = AHP({("a", "b"): 2, ("a", "c"): 4, ("a", "d"): 4,
        ...            ("b", "c"): 2, ("b", "d"): 1, ("c", "d"): 2})
        >>> ahp.inconsistencies().round(3)
          criterion other  judgement  implied  deviation
        0         c     d        2.0    1.183      0.525
        1         b     d        1.0    1.650     -0.501
        2         b     c        2.0    1.394      0.361
        3         a     c        4.0    3.192      0.226
        4         a     b        2.0    2.290     -0.135
        5         a     d        4.0    3.777      0.057
        """
        solution = self._solution
        graph = solution.graph
        weights = solution.priorities
        implied = weights[graph.rows] / weights[graph.columns]
        judgements = solution.matrix[graph.rows, graph.columns]
        deviation = np.log(judgements) - np.log(implied)
        frame = pd.DataFrame(
            {
                "criterion": [graph.names[i] for i in graph.rows],
                "other": [graph.names[j] for j in graph.columns],
                "judgement": judgements,
                "implied": implied,
                "deviation": deviation,
            }
        )
        order = np.argsort(-np.abs(deviation), kind="stable")
        return frame.iloc[order].reset_index(drop=True)

    # -- applying ------------------------------------------------------------------------

    def weigh(self, assessment: Assessment) -> Weights:
        """The priorities as weights for the criteria of ``assessment``.

        Warns
        -----
        ConsistencyWarning
            The consistency ratio exceeds :attr:`threshold`; the message names the most
            inconsistent judgement and the value consistent with the others.

        Raises
        ------
        JudgementError
            The judgements name a criterion the assessment does not have (with a
            did-you-mean hint), or do not compare one it has.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> w = AHP({("Trade gains", "Conflict risk"): 1}).weigh(a)
        >>> [round(v, 6) for v in w.values()]
        [0.5, 0.5]
        """
        return _weigh(self, assessment, "AHP")


def _consistency_warning(ahp: AHP, scheme: str) -> str | None:
    if ahp.threshold is None or len(ahp.criterion_names) <= 2:
        return None
    ratio = ahp.consistency_ratio
    if ratio <= ahp.threshold:
        return None
    worst = ahp.inconsistencies().iloc[0]
    table = ahp.random_index if isinstance(ahp.random_index, str) else "given"
    return (
        f"{scheme}: the judgements are inconsistent: their consistency ratio is "
        f"{ratio:.3f}, above the threshold {ahp.threshold:g} (random index {table!r}). "
        f"The most inconsistent judgement is ({worst['criterion']!r}, {worst['other']!r}) "
        f"= {worst['judgement']:.4g}, where the other judgements imply about "
        f"{worst['implied']:.3g}. Reconsider it, or pass threshold=None to accept the "
        f"judgements as they are."
    )


def _weigh(ahp: AHP, assessment: Assessment, scheme: str) -> Weights:
    _check_names(ahp.criterion_names, assessment, scheme)
    message = _consistency_warning(ahp, scheme)
    if message is not None:
        warnings.warn(ConsistencyWarning(message), stacklevel=3)
    position = {name: i for i, name in enumerate(ahp.criterion_names)}
    priorities = ahp._solution.priorities
    aligned = priorities[[position[name] for name in assessment.criterion_names]]
    return Weights(assessment.criterion_names, aligned)


# -- groups -------------------------------------------------------------------------------


def _to_experts(value: Sequence[AHP] | Mapping[str, AHP]) -> Mapping[str, AHP]:
    if isinstance(value, Mapping):
        experts = dict(value)
        for name in experts:
            if not isinstance(name, str) or not name.strip():
                raise refuse(
                    "AHPGroup",
                    "experts",
                    name,
                    "keyed by non-empty expert names",
                    fix="Name every expert, such as 'analyst A'.",
                    error=InvalidNameError,
                )
    elif isinstance(value, Sequence) and not isinstance(value, str):
        experts = {f"expert {k}": expert for k, expert in enumerate(value, start=1)}
    else:
        raise refuse(
            "AHPGroup",
            "experts",
            value,
            "a list of AHP schemes, one per expert, or a mapping of expert name to AHP scheme",
        )
    if not experts:
        raise refuse(
            "AHPGroup",
            "experts",
            value,
            "at least one expert's AHP judgements",
            fix="Give an AHP scheme per expert.",
        )
    for name, expert in experts.items():
        check(
            "AHPGroup",
            f"experts[{name!r}]",
            expert,
            InstanceOf(AHP, description="an AHP scheme built from that expert's judgements"),
            fix="Such as AHP({('Security', 'Economic'): 3}).",
        )
    return MappingProxyType(experts)


def _to_expert_weights(
    value: Sequence[float] | Mapping[str, float] | None,
) -> Sequence[float] | Mapping[str, float] | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        return MappingProxyType(dict(value))
    if isinstance(value, Sequence) and not isinstance(value, str):
        return tuple(value)
    raise refuse(
        "AHPGroup",
        "expert_weights",
        value,
        "a list with one weight per expert, a mapping of expert name to weight, or None for "
        "equal weights",
    )


@attrs.frozen
class _GroupSolution:
    expert_weights: FloatArray
    aggregate: AHP


@registry.register("ahp-group")
@attrs.frozen
class AHPGroup:
    r"""Several experts' pairwise judgements combined into one AHP (AIJ).

    Every judgement is aggregated by the weighted geometric mean over the experts who
    gave it (aggregation of individual judgements, AIJ; Forman and Peniwati 1998),

    .. math::

        a^{G}_{ij} = \exp\Big(\sum_{k \in K_{ij}} \pi_k \ln a^{(k)}_{ij}
        \Big/ \sum_{k \in K_{ij}} \pi_k\Big),

    where :math:`K_{ij}` are the experts who compared :math:`i` and :math:`j` (all of
    them when the judgements are complete) and :math:`\pi_k` their weights. The
    aggregate judgements are then an :class:`AHP` with this group's method, random
    index, threshold and completion (:attr:`aggregate`). The geometric mean is the
    aggregation that keeps the aggregate matrix reciprocal.

    Parameters
    ----------
    experts : sequence of AHP or mapping of str to AHP
        One scheme per expert, each connecting the same criteria. Experts of a list
        are called ``"expert 1"``, ``"expert 2"``, ...
    expert_weights : sequence or mapping of float, optional
        Positive weights of the experts (any scale); equal when omitted.
    method, random_index, threshold, completion
        As for :class:`AHP`, applied to the aggregate judgements. The experts' own
        settings are used only for their individual :attr:`priorities`.

    Raises
    ------
    InvalidParameterError
        No experts, an expert that is not an :class:`AHP`, or expert weights that do
        not match the experts or are not positive and finite.
    JudgementError
        The experts compare different sets of criteria; from :meth:`weigh`, the
        judgements do not name exactly the assessment's criteria.

    References
    ----------
    Forman, E. and Peniwati, K. (1998). Aggregating individual judgments and
    priorities with the analytic hierarchy process. European Journal of Operational
    Research 108(1), 165-169.

    Examples
    --------
    >>> alice = AHP({("Security", "Economic"): 4})
    >>> bob = AHP({("Security", "Economic"): 1})
    >>> group = AHPGroup({"Alice": alice, "Bob": bob})
    >>> group.aggregate.matrix
    criterion  Security  Economic
    criterion
    Security        1.0       2.0
    Economic        0.5       1.0
    >>> group.disagreement().round(3)
    criterion
    Security    0.235
    Economic    0.458
    Name: disagreement, dtype: float64
    """

    experts: Mapping[str, AHP] = attrs.field(
        converter=_to_experts, repr=lambda m: repr(dict(m)), metadata=file_input("experts")
    )
    expert_weights: Sequence[float] | Mapping[str, float] | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_to_expert_weights,
        metadata=file_input("expert_weights"),
    )
    method: PriorityMethod = attrs.field(
        default="eigenvector",
        kw_only=True,
        validator=_validate_method,
        metadata=file_input("text"),
    )
    random_index: str | Mapping[int, float] = attrs.field(
        default="saaty1980",
        kw_only=True,
        converter=_group_random_index,
        metadata=file_input("random_index"),
    )
    threshold: float | None = attrs.field(
        default=0.10, kw_only=True, converter=_group_threshold, metadata=file_input("threshold")
    )
    completion: Completion | None = attrs.field(
        default=None,
        kw_only=True,
        validator=_validate_completion,
        metadata=file_input("text"),
    )
    _solution: _GroupSolution = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        names = list(self.experts)
        first = names[0]
        reference = set(self.experts[first].criterion_names)
        for name in names[1:]:
            criteria = set(self.experts[name].criterion_names)
            if criteria != reference:
                extra = sorted(criteria - reference)
                lacking = sorted(reference - criteria)
                detail = (
                    f"{name} compares {quoted_list(extra)}, which {first} does not"
                    if extra
                    else f"{name} does not compare {quoted_list(lacking)}, which {first} does"
                )
                raise JudgementError(
                    f"AHPGroup: every expert must compare the same criteria; got experts "
                    f"who differ: {detail}. Give every expert judgements on the same criteria."
                )
        weights = self._expert_weight_array(names)
        aggregate = AHP(
            self._aggregate_judgements(names, weights),
            method=self.method,
            random_index=self.random_index,
            threshold=self.threshold,
            completion=self.completion,
        )
        object.__setattr__(self, "_solution", _GroupSolution(weights, aggregate))

    def _expert_weight_array(self, names: list[str]) -> FloatArray:
        given = self.expert_weights
        if given is None:
            return np.full(len(names), 1.0 / len(names))
        if isinstance(given, Mapping):
            unknown = [key for key in given if key not in self.experts]
            if unknown:
                raise refuse(
                    "AHPGroup",
                    "expert_weights",
                    dict(given),
                    f"keyed by the experts' names, {quoted_list(names)}",
                    fix=f"{unknown[0]!r} is not an expert." + did_you_mean(str(unknown[0]), names),
                )
            missing = [name for name in names if name not in given]
            if missing:
                raise refuse(
                    "AHPGroup",
                    "expert_weights",
                    dict(given),
                    "a weight for every expert",
                    fix=f"It gives no weight to {quoted_list(missing)}.",
                )
            raw = [given[name] for name in names]
        else:
            if len(given) != len(names):
                raise refuse(
                    "AHPGroup",
                    "expert_weights",
                    given,
                    f"one weight per expert ({len(names)})",
                    fix=f"It has {len(given)}.",
                )
            raw = list(given)
        numbers = [as_float(v) for v in raw]
        values = np.array([math.nan if v is None else v for v in numbers], dtype=np.float64)
        bad = ~np.isfinite(values) | (values <= 0)
        if bad.any():
            k = int(np.argmax(bad))
            key = f"{names[k]!r}" if isinstance(given, Mapping) else str(k)
            raise refuse(
                "AHPGroup",
                f"expert_weights[{key}]",
                raw[k],
                "a positive finite number",
                fix=f"It is the weight of {names[k]}.",
            )
        return np.asarray(values / values.sum(), dtype=np.float64)

    def _aggregate_judgements(self, names: list[str], weights: FloatArray) -> dict[Pair, float]:
        # pair (as first given by any expert) -> [sum of weight * log ratio, sum of weight]
        totals: dict[Pair, list[float]] = {}
        for name, weight in zip(names, weights.tolist(), strict=True):
            graph = self.experts[name]._solution.graph
            for i, j, log in zip(graph.rows, graph.columns, graph.logs.tolist(), strict=True):
                a, b = graph.names[i], graph.names[j]
                if (b, a) in totals:
                    a, b, log = b, a, -log
                total = totals.setdefault((a, b), [0.0, 0.0])
                total[0] += weight * log
                total[1] += weight
        return {pair: math.exp(total / mass) for pair, (total, mass) in totals.items()}

    @property
    def criterion_names(self) -> tuple[str, ...]:
        """The criteria compared, in the first expert's order.

        Examples
        --------
        >>> AHPGroup([AHP({("a", "b"): 2}), AHP({("b", "a"): 3})]).criterion_names
        ('a', 'b')
        """
        first = next(iter(self.experts.values()))
        return first.criterion_names

    @property
    def aggregate(self) -> AHP:
        """The aggregated (AIJ) judgements as an :class:`AHP` with this group's settings.

        Examples
        --------
        >>> group = AHPGroup([AHP({("a", "b"): 2}), AHP({("a", "b"): 8})])
        >>> dict(group.aggregate.judgements)
        {('a', 'b'): 4.0}
        """
        return self._solution.aggregate

    @property
    def priorities(self) -> pd.DataFrame:
        """Each expert's own priorities: experts as rows, criteria as columns (new frame).

        Examples
        --------
        >>> AHPGroup([AHP({("a", "b"): 4}), AHP({("a", "b"): 1})]).priorities.round(6)
        criterion    a    b
        expert
        expert 1   0.8  0.2
        expert 2   0.5  0.5
        """
        criteria = self.criterion_names
        rows = [
            expert.priorities.reindex(list(criteria)).to_numpy() for expert in self.experts.values()
        ]
        return pd.DataFrame(
            np.array(rows),
            index=pd.Index(list(self.experts), name="expert"),
            columns=pd.Index(criteria, name="criterion"),
        )

    def disagreement(self) -> pd.Series:
        r"""How far the experts' priorities for each criterion are apart.

        The weighted standard deviation, over the experts, of the natural logarithm of
        each expert's own priority for the criterion (the logarithm of the geometric
        standard deviation):

        .. math::

            d_i = \sqrt{\sum_k \pi_k \big(\ln w^{(k)}_i - \overline{\ln w_i}\big)^2},
            \qquad \overline{\ln w_i} = \sum_k \pi_k \ln w^{(k)}_i,

        with the expert weights :math:`\pi_k` summing to 1. It is 0 when all experts
        give the criterion the same priority, and about 0.1 when their priorities
        typically differ from the geometric mean by a factor of :math:`e^{0.1} \approx
        1.1`. Being a ratio measure, it treats a priority of 0.02 against 0.04 as the
        same disagreement as 0.2 against 0.4.

        Returns
        -------
        pandas.Series
            The disagreement by criterion (named ``"disagreement"``).

        Examples
        --------
        >>> same = AHP({("a", "b"): 3})
        >>> AHPGroup([same, same]).disagreement().tolist()
        [0.0, 0.0]
        """
        logs = np.log(self.priorities.to_numpy())
        # Measure from the first expert so identical experts give exactly 0.
        shifted = logs - logs[:1]
        weights = self._solution.expert_weights
        mean = weights @ shifted
        spread = np.sqrt(weights @ (shifted - mean) ** 2)
        return pd.Series(
            spread,
            index=pd.Index(self.criterion_names, name="criterion"),
            name="disagreement",
        )

    def weigh(self, assessment: Assessment) -> Weights:
        """The aggregate priorities as weights for the criteria of ``assessment``.

        Warns
        -----
        ConsistencyWarning
            The aggregate judgements' consistency ratio exceeds :attr:`threshold`.

        Raises
        ------
        JudgementError
            The judgements do not name exactly the criteria of ``assessment``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> group = AHPGroup([AHP({("Conflict risk", "Trade gains"): 2}),
        ...                AHP({("Conflict risk", "Trade gains"): 8})])
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> [round(v, 6) for v in group.weigh(a).values()]
        [0.2, 0.8]
        """
        return _weigh(self.aggregate, assessment, "AHPGroup")
