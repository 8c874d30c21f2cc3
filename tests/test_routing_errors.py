"""The routing errors a person sees, in both languages: each module's errors carry a catalogue
message (Vietnamese on the pages, ``error_text``) whose English text (``str``, for logs and the
command line) is the sentence it always was."""

from __future__ import annotations

import dataclasses
import json
import socket
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import update

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.config import Settings
from ocop_geo.database.store import Store, StoreError, saved_routes
from ocop_geo.i18n import MessageError, error_text
from ocop_geo.routing.base import RouteOptionError, RouterConfigError, RoutingError, Stop
from ocop_geo.routing.estimate import EstimateRouter, check_points
from ocop_geo.routing.optimise import solve_heuristic
from ocop_geo.routing.osrm import OsrmRouter
from ocop_geo.routing.request import RouteRequest
from ocop_geo.routing.roadgraph import RoadGraph, RoadGraphError, RoadGraphRouter
from ocop_geo.routing.roads_osm import RoadImportError
from ocop_geo.routing.saved import load_route, save_route
from ocop_geo.routing.select import router_from_settings
from ocop_geo.routing.tour import plan_route, resolve_stops
from tests.roads import NODES, WAYS, build, write_xml

STOPS = [
    Stop("bat-trang", "Bát Tràng", "Bat Trang", 105.91, 20.97),
    Stop("kim-lan", "Kim Lan", "Kim Lan", 105.92, 20.98),
]
KNOWN = {s.id: s for s in STOPS}


def texts(error: pytest.ExceptionInfo[BaseException]) -> tuple[str, str]:
    """``(Vietnamese, English)`` text of the error raised."""
    assert isinstance(error.value, MessageError)
    return error_text(error.value, "vi"), str(error.value)


def test_an_unknown_stop_is_named_with_the_closest_ids_in_vietnamese() -> None:
    with pytest.raises(RoutingError) as error:
        resolve_stops(["bat-trng", "zzz"], KNOWN)
    assert texts(error) == (
        "mã điểm dừng không tồn tại: 'bat-trng' (có phải là 'bat-trang'?); 'zzz'",
        "unknown stop id: 'bat-trng' (did you mean 'bat-trang'?); 'zzz'",
    )
    with pytest.raises(RoutingError) as error:
        resolve_stops(["kim-lan", "kim-lan"], KNOWN)
    assert texts(error)[0] == "điểm dừng được nhập nhiều lần: 'kim-lan'"


def test_clashing_options_and_a_bad_start_are_option_errors_still_value_errors() -> None:
    with pytest.raises(ValueError, match="fixed_end cannot be used with round_trip") as error:
        plan_route(STOPS, EstimateRouter(), round_trip=True, fixed_end=True)
    assert isinstance(error.value, RouteOptionError)
    assert not isinstance(error.value, RoutingError)  # the CLI's exit code 2, not 1
    assert texts(error)[0].startswith("tuyến khép kín kết thúc tại điểm dừng đầu tiên")
    with pytest.raises(RouteOptionError) as error:
        plan_route(STOPS, EstimateRouter(), start_min=1500.5)
    assert texts(error) == (
        "giờ xuất phát phải từ 00:00 đến 23:59, nhận được 1500.5 phút",
        "start time must be between 00:00 and 23:59, got 1500.5 minutes",
    )
    with pytest.raises(RouteOptionError) as error:
        plan_route(STOPS, EstimateRouter(), mode="boat")  # type: ignore[arg-type]
    assert texts(error)[0] == (
        "phương tiện 'boat' không hợp lệ: phải là một trong car, motorbike, bicycle, walk"
    )


def test_swapped_coordinates_and_too_many_stops() -> None:
    with pytest.raises(RoutingError) as error:
        check_points([(105.8, 21.0), (21.0, 105.8)])
    vi, en = texts(error)
    assert vi.startswith("điểm 1: (21.0, 105.8) nằm ngoài kinh độ [-180, 180] / vĩ độ [-90, 90]")
    assert en.startswith("point 1: (21.0, 105.8) is outside lon [-180, 180] / lat [-90, 90]")
    with pytest.raises(RouteOptionError) as error:
        solve_heuristic(np.ones((81, 81)))
    assert texts(error) == (
        "81 điểm dừng vượt quá số lượng bộ tối ưu xử lý được (80); hãy chia nhỏ tour",
        "81 stops is more than this optimiser handles (80); split the tour",
    )


def test_router_settings_errors_name_the_setting(tmp_path: Path) -> None:
    settings = Settings.from_env({})
    missing = tmp_path / "roads.npz"
    with pytest.raises(RouterConfigError) as error:
        router_from_settings(dataclasses.replace(settings, router="roads", road_graph=missing))
    assert texts(error) == (
        f"OCOP_ROUTER=roads nhưng không có đồ thị đường tại {missing}: hãy chạy "
        "`ocop-geo roads import FILE.osm.pbf` hoặc đặt OCOP_ROAD_GRAPH",
        f"OCOP_ROUTER=roads but there is no road graph at {missing}: run "
        "`ocop-geo roads import FILE.osm.pbf` or set OCOP_ROAD_GRAPH",
    )
    with pytest.raises(RouterConfigError) as error:
        router_from_settings(dataclasses.replace(settings, router="bogus"))
    assert texts(error)[0] == (
        "bộ định tuyến 'bogus' không tồn tại: phải là một trong auto, estimate, roads, osrm"
    )
    with pytest.raises(RouterConfigError) as error:
        router_from_settings(dataclasses.replace(settings, router="estimate", detour_factor=0.5))
    assert texts(error)[0] == "detour_factor phải là số hữu hạn ≥ 1, nhận được 0.5"


def test_osrm_url_and_a_server_that_is_down() -> None:
    with pytest.raises(RouterConfigError) as error:
        OsrmRouter("osrm.local:5000")
    assert texts(error)[0] == (
        "URL OSRM 'osrm.local:5000' không hợp lệ: cần có dạng http://host[:port][/path]"
    )
    with socket.socket() as sock:  # a port that nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(RoutingError) as error:
        OsrmRouter(f"http://127.0.0.1:{port}", timeout_s=2).matrix([s.lonlat for s in STOPS], "car")
    vi, en = texts(error)
    assert vi.startswith("máy chủ OSRM không phản hồi (")
    assert en.startswith("OSRM server does not answer (")
    assert vi.endswith(f"127.0.0.1:{port}/table/v1/car/{en.split('/table/v1/car/')[1]}")


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> RoadGraph:
    return build(write_xml(tmp_path_factory.mktemp("osm") / "grid.osm"))[0]


def test_road_graph_routing_errors_name_the_stop_and_the_graph(graph: RoadGraph) -> None:
    router = RoadGraphRouter(graph)
    far = (NODES[1][0], NODES[1][1] - 0.025)  # ≈ 2.8 km south of the grid
    with pytest.raises(RoutingError) as error:
        router.matrix([NODES[1], far], "walk")
    assert texts(error) == (
        "điểm dừng 1 (105.840000, 21.005000) cách con đường gần nhất dùng được cho walk 2,768 m "
        "(giới hạn 2,000 m); đồ thị đường từ grid.osm",
        "stop 1 (105.840000, 21.005000) is 2,768 m from the nearest road usable by walk "
        "(limit 2,000 m); road graph from grid.osm",
    )
    with pytest.raises(RoutingError) as error:
        router.matrix([NODES[1], NODES[9], NODES[14]], "car")
    assert texts(error) == (
        "không thể đến điểm dừng 2 bằng car từ điểm dừng 0 (một con đường không nối với phần "
        "còn lại, hoặc đường một chiều khiến không ra được); đồ thị đường từ grid.osm",
        "stop 2 cannot be reached by car from stop 0 (a road not connected to the rest, or a "
        "one-way street that traps it); road graph from grid.osm",
    )


def test_road_graph_files_that_are_missing_or_of_another_format(tmp_path: Path) -> None:
    with pytest.raises(RoadGraphError) as error:
        RoadGraph.load(tmp_path / "missing.npz")
    assert texts(error)[0] == (
        f"{tmp_path / 'missing.npz'}: chưa có đồ thị đường; hãy tạo bằng "
        "`ocop-geo roads import FILE.osm.pbf`"
    )
    other = tmp_path / "other.npz"
    np.savez_compressed(other, meta=json.dumps({"format": 9}))
    with pytest.raises(RoadGraphError) as error:
        RoadGraph.load(other)
    assert texts(error) == (
        f"{other}: không phải đồ thị đường do `ocop-geo roads import` tạo ra (định dạng 9, cần 1)",
        f"{other}: not a road graph written by `ocop-geo roads import` (format 9, expected 1)",
    )


def test_an_extract_without_roads_in_hanoi(tmp_path: Path) -> None:
    with pytest.raises(RoadImportError) as error:
        build(tmp_path / "nowhere.osm.pbf")
    assert texts(error)[0] == f"{tmp_path / 'nowhere.osm.pbf'}: không tìm thấy tệp"
    outside = write_xml(tmp_path / "hai-duong.osm", {110: WAYS[110]})
    with pytest.raises(RoadImportError) as error:
        build(outside)
    assert texts(error) == (
        f"{outside}: không có con đường nào dùng được cho car, motorbike, bicycle, walk nằm "
        "trong Hà Nội (đã đọc 1 tuyến highway: 1 nằm ngoài ranh giới thành phố, 0 cấm mọi "
        "phương tiện, 0 không đầy đủ)",
        f"{outside}: no road usable by car, motorbike, bicycle, walk lies inside Hanoi (1 "
        "highway way(s) read: 1 outside the city outline, 0 closed to every mode, 0 incomplete)",
    )


def test_a_damaged_saved_tour_says_why_in_the_readers_language(store: Store) -> None:
    tour = RouteRequest(stop_ids=("bat-trang", "kim-lan"))
    saved = save_route(store, "Gốm", tour, saved_by="Lan", actor=OPERATOR)
    with store.transaction(write=True) as conn:
        conn.execute(update(saved_routes).values(stop_ids='["bat-trang", "Kim Lan"]'))
    with pytest.raises(StoreError) as error:
        load_route(store, "Gốm")
    assert texts(error) == (
        f"tour đã lưu 'Gốm' (id {saved.id}) bị hỏng: mã điểm dừng 'Kim Lan' không hợp lệ "
        "(chỉ chữ thường, chữ số, '-')",
        f"saved tour 'Gốm' (id {saved.id}) is damaged: stop id 'Kim Lan' is not a valid id "
        "(lower-case letters, digits, '-')",
    )
