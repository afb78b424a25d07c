"""ByArea (a value tree) and Blend (a mix of perspectives)."""

import numpy as np
import pytest

import powerbalance as pb


@pytest.fixture(scope="module")
def assessment():
    return pb.examples.load("great-power-cooperation").assessment


def test_by_area_multiplies_area_and_within_weights(assessment):
    area_points = {
        "Security": 40,
        "Economic": 30,
        "Diplomacy": 10,
        "Technology": 10,
        "Environment": 10,
    }
    scheme = pb.weighting.ByArea(areas=pb.weighting.Direct(area_points))
    w = scheme.weigh(assessment)
    by_area = w.by_area(assessment)
    for area, points in area_points.items():
        assert by_area[area] == pytest.approx(points / 100)
        names = assessment.criteria_in(area)
        # Equal within each area by default.
        assert [w[n] for n in names] == pytest.approx([points / 100 / len(names)] * len(names))


def test_by_area_with_a_scheme_per_area(assessment):
    security = assessment.criteria_in("Security")
    ranking = [security[1], security[0], security[2]]
    scheme = pb.weighting.ByArea(
        areas="equal", within={"Security": pb.weighting.RankOrderCentroid(ranking)}
    )
    w = scheme.weigh(assessment)
    share = 1 / len(assessment.areas)
    expected = pb.weighting.rank_order_centroid([1, 1, 1]) * share
    assert [w[n] for n in ranking] == pytest.approx(list(expected))


def test_by_area_rejects_an_unknown_area(assessment):
    scheme = pb.weighting.ByArea(areas="equal", within={"Securty": "equal"})
    with pytest.raises(pb.errors.WeightError, match="Did you mean 'Security'"):
        scheme.weigh(assessment)


def test_by_area_reads_fixed_weights_as_one_scheme_not_one_per_area(assessment):
    # Weights are a mapping too, but of criteria: they must not be taken for areas.
    fixed = pb.weighting.Equal().weigh(assessment)
    scheme = pb.weighting.ByArea(areas="equal", within=fixed)
    with pytest.raises(pb.errors.WeightError, match="not a criterion of the assessment"):
        scheme.weigh(assessment)


def test_blend_mixes_in_proportion_to_shares(assessment):
    names = assessment.criterion_names
    first = pb.weighting.Direct({n: float(i == 0) for i, n in enumerate(names)})
    last = pb.weighting.Direct({n: float(i == len(names) - 1) for i, n in enumerate(names)})
    w = pb.weighting.Blend([(first, 3), (last, 1)]).weigh(assessment)
    assert w[names[0]] == pytest.approx(0.75)
    assert w[names[-1]] == pytest.approx(0.25)
    assert sum(w[n] for n in names[1:-1]) == 0


def test_blend_accepts_a_mapping_of_hashable_schemes(assessment):
    w = pb.weighting.Blend({"equal": 1}).weigh(assessment)
    np.testing.assert_allclose(w.aligned(assessment), 1 / assessment.n_criteria)


@pytest.mark.parametrize(
    ("parts", "error"),
    [
        ([], pb.errors.InvalidParameterError),
        ([("equal", -1)], pb.errors.WeightError),
        ([("equal", 0)], pb.errors.WeightError),
        ([("equal", float("nan"))], pb.errors.WeightError),
        ([("no-such-scheme", 1)], pb.errors.UnknownNameError),
        (["equal"], pb.errors.InvalidParameterError),
    ],
)
def test_blend_rejects_bad_parts(parts, error):
    with pytest.raises(error):
        pb.weighting.Blend(parts)
