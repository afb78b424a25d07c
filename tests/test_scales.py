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
