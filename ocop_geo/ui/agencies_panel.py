"""Widgets of the agencies page: the parties × tasks matrix and one agency's view — the tasks it
leads (late ones first), those it cooperates on, and its duties under section IV verbatim."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ocop_geo.i18n import date as show_date
from ocop_geo.i18n import t
from ocop_geo.plan import matrix, rows
from ocop_geo.plan.progress import TaskStatus
from ocop_geo.plan.records import Agency, Plan
from ocop_geo.text import escape_markdown
from ocop_geo.ui.choices import placeholder
from ocop_geo.ui.lang import relabelled

AGENCY = "plan_agency"


def show_matrix(plan: Plan, lang: str) -> None:
    """Every agency × every task: lead, cooperates, or cooperates by a duty of section IV."""
    st.subheader(t("plan.matrix", lang))
    st.dataframe(matrix.matrix(plan, lang), hide_index=True, width="stretch")


def agency_picker(plan: Plan, lang: str) -> Agency:
    """The agency shown (``?agency=`` preselects one; Sở NN&PTNT by default)."""
    ids = [a.id for a in plan.agencies]
    wanted = st.query_params.get("agency")
    if AGENCY not in st.session_state or st.session_state[AGENCY] not in ids:
        st.session_state[AGENCY] = wanted if wanted in ids else ids[0]
    chosen = st.selectbox(
        t("plan.pick_agency", lang),
        ids,
        key=relabelled(AGENCY, lang),
        format_func=lambda a: plan.agency(a).name(lang),
        placeholder=placeholder(ids, lang),
    )
    return plan.agency(chosen)


def _lines(tasks: tuple[TaskStatus, ...], lang: str) -> str:
    return "\n".join(
        f"- {escape_markdown(f'{s.task.number}. {s.task.title(lang)}')} — "
        f"{escape_markdown(rows.status_text(s, lang))}"
        for s in tasks
    )


def show_agency(agency: Agency, tasks: tuple[TaskStatus, ...], as_of: date, lang: str) -> None:
    """What ``agency`` leads, what of it is late as of the day, what it cooperates on, and its
    duties under section IV (the plan's words)."""
    view = matrix.agency_view(agency, tasks)
    st.subheader(escape_markdown(agency.name(lang)))
    if agency.listed_in_iv:
        st.caption(t("plan.party", lang, n=agency.section_iv))
    else:
        st.caption(escape_markdown(t("plan.not_party", lang, where=agency.named_in)))
    late_col, lead_col, coop_col = st.columns(3)
    with late_col:
        st.markdown(f"**{t('plan.late_list', lang, date=show_date(as_of.isoformat(), lang))}**")
        st.markdown(_lines(view.late, lang) or t("plan.none_late", lang))
    with lead_col:
        st.markdown(f"**{t('plan.leads', lang)}**")
        st.markdown(_lines(view.leads, lang) or t("plan.none", lang))
    with coop_col:
        st.markdown(f"**{t('plan.cooperates', lang)}**")
        st.markdown(_lines(view.cooperates, lang) or t("plan.none", lang))
    if agency.duties_vi:
        st.markdown(f"**{t('plan.duties', lang)}**")
        st.markdown("\n\n".join(escape_markdown(line) for line in agency.duties_vi.split("\n")))
