"""Map explorer: every layer on one map, site search, click-for-details, ``?site=<id>`` links."""

import streamlit as st

from ocop_geo.i18n import t
from ocop_geo.layers import sites
from ocop_geo.maps import builders as maps
from ocop_geo.ui import entry, loaders, map_view, sidebar, site_panel, trace
from ocop_geo.ui.choices import placeholder
from ocop_geo.ui.lang import relabelled

entry.ensure()
trace.run("page:map")
lang = sidebar.current_lang()
cat = loaders.catalog(lang)
points = loaders.points()
ids = [str(i) for i in points.index]

PICK, QUERY, FOCUS, MAP = "site_pick", "site_query", "map_focus", "explorer_map"
FIGURE, WARDS = "figure", "map_wards"
#: Fits a 1366×768 screen below the title, so a click on the map never scrolls the page.
MAP_HEIGHT = 560

st.session_state.setdefault(FIGURE, maps.FIGURES[1])  # 4★ products: what a visitor asks first
if PICK not in st.session_state:  # first run of the session: honour ?site=<id>
    chosen, unknown = sites.resolve_deep_link(st.query_params.get("site"), ids)
    st.session_state[PICK] = chosen
    st.session_state[FOCUS] = chosen
    if unknown:
        st.error(t("site.unknown_id", lang, id=unknown, ids=", ".join(ids)))


def _select(site_id: str | None, *, focus: bool) -> None:
    st.session_state[PICK] = site_id
    if focus:
        st.session_state[FOCUS] = site_id
    if site_id:
        st.query_params["site"] = site_id
    else:
        st.query_params.pop("site", None)


def _on_pick() -> None:
    _select(st.session_state[PICK], focus=True)


def _on_map() -> None:
    clicked = sites.site_from_click(st.session_state.get(MAP), points)
    if clicked:
        st.session_state[QUERY] = ""
        _select(clicked, focus=False)


st.title(t("map.title", lang))


@st.fragment
def explorer() -> None:
    """The map and its side panel; a click or a pick reruns only this fragment."""
    trace.run("fragment:map")
    map_col, info_col = st.columns([3, 1], gap="small")  # map first: ≥ 60 % of the width
    with info_col:
        query = st.text_input(t("map.search", lang), key=QUERY)
        options = sites.search(points, query) if query else ids
        if query and not options:
            st.info(t("map.search_none", lang, q=query))
        if query and options and st.session_state.get(PICK) not in options:
            st.session_state[PICK] = options[0]
            _select(options[0], focus=True)
        current = st.session_state.get(PICK)
        if current and current not in options:
            options = [current, *options]
        st.selectbox(
            t("map.site_pick", lang),
            options=options,
            key=relabelled(PICK, lang),
            on_change=_on_pick,
            index=None,
            format_func=lambda i: sites.search_label(points, i, lang),
            placeholder=t("map.click_hint", lang),
        )
        figure = st.selectbox(
            t("map.choropleth", lang),
            options=maps.FIGURES,
            key=relabelled(FIGURE, lang),
            format_func=lambda f: t(f"figure.{f}" if f else "figure.none", lang),
            placeholder=placeholder(maps.FIGURES, lang),
        )
        # Off by default: the wards are half of the map's bytes (docs/performance.md).
        wards = st.toggle(t("layer.wards", lang), key=WARDS)
    with map_col:
        focus = st.session_state.get(FOCUS)
        view = {}  # no selection: the map opens on all of Hanoi (explorer_map fits it)
        if focus in ids:
            geom = points.loc[focus].geometry
            view = {"center": (geom.y, geom.x), "zoom": maps.SITE_ZOOM}
        map_view.show_frozen(
            loaders.explorer_map(lang, figure, wards),
            lang,
            key=MAP,
            height=MAP_HEIGHT,
            returned_objects=["last_object_clicked"],
            on_change=_on_map,
            **view,
        )
    with info_col:
        selected = st.session_state.get(PICK)
        if selected in ids:
            card = sites.site_card(
                points, selected, lang, computed_ward=loaders.computed_wards().get(selected)
            )
            site_panel.render(card, lang)
        else:
            st.caption(t("map.click_hint", lang))


explorer()
