"""Match ward/commune and district names as people write them to the catalogue's units.

Names are compared with diacritics, case, spaces and punctuation removed and the unit word
dropped, so "P. Hà Đông", "phuong ha dong", "Phường  Hà   Đông", "HA DONG" and "Hà Đông" (in the
ward column) all mean **Phường Hà Đông**. Ward words: Phường, P., Xã, X., Thị trấn, TT; district
words: Quận, Q., Huyện, H., Thị xã, TX.

Names of before 1/7/2025 — the 526 communes/wards of Hanoi's 30 districts, and their earlier
names such as Kim Lan and Văn Đức (merged on 1/1/2025) — go through the crosswalk of
``vietnamadminunits`` (:mod:`ocop_geo.layers.admin_units`). Its 2025 units are mapped by name onto
our 126 OpenStreetMap features (``geo/wards_2025.geojson``), which keep their ids and geometry.
Rules:

* with a district: the old unit of that name **in that district**; else the 2025 unit of that
  name if it overlaps the district; else the name anywhere, with a warning that the district
  contradicts it ("phường Thanh Trì, quận Hoàng Mai" is the old ward of Hoàng Mai, not Xã Thanh
  Trì);
* without a district: the 2025 unit of that name ("Bát Tràng" → Xã Bát Tràng); else the old unit
  of that name when only one, or when all of that name went to the same 2025 unit; else the
  name is ambiguous and the district is asked for;
* a unit word ("phường", "xã") or diacritics in the name narrow the choice when they can;
* an old unit that went whole resolves to its 2025 unit; one that was divided resolves to the
  set of units that took its parts (:class:`Split`), which placement covers as a whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import geopandas as gpd

from ocop_geo.geo import METRIC
from ocop_geo.i18n import Message
from ocop_geo.layers.admin_units import (
    EFFECTIVE,
    Crosswalk,
    Found,
    OldUnit,
    accented_short,
    crosswalk,
    split_type,
    squash,
)
from ocop_geo.layers.validate import DataError, Problem
from ocop_geo.text import fold

if TYPE_CHECKING:
    from collections.abc import Iterable

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
#: How a name was matched (``WardMatch.via``).
VIA = ("name", "old name", "earlier name")


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
    """The matching key of a ward/commune name ('Phường Hà Đông' → 'hadong')."""
    return split_type(text)[1]


@lru_cache(maxsize=65536)
def district_key(text: str) -> str:
    """The matching key of a district name ('Q. Hà Đông' → 'hadong')."""
    return _strip_prefix(name_key(text), DISTRICT_PREFIXES).replace(" ", "")


@dataclass(frozen=True)
class WardMatch:
    """A ward/commune text resolved to one 2025 unit."""

    name_vi: str
    osm_relation_id: int
    via: str  # one of VIA
    note: Message | None = None
    #: The pre-2025 district of the old unit, when matched by an old name.
    old_district_vi: str | None = None


@dataclass(frozen=True)
class Split:
    """An old unit divided on 1/7/2025: the 2025 units (our names) that took its parts."""

    old: OldUnit
    units: tuple[str, ...]
    earlier_name: bool = False

    def note(self) -> Message:
        return Message(
            "registry.reason.divided",
            old=self.old.describe(),
            date=EFFECTIVE,
            units=", ".join(self.units),
        )


@dataclass(frozen=True)
class DistrictMatch:
    """A district text resolved to one of the 30 district-level units of 2019–mid-2025."""

    name_vi: str
    gso_code: str


@dataclass(frozen=True)
class WardResolution:
    """What :meth:`Gazetteer.resolve_ward` found: one unit, a split unit, or why neither."""

    match: WardMatch | None
    why: Message | None = None
    #: The old unit's district (usable when no district text is given).
    district_vi: str | None = None
    split: Split | None = None
    #: Set when the district given contradicts the name (the row still gets the name's unit).
    warning: Message | None = None


class Gazetteer:
    """Name → unit look-ups for the 126 wards/communes (2025), their 526 predecessors and the 30
    districts (2019–2025).

    Build it with :meth:`from_catalog`; it is immutable and cheap to query (dict look-ups).
    """

    def __init__(
        self,
        wards: dict[str, tuple[str, int]],
        districts: dict[str, DistrictMatch],
        ward_districts: dict[str, frozenset[str]],
        old: Crosswalk,
        features: dict[str, str],
    ) -> None:
        #: ward key → (name_vi, osm_relation_id)
        self._wards = wards
        #: district key → match
        self._districts = districts
        #: ward name_vi → the districts it overlaps (≥ OVERLAP_MIN_SHARE of its area)
        self.ward_districts = ward_districts
        self._osm = dict(wards.values())
        self.crosswalk = old
        #: the crosswalk's 2025 unit name → our feature's name_vi
        self.features = features
        self._kind = {name: name.split(" ")[0] for name, _ in wards.values()}
        self._kind.update({n: "Thị trấn" for n, _ in wards.values() if n.startswith("Thị trấn")})
        #: (old unit, with its district, by an earlier name) → where it went (_old_resolution)
        self._resolved: dict[tuple[int, bool, bool], WardResolution] = {}

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Gazetteer:
        """Index the catalogue's wards and districts and map the crosswalk's 2025 units onto them.

        Raises
        ------
        DataError
            When a 2025 unit of the crosswalk matches no ward feature, or several.
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
        old = crosswalk()
        return cls(wards, districts, _ward_districts(catalog), old, map_units(old, catalog))

    def ward_osm_id(self, name_vi: str) -> int | None:
        """The OpenStreetMap relation id of a ward/commune given by its ``name_vi``."""
        return self._osm.get(name_vi)

    # ------------------------------------------------------------ districts

    def match_district(self, text: str) -> DistrictMatch | None:
        """The 2020 district named by ``text`` ('Q. Hà Đông', 'huyen gia lam'), or None."""
        return self._districts.get(district_key(text)) if text else None

    # ------------------------------------------------------------ wards

    def match_ward(self, text: str, district_text: str = "") -> WardMatch | None:
        """The 2025 ward/commune named by ``text`` (a current, old or earlier name)."""
        return self.resolve_ward(text, district_text).match

    def resolve_ward(self, text: str, district_text: str = "") -> WardResolution:
        """Like :meth:`match_ward`, but also a divided unit's parts, and why a name did not
        resolve."""
        hint = _PAREN.search(text or "")
        if hint and not district_text:
            district_text = hint.group(1)
        name = _PAREN.sub(" ", text or "").strip()
        kind, key = split_type(name)
        if not key:
            return WardResolution(None)
        district = self.match_district(district_text) if district_text else None
        current = self._wards.get(key)
        if current and kind is not None and self._kind[current[0]] != kind:
            current = None  # "phường Thanh Trì" is not Xã Thanh Trì
        found = self.crosswalk.find(name)
        if not current and kind is not None and not self.crosswalk.units_keyed(key):
            # the "unit word" is the name's first word: "Phương Liệt", "phuong duc" (Phượng Dực)
            current = self._wards.get(squash(name))
        if district is not None:
            here = [f for f in found if f.unit.district_vi == district.name_vi]
            if here:
                return self._from_old(text, here)
            if current and district.name_vi in self.ward_districts[current[0]]:
                return WardResolution(WardMatch(current[0], current[1], "name"))
            resolved = self._anywhere(text, current, found)
            if resolved.match is None and resolved.split is None:
                if current or found:
                    places = _places(current, found)
                    return WardResolution(
                        None,
                        Message(
                            "registry.reason.not_in_district",
                            ward_text=text,
                            district=district.name_vi,
                            places=places,
                        ),
                    )
                return resolved
            places = _places(current, found)
            return WardResolution(
                resolved.match,
                resolved.why,
                resolved.district_vi,
                resolved.split,
                Message(
                    "registry.reason.district_contradicts",
                    district_text=district_text,
                    ward_text=text,
                    places=places,
                ),
            )
        return self._anywhere(text, current, found)

    def spelling_class(self, text: str) -> tuple:
        """A key that spellings of a ward name share only if :meth:`resolve_ward` resolves them
        alike in every district, quoting each as written.

        Coarse when the name's key names exactly one old unit, or none but a 2025 unit written
        without a unit word: then only the unit word and the letters count ('Vạn Phúc', 'van
        phuc', 'P.Vạn Phúc' share one). Otherwise everything the look-ups read: the unit word
        and key, the letters as squashed, the district reading, and the diacritics when there
        are any ('Vạn Phúc' is not 'Vân Phúc'; 'Phương Liệt' is not 'Phường Phương Liệt').
        """
        name = text.strip()
        if "(" in name:  # a bracketed district: only the same text
            return ("text", name)
        kind, key = split_type(name)
        named = self.crosswalk.units_keyed(key)
        if named == 1 or (named == 0 and kind is None and key in self._wards):
            return ("name", kind, key)
        accented = accented_short(name) if fold(name) != name.lower() else None
        return ("spelling", kind, key, squash(name), district_key(name), accented)

    def _anywhere(
        self, text: str, current: tuple[str, int] | None, found: list[Found]
    ) -> WardResolution:
        if current:
            return WardResolution(WardMatch(current[0], current[1], "name"))
        if not found:
            return WardResolution(None)
        targets = {f.unit.targets for f in found}
        if len(targets) == 1 and len({f.unit.district_vi for f in found}) == 1:
            return self._from_old(text, found)
        if len(targets) == 1:  # same name in several districts, all gone to the same units
            return self._from_old(text, found, district=False)
        places = ", ".join(sorted({f.unit.district_vi for f in found}))
        return WardResolution(
            None, Message("registry.reason.several_districts", ward_text=text, districts=places)
        )

    def _from_old(self, text: str, found: list[Found], *, district: bool = True) -> WardResolution:
        """Resolve to the 2025 unit(s) of old units that all went to the same place."""
        first = found[0]
        if len(found) > 1 and len({f.unit.targets for f in found}) > 1:
            names = ", ".join(f.unit.name_vi for f in found)
            return WardResolution(
                None,
                Message(
                    "registry.reason.several_units",
                    ward_text=text,
                    district=first.unit.district_vi,
                    names=names,
                ),
                district_vi=first.unit.district_vi,
            )
        old = first.unit
        if first.earlier_name and old.whole:  # the note quotes the name as written
            resolved = self._old_resolution(old, district, earlier_name=False)
            match = resolved.match
            note = Message("registry.reason.earlier_name", ward_text=text, renamed=match.note)  # type: ignore[union-attr]
            return WardResolution(
                replace(match, via="earlier name", note=note),  # type: ignore[arg-type]
                district_vi=resolved.district_vi,
            )
        return self._old_resolution(old, district, earlier_name=first.earlier_name)

    def _old_resolution(
        self, old: OldUnit, district: bool, *, earlier_name: bool
    ) -> WardResolution:
        """Where ``old`` went, made once per old unit (and district use, and name kind): rows
        naming the same old unit share it, and so its messages."""
        key = (id(old), district, earlier_name)
        resolved = self._resolved.get(key)
        if resolved is None:
            district_vi = old.district_vi if district else None
            units = tuple(self.features[t] for t in old.targets)
            if not old.whole:
                split = Split(old, units, earlier_name)
                resolved = WardResolution(None, district_vi=district_vi, split=split)
            else:
                note = Message(
                    "registry.reason.renamed", old=old.describe(), unit=units[0], date=EFFECTIVE
                )
                match = WardMatch(units[0], self._osm[units[0]], "old name", note, district_vi)
                resolved = WardResolution(match, district_vi=district_vi)
            self._resolved[key] = resolved
        return resolved

    # ------------------------------------------------------------ addresses

    def _is_ward_name(self, key: str) -> bool:
        squashed = key.replace(" ", "")
        return squashed in self._wards or bool(self.crosswalk.find(squashed))

    def parse_address(self, address: str) -> tuple[str, str]:
        """Find a ward/commune and a district named in a free-text address.

        Returns ``(ward_text, district_text)`` ('' when not found), e.g.
        "thôn 5, xã Bát Tràng, huyện Gia Lâm, Hà Nội" → ("bat trang", "gia lam").
        Parts with a unit word (xã, phường, huyện…) are used first; otherwise the last part that
        is a district name and the first other part that is a ward name.
        """
        return self.parse_addresses([address])[0]

    def parse_addresses(self, addresses: Iterable[str]) -> list[tuple[str, str]]:
        """:meth:`parse_address` of each address; a part shared by several addresses ("Hà
        Nội", "huyện Gia Lâm") is read once."""
        parts: dict[str, tuple[str, str]] = {}
        return [self._parse(address, parts) for address in addresses]

    def _parse(self, address: str, parts: dict[str, tuple[str, str]]) -> tuple[str, str]:
        ward = district = ""
        plain: list[str] = []
        for part in _ADDRESS_SPLIT.split(address or ""):
            kind, name = parts[part] if part in parts else parts.setdefault(part, self._part(part))
            if kind == "district":
                district = district or name
            elif kind == "ward":
                ward = ward or name
            elif kind == "plain":
                plain.append(name)
        if not district:
            district = next(
                (k for k in reversed(plain) if k.replace(" ", "") in self._districts), ""
            )
        if not ward:
            ward = next(
                (k for k in plain if k != district and self._is_ward_name(k)),
                "",
            )
        return ward, district

    def _part(self, part: str) -> tuple[str, str]:
        """What one comma-separated part of an address names: ``("district", name)`` or
        ``("ward", name)`` for a part with a unit word (name '' when it names no known unit),
        ``("plain", key)`` for a part without one, ``("", "")`` for an empty part."""
        key = name_key(part)
        if not key:
            return "", ""
        stripped = _strip_prefix(key, DISTRICT_PREFIXES)
        found = _DISTRICT_WORDS.search(key)
        if stripped != key or found:
            name = stripped if stripped != key else found.group(1)  # type: ignore[union-attr]
            return "district", (name if name.replace(" ", "") in self._districts else "")
        stripped = _strip_prefix(key, WARD_PREFIXES)
        found = _WARD_WORDS.search(key)
        if stripped != key or found:
            name = stripped if stripped != key else found.group(1)  # type: ignore[union-attr]
            return "ward", (name if self._is_ward_name(name) else "")
        return "plain", key


def _places(current: tuple[str, int] | None, found: list[Found]) -> list[Message]:
    """Where a name lies: 'Phường Thanh Trì was in Hoàng Mai; Xã Thanh Trì is a 2025 unit'."""
    parts = [
        Message("registry.reason.was_in", unit=f.unit.name_vi, district=f.unit.district_vi)
        for f in found
    ]
    if current:
        parts.append(Message("registry.reason.unit_2025", unit=current[0]))
    return list(dict.fromkeys(parts))


def map_units(old: Crosswalk, catalog: Catalog) -> dict[str, str]:
    """The crosswalk's 2025 unit names → our ward features' ``name_vi`` (matched by name).

    Raises
    ------
    DataError
        When a unit matches no feature or several, or two units the same feature.
    """
    features: dict[str, list[str]] = {}
    for name in catalog.wards["name_vi"].astype(str):
        features.setdefault(squash(name), []).append(name)
    out: dict[str, str] = {}
    problems = []
    for unit in old.new_units:
        hits = features.get(squash(unit), [])
        if len(hits) != 1:
            message = Message("registry.problem.unit_matches", unit=unit, n=len(hits))
            problems.append(Problem("wards_2025.geojson", message))
        else:
            out[unit] = hits[0]
    if len(set(out.values())) != len(out):
        message = Message("registry.problem.units_share")
        problems.append(Problem("wards_2025.geojson", message))
    if problems:
        raise DataError(problems)
    return out


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
