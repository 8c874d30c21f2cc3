"""Folium map builders. They return ``folium.Map`` objects and never touch Streamlit.

Every string that comes from data reaches the map only through :func:`esc`; layer
properties sent to the browser are reduced to what the map shows (see :mod:`ocop_geo.maps.topo`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import Any

import folium
import geopandas as gpd
from branca.element import Element, MacroElement
from folium import plugins
from folium.template import Template
from jinja2.utils import htmlsafe_json_dumps

from ocop_geo.config import Settings
from ocop_geo.i18n import ATTRIBUTIONS, number, t
from ocop_geo.layers.catalog import Catalog
from ocop_geo.maps import assets, plain_chunks, tour_layers
from ocop_geo.maps.marker_names import MarkerNames
from ocop_geo.maps.topo import to_topojson
from ocop_geo.text import escape_html

plain_chunks.install()  # rendered chunks are not compiled again (docs/performance.md)

HANOI_CENTER = (21.03, 105.80)
HANOI_ZOOM = 10
SITE_ZOOM = 14
#: Zoom steps of every map: fitting a map to its content may use quarter zoom levels.
ZOOM_SNAP = 0.25

#: Choropleth classes (ColorBrewer YlGn, 5 classes) and the colour for "no figure".
PALETTE = ("#ffffcc", "#c2e699", "#78c679", "#31a354", "#006837")
NO_DATA = "#d9d9d9"

#: Figures a district choropleth can show; ``None`` draws outlines only.
FIGURES: tuple[str | None, ...] = (None, "ocop_4star_2024", "ocop_products_reported", "area_km2")

#: Marker icon (Font Awesome 6 name) and colour (Leaflet.awesome-markers palette) by kind.
ICONS = {
    "pilot_point": ("store", "green"),
    "candidate_area": ("flag", "orange"),
    "event_venue": ("calendar-days", "purple"),
}
#: Accuracy-circle colours of the pilot points and of the event venues.
PILOT_COLOUR, VENUE_COLOUR = "#0b6e4f", "#6a3d9a"


def esc(value: Any) -> str:
    """HTML-escape a data value for a popup or tooltip (quotes, backtick and ``$`` included)."""
    return escape_html(value)


def attribution(settings: Settings, lang: str) -> str:
    """The attribution shown on every map: the tiles' on one line, and an expander (a
    ``<details>`` element, keyboard-accessible) for the boundary data licences."""
    data = (
        '<a href="https://www.geoboundaries.org/">geoBoundaries</a> '
        '(<a href="https://creativecommons.org/licenses/by/3.0/igo/">CC BY 3.0 IGO</a>), '
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
        "contributors (ODbL)"
    )
    return (
        f"{settings.tiles_attribution} | <details><summary>"
        f"{esc(t('map.boundaries', lang))}</summary> {data}</details>"
    )


#: Styles of every map (sent with each map, so kept terse): the attribution on one line with
#: its expander, the legend box, a light background where no tile could be loaded.
MAP_STYLE = (
    "<style>.leaflet-container{background:#eee}"
    ".leaflet-control-attribution{white-space:nowrap;max-width:95vw;font-size:8pt;"
    "overflow:hidden;text-overflow:ellipsis}details[open]{white-space:normal}"
    "details,summary{display:inline}summary{cursor:pointer;color:#05b}"
    ".ocop-legend{background:#fff;padding:4px 7px;font:11px/1.4 sans-serif;"
    "box-shadow:0 1px 4px #0005;max-width:17em}.ocop-legend i{display:inline-block;"
    "padding:6px;border:1px solid #888;margin-right:5px;vertical-align:-2px}</style>"
)


class MapLegend(MacroElement):
    """A legend box as a Leaflet control (bottom left): ``title``, then a swatch per
    ``(colour, label)`` row. Inside the map, so it stays in full screen; tied to ``layer``
    (optional), it hides while that layer is switched off. Title and labels are set as text
    (``textContent``), never parsed as HTML; the colours must be CSS colours."""

    _template = Template(
        "{% macro script(this, kwargs) %}(function(){"
        "var m={{ this._parent.get_name() }},d={{ this.data }},c=L.control("
        '{position:"bottomleft"});c.onAdd=function(){var b=L.DomUtil.create("div",'
        '"ocop-legend"),h=L.DomUtil.create("b","",b);h.textContent=d.title;'
        'd.rows.forEach(function(r){var e=L.DomUtil.create("div","",b);'
        'L.DomUtil.create("i","",e).style.background=r[0];e.append(r[1])});'
        "L.DomEvent.disableClickPropagation(b);return b};c.addTo(m);"
        "{% if this.layer %}var l={{ this.layer.get_name() }};"
        'm.on("overlayadd",function(e){if(e.layer===l)c.addTo(m)});'
        'm.on("overlayremove",function(e){if(e.layer===l)c.remove()});'
        "if(!m.hasLayer(l))c.remove();{% endif %}})();{% endmacro %}"
    )

    def __init__(
        self, title: str, rows: Sequence[tuple[str, str]], layer: Element | None = None
    ) -> None:
        super().__init__()
        self._name = "MapLegend"
        data = {"title": title, "rows": [[colour, label] for colour, label in rows]}
        # compact and readable (UTF-8, no spaces); <, >, & and ' escaped for the script tag
        self.data = htmlsafe_json_dumps(data, ensure_ascii=False, separators=(",", ":"))
        self.layer = layer


def boundary_base(topology: dict[str, Any]) -> folium.TopoJson:
    """A light base drawn from committed boundaries (a geometry-only TopoJSON, e.g. the
    districts): keeps a map readable where no tile server is reachable. Not interactive, not
    in the layer control."""
    name = next(iter(topology["objects"]))
    return folium.TopoJson(
        topology,
        f"objects.{name}",
        name=name,
        control=False,
        style_function=lambda _f: {
            "color": "#9a968c",
            "weight": 0.8,
            "fillColor": "#f7f6f1",
            "fillOpacity": 1,
            "interactive": False,
        },
    )


class FitContent(MacroElement):
    """Open the map on ``bounds`` (``[[south, west], [north, east]]``) with ``padding`` pixels,
    at once (no animation: the page may set another view right after, e.g. a selected site).
    Smaller than folium's ``FitBounds``; the explorer's payload counts every byte."""

    _template = Template(
        "{% macro script(this, kwargs) %}{{ this._parent.get_name() }}.fitBounds("
        "{{ this.bounds }},{padding:[{{ this.padding }},{{ this.padding }}],animate:!1});"
        "{% endmacro %}"
    )

    def __init__(self, bounds: Sequence[Sequence[float]], padding: int) -> None:
        super().__init__()
        self._name = "FitContent"
        self.bounds = json.dumps([[round(v, 6) for v in corner] for corner in bounds])
        self.padding = int(padding)


def fit_to(m: folium.Map, points: Sequence[tuple[float, float]], *, padding: int = 30) -> None:
    """Open ``m`` on the box around ``points`` (``(lat, lon)``, EPSG:4326) (:class:`FitContent`);
    one point opens at :data:`SITE_ZOOM`; nothing if empty."""
    if not points:
        return
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    if min(lats) == max(lats) and min(lons) == max(lons):
        m.location, m.options["zoom"] = [lats[0], lons[0]], SITE_ZOOM
        return
    FitContent([(min(lats), min(lons)), (max(lats), max(lons))], padding).add_to(m)


def bounds_points(frame: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    """The two corners ``(lat, lon)`` of ``frame``'s bounds, for :func:`fit_to`."""
    if frame.empty:
        return []
    west, south, east, north = frame.total_bounds
    return [(float(south), float(west)), (float(north), float(east))]


def base_map(
    settings: Settings,
    lang: str,
    *,
    location: Sequence[float] = HANOI_CENTER,
    zoom: int = HANOI_ZOOM,
    controls: bool = True,
) -> folium.Map:
    """An empty map of Hanoi with the configured tiles, a scale bar and (optionally) controls.

    The controls are kept small (the minimap starts folded); the attribution is one line."""
    m = folium.Map(
        location=list(location),
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        zoom_snap=ZOOM_SNAP,
    )
    m.get_root().header.add_child(Element(MAP_STYLE), name="ocop_map_style")
    MarkerNames().add_to(m)  # before any marker: their icons get an accessible name
    folium.TileLayer(
        tiles=settings.tiles_url,
        attr=attribution(settings, lang),
        name=t("layer.tiles", lang),
        control=False,
    ).add_to(m)
    if controls:
        plugins.Fullscreen(position="topleft").add_to(m)
        plugins.MeasureControl(
            position="topleft",
            primary_length_unit="meters",
            secondary_length_unit="kilometers",
            primary_area_unit="sqmeters",
            secondary_area_unit="hectares",
        ).add_to(m)
        plugins.MiniMap(
            # the minimap shows no attribution: the short tile credit is enough for its layer
            tile_layer=folium.TileLayer(tiles=settings.tiles_url, attr=settings.tiles_attribution),
            position="bottomright",
            toggle_display=True,
            minimized=True,
            zoom_level_offset=-5,
            # the same zoom steps as the map: with whole steps the minimap would round the
            # map's fitted zoom (e.g. 10.5) and hand the rounded one back to the map
            map_options={"zoomSnap": ZOOM_SNAP},
        ).add_to(m)
    return m


def class_breaks(values: Sequence[float], classes: int = len(PALETTE)) -> list[float]:
    """Equal-interval class upper bounds over ``values`` (nulls ignored; integers stay integers)."""
    present = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    if not present:
        return []
    lo, hi = min(present), max(present)
    whole = all(float(v).is_integer() for v in present)
    if lo == hi:
        return [hi]
    if whole and hi - lo + 1 <= classes:  # few distinct counts: one class per value
        return [float(v) for v in range(int(lo), int(hi) + 1)]
    step = (hi - lo) / classes
    breaks = [lo + step * (i + 1) for i in range(classes)]
    if whole:
        breaks = sorted({math.ceil(b) for b in breaks})
    breaks[-1] = hi
    return breaks


def palette_for(classes: int) -> list[str]:
    """``classes`` colours spread over the whole palette (light → dark)."""
    if classes <= 1:
        return [PALETTE[-1]] * classes
    last = len(PALETTE) - 1
    return [PALETTE[round(i * last / (classes - 1))] for i in range(classes)]


def colour_for(value: float | None, breaks: Sequence[float]) -> str:
    """The palette colour of ``value`` given ``breaks``; grey for a missing figure."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or not breaks:
        return NO_DATA
    colours = palette_for(len(breaks))
    for colour, upper in zip(colours, breaks, strict=True):
        if value <= upper:
            return colour
    return colours[-1]


def _num(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def _fmt(value: float | None, lang: str) -> str:
    return "—" if value is None else number(value, lang)


def district_labels(districts: gpd.GeoDataFrame, figure: str | None, lang: str) -> list[str]:
    """Escaped tooltip HTML per district: name, type and the chosen figure with its period."""
    labels = []
    for _, row in districts.iterrows():
        name = row["name_vi"] if lang == "vi" else f"{row['name_vi']} ({row['name_en']})"
        text = f"<b>{esc(name)}</b> · {esc(row['type_vi'])}"
        if figure:
            value = _num(row.get(figure))
            period = row.get(f"{figure}_period")
            shown = esc(_fmt(value, lang)) if value is not None else esc(t("legend.no_data", lang))
            text += f"<br>{esc(t('figure.' + figure, lang))}: <b>{shown}</b>"
            if value is not None and isinstance(period, str):
                text += f" ({esc(period)})"
        labels.append(text)
    return labels


def district_topology(districts: gpd.GeoDataFrame, figure: str | None, lang: str) -> dict[str, Any]:
    """TopoJSON of the districts with only a tooltip label and a fill colour per feature."""
    frame = districts.copy()
    frame["label"] = district_labels(frame, figure, lang)
    breaks = class_breaks(list(frame[figure])) if figure else []
    values = frame[figure] if figure else [None] * len(frame)
    frame["fill"] = [colour_for(_num(v), breaks) if figure else "none" for v in values]
    return to_topojson(frame, object_name="districts", properties=["label", "fill"])


def districts_layer(
    districts: gpd.GeoDataFrame,
    figure: str | None,
    lang: str,
    topology: dict[str, Any] | None = None,
) -> tuple[folium.TopoJson, MapLegend | None]:
    """The districts as a TopoJSON layer, coloured by ``figure``, and its legend (or None).

    ``topology`` is :func:`district_topology`'s result, passed in when the caller caches it.
    """
    topo = topology or district_topology(districts, figure, lang)

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        fill = feature["properties"]["fill"]
        return {
            "color": "#35524a",
            "weight": 1.2,
            "fillColor": fill,
            "fillOpacity": 0 if fill == "none" else 0.6,
        }

    layer = folium.TopoJson(
        topo,
        "objects.districts",
        name=t("layer.districts", lang),
        style_function=style,
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, sticky=True),
    )
    title = t("figure." + figure, lang) if figure else ""
    legend = legend_box(title, list(districts[figure]), lang, layer=layer) if figure else None
    return layer, legend


def ward_topology(wards: gpd.GeoDataFrame, lang: str) -> dict[str, Any]:
    """TopoJSON of the wards/communes with only an escaped tooltip label per feature."""
    frame = wards.copy()
    frame["label"] = [
        f"<b>{esc(r['name_vi'])}</b><br>"
        + esc(
            t(
                "tooltip.ward",
                lang,
                d=r["old_district_name_vi"],
                share=round(100 * float(r["old_district_share"])),
            )
        )
        for _, r in frame.iterrows()
    ]
    return to_topojson(frame, object_name="wards", properties=["label"])


def wards_layer(
    wards: gpd.GeoDataFrame,
    lang: str,
    *,
    show: bool = False,
    topology: dict[str, Any] | None = None,
) -> folium.TopoJson:
    """The 126 wards/communes (since 1/7/2025) as thin dashed outlines with name tooltips."""
    return folium.TopoJson(
        topology or ward_topology(wards, lang),
        "objects.wards",
        name=t("layer.wards", lang),
        show=show,
        style_function=lambda _f: {
            "color": "#7a5195",
            "weight": 0.8,
            "fillOpacity": 0,
            "dashArray": "3 3",
        },
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, sticky=True),
    )


def legend_classes(values: Sequence[Any], lang: str = "en") -> list[tuple[str, str]]:
    """(colour, "low – high") per class, as :func:`colour_for` assigns them.

    Classes are (previous upper, upper]; for whole numbers the lower bound is shown as the
    first whole number in the class, so "1 – 4, 5 – 7, …" rather than "4, 4 – 7, …".
    """
    present = [v for v in (_num(x) for x in values) if v is not None]
    breaks = class_breaks(present)
    whole = all(v.is_integer() for v in present)
    rows = []
    lower = min(present) if present else None
    for colour, upper in zip(palette_for(len(breaks)), breaks, strict=True):
        span = _fmt(upper, lang) if lower == upper else f"{_fmt(lower, lang)} – {_fmt(upper, lang)}"
        rows.append((colour, span))
        lower = upper + 1 if whole else upper
    return rows


def legend_box(
    title: str,
    values: Sequence[Any],
    lang: str,
    *,
    no_data: bool = True,
    layer: Element | None = None,
) -> MapLegend:
    """A legend (escaped) for a choropleth of ``values`` titled ``title``, shown while
    ``layer`` is on."""
    rows = legend_classes(values, lang)
    if no_data:
        rows.append((NO_DATA, t("legend.no_data", lang)))
    return legend_element(title, rows, layer=layer)


def legend_element(
    title: str, rows: Sequence[tuple[str, str]], *, layer: Element | None = None
) -> MapLegend:
    """A legend in the map's lower left corner (see :class:`MapLegend`); hidden while
    ``layer`` (if given) is off."""
    for colour, _ in rows:
        if not re.fullmatch(r"#[0-9a-fA-F]{3,8}", colour):
            msg = f"legend colour {colour!r} is not a #hex colour"
            raise ValueError(msg)
    return MapLegend(title, rows, layer)


def point_tooltip(row: Any, lang: str) -> str:
    """Escaped tooltip: the name, and the coordinate accuracy when it is an estimate."""
    name = row.get(f"name_{lang}") or row["name_vi"]
    text = f"<b>{esc(name)}</b>"
    if row["coord_confidence"] == "E" or row["kind"] == "candidate_area":
        text += " · " + esc(t("tooltip.accuracy", lang, m=number(row["coord_accuracy_m"], lang)))
    return text


def point_popup(row: Any, lang: str) -> folium.Popup:
    """Escaped popup: name, kind, theme and location status."""
    name = row.get(f"name_{lang}") or row["name_vi"]
    theme = row.get(f"theme_{lang}") or row.get(f"extent_{lang}") or ""
    status = row.get(f"location_status_{lang}") or ""
    body = (
        f"<b>{esc(name)}</b><br><i>{esc(t('kind.' + row['kind'], lang))}</i>"
        f"<br>{esc(theme)}<br><small>{esc(status)}</small>"
    )
    return folium.Popup(body, max_width=320)


def marker(row: Any, lang: str) -> folium.Marker:
    """A marker for a site or venue, with an icon by kind."""
    icon, colour = ICONS[row["kind"]]
    return folium.Marker(
        location=[row.geometry.y, row.geometry.x],
        icon=folium.Icon(icon=icon, prefix="fa", color=colour),
        tooltip=folium.Tooltip(point_tooltip(row, lang)),
        popup=point_popup(row, lang),
        aria_label=row.get(f"name_{lang}") or row["name_vi"],
    )


def accuracy_circle(row: Any, lang: str, colour: str) -> folium.Circle:
    """A dashed circle whose radius is the coordinate's stated accuracy (metres)."""
    return folium.Circle(
        location=[row.geometry.y, row.geometry.x],
        radius=float(row["coord_accuracy_m"]),
        color=colour,
        weight=1,
        dash_array="4 4",
        fill=True,
        fill_opacity=0.05,
        tooltip=esc(t("tooltip.accuracy", lang, m=number(row["coord_accuracy_m"], lang))),
    )


def candidate_style(_feature: object) -> dict[str, Any]:
    """The candidate area's look: a dashed orange outline over a faint fill."""
    return {
        "color": "#d9822b",
        "weight": 2.5,
        "dashArray": "8 6",
        "fillColor": "#d9822b",
        "fillOpacity": 0.08,
    }


def candidate_layer(catalog: Catalog, lang: str) -> folium.FeatureGroup:
    """The Đông Anh candidate area: the whole former district, dashed, plus its marker."""
    group = folium.FeatureGroup(name=t("layer.candidate", lang))
    for _, row in catalog.sites[catalog.sites["kind"] == "candidate_area"].iterrows():
        area = catalog.districts[catalog.districts["gso_code"] == row["district_2020_gso"]]
        folium.GeoJson(
            area[["geometry"]].to_json(drop_id=True),
            style_function=candidate_style,
            tooltip=folium.Tooltip(point_tooltip(row, lang)),
        ).add_to(group)
        marker(row, lang).add_to(group)
    return group


def _pilots(catalog: Catalog) -> gpd.GeoDataFrame:
    return catalog.sites[catalog.sites["kind"] == "pilot_point"]


def pilots_layer(catalog: Catalog, lang: str) -> folium.FeatureGroup:
    """The pilot points' markers (with tooltips and popups)."""
    group = folium.FeatureGroup(name=t("layer.sites", lang))
    for _, row in _pilots(catalog).iterrows():
        marker(row, lang).add_to(group)
    return group


def pilot_accuracy_layer(catalog: Catalog, lang: str) -> folium.FeatureGroup:
    """The pilot points' accuracy circles."""
    group = folium.FeatureGroup(name=t("layer.accuracy", lang))
    for _, row in _pilots(catalog).iterrows():
        accuracy_circle(row, lang, PILOT_COLOUR).add_to(group)
    return group


def venue_layer(venues: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    """Each event venue's accuracy circle and marker (its position is an estimate)."""
    group = folium.FeatureGroup(name=t("layer.venue", lang))
    for _, row in venues.iterrows():
        accuracy_circle(row, lang, VENUE_COLOUR).add_to(group)
        marker(row, lang).add_to(group)
    return group


def explorer_map(
    catalog: Catalog,
    settings: Settings,
    lang: str,
    *,
    figure: str | None = "ocop_4star_2024",
    wards: bool = False,
    district_topo: dict[str, Any] | None = None,
    ward_topo: dict[str, Any] | None = None,
) -> folium.Map:
    """The map explorer's map: every layer, toggleable, with controls and a legend.

    Besides the plan's sites: the tourism stops (shown) and the published routes (hidden until
    toggled on), see :mod:`ocop_geo.maps.tour_layers`.

    The map does not depend on the selected site, so it stays identical across reruns (the
    page centres it on a selection through ``st_folium``'s ``center``/``zoom`` instead).

    The wards/communes layer is about half of the map's bytes: it is only part of the map when
    ``wards`` is true (then shown), so the first render stays small (docs/performance.md).
    """
    m = base_map(settings, lang)
    districts, legend = districts_layer(catalog.districts, figure, lang, district_topo)
    districts.add_to(m)
    if wards:
        wards_layer(catalog.wards, lang, show=True, topology=ward_topo).add_to(m)
    pilot_accuracy_layer(catalog, lang).add_to(m)
    pilots_layer(catalog, lang).add_to(m)
    candidate_layer(catalog, lang).add_to(m)
    venue_layer(catalog.venues, lang).add_to(m)
    site_names = tour_layers.stop_names([catalog.sites], lang)
    tour_layers.pois_layer(catalog.pois, lang, site_names).add_to(m)
    names = tour_layers.stop_names([catalog.sites, catalog.pois], lang)
    tour_layers.routes_layer(catalog.routes, names, lang).add_to(m)
    if legend is not None:
        legend.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    fit_to(m, bounds_points(catalog.districts), padding=5)
    use_local_assets(m, settings)
    return m


def overview_map(
    catalog: Catalog, settings: Settings, lang: str, district_topo: dict[str, Any] | None = None
) -> folium.Map:
    """The home page's small map: district outlines and the six sites, no extra controls."""
    m = base_map(settings, lang, controls=False)
    layer, _ = districts_layer(catalog.districts, None, lang, district_topo)
    layer.add_to(m)
    for _, row in catalog.sites.iterrows():
        marker(row, lang).add_to(m)
    for _, row in catalog.venues.iterrows():
        marker(row, lang).add_to(m)
    fit_to(m, bounds_points(catalog.districts), padding=5)
    use_local_assets(m, settings)
    return m


def use_local_assets(m: folium.Map, settings: Settings) -> bool:
    """Point the map's scripts and stylesheets at the offline copies when they are complete.

    Returns True when every asset is served locally (``make assets``), False when the map keeps
    folium's public CDN links.
    """
    return assets.localize(m, dest=settings.assets_dir, url_prefix=settings.assets_url)


def attribution_lines() -> list[str]:
    """The licence attribution lines the app must show (from data/SOURCES.md)."""
    return [ATTRIBUTIONS["districts"], ATTRIBUTIONS["wards"]]
