"""Hanoi's pre-2025 communes/wards and the 2025 unit(s) each went to (``vietnamadminunits``).

The crosswalk is the data of the PyPI package ``vietnamadminunits`` (MIT, pinned in
requirements.txt; see data/SOURCES.md): the 526 communes/wards of Hanoi's 30 districts as they
were on 30/6/2025, each with its district, the spellings and earlier names it was known by (for
example Kim Lan and Văn Đức, merged into Xã Kim Đức on 1/1/2025), and the 2025 unit it went into
under Nghị quyết 1656/NQ-UBTVQH15 — one unit when it went whole, several when it was divided.

Only the package's data tables are read (once, cached): its address parser is not called per name
(far too slow for 50,000 rows) and its geocoding step, which would go to a web service, is never
reached. Names are matched on a key with diacritics, case, spaces and punctuation removed, as the
package's own keywords are.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ocop_geo.text import fold

PROVINCE_KEY = "thanhphohanoi"
#: The date the 2025 units took effect (Nghị quyết 1656/NQ-UBTVQH15, Điều 2).
EFFECTIVE = "1/7/2025"
#: Unit words as people write them (folded), longest first, and the type each means.
WARD_WORDS = (
    ("thi tran", "Thị trấn"),
    ("phuong", "Phường"),
    ("xa", "Xã"),
    ("tt", "Thị trấn"),
    ("p", "Phường"),
    ("x", "Xã"),
)
DISTRICT_WORDS = ("thi xa", "quan", "huyen", "tx", "q", "h")
_SQUASHED_TYPES = ("thitran", "phuong", "xa", "tt", "sa", "p", "x")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def squash(text: str) -> str:
    """Fold ``text`` and drop everything but letters and digits: 'P. Hà  Đông' → 'phadong'."""
    return _NON_ALNUM.sub("", fold(text))


@lru_cache(maxsize=65536)
def split_type(text: str) -> tuple[str | None, str]:
    """``(type, key)`` of a commune/ward name: 'phường Thanh Trì' → ('Phường', 'thanhtri').

    The type is None when no unit word leads the name ('Thanh Trì' → (None, 'thanhtri')).
    """
    words = _NON_ALNUM.sub(" ", fold(text)).strip()
    for word, kind in WARD_WORDS:
        if words.startswith(word + " "):
            return kind, words[len(word) + 1 :].replace(" ", "")
    return None, words.replace(" ", "")


@lru_cache(maxsize=65536)
def district_squash(text: str) -> str:
    """The key of a district name: 'Q. Hà Đông', 'quận Hà Đông', 'ha dong' → 'hadong'."""
    words = _NON_ALNUM.sub(" ", fold(text)).strip()
    for word in DISTRICT_WORDS:
        if words.startswith(word + " "):
            words = words[len(word) + 1 :]
            break
    return words.replace(" ", "")


@dataclass(frozen=True)
class OldUnit:
    """A commune/ward of 2019 – 30/6/2025 and where it went on 1/7/2025."""

    name_vi: str  # "Xã Kiêu Kỵ"
    kind_vi: str  # "Xã"
    short_vi: str  # "Kiêu Kỵ"
    district_vi: str  # short, as the district layer names it: "Gia Lâm"
    #: The 2025 unit(s) (full names, "Xã Gia Lâm"): one when it went whole.
    targets: tuple[str, ...]
    #: The unit the package proposes when a divided unit must be put in one place (not used to
    #: place rows: a divided unit is placed over all its parts).
    default_target: str

    @property
    def whole(self) -> bool:
        return len(self.targets) == 1

    def describe(self) -> str:
        """'Xã Kiêu Kỵ (Gia Lâm)'."""
        return f"{self.name_vi} ({self.district_vi})"


@dataclass(frozen=True)
class Found:
    """An old unit that a name matched, and how: by its own name or by an earlier name."""

    unit: OldUnit
    earlier_name: bool


class Crosswalk:
    """Old unit look-ups by name (with or without district) and the 126 units of 2025."""

    def __init__(self, units: list[OldUnit], keys: dict[str, list[Found]], new: list[str]):
        self.units = tuple(units)
        self.new_units = tuple(new)
        self._keys = keys
        self._districts = {squash(u.district_vi) for u in units}

    def find(self, text: str) -> list[Found]:
        """Old units named ``text`` ('phường Thanh Trì', 'kim lan', 'Vạn Phúc'), any district.

        A unit word in ``text`` keeps only the units of that type when any are, and a name written
        with diacritics keeps only the units spelled exactly so when any are ('Vạn Phúc' is not
        'Vân Phúc'; 'van phuc' may be either). Earlier names are kept: the package has them
        without diacritics.
        """
        kind, key = split_type(text)
        found = self._keys.get(key, [])
        if not found and kind is not None:  # "phuong duc" is Phượng Dực, not phường Dực
            kind, found = None, self._keys.get(squash(text), [])
        if kind is not None:
            found = [f for f in found if f.unit.kind_vi == kind] or found
        if len(found) > 1 and fold(text) != text.lower():
            written = accented_short(text)
            exact = [f for f in found if f.earlier_name or f.unit.short_vi.lower() == written]
            found = exact or found
        return found

    def units_keyed(self, key: str) -> int:
        """How many old units the name key ``key`` (:func:`split_type`'s) names, by their own or
        an earlier name."""
        return len(self._keys.get(key, ()))

    def knows_district(self, text: str) -> bool:
        return district_squash(text) in self._districts


@lru_cache(maxsize=65536)
def accented_short(text: str) -> str:
    """'Phường  Vạn Phúc' → 'vạn phúc': lower case, unit word and extra spaces dropped."""
    words = " ".join(unicodedata.normalize("NFC", text).lower().replace(".", " ").split())
    for word in ("thị trấn", "phường", "xã", "tt", "p", "x"):
        if words.startswith(word + " "):
            return words[len(word) + 1 :]
    return words


def _bare_keywords(keywords: list[str]) -> set[str]:
    """The keywords of a unit without a leading type word ('xakimlan' → dropped, 'kimlan' kept)."""
    words = set(keywords)
    return {
        k
        for k in words
        if not any(k.startswith(t) and k[len(t) :] in words for t in _SQUASHED_TYPES)
    }


@lru_cache(maxsize=1)
def crosswalk() -> Crosswalk:
    """Hanoi's crosswalk, read once from the package's tables (about a second, then cached)."""
    from vietnamadminunits.converter import converter_2025
    from vietnamadminunits.database import query

    whole = {
        old: new
        for new, olds in converter_2025.DICT_PROVINCE_WARD_NO_DIVIDED[PROVINCE_KEY].items()
        for old in olds
    }
    divided = converter_2025.DICT_PROVINCE_WARD_DIVIDED[PROVINCE_KEY]
    new_rows = query(
        "SELECT ward, wardKey FROM admin_units WHERE provinceKey = 'thanhphohanoi' ORDER BY ward"
    )
    new_name = {r["wardKey"]: r["ward"] for r in new_rows}
    rows = query(
        "SELECT districtShort, districtKey, ward, wardType, wardKey, wardShort, wardKeywords, "
        "wardAlias FROM admin_units_legacy WHERE provinceKey = 'thanhphohanoi' "
        "ORDER BY districtKey, wardKey"
    )
    units: list[OldUnit] = []
    keys: dict[str, list[Found]] = defaultdict(list)
    for row in rows:
        old_key = f"{PROVINCE_KEY}_{row['districtKey']}_{row['wardKey']}"
        if old_key in whole:
            targets = (new_name[whole[old_key]],)
            default = targets[0]
        else:
            parts = divided[old_key]
            targets = tuple(sorted(new_name[p["newWardKey"]] for p in parts))
            default = next(new_name[p["newWardKey"]] for p in parts if p["isDefaultNewWard"])
        short = row["ward"][len(row["wardType"]) :].strip()
        unit = OldUnit(row["ward"], row["wardType"], short, row["districtShort"], targets, default)
        units.append(unit)
        own = squash(short)
        earlier = _bare_keywords(json.loads(row["wardAlias"] or "[]"))
        for key in {own} | _bare_keywords(json.loads(row["wardKeywords"] or "[]")):
            keys[key].append(Found(unit, earlier_name=key in earlier and key != own))
    for found in keys.values():  # own names first
        found.sort(key=lambda f: f.earlier_name)
    return Crosswalk(units, dict(keys), [r["ward"] for r in new_rows])


def units_named(query: str) -> frozenset[str]:
    """The 2025 units (keys, :func:`squash`) that took the old commune/ward named in ``query``.

    ``query`` is "commune" or "commune, district" as people write it ("Vạn Phúc, Hà Đông",
    "kim lan", "xã Kiêu Kỵ, huyện Gia Lâm"); a district narrows the old units to that district.
    A divided unit gives all the units that took a part. Empty when nothing matches.
    """
    name, _, district = query.partition(",")
    if not squash(name):
        return frozenset()
    found = crosswalk().find(name)
    if district.strip():
        key = district_squash(district)
        found = [f for f in found if squash(f.unit.district_vi) == key]
    return frozenset(squash(t) for f in found for t in f.unit.targets)
