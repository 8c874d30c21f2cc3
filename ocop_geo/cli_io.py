"""Output helpers of the ``ocop-geo`` sub-commands: error lines and the result's destination.

Kept apart from :mod:`ocop_geo.cli` so that sub-command modules, which ``cli`` imports, can use
them without a circular import.
"""

from __future__ import annotations

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
    from ocop_geo.cli import write_atomically

    try:
        write_atomically(Path(path), output)
    except OSError as exc:
        return fail(f"error: cannot write {path}: {exc.strerror or exc}", 2)
    return 0
