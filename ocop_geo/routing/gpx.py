"""A planned route as GPX 1.1, for GPS devices and navigation apps.

The file holds one ``rte`` (an ``rtept`` per stop in visiting order: the device re-routes
between them) and one ``trk`` (a ``trkseg`` per leg: the line the planner computed), so both
Garmin-style devices and apps show the tour. Coordinates are WGS 84 (EPSG:4326), 6 decimals.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from ocop_geo.routing import describe
from ocop_geo.routing._xml import child as _child
from ocop_geo.routing._xml import root_element, serialise
from ocop_geo.routing.base import Route, Visit

GPX_NS = "http://www.topografix.com/GPX/1/1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GPX_NS} {GPX_NS}/gpx.xsd"
CREATOR = "OCOP Geo"


def _point_type(route: Route, index: int) -> str:
    """``start``, ``visit`` or ``end``: what the stop is in the tour."""
    if index == 0:
        return "start"
    return "end" if index == len(route.visits) - 1 else "visit"


def _rtept(parent: ET.Element, route: Route, index: int, visit: Visit, lang: str) -> None:
    stop = visit.stop
    point = _child(parent, "rtept", lat=f"{stop.lat:.6f}", lon=f"{stop.lon:.6f}")
    _child(point, "name", stop.name_vi)
    _child(point, "desc", describe.visit_text(visit, lang))
    _child(point, "type", _point_type(route, index))


def to_gpx(route: Route, *, name: str, lang: str = "vi", now: datetime | None = None) -> bytes:
    """The route as a GPX 1.1 document (UTF-8 bytes).

    Parameters
    ----------
    route : Route
        The planned tour.
    name : str
        Title of the tour (metadata, route and track name).
    lang : {"vi", "en"}
        Language of the descriptions; stop names are written in Vietnamese.
    now : datetime, optional
        The time written in ``metadata/time`` (default: the current time), stored in UTC.

    Returns
    -------
    bytes
        ``<gpx version="1.1">`` with ``metadata`` (name, description stating the back end and
        whether the figures are estimates, time), one ``rte`` with an ``rtept`` per visit (name,
        description with arrival/departure and visit minutes, type ``start``/``visit``/``end``)
        and one ``trk`` with a ``trkseg`` per leg.
    """
    written = (now or datetime.now(UTC)).astimezone(UTC)
    root = root_element("gpx", GPX_NS, version="1.1", creator=CREATOR)
    root.set("xmlns:xsi", XSI_NS)
    root.set("xsi:schemaLocation", SCHEMA_LOCATION)
    metadata = _child(root, "metadata")
    _child(metadata, "name", name)
    _child(metadata, "desc", describe.summary(route, lang))
    _child(metadata, "time", written.strftime("%Y-%m-%dT%H:%M:%SZ"))

    rte = _child(root, "rte")
    _child(rte, "name", name)
    _child(rte, "type", route.mode)
    for index, visit in enumerate(route.visits):
        _rtept(rte, route, index, visit, lang)

    trk = _child(root, "trk")
    _child(trk, "name", name)
    _child(trk, "desc", describe.figures_label(route, lang))
    _child(trk, "type", route.mode)
    for index in range(len(route.legs)):
        segment = _child(trk, "trkseg")
        for lon, lat in describe.leg_coords(route, index):
            _child(segment, "trkpt", lat=f"{lat:.6f}", lon=f"{lon:.6f}")

    return serialise(root)
