"""Random streams in blocks: the unit of SMAA's reproducibility, and argument checks."""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from powerbalance.errors import (
    InvalidParameterError,
)

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

__all__ = ["BLOCK"]

BLOCK = 1024
"""Weight vectors per block of random numbers; the unit of reproducibility.

Examples
--------
>>> BLOCK
1024
"""


def _block_generator(seed: int, block: int, stream: int) -> np.random.Generator:
    """The generator of block ``block``: stream 0 for weights, 1 for breaking ties."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(block, stream)))


def _check_seed(seed: object, where: str) -> int:
    if seed is None:
        entropy = np.random.SeedSequence().entropy
        return int(entropy)  # type: ignore[arg-type]
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InvalidParameterError(
            f"{where}: seed must be a whole number of at least 0, such as 42, or None for a "
            f"fresh one; got {seed!r}."
        )
    return int(seed)


def _check_count(value: object, name: str, where: str, example: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise InvalidParameterError(
            f"{where}: {name} must be a whole number of at least 1, such as {example}; "
            f"got {value!r}."
        )
    return int(value)


def _blocks(samples: int) -> list[int]:
    """The number of weight vectors in each block."""
    full, rest = divmod(samples, BLOCK)
    return [BLOCK] * full + ([rest] if rest else [])


