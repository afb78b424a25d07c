"""Hypothesis strategies for assessments, weights and methods: property tests for plug-ins.

Like ``xarray.testing.strategies``: draw valid inputs for your own weighting scheme or
aggregation method and state what must hold for all of them. This module needs
`hypothesis <https://hypothesis.readthedocs.io>`_ (``pip install hypothesis``); the rest
of :mod:`powerbalance.testing` does not.

Every assessment drawn here is valid and well conditioned for every built-in method and
normalization:

- option and criterion names are unique, non-blank strings;
- criteria mix benefits, risks and costs across several areas;
- scores are finite and strictly positive (:data:`LOW_SCORE` to :data:`HIGH_SCORE`), so
  the ratio normalizations (``"linear"``, ``"sum"``, ``"vector"``) that the weighted
  product relies on stay defined and positive;
- a declared scale, when there is one, contains every score;
- no criterion scores every option the same, so no
  :class:`~powerbalance.errors.DegenerateCriterionWarning` is emitted.

Examples
--------
A property of one's own method, checked on a hundred drawn assessments and weights:

>>> import numpy as np
>>> from hypothesis import given, settings, strategies as st
>>> import powerbalance as pb
>>> from powerbalance.testing import strategies as pbst
>>> @settings(max_examples=100, deadline=None)
... @given(a=pbst.assessments(), data=st.data())
... def test_scores_are_finite(a, data):
...     batch = data.draw(pbst.weight_batches(a.n_criteria))
...     scores = pb.methods.TOPSIS().prepare(a).score(batch)
...     assert scores.shape == (len(batch), a.n_options)
...     assert np.isfinite(scores).all()
>>> test_scores_are_finite()
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt
from hypothesis import strategies as st

from powerbalance._validate import OneOf, check
from powerbalance.methods import (
    PROMETHEE,
    TOPSIS,
    VIKOR,
    Gaussian,
    Level,
    Linear,
    UShape,
    VShape,
    WeightedProduct,
    WeightedSum,
)
from powerbalance.model import KINDS, Assessment, Criterion

__all__ = [
    "AREAS",
    "HIGH_SCORE",
    "LOW_SCORE",
    "METHOD_KINDS",
    "NORMALIZATIONS",
    "POSITIVE_NORMALIZATIONS",
    "SCALES",
    "assessments",
    "criteria",
    "method_variants",
    "methods",
    "names",
    "scores",
    "weight_batches",
    "weight_vectors",
]

AREAS: tuple[str, ...] = ("Economic", "Security", "Environment", "Technology", "Diplomacy")
"""The areas a drawn criterion belongs to.

Examples
--------
>>> "Security" in AREAS
True
"""

LOW_SCORE: float = 0.5
"""The lowest score drawn: strictly positive, so ratio normalizations stay defined.

Examples
--------
>>> LOW_SCORE > 0
True
"""

HIGH_SCORE: float = 10.0
"""The highest score drawn.

Examples
--------
>>> LOW_SCORE < HIGH_SCORE
True
"""

SCALES: tuple[tuple[float, float] | None, ...] = (None, (0.0, 10.0), (0.5, 10.0), (0.0, 100.0))
"""The declared scales a drawn criterion may have (``None``: none); each contains every score.

Examples
--------
>>> all(s is None or s[0] <= LOW_SCORE <= HIGH_SCORE <= s[1] for s in SCALES)
True
"""

NORMALIZATIONS: tuple[str, ...] = ("minmax", "max", "vector", "sum", "linear")
"""The normalizations :func:`method_variants` tries.

Every one the methods offer but ``"value"``: drawn criteria have no value function of
their own, so the default linear one makes ``"value"`` the same as ``"minmax"``.

Examples
--------
>>> from powerbalance.model.normalize import NORMALIZATIONS as offered
>>> sorted(set(offered) - set(NORMALIZATIONS))
['value']
"""

POSITIVE_NORMALIZATIONS: tuple[str, ...] = ("linear", "sum", "vector")
"""Normalizations that keep every drawn score strictly positive, whatever the scale.

The weighted product needs them: ``"minmax"`` gives the worst option 0, and ``"max"``
gives a risk at the top of its range 0.

Examples
--------
>>> set(POSITIVE_NORMALIZATIONS) <= set(NORMALIZATIONS)
True
"""

_NAME_ALPHABET = string.ascii_letters + string.digits + " -'"


def names(*, min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    """Non-blank names of letters, digits, spaces, hyphens and apostrophes.

    Parameters
    ----------
    min_size, max_size : int
        Bounds on the length of a name.

    Returns
    -------
    SearchStrategy of str

    Examples
    --------
    >>> from hypothesis import find
    >>> name = find(names(min_size=3), lambda name: True)
    >>> len(name) >= 3 and name.strip() != ""
    True
    """
    return st.text(_NAME_ALPHABET, min_size=min_size, max_size=max_size).filter(
        lambda name: name.strip() != ""
    )


def scores(
    *, min_value: float = LOW_SCORE, max_value: float = HIGH_SCORE
) -> st.SearchStrategy[float]:
    """One finite score between ``min_value`` and ``max_value``.

    Parameters
    ----------
    min_value, max_value : float
        Bounds of the score; by default :data:`LOW_SCORE` and :data:`HIGH_SCORE`.

    Returns
    -------
    SearchStrategy of float

    Examples
    --------
    >>> from hypothesis import find
    >>> score = find(scores(), lambda score: score > 5)
    >>> 5 < score <= HIGH_SCORE
    True
    """
    return st.floats(min_value=min_value, max_value=max_value, allow_nan=False)


@functools.cache
def _column(n_options: int) -> st.SearchStrategy[list[float]]:
    """Scores of every option on one criterion, not all equal."""
    return st.lists(scores(), min_size=n_options, max_size=n_options).filter(
        lambda column: max(column) > min(column)
    )


@functools.cache
def _unique_names(size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(names(), min_size=size, max_size=size, unique=True)


@st.composite
def criteria(draw: st.DrawFn, n_criteria: int) -> list[Criterion]:
    """``n_criteria`` criteria with unique names, mixed kinds, areas and scales.

    Parameters
    ----------
    n_criteria : int
        How many criteria to draw.

    Returns
    -------
    SearchStrategy of list of Criterion

    Examples
    --------
    >>> from hypothesis import find
    >>> drawn = find(criteria(3), lambda c: any(x.kind == "cost" for x in c))
    >>> len(drawn), len({c.name for c in drawn}), "cost" in {c.kind for c in drawn}
    (3, 3, True)
    """
    return [
        Criterion(
            name,
            area=draw(st.sampled_from(AREAS)),
            kind=draw(st.sampled_from(KINDS)),
            scale=draw(st.sampled_from(SCALES)),
        )
        for name in draw(_unique_names(n_criteria))
    ]


@st.composite
def assessments(
    draw: st.DrawFn,
    *,
    min_options: int = 2,
    max_options: int = 8,
    min_criteria: int = 1,
    max_criteria: int = 6,
) -> Assessment:
    """Valid assessments (see the module documentation for what "valid" guarantees).

    Parameters
    ----------
    min_options, max_options : int
        Bounds on the number of options.
    min_criteria, max_criteria : int
        Bounds on the number of criteria.

    Returns
    -------
    SearchStrategy of Assessment

    Examples
    --------
    >>> from hypothesis import find
    >>> a = find(assessments(max_options=4), lambda a: a.n_criteria >= 3)
    >>> a.n_options, a.n_criteria
    (2, 3)
    """
    n_options = draw(st.integers(min_options, max_options))
    n_criteria = draw(st.integers(min_criteria, max_criteria))
    option_names = draw(_unique_names(n_options))
    criterion_list = draw(criteria(n_criteria))
    columns = [draw(_column(n_options)) for _ in range(n_criteria)]
    matrix = np.array(columns, dtype=np.float64).T.reshape(n_options, n_criteria)
    return Assessment(options=option_names, criteria=criterion_list, scores=matrix)


@functools.cache
def weight_vectors(m: int) -> st.SearchStrategy[npt.NDArray[np.float64]]:
    """Non-negative weight vectors of length ``m`` with at least one positive weight.

    The vectors are not rescaled to sum to 1, and some weights are exactly 0: every
    method must accept both.

    Parameters
    ----------
    m : int
        The number of criteria.

    Returns
    -------
    SearchStrategy of ndarray, shape (m,)

    Examples
    --------
    >>> from hypothesis import find
    >>> w = find(weight_vectors(3), lambda w: True)
    >>> w.shape, bool((w >= 0).all() and w.sum() > 0)
    ((3,), True)
    """
    weight = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=1.0))
    return (
        st.lists(weight, min_size=m, max_size=m)
        .filter(lambda values: any(v > 0 for v in values))
        .map(lambda values: np.array(values, dtype=np.float64))
    )


@functools.cache
def weight_batches(
    m: int, *, min_rows: int = 1, max_rows: int = 6
) -> st.SearchStrategy[npt.NDArray[np.float64]]:
    """Batches ``W`` of shape (k, m) whose rows are :func:`weight_vectors`.

    What a prepared method's ``score(W)`` takes.

    Parameters
    ----------
    m : int
        The number of criteria.
    min_rows, max_rows : int
        Bounds on ``k``, the number of weight vectors.

    Returns
    -------
    SearchStrategy of ndarray, shape (k, m)

    Examples
    --------
    >>> from hypothesis import find
    >>> find(weight_batches(4, min_rows=2), lambda w: True).shape
    (2, 4)
    """
    return st.lists(weight_vectors(m), min_size=min_rows, max_size=max_rows).map(np.vstack)


# The variants are typed Any, not Method: mypy does not match the frozen (read-only)
# attributes of the built-in methods' prepared forms against the protocol's attributes.
def method_variants() -> dict[str, list[Any]]:
    """Every built-in method, by registry name, in each variant defined on drawn assessments.

    Every normalization (the weighted product: the positive ones), several ``v`` for
    VIKOR, and each preference function for PROMETHEE II with thresholds within the range
    of the drawn scores.

    Returns
    -------
    dict of str to list of Method

    Examples
    --------
    >>> variants = method_variants()
    >>> sorted(variants)
    ['promethee', 'topsis', 'vikor', 'weighted-product', 'weighted-sum']
    >>> variants["topsis"][1]
    TOPSIS(normalization='minmax')
    """

    def normalized(cls: type[Any], normalizations: tuple[str, ...]) -> list[Any]:
        return [cls(), *(cls(normalization=n) for n in normalizations)]

    return {
        "weighted-sum": normalized(WeightedSum, NORMALIZATIONS),
        "weighted-product": normalized(WeightedProduct, POSITIVE_NORMALIZATIONS),
        "topsis": normalized(TOPSIS, NORMALIZATIONS),
        "vikor": [VIKOR(v=v) for v in (0.0, 0.25, 0.5, 1.0)],
        "promethee": [
            PROMETHEE(),
            PROMETHEE(default=UShape(q=1.0)),
            PROMETHEE(default=VShape(p=3.0)),
            PROMETHEE(default=Level(q=0.5, p=2.0)),
            PROMETHEE(default=Linear(q=0.5, p=4.0)),
            PROMETHEE(default=Gaussian(s=2.0)),
        ],
    }


METHOD_KINDS: tuple[str, ...] = tuple(method_variants())
"""The registry names of the built-in methods that :func:`methods` draws from.

Examples
--------
>>> METHOD_KINDS
('weighted-sum', 'weighted-product', 'topsis', 'vikor', 'promethee')
"""


def methods(kinds: Iterable[str] = METHOD_KINDS) -> st.SearchStrategy[Any]:
    """Built-in methods of the given kinds, in every variant of :func:`method_variants`.

    Parameters
    ----------
    kinds : iterable of str
        Which methods to draw, by registry name (default: all of :data:`METHOD_KINDS`).

    Returns
    -------
    SearchStrategy of Method

    Raises
    ------
    InvalidParameterError
        A kind is not one of :data:`METHOD_KINDS`.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(methods(["vikor"]), lambda method: method.v > 0).v
    0.25
    """
    kinds = tuple(kinds)
    for kind in kinds:
        check("methods", "each kind", kind, OneOf(*METHOD_KINDS))
    return _methods(kinds)


@functools.cache
def _methods(kinds: tuple[str, ...]) -> st.SearchStrategy[Any]:
    variants = method_variants()
    return st.one_of([st.sampled_from(variants[kind]) for kind in kinds])
