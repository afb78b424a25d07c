"""Third-party schemes and methods found through real entry points."""

import textwrap

import pytest

import powerbalance as pb
from powerbalance.testing import check_weighting


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A distribution on sys.path declaring entry points, as pip would install it."""
    package = tmp_path / "pb_plugin_example"
    package.mkdir()
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """
            import attrs

            import powerbalance as pb

            @attrs.frozen
            class Favourite:
                favourite: str
                factor: float = 2.0

                def weigh(self, assessment):
                    points = {n: 1.0 for n in assessment.criterion_names}
                    points[self.favourite] = self.factor
                    return pb.Weights.from_mapping(points)

            class LastCriterionFirst:
                def weigh(self, assessment):
                    names = assessment.criterion_names
                    points = {n: 1.0 for n in names}
                    points[names[-1]] = 3.0
                    return pb.Weights.from_mapping(points)

            class SumOfMinMax(pb.methods.WeightedSum):
                pass
            """
        )
    )
    dist_info = tmp_path / "pb_plugin_example-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: pb-plugin-example\nVersion: 1.0\n"
    )
    (dist_info / "entry_points.txt").write_text(
        "[powerbalance.weightings]\n"
        "last-first = pb_plugin_example:LastCriterionFirst\n"
        "favourite-first = pb_plugin_example:Favourite\n\n"
        "[powerbalance.methods]\n"
        "sum-of-minmax = pb_plugin_example:SumOfMinMax\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    monkeypatch.delitem(__import__("sys").modules, "pb_plugin_example", raising=False)


def test_a_weighting_scheme_from_an_entry_point_is_found_by_name(installed_plugin):
    assert "last-first" in pb.weighting.registry.names()
    a = pb.examples.load("great-power-cooperation").assessment
    report = pb.evaluate(a, weighting="last-first")
    assert report.weights[a.criterion_names[-1]] == pytest.approx(3 / (a.n_criteria + 2))
    check_weighting("last-first")


def test_a_method_from_an_entry_point_is_found_by_name(installed_plugin):
    assert "sum-of-minmax" in pb.methods.registry.names()
    a = pb.examples.load("great-power-cooperation").assessment
    report = pb.evaluate(a, method="sum-of-minmax")
    assert type(report.method).__name__ == "SumOfMinMax"


def test_without_the_plugin_the_name_is_unknown():
    with pytest.raises(pb.errors.UnknownNameError, match="last-first"):
        pb.weighting.registry.get("last-first")


def test_registering_in_code():
    registry = pb.Registry("weighting scheme")

    @registry.register("first-only")
    class FirstOnly:
        def weigh(self, assessment):
            names = assessment.criterion_names
            return pb.Weights.from_mapping({n: float(n == names[0]) for n in names})

    assert registry.names() == ("first-only",)
    with pytest.raises(pb.errors.InvalidParameterError, match="already registered"):
        registry.add("first-only", dict)
    with pytest.raises(pb.errors.InvalidParameterError, match="lower-case"):
        registry.add("First Only", dict)


STUDY = """\
format = "powerbalance-study/1"

[[criteria]]
name = "Gain"
area = "Economic"
kind = "benefit"

[[criteria]]
name = "Harm"
area = "Security"
kind = "risk"

[[options]]
name = "A"
scores = { Gain = 1, Harm = 2 }

[[options]]
name = "B"
scores = { Gain = 2, Harm = 1 }

[presets]
"""


def test_a_plugin_scheme_with_inputs_is_read_from_a_study_file(installed_plugin, tmp_path):
    path = tmp_path / "study.toml"
    path.write_text(
        STUDY + 'harm-first = { scheme = "favourite-first", favourite = "Harm", factor = 3 }\n'
        '"in a blend" = { scheme = "blend", parts = [\n'
        '  { weighting = { scheme = "favourite-first", favourite = "Gain" }, share = 1 },\n'
        '  { weighting = "equal", share = 1 },\n'
        "] }\n",
        encoding="utf-8",
    )
    study = pb.io.read(path)
    scheme = study.presets["harm-first"]
    assert type(scheme).__name__ == "Favourite"
    assert (scheme.favourite, scheme.factor) == ("Harm", 3)
    assert dict(scheme.weigh(study.assessment)) == {"Gain": 0.25, "Harm": 0.75}
    assert study.presets["in a blend"].weigh(study.assessment)["Gain"] == pytest.approx(
        (2 / 3 + 1 / 2) / 2
    )
    # Written back under its registered name, with the inputs that are not defaults.
    again = tmp_path / "again.toml"
    pb.io.write(study, again)
    assert 'scheme = "favourite-first"' in again.read_text(encoding="utf-8")
    assert pb.io.read(again).presets == study.presets


def test_a_plugin_schemes_inputs_are_checked_in_a_study_file(installed_plugin, tmp_path):
    path = tmp_path / "study.toml"
    path.write_text(
        STUDY + 'typo = { scheme = "favourite-first", favorite = "Harm" }\n'
        'bare = "favourite-first"\n',
        encoding="utf-8",
    )
    with pytest.raises(pb.errors.StudyFileError) as info:
        pb.io.read(path)
    messages = {problem.path: problem.message for problem in info.value.problems}
    assert "Did you mean 'favourite'?" in messages["presets.typo.favorite"]
    assert "needs the input favourite" in messages["presets.bare"]
    assert "pb_plugin_example.Favourite(favourite=" in messages["presets.bare"]
    assert '{scheme = "favourite-first", favourite = "..."}' in messages["presets.bare"]


def test_a_plugin_scheme_needing_inputs_is_refused_by_name(installed_plugin):
    a = pb.examples.load("great-power-cooperation").assessment
    with pytest.raises(pb.errors.InvalidParameterError, match="'favourite-first' needs"):
        pb.evaluate(a, weighting="favourite-first")
    scheme = pb.weighting.registry.get("favourite-first")(favourite=a.criterion_names[0])
    report = pb.evaluate(a, weighting=scheme)
    assert report.weights[a.criterion_names[0]] == pytest.approx(2 / (a.n_criteria + 1))


def test_a_broken_plugin_says_which_entry_point(installed_plugin, tmp_path):
    dist_info = tmp_path / "pb_plugin_broken-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: pb-plugin-broken\nVersion: 1.0\n"
    )
    (dist_info / "entry_points.txt").write_text(
        "[powerbalance.weightings]\nbroken = pb_plugin_missing_module:Scheme\n"
    )
    with pytest.raises(pb.errors.InvalidParameterError, match="pb_plugin_missing_module"):
        pb.weighting.registry.get("broken")
    assert "broken" in pb.weighting.registry.names()
