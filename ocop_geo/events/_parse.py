"""Street lines from GeoJSON: checks that name the source and the feature (no CRS work here)."""

from __future__ import annotations

import math
from typing import Any

from ocop_geo.geo import in_bbox
from ocop_geo.io import json_input

LINE_TYPES = ("LineString", "MultiLineString")


class BoothError(ValueError):
    """Bad booth-planner input: a street line, a rule, a zone or the booth count."""


def line_problem(coords: Any) -> str | None:
    """What is wrong with a line's ``[lon, lat]`` positions (EPSG:4326), or None.

    Checks: a list of two-number positions, at least 2 distinct points, every point inside
    Hanoi's extent (:data:`ocop_geo.geo.HANOI_BBOX`) and not given as ``[lat, lon]``.
    """
    if not isinstance(coords, list | tuple):
        return "coordinates must be a list of [lon, lat] positions"
    points = []
    for pos in coords:
        if not isinstance(pos, list | tuple) or len(pos) < 2 or not all(_number(v) for v in pos):
            return f"position {pos!r} is not two finite numbers [lon, lat]"
        points.append((float(pos[0]), float(pos[1])))
    if len(set(points)) < 2:
        return f"a line needs at least 2 distinct points, got {len(set(points))}"
    outside = [p for p in points if not in_bbox(*p)]
    if outside:
        lon, lat = outside[0]
        if all(in_bbox(lat, lon) for lon, lat in outside):
            return f"longitude and latitude look swapped: [{lon}, {lat}] should be [{lat}, {lon}]"
        return f"lies outside Hanoi's extent (lon {lon:.5f}, lat {lat:.5f})"
    return None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def load(data: bytes | str | dict | list | None, source: str) -> Any:
    """The parsed JSON document (bytes/str are decoded; a BOM is allowed)."""
    if isinstance(data, bytes | bytearray):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise BoothError(f"{source}: not UTF-8 text ({err.reason})") from None
    if isinstance(data, str):
        try:
            return json_input.loads(data)
        except json_input.JSONInputError as err:
            raise BoothError(f"{source}: not JSON ({err})") from None
    return data


def features(doc: Any, source: str) -> list[Any]:
    """The features of a FeatureCollection, a Feature, a bare geometry or a list of features."""
    if doc is None:
        return []
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        kind = doc.get("type")
        if kind == "FeatureCollection":
            if not isinstance(doc.get("features"), list):
                raise BoothError(f"{source}: 'features' must be a list")
            return doc["features"]
        if kind == "Feature":
            return [doc]
        if kind in LINE_TYPES:
            return [{"type": "Feature", "properties": {}, "geometry": doc}]
    raise BoothError(f"{source}: not a GeoJSON FeatureCollection, Feature or list of features")


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def line_features(items: list[Any], source: str) -> list[tuple[str, str, list]]:
    """(id, name, positions) of every line (part) in ``items``; BoothError listing every problem.

    Features that are not lines (markers, polygons) are skipped. Ids come from the ``id``
    property or the feature's ``id`` member, else ``street-N`` (N = feature index + 1); names
    from ``name``, else the id. Part k of a MultiLineString gets ``-k`` after its id.
    """
    problems: list[str] = []
    found: list[tuple[str, str, list]] = []
    seen: dict[str, int] = {}
    for i, feature in enumerate(items):
        where = f"{source}: feature {i}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(f"{where}: not a GeoJSON Feature")
            continue
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in LINE_TYPES:
            continue
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        ident = _text(props.get("id")) or _text(feature.get("id")) or f"street-{i + 1}"
        name = _text(props.get("name")) or ident
        coords = geometry.get("coordinates")
        if geometry["type"] == "LineString":
            parts = [(ident, name, coords)]
        elif isinstance(coords, list) and coords:
            parts = [(f"{ident}-{k}", f"{name} ({k})", c) for k, c in enumerate(coords, 1)]
        else:
            parts = [(ident, name, None)]
        for part_id, part_name, part in parts:
            problem = line_problem(part)
            if part_id in seen:
                problem = f"duplicate id (also feature {seen[part_id]})"
            seen.setdefault(part_id, i)
            if problem:
                problems.append(f"{where} (id={part_id}): {problem}")
            else:
                found.append((part_id, part_name, part))
    if problems:
        raise BoothError("\n".join(problems))
    if not found:
        raise BoothError(
            f"{source}: no LineString or MultiLineString feature: draw or upload a line that "
            "follows the street"
        )
    return found
