"""Scores for SMAA: fixed, or drawn from each uncertain cell's distribution."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance.errors import PowerbalanceError, ScoreError
from powerbalance.methods import Method, scored
from powerbalance.methods.ranking import TIE_TOLERANCE
from powerbalance.model import Assessment
from powerbalance.model._rescored import rescored
from powerbalance.model.uncertainty import Distribution, sample_cells
from powerbalance.sensitivity.smaa._streams import block_generator

__all__ = ["FixedScores", "UncertainScores", "scorer_for"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

# Stream 0 of a block draws its weight vectors and stream 1 its tie-breaking keys;
# these are the streams of its score draws, for counting ranks and for confidence.
_RANK_STREAM = 2
_CONFIDENCE_STREAM = 3


@attrs.frozen
class FixedScores:
    """Every option scored once per weight vector on the assessment's own scores."""

    prepared: Any
    uncertain_cells: int = 0
    method: object = None

    def score(
        self, weights: FloatArray, seed: int, blocks: range, sizes: Sequence[int]
    ) -> FloatArray:
        """Scores of the weight vectors of ``blocks``, one row each, not yet checked.

        Ranking finds any score that is not finite at no extra cost (see ``_chunk``),
        and then asks :meth:`refusal` for the error.
        """
        return np.asarray(self.prepared.score(weights), dtype=np.float64)

    def refusal(self, weights: FloatArray) -> Exception:
        """The error for scores of ``weights`` that are not all finite."""
        return _refusal(self.prepared, weights, self.method)

    def confidence(
        self, central: FloatArray, options: npt.NDArray[np.intp], seed: int, sizes: Sequence[int]
    ) -> FloatArray:
        """Whether each option ranks first under its central weights (rows): 0 or 1."""
        return _first_under(self.prepared, central, options, self.method).astype(np.float64)


@attrs.frozen
class UncertainScores:
    """Scores drawn afresh for every weight vector, the method prepared on each draw.

    The draws of block *b* come from their own stream of the seed, so they too do not
    depend on how blocks are grouped into chunks.
    """

    assessment: Assessment
    method: Method
    cells: npt.NDArray[np.intp] = attrs.field(eq=False)
    distributions: tuple[Distribution, ...]

    @property
    def uncertain_cells(self) -> int:
        """How many cells are drawn."""
        return len(self.distributions)

    def _matrices(self, seed: int, block: int, size: int, stream: int) -> Iterator[FloatArray]:
        rng = block_generator(seed, block, stream)
        values = sample_cells(self.distributions, rng, size)
        base = self.assessment.scores
        for row in values:
            matrix = base.copy()
            matrix.flat[self.cells] = row
            yield matrix

    def _prepare(self, matrix: FloatArray) -> Any:
        return self.method.prepare(rescored(self.assessment, matrix))

    def score(
        self, weights: FloatArray, seed: int, blocks: range, sizes: Sequence[int]
    ) -> FloatArray:
        """Scores of the weight vectors of ``blocks``, each on its own draw of the scores."""
        out = np.empty((len(weights), self.assessment.n_options), dtype=np.float64)
        row = 0
        for block in blocks:
            for matrix in self._matrices(seed, block, sizes[block], _RANK_STREAM):
                prepared = self._prepare(matrix)
                out[row] = scored(
                    prepared, weights[row : row + 1], method=self.method, owner="smaa"
                )[0]
                row += 1
        return out

    def refusal(self, weights: FloatArray) -> Exception:
        """The error for scores that are not finite; :meth:`score` has already refused them."""
        return _refusal(None, weights, self.method)  # pragma: no cover - score checks

    def confidence(
        self, central: FloatArray, options: npt.NDArray[np.intp], seed: int, sizes: Sequence[int]
    ) -> FloatArray:
        """How often each option ranks first under its central weights (rows).

        The share of score draws, as many as the run drew weight vectors.
        """
        wins = np.zeros(len(central), dtype=np.int64)
        for block, size in enumerate(sizes):
            for matrix in self._matrices(seed, block, size, _CONFIDENCE_STREAM):
                wins += _first_under(self._prepare(matrix), central, options, self.method)
        return np.asarray(wins / sum(sizes), dtype=np.float64)


def _refusal(prepared: Any, weights: FloatArray, method: object) -> Exception:
    """The error :func:`~powerbalance.methods.scored` raises for these weights' scores."""
    if prepared is not None:
        try:
            scored(prepared, weights, method=method, owner="smaa")
        except PowerbalanceError as error:
            return error
    return ScoreError(
        f"smaa: method must be a method that gives every option a finite score; got "
        f"{method!r}. Check the method's score()."
    )


def _first_under(
    prepared: Any, central: FloatArray, options: npt.NDArray[np.intp], method: object
) -> npt.NDArray[np.bool_]:
    """Whether option ``options[k]`` ranks first (ties included) under weights ``central[k]``."""
    scores = scored(prepared, central, method=method, owner="smaa")
    best = scores.max(axis=1)
    tolerance = TIE_TOLERANCE * np.maximum(1.0, np.abs(scores).max(axis=1))
    own = scores[np.arange(len(central)), options]
    return np.asarray(own >= best - tolerance, dtype=bool)


def scorer_for(assessment: Assessment, method: Method) -> FixedScores | UncertainScores:
    """How :func:`~powerbalance.sensitivity.smaa.smaa` scores: fixed, or drawing uncertain cells."""
    if not assessment.uncertainty:
        return FixedScores(method.prepare(assessment), method=method)
    names = assessment.criterion_names
    cells, distributions = [], []
    for (option, criterion), distribution in assessment.uncertainty.items():
        row, column = assessment.option_index(option), names.index(criterion)
        cells.append(row * assessment.n_criteria + column)
        distributions.append(distribution.bounded(assessment.criteria[column].scale))
    return UncertainScores(assessment, method, np.array(cells, dtype=np.intp), tuple(distributions))
