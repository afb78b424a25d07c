"""Weighting presets: every built-in scheme, with its inputs, is written and read back equal."""

from __future__ import annotations

import pathlib
import warnings

import attrs
import pytest
from samples import PRESETS, small_assessment

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, StudyFileError
from powerbalance.weighting._inputs import FILE_ALTERNATIVES

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
    with pytest.raises(
        pb.errors.WeightError, match=r"Study: presets\['typo'\] must be .*; got 'Gian'"
    ):
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


def inline_preset_file(tmp_path, preset: str) -> pathlib.Path:
    """A study file whose preset ``mine`` is the inline TOML value ``preset``."""
    path = pathlib.Path(preset_file(tmp_path, ""))
    text = path.read_text(encoding="utf-8").replace("[presets.mine]\n", "")
    path.write_text(text + f"[presets]\nmine = {preset}\n", encoding="utf-8")
    return path


def built_in_scheme_names() -> set[str]:
    registry = pb.weighting.registry
    return {
        name
        for name in registry.names()
        if getattr(registry.get(name), "__module__", "").startswith("powerbalance.")
    }


def test_a_file_accepts_exactly_the_registered_scheme_names():
    schema = pb.io.schema()
    described = {
        key.removeprefix("scheme-") for key in schema["$defs"] if key.startswith("scheme-")
    }
    left_to_plugins = set(schema["$defs"]["plugin"]["properties"]["scheme"]["not"]["enum"])
    assert described == left_to_plugins == built_in_scheme_names()


def test_the_samples_cover_every_registered_scheme():
    registry = pb.weighting.registry
    by_class = {registry.get(name): name for name in built_in_scheme_names()}
    assert {by_class[type(scheme)] for scheme in PRESETS.values()} >= (
        built_in_scheme_names() - {"equal", "merec"}
    )


@pytest.mark.parametrize("name", sorted(built_in_scheme_names()))
def test_a_schemes_file_keys_are_its_fields(name):
    cls = pb.weighting.registry.get(name)
    keys = set()
    for field in attrs.fields(cls):
        if field.init:
            keys.add(field.alias)
            keys.update(field.metadata.get(FILE_ALTERNATIVES, {}))
    described = pb.io.schema()["$defs"][f"scheme-{name}"]
    assert set(described["properties"]) - {"scheme"} == keys
    required = {f.alias for f in attrs.fields(cls) if f.init and f.default is attrs.NOTHING}
    assert set(described["required"]) - {"scheme"} == required


def test_value_functions_and_distributions_of_a_file_are_the_registered_ones():
    schema = pb.io.schema()["$defs"]
    shapes = {
        option["properties"]["shape"]["const"] for option in schema["value_function"]["oneOf"]
    }
    assert shapes == set(pb.value.registry.names())
    cell = next(option for option in schema["cell"]["anyOf"] if option["type"] == "object")
    assert set(cell["properties"]["distribution"]["enum"]) == set(pb.uncertainty.registry.names())


@pytest.mark.parametrize(
    ("preset", "message"),
    [
        ('"rank-sum"', "'rank-sum' needs the input ranking"),
        ('{ scheme = "rank-sum" }', "the required key 'ranking' is missing"),
        ('{ scheme = "blend", parts = [{ weighting = "direct", share = 1 }] }', "'direct' needs"),
    ],
)
def test_a_name_needing_inputs_is_refused_in_a_file(tmp_path, preset, message):
    path = inline_preset_file(tmp_path, preset)
    with pytest.raises(StudyFileError) as info:
        pb.io.read(path)
    (problem,) = info.value.problems
    assert message in problem.message
    assert problem.path.startswith("presets.mine")


@pytest.mark.parametrize("name", ["equal", "entropy", "critic", "std-dev", "merec"])
def test_a_parameterless_name_is_a_preset_in_a_file(tmp_path, name):
    path = inline_preset_file(tmp_path, f'"{name}"')
    study = pb.io.read(path)
    assert study.presets["mine"] == pb.weighting.registry.create(name)
