"""The "saved in the database" widget shared by the route designer (saved tours) and the Đông Anh
centre page (saved candidate sets): pick a saved item to open or delete, or save the current one
under a name, with who saves it.

Widget keys and UI strings derive from ``prefix`` (``"route"``, ``"cand"``): keys
``{prefix}_saved``, ``{prefix}_open``, ``{prefix}_delete``, ``{prefix}_save_form``,
``{prefix}_save_name``, ``{prefix}_save_by``, ``{prefix}_save_replace``; strings ``{prefix}.saved``,
``.saved_hint``, ``.open``, ``.delete``, ``.save_name``, ``.save_by``, ``.save_replace``,
``.save``, ``.saved_ok`` (see ocop_geo/i18n.py).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ocop_geo.database.store import StoreError
from ocop_geo.i18n import error_text, t, tn
from ocop_geo.text import escape_markdown


def saved_picker(
    prefix: str,
    lang: str,
    *,
    list_names: Callable[[], list[str]],
    on_open: Callable[[str], None],
    on_delete: Callable[[str], None],
    on_save: Callable[[str, str, bool], str],
    can_save: bool,
    may_write: bool,
) -> None:
    """Open, delete and save named items; a StoreError is shown as ``st.error``.

    Without ``may_write`` (a viewer) only the picker and Open are drawn, with a note that
    saving needs a log-in; the write functions check the user again when they run.

    ``on_save(name, saved_by, replace)`` returns the name saved under; ``on_open`` and
    ``on_delete`` run as button callbacks (before the rerun), so they may set widget state.
    """
    try:
        names = list_names()
    except StoreError as exc:
        st.error(error_text(exc, lang))
        return
    picked = f"{prefix}_saved"
    cols = st.columns([3, 1, 1], vertical_alignment="bottom")
    pick = cols[0].selectbox(
        t(f"{prefix}.saved", lang),
        names,
        index=None,
        key=picked,
        placeholder=tn(f"{prefix}.saved_hint", len(names), lang, n=len(names)),
    )

    failed = f"{prefix}_failed"

    def _delete(name: str) -> None:
        try:
            on_delete(name)
        except StoreError as exc:  # refused (e.g. the role changed since the page was drawn)
            st.session_state[failed] = error_text(exc, lang)
            return
        st.session_state[picked] = None

    if (problem := st.session_state.pop(failed, None)) is not None:
        st.error(escape_markdown(problem))
    actions = [(cols[1], "open", on_open)] + ([(cols[2], "delete", _delete)] if may_write else [])
    for col, action, callback in actions:
        col.button(
            t(f"{prefix}.{action}", lang),
            on_click=callback,
            args=(pick,),
            disabled=pick is None,
            key=f"{prefix}_{action}",
        )
    if not may_write:
        st.caption(t("auth.view_only", lang))
        return
    with st.form(f"{prefix}_save_form", clear_on_submit=False, border=False):
        name = st.text_input(t(f"{prefix}.save_name", lang), key=f"{prefix}_save_name")
        who = st.text_input(t(f"{prefix}.save_by", lang), key=f"{prefix}_save_by")
        replace = st.checkbox(t(f"{prefix}.save_replace", lang), key=f"{prefix}_save_replace")
        if st.form_submit_button(t(f"{prefix}.save", lang), disabled=not can_save):
            try:
                done = on_save(name, who, replace)
            except StoreError as exc:
                st.error(escape_markdown(error_text(exc, lang)))
            else:
                st.success(t(f"{prefix}.saved_ok", lang, name=escape_markdown(done)))
