"""The conformance kit passes conforming plug-ins and catches broken ones."""

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.errors import ConformanceError
from powerbalance.testing import check_method, check_weighting


@pytest.mark.parametrize(
    "method",
    [
        pb.methods.WeightedSum(),
        pb.methods.WeightedSum(normalization="vector"),
        pb.methods.WeightedProduct(),
        pb.methods.TOPSIS(),
        pb.methods.TOPSIS(normalization="minmax"),
    ],
    ids=repr,
)
def test_built_in_methods_conform(method):
    check_method(method)


class FirstCriterionOnly:
    def weigh(self, assessment):
        names = assessment.criterion_names
        return pb.Weights.from_mapping({n: float(n == names[0]) for n in names})


class Unnormalized:
    def weigh(self, assessment):
        return {n: 2.0 for n in assessment.criterion_names}


class Random:
    def weigh(self, assessment):
        values = np.random.default_rng().random(assessment.n_criteria)
        return pb.Weights.from_mapping(dict(zip(assessment.criterion_names, values, strict=True)))


class Hardcoded:
    def __init__(self, names):
        self.names = names

    def weigh(self, assessment):
        # A bare KeyError on other criteria instead of a clear error.
        return pb.Weights.from_mapping(
            {n: {k: 1 for k in self.names}[n] for n in assessment.criterion_names}
        )


def test_a_conforming_custom_scheme_passes():
    check_weighting(FirstCriterionOnly())


@pytest.mark.parametrize(
    ("scheme", "rule"),
    [
        (Unnormalized(), "must return a Weights object"),
        (Random(), "different weights"),
    ],
)
def test_broken_schemes_are_caught(scheme, rule):
    with pytest.raises(ConformanceError, match=rule):
        check_weighting(scheme)


def test_a_bare_key_error_is_caught():
    names = pb.examples.load("great-power-cooperation").assessment.criterion_names
    with pytest.raises(ConformanceError, match="raised KeyError"):
        check_weighting(Hardcoded(names))


class ReversedSum:
    """Scores options backwards: a dominating option scores lower."""

    def prepare(self, assessment):
        prepared = pb.methods.WeightedSum().prepare(assessment)
        return _Negated(prepared)


class _Negated:
    def __init__(self, inner):
        self.assessment = inner.assessment
        self.normalized = inner.normalized
        self.additive = True
        self._inner = inner

    def score(self, weights):
        return -self._inner.score(weights)

    def details(self, weights):
        return {}

    def contributions(self, weights):
        return -self._inner.contributions(weights)


def test_a_method_that_ranks_backwards_is_caught():
    with pytest.raises(ConformanceError, match="dominates"):
        check_method(ReversedSum())
