"""Stability intervals: how far one weight can move before the result changes."""

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.errors import InvalidParameterError
from powerbalance.sensitivity import stability


def three_options():
    # Min-max on the observed 0-10 range: A = (1, 0), B = (0, 1), C = (0.6, 0.6).
    criteria = [
        pb.Criterion("X", area="P", kind="benefit"),
        pb.Criterion("Y", area="Q", kind="benefit"),
    ]
    return pb.Assessment(["A", "B", "C"], criteria, [[10, 0], [0, 10], [6, 6]])


def test_weighted_sum_intervals_are_the_closed_form_critical_weights():
    # Hand computation, with t the weight of X and 1 - t that of Y:
    # A scores t, B 1 - t, C 0.6. At t = 0.55 the order is C (0.6), A (0.55), B (0.45).
    # C stays first while t <= 0.6 and 1 - t <= 0.6: t in [0.4, 0.6]; below 0.4 B
    # overtakes, above 0.6 A does. The ranking holds while A >= B (t >= 0.5) and
    # C >= A (t <= 0.6).
    s = stability(three_options(), weighting=pb.weighting.Direct({"X": 0.55, "Y": 0.45}))
    assert s.exact
    assert s.leader == "C"
    x, y = s.intervals
    assert (x.name, x.scope, x.weight) == ("X", "criterion", pytest.approx(0.55))
    assert (x.top_low, x.top_high) == (pytest.approx(0.4), pytest.approx(0.6))
    assert (x.top_swap_low, x.top_swap_high) == (("C", "B"), ("C", "A"))
    assert (x.ranking_low, x.ranking_high) == (pytest.approx(0.5), pytest.approx(0.6))
    assert (x.ranking_swap_low, x.ranking_swap_high) == (("A", "B"), ("C", "A"))
    # Y's weight is 1 - t: the mirror image.
    assert (y.top_low, y.top_high) == (pytest.approx(0.4), pytest.approx(0.6))
    assert (y.top_swap_low, y.top_swap_high) == (("C", "A"), ("C", "B"))
    critical = s.critical
    assert (critical.name, critical.taken_over_by) == ("X", "A")
    assert critical.threshold == pytest.approx(0.6)
    assert critical.absolute == pytest.approx(0.05)
    assert critical.relative == pytest.approx(0.05 / 0.55)
    assert s.summary() == (
        "C remains first unless the weight of X rises above 0.600 (from 0.550), when A takes over."
    )
    frame = s.to_frame()
    assert list(frame.index) == ["X", "Y"]
    assert frame.loc["X", "top_taken_over_high"] == "A"
    assert "C first" in s.to_text()
    assert s.to_html() == s._repr_html_()


def weights_at(a, name, scope, t, weights):
    """The weights with one criterion's (or area's) weight at t, the rest in proportion."""
    members = np.array([(c.name if scope == "criterion" else c.area) == name for c in a.criteria])
    moved = weights[members].sum()
    result = np.where(members, weights / moved * t, weights / (1 - moved) * (1 - t))
    return pb.Weights(a.criterion_names, result)


@pytest.mark.parametrize(
    ("method", "weighting"),
    [
        ("topsis", "equal"),
        ("vikor", "equal"),
        ("promethee", pb.weighting.RankOrderCentroid(["Security", "Economic"])),
    ],
    ids=["topsis", "vikor", "promethee"],
)
def test_each_end_is_verified_just_inside_and_just_outside(method, weighting):
    a = pb.examples.load("great-power-cooperation").assessment
    if method == "promethee":
        # Weigh two areas ahead of the rest, so that no two options tie for first.
        weighting = pb.weighting.ByArea(
            areas=pb.weighting.RankOrderCentroid(
                ["Security", ["Economic", "Diplomacy", "Technology", "Environment"]]
            )
        )
    s = stability(a, weighting=weighting, method=method)
    assert not s.tied
    weights = pb.weighting.apply_weighting(weighting, a).aligned(a)
    step = 1e-5
    checked = 0
    for interval in s.intervals:
        for end, swap, side in (
            (interval.top_low, interval.top_swap_low, -1),
            (interval.top_high, interval.top_swap_high, 1),
        ):
            if swap is None:
                continue
            inside = weights_at(a, interval.name, interval.scope, end - side * step, weights)
            outside = weights_at(a, interval.name, interval.scope, end + side * step, weights)
            assert pb.evaluate(a, weighting=inside, method=method).ranking.index[0] == s.leader
            assert pb.evaluate(a, weighting=outside, method=method).ranking.index[0] == swap[1]
            checked += 1
    assert checked > 0


def test_an_area_moves_its_criteria_together():
    a = pb.examples.load("great-power-cooperation").assessment
    s = stability(a)
    areas = [i for i in s.intervals if i.scope == "area"]
    assert [i.name for i in areas] == list(a.areas)
    for interval in areas:
        assert interval.weight == pytest.approx(len(a.criteria_in(interval.name)) / 13)
        assert interval.top_low <= interval.weight <= interval.top_high


def test_a_tie_for_first_place_is_said_plainly():
    s = stability(pb.examples.load("great-power-cooperation").assessment, method="promethee")
    assert s.tied == ("Targeted cooperation", "Technology investment")
    assert s.critical is None
    assert "tie for first place" in s.summary()


def test_the_report_summary_states_the_robustness():
    a = pb.examples.load("great-power-cooperation").assessment
    report = pb.evaluate(a).with_sensitivity(stability(a))
    # The bottom line first: who leads, then how robust that is, then the detail.
    first, robustness = report.summary().split(". ", 2)[:2]
    assert first.startswith("Targeted cooperation ranks first")
    assert robustness + "." == stability(a).summary()
    with pytest.raises(InvalidParameterError, match="ranks 'Targeted cooperation' first"):
        pb.evaluate(a).with_sensitivity(stability(a, method="vikor"))
    with pytest.raises(InvalidParameterError, match="stability"):
        pb.evaluate(a).with_sensitivity("robust")


# -- sweeps ---------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["weighted-sum", "topsis"])
def test_a_sweep_scores_each_step_as_an_evaluation_would(method):
    a = pb.examples.load("great-power-cooperation").assessment
    s = pb.sensitivity.sweep(a, "Innovation leadership", method=method, points=11)
    assert list(s.steps) == pytest.approx([k / 10 for k in range(11)])
    weights = pb.weighting.apply_weighting("equal", a).aligned(a)
    for t in (0.0, 0.3, 1.0):
        step = round(t * 10)
        at_t = weights_at(a, "Innovation leadership", "criterion", t, weights)
        report = pb.evaluate(a, weighting=at_t, method=method)
        expected = report.ranking["score"].reindex(a.option_names).to_numpy()
        np.testing.assert_allclose(s.scores.iloc[step].to_numpy(), expected, atol=1e-12)
        assert s.ranks.iloc[step].to_dict() == report.ranking["rank"].to_dict()


def test_sweep_crossovers_agree_with_the_stability_interval():
    a = pb.examples.load("great-power-cooperation").assessment
    s = pb.sensitivity.sweep(a, "Innovation leadership")
    interval = next(i for i in stability(a).intervals if i.name == "Innovation leadership")
    t, before, after = s.crossovers[0]
    assert t == pytest.approx(interval.top_high, abs=1e-12)
    assert (before, after) == interval.top_swap_high
    assert s.weight == pytest.approx(1 / 13)


def test_an_area_can_be_swept():
    a = pb.examples.load("great-power-cooperation").assessment
    s = pb.sensitivity.sweep(a, "Security", points=5)
    assert s.scope == "area"
    assert s.weight == pytest.approx(3 / 13)


def test_sweep_names_what_it_cannot_find_and_checks_points():
    a = pb.examples.load("great-power-cooperation").assessment
    with pytest.raises(pb.errors.UnknownNameError, match=r"'Securty'.*Did you mean 'Security'"):
        pb.sensitivity.sweep(a, "Securty")
    with pytest.raises(InvalidParameterError, match="at least 2"):
        pb.sensitivity.sweep(a, "Security", points=1)


def test_the_sweep_plot_is_drawn_with_agg(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from powerbalance import plot

    a = pb.examples.load("great-power-cooperation").assessment
    s = pb.sensitivity.sweep(a, "Innovation leadership")
    figure = plot.sweep(s)
    axes = figure.axes[0]
    lines = {line.get_label(): line for line in axes.lines}
    for option in a.option_names:
        np.testing.assert_array_equal(lines[option].get_ydata(), s.scores[option].to_numpy())
    assert list(lines["current weight"].get_xdata()) == [s.weight, s.weight]
    assert list(lines["first place changes"].get_xdata()) == [t for t, _, _ in s.crossovers]
    path = tmp_path / "sweep.png"
    figure.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
