"""Routing on a road graph imported from OpenStreetMap (``ocop-geo roads import``).

Each point is snapped to the nearest graph node usable by the mode (searched in EPSG:32648,
reported as a geodesic distance); a point farther than ``max_snap_m`` (default
:data:`MAX_SNAP_M`, 2 km) from any such node is refused. Shortest paths minimise travel time
(Dijkstra, ``scipy.sparse.csgraph``); the distance reported is the length of that fastest path.
Distances and geometry run between the snapped nodes: the walk from a stop to its road is not
added (as with OSRM, whose figures start at the snapped position too).

A tour asks for the matrix between its stops, then for the path of each leg: the router keeps
the shortest-path trees of its last :data:`KEPT_SEARCHES` searches, so a leg's path reuses the
search the matrix made from the same stop instead of running it again. ``matrix_between`` (sources
× targets) searches from the sources only, keeps those searches the same way, and reports a pair
that no road connects as ``inf`` instead of refusing the whole matrix.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from pyproj import Geod, Transformer
from scipy.sparse import csr_array
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from ocop_geo.i18n import Message
from ocop_geo.routing._reach import unreachable_error
from ocop_geo.routing.base import LonLat, Matrix, Mode, Path, RoutingError
from ocop_geo.routing.estimate import check_mode, check_points
from ocop_geo.routing.roadgraph_data import ModeEdges, RoadGraph, RoadGraphError

__all__ = ["MAX_SNAP_M", "RoadGraph", "RoadGraphError", "RoadGraphRouter", "Snap"]

#: The farthest a stop may be from the road it is snapped to, metres.
MAX_SNAP_M = 2000.0
#: How many shortest-path trees a router keeps (each one int32 per graph node, ≈ 4 MB per
#: million nodes): enough for the legs of a tour up to this many stops.
KEPT_SEARCHES = 16

_GEOD = Geod(ellps="WGS84")
_TO_UTM = Transformer.from_crs(4326, 32648, always_xy=True)


@dataclass(frozen=True)
class _Search:
    """A Dijkstra search from one node: the shortest-path tree and the travel time (s) to the
    nodes it was asked about."""

    pred: npt.NDArray[np.int32]
    times: dict[int, float]


@dataclass(frozen=True)
class Snap:
    """Where a point joins the graph: the node, its position (EPSG:4326) and the geodesic
    distance from the point to it, metres."""

    node: int
    lonlat: LonLat
    distance_m: float


class _ModeIndex:
    """Per-mode search structures: the weighted graph, an edge lookup and a node KD-tree."""

    def __init__(self, graph: RoadGraph, edges: ModeEdges) -> None:
        n = graph.node_count
        self.n = n
        indptr = edges.indptr.astype(np.int32) if len(edges) < 2**31 else edges.indptr
        self.csgraph = csr_array(  # one index dtype: scipy then does not recast on every search
            (edges.duration_s.astype(np.float64), edges.indices, indptr), shape=(n, n)
        )
        self.keys = edges.sources * n + edges.indices  # sorted: CSR order
        self.length = edges.length_m.astype(np.float64)
        degree = np.diff(edges.indptr) + np.bincount(edges.indices, minlength=n)
        self.nodes = np.flatnonzero(degree)
        x, y = _TO_UTM.transform(graph.lon[self.nodes], graph.lat[self.nodes])
        self.tree = cKDTree(np.column_stack([x, y])) if len(self.nodes) else None

    def lengths(
        self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float64]:
        """Length (m) of the edges ``a[i] → b[i]``, which must exist."""
        return self.length[np.searchsorted(self.keys, a * self.n + b)]

    def search(self, source: int) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int32]]:
        """Travel time (s) from ``source`` to every node, and the shortest-path tree."""
        times, pred = dijkstra(
            self.csgraph, directed=True, indices=source, return_predecessors=True
        )
        return times, pred


class RoadGraphRouter:
    """The Router (see :mod:`ocop_geo.routing.base`) over an imported :class:`RoadGraph`.

    Parameters
    ----------
    graph : RoadGraph
        The network, e.g. ``RoadGraph.load(settings.road_graph)``.
    max_snap_m : float
        Farthest distance (m) from a point to its road node.
    """

    name = "roads"
    estimate = False

    def __init__(self, graph: RoadGraph, *, max_snap_m: float = MAX_SNAP_M) -> None:
        self.graph = graph
        self.max_snap_m = max_snap_m
        self._indexes: dict[Mode, _ModeIndex] = {}
        self._searches: OrderedDict[tuple[Mode, int], _Search] = OrderedDict()
        self._lock = threading.Lock()  # a router is shared between the app's sessions
        source = graph.meta.get("source")
        self._where = (
            Message("routing.error.where_graph", source=source)
            if source
            else Message("routing.error.where_extract")
        )

    def _index(self, mode: Mode) -> _ModeIndex:
        if check_mode(mode) not in self._indexes:
            self._indexes[mode] = _ModeIndex(self.graph, self.graph.edges[mode])
        return self._indexes[mode]

    def _keep(self, mode: Mode, source: int, search: _Search) -> None:
        with self._lock:
            self._searches[(mode, source)] = search
            self._searches.move_to_end((mode, source))
            while len(self._searches) > KEPT_SEARCHES:
                self._searches.popitem(last=False)

    def _kept(self, mode: Mode, source: int, targets: list[int]) -> _Search | None:
        """The kept search from ``source`` that reached (or failed to reach) every target."""
        with self._lock:
            search = self._searches.get((mode, source))
            if search is None or any(t not in search.times for t in targets):
                return None
            self._searches.move_to_end((mode, source))
            return search

    def snap(self, points: list[LonLat], mode: Mode) -> list[Snap]:
        """The graph node each point joins, with the snap distance (m).

        Raises
        ------
        RoutingError
            A point is not a valid ``(lon, lat)`` (see ``estimate.check_points``), or lies
            farther than ``max_snap_m`` from every node usable by ``mode`` (the message names
            the stop index).
        """
        index = self._index(mode)
        lon, lat = check_points(points)
        if index.tree is None:
            raise RoutingError(Message("routing.error.graph_no_mode", mode=mode, where=self._where))
        _, k = index.tree.query(np.column_stack(_TO_UTM.transform(lon, lat)))
        nodes = index.nodes[k]
        glon, glat = self.graph.lon[nodes], self.graph.lat[nodes]
        gap = np.asarray(_GEOD.inv(lon, lat, glon, glat)[2], dtype=np.float64)
        for i in np.flatnonzero(gap > self.max_snap_m):
            raise RoutingError(
                Message(
                    "routing.error.graph_snap",
                    i=int(i),
                    lon=float(lon[i]),
                    lat=float(lat[i]),
                    gap=float(gap[i]),
                    mode=mode,
                    limit=self.max_snap_m,
                    where=self._where,
                )
            )
        return [
            Snap(int(n), (float(x), float(y)), float(d))
            for n, x, y, d in zip(nodes, glon, glat, gap, strict=True)
        ]

    def matrix(self, points: list[LonLat], mode: Mode) -> Matrix:
        """Travel time (s) and length (m) of the fastest road path between every pair of points.

        Raises
        ------
        RoutingError
            A point is too far from the roads, or a pair is not connected (the message names
            the stop that cannot be reached).
        """
        nodes = np.array([s.node for s in self.snap(points, mode)], dtype=np.int64)
        duration, distance = self._table(mode, nodes, nodes)
        if not np.isfinite(duration).all():
            raise unreachable_error(np.isfinite(duration), mode, self._where)
        return Matrix(distance_m=distance, duration_s=duration)

    def matrix_between(self, sources: list[LonLat], targets: list[LonLat], mode: Mode) -> Matrix:
        """Travel time (s) and length (m) of the fastest road path from each source (rows) to
        each target (columns); ``inf`` for a pair that no road connects. One search per distinct
        source node (none when a kept search already reached every target).

        Raises
        ------
        RoutingError
            A point is invalid or too far from the roads (stop indices count the sources
            first, then the targets).
        """
        nodes = np.array([s.node for s in self.snap([*sources, *targets], mode)], dtype=np.int64)
        m = len(sources)
        duration, distance = self._table(mode, nodes[:m], nodes[m:])
        return Matrix(distance_m=distance, duration_s=duration)

    def _table(
        self, mode: Mode, sources: npt.NDArray[np.int64], targets: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Time (s) and length (m) from each source node to each target node (``inf``: no
        path); one search per distinct source, kept for the legs' paths."""
        index = self._index(mode)
        shape = (len(sources), len(targets))
        duration, distance = np.full(shape, np.inf), np.full(shape, np.inf)
        wanted = targets.tolist()
        rows: dict[int, tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]] = {}
        for i, source in enumerate(sources.tolist()):
            if source not in rows:
                search = self._kept(mode, source, wanted)
                if search is None:
                    times, pred = index.search(source)
                    search = _Search(pred, dict(zip(wanted, times[targets].tolist(), strict=True)))
                    self._keep(mode, source, search)
                row_t = np.array([search.times[t] for t in wanted], dtype=np.float64)
                row_d = np.full(len(wanted), np.inf)
                ok = np.isfinite(row_t)
                row_d[ok] = self._tree_lengths(index, search.pred, source, targets[ok])
                rows[source] = (row_t, row_d)
            duration[i], distance[i] = rows[source]
        return duration, distance

    def path(self, a: LonLat, b: LonLat, mode: Mode) -> Path:
        """The fastest road path from ``a`` to ``b``: length (m), time (s) and the road nodes
        passed, from the node nearest ``a`` to the node nearest ``b`` (EPSG:4326).

        Raises
        ------
        RoutingError
            As :meth:`matrix`; stop 0 is ``a`` and stop 1 is ``b``.
        """
        index = self._index(mode)
        start, end = (s.node for s in self.snap([a, b], mode))
        search = self._kept(mode, start, [end])
        if search is None:  # not searched from ``start`` by a recent matrix
            times, pred = index.search(start)
            search = _Search(pred, {end: float(times[end])})
            self._keep(mode, start, search)
        seconds = search.times[end]
        if not np.isfinite(seconds):
            raise unreachable_error(np.array([[True, False], [True, True]]), mode, self._where)
        chain = [end]
        while chain[-1] != start:
            chain.append(int(search.pred[chain[-1]]))
        nodes = np.array(chain[::-1], dtype=np.int64)
        length = float(index.lengths(nodes[:-1], nodes[1:]).sum())
        coords = tuple(
            (float(x), float(y))
            for x, y in zip(self.graph.lon[nodes], self.graph.lat[nodes], strict=True)
        )
        if len(coords) == 1:  # both points snap to the same node: a zero-length line
            coords *= 2
        return Path(distance_m=length, duration_s=seconds, coords=coords)

    @staticmethod
    def _tree_lengths(
        index: _ModeIndex, pred: npt.NDArray[np.int32], source: int, targets: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float64]:
        """Length (m) of the tree path from ``source`` to each target, walked back in parallel."""
        current = targets.copy()
        total = np.zeros(len(targets))
        active = current != source
        while active.any():
            step = current[active]
            back = pred[step].astype(np.int64)
            total[active] += index.lengths(back, step)
            current[active] = back
            active = current != source
        return total
