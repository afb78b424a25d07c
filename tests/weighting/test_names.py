"""Schemes by name: one registry holds every built-in scheme under its file name.

A name alone builds a scheme without inputs wherever a scheme is taken; a name whose
scheme needs inputs is refused with a message naming them and showing how to give them.
"""

from __future__ import annotations

import attrs
import pytest

import powerbalance as pb
from powerbalance.errors import InvalidParameterError

REGISTRY = pb.weighting.registry

#: Every built-in scheme by its name in a study file.
BUILT_IN = {
    "equal": pb.weighting.Equal,
    "direct": pb.weighting.Direct,
    "rank-order-centroid": pb.weighting.RankOrderCentroid,
    "rank-sum": pb.weighting.RankSum,
    "rank-reciprocal": pb.weighting.RankReciprocal,
    "swing": pb.weighting.Swing,
    "ahp": pb.weighting.AHP,
    "ahp-group": pb.weighting.AHPGroup,
    "best-worst": pb.weighting.BestWorst,
    "entropy": pb.weighting.Entropy,
    "critic": pb.weighting.CRITIC,
    "std-dev": pb.weighting.StdDev,
    "merec": pb.weighting.MEREC,
    "by-area": pb.weighting.ByArea,
    "blend": pb.weighting.Blend,
}
PARAMETERLESS = ["equal", "entropy", "critic", "std-dev", "merec"]
NEEDING_INPUTS = sorted(set(BUILT_IN) - set(PARAMETERLESS))


def built_in_names() -> set[str]:
    """The registered names whose class is part of powerbalance (not a plug-in)."""
    return {
        name
        for name in REGISTRY.names()
        if getattr(REGISTRY.get(name), "__module__", "").startswith("powerbalance.")
    }


def test_every_built_in_scheme_is_registered_under_its_file_name():
    assert built_in_names() == set(BUILT_IN)
    for name, cls in BUILT_IN.items():
        assert REGISTRY.get(name) is cls, name


def test_the_module_registry_is_the_family_registry():
    assert pb.weighting.registry is pb.registry.weightings
    assert pb.value.registry is pb.registry.value_functions
    assert pb.uncertainty.registry is pb.registry.distributions


def test_which_schemes_need_inputs():
    without = sorted(name for name in BUILT_IN if not REGISTRY.required_inputs(name))
    assert without == sorted(PARAMETERLESS)
    assert REGISTRY.required_inputs("best-worst") == (
        "best",
        "worst",
        "best_to_others",
        "others_to_worst",
    )


@pytest.fixture(scope="module")
def assessment():
    return pb.examples.load("engage-or-contain").assessment


@pytest.mark.parametrize("name", PARAMETERLESS)
def test_a_parameterless_name_resolves_wherever_a_scheme_is_taken(name):
    assessment = pb.examples.load("great-power-cooperation").assessment
    scheme = REGISTRY.create(name)
    weights = pb.weighting.apply_weighting(scheme, assessment)
    report = pb.evaluate(assessment, weighting=name)
    assert report.weights == weights
    comparison = pb.compare(assessment, weightings=[name], methods=["weighted-sum"])
    assert comparison is not None
    pb.sensitivity.stability(assessment, weighting=name)
    pb.sensitivity.sweep(assessment, assessment.criterion_names[0], weighting=name, points=3)
    study = pb.Study(assessment, presets={"by name": name})
    assert study.presets["by name"] == scheme


@pytest.mark.parametrize("name", NEEDING_INPUTS)
def test_a_name_needing_inputs_says_which_and_how(assessment, name):
    cls = BUILT_IN[name]
    required = [
        field.alias for field in attrs.fields(cls) if field.init and field.default is attrs.NOTHING
    ]
    with pytest.raises(InvalidParameterError) as info:
        pb.evaluate(assessment, weighting=name)
    message = str(info.value)
    assert f"The weighting scheme {name!r} needs" in message
    for key in required:
        assert key in message
    assert f"pb.weighting.{cls.__name__}({required[0]}=" in message
    assert f'{{scheme = "{name}", {required[0]} = ' in message
    assert "in a study file" in message


def test_the_rank_order_centroid_message_in_full(assessment):
    with pytest.raises(InvalidParameterError) as info:
        pb.evaluate(assessment, weighting="rank-order-centroid")
    message = str(info.value)
    assert "needs the input ranking" in message
    assert "pb.weighting.RankOrderCentroid(ranking=[...]) in Python" in message
    assert '{scheme = "rank-order-centroid", ranking = [...]} in a study file' in message
    assert "'equal'" in message  # names that do work alone


def test_the_file_form_of_ahp_judgements_is_an_array_of_tables():
    with pytest.raises(InvalidParameterError, match=r"judgements = \[\{first = \.\.\."):
        REGISTRY.create("ahp")


@pytest.mark.parametrize(
    "call",
    [
        lambda a: pb.compare(a, weightings=["rank-sum"], methods=["weighted-sum"]),
        lambda a: pb.sensitivity.stability(a, weighting="rank-sum"),
        lambda a: pb.sensitivity.sweep(a, a.criterion_names[0], weighting="rank-sum"),
        lambda a: pb.Study(a, presets={"p": "rank-sum"}),
        lambda a: pb.weighting.Blend([("rank-sum", 1)]),
    ],
    ids=["compare", "stability", "sweep", "study preset", "blend part"],
)
def test_every_verb_refuses_a_name_needing_inputs_the_same_way(assessment, call):
    with pytest.raises(InvalidParameterError, match="'rank-sum' needs the input ranking"):
        call(assessment)
