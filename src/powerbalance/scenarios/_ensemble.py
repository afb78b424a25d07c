"""ensemble(): thousands of generated futures, each scored under every weighting, chunked."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from powerbalance._parallel import check_running, chunk_results, default_workers
from powerbalance._validate import InstanceOf, check, refuse
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.methods import MethodLike, resolve_method
from powerbalance.methods.ranking import TIE_TOLERANCE
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.scenarios._ensemble_cells import ensemble_cells
from powerbalance.scenarios._ensemble_chunk import (
    EnsembleChunk,
    EnsembleInputs,
    ensemble_chunk,
)
from powerbalance.scenarios._ensemble_result import ROBUST_RULES, Ensemble
from powerbalance.sensitivity.smaa._streams import (
    BLOCK,
    block_generator,
    blocks,
    check_count,
    check_seed,
)
from powerbalance.sensitivity.smaa._weights import WeightInformation
from powerbalance.weighting import WeightingLike, apply_weighting, resolve_weighting

__all__ = ["ensemble"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

_OWNER = "ensemble"
# The sums a chunk keeps per block (options x weightings each) together: 32 MiB.
_CHUNK_SUMS = 1 << 22
# Below this many scores in all (futures x weightings x options), one thread.
_SMALL_RUN = 1 << 22


def ensemble(
    assessment: Assessment,
    *,
    futures: int = 10_000,
    cells: Mapping[Any, Any] | None = None,
    weighting: WeightingLike = "equal",
    weight_information: WeightInformation | None = None,
    weightings: int = 10_000,
    method: MethodLike = "weighted-sum",
    seed: int | None = None,
    chunk_size: int = 10_240,
    backend: str = "numpy",
    client: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> Ensemble:
    """Generate futures from distributions on the cells, and see which choice holds up.

    Each future is the central assessment with ``cells`` drawn from their
    distributions (the other cells at their central scores). In each future every
    option is scored under every weighting, the method prepared once per future and
    scoring all the weightings at once; the result counts, per future, how often each
    option ranks first, and per weighting which option is the robust choice across
    the ensemble, every future equally likely (:class:`Ensemble`).

    **Ties.** An option ranks first under a weighting when its score is within the
    tie tolerance of the best (:data:`~powerbalance.methods.ranking.TIE_TOLERANCE`,
    relative to the largest score's magnitude, as in
    :func:`~powerbalance.methods.ranking.rank_scores`): tied options are all first,
    so an ensemble's first-place shares of a future may add up to more than 1. The
    robust choices count ties the same way.

    **Reproducibility.** Futures are drawn in blocks of
    :data:`~powerbalance.sensitivity.smaa.BLOCK` (1,024), block *b* from
    ``SeedSequence(seed, spawn_key=(b, 8))``; drawn weightings are exactly those
    :func:`~powerbalance.sensitivity.smaa` draws for the same seed (block *b* from
    ``spawn_key=(b, 0)``). Chunks are whole blocks of futures and the score sums are
    added block by block in block order, so the result is bit for bit the same
    whatever ``chunk_size`` and whether it runs here or on a dask cluster.

    **Memory.** A future is scored a tile of weightings at a time, at most
    :data:`~powerbalance.scenarios._ensemble_chunk.TILE_SCORES` (262,144) scores,
    2 MiB, with a few work arrays of that size. A chunk holds, besides its futures'
    draws and counts, two (options x weightings) arrays of running values and one
    per block of its futures (at most ``chunk_size`` futures and 4,194,304 /
    (options x weightings) blocks, at least one). On several threads a chunk is one
    block, with at most two chunks per thread under way or waiting to be added up.
    At 7 options and 10,000 weightings such an array is 0.5 MiB, and the whole run
    peaks near 16 MiB. Only the per-future results (the cells drawn, the
    first-place counts: futures x (cells + options) numbers) grow with
    ``futures``.

    Parameters
    ----------
    assessment : Assessment
        The central assessment. Not modified.
    futures : int, default 10_000
        How many futures to draw.
    cells : mapping, optional
        ``{(option, criterion): Distribution}`` or ``{option: {criterion:
        Distribution}}``: the cells that vary. By default the assessment's
        :attr:`~powerbalance.Assessment.uncertainty` if it has any, else
        :func:`span_cells`: every cell some scenario changes, uniform over the
        range the futures give it.
    weighting : WeightingScheme, str, Weights or callable, default "equal"
        The fixed weights, resolved once on the central assessment, when
        ``weight_information`` is not given.
    weight_information : WeightInformation, optional
        Draw ``weightings`` weight vectors from it instead, the same ones in every
        future.
    weightings : int, default 10_000
        How many weight vectors to draw; used only with ``weight_information``.
    method : Method or str, default "weighted-sum"
        The aggregation method.
    seed : int, optional
        Seed of the random numbers; None for a fresh one, recorded in the result.
    chunk_size : int, default 10_240
        How many futures to process at once, rounded up to whole blocks. It changes
        the memory used, never the result.
    backend : {"numpy", "dask"}, default "numpy"
        In this process (a thread per core for large runs) or on a dask cluster.
    client : distributed.Client, optional
        The dask client for ``backend="dask"``; by default the current one.
    progress : callable, optional
        Called as ``progress(done, futures)`` after each chunk.

    Returns
    -------
    Ensemble

    Raises
    ------
    InvalidParameterError
        ``futures``, ``weightings``, ``chunk_size`` or ``seed`` is not a valid whole
        number, both ``weighting`` and ``weight_information`` are given, ``cells`` is
        not a mapping of cells to distributions, ``backend`` is unknown, ``client``
        is given without ``backend="dask"``, or ``progress`` is not a function.
    UnknownNameError
        ``cells`` names an option or criterion the assessment does not have.
    ScenarioError
        ``cells`` is not given and there is nothing to vary: no uncertainty, and no
        scenario changes a score.
    BackendError
        With ``backend="dask"``, the cluster cannot finish the run.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> result = pb.scenarios.ensemble(a, futures=2_000, seed=1)
    >>> result.leader, result.holds
    ('Technology investment', 0.7375)
    >>> result.first_share.shape
    (2000, 7)
    >>> print(result.discover().sentence())  # doctest: +NORMALIZE_WHITESPACE
    Technology investment fails mostly where Conflicts de-escalated of Targeted cooperation
    >= 7.321 and Counter-terrorism and cyber cooperation of Allied intelligence sharing
    <= 7.997: 50.1% of its failures lie there (coverage), and 58.4% of the futures there
    are failures (density), against 26.2% of all futures.
    """
    check_assessment(_OWNER, assessment)
    count = check_count(futures, "futures", _OWNER, "10_000")
    chunk = check_count(chunk_size, "chunk_size", _OWNER, "10_240")
    chosen_seed = check_seed(seed, _OWNER)
    given_weighting = not (isinstance(weighting, str) and weighting == "equal")
    if weight_information is not None and given_weighting:
        raise refuse(
            _OWNER,
            "weight_information",
            weight_information,
            f"None when a weighting is given (weighting={weighting!r})",
            fix="Give either fixed weights (weighting=...) or weight information to draw "
            "them from (weight_information=...), not both.",
        )
    check(
        _OWNER,
        "weight_information",
        weight_information,
        InstanceOf(
            WeightInformation,
            description="weight information such as UniformWeights() or OrdinalWeights(ranking)",
        ),
        None,
        fix="For fixed weights, pass weighting=... instead.",
    )
    check_running(_OWNER, backend, client, progress, "futures")
    keys, distributions = ensemble_cells(assessment, cells, _OWNER)
    resolved = resolve_method(method, owner=_OWNER)
    scheme: object = None
    if weight_information is None:
        scheme = resolve_weighting(weighting, owner=_OWNER)
        resolved_weights = apply_weighting(scheme, assessment)
        fixed: Weights | None = resolved_weights
        weights = np.array(resolved_weights.array, dtype=np.float64)[None]
    else:
        fixed = None
        k = check_count(weightings, "weightings", _OWNER, "10_000")
        draw = weight_information.draw_function(assessment)
        weights = np.vstack(
            [draw(block_generator(chosen_seed, b, 0), size) for b, size in enumerate(blocks(k))]
        )
    weights.flags.writeable = False
    m = assessment.n_criteria
    positions = np.array(
        [
            assessment.option_index(option) * m + assessment.criterion_index(criterion)
            for option, criterion in keys
        ],
        dtype=np.intp,
    )
    inputs = EnsembleInputs(assessment, resolved, positions, distributions, weights)
    n, k = assessment.n_options, len(weights)
    n_blocks = len(blocks(count))
    workers = 1 if backend == "dask" else default_workers(count * k * n, small=_SMALL_RUN)
    per_chunk = max(1, min(-(-chunk // BLOCK), _CHUNK_SUMS // (n * k)))
    if workers > 1:
        # A block per chunk: no thread waits long for the last one, and the chunks
        # under way hold the same memory however many futures there are.
        per_chunk = 1
    chunks = [range(b, min(n_blocks, b + per_chunk)) for b in range(0, n_blocks, per_chunk)]
    with chunk_results(
        _run_chunk,
        (inputs, chosen_seed, count),
        chunks,
        backend=backend,
        client=client,
        workers=workers,
        owner=_OWNER,
    ) as parts:
        combined = _combine(parts, count, n, k, len(keys), progress)
    cell_values, firsts, totals, minimum, regret = combined
    values = {"expected": totals / count, "maximin": minimum, "minimax_regret": -regret}
    robust = np.column_stack([_chosen(values[rule]) for rule in ROBUST_RULES])
    return Ensemble(
        assessment=assessment,
        cell_names=keys,
        distributions=distributions,
        cell_values=cell_values,
        first_counts=firsts,
        robust_counts=robust,
        weightings=k,
        seed=chosen_seed,
        method=resolved,
        weighting=scheme,
        weights=fixed,
        weight_information=weight_information,
    )


def _chosen(values: FloatArray) -> npt.NDArray[np.int64]:
    """How often each option (row) is best under each weighting (column), ties all best."""
    best = values.max(axis=0)
    tolerance = np.maximum(np.abs(values).max(axis=0), 1.0) * TIE_TOLERANCE
    chosen: npt.NDArray[np.int64] = np.count_nonzero(values >= best - tolerance, axis=1)
    return chosen.astype(np.int64)


def _combine(
    parts: Iterable[EnsembleChunk],
    futures: int,
    n: int,
    k: int,
    n_cells: int,
    progress: Callable[[int, int], None] | None,
) -> tuple[FloatArray, npt.NDArray[np.int64], FloatArray, FloatArray, FloatArray]:
    """The chunks' futures in order, their sums added block by block in block order."""
    cell_values = np.empty((futures, n_cells))
    firsts = np.empty((futures, n), dtype=np.int64)
    totals = np.zeros((n, k))
    minimum = np.full((n, k), np.inf)
    regret = np.zeros((n, k))
    done = 0
    for part in parts:
        size = len(part.firsts)
        cell_values[done : done + size] = part.cells
        firsts[done : done + size] = part.firsts
        for sums in part.block_sums:
            totals += sums
        np.minimum(minimum, part.minimum, out=minimum)
        np.maximum(regret, part.regret, out=regret)
        done += size
        if progress is not None:
            progress(done, futures)
    return cell_values, firsts, totals, minimum, regret


def _run_chunk(shared: tuple[EnsembleInputs, int, int], part: range) -> EnsembleChunk:
    """One chunk, from the run's shared inputs: the same wherever it runs."""
    inputs, seed, futures = shared
    return ensemble_chunk(inputs, seed, futures, part)
