"""OCOP Geo — entry point: page config, the shared sidebar and the navigation."""

from pathlib import Path

import streamlit as st

from ocop_geo.i18n import t
from ocop_geo.ui import sidebar

HERE = Path(__file__).parent

st.set_page_config(page_title=t("app.title", sidebar.current_lang()), page_icon="🗺️", layout="wide")
lang = sidebar.render()
page = st.navigation(
    [
        st.Page(
            HERE / "pages/home.py",
            title=t("nav.home", lang),
            icon=":material/home:",
            default=True,  # served at /; a url_path here would be ignored
        ),
        st.Page(
            HERE / "pages/map.py",
            title=t("nav.map", lang),
            icon=":material/map:",
            url_path="map",  # = the file's stem (see ocop_geo/ui/entry.py)
        ),
        st.Page(
            HERE / "pages/routes.py",
            title=t("nav.routes", lang),
            icon=":material/route:",
            url_path="routes",
        ),
        st.Page(
            HERE / "pages/registry.py",
            title=t("nav.registry", lang),
            icon=":material/inventory_2:",
            url_path="registry",
        ),
        st.Page(
            HERE / "pages/about.py",
            title=t("nav.about", lang),
            icon=":material/info:",
            url_path="about",
        ),
    ]
)
page.run()
