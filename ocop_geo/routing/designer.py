"""The route designer's logic, kept out of Streamlit so it is tested without a browser: stop
search, published routes as starting points, the itinerary table, share links.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd

from ocop_geo.i18n import number, t
from ocop_geo.layers.admin_units import squash, units_named
from ocop_geo.layers.opening_hours import ALWAYS, format_hhmm
from ocop_geo.routing import describe
from ocop_geo.routing.base import MODES, Route, Stop
from ocop_geo.routing.request import RouteRequest
from ocop_geo.routing.stops import PublishedRoute
from ocop_geo.text import matches_parts

#: The page's path under the app (``dashboard.py`` serves ``pages/routes.py`` at ``/routes``).
PAGE_PATH = "/routes"
#: What a table cell shows where there is no figure (the first stop's leg).
NO_VALUE = "—"


def label(stop: Stop, lang: str) -> str:
    """The name shown in lists: the name in ``lang``, marked ``≈`` when the position is an
    estimate (the accuracy is on the map and in the exports)."""
    name = describe.stop_name(stop, lang)
    return f"{name} ≈" if stop.coord_estimate else name


def search_stops(stops: Mapping[str, Stop], query: str) -> list[str]:
    """Ids of the stops whose id, names or places match ``query`` at a word start, ignoring
    diacritics and case (``"chua tay"`` finds Chùa Tây Phương); each comma-separated part must
    match (``"Vạn Phúc, Hà Đông"``). When nothing matches so, the query is read as a commune or
    ward of before 1/7/2025 ("Kim Lan", "Kiêu Kỵ, Gia Lâm") and the stops in the 2025 unit(s)
    it went to are found."""
    found = [
        sid
        for sid, s in stops.items()
        if matches_parts(query, sid, s.name_vi, s.name_en, s.ward_2025_vi, s.district_2020_vi)
    ]
    if found:
        return found
    units = units_named(query)
    return [sid for sid, s in stops.items() if s.ward_2025_vi and squash(s.ward_2025_vi) in units]


def search_label(stop: Stop, lang: str) -> str:
    """A stop as the search lists it: :func:`label` and, when known, its 2025 ward/commune."""
    name = label(stop, lang)
    return f"{name} · {stop.ward_2025_vi}" if stop.ward_2025_vi else name


def published_request(route: PublishedRoute, stops: Mapping[str, Stop]) -> RouteRequest:
    """A published route as a tour request: its placed stops in order, its mode when the
    designer knows it, not optimised (the published order is the point)."""
    mode = route.mode if route.mode in MODES else "car"
    return RouteRequest(stop_ids=tuple(s for s in route.stops if s in stops), mode=mode)


def published_name(route: PublishedRoute, lang: str) -> str:
    return route.name_en if lang == "en" and route.name_en else route.name_vi


def published_note(route: PublishedRoute, lang: str) -> str:
    """Who published the route, when, the source; and what could not be placed."""
    note = t(
        "route.published_note",
        lang,
        publisher=route.publisher,
        published=route.published or t("route.undated", lang),
        source=" ; ".join(route.source),
    )
    extra = route.note_en if lang == "en" and route.note_en else route.note_vi
    return f"{note}. {extra}" if extra else note


def opening_text(stop: Stop, lang: str) -> str:
    """A stop's opening hours in words: ``"08:00–11:30, 13:30–17:00"``, ``"24/7"``, or
    "unknown (no source)" when no source gives them."""
    if stop.opening is None:
        return t("poi.hours_unknown", lang)
    if tuple(stop.opening) == ALWAYS:
        return "24/7"
    return ", ".join(f"{format_hhmm(a)}–{format_hhmm(b)}" for a, b in stop.opening)


def itinerary_frame(route: Route, lang: str) -> pd.DataFrame:
    """The itinerary as the page shows it: one row per visit, headers in ``lang``. Every cell
    has a value a reader understands: the first stop, reached by no leg, shows
    :data:`NO_VALUE` for the leg's length and time (a table would say "None"); distances are
    text with the language's decimal separator."""
    rows = []
    for order, visit, leg, cumulative_m in describe.stages(route):
        notes = [describe.position_note(visit.stop, lang)]
        if visit.wait_min:
            notes.append(t("tourexport.wait_for", lang, m=round(visit.wait_min)))
        if visit.closed:
            notes.append(t("tourexport.closed", lang))
        rows.append(
            {
                t("tourexport.col_order", lang): order,
                t("tourexport.col_stop", lang): describe.stop_name(visit.stop, lang),
                t("tourexport.col_arrive", lang): format_hhmm(visit.arrive_min),
                t("tourexport.col_depart", lang): format_hhmm(visit.depart_min),
                t("tourexport.col_visit", lang): round(describe.visit_minutes(visit)),
                t("tourexport.col_hours", lang): opening_text(visit.stop, lang),
                t("tourexport.col_leg_km", lang): (
                    describe.km(leg.distance_m, lang) if leg else NO_VALUE
                ),
                t("tourexport.col_leg_min", lang): (
                    str(round(leg.duration_s / 60)) if leg else NO_VALUE
                ),
                t("tourexport.col_cum_km", lang): describe.km(cumulative_m, lang),
                t("tourexport.col_notes", lang): " · ".join(n for n in notes if n),
            }
        )
    return pd.DataFrame(rows)


#: The itinerary's number columns and their decimals, as the page shows them.
_NUMBER_COLUMNS = {"col_visit": 0, "col_leg_km": 1, "col_leg_min": 0, "col_cum_km": 1}


def itinerary_text(route: Route, lang: str) -> pd.DataFrame:
    """:func:`itinerary_frame` with its figures written in ``lang`` ("18,7" / "18.7"); no figure
    (the first stop has no leg) is an empty cell, not "None"."""
    frame = itinerary_frame(route, lang)
    for key, decimals in _NUMBER_COLUMNS.items():
        column = t(f"tourexport.{key}", lang)
        frame[column] = [_figure(v, lang, decimals) for v in frame[column]]
    return frame


def _figure(value: object, lang: str, decimals: int) -> str:
    """A number written in ``lang``; text (already written, or the no-leg dash) as it is."""
    if isinstance(value, str):
        return value
    return number(value, lang, decimals=decimals) if pd.notna(value) else ""


def share_link(request: RouteRequest, page_url: str | None = None) -> str:
    """The link that reopens this tour: the page URL (from the browser, when known) with the
    request's query parameters; a relative ``/routes?…`` link otherwise."""
    query = urlencode(request.to_query(), safe=",:")
    if page_url:
        parts = urlsplit(page_url)
        return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
    return f"{PAGE_PATH}?{query}"


def file_stem(route: Route) -> str:
    """A file name for downloads: ``tour-<first stop>-<last stop>-<mode>``."""
    first, last = route.visits[0].stop.id, route.visits[-1].stop.id
    return f"tour-{first}-{last}-{route.mode}"
