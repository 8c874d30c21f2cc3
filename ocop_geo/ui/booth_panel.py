"""The booth layout planner of the events page: streets (drawn or uploaded), rules, zones, the
layout on the map, the fit message and the downloads.

Streets come from an uploaded GeoJSON file and from the lines drawn on the map (st_folium's
``all_drawings``, kept in ``st.session_state[MAP]``). Every bad input — a zero size, a bad file,
zones that do not add up — is a :class:`~ocop_geo.events.booths.BoothError` shown with
``st.error``; nothing is laid out half.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import geopandas as gpd
import pandas as pd
import streamlit as st

from ocop_geo.events import event_map
from ocop_geo.events.booths import (
    DEFAULT_COUNT,
    DEFAULT_RULES,
    BoothError,
    BoothRules,
    Layout,
    Street,
    Zone,
    layout_csv,
    layout_geojson,
    plan_booths,
    streets_from_geojson,
)
from ocop_geo.i18n import error_text, number, t
from ocop_geo.ui import loaders, map_view, trace
from ocop_geo.ui.downloads import Download, download_row

MAP, FILE, COUNT, ZONES, SIDES = (
    "events_map",
    "events_streets",
    "events_count",
    "events_zones",
    "events_both_sides",
)
#: The booth count the table's single "All" zone starts with (the count until the table is edited).
ZONE_BASE = "events_zone_base"
#: Rule inputs: (BoothRules field, label key); the defaults come from :data:`DEFAULT_RULES`.
RULES = (
    ("width_m", "events.width"),
    ("depth_m", "events.depth"),
    ("gap_m", "events.gap"),
    ("aisle_m", "events.aisle"),
    ("end_clearance_m", "events.end_clearance"),
)


def zones_from_table(table: pd.DataFrame) -> list[Zone]:
    """Zones from the editor's rows (``zone``, ``count``); fully empty rows are skipped.

    Raises BoothError for a row with no name or a count that is not a whole number ≥ 0.
    """
    zones = []
    for _, row in table.iterrows():
        name, count = row.get("zone"), row.get("count")
        name = "" if name is None or pd.isna(name) else str(name).strip()
        missing = count is None or pd.isna(count)
        if not name and missing:
            continue
        if isinstance(count, float) and count.is_integer():
            count = int(count)
        zones.append(Zone(name, None if missing else count))  # type: ignore[arg-type]
    return zones


def _untouched(edits: Any) -> bool:
    """True when the zone editor's state (``edited_rows``/``added_rows``/``deleted_rows``)
    holds no edit."""
    return not edits or not any(edits.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def zones_problem(zones: list[Zone], count: int, lang: str) -> str | None:
    """The translated message when the zones do not add up to ``count`` (None when they do, or
    when there are no zones)."""
    total = sum(z.count for z in zones)
    if not zones or total == count:
        return None
    return t("events.zones_mismatch", lang, total=number(total, lang), count=number(count, lang))


def _streets(file: Any, lang: str) -> tuple[list[Street], list[Street]]:
    """(uploaded, drawn) streets; drawn ones get the ids ``drawn-N``."""
    uploaded = streets_from_geojson(file.getvalue(), file.name) if file is not None else []
    drawn = event_map.drawn_lines(st.session_state.get(MAP))
    found = streets_from_geojson(drawn, t("events.drawn_source", lang)) if drawn else []
    named = [
        Street(f"drawn-{n}", t("events.drawn_name", lang, n=n), s.line)
        for n, s in enumerate(found, start=1)
    ]
    return uploaded, named


def _inputs(lang: str) -> tuple[dict[str, Any], int, pd.DataFrame, Any]:
    file = st.file_uploader(t("events.upload", lang), type=["geojson", "json"], key=FILE)
    cols = st.columns(3)
    values: dict[str, Any] = {
        name: cols[i % 3].number_input(
            t(label, lang),
            min_value=0.0,
            value=float(getattr(DEFAULT_RULES, name)),
            step=0.5,
            key=f"events_{name}",
        )
        for i, (name, label) in enumerate(RULES)
    }
    values["both_sides"] = cols[2].toggle(
        t("events.both_sides", lang), value=DEFAULT_RULES.both_sides, key=SIDES
    )
    count = st.number_input(
        t("events.count", lang), min_value=1, value=DEFAULT_COUNT, step=1, key=COUNT
    )
    # the one "All" zone follows the booth count while nobody has edited the table (edits are
    # kept: the editor's rows would start anew if its data changed under them)
    if _untouched(st.session_state.get(ZONES)):
        st.session_state[ZONE_BASE] = int(count)
    base = st.session_state.setdefault(ZONE_BASE, DEFAULT_COUNT)
    default = pd.DataFrame({"zone": [t("events.zone_all", lang)], "count": [base]})
    table = st.data_editor(
        default,
        key=ZONES,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "zone": st.column_config.TextColumn(t("events.zone_name", lang)),
            "count": st.column_config.NumberColumn(
                t("events.zone_count", lang), min_value=0, step=1, format="%d"
            ),
        },
    )
    st.caption(t("events.zones_help", lang))
    return values, int(count), table, file


@st.fragment
def planner(venues: gpd.GeoDataFrame, lang: str) -> None:
    """Inputs, the map with the layout and the results; an edit or a drawing reruns only this."""
    trace.run("fragment:events")
    st.caption(t("events.planner_help", lang))
    form_col, map_col = st.columns([2, 3], gap="medium")
    layout, uploaded, streets, problem, mismatch = None, [], [], None, None
    with form_col:
        values, count, table, file = _inputs(lang)
    try:
        rules = BoothRules(**values)
        zones = zones_from_table(table)
        mismatch = zones_problem(zones, count, lang)
        uploaded, drawn = _streets(file, lang)
        streets = uploaded + drawn
        if streets and not mismatch:
            layout = plan_booths(streets, rules=rules, count=count, zones=zones or None)
    except BoothError as exc:
        problem = error_text(exc, lang)
    with map_col:
        layers = [event_map.streets_layer(streets, lang)]
        if layout is not None:
            layers.append(event_map.booths_layer(layout, streets, lang))
        map_view.show(
            event_map.venue_map(venues, loaders.settings(), lang),
            lang,
            key=MAP,
            height=520,
            returned_objects=["all_drawings"],
            feature_group_to_add=layers,
            center=event_map.centre_of(uploaded),  # drawn lines are in view already
        )
        st.caption(t("events.map_hint", lang))
    if problem:
        st.error(t("events.bad_input", lang, problem=problem))
    elif mismatch:
        st.error(mismatch)
    elif layout is None:
        st.info(t("events.no_streets", lang))
    else:
        results(layout, lang)


def results(layout: Layout, lang: str) -> None:
    """Metrics, the fit message, the zone legend, the per-street table and the downloads."""
    m = st.columns(3)
    m[0].metric(t("events.placed", lang), f"{layout.placed} / {layout.requested}")
    m[1].metric(t("events.capacity", lang), number(layout.capacity, lang))
    missing = number(layout.missing_m, lang, decimals=1)
    m[2].metric(t("events.missing", lang), missing)
    if layout.fits:
        st.success(t("events.fits", lang, placed=layout.placed, capacity=layout.capacity))
    else:
        st.warning(
            t("events.no_fit", lang, m=missing, placed=layout.placed, requested=layout.requested)
        )
    legend = event_map.legend_html(event_map.zone_colours(layout.booths["zone"]), lang)
    if legend:
        st.html(legend)
    st.markdown(f"**{t('events.per_street', lang)}**")
    headers = {"name": "events.col.street", "length_m": "events.col.length",
               "left": "events.col.left", "right": "events.col.right",
               "capacity": "events.col.capacity", "placed": "events.col.placed"}  # fmt: skip
    table = layout.per_street[list(headers)].copy()
    table["length_m"] = [number(m, lang, decimals=0) for m in table["length_m"]]
    table = table.rename(columns={k: t(v, lang) for k, v in headers.items()})
    st.dataframe(table, hide_index=True, width="stretch")
    download_row(
        [
            Download(t("events.dl_geojson", lang), "booths.geojson", "application/geo+json",
                     partial(layout_geojson, layout)),
            Download(t("events.dl_csv", lang), "booths.csv", "text/csv",
                     partial(layout_csv, layout)),
        ],
        "events_dl",
    )  # fmt: skip
