"""Place registry rows on the map: by coordinates, else ward name, else district name.

:func:`place` is vectorised: coordinates go through one spatial join against the 126 wards and
one against the 30 districts (GEOS STRtree), and names are resolved once per distinct
(ward, district, address) text — a list of 50,000 products names a few hundred places. No row is
ever dropped: a row that cannot be placed is kept with ``method == "unplaced"`` and the reason.

Names of before 1/7/2025 resolve through :class:`~ocop_geo.registry.gazetteer.Gazetteer` (the
``vietnamadminunits`` crosswalk). An old commune that was divided among several 2025 units is
placed at the centre of the smallest circle holding all of them, its ``accuracy_m`` that circle's
radius, and its reason names the units.

:func:`naive_place` is the deliberately slow baseline (a Python loop testing every polygon) used
only by the benchmark to show what the spatial join saves. Do not use it in the app.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import Point

from ocop_geo.geo import METRIC, WGS84
from ocop_geo.i18n import Message, message_json, messages_json
from ocop_geo.registry.batch import collector_paused
from ocop_geo.registry.gazetteer import DistrictMatch, Gazetteer

if TYPE_CHECKING:
    from ocop_geo.layers.catalog import Catalog

#: How a product was placed on the map, best first.
METHODS = ("coordinates", "ward", "district", "unplaced")
#: How its place was found (``matched``): coordinates; the 2025 name; a pre-2025 name (or an
#: earlier name, before a 2019–2025 merger) of a unit that went whole into one 2025 unit; a
#: pre-2025 unit that was divided; the district alone; nothing.
MATCHES = ("coordinates", "name", "old name", "earlier name", "divided", "district", "none")
PLACED_COLUMNS = (
    "placed_lon",
    "placed_lat",
    "ward_2025",
    "ward_osm_id",
    "district_2020",
    "district_gso",
    "method",
    "matched",
    "accuracy_m",
    "reason",
)
INPUT_COLUMNS = ("lat", "lon", "ward", "district", "address")


class _Units:
    """Representative points and attributes of the catalogue's units, keyed by name_vi."""

    def __init__(self, catalog: Catalog) -> None:
        wards, districts = catalog.wards, catalog.districts
        ward_points = wards.to_crs(METRIC).representative_point().to_crs(WGS84)
        district_points = districts.to_crs(METRIC).representative_point().to_crs(WGS84)
        self.ward_xy = dict(
            zip(wards["name_vi"], zip(ward_points.x, ward_points.y, strict=True), strict=True)
        )
        self.district_xy = dict(
            zip(
                districts["name_vi"],
                zip(district_points.x, district_points.y, strict=True),
                strict=True,
            )
        )
        self.ward_old_district = dict(
            zip(
                wards["name_vi"],
                zip(wards["old_district_name_vi"], wards["old_district_share"], strict=True),
                strict=True,
            )
        )
        self.ward_names = [str(n) for n in wards["name_vi"]]
        self.district_names = [str(n) for n in districts["name_vi"]]
        #: name → position in ward_names / district_names (placement carries positions)
        self.ward_index = {name: pos for pos, name in enumerate(self.ward_names)}
        self.district_index = {name: pos for pos, name in enumerate(self.district_names)}
        self.ward_osm_ids = wards["osm_relation_id"].to_numpy(dtype=np.int64)
        self.district_gsos = districts["gso_code"].to_numpy(dtype=object)
        self.ward_polygons = _prepared(wards.geometry.to_numpy())
        self.district_polygons = _prepared(districts.geometry.to_numpy())
        self.ward_metric = dict(zip(wards["name_vi"], wards.to_crs(METRIC).geometry, strict=True))
        #: how far a ward's or district's farthest corner lies from the point it is placed at (m)
        self.ward_reach = _reach(wards, ward_points)
        self.district_reach = _reach(districts, district_points)
        self._splits: dict[tuple[str, ...], tuple[tuple[float, float], float]] = {}

    def covering(self, names: tuple[str, ...]) -> tuple[tuple[float, float], float]:
        """Centre (lon, lat) and radius (m) of the smallest circle holding the wards ``names``."""
        if names not in self._splits:
            union = shapely.union_all([self.ward_metric[n] for n in names])
            centre = shapely.minimum_bounding_circle(union).centroid
            radius = math.ceil(shapely.minimum_bounding_radius(union) / 10 + 0.1) * 10
            self._splits[names] = (_TO_WGS84.transform(centre.x, centre.y), radius)
        return self._splits[names]


def _reach(units: gpd.GeoDataFrame, points: gpd.GeoSeries) -> dict[str, float]:
    metric = units.to_crs(METRIC).geometry.to_numpy()
    at = gpd.GeoSeries(points, crs=WGS84).to_crs(METRIC).to_numpy()
    far = np.ceil(shapely.hausdorff_distance(at, metric) / 10) * 10
    return dict(zip(units["name_vi"], far, strict=True))


def _prepared(polygons: np.ndarray) -> np.ndarray:
    """Prepared copies of ``polygons`` (the catalogue's own geometries are left as they are)."""
    copies = shapely.from_wkb(shapely.to_wkb(polygons))
    shapely.prepare(copies)
    return copies


_TO_WGS84 = Transformer.from_crs(METRIC, WGS84, always_xy=True)

_UNITS_CACHE: dict[int, tuple[Catalog, _Units]] = {}


def _units_for(catalog: Catalog) -> _Units:
    """The :class:`_Units` of ``catalog``, built once (a catalogue is immutable)."""
    cached = _UNITS_CACHE.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        if len(_UNITS_CACHE) >= 4:
            _UNITS_CACHE.clear()
        cached = (catalog, _Units(catalog))
        _UNITS_CACHE[id(catalog)] = cached
    return cached[1]


def _check_input(frame: pd.DataFrame) -> None:
    missing = [c for c in INPUT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"place() needs the registry columns {missing} (see read_registry)")


def _texts(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].fillna("").astype(str).str.strip()


def _first_hit(x: np.ndarray, y: np.ndarray, rows: np.ndarray, polygons: np.ndarray) -> pd.Series:
    """For each point (indexed by ``rows``), the position of the first polygon containing it.

    Vectorised: per polygon, a NumPy bounding-box filter, then GEOS ``contains_xy`` on the
    candidates with the prepared polygon (no Point objects are built). NaN where no polygon
    contains the point.
    """
    first = np.full(len(x), -1)
    for pos, (x0, y0, x1, y1) in enumerate(shapely.bounds(polygons)):
        candidates = np.flatnonzero((first < 0) & (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1))
        if len(candidates):
            hit = shapely.contains_xy(polygons[pos], x[candidates], y[candidates])
            first[candidates[hit]] = pos
    return pd.Series(np.where(first < 0, np.nan, first), index=rows)


def _spatial(frame: pd.DataFrame, units: _Units) -> tuple[pd.Series, pd.Series]:
    """For rows with coordinates (positional index), the ward/district position they fall in.

    NaN where the point lies in no polygon.
    """
    lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(dtype=float)
    where = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    x, y = lon[where], lat[where]
    return (
        _first_hit(x, y, where, units.ward_polygons),
        _first_hit(x, y, where, units.district_polygons),
    )


def locate_points(
    lon: np.ndarray, lat: np.ndarray, catalog: Catalog
) -> tuple[np.ndarray, np.ndarray]:
    """The ward/commune (2025) and district (2020) ``name_vi`` of each point (None if outside).

    The spatial step of :func:`place` on its own, vectorised; used by the benchmark to compare
    like for like with :func:`naive_place`'s Python loop.
    """
    units = _units_for(catalog)
    frame = pd.DataFrame({"lon": lon, "lat": lat})
    ward_pos, district_pos = _spatial(frame, units)
    out = []
    for pos, names in ((ward_pos, units.ward_names), (district_pos, units.district_names)):
        values = np.full(len(frame), None, dtype=object)
        found = pos.notna().to_numpy()
        values[pos.index.to_numpy()[found]] = np.asarray(names, dtype=object)[
            pos.to_numpy()[found].astype(int)
        ]
        out.append(values)
    return out[0], out[1]


def _outcome(
    method: str,
    ward: str | None,
    district: DistrictMatch | None,
    xy: tuple[float, float] | None,
    reasons: list[Message | None],
    matched: str = "none",
    accuracy: float = np.nan,
) -> tuple:
    lon, lat = xy if xy else (np.nan, np.nan)
    return (
        method,
        ward,
        district.name_vi if district else None,
        district.gso_code if district else None,
        lon,
        lat,
        tuple(r for r in reasons if r),
        matched,
        accuracy,
    )


_FROM_ADDRESS = Message("registry.reason.from_address")
#: A row's whole reason, shared by every such row.
_OUTSIDE_NO_NAMES = (Message("registry.reason.outside_hanoi_no_names"),)


def _resolve_names(
    ward_text: str,
    district_text: str,
    from_address: bool,
    address: str,
    gaz: Gazetteer,
    units: _Units,
) -> tuple:
    """Place one distinct (ward, district) text: by ward, else district, else not.

    ``ward_text``/``district_text`` already hold the names found in the address when the columns
    were empty (``from_address``); ``address`` is only given when it named nothing.
    """  # fmt: skip
    reasons: list[Message | None] = []
    if from_address:
        reasons.append(_FROM_ADDRESS)

    district = gaz.match_district(district_text) if district_text else None
    found = gaz.resolve_ward(ward_text, district_text) if ward_text else None
    if found and found.warning:
        reasons.append(found.warning)
        district = None  # the district contradicts the name: take the name's
    if found and found.match:
        match = found.match
        reasons.append(match.note)
        if district is None and match.old_district_vi:
            district = gaz.match_district(match.old_district_vi)
        elif district is None:
            old, share = units.ward_old_district[match.name_vi]
            district = gaz.match_district(old)
            reasons.append(
                Message(
                    "registry.reason.former_district_share",
                    district=old,
                    unit=match.name_vi,
                    share=float(share),
                )
            )
        if district_text and gaz.match_district(district_text) is None:
            reasons.append(Message("registry.reason.district_unknown", district_text=district_text))
        return _outcome(
            "ward",
            match.name_vi,
            district,
            units.ward_xy[match.name_vi],
            reasons,
            match.via,
            units.ward_reach[match.name_vi],
        )
    if found and found.split:
        split = found.split
        xy, radius = units.covering(split.units)
        district = gaz.match_district(split.old.district_vi)
        reasons.append(split.note())
        reasons.append(Message("registry.reason.centre", radius=float(radius)))
        return _outcome("district", None, district, xy, reasons, "divided", radius)

    why = found.why if found else None
    if district is None and found and found.district_vi and not district_text:
        district = gaz.match_district(found.district_vi)
    if district is None and ward_text and not district_text:
        # A district written in the ward column ("Q. Hà Đông", "huyện Gia Lâm").
        district = gaz.match_district(ward_text)
        if district is not None:
            why = why or Message("registry.reason.district_in_ward_column", ward_text=ward_text)
    if district is not None:
        if ward_text:
            reasons.append(why or Message("registry.reason.ward_unknown", ward_text=ward_text))
        reasons.append(Message("registry.reason.district_point", district=district.name_vi))
        return _outcome(
            "district",
            None,
            district,
            units.district_xy[district.name_vi],
            reasons,
            "district",
            units.district_reach[district.name_vi],
        )

    if why:
        reasons.append(why)
    if ward_text and district_text:
        reasons.append(
            Message(
                "registry.reason.ward_and_district_unknown",
                ward_text=ward_text,
                district_text=district_text,
            )
        )
    elif ward_text:
        reasons.append(Message("registry.reason.ward_unknown_no_district", ward_text=ward_text))
    elif district_text:
        reasons.append(Message("registry.reason.district_unknown", district_text=district_text))
    elif address:
        reasons = [Message("registry.reason.address_unknown", address=address)]
    else:
        reasons = [Message("registry.reason.no_names")]
    return _outcome("unplaced", None, None, None, reasons)


def _resolve_distinct(
    rows: list[tuple[str, str, bool, str]], gaz: Gazetteer, units: _Units
) -> list[tuple]:
    """Resolve each distinct name key once per spelling class (:meth:`Gazetteer.spelling_class`)
    and district, and write each key's reason with its own texts (the reason quotes the names as
    written)."""
    classes = {w: gaz.spelling_class(w) for w in {r[0] for r in rows}}
    keys = [
        (classes[w], _district_canonical(d, gaz), f, a) if w != d else (w, d, f, a)
        for w, d, f, a in rows
    ]
    canon: dict[tuple, tuple[str, str]] = {}
    for (w, d, _, _), key in zip(rows, keys, strict=True):
        canon.setdefault(key, (w, d))
    done: dict[tuple, tuple] = {}
    quoting: set[tuple] = set()  # the keys whose reason quotes the names as written
    out = []
    for (w, d, f, a), key in zip(rows, keys, strict=True):
        if key not in done:
            rw, rd = canon[key]
            done[key] = _resolve_names(rw, rd, f, a, gaz, units)
            if any(_quotes(m) for m in done[key][6]):
                quoting.add(key)
        result = done[key]
        rw, rd = canon[key]
        if key in quoting and (rw, rd) != (w, d):
            written = {rw: w, rd: d} if rw != rd else {rw: w}
            result = (*result[:6], tuple(_as_written(m, written) for m in result[6]), *result[7:])
        out.append(result)
    return out


#: The message parameters that quote a row's names as written.
_QUOTED = ("ward_text", "district_text")


def _as_written(message: Message, written: dict[str, str]) -> Message:
    """``message`` quoting the names as this row wrote them (``ward_text``/``district_text``);
    the message itself when it quotes none (shared, so it is encoded once)."""
    params: dict[str, object] = {}
    for key, value in message.params.items():
        if isinstance(value, Message):
            value = _as_written(value, written)
        elif key in _QUOTED and value in written:
            value = written[str(value)]
        params[key] = value
    changed = any(params[k] is not v for k, v in message.params.items())
    return message.replace(**params) if changed else message


def _quotes(message: Message) -> bool:
    """Whether ``message`` (or one inside it) quotes a name as written."""
    return any(
        key in _QUOTED or (isinstance(value, Message) and _quotes(value))
        for key, value in message.params.items()
    )


def _district_canonical(text: str, gaz: Gazetteer) -> str:
    """A known district by its code ('Q. Hà Đông', 'ha dong' → '268'); other text as written."""
    match = gaz.match_district(text) if text else None
    return f"#{match.gso_code}" if match else text


def _factorize(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's position among the distinct tuples of ``columns`` (in order of first
    appearance), and the row where each distinct tuple first appears."""
    codes = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        values, uniques = pd.factorize(column)
        codes, _ = pd.factorize(codes * len(uniques) + values)
    first = np.full(codes.max() + 1 if len(codes) else 0, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes)))
    return codes, first


def _name_keys(
    ward_text: np.ndarray, district_text: np.ndarray, address: np.ndarray, gaz: Gazetteer
) -> tuple[list[tuple[str, str, bool, str]], np.ndarray]:
    """The distinct names rows are placed by, and each row's position among them.

    A row's key is its ward and district columns, completed from its address when one is empty
    (each distinct address parsed once), whether that happened, and the address itself only
    when it named nothing (for the reason). Rows with the same key are placed once: the key is
    worked out once per distinct (ward, district, address-if-read) text, then mapped back.
    """
    read = (address != "") & ((ward_text == "") | (district_text == ""))
    codes, first = _factorize(ward_text, district_text, np.where(read, address, ""))
    to_read = list(dict.fromkeys(address[first[read[first]]].tolist()))
    parsed = dict(zip(to_read, gaz.parse_addresses(to_read), strict=True))
    index: dict[tuple[str, str, bool, str], int] = {}
    position = np.empty(len(first), dtype=np.int64)
    triples = zip(ward_text[first].tolist(), district_text[first].tolist(),
                  address[first].tolist(), read[first].tolist(), strict=True)  # fmt: skip
    for j, (w, d, a, from_address) in enumerate(triples):
        key = (w, d, False, "")
        if from_address:
            pw, pd_ = parsed[a]
            key = (w or pw, d or pd_, bool((pw and not w) or (pd_ and not d)), "")
            if not key[0] and not key[1]:
                key = ("", "", False, a)
        position[j] = index.setdefault(key, len(index))
    return list(index), position[codes]


def _strings(vocabulary: np.ndarray, codes: np.ndarray) -> object:
    """A string column from positions in ``vocabulary`` (-1: missing), built by one take."""
    if not (codes >= 0).any():  # nothing to say: all missing, as an object column
        return np.full(len(codes), None, dtype=object)
    return pd.array(vocabulary, dtype="str").take(codes, allow_fill=True)


def place(frame: pd.DataFrame, gazetteer: Gazetteer, catalog: Catalog) -> pd.DataFrame:
    """Place every row; return a copy of ``frame`` with the placement columns added.

    Rule: coordinates when present and inside Hanoi (point in a ward or district polygon); else
    the ward/commune name (at the ward's representative point); else the district name (at the
    district's representative point); else ``unplaced`` with the reason. When the ward and
    district columns are empty, names are looked for in ``address``.

    Added columns: ``placed_lon``, ``placed_lat`` (float/NaN), ``ward_2025`` (name_vi),
    ``ward_osm_id`` (nullable Int64), ``district_2020`` (name_vi), ``district_gso`` (str),
    ``method`` (coordinates | ward | district | unplaced) and ``reason`` ('' when nothing to
    say). Missing names/codes are None, or NaN under pandas' ``str`` dtype (the default from
    pandas 3): test them with ``pd.isna``. ``attrs["units"]`` holds the names of all districts
    and wards, for :func:`ocop_geo.registry.aggregate.counts`.

    Rows on the city edge: the ward layer (OpenStreetMap) and the district layer
    (geoBoundaries) differ by up to ~1 km there, so a point may fall in only one of them; it is
    still placed by coordinates, and the reason says which layer missed it.

    Every unit, method and match is carried as a position (ward, district, method, match) and
    the string columns are built once at the end by a take from the few distinct values.
    The cyclic garbage collector is paused meanwhile (:mod:`ocop_geo.registry.batch`).
    """
    _check_input(frame)
    with collector_paused():
        return _place(frame, gazetteer, catalog)


def _place(frame: pd.DataFrame, gazetteer: Gazetteer, catalog: Catalog) -> pd.DataFrame:
    units = _units_for(catalog)
    n = len(frame)
    out = frame.copy()
    ward_text = _texts(frame, "ward").to_numpy(dtype=object)
    district_text = _texts(frame, "district").to_numpy(dtype=object)
    address = _texts(frame, "address").to_numpy(dtype=object)

    method = np.full(n, METHODS.index("unplaced"), dtype=np.int64)
    matched = np.full(n, MATCHES.index("none"), dtype=np.int64)
    ward = np.full(n, -1, dtype=np.int64)  # position in units.ward_names
    district = np.full(n, -1, dtype=np.int64)  # position in units.district_names
    placed_lon = np.full(n, np.nan)
    placed_lat = np.full(n, np.nan)
    reason = np.empty(n, dtype=object)
    reason.fill(())
    accuracy = np.full(n, np.nan)

    # 1. coordinates inside Hanoi: spatial join
    ward_pos, district_pos = _spatial(frame, units)
    lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(dtype=float)
    rows = ward_pos.index.to_numpy()
    w_pos, d_pos = ward_pos.to_numpy(), district_pos.to_numpy()
    in_ward, in_district = ~np.isnan(w_pos), ~np.isnan(d_pos)
    inside = rows[in_ward | in_district]
    method[inside] = METHODS.index("coordinates")
    matched[inside] = MATCHES.index("coordinates")
    placed_lon[inside], placed_lat[inside] = lon[inside], lat[inside]
    ward[rows[in_ward]] = w_pos[in_ward].astype(int)
    district[rows[in_district]] = d_pos[in_district].astype(int)
    edge = rows[in_ward & ~in_district]  # city edge: the two layers differ by up to ~1 km
    for i in edge:
        name = units.ward_names[ward[i]]
        old, _ = units.ward_old_district[name]
        district[i] = units.district_index.get(old, -1)
        reason[i] = (
            Message("registry.reason.outside_district_layer"),
            Message("registry.reason.former_district", district=old, unit=name),
        )
    for i in rows[~in_ward & in_district]:
        reason[i] = (Message("registry.reason.outside_ward_layer"),)
    outside = rows[~in_ward & ~in_district]
    coords = method == METHODS.index("coordinates")

    # 2. names, once per distinct (ward, district) text, for rows not placed by coordinates
    need = ~coords
    if need.any():
        distinct, group = _name_keys(ward_text[need], district_text[need], address[need], gazetteer)
        results = _resolve_distinct(distinct, gazetteer, units)
        method[need] = np.array([METHODS.index(r[0]) for r in results])[group]
        ward[need] = np.array([units.ward_index.get(r[1], -1) for r in results])[group]
        district[need] = np.array([units.district_index.get(r[2], -1) for r in results])[group]
        placed_lon[need] = np.array([r[4] for r in results], dtype=float)[group]
        placed_lat[need] = np.array([r[5] for r in results], dtype=float)[group]
        parts = np.empty(len(results), dtype=object)
        for j, result in enumerate(results):  # element by element: a reason is a tuple
            parts[j] = result[6]
        reason[need] = parts[group]
        matched[need] = np.array([MATCHES.index(r[7]) for r in results])[group]
        accuracy[need] = np.array([r[8] for r in results], dtype=float)[group]

    # rows whose coordinates are outside Hanoi: say so (one "placed by" message per method)
    placed_by = {
        "unplaced": Message("registry.reason.not_placed"),
        "ward": Message("registry.reason.placed_by_ward"),
        "district": Message("registry.reason.placed_by_district"),
    }
    for i in outside:
        how = METHODS[method[i]]
        if how == "unplaced" and not (ward_text[i] or district_text[i] or address[i]):
            reason[i] = _OUTSIDE_NO_NAMES
            continue
        where = Message("registry.reason.outside_hanoi", lat=float(lat[i]), lon=float(lon[i]))
        reason[i] = (where, placed_by[how], *reason[i])

    # coordinates that contradict the ward column: keep the point, say so
    _flag_ward_mismatch(coords, ward, ward_text, district_text, reason, gazetteer, units)

    out["placed_lon"] = placed_lon
    out["placed_lat"] = placed_lat
    out["ward_2025"] = _strings(units.ward_names, ward)
    known = ward >= 0
    out["ward_osm_id"] = pd.arrays.IntegerArray(
        np.where(known, units.ward_osm_ids[ward], 0), ~known
    )
    out["district_2020"] = _strings(units.district_names, district)
    out["district_gso"] = _strings(units.district_gsos, district)
    out["method"] = _strings(np.asarray(METHODS, dtype=object), method)
    out["matched"] = _strings(np.asarray(MATCHES, dtype=object), matched)
    out["accuracy_m"] = accuracy
    out["reason"] = _strings(*_encoded(reason))
    out.attrs["units"] = {"district": units.district_names, "ward": units.ward_names}
    return out


def _flag_ward_mismatch(
    coords: np.ndarray,
    ward: np.ndarray,
    ward_text: np.ndarray,
    district_text: np.ndarray,
    reason: np.ndarray,
    gazetteer: Gazetteer,
    units: _Units,
) -> None:
    """Note on rows placed by coordinates whose ward column names another 2025 unit.

    Checked once per distinct (ward column, district column, unit the point fell in).
    """
    check = np.flatnonzero(coords & (ward_text != ""))
    if not len(check):
        return
    codes, first = _factorize(ward_text[check], district_text[check], ward[check])
    notes: list[Message | None] = []
    for i in check[first]:
        named = gazetteer.match_ward(ward_text[i], district_text[i])
        unit = units.ward_names[ward[i]] if ward[i] >= 0 else None
        differs = named is not None and unit is not None and named.name_vi != unit
        notes.append(
            Message(
                "registry.reason.ward_mismatch",
                unit=unit,
                ward_text=ward_text[i],
                named=named.name_vi,
            )
            if differs
            else None
        )
    for j, note in enumerate(notes):  # only rows whose coordinates contradict their ward
        if note is not None:
            extended: dict[int, tuple] = {}  # rows sharing a reason share its extension
            for i in check[codes == j]:
                before = reason[i]
                if id(before) not in extended:
                    extended[id(before)] = (*before, note)
                reason[i] = extended[id(before)]


def _encoded(reasons: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct reasons as stored (the text of :func:`messages_json`) and each row's
    position among them (for :func:`_strings`: the column is built by one take), encoded once per
    distinct reason object and once per distinct message value: rows resolved from the same
    (ward, district) text share one reason object, and messages made apart are often equal
    ("renamed to Phường Hà Đông" for each spelling of Vạn Phúc): ~5,500 message objects, ~1,100
    values at 50,000 rows. The rows are grouped by their reason object's identity in NumPy, not
    looked up one by one."""
    codes, first = _factorize(np.fromiter(map(id, reasons), dtype=np.int64, count=len(reasons)))
    pieces: dict[int, str] = {}  # by object: most look-ups
    by_value: dict[Message, str] = {}
    texts = np.empty(len(first), dtype=object)
    for j, parts in enumerate(reasons[first]):
        items = []
        for message in parts:
            item = pieces.get(id(message))
            if item is None:
                item = by_value.get(message)
                if item is None:
                    item = by_value[message] = message_json(message)
                pieces[id(message)] = item
            items.append(item)
        texts[j] = f"[{', '.join(items)}]" if items else ""
    return texts, codes


def naive_place(frame: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """BASELINE ONLY (benchmark): place coordinate rows with a Python loop over every polygon.

    For each row with coordinates, test ``polygon.contains(Point(lon, lat))`` against every ward
    and then every district polygon; the first hit wins. Rows without coordinates inside Hanoi
    are ``unplaced`` (the baseline does not read names). Same columns as :func:`place`, and the
    same ward/district for coordinate rows — only much slower.
    """
    _check_input(frame)
    # Fresh, unprepared copies: the catalogue's polygons may have been prepared (indexed) by an
    # earlier spatial join, which a naive loop would not have done.
    ward_geoms = shapely.from_wkb(shapely.to_wkb(catalog.wards.geometry.to_numpy()))
    district_geoms = shapely.from_wkb(shapely.to_wkb(catalog.districts.geometry.to_numpy()))
    wards = list(
        zip(catalog.wards["name_vi"], catalog.wards["osm_relation_id"], ward_geoms, strict=True)
    )
    districts = list(
        zip(catalog.districts["name_vi"], catalog.districts["gso_code"], district_geoms,
            strict=True)
    )  # fmt: skip
    old_district = dict(
        zip(catalog.wards["name_vi"], catalog.wards["old_district_name_vi"], strict=True)
    )
    gso = dict(zip(catalog.districts["name_vi"], catalog.districts["gso_code"], strict=True))
    records = []
    for lat, lon in zip(frame["lat"], frame["lon"], strict=True):
        record = [
            np.nan,
            np.nan,
            None,
            None,
            None,
            None,
            "unplaced",
            "none",
            np.nan,
            messages_json([Message("registry.reason.baseline")]),
        ]
        if pd.notna(lat) and pd.notna(lon):
            point = Point(float(lon), float(lat))
            hit_ward = next(((n, o) for n, o, g in wards if g.contains(point)), None)
            hit_district = next(((n, c) for n, c, g in districts if g.contains(point)), None)
            if hit_ward or hit_district:
                record[:2] = [float(lon), float(lat)]
                record[6], record[7], record[9] = "coordinates", "coordinates", ""
                if hit_ward:
                    record[2], record[3] = hit_ward
                if hit_district:
                    record[4], record[5] = hit_district
                elif hit_ward:
                    record[4] = old_district[hit_ward[0]]
                    record[5] = gso.get(record[4])
        records.append(record)
    placed = pd.DataFrame(records, columns=list(PLACED_COLUMNS), index=frame.index)
    placed["ward_osm_id"] = placed["ward_osm_id"].astype("Int64")
    return pd.concat([frame, placed], axis=1)
