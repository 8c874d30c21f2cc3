"""The booth planner's refusals in the page's language: Vietnamese on the events page, the same
English as before in logs and the command line."""

from __future__ import annotations

import pytest
from shapely import LineString

from ocop_geo.events.booths import (
    BoothError,
    BoothRules,
    Street,
    Zone,
    plan_booths,
    streets_from_geojson,
)
from ocop_geo.i18n import error_text

GOOD = [[105.8160, 21.0770], [105.8170, 21.0780]]
STREET = Street("s", "Trịnh Công Sơn", LineString(GOOD))


def feature(coords: list) -> dict:
    return {"type": "Feature", "properties": {}, "geometry": {"type": "LineString",
                                                              "coordinates": coords}}  # fmt: skip


def refused(call, *args, **kwargs) -> BoothError:
    with pytest.raises(BoothError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_a_rule_names_its_field_in_vietnamese() -> None:
    error = refused(BoothRules, width_m=-3)
    assert (
        error_text(error, "vi") == "chiều ngang gian hàng (width_m) phải lớn hơn 0 m, nhận được -3"
    )
    assert str(error) == "booth width (width_m) must be > 0 m, got -3"
    gap = refused(BoothRules, gap_m=-0.5)
    assert error_text(gap, "vi") == (
        "khoảng cách giữa hai gian (gap_m) phải từ 0 m trở lên, nhận được -0.5"
    )


def test_zones_that_do_not_add_up_are_refused_in_vietnamese() -> None:
    error = refused(plan_booths, [STREET], count=150, zones=[Zone("A", 100), Zone("B", 40)])
    assert error_text(error, "vi") == (
        "các khu có tổng cộng 140 gian nhưng số gian hàng là 150: hãy để hai số bằng nhau"
    )
    assert str(error) == "the zones hold 140 booths but count is 150: make them equal"
    zone = refused(Zone, "Huế", -1)
    assert (
        error_text(zone, "vi") == "khu 'Huế': số gian phải là số nguyên từ 0 trở lên, nhận được -1"
    )
    assert error_text(refused(plan_booths, []), "en") == (
        "no street chosen: draw or upload at least one street line"
    )


def test_every_problem_of_an_upload_is_one_vietnamese_line() -> None:
    data = [feature([[21.077, 105.816], [21.078, 105.817]]), feature([GOOD[0]]), None]
    error = refused(streets_from_geojson, data, "pho.geojson")
    assert error_text(error, "vi").splitlines() == [
        "pho.geojson: đối tượng 0 (id=street-1): kinh độ và vĩ độ có vẻ bị đảo: "
        "[21.077, 105.816] phải là [105.816, 21.077]",
        "pho.geojson: đối tượng 1 (id=street-2): một đường cần ít nhất 2 điểm khác nhau, hiện có 1",
        "pho.geojson: đối tượng 2: không phải Feature GeoJSON",
    ]
    assert str(error).splitlines()[2] == "pho.geojson: feature 2: not a GeoJSON Feature"
    assert error_text(refused(streets_from_geojson, b"{x", "a.geojson"), "vi").startswith(
        "a.geojson: không phải JSON ("
    )


def test_a_street_outside_hanoi_is_named_in_vietnamese() -> None:
    error = refused(Street, "x", "x", LineString([(106.7, 10.77), (106.71, 10.78)]))
    assert error_text(error, "vi") == (
        "phố 'x': nằm ngoài phạm vi Hà Nội (kinh độ 106.70000, vĩ độ 10.77000)"
    )
    assert str(error) == "street 'x': lies outside Hanoi's extent (lon 106.70000, lat 10.77000)"
