"""Choosing the routing back end from OCOP_ROUTER, OCOP_ROAD_GRAPH, OCOP_OSRM_URL and
OCOP_DETOUR_FACTOR."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pyproj import Geod

from ocop_geo.config import Settings
from ocop_geo.routing.roadgraph import RoadGraphError
from ocop_geo.routing.select import load_road_graph, router_from_settings
from tests.roads import NODES, WAYS, build, write_xml


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("var")
    graph, _ = build(write_xml(folder / "grid.osm"))
    graph.save(folder / "roads.npz")
    return folder / "roads.npz"


def settings(**env: str) -> Settings:
    return Settings.from_env({f"OCOP_{k.upper()}": v for k, v in env.items()})


def test_auto_falls_back_to_the_estimate(tmp_path: Path) -> None:
    router = router_from_settings(settings(road_graph=str(tmp_path / "none.npz")))
    assert (router.name, router.estimate) == ("estimate", True)


def test_auto_uses_the_road_graph_when_its_file_exists(graph_file: Path) -> None:
    router = router_from_settings(settings(road_graph=str(graph_file)))
    assert (router.name, router.estimate) == ("roads", False)
    path = router.path(NODES[8], NODES[2], "car")
    assert len(path.coords) == 5  # round the one-way street: real road geometry


def test_auto_prefers_osrm_when_a_url_is_set(graph_file: Path) -> None:
    env = {"road_graph": str(graph_file), "osrm_url": "http://osrm.local:5000/"}
    router = router_from_settings(settings(**env))
    assert (router.name, router.estimate) == ("osrm", False)
    assert router.base_url == "http://osrm.local:5000"  # type: ignore[attr-defined]


def test_the_detour_factor_reaches_the_estimate(graph_file: Path) -> None:
    router = router_from_settings(
        settings(router="estimate", detour_factor="1.5", road_graph=str(graph_file))
    )
    straight = Geod(ellps="WGS84").inv(*NODES[1], *NODES[9])[2]
    assert router.path(NODES[1], NODES[9], "walk").distance_m == pytest.approx(1.5 * straight)


def test_explicit_backends(graph_file: Path) -> None:
    roads = settings(router="roads", road_graph=str(graph_file))
    assert router_from_settings(roads).name == "roads"
    assert router_from_settings(settings(router="OSRM", osrm_url="https://o.vn")).name == "osrm"


def test_roads_without_a_graph_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "roads.npz"
    with pytest.raises(ValueError, match=r"OCOP_ROUTER=roads but there is no road graph at "):
        router_from_settings(settings(router="roads", road_graph=str(missing)))


def test_osrm_without_a_url_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="OCOP_ROUTER=osrm but OCOP_OSRM_URL is not set"):
        router_from_settings(settings(router="osrm"))


def test_a_broken_graph_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "roads.npz"
    broken.write_bytes(b"half a file")
    with pytest.raises(RoadGraphError, match=r"roads\.npz: not a road graph"):
        router_from_settings(settings(road_graph=str(broken)))


def test_a_new_import_is_picked_up_without_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "roads.npz"
    small, _ = build(write_xml(tmp_path / "small.osm", {100: WAYS[100]}))
    small.save(path)
    assert load_road_graph(path).node_count == 3
    full, _ = build(write_xml(tmp_path / "full.osm"))
    full.save(path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_road_graph(path).node_count == 14


def test_the_app_uses_a_road_graph_imported_while_it_runs(
    tmp_path: Path, graph_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's cached router follows the graph file: none → the estimate; an import → roads
    (no restart), and the cache key of planned tours changes with it."""
    import streamlit as st

    from ocop_geo.ui import loaders

    path = tmp_path / "roads.npz"
    monkeypatch.setenv("OCOP_ROAD_GRAPH", str(path))
    monkeypatch.delenv("OCOP_ROUTER", raising=False)
    monkeypatch.delenv("OCOP_OSRM_URL", raising=False)
    st.cache_resource.clear()
    try:
        before = loaders.router("vi")
        assert before.name == "estimate"
        path.write_bytes(graph_file.read_bytes())  # `ocop-geo roads import` finished
        after = loaders.router("vi")
        assert after.name == "roads"
        assert loaders.router_key(after) != loaders.router_key(before)
    finally:
        st.cache_resource.clear()
