"""AppTest of the plan pages: the Gantt timeline and a task's details in both languages, the
as-of replay, updating a task as an agency's editor (and view-only otherwise), the agencies view."""

from __future__ import annotations

import json
import os

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from ocop_geo.auth.permissions import User
from ocop_geo.auth.users import add_user, assign_agencies
from ocop_geo.config import Settings
from ocop_geo.database.store import Store
from ocop_geo.plan.report import load_plan_data
from ocop_geo.plan.tracking import update_task
from ocop_geo.readiness.records import Change
from tests.apptest import OpenPage

PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - a test account's password


def gantt(at: AppTest) -> dict:
    (chart,) = at.get("vega_lite_chart")
    return json.loads(chart.proto.spec)


def bars(at: AppTest) -> list[dict]:
    """The chart's rows (sent apart from the spec, as Arrow: the spec stays the same)."""
    (chart,) = at.get("vega_lite_chart")
    return convert_arrow_bytes_to_pandas_df(chart.proto.data.data).to_dict("records")


@pytest.mark.parametrize(
    ("lang", "title", "metric", "section", "late_label"),
    [
        ("vi", "Tiến độ 15 nhiệm vụ của KH 100/KH-UBND", "Nhiệm vụ trễ hạn",
         "I. Sự kiện vùng miền", "Kế hoạch (trễ hạn)"),
        ("en", "The 15 tasks of KH 100/KH-UBND", "Tasks late", "I. Regional events",
         "Planned (late)"),
    ],
)  # fmt: skip
def test_plan_page_runs_in_both_languages(
    open_app: OpenPage, lang: str, title: str, metric: str, section: str, late_label: str
) -> None:
    at = open_app("pages/plan.py", lang=lang)
    assert not at.exception
    assert not at.error
    assert at.title[0].value == title
    assert at.metric[1].label == metric
    data = bars(at)
    assert {d["section"] for d in data} >= {section}
    assert late_label in {d["kind_label"] for d in data}  # it is later than 2020 today
    assert gantt(at)["facet"]["row"]["field"] == "section"
    assert len(at.get("download_button")) == 2  # CSV and iCalendar
    assert at.dataframe[-1].value.shape[0] == 15


def test_the_as_of_day_replays_the_plan(open_app: OpenPage) -> None:
    at = open_app("pages/plan.py")
    at.text_input(key="ready_as_of").input("1/7/2020").run()
    assert [m.value for m in at.metric] == ["0/15", "2"]  # tasks 1 and 5 (6/2020) are late
    first = (gantt(at), bars(at))
    at.text_input(key="ready_as_of").input("31/12/2020").run()
    assert [m.value for m in at.metric] == ["3/15", "9"]
    kinds = {(d["order"], d["kind"]) for d in bars(at)}
    assert {(1, "actual"), (9, "partial"), (5, "late")} <= kinds
    # a new day changes the chart's data, not its spec: the browser swaps the data in place
    assert gantt(at) == first[0]
    assert bars(at) != first[1]


def test_a_task_shows_the_plans_words_lead_and_points(open_app: OpenPage) -> None:
    at = open_app("pages/plan.py", task="9")
    assert at.selectbox(key="plan_task").value == 9
    text = "\n".join(m.value for m in at.markdown)
    assert "Tổ chức Lễ khai trương các điểm trưng bày" in text  # the expected result, verbatim
    assert "Sở Công Thương" in text
    assert "QĐ 6999/QĐ\\-UBND" in text  # section III's funding, escaped
    points = at.dataframe[0].value
    assert len(points) == 5
    bat_trang = points[points["Địa điểm"].str.startswith("Bát Tràng")].iloc[0]
    assert bat_trang["Trạng thái"] == "hoàn thành"
    assert bat_trang["Bằng chứng"].startswith("https://kinhtedothi.vn/")
    assert "Chế độ chỉ xem" in "\n".join(c.value for c in at.caption)  # a viewer edits nothing
    assert not at.get("form")


def test_an_agency_editor_updates_a_task_it_leads(
    open_app: OpenPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OCOP_ENTRY_GUARD", "on")  # the sidebar on every run (test_pages_auth.py)
    at = open_app("pages/plan.py", task="12")
    store = Store.from_url(os.environ["OCOP_DATABASE_URL"])
    add_user(store, "hoa", role="editor", password=PASSWORD, display_name="Trần Thị Hoa")
    assign_agencies(store, "hoa", ["so-nnptnt"], known_agencies={"so-nnptnt"})
    store.close()
    at.sidebar.text_input(key="auth_username").input("hoa")
    at.sidebar.text_input(key="auth_password").input(PASSWORD)
    at.sidebar.button(key="FormSubmitter:auth_login-Đăng nhập").click().run()
    sidebar = "\n".join(c.value for c in at.sidebar.caption)
    # the agency by its name, not its id
    assert "Đơn vị (cập nhật nhiệm vụ kế hoạch do đơn vị chủ trì): Sở Nông nghiệp" in sidebar
    at.selectbox(key="plan_task").set_value(12).run()
    form = at.get("form")
    assert len(form) == 1
    form = "plan_form_12_dong-anh"
    at.selectbox(key=f"{form}_status").set_value("in_progress")
    at.text_area(key=f"{form}_note").input("Đã gửi giấy mời <b>hội nghị</b>")
    at.button(key=f"FormSubmitter:{form}-Lưu").click().run()
    assert at.success[0].value == "Đã lưu nhiệm vụ 12 \\(phiên bản 1\\)\\."  # escaped
    history = "\n".join(m.value for m in at.markdown)
    assert "Trần Thị Hoa \\(hoa\\)" in history
    at.selectbox(key="plan_task").set_value(5).run()  # led by Sở Công Thương: not hers
    assert not at.get("form")


@pytest.mark.parametrize(
    ("lang", "title", "duty"),
    [
        ("vi", "Đơn vị phụ trách trong KH 100/KH-UBND", "Nhiệm vụ theo mục IV"),
        ("en", "The agencies of KH 100/KH-UBND", "Duties under section IV"),
    ],
)
def test_agencies_page_runs_in_both_languages(
    open_app: OpenPage, lang: str, title: str, duty: str
) -> None:
    at = open_app("pages/agencies.py", lang=lang, agency="so-cong-thuong")
    assert not at.exception
    assert not at.error
    assert at.title[0].value == title
    assert at.selectbox(key="plan_agency").value == "so-cong-thuong"
    text = "\n".join(m.value for m in at.markdown)
    assert duty in text
    assert "Chủ trì, phối hợp với Sở Nông nghiệp và Phát triển nông thôn" in text  # IV.2
    matrix = at.dataframe[0].value
    assert len(matrix) == 20  # 13 parties of section IV and 7 units named elsewhere
    row = matrix.iloc[1]  # Sở Công Thương
    lead = "chủ trì" if lang == "vi" else "lead"
    assert [n for n in map(str, range(1, 16)) if row[n] == lead] == ["5", "7", "8", "9"]


def test_an_agency_sees_what_it_leads_that_is_late(open_app: OpenPage) -> None:
    at = open_app("pages/agencies.py", agency="so-cong-thuong")
    at.text_input(key="ready_as_of").input("1/9/2020").run()
    heading = next(i for i, m in enumerate(at.markdown) if "Trễ hạn tại 1/9/2020" in m.value)
    late = at.markdown[heading + 1].value
    assert late.count("\n- ") + 1 == 2  # tasks 5 (6/2020) and 8 (7–8/2020)
    assert "5\\. Tổ chức khảo sát" in late
    assert "8\\. Tổ chức các lớp tập huấn" in late
    at.selectbox(key="plan_agency").set_value("so-noi-vu").run()
    captions = "\n".join(c.value for c in at.caption)
    assert "Không phải một đơn vị của mục IV" in captions


def test_a_stale_update_is_refused_and_the_input_kept(
    open_app: OpenPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OCOP_ENTRY_GUARD", "on")
    at = open_app("pages/plan.py", task="14")
    store = Store.from_url(os.environ["OCOP_DATABASE_URL"])
    add_user(store, "hoa", role="editor", password=PASSWORD, display_name="Trần Thị Hoa")
    assign_agencies(store, "hoa", ["so-nnptnt"], known_agencies={"so-nnptnt"})
    at.sidebar.text_input(key="auth_username").input("hoa")
    at.sidebar.text_input(key="auth_password").input(PASSWORD)
    at.sidebar.button(key="FormSubmitter:auth_login-Đăng nhập").click().run()
    data = load_plan_data(Settings.from_env())
    add_user(store, "an", role="admin", password=PASSWORD, display_name="Lê An")
    admin = User("an", "Lê An", "admin")  # every write reads its account again
    update_task(store, data.plan, data.criteria, 14, Change(status="blocked"),
                expected_version=0, user=admin)  # fmt: skip
    store.close()
    form = "plan_form_14_dong-anh"
    at.text_area(key=f"{form}_note").input("Hội nghị đã có giấy mời")
    at.button(key=f"FormSubmitter:{form}-Lưu").click().run()
    assert "was changed by Lê An \\(an\\)" in at.error[0].value
    assert at.text_area(key=f"{form}_note").value == "Hội nghị đã có giấy mời"  # kept
    at.button(key=f"FormSubmitter:{form}-Lưu").click().run()  # again, on top of theirs
    assert at.success[0].value == "Đã lưu nhiệm vụ 14 \\(phiên bản 2\\)\\."
