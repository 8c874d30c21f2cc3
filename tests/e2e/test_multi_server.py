"""Two app servers (two ``streamlit run`` processes) on one PostgreSQL, driven by Chromium: an
edit saved on one is seen on the other, and a stale edit on the other gets the conflict message.

Skipped without ``OCOP_TEST_POSTGRES_URL`` (failed under ``CI=true``, like every PostgreSQL
test); each run gets its own schema, dropped afterwards. Both servers are stopped and reaped
whatever happens (tests/e2e/conftest.py's ``streamlit_server``); the test checks that no process
is left.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.schema import CreateSchema, DropSchema

from ocop_geo.auth.users import add_user, assign
from ocop_geo.database import audit_chain
from ocop_geo.database.store import Store, checklist_audit, checklist_state
from ocop_geo.i18n import t
from tests.e2e.conftest import CHROMIUM_CONTEXT, Server, log_in, streamlit_server

pytestmark = pytest.mark.browser

TIMEOUT_MS = 90_000
PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - the test accounts' password
SITE = "bat-trang"
FIRST = "Ghi chú lưu từ máy chủ 1"
STALE = "Ghi chú cũ từ máy chủ 2"


@pytest.fixture
def shared_database(postgres_admin: Engine) -> Iterator[str]:
    """A PostgreSQL schema both servers use, with the editor Lan and the admin An."""
    schema = f"test_two_servers_{uuid.uuid4().hex[:12]}"
    with postgres_admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    url = postgres_admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
    url_text = url.render_as_string(hide_password=False)
    store = Store.from_url(url_text)
    try:
        store.upgrade()
        add_user(store, "lan", role="editor", password=PASSWORD, display_name="Nguyễn Thị Lan")
        assign(store, "lan", [SITE], known_sites={SITE})
        add_user(store, "an", role="admin", password=PASSWORD, display_name="Trần An")
        store.close()
        yield url_text
    finally:
        store.close()
        with postgres_admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))


def open_readiness(browser: Any, server: Server, username: str) -> Any:
    """A new browser session on ``server``'s readiness page of Bát Tràng, logged in."""
    context = browser.new_context(**CHROMIUM_CONTEXT)
    page = context.new_page()
    page.goto(f"{server.url}/readiness?site={SITE}", timeout=TIMEOUT_MS)
    log_in(page, username, PASSWORD)
    note(page).wait_for(timeout=TIMEOUT_MS)  # the form: logged in as someone who may edit
    return page


def note(page: Any) -> Any:
    return page.get_by_label(t("ready.field.note", "vi"), exact=True)


def save_note(page: Any, text: str) -> None:
    note(page).fill(text)
    page.get_by_role("button", name=t("ready.save", "vi"), exact=True).click()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_two_app_servers_share_edits_and_conflicts(
    browser: Any, shared_database: str, tmp_path: Path
) -> None:
    env = {"OCOP_DATABASE_URL": shared_database, "OCOP_ENTRY_GUARD": "on"}
    with (
        streamlit_server(tmp_path / "server-1.log", **env) as one,
        streamlit_server(tmp_path / "server-2.log", **env) as two,
    ):
        pids = (one.pid, two.pid)
        lan = open_readiness(browser, one, "lan")  # on server 1
        an = open_readiness(browser, two, "an")  # on server 2, the same item's form open
        assert note(an).input_value() == note(lan).input_value()

        save_note(lan, FIRST)
        lan.get_by_text("Đã lưu", exact=False).first.wait_for(timeout=TIMEOUT_MS)

        fresh = open_readiness(browser, two, "an")  # server 2 sees server 1's edit
        assert note(fresh).input_value() == FIRST

        save_note(an, STALE)  # still based on the version before Lan's save
        error = an.locator('[data-testid="stAlertContentError"]')
        error.first.wait_for(timeout=TIMEOUT_MS)
        shown = error.first.inner_text()
        assert shown.startswith("Nguyễn Thị Lan (lan) đã lưu ")
        assert f"ghi chú: {FIRST}" in shown
        assert "Thay đổi của bạn chưa được lưu" in shown
        for page in (lan, an, fresh):
            page.context.close()
    assert not [pid for pid in pids if alive(pid)], "a streamlit server was left running"

    store = Store.from_url(shared_database)
    try:
        with store.transaction() as conn:
            notes = conn.execute(
                select(checklist_state.c.note).where(checklist_state.c.site_id == SITE)
            ).scalars()
            assert FIRST in list(notes)
            written = conn.execute(
                select(checklist_audit.c.changed_by).where(checklist_audit.c.changed_by != "seed")
            ).scalars()
            assert list(written) == ["Nguyễn Thị Lan (lan)"]  # the stale save wrote nothing
            assert audit_chain.verify(conn).intact
    finally:
        store.close()
