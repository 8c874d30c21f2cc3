"""Output helpers of the ``ocop-geo`` sub-commands: error lines and the result's destination.

Kept apart from :mod:`ocop_geo.cli` so that sub-command modules, which ``cli`` imports, can use
them without a circular import.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ocop_geo.config import Settings
    from ocop_geo.store import Store

#: A database sub-command's work: the migrated store and the arguments in, the report out.
StoreAction = Callable[["Store", argparse.Namespace], str]


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


def open_store(settings: Settings | None = None) -> Store:
    """The runtime database of ``settings`` (default: the environment's ``OCOP_DATABASE_URL``;
    SQLite under var/)."""
    from ocop_geo.config import Settings
    from ocop_geo.store import Store  # imported lazily: only the database commands need it

    return Store.from_url((settings or Settings.from_env()).database_url)


def store_command(
    action: StoreAction,
    *,
    upgrade: bool = True,
    usage_errors: Callable[[], tuple[type[Exception], ...]] = tuple,
) -> Callable[[argparse.Namespace], int]:
    """A database sub-command: open the store (migrated first unless ``upgrade`` is false), run
    ``action`` and print its report (if any).

    Every failure is a message, never a traceback: the errors ``usage_errors()`` returns (what
    the user typed is wrong; a function, so that the command's modules load only when it runs)
    exit with 2; a :class:`~ocop_geo.store.StoreError` (the database cannot be opened,
    migrated or written) or a :class:`~ocop_geo.validate.DataError` (the committed data is bad)
    exit with 1.
    """

    def run(args: argparse.Namespace) -> int:
        from ocop_geo.store import StoreError
        from ocop_geo.validate import DataError

        usage = usage_errors()
        try:
            store = open_store()
            if upgrade:
                store.upgrade()
            report = action(store, args)
        except StoreError as exc:
            return fail(f"error: {exc}", 1)
        except DataError as exc:
            return fail([str(p) for p in exc.problems], 1)
        except usage as exc:
            return fail(f"error: {exc}", 2)
        if report:
            print(report)
        return 0

    return run
