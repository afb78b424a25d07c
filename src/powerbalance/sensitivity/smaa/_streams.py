"""Random streams in blocks: the unit of SMAA's reproducibility, and the seed behind them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import cast, overload

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._validate import Integer, check, check_fits

__all__ = [
    "BLOCK",
    "MOST",
    "PROBABILITY_STREAM",
    "Blocks",
    "block_generator",
    "blocks",
    "check_count",
    "check_seed",
]

BLOCK = 1024
"""Weight vectors per block of random numbers; the unit of reproducibility.

Examples
--------
>>> BLOCK
1024
"""


PROBABILITY_STREAM = 4
"""The stream of a block's probability vectors over the scenarios.

Streams 0 and 1 draw weight vectors and tie-breaking keys, 2 and 3 uncertain scores
(for ranks and for confidence factors), 4 scenario probabilities; 5 onwards the
uncertain scores of scenarios after the first, two streams each.

Examples
--------
>>> PROBABILITY_STREAM
4
"""


def block_generator(seed: int, block: int, stream: int) -> np.random.Generator:
    """The generator of block ``block``: stream 0 for weights, 1 for breaking ties.

    Examples
    --------
    >>> float(block_generator(7, 0, 0).random()) == float(block_generator(7, 0, 0).random())
    True
    """
    # What default_rng does, without its checks of the argument: a tenth of a draw.
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block, stream)))
    )


@attrs.frozen
class Blocks(Sequence[int]):
    """The number of weight vectors in each block of a run, worked out on demand.

    Held as a count rather than a list, so that a run's plan takes the same few bytes
    however many samples it draws, and travels to a cluster's workers as cheaply.

    Examples
    --------
    >>> sizes = Blocks(2_500)
    >>> len(sizes), sizes[0], sizes[-1], list(sizes)
    (3, 1024, 452, [1024, 1024, 452])
    """

    samples: int

    def __len__(self) -> int:
        return -(-self.samples // BLOCK)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        position = range(len(self))[index]  # raises IndexError out of range
        return min(BLOCK, self.samples - position * BLOCK)


def blocks(samples: int) -> Blocks:
    """The number of weight vectors in each block.

    Examples
    --------
    >>> list(blocks(2_500))
    [1024, 1024, 452]
    """
    return Blocks(samples)


def check_seed(seed: object, owner: str) -> int:
    """The seed as an int: a whole number of at least 0, or a fresh one for None.

    Examples
    --------
    >>> check_seed(42, "smaa")
    42
    >>> check_seed(None, "smaa") >= 0
    True
    """
    fix = "Give a seed such as 42 to repeat the run, or None for a fresh one."
    check(owner, "seed", seed, Integer(low=0), None, fix=fix)
    # A fresh seed has 128 bits; a longer one adds nothing and makes the record long.
    check(owner, "seed", seed, Integer(low=0, high=2**128 - 1), None, fix=fix)
    if seed is None:
        return int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    return int(cast(int, seed))


#: The most weight vectors a run may draw: every count up to it is exact in a float, so
#: shares of the samples are exact too.
MOST = 2**53


def check_count(value: object, name: str, owner: str, example: str) -> int:
    """A count (of samples, of vectors per chunk) as an int: a whole number of at least 1.

    Examples
    --------
    >>> check_count(10_000, "samples", "smaa", "10_000")
    10000
    """
    check(owner, name, value, Integer(low=1), fix=f"Give a count such as {example}.")
    # Checked apart, so that the usual message (a count of 0, say) stays short.
    check(owner, name, value, Integer(low=1, high=MOST), fix=f"Give a count such as {example}.")
    return int(cast(int, value))


def drawn_frame(
    where: str,
    draw_for: Callable[[], Callable[[np.random.Generator, int], npt.NDArray[np.float64]]],
    *,
    samples: object,
    seed: object,
    stream: int,
    names: Sequence[str],
    axis: str,
) -> pd.DataFrame:
    """The vectors a run draws from ``stream`` for ``seed``, one row each, as a frame.

    ``draw_for()`` makes the draw once the count and seed are checked (it checks what
    it draws for). Columns are ``names`` (an axis named ``axis``), rows ``sample``.

    Examples
    --------
    >>> frame = drawn_frame("example", lambda: lambda rng, n: rng.random((n, 2)),
    ...                     samples=3, seed=1, stream=0, names=["a", "b"], axis="criterion")
    >>> frame.shape, frame.columns.name
    ((3, 2), 'criterion')
    """
    count = check_count(samples, "samples", where, "10_000")
    # The draws, their stack and the frame: three copies of samples x names.
    check_fits(
        where,
        "samples",
        count,
        3 * 8 * len(names),
        fix="Draw fewer, or draw in batches with different seeds; smaa() itself needs "
        "no memory per sample.",
    )
    chosen = check_seed(seed, where)
    draw = draw_for()
    values = np.vstack(
        [draw(block_generator(chosen, b, stream), n) for b, n in enumerate(blocks(count))]
    )
    return pd.DataFrame(
        values,
        index=pd.RangeIndex(count, name="sample"),
        columns=pd.Index(list(names), name=axis),
    )
