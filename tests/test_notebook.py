"""The worked notebook in examples/ runs in a real Jupyter kernel, and is stored as it runs.

The notebook is kept with its outputs, so that it reads on its own (on GitHub, say).
Its text outputs must be what running it gives today: when a change of the library
changes them, run this file (``python tests/test_notebook.py``) to store the new
outputs, and read the difference before committing it.
"""

from __future__ import annotations

import html
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import powerbalance as pb

NOTEBOOK = Path(__file__).parent.parent / "examples" / "great_power_cooperation.ipynb"
STUDY = "great-power-cooperation"

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
ROBUSTNESS = re.compile(
    r"Robustness: (?P<leader>.+?), .* ranks first in (?P<firsts>\d+) of (?P<total>\d+) "
    r"rankings .* the mean Kendall tau-b between the rankings is (?P<tau>-?\d\.\d\d)"
)
STABILITY = re.compile(r"(?P<leader>[^.]+) remains first unless the weight of (?P<name>.+?) rises")
SMAA = re.compile(r"(?P<leader>[^.;]+) ranks first in (?P<share>\d+\.\d)% \(± [\d.]+%\) of 10,000")


def execute(path: Path, workdir: Path) -> nbformat.NotebookNode:
    """Run a copy of the notebook in memory, figures drawn without a screen."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    saved = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "Agg"  # read by the kernel when it starts
    try:
        client.execute()
    except CellExecutionError as error:
        # The kernel's traceback is coloured for a terminal; strip that for pytest.
        raise CellExecutionError(
            f"{path.name} failed:\n{ANSI_ESCAPE.sub('', error.traceback)}",
            error.ename,
            error.evalue,
        ) from None
    finally:
        if saved is None:
            del os.environ["MPLBACKEND"]
        else:
            os.environ["MPLBACKEND"] = saved
    return notebook


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> nbformat.NotebookNode:
    return execute(NOTEBOOK, tmp_path_factory.mktemp("notebook"))


def _code(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _outputs(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [output for cell in _code(notebook) for output in cell.get("outputs", [])]


def _data(outputs: list[nbformat.NotebookNode], mimetype: str) -> list[str]:
    return [output["data"][mimetype] for output in outputs if mimetype in output.get("data", {})]


def _stream(outputs: list[nbformat.NotebookNode], name: str) -> str:
    return "".join(
        output["text"]
        for output in outputs
        if output["output_type"] == "stream" and output["name"] == name
    )


def _texts(cell: nbformat.NotebookNode) -> list[str]:
    """A cell's outputs as text: what it printed, and each result's plain-text form.

    The kernel may send one print in several pieces, so the streams are joined.
    """
    found = []
    for name in ("stdout", "stderr"):
        printed = _stream(cell.get("outputs", []), name)
        if printed:
            found.append(f"{name}: {printed}")
    for output in cell.get("outputs", []):
        if output["output_type"] in ("execute_result", "display_data"):
            found.append(output["data"].get("text/plain", ""))
        elif output["output_type"] == "error":
            found.append(f"error: {output.get('evalue', '')}")
    return found


def test_notebook_runs_and_shows_the_whole_analysis(executed):
    outputs = _outputs(executed)
    study = pb.examples.load(STUDY)
    options = study.assessment.option_names

    # The report's HTML is the one with a ranking table; pandas frames have no captions.
    pages = _data(outputs, "text/html")
    reports = [page for page in pages if "<caption>Ranking</caption>" in page]
    assert reports, "the notebook displays no report as HTML"
    missing = [name for name in options if html.escape(name) not in reports[0]]
    assert not missing, f"options missing from the HTML report: {missing}"

    images = _data(outputs, "image/png")
    # contributions, benefit-risk, weights, the sweep and the acceptabilities
    assert len(images) >= 5, f"expected the five plots as PNG images, got {len(images)}"

    stdout = _stream(outputs, "stdout")
    assert study.title in stdout
    assert study.disclaimer in stdout
    match = ROBUSTNESS.search(stdout)
    assert match, f"no robustness statement in the printed output:\n{stdout}"
    assert match["leader"] in options
    assert 0 <= int(match["firsts"]) <= int(match["total"])
    assert -1 <= float(match["tau"]) <= 1

    stable = pb.sensitivity.stability(study.assessment)
    found = STABILITY.search(stdout)
    assert found, "the notebook prints no stability statement"
    critical = stable.critical
    assert (found["leader"].strip(), found["name"]) == (critical.leader, critical.name)

    smaa = pb.sensitivity.smaa(study.assessment, samples=10_000, seed=1)
    share = smaa.acceptability[1]
    found = SMAA.search(stdout)
    assert found, "the notebook prints no SMAA statement"
    assert found["leader"].strip() == share.idxmax()
    assert float(found["share"]) == pytest.approx(100 * share.max(), abs=0.051)

    stderr = _stream(outputs, "stderr")
    assert "Warning" not in stderr, f"the notebook shows warnings:\n{stderr}"


def test_notebook_shows_the_brief_with_its_disclaimer_first(executed):
    pytest.importorskip("powerbalance.brief", reason="powerbalance.brief does not exist yet")
    study = pb.examples.load(STUDY)
    pages = _data(_outputs(executed), "text/html")
    briefs = [page for page in pages if "disclaimer" in page and html.escape(study.title) in page]
    assert briefs, "the notebook displays no brief with the study's title and disclaimer"
    brief = briefs[-1]
    disclaimer = brief.find(html.escape(study.disclaimer))
    ranking = brief.find("<caption>")
    assert 0 <= disclaimer < ranking, "the disclaimer does not come before the evidence"


def test_notebook_is_stored_with_its_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert "widgets" not in notebook.metadata
    code = _code(notebook)
    counts = [cell.execution_count for cell in code]
    assert counts == list(range(1, len(code) + 1)), f"not run top to bottom once: {counts}"
    silent = [i for i, cell in enumerate(code[1:], start=1) if not cell.outputs]
    assert not silent, f"code cells {silent} are stored without their outputs"
    errors = [o for o in _outputs(notebook) if o["output_type"] == "error"]
    assert not errors, f"the notebook is stored with errors: {errors}"
    timed = [i for i, cell in enumerate(code) if "execution" in cell.metadata]
    assert not timed, f"code cells {timed} are stored with their run times"


def test_stored_outputs_are_what_the_notebook_gives(executed):
    stored = _code(nbformat.read(NOTEBOOK, as_version=4))
    fresh = _code(executed)
    assert [cell.source for cell in stored] == [cell.source for cell in fresh]
    for number, (old, new) in enumerate(zip(stored, fresh, strict=True)):
        assert _texts(old) == _texts(new), (
            f"code cell {number} of {NOTEBOOK.name} is stored with outputs it no longer "
            f"gives; run `python tests/test_notebook.py` to store them afresh.\n"
            f"Stored: {_texts(old)}\nGiven: {_texts(new)}"
        )


def store_outputs() -> None:
    """Run the notebook and store it with its outputs, as the tests above expect."""
    with tempfile.TemporaryDirectory() as folder:
        notebook = execute(NOTEBOOK, Path(folder))
    # The interpreter's own version would make the file differ from machine to machine.
    notebook.metadata["language_info"] = {"name": "python"}
    nbformat.validate(notebook)
    nbformat.write(notebook, NOTEBOOK)
    print(f"stored {NOTEBOOK} with its outputs", file=sys.stderr)


if __name__ == "__main__":
    store_outputs()
