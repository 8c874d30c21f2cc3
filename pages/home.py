"""Home: the plan in a few lines, headline figures and an overview map."""

import streamlit as st

from ocop_geo.i18n import date, number, t
from ocop_geo.maps import builders as maps
from ocop_geo.text import escape_markdown
from ocop_geo.ui import entry, loaders, map_view, sidebar, trace

entry.ensure()
trace.run("page:home")
lang = sidebar.current_lang()
cat = loaders.catalog(lang)

st.title(t("home.title", lang))
st.markdown(t("home.intro", lang))
st.markdown("\n".join(f"{i}. {t(f'home.block{i}', lang)}" for i in (1, 2, 3)))

st.subheader(t("home.figures", lang))
columns = st.columns(len(cat.figures))
for column, figure in zip(columns, cat.figures, strict=True):
    label = escape_markdown(figure.label_vi if lang == "vi" else figure.label_en)
    column.metric(label, number(figure.value, lang), label_visibility="collapsed")
    # small text, not st.caption: a caption fades its links to 3:1 (WCAG AA asks 4.5:1)
    column.markdown(
        f":small[{label} · [{t('site.source', lang)}]({figure.source}) "
        f"({date(figure.as_of, lang)})]"
    )

st.subheader(t("home.map", lang))
overview = maps.overview_map(cat, loaders.settings(), lang, loaders.district_topology(None, lang))
map_view.show(overview, lang, key="overview", height=460, returned_objects=[])
st.page_link("pages/map.py", label=t("home.open_map", lang), icon=":material/map:")
