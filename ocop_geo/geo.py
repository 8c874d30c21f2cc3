"""CRS helpers and spatial joins.

Data are stored in EPSG:4326 (RFC 7946 longitude/latitude); anything measured — lengths, areas,
buffers, simplification tolerances — is computed in EPSG:32648 (WGS 84 / UTM zone 48N), which
covers Hanoi. Never measure in degrees.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

WGS84 = "EPSG:4326"
METRIC = "EPSG:32648"

#: Hanoi's extent with a margin, (min lon, min lat, max lon, max lat); used to spot swapped axes.
HANOI_BBOX = (105.25, 20.5, 106.05, 21.42)


def to_metric(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return ``frame`` transformed to EPSG:32648 (metres)."""
    return frame.to_crs(METRIC)


def locate(points: gpd.GeoDataFrame, polygons: gpd.GeoDataFrame, *, field: str) -> pd.Series:
    """For every point, the ``field`` value of the polygon that contains it (NA if none).

    Points on a shared border take the first polygon found. Both frames must share a CRS.
    """
    left = points[[points.geometry.name]].reset_index(drop=True)
    right = polygons[[field, polygons.geometry.name]].reset_index(drop=True)
    joined = gpd.sjoin(left, right, how="left", predicate="intersects")
    first = joined[~joined.index.duplicated(keep="first")].sort_index()
    return pd.Series(first[field].to_numpy(), index=points.index, name=field)


def in_bbox(lon: float, lat: float, bbox: tuple[float, float, float, float] = HANOI_BBOX) -> bool:
    """True when (lon, lat) lies inside ``bbox`` (min lon, min lat, max lon, max lat)."""
    return bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]
