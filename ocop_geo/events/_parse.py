"""Street lines from GeoJSON: checks that name the source and the feature (no CRS work here)."""

from __future__ import annotations

import math
from typing import Any

from ocop_geo.geo import in_bbox
from ocop_geo.i18n import Message, MessageError
from ocop_geo.io import json_input

LINE_TYPES = ("LineString", "MultiLineString")


class BoothError(MessageError, ValueError):
    """Bad booth-planner input: a street line, a rule, a zone or the booth count.

    Given a list of messages (every problem of one file), its text is one message a line.
    """


def line_problem(coords: Any) -> Message | None:
    """What is wrong with a line's ``[lon, lat]`` positions (EPSG:4326), or None.

    Checks: a list of two-number positions, at least 2 distinct points, every point inside
    Hanoi's extent (:data:`ocop_geo.geo.HANOI_BBOX`) and not given as ``[lat, lon]``.
    """
    if not isinstance(coords, list | tuple):
        return Message("events.error.coords_not_list")
    points = []
    for pos in coords:
        if not isinstance(pos, list | tuple) or len(pos) < 2 or not all(_number(v) for v in pos):
            return Message("events.error.position", pos=repr(pos))
        points.append((float(pos[0]), float(pos[1])))
    if len(set(points)) < 2:
        return Message("events.error.too_few_points", n=len(set(points)))
    outside = [p for p in points if not in_bbox(*p)]
    if outside:
        lon, lat = outside[0]
        if all(in_bbox(lat, lon) for lon, lat in outside):
            return Message("events.error.swapped", lon=lon, lat=lat)
        return Message("events.error.outside", lon=lon, lat=lat)
    return None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def load(data: bytes | str | dict | list | None, source: str) -> Any:
    """The parsed JSON document (bytes/str are decoded; a BOM is allowed)."""
    if isinstance(data, bytes | bytearray):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            message = Message("events.error.not_utf8", source=source, reason=err.reason)
            raise BoothError(message) from None
    if isinstance(data, str):
        try:
            return json_input.loads(data)
        except json_input.JSONInputError as err:
            message = Message("events.error.not_json", source=source, error=str(err))
            raise BoothError(message) from None
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
                raise BoothError(Message("events.error.features_not_list", source=source))
            return doc["features"]
        if kind == "Feature":
            return [doc]
        if kind in LINE_TYPES:
            return [{"type": "Feature", "properties": {}, "geometry": doc}]
    raise BoothError(Message("events.error.not_geojson", source=source))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def line_features(items: list[Any], source: str) -> list[tuple[str, str, list]]:
    """(id, name, positions) of every line (part) in ``items``; BoothError listing every problem.

    Features that are not lines (markers, polygons) are skipped. Ids come from the ``id``
    property or the feature's ``id`` member, else ``street-N`` (N = feature index + 1); names
    from ``name``, else the id. Part k of a MultiLineString gets ``-k`` after its id.
    """
    problems: list[Message] = []
    found: list[tuple[str, str, list]] = []
    seen: dict[str, int] = {}
    for i, feature in enumerate(items):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(Message("events.error.not_feature", source=source, index=i))
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
                problem = Message("events.error.duplicate_id", other=seen[part_id])
            seen.setdefault(part_id, i)
            if problem:
                where = {"source": source, "index": i, "id": part_id}
                problems.append(Message("events.error.feature_line", **where, problem=problem))
            else:
                found.append((part_id, part_name, part))
    if problems:
        raise BoothError(problems)
    if not found:
        raise BoothError(Message("events.error.no_line", source=source))
    return found
