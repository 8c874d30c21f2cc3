"""Placement reasons read in Vietnamese: every message place() writes has a translation."""

from __future__ import annotations

import pandas as pd
import pytest

from bench.synthetic_registry import make_registry, to_csv_bytes
from ocop_geo.layers.catalog import Catalog
from ocop_geo.registry import workflow
from ocop_geo.registry.placement import place
from ocop_geo.registry.reader import read_registry
from ocop_geo.registry.translate import reason_text, split_parts, untranslated

EDGE_ROWS = (
    "Tên sản phẩm,Chủ thể,Số sao,Nhóm sản phẩm,Năm công nhận,Vĩ độ,Kinh độ,Xã/phường,Quận/huyện,"
    "Địa chỉ\n"
    "A,B,3,Thực phẩm,2022,20.975953,105.912491,Phường Sơn Tây,,\n"  # coordinates vs ward column
    "A,B,3,Thực phẩm,2022,10.77,106.70,,,\n"  # outside Hanoi, nothing else
    "A,B,3,Thực phẩm,2022,10.77,106.70,Bát Tràng,,\n"  # outside Hanoi, placed by name
    "A,B,3,Thực phẩm,2022,,,La Khê,Hà Đông,\n"  # an old commune that was divided
    "A,B,3,Thực phẩm,2022,,,Kim Lan,,\n"  # an earlier name (merged on 1/1/2025)
    "A,B,3,Thực phẩm,2022,,,Bát Tràng,Hoàng Mai,\n"  # a district that contradicts the name
    "A,B,3,Thực phẩm,2022,,,Quang Trung,Sóc Sơn,\n"  # name and district that do not meet
    "A,B,3,Thực phẩm,2022,,,Yên Viên,,\n"  # a township and a commune of that name
    "A,B,3,Thực phẩm,2022,,,Xã Không Có,,\n"
    "A,B,3,Thực phẩm,2022,,,,Huyện Không Có,\n"
    "A,B,3,Thực phẩm,2022,,,Q. Hà Đông,,\n"  # a district in the ward column
    'A,B,3,Thực phẩm,2022,,,,,"Thôn 3, xã Sài Sơn, huyện Quốc Oai"\n'
    'A,B,3,Thực phẩm,2022,,,,,"Số 1 phố Không Có"\n'
)


@pytest.fixture(scope="module")
def reasons(catalog: Catalog) -> pd.Series:
    names = workflow.gazetteer(catalog)
    synthetic = read_registry(to_csv_bytes(make_registry(5_000, seed=5, catalog=catalog)), "s.csv")
    edges = read_registry(EDGE_ROWS.encode("utf-8"), "edges.csv")
    placed = pd.concat([place(synthetic, names, catalog), place(edges, names, catalog)])
    return placed["reason"][placed["reason"] != ""]


def test_every_reason_part_has_a_vietnamese_template(reasons: pd.Series) -> None:
    missing = sorted({part for reason in reasons for part in untranslated(reason)})
    assert missing == []
    assert len(reasons) > 1_000  # the check saw real variety


def test_reasons_read_in_vietnamese() -> None:
    reason = (
        "coordinates (10.77, 106.7) lie outside Hanoi; placed by ward name; "
        "district 'Hoàng Mai' contradicts 'Bát Tràng' (Xã Bát Tràng was in Gia Lâm; Xã Bát "
        "Tràng is a 2025 unit); Phường Vạn Phúc (Hà Đông) → Phường Hà Đông since 1/7/2025"
    )
    assert split_parts(reason)[2].endswith("Xã Bát Tràng is a 2025 unit)")
    assert reason_text(reason, "vi") == (
        "toạ độ (10.77, 106.7) nằm ngoài Hà Nội; đặt theo tên xã/phường; "
        "quận/huyện 'Hoàng Mai' mâu thuẫn với 'Bát Tràng' (Xã Bát Tràng thuộc Gia Lâm; Xã Bát "
        "Tràng là đơn vị từ 2025); Phường Vạn Phúc (Hà Đông) → Phường Hà Đông từ 1/7/2025"
    )
    divided = (
        "Phường La Khê (Hà Đông) was divided on 1/7/2025 among Phường Dương Nội, Phường Hà "
        "Đông; placed at the centre of those units (±3,210 m)"
    )
    assert reason_text(divided, "vi") == (
        "Phường La Khê (Hà Đông) được chia ngày 1/7/2025 cho Phường Dương Nội, Phường Hà Đông; "
        "đặt tại tâm các đơn vị đó (±3,210 m)"
    )
    assert reason_text(reason, "en") == reason
    assert reason_text(None, "vi") == ""


def _problems(data: bytes, name: str, **kwargs: int) -> list:
    from ocop_geo.registry.reader import RegistryError

    with pytest.raises(RegistryError) as err:
        read_registry(data, name, **kwargs)
    return err.value.problems


H = "Tên sản phẩm,Chủ thể,Số sao,Nhóm sản phẩm,Năm công nhận,Vĩ độ,Kinh độ,Xã/phường\n"


def test_every_file_problem_has_a_vietnamese_template() -> None:
    from ocop_geo.registry.translate import problem_text, problem_untranslated

    problems = [
        *_problems("Tên".encode("cp1258") + b"\xff\xfe", "a.csv"),
        *_problems(b"not a zip", "a.xlsx"),
        *_problems(b"", "a.csv"),
        *_problems(b"x", "a.xls"),
        *_problems(b"x" * 2048, "a.csv", max_bytes=1024),
        *_problems(H.encode(), "a.csv"),
        *_problems("Tên sản phẩm,Sản phẩm,Chủ thể\nA,B,C\n".encode(), "a.csv"),
        *_problems(
            "Tên sản phẩm,Chủ thể,Số sao,Nhóm,Năm,Vĩ độ\nA,B,3,C,2020,21\n".encode(), "a.csv"
        ),
        *_problems("Tên sản phẩm,Chủ thể\nA,B\n".encode(), "a.csv"),
        *_problems(
            (
                H + ",B,6,C,1800,abc,105.8,\n"  # empty name, stars, year, not a number
                "A,B,3,C,2020,21.0,,\n"  # one coordinate only
                "A,B,3,C,2020,,105.8,\n"
                "A,B,3,C,2020,105.8,21.0,\n"  # swapped
                "A,B,3,C,2020,95,105.8,\n"  # not a latitude
                "A,B,3,C,2020,21.0,200,\n"  # not a longitude
                "A,B,3,C,2020,,,\n"  # nowhere to place it
            ).encode(),
            "a.csv",
        ),
    ]
    assert len(problems) >= 15
    assert [str(p) for p in problems if problem_untranslated(p)] == []
    swapped = next(p for p in problems if "swapped" in p.message)
    assert problem_text(swapped, "vi").startswith("a.csv: dòng 5, cột 'lat' (Vĩ độ): vĩ độ 105.8")
    assert problem_text(swapped, "en") == str(swapped)
