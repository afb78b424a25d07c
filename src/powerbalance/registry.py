"""Registries of named weighting schemes, methods, value functions and distributions.

A :class:`Registry` maps names to factories, usually classes. Every named object of a
family is in its family's registry, under the name study files, the command line and
strings use: ``"equal"`` and ``"rank-order-centroid"`` are both weighting schemes of
``powerbalance.weighting.registry``. :meth:`Registry.create` builds an object from its
name alone, which works for those that need no inputs (``"equal"``); for one that
does, :meth:`Registry.get` gives the class to call with them, and ``create`` refuses
with a message naming the inputs and showing how to give them.

The module-level registries hold the built-ins; other packages add theirs either by
calling :meth:`Registry.register` or, without importing powerbalance at all, by
declaring an entry point in the group ``powerbalance.weightings`` or
``powerbalance.methods``::

    [project.entry-points."powerbalance.weightings"]
    my-scheme = "my_package.weights:MyScheme"

Entry points are read when names are listed or an unregistered name is looked up, never
at import, so a plug-in installed while a session runs is found without a restart; a
plug-in's module is imported only when its name is looked up.

Examples
--------
>>> import powerbalance as pb
>>> pb.weighting.registry.get("rank-order-centroid") is pb.weighting.RankOrderCentroid
True
>>> pb.weighting.registry.required_inputs("rank-order-centroid")
('ranking',)
"""

from __future__ import annotations

import collections.abc
import functools
import importlib
import inspect
import types
import typing
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Generic, TypeVar

import attrs

from powerbalance._validate import did_you_mean, quoted_list, refuse
from powerbalance.errors import InvalidParameterError, UnknownNameError

__all__ = ["Registry", "distributions", "methods", "value_functions", "weightings"]

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., object])

#: The attrs field metadata key under which a class may show how a study file writes
#: an input (``[{first = ..., second = ..., ratio = ...}]``), when its Python form
#: would mislead.
FILE_PLACEHOLDER = "file_placeholder"


class Registry(Generic[T]):
    """Names mapped to factories (usually classes) of one family of objects.

    Parameters
    ----------
    kind : str
        What the registry holds, for messages (``"method"``, ``"weighting scheme"``).
    group : str, optional
        The entry-point group searched for names not registered in code.
    builtins : str, optional
        The module that registers the built-in entries, imported on first look-up, so
        that a registry asked for a name before its family is imported still finds it.
    namespace : str, optional
        The module that exports the built-in classes, for messages that show how to
        build one in Python (``"powerbalance.weighting"``).
    shown_as : str, optional
        How messages write ``namespace``; by default with ``powerbalance`` shortened
        to ``pb`` (``"pb.weighting"``).
    file_key : str, optional
        The key that names an entry in a study file's table (``"scheme"`` for
        ``{scheme = "rank-sum", ranking = [...]}``); messages show the file form only
        when it is given.

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

    def __init__(
        self,
        kind: str,
        group: str | None = None,
        *,
        builtins: str | None = None,
        namespace: str | None = None,
        shown_as: str | None = None,
        file_key: str | None = None,
    ) -> None:
        self.kind = kind
        self.group = group
        self.namespace = namespace
        self.shown_as = shown_as
        self.file_key = file_key
        self._builtins = builtins
        self._factories: dict[str, Callable[..., T]] = {}
        # Found through entry points; rebuilt on every scan so that uninstalled
        # plug-ins disappear too.
        self._plugins: dict[str, EntryPoint] = {}

    @property
    def _owner(self) -> str:
        """Who refuses a name, as a message opens: ``"weighting scheme registry"``."""
        return f"{self.kind} registry"

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

    def add(self, name: str, factory: Callable[..., T]) -> None:
        """Register ``factory`` under ``name``.

        Raises
        ------
        InvalidParameterError
            ``name`` is not lower-case text, or is taken by a different factory.

        Examples
        --------
        >>> registry = Registry("thing")
        >>> registry.add("empty", list)
        >>> registry.create("empty")
        []
        """
        if not isinstance(name, str) or not name or name != name.strip().lower():
            raise refuse(
                self._owner,
                "name",
                name,
                "lower-case text without surrounding spaces",
                fix="Name it like 'rank-order-centroid'.",
            )
        existing = self._factories.get(name)
        if existing is not None and existing is not factory:
            raise refuse(
                self._owner,
                "name",
                name,
                f"a {self.kind} name not yet taken",
                fix=f"It is already registered to {existing!r}; choose another name.",
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

    def get(self, name: str) -> Callable[..., T]:
        """The factory registered under ``name``, to call with the inputs it needs.

        Raises
        ------
        UnknownNameError
            No factory has that name (the message lists the known names).
        InvalidParameterError
            The name comes from an entry point whose object cannot be imported.

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
        if name not in self._plugins:
            known = sorted(self._factories.keys() | self._plugins.keys())
            raise refuse(
                self._owner,
                "name",
                name,
                f"the name of a known {self.kind}",
                fix=f"The known names are {quoted_list(known, limit=len(known))}."
                + did_you_mean(str(name), known),
                error=UnknownNameError,
            )
        entry_point = self._plugins[name]
        # Loading is an import, a dictionary look-up once the module is imported.
        try:
            factory: Callable[..., T] = entry_point.load()
        except Exception as error:  # any failure of a third-party import
            raise refuse(
                self._owner,
                "name",
                name,
                f"a {self.kind} that can be loaded",
                fix=f"Its entry point {entry_point.value!r} fails to load "
                f"({type(error).__name__}: {error}); reinstall or fix the package that "
                "declares it.",
            ) from error
        return factory

    def required_inputs(self, name: str) -> tuple[str, ...]:
        """The inputs the factory of ``name`` cannot do without, in declaration order.

        For an attrs class these are the fields set at construction without a default;
        for any other callable, the parameters without a default.

        Examples
        --------
        >>> registry = Registry("thing")
        >>> @registry.register("pair")
        ... class Pair:
        ...     def __init__(self, first, second=0):
        ...         pass
        >>> registry.required_inputs("pair")
        ('first',)
        """
        return tuple(_required_inputs(self.get(name)))

    def create(self, name: str) -> T:
        """Build the object registered under ``name`` from the name alone.

        Raises
        ------
        UnknownNameError
            No factory has that name.
        InvalidParameterError
            The factory needs inputs; the message names them and shows how to give
            them in Python and, where the family has one, in a study file.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.weighting.registry.create("entropy")
        Entropy(normalization='minmax')
        >>> pb.weighting.registry.create("rank-sum")
        Traceback (most recent call last):
        ...
        powerbalance.errors.InvalidParameterError: The weighting scheme 'rank-sum' needs \
the input ranking, ...
        """
        factory = self.get(name)
        needed = _required_inputs(factory)
        if needed:
            raise InvalidParameterError(self._needs_inputs(name, factory, needed))
        return factory()

    def _needs_inputs(
        self, name: str, factory: Callable[..., T], needed: dict[str, tuple[str, str]]
    ) -> str:
        inputs = list(needed)
        what = f"the input {inputs[0]}" if len(inputs) == 1 else f"the inputs {_joined(inputs)}"
        python = ", ".join(f"{key}={shown}" for key, (shown, _) in needed.items())
        ways = f"{self._python_name(factory)}({python}) in Python"
        if self.file_key is not None:
            fields = ", ".join(f"{key} = {shown}" for key, (_, shown) in needed.items())
            ways += f", or {{{self.file_key} = {_quoted(name)}, {fields}}} in a study file"
        without = sorted(
            other
            for other, maker in self._factories.items()
            if other != name and not _required_inputs(maker)
        )
        plain = (
            f" A name alone builds only a {self.kind} without inputs, such as "
            f"{quoted_list(without, limit=6)}."
            if without
            else ""
        )
        return (
            f"The {self.kind} {name!r} needs {what}, so its name alone cannot build it; "
            f"got just the name. Give it with its inputs: {ways}.{plain}"
        )

    def _python_name(self, factory: Callable[..., T]) -> str:
        attribute = getattr(factory, "__name__", None)
        if self.namespace is not None and attribute is not None:
            module = importlib.import_module(self.namespace)
            if getattr(module, attribute, None) is factory:
                shown = self.shown_as or self.namespace.replace("powerbalance", "pb", 1)
                return f"{shown}.{attribute}"
        qualified = getattr(factory, "__qualname__", attribute or repr(factory))
        return f"{getattr(factory, '__module__', '?')}.{qualified}"

    def _load_builtins(self) -> None:
        if self._builtins is not None:
            module, self._builtins = self._builtins, None
            importlib.import_module(module)

    def _load_entry_points(self) -> None:
        if self.group is None:
            return
        self._plugins = {
            entry_point.name: entry_point
            for entry_point in entry_points(group=self.group)
            if entry_point.name not in self._factories
        }


def _required_inputs(factory: Callable[..., object]) -> dict[str, tuple[str, str]]:
    """The required inputs of a factory, each with its Python and study-file placeholder."""
    try:
        return dict(_cached_required_inputs(factory))
    except TypeError:  # an unhashable factory
        return _find_required_inputs(factory)


# Resolving a class's type hints costs more than a small evaluation, and every name a
# verb is given is built through here.
@functools.lru_cache(maxsize=256)
def _cached_required_inputs(factory: Callable[..., object]) -> dict[str, tuple[str, str]]:
    return _find_required_inputs(factory)


def _find_required_inputs(factory: Callable[..., object]) -> dict[str, tuple[str, str]]:
    if isinstance(factory, type) and attrs.has(factory):
        try:
            # Resolves type aliases (``Ranking``) that the annotations only name.
            hints: dict[str, object] = typing.get_type_hints(factory)
        except Exception:  # an annotation naming what only a type checker imports
            hints = {}
        needed: dict[str, tuple[str, str]] = {}
        for field in attrs.fields(factory):
            if field.init and field.default is attrs.NOTHING:
                shown = _placeholder(hints.get(field.name, field.type))
                needed[field.alias or field.name] = (
                    shown,
                    str(field.metadata.get(FILE_PLACEHOLDER, shown)),
                )
        return needed
    try:
        signature = inspect.signature(factory)
    except (TypeError, ValueError):  # some builtins have no signature
        return {}
    return {
        parameter.name: (_placeholder(parameter.annotation),) * 2
        for parameter in signature.parameters.values()
        if parameter.default is inspect.Parameter.empty
        and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
    }


def _placeholder(annotation: object) -> str:
    """A stand-in value of the annotated type: ``[...]`` for a sequence, and so on."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        annotation = options[0] if options else annotation
    origin = typing.get_origin(annotation) or annotation
    if isinstance(origin, type):
        if issubclass(origin, str):
            return '"..."'
        if issubclass(origin, collections.abc.Mapping):
            return "{...}"
        if issubclass(origin, collections.abc.Sequence):
            return "[...]"
    text = annotation if isinstance(annotation, str) else ""
    text = text.strip()
    for prefix, shown in (
        ("Mapping", "{...}"),
        ("dict", "{...}"),
        ("Sequence", "[...]"),
        ("list", "[...]"),
        ("tuple", "[...]"),
        ("str", '"..."'),
    ):
        if text.startswith(prefix):
            return shown
    return "..."


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


weightings: Registry[Any] = Registry(
    "weighting scheme",
    "powerbalance.weightings",
    builtins="powerbalance.weighting",
    namespace="powerbalance.weighting",
    file_key="scheme",
)
"""The default registry of weighting schemes, also ``powerbalance.weighting.registry``.

Every built-in scheme is here under the name a study file uses for it.

Examples
--------
>>> {"equal", "rank-order-centroid", "ahp", "blend"} <= set(weightings.names())
True
"""

methods: Registry[Any] = Registry(
    "method",
    "powerbalance.methods",
    builtins="powerbalance.methods",
    namespace="powerbalance.methods",
)
"""The default registry of aggregation methods, also ``powerbalance.methods.registry``.

Examples
--------
>>> "topsis" in methods.names()
True
"""

value_functions: Registry[Any] = Registry(
    "value function",
    "powerbalance.value_functions",
    builtins="powerbalance.model.value",
    namespace="powerbalance.model.value",
    shown_as="pb.value",
    file_key="shape",
)
"""The default registry of value functions, also ``powerbalance.model.value.registry``.

The names are the shapes of a study file's ``value_function`` table.

Examples
--------
>>> value_functions.names()
('exponential', 'linear', 'piecewise')
"""

distributions: Registry[Any] = Registry(
    "score distribution",
    "powerbalance.distributions",
    builtins="powerbalance.model.uncertainty",
    namespace="powerbalance.model.uncertainty",
    shown_as="pb.uncertainty",
    file_key="distribution",
)
"""The default registry of score distributions, also ``powerbalance.model.uncertainty.registry``.

The names are those of a study file's score cells (``distribution = "pert"``).

Examples
--------
>>> distributions.names()
('normal', 'pert', 'triangular', 'uniform')
"""
