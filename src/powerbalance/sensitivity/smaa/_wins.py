"""Pairwise wins of a batch of rankings, counted in compiled loops.

A ranking is given as one value per option, higher better, equal values a tie.
Counting how often option *i* beats option *j* takes one comparison per pair and
ranking, the options squared per weight vector; this module does them a cache-sized
slab at a time, with the rankings along the contiguous axis so that every numpy
call runs a long loop, and adds the slab's booleans up eight at a time as bytes of
64-bit words.
"""

from __future__ import annotations

import math
import threading
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = ["Scratch", "position_dtype", "release_scratch", "thread_scratch", "win_counts"]

IntArray: TypeAlias = npt.NDArray[np.int64]

# Booleans compared at once (row block x options x rankings): within a core's L2 cache.
_SLAB = 1 << 20
# Rankings per slab: each byte of a 64-bit word adds up one ranking in eight, so a
# word's bytes count at most this many / 8 <= 255 wins before they would overflow.
_RANKINGS = 2040


class Scratch:
    """Work arrays kept from one use to the next, handed out by name.

    Memory fresh from the system costs a page fault per page on first use, which for
    the arrays of one group of rankings costs as much as the work done in them.

    Examples
    --------
    >>> scratch = Scratch()
    >>> a = scratch.take("sorted", (2, 3), np.float64)
    >>> b = scratch.take("sorted", (1, 3), np.float64)  # the same memory, reshaped
    >>> bool(np.shares_memory(a, b)), b.shape
    (True, (1, 3))
    """

    def __init__(self) -> None:
        self._held: dict[str, npt.NDArray[Any]] = {}

    def take(self, name: str, shape: tuple[int, ...], dtype: npt.DTypeLike) -> npt.NDArray[Any]:
        """An uninitialized array of ``shape``: the memory held under ``name`` when it fits."""
        size = math.prod(shape)
        held = self._held.get(name)
        if held is None or held.size < size or held.dtype != np.dtype(dtype):
            held = np.empty(size, dtype=dtype)
            self._held[name] = held
        return held[:size].reshape(shape)

    @property
    def nbytes(self) -> int:
        """The memory held, in bytes."""
        return sum(held.nbytes for held in self._held.values())


# Each thread's work arrays, kept between chunks and between runs up to _KEPT bytes:
# a small run would otherwise spend a third of its time faulting fresh pages in.
_local = threading.local()
_KEPT = 16 << 20


def thread_scratch() -> Scratch:
    """The :class:`Scratch` of the calling thread, kept from one chunk (and run) to the next.

    Examples
    --------
    >>> thread_scratch() is thread_scratch()
    True
    """
    scratch: Scratch | None = getattr(_local, "scratch", None)
    if scratch is None:
        scratch = _local.scratch = Scratch()
    return scratch


def release_scratch() -> None:
    """Let this thread's work arrays go if they hold more than a few megabytes.

    Examples
    --------
    >>> release_scratch()
    """
    scratch: Scratch | None = getattr(_local, "scratch", None)
    if scratch is not None and scratch.nbytes > _KEPT:
        del _local.scratch


def position_dtype(n: int) -> type[np.unsignedinteger]:
    """The smallest unsigned integer type holding positions 0 to ``n - 1``.

    Examples
    --------
    >>> position_dtype(200), position_dtype(1000)
    (<class 'numpy.uint8'>, <class 'numpy.uint16'>)
    """
    if n <= 1 << 8:
        return np.uint8
    if n <= 1 << 16:
        return np.uint16
    return np.uint32


def win_counts(
    values: npt.NDArray[np.unsignedinteger], distinct: bool, scratch: Scratch | None = None
) -> IntArray:
    """``wins[i, j]``: in how many rankings option *i* has a higher value than *j*.

    Parameters
    ----------
    values : numpy.ndarray of shape (options, rankings)
        One column per ranking, higher better, equal values tied. The rankings
        axis is contiguous.
    distinct : bool
        Whether the values of each ranking are all different (no ties). Then only
        the pairs on and above the diagonal's blocks are compared, and every other
        count follows from ``wins[i, j] + wins[j, i] = rankings``: about half the work.
    scratch : Scratch, optional
        Where to keep the work arrays between calls.

    Examples
    --------
    >>> import numpy as np
    >>> values = np.array([[2, 0], [1, 1], [0, 2]], dtype=np.uint8)  # two rankings
    >>> win_counts(values, distinct=True).tolist()
    [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
    """
    n, count = values.shape
    wins = np.zeros((n, n), dtype=np.int64)
    if count == 0 or n < 2:
        return wins
    # Slices of equal length, a whole number of words each: padding costs a full slice.
    slices = -(-count // _RANKINGS)
    span = -(-count // (8 * slices)) * 8
    rows = max(1, _SLAB // (n * span))
    scratch = Scratch() if scratch is None else scratch
    slab = scratch.take("slab", (rows * n * span,), np.bool_)
    padded = scratch.take("padded", (n, span), values.dtype)
    for start in range(0, count, span):
        part = values[:, start : start + span]
        if part.shape[1] != span:
            # Padding repeats one value for every option: a tie, a win for no one.
            padded[:, : part.shape[1]] = part
            padded[:, part.shape[1] :] = 0
            part = padded
        for top in range(0, n, rows):
            bottom = min(n, top + rows)
            # With distinct values, pairs left of the block follow from those above it.
            left = top if distinct else 0
            out = slab[: (bottom - top) * (n - left) * span].reshape(bottom - top, n - left, span)
            np.greater(part[top:bottom, None, :], part[None, left:, :], out=out)
            lanes = np.add.reduce(out.view(np.uint64), axis=2)
            wins[top:bottom, left:] += (
                lanes.view(np.uint8).reshape(bottom - top, n - left, 8).sum(axis=2, dtype=np.int64)
            )
    if distinct:
        # Below the diagonal blocks: wins[i, j] = count - wins[j, i].
        below = _below_blocks(n, rows)
        wins[below] = count - wins.T[below]
        np.fill_diagonal(wins, 0)
    return wins


def _below_blocks(n: int, rows: int) -> npt.NDArray[np.bool_]:
    """The cells (i, j) with j left of i's row block: not compared when values are distinct."""
    block_start = (np.arange(n) // rows) * rows
    return np.arange(n)[None, :] < block_start[:, None]
