"""A live Jupyter kernel for the widget's tests, with the widget's comm to hand.

Shared by tests/brief/test_widget.py and tests/browser/test_widget_view.py (this folder
is on the path of every test, by tests/conftest.py). A notebook is built cell by cell
and each cell run by nbclient as it is added, so that a test can act between cells:
read what the kernel sent to the front end over a widget's comm, and send the kernel
what a front end sends.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class Kernel:
    """A notebook's cells run one at a time in a live kernel."""

    def __init__(self, client: NotebookClient) -> None:
        self.client = client

    def run(self, source: str) -> list[Any]:
        """Run one more cell; its outputs, after failing on an error."""
        cell = nbformat.v4.new_code_cell(source)
        self.client.nb.cells.append(cell)
        self.client.execute_cell(cell, len(self.client.nb.cells) - 1)
        errors = [o for o in cell.outputs if o["output_type"] == "error"]
        assert not errors, "\n".join(errors[0]["traceback"])
        return list(cell.outputs)

    def printed(self, source: str) -> Any:
        """Run a cell that prints one JSON value, and return the value."""
        outputs = self.run(source)
        return json.loads("".join(o["text"] for o in outputs if o.get("name") == "stdout"))

    def show_widget(self, code: str) -> str:
        """Run a cell whose last line is a widget; the id of the widget's model."""
        outputs = self.run(code)
        views = [o["data"][WIDGET_VIEW] for o in outputs if WIDGET_VIEW in o.get("data", {})]
        assert len(views) == 1, f"the cell shows no widget: {outputs}"
        return str(views[0]["model_id"])

    def state(self, model_id: str) -> dict[str, Any]:
        """The widget's state as the kernel has sent it to the front end, updates applied."""
        found: dict[str, Any] = self.client.widget_state[model_id]
        return found

    def send(self, model_id: str, state: dict[str, Any]) -> list[dict[str, Any]]:
        """Send ``state`` as a front end does; the comm messages the kernel answers with."""
        kc = self.client.kc
        assert kc is not None
        message = kc.session.msg(
            "comm_msg",
            {"comm_id": model_id, "data": {"method": "update", "state": state, "buffer_paths": []}},
        )
        kc.shell_channel.send(message)
        answers = []
        while True:
            reply = run_sync(kc.iopub_channel.get_msg)(timeout=60)
            if reply["parent_header"].get("msg_id") != message["header"]["msg_id"]:
                continue
            if reply["msg_type"] == "comm_msg":
                answers.append(reply["content"]["data"])
            if reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle":
                return answers


@contextmanager
def kernel_in(folder: Path) -> Iterator[Kernel]:
    """A fresh python3 kernel (this interpreter's) working in ``folder``."""
    client = NotebookClient(
        nbformat.v4.new_notebook(),
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    )
    with client.setup_kernel():
        yield Kernel(client)
