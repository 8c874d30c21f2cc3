"""The language of the session: chosen in the sidebar, read by every page and loader.

A choice widget (selectbox, multiselect, radio) keeps in the browser the *label* of its choice,
not the option: after a language switch the browser would send back the old language's label,
which Streamlit takes as a choice of its own and keeps showing. Widgets whose labels depend on
the language take their key through :func:`relabelled`; the language picker's callback
(:func:`relabel`) assigns each of them its own value again, so the page sends the browser the
choice's label in the new language.
"""

from __future__ import annotations

import streamlit as st

from ocop_geo.i18n import DEFAULT_LANG, LANGS

LANG_KEY = "lang"
#: Session-state key of the set of keys given out by :func:`relabelled`.
RELABELLED = "lang_relabelled"


def current_lang() -> str:
    """The language the user chose (Vietnamese by default; ``?lang=en`` preselects English)."""
    if LANG_KEY not in st.session_state:
        wanted = st.query_params.get("lang", DEFAULT_LANG)
        st.session_state[LANG_KEY] = wanted if wanted in LANGS else DEFAULT_LANG
    return st.session_state[LANG_KEY]


def relabelled(key: str) -> str:
    """``key``, remembered as the key of a choice widget whose labels are in the page's
    language (pass a widget's ``key=relabelled("…")``)."""
    st.session_state.setdefault(RELABELLED, set()).add(key)
    return key


def relabel() -> None:
    """On a language switch (the picker's ``on_change``): give every :func:`relabelled`
    widget its value again, read while the old labels still decode it."""
    for key in st.session_state.get(RELABELLED, set()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
