"""Widgets of the registry page: the upload panel and the downloads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from ocop_geo.auth.permissions import User, can_write
from ocop_geo.database.store import Store, StoreError
from ocop_geo.i18n import error_text, number, t, tn
from ocop_geo.io import writers
from ocop_geo.layers.catalog import Catalog
from ocop_geo.registry import export as registry_export
from ocop_geo.registry import workflow
from ocop_geo.registry.imports import save_import
from ocop_geo.registry.reader import RegistryError
from ocop_geo.registry.reasons import reason_text
from ocop_geo.text import escape_markdown
from ocop_geo.ui import loaders

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(catalog: Catalog, store: Store, user: User, lang: str) -> bool:
    """File → check → placement preview → save (all-or-nothing, with who and when).

    Anyone may check a file; only a user who may change the registry (an admin) gets the
    save form, and the save checks the account again.

    Returns True when an import was saved in this run.
    """
    file = st.file_uploader(t("registry.file", lang), type=["csv", "xlsx"], key="registry_file")
    if file is None:
        return False
    with st.status(file.name, expanded=False) as status:
        try:
            prepared = workflow.prepare(file.getvalue(), file.name, catalog, loaders.gazetteer())
        except RegistryError as exc:
            status.update(state="error")
            refused = exc
        else:
            status.update(state="complete")
            refused = None
    if refused is not None:  # shown open, one line per problem with its row and column
        st.error(t("registry.invalid", lang))
        st.code("\n".join(p.render(lang) for p in refused.problems), language=None, wrap_lines=True)
        return False
    counts = prepared.method_counts()
    rows = len(prepared.placed)
    figures = {k: number(v, lang) for k, v in counts.items()}
    st.info(tn("registry.preview", rows, lang, rows=number(rows, lang), **figures))
    rows_table(prepared.matches(), lang)
    if counts["unplaced"]:
        st.caption(t("registry.unplaced", lang))
        headers = {"row": "registry.col_row", "product_name": "registry.col_product",
                   "ward": "registry.col_ward_in", "district": "registry.col_district_in",
                   "address": "registry.col_address", "reason": "registry.col_reason"}  # fmt: skip
        table = prepared.unplaced()
        table["reason"] = table["reason"].map(lambda r: reason_text(r, lang))
        table = table.rename(columns={k: t(v, lang) for k, v in headers.items()})
        st.dataframe(table, hide_index=True, width="stretch")
    if not can_write(user, "registry"):
        st.caption(t("registry.view_only", lang))
        return False
    name = st.text_input(t("registry.name", lang), value=Path(file.name).stem, key="registry_name")
    who = st.text_input(t("registry.by", lang), key="registry_by")
    replace = st.checkbox(t("registry.replace", lang), key="registry_replace")
    if st.button(t("registry.save", lang), type="primary", key="registry_save"):
        if not who.strip():
            st.error(t("registry.need_by", lang))
            return False
        try:
            saved = save_import(
                store, name=name.strip(), source_filename=file.name, sha256=prepared.sha256,
                imported_by=who.strip(), products=prepared.placed, actor=user, replace=replace,
            )  # fmt: skip
        except StoreError as exc:
            st.error(escape_markdown(error_text(exc, lang)))
            return False
        rows, placed = (number(n, lang) for n in (saved.row_count, saved.placed_count))
        st.success(
            tn("registry.saved", saved.row_count, lang, name=saved.name, rows=rows, placed=placed)
        )
        return True
    return False


#: The per-row columns, placement first: the name as written, its 2025 unit and how it was
#: matched come before the rest, so they show without scrolling sideways.
_MATCH_HEADERS = {
    "row": "registry.col_row",
    "product_name": "registry.col_product",
    "ward": "registry.col_ward_in",
    "ward_2025": "registry.col_ward_2025",
    "matched": "registry.col_matched",
    "district": "registry.col_district_in",
    "district_2020": "registry.col_district_2020",
    "accuracy_m": "registry.col_accuracy",
    "reason": "registry.col_reason",
}
#: Widths (px) of the first columns: together within the page's 704 px content width
#: (Streamlit's centred layout, as at 1366×768 with the sidebar open).
MATCH_WIDTHS = {"row": 56, "product_name": 150, "ward": 140, "ward_2025": 170, "matched": 180}


def match_table(matches: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The per-row match table in ``lang``: names as written, 2025 unit, how matched, why."""
    table = matches[list(_MATCH_HEADERS)].copy()
    # each distinct value translated once (a stored import may hold 50,000 rows)
    how = {m: t(f"registry.match.{m}", lang) for m in table["matched"].dropna().unique()}
    table["matched"] = table["matched"].map(how)
    reasons = {r: reason_text(r, lang) for r in table["reason"].dropna().unique()}
    table["reason"] = table["reason"].map(reasons)
    return table.rename(columns={k: t(v, lang) for k, v in _MATCH_HEADERS.items()})


def rows_table(matches: pd.DataFrame, lang: str) -> None:
    """Every row's placement, open on the page (the name as written, the 2025 unit, how)."""
    st.markdown(f"**{t('registry.matches', lang)}**")
    widths = {t(_MATCH_HEADERS[k], lang): st.column_config.Column(width=w)
              for k, w in MATCH_WIDTHS.items()}  # fmt: skip
    st.dataframe(match_table(matches, lang), hide_index=True, width="stretch",
                 column_config=widths)  # fmt: skip


def downloads(
    placed: pd.DataFrame,
    summary_table: pd.DataFrame,
    groups_table: pd.DataFrame,
    stem: str,
    lang: str,
) -> None:
    """GeoJSON and CSV of the placed rows; the summary (stars; and groups in XLSX)."""
    st.markdown(f"**{t('registry.download', lang)}**")
    cols = st.columns(4)
    cols[0].download_button(t("registry.dl_geojson", lang), registry_export.placed_geojson(placed),
                            f"{stem}.geojson", "application/geo+json")  # fmt: skip
    cols[1].download_button(t("registry.dl_csv", lang), registry_export.placed_csv(placed),
                            f"{stem}.csv", "text/csv")  # fmt: skip
    cols[2].download_button(t("registry.dl_counts_csv", lang),
                            writers.table_csv(summary_table, index=True),
                            f"{stem}-summary.csv", "text/csv")  # fmt: skip
    workbook = writers.tables_xlsx({t("registry.stars", lang): summary_table,
                                    t("registry.groups", lang): groups_table})  # fmt: skip
    cols[3].download_button(t("registry.dl_counts_xlsx", lang), workbook,
                            f"{stem}-summary.xlsx", XLSX_MIME)  # fmt: skip
