"""Every map renders names holding a backslash, ``\\x``, ``\\u``, quotes, a backtick, ``${…}`` or
``</script>`` without a JavaScript error: each map is built with such names, loaded in Chromium
(the offline assets of ``make assets``, so no network is needed) and its page errors counted.

Run alone: ``pytest tests/e2e/test_map_names_browser.py -k candidates``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import folium
import pytest

from ocop_geo.candidates.anchors import load_anchors
from ocop_geo.candidates.candidate_map import candidates_map
from ocop_geo.candidates.reader import Candidate
from ocop_geo.candidates.rings import rings
from ocop_geo.config import REPO_ROOT, Settings
from ocop_geo.events.event_map import venue_map
from ocop_geo.layers.catalog import Catalog
from ocop_geo.maps.builders import explorer_map, overview_map
from ocop_geo.readiness import report
from ocop_geo.readiness.readiness_map import readiness_map
from ocop_geo.readiness.status import overview
from ocop_geo.registry import workflow
from ocop_geo.registry.layers import registry_map
from ocop_geo.routing.estimate import EstimateRouter
from ocop_geo.routing.route_map import designer_map
from ocop_geo.routing.stops import load_stops
from ocop_geo.routing.tour import plan_route, resolve_stops
from tests.test_cli_registry import GOOD as REGISTRY_CSV

pytestmark = pytest.mark.browser

#: Names that end a JavaScript string or template literal, or the script, if not escaped.
EVIL = [
    "Làng \\x gốm",
    "Làng \\u00 lụa \\",
    "Làng \"Cổ\" 'Loa'",
    "Làng `tick` ${alert(1)}",
    "</script><script>window.hit=1</script>",
]
VENDOR = REPO_ROOT / "static" / "vendor"


@pytest.fixture(scope="module")
def settings(monkeypatch_module: pytest.MonkeyPatch) -> Settings:
    if not (VENDOR / "manifest.json").exists():
        pytest.skip("no offline map assets: run `make assets` (CI does)")
    monkeypatch_module.setenv("OCOP_ASSETS_URL", VENDOR.as_uri())
    return Settings.from_env()


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def renamed(frame: Any, column: str = "name_vi") -> Any:
    out = frame.copy()
    out[column] = [EVIL[i % len(EVIL)] for i in range(len(out))]
    if "name_en" in out.columns:
        out["name_en"] = out[column]
    return out


def evil_catalog(settings: Settings) -> Catalog:
    catalog = Catalog.load(settings)
    return dataclasses.replace(
        catalog,
        sites=renamed(catalog.sites),
        venues=renamed(catalog.venues),
        pois=renamed(catalog.pois),
        districts=renamed(catalog.districts),
    )


def explorer(settings: Settings) -> folium.Map:
    return explorer_map(evil_catalog(settings), settings, "vi", wards=True)


def home(settings: Settings) -> folium.Map:
    return overview_map(evil_catalog(settings), settings, "vi")


def candidates(settings: Settings) -> folium.Map:
    points = [Candidate(name, 105.85 + i / 100, 21.13) for i, name in enumerate(EVIL)]
    catalog = evil_catalog(settings)
    around = rings(points[0].lon, points[0].lat)
    return candidates_map(catalog, load_anchors(settings.data_dir), points, settings, "vi",
                          selected=0, rings=around)  # fmt: skip


def routes(settings: Settings) -> folium.Map:
    stops = {
        k: dataclasses.replace(s, name_vi=EVIL[i % len(EVIL)], name_en=EVIL[i % len(EVIL)])
        for i, (k, s) in enumerate(load_stops(settings).items())
    }
    route = plan_route(resolve_stops(["van-phuc", "duong-lam", "bat-trang"], stops),
                       EstimateRouter())  # fmt: skip
    return designer_map(stops, route, settings, "vi")


def events(settings: Settings) -> folium.Map:
    return venue_map(renamed(Catalog.load(settings).venues), settings, "vi")


def readiness(settings: Settings) -> folium.Map:
    sites = report.load_sites(settings)
    criteria = report.load_checklist(settings, sites.index)
    view = overview(criteria, sites.index, {}, date(2020, 10, 31))
    names = {site: EVIL[i % len(EVIL)] for i, site in enumerate(sites.index)}
    return readiness_map(sites, view, names, settings, "vi")


def registry(settings: Settings) -> folium.Map:
    catalog = Catalog.load(settings)
    rows = REGISTRY_CSV.splitlines()
    body = [rows[0]] + [
        row.replace(row.split(",")[0], f'"{EVIL[i % len(EVIL)].replace(chr(34), chr(34) * 2)}"', 1)
        for i, row in enumerate(rows[1:])
    ]
    prepared = workflow.prepare("\n".join(body).encode(), "p.csv", catalog,
                                workflow.gazetteer(catalog))  # fmt: skip
    summary = workflow.summarize(prepared.placed, catalog, level="district")
    return registry_map(catalog, settings, "vi", summary.products, level="district",
                        style="count", counts=summary.counts,
                        distances=summary.distances)  # fmt: skip


MAPS: dict[str, Callable[[Settings], folium.Map]] = {
    "explorer": explorer,
    "home": home,
    "candidates": candidates,
    "routes": routes,
    "events": events,
    "readiness": readiness,
    "registry": registry,
}


@pytest.mark.parametrize("name", list(MAPS))
def test_names_that_break_javascript_render_without_a_page_error(
    browser: Any, settings: Settings, tmp_path: Path, name: str
) -> None:
    html = MAPS[name](settings).get_root().render()
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(500)  # scripts after the map's own (layers, tooltips) have run
        drawn = page.evaluate("() => document.querySelectorAll('.leaflet-interactive').length")
        hit = page.evaluate("() => window.hit === undefined")
    finally:
        page.close()
    assert errors == [], f"{name} map: {len(errors)} page error(s): {errors}"
    assert drawn > 0  # the layers were drawn
    assert hit, "a name ran as a script"
