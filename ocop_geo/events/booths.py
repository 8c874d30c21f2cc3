"""Booth layout planner for the regional OCOP events (about 150 booths along a walking street).

No source gives the geometry of phố Trịnh Công Sơn or Vũ Tuấn Chiêu, so the street centre lines
come from the user (drawn on the map or uploaded) as lines in EPSG:4326; booths are laid out in
EPSG:32648 metres and returned in EPSG:4326.

Layout rules (see :class:`BoothRules` and :mod:`ocop_geo.events._geometry` for bends):

* Streets are walked in the order given. On each street booths stand in two rows facing each
  other across the walkway (one row, on the left of the drawing direction, when
  ``both_sides=False``); a booth's front edge is ``aisle/2`` from the centre line.
* Booth numbers follow the street, not one row then the other: at each position along the street
  the left booth comes first, then the right one. A zone therefore takes a stretch of street with
  its booths facing each other, which is easier for visitors than half a zone on each row.
* The first booths along the first street are used; spare capacity stays at the end of the last
  street. Zones take their booths in the order given (zone 1 first along the streets).
* When the streets are too short, the booths that fit are placed (the first ones in order, so
  the last zones come short) and :attr:`Layout.missing_m` says how much more street is needed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely import LineString

from ocop_geo.events._geometry import LEFT, RIGHT, ceil_tenth, keep_clear, street_slots
from ocop_geo.events._parse import BoothError, features, line_features, line_problem, load
from ocop_geo.events._rules import DEFAULT_COUNT, BoothRules, Zone, resolve_count
from ocop_geo.geo import METRIC, WGS84
from ocop_geo.i18n import Message
from ocop_geo.io.writers import clean, table_csv
from ocop_geo.layers.geojson_io import DECIMALS, feature_collection

__all__ = [
    "DEFAULT_COUNT", "DEFAULT_RULES", "BoothError", "BoothRules", "Layout", "Street", "Zone",
    "layout_csv", "layout_geojson", "plan_booths", "streets_from_geojson",
]  # fmt: skip

#: The default rules (frozen, so one shared instance is safe).
DEFAULT_RULES = BoothRules()
COLUMNS = ["booth_no", "zone", "street_id", "street_name", "side", "along_m", "lon", "lat"]


@dataclass(frozen=True)
class Street:
    """A street centre line drawn or uploaded by the user, in EPSG:4326 (lon, lat).

    Raises BoothError when ``line`` is not a LineString of 2+ distinct points inside Hanoi.
    """

    id: str
    name: str
    line: LineString

    def __post_init__(self) -> None:
        if not isinstance(self.line, LineString):
            raise BoothError(Message("events.error.street_not_line", id=repr(self.id)))
        problem = line_problem(shapely.get_coordinates(self.line).tolist())
        if problem:
            raise BoothError(Message("events.error.street", id=repr(self.id), problem=problem))


def streets_from_geojson(data: bytes | str | dict | list | None, source: str) -> list[Street]:
    """The streets in a GeoJSON upload or in st_folium's ``all_drawings`` list.

    ``data`` is a FeatureCollection, a Feature or a list of features (bytes, text or parsed);
    LineString features give one Street each, a MultiLineString one per part (ids ``ID-1``,
    ``ID-2`` …); other geometries (markers, polygons) are skipped. ``name`` and ``id`` properties
    are used when present. Coordinates are ``[lon, lat]`` in EPSG:4326.

    Raises
    ------
    BoothError
        Not JSON, not GeoJSON, no line feature, a line with fewer than 2 distinct points, a point
        outside Hanoi or with longitude and latitude swapped, a duplicate id; the message names
        ``source`` and the feature index (0-based) for every problem found.
    """
    found = line_features(features(load(data, source), source), source)
    return [Street(i, name, LineString(coords)) for i, name, coords in found]


@dataclass(frozen=True, eq=False)
class Layout:
    """A booth layout.

    ``booths``: GeoDataFrame in EPSG:4326, one row per placed booth (columns :data:`COLUMNS` and
    a Polygon ``geometry``; ``zone`` is None without zones; ``side`` 'left' or 'right' of the
    drawing direction; ``along_m`` where the booth's frontage starts, metres from the street's
    start; ``lon``/``lat`` its centre). ``capacity``: how many booths the streets take with these
    rules. ``missing_m``: 0 when it fits, else the straight street length to add, in metres,
    ``ceil((requested - capacity) / rows) × (width + gap)`` rounded up to 0.1 m — extending a
    straight end of a street by that much makes every requested booth fit. ``per_street``:
    street_id, name, length_m, left, right, capacity, placed. ``per_zone``: zone, requested,
    placed.
    """

    booths: gpd.GeoDataFrame
    requested: int
    placed: int
    capacity: int
    fits: bool
    missing_m: float
    per_street: pd.DataFrame
    per_zone: pd.DataFrame


def plan_booths(
    streets: Sequence[Street],
    *,
    rules: BoothRules = DEFAULT_RULES,
    count: int | None = None,
    zones: Sequence[Zone] | None = None,
) -> Layout:
    """Lay out ``count`` booths along ``streets`` (EPSG:4326 lines, in the order given).

    ``count`` defaults to the zones' total, or :data:`DEFAULT_COUNT` (150) without zones. A
    layout that does not fit is not an error: see :attr:`Layout.fits` and ``missing_m``.

    Raises
    ------
    BoothError
        No street, two streets with one id, a count ≤ 0, repeated zone names, or zone counts
        whose sum differs from ``count``.
    """
    streets = list(streets)
    if not streets:
        raise BoothError(Message("events.error.no_street"))
    ids = [s.id for s in streets]
    if len(set(ids)) < len(ids):
        raise BoothError(Message("events.error.street_ids", ids=str(ids)))
    count, zones = resolve_count(count, zones)
    lines = list(gpd.GeoSeries([s.line for s in streets], crs=WGS84).to_crs(METRIC))
    sides = (LEFT, RIGHT) if rules.both_sides else (LEFT,)
    slots = [
        street_slots(line, width=rules.width_m, depth=rules.depth_m, gap=rules.gap_m,
                     half_aisle=rules.aisle_m / 2, clearance=rules.end_clearance_m, sides=sides)
        for line in lines
    ]  # fmt: skip
    street_no = np.repeat(np.arange(len(streets)), [len(s.along) for s in slots])
    polygons = np.concatenate([s.polygons for s in slots])
    along = np.concatenate([s.along for s in slots])
    left = np.concatenate([s.left for s in slots])
    keep = keep_clear(polygons, lines, rules.aisle_m / 2)
    capacity = int(keep.sum())
    placed = min(count, capacity)
    chosen = np.flatnonzero(keep)[:placed]
    zone: list[str | None] = [None] * placed
    if zones:
        bounds = np.cumsum([z.count for z in zones])
        zone = [zones[k].name for k in np.searchsorted(bounds, np.arange(placed), side="right")]
    booths = gpd.GeoDataFrame(
        {
            "booth_no": np.arange(1, placed + 1),
            "zone": zone,
            "street_id": [streets[k].id for k in street_no[chosen]],
            "street_name": [streets[k].name for k in street_no[chosen]],
            "side": np.where(left[chosen], "left", "right"),
            "along_m": np.round(along[chosen], 1),
        },
        geometry=list(polygons[chosen]),
        crs=METRIC,
    ).to_crs(WGS84)
    centres = gpd.GeoSeries(shapely.centroid(polygons[chosen]), crs=METRIC).to_crs(WGS84)
    booths.insert(6, "lon", centres.x.round(DECIMALS).to_numpy())
    booths.insert(7, "lat", centres.y.round(DECIMALS).to_numpy())
    short = count - placed
    missing = ceil_tenth(math.ceil(short / rules.rows) * (rules.width_m + rules.gap_m))
    return Layout(
        booths=booths,
        requested=count,
        placed=placed,
        capacity=capacity,
        fits=short == 0,
        missing_m=missing,
        per_street=_per_street(streets, lines, street_no[keep], left[keep], booths),
        per_zone=pd.DataFrame(
            {
                "zone": [z.name for z in zones],
                "requested": [z.count for z in zones],
                "placed": [int((booths["zone"] == z.name).sum()) for z in zones],
            }
        ),
    )


def _per_street(
    streets: list[Street], lines: list[LineString], street_no: np.ndarray, left: np.ndarray,
    booths: gpd.GeoDataFrame,
) -> pd.DataFrame:  # fmt: skip
    """Capacity per street (after booths of earlier streets are kept clear of) and booths placed."""
    rows = []
    for k, (street, line) in enumerate(zip(streets, lines, strict=True)):
        mine = street_no == k
        rows.append({
            "street_id": street.id, "name": street.name, "length_m": round(line.length, 1),
            "left": int((mine & left).sum()), "right": int((mine & ~left).sum()),
            "capacity": int(mine.sum()), "placed": int((booths["street_id"] == street.id).sum()),
        })  # fmt: skip
    return pd.DataFrame(rows)


def layout_geojson(layout: Layout) -> bytes:
    """RFC 7946 FeatureCollection of the booths (EPSG:4326, 6 decimals), UTF-8.

    Properties: ``booth_no``, ``zone``, ``street_id``, ``side``.
    """
    props = layout.booths[["booth_no", "zone", "street_id", "side"]].astype(object)
    rows = zip(props.to_dict("records"), layout.booths.geometry, strict=True)
    doc = feature_collection((({k: clean(v) for k, v in p.items()}, g) for p, g in rows))
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def layout_csv(layout: Layout) -> bytes:
    """CSV of the booths (columns :data:`COLUMNS`), UTF-8 with BOM, formula-safe."""
    return table_csv(pd.DataFrame(layout.booths[COLUMNS]))
