"""Value for money: value without costs against cost, the frontier and its ICERs."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import InvalidParameterError, UnknownNameError
from powerbalance.evaluation._cost_effectiveness import cost_effectiveness

PROPERTY = settings(max_examples=200, deadline=None)


def flood(**changes: object) -> pb.Assessment:
    """Flood defences: protection and habitat (benefits), residual risk, and a cost in £m."""
    criteria = [
        pb.Criterion("Homes protected", area="Safety", kind="benefit", unit="homes"),
        pb.Criterion("Habitat", area="Environment", kind="benefit"),
        pb.Criterion("Flood risk left", area="Safety", kind="risk"),
        pb.Criterion("Capital cost", area="Money", kind="cost", unit="£m"),
    ]
    scores = [
        [9000, 5, 1, 620],  # Wall
        [7000, 9, 5, 380],  # Wetland
        [8000, 2, 3, 700],  # Dredging: dearer than the wall and worth less
        [2000, 6, 7, 150],  # Land-use rules: a mix of nothing and wetland does better
        [0, 4, 9, 0],  # Nothing
    ]
    options = ["Wall", "Wetland", "Dredging", "Land-use rules", "Nothing"]
    return pb.Assessment(options, criteria, scores, **changes)


# -- the frontier, worked by hand -----------------------------------------------------------


def test_value_is_the_score_without_the_costs_under_renormalized_weights():
    a = flood()
    weighting = pb.weighting.Direct(
        {"Homes protected": 4, "Habitat": 2, "Flood risk left": 2, "Capital cost": 2}
    )
    vfm = pb.value_for_money(a, weighting=weighting)
    without = a.subset(criteria=["Homes protected", "Habitat", "Flood risk left"])
    expected = pb.evaluate(
        without,
        weighting=pb.weighting.Direct({"Homes protected": 4, "Habitat": 2, "Flood risk left": 2}),
    ).scores
    by_name = dict(zip(a.option_names, expected, strict=True))
    assert vfm.table["value"].to_dict() == pytest.approx(by_name, rel=1e-15)
    assert dict(vfm.report.weights) == pytest.approx(
        {"Homes protected": 0.5, "Habitat": 0.25, "Flood risk left": 0.25}
    )
    assert vfm.table["cost"].tolist() == [0.0, 150.0, 380.0, 620.0, 700.0]
    assert vfm.cost == "Capital cost"
    assert vfm.unit == "£m"


def test_the_frontier_drops_dominated_and_extendedly_dominated_options():
    value = np.array([0.0, 2.0, 3.0, 5.0, 1.0, 6.0])
    cost = np.array([0.0, 100.0, 250.0, 300.0, 150.0, 500.0])
    frontier = cost_effectiveness(value, cost)
    assert frontier.status == (
        "efficient",
        "efficient",
        "extendedly dominated",
        "efficient",
        "dominated",
        "efficient",
    )
    # ICERs: 100 / 2, then (300 - 100) / (5 - 2), then (500 - 300) / (6 - 5); rising.
    np.testing.assert_allclose(frontier.icer[[1, 3, 5]], [50.0, 200.0 / 3.0, 200.0])
    assert frontier.by[2] == (1, 3)
    assert frontier.by[4] == (1,)
    assert frontier.previous.tolist() == [-1, 0, -1, 1, -1, 3]


def test_extended_dominance_is_found_again_after_an_option_is_dropped():
    # B is dropped against C; then C against D: the check repeats until ICERs rise.
    value = np.array([0.0, 1.0, 1.5, 1.9, 4.0])
    cost = np.array([0.0, 10.0, 20.0, 30.0, 40.0])
    frontier = cost_effectiveness(value, cost)
    assert frontier.status == (
        "efficient",
        "efficient",
        "extendedly dominated",
        "extendedly dominated",
        "efficient",
    )
    assert frontier.icer[4] == pytest.approx(30.0 / 3.0)


def test_identical_options_stand_or_fall_together():
    value = np.array([0.0, 2.0, 2.0, 3.0])
    cost = np.array([0.0, 10.0, 10.0, 100.0])
    frontier = cost_effectiveness(value, cost)
    assert frontier.status[1] == frontier.status[2] == "efficient"
    assert frontier.icer[1] == frontier.icer[2] == 5.0
    assert frontier.previous[3] in (1, 2)


def test_an_option_equal_in_value_but_dearer_is_dominated():
    frontier = cost_effectiveness(np.array([1.0, 1.0]), np.array([5.0, 6.0]))
    assert frontier.status == ("efficient", "dominated")
    frontier = cost_effectiveness(np.array([1.0, 2.0]), np.array([5.0, 5.0]))
    assert frontier.status == ("dominated", "efficient")


def brute_force(value: np.ndarray, cost: np.ndarray) -> list[str]:
    """The statuses by definition: dominance by one option, extended dominance by a mix."""
    n = len(value)
    status = []
    for i in range(n):
        dominated = any(
            cost[j] <= cost[i]
            and value[j] >= value[i]
            and (cost[j], value[j]) != (cost[i], value[i])
            for j in range(n)
        )
        if dominated:
            status.append("dominated")
            continue
        # A mix of two options j (cheaper) and k (dearer) with the cost of i and more value.
        mixed = False
        for j, k in itertools.permutations(range(n), 2):
            if cost[j] < cost[i] < cost[k]:
                share = (cost[i] - cost[j]) / (cost[k] - cost[j])
                if value[j] + share * (value[k] - value[j]) > value[i] + 1e-12:
                    mixed = True
        status.append("extendedly dominated" if mixed else "efficient")
    return status


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), min_size=1, max_size=9))
def test_the_frontier_matches_the_definitions_and_its_icers_rise(points):
    value = np.array([float(v) for v, _ in points])
    cost = np.array([float(c) for _, c in points])
    frontier = cost_effectiveness(value, cost)
    assert list(frontier.status) == brute_force(value, cost)
    on = [i for i in frontier.order if frontier.status[i] == "efficient"]
    icers = [frontier.icer[i] for i in on if not math.isnan(frontier.icer[i])]
    assert all(b >= a - 1e-12 for a, b in itertools.pairwise(icers))
    assert all(icer > 0 for icer in icers)


# -- published examples ----------------------------------------------------------------------


def test_value_for_money_herc_cost_effectiveness_guide():
    """Six strategies with a dominated and an extendedly dominated one, and their ICERs.

    Source: the cost-effectiveness analysis guide of the US Department of Veterans Affairs
    Health Economics Resource Center (HERC), as asserted in the test of ``calculate_icers``
    of the R package dampack (Alarid-Escudero, Enns, Knowlton et al., DARTH workgroup;
    tests/testthat/test_calculate_icers.R): frontier UC, B, D, E with incremental costs
    5,000, 25,000, 20,000, incremental effects 1, 2, 1 and ICERs 5,000, 12,500, 20,000;
    A dominated (by B), C extendedly dominated.
    """
    names = ["UC", "A", "B", "C", "D", "E"]
    cost = np.array([5000.0, 12000.0, 10000.0, 25000.0, 35000.0, 55000.0])
    effect = np.array([1.0, 1.5, 2.0, 3.0, 4.0, 5.0])
    frontier = cost_effectiveness(effect, cost)
    status = dict(zip(names, frontier.status, strict=True))
    assert status == {
        "UC": "efficient",
        "A": "dominated",
        "B": "efficient",
        "C": "extendedly dominated",
        "D": "efficient",
        "E": "efficient",
    }
    icer = dict(zip(names, frontier.icer.tolist(), strict=True))
    assert [icer[n] for n in ("B", "D", "E")] == [5000.0, 12500.0, 20000.0]
    assert frontier.by[1] == (2,)  # A, by B
    assert frontier.by[3] == (2, 4)  # C, by a mix of B and D

    # The same through pb.value_for_money: effect on a fixed 0-10 scale is the only
    # criterion that is not a cost, so the value is effect / 10 under min-max.
    a = pb.Assessment(
        names,
        [
            pb.Criterion("Effect", area="Health", kind="benefit", unit="QALYs", scale=(0, 10)),
            pb.Criterion("Cost", area="Money", kind="cost", unit="$"),
        ],
        np.column_stack([effect, cost]),
    )
    vfm = pb.value_for_money(a, method=pb.methods.WeightedSum(normalization="minmax"))
    assert vfm.frontier == ("UC", "B", "D", "E")
    table = vfm.table
    assert table.loc[["B", "D", "E"], "incremental_cost"].tolist() == [5000.0, 25000.0, 20000.0]
    np.testing.assert_allclose(table.loc[["B", "D", "E"], "incremental_value"] * 10, [1, 2, 1])
    np.testing.assert_allclose(table.loc[["B", "D", "E"], "icer"] / 10, [5000, 12500, 20000])
    assert table.loc["A", "dominated_by"] == ("B",)
    assert table.loc["C", "dominated_by"] == ("B", "D")
    assert table.loc[["B", "D", "E"], "compared_with"].tolist() == ["UC", "B", "D"]


def test_value_for_money_paltiel_2006_hiv_screening():
    """Paltiel et al. (2006), Ann Intern Med 145(11):797-806, Table 4 (high-risk population).

    Cost per person and quality-adjusted life-months, as the dampack vignette basic_cea
    takes them; annual screening is dominated by screening every 3 years, and the ICERs
    per QALY from these rounded inputs are 37,500, 58,286 and 100,800 (the paper's
    printed ratios differ slightly, being computed before rounding).
    """
    # Status quo, one-time, every 5 years, every 3 years, annual.
    cost = np.array([26000.0, 27000.0, 28020.0, 28440.0, 29440.0])
    qalys = np.array([277.25, 277.57, 277.78, 277.83, 277.76]) / 12
    frontier = cost_effectiveness(qalys, cost)
    assert frontier.status == ("efficient",) * 4 + ("dominated",)
    assert frontier.by[4] == (3,)
    np.testing.assert_allclose(frontier.icer[1:4], [37500.0, 58285.714, 100800.0], rtol=1e-6)


def test_value_for_money_frick_2007_extended_dominance_in_cascade():
    """Frick (2007), "Decision Rules", lecture 11, Johns Hopkins Bloomberg School of Public
    Health (OpenCourseWare), incremental cost-effectiveness tables 1 and 2: option 5 is
    strongly dominated; 1 is extendedly dominated (20,000 per QALY against 5,000 for 4),
    and then so is 4 (8,750 against 7,500 for 3), leaving 2 and 3 at 8,333.33 per QALY.
    """
    cost = np.array([300000.0, 200000.0, 450000.0, 375000.0, 400000.0])
    qalys = np.array([25.0, 20.0, 50.0, 40.0, 15.0])
    frontier = cost_effectiveness(qalys, cost)
    assert frontier.status == (
        "extendedly dominated",
        "efficient",
        "efficient",
        "extendedly dominated",
        "dominated",
    )
    assert frontier.icer[2] == pytest.approx(250000.0 / 30.0)
    assert frontier.by[0] == frontier.by[3] == (1, 2)


# -- words and renderings ------------------------------------------------------------------


def test_the_summary_speaks_of_the_steps_and_of_what_is_left_off():
    vfm = pb.value_for_money(flood())
    text = vfm.summary()
    assert text.startswith("On value for money, ")
    for option in vfm.frontier[1:]:
        assert f"{option} adds " in text
    assert "£m per unit" in text
    assert vfm.frontier == ("Nothing", "Wetland", "Wall")
    assert "Dredging is dominated by Wall." in text
    assert (
        "Land-use rules is extendedly dominated: a mix of Nothing and Wetland gives more "
        "value for its cost." in text
    )


def test_every_rendering_and_the_json(tmp_path):
    vfm = pb.value_for_money(flood())
    assert str(vfm) == vfm.to_text()
    assert vfm.to_text().startswith("Value for money under the weighted sum")
    assert "| Option | Value |" in vfm.to_markdown()
    html = vfm.to_html(page=True)
    assert html.startswith("<!DOCTYPE html>")
    assert 'class="chart scatter"' in html
    assert html.count('class="point on"') == len(vfm.frontier)
    data = json.loads(vfm.to_json())
    assert data["schema"] == "powerbalance.evaluation.value_for_money/1"
    assert data["frontier"] == list(vfm.frontier)
    assert [row["option"] for row in data["options"]] == list(vfm.table.index)
    assert data["options"][0]["icer"] is None
    assert data["weights"] == pytest.approx(dict(vfm.report.weights))


def test_a_mapping_of_costs_is_accepted_and_costs_never_count_twice():
    a = flood()
    costs = dict(zip(a.option_names, [1.0, 2.0, 3.0, 4.0, 5.0], strict=True))
    vfm = pb.value_for_money(a, cost=costs)
    assert vfm.cost == ""
    assert vfm.unit == ""
    assert "Capital cost" not in vfm.report.assessment.criterion_names
    assert vfm.table["cost"].to_dict() == costs


def test_the_plot_draws_value_against_cost():
    pytest.importorskip("matplotlib")
    from powerbalance import plot

    vfm = pb.value_for_money(flood())
    figure = plot.value_for_money(vfm)
    ax = figure.axes[0]
    assert ax.get_xlabel() == "cost (£m; lower is better)"
    (line,) = [line for line in ax.get_lines() if line.get_label() == "efficient frontier"]
    assert list(line.get_xdata()) == vfm.table.loc[list(vfm.frontier), "cost"].tolist()
    icers = [t.get_text() for t in ax.texts if t.get_text().startswith("ICER")]
    assert len(icers) == len(vfm.frontier) - 1
    with pytest.raises(InvalidParameterError, match="needs a ValueForMoney"):
        plot.value_for_money(pb.evaluate(flood()))


# -- refusals ------------------------------------------------------------------------------


def test_without_a_cost_criterion_it_says_how_to_declare_one():
    with pytest.raises(InvalidParameterError) as caught:
        pb.value_for_money(pb.examples.load("engage-or-contain").assessment)
    assert str(caught.value) == (
        "value_for_money: cost must be the name of a cost criterion or a mapping from "
        "option to cost; got None. The assessment has no cost criterion: declare one with "
        "pb.Criterion(name, area=..., kind='cost'), or pass cost={option: amount, ...}."
    )


def test_an_unknown_cost_name_gets_a_did_you_mean():
    with pytest.raises(UnknownNameError) as caught:
        pb.value_for_money(flood(), cost="Capital costs")
    assert str(caught.value).startswith(
        "value_for_money: cost must be the name of a cost criterion; got 'Capital costs'. "
        "The cost criteria are 'Capital cost'. Did you mean 'Capital cost'?"
    )


def test_a_criterion_that_is_not_a_cost_is_refused():
    with pytest.raises(InvalidParameterError, match="'Habitat' is a benefit, not a cost"):
        pb.value_for_money(flood(), cost="Habitat")


def test_several_costs_must_be_named():
    a = flood()
    two = pb.Assessment(
        a.option_names,
        [*a.criteria, pb.Criterion("Upkeep", area="Money", kind="cost")],
        np.column_stack([a.scores, [1, 2, 3, 4, 5]]),
    )
    with pytest.raises(InvalidParameterError, match="several cost criteria"):
        pb.value_for_money(two)
    assert pb.value_for_money(two, cost="Upkeep").table["cost"].max() == 5.0
    assert "Capital cost" not in pb.value_for_money(two, cost="Upkeep").report.weights


def test_negative_costs_are_refused_naming_the_options():
    with pytest.raises(InvalidParameterError) as caught:
        pb.value_for_money(
            flood(),
            cost={"Wall": -5, "Wetland": 1, "Dredging": 1, "Land-use rules": 1, "Nothing": 0},
        )
    message = str(caught.value)
    assert message.startswith("value_for_money: cost must be non-negative finite amounts;")
    assert "'Wall' cost {'Wall': -5.0}" in message
    a = flood()
    scores = a.scores.copy()
    scores[0, 3] = -1
    with pytest.raises(InvalidParameterError, match="'Wall' cost"):
        pb.value_for_money(pb.Assessment(a.option_names, a.criteria, scores))


def test_a_mapping_must_name_every_option_and_only_options():
    a = flood()
    with pytest.raises(UnknownNameError, match=r"'Wal' is not an option.*Did you mean 'Wall'"):
        pb.value_for_money(a, cost={"Wal": 1})
    with pytest.raises(InvalidParameterError, match="It leaves out 'Dredging'"):
        pb.value_for_money(a, cost={o: 1 for o in a.option_names if o != "Dredging"})


def test_only_costs_leave_no_value_to_measure():
    a = pb.Assessment(["A", "B"], [pb.Criterion("Cost", area="M", kind="cost")], [[1], [2]])
    with pytest.raises(InvalidParameterError, match="a criterion other than costs"):
        pb.value_for_money(a)
    b = flood()
    with pytest.raises(InvalidParameterError, match="Every weight is on the costs"):
        pb.value_for_money(
            b,
            weighting=pb.weighting.Direct(
                {"Capital cost": 1, "Homes protected": 0, "Habitat": 0, "Flood risk left": 0}
            ),
        )
