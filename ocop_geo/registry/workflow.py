"""One import, start to finish: read → check → place → (store); and the page's summaries.

Shared by the ``ocop-geo registry`` command and the registry page so both behave the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from ocop_geo.layers.catalog import Catalog
from ocop_geo.registry import groups as product_groups
from ocop_geo.registry.aggregate import counts, counts_by_group, nearest_point_distance
from ocop_geo.registry.gazetteer import Gazetteer
from ocop_geo.registry.layers import filter_products
from ocop_geo.registry.placement import METHODS, place
from ocop_geo.registry.reader import read_registry


def gazetteer(catalog: Catalog) -> Gazetteer:
    """The name matcher for ``catalog``'s units and their pre-2025 predecessors."""
    return Gazetteer.from_catalog(catalog)


#: What the command line and the page show per row: the old name, the 2025 unit, how matched.
MATCH_COLUMNS = (
    "row",
    "product_name",
    "ward",
    "district",
    "ward_2025",
    "district_2020",
    "matched",
    "accuracy_m",
    "method",
    "reason",
)


@dataclass(frozen=True)
class Prepared:
    """A checked and placed import, ready to store."""

    filename: str
    sha256: str
    placed: pd.DataFrame

    def method_counts(self) -> dict[str, int]:
        """How many rows each placement method placed (all four keys present)."""
        found = self.placed["method"].value_counts()
        return {m: int(found.get(m, 0)) for m in METHODS}

    def matches(self) -> pd.DataFrame:
        """Each row as written (ward, district), its 2025 unit, and how it was matched."""
        return self.placed[list(MATCH_COLUMNS)]

    def unplaced(self) -> pd.DataFrame:
        """The rows that could not be placed, with the reason."""
        rows = self.placed[self.placed["method"] == "unplaced"]
        return rows[["row", "product_name", "ward", "district", "address", "reason"]]


def prepare(data: bytes, filename: str, catalog: Catalog, names: Gazetteer) -> Prepared:
    """Read, check and place a product list.

    Raises
    ------
    ocop_geo.registry.reader.RegistryError
        With every problem (file, row, column) when the list is not valid; nothing is placed.
    """
    frame = read_registry(data, filename)
    return Prepared(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        placed=place(frame, names, catalog),
    )


@dataclass(frozen=True)
class Summary:
    """What the registry page shows for one import, one level and one filter."""

    products: pd.DataFrame
    counts: pd.DataFrame
    groups: pd.DataFrame
    distances: pd.DataFrame


def summarize(
    placed: pd.DataFrame,
    catalog: Catalog,
    *,
    level: str,
    stars: Iterable[int] | None = None,
    groups: Iterable[str] | None = None,
) -> Summary:
    """Filter ``placed``, count products per unit × stars, and measure each unit's distance
    (km, EPSG:32648) to the nearest pilot OCOP point."""
    # one spelling per product group over the whole import, so filters and tables agree
    placed = placed.assign(product_group=product_groups.labels(placed["product_group"]))
    products = filter_products(placed, stars=stars, groups=groups)
    units = catalog.districts if level == "district" else catalog.wards
    pilots = catalog.sites[catalog.sites["kind"] == "pilot_point"]
    distances = nearest_point_distance(units, pilots)
    distances.index = units["name_vi"].astype(str).to_numpy()
    names = units["name_vi"].astype(str).tolist()
    return Summary(
        products=products,
        counts=counts(products, level, units=names),
        groups=counts_by_group(products, level, units=names),
        distances=distances,
    )


def group_names(placed: pd.DataFrame) -> list[str]:
    """The import's product groups, one spelling each ("Thuc pham" is "Thực phẩm"), sorted."""
    return product_groups.names(placed["product_group"])


def far_from_showrooms(summary: Summary, site_names: Mapping[str, str]) -> pd.DataFrame:
    """Units sorted by product count, with the distance to the nearest pilot point and that
    point's name (``site_names``: site id → name; an id without a name is shown as is)."""
    table = summary.distances[["distance_km", "nearest_id"]].join(
        summary.counts["total"], how="left"
    )
    table["nearest_id"] = [site_names.get(str(i), str(i)) for i in table["nearest_id"]]
    table = table.rename(columns={"nearest_id": "nearest"})
    table["total"] = table["total"].fillna(0).astype(int)
    return table.sort_values(["total", "distance_km"], ascending=[False, False])
