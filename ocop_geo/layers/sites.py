"""Sites of the plan: search, map-click resolution, deep links and the details card.

Pure functions over the catalogue's ``sites``/``venues`` frames, so the Streamlit page stays thin
and the behaviour is tested without a browser (AppTest cannot click a folium map).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd

from ocop_geo.i18n import date, number, t
from ocop_geo.layers.admin_units import squash, units_named
from ocop_geo.layers.catalog import cell as _value
from ocop_geo.text import matches_parts, safe_url

#: How close (degrees, ≈ 1 m) a clicked position must be to a marker to count as that marker.
CLICK_TOLERANCE_DEG = 1e-5

_SEARCH_FIELDS = (
    "id",
    "name_vi",
    "name_en",
    "theme_vi",
    "theme_en",
    "district_2020_vi",
    "ward_2025_vi",
    "address_vi",
)


def search(points: gpd.GeoDataFrame, query: str) -> list[str]:
    """Ids of the points whose names, themes or places match ``query``, ignoring diacritics.

    ``"bat trang"`` finds Bát Tràng; ``"ha dong"`` finds both sites in Hà Đông; each
    comma-separated part must match (``"Vạn Phúc, Hà Đông"``). When nothing matches so, the
    query is read as a commune or ward of before 1/7/2025 ("Kim Lan", "Kiêu Kỵ, Gia Lâm") and
    the points in the 2025 unit(s) it went to are found
    (:func:`ocop_geo.layers.admin_units.units_named`).
    """
    found = [
        str(pid)
        for pid, row in points.iterrows()
        if matches_parts(query, *(str(_value(row, f) or "") for f in _SEARCH_FIELDS))
    ]
    if found or "ward_2025_vi" not in points.columns:
        return found
    units = units_named(query)
    return [
        str(pid)
        for pid, ward in points["ward_2025_vi"].items()
        if isinstance(ward, str) and squash(ward) in units
    ]


def search_label(points: gpd.GeoDataFrame, pid: str, lang: str) -> str:
    """A search result as listed: the name in ``lang`` and, when known, its 2025 ward/commune."""
    name = str(points.loc[pid, f"name_{lang}"])
    ward = _value(points.loc[pid], "ward_2025_vi")
    return f"{name} · {ward}" if ward else name


def site_from_click(state: Mapping[str, Any] | None, points: gpd.GeoDataFrame) -> str | None:
    """The id of the marker that ``st_folium``'s ``last_object_clicked`` points at, if any."""
    clicked = (state or {}).get("last_object_clicked")
    if not clicked:
        return None
    lat, lng = clicked.get("lat"), clicked.get("lng")
    if lat is None or lng is None:
        return None
    for pid, geom in points.geometry.items():
        if abs(geom.y - lat) <= CLICK_TOLERANCE_DEG and abs(geom.x - lng) <= CLICK_TOLERANCE_DEG:
            return str(pid)
    return None


def resolve_deep_link(value: str | None, ids: list[str]) -> tuple[str | None, str | None]:
    """``?site=<id>`` → (id, None) if known, (None, unknown id) if not, (None, None) if unset."""
    if not value:
        return None, None
    value = value.strip().lower()
    return (value, None) if value in ids else (None, value)


@dataclass(frozen=True)
class Fact:
    """A sourced statement shown in the details card."""

    text: str
    confidence: str
    source: str | None


@dataclass(frozen=True)
class SiteCard:
    """Everything the details panel shows for one site, already in the user's language.

    ``rows`` are (label, value) pairs of plain text; the page must render them escaped.
    """

    id: str
    title: str
    kind: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    is_estimate: bool = True


def site_card(
    points: gpd.GeoDataFrame, site_id: str, lang: str, *, computed_ward: str | None = None
) -> SiteCard:
    """The details of ``site_id`` (a site or a venue) in ``lang``.

    ``computed_ward`` is the ward/commune the marker lies in (spatial join), shown when the
    data declare none (the Đông Anh candidate area).
    """
    row = points.loc[site_id]
    unknown = t("site.unknown", lang)
    name = _value(row, f"name_{lang}") or row["name_vi"]
    kind = t(f"kind.{row['kind']}", lang)
    rows: list[tuple[str, str]] = [(t("site.kind", lang), kind)]

    def add(label_key: str, value: Any) -> None:
        rows.append((t(label_key, lang), unknown if value in (None, "", []) else str(value)))

    theme = _value(row, f"theme_{lang}") or _value(row, "extent_" + lang)
    if theme:
        add("site.theme", theme)
    if "address_vi" in row.index:
        address = _value(row, "address_vi")
        if address and _value(row, "address_confidence") == "P":
            address = f"{address} ({t('confidence.P', lang)})"
        add("site.address", address)
    district = f"{row['district_2020_vi']} (GSO {row['district_2020_gso']})"
    add("site.district_2020", district)
    ward = _value(row, "ward_2025_vi")
    if ward is None and computed_ward:
        ward = t("site.ward_unknown", lang, w=computed_ward)
    add("site.ward_2025", ward)
    if "opened" in row.index:
        opened = _value(row, "opened")
        add("site.opened", date(opened, lang) if opened else None)
        add("site.lead", _value(row, f"lead_agency_{lang}") or _value(row, "lead_agency_vi"))
        coop = _value(row, "cooperating_agencies_vi")
        add("site.cooperating", ", ".join(coop) if coop else None)
        tasks = _value(row, "plan_tasks")
        add("site.tasks", ", ".join(map(str, tasks)) if tasks else None)
    add("site.plan", row["plan_block"])
    add("site.location", _value(row, f"location_status_{lang}"))
    geom = row.geometry.representative_point()
    add("site.coord", f"{geom.y:.6f}, {geom.x:.6f}")
    confidence = row["coord_confidence"]
    accuracy = f"±{number(row['coord_accuracy_m'], lang)} m ({t(f'confidence.{confidence}', lang)})"
    add("site.accuracy", accuracy)
    add("site.coord_source", row["coord_source"])
    facts = [
        Fact(
            text=f.get(lang) or f["vi"],
            confidence=t(f"confidence.{f['confidence']}", lang),
            source=safe_url(f.get("source")),
        )
        for f in row["facts"]
    ]
    return SiteCard(
        id=str(site_id),
        title=str(name),
        kind=kind,
        rows=rows,
        facts=facts,
        is_estimate=confidence == "E",
    )
