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
            import powerbalance as pb

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
        "last-first = pb_plugin_example:LastCriterionFirst\n\n"
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
