"""Isochrone-like rings: how far a car gets in 15, 30 and 45 minutes — by the route designer's
estimate, not by a road network.

radius = speed × t ÷ detour, with the estimate router's defaults (``DEFAULT_SPEEDS_KMH["car"]``,
30 km/h, and ``DEFAULT_DETOUR_FACTOR``, 1.3; both our assumptions, see docs/routing.md): a
straight-line distance whose estimated road trip takes ``t``. The circles are built in EPSG:32648
(metres) and returned in EPSG:4326; every ring is labelled ``"estimate"``.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
from shapely.geometry import Point

from ocop_geo.geo import METRIC, WGS84
from ocop_geo.routing.estimate import DEFAULT_DETOUR_FACTOR, DEFAULT_SPEEDS_KMH

#: Ring times (minutes).
RING_MINUTES: tuple[int, ...] = (15, 30, 45)
#: Segments per quarter circle (the vertices lie on the circle; chords fall at most
#: radius × (1 − cos(π / 128)) ≈ 0.03 % inside it).
QUAD_SEGS = 64
#: How every ring is labelled in data and exports.
LABEL = "estimate"


def reach_m(
    minutes: float,
    *,
    speed_kmh: float = DEFAULT_SPEEDS_KMH["car"],
    detour_factor: float = DEFAULT_DETOUR_FACTOR,
) -> float:
    """Straight-line metres whose estimated car trip takes ``minutes``: speed × t ÷ detour."""
    return speed_kmh * 1000.0 * minutes / 60.0 / detour_factor


def rings(lon: float, lat: float, minutes: Sequence[float] = RING_MINUTES) -> gpd.GeoDataFrame:
    """One circle per ``minutes`` value around ``(lon, lat)``, largest first (draw order).

    Returns
    -------
    GeoDataFrame
        Columns ``minutes``, ``radius_m`` (metres), ``label`` (``"estimate"``) and polygon
        geometries in EPSG:4326, built as buffers in EPSG:32648.
    """
    centre = gpd.GeoSeries([Point(lon, lat)], crs=WGS84).to_crs(METRIC).iloc[0]
    ordered = sorted(minutes, reverse=True)
    radii = [reach_m(m) for m in ordered]
    circles = gpd.GeoSeries([centre.buffer(r, quad_segs=QUAD_SEGS) for r in radii], crs=METRIC)
    return gpd.GeoDataFrame(
        {"minutes": ordered, "radius_m": radii, "label": LABEL},
        geometry=circles.to_crs(WGS84).to_numpy(),
        crs=WGS84,
    )
