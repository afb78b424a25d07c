"""The decision-conference page in a real browser, opened from a file with no network.

For each method the page scores (weighted sum, weighted product, TOPSIS), 50 random
weightings are set, some by keyboard and some by pointer on the sliders and the rest
through the page's hook (``el.conference``), and the page's ranking and scores must be
those of pb.evaluate to 1e-9. The stability bands must be pb.sensitivity.stability's;
every slider must be reachable by Tab, named, and movable by keys; the weights must
survive a reload through the address; nothing may leave the page.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import powerbalance as pb

STUDY = "great-power-cooperation"
PRESET = "security-first"
SCORED = ("weighted-sum", "weighted-product", "topsis")
HOOK = "document.getElementById('pb-conference').conference"


@pytest.fixture(scope="module")
def study() -> pb.Study:
    return pb.examples.load(STUDY)


class Conference:
    """One tab with the conference page of a method, opened from a file."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        # Nothing but the file itself may be fetched; anything else is refused.
        self.context.route("**/*", self._serve)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.open(self.url)

    def _serve(self, route: Any) -> None:
        if route.request.url.split("#")[0] == self.url:
            route.continue_()
        else:
            route.abort()

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load")
        self.page.wait_for_function(f"() => {HOOK} !== undefined")

    def hook(self, call: str, *arguments: Any) -> Any:
        return self.page.evaluate(f"(args) => {HOOK}.{call}(...args)", list(arguments))

    def slider(self, scope: str, name: str) -> Any:
        return self.page.locator(f'input[data-scope="{scope}"][data-name="{name}"]')

    def table(self) -> list[list[str]]:
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.pb-conf-table tbody tr')]
                .map((tr) => [...tr.cells].map((c) => c.textContent))"""
        )


@pytest.fixture(scope="module", params=SCORED)
def conference(
    request: Any, browser: Any, study: pb.Study, tmp_path_factory: Any
) -> Iterator[Conference]:
    path = tmp_path_factory.mktemp("conference") / f"{request.param}.html"
    pb.brief.interactive(study, weighting=PRESET, method=request.param).save(path)
    opened = Conference(browser, path)
    opened.method = request.param  # type: ignore[attr-defined]
    yield opened
    opened.context.close()


def check_against_library(conference: Conference, a: pb.Assessment) -> dict[str, float]:
    """The page's scores, ranking and bars against pb.evaluate at the page's weights."""
    weights = conference.hook("weights")
    assert abs(sum(weights.values()) - 1) < 1e-12
    assert all(w >= 0 for w in weights.values())
    report = pb.evaluate(a, weighting=pb.Weights.from_mapping(weights), method=conference.method)
    np.testing.assert_allclose(conference.hook("scores"), report.scores, rtol=0, atol=1e-9)
    ranking = conference.hook("ranking")
    assert [row["option"] for row in ranking] == list(report.ranking.index)
    assert [row["rank"] for row in ranking] == list(report.ranking["rank"])
    shown = conference.table()
    assert [row[1] for row in shown] == list(report.ranking.index)
    assert [row[2] for row in shown] == [f"{s:.3f}" for s in report.ranking["score"]]
    return weights


def test_the_page_scores_and_ranks_as_the_library_for_50_random_weightings(
    conference: Conference, study: pb.Study
) -> None:
    a = study.assessment
    rng = np.random.default_rng(1800 + SCORED.index(conference.method))  # type: ignore[attr-defined]
    targets = rng.dirichlet(np.ones(a.n_criteria), size=50)
    sliders = [("criterion", name) for name in a.criterion_names] + [
        ("area", area) for area in a.areas if len(a.criteria_in(area)) > 1
    ]
    for k, target in enumerate(targets):
        given = dict(zip(a.criterion_names, target.tolist(), strict=True))
        conference.hook("setWeights", given)
        if k < 5:
            # By keyboard: a slider is focused and moved by its keys.
            scope, name = sliders[int(rng.integers(len(sliders)))]
            slider = conference.slider(scope, name)
            slider.focus()
            for key in rng.choice(["ArrowRight", "ArrowLeft", "PageUp", "Shift+ArrowUp"], 4):
                conference.page.keyboard.press(str(key))
        elif k < 10:
            # By pointer: a slider is dragged with the mouse.
            scope, name = sliders[int(rng.integers(len(sliders)))]
            slider = conference.slider(scope, name)
            slider.scroll_into_view_if_needed()
            box = slider.bounding_box()
            y = box["y"] + box["height"] / 2
            start, end = (box["x"] + box["width"] * f for f in rng.uniform(0.05, 0.95, 2))
            conference.page.mouse.move(start, y)
            conference.page.mouse.down()
            conference.page.mouse.move(end, y, steps=5)
            conference.page.mouse.up()
        weights = check_against_library(conference, a)
        if k >= 10:
            np.testing.assert_allclose(list(weights.values()), target, rtol=0, atol=1e-12)
        else:
            assert not np.allclose(list(weights.values()), target, rtol=0, atol=1e-9)
    assert conference.errors == []


def test_benefits_and_risks_by_area_are_the_reports(
    conference: Conference, study: pb.Study
) -> None:
    a = study.assessment
    weights = np.random.default_rng(7).dirichlet(np.ones(a.n_criteria))
    conference.hook("setWeights", dict(zip(a.criterion_names, weights.tolist(), strict=True)))
    report = pb.evaluate(
        a, weighting=pb.Weights(a.criterion_names, weights), method=conference.method
    )
    shown = conference.hook("byArea")
    for option in a.option_names:
        for area in a.areas:
            for measure in ("benefit", "risk", "net"):
                assert shown[option][area][measure] == pytest.approx(
                    report.by_area.loc[option, (area, measure)], abs=1e-9
                )
    bars = conference.page.locator(".pb-conf-bar-name").all_inner_texts()
    assert bars == [f"{k + 1}. {name}" for k, name in enumerate(report.ranking.index)]


def test_the_bands_on_the_sliders_are_the_stability_intervals(
    conference: Conference, study: pb.Study
) -> None:
    a = study.assessment
    conference.open(conference.url)
    stable = pb.sensitivity.stability(a, weighting=study.presets[PRESET], method=conference.method)
    drawn = {(d["scope"], d["name"]): d for d in conference.hook("intervals")}
    assert sorted(drawn) == sorted((i.scope, i.name) for i in stable.intervals)
    for interval in stable.intervals:
        shown = drawn[(interval.scope, interval.name)]
        assert (shown["low"], shown["high"]) == (interval.top_low, interval.top_high)
        assert shown["swapLow"] == (list(interval.top_swap_low) if interval.top_swap_low else None)
        assert shown["swapHigh"] == (
            list(interval.top_swap_high) if interval.top_swap_high else None
        )
        assert shown["current"]
    # Where each band is drawn: from low to high along the thumb's travel.
    placed = conference.page.evaluate(
        """() => [...document.querySelectorAll('.pb-conf-band')].map((band) => {
            const input = band.parentElement.querySelector('input');
            const track = input.getBoundingClientRect(), box = band.getBoundingClientRect();
            const thumb = parseFloat(getComputedStyle(input).getPropertyValue('--thumb')) * 16;
            return [input.dataset.scope, input.dataset.name,
                    (box.left - track.left - thumb / 2) / (track.width - thumb),
                    (box.right - track.left - thumb / 2) / (track.width - thumb)];
        })"""
    )
    assert len(placed) == len(stable.intervals)
    for scope, name, low, high in placed:
        interval = drawn[(scope, name)]
        assert low == pytest.approx(interval["low"], abs=0.01)
        assert high == pytest.approx(interval["high"], abs=0.01)
    # Moving one weight keeps the page on that weight's path: its band still holds.
    first = stable.intervals[0]
    conference.slider(first.scope, first.name).focus()
    conference.page.keyboard.press("ArrowRight")
    after = {d["name"]: d["current"] for d in conference.hook("intervals")}
    assert after[first.name] is True
    assert not all(after.values())


def test_first_place_changing_hands_is_announced_where_it_happens(
    conference: Conference, study: pb.Study
) -> None:
    a = study.assessment
    conference.open(conference.url)
    critical = pb.sensitivity.stability(
        a, weighting=study.presets[PRESET], method=conference.method
    ).critical
    conference.slider(critical.scope, critical.name).focus()
    key = "ArrowRight" if critical.threshold > critical.weight else "ArrowLeft"
    for _ in range(int(abs(critical.threshold - critical.weight) / 0.01) + 2):
        conference.page.keyboard.press(key)
    assert conference.hook("leader") == critical.taken_over_by
    said = conference.hook("announcement")
    what = f"the weight of the {critical.name} area" if critical.scope == "area" else critical.name
    found = re.fullmatch(
        rf"{re.escape(critical.taken_over_by)} takes over from {re.escape(critical.leader)} "
        rf"as {re.escape(what)} passes (\d\.\d{{3}})\.",
        said,
    )
    assert found, said
    assert float(found.group(1)) == pytest.approx(critical.threshold, abs=0.0011)
    live = conference.page.locator(".pb-conf-live")
    assert live.get_attribute("aria-live") == "polite"
    assert live.get_attribute("role") == "status"


def test_every_slider_is_named_reachable_by_tab_and_moved_by_keys(
    conference: Conference, study: pb.Study
) -> None:
    a = study.assessment
    conference.open(conference.url)
    page = conference.page
    names = [
        *a.criterion_names,
        *(f"{area} (area)" for area in a.areas if len(a.criteria_in(area)) > 1),
    ]
    for name in names:
        slider = page.get_by_role("slider", name=name, exact=True)
        assert slider.count() == 1, name
        assert re.fullmatch(
            r"\d\.\d{3}, \d+\.\d% of the total weight", slider.get_attribute("aria-valuetext")
        )
    reached = set()
    page.locator("body").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.type === 'range' ? document.activeElement.id : null"
        )
        if focused:
            reached.add(focused)
    ids = page.eval_on_selector_all("input[type=range]", "(all) => all.map((e) => e.id)")
    assert reached == set(ids)
    assert len(ids) == len(names)
    for input_id in ids:
        slider = page.locator(f"#{input_id}")
        slider.focus()
        before = float(slider.input_value())
        page.keyboard.press("ArrowRight")
        assert float(slider.input_value()) == pytest.approx(before + 0.01, abs=1e-12)
        page.keyboard.press("ArrowLeft")
        assert float(slider.input_value()) == pytest.approx(before, abs=1e-12)
        page.keyboard.press("Home")
        assert float(slider.input_value()) == 0
        page.keyboard.press("End")
        assert float(slider.input_value()) == pytest.approx(1.0, abs=1e-12)
    check_against_library(conference, a)


def test_locks_hold_a_weight_and_reset_brings_back_the_start(
    conference: Conference, study: pb.Study
) -> None:
    a = study.assessment
    conference.open(conference.url)
    start = conference.hook("weights")
    held = a.criterion_names[0]
    conference.page.get_by_role("button", name=f"Lock the weight of {held}").click()
    assert conference.slider("criterion", held).is_disabled()
    conference.slider("criterion", a.criterion_names[5]).focus()
    conference.page.keyboard.press("PageUp")
    moved = conference.hook("weights")
    assert moved[held] == start[held]
    assert moved[a.criterion_names[5]] == pytest.approx(start[a.criterion_names[5]] + 0.05)
    assert sum(moved.values()) == pytest.approx(1, abs=1e-12)
    check_against_library(conference, a)
    conference.page.get_by_role("button", name="Reset to the starting weights").click()
    assert conference.hook("weights") == start
    assert not conference.slider("criterion", held).is_disabled()


def test_the_address_keeps_the_weights_through_a_reload(
    conference: Conference, study: pb.Study
) -> None:
    a = study.assessment
    conference.open(conference.url)
    target = np.random.default_rng(11).dirichlet(np.ones(a.n_criteria))
    set_to = conference.hook(
        "setWeights", dict(zip(a.criterion_names, target.tolist(), strict=True))
    )
    conference.page.wait_for_function("() => location.hash.startsWith('#weights=')")
    saved = conference.page.url
    conference.open(conference.url)
    assert conference.hook("weights") != set_to
    conference.open(saved)
    assert conference.hook("weights") == set_to
    check_against_library(conference, a)
    # A fragment typed into the address moves the sliders too.
    start = pb.brief.interactive(study, weighting=PRESET).payload["start"]
    conference.page.evaluate(
        "(values) => { location.hash = 'weights=' + values.join(','); }", list(start.values())
    )
    conference.page.wait_for_function(
        f"() => {HOOK}.weights()[{a.criterion_names[0]!r}] === {start[a.criterion_names[0]]!r}"
    )
    assert conference.hook("weights") == start


def test_the_weights_are_offered_as_python_and_as_a_preset(
    conference: Conference, study: pb.Study, tmp_path: Path
) -> None:
    a = study.assessment
    conference.open(conference.url)
    target = np.random.default_rng(5).dirichlet(np.ones(a.n_criteria))
    weights = conference.hook(
        "setWeights", dict(zip(a.criterion_names, target.tolist(), strict=True))
    )
    python, toml = conference.page.locator(".pb-conf-preset pre").all_inner_texts()
    scope: dict[str, Any] = {"assessment": a}
    exec(python, scope)  # the snippet as a reader would paste it
    assert dict(scope["weights"]) == pytest.approx(weights, abs=1e-15)
    assert list(scope["report"].ranking.index) == [r["option"] for r in conference.hook("ranking")]
    points = tomllib.loads(toml)["presets"]["conference"]
    assert points["scheme"] == "direct"
    assert points["points"] == weights
    # Pasted into a study file, the preset weighs as the page did.
    path = tmp_path / "study.toml"
    pb.io.write(study, path)
    path.write_text(path.read_text(encoding="utf-8") + "\n" + toml, encoding="utf-8")
    read = pb.io.read(path)
    again = pb.evaluate(
        read.assessment, weighting=read.presets["conference"], method=conference.method
    )
    assert dict(again.weights) == pytest.approx(weights, abs=1e-15)
    assert conference.page.get_by_role("button", name="Copy the TOML preset").count() == 1


def test_nothing_leaves_the_page(conference: Conference) -> None:
    conference.open(conference.url)
    conference.page.wait_for_timeout(200)
    assert conference.requests
    assert all(url.startswith(conference.url) for url in conference.requests)
    assert conference.page.evaluate("() => performance.getEntriesByType('resource').length") == 0
    assert conference.errors == []


def test_a_method_the_page_cannot_score_shows_the_library_ranking_and_the_bands(
    browser: Any, study: pb.Study, tmp_path: Path
) -> None:
    a = study.assessment
    path = tmp_path / "vikor.html"
    pb.brief.interactive(study, weighting=PRESET, method="vikor").save(path)
    conference = Conference(browser, path)
    try:
        report = pb.evaluate(a, weighting=study.presets[PRESET], method="vikor")
        note = conference.page.locator(".pb-conf-note").inner_text()
        assert "cannot score the VIKOR" in note or "cannot score VIKOR" in note
        assert "does not re-rank" in note
        before = conference.hook("ranking")
        assert [row["option"] for row in before] == list(report.ranking.index)
        conference.slider("criterion", a.criterion_names[0]).focus()
        conference.page.keyboard.press("PageUp")
        assert conference.hook("ranking") == before
        assert (
            conference.hook("weights")[a.criterion_names[0]] > report.weights[a.criterion_names[0]]
        )
        stable = pb.sensitivity.stability(a, weighting=study.presets[PRESET], method="vikor")
        drawn = {
            (d["scope"], d["name"]): (d["low"], d["high"]) for d in conference.hook("intervals")
        }
        assert drawn == {(i.scope, i.name): (i.top_low, i.top_high) for i in stable.intervals}
        assert conference.page.locator(".pb-conf-bars").count() == 0
        assert conference.errors == []
    finally:
        conference.context.close()


def test_a_long_ranking_is_written_in_sight_at_once_and_in_full_soon_after(
    browser: Any, tmp_path: Path
) -> None:
    rng = np.random.default_rng(60)
    criteria = [
        pb.Criterion(f"C{j}", area=f"Area {j % 3}", kind="risk" if j % 4 == 3 else "benefit")
        for j in range(8)
    ]
    a = pb.Assessment([f"Option {i}" for i in range(60)], criteria, rng.uniform(1, 10, (60, 8)))
    path = tmp_path / "long.html"
    pb.brief.interactive(a, method="topsis").save(path)
    conference = Conference(browser, path)
    try:
        conference.slider("criterion", "C2").focus()
        conference.page.keyboard.press("PageUp")
        report = pb.evaluate(
            a, weighting=pb.Weights.from_mapping(conference.hook("weights")), method="topsis"
        )
        expected = list(report.ranking.index)
        assert [row[1] for row in conference.table()[:10]] == expected[:10]
        conference.page.wait_for_function(
            """(names) => [...document.querySelectorAll('.pb-conf-table tbody tr')]
                .every((tr, p) => tr.cells[1].textContent === names[p])""",
            arg=expected,
        )
        assert [row[1] for row in conference.table()] == expected
    finally:
        conference.context.close()


def test_the_page_fits_a_phone(browser: Any, study: pb.Study, tmp_path: Path) -> None:
    path = tmp_path / "phone.html"
    pb.brief.interactive(study).save(path)
    conference = Conference(browser, path)
    try:
        conference.page.set_viewport_size({"width": 390, "height": 800})
        sizes = conference.page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert sizes[0] <= sizes[1]
        # Every option's name in the ranking breaks only between words: no cell is
        # narrower than its longest word, and every row of the ranking shows.
        cells = conference.page.evaluate(
            """() => [...document.querySelectorAll('.pb-conf-table tr')].map((tr) =>
                [...tr.cells].map((cell) => [cell.textContent, cell.scrollWidth,
                                             cell.clientWidth]))"""
        )
        assert len(cells) == 1 + study.assessment.n_options
        for row in cells:
            for text, needed, width in row:
                assert needed <= width, f"{text!r} is cut at 390 px"
        heights = conference.page.evaluate(
            """() => { const box = document.querySelector('.pb-conf-scroll');
                       return [box.scrollHeight, box.clientHeight]; }"""
        )
        assert heights[0] <= heights[1], "the ranking of 7 options scrolls inside its box"
    finally:
        conference.context.close()
