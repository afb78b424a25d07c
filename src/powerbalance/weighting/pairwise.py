r"""Weights from pairwise comparisons: the analytic hierarchy process (AHP), alone and in groups.

The analyst says, for pairs of criteria, how many times more important one is than the
other: ``{("Security", "Economic"): 3}`` reads "Security is 3 times as important as
Economic" (so Economic is 1/3 as important as Security). The judgements fill a
positive reciprocal matrix :math:`A = (a_{ij})` with :math:`a_{ji} = 1/a_{ij}` and
:math:`a_{ii} = 1`, from which :class:`AHP` derives the criterion weights (Saaty's
*priorities*) and measures how consistent the judgements are. :class:`Group` combines
the judgements of several experts.

Priorities
----------
``method="eigenvector"`` (Saaty 1980) takes the principal (Perron) eigenvector of
:math:`A`, scaled to sum to 1,

.. math:: A w = \lambda_{\max} w, \qquad \sum_i w_i = 1,

and ``method="geometric"`` (Crawford and Williams 1985) the row geometric means,

.. math:: w_i \propto \Big(\prod_{j=1}^{n} a_{ij}\Big)^{1/n},

which are also the logarithmic least squares solution. When the judgements are
consistent (:math:`a_{ij} a_{jk} = a_{ik}` for all :math:`i, j, k`) both give the
weights :math:`w` with :math:`a_{ij} = w_i / w_j`; otherwise they differ slightly.

Consistency
-----------
Both methods report Saaty's consistency index and ratio, computed from the largest
eigenvalue of the (completed) matrix whatever the priority method, since
:math:`\lambda_{\max}` is a property of the judgements, not of how priorities are
read from them:

.. math::

    CI = \frac{\lambda_{\max} - n}{n - 1}, \qquad CR = \frac{CI}{RI(n)},

where :math:`RI(n)` is the mean :math:`CI` of random reciprocal matrices of order
:math:`n` (:data:`RANDOM_INDICES`). :math:`\lambda_{\max} \ge n`, with equality exactly
for consistent judgements, so :math:`CI = CR = 0` for them; every matrix of order 1
or 2 is consistent. Saaty's rule accepts :math:`CR \le 0.10`.

Incomplete judgements
---------------------
Not every pair has to be compared: the judgements only have to *connect* the
criteria (at least :math:`n - 1` judgements forming a connected comparison graph).
The missing entries are then completed as :math:`a_{ij} = w_i / w_j` from weights
found on the given judgements alone:

- ``completion="harker"`` (Harker 1987), the default of the eigenvector method: the
  Perron eigenvector of Harker's matrix, which puts 0 in every missing cell and
  :math:`1 + m_i` on the diagonal, :math:`m_i` being the number of missing judgements
  in row :math:`i`. The completed matrix has the same Perron eigenvector and
  eigenvalue as Harker's matrix, so the eigenvector method on it returns Harker's
  weights.
- ``completion="logarithmic-least-squares"`` (Kwiesielewicz 1996), the default of the
  geometric method: the weights minimizing
  :math:`\sum_{(i,j)\ \text{given}} (\ln a_{ij} - \ln w_i + \ln w_j)^2`, found by one
  linear system in the Laplacian matrix of the comparison graph (Bozóki, Fülöp and
  Rónyai 2010), which has a unique solution exactly when the graph is connected. The
  row geometric means of the completed matrix are these weights again (Kułakowski
  2020).

With complete judgements nothing is completed and both options give the same result.
For incomplete judgements :math:`\lambda_{\max}`, :math:`CI` and :math:`CR` are those of
the completed matrix; as its completed entries agree with the weights, they measure
the inconsistency among the given judgements only, and understate it when many
judgements are missing.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.

Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
European Journal of Operational Research 48(1), 9-26.

Crawford, G. and Williams, C. (1985). A note on the analysis of subjective judgment
matrices. Journal of Mathematical Psychology 29(4), 387-405.

Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic hierarchy
process. Mathematical Modelling 9(11), 837-848.

Kwiesielewicz, M. (1996). The logarithmic least squares and the generalized
pseudoinverse in estimating ratios. European Journal of Operational Research 93(3),
611-619.

Bozóki, S., Fülöp, J. and Rónyai, L. (2010). On optimal completion of incomplete
pairwise comparison matrices. Mathematical and Computer Modelling 52(1-2), 318-333.

Kułakowski, K. (2020). On the geometric mean method for incomplete pairwise
comparisons. Mathematics 8(11), 1873.

Alonso, J. A. and Lamata, M. T. (2006). Consistency in the analytic hierarchy
process: a new approach. International Journal of Uncertainty, Fuzziness and
Knowledge-Based Systems 14(4), 445-459.

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
from typing import Literal, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance.errors import (
    ConsistencyWarning,
    InvalidNameError,
    InvalidParameterError,
    JudgementError,
    did_you_mean,
    quoted_list,
)
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights

__all__ = ["AHP", "RANDOM_INDICES", "Group", "random_index"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.intp]
Pair: TypeAlias = tuple[str, str]
Method: TypeAlias = Literal["eigenvector", "geometric"]
Completion: TypeAlias = Literal["harker", "logarithmic-least-squares"]

#: The ways of reading priorities from a complete matrix.
METHODS: tuple[Method, ...] = ("eigenvector", "geometric")
#: The ways of completing missing judgements.
COMPLETIONS: tuple[Completion, ...] = ("harker", "logarithmic-least-squares")
#: The completion each method uses unless told otherwise.
DEFAULT_COMPLETION: Mapping[Method, Completion] = MappingProxyType(
    {"eigenvector": "harker", "geometric": "logarithmic-least-squares"}
)
#: How far the product of a judgement and its reverse may be from 1 (as a fraction)
#: and still count as reciprocal: 0.05 accepts reciprocals rounded to two decimals
#: (3 and 0.33, 7 and 0.14, 8 and 0.13) yet rejects any two different values of Saaty's
#: 1-9 scale, whose products are at least 9/8 away from 1.
RECIPROCAL_TOLERANCE = 0.05

RANDOM_INDICES: Mapping[str, Mapping[int, float]] = MappingProxyType(
    {
        "saaty1980": MappingProxyType(
            {
                1: 0.0,
                2: 0.0,
                3: 0.58,
                4: 0.90,
                5: 1.12,
                6: 1.24,
                7: 1.32,
                8: 1.41,
                9: 1.45,
                10: 1.49,
            }
        ),
        "alonso-lamata2006": MappingProxyType(
            {
                1: 0.0,
                2: 0.0,
                3: 0.5245,
                4: 0.8815,
                5: 1.1086,
                6: 1.2479,
                7: 1.3417,
                8: 1.4056,
                9: 1.4499,
                10: 1.4854,
                11: 1.5141,
                12: 1.5365,
                13: 1.5551,
                14: 1.5713,
                15: 1.5838,
            }
        ),
    }
)
"""Published random indices RI(n) by table name. Read-only.

RI(n) is the mean consistency index of random reciprocal matrices of order n.

``"saaty1980"``: Saaty (1980), n = 1..10, from random matrices with entries drawn
from the 1-9 scale and its reciprocals; the table behind Saaty's 10 % rule.

``"alonso-lamata2006"``: Alonso and Lamata (2006), n = 1..15, from 100,000 random
matrices per order (entries uniform on the 17 values 1/9, ..., 1/2, 1, 2, ..., 9).

Examples
--------
>>> sorted(RANDOM_INDICES)
['alonso-lamata2006', 'saaty1980']
>>> RANDOM_INDICES["saaty1980"][5], RANDOM_INDICES["alonso-lamata2006"][5]
(1.12, 1.1086)
"""


# -- random index ------------------------------------------------------------------------


def _to_random_index_table(value: str | Mapping[int, float]) -> str | Mapping[int, float]:
    if isinstance(value, str):
        if value not in RANDOM_INDICES:
            raise InvalidParameterError(
                f"random_index must be one of {quoted_list(RANDOM_INDICES)} or a mapping of "
                f"matrix order to random index; got {value!r}."
                + did_you_mean(value, RANDOM_INDICES)
            )
        return value
    if not isinstance(value, Mapping):
        raise InvalidParameterError(
            f"random_index must be one of {quoted_list(RANDOM_INDICES)} or a mapping of "
            f"matrix order to random index such as {{3: 0.58, 4: 0.9}}; got {value!r}."
        )
    table: dict[int, float] = {}
    for order, index in value.items():
        if isinstance(order, bool) or not isinstance(order, int | np.integer) or order < 1:
            raise InvalidParameterError(
                f"random_index: the keys of a random-index table are matrix orders "
                f"(whole numbers from 1); got {order!r}."
            )
        number = _as_float(index)
        if number is None or not math.isfinite(number) or number < 0:
            raise InvalidParameterError(
                f"random_index: the random index of order {order} must be a finite number "
                f"of at least 0; got {index!r}."
            )
        table[int(order)] = number
    return MappingProxyType(table)


def random_index(n: int, table: str | Mapping[int, float] = "saaty1980") -> float:
    r"""The random index :math:`RI(n)` that the consistency index is divided by.

    Parameters
    ----------
    n : int
        The order of the matrix (the number of criteria compared).
    table : str or mapping of int to float, default "saaty1980"
        A published table of :data:`RANDOM_INDICES` (``"saaty1980"`` for n up to 10,
        ``"alonso-lamata2006"`` for n up to 15) or your own ``{n: RI}``.

    Returns
    -------
    float
        :math:`RI(n)`; 0 for :math:`n \le 2`, whose matrices are always consistent.

    Raises
    ------
    InvalidParameterError
        The table is unknown or has no value for ``n``.

    References
    ----------
    Saaty (1980); Alonso and Lamata (2006); see :mod:`powerbalance.weighting.pairwise`.

    Examples
    --------
    >>> random_index(8)
    1.41
    >>> random_index(12, "alonso-lamata2006")
    1.5365
    """
    checked = _to_random_index_table(table)
    values = RANDOM_INDICES[checked] if isinstance(checked, str) else checked
    if n <= 2:
        return 0.0
    if n not in values:
        name = repr(checked) if isinstance(checked, str) else "given"
        known = sorted(values)
        covers = f"it covers orders {known[0]} to {known[-1]}" if known else "it is empty"
        larger = max(RANDOM_INDICES["alonso-lamata2006"])
        other = (
            f"random_index='alonso-lamata2006' (orders up to {larger}), "
            if checked != "alonso-lamata2006" and n <= larger
            else ""
        )
        raise InvalidParameterError(
            f"The random-index table {name} has no value for {n} criteria ({covers}). Use "
            f"{other}your own table as a mapping {{order: index}}, or threshold=None to skip "
            f"the consistency check."
        )
    value = float(values[n])
    if value <= 0:
        raise InvalidParameterError(
            f"The random index of order {n} is {value:g}; it must be positive for n >= 3 "
            f"to divide the consistency index by."
        )
    return value


# -- reading the judgements ----------------------------------------------------------------


def _as_float(value: object) -> float | None:
    if isinstance(value, bool | str | bytes):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _is_missing(cell: object) -> bool:
    if cell is None or cell is pd.NA:
        return True
    number = _as_float(cell)
    return number is not None and math.isnan(number)


def _check_criterion_name(name: object, where: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InvalidNameError(
            f"AHP: criterion names must be non-empty strings; {where} has {name!r}."
        )
    return name


def _check_ratio(value: object, where: str) -> float:
    number = _as_float(value)
    if number is None:
        raise JudgementError(
            f"AHP: the judgement {where} must be a number (how many times more important "
            f"the first criterion is than the second); got {value!r}."
        )
    if not math.isfinite(number) or number <= 0:
        raise JudgementError(
            f"AHP: the judgement {where} is {number:g}; judgements are ratios and must be "
            f"positive and finite. Write 1/3, not -3 or 0, for 'a third as important'."
        )
    return number


def _reciprocal_pair(forward: float, backward: float, where: str) -> float:
    """A judgement given both ways, as the forward ratio; the reading >= 1 is kept.

    The reading of at least 1 is usually the exact one (3, against a rounded 0.33).
    """
    if abs(forward * backward - 1.0) > RECIPROCAL_TOLERANCE:
        raise JudgementError(
            f"AHP: {where} contradict each other: {forward:g} one way and {backward:g} the "
            f"other, whose product should be 1 (the reverse of {forward:g} is "
            f"{1 / forward:.4g}). Give each pair once, or make the two values reciprocal."
        )
    return forward if forward >= backward else 1.0 / backward


def _pairs_from_mapping(value: Mapping[object, object]) -> dict[Pair, float]:
    pairs: dict[Pair, float] = {}
    for key, raw in value.items():
        if not isinstance(key, tuple) or len(key) != 2:
            raise JudgementError(
                f"AHP: each judgement is keyed by a pair of criterion names, such as "
                f"('Security', 'Economic'); got the key {key!r}."
            )
        first = _check_criterion_name(key[0], f"the judgement key {key!r}")
        second = _check_criterion_name(key[1], f"the judgement key {key!r}")
        where = f"({first!r}, {second!r})"
        ratio = _check_ratio(raw, where)
        if first == second:
            if not math.isclose(ratio, 1.0, rel_tol=1e-9):
                raise JudgementError(
                    f"AHP: the self-comparison {where} is {ratio:g}; a criterion is exactly "
                    f"as important as itself, so it must be 1 (or be left out)."
                )
            pairs.setdefault((first, first), 1.0)
            continue
        if (second, first) in pairs:
            reverse = f"({second!r}, {first!r})"
            pairs[(second, first)] = _reciprocal_pair(
                pairs[(second, first)], ratio, f"the judgements {reverse} and {where}"
            )
            continue
        pairs[(first, second)] = ratio
    # A self-comparison only keeps a criterion that is compared with nothing else.
    compared = {name for pair in pairs for name in pair if pair[0] != pair[1]}
    return {
        pair: ratio
        for pair, ratio in pairs.items()
        if pair[0] != pair[1] or pair[0] not in compared
    }


def _pairs_from_frame(frame: pd.DataFrame) -> dict[Pair, float]:
    rows = [_check_criterion_name(name, "the matrix index") for name in frame.index]
    columns = [_check_criterion_name(name, "the matrix columns") for name in frame.columns]
    for labels, what in ((rows, "index"), (columns, "columns")):
        seen: set[str] = set()
        for name in labels:
            if name in seen:
                raise JudgementError(
                    f"AHP: criterion {name!r} appears twice in the matrix {what}; each "
                    f"criterion needs one row and one column."
                )
            seen.add(name)
    if set(rows) != set(columns):
        extra = [name for name in columns if name not in set(rows)]
        lacking = [name for name in rows if name not in set(columns)]
        odd = extra[0] if extra else lacking[0]
        where = "a column but not a row" if extra else "a row but not a column"
        raise JudgementError(
            f"AHP: a judgement matrix needs the same criteria as rows and columns; {odd!r} "
            f"is {where}." + did_you_mean(odd, rows if extra else columns)
        )
    cells = frame.loc[rows, rows].to_numpy(dtype=object)
    values = np.empty((len(rows), len(rows)), dtype=np.float64)
    for i, row in enumerate(rows):
        for j, column in enumerate(rows):
            cell = cells[i, j]
            if _is_missing(cell):
                values[i, j] = math.nan
            else:
                values[i, j] = _check_ratio(cell, f"in cell ({row!r}, {column!r})")
    pairs: dict[Pair, float] = {}
    for i, name in enumerate(rows):
        diagonal = values[i, i]
        if not math.isnan(diagonal) and not math.isclose(diagonal, 1.0, rel_tol=1e-9):
            raise JudgementError(
                f"AHP: the diagonal cell ({name!r}, {name!r}) is {diagonal:g}; a criterion "
                f"is exactly as important as itself, so the diagonal must be 1."
            )
    for i, row in enumerate(rows):
        for j in range(i + 1, len(rows)):
            column = rows[j]
            upper, lower = values[i, j], values[j, i]
            if math.isnan(upper) and math.isnan(lower):
                continue
            if math.isnan(lower):
                pairs[(row, column)] = float(upper)
            elif math.isnan(upper):
                pairs[(row, column)] = 1.0 / float(lower)
            else:
                pairs[(row, column)] = _reciprocal_pair(
                    float(upper),
                    float(lower),
                    f"the cells ({row!r}, {column!r}) and ({column!r}, {row!r})",
                )
    compared = {name for pair in pairs for name in pair}
    for name in rows:
        if name not in compared:
            pairs[(name, name)] = 1.0
    return pairs


def _to_judgements(value: object) -> Mapping[Pair, float]:
    if isinstance(value, pd.DataFrame):
        pairs = _pairs_from_frame(value)
    elif isinstance(value, Mapping):
        pairs = _pairs_from_mapping(value)
    else:
        raise InvalidParameterError(
            f"AHP takes its judgements as a mapping of criterion pairs to ratios, such as "
            f"{{('Security', 'Economic'): 3}}, or as a square DataFrame whose index and "
            f"columns are the criteria; got {type(value).__name__}."
        )
    if not pairs:
        raise JudgementError(
            "AHP: no judgements were given; compare at least one pair of criteria, such "
            "as {('Security', 'Economic'): 3}."
        )
    return MappingProxyType(pairs)


def _repr_judgements(judgements: Mapping[Pair, float]) -> str:
    return repr(dict(judgements))


# -- kernels ------------------------------------------------------------------------------


@attrs.frozen
class _Graph:
    """The judgements as arrays: criterion names and the given (row, column, ratio)."""

    names: tuple[str, ...]
    rows: IntArray
    columns: IntArray
    ratios: FloatArray
    logs: FloatArray

    @classmethod
    def of(cls, judgements: Mapping[Pair, float]) -> _Graph:
        names: dict[str, int] = {}
        for first, second in judgements:
            names.setdefault(first, len(names))
            names.setdefault(second, len(names))
        given = [(pair, ratio) for pair, ratio in judgements.items() if pair[0] != pair[1]]
        rows = np.array([names[a] for (a, _), _ in given], dtype=np.intp)
        columns = np.array([names[b] for (_, b), _ in given], dtype=np.intp)
        ratios = np.array([ratio for _, ratio in given], dtype=np.float64)
        return cls(tuple(names), rows, columns, ratios, np.log(ratios))

    @property
    def n(self) -> int:
        return len(self.names)

    def components(self) -> list[list[str]]:
        """The connected components of the comparison graph, in criterion order."""
        parent = list(range(self.n))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, j in zip(self.rows.tolist(), self.columns.tolist(), strict=True):
            parent[root(i)] = root(j)
        groups: dict[int, list[str]] = {}
        for i, name in enumerate(self.names):
            groups.setdefault(root(i), []).append(name)
        return list(groups.values())


def _check_connected(graph: _Graph, scheme: str) -> None:
    components = graph.components()
    if len(components) <= 1:
        return
    shown = "; ".join(f"[{quoted_list(group)}]" for group in components)
    needed = graph.n - 1
    count = f" {graph.n} criteria need at least {needed} judgements; got {len(graph.logs)}."
    raise JudgementError(
        f"{scheme}: the judgements do not connect all criteria; they fall into "
        f"{len(components)} groups never compared with each other: {shown}. Add a "
        f"judgement between the groups, for instance ({components[0][0]!r}, "
        f"{components[1][0]!r})." + count
    )


def _perron(matrix: FloatArray) -> tuple[FloatArray, float]:
    """The principal eigenvector (summing to 1) and eigenvalue of a positive matrix."""
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    return np.asarray(vector / vector.sum(), dtype=np.float64), float(values[k].real)


def _harker_log_weights(graph: _Graph) -> FloatArray:
    """Log weights from Harker's (1987) matrix: 0 where missing, 1 + m_i on the diagonal."""
    n = graph.n
    harker = np.zeros((n, n))
    harker[graph.rows, graph.columns] = graph.ratios
    harker[graph.columns, graph.rows] = 1.0 / graph.ratios
    given_per_row = np.bincount(graph.rows, minlength=n) + np.bincount(graph.columns, minlength=n)
    harker[np.arange(n), np.arange(n)] = n - given_per_row  # 1 + (n - 1 - given)
    weights, _ = _perron(harker)
    return np.asarray(np.log(weights), dtype=np.float64)


def _llsm_log_weights(graph: _Graph) -> FloatArray:
    """Logarithmic least squares log weights, centred: one solve in the graph Laplacian."""
    n = graph.n
    laplacian = np.zeros((n, n))
    np.add.at(laplacian, (graph.rows, graph.rows), 1.0)
    np.add.at(laplacian, (graph.columns, graph.columns), 1.0)
    laplacian[graph.rows, graph.columns] -= 1.0
    laplacian[graph.columns, graph.rows] -= 1.0
    rhs = np.zeros(n)
    np.add.at(rhs, graph.rows, graph.logs)
    np.add.at(rhs, graph.columns, -graph.logs)
    # L has the null space of the constant vectors; adding the all-ones matrix pins
    # sum(y) = 0 and leaves the solution otherwise unchanged (sum(rhs) = 0).
    return np.asarray(np.linalg.solve(laplacian + 1.0, rhs), dtype=np.float64)


def _complete(graph: _Graph, completion: Completion) -> FloatArray:
    """The log matrix with the given judgements and completed missing entries."""
    n = graph.n
    given = np.eye(n, dtype=bool)
    given[graph.rows, graph.columns] = True
    given[graph.columns, graph.rows] = True
    if given.all():
        log_weights = np.zeros(n)
    elif completion == "harker":
        log_weights = _harker_log_weights(graph)
    else:
        log_weights = _llsm_log_weights(graph)
    logs = log_weights[:, None] - log_weights[None, :]
    logs[graph.rows, graph.columns] = graph.logs
    logs[graph.columns, graph.rows] = -graph.logs
    logs[np.arange(n), np.arange(n)] = 0.0
    return np.asarray(logs, dtype=np.float64)


@attrs.frozen
class _Solution:
    graph: _Graph
    completion: Completion
    matrix: FloatArray
    priorities: FloatArray
    lambda_max: float


def _solve(graph: _Graph, method: Method, completion: Completion) -> _Solution:
    logs = _complete(graph, completion)
    matrix = np.exp(logs)
    # The given judgements exactly as entered, not through exp(log(.)).
    matrix[graph.rows, graph.columns] = graph.ratios
    matrix[graph.columns, graph.rows] = 1.0 / graph.ratios
    eigenvector, lambda_max = _perron(matrix)
    if method == "eigenvector":
        priorities = eigenvector
    else:
        means = np.exp(logs.mean(axis=1))
        priorities = means / means.sum()
    matrix.flags.writeable = False
    priorities.flags.writeable = False
    return _Solution(graph, completion, matrix, priorities, lambda_max)


def _consistency_index(lambda_max: float, n: int) -> float:
    if n <= 2:
        return 0.0
    # lambda_max >= n in exact arithmetic; clip the rounding of consistent matrices.
    return max(0.0, (lambda_max - n) / (n - 1))


# -- the scheme ---------------------------------------------------------------------------


def _validate_method(instance: object, attribute: attrs.Attribute[Method], value: Method) -> None:
    if value not in METHODS:
        raise InvalidParameterError(
            f"The 'method' parameter of {type(instance).__name__} must be one of "
            f"{quoted_list(METHODS)}; got {value!r}." + did_you_mean(str(value), METHODS)
        )


def _validate_completion(
    instance: object, attribute: attrs.Attribute[Completion | None], value: Completion | None
) -> None:
    if value is not None and value not in COMPLETIONS:
        raise InvalidParameterError(
            f"The 'completion' parameter of {type(instance).__name__} must be one of "
            f"{quoted_list(COMPLETIONS)}, or None for the method's own; got {value!r}."
            + did_you_mean(str(value), COMPLETIONS)
        )


def _to_threshold(value: float | None) -> float | None:
    if value is None:
        return None
    number = _as_float(value)
    if number is None or not math.isfinite(number) or number <= 0:
        raise InvalidParameterError(
            f"The 'threshold' parameter must be a positive number (Saaty's rule is 0.10) "
            f"or None to skip the consistency check; got {value!r}."
        )
    return number


def _check_names(names: tuple[str, ...], assessment: Assessment, scheme: str) -> None:
    """The judgements must name exactly the assessment's criteria."""
    criteria = assessment.criterion_names
    known = set(criteria)
    for name in names:
        if name not in known:
            raise JudgementError(
                f"{scheme}: the judgements compare {name!r}, which is not a criterion of the "
                f"assessment." + did_you_mean(name, criteria)
            )
    given = set(names)
    missing = [name for name in criteria if name not in given]
    if missing:
        raise JudgementError(
            f"{scheme}: criterion {quoted_list(missing)} of the assessment is not compared "
            f"with any other; add a judgement comparing it with one of "
            f"{quoted_list(names)}, or leave it out of the assessment with subset()."
        )


@attrs.frozen
class AHP:
    r"""Criterion weights from pairwise comparisons by the analytic hierarchy process.

    The judgements alone define the pairwise comparison matrix, so its priorities,
    :attr:`lambda_max`, :attr:`consistency_index` and :attr:`consistency_ratio` are
    available as soon as the scheme is built; :meth:`weigh` hands the priorities to an
    assessment, checks that the judgements name exactly its criteria, and warns when
    the judgements are too inconsistent. See :mod:`powerbalance.weighting.pairwise`
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
    Group : several experts' judgements combined.

    References
    ----------
    Saaty (1980, 1990); Crawford and Williams (1985); Harker (1987); Kwiesielewicz
    (1996); Bozóki, Fülöp and Rónyai (2010); Alonso and Lamata (2006): full entries
    in :mod:`powerbalance.weighting.pairwise`.

    Examples
    --------
    >>> import powerbalance as pb
    >>> ahp = AHP({("Conflict risk", "Trade gains"): 3})
    >>> {name: round(weight, 6) for name, weight in ahp.weigh(pb.examples.load("engage-or-contain").assessment).items()}
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

    judgements: Mapping[Pair, float] = attrs.field(converter=_to_judgements, repr=_repr_judgements)
    method: Method = attrs.field(default="eigenvector", kw_only=True, validator=_validate_method)
    random_index: str | Mapping[int, float] = attrs.field(
        default="saaty1980", kw_only=True, converter=_to_random_index_table
    )
    threshold: float | None = attrs.field(default=0.10, kw_only=True, converter=_to_threshold)
    completion: Completion | None = attrs.field(
        default=None, kw_only=True, validator=_validate_completion
    )
    _solution: _Solution = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        graph = _Graph.of(self.judgements)
        _check_connected(graph, "AHP")
        completion = self.completion or DEFAULT_COMPLETION[self.method]
        object.__setattr__(self, "_solution", _solve(graph, self.method, completion))
        if self.threshold is not None:
            random_index(graph.n, self.random_index)  # fail now, not at weigh()

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
        return _consistency_index(self.lambda_max, len(self.criterion_names))

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
        return self.consistency_index / random_index(n, self.random_index)

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
        >>> w = AHP({("Trade gains", "Conflict risk"): 1}).weigh(pb.examples.load("engage-or-contain").assessment)
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
                raise InvalidNameError(
                    f"Group: expert names must be non-empty strings; got {name!r}."
                )
    elif isinstance(value, Sequence) and not isinstance(value, str):
        experts = {f"expert {k}": expert for k, expert in enumerate(value, start=1)}
    else:
        raise InvalidParameterError(
            f"Group takes a list of AHP schemes, one per expert, or a mapping of expert "
            f"name to AHP scheme; got {type(value).__name__}."
        )
    if not experts:
        raise InvalidParameterError("Group needs at least one expert's AHP judgements; got none.")
    for name, expert in experts.items():
        if not isinstance(expert, AHP):
            raise InvalidParameterError(
                f"Group: {name} must be an AHP scheme built from that expert's judgements, "
                f"such as AHP({{('Security', 'Economic'): 3}}); got {type(expert).__name__}."
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
    raise InvalidParameterError(
        f"Group: expert_weights must be a list with one weight per expert, a mapping of "
        f"expert name to weight, or None for equal weights; got {value!r}."
    )


@attrs.frozen
class _GroupSolution:
    expert_weights: FloatArray
    aggregate: AHP


@attrs.frozen
class Group:
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
    >>> group = Group({"Alice": alice, "Bob": bob})
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

    experts: Mapping[str, AHP] = attrs.field(converter=_to_experts, repr=lambda m: repr(dict(m)))
    expert_weights: Sequence[float] | Mapping[str, float] | None = attrs.field(
        default=None, kw_only=True, converter=_to_expert_weights
    )
    method: Method = attrs.field(default="eigenvector", kw_only=True, validator=_validate_method)
    random_index: str | Mapping[int, float] = attrs.field(
        default="saaty1980", kw_only=True, converter=_to_random_index_table
    )
    threshold: float | None = attrs.field(default=0.10, kw_only=True, converter=_to_threshold)
    completion: Completion | None = attrs.field(
        default=None, kw_only=True, validator=_validate_completion
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
                    f"Group: every expert must compare the same criteria; {detail}."
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
                raise InvalidParameterError(
                    f"Group: expert_weights names {unknown[0]!r}, which is not an expert."
                    + did_you_mean(str(unknown[0]), names)
                )
            missing = [name for name in names if name not in given]
            if missing:
                raise InvalidParameterError(
                    f"Group: expert_weights gives no weight to {quoted_list(missing)}."
                )
            raw = [given[name] for name in names]
        else:
            if len(given) != len(names):
                raise InvalidParameterError(
                    f"Group: expert_weights needs one weight per expert ({len(names)}); "
                    f"got {len(given)}."
                )
            raw = list(given)
        numbers = [_as_float(v) for v in raw]
        values = np.array([math.nan if v is None else v for v in numbers], dtype=np.float64)
        bad = ~np.isfinite(values) | (values <= 0)
        if bad.any():
            k = int(np.argmax(bad))
            raise InvalidParameterError(
                f"Group: the weight of {names[k]} must be a positive finite number; got {raw[k]!r}."
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
        >>> Group([AHP({("a", "b"): 2}), AHP({("b", "a"): 3})]).criterion_names
        ('a', 'b')
        """
        first = next(iter(self.experts.values()))
        return first.criterion_names

    @property
    def aggregate(self) -> AHP:
        """The aggregated (AIJ) judgements as an :class:`AHP` with this group's settings.

        Examples
        --------
        >>> group = Group([AHP({("a", "b"): 2}), AHP({("a", "b"): 8})])
        >>> dict(group.aggregate.judgements)
        {('a', 'b'): 4.0}
        """
        return self._solution.aggregate

    @property
    def priorities(self) -> pd.DataFrame:
        """Each expert's own priorities: experts as rows, criteria as columns (new frame).

        Examples
        --------
        >>> Group([AHP({("a", "b"): 4}), AHP({("a", "b"): 1})]).priorities.round(6)
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
        >>> Group([same, same]).disagreement().tolist()
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
        >>> group = Group([AHP({("Conflict risk", "Trade gains"): 2}),
        ...                AHP({("Conflict risk", "Trade gains"): 8})])
        >>> [round(v, 6) for v in group.weigh(pb.examples.load("engage-or-contain").assessment).values()]
        [0.2, 0.8]
        """
        return _weigh(self.aggregate, assessment, "Group")
