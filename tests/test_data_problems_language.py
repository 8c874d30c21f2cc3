"""Problems of the data files read in the page's language: a broken copy of a committed layer,
table or checklist gives Vietnamese problems (file, feature or row, field named) from
``error_text(DataError, "vi")``, while ``str()`` stays the English the logs and the CLI show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ocop_geo.config import REPO_ROOT, Settings
from ocop_geo.events.catalog import read_events
from ocop_geo.i18n import error_text
from ocop_geo.layers import poi_estimate
from ocop_geo.layers.catalog import Catalog, check_files, read_figures
from ocop_geo.layers.schema import LAYERS
from ocop_geo.layers.validate import DataError, Problem
from ocop_geo.readiness.criteria import load_criteria, parse_criteria
from tests.conftest import site
from tests.test_events_data import write_broken

Edit = Callable[[str, Callable[[dict[str, Any]], None]], Path]


def feature(doc: dict[str, Any], fid: str) -> dict[str, Any]:
    return next(f for f in doc["features"] if f["properties"]["id"] == fid)


def layer_problems(geo: Path) -> list[Problem]:
    _, problems = check_files({n: s.path(geo) for n, s in LAYERS.items()})
    return problems


def load_error(geo: Path, data: Path = REPO_ROOT / "data") -> DataError:
    with pytest.raises(DataError) as caught:
        Catalog.load(Settings(geo_dir=geo, data_dir=data))
    return caught.value


def test_a_broken_layer_reads_in_vietnamese_and_logs_in_english(
    geo_copy: Path, edit_layer: Edit
) -> None:
    def change(d: dict) -> None:
        site(d, "sai-son")["properties"].pop("name_vi")
        site(d, "duong-lam")["properties"]["coord_accuracy_m"] = "500"
        site(d, "van-phuc")["properties"]["kind"] = "shop"

    edit_layer("sites.geojson", change)
    error = load_error(geo_copy)
    vi, en = error_text(error, "vi").splitlines(), str(error).splitlines()
    assert "sites.geojson: đối tượng 2 (id=sai-son): trường 'name_vi': bị thiếu" in vi
    assert "sites.geojson: feature 2 (id=sai-son): field 'name_vi': missing" in en
    assert (
        "sites.geojson: đối tượng 3 (id=duong-lam): trường 'coord_accuracy_m': "
        "phải có kiểu int hoặc float, nhận được str '500'"
    ) in vi
    assert (
        "sites.geojson: feature 3 (id=duong-lam): field 'coord_accuracy_m': "
        "must be int or float, got str '500'"
    ) in en
    assert any(
        line.startswith(
            "sites.geojson: đối tượng 0 (id=van-phuc): trường 'kind': 'shop' không "
            "thuộc các giá trị pilot_point"
        )
        for line in vi
    ), vi


def test_a_point_outside_hanoi_keeps_its_number_format(geo_copy: Path, edit_layer: Edit) -> None:
    edit_layer(
        "sites.geojson",
        lambda d: site(d, "bat-trang")["geometry"].update(coordinates=[106.3, 21.0]),
    )
    [outside] = [p for p in layer_problems(geo_copy) if p.field == "geometry"]
    assert outside.render("vi") == (
        "sites.geojson: đối tượng 1 (id=bat-trang): trường 'geometry': "
        "nằm ngoài Hà Nội (tại kinh độ 106.30000, vĩ độ 21.00000)"
    )
    assert str(outside) == (
        "sites.geojson: feature 1 (id=bat-trang): field 'geometry': "
        "lies outside Hanoi (at lon 106.30000, lat 21.00000)"
    )


def test_malformed_json_shows_the_parsers_message_in_the_readers_language(
    geo_copy: Path,
) -> None:
    (geo_copy / "sites.geojson").write_text('{"type": "FeatureCollection", "features": [\n{,]}')
    [problem] = layer_problems(geo_copy)
    assert problem.render("vi").startswith("sites.geojson: JSON sai cú pháp tại dòng 2, cột 2")
    assert str(problem).startswith("sites.geojson: malformed JSON at line 2, column 2")


def test_every_tour_problem_is_translated(geo_copy: Path, edit_layer: Edit) -> None:
    edit_layer(
        "pois.geojson",
        lambda d: feature(d, "binh-da")["geometry"].update(coordinates=[105.7576, 20.9039]),
    )
    edit_layer(
        "pois.geojson",
        lambda d: feature(d, "son-dong")["properties"].update(
            opening_hours="Mo-Fr 08:00-17:00", opening_hours_source=None, near_site="hoan-kiem"
        ),
    )
    edit_layer(
        "routes.geojson",
        lambda d: feature(d, "minh-anh-west-day-tour")["properties"].update(
            schedule=["09:00", "10:15", "15:00"]
        ),
    )
    found = layer_problems(geo_copy)
    assert len(found) >= 5, found
    for problem in found:
        assert problem.render("vi") != str(problem), problem
    moved = next(p for p in found if p.feature_id == "binh-da" and p.field == "geometry")
    assert str(moved).startswith(
        "pois.geojson: feature 8 (id=binh-da): field 'geometry': is [105.757600, 20.903900] "
        "±5900 m but the representative point of "
    )
    assert moved.render("vi").startswith(
        "pois.geojson: đối tượng 8 (id=binh-da): trường 'geometry': là [105.757600, 20.903900] "
        "±5900 m nhưng điểm đại diện của "
    )
    assert moved.render("vi").endswith(
        "; hãy tính lại bằng `python -m ocop_geo.layers.poi_estimate`"
    )
    hours = next(p for p in found if p.field == "opening_hours_source")
    assert hours.render("vi").endswith(
        "trường 'opening_hours_source': giờ mở cửa phải có URL nguồn"
    )
    schedule = next(p for p in found if p.field == "schedule")
    assert schedule.render("vi").endswith("trường 'schedule': có 3 mốc giờ cho 4 điểm dừng")
    assert str(schedule).endswith("field 'schedule': has 3 times for 4 stops")


def test_a_bad_figures_row_is_named_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    text = (REPO_ROOT / "data" / "figures.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("pilot_points,5,", "pilot_points,five,"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_figures(path)
    assert error_text(caught.value, "vi") == "figures.csv: dòng 2: 'value' không phải số nguyên"
    assert str(caught.value) == "figures.csv: row 2: 'value' is not a whole number"


def test_a_stop_whose_unit_is_gone_cannot_be_placed() -> None:
    pois = {"features": [{"properties": {"id": "x", "coord_method": "admin_area_point",
                                         "coord_unit_layer": "wards_2025",
                                         "ward_2025_vi": "Xã Không Có"}}]}  # fmt: skip
    with pytest.raises(poi_estimate.EstimateError) as caught:
        poi_estimate.place_stops(pois, {"wards_2025": _no_units(), "districts": _no_units()})
    assert error_text(caught.value, "vi") == ("x: không tìm thấy đơn vị 'wards_2025' 'Xã Không Có'")
    assert str(caught.value) == "x: unit 'wards_2025' 'Xã Không Có' not found"
    assert isinstance(caught.value, ValueError)


def _no_units() -> Any:
    import geopandas as gpd

    return gpd.GeoDataFrame({"name_vi": []}, geometry=[], crs="EPSG:4326")


CRITERIA = """
items:
  - id: signboard
    group: facilities
    title_vi: Biển hiệu
    title_en: Signboard
    sources: [{document: QĐ 3041/QĐ-BCT, url: "ftp://example.org"}]
    confidence: V
    verified: false
milestones:
  - id: survey
    title_vi: Khảo sát
    title_en: Survey
    sources: [{document: KH 100/KH-UBND, url: "https://example.org/kh100"}]
    confidence: V
    verified: true
    planned_start: "2020-13"
    planned_end: "2020-06"
sites:
  bat-trang: {checklist: all}
seeds:
  - {site: bat-trang, item: signboard, status: finished, note: x, confidence: V}
"""


def test_a_broken_checklist_reads_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "criteria.yaml"
    path.write_text(CRITERIA, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_criteria(path, site_ids=("bat-trang",))
    vi, en = error_text(caught.value, "vi"), str(caught.value)
    assert "criteria.yaml: trường 'items[signboard].verified': phải là true với mức tin cậy V" in vi
    assert "criteria.yaml: field 'items[signboard].verified': must be true for confidence V" in en
    # the store's refusal and the month check are messages of their own, nested in Vietnamese
    assert "trường 'seeds[bat-trang/signboard].status': 'finished' không thuộc" in vi
    assert "field 'seeds[bat-trang/signboard].status': 'finished' is not one of" in en
    assert (
        "trường 'items[signboard].sources[1].url': 'ftp://example.org' không phải URL http(s) "
        "(phải là địa chỉ http:// hoặc https:// có tên máy chủ)"
    ) in vi
    assert (
        "trường 'milestones[survey].planned_start': '2020-13' không phải là tháng viết theo dạng "
        "YYYY-MM"
    ) in vi
    assert "field 'milestones[survey].planned_start': '2020-13' is not a month written" in en
    for problem in caught.value.problems:
        assert problem.render("vi") != str(problem), problem


def test_unreadable_checklist_files_are_named_in_vietnamese() -> None:
    with pytest.raises(DataError) as caught:
        parse_criteria("items: [unclosed\n")
    assert error_text(caught.value, "vi").startswith("criteria.yaml: không phải YAML hợp lệ: ")
    assert str(caught.value).startswith("criteria.yaml: not valid YAML: ")
    with pytest.raises(DataError) as caught:
        parse_criteria("- just\n- a list\n")
    assert error_text(caught.value, "vi") == (
        "criteria.yaml: tệp phải là một ánh xạ gồm items, milestones, sites và seeds"
    )


def test_a_broken_events_row_reads_in_vietnamese(tmp_path: Path) -> None:
    path = write_broken(tmp_path, "mien-trung-tay-nguyen", venue_id="ho-guom", region_en="")
    with pytest.raises(DataError) as caught:
        read_events(path, venues={"bat-trang"})
    vi, en = error_text(caught.value, "vi").splitlines(), str(caught.value).splitlines()
    assert (
        "events.csv: dòng 4 (id=mien-trung-tay-nguyen): trường 'venue_id': 'ho-guom' không "
        "phải id địa điểm tổ chức hoặc điểm OCOP trong geo/"
    ) in vi
    assert (
        "events.csv: row 4 (id=mien-trung-tay-nguyen): field 'venue_id': 'ho-guom' is not a "
        "venue or site id in geo/"
    ) in en
    assert (
        "events.csv: dòng 4 (id=mien-trung-tay-nguyen): trường 'region_en': "
        "sự kiện cấp vùng phải ghi rõ vùng"
    ) in vi


def test_a_missing_events_file_or_column_reads_in_vietnamese(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        read_events(tmp_path / "nothing.csv")
    assert error_text(caught.value, "vi") == "nothing.csv: không tìm thấy tệp"
    assert str(caught.value) == "nothing.csv: file not found"
    path = tmp_path / "events.csv"
    path.write_text("id,kind\nx,fair\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_events(path)
    assert error_text(caught.value, "vi").startswith("events.csv: thiếu cột: name_vi, name_en")
    assert str(caught.value).startswith("events.csv: missing column(s): name_vi, name_en")
