"""The shared sidebar: language choice, log-in and data attribution (built once, in
dashboard.py)."""

from __future__ import annotations

import streamlit as st

from ocop_geo.i18n import LANGS, t
from ocop_geo.maps.builders import attribution_lines
from ocop_geo.ui import auth
from ocop_geo.ui.lang import LANG_KEY, current_lang


def render() -> str:
    """Draw the language picker, the log-in block (nothing when the database cannot be
    reached) and the attribution; return the chosen language."""
    lang = current_lang()
    with st.sidebar:
        st.radio(
            t("sidebar.language", lang),
            options=LANGS,
            key=LANG_KEY,
            format_func=lambda code: t(f"lang.{code}", code),
            horizontal=True,
        )
    lang = st.session_state[LANG_KEY]
    auth.render_login(lang)
    with st.sidebar:
        st.divider()
        st.caption(f"**{t('sidebar.attribution', lang)}**")
        for line in attribution_lines():  # our own licence text (not data): Markdown as is
            st.caption(line)
    return lang
