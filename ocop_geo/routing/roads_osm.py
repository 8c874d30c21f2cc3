"""Import a user-supplied OpenStreetMap extract (PBF or XML) as a road graph clipped to Hanoi.

The file is read once with pyosmium (node locations cached in memory). A ``highway=*`` way is kept
when some mode may use it (:mod:`ocop_geo.routing.roads_profile`) and at least one of its nodes
lies inside the city outline (``geo/city.geojson``); a kept way is kept whole, so a road that
crosses the boundary is not cut. Nodes missing from the extract split the way at the gap.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import osmium
import shapely
from osmium.filter import KeyFilter

from ocop_geo.i18n import Message, MessageError
from ocop_geo.layers.catalog import read_layer
from ocop_geo.layers.schema import CITY
from ocop_geo.routing.base import MODES, Mode
from ocop_geo.routing.roadgraph_data import RoadGraph
from ocop_geo.routing.roads_profile import SPEEDS_KMH, way_speeds


class RoadImportError(MessageError, ValueError):
    """An extract that cannot be read or holds no usable road in Hanoi; names the file."""


@dataclass(frozen=True)
class ImportReport:
    """What an import read and wrote.

    ``ways_*`` count ``highway=*`` ways: kept, outside the city outline, usable by no mode,
    or with fewer than two nodes present in the extract. ``edges`` counts directed edges per
    mode; ``bytes_written`` is the size of the graph file; ``seconds`` the wall time.
    """

    source: Path
    dest: Path
    ways_kept: int
    ways_outside: int
    ways_unusable: int
    ways_incomplete: int
    nodes: int
    edges: dict[Mode, int]
    bytes_written: int
    seconds: float


def city_outline(geo_dir: Path) -> shapely.Geometry:
    """The city outline (EPSG:4326) from ``geo_dir/city.geojson``, checked by the catalogue.

    Raises
    ------
    RoadImportError
        The outline file has problems (each is listed).
    """
    frame, problems = read_layer(CITY, CITY.path(geo_dir))
    if frame is None:
        raise RoadImportError("; ".join(str(p) for p in problems))
    return frame.geometry.union_all()


def read_roads(path: Path, outline: shapely.Geometry) -> tuple[RoadGraph, dict[str, int]]:
    """Read the usable roads of ``path`` that touch ``outline`` into a graph.

    Returns
    -------
    graph, counts
        The graph, and the way counts (``kept``, ``outside``, ``unusable``, ``incomplete``).

    Raises
    ------
    RoadImportError
        The file is missing or unreadable, or no usable road lies inside the outline.
    """
    counts = dict.fromkeys(("kept", "outside", "unusable", "incomplete"), 0)
    index: dict[int, int] = {}
    lon: list[float] = []
    lat: list[float] = []
    seg_u: list[int] = []
    seg_v: list[int] = []
    seg_speeds: list[list[tuple[float, float]]] = []
    minx, miny, maxx, maxy = outline.bounds
    shapely.prepare(outline)
    if not path.is_file():
        raise RoadImportError(Message("routing.error.osm_missing", path=str(path)))
    try:
        for way in osmium.FileProcessor(path).with_locations().with_filter(KeyFilter("highway")):
            if not way.is_way():
                continue
            tags = dict(way.tags)
            speeds = [way_speeds(tags, mode) for mode in MODES]
            if not any(f or b for f, b in speeds):
                counts["unusable"] += 1
                continue
            refs = [(n.ref, n.lon, n.lat) if n.location.valid() else None for n in way.nodes]
            present = [r for r in refs if r is not None]
            if len(present) < 2:
                counts["incomplete"] += 1
                continue
            xs, ys = np.array([r[1] for r in present]), np.array([r[2] for r in present])
            in_box = (xs >= minx) & (xs <= maxx) & (ys >= miny) & (ys <= maxy)
            if not in_box.any() or not shapely.contains_xy(outline, xs[in_box], ys[in_box]).any():
                counts["outside"] += 1
                continue
            counts["kept"] += 1
            for a, b in itertools.pairwise(refs):
                if a is None or b is None:
                    continue
                for ref, x, y in (a, b):
                    if ref not in index:
                        index[ref] = len(lon)
                        lon.append(x)
                        lat.append(y)
                seg_u.append(index[a[0]])
                seg_v.append(index[b[0]])
                seg_speeds.append(speeds)
    except RuntimeError as exc:  # pyosmium reports unreadable input this way
        error = Message("routing.error.osm_unreadable", path=str(path), detail=str(exc))
        raise RoadImportError(error) from None
    if not seg_u:
        raise RoadImportError(
            Message(
                "routing.error.osm_no_road",
                path=str(path),
                modes=", ".join(MODES),
                found=sum(counts.values()),
                outside=counts["outside"],
                unusable=counts["unusable"],
                incomplete=counts["incomplete"],
            )
        )
    meta = {"source": path.name, "speeds_kmh": SPEEDS_KMH, "ways": counts}
    graph = RoadGraph.from_segments(lon, lat, seg_u, seg_v, seg_speeds, meta=meta)
    return graph, counts


def import_roads(source: Path, dest: Path, outline: shapely.Geometry) -> ImportReport:
    """Read ``source``, build the graph and write it to ``dest`` (atomically).

    Raises
    ------
    RoadImportError
        As :func:`read_roads`; nothing is written then.
    """
    started = time.perf_counter()
    graph, counts = read_roads(source, outline)
    size = graph.save(dest)
    return ImportReport(
        source=source,
        dest=dest,
        ways_kept=counts["kept"],
        ways_outside=counts["outside"],
        ways_unusable=counts["unusable"],
        ways_incomplete=counts["incomplete"],
        nodes=graph.node_count,
        edges={mode: len(edges) for mode, edges in graph.edges.items()},
        bytes_written=size,
        seconds=time.perf_counter() - started,
    )
