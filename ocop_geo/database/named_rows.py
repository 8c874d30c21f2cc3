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
from ocop_geo.i18n import Message
from ocop_geo.text import forbidden_character

#: Longest name or author a saved row may have (characters).
MAX_NAME = 120

#: Called with the write's connection before anything is written; raises to refuse the write
#: (the authorization check of the caller's package).
Check = Callable[[Connection], object]


#: The fields :func:`check_name` checks, as their messages name them.
FIELDS = {
    "name": "store.field.name",
    "saved_by": "store.field.saved_by",
    "imported_by": "store.field.imported_by",
    "by": "store.field.by",
    "--name": "store.field.cli_name",
}
#: What :func:`insert_named` and :func:`rows_named` store, as their messages name it.
WHATS = {
    "tour": "store.what.tour",
    "candidate set": "store.what.candidate_set",
    "registry import": "store.what.registry_import",
}


def _named(word: str, names: dict[str, str]) -> Message | str:
    return Message(names[word]) if word in names else word


def text_message(value: str) -> Message | None:
    """Why ``value`` may not be stored (:func:`~ocop_geo.text.forbidden_character`), or None."""
    found = forbidden_character(value)
    if found is None:
        return None
    surrogate, code, position = found
    key = "text.lone_surrogate" if surrogate else "text.control_character"
    return Message(key, code=code, position=position)


def check_name(field: str, value: object) -> str:
    """``value`` stripped. Raises StoreError when it is empty (or not text), longer than
    :data:`MAX_NAME` or holds a control character or a lone surrogate
    (:func:`~ocop_geo.text.text_problem`); the message names ``field`` (a key of
    :data:`FIELDS`)."""
    value = value.strip() if isinstance(value, str) else ""
    named = _named(field, FIELDS)
    if not value:
        raise StoreError(Message("store.name_empty", field=named))
    if len(value) > MAX_NAME:
        raise StoreError(Message("store.name_long", field=named, n=len(value), most=MAX_NAME))
    if (problem := text_message(value)) is not None:
        raise StoreError(Message("store.name_text", field=named, problem=problem))
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
                    raise StoreError(
                        Message(
                            "store.name_taken",
                            what=_named(what, WHATS),
                            name=repr(name),
                            by=existing.saved_by,
                            at=f"{existing.saved_at:%Y-%m-%d %H:%M}",
                        )
                    )
                conn.execute(delete(table).where(table.c.id == existing.id))
            return conn.execute(insert(table).values(row)).inserted_primary_key[0]
    except exc.DBAPIError as error:
        saving = Message("store.action.save", what=_named(what, WHATS), name=repr(name))
        raise store.error_for(saving, error) from error


def list_named(store: Store, table: Table, *, what: str) -> list[Row]:
    """Every row of ``table``, newest first (``what`` names the rows in an error)."""
    query = select(table).order_by(table.c.saved_at.desc(), table.c.id.desc())
    try:
        with store.transaction() as conn:
            return list(conn.execute(query))
    except exc.DBAPIError as error:
        listing = Message("store.action.list", what=_named(what, WHATS))
        raise store.error_for(listing, error) from error


#: What :func:`rows_named` does, as its messages name it.
_ACTIONS = {"reading": "store.action.read", "deleting": "store.action.delete"}


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
    if action not in _ACTIONS:
        msg = f"unknown action {action!r}: expected one of {', '.join(_ACTIONS)}"
        raise ValueError(msg)
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
        doing = Message(_ACTIONS[action], what=_named(what, WHATS), name=repr(name))
        raise store.error_for(doing, error) from error
    if not rows:
        raise StoreError(Message("store.no_such_name", what=_named(what, WHATS), name=repr(name)))
    return list(rows)
