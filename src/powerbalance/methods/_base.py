"""The method contract: prepare once, then score a batch of weight vectors."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Generic, Protocol, TypeAlias, TypeVar, runtime_checkable

import numpy as np
import numpy.typing as npt

from powerbalance import registry as registries
from powerbalance._validate import InstanceOf, check, refuse
from powerbalance.errors import PowerbalanceError, ScoreError, ShapeError, WeightError
from powerbalance.model import Assessment
from powerbalance.registry import Registry

__all__ = [
    "LastWeighting",
    "Method",
    "MethodLike",
    "PreparedMethod",
    "check_weight_batch",
    "registry",
    "scored",
]

_Result = TypeVar("_Result", bound=tuple[npt.NDArray[np.float64], ...])

FloatArray: TypeAlias = npt.NDArray[np.float64]


@runtime_checkable
class PreparedMethod(Protocol):
    """A method bound to one assessment, with every weight-independent step done.

    Attributes
    ----------
    assessment : Assessment
        The assessment it was prepared for.
    normalized : numpy.ndarray of shape (n_options, n_criteria)
        The direction-aware normalized scores the method works on (higher is better
        on every criterion, 1 is the best a criterion can contribute).
    additive : bool
        True when ``contributions`` sum exactly to the score.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> prepared = pb.methods.WeightedSum().prepare(a)
    >>> isinstance(prepared, PreparedMethod), prepared.normalized.shape, prepared.additive
    (True, (7, 13), True)
    >>> W = np.full((3, a.n_criteria), 1.0 / a.n_criteria)  # a batch of three weightings
    >>> prepared.score(W).shape
    (3, 7)
    >>> w = W[0]
    >>> bool(np.allclose(prepared.contributions(w).sum(axis=1), prepared.score(W)[0]))
    True
    """

    assessment: Assessment
    normalized: FloatArray
    additive: bool

    def score(self, weights: FloatArray, /) -> FloatArray:
        """Scores for a batch of weight vectors: (k, n_criteria) -> (k, n_options)."""
        ...

    def details(self, weights: FloatArray, /) -> Mapping[str, FloatArray]:
        """The method's own per-option values for one weight vector (n_criteria,)."""
        ...

    def contributions(self, weights: FloatArray, /) -> FloatArray:
        """Each criterion's weighted part of each option's score, (n_options, n_criteria)."""
        ...


@runtime_checkable
class Method(Protocol):
    """An aggregation method: configured at construction, applied by :meth:`prepare`.

    Examples
    --------
    >>> import powerbalance as pb
    >>> isinstance(pb.methods.TOPSIS(), Method)
    True
    """

    def prepare(self, assessment: Assessment, /) -> PreparedMethod:
        """Do the weight-independent work for ``assessment``."""
        ...


MethodLike: TypeAlias = Method | str
"""A method object or the registered name of a parameterless one (``"topsis"``).

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> by_name = pb.evaluate(a, method="topsis")
>>> by_object = pb.evaluate(a, method=pb.methods.TOPSIS())
>>> by_name.ranking.equals(by_object.ranking)
True
"""

# What a ``method`` parameter accepts: a method object or a registered name.
_METHOD = (
    InstanceOf(Method, description="a method object such as TOPSIS()"),
    InstanceOf(str, description="a registered name such as 'topsis'"),
)

registry: Registry[Method] = registries.methods
"""The default registry of named methods (entry-point group ``powerbalance.methods``).

Examples
--------
>>> built_in = {"weighted-sum", "weighted-product", "topsis", "vikor", "promethee"}
>>> built_in <= set(registry.names())  # and any a plug-in adds
True
>>> registry.create("vikor")
VIKOR(v=0.5)
"""


def resolve_method(
    method: MethodLike, *, owner: str = "resolve_method", parameter: str = "method"
) -> Method:
    """Turn a registered name into its method; check that anything else is a method.

    Parameters
    ----------
    method : Method or str
        A method object or the registered name of a parameterless one.
    owner, parameter : str, optional
        Who takes the method and under what name, as an error message opens
        (``"evaluate"``, ``"method"``).

    Raises
    ------
    InvalidParameterError
        ``method`` is neither a method object nor a name (a method class, for one).
    UnknownNameError
        No method is registered under the name.

    Examples
    --------
    >>> type(resolve_method("topsis")).__name__
    'TOPSIS'
    >>> import powerbalance as pb
    >>> try:
    ...     resolve_method(pb.methods.TOPSIS, owner="evaluate")
    ... except pb.errors.InvalidParameterError as error:
    ...     print(error)  # doctest: +NORMALIZE_WHITESPACE
    evaluate: method must be a method object such as TOPSIS() or a registered name such as
    'topsis'; got the class TOPSIS. Pass an instance, not the class: TOPSIS().
    """
    if type(method) is str:
        return registry.create(method)
    check(owner, parameter, method, *_METHOD)
    if isinstance(method, str):
        return registry.create(method)
    return method


def check_weight_batch(weights: npt.ArrayLike, criteria: int | Sequence[str]) -> FloatArray:
    """Check a batch of weight vectors and return it as a float array of shape (k, m).

    Rows need not sum to 1 (every method here is scale-invariant in the weights or
    documents otherwise), but must be finite and non-negative.

    Parameters
    ----------
    weights : array-like of shape (k, m)
        The batch.
    criteria : int or sequence of str
        The criterion names in column order (used in messages), or their number.

    Raises
    ------
    ShapeError
        The batch is not two-dimensional with one column per criterion.
    WeightError
        A weight is negative or not finite.

    Examples
    --------
    >>> check_weight_batch([[0.5, 0.5]], ["Trade", "Security"]).shape
    (1, 2)
    """
    names = None if isinstance(criteria, int) else list(criteria)
    n_criteria = criteria if isinstance(criteria, int) else len(criteria)
    batch = np.asarray(weights, dtype=np.float64)
    if batch.ndim != 2 or batch.shape[1] != n_criteria:
        raise ShapeError(
            f"score() takes a batch of weight vectors of shape (k, {n_criteria}), one row "
            f"per weighting; got shape {batch.shape}. Wrap a single vector as w[None, :]."
        )
    if not np.isfinite(batch).all() or (batch < 0).any():
        row, column = np.argwhere(~np.isfinite(batch) | (batch < 0))[0]
        criterion = repr(names[column]) if names is not None else f"number {column}"
        raise WeightError(
            f"Weight vector {row} gives criterion {criterion} the weight "
            f"{batch[row, column]:g}; weights must be finite and non-negative."
        )
    return batch


def scored(
    prepared: PreparedMethod, weights: FloatArray, *, method: object, owner: str = "score"
) -> FloatArray:
    """``prepared.score(weights)``, refused unless every score is a finite number.

    Every analysis scores through this function rather than calling ``score`` itself,
    so that the promise holds for every method, plug-ins included: no NaN and no
    infinity leaves a method, and no option ties with another on a score that is not
    a number. The check is one pass over the batch; only when it fails are the
    scores searched for the option and the cell behind them.

    Parameters
    ----------
    prepared : PreparedMethod
        The prepared method.
    weights : numpy.ndarray of shape (k, n_criteria)
        The batch of weight vectors.
    method : Method
        The method that was prepared, named in the message.
    owner : str, default "score"
        The analysis that scores (``"evaluate"``, ``"smaa"``), as the message opens.

    Returns
    -------
    numpy.ndarray of shape (k, n_options)
        The scores, as floats.

    Raises
    ------
    ScoreError
        A score is NaN or infinite. The message names the method, the options, the
        weight vector and, where it can be traced, the criterion whose normalized
        value is not finite, and how to fix it.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> scored(pb.methods.TOPSIS().prepare(a), np.array([[0.5, 0.5]]), method="topsis")
    array([[1., 0.]])
    >>> class Broken:
    ...     assessment = a
    ...     def score(self, weights):
    ...         return np.full((len(weights), 2), np.nan)
    >>> try:
    ...     scored(Broken(), np.array([[0.5, 0.5]]), method="broken", owner="evaluate")
    ... except pb.errors.ScoreError as error:
    ...     print(error)  # doctest: +NORMALIZE_WHITESPACE
    evaluate: method must be a method that gives every option a finite score; got 'broken'.
    It gave 'Engage', 'Contain' the score nan under weight vector 0 (0.5, 0.5). Check
    the method's score(); if its scores are right, rescale the criteria it works on.
    """
    scores = np.asarray(prepared.score(weights), dtype=np.float64)
    if not np.isfinite(scores).all():
        raise _not_finite(prepared, np.asarray(weights, dtype=np.float64), scores, method, owner)
    return scores


# Diagnosing probes one criterion at a time; beyond this many, the message does without.
_MOST_PROBED = 64


def _not_finite(
    prepared: PreparedMethod, weights: FloatArray, scores: FloatArray, method: object, owner: str
) -> PowerbalanceError:
    """The error for a batch with a score that is not finite, its culprit traced if it can be."""
    row = int(np.argwhere(~np.isfinite(scores))[0][0])
    bad = np.flatnonzero(~np.isfinite(scores[row]))
    assessment = getattr(prepared, "assessment", None)
    options = getattr(assessment, "option_names", None)
    criteria = getattr(assessment, "criterion_names", None)
    named = (
        ", ".join(repr(options[i]) for i in bad)
        if options is not None and len(options) == scores.shape[1]
        else "options " + ", ".join(str(i) for i in bad)
    )
    vector = weights[row] if weights.ndim == 2 and row < len(weights) else np.array([])
    shown = ", ".join(f"{w:g}" for w in vector[:8]) + (", ..." if len(vector) > 8 else "")
    fix = f"It gave {named} the score {scores[row, bad[0]]} under weight vector {row} ({shown})."
    column = _culprit(prepared, vector, int(bad[0]))
    if column is None or criteria is None or assessment is None:
        fix += (
            " Check the method's score(); if its scores are right, rescale the criteria "
            "it works on."
        )
    else:
        option = options[int(bad[0])] if options is not None else str(bad[0])
        value = assessment.scores[int(bad[0]), column]
        fix += (
            f" The cell of option {option!r} on criterion {criteria[column]!r} "
            f"(score {value:g}) is where it breaks: express that criterion in larger "
            f"units (thousands, millions) so that its scores stay well inside the "
            f"floating-point range, or give it a declared scale."
        )
    return refuse(
        owner,
        "method",
        method,
        "a method that gives every option a finite score",
        fix=fix,
        error=ScoreError,
    )


def _culprit(prepared: PreparedMethod, vector: FloatArray, option: int) -> int | None:
    """The criterion behind ``option``'s score that is not finite, or None if not traced."""
    normalized = getattr(prepared, "normalized", None)
    try:
        row = np.asarray(normalized, dtype=np.float64)[option]
        if row.ndim == 1 and not np.isfinite(row).all():
            return int(np.flatnonzero(~np.isfinite(row))[0])
    except (TypeError, ValueError, IndexError):
        pass
    # Score with all the weight on one criterion at a time. A criterion is to blame
    # only if its probe fails where another's does not: a method that fails under
    # every probe is at fault itself, not any one cell.
    used = np.flatnonzero(vector > 0)
    if not 1 < len(used) <= _MOST_PROBED:
        return None
    failing = []
    for column in used:
        unit = np.zeros((1, len(vector)), dtype=np.float64)
        unit[0, column] = 1.0
        try:
            with np.errstate(all="ignore"):
                probe = np.asarray(prepared.score(unit), dtype=np.float64)
        except Exception:  # a diagnosis only: the real error is raised anyway
            return None
        if probe.ndim != 2 or option >= probe.shape[1]:
            return None
        if not np.isfinite(probe[0, option]):
            failing.append(int(column))
    return failing[0] if 0 < len(failing) < len(used) else None


class LastWeighting(Generic[_Result]):
    """Remembers what a prepared method computed for the last single weight vector.

    A report asks a prepared method for the scores of one weighting and then for the
    details (distances, S and R, ...) of the same weights; with this, the work is
    done once. Only single-row batches are remembered, and the arrays are made
    read-only so that no caller can change what is handed out again.

    Examples
    --------
    >>> import numpy as np
    >>> memo = LastWeighting()
    >>> calls = []
    >>> def work(batch):
    ...     calls.append(1)
    ...     return (batch.sum(axis=1),)
    >>> w = np.array([[0.5, 0.5]])
    >>> memo.get(w, work) is memo.get(w.copy(), work), len(calls)
    (True, 1)
    """

    __slots__ = ("_last",)

    def __init__(self) -> None:
        self._last: tuple[bytes, _Result] | None = None

    def get(
        self, batch: npt.NDArray[np.float64], compute: Callable[[npt.NDArray[np.float64]], _Result]
    ) -> _Result:
        """``compute(batch)``, or the remembered result for the same single row."""
        if batch.shape[0] != 1:
            return compute(batch)
        key = batch.tobytes()
        last = self._last
        if last is not None and last[0] == key:
            return last[1]
        result = compute(batch)
        for array in result:
            array.flags.writeable = False
        self._last = (key, result)
        return result
