"""About: sources, licences, confidence labels and what is not known."""

import pandas as pd
import streamlit as st

from ocop_geo.i18n import ATTRIBUTIONS, t
from ocop_geo.ui import entry, loaders, sidebar, trace

entry.ensure()
trace.run("page:about")
lang = sidebar.current_lang()
cat = loaders.catalog(lang)

st.title(t("about.title", lang))
st.subheader(t("about.layers", lang))
layers = [
    (t("layer.districts", lang), len(cat.districts), ATTRIBUTIONS["districts"]),
    (t("layer.wards", lang), len(cat.wards), ATTRIBUTIONS["wards"]),
    (
        t("layer.sites", lang) + " + " + t("layer.candidate", lang),
        len(cat.sites),
        t("about.sites_source", lang),
    ),
    (t("layer.venue", lang), len(cat.venues), t("about.venue_source", lang)),
    (t("layer.pois", lang), len(cat.pois), t("about.pois_source", lang)),
    (t("layer.routes", lang), len(cat.routes), t("about.routes_source", lang)),
]
table = pd.DataFrame(
    layers,
    columns=[
        t("about.col_layer", lang),
        t("about.col_features", lang),
        t("about.col_source", lang),
    ],
)
st.table(table.set_index(t("about.col_layer", lang)))
st.markdown(t("about.validate", lang))

st.subheader(t("about.confidence", lang))
st.markdown(
    "\n".join(f"- **{code}** — {t(f'confidence.{code}', lang)}" for code in ("V", "P", "E", "NF"))
)

st.subheader(t("about.unknown", lang))
st.markdown(t("about.unknown_list", lang))

st.subheader(t("sidebar.attribution", lang))
for line in ATTRIBUTIONS.values():  # our own licence text (not data): Markdown as is
    st.markdown(f"> {line}")
