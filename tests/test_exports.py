"""Downloads parse back with real parsers: GeoJSON (GDAL via GeoPandas), CSV, XLSX (openpyxl)."""

from __future__ import annotations

import io
import json
import math

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

from ocop_geo.i18n import Message, messages_json
from ocop_geo.io import writers
from ocop_geo.registry import export


@pytest.fixture
def placed() -> pd.DataFrame:
    rows = [
        ("Gốm men lam <b>", "HTX Gốm", 4, "coordinates", 20.975953, 105.912491, "Xã Bát Tràng"),
        ("Lụa tơ tằm", "Cơ sở A", 3, "ward", 20.97, 105.77, "Phường Hà Đông"),
        ("Miến So", "HTX B", 5, "unplaced", math.nan, math.nan, None),
    ]
    frame = pd.DataFrame(
        rows,
        columns=["product_name", "producer", "stars", "method", "placed_lat", "placed_lon",
                 "ward_2025"],
    )  # fmt: skip
    frame["row"] = [2, 3, 4]
    frame["product_group"] = "Thủ công mỹ nghệ"
    frame["year_rated"] = 2024
    for col in ("address", "ward", "district", "district_2020", "district_gso", "reason"):
        frame[col] = ""
    frame["lat"] = frame["placed_lat"].where(frame["method"] == "coordinates")
    frame["lon"] = frame["placed_lon"].where(frame["method"] == "coordinates")
    frame["ward_osm_id"] = pd.array([1, 2, None], dtype="Int64")
    frame.loc[2, "reason"] = messages_json(
        [Message("registry.reason.ward_unknown", ward_text="So")]
    )
    frame["matched"] = ["coordinates", "old name", "none"]
    frame["accuracy_m"] = [math.nan, 1830.0, math.nan]
    return frame


def test_geojson_is_rfc7946_and_keeps_every_row(placed: pd.DataFrame) -> None:
    data = export.placed_geojson(placed)
    doc = json.loads(data)
    assert "crs" not in doc
    assert [f["geometry"] for f in doc["features"]][2] is None  # unplaced: kept, no geometry
    assert doc["features"][0]["geometry"]["coordinates"] == [105.912491, 20.975953]  # lon, lat
    assert doc["features"][0]["properties"]["product_name"] == "Gốm men lam <b>"
    frame = gpd.read_file(io.BytesIO(data))
    assert len(frame) == 3
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.iloc[0].x == pytest.approx(105.912491)


def test_csv_round_trip_keeps_vietnamese(placed: pd.DataFrame) -> None:
    data = export.placed_csv(placed)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["product_name"].tolist()[1] == "Lụa tơ tằm"
    assert back["method"].tolist() == ["coordinates", "ward", "unplaced"]
    assert back["matched"].tolist() == ["coordinates", "old name", "none"]
    assert back["reason_vi"].tolist()[2] == "không nhận ra xã/phường 'So'"
    assert back["reason"].tolist()[2] == "ward 'So' not recognised"  # rendered, not stored JSON


def test_xlsx_opens_in_openpyxl() -> None:
    table = pd.DataFrame({"3": [1, 0], "4": [2, 1], "total": [3, 1]}, index=["Gia Lâm", "Hà Đông"])
    book = openpyxl.load_workbook(io.BytesIO(writers.table_xlsx(table)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1] == ("Gia Lâm", 1, 2, 3)


def test_downloads_cannot_carry_spreadsheet_formulas(placed: pd.DataFrame) -> None:
    """A product named like a formula stays text in Excel (CSV/formula injection)."""
    placed.loc[0, "product_name"] = '=HYPERLINK("http://evil.example","x")'
    placed.loc[1, "producer"] = "@SUM(A1:A9)"
    back = pd.read_csv(io.BytesIO(export.placed_csv(placed)), encoding="utf-8-sig")
    assert back.loc[0, "product_name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert back.loc[1, "producer"] == "'@SUM(A1:A9)"
    table = pd.DataFrame({"total": [1]}, index=["=cmd|' /C calc'!A0"])
    book = openpyxl.load_workbook(io.BytesIO(writers.table_xlsx(table)))
    cell = book.active.cell(row=2, column=1)
    assert cell.data_type == "s"  # a string, not a formula
    assert cell.value.startswith("'=")
    assert book.active.cell(row=2, column=2).value == 1  # numbers untouched


def test_summary_workbook_has_one_sheet_per_table() -> None:
    stars = pd.DataFrame({"total": [3]}, index=["Gia Lâm"])
    groups = pd.DataFrame({"Dệt may": [1], "total": [1]}, index=["Hà Đông"])
    book = openpyxl.load_workbook(
        io.BytesIO(writers.tables_xlsx({"Hạng sao": stars, "Nhóm": groups}))
    )
    assert book.sheetnames == ["Hạng sao", "Nhóm"]
    assert book["Nhóm"].cell(row=2, column=2).value == 1
