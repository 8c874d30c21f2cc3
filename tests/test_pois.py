"""Tourism stops and published routes: sourced data, stops a router can use, precise problems."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
import shapely
from pyproj import Geod

from ocop_geo.config import REPO_ROOT, Settings
from ocop_geo.geo import METRIC, WGS84, locate
from ocop_geo.i18n import t
from ocop_geo.layers import poi_estimate
from ocop_geo.layers.catalog import Catalog, check_files
from ocop_geo.layers.opening_hours import format_opening_hours
from ocop_geo.layers.schema import COORD_METHODS, LAYERS
from ocop_geo.routing.stops import (
    DEFAULT_SITE_VISIT_MIN,
    SITE_VISITS,
    load_routes,
    load_stops,
    parse_opening_hours,
)

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


def admin_area_stops(catalog: Catalog) -> list[tuple[str, Any, str, Any]]:
    """``(id, row, unit name, unit polygon)`` of every stop placed by ``admin_area_point``; the
    unit is looked up here from the stop's layer and name (not through ``poi_estimate``)."""
    layers = {
        "wards_2025": (catalog.wards, "ward_2025_vi"),
        "districts": (catalog.districts, "district_2020_vi"),
    }
    found = []
    for pid, row in catalog.pois[catalog.pois["coord_method"] == "admin_area_point"].iterrows():
        frame, name_field = layers[row["coord_unit_layer"]]
        [unit] = frame.geometry[frame["name_vi"] == row[name_field]]
        found.append((pid, row, row[name_field], unit))
    return found


def test_villages_without_a_sourced_coordinate_are_placed_in_their_unit(catalog: Catalog) -> None:
    """The Nam Thăng Long villages and the craft villages near the sites have no page giving
    their coordinate: each sits in the smallest unit a source puts it in, labelled E."""
    stops = admin_area_stops(catalog)
    units = {pid: name for pid, _, name, _ in stops}
    assert (
        units.items()
        >= {
            "binh-da": "Xã Bình Minh",
            "quang-phu-cau": "Ứng Hòa",
            "phung-xa": "Mỹ Đức",
            "kim-lan": "Xã Bát Tràng",
            "duong-noi": "Phường Dương Nội",
            "da-sy": "Phường Kiến Hưng",
        }.items()
    )
    for pid, row, name, _ in stops:
        assert row["coord_confidence"] == "E", pid
        assert "admin_area_point" in row["coord_source"], pid
        assert name in row["coord_source"], pid
        assert URL.search(row["coord_source"]), f"{pid}: no source puts the place in its unit"


def test_admin_area_points_are_rederived_from_the_boundary_layers(catalog: Catalog) -> None:
    """Every admin_area_point stop is exactly what the committed boundary layers give."""
    stops = admin_area_stops(catalog)
    assert stops
    for pid, row, _, unit in stops:
        lon, lat, accuracy = poi_estimate.admin_area_point(unit)
        assert (round(row.geometry.x, 6), round(row.geometry.y, 6)) == (lon, lat), pid
        assert row["coord_accuracy_m"] == accuracy, pid


def test_admin_area_point_is_inside_its_unit_and_covers_all_of_it(catalog: Catalog) -> None:
    """The place can be anywhere in its unit: the radius reaches the farthest boundary point,
    and is that distance rounded up to 100 m (not more)."""
    for pid, row, _, unit in admin_area_stops(catalog):
        assert unit.contains(row.geometry), pid
        metric = gpd.GeoSeries([unit.boundary, row.geometry], crs=WGS84).to_crs(METRIC)
        farthest = shapely.hausdorff_distance(metric.iloc[1], metric.iloc[0], densify=0.05)
        assert farthest <= row["coord_accuracy_m"] < farthest + 100, pid


def test_every_coordinate_method_has_a_popup_label() -> None:
    for method in COORD_METHODS:
        for lang in ("vi", "en"):
            label = t(f"poi.coord.{method}", lang, m="5.900")
            assert "±5.900 m" in label, (method, lang)  # a label, not the bare key
    assert "ước tính" in t("poi.coord.admin_area_point", "vi", m="1")
    assert "estimate" in t("poi.coord.admin_area_point", "en", m="1")


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


def test_nam_thang_long_route_runs_centre_to_my_duc_in_the_published_order() -> None:
    """Trung tâm Hà Nội → Bình Đà (Thanh Oai) → Quảng Phú Cầu (Ứng Hòa) → Phùng Xá (Mỹ Đức)."""
    stops = load_stops()
    route = next(r for r in load_routes() if r.id == "nam-thang-long")
    assert route.stops == ("ho-hoan-kiem", "binh-da", "quang-phu-cau", "phung-xa")
    assert route.stops_published_vi[0] == "Trung tâm Hà Nội"
    assert route.published == "2024-04-12"
    assert route.mode == "car"
    assert "car assumed" in route.note_en  # the source names no vehicle
    assert [stops[s].coord_estimate for s in route.stops] == [False, True, True, True]
    # each village is further from the centre than the last (the route heads south-west)
    geod = Geod(ellps="WGS84")
    centre = stops["ho-hoan-kiem"]
    far = [geod.inv(centre.lon, centre.lat, stops[s].lon, stops[s].lat)[2] for s in route.stops]
    assert far == sorted(far)


def test_gia_lam_tour_visits_kim_lan_before_bat_trang() -> None:
    route = next(r for r in load_routes() if r.id == "gia-lam-heritage")
    assert route.stops == ("phu-dong", "den-ba-tam", "kim-lan", "bat-trang")
    published = route.stops_published_vi
    assert published.index("Bảo tàng gốm sứ và lịch sử xã Kim Lan") < published.index(
        "Làng gốm Bát Tràng"
    )
    assert "Not placed" not in route.note_en
    assert "kim-lan" in route.note_en


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
    from ocop_geo.layers.validate import DataError

    path = edit_layer(
        "pois.geojson",
        lambda d: feature(d, "tay-phuong")["properties"].update(source=["kinhnghiemdulichviet"]),
    )
    with pytest.raises(DataError, match=r"field 'source\[0\]': must be an http\(s\) URL"):
        Catalog.load(Settings(geo_dir=geo_copy))
    result = subprocess.run(
        [sys.executable, "-m", "ocop_geo.cli.entry", "validate", str(path)],
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


def test_an_admin_area_point_that_does_not_match_its_unit_is_named(
    geo_copy: Path, edit_layer: Edit, catalog: Catalog
) -> None:
    row = catalog.pois.loc["da-sy"]
    pos = list(catalog.pois.index).index("da-sy")
    edit_layer(
        "pois.geojson", lambda d: feature(d, "da-sy")["properties"].update(coord_accuracy_m=1000)
    )
    at = f"[{row.geometry.x:.6f}, {row.geometry.y:.6f}]"
    assert problems_for(geo_copy) == [
        f"pois.geojson: feature {pos} (id=da-sy): field 'geometry': is {at} ±1000 m but the "
        f"representative point of 'Phường Kiến Hưng' (wards_2025.geojson) is {at} "
        f"±{row['coord_accuracy_m']} m; recompute with `python -m ocop_geo.layers.poi_estimate`"
    ]


def test_admin_area_point_needs_its_layer_and_an_estimate_label(
    geo_copy: Path, edit_layer: Edit
) -> None:
    def edit(doc: dict[str, Any]) -> None:
        feature(doc, "binh-da")["properties"].update(coord_unit_layer=None)
        feature(doc, "kim-lan")["properties"].update(coord_confidence="P")
        feature(doc, "kieu-ky")["properties"].update(coord_unit_layer="districts")

    edit_layer("pois.geojson", edit)
    found = problems_for(geo_copy)
    assert len(found) == 3
    assert any("(id=binh-da): field 'coord_unit_layer': an admin_area_point" in p for p in found)
    assert any("(id=kim-lan): field 'coord_confidence': an admin_area_point" in p for p in found)
    assert any("(id=kieu-ky): field 'coord_unit_layer': is only for" in p for p in found)


def test_the_estimate_step_rewrites_stops_and_routes(
    geo_copy: Path, edit_layer: Edit, catalog: Catalog
) -> None:
    """``python -m ocop_geo.layers.poi_estimate`` puts a moved estimate back and redraws its
    routes."""
    names = ("pois.geojson", "routes.geojson")
    committed = {n: (geo_copy / n).read_text(encoding="utf-8") for n in names}
    edit_layer(
        "pois.geojson",
        lambda d: feature(d, "binh-da")["geometry"].update(coordinates=[105.76, 20.9]),
    )
    edit_layer(
        "routes.geojson",
        lambda d: feature(d, "nam-thang-long")["geometry"]["coordinates"].__setitem__(
            1, [105.76, 20.9]
        ),
    )
    # stop and route vertex agree, but not with the stop's unit
    assert [p.split("field ")[1][:10] for p in problems_for(geo_copy)] == ["'geometry'"]
    result = subprocess.run(
        [sys.executable, "-m", "ocop_geo.layers.poi_estimate", str(geo_copy)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=True,
        timeout=120,
    )
    row = catalog.pois.loc["binh-da"]
    assert (
        f"binh-da: Xã Bình Minh → {row.geometry.y:.6f}, {row.geometry.x:.6f} "
        f"±{row['coord_accuracy_m']:,} m"
    ) in result.stdout
    assert problems_for(geo_copy) == []
    for name, text in committed.items():
        assert (geo_copy / name).read_text(encoding="utf-8") == text, name
