"""End to end in Chromium: the route designer draws a tour, a map click adds a stop (rerunning
only the designer fragment), and the GPX download is a real GPX file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import gpxpy
import pytest

from ocop_geo.routing.stops import load_stops
from tests.e2e.conftest import Server
from tests.e2e.test_browser import (
    MAP_FRAME,
    TIMEOUT_MS,
    assert_app_navigation,
    assert_no_error_shown,
)

pytestmark = pytest.mark.browser

STOPS = load_stops()


def open_routes(page: Any, server: Server, query: str) -> Any:
    page.goto(f"{server.url}/routes{query}", timeout=TIMEOUT_MS)
    page.wait_for_selector(MAP_FRAME, timeout=TIMEOUT_MS)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-marker-icon").first.wait_for(timeout=TIMEOUT_MS)
    assert_no_error_shown(page)
    assert_app_navigation(page)
    return frame


def tag_stop_markers(page: Any) -> None:
    """Give each candidate-stop marker a data-stop attribute from its position."""
    positions = {f"{s.lat:.6f},{s.lon:.6f}": sid for sid, s in STOPS.items()}
    frame = next(f for f in page.frames if "streamlit_folium.st_folium" in f.url)
    frame.evaluate(
        """(positions) => {
            window.map.eachLayer(l => {
                if (l._icon && l.getLatLng && !l._icon.textContent.trim()) {
                    const p = l.getLatLng();
                    const id = positions[`${p.lat.toFixed(6)},${p.lng.toFixed(6)}`];
                    if (id) l._icon.setAttribute("data-stop", id);
                }
            });
        }""",
        positions,
    )


def test_a_linked_tour_is_drawn_numbered_with_dashed_estimate_legs(
    page: Any, server: Server, screenshots: Path
) -> None:
    frame = open_routes(page, server, "?stops=van-phuc,duong-lam,bat-trang&opt=1")
    numbers = frame.locator(".leaflet-marker-icon", has_text=re.compile(r"^\d+$"))
    numbers.nth(2).wait_for(timeout=TIMEOUT_MS)
    assert sorted(numbers.all_inner_texts()) == ["1", "2", "3"]
    assert frame.locator('path.leaflet-interactive[stroke-dasharray="8 6"]').count() == 2
    # One candidate dot per stop the data knows.
    dots = frame.locator(".leaflet-marker-icon", has_text=re.compile(r"^$"))
    assert dots.count() == len(STOPS)
    page.get_by_text("Tổng quãng đường (km)").wait_for(timeout=TIMEOUT_MS)
    page.screenshot(path=str(screenshots / "route-designer.png"))


def test_clicking_a_stop_on_the_map_adds_it_and_reruns_only_the_fragment(
    page: Any, server: Server
) -> None:
    frame = open_routes(page, server, "?stops=bat-trang,son-dong")  # van-phuc lies between
    page.wait_for_timeout(1500)
    before_page, before_fragment = server.runs("page:routes"), server.runs("fragment:routes")
    tag_stop_markers(page)
    frame.locator('[data-stop="van-phuc"]').click()
    page.wait_for_url(re.compile(r"stops=bat-trang(%2C|,)son-dong(%2C|,)van-phuc"),
                      timeout=TIMEOUT_MS)  # fmt: skip
    leg = page.get_by_text(STOPS["van-phuc"].name_vi + " ≈").filter(visible=True)
    leg.first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)
    assert server.runs("fragment:routes") > before_fragment
    assert server.runs("page:routes") == before_page, "a click must not rerun the whole page"
    assert_no_error_shown(page)


def test_the_gpx_download_is_a_gpx_file_with_the_tour(page: Any, server: Server) -> None:
    open_routes(page, server, "?stops=sai-son,duong-lam&mode=motorbike")
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name="GPX").click()
    download = info.value
    assert download.suggested_filename == "tour-sai-son-duong-lam-motorbike.gpx"
    gpx = gpxpy.parse(Path(download.path()).read_text(encoding="utf-8"))
    names = [p.name for p in gpx.routes[0].points]
    assert [n.split(". ", 1)[-1] for n in names] == [STOPS["sai-son"].name_vi,
                                                      STOPS["duong-lam"].name_vi]  # fmt: skip
    assert gpx.tracks
    assert gpx.tracks[0].segments[0].points


MANY = (
    "van-phuc,bat-trang,sai-son,duong-lam,khuyen-cong,dong-anh,kieu-ky,son-dong,den-ba-tam,phu-dong"
)


def test_every_chosen_stop_stays_visible_on_a_laptop_screen(laptop: Any, server: Server) -> None:
    """At 1366×768 the list of chosen stops must show each of them (none hidden behind a
    "+N" chip or scrolled out of a clipped box)."""
    open_routes(laptop, server, f"?stops={MANY}")
    # cut off by a scrolling box inside its widget (the page's own scrolling does not count),
    # or shortened with "…" inside
    clipped = """e => { const r = e.getBoundingClientRect(); let p = e.parentElement;
        while (p && p.dataset.testid !== 'stElementContainer') { const s = getComputedStyle(p);
            if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
                const q = p.getBoundingClientRect();
                if (r.bottom > q.bottom + 1 || r.top < q.top - 1
                    || r.right > q.right + 1 || r.left < q.left - 1) return true; }
            p = p.parentElement; }
        return e.scrollWidth > e.clientWidth + 1; }"""
    for stop_id in MANY.split(","):
        name = STOPS[stop_id].name_vi
        shown = laptop.get_by_text(name).filter(visible=True)
        whole = [i for i in range(shown.count()) if not shown.nth(i).evaluate(clipped)]
        assert whole, f"{name} is hidden (scrolled away or cut off) everywhere it is listed"
