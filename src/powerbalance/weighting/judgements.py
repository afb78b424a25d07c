r"""Pairwise judgements: reading them, the comparison graph, and priorities from them.

The analyst says, for pairs of criteria, how many times more important one is than the
other: ``{("Security", "Economic"): 3}`` reads "Security is 3 times as important as
Economic" (so Economic is 1/3 as important as Security). The judgements fill a
positive reciprocal matrix :math:`A = (a_{ij})` with :math:`a_{ji} = 1/a_{ij}` and
:math:`a_{ii} = 1`, from which :func:`solve` derives the priorities (weights summing
to 1) and the principal eigenvalue :math:`\lambda_{\max}`. The scheme built on them is
:class:`powerbalance.weighting.AHP`.

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
Saaty's consistency index is computed from the largest eigenvalue of the (completed)
matrix whatever the priority method, since :math:`\lambda_{\max}` is a property of the
judgements, not of how priorities are read from them:

.. math:: CI = \frac{\lambda_{\max} - n}{n - 1}.

:math:`\lambda_{\max} \ge n`, with equality exactly for consistent judgements, so
:math:`CI = 0` for them; every matrix of order 1 or 2 is consistent. Divided by the
random index (:mod:`powerbalance.weighting.random_index`) it is the consistency ratio.

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
For incomplete judgements :math:`\lambda_{\max}` and :math:`CI` are those of the
completed matrix; as its completed entries agree with the weights, they measure the
inconsistency among the given judgements only, and understate it when many
judgements are missing.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.

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

Examples
--------
>>> solution = solve(to_judgements({("Security", "Economic"): 2,
...                                 ("Security", "Climate"): 4}), "eigenvector")
>>> solution.priorities.round(4).tolist()
[0.5714, 0.2857, 0.1429]
>>> round(consistency_index(solution.lambda_max, 3), 12)
0.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._validate import as_number, did_you_mean, quoted_list, refuse, shown
from powerbalance.errors import InvalidNameError, JudgementError

__all__ = [
    "COMPLETIONS",
    "PRIORITY_METHODS",
    "ComparisonGraph",
    "Completion",
    "Pair",
    "PriorityMethod",
    "Solution",
    "consistency_index",
    "solve",
    "to_judgements",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.intp]

Pair: TypeAlias = tuple[str, str]
"""Two criterion names, a judgement's key: ``(a, b)`` with the ratio "a is r times b".

Examples
--------
>>> pair: Pair = ("Security", "Economic")
"""

PriorityMethod: TypeAlias = Literal["eigenvector", "geometric"]
"""How priorities are read from a complete matrix (the ``method`` of AHP).

Examples
--------
>>> method: PriorityMethod = "geometric"
"""

Completion: TypeAlias = Literal["harker", "logarithmic-least-squares"]
"""How missing judgements are completed (the ``completion`` of AHP).

Examples
--------
>>> completion: Completion = "harker"
"""

PRIORITY_METHODS: tuple[PriorityMethod, ...] = ("eigenvector", "geometric")
"""The ways of reading priorities from a complete matrix.

Examples
--------
>>> PRIORITY_METHODS
('eigenvector', 'geometric')
"""

COMPLETIONS: tuple[Completion, ...] = ("harker", "logarithmic-least-squares")
"""The ways of completing missing judgements.

Examples
--------
>>> COMPLETIONS
('harker', 'logarithmic-least-squares')
"""

#: The completion each method uses unless told otherwise.
DEFAULT_COMPLETION: Mapping[PriorityMethod, Completion] = MappingProxyType(
    {"eigenvector": "harker", "geometric": "logarithmic-least-squares"}
)
#: and still count as reciprocal: 0.05 accepts reciprocals rounded to two decimals
#: (3 and 0.33, 7 and 0.14, 8 and 0.13) yet rejects any two different values of Saaty's
#: 1-9 scale, whose products are at least 9/8 away from 1.
RECIPROCAL_TOLERANCE = 0.05


# -- reading the judgements ----------------------------------------------------------------


def as_float(value: object) -> float | None:
    """``value`` as a float, or None when it is not a number (see ``as_number``)."""
    return as_number(value)


def _is_missing(cell: object) -> bool:
    if cell is None or cell is pd.NA:
        return True
    number = as_float(cell)
    return number is not None and math.isnan(number)


def _check_criterion_name(name: object, where: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InvalidNameError(
            f"AHP: criterion names must be non-empty strings; got {shown(name)} in {where}."
        )
    return name


def _check_ratio(value: object, where: str) -> float:
    number = as_float(value)
    if number is None:
        raise JudgementError(
            f"AHP: the judgement {where} must be a number (how many times more important "
            f"the first criterion is than the second); got {shown(value)}."
        )
    if not math.isfinite(number) or number <= 0:
        raise JudgementError(
            f"AHP: the judgement {where} must be a positive finite ratio; got {number:g}. "
            f"Write 1/3, not -3 or 0, for 'a third as important'."
        )
    return number


def _reciprocal_pair(forward: float, backward: float, where: str) -> float:
    """A judgement given both ways, as the forward ratio; the reading >= 1 is kept.

    The reading of at least 1 is usually the exact one (3, against a rounded 0.33).
    """
    if abs(forward * backward - 1.0) > RECIPROCAL_TOLERANCE:
        raise JudgementError(
            f"AHP: {where} must be reciprocal, their product 1 (the reverse of {forward:g} "
            f"is {1 / forward:.4g}); got {forward:g} one way and {backward:g} the other, "
            f"which contradict each other. Give each pair once, or make the two values "
            f"reciprocal."
        )
    return forward if forward >= backward else 1.0 / backward


def _pairs_from_mapping(value: Mapping[object, object]) -> dict[Pair, float]:
    pairs: dict[Pair, float] = {}
    for key, raw in value.items():
        if not isinstance(key, tuple) or len(key) != 2:
            raise JudgementError(
                f"AHP: each judgement key must be a pair of criterion names; got {shown(key)}. "
                f"Key a judgement like ('Security', 'Economic')."
            )
        first = _check_criterion_name(key[0], f"the judgement key {key!r}")
        second = _check_criterion_name(key[1], f"the judgement key {key!r}")
        where = f"({first!r}, {second!r})"
        ratio = _check_ratio(raw, where)
        if first == second:
            if not math.isclose(ratio, 1.0, rel_tol=1e-9):
                raise JudgementError(
                    f"AHP: the self-comparison {where} must be 1 (or be left out), since a "
                    f"criterion is exactly as important as itself; got {ratio:g}."
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
                    f"AHP: the matrix {what} must name each criterion once; got {name!r} "
                    f"twice. Each criterion needs one row and one column."
                )
            seen.add(name)
    if set(rows) != set(columns):
        extra = [name for name in columns if name not in set(rows)]
        lacking = [name for name in rows if name not in set(columns)]
        odd = extra[0] if extra else lacking[0]
        where = "a column but not a row" if extra else "a row but not a column"
        raise JudgementError(
            f"AHP: a judgement matrix must have the same criteria as rows and columns; got "
            f"{odd!r} as {where}." + did_you_mean(odd, rows if extra else columns)
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
                f"AHP: the diagonal cell ({name!r}, {name!r}) must be 1, since a criterion is "
                f"exactly as important as itself; got {diagonal:g}."
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


def to_judgements(value: object) -> Mapping[Pair, float]:
    """Judgements checked and read into a read-only ``{(a, b): ratio}``, each pair once.

    Parameters
    ----------
    value : mapping of (str, str) to float, or pandas.DataFrame
        ``{(a, b): r}`` meaning "a is r times as important as b", or a square
        DataFrame with the same criteria as index and columns and :math:`a_{ij}` in
        row i, column j (an empty cell is a missing judgement).

    Returns
    -------
    mapping of (str, str) to float
        One ratio per compared pair, in the order given; a pair given both ways is
        kept once (as its reading of at least 1), and a criterion compared with
        nothing else is kept as its self-comparison ``(a, a): 1``.

    Raises
    ------
    JudgementError
        A ratio that is not positive and finite, a pair given both ways with values
        that are not reciprocal (within 5 %), a self-comparison that is not 1, a
        matrix whose index and columns differ, or no judgements at all.
    InvalidParameterError
        Neither a mapping nor a DataFrame.

    Examples
    --------
    >>> dict(to_judgements({("a", "b"): 3, ("b", "a"): 0.33}))
    {('a', 'b'): 3.0}
    """
    if isinstance(value, pd.DataFrame):
        pairs = _pairs_from_frame(value)
    elif isinstance(value, Mapping):
        pairs = _pairs_from_mapping(value)
    else:
        raise refuse(
            "AHP",
            "judgements",
            value,
            "a mapping of criterion pairs to ratios, or a square DataFrame whose index and "
            "columns are the criteria",
            fix="Such as {('Security', 'Economic'): 3}.",
        )
    if not pairs:
        raise refuse(
            "AHP",
            "judgements",
            value,
            "at least one comparison of a pair of criteria",
            fix="Such as {('Security', 'Economic'): 3}.",
            error=JudgementError,
        )
    return MappingProxyType(pairs)


def repr_judgements(judgements: Mapping[Pair, float]) -> str:
    """The judgements as a plain dict's repr, for a scheme's repr."""
    return repr(dict(judgements))


# -- kernels ------------------------------------------------------------------------------


@attrs.frozen
class ComparisonGraph:
    """The judgements as arrays: criterion names and the given (row, column, ratio).

    The criteria are the vertices and every given judgement (not a self-comparison) an
    edge from ``names[rows[k]]`` to ``names[columns[k]]`` carrying ``ratios[k]`` and
    its natural logarithm ``logs[k]``.

    Examples
    --------
    >>> graph = ComparisonGraph.of({("a", "b"): 2.0, ("c", "d"): 4.0})
    >>> graph.names, graph.n
    (('a', 'b', 'c', 'd'), 4)
    >>> graph.components()
    [['a', 'b'], ['c', 'd']]
    """

    names: tuple[str, ...]
    rows: IntArray
    columns: IntArray
    ratios: FloatArray
    logs: FloatArray

    @classmethod
    def of(cls, judgements: Mapping[Pair, float]) -> ComparisonGraph:
        """The graph of checked judgements (see :func:`to_judgements`).

        Examples
        --------
        >>> ComparisonGraph.of({("a", "b"): 2.0}).ratios
        array([2.])
        """
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
        """The number of criteria.

        Examples
        --------
        >>> ComparisonGraph.of({("a", "b"): 2.0}).n
        2
        """
        return len(self.names)

    def components(self) -> list[list[str]]:
        """The connected components of the comparison graph, in criterion order.

        Examples
        --------
        >>> ComparisonGraph.of({("a", "b"): 2.0, ("b", "c"): 1.0}).components()
        [['a', 'b', 'c']]
        """
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


def check_connected(graph: ComparisonGraph, scheme: str) -> None:
    components = graph.components()
    if len(components) <= 1:
        return
    shown = "; ".join(f"[{quoted_list(group)}]" for group in components)
    needed = graph.n - 1
    count = f" {graph.n} criteria need at least {needed} judgements; got {len(graph.logs)}."
    raise JudgementError(
        f"{scheme}: the judgements must connect all criteria; got {len(components)} "
        f"groups never compared with each other: {shown}. Add a "
        f"judgement between the groups, for instance ({components[0][0]!r}, "
        f"{components[1][0]!r})." + count
    )


def _perron(matrix: FloatArray) -> tuple[FloatArray, float]:
    """The principal eigenvector (summing to 1) and eigenvalue of a positive matrix."""
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    return np.asarray(vector / vector.sum(), dtype=np.float64), float(values[k].real)


def _harker_log_weights(graph: ComparisonGraph) -> FloatArray:
    """Log weights from Harker's (1987) matrix: 0 where missing, 1 + m_i on the diagonal."""
    n = graph.n
    harker = np.zeros((n, n))
    harker[graph.rows, graph.columns] = graph.ratios
    harker[graph.columns, graph.rows] = 1.0 / graph.ratios
    given_per_row = np.bincount(graph.rows, minlength=n) + np.bincount(graph.columns, minlength=n)
    harker[np.arange(n), np.arange(n)] = n - given_per_row  # 1 + (n - 1 - given)
    weights, _ = _perron(harker)
    return np.asarray(np.log(weights), dtype=np.float64)


def _llsm_log_weights(graph: ComparisonGraph) -> FloatArray:
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


def _complete(graph: ComparisonGraph, completion: Completion) -> FloatArray:
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
class Solution:
    """Priorities solved from judgements, with the completed matrix and its eigenvalue.

    Attributes
    ----------
    graph : ComparisonGraph
        The given judgements.
    completion : {"harker", "logarithmic-least-squares"}
        How missing judgements were completed.
    matrix : numpy.ndarray
        The completed pairwise comparison matrix (read-only).
    priorities : numpy.ndarray
        The weights, summing to 1, in the graph's criterion order (read-only).
    lambda_max : float
        The principal eigenvalue of ``matrix``.

    Examples
    --------
    >>> solution = solve({("a", "b"): 4.0}, "eigenvector")
    >>> solution.matrix.tolist(), round(solution.lambda_max, 12)
    ([[1.0, 4.0], [0.25, 1.0]], 2.0)
    """

    graph: ComparisonGraph
    completion: Completion
    matrix: FloatArray
    priorities: FloatArray
    lambda_max: float


def solve(
    judgements: Mapping[Pair, float],
    method: PriorityMethod,
    completion: Completion | None = None,
    *,
    scheme: str = "AHP",
) -> Solution:
    r"""The priorities of checked judgements, missing ones completed.

    Parameters
    ----------
    judgements : mapping of (str, str) to float
        Judgements as :func:`to_judgements` returns them.
    method : {"eigenvector", "geometric"}
        How priorities are read from the completed matrix.
    completion : {"harker", "logarithmic-least-squares"} or None, default None
        How missing judgements are completed; None takes the method's own (Harker's
        for the eigenvector, logarithmic least squares for the geometric method).
    scheme : str, default "AHP"
        The scheme named in messages.

    Returns
    -------
    Solution
        The completed matrix, the priorities and :math:`\lambda_{\max}`.

    Raises
    ------
    JudgementError
        The judgements do not connect all criteria; the message lists the groups.

    Examples
    --------
    >>> solve({("a", "b"): 2.0, ("a", "c"): 4.0}, "geometric").priorities.round(4)
    array([0.5714, 0.2857, 0.1429])
    """
    graph = ComparisonGraph.of(judgements)
    check_connected(graph, scheme)
    chosen = completion or DEFAULT_COMPLETION[method]
    logs = _complete(graph, chosen)
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
    return Solution(graph, chosen, matrix, priorities, lambda_max)


def consistency_index(lambda_max: float, n: int) -> float:
    r"""Saaty's consistency index :math:`CI = (\lambda_{\max} - n)/(n - 1)`.

    Parameters
    ----------
    lambda_max : float
        The principal eigenvalue of the (completed) judgement matrix.
    n : int
        The order of the matrix.

    Returns
    -------
    float
        At least 0 (rounding below ``n`` is clipped); 0 for :math:`n \le 2`.

    Examples
    --------
    >>> round(consistency_index(3.0536, 3), 4)
    0.0268
    """
    if n <= 2:
        return 0.0
    # lambda_max >= n in exact arithmetic; clip the rounding of consistent matrices.
    return max(0.0, (lambda_max - n) / (n - 1))
