"""The printable itinerary's map: an inline SVG of the stops, the legs and the district
boundaries, drawn without tiles or network, every name escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.routing.base import Route
from ocop_geo.routing.estimate import EstimateRouter
from ocop_geo.routing.export import FORMATS
from ocop_geo.routing.printout import to_print_html
from ocop_geo.routing.stops import load_stops
from ocop_geo.routing.tour import plan_route, resolve_stops

SVG = "{http://www.w3.org/2000/svg}"
GEO = REPO_ROOT / "geo"
STOPS = load_stops()


def tour(ids: str, **options: bool) -> Route:
    return plan_route(resolve_stops(ids.split(","), STOPS), EstimateRouter(), **options)


def the_svg(page: str) -> ET.Element:
    found = re.search(r"<svg .*?</svg>", page, flags=re.S)
    assert found, "no inline SVG map in the printable page"
    return ET.fromstring(found.group(0))  # noqa: S314 (our own output; parses: names escaped)


def stop_marks(svg: ET.Element) -> dict[str, tuple[float, float]]:
    """Stop name → the centre of its numbered circle."""
    marks = {}
    for group in svg.iter(f"{SVG}g"):
        circle, name = group.find(f"{SVG}circle"), group.find(f"{SVG}text[@class='stop-name']")
        if circle is not None and name is not None:
            marks[name.text or ""] = (float(circle.get("cx", 0)), float(circle.get("cy", 0)))
    return marks


def test_the_printable_page_has_a_map_of_stops_legs_and_districts() -> None:
    route = tour("van-phuc,duong-lam,bat-trang")
    page = FORMATS["html"].render(route, "Tây → Đông", "vi").decode("utf-8")
    svg = the_svg(page)
    marks = stop_marks(svg)
    assert set(marks) == {"Vạn Phúc", "Đường Lâm", "Bát Tràng"}
    # west is left, north is up: Đường Lâm (Sơn Tây) lies west and north of Vạn Phúc (Hà Đông),
    # Bát Tràng (Gia Lâm) east of both
    assert marks["Đường Lâm"][0] < marks["Vạn Phúc"][0] < marks["Bát Tràng"][0]
    assert marks["Đường Lâm"][1] < marks["Vạn Phúc"][1]
    legs = svg.findall(f".//{SVG}g[@class='legs']/{SVG}polyline")
    assert len(legs) == len(route.legs) == 2
    assert svg.find(f".//{SVG}g[@class='legs']").get("stroke-dasharray")  # estimate: dashed
    districts = svg.findall(f".//{SVG}g[@class='districts']/{SVG}path")
    names = {e.text for e in svg.findall(f".//{SVG}g[@class='district-names']/{SVG}text")}
    assert len(districts) >= 5
    assert {"Sơn Tây", "Hà Đông", "Gia Lâm"} <= names
    assert "geoBoundaries" in page  # the boundaries' attribution under the map
    for fetch in ("<img", "<script", "<link", "src=", "url("):
        assert fetch not in page  # nothing to load: prints offline


def test_a_round_trip_draws_the_start_once_with_both_numbers() -> None:
    page = to_print_html(tour("van-phuc,bat-trang", round_trip=True), name="x", geo_dir=GEO)
    numbers = [e.text for e in the_svg(page).iter(f"{SVG}text") if e.get("font-weight") == "bold"
               and e.get("class") != "stop-name"]  # fmt: skip
    assert sorted(numbers) == ["1/3", "2"]


def test_names_reach_the_map_escaped() -> None:
    route = tour("van-phuc,bat-trang")
    evil = replace(route.visits[0].stop, name_vi="<script>alert(1)</script> & Vạn Phúc")
    route = replace(route, visits=(replace(route.visits[0], stop=evil), *route.visits[1:]))
    page = to_print_html(route, name="x", geo_dir=GEO)
    assert "<script>" not in page
    assert "<script>alert(1)</script> & Vạn Phúc" in stop_marks(the_svg(page))


def test_without_the_boundaries_the_tour_is_still_drawn_and_the_page_says_why(
    tmp_path: Path,
) -> None:
    (tmp_path / "districts.geojson").write_text("{not json", encoding="utf-8")
    page = to_print_html(tour("van-phuc,bat-trang"), name="x", lang="en", geo_dir=tmp_path)
    svg = the_svg(page)
    assert set(stop_marks(svg)) == {"Van Phuc", "Bat Trang"}
    assert svg.find(f".//{SVG}g[@class='districts']") is None
    assert "District boundaries not drawn: " in page
    assert "districts.geojson" in page.split("District boundaries not drawn: ")[1][:400]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_map_is_titled_in_the_language(lang: str) -> None:
    page = to_print_html(tour("van-phuc,bat-trang"), name="x", lang=lang)
    title = {"vi": "Bản đồ tuyến", "en": "Map of the tour"}[lang]
    assert f"<h2>{title}</h2>" in page
    assert the_svg(page).get("aria-label") == title
