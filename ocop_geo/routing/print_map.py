"""The printable itinerary's map: the tour drawn as inline SVG, without tiles or network.

The stops (numbered in visiting order), the legs and the 2020 district boundaries
(``geo/districts.geojson``) around them are projected simply: longitude scaled by the cosine of the
middle latitude, latitude as is (an equirectangular view, true enough over a tour's few tens of
kilometres). Every name that reaches the SVG is escaped with :func:`html.escape`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from html import escape
from pathlib import Path

import geopandas as gpd
import shapely

from ocop_geo.i18n import ATTRIBUTIONS, t
from ocop_geo.layers.catalog import read_layer
from ocop_geo.layers.schema import DISTRICTS
from ocop_geo.layers.validate import DataError
from ocop_geo.routing import describe
from ocop_geo.routing.base import LonLat, Route

#: Drawing width in SVG units; the height follows the tour's shape, within these bounds.
WIDTH, MIN_HEIGHT, MAX_HEIGHT = 640.0, 260.0, 520.0
#: Room around the tour: a share of its extent, and at least this many degrees.
PAD_SHARE, PAD_MIN_DEG = 0.12, 0.01


@lru_cache(maxsize=4)
def load_districts(geo_dir: Path) -> gpd.GeoDataFrame:
    """``geo_dir/districts.geojson`` checked (EPSG:4326).

    Raises
    ------
    DataError
        The layer has problems (every one listed).
    """
    frame, problems = read_layer(DISTRICTS, DISTRICTS.path(geo_dir))
    if frame is None:
        raise DataError(problems)
    return frame


class _View:
    """Degrees → SVG units for one bounding box (``west, south, east, north``)."""

    def __init__(self, box: tuple[float, float, float, float]) -> None:
        west, south, east, north = box
        self.west, self.north = west, north
        self.kx = math.cos(math.radians((south + north) / 2))
        span_x, span_y = (east - west) * self.kx, north - south
        height = WIDTH * span_y / span_x
        self.height = min(max(height, MIN_HEIGHT), MAX_HEIGHT)
        self.scale = min(WIDTH / span_x, self.height / span_y)
        self.dx = (WIDTH - span_x * self.scale) / 2
        self.dy = (self.height - span_y * self.scale) / 2

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.dx + (lon - self.west) * self.kx * self.scale
        y = self.dy + (self.north - lat) * self.scale
        return round(x, 1), round(y, 1)

    def points(self, coords: Iterable[Sequence[float]]) -> str:
        return " ".join("{},{}".format(*self.xy(c[0], c[1])) for c in coords)


def _box(coords: Sequence[LonLat]) -> tuple[float, float, float, float]:
    lons, lats = [c[0] for c in coords], [c[1] for c in coords]
    pad_x = max((max(lons) - min(lons)) * PAD_SHARE, PAD_MIN_DEG)
    pad_y = max((max(lats) - min(lats)) * PAD_SHARE, PAD_MIN_DEG)
    return min(lons) - pad_x, min(lats) - pad_y, max(lons) + pad_x, max(lats) + pad_y


def _rings(geometry: shapely.Geometry) -> Iterable[Sequence[Sequence[float]]]:
    for polygon in getattr(geometry, "geoms", [geometry]):
        if isinstance(polygon, shapely.Polygon) and not polygon.is_empty:
            yield polygon.exterior.coords
            yield from (ring.coords for ring in polygon.interiors)


def _districts_svg(districts: gpd.GeoDataFrame, view: _View, box: tuple[float, ...]) -> str:
    """Each district's outline clipped to the view, its name at a point inside."""
    shapes, labels = [], []
    tolerance = 1.0 / view.scale  # one SVG unit, in degrees: finer detail is not drawn
    for _, row in districts.iterrows():
        clipped = shapely.clip_by_rect(row.geometry, *box)
        if clipped.is_empty:
            continue
        simple = shapely.simplify(clipped, tolerance, preserve_topology=True)
        path = " ".join(f"M{view.points(ring)}Z" for ring in _rings(simple))
        if path:
            shapes.append(f'<path d="{path}"/>')
        x, y = view.xy(*clipped.representative_point().coords[0])
        labels.append(f'<text x="{x}" y="{y}">{escape(str(row["name_vi"]))}</text>')
    return (
        f'<g class="districts" fill="#f4f4f0" stroke="#8a8a8a" stroke-width="0.8">'
        f"{''.join(shapes)}</g>"
        f'<g class="district-names" fill="#777" font-size="10" text-anchor="middle">'
        f"{''.join(labels)}</g>"
    )


def tour_svg(route: Route, lang: str, *, districts: gpd.GeoDataFrame | None = None) -> str:
    """The tour as an ``<svg>`` element: legs (dashed when their figures are estimates), numbered
    stops with their names, and ``districts`` (EPSG:4326) under them when given."""
    legs = [describe.leg_coords(route, i) for i in range(len(route.legs))]
    coords = [v.stop.lonlat for v in route.visits] + [c for leg in legs for c in leg]
    box = _box(coords)
    view = _View(box)
    dash = ' stroke-dasharray="7 5"' if route.estimate else ""
    lines = "".join(f'<polyline points="{view.points(leg)}"/>' for leg in legs)
    orders: dict[str, list[int]] = {}
    for order, visit in enumerate(route.visits, start=1):
        orders.setdefault(visit.stop.id, []).append(order)
    stops = []
    for visit in route.visits:
        numbers = orders.pop(visit.stop.id, None)
        if numbers is None:  # a round trip's return to the start: drawn once
            continue
        x, y = view.xy(*visit.stop.lonlat)
        name = escape(describe.stop_name(visit.stop, lang))
        number = "/".join(map(str, numbers))
        radius = 9 + 3 * (len(numbers) - 1)
        # the name on the side with room for it (a stop near the right edge gets it on the left)
        side, anchor = (-radius - 3, "end") if x > WIDTH * 0.7 else (radius + 3, "start")
        stops.append(
            f"<g><title>{number}. {name}</title>"
            f'<circle cx="{x}" cy="{y}" r="{radius}" fill="#b91c1c" stroke="#fff" '
            f'stroke-width="1.5"/><text x="{x}" y="{y + 3.5}" fill="#fff" font-size="10" '
            f'font-weight="bold" text-anchor="middle">{number}</text>'
            f'<text x="{x + side}" y="{y + 4}" font-size="11" font-weight="bold" '
            f'text-anchor="{anchor}" class="stop-name" stroke="#fff" stroke-width="3" '
            f'paint-order="stroke">{name}</text></g>'
        )
    base = _districts_svg(districts, view, box) if districts is not None else ""
    label = escape(t("tourexport.map_title", lang))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tour-map" role="img" '
        f'aria-label="{label}" viewBox="0 0 {WIDTH:g} {view.height:g}" '
        f'font-family="Noto Sans, DejaVu Sans, Arial, sans-serif">'
        f'<rect width="100%" height="100%" fill="#fff"/>{base}'
        f'<g class="legs" fill="none" stroke="#1f4e99" stroke-width="2.5"{dash}>{lines}</g>'
        f'<g class="stops">{"".join(stops)}</g></svg>'
    )


def map_section(route: Route, lang: str, *, geo_dir: Path | None) -> str:
    """The printable page's map section: heading, the SVG and its caption (how it is drawn, the
    boundaries' attribution, or why they are missing). ``geo_dir`` None: no boundaries."""
    districts, note = None, ""
    if geo_dir is not None:
        try:
            districts = load_districts(geo_dir)
        except DataError as exc:
            note = t("tourexport.map_no_boundaries", lang, problem=str(exc))
    parts = [t("tourexport.map_caption", lang)]
    if route.estimate:
        parts.append(t("tourexport.map_straight", lang))
    parts.append(ATTRIBUTIONS["districts"] if districts is not None else note)
    caption = " ".join(p for p in parts if p)
    return (
        f'<section class="map"><h2>{escape(t("tourexport.map_title", lang))}</h2>'
        f"{tour_svg(route, lang, districts=districts)}"
        f'<p class="map-caption">{escape(caption)}</p></section>'
    )
