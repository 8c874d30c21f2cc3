"""Plan timeline: the 15 tasks of KH 100/KH-UBND's appendix as of a day — a Gantt chart of
planned against actual (late ones marked, by section), one task's result, lead, cooperating
units, evidence point by point, history and update form, and the downloads."""

import streamlit as st

from ocop_geo.i18n import t
from ocop_geo.ui import auth, entry, loaders, readiness_panel, sidebar, trace
from ocop_geo.ui import plan_panel as panel
from ocop_geo.ui.readiness_edit import rerun_page_after_save

entry.ensure()
trace.run("page:plan")
lang = sidebar.current_lang()
db = loaders.store(lang)
data = panel.data(lang)
panel.seed(db, lang)
user = auth.user(db, lang)
names = readiness_panel.names(lang) | {"trinh-cong-son": t("plan.venue", lang)}

st.title(t("plan.title", lang))
st.caption(t("plan.intro", lang))
as_of = readiness_panel.as_of(lang)
tasks = panel.progress(db, data, as_of, lang)
panel.headline(tasks, lang)
st.subheader(t("plan.gantt", lang))
panel.chart(tasks, data, as_of, lang)


@st.fragment
def one_task() -> None:
    """The chosen task's result, update form and history: picking a task reruns only this."""
    trace.run("fragment:plan-task")
    rerun_page_after_save()
    status = panel.task_picker(tasks, lang)
    panel.task_detail(status, data, names, lang)
    panel.editor(db, status, data, user, names, lang)
    panel.history(db, status.task, names, lang)


one_task()

st.subheader(t("ready.downloads", lang))
st.dataframe(panel.task_table(tasks, data, lang), hide_index=True, width="stretch")
panel.downloads(tasks, data, as_of, lang)
