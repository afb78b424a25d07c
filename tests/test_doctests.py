"""Every docstring example in the installed package runs and prints what it shows.

The examples are collected from the imported package rather than from ``src/``, so
they check the code that is installed, however it was installed.
"""

import doctest
import importlib
import pkgutil

import pytest

import powerbalance

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(powerbalance.__path__, prefix="powerbalance.")
    if not name.endswith("__main__")
)
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples(module_name):
    module = importlib.import_module(module_name)
    tests = doctest.DocTestFinder().find(module, module_name)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    failures = []
    for test in tests:
        runner.run(test, out=failures.append)
    assert not failures, "".join(failures)


def test_every_public_module_has_examples():
    without = []
    for name in MODULES:
        module = importlib.import_module(name)
        tests = doctest.DocTestFinder().find(module, name)
        if name.rsplit(".", 1)[-1].startswith("_"):
            continue
        if not any(t.examples for t in tests):
            without.append(name)
    assert not without, f"modules without docstring examples: {without}"
