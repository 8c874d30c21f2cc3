"""The plan page of the PDF briefing: the Gantt chart as a picture, then the late tasks grouped
by lead agency. Kept apart from the readiness briefing's layout: ``plan_page`` returns a function
that :func:`ocop_geo.readiness.export.briefing_pdf` calls with the document (``more_pages``)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ocop_geo.i18n import date as show_date
from ocop_geo.i18n import t
from ocop_geo.plan import gantt, matrix, rows
from ocop_geo.plan.progress import TaskStatus
from ocop_geo.plan.records import Plan

FONT = "NotoSans"  # registered by the readiness briefing


def plan_page(
    progress: tuple[TaskStatus, ...], plan: Plan, as_of: date, lang: str
) -> Callable[[FPDF], None]:
    """A function that adds the plan page to a briefing (the chart is rendered here, once)."""
    frame = gantt.gantt_frame(progress, plan, lang)
    png = gantt.gantt_png(gantt.gantt_chart(frame, as_of, lang, width=520))
    groups = matrix.late_by_lead(plan, progress)

    def add(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.set_font(FONT, "B", 14)
        title = t("plan.pdf_title", lang, date=show_date(as_of.isoformat(), lang))
        pdf.multi_cell(0, 7, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
        pdf.image(io.BytesIO(png), w=pdf.epw * 0.8)
        pdf.ln(2)
        if not groups:
            pdf.set_font(FONT, "", 10)
            pdf.multi_cell(0, 5, t("plan.pdf_none", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for agency_id, late in groups.items():
            pdf.set_font(FONT, "B", 10)
            pdf.multi_cell(0, 5, plan.agency(agency_id).name(lang),
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
            pdf.set_font(FONT, "", 8.5)
            for status in late:
                task = status.task
                line = (f"• {task.number}. {task.title(lang)} — {task.period_vi} — "
                        f"{rows.status_text(status, lang)}")  # fmt: skip
                pdf.multi_cell(0, 4.2, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.5)

    return add
