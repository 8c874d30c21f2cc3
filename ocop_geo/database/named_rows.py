"""Rows saved under a unique name with who saved them and when — the shared part of the saved
tours (:mod:`ocop_geo.routing.saved`) and the saved candidate sets
(:mod:`ocop_geo.candidates.saved`).

The table needs ``id``, ``name`` (unique), ``saved_by`` and ``saved_at`` (tz-aware UTC) columns.
Every database error becomes a :class:`~ocop_geo.database.store.StoreError` naming the action and
the row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, delete, exc, insert, select
from sqlalchemy.engine import Connection, Row

from ocop_geo.database.store import Store, StoreError
from ocop_geo.text import text_problem

#: Longest name or author a saved row may have (characters).
MAX_NAME = 120

#: Called with the write's connection before anything is written; raises to refuse the write
#: (the authorization check of the caller's package).
Check = Callable[[Connection], object]


def check_name(field: str, value: object) -> str:
    """``value`` stripped. Raises StoreError when it is empty (or not text), longer than
    :data:`MAX_NAME` or holds a control character or a lone surrogate
    (:func:`~ocop_geo.text.text_problem`); the message names ``field``."""
    value = value.strip() if isinstance(value, str) else ""
    if not value:
        msg = f"{field} must not be empty"
        raise StoreError(msg)
    if len(value) > MAX_NAME:
        msg = f"{field} is {len(value)} characters long; at most {MAX_NAME}"
        raise StoreError(msg)
    if (problem := text_problem(value)) is not None:
        msg = f"{field} {problem}"
        raise StoreError(msg)
    return value


def insert_named(
    store: Store, table: Table, row: dict[str, Any], *, what: str, replace: bool, check: Check
) -> int:
    """Insert ``row`` in one transaction; a row of the same name is replaced only if ``replace``.
    ``check`` runs first in that transaction (it refuses by raising a StoreError).

    Returns the new row's id.

    Raises
    ------
    StoreError
        The name is taken and ``replace`` is false (the message says who saved the other row and
        when), or the database fails; nothing is written then.
    """
    name = row["name"]
    try:
        with store.transaction(write=True) as conn:
            check(conn)
            existing = conn.execute(select(table).where(table.c.name == name)).one_or_none()
            if existing is not None:
                if not replace:
                    msg = (
                        f"a {what} named {name!r} exists already (saved by {existing.saved_by} "
                        f"on {existing.saved_at:%Y-%m-%d %H:%M} UTC); choose another name or "
                        "replace it"
                    )
                    raise StoreError(msg)
                conn.execute(delete(table).where(table.c.id == existing.id))
            return conn.execute(insert(table).values(row)).inserted_primary_key[0]
    except exc.DBAPIError as error:
        raise store.error_for(f"saving {what} {name!r}", error) from error


def list_named(store: Store, table: Table, *, what: str) -> list[Row]:
    """Every row of ``table``, newest first (``what`` names the rows in an error)."""
    query = select(table).order_by(table.c.saved_at.desc(), table.c.id.desc())
    try:
        with store.transaction() as conn:
            return list(conn.execute(query))
    except exc.DBAPIError as error:
        raise store.error_for(f"listing saved {what}s", error) from error


def rows_named(
    store: Store, table: Table, what: str, action: str, name: str, check: Check | None = None
) -> list[Row]:
    """Read (``action="reading"``) or delete (``"deleting"``, which needs ``check``: it runs
    first in the deleting transaction and refuses by raising a StoreError) the row named
    ``name``.

    Raises
    ------
    StoreError
        No row has that name, or the database fails.
    """
    name = name.strip()
    writing = action != "reading"
    if writing and check is None:
        msg = f"{action} {what} {name!r} needs an authorization check"
        raise StoreError(msg)
    statement = delete(table).returning(table.c.id) if writing else select(table)
    try:
        with store.transaction(write=writing) as conn:
            if check is not None:
                check(conn)
            rows = conn.execute(statement.where(table.c.name == name)).all()
    except exc.DBAPIError as error:
        raise store.error_for(f"{action} {what} {name!r}", error) from error
    if not rows:
        msg = f"there is no saved {what} named {name!r}"
        raise StoreError(msg)
    return list(rows)
