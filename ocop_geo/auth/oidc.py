"""Users who log in through an OpenID Connect provider (Streamlit's ``st.login``).

The provider vouches for an e-mail address; the role comes from the ``[ocop_roles]`` table of
``.streamlit/secrets.toml`` (``"a@b.vn" = "editor"``), else from an account without a password
whose username is that address (``ocop-geo users add a@b.vn --role editor --oidc``), else the
user is a viewer. An editor's sites are the ``user_sites`` rows of that username (the e-mail).
A local account *with* a password never lends its role to an OIDC log-in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocop_geo.auth._rows import AuthError
from ocop_geo.auth.permissions import ROLES, User
from ocop_geo.auth.users import get_account
from ocop_geo.database.store import Store
from ocop_geo.i18n import Message

__all__ = ["oidc_user", "roles_from_config"]


def roles_from_config(mapping: Mapping[str, Any] | None) -> dict[str, str]:
    """The e-mail → role table of the ``[ocop_roles]`` secrets section, e-mails lower-cased.

    Raises
    ------
    AuthError
        A key that is not an e-mail address or a role that is not one of viewer, editor, admin
        (the message names the entry).
    """
    roles: dict[str, str] = {}
    for key, role in (mapping or {}).items():
        email = str(key).strip().lower()
        if "@" not in email or email.startswith("@") or email.endswith("@"):
            raise AuthError(Message("auth.error.roles_email", key=repr(key)))
        if role not in ROLES:
            expected = ", ".join(ROLES)
            raise AuthError(
                Message("auth.error.roles_role", key=repr(key), role=repr(role), roles=expected)
            )
        roles[email] = role
    return roles


def oidc_user(
    email: str | None, name: str | None, roles: Mapping[str, str], store: Store | None
) -> User:
    """The :class:`User` for an OIDC log-in with ``email`` (``st.user.email``) and ``name``.

    ``roles`` comes from :func:`roles_from_config`. Without ``store`` (the database cannot be
    reached) only ``roles`` count and editors have no sites. Unknown e-mails, and a log-in
    without an e-mail, are viewers.

    Raises
    ------
    StoreError
        Reading the account fails.
    """
    address = (email or "").strip().lower()
    if not address:
        return User("", (name or "").strip(), "viewer")
    # An address our usernames cannot hold matches no account (get_account gives None).
    found = get_account(store, address) if store is not None else None
    role = roles.get(address)
    # Where the role comes from decides how a write checks it again (auth.guard.current).
    role_from = "config"
    if role is None:
        own = found is not None and not found.has_password
        role, role_from = (found.role, "account") if own else ("viewer", "config")  # type: ignore[union-attr]
    if found is None:
        return User(address, (name or "").strip() or address, role, role_from=role_from)
    shown = (name or "").strip() or found.display_name
    return User(address, shown, role, found.sites, found.agencies, role_from=role_from)
