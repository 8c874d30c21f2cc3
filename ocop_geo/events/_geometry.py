"""Booth slots along street centre lines, in metres (EPSG:32648); no CRS handling here.

A street's centre line is first simplified (Douglas–Peucker, :data:`SIMPLIFY_M`) so that a
straight street drawn with many near-collinear clicks keeps its capacity; booths stand on the
straight segments of the simplified line, each row pushed outwards by how far the drawn line
strays towards it, so they keep clear of the real walkway.

Bends: where the line turns by an angle θ, booths on the *inside* of the turn keep
``(aisle/2 + depth) · tan(θ/2)`` metres clear of the vertex on both segments, which puts every
booth on its own side of the bisector of the corner, so neighbours across the bend cannot
overlap and none stands in the other segment's walkway. Booths on the *outside* of a turn fan
apart and may run up to the vertex. A last pass (:func:`keep_clear`) drops any booth that still
overlaps an earlier one or stands in any street's walkway (U-turns, crossing or touching streets).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely import LineString, STRtree

#: Simplification tolerance of a street's centre line before placing booths, metres.
SIMPLIFY_M = 0.2
#: Booths that share less than this area (m²) only touch; more is an overlap.
OVERLAP_M2 = 1e-4
#: Slack of the walkway check, metres (a booth may touch the aisle edge).
TOUCH_M = 0.01
LEFT, RIGHT = 1.0, -1.0


@dataclass(frozen=True)
class Slots:
    """Candidate booths of one street, ordered along it (left before right at one position)."""

    polygons: np.ndarray  # shapely Polygons, metres
    along: np.ndarray  # distance along the street of each booth's frontage start, metres
    left: np.ndarray  # True on the left of the drawing direction


def _strays(line: LineString, simple: LineString, start: np.ndarray, normal: np.ndarray) -> dict:
    """How far (m) ``line`` strays from ``simple`` to the left and to the right (≥ 0 each)."""
    points = shapely.points(shapely.get_coordinates(line))
    at = shapely.line_locate_point(simple, points)
    seg = np.clip(np.searchsorted(start, at, side="right") - 1, 0, len(start) - 1)
    foot = shapely.get_coordinates(shapely.line_interpolate_point(simple, at))
    signed = np.sum((shapely.get_coordinates(points) - foot) * normal[seg], axis=1)
    return {LEFT: max(float(signed.max()), 0.0), RIGHT: max(float(-signed.min()), 0.0)}


def street_slots(
    line: LineString,
    *,
    width: float,
    depth: float,
    gap: float,
    half_aisle: float,
    clearance: float,
    sides: tuple[float, ...],
) -> Slots:
    """Every booth that fits along ``line`` (metres), side by side on each straight segment.

    ``sides`` holds :data:`LEFT` and/or :data:`RIGHT` (of the drawing direction). Booths start
    ``clearance`` metres after the start and end ``clearance`` metres before the end, measured
    along the line, and are ``gap`` metres apart on a segment.
    """
    simple = shapely.simplify(line, SIMPLIFY_M, preserve_topology=False)
    xy = shapely.get_coordinates(simple)
    xy = xy[np.r_[True, np.any(np.diff(xy, axis=0) != 0, axis=1)]]
    vec = np.diff(xy, axis=0)
    length = np.hypot(vec[:, 0], vec[:, 1])
    along_dir = vec / length[:, None]
    normal = np.column_stack([-along_dir[:, 1], along_dir[:, 0]])  # to the left
    start = np.r_[0.0, np.cumsum(length)[:-1]]
    total = float(length.sum())
    strays = _strays(line, simple, start, normal)
    a, b = along_dir[:-1], along_dir[1:]
    turn = np.arctan2(a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0], np.sum(a * b, axis=1))  # + = left
    pitch = width + gap
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for side in sides:
        near = half_aisle + strays[side]
        corner = (near + depth) * np.tan(np.abs(turn) / 2)
        back = np.where(turn * side > 0, corner, 0.0)  # inside of the turn on this side
        lo = np.maximum(start + np.r_[0.0, back], clearance)
        hi = np.minimum(start + length - np.r_[back, 0.0], total - clearance)
        count = np.floor(np.maximum(hi - lo + gap, 0.0) / pitch + 1e-9).astype(int)
        seg = np.repeat(np.arange(len(length)), count)
        k = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        at = lo[seg] + k * pitch
        d, n = along_dir[seg], normal[seg] * side
        p0 = xy[seg] + d * (at - start[seg])[:, None] + n * near
        p1 = p0 + d * width
        ring = np.stack([p0, p1, p1 + n * depth, p0 + n * depth, p0], axis=1)
        parts.append((shapely.polygons(ring), at, np.full(len(at), side == LEFT)))
    polygons, at, left = (np.concatenate(column) for column in zip(*parts, strict=True))
    order = np.lexsort((~left, at))
    return Slots(polygons[order], at[order], left[order])


def keep_clear(polygons: np.ndarray, lines: list[LineString], half_aisle: float) -> np.ndarray:
    """Which booths to keep, in order: no overlap with an earlier kept booth, no walkway intrusion.

    A booth is dropped when it lies within ``half_aisle`` (less :data:`TOUCH_M`) of any centre line
    in ``lines`` or shares more than :data:`OVERLAP_M2` with a booth kept before it.
    """
    keep = np.ones(len(polygons), dtype=bool)
    if not len(polygons):
        return keep
    tree = STRtree(polygons)
    if half_aisle > TOUCH_M:
        near = tree.query(lines, predicate="dwithin", distance=half_aisle - TOUCH_M)[1]
        keep[near] = False
    first, second = tree.query(polygons, predicate="intersects")
    later = first > second
    first, second = first[later], second[later]
    shared = shapely.area(shapely.intersection(polygons[first], polygons[second]))
    clash: dict[int, list[int]] = {}
    for i, j in zip(first[shared > OVERLAP_M2], second[shared > OVERLAP_M2], strict=True):
        clash.setdefault(int(i), []).append(int(j))
    for i in sorted(clash):
        if keep[i] and any(keep[j] for j in clash[i]):
            keep[i] = False
    return keep


def ceil_tenth(value: float) -> float:
    """``value`` rounded up to 0.1 (float noise below 1e-6 m ignored)."""
    return math.ceil(round(value * 10, 6)) / 10
