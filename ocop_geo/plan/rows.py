"""The plan's tasks as rows: for the page's tables, CSV, JSON and the Excel sheet.

:func:`task_record` is the machine form (ids, ISO dates, status codes: ``ocop-geo plan --format
json`` and ``ocop-geo readiness --format json``); :func:`task_rows` the human one, in a language.
"""

from __future__ import annotations

from typing import Any

from ocop_geo.i18n import date as show_date
from ocop_geo.i18n import t
from ocop_geo.plan.progress import TaskStatus
from ocop_geo.plan.records import Plan

#: The columns of :func:`task_rows` (headings: ``plan.col.<name>``).
ROW_COLUMNS = (
    "task",
    "section",
    "title",
    "period",
    "lead",
    "status",
    "done_parts",
    "done_date",
    "late",
    "cooperating",
)


def task_record(status: TaskStatus) -> dict[str, Any]:
    """One task as of the day, for JSON: planned months, status, late flag and every part."""
    task = status.task
    return {
        "task": task.number,
        "section": task.section,
        "title_vi": task.title_vi,
        "title_en": task.title_en,
        "period_vi": task.period_vi,
        "planned_start": f"{task.planned_start:%Y-%m}",
        "planned_end": f"{task.planned_end:%Y-%m}",
        "lead": task.lead,
        "cooperating": list(task.cooperating),
        "status": status.status,
        "done": status.done,
        "done_date": status.done_date.isoformat() if status.done_date else None,
        "late": status.late,
        "parts": [
            {
                "site": p.site_id,
                "status": p.as_of,
                "done": p.done,
                "evidence_url": p.state.evidence_url,
                "evidence_date": p.state.evidence_date.isoformat()
                if p.state.evidence_date
                else None,
                "note": p.state.note,
            }
            for p in status.parts
        ],
        "source": task.source,
    }


def status_text(status: TaskStatus, lang: str) -> str:
    """The task's status as of the day in words (``late`` added when it is)."""
    if status.status == "done_later":
        when = max((p.done_date for p in status.parts if p.done_date), default=None)
        text = t(
            "ready.status.done_later", lang, date=show_date(when.isoformat(), lang) if when else "—"
        )
    else:
        text = t(f"ready.status.{status.status}", lang)
    return f"{text} — {t('ready.late', lang)}" if status.late else text


def task_rows(progress: tuple[TaskStatus, ...], plan: Plan, lang: str) -> list[dict[str, Any]]:
    """One row per task (keys :data:`ROW_COLUMNS`), texts in ``lang``."""
    rows = []
    for status in progress:
        task = status.task
        names = [plan.agency(a).name(lang) for a in task.cooperating]
        rows.append(
            {
                "task": task.number,
                "section": task.section,
                "title": task.title(lang),
                "period": _period(status, lang),
                "lead": plan.agency(task.lead).name(lang),
                "status": status_text(status, lang),
                "done_parts": f"{status.done_parts}/{len(status.applicable)}",
                "done_date": show_date(status.done_date.isoformat(), lang)
                if status.done_date
                else "",
                "late": t("plan.yes", lang) if status.late else "",
                "cooperating": "; ".join(names),
            }
        )
    return rows


def _period(status: TaskStatus, lang: str) -> str:
    task = status.task
    start, end = f"{task.planned_start:%Y-%m}", f"{task.planned_end:%Y-%m}"
    if start == end:
        return show_date(start, lang)
    return f"{show_date(start, lang)}–{show_date(end, lang)}"
