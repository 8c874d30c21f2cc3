"""The Gantt chart of the plan's 15 tasks: planned (the appendix's months) against actual (the
evidence dates), late tasks marked, one panel per appendix section, a rule at the as-of day.

:func:`gantt_frame` builds the bars and :func:`gantt_data` adds the day; the page shows them with
:func:`gantt_spec` (the chart without its data), the PDF renders :func:`gantt_chart` (the same
chart with its data) with :func:`gantt_png` (vl-convert). No Streamlit here.
"""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from ocop_geo.i18n import t
from ocop_geo.plan.progress import TaskStatus
from ocop_geo.plan.records import Plan

#: Bar kinds, in legend order, and their colours (late in red).
KINDS = {"planned": "#9ecae1", "late": "#de2d26", "actual": "#31a354", "partial": "#fdae6b"}


def gantt_frame(progress: tuple[TaskStatus, ...], plan: Plan, lang: str) -> pd.DataFrame:
    """One row per bar: ``planned`` (or ``late``) from the first day of the start month to the
    day after the end month; ``actual`` (every part done) or ``partial`` (some parts done, as of
    the day) from the first part's done date to the day after the last one's."""
    rows = []
    for status in progress:
        task = status.task
        common = {
            "task": f"{task.number}. {_short(task.title(lang))}",
            "order": task.number,
            "section": t(f"plan.section.{task.section}", lang),
            "lead": plan.agency(task.lead).name(lang),
            "period": task.period_vi,
            "status": t(f"ready.status.{status.status}", lang)
            if status.status != "done_later"
            else t("ready.status.unknown", lang),
            "done_parts": f"{status.done_parts}/{len(status.applicable)}",
        }
        kind = "late" if status.late else "planned"
        rows.append(
            {
                **common,
                "series": t("plan.series.planned", lang),
                "kind": kind,
                "start": task.planned_start,
                "end": task.planned_end + timedelta(days=1),
            }
        )
        done_days = [p.done_date for p in status.parts if p.done and p.done_date]
        if done_days:
            rows.append(
                {
                    **common,
                    "series": t("plan.series.actual", lang),
                    "kind": "actual" if status.done else "partial",
                    "start": min(done_days),
                    "end": max(done_days) + timedelta(days=1),
                }
            )
    frame = pd.DataFrame(rows)
    frame["start"], frame["end"] = pd.to_datetime(frame["start"]), pd.to_datetime(frame["end"])
    frame["last"] = frame["end"] - pd.Timedelta(days=1)  # a diamond marks an actual bar's last day
    frame["kind_label"] = [t(f"plan.kind.{k}", lang) for k in frame["kind"]]
    return frame


#: The as-of day's rule is drawn up to this long after the plan's last bar: a later day (the
#: default, today) would squeeze 2020 into a sliver of the axis.
RULE_WINDOW = pd.DateOffset(months=6)


def gantt_data(frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """:func:`gantt_frame`'s bars with the as-of day in column ``as_of``: empty (NaT: no rule,
    and the axis ends with the last bar) when the day is more than :data:`RULE_WINDOW` after
    the plan's last bar."""
    day = pd.Timestamp(as_of)
    shown = day <= frame["end"].max() + RULE_WINDOW
    return frame.assign(as_of=day if shown else pd.NaT)


def gantt_spec(lang: str, *, width: int = 560) -> dict:
    """The chart's Vega-Lite spec without its data (``st.vega_lite_chart(gantt_data(…), spec)``).

    Everything that changes with the day is in the data, so one spec serves every day: the page
    builds it once per language (Altair's conversion and schema check take tens of ms a run)."""
    spec = _chart(pd.DataFrame(), lang, width).to_dict()
    for key in ("data", "datasets", "config"):  # the data apart; Streamlit applies its theme
        spec.pop(key, None)
    return spec


def gantt_chart(frame: pd.DataFrame, as_of: date, lang: str, *, width: int = 560) -> alt.Chart:
    """The chart of :func:`gantt_frame`'s bars with its data, one panel per section, the as-of
    day a rule (for the PDF: :func:`gantt_png`)."""
    return _chart(gantt_data(frame, as_of), lang, width)


def _chart(data: pd.DataFrame, lang: str, width: int) -> alt.FacetChart:
    labels = [t(f"plan.kind.{k}", lang) for k in KINDS]
    colour = alt.Color(
        "kind_label:N",
        title=None,
        scale=alt.Scale(domain=labels, range=list(KINDS.values())),
        legend=alt.Legend(orient="top"),
    )
    tooltip = [
        alt.Tooltip("task:N", title=t("plan.col.title", lang)),
        alt.Tooltip("period:N", title=t("plan.col.period", lang)),
        alt.Tooltip("lead:N", title=t("plan.col.lead", lang)),
        alt.Tooltip("status:N", title=t("plan.col.status", lang)),
        alt.Tooltip("done_parts:N", title=t("plan.col.done_parts", lang)),
        alt.Tooltip("kind_label:N", title=t("plan.col.bar", lang)),
    ]
    y = alt.Y(
        "task:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=320)
    )
    y_offset = alt.YOffset("series:N", title=None)
    # the axis spans the bars, and the as-of day when it is drawn (gantt_data)
    x = alt.X("start:T", title=None, axis=alt.Axis(format="%m/%Y"), scale=alt.Scale(nice=False))
    bars = (
        alt.Chart()
        .mark_bar(height=9)
        .encode(x=x, x2="end:T", y=y, yOffset=y_offset, color=colour, tooltip=tooltip)
    )
    # an event of a few days is a hairline on a year's axis: its last day gets a diamond
    ends = (
        alt.Chart()
        .transform_filter(alt.FieldOneOfPredicate("kind", ["actual", "partial"]))
        # aria=False: the diamonds repeat their bar's end to the eye; a section without one
        # would otherwise leave an unnamed, empty "graphics-symbol" (axe: svg-img-alt)
        .mark_point(shape="diamond", filled=True, size=60, aria=False)
        .encode(x="last:T", y=y, yOffset=y_offset, color=colour, tooltip=tooltip)
    )
    # aria=False: the day is the page's own field above the chart; with no day drawn (a day
    # long after the plan) the rule would leave an empty "graphics-symbol" (axe: svg-img-alt)
    rule = (
        alt.Chart().mark_rule(color="#555", strokeDash=[4, 3], aria=False).encode(x="min(as_of):T")
    )
    return (
        alt.layer(bars, ends, rule, data=data)
        .properties(width=width)
        .facet(
            row=alt.Row(
                "section:N",
                title=None,
                header=alt.Header(
                    labelAngle=0, labelAlign="left", labelOrient="top", labelFontWeight="bold"
                ),
            )
        )
        .resolve_scale(y="independent")
    )


def gantt_png(chart: alt.Chart, *, scale: float = 2.0) -> bytes:
    """The chart as a PNG (vl-convert, no browser)."""
    import vl_convert

    return vl_convert.vegalite_to_png(chart.to_json(), scale=scale)


def _short(title: str, limit: int = 70) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
