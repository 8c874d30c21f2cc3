"""The OCOP product registry: read an uploaded product list, place it, count it per unit.

The library (no Streamlit, no database)::

    frame = read_registry(data, "products.xlsx")            # RegistryError lists every problem
    gazetteer = Gazetteer.from_catalog(catalog)              # + vietnamadminunits crosswalk
    placed = place(frame, gazetteer, catalog)                # + placed_lon/lat, ward_2025, …
    counts(placed, "district")                               # 30 districts × stars

Saved imports live in :mod:`ocop_geo.registry.imports`, the command line in
:mod:`ocop_geo.registry.command`. The names below are imported on first use, so that importing a
sub-module (the command line does at start) does not load geopandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

#: Each public name and the sub-module that defines it.
_HOME = {
    "DISTRICT_ONLY": "aggregate",
    "counts": "aggregate",
    "counts_by_group": "aggregate",
    "nearest_point_distance": "aggregate",
    "DistrictMatch": "gazetteer",
    "Gazetteer": "gazetteer",
    "WardMatch": "gazetteer",
    "naive_place": "placement",
    "place": "placement",
    "RegistryError": "reader",
    "RegistryProblem": "reader",
    "read_registry": "reader",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
