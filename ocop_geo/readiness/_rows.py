"""Rows of the readiness checklist tables: writing transactions and the SQL statements
(private to :mod:`ocop_geo.readiness.store`; bound parameters only).
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, insert, select, update

from ocop_geo.database import audit_chain
from ocop_geo.database.store import checklist_state
from ocop_geo.readiness.records import ItemState

_C = checklist_state.c
_KEY = (_C.site_id == bindparam("key_site"), _C.item_id == bindparam("key_item"))
# Built once (statement construction costs more than executing one); values are bound per call.
_SELECT_ONE = select(checklist_state).where(*_KEY)
_INSERT_STATE = insert(checklist_state)
_UPDATE_STATE = update(checklist_state).where(*_KEY, _C.version == bindparam("expected"))


def read_state(conn: Connection, site_id: str, item_id: str) -> ItemState:
    """The stored state of one item, or version 0 ("unknown") when there is none."""
    row = conn.execute(_SELECT_ONE, {"key_site": site_id, "key_item": item_id}).one_or_none()
    return ItemState(site_id, item_id) if row is None else ItemState(**row._asdict())


def write_state(conn: Connection, before: ItemState, after: ItemState) -> bool:
    """INSERT the first state (the primary key refuses a second) or UPDATE the expected one.

    Returns False when the UPDATE found the item at another version than ``before.version``.
    """
    values = dict(vars(after))
    if before.version == 0:
        conn.execute(_INSERT_STATE, values)
        return True
    key = {"key_site": values.pop("site_id"), "key_item": values.pop("item_id")}
    return conn.execute(_UPDATE_STATE, {**values, **key, "expected": before.version}).rowcount == 1


def append_audit(conn: Connection, before: ItemState, after: ItemState) -> None:
    """Append the audit row of the write ``before`` → ``after`` (``before`` NULL at version 0),
    chained to the newest row (:func:`ocop_geo.database.audit_chain.append`)."""
    row = {
        "site_id": after.site_id,
        "item_id": after.item_id,
        "changed_by": after.updated_by,
        "changed_at": after.updated_at,
        "before": before.as_json() if before.version else None,
        "after": after.as_json(),
        "version_after": after.version,
    }
    audit_chain.append(conn, row)
