"""Tourism stops and published routes: sourced data, stops a router can use, precise problems."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pyproj import Geod

from ocop_geo.catalog import Catalog, check_files
from ocop_geo.config import REPO_ROOT, Settings
from ocop_geo.geo import locate
from ocop_geo.opening_hours import format_opening_hours
from ocop_geo.routing.stops import (
    DEFAULT_SITE_VISIT_MIN,
    SITE_VISITS,
    load_routes,
    load_stops,
    parse_opening_hours,
)
from ocop_geo.schema import LAYERS

Edit = Callable[[str, Callable[[dict[str, Any]], None]], Path]
URL = re.compile(r"https?://\S+")


def feature(doc: dict[str, Any], fid: str) -> dict[str, Any]:
    """The feature of ``fid`` in a parsed layer document."""
    return next(f for f in doc["features"] if f["properties"]["id"] == fid)


def problems_for(geo: Path) -> list[str]:
    _, problems = check_files({n: s.path(geo) for n, s in LAYERS.items()})
    return [str(p) for p in problems]


# -- the committed data ----------------------------------------------------------------------


def test_every_poi_says_what_it_is_and_where_that_comes_from(catalog: Catalog) -> None:
    assert len(catalog.pois) >= 5
    for pid, row in catalog.pois.iterrows():
        assert row["source"], pid
        assert all(url.startswith(("http://", "https://")) for url in row["source"]), pid
        assert URL.search(row["coord_source"]), f"{pid}: the coordinate names no page"
        assert row["what_vi"].strip(), pid
        assert row["what_en"].strip(), pid
        if row["visit_min_confidence"] == "E":
            assert "estimate" in row["visit_min_source"], pid
        else:  # derived from a published itinerary: the itinerary is cited
            assert URL.search(row["visit_min_source"]), pid


def test_commune_centre_accuracy_follows_the_documented_rule(catalog: Catalog) -> None:
    """±(1.5 × radius of a circle of the commune's area), rounded up to 100 m."""
    communes = catalog.pois[catalog.pois["coord_method"] == "commune_article"]
    assert len(communes) >= 3
    for pid, row in communes.iterrows():
        area = float(re.search(r"area ([\d.]+) km²", row["coord_source"])[1])
        expected = math.ceil(1.5 * math.sqrt(area / math.pi) * 1000 / 100) * 100
        assert row["coord_accuracy_m"] == expected, pid
        assert row["coord_confidence"] == "E", pid  # a commune centre is not the place itself


def test_each_stop_lies_in_its_stated_ward_and_district(catalog: Catalog) -> None:
    wards = locate(catalog.pois, catalog.wards, field="name_vi")
    districts = locate(catalog.pois, catalog.districts, field="name_vi")
    assert list(wards) == list(catalog.pois["ward_2025_vi"])
    assert list(districts) == list(catalog.pois["district_2020_vi"])


def test_ids_are_unique_across_sites_and_pois(catalog: Catalog) -> None:
    ids = [*catalog.sites.index, *catalog.pois.index]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_route_stops_resolve_and_the_line_runs_through_them() -> None:
    stops = load_stops()
    routes = load_routes()
    cat = Catalog.load()
    assert len(routes) >= 3
    for route in routes:
        assert len(route.stops) >= 2, route.id
        assert set(route.stops) <= stops.keys(), route.id
        assert len(route.stops_published_vi) >= len(route.stops), route.id
        line = [c for xy in cat.routes.loc[route.id].geometry.coords for c in xy]
        expected = [c for s in route.stops for c in stops[s].lonlat]
        assert line == pytest.approx(expected, abs=1e-6), route.id
        assert route.source, route.id
        assert all(u.startswith("https://") for u in route.source), route.id
        if route.schedule is not None:
            assert len(route.schedule) == len(route.stops)


def test_published_itinerary_times_match_the_operator_page() -> None:
    """Du lịch Minh Anh: 09:00 Sơn Đồng, 10:15 Đường Lâm, 15:00 Tây Phương, 16:30 Vạn Phúc."""
    tour = next(r for r in load_routes() if r.schedule)
    assert tour.stops == ("son-dong", "duong-lam", "tay-phuong", "van-phuc")
    assert tour.schedule == ("09:00", "10:15", "15:00", "16:30")
    assert tour.published is None  # the page is undated: we say so rather than guess


def test_stops_carry_visit_time_hours_and_estimate_flag(catalog: Catalog) -> None:
    stops = load_stops(catalog=catalog)
    assert set(stops) == {*catalog.sites.index, *catalog.pois.index}
    for pid, row in catalog.pois.iterrows():
        stop = stops[pid]
        assert stop.visit_min == row["visit_min"]
        assert stop.coord_accuracy_m == row["coord_accuracy_m"]
        assert stop.coord_estimate is (row["coord_method"] != "landmark_article")
        assert (stop.lon, stop.lat) == (row.geometry.x, row.geometry.y)
    for sid in catalog.sites.index:
        expected = SITE_VISITS[sid].minutes if sid in SITE_VISITS else DEFAULT_SITE_VISIT_MIN
        assert stops[sid].visit_min == expected
        assert stops[sid].opening is None  # no source gives a site's hours
        assert stops[sid].coord_estimate  # every site marker is an estimate
    assert all(v.source.startswith("https://") for v in SITE_VISITS.values())


# -- opening hours ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Mo-Su 07:00-18:00", ((420, 1080),)),
        ("Mo-Su 07:00-11:30,13:30-17:00", ((420, 690), (810, 1020))),
        ("08:00-17:00", ((480, 1020),)),
        ("Mo-Su 18:00-24:00", ((1080, 1440),)),
        ("24/7", ((0, 1440),)),
        (None, None),
    ],
)
def test_opening_hours_in_the_supported_subset(
    text: str | None, hours: tuple[tuple[int, int], ...] | None
) -> None:
    assert parse_opening_hours(text) == hours
    if text is not None and " " in text:
        assert format_opening_hours(hours) == text


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Mo-Fr 08:00-17:00", "only rules for every day"),
        ("Mo-Su 07:00-18:00; PH off", "only one rule"),
        ("Mo-Su 17:00-08:00", "ends before it starts"),
        ("Mo-Su 07:00-12:00,11:00-13:00", "overlaps"),
        ("Mo-Su 07:60-12:00", "is not a time of day"),
        ("Mo-Su 7:00-12:00", "is not an interval HH:MM-HH:MM"),
        ("sunrise-sunset", "is not an interval"),
        ("  ", "empty"),
    ],
)
def test_bad_opening_hours_say_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        parse_opening_hours(text)


# -- the validator on broken copies ----------------------------------------------------------


def test_committed_tour_layers_pass(geo_copy: Path) -> None:
    assert problems_for(geo_copy) == []


def test_missing_field_names_file_feature_and_field(geo_copy: Path, edit_layer: Edit) -> None:
    edit_layer("pois.geojson", lambda d: feature(d, "kieu-ky")["properties"].pop("visit_min"))
    assert problems_for(geo_copy) == [
        "pois.geojson: feature 0 (id=kieu-ky): field 'visit_min': missing"
    ]


def test_swapped_lat_lon_is_named(geo_copy: Path, edit_layer: Edit) -> None:
    def swap(doc: dict[str, Any]) -> None:
        geom = feature(doc, "van-ha")["geometry"]
        geom["coordinates"] = geom["coordinates"][::-1]

    edit_layer("pois.geojson", swap)
    [problem] = problems_for(geo_copy)
    assert problem.startswith("pois.geojson: feature 6 (id=van-ha): field 'geometry': longitude")
    assert "look swapped" in problem


def test_unknown_route_stop(geo_copy: Path, edit_layer: Edit) -> None:
    edit_layer(
        "routes.geojson",
        lambda d: feature(d, "hanoi-bat-trang-bicycle")["properties"].update(
            stops=["cho-dong-xuan", "ho-tay"]
        ),
    )
    found = problems_for(geo_copy)
    assert found == [
        "routes.geojson: feature 1 (id=hanoi-bat-trang-bicycle): field 'stops': unknown stop "
        "'ho-tay': not an id in sites.geojson or pois.geojson"
    ]


def test_duplicate_id_across_sites_and_pois(geo_copy: Path, edit_layer: Edit) -> None:
    edit_layer("pois.geojson", lambda d: feature(d, "kieu-ky")["properties"].update(id="bat-trang"))
    found = problems_for(geo_copy)
    assert (
        "pois.geojson: feature 0 (id=bat-trang): field 'id': id 'bat-trang' is already used in "
        "sites.geojson; ids must be unique across sites and POIs (they are routing stop ids)"
    ) in found


def test_a_moved_stop_leaves_its_route_line_behind(geo_copy: Path, edit_layer: Edit) -> None:
    """Editing a stop's position without redrawing the routes through it is caught."""
    edit_layer(
        "pois.geojson",
        lambda d: feature(d, "cho-dong-xuan")["geometry"].update(coordinates=[105.8502, 21.0385]),
    )
    assert problems_for(geo_copy) == [
        "routes.geojson: feature 1 (id=hanoi-bat-trang-bicycle): field 'geometry': vertex 0 is "
        "[105.850031, 21.038164] but stop 'cho-dong-xuan' is at [105.850200, 21.038500]"
    ]


def test_stop_in_the_wrong_ward(geo_copy: Path, edit_layer: Edit) -> None:
    edit_layer(
        "pois.geojson",
        lambda d: feature(d, "kieu-ky")["properties"].update(ward_2025_vi="Xã Bát Tràng"),
    )
    assert problems_for(geo_copy) == [
        "pois.geojson: feature 0 (id=kieu-ky): field 'ward_2025_vi': declares ward/commune "
        "'Xã Bát Tràng' but the point lies in 'Xã Gia Lâm'"
    ]


def test_bad_hours_schedule_and_near_site(geo_copy: Path, edit_layer: Edit) -> None:
    edit_layer(
        "pois.geojson",
        lambda d: feature(d, "son-dong")["properties"].update(
            opening_hours="Mo-Fr 08:00-17:00",
            opening_hours_source="https://example.org/hours",
            near_site="hoan-kiem",
        ),
    )
    edit_layer(
        "routes.geojson",
        lambda d: feature(d, "minh-anh-west-day-tour")["properties"].update(
            schedule=["09:00", "10:15", "15:00"]
        ),
    )
    found = problems_for(geo_copy)
    assert (
        "pois.geojson: feature 1 (id=son-dong): field 'opening_hours': only rules for every day "
        "('Mo-Su HH:MM-HH:MM') are supported; 'Mo-Fr' in 'Mo-Fr 08:00-17:00' is not"
    ) in found
    assert any(
        p.startswith("pois.geojson: feature 1 (id=son-dong): field 'near_site': 'hoan-kiem'")
        for p in found
    )
    assert (
        "routes.geojson: feature 2 (id=minh-anh-west-day-tour): field 'schedule': has 3 times "
        "for 4 stops"
    ) in found


def test_catalog_refuses_and_cli_reports_a_bad_poi(geo_copy: Path, edit_layer: Edit) -> None:
    from ocop_geo.validate import DataError

    path = edit_layer(
        "pois.geojson",
        lambda d: feature(d, "tay-phuong")["properties"].update(source=["kinhnghiemdulichviet"]),
    )
    with pytest.raises(DataError, match=r"field 'source\[0\]': must be an http\(s\) URL"):
        Catalog.load(Settings(geo_dir=geo_copy))
    result = subprocess.run(
        [sys.executable, "-m", "ocop_geo.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "pois.geojson: feature 4 (id=tay-phuong): field 'source[0]': must be an http(s) URL, "
        "got 'kinhnghiemdulichviet'"
    )


def test_route_legs_are_plausible_for_their_mode() -> None:
    """A schematic leg is never longer than the published total (bicycle tour ≈ 15 km)."""
    geod = Geod(ellps="WGS84")
    stops = load_stops()
    for route in load_routes():
        if route.distance_km_published is None:
            continue
        lons = [stops[s].lon for s in route.stops]
        lats = [stops[s].lat for s in route.stops]
        straight_km = geod.line_length(lons, lats) / 1000
        assert straight_km <= route.distance_km_published, route.id
