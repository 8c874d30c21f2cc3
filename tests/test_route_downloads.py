"""The route page's downloads render through ``routing.export.FORMATS`` in the page's language."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import gpxpy

from ocop_geo.routing import describe
from ocop_geo.routing.export import FORMATS
from tests.test_routing_export import KML, SITES, make_route

ROUTE = make_route([SITES["van-phuc"], SITES["sai-son"], SITES["bat-trang"]])


def _kml_description(data: bytes) -> str:
    root = ET.fromstring(data)  # noqa: S314 (our own output)
    return root.find(f"{KML}Document/{KML}description").text  # type: ignore[union-attr]


def test_english_gpx_and_kml_descriptions_are_english() -> None:
    name = describe.default_name(ROUTE, "en")
    english, vietnamese = describe.summary(ROUTE, "en"), describe.summary(ROUTE, "vi")
    assert english != vietnamese
    gpx = gpxpy.parse(FORMATS["gpx"].render(ROUTE, name, "en").decode("utf-8"))
    assert gpx.description == english
    assert all("phút" not in p.description for p in gpx.routes[0].points)
    assert _kml_description(FORMATS["kml"].render(ROUTE, name, "en")) == english
    assert _kml_description(FORMATS["kml"].render(ROUTE, name, "vi")) == vietnamese


def test_the_page_offers_every_format_rendered_in_its_language() -> None:
    from ocop_geo.ui.route_panel import route_files

    files = {f.filename.rsplit(".", 1)[-1]: f for f in route_files(ROUTE, "en")}
    assert sorted(files) == ["csv", "geojson", "gpx", "html", "kml"]
    assert files["gpx"].mime == FORMATS["gpx"].media_type
    gpx = gpxpy.parse(files["gpx"].build().decode("utf-8"))
    assert gpx.description == describe.summary(ROUTE, "en")
    assert _kml_description(files["kml"].build()) == describe.summary(ROUTE, "en")
