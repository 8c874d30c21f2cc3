"""Log-in with a growing delay after failures (re-exported by :mod:`ocop_geo.auth.users`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Row

from ocop_geo.auth import passwords, throttle
from ocop_geo.auth._rows import AuthError, normalise_username, sites_of, transaction
from ocop_geo.auth.permissions import User
from ocop_geo.database.store import Store, users
from ocop_geo.i18n import Message


def authenticate(
    store: Store,
    username: str,
    password: str,
    *,
    now: datetime | None = None,
    sleep: Callable[[float], object] = time.sleep,
) -> User:
    """The user whose username and password these are.

    Every attempt runs the same steps, whether the name is an account with a password, an
    account without one (OIDC), an unknown name or not a valid name at all: read the name's
    failure count and the account, wait the delay the count asks for
    (:func:`~ocop_geo.auth.throttle.wait_for`, at most
    :data:`~ocop_geo.auth.throttle.MAX_DELAY_SECONDS`), verify the password with argon2 (against
    a dummy hash when there is no account or no password), then, in one write transaction, count
    the failure or clear the count. Nothing is refused without being checked, so a right password
    always gets in.

    Parameters
    ----------
    now
        The time of the attempt (tz-aware; default: now). When given, the wait is not measured
        but added to it (tests drive the clock).
    sleep
        Called with the seconds to wait when there is a delay (default :func:`time.sleep`).

    Raises
    ------
    AuthError
        :data:`WRONG` for a wrong password, an unknown username or an account without a
        password; ``waited`` says how many seconds the attempt was held back.
    StoreError
        The database fails.
    ValueError
        ``now`` is naive.
    """
    if now is not None and now.tzinfo is None:
        msg = f"naive datetime {now!r}: give a timezone-aware (UTC) value"
        raise ValueError(msg)
    arrived = datetime.now(UTC) if now is None else now
    key = throttle.name_key(username)
    try:
        name = normalise_username(username)
    except AuthError:
        name = ""  # matches no account
    with transaction(store, Message("auth.action.login")) as conn:
        wait = throttle.wait_for(conn, key, arrived)
        row = conn.execute(select(users).where(users.c.username == name)).one_or_none()
    if wait > 0:
        sleep(wait)
    checked = datetime.now(UTC) if now is None else now + timedelta(seconds=wait)
    stored = row.password_hash if row is not None else None
    ok = passwords.verify_password(stored, password)  # a dummy hash when there is none
    new_hash = passwords.hash_password(password) if ok and passwords.needs_rehash(stored) else None
    with transaction(store, Message("auth.action.login"), write=True) as conn:
        result = _settle(conn, key, name, row, ok=ok, new_hash=new_hash, now=checked)
    if isinstance(result, User):
        return result
    # after the commit: the failure is counted
    raise AuthError(Message("auth.error.wrong"), waited=wait)


def _settle(
    conn: Connection,
    key: str,
    name: str,
    seen: Row | None,
    *,
    ok: bool,
    new_hash: str | None,
    now: datetime,
) -> User | None:
    """Record the outcome (``seen`` is the account the password was checked against); the
    user, or None for a failure."""
    row = conn.execute(select(users).where(users.c.username == name)).one_or_none()
    if not ok or seen is None or row is None or row.password_hash != seen.password_hash:
        throttle.record_failure(conn, key, now)  # a wrong password, or changed meanwhile
        return None
    throttle.clear(conn, key)
    if new_hash is not None:
        conn.execute(update(users).where(users.c.id == row.id).values(password_hash=new_hash))
    return User(name, row.display_name, row.role, sites_of(conn, name).get(name, frozenset()))
