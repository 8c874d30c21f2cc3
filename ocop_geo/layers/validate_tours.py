"""Checks for the tourism layers: stops (``geo/pois.geojson``) and published routes
(``geo/routes.geojson``), alone and against the sites.

:mod:`ocop_geo.layers.validate` checks each file's schema and geometry; these checks need more
than one
layer or a rule a schema cannot say: ids unique across sites and POIs, opening hours that parse,
a ``near_site`` that is a site, an ``admin_area_point`` stop at the point its unit gives
(:mod:`ocop_geo.layers.poi_estimate`), route stops that exist, a route line whose vertices are its
stops' coordinates in order, a schedule with one ``HH:MM`` per stop. Every :class:`Problem` names
the file, the feature (index and id) and the field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd

from ocop_geo.i18n import Message, MessageError
from ocop_geo.layers import poi_estimate
from ocop_geo.layers.opening_hours import format_hhmm, parse_hhmm, parse_opening_hours
from ocop_geo.layers.validate import Problem

#: How far (degrees, ≈ 0.1 m) a route vertex may be from its stop: the 6-decimal rounding.
VERTEX_TOLERANCE_DEG = 1e-6


def _problem(
    file: str, frame: gpd.GeoDataFrame, pos: int, field: str, message: Message | str
) -> Problem:
    return Problem(file, message, feature=pos, feature_id=str(frame.index[pos]), field=field)


def check_unique_ids(
    frames: Mapping[str, gpd.GeoDataFrame], files: Mapping[str, str]
) -> list[Problem]:
    """Ids shared by two layers of ``frames`` (e.g. a POI that reuses a site's id).

    ``files`` maps each layer name to its file name; the problem is reported on the later layer.
    """
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for name, frame in frames.items():
        for pos, fid in enumerate(frame.index):
            key = str(fid)
            if key in owner and owner[key] != name:
                problems.append(
                    _problem(
                        files[name],
                        frame,
                        pos,
                        "id",
                        Message("data.problem.id_used", id=repr(key), file=files[owner[key]]),
                    )
                )
            owner.setdefault(key, name)
    return problems


def check_pois(pois: gpd.GeoDataFrame, file: str, site_ids: Sequence[str]) -> list[Problem]:
    """Opening hours that parse (with a source when given) and a ``near_site`` that is a site."""
    problems = []
    for pos, (_, row) in enumerate(pois.iterrows()):
        hours, hours_source = row["opening_hours"], row["opening_hours_source"]
        if isinstance(hours, str):
            try:
                parse_opening_hours(hours)
            except ValueError as exc:
                why = exc.message if isinstance(exc, MessageError) else str(exc)
                problems.append(_problem(file, pois, pos, "opening_hours", why))
            if not isinstance(hours_source, str):
                problems.append(
                    _problem(
                        file,
                        pois,
                        pos,
                        "opening_hours_source",
                        Message("data.problem.hours_source"),
                    )
                )
        elif isinstance(hours_source, str):
            problems.append(
                _problem(
                    file,
                    pois,
                    pos,
                    "opening_hours",
                    Message("data.problem.hours_null"),
                )
            )
        near = row["near_site"]
        if isinstance(near, str) and near not in site_ids:
            problems.append(
                _problem(
                    file,
                    pois,
                    pos,
                    "near_site",
                    Message("data.problem.near_site", id=repr(near), sites=", ".join(site_ids)),
                )
            )
    return problems


def check_admin_area_points(
    pois: gpd.GeoDataFrame, file: str, units: Mapping[str, gpd.GeoDataFrame]
) -> list[Problem]:
    """Every ``admin_area_point`` stop is where its unit puts it, with that accuracy.

    The stop names its boundary layer (``coord_unit_layer``) and, through ``ward_2025_vi`` or
    ``district_2020_vi``, the unit; the position and accuracy are re-derived with
    :func:`ocop_geo.layers.poi_estimate.admin_area_point` and must match the file (6 decimals,
    metres).
    The estimate is labelled E; other methods leave ``coord_unit_layer`` null.

    Parameters
    ----------
    pois : GeoDataFrame
        The stops, EPSG:4326.
    file : str
        The file name used in problems.
    units : mapping of str to GeoDataFrame
        ``"wards_2025"`` and ``"districts"``: the boundary layers, EPSG:4326.
    """
    problems: list[Problem] = []
    for pos, (_, row) in enumerate(pois.iterrows()):
        layer = row.get("coord_unit_layer")
        layer = layer if isinstance(layer, str) else None
        if row["coord_method"] != poi_estimate.METHOD:
            if layer is not None:
                message = Message("data.problem.unit_layer_only", method=repr(poi_estimate.METHOD))
                problems.append(_problem(file, pois, pos, "coord_unit_layer", message))
            continue
        if layer is None:
            message = Message("data.problem.unit_layer_missing")
            problems.append(_problem(file, pois, pos, "coord_unit_layer", message))
            continue
        if row["coord_confidence"] != "E":
            message = Message("data.problem.estimate_label", got=repr(row["coord_confidence"]))
            problems.append(_problem(file, pois, pos, "coord_confidence", message))
        spec, name_field = poi_estimate.UNIT_LAYERS[layer]
        name, geometry = poi_estimate.unit_of(row, units)
        if geometry is None:
            message = Message(
                "data.problem.not_a_unit", name=repr(name), file=spec.filename, layer=repr(layer)
            )
            problems.append(_problem(file, pois, pos, name_field, message))
            continue
        lon, lat, accuracy = poi_estimate.admin_area_point(geometry)
        at = (row.geometry.x, row.geometry.y, row["coord_accuracy_m"])
        if (
            abs(at[0] - lon) > VERTEX_TOLERANCE_DEG / 2
            or abs(at[1] - lat) > VERTEX_TOLERANCE_DEG / 2
            or at[2] != accuracy
        ):
            message = Message(
                "data.problem.estimate_moved",
                lon=at[0],
                lat=at[1],
                accuracy=at[2],
                name=repr(name),
                file=spec.filename,
                unit_lon=lon,
                unit_lat=lat,
                unit_accuracy=accuracy,
            )
            problems.append(_problem(file, pois, pos, "geometry", message))
    return problems


def _check_stops(
    stops: Any, known: Mapping[str, tuple[float, float]], add: Any
) -> list[str] | None:
    if not all(isinstance(s, str) for s in stops):
        add("stops", Message("data.problem.stop_not_text"))
        return None
    if len(stops) < 2:
        add("stops", Message("data.problem.too_few_stops", n=len(stops)))
    unknown = [s for s in stops if s not in known]
    for stop in unknown:
        add("stops", Message("data.problem.unknown_stop", stop=repr(stop)))
    repeated = sorted({s for s in stops if stops.count(s) > 1})
    if repeated:
        add("stops", Message("data.problem.stops_repeat", stops=", ".join(repeated)))
    return None if unknown else list(stops)


def _check_line(
    coords: Sequence[tuple[float, ...]],
    stops: Sequence[str],
    known: Mapping[str, tuple[float, float]],
    add: Any,
) -> None:
    if len(coords) != len(stops):
        add(
            "geometry",
            Message("data.problem.vertex_count", vertices=len(coords), stops=len(stops)),
        )
        return
    for j, (vertex, stop) in enumerate(zip(coords, stops, strict=True)):
        lon, lat = known[stop]
        if abs(vertex[0] - lon) > VERTEX_TOLERANCE_DEG or abs(vertex[1] - lat) > (
            VERTEX_TOLERANCE_DEG
        ):
            add(
                "geometry",
                Message(
                    "data.problem.vertex_off",
                    n=j,
                    lon=vertex[0],
                    lat=vertex[1],
                    stop=repr(stop),
                    stop_lon=lon,
                    stop_lat=lat,
                ),
            )


def _is_clock_time(value: Any) -> bool:
    """``value`` is a time of day written ``HH:MM``, 00:00–23:59 (two-digit hours, no spaces)."""
    try:
        minutes = parse_hhmm(value)
    except ValueError:
        return False
    return minutes < 24 * 60 and format_hhmm(minutes) == value


def _check_schedule(schedule: Any, n_stops: int, add: Any) -> None:
    if not isinstance(schedule, list):
        return  # null: the publisher gives no times
    if len(schedule) != n_stops:
        add("schedule", Message("data.problem.schedule_count", times=len(schedule), stops=n_stops))
        return
    bad = [t for t in schedule if not _is_clock_time(t)]
    if bad:
        add("schedule", Message("data.problem.not_a_time", value=repr(bad[0])))
    elif list(schedule) != sorted(schedule):
        add("schedule", Message("data.problem.times_backwards"))


def check_routes(
    routes: gpd.GeoDataFrame, file: str, known: Mapping[str, tuple[float, float]]
) -> list[Problem]:
    """Stops exist and do not repeat, the line's vertices are the stops in order, the schedule
    has one ``HH:MM`` per stop.

    ``known`` maps every site and POI id to its ``(lon, lat)`` (EPSG:4326).
    """
    problems: list[Problem] = []
    for pos, (_, row) in enumerate(routes.iterrows()):

        def add(field: str, message: Message, pos: int = pos) -> None:
            problems.append(_problem(file, routes, pos, field, message))

        if not row["stops_published_vi"] or not all(
            isinstance(s, str) and s.strip() for s in row["stops_published_vi"]
        ):
            add("stops_published_vi", Message("data.problem.published_stops"))
        stops = _check_stops(row["stops"], known, add)
        _check_schedule(row["schedule"], len(row["stops"]), add)
        if stops is not None:
            _check_line(list(row.geometry.coords), stops, known, add)
    return problems
