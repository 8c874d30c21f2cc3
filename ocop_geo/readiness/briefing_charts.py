"""The briefing's charts: readiness per site, and a site's milestones over the plan's months."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ocop_geo import i18n
from ocop_geo.i18n import t
from ocop_geo.readiness.briefing_figures import INK, figure, short_name
from ocop_geo.readiness.export import share_text
from ocop_geo.readiness.readiness_map import share_colour
from ocop_geo.readiness.status import Overview, SiteReadiness

#: Milestone colours: done as of the day, late, neither; the as-of line.
DONE, LATE, OPEN, AS_OF = "#006837", "#c0392b", "#9aa5b1", "#1f4e99"


def readiness_bars(
    view: Overview, names: Mapping[str, str], lang: str, size: tuple[float, float]
) -> Figure:
    """One horizontal bar per site of ``view`` (0–100 %), coloured as on the map and labelled
    with the share and done/applicable items; a site without a checklist says so."""
    fig = figure(*size, layout="constrained")
    ax = fig.add_subplot()
    sites = list(reversed(view.sites))
    rows = range(len(sites))
    shares = [(s.share or 0) * 100 for s in sites]
    ax.barh(rows, [100] * len(sites), color="#eeeeee", height=0.62)
    ax.barh(
        rows,
        shares,
        color=[share_colour(s.share) for s in sites],
        edgecolor=INK,
        linewidth=0.5,
        height=0.62,
    )
    for row, site, share in zip(rows, sites, shares, strict=True):
        text = (
            f"{share_text(site, lang)} ({site.done}/{site.applicable})"
            if site.checklist
            else t("ready.no_share", lang)
        )
        ax.text(
            share + 2,
            row,
            text,
            va="center",
            fontsize=6.5,
            color=INK if site.checklist else "#666666",
        )
    ax.set_yticks(
        list(rows), [short_name(names.get(s.site_id, s.site_id)) for s in sites], fontsize=6.5
    )
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 50, 100], [t("ready.percent", lang, p=p) for p in (0, 50, 100)], fontsize=6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    return fig


def months(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s to ``last``'s, inclusive."""
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return out


def milestone_chart(
    site: SiteReadiness, as_of: date, lang: str, size: tuple[float, float]
) -> Figure | None:
    """The site's milestones as bars over the plan's months: green when done as of the day
    (a diamond on the done day), red when late, grey otherwise; a dashed line marks the day
    ``as_of`` when it falls within the months shown. None when the site has no dated
    milestone."""
    rows = [i for i in site.items if i.item.planned_start and i.item.planned_end]
    if not rows:
        return None
    periods = [(i.item.planned_start, i.item.planned_end) for i in rows]
    first = min(start for start, _ in periods)
    last = max([end for _, end in periods] + [i.done_date for i in rows if i.done_date])
    span = months(first, last)  # type: ignore[arg-type]
    stop = (span[-1] + timedelta(days=32)).replace(day=1)
    fig = figure(*size, layout="constrained")
    ax = fig.add_subplot()
    for y, (status, (start, end)) in enumerate(reversed(list(zip(rows, periods, strict=True)))):
        colour = DONE if status.done else LATE if status.late else OPEN
        days = (end - start).days + 1  # type: ignore[operator]
        ax.barh(y, days, left=start, height=0.5, color=colour)
        if status.done_date is not None:  # white: done only after the day
            ax.scatter([status.done_date], [y], marker="D", s=18, zorder=3, edgecolor=INK,
                       color=DONE if status.done else "white", linewidth=0.6)  # fmt: skip
    rows.reverse()
    ax.set_yticks(range(len(rows)), [i.item.title(lang) for i in rows], fontsize=6.5)
    ax.set_xlim(first, stop)
    ax.set_xticks(span, [i18n.date(f"{m:%Y-%m}", lang) for m in span], fontsize=6)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    handles = [
        Patch(color=DONE, label=t("ready.status.done", lang)),
        Patch(color=LATE, label=t("ready.late", lang)),
        Patch(color=OPEN, label=t("brief.not_done", lang)),
        Line2D(
            [],
            [],
            marker="D",
            linestyle="none",
            color=DONE,
            markeredgecolor=INK,
            markersize=4,
            label=t("brief.done_day", lang),
        ),
    ]
    if first <= as_of < stop:
        ax.axvline(as_of, color=AS_OF, linestyle="--", linewidth=0.9)
        handles.append(
            Line2D(
                [],
                [],
                color=AS_OF,
                linestyle="--",
                linewidth=0.9,
                label=t("brief.as_of_line", lang),
            )
        )
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=6, frameon=False)
    return fig
