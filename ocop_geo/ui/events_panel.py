"""Widgets of the events page: the checked events table, the timeline, figures and sources.

The booth layout planner is in :mod:`ocop_geo.ui.booth_panel`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import geopandas as gpd
import pandas as pd
import streamlit as st

from ocop_geo.events.catalog import read_events, split_sources
from ocop_geo.events.timeline import (
    actual_text,
    figure_texts,
    figures_table,
    planned_text,
    timeline_chart,
    timeline_rows,
)
from ocop_geo.i18n import number, t
from ocop_geo.layers.catalog import Catalog, cell
from ocop_geo.text import escape_markdown, safe_url
from ocop_geo.ui import loaders, plan_panel

YEAR = 2020


@st.cache_data(show_spinner=False)
def _events(path: str, venues: tuple[str, ...]) -> pd.DataFrame:
    return read_events(Path(path), venues=venues)


def events(catalog: Catalog, lang: str) -> pd.DataFrame:
    """``data/events.csv``, checked (venue ids against geo/); on bad data, show every problem
    and stop the page."""
    venues = tuple(sorted(str(i) for i in [*catalog.venues.index, *catalog.sites.index]))
    path = str(loaders.settings().data_dir / "events.csv")
    return loaders.checked(lambda: _events(path, venues), lang)


def timeline(frame: pd.DataFrame, lang: str) -> None:
    """The planned-vs-actual chart of the year's events, and which events it leaves out."""
    months = {task.number: (task.planned_start, task.planned_end)
              for task in plan_panel.data(lang).plan.tasks}  # fmt: skip
    rows = timeline_rows(frame, lang, year=YEAR, plan=months)
    shown = set(rows["event_id"]) if not rows.empty else set()
    if shown:
        st.altair_chart(timeline_chart(rows, lang), width="stretch")
        st.caption(t("events.timeline_help", lang))
    left_out = [cell(r, f"short_{lang}") for i, r in frame.iterrows() if i not in shown]
    if left_out:
        st.caption(_md(t("events.outside_year", lang, names=", ".join(left_out))))


def figures(frame: pd.DataFrame, lang: str) -> None:
    """The figures table (text: "over …" and "unknown" kept as such)."""
    st.dataframe(figures_table(frame, lang), hide_index=True, width="stretch")
    st.caption(t("events.figures_help", lang))


def sources_markdown(text: str | None) -> str:
    """Markdown of a source cell: URLs as links named by their site, documents as text."""
    parts = []
    for part in split_sources(text):
        url = safe_url(part)
        parts.append(f"[{urlparse(url).netloc}]({url})" if url else escape_markdown(part))
    return " · ".join(parts)


def _md(value: object) -> str:
    return escape_markdown(str(value))


def details(frame: pd.DataFrame, lang: str) -> None:
    """One expander per event: planned and actual with their sources, venue, figures, note."""
    for _, row in frame.iterrows():
        status = t(f"events.status.{row['status']}", lang)
        with st.expander(f"{_md(cell(row, f'short_{lang}'))} — {_md(status)}"):
            st.markdown(f"**{_md(cell(row, f'name_{lang}'))}**")
            lines = [f"- {t('events.detail.planned', lang)}: {_md(planned_text(row, lang))}"]
            if cell(row, "planned_source"):
                lines.append(
                    f"  ({t('events.detail.planned_sources', lang)}, "
                    f"{cell(row, 'planned_confidence')}: "
                    f"{sources_markdown(cell(row, 'planned_source'))})"
                )
            actual = actual_text(row, lang)
            lines.append(f"- {t('events.detail.actual', lang)}: {_md(actual)} · {_md(status)}")
            venue = cell(row, f"venue_{lang}")
            if venue:
                note = "" if cell(row, "venue_id") else " " + t("events.position_not_sourced", lang)
                lines.append(f"- {t('events.detail.venue', lang)}: {_md(venue)}{_md(note)}")
            known = figure_texts(row, lang, known_only=True)  # unknown ones are in the table
            lines += [f"- {_md(t(key, lang))}: {_md(text)}" for key, text in known.items()]
            lines.append(
                f"- {t('events.detail.sources', lang)} ({t('events.col.confidence', lang)} "
                f"{cell(row, 'confidence')}): {sources_markdown(cell(row, 'source'))}"
            )
            st.markdown("\n".join(lines))
            if cell(row, f"note_{lang}"):
                st.caption(_md(cell(row, f"note_{lang}")))


def unmapped_venues(frame: pd.DataFrame, lang: str) -> list[str]:
    """Event and fair venues named without a sourced position (not drawn on the map)."""
    shown = frame["kind"].isin(["regional_event", "fair"])
    named = frame[shown & frame["venue_id"].isna() & frame[f"venue_{lang}"].notna()]
    return list(dict.fromkeys(named[f"venue_{lang}"]))


def venue_notes(venues: gpd.GeoDataFrame, frame: pd.DataFrame, lang: str) -> None:
    """How each mapped venue was located (an estimate) and which venues are not on the map."""
    for _, venue in venues.iterrows():
        accuracy = t("tooltip.accuracy", lang, m=number(venue["coord_accuracy_m"], lang))
        st.caption(
            f"{_md(venue[f'name_{lang}'])}: {_md(venue[f'location_status_{lang}'])} "
            f"({_md(accuracy)}, {_md(venue['coord_confidence'])})"
        )
    for name in unmapped_venues(frame, lang):
        st.caption(_md(t("events.unmapped", lang, venue=name)))
