"""One chunk of an ensemble: draw its futures, score every weighting in each, fold the scores.

:func:`ensemble_chunk` is a pure function of its arguments, so a chunk gives the same
numbers in this process, on a thread or on a dask worker.
"""

from __future__ import annotations

from typing import Any, NamedTuple, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance.methods import Method, scored
from powerbalance.methods.ranking import TIE_TOLERANCE
from powerbalance.model import Assessment
from powerbalance.model._rescored import rescored
from powerbalance.model.uncertainty import Distribution, sample_cells
from powerbalance.sensitivity.smaa._streams import BLOCK, block_generator

__all__ = [
    "FUTURE_STREAM",
    "TILE_SCORES",
    "EnsembleChunk",
    "EnsembleInputs",
    "ensemble_chunk",
    "tiles",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]

#: The stream of a block of futures' cell draws: apart from SMAA's streams 0 to 4
#: (weights, tie-breaking, score draws, confidence, scenario probabilities).
FUTURE_STREAM = 8

TILE_SCORES = 1 << 18
"""Scores (weightings x options) computed and folded at once: 2 MiB of floats.

Examples
--------
>>> TILE_SCORES
262144
"""


@attrs.frozen
class EnsembleInputs:
    """What every chunk of an ensemble shares: the assessment, method, cells and weights."""

    assessment: Assessment
    method: Method
    positions: npt.NDArray[np.intp] = attrs.field(eq=False)
    distributions: tuple[Distribution, ...]
    weights: FloatArray = attrs.field(eq=False)


class EnsembleChunk(NamedTuple):
    """A chunk's futures and what they add to the ensemble's sums.

    ``cells`` and ``firsts`` have a row per future of the chunk; ``block_sums`` a
    (options x weightings) sum of the scores per block, kept apart so that blocks are
    added up in block order whatever the chunks; ``minimum`` and ``regret`` the
    smallest score and largest regret of each option under each weighting.
    """

    cells: FloatArray
    firsts: IntArray
    block_sums: list[FloatArray]
    minimum: FloatArray
    regret: FloatArray


def tiles(weightings: int, options: int) -> list[slice]:
    """The weightings scored together: at most :data:`TILE_SCORES` scores at once.

    Fixed by the counts alone, so a future is scored the same way whatever the chunks.

    Examples
    --------
    >>> tiles(100_000, 7)
    [slice(0, 37449, None), slice(37449, 74898, None), slice(74898, 100000, None)]
    """
    rows = max(1, TILE_SCORES // options)
    return [slice(start, min(weightings, start + rows)) for start in range(0, weightings, rows)]


def ensemble_chunk(inputs: EnsembleInputs, seed: int, futures: int, blocks: range) -> EnsembleChunk:
    """Draw the futures of ``blocks``, score every weighting in each and fold the scores.

    Each future's scores are the central ones with the cells drawn; the method is
    prepared once per future and scores the weightings a tile at a time.

    Parameters
    ----------
    inputs : EnsembleInputs
        The assessment, method, cells, their distributions and the weightings.
    seed : int
        The run's seed; block *b* of futures draws from ``spawn_key=(b, 8)``.
    futures : int
        The futures of the whole run (the last block may be short).
    blocks : range
        The blocks of this chunk.
    """
    a = inputs.assessment
    n, k = a.n_options, len(inputs.weights)
    parts = tiles(k, n)
    # Weightings as columns, a tile at a time: an additive method's scores are then
    # one product (options x criteria) @ (criteria x weightings), options along the rows.
    columns = [np.ascontiguousarray(inputs.weights[part].T) for part in parts]
    work = np.empty((n, parts[0].stop - parts[0].start))
    minimum = np.full((n, k), np.inf)
    regret = np.zeros((n, k))
    block_sums: list[FloatArray] = []
    cells: list[FloatArray] = []
    firsts: list[IntArray] = []
    for block in blocks:
        size = min(BLOCK, futures - block * BLOCK)
        values = sample_cells(
            inputs.distributions, block_generator(seed, block, FUTURE_STREAM), size
        )
        counts = np.zeros((size, n), dtype=np.int64)
        sums = np.zeros((n, k))
        for row, drawn in enumerate(values):
            matrix = a.scores.copy()
            matrix.flat[inputs.positions] = drawn
            prepared = inputs.method.prepare(rescored(a, matrix))
            normalized = _additive(prepared)
            for part, weights in zip(parts, columns, strict=True):
                if normalized is not None:
                    by_option = np.matmul(normalized, weights, out=work[:, : weights.shape[1]])
                else:
                    scores = scored(
                        prepared, inputs.weights[part], method=inputs.method, owner="ensemble"
                    )
                    by_option = np.ascontiguousarray(scores.T)
                _fold(by_option, counts[row], sums[:, part], minimum[:, part], regret[:, part])
        cells.append(values)
        firsts.append(counts)
        block_sums.append(sums)
    return EnsembleChunk(
        np.concatenate(cells) if cells else np.zeros((0, len(inputs.distributions))),
        np.concatenate(firsts) if firsts else np.zeros((0, n), dtype=np.int64),
        block_sums,
        minimum,
        regret,
    )


def _additive(prepared: Any) -> FloatArray | None:
    """The normalized scores of an additive prepared method, when finite; else None.

    An additive method's score is the weighted sum of its normalized scores (its
    contributions add up to it), so one matrix product scores a whole tile.
    Otherwise, or when a normalized score is not finite, the method's own ``score``
    is used (and :func:`~powerbalance.methods.scored` refuses what is not finite).
    """
    if not getattr(prepared, "additive", False):
        return None
    normalized = np.asarray(prepared.normalized, dtype=np.float64)
    return normalized if np.isfinite(normalized).all() else None


def _fold(
    by_option: FloatArray,
    firsts: IntArray,
    sums: FloatArray,
    minimum: FloatArray,
    regret: FloatArray,
) -> None:
    """Add one future's scores (options x weightings) to the counts and running values.

    An option is first under a weighting when its score is within the tie tolerance
    of the best (:data:`~powerbalance.methods.ranking.TIE_TOLERANCE`, relative to the
    largest magnitude and at least absolute, as :func:`~powerbalance.methods.ranking.rank_scores`
    has it): tied options are all first. ``sums``, ``minimum`` and ``regret`` are
    (options x weightings) views, updated in place; ``by_option`` is used up.
    """
    # Options along the rows: each reduction over the options is a pass over whole rows
    # of weightings rather than many reductions of a few options each.
    best = by_option.max(axis=0)
    worst = by_option.min(axis=0)
    tolerance = np.maximum(np.abs(best), np.abs(worst))
    np.maximum(tolerance, 1.0, out=tolerance)
    tolerance *= TIE_TOLERANCE
    firsts += np.count_nonzero(by_option >= best - tolerance, axis=1)
    # Added future by future from zero in each block: every sum is the same floats in
    # the same order whatever the tiles and chunks.
    np.add(sums, by_option, out=sums)
    np.minimum(minimum, by_option, out=minimum)
    np.subtract(best, by_option, out=by_option)
    np.maximum(regret, by_option, out=regret)
