"""Booth layouts along street lines: what an event organiser sees on the map and in the downloads.

TEST GEOMETRY, not the real streets: lines are built here in EPSG:32648 metres around the
estimated midpoint of the Trịnh Công Sơn walking street (21.0775 N, 105.8165 E; facts.md §8),
inside Hanoi's extent, and converted to EPSG:4326 as a user's drawing would be.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import subprocess
import sys

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely import LineString

from ocop_geo.config import REPO_ROOT
from ocop_geo.events.booths import (
    DEFAULT_COUNT,
    BoothError,
    BoothRules,
    Layout,
    Street,
    Zone,
    layout_csv,
    layout_geojson,
    plan_booths,
    streets_from_geojson,
)
from ocop_geo.geo import METRIC

TO_WGS84 = Transformer.from_crs(METRIC, "EPSG:4326", always_xy=True)
X0, Y0 = Transformer.from_crs("EPSG:4326", METRIC, always_xy=True).transform(105.8165, 21.0775)
RULES = BoothRules()
TOUCH = 0.005  # each booth shrunk by 5 mm: neighbours may touch within 1 cm, not overlap


def street(ident: str, *offsets: tuple[float, float]) -> Street:
    """A test street through points given in metres east/north of the TCS midpoint."""
    coords = [TO_WGS84.transform(X0 + dx, Y0 + dy) for dx, dy in offsets]
    return Street(ident, f"Phố thử {ident}", LineString(coords))


def feature(coords: list, **props: object) -> dict:
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "LineString", "coordinates": coords}}  # fmt: skip


STRAIGHT = street("straight", (0, 0), (600, 0))
L_SHAPE = street("L", (0, 0), (300, 0), (300, 200))  # a 90° left turn
ZIGZAG = street("zigzag", (0, 0), (120, 0), (40, 30), (140, 60))  # turns of about 160°
U_TURN = street("U", (0, 0), (100, 0), (100, 8), (0, 8))  # legs 8 m apart: one inner row
CROSSING = [street("a", (0, 0), (400, 0)), street("b", (200, -150), (200, 150))]
JITTER = 0.05  # a straight street clicked every 10 m, each click 5 cm off the line
WOBBLY = street("wobbly", *((x, JITTER * (-1) ** (x // 10)) for x in range(0, 601, 10)))
#: streets, booths asked for, how far (m) a booth may reach past aisle/2 + depth
LAYOUTS = {
    "straight": ([STRAIGHT], 150, 0.01),
    "L-shape": ([L_SHAPE], 250, 0.01),
    "zigzag": ([ZIGZAG], 200, 0.01),
    "U-turn": ([U_TURN], 200, 0.01),
    "two crossing streets": (CROSSING, 300, 0.01),
    "closed loop": ([street("loop", (0, 0), (100, 0), (100, 80), (0, 80), (0, 0))], 400, 0.01),
    "wobbly": ([WOBBLY], 300, 2 * JITTER + 0.01),  # straight booths beside a wavy line
}


def metric_booths(layout: Layout) -> list[shapely.Polygon]:
    return list(layout.booths.to_crs(METRIC).geometry)


def metric_lines(streets: list[Street]) -> list[LineString]:
    return list(gpd.GeoSeries([s.line for s in streets], crs="EPSG:4326").to_crs(METRIC))


def test_straight_street_takes_the_150_booths_of_a_regional_event() -> None:
    layout = plan_booths([STRAIGHT])
    assert layout.requested == DEFAULT_COUNT == 150
    assert (layout.placed, layout.fits, layout.missing_m) == (150, True, 0.0)
    assert layout.booths["booth_no"].tolist() == list(range(1, 151))
    # 590 m between the end clearances: floor((590 + 0.5) / 3.5) = 168 booths a row, two rows
    assert layout.capacity == 336
    assert layout.per_street[["left", "right", "capacity", "placed"]].iloc[0].tolist() == [
        168, 168, 336, 150]  # fmt: skip
    assert layout.booths.crs.to_epsg() == 4326
    assert set(layout.booths["side"]) == {"left", "right"}
    # numbered along the street: left and right booths alternate from the start
    assert layout.booths["side"].tolist()[:4] == ["left", "right", "left", "right"]
    assert layout.booths["along_m"].tolist()[:4] == [5.0, 5.0, 8.5, 8.5]


@pytest.mark.parametrize("case", LAYOUTS)
def test_booths_never_overlap_and_stand_beside_the_walkway(case: str) -> None:
    streets, count, slack = LAYOUTS[case]
    layout = plan_booths(streets, count=count)
    booths, lines = metric_booths(layout), metric_lines(streets)
    assert layout.placed > 0
    shrunk = [b.buffer(-TOUCH) for b in booths]
    tree = shapely.STRtree(shrunk)
    pairs = [(int(i), int(j)) for i, j in zip(*tree.query(shrunk, predicate="intersects"),
                                                strict=True) if i < j]  # fmt: skip
    assert pairs == []
    half = RULES.aisle_m / 2
    band = shapely.union_all([ln.buffer(half + RULES.depth_m + slack) for ln in lines])
    assert all(band.covers(b) for b in booths)
    assert min(min(ln.distance(b) for ln in lines) for b in booths) >= half - 0.01
    areas = np.array([b.area for b in booths])
    assert np.allclose(areas, RULES.width_m * RULES.depth_m, rtol=1e-3)


def test_l_shaped_street_places_no_booth_across_the_bend() -> None:
    layout = plan_booths([L_SHAPE], count=1000)
    # the two straight legs, each 1 cm longer at the corner (booths of the outside row end there)
    east, north = (LineString(part) for part in ([(0, 0), (300.01, 0)], [(300, -0.01), (300, 200)]))
    legs = [shapely.affinity.translate(leg, X0, Y0) for leg in (east, north)]
    reach = RULES.aisle_m / 2 + RULES.depth_m + 0.01
    bands = [leg.buffer(reach, cap_style="flat") for leg in legs]
    on_leg = [[band.covers(b) for band in bands] for b in metric_booths(layout)]
    assert all(any(flags) for flags in on_leg)  # each booth beside one straight leg
    assert {flags.index(True) for flags in on_leg} == {0, 1}
    # inside of the turn: (aisle/2 + depth) · tan(45°) = 5 m kept clear on both legs
    assert layout.per_street[["left", "right"]].iloc[0].tolist() == [83 + 54, 84 + 55]


def test_a_street_drawn_with_many_clicks_keeps_its_capacity() -> None:
    assert plan_booths([WOBBLY]).capacity == plan_booths([STRAIGHT]).capacity == 336


def test_zones_follow_the_street_in_the_order_given() -> None:
    zones = [Zone("Thanh Hóa", 40), Zone("Nghệ An", 0), Zone("Đắk Lắk", 60), Zone("Huế", 50)]
    layout = plan_booths([STRAIGHT, L_SHAPE], zones=zones)
    assert layout.requested == 150
    rank = {z.name: k for k, z in enumerate(zones)}
    numbers = layout.booths.sort_values("booth_no")["zone"].map(rank).to_numpy()
    assert np.all(np.diff(numbers) >= 0)
    assert layout.booths["zone"].value_counts().to_dict() == {
        "Đắk Lắk": 60, "Huế": 50, "Thanh Hóa": 40}  # fmt: skip
    assert layout.per_zone["placed"].tolist() == [40, 0, 60, 50]


def test_two_streets_are_walked_in_order() -> None:
    streets = [street("second", (0, 50), (100, 50)), street("first", (0, 0), (100, 0))]
    layout = plan_booths(streets, count=60)
    ids = layout.booths["street_id"].tolist()
    assert ids == sorted(ids, key=["second", "first"].index)
    assert layout.per_street["placed"].tolist() == [50, 10]


def test_too_short_street_places_what_fits_and_says_how_much_more_is_needed() -> None:
    short = street("short", (0, 0), (100, 0))
    zones = [Zone("Lào Cai", 30), Zone("Hà Giang", 120)]
    layout = plan_booths([short], zones=zones)
    # 90 m between the clearances: floor(90.5 / 3.5) = 25 booths a row
    assert (layout.fits, layout.capacity, layout.placed) == (False, 50, 50)
    assert layout.missing_m == math.ceil((150 - 50) / 2) * (RULES.width_m + RULES.gap_m) == 175
    assert layout.per_zone["placed"].tolist() == [30, 20]
    longer = street("longer", (0, 0), (100 + layout.missing_m, 0))
    assert plan_booths([longer], zones=zones).fits


def test_street_shorter_than_its_end_clearances_takes_no_booth() -> None:
    layout = plan_booths([street("stub", (0, 0), (8, 0))])
    assert (layout.fits, layout.capacity, layout.placed, layout.missing_m) == (False, 0, 0, 262.5)
    assert layout.booths.empty
    assert json.loads(layout_geojson(layout))["features"] == []
    assert layout_csv(layout).decode("utf-8-sig").startswith("booth_no,zone,")


def test_one_row_and_custom_sizes() -> None:
    rules = BoothRules(width_m=2.0, depth_m=2.5, gap_m=0.0, aisle_m=3.0, end_clearance_m=0.0,
                       both_sides=False)  # fmt: skip
    layout = plan_booths([street("s", (0, 0), (100, 0))], rules=rules, count=80)
    assert (layout.capacity, layout.placed, layout.missing_m) == (50, 50, 60.0)
    assert set(layout.booths["side"]) == {"left"}
    assert np.allclose([b.area for b in metric_booths(layout)], 5.0, rtol=1e-3)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("width_m", -3, "booth width (width_m) must be > 0 m, got -3"),
        ("width_m", 0, "booth width (width_m) must be > 0 m, got 0"),
        ("depth_m", 0.0, "booth depth (depth_m) must be > 0 m, got 0"),
        ("gap_m", -0.5, "gap between booths (gap_m) must be ≥ 0 m, got -0.5"),
        ("aisle_m", -1, "aisle (aisle_m) must be ≥ 0 m, got -1"),
        ("end_clearance_m", float("nan"), "end clearance (end_clearance_m) must be ≥ 0 m"),
        ("width_m", "3", "booth width (width_m) must be > 0 m, got '3'"),
    ],
)
def test_bad_rules_name_the_field(field: str, value: object, words: str) -> None:
    with pytest.raises(BoothError, match=words.replace("(", r"\(").replace(")", r"\)")):
        BoothRules(**{field: value})


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"streets": []}, "no street chosen"),
        ({"count": 0}, "booth count must be a whole number > 0, got 0"),
        ({"count": -5}, "booth count must be a whole number > 0, got -5"),
        ({"count": 150, "zones": [Zone("A", 100), Zone("B", 40)]},
         "the zones hold 140 booths but count is 150"),
        ({"zones": [Zone("A", 10), Zone("A", 5)]}, "zone names must be unique: 'A'"),
        ({"zones": [Zone("A", 0)]}, "the zones hold no booths"),
        ({"streets": [STRAIGHT, STRAIGHT]}, "street ids must be unique"),
    ],
)  # fmt: skip
def test_bad_plans_are_refused(kwargs: dict, words: str) -> None:
    streets = kwargs.pop("streets", [STRAIGHT])
    with pytest.raises(BoothError, match=words):
        plan_booths(streets, **kwargs)


@pytest.mark.parametrize(
    ("name", "count", "words"),
    [(" ", 3, "zone name must be non-empty"), ("Huế", -1, "zone 'Huế': count must be"),
     ("Huế", 2.5, "zone 'Huế': count must be a whole number")],
)  # fmt: skip
def test_bad_zones_are_refused(name: str, count: object, words: str) -> None:
    with pytest.raises(BoothError, match=words):
        Zone(name, count)  # type: ignore[arg-type]


def test_zone_counts_from_a_table_may_be_numpy_integers() -> None:
    assert Zone("Huế", np.int64(12)).count == 12


GOOD = [[105.8160, 21.0770], [105.8170, 21.0780]]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"{not json", "drawn.geojson: not JSON"),
        (b"\xff\xfe", "drawn.geojson: not UTF-8"),
        ({"type": "Topology"}, "not a GeoJSON FeatureCollection"),
        ({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point",
                                                             "coordinates": GOOD[0]}}]},
         "drawn.geojson: no LineString or MultiLineString feature"),
        ([feature(GOOD), feature([GOOD[0], GOOD[0]])],
         r"drawn.geojson: feature 1 \(id=street-2\): a line needs at least 2 distinct points"),
        ([feature(GOOD), feature([GOOD[0]])], "drawn.geojson: feature 1 .*2 distinct points"),
        ([feature([[21.077, 105.816], [21.078, 105.817]])],
         r"drawn.geojson: feature 0 \(id=street-1\): longitude and latitude look swapped"),
        ([feature([[106.70, 10.77], [106.71, 10.78]])],
         r"drawn.geojson: feature 0 .*outside Hanoi's extent \(lon 106.70000, lat 10.77000\)"),
        ([feature([[105.816, "21.07"], GOOD[1]])], "feature 0 .*not two finite numbers"),
        ([feature(GOOD, id="x"), feature(GOOD, id="x")], "feature 1 .*duplicate id"),
        ([None], "drawn.geojson: feature 0: not a GeoJSON Feature"),
    ],
)  # fmt: skip
def test_bad_geojson_names_the_source_and_feature(data: object, words: str) -> None:
    with pytest.raises(BoothError, match=words):
        streets_from_geojson(data, "drawn.geojson")  # type: ignore[arg-type]


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    data = [feature([[21.077, 105.816], [21.078, 105.817]]), feature([GOOD[0]])]
    with pytest.raises(BoothError) as caught:
        streets_from_geojson(data, "up.geojson")
    assert [line.split(":")[1] for line in str(caught.value).splitlines()] == [
        " feature 0 (id=street-1)", " feature 1 (id=street-2)"]  # fmt: skip


def test_streets_from_an_upload_and_from_st_folium_drawings() -> None:
    multi = {
        "type": "Feature",
        "id": "vtc",
        "properties": {"name": "Vũ Tuấn Chiêu"},
        "geometry": {"type": "MultiLineString", "coordinates": [GOOD, GOOD[::-1]]},
    }
    point = {"type": "Feature", "properties": {},
             "geometry": {"type": "Point", "coordinates": GOOD[0]}}  # fmt: skip
    upload = json.dumps({"type": "FeatureCollection", "features": [
        feature(GOOD, id="tcs", name="Trịnh Công Sơn"), point, multi]}).encode()  # fmt: skip
    streets = streets_from_geojson(b"\xef\xbb\xbf" + upload, "pho.geojson")
    assert [(s.id, s.name) for s in streets] == [
        ("tcs", "Trịnh Công Sơn"),
        ("vtc-1", "Vũ Tuấn Chiêu (1)"),
        ("vtc-2", "Vũ Tuấn Chiêu (2)"),
    ]
    assert streets[0].line.coords[0] == tuple(GOOD[0])
    drawings = [feature(GOOD), point]  # st_folium's all_drawings: a list of features
    assert [s.id for s in streets_from_geojson(drawings, "map")] == ["street-1"]
    assert len(streets_from_geojson(feature(GOOD), "one feature")) == 1


def test_street_refuses_a_line_outside_hanoi() -> None:
    with pytest.raises(BoothError, match="street 'x': lies outside Hanoi"):
        Street("x", "x", LineString([(106.7, 10.77), (106.71, 10.78)]))


@pytest.fixture
def zoned() -> Layout:
    zones = [Zone("Thừa Thiên Huế", 20), Zone("=cmd|' /C calc'!A0", 10), Zone("Gia Lai", 12)]
    return plan_booths(CROSSING, zones=zones)


def test_geojson_download_reads_back_as_the_same_booths(zoned: Layout) -> None:
    data = layout_geojson(zoned)
    doc = json.loads(data)
    assert "crs" not in doc
    assert set(doc["features"][0]["properties"]) == {"booth_no", "zone", "street_id", "side"}
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    assert all(len(f"{v}".split(".")[1]) <= 6 for v in itertools.chain(*ring))
    back = gpd.read_file(io.BytesIO(data))
    assert back.crs.to_epsg() == 4326
    assert len(back) == zoned.placed == 42
    assert back["booth_no"].tolist() == zoned.booths["booth_no"].tolist()
    assert back["zone"].tolist() == zoned.booths["zone"].tolist()
    assert back["side"].tolist() == zoned.booths["side"].tolist()
    gaps = shapely.hausdorff_distance(back.geometry.to_numpy(), zoned.booths.geometry.to_numpy())
    assert gaps.max() < 1e-6


def test_csv_download_keeps_vietnamese_and_defuses_formulas(zoned: Layout) -> None:
    data = layout_csv(zoned)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 42
    assert list(rows[0]) == ["booth_no", "zone", "street_id", "street_name", "side", "along_m",
                             "lon", "lat"]  # fmt: skip
    assert rows[0]["zone"] == "Thừa Thiên Huế"
    assert rows[0]["street_name"] == "Phố thử a"
    assert rows[25]["zone"] == "'=cmd|' /C calc'!A0"
    assert float(rows[0]["lon"]) == pytest.approx(zoned.booths["lon"].iloc[0])


def test_bench_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, "bench/booths.py", "--sizes", "150", "--repeat", "1"],
        capture_output=True, text=True, cwd=REPO_ROOT, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "150 booths" in result.stdout
    assert "same booths: yes" in result.stdout
