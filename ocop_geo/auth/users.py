"""Local accounts in the runtime database: add, list, roles, site and agency assignments,
passwords, log-in.

Usernames are lower-cased (``Alice`` is ``alice``) and follow :data:`USERNAME_RULE`. Failed
log-ins slow down the next attempts on the same name (a growing, capped delay, never a lock:
:mod:`ocop_geo.auth.throttle`); a success, :func:`unlock` and :func:`set_password` clear the
count. A wrong password, an unknown username and an account without a password (an OIDC
account) all get the same message, :data:`WRONG`, after the same steps.

Bad input is an :class:`AuthError`; a database failure a
:class:`~ocop_geo.database.store.StoreError`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import UTC, datetime

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.engine import Connection, Row

from ocop_geo.auth import passwords, throttle
from ocop_geo.auth._login import authenticate
from ocop_geo.auth._rows import (
    USERNAME_RULE,
    WRONG,
    Account,
    AuthError,
    account,
    agencies_of,
    normalise_username,
    read_account,
    sites_of,
    transaction,
)
from ocop_geo.auth.permissions import ROLES, User
from ocop_geo.database.named_rows import MAX_NAME, text_message
from ocop_geo.database.store import Store, user_agencies, user_sites, users
from ocop_geo.i18n import Message

__all__ = [
    "USERNAME_RULE",
    "WRONG",
    "Account",
    "AuthError",
    "add_user",
    "assign",
    "assign_agencies",
    "authenticate",
    "get_account",
    "list_users",
    "normalise_username",
    "set_password",
    "set_role",
    "unassign",
    "unassign_agencies",
    "unlock",
]

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def add_user(
    store: Store,
    username: str,
    *,
    role: str,
    password: str | None = None,
    display_name: str | None = None,
    email: str | None = None,
) -> User:
    """Create an account. Without ``password`` it is an OIDC account: ``username`` must then be
    an e-mail address (the one the identity provider reports) and ``email`` defaults to it.

    Raises
    ------
    AuthError
        A username, role, e-mail or display name that breaks its rule, a password that breaks
        :func:`~ocop_geo.auth.passwords.check_password`'s rule, or a username or e-mail
        address taken already. Nothing is written then.
    StoreError
        The database fails.
    """
    name = normalise_username(username)
    _check_role(role)
    if password is None:
        if not _EMAIL.fullmatch(name) or (email or name).strip().lower() != name:
            raise AuthError(Message("auth.error.oidc_username", name=repr(name)))
        email = name
    email = _check_email(email)
    shown = (display_name or "").strip() or name
    if len(shown) > MAX_NAME:
        raise AuthError(Message("auth.error.display_long", n=len(shown), most=MAX_NAME))
    if (problem := text_message(shown)) is not None:
        raise AuthError(Message("auth.error.display_text", problem=problem))
    if password is not None:
        _check_password(password, name, email)
    row = {
        "username": name,
        "display_name": shown,
        "role": role,
        "password_hash": passwords.hash_password(password) if password is not None else None,
        "created_at": datetime.now(UTC),
        "email": email,
    }
    taken = (
        Message("auth.error.user_or_email_taken", name=repr(name), email=email)
        if email
        else Message("auth.error.user_taken", name=repr(name))
    )
    with transaction(
        store, Message("auth.action.add", name=repr(name)), write=True, conflict=taken
    ) as conn:
        same = users.c.username == name
        if email is not None:  # (email == None would mean IS NULL: every account without one)
            same |= users.c.email == email
        clash = conn.execute(select(users.c.username).where(same)).first()
        if clash is not None:
            if clash.username == name:
                raise AuthError(Message("auth.error.user_taken", name=repr(name)))
            raise AuthError(Message("auth.error.email_taken", email=email))
        conn.execute(insert(users).values(row))
    return User(name, shown, role, frozenset())


def list_users(store: Store) -> list[Account]:
    """Every account, by username."""
    with transaction(store, Message("auth.action.list")) as conn:
        rows = conn.execute(select(users).order_by(users.c.username)).all()
        sites, agencies = sites_of(conn), agencies_of(conn)
        empty: frozenset[str] = frozenset()
        return [
            account(row, sites.get(row.username, empty), agencies.get(row.username, empty), conn)
            for row in rows
        ]


def get_account(store: Store, username: str) -> Account | None:
    """The account ``username`` (any case), or None when there is none or the name is invalid."""
    try:
        name = normalise_username(username)
    except AuthError:
        return None
    with transaction(store, Message("auth.action.read", name=repr(name))) as conn:
        return read_account(conn, name)


def set_role(store: Store, username: str, role: str) -> None:
    """Give ``username`` the role ``role`` (site assignments are kept).

    Raises
    ------
    AuthError
        Unknown role or user.
    """
    name = normalise_username(username)
    _check_role(role)
    with transaction(store, Message("auth.action.role", name=repr(name)), write=True) as conn:
        _require(conn, name)
        conn.execute(update(users).where(users.c.username == name).values(role=role))


def assign(
    store: Store, username: str, site_ids: Iterable[str], *, known_sites: Collection[str]
) -> None:
    """Let ``username`` edit the checklists of ``site_ids`` (sites assigned already stay).

    Assignments count for editors only; they are kept when the role changes.

    Raises
    ------
    AuthError
        Unknown user, no site given, or a site id not in ``known_sites`` (nothing is written).
    """
    _link(store, username, site_ids, known_sites, _SITES)


def assign_agencies(
    store: Store, username: str, agency_ids: Iterable[str], *, known_agencies: Collection[str]
) -> None:
    """Let ``username`` update the plan tasks that ``agency_ids`` lead (ids of agencies.csv).

    Raises
    ------
    AuthError
        Unknown user, no agency given, or an id not in ``known_agencies`` (nothing is written).
    """
    _link(store, username, agency_ids, known_agencies, _AGENCIES)


def unassign_agencies(store: Store, username: str, agency_ids: Iterable[str]) -> None:
    """Take ``agency_ids`` from ``username``.

    Raises
    ------
    AuthError
        Unknown user, no agency given, or an agency not assigned to the user (nothing changes).
    """
    _unlink(store, username, agency_ids, _AGENCIES)


#: (table, id column, what its ids are called) of the two assignment tables.
_SITES = (user_sites, "site_id", "site")
_AGENCIES = (user_agencies, "agency_id", "agency")


def _link(
    store: Store,
    username: str,
    ids: Iterable[str],
    known: Collection[str],
    link: tuple[Table, str, str],
) -> None:
    table, column, what = link
    name = normalise_username(username)
    wanted = _id_list(ids, what)
    unknown = [s for s in wanted if s not in known]
    if unknown:
        raise AuthError(
            Message(
                f"auth.error.unknown_{what}",
                ids=", ".join(unknown),
                known=", ".join(sorted(known)),
            )
        )
    with transaction(
        store, Message(f"auth.action.assign_{what}", name=repr(name)), write=True
    ) as conn:
        _require(conn, name)
        have = _assigned(conn, name, link)
        new = [{"username": name, column: s} for s in wanted if s not in have]
        if new:
            conn.execute(insert(table), new)


def unassign(store: Store, username: str, site_ids: Iterable[str]) -> None:
    """Take ``site_ids`` from ``username``.

    Raises
    ------
    AuthError
        Unknown user, no site given, or a site not assigned to the user (nothing is changed).
    """
    _unlink(store, username, site_ids, _SITES)


def _unlink(store: Store, username: str, ids: Iterable[str], link: tuple[Table, str, str]) -> None:
    table, column, what = link
    name = normalise_username(username)
    wanted = _id_list(ids, what)
    with transaction(
        store, Message(f"auth.action.unassign_{what}", name=repr(name)), write=True
    ) as conn:
        _require(conn, name)
        missing = [s for s in wanted if s not in _assigned(conn, name, link)]
        if missing:
            raise AuthError(
                Message(f"auth.error.not_assigned_{what}", name=repr(name), ids=", ".join(missing))
            )
        conn.execute(delete(table).where(table.c.username == name, table.c[column].in_(wanted)))


def unlock(store: Store, username: str, *, now: datetime | None = None) -> int:
    """Forget the failed log-ins of ``username``: its next attempt is checked at once.

    Returns the number of failures forgotten.

    Raises
    ------
    AuthError
        Unknown user.
    """
    name = normalise_username(username)
    key, now = throttle.name_key(name), now or datetime.now(UTC)
    with transaction(store, Message("auth.action.unlock", name=repr(name)), write=True) as conn:
        _require(conn, name)
        count = throttle.failures(conn, key, now)
        throttle.clear(conn, key)
    return count


def set_password(store: Store, username: str, password: str) -> None:
    """Give ``username`` a new password (and forget its failed log-ins).

    Raises
    ------
    AuthError
        Unknown user, an account that logs in through OIDC (it has no password here), or a
        password that breaks the rule (:func:`~ocop_geo.auth.passwords.check_password`).
        Nothing is written then.
    """
    name = normalise_username(username)
    with transaction(store, Message("auth.action.read", name=repr(name))) as conn:
        found = _require(conn, name)
    if found.password_hash is None:
        raise AuthError(Message("auth.error.oidc_password", name=repr(name)))
    _check_password(password, name, found.email)
    new_hash = passwords.hash_password(password)
    with transaction(store, Message("auth.action.password", name=repr(name)), write=True) as conn:
        _require(conn, name)
        conn.execute(update(users).where(users.c.username == name).values(password_hash=new_hash))
        throttle.clear(conn, throttle.name_key(name))


def _require(conn: Connection, name: str) -> Row:
    row = conn.execute(select(users).where(users.c.username == name)).one_or_none()
    if row is None:
        raise AuthError(Message("auth.error.no_user", name=repr(name)))
    return row


def _check_password(password: str, name: str, email: str | None) -> None:
    try:
        passwords.check_password(password, username=name, email=email)
    except passwords.PasswordError as error:
        raise AuthError(error.message) from error


def _assigned(conn: Connection, name: str, link: tuple[Table, str, str]) -> frozenset[str]:
    read = sites_of if link[0] is user_sites else agencies_of
    return read(conn, name).get(name, frozenset())


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AuthError(Message("auth.error.role", role=repr(role), roles=", ".join(ROLES)))


def _check_email(email: str | None) -> str | None:
    if email is None:
        return None
    value = email.strip().lower()
    if not _EMAIL.fullmatch(value) or len(value) > 254:
        raise AuthError(Message("auth.error.email", email=repr(email)))
    return value


def _id_list(ids: Iterable[str], what: str) -> list[str]:
    wanted = list(dict.fromkeys(s.strip() for s in ids if s and s.strip()))
    if not wanted:
        raise AuthError(Message(f"auth.error.no_{what}"))
    return wanted
