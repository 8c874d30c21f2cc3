"""AppTest of the Đông Anh centre page: both languages, adding candidates, the area rule, weights,
saved sets and the Đề án section."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from ocop_geo.text import escape_markdown
from tests.apptest import OpenPage, sign_in

RANK, NAME, COMMUNE = "Hạng", "Tên", "Phường/xã (từ 1/7/2025)"


@pytest.fixture
def open_page(open_app: OpenPage) -> OpenPage:
    """Open the page in a language on a fresh database."""
    return lambda lang="vi": open_app("pages/candidates.py", lang=lang)


def add(at: AppTest, name: str, lat: float, lon: float) -> AppTest:
    at.text_input(key="cand_name").input(name)
    at.number_input(key="cand_lat").set_value(lat)
    at.number_input(key="cand_lon").set_value(lon)
    submit = next(b for b in at.button if b.key.startswith("FormSubmitter:cand_add_form-"))
    return submit.click().run()  # "Thêm" / "Add"


def ranking(at: AppTest) -> list[tuple[str, str, str]]:
    table = at.dataframe[0].value
    return list(zip(table[RANK], table[NAME], table[COMMUNE], strict=True))


@pytest.mark.parametrize(
    ("lang", "title", "lead", "unknown"),
    [
        ("vi", "Trung tâm quốc gia tại Đông Anh — so sánh địa điểm dự kiến",
         "Sở Nông nghiệp và Phát triển nông thôn", "chưa rõ — trễ hạn"),
        ("en", "The national centre in Đông Anh — comparing candidate sites",
         "Department of Agriculture and Rural Development", "unknown — late"),
    ],
)  # fmt: skip
def test_page_runs_in_both_languages_with_the_project_section(
    open_page, lang: str, title: str, lead: str, unknown: str
) -> None:
    at = open_page(lang)
    assert not at.exception
    assert not at.error
    assert at.title[0].value == title
    assert len(at.dataframe) == 1  # no candidates yet: no ranking; the Đề án's checklist
    steps = at.dataframe[0].value
    assert list(steps.iloc[:, 0]) == [10, 11, 12, 13, 14, 15]
    assert set(steps.iloc[:, 3]) == {lead}
    assert set(steps.iloc[:, 4]) == {unknown}  # nothing known is done, and 2020 is over
    status = at.markdown[-1].value
    for doc, url in [
        ("KH 276/KH-UBND", "https://nguoihanoi.vn/ha-noi-se-co-cac-trung-tam-thiet-ke"),
        ("KH 49/KH-UBND", "https://nguoihanoi.vn/ha-noi-nam-2023-se-phat-trien-5-den-9"),
        ("QĐ 6385/QĐ-UBND", "https://ocopvietnam.langngheviet.com.vn/ha-noi-ban-hanh-bo-tieu-chi"),
        ("Vân Hà", "https://vietnam.vn/en/san-choi-sang-tao-cho-lang-nghe-go-my-nghe-van-ha"),
    ]:
        assert escape_markdown(doc) in status
        assert url in status


def test_a_candidate_added_in_the_form_is_ranked_with_its_commune(open_page) -> None:
    at = add(open_page(), "Thôn Đoài", 21.08, 105.87)
    assert not at.exception
    assert not at.error
    assert ranking(at) == [("1", "Thôn Đoài", "Xã Đông Anh")]  # figures as the page writes them
    columns = list(at.dataframe[0].value.columns)
    for pilot in ("Vạn Phúc", "Bát Tràng", "Sài Sơn", "Đường Lâm"):  # each pilot point's distance
        assert f"→ {pilot} (km)" in columns
        assert re.fullmatch(r"\d+,\d", at.dataframe[0].value[f"→ {pilot} (km)"].iloc[0])  # "9,4"
    assert any("quãng đường bộ để trống" in c.value for c in at.caption)  # estimate router
    assert at.selectbox(key="cand_rings").value == 0  # its rings are drawn


def test_outside_dong_anh_is_an_error_until_anywhere_is_allowed(open_page) -> None:
    at = add(open_page(), "Thôn Đoài", 21.08, 105.87)
    at = add(at, "Hồ Gươm", 21.02889, 105.8525)
    assert "“Hồ Gươm” (21.02889, 105.8525) nằm ngoài huyện Đông Anh cũ" in at.error[0].value
    assert [r[1] for r in ranking(at)] == ["Thôn Đoài"]
    at.toggle(key="cand_anywhere").set_value(True).run()
    assert not at.error
    assert ("Hồ Gươm", "Phường Hoàn Kiếm") in [(r[1], r[2]) for r in ranking(at)]


def test_a_candidate_outside_the_area_gets_no_rings_and_says_why(open_page) -> None:
    at = add(open_page(), "Thôn Đoài", 21.08, 105.87)
    at = add(at, "Hồ Gươm", 21.02889, 105.8525)  # the latest added, but outside Đông Anh
    assert "không xếp hạng, không có trong bảng, không vẽ vòng thời gian" in at.error[0].value
    rings = at.selectbox(key="cand_rings")
    assert rings.options == ["1. Thôn Đoài"]  # only a counted candidate can have rings
    assert rings.value == 0  # the rings stay on Thôn Đoài, not on Hồ Gươm
    at = open_page("en")
    at = add(at, "Hồ Gươm", 21.02889, 105.8525)
    assert "not ranked, not in the table, no time rings" in at.error[0].value
    assert not [s for s in at.selectbox if s.key == "cand_rings"]  # no picker, no rings drawn
    assert len(at.dataframe) == 1  # no ranking: only the Đề án's checklist
    at.toggle(key="cand_anywhere").set_value(True).run()
    assert at.selectbox(key="cand_rings").value == 0  # inside Hanoi: counted, rings drawn


def test_form_mistakes_are_errors_and_add_nothing(open_page) -> None:
    at = add(open_page(), "A", 21.08, 105.87)
    at = add(at, "a", 21.09, 105.88)
    assert "Đã có điểm tên “a”" in at.error[0].value
    at = add(at, "B", 105.87, 21.08)
    assert "vĩ độ 105.87 và kinh độ 21.08 có vẻ bị đảo" in at.error[0].value  # the page's language
    assert "look swapped" not in at.error[0].value
    assert [r[1] for r in ranking(at)] == ["A"]


def set_weights(at: AppTest, **weights: int) -> AppTest:
    for key, value in weights.items():
        at.slider(key=f"cand_w_{key}").set_value(value)
    return at.run()


def test_weights_change_the_order(open_page) -> None:
    at = add(open_page(), "Nam", 21.08, 105.87)
    at = add(at, "Bắc", 21.18, 105.80)
    at = set_weights(at, airport=10, centre=0, co_loa=0, pilots=0, craft=0)
    assert [r[1] for r in ranking(at)] == ["Bắc", "Nam"]
    assert any("Sân bay Nội Bài 100 %" in c.value for c in at.caption)
    at = set_weights(at, airport=0, centre=10)
    assert [r[1] for r in ranking(at)] == ["Nam", "Bắc"]
    at = set_weights(at, centre=0)
    assert "Cần ít nhất một trọng số lớn hơn 0" in at.error[0].value
    assert len(at.dataframe) == 1  # no ranking: only the Đề án's checklist


def test_save_and_reload_a_set(open_page) -> None:
    at = add(sign_in(open_page(), "lan", "editor"), "Nam", 21.08, 105.87)
    at = add(at, "Bắc", 21.18, 105.80)
    at = set_weights(at, airport=10, centre=0, co_loa=0, pilots=0, craft=0)
    at.text_input(key="cand_save_name").input("Phương án 1")
    at.text_input(key="cand_save_by").input("Sở QH-KT")
    at.button(key="FormSubmitter:cand_save_form-Lưu bộ điểm").click().run()
    assert "Phương án 1" in at.success[0].value
    at.button(key="cand_clear").click().run()
    at = set_weights(at, airport=0, centre=10)
    assert len(at.dataframe) == 1  # no ranking: only the Đề án's checklist
    at.selectbox(key="cand_saved").set_value("Phương án 1").run()
    at.button(key="cand_open").click().run()
    assert [r[1] for r in ranking(at)] == ["Bắc", "Nam"]  # the saved weights came back
    assert (at.slider(key="cand_w_airport").value, at.slider(key="cand_w_centre").value) == (10, 0)
    at.button(key="cand_delete").click().run()
    assert at.selectbox(key="cand_saved").options == []
