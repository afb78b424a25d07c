"""Row and column labels for the frames the library hands out."""

from __future__ import annotations

import functools

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["labels"]


@functools.lru_cache(maxsize=64)
def _cached(names: tuple[str, ...], name: str | None) -> pd.Index:
    # Inferring the dtype of many names costs more than the arithmetic of a small
    # evaluation; the same assessment's names are labelled again and again.
    return pd.Index(names, name=name)


def labels(
    names: tuple[str, ...], name: str | None, order: npt.NDArray[np.intp] | None = None
) -> pd.Index:
    """A new index of ``names`` called ``name``, optionally in ``order``.

    Always a new object, so renaming one frame's index never renames another's.

    Examples
    --------
    >>> import numpy as np
    >>> labels(("A", "B", "C"), "option", np.array([2, 0, 1])).tolist()
    ['C', 'A', 'B']
    """
    index = _cached(names, name)
    return index.copy() if order is None else index.take(order)
