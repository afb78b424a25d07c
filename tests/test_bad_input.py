"""Every bad input a user can give raises the right error, naming the culprit.

Each test asserts three things: the exact ``PowerbalanceError`` subclass, the builtin
it also derives from (so ``except ValueError`` keeps working), and a message that
names the option, criterion, file or field at fault.
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest

import powerbalance as pb
from powerbalance.errors import (
    DegenerateCriterionWarning,
    DuplicateNameError,
    InvalidKindError,
    InvalidNameError,
    InvalidParameterError,
    InvalidScoreError,
    MissingScoreError,
    NormalizationError,
    PowerbalanceError,
    ScoreError,
    ShapeError,
    StudyFileError,
    UnknownNameError,
    WeightError,
)
from powerbalance.io._document import FORMAT, study_from_document
from powerbalance.io._problems import Collector


def assessment_from_document(document, source):
    """Read an already parsed study document, raising every problem found."""
    problems = Collector(source)
    study = study_from_document(document, problems)
    problems.raise_if_any()
    return study.assessment


@contextlib.contextmanager
def raises(
    error: type[PowerbalanceError], builtin: type[Exception], match: str
) -> Iterator[pytest.ExceptionInfo[Exception]]:
    """Expect exactly ``error``, which must also be a ``builtin``, with ``match`` in its text."""
    assert issubclass(error, PowerbalanceError)
    assert issubclass(error, builtin)
    with pytest.raises(builtin, match=match) as info:
        yield info
    assert type(info.value) is error, (
        f"expected {error.__name__}, got {type(info.value).__name__}: {info.value}"
    )


GAIN = pb.Criterion("Gain", area="Economic", kind="benefit")
HARM = pb.Criterion("Harm", area="Security", kind="risk")
CRITERIA = [GAIN, HARM]
OPTIONS = ["A", "B", "C"]
SCORES = [[7.0, 4.0], [3.0, 6.0], [5.0, 2.0]]


def assert_json_has_no_nan(text: str) -> None:
    """Parse ``text`` strictly: NaN or Infinity anywhere in it fails the test."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"the JSON holds {constant}")

    json.loads(text, parse_constant=refuse)


def assessment() -> pb.Assessment:
    return pb.Assessment(OPTIONS, CRITERIA, SCORES)


def with_cell(value: object, row: int = 1, column: int = 1) -> list[list[object]]:
    scores: list[list[object]] = copy.deepcopy(SCORES)
    scores[row][column] = value
    return scores


def frame() -> pd.DataFrame:
    return pd.DataFrame(SCORES, index=OPTIONS, columns=["Gain", "Harm"])


ALL_METHODS = [
    pytest.param(pb.methods.WeightedSum, id="weighted-sum"),
    pytest.param(pb.methods.WeightedProduct, id="weighted-product"),
    pytest.param(pb.methods.TOPSIS, id="topsis"),
]

# -- scores ---------------------------------------------------------------------------------


def test_nan_score():
    with raises(InvalidScoreError, ValueError, r"option 'B' on criterion 'Harm'.*NaN"):
        pb.Assessment(OPTIONS, CRITERIA, with_cell(float("nan")))


def test_infinite_score():
    with raises(InvalidScoreError, ValueError, r"option 'B' on criterion 'Harm'.*infinite"):
        pb.Assessment(OPTIONS, CRITERIA, with_cell(float("inf")))


@pytest.mark.parametrize("container", ["list", "object-array"])
def test_text_score(container):
    scores = with_cell("high")
    if container == "object-array":
        scores = np.array(scores, dtype=object)
    with raises(InvalidScoreError, ValueError, r"option 'B' on criterion 'Harm'.*'high'"):
        pb.Assessment(OPTIONS, CRITERIA, scores)


@pytest.mark.parametrize("container", ["list", "object-array"])
def test_boolean_score(container):
    scores = with_cell(True)
    if container == "object-array":
        scores = np.array(scores, dtype=object)
    with raises(InvalidScoreError, ValueError, r"option 'B' on criterion 'Harm'.*True"):
        pb.Assessment(OPTIONS, CRITERIA, scores)


def test_too_few_rows():
    with raises(ShapeError, ValueError, r"shape \(3, 2\); got shape \(2, 2\)"):
        pb.Assessment(OPTIONS, CRITERIA, SCORES[:2])


def test_too_few_columns():
    with raises(ShapeError, ValueError, r"shape \(3, 2\); got shape \(3, 1\)"):
        pb.Assessment(OPTIONS, CRITERIA, [row[:1] for row in SCORES])


def test_duplicate_option_names():
    with raises(DuplicateNameError, ValueError, r"options are named 'A'"):
        pb.Assessment(["A", "B", "A"], CRITERIA, SCORES)


def test_duplicate_criterion_names():
    twin = pb.Criterion("Gain", area="Security", kind="risk")
    with raises(DuplicateNameError, ValueError, r"criteria are named 'Gain'"):
        pb.Assessment(OPTIONS, [GAIN, twin], SCORES)


def test_empty_option_name():
    with raises(InvalidNameError, ValueError, r"^Option: name must be a non-blank string; got ''"):
        pb.Assessment(["A", "", "C"], CRITERIA, SCORES)


def test_blank_criterion_name():
    with raises(
        InvalidNameError, ValueError, r"^Criterion: name must be a non-blank string; got '   '"
    ):
        pb.Criterion("   ", area="Economic", kind="benefit")


def test_blank_area():
    with raises(InvalidNameError, ValueError, r"^Criterion 'Trade': area must be .*; got ''"):
        pb.Criterion("Trade", area="", kind="benefit")


@pytest.mark.parametrize(
    ("make", "owner"),
    [
        pytest.param(lambda: pb.Option(42), "Option", id="option"),
        pytest.param(
            lambda: pb.Assessment(["A", 42, "C"], CRITERIA, SCORES), "Option", id="in-assessment"
        ),
        pytest.param(
            lambda: pb.Criterion(42, area="Economic", kind="benefit"), "Criterion", id="criterion"
        ),
    ],
)
def test_non_string_name(make, owner):
    with raises(
        InvalidNameError,
        TypeError,
        rf"^{owner}: name must be a non-blank string; got 42\. Write it as text: '42'\.",
    ):
        make()


@pytest.mark.parametrize("kind", ["gain", "max", "Benefit"])
def test_unknown_kind(kind):
    with raises(InvalidKindError, ValueError, rf"Criterion 'Trade'.*got '{kind}'"):
        pb.Criterion("Trade", area="Economic", kind=kind)


def test_score_outside_declared_scale():
    gain = pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10))
    scores = with_cell(11.0, row=1, column=0)
    with raises(InvalidScoreError, ValueError, r"option 'B' on criterion 'Gain' is 11, outside"):
        pb.Assessment(OPTIONS, [gain, HARM], scores)


@pytest.mark.parametrize("scale", [(5, 5), (10, 0)])
def test_scale_low_not_below_high(scale):
    with raises(InvalidParameterError, ValueError, r"Criterion 'Gain': scale must be .*low < high"):
        pb.Criterion("Gain", area="Economic", kind="benefit", scale=scale)


def test_zero_options():
    with raises(ShapeError, ValueError, r"at least one option"):
        pb.Assessment([], CRITERIA, np.empty((0, 2)))


def test_zero_criteria():
    with raises(ShapeError, ValueError, r"at least one criterion"):
        pb.Assessment(OPTIONS, [], np.empty((3, 0)))


# -- from_frame -----------------------------------------------------------------------------


def test_from_frame_missing_cell():
    data = frame()
    data.loc["B", "Harm"] = np.nan
    with raises(MissingScoreError, ValueError, r"Option 'B' has no score on criterion 'Harm'"):
        pb.Assessment.from_frame(data, criteria=CRITERIA)


def test_from_frame_extra_column():
    data = frame().assign(Extra=1.0)
    with raises(UnknownNameError, KeyError, r"column 'Extra'"):
        pb.Assessment.from_frame(data, criteria=CRITERIA)


def test_from_frame_missing_column():
    data = frame().drop(columns="Harm")
    with raises(UnknownNameError, KeyError, r"Criterion 'Harm' has no column"):
        pb.Assessment.from_frame(data, criteria=CRITERIA)


def test_from_frame_duplicate_index():
    data = frame().set_axis(["A", "B", "A"], axis=0)
    with raises(DuplicateNameError, ValueError, r"options are named 'A'"):
        pb.Assessment.from_frame(data, criteria=CRITERIA)


# -- weights --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: pb.Weights(["a", "b"], [-0.5, 1.5]), id="constructor"),
        pytest.param(lambda: pb.Weights.from_mapping({"a": -1, "b": 2}), id="from_mapping"),
    ],
)
def test_negative_weight(make):
    with raises(WeightError, ValueError, r"\['a'\] must be a finite number of at least 0; got -"):
        make()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: pb.Weights(["a", "b"], [0.0, 0.0]), id="constructor"),
        pytest.param(lambda: pb.Weights.from_mapping({"a": 0, "b": 0}), id="from_mapping"),
    ],
)
def test_all_zero_weights(make):
    with raises(WeightError, ValueError, r"Every weight is zero"):
        make()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: pb.Weights(["a", "b"], [0.5, float("nan")]), id="constructor"),
        pytest.param(
            lambda: pb.Weights.from_mapping({"a": 1, "b": float("nan")}), id="from_mapping"
        ),
    ],
)
def test_nan_weight(make):
    with raises(WeightError, ValueError, r"\['b'\] must be a finite number of at least 0; got nan"):
        make()


def test_weights_not_summing_to_one():
    with raises(
        WeightError, ValueError, r"Weights: values must sum to 1; got values summing to 1\.1"
    ):
        pb.Weights(["a", "b"], [0.5, 0.6])


def test_direct_unknown_criterion():
    scheme = pb.weighting.Direct({"Gain": 1, "Harms": 1})
    with raises(
        WeightError,
        ValueError,
        r"must be a criterion of the assessment; got 'Harms'.*Did you mean 'Harm'",
    ):
        pb.evaluate(assessment(), weighting=scheme)


def test_direct_missing_criterion():
    scheme = pb.weighting.Direct({"Gain": 1})
    with raises(
        WeightError,
        ValueError,
        r"Direct: every criterion of the assessment must appear; got none for criterion 'Harm'",
    ):
        pb.evaluate(assessment(), weighting=scheme)


def test_rank_order_centroid_duplicate_criterion():
    with raises(DuplicateNameError, ValueError, r"Criterion 'Gain' appears twice"):
        pb.weighting.RankOrderCentroid(["Gain", ["Harm", "Gain"]])


def test_rank_order_centroid_unknown_criterion():
    scheme = pb.weighting.RankOrderCentroid(["Gain", "Harm", "Nope"])
    with raises(
        WeightError,
        ValueError,
        r"RankOrderCentroid: every name must be a criterion of the assessment; got 'Nope'",
    ):
        pb.evaluate(assessment(), weighting=scheme)


# -- evaluate -------------------------------------------------------------------------------


def test_evaluate_unknown_method_name():
    with raises(
        UnknownNameError,
        KeyError,
        r"name must be the name of a known method; got 'topsys'.*Did you mean 'topsis'\?",
    ):
        pb.evaluate(assessment(), method="topsys")


def test_evaluate_unknown_weighting_name():
    with raises(
        UnknownNameError,
        KeyError,
        r"must be the name of a known weighting scheme; got 'equl'.*Did you mean 'equal'\?",
    ):
        pb.evaluate(assessment(), weighting="equl")


def test_evaluate_non_assessment():
    with raises(
        InvalidParameterError,
        ValueError,
        r"^evaluate: assessment must be an Assessment; got a DataFrame\. Build one with",
    ):
        pb.evaluate(frame())


def test_evaluate_a_study_instead_of_its_assessment():
    study = pb.examples.load("engage-or-contain")
    with raises(
        InvalidParameterError, TypeError, r"got a Study\. Pass the assessment it holds: evaluate"
    ):
        pb.evaluate(study)


def test_evaluate_weighting_callable_returning_a_non_mapping():
    def half_and_half(a):
        return [0.5, 0.5]

    with raises(WeightError, ValueError, r"'half_and_half' must return a mapping.*\[0\.5, 0\.5\]"):
        pb.evaluate(assessment(), weighting=half_and_half)


@pytest.mark.parametrize(
    ("column", "criterion"),
    [pytest.param(0, "Gain", id="benefit"), pytest.param(1, "Harm", id="risk")],
)
def test_weighted_product_zero_score(column, criterion):
    a = pb.Assessment(OPTIONS, CRITERIA, with_cell(0.0, row=1, column=column))
    with raises(
        NormalizationError,
        ValueError,
        rf"criterion '{criterion}'.*option 'B'|option 'B'.*criterion '{criterion}'",
    ):
        pb.evaluate(a, method=pb.methods.WeightedProduct())


@pytest.mark.parametrize("method", ALL_METHODS)
def test_unknown_normalization(method):
    with raises(InvalidParameterError, ValueError, r"got 'minmaxx'\. Did you mean 'minmax'\?"):
        method(normalization="minmaxx")


def test_unknown_study():
    with raises(
        UnknownNameError,
        KeyError,
        r"pb.examples.load: name must be the name of a built-in example, .*; got 'nope'",
    ):
        pb.examples.load("nope")


@pytest.mark.parametrize("method", ALL_METHODS)
def test_score_with_wrong_shaped_weights(method):
    prepared = method().prepare(assessment())
    with raises(ShapeError, ValueError, r"shape \(k, 2\).*got shape \(1, 3\)"):
        prepared.score(np.full((1, 3), 1 / 3))


@pytest.mark.parametrize("method", ALL_METHODS)
def test_score_with_a_negative_weight(method):
    prepared = method().prepare(assessment())
    with raises(WeightError, ValueError, r"-0\.1.*'Harm'|'Harm'.*-0\.1"):
        prepared.score(np.array([[0.5, 0.5], [0.6, -0.1]]))


def test_subset_unknown_option():
    with raises(UnknownNameError, KeyError, r"no option named 'Z'"):
        assessment().subset(options=["A", "Z"])


def test_note_keyed_by_unknown_option():
    with raises(UnknownNameError, KeyError, r"note refers to option 'Z'"):
        pb.Assessment(OPTIONS, CRITERIA, SCORES, notes={("Z", "Gain"): "Why."})


# -- parameters: one error, one message form ------------------------------------------------


def one_form(owner: str, parameter: str, expected: str = ".+", got: str = ".+") -> str:
    """The pattern of "{Owner}: {parameter} must be {expected}; got {value!r}. {fix}"."""
    return rf"^{re.escape(owner)}: {re.escape(parameter)} must be {expected}; got {got}\."


def refused(owner: str, parameter: str, expected: str = ".+", got: str = ".+"):
    """Expect InvalidParameterError, a ValueError and a TypeError, in the one form."""
    return raises(InvalidParameterError, TypeError, one_form(owner, parameter, expected, got))


def test_invalid_parameter_error_is_a_value_error_and_a_type_error():
    with pytest.raises(InvalidParameterError) as info:
        pb.sensitivity.smaa(assessment(), samples=0)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, TypeError)


def test_verbs_take_everything_but_the_assessment_by_keyword():
    with pytest.raises(TypeError):
        pb.evaluate(assessment(), "topsis")  # type: ignore[misc]


@pytest.mark.parametrize(
    "verb",
    [
        pytest.param(lambda a, **k: pb.evaluate(a, **k), id="evaluate"),
        pytest.param(
            lambda a, **k: (
                pb.compare(a, methods={"m": k["method"]})
                if "method" in k
                else pb.compare(a, weightings={"w": k["weighting"]})
            ),
            id="compare",
        ),
        pytest.param(lambda a, **k: pb.sensitivity.stability(a, **k), id="stability"),
        pytest.param(lambda a, **k: pb.sensitivity.sweep(a, "Gain", **k), id="sweep"),
    ],
)
def test_a_method_class_is_refused_with_advice_to_pass_an_instance(verb):
    with raises(
        InvalidParameterError,
        TypeError,
        r"method.* must be a method object such as TOPSIS\(\) or a registered name such as "
        r"'topsis'; got the class TOPSIS\. Pass an instance, not the class: TOPSIS\(\)\.$",
    ):
        verb(assessment(), method=pb.methods.TOPSIS)


def test_smaa_refuses_a_method_class():
    with refused("smaa", "method", got="the class TOPSIS"):
        pb.sensitivity.smaa(assessment(), method=pb.methods.TOPSIS)


def test_a_weighting_class_is_refused_with_advice_to_pass_an_instance():
    with raises(InvalidParameterError, TypeError, r"got the class Equal\. .*Equal\(\)"):
        pb.evaluate(assessment(), weighting=pb.weighting.Equal)


@pytest.mark.parametrize(
    ("call", "owner"),
    [
        pytest.param(lambda: pb.evaluate(assessment(), weighting=3), "evaluate", id="evaluate"),
        pytest.param(
            lambda: pb.sensitivity.stability(assessment(), weighting=3), "stability", id="stability"
        ),
        pytest.param(
            lambda: pb.sensitivity.sweep(assessment(), "Gain", weighting=3), "sweep", id="sweep"
        ),
    ],
)
def test_a_weighting_of_the_wrong_type(call, owner):
    with refused(owner, "weighting", r"a weighting scheme such as Equal\(\).*", "3"):
        call()


@pytest.mark.parametrize("verb", ["evaluate", "compare"])
def test_method_of_the_wrong_type(verb):
    with refused(verb, "method" if verb == "evaluate" else "methods['m']", got="3"):
        if verb == "evaluate":
            pb.evaluate(assessment(), method=3)
        else:
            pb.compare(assessment(), methods={"m": 3})


@pytest.mark.parametrize(
    ("verb", "call"),
    [
        pytest.param("compare", lambda: pb.compare(frame()), id="compare"),
        pytest.param("stability", lambda: pb.sensitivity.stability(frame()), id="stability"),
        pytest.param("sweep", lambda: pb.sensitivity.sweep(frame(), "Gain"), id="sweep"),
        pytest.param("smaa", lambda: pb.sensitivity.smaa(frame()), id="smaa"),
    ],
)
def test_every_verb_refuses_what_is_not_an_assessment(verb, call):
    with refused(verb, "assessment", "an Assessment", "a DataFrame"):
        call()


@pytest.mark.parametrize(
    ("arguments", "parameter", "got"),
    [
        pytest.param({"methods": []}, "methods", r"\[\]", id="no-methods"),
        pytest.param({"weightings": {}}, "weightings", r"\{\}", id="no-weightings"),
        pytest.param({"methods": 3}, "methods", "3", id="methods-not-a-collection"),
        pytest.param({"methods": {"": "topsis"}}, "each label in methods", "''", id="blank-label"),
    ],
)
def test_compare_refuses_bad_collections(arguments, parameter, got):
    with refused("compare", parameter, got=got):
        pb.compare(assessment(), **arguments)


def test_compare_asks_to_label_a_method_object_in_a_list():
    with raises(InvalidParameterError, ValueError, r"Give TOPSIS\(.*\) a label: \{'my label'"):
        pb.compare(assessment(), methods=[pb.methods.TOPSIS()])


@pytest.mark.parametrize(
    ("points", "hint"),
    [
        pytest.param(1, "", id="one"),
        pytest.param(2.5, "", id="fraction"),
        pytest.param(101.0, "Write it without a decimal point: 101.", id="whole-float"),
        pytest.param(True, "True and False are not numbers here.", id="bool"),
        pytest.param("101", "", id="text"),
    ],
)
def test_sweep_points_must_be_a_whole_number_of_at_least_2(points, hint):
    with refused("sweep", "points", "a whole number of at least 2") as info:
        pb.sensitivity.sweep(assessment(), "Gain", points=points)
    assert hint in str(info.value)


def test_sweep_refuses_points_that_cannot_fit_in_memory(monkeypatch):
    import powerbalance._validate

    monkeypatch.setattr(powerbalance._validate, "physical_memory", lambda: 16 * 2**30)
    with refused("sweep", "points", r"at most [\d,]+ to fit in memory", "1000000000") as info:
        pb.sensitivity.sweep(assessment(), "Security", points=10**9)
    message = str(info.value)
    assert "It would need 111.8 GiB, and this machine has 16.0 GiB." in message
    assert "Use fewer points, such as 101" in message


def test_sweep_unknown_criterion_or_area_is_in_the_one_form():
    with raises(
        UnknownNameError,
        KeyError,
        one_form("sweep", "criterion_or_area", "a criterion or an area of the assessment", "'Gian'")
        + r" Did you mean 'Gain'\?",
    ):
        pb.sensitivity.sweep(assessment(), "Gian")


def test_sweep_criterion_or_area_must_be_text():
    with refused("sweep", "criterion_or_area", got="3"):
        pb.sensitivity.sweep(assessment(), 3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("arguments", "parameter", "got", "fix"),
    [
        pytest.param({"progress": 3}, "progress", "3", "progress(done, samples)", id="progress"),
        pytest.param({"progress": print}, None, None, None, id="progress-ok"),
        pytest.param({"backend": "spark"}, "backend", "'spark'", "'numpy' runs", id="backend"),
        pytest.param(
            {"backend": "Dask"}, "backend", "'Dask'", "Did you mean 'dask'?", id="backend-case"
        ),
        pytest.param({"client": object()}, "client", ".+", "backend='dask'", id="client-numpy"),
        pytest.param({"pairwise": "yes"}, "pairwise", "'yes'", "None counts", id="pairwise"),
        pytest.param({"pairwise": 1}, "pairwise", "1", "", id="pairwise-int"),
        pytest.param({"threads": 0}, "threads", "0", "such as 4", id="threads"),
        pytest.param(
            {"threads": 2.0}, "threads", "2.0", "without a decimal point", id="threads-float"
        ),
        pytest.param({"samples": 0}, "samples", "0", "10_000", id="samples"),
        pytest.param({"samples": True}, "samples", "True", "not numbers", id="samples-bool"),
        pytest.param({"chunk_size": 2.5}, "chunk_size", "2.5", "100_000", id="chunk-size"),
        pytest.param({"seed": -1}, "seed", "-1", "such as 42", id="seed"),
        pytest.param({"seed": "abc"}, "seed", "'abc'", "such as 42", id="seed-text"),
        pytest.param(
            {"weight_information": {"Gain": 1.0}},
            "weight_information",
            ".+",
            "PerturbedWeights(weights, spread=0.1)",
            id="weight-information",
        ),
        pytest.param(
            {"method": "topsis", "weight_information": pb.sensitivity.UniformWeights},
            "weight_information",
            "the class UniformWeights",
            "UniformWeights()",
            id="weight-information-class",
        ),
    ],
)
def test_smaa_checks_every_argument_up_front(arguments, parameter, got, fix):
    arguments = {"samples": 10, "seed": 0, **arguments}
    if parameter is None:
        pb.sensitivity.smaa(assessment(), **arguments)
        return
    with refused("smaa", parameter, got=got) as info:
        pb.sensitivity.smaa(assessment(), **arguments)
    assert fix in str(info.value)


class NotANumberMethod:
    """A plug-in method whose scores are all NaN."""

    def __repr__(self) -> str:
        return "NotANumberMethod()"

    def prepare(self, a: pb.Assessment) -> NotANumberMethod:
        self.n_options = a.n_options
        return self

    def score(self, weights: np.ndarray) -> np.ndarray:
        return np.full((len(weights), self.n_options), np.nan)


def test_smaa_names_a_method_that_gives_scores_that_are_not_finite():
    with raises(
        ScoreError,
        ValueError,
        one_form(
            "smaa",
            "method",
            "a method that gives every option a finite score",
            "NotANumberMethod\\(\\)",
        ),
    ) as info:
        pb.sensitivity.smaa(assessment(), method=NotANumberMethod(), samples=10, seed=0)
    assert "It gave options 0, 1, 2 the score nan under weight vector 0" in str(info.value)
    assert "Check the method's score()" in str(info.value)


def test_smaa_refuses_before_any_work(monkeypatch):
    from powerbalance.sensitivity.smaa import _chunk

    def never(*args, **kwargs):
        raise AssertionError("a chunk ran")

    monkeypatch.setattr(_chunk, "chunk_counts", never)
    with refused("smaa", "progress"):
        pb.sensitivity.smaa(assessment(), samples=100_000, progress="bar")


@pytest.mark.parametrize(
    ("make", "owner", "parameter", "got"),
    [
        pytest.param(
            lambda: pb.Assessment("A", CRITERIA, SCORES[:1]),
            "Assessment",
            "options",
            "'A'",
            id="options-string",
        ),
        pytest.param(
            lambda: pb.Assessment(OPTIONS, [GAIN, "Harm"], SCORES),
            "Assessment",
            "criteria[1]",
            "'Harm'",
            id="criterion-not-object",
        ),
        pytest.param(
            lambda: pb.Assessment(OPTIONS, CRITERIA, SCORES, notes={("A", "Gain"): 3}),
            "Assessment",
            "notes[('A', 'Gain')]",
            "3",
            id="note-not-text",
        ),
        pytest.param(
            lambda: pb.Assessment(OPTIONS, CRITERIA, SCORES, notes={"A": "x"}),
            "Assessment",
            "each key of notes",
            "'A'",
            id="note-key",
        ),
        pytest.param(
            lambda: pb.Assessment.from_frame(SCORES, criteria=CRITERIA),
            "Assessment.from_frame",
            "frame",
            ".+",
            id="from-frame",
        ),
        pytest.param(
            lambda: assessment().subset(options="A"),
            "Assessment.subset",
            "options",
            "'A'",
            id="subset-string",
        ),
        pytest.param(
            lambda: assessment().with_score("A", "Gain", "high"),
            "Assessment.with_score",
            "score",
            "'high'",
            id="with-score-text",
        ),
        pytest.param(
            lambda: assessment().with_score("A", "Gain", float("nan")),
            "Assessment.with_score",
            "score",
            "nan",
            id="with-score-nan",
        ),
        pytest.param(
            lambda: pb.Weights.from_mapping([("a", 1)]),
            "Weights.from_mapping",
            "points",
            ".+",
            id="weights-not-mapping",
        ),
        pytest.param(
            lambda: pb.Criterion("Gain", area="E", kind="benefit", value_function=3),
            "Criterion 'Gain'",
            "value_function",
            "3",
            id="value-function",
        ),
        pytest.param(
            lambda: pb.Criterion("Gain", area="E", kind="benefit", anchors=("a", "b")),
            "Criterion 'Gain'",
            "anchors",
            ".+",
            id="anchors-without-scale",
        ),
        pytest.param(lambda: pb.methods.VIKOR(v=2), "VIKOR", "v", "2.0", id="vikor-v"),
        pytest.param(lambda: pb.methods.VShape(p=-1), "VShape", "p", "-1.0", id="vshape-p"),
        pytest.param(lambda: pb.methods.Level(q=2, p=1), "Level", "p", "1.0", id="level-order"),
        pytest.param(
            lambda: pb.methods.PROMETHEE(functions=3),
            "PROMETHEE",
            "functions",
            "3",
            id="promethee-functions",
        ),
        pytest.param(
            lambda: pb.methods.PROMETHEE(functions={"Gain": pb.methods.VShape}),
            "PROMETHEE",
            "functions['Gain']",
            "the class VShape",
            id="promethee-function-class",
        ),
        pytest.param(
            lambda: pb.methods.PROMETHEE(default="usual"),
            "PROMETHEE",
            "default",
            "'usual'",
            id="promethee-default",
        ),
        pytest.param(
            lambda: pb.methods.TOPSIS(normalization="minmaxx"),
            "TOPSIS",
            "normalization",
            "'minmaxx'",
            id="normalization",
        ),
    ],
)
def test_constructors_refuse_parameters_in_the_one_form(make, owner, parameter, got):
    with refused(owner, parameter, got=got):
        make()


def test_weights_from_mapping_refuses_a_bool_point():
    with raises(
        WeightError, ValueError, one_form("Weights.from_mapping", "points['a']", "a number", "True")
    ):
        pb.Weights.from_mapping({"a": True, "b": 1})


# -- degenerate criteria --------------------------------------------------------------------

DEFINED_METHODS = [
    pytest.param(cls(normalization=n), id=f"{label}-{n}")
    for label, cls, normalizations in [
        ("weighted-sum", pb.methods.WeightedSum, ("minmax", "max", "vector", "sum", "linear")),
        ("weighted-product", pb.methods.WeightedProduct, ("linear", "sum", "vector")),
        ("topsis", pb.methods.TOPSIS, ("minmax", "max", "vector", "sum", "linear")),
    ]
    for n in normalizations
]


def assert_report_is_finite(report: pb.Report) -> None:
    assert np.isfinite(report.scores).all()
    ranking = report.ranking
    assert not ranking.isna().any().any()
    assert np.isfinite(ranking.to_numpy(dtype=float)).all()
    assert np.isfinite(report.contributions.to_numpy(dtype=float)).all()
    assert np.isfinite(report.by_area.to_numpy(dtype=float)).all()
    assert_json_has_no_nan(report.to_json())


@pytest.mark.parametrize("kind", ["benefit", "risk"])
@pytest.mark.parametrize("method", DEFINED_METHODS)
def test_constant_criterion_warns_and_scores_stay_finite(method, kind):
    flat = pb.Criterion("Flat", area="Diplomacy", kind=kind)
    scores = [[7.0, 4.0, 5.0], [3.0, 6.0, 5.0], [5.0, 2.0, 5.0]]
    a = pb.Assessment(OPTIONS, [GAIN, HARM, flat], scores)
    with pytest.warns(DegenerateCriterionWarning, match=r"criterion 'Flat'"):
        report = pb.evaluate(a, method=method)
    assert_report_is_finite(report)


@pytest.mark.parametrize("method", DEFINED_METHODS)
def test_every_criterion_constant_warns_for_each_and_scores_stay_finite(method):
    a = pb.Assessment(OPTIONS, CRITERIA, [[5.0, 2.0]] * 3)
    with pytest.warns(DegenerateCriterionWarning) as caught:
        report = pb.evaluate(a, method=method)
    messages = [str(w.message) for w in caught if w.category is DegenerateCriterionWarning]
    assert any("'Gain'" in m for m in messages)
    assert any("'Harm'" in m for m in messages)
    assert_report_is_finite(report)
    # Nothing separates the options, so they share first place.
    assert report.ranking["rank"].tolist() == [1, 1, 1]


# -- study documents ---------------------------------------------------------------------


def document() -> dict:
    return {
        "format": FORMAT,
        "name": "tiny",
        "criteria": [
            {"name": "Gain", "area": "Economic", "kind": "benefit"},
            {"name": "Harm", "area": "Security", "kind": "risk"},
        ],
        "options": [
            {"name": "A", "scores": {"Gain": {"score": 3}, "Harm": {"score": 4}}},
            {"name": "B", "scores": {"Gain": 5, "Harm": 1}},
        ],
    }


def test_document_is_valid_as_given():
    a = assessment_from_document(document(), "tiny.toml")
    assert a.option_names == ("A", "B")


def test_document_unknown_top_level_key():
    doc = document()
    doc["critera"] = doc.pop("criteria")
    with raises(
        StudyFileError,
        ValueError,
        r"^tiny\.toml: critera: unknown key 'critera'\. Did you mean 'criteria'\?",
    ):
        assessment_from_document(doc, "tiny.toml")


def test_document_criterion_with_bad_kind():
    doc = document()
    doc["criteria"][1]["kind"] = "gain"
    with raises(StudyFileError, ValueError, r"^tiny\.toml: criteria\[1\].*'Harm'.*'gain'"):
        assessment_from_document(doc, "tiny.toml")


def test_document_missing_score():
    doc = document()
    del doc["options"][0]["scores"]["Harm"]
    with raises(
        StudyFileError,
        ValueError,
        r"^tiny\.toml: options\[0\]\.scores: option 'A' has no score for criterion 'Harm'",
    ):
        assessment_from_document(doc, "tiny.toml")


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param({"score": "high"}, id="table"),
        pytest.param("high", id="bare"),
        pytest.param({"score": True}, id="boolean"),
    ],
)
def test_document_non_numeric_score(cell):
    doc = document()
    doc["options"][1]["scores"]["Gain"] = cell
    value = re.escape(repr(cell["score"] if isinstance(cell, dict) else cell))
    with raises(
        StudyFileError,
        ValueError,
        rf"^tiny\.toml: options\[1\]\.scores\.Gain: expected a number; found {value}",
    ):
        assessment_from_document(doc, "tiny.toml")
