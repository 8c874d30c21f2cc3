"""The catalogue: every committed layer and table, loaded once, checked, typed.

>>> from ocop_geo.layers.catalog import Catalog
>>> cat = Catalog.load()           # raises DataError listing every problem
>>> cat.sites.loc["bat-trang", "name_vi"]
'Bát Tràng'

Layers are GeoDataFrames in EPSG:4326 indexed by their id field (see :mod:`ocop_geo.layers.schema`).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from ocop_geo.config import Settings
from ocop_geo.i18n import Message
from ocop_geo.layers import validate, validate_tours
from ocop_geo.layers.schema import (
    CITY,
    DISTRICTS,
    LAYERS,
    POIS,
    ROUTES,
    SITES,
    VENUES,
    WARDS,
    LayerSpec,
)
from ocop_geo.layers.validate import DataError, Problem


def cell(row: pd.Series, name: str) -> Any:
    """The value of ``name`` in a layer row, or None when the row has no such value (a JSON
    ``null`` arrives as None or NaN depending on the column)."""
    value = row.get(name)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def read_layer(
    spec: LayerSpec, path: Path, *, outline: object | None = None
) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    """Parse and check one layer file; the frame is None when the file has problems."""
    features, problems = validate.parse_document(path)
    if problems and not features:
        return None, problems
    problems += validate.check_schema(spec, features, path.name)
    problems += validate.check_geometry(spec, features, path.name, outline)
    if problems:
        return None, problems
    return validate.to_frame(spec, features), []


def check_files(paths: dict[str, Path]) -> tuple[dict[str, gpd.GeoDataFrame], list[Problem]]:
    """Check the given layer files (layer name → path) and, where possible, their consistency.

    Layers not given are not loaded; sites and venues are checked against the districts and
    wards given, and every layer against the city outline when it is given.
    """
    frames: dict[str, gpd.GeoDataFrame] = {}
    problems: list[Problem] = []
    for name in LAYERS:  # load order: the outline first
        if name not in paths:
            continue
        outline = frames["city"].geometry.iloc[0] if "city" in frames else None
        frame, found = read_layer(LAYERS[name], paths[name], outline=outline)
        problems += found
        if frame is not None:
            frames[name] = frame
    if "districts" in frames and "wards" in frames:
        for name in ("sites", "venues", "pois"):
            if name in frames:
                problems += validate.check_consistency(
                    frames[name], paths[name].name, frames["districts"], frames["wards"]
                )
    problems += _check_tours(frames, {name: path.name for name, path in paths.items()})
    return frames, problems


def _check_tours(frames: dict[str, gpd.GeoDataFrame], files: dict[str, str]) -> list[Problem]:
    """POIs against the sites, routes against both (only when the layers they need loaded)."""
    if "sites" not in frames or "pois" not in frames:
        return []
    sites, pois = frames["sites"], frames["pois"]
    problems = validate_tours.check_unique_ids({"sites": sites, "pois": pois}, files)
    problems += validate_tours.check_pois(pois, files["pois"], [str(i) for i in sites.index])
    if "wards" in frames and "districts" in frames:
        units = {"wards_2025": frames["wards"], "districts": frames["districts"]}
        problems += validate_tours.check_admin_area_points(pois, files["pois"], units)
    if "routes" in frames:
        known = {
            str(fid): (geom.x, geom.y)
            for frame in (sites, pois)
            for fid, geom in frame.geometry.items()
        }
        problems += validate_tours.check_routes(frames["routes"], files["routes"], known)
    return problems


@dataclass(frozen=True)
class Figure:
    """A headline figure with its source."""

    key: str
    value: int
    as_of: str
    label_vi: str
    label_en: str
    confidence: str
    source: str


def read_figures(path: Path) -> list[Figure]:
    """Read ``data/figures.csv``; every row needs a numeric value and a source URL."""
    figures = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row_no, row in enumerate(csv.DictReader(fh), start=2):
            try:
                value = int(row["value"])
            except (TypeError, ValueError):
                message = Message("data.problem.figure_value", row=row_no)
                raise DataError([Problem(path.name, message)]) from None
            if not (row.get("source") or "").startswith("http"):
                message = Message("data.problem.figure_source", file=path.name, row=row_no)
                raise DataError([Problem(path.name, message)])
            figures.append(
                Figure(
                    key=row["key"],
                    value=value,
                    as_of=row["as_of"],
                    label_vi=row["label_vi"],
                    label_en=row["label_en"],
                    confidence=row["confidence"],
                    source=row["source"],
                )
            )
    return figures


@dataclass(frozen=True)
class Catalog:
    """All layers and tables of the app, checked."""

    city: gpd.GeoDataFrame
    districts: gpd.GeoDataFrame
    wards: gpd.GeoDataFrame
    sites: gpd.GeoDataFrame
    venues: gpd.GeoDataFrame
    figures: tuple[Figure, ...]
    #: Tourism stops near the sites and on the published routes (``geo/pois.geojson``).
    pois: gpd.GeoDataFrame
    #: Published tour routes through sites and POIs (``geo/routes.geojson``).
    routes: gpd.GeoDataFrame

    @classmethod
    def load(cls, settings: Settings | None = None) -> Catalog:
        """Load and check everything under ``settings.geo_dir`` and ``settings.data_dir``.

        Raises
        ------
        DataError
            With every problem found, if any layer or table is not valid.
        """
        settings = settings or Settings.from_env()
        paths = {name: spec.path(settings.geo_dir) for name, spec in LAYERS.items()}
        frames, problems = check_files(paths)
        if problems:
            raise DataError(problems)
        return cls(
            city=frames[CITY.name],
            districts=frames[DISTRICTS.name],
            wards=frames[WARDS.name],
            sites=frames[SITES.name],
            venues=frames[VENUES.name],
            figures=tuple(read_figures(settings.data_dir / "figures.csv")),
            pois=frames[POIS.name],
            routes=frames[ROUTES.name],
        )

    def site_geography(self) -> pd.DataFrame:
        """For each site, the district and ward/commune its marker lies in (computed)."""
        from ocop_geo.geo import locate

        return pd.DataFrame(
            {
                "district_computed": locate(self.sites, self.districts, field="name_vi"),
                "ward_computed": locate(self.sites, self.wards, field="name_vi"),
            }
        )
