"""The itinerary: times add up, waiting for opening, closed stops flagged, HH:MM in and out."""

from __future__ import annotations

import itertools

import pytest

from ocop_geo.layers.opening_hours import format_hhmm, parse_hhmm
from ocop_geo.routing.base import Leg, Stop
from ocop_geo.routing.itinerary import build_itinerary


def stop(stop_id: str, visit_min: int = 30, opening=None) -> Stop:
    return Stop(stop_id, stop_id, stop_id, 105.8, 21.0, visit_min=visit_min, opening=opening)


def legs_for(stops: list[Stop], minutes: list[float]) -> list[Leg]:
    return [
        Leg(a.id, b.id, distance_m=1000.0, duration_s=m * 60, coords=())
        for (a, b), m in zip(itertools.pairwise(stops), minutes, strict=True)
    ]


@pytest.mark.parametrize("respect_hours", [True, False])
def test_times_add_up(respect_hours: bool) -> None:
    stops = [
        stop("start", 0),
        stop("a", 45, ((540, 1020),)),
        stop("b", 60, ((480, 690), (810, 1020))),
        stop("c", 20),
    ]
    legs = legs_for(stops, [70, 35.5, 50])
    visits = build_itinerary(stops, legs, start_min=450, respect_hours=respect_hours)
    travel = sum(leg.duration_s for leg in legs) / 60
    visiting = sum(s.visit_min for s in stops)
    waiting = sum(v.wait_min for v in visits)
    assert visits[-1].depart_min - 450 == pytest.approx(travel + visiting + waiting)
    for before, leg, after in zip(visits, legs, visits[1:], strict=False):
        assert after.arrive_min == pytest.approx(before.depart_min + leg.duration_s / 60)
    assert [v.stop.id for v in visits] == ["start", "a", "b", "c"]


def test_a_stop_reached_before_opening_waits_when_hours_are_respected() -> None:
    stops = [stop("start", 0), stop("museum", 60, ((540, 1020),))]
    visit = build_itinerary(stops, legs_for(stops, [30]), start_min=480, respect_hours=True)[1]
    assert (visit.arrive_min, visit.wait_min, visit.depart_min) == (510, 30, 600)
    assert not visit.closed


def test_without_respecting_hours_nobody_waits_and_an_early_arrival_is_flagged() -> None:
    stops = [stop("start", 0), stop("museum", 60, ((540, 1020),))]
    visit = build_itinerary(stops, legs_for(stops, [30]), start_min=480, respect_hours=False)[1]
    assert (visit.arrive_min, visit.wait_min, visit.depart_min) == (510, 0, 570)
    assert visit.closed


def test_a_stop_reached_after_closing_is_flagged_and_visited_on_arrival() -> None:
    stops = [stop("start", 0), stop("market", 30, ((420, 660),))]
    visit = build_itinerary(stops, legs_for(stops, [40]), start_min=640, respect_hours=True)[1]
    assert visit.closed
    assert (visit.arrive_min, visit.wait_min, visit.depart_min) == (680, 0, 710)


def test_a_visit_that_would_run_past_closing_is_flagged() -> None:
    stops = [stop("start", 0), stop("temple", 45, ((480, 1020),))]
    visit = build_itinerary(stops, legs_for(stops, [10]), start_min=990, respect_hours=True)[1]
    assert visit.closed  # reached at 16:40, would leave at 17:25 after closing at 17:00


def test_a_lunch_break_means_waiting_for_the_afternoon() -> None:
    stops = [stop("start", 0), stop("village", 60, ((480, 690), (810, 1020)))]
    visit = build_itinerary(stops, legs_for(stops, [20]), start_min=640, respect_hours=True)[1]
    assert (visit.arrive_min, visit.wait_min, visit.depart_min) == (660, 150, 870)
    assert not visit.closed


def test_unknown_hours_are_never_closed() -> None:
    stops = [stop("start", 0), stop("somewhere", 30)]
    visit = build_itinerary(stops, legs_for(stops, [20]), start_min=1400, respect_hours=True)[1]
    assert not visit.closed
    assert visit.wait_min == 0


def test_the_first_stop_waits_for_its_own_opening() -> None:
    stops = [stop("showroom", 30, ((480, 1020),)), stop("b", 10)]
    first = build_itinerary(stops, legs_for(stops, [5]), start_min=450, respect_hours=True)[0]
    assert (first.arrive_min, first.wait_min, first.depart_min) == (450, 30, 510)


def test_a_round_trip_ends_on_arrival_back_at_the_start() -> None:
    home = stop("home", 20, ((480, 600),))
    stops = [home, stop("a", 30), home]
    visits = build_itinerary(
        stops, legs_for(stops, [15, 15]), start_min=480, respect_hours=True, round_trip=True
    )
    last = visits[-1]
    assert last.arrive_min == last.depart_min == 480 + 20 + 15 + 30 + 15
    assert not last.closed  # home closed at 10:00 but the tour just ends there


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"legs": []}, "3 stops need 2 legs, got 0"),
        ({"start_min": -5}, "start time must be a finite number"),
        ({"round_trip": True}, "a round trip must end at its first stop 'a'"),
    ],
)
def test_bad_itinerary_input_is_refused(kwargs: dict, message: str) -> None:
    stops = [stop("a"), stop("b"), stop("c")]
    args = {"legs": legs_for(stops, [10, 10]), "start_min": 480, "respect_hours": False}
    with pytest.raises(ValueError, match=message):
        build_itinerary(stops, **{**args, **kwargs})


def test_a_leg_that_does_not_join_its_stops_is_refused() -> None:
    stops = [stop("a"), stop("b"), stop("c")]
    legs = legs_for([stops[0], stops[2], stops[1]], [10, 10])
    with pytest.raises(ValueError, match="leg 0 goes 'a' → 'c', expected 'a' → 'b'"):
        build_itinerary(stops, legs, start_min=480, respect_hours=False)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("8:30", 510), ("08:30", 510), ("00:00", 0), ("23:59", 1439), ("24:00", 1440)],
)
def test_parse_hhmm(text: str, minutes: int) -> None:
    assert parse_hhmm(text) == minutes
    if minutes < 1440:
        assert parse_hhmm(format_hhmm(minutes)) == minutes


@pytest.mark.parametrize("text", ["8h30", "8:5", "25:00", "12:60", "24:01", "", "noon"])
def test_parse_hhmm_refuses_bad_times(text: str) -> None:
    with pytest.raises(ValueError, match=f"invalid time {text!r}"):
        parse_hhmm(text)


def test_format_hhmm() -> None:
    assert format_hhmm(510) == "08:30"
    assert format_hhmm(509.6) == "08:30"
    assert format_hhmm(1510) == "25:10"  # past midnight the hours go on
    with pytest.raises(ValueError, match="minutes must be a finite number ≥ 0"):
        format_hhmm(-1)
    with pytest.raises(ValueError, match="minutes must be a finite number ≥ 0"):
        format_hhmm(float("inf"))
