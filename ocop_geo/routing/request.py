"""What the user asks the route designer for, and its shareable-link form.

A :class:`RouteRequest` is the input of a tour (stop ids in the order entered, mode, start time and
options), not its figures: the same request is re-planned with whichever router is configured.
It round-trips through URL query parameters (``?stops=bat-trang,kim-lan&mode=bicycle&start=08:00
&opt=1&rt=0&end=0&hours=0``) so a tour can be shared as a link.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ocop_geo.i18n import Message, MessageError
from ocop_geo.layers.opening_hours import format_hhmm, parse_hhmm
from ocop_geo.routing.base import MODES, Mode
from ocop_geo.routing.optimise import HEURISTIC_LIMIT

#: Query parameters a request uses (the page clears exactly these when the tour is reset).
QUERY_KEYS = ("stops", "mode", "start", "opt", "rt", "end", "hours")
#: Longest stop list a link may carry (the heuristic's limit).
MAX_STOPS = HEURISTIC_LIMIT

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class RequestError(MessageError, ValueError):
    """A request (from a link, a saved row or a form) that cannot be used; says which part."""


@dataclass(frozen=True)
class RouteRequest:
    """A tour to plan.

    Attributes
    ----------
    stop_ids : tuple of str
        Site/POI ids in the order entered; the first is the fixed start.
    mode : Mode
        Travel mode.
    start_min : int
        Departure time from the first stop, minutes after midnight (0–1439).
    optimise, round_trip, fixed_end, respect_hours : bool
        Reorder the stops; come back to the start; keep the last stop last; never arrive at a
        closed stop when the optimiser can avoid it.
    """

    stop_ids: tuple[str, ...] = field(default_factory=tuple)
    mode: Mode = "car"
    start_min: int = 480
    optimise: bool = False
    round_trip: bool = False
    fixed_end: bool = False
    respect_hours: bool = False

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise RequestError(
                Message("route.refused.mode", mode=repr(self.mode), modes=", ".join(MODES))
            )
        if not 0 <= self.start_min < 24 * 60:
            raise RequestError(Message("route.refused.start_min", minutes=self.start_min))
        if len(self.stop_ids) > MAX_STOPS:
            raise RequestError(Message("route.refused.stops", n=len(self.stop_ids), most=MAX_STOPS))
        for stop_id in self.stop_ids:
            if not _ID.match(stop_id):
                raise RequestError(Message("route.refused.stop_id", stop=repr(stop_id)))

    def to_query(self) -> dict[str, str]:
        """The request as URL query parameters (all values strings)."""
        return {
            "stops": ",".join(self.stop_ids),
            "mode": self.mode,
            "start": format_hhmm(self.start_min),
            "opt": _flag(self.optimise),
            "rt": _flag(self.round_trip),
            "end": _flag(self.fixed_end),
            "hours": _flag(self.respect_hours),
        }

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> RouteRequest | None:
        """The request a link carries, or ``None`` when the link names no stops.

        Raises
        ------
        RequestError
            A parameter is malformed (the message names it).
        """
        stops = params.get("stops", "").strip()
        if not stops:
            return None
        ids = tuple(s.strip() for s in stops.split(",") if s.strip())
        return cls(
            stop_ids=ids,
            mode=params.get("mode", "car"),  # type: ignore[arg-type]  # checked in __post_init__
            start_min=parse_start(params.get("start", "08:00")),
            optimise=_parse_flag(params, "opt"),
            round_trip=_parse_flag(params, "rt"),
            fixed_end=_parse_flag(params, "end"),
            respect_hours=_parse_flag(params, "hours"),
        )


def parse_start(text: str) -> int:
    """``"8:30"`` → 510 (minutes after midnight): :func:`itinerary.parse_hhmm`, but a tour
    starts before midnight (``24:00`` is refused).

    Raises
    ------
    RequestError
        Not ``H:MM``/``HH:MM`` or outside 00:00–23:59.
    """
    try:
        minutes = parse_hhmm(text.strip())
    except ValueError:
        minutes = 24 * 60
    if minutes >= 24 * 60:
        raise RequestError(Message("route.refused.start", start=repr(text)))
    return minutes


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _parse_flag(params: Mapping[str, str], key: str) -> bool:
    value = params.get(key, "0").strip()
    if value not in {"0", "1"}:
        raise RequestError(Message("route.refused.flag", key=key, value=repr(value)))
    return value == "1"
