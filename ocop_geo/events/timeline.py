"""Planned against actual: the events timeline (Altair) and the figures table, in vi/en.

Built from :func:`ocop_geo.events.catalog.read_events`' frame. Each event gets up to three
lanes: the plan's own month (KH 100's appendix row ``plan_task``, given by the caller) when the
dates planned later differ from it (a regional event's revised dates in CV 2375/UBND-KT or
CV 3060/UBND-KT); the planned period (light bar, dashed outline); the actual one (solid bar).
A postponed event carries a "postponed" label after its actual bar; an unknown outcome says
"unknown" in the actual lane; "open by" dates (``actual_by``) are a triangle with their date.
Periods are whole days: a bar runs from the first day 00:00 to the day after the last.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date as day_type
from datetime import timedelta
from typing import Any

import altair as alt
import pandas as pd

from ocop_geo.events.catalog import COUNTS
from ocop_geo.i18n import date, number, t, tn
from ocop_geo.layers.catalog import cell

PLAN, PLANNED, ACTUAL = "plan", "planned", "actual"
#: Lane colours: the plan's month lilac, planned light blue (dashed outline), actual dark blue.
COLOURS = {PLAN: "#bcbddc", PLANNED: "#c6dbef", ACTUAL: "#1f5f99"}
#: (first day, last day) of each appendix task's planned period, by task number.
PlanMonths = Mapping[int, tuple[day_type, day_type]]
NOTE_COLOUR = "#8a3b12"
#: Room (days) right of the last bar for the labels.
LABEL_ROOM = timedelta(days=40)


def period_text(start: str | None, end: str | None, lang: str) -> str:
    """A period as written in the data, e.g. "23/7/2020 – 27/7/2020"; "unknown" when absent."""
    if not start:
        return t("events.unknown", lang)
    if not end or end == start:
        return date(start, lang)
    return f"{date(start, lang)} – {date(end, lang)}"


def count_text(value: Any, more: bool, lang: str, *, vnd: bool = False) -> str:
    """A count with its honesty: "hơn 50.000" / "50,000+"; VND in billions; "unknown" if NA."""
    if value is None or pd.isna(value):
        return t("events.unknown", lang)
    value = int(value)
    if vnd and value % 1_000_000_000 == 0:
        text = t("events.vnd_billion", lang, n=number(value // 1_000_000_000, lang))
    elif vnd:
        text = t("events.vnd", lang, n=number(value, lang))
    else:
        text = number(value, lang)
    return t("events.more_than", lang, n=text) if more else text


def _lanes(lang: str) -> dict[str, str]:
    return {
        PLAN: t("events.series.plan", lang),
        PLANNED: t("events.series.planned", lang),
        ACTUAL: t("events.series.actual", lang),
    }


def _in_year(row: pd.Series, year: int | None) -> bool:
    dates = [row[c] for c in ("planned_from", "actual_from", "actual_by_date")]
    known = [d for d in dates if not pd.isna(d)]
    return year is None or not known or any(d.year == year for d in known)


def timeline_rows(
    events: pd.DataFrame, lang: str, *, year: int | None = 2020, plan: PlanMonths | None = None
) -> pd.DataFrame:
    """The chart's data: one ``bar`` row per known period, one ``note`` row per label.

    Events whose known dates all fall outside ``year`` are left out (None keeps all); events
    without any date stay (their outcome shows as unknown). ``plan`` (the appendix's periods by
    task) adds the ``plan`` lane where an event's planned dates are not the plan's own.

    Columns: ``event_id``, ``event`` (short name), ``order``, ``lane`` (key), ``series``
    (translated lane), ``mark`` (``bar`` | ``note``), ``note_kind`` (``postponed`` |
    ``unknown`` | ``by`` | None), ``start``/``end`` (timestamps; ``end`` exclusive),
    ``period``, ``status``, ``confidence``, ``note``.
    """
    kept = [row for _, row in events.iterrows() if _in_year(row, year)]
    rows = [r for order, row in enumerate(kept) for r in _event_rows(row, order, lang, plan or {})]
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    first = frame["start"].min()
    frame["start"] = frame["start"].fillna(first)  # an unknown with no plan: at the left edge
    return frame


def _plan_period(row: pd.Series, plan: PlanMonths) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The appendix's period of the event's task when it differs from the planned dates."""
    task = cell(row, "plan_task")
    if task is None or int(task) not in plan:
        return None
    first, last = (pd.Timestamp(d) for d in plan[int(task)])
    same = not pd.isna(row["planned_from"]) and (row["planned_from"], row["planned_to"]) == (
        first,
        last,
    )
    return None if same else (first, last)


def _event_rows(row: pd.Series, order: int, lang: str, plan: PlanMonths) -> list[dict[str, Any]]:
    lanes, out = _lanes(lang), []
    base = {
        "event_id": row["id"], "event": cell(row, f"short_{lang}"), "order": order,
        "status": t(f"events.status.{row['status']}", lang),
        "confidence": cell(row, "confidence"), "note": None, "note_kind": None,
    }  # fmt: skip

    def add(lane: str, mark: str, start: Any, end: Any, period: str, **extra: Any) -> None:
        out.append(base | {"lane": lane, "series": lanes[lane], "mark": mark, "start": start,
                           "end": end, "period": period} | extra)  # fmt: skip

    own = _plan_period(row, plan)
    if own is not None:
        first, last = (f"{d:%Y-%m}" for d in own)
        text = t("events.chart.plan_row", lang, n=cell(row, "plan_task"),
                 period=period_text(first, last, lang))  # fmt: skip
        add(PLAN, "bar", own[0], own[1] + timedelta(days=1), text)
    planned = period_text(cell(row, "planned_start"), cell(row, "planned_end"), lang)
    if not pd.isna(row["planned_from"]):
        add(PLANNED, "bar", row["planned_from"], row["planned_to"] + timedelta(days=1), planned)
    actual = period_text(cell(row, "actual_start"), cell(row, "actual_end"), lang)
    if not pd.isna(row["actual_from"]):
        end = row["actual_to"] + timedelta(days=1)
        add(ACTUAL, "bar", row["actual_from"], end, actual)
        if row["status"] == "postponed_then_held":
            late = (row["actual_from"] - row["planned_from"]).days
            note = tn("events.chart.postponed", late, lang, n=late)
            add(ACTUAL, "note", end, None, actual, note=note, note_kind="postponed")
    elif not pd.isna(row["actual_by_date"]):
        by = t("events.chart.by", lang, d=date(row["actual_by"], lang))
        add(ACTUAL, "note", row["actual_by_date"], None, by, note=by, note_kind="by")
    else:
        ends = [d for d in (row["planned_to"], own and own[1]) if d is not None and not pd.isna(d)]
        after = max(ends) + timedelta(days=1) if ends else None
        note = t("events.chart.unknown", lang)
        add(ACTUAL, "note", after, None, actual, note=note, note_kind="unknown")
    return out


def timeline_chart(rows: pd.DataFrame, lang: str) -> alt.Chart:
    """Planned vs actual bars per event, with postponed / unknown / "by" labels.

    ``rows`` is :func:`timeline_rows`' frame. x: time (days); y: event; yOffset: lane; colour and
    outline dash: lane (planned light + dashed, actual solid).
    """
    lanes = _lanes(lang)
    keys = [k for k in (PLAN, PLANNED, ACTUAL) if k == ACTUAL or (rows["lane"] == k).any()]
    domain = [lanes[k] for k in keys]
    order = list(dict.fromkeys(rows.sort_values("order")["event"]))
    left = rows["start"].min() - timedelta(days=7)
    right = pd.concat([rows["end"], rows["start"]]).max() + LABEL_ROOM
    data = rows.assign(
        start=rows["start"].dt.strftime("%Y-%m-%d"), end=rows["end"].dt.strftime("%Y-%m-%d")
    )
    ends = [alt.DateTime(year=d.year, month=d.month, date=d.day, utc=True) for d in (left, right)]
    x = alt.X("start:T", title=None, axis=alt.Axis(format="%m/%Y", tickCount="month"))
    x_scaled = x.scale(type="utc", domain=ends)
    y = alt.Y("event:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    y_offset = alt.YOffset("series:N", sort=domain, scale=alt.Scale(domain=domain))
    tooltip = [
        alt.Tooltip("event:N", title=t("events.col.event", lang)),
        alt.Tooltip("series:N", title=t("events.chart.lane", lang)),
        alt.Tooltip("period:N", title=t("events.chart.period", lang)),
        alt.Tooltip("status:N", title=t("events.col.status", lang)),
        alt.Tooltip("confidence:N", title=t("events.col.confidence", lang)),
    ]
    base = alt.Chart(data)
    bars = (
        base.transform_filter(alt.datum.mark == "bar")
        .mark_bar(stroke=COLOURS[ACTUAL], strokeWidth=1, cornerRadius=2)
        .encode(
            x=x_scaled,
            x2="end:T",
            y=y,
            yOffset=y_offset,
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=domain, range=[COLOURS[k] for k in keys]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(
                    domain=domain, range=[[4, 3] if k != ACTUAL else [1, 0] for k in keys]
                ),
                legend=None,
            ),
            tooltip=tooltip,
        )
    )
    notes = base.transform_filter(alt.datum.mark == "note")
    labels = notes.mark_text(align="left", dx=4, fontSize=11, color=NOTE_COLOUR).encode(
        x=x, y=y, yOffset=y_offset, text="note:N", tooltip=tooltip
    )
    marks = (
        notes.transform_filter(alt.datum.note_kind == "by")
        .mark_point(shape="triangle-left", filled=True, size=60, color=NOTE_COLOUR)
        .encode(x=x, y=y, yOffset=y_offset, tooltip=tooltip)
    )
    layers = [bars, labels, marks] if (rows["note_kind"] == "by").any() else [bars, labels]
    height = max(120, 34 * len(order))
    return alt.layer(*layers).properties(height=height, width="container")


def figures_table(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One text row per event: planned and actual periods, status, figures, confidence.

    Counts say "more than" where the source does, and "unknown" where there is no figure.
    """
    rows = []
    for _, row in events.iterrows():
        rows.append(
            {
                "events.col.event": cell(row, f"short_{lang}"),
                "events.col.kind": t(f"events.kind.{row['kind']}", lang),
                "events.col.planned": planned_text(row, lang),
                "events.col.actual": actual_text(row, lang),
                "events.col.status": t(f"events.status.{row['status']}", lang),
                **figure_texts(row, lang),
                "events.col.confidence": cell(row, "confidence"),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.rename(columns={key: t(key, lang) for key in frame.columns})


def figure_texts(row: pd.Series, lang: str, *, known_only: bool = False) -> dict[str, str]:
    """``{label key: text}`` of an event's figures (:data:`~ocop_geo.events.catalog.COUNTS`, in
    order): "more than" where the source says so, "unknown" without a figure (left out with
    ``known_only``). Sales are in VND; their label key is ``events.col.sales``."""
    out = {}
    for name in COUNTS:
        if known_only and pd.isna(row[name]):
            continue
        key = "events.col.sales" if name == "sales_vnd" else f"events.col.{name}"
        out[key] = count_text(row[name], row[f"{name}_more"], lang, vnd=name == "sales_vnd")
    return out


def planned_text(row: pd.Series, lang: str) -> str:
    """An event's planned period; "no known plan" when nothing says it was planned."""
    if cell(row, "planned_start") is None and cell(row, "planned_source") is None:
        return t("events.no_plan", lang)
    return period_text(cell(row, "planned_start"), cell(row, "planned_end"), lang)


def actual_text(row: pd.Series, lang: str) -> str:
    """An event's actual period; "before <date>" when only that is known; else "unknown"."""
    if cell(row, "actual_start") is None and cell(row, "actual_by"):
        return t("events.chart.by", lang, d=date(row["actual_by"], lang))
    return period_text(cell(row, "actual_start"), cell(row, "actual_end"), lang)
