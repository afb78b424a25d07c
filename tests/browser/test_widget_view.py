"""The notebook widget's view in a real browser, following a real kernel and followed by it.

A notebook built here creates and shows the conference widget in a live Jupyter kernel
(nbclient, one cell at a time; tests/widget_kernel.py). The state the kernel sends the
front end over the widget's comm is given to the widget's own script (the ``_esm`` the
kernel sent) in headless Chromium, imported from a blob and rendered as anywidget's
front end does, behind a model with anywidget's ``get``, ``set``, ``on``, ``off`` and
``save_changes``.

Python to page: weights set in the kernel reach the view, whose sliders move and whose
ranking and scores are ``pb.evaluate``'s (to 1e-9). Page to Python: the view's sliders
are moved by keyboard, and the updates it saves are delivered to the kernel as a front
end delivers them (``comm_msg`` on the shell channel); the kernel's weights and
``w.report()`` must then be the view's. Nothing may be fetched from outside the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import powerbalance as pb
from widget_kernel import Kernel, kernel_in

pytest.importorskip("anywidget", reason="the widget extra is not installed")

STUDY = "great-power-cooperation"
URL = "http://powerbalance.test/widget.html"
#: How far a slider's thumb may lag its weight: under a pixel of a long slider.
THUMB_SLACK = 0.002


@pytest.fixture(scope="module")
def study() -> pb.Study:
    return pb.examples.load(STUDY)


@pytest.fixture
def kernel(tmp_path: Path) -> Iterator[Kernel]:
    with kernel_in(tmp_path) as started:
        yield started


#: A page that runs a widget's ESM as anywidget's front end does (imported from a blob,
#: ``render({model, el})``), behind a model with anywidget's get/set/on/off/save_changes.
#: ``receive`` applies state the kernel sent; what the view saves is kept in ``sent``.
SHELL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>widget</title></head>
<body><div id="view"></div>
<script type="module">
const state = {};
const listeners = new Map();
const dirty = new Set();
const sent = [];
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function fire(key) { for (const f of listeners.get(`change:${key}`) || []) f(); }
const model = {
  get: (key) => state[key],
  set(key, value) {
    const changed = !same(state[key], value);
    state[key] = value;
    dirty.add(key);
    if (changed) fire(key);
  },
  on(event, f) { listeners.set(event, [...(listeners.get(event) || []), f]); },
  off(event, f) { listeners.set(event, (listeners.get(event) || []).filter((g) => g !== f)); },
  save_changes() {
    const update = {};
    for (const key of dirty) update[key] = structuredClone(state[key]);
    dirty.clear();
    sent.push(update);
  },
};
window.widget = {
  async open(opened) {
    Object.assign(state, opened);
    const style = document.createElement("style");
    style.textContent = state._css;
    document.head.append(style);
    const url = URL.createObjectURL(new Blob([state._esm], { type: "text/javascript" }));
    const module = await import(url);
    module.default.render({ model, el: document.getElementById("view") });
  },
  receive(update) {
    for (const [key, value] of Object.entries(update)) {
      const changed = !same(state[key], value);
      state[key] = value;
      if (changed) fire(key);
    }
  },
  take() { return sent.splice(0); },
};
</script></body></html>
"""

HOOK = "document.getElementById('view').conference"


class View:
    """The widget's view in a tab of its own; nothing may be fetched from outside it."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._serve)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(URL, wait_until="load")

    def _serve(self, route: Any) -> None:
        if route.request.url == URL:
            route.fulfill(body=SHELL, content_type="text/html; charset=utf-8")
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, state: dict[str, Any]) -> None:
        self.page.evaluate("(state) => window.widget.open(state)", state)
        self.page.wait_for_function(f"() => {HOOK} !== undefined")

    def hook(self, call: str) -> Any:
        return self.page.evaluate(f"() => {HOOK}.{call}()")

    def sliders(self) -> dict[str, tuple[float, float]]:
        """Each criterion's slider: where its thumb is, and the number shown beside it."""
        return {
            name: (thumb, float(shown))
            for name, thumb, shown in self.page.evaluate(
                """() => [...document.querySelectorAll('input[data-scope="criterion"]')].map(
                    (s) => [s.dataset.name, s.valueAsNumber,
                            document.querySelector(`output[for="${s.id}"]`).textContent])"""
            )
        }


def check_view(view: View, a: pb.Assessment, weights: dict[str, float], method: str) -> None:
    """The view shows these weights, on its sliders too, and ranks as the library."""
    shown = view.hook("weights")
    assert shown == pytest.approx(weights, abs=1e-12)
    sliders = view.sliders()
    assert set(sliders) == set(weights)
    for name, (thumb, shown) in sliders.items():
        # A thumb may lag by under a pixel; the number beside it is the weight to 3 places.
        assert abs(thumb - weights[name]) <= THUMB_SLACK, (name, thumb, weights[name])
        assert abs(shown - weights[name]) <= 0.0005 + 1e-12, (name, shown, weights[name])
    report = pb.evaluate(a, weighting=pb.Weights.from_mapping(weights), method=method)
    np.testing.assert_allclose(view.hook("scores"), report.scores, rtol=0, atol=1e-9)
    ranking = view.hook("ranking")
    assert [row["option"] for row in ranking] == list(report.ranking.index)
    assert [row["rank"] for row in ranking] == list(report.ranking["rank"])


def test_the_view_in_a_browser_follows_the_kernel_and_the_kernel_follows_the_view(
    kernel, browser, study
):
    a = study.assessment
    method = "topsis"
    model_id = kernel.show_widget(
        "import json\n"
        "import powerbalance as pb\n"
        f"w = pb.brief.widget(pb.examples.load({STUDY!r}), method={method!r})\n"
        "w"
    )
    view = View(browser)
    try:
        view.open(kernel.state(model_id))
        start = kernel.printed("print(json.dumps(w.weights))")
        check_view(view, a, start, method)

        # Python -> page: the sliders move to weights set in the kernel.
        rng = np.random.default_rng(18)
        for _ in range(3):
            points = dict(
                zip(a.criterion_names, rng.integers(0, 10, a.n_criteria).tolist(), strict=True)
            )
            points[a.criterion_names[0]] += 1
            before = dict(kernel.state(model_id))
            kernel.run(f"w.weights = {points!r}")
            update = {
                key: value for key, value in kernel.state(model_id).items() if before[key] != value
            }
            assert set(update) == {"weights"}
            view.page.evaluate("(update) => window.widget.receive(update)", update)
            check_view(view, a, kernel.printed("print(json.dumps(w.weights))"), method)
            assert view.page.evaluate("() => window.widget.take()") == [], (
                "the view sent back weights it was given"
            )

        # Page -> Python: sliders moved by keyboard; their updates delivered to the kernel.
        for name, keys in (
            (a.criterion_names[2], ["ArrowRight"] * 3 + ["PageUp"]),
            (a.criterion_names[9], ["PageDown", "Shift+ArrowRight"]),
        ):
            slider = view.page.locator(f'input[data-scope="criterion"][data-name="{name}"]')
            slider.focus()
            for key in keys:
                slider.press(key)
            updates = view.page.evaluate("() => window.widget.take()")
            assert updates, "the view sent nothing when its sliders moved"
            for update in updates:
                assert set(update) == {"weights"}
                kernel.send(model_id, update)
            on_page = view.hook("weights")
            assert kernel.printed("print(json.dumps(w.weights))") == on_page
            ranking = kernel.printed("print(json.dumps(list(w.report().ranking.index)))")
            assert ranking == [row["option"] for row in view.hook("ranking")]
            check_view(view, a, on_page, method)
        assert not view.errors, view.errors
        assert not view.outside, f"the view asked for {view.outside}"
    finally:
        view.context.close()
