"""A real Streamlit server and a real Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ocop_geo.cli.entry import streamlit_command
from tests import processes

pytestmark = pytest.mark.browser


@dataclass
class Server:
    url: str
    log: Path
    pid: int = 0
    database_url: str = ""

    def runs(self, scope: str) -> int:
        """How many times the server log says ``scope`` (e.g. ``page:map``) ran."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return sum(1 for line in text.splitlines() if line.strip() == f"OCOP-RUN {scope}")


@contextmanager
def streamlit_server(log: Path, **env: str) -> Iterator[Server]:
    """``streamlit run dashboard.py`` on a free local port with run tracing on and ``env``
    added; stopped and reaped when the block ends, whatever happens in it."""
    port = processes.free_port()
    command = streamlit_command(
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    )
    url = f"http://127.0.0.1:{port}"
    full_env = os.environ | {"OCOP_TRACE_RUNS": "1", "PYTHONUNBUFFERED": "1"} | env
    with processes.running(command, log, full_env) as proc:  # stopped and reaped, even on failure
        processes.wait_until_healthy(url, proc, log)
        yield Server(url=url, log=log, pid=proc.pid, database_url=env.get("OCOP_DATABASE_URL", ""))


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``streamlit run dashboard.py`` on a free local port, with run tracing on."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    database = tmp_path_factory.mktemp("db") / "e2e.sqlite3"
    with streamlit_server(
        log,
        OCOP_DATABASE_URL=f"sqlite:///{database}",  # never the developer's var/ database
        OCOP_ENTRY_GUARD="on",  # a real server: the guard of ocop_geo/ui/entry.py must work
    ) as running:
        yield running


@pytest.fixture(scope="session")
def server_without_assets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app with ``OCOP_ASSETS_DIR`` pointing at an empty folder (no offline map files)."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    database = tmp_path_factory.mktemp("db") / "e2e.sqlite3"
    empty = tmp_path_factory.mktemp("no-assets")
    with streamlit_server(
        log,
        OCOP_DATABASE_URL=f"sqlite:///{database}",
        OCOP_ENTRY_GUARD="on",
        OCOP_ASSETS_DIR=str(empty),
    ) as running:
        yield running


#: The browser context every test page gets.
CHROMIUM_CONTEXT = {"viewport": {"width": 1400, "height": 1000}, "locale": "vi-VN"}


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    with _tab(browser) as tab:
        yield tab


@pytest.fixture
def laptop(browser: object) -> Iterator[object]:
    """A tab of the size the layout was measured at: 1366×768 (a common laptop screen)."""
    with _tab(browser, viewport={"width": 1366, "height": 768}) as tab:
        yield tab


@contextmanager
def _tab(browser: Any, **options: object) -> Iterator[Any]:
    context = browser.new_context(**(CHROMIUM_CONTEXT | options))
    try:
        yield context.new_page()
    finally:
        context.close()


#: URL path and query of every page (ocop_geo/ui/entry.py, dashboard.py), a site and a tour
#: chosen so that the tables, figures and maps are drawn: the pages that the language and
#: accessibility tests go through.
TOUR = {
    "home": "/",
    "map": "/map",
    "readiness": "/readiness?site=bat-trang",
    "plan": "/plan",
    "agencies": "/agencies",
    "routes": "/routes?stops=van-phuc,duong-lam,bat-trang",
    "events": "/events",
    "candidates": "/candidates",
    "registry": "/registry",
    "about": "/about",
}


@dataclass(frozen=True)
class Visit:
    """One page of :data:`TOUR` in one language, as a person at 1366×768 saw it."""

    name: str
    lang: str
    text: str  # the visible text (main area and sidebar, code blocks left out)
    axe: tuple[str, ...]  # axe-core's WCAG 2 A/AA violations, one line per element
    entered: list[str]  # every text stored in the database then (what people typed)


@pytest.fixture(scope="session")
def page_tour(browser: Any, server: Server) -> dict[str, Visit]:
    """Every page of :data:`TOUR` in Vietnamese, then English, at 1366×768: opened and
    settled once for both the language and the accessibility checks (one pass, not two)."""
    from tests.e2e.test_accessibility_browser import axe_script, settle, violations
    from tests.e2e.test_language_browser import entered_texts, visible_text

    axe, visits = axe_script(), {}
    with _tab(browser, viewport={"width": 1366, "height": 768}) as tab:
        for lang in ("vi", "en"):
            for name, path in TOUR.items():
                joiner = "&" if "?" in path else "?"
                tab.goto(f"{server.url}{path}{joiner}lang={lang}", timeout=60_000)
                settle(tab)
                where = f"{name} ({lang})"
                text = visible_text(tab)  # before axe opens a popup
                found = tuple(violations(tab, where, axe))
                visits[where] = Visit(name, lang, text, found, entered_texts(server.database_url))
    return visits


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def log_in(page: Any, username: str, password: str) -> None:
    """Log in through the sidebar's form, as a person does (Vietnamese labels)."""
    from ocop_geo.i18n import t

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label(t("auth.username", "vi")).fill(username, timeout=60_000)
    sidebar.get_by_label(t("auth.password", "vi")).fill(password)
    sidebar.get_by_role("button", name=t("auth.login", "vi")).click()
