"""A small OpenStreetMap extract inside Hanoi, written as XML and as PBF, for the road tests.

Layout (node ids; the grid spacing is 0.002° ≈ 200 m, near Hoàn Kiếm)::

    7 ─── 8 ─── 9 ══ 11 ══════ 12     ══ motorway (90 km/h for cars; 12 is > 2 km from 9)
    │     ↑     │
    4 ─── 5 ─── 6                     ↑ 2→5→8 one-way tertiary
    │   ⋰ ↑     │                     ⋰ 1-5 footway
    1 ─── 2 ─── 3 → 13                → one-way residential dead end (a trap for cars)

    14 ─ 15   an island, ≈ 800 m north-west of 7, not joined to the grid
    20 ─ 21   a primary road outside Hanoi (Hải Dương), to be clipped away
    16        behind 4 on an ``access=private`` service road

All other grid edges are two-way residential streets.
"""

from __future__ import annotations

from pathlib import Path

import osmium
import pytest
from pyproj import Geod

from ocop_geo.config import Settings
from ocop_geo.routing.roadgraph import RoadGraph
from ocop_geo.routing.roads_osm import city_outline, read_roads

X0, Y0, STEP = 105.840, 21.030, 0.002

NODES: dict[int, tuple[float, float]] = {
    1: (X0, Y0), 2: (X0 + STEP, Y0), 3: (X0 + 2 * STEP, Y0),
    4: (X0, Y0 + STEP), 5: (X0 + STEP, Y0 + STEP), 6: (X0 + 2 * STEP, Y0 + STEP),
    7: (X0, Y0 + 2 * STEP), 8: (X0 + STEP, Y0 + 2 * STEP), 9: (X0 + 2 * STEP, Y0 + 2 * STEP),
    11: (105.850, Y0 + 2 * STEP), 12: (105.875, Y0 + 2 * STEP),
    13: (X0 + 3 * STEP, Y0),
    14: (105.836, 21.040), 15: (105.837, 21.0405),
    16: (X0 - 0.001, Y0 + STEP),
    20: (106.50, 20.90), 21: (106.51, 20.90),
}  # fmt: skip

RESIDENTIAL = {"highway": "residential"}
WAYS: dict[int, tuple[list[int], dict[str, str]]] = {
    100: ([1, 2, 3], RESIDENTIAL),
    101: ([4, 5, 6], RESIDENTIAL),
    102: ([7, 8, 9], RESIDENTIAL),
    103: ([1, 4, 7], RESIDENTIAL),
    104: ([3, 6, 9], RESIDENTIAL),
    105: ([2, 5, 8], {"highway": "tertiary", "oneway": "yes", "name": "Phố Một Chiều"}),
    106: ([1, 5], {"highway": "footway"}),
    107: ([9, 11, 12], {"highway": "motorway", "oneway": "no"}),
    108: ([3, 13], {"highway": "residential", "oneway": "yes"}),
    109: ([14, 15], RESIDENTIAL),
    110: ([20, 21], {"highway": "primary"}),
    111: ([4, 16], {"highway": "service", "access": "private"}),
    112: ([1, 2, 6], {"building": "yes"}),  # not a road
}

GEOD = Geod(ellps="WGS84")


def line_length(node_ids: list[int]) -> float:
    """Geodesic length (m) of the polyline through ``node_ids``."""
    lons, lats = zip(*(NODES[n] for n in node_ids), strict=True)
    return float(GEOD.line_length(lons, lats))


def write_xml(path: Path, ways: dict[int, tuple[list[int], dict[str, str]]] = WAYS) -> Path:
    """Write the extract as OSM XML 0.6."""
    used = sorted({n for nodes, _ in ways.values() for n in nodes})
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="tests">']
    for n in used:
        lon, lat = NODES[n]
        lines.append(f' <node id="{n}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"/>')
    for way_id, (nodes, tags) in ways.items():
        lines.append(f' <way id="{way_id}" version="1">')
        lines += [f'  <nd ref="{n}"/>' for n in nodes]
        lines += [f'  <tag k="{k}" v="{v}"/>' for k, v in tags.items()]
        lines.append(" </way>")
    lines.append("</osm>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_pbf(path: Path, ways: dict[int, tuple[list[int], dict[str, str]]] = WAYS) -> Path:
    """Write the extract as PBF with pyosmium's writer."""
    used = sorted({n for nodes, _ in ways.values() for n in nodes})
    writer = osmium.SimpleWriter(str(path))
    try:
        for n in used:
            writer.add_node(osmium.osm.mutable.Node(id=n, version=1, location=NODES[n], tags={}))
        for way_id, (nodes, tags) in ways.items():
            writer.add_way(osmium.osm.mutable.Way(id=way_id, version=1, nodes=nodes, tags=tags))
    finally:
        writer.close()
    return path


def build(path: Path) -> tuple[RoadGraph, dict[str, int]]:
    """The graph of ``path`` clipped to the committed city outline, and the way counts."""
    return read_roads(path, city_outline(Settings.from_env({}).geo_dir))


def count_searches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The source node of every Dijkstra search the road graph runs from now on (until the test
    ends or ``monkeypatch.undo()``)."""
    from ocop_geo.routing import roadgraph

    searches: list[int] = []
    real = roadgraph.dijkstra

    def counted(*args: object, **kwargs: object) -> object:
        searches.append(int(kwargs["indices"]))  # type: ignore[call-overload]
        return real(*args, **kwargs)

    monkeypatch.setattr(roadgraph, "dijkstra", counted)
    return searches
