"""Every page, in Vietnamese and English, passes axe-core's WCAG 2 A and AA rules at 1366×768.

axe-core (the accessibility rules engine, MPL-2.0) comes from the npm registry as a pinned
tarball checked against its sha512 (``make test-assets``, see ocop_geo.maps.assets.TEST_TOOLS).
It is injected into the page and into every frame (the maps' Leaflet frames included), so what
our map HTML draws — legend, popups, control labels — is checked too.

On every map the first popup is opened before axe runs, so a popup's HTML is checked as well.
Nothing is excluded today (:data:`EXCLUDED` would list a third-party element axe must skip,
each with its reason; the README's "Accessibility" line repeats the list).
"""

from __future__ import annotations

from typing import Any

import pytest

from ocop_geo.maps.assets import TEST_TOOLS, TEST_TOOLS_DIR
from tests.e2e.conftest import TOUR, Visit
from tests.e2e.test_browser import MAP_FRAME, TIMEOUT_MS

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa"]

#: CSS selectors axe leaves out, each with why (genuinely third party and not fixable by us).
EXCLUDED: dict[str, str] = {}

AXE = TEST_TOOLS_DIR / "{}@{}".format(*next(iter(TEST_TOOLS))) / "axe.min.js"

#: Runs axe on the document (and, through the injected copies, its frames); the violations.
RUN_AXE = """async ([tags, exclude]) => {
  const result = await axe.run({include: [document], exclude: exclude.map(s => [s])},
                               {runOnly: {type: 'tag', values: tags},
                                resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html.slice(0, 160),
                              summary: (n.failureSummary || '').replace(/\\s+/g, ' ')}))
  }));
}"""


#: Opens the popup of the first marker or shape on the map that has one (not a click: the page
#: does not rerun).
OPEN_A_POPUP = """() => {
  let opened = false;
  window.map.eachLayer(l => {
    if (!opened && l.getPopup && l.getPopup() && (l.getLatLng || l.getBounds)) {
      l.openPopup(); opened = true;
    }
  });
  return opened;
}"""


def settle(page: Any) -> None:
    """Wait until Streamlit's script is not running (for a second) and the maps are drawn."""
    app = page.locator('[data-testid="stApp"]')
    steady = 0
    while steady < 4:
        app.and_(page.locator('[data-test-script-state="notRunning"]')).wait_for(timeout=TIMEOUT_MS)
        page.wait_for_timeout(250)
        running = app.get_attribute("data-test-script-state") != "notRunning"
        steady = 0 if running else steady + 1
    for index in range(page.locator(MAP_FRAME).count()):
        frame = page.frame_locator(MAP_FRAME).nth(index)
        frame.locator(".leaflet-control-zoom").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)  # the legend and fitBounds run after the map is drawn


def violations(page: Any, name: str, axe: str) -> list[str]:
    """One line per failing element on the page open in ``page`` (settled): rule id, page,
    element (axe's CSS target) and why."""
    maps = [f for f in page.frames if "streamlit_folium.st_folium" in f.url]
    opened = [frame.evaluate(OPEN_A_POPUP) for frame in maps]  # a popup's HTML is ours too
    assert any(opened) or not name.startswith("map ("), "the explorer's markers have popups"
    page.wait_for_timeout(300)
    for frame in page.frames:  # axe checks a frame only when it runs inside it too
        frame.evaluate(axe)
    found = page.evaluate(RUN_AXE, [TAGS, list(EXCLUDED)])
    return [
        f"{v['id']} ({v['impact']}) on {name} at {' > '.join(n['target'])}: "
        f"{n['summary']} — {n['html']}"
        for v in found
        for n in v["nodes"]
    ]


def axe_script() -> str:
    assert AXE.is_file(), f"{AXE} is missing: run `make test-assets`"
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_passes_axe_wcag2_a_and_aa(page_tour: dict[str, Visit], lang: str) -> None:
    """Every page of tests/e2e/conftest.TOUR (a site and a tour chosen, so tables and maps are
    drawn), checked in the one pass over the pages the language test reads as well."""
    found = [line for visit in page_tour.values() if visit.lang == lang for line in visit.axe]
    assert len({v.name for v in page_tour.values() if v.lang == lang}) == len(TOUR)
    assert not found, f"{len(found)} axe violations:\n" + "\n".join(found)
