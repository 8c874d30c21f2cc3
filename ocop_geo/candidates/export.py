"""Downloads of a candidate ranking: CSV (UTF-8 with BOM, formula-safe) and RFC 7946 GeoJSON.

Both carry, per candidate, every criterion's straight-line distance (``{key}_m``, metres), road
distance (``{key}_road_m``, empty/null when no road network is configured), score (0–100) and
normalised weight, the total and the rank. Nothing here touches Streamlit.
"""

from __future__ import annotations

import json

import pandas as pd

from ocop_geo.candidates.scoring import Ranking
from ocop_geo.candidates.weights import CRITERIA
from ocop_geo.io.writers import clean, table_csv
from ocop_geo.layers.geojson_io import DECIMALS

#: How the score is computed (repeated in every export).
FORMULA = "score = 100 * max(0, 1 - d / d_max); total = sum(weight * score), weights sum to 1"
#: What the ``road_figures`` column says when there are no road distances.
NO_ROAD = "no road network"


def export_frame(ranking: Ranking) -> pd.DataFrame:
    """The ranking as exported: rounded figures (metres to 0.1 m, scores to 0.01), best first."""
    src = ranking.table
    out = src[
        ["rank", "order", "name", "lat", "lon", "commune_2025", "commune_2025_en", "district_2020"]
    ].copy()
    out["lat"], out["lon"] = src["lat"].round(DECIMALS), src["lon"].round(DECIMALS)
    for key in CRITERIA:
        out[f"{key}_m"] = src[f"{key}_m"].round(1)
        out[f"{key}_road_m"] = src[f"{key}_road_m"].round(1)
        out[f"{key}_score"] = src[f"{key}_score"].round(2)
        out[f"{key}_weight"] = round(ranking.weights[key], 4)
        out[f"{key}_d_max_m"] = round(ranking.d_max_m[key], 1)
    for column in [c for c in src.columns if c.startswith("pilot_")]:
        out[column] = src[column].round(1)
    out["craft_nearest"] = src["craft_nearest"]
    out["total"] = src["total"].round(2)
    out["road_figures"] = ranking.road_backend or NO_ROAD
    return out


def to_csv(ranking: Ranking) -> bytes:
    """CSV, UTF-8 with a byte-order mark; text cells cannot run as spreadsheet formulas."""
    return table_csv(export_frame(ranking))


def to_geojson(ranking: Ranking) -> bytes:
    """A FeatureCollection of Points (lon, lat; EPSG:4326, no ``crs`` member; RFC 7946) with the
    same properties as the CSV; the weights, limits and formula as foreign members."""
    features = []
    for record in export_frame(ranking).to_dict("records"):
        props = {k: clean(v) for k, v in record.items()}
        geometry = {"type": "Point", "coordinates": [props["lon"], props["lat"]]}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    doc = {
        "type": "FeatureCollection",
        "features": features,
        "weights": {k: round(v, 4) for k, v in ranking.weights.items()},
        "d_max_m": {k: round(v, 1) for k, v in ranking.d_max_m.items()},
        "formula": FORMULA,
        "distances": "geodesic (WGS84), metres",
        "road_figures": ranking.road_backend or NO_ROAD,
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
