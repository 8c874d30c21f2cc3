"""The language of the session: chosen in the sidebar, read by every page and loader.

A choice widget (selectbox, multiselect, radio) keeps in the browser the *label* of its choice,
not the option: after a language switch the browser sends back the old language's label, which
Streamlit would take as a choice of its own and keep showing. Widgets whose labels depend on the
language take their key through :func:`relabelled`, which after a switch assigns the widget its
own value again (read while the old labels still decode it), so the page sends the browser the
choice's label in the new language.
"""

from __future__ import annotations

import streamlit as st

from ocop_geo.i18n import DEFAULT_LANG, LANGS

LANG_KEY = "lang"
#: Session-state key of the language each :func:`relabelled` widget was last drawn in.
RELABELLED = "lang_relabelled"


def current_lang() -> str:
    """The language the user chose (Vietnamese by default; ``?lang=en`` preselects English)."""
    if LANG_KEY not in st.session_state:
        wanted = st.query_params.get("lang", DEFAULT_LANG)
        st.session_state[LANG_KEY] = wanted if wanted in LANGS else DEFAULT_LANG
    return st.session_state[LANG_KEY]


def relabelled(key: str, lang: str) -> str:
    """``key``, for a choice widget whose labels are in ``lang`` (``key=relabelled("…", lang)``,
    before the widget is drawn): when the widget was last drawn in another language, its value
    is assigned again so that the browser gets the new label."""
    drawn: dict[str, str] = st.session_state.setdefault(RELABELLED, {})
    if drawn.get(key, lang) != lang and key in st.session_state:
        st.session_state[key] = st.session_state[key]
    drawn[key] = lang
    return key
