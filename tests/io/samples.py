"""Sample data for the file-format tests: rich random assessments and every kind of preset,
and the property every loader keeps under hostile input."""

from __future__ import annotations

import signal
import string
import threading
import traceback
import warnings
from collections.abc import Callable
from typing import Any

import attrs
import numpy as np
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import PowerbalanceWarning, StudyFileError
from powerbalance.model.uncertainty import PERT, Normal, Triangular, Uniform
from powerbalance.testing.strategies import assessments

W = pb.weighting


# Text as people type it, and the characters that need escaping in every format.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)),
    max_size=30,
).filter(lambda text: text == "" or text.strip() != "")
NOTE = TEXT.filter(lambda text: text.strip() != "")
PLAIN = st.text(string.ascii_letters + string.digits + " ,;\"'=-", min_size=1, max_size=20).filter(
    lambda text: text.strip() != ""
)


@st.composite
def distributions(draw: st.DrawFn, score: float, scale: tuple[float, float] | None):
    low_end, high_end = scale if scale is not None else (score - 5, score + 5)
    low = draw(st.floats(low_end, score))
    high = draw(st.floats(score, high_end))
    if low == high:
        return None
    kind = draw(st.sampled_from(["uniform", "triangular", "pert", "normal"]))
    if kind == "uniform":
        return Uniform(low, high)
    if kind in ("triangular", "pert"):
        mode = draw(st.one_of(st.just(score), st.floats(low, high)))
        return (Triangular if kind == "triangular" else PERT)(low, mode, high)
    # Enough of the normal lies within the bounds, the score being one of its points.
    return Normal(score, (high - low) / draw(st.floats(2, 8)), low=low, high=high)


@st.composite
def rich_assessments(draw: st.DrawFn, text=TEXT, note=NOTE) -> pb.Assessment:
    """Assessments with descriptions, units, anchors, notes, uncertainty and a baseline."""
    a = draw(assessments(max_options=5, max_criteria=4))
    criteria = []
    for criterion in a.criteria:
        anchors = None
        if criterion.scale is not None and draw(st.booleans()):
            anchors = (draw(note), draw(note))
        function = None
        if criterion.scale is not None:
            function = draw(
                st.sampled_from([None, pb.value.Linear(), pb.value.Exponential(rho=3.5)])
            )
        criteria.append(
            attrs.evolve(
                criterion,
                unit=draw(text),
                description=draw(text),
                anchors=anchors,
                value_function=function,
            )
        )
    notes = {}
    uncertainty = {}
    for i, option in enumerate(a.option_names):
        for j, criterion in enumerate(criteria):
            if draw(st.booleans()):
                notes[(option, criterion.name)] = draw(note)
            if draw(st.booleans()):
                distribution = draw(distributions(float(a.scores[i, j]), criterion.scale))
                if distribution is not None:
                    uncertainty[(option, criterion.name)] = distribution
    return attrs.evolve(
        a,
        options=[pb.Option(name, description=draw(text)) for name in a.option_names],
        criteria=criteria,
        notes=notes,
        uncertainty=uncertainty,
        baseline=draw(st.one_of(st.none(), st.sampled_from(a.option_names))),
        name=draw(text),
        description=draw(text),
    )


def small_assessment() -> pb.Assessment:
    """Three criteria in two areas, on which every built-in scheme is defined."""
    return pb.Assessment(
        options=["A", "B", "C"],
        criteria=[
            pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10)),
            pb.Criterion("Jobs", area="Economic", kind="benefit"),
            pb.Criterion("Harm", area="Security", kind="risk", scale=(0, 10)),
        ],
        scores=[[7, 90, 4], [3, 80, 6], [5, 120, 2]],
    )


def ahp(ratio: float = 3) -> W.AHP:
    return W.AHP({("Gain", "Jobs"): ratio, ("Harm", "Gain"): 2, ("Harm", "Jobs"): 5})


PRESETS = {
    "equal": W.Equal(),
    "direct": W.Direct({"Gain": 30, "Jobs": 20.5, "Harm": 50}),
    "centroid": W.RankOrderCentroid(["Harm", ["Gain", "Jobs"]]),
    "rank sum": W.RankSum(["Gain", "Harm", "Jobs"]),
    "reciprocal": W.RankReciprocal([["Gain", "Harm"], "Jobs"]),
    "swing": W.Swing({"Gain": 100, "Jobs": 40, "Harm": 70}, ranges={"Jobs": (80.0, 120.0)}),
    "ahp": ahp(),
    "ahp options": W.AHP(
        {("Gain", "Jobs"): 3, ("Harm", "Gain"): 2},
        method="geometric",
        random_index={3: 0.52},
        threshold=None,
        completion="harker",
    ),
    "panel": W.AHPGroup({"Ann": ahp(3), "Bo": ahp(0.5)}, expert_weights={"Ann": 2, "Bo": 1}),
    "panel list": W.AHPGroup([ahp(2), ahp(4)], expert_weights=[1, 3], threshold=0.2),
    "best-worst": W.BestWorst(
        best="Harm",
        worst="Jobs",
        best_to_others={"Harm": 1, "Gain": 3, "Jobs": 8},
        others_to_worst={"Harm": 8, "Gain": 4, "Jobs": 1},
        model="nonlinear",
    ),
    "entropy": W.Entropy(normalization=None),
    "critic": W.CRITIC(normalization="max", invert_risks=False),
    "std-dev": W.StdDev(),
    "merec": W.MEREC(),
    "by area": W.ByArea(
        areas=W.Direct({"Economic": 1, "Security": 3}),
        within={"Economic": W.RankSum(["Jobs", "Gain"])},
    ),
    "by area, data": W.ByArea(areas="entropy", within="critic"),
    "blend": W.Blend(
        [(W.Equal(), 1), ("entropy", 2), (W.Direct({"Gain": 1, "Jobs": 1, "Harm": 2}), 0.5)]
    ),
}


# -- hostile input -------------------------------------------------------------------------

#: A load that computes for longer than this hangs: generous, so that a slow machine never
#: fails it. It is processor time, which a busy machine does not stretch; a load that waits
#: (on a pipe, say) is stopped after six times as long by the clock.
TIME_LIMIT = 20.0


class Hung(BaseException):
    """A call outlived its time limit (a BaseException: no loader may catch it)."""


def bounded(call: Callable[[], Any], seconds: float = TIME_LIMIT) -> Any:
    """``call()``, failing with :class:`Hung` if it computes for ``seconds`` of processor
    time, or runs six times as long by the clock.

    Timer signals interrupt the main thread even inside a blocking system call (the
    open of a FIFO); elsewhere a watching thread at least turns a hang into a failure.
    """
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():

        def stop(signum: int, frame: object) -> None:
            raise Hung(f"still running after {seconds} s")

        timers = [(signal.SIGPROF, signal.ITIMER_PROF, seconds)]
        timers.append((signal.SIGALRM, signal.ITIMER_REAL, 6 * seconds))
        previous = [signal.signal(number, stop) for number, _, _ in timers]
        for _, timer, limit in timers:
            signal.setitimer(timer, limit)
        try:
            return call()
        except Hung as error:
            # Said again from here: a traceback through the frame a signal interrupted
            # can lack a line number, on which pytest's report of it fails.
            raise Hung(f"{error}, in\n{_where(error)}") from None
        finally:
            for (number, timer, _), handler in zip(timers, previous, strict=True):
                signal.setitimer(timer, 0)
                signal.signal(number, handler)
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(6 * seconds)
    if worker.is_alive():
        raise Hung(f"still running after {6 * seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _where(error: BaseException) -> str:
    """The innermost frames of ``error``'s traceback, one a line."""
    frames = [
        f"  {frame.f_code.co_filename}:{line} in {frame.f_code.co_name}"
        for frame, line in traceback.walk_tb(error.__traceback__)
    ]
    return "\n".join(frames[-8:])


def assert_usable(result: pb.Study | pb.Assessment) -> None:
    """An accepted file gives a study or assessment whose every number is finite."""
    a = result.assessment if isinstance(result, pb.Study) else result
    assert isinstance(a, pb.Assessment)
    assert np.isfinite(a.scores).all()
    for criterion in a.criteria:
        assert criterion.scale is None or np.isfinite(criterion.scale).all()


def read_or_refuse(read: Callable[[], Any]) -> Any:
    """What ``read()`` gives, or None where it refused the file with StudyFileError.

    Any other exception escapes and fails the test, even another
    :class:`~powerbalance.errors.PowerbalanceError`: a reader promises a
    :class:`StudyFileError` for every problem in a file. So does a hang. Warnings about
    the content (inconsistent judgements, ...) are not failures.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PowerbalanceWarning)
            result = bounded(read)
    except StudyFileError as error:
        problems = error.problems
    else:
        assert_usable(result)
        return result
    assert problems
    assert all(problem.message for problem in problems)
    return None
