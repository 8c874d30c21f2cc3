"""The briefing's pages with pictures (private to :mod:`ocop_geo.readiness._pdf`).

The summary page (A4 portrait, one page): headline tiles, the Hanoi map beside the readiness
bars, the most overdue plan tasks, the rules. A site page's band: its locator map beside its
milestones over the plan's months. Positions are millimetres on the page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from fpdf.enums import XPos, YPos

from ocop_geo.i18n import t, tn
from ocop_geo.readiness import briefing_figures as figs
from ocop_geo.readiness.briefing_charts import milestone_chart
from ocop_geo.readiness.briefing_maps import locator_map
from ocop_geo.readiness.export import day_text
from ocop_geo.readiness.late_tasks import LateTask, most_overdue
from ocop_geo.readiness.status import Overview, SiteReadiness

if TYPE_CHECKING:
    from ocop_geo.readiness._pdf import Briefing

#: Page frame: left margin, usable width.
LEFT, WIDTH = 10.0, 190.0
#: The summary map's box and the right-hand column (x, y, width, height).
MAP_BOX = (10.0, 58.0, *figs.MAP_SIZE)
BARS_BOX = (142.0, 58.0, *figs.BARS_SIZE)
#: A site page's band: the locator map and the milestone chart (width, height).
LOCATOR_SIZE, MILESTONES_SIZE = (60.0, 62.0), (124.0, 56.0)
#: Tile fill and value colours (RGB).
TILE_FILL, TILE_INK, ALERT_INK, MUTED_INK = (
    (240, 244, 248),
    (31, 78, 153),
    (192, 57, 43),
    (110, 110, 110),
)


def _image(doc: Briefing, picture: bytes, x: float, y: float, w: float, h: float) -> None:
    doc.pdf.image(io.BytesIO(picture), x=x, y=y, w=w, h=h)


def _label(doc: Briefing, text: str, x: float, y: float, w: float) -> None:
    doc.pdf.set_xy(x, y)
    doc.font("B", 9.5)
    doc.pdf.cell(w, 5, text)


def _tiles(doc: Briefing, tiles: Sequence[tuple[str, str, bool | None]], y: float) -> None:
    """One row of tiles (label, value, alert: red when true, grey when None) across the page."""
    pdf, gap = doc.pdf, 3.0
    w = (WIDTH - gap * (len(tiles) - 1)) / len(tiles)
    for n, (label, value, alert) in enumerate(tiles):
        x = LEFT + n * (w + gap)
        pdf.set_fill_color(*TILE_FILL)
        pdf.rect(x, y, w, 19, style="F")
        pdf.set_text_color(*(MUTED_INK if alert is None else ALERT_INK if alert else TILE_INK))
        doc.font("B", 17)
        pdf.set_xy(x, y + 1.5)
        pdf.cell(w, 9, value, align="C")
        pdf.set_text_color(0, 0, 0)
        doc.font("", 8)
        pdf.set_xy(x, y + 11)
        pdf.cell(w, 5, label, align="C")


def summary_page(
    doc: Briefing,
    view: Overview,
    pictures: tuple[bytes, bytes],
    late: Sequence[LateTask] | None,
) -> None:
    """The one-page summary as of ``view.as_of``: ``pictures`` are the map and the bars (PNG,
    :data:`figs.MAP_SIZE` and :data:`figs.BARS_SIZE`); ``late`` every plan task late that day
    (None: the tasks are not available)."""
    lang, pdf = doc.lang, doc.pdf
    pdf.add_page()
    doc._heading(t("ready.pdf_title", lang), 15)
    doc.headline(view, 10.5)
    tiles = [
        (
            t("ready.sites_ready", lang),
            t("ready.of", lang, n=view.ready, total=view.with_checklist),
            False,
        ),
        (
            t("ready.items_done", lang),
            t("ready.of", lang, n=view.items_done, total=view.items_applicable),
            False,
        ),
        (t("ready.milestones_late", lang), str(view.milestones_late), view.milestones_late > 0),
        (
            t("brief.tasks_late", lang),
            t("brief.unavailable", lang) if late is None else str(len(late)),
            None if late is None else bool(late),
        ),
    ]
    _tiles(doc, tiles, pdf.get_y() + 1)
    x, y, w, h = MAP_BOX
    _label(doc, t("ready.map", lang), x, y - 6, w)
    hanoi, bars = pictures
    _image(doc, hanoi, x, y, w, h)
    bx, by, bw, bh = BARS_BOX
    _label(doc, t("ready.bars", lang), bx, by - 6, bw)
    _image(doc, bars, bx, by, bw, bh)
    pdf.set_xy(bx, by + bh + 3)
    doc.font("", 7)
    pdf.multi_cell(bw, 3.2, t("ready.rules", lang))
    pdf.set_xy(LEFT, y + h + 1)
    pdf.multi_cell(w, 3.2, t("brief.map_caption", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    _late_tasks(doc, view, late)


def _late_tasks(doc: Briefing, view: Overview, late: Sequence[LateTask] | None) -> None:
    lang = doc.lang
    _label(doc, t("brief.most_overdue", lang), LEFT, doc.pdf.get_y(), WIDTH)
    doc.pdf.ln(6)
    if late is None:
        doc._text(t("ready.plan_tasks", lang), 8.5)
        return
    if not late:
        doc._text(t("brief.none_late", lang, date=day_text(view.as_of, lang)), 8.5)
        return
    cols = ("task", "title", "lead", "planned_end", "overdue")
    rows = [
        [
            str(task.number),
            task.title,
            task.lead,
            day_text(task.planned_end, lang),
            tn("brief.days", task.days_overdue, lang, n=task.days_overdue),
        ]
        for task in most_overdue(late)
    ]
    doc._table((10, 88, 48, 26, 18), [t(f"brief.col.{c}", lang) for c in cols], rows)


def site_band(doc: Briefing, site: SiteReadiness, geo: figs.Geography, as_of: date) -> None:
    """The site's locator map and, beside it, its milestones over the plan's months."""
    lang, pdf = doc.lang, doc.pdf
    y = pdf.get_y() + 6
    lw, lh = LOCATOR_SIZE
    mw, mh = MILESTONES_SIZE
    _label(doc, t("brief.locator", lang), LEFT, y - 6, lw)
    with figs.noto(doc.fonts[0]):
        locator = figs.png(locator_map(geo, site.site_id, lang, LOCATOR_SIZE))
        chart = milestone_chart(site, as_of, lang, MILESTONES_SIZE)
        milestones = figs.png(chart) if chart is not None else None
    _image(doc, locator, LEFT, y, lw, lh)
    if milestones is not None:
        mx = LEFT + WIDTH - mw
        _label(doc, t("brief.milestones", lang), mx, y - 6, mw)
        _image(doc, milestones, mx, y, mw, mh)
    pdf.set_xy(LEFT, y + max(lh, mh if milestones else 0) + 2)
