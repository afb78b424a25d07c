"""The report of an assessment with a cost: costs by area apart from risks, everywhere."""

from __future__ import annotations

import pytest

import powerbalance as pb


def flood() -> pb.Assessment:
    return pb.Assessment(
        ["Wall", "Wetland", "Nothing"],
        [
            pb.Criterion("Homes protected", area="Safety", kind="benefit"),
            pb.Criterion("Flood risk left", area="Safety", kind="risk"),
            pb.Criterion("Capital cost", area="Money", kind="cost", unit="£m"),
        ],
        [[9000, 1, 620], [7000, 5, 380], [0, 9, 0]],
    )


def test_by_area_has_a_cost_measure_only_with_a_cost():
    report = pb.evaluate(flood())
    measures = list(dict.fromkeys(report.by_area.columns.get_level_values("measure")))
    assert measures == ["benefit", "risk", "cost", "net"]
    # Wall: min-max 1 on homes, 1 on risk (lowest), 0 on cost (highest); weights 1/3.
    assert report.by_area.loc["Wall", ("Money", "cost")] == pytest.approx(1 / 3)
    assert report.by_area.loc["Wall", ("Money", "risk")] == 0
    assert report.by_area.loc["Wall", ("Money", "net")] == pytest.approx(-1 / 3)
    plain = pb.evaluate(pb.examples.load().assessment).by_area
    assert "cost" not in plain.columns.get_level_values("measure")


def test_the_report_words_and_data_speak_of_costs():
    report = pb.evaluate(flood())
    text = report.to_text()
    assert "Benefits, risks and costs by area" in text
    assert "Net value by area (weighted benefit minus weighted risk and cost)" in text
    assert "total weight of the risk and cost criteria (0.667)" in " ".join(text.split())
    html = report.to_html()
    assert 'data-measure="cost"' in html
    assert "url(#pb-cost-" in html
    data = report.to_dict()
    assert set(data["by_area"]["Wall"]["Money"]) == {"benefit", "risk", "cost", "net"}
    assert set(data["benefit_risk"]["Wall"]) == {"benefit", "risk", "cost", "efficient"}
    assert data["assessment"]["criteria"][2]["kind"] == "cost"


def test_without_costs_the_report_data_is_as_before():
    data = pb.evaluate(pb.examples.load().assessment).to_dict()
    option = next(iter(data["by_area"]))
    assert set(data["by_area"][option]["Economic"]) == {"benefit", "risk", "net"}
    assert set(data["benefit_risk"][option]) == {"benefit", "risk", "efficient"}


def test_the_plots_draw_costs_cross_hatched_beside_the_risks():
    pytest.importorskip("matplotlib")
    from powerbalance import plot

    report = pb.evaluate(flood())
    ax = plot.contributions(report).axes[0]
    labels = [container.get_label() for container in ax.containers]
    assert labels == [
        "Safety benefit",
        "Safety risk",
        "Safety cost",
        "Money benefit",
        "Money risk",
        "Money cost",
    ]
    assert ax.get_xlabel() == "weighted benefit (right) and risk and cost (left)"
    assert plot.benefit_risk(report).axes[0].get_xlabel() == (
        "weighted risk and cost (lower is better)"
    )
    weights = plot.weights(report).axes[0]
    hatches = [bar.get_hatch() for bar in weights.patches]
    assert hatches == [None, "///", "xx"]
    assert "cost criterion" in [t.get_text() for t in weights.get_legend().get_texts()]
