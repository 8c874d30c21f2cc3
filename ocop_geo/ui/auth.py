"""Who is using the app: the sidebar's account block, :func:`current_user` and :func:`user`.

Without an ``[auth]`` section in ``.streamlit/secrets.toml`` people log in with a local account
(username and password, :mod:`ocop_geo.auth.users`); the username is kept in
``st.session_state`` (server side) and the account re-read on every run, so a changed role or a
removed account takes effect at once. With ``[auth]``, the button calls ``st.login()`` (OpenID
Connect) and the role comes from ``[ocop_roles]`` (:mod:`ocop_geo.auth.oidc`); an e-mail the
provider marks as not verified (``email_verified = false``) counts as none. Anyone not logged
in is a viewer.

The account is read once per script run: :func:`render_login` (the sidebar, before the page)
keeps the :class:`User` it resolved for the run, pages take it with :func:`user`, and
dashboard.py drops it with :func:`end_run` once the page has run, so the next run reads the
account again (a changed role applies at once) and a page run without the sidebar (AppTest's
direct page runs) never sees an earlier run's user.
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from ocop_geo.auth import throttle
from ocop_geo.auth.oidc import oidc_user, roles_from_config
from ocop_geo.auth.permissions import VIEWER, User
from ocop_geo.auth.users import AuthError, authenticate, get_account
from ocop_geo.database.store import Store, StoreError
from ocop_geo.i18n import error_text, number, t
from ocop_geo.text import escape_markdown
from ocop_geo.ui import loaders

__all__ = [
    "RETRY_SECONDS",
    "SESSION_KEY",
    "current_user",
    "end_run",
    "oidc_configured",
    "render_login",
    "user",
]

#: Session-state key of the locally logged-in username.
SESSION_KEY = "auth_user"
_RETRY_KEY = "auth_retry_at"  # time.monotonic() before which the database is not tried again
_NOTICE_KEY = "auth_notice"  # the outcome of the last log-in attempt, shown once
_USERNAME_KEY = "auth_username"
_PASSWORD_KEY = "auth_password"  # noqa: S105 - a widget key, not a password
_RUN_USER_KEY = "auth_run_user"  # the User render_login resolved during this script run
#: Seconds before the sidebar tries an unreachable database again.
RETRY_SECONDS = 60.0


def oidc_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section (log-in via ``st.login``)."""
    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:  # no secrets file at all
        return False


def current_user(store: Store | None, lang: str) -> User:
    """The logged-in :class:`~ocop_geo.auth.permissions.User`, or ``VIEWER``.

    Shows a warning where it is called when the ``[ocop_roles]`` table is broken (everyone is a
    viewer then) or when the session's account no longer exists (the session is logged out).
    Without ``store`` a local session counts as not logged in.

    Raises
    ------
    StoreError
        Reading the account fails.
    """
    if oidc_configured():
        if not st.user.is_logged_in:
            return VIEWER
        try:
            roles = roles_from_config(st.secrets.get("ocop_roles"))
        except AuthError as exc:
            st.warning(f"{t('auth.config_error', lang)} {error_text(exc, lang)}")
            roles = {}
            store = None  # no role from the database either: fail closed
        # An address the provider says it has not verified proves nothing: a viewer then.
        verified = st.user.get("email_verified") is not False
        email = st.user.get("email") if verified else None
        return oidc_user(email, st.user.get("name"), roles, store)
    username = st.session_state.get(SESSION_KEY)
    if not username or store is None:
        return VIEWER
    account = get_account(store, username)
    if account is None:
        st.session_state.pop(SESSION_KEY, None)
        st.warning(t("auth.ended", lang))
        return VIEWER
    return account.user


def user(store: Store | None, lang: str) -> User:
    """This run's user: the one :func:`render_login` resolved, else :func:`current_user`.

    Raises
    ------
    StoreError
        Reading the account fails (only when the sidebar did not resolve it this run).
    """
    resolved = st.session_state.get(_RUN_USER_KEY)
    return resolved if isinstance(resolved, User) else current_user(store, lang)


def end_run() -> None:
    """Forget this run's user (dashboard.py, after the page): the next run reads it again."""
    st.session_state.pop(_RUN_USER_KEY, None)


def render_login(lang: str) -> None:
    """The sidebar's account block: who is logged in and the log-out button, or the log-in form
    (the ``st.login()`` button when OIDC is configured).

    Keeps the user it resolves for the rest of the run (:func:`user`). Draws nothing when the
    database cannot be reached; the session then tries again only after :data:`RETRY_SECONDS`,
    so that pages which do without the database are not slowed down by a connection attempt on
    every run.
    """
    end_run()  # nothing from an earlier run, whatever happens below
    if time.monotonic() < st.session_state.get(_RETRY_KEY, 0.0):
        return
    store = loaders.store_or_none()
    if store is None:
        st.session_state[_RETRY_KEY] = time.monotonic() + RETRY_SECONDS
        return
    with st.sidebar:
        try:
            person = current_user(store, lang)
        except StoreError:
            st.session_state[_RETRY_KEY] = time.monotonic() + RETRY_SECONDS
            return
        st.session_state[_RUN_USER_KEY] = person
        st.divider()
        st.caption(f"**{t('auth.title', lang)}**")
        if not person.is_anonymous:
            _show_user(person, lang)
        elif oidc_configured():
            if st.button(t("auth.login", lang), key="auth_oidc_login"):
                st.login()
        else:
            _login_form(store, lang)


def _show_user(user: User, lang: str) -> None:
    name = escape_markdown(user.display_name or user.username)
    st.markdown(t("auth.signed_in", lang, name=name, role=t(f"auth.role.{user.role}", lang)))
    if user.role == "editor":
        names = loaders.site_names(lang)
        sites = escape_markdown(", ".join(sorted(names.get(s, s) for s in user.sites)))
        st.caption(t("auth.sites", lang, sites=sites) if sites else t("auth.no_sites", lang))
        if user.agencies:
            by_id = loaders.agency_names(lang)
            agencies = escape_markdown(", ".join(sorted(by_id.get(a, a) for a in user.agencies)))
            st.caption(t("auth.agencies", lang, agencies=agencies))
    if oidc_configured():
        if st.button(t("auth.logout", lang), key="auth_oidc_logout"):
            st.logout()
    else:
        st.button(t("auth.logout", lang), key="auth_logout", on_click=_log_out)


def _login_form(store: Store, lang: str) -> None:
    st.caption(t("auth.login_hint", lang))
    with st.form("auth_login", border=False):
        st.text_input(t("auth.username", lang), key=_USERNAME_KEY, autocomplete="username")
        st.text_input(
            t("auth.password", lang),
            key=_PASSWORD_KEY,
            type="password",
            autocomplete="current-password",
        )
        st.form_submit_button(t("auth.login", lang), on_click=_log_in, args=(store,))
    notice = st.session_state.pop(_NOTICE_KEY, None)
    if notice is not None:
        st.error(_notice_text(notice, lang))


def _log_in(store: Store) -> None:
    """Form callback (runs before the script): log in, or keep why not for the form to show."""
    username = st.session_state.get(_USERNAME_KEY, "")
    password = st.session_state.get(_PASSWORD_KEY, "")
    st.session_state[_PASSWORD_KEY] = ""  # never kept, not even for the next run
    try:
        user = authenticate(store, username, password)
    except AuthError as exc:
        st.session_state[_NOTICE_KEY] = {"waited": exc.waited}
        return
    except StoreError as exc:
        st.session_state[_NOTICE_KEY] = {"database": exc}  # shown in the page's language
        return
    st.session_state[SESSION_KEY] = user.username


def _log_out() -> None:
    st.session_state.pop(SESSION_KEY, None)


def _notice_text(notice: dict[str, Any], lang: str) -> str:
    if "database" in notice:
        return f"{t('error.database', lang)} {error_text(notice['database'], lang)}"
    waited: float = notice["waited"]
    if not waited:
        return t("auth.wrong", lang)
    slowed = t(
        "auth.slowed",
        lang,
        seconds=number(waited, lang, decimals=1),
        most=number(throttle.MAX_DELAY_SECONDS, lang),
    )
    return f"{t('auth.wrong', lang)} {slowed}"
