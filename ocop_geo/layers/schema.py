"""What each committed layer must contain: files, id fields, property types, geometry types."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ocop_geo.layers.modes import MODES

CONFIDENCE = ("V", "P", "E", "NF")
SITE_KINDS = ("pilot_point", "candidate_area")
#: What a tourism stop (``geo/pois.geojson``) is.
POI_KINDS = ("craft_village", "heritage", "museum", "market", "landmark", "other")
#: How a stop's coordinate was obtained (data/SOURCES.md, "Tourism stops").
COORD_METHODS = ("landmark_article", "commune_article", "facts_estimate", "admin_area_point")
#: The boundary layer an ``admin_area_point`` stop is placed in
#: (:mod:`ocop_geo.layers.poi_estimate`).
COORD_UNIT_LAYERS = ("wards_2025", "districts")
#: Confidence of a sourced value that may be our own estimate (no "not found": then it is null).
SOURCED = ("V", "P", "E")


@dataclass(frozen=True)
class Field:
    """One feature property.

    ``types`` are JSON value kinds: ``str``, ``int``, ``float``, ``list``, ``dict``, ``bool``.
    ``nullable`` allows ``null``; ``choices`` restricts the value; ``url`` requires http(s)
    (for a list: a non-empty list of http(s) URLs).
    """

    name: str
    types: tuple[type, ...]
    nullable: bool = False
    choices: tuple[object, ...] | None = None
    url: bool = False
    positive: bool = False


@dataclass(frozen=True)
class LayerSpec:
    """A layer of geo/: its file, the property that identifies a feature, and its schema."""

    name: str
    filename: str
    id_field: str
    geometry_types: tuple[str, ...]
    fields: tuple[Field, ...] = field(default_factory=tuple)
    count: int | None = None
    #: Lines are schematic joins of points checked elsewhere (a route's straight segments
    #: between its stops): only their vertices must lie in Hanoi, a chord may cut a bend of
    #: the border.
    schematic_lines: bool = False

    def path(self, geo_dir: Path) -> Path:
        """The layer's file inside ``geo_dir``."""
        return geo_dir / self.filename


S, INT, F, L = (str,), (int,), (int, float), (list,)
_SOURCED_POINT = (
    Field("coord_source", S),
    Field("coord_accuracy_m", F, positive=True),
    Field("coord_confidence", S, choices=CONFIDENCE),
    Field("location_status_vi", S),
    Field("location_status_en", S),
    Field("district_2020_vi", S),
    Field("district_2020_gso", S),
    Field("ward_2025_vi", S, nullable=True),
    Field("ward_2025_source", S, nullable=True, url=True),
    Field("facts", L),
    Field("name_vi", S),
    Field("name_en", S),
    Field("plan_block", S, choices=("I", "II", "III")),
)

SITES = LayerSpec(
    name="sites",
    filename="sites.geojson",
    id_field="id",
    geometry_types=("Point",),
    count=6,
    fields=(
        Field("id", S),
        Field("kind", S, choices=SITE_KINDS),
        *_SOURCED_POINT,
        Field("theme_vi", S),
        Field("theme_en", S),
        Field("address_vi", S, nullable=True),
        Field("address_confidence", S, nullable=True, choices=CONFIDENCE),
        Field("opened", S, nullable=True),
        Field("opened_source", S, nullable=True, url=True),
        Field("lead_agency_vi", S, nullable=True),
        Field("lead_agency_en", S, nullable=True),
        Field("cooperating_agencies_vi", L, nullable=True),
        Field("agencies_source", S, nullable=True, url=True),
        Field("agencies_confidence", S, choices=CONFIDENCE),
        Field("plan_tasks", L, nullable=True),
        Field("plan_tasks_note", S),
    ),
)

VENUES = LayerSpec(
    name="venues",
    filename="venues.geojson",
    id_field="id",
    geometry_types=("Point", "LineString"),
    fields=(
        Field("id", S),
        Field("kind", S, choices=("event_venue",)),
        *_SOURCED_POINT,
        Field("extent_vi", S),
        Field("extent_en", S),
        Field("extent_source", S, url=True),
    ),
)

DISTRICTS = LayerSpec(
    name="districts",
    filename="districts.geojson",
    id_field="gso_code",
    geometry_types=("Polygon", "MultiPolygon"),
    count=30,
    fields=(
        Field("gso_code", S),
        Field("name_vi", S),
        Field("name_en", S),
        Field("type_vi", S, choices=("Quận", "Huyện", "Thị xã")),
        Field("type_en", S),
        Field("area_km2", F, positive=True),
        Field("ocop_4star_2024", INT, nullable=True),
        Field("ocop_4star_2024_period", S, nullable=True),
        Field("ocop_4star_2024_source", S, nullable=True, url=True),
        Field("ocop_products_reported", INT, nullable=True),
        Field("ocop_products_reported_period", S, nullable=True),
        Field("ocop_products_reported_source", S, nullable=True, url=True),
    ),
)

WARDS = LayerSpec(
    name="wards",
    filename="wards_2025.geojson",
    id_field="osm_relation_id",
    geometry_types=("Polygon", "MultiPolygon"),
    count=126,
    fields=(
        Field("osm_relation_id", INT),
        Field("name_vi", S),
        Field("name_en", S, nullable=True),  # OpenStreetMap has no English name for 15 units
        Field("short_name_vi", S),
        Field("type_vi", S, choices=("Phường", "Xã")),
        Field("type_en", S),
        Field("area_km2", F, positive=True),
        Field("old_district_gso_code", S),
        Field("old_district_name_vi", S),
        Field("old_district_share", F, positive=True),
    ),
)

POIS = LayerSpec(
    name="pois",
    filename="pois.geojson",
    id_field="id",
    geometry_types=("Point",),
    fields=(
        Field("id", S),
        Field("name_vi", S),
        Field("name_en", S),
        Field("kind", S, choices=POI_KINDS),
        Field("what_vi", S),
        Field("what_en", S),
        Field("near_site", S, nullable=True),
        Field("visit_min", INT, positive=True),
        Field("visit_min_source", S),
        Field("visit_min_confidence", S, choices=SOURCED),
        Field("opening_hours", S, nullable=True),
        Field("opening_hours_source", S, nullable=True, url=True),
        Field("source", L, url=True),
        Field("confidence", S, choices=SOURCED),
        Field("coord_source", S),
        Field("coord_confidence", S, choices=SOURCED),
        Field("coord_accuracy_m", F, positive=True),
        Field("coord_method", S, choices=COORD_METHODS),
        # null unless coord_method is admin_area_point: then the unit is ward_2025_vi or
        # district_2020_vi
        Field("coord_unit_layer", S, nullable=True, choices=COORD_UNIT_LAYERS),
        Field("ward_2025_vi", S),
        Field("district_2020_vi", S),
    ),
)

ROUTES = LayerSpec(
    name="routes",
    filename="routes.geojson",
    id_field="id",
    geometry_types=("LineString",),
    schematic_lines=True,
    fields=(
        Field("id", S),
        Field("name_vi", S),
        Field("name_en", S),
        Field("stops", L),
        Field("stops_published_vi", L),
        Field("mode", S, choices=MODES),
        Field("publisher", S),
        Field("operator", S, nullable=True),
        Field("published", S, nullable=True),
        Field("distance_km_published", F, nullable=True, positive=True),
        Field("schedule", L, nullable=True),
        Field("source", L, url=True),
        Field("confidence", S, choices=SOURCED),
        Field("note_vi", S),
        Field("note_en", S),
    ),
)

CITY = LayerSpec(
    name="city",
    filename="city.geojson",
    id_field="gso_code",
    geometry_types=("Polygon", "MultiPolygon"),
    count=1,
    fields=(Field("gso_code", S), Field("name_vi", S), Field("name_en", S)),
)

#: Every layer, in load order (the outline first: other layers are checked against it; routes
#: last: their stops are sites and POIs).
LAYERS: dict[str, LayerSpec] = {
    s.name: s for s in (CITY, DISTRICTS, WARDS, SITES, VENUES, POIS, ROUTES)
}


def spec_for_path(path: Path) -> LayerSpec | None:
    """Guess the layer of a file from its name (``sites*.geojson`` → sites, ``wards*`` → wards…)."""
    stem = path.name.lower()
    for spec in LAYERS.values():
        if stem.startswith((spec.name, spec.filename.split(".")[0])):
            return spec
    return None
