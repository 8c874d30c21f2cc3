"""A map rendered once (ocop_geo/ui/frozen_map.py) sends the browser what ``st_folium`` sends
for the same map: the Map explorer relies on it to move its view without building the map again.

``st_folium`` and :func:`show_frozen` are driven for real; only the component call at the end
(which needs a browser session) is captured, to read what would be sent.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import streamlit_folium

from ocop_geo.config import Settings
from ocop_geo.layers.catalog import Catalog
from ocop_geo.maps import assets
from ocop_geo.maps import builders as maps
from ocop_geo.ui import map_view
from ocop_geo.ui.frozen_map import freeze


@pytest.fixture
def offline(tmp_path: Path) -> Settings:
    folder = tmp_path / "vendor"
    for rel in assets.required_files():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text("/* stand-in */")
    return Settings(assets_dir=folder, assets_url="/app/static/vendor")


def sent_by(show: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    sent: dict[str, Any] = {}

    def component(**kwargs: Any) -> Any:
        sent.update(kwargs)
        return kwargs["default"]

    monkeypatch.setattr(streamlit_folium, "_component_func", component)
    show()
    return sent


@pytest.mark.parametrize("wards", [False, True])
def test_a_frozen_map_sends_what_st_folium_sends(
    catalog: Catalog, offline: Settings, monkeypatch: pytest.MonkeyPatch, wards: bool
) -> None:
    topo = maps.ward_topology(catalog.wards, "vi") if wards else None
    m = maps.explorer_map(catalog, offline, "vi", wards=wards, ward_topo=topo)
    twin = copy.deepcopy(m)  # the same map, element ids and all: each can be rendered once
    view = {"center": (21.0, 105.9), "zoom": 15}
    returned = ["last_object_clicked"]

    def st_folium() -> Any:
        return streamlit_folium.st_folium(
            m, key="explorer", height=560, use_container_width=True, returned_objects=returned,
            **view,
        )  # fmt: skip

    expected = sent_by(st_folium, monkeypatch)
    frozen = freeze(twin, offline.assets_dir)
    got = sent_by(
        lambda: map_view.show_frozen(
            frozen, "vi", key="explorer", height=560, returned_objects=returned, **view
        ),
        monkeypatch,
    )

    assert frozen.problems == ()
    assert expected.keys() == got.keys()
    for name in expected.keys() - {"on_change"}:
        assert got[name] == expected[name], name
    assert (got["center"], got["zoom"]) == ((21.0, 105.9), 15)
    assert got["js_links"]
    assert all(u.startswith("/app/static/vendor/") for u in got["js_links"])


def test_the_frozen_map_is_sent_again_unchanged(
    catalog: Catalog, offline: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two reruns with another view: the same map (same component key), only the view moves."""
    frozen = freeze(maps.explorer_map(catalog, offline, "vi"), offline.assets_dir)
    sends = [
        sent_by(
            lambda c=centre: map_view.show_frozen(
                frozen, "vi", key="explorer", height=560, returned_objects=[], center=c, zoom=15
            ),
            monkeypatch,
        )
        for centre in ((21.0, 105.9), (21.1, 105.5))
    ]
    assert sends[0]["key"] == sends[1]["key"]
    assert sends[0]["script"] == sends[1]["script"]
    assert [s["center"] for s in sends] == [(21.0, 105.9), (21.1, 105.5)]


def test_a_frozen_map_without_the_offline_files_says_why(catalog: Catalog, tmp_path: Path) -> None:
    empty = tmp_path / "none"
    frozen = freeze(maps.explorer_map(catalog, Settings(assets_dir=empty), "vi"), empty)
    assert frozen.problems
    assert any("missing" in p for p in frozen.problems)
