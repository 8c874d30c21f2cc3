"""Planning a tour: stop ids, optimised order, legs, itinerary, entered totals and warnings."""

from __future__ import annotations

import itertools
import json

import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.routing.base import Route, RoutingError, Stop
from ocop_geo.routing.estimate import EstimateRouter
from ocop_geo.routing.tour import parse_warning, plan_route, resolve_stops

ROUTER = EstimateRouter()


def site_stops() -> dict[str, Stop]:
    """The pilot sites of geo/sites.geojson as stops (60 min each; opening hours unknown)."""
    features = json.loads((REPO_ROOT / "geo" / "sites.geojson").read_text(encoding="utf-8"))
    stops = {}
    for feature in features["features"]:
        props, (lon, lat) = feature["properties"], feature["geometry"]["coordinates"]
        stops[props["id"]] = Stop(
            props["id"], props["name_vi"], props["name_en"], lon, lat, visit_min=60
        )
    return stops


SITES = site_stops()
#: Entered in a zig-zag: Hà Đông, Sơn Tây, Gia Lâm, Quốc Oai (west, far west, east, west).
ZIGZAG = ["van-phuc", "duong-lam", "bat-trang", "sai-son"]


def codes(route: Route) -> list[tuple[str, str | None]]:
    return [parse_warning(w)[:2] for w in route.warnings]


def test_resolve_stops_keeps_the_order_given() -> None:
    assert [s.id for s in resolve_stops(ZIGZAG, SITES)] == ZIGZAG


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (
            ["van-phuc", "bat-trang", "bat-tran"],
            "unknown stop id: 'bat-tran' \\(did you mean 'bat-trang'",
        ),
        (["van-phuc", "nowhere"], "unknown stop id: 'nowhere'$"),
        (["van-phuc", "bat-trang", "van-phuc"], "more than once: 'van-phuc'"),
        (["van-phuc"], "at least 2 stops, got 1"),
        ([], "at least 2 stops, got 0"),
    ],
)
def test_resolve_stops_refuses_bad_ids(ids: list[str], message: str) -> None:
    with pytest.raises(RoutingError, match=message):
        resolve_stops(ids, SITES)


def test_a_route_as_entered_follows_the_order_and_adds_up() -> None:
    stops = resolve_stops(ZIGZAG, SITES)
    route = plan_route(stops, ROUTER, mode="car", start_min=480)
    matrix = ROUTER.matrix([s.lonlat for s in stops], "car")
    assert [v.stop.id for v in route.visits] == ZIGZAG
    assert [(leg.from_id, leg.to_id) for leg in route.legs] == list(itertools.pairwise(ZIGZAG))
    for i, leg in enumerate(route.legs):
        assert leg.distance_m == pytest.approx(matrix.distance_m[i, i + 1])
        assert leg.coords == (stops[i].lonlat, stops[i + 1].lonlat)
    assert route.saving_m == pytest.approx(0)
    assert route.entered_travel_s == pytest.approx(route.travel_s)
    visits_min = sum(s.visit_min for s in stops)
    assert route.end_min - 480 == pytest.approx(route.travel_s / 60 + visits_min)
    assert (route.backend, route.estimate, route.optimised) == ("estimate", True, False)


def test_optimising_shortens_a_zigzag_and_keeps_the_first_stop() -> None:
    route = plan_route(resolve_stops(ZIGZAG, SITES), ROUTER, optimise=True)
    assert route.visits[0].stop.id == "van-phuc"
    assert sorted(v.stop.id for v in route.visits) == sorted(ZIGZAG)
    assert route.distance_m < route.entered_distance_m
    assert route.saving_m > 0
    assert route.optimised


def test_fixed_end_keeps_the_last_stop_last() -> None:
    ids = ["van-phuc", "bat-trang", "duong-lam", "khuyen-cong", "sai-son"]
    route = plan_route(resolve_stops(ids, SITES), ROUTER, optimise=True, fixed_end=True)
    assert [route.visits[0].stop.id, route.visits[-1].stop.id] == ["van-phuc", "sai-son"]
    assert route.distance_m <= route.entered_distance_m + 1e-6


def test_a_round_trip_comes_back_to_the_start() -> None:
    route = plan_route(resolve_stops(ZIGZAG, SITES), ROUTER, optimise=True, round_trip=True)
    ids = [v.stop.id for v in route.visits]
    assert ids[0] == ids[-1] == "van-phuc"
    assert len(route.legs) == len(ZIGZAG)
    assert route.visits[-1].arrive_min == route.visits[-1].depart_min == route.end_min
    assert route.distance_m <= route.entered_distance_m + 1e-6


def test_the_estimate_is_always_announced() -> None:
    route = plan_route(resolve_stops(ZIGZAG[:2], SITES), ROUTER)
    assert ("estimate", None) in codes(route)
    code, stop_id, text = parse_warning(route.warnings[0])
    assert (code, stop_id) == ("estimate", None)
    assert "estimate" in text


def with_hours(stop_id: str, opening) -> Stop:
    s = SITES[stop_id]
    return Stop(s.id, s.name_vi, s.name_en, s.lon, s.lat, visit_min=60, opening=opening)


def test_a_closed_stop_is_warned_about_and_respecting_hours_avoids_it() -> None:
    # Đường Lâm closes at 12:00 (a hypothetical schedule for the test): only reachable in time
    # straight from Vạn Phúc (09:00 + ~84 min by car, visit until ~11:24)
    stops = [
        with_hours("van-phuc", None),
        with_hours("bat-trang", ((480, 1020),)),
        with_hours("sai-son", ((480, 1020),)),
        with_hours("duong-lam", ((480, 720),)),
    ]
    as_entered = plan_route(stops, ROUTER, start_min=480)
    assert ("closed", "duong-lam") in codes(as_entered)
    assert next(v for v in as_entered.visits if v.stop.id == "duong-lam").closed

    shortest = plan_route(stops, ROUTER, start_min=480, optimise=True)
    assert ("closed", "duong-lam") in codes(shortest)  # the shortest order reaches it too late

    planned = plan_route(stops, ROUTER, start_min=480, optimise=True, respect_hours=True)
    assert not any(v.closed for v in planned.visits)
    assert ("closed", "duong-lam") not in codes(planned)
    assert ("hours-unknown", "van-phuc") in codes(planned)
    assert ("hours-unknown", "bat-trang") not in codes(planned)


def test_a_tour_ending_after_midnight_is_warned_about() -> None:
    route = plan_route(resolve_stops(ZIGZAG, SITES), ROUTER, start_min=1320, mode="bicycle")
    assert route.end_min > 1440
    assert ("after-midnight", None) in codes(route)


def test_many_stops_are_optimised_heuristically_and_say_so() -> None:
    stops = [
        Stop(f"p{i}", f"p{i}", f"p{i}", 105.6 + (i * 37 % 13) / 30, 20.9 + (i * 11 % 7) / 30)
        for i in range(14)
    ]
    route = plan_route(stops, ROUTER, optimise=True)
    assert ("heuristic", None) in codes(route)
    assert route.distance_m <= route.entered_distance_m + 1e-6


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"fixed_end": True, "round_trip": True}, ValueError, "fixed_end cannot be used"),
        ({"mode": "boat"}, ValueError, "unknown travel mode 'boat'"),
        ({"start_min": 1440}, ValueError, "start time must be between 00:00 and 23:59"),
    ],
)
def test_bad_plans_are_refused(kwargs: dict, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        plan_route(resolve_stops(ZIGZAG, SITES), ROUTER, **kwargs)


def test_duplicate_stops_are_refused_when_planning() -> None:
    van_phuc = SITES["van-phuc"]
    with pytest.raises(RoutingError, match="more than once: 'van-phuc'"):
        plan_route([van_phuc, SITES["bat-trang"], van_phuc], ROUTER)
