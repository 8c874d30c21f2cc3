"""Settings: where the data lives and which map tiles to use.

Values come from the environment (``OCOP_*`` variables); the Streamlit layer may also pass values
read from ``.streamlit/secrets.toml``. Nothing here imports streamlit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: The repository root: the folder that holds ``geo/``, ``data/`` and ``dashboard.py``.
REPO_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILES_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


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

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read settings from ``OCOP_GEO_DIR``, ``OCOP_DATA_DIR``, ``OCOP_ASSETS_DIR``,
        ``OCOP_ASSETS_URL``, ``OCOP_TILES_URL``, ``OCOP_TILES_ATTRIBUTION`` and
        ``OCOP_DATABASE_URL``.

        A tile URL without an attribution is refused: tile licences require one.
        """
        env = dict(os.environ if env is None else env)
        base = cls()
        tiles_url = env.get("OCOP_TILES_URL", "").strip()
        tiles_attr = env.get("OCOP_TILES_ATTRIBUTION", "").strip()
        if tiles_url and not tiles_attr:
            msg = (
                "OCOP_TILES_URL is set but OCOP_TILES_ATTRIBUTION is empty: tiles need attribution"
            )
            raise ValueError(msg)
        return cls(
            geo_dir=Path(env.get("OCOP_GEO_DIR") or base.geo_dir),
            data_dir=Path(env.get("OCOP_DATA_DIR") or base.data_dir),
            assets_dir=Path(env.get("OCOP_ASSETS_DIR") or base.assets_dir),
            assets_url=(env.get("OCOP_ASSETS_URL") or base.assets_url).rstrip("/"),
            tiles_url=tiles_url or base.tiles_url,
            tiles_attribution=tiles_attr if tiles_url else base.tiles_attribution,
            database_url=env.get("OCOP_DATABASE_URL") or base.database_url,
        )
