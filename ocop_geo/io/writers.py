"""Generic table writers for downloads: JSON-safe scalars, formula-safe CSV and XLSX.

Every function returns bytes ready for ``st.download_button`` or a file; nothing here touches
Streamlit. CSV is UTF-8 with a byte-order mark so that Excel opens Vietnamese text correctly.
"""

from __future__ import annotations

import io
import math
from typing import Any

import pandas as pd

from ocop_geo.text import xml_safe


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


#: Cell starts that spreadsheet programs read as a formula (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot run as spreadsheet formulas.

    A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading apostrophe (OWASP's advice for CSV injection), so a product named
    ``=HYPERLINK(…)`` stays text when a planner opens the download in Excel. Numbers are
    untouched; the index is defused too. Characters no spreadsheet (XML) can hold — control
    characters, lone surrogates, e.g. in a note stored before such text was refused — become
    U+FFFD, so one bad cell cannot break the whole export.
    """

    def fix(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = xml_safe(value)
        return "'" + value if value.startswith(_FORMULA_START) else value

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
