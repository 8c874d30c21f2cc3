"""Without the offline map files every map is a translated notice saying what to run (and a
warning in the log) instead of a blank frame; with them, the maps are drawn (ui/map_view.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from ocop_geo.i18n import t
from ocop_geo.maps import assets
from tests.apptest import OpenPage, sign_in
from tests.test_cli_registry import GOOD

#: Every page with a map, and how many maps it has.
MAP_PAGES = {
    "pages/home.py": 1,
    "pages/map.py": 1,
    "pages/routes.py": 1,
    "pages/candidates.py": 1,
    "pages/registry.py": 1,
    "pages/readiness.py": 1,
    "pages/events.py": 1,
}
NOTICE_START = {lang: t("map.assets_missing", lang, dir="").split(":")[0] for lang in ("vi", "en")}


def save_an_import(at: object) -> None:
    """The registry page draws its map once an import is stored (by an admin: only admins
    store the city's list)."""
    sign_in(at, "quantri", "admin")  # type: ignore[arg-type]
    at.file_uploader[0].upload("ocop.csv", GOOD.encode("utf-8"), "text/csv").run()  # type: ignore[attr-defined]
    at.text_input(key="registry_by").input("Kiểm thử").run()  # type: ignore[attr-defined]
    at.button(key="registry_save").click().run()  # type: ignore[attr-defined]
    at.run()  # type: ignore[attr-defined]


def notices(at: object, lang: str) -> list[str]:
    return [w.value for w in at.warning if w.value.startswith(NOTICE_START[lang])]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", MAP_PAGES)
def test_missing_map_files_show_a_notice_on_every_map(
    open_app: OpenPage,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    page: str,
    lang: str,
) -> None:
    empty = tmp_path / "no-assets"
    empty.mkdir()
    monkeypatch.setenv("OCOP_ASSETS_DIR", str(empty))
    with caplog.at_level(logging.WARNING, logger="ocop_geo.ui.map_view"):
        at = open_app(page, lang=lang)
        if page == "pages/registry.py":
            save_an_import(at)
    assert not at.exception
    shown = notices(at, lang)
    assert len(shown) == MAP_PAGES[page], [w.value for w in at.warning]
    assert "make assets" in shown[0]
    assert str(empty) in shown[0]
    logged = [r for r in caplog.records if r.name == "ocop_geo.ui.map_view"]
    assert logged
    assert all(r.levelno == logging.WARNING and "make assets" in r.getMessage() for r in logged)


@pytest.mark.parametrize("page", ["pages/home.py", "pages/map.py"])
def test_complete_map_files_draw_the_map_and_no_notice(
    open_app: OpenPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: str
) -> None:
    folder = tmp_path / "vendor"
    for rel in assets.required_files():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).touch()
    monkeypatch.setenv("OCOP_ASSETS_DIR", str(folder))
    at = open_app(page)
    assert not at.exception
    assert notices(at, "vi") == []
    frames = [e for e in at.get("component_instance") if "st_folium" in str(e.proto.component_name)]
    assert len(frames) == 1
