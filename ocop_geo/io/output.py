"""Where a command's result goes: error lines on stderr, the output to stdout or written
atomically to a file. Used by every command group (beside its package) and the CLI entry."""

from __future__ import annotations

import os
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


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it: a failure never
    leaves a half-written file (raises OSError when the folder cannot be written)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # same folder: rename is atomic
    try:
        with tmp.open("xb") as handle:  # the usual permissions (umask), unlike mkstemp's 0600
            handle.write(data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
