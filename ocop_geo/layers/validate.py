"""Checks for the committed layers: document, schema, geometry and consistency.

Every check returns :class:`Problem` records that name the file, the feature (index and id),
the field and what is wrong, so a planner who edits ``geo/sites.geojson`` by hand can fix it
without reading code. Nothing here writes files.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point, shape
from shapely.validation import explain_validity

from ocop_geo.geo import HANOI_BBOX, METRIC, WGS84, in_bbox, locate
from ocop_geo.i18n import Message, MessageError, t
from ocop_geo.io import json_input
from ocop_geo.layers.schema import LayerSpec

#: How far (m) outside the simplified city outline a point may lie (simplification error).
OUTLINE_TOLERANCE_M = 100.0
#: Share of a polygon's area that may fall outside the outline. The ward layer (OpenStreetMap)
#: and the outline (geoBoundaries) are drawn by different sources: at the city edge they differ
#: by up to 1.1 km, which puts at most 6.6 % of one commune outside. A misplaced polygon is
#: (nearly) all outside.
OUTLINE_MAX_SHARE_OUTSIDE = 0.10
#: RFC 7946 §11.2: six decimals are ~10 cm; more than seven is false precision.
MAX_DECIMALS = 7


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, feature and field; ``message`` is a catalogue message
    (rendered in the reader's language) or, for text from elsewhere, plain text."""

    file: str
    message: Message | str
    feature: int | None = None
    feature_id: str | None = None
    field: str | None = None

    #: How the place in the file is named: a feature of a layer (rows for tables).
    PLACE = "problem.at_feature"

    def render(self, lang: str = "en", /) -> str:
        """``file: feature 3 (id=x): field 'name': what is wrong`` in ``lang``."""
        parts = [self.file]
        if self.feature is not None:
            ident = f" (id={self.feature_id})" if self.feature_id not in (None, "") else ""
            parts.append(t(self.PLACE, lang, n=self.feature, ident=ident))
        if self.field:
            parts.append(t("problem.at_field", lang, field=self.field))
        text = self.message.render(lang) if isinstance(self.message, Message) else self.message
        return ": ".join([*parts, text])

    def __str__(self) -> str:
        return self.render("en")


class DataError(MessageError, ValueError):
    """Raised when a layer does not pass its checks; ``problems`` lists every finding
    (``str()`` in English, :meth:`render` in the reader's language)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.problems)


def not_one_of(value: Any, choices: Iterable[str]) -> Message:
    """``'x' is not one of a, b, c`` (a value outside a field's choices)."""
    return Message("data.problem.not_one_of", value=repr(value), choices=", ".join(choices))


def _either(names: Sequence[str]) -> Message | str:
    """``int or float`` in the reader's language (the names as they are)."""
    if len(names) == 1:
        return names[0]
    return Message("data.problem.either", first=_either(names[:-1]), second=names[-1])


def _json_kind(value: Any) -> type:
    if isinstance(value, bool):
        return bool
    return type(value)


def parse_document(path: Path, text: str | None = None) -> tuple[list[dict], list[Problem]]:
    """Parse a GeoJSON FeatureCollection; return its features and document-level problems."""
    name = path.name
    try:
        raw = path.read_text(encoding="utf-8") if text is None else text
    except FileNotFoundError:
        return [], [Problem(name, Message("data.problem.file_not_found"))]
    except IsADirectoryError:
        return [], [Problem(name, Message("data.problem.is_directory"))]
    except UnicodeDecodeError as exc:
        return [], [Problem(name, Message("data.problem.not_utf8", byte=exc.start))]
    except OSError as exc:
        error = exc.strerror or str(exc)
        return [], [Problem(name, Message("data.problem.unreadable", error=error))]
    try:
        doc = json_input.loads(raw, parse_float=Decimal)
    except json_input.JSONInputError as exc:
        return [], [Problem(name, exc.message)]
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return [], [Problem(name, Message("data.problem.not_collection"))]
    problems = []
    if "crs" in doc:
        problems.append(
            Problem(
                name,
                Message("data.problem.crs_member"),
                field="crs",
            )
        )
    features = doc.get("features")
    if not isinstance(features, list):
        listing = Problem(name, Message("data.problem.features_not_list"), field="features")
        return [], [*problems, listing]
    bad = [
        i for i, f in enumerate(features) if not isinstance(f, dict) or f.get("type") != "Feature"
    ]
    problems += [Problem(name, Message("data.problem.not_feature"), feature=i) for i in bad]
    return [f for i, f in enumerate(features) if i not in bad], problems


def _feature_id(spec: LayerSpec, feature: Mapping[str, Any]) -> str | None:
    props = feature.get("properties") or {}
    value = props.get(spec.id_field) if isinstance(props, dict) else None
    return None if value is None else str(value)


def check_schema(
    spec: LayerSpec, features: Sequence[Mapping[str, Any]], file: str
) -> list[Problem]:
    """Required fields, JSON types, allowed values, URLs and unique ids."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    if spec.count is not None and len(features) != spec.count:
        count = Message("data.problem.feature_count", expected=spec.count, found=len(features))
        problems.append(Problem(file, count))
    for i, feature in enumerate(features):
        fid = _feature_id(spec, feature)

        def add(
            message: Message,
            field: str | None,
            i: int = i,
            fid: str | None = fid,
            out: list[Problem] = problems,
        ) -> None:
            out.append(Problem(file, message, feature=i, feature_id=fid, field=field))

        props = feature.get("properties")
        if not isinstance(props, dict):
            add(Message("data.problem.properties_not_object"), "properties")
            continue
        for fld in spec.fields:
            if fld.name not in props:
                add(Message("data.problem.missing"), fld.name)
                continue
            value = props[fld.name]
            if value is None:
                if not fld.nullable:
                    add(Message("data.problem.null"), fld.name)
                continue
            kind = _json_kind(value)
            allowed = tuple(Decimal if t is float else t for t in fld.types)
            if kind is Decimal and int in fld.types and float not in fld.types:
                add(Message("data.problem.not_whole", value=str(value)), fld.name)
                continue
            if kind not in allowed:
                names = _either([t.__name__ for t in fld.types])
                got = Message(
                    "data.problem.wrong_type", types=names, kind=kind.__name__, value=repr(value)
                )
                add(got, fld.name)
                continue
            if fld.choices is not None and value not in fld.choices:
                add(not_one_of(value, map(str, fld.choices)), fld.name)
            if fld.url:
                _check_urls(value, fld.name, add)
            if fld.positive and not value > 0:
                add(Message("data.problem.not_positive", value=str(value)), fld.name)
            if kind is str and not value.strip():
                add(Message("data.problem.empty"), fld.name)
        if fid is not None:
            if fid in seen:
                add(Message("data.problem.duplicate_id", other=seen[fid]), spec.id_field)
            else:
                seen[fid] = i
        problems += _check_facts(props.get("facts"), add)
    return problems


def _check_urls(value: Any, name: str, add: Any) -> None:
    if isinstance(value, list):
        if not value:
            add(Message("data.problem.no_url"), name)
        for j, item in enumerate(value):
            if not isinstance(item, str) or not item.startswith(("http://", "https://")):
                add(Message("data.problem.not_url", value=repr(item)), f"{name}[{j}]")
    elif not str(value).startswith(("http://", "https://")):
        add(Message("data.problem.not_url", value=repr(value)), name)


def _check_facts(facts: Any, add: Any) -> list[Problem]:
    if not isinstance(facts, list):
        return []
    for j, fact in enumerate(facts):
        where = f"facts[{j}]"
        if not isinstance(fact, dict) or not {"vi", "en", "confidence", "source"} <= fact.keys():
            add(Message("data.problem.fact_keys"), where)
            continue
        if fact["confidence"] not in ("V", "P", "NF"):
            add(Message("data.problem.fact_confidence", value=repr(fact["confidence"])), where)
        elif fact["confidence"] != "NF" and not str(fact["source"] or "").startswith("http"):
            add(Message("data.problem.fact_source"), where)
    return []


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _is_number(value: Any) -> bool:
    return isinstance(value, Decimal | int | float) and not isinstance(value, bool)


def _positions(coords: Any, level: int = 0) -> Iterable[list]:
    """The positions in ``coords``; anything else where a position should be (a string, a
    boolean, nesting deeper than a MultiPolygon's) is yielded as ``[]``, which no check
    accepts."""
    if isinstance(coords, list) and coords and all(_is_number(v) for v in coords):
        yield coords
    elif isinstance(coords, list) and level < 3:
        for c in coords:
            yield from _positions(c, level + 1)
    elif coords != []:
        yield []


def check_geometry(
    spec: LayerSpec,
    features: Sequence[Mapping[str, Any]],
    file: str,
    outline: shapely.Geometry | None,
) -> list[Problem]:
    """Geometry present, allowed type, finite lon/lat, not swapped, valid, non-empty, in Hanoi."""
    problems: list[Problem] = []
    near_city = None
    if outline is not None:
        metric = gpd.GeoSeries([outline], crs=WGS84).to_crs(METRIC)
        near_city = metric.buffer(OUTLINE_TOLERANCE_M).to_crs(WGS84).iloc[0]
        shapely.prepare(near_city)
    for i, feature in enumerate(features):
        fid = _feature_id(spec, feature)

        def add(message: Message, i: int = i, fid: str | None = fid) -> None:
            problems.append(Problem(file, message, feature=i, feature_id=fid, field="geometry"))

        gj = feature.get("geometry")
        if not isinstance(gj, dict) or "coordinates" not in gj:
            add(Message("data.problem.no_coordinates"))
            continue
        if gj.get("type") not in spec.geometry_types:
            allowed = ", ".join(spec.geometry_types)
            add(Message("data.problem.geometry_type", type=repr(gj.get("type")), allowed=allowed))
            continue
        positions = list(_positions(gj["coordinates"]))
        if not positions:
            add(Message("data.problem.geometry_empty"))
            continue
        if any(len(p) < 2 or not all(math.isfinite(float(v)) for v in p) for p in positions):
            add(Message("data.problem.not_finite"))
            continue
        too_precise = max(max(_decimals(Decimal(str(v))) for v in p[:2]) for p in positions)
        if too_precise > MAX_DECIMALS:
            add(Message("data.problem.too_precise", n=too_precise, most=MAX_DECIMALS))
        lon, lat = (float(v) for v in positions[0][:2])
        if not in_bbox(lon, lat) and in_bbox(lat, lon):
            add(Message("data.problem.swapped", lon=str(lon), lat=str(lat)))
            continue
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            add(Message("data.problem.not_degrees", lon=str(lon), lat=str(lat)))
            continue
        geom = shape(_as_float(gj))
        if geom.is_empty:
            add(Message("data.problem.geometry_empty"))
            continue
        if not geom.is_valid:
            add(Message("data.problem.invalid", reason=explain_validity(geom)))
            continue
        if spec.schematic_lines and near_city is not None:
            # only the vertices are places; the straight segments between them are a sketch
            out = [p for p in shapely.get_coordinates(geom) if not near_city.covers(Point(p))]
            if out:
                add(Message("data.problem.vertex_outside", lon=out[0][0], lat=out[0][1]))
        elif near_city is not None and not near_city.covers(geom):
            share = _share_outside(geom, near_city)
            if geom.geom_type in ("Point", "LineString") or share > OUTLINE_MAX_SHARE_OUTSIDE:
                lo, la = geom.representative_point().coords[0]
                if geom.geom_type == "Point":
                    add(Message("data.problem.outside", lon=lo, lat=la))
                else:
                    add(Message("data.problem.share_outside", share=share, lon=lo, lat=la))
        elif near_city is None and not in_bbox(lon, lat, HANOI_BBOX):
            add(Message("data.problem.outside_extent", lon=lon, lat=lat))
    return problems


def _share_outside(geom: shapely.Geometry, area: shapely.Geometry) -> float:
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        return 1.0
    metric = gpd.GeoSeries([geom, area], crs=WGS84).to_crs(METRIC)
    return float(metric.iloc[0].difference(metric.iloc[1]).area / metric.iloc[0].area)


def _as_float(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return float(obj)
    if isinstance(obj, dict):
        return {k: _as_float(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_as_float(v) for v in obj]
    return obj


def to_frame(spec: LayerSpec, features: Sequence[Mapping[str, Any]]) -> gpd.GeoDataFrame:
    """Features (already checked) as a GeoDataFrame in EPSG:4326, indexed by the id field."""
    frame = gpd.GeoDataFrame.from_features(_as_float(list(features)), crs=WGS84)
    columns = [f.name for f in spec.fields if f.name in frame.columns]
    return frame[[*columns, "geometry"]].set_index(spec.id_field, drop=False)


def check_consistency(
    points: gpd.GeoDataFrame,
    file: str,
    districts: gpd.GeoDataFrame,
    wards: gpd.GeoDataFrame,
) -> list[Problem]:
    """Each point lies inside the district (2020) and ward/commune (2025) it declares."""
    problems = []
    in_district = locate(points, districts, field="name_vi")
    in_district_code = locate(points, districts, field="gso_code")
    in_ward = locate(points, wards, field="name_vi")
    for pos, (fid, row) in enumerate(points.iterrows()):
        found = in_district.loc[fid]
        if row["district_2020_vi"] != found:
            problems.append(
                Problem(
                    file,
                    Message(
                        "data.problem.district",
                        declared=repr(row["district_2020_vi"]),
                        found=repr(found),
                    ),
                    feature=pos,
                    feature_id=str(fid),
                    field="district_2020_vi",
                )
            )
        elif "district_2020_gso" in row and row["district_2020_gso"] != in_district_code[fid]:
            problems.append(
                Problem(
                    file,
                    Message(
                        "data.problem.gso_code",
                        code=repr(row["district_2020_gso"]),
                        district=str(found),
                        expected=repr(in_district_code.loc[fid]),
                    ),
                    feature=pos,
                    feature_id=str(fid),
                    field="district_2020_gso",
                )
            )
        declared_ward = row["ward_2025_vi"]
        if not pd.isna(declared_ward) and declared_ward != in_ward.loc[fid]:
            problems.append(
                Problem(
                    file,
                    Message(
                        "data.problem.ward",
                        declared=repr(declared_ward),
                        found=repr(in_ward.loc[fid]),
                    ),
                    feature=pos,
                    feature_id=str(fid),
                    field="ward_2025_vi",
                )
            )
    return problems
