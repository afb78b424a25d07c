"""The report's own section "Value for money": value without costs against each cost."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import powerbalance as pb
from powerbalance.evaluation._value_against_cost import ValueAgainstCost

MINMAX = pb.methods.WeightedSum(normalization="minmax")


def herc() -> pb.Assessment:
    """The HERC cost-effectiveness guide's six strategies (see test_value_for_money.py).

    Effect on a fixed 0-10 scale is the only criterion that is not a cost, so under
    min-max the value is effect / 10: the frontier is UC, B, D, E with ICERs per unit of
    effect 5,000, 12,500 and 20,000; A is dominated by B, C extendedly dominated.
    """
    return pb.Assessment(
        ["UC", "A", "B", "C", "D", "E"],
        [
            pb.Criterion("Effect", area="Health", kind="benefit", unit="QALYs", scale=(0, 10)),
            pb.Criterion("Cost", area="Money", kind="cost", unit="$"),
        ],
        np.column_stack(
            [
                [1.0, 1.5, 2.0, 3.0, 4.0, 5.0],
                [5000.0, 12000.0, 10000.0, 25000.0, 35000.0, 55000.0],
            ]
        ),
    )


def flood(*extra: tuple[pb.Criterion, list[float]]) -> pb.Assessment:
    criteria = [
        pb.Criterion("Homes protected", area="Safety", kind="benefit", unit="homes"),
        pb.Criterion("Habitat", area="Environment", kind="benefit"),
        pb.Criterion("Flood risk left", area="Safety", kind="risk"),
        pb.Criterion("Capital cost", area="Money", kind="cost", unit="£m"),
    ]
    scores = np.array(
        [
            [9000, 5, 1, 620],
            [7000, 9, 5, 380],
            [8000, 2, 3, 700],
            [2000, 6, 7, 150],
            [0, 4, 9, 0],
        ],
        dtype=float,
    )
    for criterion, column in extra:
        criteria.append(criterion)
        scores = np.column_stack([scores, column])
    return pb.Assessment(
        ["Wall", "Wetland", "Dredging", "Land-use rules", "Nothing"], criteria, scores
    )


def headings(report: pb.Report) -> list[str | None]:
    return [getattr(block, "heading", None) for block in report._document().blocks]


def test_the_herc_frontier_and_its_icers_are_in_the_report():
    report = pb.evaluate(herc(), method=MINMAX)
    (found,) = report.value_for_money
    assert isinstance(found, ValueAgainstCost)
    assert (found.cost, found.unit) == ("Cost", "$")
    assert found.frontier == ("UC", "B", "D", "E")
    table = found.table
    assert table.loc["A", "status"] == "dominated"
    assert table.loc["A", "dominated_by"] == ("B",)
    assert table.loc["C", "status"] == "extendedly dominated"
    assert table.loc["C", "dominated_by"] == ("B", "D")
    assert table.loc[["B", "D", "E"], "incremental_cost"].tolist() == [5000.0, 25000.0, 20000.0]
    np.testing.assert_allclose(table.loc[["B", "D", "E"], "icer"] / 10, [5000, 12500, 20000])


def test_the_section_follows_the_top_two_in_every_format():
    report = pb.evaluate(herc(), method=MINMAX)
    (found,) = report.value_for_money
    sections = headings(report)
    assert sections.index("Value for money") == sections.index("The top two options") + 1

    text = " ".join(report.to_text().split())
    assert "Value for money Value is each option's score on every criterion but the costs" in text
    assert " ".join(found.summary().split()) in text
    assert "cheapest first: UC, B, D and E." in text
    assert "A is dominated by B." in text
    assert "C is extendedly dominated: a mix of B and D gives more value for its cost." in text
    assert "E 0.500 55,000 efficient 200,000" in text  # per unit of value 0-1: 20,000 x 10

    markdown = report.to_markdown()
    assert "### Value for money" in markdown
    assert "| C | 0.300 | 25,000 | extendedly dominated | B and D |  |" in markdown

    html = report.to_html()
    assert "<section><h3>Value for money</h3>" in html
    assert 'class="chart scatter"' in html
    assert html.count('class="point on"') == 4

    data = json.loads(report.to_json())
    assert data["schema"] == "powerbalance.evaluation.report/1"
    (entry,) = data["value_for_money"]
    assert entry["cost"] == "Cost"
    assert entry["unit"] == "$"
    assert entry["frontier"] == ["UC", "B", "D", "E"]
    rows = {row["option"]: row for row in entry["options"]}
    assert [row["option"] for row in entry["options"]] == list(found.table.index)
    assert [rows[o]["icer"] for o in ("B", "D", "E")] == pytest.approx([50000, 125000, 200000])
    assert rows["UC"]["icer"] is None
    assert rows["C"]["dominated_by"] == ["B", "D"]
    assert entry["summary"] == found.summary()


def test_the_report_numbers_equal_value_for_money():
    weights = {"Homes protected": 0.4, "Habitat": 0.2, "Flood risk left": 0.2, "Capital cost": 0.2}
    for method in ("weighted-sum", "topsis"):
        report = pb.evaluate(flood(), weighting=lambda _: weights, method=method)
        direct = pb.value_for_money(flood(), weighting=lambda _: weights, method=method)
        (found,) = report.value_for_money
        pd.testing.assert_frame_equal(found.table, direct.table)
        assert found.summary() == direct.summary()
        assert (found.cost, found.unit) == (direct.cost, direct.unit)
        stored = report.to_dict()["value_for_money"][0]
        assert stored["options"] == direct.to_dict()["options"]
    herc_direct = pb.value_for_money(herc(), method=MINMAX)
    pd.testing.assert_frame_equal(
        pb.evaluate(herc(), method=MINMAX).value_for_money[0].table, herc_direct.table
    )


def test_value_for_money_is_the_report_value_with_its_evaluation():
    direct = pb.value_for_money(flood())
    assert isinstance(direct, ValueAgainstCost)
    assert direct.report.assessment.costs == ()
    assert direct.blocks()[0].text == direct.summary()


def test_a_report_without_costs_has_no_section_and_no_key():
    report = pb.evaluate(pb.examples.load().assessment)
    assert report.value_for_money == ()
    assert "Value for money" not in report.to_text()
    assert "Value for money" not in report.to_markdown()
    assert "Value for money" not in report.to_html(page=True)
    assert "value_for_money" not in report.to_dict()


def test_two_costs_get_a_part_each():
    report = pb.evaluate(
        flood((pb.Criterion("Upkeep", area="Money", kind="cost"), [5, 9, 2, 1, 0]))
    )
    assert [found.cost for found in report.value_for_money] == ["Capital cost", "Upkeep"]
    (section,) = [
        b for b in report._document().blocks if getattr(b, "heading", "") == "Value for money"
    ]
    inner = [getattr(block, "heading", None) for block in section.blocks]
    assert inner == [None, "Against Capital cost", "Against Upkeep"]
    upkeep = pb.value_for_money(report.assessment, cost="Upkeep")
    pd.testing.assert_frame_equal(report.value_for_money[1].table, upkeep.table)
    assert [entry["cost"] for entry in report.to_dict()["value_for_money"]] == [
        "Capital cost",
        "Upkeep",
    ]


def test_no_value_to_set_against_the_costs_leaves_the_section_out():
    a = flood()
    on_costs = pb.evaluate(
        a,
        weighting=pb.weighting.Direct(
            {"Capital cost": 1, "Homes protected": 0, "Habitat": 0, "Flood risk left": 0}
        ),
    )
    assert on_costs.value_for_money == ()
    assert "Value for money" not in headings(on_costs)
    # The key says the assessment has costs, even when none could be set against value.
    assert on_costs.to_dict()["value_for_money"] == []
    saving = pb.evaluate(
        flood((pb.Criterion("Net outlay", area="Money", kind="cost"), [5, -1, 2, 1, 0]))
    )
    assert [found.cost for found in saving.value_for_money] == ["Capital cost"]
    only = pb.Assessment(["A", "B"], [pb.Criterion("Cost", area="M", kind="cost")], [[1], [2]])
    assert pb.evaluate(only).value_for_money == ()


def test_a_method_that_cannot_score_without_the_costs_leaves_the_section_out():
    method = pb.methods.PROMETHEE(functions={"Capital cost": pb.methods.VShape(p=200.0)})
    report = pb.evaluate(flood(), method=method)
    assert report.value_for_money == ()
    assert "Value for money" not in report.to_text()
    assert "Capital cost" in report.to_text()
