"""The candidate page's map, and what a click on it means. Folium objects only, no Streamlit.

Layers: the former Đông Anh district (highlighted, with its marker), the three anchors with their
accuracy circles, the pilot points, the craft villages, the candidates numbered in input order
and — around the selected candidate — the 15/30/45-minute rings, dashed and labelled as
estimates. Every data string is escaped (:func:`ocop_geo.maps.builders.esc`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from ocop_geo.candidates.anchors import Anchor
from ocop_geo.candidates.present import candidate_label
from ocop_geo.candidates.reader import Candidate
from ocop_geo.config import Settings
from ocop_geo.i18n import number, t
from ocop_geo.layers.catalog import Catalog
from ocop_geo.maps import builders as maps
from ocop_geo.maps.tour_layers import pois_layer, stop_names

#: Where the map opens: Đông Anh with the airport and the city centre in view.
CENTRE = (21.12, 105.83)
ZOOM = 11
CANDIDATE_COLOUR = "#1f4e9c"
ANCHOR_COLOUR = "#7b3294"
RING_COLOUR = "#1f4e9c"
#: Font Awesome icon per anchor criterion.
ANCHOR_ICONS = {"airport": "plane", "centre": "water", "co_loa": "landmark"}


def candidate_from_click(
    state: Mapping[str, Any] | None, existing: Iterable[str], lang: str
) -> Candidate | None:
    """The candidate a map click adds: ``st_folium``'s ``last_clicked`` position (rounded to
    6 decimals, ≈ 0.1 m) named "Điểm n" / "Site n" with the smallest ``n`` not yet taken
    (names compared without case). None when the state holds no click."""
    clicked = (state or {}).get("last_clicked")
    if not clicked or clicked.get("lat") is None or clicked.get("lng") is None:
        return None
    taken = {name.casefold() for name in existing}
    n = 1
    while t("cand.auto_name", lang, n=n).casefold() in taken:
        n += 1
    return Candidate(
        name=t("cand.auto_name", lang, n=n),
        lon=round(float(clicked["lng"]), 6),
        lat=round(float(clicked["lat"]), 6),
    )


def _numbered(n: int, selected: bool) -> folium.DivIcon:
    ring = "3px solid #ffd700" if selected else "2px solid #fff"
    style = (
        f"width:26px;height:26px;border-radius:4px;background:{CANDIDATE_COLOUR};color:#fff;"
        f"font:bold 13px/22px sans-serif;text-align:center;border:{ring};box-shadow:0 0 3px #000"
    )
    return folium.DivIcon(
        html=f'<div style="{style}">{n}</div>', icon_size=(26, 26), icon_anchor=(13, 13)
    )


def _anchors_layer(anchors: Mapping[str, Anchor], lang: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=t("cand.layer_anchors", lang))
    for anchor in anchors.values():
        row = pd.Series(
            {"geometry": Point(anchor.lon, anchor.lat), "coord_accuracy_m": anchor.coord_accuracy_m}
        )
        maps.accuracy_circle(row, lang, ANCHOR_COLOUR).add_to(group)
        tip = t(
            "cand.anchor_tooltip",
            lang,
            name=anchor.name(lang),
            m=number(anchor.coord_accuracy_m, lang),
            conf=anchor.confidence,
        )
        popup = (
            f"<b>{maps.esc(anchor.name(lang))}</b><br>{maps.esc(tip)}<br>"
            f'<a href="{maps.esc(anchor.source)}" target="_blank" rel="noopener">'
            f"{maps.esc(t('cand.source', lang))}</a>"
        )
        folium.Marker(
            location=(anchor.lat, anchor.lon),
            icon=folium.Icon(
                icon=ANCHOR_ICONS.get(anchor.criterion, "star"), prefix="fa", color="purple"
            ),
            tooltip=maps.esc(tip),
            popup=folium.Popup(popup, max_width=320),
            aria_label=anchor.name(lang),
        ).add_to(group)
    return group


def rings_layer(rings: gpd.GeoDataFrame, name: str, lang: str) -> folium.FeatureGroup:
    """The rings of :func:`ocop_geo.candidates.rings.rings` around candidate ``name``, dashed,
    each with a tooltip saying the minutes, the radius and that it is an estimate."""
    group = folium.FeatureGroup(name=t("cand.layer_rings", lang))
    for _, ring in rings.iterrows():
        tip = t(
            "cand.ring_tooltip",
            lang,
            name=name,
            min=int(ring["minutes"]),
            km=number(ring["radius_m"] / 1000, lang, decimals=1),
        )
        folium.GeoJson(
            gpd.GeoSeries([ring.geometry], crs=rings.crs).to_json(drop_id=True),
            style_function=lambda _f: {
                "color": RING_COLOUR,
                "weight": 1.5,
                "dashArray": "6 6",
                "fillOpacity": 0.04,
            },
            tooltip=maps.esc(tip),
        ).add_to(group)
    return group


def candidates_map(
    catalog: Catalog,
    anchors: Mapping[str, Anchor],
    candidates: Sequence[Candidate],
    settings: Settings,
    lang: str,
    *,
    selected: int | None = None,
    rings: gpd.GeoDataFrame | None = None,
    base: dict[str, Any] | None = None,
) -> folium.Map:
    """The page's map; ``selected`` is the index in ``candidates`` whose ``rings`` are drawn.

    ``base`` (a geometry-only boundary TopoJSON) is drawn under everything, for when no tile
    server is reachable. The map opens on the candidate area, the anchors and the candidates."""
    m = maps.base_map(settings, lang, location=CENTRE, zoom=ZOOM)
    if base is not None:
        maps.boundary_base(base).add_to(m)
    maps.candidate_layer(catalog, lang).add_to(m)
    if rings is not None and selected is not None:
        rings_layer(rings, candidates[selected].name, lang).add_to(m)
    _anchors_layer(anchors, lang).add_to(m)
    maps.pilots_layer(catalog, lang).add_to(m)
    crafts = catalog.pois[catalog.pois["kind"] == "craft_village"]
    pois_layer(crafts, lang, stop_names([catalog.sites], lang)).add_to(m)
    layer = folium.FeatureGroup(name=t("cand.layer_candidates", lang))
    for i, cand in enumerate(candidates):
        folium.Marker(
            location=(cand.lat, cand.lon),
            icon=_numbered(i + 1, i == selected),
            tooltip=maps.esc(candidate_label(i + 1, cand.name)),
            aria_label=candidate_label(i + 1, cand.name),
        ).add_to(layer)
    layer.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    area = catalog.sites[catalog.sites["kind"] == "candidate_area"]
    districts = catalog.districts[catalog.districts["gso_code"].isin(area["district_2020_gso"])]
    maps.fit_to(
        m,
        [
            *maps.bounds_points(districts),
            *((a.lat, a.lon) for a in anchors.values()),
            *((c.lat, c.lon) for c in candidates),
        ],
    )
    maps.use_local_assets(m, settings)
    return m
