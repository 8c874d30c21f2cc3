"""Settings from the environment: intranet tiles, asset paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocop_geo.config import DEFAULT_TILES_URL, Settings


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.tiles_url == DEFAULT_TILES_URL
    assert "OpenStreetMap" in settings.tiles_attribution
    assert settings.assets_url == "/app/static/vendor"


def test_intranet_tiles_need_an_attribution() -> None:
    env = {"OCOP_TILES_URL": "https://tiles.local/{z}/{x}/{y}.png"}
    with pytest.raises(ValueError, match="OCOP_TILES_ATTRIBUTION"):
        Settings.from_env(env)
    settings = Settings.from_env(env | {"OCOP_TILES_ATTRIBUTION": "© Sở TN&MT"})
    assert settings.tiles_url == "https://tiles.local/{z}/{x}/{y}.png"
    assert settings.tiles_attribution == "© Sở TN&MT"


def test_paths_from_env(tmp_path: Path) -> None:
    settings = Settings.from_env({"OCOP_GEO_DIR": str(tmp_path), "OCOP_ASSETS_URL": "/x/vendor/"})
    assert settings.geo_dir == tmp_path
    assert settings.assets_url == "/x/vendor"
