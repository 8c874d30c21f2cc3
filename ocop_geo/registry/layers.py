"""The product registry on a folium map: clustered products and a choropleth of units.

Products go in one ``FastMarkerCluster`` whose rows are built in the browser
(``[lat, lon, stars]`` per product, plus the name while the filtered set is small), so the map
stays light up to 50,000 products; see docs/performance.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import folium
import pandas as pd
from folium import plugins

from ocop_geo.config import Settings
from ocop_geo.i18n import number, t, tn
from ocop_geo.layers.catalog import Catalog
from ocop_geo.maps import builders as maps
from ocop_geo.maps.topo import to_topojson, with_properties
from ocop_geo.registry import groups as product_groups

#: Colour of a product marker by star rating.
STAR_COLOURS = {3: "#f08c00", 4: "#1971c2", 5: "#c2255c"}
#: Above this many products (after filtering) the names are left out of the map's payload.
MAX_NAMED = 10_000
#: Decimals kept for product positions (5 ≈ 1 m at Hanoi's latitude).
POSITION_DECIMALS = 5

# Builds each marker in the browser. The popup is a text node, never HTML: nothing in a
# product's name can become markup.
_CALLBACK = """
function (row) {
    var colours = %s;
    var marker = L.circleMarker(new L.LatLng(row[0], row[1]), {
        radius: 6, weight: 1, color: "#333", fillColor: colours[row[2]], fillOpacity: 0.9
    });
    if (row.length > 3) {
        var box = document.createElement("div");
        box.textContent = row[3] + " · " + row[2] + "★";
        marker.bindPopup(box);
    }
    return marker;
}"""


def filter_products(
    placed: pd.DataFrame, *, stars: Iterable[int] | None = None, groups: Iterable[str] | None = None
) -> pd.DataFrame:
    """The rows with one of ``stars`` and one of ``groups`` (None: no filter on that field).

    Groups are compared ignoring diacritics and case ("Thuc pham" is "Thực phẩm")."""
    keep = pd.Series(True, index=placed.index)
    if stars is not None:
        keep &= placed["stars"].isin(list(stars))
    if groups is not None:
        keep &= product_groups.keep(placed["product_group"], groups)
    return placed[keep]


def product_rows(products: pd.DataFrame, *, named: bool) -> list[list[Any]]:
    """``[lat, lon, stars(, name)]`` per placed product, positions rounded to ~1 m."""
    placed = products[products["method"] != "unplaced"]
    lat = placed["placed_lat"].round(POSITION_DECIMALS).tolist()
    lon = placed["placed_lon"].round(POSITION_DECIMALS).tolist()
    stars = placed["stars"].astype(int).tolist()
    if named:
        names = placed["product_name"].astype(str).tolist()
        return [list(r) for r in zip(lat, lon, stars, names, strict=True)]
    return [list(r) for r in zip(lat, lon, stars, strict=True)]


def product_layer(products: pd.DataFrame, lang: str) -> plugins.FastMarkerCluster:
    """All placed ``products`` as one clustered layer (names only when ≤ :data:`MAX_NAMED`)."""
    named = int((products["method"] != "unplaced").sum()) <= MAX_NAMED
    colours = "{" + ", ".join(f'{k}: "{v}"' for k, v in STAR_COLOURS.items()) + "}"
    return plugins.FastMarkerCluster(
        product_rows(products, named=named), callback=_CALLBACK % colours,
        name=t("registry.layer.products", lang), chunkedLoading=True,
    )  # fmt: skip


def unit_values(counts: pd.DataFrame, distances: pd.DataFrame, style: str) -> pd.Series:
    """The value each unit is coloured by: its product count or its distance (km)."""
    return counts["total"] if style == "count" else distances["distance_km"]


def units_topology(units: pd.DataFrame) -> dict[str, Any]:
    """The units' geometry as TopoJSON (object ``units``), without properties: encode once,
    then colour per rerun with :func:`units_layer` (the page caches it per level)."""
    return to_topojson(units, object_name="units", properties=[])


def units_layer(
    units: pd.DataFrame,
    counts: pd.DataFrame,
    distances: pd.DataFrame,
    style: str,
    lang: str,
    topology: dict[str, Any] | None = None,
) -> tuple[folium.TopoJson, Any]:
    """Districts or wards coloured by ``style`` (``"count"`` or ``"distance"``), with a legend.

    ``topology`` is :func:`units_topology` of the same ``units``, passed in when cached.
    """
    names = units["name_vi"].astype(str)
    values = unit_values(counts, distances, style).reindex(names).to_numpy()
    totals = counts["total"].reindex(names).fillna(0).astype(int).to_numpy()
    km = distances["distance_km"].reindex(names).to_numpy()
    breaks = maps.class_breaks(list(values))
    properties = [
        {
            "fill": maps.colour_for(float(v), breaks),
            "label": f"<b>{maps.esc(name)}</b><br>"
            + maps.esc(
                tn(
                    "registry.tooltip",
                    int(n),
                    lang,
                    n=number(int(n), lang),
                    km=number(d, lang, decimals=1),
                )
            ),
        }
        for name, v, n, d in zip(names, values, totals, km, strict=True)
    ]
    topo = with_properties(topology or units_topology(units), "units", properties)
    layer = folium.TopoJson(
        topo, "objects.units", name=t("registry.layer.units", lang),
        style_function=lambda f: {"color": "#35524a", "weight": 0.8,
                                  "fillColor": f["properties"]["fill"], "fillOpacity": 0.55},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, sticky=True),
    )  # fmt: skip
    title = t(f"registry.style.{style}", lang)
    return layer, maps.legend_box(title, list(values), lang, no_data=False, layer=layer)


def registry_map(
    catalog: Catalog,
    settings: Settings,
    lang: str,
    products: pd.DataFrame,
    *,
    level: str,
    style: str,
    counts: pd.DataFrame,
    distances: pd.DataFrame,
    topology: dict[str, Any] | None = None,
) -> folium.Map:
    """The registry page's map: the units choropleth, the pilot sites and the products."""
    m = maps.base_map(settings, lang)
    units = catalog.districts if level == "district" else catalog.wards
    layer, legend = units_layer(units, counts, distances, style, lang, topology)
    layer.add_to(m)
    sites = folium.FeatureGroup(name=t("layer.sites", lang))
    for _, row in catalog.sites.iterrows():
        maps.marker(row, lang).add_to(sites)
    sites.add_to(m)
    product_layer(products, lang).add_to(m)
    legend.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    maps.fit_to(m, maps.bounds_points(units), padding=5)
    maps.use_local_assets(m, settings)
    return m
