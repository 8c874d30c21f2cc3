"""The route designer's pure logic and map: search, clicks, published routes, the itinerary
table, warnings in words, share links, and what the map sends to the browser."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import folium
import pytest

from ocop_geo.config import Settings
from ocop_geo.routing import describe, designer
from ocop_geo.routing.base import Stop
from ocop_geo.routing.estimate import EstimateRouter
from ocop_geo.routing.request import RouteRequest
from ocop_geo.routing.route_map import (
    designer_map,
    leg_tooltip,
    stop_from_click,
    stop_label,
    tour_layer,
)
from ocop_geo.routing.stops import load_routes, load_stops
from ocop_geo.routing.tour import plan_route, resolve_stops

STOPS = load_stops()


def plan(*ids: str, **options: object):
    return plan_route(resolve_stops(ids, STOPS), EstimateRouter(), **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("bat trang", "bat-trang"), ("BÁT TRÀNG", "bat-trang"), ("chua tay", "tay-phuong"),
     ("duong lam", "duong-lam")],
)  # fmt: skip
def test_search_ignores_diacritics_and_case(query: str, expected: str) -> None:
    assert expected in designer.search_stops(STOPS, query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Vạn Phúc, Hà Đông", "van-phuc"),  # name and district, comma-separated
        ("van phuc", "van-phuc"),
        ("Kim Lan, Gia Lâm", "kim-lan"),  # a stop of that name comes first
        ("xa Van Duc", "bat-trang"),  # merged 1/1/2025, in Xã Bát Tràng since 1/7/2025
        ("xa Thach Than", "sai-son"),  # pre-2025 commune now in Xã Quốc Oai
    ],
)
def test_search_finds_stops_by_their_pre_2025_names(query: str, expected: str) -> None:
    assert expected in designer.search_stops(STOPS, query)


def test_search_lists_a_stop_with_its_2025_ward() -> None:
    assert designer.search_label(STOPS["van-phuc"], "vi").endswith(" · Phường Hà Đông")
    assert designer.search_stops(STOPS, "Vạn Phúc, Thanh Trì") == []  # another Vạn Phúc


def test_search_matches_word_starts_only_and_empty_finds_all() -> None:
    assert designer.search_stops(STOPS, "") == list(STOPS)
    assert designer.search_stops(STOPS, "rang") == []  # not inside "Tràng"


def test_a_click_on_a_stop_marker_names_it_and_prefers_one_not_yet_chosen() -> None:
    a = STOPS["bat-trang"]
    twin = replace(a, id="twin", name_vi="Cùng chỗ")
    stops = {"bat-trang": a, "twin": twin, "van-phuc": STOPS["van-phuc"]}
    click = {"last_object_clicked": {"lat": a.lat, "lng": a.lon}}
    assert stop_from_click(click, stops) == "bat-trang"
    assert stop_from_click(click, stops, ("bat-trang",)) == "twin"
    assert stop_from_click(click, stops, ("bat-trang", "twin")) == "bat-trang"
    far = {"last_object_clicked": {"lat": a.lat + 0.01, "lng": a.lon}}
    assert stop_from_click(far, stops) is None
    assert stop_from_click(None, stops) is None
    assert stop_from_click({"last_object_clicked": None}, stops) is None


def test_published_routes_become_requests_of_their_placed_stops_in_order() -> None:
    for published in load_routes():
        request = designer.published_request(published, STOPS)
        assert list(request.stop_ids) == [s for s in published.stops if s in STOPS]
        assert request.mode == published.mode
        assert not request.optimise
        assert published.source[0] in designer.published_note(published, "vi")


def test_itinerary_table_rows_add_up_to_the_route() -> None:
    route = plan("van-phuc", "bat-trang", "duong-lam", start_min=450)
    table = designer.itinerary_frame(route, "en")
    assert list(table["Stop"]) == ["Van Phuc", "Bat Trang", "Duong Lam"]
    assert table["Arrive"].iloc[0] == "07:30"
    assert float(table["Cumulative (km)"].iloc[-1]) == pytest.approx(route.distance_m / 1000,
                                                                     abs=0.05)  # fmt: skip
    legs = [float(km) for km in table["Leg (km)"].iloc[1:]]
    assert sum(legs) == pytest.approx(route.distance_m / 1000, abs=0.1)
    assert all("estimated position" in note for note in table["Notes"])


def test_itinerary_table_says_what_a_missing_figure_means_never_none() -> None:
    """The first stop has no leg, a site has no sourced opening hours: the table showed "None"
    in Leg (km) and Travel (min); it now shows a dash and words, in each language."""
    route = plan("van-phuc", "bat-trang", "duong-lam", start_min=450)
    for lang, unknown in (("vi", "chưa rõ (không có nguồn)"), ("en", "unknown (no source)")):
        table = designer.itinerary_frame(route, lang)
        shown = table.astype(str).to_numpy().ravel().tolist()
        assert not table.isna().any().any()
        assert not {"None", "nan", "NaN", "<NA>", ""} & set(shown)
        first = table.iloc[0].tolist()
        assert first[6:8] == ["—", "—"]  # leg length and time: no leg reached the start
        assert first[5] == unknown  # opening hours: no source gives a site's hours
    hours = designer.itinerary_frame(route, "vi")["Giờ mở cửa"]
    assert list(hours) == [designer.opening_text(v.stop, "vi") for v in route.visits]
    assert float(designer.itinerary_frame(route, "vi")["Chặng (km)"].iloc[1].replace(",", "."))


def test_opening_hours_in_words() -> None:
    stop = plan("van-phuc", "bat-trang").visits[0].stop
    assert designer.opening_text(replace(stop, opening=((480, 690), (810, 1020))), "en") == (
        "08:00–11:30, 13:30–17:00"
    )
    assert designer.opening_text(replace(stop, opening=((0, 1440),)), "vi") == "24/7"


def test_share_link_reopens_the_same_request() -> None:
    request = RouteRequest(("bat-trang", "van-phuc"), mode="walk", start_min=555, optimise=True)
    link = designer.share_link(request, "http://localhost:8501/routes?stops=old&lang=en")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "localhost:8501", "/routes")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert RouteRequest.from_query(query) == request
    assert designer.share_link(request).startswith("/routes?stops=bat-trang,van-phuc&")


def test_the_map_numbers_the_stops_dashes_estimates_and_escapes_names() -> None:
    evil = Stop("evil", "<script>alert(1)</script>", "<b>x</b>", 105.85, 21.03, 30)
    stops = {"bat-trang": STOPS["bat-trang"], "evil": evil}
    route = plan_route([STOPS["bat-trang"], evil], EstimateRouter())
    html = designer_map(stops, route, Settings(), "vi").get_root().render()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\u003e1\\u003c/div" in html  # stop 1's numbered marker (JSON-escaped HTML)
    assert "\\u003e2\\u003c/div" in html
    assert "1. Bát Tràng (vị trí ước tính ±1.000 m)" in html
    assert '"dashArray": "8 6"' in html  # estimate legs are dashed
    road = replace(route, estimate=False, backend="roads")
    html = designer_map(stops, road, Settings(), "vi").get_root().render()
    assert '"dashArray": "8 6"' not in html


def test_an_undated_published_route_says_so() -> None:
    undated = [r for r in load_routes() if not r.published]
    assert undated, "the data has routes whose source gives no date"
    assert "không ghi ngày" in designer.published_note(undated[0], "vi")
    assert "None" not in designer.published_note(undated[0], "en")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_map_leg_tooltip_writes_distances_as_the_exports_do(lang: str) -> None:
    route = plan("van-phuc", "bat-trang", "duong-lam")
    html = designer_map(STOPS, route, Settings(), lang).get_root().render()
    for i, leg in enumerate(route.legs):
        distance = describe.km(leg.distance_m, lang)  # "12,3" / "12.3", never "12,30" or "12"
        assert f"{distance} km" in leg_tooltip(route, i, lang)
        assert f"{i + 1}: {distance} km" in html


def test_the_map_draws_a_leg_without_geometry_as_the_straight_line() -> None:
    route = plan("van-phuc", "bat-trang")
    bare = replace(route, legs=tuple(replace(leg, coords=()) for leg in route.legs))
    layer = tour_layer(bare, "en")
    lines = [c for c in layer._children.values() if isinstance(c, folium.PolyLine)]
    a, b = STOPS["van-phuc"], STOPS["bat-trang"]
    assert [list(p) for p in lines[0].locations] == [[a.lat, a.lon], [b.lat, b.lon]]


def test_a_stop_without_an_english_name_is_labelled_in_vietnamese_on_the_map() -> None:
    stop = replace(STOPS["bat-trang"], name_en="", coord_estimate=False)
    assert stop_label(stop, "en") == stop.name_vi
