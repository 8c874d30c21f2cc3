"""The places a tour can visit — the six plan sites and the tourism stops — as routing stops,
and the published routes through them.

>>> from ocop_geo.routing.stops import load_routes, load_stops
>>> stops = load_stops()                 # checks geo/ first (DataError on bad data)
>>> stops["kieu-ky"].visit_min           # minutes, from geo/pois.geojson
>>> [r.id for r in load_routes()]

Coordinates are ``(lon, lat)`` in EPSG:4326. POIs carry their own visit time and opening hours
(``geo/pois.geojson``, sourced per feature). The sites' visit times are below
(:data:`SITE_VISITS`): sourced where a published itinerary gives them, otherwise the documented
default :data:`DEFAULT_SITE_VISIT_MIN`, labelled as an estimate. No source gives a site's opening
hours, so a site's ``opening`` is ``None`` ("unknown", treated as always open).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ocop_geo.config import Settings
from ocop_geo.layers.catalog import Catalog, cell
from ocop_geo.layers.opening_hours import parse_opening_hours
from ocop_geo.routing.base import Mode, Stop

__all__ = [
    "DEFAULT_SITE_VISIT_MIN",
    "SITE_VISITS",
    "PublishedRoute",
    "SiteVisit",
    "load_routes",
    "load_stops",
    "parse_opening_hours",
    "route_from_row",
    "stops_from_catalog",
]

#: The Du lịch Minh Anh day tour (facts §5.2), the only published itinerary with times.
MINH_ANH = "https://dulichminhanh.com/ha-noi-lang-co-duong-lam-lang-lua-van-phuc-chua-tay-phuong"


@dataclass(frozen=True)
class SiteVisit:
    """How long a tour stays at a site, minutes, and where that figure comes from."""

    minutes: int
    confidence: str
    source: str


#: Our estimate for a site no itinerary times: one hour, the stay the Minh Anh tour gives its
#: last stop (Vạn Phúc, 16:30 → 17:30). Confidence E.
DEFAULT_SITE_VISIT_MIN = 60

#: Visit times for the sites a published itinerary times (see data/SOURCES.md, "Tourism stops").
SITE_VISITS: dict[str, SiteVisit] = {
    "van-phuc": SiteVisit(
        60,
        "P",
        f"{MINH_ANH} — 16:30 làng lụa Vạn Phúc, 17:30 về Hà Nội / 16:30 arrive, 17:30 leave",
    ),
    "duong-lam": SiteVisit(
        250,
        "P",
        f"{MINH_ANH} — 10:15 Đường Lâm (gồm ăn trưa 12:30), 15:00 chùa Tây Phương; trừ ước tính "
        "35 phút đi xe (18,2 km đường chim bay × 1,3 ở 40 km/h) / 10:15 arrive, lunch included, "
        "15:00 at the next stop, minus an estimated 35-minute drive",
    ),
}


def _stop(stop_id: str, row: pd.Series, *, visit_min: int, opening: Any, estimate: bool) -> Stop:
    return Stop(
        id=stop_id,
        name_vi=str(row["name_vi"]),
        name_en=str(row["name_en"]),
        lon=float(row.geometry.x),
        lat=float(row.geometry.y),
        visit_min=visit_min,
        opening=opening,
        coord_estimate=estimate,
        coord_accuracy_m=float(row["coord_accuracy_m"]),
        ward_2025_vi=str(cell(row, "ward_2025_vi") or ""),
        district_2020_vi=str(cell(row, "district_2020_vi") or ""),
    )


def _site_stop(site_id: str, row: pd.Series) -> Stop:
    visit = SITE_VISITS.get(site_id)
    return _stop(
        site_id,
        row,
        visit_min=visit.minutes if visit else DEFAULT_SITE_VISIT_MIN,
        opening=None,
        estimate=row["coord_confidence"] == "E" or row["kind"] == "candidate_area",
    )


def _poi_stop(poi_id: str, row: pd.Series) -> Stop:
    return _stop(
        poi_id,
        row,
        visit_min=int(row["visit_min"]),
        opening=parse_opening_hours(cell(row, "opening_hours")),
        estimate=row["coord_method"] != "landmark_article" or row["coord_confidence"] == "E",
    )


def stops_from_catalog(catalog: Catalog) -> dict[str, Stop]:
    """Every site and POI of an already loaded catalogue as a :class:`Stop`, keyed by id.

    Sites come first (in file order), then POIs; ids are unique across both (checked on load).
    """
    stops = {str(i): _site_stop(str(i), row) for i, row in catalog.sites.iterrows()}
    stops |= {str(i): _poi_stop(str(i), row) for i, row in catalog.pois.iterrows()}
    return stops


def load_stops(
    settings: Settings | None = None, *, catalog: Catalog | None = None
) -> dict[str, Stop]:
    """The six sites and every tourism stop as routing stops, keyed by id.

    Parameters
    ----------
    settings : Settings, optional
        Where ``geo/`` and ``data/`` are (default: from the environment).
    catalog : Catalog, optional
        An already loaded catalogue (the app's cached one); ``settings`` is then not used.

    Returns
    -------
    dict of str to Stop
        Positions in EPSG:4326; ``visit_min`` in minutes; ``opening`` in minutes after local
        midnight or ``None`` when no source gives hours.

    Raises
    ------
    DataError
        When a layer does not pass its checks (every problem is listed).
    """
    return stops_from_catalog(catalog or Catalog.load(settings))


@dataclass(frozen=True)
class PublishedRoute:
    """A route as a tourism department or tour operator published it (``geo/routes.geojson``).

    ``stops`` are the site/POI ids that could be placed, in the published order;
    ``stops_published_vi`` is the published list itself (with the stops that could not be
    placed, which ``note_vi``/``note_en`` name). ``schedule`` gives one ``"HH:MM"`` arrival per
    stop when the publisher gives times, else None. ``published`` is an ISO date, month or year, or
    None when the source is undated; ``distance_km_published`` is the publisher's figure (km).
    """

    id: str
    name_vi: str
    name_en: str
    stops: tuple[str, ...]
    stops_published_vi: tuple[str, ...]
    mode: Mode
    publisher: str
    operator: str | None
    published: str | None
    distance_km_published: float | None
    schedule: tuple[str, ...] | None
    source: tuple[str, ...]
    confidence: str
    note_vi: str
    note_en: str


def route_from_row(route_id: str, row: pd.Series) -> PublishedRoute:
    """One row of the catalogue's ``routes`` frame as a :class:`PublishedRoute`."""
    schedule = cell(row, "schedule")
    distance = cell(row, "distance_km_published")
    return PublishedRoute(
        id=route_id,
        name_vi=str(row["name_vi"]),
        name_en=str(row["name_en"]),
        stops=tuple(row["stops"]),
        stops_published_vi=tuple(row["stops_published_vi"]),
        mode=row["mode"],
        publisher=str(row["publisher"]),
        operator=cell(row, "operator"),
        published=cell(row, "published"),
        distance_km_published=None if distance is None else float(distance),
        schedule=None if schedule is None else tuple(schedule),
        source=tuple(row["source"]),
        confidence=str(row["confidence"]),
        note_vi=str(row["note_vi"]),
        note_en=str(row["note_en"]),
    )


def load_routes(
    settings: Settings | None = None, *, catalog: Catalog | None = None
) -> list[PublishedRoute]:
    """The published routes, in file order (see :func:`load_stops` for the parameters).

    Raises
    ------
    DataError
        When a layer does not pass its checks.
    """
    catalog = catalog or Catalog.load(settings)
    return [route_from_row(str(i), row) for i, row in catalog.routes.iterrows()]
