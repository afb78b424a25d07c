"""A brief of an assessment with a cost: costs apart from risks, and value for money."""

from __future__ import annotations

import json

import powerbalance as pb


def flood() -> pb.Assessment:
    return pb.Assessment(
        ["Wall", "Wetland", "Dredging", "Land-use rules", "Nothing"],
        [
            pb.Criterion("Homes protected", area="Safety", kind="benefit", unit="homes"),
            pb.Criterion("Habitat", area="Environment", kind="benefit"),
            pb.Criterion("Flood risk left", area="Safety", kind="risk"),
            pb.Criterion("Capital cost", area="Money", kind="cost", unit="£m"),
        ],
        [
            [9000, 5, 1, 620],
            [7000, 9, 5, 380],
            [8000, 2, 3, 700],
            [2000, 6, 7, 150],
            [0, 4, 9, 0],
        ],
        name="Flood defences",
    )


def test_the_brief_has_a_value_for_money_section_with_its_chart_and_table():
    brief = pb.brief.build(flood(), stability=False, comparison=False)
    text = brief.to_text()
    assert "\nValue for money\n" in text
    vfm = pb.value_for_money(flood(), weighting=brief.report.weights)
    assert vfm.summary() in " ".join(text.split())
    assert "Land-use rules  0.348        150  extendedly dominated" in text
    html = brief.to_html(page=True)
    assert html.count('class="chart scatter"') == 1
    markdown = brief.to_markdown()
    assert "Value for money" in markdown
    # After the top two options, before the consequences.
    order = [text.index(h) for h in ("The top two options", "Value for money", "Consequences")]
    assert order == sorted(order)


def test_the_brief_speaks_of_costs_apart_from_risks():
    text = pb.brief.build(flood(), stability=False, comparison=False).to_text()
    assert "Benefits, risks and costs by area" in text
    assert "Capital cost (Money; a cost, lower is better; in £m)" in text
    assert (
        "Higher is better, except on the risks and costs, where lower is: Flood risk left and "
        "Capital cost." in " ".join(text.split())
    )


def test_the_brief_data_holds_the_value_for_money_only_with_a_cost():
    data = json.loads(pb.brief.build(flood(), stability=False, comparison=False).to_json())
    (analysis,) = data["value_for_money"]
    assert analysis["schema"] == "powerbalance.evaluation.value_for_money/1"
    assert analysis["frontier"] == ["Nothing", "Wetland", "Wall"]
    assert list(data)[-1] == "version"
    plain = json.loads(pb.brief.build(pb.examples.load(), stability=False).to_json())
    assert "value_for_money" not in plain
    assert "Value for money" not in pb.brief.build(pb.examples.load(), stability=False).to_text()


def test_several_costs_each_get_their_part():
    a = flood()
    two = pb.Assessment(
        a.option_names,
        [*a.criteria, pb.Criterion("Upkeep", area="Money", kind="cost", unit="£m a year")],
        [[*row, upkeep] for row, upkeep in zip(a.scores.tolist(), [9, 4, 12, 1, 0], strict=True)],
    )
    text = pb.brief.build(two, stability=False, comparison=False).to_text()
    assert "Against Capital cost" in text
    assert "Against Upkeep" in text


def test_costs_holding_every_weight_leave_the_section_out():
    a = flood()
    weighting = pb.weighting.Direct(
        {"Homes protected": 0, "Habitat": 0, "Flood risk left": 0, "Capital cost": 1}
    )
    brief = pb.brief.build(a, weighting=weighting, stability=False, comparison=False)
    assert "Value for money" not in brief.to_text()
    assert brief.to_dict()["value_for_money"] == []


def test_a_cost_with_a_saving_is_left_out_of_the_value_for_money():
    a = flood()
    scores = a.scores.copy()
    scores[4, 3] = -50  # doing nothing saves money
    text = pb.brief.build(
        pb.Assessment(a.option_names, a.criteria, scores), stability=False, comparison=False
    ).to_text()
    assert "Value for money" not in text
    assert "Benefits, risks and costs by area" in text
