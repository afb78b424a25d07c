"""Adapters that call the peer libraries (pymcdm, scikit-criteria, pyrepo-mcda, pyDecision).

Each adapter is a :class:`Peer`: ``setup(problem)`` does the untimed preparation (the
analogue of our prebuilt ``Assessment``: scikit-criteria's ``DecisionMatrix``) and
returns the thunk that is timed; ``read(result, problem)`` turns what the thunk
returned into an order of options (best first) or a weight vector, for the agreement
check; ``cost(n, m)`` estimates seconds and bytes before a call, so that calls that
cannot finish in reasonable time or memory are skipped instead of run.

Every peer is configured with powerbalance's default variant where its API allows
(``variant`` says how); where it does not, ``variant`` says so and the benchmark's
agreement check names the powerbalance variant that reproduces the peer.

pymcdm and pyrepo-mcda return preference values, not rankings; the thunk ranks them
with one ``argsort``, like the floor. Their own rank helpers are not used:
``pymcdm.helpers.rankdata`` builds a Python dict over the values, and
``pyrepo_mcda.additions.rank_preferences`` is quadratic (one ``np.where`` per option),
which would measure the helper rather than the method. scikit-criteria returns a
ranking (``RankResult.rank_``), which is timed as part of its call.

pymcdm is run twice: as called by default (``validation=True`` checks the matrix, the
weights and the types on every call) and with ``validation=False``, its documented
switch for skipping those checks. pyDecision's functions take ``graph=False`` and
``verbose=False`` (otherwise they plot and print); its PROMETHEE II has no criterion
types, so it is given the matrix with the risks negated (prepared outside the timing).
pyDecision is not in the ``bench`` extra: it requires flask, openai, google-genai,
llmx and scikit-learn; ``pip install --no-deps pyDecision`` is enough for these
functions (they import numpy and matplotlib).

The ``problem`` object has: ``X`` (n x m float64 scores), ``is_risk`` (bool per
criterion), ``types`` (+1 benefit / -1 risk), ``w`` (weights summing to 1), ``p``
(the V-shape threshold, same for every criterion) and ``n``, ``m``.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

#: The peer libraries, by the name shown in the tables, with their distribution names.
LIBRARIES = {
    "pymcdm": "pymcdm",
    "pymcdm (validation off)": "pymcdm",
    "scikit-criteria": "scikit-criteria",
    "pyrepo-mcda": "pyrepo-mcda",
    "pyDecision": "pyDecision",
}
#: The module each library is imported as.
MODULES = {
    "pymcdm": "pymcdm",
    "pymcdm (validation off)": "pymcdm",
    "scikit-criteria": "skcriteria",
    "pyrepo-mcda": "pyrepo_mcda",
    "pyDecision": "pyDecision",
}


def version(library: str) -> str | None:
    """The installed version of a peer library, or None when it is not installed."""
    try:
        return importlib.metadata.version(LIBRARIES[library])
    except importlib.metadata.PackageNotFoundError:
        return None


@dataclass(frozen=True)
class Cost:
    """A rough estimate of one call: seconds and peak extra bytes for n options, m criteria.

    ``scaling(n, m)`` is the amount of work the call does, so that a time measured at
    a smaller size in the same run can be extrapolated (more reliable than the
    constant, which was measured once on a 2-core machine).
    """

    seconds: Callable[[int, int], float]
    bytes: Callable[[int, int], float]
    scaling: Callable[[int, int], float]


def _linear_cost(per_element: float = 2e-8, overhead: float = 2e-3) -> Cost:
    """Vectorized O(n m) work with a few n x m temporaries."""
    return Cost(
        seconds=lambda n, m: overhead + per_element * n * m,
        bytes=lambda n, m: 8.0 * n * m * 8,
        scaling=lambda n, m: n * m,
    )


def _promethee_pairs_cost(tables: float, per_pair: float) -> Cost:
    """Methods that build n x n tables per criterion (O(n^2 m) time and memory)."""
    return Cost(
        seconds=lambda n, m: 2e-3 + per_pair * n * n * m,
        bytes=lambda n, m: tables * 8.0 * n * n,
        scaling=lambda n, m: n * n * m,
    )


_LINEAR = _linear_cost()
#: scikit-criteria: vectorized, with a DataFrame round trip per step.
_SKC_COST = _linear_cost(per_element=6e-8, overhead=5e-3)
#: Two Python-level distance calls per option (pyrepo-mcda's TOPSIS).
_PER_OPTION_COST = Cost(
    seconds=lambda n, m: 1e-3 + 1.5e-5 * n,
    bytes=lambda n, m: 8.0 * n * m * 6,
    scaling=lambda n, m: n,
)
#: A Python loop over every score.
_PER_SCORE_COST = Cost(
    seconds=lambda n, m: 1e-3 + 1e-6 * n * m,
    bytes=lambda n, m: 8.0 * n * m * 4,
    scaling=lambda n, m: n * m,
)
#: m^2 Python-level Pearson correlations over n values each.
_CORRELATIONS_COST = Cost(
    seconds=lambda n, m: 1e-3 + m * m * (3e-5 + 1e-8 * n),
    bytes=lambda n, m: 8.0 * n * m * 4,
    scaling=lambda n, m: m * m * (3000 + n),
)


def _best_first(scores: np.ndarray) -> np.ndarray:
    return np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")


def _lowest_first(scores: np.ndarray) -> np.ndarray:
    return np.argsort(np.asarray(scores, dtype=np.float64), kind="stable")


def _identity(result: Any, problem: Any) -> np.ndarray:
    return np.asarray(result)


@dataclass(frozen=True)
class Peer:
    """One peer library's implementation of a benchmark case."""

    library: str
    variant: str  # how it is called, e.g. "WSM(minmax_normalization)"
    setup: Callable[[Any], Callable[[], Any]]
    read: Callable[[Any, Any], np.ndarray] = _identity
    cost: Cost = _LINEAR
    same_variant: bool = True  # False: the API offers no way to match our variant


def _case(*found: Peer, absent: Mapping[str, str] | None = None) -> dict[str, Peer | str]:
    """A case's peers by library, and for a library without one, why (``absent``)."""
    return {**{peer.library: peer for peer in found}, **(absent or {})}


def _module(name: str) -> Any:
    """A peer's module, imported when a peer is first set up (not when this one is)."""
    return importlib.import_module(name)


# -- pymcdm ------------------------------------------------------------------------------


def _pymcdm_method(make: Callable[[Any], Any], lowest_first: bool, validation: bool):
    """Time ``method(X, w, types, validation=...)`` plus one argsort.

    The method object is built inside the timed call: pymcdm's PROMETHEE_II keeps its
    per-criterion preference functions in a generator that is used up by one call.
    """

    def setup(problem: Any) -> Callable[[], Any]:
        X, w, types = problem.X, problem.w, problem.types
        rank = _lowest_first if lowest_first else _best_first

        def call() -> Any:
            return rank(make(problem)(X, w, types, validation=validation))

        return call

    return setup


def _pymcdm(
    variant: str, make: Callable[[Any], Any], *, lowest_first: bool = False, cost: Cost = _LINEAR
) -> tuple[Peer, Peer]:
    """pymcdm's peer as called by default, and the same with ``validation=False``."""
    return (
        Peer("pymcdm", variant, _pymcdm_method(make, lowest_first, True), cost=cost),
        Peer(
            "pymcdm (validation off)",
            variant + ", with validation=False",
            _pymcdm_method(make, lowest_first, False),
            cost=cost,
        ),
    )


def _pm_norm(name: str) -> Any:
    return getattr(_module("pymcdm.normalizations"), name)


def _pm_methods() -> Any:
    return _module("pymcdm.methods")


def _pm_weights(name: str) -> Callable[[Any], Callable[[], Any]]:
    return lambda p: lambda: getattr(_module("pymcdm.weights"), name)(p.X)


# -- scikit-criteria ---------------------------------------------------------------------


def _skc_dm(problem: Any) -> Any:
    """The DecisionMatrix, built once per problem outside the timed call (like an Assessment)."""
    cached = getattr(problem, "_skc_dm", None)
    if cached is None:
        skc = _module("skcriteria")
        objectives = [min if risk else max for risk in problem.is_risk]
        cached = skc.mkdm(problem.X, objectives, weights=problem.w)
        object.__setattr__(problem, "_skc_dm", cached)
    return cached


def _skc_pipeline(make_steps: Callable[[], list[Any]]):
    """Time ``pipeline.evaluate(dm)`` (or ``method.evaluate(dm)``) and reading ``rank_``."""

    def setup(problem: Any) -> Callable[[], Any]:
        dm = _skc_dm(problem)
        steps = make_steps()
        # A pipeline needs two steps at least; a lone method is called directly.
        pipeline = _module("skcriteria.pipelines").mkpipe(*steps) if len(steps) > 1 else steps[0]

        def call() -> Any:
            return pipeline.evaluate(dm).rank_

        return call

    return setup


def _skc_order(result: Any, problem: Any) -> np.ndarray:
    # rank_: 1 is best; equal ranks keep the matrix order.
    return np.argsort(np.asarray(result), kind="stable")


def _skc_weights(make_steps: Callable[[], list[Any]]):
    """Time the chain of transformers; the result is the last matrix's weights."""

    def setup(problem: Any) -> Callable[[], Any]:
        dm = _skc_dm(problem)
        steps = make_steps()

        def call() -> Any:
            current = dm
            for step in steps:
                current = step.transform(current)
            return current.weights.to_numpy()

        return call

    return setup


def _skc_ranking(variant: str, make_steps: Callable[[], list[Any]]) -> Peer:
    return Peer("scikit-criteria", variant, _skc_pipeline(make_steps), _skc_order, _SKC_COST)


def _inv(name: str) -> Any:
    return getattr(_module("skcriteria.preprocessing.invert_objectives"), name)


def _scaler(name: str) -> Any:
    return getattr(_module("skcriteria.preprocessing.scalers"), name)


def _skc(module: str, name: str) -> Any:
    return getattr(_module(f"skcriteria.{module}"), name)


# -- pyrepo-mcda -------------------------------------------------------------------------


def _pyrepo_method(make: Callable[[Any], Callable[[], Any]], lowest_first: bool = False):
    def setup(problem: Any) -> Callable[[], Any]:
        run = make(problem)
        rank = _lowest_first if lowest_first else _best_first

        def call() -> Any:
            return rank(run())

        return call

    return setup


def _pyrepo_call(build: Callable[[], Any]) -> Callable[[Any], Callable[[], Any]]:
    """Build the method object once, outside the timing; each timed call applies it."""

    def make(problem: Any) -> Callable[[], Any]:
        method = build()
        return lambda: method(problem.X, problem.w, problem.types)

    return make


def _pyrepo(
    variant: str, build: Callable[[], Any], *, lowest_first: bool = False, cost: Cost = _LINEAR
) -> Peer:
    """A pyrepo-mcda method object, built once, applied and ranked in the timed call."""
    return Peer(
        "pyrepo-mcda",
        variant,
        _pyrepo_method(_pyrepo_call(build), lowest_first=lowest_first),
        cost=cost,
    )


def _pr_norm(name: str) -> Any:
    return getattr(_module("pyrepo_mcda.normalizations"), name)


def _pr_methods() -> Any:
    return _module("pyrepo_mcda.mcda_methods")


def _pr_weights(name: str) -> Callable[[Any], Callable[[], Any]]:
    return lambda p: lambda: getattr(_module("pyrepo_mcda.weighting_methods"), name)(p.X)


def _pr_promethee(vshape: bool):
    def make(problem: Any) -> Callable[[], Any]:
        X, w, types = problem.X, problem.w, problem.types
        method = _pr_methods().PROMETHEE_II()
        if not vshape:
            return lambda: method(X, w, types)
        functions = [method._vshape_function] * problem.m
        p = np.full(problem.m, problem.p)
        q = np.zeros(problem.m)
        return lambda: method(X, w, types, preference_functions=functions, p=p, q=q)

    return make


# -- pyDecision --------------------------------------------------------------------------


def _pd(name: str) -> Any:
    return _module(f"pyDecision.algorithm.{name}")


def _pd_kinds(problem: Any) -> list[str]:
    return ["min" if risk else "max" for risk in problem.is_risk]


def _pd_waspas_sum(problem: Any) -> Callable[[], Any]:
    X, w, kinds = problem.X, problem.w, _pd_kinds(problem)
    method = _pd("waspas").waspas_method
    return lambda: _best_first(method(X, kinds, w, 1.0, graph=False)[0])


def _pd_topsis(problem: Any) -> Callable[[], Any]:
    X, w, kinds = problem.X, problem.w, _pd_kinds(problem)
    method = _pd("topsis").topsis_method
    return lambda: _best_first(method(X, w, kinds, graph=False, verbose=False))


def _pd_vikor(problem: Any) -> Callable[[], Any]:
    X, w, kinds = problem.X, problem.w, _pd_kinds(problem)
    method = _pd("vikor").vikor_method

    def call() -> Any:
        _s, _r, by_q, _solution = method(X, w, kinds, 0.5, graph=False, verbose=False)
        return by_q[:, 0].astype(np.intp) - 1  # options numbered from 1, lowest Q first

    return call


def _pd_promethee(vshape: bool) -> Callable[[Any], Callable[[], Any]]:
    def setup(problem: Any) -> Callable[[], Any]:
        directed = np.where(problem.is_risk, -problem.X, problem.X)
        m = problem.m
        zeros = [0.0] * m
        P = [problem.p] * m if vshape else zeros
        F = ["t3" if vshape else "t1"] * m
        method = _pd("p_ii").promethee_ii
        w = list(problem.w)

        def call() -> Any:
            flow = method(directed, w, zeros, zeros, P, F, sort=False, graph=False, verbose=False)
            return _best_first(flow[:, 1])

        return call

    return setup


def _pd_weights(name: str, function: str) -> Callable[[Any], Callable[[], Any]]:
    return lambda p: lambda: getattr(_pd(name), function)(p.X, _pd_kinds(p))


#: One Python-level comparison per (option, option, criterion).
_PD_PAIRS = _promethee_pairs_cost(tables=2, per_pair=1.5e-6)


# -- the registry: case name -> peers ----------------------------------------------------

_NOT_OFFERED = "not offered"
_NO_VALIDATION_SWITCH = "n/a (pymcdm's weights take no validation switch)"


def peers_for(case: str) -> dict[str, Peer | str]:
    """The peers of a benchmark case: a Peer, or a string saying why there is none."""
    return _PEERS.get(case, {})


_PEERS: dict[str, dict[str, Peer | str]] = {
    "weighted sum": _case(
        *_pymcdm(
            "WSM(minmax_normalization)",
            lambda p: _pm_methods().WSM(_pm_norm("minmax_normalization")),
        ),
        _skc_ranking(
            "NegateMinimize + MinMaxScaler(target='matrix') + WeightedSumModel",
            lambda: [
                _inv("NegateMinimize")(),
                _scaler("MinMaxScaler")(target="matrix"),
                _skc("agg.simple", "WeightedSumModel")(),
            ],
        ),
        _pyrepo(
            "SAW(minmax_normalization)",
            lambda: _pr_methods().SAW(_pr_norm("minmax_normalization")),
        ),
        Peer(
            "pyDecision",
            "waspas_method(X, kinds, w, lambda_value=1): its WSM of 1 + min-max (saw_method is "
            "on x / max); also computes the WPM",
            _pd_waspas_sum,
            cost=_linear_cost(per_element=6e-8),
        ),
    ),
    "weighted product": _case(
        *_pymcdm(
            "WPM(linear_normalization)",
            lambda p: _pm_methods().WPM(_pm_norm("linear_normalization")),
        ),
        _skc_ranking(
            "InvertMinimize + MaxAbsScaler(target='matrix') + WeightedProductModel",
            lambda: [
                _inv("InvertMinimize")(),
                _scaler("MaxAbsScaler")(target="matrix"),
                _skc("agg.simple", "WeightedProductModel")(),
            ],
        ),
        absent={
            "pyrepo-mcda": _NOT_OFFERED + " (no weighted product model)",
            "pyDecision": "n/a (no weighted product of x / max; WASPAS's WPM is of 1 + min-max)",
        },
    ),
    "TOPSIS": _case(
        *_pymcdm(
            "TOPSIS(vector_normalization)",
            lambda p: _pm_methods().TOPSIS(_pm_norm("vector_normalization")),
        ),
        _skc_ranking(
            "VectorScaler(target='matrix') + TOPSIS (risks as minimize objectives)",
            lambda: [
                _scaler("VectorScaler")(target="matrix"),
                _skc("agg.similarity", "TOPSIS")(),
            ],
        ),
        _pyrepo(
            "TOPSIS(vector_normalization)",
            lambda: _pr_methods().TOPSIS(_pr_norm("vector_normalization")),
            cost=_PER_OPTION_COST,
        ),
        Peer(
            "pyDecision",
            "topsis_method(X, w, kinds, graph=False, verbose=False) (vector normalization)",
            _pd_topsis,
            cost=_linear_cost(per_element=4e-8),
        ),
    ),
    "TOPSIS (min-max)": _case(
        *_pymcdm(
            "TOPSIS(minmax_normalization)",
            lambda p: _pm_methods().TOPSIS(_pm_norm("minmax_normalization")),
        ),
        _skc_ranking(
            "MinMaxScaler(target='matrix') + TOPSIS (risks as minimize objectives)",
            lambda: [
                _scaler("MinMaxScaler")(target="matrix"),
                _skc("agg.similarity", "TOPSIS")(),
            ],
        ),
        _pyrepo(
            "TOPSIS(minmax_normalization)",
            lambda: _pr_methods().TOPSIS(_pr_norm("minmax_normalization")),
            cost=_PER_OPTION_COST,
        ),
        absent={"pyDecision": "n/a (TOPSIS on vector normalization only)"},
    ),
    "VIKOR": _case(
        *_pymcdm(
            "VIKOR(v=0.5), its default normalization (observed best and worst values)",
            lambda p: _pm_methods().VIKOR(v=0.5),
            lowest_first=True,
        ),
        _skc_ranking(
            "VIKOR(v=0.5, use_compromise_set=False)",
            lambda: [_skc("agg.vikor", "VIKOR")(v=0.5, use_compromise_set=False)],
        ),
        _pyrepo(
            "VIKOR(normalization_method=None, v=0.5)",
            lambda: _pr_methods().VIKOR(normalization_method=None, v=0.5),
            lowest_first=True,
        ),
        Peer(
            "pyDecision",
            "vikor_method(X, w, kinds, 0.5, graph=False, verbose=False), order by Q",
            _pd_vikor,
            cost=_linear_cost(per_element=6e-8),
        ),
    ),
    "PROMETHEE II (usual)": _case(
        *_pymcdm(
            "PROMETHEE_II('usual')",
            lambda p: _pm_methods().PROMETHEE_II("usual"),
            # Per criterion: the tiled column, the differences, the preferences, the
            # weighted preferences and the running sum, each n x n (the int8 table
            # is counted as a float64 one for safety).
            cost=_promethee_pairs_cost(tables=5, per_pair=1.5e-8),
        ),
        Peer(
            "pyrepo-mcda",
            "PROMETHEE_II() (usual function)",
            _pyrepo_method(_pr_promethee(vshape=False)),
            # One Python function call per (option, option, criterion).
            cost=_promethee_pairs_cost(tables=1, per_pair=1.2e-6),
        ),
        Peer(
            "pyDecision",
            "promethee_ii(X with risks negated, w, F=['t1'] * m, sort=False, graph=False)",
            _pd_promethee(vshape=False),
            cost=_PD_PAIRS,
        ),
        absent={"scikit-criteria": _NOT_OFFERED + " (no PROMETHEE)"},
    ),
    "PROMETHEE II (V-shape)": _case(
        *_pymcdm(
            "PROMETHEE_II('vshape', p=[p] * m)",
            lambda p: _pm_methods().PROMETHEE_II("vshape", p=[p.p] * p.m),
            # As for 'usual', plus a copy and three boolean masks.
            cost=_promethee_pairs_cost(tables=6, per_pair=2.5e-8),
        ),
        Peer(
            "pyrepo-mcda",
            "PROMETHEE_II() with _vshape_function, p=[p] * m",
            _pyrepo_method(_pr_promethee(vshape=True)),
            cost=_promethee_pairs_cost(tables=1, per_pair=1.4e-6),
        ),
        Peer(
            "pyDecision",
            "promethee_ii(X with risks negated, w, F=['t3'] * m, P=[p] * m, sort=False, "
            "graph=False)",
            _pd_promethee(vshape=True),
            cost=_PD_PAIRS,
        ),
        absent={"scikit-criteria": _NOT_OFFERED + " (no PROMETHEE)"},
    ),
    "entropy weights": _case(
        Peer(
            "pymcdm",
            "entropy_weights(X): shares of the raw scores, no direction (no variants)",
            _pm_weights("entropy_weights"),
            same_variant=False,
        ),
        Peer(
            "scikit-criteria",
            "NegateMinimize + MinMaxScaler(target='matrix') + EntropyWeighter",
            _skc_weights(
                lambda: [
                    _inv("NegateMinimize")(),
                    _scaler("MinMaxScaler")(target="matrix"),
                    _skc("preprocessing.weighters", "EntropyWeighter")(),
                ]
            ),
            cost=_SKC_COST,
        ),
        Peer(
            "pyrepo-mcda",
            "entropy_weighting(X): shares of the raw scores, no direction (no variants)",
            _pr_weights("entropy_weighting"),
            cost=_PER_SCORE_COST,
            same_variant=False,
        ),
        Peer(
            "pyDecision",
            "entropy_method(X, kinds): shares of x (risks: of 1 / x), no min-max (no variants)",
            _pd_weights("entropy", "entropy_method"),
            cost=_PER_SCORE_COST,
            same_variant=False,
        ),
        absent={"pymcdm (validation off)": _NO_VALIDATION_SWITCH},
    ),
    "CRITIC weights": _case(
        Peer(
            "pymcdm",
            "critic_weights(X): min-max without criterion kinds (no variants)",
            _pm_weights("critic_weights"),
            cost=_CORRELATIONS_COST,
            same_variant=False,
        ),
        Peer(
            "scikit-criteria",
            "CRITIC() (correlation='pearson', scale=True: min-max towards each objective)",
            _skc_weights(lambda: [_skc("preprocessing.weighters", "CRITIC")()]),
            cost=_SKC_COST,
        ),
        Peer(
            "pyrepo-mcda",
            "critic_weighting(X): min-max without criterion kinds (no variants)",
            _pr_weights("critic_weighting"),
            cost=_CORRELATIONS_COST,
            same_variant=False,
        ),
        Peer(
            "pyDecision",
            "critic_method(X, kinds) (min-max towards each kind)",
            _pd_weights("critic", "critic_method"),
            cost=_linear_cost(per_element=6e-8),
        ),
        absent={"pymcdm (validation off)": _NO_VALIDATION_SWITCH},
    ),
}


def import_error(library: str) -> str | None:
    """Why a peer library cannot be used, or None when it imports."""
    try:
        importlib.import_module(MODULES[library])
    except Exception as error:
        return f"not installed ({type(error).__name__})"
    return None


# -- SMAA-2 (bench_smaa.py) ---------------------------------------------------------------
#
# No peer offers SMAA for the weighted sum or TOPSIS, so the peer is what a user of a
# peer library writes: a loop over the sampled weight vectors, one call of the
# library's method per vector, one argsort, and a count. pyrepo-mcda ships SMAA for
# VIKOR only (``VIKOR_SMAA``), which is compared with powerbalance's SMAA of VIKOR.
# Every peer is given the weight vectors (the first ones that powerbalance draws for
# the same seed), so that its counts can be checked exactly against the floor's on
# the same vectors; drawing them is left out of its timing, which is a fraction of a
# per cent of a peer's time.


@dataclass(frozen=True)
class SMAAPeer:
    """One peer's SMAA-2 for a benchmark case.

    ``run(problem, W)`` takes the weight vectors (rows of ``W``, summing to 1) and
    returns counts[i, r]: how many of them put option i at rank r + 1. Its time is
    proportional to the number of vectors, so that a run on a subset can be
    extrapolated to the full sample count.
    """

    library: str
    variant: str
    run: Callable[[Any, np.ndarray], np.ndarray]


def _count_loop(
    make: Callable[[Any], Any], lowest_first: bool = False
) -> Callable[[Any, np.ndarray], np.ndarray]:
    """The user-level loop: ``method(X, w, types)`` for each vector, argsort, count.

    The method object is built once (outside the loop, as a user would); the
    library's own rank helpers are not used, for the reasons given at the top.
    """

    def run(problem: Any, W: np.ndarray) -> np.ndarray:
        method = make(problem)
        X, types = problem.X, problem.types
        n = X.shape[0]
        rank = _lowest_first if lowest_first else _best_first
        counts = np.zeros((n, n), dtype=np.int64)
        positions = np.arange(n)
        for w in W:
            counts[rank(method(X, w, types)), positions] += 1
        return counts

    return run


def _pyrepo_vikor_smaa(problem: Any, W: np.ndarray) -> np.ndarray:
    """pyrepo-mcda's ``VIKOR_SMAA`` on the given vectors; its shares turned to counts.

    Its own sampler (``_generate_weights``, a Python loop per vector that sorts
    uniforms and takes their spacings: also uniform on the simplex) is not used, so
    that it ranks the same vectors as the others.
    """
    smaa = _pr_methods().VIKOR_SMAA(normalization_method=None, v=0.5)
    acceptability, _central, _ranking = smaa(problem.X, W, problem.types)
    counts: np.ndarray = np.rint(np.asarray(acceptability) * len(W)).astype(np.int64)
    return counts


def smaa_peers_for(case: str) -> dict[str, SMAAPeer | str]:
    """The SMAA peers of a case: an SMAAPeer, or a string saying why there is none."""
    return _SMAA_PEERS.get(case, {})


_NO_SMAA = "no SMAA"

_SMAA_PEERS: dict[str, dict[str, SMAAPeer | str]] = {
    "weighted sum": {
        "pymcdm": SMAAPeer(
            "pymcdm",
            "loop: WSM(minmax_normalization)(X, w, types), argsort, count",
            _count_loop(lambda p: _pm_methods().WSM(_pm_norm("minmax_normalization"))),
        ),
        "scikit-criteria": _NO_SMAA,
        "pyrepo-mcda": _NO_SMAA + " for the weighted sum (VIKOR only)",
    },
    "TOPSIS": {
        "pymcdm": SMAAPeer(
            "pymcdm",
            "loop: TOPSIS(vector_normalization)(X, w, types), argsort, count",
            _count_loop(lambda p: _pm_methods().TOPSIS(_pm_norm("vector_normalization"))),
        ),
        "scikit-criteria": _NO_SMAA,
        "pyrepo-mcda": _NO_SMAA + " for TOPSIS (VIKOR only)",
    },
    "VIKOR": {
        "pymcdm": SMAAPeer(
            "pymcdm",
            "loop: VIKOR(v=0.5)(X, w, types), argsort (lowest first), count",
            _count_loop(lambda p: _pm_methods().VIKOR(v=0.5), lowest_first=True),
        ),
        "scikit-criteria": _NO_SMAA,
        "pyrepo-mcda": SMAAPeer(
            "pyrepo-mcda",
            "VIKOR_SMAA(normalization_method=None, v=0.5)(X, W, types)",
            _pyrepo_vikor_smaa,
        ),
    },
}
