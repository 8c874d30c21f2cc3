"""Cached access to the catalogue and to derived map data.

The catalogue is a shared, read-only resource (``st.cache_resource``): it is loaded and checked
once per server process. Map topologies are data (``st.cache_data``), keyed by language and
figure. ``folium.Map`` objects are never cached (a map can be rendered only once); the Map
explorer's map is cached rendered, as the strings the browser is sent (:func:`explorer_map`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import geopandas as gpd
import pandas as pd
import streamlit as st

from ocop_geo.config import Settings, SettingsError
from ocop_geo.database.store import Store, StoreError
from ocop_geo.i18n import error_text, t
from ocop_geo.layers.catalog import Catalog
from ocop_geo.layers.validate import DataError
from ocop_geo.maps import assets
from ocop_geo.maps import builders as maps
from ocop_geo.maps.tour_layers import stop_names
from ocop_geo.plan.reader import load_plan
from ocop_geo.registry import workflow
from ocop_geo.registry.gazetteer import Gazetteer
from ocop_geo.registry.imports import load_products
from ocop_geo.routing.base import Route, Router, RoutingError, Stop
from ocop_geo.routing.request import RouteRequest
from ocop_geo.routing.select import router_from_settings
from ocop_geo.routing.stops import PublishedRoute, load_routes, load_stops
from ocop_geo.routing.tour import plan_route, resolve_stops
from ocop_geo.ui import trace
from ocop_geo.ui.frozen_map import FrozenMap, freeze
from ocop_geo.ui.lang import current_lang

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _settings() -> Settings:
    return Settings.from_env()


def settings() -> Settings:
    """Settings from the environment (``OCOP_*``); an invalid variable is shown, naming it, and
    stops the page (a traceback would tell the user nothing)."""
    try:
        return _settings()
    except SettingsError as exc:
        st.error(t("error.settings", current_lang()))
        st.code(error_text(exc, current_lang()), language=None, wrap_lines=True)
        st.stop()
        raise  # unreachable: st.stop() raises


@st.cache_resource(show_spinner=False)
def _catalog() -> Catalog:
    return Catalog.load(settings())


def checked(load: Callable[[], T], lang: str) -> T:
    """``load()``'s result; when the data fails its checks, show every problem and stop the
    page (a traceback would tell the user nothing)."""
    try:
        return load()
    except DataError as exc:
        show_data_error(exc, lang)
        st.stop()
        raise  # unreachable: st.stop() raises


def show_data_error(exc: DataError, lang: str) -> None:
    """Say the data did not pass its checks and list every problem (the caller may stop)."""
    st.error(t("error.data", lang))
    st.code(exc.render(lang), language=None, wrap_lines=True)


def catalog(lang: str) -> Catalog:
    """The checked catalogue; on bad data, show every problem and stop the page."""
    try:
        return _catalog()
    except DataError as exc:
        show_data_error(exc, lang)
        st.stop()
        raise  # unreachable: st.stop() raises


@st.cache_resource(show_spinner=False)
def points() -> gpd.GeoDataFrame:
    """Sites and venues in one frame (what the map's markers show), indexed by id."""
    cat = _catalog()
    return pd.concat([cat.sites, cat.venues])  # type: ignore[return-value]


@st.cache_data(show_spinner=False)
def site_names(lang: str) -> dict[str, str]:
    """Site and venue id → its name in ``lang`` (where a page would otherwise show an id)."""
    return stop_names([points()], lang)


@st.cache_data(show_spinner=False)
def agency_names(lang: str) -> dict[str, str]:
    """Agency id → its name in ``lang`` (the plan's table; ids where it cannot be read)."""
    try:
        plan = load_plan(settings().data_dir)
    except DataError:
        return {}
    return {a.id: a.name(lang) for a in plan.agencies}


@st.cache_resource(show_spinner=False)
def computed_wards() -> dict[str, str]:
    """The ward/commune each marker lies in, by spatial join."""
    cat = _catalog()
    geo = cat.site_geography()
    return {str(k): str(v) for k, v in geo["ward_computed"].items()}


@st.cache_data(show_spinner=False)
def district_topology(figure: str | None, lang: str) -> dict[str, Any]:
    """The district TopoJSON for ``figure`` in ``lang``."""
    return maps.district_topology(_catalog().districts, figure, lang)


@st.cache_data(show_spinner=False)
def ward_topology(lang: str) -> dict[str, Any]:
    """The ward/commune TopoJSON in ``lang``."""
    return maps.ward_topology(_catalog().wards, lang)


def explorer_map(lang: str, figure: str | None, wards: bool) -> FrozenMap:
    """The Map explorer's map in ``lang`` with the districts coloured by ``figure`` and the
    wards layer on or off, rendered once (:mod:`ocop_geo.ui.frozen_map`): picking or clicking a
    site only moves its view. Rendered again when the offline map files come or go."""
    folder = settings().assets_dir
    return _explorer_map(lang, figure, wards, str(folder), assets.assets_available(folder))


@st.cache_resource(show_spinner=False, max_entries=16)
def _explorer_map(
    lang: str, figure: str | None, wards: bool, folder: str, assets_ok: bool
) -> FrozenMap:
    del assets_ok  # in the cache key only: the map is made again when the files come or go
    trace.run("build:explorer-map")
    m = maps.explorer_map(
        _catalog(),
        settings(),
        lang,
        figure=figure,
        district_topo=district_topology(figure, lang),
        wards=wards,
        ward_topo=ward_topology(lang) if wards else None,
    )
    return freeze(m, Path(folder))


@st.cache_resource(show_spinner=False)
def _store() -> Store:
    db = Store.from_url(settings().database_url)
    db.upgrade()
    return db


def store(lang: str) -> Store:
    """The runtime database (``OCOP_DATABASE_URL``; SQLite under var/ by default), migrated.

    If it cannot be reached, say so (the URL's password hidden) and stop the page.
    """
    try:
        return _store()
    except StoreError as exc:
        st.error(t("error.database", lang))
        st.code(error_text(exc, current_lang()), language=None, wrap_lines=True)
        st.stop()
        raise  # unreachable: st.stop() raises


def store_or_none() -> Store | None:
    """The runtime database, migrated; None (and nothing shown) when it cannot be reached —
    for blocks a page can do without, such as the sidebar's log-in."""
    try:
        return _store()
    except StoreError:
        return None


@st.cache_resource(show_spinner=False)
def gazetteer() -> Gazetteer:
    """The ward/district name matcher, with the 2025 merger aliases."""
    return workflow.gazetteer(_catalog())


@st.cache_data(show_spinner=False)
def unit_topology(level: str) -> dict[str, Any]:
    """The geometry-only TopoJSON of the districts or the wards (the registry's choropleth)."""
    from ocop_geo.registry.layers import units_topology

    cat = _catalog()
    return units_topology(cat.districts if level == "district" else cat.wards)


def district_base() -> dict[str, Any] | None:
    """The light district base drawn under the tour, candidate and readiness maps, or None when
    the boundary layers fail their checks (the page reports that itself; a map without its
    base is still readable, a traceback is not)."""
    try:
        return unit_topology("district")
    except DataError:
        return None


@st.cache_data(show_spinner=False, max_entries=4)
def products(import_id: int, imported_at: str) -> pd.DataFrame:
    """The placed rows of one stored import (``imported_at`` keys a replaced import anew)."""
    del imported_at  # part of the cache key only
    return load_products(_store(), import_id)


@st.cache_resource(show_spinner=False)
def _stops() -> dict[str, Stop]:
    return load_stops(settings(), catalog=_catalog())


def stops(lang: str) -> dict[str, Stop]:
    """Every stop a tour may visit (the six sites and the sourced POIs), by id; on bad data,
    show every problem and stop the page (the catalogue checks the stops' layers)."""
    catalog(lang)
    return _stops()


@st.cache_resource(show_spinner=False)
def published_routes() -> list[PublishedRoute]:
    """The published tourism routes of geo/routes.geojson."""
    return load_routes(settings(), catalog=_catalog())


def _graph_version() -> int:
    """The road graph file's modification time (ns), -1 without one: part of the router's cache
    key, so that `ocop-geo roads import` takes effect in a running app without a restart."""
    try:
        return settings().road_graph.stat().st_mtime_ns
    except OSError:
        return -1


@st.cache_resource(show_spinner=False, max_entries=2)
def _router(graph_version: int) -> Router:
    del graph_version  # part of the cache key only
    return router_from_settings(settings())


def router(lang: str) -> Router:
    """The configured router (OCOP_ROUTER) for the road graph on disk now; a misconfiguration is
    shown and stops the page."""
    try:
        return _router(_graph_version())
    except (ValueError, RoutingError) as exc:
        st.error(t("route.router_error", lang))
        st.code(error_text(exc, current_lang()), language=None, wrap_lines=True)
        st.stop()
        raise  # unreachable: st.stop() raises


def router_key(router: Router) -> str:
    """What tells ``router``'s figures apart in the caches of planned tours and road distances:
    its back end and the road graph version."""
    return f"{router.name}:{_graph_version()}"


@st.cache_data(show_spinner=False, max_entries=64)
def planned_route(request: RouteRequest, _router: Router, router_key: str = "") -> Route:
    """The tour ``request`` describes, planned by ``_router`` (cached per request and
    :func:`router_key`)."""
    del router_key  # part of the cache key only
    chosen = resolve_stops(request.stop_ids, _stops())
    return plan_route(
        chosen,
        _router,
        mode=request.mode,
        optimise=request.optimise,
        round_trip=request.round_trip,
        fixed_end=request.fixed_end,
        start_min=request.start_min,
        respect_hours=request.respect_hours,
    )
