"""Downloads of a planned route: GeoJSON, CSV itinerary and JSON here; GPX, KML and the printable
page in their own modules, gathered in :data:`FORMATS`.

Every function takes a :class:`~ocop_geo.routing.base.Route` and returns bytes (or str) ready for
``st.download_button`` or a file; nothing here touches Streamlit. Coordinates are ``(lon, lat)``
in EPSG:4326, distances metres, durations seconds, times of day ``HH:MM`` (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from shapely.geometry import LineString, Point

from ocop_geo.config import Settings
from ocop_geo.io.writers import table_csv
from ocop_geo.layers.geojson_io import DECIMALS, feature_collection
from ocop_geo.layers.opening_hours import format_hhmm
from ocop_geo.routing import describe
from ocop_geo.routing.base import Route
from ocop_geo.routing.gpx import to_gpx
from ocop_geo.routing.kml import to_kml
from ocop_geo.routing.printout import to_print_html

__all__ = ["FORMATS", "Format", "to_csv", "to_geojson", "to_gpx", "to_json", "to_kml",
           "to_print_html"]  # fmt: skip

#: The ``figures`` column of the CSV: how the distances and times were obtained.
FIGURES = {True: "estimate", False: "road network"}
KML_MEDIA_TYPE = "application/vnd.google-earth.kml+xml"


def _stop_rows(route: Route) -> list[dict[str, Any]]:
    """One dict per visit, in order: what the GeoJSON points and the JSON stops carry."""
    return [
        {
            "order": order,
            "id": visit.stop.id,
            "name_vi": visit.stop.name_vi,
            "name_en": visit.stop.name_en,
            "arrive": format_hhmm(visit.arrive_min),
            "depart": format_hhmm(visit.depart_min),
            "visit_min": round(describe.visit_minutes(visit)),
            "wait_min": round(visit.wait_min),
            "closed": visit.closed,
            "coord_estimate": visit.stop.coord_estimate,
            "coord_accuracy_m": visit.stop.coord_accuracy_m,
        }
        for order, visit in enumerate(route.visits, start=1)
    ]


def _totals(route: Route) -> dict[str, Any]:
    """Route-level figures (foreign members of the GeoJSON, top level of the JSON)."""
    return {
        "mode": route.mode,
        "backend": route.backend,
        "estimate": route.estimate,
        "optimised": route.optimised,
        "round_trip": route.round_trip,
        "start": format_hhmm(route.start_min),
        "end": format_hhmm(route.end_min),
        "distance_m": round(route.distance_m, 1),
        "travel_s": round(route.travel_s, 1),
        "entered_distance_m": round(route.entered_distance_m, 1),
        "entered_travel_s": round(route.entered_travel_s, 1),
        "saving_m": round(route.saving_m, 1),
        "warnings": list(route.warnings),
    }


def _leg_props(route: Route, index: int) -> dict[str, Any]:
    leg = route.legs[index]
    return {
        "from": leg.from_id,
        "to": leg.to_id,
        "distance_m": round(leg.distance_m, 1),
        "duration_s": round(leg.duration_s, 1),
        "estimate": route.estimate,
        "backend": route.backend,
    }


def to_geojson(route: Route, *, name: str) -> bytes:
    """The route as an RFC 7946 FeatureCollection (UTF-8 bytes).

    Point features for the visits in order (``kind: "stop"``, order, id, names, arrive/depart
    ``HH:MM``, visit/wait minutes, coord_estimate, coord_accuracy_m), then one LineString per leg
    (``kind: "leg"``, from/to ids, distance_m, duration_s, estimate, backend). Longitude/latitude
    in EPSG:4326, at most 6 decimals, no ``crs`` member; ``name`` and the route totals are
    foreign members of the collection.
    """
    rows: list[tuple[dict[str, Any], Any]] = [
        ({"kind": "stop", **props}, Point(visit.stop.lonlat))
        for props, visit in zip(_stop_rows(route), route.visits, strict=True)
    ]
    rows += [
        ({"kind": "leg", **_leg_props(route, i)}, LineString(describe.leg_coords(route, i)))
        for i in range(len(route.legs))
    ]
    collection = feature_collection(rows, ndigits=DECIMALS)
    doc = {"type": "FeatureCollection", "name": name, **_totals(route),
           "features": collection["features"]}  # fmt: skip
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def to_json(route: Route, *, name: str) -> str:
    """The route as plain JSON for scripts: totals, back end, ``estimate``, warnings, the stops in
    order (id, names, arrive, depart, minutes) and every leg (from, to, distance_m, duration_s)."""
    legs = [
        {k: v for k, v in _leg_props(route, i).items() if k not in ("estimate", "backend")}
        for i in range(len(route.legs))
    ]
    doc = {"name": name, **_totals(route), "stops": _stop_rows(route), "legs": legs}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def itinerary_frame(route: Route) -> pd.DataFrame:
    """The itinerary as a table, one row per visit (the CSV's content, before defusing).

    Columns: order, stop_id, name_vi, name_en, arrive, depart (``HH:MM``), visit_min, wait_min,
    closed (``yes``/``no``), leg_km and leg_travel_min (from the previous stop; empty on the first
    row), cumulative_km, figures (``estimate``/``road network``).
    """
    rows = []
    for order, visit, leg, cumulative_m in describe.stages(route):
        rows.append({
            "order": order, "stop_id": visit.stop.id,
            "name_vi": visit.stop.name_vi, "name_en": visit.stop.name_en,
            "arrive": format_hhmm(visit.arrive_min), "depart": format_hhmm(visit.depart_min),
            "visit_min": round(describe.visit_minutes(visit)), "wait_min": round(visit.wait_min),
            "closed": "yes" if visit.closed else "no",
            "leg_km": round(leg.distance_m / 1000, 2) if leg else None,
            "leg_travel_min": round(leg.duration_s / 60, 1) if leg else None,
            "cumulative_km": round(cumulative_m / 1000, 2),
            "figures": FIGURES[route.estimate],
        })  # fmt: skip
    return pd.DataFrame(rows)


def to_csv(route: Route) -> bytes:
    """The itinerary (:func:`itinerary_frame`) as CSV: UTF-8 with a byte-order mark so that Excel
    opens Vietnamese names correctly, formula-safe (a name starting with ``=`` stays text)."""
    return table_csv(itinerary_frame(route))


@dataclass(frozen=True)
class Format:
    """One download format: how to render a route, its file suffix and media type."""

    render: Callable[[Route, str, str], bytes]
    suffix: str
    media_type: str


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


#: Every export by name (the CLI's ``--format`` and the page's download buttons):
#: ``render(route, name, lang)`` → bytes.
FORMATS: dict[str, Format] = {
    "json": Format(lambda r, n, _: _utf8(to_json(r, name=n)), ".json", "application/json"),
    "gpx": Format(lambda r, n, lang: to_gpx(r, name=n, lang=lang), ".gpx", "application/gpx+xml"),
    "kml": Format(lambda r, n, lang: to_kml(r, name=n, lang=lang), ".kml", KML_MEDIA_TYPE),
    "geojson": Format(lambda r, n, _: to_geojson(r, name=n), ".geojson", "application/geo+json"),
    "csv": Format(lambda r, _n, _l: to_csv(r), ".csv", "text/csv"),
    "html": Format(
        lambda r, n, lang: _utf8(
            to_print_html(r, name=n, lang=lang, geo_dir=Settings.from_env().geo_dir)
        ),
        ".html",
        "text/html",
    ),
}
