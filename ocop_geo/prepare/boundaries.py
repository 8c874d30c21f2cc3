"""Build the committed boundary layers from the raw sources (run once, offline).

``ocop-geo data build RAW_DIR`` reads the unsimplified layers described in the raw folder's
SOURCES.md and writes ``geo/districts.geojson``, ``geo/wards_2025.geojson`` and
``geo/city.geojson``:

* districts (30, 2019–mid-2025) and wards/communes (126, since 1/7/2025) are simplified as
  *coverages* (GEOS coverage simplification, Visvalingam–Whyatt, tolerance in metres in
  EPSG:32648), so neighbours keep one shared border: no gaps, no overlaps;
* the OSM ward layer is first cleaned as a coverage (its 0.014 km² of overlaps and slivers
  narrower than ``GAP_WIDTH_M`` are assigned to a neighbour);
* coordinates are snapped to a 1e-6° grid (6 decimals) with validity kept;
* districts get the sourced OCOP figures from ``data/district_ocop_figures.csv``
  (``null`` where no source gives one).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

from ocop_geo.geo import METRIC, WGS84
from ocop_geo.i18n import Message, MessageError
from ocop_geo.layers import geojson_io

TOLERANCE_M = 20.0
GAP_WIDTH_M = 60.0
GRID_DEG = 1e-6

RAW_DISTRICTS = "hanoi_districts_2019_2025.geojson"
RAW_WARDS = "hanoi_wards_communes_2025.geojson"

#: Figures that a district may carry; each has a value, a period and a source column.
DISTRICT_FIGURES = ("ocop_4star_2024", "ocop_products_reported")


class PrepareError(MessageError, ValueError):
    """Raised when the raw inputs do not look like the documented sources."""


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote, for the command line."""

    written: tuple[Path, ...]
    vertices_before: dict[str, int]
    vertices_after: dict[str, int]
    max_deviation_m: dict[str, float]


def simplify_coverage(
    geoms: Any, *, tolerance_m: float = TOLERANCE_M, clean: bool = False
) -> tuple[Any, float]:
    """Simplify polygons (EPSG:4326) as one coverage; return them and the largest deviation (m).

    Raises
    ------
    PrepareError
        If the result is not a valid coverage of valid polygons.
    """
    metric = gpd.GeoSeries(geoms, crs=WGS84).to_crs(METRIC).values
    if clean:
        metric = shapely.coverage_clean(metric, gap_width=GAP_WIDTH_M)
    simple = shapely.coverage_simplify(metric, tolerance_m)
    deviation = float(shapely.hausdorff_distance(metric, simple).max())
    back = gpd.GeoSeries(simple, crs=METRIC).to_crs(WGS84).values
    snapped = shapely.set_precision(back, GRID_DEG)
    if not shapely.is_valid(snapped).all():
        raise PrepareError(Message("prepare.error.invalid_polygon"))
    if not shapely.coverage_is_valid(snapped):
        raise PrepareError(Message("prepare.error.coverage"))
    return snapped, deviation


def read_district_figures(path: Path, names: set[str]) -> dict[str, dict[str, Any]]:
    """Read ``district_ocop_figures.csv`` into {district name: {figure: value, …}}."""
    out: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row_no, row in enumerate(csv.DictReader(fh), start=2):
            name, figure = row["name_vi"].strip(), row["figure"].strip()
            where = {"file": path.name, "row": row_no}
            if name not in names:
                raise PrepareError(
                    Message("prepare.error.unknown_district", **where, name=repr(name))
                )
            if figure not in DISTRICT_FIGURES:
                raise PrepareError(
                    Message("prepare.error.unknown_figure", **where, figure=repr(figure))
                )
            if not row["source"].startswith("http"):
                raise PrepareError(Message("prepare.error.no_source", **where))
            target = out.setdefault(name, {})
            if figure in target:
                twice = Message(
                    "prepare.error.figure_twice", **where, figure=repr(figure), name=name
                )
                raise PrepareError(twice)
            target[figure] = int(row["value"])
            target[f"{figure}_period"] = row["period"].strip()
            target[f"{figure}_source"] = row["source"].strip()
    return out


def _district_name_en(props: dict[str, Any]) -> str:
    kind = {"Quận": "District", "Huyện": "District", "Thị xã": "Town"}[props["type_vi"]]
    return f"{props['name_ascii']} {kind}"


def build(raw_dir: Path, geo_dir: Path, data_dir: Path) -> BuildReport:
    """Build the three boundary layers from ``raw_dir`` into ``geo_dir``."""
    districts = json.loads((raw_dir / RAW_DISTRICTS).read_text(encoding="utf-8"))["features"]
    wards = json.loads((raw_dir / RAW_WARDS).read_text(encoding="utf-8"))["features"]
    if len(districts) != 30 or len(wards) != 126:
        counts = {"districts": len(districts), "wards": len(wards)}
        raise PrepareError(Message("prepare.error.counts", **counts))
    d_geoms = [shapely.geometry.shape(f["geometry"]) for f in districts]
    w_geoms = [shapely.geometry.shape(f["geometry"]) for f in wards]
    d_simple, d_dev = simplify_coverage(d_geoms)
    w_simple, w_dev = simplify_coverage(w_geoms, clean=True)

    d_props = [f["properties"] for f in districts]
    figures = read_district_figures(
        data_dir / "district_ocop_figures.csv", {p["name_vi"] for p in d_props}
    )
    district_rows = []
    for props, geom in sorted(zip(d_props, d_simple, strict=True), key=lambda r: r[0]["gso_code"]):
        row: dict[str, Any] = {
            "gso_code": props["gso_code"],
            "name_vi": props["name_vi"],
            "name_en": _district_name_en(props),
            "type_vi": props["type_vi"],
            "type_en": props["type_en"],
            "area_km2": props["area_km2"],
        }
        for figure in DISTRICT_FIGURES:
            known = figures.get(props["name_vi"], {})
            for suffix in ("", "_period", "_source"):
                row[figure + suffix] = known.get(figure + suffix)
        district_rows.append((row, geom))

    ward_rows = []
    for f, geom in sorted(
        zip(wards, w_simple, strict=True), key=lambda r: r[0]["properties"]["name_vi"]
    ):
        p = f["properties"]
        ward_rows.append(
            (
                {
                    "osm_relation_id": p["osm_relation_id"],
                    "name_vi": p["name_vi"],
                    "name_en": p["name_en"],
                    "short_name_vi": p["short_name_vi"],
                    "type_vi": p["type_vi"],
                    "type_en": p["type_en"],
                    "area_km2": p["area_km2"],
                    "old_district_gso_code": p["old_district_gso_code"],
                    "old_district_name_vi": p["old_district_name_vi"],
                    "old_district_share": p["old_district_share"],
                    "population_osm": p.get("population_osm"),
                    "population_date_osm": p.get("population_date_osm"),
                },
                geom,
            )
        )

    outline = shapely.set_precision(shapely.coverage_union_all(d_simple), GRID_DEG)
    city = [({"name_vi": "Thành phố Hà Nội", "name_en": "Hanoi", "gso_code": "01"}, outline)]

    geo_dir.mkdir(parents=True, exist_ok=True)
    targets = {
        "districts.geojson": district_rows,
        "wards_2025.geojson": ward_rows,
        "city.geojson": city,
    }
    written = []
    for name, rows in targets.items():
        path = geo_dir / name
        geojson_io.write(path, geojson_io.feature_collection(rows))
        written.append(path)
    return BuildReport(
        written=tuple(written),
        vertices_before={
            "districts": int(shapely.get_num_coordinates(d_geoms).sum()),
            "wards": int(shapely.get_num_coordinates(w_geoms).sum()),
        },
        vertices_after={
            "districts": int(shapely.get_num_coordinates(d_simple).sum()),
            "wards": int(shapely.get_num_coordinates(w_simple).sum()),
        },
        max_deviation_m={"districts": round(d_dev, 1), "wards": round(w_dev, 1)},
    )
