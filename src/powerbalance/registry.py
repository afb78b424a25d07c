"""Registries of named weighting schemes and methods, open to third-party packages.

A :class:`Registry` maps names to factories (usually classes) that build an object
with no arguments. The module-level registries ``powerbalance.weighting.registry`` and
``powerbalance.methods.registry`` hold the built-ins; other packages add theirs either
by calling :meth:`Registry.register` or, without importing powerbalance at all, by
declaring an entry point in the group ``powerbalance.weightings`` or
``powerbalance.methods``::

    [project.entry-points."powerbalance.weightings"]
    my-scheme = "my_package.weights:MyScheme"

Entry points are read when names are listed or an unregistered name is looked up, never
at import, so a plug-in installed while a session runs is found without a restart.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any, Generic, TypeVar

from powerbalance.errors import InvalidParameterError, UnknownNameError, did_you_mean

__all__ = ["Registry", "distributions", "methods", "value_functions", "weightings"]

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., object])


class Registry(Generic[T]):
    """Names mapped to factories that build a configured object with no arguments.

    Parameters
    ----------
    kind : str
        What the registry holds, for messages (``"method"``, ``"weighting scheme"``).
    group : str, optional
        The entry-point group searched for names not registered in code.
    builtins : str, optional
        The module that registers the built-in entries, imported on first look-up, so
        that a registry asked for a name before its family is imported still finds it.

    Examples
    --------
    >>> registry = Registry("greeting")
    >>> @registry.register("hello")
    ... class Hello:
    ...     pass
    >>> registry.names()
    ('hello',)
    >>> type(registry.create("hello")).__name__
    'Hello'
    """

    def __init__(self, kind: str, group: str | None = None, *, builtins: str | None = None) -> None:
        self.kind = kind
        self.group = group
        self._builtins = builtins
        self._factories: dict[str, Callable[[], T]] = {}
        # Found through entry points; rebuilt on every scan so that uninstalled
        # plug-ins disappear too.
        self._plugins: dict[str, Callable[[], T]] = {}

    def register(self, name: str) -> Callable[[F], F]:
        """A decorator that registers a factory (usually a class) under ``name``.

        Raises
        ------
        InvalidParameterError
            ``name`` is taken by a different factory.

        Examples
        --------
        >>> registry = Registry("thing")
        >>> registry.register("one")(dict)
        <class 'dict'>
        """

        def decorate(factory: F) -> F:
            self.add(name, factory)  # type: ignore[arg-type]
            return factory

        return decorate

    def add(self, name: str, factory: Callable[[], T]) -> None:
        """Register ``factory`` under ``name``.

        Examples
        --------
        >>> registry = Registry("thing")
        >>> registry.add("empty", list)
        >>> registry.create("empty")
        []
        """
        if not isinstance(name, str) or not name or name != name.strip().lower():
            raise InvalidParameterError(
                f"A {self.kind} name must be lower-case text without surrounding spaces, "
                f"such as 'rank-order-centroid'; got {name!r}."
            )
        existing = self._factories.get(name)
        if existing is not None and existing is not factory:
            raise InvalidParameterError(
                f"The {self.kind} name {name!r} is already registered to {existing!r}; "
                "choose another name."
            )
        self._factories[name] = factory

    def names(self) -> tuple[str, ...]:
        """All registered names, sorted, including those from installed entry points.

        Examples
        --------
        >>> Registry("thing").names()
        ()
        """
        self._load_builtins()
        self._load_entry_points()
        return tuple(sorted(self._factories.keys() | self._plugins.keys()))

    def get(self, name: str) -> Callable[[], T]:
        """The factory registered under ``name``.

        Raises
        ------
        UnknownNameError
            No factory has that name.

        Examples
        --------
        >>> registry = Registry("thing")
        >>> registry.add("empty", list)
        >>> registry.get("empty") is list
        True
        """
        self._load_builtins()
        if name in self._factories:
            return self._factories[name]
        self._load_entry_points()
        try:
            return self._plugins[name]
        except KeyError:
            known = sorted(self._factories.keys() | self._plugins.keys())
            raise UnknownNameError(
                f"There is no {self.kind} named {name!r}; the known names are "
                f"{', '.join(map(repr, known))}." + did_you_mean(str(name), known)
            ) from None

    def create(self, name: str) -> T:
        """Build the object registered under ``name``.

        Examples
        --------
        >>> registry = Registry("thing")
        >>> registry.add("empty", dict)
        >>> registry.create("empty")
        {}
        """
        return self.get(name)()

    def _load_builtins(self) -> None:
        if self._builtins is not None:
            module, self._builtins = self._builtins, None
            importlib.import_module(module)

    def _load_entry_points(self) -> None:
        if self.group is None:
            return
        self._plugins = {
            entry_point.name: _LazyEntryPoint(entry_point)  # type: ignore[misc]
            for entry_point in entry_points(group=self.group)
            if entry_point.name not in self._factories
        }


weightings: Registry[Any] = Registry(
    "weighting scheme", "powerbalance.weightings", builtins="powerbalance.weighting"
)
"""The default registry of weighting schemes, also ``powerbalance.weighting.registry``.

Examples
--------
>>> "rank-order-centroid" in weightings.names()
True
"""

methods: Registry[Any] = Registry("method", "powerbalance.methods", builtins="powerbalance.methods")
"""The default registry of aggregation methods, also ``powerbalance.methods.registry``.

Examples
--------
>>> "topsis" in methods.names()
True
"""

value_functions: Registry[Any] = Registry(
    "value function", "powerbalance.value_functions", builtins="powerbalance.model.value"
)
"""The default registry of value functions, also ``powerbalance.value.registry``.

Examples
--------
>>> "piecewise" in value_functions.names()
True
"""

distributions: Registry[Any] = Registry(
    "score distribution", "powerbalance.distributions", builtins="powerbalance.model.uncertainty"
)
"""The default registry of score distributions, also ``powerbalance.uncertainty.registry``.

Examples
--------
>>> "triangular" in distributions.names()
True
"""


class _LazyEntryPoint:
    """Defers importing a plug-in until it is first used."""

    def __init__(self, entry_point: object) -> None:
        self._entry_point = entry_point

    def __call__(self) -> object:
        factory = self._entry_point.load()  # type: ignore[attr-defined]
        return factory()

    def __repr__(self) -> str:
        return f"<entry point {self._entry_point.value}>"  # type: ignore[attr-defined]
