"""The OSRM client against a local stand-in server.

OSRM cannot be built or run here, so a small HTTP server on 127.0.0.1 answers ``table`` and
``route`` requests in OSRM's documented JSON format (github.com/Project-OSRM/osrm-backend,
docs/http.md), computing its figures with the road-graph router on the extract of tests/roads.py.
Like OSRM it returns ``distances`` only when asked with ``annotations``, the table's rows and
columns for the ``sources``/``destinations`` index lists (``;``-separated, default ``all``), the
full line only with ``overview=full`` and GeoJSON only with ``geometries=geojson``, ``null`` for a
pair with no route, and HTTP 400 with a ``code`` for errors.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

import numpy as np
import pytest

from ocop_geo.routing.base import RoutingError
from ocop_geo.routing.osrm import DEFAULT_PROFILES, OsrmRouter
from ocop_geo.routing.roadgraph import RoadGraphRouter
from tests.roads import NODES, build, write_xml


class FakeOsrm(BaseHTTPRequestHandler):
    """Answers ``/{service}/v1/{profile}/{lon,lat;…}?…`` from a RoadGraphRouter."""

    router: ClassVar[RoadGraphRouter]
    forced: ClassVar[tuple[int, dict[str, Any]] | None] = None
    requested: ClassVar[list[str]] = []  # the paths asked for (a fresh list per test's handler)
    modes: ClassVar[dict[str, str]] = {"car": "car", "bike": "bicycle", "foot": "walk"}

    def do_GET(self) -> None:  # http.server's name
        status, body = self.forced or self.answer()
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: Any) -> None:  # keep the test output quiet
        return

    def answer(self) -> tuple[int, dict[str, Any]]:
        self.requested.append(self.path)
        url = urlsplit(self.path)
        parts = unquote(url.path).strip("/").split("/")
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if len(parts) != 4 or parts[1] != "v1" or parts[2] not in self.modes:
            return 400, {"code": "InvalidUrl", "message": f"URL string malformed: {self.path}"}
        service, mode = parts[0], self.modes[parts[2]]
        points = [tuple(float(v) for v in c.split(",")) for c in parts[3].split(";")]
        waypoints = []
        for i, point in enumerate(points):
            try:
                (snap,) = self.router.snap([point], mode)
            except RoutingError:
                message = f"Could not find a matching segment for coordinate {i}"
                return 400, {"code": "NoSegment", "message": message}
            waypoints.append({"hint": "", "distance": snap.distance_m, "name": "",
                              "location": list(snap.lonlat)})  # fmt: skip
        if service == "table":
            return 200, self.table(points, mode, query, waypoints)
        if service == "route":
            return self.route(points, mode, query, waypoints)
        return 400, {"code": "InvalidService", "message": f"Service {service} not found!"}

    def leg(self, a: Any, b: Any, mode: Any) -> Any:
        try:
            return self.router.path(a, b, mode)
        except RoutingError:
            return None

    def table(self, points: list, mode: str, query: dict, waypoints: list) -> dict[str, Any]:
        rows, cols = (self.indices(query.get(k, "all"), len(points))
                      for k in ("sources", "destinations"))  # fmt: skip
        legs = [[self.leg(points[i], points[j], mode) for j in cols] for i in rows]
        body: dict[str, Any] = {"code": "Ok", "sources": [waypoints[i] for i in rows],
                                "destinations": [waypoints[j] for j in cols]}  # fmt: skip
        wanted = query.get("annotations", "duration").split(",")
        for name in ("duration", "distance"):
            if name in wanted:
                body[f"{name}s"] = [
                    [getattr(p, f"{name}_s" if name == "duration" else "distance_m", None)
                     if p else None for p in row] for row in legs
                ]  # fmt: skip
        return body

    @staticmethod
    def indices(value: str, n: int) -> list[int]:
        """A ``sources``/``destinations`` parameter: ``all`` or ``;``-separated indices."""
        return list(range(n)) if value == "all" else [int(i) for i in value.split(";")]

    def route(self, points: list, mode: str, query: dict, waypoints: list) -> tuple[int, dict]:
        path = self.leg(points[0], points[-1], mode)
        if path is None:
            return 400, {"code": "NoRoute", "message": "Impossible route between points"}
        coords = [list(c) for c in path.coords]
        if query.get("overview", "simplified") != "full":
            coords = [coords[0], coords[-1]]
        geometry: Any = {"type": "LineString", "coordinates": coords}
        if query.get("geometries", "polyline") != "geojson":
            geometry = "_p~iF~ps|U_ulLnnqC"  # an encoded polyline, as OSRM's default
        route = {"geometry": geometry, "distance": path.distance_m, "duration": path.duration_s,
                 "weight_name": "routability", "weight": path.duration_s,
                 "legs": [{"distance": path.distance_m, "duration": path.duration_s,
                           "steps": [], "summary": "", "weight": path.duration_s}]}  # fmt: skip
        return 200, {"code": "Ok", "routes": [route], "waypoints": waypoints}


@pytest.fixture(scope="module")
def graph_router(tmp_path_factory: pytest.TempPathFactory) -> RoadGraphRouter:
    graph, _ = build(write_xml(tmp_path_factory.mktemp("osm") / "grid.osm"))
    return RoadGraphRouter(graph)


@pytest.fixture
def handler(graph_router: RoadGraphRouter) -> type[FakeOsrm]:
    """A handler class of its own per test, so that ``forced`` answers do not leak."""
    return type("Handler", (FakeOsrm,), {"router": graph_router, "forced": None, "requested": []})


@pytest.fixture
def server(handler: type[FakeOsrm]) -> Iterator[str]:
    """The stand-in server's root URL (a random free port on 127.0.0.1)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


GRID = [NODES[2], NODES[8], NODES[6], NODES[1]]


@pytest.mark.parametrize("mode", ["car", "bicycle", "walk"])
def test_matrix_equals_the_graph_figures(
    server: str, graph_router: RoadGraphRouter, mode: Any
) -> None:
    got = OsrmRouter(server).matrix(GRID, mode)
    want = graph_router.matrix(GRID, mode)
    np.testing.assert_allclose(got.duration_s, want.duration_s, rtol=1e-9)
    np.testing.assert_allclose(got.distance_m, want.distance_m, rtol=1e-9)


def test_car_matrix_keeps_the_one_way_asymmetry(server: str) -> None:
    matrix = OsrmRouter(server).matrix([NODES[2], NODES[8]], "car")
    assert matrix.distance_m[1, 0] > 1.9 * matrix.distance_m[0, 1]


def test_path_equals_the_graph_path(server: str, graph_router: RoadGraphRouter) -> None:
    got = OsrmRouter(server).path(NODES[8], NODES[2], "car")
    want = graph_router.path(NODES[8], NODES[2], "car")
    assert got.coords == want.coords
    assert len(got.coords) == 5  # the full line round the one-way street
    assert got.distance_m == pytest.approx(want.distance_m, rel=1e-12)
    assert got.duration_s == pytest.approx(want.duration_s, rel=1e-12)


def test_a_null_table_entry_names_the_unreachable_stop(server: str) -> None:
    with pytest.raises(RoutingError, match=r"stop 2 cannot be reached by car .*/table/v1/car/"):
        OsrmRouter(server).matrix([NODES[1], NODES[9], NODES[14]], "car")


def test_no_route_for_a_path_is_a_routing_error(server: str) -> None:
    with pytest.raises(RoutingError, match=r"NoRoute.*/route/v1/car/"):
        OsrmRouter(server).path(NODES[13], NODES[1], "car")


def test_a_stop_osrm_cannot_snap_is_named(server: str) -> None:
    with pytest.raises(RoutingError, match=r"stop 1: OSRM answered NoSegment"):
        OsrmRouter(server).matrix([NODES[1], NODES[12]], "walk")


def test_a_stop_moved_too_far_is_refused(server: str) -> None:
    near = (NODES[5][0], NODES[5][1] + 0.0004)  # ≈ 44 m from node 5
    assert OsrmRouter(server).matrix([NODES[1], near], "car").duration_s[0, 1] > 0
    with pytest.raises(RoutingError, match=r"stop 1 is 44 m from the nearest road .*limit 10 m"):
        OsrmRouter(server, max_snap_m=10).matrix([NODES[1], near], "car")


def test_an_error_code_is_a_routing_error_with_the_url(
    server: str, handler: type[FakeOsrm]
) -> None:
    router = OsrmRouter(server)
    handler.forced = (400, {"code": "TooBig", "message": "Too many table coordinates"})
    with pytest.raises(RoutingError, match=r"OSRM answered TooBig: Too many table coordinates; "):
        router.matrix(GRID, "car")
    handler.forced = (200, {"code": "InvalidQuery"})
    with pytest.raises(RoutingError, match=rf"InvalidQuery: no message; {server}/route/v1/foot/"):
        router.path(NODES[1], NODES[2], "walk")


def test_a_server_that_is_down_is_a_routing_error() -> None:
    with socket.socket() as sock:  # a port that nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    router = OsrmRouter(f"http://127.0.0.1:{port}", timeout_s=2)
    with pytest.raises(RoutingError, match=rf"does not answer .*127\.0\.0\.1:{port}/table/v1/car/"):
        router.matrix(GRID, "car")


def test_profiles_and_url_checks() -> None:
    assert OsrmRouter("http://osrm.local/", profiles={"motorbike": "moto"}).profiles == {
        **DEFAULT_PROFILES,
        "motorbike": "moto",
    }
    with pytest.raises(ValueError, match="expected http"):
        OsrmRouter("osrm.local:5000")


@pytest.mark.parametrize("mode", ["car", "bicycle", "walk"])
def test_matrix_between_asks_one_table_with_sources_and_destinations(
    server: str, handler: type[FakeOsrm], graph_router: RoadGraphRouter, mode: Any
) -> None:
    sources, targets = GRID[:2], [*GRID[2:], NODES[9], NODES[4]]
    got = OsrmRouter(server).matrix_between(sources, targets, mode)
    want = graph_router.matrix_between(sources, targets, mode)
    assert got.distance_m.shape == got.duration_s.shape == (2, 4)
    np.testing.assert_allclose(got.duration_s, want.duration_s, rtol=1e-9)
    np.testing.assert_allclose(got.distance_m, want.distance_m, rtol=1e-9)
    (path,) = handler.requested
    assert "/table/v1/" in path
    assert "sources=0;1&destinations=2;3;4;5&" in path  # OSRM's index lists, ";" unescaped


def test_matrix_between_turns_null_entries_into_inf(server: str) -> None:
    sources = [NODES[1], NODES[14]]  # the grid and the island
    targets = [NODES[9], NODES[15], NODES[2]]
    with pytest.raises(RoutingError, match="cannot be reached"):  # the square matrix refuses
        OsrmRouter(server).matrix([*sources, *targets], "car")
    got = OsrmRouter(server).matrix_between(sources, targets, "car")
    reachable = np.array([[True, False, True], [False, True, False]])
    np.testing.assert_array_equal(np.isfinite(got.distance_m), reachable)
    np.testing.assert_array_equal(np.isfinite(got.duration_s), reachable)
    assert np.isinf(got.duration_s[~reachable]).all()


def test_matrix_between_names_a_destination_moved_too_far_after_the_sources(server: str) -> None:
    near = (NODES[5][0], NODES[5][1] + 0.0004)  # ≈ 44 m from node 5
    router = OsrmRouter(server, max_snap_m=10)
    with pytest.raises(RoutingError, match=r"stop 3 is 44 m from the nearest road .*limit 10 m"):
        router.matrix_between([NODES[1], NODES[2]], [NODES[8], near], "car")
    with pytest.raises(RoutingError, match=r"stop 3: OSRM answered NoSegment"):
        OsrmRouter(server).matrix_between([NODES[1]], [NODES[2], NODES[8], NODES[12]], "walk")
    assert router.matrix_between([], [NODES[8]], "car").distance_m.shape == (0, 1)
