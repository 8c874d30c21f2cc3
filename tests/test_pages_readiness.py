"""AppTest of the readiness page: both languages, the as-of replay, view-only for viewers,
editing by an assigned editor with its history, the conflict message, escaped notes."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.auth.users import add_user, assign
from ocop_geo.config import Settings
from ocop_geo.database.store import Store
from ocop_geo.readiness import report
from ocop_geo.readiness.store import Change, update_item
from ocop_geo.ui.auth import SESSION_KEY
from tests.apptest import OpenPage

PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - a test account's password
PAGE = "pages/readiness.py"


@pytest.fixture
def open_page(open_app: OpenPage) -> OpenPage:
    """Open the page in a language on a fresh database (``?site=`` picks the checklist)."""
    return lambda lang="vi", **query: open_app(PAGE, lang=lang, **query)


def database() -> Store:
    """The test's database (open_app's URL), migrated."""
    store = Store.from_url(os.environ["OCOP_DATABASE_URL"])
    store.upgrade()
    return store


def as_editor(at: AppTest, site: str = "bat-trang") -> AppTest:
    """Create the editor "lan" of ``site`` and make her the session's user (as the sidebar's
    log-in does: the username in the session, the account re-read on every run)."""
    store = database()
    add_user(store, "lan", role="editor", password=PASSWORD, display_name="Nguyễn Thị Lan")
    assign(store, "lan", [site], known_sites={site})
    store.close()
    at.session_state[SESSION_KEY] = "lan"
    return at.run()


def table(at: AppTest) -> dict[str, dict]:
    """The shown checklist, by item title (badges cut off)."""
    frame = at.dataframe[0].value
    return {row["Hạng mục"].split(" · ")[0]: row for row in frame.to_dict("records")}


@pytest.mark.parametrize(
    ("lang", "title", "metric", "plan"),
    [
        (
            "vi",
            "Mức độ sẵn sàng của các điểm OCOP thí điểm",
            "Điểm đã sẵn sàng",
            "Tiến độ kế hoạch",
        ),
        ("en", "Readiness of the pilot OCOP points", "Sites ready", "Plan timeline"),
    ],
)
def test_page_runs_in_both_languages(
    open_page, lang: str, title: str, metric: str, plan: str
) -> None:
    at = open_page(lang)
    assert not at.exception
    assert not at.error
    assert at.title[0].value == title
    assert at.metric[0].label == metric
    assert plan in at.info[0].value  # points to the plan's own pages
    assert at.metric[3].label == ("Nhiệm vụ trễ hạn" if lang == "vi" else "Tasks late")
    assert len(at.get("download_button")) == 2  # Excel and PDF


def test_headline_and_bat_trang_replay_around_its_opening(open_page) -> None:
    at = open_page(site="bat-trang")
    at.text_input(key="ready_as_of").input("7/10/2020").run()
    # tasks late on 7/10/2020: 2, 3 (events not held yet), 5, 8 (no point recorded), 10, 11
    assert [m.value for m in at.metric] == ["0/5", "0/70", "10", "6"]
    assert table(at)["Lễ khai trương"]["Trạng thái"] == "chưa xong (xong ngày 8/10/2020)"
    at.text_input(key="ready_as_of").input("8/10/2020").run()
    assert [m.value for m in at.metric] == ["0/5", "3/70", "10", "6"]
    row = table(at)["Lễ khai trương"]
    assert (row["Trạng thái"], row["Ngày bằng chứng"]) == ("hoàn thành", "8/10/2020")
    assert row["Bằng chứng"].startswith("https://kinhtedothi.vn/")
    assert "Bát Tràng — 21 % \\(3/14\\)" in at.subheader[2].value
    titles = list(at.dataframe[0].value["Hạng mục"])
    assert titles[-1] == "Lễ khai trương · kế hoạch 09/2020–10/2020"  # read in the appendix
    assert titles[4] == "Biển hiệu, biểu trưng theo mẫu QĐ 3041/QĐ-BCT"  # verified: no badge


def test_every_site_bar_keeps_its_own_label(open_page) -> None:
    """Altair thins overlapping axis labels; with 5 sites in a short chart Bát Tràng's bar sat
    beside the label "Vạn Phúc". Each site now has a 28-px row and every label is drawn."""
    at = open_page()
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    assert spec["height"] == {"step": 28}
    assert spec["encoding"]["y"]["axis"]["labelOverlap"] is False


def test_dong_anh_has_no_checklist_and_says_why(open_page) -> None:
    at = open_page(site="dong-anh")
    assert not at.dataframe
    assert "Không có danh mục điểm bán: các bước của Đề án là nhiệm vụ 10–15" in at.info[-1].value


def test_a_viewer_sees_no_edit_controls(open_page) -> None:
    at = open_page(site="bat-trang")
    assert not at.get("form")
    assert at.text_area.len == 0
    assert at.selectbox(key="ready_site").value == "bat-trang"
    assert "ready_pick_bat-trang" not in [s.key for s in at.selectbox]
    assert any("Chế độ chỉ xem" in c.value for c in at.caption)


def save(at: AppTest, item: str, **values: object) -> AppTest:
    at.selectbox(key="ready_pick_bat-trang").set_value(item).run()
    for field, value in values.items():
        widget = {
            "status": at.selectbox,
            "note": at.text_area,
            "evidence_url": at.text_input,
            "evidence_date": at.date_input,
        }[field]
        widget(key=f"ready_{field}_bat-trang_{item}").set_value(value)
    return at.button(key=f"FormSubmitter:ready_form_bat-trang_{item}-Lưu").click().run()


def test_an_editor_saves_an_item_and_the_history_shows_it(open_page) -> None:
    at = as_editor(open_page(site="bat-trang"))
    assert not any("Chế độ chỉ xem" in c.value for c in at.caption)
    assert len(at.get("form")) == 1
    at = save(
        at,
        "signboard",
        status="done",
        note="Biển theo mẫu QĐ 3041",
        evidence_url="https://example.org/anh-bien",
        evidence_date=date(2020, 10, 1),
    )
    assert not at.exception
    assert (
        "Đã lưu “Biển hiệu, biểu trưng theo mẫu QĐ 3041/QĐ\\-BCT” \\(phiên bản 1\\)"
        in at.success[0].value
    )
    row = table(at)["Biển hiệu, biểu trưng theo mẫu QĐ 3041/QĐ-BCT"]
    assert (row["Trạng thái"], row["Ghi chú"]) == ("hoàn thành", "Biển theo mẫu QĐ 3041")
    assert row["Người cập nhật"] == "Nguyễn Thị Lan (lan)"
    history = " ".join(m.value for m in at.markdown)
    assert "Nguyễn Thị Lan \\(lan\\) — Biển hiệu" in history
    assert "Trạng thái: chưa rõ → hoàn thành" in history  # labels and words, not field names
    assert "[example\\.org](https://example.org/anh-bien)" in history  # a link that works
    assert "Ngày bằng chứng: — → 1/10/2020" in history


def test_the_history_reads_in_the_page_language_with_working_links(open_page) -> None:
    at = as_editor(open_page(site="bat-trang"))
    url = "https://dantocmiennui.vn/khai-truong_diem-ocop/1.html"
    at = save(at, "signboard", status="in_progress", evidence_url=url)
    history = " ".join(m.value for m in at.markdown)
    assert f"Bằng chứng: — → [dantocmiennui\\.vn]({url})" in history  # label escaped, URL not
    for name in ("evidence_url", "evidence_date", "status:", "UTC", "in_progress", "None"):
        assert name not in history
    at.session_state["lang"] = "en"
    history = " ".join(m.value for m in at.run().markdown)
    assert "Status: unknown → in progress" in history
    assert f"Evidence: — → [dantocmiennui\\.vn]({url})" in history
    assert "Trạng thái" not in history
    assert "UTC" not in history


def test_a_stale_version_shows_the_conflict_and_keeps_the_input(open_page) -> None:
    at = as_editor(open_page(site="bat-trang"))
    at.selectbox(key="ready_pick_bat-trang").set_value("display-area").run()
    store = database()  # someone else saves first
    criteria = report.load_checklist(
        Settings.from_env(), report.load_sites(Settings.from_env()).index
    )
    update_item(
        store,
        "bat-trang",
        "display-area",
        Change(status="blocked", note="Thiếu kệ"),
        expected_version=0,
        by="Sở Công Thương",
        actor=OPERATOR,
        known_items=criteria.known_items(),
    )
    store.close()
    at = save(at, "display-area", note="Kệ đã lắp")
    message = at.error[0].value
    assert "Sở Công Thương đã lưu “Khu vực trưng bày riêng cho sản phẩm OCOP, có kệ giá”" in message
    assert "vướng mắc" in message
    assert "Thiếu kệ" in message
    assert at.text_area(key="ready_note_bat-trang_display-area").value == "Kệ đã lắp"
    at = at.button(key="FormSubmitter:ready_form_bat-trang_display-area-Lưu").click().run()
    assert "phiên bản 2" in at.success[0].value  # applied on top of theirs


def test_html_in_a_note_is_shown_as_text(open_page) -> None:
    at = as_editor(open_page(site="bat-trang"))
    at = save(at, "training", note="<script>alert(1)</script> <b>lớp 1</b>")
    row = table(at)["Lớp tập huấn"]
    assert row["Ghi chú"] == "<script>alert(1)</script> <b>lớp 1</b>"  # a table cell: plain text
    history = " ".join(m.value for m in at.markdown)
    assert "\\<script\\>" in history
    assert "<script>" not in history


def test_a_refused_value_shows_the_message(open_page) -> None:
    at = as_editor(open_page(site="bat-trang"))
    at = save(at, "survey", evidence_url="javascript:alert(1)")
    shown = at.error[0].value.replace("\\", "")  # the page escapes Markdown
    assert shown.startswith("Không lưu được: Đường dẫn bằng chứng 'javascript:alert(1)': phải là")
    assert "evidence_url" not in shown  # the page's language, not the library's field name


def test_a_broken_boundary_layer_is_named_not_a_traceback(
    open_page, edit_layer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def drop_name(doc: dict) -> None:
        del doc["features"][0]["properties"]["name_vi"]

    wards = edit_layer("wards_2025.geojson", drop_name)
    monkeypatch.setenv("OCOP_GEO_DIR", str(wards.parent))
    at = open_page("vi")
    assert not at.exception
    assert any("wards_2025.geojson" in c.value for c in at.code)


def test_a_day_that_cannot_be_read_is_an_error_and_the_last_day_stays(open_page) -> None:
    at = open_page(site="bat-trang")
    at.text_input(key="ready_as_of").input("8/10/2020").run()
    assert [m.value for m in at.metric][:2] == ["0/5", "3/70"]
    at.text_input(key="ready_as_of").input("31/02/2020").run()
    assert not at.exception
    assert "Không đọc được ngày “31/02/2020”" in at.error[0].value
    assert "08/10/2020" in at.error[0].value  # the day still shown
    assert [m.value for m in at.metric][:2] == ["0/5", "3/70"]
    at.text_input(key="ready_as_of").input("2020-10-07").run()  # ISO is read too
    assert not at.error
    assert [m.value for m in at.metric][:2] == ["0/5", "0/70"]


def test_a_day_picked_in_the_calendar_fills_the_field(open_page) -> None:
    at = open_page(lang="en")
    at.date_input(key="ready_as_of_calendar").set_value(date(2020, 10, 8)).run()
    assert at.text_input(key="ready_as_of").value == "08/10/2020"
    assert at.metric[1].value == "3 of 70"
