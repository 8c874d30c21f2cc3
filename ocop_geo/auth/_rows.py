"""The account rows and the errors shared by :mod:`ocop_geo.auth.users`, :mod:`._login` and
:mod:`ocop_geo.auth.oidc`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, exc, select
from sqlalchemy.engine import Connection, Row

from ocop_geo.auth import throttle
from ocop_geo.auth.permissions import User
from ocop_geo.database.store import Store, user_agencies, user_sites, users
from ocop_geo.i18n import Message, MessageError

#: 2–120 characters: lower-case letters, digits and ``. _ @ + -``, starting with a letter or digit.
USERNAME_RULE = re.compile(r"[a-z0-9][a-z0-9._@+-]{1,119}")
#: The one answer to a failed log-in: it does not say whether the username exists.
WRONG = "wrong username or password"


class AuthError(MessageError, ValueError):
    """A refused log-in or bad account data (a catalogue message: ``str()`` is its English
    text); ``waited`` is the seconds a log-in was held back."""

    def __init__(self, message: Message | str, *, waited: float = 0.0) -> None:
        super().__init__(message)
        self.waited = waited


@dataclass(frozen=True)
class Account:
    """One account as an admin sees it (``created_at`` tz-aware UTC).

    ``failed_logins`` counts the failures in a row for its name; ``wait_seconds`` is the wait
    its next log-in attempt would have now (:mod:`ocop_geo.auth.throttle`).
    """

    username: str
    display_name: str
    role: str
    email: str | None
    has_password: bool
    created_at: datetime
    sites: frozenset[str]
    agencies: frozenset[str] = frozenset()
    failed_logins: int = 0
    wait_seconds: float = 0.0

    @property
    def user(self) -> User:
        """The account as a :class:`~ocop_geo.auth.permissions.User`."""
        return User(self.username, self.display_name, self.role, self.sites, self.agencies)


def normalise_username(username: str) -> str:
    """``username`` stripped and lower-cased. Raises AuthError when it breaks the rule."""
    name = (username or "").strip().lower()
    if not USERNAME_RULE.fullmatch(name):
        raise AuthError(Message("auth.error.username", name=repr(username)))
    return name


@contextmanager
def transaction(
    store: Store, action: Message, *, write: bool = False, conflict: Message | None = None
) -> Iterator[Connection]:
    """One transaction; a database error becomes a StoreError naming ``action`` (an integrity
    error becomes ``AuthError(conflict)`` when ``conflict`` is given)."""
    try:
        with store.transaction(write=write) as conn:
            yield conn
    except exc.IntegrityError as error:
        if conflict is None:
            raise store.error_for(action, error) from error
        raise AuthError(conflict) from error
    except exc.DBAPIError as error:
        raise store.error_for(action, error) from error


def sites_of(conn: Connection, username: str | None = None) -> dict[str, frozenset[str]]:
    """The assigned sites by username (of ``username`` only, when given)."""
    return _links(conn, user_sites.c.site_id, username)


def agencies_of(conn: Connection, username: str | None = None) -> dict[str, frozenset[str]]:
    """The assigned agencies by username (of ``username`` only, when given)."""
    return _links(conn, user_agencies.c.agency_id, username)


def _links(conn: Connection, column: Column, username: str | None) -> dict[str, frozenset[str]]:
    table = column.table
    query = select(table.c.username, column)
    if username is not None:
        query = query.where(table.c.username == username)
    found: dict[str, set[str]] = {}
    for name, site in conn.execute(query):
        found.setdefault(name, set()).add(site)
    return {name: frozenset(sites) for name, sites in found.items()}


def read_account(conn: Connection, name: str) -> Account | None:
    """The account of the normalised username ``name``, or None."""
    row = conn.execute(select(users).where(users.c.username == name)).one_or_none()
    if row is None:
        return None
    sites, agencies = sites_of(conn, name), agencies_of(conn, name)
    return account(row, sites.get(name, frozenset()), agencies.get(name, frozenset()))


def account(
    row: Row,
    sites: frozenset[str],
    agencies: frozenset[str] = frozenset(),
    conn: Connection | None = None,
) -> Account:
    """An :class:`Account` from a ``users`` row, its sites and agencies; with ``conn``, its
    failure count too (read for the admin's list, not on every page run)."""
    key, now = throttle.name_key(row.username), datetime.now(UTC)
    return Account(
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        email=row.email,
        has_password=row.password_hash is not None,
        created_at=row.created_at,
        sites=sites,
        failed_logins=throttle.failures(conn, key, now) if conn is not None else 0,
        wait_seconds=throttle.wait_for(conn, key, now) if conn is not None else 0.0,
        agencies=agencies,
    )
