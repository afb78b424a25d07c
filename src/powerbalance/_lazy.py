"""A package's public names imported from their modules on first use (PEP 562).

A package that re-exports what its modules define need not import them all when it is
imported: its ``__getattr__`` looks a missing name up in a table of homes and imports
only that module. ``from package import Name`` and ``package.Name`` work as before.

Examples
--------
>>> import sys, types
>>> package = types.ModuleType("shelf")
>>> sys.modules["shelf"] = package
>>> homes = {"Fraction": "fractions", "json": "json"}
>>> attribute("shelf", "Fraction", homes).__name__
'Fraction'
>>> attribute("shelf", "json", homes).__name__
'json'
>>> package.Fraction is attribute("shelf", "Fraction", homes)
True
>>> del sys.modules["shelf"]
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["attribute", "listed"]


def attribute(package: str, name: str, homes: Mapping[str, str]) -> Any:
    """``name`` of ``package``, imported from the module ``homes`` names, and kept there.

    A name whose home is the module of that name (a submodule, ``"json": "json"``) is the
    module itself.

    Raises
    ------
    AttributeError
        ``homes`` does not list ``name``.

    Examples
    --------
    >>> import sys, types
    >>> sys.modules["shelf"] = types.ModuleType("shelf")
    >>> attribute("shelf", "missing", {})
    Traceback (most recent call last):
    ...
    AttributeError: module 'shelf' has no attribute 'missing'
    >>> del sys.modules["shelf"]
    """
    home = homes.get(name)
    if home is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    module = importlib.import_module(home)
    found = module if home.rpartition(".")[2] == name else getattr(module, name)
    # Kept as a module attribute, so __getattr__ is not called for it again.
    setattr(sys.modules[package], name, found)
    return found


def listed(package: str, homes: Iterable[str]) -> list[str]:
    """What ``dir(package)`` shows: its attributes and the names still to be imported.

    Examples
    --------
    >>> "json" in listed("powerbalance", ["json"])
    True
    """
    return sorted({*vars(sys.modules[package]), *homes})
