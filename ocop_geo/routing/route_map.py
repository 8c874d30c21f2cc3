"""The route designer's map: every stop one can add, and the planned tour on top.

Candidate stops are small markers (a click adds the stop: markers report their own position, so
:func:`stop_from_click` finds them exactly); the tour's stops are numbered in visiting order and
its legs are lines — dashed when the figures are estimates (straight line × detour factor).
Returns folium objects; no Streamlit here. Every data string is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import folium

from ocop_geo.config import Settings
from ocop_geo.i18n import number, t
from ocop_geo.layers.sites import CLICK_TOLERANCE_DEG
from ocop_geo.maps.builders import base_map, boundary_base, esc, fit_to, use_local_assets
from ocop_geo.routing import describe
from ocop_geo.routing.base import Route, Stop

TOUR_COLOUR = "#b2182b"
CANDIDATE_COLOUR = "#4d4d4d"


def stop_label(stop: Stop, lang: str) -> str:
    """The stop's name in ``lang`` (:func:`describe.stop_name`: Vietnamese when there is no
    English one), with its accuracy when the position is an estimate."""
    name = describe.stop_name(stop, lang)
    if stop.coord_estimate and stop.coord_accuracy_m:
        return t("route.estimated_position", lang, name=name, m=number(stop.coord_accuracy_m, lang))
    return name


def stop_from_click(
    state: Mapping[str, Any] | None, stops: Mapping[str, Stop], chosen: tuple[str, ...] = ()
) -> str | None:
    """The id of the stop marker that ``st_folium``'s ``last_object_clicked`` points at.

    Several stops may share a position (a village and the pilot point in it); then the first one
    not yet in ``chosen`` is returned.
    """
    clicked = (state or {}).get("last_object_clicked")
    if not clicked or clicked.get("lat") is None or clicked.get("lng") is None:
        return None
    lat, lng = float(clicked["lat"]), float(clicked["lng"])
    hits = [
        sid
        for sid, s in stops.items()
        if abs(s.lat - lat) <= CLICK_TOLERANCE_DEG and abs(s.lon - lng) <= CLICK_TOLERANCE_DEG
    ]
    fresh = [sid for sid in hits if sid not in chosen]
    return (fresh or hits or [None])[0]


def _dot(colour: str, size: int) -> folium.DivIcon:
    style = (
        f"width:{size}px;height:{size}px;border-radius:50%;background:{colour};"
        "border:2px solid #fff;box-shadow:0 0 2px #000"
    )
    return folium.DivIcon(
        html=f'<div style="{style}"></div>',
        icon_size=(size, size),
        icon_anchor=(size // 2, size // 2),
    )


def _numbered(n: int) -> folium.DivIcon:
    style = (
        f"width:26px;height:26px;border-radius:50%;background:{TOUR_COLOUR};color:#fff;"
        "font:bold 13px/22px sans-serif;text-align:center;border:2px solid #fff;"
        "box-shadow:0 0 3px #000"
    )
    return folium.DivIcon(
        html=f'<div style="{style}">{n}</div>', icon_size=(26, 26), icon_anchor=(13, 13)
    )


def designer_map(
    stops: Mapping[str, Stop],
    route: Route | None,
    settings: Settings,
    lang: str,
    *,
    base: dict[str, Any] | None = None,
) -> folium.Map:
    """Candidate stops plus, when given, the planned ``route`` (numbered stops and legs).

    ``base`` (a geometry-only boundary TopoJSON, e.g. the districts) is drawn under the stops,
    for when no tile server is reachable. The map opens on the tour's stops, or on every
    candidate stop when there is no tour."""
    m = base_map(settings, lang)
    if base is not None:
        boundary_base(base).add_to(m)
    candidates = folium.FeatureGroup(name=t("route.layer_candidates", lang))
    for stop in stops.values():
        folium.Marker(
            location=(stop.lat, stop.lon),
            icon=_dot(CANDIDATE_COLOUR, 12),
            tooltip=esc(t("route.click_to_add", lang, name=stop_label(stop, lang))),
            aria_label=t("route.click_to_add", lang, name=stop_label(stop, lang)),
        ).add_to(candidates)
    candidates.add_to(m)
    if route is not None:
        tour_layer(route, lang).add_to(m)
        fit_to(m, [(v.stop.lat, v.stop.lon) for v in route.visits])
    else:
        fit_to(m, [(s.lat, s.lon) for s in stops.values()])
    folium.LayerControl(collapsed=True).add_to(m)
    use_local_assets(m, settings)
    return m


def leg_tooltip(route: Route, index: int, lang: str) -> str:
    """``"Leg 2: 12.3 km, 25 min"``: leg ``index``'s length as every export writes it
    (:func:`describe.km`) and its minutes as the itinerary table shows them."""
    leg = route.legs[index]
    return t(
        "route.leg_tooltip",
        lang,
        n=index + 1,
        km=describe.km(leg.distance_m, lang),
        min=number(round(leg.duration_s / 60), lang),
    )


def tour_layer(route: Route, lang: str) -> folium.FeatureGroup:
    """The tour: one line per leg (dashed for estimates) and a numbered marker per stop."""
    layer = folium.FeatureGroup(name=t("route.layer_tour", lang))
    for i in range(len(route.legs)):
        tip = leg_tooltip(route, i, lang)
        folium.PolyLine(
            [(lat, lon) for lon, lat in describe.leg_coords(route, i)],
            color=TOUR_COLOUR,
            weight=5,
            opacity=0.8,
            dash_array="8 6" if route.estimate else None,
            tooltip=esc(tip),
        ).add_to(layer)
    seen: set[str] = set()
    for n, visit in enumerate(route.visits, start=1):
        if visit.stop.id in seen:  # a round trip's return to the start keeps number 1
            continue
        seen.add(visit.stop.id)
        folium.Marker(
            location=(visit.stop.lat, visit.stop.lon),
            icon=_numbered(n),
            tooltip=esc(f"{n}. {stop_label(visit.stop, lang)}"),
            aria_label=f"{n}. {stop_label(visit.stop, lang)}",
        ).add_to(layer)
    return layer
