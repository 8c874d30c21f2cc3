"""What the readiness page and ``ocop-geo readiness`` share: sites, criteria, seeds, audit log.

The page caches these (``ocop_geo.ui.readiness_panel``); the command calls them once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import geopandas as gpd

from ocop_geo.config import Settings
from ocop_geo.database.store import Store
from ocop_geo.layers.catalog import read_layer
from ocop_geo.layers.schema import DISTRICTS, SITES, WARDS
from ocop_geo.layers.validate import DataError
from ocop_geo.maps.tour_layers import stop_names
from ocop_geo.readiness.briefing_figures import Geography
from ocop_geo.readiness.criteria import FILE, Criteria, load_criteria
from ocop_geo.readiness.records import AuditEntry
from ocop_geo.readiness.status import Overview, overview
from ocop_geo.readiness.store import history, load_states, seed_evidence


def load_sites(settings: Settings) -> gpd.GeoDataFrame:
    """The checked sites layer (``geo/sites.geojson``), indexed by id.

    Raises
    ------
    DataError
        The layer has problems (every one listed).
    """
    frame, problems = read_layer(SITES, SITES.path(settings.geo_dir))
    if frame is None:
        raise DataError(problems)
    return frame


def load_geography(settings: Settings, sites: gpd.GeoDataFrame | None = None) -> Geography:
    """The layers the briefing's maps are drawn from: ``sites`` (loaded when None), the 2025
    wards (``geo/wards_2025.geojson``) and the 2020 districts (``geo/districts.geojson``).

    Raises
    ------
    DataError
        A layer has problems (every one listed).
    """
    layers = []
    for spec in (WARDS, DISTRICTS):
        frame, problems = read_layer(spec, spec.path(settings.geo_dir))
        if frame is None:
            raise DataError(problems)
        layers.append(frame)
    return Geography(load_sites(settings) if sites is None else sites, *layers)


def site_names(sites: gpd.GeoDataFrame, lang: str) -> dict[str, str]:
    """Site id → its name in ``lang`` (Vietnamese when there is no English one)."""
    return stop_names([sites], lang)


def load_checklist(settings: Settings, site_ids: Iterable[str]) -> Criteria:
    """``data/criteria.yaml``, checked against the catalogue's ``site_ids``.

    Raises
    ------
    DataError
        The file has problems (file, item and field named).
    """
    return load_criteria(settings.data_dir / FILE, site_ids=list(site_ids))


def seed(store: Store, criteria: Criteria) -> int:
    """Write the file's known outcomes where an item has no state yet; returns how many were
    written (0 after the first time). Raises StoreError/ReadinessError (nothing written)."""
    return len(seed_evidence(store, [s.as_seed() for s in criteria.seeds]))


def status_as_of(
    store: Store, criteria: Criteria, site_ids: Iterable[str], as_of: date
) -> Overview:
    """Every site of ``site_ids`` as of ``as_of`` from the stored states (StoreError if the
    database fails)."""
    return overview(criteria, site_ids, load_states(store), as_of)


def audit_log(store: Store, site_ids: Iterable[str]) -> list[AuditEntry]:
    """The audit entries of ``site_ids``, newest first (one query; StoreError if the database
    fails)."""
    return history(store, list(site_ids))
