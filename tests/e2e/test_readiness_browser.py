"""End to end in Chromium: a date typed into the readiness page's "as of" field applies when the
user confirms it with Enter or leaves the field with Tab (not only on a calendar pick)."""

from __future__ import annotations

from typing import Any

import pytest

from ocop_geo.i18n import t
from tests.e2e.conftest import Server
from tests.e2e.test_browser import TIMEOUT_MS, assert_no_error_shown

pytestmark = pytest.mark.browser


def items_done(page: Any) -> Any:
    """The "items done" metric's value."""
    metric = page.locator('[data-testid="stMetric"]', has_text=t("ready.items_done", "vi"))
    return metric.locator('[data-testid="stMetricValue"]')


def type_day(page: Any, text: str, key: str) -> None:
    field = page.get_by_label(t("ready.as_of", "vi"), exact=True)
    field.click()
    field.press("Control+a")
    field.press_sequentially(text, delay=20)
    field.press(key)


@pytest.mark.parametrize("key", ["Enter", "Tab"])
def test_a_typed_as_of_day_applies_when_confirmed_by_key(
    page: Any, server: Server, key: str
) -> None:
    page.goto(f"{server.url}/readiness?site=bat-trang", timeout=TIMEOUT_MS)
    items_done(page).first.wait_for(timeout=TIMEOUT_MS)
    # Bát Tràng's showroom opened on 8/10/2020: 3 items were done that day, none the day before
    type_day(page, "08/10/2020", key)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
        ".some(e => e.textContent.trim() === '3/70')",
        timeout=TIMEOUT_MS,
    )
    type_day(page, "07/10/2020", key)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
        ".some(e => e.textContent.trim() === '0/70')",
        timeout=TIMEOUT_MS,
    )
    assert_no_error_shown(page)


def test_picking_a_site_reruns_only_its_checklist_and_a_save_reruns_the_page(
    page: Any, server: Server
) -> None:
    from ocop_geo.auth.users import add_user, assign, get_account
    from ocop_geo.database.store import Store
    from tests.e2e.conftest import log_in

    password = "lụa Vạn Phúc 2020"  # noqa: S105 - a test account in the server's own database
    store = Store.from_url(server.database_url)
    store.upgrade()
    if get_account(store, "bientap-e2e") is None:
        add_user(store, "bientap-e2e", role="editor", password=password, display_name="Biên tập")
        assign(store, "bientap-e2e", ["van-phuc"], known_sites={"van-phuc"})
    store.close()
    page.goto(f"{server.url}/readiness?site=bat-trang", timeout=TIMEOUT_MS)
    items_done(page).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)  # let the first runs settle before counting
    whole, part = server.runs("page:readiness"), server.runs("fragment:readiness-site")

    page.get_by_role("combobox", name=t("ready.col.site", "vi"), exact=True).click()
    page.keyboard.type("Vạn Phúc")
    page.keyboard.press("Enter")
    page.locator("h3", has_text="Vạn Phúc").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)
    assert server.runs("fragment:readiness-site") > part, "the pick reran the checklist"
    assert server.runs("page:readiness") == whole, "a pick must not rerun the whole page"

    log_in(page, "bientap-e2e", password)
    note = page.get_by_label(t("ready.field.note", "vi"), exact=True)
    note.wait_for(timeout=TIMEOUT_MS)  # the form of a site this editor may edit
    page.wait_for_timeout(1500)
    whole = server.runs("page:readiness")
    note.fill("Ghi chú kiểm thử E2E")
    page.get_by_role("button", name=t("ready.save", "vi"), exact=True).click()
    page.get_by_text("Đã lưu", exact=False).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)
    assert server.runs("page:readiness") > whole, "after a save the whole page shows it"
    assert_no_error_shown(page)


def test_picking_a_task_on_the_plan_page_reruns_only_the_task(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/plan?task=1", timeout=TIMEOUT_MS)
    picker = page.get_by_role("combobox", name=t("plan.pick_task", "vi"), exact=True)
    picker.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)
    whole, part = server.runs("page:plan"), server.runs("fragment:plan-task")
    picker.click()
    page.keyboard.type("3. ")
    page.keyboard.press("Enter")
    page.get_by_text("3. ", exact=False).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)
    assert server.runs("fragment:plan-task") > part, "the pick reran the task's section"
    assert server.runs("page:plan") == whole, "a pick must not rerun the Gantt chart's page"
    assert_no_error_shown(page)
