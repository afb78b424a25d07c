r"""Rezaei's Best-Worst Method (BWM): weights from two vectors of judgements.

The analyst names the most important criterion (the *best*, :math:`B`) and the least
important one (the *worst*, :math:`W`), then says on a 1-9 scale how much more
important the best is than each criterion (:math:`a_{Bj}`, the best-to-others vector)
and how much more important each criterion is than the worst (:math:`a_{jW}`, the
others-to-worst vector). That is :math:`2m - 3` judgements for :math:`m` criteria,
against :math:`m(m-1)/2` for a full pairwise matrix. The weights are those that fit
the judgements best; how well they can fit is the measure of consistency.

Examples
--------
>>> import powerbalance as pb
>>> scheme = BestWorst(
...     best="Conflict risk",
...     worst="Trade gains",
...     best_to_others={"Conflict risk": 1, "Trade gains": 3},
...     others_to_worst={"Conflict risk": 3, "Trade gains": 1},
... )
>>> dict(scheme.weigh(pb.examples.load("engage-or-contain").assessment))
{'Trade gains': 0.25, 'Conflict risk': 0.75}
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Literal, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._linprog import linprog
from powerbalance._validate import (
    InstanceOf,
    Interval,
    OneOf,
    as_number,
    check,
    did_you_mean,
    number_hint,
    quoted_list,
    refuse,
    shown,
)
from powerbalance.errors import ConsistencyWarning, JudgementError
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.weighting._base import registry
from powerbalance.weighting._inputs import file_input

__all__ = [
    "BestWorst",
    "BestWorstResult",
    "best_worst_consistency_index",
    "best_worst_input_consistency_threshold",
]

Model: TypeAlias = Literal["linear", "nonlinear"]
#: The two optimization models of the Best-Worst Method.
MODELS: tuple[Model, ...] = ("linear", "nonlinear")

FloatArray: TypeAlias = npt.NDArray[np.float64]

_LOWEST, _HIGHEST = 1.0, 9.0

#: Rezaei's (2015) consistency index: the largest possible xi* of the non-linear model
#: for each value of a_BW, rounded to two decimals as published.
_CONSISTENCY_INDEX = {
    1: 0.00,
    2: 0.44,
    3: 1.00,
    4: 1.63,
    5: 2.30,
    6: 3.00,
    7: 3.73,
    8: 4.47,
    9: 5.23,
}

#: Liang, Brunelli and Rezaei (2020), Table 3: thresholds of the input-based consistency
#: ratio by a_BW (keys) and number of criteria m = 3, ..., 9 (columns). For a_BW = 2 the
#: threshold is 0: only fully consistent judgements are accepted.
_INPUT_THRESHOLDS = {
    2: (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    3: (0.1667, 0.1667, 0.1667, 0.1667, 0.1667, 0.1667, 0.1667),
    4: (0.1121, 0.1529, 0.1898, 0.2206, 0.2527, 0.2577, 0.2683),
    5: (0.1354, 0.1994, 0.2306, 0.2546, 0.2716, 0.2844, 0.2960),
    6: (0.1330, 0.1990, 0.2643, 0.3044, 0.3144, 0.3221, 0.3262),
    7: (0.1294, 0.2457, 0.2819, 0.3029, 0.3144, 0.3251, 0.3403),
    8: (0.1309, 0.2521, 0.2958, 0.3154, 0.3408, 0.3620, 0.3657),
    9: (0.1359, 0.2681, 0.3062, 0.3337, 0.3517, 0.3620, 0.3662),
}
_THRESHOLD_CRITERIA = range(3, 10)


def best_worst_consistency_index(best_over_worst: float) -> float:
    r"""Rezaei's (2015) consistency index: the largest :math:`\xi^*` possible for :math:`a_{BW}`.

    The non-linear model is least consistent when some criterion :math:`j` has
    :math:`a_{Bj} = a_{jW} = a_{BW}`; its :math:`\xi^*` is then the smaller root of

    .. math::

        (a_{BW} - \xi)^2 = a_{BW} + \xi
        \iff \xi^2 - (1 + 2 a_{BW})\, \xi + (a_{BW}^2 - a_{BW}) = 0.

    For whole :math:`a_{BW}` the published table is returned (the roots rounded to two
    decimals: 0.00, 0.44, 1.00, 1.63, 2.30, 3.00, 3.73, 4.47, 5.23 for 1 to 9), so that
    consistency ratios match the literature; for other values, the root itself.

    Parameters
    ----------
    best_over_worst : float
        :math:`a_{BW}`, from 1 to 9.

    Returns
    -------
    float
        The consistency index.

    Raises
    ------
    InvalidParameterError
        ``best_over_worst`` is not a finite number from 1 to 9.

    References
    ----------
    Rezaei, J. (2015). Best-worst multi-criteria decision-making method. Omega 53,
    49-57. https://doi.org/10.1016/j.omega.2014.11.009

    Examples
    --------
    >>> best_worst_consistency_index(8)
    4.47
    >>> round(best_worst_consistency_index(2.5), 4)
    0.7087
    """
    value = _scale_value("best_worst_consistency_index", "best_over_worst", best_over_worst)
    if value.is_integer():
        return _CONSISTENCY_INDEX[int(value)]
    return _smaller_root(1.0 + 2.0 * value, value * value - value)


def best_worst_input_consistency_threshold(best_over_worst: float, n_criteria: int) -> float | None:
    """The acceptance threshold of the input-based consistency ratio, where one is published.

    Liang, Brunelli and Rezaei (2020, Table 3) give thresholds for whole
    :math:`a_{BW}` from 3 to 9 and 3 to 9 criteria, and a threshold of 0 for
    :math:`a_{BW} = 2`. Elsewhere no threshold is published and None is returned
    (nothing is extrapolated).

    Parameters
    ----------
    best_over_worst : float
        :math:`a_{BW}`, from 1 to 9.
    n_criteria : int
        The number of criteria compared.

    Returns
    -------
    float or None
        The largest acceptable input-based consistency ratio, or None.

    Raises
    ------
    InvalidParameterError
        ``best_over_worst`` is not a finite number from 1 to 9.

    References
    ----------
    Liang, F., Brunelli, M. and Rezaei, J. (2020). Consistency issues in the best worst
    method: Measurements and thresholds. Omega 96, 102175.
    https://doi.org/10.1016/j.omega.2019.102175

    Examples
    --------
    >>> best_worst_input_consistency_threshold(8, 5)
    0.2958
    >>> best_worst_input_consistency_threshold(8, 12) is None
    True
    """
    value = _scale_value(
        "best_worst_input_consistency_threshold", "best_over_worst", best_over_worst
    )
    if not value.is_integer() or int(value) not in _INPUT_THRESHOLDS:
        return None
    if n_criteria not in _THRESHOLD_CRITERIA:
        return None
    return _INPUT_THRESHOLDS[int(value)][n_criteria - _THRESHOLD_CRITERIA.start]


def _scale_value(owner: str, what: str, value: object) -> float:
    check(owner, what, value, Interval(_LOWEST, _HIGHEST))
    return float(value)  # type: ignore[arg-type]


def _smaller_root(p: float, q: float) -> float:
    """The smaller root of x**2 - p*x + q = 0 (real roots, p > 0), without cancellation."""
    disc = math.sqrt(max(p * p - 4.0 * q, 0.0))
    return 2.0 * q / (p + disc) if p + disc > 0 else 0.0


# -- the scheme -------------------------------------------------------------------------


def _to_judgements(vector: str, value: Mapping[str, float]) -> Mapping[str, float]:
    check(
        "BestWorst",
        vector,
        value,
        InstanceOf(Mapping, description="a mapping of criterion name to a judgement from 1 to 9"),
        fix="Such as {'Security': 1, 'Economic': 3}.",
    )
    judgements: dict[str, float] = {}
    for name, raw in value.items():
        if not isinstance(name, str) or not name.strip():
            raise JudgementError(
                f"BestWorst: the keys of {vector} must be criterion names; got {shown(name)}."
            )
        number = as_number(raw)
        if number is None:
            raise refuse(
                "BestWorst",
                f"{vector}[{name!r}]",
                raw,
                "a number from 1 to 9",
                fix=number_hint(raw),
                error=JudgementError,
            )
        judgements[name] = number
    return MappingProxyType(judgements)


def _to_best_to_others(value: Mapping[str, float]) -> Mapping[str, float]:
    return _to_judgements("best_to_others", value)


def _to_others_to_worst(value: Mapping[str, float]) -> Mapping[str, float]:
    return _to_judgements("others_to_worst", value)


def _mapping_repr(value: Mapping[str, float]) -> str:
    return repr(dict(value))


@registry.register("best-worst")
@attrs.frozen(kw_only=True)
class BestWorst:
    r"""Weights from Rezaei's Best-Worst Method, by default its linear model.

    Parameters
    ----------
    best : str
        The most important criterion, :math:`B`.
    worst : str
        The least important criterion, :math:`W` (the same as ``best`` only when there
        is a single criterion).
    best_to_others : mapping of str to float
        For every criterion :math:`j`, how much more important :math:`B` is than
        :math:`j`: :math:`a_{Bj}`, from 1 (equally) to 9 (extremely); :math:`a_{BB} = 1`.
    others_to_worst : mapping of str to float
        For every criterion :math:`j`, how much more important :math:`j` is than
        :math:`W`: :math:`a_{jW}`, from 1 to 9; :math:`a_{WW} = 1`. The judgement of
        :math:`B` over :math:`W`, :math:`a_{BW}`, appears in both vectors and must agree.
    model : {"linear", "nonlinear"}, default "linear"
        Which optimization model turns the judgements into weights (see Notes). The
        linear model is the default because its weights are unique; the non-linear
        model's optimal weights usually form a set, from which a central point is
        reported.

    Raises
    ------
    JudgementError
        Raised at construction if a judgement is not a finite number from 1 to 9;
        ``best`` equals ``worst`` with more than one criterion; :math:`a_{BB}` or
        :math:`a_{WW}` is not 1; the two vectors disagree on :math:`a_{BW}` or name
        different criteria; ``best`` or ``worst`` is not among them; or
        :math:`a_{BW} = 1` while another judgement is not 1. Raised by :meth:`weigh`
        if the judged criteria are not exactly the assessment's.
    InvalidParameterError
        A vector is not a mapping, or ``model`` is not one of the two.

    Warns
    -----
    ConsistencyWarning
        From :meth:`weigh`, when the input-based consistency ratio exceeds the threshold
        of Liang, Brunelli and Rezaei (2020).

    See Also
    --------
    BestWorstResult : the weights, :math:`\xi` and consistency ratios; from :meth:`solve`.

    Notes
    -----
    Judgements need not be whole numbers: any value from 1 to 9 is accepted (for
    instance a group's geometric mean), and every quantity below is defined for it.
    Only the published threshold table is limited to whole :math:`a_{BW}`.

    **Linear model** (Rezaei 2016). The weights :math:`w` solve

    .. math::

        \min_{w,\, \xi^L} \xi^L \quad \text{s.t.} \quad
        |w_B - a_{Bj} w_j| \le \xi^L, \;
        |w_j - a_{jW} w_W| \le \xi^L \;\; \forall j, \quad
        \textstyle\sum_j w_j = 1, \; w \ge 0,

    a linear program with a unique solution (Rezaei 2016). Each absolute value becomes
    two inequalities, and the program is solved by a dense simplex method with
    Bland's rule, in floating point and then finished and proved optimal in exact
    rational arithmetic by its Karush-Kuhn-Tucker conditions (see
    :mod:`powerbalance._linprog`): the weights are the exact optimum of the judgements
    as given, rounded once to floating point. Rezaei (2016)
    proposes :math:`\xi^L` itself as the indicator of consistency (0 is fully
    consistent); it is in units of weight and must not be divided by the consistency
    index of the non-linear model.

    **Non-linear model** (Rezaei 2015). The weights solve

    .. math::

        \min_{w,\, \xi} \xi \quad \text{s.t.} \quad
        \left|\frac{w_B}{w_j} - a_{Bj}\right| \le \xi, \;
        \left|\frac{w_j}{w_W} - a_{jW}\right| \le \xi \;\; \forall j, \quad
        \textstyle\sum_j w_j = 1, \; w \ge 0.

    It is solved exactly, in closed form. Write :math:`r_j = w_j / w_W`. The constraint
    on :math:`(B, W)` is :math:`|r_B - a_{BW}| \le \xi`, and every other criterion
    :math:`j` is tied only to :math:`r_B`: it needs an :math:`r_j` with
    :math:`|r_j - a_{jW}| \le \xi` and :math:`|r_B / r_j - a_{Bj}| \le \xi`, which
    exists exactly when

    .. math::

        (a_{Bj} - \xi)(a_{jW} - \xi) \le r_B \le (a_{Bj} + \xi)(a_{jW} + \xi)

    (the lower bound applies while both factors are positive). So :math:`\xi` is
    feasible exactly when the largest lower bound on :math:`r_B` (including
    :math:`a_{BW} - \xi`) is at most the smallest upper bound (including
    :math:`a_{BW} + \xi`). The lower bounds fall and the upper bounds rise with
    :math:`\xi`, so the optimum :math:`\xi^*` is the largest of the values where one
    lower bound meets one upper bound; each meeting point is the root of a polynomial
    of degree one or two. At :math:`\xi^*` the ratio :math:`r_B` is unique and each
    :math:`r_j` ranges over an interval; the weight intervals of Rezaei (2016) follow
    from them. The reported weights take every :math:`r_j` at the centre of its
    interval: an optimal solution lying inside every weight interval.

    The consistency ratio of the non-linear model is
    :math:`CR = \xi^* / CI(a_{BW})` with Rezaei's (2015) consistency index
    (:func:`best_worst_consistency_index`). The input-based consistency ratio of Liang,
    Brunelli and Rezaei (2020) depends on the judgements only, and is reported for both
    models:

    .. math::

        CR^I = \max_j \frac{|a_{Bj}\, a_{jW} - a_{BW}|}{a_{BW}^2 - a_{BW}}

    (0 when :math:`a_{BW} = 1`), with the thresholds of
    :func:`best_worst_input_consistency_threshold`.

    References
    ----------
    Rezaei, J. (2015). Best-worst multi-criteria decision-making method. Omega 53,
    49-57. https://doi.org/10.1016/j.omega.2014.11.009

    Rezaei, J. (2016). Best-worst multi-criteria decision-making method: Some properties
    and a linear model. Omega 64, 126-130. https://doi.org/10.1016/j.omega.2015.12.001

    Liang, F., Brunelli, M. and Rezaei, J. (2020). Consistency issues in the best worst
    method: Measurements and thresholds. Omega 96, 102175.
    https://doi.org/10.1016/j.omega.2019.102175

    Examples
    --------
    The car example of Rezaei (2016, Table 3): price is the best criterion, style the
    worst.

    >>> scheme = BestWorst(
    ...     best="price",
    ...     worst="style",
    ...     best_to_others={"quality": 2, "price": 1, "comfort": 4, "safety": 3, "style": 8},
    ...     others_to_worst={"quality": 4, "price": 8, "comfort": 2, "safety": 3, "style": 1},
    ... )
    >>> result = scheme.solve()
    >>> result.weights.to_series().round(4).tolist()
    [0.2295, 0.4481, 0.1148, 0.153, 0.0546]
    >>> round(result.xi, 4), round(result.input_consistency_ratio, 4)
    (0.0109, 0.0179)
    >>> import attrs
    >>> nonlinear = attrs.evolve(scheme, model="nonlinear").solve()
    >>> round(nonlinear.xi, 4), round(nonlinear.consistency_ratio, 4)
    (0.1459, 0.0326)
    >>> [round(bound, 4) for bound in nonlinear.weight_intervals["price"]]
    [0.4461, 0.4571]
    """

    best: str = attrs.field(metadata=file_input("text"))
    worst: str = attrs.field(metadata=file_input("text"))
    best_to_others: Mapping[str, float] = attrs.field(
        converter=_to_best_to_others, repr=_mapping_repr, metadata=file_input("points")
    )
    others_to_worst: Mapping[str, float] = attrs.field(
        converter=_to_others_to_worst, repr=_mapping_repr, metadata=file_input("points")
    )
    model: Model = attrs.field(default="linear", metadata=file_input("text"))

    def __attrs_post_init__(self) -> None:
        check(
            "BestWorst",
            "model",
            self.model,
            OneOf(*MODELS),
            fix="'linear' (the default) gives unique weights; 'nonlinear' is Rezaei's "
            "original model.",
        )
        self._check_names()
        self._check_values()

    def _check_names(self) -> None:
        for role in ("best", "worst"):
            name = getattr(self, role)
            if not isinstance(name, str) or not name.strip():
                raise refuse("BestWorst", role, name, "a criterion name", error=JudgementError)
        first, second = self.best_to_others, self.others_to_worst
        for vector, names, other_vector, other in (
            ("best_to_others", first, "others_to_worst", second),
            ("others_to_worst", second, "best_to_others", first),
        ):
            for name in names:
                if name not in other:
                    raise JudgementError(
                        f"BestWorst: {other_vector} must judge every criterion {vector} "
                        f"judges; got none for {name!r}. Every criterion needs both "
                        "judgements." + did_you_mean(name, other)
                    )
        if not first:
            raise JudgementError(
                "BestWorst: best_to_others and others_to_worst must judge at least one "
                "criterion; got none. Give each criterion a judgement in both."
            )
        for role in ("best", "worst"):
            name = getattr(self, role)
            if name not in first:
                raise refuse(
                    "BestWorst",
                    role,
                    name,
                    f"one of the judged criteria {quoted_list(first)}",
                    fix=did_you_mean(name, first).strip(),
                    error=JudgementError,
                )
        if self.best == self.worst and len(first) > 1:
            raise refuse(
                "BestWorst",
                "worst",
                self.worst,
                f"a criterion other than the best with {len(first)} criteria",
                fix=f"{self.best!r} is named both the best and the worst criterion.",
                error=JudgementError,
            )

    def _check_values(self) -> None:
        best, worst = self.best, self.worst
        for name, value in self.best_to_others.items():
            if not (math.isfinite(value) and _LOWEST <= value <= _HIGHEST):
                raise refuse(
                    "BestWorst",
                    f"best_to_others[{name!r}]",
                    value,
                    "a number from 1 to 9",
                    fix=f"It says how much more important the best criterion {best!r} is "
                    f"than {name!r}.",
                    error=JudgementError,
                )
        for name, value in self.others_to_worst.items():
            if not (math.isfinite(value) and _LOWEST <= value <= _HIGHEST):
                raise refuse(
                    "BestWorst",
                    f"others_to_worst[{name!r}]",
                    value,
                    "a number from 1 to 9",
                    fix=f"It says how much more important {name!r} is than the worst "
                    f"criterion {worst!r}.",
                    error=JudgementError,
                )
        if self.best_to_others[best] != 1:
            raise refuse(
                "BestWorst",
                f"best_to_others[{best!r}]",
                self.best_to_others[best],
                "1",
                fix="It compares the best criterion with itself.",
                error=JudgementError,
            )
        if self.others_to_worst[worst] != 1:
            raise refuse(
                "BestWorst",
                f"others_to_worst[{worst!r}]",
                self.others_to_worst[worst],
                "1",
                fix="It compares the worst criterion with itself.",
                error=JudgementError,
            )
        forward, backward = self.best_to_others[worst], self.others_to_worst[best]
        if forward != backward:
            raise JudgementError(
                f"BestWorst: best_to_others[{worst!r}] and others_to_worst[{best!r}] must be "
                f"equal, since both judge how much more important {best!r} (best) is than "
                f"{worst!r} (worst); got {forward:g} and {backward:g}. Give both the same "
                "value."
            )
        if forward == 1:
            for vector, judgements in (
                ("best_to_others", self.best_to_others),
                ("others_to_worst", self.others_to_worst),
            ):
                for name, value in judgements.items():
                    if value != 1:
                        raise JudgementError(
                            f"BestWorst: {vector}[{name!r}] must be 1, since the best "
                            f"criterion {best!r} is judged exactly as important as the worst "
                            f"{worst!r} (a_BW = 1) and so every criterion is equally "
                            f"important; got {value:g}. Revisit a_BW or this judgement."
                        )

    # -- derived from the judgements ----------------------------------------------------

    @property
    def criterion_names(self) -> tuple[str, ...]:
        """The judged criteria, in the order of ``best_to_others``.

        Examples
        --------
        >>> BestWorst(best="a", worst="b", best_to_others={"a": 1, "b": 2},
        ...           others_to_worst={"a": 2, "b": 1}).criterion_names
        ('a', 'b')
        """
        return tuple(self.best_to_others)

    @property
    def best_over_worst(self) -> float:
        """:math:`a_{BW}`, how much more important the best criterion is than the worst.

        Examples
        --------
        >>> BestWorst(best="a", worst="b", best_to_others={"a": 1, "b": 2},
        ...           others_to_worst={"a": 2, "b": 1}).best_over_worst
        2.0
        """
        return self.best_to_others[self.worst]

    def solve(self) -> BestWorstResult:
        r"""Solve the chosen model for the judged criteria.

        The judgements alone define the problem, so no assessment is needed; the
        weights follow the order of :attr:`criterion_names`.

        Returns
        -------
        BestWorstResult
            The weights, :math:`\xi`, the weight intervals and the consistency ratios.

        Examples
        --------
        >>> scheme = BestWorst(best="a", worst="c", best_to_others={"a": 1, "b": 2, "c": 4},
        ...                    others_to_worst={"a": 4, "b": 2, "c": 1})
        >>> result = scheme.solve()
        >>> dict(result.weights), result.xi
        ({'a': 0.5714285714285714, 'b': 0.2857142857142857, 'c': 0.14285714285714285}, 0.0)
        """
        names = self.criterion_names
        to_best = np.array([self.best_to_others[n] for n in names], dtype=np.float64)
        to_worst = np.array([self.others_to_worst[n] for n in names], dtype=np.float64)
        best, worst = names.index(self.best), names.index(self.worst)
        if self.model == "linear":
            values, xi = _solve_linear(to_best, to_worst, best, worst)
            weights = Weights(names, values)
            lower = upper = weights.array  # the unique solution, as stored
            consistency_ratio: float | None = None
        else:
            values, xi, lower, upper = _solve_nonlinear(to_best, to_worst, best, worst)
            weights = Weights(names, values)
            index = best_worst_consistency_index(self.best_over_worst)
            consistency_ratio = xi / index if index > 0 else 0.0
        local = _local_input_consistency(to_best, to_worst, self.best_over_worst)
        return BestWorstResult(
            model=self.model,
            weights=weights,
            xi=xi,
            weight_intervals={
                name: (float(low), float(high))
                for name, low, high in zip(names, lower, upper, strict=True)
            },
            consistency_ratio=consistency_ratio,
            input_consistency_ratio=float(local.max()),
            input_consistency_threshold=best_worst_input_consistency_threshold(
                self.best_over_worst, len(names)
            ),
            input_consistency_by_criterion=dict(zip(names, local.tolist(), strict=True)),
        )

    def weigh(self, assessment: Assessment) -> Weights:
        """Weigh the criteria of ``assessment``; they must be exactly the judged criteria.

        Raises
        ------
        JudgementError
            A judged criterion is not in the assessment (with a did-you-mean hint), or a
            criterion of the assessment is not judged.

        Warns
        -----
        ConsistencyWarning
            The judgements are less consistent than Liang, Brunelli and Rezaei's (2020)
            threshold allows.

        Examples
        --------
        >>> import powerbalance as pb
        >>> BestWorst(best="Trade gains", worst="Conflcit risk",
        ...           best_to_others={"Trade gains": 1, "Conflcit risk": 2},
        ...           others_to_worst={"Trade gains": 2, "Conflcit risk": 1}).weigh(pb.examples.load("engage-or-contain").assessment)
        Traceback (most recent call last):
        ...
        powerbalance.errors.JudgementError: BestWorst: the judged criteria must be criteria of the \
assessment; got 'Conflcit risk', which is not one. Did you mean 'Conflict risk'?
        """  # noqa: E501
        criteria = assessment.criterion_names
        known = set(criteria)
        for name in self.criterion_names:
            if name not in known:
                raise JudgementError(
                    f"BestWorst: the judged criteria must be criteria of the assessment; got "
                    f"{name!r}, which is not one." + did_you_mean(name, criteria)
                )
        missing = [name for name in criteria if name not in self.best_to_others]
        if missing:
            raise JudgementError(
                f"BestWorst: the judgements must cover every criterion of the assessment; "
                f"got none for criterion {quoted_list(missing)}. Give every criterion a "
                "judgement in best_to_others and in others_to_worst (or leave it out of the "
                "assessment with subset())."
            )
        result = self.solve()
        if result.input_consistency_acceptable is False:
            warnings.warn(_inconsistency_message(self, result), ConsistencyWarning, stacklevel=2)
        return Weights.from_mapping({name: result.weights[name] for name in criteria})


def _inconsistency_message(scheme: BestWorst, result: BestWorstResult) -> str:
    by_criterion = result.input_consistency_by_criterion
    worst_case = max(by_criterion, key=lambda name: by_criterion[name])
    a_bj, a_jw = scheme.best_to_others[worst_case], scheme.others_to_worst[worst_case]
    return (
        f"BestWorst: the judgements are less consistent than Liang, Brunelli and Rezaei "
        f"(2020) accept: input-based consistency ratio {result.input_consistency_ratio:.4f} "
        f"> {result.input_consistency_threshold} for {len(by_criterion)} criteria and "
        f"a_BW = {scheme.best_over_worst:g}. The largest inconsistency is at {worst_case!r}: "
        f"a_Bj x a_jW = {a_bj:g} x {a_jw:g} = {a_bj * a_jw:g}, where a_BW = "
        f"{scheme.best_over_worst:g} would be consistent. Reconsider these judgements, or "
        "silence ConsistencyWarning with the warnings module to accept them as they are."
    )


# -- the result -------------------------------------------------------------------------


def _to_intervals(value: Mapping[str, tuple[float, float]]) -> Mapping[str, tuple[float, float]]:
    return MappingProxyType(
        {name: (float(low), float(high)) for name, (low, high) in value.items()}
    )


def _to_floats(value: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType({name: float(v) for name, v in value.items()})


@attrs.frozen(kw_only=True)
class BestWorstResult:
    r"""The solution of a Best-Worst Method problem (from :meth:`BestWorst.solve`).

    Parameters
    ----------
    model : {"linear", "nonlinear"}
        The model solved.
    weights : Weights
        The weights, in the order of the judged criteria.
    xi : float
        The optimal :math:`\xi`: :math:`\xi^L` of the linear model (in units of weight)
        or :math:`\xi^*` of the non-linear model (in units of the 1-9 scale). 0 means the
        judgements are fully consistent.
    weight_intervals : mapping of str to (float, float)
        For every criterion, the lowest and highest weight among all optimal solutions
        (Rezaei 2016). The linear model's solution is unique, so there each interval is
        a single point.
    consistency_ratio : float or None
        Rezaei's (2015) output-based ratio :math:`\xi^* / CI(a_{BW})` for the non-linear
        model; None for the linear model, whose :math:`\xi^L` is not on the scale of the
        consistency index (read ``xi`` and the input-based ratio instead).
    input_consistency_ratio : float
        Liang, Brunelli and Rezaei's (2020) input-based ratio :math:`CR^I`; the same for
        both models.
    input_consistency_threshold : float or None
        Its published acceptance threshold for this :math:`a_{BW}` and number of
        criteria, or None where none is published.
    input_consistency_by_criterion : mapping of str to float
        The local ratio :math:`|a_{Bj} a_{jW} - a_{BW}| / (a_{BW}^2 - a_{BW})` of every
        criterion; the largest is :math:`CR^I`, and shows which judgements to revisit.

    Examples
    --------
    >>> result = BestWorst(best="a", worst="c", best_to_others={"a": 1, "b": 3, "c": 5},
    ...                    others_to_worst={"a": 5, "b": 3, "c": 1}).solve()
    >>> round(result.input_consistency_ratio, 4), result.input_consistency_threshold
    (0.2, 0.1354)
    >>> result.input_consistency_acceptable
    False
    >>> result.to_frame().round(4)
               weight   lower   upper  input_consistency
    criterion
    a          0.6444  0.6444  0.6444                0.0
    b          0.2444  0.2444  0.2444                0.2
    c          0.1111  0.1111  0.1111                0.0
    """

    model: Model
    weights: Weights
    xi: float
    weight_intervals: Mapping[str, tuple[float, float]] = attrs.field(
        converter=_to_intervals, repr=_mapping_repr
    )
    consistency_ratio: float | None
    input_consistency_ratio: float
    input_consistency_threshold: float | None
    input_consistency_by_criterion: Mapping[str, float] = attrs.field(
        converter=_to_floats, repr=_mapping_repr
    )

    @property
    def input_consistency_acceptable(self) -> bool | None:
        """Whether :math:`CR^I` is within its threshold; None where none is published.

        Fully consistent judgements (:math:`CR^I = 0`) are acceptable even without a
        published threshold.

        Examples
        --------
        >>> BestWorst(best="a", worst="b", best_to_others={"a": 1, "b": 2},
        ...           others_to_worst={"a": 2, "b": 1}).solve().input_consistency_acceptable
        True
        """
        if self.input_consistency_ratio == 0:
            return True
        if self.input_consistency_threshold is None:
            return None
        return self.input_consistency_ratio <= self.input_consistency_threshold

    def to_frame(self) -> pd.DataFrame:
        """The result per criterion as a new DataFrame.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``criterion``, with columns ``weight``, ``lower`` and ``upper``
            (the weight interval) and ``input_consistency`` (the local input-based
            consistency ratio).

        Examples
        --------
        >>> result = BestWorst(best="a", worst="b", best_to_others={"a": 1, "b": 3},
        ...                    others_to_worst={"a": 3, "b": 1}).solve()
        >>> result.to_frame().columns.tolist()
        ['weight', 'lower', 'upper', 'input_consistency']
        """
        names = list(self.weights.names)
        return pd.DataFrame(
            {
                "weight": self.weights.array.copy(),
                "lower": [self.weight_intervals[n][0] for n in names],
                "upper": [self.weight_intervals[n][1] for n in names],
                "input_consistency": [self.input_consistency_by_criterion[n] for n in names],
            },
            index=pd.Index(names, name="criterion"),
        )


# -- kernels ----------------------------------------------------------------------------


def _local_input_consistency(
    to_best: FloatArray, to_worst: FloatArray, best_over_worst: float
) -> FloatArray:
    """Liang et al.'s (2020) local ratios |a_Bj a_jW - a_BW| / (a_BW^2 - a_BW)."""
    if best_over_worst == 1:
        return np.zeros(len(to_best))
    denominator = best_over_worst * best_over_worst - best_over_worst
    return np.asarray(np.abs(to_best * to_worst - best_over_worst) / denominator)


def _solve_linear(
    to_best: FloatArray, to_worst: FloatArray, best: int, worst: int
) -> tuple[FloatArray, float]:
    """Rezaei's (2016) linear model as an exact linear program in (w_1..w_m, xi)."""
    m = len(to_best)
    if m == 1:
        return np.ones(1), 0.0
    a_best = [Fraction(float(v)) for v in to_best]
    a_worst = [Fraction(float(v)) for v in to_worst]
    rows: list[list[Fraction]] = []

    def bound(plus: int, minus: int, factor: Fraction) -> None:
        # |w_plus - factor * w_minus| <= xi, as two rows of A x <= 0.
        for sign in (1, -1):
            row = [Fraction(0)] * (m + 1)
            row[plus] += sign
            row[minus] -= sign * factor
            row[m] = Fraction(-1)
            rows.append(row)

    for j in range(m):
        if j != best:
            bound(best, j, a_best[j])
        if j not in (best, worst):  # (B, W) is already bounded above
            bound(j, worst, a_worst[j])
    result = linprog(
        [0] * m + [1],
        a_ub=rows,
        b_ub=[0] * len(rows),
        a_eq=[[1] * m + [0]],
        b_eq=[1],
    )
    if result.status != "optimal":  # pragma: no cover - the program is always solvable
        raise RuntimeError(f"BestWorst: the linear model was reported {result.status}.")
    weights = np.array([float(v) for v in result.x[:m]], dtype=np.float64)
    return weights, float(result.x[m])


def _solve_nonlinear(
    to_best: FloatArray, to_worst: FloatArray, best: int, worst: int
) -> tuple[FloatArray, float, FloatArray, FloatArray]:
    """Rezaei's (2015) non-linear model in closed form (see the BestWorst notes)."""
    m = len(to_best)
    if m == 1:
        one = np.ones(1)
        return one, 0.0, one, one
    a_bw = float(to_best[worst])
    others = np.array([j for j in range(m) if j not in (best, worst)], dtype=np.int64)
    p, q = to_best[others], to_worst[others]  # a_Bj and a_jW of the other criteria
    products, sums = p * q, p + q
    candidates = [0.0]
    # A lower bound (a_Bj - xi)(a_jW - xi) meets an upper bound (a_Bk + xi)(a_kW + xi):
    # the squares cancel and xi = (a_Bj a_jW - a_Bk a_kW) / (a_Bj + a_jW + a_Bk + a_kW).
    gaps = products[:, None] - products[None, :]
    meeting = gaps / (sums[:, None] + sums[None, :])
    candidates.extend(meeting[gaps > 0].tolist())
    for product, total in zip(products.tolist(), sums.tolist(), strict=True):
        if product > a_bw:  # (a_Bj - xi)(a_jW - xi) meets a_BW + xi
            candidates.append(_smaller_root(total + 1.0, product - a_bw))
        if a_bw > product:  # a_BW - xi meets (a_Bj + xi)(a_jW + xi)
            shift = total + 1.0
            disc = math.sqrt(shift * shift + 4.0 * (a_bw - product))
            candidates.append(2.0 * (a_bw - product) / (shift + disc))
    xi = max(candidates)

    # The ratio r_B = w_B / w_W where the bounds meet, then each r_j's interval.
    lowers = [a_bw - xi] + [
        (a - xi) * (b - xi) for a, b in zip(p.tolist(), q.tolist(), strict=True) if min(a, b) > xi
    ]
    uppers = [a_bw + xi, *((p + xi) * (q + xi)).tolist()]
    low_b, high_b = max(lowers), min(uppers)
    r_best = (low_b + high_b) / 2.0
    low_r = np.maximum(q - xi, r_best / (p + xi))
    with np.errstate(divide="ignore"):
        high_r = np.minimum(q + xi, np.where(p > xi, r_best / np.maximum(p - xi, 0.0), np.inf))
    crossed = low_r > high_r  # only by rounding, where the interval is a point
    low_r[crossed] = high_r[crossed] = (low_r[crossed] + high_r[crossed]) / 2.0

    def spread(ratio_best: float, ratio_others: FloatArray) -> FloatArray:
        ratios = np.empty(m)
        ratios[best], ratios[worst] = ratio_best, 1.0
        ratios[others] = ratio_others
        return ratios

    centre = spread(r_best, (low_r + high_r) / 2.0)
    weights = centre / centre.sum()
    # Weight j is smallest with r_j low and the others high, and largest the other way.
    small, large = spread(r_best, low_r), spread(r_best, high_r)
    lower = small / (small + (large.sum() - large))
    upper = large / (large + (small.sum() - small))
    return weights, xi, lower, upper
