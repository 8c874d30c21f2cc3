"""OCOP product registry: import a product list, place it, map and aggregate it."""

import streamlit as st

from ocop_geo.auth.permissions import can_write
from ocop_geo.database.store import StoreError
from ocop_geo.i18n import error_text, moment, number, t, tn
from ocop_geo.registry import workflow
from ocop_geo.registry.imports import ImportSummary, list_imports, remove_import
from ocop_geo.registry.layers import MAX_NAMED, registry_map
from ocop_geo.text import escape_markdown
from ocop_geo.ui import auth, entry, loaders, map_view, registry_panel, sidebar, trace
from ocop_geo.ui.choices import placeholder
from ocop_geo.ui.lang import relabelled
from ocop_geo.ui.tables import figures_as_text

entry.ensure()
trace.run("page:registry")
lang = sidebar.current_lang()
cat = loaders.catalog(lang)
store = loaders.store(lang)
user = auth.user(store, lang)  # resolved once per run, by the sidebar
site_names = loaders.site_names(lang)  # the nearest point by name, not id

st.title(t("registry.title", lang))
st.caption(t("registry.intro", lang))
imports = list_imports(store)
with st.expander(t("registry.upload", lang), expanded=not imports):
    if registry_panel.upload(cat, store, user, lang):
        imports = list_imports(store)  # the new import is listed at once
if not imports:
    st.info(t("registry.none", lang))
    st.stop()


def _label(item: ImportSummary) -> str:
    when = moment(item.imported_at, lang)
    rows = number(item.row_count, lang)
    return tn("registry.import_label", item.row_count, lang, name=item.name, rows=rows,
              by=item.imported_by, at=when)  # fmt: skip


st.subheader(t("registry.imports", lang))
item = st.selectbox(t("registry.imports", lang), imports, format_func=_label,
                    label_visibility="collapsed", key=relabelled("registry_import", lang),
                    placeholder=placeholder(imports, lang))  # fmt: skip


@st.fragment
def view(item: ImportSummary) -> None:
    """Filters, map, tables and downloads of one import (a filter reruns only this part)."""
    trace.run("fragment:registry")
    placed = loaders.products(item.id, item.imported_at.isoformat())
    c1, c2, c3, c4 = st.columns([1, 2, 1, 2])
    stars = c1.multiselect(
        t("registry.stars", lang),
        [3, 4, 5],
        default=[3, 4, 5],
        placeholder=placeholder([3, 4, 5], lang, many=True),
    )
    all_groups = workflow.group_names(placed)
    groups = c2.multiselect(
        t("registry.groups", lang),
        all_groups,
        default=all_groups,
        placeholder=placeholder(all_groups, lang, many=True),
    )
    level = c3.radio(t("registry.level", lang), ["district", "ward"],
                     key=relabelled("registry_level", lang),
                     format_func=lambda v: t(f"registry.level.{v}", lang))  # fmt: skip
    style = c4.radio(t("registry.style", lang), ["count", "distance"],
                     key=relabelled("registry_style", lang),
                     format_func=lambda v: t(f"registry.style.{v}", lang))  # fmt: skip
    summary = workflow.summarize(placed, cat, level=level, stars=stars, groups=groups)
    if len(summary.products) > MAX_NAMED:
        st.caption(t("registry.names_hidden", lang, n=number(MAX_NAMED, lang)))
    m = registry_map(cat, loaders.settings(), lang, summary.products, level=level, style=style,
                     counts=summary.counts, distances=summary.distances,
                     topology=loaders.unit_topology(level))  # fmt: skip
    map_view.show(m, lang, key="registry_map", height=560, returned_objects=[])
    registry_panel.rows_table(summary.products, lang)
    left, right = st.columns(2)
    total = t("registry.col_total", lang)
    counts = summary.counts.rename(columns=lambda c: f"{c}★" if c != "total" else total)
    left.markdown(f"**{t('registry.counts', lang)}**")
    left.dataframe(counts.rename_axis(t("registry.col_unit", lang)), width="stretch")
    left.markdown(f"**{t('registry.by_group', lang)}**")
    groups = summary.groups.rename(columns={"total": total})
    left.dataframe(groups.rename_axis(t("registry.col_unit", lang)), width="stretch")
    far = workflow.far_from_showrooms(summary, site_names)
    far["distance_km"] = [
        number(km, lang, decimals=1) if km == km else "" for km in far["distance_km"]
    ]
    far = far.rename(
        columns={
            "distance_km": t("registry.col_distance", lang),
            "nearest": t("registry.col_nearest", lang),
            "total": t("registry.col_total", lang),
        }
    )
    right.markdown(f"**{t('registry.distance', lang)}**")
    right.dataframe(
        figures_as_text(far, lang).rename_axis(t("registry.col_unit", lang)), width="stretch"
    )
    registry_panel.downloads(placed, summary.counts, summary.groups, item.name, lang)
    if not can_write(user, "registry"):
        return
    if st.checkbox(t("registry.remove_confirm", lang), key="registry_remove_ok") and st.button(
        t("registry.remove", lang), key="registry_remove"
    ):
        try:
            remove_import(store, item.id, actor=user)
        except StoreError as exc:  # refused now, or the database failed
            st.error(escape_markdown(error_text(exc, lang)))
            return
        st.success(t("registry.removed", lang, name=item.name))
        st.rerun()


view(item)
