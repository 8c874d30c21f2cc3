"""The estimate router: geodesic length × a detour factor, at an assumed speed per travel mode.

It needs no road data and no network, so it always answers; its figures are estimates and every
route and export built on them says so (``EstimateRouter.estimate`` is True). Coordinates are
``(lon, lat)`` in EPSG:4326; lengths are measured on the WGS84 ellipsoid (``pyproj.Geod``), never
in degrees.

Default values and where they come from (assumptions, all configurable):

``DEFAULT_DETOUR_FACTOR = 1.3``
    Road length over straight-line length (the "circuity factor" or "detour index"). The
    literature measures it: Ballou, Rahardja & Sakai (2002), "Selected country circuity factors
    for road travel distance estimation", Transportation Research Part A 36(9), tabulate it by
    country; Boscoe, Henry & Zdeb (2012), "A nationwide comparison of driving distance versus
    straight-line distance to hospitals", The Professional Geographer 64(2), compare the two over
    more than 66,000 US locations and find local exceptions near shorelines and other barriers.
    1.3 is OUR assumption, not a value taken from either paper's tables, and no Hanoi figure was
    found; docs/routing.md checks it roughly against published "distance from the centre" figures.
``DEFAULT_SPEEDS_KMH``
    ``walk`` 5 and ``bicycle`` 15 are the default speeds of OSRM's bundled profiles
    (``profiles/foot.lua``, ``profiles/bicycle.lua``); ``car`` 30 and ``motorbike`` 25 are our
    assumed door-to-door averages for a day tour mixing city streets and suburban roads (no
    sourced Hanoi figure was found). Use the road graph or OSRM back end for real figures.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import cast

import numpy as np
from pyproj import Geod

from ocop_geo.i18n import Message
from ocop_geo.routing.base import (
    MODES,
    LonLat,
    Matrix,
    Mode,
    Path,
    RouteOptionError,
    RouterConfigError,
    RoutingError,
)

DEFAULT_DETOUR_FACTOR = 1.3
DEFAULT_SPEEDS_KMH: Mapping[Mode, float] = MappingProxyType(
    {"car": 30.0, "motorbike": 25.0, "bicycle": 15.0, "walk": 5.0}
)

_GEOD = Geod(ellps="WGS84")


def check_mode(mode: str) -> Mode:
    """Return ``mode`` if it is a known travel mode.

    Raises
    ------
    RouteOptionError
        (a ValueError) ``mode`` is not one of ``MODES``.
    """
    if mode not in MODES:
        modes = ", ".join(MODES)
        raise RouteOptionError(Message("routing.error.unknown_mode", mode=repr(mode), modes=modes))
    return cast(Mode, mode)


def check_points(points: list[LonLat]) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes of ``points`` as arrays, after checking every one.

    Raises
    ------
    RoutingError
        A point is not a finite ``(lon, lat)`` pair inside [-180, 180] × [-90, 90]; the message
        names its index.
    """
    for i, point in enumerate(points):
        try:
            lon, lat = (float(value) for value in point)
        except (TypeError, ValueError):
            error = Message("routing.error.point_not_pair", i=i, point=repr(point))
            raise RoutingError(error) from None
        if not (math.isfinite(lon) and math.isfinite(lat)):
            raise RoutingError(Message("routing.error.point_not_finite", i=i, point=repr(point)))
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise RoutingError(Message("routing.error.point_outside", i=i, lon=lon, lat=lat))
    arr = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    return arr[:, 0], arr[:, 1]


class EstimateRouter:
    """Straight-line (geodesic) length × ``detour_factor``; duration at ``speeds_kmh[mode]``.

    Parameters
    ----------
    detour_factor : float
        Road length over geodesic length, ≥ 1 (default ``DEFAULT_DETOUR_FACTOR``).
    speeds_kmh : mapping of mode to km/h, optional
        Speeds that replace the defaults for the modes given (``DEFAULT_SPEEDS_KMH``).

    Raises
    ------
    RouterConfigError
        (a ValueError) ``detour_factor`` < 1 or not finite (``OCOP_DETOUR_FACTOR``).
    ValueError
        A speed ≤ 0 or not finite, an unknown mode.
    """

    name = "estimate"
    estimate = True

    def __init__(
        self,
        *,
        detour_factor: float = DEFAULT_DETOUR_FACTOR,
        speeds_kmh: Mapping[Mode, float] | None = None,
    ) -> None:
        if not (math.isfinite(detour_factor) and detour_factor >= 1):
            error = Message("routing.error.detour_factor", value=repr(detour_factor))
            raise RouterConfigError(error)
        speeds = dict(DEFAULT_SPEEDS_KMH)
        for mode, speed in (speeds_kmh or {}).items():
            check_mode(mode)
            if not (math.isfinite(speed) and speed > 0):
                msg = f"speed for {mode!r} must be a finite number of km/h > 0, got {speed!r}"
                raise ValueError(msg)
            speeds[mode] = float(speed)
        self.detour_factor = float(detour_factor)
        self.speeds_kmh: Mapping[Mode, float] = MappingProxyType(speeds)

    def _metres_per_second(self, mode: str) -> float:
        return self.speeds_kmh[check_mode(mode)] / 3.6

    def matrix(self, points: list[LonLat], mode: Mode) -> Matrix:
        """Estimated distances (m) and durations (s) between every ordered pair of ``points``.

        Symmetric, zero on the diagonal. Raises ``ValueError`` for an unknown mode and
        ``RoutingError`` for a bad point (see ``check_points``).
        """
        speed = self._metres_per_second(mode)
        lon, lat = check_points(points)
        distance = _geodesic_m(lon, lat, lon, lat) * self.detour_factor
        np.fill_diagonal(distance, 0.0)
        return Matrix(distance_m=distance, duration_s=distance / speed)

    def matrix_between(self, sources: list[LonLat], targets: list[LonLat], mode: Mode) -> Matrix:
        """Estimated distances (m) and durations (s) from each source (rows) to each target
        (columns); always finite. Raises like ``matrix`` (point indices count the sources
        first, then the targets)."""
        speed = self._metres_per_second(mode)
        lon, lat = check_points([*sources, *targets])
        m = len(sources)
        distance = _geodesic_m(lon[:m], lat[:m], lon[m:], lat[m:]) * self.detour_factor
        return Matrix(distance_m=distance, duration_s=distance / speed)

    def path(self, a: LonLat, b: LonLat, mode: Mode) -> Path:
        """The leg ``a`` → ``b``: estimated length (m) and duration (s), drawn as the straight
        segment ``(a, b)``. Raises like ``matrix``."""
        speed = self._metres_per_second(mode)
        check_points([a, b])
        _, _, geodesic = _GEOD.inv(a[0], a[1], b[0], b[1])
        distance = float(geodesic) * self.detour_factor
        return Path(distance_m=distance, duration_s=distance / speed, coords=(a, b))


def _geodesic_m(
    lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray
) -> np.ndarray:
    """Geodesic metres (WGS84) from each point 1 (rows) to each point 2 (columns)."""
    m, n = len(lon1), len(lon2)
    _, _, geodesic = _GEOD.inv(np.repeat(lon1, n), np.repeat(lat1, n), np.tile(lon2, m),
                               np.tile(lat2, m))  # fmt: skip
    return np.asarray(geodesic, dtype=np.float64).reshape(m, n)
