"""OCOP Geo — entry point: page config, the shared sidebar and the navigation."""

from pathlib import Path

import streamlit as st

from ocop_geo.i18n import t
from ocop_geo.ui import auth, sidebar

HERE = Path(__file__).parent

#: (file stem = URL path, title key, icon); the home page is served at / (see ocop_geo/ui/entry.py).
PAGES = [
    ("map", "nav.map", ":material/map:"),
    ("readiness", "nav.readiness", ":material/checklist:"),
    ("plan", "nav.plan", ":material/view_timeline:"),
    ("agencies", "nav.agencies", ":material/account_tree:"),
    ("routes", "nav.routes", ":material/route:"),
    ("events", "nav.events", ":material/event:"),
    ("candidates", "nav.candidates", ":material/apartment:"),
    ("registry", "nav.registry", ":material/inventory_2:"),
    ("about", "nav.about", ":material/info:"),
]

st.set_page_config(page_title=t("app.title", sidebar.current_lang()), page_icon="🗺️", layout="wide")
lang = sidebar.render()
home = st.Page(HERE / "pages/home.py", title=t("nav.home", lang), icon=":material/home:",
               default=True)  # fmt: skip
others = [
    st.Page(HERE / f"pages/{stem}.py", title=t(key, lang), icon=icon, url_path=stem)
    for stem, key, icon in PAGES
]
try:
    st.navigation([home, *others]).run()
finally:
    auth.end_run()  # the user the sidebar resolved was for this run only
