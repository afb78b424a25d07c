"""acceptability(): how often each option falls in each category when weights and scores vary.

SMAA for sorting (Tervonen, Figueira, Lahdelma, Almeida Dias and Salminen 2009): the
weights are drawn from what is known about them, the uncertain scores from their
distributions, and each draw is sorted; the shares of the draws in each category are
the category acceptability indices.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._parallel import check_running, chunk_results
from powerbalance._validate import Boolean, InstanceOf, Integer, check
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.model import Assessment
from powerbalance.screening._acceptability_result import (
    ACCEPTABILITY_SCHEMA,
    CategoryAcceptability,
)
from powerbalance.screening._electre_tri import ElectreTriB, PreparedElectreTriB, Rule
from powerbalance.screening._mrsort import MRSort

if TYPE_CHECKING:
    from powerbalance.sensitivity.smaa._weights import WeightInformation

__all__ = [
    "ACCEPTABILITY_SCHEMA",
    "CategoryAcceptability",
    "acceptability",
    "category_counts",
    "rebuilt",
    "recipe",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
Sampler: TypeAlias = Callable[[np.random.Generator, int], FloatArray]
Counts: TypeAlias = tuple[IntArray, IntArray | None, IntArray | None]

_OWNER = "screening.acceptability"
# Cells of the sorting of a group of score draws (draws x draws x options x profiles)
# at most: each weighting sorts every draw of its group, its own among them.
_STACKED_CELLS = 1 << 18
# Score draws sorted together at most: a weighting sorts the group's other draws for
# nothing, so a group is only as large as saves more calls than that costs.
_MOST_STACKED = 8
# Cells of the comparisons with the profiles (draws x options x profiles x criteria)
# made at once: 16 MiB of floats per array.
_COMPARED_CELLS = 1 << 21


def acceptability(
    assessment: Assessment,
    model: MRSort | ElectreTriB,
    *,
    weight_information: WeightInformation | None = None,
    samples: int = 10_000,
    seed: int | None = None,
    chunk_size: int = 100_000,
    backend: str = "numpy",
    client: Any = None,
    progress: Callable[[int, int], None] | None = None,
    threads: int | None = None,
    uncertain_scores: bool = True,
) -> CategoryAcceptability:
    """How often each option falls in each category under the weightings that may hold.

    Weightings are drawn from ``weight_information`` exactly as
    :func:`powerbalance.sensitivity.smaa` draws them (the same seed gives the same
    weightings: block *b* from ``SeedSequence(seed, spawn_key=(b, 0))``), over every
    criterion of the assessment. With ``uncertain_scores`` the scores with a
    distribution are drawn too, one draw per weighting, from the stream SMAA draws
    them from (``spawn_key=(b, 2)``), so each weighting is paired with the same scores
    as in :func:`~powerbalance.sensitivity.smaa`. Each draw is sorted by the model with
    its own weights and scores; an :class:`ElectreTriB` by its own rule, the other
    rule counted beside it.

    Fixed scores are compared with the profiles once, and every weighting of a block
    is sorted in one batch. Drawn scores are compared with the profiles a block at a
    time (the options of the block's draws stacked into one assessment), then sorted
    a few draws at a time: each weighting of the few sorts their options, and keeps
    its own draw's. The counts are whole numbers, so the result is bit for bit the
    same whatever ``chunk_size``, ``threads`` or ``backend``.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores, with any distributions of the scores.
    model : MRSort or ElectreTriB
        The categories (worst first), their profiles and the rule.
    weight_information : WeightInformation, optional
        What is known about the weights, as for :func:`powerbalance.sensitivity.smaa`;
        None is ``UniformWeights()``, nothing known.
    samples : int, default 10_000
        How many weightings (and score draws) to sort.
    seed : int, optional
        Seed of the random numbers; None draws a fresh one, recorded in the result.
    chunk_size, backend, client, progress, threads
        As for :func:`powerbalance.sensitivity.smaa`: weightings processed at once,
        ``"numpy"`` or ``"dask"``, the dask client, a ``progress(done, samples)``
        callback, and threads for the numpy backend. None changes the result.
    uncertain_scores : bool, default True
        Whether to draw the scores that have a distribution; False keeps every score
        as given.

    Returns
    -------
    CategoryAcceptability
        The share of the draws putting each option in each category, the most
        likely category, and for ELECTRE TRI how often the two rules disagree.

    Raises
    ------
    InvalidParameterError
        An argument is refused; the message names it.
    UnknownNameError
        The model's profiles name a criterion the assessment lacks, or leave one out.
    BackendError
        With ``backend="dask"``, the cluster cannot finish the run.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["Engage", "Hedge", "Confront"],
    ...     [pb.Criterion("Trade gains", area="Economic", kind="benefit", scale=(0, 10)),
    ...      pb.Criterion("Conflict risk", area="Security", kind="risk", scale=(0, 10))],
    ...     [[8, 4], [5, 3], [2, 9]],
    ... )
    >>> model = pb.screening.MRSort(
    ...     ["reject", "consider", "recommend"],
    ...     {"Trade gains": [4, 7], "Conflict risk": [6, 4]},
    ...     threshold=0.6,
    ... )
    >>> result = pb.screening.acceptability(a, model, samples=2_000, seed=1)
    >>> result.shares.round(1).loc["Hedge"].tolist()  # recommend when risk weighs 0.6 or more
    [0.0, 0.6, 0.4]
    >>> dict(result.central)
    {'Engage': 'recommend', 'Hedge': 'consider', 'Confront': 'reject'}
    """
    # The SMAA machinery (and scipy behind it) is loaded when a run needs it.
    from powerbalance.sensitivity.smaa._plan import plan
    from powerbalance.sensitivity.smaa._scores import UncertainScores
    from powerbalance.sensitivity.smaa._streams import check_count, check_seed
    from powerbalance.sensitivity.smaa._weights import WeightInformation

    check_assessment(_OWNER, assessment)
    check(
        _OWNER,
        "model",
        model,
        InstanceOf((MRSort, ElectreTriB), description="a sorting model, MRSort or ElectreTriB"),
    )
    count = check_count(samples, "samples", _OWNER, "10_000")
    check_count(chunk_size, "chunk_size", _OWNER, "100_000")
    chosen_seed = check_seed(seed, _OWNER)
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
    )
    check_running(_OWNER, backend, client, progress, "samples")
    check(
        _OWNER,
        "threads",
        threads,
        Integer(low=1, high=1024),
        None,
        fix="Give how many chunks to sort at once, such as 4, or None for one per core.",
    )
    check(
        _OWNER,
        "uncertain_scores",
        uncertain_scores,
        Boolean(),
        fix="True draws the scores that have a distribution; False keeps them as given.",
    )
    model.prepare(assessment)  # refuses profiles that do not fit, before any drawing
    run = plan(
        assessment,
        method="weighted-sum",
        weight_information=weight_information,
        samples=count,
        seed=chosen_seed,
        chunk_size=chunk_size,
        backend=backend,
        client=client,
        progress=progress,
        pairwise=False,
        threads=threads,
    )
    scores = run.scorer if uncertain_scores else None
    drawn = scores if isinstance(scores, UncertainScores) else None
    other: Rule | None = None
    if isinstance(model, ElectreTriB):
        other = "optimistic" if model.rule == "pessimistic" else "pessimistic"
    shared = (recipe(model), assessment, run.draw, run.seed, run.sizes, drawn, other)
    n, c = assessment.n_options, len(model.categories)
    counts = np.zeros((n, c), dtype=np.int64)
    other_counts = None if other is None else np.zeros((n, c), dtype=np.int64)
    disagreements = None if other is None else np.zeros(n, dtype=np.int64)
    done = 0
    with chunk_results(
        category_counts,
        shared,
        run.chunks,
        backend=run.backend,
        client=run.client,
        workers=run.workers,
        owner=_OWNER,
    ) as parts:
        for own, theirs, differ in parts:
            counts += own
            if other_counts is not None and theirs is not None and differ is not None:
                other_counts += theirs
                disagreements += differ  # type: ignore[operator]
            done = int(counts[0].sum()) if n else done
            if run.progress is not None:
                run.progress(done, run.samples)
    return CategoryAcceptability(
        model=model,
        assessment=assessment,
        weight_information=run.information,
        samples=run.samples,
        seed=run.seed,
        counts=counts,
        uncertain_cells=0 if drawn is None else drawn.uncertain_cells,
        other_counts=other_counts,
        disagreements=disagreements,
    )


def category_counts(shared: tuple[Any, ...], blocks: range) -> Counts:
    """How often each option falls in each category over the draws of ``blocks``.

    Pure, so that a chunk counts the same here, on a thread or on a dask worker; each
    block is drawn and sorted on its own, so grouping blocks changes nothing. Returns
    the counts (option x category) by the model's rule and, for ELECTRE TRI, by the
    other rule and the number of draws in which the two differ, per option.

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance.sensitivity.smaa._streams import blocks
    >>> a = pb.Assessment(["A", "B"], [pb.Criterion("X", area="P", kind="benefit")],
    ...                   [[8], [2]])
    >>> model = pb.screening.MRSort(["no", "yes"], {"X": 5})
    >>> draw = pb.sensitivity.UniformWeights().draw_function(a)
    >>> shared = (recipe(model), a, draw, 1, blocks(10), None, None)
    >>> category_counts(shared, range(1))[0].tolist()
    [[0, 10], [10, 0]]
    """
    from powerbalance.sensitivity.smaa._streams import block_generator

    how, assessment, draw, seed, sizes, drawn, other = shared
    model = rebuilt(how)
    n, c = assessment.n_options, len(model.categories)
    cells = (c * np.arange(n))[None, :]
    counts = np.zeros(n * c, dtype=np.int64)
    other_counts = np.zeros(n * c, dtype=np.int64) if other is not None else None
    differ = np.zeros(n, dtype=np.int64) if other is not None else None
    fixed = model.prepare(assessment) if drawn is None else None
    for block in blocks:
        weights = draw(block_generator(seed, block, 0), sizes[block])
        if fixed is not None:
            own, theirs = _assigned(fixed, weights, other)
        else:
            matrices = np.stack(list(drawn.matrices(seed, block, sizes[block], drawn.streams[0])))
            own, theirs = _assigned_drawn(model, assessment, weights, matrices, other)
        counts += np.bincount((own + cells).ravel(), minlength=n * c)
        if theirs is not None and other_counts is not None and differ is not None:
            other_counts += np.bincount((theirs + cells).ravel(), minlength=n * c)
            differ += (own != theirs).sum(axis=0)
    return (
        counts.reshape(n, c),
        None if other_counts is None else other_counts.reshape(n, c),
        differ,
    )


def recipe(model: MRSort | ElectreTriB) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
    """The model as plain data, to travel to a cluster's worker processes.

    The models hold read-only mappings, which pickle cannot carry; :func:`rebuilt`
    makes the same model from this.

    Examples
    --------
    >>> import powerbalance as pb
    >>> model = pb.screening.MRSort(["no", "yes"], {"X": 5}, vetoes={"X": 2})
    >>> rebuilt(recipe(model)) == model
    True
    """
    profiles = {c: list(limits) for c, limits in model.profiles.items()}
    if isinstance(model, MRSort):
        vetoes = {c: list(differences) for c, differences in model.vetoes.items()}
        options: dict[str, Any] = {"threshold": model.threshold, "vetoes": vetoes or None}
        return "MRSort", (list(model.categories), profiles), options
    options = {
        "indifference": dict(model.indifference),
        "preference": dict(model.preference),
        "veto": dict(model.veto),
        "cut": model.cut,
        "rule": model.rule,
    }
    return "ElectreTriB", (list(model.categories), profiles), options


def rebuilt(how: tuple[str, tuple[Any, ...], dict[str, Any]]) -> MRSort | ElectreTriB:
    """The model :func:`recipe` describes.

    Examples
    --------
    >>> rebuilt(("MRSort", (["no", "yes"], {"X": [5]}), {"threshold": 0.6}))
    MRSort(['no', 'yes'], {'X': (5.0,)}, threshold=0.6)
    """
    kind, arguments, options = how
    return (MRSort if kind == "MRSort" else ElectreTriB)(*arguments, **options)


def _assigned(
    prepared: Any, weights: FloatArray, other: Rule | None
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp] | None]:
    """The positions of a batch by the model's rule, and by the other rule (ELECTRE TRI)."""
    own = prepared.assign(weights)
    if other is None or not isinstance(prepared, PreparedElectreTriB):
        return own, None
    return own, prepared.assign(weights, rule=other)


def _assigned_drawn(
    model: MRSort | ElectreTriB,
    assessment: Assessment,
    weights: FloatArray,
    matrices: FloatArray,
    other: Rule | None,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp] | None]:
    """The positions of each weighting with its own score matrix.

    The block's draws (as many as keep the arrays within a bound) become one
    assessment whose options are the draws' options one after another, compared with
    the profiles at once; both models compare each option with the profiles on its
    own, so an option compares the same there as in its draw's assessment. Then a few
    draws at a time, each weighting sorts the options of those draws and keeps its
    own draw's.
    """
    size, n, m = matrices.shape
    profiles = len(model.categories) - 1
    group = max(1, min(_MOST_STACKED, math.isqrt(_STACKED_CELLS // max(1, n * profiles))))
    # Draws compared with the profiles at once: whole groups, the comparisons within
    # a bound however many options and criteria there are.
    per = max(1, _COMPARED_CELLS // max(1, n * profiles * m) // group) * group
    own = np.empty((size, n), dtype=np.intp)
    theirs = np.empty((size, n), dtype=np.intp) if other is not None else None
    for first in range(0, size, per):
        last = min(size, first + per)
        draws = matrices[first:last].reshape((last - first) * n, m)
        prepared = model.prepare(_stacked(assessment, draws, last - first))
        for start in range(first, last, group):
            stop = min(last, start + group)
            k = stop - start
            part = _options(prepared, (start - first) * n, (stop - first) * n)
            every, every_other = _assigned(part, weights[start:stop], other)
            mine = np.arange(k)
            own[start:stop] = every.reshape(k, k, n)[mine, mine]
            if theirs is not None and every_other is not None:
                theirs[start:stop] = every_other.reshape(k, k, n)[mine, mine]
    return own, theirs


def _options(prepared: Any, start: int, stop: int) -> Any:
    """The prepared model for the options ``start:stop`` only: every option array sliced."""
    total = prepared.assessment.n_options
    sliced = {
        field.name: value[start:stop]
        for field in attrs.fields(type(prepared))
        if isinstance(value := getattr(prepared, field.name), np.ndarray) and len(value) == total
    }
    return attrs.evolve(prepared, **sliced)


def _stacked(assessment: Assessment, scores: FloatArray, draws: int) -> Assessment:
    """The options of ``draws`` score draws as one assessment, draw by draw."""
    names = [f"{draw}: {option}" for draw in range(draws) for option in assessment.option_names]
    return Assessment(names, assessment.criteria, scores)
