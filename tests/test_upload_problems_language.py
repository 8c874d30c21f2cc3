"""Problems of uploaded and edited data files (candidates, anchors, the centre's status, events,
the plan's tables, a registry import) shown in the page's language: the Vietnamese names the row
and the column and says what is wrong in Vietnamese; ``str()`` keeps the English text the
command line and the logs print."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from ocop_geo.candidates.anchors import load_anchors
from ocop_geo.candidates.area import AreaError, place_candidates
from ocop_geo.candidates.project import load_status
from ocop_geo.candidates.reader import Candidate, CandidateError, read_candidates
from ocop_geo.config import REPO_ROOT
from ocop_geo.database.store import Store, StoreError
from ocop_geo.events.catalog import read_events
from ocop_geo.i18n import error_text
from ocop_geo.layers.catalog import Catalog
from ocop_geo.layers.validate import DataError
from ocop_geo.plan.reader import load_plan
from tests.test_registry_imports import products, save

DATA = REPO_ROOT / "data"


def _copy(tmp_path: Path, *names: str) -> None:
    for name in names:
        shutil.copy(DATA / name, tmp_path / name)


def _says(error: Exception, vi: str, en: str) -> None:
    """The page shows ``vi`` for ``error``; the command line and the logs print ``en``."""
    assert error_text(error, "vi") == vi
    assert str(error) == en


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- candidates -------------------------------------------------------------------------------


def test_a_candidate_csv_names_row_and_column_in_vietnamese() -> None:
    data = "name,lat,lon\nHồ Gươm,abc,105.85\n,21.1,105.85\nHồ Gươm,105.85,21.03\n".encode()
    with pytest.raises(CandidateError) as caught:
        read_candidates(data, "ung_vien.csv")
    vi, en = error_text(caught.value, "vi"), str(caught.value)
    assert "ung_vien.csv: dòng 2, cột 'lat': 'abc' không phải là số" in vi
    assert "ung_vien.csv: dòng 3, cột 'name': trống: mỗi địa điểm ứng viên phải có tên" in vi
    assert "dòng 4, cột 'name': 'Hồ Gươm' trùng với dòng 2: tên không được trùng nhau" in vi
    assert "dòng 4: vĩ độ 105.85 và kinh độ 21.03 có vẻ bị đảo" in vi  # was English before
    assert "ung_vien.csv: row 2, column 'lat': 'abc' is not a number" in en
    assert "ung_vien.csv: row 3, column 'name': empty: every candidate needs a name" in en
    assert "row 4, column 'name': 'Hồ Gươm' repeats row 2: names must be unique" in en
    assert "row" not in vi
    assert "column" not in vi


def test_a_candidate_geojson_names_feature_and_field_in_vietnamese() -> None:
    line = {"type": "LineString", "coordinates": [[105.8, 21.0], [105.9, 21.1]]}
    feature = {"type": "Feature", "geometry": line, "properties": {"name": "A"}}
    data = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    with pytest.raises(CandidateError) as caught:
        read_candidates(data, "ung_vien.geojson")
    _says(
        caught.value,
        "ung_vien.geojson: đối tượng 1, trường 'geometry': cần hình học Point [lon, lat], "
        "nhận được LineString",
        "ung_vien.geojson: feature 1, field 'geometry': expected a Point geometry [lon, lat], "
        "got LineString",
    )


def test_a_file_without_the_columns_is_explained_in_vietnamese() -> None:
    with pytest.raises(CandidateError) as caught:
        read_candidates("tên,x,y\nA,1,2\n".encode(), "a.csv")
    _says(
        caught.value,
        "a.csv: thiếu cột lat, lon (dòng tiêu đề có: tên, x, y); cần có các cột name, lat, lon",
        "a.csv: missing column(s) lat, lon (the header has: tên, x, y); expected name, lat, lon",
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "vi", "en"),
    [
        (
            "anchors.csv",
            "21.2212,105.807,2000,",
            "21.2212,105.807,-5,",
            "anchors.csv: dòng 2, cột 'coord_accuracy_m': phải lớn hơn 0",
            "anchors.csv: row 2, column 'coord_accuracy_m': must be > 0",
        ),
        (
            "anchors.csv",
            "21.2212,105.807,",
            "abc,105.807,",
            "anchors.csv: dòng 2, cột 'lat': 'abc' không phải là số",
            "anchors.csv: row 2, column 'lat': 'abc' is not a number",
        ),
        (
            "anchors.csv",
            "21.2212,105.807,",
            "105.807,21.2212,",
            "anchors.csv: dòng 2: (105.807, 21.2212) không nằm trong Hà Nội (lat ≈ 21, "
            "lon ≈ 105.8: có phải lat và lon bị đảo?)",
            "anchors.csv: row 2: (105.807, 21.2212) is not in Hanoi (lat ≈ 21, lon ≈ 105.8: "
            "are lat and lon swapped?)",
        ),
        (
            "centre_status.csv",
            "kh-49,2023-02,",
            "kh-49,2/2023,",
            "centre_status.csv: dòng 3, cột 'date': '2/2023' không có dạng YYYY, YYYY-MM hoặc "
            "YYYY-MM-DD",
            "centre_status.csv: row 3, column 'date': '2/2023' is not YYYY, YYYY-MM or YYYY-MM-DD",
        ),
    ],
)
def test_a_broken_candidates_table_names_row_and_column_in_vietnamese(
    tmp_path: Path, name: str, old: str, new: str, vi: str, en: str
) -> None:
    _copy(tmp_path, name)
    _edit(tmp_path / name, old, new)
    with pytest.raises(DataError) as caught:
        (load_anchors if name == "anchors.csv" else load_status)(tmp_path)
    _says(caught.value, vi, en)


def test_a_candidate_outside_the_area_is_refused_in_vietnamese(catalog: Catalog) -> None:
    lake = Candidate("Hồ Gươm", lon=105.8525, lat=21.02889)
    with pytest.raises(AreaError) as caught:
        place_candidates([lake], catalog)
    _says(
        caught.value,
        "địa điểm ứng viên 'Hồ Gươm' (lat 21.02889, lon 105.8525) nằm ngoài huyện Đông Anh cũ "
        "(geo/districts.geojson); cho phép mọi nơi trong Hà Nội (--anywhere) để giữ địa điểm này",
        "candidate 'Hồ Gươm' (lat 21.02889, lon 105.8525) lies outside the former Đông Anh "
        "district (geo/districts.geojson); allow anywhere in Hanoi (--anywhere) to keep it",
    )


# -- events -----------------------------------------------------------------------------------


def test_a_broken_events_row_names_row_and_field_in_vietnamese(tmp_path: Path) -> None:
    with (DATA / "events.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows[0] |= {"actual_start": "23/7/2020", "booths": "-5"}
    path = tmp_path / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header)
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataError) as caught:
        read_events(path)
    vi, en = error_text(caught.value, "vi"), str(caught.value)
    where = f"events.csv: dòng 2 (id={rows[0]['id']})"
    assert (
        f"{where}: trường 'actual_start': '23/7/2020' không phải ngày ISO (YYYY-MM-DD) hay " in vi
    )
    assert f"{where}: trường 'booths': '-5' là số âm (ghi số lượng ≥ 0" in vi
    where = f"events.csv: row 2 (id={rows[0]['id']})"
    assert (
        f"{where}: field 'actual_start': '23/7/2020' is not an ISO date (YYYY-MM-DD) or month "
        "(YYYY-MM)"
    ) in en
    assert (
        f"{where}: field 'booths': '-5' is negative (write a count ≥ 0, '+' for 'more than')" in en
    )


# -- the plan's tables ------------------------------------------------------------------------


def _broken_plan(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    """The Vietnamese and English texts of load_plan's error after ``old`` → ``new`` in the
    tasks table."""
    _copy(tmp_path, "plan_tasks.csv", "agencies.csv", "plan_budget.csv")
    _edit(tmp_path / "plan_tasks.csv", old, new)
    with pytest.raises(DataError) as caught:
        load_plan(tmp_path)
    return error_text(caught.value, "vi"), str(caught.value)


def test_a_broken_plan_table_names_row_and_column_in_vietnamese(tmp_path: Path) -> None:
    vi, en = _broken_plan(tmp_path, "Sở Công Thương,so-cong-thuong,", "Sở Công Thương,so-ct,")
    assert "plan_tasks.csv: dòng 6, cột 'lead': 'so-ct' không phải mã trong agencies.csv" in vi
    assert "agencies.csv: dòng 3, cột 'leads': ghi các nhiệm vụ [5, 7, 8, 9]; plan_tasks.csv" in vi
    assert "plan_tasks.csv: row 6, column 'lead': 'so-ct' is not an id of agencies.csv" in en
    assert (
        "agencies.csv: row 3, column 'leads': says tasks [5, 7, 8, 9]; plan_tasks.csv gives" in en
    )


def test_a_plan_period_problem_carries_the_period_error_message(tmp_path: Path) -> None:
    vi, en = _broken_plan(tmp_path, "Tháng 6 đến tháng 12/2020", "Quý 3/2020")
    assert (
        "plan_tasks.csv: dòng 7, cột 'period_vi': 'Quý 3/2020' không phải là thời gian viết "
        "theo dạng 'Tháng 6/2020'"
    ) in vi
    assert (
        "plan_tasks.csv: row 7, column 'period_vi': 'Quý 3/2020' is not a period written like "
        "'Tháng 6/2020' or 'Tháng 7- 8/2020'"
    ) in en


# -- a registry import the database refuses ---------------------------------------------------


def test_refused_import_rows_are_named_in_vietnamese(store: Store) -> None:
    bad = products(8)
    bad.loc[0, "method"] = "guess"
    bad.loc[1, "product_name"] = None
    bad.loc[1:7, "stars"] = 6
    with pytest.raises(StoreError) as caught:
        save(store, products=bad)
    vi, en = error_text(caught.value, "vi"), str(caught.value)
    assert "product_name bị trống ở dòng 3" in vi
    assert (
        "method phải là một trong các giá trị coordinates, ward, district, unplaced: "
        "dòng 2 ('guess')" in vi
    )
    assert "stars phải là một trong các giá trị 3, 4, 5: dòng 3 (6), dòng 4 (6), dòng 5 (6), " in vi
    assert "dòng 7 (6), và 2 dòng khác" in vi
    assert "product_name is empty in row 3" in en
    assert "method must be one of coordinates, ward, district, unplaced: row 2 ('guess')" in en
    assert "stars must be one of 3, 4, 5: row 3 (6), row 4 (6), row 5 (6), row 6 (6), " in en
    assert "row 7 (6), and 2 more" in en
