"""The itinerary of a planned tour: when it reaches and leaves each stop.

Times are minutes after midnight of the tour day, local time (Asia/Ho_Chi_Minh); a long tour may
run past 1440. The opening-hours rule is the one the optimiser uses (``_windows``): with
``respect_hours`` a stop reached before it opens waits for the window that lets the visit start
earliest and end by closing time; a stop with no such window is visited on arrival and marked
``closed``. Without ``respect_hours`` nobody waits, and ``closed`` flags a stop reached or left
outside its opening hours. Stops with unknown hours (``opening is None``) are never closed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ocop_geo.routing.base import Leg, Stop, Visit


def visit_window(
    arrive: float, visit_min: float, opening: Sequence[tuple[int, int]] | None, *, wait: bool
) -> tuple[float, float, bool]:
    """``(start, depart, closed)`` of a visit of ``visit_min`` minutes to a stop reached at
    ``arrive`` (minutes). ``wait``: allowed to wait for an opening window."""
    if opening is None:
        return arrive, arrive + visit_min, False
    starts = [
        max(arrive, open_min) if wait else arrive
        for open_min, close_min in opening
        if max(arrive, open_min) + visit_min <= close_min and (wait or open_min <= arrive)
    ]
    if not starts:
        return arrive, arrive + visit_min, True
    start = min(starts)
    return start, start + visit_min, False


def build_itinerary(
    stops: Sequence[Stop],
    legs: Sequence[Leg],
    *,
    start_min: float,
    respect_hours: bool,
    round_trip: bool = False,
) -> tuple[Visit, ...]:
    """One ``Visit`` per stop: the tour leaves at ``start_min`` from the first stop (after its
    visit), travels each leg (``legs[i]`` joins ``stops[i]`` and ``stops[i + 1]``) and spends
    ``stop.visit_min`` at each stop. With ``round_trip`` the last stop is the first one again:
    the tour ends on arrival there (no visit, no hours check).

    The times add up: ``visits[-1].depart_min - start_min`` is the sum of leg durations, visit
    minutes and waits.

    Raises
    ------
    ValueError
        ``len(legs) != len(stops) - 1``, a leg that does not join its two stops, a negative or
        non-finite duration or start time, or a round trip that does not end at its start.
    """
    if not (math.isfinite(start_min) and start_min >= 0):
        msg = f"start time must be a finite number of minutes ≥ 0, got {start_min!r}"
        raise ValueError(msg)
    if len(legs) != max(len(stops) - 1, 0):
        msg = f"{len(stops)} stops need {max(len(stops) - 1, 0)} legs, got {len(legs)}"
        raise ValueError(msg)
    if round_trip and stops and stops[-1].id != stops[0].id:
        msg = f"a round trip must end at its first stop {stops[0].id!r}, not {stops[-1].id!r}"
        raise ValueError(msg)
    visits: list[Visit] = []
    clock = float(start_min)
    for i, stop in enumerate(stops):
        if i:
            leg = legs[i - 1]
            if (leg.from_id, leg.to_id) != (stops[i - 1].id, stop.id):
                msg = (
                    f"leg {i - 1} goes {leg.from_id!r} → {leg.to_id!r}, "
                    f"expected {stops[i - 1].id!r} → {stop.id!r}"
                )
                raise ValueError(msg)
            if not (math.isfinite(leg.duration_s) and leg.duration_s >= 0):
                msg = (
                    f"leg {leg.from_id!r} → {leg.to_id!r}: duration {leg.duration_s!r} s is not ≥ 0"
                )
                raise ValueError(msg)
            clock += leg.duration_s / 60.0
        if round_trip and i == len(stops) - 1 and i:
            visits.append(Visit(stop=stop, arrive_min=clock, depart_min=clock))
            break
        begin, depart, closed = visit_window(
            clock, stop.visit_min, stop.opening, wait=respect_hours
        )
        visits.append(
            Visit(
                stop=stop,
                arrive_min=clock,
                depart_min=depart,
                wait_min=begin - clock,
                closed=closed,
            )
        )
        clock = depart
    return tuple(visits)
