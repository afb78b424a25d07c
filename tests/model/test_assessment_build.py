"""Building an assessment: options kept as names until asked for, checks over whole arrays.

The fast paths must refuse exactly what the per-item rules refuse, and the assessments
they build must be indistinguishable from those built from Option objects.
"""

import pickle

import numpy as np
import pandas as pd
import pytest

import powerbalance as pb
from powerbalance.errors import (
    DuplicateNameError,
    InvalidNameError,
    InvalidScoreError,
    MissingScoreError,
    UnknownNameError,
)

GAIN = pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10))
HARM = pb.Criterion("Harm", area="Security", kind="risk")
CRITERIA = [GAIN, HARM]


def many(n=200):
    names = [f"Option {i}" for i in range(n)]
    scores = np.column_stack([np.arange(n) % 11, np.arange(n) * 0.5])
    return names, scores


def test_options_by_name_equal_options_as_objects():
    names, scores = many()
    by_name = pb.Assessment(names, CRITERIA, scores)
    as_objects = pb.Assessment([pb.Option(n) for n in names], CRITERIA, scores)
    assert by_name == as_objects
    assert by_name.options == as_objects.options
    assert repr(by_name) == repr(as_objects)
    assert by_name.option("Option 7") == pb.Option("Option 7")
    assert by_name.options[7] is by_name.options[7]  # made once, then kept


def test_descriptions_are_kept_and_compared():
    plain = pb.Assessment(["A", "B"], CRITERIA, [[1, 2], [3, 4]])
    described = pb.Assessment(
        ["A", pb.Option("B", description="The other one.")], CRITERIA, [[1, 2], [3, 4]]
    )
    assert described.option("B").description == "The other one."
    assert described != plain
    assert described.option_names == plain.option_names


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        (["A", "A"], DuplicateNameError, "Two options are named 'A'"),
        (["A", " "], InvalidNameError, "name must be a non-blank string"),
        (["A", 3], InvalidNameError, "Write it as text: '3'"),
        (["A", None], InvalidNameError, "A name is missing"),
    ],
)
def test_names_refused_as_before(options, error, words):
    with pytest.raises(error, match=words):
        pb.Assessment(options, CRITERIA, [[1, 2], [3, 4]])


def test_the_first_bad_cell_is_named():
    names, scores = many()
    scores[150, 1] = np.inf
    scores[170, 0] = np.nan
    with pytest.raises(InvalidScoreError, match="option 'Option 150' on criterion 'Harm'"):
        pb.Assessment(names, CRITERIA, scores)


def test_a_list_of_ints_and_floats_is_one_conversion_and_bools_are_still_refused():
    a = pb.Assessment(["A", "B"], CRITERIA, [[1, 2.5], [np.int64(3), np.float32(4)]])
    assert a.scores.dtype == np.float64
    assert a.scores.tolist() == [[1.0, 2.5], [3.0, 4.0]]
    with pytest.raises(InvalidScoreError, match="option 'B' on criterion 'Gain'"):
        pb.Assessment(["A", "B"], CRITERIA, [[1, 2], [True, 4]])
    with pytest.raises(InvalidScoreError, match="option 'A' on criterion 'Harm'"):
        pb.Assessment(["A", "B"], CRITERIA, [[1, 10**400], [3, 4]])


def test_the_callers_array_is_copied_once_and_read_only():
    names, scores = many()
    a = pb.Assessment(names, CRITERIA, scores)
    scores[0, 0] = 9
    assert a.scores[0, 0] == 0
    assert not a.scores.flags.writeable


def test_pickling_keeps_names_and_descriptions():
    names, scores = many()
    plain = pb.Assessment(names, CRITERIA, scores)
    described = pb.Assessment(
        [pb.Option(n, description=f"About {n}.") for n in names], CRITERIA, scores
    )
    for a in (plain, described):
        copy = pickle.loads(pickle.dumps(a))
        assert copy == a
        assert copy.options == a.options


def test_subset_of_many_names_keeps_order_and_refuses_unknown_ones():
    names, scores = many()
    a = pb.Assessment(names, CRITERIA, scores, baseline="Option 3")
    chosen = names[::-3]
    b = a.subset(options=chosen, criteria=["Harm"])
    assert b.option_names == tuple(chosen)
    np.testing.assert_array_equal(b.scores[:, 0], scores[::-3, 1])
    assert b.baseline is None
    assert a.subset(options=names[:100]).baseline == "Option 3"
    assert a.subset(criteria=["Gain"]).baseline == "Option 3"
    with pytest.raises(UnknownNameError, match="no option named 'Option 999'"):
        a.subset(options=[*names[:100], "Option 999"])
    with pytest.raises(DuplicateNameError, match="Option 5"):
        a.subset(options=[*names[:100], "Option 5"])


def test_subset_keeps_descriptions_notes_and_distributions():
    names, scores = many()
    options = [pb.Option(n, description=f"About {n}.") for n in names]
    cells = {("Option 4", "Harm"): pb.uncertainty.Uniform(1.0, 3.0)}
    notes = {("Option 4", "Gain"): "Why.", ("Option 5", "Gain"): "Gone."}
    a = pb.Assessment(options, CRITERIA, scores, notes=notes, uncertainty=cells)
    b = a.subset(options=names[:5][::-1])
    assert b.option("Option 4").description == "About Option 4."
    assert dict(b.notes) == {("Option 4", "Gain"): "Why."}
    assert dict(b.uncertainty) == cells


def test_with_score_checks_the_changed_cell_only_and_equals_a_rebuild():
    names, scores = many()
    cells = {("Option 4", "Harm"): pb.uncertainty.Uniform(1.0, 3.0)}
    a = pb.Assessment(names, CRITERIA, scores, uncertainty=cells)
    b = a.with_score("Option 0", "Harm", 1000.0)
    rebuilt = scores.copy()
    rebuilt[0, 1] = 1000.0
    assert b == pb.Assessment(names, CRITERIA, rebuilt, uncertainty=cells)
    np.testing.assert_array_equal(b.observed_range[1], rebuilt.max(axis=0))
    np.testing.assert_array_equal(b.observed_range[0], rebuilt.min(axis=0))
    assert a.scores[0, 1] == 0  # the original is untouched
    with pytest.raises(InvalidScoreError, match="outside the criterion's scale"):
        a.with_score("Option 1", "Gain", 11)
    with pytest.raises(InvalidScoreError, match="does not include the score 5"):
        a.with_score("Option 4", "Harm", 5)


def test_from_frame_takes_its_own_copy_and_names_problems_as_before():
    names, scores = many()
    frame = pd.DataFrame(scores, index=names, columns=["Gain", "Harm"])
    a = pb.Assessment.from_frame(frame, CRITERIA)
    assert a == pb.Assessment(names, CRITERIA, scores)
    frame.iloc[0, 0] = 7
    assert a.scores[0, 0] == 0
    frame.iloc[30, 1] = np.nan
    with pytest.raises(MissingScoreError, match="'Option 30' has no score on criterion 'Harm'"):
        pb.Assessment.from_frame(frame, CRITERIA)
    repeated = pd.DataFrame(scores[:2], index=["A", "A"], columns=["Gain", "Harm"])
    with pytest.raises(DuplicateNameError, match="Two options are named 'A'"):
        pb.Assessment.from_frame(repeated, CRITERIA)
    blank = pd.DataFrame(scores[:2], index=["A", " "], columns=["Gain", "Harm"])
    with pytest.raises(InvalidNameError, match=r"frame\.index"):
        pb.Assessment.from_frame(blank, CRITERIA)
