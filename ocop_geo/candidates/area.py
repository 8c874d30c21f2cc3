"""Where a candidate may lie, and which units hold it.

The plan names Đông Anh as the candidate area, so a candidate must lie inside the former Đông Anh
district (``geo/districts.geojson``, the district the ``candidate_area`` site of
``geo/sites.geojson`` links to, boundaries of 2019 – 30/6/2025); with
``anywhere=True`` anywhere inside Hanoi (``geo/city.geojson``). Points on the border count as
inside. Either way the 2025 ward/commune holding the point (``geo/wards_2025.geojson``) and the
former district are reported; they are ``None`` where the two boundary sources disagree at the
city's edge (up to 1.1 km, see data/SOURCES.md) and no unit covers the point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

from ocop_geo.candidates.reader import Candidate
from ocop_geo.geo import WGS84, locate
from ocop_geo.i18n import Message, MessageError
from ocop_geo.layers.catalog import Catalog

#: ``name_vi`` of the candidate district (messages; the district itself is the site's link).
DONG_ANH = "Đông Anh"


@dataclass(frozen=True)
class PlacedCandidate:
    """A candidate inside the allowed area, with its input position (``order``, from 1) and the
    units that hold it (``None`` = no unit covers the point)."""

    candidate: Candidate
    order: int
    commune_2025_vi: str | None
    commune_2025_en: str | None
    district_2020_vi: str | None

    def commune(self, lang: str) -> str | None:
        """The 2025 ward/commune's name in ``lang``."""
        return self.commune_2025_vi if lang == "vi" else self.commune_2025_en


@dataclass(frozen=True)
class AreaCheck:
    """Candidates inside the area (``placed``) and those outside it (``outside``), input order."""

    placed: tuple[PlacedCandidate, ...]
    outside: tuple[Candidate, ...]
    anywhere: bool


class AreaError(MessageError, ValueError):
    """Candidates outside the allowed area; ``outside`` lists them, the message names each, one
    a line (``str()`` in English, :meth:`render` in the reader's language)."""

    def __init__(self, outside: Sequence[Candidate], *, anywhere: bool) -> None:
        self.outside = list(outside)
        super().__init__([outside_message(c, anywhere=anywhere) for c in outside])


def outside_message(candidate: Candidate, *, anywhere: bool) -> Message:
    """Why ``candidate`` is refused (the former district is :data:`DONG_ANH`)."""
    key = "cand.problem.outside_city" if anywhere else "cand.problem.outside_district"
    return Message(key, name=repr(candidate.name), lat=candidate.lat, lon=candidate.lon)


def area_outline(catalog: Catalog, *, anywhere: bool = False) -> shapely.Geometry:
    """The allowed area: the former Đông Anh district, or Hanoi's outline (EPSG:4326)."""
    if anywhere:
        return catalog.city.geometry.union_all()
    return candidate_district(catalog).geometry.union_all()


def candidate_district(catalog: Catalog) -> gpd.GeoDataFrame:
    """The former district(s) the ``candidate_area`` site links to (``district_2020_gso``): the
    district :func:`ocop_geo.maps.builders.candidate_layer` draws."""
    linked = catalog.sites.loc[catalog.sites["kind"] == "candidate_area", "district_2020_gso"]
    return catalog.districts[catalog.districts["gso_code"].isin(linked)]


def check_area(
    candidates: Sequence[Candidate], catalog: Catalog, *, anywhere: bool = False
) -> AreaCheck:
    """Split ``candidates`` into those inside the allowed area and those outside it.

    Inside ones get their 2025 commune and former district by spatial join (EPSG:4326).
    """
    if not candidates:
        return AreaCheck((), (), anywhere)
    lon = [c.lon for c in candidates]
    lat = [c.lat for c in candidates]
    inside = shapely.covers(area_outline(catalog, anywhere=anywhere), shapely.points(lon, lat))
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs=WGS84)
    wards = catalog.wards.reset_index(drop=True)
    at = locate(points, wards.assign(ward_row=wards.index), field="ward_row")  # one join
    names = wards[["name_vi", "name_en"]].reindex(at.to_numpy())  # NA where no ward
    vi, en = names["name_vi"], names["name_en"]
    district = locate(points, catalog.districts, field="name_vi")
    placed, outside = [], []
    for i, cand in enumerate(candidates):
        if not inside[i]:
            outside.append(cand)
            continue
        placed.append(
            PlacedCandidate(
                candidate=cand,
                order=i + 1,
                commune_2025_vi=_text(vi.iloc[i]),
                commune_2025_en=_text(en.iloc[i]),
                district_2020_vi=_text(district.iloc[i]),
            )
        )
    return AreaCheck(tuple(placed), tuple(outside), anywhere)


def place_candidates(
    candidates: Sequence[Candidate], catalog: Catalog, *, anywhere: bool = False
) -> list[PlacedCandidate]:
    """Every candidate with its units, when all lie in the allowed area.

    Raises
    ------
    AreaError
        One or more candidates lie outside it; the message names each.
    """
    check = check_area(candidates, catalog, anywhere=anywhere)
    if check.outside:
        raise AreaError(check.outside, anywhere=anywhere)
    return list(check.placed)


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)  # type: ignore[arg-type]
