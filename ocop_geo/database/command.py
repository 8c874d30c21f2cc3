"""Database sub-commands of ``ocop-geo``: open the store (migrated) and report, never a
traceback."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from ocop_geo.io.output import fail

if TYPE_CHECKING:
    from ocop_geo.config import Settings
    from ocop_geo.database.store import Store

#: A database sub-command's work: the migrated store and the arguments in, the report out.
StoreAction = Callable[["Store", argparse.Namespace], str]


def open_store(settings: Settings | None = None) -> Store:
    """The runtime database of ``settings`` (default: the environment's ``OCOP_DATABASE_URL``;
    SQLite under var/)."""
    from ocop_geo.config import Settings
    from ocop_geo.database.store import Store  # imported lazily: only the database commands need it

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
    exit with 2; a :class:`~ocop_geo.database.store.StoreError` (the database cannot be opened,
    migrated or written) or a :class:`~ocop_geo.layers.validate.DataError` (the committed data is
    bad)
    exit with 1.
    """

    def run(args: argparse.Namespace) -> int:
        from ocop_geo.database.store import StoreError
        from ocop_geo.layers.validate import DataError

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
