"""The tamper-evident checklist audit log: each row's hash chains it to the row before.

``row_hash`` = SHA-256 (hex) of the row's canonical serialisation — a compact JSON array of
``site_id, item_id, changed_by, changed_at`` (ISO 8601, UTC, microseconds), ``before``,
``after``, ``version_after`` and ``prev_hash`` (UTF-8) — and ``prev_hash`` is the previous row's
``row_hash`` (:data:`GENESIS`, 64 zeros, for the first row). Rows follow each other by ``id``.

:func:`append` writes a row: it takes the chain's lock (PostgreSQL: a transaction-level advisory
lock; SQLite's writers are serialised already by ``BEGIN IMMEDIATE``), reads the newest hash and
inserts. Call :func:`lock` first thing in any transaction that will append, so that writers queue
before they take row locks (no lock-order deadlock) and ids grow in commit order.

:func:`verify` recomputes the chain and names every row that was edited (content no longer
matches its hash), deleted, inserted or reordered (a row whose ``prev_hash`` is not its
predecessor's hash) or forged (a row with a wrong hash); it also checks that each
``checklist_state`` row is what its newest audit row says (the state table itself is not
append-only, so an edit made past the log shows there). What a chain cannot see on its own: a
forger who rewrites every later hash too, or removes rows from the end. Against both, record the
newest row's id and hash (``ocop-geo db verify`` prints them) outside the database and check them
later (``--anchor ID:HASH``).

The database itself refuses UPDATE, DELETE, TRUNCATE and SQLite's ``INSERT OR REPLACE`` on the
table (:data:`GUARDS`, created by revision 0008);
:meth:`~ocop_geo.database.store.Store.restore` lifts them for its own transaction only
(:func:`guards_lifted`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from ocop_geo.database.tables import checklist_audit, checklist_state

__all__ = [
    "GENESIS",
    "GUARDS",
    "ChainReport",
    "append",
    "create_guards",
    "drop_guards",
    "guards_lifted",
    "lock",
    "row_hash",
    "verify",
]

#: ``prev_hash`` of the first row.
GENESIS = "0" * 64
#: PostgreSQL advisory lock key held while appending ("AUDITLOG" in ASCII).
_CHAIN_LOCK = 0x41554449544C4F47
#: The fields a row's hash covers, in order (``prev_hash`` last).
FIELDS = ("site_id", "item_id", "changed_by", "changed_at", "before", "after", "version_after")
_MESSAGE = "checklist_audit is append-only: its rows cannot be changed, replaced or deleted"

#: name → CREATE statements of the database's guards, per dialect.
GUARDS: dict[str, dict[str, list[str]]] = {
    "sqlite": {
        name: [
            f"CREATE TRIGGER checklist_audit_{name} BEFORE {event} ON checklist_audit{when} "
            f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
        ]
        for name, event, when in (
            ("no_update", "UPDATE", ""),
            ("no_delete", "DELETE", ""),
            # INSERT OR REPLACE deletes the old row without firing DELETE triggers (unless
            # recursive_triggers is on): refuse an insert whose id is taken before that happens.
            (
                "no_replace",
                "INSERT",
                " WHEN EXISTS (SELECT 1 FROM checklist_audit WHERE id = NEW.id)",
            ),
        )
    },
    "postgresql": {
        "function": [
            "CREATE FUNCTION checklist_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION USING MESSAGE = '{_MESSAGE} (' || TG_OP || ')', "
            "ERRCODE = 'raise_exception'; END $$"
        ],
        **{
            name: [
                f"CREATE TRIGGER checklist_audit_{name} BEFORE {event} ON checklist_audit "
                f"FOR EACH {each} EXECUTE FUNCTION checklist_audit_append_only()"
            ]
            for name, event, each in (
                ("no_update", "UPDATE", "ROW"),
                ("no_delete", "DELETE", "ROW"),
                ("no_truncate", "TRUNCATE", "STATEMENT"),
            )
        },
    },
}


@dataclass
class ChainReport:
    """What :func:`verify` found: the rows read, the newest row's id and hash, the problems."""

    rows: int = 0
    head_id: int | None = None
    head_hash: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def row_hash(row: Mapping[str, Any], prev_hash: str) -> str:
    """The SHA-256 (hex) of ``row`` (the :data:`FIELDS`) chained to ``prev_hash``."""
    values = [row[name] for name in FIELDS]
    values[3] = _instant(values[3])
    text = json.dumps([*values, prev_hash], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def lock(conn: Connection) -> None:
    """Queue for the right to append (PostgreSQL; a no-op on SQLite, whose writers queue in
    ``BEGIN IMMEDIATE``). Held until the transaction ends."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_CHAIN_LOCK)))


def append(conn: Connection, row: Mapping[str, Any]) -> str:
    """Append one audit row (the :data:`FIELDS`), chained to the newest; returns its hash."""
    lock(conn)
    c = checklist_audit.c
    prev = conn.execute(select(c.row_hash).order_by(c.id.desc()).limit(1)).scalar_one_or_none()
    prev = prev or GENESIS
    digest = row_hash(row, prev)
    conn.execute(insert(checklist_audit), {**row, "prev_hash": prev, "row_hash": digest})
    return digest


def verify(conn: Connection, anchors: Iterable[tuple[int, str]] = ()) -> ChainReport:
    """Recompute the chain of every row, oldest first; ``anchors`` are (id, hash) pairs recorded
    earlier that must still hold."""
    report = ChainReport()
    expected, previous_id = GENESIS, None
    hashes: dict[int, str] = {}
    wanted = dict(anchors)
    rows = conn.execution_options(yield_per=5_000).execute(
        select(checklist_audit).order_by(checklist_audit.c.id)
    )
    newest: dict[tuple[str, str], Mapping[str, Any]] = {}
    for row in rows.mappings():
        report.rows += 1
        rid = row["id"]
        newest[row["site_id"], row["item_id"]] = row
        where = f"audit row {rid} ({row['site_id']}/{row['item_id']} v{row['version_after']})"
        if row["prev_hash"] != expected:
            after = f"row {previous_id}" if previous_id is not None else "the start of the log"
            report.problems.append(
                f"{where} does not follow {after}: a row was deleted, inserted or reordered "
                "there, or the rows before it were re-hashed"
            )
        if row["row_hash"] != row_hash(row, row["prev_hash"] or ""):
            report.problems.append(
                f"{where} does not match its hash: it was edited, or forged with a wrong hash"
            )
        if rid in wanted:
            hashes[rid] = row["row_hash"]
        expected, previous_id = row["row_hash"], rid
    report.head_id, report.head_hash = previous_id, expected
    report.problems.extend(_state_problems(conn, newest))
    for rid, digest in wanted.items():
        if rid not in hashes:
            report.problems.append(f"anchor {rid}: audit row {rid} is missing (deleted)")
        elif hashes[rid] != digest:
            report.problems.append(
                f"anchor {rid}: audit row {rid} now has hash {hashes[rid]}, not the {digest} "
                "recorded: the log was rewritten from there on"
            )
    return report


def _state_problems(
    conn: Connection, newest: Mapping[tuple[str, str], Mapping[str, Any]]
) -> Iterator[str]:
    """Each ``checklist_state`` row must be what its newest audit row says it became (the state
    table is not append-only: an edit past the log shows here)."""
    for state in conn.execute(select(checklist_state)).mappings():
        where = f"checklist state {state['site_id']}/{state['item_id']} (v{state['version']})"
        row = newest.get((state["site_id"], state["item_id"]))
        if row is None:
            yield f"{where} has no audit row: it was written past the audit log"
            continue
        logged = json.loads(row["after"])
        fields = [
            name
            for name, value in state.items()
            if name in logged and _plain(value) != logged[name]
        ]
        if row["version_after"] != state["version"] or fields:
            changed = ", ".join(fields) or "version"
            yield (
                f"{where} differs from its newest audit row {row['id']} ({changed}): it was "
                "changed past the audit log"
            )


def _plain(value: Any) -> Any:
    """A state column as the audit row's JSON holds it (dates and times in ISO 8601)."""
    return value.isoformat() if isinstance(value, date) else value


def create_guards(conn: Connection) -> None:
    """Create the triggers that refuse UPDATE, DELETE (and TRUNCATE, INSERT OR REPLACE)."""
    for statements in GUARDS[conn.dialect.name].values():
        for statement in statements:
            conn.exec_driver_sql(statement)


def drop_guards(conn: Connection) -> None:
    """Drop the triggers :func:`create_guards` made (and those of revision 0004)."""
    for name in GUARDS[conn.dialect.name]:
        if name == "function":
            continue
        on = " ON checklist_audit" if conn.dialect.name == "postgresql" else ""
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS checklist_audit_{name}{on}")
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS checklist_audit_append_only()")


@contextmanager
def guards_lifted(conn: Connection) -> Iterator[None]:
    """Within this transaction only, allow deleting audit rows (``Store.restore``); the guards
    are back before it commits (or, on error, never left: the DROP is rolled back too)."""
    drop_guards(conn)
    yield
    create_guards(conn)


def _instant(value: datetime | str) -> str:
    if isinstance(value, str):  # already serialised
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")
