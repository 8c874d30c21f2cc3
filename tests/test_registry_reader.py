"""Reading an uploaded product list: formats, header aliases, and every problem at once."""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
import pytest
from openpyxl import Workbook

from bench.synthetic_registry import HEADERS, make_registry, to_csv_bytes, to_xlsx_bytes
from ocop_geo.layers.catalog import Catalog
from ocop_geo.registry.reader import COLUMNS, RegistryError, read_registry

HEADER = (
    "Tên sản phẩm,Chủ thể,Số sao,Nhóm sản phẩm,Năm công nhận,Vĩ độ,Kinh độ,Xã/phường,Quận/huyện"
)
GOOD = [
    "Gốm hoa sen,HTX Gốm Bát Tràng,4,Lưu niệm - nội thất - trang trí,2020,20.975953,105.912491,,",
    "Lụa tơ tằm,Cơ sở Lụa Vạn Phúc,4 sao,Vải và may mặc,2021,,,Phường Vạn Phúc,Q. Hà Đông",
    "Chè lam,Cơ sở Chè lam,3★,Thực phẩm,2019,,,,TX. Sơn Tây",
    "Bánh tẻ,Hộ Hưng Vân,4*,Thực phẩm,2022.0,,,xa Sai Son,",
]


def csv_bytes(*lines: str, bom: bool = True) -> bytes:
    return ("\ufeff" if bom else "").encode() + "\r\n".join(lines).encode("utf-8")


def problems_of(data: bytes, name: str = "products.csv", **kwargs: int) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        read_registry(data, name, **kwargs)
    return [str(p) for p in caught.value.problems]


def test_reads_a_city_csv_into_the_canonical_columns() -> None:
    frame = read_registry(csv_bytes(HEADER, *GOOD), "products.csv")
    assert list(frame.columns) == ["row", *COLUMNS]
    assert frame["row"].tolist() == [2, 3, 4, 5]
    assert frame["stars"].tolist() == [4, 4, 3, 4]
    assert frame["year_rated"].tolist() == [2020, 2021, 2019, 2022]
    assert frame.loc[0, "lat"] == pytest.approx(20.975953)
    assert math.isnan(frame.loc[1, "lat"])
    assert frame.loc[1, "ward"] == "Phường Vạn Phúc"
    assert frame.loc[1, "district"] == "Q. Hà Đông"
    assert frame.loc[0, "address"] == ""  # no address column: empty text


def test_csv_without_bom_english_headers_semicolons_and_extra_columns() -> None:
    data = csv_bytes(
        "STT;Product name;Producer;Rating;Group;Year;Latitude;Longitude;Ghi chú",
        "1;Silk scarf;Van Phuc coop;5;Textile;2023;20,979;105,774;keep out",
        bom=False,
    )
    frame = read_registry(data, "list.CSV")
    assert "Ghi chú" not in frame.columns
    assert "STT" not in frame.columns
    assert frame.loc[0, "stars"] == 5
    assert (frame.loc[0, "lat"], frame.loc[0, "lon"]) == (20.979, 105.774)  # decimal commas


def test_header_is_found_below_a_title_row_and_rows_keep_sheet_numbers() -> None:
    data = csv_bytes("DANH SÁCH SẢN PHẨM OCOP,,,,,,,,", "", HEADER, GOOD[0], "", GOOD[1])
    frame = read_registry(data, "products.csv")
    assert frame["row"].tolist() == [4, 6]  # blank row 5 skipped, numbering kept


def test_missing_columns_are_listed_with_the_headers_found() -> None:
    data = csv_bytes("Tên sản phẩm,Chủ thể,Ghi chú", "Gốm,HTX,abc")
    [message] = problems_of(data)
    assert message.startswith("products.csv: missing required columns:")
    for column in ("'stars'", "'product_group'", "'year_rated'", "a location"):
        assert column in message
    assert "Headers found: 'Tên sản phẩm', 'Chủ thể', 'Ghi chú'" in message


def test_only_one_coordinate_column_is_refused() -> None:
    data = csv_bytes(
        "Tên sản phẩm,Chủ thể,Số sao,Nhóm,Năm,Vĩ độ,Xã", "Gốm,HTX,4,Thực phẩm,2020,21,"
    )
    [message] = problems_of(data)
    assert "column 'lat' (Vĩ độ): found, but no 'lon' column" in message


def test_every_row_problem_is_reported_at_once_with_row_and_column() -> None:
    rows = [
        "Gốm,HTX A,6,Thực phẩm,2020,20.97,105.91,,",  # row 2: stars
        ",HTX B,4,Thực phẩm,2018,20.97,105.91,,",  # row 3: empty name, year too early
        "Gốm,HTX C,4,Thực phẩm,2020,abc,105.91,,",  # row 4: lat not a number
        "Gốm,HTX D,4,Thực phẩm,2020,105.912491,20.975953,,",  # row 5: swapped
        "Gốm,HTX E,4,Thực phẩm,2020,21.0,,,",  # row 6: lon missing
        "Gốm,HTX F,4,Thực phẩm,2020,,,,",  # row 7: nothing to place by
        "Gốm,HTX G,4,Thực phẩm,2020,95,105.9,,",  # row 8: not a latitude
        f"Gốm,HTX H,4,Thực phẩm,{dt.date.today().year + 1},,,Bát Tràng,",  # row 9: future
    ]
    found = problems_of(csv_bytes(HEADER, *rows))
    assert found == [
        "products.csv: row 2, column 'stars' (Số sao): '6' is not a star rating (3, 4 or 5)",
        "products.csv: row 3, column 'product_name' (Tên sản phẩm): empty",
        "products.csv: row 3, column 'year_rated' (Năm công nhận): '2018' is not a year "
        f"between 2019 and {dt.date.today().year}",
        "products.csv: row 4, column 'lat' (Vĩ độ): 'abc' is not a number",
        "products.csv: row 5, column 'lat' (Vĩ độ): latitude 105.912491 and longitude "
        "20.975953 look swapped (the other way round they fall in Hanoi): swap the 'Vĩ độ' and "
        "'Kinh độ' values",
        "products.csv: row 6, column 'lon' (Kinh độ): empty, but 'Vĩ độ' is filled: give both "
        "coordinates or neither",
        "products.csv: row 7: no coordinates and no ward/commune, district or address: the "
        "product cannot be placed",
        "products.csv: row 8, column 'lat' (Vĩ độ): 95 is not a latitude (−90 to 90)",
        "products.csv: row 9, column 'year_rated' (Năm công nhận): "
        f"'{dt.date.today().year + 1}' is not a year between 2019 and {dt.date.today().year}",
    ]


@pytest.mark.parametrize("value", ["4 sao", "4★", "4*", "4.0", " 4 ", "4 Sao"])
def test_star_spellings_are_accepted(value: str) -> None:
    frame = read_registry(
        csv_bytes(HEADER, f"Gốm,HTX,{value},Thực phẩm,2020,,,Bát Tràng,"), "a.csv"
    )
    assert frame.loc[0, "stars"] == 4


@pytest.mark.parametrize("value", ["2 sao", "6", "4.5", "bốn", "45"])
def test_unknown_star_values_are_refused(value: str) -> None:
    [message] = problems_of(csv_bytes(HEADER, f"Gốm,HTX,{value},Thực phẩm,2020,,,Bát Tràng,"))
    assert f"'{value.strip()}' is not a star rating" in message


def test_coordinates_outside_hanoi_are_not_an_error() -> None:
    frame = read_registry(csv_bytes(HEADER, "Gốm,HTX,4,Thực phẩm,2020,10.77,106.70,,"), "a.csv")
    assert (frame.loc[0, "lat"], frame.loc[0, "lon"]) == (10.77, 106.70)


def test_a_non_utf8_file_is_refused_with_how_to_fix_it() -> None:
    data = "Tên".encode("cp1258") + b",So sao\nGom,4\n"  # Windows Vietnamese code page
    [message] = problems_of(data)
    assert message.startswith("products.csv: not UTF-8 text")
    assert "CSV UTF-8" in message


def test_a_file_over_the_size_limit_is_refused_with_size_and_limit() -> None:
    [message] = problems_of(csv_bytes(HEADER, *GOOD * 50), max_bytes=1000)
    assert "the limit is 1,000 bytes" in message
    assert "file is " in message


def test_megabyte_sizes_are_shown_in_mb() -> None:
    [message] = problems_of(b"x" * (3 * 1024 * 1024), max_bytes=2 * 1024 * 1024)
    assert message == "products.csv: file is 3.0 MB; the limit is 2.0 MB"


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b" \r\n ,,, \r\n"])
def test_an_empty_file_is_refused(data: bytes) -> None:
    [message] = problems_of(data)
    assert message == "products.csv: the file is empty"


def test_a_header_without_rows_is_refused() -> None:
    [message] = problems_of(csv_bytes(HEADER, ",,,,,,,,"))
    assert message == "products.csv: no data rows below the header (row 1)"


@pytest.mark.parametrize("name", ["products.xls", "products.ods", "products"])
def test_other_file_types_are_refused(name: str) -> None:
    [message] = problems_of(csv_bytes(HEADER, *GOOD), name)
    assert "upload a .csv (CSV UTF-8) or .xlsx file" in message


def test_xlsx_round_trip() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Danh sách sản phẩm OCOP 2020"])
    sheet.append(HEADER.split(","))
    sheet.append(["Gốm", "HTX Quang Vinh", 4, "Lưu niệm", 2020, 20.975953, 105.912491, None, None])
    sheet.append(
        [
            "Lụa",
            "HTX Vụn Art",
            4.0,
            "Vải",
            dt.datetime(2021, 3, 1),
            None,
            None,
            "Vạn Phúc",
            "Hà Đông",
        ]
    )
    sheet.append(["Bánh", "Hộ A", "7", "Thực phẩm", 2030, None, None, "Bát Tràng", None])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(RegistryError) as caught:
        read_registry(buffer.getvalue(), "sp.xlsx")
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (5, "stars"),
        (5, "year_rated"),
    ]
    sheet.delete_rows(5)
    buffer = io.BytesIO()
    book.save(buffer)
    frame = read_registry(buffer.getvalue(), "sp.xlsx")
    assert frame["row"].tolist() == [3, 4]
    assert frame["stars"].tolist() == [4, 4]
    assert frame["year_rated"].tolist() == [2020, 2021]
    assert frame.loc[0, "lon"] == pytest.approx(105.912491)
    assert frame.loc[1, "ward"] == "Vạn Phúc"


def test_a_broken_xlsx_is_refused() -> None:
    [message] = problems_of(b"PK\x03\x04 not really a zip", "sp.xlsx")
    assert "not a readable .xlsx workbook" in message


def test_two_columns_meaning_the_same_thing_are_refused() -> None:
    data = csv_bytes(
        "Tên sản phẩm,Chủ thể,Số sao,Nhóm,Năm,Xã,Phường", "Gốm,HTX,4,Thực phẩm,2020,Bát Tràng,"
    )
    [message] = problems_of(data)
    assert "columns 'Xã' and 'Phường' both mean 'ward'" in message


def test_error_text_lists_every_problem_up_to_a_cap() -> None:
    rows = [f"Gốm {i},HTX,9,Thực phẩm,2020,,,Bát Tràng," for i in range(80)]
    with pytest.raises(RegistryError) as caught:
        read_registry(csv_bytes(HEADER, *rows), "big.csv")
    assert len(caught.value.problems) == 80
    assert str(caught.value).endswith("… and 30 more problems")


# ------------------------------------------------------------ the synthetic generator


def test_synthetic_registry_is_deterministic_marked_and_mixed(catalog: Catalog) -> None:
    first = make_registry(2000, seed=4, catalog=catalog)
    pd.testing.assert_frame_equal(first, make_registry(2000, seed=4, catalog=catalog))
    assert not first.equals(make_registry(2000, seed=5, catalog=catalog))
    assert list(first.columns) == list(HEADERS.values())
    assert first["Tên sản phẩm"].str.startswith("[TỔNG HỢP] ").all()

    has_xy = first["Vĩ độ"].notna()
    ward_only = ~has_xy & (first["Xã/phường"].ne("") | first["Địa chỉ"].ne(""))
    district_only = ~has_xy & first["Xã/phường"].eq("") & first["Địa chỉ"].eq("")
    # about 60 % coordinates (incl. the 2.5 % outside Hanoi), 25 % ward, 10 % district
    assert 0.58 < has_xy.mean() < 0.66
    assert 0.24 < ward_only.mean() < 0.31  # incl. the 2.5 % invented names
    assert 0.08 < district_only.mean() < 0.12
    stars = first["Số sao"].astype(str).str[0].astype(int)
    assert 0.49 < (stars == 3).mean() < 0.55  # 1,718 of 3,295
    assert set(first["Năm công nhận"]) <= set(range(2019, 2026))


def test_synthetic_registry_reads_back_from_csv_and_xlsx(catalog: Catalog) -> None:
    frame = make_registry(300, seed=1, catalog=catalog)
    from_csv = read_registry(to_csv_bytes(frame), "synthetic.csv")
    from_xlsx = read_registry(to_xlsx_bytes(frame), "synthetic.xlsx")
    pd.testing.assert_frame_equal(from_csv, from_xlsx)
    assert len(from_csv) == 300
    assert from_csv["row"].tolist() == list(range(2, 302))
