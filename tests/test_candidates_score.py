"""Candidate sites: distances against pyproj, the score formula, weights, the ranking, the area
rule with the 2025 commune, road figures only from a road network, and the estimated rings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod, Transformer

from ocop_geo.candidates.anchors import load_anchors
from ocop_geo.candidates.area import AreaError, check_area, place_candidates
from ocop_geo.candidates.present import display_frame, pilot_names
from ocop_geo.candidates.reader import Candidate
from ocop_geo.candidates.rings import RING_MINUTES, rings
from ocop_geo.candidates.scoring import (
    D_MAX_M,
    Criterion,
    criteria_from,
    road_distances,
    score_candidates,
)
from ocop_geo.candidates.weights import CRITERIA, WeightError, normalise_weights, parse_weights
from ocop_geo.config import Settings
from ocop_geo.layers.catalog import Catalog
from ocop_geo.routing.base import Stop
from ocop_geo.routing.estimate import EstimateRouter
from ocop_geo.routing.roadgraph import RoadGraphRouter
from tests import roads

GEOD = Geod(ellps="WGS84")
AIRPORT, CENTRE, CO_LOA = (105.807, 21.2212), (105.8525, 21.02889), (105.873206, 21.113408)
NORTH = Candidate("Bắc Đông Anh", 105.80, 21.18)  # near the airport, Xã Phúc Thịnh
SOUTH = Candidate("Nam Đông Anh", 105.87, 21.08)  # near the centre and Cổ Loa, Xã Đông Anh
HOAN_KIEM = Candidate("Hồ Gươm", 105.8525, 21.02889)  # in Hanoi, not in Đông Anh


@pytest.fixture(scope="module")
def criteria(catalog: Catalog) -> tuple:
    return criteria_from(catalog, load_anchors(Settings().data_dir))


def rank_names(catalog: Catalog, criteria: tuple, cands: list[Candidate], **weights: float):
    ranking = score_candidates(place_candidates(cands, catalog), criteria, weights)
    return list(ranking.table["name"]), ranking


def test_distances_are_the_geodesic_figures_of_pyproj(catalog: Catalog, criteria: tuple) -> None:
    _, ranking = rank_names(catalog, criteria, [SOUTH])
    row = ranking.table.iloc[0]
    lon, lat = SOUTH.lon, SOUTH.lat
    for key, (alon, alat) in {"airport": AIRPORT, "centre": CENTRE, "co_loa": CO_LOA}.items():
        assert row[f"{key}_m"] == pytest.approx(GEOD.inv(lon, lat, alon, alat)[2], abs=1e-6)
    pilots = catalog.sites[catalog.sites["kind"] == "pilot_point"]
    assert len(pilots) == 5
    to_pilots = [GEOD.inv(lon, lat, p.x, p.y)[2] for p in pilots.geometry]
    assert row["pilots_m"] == pytest.approx(np.mean(to_pilots), abs=1e-6)
    for site_id, d in zip(pilots.index, to_pilots, strict=True):  # and each one on its own
        assert row[f"pilot_{site_id}_m"] == pytest.approx(d, abs=1e-6)
        assert np.isnan(row[f"pilot_{site_id}_road_m"])  # no road network configured
    crafts = catalog.pois[catalog.pois["kind"] == "craft_village"]
    to_crafts = {
        n: GEOD.inv(lon, lat, g.x, g.y)[2]
        for n, g in zip(crafts["name_vi"], crafts.geometry, strict=True)
    }
    assert row["craft_m"] == pytest.approx(min(to_crafts.values()), abs=1e-6)
    assert row["craft_nearest"] == min(to_crafts, key=to_crafts.__getitem__)


def test_scores_follow_the_formula_and_d_max_is_an_hours_estimated_drive(
    catalog: Catalog, criteria: tuple
) -> None:
    assert D_MAX_M["airport"] == pytest.approx(30_000 / 1.3)  # 30 km/h × 1 h ÷ 1.3
    assert D_MAX_M["pilots"] == pytest.approx(60_000 / 1.3)  # two hours for the mean
    at_co_loa = Candidate("Cổ Loa", *CO_LOA)
    _, ranking = rank_names(catalog, criteria, [NORTH, SOUTH, at_co_loa])
    table = ranking.table.set_index("name")
    for key in CRITERIA:
        expected = 100 * np.maximum(0, 1 - table[f"{key}_m"] / D_MAX_M[key])
        assert np.allclose(table[f"{key}_score"], expected)
    assert table.loc["Cổ Loa", "co_loa_score"] == pytest.approx(100)
    far = place_candidates([Candidate("Ba Vì", 105.40, 21.08)], catalog, anywhere=True)
    far_row = score_candidates(far, criteria).table.iloc[0]
    assert far_row["airport_m"] > D_MAX_M["airport"]
    assert far_row["airport_score"] == 0  # beyond d_max: 0, never negative


def test_total_is_the_weighted_sum_and_weights_flip_the_ranking(
    catalog: Catalog, criteria: tuple
) -> None:
    names, ranking = rank_names(
        catalog, criteria, [SOUTH, NORTH], airport=1, centre=0, co_loa=0, pilots=0, craft=0
    )
    assert names == ["Bắc Đông Anh", "Nam Đông Anh"]
    assert list(ranking.table["rank"]) == [1, 2]
    names, ranking = rank_names(
        catalog, criteria, [SOUTH, NORTH], airport=0, centre=1, co_loa=1, pilots=0, craft=0
    )
    assert names == ["Nam Đông Anh", "Bắc Đông Anh"]
    row = ranking.table.iloc[0]
    assert row["total"] == pytest.approx((row["centre_score"] + row["co_loa_score"]) / 2)
    assert ranking.weights == {"airport": 0, "centre": 0.5, "co_loa": 0.5, "pilots": 0, "craft": 0}


def test_equal_totals_are_ranked_by_name(catalog: Catalog, criteria: tuple) -> None:
    twins = [Candidate("Bình", 105.87, 21.08), Candidate("An", 105.87, 21.08)]
    names, ranking = rank_names(catalog, criteria, twins)
    assert names == ["An", "Bình"]
    assert list(ranking.table["order"]) == [2, 1]  # their numbers on the map stay


def test_weights_parse_default_normalise_and_refuse_bad_values() -> None:
    assert parse_weights("airport=2, craft=0,") == {"airport": 2.0, "craft": 0.0}
    assert normalise_weights() == dict.fromkeys(CRITERIA, 0.2)
    assert normalise_weights({"airport": 3}) == pytest.approx(
        {"airport": 3 / 7, "centre": 1 / 7, "co_loa": 1 / 7, "pilots": 1 / 7, "craft": 1 / 7}
    )
    with pytest.raises(WeightError, match="valid keys are airport, centre, co_loa, pilots, craft"):
        parse_weights("airprot=2")
    with pytest.raises(WeightError, match="valid keys are"):
        normalise_weights({"parking": 1})
    with pytest.raises(WeightError, match="'centre' must be a finite number ≥ 0"):
        normalise_weights({"centre": -1})
    with pytest.raises(WeightError, match="at least one weight must be above 0"):
        normalise_weights(dict.fromkeys(CRITERIA, 0))
    with pytest.raises(WeightError, match="'airport': 'lots' is not a number"):
        parse_weights("airport=lots")
    with pytest.raises(WeightError, match="write key=value"):
        parse_weights("airport")
    with pytest.raises(WeightError, match="given twice"):
        parse_weights("craft=1,craft=2")


def test_a_point_outside_dong_anh_is_refused_unless_anywhere(catalog: Catalog) -> None:
    with pytest.raises(AreaError, match=r"'Hồ Gươm'.*outside the former Đông Anh district"):
        place_candidates([SOUTH, HOAN_KIEM], catalog)
    placed = place_candidates([SOUTH, HOAN_KIEM], catalog, anywhere=True)
    assert [p.commune_2025_vi for p in placed] == ["Xã Đông Anh", "Phường Hoàn Kiếm"]
    assert [p.district_2020_vi for p in placed] == ["Đông Anh", "Hoàn Kiếm"]
    hai_phong = Candidate("Hải Phòng", 106.68, 20.86)
    with pytest.raises(AreaError, match=r"'Hải Phòng'.*outside Hanoi"):
        place_candidates([hai_phong], catalog, anywhere=True)
    check = check_area([NORTH, HOAN_KIEM, hai_phong], catalog)
    assert [p.candidate for p in check.placed] == [NORTH]
    assert check.outside == (HOAN_KIEM, hai_phong)


def test_the_2025_commune_is_the_ward_polygon_holding_the_point(catalog: Catalog) -> None:
    placed = place_candidates([NORTH, SOUTH], catalog)
    for p in placed:
        holding = catalog.wards[
            catalog.wards.geometry.covers(shapely.Point(p.candidate.lon, p.candidate.lat))
        ]
        assert [p.commune_2025_vi] == list(holding["name_vi"])
        assert p.commune("en") == holding["name_en"].iloc[0]
    assert [p.commune_2025_vi for p in placed] == ["Xã Phúc Thịnh", "Xã Đông Anh"]


def test_road_figures_come_only_from_a_road_network(
    catalog: Catalog, criteria: tuple, tmp_path: Path
) -> None:
    lon, lat = [NORTH.lon, SOUTH.lon], [NORTH.lat, SOUTH.lat]
    estimate = road_distances(lon, lat, criteria, EstimateRouter())
    assert estimate.distance_m is None
    assert "no road network" in (estimate.note or "")
    ranking = score_candidates(place_candidates([NORTH, SOUTH], catalog), criteria, road=estimate)
    assert ranking.road_backend is None
    assert ranking.table[[f"{k}_road_m" for k in CRITERIA]].isna().all().all()

    connected = {k: v for k, v in roads.WAYS.items() if k not in (108, 109, 111)}  # no traps
    graph, _ = roads.build(roads.write_xml(tmp_path / "grid.osm", connected))
    near_only = road_distances(lon, lat, criteria, RoadGraphRouter(graph))  # Đông Anh: no road
    assert near_only.distance_m is None
    assert "no road figures" in (near_only.note or "")
    router = RoadGraphRouter(graph, max_snap_m=200_000)  # everything snaps to the small grid
    road = road_distances(lon, lat, criteria, router)
    targets = [s for c in criteria for s in c.targets]
    matrix = router.matrix([*zip(lon, lat, strict=True), *(s.lonlat for s in targets)], "car")
    block = matrix.distance_m[:2, 2:]
    assert road.distance_m is not None
    assert road.distance_m[:, 0] == pytest.approx(block[:, 0])  # the airport, one target
    pilots = slice(3, 3 + len(criteria[3].targets))
    assert road.distance_m[:, 3] == pytest.approx(block[:, pilots].mean(axis=1))
    assert road.distance_m[:, 4] == pytest.approx(block[:, pilots.stop :].min(axis=1))
    ranked = score_candidates(place_candidates([NORTH, SOUTH], catalog), criteria, road=road)
    assert ranked.road_backend == "roads"
    assert ranked.table["airport_road_m"].notna().all()
    by_name = ranked.table.set_index("name")
    for j, site in enumerate(criteria[3].targets):  # the road distance to each pilot point
        expected = dict(zip([NORTH.name, SOUTH.name], block[:, pilots.start + j], strict=True))
        for name, metres in expected.items():
            assert by_name.loc[name, f"pilot_{site.id}_road_m"] == pytest.approx(metres)


@pytest.mark.parametrize("minutes", RING_MINUTES)
def test_ring_radius_is_speed_times_time_over_detour(minutes: int) -> None:
    expected = 30_000 * minutes / 60 / 1.3  # 30 km/h, detour 1.3 (routing/estimate.py)
    frame = rings(SOUTH.lon, SOUTH.lat)
    assert frame.crs.to_epsg() == 4326
    assert list(frame["minutes"]) == sorted(RING_MINUTES, reverse=True)
    assert set(frame["label"]) == {"estimate"}
    ring = frame[frame["minutes"] == minutes].iloc[0]
    assert ring["radius_m"] == pytest.approx(expected)
    to_utm = Transformer.from_crs(4326, 32648, always_xy=True)
    cx, cy = to_utm.transform(SOUTH.lon, SOUTH.lat)
    x, y = to_utm.transform(*np.asarray(ring.geometry.exterior.coords).T)
    assert np.abs(np.hypot(x - cx, y - cy) - expected).max() < 1.0


def _node_stop(n: int) -> Stop:
    return Stop(f"n{n}", f"Nút {n}", f"Node {n}", *roads.NODES[n])


#: Criteria whose targets are nodes of the test extract (tests/roads.py): for a car, 15 is on
#: the island, 13 at the end of the one-way trap.
GRID_TARGETS = {"airport": (1,), "centre": (9,), "co_loa": (15,), "pilots": (2, 6, 8),
                "craft": (13, 7)}  # fmt: skip
GRID_CRITERIA = tuple(
    Criterion(
        k,
        tuple(_node_stop(n) for n in GRID_TARGETS[k]),
        "mean" if k == "pilots" else "nearest",
        D_MAX_M[k],
    )
    for k in CRITERIA
)


def test_a_pair_no_road_connects_is_nan_and_does_not_cancel_the_other_figures(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    graph, _ = roads.build(roads.write_xml(tmp_path / "grid.osm"))  # with the island and trap
    router = RoadGraphRouter(graph)
    on_grid, on_island = roads.NODES[4], roads.NODES[14]
    lon, lat = [on_grid[0], on_island[0]], [on_grid[1], on_island[1]]
    searches = roads.count_searches(monkeypatch)
    road = road_distances(lon, lat, GRID_CRITERIA, router)
    assert len(searches) == 2  # one per candidate, none from the targets
    monkeypatch.undo()
    assert not road.failed
    assert road.distance_m is not None
    assert road.per_target_m is not None

    def car_m(a: tuple[float, float], n: int) -> float:
        return RoadGraphRouter(graph).path(a, roads.NODES[n], "car").distance_m

    targets = [n for k in CRITERIA for n in GRID_TARGETS[k]]
    reached = np.isfinite(road.per_target_m)
    assert reached[0].tolist() == [n != 15 for n in targets]  # the grid: all but the island
    assert reached[1].tolist() == [n == 15 for n in targets]  # the island: only the island
    assert road.distance_m[0, 0] == pytest.approx(car_m(on_grid, 1))
    assert road.distance_m[0, 1] == pytest.approx(car_m(on_grid, 9))
    assert road.distance_m[0, 3] == pytest.approx(np.mean([car_m(on_grid, n) for n in (2, 6, 8)]))
    assert road.distance_m[0, 4] == pytest.approx(min(car_m(on_grid, n) for n in (13, 7)))
    assert road.distance_m[1, 2] == pytest.approx(car_m(on_island, 15))
    np.testing.assert_array_equal(
        np.isnan(road.distance_m),
        [[False, False, True, False, False], [True, True, False, True, True]],
    )
    assert road.note is not None
    assert "no road route by car for 8 candidate–target pair(s)" in road.note
    assert "from the candidate at (105.840000, 21.032000) to Node 15" in road.note

    cands = [Candidate("Lưới", *on_grid), Candidate("Đảo", *on_island)]
    placed = place_candidates(cands, catalog, anywhere=True)
    ranking = score_candidates(placed, GRID_CRITERIA, road=road)
    assert ranking.road_backend == "roads"
    assert ranking.road_note == road.note
    assert not ranking.road_failed
    by_name = ranking.table.set_index("name")
    assert np.isnan(by_name.loc["Lưới", "co_loa_road_m"])
    assert by_name.loc["Lưới", "airport_road_m"] == pytest.approx(car_m(on_grid, 1))
    assert by_name.loc["Đảo", "co_loa_road_m"] == pytest.approx(car_m(on_island, 15))
    for n in GRID_TARGETS["pilots"]:
        assert by_name.loc["Lưới", f"pilot_n{n}_road_m"] == pytest.approx(car_m(on_grid, n))
        assert np.isnan(by_name.loc["Đảo", f"pilot_n{n}_road_m"])


def test_the_ranking_tells_a_failed_router_from_the_estimate(
    catalog: Catalog, criteria: tuple, tmp_path: Path
) -> None:
    placed = place_candidates([NORTH, SOUTH], catalog)
    lon, lat = [NORTH.lon, SOUTH.lon], [NORTH.lat, SOUTH.lat]
    estimate = road_distances(lon, lat, criteria, EstimateRouter())
    assert not estimate.failed
    ranked = score_candidates(placed, criteria, road=estimate)
    assert not ranked.road_failed
    assert ranked.road_note == "no road network (the router is the estimate)"
    graph, _ = roads.build(roads.write_xml(tmp_path / "grid.osm"))
    failed = road_distances(lon, lat, criteria, RoadGraphRouter(graph))  # Đông Anh: no road
    assert failed.failed
    ranked = score_candidates(placed, criteria, road=failed)
    assert ranked.road_failed
    assert ranked.road_backend is None
    assert (ranked.road_note or "").startswith("no road figures: stop 0 ")
    assert not score_candidates(placed, criteria).road_failed  # no road figures asked for


def test_straight_lines_are_measured_once_for_every_column(
    catalog: Catalog, criteria: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ocop_geo.candidates import scoring

    want = score_candidates(place_candidates([NORTH, SOUTH], catalog), criteria).table
    calls: list[int] = []
    real = scoring.geodesic_m

    def counted(lon, lat, targets):  # type: ignore[no-untyped-def]
        calls.append(len(targets))
        return real(lon, lat, targets)

    monkeypatch.setattr(scoring, "geodesic_m", counted)
    got = score_candidates(place_candidates([NORTH, SOUTH], catalog), criteria).table
    assert calls == [sum(len(c.targets) for c in criteria)]  # one candidates × targets matrix
    pd.testing.assert_frame_equal(got, want)
    assert scoring.distances([NORTH.lon], [NORTH.lat], criteria) == pytest.approx(
        got.set_index("name").loc[[NORTH.name], [f"{k}_m" for k in CRITERIA]].to_numpy()
    )


def test_no_candidates_give_an_empty_table_with_every_column(
    catalog: Catalog, criteria: tuple
) -> None:
    full = score_candidates(place_candidates([SOUTH], catalog), criteria).table
    empty = score_candidates([], criteria).table
    assert list(empty.columns) == list(full.columns)
    assert empty.empty


def test_pilot_columns_follow_the_rankings_pilot_names(catalog: Catalog, criteria: tuple) -> None:
    ranking = score_candidates(place_candidates([SOUTH], catalog), criteria)
    pilots = criteria[3].targets
    assert list(ranking.pilot_names or {}) == [s.id for s in pilots]
    assert pilot_names(ranking, "en") == {s.id: f"→ {s.name_en}" for s in pilots}
    backwards = dataclasses.replace(
        ranking, pilot_names=dict(reversed(list((ranking.pilot_names or {}).items())))
    )
    assert list(pilot_names(backwards, "vi")) == [s.id for s in reversed(pilots)]
    frame = display_frame(backwards, "vi")
    shown = [c for c in frame.columns if c.startswith("→ ")]
    assert shown == [f"→ {s.name_vi} (km)" for s in reversed(pilots)]
