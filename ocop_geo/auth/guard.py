"""Authorization at the moment of writing: :func:`authorize`, called by every write function
inside its own write transaction.

A page decides what to draw from the user it resolved when the page ran; a form stays open while
an admin demotes its user or takes a site away. So the write itself reads the account again, in
the transaction that writes, and refuses with :class:`ForbiddenError` unless the account as it is
*now* may make that write (:func:`~ocop_geo.auth.permissions.can_write`). Anonymous users
(:data:`~ocop_geo.auth.permissions.VIEWER`) may write nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Connection

from ocop_geo.auth._rows import agencies_of, read_account, sites_of
from ocop_geo.auth.permissions import User, can_write
from ocop_geo.database.store import StoreError
from ocop_geo.i18n import Message

__all__ = ["ForbiddenError", "authorize", "check", "current"]


class ForbiddenError(StoreError):
    """The acting user may not make this write (nothing was written)."""


def current(conn: Connection, user: User) -> User | None:
    """``user`` as the database says now: the account's role and sites (or, for an OIDC role
    from ``[ocop_roles]``, that role with the sites assigned now); None when the account is
    gone. :data:`~ocop_geo.auth.permissions.OPERATOR` and anonymous users are returned as
    they are."""
    if user.role_from == "operator" or user.is_anonymous:
        return user
    if user.role_from == "config":
        sites = sites_of(conn, user.username).get(user.username, frozenset())
        agencies = agencies_of(conn, user.username).get(user.username, frozenset())
        return User(user.username, user.display_name, user.role, sites, agencies, "config")
    found = read_account(conn, user.username)
    return None if found is None else found.user


def authorize(
    conn: Connection,
    user: User,
    what: str,
    site_id: str | None = None,
    *,
    lead: str | None = None,
) -> User:
    """Refuse unless ``user``, as the database says now (:func:`current`), may make a write of
    kind ``what`` (on ``site_id``; for a plan task, led by agency ``lead``). Returns that
    current user.

    Call it inside the write's transaction (``conn``), before writing, so that the check and
    the write see the same account.

    Raises
    ------
    ForbiddenError
        Nobody is logged in, the account no longer exists, or its role or sites do not allow
        the write. The message names the user and the write.
    """
    now = current(conn, user)
    if now is not None and can_write(now, what, site_id, lead=lead):
        return now
    write = Message(
        "auth.refused.what",
        what=Message(_WHATS[what]) if what in _WHATS else what,
        site=Message("auth.refused.site", site=repr(site_id)) if site_id is not None else "",
        lead=Message("auth.refused.lead", lead=lead) if lead is not None else "",
    )
    if user.is_anonymous:
        raise ForbiddenError(Message("auth.refused.anonymous", write=write))
    if now is None:
        raise ForbiddenError(Message("auth.refused.gone", user=repr(user.username)))
    role = Message(_ROLES[now.role]) if now.role in _ROLES else now.role
    raise ForbiddenError(
        Message("auth.refused.role", user=repr(user.username), role=role, write=write)
    )


#: The kinds of write (:data:`~ocop_geo.auth.permissions.WRITES`) and roles, as messages name them.
_WHATS = {
    "registry": "auth.write.registry",
    "tours": "auth.write.tours",
    "candidates": "auth.write.candidates",
    "checklist": "auth.write.checklist",
    "plan": "auth.write.plan",
}
_ROLES = {"viewer": "auth.role.viewer", "editor": "auth.role.editor", "admin": "auth.role.admin"}


def check(
    user: User, what: str, site_id: str | None = None, *, lead: str | None = None
) -> Callable[[Connection], User]:
    """:func:`authorize` of ``user`` for ``what`` (and ``site_id``, ``lead``), as a function of
    the write's connection (the ``check`` that :mod:`ocop_geo.database.named_rows` and
    :func:`ocop_geo.readiness.store.update_item` run)."""
    return lambda conn: authorize(conn, user, what, site_id, lead=lead)
