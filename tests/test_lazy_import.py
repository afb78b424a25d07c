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

OPTIONAL = (
    "scipy",
    "matplotlib",
    "openpyxl",
    "dask",
    "distributed",
    "jsonschema",
    "lxml",
    "anywidget",
    "ipywidgets",
)


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


# -- the registries' built-ins, imported one by one ------------------------------------

#: Modules of methods and schemes that an evaluation by "equal" and "weighted-sum" of
#: the example study does not use.
UNUSED = (
    "powerbalance.methods.outranking",
    "powerbalance.methods.compromise",
    "powerbalance.methods.distance",
    "powerbalance.weighting.ahp",
    "powerbalance.weighting.bestworst",
    "powerbalance.weighting.objective",
    "powerbalance._linprog",
)


def modules_after(code: str) -> set[str]:
    """Every module of powerbalance loaded by a fresh interpreter after running ``code``."""
    script = (
        "import sys, json\n"
        f"{code}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('powerbalance'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_an_evaluation_imports_only_the_scheme_and_method_it_uses():
    loaded = modules_after(
        "import powerbalance as pb\n"
        "a = pb.examples.load('great-power-cooperation').assessment\n"
        "pb.evaluate(a, weighting='equal', method='weighted-sum').ranking"
    )
    assert {"powerbalance.methods.additive", "powerbalance.weighting.subjective"} <= loaded
    assert loaded.isdisjoint(UNUSED), sorted(loaded & set(UNUSED))


def test_listing_the_names_imports_no_method_or_scheme():
    loaded = modules_after(
        "from powerbalance import registry\n"
        "assert 'topsis' in registry.methods.names()\n"
        "assert 'ahp' in registry.weightings.names()"
    )
    assert not any(
        name.startswith(("powerbalance.methods", "powerbalance.weighting")) for name in loaded
    ), sorted(loaded)


def test_the_built_in_tables_name_what_the_modules_register():
    """A name registered by a decorator but missing from the table shows only after import."""
    script = (
        "import importlib, json, pkgutil\n"
        "import powerbalance as pb\n"
        "from powerbalance import registry\n"
        "families = (registry.methods, registry.weightings, registry.value_functions,\n"
        "            registry.distributions)\n"
        "before = [family.names() for family in families]\n"
        "for package in (pb.methods, pb.weighting, pb.model):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "after = [family.names() for family in families]\n"
        "named = [[family.name_of(family.get(n)) for n in family.names()] for family in families]\n"
        "print(json.dumps([before, after, named]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    before, after, named = json.loads(result.stdout.splitlines()[-1])
    assert before == after
    assert named == after


@pytest.mark.parametrize(
    ("package", "name"),
    [(package, name) for package in (pb.methods, pb.weighting) for name in package.__all__],
)
def test_every_name_of_methods_and_weighting_is_an_attribute_and_listed(package, name):
    assert getattr(package, name) is not None
    namespace: dict[str, object] = {}
    exec(f"from {package.__name__} import {name}", namespace)
    assert namespace[name] is getattr(package, name)
    assert name in dir(package)


def test_an_unknown_name_of_methods_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'TOPSYS'"):
        pb.methods.TOPSYS  # noqa: B018
    assert pb.weighting.random_index(3) == pytest.approx(0.58)
