"""Reading and writing RFC 7946 GeoJSON exactly as this project stores it.

Written files: a FeatureCollection, longitude/latitude in EPSG:4326, no ``crs`` member,
at most 6 decimals (≈ 0.1 m), exterior rings counter-clockwise and holes clockwise.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping

DECIMALS = 6


def _round(coords: Any, ndigits: int) -> Any:
    if isinstance(coords, int | float):
        return round(float(coords), ndigits)
    return [_round(c, ndigits) for c in coords]


def geometry_to_geojson(geom: shapely.Geometry, *, ndigits: int = DECIMALS) -> dict[str, Any]:
    """A GeoJSON geometry dict with RFC 7946 ring orientation and rounded coordinates."""
    if shapely.get_type_id(geom) in (3, 6):  # Polygon, MultiPolygon
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    gj = mapping(geom)
    return {"type": gj["type"], "coordinates": _round(gj["coordinates"], ndigits)}


def feature_collection(
    rows: Iterable[tuple[Mapping[str, Any], shapely.Geometry]], *, ndigits: int = DECIMALS
) -> dict[str, Any]:
    """Build a FeatureCollection from (properties, geometry) pairs."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": dict(props),
                "geometry": geometry_to_geojson(geom, ndigits=ndigits),
            }
            for props, geom in rows
        ],
    }


def write(path: Path, collection: Mapping[str, Any]) -> None:
    """Write ``collection`` compactly as UTF-8 (diacritics kept), one feature per line.

    The file is written to a temporary name first and then renamed, so a failure never
    leaves a half-written layer behind.
    """
    features = collection.get("features", [])
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    body = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    text = body + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
