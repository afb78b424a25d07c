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
    report = pb.evaluate(pb.scenarios.load("great-power-cooperation"))
    anchor = "critical supply chains hostage to rival suppliers"
    assert anchor in report.to_text().replace("\n    ", " ")
    assert anchor in report.to_markdown()
    assert anchor in report.to_html()
    criteria = report.to_dict()["assessment"]["criteria"]
    assert criteria[2]["anchors"][1] == anchor
    assert criteria[2]["scale"] == [0.0, 10.0]


def test_the_built_in_scenario_anchors_every_criterion():
    a = pb.scenarios.load("great-power-cooperation")
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
