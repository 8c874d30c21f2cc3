"""Editing a checklist item in place, for users who may edit the site (``can_edit``).

One form per item (the item picked above it): status, note, evidence URL and date. A save sends
only the fields that differ from what the form was opened on, with the version it showed. If
someone saved the item in between, :class:`~ocop_geo.readiness.records.ConflictError` is shown
with their change; the user's input stays in the form, now based on their version, so pressing
Save again applies it on top. A refused value (:class:`ReadinessError`) shows the message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ocop_geo.auth.permissions import User, can_edit
from ocop_geo.database.store import Store, StoreError
from ocop_geo.i18n import error_text, moment, t
from ocop_geo.readiness.criteria import Criteria
from ocop_geo.readiness.records import ItemState
from ocop_geo.readiness.status import FIRST_DAY, LAST_DAY, SiteReadiness
from ocop_geo.readiness.store import (
    MAX_NOTE,
    STATUSES,
    Change,
    ConflictError,
    ReadinessError,
    update_item,
)
from ocop_geo.text import escape_markdown
from ocop_geo.ui.choices import placeholder
from ocop_geo.ui.lang import relabelled

NOTICE = "ready_notice"
FIELDS = ("status", "note", "evidence_url", "evidence_date")


def key(site_id: str, item_id: str, field: str) -> str:
    """The session-state key of one form field (``base``: the version the form is based on)."""
    return f"ready_{field}_{site_id}_{item_id}"


def author(user: User) -> str:
    """How a write is signed: the display name and, when it differs, the username."""
    return user.signature


#: A form's session-state key of one field (``base``: the version it is based on; ``orig``: the
#: values it was opened with). The readiness and plan-task forms share the mechanism below.
FieldKey = Callable[[str], str]


def _values(state: ItemState) -> dict[str, Any]:
    return {f: getattr(state, f) for f in FIELDS} | {"note": state.note or ""}


def open_form(k: FieldKey, state: ItemState) -> None:
    """Fill the form from ``state`` (when it is not open already)."""
    if k("base") in st.session_state:
        return
    for field, value in _values(state).items():
        st.session_state[k(field)] = value
    rebase(k, state)


def rebase(k: FieldKey, state: ItemState) -> None:
    """Base the form on ``state`` (after a conflict: the user's input stays, Save applies it on
    top of the other person's version)."""
    st.session_state[k("base")] = state.version
    st.session_state[k("orig")] = _values(state)


def close_form(k: FieldKey) -> None:
    """Forget a saved form's fields; the page around the form is then out of date (see
    :func:`rerun_page_after_save`)."""
    for field in (*FIELDS, "base", "orig"):
        st.session_state.pop(k(field), None)
    st.session_state[PAGE_STALE] = True


#: Set by a save: what the page shows outside the fragment that holds the form (figures, bars,
#: map, Gantt chart) predates it.
PAGE_STALE = "page_stale"


def rerun_page_after_save() -> None:
    """Call first in a fragment whose forms save: picking a site or a task reruns only the
    fragment, but after a save the whole page runs again so everything shows the change."""
    if st.session_state.pop(PAGE_STALE, False):
        st.rerun(scope="app")


def form_change(k: FieldKey) -> Change | None:
    """The fields the user changed (None when nothing); cleared URL/date become ``""``."""
    orig = st.session_state[k("orig")]
    new = {f: st.session_state.get(k(f)) for f in FIELDS}
    new["evidence_url"] = (new["evidence_url"] or "").strip() or None
    diff = {f: v for f, v in new.items() if v != orig[f]}
    if not diff:
        return None
    diff |= {f: "" for f in ("evidence_url", "evidence_date") if f in diff and diff[f] is None}
    return Change(**diff)


def _form(site_id: str, item_id: str) -> FieldKey:
    return lambda field: key(site_id, item_id, field)


def _save(db: Store, criteria: Criteria, site_id: str, item_id: str, user: User, lang: str) -> None:
    """Form callback (runs before the script): save as ``user`` (checked again by the write,
    so a demotion since the form was drawn stops it), and keep the outcome for the page."""
    title = criteria.item(item_id).title(lang)
    form = _form(site_id, item_id)
    change = form_change(form)
    if change is None:
        st.session_state[NOTICE] = ("info", t("ready.nothing", lang))
        return
    base = st.session_state[form("base")]
    try:
        saved = update_item(
            db,
            site_id,
            item_id,
            change,
            expected_version=base,
            by=author(user),
            actor=user,
            known_items=criteria.known_items(),
        )
    except ConflictError as exc:
        theirs = exc.current
        rebase(form, theirs)
        when = moment(theirs.updated_at, lang) if theirs.updated_at else "—"
        text = t(
            "ready.conflict",
            lang,
            who=theirs.updated_by or "—",
            item=title,
            when=when,
            status=t(f"ready.status.{theirs.status}", lang),
            note=theirs.note or "—",
        )
        st.session_state[NOTICE] = ("error", text)
    except (ReadinessError, StoreError) as exc:
        st.session_state[NOTICE] = (
            "error",
            t("ready.invalid", lang, message=error_text(exc, lang)),
        )
    else:
        close_form(form)
        text = t("ready.saved", lang, item=title, version=saved.version)
        st.session_state[NOTICE] = ("success", text)


def notice(slot: str = NOTICE) -> None:
    """The outcome of the last save, shown once (escaped: it quotes user text)."""
    shown = st.session_state.pop(slot, None)
    if shown is not None:
        kind, text = shown
        getattr(st, kind)(escape_markdown(text))


def editor(db: Store, criteria: Criteria, site: SiteReadiness, user: User, lang: str) -> None:
    """The item picker and its form when ``user`` may edit ``site``; else a view-only note."""
    if not site.checklist:
        return
    if not can_edit(user, site.site_id):
        notice()  # a save refused because the role changed while the form was open
        st.caption(t("ready.view_only", lang))
        return
    by_id = {s.item.id: s for s in site.items}
    item_id = st.selectbox(
        t("ready.col.item", lang),
        list(by_id),
        key=relabelled(f"ready_pick_{site.site_id}", lang),
        format_func=lambda i: by_id[i].item.title(lang),
        placeholder=placeholder(by_id, lang),
    )
    shown = by_id[item_id]
    open_form(_form(site.site_id, item_id), shown.state)
    notice()

    def k(field: str) -> str:
        return key(site.site_id, item_id, field)

    with st.form(f"ready_form_{site.site_id}_{item_id}"):
        st.markdown(f"**{escape_markdown(t('ready.edit', lang, item=shown.item.title(lang)))}**")
        st.selectbox(
            t("ready.field.status", lang),
            STATUSES,
            key=relabelled(k("status"), lang),
            format_func=lambda s: t(f"ready.status.{s}", lang),
            placeholder=placeholder(STATUSES, lang),
        )
        st.text_area(t("ready.field.note", lang), key=k("note"), max_chars=MAX_NOTE)
        st.text_input(t("ready.field.url", lang), key=k("evidence_url"))
        st.date_input(
            t("ready.field.date", lang),
            key=k("evidence_date"),
            format="DD/MM/YYYY",
            min_value=FIRST_DAY,
            max_value=LAST_DAY,
        )
        st.caption(f"v{st.session_state[k('base')]}")
        st.form_submit_button(
            t("ready.save", lang),
            on_click=_save,
            args=(db, criteria, site.site_id, item_id, user, lang),
        )
