"""The committed catalogue: what a planner relies on when opening the map."""

from __future__ import annotations

import shapely

from ocop_geo.layers.catalog import Catalog

SITE_IDS = ["van-phuc", "bat-trang", "sai-son", "duong-lam", "khuyen-cong", "dong-anh"]


def test_six_plan_sites_with_stable_ids(catalog: Catalog) -> None:
    assert list(catalog.sites.index) == SITE_IDS
    kinds = catalog.sites["kind"].value_counts().to_dict()
    assert kinds == {"pilot_point": 5, "candidate_area": 1}


def test_every_layer_is_wgs84_lon_lat(catalog: Catalog) -> None:
    for frame in (catalog.city, catalog.districts, catalog.wards, catalog.sites, catalog.venues):
        assert frame.crs.to_epsg() == 4326
    # Hanoi: longitude ~105.3–106.0 E, latitude ~20.6–21.4 N, in that order (x = lon).
    xs, ys = catalog.sites.geometry.x, catalog.sites.geometry.y
    assert xs.between(105.2, 106.1).all()
    assert ys.between(20.5, 21.4).all()


def test_both_geographies_are_complete(catalog: Catalog) -> None:
    assert len(catalog.districts) == 30
    assert len(catalog.wards) == 126
    assert (catalog.wards["type_vi"] == "Phường").sum() == 51
    assert catalog.districts["gso_code"].is_unique


def test_each_site_lies_in_its_declared_district_and_ward(catalog: Catalog) -> None:
    computed = catalog.site_geography()
    for site_id, row in catalog.sites.iterrows():
        assert computed.loc[site_id, "district_computed"] == row["district_2020_vi"]
        if isinstance(row["ward_2025_vi"], str):
            assert computed.loc[site_id, "ward_computed"] == row["ward_2025_vi"]


def test_every_coordinate_states_its_accuracy_and_source(catalog: Catalog) -> None:
    points = [catalog.sites, catalog.venues]
    for frame in points:
        assert (frame["coord_accuracy_m"] > 0).all()
        assert frame["coord_source"].str.len().gt(10).all()
    # The plan names no site in Đông Anh: its marker must not pretend to be a site.
    dong_anh = catalog.sites.loc["dong-anh"]
    assert dong_anh["location_status_en"].startswith("District only")
    assert dong_anh["coord_accuracy_m"] > 10_000


def test_bat_trang_facts_match_the_sources(catalog: Catalog) -> None:
    bat_trang = catalog.sites.loc["bat-trang"]
    assert bat_trang["opened"] == "2020-10-08"
    facts = " ".join(f["en"] for f in bat_trang["facts"])
    assert "3,300 m²" in facts
    assert "26 booths" in facts
    assert all(f["source"].startswith("http") for f in bat_trang["facts"])


def test_district_figures_are_sourced_or_null(catalog: Catalog) -> None:
    d = catalog.districts.set_index("name_vi")
    assert d.loc["Thanh Oai", "ocop_4star_2024"] == 15
    assert d.loc["Gia Lâm", "ocop_products_reported"] == 119
    assert d["ocop_4star_2024"].isna().sum() == 13  # 17 districts listed in the 2024 round
    has_value = d["ocop_4star_2024"].notna()
    assert d.loc[has_value, "ocop_4star_2024_source"].str.startswith("https://").all()


def test_boundaries_are_a_clean_coverage(catalog: Catalog) -> None:
    """Simplified once with shared borders kept: neighbours neither overlap nor leave gaps."""
    for frame in (catalog.districts, catalog.wards):
        assert shapely.coverage_is_valid(frame.geometry.values)
    outline = shapely.coverage_union_all(catalog.districts.geometry.values)
    assert outline.geom_type == "Polygon"
    assert len(outline.interiors) == 0


def test_headline_figures_are_sourced(catalog: Catalog) -> None:
    keys = {f.key: f for f in catalog.figures}
    assert keys["pilot_points"].value == 5
    assert keys["ocop_products_mid_2025"].value == 3317
    assert all(f.source.startswith("http") for f in catalog.figures)
