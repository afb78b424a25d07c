r"""Decision rules on a score matrix: options x scenarios, higher is better.

Plain vectorized functions. Options run along the second-to-last axis and scenarios
along the last, so a batch of matrices ``(..., n_options, n_scenarios)`` (one per
weighting, say) is ruled in one call. With :math:`s_{ij}` the score of option
:math:`i` in scenario :math:`j`:

- regret :math:`r_{ij} = \max_k s_{kj} - s_{ij}` (Savage's opportunity loss);
- relative regret :math:`r_{ij} / (\max_k s_{kj} - \min_k s_{kj})`, 0 where every
  option scores the same in scenario :math:`j`;
- expected score :math:`\sum_j p_j s_{ij}`;
- maximin (Wald) :math:`\min_j s_{ij}`; minimax regret (Savage) :math:`\max_j r_{ij}`,
  lower is better;
- Hurwicz :math:`\alpha \max_j s_{ij} + (1 - \alpha) \min_j s_{ij}`, where
  :math:`\alpha` is the weight on the *best* outcome, the "coefficient of optimism"
  (Hurwicz 1951; the convention of Luce & Raiffa 1957, *Games and Decisions*,
  section 13.3, and of the management-science texts): :math:`\alpha = 0` is maximin,
  :math:`\alpha = 1` maximax;
- satisficing share: the share of scenarios in which the option is within ``margin``
  of the best (regret at most ``margin``, in score units), each scenario counted by
  its probability when probabilities are given and equally otherwise.

Scores closer than :data:`~powerbalance.methods.ranking.TIE_TOLERANCE` count as
equal, as the library ranks ties: the options tied for the best have regret 0, and
every option tied with the best value of a rule is its choice.

Examples
--------
>>> import numpy as np
>>> payoff = np.array([[8.0, 7.0], [14.0, 5.0], [20.0, -9.0]])
>>> regret(payoff).tolist()
[[12.0, 0.0], [6.0, 2.0], [0.0, 16.0]]
>>> minimax_regret(payoff).tolist()
[12.0, 6.0, 16.0]
>>> choices(minimax_regret(payoff), lower_is_better=True).tolist()
[1]
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from powerbalance.methods.ranking import TIE_TOLERANCE

__all__ = [
    "LOWER_IS_BETTER",
    "RULES",
    "choices",
    "expected",
    "hurwicz",
    "maximin",
    "minimax_regret",
    "regret",
    "relative_regret",
    "rule_values",
    "satisficing",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]

RULES = ("expected", "maximin", "minimax_regret", "hurwicz", "satisficing")
"""The decision rules, in the order tables show them; ``expected`` needs probabilities.

Examples
--------
>>> RULES[0], RULES[-1]
('expected', 'satisficing')
"""

LOWER_IS_BETTER = frozenset({"minimax_regret"})
"""The rules whose value is better when lower (a regret); the others are higher-better.

Examples
--------
>>> "maximin" in LOWER_IS_BETTER
False
"""


def _matrix(scores: npt.ArrayLike) -> FloatArray:
    return np.asarray(scores, dtype=np.float64)


def _tolerance(values: FloatArray) -> FloatArray:
    """The tie tolerance of :func:`~powerbalance.methods.ranking.rank_scores` per column."""
    size = np.maximum(np.abs(values).max(axis=-2, keepdims=True), 1.0)
    return np.asarray(TIE_TOLERANCE * size, dtype=np.float64)


def regret(scores: npt.ArrayLike) -> FloatArray:
    """Each option's shortfall from the best option of each scenario; 0 is best.

    Options tied with the best (within the library's tie tolerance) have regret 0.

    Examples
    --------
    >>> regret([[1.0, 4.0], [3.0, 2.0]]).tolist()
    [[2.0, 0.0], [0.0, 2.0]]
    """
    values = _matrix(scores)
    result = values.max(axis=-2, keepdims=True) - values
    result[result <= _tolerance(values)] = 0.0
    return np.asarray(result, dtype=np.float64)


def relative_regret(scores: npt.ArrayLike) -> FloatArray:
    """Regret as a share of each scenario's range (best minus worst); 0 where it is 0.

    Examples
    --------
    >>> relative_regret([[1.0, 4.0], [3.0, 4.0], [2.0, 4.0]]).tolist()
    [[1.0, 0.0], [0.0, 0.0], [0.5, 0.0]]
    """
    values = _matrix(scores)
    spread = values.max(axis=-2, keepdims=True) - values.min(axis=-2, keepdims=True)
    flat = spread <= _tolerance(values)
    shortfall = regret(values)
    return np.asarray(
        np.divide(shortfall, spread, out=np.zeros_like(shortfall), where=~flat), dtype=np.float64
    )


def expected(scores: npt.ArrayLike, probabilities: npt.ArrayLike) -> FloatArray:
    """The probability-weighted mean score of each option.

    Examples
    --------
    >>> expected([[8.0, 7.0], [20.0, -9.0]], [0.8, 0.2]).round(6).tolist()
    [7.8, 14.2]
    """
    return np.asarray(_matrix(scores) @ np.asarray(probabilities, dtype=np.float64))


def maximin(scores: npt.ArrayLike) -> FloatArray:
    """Each option's worst score over the scenarios (Wald); higher is better.

    Examples
    --------
    >>> maximin([[8.0, 7.0], [20.0, -9.0]]).tolist()
    [7.0, -9.0]
    """
    return np.asarray(_matrix(scores).min(axis=-1))


def minimax_regret(scores: npt.ArrayLike) -> FloatArray:
    """Each option's largest regret over the scenarios (Savage); lower is better.

    Examples
    --------
    >>> minimax_regret([[8.0, 7.0], [20.0, -9.0]]).tolist()
    [12.0, 16.0]
    """
    return np.asarray(regret(scores).max(axis=-1))


def hurwicz(scores: npt.ArrayLike, alpha: float) -> FloatArray:
    """``alpha`` times the best score plus ``1 - alpha`` times the worst; higher is better.

    ``alpha`` is the weight on the best outcome (the coefficient of optimism).

    Examples
    --------
    >>> hurwicz([[80.0, 100.0, 120.0], [-20.0, 120.0, 200.0]], 0.6).round(6).tolist()
    [104.0, 112.0]
    """
    values = _matrix(scores)
    return np.asarray(alpha * values.max(axis=-1) + (1.0 - alpha) * values.min(axis=-1))


def satisficing(
    scores: npt.ArrayLike, margin: float, probabilities: npt.ArrayLike | None = None
) -> FloatArray:
    """The share of scenarios in which each option is within ``margin`` of the best.

    With ``probabilities`` the share is probability-weighted; without, each scenario
    counts equally. ``margin`` is in score units.

    Examples
    --------
    >>> satisficing([[1.0, 0.5, 0.9], [0.96, 1.0, 1.0]], 0.05).round(6).tolist()
    [0.333333, 1.0]
    >>> satisficing([[1.0, 0.5], [0.0, 1.0]], 0.05, [0.8, 0.2]).tolist()
    [0.8, 0.2]
    """
    values = _matrix(scores)
    shortfall = values.max(axis=-2, keepdims=True) - values
    within = (shortfall <= margin + _tolerance(values)).astype(np.float64)
    if probabilities is None:
        return np.asarray(within.mean(axis=-1))
    return np.asarray(within @ np.asarray(probabilities, dtype=np.float64))


def rule_values(
    scores: npt.ArrayLike,
    *,
    probabilities: npt.ArrayLike | None = None,
    alpha: float = 0.5,
    margin: float = 0.05,
) -> dict[str, FloatArray]:
    """Every rule's value per option, in :data:`RULES` order.

    ``expected`` is there only when probabilities are given.

    Examples
    --------
    >>> list(rule_values([[1.0, 0.0], [0.0, 1.0]]))
    ['maximin', 'minimax_regret', 'hurwicz', 'satisficing']
    """
    values = _matrix(scores)
    result: dict[str, FloatArray] = {}
    if probabilities is not None:
        result["expected"] = expected(values, probabilities)
    result["maximin"] = maximin(values)
    result["minimax_regret"] = minimax_regret(values)
    result["hurwicz"] = hurwicz(values, alpha)
    result["satisficing"] = satisficing(values, margin, probabilities)
    return result


def choices(values: npt.ArrayLike, *, lower_is_better: bool = False) -> npt.NDArray[np.intp]:
    """The positions of the options a rule chooses: every one tied with the best value.

    Examples
    --------
    >>> choices([0.5, 0.9, 0.9 + 1e-15]).tolist()
    [1, 2]
    >>> choices([3.0, 1.0, 2.0], lower_is_better=True).tolist()
    [1]
    """
    oriented = _matrix(values)
    if lower_is_better:
        oriented = -oriented
    best = oriented.max()
    tolerance = TIE_TOLERANCE * max(1.0, float(np.abs(oriented).max()))
    return np.flatnonzero(oriented >= best - tolerance)
