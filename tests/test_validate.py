"""The shared parameter constraints, and the one form of the message of a refused value."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import powerbalance as pb
from powerbalance._validate import (
    Boolean,
    Function,
    HasMethods,
    InstanceOf,
    Integer,
    Interval,
    Names,
    OneOf,
    check,
    check_fits,
    did_you_mean,
    quoted_list,
    refuse,
)
from powerbalance.errors import InvalidParameterError, PowerbalanceError, UnknownNameError

#: "{Owner}: {parameter} must be {expected}; got {value!r}." and then how to fix it.
FORM = re.compile(
    r"^(?P<owner>[^:]+): (?P<parameter>\S+) must be (?P<expected>.+?); "
    r"got (?P<got>.+?)\.(?: (?P<fix>.+))?$"
)


def refusal(*args: object, **kwargs: object) -> InvalidParameterError:
    with pytest.raises(InvalidParameterError) as info:
        check(*args, **kwargs)  # type: ignore[arg-type]
    return info.value


def parts(error: Exception) -> dict[str, str | None]:
    match = FORM.match(str(error))
    assert match, f"not in the one form: {error}"
    return match.groupdict()


# -- the error --------------------------------------------------------------------------


def test_invalid_parameter_error_is_a_value_error_and_a_type_error():
    error = refusal("smaa", "samples", "many", Integer(low=1))
    assert isinstance(error, ValueError)
    assert isinstance(error, TypeError)
    assert isinstance(error, PowerbalanceError)


def test_invalid_name_error_is_a_value_error_too():
    with pytest.raises(ValueError, match="name must be a non-blank string"):
        pb.Criterion(" ", area="Economic", kind="benefit")
    assert issubclass(pb.errors.InvalidNameError, TypeError)


def test_conformance_error_lives_with_the_other_errors():
    assert issubclass(pb.errors.ConformanceError, AssertionError)
    assert issubclass(pb.errors.ConformanceError, PowerbalanceError)
    import powerbalance.testing

    assert "ConformanceError" not in powerbalance.testing.__all__


# -- the message form -------------------------------------------------------------------


def test_the_message_has_one_form():
    error = refusal("sweep", "points", 1, Integer(low=2), fix="Use 101.")
    assert parts(error) == {
        "owner": "sweep",
        "parameter": "points",
        "expected": "a whole number of at least 2",
        "got": "1",
        "fix": "Use 101.",
    }


def test_without_a_fix_the_message_ends_after_the_value():
    assert str(refusal("smaa", "threads", 0, Integer(low=1))) == (
        "smaa: threads must be a whole number of at least 1; got 0."
    )


def test_alternatives_are_joined_with_or():
    error = refusal("smaa", "progress", 3, Function(), None)
    assert parts(error)["expected"] == "a function or None"
    error = refusal("x", "y", 3, Boolean(), OneOf("a"), None)
    assert parts(error)["expected"] == "True or False, 'a' or None"


def test_the_advice_of_the_constraint_comes_before_the_fix():
    error = refusal("smaa", "backend", "dsak", OneOf("numpy", "dask"), fix="See the docs.")
    assert parts(error)["fix"] == "Did you mean 'dask'? See the docs."


def test_a_long_value_is_named_by_its_type():
    error = refusal("evaluate", "assessment", list(range(100)), InstanceOf(pb.Assessment))
    assert parts(error)["got"] == "a list"


def test_a_class_is_named_as_a_class():
    error = refusal("evaluate", "method", pb.methods.TOPSIS, InstanceOf(pb.methods.Method))
    assert parts(error)["got"] == "the class TOPSIS"
    assert parts(error)["fix"] == "Pass an instance, not the class: TOPSIS()."


def test_check_returns_the_value_unchanged():
    value = np.int64(5)
    assert check("smaa", "samples", value, Integer(low=1)) is value
    assert check("smaa", "seed", None, Integer(low=0), None) is None


def test_check_needs_a_constraint():
    with pytest.raises(TypeError):
        check("smaa", "samples", 1)


def test_refuse_writes_the_same_form_with_any_error_class():
    error = refuse(
        "sweep",
        "criterion_or_area",
        "Securty",
        "a criterion or an area",
        fix="Did you mean 'Security'?",
        error=UnknownNameError,
    )
    assert isinstance(error, UnknownNameError)
    assert parts(error)["got"] == "'Securty'"


# -- the constraints --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("constraint", "value", "accepted"),
    [
        (Interval(0, 1), 0, True),
        (Interval(0, 1), 1.0, True),
        (Interval(0, 1), np.float32(0.5), True),
        (Interval(0, 1), 1.5, False),
        (Interval(0, 1, closed="neither"), 0, False),
        (Interval(0, 1, closed="left"), 1, False),
        (Interval(0, 1, closed="right"), 1, True),
        (Interval(), math.nan, False),
        (Interval(), math.inf, False),
        (Interval(), True, False),
        (Interval(), np.bool_(False), False),
        (Interval(), "1", False),
        (Integer(low=2), 2, True),
        (Integer(low=2), np.int32(7), True),
        (Integer(low=2), 1, False),
        (Integer(high=3), 4, False),
        (Integer(), 2.0, False),
        (Integer(), True, False),
        (OneOf("numpy", "dask"), "dask", True),
        (OneOf("numpy", "dask"), "Dask", False),
        (OneOf("numpy", "dask"), None, False),
        (Boolean(), False, True),
        (Boolean(), np.bool_(True), True),
        (Boolean(), 0, False),
        (Function(), len, True),
        (Function(), lambda: None, True),
        (Function(), dict, False),
        (Function(), "len", False),
        (InstanceOf(pb.methods.Method), pb.methods.TOPSIS(), True),
        (InstanceOf(pb.methods.Method), pb.methods.TOPSIS, False),
        (InstanceOf((int, str)), "x", True),
        (HasMethods(("keys",), description="a mapping"), {}, True),
        (HasMethods(("keys",), description="a mapping"), dict, False),
        (Names(["a", "b"]), ["b"], True),
        (Names(["a", "b"]), ("a", "c"), False),
        (Names(["a", "b"]), "a", False),
        (Names(["a", "b"], exactly=True), ["b", "a"], True),
        (Names(["a", "b"], exactly=True), ["a"], False),
        (Names(["a", "b"], exactly=True), ["a", "b", "a"], False),
    ],
)
def test_constraint_accepts(constraint, value, accepted):
    assert constraint.accepts(value) is accepted


@pytest.mark.parametrize(
    ("constraint", "description"),
    [
        (Interval(0, 1), "a number from 0 to 1"),
        (Interval(0, 1, closed="neither"), "a number greater than 0 and less than 1"),
        (Interval(0, None), "a number of at least 0"),
        (Interval(None, 10, closed="neither"), "a number less than 10"),
        (Interval(), "a finite number"),
        (Integer(low=1), "a whole number of at least 1"),
        (Integer(low=0, high=100_000), "a whole number from 0 to 100,000"),
        (Integer(), "a whole number"),
        (OneOf("numpy", "dask"), "'numpy' or 'dask'"),
        (OneOf("a", "b", "c"), "'a', 'b' or 'c'"),
        (Boolean(), "True or False"),
        (Function(), "a function"),
        (InstanceOf(pb.Assessment), "an Assessment"),
        (InstanceOf((pb.Weights, str)), "a Weights or a str"),
        (InstanceOf(pb.Weights, description="fixed weights"), "fixed weights"),
        (Names(["a", "b"], what="criteria"), "a list of criteria among 'a', 'b'"),
        (Names(["a", "b"], what="criteria", exactly=True), "the criteria 'a', 'b', each once"),
    ],
)
def test_constraint_describes_itself(constraint, description):
    assert constraint.describe() == description


@pytest.mark.parametrize(
    ("constraint", "value", "hint"),
    [
        (Integer(low=1), 100.0, "Write it without a decimal point: 100."),
        (Integer(low=1), True, "True and False are not numbers here."),
        (Interval(0, 1), False, "True and False are not numbers here."),
        (OneOf("weighted-sum", "topsis"), "topsys", "Did you mean 'topsis'?"),
        (OneOf("a"), 3, ""),
        (
            Names(["Trade", "Security"]),
            ["Securty"],
            "'Securty' is not one of them. Did you mean 'Security'?",
        ),
        (Names(["Trade"]), "Trade", "Wrap a single name in a list: ['Trade']."),
        (Names(["a", "b", "c"], exactly=True), ["a"], "It leaves out 'b', 'c'."),
        (Names(["a", "b"], exactly=True), ["a", "b", "b"], "It repeats 'b'."),
        (HasMethods(("submit",), description="a client"), object(), "It has no method submit()."),
        (
            InstanceOf(pb.weighting.WeightingScheme),
            pb.weighting.Equal,
            "Pass an instance, not the class: Equal().",
        ),
        (InstanceOf(int), str, ""),
    ],
)
def test_constraint_hints(constraint, value, hint):
    assert constraint.hint(value) == hint


# -- memory ----------------------------------------------------------------------------


def test_check_fits_refuses_with_the_figure_and_a_way_out():
    with pytest.raises(InvalidParameterError) as info:
        check_fits("sweep", "points", 10**9, 100, memory=2**30, fix="Use fewer points.")
    found = parts(info.value)
    assert found["expected"] == "at most 10,737,418 to fit in memory"
    assert "93.1 GiB" in str(info.value)
    assert str(info.value).endswith("Use fewer points.")


def test_check_fits_lets_what_fits_through():
    assert check_fits("sweep", "points", 101, 100, memory=2**30, fix="") == 101


# -- text helpers ----------------------------------------------------------------------


def test_text_helpers_moved_out_of_errors():
    assert not hasattr(pb.errors, "did_you_mean")
    assert not hasattr(pb.errors, "quoted_list")
    assert did_you_mean("equl", ["equal"]) == " Did you mean 'equal'?"
    assert quoted_list(["a", "b", "c"], limit=2) == "'a', 'b' and 1 more"


def test_a_protocol_is_checked_on_the_instance_when_its_class_cannot_tell():
    from typing import Protocol, runtime_checkable

    from powerbalance._validate import InstanceOf

    @runtime_checkable
    class Weighs(Protocol):
        def weigh(self, x: object) -> object: ...

    class Plain:
        pass

    class WithMethod:
        def weigh(self, x: object) -> object:
            return x

    constraint = InstanceOf(Weighs)
    given = Plain()
    assert not constraint.accepts(given)
    given.weigh = lambda x: x  # type: ignore[attr-defined]
    assert constraint.accepts(given)
    assert constraint.accepts(WithMethod())
    assert not constraint.accepts(WithMethod)
    assert not constraint.accepts(Plain())
