"""Row and column labels for the frames the library hands out, and handing them out."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["frame", "hand_out", "labels"]

# Under copy-on-write (always on from pandas 3) a shallow copy is already independent:
# writing to either frame copies the data first.
_COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3 or bool(
    getattr(pd.options.mode, "copy_on_write", False) is True
)


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


@functools.lru_cache(maxsize=64)
def _column_labels(names: tuple[str, ...]) -> pd.Index:
    return pd.Index(names)


def frame(columns: dict[str, npt.NDArray[Any]], index: pd.Index) -> pd.DataFrame:
    """A new DataFrame of one-dimensional arrays of ``len(index)`` each.

    The frame holds its own copy of the arrays, so that whatever is done to it cannot
    reach them. Building a small frame through the public constructor costs several
    times the arithmetic of a small evaluation, most of it in checks and inference
    that these arrays do not need.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> score = np.array([0.9, 0.4])
    >>> table = frame({"rank": np.array([1, 2]), "score": score},
    ...               pd.Index(["A", "B"], name="option"))
    >>> table.dtypes.astype(str).tolist(), table.index.name
    (['int64', 'float64'], 'option')
    >>> table.loc["A", "score"] = 0.0
    >>> float(score[0])
    0.9
    """
    # A copy, so that renaming one frame's columns never renames another's.
    names = _column_labels(tuple(columns)).copy()
    build = getattr(pd.DataFrame, "_from_arrays", None)
    if build is not None:
        try:
            # Gathering the columns into blocks copies them.
            built = build(
                list(columns.values()), columns=names, index=index, verify_integrity=False
            )
            return built  # type: ignore[no-any-return]
        except TypeError:  # a pandas whose private constructor takes other arguments
            pass
    return pd.DataFrame(columns, index=index, columns=names, copy=True)


def hand_out(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a cached frame that the caller may change without touching the cache.

    Examples
    --------
    >>> import pandas as pd
    >>> cached = pd.DataFrame({"score": [1.0, 2.0]})
    >>> mine = hand_out(cached)
    >>> mine.loc[0, "score"] = 9.0
    >>> float(cached.loc[0, "score"])
    1.0
    """
    return frame.copy(deep=not _COPY_ON_WRITE)
