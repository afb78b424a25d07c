"""Reading a file's bytes with a size limit checked before anything is parsed.

Only regular files are read. A named pipe would block the reader until some other
process writes to it (forever, if none does), a device such as ``/dev/zero`` never
ends, and a directory has no bytes to read: each is refused by name, before it is
opened, and checked again on the opened file in case the path was swapped meanwhile.
"""

from __future__ import annotations

import os
import stat
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

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

# Opening a named pipe without O_NONBLOCK waits for a writer; with it, it returns at once
# (and the file is then refused). O_NOCTTY keeps a terminal from becoming ours.
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _refuse_special(file: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    advice = (
        "give the path of a study file inside it"
        if stat.S_ISDIR(mode)
        else "save what it delivers to a file first, and give that file's path"
    )
    raise StudyFileError(
        f"{file}: this is {kind}, not a regular file; it was not read. To read a study, {advice}."
    )


def _too_large(file: Path, max_bytes: int, size: int | None = None) -> StudyFileError:
    figure = f"the file is {size:,} bytes, larger" if size is not None else "the file is larger"
    return StudyFileError(
        f"{file}: {figure} than the limit of {max_bytes:,} bytes; it was not read. If the "
        "file is what you expect, pass a larger max_bytes."
    )


def read_limited(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of ``path``, refusing a file larger than ``max_bytes`` before reading it.

    Raises
    ------
    StudyFileError
        The file does not exist, cannot be read, is not a regular file (a directory,
        a named pipe, a device, a socket), or is larger than ``max_bytes``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "tiny.toml"
    ...     _ = path.write_text('name = "x"')
    ...     read_limited(path)
    b'name = "x"'
    >>> read_limited(tempfile.gettempdir())
    Traceback (most recent call last):
    ...
    powerbalance.errors.StudyFileError: ...: this is a directory, not a regular file; ...
    """
    file = Path(path)
    try:
        _refuse_special(file, os.stat(file).st_mode)
        descriptor = os.open(file, _FLAGS)
    except FileNotFoundError:
        raise StudyFileError(f"{file}: no such file. Check the path.") from None
    except OSError as error:
        raise StudyFileError(f"{file}: cannot be read ({error.strerror}).") from None
    try:
        with os.fdopen(descriptor, "rb") as stream:
            found = os.fstat(stream.fileno())
            # The path may have been replaced since it was checked.
            _refuse_special(file, found.st_mode)
            if found.st_size > max_bytes:
                raise _too_large(file, max_bytes, found.st_size)
            # Read one byte past the size: the file may have grown since fstat().
            data = stream.read(found.st_size + 1)
            if len(data) > found.st_size:
                data += stream.read(max_bytes + 1 - len(data))
    except OSError as error:
        raise StudyFileError(f"{file}: cannot be read ({error.strerror}).") from None
    if len(data) > max_bytes:
        raise _too_large(file, max_bytes)
    return data
