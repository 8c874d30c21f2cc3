"""Named tours saved in the runtime database (SQLite by default, PostgreSQL by URL).

Only the request is stored (stops, mode, start, options) — the figures are recomputed when the
tour is loaded, with the router configured then. Names are unique; saving under an existing name
needs ``replace=True``, and the error says who saved the other tour and when.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Delete, Select, delete, exc, insert, select
from sqlalchemy.engine import Row

from ocop_geo.routing.request import RequestError, RouteRequest
from ocop_geo.store import Store, StoreError, saved_routes

#: Longest name a saved tour may have (characters).
MAX_NAME = 120


@dataclass(frozen=True)
class SavedRoute:
    """A saved tour: its name, request, who saved it and when (tz-aware UTC)."""

    id: int
    name: str
    request: RouteRequest
    saved_by: str
    saved_at: datetime


def save_route(
    store: Store, name: str, request: RouteRequest, *, saved_by: str, replace: bool = False
) -> SavedRoute:
    """Save ``request`` as ``name`` in one transaction.

    Raises
    ------
    StoreError
        Empty or too long name/author, fewer than two stops, ``name`` exists and ``replace`` is
        false (the message says who saved it and when), or the database fails. Nothing is
        written then.
    """
    name = _text("name", name)
    saved_by = _text("saved_by", saved_by)
    if len(request.stop_ids) < 2:
        msg = f"tour {name!r} was not saved: it needs at least two stops"
        raise StoreError(msg)
    row = {
        "name": name,
        "stop_ids": json.dumps(list(request.stop_ids)),
        "mode": request.mode,
        "start_min": request.start_min,
        "optimise": request.optimise,
        "round_trip": request.round_trip,
        "fixed_end": request.fixed_end,
        "respect_hours": request.respect_hours,
        "saved_by": saved_by,
        "saved_at": datetime.now(UTC),
    }
    try:
        with store.transaction(write=True) as conn:
            existing = conn.execute(
                select(saved_routes).where(saved_routes.c.name == name)
            ).one_or_none()
            if existing is not None:
                if not replace:
                    other = _saved(existing)
                    msg = (
                        f"a tour named {name!r} exists already (saved by {other.saved_by} on "
                        f"{other.saved_at:%Y-%m-%d %H:%M} UTC); choose another name or replace it"
                    )
                    raise StoreError(msg)
                conn.execute(delete(saved_routes).where(saved_routes.c.id == existing.id))
            new_id = conn.execute(insert(saved_routes).values(row)).inserted_primary_key[0]
    except exc.DBAPIError as error:
        raise store.error_for(f"saving tour {name!r}", error) from error
    return SavedRoute(new_id, name, request, saved_by, row["saved_at"])


def list_routes(store: Store) -> list[SavedRoute]:
    """Every saved tour, newest first."""
    query = select(saved_routes).order_by(saved_routes.c.saved_at.desc(), saved_routes.c.id.desc())
    try:
        with store.transaction() as conn:
            return [_saved(row) for row in conn.execute(query)]
    except exc.DBAPIError as error:
        raise store.error_for("listing saved tours", error) from error


def load_route(store: Store, name: str) -> SavedRoute:
    """The tour saved as ``name``.

    Raises
    ------
    StoreError
        No tour has that name.
    """
    return _saved(_execute(store, "reading", name, select(saved_routes))[0])


def delete_route(store: Store, name: str) -> None:
    """Delete the tour saved as ``name``.

    Raises
    ------
    StoreError
        No tour has that name.
    """
    _execute(store, "deleting", name, delete(saved_routes).returning(saved_routes.c.id))


def _execute(store: Store, action: str, name: str, statement: Select | Delete) -> list[Row]:
    """Run ``statement`` on the tour named ``name``; its rows, or a StoreError if there is none."""
    name = name.strip()
    try:
        with store.transaction(write=action != "reading") as conn:
            rows = conn.execute(statement.where(saved_routes.c.name == name)).all()
    except exc.DBAPIError as error:
        raise store.error_for(f"{action} tour {name!r}", error) from error
    if not rows:
        msg = f"there is no saved tour named {name!r}"
        raise StoreError(msg)
    return list(rows)


def _saved(row: Row) -> SavedRoute:
    try:
        request = RouteRequest(
            stop_ids=tuple(json.loads(row.stop_ids)),
            mode=row.mode,
            start_min=row.start_min,
            optimise=bool(row.optimise),
            round_trip=bool(row.round_trip),
            fixed_end=bool(row.fixed_end),
            respect_hours=bool(row.respect_hours),
        )
    except (RequestError, ValueError, TypeError) as error:
        msg = f"saved tour {row.name!r} (id {row.id}) is damaged: {error}"
        raise StoreError(msg) from error
    saved_at = row.saved_at
    return SavedRoute(row.id, row.name, request, row.saved_by, saved_at)


def _text(field: str, value: str) -> str:
    value = (value or "").strip()
    if not value:
        msg = f"{field} must not be empty"
        raise StoreError(msg)
    if len(value) > MAX_NAME:
        msg = f"{field} is {len(value)} characters long; at most {MAX_NAME}"
        raise StoreError(msg)
    return value
