"""OCOP events: the 2020 regional events planned against actual, their figures and sources,
the venue on the map and the booth layout planner."""

import streamlit as st

from ocop_geo.i18n import t
from ocop_geo.ui import booth_panel, entry, events_panel, loaders, sidebar, trace

entry.ensure()
trace.run("page:events")
lang = sidebar.current_lang()
cat = loaders.catalog(lang)
events = events_panel.events(cat, lang)

st.title(t("events.title", lang))
st.caption(t("events.intro", lang))

st.subheader(t("events.timeline", lang))
events_panel.timeline(events, lang)

st.subheader(t("events.figures", lang))
events_panel.figures(events, lang)
st.subheader(t("events.details", lang))
events_panel.details(events, lang)

st.subheader(t("events.venue_title", lang))
events_panel.venue_notes(cat.venues, events, lang)
booth_panel.planner(cat.venues, lang)
