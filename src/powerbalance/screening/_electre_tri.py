"""ELECTRE TRI-B: sorting by the credibility of outranking the category limits.

Each option is compared with each profile both ways; partial concordance and
discordance (weight-independent) are computed once in :meth:`ElectreTriB.prepare`,
the credibility for a batch of weightings in :meth:`PreparedElectreTriB.assign`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._frozen import FrozenMap
from powerbalance._validate import Interval, OneOf, check, refuse
from powerbalance.model import Assessment
from powerbalance.screening._sorting_model import (
    TOLERANCE,
    Evidence,
    check_known,
    oriented_profiles,
    oriented_scores,
    to_categories,
    to_profiles,
    weight_rows,
)

__all__ = ["ElectreTriB", "PreparedElectreTriB"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.intp]
Rule: TypeAlias = Literal["pessimistic", "optimistic"]


def _to_thresholds(
    parameter: str, value: object, known: Sequence[str], *, positive: bool
) -> Mapping[str, float]:
    if value is None:
        return FrozenMap({})
    if not isinstance(value, Mapping):
        raise refuse(
            "ElectreTriB",
            parameter,
            value,
            "a mapping of criterion name to a difference",
            fix="Such as {'Cost': 10}, in the criterion's own units.",
        )
    check_known("ElectreTriB", parameter, list(value), known)
    bound = Interval(0, None, closed="neither") if positive else Interval(0, None)
    thresholds = {}
    for criterion, given in value.items():
        check("ElectreTriB", f"{parameter}[{criterion!r}]", given, bound)
        thresholds[criterion] = float(given)
    return FrozenMap(thresholds)


def _check_order(
    low: Mapping[str, float], high: Mapping[str, float], names: tuple[str, str]
) -> None:
    for criterion, value in high.items():
        if low.get(criterion, 0.0) > value:
            raise refuse(
                "ElectreTriB",
                f"{names[1]}[{criterion!r}]",
                value,
                f"at least the {names[0]} threshold ({low[criterion]:g})",
                fix=f"On {criterion!r} the {names[0]} threshold must not exceed the "
                f"{names[1]} one: indifference <= preference <= veto.",
            )


@attrs.frozen(init=False)
class ElectreTriB:
    r"""ELECTRE TRI-B: sorting by outranking of the categories' lower limits.

    Parameters
    ----------
    categories : sequence of str
        The category names, worst first; at least two.
    profiles : mapping of str to sequence of float
        For every criterion of the assessment, the lower edge of each category above
        the worst (``len(categories) - 1`` limits in raw scores), nested in the
        criterion's direction (on a risk or a cost, lower is better).
    indifference, preference : mapping of str to float, optional
        Per criterion, the differences :math:`q_j \le p_j` up to which a worse score
        is still as good (indifference) and from which it is clearly worse
        (preference); 0 where not given.
    veto : mapping of str to float, optional
        Per criterion, the difference :math:`v_j \ge p_j` from which a worse score
        refuses outranking outright; no veto where not given.
    cut : float, default 0.75
        The cutting level :math:`\lambda`, greater than 0.5 and at most 1: outranking
        holds when its credibility reaches it.
    rule : {"pessimistic", "optimistic"}, default "pessimistic"
        The assignment rule. :func:`~powerbalance.screening.sort` reports the other
        rule's category too, so an option incomparable with the profiles shows.

    Notes
    -----
    With :math:`\Delta_j = b_j - a_j` the advantage of the second over the first in
    the criterion's better direction, partial concordance :math:`c_j(a, b)` is 1 up
    to :math:`q_j`, 0 from :math:`p_j` and linear between; partial discordance
    :math:`d_j(a, b)` is 0 up to :math:`p_j`, 1 from :math:`v_j` and linear between.
    With :math:`C = \sum_j w_j c_j` (weights summing to 1), the credibility is

    .. math:: \sigma(a, b) = C \prod_{j:\, d_j > C} \frac{1 - d_j}{1 - C}.

    *Pessimistic*: the highest profile :math:`b_h` with :math:`\sigma(a, b_h) \ge
    \lambda` puts :math:`a` just above it (none: the worst category). *Optimistic*:
    the lowest profile preferred to :math:`a` (:math:`\sigma(b_h, a) \ge \lambda`
    and :math:`\sigma(a, b_h) < \lambda`) puts :math:`a` just below it (none: the
    best category). Comparisons with :math:`\lambda` allow a rounding slack of 1e-9.

    References
    ----------
    Roy, B. and Bouyssou, D. (1993). *Aide multicritère à la décision: méthodes et
    cas*. Economica. Mousseau, V., Slowinski, R. and Zielniewicz, P. (2000). A
    user-oriented implementation of the ELECTRE-TRI method integrating preference
    elicitation support. *Computers & Operations Research* 27, 757-777.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"],
    ...     [pb.Criterion("Gain", area="E", kind="benefit"),
    ...      pb.Criterion("Cost", area="M", kind="cost")],
    ...     [[8, 40], [3, 90]],
    ... )
    >>> model = pb.screening.ElectreTriB(
    ...     ["reject", "accept"], {"Gain": [5], "Cost": [60]},
    ...     indifference={"Gain": 1, "Cost": 5}, preference={"Gain": 2, "Cost": 15},
    ...     veto={"Cost": 30}, cut=0.75,
    ... )
    >>> model.prepare(a).assign([[0.5, 0.5]]).tolist()
    [[1, 0]]
    """

    categories: tuple[str, ...]
    profiles: Mapping[str, tuple[float, ...]]
    indifference: Mapping[str, float]
    preference: Mapping[str, float]
    veto: Mapping[str, float]
    cut: float
    rule: Rule

    def __init__(
        self,
        categories: Sequence[str],
        profiles: Mapping[str, Sequence[float] | float],
        *,
        indifference: Mapping[str, float] | None = None,
        preference: Mapping[str, float] | None = None,
        veto: Mapping[str, float] | None = None,
        cut: float = 0.75,
        rule: Rule = "pessimistic",
    ) -> None:
        names = to_categories("ElectreTriB", categories)
        limits = to_profiles("ElectreTriB", profiles, names)
        known = list(limits)
        q = _to_thresholds("indifference", indifference, known, positive=False)
        p = _to_thresholds("preference", preference, known, positive=False)
        v = _to_thresholds("veto", veto, known, positive=True)
        _check_order(q, p, ("indifference", "preference"))
        # A criterion with indifference but no preference threshold: p defaults to q.
        p = FrozenMap({**q, **p})
        _check_order(p, v, ("preference", "veto"))
        check(
            "ElectreTriB",
            "cut",
            cut,
            Interval(0.5, 1, closed="right"),
            fix="It is the credibility from which outranking holds; 0.75 is usual.",
        )
        check("ElectreTriB", "rule", rule, OneOf("pessimistic", "optimistic"))
        self.__attrs_init__(names, limits, q, p, v, float(cut), rule)

    def __repr__(self) -> str:
        parts = [f"{list(self.categories)!r}", f"{dict(self.profiles)!r}"]
        for name in ("indifference", "preference", "veto"):
            value = getattr(self, name)
            if value:
                parts.append(f"{name}={dict(value)!r}")
        parts += [f"cut={self.cut:g}", f"rule={self.rule!r}"]
        return f"ElectreTriB({', '.join(parts)})"

    def prepare(self, assessment: Assessment) -> PreparedElectreTriB:
        """Compute partial concordance and discordance against every profile, once.

        Raises
        ------
        UnknownNameError
            The profiles name a criterion the assessment lacks, or leave one out.
        InvalidParameterError
            A criterion's limits are not nested in its direction.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> model = ElectreTriB(["no", "yes"], {"Trade gains": 5, "Conflict risk": 5})
        >>> model.prepare(a).n_categories
        2
        """
        profiles = oriented_profiles("ElectreTriB", self.profiles, self.categories, assessment)
        scores = oriented_scores(assessment)
        names = assessment.criterion_names
        q = np.array([self.indifference.get(c, 0.0) for c in names])
        p = np.array([self.preference.get(c, 0.0) for c in names])
        v = np.array([self.veto.get(c, np.inf) for c in names])
        # advantage[i, h, j]: how much better profile h is than option i on criterion j.
        advantage = profiles[None, :, :] - scores[:, None, :]
        return PreparedElectreTriB(
            self,
            assessment,
            _concordance(advantage, q, p),
            _concordance(-advantage, q, p),
            _discordance(advantage, p, v),
            _discordance(-advantage, p, v),
        )


def _concordance(advantage: FloatArray, q: FloatArray, p: FloatArray) -> FloatArray:
    """c_j: 1 up to q, 0 from p, linear between; a step at q where q = p."""
    span = np.where(p > q, p - q, 1.0)
    ramp = np.clip((p - advantage) / span, 0.0, 1.0)
    return np.asarray(np.where(p > q, ramp, advantage <= q), dtype=np.float64)


def _discordance(advantage: FloatArray, p: FloatArray, v: FloatArray) -> FloatArray:
    """d_j: 0 up to p, 1 from v, linear between; a step at v where v = p; 0 without v."""
    finite = np.isfinite(v)
    span = np.where(finite & (v > p), v - p, 1.0)
    ramp = np.clip((advantage - p) / span, 0.0, 1.0)
    step = advantage >= v
    return np.asarray(np.where(finite & (v > p), ramp, step), dtype=np.float64)


@attrs.frozen(eq=False)
class PreparedElectreTriB:
    """An :class:`ElectreTriB` bound to one assessment (see :meth:`ElectreTriB.prepare`).

    Attributes
    ----------
    model : ElectreTriB
        The model.
    assessment : Assessment
        The assessment.
    concordance, reverse_concordance : numpy.ndarray of shape (n, p, m)
        Partial concordance :math:`c_j(a, b_h)` and :math:`c_j(b_h, a)`.
    discordance, reverse_discordance : numpy.ndarray of shape (n, p, m)
        Partial discordance :math:`d_j(a, b_h)` and :math:`d_j(b_h, a)`.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> model = ElectreTriB(["no", "yes"], {"Trade gains": 5, "Conflict risk": 5})
    >>> model.prepare(a).credibility([[0.5, 0.5]]).tolist()
    [[[1.0], [0.0]]]
    """

    model: ElectreTriB
    assessment: Assessment = attrs.field(repr=False)
    concordance: FloatArray = attrs.field(repr=False)
    reverse_concordance: FloatArray = attrs.field(repr=False)
    discordance: FloatArray = attrs.field(repr=False)
    reverse_discordance: FloatArray = attrs.field(repr=False)

    @property
    def n_categories(self) -> int:
        """The number of categories."""
        return len(self.model.categories)

    def credibility(self, weights: npt.ArrayLike, *, reverse: bool = False) -> FloatArray:
        r""":math:`\sigma(a, b_h)` (or :math:`\sigma(b_h, a)`) for a batch, shape (k, n, p).

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> model = ElectreTriB(["no", "yes"], {"Trade gains": 5, "Conflict risk": 5})
        >>> model.prepare(a).credibility([[0.5, 0.5]], reverse=True).tolist()
        [[[0.0], [1.0]]]
        """
        batch = weight_rows(weights, self.assessment.criterion_names)
        c = self.reverse_concordance if reverse else self.concordance
        d = self.reverse_discordance if reverse else self.discordance
        n, p, m = c.shape
        overall = batch @ c.reshape(n * p, m).T  # (k, n * p)
        sigma = overall.copy()
        room = np.where(overall < 1.0, 1.0 - overall, 1.0)
        flat = d.reshape(n * p, m)
        # Only criteria that can discord at all; one (k, n * p) pass each keeps memory
        # to the size of the result whatever the number of criteria.
        for j in np.flatnonzero(flat.any(axis=0)):
            dj = flat[:, j][None, :]
            sigma *= np.where(dj > overall, (1.0 - dj) / room, 1.0)
        return np.asarray(sigma.reshape(len(batch), n, p), dtype=np.float64)

    def assign(self, weights: npt.ArrayLike, *, rule: Rule | None = None) -> IntArray:
        """Category positions (0 = worst) for a batch of weights, shape (k, n).

        Parameters
        ----------
        weights : array-like of shape (k, m)
            Weight vectors in the assessment's criterion order; each row is rescaled
            to sum to 1.
        rule : {"pessimistic", "optimistic"}, optional
            The model's own rule unless given.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> model = ElectreTriB(["no", "yes"], {"Trade gains": 5, "Conflict risk": 5})
        >>> model.prepare(a).assign([[0.5, 0.5]]).tolist()
        [[1, 0]]
        """
        chosen = self.model.rule if rule is None else rule
        cut = self.model.cut - TOLERANCE
        outranks = self.credibility(weights) >= cut
        p = outranks.shape[2]
        if chosen == "pessimistic":
            highest = p - 1 - np.argmax(outranks[:, :, ::-1], axis=2)
            return np.asarray(np.where(outranks.any(axis=2), highest + 1, 0), dtype=np.intp)
        check("PreparedElectreTriB.assign", "rule", chosen, OneOf("pessimistic", "optimistic"))
        preferred = (self.credibility(weights, reverse=True) >= cut) & ~outranks
        lowest = np.argmax(preferred, axis=2)
        return np.asarray(np.where(preferred.any(axis=2), lowest, p), dtype=np.intp)

    def evidence(self, weights: npt.ArrayLike) -> Evidence:
        """The credibilities and partial indices behind the sorting with one weight vector.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> model = ElectreTriB(["no", "yes"], {"Trade gains": 5, "Conflict risk": 5})
        >>> model.prepare(a).evidence([0.5, 0.5]).backward.tolist()
        [[0.0], [1.0]]
        """
        row = np.asarray(weights, dtype=np.float64).reshape(1, -1)
        return Evidence(
            self.credibility(row)[0],
            self.credibility(row, reverse=True)[0],
            self.concordance,
            self.discordance,
        )
