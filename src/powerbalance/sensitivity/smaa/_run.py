"""Running SMAA: the planned chunks run here or on a dask cluster, their counts added up.

:func:`smaa` has its arguments checked and the work cut into chunks (``_plan``),
runs each chunk (``_chunk``) in this process, on a thread pool or on a dask cluster,
and adds the chunks' counts up, in chunk order, into an
:class:`~powerbalance.sensitivity.smaa.SMAAResult`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import numpy.typing as npt

from powerbalance._parallel import chunk_results
from powerbalance.methods import MethodLike
from powerbalance.model import Assessment
from powerbalance.sensitivity.smaa._chunk import ChunkResult, chunk_counts
from powerbalance.sensitivity.smaa._plan import plan
from powerbalance.sensitivity.smaa._result import SMAAResult
from powerbalance.sensitivity.smaa._weights import WeightInformation

if TYPE_CHECKING:
    from powerbalance.scenarios._probabilities import ProbabilityInformation

FloatArray: TypeAlias = npt.NDArray[np.float64]

__all__ = ["smaa"]


def smaa(
    assessment: Assessment,
    *,
    method: MethodLike = "weighted-sum",
    weight_information: WeightInformation | None = None,
    samples: int = 10_000,
    seed: int | None = None,
    chunk_size: int = 100_000,
    backend: str = "numpy",
    client: Any = None,
    progress: Callable[[int, int], None] | None = None,
    pairwise: bool | None = None,
    threads: int | None = None,
    scenarios: bool | ProbabilityInformation | None = None,
    rule: str = "expected",
    alpha: float = 0.5,
) -> SMAAResult:
    r"""SMAA-2 with uncertain weights and scores: rank acceptabilities, central weights and more.

    Weight vectors are drawn from ``weight_information``; every option is scored under each with
    ``method`` (prepared once), and ranked, 1 best.

    **Uncertain scores.** When the assessment gives cells a distribution
    (:attr:`~powerbalance.Assessment.uncertainty`), each weight vector comes with its
    own draw of those cells, the other scores as given; the method is prepared on
    each draw (for a local scale the range moves with the draws), so a run costs
    about one preparation per weight vector. The confidence factor of an option is
    then the share of as many further score draws under which it ranks first with
    its central weights. Draws for block *b* come from ``spawn_key=(b, 2)`` (and
    ``(b, 3)`` for the confidence factors), so they too are reproducible whatever the
    chunk size or backend.

    **Across scenarios.** With ``scenarios`` the options are judged across the
    assessment's scenarios (:class:`~powerbalance.Scenario`) rather than on its
    central scores. Each scenario's method is prepared once, on
    ``assessment.in_scenario(name)``; every weight vector scores every option in every
    scenario, and an option's value is the ``rule``'s across them
    (:mod:`powerbalance.scenarios`): ``"expected"``, the probability-weighted mean
    score, with a probability vector drawn afresh for each weight vector (from the
    assessment's own probabilities, :class:`~powerbalance.scenarios.UniformProbabilities`
    or the information given); ``"maximin"``, the worst score; ``"minimax_regret"``,
    the largest shortfall from the scenario's best option, ranked lowest first; or
    ``"hurwicz"``, ``alpha`` times the best score plus ``1 - alpha`` times the worst.
    Options are ranked by that value, so the first-rank acceptability is how often
    each option is the robust choice. Probability vectors of block *b* come from
    ``spawn_key=(b, 4)``; the uncertain cells of the first scenario from ``(b, 2)``
    and ``(b, 3)`` (so that one scenario gives the run on its plain assessment, bit
    for bit), of scenario *k* > 0 from ``(b, 3 + 2k)`` and ``(b, 4 + 2k)``: never
    shared between scenarios. The central probabilities of an option are the mean of
    the probability vectors under which it is the robust choice, and its confidence
    factor is whether it is the robust choice under its central weights and
    probabilities.

    **Ties.** Options whose scores differ by no more than the tie tolerance of
    :mod:`powerbalance.methods.ranking` tie. Tied options share the ranks they occupy at
    random, every order among them equally likely (the random numbers come from the
    seed, so this too is reproducible): each weight vector then gives each rank to
    exactly one option, the counts stay whole numbers, and every row and column of
    :attr:`SMAAResult.acceptability` sums to 1. The central weights follow the option
    placed first. A pairwise win needs a score higher by more than the tolerance, so a
    tie is a win for neither. With weights drawn from a continuous distribution, ties
    arise only between options that score alike, or differ only on criteria whose
    weight is always 0.

    **Reproducibility.** Weight vectors are drawn in blocks of :data:`BLOCK` (1,024),
    block *b* from ``numpy.random.default_rng(SeedSequence(seed, spawn_key=(b, 0)))``
    (tie-breaking numbers from ``spawn_key=(b, 1)``). Work proceeds in chunks of
    whole blocks, and the sums behind the central weights are accumulated block by
    block in block order, so the same seed gives bit for bit the same result whatever
    ``chunk_size`` is (for methods that score each weight vector on its own, as every
    built-in one does). ``seed=None`` draws a fresh seed and records it in the result.

    **Memory.** Each thread draws, scores and ranks a few blocks of weight vectors
    at a time (about 262,144 scores, 2 MiB; from a thousand options on, four
    weight vectors per option) and holds the sums behind the central weights of
    one chunk (``chunk_size`` / :data:`BLOCK` x options x criteria, the chunk cut to
    at most 4,194,304 / options weight vectors); with pairwise winning indices, a
    few MiB more for comparing the rankings; with uncertain scores, also one
    block's draws of the uncertain cells (:data:`BLOCK` x cells) and one score
    matrix per thread. Work arrays of at most 16 MiB are kept for the next chunk
    or run, 32 MiB in all.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores.
    method : Method or str, default "weighted-sum"
        The aggregation method, an object or a registered name.
    weight_information : WeightInformation, optional
        What is known about the weights; default :class:`UniformWeights` (nothing).
    samples : int, default 10_000
        How many weight vectors to draw. The standard error of an acceptability *b* is
        :math:`\sqrt{b(1-b)/N}`, at most 0.5% at 10,000.
    seed : int, optional
        Seed of the random numbers (a whole number of at least 0); None for a fresh one.
    backend : {"numpy", "dask"}, default "numpy"
        Where the chunks run: in this process, or spread over a dask cluster (extra
        ``dask``), with bit for bit the same result.
    client : distributed.Client, optional
        The dask client for ``backend="dask"``; by default the current one.
    progress : callable, optional
        Called as ``progress(done, samples)`` after each chunk is counted, e.g. to
        draw a progress bar.
    threads : int, optional
        How many chunks the numpy backend scores at once, on a thread pool (numpy's
        sorts and matrix products release the interpreter lock); by default one per
        processor core. Chunks are made small enough to keep every thread busy. While
        the run is under way, the BLAS library's own threads are limited to one
        (through ``threadpoolctl``, for the whole process), since the pool already
        occupies the cores. The result does not depend on it.
    pairwise : bool, optional
        Whether to count pairwise wins (:attr:`SMAAResult.winning`), which costs the
        number of options squared per weighting. By default only up to
        :data:`PAIRWISE_LIMIT` options.
    chunk_size : int, default 100_000
        How many weight vectors to process at once, rounded up to whole blocks. It
        changes the memory used, never the result.
    scenarios : bool or ProbabilityInformation, optional
        None or False (the default) uses the central scores only. True judges the
        options across the assessment's scenarios, with the probabilities it gives or,
        when it gives none, probabilities drawn uniformly; probability information
        (:class:`~powerbalance.scenarios.GivenProbabilities`,
        :class:`~powerbalance.scenarios.UniformProbabilities`,
        :class:`~powerbalance.scenarios.OrdinalProbabilities`,
        :class:`~powerbalance.scenarios.IntervalProbabilities`) says how to draw them.
    rule : {"expected", "maximin", "minimax_regret", "hurwicz"}, default "expected"
        The decision rule across the scenarios. Only ``"expected"`` takes
        probabilities. Satisficing is refused: its share moves in steps and ties
        options under most weightings.
    alpha : float, default 0.5
        The Hurwicz weight on the best outcome, from 0 (maximin) to 1 (maximax).

    Returns
    -------
    SMAAResult

    Raises
    ------
    InvalidParameterError
        An argument is refused, before any work is done: ``samples``, ``chunk_size``,
        ``seed`` or ``threads`` is not a valid whole number, ``weight_information`` is
        not weight information, ``method`` is not a method (a method class, say,
        instead of an instance), ``backend`` is neither ``"numpy"`` nor ``"dask"``,
        ``client`` is given without ``backend="dask"``, ``progress`` is not a function,
        or ``pairwise`` is not True, False or None. Also when the method gives a
        score that is not finite.
        Also when ``rule`` is not one of the four (satisficing included), is given
        without scenarios, or ``alpha`` is outside 0 to 1.
    UnknownNameError, WeightError
        The weight information names criteria the assessment does not have, leaves out
        ones it must give, or allows no weights at all; or the probability information
        names scenarios the assessment does not have.
    ScenarioError
        ``scenarios`` is given for an assessment without scenarios, or the probability
        information leaves scenarios out or allows no probabilities.
    BackendError
        With ``backend="dask"``, the cluster cannot finish the run: a chunk lost the
        worker running it too many times, or the cluster had no worker for a minute.
        Restart the cluster, or use ``backend="numpy"`` (same result).

    References
    ----------
    Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria
    acceptability analysis for group decision making. Operations Research 49(3),
    444-454.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"],
    ...     [pb.Criterion("X", area="P", kind="benefit", scale=(0, 10)),
    ...      pb.Criterion("Y", area="Q", kind="benefit", scale=(0, 10))],
    ...     [[10, 0], [3, 8]],
    ... )
    >>> r = smaa(a, samples=100_000, seed=3)
    >>> round(float(r.acceptability.loc["A", 1]), 2)  # exactly 7/15 = 0.467
    0.47
    >>> r.central_weights.round(2)
    criterion     X     Y
    option
    A          0.77  0.23
    B          0.27  0.73
    """
    run = plan(
        assessment,
        method=method,
        weight_information=weight_information,
        samples=samples,
        seed=seed,
        chunk_size=chunk_size,
        backend=backend,
        client=client,
        progress=progress,
        pairwise=pairwise,
        threads=threads,
        scenarios=scenarios,
        rule=rule,
        alpha=alpha,
    )
    n, m = assessment.n_options, assessment.n_criteria
    # With probabilities drawn, each row is a weight vector and a probability vector.
    width = m + (len(run.scenarios) if run.chance is not None else 0)

    shared = (run.scorer, run.draw, run.method, run.chance, run.seed, run.sizes, n, run.pairwise)
    with chunk_results(
        _count,
        shared,
        run.chunks,
        backend=run.backend,
        client=run.client,
        workers=run.workers,
        owner="smaa",
    ) as parts:
        rank_counts, win_counts, first_sums = _combine(parts, n, width, run.progress, run.samples)
    firsts = rank_counts[:, 0]
    has_central = np.flatnonzero(firsts > 0)
    confidence = np.zeros(n, dtype=np.float64)
    confidence[has_central] = run.scorer.confidence(
        first_sums[has_central] / firsts[has_central, None], has_central, run.seed, run.sizes
    )
    return SMAAResult(
        options=assessment.option_names,
        criteria=assessment.criterion_names,
        samples=run.samples,
        seed=run.seed,
        method=run.method,
        weight_information=run.information,
        rank_counts=rank_counts,
        win_counts=win_counts,
        first_weight_sums=first_sums[:, :m],
        central_confidence=confidence,
        uncertain_cells=run.scorer.uncertain_cells,
        pairwise=run.pairwise,
        scenarios=run.scenarios,
        rule=run.rule,
        alpha=run.alpha,
        probability_information=run.probability_information,
        first_probability_sums=None if run.chance is None else first_sums[:, m:],
    )


def _combine(
    parts: Iterable[ChunkResult],
    n: int,
    m: int,
    progress: Callable[[int, int], None] | None,
    total: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], FloatArray]:
    """Add up the chunks' counts, and their block sums block by block in block order."""
    rank_counts = np.zeros((n, n), dtype=np.int64)
    win_counts = np.zeros((n, n), dtype=np.int64)
    first_sums = np.zeros((n, m), dtype=np.float64)
    done = 0
    for chunk_ranks, chunk_wins, block_sums in parts:
        rank_counts += chunk_ranks
        win_counts += chunk_wins
        # The same float additions in the same order, whatever the chunks and wherever
        # they ran: bit-reproducible.
        for sums in block_sums:
            first_sums += sums
        if progress is not None:
            done += int(chunk_ranks[:, 0].sum())
            progress(done, total)
    return rank_counts, win_counts, first_sums


def _count(shared: tuple[Any, ...], blocks: range) -> ChunkResult:
    """One chunk's counts, from the run's shared inputs: the same wherever it runs."""
    scorer, draw, method, chance, seed, sizes, n, pairwise = shared
    return chunk_counts(scorer, draw, seed, sizes, blocks, n, method, pairwise, chance)
