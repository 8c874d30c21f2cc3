"""Counts of placed products per unit, and distances from units to the nearest plan site.

Every table lists **all** units (30 districts of 2019–mid-2025, or 126 wards/communes since
1/7/2025), including those with no product, so a table or a choropleth covers the whole city. At
ward level, rows placed only at district level are counted in the extra row
:data:`DISTRICT_ONLY`, so the totals always add up to the number of placed rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import geopandas as gpd
import pandas as pd

from ocop_geo.geo import METRIC
from ocop_geo.registry import groups as product_groups

Level = Literal["district", "ward"]
#: The ward-level row for products placed only at district level.
DISTRICT_ONLY = "(chỉ biết quận/huyện)"
#: The district-level row for placed products without a district (only from hand-made frames).
NO_DISTRICT = "(không rõ quận/huyện)"
STAR_COLUMNS = (3, 4, 5)
_UNIT_COLUMN = {"district": "district_2020", "ward": "ward_2025"}


def _units(placed: pd.DataFrame, level: Level, units: Iterable[str] | None) -> list[str]:
    if level not in _UNIT_COLUMN:
        raise ValueError(f"level must be 'district' or 'ward', not {level!r}")
    if units is None:
        units = placed.attrs.get("units", {}).get(level)
    if units is None:
        raise ValueError(
            "the list of units is unknown: pass units= (e.g. catalog.districts['name_vi']) or a "
            "frame returned by place()"
        )
    return [str(u) for u in units]


def _unit_labels(placed: pd.DataFrame, level: Level) -> pd.DataFrame:
    rows = placed.loc[placed["method"] != "unplaced"]
    missing = DISTRICT_ONLY if level == "ward" else NO_DISTRICT
    return rows.assign(unit=rows[_UNIT_COLUMN[level]].fillna(missing).astype(str))


def _index(units: list[str], level: Level, present: pd.Index) -> list[str]:
    extra = [u for u in present if u not in set(units)]
    if level == "ward":
        extra = [DISTRICT_ONLY, *[u for u in extra if u != DISTRICT_ONLY]]
    return [*units, *extra]


def counts(
    placed: pd.DataFrame, level: Level, *, units: Iterable[str] | None = None
) -> pd.DataFrame:
    """Placed products per unit and star rating.

    Parameters
    ----------
    placed : DataFrame
        The result of :func:`ocop_geo.registry.placement.place`.
    level : "district" | "ward"
        2020 districts (``district_2020``) or 2025 wards/communes (``ward_2025``).
    units : names, optional
        All unit names, in display order; default: those recorded by ``place()``.

    Returns
    -------
    DataFrame
        Indexed by unit name (every unit, then, at ward level, :data:`DISTRICT_ONLY`), with
        integer columns ``3``, ``4``, ``5`` (products with that many stars) and ``"total"``.
        The totals add up to the number of placed rows.
    """
    names = _units(placed, level, units)
    rows = _unit_labels(placed, level)
    table = pd.crosstab(rows["unit"], rows["stars"]) if len(rows) else pd.DataFrame()
    table = table.reindex(columns=list(STAR_COLUMNS), fill_value=0)
    table = table.reindex(_index(names, level, table.index), fill_value=0).astype("int64")
    table["total"] = table[list(STAR_COLUMNS)].sum(axis=1)
    # rows with a star value outside 3-5 (hand-made frames) still count in the total
    table["total"] += (
        rows.loc[~rows["stars"].isin(STAR_COLUMNS), "unit"]
        .value_counts()
        .reindex(table.index, fill_value=0)
    )
    table.index.name = _UNIT_COLUMN[level]
    table.columns.name = None
    return table


def counts_by_group(
    placed: pd.DataFrame, level: Level, *, units: Iterable[str] | None = None
) -> pd.DataFrame:
    """Placed products per unit and product group (columns sorted by name, plus ``"total"``).

    A group written several ways ("Thuc pham", "Thực phẩm") is one column
    (:func:`ocop_geo.registry.groups.labels`)."""
    names = _units(placed, level, units)
    rows = _unit_labels(placed, level)
    shown = product_groups.labels(rows["product_group"])
    table = pd.crosstab(rows["unit"], shown) if len(rows) else pd.DataFrame()
    table = table.reindex(columns=sorted(table.columns), fill_value=0)
    table = table.reindex(_index(names, level, table.index), fill_value=0).astype("int64")
    table["total"] = table.sum(axis=1)
    table.index.name = _UNIT_COLUMN[level]
    table.columns.name = None
    return table


def nearest_point_distance(units: gpd.GeoDataFrame, points: gpd.GeoDataFrame) -> pd.DataFrame:
    """Distance from each unit's representative point to the nearest of ``points``.

    Computed in EPSG:32648 (metres). Returns a DataFrame indexed like ``units`` with
    ``nearest_id`` (the index label of the nearest point, e.g. a plan-site id) and
    ``distance_km``. Ties go to the first point.
    """
    if units.crs is None or points.crs is None:
        raise ValueError("both frames need a CRS")
    if points.empty:
        raise ValueError("no points to measure to")
    origins = gpd.GeoDataFrame(
        geometry=units.to_crs(METRIC).representative_point().to_numpy(), crs=METRIC
    )
    targets = gpd.GeoDataFrame(
        {"nearest_id": points.index.to_numpy()},
        geometry=points.to_crs(METRIC).geometry.to_numpy(),
        crs=METRIC,
    )
    joined = gpd.sjoin_nearest(origins, targets, how="left", distance_col="distance_m")
    joined = joined.sort_values("index_right", kind="stable").sort_index(kind="stable")
    joined = joined[~joined.index.duplicated(keep="first")]
    return pd.DataFrame(
        {
            "nearest_id": joined["nearest_id"].to_numpy(),
            "distance_km": joined["distance_m"].to_numpy() / 1000.0,
        },
        index=units.index,
    )
