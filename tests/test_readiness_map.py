"""The readiness map: circles coloured by readiness, escaped tooltips, a legend."""

from __future__ import annotations

import json
import re
from datetime import date

from ocop_geo.config import Settings
from ocop_geo.maps.builders import NO_DATA, PALETTE
from ocop_geo.readiness import report
from ocop_geo.readiness.readiness_map import readiness_map, share_colour
from ocop_geo.readiness.records import ItemState
from ocop_geo.readiness.status import overview


def features(html: str) -> list[dict]:
    """The GeoJSON features the map's circle layer carries."""
    match = re.search(r'"features": (\[.*?\]), "type": "FeatureCollection"', html)
    assert match, "no circle layer in the map"
    return json.loads(match[1])


def test_circles_are_coloured_by_readiness_with_escaped_tooltips() -> None:
    settings = Settings()
    sites = report.load_sites(settings)
    criteria = report.load_checklist(settings, sites.index)
    states = {
        ("bat-trang", i.id): ItemState(
            "bat-trang", i.id, "done", evidence_date=date(2020, 10, 8), version=1
        )
        for i in criteria.items
    }
    view = overview(criteria, list(sites.index), states, date(2020, 10, 8))
    names = report.site_names(sites, "vi") | {"sai-son": "<img src=x onerror=alert(1)> `${x}`"}
    html = readiness_map(sites, view, names, settings, "vi").get_root().render()
    found = {f["properties"]["label"].split(":")[0]: f["properties"] for f in features(html)}
    assert found["Bát Tràng"]["colour"] == PALETTE[-1]
    assert found["Bát Tràng"]["ready"] is True
    assert found["Bát Tràng"]["label"] == "Bát Tràng: 100 % (14/14 hạng mục, 0 mốc trễ)"
    assert found["Vạn Phúc"]["colour"] == PALETTE[0]
    assert found["Đông Anh (địa bàn dự kiến)"]["colour"] == NO_DATA
    evil = next(p["label"] for p in found.values() if "img" in p["label"])
    assert evil.startswith("&lt;img src=x onerror=alert(1)&gt; &#96;&#36;{x}&#96;")
    assert "<img" not in html


def test_share_classes() -> None:
    assert [share_colour(s) for s in (0.0, 0.2, 0.21, 0.99, 1.0)] == [
        PALETTE[0], PALETTE[0], PALETTE[1], PALETTE[4], PALETTE[4],
    ]  # fmt: skip
    assert share_colour(None) == NO_DATA


def test_the_legend_lists_the_share_classes_escaped() -> None:
    from ocop_geo.readiness.readiness_map import _legend

    html = _legend("en").render()
    assert "ocop-legend" in html  # the same box as the explorer's legend
    assert html.count("≤ ") == 5
    assert "≤ 20 %" in html
    assert "≤ 100 %" in html
    assert NO_DATA in html
