"""What the map sends to the browser: layers, controls, styles, and escaped data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import folium
import pytest
from jinja2.utils import htmlsafe_json_dumps

from bench.map_payload import component_payload
from ocop_geo.config import Settings
from ocop_geo.layers.catalog import Catalog
from ocop_geo.maps import builders as maps
from tests.conftest import site


def js(text: str) -> str:
    """``text`` as folium writes it inside a JavaScript/JSON string (``tojson`` filter)."""
    return str(htmlsafe_json_dumps(text))[1:-1]


EVIL = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def without_aria_labels(rendered: str) -> str:
    """``rendered`` without the markers' ``"ariaLabel": "…"`` options: plain text in a JSON
    string (a double-quoted string: no template literal), written by ``setAttribute``, never
    parsed as HTML, so a name there stays as it is (a screen reader says "&", not "&amp;")."""
    return re.sub(r'"ariaLabel": "(?:[^"\\]|\\.)*"', "", rendered)


@pytest.fixture(scope="module")
def explorer_html(catalog: Catalog) -> str:
    return maps.explorer_map(catalog, Settings(), "vi", wards=True).get_root().render()


def test_explorer_has_every_layer_and_control(explorer_html: str) -> None:
    for name in (
        "Quận/huyện (2019–2025)",
        "Phường/xã (từ 1/7/2025)",
        "Điểm OCOP thí điểm",
        "Vùng sai số toạ độ",
        "Đông Anh — địa bàn dự kiến",
        "Địa điểm sự kiện",
    ):
        assert f'"{js(name)}"' in explorer_html, name  # a LayerControl entry
    assert "L.control.layers" in explorer_html
    assert "L.control.fullscreen" in explorer_html
    assert "L.Control.MiniMap" in explorer_html
    assert "L.Control.Measure" in explorer_html
    assert "L.control.scale" in explorer_html


def test_explorer_has_a_marker_per_site_and_venue(explorer_html: str) -> None:
    markers = re.findall(r"L\.marker\(\s*\[([\d.]+), ([\d.]+)\]", explorer_html)
    assert len(markers) == 7  # 5 pilot points, the Đông Anh candidate area, the event venue
    assert ("20.975953", "105.912491") in markers  # Bát Tràng, [lat, lon] for Leaflet


def test_marker_icons_differ_by_kind(explorer_html: str) -> None:
    assert explorer_html.count('"icon": "store"') == 5
    assert explorer_html.count('"icon": "flag"') == 1
    assert explorer_html.count('"icon": "calendar-days"') == 1


def test_estimated_coordinates_say_so_in_tooltips(explorer_html: str) -> None:
    assert "<b>Vạn Phúc</b> · sai số ±500 m" in explorer_html  # marker tooltip
    assert "sai số ±12.300 m" in explorer_html  # Đông Anh: district only


def test_choropleth_colours_follow_the_figure(catalog: Catalog) -> None:
    topo = maps.district_topology(catalog.districts, "ocop_4star_2024", "vi")
    fills = {
        g["properties"]["label"].split("</b>")[0][3:]: g["properties"]["fill"]
        for g in topo["objects"]["districts"]["geometries"]
    }
    assert fills["Thanh Oai"] == maps.PALETTE[-1]  # 15, the most in the 2024 round
    assert fills["Hoàng Mai"] == maps.PALETTE[0]  # 1
    assert fills["Hà Đông"] == maps.NO_DATA  # not listed in the source: no figure, not zero


def test_legend_lists_classes_and_no_data(catalog: Catalog) -> None:
    html = maps.explorer_map(catalog, Settings(), "en", figure="ocop_products_reported")
    rendered = html.get_root().render()
    assert "OCOP products, latest report found (years differ)" in rendered  # legend title
    assert "No figure in the sources" in rendered
    # Gia Lâm's tooltip carries the value and its period.
    assert js("<b>119</b> (to 2023 (5× 5★ 85× 4★ 29× 3★))") in rendered


def test_no_colouring_draws_outlines_only(catalog: Catalog) -> None:
    rendered = maps.explorer_map(catalog, Settings(), "vi", figure=None).get_root().render()
    assert 'L.DomUtil.create("div","ocop-legend")' not in rendered


def test_class_breaks_keep_whole_numbers() -> None:
    assert maps.class_breaks([1, 15, None, 8]) == [4, 7, 10, 13, 15]
    assert maps.class_breaks([]) == []
    assert maps.colour_for(None, [1, 2]) == maps.NO_DATA


def test_data_strings_are_escaped_in_map_html(geo_copy: Path, edit_layer: Any) -> None:
    """A name with markup must reach the page as text, never as a tag."""

    def change(doc: dict) -> None:
        props = site(doc, "bat-trang")["properties"]
        props["name_vi"] = EVIL
        props["theme_vi"] = EVIL
        props["location_status_vi"] = EVIL

    edit_layer("sites.geojson", change)
    edit_layer(
        "districts.geojson",
        lambda d: d["features"][0]["properties"].update(
            ocop_4star_2024_period=EVIL, ocop_4star_2024=3, ocop_4star_2024_source="https://x.y"
        ),
    )
    edit_layer("wards_2025.geojson", lambda d: d["features"][0]["properties"].update(name_vi=EVIL))
    cat = Catalog.load(Settings(geo_dir=geo_copy))
    explorer = maps.explorer_map(cat, Settings(geo_dir=geo_copy), "vi", wards=True)
    rendered = explorer.get_root().render()
    assert rendered.count(f'"ariaLabel": "{js(EVIL)}"') == 1  # the name, as text
    rendered = without_aria_labels(rendered)
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    for raw in ("<script>alert", "<img src=x"):
        assert raw not in rendered  # in HTML (popups)
        assert js(raw) not in rendered  # in JSON data (TopoJSON labels, tooltips)
    assert escaped in rendered  # the popup shows the text
    assert js(escaped) in rendered  # so do the tooltips and the layer labels
    overview = maps.overview_map(cat, Settings(geo_dir=geo_copy), "vi").get_root().render()
    overview = without_aria_labels(overview)
    assert js("<script>alert") not in overview
    assert "<script>alert" not in overview


def test_tiles_come_from_settings_with_attribution(catalog: Catalog) -> None:
    settings = Settings(
        tiles_url="https://tiles.intranet.example/{z}/{x}/{y}.png",
        tiles_attribution="© Sở TN&amp;MT",
    )
    rendered = maps.explorer_map(catalog, settings, "vi").get_root().render()
    assert "https://tiles.intranet.example/{z}/{x}/{y}.png" in rendered
    assert "tile.openstreetmap.org" not in rendered
    assert js("© Sở TN&amp;MT") in rendered
    assert "CC BY 3.0 IGO" in rendered  # the boundary licences ride along on every map


def test_explorer_uses_offline_assets_when_present(catalog: Catalog, tmp_path: Path) -> None:
    """With `make assets` done, the map loads no script or stylesheet from the internet."""
    from ocop_geo.maps import assets

    for rel in assets.required_files():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("/* stand-in */")
    offline = Settings(assets_dir=tmp_path, assets_url="/app/static/vendor")
    rendered = maps.explorer_map(catalog, offline, "vi").get_root().render()
    links = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', rendered)
    assert links, "the map links its scripts and stylesheets"
    assert all(link.startswith("/app/static/vendor/") for link in links), links
    online = maps.explorer_map(catalog, Settings(assets_dir=tmp_path / "none"), "vi")
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.3" in online.get_root().render()


def test_legend_classes_do_not_overlap() -> None:
    rows = maps.legend_classes([1, 15, None, 8, 4])
    assert [span for _, span in rows] == ["1 – 4", "5 – 7", "8 – 10", "11 – 13", "14 – 15"]
    assert [colour for colour, _ in rows] == list(maps.PALETTE)
    assert maps.legend_classes([9.42, 421.25])[0][1] == "9.42 – 91.79"


def test_few_distinct_counts_get_distinct_colours() -> None:
    """0 and 1 products must not share a colour (a registry with three products)."""
    values = [0] * 27 + [1, 1, 1]
    assert maps.class_breaks(values) == [0, 1]
    assert maps.colour_for(0, [0, 1]) == maps.PALETTE[0]
    assert maps.colour_for(1, [0, 1]) == maps.PALETTE[-1]
    assert [span for _, span in maps.legend_classes(values)] == ["0", "1"]


# -- tourism stops and published routes ------------------------------------------------------


def test_explorer_has_the_tour_layers(explorer_html: str, catalog: Catalog) -> None:
    for name in ("Làng nghề, di tích, điểm tham quan", "Tuyến du lịch đã công bố"):
        assert f'"{js(name)}"' in explorer_html, name  # a LayerControl entry
    stops_on_routes = sum(len(stops) for stops in catalog.routes["stops"])
    assert explorer_html.count("L.circleMarker(") == len(catalog.pois) + stops_on_routes
    assert explorer_html.count("L.polyline(") == len(catalog.routes)
    assert explorer_html.count('"dashArray": "10 6"') == len(catalog.routes)  # dashed lines


def test_stop_positions_that_are_estimates_say_so(explorer_html: str) -> None:
    # Kiêu Kỵ sits at its old commune's centre: tooltip and popup give the accuracy.
    assert "<b>Làng nghề dát vàng bạc quỳ Kiêu Kỵ</b> · Làng nghề · sai số ±2.100 m" in (
        explorer_html
    )
    assert "Vị trí: tâm xã/phường cũ (trước 2025) — ước tính, sai số ±2.100 m" in explorer_html
    # Tây Phương has a position for the pagoda itself: no estimate label in its tooltip.
    assert "<b>Chùa Tây Phương (Sùng Phúc tự)</b> · Di tích\n" in explorer_html
    assert "Vị trí: toạ độ trên trang viết về chính địa điểm, sai số ±300 m" in explorer_html


def test_route_tooltips_list_stops_times_and_sources(catalog: Catalog) -> None:
    rendered = maps.explorer_map(catalog, Settings(), "en").get_root().render()
    assert "1. Sơn Đồng wood-carving village (09:00)<br>2. Duong Lam (10:15)" in rendered
    assert "By bicycle · Sở Du lịch Hà Nội · published: 2022-04-29 · published length 15 km" in (
        rendered
    )
    assert "not the road" in rendered  # the line is schematic and says so
    assert 'href="https://dulichminhanh.com/ha-noi-lang-co-duong-lam' in rendered


TEMPLATE_EVIL = "`${alert(document.cookie)}` <script>alert(2)</script>"


def test_tour_strings_cannot_break_out_of_popups(geo_copy: Path, edit_layer: Any) -> None:
    """folium puts popups and tooltips in JS template literals: ` and ${} must arrive inert."""

    def poi(doc: dict) -> None:
        props = doc["features"][0]["properties"]
        props["name_vi"] = props["what_vi"] = TEMPLATE_EVIL
        props["source"] = ["https://example.org/a(b)"]  # valid data, unsafe in markup

    def route(doc: dict) -> None:
        props = doc["features"][0]["properties"]
        props["name_vi"] = props["note_vi"] = props["publisher"] = TEMPLATE_EVIL

    edit_layer("pois.geojson", poi)
    edit_layer("routes.geojson", route)
    edit_layer(
        "sites.geojson", lambda d: site(d, "bat-trang")["properties"].update(name_vi=TEMPLATE_EVIL)
    )
    cat = Catalog.load(Settings(geo_dir=geo_copy))
    explorer = maps.explorer_map(cat, Settings(geo_dir=geo_copy), "vi", wards=True)
    rendered = without_aria_labels(explorer.get_root().render())
    assert "${alert" not in rendered
    assert "`${" not in rendered
    assert "<script>alert(2)" not in rendered
    assert "&#96;&#36;{alert(document.cookie)}&#96;" in rendered  # shown as text
    assert "example.org/a(b)" not in rendered  # a URL that could break the markup is dropped


def test_legend_text_is_never_markup() -> None:
    """Title and labels reach the box as text (``textContent``), inside a JSON string in which
    no ``<`` can close the script; a colour that is not a #hex colour is refused."""
    m = maps.base_map(Settings(), "en")
    maps.legend_element(EVIL, [("#123456", EVIL)]).add_to(m)
    rendered = m.get_root().render()
    assert "<script>alert" not in rendered
    assert "<img" not in rendered
    assert rendered.count("\\u003cscript\\u003ealert") == 2
    assert "innerHTML" not in rendered
    assert "h.textContent=d.title" in rendered
    assert '["#123456",' in rendered
    with pytest.raises(ValueError, match="not a #hex colour"):
        maps.legend_element("x", [("red;background:url(x)", "label")])


def test_the_legend_lives_in_the_map_and_follows_its_layer(catalog: Catalog) -> None:
    """A Leaflet control inside the map container (so it stays in full screen), removed while
    the districts layer is switched off and added back when it is switched on."""
    m = maps.explorer_map(catalog, Settings(), "en")
    districts = next(c for c in m._children.values() if isinstance(c, folium.TopoJson))
    rendered = m.get_root().render()
    assert 'c=L.control({position:"bottomleft"})' in rendered
    assert f"var l={districts.get_name()};" in rendered
    assert 'm.on("overlayremove",function(e){if(e.layer===l)c.remove()});' in rendered
    assert 'm.on("overlayadd",function(e){if(e.layer===l)c.addTo(m)});' in rendered
    assert ".ocop-legend{" in rendered  # its style


def test_venue_and_pilot_layers_are_shared_by_the_maps(catalog: Catalog) -> None:
    from ocop_geo.events.event_map import venue_map

    def rendered(layer: Any) -> str:
        m = maps.base_map(Settings(), "en", controls=False)
        layer.add_to(m)
        return m.get_root().render()

    assert maps.VENUE_COLOUR in rendered(maps.venue_layer(catalog.venues, "en"))
    assert maps.VENUE_COLOUR in venue_map(catalog.venues, Settings(), "vi").get_root().render()
    pilot_count = int((catalog.sites["kind"] == "pilot_point").sum())
    assert rendered(maps.pilots_layer(catalog, "en")).count("L.marker(") == pilot_count
    circles = rendered(maps.pilot_accuracy_layer(catalog, "en"))
    assert circles.count("L.circle(") == pilot_count
    assert maps.PILOT_COLOUR in circles


def test_the_explorer_opens_on_hanoi_and_the_minimap_keeps_quarter_zooms(
    catalog: Catalog,
) -> None:
    """The map is fitted to the districts' bounds at quarter zoom steps; the minimap uses the
    same steps (with whole ones it rounded a fitted 10.5 to 11 and handed it back to the map,
    cutting the tour's outer stops off)."""
    rendered = maps.explorer_map(catalog, Settings(), "en").get_root().render()
    west, south, east, north = (round(float(v), 6) for v in catalog.districts.total_bounds)
    assert f".fitBounds([[{south}, {west}], [{north}, {east}]],{{padding:[5,5]" in rendered
    assert rendered.count('"zoomSnap": 0.25') == 2  # the map and its minimap


def test_the_explorers_first_payload_stays_small_and_the_wards_come_when_asked(
    catalog: Catalog,
) -> None:
    """What st_folium ships on the first render (measured as bench/map_payload.py does) stays
    under 250,000 bytes: the wards/communes layer, half of it, comes only with ``wards=True``."""
    first = maps.explorer_map(catalog, Settings(), "vi")
    with_wards = maps.explorer_map(catalog, Settings(), "vi", wards=True)
    assert component_payload(first) < 250_000
    wards = f'"{js("Phường/xã (từ 1/7/2025)")}"'  # the layer control's entry
    assert wards not in first.get_root().render()
    assert wards in with_wards.get_root().render()
    assert component_payload(with_wards) > component_payload(first) + 150_000  # the 126 wards


def test_every_marker_icon_gets_a_name_for_screen_readers(explorer_html: str) -> None:
    """Leaflet makes marker icons keyboard buttons; each is named (aria-label) by its site."""
    assert "p._initIcon=function(){" in explorer_html  # the aria-label writer, once
    assert explorer_html.count("p._initIcon=function(){") == 1
    names = re.findall(r'"ariaLabel": "([^"]*)"', explorer_html)
    assert len(names) == 7  # the 7 markers: 5 pilot points, the candidate area, the venue
    assert js("Bát Tràng") in names
    assert js("Đông Anh (địa bàn dự kiến)") in names
