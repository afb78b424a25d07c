"""Charts: what they draw matches the report, and they leave matplotlib as they found it."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere

import attrs
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

import powerbalance as pb
from powerbalance import plot
from powerbalance.errors import InvalidParameterError, WeightError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def report():
    return pb.evaluate(pb.examples.load("great-power-cooperation").assessment)


@pytest.fixture
def no_new_pyplot_figures():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


def axes_of(figure):
    assert isinstance(figure, Figure)
    assert len(figure.axes) == 1
    return figure.axes[0]


def collection(ax, label):
    found = [c for c in ax.collections if c.get_label() == label]
    assert len(found) == 1, f"expected one collection labelled {label!r}"
    return found[0]


def points(values):
    return sorted(map(tuple, np.asarray(values, dtype=float).round(12).tolist()))


def assert_png(path):
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC
    assert len(data) > 10_000


# -- every chart ---------------------------------------------------------------------------

CHARTS = [plot.contributions, plot.benefit_risk, plot.weights]


@pytest.mark.parametrize("chart", CHARTS, ids=lambda f: f.__name__)
def test_chart_saves_a_png(chart, report, tmp_path, no_new_pyplot_figures):
    figure = chart(report)
    ax = axes_of(figure)
    assert ax.get_title()
    path = tmp_path / f"{chart.__name__}.png"
    figure.savefig(path)
    assert_png(path)


@pytest.mark.parametrize("chart", CHARTS, ids=lambda f: f.__name__)
def test_chart_draws_into_given_axes(chart, report, no_new_pyplot_figures):
    figure, (left, right) = plt.subplots(1, 2, figsize=(16, 6))
    try:
        assert chart(report, ax=right) is figure
        assert right.has_data()
        assert not left.has_data()
        assert len(figure.axes) == 2
    finally:
        plt.close(figure)


@pytest.mark.parametrize("chart", CHARTS, ids=lambda f: f.__name__)
def test_chart_in_a_subfigure_returns_the_root_figure(chart, report):
    figure = Figure(figsize=(16, 6), layout="constrained")
    ax = figure.subfigures(1, 2)[1].subplots()
    assert chart(report, ax=ax) is figure
    assert ax.has_data()


@pytest.mark.parametrize("chart", CHARTS, ids=lambda f: f.__name__)
def test_chart_leaves_global_settings_alone(chart, report):
    before = dict(matplotlib.rcParams)
    chart(report).savefig(io.BytesIO(), format="png")
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize("chart", CHARTS, ids=lambda f: f.__name__)
def test_chart_rejects_what_is_not_axes(chart, report):
    with pytest.raises(InvalidParameterError, match=r"'ax'.*got 'left' of type str"):
        chart(report, ax="left")


@pytest.mark.parametrize("chart", [plot.contributions, plot.benefit_risk], ids=lambda f: f.__name__)
def test_chart_needs_a_report(chart, report):
    with pytest.raises(InvalidParameterError, match=r"needs a Report.*of type Assessment"):
        chart(report.assessment)


def test_missing_matplotlib_says_how_to_install_it(report, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    for chart in CHARTS:
        with pytest.raises(
            pb.errors.MissingDependencyError,
            match=r"python -m pip install 'powerbalance\[plot\]'",
        ):
            chart(report)


def test_importing_the_package_or_the_module_does_not_load_matplotlib():
    code = (
        "import sys, powerbalance, powerbalance.plot; "
        "print(any(m == 'matplotlib' or m.startswith('matplotlib.') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_charts_of_a_larger_assessment_draw_without_warnings(tmp_path):
    # pytest turns warnings into errors, so a layout that cannot fit would fail here.
    rng = np.random.default_rng(20240611)
    areas = ["Economic", "Security", "Environment", "Technology", "Diplomacy", "Health"]
    criteria = [
        pb.Criterion(
            f"Criterion number {j} with a long descriptive name",
            area=areas[j % len(areas)],
            kind="risk" if j % 3 == 0 else "benefit",
        )
        for j in range(24)
    ]
    options = [f"Option {i}: a posture with a long name" for i in range(30)]
    assessment = pb.Assessment(options, criteria, rng.uniform(0, 10, size=(30, 24)))
    report = pb.evaluate(assessment, method="topsis")
    for chart in CHARTS:
        chart(report).savefig(tmp_path / f"{chart.__name__}.png")
        assert_png(tmp_path / f"{chart.__name__}.png")


# -- contributions -------------------------------------------------------------------------


def test_contributions_bars_are_the_by_area_numbers(report):
    ax = axes_of(plot.contributions(report))
    table = report.by_area
    areas = report.assessment.areas
    n_options = len(table)
    assert len(ax.patches) == n_options * len(areas) * 2
    assert len(ax.containers) == 2 * len(areas)
    labels = [c.get_label() for c in ax.containers]
    assert labels == [f"{area} {m}" for area in areas for m in ("benefit", "risk")]

    benefit_edge = np.zeros(n_options)
    risk_edge = np.zeros(n_options)
    for area in areas:
        benefit_bars, risk_bars = (
            c for c in ax.containers if c.get_label() in (f"{area} benefit", f"{area} risk")
        )
        benefit = table[(area, "benefit")].to_numpy()
        risk = table[(area, "risk")].to_numpy()
        np.testing.assert_allclose([b.get_width() for b in benefit_bars], benefit)
        np.testing.assert_allclose([b.get_x() for b in benefit_bars], benefit_edge)
        np.testing.assert_allclose([b.get_width() for b in risk_bars], -risk)
        np.testing.assert_allclose([b.get_x() for b in risk_bars], -risk_edge)
        # An area's benefit and risk share its colour; the risk is striped.
        assert benefit_bars[0].get_facecolor() == risk_bars[0].get_facecolor()
        assert all(b.get_hatch() for b in risk_bars)
        assert not any(b.get_hatch() for b in benefit_bars)
        benefit_edge += benefit
        risk_edge += risk


def test_contributions_lists_options_in_rank_order_best_on_top(report):
    ax = axes_of(plot.contributions(report))
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == list(report.ranking.index)
    assert ax.yaxis_inverted()  # the first row, the best option, at the top


def test_contributions_marks_each_options_net_and_zero(report):
    ax = axes_of(plot.contributions(report))
    (net,) = (line for line in ax.lines if line.get_label() == "net")
    expected = report.net_by_area.sum(axis=1).to_numpy()
    np.testing.assert_allclose(net.get_xdata(), expected)
    np.testing.assert_array_equal(net.get_ydata(), np.arange(len(expected)))
    assert any(tuple(line.get_xdata()) == (0, 0) for line in ax.lines)
    assert ax.get_xlabel() == "weighted benefit (right) and risk (left)"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[: len(report.assessment.areas)] == list(report.assessment.areas)
    assert "net (benefit minus risk)" in legend


# -- benefit against risk ------------------------------------------------------------------


def test_benefit_risk_frontier_runs_through_exactly_the_frontier(report):
    ax = axes_of(plot.benefit_risk(report))
    table = report.benefit_risk
    (line,) = (line for line in ax.lines if line.get_label() == "efficient frontier")
    frontier = table.loc[list(report.frontier)]
    np.testing.assert_array_equal(line.get_xdata(), frontier["risk"].to_numpy())
    np.testing.assert_array_equal(line.get_ydata(), frontier["benefit"].to_numpy())
    assert len(report.frontier) < len(table)  # the study has options off the frontier


def test_benefit_risk_fades_exactly_the_options_off_the_frontier(report):
    ax = axes_of(plot.benefit_risk(report))
    table = report.benefit_risk
    efficient = collection(ax, "efficient")
    faded = collection(ax, "not efficient")
    on, off = table[table["efficient"]], table[~table["efficient"]]
    assert points(efficient.get_offsets()) == points(on[["risk", "benefit"]])
    assert points(faded.get_offsets()) == points(off[["risk", "benefit"]])
    assert faded.get_alpha() == pytest.approx(plot.FADED)
    assert efficient.get_alpha() in (None, 1.0)
    labelled = {t.get_text(): t for t in ax.texts}
    assert set(labelled) == set(table.index)
    for name in off.index:
        assert labelled[name].get_alpha() < 1.0
    assert "lower is better" in ax.get_xlabel()
    assert "benefit" in ax.get_ylabel()


def test_benefit_risk_rings_the_baseline(report):
    ax = axes_of(plot.benefit_risk(report))
    baseline = report.assessment.baseline
    assert baseline == "Status quo"
    ring = collection(ax, f"baseline ({baseline})")
    row = report.benefit_risk.loc[baseline]
    assert points(ring.get_offsets()) == points([[row["risk"], row["benefit"]]])
    assert f"baseline ({baseline})" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_benefit_risk_without_a_baseline_draws_no_ring(report):
    assessment = attrs.evolve(report.assessment, baseline=None)
    ax = axes_of(plot.benefit_risk(pb.evaluate(assessment)))
    assert not any(c.get_label().startswith("baseline") for c in ax.collections)


def test_benefit_risk_with_every_option_efficient_has_no_faded_points():
    criteria = [
        pb.Criterion("Trade", area="Economic", kind="benefit"),
        pb.Criterion("Escalation", area="Security", kind="risk"),
    ]
    assessment = pb.Assessment(["Engage", "Hedge", "Wait"], criteria, [[9, 8], [5, 5], [1, 1]])
    ax = axes_of(plot.benefit_risk(pb.evaluate(assessment)))
    assert [c.get_label() for c in ax.collections] == ["efficient"]


# -- weights -------------------------------------------------------------------------------


def test_weights_bars_are_the_weights_grouped_by_area(report):
    ax = axes_of(plot.weights(report))
    assessment = report.assessment
    assert [c.get_label() for c in ax.containers] == list(assessment.areas)
    names = [t.get_text() for t in ax.get_xticklabels()]
    assert sorted(names) == sorted(assessment.criterion_names)
    heights = [bar.get_height() for c in ax.containers for bar in c]
    assert heights == pytest.approx([report.weights[name] for name in names])
    for area, bars in zip(assessment.areas, ax.containers, strict=True):
        criteria = [assessment.criterion(name) for name in assessment.criteria_in(area)]
        assert len(bars) == len(criteria)
        assert [bool(bar.get_hatch()) for bar in bars] == [c.lower_is_better for c in criteria]


def test_weights_names_each_area_under_its_group(report):
    ax = axes_of(plot.weights(report))
    areas = list(report.assessment.areas)
    names = [t for t in ax.texts if t.get_text() in areas]
    assert [t.get_text() for t in names] == areas
    for text, bars in zip(names, ax.containers, strict=True):
        centres = [bar.get_x() + bar.get_width() / 2 for bar in bars]
        assert text.xy[0] == pytest.approx(np.mean(centres))
    # Groups are apart: a gap between the last bar of one area and the first of the next.
    for before, after in zip(ax.containers, ax.containers[1:], strict=False):
        assert after[0].get_x() - before[-1].get_x() > 1.5


def test_weights_with_an_assessment_draw_as_from_the_report(report):
    from_report = axes_of(plot.weights(report))
    from_parts = axes_of(plot.weights(report.weights, report.assessment))
    assert [b.get_height() for b in from_parts.patches] == [
        b.get_height() for b in from_report.patches
    ]


def test_weights_alone_are_plain_bars_in_their_own_order():
    weights = pb.Weights.from_mapping({"Trade": 3, "Escalation": 1, "Trust": 4})
    ax = axes_of(plot.weights(weights))
    assert [c.get_label() for c in ax.containers] == ["weights"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Trade", "Escalation", "Trust"]
    assert [b.get_height() for b in ax.patches] == pytest.approx([0.375, 0.125, 0.5])
    assert not any(b.get_hatch() for b in ax.patches)


def test_weights_that_do_not_match_the_assessment_name_the_criteria(report):
    names = list(report.weights.names)
    points = {name: 1.0 for name in names if name != "Technology leakage"}
    points["Tech leakage"] = 1.0
    weights = pb.Weights.from_mapping(points)
    with pytest.raises(WeightError, match=r"'Tech leakage'.*no weight is given for 'Technology"):
        plot.weights(weights, report.assessment)


def test_weights_reject_what_is_not_weights(report):
    with pytest.raises(InvalidParameterError, match=r"must be Weights.*of type dict"):
        plot.weights({"Trade": 1.0})
    with pytest.raises(InvalidParameterError, match=r"'assessment'.*of type str"):
        plot.weights(report.weights, "great-power-cooperation")
    with pytest.raises(InvalidParameterError, match="already carries the assessment"):
        plot.weights(report, report.assessment)


def test_acceptability_bars_add_up_to_100_for_every_option(tmp_path):
    result = pb.sensitivity.smaa(
        pb.examples.load("great-power-cooperation").assessment, samples=2000, seed=3
    )
    figure = plot.acceptability(result)
    axes = figure.axes[0]
    assert [c.get_label() for c in axes.containers] == [f"rank {k}" for k in range(1, 8)]
    totals = np.sum([[bar.get_width() for bar in c] for c in axes.containers], axis=0)
    np.testing.assert_allclose(totals, 100.0)
    first = [bar.get_width() for bar in axes.containers[0]]
    assert first == sorted(first, reverse=True)
    path = tmp_path / "acceptability.png"
    figure.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(pb.errors.InvalidParameterError, match="smaa"):
        plot.acceptability("not a result")


# -- one visual language with the HTML pages -----------------------------------------------


def _drawn(figure):
    """The figure drawn by Agg, as saving it would, and the renderer that drew it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


@pytest.fixture(scope="module")
def every_figure(report):
    a = report.assessment
    topsis = pb.evaluate(a, method="topsis")
    return {
        "contributions": plot.contributions(topsis),
        "benefit_risk": plot.benefit_risk(topsis),
        "weights": plot.weights(report),
        "sweep": plot.sweep(pb.sensitivity.sweep(a, "Security")),
        "acceptability": plot.acceptability(pb.sensitivity.smaa(a, samples=1000, seed=4)),
    }


def _rgba(colour):
    return matplotlib.colors.to_rgba(colour)


def test_areas_have_the_colours_of_the_html_page(report):
    from powerbalance._render.palette import colours_for

    areas = list(report.assessment.areas)
    palette = colours_for(areas)
    ax = axes_of(plot.contributions(report))
    for area in areas:
        (benefit,) = (c for c in ax.containers if c.get_label() == f"{area} benefit")
        (risk,) = (c for c in ax.containers if c.get_label() == f"{area} risk")
        assert benefit[0].get_facecolor() == _rgba(palette[area])
        assert risk[0].get_facecolor() == _rgba(palette[area])
    weights_ax = axes_of(plot.weights(report))
    for container in weights_ax.containers:
        assert container[0].get_facecolor() == _rgba(palette[container.get_label()])
    # The same colour is drawn for the same area in the report's HTML bars.
    page = report.to_html(page=True)
    for area in areas:
        fills = set(
            re.findall(
                rf'data-area="{re.escape(area)}" data-measure="benefit"[^>]*fill="([^"]+)"', page
            )
        )
        assert fills == {palette[area]}
        assert _rgba(next(iter(fills))) == benefit_colour(ax, area)


def benefit_colour(ax, area):
    (bars,) = (c for c in ax.containers if c.get_label() == f"{area} benefit")
    return bars[0].get_facecolor()


def test_options_and_ranks_have_the_palettes_colours(every_figure):
    from powerbalance._render.palette import colours_for, luminance, rank_colours

    ax = every_figure["sweep"].axes[0]
    options = pb.examples.load("great-power-cooperation").assessment.option_names
    lines = [line for line in ax.lines if line.get_label() in options]
    palette = colours_for([line.get_label() for line in lines])
    for line in lines:
        assert _rgba(line.get_color()) == _rgba(palette[line.get_label()])
    styles = {(line.get_color(), str(line.get_linestyle())) for line in lines}
    assert len(styles) == len(lines)

    ax = every_figure["acceptability"].axes[0]
    expected = rank_colours(len(ax.containers))
    drawn = [container[0].get_facecolor() for container in ax.containers]
    assert drawn == [_rgba(colour) for colour in expected]
    lightness = [luminance(matplotlib.colors.to_hex(c)) for c in drawn]
    assert lightness == sorted(lightness)  # ordered: first place darkest


def test_ranks_have_the_colours_of_the_html_page(report):
    from powerbalance._render.palette import rank_colours

    result = pb.sensitivity.smaa(report.assessment, samples=1000, seed=4)
    ax = axes_of(plot.acceptability(result))
    page = result.to_html(page=True)
    expected = rank_colours(len(result.options))
    for rank, colour in enumerate(expected, start=1):
        (bars,) = (c for c in ax.containers if c.get_label() == f"rank {rank}")
        # The same colour is drawn for the same rank in the SMAA page's bars.
        fills = set(re.findall(rf'data-rank="{rank}"[^>]*fill="([^"]+)"', page))
        assert fills == {colour}
        assert bars[0].get_facecolor() == _rgba(colour)
    # And the options come in the same order, top to bottom.
    drawn = [label.get_text() for label in ax.get_yticklabels()]
    assert drawn == re.findall(r'<g class="option" data-option="([^"]+)"', page)
    assert set(result.never_first) >= {"Confrontation", "Status quo"}


def test_risks_are_striped_in_black_or_white_whichever_shows(report):
    from powerbalance._render.palette import colours_for, contrast, text_on

    ax = axes_of(plot.contributions(report))
    palette = colours_for(list(report.assessment.areas))
    for area, colour in palette.items():
        (risk,) = (c for c in ax.containers if c.get_label() == f"{area} risk")
        assert risk[0].get_hatch() == plot.RISK_HATCH
        # The hatch is drawn in the edge colour.
        assert risk[0].get_edgecolor() == _rgba(text_on(colour))
        assert contrast(text_on(colour), colour) >= 4.5


@pytest.mark.parametrize(
    "name", ["contributions", "benefit_risk", "weights", "sweep", "acceptability"]
)
def test_nothing_is_clipped_and_the_legend_is_off_the_data(every_figure, name):
    figure = every_figure[name]
    renderer = _drawn(figure)
    page = figure.bbox
    (ax,) = figure.axes
    legend = ax.get_legend()
    assert legend is not None
    # Everything drawn: title, axis labels, tick labels in view, texts and the legend.
    drawn = ax.get_tightbbox(renderer)
    assert drawn.x0 >= page.x0 - 0.5, name
    assert drawn.y0 >= page.y0 - 0.5, name
    assert drawn.x1 <= page.x1 + 0.5, name
    assert drawn.y1 <= page.y1 + 0.5, name
    assert not legend.get_window_extent(renderer).overlaps(ax.bbox)


def test_benefit_risk_labels_keep_clear_of_each_other_and_of_the_points():
    for study in ("great-power-cooperation", "engage-or-contain"):
        for method in ("weighted-sum", "topsis"):
            report = pb.evaluate(pb.examples.load(study).assessment, method=method)
            figure = plot.benefit_risk(report)
            renderer = _drawn(figure)
            ax = figure.axes[0]
            labels = [t for t in ax.texts if t.get_text() in report.benefit_risk.index]
            boxes = [label.get_window_extent(renderer) for label in labels]
            for k, box in enumerate(boxes):
                for other in boxes[k + 1 :]:
                    assert not box.overlaps(other), (study, method)
                assert ax.bbox.contains(box.x0, box.y0)
                assert ax.bbox.contains(box.x1, box.y1)
            table = report.benefit_risk
            points = ax.transData.transform(table[["risk", "benefit"]].to_numpy())
            for box in boxes:
                for x, y in points:
                    assert not box.contains(x, y), (study, method)


def test_crowded_labels_are_moved_apart():
    criteria = [
        pb.Criterion("Gain", area="Economic", kind="benefit"),
        pb.Criterion("Loss", area="Security", kind="risk"),
    ]
    scores = [[5.0 + 0.05 * k, 5.0 + 0.04 * k] for k in range(6)] + [[0.0, 0.0], [10.0, 10.0]]
    names = [f"Option number {k}" for k in range(len(scores))]
    report = pb.evaluate(pb.Assessment(names, criteria, scores))
    figure = plot.benefit_risk(report)
    renderer = _drawn(figure)
    boxes = [t.get_window_extent(renderer) for t in figure.axes[0].texts]
    overlaps = sum(a.overlaps(b) for k, a in enumerate(boxes) for b in boxes[k + 1 :])
    assert overlaps == 0


def test_titles_name_the_method_in_words(every_figure):
    for name in ("contributions", "benefit_risk"):
        title = every_figure[name].axes[0].get_title()
        assert "TOPSIS, vector normalization" in title
        assert "(normalization=" not in title
    title = every_figure["acceptability"].axes[0].get_title()
    assert "weighted sum, min-max normalization" in title


def test_acceptability_writes_the_shares_it_can_fit_readably(every_figure):
    from powerbalance._render.palette import contrast

    figure = every_figure["acceptability"]
    renderer = _drawn(figure)
    ax = figure.axes[0]
    written = [t for t in ax.texts if t.get_text()]
    assert len(written) >= 7
    bars = [bar for container in ax.containers for bar in container]
    for text in written:
        share = float(text.get_text().rstrip("%"))
        assert share >= plot._robustness.LABELLED_SHARE - 0.5
        box = text.get_window_extent(renderer)
        centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
        (bar,) = (b for b in bars if b.contains_point(centre))
        assert bar.get_window_extent(renderer).contains(box.x0, box.y0)
        assert bar.get_window_extent(renderer).contains(box.x1, box.y1)
        assert bar.get_width() == pytest.approx(share, abs=0.5)
        fill = matplotlib.colors.to_hex(bar.get_facecolor())
        assert contrast(matplotlib.colors.to_hex(text.get_color()), fill) >= 4.5


# -- across scenarios ----------------------------------------------------------------------

SCENARIO_CHARTS = [plot.regret, plot.scenario_scores]


@pytest.fixture(scope="module")
def analysis():
    return pb.scenarios.evaluate(pb.examples.load("great-power-cooperation").assessment)


@pytest.mark.parametrize("chart", SCENARIO_CHARTS, ids=lambda f: f.__name__)
def test_scenario_chart_saves_a_png_and_leaves_settings_alone(
    chart, analysis, tmp_path, no_new_pyplot_figures
):
    before = dict(matplotlib.rcParams)
    figure = chart(analysis)
    assert isinstance(figure, Figure)
    assert "weighted sum, min-max normalization" in figure.axes[0].get_title()
    path = tmp_path / f"{chart.__name__}.png"
    figure.savefig(path)
    assert_png(path)
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize("chart", SCENARIO_CHARTS, ids=lambda f: f.__name__)
def test_scenario_chart_draws_into_given_axes_and_refuses_other_input(chart, analysis):
    figure, (left, right) = plt.subplots(1, 2, figsize=(18, 6))
    try:
        assert chart(analysis, ax=right) is figure
        assert right.has_data()
        assert not left.has_data()
    finally:
        plt.close(figure)
    with pytest.raises(InvalidParameterError, match=r"'ax'.*got 'left' of type str"):
        chart(analysis, ax="left")
    with pytest.raises(InvalidParameterError, match=r"powerbalance.scenarios.evaluate.*Report"):
        chart(pb.evaluate(analysis.assessment))


@pytest.mark.parametrize("chart", SCENARIO_CHARTS, ids=lambda f: f.__name__)
def test_scenario_chart_needs_matplotlib(chart, analysis, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(pb.errors.MissingDependencyError, match=r"powerbalance\[plot\]"):
        chart(analysis)


@pytest.mark.parametrize("chart", SCENARIO_CHARTS, ids=lambda f: f.__name__)
def test_scenario_chart_clips_nothing(chart, analysis):
    figure = chart(analysis)
    renderer = _drawn(figure)
    page = figure.bbox
    for ax in figure.axes:
        drawn = ax.get_tightbbox(renderer)
        assert drawn.x0 >= page.x0 - 0.5
        assert drawn.y0 >= page.y0 - 0.5
        assert drawn.x1 <= page.x1 + 0.5
        assert drawn.y1 <= page.y1 + 0.5
    legend = figure.axes[0].get_legend()
    if legend is not None:
        assert not legend.get_window_extent(renderer).overlaps(figure.axes[0].bbox)


def test_regret_cells_are_the_analysis_regret_smallest_largest_regret_on_top(analysis):
    from powerbalance._render.palette import luminance, rank_colours, text_on

    figure = plot.regret(analysis)
    ax = figure.axes[0]
    (image,) = ax.images
    drawn = np.asarray(image.get_array())
    options = [label.get_text() for label in ax.get_yticklabels()]
    expected = analysis.regret.loc[options].to_numpy()
    np.testing.assert_array_equal(drawn, expected)
    largest = expected.max(axis=1)
    assert list(largest) == sorted(largest)
    assert options[0] == analysis.choice["minimax_regret"]
    # Every cell writes its value, in black or white, whichever reads on its colour.
    texts = {(round(t.get_position()[1]), round(t.get_position()[0])): t for t in ax.texts}
    assert len(texts) == expected.size
    for (i, j), text in texts.items():
        assert text.get_text() == f"{expected[i, j]:.3f}"
        fill = matplotlib.colors.to_hex(image.cmap(image.norm(expected[i, j])))
        assert matplotlib.colors.to_hex(text.get_color()) == text_on(fill.upper()).lower()
        assert (text.get_fontweight() == "bold") == (j == int(np.argmax(expected[i])))
    # The ordered palette of the ranks, lightest for no regret, darkest for the most.
    palette = rank_colours(10)
    ends = [matplotlib.colors.to_hex(image.cmap(x)) for x in (0.0, 1.0)]
    assert ends == [palette[-1].lower(), palette[0].lower()]
    shades = [luminance(matplotlib.colors.to_hex(image.cmap(x))) for x in np.linspace(0, 1, 11)]
    assert shades == sorted(shades, reverse=True)
    # One outline per option, on its largest regret.
    outlines = [p for p in ax.patches if not p.get_fill()]
    assert len(outlines) == len(options)
    for i, outline in enumerate(sorted(outlines, key=lambda p: p.get_y())):
        assert outline.get_x() + 0.5 == int(np.argmax(expected[i]))
    ticks = [label.get_text().replace("\n", " ") for label in ax.get_xticklabels()]
    assert ticks == list(analysis.scenarios)


def test_scenario_scores_lines_are_the_scores_in_the_palette(analysis):
    from powerbalance._render.palette import colours_for

    ax = plot.scenario_scores(analysis).axes[0]
    options = list(analysis.assessment.option_names)
    lines = [line for line in ax.lines if line.get_label() in options]
    assert [line.get_label() for line in lines] == options
    palette = colours_for(options)
    for line in lines:
        option = line.get_label()
        np.testing.assert_array_equal(line.get_xdata(), np.arange(len(analysis.scenarios)))
        np.testing.assert_array_equal(line.get_ydata(), analysis.scores.loc[option].to_numpy())
        assert _rgba(line.get_color()) == _rgba(palette[option])
        assert line.get_marker() == "o"
    assert len({(line.get_color(), str(line.get_linestyle())) for line in lines}) == len(lines)
    ticks = [label.get_text().replace("\n", " ") for label in ax.get_xticklabels()]
    assert ticks == list(analysis.scenarios)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == options
