"""Classes a registry names, as a study document holds them: value functions, distributions.

A criterion's value function and a score's distribution are attrs classes registered
by name (in ``powerbalance.model.value.registry`` and
``powerbalance.model.uncertainty.registry``, built in or added by a plug-in). A document
gives the name and the class's inputs, its attrs fields; these helpers find both.
"""

from __future__ import annotations

from typing import Any

import attrs

from powerbalance.registry import Registry

__all__ = ["field_inputs", "registered_fields"]


def field_inputs(factory: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (required, optional) inputs of a registered class: its attrs fields."""
    if not attrs.has(factory):
        return (), ()
    fields = [field for field in attrs.fields(factory) if field.init]
    required = tuple(f.alias for f in fields if f.default is attrs.NOTHING)
    optional = tuple(f.alias for f in fields if f.default is not attrs.NOTHING)
    return required, optional


def registered_fields(registry: Registry[Any], obj: object) -> tuple[str, dict[str, Any]] | None:
    """The name ``obj``'s class is registered under, and its inputs as a document holds them.

    The inputs are the values of the class's attrs fields set at construction, keyed by
    their argument names, in declaration order. None when the class is not an attrs
    class registered in ``registry``.

    Examples
    --------
    >>> import powerbalance as pb
    >>> registered_fields(pb.uncertainty.registry, pb.uncertainty.Uniform(low=1, high=3))
    ('uniform', {'low': 1.0, 'high': 3.0})
    >>> registered_fields(pb.uncertainty.registry, 3.0) is None
    True
    """
    cls = type(obj)
    if not attrs.has(cls):
        return None
    name = registry.name_of(cls)
    if name is None:
        return None
    return name, {f.alias: getattr(obj, f.name) for f in attrs.fields(cls) if f.init}
