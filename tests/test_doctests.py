"""Every docstring example in the installed package runs and prints what it shows.

The examples are collected from the imported package rather than from ``src/``, so
they check the code that is installed, however it was installed.

Every public name (each name in ``powerbalance.__all__`` and in the ``__all__`` of each
public module, one whose dotted path has no part starting with an underscore) must have
a numpydoc ``Examples`` section with at least one example, and its examples must run.
Classes, functions and modules carry their own docstrings; constants and type aliases
carry an attribute docstring, the string literal right after their assignment (which
the API reference shows too).
"""

from __future__ import annotations

import ast
import doctest
import functools
import importlib
import importlib.util
import inspect
import pkgutil
import re
from types import ModuleType

import pytest

import powerbalance

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(powerbalance.__path__, prefix="powerbalance.")
    if not name.endswith("__main__")
)
PUBLIC_MODULES = ["powerbalance"] + [
    name for name in MODULES if not any(part.startswith("_") for part in name.split(".")[1:])
]
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
EXAMPLES = re.compile(r"^Examples\n-{3,}\n(.*?)(?=^\S[^\n]*\n-{3,}\n|\Z)", re.DOTALL | re.MULTILINE)

# Public names still without an Examples section, in modules being written elsewhere.
# Each is an expected failure, strictly: once its examples are written the test passes
# and reports that the name must be removed from here.
PENDING: set[str] = set()


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


# -- every public name ----------------------------------------------------------------


Docstring = tuple[str | None, int]  # the text and the line before it


@functools.cache
def _module_level(module_name: str) -> tuple[dict[str, Docstring], dict[str, str]]:
    """Names assigned at module level with their attribute docstrings, and names imported."""
    module = importlib.import_module(module_name)
    tree = ast.parse(inspect.getsource(module))
    assigned: dict[str, Docstring] = {}
    imported: dict[str, str] = {}
    package = module_name if hasattr(module, "__path__") else module_name.rpartition(".")[0]
    for number, node in enumerate(tree.body):
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        elif isinstance(node, ast.ImportFrom):
            source = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            for alias in node.names:
                imported[alias.asname or alias.name] = source
            continue
        else:
            continue
        following = tree.body[number + 1] if number + 1 < len(tree.body) else None
        docstring: Docstring = (None, node.lineno)
        if (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docstring = (inspect.cleandoc(following.value.value), following.lineno - 1)
        for target in targets:
            assigned[target] = docstring
    return assigned, imported


def _attribute_home(module_name: str, name: str) -> tuple[str, Docstring]:
    """The module that assigns ``name`` (following imports) and its attribute docstring."""
    for _ in range(10):
        assigned, imported = _module_level(module_name)
        if name in assigned:
            return module_name, assigned[name]
        if name not in imported:
            break
        module_name = imported[name]
    return module_name, (None, 0)


def _has_own_docstring(obj: object) -> bool:
    return inspect.ismodule(obj) or inspect.isclass(obj) or inspect.isroutine(obj)


def _documentation(module: ModuleType, name: str) -> tuple[str, ModuleType, Docstring]:
    """A public name's identity, the module its examples run in, and its docstring."""
    obj = getattr(module, name)
    if inspect.ismodule(obj):
        return obj.__name__, obj, (inspect.getdoc(obj), 0)
    if _has_own_docstring(obj):
        home = importlib.import_module(obj.__module__)
        docstring = inspect.cleandoc(obj.__doc__) if obj.__doc__ else None
        try:
            line = inspect.getsourcelines(obj)[1]
        except (OSError, TypeError):
            line = 0
        return f"{obj.__module__}.{obj.__qualname__}", home, (docstring, line)
    home_name, docstring = _attribute_home(module.__name__, name)
    return f"{home_name}.{name}", importlib.import_module(home_name), docstring


def _public_names() -> list[tuple[str, str]]:
    """(module, name) for every public name, each object once (where first exported)."""
    seen: set[str] = set()
    names = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            identity = _documentation(module, name)[0]
            if identity not in seen:
                seen.add(identity)
                names.append((module_name, name))
    return names


PUBLIC_NAMES = _public_names()


def _marks(module_name: str, name: str) -> list[pytest.MarkDecorator]:
    if f"{module_name}.{name}" not in PENDING:
        return []
    reason = "no Examples yet; when this passes, remove the name from PENDING"
    return [pytest.mark.xfail(reason=reason, strict=True)]


@pytest.mark.parametrize(
    ("module_name", "name"),
    [pytest.param(m, n, id=f"{m}.{n}", marks=_marks(m, n)) for m, n in PUBLIC_NAMES],
)
def test_every_public_name_has_examples_that_run(module_name, name):
    module = importlib.import_module(module_name)
    identity, home, (docstring, line) = _documentation(module, name)
    where = f"{module_name}.{name} (defined as {identity})"
    assert docstring, (
        f"{where} has no docstring; for a constant or type alias, put a string literal "
        "right after its assignment."
    )
    section = EXAMPLES.search(docstring)
    assert section, f"{where}: its docstring has no numpydoc 'Examples' section."
    parser = doctest.DocTestParser()
    assert parser.get_examples(section.group(1)), f"{where}: its Examples section has no '>>>'."
    test = parser.get_doctest(docstring, dict(vars(home)), identity, home.__file__, line)
    failures: list[str] = []
    doctest.DocTestRunner(optionflags=FLAGS).run(test, out=failures.append)
    assert not failures, "".join(failures)


def test_the_public_names_are_found():
    found = {f"{m}.{n}" for m, n in PUBLIC_NAMES}
    assert {"powerbalance.Assessment", "powerbalance.__version__"} <= found
    assert "powerbalance.evaluation.agreement.CORRELATIONS" in found  # a constant
    assert "powerbalance.weighting.registry" in found  # an instance, from a private module
    assert not PENDING - found, f"PENDING lists names that are not public: {PENDING - found}"


def test_attribute_docstrings_are_read():
    home, (docstring, line) = _attribute_home("powerbalance.weighting", "registry")
    assert home == "powerbalance.weighting._base"
    assert docstring is not None
    assert "Examples" in docstring
    assert line > 0
