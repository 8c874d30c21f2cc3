"""Every map of the app goes through :func:`show`: the map when its JavaScript/CSS are served
locally, else a translated notice in its place (never a blank frame loading from a CDN)."""

from __future__ import annotations

import logging
from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium

from ocop_geo.i18n import t
from ocop_geo.maps import assets
from ocop_geo.ui import loaders

log = logging.getLogger(__name__)


def show(m: folium.Map, lang: str, *, key: str, height: int, **options: Any) -> Any:
    """``st_folium(m, key=key, height=height, use_container_width=True, **options)``, or — when
    the offline map files (``make assets``) are missing under the configured folder — a warning
    box of the same height saying what to run, and a warning in the server log. Returns
    ``st_folium``'s value, or None when the notice is shown."""
    folder = loaders.settings().assets_dir
    problems = assets.localize_problems(m, dest=folder)
    if problems:
        log.warning(
            "map %r not drawn: offline map files missing in %s (run `make assets`): %s",
            key,
            folder,
            "; ".join(problems[:3]) + (" …" if len(problems) > 3 else ""),
        )
        with st.container(height=height, border=True):
            st.warning(t("map.assets_missing", lang, dir=str(folder)), icon=":material/map:")
        return None
    return st_folium(m, key=key, height=height, use_container_width=True, **options)
