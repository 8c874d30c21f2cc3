"""AppTest of who may write from the pages: anonymous visitors see read-only pages (no save or
delete buttons), editors save tours and candidate sets but not the registry, admins store the
registry; a form opened before a demotion cannot write after it."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.auth.users import set_role
from ocop_geo.database.store import Store
from ocop_geo.readiness.store import load_item
from ocop_geo.routing.request import RouteRequest
from ocop_geo.routing.saved import list_routes, save_route
from tests.apptest import OpenPage, sign_in
from tests.test_cli_registry import GOOD

TOUR = RouteRequest(stop_ids=("bat-trang", "van-phuc"), mode="car", start_min=480)


def database() -> Store:
    store = Store.from_url(os.environ["OCOP_DATABASE_URL"])
    store.upgrade()
    return store


def keys(at: AppTest) -> set[str]:
    """The keys of every button and form drawn (form submit buttons included)."""
    return (
        {b.key for b in at.get("button")}
        | {b.key for b in at.get("form_submit_button")}
        | {str(b.form_id) for b in at.get("form_submit_button")}
    )


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


@pytest.mark.parametrize(("page", "prefix"), [("pages/routes.py", "route"),
                                              ("pages/candidates.py", "cand")])  # fmt: skip
def test_anonymous_visitors_get_no_save_or_delete_button(
    open_app: OpenPage, page: str, prefix: str
) -> None:
    store = database()
    save_route(store, "Gốm và lụa", TOUR, saved_by="Sở Du lịch", actor=OPERATOR)
    store.close()
    at = open_app(page, stops="bat-trang,van-phuc")
    assert not at.exception
    drawn = keys(at)
    assert f"{prefix}_open" in drawn  # reading stays open to all
    assert f"{prefix}_delete" not in drawn
    assert not any(k.startswith(f"FormSubmitter:{prefix}_save_form") for k in drawn)
    assert "Chế độ chỉ xem — đăng nhập bằng tài khoản biên tập viên" in captions(at)
    at = sign_in(at, "lan", "editor")
    drawn = keys(at)
    assert f"{prefix}_delete" in drawn
    assert any(k.startswith(f"FormSubmitter:{prefix}_save_form") for k in drawn)


@pytest.mark.parametrize(("role", "may_save"), [(None, False), ("editor", False),
                                                ("admin", True)])  # fmt: skip
def test_only_an_admin_gets_the_registry_save_form(
    open_app: OpenPage, role: str | None, may_save: bool
) -> None:
    at = open_app("pages/registry.py")
    if role is not None:
        at = sign_in(at, "lan", role)
    at.file_uploader[0].upload("ocop-2025.csv", GOOD.encode("utf-8"), "text/csv").run()
    assert not at.exception
    assert "4 dòng" in at.info[0].value  # anyone may check a file
    assert ("registry_save" in keys(at)) is may_save
    shown = "chỉ quản trị viên được lưu" in captions(at)
    assert shown is not may_save


def test_a_demoted_editors_open_checklist_form_saves_nothing(open_app: OpenPage) -> None:
    at = sign_in(open_app("pages/readiness.py", site="bat-trang"), "lan", "editor", ["bat-trang"])
    at.selectbox(key="ready_pick_bat-trang").set_value("display-area").run()
    at.text_area(key="ready_note_bat-trang_display-area").set_value("Kệ đã lắp")
    store = database()
    set_role(store, "lan", "viewer")  # while her form is open
    at.button(key="FormSubmitter:ready_form_bat-trang_display-area-Lưu").click().run()
    assert not at.exception
    assert "Không lưu được" in at.error[0].value
    shown = at.error[0].value.replace("\\", "")  # the page escapes Markdown
    assert "tài khoản 'lan' (người xem) không được thay đổi danh mục kiểm tra" in shown
    assert "may not change" not in shown
    assert load_item(store, "bat-trang", "display-area").version == 0
    store.close()


def test_a_demoted_editors_delete_button_deletes_nothing(open_app: OpenPage) -> None:
    store = database()
    save_route(store, "Gốm và lụa", TOUR, saved_by="Sở Du lịch", actor=OPERATOR)
    at = sign_in(open_app("pages/routes.py"), "lan", "editor")
    at.selectbox(key="route_saved").set_value("Gốm và lụa").run()
    set_role(store, "lan", "viewer")  # the delete button is still on her screen
    at.button(key="route_delete").click().run()
    assert not at.exception
    shown = at.error[0].value.replace("\\", "")
    assert "tài khoản 'lan' (người xem) không được thay đổi tour: chưa lưu gì" in shown
    assert [r.name for r in list_routes(store)] == ["Gốm và lụa"]
    store.close()
