"""A folium map rendered once into what ``st_folium`` sends, for maps whose reruns only move the
view (:func:`ocop_geo.ui.map_view.show_frozen` sends it).

It reads streamlit-folium's own helpers (``_get_html``, ``_get_header``, ``_get_map_string``,
``get_full_id``), private names of the pinned version (requirements.txt):
tests/test_frozen_map.py checks that what it sends equals what ``st_folium`` sends.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import branca
import folium
import streamlit_folium
from folium.elements import JSCSSMixin

from ocop_geo.maps import assets


@dataclass(frozen=True)
class FrozenMap:
    """A map rendered once into what ``st_folium`` sends: its script, header and HTML, its id,
    opening bounds and zoom, and the links of its scripts and stylesheets.

    A folium map can be rendered only once (rendering adds to it), and building and rendering
    the Map explorer's map takes ~100 ms of every rerun. A rerun that only moves the view (a
    site picked: ``center``/``zoom``) sends the same map again: frozen, it is built once per
    language, figure and layer set (:func:`ocop_geo.ui.loaders.explorer_map`) and each rerun only
    sends it. The browser sees the same map and moves its view without redrawing it.
    """

    script: str
    header: str
    html: str
    map_id: str
    bounds: dict[str, dict[str, float]]
    zoom: Any
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    #: why the offline assets cannot be used (:func:`ocop_geo.maps.assets.localize_problems`)
    problems: tuple[str, ...]


def _linked(element: Any) -> Iterator[Any]:
    """The elements whose scripts/stylesheets the page must load, as ``st_folium`` walks them."""
    if isinstance(element, branca.colormap.ColorMap | JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _linked(child)


def freeze(m: folium.Map, assets_dir: Path) -> FrozenMap:
    """Render ``m`` as ``st_folium`` (streamlit-folium 0.27, pinned) does, once, with its
    scripts and stylesheets served from ``assets_dir`` when all are there. ``m`` is used up: do
    not render it again."""
    problems = tuple(assets.localize_problems(m, dest=assets_dir))
    m.get_root().render()
    m.render()
    linked = list(_linked(m))  # walked after rendering, as st_folium does
    if any(isinstance(e, branca.colormap.ColorMap) for e in linked):
        raise TypeError("freeze() does not handle branca colormaps (st_folium adds d3 for them)")
    html = streamlit_folium._get_html(m)  # before the map string: that alters the map
    header = streamlit_folium._get_header(m)
    script = streamlit_folium._get_map_string(m)
    (south, west), (north, east) = m.get_bounds()
    return FrozenMap(
        script=script,
        header=header,
        html=html,
        map_id=streamlit_folium.get_full_id(m),
        bounds={
            "_southWest": {"lat": south, "lng": west},
            "_northEast": {"lat": north, "lng": east},
        },
        zoom=m.options.get("zoom"),
        css_links=tuple(dict.fromkeys(h for e in linked for _, h in e.default_css)),
        js_links=tuple(dict.fromkeys(s for e in linked for _, s in e.default_js)),
        problems=problems,
    )
