"""Site search, map-click resolution, deep links and the details card."""

from __future__ import annotations

import pandas as pd
import pytest

from ocop_geo.layers import sites
from ocop_geo.layers.catalog import Catalog


@pytest.fixture(scope="module")
def points(catalog: Catalog) -> pd.DataFrame:
    return pd.concat([catalog.sites, catalog.venues])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bat trang", ["bat-trang"]),
        ("BÁT TRÀNG", ["bat-trang"]),
        ("duong lam", ["duong-lam"]),
        ("đường lâm", ["duong-lam"]),
        ("ha dong", ["van-phuc", "khuyen-cong"]),  # both sites in Hà Đông
        ("lang lua", ["van-phuc"]),  # theme: làng lụa
        ("trinh cong son", ["trinh-cong-son"]),
        ("  thay   pagoda ", ["sai-son"]),  # English theme, odd spacing
        ("hoi an", []),
        ("Vạn Phúc, Hà Đông", ["van-phuc"]),  # name and district
        ("van phuc", ["van-phuc"]),
        ("Kim Lan", ["bat-trang"]),  # merged 1/1/2025, in Xã Bát Tràng since 1/7/2025
        ("kim lan, gia lam", ["bat-trang"]),
        ("Thạch Thán, Quốc Oai", ["sai-son"]),  # pre-2025 commune now in Xã Quốc Oai
        ("Vạn Phúc, Thanh Trì", []),  # another Vạn Phúc (now Xã Nam Phù)
    ],
)
def test_search_ignores_diacritics_case_and_spacing(
    points: pd.DataFrame, query: str, expected: list[str]
) -> None:
    assert sites.search(points, query) == expected


def test_a_search_result_shows_its_2025_ward(points: pd.DataFrame) -> None:
    assert sites.search_label(points, "van-phuc", "vi") == "Vạn Phúc · Phường Hà Đông"
    assert sites.search_label(points, "dong-anh", "en") == points.loc["dong-anh", "name_en"]


def test_click_on_a_marker_selects_that_site(points: pd.DataFrame) -> None:
    state = {"last_object_clicked": {"lat": 20.975953, "lng": 105.912491}}
    assert sites.site_from_click(state, points) == "bat-trang"


def test_click_elsewhere_selects_nothing(points: pd.DataFrame) -> None:
    assert (
        sites.site_from_click({"last_object_clicked": {"lat": 21.0, "lng": 105.8}}, points) is None
    )
    assert sites.site_from_click({"last_object_clicked": None}, points) is None
    assert sites.site_from_click(None, points) is None


def test_deep_link() -> None:
    ids = ["bat-trang", "van-phuc"]
    assert sites.resolve_deep_link("bat-trang", ids) == ("bat-trang", None)
    assert sites.resolve_deep_link(" Bat-Trang ", ids) == ("bat-trang", None)
    assert sites.resolve_deep_link("hoan-kiem", ids) == (None, "hoan-kiem")
    assert sites.resolve_deep_link(None, ids) == (None, None)


def test_card_shows_both_geographies_and_accuracy(points: pd.DataFrame) -> None:
    card = sites.site_card(points, "bat-trang", "vi")
    rows = dict(card.rows)
    assert card.title == "Bát Tràng"
    assert rows["Quận/huyện (2020)"] == "Gia Lâm (GSO 018)"
    assert rows["Phường/xã (từ 1/7/2025)"] == "Xã Bát Tràng"
    assert rows["Khai trương"] == "8/10/2020"
    assert rows["Độ chính xác"] == "±1.000 m (ước tính)"
    assert card.is_estimate
    assert all(f.source and f.source.startswith("http") for f in card.facts)


def test_card_for_dong_anh_says_the_site_is_unknown(points: pd.DataFrame) -> None:
    card = sites.site_card(points, "dong-anh", "en", computed_ward="Xã Phúc Thịnh")
    rows = dict(card.rows)
    assert rows["Location"] == "District only — the plan names no site"
    assert rows["Ward/commune (since 1/7/2025)"] == "unknown — the marker lies in Xã Phúc Thịnh"
    assert rows["Address"] == "unknown"
    assert rows["Lead agency"] == "Department of Agriculture and Rural Development"
    assert rows["Appendix tasks"] == "10, 11, 12, 13, 14, 15"


def test_card_marks_inferred_address(points: pd.DataFrame) -> None:
    rows = dict(sites.site_card(points, "khuyen-cong", "en").rows)
    assert rows["Address"].endswith("(partly verified)")


def test_card_for_the_venue(points: pd.DataFrame) -> None:
    card = sites.site_card(points, "trinh-cong-son", "vi")
    rows = dict(card.rows)
    assert rows["Loại"] == "Địa điểm sự kiện"
    assert "ngõ 612 Lạc Long Quân" in rows["Chủ đề"]
