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


def test_routing_settings_from_env(tmp_path: Path) -> None:
    default = Settings.from_env({})
    assert (default.router, default.osrm_url, default.detour_factor) == ("auto", "", None)
    assert default.road_graph.parent.name == "var"  # next to the SQLite database
    settings = Settings.from_env({
        "OCOP_ROUTER": " Roads ", "OCOP_ROAD_GRAPH": str(tmp_path / "g.npz"),
        "OCOP_OSRM_URL": "http://osrm:5000/", "OCOP_DETOUR_FACTOR": "1.4",
    })  # fmt: skip
    assert settings.router == "roads"
    assert settings.road_graph == tmp_path / "g.npz"
    assert settings.osrm_url == "http://osrm:5000"
    assert settings.detour_factor == 1.4


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("OCOP_ROUTER", "google"),
        ("OCOP_OSRM_URL", "osrm.local:5000"),
        ("OCOP_DETOUR_FACTOR", "abc"),
        ("OCOP_DETOUR_FACTOR", "0.8"),
        ("OCOP_DETOUR_FACTOR", "inf"),
    ],
)
def test_invalid_routing_settings_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=f"{name}='{value}'"):
        Settings.from_env({name: value})
