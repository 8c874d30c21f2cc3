"""Route designer: link pilot OCOP points with craft villages and heritage stops into day tours."""

import streamlit as st

from ocop_geo.i18n import t
from ocop_geo.routing.route_map import designer_map, stop_from_click
from ocop_geo.ui import auth, entry, loaders, map_view, route_panel, sidebar, trace

entry.ensure()
trace.run("page:routes")
lang = sidebar.current_lang()
stops = loaders.stops(lang)
router = loaders.router(lang)
db = loaders.store(lang)
route_panel.init_state(stops, lang)
MAP = "route_map"

st.title(t("route.title", lang))
st.caption(t("route.intro", lang))


def _on_map() -> None:
    chosen = tuple(st.session_state[route_panel.STOPS])
    route_panel.add_stop(stop_from_click(st.session_state.get(MAP), stops, chosen))


@st.fragment
def designer_view() -> None:
    """Form, map and results; a map click or a form change reruns only this fragment."""
    trace.run("fragment:routes")
    form_col, map_col = st.columns([2, 3], gap="medium")
    with form_col:
        route_panel.published(loaders.published_routes(), stops, lang)
        route_panel.stop_picker(stops, lang)
        route_panel.options(lang)
    request = route_panel.current_request()
    route_panel.sync_link(request)
    route = route_panel.plan(request, router, lang)  # or says, under the map, why there is none
    with map_col:
        map_view.show(
            designer_map(stops, route, loaders.settings(), lang, base=loaders.district_base()),
            lang,
            key=MAP,
            height=560,
            returned_objects=["last_object_clicked"],
            on_change=_on_map,
        )
        st.caption(t("route.map_hint", lang))
    if route is not None:
        route_panel.results(route, lang)
        route_panel.downloads(route, lang)
        route_panel.share(request, lang)
    with st.expander(t("route.saved_title", lang)):
        route_panel.saved(db, stops, request, auth.user(db, lang), lang)


designer_view()
