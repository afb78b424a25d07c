"""Scores for SMAA: fixed, drawn from each uncertain cell's distribution, or across futures."""

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

__all__ = [
    "FixedScores",
    "ScenarioScores",
    "Scorer",
    "UncertainScores",
    "future_streams",
    "scorer_for",
]

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
    #: The streams of the draws for counting ranks and for confidence factors.
    streams: tuple[int, int] = (_RANK_STREAM, _CONFIDENCE_STREAM)

    @property
    def uncertain_cells(self) -> int:
        """How many cells are drawn."""
        return len(self.distributions)

    def matrices(self, seed: int, block: int, size: int, stream: int) -> Iterator[FloatArray]:
        """The score matrices drawn for one block, one per weight vector, from ``stream``."""
        rng = block_generator(seed, block, stream)
        values = sample_cells(self.distributions, rng, size)
        base = self.assessment.scores
        for row in values:
            matrix = base.copy()
            matrix.flat[self.cells] = row
            yield matrix

    def prepare(self, matrix: FloatArray) -> Any:
        """The method prepared on one drawn score matrix."""
        return self.method.prepare(rescored(self.assessment, matrix))

    def score(
        self, weights: FloatArray, seed: int, blocks: range, sizes: Sequence[int]
    ) -> FloatArray:
        """Scores of the weight vectors of ``blocks``, each on its own draw of the scores."""
        out = np.empty((len(weights), self.assessment.n_options), dtype=np.float64)
        row = 0
        for block in blocks:
            for matrix in self.matrices(seed, block, sizes[block], self.streams[0]):
                prepared = self.prepare(matrix)
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
            for matrix in self.matrices(seed, block, size, self.streams[1]):
                wins += _first_under(self.prepare(matrix), central, options, self.method)
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
    return _first_of(scored(prepared, central, method=method, owner="smaa"), options)


def _first_of(scores: FloatArray, options: npt.NDArray[np.intp]) -> npt.NDArray[np.bool_]:
    """Whether option ``options[k]`` has the best score of row k, ties included."""
    best = scores.max(axis=1)
    tolerance = TIE_TOLERANCE * np.maximum(1.0, np.abs(scores).max(axis=1))
    own = scores[np.arange(len(scores)), options]
    return np.asarray(own >= best - tolerance, dtype=bool)


def future_streams(position: int) -> tuple[int, int]:
    """The streams of the score draws of the scenario at ``position``: its own, never shared.

    The first scenario draws from the streams a run without scenarios uses (2 and 3),
    so that a single scenario gives that run's result; the others from 5 and 6, 7 and
    8, and so on (4 is the probabilities').

    Examples
    --------
    >>> [future_streams(k) for k in range(3)]
    [(2, 3), (5, 6), (7, 8)]
    """
    if position == 0:
        return (_RANK_STREAM, _CONFIDENCE_STREAM)
    return (3 + 2 * position, 4 + 2 * position)


def scorer_for(
    assessment: Assessment,
    method: Method,
    streams: tuple[int, int] = (_RANK_STREAM, _CONFIDENCE_STREAM),
) -> FixedScores | UncertainScores:
    """How :func:`~powerbalance.sensitivity.smaa.smaa` scores: fixed, or drawing uncertain cells."""
    if not assessment.uncertainty:
        return FixedScores(method.prepare(assessment), method=method)
    names = assessment.criterion_names
    cells, distributions = [], []
    for (option, criterion), distribution in assessment.uncertainty.items():
        row, column = assessment.option_index(option), names.index(criterion)
        cells.append(row * assessment.n_criteria + column)
        distributions.append(distribution.bounded(assessment.criteria[column].scale))
    return UncertainScores(
        assessment, method, np.array(cells, dtype=np.intp), tuple(distributions), streams
    )


@attrs.frozen
class ScenarioScores:
    """Every option valued across the scenarios by a decision rule, per weight vector.

    The rows it scores are joint draws: a weight vector, followed (for the expected
    score) by a probability vector over the scenarios. Each scenario has its own
    scorer, prepared once on the plain assessment of that future, drawing its
    uncertain cells from streams of its own (:func:`future_streams`). An option's
    value is the rule's across the futures, higher better: the expected score, the
    worst score (maximin), minus the largest regret (minimax regret), or the Hurwicz
    mix of best and worst.
    """

    futures: tuple[FixedScores | UncertainScores, ...]
    rule: str
    alpha: float
    n_criteria: int
    method: object = None

    @property
    def uncertain_cells(self) -> int:
        """How many cells are drawn, over all the scenarios."""
        return sum(future.uncertain_cells for future in self.futures)

    def _weights(self, joint: FloatArray) -> FloatArray:
        return np.ascontiguousarray(joint[:, : self.n_criteria])

    def ruled(self, scores: FloatArray, probabilities: FloatArray) -> FloatArray:
        """The rule's value of each option, from scores ``(rows, options, scenarios)``."""
        from powerbalance.scenarios import _rules

        if self.rule == "expected":
            # Scenario by scenario, so that each row's sum is the same floats however
            # many rows are ruled at once.
            value = scores[..., 0] * probabilities[:, 0:1]
            for k in range(1, scores.shape[-1]):
                value += scores[..., k] * probabilities[:, k : k + 1]
            return np.asarray(value, dtype=np.float64)
        if self.rule == "maximin":
            return _rules.maximin(scores)
        if self.rule == "minimax_regret":
            return np.asarray(-_rules.minimax_regret(scores), dtype=np.float64)
        return _rules.hurwicz(scores, self.alpha)

    def score(
        self, joint: FloatArray, seed: int, blocks: range, sizes: Sequence[int]
    ) -> FloatArray:
        """The rule's value of each option for each joint draw of ``blocks``.

        A scenario score that is not finite gives a row of NaN, which ranking refuses
        through :meth:`refusal`: a rule could otherwise hide it (an infinite best score
        does not move the worst).
        """
        weights = self._weights(joint)
        scores = np.stack(
            [future.score(weights, seed, blocks, sizes) for future in self.futures], axis=-1
        )
        values = self.ruled(scores, joint[:, self.n_criteria :])
        values[~np.isfinite(scores).all(axis=(1, 2))] = np.nan
        return values

    def refusal(self, joint: FloatArray) -> Exception:
        """The error of the first scenario whose scores are not all finite."""
        weights = self._weights(joint)
        for future in self.futures:
            if isinstance(future, FixedScores):
                scores = np.asarray(future.prepared.score(weights), dtype=np.float64)
                if not np.isfinite(scores).all():
                    return future.refusal(weights)
        return _refusal(None, weights, self.method)

    def confidence(
        self, central: FloatArray, options: npt.NDArray[np.intp], seed: int, sizes: Sequence[int]
    ) -> FloatArray:
        """How often each option is the robust choice under its central weights and probabilities.

        With fixed scores 0 or 1; with uncertain cells the share of as many score draws
        as the run drew weight vectors, every scenario drawing from its own stream.
        """
        weights = self._weights(central)
        probabilities = central[:, self.n_criteria :]
        fixed = [
            scored(future.prepared, weights, method=self.method, owner="smaa")
            if isinstance(future, FixedScores)
            else None
            for future in self.futures
        ]
        if all(scores is not None for scores in fixed):
            values = self.ruled(np.stack(fixed, axis=-1), probabilities)  # type: ignore[arg-type]
            return _first_of(values, options).astype(np.float64)
        wins = np.zeros(len(central), dtype=np.int64)
        for block, size in enumerate(sizes):
            draws = [
                None
                if isinstance(future, FixedScores)
                else future.matrices(seed, block, size, future.streams[1])
                for future in self.futures
            ]
            for _ in range(size):
                per: list[Any] = [
                    fixed[k]
                    if draw is None
                    else scored(
                        self.futures[k].prepare(next(draw)),  # type: ignore[union-attr]
                        weights,
                        method=self.method,
                        owner="smaa",
                    )
                    for k, draw in enumerate(draws)
                ]
                wins += _first_of(self.ruled(np.stack(per, axis=-1), probabilities), options)
        return np.asarray(wins / sum(sizes), dtype=np.float64)


Scorer: TypeAlias = FixedScores | UncertainScores | ScenarioScores
"""How a chunk's rows are scored: on fixed scores, on drawn ones, or across futures."""
