"""AppTest of the registry page with an uploaded file: preview, save, map data, tables."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from ocop_geo.config import Settings
from ocop_geo.layers.catalog import Catalog
from tests.apptest import OpenPage, sign_in
from tests.test_cli_registry import GOOD, HEADER


@pytest.fixture
def app(open_app: OpenPage) -> AppTest:
    """The registry page on a fresh SQLite database (see tests/apptest.py), as an admin."""
    return sign_in(open_app("pages/registry.py"), "an", "admin")


def test_empty_registry_says_the_app_ships_no_products(app: AppTest) -> None:
    assert not app.exception
    assert "không kèm sản phẩm nào" in app.info[0].value


def test_upload_preview_and_save(app: AppTest) -> None:
    app.file_uploader[0].upload("ocop-2025.csv", GOOD.encode("utf-8"), "text/csv").run()
    assert not app.exception
    preview = app.info[0].value
    assert "4 dòng" in preview
    assert "1 theo toạ độ, 2 theo xã/phường, 0 theo quận/huyện, 1 chưa đặt được" in preview
    # every row: the name as written, its 2025 unit and how it was matched
    matches = app.dataframe[0].value.set_index("Dòng")
    assert matches.loc[3, "Xã/phường (trong tệp)"] == "P. Vạn Phúc"
    assert matches.loc[3, "Xã/phường 2025"] == "Phường Hà Đông"
    assert matches.loc[3, "Cách khớp"] == "tên trước 1/7/2025"
    assert matches.loc[2, "Cách khớp"] == "toạ độ"
    assert matches.loc[5, "Cách khớp"] == "không khớp"
    unplaced = app.dataframe[1].value
    assert unplaced["Sản phẩm"].tolist() == ["Trà sen"]
    assert "'Xã Không Có'" in unplaced["Lý do"].iloc[0]  # the reason names what failed
    app.text_input(key="registry_by").input("Nguyễn Văn A").run()
    app.button(key="registry_save").click().run()
    assert not app.exception
    assert "Đã lưu “ocop-2025”: 4 dòng, 3 dòng đặt được" in app.success[0].value
    # The stored import is shown: counts per district add up to the placed rows.
    app.run()
    counts, groups = app.dataframe[-3].value, app.dataframe[-2].value
    assert groups.loc["Hà Đông", "Dệt may"] == 1  # by product group too
    assert groups["Tổng"].sum() == 3
    assert counts.loc["Gia Lâm", "Tổng"] == 1
    assert counts.loc["Hà Đông", "Tổng"] == 1
    assert counts["Tổng"].sum() == 3
    assert len(app.get("download_button")) == 4


def test_bad_upload_is_refused_with_row_and_column(app: AppTest) -> None:
    bad = HEADER + "Bát gốm,HTX,6,Thủ công,2023,20.97,105.91,,\n"
    app.file_uploader[0].upload("bad.csv", bad.encode("utf-8"), "text/csv").run()
    assert "chưa lưu gì" in app.error[0].value
    assert "bad.csv: dòng 2, cột 'stars' (Số sao): '6' không phải hạng sao" in app.code[0].value
    assert not app.button  # no save button for a file with problems


def test_ward_level_and_distance_style(app: AppTest) -> None:
    app.file_uploader[0].upload("ocop-2025.csv", GOOD.encode("utf-8"), "text/csv").run()
    app.text_input(key="registry_by").input("A").run()
    app.button(key="registry_save").click().run()
    app.run()
    app.radio(key="registry_level").set_value("ward").run()
    app.radio(key="registry_style").set_value("distance").run()
    assert not app.exception
    counts = app.dataframe[-3].value
    assert counts.loc["Xã Bát Tràng", "Tổng"] == 1
    far = app.dataframe[-1].value
    assert far.shape[0] == 126


def test_unreachable_database_is_a_clear_message(
    open_app: OpenPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OCOP_DATABASE_URL", "postgresql+psycopg://ocop:secret@127.0.0.1:1/none")
    at = open_app("pages/registry.py")
    assert not at.exception
    assert "Không kết nối được cơ sở dữ liệu" in at.error[0].value
    assert "secret" not in at.code[0].value  # the password is hidden


def _enclosing_blocks(app: AppTest) -> list:
    return [*app.status, *app.expander]


def test_refused_file_shows_every_problem_open_with_row_and_column(app: AppTest) -> None:
    bad = HEADER + (
        "Bát gốm,HTX,6,Thủ công,2023,20.97,105.91,,\n"
        "Lụa,Cơ sở A,3,Dệt may,năm ngoái,,,P. Vạn Phúc,Q. Hà Đông\n"
    )
    app.file_uploader[0].upload("bad.csv", bad.encode("utf-8"), "text/csv").run()
    lines = app.code[0].value.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("bad.csv: dòng 2, cột 'stars' (Số sao): ")
    assert lines[1].startswith("bad.csv: dòng 3, cột 'year_rated' (Năm công nhận): ")
    # not folded away: no collapsed expander or status box holds the problems
    for block in _enclosing_blocks(app):
        if block.code or block.error:
            assert block.proto.expanded, block.label


def _saved(app: AppTest, csv: str) -> AppTest:
    app.file_uploader[0].upload("ocop-2025.csv", csv.encode("utf-8"), "text/csv").run()
    app.text_input(key="registry_by").input("A").run()
    app.button(key="registry_save").click().run()
    return app.run()


def _placement_table(app: AppTest):  # the last table holding "Cách khớp"
    return next(d for d in reversed(app.dataframe) if "Cách khớp" in d.value.columns)


def test_stored_import_shows_each_rows_placement_first(app: AppTest) -> None:
    _saved(app, GOOD)
    assert not app.exception
    table = _placement_table(app)
    rows = table.value.set_index("Dòng")
    assert rows.loc[3, "Xã/phường (trong tệp)"] == "P. Vạn Phúc"
    assert rows.loc[3, "Xã/phường 2025"] == "Phường Hà Đông"
    assert rows.loc[3, "Cách khớp"] == "tên trước 1/7/2025"
    # the old name, the 2025 unit and how it matched come first, and those first columns fit
    # the page's 704 px content width (1366×768, sidebar open): no scrolling sideways
    first = ["Dòng", "Sản phẩm", "Xã/phường (trong tệp)", "Xã/phường 2025", "Cách khớp"]
    assert list(table.value.columns[:5]) == first
    widths = json.loads(table.proto.columns)
    assert all(isinstance(widths[c]["width"], int) for c in first)
    assert sum(widths[c]["width"] for c in first) <= 704


def test_nearest_pilot_point_is_named(app: AppTest) -> None:
    _saved(app, GOOD)
    far = app.dataframe[-1].value
    names = Catalog.load(Settings()).sites["name_vi"]
    nearest = far["Điểm gần nhất"]
    assert not set(nearest) & set(names.index)  # never an id such as 'bat-trang'
    assert nearest.loc["Gia Lâm"] == names.loc["bat-trang"]


def test_product_groups_ignore_diacritics_and_case(app: AppTest) -> None:
    spelled = HEADER + (
        "Miến dong,HTX So,4,Thực phẩm,2022,,,xa Sai Son,\n"
        "Bún,HTX B,3,Thuc pham,2022,,,Xã Bát Tràng,\n"
        "Giò,HTX C,3,THỰC PHẨM,2023,,,Xã Bát Tràng,\n"
    )
    _saved(app, spelled)
    assert not app.exception
    assert app.multiselect[1].options == ["Thực phẩm"]
    groups = app.dataframe[-2].value
    assert [c for c in groups.columns if c != "Tổng"] == ["Thực phẩm"]
    assert groups["Thực phẩm"].sum() == 3
