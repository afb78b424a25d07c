"""The worked notebook in examples/ runs from top to bottom in a real Jupyter kernel."""

import html
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import powerbalance as pb

NOTEBOOK = Path(__file__).parent.parent / "examples" / "great_power_cooperation.ipynb"

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
ROBUSTNESS = re.compile(
    r"Robustness: (?P<leader>.+?), .* ranks first in (?P<firsts>\d+) of (?P<total>\d+) "
    r"rankings .* the mean Kendall tau-b between the rankings is (?P<tau>-?\d\.\d\d)"
)


def _execute(path: Path, workdir: Path) -> nbformat.NotebookNode:
    """Run a copy of the notebook in memory; the file itself is never written."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        # The kernel's traceback is coloured for a terminal; strip that for pytest.
        raise CellExecutionError(
            f"{path.name} failed:\n{ANSI_ESCAPE.sub('', error.traceback)}",
            error.ename,
            error.evalue,
        ) from None
    return notebook


def _outputs(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [output for cell in notebook.cells for output in cell.get("outputs", [])]


def _data(outputs: list[nbformat.NotebookNode], mimetype: str) -> list[str]:
    return [output["data"][mimetype] for output in outputs if mimetype in output.get("data", {})]


def _stream(outputs: list[nbformat.NotebookNode], name: str) -> str:
    return "".join(
        output["text"]
        for output in outputs
        if output["output_type"] == "stream" and output["name"] == name
    )


def test_notebook_runs_and_shows_report_plots_and_robustness(tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")  # read by the kernel when it starts
    outputs = _outputs(_execute(NOTEBOOK, tmp_path))

    options = pb.examples.load("great-power-cooperation").assessment.option_names
    # The report's HTML is the one with a ranking table; pandas frames have no captions.
    reports = [page for page in _data(outputs, "text/html") if "<caption>Ranking</caption>" in page]
    assert reports, "the notebook displays no report as HTML"
    missing = [name for name in options if html.escape(name) not in reports[0]]
    assert not missing, f"options missing from the HTML report: {missing}"

    images = _data(outputs, "image/png")
    assert len(images) >= 3, f"expected the three plots as PNG images, got {len(images)}"

    stdout = _stream(outputs, "stdout")
    match = ROBUSTNESS.search(stdout)
    assert match, f"no robustness statement in the printed output:\n{stdout}"
    assert match["leader"] in options
    assert 0 <= int(match["firsts"]) <= int(match["total"])
    assert -1 <= float(match["tau"]) <= 1

    stderr = _stream(outputs, "stderr")
    assert "Warning" not in stderr, f"the notebook shows warnings:\n{stderr}"


def test_notebook_is_saved_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert "widgets" not in notebook.metadata
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    with_outputs = [i for i, cell in enumerate(code) if cell.outputs]
    with_counts = [i for i, cell in enumerate(code) if cell.execution_count is not None]
    assert not with_outputs, f"code cells {with_outputs} have saved outputs"
    assert not with_counts, f"code cells {with_counts} have saved execution counts"
