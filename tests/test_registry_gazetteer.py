"""Matching ward/commune and district names as people write them, incl. the 2025 mergers."""

from __future__ import annotations

import csv

import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.i18n import Message
from ocop_geo.layers.admin_units import crosswalk
from ocop_geo.layers.catalog import Catalog
from ocop_geo.registry.gazetteer import Gazetteer, map_units
from ocop_geo.text import fold

SAMPLE = REPO_ROOT / "tests" / "data" / "nq1656_sample.csv"


def _en(message: Message | None) -> str:
    """A note, reason or warning as the English page shows it ('' when there is none)."""
    return message.render("en") if message else ""


@pytest.fixture(scope="module")
def gazetteer(catalog: Catalog) -> Gazetteer:
    return Gazetteer.from_catalog(catalog)


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
        ("Quốc Oai", "Xã Quốc Oai"),
        ("xa quoc oai", "Xã Quốc Oai"),
        ("Phường Văn Miếu Quốc Tử Giám", "Phường Văn Miếu - Quốc Tử Giám"),
        ("Ô Chợ Dừa", "Phường Ô Chợ Dừa"),
        # a first word that reads as a unit word once folded ("phuong" = phường): still the
        # 2025 unit of that name, as every other name written without its unit word
        ("Phương Liệt", "Phường Phương Liệt"),
        ("PHUONG LIET", "Phường Phương Liệt"),
        ("Phượng Dực", "Xã Phượng Dực"),
    ],
)
def test_current_units(gazetteer: Gazetteer, text: str, expected: str) -> None:
    match = gazetteer.match_ward(text)
    assert match is not None
    assert match.name_vi == expected


@pytest.mark.parametrize(
    ("text", "district", "expected", "via"),
    [
        ("Phường Vạn Phúc", "", "Phường Hà Đông", "old name"),
        ("Phường Vạn Phúc", "Q. Hà Đông", "Phường Hà Đông", "old name"),
        ("xa Sai Son", "", "Xã Quốc Oai", "old name"),
        ("Xã Kim Đức", "", "Xã Bát Tràng", "old name"),
        ("Xã Đường Lâm", "TX. Sơn Tây", "Phường Sơn Tây", "old name"),
        ("Vân Hà", "Đông Anh", "Xã Thư Lâm", "old name"),
        ("Cổ Loa", "", "Xã Đông Anh", "old name"),
        ("Vạn Phúc (Hà Đông)", "", "Phường Hà Đông", "old name"),
        ("Kiêu Kỵ", "Gia Lâm", "Xã Gia Lâm", "old name"),
        # merged on 1/1/2025 (Nghị quyết 1285/NQ-UBTVQH15), then moved on 1/7/2025
        ("Kim Lan", "huyện Gia Lâm", "Xã Bát Tràng", "earlier name"),
        ("xa van duc", "", "Xã Bát Tràng", "earlier name"),
        ("Trung Mầu", "Gia Lâm", "Xã Phù Đổng", "earlier name"),
        ("Đình Xuyên", "Gia Lâm", "Xã Phù Đổng", "earlier name"),
    ],
)
def test_old_names_land_in_their_2025_unit(
    gazetteer: Gazetteer, text: str, district: str, expected: str, via: str
) -> None:
    found = gazetteer.resolve_ward(text, district)
    assert found.match is not None, found
    assert (found.match.name_vi, found.match.via) == (expected, via)
    assert "since 1/7/2025" in _en(found.match.note)
    assert _en(found.warning) == ""


def test_the_note_says_what_happened(gazetteer: Gazetteer) -> None:
    match = gazetteer.match_ward("Phường Vạn Phúc")
    assert match is not None
    assert _en(match.note) == "Phường Vạn Phúc (Hà Đông) → Phường Hà Đông since 1/7/2025"
    assert match.osm_relation_id == 19341924
    earlier = gazetteer.match_ward("Kim Lan", "Gia Lâm")
    assert earlier is not None
    assert _en(earlier.note) == (
        "'Kim Lan' is an earlier name of Xã Kim Đức (Gia Lâm) → Xã Bát Tràng since 1/7/2025"
    )


def test_a_commune_name_in_several_districts_is_settled_by_the_district(
    gazetteer: Gazetteer,
) -> None:
    assert "several districts (Hà Đông, Phúc Thọ, Thanh Trì)" in _en(
        gazetteer.resolve_ward("van phuc").why
    )
    assert gazetteer.match_ward("van phuc", "quan ha dong").name_vi == "Phường Hà Đông"  # type: ignore[union-attr]
    assert gazetteer.match_ward("Vạn Phúc", "H. Thanh Trì").name_vi == "Xã Nam Phù"  # type: ignore[union-attr]
    assert gazetteer.match_ward("Vân Phúc", "Phúc Thọ").name_vi == "Xã Phúc Lộc"  # type: ignore[union-attr]
    # written with diacritics, "Vạn Phúc" is not Vân Phúc
    assert "(Hà Đông, Thanh Trì)" in _en(gazetteer.resolve_ward("Vạn Phúc").why)


def test_the_old_ward_of_the_district_given_wins_over_a_2025_unit_of_that_name(
    gazetteer: Gazetteer,
) -> None:
    # phường Thanh Trì of Hoàng Mai, not Xã Thanh Trì (2025); it was divided
    found = gazetteer.resolve_ward("phường Thanh Trì", "quận Hoàng Mai")
    assert found.match is None
    assert found.split is not None
    assert found.split.units == ("Phường Lĩnh Nam", "Phường Vĩnh Hưng")
    assert _en(found.warning) == ""
    # Xã Thanh Xuân of Sóc Sơn (until 2025), not Phường Thanh Xuân
    assert gazetteer.match_ward("Thanh Xuân", "Huyện Sóc Sơn").name_vi == "Xã Nội Bài"  # type: ignore[union-attr]
    # Xã Bát Tràng (2025) took a part of Long Biên: that district is accepted
    assert gazetteer.match_ward("Bát Tràng", "Long Biên").name_vi == "Xã Bát Tràng"  # type: ignore[union-attr]


def test_a_district_contradicting_the_commune_gets_a_warning(gazetteer: Gazetteer) -> None:
    found = gazetteer.resolve_ward("xã Bát Tràng", "quận Hoàng Mai")
    assert found.match is not None
    assert found.match.name_vi == "Xã Bát Tràng"
    assert _en(found.warning).startswith("district 'quận Hoàng Mai' contradicts 'xã Bát Tràng' (")
    assert "Xã Bát Tràng was in Gia Lâm" in _en(found.warning)
    found = gazetteer.resolve_ward("Kiêu Kỵ", "Ba Đình")
    assert found.match is not None
    assert found.match.name_vi == "Xã Gia Lâm"
    assert "Xã Kiêu Kỵ was in Gia Lâm" in _en(found.warning)


@pytest.mark.parametrize(
    ("text", "district", "parts"),
    [
        ("La Khê", "Hà Đông", ("Phường Dương Nội", "Phường Hà Đông")),
        ("Mộ Lao", "Hà Đông", ("Phường Hà Đông", "Phường Đại Mỗ")),
        # the township, not the 2025 commune of the same name
        ("TT Quốc Oai", "", ("Xã Quốc Oai", "Xã Tây Phương")),
        ("Đa Tốn", "", ("Xã Bát Tràng", "Xã Gia Lâm")),
        ("Đông Dư", "Gia Lâm", ("Phường Long Biên", "Xã Bát Tràng", "Xã Gia Lâm")),
    ],
)
def test_a_divided_commune_resolves_to_all_its_parts(
    gazetteer: Gazetteer, text: str, district: str, parts: tuple[str, ...]
) -> None:
    found = gazetteer.resolve_ward(text, district)
    assert found.match is None
    assert found.split is not None
    assert found.split.units == parts
    assert "was divided on 1/7/2025 among " + ", ".join(parts) in _en(found.split.note())


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
        ("Xã Đông Dư, Gia Lâm", ("dong du", "gia lam")),
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


def test_every_2025_unit_of_the_library_maps_to_exactly_one_ward_feature(
    catalog: Catalog,
) -> None:
    units = crosswalk().new_units
    assert len(units) == 126
    mapped = map_units(crosswalk(), catalog)
    assert set(mapped) == set(units)
    assert sorted(mapped.values()) == sorted(catalog.wards["name_vi"])  # one to one


def test_the_library_covers_the_526_old_units_of_our_30_districts(catalog: Catalog) -> None:
    old = crosswalk().units
    assert len(old) == 526
    assert {u.district_vi for u in old} == set(catalog.districts["name_vi"])
    assert sum(u.whole for u in old) == 327


def sample_rows() -> list[dict[str, str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_placement_agrees_with_the_resolution_on_the_sample(gazetteer: Gazetteer) -> None:
    rows = sample_rows()
    assert len(rows) >= 300
    assert len({r["old_district_vi"] for r in rows}) >= 20
    assert all("1656/NQ-UBTVQH15" in r["clause"] for r in rows)
    agree, wrong = 0, []
    for row in rows:
        match = gazetteer.match_ward(row["old_unit_vi"], row["old_district_vi"])
        if match is not None and match.name_vi == row["new_unit_vi"]:
            agree += 1
        elif match is not None:
            wrong.append((row["old_unit_vi"], row["old_district_vi"], match.name_vi))
    assert wrong == []
    assert agree / len(rows) >= 0.99


def test_the_sample_agrees_written_without_diacritics_and_unit_words(
    gazetteer: Gazetteer,
) -> None:
    rows = sample_rows()
    agree, wrong = 0, []
    for row in rows:
        name = fold(
            row["old_unit_vi"].split(" ", 1)[1]
            if row["old_unit_vi"].startswith(("Xã ", "Phường "))
            else row["old_unit_vi"]
        )
        found = gazetteer.resolve_ward(name, fold(row["old_district_vi"]))
        if found.match is not None and found.match.name_vi == row["new_unit_vi"]:
            agree += 1
        elif found.match is not None:
            wrong.append((row["old_unit_vi"], found.match.name_vi))
    assert wrong == []
    assert agree / len(rows) >= 0.99


def test_every_unit_of_2019_2024_reaches_a_2025_unit(gazetteer: Gazetteer) -> None:
    with (REPO_ROOT / "tests" / "data" / "hanoi_units_2019_2024.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 579
    lost = [
        (r["unit_vi"], r["district_vi"])
        for r in rows
        if (
            not (found := gazetteer.resolve_ward(r["unit_vi"], r["district_vi"])).match
            and not found.split
        )
        or _en(found.warning)
    ]
    assert lost == []
