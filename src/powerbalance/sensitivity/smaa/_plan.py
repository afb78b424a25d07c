"""Planning a SMAA run: every argument checked up front, the work cut into chunks.

A run draws its weight vectors in blocks of :data:`BLOCK` (the unit of
reproducibility), processes whole blocks a chunk at a time, and spreads the chunks
over threads or a dask cluster. :func:`plan` settles all of that before anything is
drawn, so a bad argument is refused at once rather than after minutes of work.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias, overload

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._validate import (
    Boolean,
    Function,
    HasMethods,
    InstanceOf,
    Integer,
    OneOf,
    check,
    refuse,
)
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.methods import Method, MethodLike, resolve_method
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.sensitivity.smaa._result import PAIRWISE_LIMIT
from powerbalance.sensitivity.smaa._scores import FixedScores, UncertainScores, scorer_for
from powerbalance.sensitivity.smaa._streams import BLOCK, blocks, check_count, check_seed
from powerbalance.sensitivity.smaa._weights import UniformWeights, WeightInformation

__all__ = ["Plan", "plan"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

# Scores of one chunk held at most (chunk rows x options): 32 MiB of floats per thread.
_CHUNK_SCORES = 1 << 22
# Below this many scores in all (samples x options), a run uses one thread by default.
_SMALL_RUN = 1 << 20
# More threads than any machine has cores only adds switching (and a thread each).
_MOST_THREADS = 1024

_OWNER = "smaa"


@attrs.frozen
class Plan:
    """A checked SMAA run: what to draw and score, and how the work is cut up.

    Attributes
    ----------
    assessment : Assessment
        The options, criteria and scores.
    samples, seed : int
        How many weight vectors, and the seed (drawn afresh when none was given).
    method : Method
        The resolved method.
    information : WeightInformation
        What is known about the weights; ``draw(rng, count)`` draws from it.
    scorer : FixedScores or UncertainScores
        How a chunk's weight vectors are scored.
    sizes : sequence of int
        The weight vectors in each block.
    chunks : sequence of range
        The blocks of each chunk, in order.
    workers : int
        How many chunks the numpy backend scores at once.
    backend, client, progress, pairwise
        As given to :func:`~powerbalance.sensitivity.smaa.smaa` (``pairwise``
        settled to a bool).
    """

    assessment: Assessment
    samples: int
    seed: int
    method: Method
    information: WeightInformation
    draw: Callable[[np.random.Generator, int], FloatArray]
    scorer: FixedScores | UncertainScores
    sizes: Sequence[int]
    chunks: Sequence[range]
    workers: int
    backend: str
    client: Any
    progress: Callable[[int, int], None] | None
    pairwise: bool


def plan(
    assessment: Assessment,
    *,
    method: MethodLike,
    weight_information: WeightInformation | None,
    samples: int,
    seed: int | None,
    chunk_size: int,
    backend: str,
    client: Any,
    progress: Callable[[int, int], None] | None,
    pairwise: bool | None,
    threads: int | None,
) -> Plan:
    """Check the arguments of :func:`~powerbalance.sensitivity.smaa.smaa` and plan the run.

    Raises
    ------
    InvalidParameterError
        An argument is not one :func:`~powerbalance.sensitivity.smaa.smaa` accepts.
    """
    check_assessment(_OWNER, assessment)
    count = check_count(samples, "samples", _OWNER, "10_000")
    chunk = check_count(chunk_size, "chunk_size", _OWNER, "100_000")
    information = UniformWeights() if weight_information is None else weight_information
    check(
        _OWNER,
        "weight_information",
        weight_information,
        InstanceOf(
            WeightInformation,
            description="weight information such as UniformWeights(), OrdinalWeights(ranking), "
            "IntervalWeights(bounds) or PerturbedWeights(weights)",
        ),
        None,
        fix=(
            "To vary given weights, wrap them: PerturbedWeights(weights, spread=0.1)."
            if isinstance(weight_information, Mapping | Weights)
            else ""
        ),
    )
    chosen_seed = check_seed(seed, _OWNER)
    resolved = resolve_method(method, owner=_OWNER)
    check(
        _OWNER,
        "backend",
        backend,
        OneOf("numpy", "dask"),
        fix="'numpy' runs in this process, 'dask' on a dask cluster.",
    )
    if backend == "numpy" and client is not None:
        raise refuse(
            _OWNER,
            "client",
            client,
            "None with backend='numpy'",
            fix="Pass backend='dask' as well to run on the cluster.",
        )
    check(
        _OWNER,
        "client",
        client,
        HasMethods(("submit", "scatter", "gather"), description="a dask distributed.Client"),
        None,
        fix="Pass the client of a running cluster, or None for the current one.",
    )
    check(
        _OWNER,
        "progress",
        progress,
        Function(),
        None,
        fix="Pass a function called as progress(done, samples) after each chunk, or None.",
    )
    check(
        _OWNER,
        "pairwise",
        pairwise,
        Boolean(),
        None,
        fix=f"None counts pairwise wins up to {PAIRWISE_LIMIT} options.",
    )
    for allowed in (Integer(low=1), Integer(low=1, high=_MOST_THREADS)):
        check(
            _OWNER,
            "threads",
            threads,
            allowed,
            None,
            fix="Give how many chunks to score at once, such as 4, or None for one per core.",
        )
    draw = information.draw_function(assessment)
    scorer = scorer_for(assessment, resolved)
    n = assessment.n_options
    sizes = blocks(count)
    if threads is not None:
        workers = int(threads)
    elif count * n < _SMALL_RUN:
        # Starting a pool costs more than such a run saves by it.
        workers = 1
    else:
        workers = os.cpu_count() or 1
    return Plan(
        assessment=assessment,
        samples=count,
        seed=chosen_seed,
        method=resolved,
        information=information,
        draw=draw,
        scorer=scorer,
        sizes=sizes,
        chunks=_chunks(len(sizes), chunk, n, workers if backend == "numpy" else 1),
        workers=workers,
        backend=backend,
        client=client,
        progress=progress,
        pairwise=n <= PAIRWISE_LIMIT if pairwise is None else bool(pairwise),
    )


def _chunks(n_blocks: int, chunk_size: int, n_options: int, workers: int) -> Sequence[range]:
    """The blocks of each chunk: whole blocks, as many as ``chunk_size`` asks within limits."""
    per_chunk = -(-chunk_size // BLOCK)
    # A chunk's scores are chunk x options: cap them, whatever chunk_size says, so that
    # memory stays bounded however many options there are.
    per_chunk = max(1, min(per_chunk, _CHUNK_SCORES // (BLOCK * n_options)))
    if workers > 1:
        # Four chunks or more for every thread, so that none waits long for the last
        # one; chunking does not change the result.
        per_chunk = max(1, min(per_chunk, -(-n_blocks // (4 * workers))))
    return _Chunks(n_blocks, per_chunk)


@attrs.frozen
class _Chunks(Sequence[range]):
    """The blocks of each chunk, worked out on demand: a long run needs no list of them."""

    n_blocks: int
    per_chunk: int

    def __len__(self) -> int:
        return -(-self.n_blocks // self.per_chunk)

    @overload
    def __getitem__(self, index: int) -> range: ...

    @overload
    def __getitem__(self, index: slice) -> list[range]: ...

    def __getitem__(self, index: int | slice) -> range | list[range]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        start = range(0, self.n_blocks, self.per_chunk)[index]
        return range(start, min(self.n_blocks, start + self.per_chunk))
