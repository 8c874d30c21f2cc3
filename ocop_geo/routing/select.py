"""Choose the routing back end from the settings (``OCOP_ROUTER`` and friends).

========== ===============================================================================
``auto``   OSRM if ``OCOP_OSRM_URL`` is set, else the road graph if its file exists
           (``OCOP_ROAD_GRAPH``, default ``var/roads.npz``), else the estimate (the default)
``estimate`` straight line × ``OCOP_DETOUR_FACTOR`` (no road data needed)
``roads``  the graph written by ``ocop-geo roads import``; an error when the file is missing
``osrm``   the OSRM server at ``OCOP_OSRM_URL``; an error when no URL is set
========== ===============================================================================
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ocop_geo.config import ROUTERS, Settings
from ocop_geo.i18n import Message
from ocop_geo.routing.base import Router, RouterConfigError
from ocop_geo.routing.estimate import EstimateRouter
from ocop_geo.routing.osrm import OsrmRouter
from ocop_geo.routing.roadgraph import RoadGraph, RoadGraphRouter


@lru_cache(maxsize=2)
def _graph(path: Path, _mtime_ns: int) -> RoadGraph:
    """The graph at ``path``, read once per file version (a new import changes the mtime)."""
    return RoadGraph.load(path)


def load_road_graph(path: Path) -> RoadGraph:
    """Read the road graph at ``path``, cached until the file changes.

    Raises
    ------
    RoadGraphError
        The file is missing or not a road graph.
    """
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        mtime = -1  # RoadGraph.load reports the missing file
    return _graph(path, mtime)


def router_from_settings(settings: Settings) -> Router:
    """The router ``settings.router`` names (see the module table).

    Raises
    ------
    RouterConfigError
        (a ValueError) ``roads`` without a graph file, ``osrm`` without a URL or with an invalid
        one, an unknown router name or an invalid detour factor.
    RoadGraphError
        (a ValueError) The road graph file is not a road graph.
    """
    choice = settings.router
    if choice == "auto":
        if settings.osrm_url:
            choice = "osrm"
        elif settings.road_graph.is_file():
            choice = "roads"
        else:
            choice = "estimate"
    if choice == "estimate":
        if settings.detour_factor is None:
            return EstimateRouter()
        return EstimateRouter(detour_factor=settings.detour_factor)
    if choice == "roads":
        if not settings.road_graph.is_file():
            error = Message("routing.error.no_road_graph", path=str(settings.road_graph))
            raise RouterConfigError(error)
        return RoadGraphRouter(load_road_graph(settings.road_graph))
    if choice == "osrm":
        if not settings.osrm_url:
            raise RouterConfigError(Message("routing.error.no_osrm_url"))
        return OsrmRouter(settings.osrm_url)
    routers = ", ".join(ROUTERS)
    error = Message("routing.error.unknown_router", router=repr(settings.router), routers=routers)
    raise RouterConfigError(error)
