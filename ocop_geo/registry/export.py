"""Downloads of a placed registry: RFC 7946 GeoJSON or CSV, every row with its units and method."""

from __future__ import annotations

import json

import pandas as pd

from ocop_geo.io.writers import clean, table_csv
from ocop_geo.layers.geojson_io import DECIMALS
from ocop_geo.registry.reasons import reason_text

#: Columns of a placed registry, in export order (see :func:`ocop_geo.registry.place`).
PLACED_COLUMNS = (
    "row", "product_name", "producer", "stars", "product_group", "year_rated",
    "address", "ward", "district", "lat", "lon",
    "ward_2025", "ward_osm_id", "district_2020", "district_gso", "method", "matched",
    "accuracy_m", "reason",
    "placed_lat", "placed_lon",
)  # fmt: skip
#: Exported after ``reason`` (in English): the same reason in Vietnamese. Both are rendered from
#: the stored messages at export time (see :mod:`ocop_geo.registry.reasons`).
REASON_VI = "reason_vi"


def _export_frame(placed: pd.DataFrame) -> pd.DataFrame:
    """The placed rows in export order, with the reason in English and in Vietnamese."""
    frame = placed[list(PLACED_COLUMNS)].copy()
    stored = frame["reason"]
    frame["reason"] = stored.map(lambda r: reason_text(r, "en"))
    frame.insert(frame.columns.get_loc("reason") + 1, REASON_VI,
                 stored.map(lambda r: reason_text(r, "vi")))  # fmt: skip
    return frame


def placed_geojson(placed: pd.DataFrame) -> bytes:
    """A FeatureCollection with one Point per placed product (unplaced rows: null geometry).

    RFC 7946: longitude/latitude in EPSG:4326, no ``crs`` member, 6 decimals. Unplaced rows are
    kept (``"geometry": null`` is valid GeoJSON) so the file lists every row of the import.
    """
    features = []
    for record in _export_frame(placed).to_dict("records"):
        lon, lat = clean(record["placed_lon"]), clean(record["placed_lat"])
        geometry = None
        if lon is not None and lat is not None:
            geometry = {
                "type": "Point",
                "coordinates": [round(lon, DECIMALS), round(lat, DECIMALS)],
            }
        props = {k: clean(v) for k, v in record.items() if k not in ("placed_lon", "placed_lat")}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def placed_csv(placed: pd.DataFrame) -> bytes:
    """CSV of a placed registry with every row, its units (2025 and 2020) and method."""
    return table_csv(_export_frame(placed))
