"""Shared fixtures: the committed catalogue and a scratch copy of geo/ to break on purpose."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ocop_geo.config import REPO_ROOT, Settings
from ocop_geo.layers.catalog import Catalog
from tests.apptest import open_app
from tests.processes import pytest_configure, pytest_sessionfinish
from tests.stores import empty_store, postgres_admin, store

__all__ = [
    "empty_store",
    "open_app",
    "postgres_admin",
    "pytest_configure",  # the run fails if a process a test started is still running at its end
    "pytest_sessionfinish",
    "store",
]

GEO = REPO_ROOT / "geo"

#: Debian's Chromium (``apt-get install chromium``); Playwright cannot download browsers here.
CHROMIUM = Path(os.environ.get("OCOP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (Playwright's sync API allows one loop)."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(autouse=True)
def _no_entry_guard_in_apptest(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest replays a cold server on every run; see ocop_geo/ui/entry.py."""
    monkeypatch.setenv("OCOP_ENTRY_GUARD", "off")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load(Settings())


@pytest.fixture
def geo_copy(tmp_path: Path) -> Path:
    """A writable copy of the committed geo/ folder."""
    target = tmp_path / "geo"
    shutil.copytree(GEO, target)
    return target


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def edit_layer(geo_copy: Path) -> Callable[[str, Callable[[dict[str, Any]], None]], Path]:
    """Edit one layer of the scratch copy: ``edit_layer("sites.geojson", change)``."""

    def edit(filename: str, change: Callable[[dict[str, Any]], None]) -> Path:
        return _edit(geo_copy / filename, change)

    return edit


def site(doc: dict[str, Any], site_id: str) -> dict[str, Any]:
    """The feature of ``site_id`` in a parsed sites document."""
    return next(f for f in doc["features"] if f["properties"]["id"] == site_id)
