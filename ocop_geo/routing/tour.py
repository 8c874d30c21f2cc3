"""Plan a tour: resolve stop ids, optimise the order, ask the router for each leg, build the
itinerary and say what the user should know (``Route.warnings``).

Warnings are short English sentences behind a stable code, ``"<code>:<stop id> — <text>"`` (or
``"<code> — <text>"`` when no stop is concerned), so the UI can translate them by code
(``parse_warning``). Codes: ``estimate``, ``heuristic``, ``closed``, ``hours-unknown``,
``after-midnight``.
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from ocop_geo.i18n import Message
from ocop_geo.layers.opening_hours import format_hhmm
from ocop_geo.routing._problem import path_cost
from ocop_geo.routing.base import (
    Leg,
    Matrix,
    Mode,
    Route,
    RouteOptionError,
    Router,
    RoutingError,
    Stop,
)
from ocop_geo.routing.estimate import check_mode
from ocop_geo.routing.itinerary import build_itinerary
from ocop_geo.routing.optimise import EXACT_LIMIT, solve, solve_with_hours

MIN_STOPS = 2


def resolve_stops(ids: Sequence[str], known: Mapping[str, Stop]) -> list[Stop]:
    """The stops named by ``ids``, in that order.

    Raises
    ------
    RoutingError
        An unknown id (with the closest known ids), an id given twice, or fewer than two stops.
    """
    unknown = [i for i in ids if i not in known]
    if unknown:
        parts: list[Message | str] = []
        for stop_id in unknown:
            close = difflib.get_close_matches(stop_id, list(known), n=3, cutoff=0.6)
            hint = ", ".join(repr(c) for c in close)
            parts.append(
                Message("routing.error.did_you_mean", stop=repr(stop_id), close=hint)
                if close
                else repr(stop_id)
            )
        raise RoutingError(Message("routing.error.unknown_stop", stops=parts))
    twice = [stop_id for stop_id, count in Counter(ids).items() if count > 1]
    if twice:
        stops = ", ".join(repr(i) for i in twice)
        raise RoutingError(Message("routing.error.stop_twice", stops=stops))
    if len(ids) < MIN_STOPS:
        raise RoutingError(Message("routing.error.too_few_stops", least=MIN_STOPS, n=len(ids)))
    return [known[i] for i in ids]


def warning(code: str, text: str, stop_id: str | None = None) -> str:
    """``"code:stop_id — text"`` (or ``"code — text"``)."""
    return f"{code}:{stop_id} — {text}" if stop_id else f"{code} — {text}"


def parse_warning(message: str) -> tuple[str, str | None, str]:
    """``(code, stop id or None, English text)`` of a ``Route.warnings`` entry."""
    head, _, text = message.partition(" — ")
    code, _, stop_id = head.partition(":")
    return code, stop_id or None, text


def _order(
    stops: Sequence[Stop],
    matrix: Matrix,
    *,
    round_trip: bool,
    fixed_end: bool,
    start_min: float,
    respect_hours: bool,
) -> list[int]:
    n = len(stops)
    end = n - 1 if fixed_end else None
    if respect_hours:
        return solve_with_hours(
            matrix.duration_s,
            [s.visit_min for s in stops],
            [s.opening for s in stops],
            start_min,
            end=end,
            round_trip=round_trip,
        ).order
    return solve(matrix.duration_s, end=end, round_trip=round_trip)


def plan_route(
    stops: Sequence[Stop],
    router: Router,
    *,
    mode: Mode = "car",
    optimise: bool = False,
    round_trip: bool = False,
    fixed_end: bool = False,
    start_min: float = 480,
    respect_hours: bool = False,
) -> Route:
    """Plan a tour through ``stops`` (the first stop is where it starts).

    The router's matrix is computed once; with ``optimise`` the order minimises travel time
    (with ``respect_hours``: fewest stops reached while closed, then the earliest finish), the
    first stop staying first and, with ``fixed_end``, the last staying last. Each leg's distance
    and duration come from the matrix, its line from ``router.path``. ``entered_distance_m`` and
    ``entered_travel_s`` are the totals of the order as given.

    Raises
    ------
    RoutingError
        Fewer than two stops, a stop given twice, or the router cannot route.
    RouteOptionError
        (a ValueError) Unknown mode, ``fixed_end`` with ``round_trip``, a start time outside
        00:00–24:00.
    """
    check_mode(mode)
    resolve_stops([s.id for s in stops], {s.id: s for s in stops})
    if fixed_end and round_trip:
        raise RouteOptionError(Message("routing.error.round_trip_fixed_end"))
    if not (math.isfinite(start_min) and 0 <= start_min < 1440):
        raise RouteOptionError(Message("routing.error.start_time", minutes=repr(start_min)))
    matrix = router.matrix([s.lonlat for s in stops], mode)
    entered = list(range(len(stops)))
    order = entered
    if optimise:
        order = _order(
            stops,
            matrix,
            round_trip=round_trip,
            fixed_end=fixed_end,
            start_min=start_min,
            respect_hours=respect_hours,
        )
    closing = [order[0]] if round_trip else []
    seq = [*order, *closing]
    legs = tuple(
        Leg(
            from_id=stops[a].id,
            to_id=stops[b].id,
            distance_m=float(matrix.distance_m[a, b]),
            duration_s=float(matrix.duration_s[a, b]),
            coords=router.path(stops[a].lonlat, stops[b].lonlat, mode).coords,
        )
        for a, b in itertools.pairwise(seq)
    )
    visits = build_itinerary(
        [stops[i] for i in seq],
        legs,
        start_min=start_min,
        respect_hours=respect_hours,
        round_trip=round_trip,
    )
    entered_seq = np.array([*entered, *([0] if round_trip else [])])
    route = Route(
        mode=mode,
        backend=router.name,
        estimate=router.estimate,
        start_min=float(start_min),
        round_trip=round_trip,
        optimised=optimise,
        visits=visits,
        legs=legs,
        entered_distance_m=path_cost(matrix.distance_m, entered_seq),
        entered_travel_s=path_cost(matrix.duration_s, entered_seq),
    )
    return _with_warnings(route, respect_hours=respect_hours)


def _with_warnings(route: Route, *, respect_hours: bool) -> Route:
    notes = []
    if route.estimate:
        notes.append(
            warning("estimate", "distances and times are straight-line estimates, not road figures")
        )
    if route.optimised and len({v.stop.id for v in route.visits}) > EXACT_LIMIT:
        notes.append(
            warning(
                "heuristic", f"more than {EXACT_LIMIT} stops: the order is good, not proven best"
            )
        )
    seen = set()
    for visit in route.visits:
        stop = visit.stop
        if visit.closed and stop.id not in seen:
            notes.append(
                warning(
                    "closed",
                    f"{stop.name_en} is reached or left outside its opening hours",
                    stop.id,
                )
            )
        if respect_hours and stop.opening is None and stop.id not in seen:
            notes.append(
                warning("hours-unknown", f"opening hours of {stop.name_en} are unknown", stop.id)
            )
        seen.add(stop.id)
    if route.end_min > 1440:
        notes.append(
            warning(
                "after-midnight", f"the tour ends after midnight ({format_hhmm(route.end_min)})"
            )
        )
    return dataclasses.replace(route, warnings=tuple(notes))
