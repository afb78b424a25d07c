"""Reading a file's bytes with a size limit checked before anything is parsed."""

from __future__ import annotations

import os
from pathlib import Path

from powerbalance.errors import StudyFileError

__all__ = ["MAX_BYTES", "read_limited"]

MAX_BYTES = 64 * 1024 * 1024
"""Files larger than this (64 MiB) are refused before parsing, unless a larger limit is given.

An assessment of thousands of options fits in a few megabytes, and a parser fed a
gigabyte can exhaust the memory of the process that embeds the library.

Examples
--------
>>> MAX_BYTES // 1024**2
64
"""


def read_limited(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of ``path``, refusing a file larger than ``max_bytes`` before reading it.

    Raises
    ------
    StudyFileError
        The file does not exist, cannot be read, or is larger than ``max_bytes``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "tiny.toml"
    ...     _ = path.write_text('name = "x"')
    ...     read_limited(path)
    b'name = "x"'
    """
    file = Path(path)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise StudyFileError(f"{file}: no such file. Check the path.") from None
    except OSError as error:
        raise StudyFileError(f"{file}: cannot be read ({error.strerror}).") from None
    if size > max_bytes:
        raise StudyFileError(
            f"{file}: the file is {size:,} bytes, larger than the limit of {max_bytes:,} "
            f"bytes; it was not read. If the file is what you expect, pass a larger "
            f"max_bytes."
        )
    try:
        with file.open("rb") as stream:
            # Read one byte past the limit: the file may have grown since stat().
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise StudyFileError(f"{file}: cannot be read ({error.strerror}).") from None
    if len(data) > max_bytes:
        raise StudyFileError(
            f"{file}: the file is larger than the limit of {max_bytes:,} bytes; it was not "
            f"read. If the file is what you expect, pass a larger max_bytes."
        )
    return data
