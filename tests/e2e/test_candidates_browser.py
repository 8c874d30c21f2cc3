"""End to end in Chromium: a click on the Đông Anh map places a candidate site, which is ranked
with its 2025 commune; only the analysis fragment reruns."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Server
from tests.e2e.test_browser import (
    MAP_FRAME,
    TIMEOUT_MS,
    assert_app_navigation,
    assert_no_error_shown,
)

pytestmark = pytest.mark.browser

#: A point in the former Đông Anh district, in today's Xã Đông Anh (near Cổ Loa).
LAT, LON = 21.12, 105.86


def test_clicking_the_map_places_a_ranked_candidate(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/candidates", timeout=TIMEOUT_MS)
    page.wait_for_selector(MAP_FRAME, timeout=TIMEOUT_MS)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("#map_div.leaflet-container").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => f.contentWindow.map)",
        timeout=TIMEOUT_MS,
    )
    assert_no_error_shown(page)
    assert_app_navigation(page)
    page.wait_for_timeout(1500)
    before_page = server.runs("page:candidates")
    before_fragment = server.runs("fragment:candidates")
    leaflet = next(f for f in page.frames if "streamlit_folium.st_folium" in f.url)
    point = leaflet.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]);"
        " return {x: p.x, y: p.y}; }",
        [LAT, LON],
    )
    frame.locator("#map_div").click(position=point)
    # The ring picker shows the new candidate ("Điểm 1" also sits in the canvas grid's hidden
    # cells, which come first in the DOM once the ranking table is drawn).
    page.get_by_text("1. Điểm 1").filter(visible=True).first.wait_for(timeout=TIMEOUT_MS)
    # The ranking table (a canvas grid: its cells are in the DOM, not visible) names the commune.
    page.locator('td[role="gridcell"]', has_text="Xã Đông Anh").first.wait_for(
        state="attached", timeout=TIMEOUT_MS
    )
    page.wait_for_timeout(1500)
    assert server.runs("fragment:candidates") > before_fragment
    assert server.runs("page:candidates") == before_page, "a click must not rerun the whole page"
    assert_no_error_shown(page)
