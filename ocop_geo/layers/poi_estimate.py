"""Admin-area estimates for tourism stops: ``coord_method: "admin_area_point"``.

When no page gives a place's coordinate but a sourced fact says which administrative unit it is
in, the stop is drawn at a point *inside that unit* and labelled as an estimate whose accuracy
is the whole unit:

- the point is ``representative_point()`` of the unit polygon as committed (EPSG:4326, shapely's
  GEOS point-on-surface: always inside the polygon), rounded to 6 decimals like every stored
  coordinate;
- the accuracy is the distance from that point to the farthest point of the unit's boundary,
  measured in EPSG:32648 and rounded up to 100 m: the place is somewhere within that radius.

The unit is a 2025 ward/commune of ``geo/wards_2025.geojson`` (``coord_unit_layer:
"wards_2025"``; the unit is the stop's ``ward_2025_vi``) or a 2019–2025 district of
``geo/districts.geojson`` (``"districts"``; the unit is its ``district_2020_vi``). Which unit a
fact supports is documented in ``data/SOURCES.md`` and in each stop's ``coord_source``.

The same function writes the values (``python -m ocop_geo.layers.poi_estimate``, which also redraws
every route line through its stops) and re-derives them in the validator
(:func:`ocop_geo.layers.validate_tours.check_admin_area_points`) and the tests, so a committed value
that is not what the boundary layers give is reported.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ocop_geo.geo import METRIC, WGS84, locate
from ocop_geo.i18n import Message, MessageError
from ocop_geo.layers import validate
from ocop_geo.layers.geojson_io import DECIMALS
from ocop_geo.layers.schema import COORD_UNIT_LAYERS, DISTRICTS, WARDS, LayerSpec

#: The ``coord_method`` of a stop placed in its administrative unit.
METHOD = "admin_area_point"
#: ``coord_unit_layer`` → (the boundary layer, the stop property that names the unit in it).
UNIT_LAYERS: dict[str, tuple[LayerSpec, str]] = dict(
    zip(COORD_UNIT_LAYERS, ((WARDS, "ward_2025_vi"), (DISTRICTS, "district_2020_vi")), strict=True)
)
#: Accuracies are rounded up to a multiple of this (metres).
ACCURACY_STEP_M = 100


class EstimateError(MessageError, ValueError):
    """An ``admin_area_point`` stop that cannot be placed: its unit is not in its layer."""


def farthest_boundary_m(unit_geometry: BaseGeometry, lon: float, lat: float) -> float:
    """Distance (m, EPSG:32648) from ``(lon, lat)`` to the farthest point of the unit's boundary.

    Parameters
    ----------
    unit_geometry : shapely Polygon or MultiPolygon
        The unit in EPSG:4326 (longitude, latitude).
    lon, lat : float
        The point, EPSG:4326 degrees.

    Returns
    -------
    float
        Metres. The farthest point of a polygon's boundary from a point is one of its vertices
        (distance is convex along each straight edge), so the vertices suffice.
    """
    metric = gpd.GeoSeries([unit_geometry, shapely.Point(lon, lat)], crs=WGS84).to_crs(METRIC)
    vertices = shapely.get_coordinates(metric.iloc[0].boundary)
    x, y = metric.iloc[1].x, metric.iloc[1].y
    return float(np.hypot(vertices[:, 0] - x, vertices[:, 1] - y).max())


def admin_area_point(unit_geometry: BaseGeometry) -> tuple[float, float, int]:
    """The estimate position of a place known only to lie in ``unit_geometry``, and its accuracy.

    Parameters
    ----------
    unit_geometry : shapely Polygon or MultiPolygon
        The smallest administrative unit a sourced fact puts the place in, EPSG:4326.

    Returns
    -------
    lon, lat : float
        ``representative_point()`` of the unit (guaranteed inside it), EPSG:4326, rounded to
        6 decimals.
    accuracy_m : int
        Distance from that point to the farthest point of the unit's boundary (EPSG:32648),
        rounded up to 100 m: the place lies within this radius of the point.
    """
    point = unit_geometry.representative_point()
    lon, lat = round(point.x, DECIMALS), round(point.y, DECIMALS)
    farthest = farthest_boundary_m(unit_geometry, lon, lat)
    accuracy = math.ceil(farthest / ACCURACY_STEP_M) * ACCURACY_STEP_M
    return lon, lat, int(accuracy)


def unit_of(
    props: Mapping[str, Any], units: Mapping[str, gpd.GeoDataFrame]
) -> tuple[str, BaseGeometry | None]:
    """The unit an ``admin_area_point`` stop names: ``(its name, its geometry or None)``.

    ``units`` maps ``"wards_2025"`` and ``"districts"`` to those layers (EPSG:4326, with a
    ``name_vi`` column). The geometry is None when the layer or the name is unknown.
    """
    layer = props.get("coord_unit_layer")
    if layer not in UNIT_LAYERS or layer not in units:
        return "", None
    name = str(props.get(UNIT_LAYERS[layer][1]))
    frame = units[layer]
    match = frame.geometry[frame["name_vi"] == name]
    return name, (match.iloc[0] if len(match) == 1 else None)


def _read_units(geo_dir: Path) -> dict[str, gpd.GeoDataFrame]:
    """The two unit layers parsed as the validator parses them (same floats, same shapes)."""
    frames = {}
    for layer, (spec, _) in UNIT_LAYERS.items():
        features, problems = validate.parse_document(spec.path(geo_dir))
        if problems:
            raise validate.DataError(problems)
        frames[layer] = validate.to_frame(spec, features)
    return frames


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, doc: Mapping[str, Any]) -> None:
    """Write a hand-edited layer as it is stored: 2-space indent, UTF-8, trailing newline."""
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def place_stops(pois: dict[str, Any], units: Mapping[str, gpd.GeoDataFrame]) -> list[str]:
    """Set position and accuracy of every ``admin_area_point`` stop in a parsed POI document.

    A stop placed in a district also gets the ``ward_2025_vi`` its point falls in. Returns one
    line per stop placed (id, unit, position, accuracy); raises :class:`EstimateError` (a
    ValueError) for a stop whose unit is not found.
    """
    lines = []
    for feat in pois["features"]:
        props = feat["properties"]
        if props.get("coord_method") != METHOD:
            continue
        name, geometry = unit_of(props, units)
        if geometry is None:
            layer = props.get("coord_unit_layer")
            raise EstimateError(
                Message(
                    "layers.error.unit_not_found",
                    id=props["id"],
                    layer=repr(layer),
                    name=repr(name),
                )
            )
        lon, lat, accuracy = admin_area_point(geometry)
        feat["geometry"] = {"type": "Point", "coordinates": [lon, lat]}
        props["coord_accuracy_m"] = accuracy
        if props["coord_unit_layer"] == "districts":
            point = gpd.GeoDataFrame(geometry=[shapely.Point(lon, lat)], crs=WGS84)
            props["ward_2025_vi"] = str(locate(point, units["wards_2025"], field="name_vi").iloc[0])
        lines.append(f"{props['id']}: {name} → {lat:.6f}, {lon:.6f} ±{accuracy:,} m")
    return lines


def redraw_routes(routes: dict[str, Any], positions: Mapping[str, Sequence[float]]) -> None:
    """Make every route line the straight segments through its stops' ``positions`` in order."""
    for feat in routes["features"]:
        coords = [list(positions[s]) for s in feat["properties"]["stops"]]
        feat["geometry"] = {"type": "LineString", "coordinates": coords}


def update_layers(geo_dir: Path) -> list[str]:
    """Recompute the ``admin_area_point`` stops of ``geo_dir/pois.geojson`` from the committed
    boundary layers, redraw ``geo_dir/routes.geojson`` through the stops, write both files.

    Returns
    -------
    list of str
        One line per stop placed.
    """
    pois_path, routes_path = geo_dir / "pois.geojson", geo_dir / "routes.geojson"
    pois = _read(pois_path)
    lines = place_stops(pois, _read_units(geo_dir))
    positions = {
        f["properties"]["id"]: f["geometry"]["coordinates"]
        for doc in (_read(geo_dir / "sites.geojson"), pois)
        for f in doc["features"]
        if f["geometry"]["type"] == "Point"
    }
    routes = _read(routes_path)
    redraw_routes(routes, positions)
    _write(pois_path, pois)
    _write(routes_path, routes)
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ocop_geo.layers.poi_estimate [GEO_DIR]``: place the admin-area stops, redraw
    routes."""
    from ocop_geo.config import Settings

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("geo_dir", nargs="?", type=Path, default=None)
    args = parser.parse_args(argv)
    for line in update_layers(args.geo_dir or Settings.from_env().geo_dir):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
