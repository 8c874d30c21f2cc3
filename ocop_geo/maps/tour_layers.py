"""Map layers for the tourism data: stops (``geo/pois.geojson``) and published routes
(``geo/routes.geojson``). Folium objects only, no Streamlit.

Every data string reaches the page through :func:`ocop_geo.text.escape_html`, every link through
:func:`ocop_geo.text.safe_url`. A stop placed at a commune centre or from an estimate says so,
with its accuracy, in its tooltip and popup; a route is drawn as a dashed line through its stops
in order and says it is schematic (straight segments, not the road travelled).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import folium
import geopandas as gpd

from ocop_geo.i18n import number, t
from ocop_geo.layers.catalog import cell
from ocop_geo.text import escape_html, safe_url

#: Marker colour by stop kind (ColorBrewer Dark2).
POI_COLOURS = {
    "craft_village": "#d95f02",
    "heritage": "#7570b3",
    "museum": "#e7298a",
    "market": "#66a61e",
    "landmark": "#1b9e77",
    "other": "#666666",
}
#: Line colours, one per route in file order (ColorBrewer Set1, without yellow).
ROUTE_COLOURS = ("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628")


def _text(row: Any, name: str) -> str | None:
    value = cell(row, name)
    return None if value is None else str(value)


def _links(urls: Sequence[str], lang: str) -> str:
    safe = [u for u in (safe_url(u) for u in urls) if u]
    items = " ".join(
        f'<a href="{escape_html(u)}" target="_blank" rel="noopener noreferrer">[{i}]</a>'
        for i, u in enumerate(safe, start=1)
    )
    return f"{escape_html(t('poi.sources', lang))}: {items}" if items else ""


def is_estimate(row: Any) -> bool:
    """True when a stop's position is a commune centre or an estimate, not the place itself."""
    return row["coord_method"] != "landmark_article" or row["coord_confidence"] == "E"


def poi_tooltip(row: Any, lang: str) -> str:
    """Escaped tooltip: the name and kind, and the accuracy when the position is an estimate."""
    name = _text(row, f"name_{lang}") or row["name_vi"]
    text = f"<b>{escape_html(name)}</b> · {escape_html(t('poikind.' + row['kind'], lang))}"
    if is_estimate(row):
        accuracy = t("tooltip.accuracy", lang, m=number(row["coord_accuracy_m"], lang))
        text += " · " + escape_html(accuracy)
    return text


def poi_popup(row: Any, lang: str, site_names: Mapping[str, str]) -> folium.Popup:
    """Escaped popup: what the stop is, visit time, opening hours, how it was placed, sources."""
    name = _text(row, f"name_{lang}") or row["name_vi"]
    what = _text(row, f"what_{lang}") or row["what_vi"]
    confidence = t(f"confidence.{row['visit_min_confidence']}", lang)
    hours = _text(row, "opening_hours") or t("poi.hours_unknown", lang)
    method = t(f"poi.coord.{row['coord_method']}", lang, m=number(row["coord_accuracy_m"], lang))
    lines = [
        f"<b>{escape_html(name)}</b>",
        f"<i>{escape_html(t('poikind.' + row['kind'], lang))}</i>",
        escape_html(what),
        escape_html(t("poi.visit", lang, m=int(row["visit_min"]), c=confidence)),
        escape_html(t("poi.hours", lang, h=hours)),
    ]
    near = _text(row, "near_site")
    if near:
        lines.append(escape_html(t("poi.near", lang, s=site_names.get(near, near))))
    lines.append(f"<small>{escape_html(method)}</small>")
    links = _links(list(row["source"]), lang)
    if links:
        lines.append(f"<small>{links}</small>")
    return folium.Popup("<br>".join(lines), max_width=340)


def pois_layer(
    pois: gpd.GeoDataFrame, lang: str, site_names: Mapping[str, str], *, show: bool = True
) -> folium.FeatureGroup:
    """The tourism stops as circle markers coloured by kind, with escaped tooltips and popups.

    ``site_names`` maps site ids to display names (for "near site" in the popup).
    """
    group = folium.FeatureGroup(name=t("layer.pois", lang), show=show)
    for _, row in pois.iterrows():
        colour = POI_COLOURS.get(row["kind"], POI_COLOURS["other"])
        folium.CircleMarker(
            location=[row.geometry.y, row.geometry.x],
            radius=7,
            color="#ffffff",
            weight=1.5,
            fill=True,
            fill_color=colour,
            fill_opacity=0.9,
            tooltip=folium.Tooltip(poi_tooltip(row, lang)),
            popup=poi_popup(row, lang, site_names),
        ).add_to(group)
    return group


def _stop_line(i: int, stop: str, names: Mapping[str, str], schedule: Any) -> str:
    time = f" ({schedule[i]})" if isinstance(schedule, list) else ""
    return f"{i + 1}. {escape_html(names.get(stop, stop))}{escape_html(time)}"


def route_summary(row: Any, names: Mapping[str, str], lang: str) -> str:
    """Escaped HTML: the route's name, its numbered stops (with published times), mode,
    publisher, date and distance, and that the line is schematic."""
    name = _text(row, f"name_{lang}") or row["name_vi"]
    schedule = row.get("schedule")
    stops = "<br>".join(_stop_line(i, stop, names, schedule) for i, stop in enumerate(row["stops"]))
    facts = [t(f"pubroute.mode.{row['mode']}", lang), _text(row, "publisher") or ""]
    published = _text(row, "published")
    facts.append(t("pubroute.published", lang, d=published or t("pubroute.undated", lang)))
    distance = cell(row, "distance_km_published")
    if distance is not None:
        facts.append(t("pubroute.distance", lang, km=number(float(distance), lang)))
    return (
        f"<b>{escape_html(name)}</b><br>{stops}<br>{escape_html(' · '.join(f for f in facts if f))}"
        f"<br><i>{escape_html(t('pubroute.schematic', lang))}</i>"
    )


def stop_names(frames: Sequence[gpd.GeoDataFrame], lang: str) -> dict[str, str]:
    """Display names in ``lang`` (Vietnamese when missing) by id, over several point layers."""
    return {
        str(i): str(_text(row, f"name_{lang}") or row["name_vi"])
        for frame in frames
        for i, row in frame.iterrows()
    }


def routes_layer(
    routes: gpd.GeoDataFrame,
    names: Mapping[str, str],
    lang: str,
    *,
    show: bool = False,
) -> folium.FeatureGroup:
    """The published routes as dashed lines with numbered stop dots.

    ``names`` maps every site and POI id to its display name (:func:`stop_names`). Each line's
    tooltip lists the stops in order; its popup adds the note (stops that could not be placed)
    and the source links.
    """
    group = folium.FeatureGroup(name=t("layer.routes", lang), show=show)
    for n, (_, row) in enumerate(routes.iterrows()):
        colour = ROUTE_COLOURS[n % len(ROUTE_COLOURS)]
        latlon = [[lat, lon] for lon, lat, *_ in row.geometry.coords]
        summary = route_summary(row, names, lang)
        note = _text(row, f"note_{lang}") or row["note_vi"]
        links = _links(list(row["source"]), lang)
        folium.PolyLine(
            latlon,
            color=colour,
            weight=3,
            opacity=0.85,
            dash_array="10 6",
            tooltip=folium.Tooltip(summary, sticky=True),
            popup=folium.Popup(
                f"{summary}<br><small>{escape_html(note)}</small><br><small>{links}</small>",
                max_width=380,
            ),
        ).add_to(group)
        for i, ((lat, lon), stop) in enumerate(zip(latlon, row["stops"], strict=True)):
            folium.CircleMarker(
                location=[lat, lon],
                radius=4,
                color=colour,
                weight=2,
                fill=True,
                fill_color="#ffffff",
                fill_opacity=1.0,
                tooltip=folium.Tooltip(_stop_line(i, stop, names, row.get("schedule"))),
            ).add_to(group)
    return group
