"""Placing products: coordinates by spatial join, else ward name, else district, else why not."""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point

from bench.synthetic_registry import make_registry, to_csv_bytes
from ocop_geo.geo import METRIC, WGS84
from ocop_geo.layers.catalog import Catalog
from ocop_geo.registry import Gazetteer, naive_place, place, read_registry
from ocop_geo.registry.placement import PLACED_COLUMNS
from ocop_geo.registry.reasons import reason_text


def _en(stored: object) -> str:
    """A stored reason as the English page and the command line show it."""
    return reason_text(stored, "en")


BAT_TRANG = (20.975953, 105.912491)  # vi.wikipedia centroid of the old commune (facts §8)


@pytest.fixture(scope="module")
def gazetteer(catalog: Catalog) -> Gazetteer:
    return Gazetteer.from_catalog(catalog)


def registry(*rows: dict[str, Any]) -> pd.DataFrame:
    """A registry frame as read_registry returns it, from a few fields per row."""
    base = {
        "product_name": "Sản phẩm thử",
        "producer": "Chủ thể thử",
        "stars": 4,
        "product_group": "Thực phẩm",
        "year_rated": 2021,
        "lat": math.nan,
        "lon": math.nan,
        "address": "",
        "ward": "",
        "district": "",
    }
    records = [{"row": i + 2, **base, **row} for i, row in enumerate(rows)]
    return pd.DataFrame.from_records(records)


def polygon(catalog: Catalog, layer: str, name: str) -> Any:
    frame = getattr(catalog, layer)
    return frame.loc[frame["name_vi"] == name].geometry.iloc[0]


def test_coordinates_inside_hanoi_get_both_geographies(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    lat, lon = BAT_TRANG
    placed = place(registry({"lat": lat, "lon": lon}), gazetteer, catalog).iloc[0]
    assert placed["method"] == "coordinates"
    assert (placed["ward_2025"], placed["district_2020"]) == ("Xã Bát Tràng", "Gia Lâm")
    assert placed["ward_osm_id"] == 19317431
    assert placed["district_gso"] == "018"
    assert (placed["placed_lat"], placed["placed_lon"]) == (lat, lon)
    assert _en(placed["reason"]) == ""


def test_one_commune_written_five_ways_lands_in_one_unit(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    ways = ["Phường Hà Đông", "P. Hà Đông", "phuong ha dong", "Phường  Hà   Đông", "HA DONG"]
    placed = place(registry(*({"ward": w} for w in ways)), gazetteer, catalog)
    assert placed["method"].tolist() == ["ward"] * 5
    assert set(placed["ward_2025"]) == {"Phường Hà Đông"}
    assert set(placed["district_2020"]) == {"Hà Đông"}
    # all at the ward's representative point, which lies inside the ward
    assert placed[["placed_lon", "placed_lat"]].drop_duplicates().shape[0] == 1
    ward = polygon(catalog, "wards", "Phường Hà Đông")
    assert ward.contains(Point(placed.loc[0, "placed_lon"], placed.loc[0, "placed_lat"]))


def test_old_names_land_in_their_2025_units(catalog: Catalog, gazetteer: Gazetteer) -> None:
    placed = place(
        registry(
            {"ward": "Phường Vạn Phúc", "district": "Q. Hà Đông"},
            {"ward": "xa Sai Son"},
            {"ward": "Xã Kim Lan", "district": "H. Gia Lâm"},
        ),
        gazetteer,
        catalog,
    )
    assert placed["ward_2025"].tolist() == ["Phường Hà Đông", "Xã Quốc Oai", "Xã Bát Tràng"]
    assert placed["district_2020"].tolist() == ["Hà Đông", "Quốc Oai", "Gia Lâm"]
    assert placed["method"].tolist() == ["ward"] * 3
    assert "Phường Vạn Phúc (Hà Đông) → Phường Hà Đông since 1/7/2025" in _en(
        placed.loc[0, "reason"]
    )
    assert "Xã Sài Sơn (Quốc Oai) → Xã Quốc Oai" in _en(placed.loc[1, "reason"])
    assert placed["matched"].tolist() == ["old name", "old name", "earlier name"]
    assert "'Xã Kim Lan' is an earlier name of Xã Kim Đức (Gia Lâm)" in _en(placed.loc[2, "reason"])


def test_ward_without_district_takes_the_main_predecessor_and_says_so(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    placed = place(registry({"ward": "Xã Bát Tràng"}), gazetteer, catalog).iloc[0]
    assert (placed["ward_2025"], placed["district_2020"]) == ("Xã Bát Tràng", "Gia Lâm")
    assert "former district covering most of Xã Bát Tràng" in _en(placed["reason"])


def test_district_only_rows_are_placed_inside_the_district(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    placed = place(registry({"district": "TX. Sơn Tây"}), gazetteer, catalog).iloc[0]
    assert placed["method"] == "district"
    assert pd.isna(placed["ward_2025"])
    assert pd.isna(placed["ward_osm_id"])
    assert (placed["district_2020"], placed["district_gso"]) == ("Sơn Tây", "269")
    area = polygon(catalog, "districts", "Sơn Tây")
    assert area.contains(Point(placed["placed_lon"], placed["placed_lat"]))


def test_unknown_names_are_unplaced_with_the_reason(catalog: Catalog, gazetteer: Gazetteer) -> None:
    placed = place(
        registry(
            {"ward": "Phú Lương X", "district": "Hà Tay"},
            {"ward": "Phú Lương X", "district": "Q. Hà Đông"},
            {"address": "số 2 phố Hà Cầu, Hà Nội"},
        ),
        gazetteer,
        catalog,
    )
    assert placed["method"].tolist() == ["unplaced", "district", "unplaced"]
    assert _en(placed.loc[0, "reason"]) == "ward 'Phú Lương X' and district 'Hà Tay' not recognised"
    assert math.isnan(placed.loc[0, "placed_lon"])
    assert _en(placed.loc[1, "reason"]).startswith("ward 'Phú Lương X' not recognised")
    assert "no ward or district recognised in the address" in _en(placed.loc[2, "reason"])


def test_coordinates_outside_hanoi_fall_back_to_names_with_the_reason(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    placed = place(
        registry(
            {"lat": 10.7769, "lon": 106.7009, "ward": "Kim Lan", "district": "Gia Lâm"},
            {"lat": 10.7769, "lon": 106.7009},
        ),
        gazetteer,
        catalog,
    )
    first, second = placed.iloc[0], placed.iloc[1]
    assert (first["method"], first["ward_2025"]) == ("ward", "Xã Bát Tràng")
    assert _en(first["reason"]).startswith(
        "coordinates (10.7769, 106.701) lie outside Hanoi; placed by ward name"
    )
    bat_trang = polygon(catalog, "wards", "Xã Bát Tràng")
    assert bat_trang.contains(Point(first["placed_lon"], first["placed_lat"]))
    assert second["method"] == "unplaced"
    assert _en(second["reason"]) == "coordinates outside Hanoi and no ward/district given"


def test_names_are_found_in_the_address(catalog: Catalog, gazetteer: Gazetteer) -> None:
    placed = place(
        registry(
            {"address": "Khu Tinh hoa Làng nghề Việt, thôn 5, xã Bát Tràng, huyện Gia Lâm"},
            {"address": "Thôn Mông Phụ, xã Đường Lâm, thị xã Sơn Tây, Hà Nội"},
            {"address": "176 Quang Trung, quận Hà Đông"},
        ),
        gazetteer,
        catalog,
    )
    # the old xã Bát Tràng was divided on 1/7/2025: placed over its parts, and the row says so
    assert pd.isna(placed.loc[0, "ward_2025"])
    assert placed.loc[1, "ward_2025"] == "Phường Sơn Tây"
    assert placed["method"].tolist() == ["district", "ward", "district"]
    assert placed["matched"].tolist() == ["divided", "old name", "district"]
    assert placed["district_2020"].tolist() == ["Gia Lâm", "Sơn Tây", "Hà Đông"]
    assert _en(placed.loc[0, "reason"]).startswith(
        "names taken from the address; Xã Bát Tràng (Gia Lâm) was divided on 1/7/2025 among "
        "Phường Long Biên, Xã Bát Tràng, Xã Gia Lâm; placed at the centre of those units (±"
    )


def test_a_divided_commune_is_placed_with_an_accuracy_covering_all_its_parts(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    placed = place(registry({"ward": "P. La Khê", "district": "Q. Hà Đông"}), gazetteer, catalog)
    row = placed.iloc[0]
    assert (row["method"], row["matched"], row["district_2020"]) == (
        "district",
        "divided",
        "Hà Đông",
    )
    assert (
        "Phường La Khê (Hà Đông) was divided on 1/7/2025 among Phường Dương Nội, Phường Hà Đông"
        in _en(row["reason"])
    )
    centre = gpd.GeoSeries([Point(row["placed_lon"], row["placed_lat"])], crs=WGS84).to_crs(METRIC)
    for name in ("Phường Dương Nội", "Phường Hà Đông"):
        part = catalog.wards.loc[catalog.wards["name_vi"] == name].to_crs(METRIC).geometry.iloc[0]
        assert shapely.hausdorff_distance(centre.iloc[0], part) <= row["accuracy_m"]
    assert f"(±{row['accuracy_m']:,.0f} m)" in _en(row["reason"])


def test_a_district_in_the_ward_column_is_used_as_the_district(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    placed = place(registry({"ward": "Huyện Gia Lâm"}), gazetteer, catalog).iloc[0]
    assert (placed["method"], placed["district_2020"]) == ("district", "Gia Lâm")
    assert "'Huyện Gia Lâm' in the ward column is a district" in _en(placed["reason"])


def test_coordinates_win_over_a_contradicting_ward_column_with_a_note(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    lat, lon = BAT_TRANG
    placed = place(
        registry({"lat": lat, "lon": lon, "ward": "Phường Vạn Phúc"}), gazetteer, catalog
    ).iloc[0]
    assert (placed["method"], placed["ward_2025"]) == ("coordinates", "Xã Bát Tràng")
    assert _en(placed["reason"]) == (
        "the coordinates fall in Xã Bát Tràng, the ward column says 'Phường Vạn Phúc' "
        "(Phường Hà Đông)"
    )


def test_no_row_is_dropped_and_input_columns_are_kept(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    frame = make_registry(400, seed=5, catalog=catalog)
    registry_frame = read_registry(to_csv_bytes(frame), "synthetic.csv")
    registry_frame.index = registry_frame.index + 100  # any index is kept
    placed = place(registry_frame, gazetteer, catalog)
    assert len(placed) == len(registry_frame)
    assert placed.index.equals(registry_frame.index)
    pd.testing.assert_frame_equal(placed[registry_frame.columns], registry_frame)
    assert set(placed.columns) - set(registry_frame.columns) == set(PLACED_COLUMNS)
    assert set(placed["method"]) <= {"coordinates", "ward", "district", "unplaced"}
    unplaced = placed["method"] == "unplaced"
    assert placed.loc[unplaced, "reason"].ne("").all()  # never unplaced without a reason
    assert placed.loc[~unplaced, "placed_lon"].notna().all()
    assert placed.loc[~unplaced, "district_2020"].notna().all()


def test_naive_baseline_agrees_with_place_on_coordinate_rows(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    frame = read_registry(to_csv_bytes(make_registry(500, seed=7, catalog=catalog)), "s.csv")
    fast = place(frame, gazetteer, catalog)
    slow = naive_place(frame, catalog)
    coords = fast["method"] == "coordinates"
    assert coords.sum() > 250  # ~60 % of the synthetic rows have coordinates in Hanoi
    assert (slow["method"] == "coordinates").sum() == coords.sum()
    for column in ("ward_2025", "ward_osm_id", "district_2020", "district_gso"):
        assert fast.loc[coords, column].tolist() == slow.loc[coords, column].tolist(), column


@pytest.mark.slow
def test_place_keeps_every_one_of_50000_rows(catalog: Catalog, gazetteer: Gazetteer) -> None:
    """At the benchmark's size no row is dropped and every unplaced row says why.

    (Speed is measured by bench/registry.py, not asserted here.)
    """
    frame = read_registry(to_csv_bytes(make_registry(50_000, seed=11, catalog=catalog)), "big.csv")
    placed = place(frame, gazetteer, catalog)
    assert placed["row"].tolist() == frame["row"].tolist()
    unplaced = placed[placed["method"] == "unplaced"]
    assert 0 < len(unplaced) < 0.1 * len(placed)  # the generator makes ~5 % unplaceable rows
    assert (unplaced["reason"].str.len() > 0).all()
    assert placed.loc[placed["method"] != "unplaced", "placed_lat"].notna().all()


def test_placing_a_list_at_once_equals_placing_each_row_alone(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    """Spellings are grouped and resolved once per group (placement.py): every row still gets
    what it would get placed on its own, down to its reason quoting the names as it wrote them."""
    # names one reading could confuse: a bare old name that looks like a unit word + name
    # ("Phương Liệt", divided in 2025) before the 2025 ward of that name, in several spellings
    tricky = registry(*({"ward": w} for w in ("Phương Liệt", "Phường Phương Liệt",
                                              "P. Phương Liệt", "PHUONG LIET", "phuong phuong liet",
                                              "Vân Phúc", "Vạn Phúc", "van phuc", "Phường Vạn Phúc",
                                              "Q. Hà Đông", "Qhà Đông")))  # fmt: skip
    synthetic = make_registry(400, seed=5, catalog=catalog)
    synthetic = read_registry(to_csv_bytes(synthetic), "s.csv")[tricky.columns]
    frame = pd.concat([tricky, synthetic], ignore_index=True)
    together = place(frame, gazetteer, catalog)
    assert together["ward_2025"].iloc[1] == "Phường Phương Liệt"
    alone = pd.concat([place(frame.iloc[[i]], gazetteer, catalog) for i in range(len(frame))])

    def rows(placed: pd.DataFrame) -> list[tuple]:  # a missing value as None, whatever dtype
        part = placed[list(PLACED_COLUMNS)].astype(object)
        return [tuple(r) for r in part.where(part.notna(), None).itertuples(index=False)]

    for i, (one, other) in enumerate(zip(rows(together), rows(alone), strict=True)):
        assert one == other, (i, frame.iloc[i].to_dict())
    assert together["reason"].str.len().gt(0).sum() > 80  # many rows have something to say


def test_an_empty_registry_places_nothing(catalog: Catalog, gazetteer: Gazetteer) -> None:
    placed = place(
        registry().reindex(columns=["row", "lat", "lon", "address", "ward", "district"]),
        gazetteer,
        catalog,
    )
    assert placed.empty
    assert set(PLACED_COLUMNS) <= set(placed.columns)


def test_each_reason_is_stored_as_its_messages_encode(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    """Reasons encoded once per distinct reason and message (shared "placed by" messages,
    names quoted as each row wrote them) read back to the same messages, stored in the one
    JSON form the database and the migration use."""
    from ocop_geo.i18n import messages_from_json, messages_json

    placed = place(
        registry(
            {"lat": 10.7769, "lon": 106.7009, "ward": "Kim Lan", "district": "Gia Lâm"},
            {"lat": 10.8, "lon": 106.6, "ward": "kim lan", "district": "gia lam"},
            {"lat": 10.9, "lon": 106.5, "district": "Gia Lâm"},
            {"ward": "Kim Lan", "district": "Gia Lâm"},
        ),
        gazetteer,
        catalog,
    )
    stored = list(placed["reason"])
    assert all(messages_json(messages_from_json(s) or []) == s for s in stored)
    assert "(10.8, 106.6)" in _en(stored[1])
    assert "kim lan" in _en(stored[1])
    assert "(10.9, 106.5)" in _en(stored[2])
    assert "placed by district name" in _en(stored[2])


def test_the_garbage_collector_runs_again_after_a_placement(
    catalog: Catalog, gazetteer: Gazetteer
) -> None:
    """place() pauses the cyclic collector for its batch only: on again afterwards, after an
    error too, and a collector switched off by someone else stays off."""
    import gc
    import threading

    from ocop_geo.registry.batch import collector_paused

    assert gc.isenabled()
    place(registry({"ward": "Kim Lan", "district": "Gia Lâm"}), gazetteer, catalog)
    assert gc.isenabled()
    with pytest.raises(ValueError, match="lat"):
        place(pd.DataFrame({"product_name": ["x"]}), gazetteer, catalog)
    assert gc.isenabled()
    inside, overlap = threading.Event(), threading.Event()

    def other_session() -> None:
        with collector_paused():
            inside.set()
            overlap.wait(5)

    worker = threading.Thread(target=other_session)
    with collector_paused():
        worker.start()
        inside.wait(5)
    assert not gc.isenabled()  # the other batch still runs
    overlap.set()
    worker.join(5)
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
