"""Every format round-trips: save then load gives an equal assessment, as far as it holds.

What each format holds (docs/formats.md):

- TOML, JSON, Excel: everything, including presets and the study's texts.
- CSV long (+ criteria table): criteria in full, scores, notes and uncertainty; no
  option descriptions, baseline, name, description, texts or presets.
- CSV wide (header block): criteria in full and scores only.
"""

from __future__ import annotations

import json
import math

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import PLAIN, rich_assessments

import powerbalance as pb
from powerbalance.model.uncertainty import Normal, Triangular, Uniform
from powerbalance.testing.strategies import assessments

ROUND_TRIP = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# What a CSV table leaves out is said by a DataLossWarning (tests/io/test_safe_writing.py);
# here only what it keeps is checked.
LEAVES_OUT = pytest.mark.filterwarnings("ignore::powerbalance.errors.DataLossWarning")


def only_wide(a: pb.Assessment) -> pb.Assessment:
    """What a wide CSV table holds of an assessment."""
    return attrs.evolve(
        a,
        options=[pb.Option(name) for name in a.option_names],
        notes={},
        uncertainty={},
        baseline=None,
        name="",
        description="",
        scenarios=(),
    )


def only_long(a: pb.Assessment) -> pb.Assessment:
    """What a long CSV table (and its criteria table) holds of an assessment."""
    return attrs.evolve(only_wide(a), notes=a.notes, uncertainty=a.uncertainty)


# -- hypothesis round trips -----------------------------------------------------------------


@ROUND_TRIP
@given(a=rich_assessments())
@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_study_files_round_trip_random_assessments(tmp_path, suffix, a):
    path = tmp_path / f"study{suffix}"
    pb.io.save(a, path)
    assert pb.io.load(path) == a


@LEAVES_OUT
@ROUND_TRIP
@given(a=rich_assessments(text=st.just(""), note=PLAIN))
def test_long_csv_round_trips_random_assessments(tmp_path, a):
    path = tmp_path / "scores.csv"
    pb.io.save(a, path, layout="long")
    assert (tmp_path / "scores.criteria.csv").exists()
    assert pb.io.load(path) == only_long(a)


@ROUND_TRIP
@given(a=assessments())
def test_wide_csv_round_trips_random_assessments(tmp_path, a):
    path = tmp_path / "scores.csv"
    pb.io.save(a, path)
    assert pb.io.load(path) == a


@LEAVES_OUT
@ROUND_TRIP
@given(a=rich_assessments(text=PLAIN, note=PLAIN))
def test_wide_csv_keeps_the_criteria_in_full(tmp_path, a):
    path = tmp_path / "scores.csv"
    pb.io.save(a, path)
    assert pb.io.load(path) == only_wide(a)


# -- the built-in study in every format ---------------------------------------------------


@pytest.fixture(scope="module")
def study():
    return pb.examples.load("great-power-cooperation")


@pytest.mark.parametrize("suffix", [".toml", ".json", ".xlsx"])
def test_the_built_in_study_round_trips_with_its_presets(tmp_path, study, suffix):
    path = tmp_path / f"study{suffix}"
    pb.io.write(study, path)
    again = pb.io.read(path)
    assert again == study
    assert again.presets == study.presets
    assert again.title == study.title


@LEAVES_OUT
def test_the_built_in_study_in_csv_keeps_what_csv_holds(tmp_path, study):
    a = study.assessment
    pb.io.save(a, tmp_path / "wide.csv")
    assert pb.io.load(tmp_path / "wide.csv") == only_wide(a)
    pb.io.save(a, tmp_path / "long.csv", layout="long")
    assert pb.io.load(tmp_path / "long.csv") == only_long(a)


@LEAVES_OUT
def test_load_gives_the_same_ranking_from_every_format(tmp_path, study):
    a = study.assessment
    expected = pb.evaluate(a, method="topsis").ranking
    for name in ("s.toml", "s.json", "s.csv", "s.xlsx"):
        pb.io.save(a, tmp_path / name)
        ranking = pb.evaluate(pb.io.load(tmp_path / name), method="topsis").ranking
        assert ranking.index.tolist() == expected.index.tolist(), name
        np.testing.assert_array_equal(ranking["score"], expected["score"])


def test_excel_holds_uncertainty_notes_and_awkward_text(tmp_path):
    a = pb.Assessment(
        options=[pb.Option("=SUM(A1)", description="  leading spaces"), pb.Option("B")],
        criteria=[
            pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10), unit="%"),
            pb.Criterion("2020", area="Security", kind="risk"),
        ],
        scores=[[6, 1.1], [0.25, 3]],
        notes={("=SUM(A1)", "Gain"): "=1+1 is not a formula", ("B", "2020"): "ünïcödé ✓"},
        uncertainty={
            ("=SUM(A1)", "Gain"): Triangular(4, 5, 8),
            ("B", "2020"): Normal(3, 0.5),
        },
        baseline="B",
    )
    path = tmp_path / "book.xlsx"
    pb.io.save(a, path, presets={"equal": "equal"})
    study = pb.io.read(path)
    assert study.assessment == a
    assert study.presets == {"equal": pb.weighting.Equal()}


def test_uncertainty_cells_in_toml_read_as_written(tmp_path):
    text = pb.examples.text("great-power-cooperation").replace(
        '"Trade tensions eased" = { score = 6,',
        '"Trade tensions eased" = { score = 6, low = 4, high = 8, distribution = "triangular",',
        1,
    )
    path = tmp_path / "uncertain.toml"
    path.write_text(text, encoding="utf-8")
    a = pb.io.load(path)
    assert a.uncertainty == {("Targeted cooperation", "Trade tensions eased"): Triangular(4, 6, 8)}
    pb.io.save(a, tmp_path / "again.toml")
    written = (tmp_path / "again.toml").read_text(encoding="utf-8")
    # mode = score: left out; floats written as floats.
    assert 'distribution = "triangular", low = 4.0, high = 8.0' in written
    assert pb.io.load(tmp_path / "again.toml") == a


def test_a_plain_interval_is_uniform(tmp_path):
    path = tmp_path / "interval.json"
    a = pb.examples.load().assessment
    document = json.loads(_json_of(a, tmp_path))
    document["options"][0]["scores"]["Trade tensions eased"] = {"score": 6, "low": 5, "high": 7}
    path.write_text(json.dumps(document), encoding="utf-8")
    b = pb.io.load(path)
    assert b.uncertainty[("Targeted cooperation", "Trade tensions eased")] == Uniform(5, 7)


def _json_of(a: pb.Assessment, folder) -> str:
    pb.io.save(a, folder / "plain.json")
    return (folder / "plain.json").read_text(encoding="utf-8")


def test_numbers_are_written_exactly(tmp_path):
    awkward = [0.1 + 0.2, 1e-300, 123456789.123456789, 2.0**60, math.pi]
    a = pb.Assessment(
        options=[f"O{i}" for i in range(len(awkward))] + ["Z"],
        criteria=[pb.Criterion("X", area="A", kind="benefit")],
        scores=[[v] for v in awkward] + [[0.0]],
    )
    for name in ("n.toml", "n.json", "n.csv"):
        pb.io.save(a, tmp_path / name)
        assert pb.io.load(tmp_path / name) == a, name
    # openpyxl writes 16 significant digits: a 17th (0.1 + 0.2's last 4) is rounded.
    pb.io.save(a, tmp_path / "n.xlsx")
    b = pb.io.load(tmp_path / "n.xlsx")
    np.testing.assert_array_equal(b.scores, [[float(f"{v:.16g}")] for v in a.scores[:, 0]])
