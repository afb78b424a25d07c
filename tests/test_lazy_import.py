"""``import powerbalance`` loads what every call needs; the rest loads on first use.

Each check runs in a fresh interpreter, so that no other test has imported anything
first. What is checked is which modules are loaded, never how long loading takes.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import powerbalance as pb

OPTIONAL = ("scipy", "matplotlib", "openpyxl", "dask", "distributed", "jsonschema", "lxml")


def loaded_after(code: str) -> set[str]:
    """The top-level packages loaded by a fresh interpreter after running ``code``."""
    script = (
        "import sys, json\n"
        f"{code}\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.parametrize(
    "code",
    [
        "import powerbalance",
        "import powerbalance as pb; pb.Assessment, pb.evaluate, pb.io, pb.sensitivity",
        "import powerbalance as pb\n"
        "a = pb.examples.load('great-power-cooperation').assessment\n"
        "pb.evaluate(a, method='topsis').ranking",
    ],
    ids=["import", "attributes", "evaluate"],
)
def test_optional_dependencies_are_not_imported(code):
    assert loaded_after(code).isdisjoint(OPTIONAL)


def test_import_loads_none_of_the_stages():
    script = (
        "import sys, powerbalance\n"
        "print(sorted(m for m in sys.modules if m.startswith('powerbalance.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['powerbalance._version']"


@pytest.mark.parametrize("name", pb.__all__)
def test_every_public_name_is_an_attribute_importable_and_listed(name):
    assert getattr(pb, name) is not None
    namespace: dict[str, object] = {}
    exec(f"from powerbalance import {name}", namespace)
    assert namespace[name] is getattr(pb, name)
    assert name in dir(pb)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'evaluat'"):
        pb.evaluat  # noqa: B018
    assert not hasattr(pb, "scipy")
