"""How a study file holds a scheme's inputs, declared beside the inputs themselves.

A scheme is an attrs class whose fields are its inputs. A field's metadata may say
what kind of value a study file holds for it (``metadata=file_input("ranking")``), so
that the file readers and writers check and convert it; a field without one is held
as it is (text, numbers, true/false, and arrays and tables of them), which is how a
plug-in's scheme is read. A scheme's name in a file is its name in the registry.

Examples
--------
>>> file_input("ranking")["powerbalance.file_input"]
'ranking'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeAlias

from powerbalance.registry import FILE_PLACEHOLDER

__all__ = ["FILE_ALTERNATIVES", "FILE_INPUT", "InputKind", "file_input"]

#: The metadata key of the kind of value a file holds for the field.
FILE_INPUT = "powerbalance.file_input"
#: The metadata key of other file keys for the same field, each with its kind.
FILE_ALTERNATIVES = "powerbalance.file_alternatives"

InputKind: TypeAlias = Literal[
    "text",
    "bool",
    "points",
    "ranking",
    "ranges",
    "judgements",
    "random_index",
    "threshold",
    "normalization",
    "weighting",
    "weightings",
    "parts",
    "experts",
    "expert_weights",
]
"""The kinds of input a study file holds, each read and written its own way."""

# How messages show a value of each kind in a study file.
_PLACEHOLDERS: Mapping[str, str] = {
    "text": '"..."',
    "points": "{...}",
    "ranking": "[...]",
    "ranges": "{...}",
    "judgements": "[{first = ..., second = ..., ratio = ...}, ...]",
    "weightings": "{...}",
    "parts": "[{weighting = ..., share = ...}, ...]",
    "experts": "{...}",
    "expert_weights": "[...]",
}


def file_input(
    kind: InputKind, *, alternatives: Mapping[str, InputKind] | None = None
) -> dict[str, object]:
    """The attrs field metadata declaring how a study file holds the field.

    Parameters
    ----------
    kind : str
        The kind of value under the field's own key.
    alternatives : mapping of str to str, optional
        Other keys a file may give the field under instead, each with its kind (a
        by-area scheme's ``within_areas``, a table of area to scheme, for its
        ``within``). A writer uses the first whose kind fits the value.

    Examples
    --------
    >>> file_input("weighting", alternatives={"within_areas": "weightings"})[
    ...     "powerbalance.file_alternatives"]
    {'within_areas': 'weightings'}
    """
    metadata: dict[str, object] = {FILE_INPUT: kind}
    if kind in _PLACEHOLDERS:
        metadata[FILE_PLACEHOLDER] = _PLACEHOLDERS[kind]
    if alternatives:
        metadata[FILE_ALTERNATIVES] = dict(alternatives)
    return metadata
