"""The layer rule of docs/architecture.md, enforced: no import runs upwards, none closes a cycle.

Every module of ``src/powerbalance`` is parsed (never imported) and every import of the
package is collected: at module level, inside functions, and under
``if TYPE_CHECKING:`` too, because the rule is about which idea a module depends on, not
about when the import runs. ``from powerbalance import x`` counts as an import of
``powerbalance.x`` when that is a module, and of ``powerbalance`` otherwise; relative
imports are resolved the same way. A module belongs to the layer of its first component
under ``powerbalance`` (``powerbalance.io.xmcda._read`` is in the layer of ``io``); the
package's own ``__init__`` re-exports everything and is the top face.

Names that the default registries resolve at run time (``registry.methods`` loads
``powerbalance.methods.distance`` when ``"topsis"`` is first looked up) are not imports:
they are late bound like the entry points of other packages, which is what lets the
registry sit below the families it serves.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "powerbalance"

#: (layer, components, why it sits there). A module may import from its own layer or
#: any earlier one. Layers and components not written yet are listed so that the table
#: is the whole plan.
LAYER_TABLE: tuple[tuple[int, tuple[str, ...], str], ...] = (
    (
        0,
        (
            "errors",
            "_version",
            "_render",
            "_frozen",
            "_labels",
            "_linprog",
            "_parallel",
            "_validate",
            "_lazy",
            "registry",
        ),
        "private helpers and the exception hierarchy: every stage uses them, they use no stage",
    ),
    (
        1,
        ("model",),
        "options, criteria, assessments, weights, studies: what every stage talks about",
    ),
    (2, ("weighting",), "turns judgements or the data into Weights of the model"),
    (3, ("group",), "combines several experts' judgements with the weighting schemes"),
    (4, ("methods",), "scores an assessment for a batch of weight vectors; may apply a weighting"),
    (5, ("evaluation",), "evaluate and compare: a weighting and a method applied, then explained"),
    (
        6,
        ("sensitivity", "scenarios", "portfolio", "screening"),
        "analyses that repeat evaluations; they never import each other in a cycle",
    ),
    (7, ("io",), "reads and writes studies and results of every stage above"),
    (8, ("examples",), "built-in studies, read through io"),
    (
        9,
        ("brief", "plot", "cli", "__main__", "testing", "__init__"),
        "faces for people and plug-in authors; the package __init__ re-exports them all",
    ),
)

LAYERS: dict[str, int] = {
    component: layer for layer, components, _ in LAYER_TABLE for component in components
}


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package at ``root``, by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = (root.name, *path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _package_of(name: str, path: Path) -> str:
    """The package a relative import in module ``name`` starts from."""
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def imports(name: str, path: Path, known: Mapping[str, Path]) -> Iterator[tuple[int, str]]:
    """(line, module) for every import of the package in one module, resolved to a module."""
    top = name.split(".")[0]

    def resolve(target: str) -> str:
        while target not in known and "." in target:
            target = target.rpartition(".")[0]
        return target

    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == top or alias.name.startswith(top + "."):
                    yield node.lineno, resolve(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(name, path).split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if source != top and not source.startswith(top + "."):
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                yield node.lineno, submodule if submodule in known else resolve(source)


def layer_of(module: str, layers: Mapping[str, int]) -> int | None:
    """The layer of a dotted module name, or None when the table does not place it."""
    parts = module.split(".")
    return layers.get(parts[1] if len(parts) > 1 else "__init__")


def _cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """One cycle (a list of modules, the first repeated at the end) per strongly connected
    group of two or more modules (Tarjan's algorithm, then a path around the group)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                connect(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)

    cycles = []
    for group in groups:
        members = set(group)
        start = group[0]
        # Shortest way back to the start within the group, breadth first.
        previous: dict[str, str] = {}
        frontier = [start]
        while start not in previous:
            following = []
            for node in frontier:
                for successor in sorted(graph[node] & members):
                    if successor not in previous:
                        previous[successor] = node
                        following.append(successor)
            frontier = following
        path = [start]
        while True:
            path.append(previous[path[-1]])
            if path[-1] == start:
                break
        cycles.append(path[::-1])
    return cycles


def violations(root: Path, layers: Mapping[str, int] = LAYERS) -> list[str]:
    """Every import in the package at ``root`` that breaks the layer rule, as sentences.

    Three kinds: a module the table does not place; an import of a later layer; and a
    cycle of imports between modules (even within one layer).
    """
    known = modules(root)
    found: list[str] = []
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        where = path.relative_to(root.parent)
        own = layer_of(name, layers)
        if own is None:
            found.append(f"{where}: {name} is in no layer; add its component to the table.")
            continue
        for line, target in imports(name, path, known):
            if target == name:
                continue
            graph[name].add(target)
            theirs = layer_of(target, layers)
            if theirs is None:
                found.append(f"{where}:{line}: imports {target}, which is in no layer.")
            elif theirs > own:
                found.append(
                    f"{where}:{line}: {name} (layer {own}) imports {target} (layer {theirs}), "
                    "a later layer."
                )
    for cycle in _cycles(graph):
        found.append("import cycle: " + " -> ".join(cycle))
    return found


def test_the_package_keeps_the_layer_rule():
    found = violations(PACKAGE)
    assert not found, "the layer rule is broken:\n" + "\n".join(found)


def test_no_component_is_in_two_layers():
    listed = [c for _, components, _ in LAYER_TABLE for c in components]
    assert len(listed) == len(set(listed))


def _write(root: Path, files: Mapping[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def planted(tmp_path):
    """A small package in the layout of the real one, and a helper to plant imports in it."""
    package = tmp_path / "powerbalance"
    _write(
        package,
        {
            "__init__.py": (
                "from powerbalance.model import Assessment\nfrom powerbalance import cli\n"
            ),
            "errors.py": "class PowerbalanceError(Exception): ...\n",
            "registry.py": "from powerbalance.errors import PowerbalanceError\n",
            "model/__init__.py": "from powerbalance.model.assessment import Assessment\n",
            "model/assessment.py": (
                "from ..errors import PowerbalanceError\nclass Assessment: ...\n"
            ),
            "methods/__init__.py": "from .additive import WeightedSum\n",
            "methods/additive.py": (
                "from powerbalance.model import Assessment\n"
                "def prepare():\n    import powerbalance.weighting\n"
            ),
            "weighting.py": "from powerbalance import model\n",
            "cli.py": "from powerbalance import methods, model\n",
        },
    )
    return package


def test_the_checker_passes_a_package_that_keeps_the_rule(planted):
    assert violations(planted) == []


def test_the_checker_sees_imports_everywhere(planted):
    known = modules(planted)
    name = "powerbalance.methods.additive"
    assert sorted(t for _, t in imports(name, known[name], known)) == [
        "powerbalance.model",
        "powerbalance.weighting",
    ]
    name = "powerbalance.model.assessment"
    assert [t for _, t in imports(name, known[name], known)] == ["powerbalance.errors"]
    name = "powerbalance"
    assert sorted(t for _, t in imports(name, known[name], known)) == [
        "powerbalance.cli",
        "powerbalance.model",
    ]


@pytest.mark.parametrize(
    ("module", "text"),
    [
        ("model/criterion.py", "from powerbalance.methods import WeightedSum\n"),
        ("model/criterion.py", "def later():\n    from ..methods import additive\n"),
        (
            "model/criterion.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import powerbalance.cli\n",
        ),
        ("registry.py", "from powerbalance import Assessment\n"),
    ],
    ids=["absolute", "relative-in-a-function", "type-checking", "through-the-face"],
)
def test_the_checker_fails_on_an_upward_import(planted, module, text):
    _write(planted, {module: text})
    found = violations(planted)
    assert len(found) == 1, found
    assert "a later layer" in found[0]


def test_the_checker_fails_on_a_cycle(planted):
    # Same layer, so only the cycle is wrong.
    _write(
        planted,
        {
            "model/criterion.py": "from powerbalance.model.weights import Weights\n",
            "model/weights.py": "def check():\n    from powerbalance.model import criterion\n",
        },
    )
    found = violations(planted)
    assert found == [
        "import cycle: powerbalance.model.criterion -> powerbalance.model.weights"
        " -> powerbalance.model.criterion"
    ]


def test_the_checker_fails_on_a_cycle_through_a_package_init(planted):
    _write(planted, {"model/assessment.py": "from powerbalance.model import Assessment\n"})
    found = violations(planted)
    assert len(found) == 1
    assert found[0].startswith("import cycle: ")
    assert "powerbalance.model.assessment" in found[0]


def test_the_checker_fails_on_a_module_in_no_layer(planted):
    _write(planted, {"misc.py": "", "cli.py": "from powerbalance import misc\n"})
    found = violations(planted)
    assert any("misc is in no layer" in f for f in found), found
    assert any("imports powerbalance.misc, which is in no layer" in f for f in found), found


def private_imports(root: Path) -> list[str]:
    """Every ``from module import _name`` of a private name from another module.

    Private modules may be imported by their package's other modules: only names count.
    """
    found = []
    known = modules(root)
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or node.module is None:
                continue
            if node.level == 0 and not node.module.startswith(root.name):
                continue
            for alias in node.names:
                if f"{node.module}.{alias.name}" in known:
                    continue
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{name} imports {alias.name} from {node.module}")
    return found


def test_no_private_name_crosses_a_module_boundary():
    # A helper another module needs is public inside its (private) module.
    assert private_imports(PACKAGE) == []


def test_the_private_name_check_fails_on_a_planted_import(planted):
    assert private_imports(planted) == []
    (planted / "model" / "leak.py").write_text(
        "from powerbalance.errors import _secret\n", encoding="utf-8"
    )
    assert private_imports(planted) == [
        "powerbalance.model.leak imports _secret from powerbalance.errors"
    ]
