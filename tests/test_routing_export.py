"""Route exports read back with the parsers a user's tools use: gpxpy and GDAL for GPX, GDAL
and a namespace-aware XML parser for KML, json/geopandas for GeoJSON, csv for the itinerary."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import geopandas as gpd
import gpxpy
import pyogrio
import pytest
from pyproj import Geod

from ocop_geo.config import REPO_ROOT
from ocop_geo.i18n import number
from ocop_geo.layers.opening_hours import format_hhmm
from ocop_geo.routing.base import Leg, LonLat, Route, Stop, Visit
from ocop_geo.routing.export import FORMATS, to_csv, to_geojson, to_gpx, to_json, to_kml
from ocop_geo.routing.printout import to_print_html
from ocop_geo.routing.tour import warning

GEOD = Geod(ellps="WGS84")
SPEED_M_S = 30 / 3.6  # the hand-made tour below drives at 30 km/h
NAME = "Làng nghề phía Tây — thử nghiệm"
KML = "{http://www.opengis.net/kml/2.2}"


def _sites() -> dict[str, Stop]:
    """The committed sites as stops (positions, names and accuracies from geo/sites.geojson)."""
    doc = json.loads((REPO_ROOT / "geo" / "sites.geojson").read_text(encoding="utf-8"))
    stops = {}
    for feature in doc["features"]:
        p = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        stops[p["id"]] = Stop(
            id=p["id"], name_vi=p["name_vi"], name_en=p.get("name_en") or p["name_vi"],
            lon=lon, lat=lat, visit_min=45, coord_estimate=True,
            coord_accuracy_m=p.get("coord_accuracy_m"),
        )  # fmt: skip
    return stops


SITES = _sites()


def _leg(a: Stop, b: Stop, *, geometry: bool = True) -> Leg:
    """A straight leg with three intermediate geodesic points (a stand-in for a road line)."""
    line: tuple[LonLat, ...] = ()
    if geometry:
        middle = GEOD.npts(a.lon, a.lat, b.lon, b.lat, 3)
        line = (a.lonlat, *((lon, lat) for lon, lat in middle), b.lonlat)
    distance = GEOD.inv(a.lon, a.lat, b.lon, b.lat)[2] * 1.3
    return Leg(a.id, b.id, distance, distance / SPEED_M_S, line)


def make_route(
    stops: list[Stop], *, estimate: bool = True, start: float = 480, **options: object
) -> Route:
    """A route through ``stops`` in the order given, each visited for its ``visit_min``."""
    legs = tuple(_leg(a, b) for a, b in pairwise(stops))
    visits, clock = [], start
    for index, stop in enumerate(stops):
        if index:
            clock += legs[index - 1].duration_s / 60
        visits.append(Visit(stop, clock, clock + stop.visit_min))
        clock += stop.visit_min
    fields = {"mode": "car", "backend": "estimate" if estimate else "roads", "estimate": estimate,
              "start_min": start, "round_trip": False, "optimised": False, "visits": tuple(visits),
              "legs": legs, "entered_distance_m": sum(leg.distance_m for leg in legs),
              "entered_travel_s": sum(leg.duration_s for leg in legs)}  # fmt: skip
    return Route(**(fields | options))  # type: ignore[arg-type]


@pytest.fixture
def route() -> Route:
    return make_route([SITES["van-phuc"], SITES["sai-son"], SITES["duong-lam"], SITES["bat-trang"]])


def _rounded(coords: object) -> list[tuple[float, float]]:
    return [(round(lon, 6), round(lat, 6)) for lon, lat in coords]  # type: ignore[attr-defined]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- GPX


def test_gpx_reads_back_with_gpxpy(route: Route) -> None:
    when = datetime(2025, 3, 8, 1, 30, tzinfo=UTC)
    gpx = gpxpy.parse(to_gpx(route, name=NAME, now=when).decode("utf-8"))
    assert gpx.version == "1.1"
    assert gpx.creator == "OCOP Geo"
    assert gpx.name == NAME
    assert "estimate" in gpx.description
    assert "Ước tính / Estimate" in gpx.description
    assert gpx.time == when
    (rte,) = gpx.routes
    assert [p.name for p in rte.points] == [s.name_vi for s in route.stops]
    assert [(p.longitude, p.latitude) for p in rte.points] == _rounded(
        s.lonlat for s in route.stops
    )
    assert [p.type for p in rte.points] == ["start", "visit", "visit", "end"]
    for point, visit in zip(rte.points, route.visits, strict=True):
        assert format_hhmm(visit.arrive_min) in point.description
        assert format_hhmm(visit.depart_min) in point.description
        assert "45 phút" in point.description
    (trk,) = gpx.tracks
    assert len(trk.segments) == len(route.legs)
    for segment, leg in zip(trk.segments, route.legs, strict=True):
        assert [(p.longitude, p.latitude) for p in segment.points] == _rounded(leg.coords)


def test_gpx_reads_back_with_gdal(route: Route, tmp_path: Path) -> None:
    path = _write(tmp_path, "tour.gpx", to_gpx(route, name=NAME))
    points = pyogrio.read_dataframe(path, layer="route_points")
    assert list(points["name"]) == [s.name_vi for s in route.stops]
    assert list(points["type"]) == ["start", "visit", "visit", "end"]
    routes = pyogrio.read_dataframe(path, layer="routes")
    assert list(routes["name"]) == [NAME]
    assert _rounded(routes.geometry[0].coords) == _rounded(s.lonlat for s in route.stops)
    tracks = pyogrio.read_dataframe(path, layer="tracks")
    parts = list(tracks.geometry[0].geoms)
    assert [_rounded(part.coords) for part in parts] == [_rounded(leg.coords) for leg in route.legs]


def test_gpx_is_namespaced_utf8_and_says_when_figures_are_not_estimates(route: Route) -> None:
    data = to_gpx(replace(route, estimate=False, backend="roads"), name=NAME)
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(data)  # noqa: S314 (our own output)
    assert root.tag == "{http://www.topografix.com/GPX/1/1}gpx"
    desc = root.findtext("{http://www.topografix.com/GPX/1/1}metadata/"
                         "{http://www.topografix.com/GPX/1/1}desc")  # fmt: skip
    assert "roads" in desc
    assert "Estimate" not in desc


def test_gpx_escapes_markup_in_names() -> None:
    odd = replace(SITES["bat-trang"], name_vi='Gốm <b>"Bát Tràng"</b> & Co')
    gpx = gpxpy.parse(to_gpx(make_route([SITES["van-phuc"], odd]), name="A & <B>").decode())
    assert gpx.name == "A & <B>"
    assert gpx.routes[0].points[1].name == 'Gốm <b>"Bát Tràng"</b> & Co'


# -- KML


def test_kml_placemarks_in_order_with_times_and_leg_lines(route: Route) -> None:
    root = ET.fromstring(to_kml(route, name=NAME))  # noqa: S314 (our own output)
    document = root.find(f"{KML}Document")
    assert document.findtext(f"{KML}name") == NAME
    stops, legs = document.findall(f"{KML}Folder")
    names = [p.findtext(f"{KML}name") for p in stops.findall(f"{KML}Placemark")]
    assert names == [f"{i}. {s.name_vi}" for i, s in enumerate(route.stops, start=1)]
    for placemark, visit in zip(stops.findall(f"{KML}Placemark"), route.visits, strict=True):
        assert format_hhmm(visit.arrive_min) in placemark.findtext(f"{KML}description")
        text = placemark.findtext(f"{KML}Point/{KML}coordinates")
        assert tuple(float(v) for v in text.split(",")) == _rounded([visit.stop.lonlat])[0]
    lines = legs.findall(f"{KML}Placemark")
    assert len(lines) == len(route.legs)
    for placemark, leg in zip(lines, route.legs, strict=True):
        text = placemark.findtext(f"{KML}LineString/{KML}coordinates")
        coords = [tuple(float(v) for v in pair.split(",")) for pair in text.split()]
        assert coords == _rounded(leg.coords)
        style = placemark.findtext(f"{KML}styleUrl")
        assert document.find(f"{KML}Style[@id='{style[1:]}']") is not None


def test_kml_reads_back_with_gdal(route: Route, tmp_path: Path) -> None:
    path = _write(tmp_path, "tour.kml", to_kml(route, name=NAME, lang="en"))
    layers = [name for name, _kind in pyogrio.list_layers(path)]
    assert layers == ["Stops", "Legs"]
    stops = pyogrio.read_dataframe(path, layer="Stops")
    stops.columns = stops.columns.str.lower()  # the KML driver says Name, LIBKML says name
    assert list(stops["name"]) == [f"{i}. {s.name_vi}" for i, s in enumerate(route.stops, 1)]
    assert [(round(p.x, 6), round(p.y, 6)) for p in stops.geometry] == _rounded(
        s.lonlat for s in route.stops
    )
    assert "Arrive" in stops["description"][0]
    legs = pyogrio.read_dataframe(path, layer="Legs")
    assert [_rounded(g.coords) for g in legs.geometry] == [
        _rounded(leg.coords) for leg in route.legs
    ]


# -- GeoJSON


def test_geojson_is_rfc7946_lonlat_with_stops_then_legs(route: Route, tmp_path: Path) -> None:
    data = to_geojson(route, name=NAME)
    doc = json.loads(data)
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc
    assert doc["name"] == NAME
    points = [f for f in doc["features"] if f["geometry"]["type"] == "Point"]
    lines = [f for f in doc["features"] if f["geometry"]["type"] == "LineString"]
    assert [f["properties"]["id"] for f in points] == [s.id for s in route.stops]
    assert [f["properties"]["name_vi"] for f in points] == [s.name_vi for s in route.stops]
    assert [f["properties"]["order"] for f in points] == [1, 2, 3, 4]
    for feature, stop in zip(points, route.stops, strict=True):
        lon, lat = feature["geometry"]["coordinates"]
        assert 102 < lon < 110
        assert 8 < lat < 24  # Viet Nam: longitude first
        assert feature["properties"]["coord_accuracy_m"] == stop.coord_accuracy_m
    decimals = re.findall(r"\d+\.(\d+)", json.dumps([f["geometry"] for f in doc["features"]]))
    assert max(len(d) for d in decimals) <= 6
    assert [(f["properties"]["from"], f["properties"]["to"]) for f in lines] == [
        (a.id, b.id) for a, b in pairwise(route.stops)
    ]
    assert sum(f["properties"]["distance_m"] for f in lines) == pytest.approx(doc["distance_m"])
    assert all(f["properties"]["estimate"] is True for f in lines)

    frame = gpd.read_file(_write(tmp_path, "tour.geojson", data))
    assert frame.crs.to_epsg() == 4326
    stops = frame[frame.geometry.geom_type == "Point"]
    assert list(stops["name_vi"]) == [s.name_vi for s in route.stops]
    arrive = [time.strftime("%H:%M") for time in stops["arrive"]]  # GDAL reads HH:MM as a time
    assert arrive == [format_hhmm(v.arrive_min) for v in route.visits]


# -- CSV


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_itinerary_in_order_and_totals_add_up(route: Route) -> None:
    rows = _csv_rows(to_csv(route))
    assert [r["stop_id"] for r in rows] == [s.id for s in route.stops]
    assert [r["name_vi"] for r in rows] == [s.name_vi for s in route.stops]
    assert [r["arrive"] for r in rows] == [format_hhmm(v.arrive_min) for v in route.visits]
    assert rows[0]["leg_km"] == ""
    legs = [float(r["leg_km"]) for r in rows[1:]]
    assert legs == pytest.approx([leg.distance_m / 1000 for leg in route.legs], abs=0.005)
    assert float(rows[-1]["cumulative_km"]) == pytest.approx(route.distance_m / 1000, abs=0.005)
    assert float(rows[-1]["cumulative_km"]) == pytest.approx(sum(legs), abs=0.02)
    assert {r["figures"] for r in rows} == {"estimate"}
    assert {r["closed"] for r in rows} == {"no"}


def test_csv_defuses_formulas_and_keeps_diacritics() -> None:
    evil = replace(SITES["sai-son"], name_vi='=HYPERLINK("http://x")', name_en="+1")
    route = make_route([SITES["van-phuc"], evil], estimate=False)
    rows = _csv_rows(to_csv(route))
    assert rows[0]["name_vi"] == "Vạn Phúc"
    assert rows[1]["name_vi"] == '\'=HYPERLINK("http://x")'
    assert rows[1]["name_en"] == "'+1"
    assert rows[1]["figures"] == "road network"


# -- JSON, printable page


def test_json_lists_stops_legs_totals_and_backend(route: Route) -> None:
    doc = json.loads(to_json(route, name=NAME))
    assert [s["id"] for s in doc["stops"]] == [s.id for s in route.stops]
    assert doc["backend"] == "estimate"
    assert doc["estimate"] is True
    assert sum(leg["distance_m"] for leg in doc["legs"]) == pytest.approx(doc["distance_m"])
    assert sum(leg["duration_s"] for leg in doc["legs"]) == pytest.approx(doc["travel_s"])


def test_print_page_escapes_names_and_shows_estimate_badge() -> None:
    evil = replace(SITES["sai-son"], name_vi="<script>alert(1)</script> Chùa Thầy")
    tour = make_route([SITES["van-phuc"], evil, SITES["duong-lam"]])
    closed = warning("closed", "<script> is reached outside its opening hours", evil.id)
    tour = replace(tour, warnings=(closed, "note — Đường Lâm <đóng cửa> sau 17:00"))
    page = to_print_html(tour, name="<i>Tour</i>", now=datetime(2025, 3, 8, 1, 30, tzinfo=UTC))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Chùa Thầy" in page
    assert "&lt;i&gt;Tour&lt;/i&gt;" in page
    assert "&lt;đóng cửa&gt;" in page  # a warning without translation: as given, escaped
    assert "&lt;/script&gt; Chùa Thầy: đến hoặc rời ngoài giờ mở cửa." in page
    assert '<span class="badge">Ước tính / Estimate</span>' in page
    assert "In lúc 8/3/2025 08:30 (giờ Hà Nội)" in page  # 01:30 UTC is 08:30 in Hanoi
    assert "@media print" in page
    assert "size: A4" in page
    accuracy = number(SITES["van-phuc"].coord_accuracy_m, "vi")
    assert f"Vạn Phúc: vị trí ước tính, sai số ±{accuracy} m" in page
    rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)[1:]
    assert [re.findall(r"<td>(\d\d:\d\d)</td>", r)[0] for r in rows] == [
        format_hhmm(v.arrive_min) for v in tour.visits
    ]


def test_print_page_in_english_without_badge_for_road_figures(route: Route) -> None:
    page = to_print_html(replace(route, estimate=False, backend="roads"), name=NAME, lang="en")
    assert "badge" not in page.split("<body>")[1]
    assert "Total distance" in page
    assert "Vạn Phúc" in page  # the Vietnamese name under the English one
    assert "not optimised" in page


def test_print_page_reports_the_saving_of_an_optimised_route(route: Route) -> None:
    optimised = replace(route, optimised=True, entered_distance_m=route.distance_m + 12_300)
    page = to_print_html(optimised, name=NAME, lang="en")
    assert "12.3 km" in page


def test_a_leg_without_geometry_is_drawn_straight_between_its_stops() -> None:
    a, b = SITES["van-phuc"], SITES["khuyen-cong"]
    route = make_route([a, b])
    route = replace(route, legs=(replace(route.legs[0], coords=()),))
    gpx = gpxpy.parse(to_gpx(route, name=NAME).decode())
    segment = gpx.tracks[0].segments[0]
    assert [(p.longitude, p.latitude) for p in segment.points] == _rounded([a.lonlat, b.lonlat])


def test_round_trip_repeats_the_first_stop_last() -> None:
    a, b = SITES["van-phuc"], SITES["bat-trang"]
    route = make_route([a, b, a], round_trip=True)
    rows = _csv_rows(to_csv(route))
    assert [r["stop_id"] for r in rows] == ["van-phuc", "bat-trang", "van-phuc"]
    page = to_print_html(route, name=NAME)
    accuracy = f"±{number(a.coord_accuracy_m, 'vi')} m"
    assert page.count(accuracy) == 3  # the table notes both visits, the notes list the stop once


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_non_empty_utf8(route: Route, fmt: str) -> None:
    data = FORMATS[fmt].render(route, NAME, "vi")
    assert data.decode("utf-8-sig")
    assert "Vạn Phúc" in data.decode("utf-8-sig")
