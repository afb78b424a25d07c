"""Conformance checks for plug-in authors: run them on your own scheme or method.

Like scikit-learn's ``check_estimator``: call :func:`check_weighting` on a weighting
scheme, or :func:`check_method` on an aggregation method, in your own test suite. Each
returns nothing when the plug-in honours the contract and raises
:class:`~powerbalance.errors.ConformanceError` naming the broken rule otherwise.

:mod:`powerbalance.testing.strategies` adds the hypothesis strategies the library's
own suite draws its assessments, weights and methods from, for property tests of a
plug-in; it needs hypothesis, which nothing else here does.

Examples
--------
>>> import powerbalance as pb
>>> from powerbalance.testing import check_method, check_weighting
>>> check_weighting(pb.weighting.Equal())
>>> check_method(pb.methods.TOPSIS())
"""

from __future__ import annotations

import copy

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance import examples
from powerbalance.errors import ConformanceError, PowerbalanceError
from powerbalance.methods._base import Method, PreparedMethod
from powerbalance.model import Assessment, Criterion
from powerbalance.model.weights import Weights
from powerbalance.weighting._base import WeightingLike, apply_weighting

__all__ = ["check_method", "check_weighting"]


def _default_assessment() -> Assessment:
    return examples.load("great-power-cooperation").assessment


def _renamed(assessment: Assessment) -> Assessment:
    """The same assessment with every criterion renamed, to test name handling."""
    criteria = [attrs.evolve(c, name=f"{c.name} (renamed)") for c in assessment.criteria]
    # Notes and scenarios are keyed by the old names; the checks need neither.
    return attrs.evolve(assessment, criteria=criteria, notes={}, scenarios=())


def _fail(subject: object, rule: str) -> ConformanceError:
    return ConformanceError(f"{subject!r} does not conform: {rule}")


def check_weighting(scheme: WeightingLike, assessment: Assessment | None = None) -> None:
    """Check that a weighting scheme honours the contract.

    The checks: ``weigh`` returns :class:`~powerbalance.Weights`; they name exactly the
    assessment's criteria; they are non-negative and sum to 1; two calls give the same
    weights; the assessment is not modified; and on an assessment whose criteria the
    scheme does not know, it either weighs them correctly or raises a
    :class:`~powerbalance.errors.PowerbalanceError` (never a bare ``KeyError`` or
    ``IndexError``).

    Parameters
    ----------
    scheme : weighting scheme
        The scheme to check (or a registered name, a callable, fixed weights).
    assessment : Assessment, optional
        An assessment the scheme can weigh; default: the built-in study.

    Raises
    ------
    ConformanceError
        A rule is broken; the message says which.

    Examples
    --------
    >>> import powerbalance as pb
    >>> check_weighting(pb.weighting.RankSum(["Trade gains", "Conflict risk"]),
    ...                 pb.examples.load("engage-or-contain").assessment)
    """
    a = assessment if assessment is not None else _default_assessment()
    before = copy.deepcopy(a)
    first = _weigh_or_fail(scheme, a)
    if not isinstance(first, Weights):
        raise _fail(scheme, f"weigh() must return Weights; it returned {type(first).__name__}.")
    if set(first.names) != set(a.criterion_names):
        raise _fail(scheme, "its weights must name exactly the assessment's criteria.")
    values = first.aligned(a)
    if not (np.isfinite(values).all() and (values >= 0).all()):
        raise _fail(scheme, "weights must be finite and non-negative.")
    if abs(values.sum() - 1.0) > 1e-9:
        raise _fail(scheme, f"weights must sum to 1; they sum to {values.sum():.12g}.")
    second = _weigh_or_fail(scheme, a)
    if first != second:
        raise _fail(scheme, "two calls on the same assessment gave different weights.")
    if a != before or not np.array_equal(a.scores, before.scores) or a.scores.flags.writeable:
        raise _fail(scheme, "it modified the assessment it was given.")
    other = _renamed(a)
    try:
        weights = apply_weighting(scheme, other)
    except PowerbalanceError:
        return
    except Exception as error:
        raise _fail(
            scheme,
            f"on an assessment with other criteria it raised {type(error).__name__}: {error}; "
            "it must raise a PowerbalanceError that names the criterion.",
        ) from error
    if set(weights.names) != set(other.criterion_names):
        raise _fail(scheme, "on an assessment with other criteria it returned wrong names.")


def _weigh_or_fail(scheme: WeightingLike, assessment: Assessment) -> Weights:
    try:
        return apply_weighting(scheme, assessment)
    except PowerbalanceError as error:
        raise _fail(scheme, f"it could not weigh the assessment it was given: {error}") from error


def check_method(method: Method, assessment: Assessment | None = None) -> None:
    """Check that an aggregation method honours the contract.

    The checks: ``prepare`` returns a prepared method for that assessment whose
    ``normalized`` matrix is options x criteria; ``score`` maps a batch of shape
    (k, m) to finite scores of shape (k, n); scoring a batch equals scoring its rows
    one at a time; permuting the options permutes the scores; an option that
    dominates another (built by improving one option on every criterion) scores at
    least as high; ``details`` and ``contributions`` have the documented shapes; and
    the assessment and the weights are not modified.

    Parameters
    ----------
    method : Method
        The method to check.
    assessment : Assessment, optional
        Default: the built-in study.

    Raises
    ------
    ConformanceError
        A rule is broken; the message says which.

    Examples
    --------
    >>> import powerbalance as pb
    >>> check_method(pb.methods.WeightedSum(normalization="vector"))
    """
    a = assessment if assessment is not None else _default_assessment()
    n, m = a.n_options, a.n_criteria
    rng = np.random.default_rng(0)
    batch = rng.dirichlet(np.ones(m), size=5)
    batch_before = batch.copy()
    before = copy.deepcopy(a)
    prepared = method.prepare(a)
    if not isinstance(prepared, PreparedMethod):
        raise _fail(method, "prepare() must return a prepared method (see PreparedMethod).")
    if np.shape(prepared.normalized) != (n, m):
        raise _fail(method, f"prepared.normalized must have shape ({n}, {m}).")
    scores = np.asarray(prepared.score(batch))
    if scores.shape != (5, n) or not np.isfinite(scores).all():
        raise _fail(method, f"score() of a (5, {m}) batch must return finite (5, {n}) scores.")
    rows = np.vstack([prepared.score(batch[i : i + 1]) for i in range(5)])
    if not np.allclose(rows, scores, rtol=1e-10, atol=1e-12):
        raise _fail(method, "scoring a batch must equal scoring its rows one at a time.")
    if not np.array_equal(batch, batch_before):
        raise _fail(method, "score() modified the weights it was given.")
    if a != before or not np.array_equal(a.scores, before.scores):
        raise _fail(method, "prepare() or score() modified the assessment.")
    order = rng.permutation(n)
    permuted = method.prepare(a.subset(options=[a.option_names[i] for i in order]))
    if not np.allclose(permuted.score(batch), scores[:, order], rtol=1e-10, atol=1e-12):
        raise _fail(method, "permuting the options must permute the scores.")
    _check_dominance(method, a, batch)
    weights = batch[0]
    details = prepared.details(weights)
    if any(np.shape(v) != (n,) for v in details.values()):
        raise _fail(method, f"details() must return arrays of shape ({n},).")
    if np.shape(prepared.contributions(weights)) != (n, m):
        raise _fail(method, f"contributions() must return shape ({n}, {m}).")


def _check_dominance(method: Method, a: Assessment, batch: npt.NDArray[np.float64]) -> None:
    """Add an option that improves on the first one everywhere; it must not score lower."""
    scores = a.scores.copy()
    low = np.array([c.scale[0] if c.scale else -np.inf for c in a.criteria])
    high = np.array([c.scale[1] if c.scale else np.inf for c in a.criteria])
    step = 0.1 * np.maximum(np.ptp(scores, axis=0), 1e-9)
    better = scores[0] + np.where(a.lower_is_better, -step, step)
    better = np.clip(better, low, high)
    name = "dominating copy"
    while name in a.option_names:
        name += "'"
    extended = Assessment(
        options=[*a.options, name],
        criteria=[Criterion(c.name, c.area, c.kind, scale=c.scale) for c in a.criteria],
        scores=np.vstack([scores, better]),
    )
    result = method.prepare(extended).score(batch)
    if (result[:, -1] < result[:, 0] - 1e-12).any():
        raise _fail(method, "an option that dominates another must never score lower.")
