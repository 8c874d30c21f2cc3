"""Tables as the page shows them: figures written the way the page's language writes them.

``st.dataframe`` draws numbers with the browser's English separators ("18.7", "3,317") and a
missing value as "None"; a page in Vietnamese writes "18,7" and "3.317", and an empty cell is
empty.
"""

from __future__ import annotations

import pandas as pd

from ocop_geo.i18n import number


def figures_as_text(frame: pd.DataFrame, lang: str, *, decimals: int = 1) -> pd.DataFrame:
    """A copy of ``frame`` with its decimal columns as text in ``lang`` (``decimals`` places)
    and its whole-number columns with the language's thousands separator; no value is ""."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
            continue
        places = 0 if pd.api.types.is_integer_dtype(values) else decimals
        out[column] = [number(v, lang, decimals=places) if pd.notna(v) else "" for v in values]
    return out
