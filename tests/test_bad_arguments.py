"""Bad arguments are refused up front, in the one form, and nothing is coerced silently.

The companion of ``test_bad_input.py`` (whose helpers it uses): a number too large for
a float, a class where an instance is wanted, arguments of the wrong shape or missing,
a ``progress`` that cannot be called, a size that cannot fit in memory, and the values
numpy and pandas would quietly turn into numbers (complex, masked, text, booleans,
missing labels). Each entry point agrees with the assessment's constructor.
"""

from __future__ import annotations

import copy
import inspect
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import (
    InvalidNameError,
    InvalidParameterError,
    InvalidScoreError,
    JudgementError,
    PowerbalanceError,
    PowerbalanceWarning,
    WeightError,
)
from powerbalance.model import uncertainty
from powerbalance.sensitivity.smaa._plan import plan
from test_bad_input import CRITERIA, OPTIONS, SCORES, assessment, frame, one_form, raises, refused

HUGE = 10**400
TOO_LARGE = "too large for a floating-point number"
W = pb.weighting
M = pb.methods
S = pb.sensitivity


def even() -> pb.Weights:
    return pb.Weights(["Gain", "Harm"], [0.5, 0.5])


def bwm(harm: object) -> W.BestWorst:
    return W.BestWorst(
        best="Gain",
        worst="Harm",
        best_to_others={"Gain": 1, "Harm": harm},
        others_to_worst={"Gain": 3, "Harm": 1},
    )


# -- numbers too large for a float ----------------------------------------------------------

#: Every entry point that takes a number, given 10**400 (or, as ``bad``, any value).
NUMBER_ENTRY_POINTS: dict[str, Callable[[object], object]] = {
    "Assessment scores": lambda bad: pb.Assessment(OPTIONS, CRITERIA, [[bad, 4], [3, 6], [5, 2]]),
    "Assessment.with_score": lambda bad: assessment().with_score("A", "Gain", bad),
    "Assessment.from_frame": lambda bad: pb.Assessment.from_frame(
        pd.DataFrame([[bad, 4], [3, 6], [5, 2]], index=OPTIONS, columns=["Gain", "Harm"]),
        CRITERIA,
    ),
    "Criterion scale": lambda bad: pb.Criterion("Gain", area="E", kind="benefit", scale=(0, bad)),
    "Weights": lambda bad: pb.Weights(["a", "b"], [bad, 1]),
    "Weights.from_mapping": lambda bad: pb.Weights.from_mapping({"a": bad, "b": 1}),
    "Direct": lambda bad: W.Direct({"Gain": bad, "Harm": 1}),
    "Swing": lambda bad: W.Swing({"Gain": bad, "Harm": 100}),
    "Swing ranges": lambda bad: W.Swing({"Gain": 100, "Harm": 50}, ranges={"Gain": (0, bad)}),
    "Uniform": lambda bad: uncertainty.Uniform(0, bad),
    "Triangular": lambda bad: uncertainty.Triangular(0, bad, 10),
    "Normal": lambda bad: uncertainty.Normal(1, 1, low=bad),
    "Piecewise": lambda bad: pb.value.Piecewise(points=[(0, 0), (bad, 100)]),
    "Exponential": lambda bad: pb.value.Exponential(rho=bad),
    "Exponential.from_midvalue": lambda bad: pb.value.Exponential.from_midvalue(
        bad, worst=0, best=10
    ),
    "AHP judgement": lambda bad: W.AHP({("Gain", "Harm"): bad}),
    "AHP threshold": lambda bad: W.AHP({("Gain", "Harm"): 3}, threshold=bad),
    "BestWorst judgement": bwm,
    "VIKOR v": lambda bad: M.VIKOR(v=bad),
    "VShape p": lambda bad: M.VShape(p=bad),
    "Level q": lambda bad: M.Level(q=bad, p=2),
    "IntervalWeights": lambda bad: S.IntervalWeights({"Gain": (0, bad), "Harm": (0, 1)}),
    "PerturbedWeights spread": lambda bad: S.PerturbedWeights(even(), spread=bad),
}


@pytest.mark.parametrize("entry", NUMBER_ENTRY_POINTS.values(), ids=NUMBER_ENTRY_POINTS.keys())
def test_a_number_too_large_for_a_float_is_refused(entry):
    with pytest.raises(PowerbalanceError) as info:
        entry(HUGE)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    # The value is named by its size, never written out in its 401 digits.
    assert "0" * 50 not in message
    assert (
        TOO_LARGE in message
        or "401 digits" in message
        or "a tuple" in message
        or ("a list" in message)
    )


def test_a_huge_score_names_its_cell_and_says_why():
    with raises(
        InvalidScoreError, ValueError, r"option 'A' on criterion 'Gain'.*an integer of 401 digits"
    ) as info:
        pb.Assessment(OPTIONS, CRITERIA, [[HUGE, 4], [3, 6], [5, 2]])
    assert TOO_LARGE in str(info.value)


def test_with_score_refuses_a_huge_score_in_the_one_form():
    with refused("Assessment.with_score", "score", "a finite number", "an integer of 401 digits"):
        assessment().with_score("A", "Gain", HUGE)


def test_an_integer_too_long_to_write_out_is_still_named():
    # Python refuses to write out an int of more than 4,300 digits; the message must not.
    with raises(InvalidNameError, TypeError, r"got an integer of about 5,000 digits"):
        pb.Option(10**5000)


# -- a class instead of an instance -----------------------------------------------------------

CLASS_INSTEAD_OF_INSTANCE = [
    pytest.param(lambda: pb.evaluate(assessment(), method=M.TOPSIS), "evaluate", "method"),
    pytest.param(lambda: pb.evaluate(assessment(), weighting=W.Equal), "evaluate", "weighting"),
    pytest.param(
        lambda: pb.compare(assessment(), methods={"t": M.TOPSIS}), "compare", "methods['t']"
    ),
    pytest.param(
        lambda: pb.compare(assessment(), weightings={"e": W.Equal}), "compare", "weightings['e']"
    ),
    pytest.param(lambda: pb.compare(assessment(), methods=[M.TOPSIS]), "compare", "methods"),
    pytest.param(lambda: S.stability(assessment(), method=M.VIKOR), "stability", "method"),
    pytest.param(lambda: S.stability(assessment(), weighting=W.Equal), "stability", "weighting"),
    pytest.param(lambda: S.sweep(assessment(), "Gain", method=M.TOPSIS), "sweep", "method"),
    pytest.param(lambda: S.sweep(assessment(), "Gain", weighting=W.Equal), "sweep", "weighting"),
    pytest.param(lambda: S.smaa(assessment(), method=M.TOPSIS, samples=10), "smaa", "method"),
    pytest.param(
        lambda: S.smaa(assessment(), weight_information=S.UniformWeights, samples=10),
        "smaa",
        "weight_information",
    ),
]


@pytest.mark.parametrize(("call", "owner", "parameter"), CLASS_INSTEAD_OF_INSTANCE)
def test_a_class_passed_for_an_instance_is_refused_with_advice(call, owner, parameter):
    with refused(owner, parameter) as info:
        call()
    assert "Pass an instance, not the class" in str(info.value)


# -- arguments of the wrong shape, or missing ----------------------------------------------


@pytest.mark.parametrize(
    ("make", "owner", "parameter", "got"),
    [
        pytest.param(
            lambda: pb.Assessment(OPTIONS, CRITERIA, SCORES, notes=[("A", "Gain", "Why.")]),
            "Assessment",
            "notes",
            r"\[\('A', 'Gain', 'Why\.'\)\]",
            id="notes-triples",
        ),
        pytest.param(
            lambda: pb.Assessment(OPTIONS, CRITERIA, SCORES, notes="Why."),
            "Assessment",
            "notes",
            "'Why.'",
            id="notes-text",
        ),
        pytest.param(
            lambda: pb.Assessment.from_frame(frame(), CRITERIA, notes=[("A", "Gain", "Why.")]),
            "Assessment.from_frame",
            "notes",
            ".+",
            id="from-frame-notes-triples",
        ),
        pytest.param(
            lambda: pb.Assessment(OPTIONS, CRITERIA, SCORES, uncertainty=[("A", "Gain", 1)]),
            "Assessment",
            "uncertainty",
            ".+",
            id="uncertainty-triples",
        ),
        pytest.param(
            lambda: pb.Assessment(OPTIONS, CRITERIA, SCORES, description=3),
            "Assessment",
            "description",
            "3",
            id="description",
        ),
        pytest.param(
            lambda: pb.Assessment(OPTIONS, CRITERIA, SCORES, name=["x"]),
            "Assessment",
            "name",
            r"\['x'\]",
            id="name",
        ),
        pytest.param(
            lambda: pb.Assessment(OPTIONS, CRITERIA, SCORES, baseline=["A"]),
            "Assessment",
            "baseline",
            r"\['A'\]",
            id="baseline-list",
        ),
        pytest.param(
            lambda: pb.Criterion("Gain", area="E", kind="benefit", description=3),
            "Criterion 'Gain'",
            "description",
            "3",
            id="criterion-description",
        ),
        pytest.param(
            lambda: pb.Criterion("Gain", area="E", kind="benefit", unit=None),
            "Criterion 'Gain'",
            "unit",
            "None",
            id="criterion-unit",
        ),
        pytest.param(
            lambda: pb.Option("A", description=1.5), "Option 'A'", "description", "1.5", id="option"
        ),
        pytest.param(
            lambda: pb.Assessment.from_frame(frame(), None),
            "Assessment.from_frame",
            "criteria",
            "None",
            id="from-frame-criteria-none",
        ),
        pytest.param(
            lambda: pb.Assessment(None, CRITERIA, SCORES),
            "Assessment",
            "options",
            "None",
            id="options-none",
        ),
        pytest.param(
            lambda: pb.Assessment(OPTIONS, None, SCORES),
            "Assessment",
            "criteria",
            "None",
            id="criteria-none",
        ),
        pytest.param(
            lambda: pb.Assessment(3, CRITERIA, SCORES), "Assessment", "options", "3", id="options-3"
        ),
        pytest.param(
            lambda: assessment().subset(options=3), "Assessment.subset", "options", "3", id="subset"
        ),
        pytest.param(lambda: pb.Weights(None, [1.0]), "Weights", "names", "None", id="weights"),
        pytest.param(
            lambda: W.Swing({"Gain": 100, "Harm": 50}, ranges=[("Gain", 0, 1)]),
            "Swing",
            "ranges",
            ".+",
            id="swing-ranges",
        ),
        pytest.param(
            lambda: S.smaa(assessment(), samples=HUGE), "smaa", "samples", ".+", id="samples-huge"
        ),
        pytest.param(
            lambda: S.smaa(assessment(), samples=10, seed=HUGE), "smaa", "seed", ".+", id="seed"
        ),
        pytest.param(
            lambda: S.smaa(assessment(), samples=10, threads=HUGE),
            "smaa",
            "threads",
            ".+",
            id="threads",
        ),
    ],
)
def test_wrong_shapes_and_missing_arguments_are_refused_in_the_one_form(
    make, owner, parameter, got
):
    with refused(owner, parameter, got=got):
        make()


def test_direct_refuses_a_key_that_is_not_a_name():
    with raises(InvalidNameError, ValueError, one_form("Direct", "each key of points", got="1")):
        W.Direct({1: 1, "Harm": 1})


# -- progress -------------------------------------------------------------------------------

ANALYSES: dict[str, Callable[..., object]] = {
    "evaluate": pb.evaluate,
    "compare": pb.compare,
    "stability": S.stability,
    "sweep": lambda a, **k: S.sweep(a, "Gain", **k),
    "smaa": lambda a, **k: S.smaa(a, samples=100_000, **k),
}
REAL = {
    "evaluate": pb.evaluate,
    "compare": pb.compare,
    "stability": S.stability,
    "sweep": S.sweep,
    "smaa": S.smaa,
}


#: The analyses that take a progress function, found by their signatures.
TAKE_PROGRESS = [name for name, f in REAL.items() if "progress" in inspect.signature(f).parameters]


def test_some_analysis_takes_progress():
    # Guards the test below against passing because nothing takes progress.
    assert "smaa" in TAKE_PROGRESS


@pytest.mark.parametrize("name", TAKE_PROGRESS)
@pytest.mark.parametrize("progress", [3, "bar", pb.methods.TOPSIS], ids=["int", "text", "class"])
def test_every_analysis_that_takes_progress_refuses_what_cannot_be_called(
    name, progress, monkeypatch
):
    from powerbalance.methods import _base

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("work began before progress was checked")

    # No scoring may start: a refusal must come before any work, not at the first call.
    monkeypatch.setattr(_base, "scored", never)
    with refused(name, "progress"):
        ANALYSES[name](assessment(), progress=progress)


# -- sizes that cannot fit in memory ----------------------------------------------------------


def test_sample_refuses_more_weight_vectors_than_fit_in_memory(monkeypatch):
    import powerbalance._validate

    monkeypatch.setattr(powerbalance._validate, "physical_memory", lambda: 16 * 2**30)
    with refused(
        "UniformWeights.sample", "samples", r"at most [\d,]+ to fit in memory", "1000000000000"
    ) as info:
        S.UniformWeights().sample(assessment(), samples=10**12)
    assert "It would need 43.7 TiB, and this machine has 16.0 GiB." in str(info.value)
    assert "smaa() itself needs no memory per sample" in str(info.value)


def test_sweep_refuses_an_astronomical_number_of_points_without_overflowing():
    with refused("sweep", "points", r"at most [\d,]+ to fit in memory", "an integer of 401 digits"):
        S.sweep(assessment(), "Gain", points=HUGE)


def test_a_smaa_plan_takes_the_same_memory_however_many_samples():
    # Planning 10**15 samples must not build a list per block (that took minutes and
    # gigabytes); the plan holds counts, and chunks are worked out as they are run.
    arguments: dict[str, Any] = {
        "method": "weighted-sum",
        "weight_information": None,
        "seed": 0,
        "chunk_size": 100_000,
        "backend": "numpy",
        "client": None,
        "progress": None,
        "pairwise": None,
        "threads": 4,
    }
    small = plan(assessment(), samples=10_000, **arguments)
    huge = plan(assessment(), samples=10**15, **arguments)
    assert len(huge.sizes) == -(-(10**15) // 1024)
    assert huge.sizes[-1] == 10**15 - 1024 * (len(huge.sizes) - 1)
    assert list(small.sizes) == [1024] * 9 + [784]
    assert huge.chunks[-1].stop == len(huge.sizes)
    assert sum(len(chunk) for chunk in small.chunks) == len(small.sizes)


# -- silent coercion ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "scores",
    [
        pytest.param([[7 + 1j, 4], [3, 6], [5, 2]], id="list"),
        pytest.param(np.array(SCORES) + 1j, id="complex-array"),
        pytest.param(
            pd.DataFrame(np.array(SCORES) + 1j, index=OPTIONS, columns=["Gain", "Harm"]),
            id="complex-frame",
        ),
    ],
)
def test_complex_scores_are_refused_not_cut_to_their_real_part(scores):
    with raises(
        InvalidScoreError, ValueError, r"option 'A' on criterion 'Gain'.*\(7\+1j\)"
    ) as info:
        if isinstance(scores, pd.DataFrame):
            pb.Assessment.from_frame(scores, CRITERIA)
        else:
            pb.Assessment(OPTIONS, CRITERIA, scores)
    assert "A complex number is not a real one" in str(info.value)


@pytest.mark.parametrize("dtype", [np.float64, np.int64])
def test_a_masked_score_is_missing_not_the_number_under_the_mask(dtype):
    scores = np.ma.masked_array(np.array(SCORES, dtype=dtype), mask=[[0, 0], [0, 1], [0, 0]])
    with raises(InvalidScoreError, ValueError, r"option 'B' on criterion 'Harm' is missing"):
        pb.Assessment(OPTIONS, CRITERIA, scores)


def test_a_masked_array_without_masked_cells_is_taken_as_it_is():
    scores = np.ma.masked_array(SCORES, mask=False)
    assert pb.Assessment(OPTIONS, CRITERIA, scores) == assessment()


@pytest.mark.parametrize(
    ("labels", "axis", "got"),
    [
        pytest.param(["A", np.nan, "C"], "index", "nan", id="nan-index"),
        pytest.param(["A", None, "C"], "index", "(None|nan)", id="none-index"),
        pytest.param(["A", 1, "C"], "index", "1", id="number-index"),
        pytest.param(["Gain", np.nan], "columns", "nan", id="nan-column"),
        pytest.param(["Gain", 2], "columns", "2", id="number-column"),
    ],
)
def test_from_frame_refuses_labels_that_are_not_names(labels, axis, got):
    data = frame().set_axis(labels, axis=0 if axis == "index" else 1)
    with raises(
        InvalidNameError,
        ValueError,
        one_form("Assessment.from_frame", f"each label of frame.{axis}", got=got),
    ):
        pb.Assessment.from_frame(data, CRITERIA)


def test_from_frame_refuses_the_default_range_index():
    with raises(InvalidNameError, ValueError, r"frame\.set_index\('option'\)"):
        pb.Assessment.from_frame(frame().reset_index(drop=True), CRITERIA)


#: Every entry point that takes a number, and the exact error it raises for text or a bool.
TEXT_AND_BOOLEANS: dict[str, tuple[Callable[[object], object], type[PowerbalanceError]]] = {
    "Assessment scores": (NUMBER_ENTRY_POINTS["Assessment scores"], InvalidScoreError),
    "Assessment.with_score": (NUMBER_ENTRY_POINTS["Assessment.with_score"], InvalidParameterError),
    "Assessment.from_frame": (NUMBER_ENTRY_POINTS["Assessment.from_frame"], InvalidScoreError),
    "Criterion scale": (NUMBER_ENTRY_POINTS["Criterion scale"], InvalidParameterError),
    "Weights": (NUMBER_ENTRY_POINTS["Weights"], WeightError),
    "Weights.from_mapping": (NUMBER_ENTRY_POINTS["Weights.from_mapping"], WeightError),
    "Direct": (NUMBER_ENTRY_POINTS["Direct"], WeightError),
    "Swing ranges": (NUMBER_ENTRY_POINTS["Swing ranges"], InvalidParameterError),
    "Uniform": (NUMBER_ENTRY_POINTS["Uniform"], InvalidParameterError),
    "Normal": (NUMBER_ENTRY_POINTS["Normal"], InvalidParameterError),
    "Piecewise": (NUMBER_ENTRY_POINTS["Piecewise"], InvalidParameterError),
    "Exponential": (NUMBER_ENTRY_POINTS["Exponential"], InvalidParameterError),
    "AHP judgement": (NUMBER_ENTRY_POINTS["AHP judgement"], JudgementError),
    "AHP threshold": (NUMBER_ENTRY_POINTS["AHP threshold"], InvalidParameterError),
    "BestWorst judgement": (bwm, JudgementError),
    "VIKOR v": (NUMBER_ENTRY_POINTS["VIKOR v"], InvalidParameterError),
    "Level q": (NUMBER_ENTRY_POINTS["Level q"], InvalidParameterError),
    "IntervalWeights": (NUMBER_ENTRY_POINTS["IntervalWeights"], InvalidParameterError),
}


@pytest.mark.parametrize(
    "value", ["7", True, np.True_, 7 + 0j], ids=["text", "bool", "np-bool", "complex"]
)
@pytest.mark.parametrize(
    ("entry", "error"), TEXT_AND_BOOLEANS.values(), ids=TEXT_AND_BOOLEANS.keys()
)
def test_every_entry_point_refuses_text_booleans_and_complex_numbers_as_numbers(
    entry, error, value
):
    # The constructor refuses them; every other way in agrees.
    with pytest.raises(error):
        entry(value)


def test_direct_with_text_and_a_boolean_is_refused():
    with raises(WeightError, ValueError, one_form("Direct", "points['Gain']", "a number", "'1'")):
        W.Direct({"Gain": "1", "Harm": True})


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda name: pb.Criterion(name, area="E", kind="benefit"), id="criterion"),
        pytest.param(lambda name: pb.Criterion("Gain", area=name, kind="benefit"), id="area"),
        pytest.param(lambda name: pb.Option(name), id="option"),
        pytest.param(lambda name: pb.Weights.from_mapping({name: 1}), id="weights"),
    ],
)
@pytest.mark.parametrize("name", [3, None, float("nan"), True], ids=["int", "none", "nan", "bool"])
def test_names_given_as_numbers_or_none_are_refused(make, name):
    with pytest.raises(InvalidNameError):
        make(name)


# -- odd values anywhere: only PowerbalanceError escapes, nothing is modified -------------

#: Odd values a caller might pass by mistake where another value is expected.
ODD_SAMPLES: list[object] = [
    None,
    True,
    np.True_,
    "7",
    "",
    " ",
    HUGE,
    -HUGE,
    1 + 2j,
    np.complex128(3 + 0j),
    float("nan"),
    float("inf"),
    np.float64("nan"),
    pd.NA,
    b"7",
    object(),
    dict,
    pb.methods.TOPSIS,
    pb.weighting.Equal,
    pb.Assessment,
    [],
    {},
    (),
    [[1, 2], [3]],
    ("A", "Gain", "x"),
    [("A", "Gain", "x")],
    {"A": "x"},
    np.ma.masked_array([1.0, 2.0], mask=[0, 1]),
    np.array([[1 + 1j, 2]]),
    np.array(["a", "b"]),
]

ODD_VALUES = st.one_of(
    st.sampled_from(ODD_SAMPLES),
    # Small enough that an accepted one (samples=500) runs in a moment.
    st.integers(-1_000, 1_000),
    st.integers(2**53, 2**2000),
    st.floats(),
    st.text(max_size=5),
    st.lists(st.one_of(st.integers(), st.text(max_size=3), st.none()), max_size=3),
)

#: The main entry points, each with the name of the parameter the odd value replaces.
ENTRY_POINTS: list[tuple[str, Callable[[object], object]]] = [
    ("Assessment options", lambda v: pb.Assessment(v, CRITERIA, SCORES)),
    ("Assessment criteria", lambda v: pb.Assessment(OPTIONS, v, SCORES)),
    ("Assessment scores", lambda v: pb.Assessment(OPTIONS, CRITERIA, v)),
    ("Assessment cell", lambda v: pb.Assessment(OPTIONS, CRITERIA, [[v, 4], [3, 6], [5, 2]])),
    ("Assessment notes", lambda v: pb.Assessment(OPTIONS, CRITERIA, SCORES, notes=v)),
    ("Assessment uncertainty", lambda v: pb.Assessment(OPTIONS, CRITERIA, SCORES, uncertainty=v)),
    ("Assessment baseline", lambda v: pb.Assessment(OPTIONS, CRITERIA, SCORES, baseline=v)),
    ("Assessment name", lambda v: pb.Assessment(OPTIONS, CRITERIA, SCORES, name=v)),
    ("from_frame frame", lambda v: pb.Assessment.from_frame(v, CRITERIA)),
    ("from_frame criteria", lambda v: pb.Assessment.from_frame(frame(), v)),
    ("from_frame notes", lambda v: pb.Assessment.from_frame(frame(), CRITERIA, notes=v)),
    (
        "from_frame label",
        lambda v: pb.Assessment.from_frame(frame().set_axis(["A", v, "C"]), CRITERIA),
    ),
    (
        "from_frame cell",
        lambda v: pb.Assessment.from_frame(
            pd.DataFrame([[v, 4], [3, 6], [5, 2]], index=OPTIONS, columns=["Gain", "Harm"]),
            CRITERIA,
        ),
    ),
    ("with_score score", lambda v: assessment().with_score("A", "Gain", v)),
    ("with_score option", lambda v: assessment().with_score(v, "Gain", 1)),
    ("subset", lambda v: assessment().subset(options=v)),
    ("Criterion name", lambda v: pb.Criterion(v, area="E", kind="benefit")),
    ("Criterion area", lambda v: pb.Criterion("G", area=v, kind="benefit")),
    ("Criterion kind", lambda v: pb.Criterion("G", area="E", kind=v)),
    ("Criterion scale", lambda v: pb.Criterion("G", area="E", kind="benefit", scale=v)),
    ("Weights values", lambda v: pb.Weights(["a", "b"], v)),
    ("Weights.from_mapping", lambda v: pb.Weights.from_mapping(v)),
    ("Weights.from_mapping point", lambda v: pb.Weights.from_mapping({"a": v, "b": 1})),
    ("Direct", lambda v: W.Direct({"Gain": v, "Harm": 1})),
    ("RankOrderCentroid", lambda v: W.RankOrderCentroid(v)),
    ("AHP", lambda v: W.AHP({("Gain", "Harm"): v})),
    ("BestWorst", bwm),
    ("Uniform", lambda v: uncertainty.Uniform(0, v)),
    ("Piecewise", lambda v: pb.value.Piecewise(points=v)),
    ("evaluate method", lambda v: pb.evaluate(assessment(), method=v)),
    ("evaluate weighting", lambda v: pb.evaluate(assessment(), weighting=v)),
    ("compare methods", lambda v: pb.compare(assessment(), methods=v)),
    ("stability method", lambda v: S.stability(assessment(), method=v)),
    ("sweep criterion", lambda v: S.sweep(assessment(), v)),
    ("sweep points", lambda v: S.sweep(assessment(), "Gain", points=v)),
    ("smaa samples", lambda v: S.smaa(assessment(), samples=v, seed=0)),
    ("smaa seed", lambda v: S.smaa(assessment(), samples=10, seed=v)),
    ("smaa progress", lambda v: S.smaa(assessment(), samples=10, seed=0, progress=v)),
    ("smaa threads", lambda v: S.smaa(assessment(), samples=10, seed=0, threads=v)),
    ("smaa chunk_size", lambda v: S.smaa(assessment(), samples=10, seed=0, chunk_size=v)),
]


def snapshot(value: object) -> object:
    """A copy to compare with afterwards; arrays keep their data and mask."""
    if isinstance(value, np.ma.MaskedArray):
        return ("masked", value.data.copy(), np.ma.getmaskarray(value).copy())
    if isinstance(value, np.ndarray):
        return ("array", value.copy())
    try:
        return ("copy", copy.deepcopy(value))
    except Exception:
        return ("same", value)


def unchanged(before: object, value: object) -> bool:
    kind, *kept = before  # type: ignore[misc]
    if kind == "masked":
        return np.array_equal(kept[0], value.data) and np.array_equal(  # type: ignore[attr-defined]
            kept[1], np.ma.getmaskarray(value)
        )
    if kind == "array":
        return np.array_equal(kept[0], value, equal_nan=kept[0].dtype.kind in "fc")
    if kind == "copy" and isinstance(value, list | dict):
        return repr(kept[0]) == repr(value)
    return True


def escapes(call: Callable[[object], object], value: object) -> str | None:
    """What goes wrong when ``call`` takes ``value``: a foreign error, a changed argument."""
    before = snapshot(value)
    with warnings.catch_warnings():
        # A warning of the package's own is a finding, not a failure; any other (a
        # ComplexWarning, an overflow) would be numpy coercing silently.
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", PowerbalanceWarning)
        try:
            call(value)
        except PowerbalanceError:
            pass
        except Exception as error:
            return f"raised {type(error).__name__}: {error}"
    if not unchanged(before, value):
        return "modified its argument"
    return None


def test_every_odd_value_at_every_entry_point_raises_only_powerbalance_errors():
    failures = [
        f"{name} given {value!r} {problem}"
        for name, call in ENTRY_POINTS
        for value in ODD_SAMPLES
        if (problem := escapes(call, value)) is not None
    ]
    assert failures == []


@settings(max_examples=300)
@given(entry=st.sampled_from(ENTRY_POINTS), value=ODD_VALUES)
def test_odd_values_raise_only_powerbalance_errors_and_change_nothing(entry, value):
    name, call = entry
    problem = escapes(call, value)
    assert problem is None, f"{name} given {value!r} {problem}"


def test_save_refuses_a_study_and_names_write(tmp_path):
    study = pb.examples.load("engage-or-contain")
    with refused("save", "assessment", "an Assessment", "a Study") as info:
        pb.io.save(study, tmp_path / "out.toml")  # type: ignore[arg-type]
    assert "pb.io.write(study, path)" in str(info.value)
    assert not (tmp_path / "out.toml").exists()
