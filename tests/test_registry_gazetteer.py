"""Matching ward/commune and district names as people write them, incl. the 2025 mergers."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.layers.catalog import Catalog
from ocop_geo.layers.validate import DataError
from ocop_geo.registry.gazetteer import ALIAS_COLUMNS, Gazetteer

ALIASES = REPO_ROOT / "data" / "commune_aliases_2025.csv"
FACTS = REPO_ROOT.parent / "shared" / "research" / "facts.md"
#: The §7 sources of the research notes (facts.md) the alias table may cite.
FACT_SOURCES = {
    "https://saigon24.net/hangpham/sau-sap-xep-ha-noi-xuat-hien-sieu-phuong-co-mat-do-dan-so-gap-3-lan-singapore-gap-6-lan-thuong-hai",
    "https://cloudwebhn.tek4tv.vn/xa-vinh-thanh-nhung-thong-tin-chi-tiet-sau-sap-xep-344047.htm",
    "https://beta-hn.tek4tv.vn/xa-quoc-oai-nhung-thong-tin-chi-tiet-sau-sap-xep-344167.htm",
    "https://nhandan.vn/ocop/thi-xa-son-tay-sap-xep-lai-thanh-ba-don-vi-hanh-chinh-cap-xa-post873722.html",
    "https://cloudwebhn.tek4tv.vn/xa-vinh-thanh-nhung-thong-tin-chi-tiet-sau-sap-xep-344054.htm",
    "https://xemdabongnet.net/xa-ung-thien-nhung-thong-tin-chi-tiet-sau-sap-xep-343979.htm",
}


@pytest.fixture(scope="module")
def gazetteer(catalog: Catalog) -> Gazetteer:
    return Gazetteer.from_catalog(catalog, ALIASES)


def alias_rows() -> list[dict[str, str]]:
    with ALIASES.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(
    "text",
    [
        "Phường Hà Đông",
        "P. Hà Đông",
        "phuong ha dong",
        "Phường  Hà   Đông",
        "HA DONG",
        "Hà Đông",
        "P.Hà Đông",
        " p ha-dong ",
    ],
)
def test_one_ward_written_many_ways(gazetteer: Gazetteer, text: str) -> None:
    match = gazetteer.match_ward(text)
    assert match is not None
    assert (match.name_vi, match.via) == ("Phường Hà Đông", "name")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xã Bát Tràng", "Xã Bát Tràng"),
        ("X. Bat Trang", "Xã Bát Tràng"),
        ("TT Quốc Oai", "Xã Quốc Oai"),
        ("Thị trấn Quốc Oai", "Xã Quốc Oai"),
        ("Phường Văn Miếu Quốc Tử Giám", "Phường Văn Miếu - Quốc Tử Giám"),
        ("Ô Chợ Dừa", "Phường Ô Chợ Dừa"),
    ],
)
def test_current_units(gazetteer: Gazetteer, text: str, expected: str) -> None:
    match = gazetteer.match_ward(text)
    assert match is not None
    assert match.name_vi == expected


@pytest.mark.parametrize(
    ("text", "district", "expected"),
    [
        ("Phường Vạn Phúc", "", "Phường Hà Đông"),
        ("Phường Vạn Phúc", "Q. Hà Đông", "Phường Hà Đông"),
        ("xa Sai Son", "", "Xã Quốc Oai"),
        ("Kim Lan", "huyện Gia Lâm", "Xã Bát Tràng"),
        ("Xã Kim Đức", "", "Xã Bát Tràng"),
        ("Đa Tốn", "", "Xã Bát Tràng"),
        ("Xã Đường Lâm", "TX. Sơn Tây", "Phường Sơn Tây"),
        ("Vân Hà", "Đông Anh", "Xã Thư Lâm"),
        ("Cổ Loa", "", "Xã Đông Anh"),
        ("Vạn Phúc (Hà Đông)", "", "Phường Hà Đông"),
    ],
)
def test_old_names_land_in_their_2025_unit(
    gazetteer: Gazetteer, text: str, district: str, expected: str
) -> None:
    match = gazetteer.match_ward(text, district)
    assert match is not None
    assert (match.name_vi, match.via) == (expected, "alias")
    assert "since 1/7/2025" in match.note


def test_the_alias_note_says_what_happened(gazetteer: Gazetteer) -> None:
    match = gazetteer.match_ward("Phường Vạn Phúc")
    assert match is not None
    assert match.note == "phường Vạn Phúc (Hà Đông) → Phường Hà Đông since 1/7/2025"
    assert match.osm_relation_id == 19341924
    partial = gazetteer.match_ward("Trung Hưng")
    assert partial is not None
    assert "most of it" in partial.note
    assert "confidence P" in partial.note


def test_an_old_name_equal_to_a_current_unit_is_the_current_unit(gazetteer: Gazetteer) -> None:
    match = gazetteer.match_ward("Bát Tràng", "Gia Lâm")
    assert match is not None
    assert (match.name_vi, match.via) == ("Xã Bát Tràng", "name")


def test_an_alias_does_not_apply_in_another_district(gazetteer: Gazetteer) -> None:
    # Quang Trung (Hà Đông) → Phường Hà Đông, but a "Quang Trung" in Đống Đa is another place
    assert gazetteer.match_ward("Quang Trung", "Hà Đông").name_vi == "Phường Hà Đông"  # type: ignore[union-attr]
    assert gazetteer.match_ward("Quang Trung", "Quận Đống Đa") is None


def test_a_current_name_with_a_district_it_does_not_touch_is_not_matched(
    gazetteer: Gazetteer,
) -> None:
    assert gazetteer.match_ward("Thanh Xuân", "Huyện Sóc Sơn") is None
    why = gazetteer.resolve_ward("Thanh Xuân", "Huyện Sóc Sơn").why
    assert why == "Phường Thanh Xuân does not lie in district Sóc Sơn"
    # Xã Bát Tràng took parts of Long Biên (Cự Khối, Thạch Bàn): that district is accepted
    assert gazetteer.match_ward("Bát Tràng", "Long Biên") is not None


def test_a_divided_commune_is_not_guessed_but_keeps_its_district(gazetteer: Gazetteer) -> None:
    found = gazetteer.resolve_ward("Xã Kiêu Kỵ")
    assert found.match is None
    assert found.district_vi == "Gia Lâm"
    assert "was divided on 1/7/2025" in found.why


@pytest.mark.parametrize("text", ["Phú Lương X", "Xã Thử Nghiệm", "", "   ", "P."])
def test_unknown_names(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.match_ward(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q. Hà Đông", ("Hà Đông", "268")),
        ("Quận Hà Đông", ("Hà Đông", "268")),
        ("quan ha dong", ("Hà Đông", "268")),
        ("H. Gia Lâm", ("Gia Lâm", "018")),
        ("huyen gia lam", ("Gia Lâm", "018")),
        ("TX. Sơn Tây", ("Sơn Tây", "269")),
        ("Thị xã Sơn Tây", ("Sơn Tây", "269")),
        ("TX Son Tay", ("Sơn Tây", "269")),
        ("BẮC TỪ LIÊM", ("Bắc Từ Liêm", "021")),
    ],
)
def test_districts(gazetteer: Gazetteer, text: str, expected: tuple[str, str]) -> None:
    match = gazetteer.match_district(text)
    assert match is not None
    assert (match.name_vi, match.gso_code) == expected


@pytest.mark.parametrize("text", ["Hà Tay", "Từ Liêm", "Hà Nội", ""])
def test_unknown_districts(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.match_district(text) is None


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (
            "Khu Tinh hoa Làng nghề Việt, thôn 5, xã Bát Tràng, huyện Gia Lâm",
            ("bat trang", "gia lam"),
        ),
        ("Thôn 4 xã Kim Lan; huyện Gia Lâm; TP Hà Nội", ("kim lan", "gia lam")),
        ("Bát Tràng, Gia Lâm, Hà Nội", ("bat trang", "gia lam")),
        ("176 Quang Trung, Q. Hà Đông", ("", "ha dong")),
        ("số 2 phố Hà Cầu, Hà Nội", ("", "")),
        ("Thị xã Sơn Tây", ("", "son tay")),
    ],
)
def test_names_inside_an_address(
    gazetteer: Gazetteer, address: str, expected: tuple[str, str]
) -> None:
    assert gazetteer.parse_address(address) == expected


def test_alias_table_only_names_catalogue_units_and_research_sources(catalog: Catalog) -> None:
    rows = alias_rows()
    assert tuple(rows[0].keys()) == ALIAS_COLUMNS
    wards = set(catalog.wards["name_vi"])
    districts = set(catalog.districts["name_vi"])
    for row in rows:
        assert row["new_unit_vi"] in wards, row
        assert row["old_district_vi"] in districts, row
        assert row["share"] in ("all", "most", "part"), row
        assert row["confidence"] in ("V", "P"), row
        assert row["source"] in FACT_SOURCES, row
    # the units the brief names are all there
    expected = {
        ("Vạn Phúc", "Phường Hà Đông"),
        ("Quang Trung", "Phường Hà Đông"),
        ("Kim Lan", "Xã Bát Tràng"),
        ("Văn Đức", "Xã Bát Tràng"),
        ("Kim Đức", "Xã Bát Tràng"),
        ("Sài Sơn", "Xã Quốc Oai"),
        ("Thạch Thán", "Xã Quốc Oai"),
        ("Đường Lâm", "Phường Sơn Tây"),
        ("Thụy Lâm", "Xã Thư Lâm"),
        ("Mai Lâm", "Xã Đông Anh"),
    }
    assert expected <= {(r["old_name_vi"], r["new_unit_vi"]) for r in rows}
    assert {r["confidence"] for r in rows if r["new_unit_vi"] == "Phường Sơn Tây"} == {"P"}


@pytest.mark.skipif(not FACTS.exists(), reason="research notes not next to the repository")
def test_alias_sources_appear_in_the_research_notes() -> None:
    urls = set(re.findall(r"https?://[^\s)|;]+", FACTS.read_text(encoding="utf-8")))
    assert {row["source"] for row in alias_rows()} <= urls


def write_aliases(path: Path, *rows: tuple[str, ...]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(ALIAS_COLUMNS)
        writer.writerows(rows)
    return path


def test_an_alias_in_two_districts_needs_the_district(catalog: Catalog, tmp_path: Path) -> None:
    url = "https://example.org/source"
    table = write_aliases(
        tmp_path / "aliases.csv",
        ("Tân Lập", "Xã", "Đan Phượng", "Xã Ô Diên", "all", "V", url),
        ("Tân Lập", "Xã", "Mỹ Đức", "Xã Hồng Sơn", "most", "V", url),
    )
    gazetteer = Gazetteer.from_catalog(catalog, table)
    assert gazetteer.match_ward("Tân Lập") is None
    assert "several districts (Mỹ Đức, Đan Phượng)" in gazetteer.resolve_ward("Tân Lập").why
    assert gazetteer.match_ward("Tân Lập", "H. Đan Phượng").name_vi == "Xã Ô Diên"  # type: ignore[union-attr]
    assert gazetteer.match_ward("tan lap", "huyen my duc").name_vi == "Xã Hồng Sơn"  # type: ignore[union-attr]


def test_a_bad_alias_table_is_refused_with_every_problem(catalog: Catalog, tmp_path: Path) -> None:
    table = write_aliases(
        tmp_path / "aliases.csv",
        ("Vạn Phúc", "Phường", "Hà Đông", "Phường Vạn Phúc", "all", "V", "https://x.org"),
        ("La Khê", "", "Hà Tây", "Phường Hà Đông", "some", "E", "saigon24.net"),
    )
    with pytest.raises(DataError) as caught:
        Gazetteer.from_catalog(catalog, table)
    text = str(caught.value)
    assert "row 2: new_unit_vi 'Phường Vạn Phúc' is not a ward/commune" in text
    assert "row 3: old_district_vi 'Hà Tây' is not one of the 30 districts" in text
    assert "row 3: share must be all, most or part" in text
    assert "row 3: confidence must be V or P" in text
    assert "row 3: 'source' must be a URL" in text
