"""smaa() over packages: how often each package is best when the weights are drawn."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import numpy.typing as npt

from powerbalance._parallel import chunk_results
from powerbalance.methods import MethodLike
from powerbalance.portfolio._acceptability import PACKAGE_SMAA_SCHEMA, PackageAcceptability
from powerbalance.portfolio._dominance import package_values
from powerbalance.portfolio._problem import Problem
from powerbalance.portfolio._values import Valuation
from powerbalance.portfolio.robust import ENUMERATION_LIMIT, robust_packages

if TYPE_CHECKING:
    from powerbalance.sensitivity.smaa import WeightInformation

__all__ = ["PACKAGE_SMAA_SCHEMA", "PackageAcceptability", "smaa"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
Sampler: TypeAlias = Callable[[np.random.Generator, int], FloatArray]

_OWNER = "portfolio.smaa"


def smaa(
    problem: Problem,
    *,
    weight_information: WeightInformation,
    method: MethodLike = "weighted-sum",
    samples: int = 10_000,
    seed: int | None = None,
    chunk_size: int = 100_000,
    backend: str = "numpy",
    client: Any = None,
    progress: Callable[[int, int], None] | None = None,
    threads: int | None = None,
    limit: int = ENUMERATION_LIMIT,
) -> PackageAcceptability:
    """SMAA over packages: how often each package is the best, each option in the best one.

    Weightings are drawn from ``weight_information`` exactly as
    :func:`powerbalance.sensitivity.smaa` draws them for the criteria that are not
    costs (the same seed gives the same weightings: block *b* from
    ``SeedSequence(seed, spawn_key=(b, 0))``); under each, the best package is found
    among the non-dominated packages of :func:`~powerbalance.portfolio.robust`, which
    always hold it. A tie goes to the package listed first there. The counts are whole
    numbers, so the result is bit for bit the same whatever ``chunk_size``, ``threads``
    or ``backend``. Scores are taken as given (not drawn from their uncertainty).

    Parameters
    ----------
    problem : Problem
        The options, costs, budgets and interactions.
    weight_information : WeightInformation
        What is known about the weights of the criteria that are not costs.
    method : Method or str, default "weighted-sum"
        A method whose scores are linear in the weights, as for :func:`robust`.
    samples : int, default 10_000
        How many weightings to draw.
    seed : int, optional
        Seed of the random numbers; None draws a fresh one, recorded in the result.
    chunk_size, backend, client, progress, threads
        As for :func:`powerbalance.sensitivity.smaa`: weightings processed at once,
        ``"numpy"`` or ``"dask"``, the dask client, a ``progress(done, samples)``
        callback, and threads for the numpy backend. None changes the result.
    limit : int, default 2**22
        As for :func:`robust`.

    Returns
    -------
    PackageAcceptability

    Raises
    ------
    InvalidParameterError
        An argument is refused, as by :func:`robust` or
        :func:`powerbalance.sensitivity.smaa`.
    PortfolioError
        The non-dominated packages need more than ``limit`` packages held or tried.
    BackendError
        With ``backend="dask"``, the cluster cannot finish the run.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B", "C"],
    ...     [pb.Criterion("X", area="P", kind="benefit", scale=(0, 10)),
    ...      pb.Criterion("Y", area="Q", kind="benefit", scale=(0, 10))],
    ...     [[10, 0], [0, 10], [4, 4]],
    ... )
    >>> problem = pb.portfolio.Problem(a, costs={o: {"Money": 1} for o in "ABC"},
    ...                                budget={"Money": 2})
    >>> info = pb.sensitivity.OrdinalWeights(["X", "Y"])
    >>> result = pb.portfolio.smaa(problem, weight_information=info, samples=4_000, seed=2)
    >>> result.package_shares.round(1).to_dict()  # A + C when X weighs over 0.6
    {'A + C': 0.8, 'A + B': 0.2}
    """
    # The SMAA machinery (and scipy behind it) is loaded when a run needs it.
    from powerbalance.sensitivity.smaa._plan import plan
    from powerbalance.sensitivity.smaa._streams import check_count, check_seed

    count = check_count(samples, "samples", _OWNER, "10_000")
    check_count(chunk_size, "chunk_size", _OWNER, "100_000")
    chosen_seed = check_seed(seed, _OWNER)
    found = robust_packages(problem, weight_information, method, limit, "auto", _OWNER)
    valued = found.valuation
    run = plan(
        valued.assessment,
        method=valued.method,
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
    synergy = package_values(problem.arrays, np.zeros((problem.arrays.n_options, 1)), found.masks)
    shared = (
        valued,
        found.masks.T.astype(np.float64),
        synergy[:, 0],
        run.draw,
        run.seed,
        run.sizes,
    )
    counts = np.zeros(len(found.masks), dtype=np.int64)
    with chunk_results(
        best_counts,
        shared,
        run.chunks,
        backend=run.backend,
        client=run.client,
        workers=run.workers,
        owner=_OWNER,
    ) as parts:
        for part in parts:
            counts += part
            if run.progress is not None:
                run.progress(int(counts.sum()), run.samples)
    counts.flags.writeable = False
    return PackageAcceptability(robust=found, samples=run.samples, seed=run.seed, counts=counts)


def best_counts(
    shared: tuple[Valuation, FloatArray, FloatArray, Sampler, int, Sequence[int]], blocks: range
) -> IntArray:
    """How often each package is best over the weightings of the blocks ``blocks``.

    Pure, so that a chunk counts the same here, on a thread or on a dask worker; each
    block is drawn and valued on its own, so grouping blocks changes nothing.
    """
    from powerbalance.sensitivity.smaa._streams import block_generator

    valued, holds, synergy, draw, seed, sizes = shared
    counts = np.zeros(holds.shape[1], dtype=np.int64)
    for block in blocks:
        weights = draw(block_generator(seed, block, 0), sizes[block])
        worth = valued.at(weights) @ holds + synergy
        counts += np.bincount(np.argmax(worth, axis=1), minlength=holds.shape[1])
    return counts
