"""Each row's order of options from one sort of integer keys, and the rows that may tie.

numpy sorts numbers several times faster than it sorts their positions (``argsort``):
it sorts them in vector registers. A score's bits, read as a 64-bit integer, order
like the score (a negative score's with all but the sign bit flipped); with the
option's number written over the lowest bits, one sort of these keys orders every
row, and the number comes back from the lowest bits of the sorted keys. Only scores
equal in all but those bits can come out the wrong way round, and they are closer
than any two scores the sorted keys show apart: a row with such scores is in doubt
along with every row that may have a tie, and those rows (rare with continuous
weights) are sorted again exactly, with ``argsort``. The orders are the ones an
``argsort`` of every row gives.
"""

from __future__ import annotations

from typing import NamedTuple, TypeAlias

import numpy as np
import numpy.typing as npt

from powerbalance.methods.ranking import TIE_TOLERANCE
from powerbalance.sensitivity.smaa._wins import Scratch

__all__ = ["Exact", "exact_order", "key_order"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]

# Up to this many bits of option numbers, a score read back from its key is within
# 2**(bits - 52) of its size of the score, and few rows are in doubt; beyond, so many
# would be that every row is sorted exactly.
_MOST_BITS = 24


class Exact(NamedTuple):
    """Rows sorted exactly: their order worst first, sorted scores, gaps and tolerance."""

    rows: npt.NDArray[np.intp]
    order: IntArray
    ordered: FloatArray
    gaps: FloatArray
    tolerance: FloatArray


def exact_order(scores: FloatArray, rows: npt.NDArray[np.intp]) -> Exact:
    """The given rows sorted by an ``argsort`` of their scores, with their gaps.

    Not a stable sort: it costs three times as much, and the order it would keep among
    equal scores is replaced by the random order of the tie-breaking keys anyway.
    """
    part = scores[rows]
    order = np.argsort(part, axis=1)
    ordered = np.take_along_axis(part, order, axis=1)
    largest = np.maximum(np.abs(ordered[:, 0]), np.abs(ordered[:, -1]))
    tolerance = TIE_TOLERANCE * np.maximum(1.0, largest)
    gaps = np.subtract(ordered[:, 1:], ordered[:, :-1])
    return Exact(rows, order, ordered, gaps, tolerance)


def key_order(scores: FloatArray, scratch: Scratch) -> tuple[IntArray, npt.NDArray[np.intp]] | None:
    """Each row's options worst first, and the rows whose order or ties are in doubt.

    Returns the order (memory of ``scratch``) and the rows to sort again exactly
    (:func:`exact_order`): every row with two scores within the tie tolerance, and
    every row the keys may have put out of order, besides a few whose scores are
    merely close. None when a score is not finite.

    Examples
    --------
    >>> order, doubtful = key_order(np.array([[0.5, 0.25, 1.0], [2.0, 2.0, 1.0]]), Scratch())
    >>> order[0].tolist(), doubtful.tolist()
    ([1, 0, 2], [1])
    """
    count, n = scores.shape
    bits = max(1, (n - 1).bit_length())
    if bits > _MOST_BITS:
        # Every row in doubt: the caller sorts them all exactly into this memory.
        if not np.isfinite(scores).all():
            return None
        return scratch.take("keys", (count, n), np.int64), np.arange(count)
    low = np.int64((1 << bits) - 1)
    scores = np.ascontiguousarray(scores, dtype=np.float64)
    raw = scores.view(np.int64)
    keys = scratch.take("keys", (count, n), np.int64)
    # Not negative (nor NaN): the bits order as they are. Checked in one fast pass.
    signed = not bool(scores.min(initial=0.0) >= 0.0)
    if signed:
        _flip_negatives(raw, keys, scratch)
        np.bitwise_and(keys, ~low, out=keys)
    else:
        np.bitwise_and(raw, ~low, out=keys)
    np.bitwise_or(keys, scratch.repeated("options", np.arange(n, dtype=np.int64), count), out=keys)
    keys.sort(axis=1)
    # The sorted keys read as scores again: the option numbers in their lowest bits
    # put them less than 2**bits units in the last place from the true scores.
    if signed:
        rebuilt = scratch.take("rebuilt", (count, n), np.int64)
        _flip_negatives(keys, rebuilt, scratch)
        values = rebuilt.view(np.float64)
    else:
        values = keys.view(np.float64)
    first, last = values[:, 0], values[:, -1]
    # The smallest and the largest key hold NaN and infinity: a score that is not
    # finite is at one end or the other, and stays so with other lowest bits.
    if not (np.isfinite(first).all() and np.isfinite(last).all()):
        return None
    largest = np.maximum(np.abs(first), np.abs(last)) if signed else last
    # A gap within the tolerance widens or narrows by less than twice the rebuilding
    # error, 2**(bits - 51) of the largest score: a row is in doubt when its smallest
    # rebuilt gap is within twice both. Scores out of order, equal but for their
    # lowest bits, are closer than that.
    bound = (2.0 * TIE_TOLERANCE + 2.0 ** (bits - 50)) * np.maximum(1.0, largest)
    doubtful = _close_rows(values, bound, scratch)
    np.bitwise_and(keys, low, out=keys)
    return keys, doubtful


def _close_rows(values: FloatArray, bound: FloatArray, scratch: Scratch) -> npt.NDArray[np.intp]:
    """The rows of sorted ``values`` with two neighbours at most ``bound`` apart.

    The gaps are taken along the whole array at once, one long loop rather than one
    per row, the gap from one row's end to the next row's start set aside; one
    reduction then says whether any row needs a closer look (rarely).
    """
    count, n = values.shape
    if n < 2:
        return np.empty(0, dtype=np.intp)
    flat = values.reshape(-1)
    gaps = scratch.take("gaps", (count * n,), np.float64)
    np.subtract(flat[1:], flat[:-1], out=gaps[:-1])
    by_row = gaps.reshape(count, n)
    by_row[:, -1] = np.inf
    widest = float(bound.max())
    if gaps.min() > widest:
        return np.empty(0, dtype=np.intp)
    rows = np.unique(np.flatnonzero(gaps <= widest) // n)
    close = by_row[rows, :-1].min(axis=1) <= bound[rows]
    return np.asarray(rows[close], dtype=np.intp)


def _flip_negatives(raw: IntArray, out: IntArray, scratch: Scratch) -> None:
    """Bits that order like the scores: a negative score's with all but the sign flipped.

    Read as integers, the bits of positive floats order like the floats; those of
    negative ones come first too, but the other way round. Flipping all but the sign
    bit of the negative ones sets that right, and undoes itself. ``out`` may be ``raw``.
    """
    flips = scratch.take("flips", raw.shape, np.int64)
    np.right_shift(raw, 63, out=flips)
    unsigned = flips.view(np.uint64)
    np.right_shift(unsigned, np.uint64(1), out=unsigned)
    np.bitwise_xor(raw, flips, out=out)
