"""The events page's map: the venue (an estimate, with its accuracy circle), a line-drawing tool
for street centre lines, and the booth layout coloured by zone. Folium only, no Streamlit.

The base map (:func:`venue_map`) does not depend on the layout, so the page can keep it fixed
and send the streets and booths as extra layers (:func:`streets_layer`, :func:`booths_layer`);
lines drawn with the tool then stay on the map while the layout changes. Every string that
reaches the map is escaped with :func:`ocop_geo.maps.builders.esc`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import folium
import geopandas as gpd
from folium import plugins

from ocop_geo.config import Settings
from ocop_geo.events.booths import Layout, Street
from ocop_geo.i18n import t
from ocop_geo.maps import builders as maps

#: Zone colours (ColorBrewer Dark2 then Set1): distinct on a light base map; cycled beyond 16.
ZONE_COLOURS = (
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
    "#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#999999",
)  # fmt: skip
#: Colour of booths without a zone.
NO_ZONE = "#1f5f99"
STREET_COLOUR = "#333333"
VENUE_ZOOM = 17


def venue_map(venues: gpd.GeoDataFrame, settings: Settings, lang: str) -> folium.Map:
    """Base map centred on the first venue: each venue's accuracy circle and marker (tooltip
    with the accuracy of an estimate), and a drawing tool limited to polylines."""
    first = venues.geometry.iloc[0]
    m = maps.base_map(settings, lang, location=(first.y, first.x), zoom=VENUE_ZOOM)
    maps.venue_layer(venues, lang).add_to(m)
    off = dict.fromkeys(("polygon", "rectangle", "circle", "marker", "circlemarker"), False)
    plugins.Draw(
        export=False,
        position="topleft",
        draw_options={"polyline": {"shapeOptions": {"color": STREET_COLOUR}}, **off},
        edit_options={"edit": False},
    ).add_to(m)
    maps.use_local_assets(m, settings)
    return m


def zone_colours(zones: Iterable[str | None]) -> dict[str | None, str]:
    """A colour per zone name, in order of first appearance (None: the no-zone colour)."""
    names = [z for z in dict.fromkeys(zones) if z is not None]
    colours: dict[str | None, str] = {None: NO_ZONE}
    colours.update({z: ZONE_COLOURS[i % len(ZONE_COLOURS)] for i, z in enumerate(names)})
    return colours


def streets_layer(streets: Sequence[Street], lang: str) -> folium.FeatureGroup:
    """The street centre lines as dashed lines with their (escaped) names."""
    group = folium.FeatureGroup(name=t("events.layer.streets", lang))
    for street in streets:
        folium.PolyLine(
            [(lat, lon) for lon, lat in street.line.coords],
            color=STREET_COLOUR,
            weight=2,
            dash_array="6 4",
            tooltip=maps.esc(street.name),
        ).add_to(group)
    return group


def booth_label(booth: Any, streets: dict[str, str], lang: str) -> str:
    """Escaped tooltip of one booth: number, zone, street name and side."""
    zone = booth["zone"] if isinstance(booth["zone"], str) else t("events.zone_all", lang)
    text = t(
        "events.booth_tooltip",
        lang,
        no=int(booth["booth_no"]),
        zone=zone,
        street=streets.get(booth["street_id"], booth["street_id"]),
        side=t(f"events.side.{booth['side']}", lang),
    )
    return maps.esc(text)


def booths_layer(layout: Layout, streets: Sequence[Street], lang: str) -> folium.FeatureGroup:
    """The booths as polygons filled with their zone's colour, with escaped tooltips."""
    group = folium.FeatureGroup(name=t("events.layer.booths", lang))
    colours = zone_colours(layout.booths["zone"])
    names = {s.id: s.name for s in streets}
    for _, booth in layout.booths.iterrows():
        colour = colours.get(booth["zone"], NO_ZONE)
        folium.Polygon(
            [(lat, lon) for lon, lat in booth.geometry.exterior.coords],
            color=colour,
            weight=1,
            fill=True,
            fill_color=colour,
            fill_opacity=0.7,
            tooltip=booth_label(booth, names, lang),
        ).add_to(group)
    return group


def legend_html(colours: dict[str | None, str], lang: str) -> str:
    """An escaped HTML legend of the zone colours (nothing for a layout without zones)."""
    items = "".join(
        f'<span style="display:inline-block;margin-right:12px"><span style="display:inline-block;'
        f"width:12px;height:12px;background:{colour};border:1px solid #555;margin-right:4px;"
        f'vertical-align:middle"></span>{maps.esc(name)}</span>'
        for name, colour in colours.items()
        if name is not None
    )
    return f"<div><b>{maps.esc(t('events.legend', lang))}:</b> {items}</div>" if items else ""


def drawn_lines(value: Any) -> list[dict[str, Any]]:
    """The line features among st_folium's ``all_drawings`` in a map's returned ``value``."""
    drawings = value.get("all_drawings") if isinstance(value, dict) else None
    return [
        d
        for d in drawings or []
        if isinstance(d, dict) and (d.get("geometry") or {}).get("type") == "LineString"
    ]


def centre_of(streets: Sequence[Street]) -> tuple[float, float] | None:
    """(lat, lon) of the middle of the streets' extent, or None without streets."""
    if not streets:
        return None
    bounds = gpd.GeoSeries([s.line for s in streets]).total_bounds
    return ((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2)
