"""Local and global scales, their anchors, and swing weights that refer to them."""

import pytest

import powerbalance as pb
from powerbalance.errors import InvalidParameterError


def test_a_global_scale_carries_its_anchors_worst_first():
    risk = pb.Criterion(
        "Escalation",
        area="Security",
        kind="risk",
        scale=(0, 10),
        anchors=("no incidents", "armed clashes"),
    )
    benefit = pb.Criterion(
        "Trade", area="Economic", kind="benefit", scale=(0, 10), anchors=("none", "all")
    )
    assert risk.scale_kind == benefit.scale_kind == "global"
    assert risk.worst_and_best == ((10.0, "armed clashes"), (0.0, "no incidents"))
    assert benefit.worst_and_best == ((0.0, "none"), (10.0, "all"))


def test_without_a_scale_the_scale_is_local():
    criterion = pb.Criterion("Trade", area="Economic", kind="benefit")
    assert criterion.scale_kind == "local"
    assert criterion.worst_and_best is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"anchors": ("only one",)}, "two non-empty texts"),
        ({"anchors": ("", "high")}, "two non-empty texts"),
        ({"anchors": ("low", "high"), "scale": None}, "Give scale=.low, high. as well"),
    ],
)
def test_bad_anchors_name_the_criterion(changes, message):
    arguments = {"scale": (0, 10), **changes}
    with pytest.raises(InvalidParameterError, match=f"Criterion 'Trade'.*{message}"):
        pb.Criterion("Trade", area="Economic", kind="benefit", **arguments)


def test_the_anchors_appear_in_every_rendering_of_the_report():
    report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
    anchor = "critical supply chains hostage to rival suppliers"
    assert anchor in report.to_text().replace("\n    ", " ")
    assert anchor in report.to_markdown()
    assert anchor in report.to_html()
    criteria = report.to_dict()["assessment"]["criteria"]
    assert criteria[2]["anchors"][1] == anchor
    assert criteria[2]["scale"] == [0.0, 10.0]


def test_the_built_in_study_anchors_every_criterion():
    a = pb.examples.load("great-power-cooperation").assessment
    assert all(c.scale_kind == "global" and c.anchors for c in a.criteria)


def local_assessment():
    criteria = [
        pb.Criterion("Gain", area="Economic", kind="benefit"),
        pb.Criterion("Harm", area="Security", kind="risk"),
        pb.Criterion("Reach", area="Diplomacy", kind="benefit", scale=(0, 10)),
    ]
    scores = [[7, 4, 5], [3, 6, 2], [5, 2, 9]]
    return pb.Assessment(["Engage", "Contain", "Hedge"], criteria, scores)


def test_removing_an_option_warns_that_local_swings_moved_naming_the_criteria():
    a = local_assessment()
    swing = pb.weighting.Swing.elicited_on(a, {"Gain": 100, "Harm": 50, "Reach": 20})
    assert dict(swing.ranges) == {"Gain": (3.0, 7.0), "Harm": (2.0, 6.0)}
    # Dropping Hedge moves Harm's range (its low end, 2, goes) but not Gain's.
    with pytest.warns(pb.errors.ScaleRangeWarning) as caught:
        weights = swing.weigh(a.subset(options=["Engage", "Contain"]))
    message = str(caught[0].message)
    assert "'Harm' ran from 2 to 6 and now runs from 4 to 6" in message
    assert "'Gain'" not in message
    # Reach has a fixed scale: its swing does not depend on the options.
    assert "'Reach'" not in message
    assert weights["Gain"] == pytest.approx(100 / 170)


def test_the_same_options_give_no_warning(recwarn):
    a = local_assessment()
    swing = pb.weighting.Swing.elicited_on(a, {"Gain": 100, "Harm": 50, "Reach": 20})
    swing.weigh(a)
    swing.weigh(a.subset(options=["Hedge", "Engage", "Contain"]))
    assert not recwarn.list


def test_swings_without_recorded_ranges_never_warn(recwarn):
    a = local_assessment()
    swing = pb.weighting.Swing({"Gain": 100, "Harm": 50, "Reach": 20})
    swing.weigh(a.subset(options=["Engage", "Contain"]))
    assert not recwarn.list


# -- value functions on criteria --------------------------------------------------------


def piecewise_assessment():
    # Jobs on a global 0-100 scale, valued through (0, 0), (50, 80), (100, 100):
    # the first half of the scale is worth 80 points, the second 20. Harm is a risk
    # on a local scale (1 to 3), valued linearly.
    jobs = pb.Criterion(
        "Jobs",
        area="Economic",
        kind="benefit",
        scale=(0, 100),
        value_function=pb.value.Piecewise(points=[(0, 0), (50, 80), (100, 100)]),
    )
    harm = pb.Criterion("Harm", area="Security", kind="risk")
    return pb.Assessment(["A", "B", "C"], [jobs, harm], [[25, 1], [50, 2], [75, 3]])


def test_to_values_applies_each_criterion_value_function():
    values = piecewise_assessment().to_values()
    # Jobs: 25 -> 40, 50 -> 80, 75 -> 80 + 20 * 25/50 = 90. Harm: 1 -> 100, 3 -> 0.
    assert values.to_dict() == {
        "Jobs": {"A": 40.0, "B": 80.0, "C": 90.0},
        "Harm": {"A": 100.0, "B": 50.0, "C": 0.0},
    }


def test_evaluate_on_values_with_a_piecewise_function_gives_the_hand_computed_result():
    # Weights 3:1 on Jobs and Harm. Weighted sum of values / 100:
    #   A: 0.75 * 0.40 + 0.25 * 1.0 = 0.55
    #   B: 0.75 * 0.80 + 0.25 * 0.5 = 0.725
    #   C: 0.75 * 0.90 + 0.25 * 0.0 = 0.675
    report = pb.evaluate(
        piecewise_assessment(),
        weighting=pb.weighting.Direct({"Jobs": 3, "Harm": 1}),
        method=pb.methods.WeightedSum(normalization="value"),
    )
    assert report.ranking["score"].to_dict() == pytest.approx(
        {"B": 0.725, "C": 0.675, "A": 0.55}, abs=1e-12
    )
    assert list(report.ranking.index) == ["B", "C", "A"]
    # On raw scores (min-max) the linear reading ranks C first instead.
    raw = pb.evaluate(
        piecewise_assessment(),
        weighting=pb.weighting.Direct({"Jobs": 3, "Harm": 1}),
        method=pb.methods.WeightedSum(),
    )
    assert raw.ranking.index[0] == "C"


def test_a_flat_local_criterion_is_worth_100_to_every_option():
    flat = pb.Criterion("Flat", area="X", kind="benefit")
    gain = pb.Criterion("Gain", area="X", kind="benefit")
    a = pb.Assessment(["A", "B"], [flat, gain], [[4, 1], [4, 2]])
    assert a.to_values()["Flat"].tolist() == [100.0, 100.0]


def test_a_value_function_that_does_not_fit_the_scale_is_a_clear_error():
    jobs = pb.Criterion(
        "Jobs",
        area="Economic",
        kind="benefit",
        scale=(0, 200),
        value_function=pb.value.Piecewise(points=[(0, 0), (100, 100)]),
    )
    a = pb.Assessment(["A", "B"], [jobs], [[10], [20]])
    with pytest.raises(pb.errors.PowerbalanceError, match="Criterion 'Jobs', value function"):
        a.to_values()


def test_value_function_must_be_a_value_function():
    with pytest.raises(InvalidParameterError, match="Criterion 'Jobs': value_function"):
        pb.Criterion("Jobs", area="Economic", kind="benefit", value_function=lambda x: x)
