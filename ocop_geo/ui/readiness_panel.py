"""Widgets of the readiness page: cached sites and criteria, the seeding, the as-of date, the
headline figures, the bars, the map, the site picker and the downloads.

One site's heading, checklist and history live in :mod:`ocop_geo.ui.readiness_site`, editing in
:mod:`ocop_geo.ui.readiness_edit`. Every text from the data or the database
reaches Markdown only through :func:`~ocop_geo.text.escape_markdown` (tables show plain text).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, NamedTuple

import altair as alt
import geopandas as gpd
import pandas as pd
import streamlit as st

from ocop_geo.database.store import Store, StoreError
from ocop_geo.i18n import error_text, t
from ocop_geo.layers.validate import DataError
from ocop_geo.readiness import briefing, export, report
from ocop_geo.readiness.briefing_figures import Geography
from ocop_geo.readiness.criteria import Criteria
from ocop_geo.readiness.readiness_map import readiness_map
from ocop_geo.readiness.status import (
    FIRST_DAY,
    LAST_DAY,
    Overview,
    SiteReadiness,
    day_text,
    parse_day,
    today,
)
from ocop_geo.text import escape_markdown
from ocop_geo.ui import loaders, map_view
from ocop_geo.ui.choices import placeholder
from ocop_geo.ui.lang import relabelled

#: The typed as-of day (text), the day last applied (a date) and the calendar's pick.
AS_OF, AS_OF_DAY, CALENDAR = "ready_as_of", "ready_as_of_day", "ready_as_of_calendar"
#: The typed text, kept apart from the widget: Streamlit drops a widget's state when another
#: page is opened, so the field is filled again from it on every page that draws it.
AS_OF_TEXT = "ready_as_of_text"
SITE = "ready_site"


class PlanDownloads(NamedTuple):
    """How to build the plan's part of the downloads (called only when a button is clicked)."""

    sheet: Callable[[], pd.DataFrame]
    page: Callable[[], Callable[[Any], None]]
    late: Callable[[], list[Any]]  # the late tasks as LateTasks (the summary page)


@st.cache_resource(show_spinner=False)
def _sites() -> gpd.GeoDataFrame:
    return report.load_sites(loaders.settings())


@st.cache_resource(show_spinner=False)
def _geography() -> Geography:
    return report.load_geography(loaders.settings(), _sites())


@st.cache_resource(show_spinner=False)
def _criteria() -> Criteria:
    return report.load_checklist(loaders.settings(), _sites().index)


@st.cache_resource(show_spinner=False)
def _site_ids() -> tuple[str, ...]:
    return tuple(str(i) for i in _sites().index)


def checklist(lang: str) -> tuple[tuple[str, ...], Criteria]:
    """The sites' ids and the checked criteria file; on bad data, show every problem and
    stop."""
    return loaders.checked(lambda: (_site_ids(), _criteria()), lang)


@st.cache_resource(show_spinner=False)
def _seeded(_db: Store, url: str) -> int:
    del url  # the cache key: once per database and server process
    return report.seed(_db, _criteria())


def seed(db: Store, lang: str) -> None:
    """Write the known outcomes once (idempotent); a failure is shown, the page goes on."""
    try:
        _seeded(db, db.url)
    except (StoreError, ValueError) as exc:
        st.warning(f"{t('error.database', lang)} {error_text(exc, lang)}")


@st.cache_data(show_spinner=False)
def names(lang: str) -> dict[str, str]:
    """Site id → name in ``lang``."""
    return report.site_names(_sites(), lang)


def as_of(lang: str) -> date:
    """The as-of day (today in Hanoi by default): typed in a text field — it applies on Enter or
    on leaving the field (Tab), which ``st.date_input`` does not do — or picked in a calendar.
    A day that cannot be read, or lies outside the evidence range, is an error that keeps the
    last day applied."""
    applied: date = st.session_state.setdefault(AS_OF_DAY, today())
    st.session_state[AS_OF] = st.session_state.setdefault(AS_OF_TEXT, day_text(applied))
    text_col, calendar_col = st.columns([3, 1], vertical_alignment="bottom")
    typed = text_col.text_input(
        t("ready.as_of", lang), key=AS_OF, placeholder=t("ready.as_of_placeholder", lang),
        help=t("ready.as_of_help", lang), on_change=_typed,
    )  # fmt: skip
    day = parse_day(typed)
    if day is None or not FIRST_DAY <= day <= LAST_DAY:
        bounds = {"first": day_text(FIRST_DAY), "last": day_text(LAST_DAY)}
        st.error(t("ready.as_of_bad", lang, text=escape_markdown(typed), day=day_text(applied),
                   **bounds))  # fmt: skip
        day = applied
    st.session_state[AS_OF_DAY] = day
    st.session_state[CALENDAR] = min(max(day, FIRST_DAY), LAST_DAY)
    with calendar_col.popover(t("ready.as_of_calendar", lang), icon=":material/calendar_month:"):
        st.date_input(
            t("ready.as_of", lang), key=CALENDAR, min_value=FIRST_DAY, max_value=LAST_DAY,
            format="DD/MM/YYYY", on_change=_picked,
        )  # fmt: skip
    return day


def _typed() -> None:
    st.session_state[AS_OF_TEXT] = st.session_state[AS_OF]


def _picked() -> None:
    """A day picked in the calendar becomes the typed day (and so the applied one)."""
    picked = st.session_state.get(CALENDAR)
    if picked:
        st.session_state[AS_OF] = st.session_state[AS_OF_TEXT] = day_text(picked)


def headline(view: Overview, lang: str, *, tasks_late: int | None = None) -> None:
    """Sites ready, items done, milestones late and (when given) plan tasks late as of the day."""
    ready, done, late, tasks = st.columns(4)
    ready.metric(
        t("ready.sites_ready", lang), t("ready.of", lang, n=view.ready, total=view.with_checklist)
    )
    done.metric(
        t("ready.items_done", lang),
        t("ready.of", lang, n=view.items_done, total=view.items_applicable),
    )
    late.metric(t("ready.milestones_late", lang), view.milestones_late)
    if tasks_late is not None:
        tasks.metric(t("plan.tasks_late", lang), tasks_late, help=t("plan.rules", lang))
    st.caption(t("ready.rules", lang))


def bars(view: Overview, site_names: Mapping[str, str], lang: str) -> None:
    """A horizontal bar of readiness (%) per site that has a checklist."""
    site, share = t("ready.col.site", lang), t("ready.col.share", lang)
    frame = pd.DataFrame(
        [
            {
                site: site_names[s.site_id],
                share: round(s.share * 100),
                "n": f"{s.done}/{s.applicable}",
            }
            for s in view.sites
            if s.share is not None
        ]
    )
    if frame.empty:
        return
    chart = (
        alt.Chart(frame)
        .mark_bar(color="#31a354")
        .encode(
            x=alt.X(f"{share}:Q", scale=alt.Scale(domain=[0, 100]), title=f"{share} (%)"),
            # every site keeps its label (no thinning) on a row of its own: a hidden label would
            # make a neighbour's bar look like another site's
            y=alt.Y(
                f"{site}:N",
                sort=None,
                title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=220),
            ),
            tooltip=[site, share, "n"],
        )
        .properties(height=alt.Step(28))
    )
    st.altair_chart(chart, width="stretch")


def site_map(view: Overview, site_names: Mapping[str, str], lang: str) -> None:
    """The map of the sites coloured by readiness (display only: no click is read)."""
    m = readiness_map(
        _sites(), view, site_names, loaders.settings(), lang,
        base=loaders.district_base(),
    )  # fmt: skip
    map_view.show(m, lang, key="ready_map", height=420, returned_objects=[])


def site_picker(view: Overview, site_names: Mapping[str, str], lang: str) -> SiteReadiness:
    """The site whose checklist is shown (``?site=`` preselects one)."""
    ids = [s.site_id for s in view.sites]
    wanted = st.query_params.get("site")
    if SITE not in st.session_state or st.session_state[SITE] not in ids:
        st.session_state[SITE] = wanted if wanted in ids else ids[0]
    chosen = st.selectbox(
        t("ready.col.site", lang),
        ids,
        key=relabelled(SITE, lang),
        format_func=lambda s: site_names[s],
        placeholder=placeholder(ids, lang),
    )
    return view.site(chosen)


def downloads(
    view: Overview, criteria: Criteria, db: Store, plan: PlanDownloads, lang: str
) -> None:
    """The Excel workbook and the PDF briefing of every site as of the day (with the plan's
    tasks: a sheet and a page), built only when clicked (Streamlit calls ``data`` on a worker
    thread; nothing in it touches Streamlit)."""
    site_names = names(lang)
    day = view.as_of.isoformat()
    try:
        geography = _geography()
    except DataError as exc:  # the boundary layers the pictures are drawn from
        loaders.show_data_error(exc, lang)
        return

    def workbook() -> bytes:
        audit = report.audit_log(db, [s.site_id for s in view.sites])
        return briefing.workbook(view, site_names, audit, lang, plan.sheet(),
                                 geography=geography)  # fmt: skip

    def briefing_pdf() -> bytes:
        return briefing.briefing_pdf(view, criteria, site_names, lang, geography=geography,
                                     late_tasks=plan.late(), more_pages=(plan.page(),))  # fmt: skip

    xlsx, pdf = st.columns(2)
    xlsx.download_button(t("ready.download_xlsx", lang), workbook,
                         file_name=f"ocop-readiness-{day}.xlsx", key="ready_xlsx")  # fmt: skip
    try:
        export.font_files()
    except export.FontMissingError as exc:
        pdf.warning(t("ready.pdf_unavailable", lang, message=error_text(exc, lang)))
        return
    pdf.download_button(t("ready.download_pdf", lang),
                        briefing_pdf,
                        file_name=f"ocop-readiness-{day}.pdf", mime="application/pdf",
                        key="ready_pdf")  # fmt: skip
