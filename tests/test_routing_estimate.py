"""The estimate router: geodesic length × detour factor, duration at the mode's speed."""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Geod

from ocop_geo.routing.base import MODES, RoutingError
from ocop_geo.routing.estimate import (
    DEFAULT_DETOUR_FACTOR,
    DEFAULT_SPEEDS_KMH,
    EstimateRouter,
)

GEOD = Geod(ellps="WGS84")
#: Vạn Phúc and Bát Tràng as in geo/sites.geojson, plus points drawn around Hanoi below.
VAN_PHUC, BAT_TRANG = (105.774, 20.979), (105.912491, 20.975953)


def random_points(n: int, seed: int) -> list[tuple[float, float]]:
    rng = np.random.default_rng(seed)
    lon = 105.4 + rng.random(n) * 0.6
    lat = 20.8 + rng.random(n) * 0.4
    return list(zip(lon.tolist(), lat.tolist(), strict=True))


@pytest.mark.parametrize("factor", [1.0, DEFAULT_DETOUR_FACTOR, 1.55])
def test_matrix_is_pyproj_geodesic_times_the_factor(factor: float) -> None:
    points = random_points(9, seed=int(factor * 100))
    matrix = EstimateRouter(detour_factor=factor).matrix(points, "car")
    for i, (lon1, lat1) in enumerate(points):
        for j, (lon2, lat2) in enumerate(points):
            geodesic = GEOD.inv(lon1, lat1, lon2, lat2)[2]
            assert matrix.distance_m[i, j] == pytest.approx(geodesic * factor, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("mode", MODES)
def test_durations_follow_the_speed_of_the_mode(mode: str) -> None:
    router = EstimateRouter()
    matrix = router.matrix([VAN_PHUC, BAT_TRANG], mode)
    speed_ms = DEFAULT_SPEEDS_KMH[mode] / 3.6
    assert matrix.duration_s[0, 1] == pytest.approx(matrix.distance_m[0, 1] / speed_ms)
    assert matrix.duration_s[0, 0] == 0


def test_ten_kilometres_at_30_kmh_take_twenty_minutes() -> None:
    # a point 10 km / 1.3 due north of Vạn Phúc, so the estimate is 10 km
    lon, lat, _ = GEOD.fwd(*VAN_PHUC, 0, 10_000 / 1.3)
    router = EstimateRouter(detour_factor=1.3, speeds_kmh={"car": 30})
    leg = router.path(VAN_PHUC, (lon, lat), "car")
    assert leg.distance_m == pytest.approx(10_000)
    assert leg.duration_s == pytest.approx(1_200)


def test_speeds_given_replace_only_their_modes() -> None:
    router = EstimateRouter(speeds_kmh={"walk": 4.0})
    assert router.speeds_kmh["walk"] == 4.0
    assert router.speeds_kmh["car"] == DEFAULT_SPEEDS_KMH["car"]
    walk = router.path(VAN_PHUC, BAT_TRANG, "walk")
    default_walk = EstimateRouter().path(VAN_PHUC, BAT_TRANG, "walk")
    assert walk.duration_s == pytest.approx(default_walk.duration_s * 5 / 4)


def test_path_is_the_straight_segment_and_agrees_with_the_matrix() -> None:
    router = EstimateRouter()
    leg = router.path(VAN_PHUC, BAT_TRANG, "motorbike")
    matrix = router.matrix([VAN_PHUC, BAT_TRANG], "motorbike")
    assert leg.coords == (VAN_PHUC, BAT_TRANG)
    assert leg.distance_m == pytest.approx(matrix.distance_m[0, 1])
    assert leg.duration_s == pytest.approx(matrix.duration_s[1, 0])
    assert router.name == "estimate"
    assert router.estimate is True


def test_matrix_is_symmetric_with_a_zero_diagonal() -> None:
    matrix = EstimateRouter().matrix(random_points(6, seed=3), "bicycle")
    assert np.allclose(matrix.distance_m, matrix.distance_m.T)
    assert not np.diagonal(matrix.distance_m).any()
    assert (matrix.distance_m + np.eye(6) > 0).all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"detour_factor": 0.9}, "detour_factor must be a finite number ≥ 1"),
        ({"detour_factor": float("nan")}, "detour_factor"),
        ({"speeds_kmh": {"car": 0}}, "speed for 'car' must be"),
        ({"speeds_kmh": {"walk": -5}}, "speed for 'walk' must be"),
        ({"speeds_kmh": {"boat": 10}}, "unknown travel mode 'boat'"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        EstimateRouter(**kwargs)


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown travel mode 'train'"):
        EstimateRouter().matrix([VAN_PHUC, BAT_TRANG], "train")  # type: ignore[arg-type]


def test_swapped_coordinates_name_the_point() -> None:
    with pytest.raises(RoutingError, match=r"point 1: \(20.97.*swapped"):
        EstimateRouter().matrix([VAN_PHUC, (20.975953, 105.912491)], "car")
    with pytest.raises(RoutingError, match="point 0: coordinates must be finite"):
        EstimateRouter().path((float("nan"), 21.0), BAT_TRANG, "car")


@pytest.mark.parametrize("mode", MODES)
def test_matrix_between_is_the_block_of_the_square_matrix(mode: str) -> None:
    router = EstimateRouter()
    points = random_points(7, seed=11)
    sources, targets = points[:3], points[3:]
    square = router.matrix(points, mode)
    between = router.matrix_between(sources, targets, mode)
    assert between.distance_m.shape == between.duration_s.shape == (3, 4)
    np.testing.assert_allclose(between.distance_m, square.distance_m[:3, 3:], rtol=1e-12)
    np.testing.assert_allclose(between.duration_s, square.duration_s[:3, 3:], rtol=1e-12)
    assert router.matrix_between([], targets, mode).distance_m.shape == (0, 4)
    assert router.matrix_between(sources, [], mode).duration_s.shape == (3, 0)


def test_matrix_between_names_a_bad_target_after_the_sources() -> None:
    with pytest.raises(RoutingError, match=r"point 3: .*lon and lat swapped"):
        EstimateRouter().matrix_between([VAN_PHUC, BAT_TRANG, VAN_PHUC], [(20.97, 105.77)], "car")
