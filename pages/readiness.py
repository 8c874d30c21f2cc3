"""Readiness overview: how ready each pilot OCOP point is as of a day — figures, bars, map, each
site's checklist with its evidence and history, in-place editing for assigned editors, and the
Excel/PDF downloads; the headline counts the plan's late tasks (pages/plan.py has the 15)."""

import streamlit as st

from ocop_geo.i18n import t
from ocop_geo.readiness import report
from ocop_geo.ui import auth, entry, loaders, plan_panel, sidebar, trace
from ocop_geo.ui import readiness_edit as edit
from ocop_geo.ui import readiness_panel as panel
from ocop_geo.ui import readiness_site as site_view

entry.ensure()
trace.run("page:readiness")
lang = sidebar.current_lang()
db = loaders.store(lang)
site_ids, criteria = panel.checklist(lang)
panel.seed(db, lang)
plan_panel.seed(db, lang)
user = auth.user(db, lang)  # resolved once per run, by the sidebar
names = panel.names(lang)

st.title(t("ready.title", lang))
st.caption(t("ready.intro", lang))
as_of = panel.as_of(lang)
view = report.status_as_of(db, criteria, site_ids, as_of)
plan_data = plan_panel.data(lang)
plan_tasks = plan_panel.progress(db, plan_data, as_of, lang)
panel.headline(view, lang, tasks_late=sum(s.late for s in plan_tasks))
st.info(t("ready.plan_tasks", lang))

bars_col, map_col = st.columns([2, 3], gap="medium")
with bars_col:
    st.subheader(t("ready.bars", lang))
    panel.bars(view, names, lang)
with map_col:
    st.subheader(t("ready.map", lang))
    panel.site_map(view, names, lang)


@st.fragment
def one_site() -> None:
    """The chosen site's checklist, editor and history: picking a site reruns only this."""
    trace.run("fragment:readiness-site")
    edit.rerun_page_after_save()
    site = panel.site_picker(view, names, lang)
    site_view.site_heading(site, names, lang)
    site_view.show_checklist(site, criteria.reason(site.site_id, lang), lang)
    edit.editor(db, criteria, site, user, lang)
    site_view.show_history(report.audit_log(db, [site.site_id]), criteria, lang)


one_site()

st.subheader(t("ready.downloads", lang))
panel.downloads(
    view, criteria, db, plan_panel.readiness_downloads(plan_tasks, plan_data, as_of, lang), lang
)
