"""A planned route as KML 2.2, for Google Earth, Google My Maps and other globe viewers.

One Document with a folder of stop Placemarks (numbered in visiting order, description with the
times) and a folder of leg Placemarks (LineString). KML coordinates are ``lon,lat`` in WGS 84
(EPSG:4326), 6 decimals.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ocop_geo.i18n import t
from ocop_geo.layers.opening_hours import format_hhmm
from ocop_geo.routing import describe
from ocop_geo.routing._xml import child as _child
from ocop_geo.routing._xml import root_element, serialise
from ocop_geo.routing.base import LonLat, Route

KML_NS = "http://www.opengis.net/kml/2.2"

#: Style id → (kind, colour as KML ``aabbggrr``): stops in dark red, legs in blue; an
#: estimated route is drawn in orange so that it does not pass for a road-network result.
_STYLES = {
    "stop": ("IconStyle", "ff2020c0"),
    "leg": ("LineStyle", "ffd0602a"),
    "leg-estimate": ("LineStyle", "ff0080ff"),
}


def _coords(points: tuple[LonLat, ...]) -> str:
    return " ".join(f"{lon:.6f},{lat:.6f}" for lon, lat in points)


def _styles(document: ET.Element) -> None:
    for style_id, (kind, colour) in _STYLES.items():
        style = _child(_child(document, "Style", id=style_id), kind)
        _child(style, "color", colour)
        if kind == "LineStyle":
            _child(style, "width", "4")


def _data(parent: ET.Element, values: dict[str, str]) -> None:
    extended = _child(parent, "ExtendedData")
    for key, value in values.items():
        _child(_child(extended, "Data", name=key), "value", value)


def to_kml(route: Route, *, name: str, lang: str = "vi") -> bytes:
    """The route as a KML 2.2 document (UTF-8 bytes).

    Parameters
    ----------
    route : Route
        The planned tour.
    name : str
        Title of the tour (the Document name).
    lang : {"vi", "en"}
        Language of folder names and descriptions; stop names are written in Vietnamese.

    Returns
    -------
    bytes
        A Document with styles, a folder of Point Placemarks named ``"1. <stop>"`` … in visiting
        order (description: arrival, departure, minutes at the stop; ExtendedData: order, stop_id,
        arrive, depart) and a folder of LineString Placemarks, one per leg.
    """
    root = root_element("kml", KML_NS)
    document = _child(root, "Document")
    _child(document, "name", name)
    _child(document, "description", describe.summary(route, lang))
    _styles(document)

    stops = _child(document, "Folder")
    _child(stops, "name", t("tourexport.stops", lang))
    for order, visit in enumerate(route.visits, start=1):
        placemark = _child(stops, "Placemark")
        _child(placemark, "name", f"{order}. {visit.stop.name_vi}")
        _child(placemark, "description", describe.visit_text(visit, lang))
        _child(placemark, "styleUrl", "#stop")
        _data(placemark, {
            "order": str(order), "stop_id": visit.stop.id,
            "arrive": format_hhmm(visit.arrive_min),
            "depart": format_hhmm(visit.depart_min),
        })  # fmt: skip
        _child(_child(placemark, "Point"), "coordinates", _coords((visit.stop.lonlat,)))

    legs = _child(document, "Folder")
    _child(legs, "name", t("tourexport.legs", lang))
    for index, leg in enumerate(route.legs):
        a, b = route.visits[index].stop, route.visits[index + 1].stop
        placemark = _child(legs, "Placemark")
        _child(placemark, "name", f"{index + 1} → {index + 2}: {a.name_vi} → {b.name_vi}")
        _child(placemark, "description", describe.leg_text(leg, lang))
        _child(placemark, "styleUrl", "#leg-estimate" if route.estimate else "#leg")
        line = _child(placemark, "LineString")
        _child(line, "tessellate", "1")
        _child(line, "coordinates", _coords(describe.leg_coords(route, index)))

    return serialise(root)
