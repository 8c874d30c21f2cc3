"""AppTest of the events page: timeline, figures and sources, and the booth layout planner."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest
from shapely import LineString
from streamlit.testing.v1 import AppTest

from ocop_geo.events.booths import BoothError, Street, plan_booths
from ocop_geo.events.event_map import drawn_lines
from ocop_geo.i18n import number
from ocop_geo.ui.booth_panel import zones_from_table
from tests.apptest import OpenPage

#: A straight street centre line along Trịnh Công Sơn's latitude, ≈ 310 m (fits 150 booths).
LONG = [[105.8150, 21.0770], [105.8180, 21.0770]]
#: ≈ 100 m: too short for 150 booths.
SHORT = [[105.8150, 21.0770], [105.8160, 21.0770]]


@pytest.fixture
def open_page(open_app: OpenPage) -> OpenPage:
    """Open the page in a language on a fresh database."""
    return lambda lang="vi": open_app("pages/events.py", lang=lang)


def streets_file(coords: list[list[float]], name: str = "Vũ Tuấn Chiêu <b>") -> bytes:
    feature = {"type": "Feature", "properties": {"name": name},
               "geometry": {"type": "LineString", "coordinates": coords}}  # fmt: skip
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode("utf-8")


def upload(at: AppTest, content: bytes, name: str = "streets.geojson") -> AppTest:
    return (
        at.file_uploader(key="events_streets").upload(name, content, "application/geo+json").run()
    )


def map_script(at: AppTest) -> str:
    """What the folium component sends to the browser (map and extra layers)."""
    component = next(e for e in at.main if getattr(e, "type", "") == "component_instance")
    args = json.loads(component.proto.json_args)
    return "\n".join(v for v in args.values() if isinstance(v, str))


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize(
    ("lang", "title", "column", "visitors"),
    [
        ("vi", "Sự kiện quảng bá OCOP vùng miền năm 2020", "Lượt khách", "hơn 50.000"),
        ("en", "Regional OCOP promotion events, 2020", "Visitors", "over 50,000"),
    ],
)
def test_page_shows_timeline_figures_and_sources(
    open_page: Any, lang: str, title: str, column: str, visitors: str
) -> None:
    at = open_page(lang)
    assert not at.exception
    assert not at.error
    assert at.title[0].value == title
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    # the plan's month (KH 100 appendix), the dates set later, the actual dates
    lanes = (
        ["Kế hoạch KH 100", "Dự kiến", "Thực tế"]
        if lang == "vi"
        else ["KH 100 plan", "Planned", "Actual"]
    )
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == lanes
    table = at.dataframe[0].value
    assert len(table) == 13
    assert visitors in set(table[column])
    assert len(at.expander) == 13  # one per event, with its sources
    links = "\n".join(m.value for m in at.markdown)
    assert "(https://congthuong.vn/150-gian-hang-quang-ba" in links
    captions = "\n".join(c.value for c in at.caption)
    assert "Vũ Tuấn Chiêu" in captions  # named, and said to have no sourced position
    assert len(at.info) == 1  # no street yet


def test_an_uploaded_street_gets_150_booths_and_downloads(open_page: Any) -> None:
    at = upload(open_page("vi"), streets_file(LONG))
    assert not at.exception
    assert not at.error
    expected = plan_booths([Street("s", "s", LineString(LONG))])
    shown = metrics(at)
    assert shown["Gian đã xếp"] == "150 / 150"
    assert shown["Sức chứa các phố (gian)"] == str(expected.capacity)
    assert at.success[0].value.startswith("Đủ chỗ: xếp được 150 gian")
    assert [d.label for d in at.download_button] == [
        "Tải gian hàng (GeoJSON)",
        "Tải gian hàng (CSV)",
    ]
    script = map_script(at)
    assert "Vũ Tuấn Chiêu &lt;b&gt;" in script  # the street name is escaped on the map
    assert "Vũ Tuấn Chiêu <b>" not in script


def test_a_short_street_says_how_many_metres_are_missing(open_page: Any) -> None:
    expected = plan_booths([Street("s", "s", LineString(SHORT))])
    assert not expected.fits
    at = upload(open_page("vi"), streets_file(SHORT))
    assert not at.exception
    message = at.warning[0].value
    assert f"thiếu {number(expected.missing_m, 'vi', decimals=1)} m đường" in message
    assert f"xếp được {expected.placed}/150 gian" in message
    at = upload(open_page("en"), streets_file(SHORT))
    assert (
        f"{number(expected.missing_m, 'en', decimals=1)} m of street missing" in at.warning[0].value
    )


def test_a_zero_booth_width_is_an_error_not_a_crash(open_page: Any) -> None:
    at = upload(open_page("en"), streets_file(LONG))
    at.number_input(key="events_width_m").set_value(0.0).run()
    assert not at.exception
    assert "booth width (width_m) must be > 0 m" in at.error[0].value
    assert not at.metric
    assert not at.download_button


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{not json", "bad.geojson: not JSON"),
        (streets_file([[21.077, 105.815], [21.078, 105.818]]), "swapped"),
        (json.dumps({"type": "FeatureCollection", "features": []}).encode(), "no LineString"),
    ],
)
def test_a_bad_street_file_is_an_error_naming_the_file(
    open_page: Any, content: bytes, says: str
) -> None:
    at = upload(open_page("en"), content, name="bad.geojson")
    assert not at.exception
    assert says in at.error[0].value
    assert "bad.geojson" in at.error[0].value


def test_zones_edited_in_the_table_colour_the_layout(open_page: Any) -> None:
    at = open_page("vi")
    at.session_state["events_zones"] = {
        "edited_rows": {0: {"count": 100}},
        "added_rows": [{"zone": "Hà <i>Giang</i>", "count": 50}],
        "deleted_rows": [],
    }
    at = upload(at, streets_file(LONG))
    assert not at.error
    legend = at.get("html")[0].proto.body
    assert "Tất cả" in legend
    assert "Hà &lt;i&gt;Giang&lt;/i&gt;" in legend  # escaped
    assert "Hà &lt;i&gt;Giang&lt;/i&gt;" in map_script(at)  # booth tooltips, escaped
    at.session_state["events_zones"] = {"edited_rows": {0: {"count": 90}}, "added_rows": [],
                                        "deleted_rows": []}  # fmt: skip
    at.run()
    assert len(at.error) == 1
    assert "Các khu trong bảng cộng lại 90 gian, còn ô “Số gian hàng” là 150" in at.error[0].value


def test_changing_the_booth_count_updates_the_untouched_zone_table(open_page: Any) -> None:
    at = upload(open_page("vi"), streets_file(LONG))
    at.number_input(key="events_count").set_value(100).run()
    assert not at.exception
    assert not at.error  # the zone "Tất cả" follows: 100 booths, not 150
    assert metrics(at)["Gian đã xếp"] == "100 / 100"
    assert at.success[0].value.startswith("Đủ chỗ: xếp được 100 gian")
    assert "Tất cả" in at.get("html")[0].proto.body  # the one zone, now of 100 booths


def test_changing_the_count_of_edited_zones_says_what_to_change(open_page: Any) -> None:
    at = open_page("en")
    at.session_state["events_zones"] = {
        "edited_rows": {0: {"count": 100}},
        "added_rows": [{"zone": "Hà Giang", "count": 50}],
        "deleted_rows": [],
    }
    at = upload(at, streets_file(LONG))
    assert not at.error  # 100 + 50 = 150 booths
    at.number_input(key="events_count").set_value(120).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The zones in the table add up to 150 booths but “Number of booths” is 120: change the "
        "table's “Booths” column (or “Number of booths”) so the two are equal."
    ]
    assert not at.metric  # nothing laid out half


def test_a_line_drawn_on_the_map_is_a_street(open_page: Any) -> None:
    """st_folium keeps what the map returns under its key; a drawn polyline arrives there."""
    at = open_page("en")
    line = {"type": "Feature", "properties": {},
            "geometry": {"type": "LineString", "coordinates": LONG}}  # fmt: skip
    at.session_state["events_map"] = {"all_drawings": [line]}
    at.run()
    assert not at.error
    assert metrics(at)["Booths placed"] == "150 / 150"
    per_street = at.dataframe[-1].value
    assert list(per_street["Street"]) == ["Drawn line 1"]


# -- the pure helpers behind the planner ----------------------------------------------------


def test_only_drawn_lines_are_streets() -> None:
    line = {"type": "Feature", "properties": {}, "geometry": {"type": "LineString",
            "coordinates": LONG}}  # fmt: skip
    marker = {"type": "Feature", "properties": {}, "geometry": {"type": "Point",
              "coordinates": LONG[0]}}  # fmt: skip
    assert drawn_lines({"all_drawings": [marker, line]}) == [line]
    assert drawn_lines({"all_drawings": None}) == []
    assert drawn_lines(None) == []


def test_zone_rows_skip_blank_rows_and_refuse_a_nameless_zone() -> None:
    table = pd.DataFrame({"zone": ["Tất cả", None, "Hà Giang"], "count": [100.0, None, 50.0]})
    assert [(z.name, z.count) for z in zones_from_table(table)] == [("Tất cả", 100),
                                                                   ("Hà Giang", 50)]  # fmt: skip
    with pytest.raises(BoothError, match="zone name"):
        zones_from_table(pd.DataFrame({"zone": [""], "count": [5]}))


def test_metres_use_the_languages_separators() -> None:
    assert number(37.5, "vi", decimals=1) == "37,5"
    assert number(1234.0, "en", decimals=1) == "1,234.0"
