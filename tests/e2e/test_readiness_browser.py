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
