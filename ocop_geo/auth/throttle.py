"""A growing delay per log-in name after failed log-ins: slows guessing, never locks anyone out.

Why not a lock-out: a lock refuses the right password too, so anyone who knows a username can
keep that account locked for ever by failing on purpose now and then (5 failures every 15
minutes kept the admin out). Here nothing is ever refused unchecked. After
:data:`FREE_FAILURES` failures in a row, the next attempt on the same name *waits* before its
password is checked: :data:`BASE_SECONDS`, doubled with every further failure, at most
:data:`MAX_DELAY_SECONDS`. The wait counts from the last failure, so it is never longer than
:data:`MAX_DELAY_SECONDS` whatever others do meanwhile, and every attempt that has waited is
checked: the right password always gets in, at worst one capped wait later. A success, ``ocop-geo
users unlock`` and ``ocop-geo users set-password`` clear the count; failures older than
:data:`FORGET_AFTER` are forgotten.

What it does and does not stop: one client guessing one account gets one guess per
:data:`MAX_DELAY_SECONDS` once the delay is at its cap (1,440 a day instead of thousands a
second). A client that holds many connections at once waits in each of them, so its rate is its
number of concurrent connections per cap; limit connections per client address in front of the
app (docs/deploy.md's nginx example does) and keep the password rule (10+ characters).

The count is kept per *name tried*, not per account: an unknown username is slowed down exactly
like a known one, so the delay does not tell which accounts exist (see ``authenticate``). Names
are stored as SHA-256 digests of the lower-cased name, never as typed: people sometimes type a
password into the username field. Kept in the database, the count is the same on every app
server.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from ocop_geo.database.store import login_throttle

__all__ = [
    "BASE_SECONDS",
    "FORGET_AFTER",
    "FREE_FAILURES",
    "MAX_DELAY_SECONDS",
    "clear",
    "delay_after",
    "failures",
    "name_key",
    "record_failure",
    "wait_for",
]

#: Failures in a row answered without any wait (typos).
FREE_FAILURES = 3
#: The first wait (seconds), after :data:`FREE_FAILURES` failures; doubled with each failure.
BASE_SECONDS = 1.0
#: The longest wait (seconds): the most a right password is ever held up.
MAX_DELAY_SECONDS = 60.0
#: Failures this long ago (since the last one) are forgotten.
FORGET_AFTER = timedelta(hours=24)


def name_key(username: str) -> str:
    """The key of a name tried: SHA-256 (hex) of the name stripped and lower-cased, the same
    form :func:`~ocop_geo.auth._rows.normalise_username` gives (an invalid name gets a key too).
    """
    folded = (username or "").strip().lower()
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


def delay_after(count: int) -> float:
    """Seconds the next attempt waits after ``count`` failures in a row (0 up to
    :data:`FREE_FAILURES`, then 1, 2, 4, … up to :data:`MAX_DELAY_SECONDS`)."""
    if count < FREE_FAILURES:
        return 0.0
    return min(BASE_SECONDS * 2.0 ** min(count - FREE_FAILURES, 64), MAX_DELAY_SECONDS)


def _row(conn: Connection, key: str, now: datetime) -> tuple[int, datetime] | None:
    row = conn.execute(
        select(login_throttle.c.failures, login_throttle.c.last_failure).where(
            login_throttle.c.name_key == key
        )
    ).one_or_none()
    if row is None or now - row.last_failure >= FORGET_AFTER:
        return None
    return row.failures, row.last_failure


def failures(conn: Connection, key: str, now: datetime) -> int:
    """The failures in a row counted for ``key`` (0 when none, or forgotten)."""
    row = _row(conn, key, now)
    return 0 if row is None else row[0]


def wait_for(conn: Connection, key: str, now: datetime) -> float:
    """Seconds an attempt on ``key`` made at ``now`` waits before its password is checked
    (at most :data:`MAX_DELAY_SECONDS`)."""
    row = _row(conn, key, now)
    if row is None:
        return 0.0
    count, last = row
    ready = last + timedelta(seconds=delay_after(count))
    # Capped again: another app server's clock may run ahead of this one's.
    return min(max(0.0, (ready - now).total_seconds()), MAX_DELAY_SECONDS)


def record_failure(conn: Connection, key: str, now: datetime) -> None:
    """Count one failure for ``key`` at ``now`` (from 1 when earlier ones are forgotten), in one
    statement so that concurrent failures all count; forget every name's old failures."""
    conn.execute(delete(login_throttle).where(login_throttle.c.last_failure <= now - FORGET_AFTER))
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    statement = dialect.insert(login_throttle).values(name_key=key, failures=1, last_failure=now)
    statement = statement.on_conflict_do_update(
        index_elements=[login_throttle.c.name_key],
        set_={"failures": login_throttle.c.failures + 1, "last_failure": now},
    )
    conn.execute(statement)


def clear(conn: Connection, key: str) -> None:
    """Forget the failures of ``key`` (a success, an unlock or a new password)."""
    conn.execute(delete(login_throttle).where(login_throttle.c.name_key == key))
