"""Validation of checklist writes (private to :mod:`ocop_geo.readiness.store`).

Every function raises :class:`ReadinessError` with a message naming the field; nothing here
touches the database.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from contextlib import suppress
from datetime import date, datetime
from typing import Any, NoReturn
from urllib.parse import urlsplit

from ocop_geo.database.named_rows import check_name, text_message
from ocop_geo.database.store import StoreError
from ocop_geo.i18n import Message, MessageError
from ocop_geo.text import text_problem

#: The statuses a checklist item may have ("unknown" is also what a missing row means).
STATUSES = ("not_started", "in_progress", "done", "not_applicable", "blocked", "unknown")
#: Longest note (characters).
MAX_NOTE = 2_000
#: Longest evidence URL (characters).
MAX_URL = 2_000
#: The range an evidence date must fall in: from the year before the plan (2019, the first OCOP
#: rating round in Hanoi) to the last day the readiness page can show (status.LAST_DAY).
FIRST_EVIDENCE, LAST_EVIDENCE = date(2019, 1, 1), date(2035, 12, 31)


class ReadinessError(MessageError, ValueError):
    """A checklist write was refused; the message names the field and nothing was written.

    ``reason`` is the message without the field's name and value (e.g. ``"is not one of …"``),
    in English, for a caller that names them itself (the check of ``data/criteria.yaml``).
    """

    def __init__(self, message: Message | str, *, reason: Message | str | None = None) -> None:
        super().__init__(message)
        reason = reason if reason is not None else message
        self.reason = reason.render("en") if isinstance(reason, Message) else reason


#: The fields a refusal names, as its message names them.
_FIELDS = {
    "status": "ready.refused.status",
    "note": "ready.refused.note",
    "evidence_url": "ready.refused.evidence_url",
    "evidence_date": "ready.refused.evidence_date",
}


def _refuse(field: str, value: str | None, reason: Message) -> NoReturn:
    """Raise ReadinessError "<field> <value> <reason>" (no value when ``value`` is None)."""
    shown = "" if value is None else f" {value}"
    message = Message("ready.refused", field=Message(_FIELDS[field]), value=shown, reason=reason)
    raise ReadinessError(message, reason=reason)


def check_item(site_id: str, item_id: str, known_items: Mapping[str, Collection[str]]) -> None:
    """Raise ReadinessError unless ``item_id`` is an item of the known site ``site_id``."""
    if site_id not in known_items:
        known = ", ".join(sorted(known_items)) or Message("ready.error.none")
        raise ReadinessError(Message("ready.error.unknown_site", site=repr(site_id), known=known))
    if item_id not in known_items[site_id]:
        message = Message("ready.error.unknown_item", item=repr(item_id), site=repr(site_id))
        raise ReadinessError(message)


def check_author(by: str) -> str:
    """``by`` stripped; raise ReadinessError when it is empty or too long."""
    try:
        return check_name("by", by)
    except StoreError as error:
        raise ReadinessError(error.message) from error


def check_version(expected_version: int) -> int:
    """Raise ReadinessError unless ``expected_version`` is an integer ≥ 0."""
    if isinstance(expected_version, bool) or not isinstance(expected_version, int):
        msg = f"expected_version must be an integer, not {expected_version!r}"
        raise ReadinessError(msg)
    if expected_version < 0:
        raise ReadinessError(Message("ready.error.version", version=expected_version))
    return expected_version


def check_status(status: Any) -> str:
    """Raise ReadinessError unless ``status`` is one of :data:`STATUSES`."""
    if status not in STATUSES:
        _refuse("status", repr(status), Message("ready.reason.status", choices=", ".join(STATUSES)))
    return status


def check_note(note: Any) -> str:
    """``note`` unchanged (HTML is stored as text); raise ReadinessError when too long."""
    if not isinstance(note, str):
        _refuse("note", None, Message("ready.reason.not_text", type=type(note).__name__))
    if len(note) > MAX_NOTE:
        _refuse("note", None, Message("ready.reason.too_long", n=len(note), most=MAX_NOTE))
    if (problem := text_message(note)) is not None:
        _refuse("note", None, problem)
    return note


def check_url(url: Any) -> str | None:
    """An http(s) URL stripped, or None for ``None``/``""``; raise ReadinessError otherwise.

    The URL needs a host, at most :data:`MAX_URL` characters and no spaces or control characters.
    """
    if url is None:
        return None
    if not isinstance(url, str):
        _refuse("evidence_url", None, Message("ready.reason.not_text", type=type(url).__name__))
    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError as error:
        _refuse("evidence_url", repr(url[:80]), Message("ready.reason.bad_url", error=str(error)))
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        _refuse("evidence_url", repr(url[:80]), Message("ready.reason.url_scheme"))
    if "@" in parts.netloc:  # https://gov.vn@evil.example goes to evil.example
        _refuse("evidence_url", repr(url[:80]), Message("ready.reason.url_user"))
    if len(url) > MAX_URL or any(c.isspace() or text_problem(c) for c in url):
        _refuse("evidence_url", repr(url[:80]), Message("ready.reason.url_long", most=MAX_URL))
    return url


def check_date(value: Any) -> date | None:
    """A date from a ``date`` or ``"YYYY-MM-DD"`` between :data:`FIRST_EVIDENCE` and
    :data:`LAST_EVIDENCE`; None for ``None``/``""``.

    Raises ReadinessError for anything else (a datetime, a malformed or impossible date, a
    date outside that range).
    """
    if value is None or value == "":
        return None
    found = None
    if isinstance(value, date) and not isinstance(value, datetime):
        found = value
    elif isinstance(value, str) and len(value.strip()) == 10:  # not 20241201 or 2024-W48
        with suppress(ValueError):
            found = date.fromisoformat(value.strip())
    if found is None:
        _refuse("evidence_date", repr(value), Message("ready.reason.not_date"))
    if not FIRST_EVIDENCE <= found <= LAST_EVIDENCE:
        reason = Message(
            "ready.reason.date_range", first=str(FIRST_EVIDENCE), last=str(LAST_EVIDENCE)
        )
        _refuse("evidence_date", repr(str(found)), reason)
    return found
