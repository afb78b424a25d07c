r"""Compromise ranking: VIKOR, and the compromise solution it proposes.

VIKOR ranks options by their closeness to the ideal option in two senses at once: the
weighted total shortfall from the best score on every criterion (group utility
:math:`S`) and the largest single weighted shortfall (individual regret :math:`R`).
Besides a ranking, it proposes a *compromise solution*: the leading option when its
lead is large enough and stable, otherwise the set of options too close to call.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> report = pb.evaluate(a, method=VIKOR())
>>> list(report.ranking.columns)
['rank', 'score', 'vs_baseline', 'S', 'R', 'Q']
>>> VIKOR().compromise(a, "equal").options
('Technology investment',)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._render import join_words, number
from powerbalance._validate import Interval, check, to_float
from powerbalance.errors import NormalizationError, ShapeError
from powerbalance.methods._base import LastWeighting, check_weight_batch, registry
from powerbalance.methods.ranking import TIE_TOLERANCE
from powerbalance.model import Assessment
from powerbalance.weighting._base import WeightingLike, apply_weighting

__all__ = ["VIKOR", "CompromiseSolution", "PreparedVIKOR"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

#: How many regrets or weighted regrets S and R form at once: 2**18 floats (2 MiB),
#: so that their temporary blocks stay in cache.
CHUNK_ELEMENTS = 1 << 18
#: Up to this many weight vectors, S and R are computed in blocks of options.
_FEW_WEIGHTINGS = 16


def _to_float(value: object) -> object:
    # Real numbers become floats; anything else is left for the validator to reject.
    return to_float(value)


def _check_v(instance: VIKOR, attribute: attrs.Attribute[float], value: object) -> None:
    check(
        "VIKOR",
        "v",
        value,
        Interval(0, 1),
        fix="v weighs group utility S against individual regret R; 0.5 weighs them alike.",
    )


@attrs.frozen
class CompromiseSolution:
    """The compromise solution VIKOR proposes for one weighting.

    Made by :meth:`VIKOR.compromise` or :meth:`PreparedVIKOR.compromise`.

    Attributes
    ----------
    options : tuple of str
        The options that form the compromise, best by Q first. One option when the
        leader is clearly ahead and stable; two or more otherwise.
    advantage : bool
        Whether condition C1 (acceptable advantage) holds: the runner-up by Q trails
        the leader by at least :math:`DQ = 1/(n - 1)`.
    stability : bool
        Whether condition C2 (acceptable stability) holds: the leader by Q is also
        best by group utility S or by individual regret R.
    explanation : str
        One or two sentences naming the options and the numbers behind the verdict.

    Examples
    --------
    >>> import powerbalance as pb
    >>> solution = VIKOR().compromise(pb.examples.load("engage-or-contain").assessment, "equal")
    >>> solution.options, solution.advantage, solution.stability
    (('Engage',), True, True)
    """

    options: tuple[str, ...]
    advantage: bool
    stability: bool
    explanation: str


@attrs.frozen
class PreparedVIKOR:
    """VIKOR prepared for one assessment; see :class:`VIKOR`.

    Attributes
    ----------
    assessment : Assessment
        The assessment it was prepared for.
    normalized : numpy.ndarray of shape (n_options, n_criteria)
        :math:`1 - d_{ij}`: 1 for the best observed score on a criterion, 0 for the worst.
    regret : numpy.ndarray of shape (n_options, n_criteria)
        The normalized regret :math:`d_{ij} = (f_j^* - f_{ij}) / (f_j^* - f_j^-)`, in
        [0, 1]; 0 on a criterion where every option scores the same.
    v : float
        The weight of group utility in Q.
    additive : bool
        False: the contributions do not add up to the score.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> prepared = VIKOR().prepare(pb.examples.load("engage-or-contain").assessment)
    >>> prepared.regret
    array([[0., 0.],
           [1., 1.]])
    >>> w = np.array([0.5, 0.5])
    >>> {name: values.tolist() for name, values in prepared.details(w).items()}
    {'S': [0.0, 1.0], 'R': [0.0, 0.5], 'Q': [0.0, 1.0]}
    >>> prepared.score(w[None, :])  # the merit 1 - Q
    array([[1., 0.]])
    """

    assessment: Assessment
    v: float
    # d_ij = (best_j - x_ij) / divisor_j: each criterion's best observed score, and its
    # spread (negated for a risk; 1 without spread).
    _best: FloatArray = attrs.field(eq=False, repr=False)
    _divisor: FloatArray = attrs.field(eq=False, repr=False)
    additive: bool = False
    # A report asks for the scores and then for the details of the same weights.
    _last: LastWeighting[tuple[FloatArray, FloatArray, FloatArray]] = attrs.field(
        factory=LastWeighting, init=False, eq=False, repr=False
    )

    @functools.cached_property
    def regret(self) -> FloatArray:
        """The normalized regret :math:`d_{ij}` (read-only), built when first asked for."""
        regret = _regret(self.assessment.scores, self._best, self._divisor)
        regret.flags.writeable = False
        return regret

    @property
    def normalized(self) -> FloatArray:
        """:math:`1 - d_{ij}`: 1 for the best observed score on a criterion, 0 for the worst."""
        return np.asarray(1.0 - self.regret, dtype=np.float64)

    def indices(self, weights: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        r"""S, R and Q for a batch of weight vectors, each of shape (k, n_options).

        Each weight vector is first divided by its sum (a vector of zeros stays zero),
        so S and R are on the scale of weights that sum to 1 whatever the batch holds.
        S (a sum over the criteria, in their order) and R (a maximum) are computed in
        chunks so that no temporary array exceeds :data:`CHUNK_ELEMENTS` elements. For
        a few weight vectors the regrets are measured a block of options at a time,
        never all at once; for many, the matrix ``regret`` is built once and kept.

        Parameters
        ----------
        weights : array-like of shape (k, n_criteria)
            Non-negative, finite weights, one row per weighting.

        Returns
        -------
        tuple of three numpy.ndarray of shape (k, n_options)
            Group utility S, individual regret R and the compromise index Q; lower is
            better for all three. For a single weight vector they are read-only, and
            asking again for the same weights returns them without recomputing.

        Examples
        --------
        >>> import numpy as np
        >>> import powerbalance as pb
        >>> tiny = pb.examples.load("engage-or-contain").assessment
        >>> S, R, Q = VIKOR().prepare(tiny).indices(np.array([[1.0, 3.0]]))
        >>> S, R, Q
        (array([[0., 1.]]), array([[0.  , 0.75]]), array([[0., 1.]]))
        """
        batch = check_weight_batch(weights, self.assessment.n_criteria)
        return self._last.get(batch, self._indices)

    def _indices(self, batch: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        totals = batch.sum(axis=1, keepdims=True)
        # 1/total per row; 0 for an all-zero row, whose S and R are then 0.
        scale = np.divide(1.0, totals, out=np.zeros_like(totals), where=totals > 0)
        if batch.shape[0] <= _FEW_WEIGHTINGS:
            group, individual = _few_indices(
                batch, self.assessment.scores, self._best, self._divisor
            )
        else:
            group, individual = _many_indices(batch, self.regret)
        group *= scale
        individual *= scale
        return group, individual, _compromise_index(group, individual, self.v)

    def score(self, weights: FloatArray) -> FloatArray:
        r"""Merits :math:`1 - Q_i` for a batch of weights: higher is better, 1 is best.

        Q runs from 0 (the best option) to 1, so ranking by this score is ranking by Q
        from the lowest, as VIKOR does.

        Examples
        --------
        >>> import numpy as np
        >>> import powerbalance as pb
        >>> tiny = pb.examples.load("engage-or-contain").assessment
        >>> VIKOR().prepare(tiny).score(np.array([[0.5, 0.5], [0.0, 1.0]]))
        array([[1., 0.],
               [1., 0.]])
        """
        _, _, q = self.indices(weights)
        return np.subtract(1.0, q)

    def details(self, weights: FloatArray) -> Mapping[str, FloatArray]:
        """Group utility ``S``, individual regret ``R`` and the index ``Q`` (lower is better).

        Examples
        --------
        >>> import numpy as np
        >>> import powerbalance as pb
        >>> tiny = pb.examples.load("engage-or-contain").assessment
        >>> details = VIKOR().prepare(tiny).details(np.array([0.5, 0.5]))
        >>> sorted(details), details["Q"]
        (['Q', 'R', 'S'], array([0., 1.]))
        """
        group, individual, q = self.indices(self._vector(weights)[None, :])
        return {"S": group[0], "R": individual[0], "Q": q[0]}

    def contributions(self, weights: FloatArray) -> FloatArray:
        r"""The weighted normalized scores :math:`\bar w_j (1 - d_{ij})`, weights summed to 1.

        Each row sums to :math:`1 - S_i`, the option's group utility turned into a
        merit; the contributions do not add up to the score :math:`1 - Q_i`.

        Examples
        --------
        >>> import numpy as np
        >>> import powerbalance as pb
        >>> tiny = pb.examples.load("engage-or-contain").assessment
        >>> VIKOR().prepare(tiny).contributions(np.array([1.0, 3.0]))
        array([[0.25, 0.75],
               [0.  , 0.  ]])
        """
        vector = self._vector(weights)
        total = vector.sum()
        share = vector / total if total > 0 else vector
        return np.asarray(self.normalized * share, dtype=np.float64)

    def compromise(self, weights: FloatArray) -> CompromiseSolution:
        r"""The compromise solution for one weight vector (in criterion order).

        With the options sorted by Q from the lowest, :math:`A^{(1)}, A^{(2)}, \ldots`,
        and :math:`DQ = 1/(n - 1)`:

        - C1, acceptable advantage: :math:`Q(A^{(2)}) - Q(A^{(1)}) \ge DQ`;
        - C2, acceptable stability: :math:`A^{(1)}` is also best by S or by R.

        If both hold, :math:`A^{(1)}` alone is the compromise. If only C2 fails, it is
        :math:`A^{(1)}` and :math:`A^{(2)}`. If C1 fails, it is
        :math:`A^{(1)}, \ldots, A^{(M)}` for the largest M with
        :math:`Q(A^{(M)}) - Q(A^{(1)}) < DQ`.

        Values within :data:`powerbalance.methods.ranking.TIE_TOLERANCE` of each other count as
        equal, so rounding cannot decide a condition. Options tied on Q keep the
        assessment's order; a tie for first place means C1 fails, so every tied
        leader is in the set; options tied with the runner-up all join it when only
        C2 fails. With a single option, it is the compromise and both conditions hold
        trivially. With two options :math:`DQ = 1`, so C1 holds only when one option
        is best by both S and R (or ``v`` is 0 or 1 and it is best by the one that
        counts); otherwise both options form the compromise.

        Parameters
        ----------
        weights : array-like of shape (n_criteria,)
            Non-negative weights in the assessment's criterion order.

        Returns
        -------
        CompromiseSolution

        Examples
        --------
        >>> import numpy as np
        >>> import powerbalance as pb
        >>> tiny = pb.examples.load("engage-or-contain").assessment
        >>> VIKOR().prepare(tiny).compromise(np.array([0.5, 0.5])).options
        ('Engage',)
        """
        group, individual, q = self.indices(self._vector(weights)[None, :])
        return _compromise(self.assessment.option_names, group[0], individual[0], q[0])

    def _vector(self, weights: FloatArray) -> FloatArray:
        vector = np.asarray(weights, dtype=np.float64)
        if vector.ndim != 1:
            raise ShapeError(
                f"VIKOR takes one weight vector of shape ({self.assessment.n_criteria},) "
                f"here, one weight per criterion; got shape {vector.shape}. Use score() "
                f"for a batch."
            )
        checked = check_weight_batch(vector[None, :], self.assessment.n_criteria)
        return np.asarray(checked[0], dtype=np.float64)


@registry.register("vikor")
@attrs.frozen
class VIKOR:
    r"""VIKOR: the compromise between group utility and individual regret.

    With :math:`f_j^*` the best and :math:`f_j^-` the worst score observed on
    criterion *j* (the highest and lowest for a benefit, the other way round for a
    risk) and :math:`w_j` the weights, divided by their sum:

    .. math::

        d_{ij} = \frac{f_j^* - f_{ij}}{f_j^* - f_j^-}, \qquad
        S_i = \sum_j w_j d_{ij}, \qquad
        R_i = \max_j w_j d_{ij},

    .. math::

        Q_i = v \, \frac{S_i - S^*}{S^- - S^*} + (1 - v) \, \frac{R_i - R^*}{R^- - R^*}

    where :math:`S^* = \min_i S_i`, :math:`S^- = \max_i S_i`, and likewise for R.
    S is the weighted total shortfall from the best scores (the "group utility" of
    the majority of criteria, lower is better), R the largest single weighted
    shortfall (the "individual regret" of the most aggrieved criterion), and Q
    trades them off with weight ``v``. Options rank by Q from the lowest; the
    method's score is the merit

    .. math:: \text{score}_i = 1 - Q_i \in [0, 1],

    so that higher is better, 1 marks the best option, and ranks by score are ranks
    by Q. :meth:`compromise` adds VIKOR's compromise solution (conditions C1 and C2).

    Choices made where the method leaves room:

    - The best and worst values are the observed ones, as in the classical method,
      not the ends of a criterion's declared ``scale``. Regret is measured against
      the best option actually on the table; the published examples, which the tests
      reproduce, use the observed values; and Q is rescaled by the observed spread
      of S and R anyway, so fixed anchors would not make the ranking independent of
      the set of options. Declared scales still validate the scores.
    - A criterion on which every option scores the same has no spread; it gives no
      regret (:math:`d_{ij} = 0`) instead of dividing by zero, so it cannot change
      the ranking.
    - If every option has the same S (:math:`S^- = S^*`, to within
      :data:`powerbalance.methods.ranking.TIE_TOLERANCE`), the S term of Q is 0 for all
      options; likewise for R. When both are, every Q is 0 and every score is 1.
    - Weight vectors need not sum to 1: each is divided by its sum first. Q does not
      depend on the scale of the weights; S and R, reported by ``details``, are then
      those of weights summing to 1. An all-zero vector scores every option 1.

    The prepared object's ``normalized`` matrix is :math:`1 - d_{ij}` and its
    ``contributions`` are :math:`w_j (1 - d_{ij})`, which sum to :math:`1 - S_i`,
    not to the score.

    Parameters
    ----------
    v : float, default 0.5
        The weight of group utility S against individual regret R, from 0 to 1:
        above 0.5 favours the majority of criteria, 0.5 seeks consensus, below 0.5
        lets a single badly served criterion veto an option.

    Raises
    ------
    InvalidParameterError
        ``v`` is not a number from 0 to 1.
    NormalizationError
        From :meth:`prepare`: a criterion's scores span more than the float range.

    References
    ----------
    Opricovic, S. and Tzeng, G.-H. (2004). Compromise solution by MCDM methods: A
    comparative analysis of VIKOR and TOPSIS. European Journal of Operational
    Research 156(2), 445-455.
    Opricovic, S. and Tzeng, G.-H. (2007). Extended VIKOR method in comparison with
    outranking methods. European Journal of Operational Research 178(2), 514-529.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> prepared = VIKOR().prepare(pb.examples.load("engage-or-contain").assessment)
    >>> prepared.score(np.array([[0.5, 0.5]]))
    array([[1., 0.]])
    >>> prepared.details(np.array([0.5, 0.5]))["S"]
    array([0., 1.])
    >>> VIKOR(v=1.5)
    Traceback (most recent call last):
    ...
    powerbalance.errors.InvalidParameterError: VIKOR: v must be a number from 0 to 1; got 1.5. ...
    """

    v: float = attrs.field(default=0.5, kw_only=True, converter=_to_float, validator=_check_v)

    def prepare(self, assessment: Assessment) -> PreparedVIKOR:
        """Find each criterion's best score and spread; regrets are measured when scoring."""
        best, divisor = _regret_form(assessment)
        return PreparedVIKOR(assessment, self.v, best, divisor)

    def compromise(
        self, assessment: Assessment, weighting: WeightingLike = "equal"
    ) -> CompromiseSolution:
        """The compromise solution for ``assessment`` under a weighting.

        See :meth:`PreparedVIKOR.compromise` for the rule, ties and small cases.

        Parameters
        ----------
        assessment : Assessment
            The options, criteria and scores.
        weighting : WeightingScheme, str, Weights or callable, default "equal"
            As for :func:`powerbalance.evaluation.evaluate`: a scheme, a registered name, fixed
            :class:`~powerbalance.Weights`, or a function of the assessment.

        Returns
        -------
        CompromiseSolution

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     options=["A1", "A2", "A3"],
        ...     criteria=[pb.Criterion("Risk", area="Safety", kind="risk"),
        ...               pb.Criterion("Altitude", area="Success", kind="benefit")],
        ...     scores=[[1, 3000], [2, 3750], [5, 4500]],
        ... )
        >>> solution = VIKOR().compromise(a, "equal")
        >>> solution.options
        ('A2',)
        >>> print(solution.explanation)  # doctest: +NORMALIZE_WHITESPACE
        A2 is the compromise solution: it ranks first by Q (0.000), ahead of A1
        (Q = 1.000) by 1.000, at least the acceptable advantage DQ = 1/(3 - 1) = 0.500,
        and it is stable, being also best by group utility S (0.375) and by individual
        regret R (0.250).
        """
        weights = apply_weighting(weighting, assessment)
        return self.prepare(assessment).compromise(weights.aligned(assessment))


# -- kernels ------------------------------------------------------------------------------


def _regret_form(assessment: Assessment) -> tuple[FloatArray, FloatArray]:
    r"""Each criterion's best observed score and divisor: :math:`d_{ij} = (b_j - x_{ij}) / s_j`."""
    low, high = assessment.observed_range
    with np.errstate(over="ignore"):
        spread = high - low
    if not np.isfinite(spread).all():
        _refuse_range(assessment, int(np.flatnonzero(~np.isfinite(spread))[0]))
    lower = assessment.lower_is_better
    # A benefit's best is its highest score, a risk's its lowest: (best - x) divided
    # by the spread, negated for a risk. Without spread, best - x is 0 everywhere.
    best = np.where(lower, low, high)
    divisor = np.where(spread > 0, np.where(lower, -spread, spread), 1.0)
    return best, divisor


def _regret(
    scores: FloatArray, best: FloatArray, divisor: FloatArray, out: FloatArray | None = None
) -> FloatArray:
    """:math:`d_{ij}` in [0, 1], direction-aware; 0 on a criterion without spread."""
    regret: FloatArray = np.subtract(best, scores, out=out)
    regret /= divisor
    # A risk's best option gives 0 / -spread = -0.0; make it a plain 0.
    regret += 0.0
    return regret


def _refuse_range(assessment: Assessment, column: int) -> None:
    """Refuse a criterion whose range of scores is wider than the float range."""
    criterion = assessment.criteria[column]
    values = assessment.scores[:, column]
    lowest, highest = int(np.argmin(values)), int(np.argmax(values))
    options = assessment.option_names
    raise NormalizationError(
        f"VIKOR: the range of {criterion.kind} criterion {criterion.name!r} must be "
        f"narrower than about 1.8e308 to measure regret; got option "
        f"{options[lowest]!r} scoring {values[lowest]:g} and option {options[highest]!r} "
        f"scoring {values[highest]:g}. Express the criterion in larger units (thousands, "
        f"millions) so that its scores stay well inside the floating-point range."
    )


def _few_indices(
    batch: FloatArray, scores: FloatArray, best: FloatArray, divisor: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Unscaled S and R for a few weight vectors, the regrets measured a block at a time.

    A block's regrets are laid out criteria by rows, so that summing and maximising
    over the criteria are elementwise operations on rows of options; the reused
    arrays hold at most :data:`CHUNK_ELEMENTS` elements each, and nothing else grows
    with the number of options but the results.
    """
    k = batch.shape[0]
    n, m = scores.shape
    group = np.empty((k, n), dtype=np.float64)
    individual = np.empty((k, n), dtype=np.float64)
    rows = min(n, max(1, CHUNK_ELEMENTS // max(m, 1)))
    regret = np.empty((m, rows), dtype=np.float64)
    weighted = np.empty((m, rows), dtype=np.float64)
    for start in range(0, n, rows):
        block = scores[start : start + rows].T
        size = block.shape[1]
        part = _regret(block, best[:, None], divisor[:, None], out=regret[:, :size])
        for row, weights in enumerate(batch):
            terms = np.multiply(part, weights[:, None], out=weighted[:, :size])
            _sum_rows(terms, out=group[row, start : start + size])
            terms.max(axis=0, out=individual[row, start : start + size])
    return group, individual


def _many_indices(batch: FloatArray, regret: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Unscaled S and R for many weight vectors, criterion by criterion.

    A running sum and maximum are kept for a chunk of weight vectors at a time, in
    blocks of at most :data:`CHUNK_ELEMENTS` elements.
    """
    k = batch.shape[0]
    n, m = regret.shape
    group = np.empty((k, n), dtype=np.float64)
    individual = np.empty((k, n), dtype=np.float64)
    rows = max(1, CHUNK_ELEMENTS // max(n, 1))
    scratch = np.empty((min(rows, k), n), dtype=np.float64)
    for start in range(0, k, rows):
        chunk = batch[start : start + rows]
        total = group[start : start + rows]
        largest = individual[start : start + rows]
        weighted = scratch[: len(chunk)]
        np.multiply(chunk[:, :1], regret[:, 0], out=largest)
        np.copyto(total, largest)
        for j in range(1, m):
            np.multiply(chunk[:, j : j + 1], regret[:, j], out=weighted)
            total += weighted
            np.maximum(largest, weighted, out=largest)
    return group, individual


def _sum_rows(terms: FloatArray, out: FloatArray) -> None:
    """The sum of the rows of ``terms``, added first to last into ``out``."""
    # Added in criterion order, S rounds alike for every option, alone, in a batch or
    # in a block, and in both kernels: Q's rescaling by the spread of S can magnify a
    # last-bit difference a millionfold. (A reduction may sum pairwise or not,
    # depending on the shape.)
    np.copyto(out, terms[0])
    for term in terms[1:]:
        out += term


def _rescaled(values: FloatArray, weight: float) -> FloatArray:
    """Row-wise ``weight * (x - min) / (max - min)``, a new array; 0 where a row has no spread."""
    lowest = values.min(axis=1, keepdims=True)
    spread = values.max(axis=1, keepdims=True) - lowest
    rescaled: FloatArray = np.subtract(values, lowest)
    apart = spread > TIE_TOLERANCE
    np.divide(rescaled, spread, out=rescaled, where=apart)
    rescaled[~apart[:, 0]] = 0.0
    rescaled *= weight
    return rescaled


def _compromise_index(group: FloatArray, individual: FloatArray, v: float) -> FloatArray:
    """Q from S and R, each (k, n)."""
    q = _rescaled(group, v)
    q += _rescaled(individual, 1.0 - v)
    return q


def _compromise(
    names: tuple[str, ...], group: FloatArray, individual: FloatArray, q: FloatArray
) -> CompromiseSolution:
    """Apply conditions C1 and C2 to one weighting's S, R and Q (each of shape (n,))."""
    n = len(names)
    if n == 1:
        return CompromiseSolution(
            options=names,
            advantage=True,
            stability=True,
            explanation=f"{names[0]} is the only option assessed, so it is the compromise "
            "solution.",
        )
    order = np.argsort(q, kind="stable")
    ordered = q[order]
    threshold = 1.0 / (n - 1)
    # Sorted by Q, the options whose lead over the leader falls short of DQ are a prefix.
    within = (ordered - ordered[0]) < threshold - TIE_TOLERANCE
    first, second = int(order[0]), int(order[1])
    advantage = not bool(within[1])
    best_by_s = bool(group[first] <= group.min() + TIE_TOLERANCE)
    best_by_r = bool(individual[first] <= individual.min() + TIE_TOLERANCE)
    stability = best_by_s or best_by_r
    leader, runner_up = names[first], names[second]
    dq = f"DQ = 1/({n} - 1) = {number(threshold)}"
    if not advantage:
        members = [names[i] for i in order[within]]
        last = int(order[len(members) - 1])
        subject = join_words(members)
        if len(members) == n:
            subject = f"All {n} options, {subject},"
        explanation = (
            f"{subject} form the compromise set: no "
            f"option has an acceptable advantage, since the Q of {names[last]} "
            f"({number(q[last])}) is within {dq} of the best, {leader} "
            f"({number(q[first])})"
        )
        if len(members) < n:
            following = int(order[len(members)])
            explanation += f", while {names[following]} (Q = {number(q[following])}) is not"
        explanation += "."
        return CompromiseSolution(tuple(members), advantage, stability, explanation)
    lead = (
        f"ranks first by Q ({number(q[first])}), ahead of {runner_up} "
        f"(Q = {number(q[second])}) by {number(q[second] - q[first])}, at least the "
        f"acceptable advantage {dq}"
    )
    if stability:
        measures = []
        if best_by_s:
            measures.append(f"group utility S ({number(group[first])})")
        if best_by_r:
            measures.append(f"individual regret R ({number(individual[first])})")
        explanation = (
            f"{leader} is the compromise solution: it {lead}, and it is stable, being also "
            f"best by {' and by '.join(measures)}."
        )
        return CompromiseSolution((leader,), advantage, stability, explanation)
    # Only C2 fails: the runner-up joins, with every option tied with it on Q.
    tied = np.abs(ordered - ordered[1]) <= TIE_TOLERANCE
    tied[0] = False
    runners_up = [names[i] for i in order[tied]]
    best_s, best_r = int(np.argmin(group)), int(np.argmin(individual))
    explanation = (
        f"{join_words([leader, *runners_up])} form the compromise set: {leader} {lead}, "
        f"but the lead is not stable, since {leader} is best neither by group utility S "
        f"({number(group[first])}, against {number(group[best_s])} for {names[best_s]}) "
        f"nor by individual regret R ({number(individual[first])}, against "
        f"{number(individual[best_r])} for {names[best_r]})."
    )
    return CompromiseSolution((leader, *runners_up), advantage, stability, explanation)
