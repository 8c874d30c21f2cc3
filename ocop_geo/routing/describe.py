"""A planned route in words and numbers, as every export shows it.

The exports (GPX, KML, GeoJSON, CSV, JSON, the printable page) share these helpers so that a
stop's times, a leg's length and the "estimate" label read the same in every file. Distances come
in metres and durations in seconds (:mod:`ocop_geo.routing.base`); times of day are minutes after
midnight of the tour day, shown as ``HH:MM`` (local time, Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

from collections.abc import Iterator

from ocop_geo.i18n import known, number, t, tn
from ocop_geo.layers.opening_hours import format_hhmm
from ocop_geo.routing.base import Leg, LonLat, Route, Stop, Visit
from ocop_geo.routing.optimise import EXACT_LIMIT
from ocop_geo.routing.tour import parse_warning

#: The label every export puts on figures that are estimates (both languages, on purpose: a
#: file travels between people who read either).
ESTIMATE_BADGE = "Ước tính / Estimate"


def visit_minutes(visit: Visit) -> float:
    """Minutes spent at the stop itself: departure − arrival − waiting for it to open."""
    return max(visit.depart_min - visit.arrive_min - visit.wait_min, 0.0)


def km(distance_m: float, lang: str) -> str:
    """``distance_m`` metres as kilometres with one decimal (``12,3`` in Vietnamese)."""
    return number(round(distance_m / 1000, 1) + 0.0, lang, decimals=1)  # + 0.0: no "-0.0"


def duration(seconds: float, lang: str) -> str:
    """``seconds`` as hours and minutes (``1 giờ 05 phút`` / ``1 h 05 min``), minutes rounded;
    a negative duration (a saving that is a loss) gets a minus sign."""
    sign = "−" if round(seconds / 60) < 0 else ""
    hours, minutes = divmod(abs(round(seconds / 60)), 60)
    if hours:
        return sign + t("tourexport.hours_minutes", lang, h=hours, m=f"{minutes:02d}")
    return sign + t("tourexport.minutes", lang, m=minutes)


def mode_label(route: Route, lang: str) -> str:
    """The travel mode in words."""
    return t(f"tourexport.mode.{route.mode}", lang)


def figures_label(route: Route, lang: str) -> str:
    """How the figures were obtained: the back end, and the estimate badge when they are."""
    text = t("tourexport.backend", lang, backend=route.backend)
    return f"{text} — {ESTIMATE_BADGE}" if route.estimate else text


def position_note(stop: Stop, lang: str, *, short: bool = False) -> str:
    """``"vị trí ước tính, sai số ±500 m"`` (``short``: ``"vị trí ±500 m"``) for an estimated
    position; ``""`` otherwise."""
    if not stop.coord_estimate:
        return ""
    if stop.coord_accuracy_m is None:
        return t("tourexport.position_estimate", lang)
    key = "tourexport.position_short" if short else "tourexport.position_accuracy"
    return t(key, lang, m=number(round(stop.coord_accuracy_m), lang))


def visit_text(visit: Visit, lang: str) -> str:
    """Arrival, departure and minutes at the stop (plus waiting, outside opening hours and an
    estimated position), e.g. ``"Đến 08:00 · rời 08:45 · tham quan 45 phút"``."""
    parts = [
        t("tourexport.arrive_depart", lang,
          arrive=format_hhmm(visit.arrive_min), depart=format_hhmm(visit.depart_min)),
        t("tourexport.visit_for", lang, m=round(visit_minutes(visit))),
    ]  # fmt: skip
    if visit.wait_min:
        parts.append(t("tourexport.wait_for", lang, m=round(visit.wait_min)))
    if visit.closed:
        parts.append(t("tourexport.closed", lang))
    if note := position_note(visit.stop, lang):
        parts.append(note)
    return " · ".join(parts)


def leg_text(leg: Leg, lang: str) -> str:
    """A leg's length and travel time, e.g. ``"12,3 km · 25 phút"``."""
    return f"{km(leg.distance_m, lang)} km · {duration(leg.duration_s, lang)}"


def summary(route: Route, lang: str) -> str:
    """One line for a file's description: mode, stops, length, travel time, times, figures."""
    return " · ".join(
        (
            mode_label(route, lang),
            tn("tourexport.stop_count", len(route.visits), lang, n=len(route.visits)),
            f"{km(route.distance_m, lang)} km",
            duration(route.travel_s, lang),
            f"{format_hhmm(route.start_min)}–{format_hhmm(route.end_min)}",
            figures_label(route, lang),
        )
    )


def stop_name(stop: Stop, lang: str) -> str:
    """The stop's name in ``lang`` (Vietnamese when there is no English one)."""
    return (stop.name_en if lang == "en" else stop.name_vi) or stop.name_vi


def default_name(route: Route, lang: str) -> str:
    """A title made of the stop names in order: ``"Vạn Phúc → Bát Tràng"``."""
    return " → ".join(stop_name(v.stop, lang) for v in route.visits)


def leg_coords(route: Route, index: int) -> tuple[LonLat, ...]:
    """The line of leg ``index`` as ``(lon, lat)`` pairs, EPSG:4326.

    A back end that gives no geometry gets the straight line between the two stops (the
    figures of such a leg are estimates anyway, and every export says so).
    """
    leg = route.legs[index]
    if len(leg.coords) >= 2:
        return leg.coords
    return (route.visits[index].stop.lonlat, route.visits[index + 1].stop.lonlat)


def stages(route: Route) -> Iterator[tuple[int, Visit, Leg | None, float]]:
    """``(order, visit, leg, cumulative_m)`` per visit: order from 1, the leg that reached it
    (``None`` for the first) and the metres travelled since the start."""
    cumulative_m = 0.0
    for index, visit in enumerate(route.visits):
        leg = route.legs[index - 1] if index else None
        cumulative_m += leg.distance_m if leg else 0.0
        yield index + 1, visit, leg, cumulative_m


def shown_warnings(route: Route, lang: str) -> list[str]:
    """The route's warnings in ``lang`` (:func:`warning_text`), without the ``estimate`` one
    when the route is an estimate: every view says that once, on its own, above the figures."""
    return [
        warning_text(route, w, lang)
        for w in route.warnings
        if not (route.estimate and parse_warning(w)[0] == "estimate")
    ]


def warning_text(route: Route, message: str, lang: str) -> str:
    """A ``Route.warnings`` entry (``"code:stop — English text"``) in ``lang``, the stop named
    in that language; a code without a translation keeps its English text."""
    code, stop_id, english = parse_warning(message)
    key = f"tourexport.warn.{code.replace('-', '_')}"
    if not known(key):
        return english or message
    names = {v.stop.id: stop_name(v.stop, lang) for v in route.visits}
    name = names.get(stop_id or "", stop_id or "")
    return t(key, lang, name=name, n=EXACT_LIMIT, end=format_hhmm(route.end_min))
