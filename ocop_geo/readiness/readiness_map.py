"""The readiness map: each site a circle coloured by its readiness as of the chosen day.

Returns a ``folium.Map`` and never touches Streamlit; every tooltip and the legend are escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import folium
import geopandas as gpd

from ocop_geo.config import Settings
from ocop_geo.i18n import t
from ocop_geo.maps.builders import (
    NO_DATA,
    MapLegend,
    base_map,
    boundary_base,
    colour_for,
    esc,
    fit_to,
    legend_element,
    palette_for,
    use_local_assets,
)
from ocop_geo.readiness.export import share_text
from ocop_geo.readiness.status import Overview, SiteReadiness

#: Upper bounds (share of applicable items done) of the colour classes, light → dark.
BREAKS = (0.2, 0.4, 0.6, 0.8, 1.0)


def share_colour(share: float | None) -> str:
    """The palette colour of a readiness share (0–1); grey without a checklist."""
    return colour_for(share, BREAKS)


def tooltip(site: SiteReadiness, name: str, lang: str) -> str:
    """Escaped tooltip text: name, readiness, items and late milestones."""
    return esc(
        t("ready.map_tooltip", lang, name=name, share=share_text(site, lang), done=site.done,
          items=site.applicable, late=site.late)
    )  # fmt: skip


def _legend(lang: str) -> MapLegend:
    colours = palette_for(len(BREAKS))
    rows = [(c, f"≤ {round(b * 100)} %") for c, b in zip(colours, BREAKS, strict=True)]
    rows.append((NO_DATA, t("ready.no_share", lang)))
    return legend_element(t("ready.col.share", lang), rows)


def _style(feature: dict[str, Any]) -> dict[str, Any]:
    ready = feature["properties"]["ready"]
    return {
        "fillColor": feature["properties"]["colour"],
        "color": "#333333",
        "weight": 2 if ready else 1,
        "fillOpacity": 0.9,
        "radius": 11 if ready else 9,
    }


def readiness_map(
    sites: gpd.GeoDataFrame,
    view: Overview,
    names: Mapping[str, str],
    settings: Settings,
    lang: str,
    *,
    base: dict[str, Any] | None = None,
) -> folium.Map:
    """A map of Hanoi with one circle per site of ``view`` (EPSG:4326 points of ``sites``),
    opened on those sites, over ``base`` (a geometry-only boundary TopoJSON) when given.

    The circles are one GeoJSON layer (a style and an escaped ``label`` per feature), which
    stays small and quick for hundreds of sites.
    """
    m = base_map(settings, lang, controls=False)
    if base is not None:
        boundary_base(base).add_to(m)
    features = []
    for site in view.sites:
        point = sites.geometry.get(site.site_id)
        if point is None:
            continue
        label = tooltip(site, names.get(site.site_id, site.site_id), lang)
        props = {"label": label, "colour": share_colour(site.share), "ready": site.ready}
        geometry = {"type": "Point", "coordinates": [round(point.x, 6), round(point.y, 6)]}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    if features:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name=t("ready.map", lang),
            marker=folium.CircleMarker(radius=9, fill=True),
            style_function=_style,
            tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, sticky=True),
        ).add_to(m)
    _legend(lang).add_to(m)
    fit_to(m, [tuple(reversed(f["geometry"]["coordinates"])) for f in features])
    use_local_assets(m, settings)
    return m
