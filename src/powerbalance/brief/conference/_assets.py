"""The browser code of the conference view, shipped as package data beside this module."""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["script", "stylesheet"]


@functools.cache
def script() -> str:
    """The text of ``conference.js``: one ES module exporting ``default { render }``.

    Examples
    --------
    >>> "export default { render }" in script()
    True
    """
    return _read("conference.js")


@functools.cache
def stylesheet() -> str:
    """The text of ``conference.css``, every rule scoped to ``.pb-conference``.

    Examples
    --------
    >>> stylesheet().count(".pb-conference") > 10
    True
    """
    return _read("conference.css")


def _read(name: str) -> str:
    return (
        resources.files("powerbalance.brief.conference").joinpath(name).read_text(encoding="utf-8")
    )
