"""Writing files whole or not at all: a crash or a full disk never leaves half a file.

Each file is written to a temporary file in the same folder, flushed to the disk, and
then renamed over the target, which the operating system does in one step. Until the
rename the old file is untouched; if anything fails (an ``OSError``, an interruption),
the temporary file is removed and the old file stays as it was. Files written together
(a long CSV table and its criteria table) are all written out first and only then put
in place, so a failure while writing the second never leaves the first replaced.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Sequence
from pathlib import Path

from powerbalance.errors import FileWriteError

__all__ = ["write_file", "write_files"]

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_file(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path``, replacing it in one step.

    Raises
    ------
    FileWriteError
        The file cannot be written; the file that was at ``path`` is unchanged.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "note.txt"
    ...     write_file(path, "first")
    ...     write_file(path, "second")
    ...     path.read_text(), sorted(p.name for p in Path(folder).iterdir())
    ('second', ['note.txt'])
    """
    write_files([(Path(path), data)])


def write_files(contents: Sequence[tuple[Path, str | bytes]]) -> None:
    """Write several files together: every one written out before any is put in place.

    Raises
    ------
    FileWriteError
        A file cannot be written; no target is changed unless the failure came while
        the files were being put in place, which only a rename can fail at.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in contents:
            target = _target(path)
            if _is_special(target):
                # A device or a pipe (/dev/null, /dev/stdout) is written to, not replaced.
                _write_special(target, data)
                continue
            staged.append((_stage(target, data), target))
        for temporary, target in staged:
            try:
                os.replace(temporary, target)
            except OSError as error:
                raise _failure(target, error) from None
        _sync_folders({target.parent for _, target in staged})
    finally:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def _target(path: Path) -> Path:
    """The file to replace: a symbolic link's target, so the link stays a link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _is_special(target: Path) -> bool:
    """Whether ``target`` exists and is neither a regular file nor a folder."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _stage(target: Path, data: str | bytes) -> Path:
    """A temporary file beside ``target`` holding ``data``, flushed to the disk."""
    if target.is_dir():
        raise FileWriteError(
            f"{target}: cannot be written, it is a folder. Give a file name.",
            filename=str(target),
        )
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _mode_of(target)
    while True:
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            # 0o666 less the umask, as for any new file, unless the target had its own.
            descriptor = os.open(temporary, _FLAGS, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise _failure(target, error) from None
        break
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _failure(target, error) from None
        raise
    return temporary


def _mode_of(target: Path) -> int | None:
    """The permission bits of an existing target, to keep them; None for a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return None


def _write_special(target: Path, data: str | bytes) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with target.open("wb") as stream:
            stream.write(payload)
    except OSError as error:
        raise _failure(target, error) from None


def _sync_folders(folders: set[Path]) -> None:
    """Flush the folders' entries, so the renames survive a power cut (where supported)."""
    for folder in folders:
        try:
            descriptor = os.open(folder, os.O_RDONLY)
        except OSError:
            continue  # Windows cannot open a folder; the rename is durable there already.
        try:
            os.fsync(descriptor)
        except OSError:
            pass
        finally:
            os.close(descriptor)


def _failure(target: Path, error: OSError) -> FileWriteError:
    reason = error.strerror or str(error) or type(error).__name__
    return FileWriteError(
        f"{target}: cannot be written ({reason}); a file already there is unchanged.",
        filename=str(target),
        errno=error.errno,
        strerror=error.strerror,
    )
