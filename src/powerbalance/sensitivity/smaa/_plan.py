"""Planning a SMAA run: every argument checked up front, the work cut into chunks.

A run draws its weight vectors in blocks of :data:`BLOCK` (the unit of
reproducibility), processes whole blocks a chunk at a time, and spreads the chunks
over threads or a dask cluster. :func:`plan` settles all of that before anything is
drawn, so a bad argument is refused at once rather than after minutes of work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, overload

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._parallel import check_running, default_workers
from powerbalance._validate import (
    Boolean,
    InstanceOf,
    Integer,
    Interval,
    OneOf,
    check,
    refuse,
)
from powerbalance.errors import ScenarioError
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.methods import Method, MethodLike, resolve_method
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.sensitivity.smaa._result import PAIRWISE_LIMIT
from powerbalance.sensitivity.smaa._scores import (
    ScenarioScores,
    Scorer,
    future_streams,
    scorer_for,
)
from powerbalance.sensitivity.smaa._streams import BLOCK, blocks, check_count, check_seed
from powerbalance.sensitivity.smaa._weights import UniformWeights, WeightInformation

if TYPE_CHECKING:
    from powerbalance.scenarios._probabilities import ProbabilityInformation

__all__ = ["ROBUST_RULES", "Plan", "plan"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
Sampler: TypeAlias = Callable[[np.random.Generator, int], FloatArray]

ROBUST_RULES = ("expected", "maximin", "minimax_regret", "hurwicz")
"""The decision rules SMAA ranks options by across scenarios (``smaa(rule=...)``).

Examples
--------
>>> ROBUST_RULES[0]
'expected'
"""

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
    scorer : FixedScores, UncertainScores or ScenarioScores
        How a chunk's weight vectors are scored.
    chance : callable or None
        How probability vectors over the scenarios are drawn, one per weight vector;
        None when no probabilities are drawn.
    scenarios : tuple of str
        The scenarios the options are judged across; empty without.
    rule, alpha, probability_information
        The decision rule across the scenarios, its Hurwicz coefficient, and what is
        known of the probabilities (None without scenarios, or for a rule that takes
        no probabilities).
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
    draw: Sampler
    scorer: Scorer
    sizes: Sequence[int]
    chunks: Sequence[range]
    workers: int
    backend: str
    client: Any
    progress: Callable[[int, int], None] | None
    pairwise: bool
    chance: Sampler | None = None
    scenarios: tuple[str, ...] = ()
    rule: str | None = None
    alpha: float | None = None
    probability_information: ProbabilityInformation | None = None


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
    scenarios: bool | ProbabilityInformation | None = None,
    rule: str = "expected",
    alpha: float = 0.5,
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
    check_running(_OWNER, backend, client, progress, "samples")
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
    futures = _futures(assessment, scenarios, rule, alpha)
    draw = information.draw_function(assessment)
    n = assessment.n_options
    scorer: Scorer
    names: tuple[str, ...]
    probability_information: ProbabilityInformation | None
    chance: Sampler | None
    if futures is None:
        scorer = scorer_for(assessment, resolved)
        chance, names, probability_information = None, (), None
    else:
        names, probability_information = futures
        chance = (
            None
            if probability_information is None
            else probability_information.draw_function(assessment)
        )
        scorer = ScenarioScores(
            tuple(
                scorer_for(assessment.in_scenario(name), resolved, future_streams(k))
                for k, name in enumerate(names)
            ),
            rule,
            float(alpha),
            assessment.n_criteria,
            resolved,
        )
    sizes = blocks(count)
    workers = default_workers(count * n, small=_SMALL_RUN) if threads is None else int(threads)
    return Plan(
        assessment=assessment,
        samples=count,
        seed=chosen_seed,
        method=resolved,
        information=information,
        draw=draw,
        scorer=scorer,
        sizes=sizes,
        chunks=_chunks(
            len(sizes), chunk, n * max(1, len(names)), workers if backend == "numpy" else 1
        ),
        workers=workers,
        backend=backend,
        client=client,
        progress=progress,
        pairwise=n <= PAIRWISE_LIMIT if pairwise is None else bool(pairwise),
        chance=chance,
        scenarios=names,
        rule=None if futures is None else rule,
        alpha=None if futures is None else float(alpha),
        probability_information=probability_information,
    )


def _futures(
    assessment: Assessment,
    scenarios: object,
    rule: object,
    alpha: object,
) -> tuple[tuple[str, ...], ProbabilityInformation | None] | None:
    """The scenarios to judge across and what is known of their probabilities; None for none.

    The probability information is None for a rule that takes no probabilities.
    """
    from powerbalance.scenarios._probabilities import (
        GivenProbabilities,
        ProbabilityInformation,
        UniformProbabilities,
    )

    check(
        _OWNER,
        "scenarios",
        scenarios,
        Boolean(),
        InstanceOf(
            ProbabilityInformation,
            description="probability information such as UniformProbabilities(), "
            "OrdinalProbabilities(ranking) or IntervalProbabilities(bounds)",
        ),
        None,
        fix="True judges the options across the assessment's scenarios.",
    )
    if rule == "satisficing":
        raise refuse(
            _OWNER,
            "rule",
            rule,
            _rule_words(),
            fix="A satisficing share counts the scenarios an option is near the best in, so "
            "it moves in steps and ties options under most weightings; use "
            "pb.scenarios.evaluate(..., margin=...) for it.",
        )
    check(_OWNER, "rule", rule, OneOf(*ROBUST_RULES))
    check(
        _OWNER,
        "alpha",
        alpha,
        Interval(0, 1),
        fix="alpha is the Hurwicz weight on the best outcome: 0 is maximin, 1 maximax.",
    )
    if scenarios is None or scenarios is False:
        if rule != "expected":
            raise refuse(
                _OWNER,
                "rule",
                rule,
                "'expected' without scenarios",
                fix="A rule judges options across scenarios: pass scenarios=True as well.",
            )
        return None
    if not assessment.scenarios:
        raise ScenarioError(
            f"{_OWNER}: scenarios={scenarios!r} needs scenarios, but the assessment has "
            f"none; add them with Assessment(..., scenarios=[pb.Scenario(...), ...]), or "
            f"leave scenarios out."
        )
    names = assessment.scenario_names
    if rule != "expected":
        if isinstance(scenarios, ProbabilityInformation):
            raise refuse(
                _OWNER,
                "scenarios",
                scenarios,
                f"True with rule={rule!r}",
                fix=f"The {rule} rule takes no probabilities; pass scenarios=True, or "
                f"rule='expected' to use these.",
            )
        return names, None
    if isinstance(scenarios, ProbabilityInformation):
        return names, scenarios
    given = assessment.probabilities is not None
    return names, GivenProbabilities() if given else UniformProbabilities()


def _rule_words() -> str:
    return " or ".join(repr(rule) for rule in ROBUST_RULES)


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
