"""Agencies: the parties of KH 100/KH-UBND × its 15 tasks (lead / cooperate), and per agency what
it leads, what is late as of a day and its duties under section IV — the view a department head
opens (``/agencies?agency=so-cong-thuong``)."""

import streamlit as st

from ocop_geo.i18n import t
from ocop_geo.ui import agencies_panel, entry, loaders, readiness_panel, sidebar, trace
from ocop_geo.ui import plan_panel as panel

entry.ensure()
trace.run("page:agencies")
lang = sidebar.current_lang()
db = loaders.store(lang)
data = panel.data(lang)
panel.seed(db, lang)

st.title(t("plan.agencies_title", lang))
st.caption(t("plan.agencies_intro", lang))
as_of = readiness_panel.as_of(lang)
tasks = panel.progress(db, data, as_of, lang)
agency = agencies_panel.agency_picker(data.plan, lang)
agencies_panel.show_agency(agency, tasks, as_of, lang)
agencies_panel.show_matrix(data.plan, lang)
