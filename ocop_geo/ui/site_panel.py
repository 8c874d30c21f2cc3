"""The details panel of one site: rendered from a :class:`ocop_geo.layers.sites.SiteCard`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ocop_geo.i18n import t
from ocop_geo.layers.sites import SiteCard
from ocop_geo.text import escape_markdown


def render(card: SiteCard, lang: str) -> None:
    """Title, a two-column table of plain-text facts, then the sourced statements."""
    st.subheader(escape_markdown(card.title))
    if card.is_estimate:
        st.caption(f"⚠ {t('site.coord', lang)}: {t('site.estimate', lang)}")
    labels, values = zip(*card.rows, strict=True)
    st.table(pd.DataFrame({" ": values}, index=pd.Index(labels, name="")))
    st.markdown(f"**{t('site.facts', lang)}**")
    lines = []
    for fact in card.facts:
        line = f"- {escape_markdown(fact.text)} _({escape_markdown(fact.confidence)})_"
        if fact.source:
            line += f" — [{t('site.source', lang)}]({fact.source})"
        lines.append(line)
    st.markdown("\n".join(lines))
    st.caption(f"{t('site.link', lang)}: `?site={card.id}`")
