"""Benchmark: road-graph import and routing on a SYNTHETIC street grid inside Hanoi.

Run ``python bench/roads.py [--side 300] [--stops 10] [--repeat 3]``. It writes a side × side
grid of residential streets (every fifth street a one-way primary road, ~110 m apart, centred
on Hoàn Kiếm) as an OSM PBF file with pyosmium, then prints:

* import: ``import_roads`` wall time, nodes, directed car edges and the ``.npz`` size in bytes;
* matrix: ``RoadGraphRouter.matrix`` for ``--stops`` stops (scipy's Dijkstra from each stop)
  against a baseline measured in the same run — a pure-Python heapq Dijkstra on the same graph
  — as a ratio, with a check that both give the same travel times.

The grid is SYNTHETIC: no real Hanoi extract can be downloaded on the project's machines, so
these figures say how the code scales, not how long the real city takes.
"""

from __future__ import annotations

import argparse
import heapq
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import osmium

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

from ocop_geo.config import Settings  # noqa: E402
from ocop_geo.routing.roadgraph import RoadGraph, RoadGraphRouter  # noqa: E402
from ocop_geo.routing.roads_osm import city_outline, import_roads  # noqa: E402

CENTRE, STEP = (105.852, 21.028), 0.001


def write_grid(path: Path, side: int) -> None:
    """A side × side street grid as PBF (node ids row-major from 1)."""
    x0, y0 = CENTRE[0] - side * STEP / 2, CENTRE[1] - side * STEP / 2
    writer = osmium.SimpleWriter(str(path))
    try:
        for r in range(side):
            for c in range(side):
                location = (x0 + c * STEP, y0 + r * STEP)
                writer.add_node(osmium.osm.mutable.Node(id=r * side + c + 1, location=location))
        for r in range(side):
            row = [r * side + c + 1 for c in range(side)]
            col = [c * side + r + 1 for c in range(side)]
            main = {"highway": "primary", "oneway": "yes"} if r % 5 == 0 else {}
            tags = main or {"highway": "residential"}
            writer.add_way(osmium.osm.mutable.Way(id=2 * r + 1, nodes=row, tags=tags))
            writer.add_way(osmium.osm.mutable.Way(id=2 * r + 2, nodes=col, tags=tags))
    finally:
        writer.close()


def heapq_times(graph: RoadGraph, source: int, mode: str) -> np.ndarray:
    """Baseline: travel times (s) from ``source`` with a plain binary-heap Dijkstra."""
    e = graph.edges[mode]  # type: ignore[index]
    indptr, indices, weights = e.indptr.tolist(), e.indices.tolist(), e.duration_s.tolist()
    best = [float("inf")] * graph.node_count
    best[source] = 0.0
    heap = [(0.0, source)]
    while heap:
        t, u = heapq.heappop(heap)
        if t > best[u]:
            continue
        for k in range(indptr[u], indptr[u + 1]):
            v, nt = indices[k], t + weights[k]
            if nt < best[v]:
                best[v] = nt
                heapq.heappush(heap, (nt, v))
    return np.array(best)


def median_time(run: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--side", type=int, default=300, help="streets per side (default 300)")
    parser.add_argument("--stops", type=int, default=10, help="stops in the matrix (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    args = parser.parse_args()
    outline = city_outline(Settings.from_env().geo_dir)
    with tempfile.TemporaryDirectory() as tmp:
        source, dest = Path(tmp) / "grid.osm.pbf", Path(tmp) / "roads.npz"
        write_grid(source, args.side)
        report = import_roads(source, dest, outline)
        graph = RoadGraph.load(dest)
    print(f"SYNTHETIC grid {args.side}×{args.side} (PBF {source.name})")
    print(
        f"import: {report.seconds:.2f} s, {report.nodes:,} nodes, {report.edges['car']:,} car "
        f"edges, {report.bytes_written:,} bytes ({report.bytes_written / report.nodes:.0f} B/node)"
    )
    rng = np.random.default_rng(7)
    central = np.flatnonzero(  # stops near the centre: a wide grid spills out of Hanoi
        (np.abs(graph.lon - CENTRE[0]) < 0.05) & (np.abs(graph.lat - CENTRE[1]) < 0.05)
    )
    picks = rng.choice(central, size=args.stops, replace=False)
    stops = [(float(graph.lon[i]), float(graph.lat[i])) for i in picks]
    router = RoadGraphRouter(graph)
    matrix = router.matrix(stops, "car")
    fast = median_time(lambda: router.matrix(stops, "car"), args.repeat)
    slow = median_time(lambda: [heapq_times(graph, int(i), "car") for i in picks], args.repeat)
    same = np.allclose(heapq_times(graph, int(picks[0]), "car")[picks], matrix.duration_s[0])
    print(f"matrix {args.stops} stops: {fast:.3f} s; heapq baseline {slow:.3f} s")
    print(
        f"baseline / matrix time: {slow / fast:.1f}×; same travel times: {'yes' if same else 'NO'}"
    )


if __name__ == "__main__":
    main()
