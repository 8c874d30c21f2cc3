"""Counts per unit that add up, cover every unit, and distances to the nearest plan site."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from bench.synthetic_registry import make_registry, to_csv_bytes
from ocop_geo.geo import WGS84
from ocop_geo.layers.catalog import Catalog
from ocop_geo.registry import (
    DISTRICT_ONLY,
    Gazetteer,
    counts,
    counts_by_group,
    nearest_point_distance,
    place,
    read_registry,
)
from ocop_geo.registry.layers import filter_products


@pytest.fixture(scope="module")
def placed(catalog: Catalog) -> pd.DataFrame:
    gazetteer = Gazetteer.from_catalog(catalog)
    frame = read_registry(to_csv_bytes(make_registry(3000, seed=2, catalog=catalog)), "s.csv")
    return place(frame, gazetteer, catalog)


def placed_rows(placed: pd.DataFrame) -> int:
    return int((placed["method"] != "unplaced").sum())


def test_district_counts_add_up_and_cover_all_30_districts(
    placed: pd.DataFrame, catalog: Catalog
) -> None:
    table = counts(placed, "district")
    assert list(table.index) == list(catalog.districts["name_vi"])
    assert list(table.columns) == [3, 4, 5, "total"]
    assert table["total"].sum() == placed_rows(placed)
    assert (table[[3, 4, 5]].sum(axis=1) == table["total"]).all()
    assert (
        table.loc["Gia Lâm", "total"]
        == ((placed["district_2020"] == "Gia Lâm") & (placed["method"] != "unplaced")).sum()
    )
    assert (table >= 0).all().all()


def test_ward_counts_add_up_with_a_district_only_row(
    placed: pd.DataFrame, catalog: Catalog
) -> None:
    table = counts(placed, "ward")
    assert list(table.index) == [*catalog.wards["name_vi"], DISTRICT_ONLY]
    assert table["total"].sum() == placed_rows(placed)
    assert (table[[3, 4, 5]].sum(axis=1) == table["total"]).all()
    assert table.loc[DISTRICT_ONLY, "total"] == (placed["method"] == "district").sum() > 0


def test_star_split_matches_the_rows(placed: pd.DataFrame) -> None:
    table = counts(placed, "district")
    counted = placed.loc[placed["method"] != "unplaced", "stars"].value_counts()
    for stars in (3, 4, 5):
        assert table[stars].sum() == counted.get(stars, 0)


def test_units_without_products_are_listed_with_zero(catalog: Catalog) -> None:
    tiny = pd.DataFrame(
        {
            "stars": [5],
            "product_group": ["Thực phẩm"],
            "ward_2025": ["Xã Bát Tràng"],
            "district_2020": ["Gia Lâm"],
            "method": ["ward"],
        }
    )
    districts = counts(tiny, "district", units=catalog.districts["name_vi"])
    assert len(districts) == 30
    assert districts["total"].tolist().count(0) == 29
    assert districts.loc["Gia Lâm"].tolist() == [0, 0, 1, 1]
    wards = counts(tiny, "ward", units=catalog.wards["name_vi"])
    assert len(wards) == 127
    assert wards["total"].sum() == 1
    assert wards.loc[DISTRICT_ONLY, "total"] == 0


def test_counts_need_the_list_of_units(placed: pd.DataFrame) -> None:
    bare = pd.DataFrame(placed)
    bare.attrs = {}
    with pytest.raises(ValueError, match="units"):
        counts(bare, "district")
    with pytest.raises(ValueError, match="level"):
        counts(placed, "province")  # type: ignore[arg-type]


def test_counts_by_group(placed: pd.DataFrame, catalog: Catalog) -> None:
    table = counts_by_group(placed, "district")
    assert list(table.index) == list(catalog.districts["name_vi"])
    groups = set(placed["product_group"])
    assert set(table.columns) == groups | {"total"}
    assert table["total"].sum() == placed_rows(placed)
    assert (table.drop(columns="total").sum(axis=1) == table["total"]).all()
    wards = counts_by_group(placed, "ward")
    assert len(wards) == 127
    assert wards["total"].sum() == placed_rows(placed)


def test_nearest_plan_site_per_unit(catalog: Catalog) -> None:
    result = nearest_point_distance(catalog.districts, catalog.sites)
    assert list(result.columns) == ["nearest_id", "distance_km"]
    assert result.index.equals(catalog.districts.index)
    assert set(result["nearest_id"]) <= set(catalog.sites.index)
    gia_lam = catalog.districts.index[catalog.districts["name_vi"] == "Gia Lâm"][0]
    assert result.loc[gia_lam, "nearest_id"] == "bat-trang"
    # far-west Ba Vì is nearest to Đường Lâm, a few tens of km away
    ba_vi = catalog.districts.index[catalog.districts["name_vi"] == "Ba Vì"][0]
    assert result.loc[ba_vi, "nearest_id"] == "duong-lam"
    assert 5 < result.loc[ba_vi, "distance_km"] < 40


def test_distance_is_measured_in_metres_not_degrees() -> None:
    # two points 0.1° of longitude apart at 21° N are ≈10.4 km apart, not 0.1
    units = gpd.GeoDataFrame(
        {"name": ["a"]}, geometry=[Point(105.8, 21.0).buffer(0.001)], crs=WGS84
    )
    points = gpd.GeoDataFrame(
        geometry=[Point(105.9, 21.0), Point(106.5, 21.0)], index=["near", "far"], crs=WGS84
    )
    result = nearest_point_distance(units, points)
    assert result.loc[0, "nearest_id"] == "near"
    assert result.loc[0, "distance_km"] == pytest.approx(10.39, abs=0.1)


def test_product_groups_are_one_however_spelled(placed: pd.DataFrame) -> None:
    rows = placed[placed["method"] != "unplaced"].head(4).copy()
    rows["product_group"] = ["Thuc pham", "Thực phẩm", "THỰC  PHẨM", "Thực phẩm"]
    table = counts_by_group(rows, "district")
    assert [c for c in table.columns if c != "total"] == ["Thực phẩm"]
    assert table["Thực phẩm"].sum() == 4
    assert len(filter_products(rows, groups=["thuc pham"])) == 4
    assert len(filter_products(rows, groups=["Đồ uống"])) == 0
