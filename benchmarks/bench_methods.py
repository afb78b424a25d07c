"""Benchmark powerbalance's methods and objective weights against a numpy floor and peers.

Run from the repository root (not part of the test suite)::

    python benchmarks/bench_methods.py                                # all five sizes
    python benchmarks/bench_methods.py --sizes 100x10,1000x20 --repeats 3

(``python benchmarks/run.py`` runs this with every other benchmark and writes the
tables.)

What is timed, on seeded random matrices (scores uniform in [1, 10), every third
criterion a risk, random positive weights):

- powerbalance: ``pb.evaluate(assessment, weighting=weights, method=method)`` on a
  prebuilt ``Assessment`` with fixed ``pb.Weights``, plus reading ``report.ranking``;
  for the weights, ``scheme.weigh(assessment)``.
- the floor (``floor.py``): the fastest plain numpy for the same scores (fused
  passes, given the column extremes an ``Assessment`` holds) plus the rank floor
  (one ``argsort``).
- the peers (``peers.py``): pymcdm (with and without its input validation),
  scikit-criteria, pyrepo-mcda and pyDecision, configured with our variant where
  their API allows; where it does not, the peer says why.

Every contender is called once first and its ranking (or weight vector) checked
against powerbalance's, and the floor's scores too, BEFORE anything is timed; a
method peer whose ranking disagrees is not timed, and the disagreement is reported
with the powerbalance variant that reproduces it, if any. Then all contenders of a
case are timed round-robin in the same run and the median of the repeats is
reported, with the ratios to the floor and between powerbalance and each peer.
Absolute times are not comparable between runs on a noisy machine; ratios within
one run are.

Cases are registered in ``CASES``; a case whose powerbalance side cannot be imported
yet is reported as "not available" instead of failing, so new methods are picked up
when they land.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib
import json
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import floor
import machine
import peers

import powerbalance as pb

DEFAULT_SIZES = "100x10,1000x20,10000x50,100000x50,1000000x20"
#: Sizes with at least this many options get ``--large-repeats`` repeats.
LARGE = 100_000
AREAS = ("Economic", "Security", "Environment", "Technology", "Diplomacy")
NORMALIZATIONS = ("minmax", "max", "vector", "sum", "linear")
#: The contender that times ``method.prepare(assessment).score(W)`` + the rank floor.
PREPARED = "pb prepared"
#: Scores of ours closer than this (relative) count as tied when orders differ.
NEAR_TIE = 1e-9
#: The floor's scores must equal ours to this (relative, plus 1e-12 absolute).
SCORE_RTOL = 1e-9
#: Weight vectors agree when they are this close (relative, plus 1e-12 absolute).
WEIGHT_RTOL = 1e-8


# -- the problem --------------------------------------------------------------------------


@dataclass
class Problem:
    """One seeded random matrix, in every form the contenders take."""

    n: int
    m: int
    X: np.ndarray
    low: np.ndarray  # column minima and maxima, which an Assessment holds
    high: np.ndarray
    is_risk: np.ndarray
    types: np.ndarray
    w: np.ndarray
    p: float
    assessment: pb.Assessment
    weights: pb.Weights
    position: dict[str, int]  # option name -> row

    @property
    def label(self) -> str:
        return f"{self.n:,}x{self.m}"


def make_problem(n: int, m: int, seed: int, p: float) -> Problem:
    rng = np.random.default_rng([seed, n, m])
    X = rng.uniform(1.0, 10.0, size=(n, m))
    is_risk = np.arange(m) % 3 == 2
    raw = rng.uniform(0.5, 1.5, size=m)
    names = tuple(f"criterion {j}" for j in range(m))
    criteria = [
        pb.Criterion(names[j], area=AREAS[j % len(AREAS)], kind="risk" if is_risk[j] else "benefit")
        for j in range(m)
    ]
    options = [f"option {i}" for i in range(n)]
    assessment = pb.Assessment(options=options, criteria=criteria, scores=X)
    weights = pb.Weights(names, raw / raw.sum())
    return Problem(
        n=n,
        m=m,
        X=np.array(assessment.scores),  # writable copy of the same numbers
        low=X.min(axis=0),
        high=X.max(axis=0),
        is_risk=is_risk,
        types=np.where(is_risk, -1, 1),
        w=np.array(weights.array),  # exactly the weights powerbalance uses
        p=p,
        assessment=assessment,
        weights=weights,
        position={name: i for i, name in enumerate(options)},
    )


# -- locating powerbalance's side ---------------------------------------------------------


class UnavailableError(Exception):
    """The powerbalance side of a case cannot be imported (yet)."""


def locate(public: str, *fallbacks: str) -> tuple[Any, str | None]:
    """Find ``module:Name`` at its public place, else in a fallback module.

    Returns the object and a note when it came from a fallback (i.e. exists but is
    not exported yet); raises :class:`UnavailableError` when it is nowhere.
    """
    for place in (public, *fallbacks):
        module_name, _, attribute = place.partition(":")
        try:
            obj = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError):
            continue
        note = None if place == public else f"imported from {module_name} (not yet exported)"
        return obj, note
    raise UnavailableError(f"{public.replace(':', '.')} not available")


# -- the cases ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One benchmark case: our callable, the floor and (in peers.py) the peers.

    ``ours`` builds powerbalance's method or weighting scheme (default parameters);
    it raises :class:`UnavailableError` when powerbalance does not have it. ``variants``
    builds alternative configurations of ours, used only to explain a peer's
    disagreement ("the peer matches powerbalance's X").
    """

    name: str
    kind: Literal["method", "weights"]
    ours: Callable[[Problem], tuple[Any, str | None]]
    floor: Callable[[Problem], Any]
    variants: Callable[[Problem], list[Any]] = lambda problem: []


def _method(public: str, *fallbacks: str, **parameters: Any):
    def build(problem: Problem) -> tuple[Any, str | None]:
        cls, note = locate(public, *fallbacks)
        return cls(**parameters), note

    return build


def _normalization_variants(public: str, default: str):
    def build(problem: Problem) -> list[Any]:
        cls, _ = locate(public)
        return [cls(normalization=name) for name in NORMALIZATIONS if name != default]

    return build


def _promethee(vshape: bool):
    def build(problem: Problem) -> tuple[Any, str | None]:
        cls, note = locate(
            "powerbalance.methods:PROMETHEE", "powerbalance.methods.outranking:PROMETHEE"
        )
        if not vshape:
            return cls(), note
        vs, _ = locate("powerbalance.methods:VShape", "powerbalance.methods.outranking:VShape")
        return cls(default=vs(p=problem.p)), note

    return build


def _entropy_variants(problem: Problem) -> list[Any]:
    cls, _ = locate("powerbalance.weighting:Entropy", "powerbalance.weighting.objective:Entropy")
    return [cls(normalization=None)] + [
        cls(normalization=name) for name in NORMALIZATIONS if name != "minmax"
    ]


def _critic_variants(problem: Problem) -> list[Any]:
    cls, _ = locate("powerbalance.weighting:CRITIC", "powerbalance.weighting.objective:CRITIC")
    found = [cls(invert_risks=False)]
    for name in NORMALIZATIONS:
        if name != "minmax":
            found += [cls(normalization=name), cls(normalization=name, invert_risks=False)]
    return found


def _floor(function: Callable[..., Any], **parameters: Any) -> Callable[[Problem], Any]:
    """A method's score floor, given what an Assessment holds (matrix and extremes)."""
    return lambda pr: function(pr.X, pr.is_risk, pr.w, pr.low, pr.high, **parameters)


CASES: list[Case] = [
    Case(
        "weighted sum",
        "method",
        _method("powerbalance.methods:WeightedSum"),
        _floor(floor.weighted_sum),
        _normalization_variants("powerbalance.methods:WeightedSum", "minmax"),
    ),
    Case(
        "weighted product",
        "method",
        _method("powerbalance.methods:WeightedProduct"),
        _floor(floor.weighted_product),
        _normalization_variants("powerbalance.methods:WeightedProduct", "linear"),
    ),
    Case(
        "TOPSIS",
        "method",
        _method("powerbalance.methods:TOPSIS"),
        _floor(floor.topsis),
        _normalization_variants("powerbalance.methods:TOPSIS", "vector"),
    ),
    Case(
        "TOPSIS (min-max)",
        "method",
        _method("powerbalance.methods:TOPSIS", normalization="minmax"),
        _floor(floor.topsis_minmax),
        _normalization_variants("powerbalance.methods:TOPSIS", "minmax"),
    ),
    Case(
        "VIKOR",
        "method",
        _method("powerbalance.methods:VIKOR", "powerbalance.methods.compromise:VIKOR", v=0.5),
        _floor(floor.vikor, v=0.5),
    ),
    Case(
        "PROMETHEE II (usual)",
        "method",
        _promethee(vshape=False),
        lambda pr: floor.promethee_usual(pr.X, pr.is_risk, pr.w),
    ),
    Case(
        "PROMETHEE II (V-shape)",
        "method",
        _promethee(vshape=True),
        lambda pr: floor.promethee_vshape(pr.X, pr.is_risk, pr.w, pr.p),
    ),
    Case(
        "entropy weights",
        "weights",
        _method("powerbalance.weighting:Entropy", "powerbalance.weighting.objective:Entropy"),
        lambda pr: floor.entropy_weights(pr.X, pr.is_risk, pr.low, pr.high),
        _entropy_variants,
    ),
    Case(
        "CRITIC weights",
        "weights",
        _method("powerbalance.weighting:CRITIC", "powerbalance.weighting.objective:CRITIC"),
        lambda pr: floor.critic_weights(pr.X, pr.is_risk, pr.low, pr.high),
        _critic_variants,
    ),
]


# -- timing -------------------------------------------------------------------------------


@dataclass
class Contender:
    """One implementation of a case at one size, being timed."""

    name: str  # "powerbalance", "floor" or a peer library
    thunk: Callable[[], Any] | None
    note: str | None = None  # skipped / failed / not offered / variant
    runs: list[float] = field(default_factory=list)  # seconds per call, one per repeat
    number: int = 1  # calls per timed repeat (more than 1 for calls shorter than RUN_TIME)
    result: Any = None
    warmup_only: bool = False

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None


#: A timed repeat of a fast call loops over it until about this long, as timeit does,
#: so that sub-millisecond calls are not measured at the resolution of the noise.
RUN_TIME = 0.05


def measure(
    contenders: Sequence[Contender],
    repeats: int,
    budget: float,
    check: Callable[[Sequence[Contender]], None] | None = None,
) -> None:
    """Warm each contender up once, then time them round-robin; at most ``budget`` s each.

    After the warm-up call, a fast contender's second call is timed to choose how
    many calls make up a repeat (about :data:`RUN_TIME` seconds; one call when it is
    slower than that).
    Each repeat yields the mean time per call over its calls; the reported time is
    the median over the repeats. The contenders take turns, repeat by repeat, so
    that drift in the machine's speed affects them alike. A contender stops
    repeating once its repeats add up to ``budget`` seconds (after at least one);
    when the warm-up itself took longer than ``budget``, it is the only sample. An
    exception turns the contender into a note. ``check``, when given, is called after
    the warm-up calls and before any timing; it may drop a contender (``thunk = None``).
    """
    active = [c for c in contenders if c.thunk is not None]
    for contender in list(active):
        gc.collect()
        try:
            start = time.perf_counter()
            contender.result = contender.thunk()  # type: ignore[misc]
            warmup = calibration = time.perf_counter() - start
            if warmup < 10 * RUN_TIME:
                # The first call may pay for imports and caches; time a second one.
                start = time.perf_counter()
                contender.thunk()  # type: ignore[misc]
                calibration = time.perf_counter() - start
        except Exception as error:
            contender.note = f"failed: {type(error).__name__}: {str(error)[:80]}"
            contender.thunk = None
            active.remove(contender)
            continue
        if warmup > budget:
            contender.runs = [warmup]
            contender.warmup_only = True
            active.remove(contender)
            continue
        contender.number = max(1, min(100_000, round(RUN_TIME / max(calibration, 1e-7))))
    if check is not None:
        check(contenders)
        active = [c for c in active if c.thunk is not None]
    spent = dict.fromkeys((c.name for c in active), 0.0)
    for _ in range(repeats):
        gc.collect()
        for contender in active:
            if contender.runs and spent[contender.name] >= budget:
                continue
            thunk, number = contender.thunk, contender.number
            start = time.perf_counter()
            for _ in range(number):
                thunk()  # type: ignore[misc]
            elapsed = time.perf_counter() - start
            contender.runs.append(elapsed / number)
            spent[contender.name] += elapsed


# -- agreement ----------------------------------------------------------------------------


def order_of(case: Case, report_or_weights: Any, problem: Problem) -> np.ndarray:
    """Our ranking (option rows, best first) or our weight vector, from what we timed."""
    if case.kind == "weights":
        return np.array(report_or_weights.aligned(problem.assessment))
    ranking = report_or_weights
    return np.array([problem.position[name] for name in ranking.index], dtype=np.intp)


def compare(
    case: Case, ours: np.ndarray, theirs: np.ndarray, our_scores: np.ndarray | None
) -> str | None:
    """None when they agree; otherwise a description of the disagreement."""
    theirs = np.asarray(theirs)
    if case.kind == "weights":
        if theirs.shape == ours.shape and np.allclose(theirs, ours, rtol=WEIGHT_RTOL, atol=1e-12):
            return None
        if theirs.shape != ours.shape:
            return f"returned shape {theirs.shape}, expected {ours.shape}"
        gap = np.abs(theirs - ours)
        j = int(np.argmax(gap))
        return (
            f"weights differ: max |difference| {gap.max():.3g} (criterion {j}: ours "
            f"{ours[j]:.4g}, theirs {theirs[j]:.4g})"
        )
    if theirs.shape != ours.shape:
        return f"returned an order of shape {theirs.shape}, expected {ours.shape}"
    differ = np.flatnonzero(ours != theirs)
    if differ.size == 0:
        return None
    assert our_scores is not None
    scale = max(1.0, float(np.abs(our_scores).max()))
    gaps = np.abs(our_scores[ours[differ]] - our_scores[theirs[differ]])
    if (gaps <= NEAR_TIE * scale).all():
        return None  # only options that tie to rounding are ordered differently
    k = int(differ[0])
    return (
        f"{differ.size} of {ours.size} positions differ; first at rank {k + 1}: ours "
        f"option {ours[k]} (score {our_scores[ours[k]]:.6g}), theirs option {theirs[k]} "
        f"(our score {our_scores[theirs[k]]:.6g})"
    )


def explain(case: Case, problem: Problem, theirs: np.ndarray) -> str:
    """Which configuration of powerbalance reproduces a disagreeing result, if any."""
    try:
        variants = case.variants(problem)
    except UnavailableError:
        variants = []
    for variant in variants:
        try:
            if case.kind == "weights":
                ours = np.array(variant.weigh(problem.assessment).aligned(problem.assessment))
                scores = None
            else:
                report = pb.evaluate(problem.assessment, weighting=problem.weights, method=variant)
                ours = order_of(case, report.ranking, problem)
                scores = np.asarray(report.scores)
        except Exception:
            continue
        if compare(case, ours, theirs, scores) is None:
            return f"matches powerbalance's {variant!r}"
    return "no powerbalance variant tried reproduces it"


# -- running ------------------------------------------------------------------------------


@dataclass
class Outcome:
    """Everything measured for one case at one size."""

    case: str
    kind: str
    contenders: dict[str, Contender]
    disagreements: list[str] = field(default_factory=list)
    note: str | None = None  # e.g. "imported from ... (not yet exported)"
    checked: list[str] = field(default_factory=list)  # contenders compared with ours


def _fmt_seconds(seconds: float) -> str:
    return f"{seconds:,.0f} s" if seconds >= 10 else f"{seconds:.2g} s"


def _fmt_bytes(size: float) -> str:
    return f"{size / 2**30:,.1f} GiB" if size >= 2**30 else f"{size / 2**20:,.0f} MiB"


def run_case(
    case: Case,
    problem: Problem,
    libraries: Sequence[str],
    repeats: int,
    budget: float,
    mem_limit: float,
    history: dict[tuple[str, str], tuple[int, int, float]],
) -> Outcome:
    try:
        ours_obj, note = case.ours(problem)
    except UnavailableError as error:
        return Outcome(case.name, case.kind, {}, note=str(error))
    a, weights = problem.assessment, problem.weights
    if case.kind == "weights":
        ours_thunk: Callable[[], Any] = lambda: ours_obj.weigh(a)  # noqa: E731
    else:

        def ours_thunk() -> Any:
            return pb.evaluate(a, weighting=weights, method=ours_obj).ranking

    contenders = {
        "powerbalance": Contender("powerbalance", ours_thunk),
        "floor": Contender(
            "floor",
            (lambda: case.floor(problem))
            if case.kind == "weights"
            else (lambda: floor.rank(case.floor(problem))),
        ),
    }
    if case.kind == "method":
        # Where the time goes: the prepared path without evaluate's report and labels.
        w_row = problem.w[None, :]

        def prepared() -> Any:
            return floor.rank(ours_obj.prepare(a).score(w_row)[0])

        contenders[PREPARED] = Contender(PREPARED, prepared)
    for library in libraries:
        spec = peers.peers_for(case.name).get(library)
        if spec is None or isinstance(spec, str):
            contenders[library] = Contender(library, None, spec or "not offered")
            continue
        missing = peers.import_error(library)
        if missing:
            contenders[library] = Contender(library, None, missing)
            continue
        need = spec.cost.bytes(problem.n, problem.m)
        if need > mem_limit:
            contenders[library] = Contender(
                library, None, f"skipped: needs ~{_fmt_bytes(need)} (limit {_fmt_bytes(mem_limit)})"
            )
            continue
        previous = history.get((case.name, library))
        if previous is not None:
            n0, m0, t0 = previous
            estimate = t0 * spec.cost.scaling(problem.n, problem.m) / spec.cost.scaling(n0, m0)
        else:
            estimate = spec.cost.seconds(problem.n, problem.m)
        if estimate > budget:
            contenders[library] = Contender(
                library,
                None,
                f"skipped: ~{_fmt_seconds(estimate)} per call (budget {_fmt_seconds(budget)})",
            )
            continue
        try:
            thunk = spec.setup(problem)
        except Exception as error:
            contenders[library] = Contender(
                library, None, f"failed in setup: {type(error).__name__}"
            )
            continue
        contenders[library] = Contender(library, thunk)
    outcome = Outcome(case.name, case.kind, contenders, note=note)
    measure(
        list(contenders.values()),
        repeats,
        budget,
        check=lambda _: check_agreement(case, problem, ours_obj, outcome),
    )
    ours_c = contenders["powerbalance"]
    if ours_c.thunk is None and not ours_c.runs:
        outcome.note = ours_c.note
        return outcome
    for library, contender in contenders.items():
        if library not in ("powerbalance", "floor", PREPARED) and contender.median is not None:
            history[(case.name, library)] = (problem.n, problem.m, contender.median)
    return outcome


def check_agreement(case: Case, problem: Problem, ours_obj: Any, outcome: Outcome) -> None:
    """Compare every contender's warm-up result with ours, before anything is timed.

    The floor's scores are compared too (to ``SCORE_RTOL``). A method peer whose
    ranking disagrees is dropped from the timing: a faster wrong answer proves
    nothing. A weighting peer that cannot be configured to our variant (†) is still
    timed, and its disagreement listed.
    """
    contenders = outcome.contenders
    ours_c = contenders["powerbalance"]
    if ours_c.result is None:
        return
    ours = order_of(case, ours_c.result, problem)
    our_scores = None
    if case.kind == "method":
        report = pb.evaluate(problem.assessment, weighting=problem.weights, method=ours_obj)
        our_scores = np.asarray(report.scores)
        floor_scores = np.asarray(case.floor(problem))
        if not np.allclose(floor_scores, our_scores, rtol=SCORE_RTOL, atol=1e-12):
            gap = float(np.abs(floor_scores - our_scores).max())
            outcome.disagreements.append(
                f"{problem.label}, {case.name}, floor scores: max |difference| {gap:.3g}"
            )
    for name, contender in contenders.items():
        if name == "powerbalance" or contender.result is None:
            continue
        spec = None if name in ("floor", PREPARED) else peers.peers_for(case.name)[name]
        theirs = contender.result if spec is None else spec.read(contender.result, problem)  # type: ignore[union-attr]
        problem_text = compare(case, ours, theirs, our_scores)
        outcome.checked.append(name)
        if problem_text is None:
            continue
        explanation = explain(case, problem, np.asarray(theirs))
        how = "" if spec is None else f" [{spec.variant}]"  # type: ignore[union-attr]
        outcome.disagreements.append(
            f"{problem.label}, {case.name}, {name}{how}: {problem_text}; {explanation}"
        )
        if case.kind == "method":
            contender.thunk = None
            contender.runs = []
            contender.note = "n/a (ranking disagrees; see below)"


# -- output -------------------------------------------------------------------------------


def _fmt_ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    ms = seconds * 1e3
    if ms >= 100:
        return f"{ms:,.0f}"
    if ms >= 10:
        return f"{ms:.1f}"
    if ms >= 1:
        return f"{ms:.2f}"
    return f"{ms:.3f}"


def _fmt_ratio(ratio: float | None) -> str:
    if ratio is None:
        return "–"
    if ratio >= 100:
        return f"{ratio:,.0f}×"
    if ratio >= 10:
        return f"{ratio:.1f}×"
    return f"{ratio:.2f}×"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def table(problem_label: str, outcomes: Sequence[Outcome], libraries: Sequence[str]) -> str:
    header = ["case", "powerbalance (ms)", "floor (ms)", "pb / floor", "prepared / floor"]
    header += [f"pb / {library}" for library in libraries]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|",
    ]
    for outcome in outcomes:
        if not outcome.contenders or outcome.contenders["powerbalance"].median is None:
            reason = outcome.note or "not available"
            lines.append(
                "| " + " | ".join([outcome.case, reason] + ["–"] * (len(header) - 2)) + " |"
            )
            continue
        c = outcome.contenders
        ours, base = c["powerbalance"].median, c["floor"].median
        name = outcome.case + (" ¹" if outcome.note else "")
        prepared = c.get(PREPARED)
        row = [
            name,
            _fmt_ms(ours),
            _fmt_ms(base),
            _fmt_ratio(_ratio(ours, base)),
            _fmt_ratio(_ratio(prepared.median if prepared else None, base)),
        ]
        for library in libraries:
            contender = c.get(library)
            if contender is None or contender.median is None:
                row.append((contender.note if contender else "–") or "–")
                continue
            spec = peers.peers_for(outcome.case).get(library)
            marks = ""
            if isinstance(spec, peers.Peer) and not spec.same_variant:
                marks += " †"
            if contender.warmup_only or len(contender.runs) < 2:
                marks += f" ({len(contender.runs)} run)"
            row.append(_fmt_ratio(_ratio(ours, contender.median)) + marks)
        lines.append("| " + " | ".join(row) + " |")
    return f"### {problem_label}\n\n" + "\n".join(lines)


#: The methods that must beat every peer configured to the same variant.
METHODS = (
    "weighted sum",
    "weighted product",
    "TOPSIS",
    "TOPSIS (min-max)",
    "VIKOR",
    "PROMETHEE II (usual)",
    "PROMETHEE II (V-shape)",
)


def floor_target(n: int) -> float | None:
    """The pb / floor target at n options: 3x at 100, 1.5x from 10,000 up, else none."""
    if n >= 10_000:
        return 1.5
    return 3.0 if n == 100 else None


def verdicts(results: dict[str, tuple[Problem, list[Outcome]]]) -> list[dict[str, Any]]:
    """Every target of the issue this benchmark measures, one row each, met or missed.

    Rows: ``target`` (text), ``size``, ``case``, ``value`` (text), ``met`` (bool).
    A peer that was skipped because it would take longer than the budget counts as
    beaten; a peer that cannot be configured to the variant does not count.
    """
    rows: list[dict[str, Any]] = []
    for label, (problem, outcomes) in results.items():
        target = floor_target(problem.n)
        for outcome in outcomes:
            if outcome.case not in METHODS or not outcome.contenders:
                continue
            c = outcome.contenders
            ours = c["powerbalance"].median
            ratio = _ratio(ours, c["floor"].median)
            if target is not None and ratio is not None:
                rows.append(
                    {
                        "target": f"pb / floor ≤ {target:g}×",
                        "size": label,
                        "case": outcome.case,
                        "value": _fmt_ratio(ratio),
                        "met": ratio <= target,
                    }
                )
            slower = []
            beaten = 0
            for name, contender in c.items():
                if name in ("powerbalance", "floor", PREPARED):
                    continue
                if contender.median is None:
                    # Skipped for the time or memory it would take: it cannot keep up.
                    beaten += bool(contender.note and contender.note.startswith("skipped:"))
                    continue
                if ours is not None and ours >= contender.median:
                    slower.append(f"{name} {_fmt_ratio(ours / contender.median)}")
                else:
                    beaten += 1
            if ours is not None and (slower or beaten):
                rows.append(
                    {
                        "target": "faster than every peer",
                        "size": label,
                        "case": outcome.case,
                        "value": "pb / " + ", ".join(slower) if slower else f"{beaten} beaten",
                        "met": not slower,
                    }
                )
    return rows


def target_lines(results: dict[str, tuple[Problem, list[Outcome]]]) -> list[str]:
    """The targets, met or missed, one line each."""
    return [
        f"- {row['size']}, {row['case']}: {row['target']}: {row['value']}: "
        + ("met" if row["met"] else "**missed**")
        for row in verdicts(results)
    ]


def render(
    results: dict[str, tuple[Problem, list[Outcome]]],
    libraries: Sequence[str],
    args: argparse.Namespace,
    elapsed: float,
) -> str:
    info = machine.describe(peers.LIBRARIES)
    parts = [
        f"Benchmark run {info['date']} on {info['cores']} cores ({info['cpu']}), "
        f"Python {info['python']}, numpy {info['numpy']}; powerbalance {info['powerbalance']}, "
        + ", ".join(f"{lib} {info[lib]}" for lib in libraries)
        + f". Seed {args.seed}; median of {args.repeats} runs "
        f"({args.large_repeats} at {LARGE:,}+ options) after one warm-up; per-call budget "
        f"{args.budget:g} s, memory limit {args.mem_limit:g} GiB. Whole run: "
        f"{elapsed / 60:.1f} min.",
        "",
        "Times are medians in milliseconds; ratios are of medians measured in the same run. "
        "`pb / floor` is powerbalance's time (`pb.evaluate` + `report.ranking`) over the "
        "floor's (score floor + rank floor; lower is better, 1× is the floor); `pb / <peer>` "
        "is powerbalance's time over the peer's (below 1× means powerbalance is faster). "
        "`prepared / floor`: `method.prepare(assessment).score(W)` + the rank floor, i.e. "
        "the computation without `evaluate`'s checks, report and labelled ranking. "
        "Every ranking was checked equal to powerbalance's before timing.",
        "",
    ]
    notes = set()
    for label, (_problem, outcomes) in results.items():
        parts += [table(label, outcomes, libraries), ""]
        notes |= {f"{o.case}: {o.note}" for o in outcomes if o.note and o.contenders}
    parts.append(
        "† the peer offers no way to select our variant; its result differs as explained "
        "under Disagreements. (1 run): the budget allowed a single timed run."
    )
    for note in sorted(notes):
        parts.append(f"¹ {note}.")
    parts += [
        "",
        "#### Targets (pb.evaluate + ranking: against the floor, and against each peer)",
        "",
    ]
    parts += target_lines(results) or ["- (no size with a target was run)"]
    disagreements = [
        d for _, outcomes in results.values() for o in outcomes for d in o.disagreements
    ]
    parts += ["", "#### Ranking and weight disagreements with powerbalance", ""]
    parts += [f"- {d}" for d in disagreements] or [
        "- none: every contender's ranking (or weight vector) agrees with powerbalance's."
    ]
    parts += ["", "#### How each peer is called", ""]
    seen: set[tuple[str, str]] = set()
    for _, outcomes in results.values():
        for outcome in outcomes:
            for library in libraries:
                spec = peers.peers_for(outcome.case).get(library)
                if isinstance(spec, peers.Peer) and (outcome.case, library) not in seen:
                    seen.add((outcome.case, library))
                    parts.append(f"- {outcome.case}, {library}: `{spec.variant}`")
    return "\n".join(parts) + "\n"


def to_json(results: dict[str, tuple[Problem, list[Outcome]]]) -> dict[str, Any]:
    return {
        "machine": machine.describe(peers.LIBRARIES),
        "results": {
            label: {
                o.case: {
                    "note": o.note,
                    "disagreements": o.disagreements,
                    "contenders": {
                        name: {
                            "runs_s": c.runs,
                            "calls_per_run": c.number,
                            "median_s": c.median,
                            "note": c.note,
                        }
                        for name, c in o.contenders.items()
                    },
                }
                for o in outcomes
            }
            for label, (_, outcomes) in results.items()
        },
    }


# -- command line -------------------------------------------------------------------------


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        n, _, m = part.strip().lower().replace("_", "").replace(",", "").partition("x")
        sizes.append((int(n), int(m)))
    return sizes


def run_sizes(
    sizes: Sequence[tuple[int, int]],
    cases: Sequence[Case],
    libraries: Sequence[str],
    *,
    repeats: int,
    large_repeats: int,
    budget: float,
    mem_limit: float,
    seed: int,
    p: float,
) -> dict[str, tuple[Problem, list[Outcome]]]:
    """Every case at every size (smallest first), progress on stderr."""
    results: dict[str, tuple[Problem, list[Outcome]]] = {}
    history: dict[tuple[str, str], tuple[int, int, float]] = {}
    for n, m in sorted(sizes):
        problem = make_problem(n, m, seed, p)
        outcomes = []
        for case in cases:
            gc.collect()
            outcome = run_case(
                case,
                problem,
                libraries,
                large_repeats if n >= LARGE else repeats,
                budget,
                mem_limit,
                history,
            )
            for contender in outcome.contenders.values():
                contender.thunk = contender.result = None  # free the large results
            outcomes.append(outcome)
            timings = ", ".join(
                f"{name} {_fmt_ms(c.median)} ms" if c.median is not None else f"{name}: {c.note}"
                for name, c in outcome.contenders.items()
            ) or (outcome.note or "")
            print(f"[{problem.label}] {case.name}: {timings}", file=sys.stderr, flush=True)
        # Keep the outcomes, not the million-option assessment and its copies.
        results[problem.label] = (_light(problem), outcomes)
        del problem
        gc.collect()
    return results


def _light(problem: Problem) -> Problem:
    """The problem's sizes without its arrays and assessment (for the report)."""
    empty = np.empty(0)
    return dataclasses.replace(
        problem, X=empty, low=empty, high=empty, is_risk=empty, types=empty, position={}
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"NxM,... (default {DEFAULT_SIZES})")
    parser.add_argument(
        "--repeats", type=int, default=5, help="timed runs per contender (default 5)"
    )
    parser.add_argument(
        "--large-repeats",
        type=int,
        default=3,
        help=f"timed runs at {LARGE:,} options or more (default 3)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--p", type=float, default=2.0, help="V-shape threshold (scores span 1-10)")
    parser.add_argument("--cases", default="", help="comma-separated substrings of case names")
    parser.add_argument(
        "--peers",
        default=",".join(peers.LIBRARIES),
        help="comma-separated peer libraries, or 'none' (default: all three)",
    )
    parser.add_argument("--budget", type=float, default=30.0, help="seconds per call (default 30)")
    parser.add_argument("--mem-limit", type=float, default=4.0, help="GiB per call (default 4)")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    parser.add_argument("--json", type=Path, help="also write every timing to this file")
    args = parser.parse_args(argv)

    libraries = (
        [] if args.peers == "none" else [p.strip() for p in args.peers.split(",") if p.strip()]
    )
    unknown = [p for p in libraries if p not in peers.LIBRARIES]
    if unknown:
        parser.error(f"unknown peer {unknown[0]!r}; choose from {', '.join(peers.LIBRARIES)}")
    wanted = [s.strip().lower() for s in args.cases.split(",") if s.strip()]
    cases = [c for c in CASES if not wanted or any(w in c.name.lower() for w in wanted)]
    # Peers warn about minimize objectives, deprecations and the like; the warnings
    # are the same on every call and would flood the output.
    warnings.simplefilter("ignore")

    started = time.perf_counter()
    results = run_sizes(
        parse_sizes(args.sizes),
        cases,
        libraries,
        repeats=args.repeats,
        large_repeats=args.large_repeats,
        budget=args.budget,
        mem_limit=args.mem_limit * 2**30,
        seed=args.seed,
        p=args.p,
    )
    elapsed = time.perf_counter() - started

    text = render(results, libraries, args, elapsed)
    print(text)
    if args.markdown:
        args.markdown.write_text(text)
    if args.json:
        args.json.write_text(json.dumps(to_json(results), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
