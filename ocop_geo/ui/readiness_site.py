"""One site on the readiness page: its heading, its checklist as of the day (evidence as links)
and its change history. Every text from the data or the database reaches Markdown only through
:func:`~ocop_geo.text.escape_markdown`; the table shows plain text.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from ocop_geo.i18n import t
from ocop_geo.readiness import export
from ocop_geo.readiness.criteria import Criteria
from ocop_geo.readiness.history import history_line
from ocop_geo.readiness.records import AuditEntry
from ocop_geo.readiness.status import SiteReadiness
from ocop_geo.text import escape_markdown


def site_heading(site: SiteReadiness, site_names: Mapping[str, str], lang: str) -> None:
    """The chosen site's name, readiness and counts (escaped), with a "ready" badge."""
    text = t(
        "ready.site_heading",
        lang,
        name=site_names[site.site_id],
        share=export.share_text(site, lang),
        done=site.done,
        items=site.applicable,
    )
    badge = f" :green-badge[{t('ready.ready_badge', lang)}]" if site.ready else ""
    st.subheader(escape_markdown(text) + badge)


def checklist_table(site: SiteReadiness, lang: str) -> pd.DataFrame:
    """The checklist as shown: status as of the day, note, evidence, who/when, source."""
    headings = {c: t(f"ready.col.{c}", lang) for c in export.ROW_COLUMNS}
    rows = export.checklist_rows(site, lang)
    frame = pd.DataFrame(rows, columns=list(export.ROW_COLUMNS)).rename(columns=headings)
    return frame.fillna("")  # an empty cell, not "None"


def show_checklist(site: SiteReadiness, reason: str | None, lang: str) -> None:
    """The site's checklist table (or why it has none) and its legal sources as links."""
    if not site.checklist:
        st.info(reason or t("ready.no_share", lang))
        return
    link = t("ready.col.evidence", lang)
    st.dataframe(
        checklist_table(site, lang),
        hide_index=True,
        width="stretch",
        column_config={
            link: st.column_config.LinkColumn(link, display_text=t("ready.evidence_link", lang))
        },
    )


def show_history(entries: list[AuditEntry], criteria: Criteria, lang: str) -> None:
    """The audit entries of one site, newest first, in an expander."""
    with st.expander(t("ready.history", lang)):
        if not entries:
            st.caption(t("ready.no_history", lang))
        for e in entries:
            item = (
                criteria.item(e.item_id).title(lang)
                if e.item_id in criteria.item_ids
                else e.item_id
            )
            st.markdown(history_line(e, item, lang))
