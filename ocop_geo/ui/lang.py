"""The language of the session: chosen in the sidebar, read by every page and loader."""

from __future__ import annotations

import streamlit as st

from ocop_geo.i18n import DEFAULT_LANG, LANGS

LANG_KEY = "lang"


def current_lang() -> str:
    """The language the user chose (Vietnamese by default; ``?lang=en`` preselects English)."""
    if LANG_KEY not in st.session_state:
        wanted = st.query_params.get("lang", DEFAULT_LANG)
        st.session_state[LANG_KEY] = wanted if wanted in LANGS else DEFAULT_LANG
    return st.session_state[LANG_KEY]
