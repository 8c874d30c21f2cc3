"""Settings: where the data lives and which map tiles to use.

Values come from the environment (``OCOP_*`` variables); the Streamlit layer may also pass values
read from ``.streamlit/secrets.toml``. Nothing here imports streamlit.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocop_geo.i18n import Message, MessageError

#: The repository root: the folder that holds ``geo/``, ``data/`` and ``dashboard.py``.
REPO_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILES_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


class SettingsError(MessageError, ValueError):
    """An ``OCOP_*`` variable has a value the app cannot use; the message names the variable.

    The command line turns it into one error line (exit code 2), the app into an error box: never
    a traceback."""


@dataclass(frozen=True)
class Settings:
    """Paths and map settings.

    Attributes
    ----------
    geo_dir, data_dir : Path
        Folders with the committed vector data (GeoJSON, EPSG:4326) and tabular data.
    assets_dir : Path
        Offline Leaflet/plugin files fetched by ``make assets``; used when complete, else CDNs.
    assets_url : str
        URL prefix under which Streamlit serves ``assets_dir`` (static serving).
    tiles_url, tiles_attribution : str
        Base-map tile URL template (e.g. an intranet tile server) and its attribution (HTML).
    database_url : str
        SQLAlchemy URL of the runtime database: an SQLite file under ``var/`` by default,
        PostgreSQL when ``OCOP_DATABASE_URL`` names one (``postgresql+psycopg://…``).
    router : str
        Routing back end (``OCOP_ROUTER``): ``auto`` (OSRM if ``osrm_url`` is set, else the road
        graph if its file exists, else the estimate), ``estimate``, ``roads`` or ``osrm``.
    road_graph : Path
        Road graph written by ``ocop-geo roads import`` (``OCOP_ROAD_GRAPH``; default
        ``var/roads.npz``, next to the SQLite database).
    osrm_url : str
        Root URL of an OSRM server (``OCOP_OSRM_URL``), empty when there is none.
    detour_factor : float or None
        Road/straight-line ratio of the estimate router (``OCOP_DETOUR_FACTOR``, ≥ 1); None keeps
        the router's default.
    """

    geo_dir: Path = field(default_factory=lambda: REPO_ROOT / "geo")
    data_dir: Path = field(default_factory=lambda: REPO_ROOT / "data")
    assets_dir: Path = field(default_factory=lambda: REPO_ROOT / "static" / "vendor")
    assets_url: str = "/app/static/vendor"
    tiles_url: str = DEFAULT_TILES_URL
    tiles_attribution: str = DEFAULT_TILES_ATTRIBUTION
    database_url: str = field(
        default_factory=lambda: f"sqlite:///{REPO_ROOT / 'var' / 'ocop_geo.sqlite3'}"
    )
    router: str = "auto"
    road_graph: Path = field(default_factory=lambda: REPO_ROOT / "var" / "roads.npz")
    osrm_url: str = ""
    detour_factor: float | None = None

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read settings from ``OCOP_GEO_DIR``, ``OCOP_DATA_DIR``, ``OCOP_ASSETS_DIR``,
        ``OCOP_ASSETS_URL``, ``OCOP_TILES_URL``, ``OCOP_TILES_ATTRIBUTION``,
        ``OCOP_DATABASE_URL`` and the routing variables ``OCOP_ROUTER``, ``OCOP_ROAD_GRAPH``,
        ``OCOP_OSRM_URL``, ``OCOP_DETOUR_FACTOR``.

        A tile URL without an attribution is refused: tile licences require one. An unknown
        router, an OSRM URL that is not http(s) or a detour factor that is not a number ≥ 1 is a
        :class:`SettingsError` naming the variable.
        """
        env = dict(os.environ if env is None else env)
        base = cls()
        tiles_url = env.get("OCOP_TILES_URL", "").strip()
        tiles_attr = env.get("OCOP_TILES_ATTRIBUTION", "").strip()
        if tiles_url and not tiles_attr:
            raise SettingsError(Message("settings.error.tiles_attribution"))
        return cls(
            geo_dir=Path(env.get("OCOP_GEO_DIR") or base.geo_dir),
            data_dir=Path(env.get("OCOP_DATA_DIR") or base.data_dir),
            assets_dir=Path(env.get("OCOP_ASSETS_DIR") or base.assets_dir),
            assets_url=(env.get("OCOP_ASSETS_URL") or base.assets_url).rstrip("/"),
            tiles_url=tiles_url or base.tiles_url,
            tiles_attribution=tiles_attr if tiles_url else base.tiles_attribution,
            database_url=env.get("OCOP_DATABASE_URL") or base.database_url,
            road_graph=Path(env.get("OCOP_ROAD_GRAPH") or base.road_graph),
            **_routing_from_env(env),
        )


ROUTERS = ("auto", "estimate", "roads", "osrm")


def _routing_from_env(env: dict[str, str]) -> dict[str, Any]:
    """``router``, ``osrm_url`` and ``detour_factor`` from the environment, checked."""
    router = env.get("OCOP_ROUTER", "").strip().lower() or "auto"
    if router not in ROUTERS:
        given, expected = repr(env["OCOP_ROUTER"]), ", ".join(ROUTERS)
        raise SettingsError(Message("settings.error.router", value=given, routers=expected))
    osrm_url = env.get("OCOP_OSRM_URL", "").strip().rstrip("/")
    if osrm_url and not osrm_url.startswith(("http://", "https://")):
        raise SettingsError(Message("settings.error.osrm_url", value=repr(osrm_url)))
    raw = env.get("OCOP_DETOUR_FACTOR", "").strip()
    detour: float | None = None
    if raw:
        try:
            detour = float(raw)
        except ValueError:
            detour = math.nan
        if not (math.isfinite(detour) and detour >= 1):
            raise SettingsError(Message("settings.error.detour", value=repr(raw)))
    return {"router": router, "osrm_url": osrm_url, "detour_factor": detour}
