"""The road-graph router on a small OSM extract (tests/roads.py): paths, one-way streets, the
modes' road classes, unreachable stops, snapping, clipping to Hanoi and the graph file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ocop_geo.routing.base import Mode, RoutingError
from ocop_geo.routing.roadgraph import MAX_SNAP_M, RoadGraph, RoadGraphError, RoadGraphRouter
from ocop_geo.routing.roads_profile import CAR_KMH, WALK_KMH, way_speeds
from tests.roads import GEOD, NODES, build, count_searches, line_length, write_pbf, write_xml


@pytest.fixture(scope="module", params=["osm", "osm.pbf"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """The fixture extract read through the XML reader and through the PBF reader."""
    path = tmp_path_factory.mktemp("osm") / f"grid.{request.param}"
    (write_xml if request.param == "osm" else write_pbf)(path)
    return build(path)


@pytest.fixture(scope="module")
def router(built: tuple) -> RoadGraphRouter:
    return RoadGraphRouter(built[0])


def node_ids(coords: tuple) -> list[int]:
    """The fixture node ids a path's coordinates pass through."""
    by_position = {pos: n for n, pos in NODES.items()}
    return [by_position[min(by_position, key=lambda p: GEOD.inv(*p, *c)[2])] for c in coords]


def leg(router: RoadGraphRouter, a: int, b: int, mode: Mode) -> tuple[list[int], float, float]:
    path = router.path(NODES[a], NODES[b], mode)
    return node_ids(path.coords), path.distance_m, path.duration_s


def test_xml_and_pbf_readers_build_the_same_graph(tmp_path: Path) -> None:
    from_xml, _ = build(write_xml(tmp_path / "grid.osm"))
    from_pbf, _ = build(write_pbf(tmp_path / "grid.osm.pbf"))
    np.testing.assert_array_equal(from_xml.lon, from_pbf.lon)
    for mode, edges in from_xml.edges.items():
        np.testing.assert_array_equal(edges.indices, from_pbf.edges[mode].indices)
        np.testing.assert_array_equal(edges.duration_s, from_pbf.edges[mode].duration_s)


def test_clipping_drops_the_road_outside_hanoi(built: tuple) -> None:
    graph, counts = built
    assert counts == {"kept": 10, "outside": 1, "unusable": 1, "incomplete": 0}
    assert graph.node_count == 14  # grid 9, motorway 2, dead end 1, island 2
    assert graph.lon.max() < 106.0  # the Hải Dương road (lon 106.5) is gone
    near_16 = np.hypot(graph.lon - NODES[16][0], graph.lat - NODES[16][1]) < 1e-6
    assert not near_16.any()  # the private service road's end is gone


def test_fastest_path_follows_the_expected_nodes_and_lengths(router: RoadGraphRouter) -> None:
    nodes, metres, seconds = leg(router, 2, 8, "car")
    assert nodes == [2, 5, 8]  # the one-way tertiary, faster than residential streets
    assert metres == pytest.approx(line_length([2, 5, 8]), rel=1e-6)
    assert seconds == pytest.approx(metres / (CAR_KMH["tertiary"] / 3.6), rel=1e-6)


def test_a_car_goes_round_the_one_way_street_a_walker_does_not(router: RoadGraphRouter) -> None:
    forward = router.path(NODES[2], NODES[8], "car")
    nodes, back_m, _ = leg(router, 8, 2, "car")
    assert 5 not in nodes
    assert back_m == pytest.approx(line_length([8, 7, 4, 1, 2]), rel=1e-6)
    assert back_m > 1.9 * forward.distance_m
    walk_nodes, walk_m, walk_s = leg(router, 8, 2, "walk")
    assert walk_nodes == [8, 5, 2]
    assert walk_m == pytest.approx(line_length([8, 5, 2]), rel=1e-6)
    assert walk_s == pytest.approx(walk_m / (WALK_KMH["tertiary"] / 3.6), rel=1e-6)


def test_matrix_is_asymmetric_for_cars_and_matches_the_paths(router: RoadGraphRouter) -> None:
    points = [NODES[2], NODES[8], NODES[6]]
    car = router.matrix(points, "car")
    assert car.distance_m[0, 1] == pytest.approx(line_length([2, 5, 8]), rel=1e-6)
    assert car.distance_m[1, 0] == pytest.approx(line_length([8, 7, 4, 1, 2]), rel=1e-6)
    assert np.all(np.diag(car.duration_s) == 0)
    for i, a in enumerate(points):
        for j, b in enumerate(points):
            path = router.path(a, b, "car")
            assert car.distance_m[i, j] == pytest.approx(path.distance_m, rel=1e-9)
            assert car.duration_s[i, j] == pytest.approx(path.duration_s, rel=1e-9)
    walk = router.matrix(points, "walk")
    np.testing.assert_allclose(walk.distance_m, walk.distance_m.T, rtol=1e-6)


def test_a_car_cannot_use_the_footway(router: RoadGraphRouter) -> None:
    car_nodes, car_m, _ = leg(router, 1, 5, "car")
    assert car_nodes == [1, 2, 5]
    assert car_m == pytest.approx(line_length([1, 2, 5]), rel=1e-6)
    walk_nodes, walk_m, _ = leg(router, 1, 5, "walk")
    assert walk_nodes == [1, 5]
    assert walk_m == pytest.approx(line_length([1, 5]), rel=1e-6)


def test_a_pedestrian_cannot_use_the_motorway(router: RoadGraphRouter) -> None:
    nodes, metres, seconds = leg(router, 9, 12, "car")
    assert nodes == [9, 11, 12]
    assert seconds == pytest.approx(metres / (CAR_KMH["motorway"] / 3.6), rel=1e-6)
    for mode in ("walk", "bicycle", "motorbike"):
        with pytest.raises(RoutingError, match=rf"stop 1 .* nearest road usable by {mode}"):
            router.path(NODES[9], NODES[12], mode)


@pytest.mark.parametrize("mode", ["car", "walk"])
def test_a_stop_on_a_disconnected_road_is_named(router: RoadGraphRouter, mode: Mode) -> None:
    with pytest.raises(RoutingError, match=rf"stop 2 cannot be reached by {mode} from stop 0"):
        router.matrix([NODES[1], NODES[9], NODES[14]], mode)


def test_a_one_way_trap_is_named_for_cars_only(router: RoadGraphRouter) -> None:
    points = [NODES[1], NODES[13], NODES[9]]
    with pytest.raises(RoutingError, match=r"no road usable by car leads from stop 1 to stop 0"):
        router.matrix(points, "car")
    walk = router.matrix(points, "walk")
    assert np.isfinite(walk.duration_s).all()
    with pytest.raises(RoutingError, match="stop 0"):
        router.path(NODES[13], NODES[1], "car")


def test_snapping_reports_the_distance_and_refuses_far_stops(router: RoadGraphRouter) -> None:
    near = (NODES[5][0], NODES[5][1] + 0.0004)  # ≈ 44 m north of node 5
    (snap,) = router.snap([near], "car")
    assert snap.lonlat == pytest.approx(NODES[5])
    assert snap.distance_m == pytest.approx(GEOD.inv(*near, *NODES[5])[2], rel=1e-9)
    far = (NODES[1][0], NODES[1][1] - 0.025)  # ≈ 2.8 km south of the grid
    assert GEOD.inv(*far, *NODES[1])[2] > MAX_SNAP_M
    with pytest.raises(RoutingError, match=r"stop 1 \(105\.840000, 21\.005000\) is 2,7\d\d m"):
        router.matrix([NODES[1], far], "walk")


def test_the_graph_file_loads_back_to_the_same_graph(built: tuple, tmp_path: Path) -> None:
    graph = built[0]
    path = tmp_path / "var" / "roads.npz"
    size = graph.save(path)
    assert size == path.stat().st_size
    assert [p.name for p in path.parent.iterdir()] == ["roads.npz"]  # no temporary file left
    loaded = RoadGraph.load(path)
    np.testing.assert_array_equal(loaded.lon, graph.lon)
    np.testing.assert_array_equal(loaded.lat, graph.lat)
    for mode, edges in graph.edges.items():
        for part in ("indptr", "indices", "length_m", "duration_s"):
            np.testing.assert_array_equal(getattr(loaded.edges[mode], part), getattr(edges, part))
    assert loaded.meta["source"] == graph.meta["source"]
    again = RoadGraphRouter(loaded).matrix([NODES[2], NODES[8]], "car")
    before = RoadGraphRouter(graph).matrix([NODES[2], NODES[8]], "car")
    np.testing.assert_array_equal(again.duration_s, before.duration_s)


def test_a_missing_or_foreign_graph_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RoadGraphError, match=r"missing\.npz: no road graph; .*roads import"):
        RoadGraph.load(tmp_path / "missing.npz")
    other = tmp_path / "other.npz"
    np.savez_compressed(other, lon=np.zeros(2))
    with pytest.raises(RoadGraphError, match=r"other\.npz: not a road graph"):
        RoadGraph.load(other)


@pytest.mark.parametrize(
    ("tags", "mode", "directions"),
    [
        ({"highway": "primary", "motor_vehicle": "no"}, "car", (False, False)),
        ({"highway": "primary", "motor_vehicle": "no"}, "motorbike", (False, False)),
        ({"highway": "primary", "motor_vehicle": "no"}, "bicycle", (True, True)),
        ({"highway": "residential", "bicycle": "no"}, "bicycle", (False, False)),
        ({"highway": "residential", "bicycle": "no"}, "car", (True, True)),
        ({"highway": "residential", "foot": "no"}, "walk", (False, False)),
        ({"highway": "service", "access": "private"}, "walk", (False, False)),
        ({"highway": "residential", "access": "no", "foot": "yes"}, "walk", (True, True)),
        ({"highway": "residential", "access": "no", "foot": "yes"}, "car", (False, False)),
        ({"highway": "footway"}, "bicycle", (False, False)),
        ({"highway": "footway", "bicycle": "yes"}, "bicycle", (True, True)),
        ({"highway": "motorway", "oneway": "no"}, "motorbike", (False, False)),
        ({"highway": "motorway"}, "car", (True, False)),  # implied one-way, as in OSRM
        ({"highway": "residential", "oneway": "-1"}, "car", (False, True)),
        ({"highway": "residential", "oneway": "-1"}, "walk", (True, True)),
        ({"highway": "residential", "oneway": "yes"}, "bicycle", (True, True)),
        ({"highway": "residential", "oneway:bicycle": "yes"}, "bicycle", (True, False)),
        ({"highway": "primary", "junction": "roundabout"}, "motorbike", (True, False)),
        ({"highway": "primary", "oneway": "reversible"}, "car", (False, False)),
        ({"highway": "primary", "area": "yes"}, "walk", (False, False)),
    ],
)
def test_access_and_one_way_tags(
    tags: dict[str, str], mode: Mode, directions: tuple[bool, bool]
) -> None:
    forward, backward = way_speeds(tags, mode)
    assert (forward > 0, backward > 0) == directions


def test_maxspeed_caps_car_speed() -> None:
    assert way_speeds({"highway": "primary", "maxspeed": "30"}, "car") == (30.0, 30.0)
    assert way_speeds({"highway": "primary", "maxspeed": "30"}, "walk") == (5.0, 5.0)
    assert way_speeds({"highway": "primary", "maxspeed": "20 mph"}, "car")[0] == pytest.approx(
        32.18688
    )


def test_a_tour_searches_once_per_stop_and_its_legs_match_fresh_paths(
    built: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ocop_geo.routing.base import Stop
    from ocop_geo.routing.tour import plan_route

    searches = count_searches(monkeypatch)
    ids = [2, 8, 6, 4]
    stops = [Stop(f"n{i}", f"Nút {i}", f"Node {i}", *NODES[i], 30) for i in ids]
    route = plan_route(stops, RoadGraphRouter(built[0]), mode="car", round_trip=True)
    assert len(route.legs) == len(ids)
    assert len(searches) == len(ids)  # the matrix's searches; each leg reuses its stop's
    monkeypatch.undo()
    fresh = RoadGraphRouter(built[0])
    for leg in route.legs:
        a, b = (next(s.lonlat for s in stops if s.id == sid) for sid in (leg.from_id, leg.to_id))
        path = fresh.path(a, b, "car")
        assert leg.coords == path.coords
        assert leg.distance_m == pytest.approx(path.distance_m, rel=1e-12)
        assert leg.duration_s == pytest.approx(path.duration_s, rel=1e-12)


def test_the_router_keeps_a_bounded_number_of_searches(
    built: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ocop_geo.routing import roadgraph

    monkeypatch.setattr(roadgraph, "KEPT_SEARCHES", 2)
    router = RoadGraphRouter(built[0])
    points = [NODES[2], NODES[8], NODES[6], NODES[4]]
    matrix = router.matrix(points, "walk")
    assert len(router._searches) == 2  # the last two sources only
    fresh = RoadGraphRouter(built[0])
    for i, a in enumerate(points):  # kept or searched again, the figures are the same
        for j, b in enumerate(points):
            path = router.path(a, b, "walk")
            assert path == fresh.path(a, b, "walk")
            assert matrix.duration_s[i, j] == pytest.approx(path.duration_s, rel=1e-9)
            assert len(router._searches) <= 2


@pytest.mark.parametrize("mode", ["car", "walk"])
def test_matrix_between_searches_from_the_sources_only_and_matches_the_matrix(
    built: tuple, monkeypatch: pytest.MonkeyPatch, mode: Mode
) -> None:
    sources = [NODES[2], NODES[8], NODES[2]]  # the same source twice: searched once
    targets = [NODES[6], NODES[4], NODES[9], NODES[1], NODES[7]]
    square = RoadGraphRouter(built[0]).matrix([*sources[:2], *targets], mode)
    router = RoadGraphRouter(built[0])
    searches = count_searches(monkeypatch)
    between = router.matrix_between(sources, targets, mode)
    assert len(searches) == 2  # one per distinct source, none per target
    assert between.distance_m.shape == between.duration_s.shape == (3, 5)
    np.testing.assert_allclose(between.distance_m[:2], square.distance_m[:2, 2:], rtol=1e-12)
    np.testing.assert_allclose(between.duration_s[:2], square.duration_s[:2, 2:], rtol=1e-12)
    np.testing.assert_array_equal(between.distance_m[2], between.distance_m[0])
    again = router.matrix_between(sources[:2], targets[1:], mode)  # kept searches cover these
    assert len(searches) == 2
    np.testing.assert_array_equal(again.distance_m, between.distance_m[:2, 1:])
    for i, a in enumerate(sources):  # and the legs reuse them too
        for j, b in enumerate(targets):
            path = router.path(a, b, mode)
            assert between.duration_s[i, j] == pytest.approx(path.duration_s, rel=1e-9)
            assert between.distance_m[i, j] == pytest.approx(path.distance_m, rel=1e-9)
    assert len(searches) == 2


def test_matrix_between_marks_unreachable_pairs_inf_instead_of_refusing(
    router: RoadGraphRouter,
) -> None:
    sources = [NODES[1], NODES[13], NODES[14]]  # the grid, the one-way trap, the island
    targets = [NODES[9], NODES[15], NODES[13]]
    with pytest.raises(RoutingError):  # the square matrix refuses all of it
        router.matrix([*sources, *targets], "car")
    between = router.matrix_between(sources, targets, "car")
    reachable = np.array([[True, False, True], [False, False, True], [False, True, False]])
    np.testing.assert_array_equal(np.isfinite(between.distance_m), reachable)
    np.testing.assert_array_equal(np.isfinite(between.duration_s), reachable)
    assert np.isinf(between.distance_m[~reachable]).all()
    assert between.distance_m[0, 0] == pytest.approx(
        router.path(NODES[1], NODES[9], "car").distance_m
    )
    assert between.distance_m[1, 2] == 0  # from the trap to itself


def test_matrix_between_refuses_a_far_target_naming_it_after_the_sources(
    router: RoadGraphRouter,
) -> None:
    far = (NODES[1][0], NODES[1][1] - 0.025)  # ≈ 2.8 km south of the grid
    with pytest.raises(RoutingError, match=r"stop 3 \(105\.840000, 21\.005000\) is 2,7\d\d m"):
        router.matrix_between([NODES[1], NODES[2]], [NODES[9], far], "walk")
    empty = router.matrix_between([], [NODES[9]], "walk")
    assert empty.distance_m.shape == (0, 1)
