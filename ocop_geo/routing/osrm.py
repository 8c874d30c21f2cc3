"""OSRM back end: road distances, times and geometry from an OSRM server's HTTP API (v1).

The ``table`` service (``annotations=duration,distance``) gives the matrix — with ``sources=`` and
``destinations=`` index lists, a sources × targets one — and the ``route`` service
(``overview=full&geometries=geojson``) one leg's line; see ``docs/http.md`` in
github.com/Project-OSRM/osrm-backend. Requests use :mod:`urllib` from the standard library.
Every failure — server down, HTTP error, ``code`` other than ``"Ok"``, a ``null`` table entry
(no route; ``inf`` in ``matrix_between`` instead), a stop snapped farther than ``max_snap_m`` —
becomes a :class:`RoutingError` that names the URL and, where it can be told, the stop index.

How it is tested: OSRM cannot be built or run on the project's machines (no Debian package; the
PyPI sdist is a long C++ build), so ``tests/test_routing_osrm.py`` starts a small HTTP server on
127.0.0.1 that answers ``table`` and ``route`` requests in OSRM's documented JSON format,
computing its answers from a :class:`~ocop_geo.routing.roadgraph.RoadGraph` built from the test's
OSM file. The test checks that this client sends well-formed requests and parses real-shaped
answers; it does not check OSRM's own routing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

import numpy as np

from ocop_geo.i18n import Message
from ocop_geo.routing._reach import unreachable_error
from ocop_geo.routing.base import LonLat, Matrix, Mode, Path, RouterConfigError, RoutingError
from ocop_geo.routing.estimate import check_mode, check_points
from ocop_geo.routing.roadgraph import MAX_SNAP_M

#: OSRM profile per mode: the names of OSRM's bundled profiles (``car``, ``bike``, ``foot``).
#: OSRM has no motorbike profile; motorbikes use the car server unless mapped otherwise.
DEFAULT_PROFILES: dict[Mode, str] = {
    "car": "car",
    "motorbike": "car",
    "bicycle": "bike",
    "walk": "foot",
}
_COORDINATE = re.compile(r"coordinate (\d+)")


class OsrmRouter:
    """The Router (see :mod:`ocop_geo.routing.base`) backed by an OSRM server.

    Parameters
    ----------
    base_url : str
        Server root, e.g. ``http://osrm.intranet:5000`` (``http`` or ``https``).
    timeout_s : float
        Seconds to wait for each answer.
    profiles : mapping of mode to str, optional
        OSRM profile name per mode (default :data:`DEFAULT_PROFILES`).
    max_snap_m : float
        Farthest distance (m) OSRM may move a stop to reach a road.

    Raises
    ------
    RouterConfigError
        (a ValueError) ``base_url`` is not an http(s) URL.
    """

    name = "osrm"
    estimate = False

    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 10,
        profiles: Mapping[Mode, str] | None = None,
        max_snap_m: float = MAX_SNAP_M,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise RouterConfigError(Message("routing.error.osrm_url", url=repr(base_url)))
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.profiles = {**DEFAULT_PROFILES, **(profiles or {})}
        self.max_snap_m = max_snap_m

    def matrix(self, points: list[LonLat], mode: Mode) -> Matrix:
        """Distances (m) and durations (s) between every ordered pair, from the ``table`` service.

        Raises
        ------
        RoutingError
            The server fails, or a pair has no route (the message names the stop).
        """
        n = len(points)
        if n == 0:
            return Matrix(distance_m=np.zeros((0, 0)), duration_s=np.zeros((0, 0)))
        url = self._url("table", points, mode, annotations="duration,distance")
        distances, durations = self._table(url, mode, n, n)
        reachable = np.isfinite(durations) & np.isfinite(distances)  # null → nan
        if not reachable.all():
            raise unreachable_error(reachable, mode, f"OSRM {url}")
        return Matrix(distance_m=distances, duration_s=durations)

    def matrix_between(self, sources: list[LonLat], targets: list[LonLat], mode: Mode) -> Matrix:
        """Distances (m) and durations (s) from each source (rows) to each target (columns), from
        one ``table`` request with ``sources=`` and ``destinations=`` index lists; ``inf`` for a
        pair with no route (``null`` in the answer).

        Raises
        ------
        RoutingError
            The server fails, or a stop cannot be snapped (stop indices count the sources
            first, then the targets, as in the request's coordinates).
        """
        m, n = len(sources), len(targets)
        if m == 0 or n == 0:
            check_points([*sources, *targets])
            return Matrix(distance_m=np.zeros((m, n)), duration_s=np.zeros((m, n)))
        url = self._url(
            "table",
            [*sources, *targets],
            mode,
            sources=";".join(map(str, range(m))),
            destinations=";".join(map(str, range(m, m + n))),
            annotations="duration,distance",
        )
        distances, durations = self._table(url, mode, m, n, destinations=m)
        unreachable = ~(np.isfinite(durations) & np.isfinite(distances))  # null → nan
        distances[unreachable] = durations[unreachable] = np.inf
        return Matrix(distance_m=distances, duration_s=durations)

    def _table(
        self, url: str, mode: Mode, m: int, n: int, *, destinations: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``m × n`` distances and durations (``nan`` for ``null``) of a ``table`` answer,
        after checking the snaps of its sources and, when ``destinations`` is the index of the
        first destination in the request, of its destinations."""
        data = self._get(url, mode)
        self._check_snaps(data.get("sources"), url)
        if destinations is not None:
            self._check_snaps(data.get("destinations"), url, first=destinations)
        try:
            durations = np.array(data["durations"], dtype=np.float64).reshape(m, n)
            distances = np.array(data["distances"], dtype=np.float64).reshape(m, n)
        except (KeyError, TypeError, ValueError) as exc:
            error = Message("routing.error.osrm_table", m=m, n=n, detail=str(exc), url=url)
            raise RoutingError(error) from None
        return distances, durations

    def path(self, a: LonLat, b: LonLat, mode: Mode) -> Path:
        """The fastest route from ``a`` to ``b`` (``route`` service): length (m), time (s) and
        the full road geometry (EPSG:4326) from the snapped start to the snapped end.

        Raises
        ------
        RoutingError
            The server fails or finds no route (stop 0 is ``a``, stop 1 is ``b``).
        """
        url = self._url("route", [a, b], mode, overview="full", geometries="geojson")
        data = self._get(url, mode)
        self._check_snaps(data.get("waypoints"), url)
        try:
            route = data["routes"][0]
            coords = tuple((float(c[0]), float(c[1])) for c in route["geometry"]["coordinates"])
            return Path(float(route["distance"]), float(route["duration"]), coords)
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            error = Message("routing.error.osrm_route", detail=str(exc), url=url)
            raise RoutingError(error) from None

    def _url(self, service: str, points: list[LonLat], mode: Mode, **options: str) -> str:
        profile = self.profiles[check_mode(mode)]
        coords = ";".join(f"{x:.6f},{y:.6f}" for x, y in zip(*check_points(points), strict=True))
        query = urlencode(options, safe=",;")
        return f"{self.base_url}/{service}/v1/{profile}/{coords}?{query}"

    def _get(self, url: str, mode: Mode) -> dict[str, Any]:
        """The JSON answer of ``url`` when its ``code`` is ``"Ok"``; a RoutingError otherwise."""
        request = Request(url, headers={"Accept": "application/json"})  # noqa: S310 (http(s) only: checked in __init__)
        try:
            with urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310 (as above)
                body = response.read()
        except HTTPError as exc:  # OSRM answers errors with HTTP 400 and a JSON body
            body = exc.read()
        except (URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            error = Message("routing.error.osrm_down", reason=str(reason), url=url)
            raise RoutingError(error) from None
        try:
            data = json.loads(body)
        except ValueError:
            error = Message("routing.error.osrm_not_json", body=repr(body[:80]), url=url)
            raise RoutingError(error) from None
        if not isinstance(data, dict) or data.get("code") != "Ok":
            raise RoutingError(_failure(data, mode, url))
        return data

    def _check_snaps(self, waypoints: Any, url: str, *, first: int = 0) -> None:
        """Refuse a stop that OSRM moved farther than ``max_snap_m`` to reach a road (the
        waypoints are stops ``first``, ``first + 1``, …)."""
        for i, waypoint in enumerate(waypoints or [], start=first):
            gap = float((waypoint or {}).get("distance") or 0.0)
            if gap > self.max_snap_m:
                limit = self.max_snap_m
                error = Message("routing.error.osrm_snap", i=i, gap=gap, limit=limit, url=url)
                raise RoutingError(error)


def _failure(data: Any, mode: Mode, url: str) -> Message:
    """A message for an OSRM answer whose ``code`` is not ``"Ok"``, naming the stop if it can."""
    code = data.get("code", "?") if isinstance(data, dict) else "?"
    detail = str(data.get("message", "")) if isinstance(data, dict) else ""
    if code in ("NoRoute", "NoTable"):
        return Message("routing.error.osrm_no_route", mode=mode, code=code, url=url)
    said: Message | str = detail or Message("routing.error.osrm_no_message")
    if found := _COORDINATE.search(detail):
        return Message(
            "routing.error.osrm_failed_stop", i=found[1], code=code, detail=said, url=url
        )
    return Message("routing.error.osrm_failed", code=code, detail=said, url=url)
