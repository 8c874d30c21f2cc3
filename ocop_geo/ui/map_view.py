"""Every map of the app goes through :func:`show` (or :func:`show_frozen`): the map when its
JavaScript/CSS are served locally, else a translated notice in its place (never a blank frame
loading from a CDN)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

import folium
import streamlit as st
import streamlit_folium
from streamlit_folium import st_folium

from ocop_geo.i18n import t
from ocop_geo.maps import assets
from ocop_geo.ui import loaders
from ocop_geo.ui.frozen_map import FrozenMap

log = logging.getLogger(__name__)


def _notice(problems: list[str] | tuple[str, ...], lang: str, *, key: str, height: int) -> None:
    """The box of a map's height saying what to run, and a warning in the server log."""
    folder = loaders.settings().assets_dir
    log.warning(
        "map %r not drawn: offline map files missing in %s (run `make assets`): %s",
        key,
        folder,
        "; ".join(problems[:3]) + (" …" if len(problems) > 3 else ""),
    )
    with st.container(height=height, border=True):
        st.warning(t("map.assets_missing", lang, dir=str(folder)), icon=":material/map:")


def show(m: folium.Map, lang: str, *, key: str, height: int, **options: Any) -> Any:
    """``st_folium(m, key=key, height=height, use_container_width=True, **options)``, or — when
    the offline map files (``make assets``) are missing under the configured folder — a warning
    box of the same height saying what to run, and a warning in the server log. Returns
    ``st_folium``'s value, or None when the notice is shown."""
    problems = assets.localize_problems(m, dest=loaders.settings().assets_dir)
    if problems:
        _notice(problems, lang, key=key, height=height)
        return None
    return st_folium(m, key=key, height=height, use_container_width=True, **options)


def show_frozen(
    frozen: FrozenMap,
    lang: str,
    *,
    key: str,
    height: int,
    returned_objects: Iterable[str],
    on_change: Callable[[], None] | None = None,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
) -> Any:
    """:func:`show` for a :class:`~ocop_geo.ui.frozen_map.FrozenMap`: the component call
    ``st_folium`` makes (full width, no hover returns), from the frozen strings. Returns the
    map's value, or None when the notice is shown."""
    if frozen.problems:
        _notice(frozen.problems, lang, key=key, height=height)
        return None
    returned = list(returned_objects)
    hash_key = streamlit_folium.generate_js_hash(frozen.script, key, False)
    opening = {"bounds": frozen.bounds, "zoom": frozen.zoom}

    def changed() -> None:  # as st_folium: the value under the caller's key too
        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change is not None:
            on_change()

    return streamlit_folium._component_func(
        script=frozen.script,
        header=frozen.header,
        html=frozen.html,
        id=frozen.map_id,
        key=hash_key,
        height=height,
        width=None,
        returned_objects=returned,
        default={k: opening.get(k) for k in returned},
        zoom=zoom,
        center=center,
        feature_group=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(frozen.css_links),
        js_links=list(frozen.js_links),
        on_change=changed,
        wrap_longitude=False,
    )
