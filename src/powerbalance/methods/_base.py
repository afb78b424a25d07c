"""The method contract: prepare once, then score a batch of weight vectors."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Generic, Protocol, TypeAlias, TypeVar, runtime_checkable

import numpy as np
import numpy.typing as npt

from powerbalance import registry as registries
from powerbalance._validate import InstanceOf, check
from powerbalance.errors import ShapeError, WeightError
from powerbalance.model import Assessment
from powerbalance.registry import Registry

__all__ = [
    "LastWeighting",
    "Method",
    "MethodLike",
    "PreparedMethod",
    "check_weight_batch",
    "registry",
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
