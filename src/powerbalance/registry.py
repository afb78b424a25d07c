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
plug-in's module is imported only when its name is looked up. The built-ins are held
the same way: each name is mapped to the ``"module:attribute"`` that defines it, and
the module is imported the first time the name is looked up, so an evaluation by
``"equal"`` and ``"weighted-sum"`` never imports AHP or PROMETHEE.

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
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from powerbalance._validate import did_you_mean, quoted_list, refuse
from powerbalance.errors import InvalidParameterError, PowerbalanceError, UnknownNameError

if TYPE_CHECKING:
    # importlib.metadata costs more to import than a small evaluation; it is imported
    # only when entry points are read.
    from importlib.metadata import EntryPoint

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
    builtins : mapping of str to str, optional
        The built-in entries, each name mapped to the ``"module:attribute"`` that
        defines its factory. A module is imported the first time one of its names is
        looked up, so a registry lists its built-ins without importing them. A
        built-in's module may register it too (with :meth:`register`, to show the
        name at the class); that must be the factory the mapping names.
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
    >>> fractions = Registry("number", builtins={"fraction": "fractions:Fraction"})
    >>> fractions.names()
    ('fraction',)
    >>> fractions.create("fraction")
    Fraction(0, 1)
    """

    def __init__(
        self,
        kind: str,
        group: str | None = None,
        *,
        builtins: Mapping[str, str] | None = None,
        namespace: str | None = None,
        shown_as: str | None = None,
        file_key: str | None = None,
    ) -> None:
        self.kind = kind
        self.group = group
        self.namespace = namespace
        self.shown_as = shown_as
        self.file_key = file_key
        # Declared, never changed: name -> "module:attribute".
        self._builtins: dict[str, str] = dict(builtins or {})
        # Registered in code, and built-ins once looked up.
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
        # A built-in's module registers it as it loads, under the name the table gives
        # it; any other factory under that name is refused as for a taken name.
        if existing is None and self._builtins.get(name, _address(factory)) != _address(factory):
            existing = self._builtin(name)
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
        self._load_entry_points()
        return tuple(sorted(self._known()))

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
        registered = self._factories.get(name)
        if registered is not None:
            return registered
        if name in self._builtins:
            return self._builtin(name)
        self._load_entry_points()
        if name not in self._plugins:
            known = sorted(self._known())
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

    def name_of(self, factory: Callable[..., object]) -> str | None:
        """The name ``factory`` is registered under, or None if it is not registered.

        Only the built-in that could be ``factory`` is imported to check, and plug-ins
        are loaded only when no built-in or registered name matches.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.weighting.registry.name_of(pb.weighting.RankOrderCentroid)
        'rank-order-centroid'
        >>> pb.weighting.registry.name_of(dict) is None
        True
        """
        address = _address(factory)
        found = [name for name, known in self._factories.items() if known is factory] + [
            name
            for name, builtin in self._builtins.items()
            if builtin == address and name not in self._factories and self.get(name) is factory
        ]
        if found:
            return min(found)  # the first in the order names() lists them
        self._load_entry_points()
        for name in sorted(self._plugins):
            try:
                if self.get(name) is factory:
                    return name
            except PowerbalanceError:  # a broken plug-in is not this factory
                continue
        return None

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
        # Which built-ins need no inputs is known only once each is imported: this
        # message is worth it.
        without = sorted(
            other
            for other in self._builtins.keys() | self._factories.keys()
            if other != name and not _required_inputs(self.get(other))
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

    def _known(self) -> set[str]:
        return self._builtins.keys() | self._factories.keys() | self._plugins.keys()

    def _builtin(self, name: str) -> Callable[..., T]:
        """Import the built-in ``name`` (its module may register it as it loads) and keep it."""
        module, _, attribute = self._builtins[name].partition(":")
        factory: Callable[..., T] = getattr(importlib.import_module(module), attribute)
        self._factories[name] = factory
        return factory

    def _load_entry_points(self) -> None:
        if self.group is None:
            return
        from importlib.metadata import entry_points

        self._plugins = {
            entry_point.name: entry_point
            for entry_point in entry_points(group=self.group)
            if entry_point.name not in self._factories and entry_point.name not in self._builtins
        }


def _address(factory: Callable[..., object]) -> str:
    """Where a factory is defined, as a built-in's ``"module:attribute"`` names it."""
    module = getattr(factory, "__module__", None)
    return f"{module}:{getattr(factory, '__qualname__', None)}"


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


def _builtins(module: str, names: Mapping[str, str]) -> dict[str, str]:
    """Each name mapped to ``"module:attribute"``, from attributes of one module."""
    return {name: f"{module}:{attribute}" for name, attribute in names.items()}


# The built-ins of each family are named here by the modules that define them, as text:
# this module imports none of them, and each is imported when one of its names is first
# looked up.
weightings: Registry[Any] = Registry(
    "weighting scheme",
    "powerbalance.weightings",
    builtins={
        **_builtins(
            "powerbalance.weighting.subjective",
            {
                "equal": "Equal",
                "direct": "Direct",
                "rank-order-centroid": "RankOrderCentroid",
                "rank-sum": "RankSum",
                "rank-reciprocal": "RankReciprocal",
                "swing": "Swing",
            },
        ),
        **_builtins(
            "powerbalance.weighting.objective",
            {"entropy": "Entropy", "critic": "CRITIC", "std-dev": "StdDev", "merec": "MEREC"},
        ),
        **_builtins("powerbalance.weighting.ahp", {"ahp": "AHP", "ahp-group": "AHPGroup"}),
        **_builtins("powerbalance.weighting.bestworst", {"best-worst": "BestWorst"}),
        **_builtins("powerbalance.weighting.composite", {"by-area": "ByArea", "blend": "Blend"}),
    },
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
    builtins={
        **_builtins(
            "powerbalance.methods.additive",
            {"weighted-sum": "WeightedSum", "weighted-product": "WeightedProduct"},
        ),
        **_builtins("powerbalance.methods.distance", {"topsis": "TOPSIS"}),
        **_builtins("powerbalance.methods.compromise", {"vikor": "VIKOR"}),
        **_builtins("powerbalance.methods.outranking", {"promethee": "PROMETHEE"}),
    },
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
    builtins=_builtins(
        "powerbalance.model.value",
        {"linear": "Linear", "piecewise": "Piecewise", "exponential": "Exponential"},
    ),
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
    builtins=_builtins(
        "powerbalance.model.uncertainty",
        {"uniform": "Uniform", "triangular": "Triangular", "pert": "PERT", "normal": "Normal"},
    ),
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
