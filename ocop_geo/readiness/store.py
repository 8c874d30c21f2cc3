"""Checklist state per (site, item) in the runtime database, with an append-only audit log.

Optimistic locking: every write names the version it was based on (``expected_version``, 0 when
the item has no state yet) and succeeds only if the stored version is still that one; otherwise
:class:`ConflictError` says whose change came first. Nobody's change is overwritten silently.
Each write and its audit row are one transaction: both are saved or neither.

What the database enforces: the status list, ``version >= 1``, notes of at most 2,000 characters,
one row per (site, item), and no UPDATE, DELETE or INSERT OR REPLACE of ``checklist_audit``
(triggers). Each audit row's hash chains it to the one before (:mod:`ocop_geo.database.audit_chain`;
``ocop-geo db verify`` checks the chain).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import exc, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Row

from ocop_geo.auth.guard import authorize
from ocop_geo.auth.permissions import User
from ocop_geo.database import audit_chain
from ocop_geo.database.store import Store, checklist_audit, checklist_state
from ocop_geo.i18n import Message
from ocop_geo.readiness import _checks
from ocop_geo.readiness._checks import MAX_NOTE, STATUSES, ReadinessError
from ocop_geo.readiness._rows import append_audit, read_state, write_state
from ocop_geo.readiness.records import AuditEntry, Change, ConflictError, ItemState, Seed

__all__ = [
    "MAX_NOTE",
    "STATUSES",
    "AuditEntry",
    "Change",
    "ConflictError",
    "ItemState",
    "ReadinessError",
    "Seed",
    "history",
    "load_item",
    "load_states",
    "seed_evidence",
    "update_item",
]


def load_states(store: Store, site_id: str | None = None) -> dict[tuple[str, str], ItemState]:
    """Every saved state (of one site, if given), keyed by (site_id, item_id).

    A missing key means the item has no state: status "unknown", version 0 (``ItemState(s, i)``).

    Raises
    ------
    StoreError
        If the database fails.
    """
    query = select(checklist_state)
    if site_id is not None:
        query = query.where(checklist_state.c.site_id == site_id)
    try:
        with store.transaction() as conn:
            rows = conn.execute(query).all()
    except exc.DBAPIError as error:
        raise store.error_for(Message("ready.action.read_checklist"), error) from error
    return {(row.site_id, row.item_id): ItemState(**row._asdict()) for row in rows}


def load_item(store: Store, site_id: str, item_id: str) -> ItemState:
    """The state of one item (version 0, "unknown" when none is saved).

    Raises
    ------
    StoreError
        If the database fails.
    """
    try:
        with store.transaction() as conn:
            return read_state(conn, site_id, item_id)
    except exc.DBAPIError as error:
        reading = Message("ready.action.read_item", item=f"{site_id}/{item_id}")
        raise store.error_for(reading, error) from error


def update_item(
    store: Store,
    site_id: str,
    item_id: str,
    change: Change,
    *,
    expected_version: int,
    by: str,
    actor: User,
    known_items: Mapping[str, Collection[str]],
    check: Callable[[Connection], object] | None = None,
) -> ItemState:
    """Apply ``change`` to one item if it is still at ``expected_version``; returns the new state.

    ``actor`` must be an admin or an editor assigned ``site_id`` *now*: the account is read
    again in the writing transaction (:func:`~ocop_geo.auth.guard.authorize`), so a demotion
    or an unassignment stops the next save even from a form opened before it. A caller with
    another rule (a plan task: its lead agency) passes it as ``check``
    (:func:`~ocop_geo.auth.guard.check`), which then runs in that transaction instead.

    ``known_items`` maps each site id to its checklist item ids. A note is stored exactly as
    given (HTML included: escaping is the UI's job).

    Raises
    ------
    ForbiddenError
        ``actor`` may not edit ``site_id`` (now).
    ReadinessError
        Unknown site or item, invalid status, note over :data:`MAX_NOTE` characters, malformed
        evidence date, non-http(s) evidence URL, empty ``by``, or an empty ``change``.
    ConflictError
        The item was saved by someone else since ``expected_version`` (``.current`` says how).
    StoreError
        If the database fails. In every case nothing is written.
    """
    _checks.check_item(site_id, item_id, known_items)
    by = _checks.check_author(by)
    expected_version = _checks.check_version(expected_version)
    fields = _changed_fields(change)
    item = f"{site_id}/{item_id}"
    try:
        with store.transaction(write=True) as conn:
            audit_chain.lock(conn)  # before any row lock: writers queue in one order
            if check is None:
                authorize(conn, actor, "checklist", site_id)
            else:
                check(conn)
            before = read_state(conn, site_id, item_id)
            if before.version != expected_version:
                raise ConflictError(before, expected_version)
            after = replace(before, **fields, updated_by=by, updated_at=datetime.now(UTC),
                            version=before.version + 1)  # fmt: skip
            if not write_state(conn, before, after):
                raise _LostRace
            append_audit(conn, before, after)
    except (exc.IntegrityError, _LostRace) as error:  # a concurrent write came first
        current = load_item(store, site_id, item_id)
        if isinstance(error, _LostRace) or current.version != expected_version:
            raise ConflictError(current, expected_version) from error
        raise store.error_for(Message("ready.action.save", item=item), error) from error
    except exc.DBAPIError as error:
        raise store.error_for(Message("ready.action.save", item=item), error) from error
    return after


def history(
    store: Store, site_id: str | Collection[str], item_id: str | None = None
) -> list[AuditEntry]:
    """The audit log of one site or of several (``site_id`` a collection of ids), newest first.

    With ``item_id`` (one site only) the log of that item, by version.

    Raises
    ------
    StoreError
        If the database fails.
    """
    c = checklist_audit.c
    sites = [site_id] if isinstance(site_id, str) else list(site_id)
    query = select(checklist_audit).where(c.site_id.in_(sites))
    if item_id is None:
        query = query.order_by(c.changed_at.desc(), c.id.desc())
    else:  # versions order one item's writes even if app servers' clocks disagree
        query = query.where(c.item_id == item_id).order_by(c.version_after.desc())
    shown = site_id if isinstance(site_id, str) else ", ".join(sites)
    try:
        with store.transaction() as conn:
            rows = conn.execute(query).all() if sites else []
    except exc.DBAPIError as error:
        raise store.error_for(Message("ready.action.read_history", sites=shown), error) from error
    return [_audit_entry(row) for row in rows]


def seed_evidence(store: Store, seeds: Iterable[Seed], *, by: str = "seed") -> list[ItemState]:
    """Save known outcomes where an item has no state yet (idempotent); returns what was saved.

    Each seed is (site_id, item_id, status, note, evidence_url, evidence_date). Items that have
    a state (from a person or an earlier seeding) are left alone. One transaction.

    Raises
    ------
    ReadinessError
        A seed has an invalid field (nothing is written).
    StoreError
        If the database fails (nothing is written).
    """
    by = _checks.check_author(by)
    now = datetime.now(UTC)
    states = [_seed_state(seed, by, now) for seed in seeds]
    dialect = sqlite if store.is_sqlite else postgresql
    saved = []
    try:
        with store.transaction(write=True) as conn:
            audit_chain.lock(conn)
            for state in states:
                statement = dialect.insert(checklist_state).values(vars(state))
                statement = statement.on_conflict_do_nothing().returning(checklist_state.c.version)
                if conn.execute(statement).first() is not None:  # not there before
                    append_audit(conn, ItemState(state.site_id, state.item_id), state)
                    saved.append(state)
    except exc.DBAPIError as error:
        raise store.error_for(Message("ready.action.seed"), error) from error
    return saved


# -- helpers ----------------------------------------------------------------------------------


class _LostRace(Exception):  # noqa: N818 - private signal, never leaves update_item
    """The guarded UPDATE matched no row: another writer committed after our read."""


def _seed_state(seed: Seed, by: str, now: datetime) -> ItemState:
    site_id, item_id, status, note, url, day = seed
    return ItemState(
        site_id,
        item_id,
        status=_checks.check_status(status),
        note=_checks.check_note(note),
        evidence_url=_checks.check_url(url),
        evidence_date=_checks.check_date(day),
        updated_by=by,
        updated_at=now,
        version=1,
    )


def _audit_entry(row: Row) -> AuditEntry:
    before = json.loads(row.before) if row.before is not None else None
    return AuditEntry(**{**row._asdict(), "before": before, "after": json.loads(row.after)})


def _changed_fields(change: Change) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if change.status is not None:
        fields["status"] = _checks.check_status(change.status)
    if change.note is not None:
        fields["note"] = _checks.check_note(change.note)
    if change.evidence_url is not None:
        fields["evidence_url"] = _checks.check_url(change.evidence_url)
    if change.evidence_date is not None:
        fields["evidence_date"] = _checks.check_date(change.evidence_date)
    if not fields:
        raise ReadinessError(Message("ready.error.no_field"))
    return fields
