"""AppTest: every page in one language at a time — table headers as words (never field names),
every choice widget with a placeholder of ours, figures written the way the language writes them,
site names where an id would be, and a choice that follows a language switch.

(Canvas-drawn tables keep their headers out of the browser's DOM text, so the headers are checked
here; tests/e2e/test_language_browser.py checks the visible text of every page.)
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from ocop_geo.i18n import t
from ocop_geo.routing.designer import NO_VALUE
from tests.apptest import OpenPage, sign_in
from tests.test_cli_registry import GOOD

PAGES = ["home", "map", "readiness", "plan", "agencies", "routes", "events", "candidates",
         "registry", "about"]  # fmt: skip
#: A field name: lower-case words joined by underscores ("evidence_url", "nearest_id").
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
TOUR = "van-phuc,duong-lam,bat-trang"


def headers(table: Any) -> list[str]:
    """The column headers a table shows: its columns' labels (``column_config`` wins) and the
    index's name when the index is shown."""
    config = json.loads(table.proto.columns or "{}")
    frame = table.value
    names = [str(c) for c in frame.columns]
    shown = [config.get(n, {}).get("label") or n for n in names]
    hidden = config.get("_index", {}).get("hidden") or table.proto.editing_mode
    if frame.index.name and not hidden:
        shown.append(str(frame.index.name))
    return shown


def open_in(open_app: OpenPage, page: str, lang: str) -> AppTest:
    query = {"lang": lang} | ({"stops": TOUR} if page == "routes" else {})
    return open_app(f"pages/{page}.py", **query)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_heads_its_tables_and_offers_its_choices_in_words(
    open_app: OpenPage, lang: str
) -> None:
    found = []
    for page in PAGES:
        at = open_in(open_app, page, lang)
        assert not at.exception, page
        for table in at.dataframe:
            found += [f"{page}: header {h!r}" for h in headers(table) if SNAKE.search(h)]
            cells = table.value.astype(str).to_numpy().ravel()
            found += [f"{page}: cell {c!r}" for c in cells if c in ("None", "nan", "NaN")]
        for widget in [*at.selectbox, *at.multiselect]:
            if not widget.proto.placeholder:
                found += [f"{page}: {widget.label!r} has Streamlit's English placeholder"]
            found += [f"{page}: option {o!r}" for o in widget.options if SNAKE.search(o)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("lang", "point"), [("vi", ","), ("en", ".")])
def test_the_route_page_writes_kilometres_in_the_language(
    open_app: OpenPage, lang: str, point: str
) -> None:
    at = open_in(open_app, "routes", lang)
    table = at.dataframe[0].value
    legs = table[t("tourexport.col_leg_km", lang)]
    assert legs.iloc[0] == NO_VALUE  # the first stop has no leg: a dash, not "None"
    other = "." if point == "," else ","
    for km in [*legs.iloc[1:], *table[t("tourexport.col_cum_km", lang)]]:
        assert re.fullmatch(rf"\d{{1,3}}\{point}\d", km), km  # "18,7" / "18.7"
        assert other not in km
    total = {m.label: m.value for m in at.metric}[t("route.total_km", lang)]
    assert re.fullmatch(rf"\d+\{point}\d", total)


def test_the_colouring_choice_is_sent_again_in_english_after_the_switch(
    open_app: OpenPage,
) -> None:
    """The browser keeps a choice's *label*; after the switch the page must send the English
    label of the same choice (else the browser goes on showing the Vietnamese one)."""
    at = open_in(open_app, "map", "vi")
    at.selectbox(key="figure").set_value("area_km2").run()
    at.session_state["lang"] = "en"  # what the sidebar's language picker sets
    at.run()
    choice = at.selectbox(key="figure")
    assert choice.label == t("map.choropleth", "en")
    assert choice.value == "area_km2"
    assert choice.proto.set_value
    assert choice.proto.raw_value == t("figure.area_km2", "en") == "Area (km²)"


def test_the_registry_names_the_nearest_point_and_writes_its_distance(
    open_app: OpenPage,
) -> None:
    at = sign_in(open_in(open_app, "registry", "vi"), "an", "admin")
    at.file_uploader[0].upload("ocop-2025.csv", GOOD.encode("utf-8"), "text/csv").run()
    at.text_input(key="registry_by").input("A").run()
    at.button(key="registry_save").click().run()
    at.run()
    far = at.dataframe[-1].value
    nearest = set(far[t("registry.col_nearest", "vi")])
    assert nearest <= {"Vạn Phúc", "Bát Tràng", "Sài Sơn", "Đường Lâm",
                       "Showroom Trung tâm Khuyến công"}  # fmt: skip
    assert all(re.fullmatch(r"\d+,\d", km) for km in far[t("registry.col_distance", "vi")])
