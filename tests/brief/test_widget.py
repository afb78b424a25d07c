"""The conference widget: its weights checked in Python, and synchronized both ways in a kernel.

Outside a kernel: what the widget holds, the weights it takes and those it refuses. In a
real Jupyter kernel (driven by nbclient, one cell at a time, tests/widget_kernel.py), a
notebook built here creates and shows the widget; weights set from Python must be what
the kernel sends the front end over the widget's comm, and an update sent the way a
front end sends it (a ``comm_msg`` on the shell channel) must become the kernel's
weights. The view itself, the widget's script in headless Chromium following the
kernel and followed by it, is tested in tests/browser/test_widget_view.py.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.brief.conference._assets import script, stylesheet
from powerbalance.errors import InvalidParameterError, MissingDependencyError, WeightError
from widget_kernel import Kernel, kernel_in

pytest.importorskip("anywidget", reason="the widget extra is not installed")

STUDY = "great-power-cooperation"


@pytest.fixture(scope="module")
def study() -> pb.Study:
    return pb.examples.load(STUDY)


# -- in Python: what the widget holds, and the weights it refuses ----------------------------


def test_the_widget_holds_the_pages_payload_script_and_style(study):
    w = pb.brief.widget(study, weighting="security-first", method="topsis")
    page = pb.brief.interactive(study, weighting="security-first", method="topsis")
    assert w.payload == page.payload
    assert w.weights == page.payload["start"]
    assert list(w.weights) == list(study.assessment.criterion_names)
    assert w._esm == script()
    assert w._css == stylesheet()
    assert "export default { render }" in w._esm
    state = w.get_state()
    assert state["payload"]["kernel"]["kind"] == "topsis"
    assert state["weights"] == w.weights


def test_the_payload_cannot_be_replaced(study):
    w = pb.brief.widget(study)
    with pytest.raises(Exception, match="read-only"):
        w.payload = {}


def test_weights_set_from_python_are_rescaled_and_kept_in_criterion_order(study):
    a = study.assessment
    w = pb.brief.widget(study)
    points = {name: float(k + 1) for k, name in enumerate(reversed(a.criterion_names))}
    w.weights = points
    assert list(w.weights) == list(a.criterion_names)
    total = sum(points.values())
    assert w.weights == {name: points[name] / total for name in a.criterion_names}
    assert math.isclose(math.fsum(w.weights.values()), 1.0)


def test_weights_that_sum_to_one_but_for_rounding_are_kept_exactly(study):
    names = study.assessment.criterion_names
    w = pb.brief.widget(study)
    # As a page sends them: off 1 in the last bits, where rescaling would change them.
    given = dict.fromkeys(names, 0.0) | {names[0]: 0.5 + 1e-13, names[1]: 0.5}
    assert math.fsum(given.values()) != 1.0
    w.weights = given
    assert w.weights == given
    w.weights = given | {names[0]: 0.5 + 1e-9}
    assert w.weights[names[0]] != 0.5 + 1e-9
    assert math.isclose(math.fsum(w.weights.values()), 1.0, abs_tol=1e-15)


def test_weights_can_be_set_as_weights(study):
    w = pb.brief.widget(study)
    given = pb.Weights.from_mapping({name: 1 for name in study.assessment.criterion_names})
    w.weights = given
    assert w.weights == dict(given)
    assert type(w.weights) is dict


def test_report_is_the_librarys_evaluation_at_the_current_weights(study):
    a = study.assessment
    w = pb.brief.widget(study, method="weighted-product")
    w.weights = {name: 1 + k % 3 for k, name in enumerate(a.criterion_names)}
    expected = pb.evaluate(
        a, weighting=pb.Weights.from_mapping(w.weights), method="weighted-product"
    )
    report = w.report()
    assert report.weights == expected.weights
    assert list(report.ranking.index) == list(expected.ranking.index)
    np.testing.assert_array_equal(report.scores, expected.scores)


def _bad_weights(names: tuple[str, ...]) -> dict[str, tuple[object, type, str]]:
    first, rest = names[0], {name: 1.0 for name in names[1:]}
    return {
        "not a mapping": ([0.5, 0.5], InvalidParameterError, "a mapping of criterion name"),
        "unknown name": (
            {"Trade tension eased": 1.0, **rest},
            WeightError,
            "is not one of its criteria.*Did you mean 'Trade tensions eased'",
        ),
        "missing name": (rest, WeightError, f"No weight is given for '{first}'"),
        "negative": ({first: -0.1, **rest}, WeightError, "a finite number of at least 0"),
        "NaN": ({first: math.nan, **rest}, WeightError, "a finite number of at least 0"),
        "infinite": ({first: math.inf, **rest}, WeightError, "a finite number of at least 0"),
        "text": ({first: "0.5", **rest}, WeightError, "not text"),
        "boolean": ({first: True, **rest}, WeightError, "True and False are not numbers"),
        "all zero": (dict.fromkeys(names, 0), WeightError, "at least one positive weight"),
    }


@pytest.mark.parametrize(
    "case",
    list(_bad_weights(("a",))),
)
def test_refused_weights_raise_in_the_one_form_and_change_nothing(study, case):
    names = study.assessment.criterion_names
    bad, error, detail = _bad_weights(names)[case]
    w = pb.brief.widget(study)
    before = dict(w.weights)
    with pytest.raises(error) as info:
        w.weights = bad
    message = str(info.value)
    assert re.match(r"ConferenceWidget: weights(\['.+'\])? must be .+; got .+\. \S", message)
    assert re.search(detail, message), message
    assert isinstance(info.value, ValueError)
    assert w.weights == before


def test_weights_the_view_cannot_send_are_refused_and_sent_back(study, monkeypatch, caplog):
    w = pb.brief.widget(study)
    before = dict(w.weights)
    sent: list[object] = []
    monkeypatch.setattr(w, "send_state", lambda key=None: sent.append(key))
    w.set_state({"weights": {"Nope": 1}})
    assert w.weights == before
    assert sent == ["weights"]
    assert "refuses" in caplog.text
    moved = dict.fromkeys(before, 1 / len(before))
    w.set_state({"weights": moved})
    assert w.weights == moved


def test_a_missing_anywidget_is_a_clear_error(study, monkeypatch):
    monkeypatch.setitem(sys.modules, "anywidget", None)
    monkeypatch.delitem(sys.modules, "powerbalance.brief.conference._widget", raising=False)
    with pytest.raises(MissingDependencyError, match=r'pip install "powerbalance\[widget\]"'):
        pb.brief.widget(study)
    assert issubclass(MissingDependencyError, ImportError)


def test_importing_the_brief_does_not_import_anywidget():
    code = (
        "import sys, powerbalance as pb\n"
        "pb.brief.widget, pb.brief.interactive\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'anywidget', 'ipywidgets'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# -- in a real kernel -------------------------------------------------------------------------


@pytest.fixture
def kernel(tmp_path: Path) -> Iterator[Kernel]:
    with kernel_in(tmp_path) as started:
        yield started


def test_weights_sync_both_ways_through_the_kernels_comm(kernel, study):
    a = study.assessment
    method = "weighted-sum"
    model_id = kernel.show_widget(
        "import json\n"
        "import powerbalance as pb\n"
        f"w = pb.brief.widget(pb.examples.load({STUDY!r}), method={method!r})\n"
        "w"
    )
    sent = kernel.state(model_id)
    assert sent["weights"] == kernel.printed("print(json.dumps(w.weights))")
    assert sent["payload"]["criteria"][0]["name"] == a.criterion_names[0]
    assert sent["_esm"] == script()

    # Python -> front end: the kernel sends the rescaled weights over the comm.
    points = {name: 1 + k % 4 for k, name in enumerate(a.criterion_names)}
    kernel.run(f"w.weights = {points!r}")
    total = sum(points.values())
    expected = {name: points[name] / total for name in a.criterion_names}
    assert kernel.state(model_id)["weights"] == expected

    # Front end -> Python: an update as the view sends it.
    moved = dict.fromkeys(a.criterion_names, 0.0) | {a.criterion_names[3]: 1.0}
    answers = kernel.send(model_id, {"weights": moved})
    assert all(answer["method"] == "echo_update" for answer in answers)
    assert kernel.printed("print(json.dumps(w.weights))") == moved
    ranking = kernel.printed("print(json.dumps(list(w.report().ranking.index)))")
    library = pb.evaluate(a, weighting=pb.Weights.from_mapping(moved))
    assert ranking == list(library.ranking.index)

    # Refused in the kernel, from either side; the weights stay.
    refused = kernel.printed(
        "try:\n"
        "    w.weights = {'Nope': 1}\n"
        "except pb.errors.WeightError as error:\n"
        "    print(json.dumps(str(error)))"
    )
    assert refused.startswith("ConferenceWidget: weights must be one weight for each criterion")
    answers = kernel.send(model_id, {"weights": {"Nope": 1}})
    restore = [x for x in answers if x["method"] == "update" and "weights" in x["state"]]
    assert restore, f"the kernel did not send its weights back: {answers}"
    assert restore[-1]["state"]["weights"] == moved
    assert kernel.printed("print(json.dumps(w.weights))") == moved
