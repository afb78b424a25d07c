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
import sys
import threading
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = [
    "Scratch",
    "borrow_scratch",
    "give_back_scratch",
    "position_dtype",
    "positions",
    "win_counts",
]

IntArray: TypeAlias = npt.NDArray[np.int64]

# Booleans compared at once (row block x options x rankings): within a core's L2 cache.
_SLAB = 1 << 20
# Rows longer than this are combined with a batch as they are (see Scratch.repeated).
_SHORT_ROW = 256
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
        self._tiles: dict[str, npt.NDArray[Any]] = {}

    def take(self, name: str, shape: tuple[int, ...], dtype: npt.DTypeLike) -> npt.NDArray[Any]:
        """An uninitialized array of ``shape``: the memory held under ``name`` when it fits."""
        size = math.prod(shape)
        held = self._held.get(name)
        if held is None or held.size < size or held.dtype != np.dtype(dtype):
            held = np.empty(size, dtype=dtype)
            self._held[name] = held
        return held[:size].reshape(shape)

    def repeated(self, name: str, row: npt.NDArray[Any], count: int) -> npt.NDArray[Any]:
        """``row`` to combine with a batch of ``count`` rows: stored repeated if it is short.

        numpy combines a batch with one row in a loop per row, which on rows of a few
        dozen values costs more than the loop's work; against the row stored ``count``
        times (kept while ``row`` stays the same) it is one loop over the batch.

        Examples
        --------
        >>> Scratch().repeated("positions", np.arange(3), 2).tolist()
        [[0, 1, 2], [0, 1, 2]]
        """
        if row.size > _SHORT_ROW:
            return row
        held = self._tiles.get(name)
        if (
            held is None
            or held.shape[0] < max(count, 1)
            or held.shape[1:] != row.shape
            or held.dtype != row.dtype
            or not np.array_equal(held[0], row)
        ):
            held = np.tile(row, (count, 1))
            self._tiles[name] = held
        return held[:count]

    @property
    def nbytes(self) -> int:
        """The memory held, in bytes."""
        return sum(held.nbytes for held in [*self._held.values(), *self._tiles.values()])


# Work arrays kept between chunks and between runs, up to _KEPT bytes each and
# _KEPT_IN_ALL together: a small run would otherwise spend a third of its time faulting
# fresh pages in, and the threads of a pool, new for every run, would start afresh.
_spare: list[Scratch] = []
_spare_lock = threading.Lock()
_KEPT = 16 << 20
_KEPT_IN_ALL = 32 << 20


def borrow_scratch() -> Scratch:
    """Work arrays for one chunk: those an earlier chunk (or run) gave back, if any.

    Examples
    --------
    >>> scratch = borrow_scratch()
    >>> give_back_scratch(scratch)
    >>> borrow_scratch() is scratch
    True
    """
    with _spare_lock:
        return _spare.pop() if _spare else Scratch()


def give_back_scratch(scratch: Scratch) -> None:
    """Keep ``scratch`` for a later chunk, unless it or all those kept hold too much.

    Examples
    --------
    >>> give_back_scratch(Scratch())
    """
    size = scratch.nbytes
    if size > _KEPT:
        return
    with _spare_lock:
        if size + sum(spare.nbytes for spare in _spare) <= _KEPT_IN_ALL:
            _spare.append(scratch)


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


# Twice a position's width: an option's number above its position, in one key.
_KEY_TYPES: dict[type[np.unsignedinteger], type[np.unsignedinteger]] = {
    np.uint8: np.uint16,
    np.uint16: np.uint32,
    np.uint32: np.uint64,
}


def positions(
    order: npt.NDArray[np.integer], scratch: Scratch | None = None
) -> npt.NDArray[np.unsignedinteger]:
    """Each option's position in each ranking, options by rankings (the inverse of ``order``).

    ``order[s, p]`` is the option at position *p* of ranking *s*. Sorting each row of
    keys ``option * 2**width + position`` puts the keys in option order with each
    position in the low half of its key: a sort of small integers, which numpy does
    in vector registers, costs less than scattering the positions one by one.

    Examples
    --------
    >>> positions(np.array([[2, 0, 1], [0, 1, 2]])).tolist()
    [[1, 0], [2, 1], [0, 2]]
    """
    count, n = order.shape
    dtype = position_dtype(n)
    width = 8 * np.dtype(dtype).itemsize
    key_type = _KEY_TYPES[dtype]
    scratch = Scratch() if scratch is None else scratch
    keys = scratch.take("position_keys", (count, n), key_type)
    np.left_shift(order, width, out=keys, casting="unsafe")
    np.bitwise_or(keys, scratch.repeated("numbers", np.arange(n, dtype=key_type), count), out=keys)
    keys.sort(axis=1)
    low = keys.view(dtype)[:, 0 if sys.byteorder == "little" else 1 :: 2]
    out = scratch.take("positions", (n, count), dtype)
    np.copyto(out, low.T)
    return out


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
    # Each word of lanes[i, j] holds in its eight bytes how often i beat j among the
    # rankings of one byte position of the slice's words. Cells never compared stay 0.
    lanes = scratch.take("lanes", (n, n), np.uint64)
    lanes[:] = 0
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
            np.add.reduce(out.view(np.uint64), axis=2, out=lanes[top:bottom, left:])
        wins += _byte_sums(lanes)
    if distinct:
        # Below the diagonal blocks: wins[i, j] = count - wins[j, i].
        below = _below_blocks(n, rows)
        wins[below] = count - wins.T[below]
        np.fill_diagonal(wins, 0)
    return wins


# Every other byte of a word, and the multiplier that adds a word's four 16-bit lanes
# up into its top lane.
_EVEN_BYTES = np.uint64(0x00FF00FF00FF00FF)
_ADD_LANES = np.uint64(0x0001000100010001)


def _byte_sums(words: npt.NDArray[np.uint64]) -> IntArray:
    """The sum of the eight bytes of each word, all at once (each byte at most 255).

    Neighbouring bytes are added into 16-bit lanes, then a multiplication adds the
    four lanes into the top one: six passes over the words instead of one short
    reduction per word.
    """
    pairs = words & _EVEN_BYTES
    pairs += (words >> np.uint64(8)) & _EVEN_BYTES
    pairs *= _ADD_LANES
    pairs >>= np.uint64(48)
    return pairs.view(np.int64)


def _below_blocks(n: int, rows: int) -> npt.NDArray[np.bool_]:
    """The cells (i, j) with j left of i's row block: not compared when values are distinct."""
    block_start = (np.arange(n) // rows) * rows
    return np.arange(n)[None, :] < block_start[:, None]
