"""The records of the readiness checklist store: item states, changes, audit entries, conflicts.

See :mod:`ocop_geo.readiness.store` for the functions that read and write them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ocop_geo.readiness._checks import ReadinessError

__all__ = ["AuditEntry", "Change", "ConflictError", "ItemState", "Seed"]

#: (site_id, item_id, status, note, evidence_url, evidence_date) of a known outcome.
Seed = tuple[str, str, str, str, str | None, date | str | None]


@dataclass(frozen=True)
class ItemState:
    """The state of one checklist item at one site; version 0 means "nothing saved yet"."""

    site_id: str
    item_id: str
    status: str = "unknown"
    note: str = ""
    evidence_url: str | None = None
    evidence_date: date | None = None
    updated_by: str | None = None
    updated_at: datetime | None = None  # tz-aware UTC
    version: int = 0

    def as_json(self) -> str:
        """The state as a JSON object (without site and item), as kept in the audit log."""
        data = dict(vars(self))
        del data["site_id"], data["item_id"]
        for key in ("evidence_date", "updated_at"):
            data[key] = data[key] and data[key].isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Change:
    """What to change; ``None`` keeps a field, ``""`` clears the evidence URL or date."""

    status: str | None = None
    note: str | None = None
    evidence_url: str | None = None
    evidence_date: date | str | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One write: who, when (tz-aware UTC), the state before (None for the first) and after.

    ``changes`` maps each field the write changed to its (old, new) value; ``row_hash`` and
    ``prev_hash`` chain the row to the one before (:mod:`ocop_geo.database.audit_chain`).
    """

    id: int
    site_id: str
    item_id: str
    changed_by: str
    changed_at: datetime
    before: dict[str, Any] | None
    after: dict[str, Any]
    version_after: int
    prev_hash: str = ""
    row_hash: str = ""
    changes: dict[str, tuple[Any, Any]] = field(init=False)

    def __post_init__(self) -> None:
        old = self.before or {"status": "unknown", "note": ""}  # what no state means
        diff = {k: (old.get(k), v) for k, v in self.after.items() if old.get(k) != v}
        for key in ("updated_by", "updated_at", "version"):
            diff.pop(key, None)
        object.__setattr__(self, "changes", diff)


class ConflictError(ReadinessError):
    """Someone saved the item after the version the write was based on.

    ``current`` is the stored state now (who, when, status, note); nothing was written.
    """

    def __init__(self, current: ItemState, expected_version: int) -> None:
        self.current = current
        self.expected_version = expected_version
        where = f"{current.site_id}/{current.item_id}"
        if current.version == 0:
            told = f"{where} has no saved state any more (you edited version {expected_version})"
        else:
            note = current.note if len(current.note) <= 80 else current.note[:79] + "…"
            told = (
                f"{where} was changed by {current.updated_by} on "
                f"{current.updated_at:%Y-%m-%d %H:%M} UTC (status {current.status}, note "
                f"{note!r}; now version {current.version}, you edited version {expected_version})"
            )
        super().__init__(f"{told}: your change was not saved; review theirs and apply yours again")
