"""Named sets of candidate sites saved in the runtime database (table ``candidates``).

A set holds the points (name, lon, lat), the weights as the user set them and the "anywhere in
Hanoi" switch; distances and scores are recomputed when it is loaded. Names are unique; saving
under an existing name needs ``replace=True``, and the error says who saved the other set and when.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.engine import Row

from ocop_geo.auth.guard import check
from ocop_geo.auth.permissions import User
from ocop_geo.candidates.reader import Candidate, position_problems
from ocop_geo.candidates.weights import WeightError, normalise_weights
from ocop_geo.database.named_rows import (
    check_name,
    insert_named,
    list_named,
    rows_named,
    text_message,
)
from ocop_geo.database.store import Store, StoreError, candidate_sets
from ocop_geo.i18n import Message

#: What a set is called in messages.
WHAT = "candidate set"


@dataclass(frozen=True)
class SavedSet:
    """A saved set: its name, points, weights (as set), switch, who saved it and when (UTC)."""

    id: int
    name: str
    candidates: tuple[Candidate, ...]
    weights: dict[str, float]
    anywhere: bool
    saved_by: str
    saved_at: datetime


def save_set(
    store: Store,
    name: str,
    candidates: Sequence[Candidate],
    *,
    saved_by: str,
    actor: User,
    weights: Mapping[str, float] | None = None,
    anywhere: bool = False,
    replace: bool = False,
) -> SavedSet:
    """Save ``candidates`` (with ``weights`` and ``anywhere``) as ``name`` in one transaction,
    as ``actor`` (an editor or admin, checked in that transaction).

    Raises
    ------
    ForbiddenError
        ``actor`` may not save candidate sets (now).
    StoreError
        Empty or too long name/author, no candidates, repeated candidate names, a bad position or
        weight, ``name`` taken and ``replace`` false (the message says who saved it and when), or
        a database failure. Nothing is written then.
    """
    name, saved_by = check_name("name", name), check_name("saved_by", saved_by)
    _check(name, candidates, weights)
    row = {
        "name": name,
        "points": json.dumps(
            [{"name": c.name, "lon": c.lon, "lat": c.lat} for c in candidates], ensure_ascii=False
        ),
        "weights": json.dumps(dict(weights or {})),
        "anywhere": anywhere,
        "saved_by": saved_by,
        "saved_at": datetime.now(UTC),
    }
    new_id = insert_named(
        store, candidate_sets, row, what=WHAT, replace=replace, check=check(actor, "candidates")
    )
    return SavedSet(
        new_id, name, tuple(candidates), dict(weights or {}), anywhere, saved_by, row["saved_at"]
    )


def list_sets(store: Store) -> list[SavedSet]:
    """Every saved set, newest first."""
    return [_saved(row) for row in list_named(store, candidate_sets, what=WHAT)]


def load_set(store: Store, name: str) -> SavedSet:
    """The set saved as ``name``. Raises StoreError when no set has that name."""
    return _saved(rows_named(store, candidate_sets, WHAT, "reading", name)[0])


def delete_set(store: Store, name: str, *, actor: User) -> None:
    """Delete the set saved as ``name``, as ``actor`` (an editor or admin, checked then).

    Raises ForbiddenError when ``actor`` may not (now), StoreError when no set has that name.
    """
    rows_named(store, candidate_sets, WHAT, "deleting", name, check(actor, "candidates"))


def _check(name: str, candidates: Sequence[Candidate], weights: Mapping[str, float] | None) -> None:
    problems = [] if candidates else [Message("cand.error.no_candidates")]
    seen: set[str] = set()
    for c in candidates:
        if c.name.casefold() in seen:
            problems.append(Message("cand.error.name_repeated", name=repr(c.name)))
        seen.add(c.name.casefold())
        if (problem := text_message(c.name)) is not None:
            problems.append(Message("cand.error.name_text", name=repr(c.name), problem=problem))
        problems += [
            Message("cand.error.position", name=repr(c.name), problem=m)
            for _, m in position_problems(c.lat, c.lon)
        ]
    try:
        normalise_weights(weights)
    except WeightError as error:
        problems.append(error.message)
    if problems:
        raise StoreError(Message("cand.error.not_saved", name=repr(name), problems=problems))


def _saved(row: Row) -> SavedSet:
    try:
        points = tuple(
            Candidate(str(p["name"]), float(p["lon"]), float(p["lat"]))
            for p in json.loads(row.points)
        )
        weights = {str(k): float(v) for k, v in json.loads(row.weights).items()}
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        where = {"name": repr(row.name), "id": row.id, "error": str(error)}
        raise StoreError(Message("cand.error.damaged", **where)) from error
    return SavedSet(
        row.id, row.name, points, weights, bool(row.anywhere), row.saved_by, row.saved_at
    )
