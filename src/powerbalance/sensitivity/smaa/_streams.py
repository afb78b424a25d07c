"""Random streams in blocks: the unit of SMAA's reproducibility, and the seed behind them."""

from __future__ import annotations

from typing import cast

import numpy as np

from powerbalance._validate import Integer, check

__all__ = ["BLOCK", "block_generator", "blocks", "check_count", "check_seed"]

BLOCK = 1024
"""Weight vectors per block of random numbers; the unit of reproducibility.

Examples
--------
>>> BLOCK
1024
"""


def block_generator(seed: int, block: int, stream: int) -> np.random.Generator:
    """The generator of block ``block``: stream 0 for weights, 1 for breaking ties.

    Examples
    --------
    >>> float(block_generator(7, 0, 0).random()) == float(block_generator(7, 0, 0).random())
    True
    """
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(block, stream)))


def blocks(samples: int) -> list[int]:
    """The number of weight vectors in each block.

    Examples
    --------
    >>> blocks(2_500)
    [1024, 1024, 452]
    """
    full, rest = divmod(samples, BLOCK)
    return [BLOCK] * full + ([rest] if rest else [])


def check_seed(seed: object, owner: str) -> int:
    """The seed as an int: a whole number of at least 0, or a fresh one for None.

    Examples
    --------
    >>> check_seed(42, "smaa")
    42
    >>> check_seed(None, "smaa") >= 0
    True
    """
    check(
        owner,
        "seed",
        seed,
        Integer(low=0),
        None,
        fix="Give a seed such as 42 to repeat the run, or None for a fresh one.",
    )
    if seed is None:
        return int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    return int(cast(int, seed))


def check_count(value: object, name: str, owner: str, example: str) -> int:
    """A count (of samples, of vectors per chunk) as an int: a whole number of at least 1.

    Examples
    --------
    >>> check_count(10_000, "samples", "smaa", "10_000")
    10000
    """
    check(owner, name, value, Integer(low=1), fix=f"Give a count such as {example}.")
    return int(cast(int, value))
