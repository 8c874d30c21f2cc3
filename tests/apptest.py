"""The AppTest fixture shared by the page tests: a page of the real app on a fresh database.

Each test gets its own SQLite file and the estimate router (a developer's ``var/roads.npz`` must
not change what a test sees); Streamlit's caches are cleared around it. Imported by conftest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ocop_geo.config import REPO_ROOT

ENTRY = str(REPO_ROOT / "dashboard.py")

OpenPage = Callable[..., AppTest]


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
