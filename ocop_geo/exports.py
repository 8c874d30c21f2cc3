"""Downloads: placed products as RFC 7946 GeoJSON or CSV, tables as CSV or XLSX.

Every function returns bytes ready for ``st.download_button`` or a file; nothing here touches
Streamlit. CSV is UTF-8 with a byte-order mark so that Excel opens Vietnamese text correctly.
"""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pandas as pd

from ocop_geo.geojson_io import DECIMALS
from ocop_geo.registry.translate import reason_text

#: Columns of a placed registry, in export order (see :func:`ocop_geo.registry.place`).
PLACED_COLUMNS = (
    "row", "product_name", "producer", "stars", "product_group", "year_rated",
    "address", "ward", "district", "lat", "lon",
    "ward_2025", "ward_osm_id", "district_2020", "district_gso", "method", "reason",
    "placed_lat", "placed_lon",
)  # fmt: skip
#: Exported after ``reason`` (English, as stored): the same reason in Vietnamese.
REASON_VI = "reason_vi"


def _export_frame(placed: pd.DataFrame) -> pd.DataFrame:
    """The placed rows in export order, with the reason in Vietnamese beside the English one."""
    frame = placed[list(PLACED_COLUMNS)].copy()
    frame.insert(frame.columns.get_loc("reason") + 1, REASON_VI,
                 frame["reason"].map(lambda r: reason_text(r, "vi")))  # fmt: skip
    return frame


def clean(value: Any) -> Any:
    """JSON-safe scalar: NaN/NA → None, numpy numbers → Python numbers."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def placed_geojson(placed: pd.DataFrame) -> bytes:
    """A FeatureCollection with one Point per placed product (unplaced rows: null geometry).

    RFC 7946: longitude/latitude in EPSG:4326, no ``crs`` member, 6 decimals. Unplaced rows are
    kept (``"geometry": null`` is valid GeoJSON) so the file lists every row of the import.
    """
    features = []
    for record in _export_frame(placed).to_dict("records"):
        lon, lat = clean(record["placed_lon"]), clean(record["placed_lat"])
        geometry = None
        if lon is not None and lat is not None:
            geometry = {
                "type": "Point",
                "coordinates": [round(lon, DECIMALS), round(lat, DECIMALS)],
            }
        props = {k: clean(v) for k, v in record.items() if k not in ("placed_lon", "placed_lat")}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


#: Cell starts that spreadsheet programs read as a formula (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot run as spreadsheet formulas.

    A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading apostrophe (OWASP's advice for CSV injection), so a product named
    ``=HYPERLINK(…)`` stays text when a planner opens the download in Excel. Numbers are
    untouched; the index is defused too.
    """

    def fix(value: Any) -> Any:
        return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value

    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(fix)
    if not pd.api.types.is_numeric_dtype(out.index):
        out.index = out.index.map(fix)
    return out


def table_csv(frame: pd.DataFrame, *, index: bool = False) -> bytes:
    """CSV (UTF-8 with BOM) of ``frame``, formula-safe (see :func:`defuse`)."""
    return defuse(frame).to_csv(index=index).encode("utf-8-sig")


def placed_csv(placed: pd.DataFrame) -> bytes:
    """CSV of a placed registry with every row, its units (2025 and 2020) and method."""
    return table_csv(_export_frame(placed))


def table_xlsx(frame: pd.DataFrame, *, sheet: str = "OCOP", index: bool = True) -> bytes:
    """An .xlsx workbook with ``frame`` on one sheet, formula-safe (see :func:`defuse`)."""
    return tables_xlsx({sheet: frame}, index=index)


def tables_xlsx(frames: dict[str, pd.DataFrame], *, index: bool = True) -> bytes:
    """An .xlsx workbook with one sheet per ``frames`` item (name → table), formula-safe."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet, frame in frames.items():
            defuse(frame).to_excel(writer, sheet_name=sheet[:31], index=index)
    return buffer.getvalue()
