"""The OCOP product registry: read an uploaded product list, place it, count it per unit.

Pure library code (no Streamlit, no database)::

    frame = read_registry(data, "products.xlsx")            # RegistryError lists every problem
    gazetteer = Gazetteer.from_catalog(catalog, REPO_ROOT / "data" / "commune_aliases_2025.csv")
    placed = place(frame, gazetteer, catalog)                # + placed_lon/lat, ward_2025, …
    counts(placed, "district")                               # 30 districts × stars
"""

from ocop_geo.registry.aggregate import (
    DISTRICT_ONLY,
    counts,
    counts_by_group,
    nearest_point_distance,
)
from ocop_geo.registry.gazetteer import DistrictMatch, Gazetteer, WardMatch
from ocop_geo.registry.placement import naive_place, place
from ocop_geo.registry.reader import RegistryError, RegistryProblem, read_registry

__all__ = [
    "DISTRICT_ONLY",
    "DistrictMatch",
    "Gazetteer",
    "RegistryError",
    "RegistryProblem",
    "WardMatch",
    "counts",
    "counts_by_group",
    "naive_place",
    "nearest_point_distance",
    "place",
    "read_registry",
]
