"""Placement reasons and refused-file problems are catalogue messages: every kind place() and
read_registry() produce renders in Vietnamese and in English, and nothing English is left on a
Vietnamese page."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import shapely

from bench.synthetic_registry import make_registry, to_csv_bytes
from ocop_geo.i18n import Message, catalogue, messages_from_json
from ocop_geo.layers.catalog import Catalog
from ocop_geo.registry import workflow
from ocop_geo.registry.placement import place
from ocop_geo.registry.reader import RegistryError, RegistryProblem, read_registry
from ocop_geo.registry.reasons import reason_text

EDGE_ROWS = (
    "Tên sản phẩm,Chủ thể,Số sao,Nhóm sản phẩm,Năm công nhận,Vĩ độ,Kinh độ,Xã/phường,Quận/huyện,"
    "Địa chỉ\n"
    "A,B,3,Thực phẩm,2022,20.975953,105.912491,Phường Sơn Tây,,\n"  # coordinates vs ward column
    "A,B,3,Thực phẩm,2022,10.77,106.70,,,\n"  # outside Hanoi, nothing else
    "A,B,3,Thực phẩm,2022,10.77,106.70,Bát Tràng,,\n"  # outside Hanoi, placed by name
    "A,B,3,Thực phẩm,2022,10.77,106.70,Xã Không Có,,\n"  # outside Hanoi, not placed
    "A,B,3,Thực phẩm,2022,,,La Khê,Hà Đông,\n"  # an old commune that was divided
    "A,B,3,Thực phẩm,2022,,,Kim Lan,,\n"  # an earlier name (merged on 1/1/2025)
    "A,B,3,Thực phẩm,2022,,,Bát Tràng,Hoàng Mai,\n"  # a district that contradicts the name
    "A,B,3,Thực phẩm,2022,,,Quang Trung,Sóc Sơn,\n"  # name and district that do not meet
    "A,B,3,Thực phẩm,2022,,,Yên Viên,,\n"  # a township and a commune of that name
    "A,B,3,Thực phẩm,2022,,,Xã Không Có,,\n"
    "A,B,3,Thực phẩm,2022,,,Xã Không Có,Gia Lâm,\n"  # a known district, an unknown ward
    "A,B,3,Thực phẩm,2022,10.77,106.70,,Gia Lâm,\n"  # outside Hanoi, placed by district
    "A,B,3,Thực phẩm,2022,,,,Huyện Không Có,\n"
    "A,B,3,Thực phẩm,2022,,,Q. Hà Đông,,\n"  # a district in the ward column
    'A,B,3,Thực phẩm,2022,,,,,"Thôn 3, xã Sài Sơn, huyện Quốc Oai"\n'
    'A,B,3,Thực phẩm,2022,,,,,"Số 1 phố Không Có"\n'
)
#: Every English template's fixed words, longer than a name: none may reach a Vietnamese page.
ENGLISH = {
    words
    for key, text in catalogue("en").items()
    if key.startswith(("registry.reason.", "registry.problem.", "registry.size.", "text."))
    for words in re.split(r"\{[^}]*\}|['()\":;,.±]", str(text))
    if len(words.split()) >= 2
    and words.isascii()  # Vietnamese examples are not English
    and words.strip() not in {"CSV UTF-8", "Comma delimited"}
}


def _keys(messages: list[Message]) -> set[str]:
    """The message ids of ``messages`` and of every message nested in their parameters."""
    found = set()
    for m in messages:
        found.add(m.key)
        for value in m.params.values():
            nested = value if isinstance(value, list) else [value]
            found |= _keys([v for v in nested if isinstance(v, Message)])
    return found


def _no_english(text: str) -> list[str]:
    return sorted(w for w in ENGLISH if w.strip() and w.strip() in text)


@pytest.fixture(scope="module")
def reasons(catalog: Catalog) -> pd.Series:
    names = workflow.gazetteer(catalog)
    synthetic = read_registry(to_csv_bytes(make_registry(5_000, seed=5, catalog=catalog)), "s.csv")
    edges = read_registry(EDGE_ROWS.encode("utf-8"), "edges.csv")
    # a point of the district layer that no ward covers (the city edge), and a row with nothing
    # to place it by (read_registry refuses such a row; place() still says why)
    edge = shapely.difference(catalog.districts.union_all(), catalog.wards.union_all())
    point = edge.representative_point()
    direct = pd.DataFrame(
        {"lat": [point.y, None], "lon": [point.x, None], "ward": "", "district": "", "address": ""}
    )
    placed = pd.concat(
        [place(frame, names, catalog) for frame in (synthetic, edges, direct)], ignore_index=True
    )
    return placed["reason"][placed["reason"] != ""]


def test_every_kind_of_reason_renders_in_both_languages(reasons: pd.Series) -> None:
    stored = [messages_from_json(r) for r in reasons]
    assert None not in stored  # every reason is stored as messages
    kinds = set().union(*(_keys(m) for m in stored if m))
    written = {k for k in catalogue("en") if k.startswith("registry.reason.")}
    # the benchmark's baseline, and a name of two units of one district that went to different
    # 2025 units (none in the crosswalk today): rendered on their own below
    assert written - kinds == {"registry.reason.baseline", "registry.reason.several_units"}
    for reason in set(reasons):
        vi, en = reason_text(reason, "vi"), reason_text(reason, "en")
        assert vi
        assert en != vi
        assert _no_english(vi) == [], vi
        assert not vi.startswith("[{")  # never the stored form
    assert len(reasons) > 1_000  # the check saw real variety


def test_reasons_read_in_each_language(catalog: Catalog) -> None:
    placed = place(
        read_registry(EDGE_ROWS.encode("utf-8"), "edges.csv"), workflow.gazetteer(catalog), catalog
    )
    by_ward = placed.set_index(placed["ward"] + "|" + placed["district"])["reason"]
    assert reason_text(by_ward["Bát Tràng|Hoàng Mai"], "en") == (
        "district 'Hoàng Mai' contradicts 'Bát Tràng' (Xã Bát Tràng was in Gia Lâm; Xã Bát Tràng "
        "is a 2025 unit); district_2020 Gia Lâm is the former district covering most of Xã Bát "
        "Tràng (97% of its area)"
    )
    assert reason_text(by_ward["Bát Tràng|Hoàng Mai"], "vi") == (
        "quận/huyện 'Hoàng Mai' mâu thuẫn với 'Bát Tràng' (Xã Bát Tràng thuộc Gia Lâm; Xã Bát "
        "Tràng là đơn vị từ 2025); quận/huyện 2020 là Gia Lâm, quận/huyện cũ chiếm phần lớn Xã "
        "Bát Tràng (97% diện tích)"
    )
    divided = by_ward["La Khê|Hà Đông"]
    assert reason_text(divided, "vi").startswith(
        "Phường La Khê (Hà Đông) được chia ngày 1/7/2025 cho Phường Dương Nội, Phường Hà Đông; "
        "đặt tại tâm các đơn vị đó (±"
    )
    assert " was divided on 1/7/2025 among " in reason_text(divided, "en")
    outside = placed.loc[placed["ward"] == "Bát Tràng", "reason"].iloc[0]
    assert reason_text(outside, "vi").startswith("toạ độ (10.77, 106.7) nằm ngoài Hà Nội; đặt theo")
    assert reason_text(outside, "en").startswith("coordinates (10.77, 106.7) lie outside Hanoi")


def test_the_reasons_place_cannot_produce_today_render_too() -> None:
    several = Message(
        "registry.reason.several_units", ward_text="Yên Viên", district="Gia Lâm", names="a, b"
    )
    assert several.render("vi") == (
        "'Yên Viên' là tên của nhiều đơn vị thuộc Gia Lâm (a, b): hãy ghi rõ Phường, Xã hay "
        "Thị trấn"
    )
    assert several.render("en").endswith("write Phường, Xã or Thị trấn")
    baseline = Message("registry.reason.baseline")
    assert _no_english(baseline.render("vi")) == []


def test_a_reason_written_by_hand_is_shown_as_written() -> None:
    assert reason_text("không có toạ độ; đặt ở tâm xã", "en") == "không có toạ độ; đặt ở tâm xã"
    assert reason_text("", "vi") == ""
    assert reason_text(None, "vi") == ""


def _problems(data: bytes, name: str, **kwargs: int) -> list[RegistryProblem]:
    with pytest.raises(RegistryError) as err:
        read_registry(data, name, **kwargs)
    return err.value.problems


H = "Tên sản phẩm,Chủ thể,Số sao,Nhóm sản phẩm,Năm công nhận,Vĩ độ,Kinh độ,Xã/phường\n"


def test_every_file_problem_renders_in_both_languages() -> None:
    problems = [
        *_problems("Tên".encode("cp1258") + b"\xff\xfe", "a.csv"),
        *_problems(b"not a zip", "a.xlsx"),
        *_problems(b"", "a.csv"),
        *_problems(b"x", "a.xls"),
        *_problems(b"x", "a.txt"),
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
                "A\x01,B,3,C,2020,21.0,105.8,\n"  # a control character
            ).encode(),
            "a.csv",
        ),
    ]
    assert len({p.message.key for p in problems}) >= 18
    assert len(ENGLISH) > 60  # the English phrases the check looks for
    for problem in problems:
        vi, en = problem.render("vi"), problem.render("en")
        assert en == str(problem)
        assert vi != en
        assert _no_english(vi) == [], vi
    swapped = next(p for p in problems if p.message.key == "registry.problem.swapped")
    assert swapped.render("vi").startswith("a.csv: dòng 5, cột 'lat' (Vĩ độ): vĩ độ 105.8")
    assert str(swapped).startswith("a.csv: row 5, column 'lat' (Vĩ độ): latitude 105.8")


def test_a_message_survives_storage() -> None:
    nested = Message(
        "registry.reason.earlier_name",
        ward_text="Kim Lan",
        renamed=Message("registry.reason.renamed", old="Xã Kim Lan", unit="Xã Bát Tràng", date="1"),
    )
    places = Message("registry.reason.not_in_district", ward_text="a", district="b",
                     places=[Message("registry.reason.unit_2025", unit="c")])  # fmt: skip
    from ocop_geo.i18n import messages_json

    assert messages_from_json(messages_json([nested, places])) == [nested, places]
    assert messages_json([]) == ""


def test_equal_messages_made_apart_are_one_value() -> None:
    """Reasons are encoded once per message value: equal messages must hash alike (nested and
    list parameters too), and different parameters must not be taken for the same message."""
    made = [Message("registry.reason.renamed", old="Xã Vạn Phúc", unit="Phường Hà Đông", date="1")
            for _ in range(3)]  # fmt: skip
    other = made[0].replace(unit="Xã Bát Tràng")
    unit = Message("registry.reason.unit_2025", unit="c")
    listed = [
        Message("registry.reason.not_in_district", ward_text="a", district="b", places=[unit])
        for _ in range(2)
    ]
    assert len({*made, other, *listed}) == 3
    assert {made[0]: "x"}[made[2]] == "x"
    assert other not in {made[0]: "x"}
    assert hash(other) != hash(made[0])  # not one hash per key: a dict of them stays fast
