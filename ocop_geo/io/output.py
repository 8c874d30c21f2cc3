"""Where a command's result goes: error lines on stderr, the output to stdout or written
atomically to a file. Used by every command group (beside its package) and the CLI entry."""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path


def fail(lines: str | Sequence[str], code: int) -> int:
    """Print ``lines`` (one string or several) on stderr; return the exit ``code``."""
    for line in [lines] if isinstance(lines, str) else lines:
        print(line, file=sys.stderr)
    return code


def deliver(output: bytes, path: str | None) -> int:
    """Write ``output`` to ``path`` atomically, or to stdout without one.

    Returns 0, or 2 (with the reason on stderr) when the file cannot be written.
    """
    if not path:
        sys.stdout.buffer.write(output)
        return 0
    try:
        write_atomically(Path(path), output)
    except OSError as exc:
        return fail(f"error: cannot write {path}: {exc.strerror or exc}", 2)
    return 0


class OutputError(OSError):
    """``-o FILE`` names something other than a regular file (nothing was written)."""


#: What ``-o`` refuses to replace, by the kind ``stat`` reports.
_NOT_REGULAR = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def check_output(path: Path) -> None:
    """Refuse an output path that exists and is not a regular file: a symbolic link (it is not
    followed, nor replaced), a FIFO, a device, a socket or a directory.

    Raises
    ------
    OutputError
        With a message that says what ``path`` is and what to do instead.
    """
    try:
        mode = path.lstat().st_mode  # lstat: a symbolic link is itself, not its target
    except FileNotFoundError:
        return
    except NotADirectoryError as exc:
        raise OutputError(exc.errno, "a folder on the way is a file") from exc
    for test, kind in _NOT_REGULAR:
        if test(mode):
            msg = (
                f"it is {kind}; -o replaces regular files only (to write elsewhere, leave -o "
                "out and redirect the standard output)"
            )
            raise OutputError(errno.EINVAL, msg)
    if not stat.S_ISREG(mode):  # pragma: no cover - every kind is listed above
        raise OutputError(errno.EINVAL, "it is not a regular file")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it: a failure never
    leaves a half-written file. Only a regular file is replaced (:func:`check_output`).

    Raises
    ------
    OutputError
        ``path`` is a symbolic link, a FIFO, a device, a socket or a directory.
    OSError
        The folder cannot be written.
    """
    check_output(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # same folder: rename is atomic
    try:
        with tmp.open("xb") as handle:  # the usual permissions (umask), unlike mkstemp's 0600
            handle.write(data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
