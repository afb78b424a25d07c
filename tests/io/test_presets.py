"""Weighting presets: every built-in scheme, with its inputs, is written and read back equal."""

from __future__ import annotations

import warnings

import pytest
from samples import PRESETS, small_assessment

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, StudyFileError

W = pb.weighting


@pytest.fixture(scope="module")
def assessment():
    return small_assessment()


@pytest.mark.parametrize("suffix", [".toml", ".json", ".xlsx"])
def test_every_built_in_scheme_round_trips(tmp_path, assessment, suffix):
    path = tmp_path / f"presets{suffix}"
    pb.io.save(assessment, path, presets=PRESETS)
    study = pb.io.read(path)
    assert list(study.presets) == list(PRESETS)
    for name, scheme in PRESETS.items():
        assert study.presets[name] == scheme, name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pb.errors.ConsistencyWarning)
        for name, scheme in PRESETS.items():
            assert study.presets[name].weigh(assessment) == scheme.weigh(assessment), name


def test_names_and_fixed_weights_become_schemes(assessment):
    weights = pb.Weights.from_mapping({"Gain": 1, "Jobs": 1, "Harm": 2})
    study = pb.Study(assessment, presets={"equal": "equal", "fixed": weights})
    assert study.presets["equal"] == W.Equal()
    assert study.presets["fixed"] == W.Direct(dict(weights))


def test_a_preset_must_fit_the_assessment(assessment):
    with pytest.raises(pb.errors.WeightError, match=r"Preset 'typo'.*'Gian'"):
        pb.Study(assessment, presets={"typo": W.Direct({"Gian": 1, "Jobs": 1, "Harm": 1})})


def test_a_plain_function_cannot_be_a_preset(assessment):
    with pytest.raises(InvalidParameterError, match="Plain functions cannot be presets"):
        pb.Study(assessment, presets={"f": lambda a: {"Gain": 1}})


@pytest.mark.parametrize("suffix", [".csv", ".xml"])
def test_formats_without_presets_refuse_them(tmp_path, assessment, suffix):
    with pytest.raises(InvalidParameterError, match="cannot hold weighting presets"):
        pb.io.save(assessment, tmp_path / f"x{suffix}", presets={"equal": "equal"})


def preset_file(tmp_path, preset: str) -> str:
    text = (
        'format = "powerbalance-study/1"\n'
        "\n"
        "[[criteria]]\n"
        'name = "Gain"\n'
        'area = "Economic"\n'
        'kind = "benefit"\n'
        "\n"
        "[[criteria]]\n"
        'name = "Harm"\n'
        'area = "Security"\n'
        'kind = "risk"\n'
        "\n"
        "[[options]]\n"
        'name = "A"\n'
        "scores = { Gain = 1, Harm = 2 }\n"
        "\n"
        "[[options]]\n"
        'name = "B"\n'
        "scores = { Gain = 2, Harm = 1 }\n"
        "\n"
        "[presets.mine]\n" + preset
    )
    path = tmp_path / "presets.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("preset", "line", "path", "message"),
    [
        (
            'scheme = "rank-order-centriod"\n',
            22,
            "presets.mine.scheme",
            "Did you mean 'rank-order-centroid'?",
        ),
        (
            'scheme = "direct"\npionts = { Gain = 1 }\n',
            23,
            "presets.mine.pionts",
            "Did you mean 'points'?",
        ),
        (
            'scheme = "direct"\npoints = { Gain = 1, Harm = "lots" }\n',
            23,
            "presets.mine.points.Harm",
            "expected a number; found 'lots'",
        ),
        (
            'scheme = "by-area"\n'
            'areas = { scheme = "direct", points = { Economic = 1, Securty = 1 } }\n',
            21,
            "presets.mine",
            "'Securty'",
        ),
        (
            'scheme = "blend"\nparts = [{ weighting = "entropi", share = 1 }]\n',
            23,
            "presets.mine.parts[0].weighting",
            "Did you mean 'entropy'?",
        ),
    ],
)
def test_preset_problems_are_located(tmp_path, preset, line, path, message):
    with pytest.raises(StudyFileError) as info:
        pb.io.load(preset_file(tmp_path, preset))
    (problem,) = info.value.problems
    assert (problem.line, problem.path) == (line, path), problem
    assert message in problem.message
