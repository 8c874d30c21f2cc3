"""SYNTHETIC OCOP product registries — for tests and benchmarks only.

Everything this module makes is invented: every product name starts with ``[TỔNG HỢP] ``
("synthetic") and producers are "Chủ thể tổng hợp NNNNN". The app ships no invented products;
do not load these frames into it as data.

:func:`make_registry` writes the INPUT format a city spreadsheet would have (Vietnamese headers,
names written in many ways), with this mix:

* ~60 % coordinates: random points inside random 2025 wards/communes (half also name the ward);
* ~25 % ward/commune name only, written with or without diacritics, prefixes ("P.", "X.",
  "Phường"…), odd spacing, some of the 526 pre-2025 names (``ocop_geo.layers.admin_units``),
  and about one in five given only inside the address ("Thôn 3, xã Bát Tràng, huyện Gia Lâm,
  Hà Nội");
* ~10 % district name only ("Q. Hà Đông", "H. Gia Lâm", "TX. Sơn Tây"…);
* ~5 % unplaceable: invented unit names, or coordinates outside Hanoi with no name.

Stars follow Hanoi's mid-2025 split (3★ 1,718, 4★ 1,571, 5★ 6) and product groups the end-2020
mix (686 food, 35 beverages, 7 herbal, 27 textile/garment, 299 souvenir/furniture/decoration),
research facts §6. Years 2019–2025 follow the rating rounds (2019: 301; 2020: 753; 2021: 595;
2022: 518; the 1,150 of 2023 – mid-2025 spread evenly) — an approximation.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely
from openpyxl import Workbook

from ocop_geo.layers.admin_units import crosswalk
from ocop_geo.text import fold

if TYPE_CHECKING:
    from ocop_geo.layers.catalog import Catalog

MARK = "[TỔNG HỢP] "
HEADERS = {
    "product_name": "Tên sản phẩm",
    "producer": "Chủ thể",
    "stars": "Số sao",
    "product_group": "Nhóm sản phẩm",
    "year_rated": "Năm công nhận",
    "lat": "Vĩ độ",
    "lon": "Kinh độ",
    "ward": "Xã/phường",
    "district": "Quận/huyện",
    "address": "Địa chỉ",
}
KINDS = ("coordinates", "ward", "district", "unplaceable")
MIX = (0.60, 0.25, 0.10, 0.05)
STAR_WEIGHTS = {3: 1718, 4: 1571, 5: 6}
GROUP_WEIGHTS = {
    "Thực phẩm": 686,
    "Đồ uống": 35,
    "Thảo dược": 7,
    "Vải và may mặc": 27,
    "Lưu niệm - nội thất - trang trí": 299,
}
YEAR_WEIGHTS = {2019: 301, 2020: 753, 2021: 595, 2022: 518, 2023: 383, 2024: 383, 2025: 384}
#: Points well outside Hanoi (Hải Phòng, Nam Định, Thái Nguyên areas): valid, but not in the city.
OUTSIDE = ((20.86, 106.68), (20.42, 106.17), (21.59, 105.84))
_DISTRICT_ABBR = {"Quận": "Q.", "Huyện": "H.", "Thị xã": "TX."}
_WARD_ABBR = {"Phường": "P.", "Xã": "X.", "Thị trấn": "TT."}


def _weights(table: dict) -> tuple[list, np.ndarray]:
    keys = list(table)
    values = np.array([table[k] for k in keys], dtype=float)
    return keys, values / values.sum()


def _ascii(text: str) -> str:
    """No diacritics, original capitalisation of each word ('Hà Đông' → 'Ha Dong')."""
    return " ".join(fold(word).capitalize() for word in text.split())


def _ward_text(short: str, type_vi: str, rng: np.random.Generator) -> str:
    """One of many ways people write a ward/commune name."""
    abbr = _WARD_ABBR.get(type_vi, "")
    ways = [
        f"{type_vi} {short}".strip(),
        short,
        _ascii(short),
        fold(short).upper(),
        f"{abbr} {short}".strip(),
        f"{abbr}{short}",
        f"{fold(type_vi)} {fold(short)}".strip(),
        f"{type_vi}  {'   '.join(short.split())}".strip(),
        f"  {short} ",
    ]
    return ways[rng.integers(len(ways))]


def _district_text(name: str, type_vi: str, rng: np.random.Generator) -> str:
    ways = [
        f"{_DISTRICT_ABBR[type_vi]} {name}",
        f"{_DISTRICT_ABBR[type_vi]}{name}",
        f"{type_vi} {name}",
        name,
        f"{fold(type_vi)} {fold(name)}",
        _ascii(name).upper(),
    ]
    return ways[rng.integers(len(ways))]


def _sample_in(geom: object, k: int, rng: np.random.Generator) -> np.ndarray:
    """``k`` random points (lon, lat; 6 decimals) inside ``geom``, by vectorised rejection."""
    shapely.prepare(geom)
    minx, miny, maxx, maxy = geom.bounds  # type: ignore[attr-defined]
    fill = max(geom.area / ((maxx - minx) * (maxy - miny)), 0.05)  # type: ignore[attr-defined]
    out: list[np.ndarray] = []
    have = 0
    while have < k:
        m = int((k - have) / fill * 1.3) + 8
        xs = np.round(rng.uniform(minx, maxx, m), 6)
        ys = np.round(rng.uniform(miny, maxy, m), 6)
        inside = shapely.contains_xy(geom, xs, ys)
        got = np.column_stack([xs[inside], ys[inside]])
        out.append(got)
        have += len(got)
    return np.concatenate(out)[:k]


def _old_units() -> list[tuple[str, str, str]]:
    """(short name, type, district) of Hanoi's communes/wards of before 1/7/2025."""
    return [(u.short_vi, u.kind_vi, u.district_vi) for u in crosswalk().units]


def make_registry(n: int, *, seed: int = 0, catalog: Catalog) -> pd.DataFrame:
    """A SYNTHETIC registry of ``n`` rows in the upload format (Vietnamese headers).

    Deterministic for a given ``seed``. For tests and benchmarks only.
    """
    rng = np.random.default_rng(seed)
    wards = catalog.wards.reset_index(drop=True)
    districts = catalog.districts.reset_index(drop=True)
    district_type = dict(zip(districts["name_vi"], districts["type_vi"], strict=True))
    old_units = _old_units()
    ward_name = wards["name_vi"].to_numpy()
    ward_short = wards["short_name_vi"].to_numpy()
    ward_type = wards["type_vi"].to_numpy()
    ward_district = wards["old_district_name_vi"].to_numpy()
    district_name = districts["name_vi"].to_numpy()

    kind = rng.choice(len(KINDS), size=n, p=MIX)
    star_keys, star_p = _weights(STAR_WEIGHTS)
    group_keys, group_p = _weights(GROUP_WEIGHTS)
    year_keys, year_p = _weights(YEAR_WEIGHTS)
    stars = np.asarray(star_keys, dtype=object)[rng.choice(len(star_keys), size=n, p=star_p)]
    star_words = rng.random(n) < 0.1  # some written "4 sao"
    stars[star_words] = [f"{s} sao" for s in stars[star_words]]
    groups = np.asarray(group_keys)[rng.choice(len(group_keys), size=n, p=group_p)]
    years = np.asarray(year_keys)[rng.choice(len(year_keys), size=n, p=year_p)]

    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    ward_col = np.full(n, "", dtype=object)
    district_col = np.full(n, "", dtype=object)
    address_col = np.full(n, "", dtype=object)

    # coordinates: random points in random wards
    rows = np.flatnonzero(kind == 0)
    picks = rng.integers(len(wards), size=len(rows))
    for w in np.unique(picks):
        at = rows[picks == w]
        xy = _sample_in(wards.geometry.iloc[w], len(at), rng)
        lon[at], lat[at] = xy[:, 0], xy[:, 1]
        named = at[rng.random(len(at)) < 0.5]
        ward_col[named] = ward_name[w]

    # ward/commune names, current (3 in 4) or pre-2025 (1 in 4)
    for i in np.flatnonzero(kind == 1):
        if rng.random() < 0.75:
            w = int(rng.integers(len(wards)))
            short, type_vi, district = ward_short[w], ward_type[w], ward_district[w]
        else:
            short, type_vi, district = old_units[rng.integers(len(old_units))]
        if rng.random() < 0.2:  # only in the address
            prefix = (type_vi or "xã").lower()
            address_col[i] = (
                f"Thôn {rng.integers(1, 12)}, {prefix} {short}, "
                f"{district_type[district].lower()} {district}, Hà Nội"
            )
            continue
        ward_col[i] = _ward_text(short, type_vi, rng)
        if rng.random() < 0.4:
            district_col[i] = _district_text(district, district_type[district], rng)

    # district names only
    for i in np.flatnonzero(kind == 2):
        d = int(rng.integers(len(districts)))
        name = district_name[d]
        district_col[i] = _district_text(name, district_type[name], rng)

    # unplaceable: invented names, or coordinates outside Hanoi without a name
    for i in np.flatnonzero(kind == 3):
        if rng.random() < 0.5:
            ward_col[i] = f"Xã Thử Nghiệm {rng.integers(1, 99)}"
            district_col[i] = "Huyện Thử Nghiệm"
        else:
            lat[i], lon[i] = OUTSIDE[rng.integers(len(OUTSIDE))]

    ids = np.arange(1, n + 1)
    producers = rng.integers(1, max(n // 3, 1) + 1, size=n)
    frame = pd.DataFrame(
        {
            HEADERS["product_name"]: [
                f"{MARK}{g} {i:05d}" for g, i in zip(groups, ids, strict=True)
            ],
            HEADERS["producer"]: [f"Chủ thể tổng hợp {p:05d}" for p in producers],
            HEADERS["stars"]: stars,
            HEADERS["product_group"]: groups,
            HEADERS["year_rated"]: years,
            HEADERS["lat"]: lat,
            HEADERS["lon"]: lon,
            HEADERS["ward"]: ward_col,
            HEADERS["district"]: district_col,
            HEADERS["address"]: address_col,
        }
    )
    frame.attrs["synthetic"] = True
    return frame


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as Excel's "CSV UTF-8" would save it (UTF-8 with BOM, comma separated)."""
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a one-sheet .xlsx workbook (header in row 1; empty cells for NaN/'')."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sản phẩm OCOP")
    sheet.append([str(c) for c in frame.columns])
    for values in frame.itertuples(index=False, name=None):
        sheet.append(
            [None if (isinstance(v, float) and np.isnan(v)) or v == "" else v for v in values]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
