"""The AppTest fixture shared by the page tests: a page of the real app on a fresh database.

Each test gets its own SQLite file and the estimate router (a developer's ``var/roads.npz`` must
not change what a test sees); Streamlit's caches are cleared around it. Imported by conftest.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ocop_geo.auth.users import add_user, assign, get_account
from ocop_geo.config import REPO_ROOT
from ocop_geo.database.store import Store
from ocop_geo.ui.auth import SESSION_KEY

ENTRY = str(REPO_ROOT / "dashboard.py")

OpenPage = Callable[..., AppTest]
PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - the test accounts' password


@pytest.fixture
def open_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenPage]:
    """``open_app("pages/routes.py", lang="en", stops="a,b")`` → the page, run, with those
    URL query parameters; ``open_app(None, …)`` → the app as first opened (the home page)."""
    monkeypatch.setenv("OCOP_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    monkeypatch.setenv("OCOP_ROUTER", "estimate")
    st.cache_resource.clear()
    st.cache_data.clear()

    def _open(page: str | None, **query: str) -> AppTest:
        at = AppTest.from_file(ENTRY, default_timeout=90)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        return at if page is None else at.switch_page(page).run()

    yield _open
    st.cache_resource.clear()
    st.cache_data.clear()


def sign_in(at: AppTest, username: str, role: str, sites: Iterable[str] = ()) -> AppTest:
    """Create the account ``username`` (``role``, assigned ``sites``) in the test's database if
    it is not there, make it the session's user (as the sidebar's log-in does) and run ``at``."""
    store = Store.from_url(os.environ["OCOP_DATABASE_URL"])  # the database open_app set up
    store.upgrade()
    if get_account(store, username) is None:
        add_user(store, username, role=role, password=PASSWORD, display_name=username.title())
    if sites:
        assign(store, username, sites, known_sites=set(sites))
    store.close()
    at.session_state[SESSION_KEY] = username
    return at.run()
