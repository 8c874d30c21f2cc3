"""The map-first layout at 1366×768, in Chromium: the explorer's map is big, its controls small,
a click on a marker selects it, every map opens on its content and stays readable without tiles,
and a missing set of offline map files is a notice, not a blank frame.

No tile server is reachable here (as on an intranet without one): what the maps show is drawn
from the app's own data.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ocop_geo.candidates.anchors import load_anchors
from ocop_geo.config import Settings
from ocop_geo.i18n import t
from ocop_geo.layers.catalog import Catalog
from tests.e2e.conftest import Server
from tests.e2e.test_browser import MAP_FRAME, TIMEOUT_MS, assert_no_error_shown, tag_markers

pytestmark = pytest.mark.browser

#: The share of the map's area that the controls (zoom, full screen, measure, layers, minimap,
#: scale, attribution, legend) cover, from their boxes clipped to the map.
COVERAGE_JS = """() => {
  const map = document.querySelector('#map_div').getBoundingClientRect();
  const boxes = [...document.querySelectorAll('#map_div .leaflet-control')]
    .filter(e => e.offsetParent !== null && !e.parentElement.closest('.leaflet-control'))
    .map(e => {
      const b = e.getBoundingClientRect();
      const w = Math.max(0, Math.min(b.right, map.right) - Math.max(b.left, map.left));
      const h = Math.max(0, Math.min(b.bottom, map.bottom) - Math.max(b.top, map.top));
      return {name: e.className, w, h};
    });
  const area = boxes.reduce((sum, b) => sum + b.w * b.h, 0);
  return {share: area / (map.width * map.height), boxes};
}"""

#: Which of the given [lat, lng] points lie inside the map's current view.
IN_VIEW_JS = """(points) => {
  const view = window.map.getBounds();
  return points.map(p => view.contains(L.latLng(p[0], p[1])));
}"""


#: How far Streamlit's main area (which scrolls, not the window) is scrolled.
SCROLLED_JS = """() => document.querySelector('[data-testid="stMain"]').scrollTop"""


def map_frame(page: Any) -> Any:
    page.wait_for_selector(MAP_FRAME, timeout=TIMEOUT_MS)
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator(".leaflet-control-zoom").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1000)  # fitBounds and the legend run after the map is drawn
    return frame


def leaflet(page: Any) -> Any:
    return next(f for f in page.frames if "streamlit_folium.st_folium" in f.url)


def open_explorer(page: Any, server: Server, query: str = "") -> Any:
    page.goto(f"{server.url}/map{query}", timeout=TIMEOUT_MS)
    frame = map_frame(page)
    frame.locator(".awesome-marker").first.wait_for(timeout=TIMEOUT_MS)
    assert_no_error_shown(page)
    return frame


def test_the_explorer_map_is_map_first_and_its_controls_small(
    laptop: Any, server: Server, screenshots: Path
) -> None:
    frame = open_explorer(laptop, server)
    box = laptop.locator(MAP_FRAME).bounding_box()
    content = laptop.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    assert box["width"] >= 0.6 * content["width"], (box, content)
    assert box["height"] >= 550
    assert box["y"] + box["height"] <= 768, "the whole map is in view without scrolling"
    # Controls: the layer list is folded, the minimap too; the attribution is one line.
    assert frame.locator(".leaflet-control-layers-expanded").count() == 0
    assert frame.locator(".leaflet-control-minimap").bounding_box()["width"] < 40
    attribution = frame.locator(".leaflet-control-attribution")
    assert attribution.bounding_box()["height"] <= 20
    assert frame.locator(".leaflet-control-scale").is_visible()
    assert frame.locator(".ocop-legend").is_visible()
    coverage = leaflet(laptop).evaluate(COVERAGE_JS)
    assert coverage["share"] <= 0.20, coverage
    # The expander shows the boundary licences.
    attribution.locator("summary").click()
    attribution.get_by_text("CC BY 3.0 IGO").wait_for(timeout=TIMEOUT_MS)
    laptop.screenshot(path=str(screenshots / "explorer-1366x768.png"))


def test_the_legend_follows_its_layer_and_stays_in_full_screen(
    laptop: Any, server: Server, screenshots: Path
) -> None:
    frame = open_explorer(laptop, server)
    legend = frame.locator(".ocop-legend")
    assert legend.count() == 1
    assert frame.locator("#map_div .ocop-legend").count() == 1  # inside the map container
    frame.locator(".leaflet-control-layers").hover()
    districts = frame.locator(".leaflet-control-layers-overlays label").first
    districts.get_by_text(t("layer.districts", "vi")).wait_for(timeout=TIMEOUT_MS)
    districts.locator("input").uncheck()
    assert legend.count() == 0
    districts.locator("input").check()
    assert legend.count() == 1
    frame.locator(".leaflet-control-zoom-fullscreen").click()
    laptop.wait_for_timeout(500)
    full = leaflet(laptop).evaluate(
        """() => {
          const m = document.querySelector('#map_div');
          return {full: m.classList.contains('leaflet-fullscreen-on')
                        || document.fullscreenElement === m,
                  legend: !!m.querySelector('.ocop-legend')};
        }"""
    )
    assert full == {"full": True, "legend": True}
    assert legend.is_visible()
    laptop.screenshot(path=str(screenshots / "explorer-fullscreen.png"))


def test_the_first_click_on_a_marker_selects_it_without_scrolling(
    laptop: Any, server: Server
) -> None:
    frame = open_explorer(laptop, server)
    assert laptop.evaluate(SCROLLED_JS) == 0
    tag_markers(laptop)
    # A real pointer click at the marker's place (no scrolling by the test driver first).
    box = frame.locator('[data-site="duong-lam"]').bounding_box()
    laptop.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    laptop.locator("h3", has_text="Đường Lâm").wait_for(timeout=TIMEOUT_MS)
    assert re.search(r"[?&]site=duong-lam\b", laptop.url)
    assert laptop.evaluate(SCROLLED_JS) == 0


def test_the_explorer_opens_on_all_sites_and_on_the_selected_one(
    laptop: Any, server: Server, catalog: Catalog
) -> None:
    open_explorer(laptop, server)
    sites = [[p.y, p.x] for p in catalog.sites.geometry]
    assert all(leaflet(laptop).evaluate(IN_VIEW_JS, sites))
    # Hanoi fills the map: its extent spans at least 70 % of the view's width or height.
    west, south, east, north = catalog.districts.total_bounds
    view = leaflet(laptop).evaluate(
        "() => { const b = window.map.getBounds(); "
        "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"
    )
    filled = max((east - west) / (view[2] - view[0]), (north - south) / (view[3] - view[1]))
    assert filled >= 0.7, (view, filled)
    open_explorer(laptop, server, "?site=sai-son")
    laptop.wait_for_timeout(1000)
    assert leaflet(laptop).evaluate(IN_VIEW_JS, [[21.03, 105.642], [21.155, 105.477]]) == [
        True,
        False,  # zoomed in on Sài Sơn
    ]


def test_picking_a_site_moves_the_map_without_drawing_it_again(
    laptop: Any, server: Server, catalog: Catalog
) -> None:
    """The map is built once (ocop_geo/ui/frozen_map.py): a pick moves its view to the site,
    the Leaflet map the user was looking at stays (a mark set on it), and the server builds no
    map again."""
    open_explorer(laptop, server)
    builds = server.runs("build:explorer-map")
    leaflet(laptop).evaluate("() => { window.map.__ocopMark = 'first'; }")
    where = {str(i): [p.y, p.x] for i, p in zip(catalog.sites.index, catalog.sites.geometry,
                                                strict=True)}  # fmt: skip
    for site, label, other in (("duong-lam", "Đường Lâm", "bat-trang"),
                               ("bat-trang", "Bát Tràng", "duong-lam")):  # fmt: skip
        laptop.get_by_role("combobox", name=t("map.site_pick", "vi"), exact=True).click()
        laptop.get_by_role("option", name=label, exact=False).first.click()
        laptop.locator("h3", has_text=label).wait_for(timeout=TIMEOUT_MS)
        laptop.wait_for_function(
            "() => !document.querySelector('[data-test-script-state=\"running\"]')",
            timeout=TIMEOUT_MS,
        )
        laptop.wait_for_timeout(1000)  # the view moves after the rerun
        frame = leaflet(laptop)
        assert frame.evaluate(IN_VIEW_JS, [where[site], where[other]]) == [True, False], site
        assert frame.evaluate("() => window.map.__ocopMark") == "first", "the map was redrawn"
        assert frame.evaluate("() => window.map.getZoom()") >= 14
    assert server.runs("build:explorer-map") == builds, "a pick built the map again"


def test_the_tour_map_opens_on_its_stops_over_the_boundaries(
    laptop: Any, server: Server, screenshots: Path
) -> None:
    laptop.goto(f"{server.url}/routes?stops=bat-trang,duong-lam,sai-son", timeout=TIMEOUT_MS)
    frame = map_frame(laptop)
    frame.get_by_text("3", exact=True).wait_for(timeout=TIMEOUT_MS)  # numbered stops
    stops = [[20.975953, 105.912491], [21.155, 105.477], [21.03, 105.642]]
    assert all(leaflet(laptop).evaluate(IN_VIEW_JS, stops))
    # No tile loads here; the districts are drawn under the tour (first in the overlay pane).
    drawn = leaflet(laptop).evaluate(
        """() => [...document.querySelectorAll('.leaflet-overlay-pane path')]
                 .map(p => p.getAttribute('fill'))"""
    )
    assert len(drawn) > 30
    assert drawn[0] == "#f7f6f1"
    assert frame.locator(".leaflet-tile-loaded").count() == 0
    laptop.locator(MAP_FRAME).scroll_into_view_if_needed()
    laptop.screenshot(path=str(screenshots / "routes-no-tiles.png"))


def test_the_candidate_map_opens_on_the_area_and_its_anchors(laptop: Any, server: Server) -> None:
    laptop.goto(f"{server.url}/candidates", timeout=TIMEOUT_MS)
    map_frame(laptop)
    anchors = [[a.lat, a.lon] for a in load_anchors(Settings().data_dir).values()]
    assert len(anchors) == 3
    assert all(leaflet(laptop).evaluate(IN_VIEW_JS, anchors))
    base = leaflet(laptop).evaluate(
        """() => document.querySelectorAll('.leaflet-overlay-pane path[fill="#f7f6f1"]').length"""
    )
    assert base == 30  # the 30 districts of 2019–2025 (geo/districts.geojson)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("path", "maps"), [("", 1), ("map", 1), ("routes", 1), ("readiness", 1)])
def test_without_the_map_files_every_map_is_a_notice(
    laptop: Any, server_without_assets: Server, path: str, maps: int, lang: str
) -> None:
    laptop.goto(f"{server_without_assets.url}/{path}?lang={lang}", timeout=TIMEOUT_MS)
    notice = laptop.get_by_text(t("map.assets_missing", lang, dir="").split(":")[0])
    notice.first.wait_for(timeout=TIMEOUT_MS)
    laptop.wait_for_timeout(1000)
    assert notice.count() == maps
    assert "make assets" in notice.first.inner_text()
    assert laptop.locator(MAP_FRAME).count() == 0
    assert_no_error_shown(laptop)
    log = server_without_assets.log.read_text(encoding="utf-8", errors="replace")
    assert "offline map files missing" in log
