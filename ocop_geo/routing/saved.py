"""Named tours saved in the runtime database (SQLite by default, PostgreSQL by URL).

Only the request is stored (stops, mode, start, options) — the figures are recomputed when the
tour is loaded, with the router configured then. Names are unique; saving under an existing name
needs ``replace=True``, and the error says who saved the other tour and when.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.engine import Row

from ocop_geo.auth.guard import check
from ocop_geo.auth.permissions import User
from ocop_geo.database.named_rows import check_name, insert_named, list_named, rows_named
from ocop_geo.database.store import Store, StoreError, saved_routes
from ocop_geo.i18n import Message, MessageError
from ocop_geo.routing.request import RequestError, RouteRequest
from ocop_geo.routing.tour import MIN_STOPS

__all__ = ["SavedRoute", "delete_route", "list_routes", "load_route", "save_route"]


@dataclass(frozen=True)
class SavedRoute:
    """A saved tour: its name, request, who saved it and when (tz-aware UTC)."""

    id: int
    name: str
    request: RouteRequest
    saved_by: str
    saved_at: datetime


def save_route(
    store: Store,
    name: str,
    request: RouteRequest,
    *,
    saved_by: str,
    actor: User,
    replace: bool = False,
) -> SavedRoute:
    """Save ``request`` as ``name`` in one transaction, as ``actor`` (an editor or admin,
    checked in that transaction: :func:`~ocop_geo.auth.guard.authorize`).

    Raises
    ------
    ForbiddenError
        ``actor`` may not save tours (now).
    StoreError
        Empty or too long name/author, fewer than two stops, ``name`` exists and ``replace`` is
        false (the message says who saved it and when), or the database fails. Nothing is
        written then.
    """
    name = check_name("name", name)
    saved_by = check_name("saved_by", saved_by)
    if len(request.stop_ids) < MIN_STOPS:
        raise StoreError(Message("route.refused.two_stops", name=repr(name)))
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
    new_id = insert_named(
        store, saved_routes, row, what="tour", replace=replace, check=check(actor, "tours")
    )
    return SavedRoute(new_id, name, request, saved_by, row["saved_at"])


def list_routes(store: Store) -> list[SavedRoute]:
    """Every saved tour, newest first."""
    return [_saved(row) for row in list_named(store, saved_routes, what="tour")]


def load_route(store: Store, name: str) -> SavedRoute:
    """The tour saved as ``name``.

    Raises
    ------
    StoreError
        No tour has that name.
    """
    return _saved(rows_named(store, saved_routes, "tour", "reading", name)[0])


def delete_route(store: Store, name: str, *, actor: User) -> None:
    """Delete the tour saved as ``name``, as ``actor`` (an editor or admin, checked then).

    Raises
    ------
    ForbiddenError
        ``actor`` may not delete tours (now).
    StoreError
        No tour has that name.
    """
    rows_named(store, saved_routes, "tour", "deleting", name, check(actor, "tours"))


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
        detail = error.message if isinstance(error, MessageError) else str(error)
        damaged = Message(
            "routing.error.saved_damaged", name=repr(row.name), id=row.id, detail=detail
        )
        raise StoreError(damaged) from error
    saved_at = row.saved_at
    return SavedRoute(row.id, row.name, request, row.saved_by, saved_at)
