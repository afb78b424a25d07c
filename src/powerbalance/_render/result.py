"""What every result shares: every format from one document, JSON from one dict."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from powerbalance._render.document import Document
from powerbalance._render.html import render_html
from powerbalance._render.markdown import render_markdown
from powerbalance._render.text import render_text
from powerbalance._render.words import describe

__all__ = ["Rendered", "plain"]


def plain(value: Any) -> Any:
    """``value`` as JSON-ready Python data: lists, dicts of text keys, finite numbers.

    NumPy scalars and arrays become Python numbers and lists, mappings (read-only
    ones too) become dicts, tuples and sets become lists; NaN and infinities become
    None, since JSON has no such numbers. Anything else is written by
    :func:`~powerbalance._render.words.describe`.

    Examples
    --------
    >>> import numpy as np
    >>> from types import MappingProxyType
    >>> plain({"a": np.float64(0.5), "b": (1, np.int64(2)), "c": float("nan")})
    {'a': 0.5, 'b': [1, 2], 'c': None}
    >>> plain(MappingProxyType({1: np.array([1.0, np.inf])}))
    {'1': [1.0, None]}
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(item) for item in value]
    return describe(value)


class Rendered:
    """The renderings every result has, made from its :meth:`_document` and :meth:`to_dict`.

    A result builds a :class:`~powerbalance._render.document.Document` (what to show)
    and its plain data (what to store); the text, Markdown and HTML renderers, and the
    JSON encoder, do the rest, so every result renders the same way and its page has
    the same style. Display never changes numbers: frames and ``to_dict()`` keep
    them whole.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
    >>> isinstance(report, Rendered)
    True
    """

    __slots__ = ()

    def _document(self) -> Document:
        raise NotImplementedError

    def summary(self) -> str:
        """A few sentences in plain language: what the result says."""
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """The result as plain Python data, tagged with its schema."""
        raise NotImplementedError

    def to_text(self) -> str:
        """The result as aligned plain text, at most 100 characters wide (``print`` shows it).

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
        >>> report.to_text() == str(report)
        True
        """
        return render_text(self._document())

    def __str__(self) -> str:
        return self.to_text()

    def to_markdown(self) -> str:
        """The result as Markdown: a level-2 title, the summary, pipe tables, provenance.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
        >>> report.to_markdown().startswith("## ")
        True
        """
        return render_markdown(self._document())

    def to_html(self, *, page: bool = False) -> str:
        """The result as an HTML fragment, or with ``page=True`` a styled page.

        The fragment is one ``<div class="powerbalance">`` with no style of its own
        (what a notebook shows); the page holds the same fragment with the style
        every result's page shares: inline CSS and SVG, no scripts, nothing fetched,
        readable when printed.

        Examples
        --------
        >>> import powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
        >>> report.to_html().startswith('<div class="powerbalance">')
        True
        >>> page = report.to_html(page=True)
        >>> page.startswith("<!DOCTYPE html>"), report.to_html() in page
        (True, True)
        """
        return render_html(self._document(), page=page)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (NaN and infinities written as null).

        Examples
        --------
        >>> import json, powerbalance as pb
        >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
        >>> json.loads(report.to_json())["schema"]
        'powerbalance.evaluation.report/1'
        """
        return json.dumps(plain(self.to_dict()), indent=indent, ensure_ascii=False, allow_nan=False)
