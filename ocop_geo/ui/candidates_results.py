"""Results of the Đông Anh centre page: candidates outside the area, the ranking with its formula,
the chart, the downloads, and the Đề án section (plan tasks unknown; sourced status after 2020)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from ocop_geo.candidates import export
from ocop_geo.candidates.area import AreaCheck
from ocop_geo.candidates.present import criterion_label, display_frame, score_chart
from ocop_geo.candidates.project import StatusItem, load_status
from ocop_geo.candidates.scoring import (
    Criterion,
    Ranking,
    RoadFigures,
    road_distances,
    score_candidates,
)
from ocop_geo.i18n import date, t
from ocop_geo.layers.validate import DataError
from ocop_geo.routing.base import Router
from ocop_geo.text import escape_markdown, safe_url
from ocop_geo.ui import loaders
from ocop_geo.ui.downloads import Download, download_row
from ocop_geo.ui.tables import figures_as_text


@st.cache_data(show_spinner=False, max_entries=32)
def _road(
    points: tuple[tuple[float, float], ...],
    _criteria: Sequence[Criterion],
    _router: Router,
    router_key: str,
) -> RoadFigures:
    """Road figures for ``points`` (lon, lat), cached per point set and router."""
    del router_key  # part of the cache key only (loaders.router_key)
    lon, lat = zip(*points, strict=True)
    return road_distances(lon, lat, _criteria, _router)


@st.cache_resource(show_spinner=False)
def _status(data_dir: Path) -> tuple[StatusItem, ...]:
    """``data/centre_status.csv``, read once per data folder (a bad file is not cached)."""
    return tuple(load_status(data_dir))


def outside(check: AreaCheck, lang: str) -> None:
    """One ``st.error`` per candidate outside the allowed area, naming it."""
    key = "cand.outside_city" if check.anywhere else "cand.outside"
    for cand in check.outside:
        st.error(t(key, lang, name=escape_markdown(cand.name), lat=cand.lat, lon=cand.lon))


def ranking(
    check: AreaCheck,
    criteria: Sequence[Criterion],
    raw_weights: Mapping[str, float],
    router: Router,
) -> Ranking:
    """Score the candidates inside the area (road figures only from a road back end)."""
    points = tuple((p.candidate.lon, p.candidate.lat) for p in check.placed)
    road = _road(points, criteria, router, loaders.router_key(router))
    return score_candidates(check.placed, criteria, raw_weights, road=road)


def criteria_frame(criteria: Sequence[Criterion], result: Ranking, lang: str) -> pd.DataFrame:
    """One row per criterion: what it measures to, how, d_max (km) and the weight (%)."""
    return pd.DataFrame(
        {
            t("cand.col_criterion", lang): [criterion_label(c.key, lang) for c in criteria],
            t("cand.col_target", lang): [
                ", ".join(s.name_vi if lang == "vi" else s.name_en for s in c.targets)
                for c in criteria
            ],
            t("cand.col_how", lang): [t(f"cand.how.{c.aggregate}", lang) for c in criteria],
            t("cand.col_dmax", lang): [round(c.d_max_m / 1000, 1) for c in criteria],
            t("cand.col_weight", lang): [round(result.weights[c.key] * 100) for c in criteria],
        }
    )


def show(result: Ranking, criteria: Sequence[Criterion], lang: str) -> None:
    """The ranking table, where its road figures come from, the formula and the chart."""
    st.subheader(t("cand.ranking", lang))
    if result.road_backend:
        st.caption(t("cand.road_backend", lang, backend=result.road_backend))
        if result.road_note:  # some candidate–target pairs have no road route: left empty
            st.warning(t("cand.road_partial", lang, note=result.road_note))
    elif result.road_failed:
        st.warning(t("cand.road_failed", lang, note=result.road_note))
    else:
        st.caption(t("cand.road_none", lang))
    st.dataframe(
        figures_as_text(display_frame(result, lang), lang), hide_index=True, width="stretch"
    )
    st.markdown(t("cand.formula", lang))
    st.dataframe(
        figures_as_text(criteria_frame(criteria, result, lang), lang),
        hide_index=True,
        width="stretch",
    )
    st.markdown(f"**{t('cand.chart_title', lang)}**")
    st.altair_chart(score_chart(result, lang), width="stretch")


def downloads(result: Ranking, lang: str) -> None:
    """CSV and GeoJSON of the ranking; built only when clicked."""
    stem = "ocop-dong-anh-candidates"
    download_row(
        [
            Download(t("cand.download_csv", lang), f"{stem}.csv", "text/csv",
                     partial(export.to_csv, result)),
            Download(t("cand.download_geojson", lang), f"{stem}.geojson", "application/geo+json",
                     partial(export.to_geojson, result)),
        ],
        "cand_dl",
    )  # fmt: skip


def project_section(data_dir: Path, lang: str, checklist: Callable[[], None]) -> None:
    """The Đề án: its plan tasks as a checklist (``checklist`` draws them), above the sourced
    status after 2020."""
    st.subheader(t("cand.project_title", lang))
    checklist()
    st.markdown(f"**{t('cand.after_2020', lang)}**")
    st.markdown(t("cand.status_summary", lang))
    try:
        items = _status(data_dir)
    except DataError as exc:
        loaders.show_data_error(exc, lang)
        return
    lines = [
        "- "
        + t(
            "cand.status_item",
            lang,
            date=date(i.date, lang),
            doc=escape_markdown(i.document),
            conf=i.confidence,
            text=escape_markdown(i.text(lang)),
            url=safe_url(i.source) or "",
        )
        for i in items
    ]
    st.markdown("\n".join(lines))
