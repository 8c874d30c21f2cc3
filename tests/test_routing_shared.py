"""Helpers the routing modules share instead of re-writing them: HH:MM times, the itinerary's
stages, the warnings a view shows, the minimum stop count and the optimiser's arguments."""

from __future__ import annotations

from dataclasses import replace
from html import escape

import numpy as np
import pandas as pd
import pytest

from ocop_geo.layers.opening_hours import format_opening_hours, parse_opening_hours
from ocop_geo.layers.validate_tours import _check_schedule
from ocop_geo.maps.tour_layers import route_summary
from ocop_geo.routing import describe, designer, export
from ocop_geo.routing.estimate import EstimateRouter
from ocop_geo.routing.optimise import solve, solve_heuristic
from ocop_geo.routing.printout import to_print_html
from ocop_geo.routing.request import MAX_STOPS, RouteRequest
from ocop_geo.routing.stops import load_stops
from ocop_geo.routing.tour import MIN_STOPS, plan_route, resolve_stops

STOPS = load_stops()


def plan(*ids: str, **options: object):
    return plan_route(resolve_stops(ids, STOPS), EstimateRouter(), **options)  # type: ignore[arg-type]


def schedule_problems(schedule: list[object]) -> list[str]:
    """The problems found, as an English reader sees them."""
    found: list[str] = []
    _check_schedule(
        schedule, len(schedule), lambda _field, message: found.append(message.render("en"))
    )
    return found


@pytest.mark.parametrize("good", ["00:00", "08:30", "23:59"])
def test_a_published_schedule_takes_two_digit_times_of_day(good: str) -> None:
    assert schedule_problems([good]) == []


@pytest.mark.parametrize("bad", ["8:30", " 08:30", "08:30 ", "24:00", "12:60", "0830", 830, None])
def test_a_published_schedule_refuses_other_times(bad: object) -> None:
    assert schedule_problems([bad]) == [f"{bad!r} is not a time HH:MM"]


def test_opening_hours_read_and_write_times_as_the_itinerary_does() -> None:
    text = "Mo-Su 07:05-11:30,13:30-24:00"
    assert parse_opening_hours(text) == ((425, 690), (810, 1440))
    assert format_opening_hours(parse_opening_hours(text)) == text
    for bad in ("07:00-24:30", "07:60-08:00", "25:00-26:00"):
        with pytest.raises(ValueError, match=r"\d\d:\d\d is not a time of day in"):
            parse_opening_hours(bad)


def test_a_link_writes_the_start_time_as_hh_mm() -> None:
    assert RouteRequest(("bat-trang",), start_min=0).to_query()["start"] == "00:00"
    assert RouteRequest(("bat-trang",), start_min=1439).to_query()["start"] == "23:59"
    assert RouteRequest(("bat-trang",), start_min=545).to_query()["start"] == "09:05"


def test_the_page_table_and_the_csv_add_up_the_same_stages() -> None:
    route = plan("van-phuc", "bat-trang", "duong-lam", "tay-phuong", round_trip=True)
    page = designer.itinerary_frame(route, "en")
    csv = export.itinerary_frame(route)
    stages = list(describe.stages(route))
    assert list(page.iloc[:, 0]) == [s[0] for s in stages]
    shown_km = [float(km) for km in page.iloc[:, -2]]  # English: "12.3"
    assert shown_km == [round(s[3] / 1000, 1) for s in stages]
    assert list(csv["order"]) == [s[0] for s in stages]
    np.testing.assert_allclose(shown_km, csv["cumulative_km"], atol=0.05)


def test_every_view_shows_the_same_warnings_the_estimate_one_said_apart() -> None:
    route = plan("van-phuc", "bat-trang", start_min=1430)  # an estimate ending after midnight
    codes = [w.split(" — ")[0] for w in route.warnings]
    assert "estimate" in codes
    assert "after-midnight" in codes
    shown = describe.shown_warnings(route, "en")
    assert len(shown) == len(route.warnings) - 1
    assert shown == [describe.warning_text(route, w, "en") for w in route.warnings
                     if not w.startswith("estimate")]  # fmt: skip
    html = to_print_html(route, name="t", lang="en")
    assert all(f"<li>{escape(w)}</li>" in html for w in shown)
    road = replace(route, estimate=False)  # not an estimate: nothing is said apart
    assert len(describe.shown_warnings(road, "en")) == len(road.warnings)


def test_the_limits_are_the_tour_s_and_the_optimiser_s() -> None:
    from ocop_geo.routing.optimise import HEURISTIC_LIMIT

    assert MIN_STOPS == 2
    assert MAX_STOPS == HEURISTIC_LIMIT


def test_solve_passes_the_heuristic_options_and_refuses_unknown_ones() -> None:
    rng = np.random.default_rng(3)
    cost = rng.uniform(1, 100, (16, 16))
    options = {"seed": 7, "time_budget_s": 60.0, "max_rounds": 3}
    assert solve(cost, **options) == solve_heuristic(cost, **options)
    with pytest.raises(TypeError, match="time_budget"):
        solve(cost, time_budget=1.0)  # type: ignore[call-arg]


@pytest.mark.parametrize("distance", [None, float("nan")])
def test_a_published_route_without_a_distance_says_none(distance: object) -> None:
    facts = {"name_vi": "Tuyến", "stops": ["a"], "mode": "car", "publisher": "P"}
    row = pd.Series({**facts, "published": "2024", "distance_km_published": distance})
    assert "km" not in route_summary(row, {"a": "A"}, "en")
    row["distance_km_published"] = 12.5
    assert "12.5" in route_summary(row, {"a": "A"}, "en")
