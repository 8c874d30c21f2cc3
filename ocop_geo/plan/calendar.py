"""The plan's planned periods as an iCalendar file (RFC 5545) an agency can import.

One all-day event per task (``DTEND`` exclusive: the day after the last day of the end month),
with the plan's wording of the task and its result, the lead and cooperating units, and a stable
``UID`` so re-importing updates the events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from ocop_geo.plan.records import Plan, PlanTask

PRODID = "-//OCOP Geo//KH 100/KH-UBND plan tasks//VI"


def task_event(task: PlanTask, plan: Plan, stamp: datetime) -> Event:
    """The all-day event of ``task``'s planned period (``stamp``: when the file was made)."""
    event = Event()
    event.add("uid", f"kh100-2020-task-{task.number:02d}@ocop-geo")
    event.add("dtstamp", stamp)
    event.add("summary", f"KH 100 — {task.number}. {task.title_vi}")
    event.add("dtstart", task.planned_start)
    event.add("dtend", task.planned_end + timedelta(days=1))
    lead = plan.agency(task.lead).name_vi
    event.add(
        "description",
        "\n".join(
            (
                f"Kết quả cần đạt được: {task.result_vi}",
                f"Thời gian dự kiến: {task.period_vi}",
                f"Đơn vị chủ trì: {lead}",
                f"Đơn vị phối hợp: {task.cooperating_vi}",
                f"Nguồn: {task.source}",
            )
        ),
    )
    event.add("categories", [f"KH100-{task.section}", task.lead])
    return event


def plan_calendar(plan: Plan, tasks: Iterable[PlanTask], *, stamp: datetime | None = None) -> bytes:
    """The calendar of ``tasks`` (UTF-8 bytes); ``stamp`` (UTC, default now) is each DTSTAMP."""
    stamp = stamp or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "KH 100/KH-UBND (15/5/2020)")
    for task in tasks:
        cal.add_component(task_event(task, plan, stamp))
    return cal.to_ical()
