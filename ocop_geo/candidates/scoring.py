"""Measure, score and rank candidate sites. Pure functions, vectorised with numpy.

Distances
    Straight-line geodesic metres on the WGS84 ellipsoid (``pyproj.Geod``) from a candidate to
    each criterion's targets: ``airport`` (Nội Bài), ``centre`` (Hoàn Kiếm lake), ``co_loa`` (the
    citadel) — one anchor each, ``data/anchors.csv``; ``pilots`` — the **mean** distance to the
    five pilot points of ``geo/sites.geojson`` (the centre serves the whole pilot network, and the
    nearest would be Bát Tràng for every point of Đông Anh); ``craft`` — the **nearest** craft
    village (``geo/pois.geojson`` kind ``craft_village``; the pilot sites that are craft villages,
    Vạn Phúc and Bát Tràng, count under ``pilots`` only, so no village counts twice).
Road distances
    Computed the same way (mean / nearest) from the configured router's candidates × targets
    matrix (car, ``Router.matrix_between``), only when that router is a road network; with the
    estimate router they are ``None``/"no road network", never estimates passed off as road
    figures. A candidate–target pair with no road route is NaN (so is a pilot mean that needs
    it) and the note says so; a router that fails (a point too far from the roads, a server
    down) gives no road figures at all. Scores always use the straight-line distances.
Score
    ``score = 100 × max(0, 1 − d / d_max)``: 100 at the target, 0 at ``d_max`` and beyond, linear
    between; it does not depend on the other candidates. ``d_max`` is the straight-line distance
    whose estimated car trip takes an hour (:data:`D_MAX_MINUTES`; 30 km/h ÷ detour 1.3 →
    23.1 km), two hours for the mean over the five pilot points, which are spread across the
    west of the city (46.2 km). These limits are our assumption (confidence E).
Total and rank
    ``total = Σ weight × score`` with the weights normalised to sum 1 (:mod:`.weights`); rank 1 is
    the highest total, ties broken by name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
from pyproj import Geod

from ocop_geo.candidates.anchors import Anchor
from ocop_geo.candidates.area import PlacedCandidate
from ocop_geo.candidates.rings import reach_m
from ocop_geo.candidates.weights import CRITERIA, normalise_weights
from ocop_geo.layers.catalog import Catalog
from ocop_geo.routing.base import Router, RoutingError, Stop
from ocop_geo.routing.stops import stops_from_catalog

#: Estimated car minutes at which a criterion's score reaches 0 (see the module docstring).
D_MAX_MINUTES: Mapping[str, int] = {
    "airport": 60,
    "centre": 60,
    "co_loa": 60,
    "pilots": 120,
    "craft": 60,
}
#: The same limits as straight-line metres.
D_MAX_M: Mapping[str, float] = {key: reach_m(m) for key, m in D_MAX_MINUTES.items()}

_GEOD = Geod(ellps="WGS84")
Aggregate = Literal["nearest", "mean"]


@dataclass(frozen=True)
class Criterion:
    """What a candidate is measured against: targets, how their distances combine, ``d_max``."""

    key: str
    targets: tuple[Stop, ...]
    aggregate: Aggregate
    d_max_m: float


@dataclass(frozen=True)
class RoadFigures:
    """Road distances (m, candidates × criteria) or ``None`` with the reason in ``note``.

    With figures, ``note`` is ``None`` unless some candidate–target pairs have no road route
    (those entries are NaN). Without, ``failed`` tells a router that failed (``note`` gives its
    error) from the estimate router (no road network: nothing failed).
    """

    distance_m: np.ndarray | None
    backend: str
    note: str | None = None
    #: Road metres to every target, candidates × targets in criteria order (``None`` as above).
    per_target_m: np.ndarray | None = None
    #: True when the road router was asked and failed (``distance_m`` is then ``None``).
    failed: bool = False


@dataclass(frozen=True)
class Ranking:
    """The scored candidates, best first, with the weights (normalised) and limits used.

    ``table`` has ``rank, order, name, lat, lon, commune_2025, commune_2025_en, district_2020``,
    then per criterion ``{key}_m`` (straight line), ``{key}_road_m`` (NaN = no road figure) and
    ``{key}_score``, then ``pilot_{site id}_m`` and ``pilot_{site id}_road_m`` for each of the
    five pilot points (the issue asks for the distance to each), ``craft_nearest`` and ``total``.
    """

    table: pd.DataFrame
    weights: dict[str, float]
    d_max_m: dict[str, float]
    road_backend: str | None
    road_note: str | None
    #: ``{site id: {"vi": name, "en": name}}`` of the pilot points, in column order.
    pilot_names: dict[str, dict[str, str]] | None = None
    #: True when the road router failed (``road_note`` says why); False with road figures and
    #: with the estimate router.
    road_failed: bool = False


def anchor_stop(anchor: Anchor) -> Stop:
    """An anchor as a routing stop (its sourced position and accuracy)."""
    return Stop(
        anchor.id,
        anchor.name_vi,
        anchor.name_en,
        anchor.lon,
        anchor.lat,
        coord_estimate=False,
        coord_accuracy_m=anchor.coord_accuracy_m,
    )


def criteria_from(catalog: Catalog, anchors: Mapping[str, Anchor]) -> tuple[Criterion, ...]:
    """The five criteria, in :data:`~ocop_geo.candidates.weights.CRITERIA` order."""
    stops = stops_from_catalog(catalog)
    pilots = catalog.sites.index[catalog.sites["kind"] == "pilot_point"]
    crafts = catalog.pois.index[catalog.pois["kind"] == "craft_village"]
    targets = {key: (anchor_stop(anchors[key]),) for key in ("airport", "centre", "co_loa")}
    targets["pilots"] = tuple(stops[str(i)] for i in pilots)
    targets["craft"] = tuple(stops[str(i)] for i in crafts)
    return tuple(
        Criterion(key, targets[key], "mean" if key == "pilots" else "nearest", D_MAX_M[key])
        for key in CRITERIA
    )


def geodesic_m(lon: npt.ArrayLike, lat: npt.ArrayLike, targets: Sequence[Stop]) -> np.ndarray:
    """Geodesic metres from each point (rows) to each target (columns), WGS84."""
    t_lon = np.array([s.lon for s in targets], dtype=np.float64)
    t_lat = np.array([s.lat for s in targets], dtype=np.float64)
    a_lon, b_lon = np.broadcast_arrays(np.asarray(lon, dtype=np.float64)[:, None], t_lon[None, :])
    a_lat, b_lat = np.broadcast_arrays(np.asarray(lat, dtype=np.float64)[:, None], t_lat[None, :])
    _, _, dist = _GEOD.inv(a_lon.ravel(), a_lat.ravel(), b_lon.ravel(), b_lat.ravel())
    return np.asarray(dist, dtype=np.float64).reshape(a_lon.shape)


def combine(distance_m: np.ndarray, how: Aggregate) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the mean or the smallest distance, and the column of the smallest (NaN-aware:
    a row with any NaN has a NaN mean; a row of NaNs has a NaN minimum)."""
    filled = np.where(np.isnan(distance_m), np.inf, distance_m)
    nearest = filled.argmin(axis=1)
    smallest = filled.min(axis=1)
    value = (
        distance_m.mean(axis=1) if how == "mean" else np.where(np.isinf(smallest), np.nan, smallest)
    )
    return value, nearest


def all_targets(criteria: Sequence[Criterion]) -> list[Stop]:
    """Every criterion's targets, in criteria order: the columns of a per-target matrix."""
    return [s for c in criteria for s in c.targets]


def split_targets(per_target: np.ndarray, criteria: Sequence[Criterion]) -> dict[str, np.ndarray]:
    """The columns of a candidates × :func:`all_targets` matrix, per criterion key."""
    bounds = np.cumsum([0, *(len(c.targets) for c in criteria)]).tolist()
    return {
        c.key: per_target[:, a:b] for c, a, b in zip(criteria, bounds[:-1], bounds[1:], strict=True)
    }


def per_criterion(per_target: np.ndarray, criteria: Sequence[Criterion]) -> np.ndarray:
    """Candidates × criteria: each criterion's columns of a per-target matrix combined (mean or
    nearest, see :func:`combine`)."""
    blocks = split_targets(per_target, criteria)
    values = [combine(blocks[c.key], c.aggregate)[0] for c in criteria]
    return np.column_stack(values).reshape(len(per_target), len(criteria))


def distances(lon: npt.ArrayLike, lat: npt.ArrayLike, criteria: Sequence[Criterion]) -> np.ndarray:
    """Straight-line metres, candidates × criteria."""
    return per_criterion(geodesic_m(lon, lat, all_targets(criteria)), criteria)


def road_distances(
    lon: npt.ArrayLike, lat: npt.ArrayLike, criteria: Sequence[Criterion], router: Router
) -> RoadFigures:
    """Road metres (car), candidates × criteria, from ``router.matrix_between`` (candidates ×
    targets: one search per candidate) — or ``None`` with a note when ``router`` is the estimate
    or fails (a point too far from the roads, a server down). A pair with no road route is NaN
    and named in the note; it does not cancel the other figures."""
    if router.estimate:
        return RoadFigures(None, router.name, "no road network (the router is the estimate)")
    lon, lat = np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
    targets = all_targets(criteria)
    sources = [*zip(map(float, lon), map(float, lat), strict=True)]
    try:
        matrix = router.matrix_between(sources, [s.lonlat for s in targets], "car").distance_m
    except RoutingError as exc:
        return RoadFigures(None, router.name, f"no road figures: {exc}", failed=True)
    block = np.where(np.isfinite(matrix), matrix, np.nan)
    return RoadFigures(
        per_criterion(block, criteria),
        router.name,
        _unreached_note(block, sources, targets),
        per_target_m=block,
    )


def _unreached_note(
    block: np.ndarray, sources: Sequence[tuple[float, float]], targets: Sequence[Stop]
) -> str | None:
    """What the NaN entries of a road per-target block mean, naming the first; ``None`` if none."""
    missing = np.argwhere(np.isnan(block))
    if not len(missing):
        return None
    i, j = (int(v) for v in missing[0])
    lon, lat = sources[i]
    return (
        f"no road route by car for {len(missing)} candidate–target pair(s), e.g. from the "
        f"candidate at ({lon:.6f}, {lat:.6f}) to {targets[j].name_en}; those road distances "
        "are left empty"
    )


def scores(distance_m: np.ndarray, d_max_m: np.ndarray) -> np.ndarray:
    """``100 × max(0, 1 − d / d_max)`` element-wise (``d_max_m`` broadcasts over columns)."""
    return 100.0 * np.clip(1.0 - np.asarray(distance_m) / np.asarray(d_max_m), 0.0, 1.0)


def ranks(names: Sequence[str], totals: np.ndarray) -> np.ndarray:
    """Rank of each candidate (1 = highest total; equal totals, to 1e-9, ordered by name)."""
    order = sorted(
        range(len(names)),
        key=lambda i: (-round(float(totals[i]), 9), names[i].casefold(), names[i]),
    )
    out = np.empty(len(names), dtype=np.int64)
    out[order] = np.arange(1, len(names) + 1)
    return out


def score_candidates(
    placed: Sequence[PlacedCandidate],
    criteria: Sequence[Criterion],
    weights: Mapping[str, float] | None = None,
    *,
    road: RoadFigures | None = None,
) -> Ranking:
    """Distances, scores, the weighted total and the rank of every candidate.

    Raises
    ------
    WeightError
        ``weights`` are invalid (see :func:`~ocop_geo.candidates.weights.normalise_weights`).
    """
    w = normalise_weights(weights)
    keys = [c.key for c in criteria]
    by_key = {c.key: c for c in criteria}
    lon = np.array([p.candidate.lon for p in placed], dtype=np.float64)
    lat = np.array([p.candidate.lat for p in placed], dtype=np.float64)
    per_target = geodesic_m(lon, lat, all_targets(criteria))
    straight = per_criterion(per_target, criteria)
    d_max = np.array([c.d_max_m for c in criteria])
    score = scores(straight, d_max)
    total = score @ np.array([w[k] for k in keys])
    names = [p.candidate.name for p in placed]
    road_m = road.distance_m if road is not None else None
    table = pd.DataFrame(
        {
            "rank": ranks(names, total),
            "order": [p.order for p in placed],
            "name": names,
            "lat": lat,
            "lon": lon,
            "commune_2025": [p.commune_2025_vi for p in placed],
            "commune_2025_en": [p.commune_2025_en for p in placed],
            "district_2020": [p.district_2020_vi for p in placed],
        }
    )
    for j, key in enumerate(keys):
        table[f"{key}_m"] = straight[:, j]
        table[f"{key}_road_m"] = road_m[:, j] if road_m is not None else np.nan
        table[f"{key}_score"] = score[:, j]
    straight_by = split_targets(per_target, criteria)
    road_per_target = road.per_target_m if road is not None else None
    road_by = split_targets(road_per_target, criteria) if road_per_target is not None else None
    pilots = by_key["pilots"]
    for i, site in enumerate(pilots.targets):  # the distance to each pilot point
        table[f"pilot_{site.id}_m"] = straight_by["pilots"][:, i]
        table[f"pilot_{site.id}_road_m"] = (
            road_by["pilots"][:, i] if road_by is not None else np.nan
        )
    craft = by_key["craft"]
    nearest = combine(straight_by["craft"], "nearest")[1]
    table["craft_nearest"] = [craft.targets[i].name_vi for i in nearest]
    table["total"] = total
    return Ranking(
        table=table.sort_values("rank", kind="stable").reset_index(drop=True),
        weights=w,
        d_max_m={c.key: c.d_max_m for c in criteria},
        road_backend=road.backend if road_m is not None and road is not None else None,
        road_note=road.note if road is not None else None,
        pilot_names={s.id: {"vi": s.name_vi, "en": s.name_en} for s in pilots.targets},
        road_failed=road.failed if road is not None else False,
    )
