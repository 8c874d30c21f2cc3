"""End to end in Chromium: the map draws, markers answer clicks, pages show no errors.

Map tiles cannot load here (no network); what is checked is what the app sends: Leaflet, its
layers and controls, the markers, and the Streamlit side panel.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.i18n import t
from tests.e2e.conftest import Server, log_in

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: Every page of the app by its URL path ("" is the home page; see dashboard.py's PAGES).
PAGES = [
    "",
    "map",
    "readiness",
    "plan",
    "agencies",
    "routes",
    "events",
    "candidates",
    "registry",
    "about",
]
TIMEOUT_MS = 60_000


def open_map(page: Any, server: Server, query: str = "") -> Any:
    page.goto(f"{server.url}/map{query}", timeout=TIMEOUT_MS)
    page.wait_for_selector(MAP_FRAME, timeout=TIMEOUT_MS)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".awesome-marker").first.wait_for(timeout=TIMEOUT_MS)
    assert_no_error_shown(page)
    assert_app_navigation(page)
    return frame


def assert_app_navigation(page: Any, lang: str = "vi") -> None:
    """The page came through dashboard.py: translated navigation and the shared sidebar.

    (A cold Streamlit server would otherwise run pages/*.py on their own, with file names as
    navigation and no sidebar; see ocop_geo/ui/entry.py.)
    """
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text(t("nav.map", lang), exact=True).wait_for(timeout=TIMEOUT_MS)
    assert nav.get_by_text("dashboard", exact=True).count() == 0
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text(t("sidebar.attribution", lang)).count() == 1


def assert_no_error_shown(page: Any) -> None:
    """No exception, no st.error and no Streamlit error dialog (e.g. "Page not found")."""
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.all_inner_texts()
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, errors.all_inner_texts()
    assert page.get_by_role("dialog").count() == 0, page.get_by_role("dialog").all_inner_texts()


def tag_markers(page: Any) -> None:
    """Give every marker icon a data-site attribute from its position (so a test can click it)."""
    frame = next(f for f in page.frames if "streamlit_folium.st_folium" in f.url)
    frame.evaluate(
        """() => {
            const sites = {"20.975953,105.912491": "bat-trang", "21.155,105.477": "duong-lam",
                           "21.15139,105.84417": "dong-anh", "21.03,105.642": "sai-son"};
            window.map.eachLayer(l => {
                if (l._icon && l.getLatLng) {
                    const p = l.getLatLng();
                    const id = sites[`${+p.lat.toFixed(6)},${+p.lng.toFixed(6)}`];
                    if (id) l._icon.setAttribute("data-site", id);
                }
            });
        }"""
    )


def test_map_page_draws_leaflet_with_the_six_sites(
    page: Any, server: Server, screenshots: Path
) -> None:
    frame = open_map(page, server)
    assert frame.locator("#map_div.leaflet-container").count() == 1  # (+ the minimap's)
    # Five pilot points (green) and the Đông Anh candidate area (orange), plus the event venue.
    frame.locator(".awesome-marker-icon-green").nth(4).wait_for(timeout=TIMEOUT_MS)
    assert frame.locator(".awesome-marker-icon-green").count() == 5
    assert frame.locator(".awesome-marker-icon-orange").count() == 1
    assert frame.locator(".awesome-marker-icon-purple").count() == 1
    for control in (
        ".leaflet-control-layers",
        ".leaflet-control-minimap",
        ".leaflet-control-measure",
        ".leaflet-control-scale",
        ".leaflet-control-zoom-fullscreen",
    ):
        assert frame.locator(control).count() >= 1, control
    # District polygons were drawn from their TopoJSON layer (the wards wait for their toggle).
    assert frame.locator("path.leaflet-interactive").count() > 30
    # The Font Awesome glyph font loaded (icons are not empty boxes).
    assert frame.locator(".awesome-marker i.fa-store").first.is_visible()
    shot = screenshots / "map-explorer.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000


def test_clicking_a_marker_shows_its_details_and_reruns_only_the_fragment(
    page: Any, server: Server, screenshots: Path
) -> None:
    frame = open_map(page, server)
    page.get_by_text("Bấm vào một điểm trên bản đồ").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)  # let the first runs settle before counting
    before_page, before_fragment = server.runs("page:map"), server.runs("fragment:map")
    tag_markers(page)
    frame.locator('[data-site="bat-trang"]').click()
    page.locator("h3", has_text="Bát Tràng").wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("Khu Tinh hoa Làng nghề Việt", exact=False).wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("Khai trương ngày 8/10/2020", exact=False).wait_for(timeout=TIMEOUT_MS)
    assert re.search(r"[?&]site=bat-trang\b", page.url)
    page.wait_for_timeout(1500)
    assert server.runs("fragment:map") > before_fragment, "the click reran the map fragment"
    assert server.runs("page:map") == before_page, "the click must not rerun the whole page"
    shot = screenshots / "map-explorer-selected.png"
    page.screenshot(path=str(shot))
    target = os.environ.get("OCOP_DOCS_SCREENSHOT")
    if target:  # refresh the README screenshot: OCOP_DOCS_SCREENSHOT=docs/img/map-explorer.png
        shutil.copyfile(shot, REPO_ROOT / target)


def test_deep_link_opens_a_site(page: Any, server: Server) -> None:
    open_map(page, server, "?site=duong-lam")
    page.locator("h3", has_text="Đường Lâm").wait_for(timeout=TIMEOUT_MS)


def test_plan_timeline_and_agencies_views(page: Any, server: Server) -> None:
    """The Gantt chart draws, a deep-linked task shows the plan's words and its five points, and
    the navigation leads to the agencies view of the lead agency."""
    page.goto(f"{server.url}/plan?task=9", timeout=TIMEOUT_MS)
    page.locator("h1", has_text="Tiến độ 15 nhiệm vụ").wait_for(timeout=TIMEOUT_MS)
    page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for(timeout=TIMEOUT_MS)
    page.locator("h3", has_text="9. Tổ chức Lễ khai trương").wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("Tháng 9- 10/2020", exact=False).first.wait_for(timeout=TIMEOUT_MS)
    assert_no_error_shown(page)
    assert_app_navigation(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text(t("nav.agencies", "vi"), exact=True).click()
    page.locator("h1", has_text="Đơn vị phụ trách").wait_for(timeout=TIMEOUT_MS)
    page.get_by_text(t("plan.duties", "vi"), exact=True).wait_for(timeout=TIMEOUT_MS)
    page.locator("h3", has_text=t("plan.matrix", "vi")).wait_for(timeout=TIMEOUT_MS)
    assert_no_error_shown(page)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_no_error_box_on_any_page(page: Any, server: Server, path: str, lang: str) -> None:
    page.goto(f"{server.url}/{path}?lang={lang}", timeout=TIMEOUT_MS)
    page.locator("h1").first.wait_for(timeout=TIMEOUT_MS)
    if path in ("", "map"):
        page.wait_for_selector(MAP_FRAME, timeout=TIMEOUT_MS)
    page.wait_for_timeout(1000)
    assert_no_error_shown(page)
    assert_app_navigation(page, lang)


def test_registry_upload_places_products_on_the_map(
    page: Any, server: Server, screenshots: Path, tmp_path: Path
) -> None:
    from ocop_geo.auth.users import add_user, get_account
    from ocop_geo.database.store import Store
    from tests.test_cli_registry import GOOD

    password = "lụa Vạn Phúc 2020"  # noqa: S105 - a test account in the server's own database
    store = Store.from_url(server.database_url)  # only admins store the city's list
    store.upgrade()
    if get_account(store, "quantri-e2e") is None:
        add_user(store, "quantri-e2e", role="admin", password=password, display_name="Quản trị")
    store.close()
    upload = tmp_path / "ocop-e2e.csv"
    upload.write_text(GOOD, encoding="utf-8")
    page.goto(f"{server.url}/registry", timeout=TIMEOUT_MS)
    log_in(page, "quantri-e2e", password)
    page.get_by_role("button", name="Đăng xuất").wait_for(timeout=TIMEOUT_MS)  # logged in
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("Xem trước: 4 dòng", exact=False).wait_for(timeout=TIMEOUT_MS)
    page.get_by_label("Người nhập").fill("Kiểm thử E2E")
    page.get_by_label("Người nhập").press("Enter")
    page.get_by_role("button", name="Lưu vào cơ sở dữ liệu").click()
    page.get_by_text("Đã lưu “ocop-e2e”", exact=False).wait_for(timeout=TIMEOUT_MS)
    page.reload()
    frame = page.frame_locator(MAP_FRAME)
    # The five pilot points and the three placed products (clustered or as circles).
    frame.locator(".awesome-marker").nth(4).wait_for(timeout=TIMEOUT_MS)
    frame.locator(".marker-cluster, path.leaflet-interactive").first.wait_for(timeout=TIMEOUT_MS)
    assert frame.locator(".ocop-legend").count() == 1
    assert_no_error_shown(page)
    page.screenshot(path=str(screenshots / "registry.png"), full_page=True)
