"""The Registry mechanism: names, factories, and a name refused when its object needs inputs."""

from __future__ import annotations

import attrs
import numpy as np
import pytest

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, UnknownNameError


def test_create_builds_an_object_without_inputs():
    registry = pb.Registry("greeting")

    @registry.register("hello")
    @attrs.frozen
    class Hello:
        loud: bool = False

    assert registry.create("hello") == Hello()
    assert registry.required_inputs("hello") == ()


def test_create_names_the_inputs_of_an_attrs_class():
    registry = pb.Registry("greeting", file_key="kind")

    @registry.register("named")
    @attrs.frozen
    class Named:
        name: str
        friends: list[str]
        loud: bool = False

    with pytest.raises(InvalidParameterError) as info:
        registry.create("named")
    message = str(info.value)
    assert "The greeting 'named' needs the inputs name and friends" in message
    assert f'{Named.__module__}.{Named.__qualname__}(name="...", friends=[...])' in message
    assert '{kind = "named", name = "...", friends = [...]} in a study file' in message
    assert registry.required_inputs("named") == ("name", "friends")


def test_create_names_the_parameters_of_a_plain_class():
    registry = pb.Registry("method")

    @registry.register("scaled")
    class Scaled:
        def __init__(self, factor: float, *, offset: float = 0.0) -> None:
            self.factor = factor

    with pytest.raises(InvalidParameterError, match=r"needs the input factor") as info:
        registry.create("scaled")
    # No file form for a family that files do not name.
    assert "study file" not in str(info.value)


def test_a_private_attrs_field_is_named_by_its_argument():
    registry = pb.Registry("thing")

    @registry.register("private")
    @attrs.frozen
    class Private:
        _secret: int

    assert registry.required_inputs("private") == ("secret",)


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(UnknownNameError, match=r"Did you mean 'entropy'\?"):
        pb.weighting.registry.create("entropi")


def test_built_in_methods_are_named_through_their_family():
    assert pb.methods.registry.create("topsis") == pb.methods.TOPSIS()


def test_value_functions_and_distributions_by_name():
    assert pb.value.registry.names() == ("exponential", "linear", "piecewise")
    assert pb.value.registry.get("exponential") is pb.value.Exponential
    with pytest.raises(InvalidParameterError, match=r"pb\.value\.Piecewise\(points=\[\.\.\.\]\)"):
        pb.value.registry.create("piecewise")
    assert pb.uncertainty.registry.names() == ("normal", "pert", "triangular", "uniform")
    with pytest.raises(InvalidParameterError, match=r'\{distribution = "uniform", low = \.\.\.'):
        pb.uncertainty.registry.create("uniform")


@attrs.frozen(kw_only=True)
class Step:
    """A value function that is 0 below a level and 100 from it on."""

    level: float

    def values(self, performance, worst, best):
        x = np.asarray(performance, dtype=float)
        return np.where((x >= self.level) == (best > worst), 100.0, 0.0)


def test_a_registered_value_function_is_read_and_written_by_its_name(tmp_path, monkeypatch):
    monkeypatch.setitem(pb.value.registry._factories, "step", Step)
    path = tmp_path / "study.toml"
    path.write_text(
        'format = "powerbalance-study/1"\n\n'
        "[[criteria]]\n"
        'name = "Gain"\narea = "Economic"\nkind = "benefit"\nscale = [0, 10]\n'
        'value_function = { shape = "step", level = 5 }\n\n'
        '[[options]]\nname = "A"\nscores = { Gain = 6 }\n\n'
        '[[options]]\nname = "B"\nscores = { Gain = 4 }\n',
        encoding="utf-8",
    )
    study = pb.io.read(path)
    assert study.assessment.criteria[0].value_function == Step(level=5)
    again = tmp_path / "again.toml"
    pb.io.write(study, again)
    assert 'shape = "step"' in again.read_text(encoding="utf-8")
    assert pb.io.read(again).assessment == study.assessment


def test_a_built_in_is_imported_when_its_name_is_first_looked_up(tmp_path, monkeypatch):
    import sys

    (tmp_path / "greetings_module.py").write_text("class Hello:\n    pass\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = pb.Registry("greeting", builtins={"hello": "greetings_module:Hello"})
    assert registry.names() == ("hello",)
    assert "greetings_module" not in sys.modules
    monkeypatch.delitem(sys.modules, "greetings_module", raising=False)  # gone afterwards
    found = registry.get("hello")
    assert found.__module__ == "greetings_module"
    assert registry.name_of(found) == "hello"


def test_a_built_in_may_register_itself_but_its_name_is_taken_for_others():
    from fractions import Fraction

    registry = pb.Registry("number", builtins={"fraction": "fractions:Fraction"})
    registry.add("fraction", Fraction)  # as a built-in's own decorator does
    assert registry.get("fraction") is Fraction
    with pytest.raises(InvalidParameterError, match=r"already registered to <class 'fractions"):
        pb.Registry("number", builtins={"fraction": "fractions:Fraction"}).add("fraction", dict)
    with pytest.raises(InvalidParameterError, match=r"already registered to .*TOPSIS"):
        pb.methods.registry.add("topsis", dict)


def test_an_unknown_name_is_matched_against_the_built_ins_not_yet_imported():
    registry = pb.Registry("number", builtins={"fraction": "fractions:Fraction"})
    with pytest.raises(UnknownNameError, match=r"Did you mean 'fraction'\?"):
        registry.get("fractoin")


def test_name_of_an_unregistered_class_is_none():
    assert pb.methods.registry.name_of(pb.methods.TOPSIS) == "topsis"
    assert pb.methods.registry.name_of(Step) is None
