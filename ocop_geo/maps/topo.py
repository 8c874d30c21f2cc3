"""Polygon layers as TopoJSON: shared borders stored once, coordinates quantised.

A map that embeds both boundary layers as GeoJSON carries every shared border twice at full
decimal precision (≈ 0.8 MB for the districts and the wards); as TopoJSON, quantised to 1e6
steps across Hanoi's extent (≈ 8 cm), the same geometry is ≈ 0.25 MB. See docs/performance.md.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import topojson

QUANTIZATION = 1_000_000


def to_topojson(
    frame: gpd.GeoDataFrame, *, object_name: str, properties: Sequence[str]
) -> dict[str, Any]:
    """Encode ``frame`` (EPSG:4326) as a TopoJSON topology with one object ``object_name``.

    Only ``properties`` are kept, so nothing the map does not show is sent to the browser.
    """
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        msg = "to_topojson needs EPSG:4326 longitude/latitude"
        raise ValueError(msg)
    data = frame[[*properties, frame.geometry.name]].reset_index(drop=True)
    topology = topojson.Topology(
        data, prequantize=QUANTIZATION, topology=True, toposimplify=False, object_name=object_name
    )
    return json.loads(topology.to_json())


def with_properties(
    topology: dict[str, Any], object_name: str, properties: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """A copy of ``topology`` whose ``object_name`` geometries carry ``properties`` (in order).

    Encoding a topology is the expensive step; a caller that only changes labels or colours
    encodes the geometry once (``to_topojson(frame, properties=[])``) and attaches them here.
    The arcs are shared with ``topology``, not copied.
    """
    geometries = topology["objects"][object_name]["geometries"]
    if len(geometries) != len(properties):
        msg = f"{len(properties)} property sets for {len(geometries)} geometries"
        raise ValueError(msg)
    objects = dict(topology["objects"])
    objects[object_name] = {
        **topology["objects"][object_name],
        "geometries": [
            {**g, "properties": dict(p)} for g, p in zip(geometries, properties, strict=True)
        ],
    }
    return {**topology, "objects": objects}
