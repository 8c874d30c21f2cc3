"""AppTest of the route designer: links, stop search, options, published and saved tours."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ocop_geo.routing.estimate import EstimateRouter
from ocop_geo.routing.stops import load_routes, load_stops
from ocop_geo.routing.tour import plan_route, resolve_stops
from tests.apptest import OpenPage, sign_in

WEST = "van-phuc,duong-lam,bat-trang,sai-son"


@pytest.fixture
def open_page(open_app: OpenPage) -> OpenPage:
    """Open the page (with optional link parameters) on a fresh database."""
    return lambda **query: open_app("pages/routes.py", **query)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize(
    ("lang", "title"),
    [("vi", "Thiết kế tuyến du lịch làng nghề"), ("en", "Village-tourism route designer")],
)
def test_page_runs_in_both_languages_and_asks_for_two_stops(
    open_page, lang: str, title: str
) -> None:
    at = open_page(lang=lang)
    assert not at.exception
    assert not at.error
    assert at.title[0].value == title
    assert len(at.info) == 1  # "pick at least two stops"
    assert not at.metric


def test_a_link_opens_the_tour_with_totals_itinerary_and_share_link(open_page) -> None:
    at = open_page(stops=WEST, opt="1", start="07:30")
    assert not at.exception
    assert not at.error
    table = at.dataframe[0].value
    assert len(table) == 4
    assert table["Điểm dừng"].iloc[0] == "Vạn Phúc"  # the start stays first
    assert table["Đến"].iloc[0] == "07:30"
    stops = load_stops()
    route = plan_route(resolve_stops(WEST.split(","), stops), EstimateRouter(), optimise=True,
                       start_min=450)  # fmt: skip
    assert list(table["Điểm dừng"]) == [v.stop.name_vi for v in route.visits]
    shown = metrics(at)
    assert shown["Tổng quãng đường (km)"] == f"{route.distance_m / 1000:.1f}".replace(".", ",")
    assert float(shown["Tiết kiệm (km)"].replace(",", ".")) > 0  # the entered order zigzags
    assert "Ước tính" in at.warning[0].value  # estimate figures are labelled
    link = at.code[0].value
    assert "stops=van-phuc,duong-lam,bat-trang,sai-son" in link
    assert "opt=1" in link
    assert "start=07:30" in link


def test_a_bad_link_is_a_clear_error_not_a_crash(open_page) -> None:
    at = open_page(stops="bat-trang,hoi-an", mode="plane")
    assert not at.exception
    assert "phương tiện 'plane' không thuộc" in at.error[0].value  # in the page's language
    assert "is not one of" not in at.error[0].value
    at = open_page(stops="bat-trang,hoi-an")
    assert "hoi-an" in at.error[0].value


def test_search_without_diacritics_adds_a_stop_and_updates_the_link(open_page) -> None:
    at = open_page(lang="en", stops="bat-trang")
    at.text_input(key="route_search").input("duong lam").run()
    options = at.selectbox(key="route_add").options
    assert options == ["Duong Lam ≈ · Phường Sơn Tây"]  # with its 2025 ward
    at.selectbox(key="route_add").select_index(0).run()
    at.button(key="route_add_button").click().run()
    assert at.multiselect(key="route_stops").value == ["bat-trang", "duong-lam"]
    assert at.query_params["stops"] == "bat-trang,duong-lam"
    assert len(at.dataframe[0].value) == 2
    assert at.text_input(key="route_search").value == ""  # ready for the next stop
    assert at.selectbox(key="route_add").value is None
    assert not [c for c in at.caption if "No stop matches" in c.value]  # no stale search
    assert "2 stops chosen, in the order entered: Bat Trang ≈ → Duong Lam ≈" in [
        c.value for c in at.caption
    ]


def test_the_itinerary_shows_no_none(open_page) -> None:
    """The first stop has no leg and no site has sourced opening hours: the page's table said
    "None" there; it says a dash and "unknown (no source)"."""
    at = open_page(lang="en", stops="van-phuc,bat-trang")
    table = at.dataframe[0].value
    assert not table.isna().any().any()
    assert "None" not in table.astype(str).to_numpy()
    first = table.iloc[0]
    assert (first["Leg (km)"], first["Travel (min)"]) == ("—", "—")
    assert first["Opening hours"] == "unknown (no source)"


def test_a_pre_2025_name_finds_the_stop_with_its_2025_ward(open_page) -> None:
    at = open_page()
    at.text_input(key="route_search").input("Vạn Phúc, Hà Đông").run()
    assert at.selectbox(key="route_add").options[0] == "Vạn Phúc ≈ · Phường Hà Đông"


def test_options_change_the_plan(open_page) -> None:
    at = open_page(stops="bat-trang,van-phuc")
    car = metrics(at)["Thời gian di chuyển"]
    at.radio(key="route_mode").set_value("bicycle").run()
    bicycle = metrics(at)["Thời gian di chuyển"]
    assert car != bicycle
    assert at.query_params["mode"] == "bicycle"
    at.toggle(key="route_rt").set_value(True).run()
    table = at.dataframe[0].value
    assert list(table["Điểm dừng"]) == ["Bát Tràng", "Vạn Phúc", "Bát Tràng"]


def test_a_published_route_is_a_starting_point(open_page) -> None:
    published = load_routes()[0]
    stops = load_stops()
    at = open_page()
    at.selectbox(key="route_published").set_value(published.id).run()
    at.button(key="route_use_published").click().run()
    expected = [s for s in published.stops if s in stops]
    assert at.multiselect(key="route_stops").value == expected
    assert at.radio(key="route_mode").value == published.mode
    assert not at.exception


def test_save_open_and_delete_a_tour(open_page) -> None:
    at = sign_in(open_page(stops="bat-trang,van-phuc", mode="motorbike"), "lan", "editor")
    at.text_input(key="route_save_name").input("Gốm và lụa")
    at.text_input(key="route_save_by").input("Sở Du lịch")
    at.button[-1].click().run()  # the form's submit button
    assert "Gốm và lụa" in at.success[0].value
    at.multiselect(key="route_stops").set_value(["sai-son", "duong-lam"]).run()
    at.radio(key="route_mode").set_value("car").run()
    at.selectbox(key="route_saved").set_value("Gốm và lụa").run()
    at.button(key="route_open").click().run()
    assert at.multiselect(key="route_stops").value == ["bat-trang", "van-phuc"]
    assert at.radio(key="route_mode").value == "motorbike"
    at.button(key="route_delete").click().run()
    assert at.selectbox(key="route_saved").options == []


def test_saving_under_a_taken_name_is_refused(open_page) -> None:
    at = sign_in(open_page(stops="bat-trang,van-phuc"), "lan", "editor")
    for _ in range(2):
        at.text_input(key="route_save_name").input("Tour A")
        at.text_input(key="route_save_by").input("Lan")
        at.button[-1].click().run()
    error = at.error[0].value.replace("\\", "")  # the page escapes Markdown
    assert "đã có tour tên 'Tour A' (do Lan lưu lúc " in error  # the page is in Vietnamese
    assert "hãy chọn tên khác hoặc ghi đè" in error
    assert "exists already" not in error


def test_an_empty_author_is_refused_in_the_pages_language(open_page) -> None:
    at = sign_in(open_page(stops="bat-trang,van-phuc"), "lan", "editor")
    at.text_input(key="route_save_name").input("Tour B")
    at.text_input(key="route_save_by").input("   ")
    at.button[-1].click().run()
    assert [e.value for e in at.error] == ["Người lưu không được để trống"]
