"""Log-in with lock-out (re-exported by :mod:`ocop_geo.auth.users`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Row

from ocop_geo.auth import passwords
from ocop_geo.auth._rows import WRONG, AuthError, normalise_username, sites_of, transaction
from ocop_geo.auth.permissions import User
from ocop_geo.database.store import Store, users

#: Failed log-ins in a row that lock an account.
MAX_FAILURES = 5
#: How long a locked account stays locked (minutes).
LOCK_MINUTES = 15


def authenticate(
    store: Store, username: str, password: str, *, now: datetime | None = None
) -> User:
    """The user whose username and password these are.

    After :data:`MAX_FAILURES` failures in a row the account is locked for :data:`LOCK_MINUTES`
    minutes and refused even with the right password; a success resets the count. Failures
    after a lock has run out count from zero again. The password is checked outside the write
    transaction (argon2 is slow on purpose); the count is then updated on the row as it is.

    Parameters
    ----------
    now
        The time of the attempt (tz-aware; default: now), e.g. to test the lock's end.

    Raises
    ------
    AuthError
        :data:`WRONG` for a wrong password, an unknown username or an account without a
        password (the same hashing work is done for all three). For a locked account, and for
        the failure that locks it, a message that says until when (``locked_until`` set).
    StoreError
        The database fails.
    ValueError
        ``now`` is naive.
    """
    now = datetime.now(UTC) if now is None else now
    if now.tzinfo is None:
        msg = f"naive datetime {now!r}: give a timezone-aware (UTC) value"
        raise ValueError(msg)
    try:
        name = normalise_username(username)
    except AuthError:
        name = ""
    with transaction(store, "logging in") as conn:
        row = conn.execute(select(users).where(users.c.username == name)).one_or_none()
    if row is None or row.password_hash is None:
        passwords.verify_password(None, password)
        raise AuthError(WRONG)
    if _locked(row, now):
        raise _locked_error(row.locked_until)
    ok = passwords.verify_password(row.password_hash, password)
    rehash = ok and passwords.needs_rehash(row.password_hash)
    new_hash = passwords.hash_password(password) if rehash else None
    with transaction(store, "logging in", write=True) as conn:
        result = _settle(conn, name, row, ok=ok, new_hash=new_hash, now=now)
    if isinstance(result, AuthError):  # raised after the commit: the failure count is kept
        raise result
    return result


def _settle(
    conn: Connection, name: str, seen: Row, *, ok: bool, new_hash: str | None, now: datetime
) -> User | AuthError:
    """Record the outcome on the row as it is now (``seen`` is the row the password was
    checked against); the user, or the error to raise once the transaction is committed."""
    row = conn.execute(
        select(users).where(users.c.username == name).with_for_update()
    ).one_or_none()
    if row is None:  # removed meanwhile
        return AuthError(WRONG)
    if _locked(row, now):  # locked meanwhile by other attempts
        return _locked_error(row.locked_until)
    if not ok or row.password_hash != seen.password_hash:
        return _count_failure(conn, row, now)
    values = {"failed_logins": 0, "locked_until": None}
    if new_hash is not None:
        values["password_hash"] = new_hash
    conn.execute(update(users).where(users.c.id == row.id).values(values))
    return User(name, row.display_name, row.role, sites_of(conn, name).get(name, frozenset()))


def _locked(row: Row, now: datetime) -> bool:
    return row.locked_until is not None and row.locked_until > now


def _locked_error(until: datetime) -> AuthError:
    msg = (
        f"the account is locked after {MAX_FAILURES} failed log-ins, until "
        f"{until:%Y-%m-%d %H:%M} UTC"
    )
    return AuthError(msg, locked_until=until)


def _count_failure(conn: Connection, row: Row, now: datetime) -> AuthError:
    """Count one failure (from zero after an expired lock); lock at :data:`MAX_FAILURES`."""
    failures = (0 if row.locked_until is not None else row.failed_logins) + 1
    until = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
    conn.execute(
        update(users).where(users.c.id == row.id).values(failed_logins=failures, locked_until=until)
    )
    if until is None:
        return AuthError(WRONG)
    return AuthError(f"{WRONG}; {_locked_error(until)}", locked_until=until)
