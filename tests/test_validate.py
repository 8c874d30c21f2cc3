"""Bad input gets a clear message naming the file, the feature and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ocop_geo.config import Settings
from ocop_geo.layers.catalog import Catalog, check_files
from ocop_geo.layers.schema import LAYERS
from ocop_geo.layers.validate import DataError
from tests.conftest import site


def problems_for(geo: Path) -> list[str]:
    _, problems = check_files({n: s.path(geo) for n, s in LAYERS.items()})
    return [str(p) for p in problems]


def test_committed_data_has_no_problems(geo_copy: Path) -> None:
    assert problems_for(geo_copy) == []


def test_malformed_json_names_file_line_and_column(geo_copy: Path) -> None:
    (geo_copy / "sites.geojson").write_text('{"type": "FeatureCollection", "features": [\n{,]}')
    [message] = problems_for(geo_copy)
    assert message.startswith("sites.geojson: malformed JSON at line 2, column 2")


def test_missing_field(geo_copy: Path, edit_layer: Any) -> None:
    edit_layer("sites.geojson", lambda d: site(d, "sai-son")["properties"].pop("name_vi"))
    assert problems_for(geo_copy) == [
        "sites.geojson: feature 2 (id=sai-son): field 'name_vi': missing"
    ]


def test_wrong_type_and_value(geo_copy: Path, edit_layer: Any) -> None:
    def change(d: dict) -> None:
        site(d, "duong-lam")["properties"]["coord_accuracy_m"] = "500"
        site(d, "van-phuc")["properties"]["kind"] = "shop"

    edit_layer("sites.geojson", change)
    found = problems_for(geo_copy)
    assert (
        "sites.geojson: feature 3 (id=duong-lam): field 'coord_accuracy_m': "
        "must be int or float, got str '500'" in found
    )
    assert any("(id=van-phuc): field 'kind': 'shop' is not one of pilot_point" in p for p in found)


def test_duplicate_id(geo_copy: Path, edit_layer: Any) -> None:
    edit_layer("sites.geojson", lambda d: site(d, "sai-son")["properties"].update(id="bat-trang"))
    found = problems_for(geo_copy)
    assert (
        "sites.geojson: feature 2 (id=bat-trang): field 'id': duplicate id (also feature 1)"
        in found
    )


def test_invalid_polygon(geo_copy: Path, edit_layer: Any) -> None:
    bowtie = [[[105.80, 21.00], [105.82, 21.02], [105.82, 21.00], [105.80, 21.02], [105.80, 21.00]]]

    def change(d: dict) -> None:
        d["features"][0]["geometry"] = {"type": "Polygon", "coordinates": bowtie}

    edit_layer("districts.geojson", change)
    found = problems_for(geo_copy)
    assert any(
        p.startswith(
            "districts.geojson: feature 0 (id=001): field 'geometry': is invalid: Self-intersection"
        )
        for p in found
    ), found


def test_empty_and_missing_geometry(geo_copy: Path, edit_layer: Any) -> None:
    def change(d: dict) -> None:
        site(d, "van-phuc")["geometry"] = {"type": "Point", "coordinates": []}
        site(d, "sai-son")["geometry"] = None

    edit_layer("sites.geojson", change)
    found = problems_for(geo_copy)
    assert "sites.geojson: feature 0 (id=van-phuc): field 'geometry': is empty" in found
    assert (
        "sites.geojson: feature 2 (id=sai-son): field 'geometry': missing or has no coordinates"
        in found
    )


def test_swapped_lat_lon_is_named(geo_copy: Path, edit_layer: Any) -> None:
    edit_layer(
        "sites.geojson",
        lambda d: site(d, "bat-trang")["geometry"].update(coordinates=[20.975953, 105.912491]),
    )
    found = problems_for(geo_copy)
    assert found == [
        "sites.geojson: feature 1 (id=bat-trang): field 'geometry': longitude and latitude look "
        "swapped: [20.975953, 105.912491] should be [105.912491, 20.975953]"
    ]


def test_point_outside_hanoi(geo_copy: Path, edit_layer: Any) -> None:
    # Hưng Yên city, ~50 km south-east of Hanoi.
    edit_layer(
        "sites.geojson",
        lambda d: site(d, "bat-trang")["geometry"].update(coordinates=[106.05, 20.65]),
    )
    found = problems_for(geo_copy)
    assert found[0].startswith(
        "sites.geojson: feature 1 (id=bat-trang): field 'geometry': lies outside Hanoi"
    )


def test_site_in_the_wrong_district(geo_copy: Path, edit_layer: Any) -> None:
    edit_layer(
        "sites.geojson",
        lambda d: site(d, "bat-trang")["properties"].update(district_2020_vi="Long Biên"),
    )
    assert problems_for(geo_copy) == [
        "sites.geojson: feature 1 (id=bat-trang): field 'district_2020_vi': declares district "
        "'Long Biên' but the point lies in 'Gia Lâm'"
    ]


def test_site_in_the_wrong_ward(geo_copy: Path, edit_layer: Any) -> None:
    edit_layer(
        "sites.geojson",
        lambda d: site(d, "duong-lam")["properties"].update(ward_2025_vi="Phường Tùng Thiện"),
    )
    assert problems_for(geo_copy) == [
        "sites.geojson: feature 3 (id=duong-lam): field 'ward_2025_vi': declares ward/commune "
        "'Phường Tùng Thiện' but the point lies in 'Phường Sơn Tây'"
    ]


def test_rfc7946_crs_member_and_false_precision(geo_copy: Path, edit_layer: Any) -> None:
    def change(d: dict) -> None:
        d["crs"] = {"type": "name", "properties": {"name": "EPSG:3405"}}
        site(d, "van-phuc")["geometry"]["coordinates"] = [105.774000001, 20.979]

    edit_layer("sites.geojson", change)
    found = problems_for(geo_copy)
    assert (
        "sites.geojson: field 'crs': has a 'crs' member; "
        "RFC 7946 GeoJSON is always EPSG:4326 lon/lat" in found
    )
    assert any("(id=van-phuc): field 'geometry': has 9 decimals" in p for p in found)


def test_fact_needs_a_source(geo_copy: Path, edit_layer: Any) -> None:
    edit_layer(
        "sites.geojson",
        lambda d: site(d, "bat-trang")["properties"]["facts"][0].update(source=None),
    )
    assert problems_for(geo_copy) == [
        "sites.geojson: feature 1 (id=bat-trang): field 'facts[0]': a verified or partly verified "
        "fact needs a source URL"
    ]


def test_catalog_refuses_bad_data_with_every_problem(geo_copy: Path, edit_layer: Any) -> None:
    def change(d: dict) -> None:
        site(d, "van-phuc")["properties"].pop("theme_vi")
        site(d, "sai-son")["properties"]["coord_accuracy_m"] = -1

    edit_layer("sites.geojson", change)
    with pytest.raises(DataError) as err:
        Catalog.load(Settings(geo_dir=geo_copy))
    assert len(err.value.problems) == 2
    assert "field 'theme_vi': missing" in str(err.value)
    assert "field 'coord_accuracy_m': must be positive, got -1" in str(err.value)
