"""Hypothesis strategies shared by the test suite.

Every assessment drawn here is valid and well conditioned for every method and
normalization the suite samples:

- option and criterion names are unique, non-blank strings;
- criteria mix benefits and risks across several areas;
- scores are finite and strictly positive (0.5 to 10), so the ratio normalizations
  ("linear", "sum", "vector") that the weighted product relies on stay defined and
  positive;
- a declared scale, when there is one, contains every score;
- no criterion scores every option the same, so no ``DegenerateCriterionWarning`` is
  emitted (pytest turns warnings into errors).
"""

from __future__ import annotations

import functools
import string

import numpy as np
from hypothesis import strategies as st

import powerbalance as pb

__all__ = [
    "AREAS",
    "LOW_SCORE",
    "METHOD_KINDS",
    "NORMALIZATIONS",
    "POSITIVE_NORMALIZATIONS",
    "SCALES",
    "assessments",
    "method_variants",
    "methods",
    "names",
    "weight_batches",
    "weight_vectors",
]

AREAS = ("Economic", "Security", "Environment", "Technology", "Diplomacy")

#: Lowest and highest score drawn.
LOW_SCORE, HIGH_SCORE = 0.5, 10.0

#: Declared scales a criterion may get; each contains [LOW_SCORE, HIGH_SCORE].
SCALES: tuple[tuple[float, float] | None, ...] = (None, (0.0, 10.0), (0.5, 10.0), (0.0, 100.0))

#: Every normalization the library offers.
NORMALIZATIONS = ("minmax", "max", "vector", "sum", "linear")

#: Normalizations that give every option a strictly positive value on strictly positive,
#: non-constant scores, whatever the scale: the ones the weighted product can use.
#: ("minmax" gives the worst option 0, and "max" gives a risk at the top of its range 0.)
POSITIVE_NORMALIZATIONS = ("linear", "sum", "vector")

_NAME_ALPHABET = string.ascii_letters + string.digits + " -'"


def names(min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    """Non-blank names: letters, digits, spaces, hyphens and apostrophes."""
    return st.text(_NAME_ALPHABET, min_size=min_size, max_size=max_size).filter(
        lambda name: name.strip() != ""
    )


def scores(min_value: float = LOW_SCORE, max_value: float = HIGH_SCORE) -> st.SearchStrategy[float]:
    """One finite, strictly positive score."""
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


_AREA = st.sampled_from(AREAS)
_KIND = st.sampled_from(("benefit", "risk"))
_SCALE = st.sampled_from(SCALES)


@st.composite
def criteria(draw: st.DrawFn, n_criteria: int) -> list[pb.Criterion]:
    """``n_criteria`` criteria with unique names, mixed kinds, areas and scales."""
    return [
        pb.Criterion(name, area=draw(_AREA), kind=draw(_KIND), scale=draw(_SCALE))
        for name in draw(_unique_names(n_criteria))
    ]


@st.composite
def assessments(
    draw: st.DrawFn,
    min_options: int = 2,
    max_options: int = 8,
    min_criteria: int = 1,
    max_criteria: int = 6,
) -> pb.Assessment:
    """Valid assessments (see the module documentation for what "valid" guarantees)."""
    n_options = draw(st.integers(min_options, max_options))
    n_criteria = draw(st.integers(min_criteria, max_criteria))
    option_names = draw(_unique_names(n_options))
    criterion_list = draw(criteria(n_criteria))
    columns = [draw(_column(n_options)) for _ in range(n_criteria)]
    matrix = np.array(columns, dtype=np.float64).T.reshape(n_options, n_criteria)
    return pb.Assessment(options=option_names, criteria=criterion_list, scores=matrix)


@functools.cache
def weight_vectors(m: int) -> st.SearchStrategy[np.ndarray]:
    """Non-negative weight vectors of length ``m`` with at least one positive weight.

    Rows are not rescaled to sum to 1; every method is documented to accept that.
    """
    weight = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=1.0))
    return (
        st.lists(weight, min_size=m, max_size=m)
        .filter(lambda values: any(v > 0 for v in values))
        .map(lambda values: np.array(values, dtype=np.float64))
    )


@functools.cache
def weight_batches(m: int, min_rows: int = 1, max_rows: int = 6) -> st.SearchStrategy[np.ndarray]:
    """Batches ``W`` of shape (k, m) of :func:`weight_vectors` rows."""
    return st.lists(weight_vectors(m), min_size=min_rows, max_size=max_rows).map(np.vstack)


def method_variants() -> dict[str, list[object]]:
    """Every built-in method, by registry name, in each variant defined on the drawn
    assessments: every normalization, several ``v`` for VIKOR, and each preference
    function (thresholds within the drawn scores' range) for PROMETHEE II."""
    m = pb.methods

    def normalized(cls: type, normalizations: tuple[str, ...]) -> list[object]:
        return [cls(), *(cls(normalization=n) for n in normalizations)]

    return {
        "weighted-sum": normalized(m.WeightedSum, NORMALIZATIONS),
        "weighted-product": normalized(m.WeightedProduct, POSITIVE_NORMALIZATIONS),
        "topsis": normalized(m.TOPSIS, NORMALIZATIONS),
        "vikor": [m.VIKOR(v=v) for v in (0.0, 0.25, 0.5, 1.0)],
        "promethee": [
            m.PROMETHEE(),
            m.PROMETHEE(default=m.UShape(q=1.0)),
            m.PROMETHEE(default=m.VShape(p=3.0)),
            m.PROMETHEE(default=m.Level(q=0.5, p=2.0)),
            m.PROMETHEE(default=m.Linear(q=0.5, p=4.0)),
            m.PROMETHEE(default=m.Gaussian(s=2.0)),
        ],
    }


METHOD_KINDS: tuple[str, ...] = tuple(method_variants())


@functools.cache
def methods(kinds: tuple[str, ...] = METHOD_KINDS) -> st.SearchStrategy[object]:
    """Built-in methods in every variant of :func:`method_variants`.

    Parameters
    ----------
    kinds : tuple of str
        Which methods to sample (by registry name).
    """
    variants = method_variants()
    return st.one_of([st.sampled_from(variants[kind]) for kind in kinds])
