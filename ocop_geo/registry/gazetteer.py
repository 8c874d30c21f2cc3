"""Match ward/commune and district names as people write them to the catalogue's units.

Names are compared after :func:`ocop_geo.text.fold` with punctuation removed and the unit-type
prefix dropped, so "P. Hà Đông", "phuong ha dong", "Phường  Hà   Đông", "HA DONG" and "Hà Đông"
(in the ward column) all mean **Phường Hà Đông**. Ward prefixes: Phường, P., Xã, X., Thị trấn,
TT; district prefixes: Quận, Q., Huyện, H., Thị xã, TX.

Pre-2025 names are resolved through ``data/commune_aliases_2025.csv`` (old unit → the 2025 unit
that took all or most of it, with source). **That table covers only the units the research
documented** (facts §7: around Hà Đông, Bát Tràng, Quốc Oai, Sơn Tây and Đông Anh); any other old
commune name is not recognised and the product falls back to its district. Rules:

* a name equal to a current unit's name resolves to the current unit ("Bát Tràng" → Xã Bát
  Tràng), unless a district is given that the unit does not overlap at all;
* an old name with share ``all`` or ``most`` resolves to its new unit; one that was only split
  (``part``) is not resolved to a ward (the product could be in any piece), but its old district
  is kept;
* an old name listed in two districts needs the district text to decide; when a district is
  given, only the aliases of that district count.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd

from ocop_geo.geo import METRIC
from ocop_geo.layers.validate import DataError, Problem
from ocop_geo.text import fold

if TYPE_CHECKING:
    from ocop_geo.layers.catalog import Catalog

WARD_PREFIXES = ("thi tran", "phuong", "xa", "tt", "p", "x")
DISTRICT_PREFIXES = ("thi xa", "quan", "huyen", "tx", "q", "h")
#: Words that introduce a unit in the middle of an address part ("thôn 5 xã Bát Tràng").
_WARD_WORDS = re.compile(r"(?:^| )(?:thi tran|phuong|xa) (.+)$")
_DISTRICT_WORDS = re.compile(r"(?:^| )(?:thi xa|quan|huyen) (.+)$")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_PAREN = re.compile(r"\(([^)]*)\)")
_ADDRESS_SPLIT = re.compile(r"[,;\n]+")
#: A ward is taken to lie in a 2020 district when at least this share of its area does.
OVERLAP_MIN_SHARE = 0.005
SHARES = ("all", "most", "part")
ALIAS_COLUMNS = (
    "old_name_vi",
    "old_type_vi",
    "old_district_vi",
    "new_unit_vi",
    "share",
    "confidence",
    "source",
)
EFFECTIVE = "1/7/2025"


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Fold ``text`` and replace punctuation by single spaces: 'P.Hà  Đông' → 'p ha dong'."""
    return _NON_ALNUM.sub(" ", fold(text)).strip()


def _strip_prefix(key: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if key.startswith(prefix + " "):
            return key[len(prefix) + 1 :]
    return key


@lru_cache(maxsize=65536)
def ward_key(text: str) -> str:
    """The matching key of a ward/commune name ('Phường Hà Đông' → 'ha dong')."""
    return _strip_prefix(name_key(text), WARD_PREFIXES)


@lru_cache(maxsize=65536)
def district_key(text: str) -> str:
    """The matching key of a district name ('Q. Hà Đông' → 'ha dong')."""
    return _strip_prefix(name_key(text), DISTRICT_PREFIXES)


@dataclass(frozen=True)
class WardMatch:
    """A ward/commune text resolved to a 2025 unit."""

    name_vi: str
    osm_relation_id: int
    via: str  # "name" | "alias"
    note: str = ""
    #: The pre-2025 district of the old unit, when matched through the alias table.
    old_district_vi: str | None = None


@dataclass(frozen=True)
class DistrictMatch:
    """A district text resolved to one of the 30 district-level units of 2019–mid-2025."""

    name_vi: str
    gso_code: str


@dataclass(frozen=True)
class Alias:
    """One row of ``commune_aliases_2025.csv``."""

    old_name_vi: str
    old_type_vi: str
    old_district_vi: str
    new_unit_vi: str
    share: str
    confidence: str
    source: str

    def describe(self) -> str:
        kind = f"{self.old_type_vi.lower()} " if self.old_type_vi else ""
        return f"{kind}{self.old_name_vi} ({self.old_district_vi})"


@dataclass(frozen=True)
class WardResolution:
    """What :meth:`Gazetteer.resolve_ward` found: a match, or why not, and a district hint."""

    match: WardMatch | None
    why: str = ""
    #: The old district named by the alias table, usable when no district text is given.
    district_vi: str | None = None


def read_aliases(path: Path, ward_names: set[str], district_names: set[str]) -> list[Alias]:
    """Read and check the alias table; raise :class:`DataError` listing every problem."""
    problems: list[Problem] = []
    aliases: list[Alias] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != ALIAS_COLUMNS:
            raise DataError([Problem(path.name, f"columns must be {', '.join(ALIAS_COLUMNS)}")])
        for row_no, row in enumerate(reader, start=2):
            alias = Alias(**{c: (row[c] or "").strip() for c in ALIAS_COLUMNS})
            where = f"row {row_no}"
            if not alias.old_name_vi:
                problems.append(Problem(path.name, f"{where}: 'old_name_vi' is empty"))
            if alias.old_district_vi not in district_names:
                problems.append(
                    Problem(
                        path.name,
                        f"{where}: old_district_vi '{alias.old_district_vi}' is "
                        "not one of the 30 districts",
                    )
                )
            if alias.new_unit_vi not in ward_names:
                problems.append(
                    Problem(
                        path.name,
                        f"{where}: new_unit_vi '{alias.new_unit_vi}' is not a "
                        "ward/commune of the catalogue",
                    )
                )
            if alias.share not in SHARES:
                problems.append(Problem(path.name, f"{where}: share must be all, most or part"))
            if alias.confidence not in ("V", "P"):
                problems.append(Problem(path.name, f"{where}: confidence must be V or P"))
            if not alias.source.startswith(("http://", "https://")):
                problems.append(Problem(path.name, f"{where}: 'source' must be a URL"))
            aliases.append(alias)
    seen: dict[tuple[str, str], Alias] = {}
    for alias in aliases:
        if alias.share == "part":
            continue
        key = (ward_key(alias.old_name_vi), alias.old_district_vi)
        other = seen.setdefault(key, alias)
        if other is not alias and other.new_unit_vi != alias.new_unit_vi:
            problems.append(
                Problem(
                    path.name,
                    f"{alias.describe()} is listed as going (all or most) to both "
                    f"{other.new_unit_vi} and {alias.new_unit_vi}",
                )
            )
    if problems:
        raise DataError(problems)
    return aliases


class Gazetteer:
    """Name → unit lookups for the 126 wards/communes (2025) and 30 districts (2019–2025).

    Build it with :meth:`from_catalog`; it is immutable and cheap to query (dict lookups).
    """

    def __init__(
        self,
        wards: dict[str, tuple[str, int]],
        districts: dict[str, DistrictMatch],
        aliases: list[Alias],
        ward_districts: dict[str, frozenset[str]],
    ) -> None:
        #: ward key → (name_vi, osm_relation_id)
        self._wards = wards
        #: district key → match
        self._districts = districts
        self.aliases = tuple(aliases)
        self._aliases: dict[str, list[Alias]] = {}
        for alias in aliases:
            self._aliases.setdefault(ward_key(alias.old_name_vi), []).append(alias)
        #: ward name_vi → the districts it overlaps (≥ OVERLAP_MIN_SHARE of its area)
        self.ward_districts = ward_districts
        self._osm = dict(wards.values())

    @classmethod
    def from_catalog(cls, catalog: Catalog, aliases_csv: Path) -> Gazetteer:
        """Index the catalogue's wards and districts and read the alias table.

        Raises
        ------
        DataError
            When the alias table names a unit that does not exist or lacks a source URL.
        """
        wards = {
            ward_key(str(name)): (str(name), int(osm))
            for name, osm in zip(
                catalog.wards["name_vi"], catalog.wards["osm_relation_id"], strict=True
            )
        }
        districts = {
            district_key(str(name)): DistrictMatch(str(name), str(gso))
            for name, gso in zip(
                catalog.districts["name_vi"], catalog.districts["gso_code"], strict=True
            )
        }
        aliases = read_aliases(
            aliases_csv, {n for n, _ in wards.values()}, {d.name_vi for d in districts.values()}
        )
        return cls(wards, districts, aliases, _ward_districts(catalog))

    def ward_osm_id(self, name_vi: str) -> int | None:
        """The OpenStreetMap relation id of a ward/commune given by its ``name_vi``."""
        return self._osm.get(name_vi)

    # ------------------------------------------------------------ districts

    def match_district(self, text: str) -> DistrictMatch | None:
        """The 2020 district named by ``text`` ('Q. Hà Đông', 'huyen gia lam'), or None."""
        return self._districts.get(district_key(text)) if text else None

    # ------------------------------------------------------------ wards

    def match_ward(self, text: str, district_text: str = "") -> WardMatch | None:
        """The 2025 ward/commune named by ``text`` (a current or a documented old name)."""
        return self.resolve_ward(text, district_text).match

    def resolve_ward(self, text: str, district_text: str = "") -> WardResolution:
        """Like :meth:`match_ward`, but also say why a name did not resolve."""
        hint = _PAREN.search(text or "")
        if hint and not district_text:
            district_text = hint.group(1)
        key = ward_key(_PAREN.sub(" ", text or ""))
        if not key:
            return WardResolution(None)
        district = self.match_district(district_text) if district_text else None
        current = self._wards.get(key)
        if current and (district is None or district.name_vi in self.ward_districts[current[0]]):
            return WardResolution(WardMatch(current[0], current[1], "name"))

        candidates = self._aliases.get(key, [])
        if district is not None:
            candidates = [a for a in candidates if a.old_district_vi == district.name_vi]
        whole = [a for a in candidates if a.share != "part"]
        targets = {a.new_unit_vi for a in whole}
        if len(targets) == 1:
            alias = whole[0]
            return WardResolution(
                WardMatch(
                    alias.new_unit_vi,
                    self._osm[alias.new_unit_vi],
                    "alias",
                    _alias_note(alias),
                    alias.old_district_vi,
                ),
                district_vi=alias.old_district_vi,
            )
        if len(targets) > 1:
            places = ", ".join(sorted({a.old_district_vi for a in whole}))
            return WardResolution(
                None,
                f"'{text}' was a commune/ward in several districts ({places}): give the district",
            )
        if candidates:  # only "part" rows: the old unit was divided
            alias = candidates[0]
            pieces = ", ".join(sorted({a.new_unit_vi for a in candidates}))
            return WardResolution(
                None,
                f"{alias.describe()} was divided on {EFFECTIVE} (parts went to {pieces}); "
                "which part is not known",
                district_vi=alias.old_district_vi,
            )
        if current and district is not None:
            return WardResolution(None, f"{current[0]} does not lie in district {district.name_vi}")
        return WardResolution(None)

    # ------------------------------------------------------------ addresses

    def parse_address(self, address: str) -> tuple[str, str]:
        """Find a ward/commune and a district named in a free-text address.

        Returns ``(ward_text, district_text)`` ('' when not found), e.g.
        "thôn 5, xã Bát Tràng, huyện Gia Lâm, Hà Nội" → ("bat trang", "gia lam").
        Parts with a unit word (xã, phường, huyện…) are used first; otherwise the last part that
        is a district name and the first other part that is a ward name.
        """
        ward = district = ""
        plain: list[str] = []
        for part in _ADDRESS_SPLIT.split(address or ""):
            key = name_key(part)
            if not key:
                continue
            stripped = _strip_prefix(key, DISTRICT_PREFIXES)
            found = _DISTRICT_WORDS.search(key)
            if stripped != key or found:
                name = stripped if stripped != key else found.group(1)  # type: ignore[union-attr]
                if not district and name in self._districts:
                    district = name
                continue
            stripped = _strip_prefix(key, WARD_PREFIXES)
            found = _WARD_WORDS.search(key)
            if stripped != key or found:
                name = stripped if stripped != key else found.group(1)  # type: ignore[union-attr]
                if not ward and (name in self._wards or name in self._aliases):
                    ward = name
                continue
            plain.append(key)
        if not district:
            district = next((k for k in reversed(plain) if k in self._districts), "")
        if not ward:
            ward = next(
                (k for k in plain if k != district and (k in self._wards or k in self._aliases)),
                "",
            )
        return ward, district


def _alias_note(alias: Alias) -> str:
    note = f"{alias.describe()} → {alias.new_unit_vi} since {EFFECTIVE}"
    if alias.share == "most":
        note += " (most of it; a part went to another unit)"
    if alias.confidence == "P":
        note += " (per the approved plan; confidence P)"
    return note


def _ward_districts(catalog: Catalog) -> dict[str, frozenset[str]]:
    """For each ward, the 2020 districts holding at least OVERLAP_MIN_SHARE of its area."""
    wards = catalog.wards[["name_vi", "geometry"]].reset_index(drop=True).to_crs(METRIC)
    districts = catalog.districts[["name_vi", "geometry"]].reset_index(drop=True).to_crs(METRIC)
    pieces = gpd.overlay(
        wards.rename(columns={"name_vi": "ward"}),
        districts.rename(columns={"name_vi": "district"}),
        keep_geom_type=True,
    )
    area = wards.set_index("name_vi").area
    share = pieces.area.to_numpy() / area.reindex(pieces["ward"]).to_numpy()
    kept = pieces.loc[share >= OVERLAP_MIN_SHARE]
    out: dict[str, frozenset[str]] = {name: frozenset() for name in wards["name_vi"]}
    for ward, group in kept.groupby("ward")["district"]:
        out[str(ward)] = frozenset(group)
    return out
