"""Classes a registry names, as a study document holds them: value functions, distributions.

A criterion's value function and a score's distribution are attrs classes registered
by name (in ``powerbalance.model.value.registry`` and
``powerbalance.model.uncertainty.registry``, built in or added by a plug-in). A document
gives the name and the class's inputs, its attrs fields; these helpers find both.
"""

from __future__ import annotations

from typing import Any

import attrs

from powerbalance.errors import PowerbalanceError

__all__ = ["field_inputs", "registered_name"]


def field_inputs(factory: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (required, optional) inputs of a registered class: its attrs fields."""
    if not attrs.has(factory):
        return (), ()
    fields = [field for field in attrs.fields(factory) if field.init]
    required = tuple(f.alias for f in fields if f.default is attrs.NOTHING)
    optional = tuple(f.alias for f in fields if f.default is not attrs.NOTHING)
    return required, optional


def registered_name(registry: Any, cls: type) -> str | None:
    """The name ``cls`` is registered under, if it is an attrs class registered there."""
    if not attrs.has(cls):
        return None
    for name in registry.names():
        try:
            if registry.get(name) is cls:
                return str(name)
        except PowerbalanceError:  # a broken plug-in is not this class
            continue
    return None
