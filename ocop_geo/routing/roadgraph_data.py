"""The road graph as arrays: nodes, and per travel mode a CSR adjacency with lengths and times.

One compressed ``.npz`` file holds it (written by ``ocop-geo roads import``; default
``var/roads.npz``): ``lon``/``lat`` (float64, EPSG:4326) per node and, for every mode,
``{mode}_indptr`` (int64), ``{mode}_indices`` (int32, target node), ``{mode}_length_m`` and
``{mode}_duration_s`` (float32; metres measured on the WGS 84 ellipsoid, seconds), plus a JSON
``meta`` string (format version, source file name, speeds used).
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pyproj import Geod

from ocop_geo.i18n import Message, MessageError
from ocop_geo.routing.base import MODES, Mode

FORMAT = 1
_GEOD = Geod(ellps="WGS84")


class RoadGraphError(MessageError, ValueError):
    """A road graph file that is missing or not one ``ocop-geo roads import`` wrote."""


@dataclass(frozen=True)
class ModeEdges:
    """Directed edges usable by one mode, in CSR order (sorted by source, then target).

    ``indices[indptr[u]:indptr[u + 1]]`` are the nodes reachable from node ``u`` in one step;
    ``length_m`` (metres, geodesic) and ``duration_s`` (seconds) are aligned with ``indices``.
    """

    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int32]
    length_m: npt.NDArray[np.float32]
    duration_s: npt.NDArray[np.float32]

    @property
    def sources(self) -> npt.NDArray[np.int64]:
        """The source node of every edge (aligned with ``indices``)."""
        return np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))

    def __len__(self) -> int:
        return len(self.indices)


@dataclass(frozen=True)
class RoadGraph:
    """A routable road network: node positions (EPSG:4326) and edges per mode."""

    lon: npt.NDArray[np.float64]
    lat: npt.NDArray[np.float64]
    edges: Mapping[Mode, ModeEdges]
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def node_count(self) -> int:
        return len(self.lon)

    @classmethod
    def from_segments(
        cls,
        lon: npt.ArrayLike,
        lat: npt.ArrayLike,
        u: npt.ArrayLike,
        v: npt.ArrayLike,
        speeds_kmh: npt.ArrayLike,
        *,
        meta: Mapping[str, Any] | None = None,
    ) -> RoadGraph:
        """Build the graph from road segments ``u[i] → v[i]`` between nodes at ``(lon, lat)``.

        Parameters
        ----------
        lon, lat : array of float
            Node positions, degrees, EPSG:4326.
        u, v : array of int
            Segment end nodes, in the way's drawing order.
        speeds_kmh : array of float, shape (segments, len(MODES), 2)
            Speed per mode forward (``u → v``) and backward (``v → u``), km/h; 0 = not allowed.

        Nodes no segment uses are dropped; parallel edges keep the fastest; lengths are geodesic.
        """
        u, v = np.asarray(u, dtype=np.int64), np.asarray(v, dtype=np.int64)
        speeds = np.asarray(speeds_kmh, dtype=np.float64).reshape(len(u), len(MODES), 2)
        used, inverse = np.unique(np.concatenate([u, v]), return_inverse=True)
        u, v = inverse[: len(u)], inverse[len(u) :]
        lon = np.asarray(lon, dtype=np.float64)[used]
        lat = np.asarray(lat, dtype=np.float64)[used]
        length = np.asarray(_GEOD.inv(lon[u], lat[u], lon[v], lat[v])[2], dtype=np.float64)
        edges = {
            mode: _mode_edges(len(used), u, v, length, speeds[:, k]) for k, mode in enumerate(MODES)
        }
        return cls(lon=lon, lat=lat, edges=edges, meta=dict(meta or {}))

    def save(self, path: Path) -> int:
        """Write the graph to ``path`` (compressed ``.npz``) atomically; returns bytes written.

        The file is written under a temporary name in the same folder and renamed, so an
        interrupted write never leaves a half graph behind.
        """
        arrays: dict[str, npt.NDArray[Any]] = {"lon": self.lon, "lat": self.lat}
        for mode, e in self.edges.items():
            arrays |= {
                f"{mode}_indptr": e.indptr,
                f"{mode}_indices": e.indices,
                f"{mode}_length_m": e.length_m,
                f"{mode}_duration_s": e.duration_s,
            }
        arrays["meta"] = np.array(json.dumps({"format": FORMAT, **self.meta}, ensure_ascii=False))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez_compressed(fh, **arrays)
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path.stat().st_size

    @classmethod
    def load(cls, path: Path) -> RoadGraph:
        """Read a graph written by :meth:`save`.

        Raises
        ------
        RoadGraphError
            The file does not exist or is not a road graph of this format.
        """
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                if meta.get("format") != FORMAT:
                    found = repr(meta.get("format"))
                    raise RoadGraphError(
                        Message(
                            "routing.error.graph_format",
                            path=str(path),
                            found=found,
                            expected=FORMAT,
                        )
                    )
                parts = ("indptr", "indices", "length_m", "duration_s")
                edges = {mode: ModeEdges(*(data[f"{mode}_{k}"] for k in parts)) for mode in MODES}
                graph = cls(lon=data["lon"], lat=data["lat"], edges=edges, meta=meta)
        except FileNotFoundError:
            raise RoadGraphError(Message("routing.error.graph_missing", path=str(path))) from None
        except RoadGraphError:
            raise
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            error = Message("routing.error.graph_unreadable", path=str(path), detail=str(exc))
            raise RoadGraphError(error) from None
        for mode, e in graph.edges.items():
            n = graph.node_count
            if len(e.indptr) != n + 1 or (len(e) and int(e.indices.max()) >= n):
                error = Message("routing.error.graph_edges", path=str(path), mode=mode, n=n)
                raise RoadGraphError(error)
        return graph


def _mode_edges(
    n: int,
    u: npt.NDArray[np.int64],
    v: npt.NDArray[np.int64],
    length: npt.NDArray[np.float64],
    speeds: npt.NDArray[np.float64],
) -> ModeEdges:
    """CSR edges for one mode from segments and their (forward, backward) speeds in km/h."""
    fwd, bwd = speeds[:, 0] > 0, speeds[:, 1] > 0
    src = np.concatenate([u[fwd], v[bwd]])
    dst = np.concatenate([v[fwd], u[bwd]])
    metres = np.concatenate([length[fwd], length[bwd]])
    seconds = metres / (np.concatenate([speeds[fwd, 0], speeds[bwd, 1]]) / 3.6)
    keep = src != dst
    src, dst, metres, seconds = src[keep], dst[keep], metres[keep], seconds[keep]
    order = np.lexsort((seconds, dst, src))  # by source, target, then fastest first
    src, dst, metres, seconds = src[order], dst[order], metres[order], seconds[order]
    first = np.ones(len(src), dtype=bool)
    first[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
    src, dst, metres, seconds = src[first], dst[first], metres[first], seconds[first]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    return ModeEdges(
        indptr=indptr,
        indices=dst.astype(np.int32),
        length_m=metres.astype(np.float32),
        duration_s=seconds.astype(np.float32),
    )
