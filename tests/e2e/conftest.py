"""A real Streamlit server and a real Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
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

    def runs(self, scope: str) -> int:
        """How many times the server log says ``scope`` (e.g. ``page:map``) ran."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return sum(1 for line in text.splitlines() if line.strip() == f"OCOP-RUN {scope}")


@contextlib.contextmanager
def _streamlit(tmp_path_factory: pytest.TempPathFactory, **env: str) -> Iterator[Server]:
    """``streamlit run dashboard.py`` on a free local port, with run tracing on and ``env``."""
    port = processes.free_port()
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    database = tmp_path_factory.mktemp("db") / "e2e.sqlite3"
    env = (
        os.environ
        | {
            "OCOP_TRACE_RUNS": "1",
            "PYTHONUNBUFFERED": "1",
            "OCOP_DATABASE_URL": f"sqlite:///{database}",  # never the developer's var/ database
            "OCOP_ENTRY_GUARD": "on",  # a real server: the guard of ocop_geo/ui/entry.py must work
        }
        | env
    )
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
    with processes.running(command, log, env) as proc:  # stopped and reaped, even on failure
        processes.wait_until_healthy(url, proc, log)
        yield Server(url=url, log=log)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app as ``make run`` starts it (offline map files in static/vendor)."""
    with _streamlit(tmp_path_factory) as running:
        yield running


@pytest.fixture(scope="session")
def server_without_assets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app with ``OCOP_ASSETS_DIR`` pointing at an empty folder (no offline map files)."""
    empty = tmp_path_factory.mktemp("no-assets")
    with _streamlit(tmp_path_factory, OCOP_ASSETS_DIR=str(empty)) as running:
        yield running


@contextlib.contextmanager
def _tab(browser: Any, width: int, height: int) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with _tab(browser, 1400, 1000) as tab:
        yield tab


@pytest.fixture
def laptop(browser: Any) -> Iterator[Any]:
    """A tab of the size the issue was measured at: 1366×768 (a common laptop screen)."""
    with _tab(browser, 1366, 768) as tab:
        yield tab


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")
