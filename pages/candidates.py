"""Đông Anh centre: place candidate sites for the national OCOP centre (KH 100, block III) and
compare them against sourced anchors; the Đề án's steps (plan tasks 10–15) as a checklist above its
documented status after 2020."""

import streamlit as st

from ocop_geo.candidates.area import check_area
from ocop_geo.candidates.candidate_map import candidate_from_click, candidates_map
from ocop_geo.i18n import t
from ocop_geo.readiness.status import today
from ocop_geo.ui import auth, entry, loaders, map_view, plan_panel, sidebar, trace
from ocop_geo.ui import candidates_panel as panel
from ocop_geo.ui import candidates_results as results

entry.ensure()
trace.run("page:candidates")
lang = sidebar.current_lang()
catalog = loaders.catalog(lang)
anchors = panel.anchors(lang)
criteria = panel.criteria(catalog, anchors)
router = loaders.router(lang)
db = loaders.store(lang)
panel.init_state()
MAP = "cand_map"

st.title(t("cand.title", lang))
st.caption(t("cand.intro", lang))


def _on_map() -> None:
    panel.add(candidate_from_click(st.session_state.get(MAP), panel.names(), lang))


@st.fragment
def analysis() -> None:
    """Inputs, map and ranking; a map click or a widget change reruns only this fragment."""
    trace.run("fragment:candidates")
    form_col, map_col = st.columns([2, 3], gap="medium")
    with form_col:
        panel.add_form(lang)
        panel.manage(lang)
        anywhere = panel.anywhere(lang)
        raw_weights = panel.weights(lang)
    cands = panel.candidates()
    check = check_area(cands, catalog, anywhere=anywhere)
    with map_col:
        pick = panel.ring_picker(check, lang)  # only a candidate that counts gets rings
        map_view.show(
            candidates_map(
                catalog,
                anchors,
                cands,
                loaders.settings(),
                lang,
                selected=pick.selected,
                rings=pick.rings,
                base=loaders.district_base(),
            ),
            lang,
            key=MAP,
            height=560,
            returned_objects=["last_clicked"],
            on_change=_on_map,
        )
        st.caption(t("cand.map_hint", lang))
    results.outside(check, lang)
    if not check.placed or raw_weights is None:
        st.info(t("cand.need_one", lang))
    else:
        ranked = results.ranking(check, criteria, raw_weights, router)
        results.show(ranked, criteria, lang)
        results.downloads(ranked, lang)
    with st.expander(t("cand.saved_title", lang)):
        panel.saved(db, raw_weights, auth.user(db, lang), lang)


analysis()
results.project_section(
    loaders.settings().data_dir,
    lang,
    lambda: plan_panel.site_checklist(db, "dong-anh", today(), lang),
)
